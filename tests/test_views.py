"""The analysts' views on a small warehouse: the seed plus a second outlet's story that
repeats Mr Rutte's words a day later and names him only as "Mr Rutte"."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.conftest import REPO

SECOND_STORY = """---
title: Nato chief repeats call for a durable peace
published: 2025-02-14
source: other.example
---
Mr Rutte spoke again in Brussels on Friday.
"It is crucial that whatever comes out of those talks, it is durable, it is enduring," \
Mr Rutte told reporters.
"""

# Two undated stories (no date anywhere) carrying the same words of a diplomat, and the
# same three words of an aide.
UNDATED_STORIES = {
    f"talks-{source}.md": f"""---
title: Talks to resume
source: {source}.example
---
"Talks will resume in Riyadh next week," a diplomat said{where}.
"We will see," an aide added.
"""
    for source, where in (("third", ""), ("fourth", " in Geneva"))
}


@pytest.fixture(scope="module")
def views_warehouse(prefect_api, tmp_path_factory) -> Path:
    inbox = tmp_path_factory.mktemp("inbox")
    for name in ("000_e40a64f6351f623d.txt", "000_e40a64f6351f623d.meta.json"):
        shutil.copyfile(REPO / "samples" / name, inbox / name)
    (inbox / "rutte-again.md").write_text(SECOND_STORY, encoding="utf-8")
    for name, story in UNDATED_STORIES.items():
        (inbox / name).write_text(story, encoding="utf-8")
    warehouse = tmp_path_factory.mktemp("wh") / "newsdesk.duckdb"
    result = CliRunner().invoke(app, ["run", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    return warehouse


@pytest.fixture()
def con(views_warehouse):
    with duckdb.connect(str(views_warehouse), read_only=True) as connection:
        yield connection


def test_a_surname_only_article_joins_the_known_person(con):
    rows = con.execute(
        "SELECT a.title, m.text, m.entity_name FROM entity_mentions m "
        "JOIN articles a USING (article_id) WHERE a.source = 'other.example' "
        "AND m.label = 'PERSON' ORDER BY m.start_char"
    ).fetchall()
    assert {(text, name) for _, text, name in rows} == {("Rutte", "Mark Rutte")}
    [(n_articles, aliases)] = con.execute(
        "SELECT n_articles, aliases FROM entities WHERE name = 'Mark Rutte'"
    ).fetchall()
    assert n_articles == 2
    assert aliases == ["Mark Rutte", "Rutte"]


def test_quote_spread_lists_the_quote_both_outlets_carried(con):
    rows = con.execute(
        "SELECT quote, speaker, n_articles, first_seen, last_seen, sources FROM quote_spread "
        "ORDER BY quote"
    ).fetchall()
    assert rows == [
        (
            "It is crucial that whatever comes out of those talks, it is durable, it is enduring",
            "Mark Rutte",
            2,
            date(2025, 2, 13),
            date(2025, 2, 14),
            ["newscabal.co.uk", "other.example"],
        ),
        # undated articles still show the words and who said them
        (
            "Talks will resume in Riyadh next week",
            "a diplomat",
            2,
            None,
            None,
            ["fourth.example", "third.example"],
        ),
        # not "We will see": three words that many say are not a quote that spread
    ]


def test_entity_timeline_places_the_seed_events(con):
    rows = set(
        con.execute(
            "SELECT entity, date_start, expression FROM entity_timeline "
            "WHERE title LIKE 'Trump holds calls%'"
        ).fetchall()
    )
    wednesday, friday = date(2025, 2, 12), date(2025, 2, 14)
    for person in ("Donald Trump", "Vladimir Putin", "Volodymyr Zelenskiy"):
        assert (person, wednesday, "Wednesday") in rows
    for person in ("Volodymyr Zelenskiy", "JD Vance", "Marco Rubio"):
        assert (person, friday, "Friday") in rows
    assert ("Donald Trump", friday, "Friday") not in rows


def test_every_quote_by_a_person_is_one_query(con):
    rows = con.execute(
        "SELECT quote, published_date FROM who_said_what WHERE speaker = 'Pete Hegseth' "
        "AND quote_type <> 'indirect' ORDER BY published_date, quote"
    ).fetchall()
    quotes = [quote for quote, _ in rows]
    assert any(
        q.startswith("We want, like you, a sovereign and prosperous Ukraine") for q in quotes
    )
    assert any("lead from the front" in q for q in quotes)


def test_top_entities_view_ranks_by_mentions(con):
    rows = con.execute(
        "SELECT name, label, ranked FROM top_entities ORDER BY ranked, name LIMIT 3"
    ).fetchall()
    assert rows[0] == ("Ukraine", "GPE", 1)
