"""Open a Data Docs page in headless Chromium, offline, and report what failed to load.

    python -m expectations.browser_check PATH/TO/index.html [--screenshot OUT.png]
        [--chromium /usr/bin/chromium] [--all-pages]

Chromium runs headless with its network cut off (every host name resolves to nothing)
and is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`), so no
port is opened and nothing beyond the standard library is needed. For each page it
reports every request that failed (missing local files, any http(s) request at all),
every request to the network even if it had succeeded, and uncaught JavaScript errors
and console errors; it saves a screenshot of the first page. Exit status 0 when the
pages are clean, 1 when something failed, 2 when Chromium could not be run. Install
Chromium from Debian with `apt-get install chromium`.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1280,1400",
    "--remote-debugging-pipe",
)
SETTLE_SECONDS = 1.0


@dataclass
class PageReport:
    url: str
    loaded: bool = False
    failed: list[str] = field(default_factory=list)  # "url: net error"
    remote: list[str] = field(default_factory=list)  # http(s) requests attempted
    errors: list[str] = field(default_factory=list)  # JS exceptions and console errors
    title: str = ""
    text_chars: int = 0

    @property
    def clean(self) -> bool:
        return self.loaded and not (self.failed or self.remote or self.errors)


class DevTools:
    """A minimal DevTools-protocol client over Chromium's fd 3 (in) / fd 4 (out) pipe."""

    def __init__(self, chromium: str, user_data_dir: str) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_pipes() -> None:  # in the child, before exec: fds 3 and 4
            high_in, high_out = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary and flags
            [chromium, *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire_pipes,  # noqa: PLW1509 - single-threaded caller
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _read(self, timeout: float) -> dict[str, Any] | None:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_chrome], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str = "", timeout=30.0
    ) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = self._read(deadline - time.monotonic())
            if message is None:
                break
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)
        raise TimeoutError(f"{method}: no answer from Chromium in {timeout} s")

    def pump(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            message = self._read(left)
            if message is None:
                return
            if "method" in message:
                self.events.append(message)

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self._to_chrome)
            os.close(self._from_chrome)


def _check_page(tools: DevTools, session: str, url: str, timeout: float) -> PageReport:
    report = PageReport(url=url)
    tools.events.clear()
    tools.call("Page.navigate", {"url": url}, session)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not report.loaded:
        tools.pump(0.2)
        report.loaded = any(e["method"] == "Page.loadEventFired" for e in tools.events)
    tools.pump(SETTLE_SECONDS)  # late requests and script errors after load
    urls: dict[str, str] = {}
    for event in tools.events:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            request_url = params["request"]["url"]
            urls[params["requestId"]] = request_url
            if request_url.startswith(("http://", "https://", "ws://", "wss://")):
                report.remote.append(request_url)
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            failed_url = urls.get(params["requestId"], params["requestId"])
            report.failed.append(f"{failed_url}: {params.get('errorText', 'failed')}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            description = details.get("exception", {}).get("description") or details.get("text")
            report.errors.append(f"exception: {description}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            entry = params["entry"]
            report.errors.append(f"console: {entry.get('text')} ({entry.get('url', '')})")
    facts = tools.call(
        "Runtime.evaluate",
        {"expression": "[document.title, document.body.innerText.length]", "returnByValue": True},
        session,
    )
    report.title, report.text_chars = facts.get("result", {}).get("value", ["", 0])
    return report


def check_pages(
    pages: list[Path],
    *,
    screenshot: Path | None = None,
    chromium: str = CHROMIUM,
    timeout: float = 30.0,
) -> list[PageReport]:
    """Open each page in one headless Chromium; a screenshot of the first if asked."""
    if not Path(chromium).exists() and shutil.which(chromium) is None:
        raise FileNotFoundError(f"{chromium}: not found (apt-get install chromium)")
    reports: list[PageReport] = []
    with tempfile.TemporaryDirectory(prefix="newsdesk-chromium-") as profile:
        tools = DevTools(chromium, profile)
        try:
            targets = tools.call("Target.getTargets")["targetInfos"]
            page_target = next(t for t in targets if t["type"] == "page")
            session = tools.call(
                "Target.attachToTarget", {"targetId": page_target["targetId"], "flatten": True}
            )["sessionId"]
            for domain in ("Page", "Network", "Runtime", "Log"):
                tools.call(f"{domain}.enable", {}, session)
            for index, page in enumerate(pages):
                reports.append(_check_page(tools, session, page.resolve().as_uri(), timeout))
                if index == 0 and screenshot is not None:
                    shot = tools.call(
                        "Page.captureScreenshot",
                        {"format": "png", "captureBeyondViewport": False},
                        session,
                    )
                    screenshot.write_bytes(base64.b64decode(shot["data"]))
        finally:
            tools.close()
    return reports


def site_pages(index: Path) -> list[Path]:
    """The index page, then every other page of its site."""
    others = sorted(p for p in index.parent.rglob("*.html") if p != index)
    return [index, *others]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expectations.browser_check")
    parser.add_argument("index", type=Path, help="the Data Docs index.html")
    parser.add_argument("--screenshot", type=Path, default=None, help="PNG of the first page")
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--all-pages", action="store_true", help="every page of the site")
    args = parser.parse_args(argv)
    if not args.index.is_file():
        print(f"{args.index}: no such page", file=sys.stderr)
        return 2
    pages = site_pages(args.index) if args.all_pages else [args.index]
    try:
        reports = check_pages(pages, screenshot=args.screenshot, chromium=args.chromium)
    except (OSError, RuntimeError, TimeoutError) as exc:
        print(f"browser check could not run: {exc}", file=sys.stderr)
        return 2
    for report in reports:
        verdict = "ok" if report.clean else "PROBLEMS"
        print(f"{verdict}: {report.url} ({report.title!r}, {report.text_chars} chars of text)")
        if not report.loaded:
            print("  page did not finish loading")
        for line in report.failed:
            print(f"  failed load: {line}")
        for line in report.remote:
            print(f"  network request: {line}")
        for line in report.errors:
            print(f"  {line}")
    if args.screenshot is not None:
        print(f"screenshot: {args.screenshot}")
    return 0 if all(r.clean for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
