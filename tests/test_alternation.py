"""The first-character search of a large alternation gives the combined pattern's matches."""

from __future__ import annotations

import json
import string

import pytest

from tests.conftest import corpus_path
from transforms.alternation import Alternation, first_chars
from transforms.timex_rules import _CANDIDATES


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"yesterday|today", set("yt")),
        (r"(?:early\s+|late\s+)?May", set("elm")),  # upper case is read as lower case
        (r"\d{1,2}:\d{2}", set(string.digits)),
        (r"(?<=for\s)the\s+year", {"t"}),  # a look-behind is zero width
        (r"(?:a|)b", {"a", "b"}),  # an empty alternative lets the next item begin
        (r"[A-C]x|'\d0s", {"a", "b", "c", "'"}),
        (r"\w+\s+times", set(string.ascii_lowercase + string.digits + "_")),
    ],
)
def test_first_chars_of_a_pattern(pattern: str, expected: set[str]) -> None:
    assert first_chars(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r".x",  # any character
        r"[^a]x",  # a negated class
        r"x?",  # can match the empty string
        "\u017fpring",  # long s matches ASCII "s" case-insensitively
    ],
)
def test_first_chars_unknown(pattern: str) -> None:
    assert first_chars(pattern) is None


@pytest.mark.parametrize(
    ("patterns", "text", "expected"),
    [
        # the first alternative that matches wins, as in the combined pattern
        (["may", r"may\s+5"], "in May 5 cases", (3, 6)),
        (["spring", "summer"], "since \u017fpring", (6, 12)),  # long s
        (["kilo"], "one \u212ailo", (4, 8)),  # Kelvin sign
        (["winter"], "mid-winter, then winter", (17, 23)),  # not after a hyphen
        ([r"\d{4}", ".x"], "in 1999", (3, 7)),  # an unknown first set: combined search
    ],
)
def test_search_matches_the_combined_pattern(patterns, text, expected) -> None:
    alternation = Alternation(patterns)
    match = alternation.search(text)
    assert match is not None and match.span() == expected
    combined = alternation.combined.search(text)
    assert combined is not None and combined.span() == expected


def test_longest_end_reads_every_alternative() -> None:
    alternation = Alternation(["may", r"may\s+5", r"may\s+5\s*x"])
    assert alternation.search("May 5x").span() == (0, 3)  # type: ignore[union-attr]
    # "May 5 x" ends before "x" only when a letter does not follow
    assert alternation.longest_end("May 5x", 0) == 6
    assert alternation.longest_end("May 5 xy", 0) == 5
    assert alternation.longest_end("Maybe", 0) is None


def test_timex_candidates_equal_the_combined_search_at_every_position() -> None:
    lines = corpus_path("polnear", "dev.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines[:3]]
    text = (
        " ".join(r["text"][:1500] for r in records) + " ye\u017fterday at 5 P.M. on \u212aIDS day"
    )
    starts = 0
    for pos in range(len(text)):
        fast = _CANDIDATES.search(text, pos)
        slow = _CANDIDATES.combined.search(text, pos)
        assert (fast and fast.span()) == (slow and slow.span()), pos
        starts += fast is not None
    assert starts > len(text) // 2  # the texts hold dates to find
