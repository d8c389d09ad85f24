"""Processed docs -> the run's entity, mention, quote and timeline frames.

`doc_rows` is the one pure function from a Doc to rows; the extractors behind it live one
module per table (entities, quotes, timeline). The builders here only add keys, run ids
and types, so the row logic can be tested on a Doc alone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl
from spacy.tokens import Doc

from transforms import entities, quotes, timeline

MENTIONS_SCHEMA = {
    "article_id": pl.String,
    "entity_id": pl.String,
    "entity_name": pl.String,
    "entity_label": pl.String,
    "text": pl.String,
    "label": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "sentence_index": pl.Int32,
}
QUOTES_SCHEMA = {
    "article_id": pl.String,
    "text": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "quote_type": pl.String,
    "speaker": pl.String,
    "speaker_start": pl.Int32,
    "speaker_end": pl.Int32,
    "speaker_entity_id": pl.String,
    "speaker_name": pl.String,
    "cue": pl.String,
    "confidence": pl.Float64,
}
TIMELINE_SCHEMA = {
    "article_id": pl.String,
    "expression": pl.String,
    "start_char": pl.Int32,
    "end_char": pl.Int32,
    "timex_type": pl.String,
    "value": pl.String,
    "date_start": pl.Date,
    "date_end": pl.Date,
    "granularity": pl.String,
    "anchor": pl.String,
    "event_text": pl.String,
    "entity_ids": pl.List(pl.String),
}
ENTITIES_SCHEMA = {
    "entity_id": pl.String,
    "name": pl.String,
    "label": pl.String,
    "aliases": pl.List(pl.String),
    "n_mentions": pl.Int32,
    "n_articles": pl.Int32,
    "first_seen": pl.Date,
    "last_seen": pl.Date,
    "run_id": pl.String,
}
QUOTE_TYPES = ("direct", "partial", "mixed", "indirect")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORS = ("absolute", "publication_date", "unresolved")


@dataclass(frozen=True)
class DocRows:
    """Everything newsdesk keeps from one processed article."""

    article_id: str
    mentions: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    timeline: list[dict[str, Any]]


def doc_rows(doc: Doc, article_id: str, published: date | None) -> DocRows:
    mentions = entities.mention_rows(doc)
    return DocRows(
        article_id=article_id,
        mentions=mentions,
        quotes=quotes.quote_rows(doc, mentions),
        timeline=timeline.timeline_rows(doc, published, mentions),
    )


def _sha_ids(prefix: str, keys: pl.Series) -> pl.Series:
    return pl.Series(
        [prefix + hashlib.sha256(k.encode("utf-8")).hexdigest()[:16] for k in keys],
        dtype=pl.String,
    )


def stable_id(prefix: str, *columns: str) -> pl.Expr:
    """A key derived from the row's identity, the same on every run and machine."""
    return pl.concat_str(
        [pl.col(c).cast(pl.String) for c in columns], separator="\x1f"
    ).map_batches(lambda keys: _sha_ids(prefix, keys), return_dtype=pl.String)


def _rows_frame(docs: list[DocRows], attribute: str, schema: dict[str, Any]) -> pl.LazyFrame:
    rows = [{**row, "article_id": d.article_id} for d in docs for row in getattr(d, attribute)]
    return pl.LazyFrame([{k: row.get(k) for k in schema} for row in rows], schema=schema)


def mentions_frame(docs: list[DocRows], *, run_id: str) -> pl.LazyFrame:
    return _rows_frame(docs, "mentions", MENTIONS_SCHEMA).select(
        stable_id("men_", "article_id", "start_char", "end_char").alias("mention_id"),
        pl.all(),
        pl.lit(run_id).alias("run_id"),
    )


def normalised_quote(column: str) -> pl.Expr:
    """Quote text reduced to lower-case words, so the same quote matches across outlets
    whatever their quotation marks, punctuation, case or spacing."""
    return (
        pl.col(column).str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    )


def quotes_frame(docs: list[DocRows], *, run_id: str) -> pl.LazyFrame:
    return (
        _rows_frame(docs, "quotes", QUOTES_SCHEMA)
        .with_columns(normalised_quote("text").alias("_normalised"))
        .select(
            stable_id("quo_", "article_id", "start_char", "end_char", "quote_type").alias(
                "quote_id"
            ),
            pl.all().exclude("_normalised"),
            stable_id("qk_", "_normalised").alias("quote_key"),
            pl.lit(run_id).alias("run_id"),
        )
    )


def timeline_frame(docs: list[DocRows], *, run_id: str) -> pl.LazyFrame:
    return _rows_frame(docs, "timeline", TIMELINE_SCHEMA).select(
        stable_id("tim_", "article_id", "start_char", "end_char").alias("event_id"),
        pl.all(),
        pl.lit(run_id).alias("run_id"),
    )


def entities_frame(mentions: pl.LazyFrame, articles: pl.LazyFrame, *, run_id: str) -> pl.LazyFrame:
    """The run's entities, aggregated over its mentions (the warehouse re-aggregates
    over every mention it holds when it loads them)."""
    return (
        mentions.join(articles.select("article_id", "published_date"), on="article_id", how="left")
        .group_by("entity_id")
        .agg(
            pl.col("entity_name").first().alias("name"),
            pl.col("entity_label").first().alias("label"),
            pl.col("text").unique().sort().alias("aliases"),
            pl.len().cast(pl.Int32).alias("n_mentions"),
            pl.col("article_id").n_unique().cast(pl.Int32).alias("n_articles"),
            pl.col("published_date").min().alias("first_seen"),
            pl.col("published_date").max().alias("last_seen"),
        )
        .with_columns(pl.lit(run_id).alias("run_id"))
        .select(list(ENTITIES_SCHEMA))
        .sort("entity_id")
    )
