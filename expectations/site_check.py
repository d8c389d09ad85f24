"""Does a Data Docs site open offline with nothing missing? A check without a browser.

It reads every HTML page of the site and lists remote loads (scripts, stylesheets,
images, fonts from http(s)) and local references to files that do not exist.
Plain links to web pages (`<a href="https://...">`) are navigation, not loads.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _References(HTMLParser):
    """Collects (tag, attribute, url) of every resource and link in an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.refs.append((tag, name, value))
            if name == "style" and value:
                self.styles.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)['\"]")


def _is_remote(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") or url.startswith("//")


def page_references(page: Path) -> list[tuple[str, str, str]]:
    """(tag, attribute, url) of every src/href, plus ("style", "url", url) for CSS urls."""
    parser = _References()
    parser.feed(page.read_text(encoding="utf-8"))
    refs = list(parser.refs)
    for css in parser.styles:
        refs += [("style", "url", u) for u in _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)]
    return refs


def offline_problems(site_dir: Path) -> list[str]:
    """What stops the site from opening offline with nothing missing, one line each."""
    problems: list[str] = []
    for page in sorted(site_dir.rglob("*.html")):
        shown = page.relative_to(site_dir)
        for tag, attribute, url in page_references(page):
            if url.startswith(("#", "mailto:", "javascript:", "data:")):
                continue
            if _is_remote(url):
                if tag != "a":
                    problems.append(f"{shown}: <{tag} {attribute}> loads {url}")
                continue
            target = (page.parent / unquote(urlsplit(url).path)).resolve()
            if not target.is_relative_to(site_dir.resolve()):
                problems.append(f"{shown}: <{tag} {attribute}> points outside the site: {url}")
            elif not target.exists():
                problems.append(f"{shown}: <{tag} {attribute}> missing file {url}")
    return problems
