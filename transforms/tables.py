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


# ------------------------------------------------------------ across articles

RELINK_SCHEMA: dict[str, Any] = {
    "entity_id": pl.String,
    "linked_entity_id": pl.String,
    "linked_name": pl.String,
    "linked_label": pl.String,
}
_REF_SCHEMA: dict[str, Any] = {
    "entity_id": pl.String,
    "name": pl.String,
    "label": pl.String,
    "aliases": pl.List(pl.String),
}


def _ref_frame(frame: pl.DataFrame | None) -> pl.DataFrame:
    """entity_id, name, label, aliases of an entities-like frame (aliases optional)."""
    if frame is None or frame.is_empty():
        return pl.DataFrame(schema=_REF_SCHEMA)
    aliases = pl.col("aliases") if "aliases" in frame.columns else pl.lit(None)
    return frame.select(
        pl.col("entity_id").cast(pl.String),
        pl.col("name").cast(pl.String),
        pl.col("label").cast(pl.String),
        aliases.cast(pl.List(pl.String)).alias("aliases"),
    ).filter(pl.col("entity_id").is_not_null())


def _name_rank(name: str) -> tuple[bool, str]:
    return (name.upper() == name, name)


def relink_map(entities_table: pl.DataFrame) -> pl.DataFrame:
    """Short forms that stand for exactly one other entity among ``entities_table``.

    Takes entities (entity_id, name, label, optionally aliases; the same id may come
    more than once) and returns one row per linked entity: entity_id -> linked_entity_id,
    linked_name, linked_label, sorted by entity_id (rules in
    ``entities.cross_article_links``). The warehouse applies it to stored rows when a
    full name arrives after its short form ("Rutte" loaded last week, "Mark Rutte"
    today). Deterministic, and empty once applied: asking again links nothing new.
    """
    refs = _ref_frame(entities_table)
    names: dict[str, tuple[str, str]] = {}
    ref_list = []
    for eid, name, label, aliases in refs.iter_rows():
        name, label = str(name or ""), str(label or "")
        ref_list.append(entities.EntityRef(eid, name, label, tuple(a for a in aliases or () if a)))
        if eid not in names or _name_rank(name) < _name_rank(names[eid][0]):
            names[eid] = (name, label)
    links = entities.cross_article_links(ref_list)
    rows = [
        {
            "entity_id": eid,
            "linked_entity_id": target,
            "linked_name": names[target][0],
            "linked_label": names[target][1],
        }
        for eid, target in sorted(links.items())
    ]
    return pl.DataFrame(rows, schema=RELINK_SCHEMA)


def _run_refs(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The run's entities as refs: from its entities frame and its mentions."""
    parts = [_ref_frame(frames.get("entities"))]
    mentions = frames.get("entity_mentions")
    if mentions is not None and not mentions.is_empty():
        parts.append(
            _ref_frame(
                mentions.group_by("entity_id").agg(
                    pl.col("entity_name").min().alias("name"),
                    pl.col("entity_label").min().alias("label"),
                    pl.col("text").unique().sort().alias("aliases"),
                )
            )
        )
    return pl.concat(parts, how="vertical")


def _run_id_of(frames: dict[str, pl.DataFrame]) -> str | None:
    for key in ("entities", "entity_mentions"):
        frame = frames.get(key)
        if frame is not None and "run_id" in frame.columns and not frame.is_empty():
            return frame["run_id"].drop_nulls().min()  # type: ignore[return-value]
    return None


def link_across_articles(
    frames: dict[str, pl.DataFrame], known_entities: pl.DataFrame | None
) -> dict[str, pl.DataFrame]:
    """The run's frames with short forms joined to the one entity they stand for.

    ``known_entities`` is the warehouse's entities table (entity_id, name, label, aliases,
    n_articles); the candidates are those plus this run's entities. Remaps mentions'
    entity_id/entity_name/entity_label, quotes' speaker_entity_id/speaker_name, timeline
    entity_ids, and re-aggregates the run's entities frame. Frames without a linked id are
    returned as they were. Pure, order-free and idempotent.
    """
    out = dict(frames)
    mentions = frames.get("entity_mentions")
    if mentions is None or mentions.is_empty():
        return out
    relinks = relink_map(pl.concat([_ref_frame(known_entities), _run_refs(frames)]))
    relinks = relinks.join(mentions.select("entity_id").unique(), on="entity_id", how="semi")
    if relinks.is_empty():
        return out

    out["entity_mentions"] = (
        mentions.join(relinks, on="entity_id", how="left")
        .with_columns(
            pl.coalesce("linked_entity_id", "entity_id").alias("entity_id"),
            pl.coalesce("linked_name", "entity_name").alias("entity_name"),
            pl.coalesce("linked_label", "entity_label").alias("entity_label"),
        )
        .select(mentions.columns)
        .cast(mentions.schema)
    )

    quotes_df = frames.get("quotes")
    if quotes_df is not None and "speaker_entity_id" in quotes_df.columns:
        speaker = relinks.select(
            pl.col("entity_id").alias("speaker_entity_id"),
            pl.col("linked_entity_id").alias("_linked_id"),
            pl.col("linked_name").alias("_linked_name"),
        )
        out["quotes"] = (
            quotes_df.join(speaker, on="speaker_entity_id", how="left")
            .with_columns(
                pl.coalesce("_linked_id", "speaker_entity_id").alias("speaker_entity_id"),
                pl.when(pl.col("_linked_id").is_not_null())
                .then(pl.col("_linked_name"))
                .otherwise(pl.col("speaker_name"))
                .alias("speaker_name"),
            )
            .select(quotes_df.columns)
            .cast(quotes_df.schema)
        )

    timeline_df = frames.get("timeline")
    if timeline_df is not None and "entity_ids" in timeline_df.columns:
        old, new = relinks["entity_id"].to_list(), relinks["linked_entity_id"].to_list()
        out["timeline"] = timeline_df.with_columns(
            pl.col("entity_ids")
            .list.eval(pl.element().replace(old, new))
            .list.unique(maintain_order=True)
        ).cast(timeline_df.schema)

    entities_df = frames.get("entities")
    if entities_df is not None:
        out["entities"] = _relinked_entities(
            out["entity_mentions"], frames, relinks, _run_id_of(frames)
        )
        out["entities"] = out["entities"].select(entities_df.columns).cast(entities_df.schema)
    return out


def _preferred_name(column: str) -> pl.Expr:
    """One name per group, whatever the row order: not all capitals if possible, then
    the first in sort order."""
    col = pl.col(column)
    return col.sort_by([col.str.to_uppercase() == col, col]).first()


def _relinked_entities(
    mentions: pl.DataFrame,
    frames: dict[str, pl.DataFrame],
    relinks: pl.DataFrame,
    run_id: str | None,
) -> pl.DataFrame:
    """The run's entities aggregated again over its linked mentions (as entities_frame)."""
    articles = frames.get("articles")
    if articles is not None and "published_date" in articles.columns:
        dated = mentions.join(
            articles.select("article_id", "published_date"), on="article_id", how="left"
        )
        dates = [
            pl.col("published_date").min().alias("first_seen"),
            pl.col("published_date").max().alias("last_seen"),
        ]
        extra = None
    else:  # no articles frame: first/last seen from the entities they were built from
        dated = mentions
        dates = []
        extra = (
            frames["entities"]
            .join(relinks.select("entity_id", "linked_entity_id"), on="entity_id", how="left")
            .group_by(pl.coalesce("linked_entity_id", "entity_id").alias("entity_id"))
            .agg(pl.col("first_seen").min(), pl.col("last_seen").max())
        )
    built = dated.group_by("entity_id").agg(
        _preferred_name("entity_name").alias("name"),
        pl.col("entity_label").min().alias("label"),
        pl.col("text").unique().sort().alias("aliases"),
        pl.len().cast(pl.Int32).alias("n_mentions"),
        pl.col("article_id").n_unique().cast(pl.Int32).alias("n_articles"),
        *dates,
    )
    if extra is not None:
        built = built.join(extra, on="entity_id", how="left")
    return built.with_columns(pl.lit(run_id, dtype=pl.String).alias("run_id")).sort("entity_id")


def chunk_tables(
    articles: pl.DataFrame, docs: list[DocRows], *, run_id: str
) -> dict[str, pl.DataFrame]:
    """Every table of a batch of analysed articles (`articles` holds at least their ids
    and publication dates), collected together."""
    mentions = mentions_frame(docs, run_id=run_id)
    frames = pl.collect_all(
        [
            mentions,
            quotes_frame(docs, run_id=run_id),
            timeline_frame(docs, run_id=run_id),
            entities_frame(mentions, articles.lazy(), run_id=run_id),
        ]
    )
    built = dict(zip(("entity_mentions", "quotes", "timeline", "entities"), frames, strict=True))
    built["articles"] = articles
    return built
