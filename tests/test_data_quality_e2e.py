"""The data-quality gate end to end: the real `newsdesk run` command (in process), a real
Prefect run (test harness), the real model, real Great Expectations validation and a
real DuckDB file. A clean run loads; a run whose quotes table carries a duplicate key
loads nothing and says why; a run with only warnings loads and reports them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

from expectations.site_check import offline_problems
from tests.conftest import REPO

DATA_TABLES = ("articles", "article_sources", "entities", "entity_mentions", "quotes", "timeline")
DUPLICATE_KEY = "quotes.expect_column_values_to_be_unique(quote_id)"
EXIT_FAILED_VALIDATION = 4


@dataclass
class Invocation:
    exit_code: int
    output: str


@dataclass
class Snapshot:
    counts: dict[str, int]
    digest: str


def snapshot(warehouse: Path) -> Snapshot:
    """Row counts and a hash of every row of the tables analysts read."""
    digest = hashlib.sha256()
    counts = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for table in DATA_TABLES:
            rows = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()  # noqa: S608
            counts[table] = len(rows)
            digest.update(f"{table}:{rows!r}".encode())
    return Snapshot(counts, digest.hexdigest())


def invoke(args: list[str]) -> Invocation:
    from flows.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=False)
    output = result.output
    stderr = getattr(result, "stderr", "") if getattr(result, "stderr_bytes", None) else ""
    if stderr and stderr not in output:
        output += stderr
    return Invocation(result.exit_code, output)


@pytest.fixture(scope="module")
def prefect_api() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    saved = dict(os.environ)
    try:
        with prefect_test_harness(server_startup_timeout=120):
            yield
    finally:  # `newsdesk run` sets its quiet defaults in the environment
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def runs(prefect_api: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Three runs of `newsdesk run samples` on one warehouse: clean, then --reprocess
    with a duplicated quote row, then --reprocess with every speaker unresolved."""
    import transforms.tables as tables

    warehouse = tmp_path_factory.mktemp("dq") / "w.duckdb"
    command = ["run", "samples", "--warehouse", str(warehouse)]
    original = tables.quotes_frame
    out: dict[str, object] = {"warehouse": warehouse}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        out["clean"] = invoke(command)
        out["before"] = snapshot(warehouse)

        def duplicated(docs: list[tables.DocRows], *, run_id: str) -> pl.LazyFrame:
            frame = original(docs, run_id=run_id)
            return pl.concat([frame, frame.head(1)])

        patch.setattr(tables, "quotes_frame", duplicated)
        out["blocked"] = invoke([*command, "--reprocess"])
        out["after_blocked"] = snapshot(warehouse)

        def unresolved(docs: list[tables.DocRows], *, run_id: str) -> pl.LazyFrame:
            frame = original(docs, run_id=run_id)
            return frame.with_columns(pl.lit(None, dtype=pl.String).alias("speaker_entity_id"))

        patch.setattr(tables, "quotes_frame", unresolved)
        out["warned"] = invoke([*command, "--reprocess"])
        out["after_warned"] = snapshot(warehouse)
    return out


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_clean_run_loads_and_passes(runs: dict[str, object]) -> None:
    clean = runs["clean"]
    assert isinstance(clean, Invocation)
    assert clean.exit_code == 0, clean.output
    assert "0 blocking failures" in clean.output
    before = runs["before"]
    assert isinstance(before, Snapshot)
    assert before.counts["articles"] == 1 and before.counts["quotes"] >= 1


def test_duplicate_key_blocks_the_load(runs: dict[str, object]) -> None:
    blocked, warehouse = runs["blocked"], runs["warehouse"]
    assert isinstance(blocked, Invocation) and isinstance(warehouse, Path)
    assert blocked.exit_code == EXIT_FAILED_VALIDATION, blocked.output
    assert "failed_validation" in blocked.output
    assert f"BLOCK {DUPLICATE_KEY}" in blocked.output
    docs = warehouse.with_name("w_dq") / "gx/uncommitted/data_docs/local_site/index.html"
    assert f"data docs: {docs}" in blocked.output
    assert docs.is_file()
    assert "nothing loaded" in blocked.output


def test_blocked_run_leaves_the_published_tables_unchanged(runs: dict[str, object]) -> None:
    assert runs["after_blocked"] == runs["before"]


def test_blocked_run_is_recorded_with_its_reason_and_results(runs: dict[str, object]) -> None:
    warehouse = runs["warehouse"]
    assert isinstance(warehouse, Path)
    failed = query(
        warehouse,
        "SELECT run_id, status_detail FROM runs WHERE status = 'failed_validation'",
    )
    assert len(failed) == 1
    run_id, detail = failed[0]
    assert DUPLICATE_KEY in str(detail)
    rows = query(
        warehouse,
        'SELECT suite, expectation, "column", severity, success FROM dq_results '
        f"WHERE run_id = '{run_id}' AND NOT success",  # noqa: S608 - our own run id
    )
    # the duplicate is the one blocking failure; warnings the sample may raise (its share
    # of quotes without a resolved speaker) are recorded beside it
    blocking = [row for row in rows if row[3] == "block"]
    assert blocking == [("quotes", "expect_column_values_to_be_unique", "quote_id", "block", False)]
    assert {row[3] for row in rows} <= {"block", "warn"}
    [(total,)] = query(warehouse, f"SELECT count(*) FROM dq_results WHERE run_id = '{run_id}'")  # noqa: S608
    from expectations.suites import SUITES

    assert total == sum(len(checks) for checks in SUITES.values())


def test_warnings_load_and_are_reported(runs: dict[str, object]) -> None:
    warned, warehouse = runs["warned"], runs["warehouse"]
    assert isinstance(warned, Invocation) and isinstance(warehouse, Path)
    assert warned.exit_code == 0, warned.output
    assert "0 blocking failures" in warned.output
    assert "warn  quotes.expect_column_values_to_not_be_null(speaker_entity_id)" in warned.output
    after = runs["after_warned"]
    before = runs["before"]
    assert isinstance(after, Snapshot) and isinstance(before, Snapshot)
    assert after.counts == before.counts and after.digest != before.digest  # it loaded
    [(resolved,)] = query(warehouse, "SELECT count(speaker_entity_id) FROM quotes")
    assert resolved == 0
    [(status, run_id)] = query(
        warehouse, "SELECT status, run_id FROM runs ORDER BY finished_at DESC LIMIT 1"
    )
    assert status == "success"
    rows = query(
        warehouse,
        f"SELECT suite, \"column\", severity FROM dq_results WHERE run_id = '{run_id}' "  # noqa: S608
        "AND NOT success",
    )
    assert rows == [("quotes", "speaker_entity_id", "warn")]


def test_the_run_data_docs_open_offline(runs: dict[str, object]) -> None:
    warehouse = runs["warehouse"]
    assert isinstance(warehouse, Path)
    site = warehouse.with_name("w_dq") / "gx/uncommitted/data_docs/local_site"
    assert offline_problems(site) == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count("validations/quotes/") == 3  # one row per run
