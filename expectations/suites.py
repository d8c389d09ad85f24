"""One Great Expectations suite per table, as reviewable declarations.

Each check is `block` (the run loads nothing when it fails: keys, references, offsets,
enumerations, ranges) or `warn` (the run loads and reports it: rates and volumes).
Checks that GX cannot express on one column (offsets that must match the article text,
references into another frame, shares and ratios over the run) read a derived column
that `prepare_frames` adds with Polars; those columns start with "_". Nulls are not
checked by value checks (GX skips them): a key's not-null check says where null is wrong.

What each derived column means (True is good unless a range is given):

| suite | column | meaning |
|---|---|---|
| articles | `_published_date_year` | year of `published_date`, within 1000-2200 |
| articles | `_has_entities` | the article has at least one entity mention (warn) |
| mentions, quotes, timeline | `_article_exists` | `article_id` is an article of the run |
| entity_mentions | `_entity_exists` | `entity_id` is an entity of the run |
| mentions, quotes, timeline | `_offsets_in_article` | 0 <= start < end <= len(text) |
| mentions, quotes, timeline | `_text_matches_article` | `text[start:end]` is the row's text |
| quotes | `_speaker_entity_exists` | `speaker_entity_id` is null or an entity of the run |
| quotes | `_speaker_offsets_match` | `speaker` is null or `text[speaker_start:speaker_end]` |
| timeline | `_date_start_year`, `_date_end_year` | years within 1000-2200 (null: open interval) |
| timeline | `_dates_ordered` | `date_start <= date_end`, or either is null ("pre-2014") |
| run | `_quarantined_share` | quarantined files / files seen, at most 5% (warn) |
| run | `_volume_ratio` | articles seen / average of the last 7 loading runs, at least 0.5 (warn) |

Timeline rows compare `expression` (their text column) with the article slice. The `run`
suite checks the one-row `run_stats` frame (files_seen, files_quarantined,
articles_seen, recent_articles_avg) that describes the run as a whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import polars as pl

Severity = Literal["block", "warn"]

ENTITY_LABELS = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "PRODUCT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)
QUOTE_TYPES = ("direct", "partial", "mixed", "indirect")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORS = ("absolute", "publication_date", "unresolved")
GRANULARITIES = (
    "day",
    "week",
    "month",
    "quarter",
    "half",
    "season",
    "year",
    "decade",
    "century",
    "time",
    "duration",
    "set",
    "reference",
)
PUBLISHED_SOURCES = ("metadata", "path", "dateline", "unknown")
MIN_YEAR = 1000
MAX_YEAR = 2200
# Quotes with no speaker found: attribution failed (0.5% on PolNeAR dev, 1.2% on BBC).
MAX_UNATTRIBUTED_QUOTE_SHARE = 0.05
# Quotes whose speaker is tied to no entity. By design that is every group ("they",
# "analysts", "the countries") and "I"/"you" outside a quotation: 31% on PolNeAR dev and
# 35% on BBC, so only a collapse (a broken model, text the tagger cannot read) warns.
MAX_UNRESOLVED_SPEAKER_SHARE = 0.50
MAX_UNDATED_ARTICLE_SHARE = 0.10
MAX_QUARANTINED_SHARE = 0.05
MIN_VOLUME_RATIO = 0.5  # this run's articles over the recent average: a >50% drop warns


@dataclass(frozen=True)
class Check:
    """One expectation: a GX expectation class name, its arguments, and its severity."""

    expectation: str
    column: str | None
    severity: Severity
    kwargs: dict[str, Any] = field(default_factory=dict)


def _key(column: str) -> list[Check]:
    return [
        Check("ExpectColumnValuesToNotBeNull", column, "block"),
        Check("ExpectColumnValuesToBeUnique", column, "block"),
    ]


def _non_blank(column: str) -> list[Check]:
    return [
        Check("ExpectColumnValuesToNotBeNull", column, "block"),
        Check("ExpectColumnValuesToMatchRegex", column, "block", {"regex": r"\S"}),
    ]


def _true(column: str, severity: Severity = "block") -> Check:
    return Check("ExpectColumnValuesToBeInSet", column, severity, {"value_set": [True]})


def _in_set(column: str, values: tuple[str, ...], severity: Severity = "block") -> Check:
    return Check("ExpectColumnValuesToBeInSet", column, severity, {"value_set": list(values)})


def _offsets(prefix: str = "") -> list[Check]:
    return [_true(f"_{prefix}offsets_in_article"), _true(f"_{prefix}text_matches_article")]


def _year_range(date_column: str) -> Check:
    return Check(
        "ExpectColumnValuesToBeBetween",
        f"_{date_column}_year",
        "block",
        {"min_value": MIN_YEAR, "max_value": MAX_YEAR},
    )


SUITES: dict[str, list[Check]] = {
    "articles": [
        *_key("article_id"),
        *_non_blank("text"),
        _in_set("published_source", PUBLISHED_SOURCES),
        _year_range("published_date"),
        Check(
            "ExpectColumnValuesToNotBeNull",
            "published_date",
            "warn",
            {"mostly": 1 - MAX_UNDATED_ARTICLE_SHARE},
        ),
        _true("_has_entities", "warn"),
    ],
    "entities": [
        *_key("entity_id"),
        Check("ExpectColumnValuesToNotBeNull", "name", "block"),
        _in_set("label", ENTITY_LABELS),
    ],
    "entity_mentions": [
        *_key("mention_id"),
        _in_set("label", ENTITY_LABELS),
        _true("_article_exists"),
        _true("_entity_exists"),
        *_offsets(),
    ],
    "quotes": [
        *_key("quote_id"),
        _in_set("quote_type", QUOTE_TYPES),
        *_non_blank("text"),
        Check(
            "ExpectColumnValuesToBeBetween", "confidence", "block", {"min_value": 0, "max_value": 1}
        ),
        _true("_article_exists"),
        _true("_speaker_entity_exists"),
        *_offsets(),
        _true("_speaker_offsets_match"),
        Check(
            "ExpectColumnValuesToNotBeNull",
            "speaker",
            "warn",
            {"mostly": 1 - MAX_UNATTRIBUTED_QUOTE_SHARE},
        ),
        Check(
            "ExpectColumnValuesToNotBeNull",
            "speaker_entity_id",
            "warn",
            {"mostly": 1 - MAX_UNRESOLVED_SPEAKER_SHARE},
        ),
    ],
    "timeline": [
        *_key("event_id"),
        _in_set("timex_type", TIMEX_TYPES),
        _in_set("anchor", ANCHORS),
        _in_set("granularity", GRANULARITIES),
        _year_range("date_start"),
        _year_range("date_end"),
        _true("_dates_ordered"),
        _true("_article_exists"),
        *_offsets(),
    ],
    "run": [
        Check(
            "ExpectColumnValuesToBeBetween",
            "_quarantined_share",
            "warn",
            {"min_value": 0, "max_value": MAX_QUARANTINED_SHARE},
        ),
        Check(
            "ExpectColumnValuesToBeBetween",
            "_volume_ratio",
            "warn",
            {"min_value": MIN_VOLUME_RATIO},
        ),
    ],
}


def _article_text(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return frames["articles"].select("article_id", pl.col("text").alias("_article_text"))


def _offset_checks(start: str, end: str, text: str, prefix: str = "") -> list[pl.Expr]:
    length = pl.col("_article_text").str.len_chars()
    inside = (pl.col(start) >= 0) & (pl.col(start) < pl.col(end)) & (pl.col(end) <= length)
    sliced = pl.col("_article_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))
    return [
        inside.fill_null(False).alias(f"_{prefix}offsets_in_article"),
        (sliced == pl.col(text)).fill_null(False).alias(f"_{prefix}text_matches_article"),
    ]


def _year(column: str) -> pl.Expr:
    return pl.col(column).dt.year().alias(f"_{column}_year")


def _exists_in(column: str, values: pl.Series, *, nullable: bool = False) -> pl.Expr:
    found = pl.col(column).is_in(values.implode())
    return (pl.col(column).is_null() | found) if nullable else found.fill_null(False)


def prepare_frames(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The run's tables with the derived check columns the suites read."""
    texts = _article_text(frames)
    article_ids = frames["articles"]["article_id"]
    entity_ids = frames["entities"]["entity_id"]
    with_text = {
        name: frames[name].join(texts, on="article_id", how="left")
        for name in ("entity_mentions", "quotes", "timeline")
    }
    speaker_slice = pl.col("_article_text").str.slice(
        pl.col("speaker_start"), pl.col("speaker_end") - pl.col("speaker_start")
    )
    return {
        "articles": frames["articles"].with_columns(
            _year("published_date"),
            pl.col("article_id")
            .is_in(frames["entity_mentions"]["article_id"].implode())
            .alias("_has_entities"),
        ),
        "entities": frames["entities"],
        "entity_mentions": with_text["entity_mentions"]
        .with_columns(
            _exists_in("article_id", article_ids).alias("_article_exists"),
            _exists_in("entity_id", entity_ids).alias("_entity_exists"),
            *_offset_checks("start_char", "end_char", "text"),
        )
        .drop("_article_text"),
        "quotes": with_text["quotes"]
        .with_columns(
            _exists_in("article_id", article_ids).alias("_article_exists"),
            _exists_in("speaker_entity_id", entity_ids, nullable=True).alias(
                "_speaker_entity_exists"
            ),
            *_offset_checks("start_char", "end_char", "text"),
            (
                pl.col("speaker").is_null()
                | (pl.col("speaker_start").is_not_null() & (speaker_slice == pl.col("speaker")))
            )
            .fill_null(False)
            .alias("_speaker_offsets_match"),
        )
        .drop("_article_text"),
        "timeline": with_text["timeline"]
        .with_columns(
            _exists_in("article_id", article_ids).alias("_article_exists"),
            _year("date_start"),
            _year("date_end"),
            (
                pl.col("date_start").is_null()
                | pl.col("date_end").is_null()
                | (pl.col("date_start") <= pl.col("date_end"))
            ).alias("_dates_ordered"),
            *_offset_checks("start_char", "end_char", "expression"),
        )
        .drop("_article_text"),
        "run": _run_checks(frames["run_stats"]),
    }


def _run_checks(run_stats: pl.DataFrame) -> pl.DataFrame:
    """The run-level shares: null when there is nothing to compare with."""
    seen = pl.col("files_seen")
    recent = pl.col("recent_articles_avg")
    return run_stats.with_columns(
        pl.when(seen > 0)
        .then(pl.col("files_quarantined") / seen)
        .otherwise(None)
        .alias("_quarantined_share"),
        pl.when(recent > 0)
        .then(pl.col("articles_seen") / recent)
        .otherwise(None)
        .alias("_volume_ratio"),
    )
