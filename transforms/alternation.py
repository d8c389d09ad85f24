"""A large case-insensitive alternation of regular expressions, searched quickly.

Python's `re` tries every alternative at every word start. Most alternatives can only
begin with a few letters ("yesterday" with y, a year with 1 or 2), so the search tries
at each position just the alternatives that can begin with its character, in their
original order. The results are exactly those of the single combined pattern: the first
characters are read from the parsed patterns, and wherever that reading is not certain
(a construct it does not know, a character outside ASCII) the combined pattern is used.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

try:  # the parser behind `re` (private, but unchanged in 3.11-3.13); without it, no dispatch
    _C: Any = importlib.import_module("re._constants")
    _P: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - other interpreters
    _C = _P = None

_ASCII_WORD = frozenset(string.ascii_lowercase + string.digits + "_")
_ASCII_DIGITS = frozenset(string.digits)
_UNKNOWN = None  # "could begin with anything"


def first_chars(pattern: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
    """The lower-case ASCII characters a match of `pattern` can begin with (the pattern
    is read case-insensitively), or None when that cannot be told (including a pattern
    that can match the empty string)."""
    if _P is None:
        return _UNKNOWN
    chars, nullable = _first_of_sequence(_P.parse(pattern, flags))
    if chars is _UNKNOWN or nullable:
        return _UNKNOWN
    return frozenset(chars)


def _first_of_sequence(items: Iterable[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    chars: set[str] = set()
    for op, arg in items:
        first, nullable = _first_of_op(op, arg)
        if first is _UNKNOWN:
            return _UNKNOWN, False
        chars |= first
        if not nullable:
            return chars, False
    return chars, True


def _first_of_op(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    assert _C is not None
    if op is _C.LITERAL:
        return _ascii_lower({chr(arg)}), False
    if op is _C.IN:
        return _first_of_class(arg), False
    if op is _C.SUBPATTERN:
        return _first_of_sequence(arg[-1])
    if op is _C.BRANCH:
        chars: set[str] = set()
        nullable = False
        for alternative in arg[1]:
            first, alt_nullable = _first_of_sequence(alternative)
            if first is _UNKNOWN:
                return _UNKNOWN, False
            chars |= first
            nullable = nullable or alt_nullable
        return chars, nullable
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        low, _high, body = arg
        first, nullable = _first_of_sequence(body)
        return first, nullable or low == 0
    if op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
        return set(), True  # zero width: the next item begins the match
    return _UNKNOWN, False


def _first_of_class(items: Iterable[tuple[Any, Any]]) -> set[str] | None:
    assert _C is not None
    chars: set[str] = set()
    for op, arg in items:
        if op is _C.LITERAL:
            chars.add(chr(arg))
        elif op is _C.RANGE:
            low, high = arg
            chars.update(chr(c) for c in range(low, high + 1))
        elif op is _C.CATEGORY and arg is _C.CATEGORY_DIGIT:
            chars |= _ASCII_DIGITS  # other digits are not ASCII: the combined pattern
        elif op is _C.CATEGORY and arg is _C.CATEGORY_WORD:
            chars |= _ASCII_WORD
        else:
            return _UNKNOWN
    return _ascii_lower(chars)


def _ascii_lower(chars: set[str]) -> set[str] | None:
    # A character outside ASCII in a pattern may match an ASCII one case-insensitively
    # (U+017F long s matches "s"): leave such patterns to the combined search.
    if any(not c.isascii() for c in chars):
        return _UNKNOWN
    return {c.lower() for c in chars}


class Alternation:
    """`(?<![\\w-])(?:p1|p2|...)(?![\\w])`, case-insensitive, searched by first character.

    `search(text, pos)` returns the same match as the combined pattern's `search`;
    `longest_end(text, start)` the furthest end any single alternative reaches at `start`.
    """

    _HEAD = r"(?<![\w-])"
    _TAIL = r"(?![\w])"

    def __init__(self, patterns: Sequence[str]) -> None:
        self.combined = self._compile(patterns)
        self._alternatives = [self._compile([p]) for p in patterns]
        firsts = [first_chars(p) for p in patterns]
        known = [f for f in firsts if f is not _UNKNOWN]
        self._by_char: dict[str, tuple[re.Pattern[str], list[re.Pattern[str]]]] = {}
        if len(known) < len(firsts):
            self._lead = re.compile(self._HEAD)  # every position may begin a match
            return
        keys = sorted(frozenset[str]().union(*known))
        for key in keys:
            chosen = [i for i, f in enumerate(known) if key in f]
            self._by_char[key] = (
                self._compile([patterns[i] for i in chosen]),
                [self._alternatives[i] for i in chosen],
            )
        # positions worth a try: a character some alternative begins with, or non-ASCII
        lead = "".join(re.escape(k) for k in keys)
        self._lead = re.compile(rf"{self._HEAD}(?=[{lead}]|[^\x00-\x7f])", re.IGNORECASE)

    @classmethod
    def _compile(cls, patterns: Sequence[str]) -> re.Pattern[str]:
        body = "|".join(f"(?:{p})" for p in patterns)
        return re.compile(f"{cls._HEAD}(?:{body}){cls._TAIL}", re.IGNORECASE)

    def _for(self, char: str) -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
        if char.isascii():
            found = self._by_char.get(char.lower())
            if found is not None:
                return found
            if self._by_char:
                return _NO_MATCH
        return self.combined, self._alternatives

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if not self._by_char:
            return self.combined.search(text, pos)
        for lead in self._lead.finditer(text, pos):
            start = lead.start()
            match = self._for(text[start])[0].match(text, start)
            if match is not None:
                return match
        return None

    def longest_end(self, text: str, start: int) -> int | None:
        """The end of the longest match of a single alternative at `start` that is not
        followed by a letter or digit, or None."""
        ends = [m.end() for alt in self._for(text[start])[1] if (m := alt.match(text, start))]
        return max((e for e in ends if e >= len(text) or not text[e].isalnum()), default=None)


_NEVER = re.compile(r"(?!)")
_NO_MATCH: tuple[re.Pattern[str], list[re.Pattern[str]]] = (_NEVER, [])
