"""`newsdesk doctor`: can this machine run the nightly flow? Each check says what it
found and, when it fails, what to do."""

from __future__ import annotations

import importlib.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

MIN_FREE_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


def check_model(model: str) -> Finding:
    if importlib.util.find_spec(model) is None:
        return Finding(
            "model", False, f"{model} is not installed (pip install -e . installs the pinned one)"
        )
    from transforms.pipeline import model_version

    return Finding("model", True, f"{model_version(model)} installed")


def check_warehouse(path: Path) -> list[Finding]:
    from warehouse import loader

    folder = path.parent if str(path.parent) else Path(".")
    findings = []
    probe = folder / f".newsdesk-doctor-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
        findings.append(Finding("warehouse folder", True, f"{folder} is writable"))
    except OSError as exc:
        findings.append(Finding("warehouse folder", False, f"{folder} is not writable: {exc}"))
    if not path.exists():
        findings.append(
            Finding("schema", True, f"{path} does not exist yet; the first run creates it")
        )
        return findings
    try:
        with loader.connect(path, read_only=True) as con:
            version = loader.schema_version(con)
    except loader.WarehouseError as exc:
        findings.append(Finding("schema", False, str(exc)))
        return findings
    latest = loader.latest_version()
    if version == latest:
        findings.append(Finding("schema", True, f"version {version} (current)"))
    else:
        findings.append(
            Finding("schema", True, f"version {version}; the next run upgrades it to {latest}")
        )
    return findings


def check_prefect_api() -> Finding:
    url = os.environ.get("PREFECT_API_URL")
    if not url:
        from prefect.settings import PREFECT_API_URL

        url = PREFECT_API_URL.value()
    if not url:
        return Finding(
            "prefect api", True, "none set: each run starts a temporary local API (ephemeral mode)"
        )
    import httpx

    try:
        response = httpx.get(url.rstrip("/") + "/health", timeout=5)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        return Finding("prefect api", False, f"{url} does not answer: {exc}")
    return Finding("prefect api", True, f"{url} is healthy")


def check_disk(path: Path) -> Finding:
    folder = path.parent if path.parent.exists() else Path(".")
    free = shutil.disk_usage(folder).free
    ok = free >= MIN_FREE_BYTES
    detail = f"{free / 1024**3:.1f} GiB free in {folder.resolve()}"
    if not ok:
        need = MIN_FREE_BYTES // 1024**3
        detail += f" (a run stages a copy of the warehouse: keep at least {need} GiB)"
    return Finding("disk space", ok, detail)


def diagnose(warehouse: Path, model: str) -> list[Finding]:
    return [
        check_model(model),
        *check_warehouse(warehouse),
        check_prefect_api(),
        check_disk(warehouse),
    ]
