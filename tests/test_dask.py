"""NLP batches sent to a Dask cluster give the same warehouse as an in-process run.

A real `distributed.LocalCluster` (2 worker processes), the real model, a real Prefect
run through the `newsdesk run --dask-address` command line, and real DuckDB files; the
tables are compared by content hash, leaving out run ids and timestamps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, corpus_path, table_fingerprints
from warehouse.loader import TABLES

ARTICLES = ("business_001.txt", "entertainment_002.txt", "politics_003.txt", "sport_004.txt")


def newsdesk_run(args: list[str], api_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PREFECT_API_URL": api_url, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "flows", "run", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ARTICLES:
        shutil.copy(corpus_path("bbc", "articles", name), folder / name)
    return folder


def test_dask_cluster_builds_the_same_tables(prefect_api, inbox, tmp_path, monkeypatch):
    from distributed import LocalCluster

    local = newsdesk_run(["inbox", "--warehouse", "local/n.duckdb"], prefect_api, tmp_path)
    assert local.returncode == 0, local.stdout + local.stderr

    # Dask workers report their task runs to the same Prefect API.
    monkeypatch.setenv("PREFECT_API_URL", prefect_api)
    monkeypatch.setenv("PYTHONPATH", str(REPO))
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        dask = newsdesk_run(
            ["inbox", "--warehouse", "dask/n.duckdb", "--dask-address", cluster.scheduler_address],
            prefect_api,
            tmp_path,
        )
    assert dask.returncode == 0, dask.stdout + dask.stderr

    expected = table_fingerprints(tmp_path / "local" / "n.duckdb", TABLES)
    assert expected["articles"][0] == len(ARTICLES)
    assert expected["entity_mentions"][0] > 0
    assert table_fingerprints(tmp_path / "dask" / "n.duckdb", TABLES) == expected


def test_chunks_and_local_workers_build_the_same_tables(prefect_api, inbox, tmp_path):
    """Validating and loading two articles at a time, in two local worker processes,
    loads the same rows as one chunk in one process (dq_results aside: the chunked run
    reports summed counts)."""
    from flows.nightly import nightly

    nightly(inbox=[str(inbox)], warehouse=str(tmp_path / "one" / "n.duckdb"))
    nightly(
        inbox=[str(inbox)],
        warehouse=str(tmp_path / "chunked" / "n.duckdb"),
        workers=2,
        batch_size=1,
        chunk_articles=2,
    )
    one = table_fingerprints(tmp_path / "one" / "n.duckdb", TABLES)
    chunked = table_fingerprints(tmp_path / "chunked" / "n.duckdb", TABLES)
    one.pop("dq_results")
    dq_rows = chunked.pop("dq_results")[0]
    assert chunked == one
    with duckdb.connect(str(tmp_path / "chunked" / "n.duckdb"), read_only=True) as con:
        per_expectation = con.execute(
            'SELECT count(*), count(DISTINCT (suite, expectation, "column")) FROM dq_results'
        ).fetchone()
        assert per_expectation == (dq_rows, dq_rows)
        assert con.execute("SELECT count(*) FROM runs").fetchone() == (1,)
        [(run_id,)] = con.execute("SELECT run_id FROM runs").fetchall()
    # Data Docs names each chunk's pages: four articles, two at a time
    index = (tmp_path / "chunked" / "n_dq").glob("gx/uncommitted/data_docs/*/index.html")
    site = next(index).read_text(encoding="utf-8")
    assert f"{run_id} chunk 1" in site and f"{run_id} chunk 2" in site
    assert f"{run_id} chunk 3" not in site


def test_a_blocking_failure_in_a_later_chunk_loads_none_of_the_run(
    prefect_api, inbox, tmp_path, monkeypatch
):
    """Four articles in two chunks over a warehouse that holds a first run: a duplicated
    quote key in the second chunk only blocks the run. The first chunk, already staged,
    is not published: the tables are those of the first run, and the run is recorded as
    failed with the failure in `dq_results`."""
    import polars as pl

    import transforms.tables as tables
    from flows.nightly import nightly

    warehouse = tmp_path / "w" / "n.duckdb"
    nightly(inbox=[str(inbox)], warehouse=str(warehouse))
    before = table_fingerprints(warehouse, ("articles", "quotes", "timeline"))

    original = tables.quotes_frame
    chunks: list[int] = []

    def duplicated_in_chunk_two(docs, *, run_id):
        frame = original(docs, run_id=run_id)
        if not docs:  # the run's empty frames, built once
            return frame
        chunks.append(len(docs))
        return pl.concat([frame, frame.head(1)]) if len(chunks) == 2 else frame

    monkeypatch.setattr(tables, "quotes_frame", duplicated_in_chunk_two)
    summary = nightly(
        inbox=[str(inbox)], warehouse=str(warehouse), reprocess=True, batch_size=1,
        chunk_articles=2,
    )  # fmt: skip
    assert chunks == [2, 2]
    assert summary.status == "failed_validation"
    assert table_fingerprints(warehouse, ("articles", "quotes", "timeline")) == before
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT status FROM runs ORDER BY started_at").fetchall() == [
            ("success",),
            ("failed_validation",),
        ]
        failed = con.execute(
            'SELECT suite, expectation, "column" FROM dq_results JOIN runs USING (run_id) '
            "WHERE runs.status = 'failed_validation' AND NOT success AND severity = 'block'"
        ).fetchall()
    assert failed == [("quotes", "expect_column_values_to_be_unique", "quote_id")]
