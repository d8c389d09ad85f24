"""What a run must do with the articles it read (new, changed, unchanged), and the
`articles`, `article_sources` and `quarantine` frames. Pure: frames in, frames out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from transforms.parsing import Article, Quarantined

ARTICLES_SCHEMA = {
    "article_id": pl.String,
    "external_id": pl.String,
    "source_path": pl.String,
    "content_sha256": pl.String,
    "title": pl.String,
    "text": pl.String,
    "published_date": pl.Date,
    "published_source": pl.String,
    "url": pl.String,
    "source": pl.String,
    "author": pl.String,
    "language": pl.String,
    "model_version": pl.String,
    "run_id": pl.String,
    "encoding": pl.String,
    "decode_replacements": pl.Int32,
}
ARTICLE_SOURCES_SCHEMA = {
    "source_path": pl.String,
    "source_item": pl.String,
    "content_sha256": pl.String,
    "article_id": pl.String,
    "run_id": pl.String,
}
# What the warehouse says was loaded from where (`warehouse/load/known_sources.sql`).
KNOWN_SOURCES_SCHEMA = {k: v for k, v in ARTICLE_SOURCES_SCHEMA.items() if k != "run_id"}
QUARANTINE_SCHEMA = {
    "source_path": pl.String,
    "content_sha256": pl.String,
    "reason": pl.String,
    "detail": pl.String,
    "run_id": pl.String,
}
PUBLISHED_SOURCES = ("metadata", "path", "dateline", "unknown")
RUN_STATS_SCHEMA = {
    "files_seen": pl.Int64,
    "files_quarantined": pl.Int64,
    "articles_seen": pl.Int64,
    "recent_articles_avg": pl.Float64,
}


@dataclass
class RunPlan:
    """The articles to analyse and the bookkeeping that goes with them."""

    to_analyse: list[Article] = field(default_factory=list)
    sources: list[Article] = field(default_factory=list)
    stale_article_ids: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    reprocessed: int = 0
    removed: int = 0
    out_of_range: int = 0  # left alone by --since


def unchanged_paths(known: pl.DataFrame, file_digests: dict[str, str]) -> set[str]:
    """Files whose bytes are exactly what was loaded before: skipped before parsing."""
    loaded = (
        known.group_by("source_path")
        .agg(pl.col("content_sha256").unique().alias("digests"))
        .filter(pl.col("digests").list.len() == 1)
        .select("source_path", pl.col("digests").list.first().alias("content_sha256"))
    )
    return {path for path, digest in loaded.iter_rows() if file_digests.get(path) == digest}


def plan_run(
    known: pl.DataFrame,
    parsed: list[Article],
    parsed_paths: set[str],
    skipped_paths: set[str],
    *,
    reprocess: bool = False,
    since: date | None = None,
) -> RunPlan:
    """Decide, per article read this run, whether the model must see it.

    `known` holds the warehouse's (source_path, source_item, content_sha256, article_id);
    `parsed_paths` are the files read this run, `skipped_paths` those left unread because
    their bytes had not changed. With `since`, articles published before it (or with no
    known date) are left exactly as they are in the warehouse.
    """
    plan = RunPlan()
    known_rows = known.rows(named=True)
    known_by_key = {(r["source_path"], r["source_item"]): r["article_id"] for r in known_rows}
    known_ids = {r["article_id"] for r in known_rows}
    plan.unchanged = len({r["article_id"] for r in known_rows if r["source_path"] in skipped_paths})

    seen: set[str] = set()
    for article in sorted(parsed, key=lambda a: (a.source_path, a.source_item)):
        if since is not None and (article.published_date is None or article.published_date < since):
            plan.out_of_range += 1
            if article.article_id in known_ids:
                plan.sources.append(article)
            continue
        plan.sources.append(article)
        if article.article_id in seen:
            continue
        seen.add(article.article_id)
        previous = known_by_key.get((article.source_path, article.source_item))
        if article.article_id in known_ids and not reprocess:
            plan.unchanged += 1
            continue
        if article.article_id in known_ids:
            plan.stale_article_ids.append(article.article_id)
        if previous is None:
            plan.new += 1
        elif previous == article.article_id:
            plan.reprocessed += 1
        else:
            plan.changed += 1
        plan.to_analyse.append(article)

    # Articles no source points to any more (their file changed or lost a line) go.
    # Sources in files read this run are replaced by what was parsed from them.
    remaining = {
        article_id for (path, _), article_id in known_by_key.items() if path not in parsed_paths
    } | {a.article_id for a in parsed}
    orphaned = sorted(
        {
            article_id
            for (path, _), article_id in known_by_key.items()
            if path in parsed_paths and article_id not in remaining
        }
    )
    plan.removed = len(orphaned)
    plan.stale_article_ids = sorted(set(plan.stale_article_ids) | set(orphaned))
    return plan


def records_frame(
    records: Sequence[object], schema: dict[str, Any], **constants: object
) -> pl.DataFrame:
    """Dataclass records as a frame of `schema`: each column is the record's attribute of
    that name, or one of the `constants` the run adds (run id, model version)."""
    columns = [name for name in schema if name not in constants]
    return pl.DataFrame(
        [{**{name: getattr(r, name) for name in columns}, **constants} for r in records],
        schema=schema,
    )


def articles_frame(articles: list[Article], *, model_version: str, run_id: str) -> pl.DataFrame:
    return records_frame(articles, ARTICLES_SCHEMA, model_version=model_version, run_id=run_id)


def article_sources_frame(articles: list[Article], *, run_id: str) -> pl.DataFrame:
    return records_frame(articles, ARTICLE_SOURCES_SCHEMA, run_id=run_id)


def quarantine_frame(items: list[Quarantined], *, run_id: str) -> pl.DataFrame:
    return records_frame(items, QUARANTINE_SCHEMA, run_id=run_id)


def run_stats_frame(
    plan: RunPlan, *, files_seen: int, files_quarantined: int, recent_articles_avg: float | None
) -> pl.DataFrame:
    """One row describing the run as a whole, for the volume and quarantine checks."""
    seen = plan.new + plan.changed + plan.unchanged + plan.reprocessed
    return pl.DataFrame(
        [
            {
                "files_seen": files_seen,
                "files_quarantined": files_quarantined,
                "articles_seen": seen,
                "recent_articles_avg": recent_articles_avg,
            }
        ],
        schema=RUN_STATS_SCHEMA,
    )
