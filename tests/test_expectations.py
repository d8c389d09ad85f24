"""Every expectation of `expectations/suites.py`, passing and failing, through real Great
Expectations validation (`validate`, file mode, into a temporary project), plus the
offline Data Docs and the escaping of hostile text in them.

`FAILING` holds one failing frame per declared check, keyed (suite, expectation, column);
`test_every_check_has_a_failing_case` fails when a check is added without one."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from expectations.site_check import offline_problems, page_references
from expectations.suites import SUITES, Check, prepare_frames
from expectations.validate import Verdict, validate, validate_checked

Frames = dict[str, pl.DataFrame]
Key = tuple[str, str, str | None]  # suite, GX expectation type, column

# One article, one entity (and one spare that nothing references), mentions, a quote
# and timeline rows whose offsets all match the text.
TEXT = 'Rutte said "we stand ready" on 12 February 2025. Before 2014 NATO was calmer.'
#       0    5    10   15   20   25   30   35   40   45   50   55   60   65   70


def _span(text: str) -> tuple[int, int]:
    start = TEXT.index(text)
    return start, start + len(text)


def base_frames() -> Frames:
    """A run that passes every check; the failing cases each break one thing."""
    rutte, nato = _span("Rutte"), _span("NATO")
    quote = _span("we stand ready")
    day, pre = _span("12 February 2025"), _span("Before 2014")
    return {
        "articles": pl.DataFrame(
            {
                "article_id": ["a1"],
                "text": [TEXT],
                "published_date": [date(2025, 2, 13)],
                "published_source": ["metadata"],
            }
        ),
        "entities": pl.DataFrame(
            {
                "entity_id": ["e_rutte", "e_nato", "e_spare"],
                "name": ["Mark Rutte", "NATO", "Spare"],
                "label": ["PERSON", "ORG", "GPE"],
            }
        ),
        "entity_mentions": pl.DataFrame(
            {
                "mention_id": ["m1", "m2"],
                "article_id": ["a1", "a1"],
                "entity_id": ["e_rutte", "e_nato"],
                "text": ["Rutte", "NATO"],
                "label": ["PERSON", "ORG"],
                "start_char": [rutte[0], nato[0]],
                "end_char": [rutte[1], nato[1]],
            },
            schema_overrides={"start_char": pl.Int32, "end_char": pl.Int32},
        ),
        "quotes": pl.DataFrame(
            {
                "quote_id": ["q1"],
                "article_id": ["a1"],
                "text": ["we stand ready"],
                "start_char": [quote[0]],
                "end_char": [quote[1]],
                "quote_type": ["direct"],
                "speaker": ["Rutte"],
                "speaker_start": [rutte[0]],
                "speaker_end": [rutte[1]],
                "speaker_entity_id": ["e_rutte"],
                "confidence": [0.9],
            },
            schema_overrides={
                "start_char": pl.Int32,
                "end_char": pl.Int32,
                "speaker_start": pl.Int32,
                "speaker_end": pl.Int32,
            },
        ),
        "timeline": pl.DataFrame(
            {
                "event_id": ["t1", "t2"],
                "article_id": ["a1", "a1"],
                "expression": ["12 February 2025", "Before 2014"],
                "start_char": [day[0], pre[0]],
                "end_char": [day[1], pre[1]],
                "timex_type": ["DATE", "DATE"],
                "anchor": ["absolute", "absolute"],
                "granularity": ["day", "year"],
                # "pre-2014" (BEFORE): an open start; nulls must pass every check.
                "date_start": [date(2025, 2, 12), None],
                "date_end": [date(2025, 2, 12), date(2013, 12, 31)],
            },
            schema_overrides={"start_char": pl.Int32, "end_char": pl.Int32},
        ),
        "run_stats": pl.DataFrame(
            {
                "files_seen": [20],
                "files_quarantined": [1],
                "articles_seen": [10],
                "recent_articles_avg": [12.0],
            }
        ),
    }


def _set(
    table: str, column: str, value: object, row: int | range = 0
) -> Callable[[Frames], Frames]:
    """Frames with one cell (or the cells of ``row``) replaced (the column's type is kept)."""

    def mutate(frames: Frames) -> Frames:
        frame = frames[table]
        values = frame[column].to_list()
        for i in [row] if isinstance(row, int) else row:
            values[i] = value
        frames[table] = frame.with_columns(pl.Series(column, values, dtype=frame[column].dtype))
        return frames

    return mutate


def _twenty_quotes(frames: Frames) -> Frames:
    """The base quote 20 times (unique ids): shares of quotes are then 5% a row."""
    frames["quotes"] = pl.concat([frames["quotes"]] * 20).with_columns(
        quote_id=pl.format("q{}", pl.int_range(1, 21))
    )
    return frames


def _dup_row(table: str) -> Callable[[Frames], Frames]:
    def mutate(frames: Frames) -> Frames:
        frames[table] = pl.concat([frames[table], frames[table].head(1)])
        return frames

    return mutate


def _then(*steps: Callable[[Frames], Frames]) -> Callable[[Frames], Frames]:
    def mutate(frames: Frames) -> Frames:
        for step in steps:
            frames = step(frames)
        return frames

    return mutate


def _past_the_end(table: str, text_column: str) -> Callable[[Frames], Frames]:
    """The row's text is the article's tail, but its end offset runs past the article
    (a slice would silently stop at the end, so only the offsets check fails)."""
    tail = TEXT[-7:]
    return _then(
        _set(table, text_column, tail),
        _set(table, "start_char", len(TEXT) - 7),
        _set(table, "end_char", len(TEXT) + 5),
    )


NOT_NULL = "expect_column_values_to_not_be_null"
UNIQUE = "expect_column_values_to_be_unique"
IN_SET = "expect_column_values_to_be_in_set"
BETWEEN = "expect_column_values_to_be_between"
REGEX = "expect_column_values_to_match_regex"

HOSTILE = ("<script>alert(1)</script>", "'); DROP TABLE articles; --", "{{ 7*7 }}")

# (suite, expectation, column) -> how to break it. Each case must fail exactly that check
# of its suite and nothing else there.
FAILING: dict[Key, Callable[[Frames], Frames]] = {
    ("articles", NOT_NULL, "article_id"): _set("articles", "article_id", None),
    ("articles", UNIQUE, "article_id"): _dup_row("articles"),
    ("articles", NOT_NULL, "text"): _set("articles", "text", None),
    ("articles", REGEX, "text"): _set("articles", "text", " \n\t"),
    ("articles", IN_SET, "published_source"): _set("articles", "published_source", "clock"),
    ("articles", BETWEEN, "_published_date_year"): _set(
        "articles", "published_date", date(2201, 1, 1)
    ),
    ("articles", NOT_NULL, "published_date"): _set("articles", "published_date", None),
    ("articles", IN_SET, "_has_entities"): lambda f: {
        **f,
        "entity_mentions": f["entity_mentions"].clear(),
    },
    ("entities", NOT_NULL, "entity_id"): _set("entities", "entity_id", None, row=2),
    ("entities", UNIQUE, "entity_id"): _set("entities", "entity_id", "e_nato", row=2),
    ("entities", NOT_NULL, "name"): _set("entities", "name", None, row=2),
    ("entities", IN_SET, "label"): _set("entities", "label", "MISC", row=2),
    ("entity_mentions", NOT_NULL, "mention_id"): _set("entity_mentions", "mention_id", None),
    ("entity_mentions", UNIQUE, "mention_id"): _set("entity_mentions", "mention_id", "m2"),
    ("entity_mentions", IN_SET, "label"): _set("entity_mentions", "label", "PER"),
    ("entity_mentions", IN_SET, "_article_exists"): _set("entity_mentions", "article_id", "a9"),
    ("entity_mentions", IN_SET, "_entity_exists"): _set("entity_mentions", "entity_id", "e9"),
    ("entity_mentions", IN_SET, "_offsets_in_article"): _past_the_end("entity_mentions", "text"),
    ("entity_mentions", IN_SET, "_text_matches_article"): _set("entity_mentions", "text", "Rute"),
    ("quotes", NOT_NULL, "quote_id"): _set("quotes", "quote_id", None),
    ("quotes", UNIQUE, "quote_id"): _dup_row("quotes"),
    ("quotes", IN_SET, "quote_type"): _set("quotes", "quote_type", "paraphrase"),
    ("quotes", NOT_NULL, "text"): _set("quotes", "text", None),
    ("quotes", REGEX, "text"): _then(
        _set("quotes", "text", " "),
        _set("quotes", "start_char", TEXT.index(" ")),
        _set("quotes", "end_char", TEXT.index(" ") + 1),
    ),
    ("quotes", BETWEEN, "confidence"): _set("quotes", "confidence", 1.5),
    ("quotes", IN_SET, "_article_exists"): _set("quotes", "article_id", "a9"),
    ("quotes", IN_SET, "_speaker_entity_exists"): _set("quotes", "speaker_entity_id", "e9"),
    ("quotes", IN_SET, "_offsets_in_article"): _past_the_end("quotes", "text"),
    ("quotes", IN_SET, "_text_matches_article"): _set("quotes", "text", "we stand reedy"),
    ("quotes", IN_SET, "_speaker_offsets_match"): _set("quotes", "speaker_start", 1),
    ("quotes", NOT_NULL, "speaker"): _set("quotes", "speaker", None),
    ("quotes", NOT_NULL, "speaker_entity_id"): _set("quotes", "speaker_entity_id", None),
    ("timeline", NOT_NULL, "event_id"): _set("timeline", "event_id", None),
    ("timeline", UNIQUE, "event_id"): _set("timeline", "event_id", "t2"),
    ("timeline", IN_SET, "timex_type"): _set("timeline", "timex_type", "EVENT"),
    ("timeline", IN_SET, "anchor"): _set("timeline", "anchor", "wall_clock"),
    ("timeline", IN_SET, "granularity"): _set("timeline", "granularity", "fortnight"),
    ("timeline", BETWEEN, "_date_start_year"): _set("timeline", "date_start", date(999, 1, 1)),
    ("timeline", BETWEEN, "_date_end_year"): _then(
        _set("timeline", "date_start", None),
        _set("timeline", "date_end", date(2300, 1, 1)),
    ),
    ("timeline", IN_SET, "_dates_ordered"): _set("timeline", "date_start", date(2025, 3, 1)),
    ("timeline", IN_SET, "_article_exists"): _set("timeline", "article_id", "a9"),
    ("timeline", IN_SET, "_offsets_in_article"): _past_the_end("timeline", "expression"),
    ("timeline", IN_SET, "_text_matches_article"): _set("timeline", "expression", "12 Feb 2025"),
    ("run", BETWEEN, "_quarantined_share"): _set("run_stats", "files_quarantined", 2),
    ("run", BETWEEN, "_volume_ratio"): _set("run_stats", "articles_seen", 5),
}

# Checks that cannot fail alone: an unknown article has no text to match offsets (the
# speaker's too) against, and a null quote text cannot equal the article's slice.
ALSO_FAILS: dict[Key, set[Key]] = {
    **{
        (suite, IN_SET, "_article_exists"): {
            (suite, IN_SET, "_offsets_in_article"),
            (suite, IN_SET, "_text_matches_article"),
        }
        for suite in ("entity_mentions", "quotes", "timeline")
    },
    ("quotes", IN_SET, "_article_exists"): {
        ("quotes", IN_SET, "_offsets_in_article"),
        ("quotes", IN_SET, "_text_matches_article"),
        ("quotes", IN_SET, "_speaker_offsets_match"),
    },
    ("quotes", NOT_NULL, "text"): {("quotes", IN_SET, "_text_matches_article")},
}

# Frames that still pass, at the edges of what is allowed.
EDGE_PASSING: dict[str, Callable[[Frames], Frames]] = {
    "exactly 5% quarantined": _set("run_stats", "files_quarantined", 1),
    "exactly half the recent volume": _set("run_stats", "articles_seen", 6),
    "first run: no recent average": _set("run_stats", "recent_articles_avg", None),
    "empty inbox: no files seen": _then(
        _set("run_stats", "files_seen", 0), _set("run_stats", "files_quarantined", 0)
    ),
    "open-ended interval after a date": _set("timeline", "date_end", None),
    "20 quotes: one without a speaker, half without an entity": _then(
        _twenty_quotes,
        _set("quotes", "speaker", None),
        _set("quotes", "speaker_start", None),
        _set("quotes", "speaker_end", None),
        _set("quotes", "speaker_entity_id", None, row=range(10)),
    ),
    "year 1000 and 2200": _then(
        _set("timeline", "date_start", date(1000, 1, 1)),
        _set("timeline", "date_end", date(2200, 12, 31)),
    ),
    "confidence 0, date source unknown": _then(
        _set("quotes", "confidence", 0.0), _set("articles", "published_source", "unknown")
    ),
}


def _key(check: Check, suite: str) -> Key:
    snake = "".join(f"_{c.lower()}" if c.isupper() else c for c in check.expectation)
    return (suite, snake.lstrip("_"), check.column)


def declared() -> list[tuple[Key, str]]:
    """(key, severity) of every check, in declaration order."""
    return [(_key(c, suite), c.severity) for suite, checks in SUITES.items() for c in checks]


def result_rows(verdict: Verdict) -> list[tuple[Key, str, bool]]:
    return [
        ((suite, expectation, column), severity, success)
        for suite, expectation, column, severity, success in verdict.results.select(
            "suite", "expectation", "column", "severity", "success"
        ).iter_rows()
    ]


@pytest.fixture(scope="module")
def gx_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("gx")


@pytest.fixture(scope="module")
def passing(gx_root: Path) -> Verdict:
    return validate(base_frames(), gx_root, "run-pass")


def test_checks_are_declared_once_per_suite_and_column() -> None:
    keys = [key for key, _ in declared()]
    assert len(keys) == len(set(keys))
    assert {"articles", "entities", "entity_mentions", "quotes", "timeline", "run"} == set(SUITES)


def test_every_check_has_a_failing_case() -> None:
    keys = {key for key, _ in declared()}
    assert keys - set(FAILING) == set(), "add a failing frame to FAILING for each new check"
    assert set(FAILING) - keys == set(), "FAILING names checks that are not declared"


def test_the_base_frames_pass_every_check(passing: Verdict) -> None:
    assert result_rows(passing) == [(key, severity, True) for key, severity in declared()]
    assert not passing.blocked
    assert passing.results["run_id"].unique().to_list() == ["run-pass"]


@pytest.mark.parametrize("case", sorted(EDGE_PASSING))
def test_edges_still_pass(case: str) -> None:
    checked = prepare_frames(EDGE_PASSING[case](base_frames()))
    # The derived columns at the edge: either within the limits or null (not checked).
    run = checked["run"].row(0, named=True)
    assert run["_quarantined_share"] is None or run["_quarantined_share"] <= 0.05
    assert run["_volume_ratio"] is None or run["_volume_ratio"] >= 0.5
    timeline = checked["timeline"]
    assert timeline["_dates_ordered"].all()
    assert timeline["_offsets_in_article"].all() and timeline["_text_matches_article"].all()
    assert checked["quotes"]["_speaker_offsets_match"].all()


def test_edges_pass_in_great_expectations(gx_root: Path) -> None:
    """All edge cases at once (they touch different cells), one real validation."""
    frames = base_frames()
    for case in (
        "exactly 5% quarantined",
        "20 quotes: one without a speaker, half without an entity",
        "confidence 0, date source unknown",
        "year 1000 and 2200",
    ):
        frames = EDGE_PASSING[case](frames)
    verdict = validate(frames, gx_root, "run-edges")
    assert [row for row in result_rows(verdict) if not row[2]] == []


def test_first_run_and_empty_inbox_do_not_warn(gx_root: Path) -> None:
    frames = _then(
        _set("run_stats", "recent_articles_avg", None),
        _set("run_stats", "files_seen", 0),
        _set("run_stats", "files_quarantined", 0),
    )(base_frames())
    verdict = validate(frames, gx_root, "run-first", suites={"run": SUITES["run"]})
    assert [row[2] for row in result_rows(verdict)] == [True, True]


def _failing_batches() -> list[list[Key]]:
    """The failing cases in rounds of at most one case per suite."""
    per_suite: dict[str, list[Key]] = {}
    for key in FAILING:
        per_suite.setdefault(key[0], []).append(key)
    rounds = max(len(keys) for keys in per_suite.values())
    return [[keys[i] for keys in per_suite.values() if i < len(keys)] for i in range(rounds)]


@pytest.mark.parametrize(
    "batch", _failing_batches(), ids=[f"round-{i}" for i in range(len(_failing_batches()))]
)
def test_each_failing_frame_fails_exactly_its_check(gx_root: Path, batch: list[Key]) -> None:
    """Each case's suite reads the frames derived from that case's broken frames (a broken
    frame may rightly fail checks of other suites too: a missing article also orphans its
    quotes); one real GX validation runs the round, one suite per case."""
    checked = {key[0]: prepare_frames(FAILING[key](base_frames()))[key[0]] for key in batch}
    suites = {key[0]: SUITES[key[0]] for key in batch}
    verdict = validate_checked(checked, gx_root, "fail-round", suites, build_docs=False)
    failing = {k for key in batch for k in (key, *ALSO_FAILS.get(key, set()))}
    expected = [
        (declared_key, severity, declared_key not in failing)
        for declared_key, severity in declared()
        if declared_key[0] in suites
    ]
    assert result_rows(verdict) == expected


def test_speaker_shares_warn_just_past_their_limits(gx_root: Path) -> None:
    """2 of 20 quotes without a speaker (10% > 5%), 11 of 20 without an entity (55% >
    50%): both warn, nothing else fails."""
    frames = _then(
        _twenty_quotes,
        _set("quotes", "speaker", None, row=range(2)),
        _set("quotes", "speaker_start", None, row=range(2)),
        _set("quotes", "speaker_end", None, row=range(2)),
        _set("quotes", "speaker_entity_id", None, row=range(11)),
    )(base_frames())
    verdict = validate(frames, gx_root, "run-shares", suites={"quotes": SUITES["quotes"]})
    assert [row[0] for row in result_rows(verdict) if not row[2]] == [
        ("quotes", NOT_NULL, "speaker"),
        ("quotes", NOT_NULL, "speaker_entity_id"),
    ]
    observed = [json.loads(f.split(": ", 1)[1]) for f in verdict.failures("warn")]
    assert [o["unexpected_count"] for o in observed] == [2, 11]
    assert not verdict.blocked


def test_verdict_blocks_on_block_failures_only(gx_root: Path) -> None:
    warn_only = _then(
        FAILING[("run", BETWEEN, "_volume_ratio")],
        FAILING[("quotes", NOT_NULL, "speaker_entity_id")],
    )(base_frames())
    verdict = validate(warn_only, gx_root, "run-warn")
    assert not verdict.blocked
    assert len(verdict.failures("warn")) == 2 and verdict.failures("block") == []
    blocking = FAILING[("quotes", UNIQUE, "quote_id")](base_frames())
    verdict = validate(blocking, gx_root, "run-block", suites={"quotes": SUITES["quotes"]})
    assert verdict.blocked
    [failure] = verdict.failures("block")
    assert failure.startswith("quotes.expect_column_values_to_be_unique(quote_id): ")
    observed = json.loads(failure.split(": ", 1)[1])
    assert observed["unexpected_count"] == 2


# ----------------------------------------------------------------------- Data Docs


def _site(verdict: Verdict) -> Path:
    return verdict.docs_index.parent


def test_data_docs_open_offline_with_nothing_missing(passing: Verdict, gx_root: Path) -> None:
    # Another run so that the index lists several runs and pages were built incrementally.
    validate(FAILING[("run", BETWEEN, "_volume_ratio")](base_frames()), gx_root, "run-two")
    site = _site(passing)
    assert passing.docs_index.is_file()
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    assert offline_problems(site) == []
    index_html = passing.docs_index.read_text(encoding="utf-8")
    assert "run-pass" in index_html and "run-two" in index_html
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for tag, _attribute, url in page_references(page):
            if tag in ("script", "link", "img", "style"):
                assert not url.startswith(("http:", "https:", "//")), (page, tag, url)
        assert "cdn." not in html and "bootstrapTable" not in html and "vegaEmbed" not in html
        assert "dataContextId" not in html, page  # the S3 logo beacon


def test_hostile_text_is_escaped_in_data_docs(gx_root: Path, tmp_path: Path) -> None:
    frames = base_frames()
    hostile = " ".join(HOSTILE)
    frames["articles"] = frames["articles"].with_columns(
        pl.lit(TEXT + " " + hostile).alias("text"), pl.lit(hostile).alias("published_source")
    )
    frames["entities"] = _set("entities", "label", HOSTILE[0], row=2)(frames)["entities"]
    frames["quotes"] = _set("quotes", "quote_type", HOSTILE[1])(frames)["quotes"]
    frames["timeline"] = _set("timeline", "granularity", HOSTILE[2])(frames)["timeline"]
    root = tmp_path / "gx"
    verdict = validate(frames, root, "run-hostile")
    failed = {row[0] for row in result_rows(verdict) if not row[2]}
    assert failed == {
        ("articles", IN_SET, "published_source"),
        ("entities", IN_SET, "label"),
        ("quotes", IN_SET, "quote_type"),
        ("timeline", IN_SET, "granularity"),
    }
    pages = list(_site(verdict).rglob("*.html"))
    htmls = {page: page.read_text(encoding="utf-8") for page in pages}
    for page, html in htmls.items():
        assert "<script>alert(1)</script>" not in html, page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
    entities_page = next(p for p in pages if "validations/entities/" in p.as_posix())
    assert escaped in htmls[entities_page]
    # The unexpected published_source shows all three strings as text, none interpreted:
    # escaped markup, the SQL as it was, the template braces unevaluated.
    articles_page = next(p for p in pages if "validations/articles/" in p.as_posix())
    shown = f"{escaped} &#x27;); DROP TABLE articles; -- {{{{ 7*7 }}}}"
    assert shown in htmls[articles_page] or shown.replace("&#x27;", "'") in htmls[articles_page]
    assert offline_problems(_site(verdict)) == []
    # The dq_results rows keep the values as data (truncated examples), not markup.
    observed = verdict.results.filter(pl.col("suite") == "entities", ~pl.col("success"))
    assert HOSTILE[0] in observed["observed"].item()


def test_damaged_great_expectations_files_are_set_aside_and_rebuilt(tmp_path: Path) -> None:
    first = validate(base_frames(), tmp_path, "run-1")
    suite_file = tmp_path / "gx" / "expectations" / "quotes.json"
    suite_file.write_text(suite_file.read_text()[:40])  # as a killed run may leave it
    again = validate(base_frames(), tmp_path, "run-2")
    assert again.results.drop("run_id").equals(first.results.drop("run_id"))
    assert (tmp_path / "gx.damaged-run-2" / "expectations" / "quotes.json").exists()
    assert again.docs_index.is_file()
