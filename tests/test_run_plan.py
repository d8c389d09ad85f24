from __future__ import annotations

from datetime import date

import polars as pl

from transforms.articles import plan_run, unchanged_paths
from transforms.parsing import parse_file

KNOWN_SCHEMA = {
    "source_path": pl.String,
    "source_item": pl.String,
    "content_sha256": pl.String,
    "article_id": pl.String,
}


def article(path: str, text: str):
    return parse_file(path, text.encode()).articles[0]


def known_from(articles) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "source_path": a.source_path,
                "source_item": a.source_item,
                "content_sha256": a.content_sha256,
                "article_id": a.article_id,
            }
            for a in articles
        ],
        schema=KNOWN_SCHEMA,
    )


def test_empty_warehouse_makes_everything_new():
    a, b = article("a.txt", "Alpha."), article("b.txt", "Beta.")
    plan = plan_run(known_from([]), [a, b], {"a.txt", "b.txt"}, set())
    assert [x.article_id for x in plan.to_analyse] == [a.article_id, b.article_id]
    assert (plan.new, plan.changed, plan.unchanged, plan.removed) == (2, 0, 0, 0)


def test_unchanged_files_are_skipped_before_parsing():
    a = article("a.txt", "Alpha.")
    known = known_from([a])
    assert unchanged_paths(known, {"a.txt": a.content_sha256, "b.txt": "f00"}) == {"a.txt"}
    plan = plan_run(known, [], set(), {"a.txt"})
    assert (plan.new, plan.unchanged, plan.to_analyse) == (0, 1, [])


def test_changed_file_replaces_its_old_article():
    old = article("a.txt", "Alpha.")
    new = article("a.txt", "Alpha, corrected.")
    plan = plan_run(known_from([old]), [new], {"a.txt"}, set())
    assert [x.article_id for x in plan.to_analyse] == [new.article_id]
    assert plan.stale_article_ids == [old.article_id]
    assert (plan.new, plan.changed, plan.removed) == (0, 1, 1)


def test_same_content_under_two_names_is_one_article_with_two_sources():
    a, copy = article("a.txt", "Alpha."), article("copy.txt", "Alpha.")
    plan = plan_run(known_from([]), [a, copy], {"a.txt", "copy.txt"}, set())
    assert len(plan.to_analyse) == 1
    assert [s.source_path for s in plan.sources] == ["a.txt", "copy.txt"]


def test_reprocess_reanalyses_known_articles_and_replaces_their_rows():
    a = article("a.txt", "Alpha.")
    plan = plan_run(known_from([a]), [a], {"a.txt"}, set(), reprocess=True)
    assert [x.article_id for x in plan.to_analyse] == [a.article_id]
    assert plan.stale_article_ids == [a.article_id]
    assert (plan.new, plan.reprocessed, plan.unchanged) == (0, 1, 0)


def test_since_leaves_older_and_undated_articles_alone():
    old = parse_file("2020-01-01/a.txt", b"Old news.").articles[0]
    new = parse_file("2025-02-13/b.txt", b"New news.").articles[0]
    undated = parse_file("c.txt", b"No date.").articles[0]
    plan = plan_run(
        known_from([old]),
        [old, new, undated],
        {old.source_path, new.source_path, undated.source_path},
        set(),
        reprocess=True,
        since=date(2025, 1, 1),
    )
    assert [a.article_id for a in plan.to_analyse] == [new.article_id]
    assert plan.stale_article_ids == []
    assert plan.out_of_range == 2
    # The older article keeps its source; the undated one was never loaded.
    assert {a.source_path for a in plan.sources} == {old.source_path, new.source_path}
