"""The nightly flow on the bundled seed sample: a real Prefect run (test harness), the
real spaCy model, real Great Expectations validation and a real DuckDB file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO

SAMPLES = REPO / "samples"


@pytest.fixture(scope="module")
def seed_run(prefect_api, tmp_path_factory):
    """Two runs of the flow over the samples inbox; yields (warehouse, first, second)."""
    from flows.nightly import nightly

    warehouse = tmp_path_factory.mktemp("wh") / "newsdesk.duckdb"
    first = nightly(inbox=[str(SAMPLES)], warehouse=str(warehouse))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        counts_after_first = table_counts(con)
    second = nightly(inbox=[str(SAMPLES)], warehouse=str(warehouse))
    return warehouse, first, second, counts_after_first


TABLES = ("articles", "entities", "entity_mentions", "quotes", "timeline", "quarantine")


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # noqa: S608


@pytest.fixture()
def con(seed_run):
    warehouse = seed_run[0]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        yield connection


def quote_starting(con, prefix: str) -> tuple[str, str, str]:
    rows = con.execute(
        "SELECT text, speaker, speaker_name FROM quotes WHERE starts_with(text, ?)", [prefix]
    ).fetchall()
    assert len(rows) == 1, rows
    return rows[0]


def test_first_run_loads_the_seed_and_passes_data_quality(seed_run):
    _, first, _, counts = seed_run
    assert first.status == "success"
    assert (first.articles_new, first.articles_unchanged, first.files_seen) == (1, 0, 1)
    assert first.blocking_failures == []
    assert first.data_docs.is_file()
    assert counts["articles"] == 1
    assert counts["quotes"] >= 8
    assert counts["quarantine"] == 0


def test_seed_article_metadata_comes_from_the_sidecar(con):
    row = con.execute(
        "SELECT external_id, source_path, published_date, published_source, title FROM articles"
    ).fetchone()
    assert row[0] == "000_e40a64f6351f623d"
    assert row[1] == "samples/000_e40a64f6351f623d.txt"
    assert row[2] == date(2025, 2, 13)
    assert row[3] == "metadata"
    assert row[4].startswith("Trump holds calls with Putin")


def test_rutte_and_hegseth_quotes_are_attributed(con):
    _, _, rutte = quote_starting(con, "It is crucial that whatever comes out of those talks")
    assert rutte == "Mark Rutte"
    _, _, hegseth = quote_starting(con, "We want, like you, a sovereign and prosperous Ukraine")
    assert hegseth == "Pete Hegseth"


def test_weekdays_resolve_against_the_publication_date(con):
    rows = con.execute(
        "SELECT expression, value, date_start, date_end, anchor FROM timeline "
        "WHERE expression IN ('Wednesday', 'Friday') ORDER BY start_char"
    ).fetchall()
    resolved = {(expr, value, start, end, anchor) for expr, value, start, end, anchor in rows}
    assert (
        "Wednesday",
        "2025-02-12",
        date(2025, 2, 12),
        date(2025, 2, 12),
        "publication_date",
    ) in resolved
    assert (
        "Friday",
        "2025-02-14",
        date(2025, 2, 14),
        date(2025, 2, 14),
        "publication_date",
    ) in resolved
    assert {value for expr, value, *_ in rows if expr == "Wednesday"} == {"2025-02-12"}


def test_seed_persons_are_single_entities_with_canonical_names(con):
    people = [
        "Donald Trump",
        "Vladimir Putin",
        "Volodymyr Zelenskiy",
        "Mark Rutte",
        "Pete Hegseth",
        "Karoline Leavitt",
    ]
    rows = con.execute(
        "SELECT name, label FROM entities WHERE name IN (SELECT unnest(?)) ORDER BY name",
        [people],
    ).fetchall()
    assert rows == sorted((name, "PERSON") for name in people)
    # Each of them is one entity: no second entity carries their surname alone.
    surnames = [p.split()[-1] for p in people]
    strays = con.execute(
        "SELECT name, label FROM entities WHERE name IN (SELECT unnest(?))", [surnames]
    ).fetchall()
    assert strays == []


def test_every_row_points_at_its_own_text(con):
    for table, text_column in (
        ("entity_mentions", "text"),
        ("quotes", "text"),
        ("timeline", "expression"),
    ):
        mismatches = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE substr(a.text, t.start_char + 1, "  # noqa: S608
            f"t.end_char - t.start_char) <> t.{text_column}) "
            f"FROM {table} t JOIN articles a USING (article_id)"
        ).fetchone()
        assert mismatches[0] > 0, table
        assert mismatches[1] == 0, table


def test_second_run_loads_nothing_new_and_adds_a_run(seed_run, con):
    _, first, second, counts_after_first = seed_run
    assert (second.articles_new, second.articles_changed, second.articles_unchanged) == (0, 0, 1)
    assert table_counts(con) == counts_after_first
    runs = con.execute("SELECT run_id, status FROM runs ORDER BY started_at").fetchall()
    assert runs == [(first.run_id, "success"), (second.run_id, "success")]


def test_separate_read_only_connection_sees_who_said_what(seed_run):
    warehouse: Path = seed_run[0]
    with duckdb.connect(str(warehouse), read_only=True) as reader:
        rows = reader.execute(
            "SELECT speaker, quote FROM who_said_what ORDER BY speaker, quote"
        ).fetchall()
    assert (
        "Mark Rutte",
        "It is crucial that whatever comes out of those talks, it is durable, it is enduring",
    ) in rows
    assert any(
        s == "Karoline Leavitt" and q.startswith("I believe this nation views Putin")
        for s, q in rows
    )


def test_data_quality_results_are_recorded_per_expectation(con, seed_run):
    first = seed_run[1]
    rows = con.execute(
        'SELECT suite, expectation, "column", severity, success FROM dq_results '
        'WHERE run_id = ? ORDER BY suite, expectation, "column"',
        [first.run_id],
    ).fetchall()
    assert ("quotes", "expect_column_values_to_be_unique", "quote_id", "block", True) in rows
    assert {suite for suite, *_ in rows} == {
        "articles",
        "entities",
        "entity_mentions",
        "quotes",
        "timeline",
        "run",
    }
    assert all(success for *_, severity, success in rows if severity == "block")
