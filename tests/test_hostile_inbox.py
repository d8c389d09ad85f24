"""One real run over an inbox of every kind of bad input (tests/test_inputs.py builds
it): the run finishes, every good file loads, every bad one has a quarantine row, and
hostile text is stored verbatim, as data."""

from __future__ import annotations

import duckdb
from typer.testing import CliRunner

from flows.cli import EXIT_QUARANTINED, app
from flows.inbox import read_inbox
from tests.test_inputs import HOSTILE, MAX_BYTES, build_inbox, empty_known


def test_a_run_over_broken_and_hostile_inputs_loads_every_good_file(prefect_api, tmp_path):
    inbox = build_inbox(tmp_path)
    expected = read_inbox([str(inbox)], empty_known(), max_bytes=MAX_BYTES, reprocess=False)
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        app, ["run", str(inbox), "--warehouse", str(warehouse), "--max-bytes", str(MAX_BYTES)]
    )
    assert result.exit_code == EXIT_QUARANTINED, result.output
    assert "Traceback" not in result.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = {row[0] for row in con.execute("SELECT article_id FROM articles").fetchall()}
        quarantined = con.execute(
            "SELECT source_path, reason FROM quarantine ORDER BY source_path"
        ).fetchall()
        hostile = con.execute("SELECT count(*) FROM articles WHERE text = ?", [HOSTILE]).fetchone()[
            0
        ]
        tables = {row[0] for row in con.execute("SHOW TABLES").fetchall()}
    assert loaded == {a.article_id for a in expected.parsed}
    assert len(loaded) >= 20
    assert sorted((q.source_path, q.reason) for q in expected.quarantined) == quarantined
    assert {reason for _, reason in quarantined} >= {"empty", "binary", "oversized", "unreadable"}
    assert hostile == 1  # the .txt and .json copies are one article
    assert "articles" in tables
    for path, reason in quarantined:
        assert f"quarantined {path}: {reason}" in result.output
    for note in expected.notes:
        assert f"note {note.source_path}: {note.kind} ({note.detail})" in result.output
    assert "unreadable_date" in {note.kind for note in expected.notes}
