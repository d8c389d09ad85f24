"""The warehouse as a shared resource: migrations, staged publishing, readers that never
block the writer, killed runs, one writer at a time, reports and exports. Runs use real
`newsdesk run` processes against the session's temporary Prefect API."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import REPO, corpus_path
from transforms.tables import normalised_quote, stable_id
from warehouse import loader

SAMPLES = REPO / "samples"
COUNTED = ("articles", "entity_mentions", "quotes", "timeline", "runs")


def newsdesk(api_url: str, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PREFECT_API_URL": api_url}
    return subprocess.Popen(
        [sys.executable, "-m", "flows", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_to_end(api_url: str, *args: str) -> tuple[int, str]:
    process = newsdesk(api_url, "run", *args)
    output, _ = process.communicate(timeout=600)
    return process.returncode, output


def bbc_inbox(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(corpus_path("bbc", "articles", name), folder / name)
    return folder


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}  # noqa: S608


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def seeded(prefect_api, tmp_path_factory) -> Path:
    """A published warehouse holding the seed sample."""
    warehouse = tmp_path_factory.mktemp("seeded") / "newsdesk.duckdb"
    code, output = run_to_end(prefect_api, str(SAMPLES), "--warehouse", str(warehouse))
    assert code == 0, output
    return warehouse


@pytest.fixture()
def warehouse_copy(seeded, tmp_path) -> Path:
    target = tmp_path / "newsdesk.duckdb"
    shutil.copyfile(seeded, target)
    return target


def test_old_schema_is_upgraded_in_place_without_losing_rows(tmp_path):
    old = tmp_path / "v1.duckdb"
    with duckdb.connect(str(old)) as con:
        con.execute((REPO / "tests" / "fixtures" / "schema_v1.sql").read_text())
        con.execute("INSERT INTO schema_version VALUES (1, now())")
        con.execute(
            "INSERT INTO quotes (quote_id, article_id, text, start_char, end_char, quote_type,"
            " confidence, run_id) VALUES ('q1', 'a1', '“Lead from the FRONT”, he', 0, 9,"
            " 'direct', 0.9, 'r1')"
        )
    with duckdb.connect(str(old)) as con:
        loader.apply_schema(con)
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 4
        row = con.execute("SELECT quote_id, text, quote_key FROM quotes").fetchall()
        migrated_columns = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, column_name"
        ).fetchall()
    expected_key = (
        pl.DataFrame({"t": ["“Lead from the FRONT”, he"]})
        .with_columns(normalised_quote("t").alias("n"))
        .select(stable_id("qk_", "n"))
        .item()
    )
    assert row == [("q1", "“Lead from the FRONT”, he", expected_key)]
    fresh = tmp_path / "fresh.duckdb"
    with duckdb.connect(str(fresh)) as con:
        loader.apply_schema(con)
        fresh_columns = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "ORDER BY table_name, column_name"
        ).fetchall()
    assert migrated_columns == fresh_columns


def test_reader_holding_the_file_open_never_blocks_the_run(prefect_api, warehouse_copy, tmp_path):
    before = counts(warehouse_copy)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys\n"
            f"con = duckdb.connect({str(warehouse_copy)!r}, read_only=True)\n"
            "print(con.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True)\n"
            "sys.stdin.read()\n"
            "print(con.execute('SELECT count(*) FROM articles').fetchone()[0], flush=True)\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None
    assert reader.stdout.readline().strip() == "1"
    inbox = bbc_inbox(tmp_path / "inbox", ["business_001.txt", "sport_001.txt"])
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(warehouse_copy))
    # The reader's connection still sees its snapshot; it was never in the run's way.
    still, _ = reader.communicate("", timeout=60)
    assert code == 0, output
    assert still.strip() == "1"
    after = counts(warehouse_copy)
    assert after["articles"] == before["articles"] + 2
    assert after["runs"] == before["runs"] + 1


def test_pollers_only_ever_see_the_state_before_or_after(prefect_api, warehouse_copy, tmp_path):
    before = counts(warehouse_copy)
    log = tmp_path / "observed.jsonl"
    poller = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, json, os, time\n"
            f"path, log = {str(warehouse_copy)!r}, open({str(log)!r}, 'w')\n"
            f"tables = {list(COUNTED)!r}\n"
            "deadline = time.monotonic() + 300\n"
            "while time.monotonic() < deadline:\n"
            "    with duckdb.connect(path, read_only=True) as con:\n"
            "        seen = {t: con.execute('SELECT count(*) FROM ' + t).fetchone()[0]"
            " for t in tables}\n"
            "    log.write(json.dumps(seen) + '\\n'); log.flush()\n"
            "    if os.path.exists(path + '.stop-polling'):\n"
            "        break\n"
            "    time.sleep(0.05)\n",
        ]
    )
    inbox = bbc_inbox(tmp_path / "inbox", ["business_002.txt", "politics_001.txt", "tech_001.txt"])
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(warehouse_copy))
    after = counts(warehouse_copy)
    time.sleep(0.5)
    Path(str(warehouse_copy) + ".stop-polling").write_text("stop")
    poller.wait(timeout=60)
    assert code == 0, output
    observed = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(observed) > 5
    assert {json.dumps(o, sort_keys=True) for o in observed} <= {
        json.dumps(before, sort_keys=True),
        json.dumps(after, sort_keys=True),
    }
    assert observed[-1] == after != before


def test_killed_run_leaves_the_published_warehouse_exactly_as_it_was(
    prefect_api, warehouse_copy, tmp_path
):
    before = file_digest(warehouse_copy)
    inbox = bbc_inbox(tmp_path / "inbox", [f"entertainment_{i:03d}.txt" for i in range(1, 21)])
    process = newsdesk(prefect_api, "run", str(inbox), "--warehouse", str(warehouse_copy))
    staging_seen = False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not staging_seen:
        staging_seen = any(warehouse_copy.parent.glob(".newsdesk.duckdb.staging-*"))
        time.sleep(0.05)
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert staging_seen
    assert file_digest(warehouse_copy) == before
    assert counts(warehouse_copy)["articles"] == 1
    # The next run clears the leftover staging file and converges.
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(warehouse_copy))
    assert code == 0, output
    assert counts(warehouse_copy)["articles"] == 21
    assert not list(warehouse_copy.parent.glob(".newsdesk.duckdb.staging-*"))


def test_a_second_writer_waits_then_gives_up_with_a_clear_message(warehouse_copy):
    with loader.writer_lock(warehouse_copy):
        started = time.monotonic()
        with (
            pytest.raises(loader.WarehouseBusy, match="another newsdesk run is writing"),
            loader.writer_lock(warehouse_copy, wait_seconds=0.5),
        ):
            pass
        assert time.monotonic() - started >= 0.5
    with loader.writer_lock(warehouse_copy, wait_seconds=0):
        pass


def test_reports_bind_their_parameters(seeded):
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "report",
            "who_said_what",
            "--param",
            "speaker=Hegseth",
            "--format",
            "json",
            "--warehouse",
            str(seeded),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {r["speaker"] for r in rows} == {"Pete Hegseth"}
    assert any(r["quote"].startswith("We want, like you, a sovereign") for r in rows)
    hostile = runner.invoke(
        app,
        [
            "report",
            "who_said_what",
            "--param",
            "speaker=x'); DROP TABLE quotes; --",
            "--format",
            "json",
            "--warehouse",
            str(seeded),
        ],
    )
    assert hostile.exit_code == 0, hostile.output
    assert json.loads(hostile.output) == []
    assert counts(seeded)["quotes"] > 0
    unknown = runner.invoke(
        app, ["report", "who_said_what", "--param", "nope=1", "--warehouse", str(seeded)]
    )
    assert unknown.exit_code == 2
    assert "has no parameter nope" in unknown.output


@pytest.mark.parametrize(
    "name",
    [
        "who_said_what",
        "entity_timeline",
        "quote_spread",
        "top_speakers",
        "daily_mentions",
        "unattributed_quotes",
        "latest_dq",
    ],
)
def test_every_saved_report_runs(seeded, name):
    result = CliRunner().invoke(
        app, ["report", name, "--format", "csv", "--warehouse", str(seeded)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].count(",") >= 2


def test_top_speakers_counts_the_seed_quotes(seeded):
    result = CliRunner().invoke(
        app, ["report", "top_speakers", "--format", "json", "--warehouse", str(seeded)]
    )
    speakers = {r["speaker"]: r["n_quotes"] for r in json.loads(result.output)}
    assert speakers["Mark Rutte"] >= 3
    assert speakers["Pete Hegseth"] >= 2


def test_sql_is_read_only(seeded):
    result = CliRunner().invoke(app, ["sql", "DELETE FROM quotes", "--warehouse", str(seeded)])
    assert result.exit_code == 5
    assert "read-only" in result.output.lower()
    assert counts(seeded)["quotes"] > 0


@pytest.mark.parametrize(
    "statement",
    [
        "COPY quotes TO '{new}'",
        "SELECT * FROM read_csv('{csv}')",
        "ATTACH '{db}' AS other",
    ],
)
def test_sql_cannot_touch_files(seeded, tmp_path, statement):
    new, csv, db = tmp_path / "leak.csv", tmp_path / "secret.csv", tmp_path / "other.duckdb"
    csv.write_text("secret\ns3cr3t-value\n")
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE secret AS SELECT 's3cr3t-value' AS v")
    query = statement.format(new=new, csv=csv, db=db)
    result = CliRunner().invoke(app, ["sql", query, "--warehouse", str(seeded)])
    assert result.exit_code == 5, result.output
    assert "file system operations are disabled" in result.output
    assert not new.exists()
    assert "s3cr3t-value" not in result.output


def test_export_writes_every_table_as_parquet(seeded, tmp_path):
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--warehouse", str(seeded)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted(f"{t}.parquet" for t in loader.TABLES)
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 1
