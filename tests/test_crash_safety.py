"""Crashes and hostile storage lose nothing: runs killed with SIGKILL at random moments
converge to the tables of an uninterrupted run; a full disk or a read-only warehouse
folder gives a clear error and leaves the published warehouse intact."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import EXIT_WAREHOUSE, app
from tests.conftest import table_fingerprints
from tests.test_warehouse import SAMPLES, bbc_inbox, file_digest, newsdesk, run_to_end
from warehouse import loader

# Everything but the run's own bookkeeping, which differs between any two runs.
CONTENT_TABLES = tuple(
    t for t in loader.TABLES if t not in {"schema_version", "runs", "dq_results"}
)
KEYS = {
    "articles": "article_id",
    "entities": "entity_id",
    "entity_mentions": "mention_id",
    "quotes": "quote_id",
    "timeline": "event_id",
}
KILLS = 6


def duplicate_keys(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            table: con.table(table).aggregate(f"count(*) - count(DISTINCT {key})").fetchall()[0][0]
            for table, key in KEYS.items()
        }


def test_runs_killed_at_random_moments_converge_to_an_uninterrupted_run(prefect_api, tmp_path):
    names = [f"{topic}_{i:03d}.txt" for topic in ("business", "sport", "tech") for i in range(1, 9)]
    inbox = bbc_inbox(tmp_path / "inbox", names)
    reference = tmp_path / "reference" / "newsdesk.duckdb"
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(reference))
    assert code == 0, output
    expected = table_fingerprints(reference, CONTENT_TABLES)
    assert expected["articles"][0] == 24

    crashed = tmp_path / "crashed" / "newsdesk.duckdb"
    moments = random.Random(20250213)
    for _ in range(KILLS):
        process = newsdesk(prefect_api, "run", str(inbox), "--warehouse", str(crashed))
        time.sleep(moments.uniform(0.5, 12.0))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        if crashed.exists():  # it opens cleanly after every kill, with no duplicate keys
            assert set(duplicate_keys(crashed).values()) == {0}
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(crashed))
    assert code == 0, output
    assert table_fingerprints(crashed, CONTENT_TABLES) == expected
    assert set(duplicate_keys(crashed).values()) == {0}
    assert not list(crashed.parent.glob(".newsdesk.duckdb.staging-*"))


@pytest.fixture()
def small_mount(tmp_path) -> Iterator[Path]:
    """A real 6 MiB tmpfs (tests run as root, as CI does)."""
    mount_point = tmp_path / "mnt"
    mount_point.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount_point)], check=True)
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


@pytest.fixture(scope="module")
def seed_warehouse(prefect_api, tmp_path_factory) -> Path:
    warehouse = tmp_path_factory.mktemp("seed") / "newsdesk.duckdb"
    result = CliRunner().invoke(app, ["run", str(SAMPLES), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    return warehouse


def test_full_disk_gives_a_clear_error_and_keeps_the_published_warehouse(
    seed_warehouse, small_mount, tmp_path
):
    published = small_mount / "newsdesk.duckdb"
    shutil.copyfile(seed_warehouse, published)
    before = file_digest(published)
    inbox = bbc_inbox(tmp_path / "inbox", ["business_010.txt"])
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(published)])
    assert result.exit_code == EXIT_WAREHOUSE, result.output
    assert "No space left on device" in result.output
    assert str(published) in result.output
    assert file_digest(published) == before
    assert not list(small_mount.glob(".newsdesk.duckdb.staging-*"))


def test_read_only_warehouse_folder_gives_a_clear_error_and_keeps_the_warehouse(
    seed_warehouse, small_mount, tmp_path
):
    published = small_mount / "newsdesk.duckdb"
    shutil.copyfile(seed_warehouse, published)
    before = file_digest(published)
    subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], check=True)
    inbox = bbc_inbox(tmp_path / "inbox", ["business_011.txt"])
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(published)])
    assert result.exit_code == EXIT_WAREHOUSE, result.output
    assert "Read-only file system" in result.output
    assert file_digest(published) == before
