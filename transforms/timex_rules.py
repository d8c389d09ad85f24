"""TIMEX3 rules: find temporal expressions in text and normalise them (pure Python).

Nothing here imports spaCy or reads the clock. Two entry points:

- :func:`find_candidates` scans raw text with regular expressions and returns
  ``(start, end)`` character spans following TimeBank extent conventions (the
  article "the" is kept, prepositions are not: "on Friday" -> "Friday").
- :func:`normalise` turns one expression into a :class:`Timex` (TIMEX3 type and
  value, the calendar interval it covers, its granularity and whether the anchor
  date was needed) given the anchor (publication) date, the tense of the clause
  and the date last mentioned before it.

Value conventions (TIMEX3 / TimeBank): ``2025-02-12`` day, ``2025-W07`` ISO week,
``2025-W07-WE`` weekend, ``2025-02`` month, ``2025-Q1`` quarter, ``2025-H1`` half,
``2025-SU`` season (SP, SU, FA, WI), ``2025`` year, ``199`` decade, ``19``
century, ``2025-02-12T14:30`` clock time, ``2025-02-12TMO`` part of day (MO, AF,
EV, NI), ``P3Y``/``PT90M`` durations (``X`` for an unspecified amount), sets such
as ``XXXX-WXX-1`` (every Monday) or ``P1D`` (daily), and ``PRESENT_REF``,
``PAST_REF``, ``FUTURE_REF``. An unresolved relative date keeps ``X`` digits
(``XXXX-XX-XX``) and no calendar interval.

"before 2014" / "pre-2014" keep the value ``2014`` with ``mod="BEFORE"``; their
interval is open at the start (``date_start`` None) and ends on 2013-12-31.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.alternation import Alternation

GRANULARITIES: tuple[str, ...] = (
    "day",  # 2025-02-12
    "week",  # 2025-W07, 2025-W07-WE
    "month",  # 2025-02
    "quarter",  # 2025-Q1
    "half",  # 2025-H1
    "season",  # 2025-SU
    "year",  # 2025
    "decade",  # 199
    "century",  # 19
    "time",  # 2025-02-12T14:30, 2025-02-12TMO
    "duration",  # P3Y, PT90M
    "set",  # XXXX-WXX-1, P1D (as frequency)
    "reference",  # PRESENT_REF, PAST_REF, FUTURE_REF
)

TIMEX_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")

# timeline.py appends this to the context of a sentence of a quarterly earnings report,
# where "a year ago" means the same quarter a year earlier
QUARTERLY_MARK = "\x00quarterly-report"

MIN_YEAR = 1000
MAX_YEAR = 2200


@dataclass(frozen=True)
class Timex:
    """A normalised temporal expression."""

    type: str
    value: str | None
    granularity: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    relative: bool = False  # the value depends on the anchor / a previous date
    mod: str | None = None  # BEFORE, AFTER, START, MID, END, APPROX ...


# ----------------------------------------------------------------- vocabularies

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
}
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": -1,
    "final": -1,
}
UNITS = {
    "second": ("S", True),
    "sec": ("S", True),
    "minute": ("M", True),
    "min": ("M", True),
    "hour": ("H", True),
    "hr": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "fortnight": ("W2", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "centurie": ("CE", False),
}
_SMALL = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "couple": 2,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {"few", "several", "some", "many", "couple of", "number of", "coming", "recent"}

NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
    r"five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozens?|"
    r"(?:a\s+|one\s+)?hundred|hundreds\s+of|dozens\s+of|thousands\s+of|(?:a\s+)?couple\s+of|a\s+few"
    r"|a|an|few|several|many|some|a\s+number\s+of)"
)
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?(?:\s+\d/\d)?|{NUMBER_WORD}(?:\s+and\s+a\s+half)?)"


def parse_number(text: str) -> float | None:
    """'twenty four' -> 24, '5 1/2' -> 5.5, 'a' -> 1; None for vague amounts ('several')."""
    t = text.strip().lower().replace("-", " ")
    t = re.sub(r"\s+", " ", t)
    half = 0.0
    if t.endswith(" and a half"):
        half = 0.5
        t = t[: -len(" and a half")].strip()
    m = re.fullmatch(r"(\d+(?:[.,]\d+)?)(?: (\d)/(\d))?", t)
    if m:
        value = float(m.group(1).replace(",", "")) if "," in m.group(1) else float(m.group(1))
        if m.group(2):
            value += int(m.group(2)) / max(int(m.group(3)), 1)
        return value + half
    if t in ("a couple of", "couple of", "a couple"):
        return 2.0 + half
    if t in ("a dozen", "dozen"):
        return 12.0 + half
    words = t.split()
    total = 0
    if not words:
        return None
    for word in words:
        if word in _SMALL:
            total += _SMALL[word]
        elif word in _TENS:
            total += _TENS[word]
        elif word == "hundred" and total:
            total *= 100
        else:
            return None
    return float(total) + half


# ------------------------------------------------------------------- calendars


def _clamp_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    month = m + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def interval(value: str | None) -> tuple[date | None, date | None, str | None]:
    """The calendar interval ``(start, end)`` a TIMEX3 DATE/TIME value covers, and its granularity.

    Values with unknown digits (``XXXX``), references and durations give ``(None, None, g)``.
    """
    if not value:
        return None, None, None
    v = value.upper()
    if v in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
        return None, None, "reference"
    if v.startswith("P"):
        return None, None, "duration"
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", v)
        if m:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return (
                (d, d, "time" if m.group(4) else "day")
                if _clamp_year(d.year)
                else (None, None, None)
            )
        m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
        if m:
            year, week = int(m.group(1)), int(m.group(2))
            if not _clamp_year(year):
                return None, None, None
            monday = date.fromisocalendar(year, week, 1)
            if m.group(3):
                return monday + timedelta(days=5), monday + timedelta(days=6), "week"
            return monday, monday + timedelta(days=6), "week"
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            year, month = int(m.group(1)), int(m.group(2))
            if not _clamp_year(year) or not 1 <= month <= 12:
                return None, None, None
            return (
                date(year, month, 1),
                date(year, month, calendar.monthrange(year, month)[1]),
                "month",
            )
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            year, q = int(m.group(1)), int(m.group(2))
            if not _clamp_year(year):
                return None, None, None
            start = date(year, 3 * q - 2, 1)
            return start, add_months(start, 3) - timedelta(days=1), "quarter"
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            year, h = int(m.group(1)), int(m.group(2))
            if not _clamp_year(year):
                return None, None, None
            return (
                (date(year, 1, 1), date(year, 6, 30), "half")
                if h == 1
                else (
                    date(year, 7, 1),
                    date(year, 12, 31),
                    "half",
                )
            )
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            year = int(m.group(1))
            if not _clamp_year(year) or not _clamp_year(year + 1):
                return None, None, None
            # meteorological seasons (northern hemisphere)
            spans = {
                "SP": (date(year, 3, 1), date(year, 5, 31)),
                "SU": (date(year, 6, 1), date(year, 8, 31)),
                "FA": (date(year, 9, 1), date(year, 11, 30)),
                "WI": (date(year, 12, 1), date(year + 1, 3, 1) - timedelta(days=1)),
            }
            start, end = spans[m.group(2)]
            return start, end, "season"
        if re.fullmatch(r"\d{4}", v):
            year = int(v)
            return (
                (date(year, 1, 1), date(year, 12, 31), "year")
                if _clamp_year(year)
                else (None, None, None)
            )
        if re.fullmatch(r"\d{3}", v):
            year = int(v) * 10
            if not _clamp_year(year) or not _clamp_year(year + 9):
                return None, None, None
            return date(year, 1, 1), date(year + 9, 12, 31), "decade"
        if re.fullmatch(r"\d{2}", v):
            year = int(v) * 100
            if not _clamp_year(year) or not _clamp_year(year + 99):
                return None, None, None
            return date(year, 1, 1), date(year + 99, 12, 31), "century"
    except (ValueError, OverflowError):
        return None, None, None
    if "X" in v:
        return None, None, _granularity_of_pattern(v)
    return None, None, None


def _granularity_of_pattern(v: str) -> str | None:
    if re.fullmatch(r"X{4}-X{2}-X{2}", v):
        return "day"
    if "-W" in v and v.count("-") >= 2 and not v.endswith("WE"):
        return "day"
    if "-W" in v:
        return "week"
    if re.fullmatch(r"X{4}-\d{2}|X{4}-X{2}", v):
        return "month"
    if "-Q" in v:
        return "quarter"
    if "-H" in v:
        return "half"
    if re.search(r"-(SP|SU|FA|WI)$", v):
        return "season"
    if re.fullmatch(r"X{4}|\d{3}X", v):
        return "year"
    if "T" in v:
        return "time"
    return None


def _mk(
    ttype: str,
    value: str | None,
    relative: bool = False,
    mod: str | None = None,
    granularity: str | None = None,
) -> Timex:
    start, end, gran = (None, None, None)
    if ttype in ("DATE", "TIME"):
        start, end, gran = interval(value)
    elif ttype == "DURATION":
        gran = "duration"
    elif ttype == "SET":
        gran = "set"
    if mod == "BEFORE" and end is not None and start is not None:
        end = start - timedelta(days=1)
        start = None
    elif mod == "AFTER" and end is not None:
        start = end + timedelta(days=1)
        end = None
    if start is not None and not _clamp_year(start.year):
        start = None
    if end is not None and not _clamp_year(end.year):
        end = None
    return Timex(ttype, value, granularity or gran, start, end, relative, mod)


# ------------------------------------------------------------------ extraction

_MON = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY_ORD_WORDS = {
    w: i + 1
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
_DAY_ORD_WORDS.update({f"twenty-{w}": 20 + n for w, n in list(_DAY_ORD_WORDS.items())[:9]})
_DAY_ORD_WORDS.update({"thirtieth": 30, "thirty-first": 31})
_DAY_ORD = (
    r"(?:(?:twenty-)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh"
    r"|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth|thirty-first)"
)
_MON_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_HOLIDAY_NAMES = (
    r"thanksgiving(?:\s+day)?|christmas(?:\s+(?:day|eve))?|new\s+year's\s+(?:day|eve)|"
    r"independence\s+day|election\s+day|easter(?:\s+(?:sunday|week))?|valentine's\s+day|"
    r"labor\s+day|memorial\s+day|boxing\s+day|good\s+friday|easter\s+monday|bonfire\s+night|"
    r"guy\s+fawkes\s+night|mothering\s+sunday|remembrance\s+(?:sunday|day)|armistice\s+day|"
    r"veterans\s+day|st\.?\s+patrick's\s+day|burns\s+night|"
    r"martin\s+luther\s+king\s+(?:jr\.?\s+)?day|presidents'?\s+day|columbus\s+day"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?"
    r"|months?|quarters?|years?|decades?|centur(?:y|ies))"
)
_UNIT_SING = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_PART_OF = r"the\s+(?:end|beginning|start|middle)\s+of"
# "of 2014", "of next year": the year a quarter, a half or a season belongs to
_OF_YEAR = rf"(?:\s+of\s+(?:(?:fiscal\s+)?{_YEAR}|the\s+year|this\s+year|next\s+year|last\s+year))"
# the year of a day named by its relation: "1 January next year", "March 5 of that year"
_DAY_YEAR = rf"(?:,?\s+{_YEAR}|,?\s+(?:of\s+)?(?:last|this|next|that)\s+year)"
# the words before a range of lengths that belong to it: "the next 12-18 months"
_RANGE_REL_WORD = r"(?:next|past|last|coming|previous)"
_RANGE_REL = rf"(?:the\s+)?{_RANGE_REL_WORD}\s+"
_POD = r"(?:morning|afternoon|evening|night)"
# a time zone after a clock time: "EST", "ET", "GMT", "BST"
_ZONE = r"(?:[ecmp][sd]t|[ep]t|gmt|utc|bst|cet)"
_ZONE_24 = r"(?:gmt|utc|bst|cet)"  # "0600 GMT": the 24-hour clock, written with its zone
_TIME = (
    rf"(?:\d{{1,2}}(?:[:.][ \t]?\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+{_ZONE})?"
    rf"|\d{{1,2}}:\d{{2}}(?:\s+{_ZONE})?|(?:[01]\d|2[0-3])[0-5]\d\s+{_ZONE_24}|noon|midnight)"
)
_REL = r"(?:last|next|this|past|previous|coming|following|current|same|latest|prior|recent)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|last|final)"
_APPROX = (
    r"(?:about|around|nearly|almost|roughly|approximately|some"
    r"|more\s+than|less\s+than|over|under|at\s+least|up\s+to)"
)

# "the first Tuesday in March", "the last Friday of the month": a weekday counted in a month
_NTH_WEEKDAY = (
    rf"(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+{_WD}\s+(?:in|of)\s+"
    rf"(?:{_MON_FULL}(?:,?\s+{_YEAR})?|(?:this|next|last)\s+month)"
)
# "the last week of October", "the first day of next month", "the second half of
# February", "the first month of the year": a part counted in a month or a year
_PART_OF_MONTH = (
    rf"(?:the\s+)?{_ORD}\s+(?:full\s+)?(?:day|week|weekend|half|month)\s+(?:in|of)\s+"
    rf"(?:{_MON_FULL}(?:,?\s+{_YEAR})?|(?:this|next|last|the|that)\s+(?:month|year)|{_YEAR})"
)
_DAY_OF_MONTH = (
    rf"{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?{_DAY_YEAR}?"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?![a-z]){_DAY_YEAR}?"
)

_PATTERNS: list[str] = [
    # clock times with optional day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6", "9am on 12
    # June 2019", "2 p.m. on the last Friday in August", "midnight on New Year's Eve"
    rf"(?:around\s+)?{_TIME}(?:,?\s+(?:on\s+)?(?:(?:{_WD}|yesterday|tomorrow)(?:\s+{_POD})?|today"
    rf"|{_DAY_OF_MONTH}|{_NTH_WEEKDAY}|{_PART_OF_MONTH}|{_HOLIDAY_NAMES}|tonight|last\s+night"
    rf"|this\s+(?:morning|afternoon|evening)))?",
    rf"\d{{1,2}}\s+(?:o'clock\s+)?in\s+the\s+{_POD}",
    # ISO and numeric dates
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?",
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})",
    # explicit dates ("this coming Sunday, March eighth", "the week of March 6")
    rf"(?:the\s+(?:week\s+of|day\s+before|day\s+after)\s+)?"
    rf"(?:(?:(?:this\s+coming|this|next|last|coming)\s+)?{_WD},?\s+)?{_MON}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?|{_DAY_ORD}){_DAY_YEAR}?",
    # day first, the month written out or cut short ("22 Mar 2013", as web datelines write it)
    rf"(?:{_WD},?\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?![a-z]){_DAY_YEAR}?",
    rf"(?:(?:early|late|mid|mid-)\s*)?{_MON_FULL}(?:,?\s+{_YEAR}|(?:\s+of)?\s+(?:last|this|next|that)\s+year|\s+nineteen\s+\w+(?:-\w+)?)",
    rf"(?:(?:early|late|mid|mid-|end-|{_PART_OF})\s*)?{_MON_FULL}(?!\s+\d)",
    # "the end of 1990", "the middle of next year": a part of a year, week or month
    rf"{_PART_OF}\s+(?:{_YEAR}(?!\s*(?:%|percent))|(?:this|next|last|that)\s+(?:week|month|year)"
    r"|(?:this|next|last|the)\s+(?:decade|century))",
    # weekdays with part of day / relative words
    rf"(?:(?:last|next|this|early|late|earlier|later|this\s+coming|the\s+previous|the\s+following)\s+)?"
    rf"{_WD}(?:\s+{_POD}s?)?",
    rf"the\s+day\s+(?:before|after)\s+(?:(?:last|next|this)\s+)?(?:{_WD}|{_HOLIDAY_NAMES}"
    rf"|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)",
    rf"{_POD}\s+(?:on\s+)?{_WD}",
    _NTH_WEEKDAY,
    _PART_OF_MONTH,
    # yesterday / today / tomorrow
    rf"(?:(?:early|late|earlier|later|mid-?)\s*)?(?:yesterday|today|tomorrow)(?:\s+{_POD})?",
    r"(?:(?:early|late|mid-?)\s*)?(?:morning|afternoon|evening)\s+(?:yesterday|today|tomorrow)",
    rf"(?:(?:early|late|later|earlier)\s+)?(?:this|last|tomorrow|yesterday)\s+{_POD}",
    r"tonight|overnight|mid-?afternoon",
    # quarters / halves
    rf"(?:the\s+)?(?:(?:same|comparable|year-ago|year-earlier|latest|current|{_ORD})[-\s]+)*(?:fiscal\s+)?"
    rf"(?:{_ORD}|current|latest|same|year-ago|year-earlier|comparable)[-\s]+quarter{_OF_YEAR}?",
    rf"(?:the\s+)?{_ORD}[-\s]+half{_OF_YEAR}?",
    rf"(?:fiscal\s+)?{_YEAR}\s+(?:{_ORD}[-\s]+quarter|{_ORD}[-\s]+half)",
    rf"q[1-4](?:\s+{_YEAR})?|h[12]\s+{_YEAR}|fy\s?(?:{_YEAR}|\d{{2}})\b",
    rf"(?:this|last|next)\s+year's\s+(?:(?:{_ORD})[-\s]+)?(?:fiscal\s+)?(?:quarter|half|period)",
    rf"the\s+{_YEAR}\s+(?:quarter|period)",
    r"the\s+(?:(?:same|corresponding|comparable)\s+)?(?:quarter|period)\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))",
    # relative units
    rf"(?:(?:early|late|earlier|later)\s+)?(?:this|last|next|the\s+past|the\s+last|the\s+coming|"
    rf"the\s+previous|the\s+following|the\s+next|this\s+past)\s+(?:{_UNIT_SING}|fiscal\s+year|weekend|spring|summer|fall|autumn|winter|{_MON_FULL})",
    r"(?:earlier|later)\s+(?:this|that|in\s+the)\s+(?:day|week|month|year|decade|century)",
    rf"the\s+(?:previous|following|next|same)\s+(?:day|week|month|year|{_POD})",
    r"the\s+day\s+(?:before|after)",
    r"the\s+(?:comparable\s+)?(?:year-ago|year-earlier)\s+(?:period|quarter|nine\s+months|six\s+months|(?:first|second|third|fourth)\s+quarter)",
    r"year-(?:ago|earlier)",
    r"(?:the\s+)?weekend",
    # durations / anchored durations: "the past two months", "the first nine months"
    rf"(?:{_APPROX}\s+)?(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|latest|following)\s+)?"
    rf"{NUMBER}(?:\s+(?:more|additional|full|straight|consecutive|trading|business|working))?[-\s]+{_UNIT}"
    r"(?:\s+and\s+a\s+half)?(?:[-\s]+(?:ago|earlier|old|long)|\s+from\s+(?:now|today))?",
    # "two to three weeks", "the next 12 to 18 months", "12-18 months"
    rf"(?:{_APPROX}\s+|{_RANGE_REL})?{NUMBER}[-\s]+(?:to|or)[-\s]+{NUMBER}[-\s]+{_UNIT}(?:\s+ago)?",
    rf"(?:{_APPROX}\s+|{_RANGE_REL})?\d{{1,3}}\s*[-\u2013]\s*\d{{1,3}}[-\s]+{_UNIT}(?:\s+ago)?",
    # fractions of a unit: "a quarter-century", "half a century ago", "half an hour",
    # "three-quarters of an hour", "the past quarter of a century"
    rf"(?:{_APPROX}\s+)?(?:(?:a|one)\s+(?:quarter|half)(?:[-\s]|\s+of\s+an?\s+)|half\s+an?\s+"
    r"|three[-\s]quarters\s+of\s+an?\s+|(?:the\s+)?(?:past|last|next|first)\s+(?:quarter|half)"
    r"(?:[-\s]|\s+of\s+an?\s+))(?:century|decade|year|day|hour)(?:\s+(?:ago|earlier))?",
    rf"(?:the\s+)?(?:past|last|next|coming|recent|previous)\s+(?:few\s+|several\s+)?{_UNIT}",
    rf"(?:a|one)\s+{_UNIT_SING}\s+(?:or\s+so\s+)?(?:ago|earlier)",
    # years, decades, centuries
    rf"(?:(?:the\s+)?(?:early|late|mid|mid-)\s*|fiscal\s+|pre-|post-|end-|calendar\s+)?{_YEAR}(?!\s*(?:%|percent))",
    rf"(?:the\s+)?(?:(?:early|late|mid|mid-)\s*)?{_YEAR}s",
    r"(?:the\s+)?(?:early\s+|late\s+|mid-?)?'\d0s",
    # "the 1980's", "the mid 1990’s": a decade, not a year's possessive, after "the" or a part
    r"(?:the\s+(?:(?:early|late|mid|mid-)\s*)?|(?:early|late|mid|mid-)\s*)(?:1[5-9]|20)\d0['\u2019]s\b",
    r"(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
    r"(?:the\s+)?(?:(?:early|late|mid)[-\s]*)?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|twenty-first)[-\s]+century",
    r"(?:this|last|next|the\s+last|the\s+past|the\s+next)\s+(?:century|decade)",
    r"nineteen\s+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?",
    r"(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?",
    # seasons
    rf"(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?(?:spring|summer|fall|autumn|winter)(?:\s+of)?\s+(?:{_YEAR}|nineteen\s+\w+(?:-\w+)?)",
    r"(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?(?:spring|summer|fall|autumn|winter)\s+of\s+(?:this|last|next)\s+year",
    # "in the autumn": spaCy tags "the summer", "the winter", "the spring", seldom this
    r"the\s+(?:(?:early|late)\s+)?autumn",
    # sets
    rf"(?:every|each)\s+(?:other\s+|single\s+)?(?:{_WD}|{_UNIT_SING}|{_MON_FULL}|morning|afternoon|evening|night|weekend)",
    rf"every\s+{NUMBER}[-\s]+{_UNIT}",
    rf"{_WD}s(?:\s+{_POD}s)?",
    r"daily|weekly|monthly|annually|yearly|nightly",
    rf"(?:once|twice|\w+\s+times)\s+(?:a|an|per|every)\s+{_UNIT_SING}",
    # references
    r"now|currently|recently|the\s+future|nowadays|these\s+days|the\s+past(?!\s+(?:\w+\s+)?(?:\d|"
    + NUMBER_WORD
    + r"|few|several|{_UNIT}))",
    r"recent\s+(?:years|months|weeks|days)",
    r"the\s+(?:near|distant)\s+future|the\s+(?:near|short|long)\s+term|a\s+later\s+date",
    r"current",
    r"this\s+time\s+(?:last|next)\s+year|"
    r"year-end|the\s+end\s+of\s+the\s+(?:year|month|week|quarter)|mid-?day"
    r"|that\s+(?:same\s+)?(?:year|month|week|day)",
    rf"(?:the\s+)?(?:next|following|previous)\s+{_POD}|the\s+day\s+before|the\s+day\s+after",
    r"(?:the\s+)?(?:full|fiscal|current|entire|calendar)\s+(?:fiscal\s+)?year|(?:the\s+)?latest\s+period",
    # "the year ended 31 March", British "the year to March": a financial year's length
    rf"the\s+(?:year|quarter)(?=\s+(?:ended|ending|through|to\s+date|to\s+{_MON_FULL}))"
    r"|(?<=for\s)the\s+(?:year|quarter)",
    rf"(?:last\s+)?(?:{_HOLIDAY_NAMES})",
]

_CANDIDATES = Alternation([p.replace("{_UNIT}", _UNIT) for p in _PATTERNS])

_TRAILING = re.compile(r"[\s,;:]+$")
_OVER_THE = re.compile(r"(?:over|under)\s+(?=the\s)", re.IGNORECASE)


# "last" before an amount ("last two weeks"): after a modal or "to" it is the verb
_LAST_AS_VERB = re.compile(
    r"last\s+(?=(?:\d|an?\b|several|few|many|some|more|about|around|up|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)",
    re.IGNORECASE,
)
# what comes before "last" the verb: "could last", "is expected to last", "won't last"
_BEFORE_A_VERB = re.compile(
    r"\b(?:to|will|would|could|can|may|might|should|must|shall|not|n't)\s+$", re.IGNORECASE
)


def find_candidates(text: str) -> list[tuple[int, int]]:
    """Character spans of temporal expressions found by the regular-expression rules.

    Overlapping matches are resolved by keeping the longest (leftmost on ties).
    """
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _CANDIDATES.search(text, pos)
        if not m:
            break
        start = m.start()
        # greedy longest among alternatives starting here
        end = max(m.end(), _CANDIDATES.longest_end(text, start) or 0)
        frag = text[start:end]
        trimmed = _TRAILING.sub("", frag)
        if trimmed.endswith(".") and not re.search(
            r"(?:a\.m|p\.m|\b[a-z]{3,4})\.$", trimmed, re.IGNORECASE
        ):
            trimmed = trimmed[:-1]
        end = start + len(trimmed)
        over = _OVER_THE.match(text, start, end)
        if over is not None:
            start = over.end()  # "over the next 12 months": a preposition, not "more than"
        verb = _LAST_AS_VERB.match(text, start, end)
        if verb is not None and _BEFORE_A_VERB.search(text[max(0, start - 12) : start]):
            start = verb.end()  # "could last two weeks": a verb, not "last week"
        if re.match(r"the\s+\S+-quarter\b", text[start:end], re.IGNORECASE):
            start += 4  # "the third-quarter results": the article belongs to the noun phrase
        elif re.fullmatch(r"an?\s+year-(?:ago|earlier)", text[start:end], re.IGNORECASE):
            start += text[start:end].index(" ") + 1  # "a year-earlier loss": "a" goes with "loss"
        first = _first_day(text, start, end)
        if first is not None:
            start = first[2]  # "10-20 February": the search begins no word after a hyphen
        years = _year_range(text, start, end)
        if years is not None:
            # "from 2009-2013": each year a row, as each day of "10-20 February" is
            spans.extend([(start, end), years])
            pos = years[1]
            continue
        accepted = end > start and _accept(text, start, end)
        if accepted:
            if first is not None:
                spans.append(first[:2])
            spans.append((start, end))
            second = _second_day(text, start, end)
            if second is not None:
                spans.append(second)
                pos = second[1]
                continue
        # past what was kept: a longer alternative ("three-quarters of an hour") does
        # not leave its tail ("an hour") to be found again
        pos = max(m.end(), end if accepted else 0, start + 1)
    return spans


# Two days of one month: "April 24 and 25", "Sept. 16-19", "22 and 23 June", "10-20
# February". The day written without its month is an expression of its own, read with the
# month (and year) of its pair. A range goes up, so "24 and 25 people" or "won 3-1 May"
# are no pair: the later day is the larger, and a word after a lone day must end it.
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_PAIR_WORD = r"\s+(?:and|or|to|through|until|till)\s+"
_PAIR_DASH = r"\s*[-\u2013]\s*"
_MONTH_DAY_END = re.compile(rf"{_MON}\s+{_DAY}$", re.IGNORECASE)
_LATER_DAY = re.compile(
    rf"(?:{_PAIR_WORD}|{_PAIR_DASH})(\d{{1,2}}(?:st|nd|rd|th)?)"
    r"(?=\s*(?:[.,;:)\"']|$)|\s+(?:at|in|on|to|with|for|when|as|before|after|and|but|the"
    r"|among|from)\b)",
    re.IGNORECASE,
)
_EARLIER_DAY = re.compile(rf"(?<![\w.,/-]){_DAY}(?:{_PAIR_WORD}|{_PAIR_DASH})$", re.IGNORECASE)
_DASHED_DAY = re.compile(rf"(?<![\w.,/-]){_DAY}{_PAIR_DASH}{_DAY}\s+$", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"{_DAY}\s+(?:of\s+)?{_MON_FULL}\b", re.IGNORECASE)
_MONTH_FIRST_PAIR = re.compile(rf"({_MON})\s+{_DAY}(?:{_PAIR_WORD}|{_PAIR_DASH})$", re.IGNORECASE)
_DAY_FIRST_PAIR = re.compile(
    rf"^(?:{_PAIR_WORD}|{_PAIR_DASH}){_DAY}\s+(?:of\s+)?({_MON_FULL})\b(,?\s+{_YEAR})?",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(rf",?\s+{_YEAR}\b")
_LATER_YEAR = re.compile(rf"\s*[-\u2013]\s*({_YEAR})(?![\w/-])")
_NEXT_YEAR_SHORT = re.compile(r"[-/\u2013](\d{2})(?![\w/-])")
_SHORT_AFTER_YEAR = re.compile(rf"(?<![\w./$#\u00a3\u20ac-])({_YEAR})[-/\u2013]$")


def _year_range(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The later year of a range of years ("1981-1989") after the bare year at start..end
    (not part of a longer number, a date or a path; a range goes up), else None."""
    if not re.fullmatch(_YEAR, text[start:end]) or re.match(
        r"[\w./$#\u00a3\u20ac-]", text[start - 1 : start] if start else ""
    ):
        return None
    m = _LATER_YEAR.match(text, end)
    if m is None:
        # a financial year or a season written by its two years: "2003-04", "2005/06"
        m = _NEXT_YEAR_SHORT.match(text, end)
        if m is None or int(m.group(1)) != (int(text[start:end]) + 1) % 100:
            return None
    elif int(m.group(1)) <= int(text[start:end]):
        return None
    return m.start(1), m.end(1)


def _going_up(first: str, second: str) -> bool:
    return int(first) < int(second) <= 31


def _second_day(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _MONTH_DAY_END.search(text[start:end])
    m2 = _LATER_DAY.match(text, end) if m is not None else None
    if m is None or m2 is None or not _going_up(m.group(1), re.sub(r"\D", "", m2.group(1))):
        return None
    return m2.start(1), m2.end(1)


def _first_day(text: str, start: int, end: int) -> tuple[int, int, int] | None:
    """The earlier day before a day-month ("22" of "22 and 23 June"), and where the
    day-month begins (after a hyphen the search found the month alone): (start, end,
    new start of the day-month), or None."""
    before = text[max(0, start - 16) : start]
    frag = text[start:end]
    day_month = _DAY_MONTH.match(frag)
    if day_month is not None:
        m = _EARLIER_DAY.search(before)
        if m is None or not _going_up(m.group(1), day_month.group(1)):
            return None
        at = start - len(before) + m.start(1)
        return at, at + len(m.group(1)), start
    if not re.match(_MON_FULL + r"\b", frag, re.IGNORECASE):
        return None
    m = _DASHED_DAY.search(before)
    if m is None or not _going_up(m.group(1), m.group(2)):
        return None
    at = start - len(before) + m.start(1)
    return at, at + len(m.group(1)), start - len(before) + m.start(2)


def paired_expression(text: str, start: int, end: int) -> str | None:
    """The later part of a pair as the date it stands for, else None: the day written
    without its month ("25" of "April 24 and 25" is "April 25", "22" of "22 and 23 June"
    is "22 June"), the first month-day when the year follows the second ("Sept. 19" of
    "Sept. 19 to 22, 2016" is "Sept. 19, 2016"), and a year written by its last two
    digits after the year before it ("04" of "2003-04" is "2004")."""
    day = text[start:end]
    if re.fullmatch(r"\d{2}", day):
        first = _SHORT_AFTER_YEAR.search(text[max(0, start - 6) : start])
        if first is not None and int(day) == (int(first.group(1)) + 1) % 100:
            return str(int(first.group(1)) + 1)
    if not re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", day):
        pair = _second_day(text, start, end) if _MONTH_DAY_END.fullmatch(day) else None
        year = _YEAR_AFTER.match(text, pair[1]) if pair is not None else None
        return day + year.group(0) if year is not None else None
    m = _MONTH_FIRST_PAIR.search(text[max(0, start - 30) : start])
    if m is not None and _going_up(m.group(2), re.sub(r"\D", "", day)):
        year = _YEAR_AFTER.match(text, end)
        return f"{m.group(1)} {day}" + (year.group(0) if year else "")
    m = _DAY_FIRST_PAIR.match(text[end : end + 40])
    if m is not None and _going_up(re.sub(r"\D", "", day), m.group(1)):
        return f"{day} {m.group(2)}{m.group(3) or ''}"
    return None


def accept_span(text: str, start: int, end: int) -> bool:
    """False for a span that reads as a time but is not one here (a programme title, an
    ordinal "a second group", a fraction "three-quarters of", "the night of <date>")."""
    low = text[start:end].lower()
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 12].lower()
    return not _not_a_time(text, start, end, low, before, after)


_NUMBER_SPAN = re.compile(
    rf"(?<![\d.,\u2013-])(\d{{1,3}})\s*[-\u2013]\s*(\d{{1,3}})[-\s]+{_UNIT}", re.IGNORECASE
)


def _accept(text: str, start: int, end: int) -> bool:
    frag = text[start:end]
    low = frag.lower()
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 12].lower()
    if re.fullmatch(r"(?:this |last |next )?(?:may|march)", frag):
        return False  # lower case: the verb or noun, not the month
    if low in ("may", "march", "sun", "sat") or re.fullmatch(r"(?:early|late|mid-?)\s*may", low):
        # the modal verb / verb "march": only as a date next to a number or year
        return (
            bool(re.match(r"\s+\d", after))
            or before.rstrip().endswith(("in", "since", "until", "of"))
            # "the year to March", "from January to March": a month ending a period
            or bool(re.search(rf"\b(?:year|months|quarter|weeks|{_MON_FULL})\s+to\s+$", before))
        )
    if re.fullmatch(_YEAR, frag):
        # a bare number: reject amounts, addresses, models
        if re.search(r"[$#€£]\s*$", before) or re.match(r"\s*(?:%|percent|\w+\s+shares|-)", after):
            return False
        if re.search(r"\d[,.]\s*$", before) or re.match(r"[,.]\d", after):
            return False
    span = _NUMBER_SPAN.search(frag)
    if span is not None and int(span.group(1)) >= int(span.group(2)):
        return False  # a range goes up: "3-1 minutes later" follows a score
    if text[start - 1 : start] in ("/", "_", "=") or text[end : end + 1] in ("/", "_", "="):
        return False  # part of a URL or a file name
    return not _not_a_time(text, start, end, low, before, after)


def _not_a_time(text: str, start: int, end: int, low: str, before: str, after: str) -> bool:
    """Word sequences that look like times but are names, ordinals, fractions or greetings."""
    if re.search(r"(?:-|\s)olds?$", low) or re.match(r"(?:-|\s+)(?:years?-)?olds?\b", after):
        return True  # an age: "a 44-year-old", "14-16 year olds"
    if _is_title(text, start, end, low):
        return True  # "ABC's \"This Week\"", "CBS's \"60 Minutes\"", "VOA Today": a programme
    if re.fullmatch(r"an?\s+second", low) and re.match(
        r"\s+(?!ago\b|later\b|earlier\b|or\b|and\b|before\b|after\b|longer\b|to\b|of\b)[a-z]", after
    ):
        return True  # "a second group", "a second time": the ordinal
    if re.search(r"\bquarters?$", low):
        following = after + text[end + 12 : end + 40].lower()
        of_a_time = re.match(
            r"\s+of\s+(?:(?:a|an|the)\s+(?:century|year|decade|hour)\b|(?:fiscal\s+)?\d{4}\b"
            r"|(?:this|last|next|the)\s+(?:fiscal\s+)?year\b)",
            following,
        )
        ordinal = re.search(r"\b(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)\b", low)
        if not of_a_time and (
            (re.match(r"\s+of\s", following) and not ordinal)
            or re.search(r"\b(?:one|two|three)-quarters$", low)
        ):
            # "three-quarters of its food", "more than a quarter of the market", "more
            # than three-quarters from small donors": a share, not a time
            return True
    if (
        low == "march"
        and re.search(r"\b(?:the|a|an|annual|yearly|their|its|his|her)\s+$", before)
        and re.match(r"\s+(?:for|on|against)\b", after)
    ):
        return True  # "the annual March for Life", "a march on Washington": the noun
    if re.fullmatch(
        rf"(?:the\s+{_ORD}|first|second|third|fourth)\s+(?:full\s+)?(?:day|week|weekend|month|year)s?",
        low,
    ) and re.match(r"\s+of\s", after):
        return True  # "the last week of the campaign": a part of an event, not of a date
    if low == "weekend" and re.search(r"\b(?:first|second|third|last|final|opening)\s+$", before):
        return True  # "its opening weekend": the film's, not a date's
    if re.fullmatch(r"noon", low) and before.endswith("high "):
        return True  # "High Noon"
    if re.fullmatch(r"(?:morning|afternoon|evening|night)", low) and re.search(
        r"\bgood\s+$", before
    ):
        return True  # a greeting
    # "the night of Oct. 23" (the date carries the value), "the night the flight went down"
    return bool(
        re.fullmatch(r"the\s+(?:morning|afternoon|evening|night)", low)
        and re.match(
            r"\s+(?:of\s+(?:\w+day\b|"
            + _MON
            + r"|\d)|(?:the|a|an|he|she|they|we|i|it|his|her|its|their)\s)",
            text[end : end + 20].lower(),
        )
    )


# relative words that are names when written in title case inside a sentence
_TITLE_FREQUENCIES = r"daily|weekly|monthly|nightly|yearly"
_TITLE_WORDS = re.compile(
    r"(?:this|last|next)\s+(?:week|month|year)|today|tonight|tomorrow|now"
    r"|\d+\s+(?:minutes|hours|days|years)|(?:good\s+)?(?:morning|evening|night)"
    rf"|{_TITLE_FREQUENCIES}",
    re.IGNORECASE,
)
# a frequency in title case before a name: "Daily Mail", "Weekly Standard"
_TITLE_BEFORE_NAME = re.compile(_TITLE_FREQUENCIES, re.IGNORECASE)


def _is_title(text: str, start: int, end: int, low: str) -> bool:
    frag = text[start:end]
    if not _TITLE_WORDS.fullmatch(frag) or frag == low or frag.isupper():
        return False
    words = [w for w in re.split(r"\s+", frag) if not w[0].isdigit()]
    if not words or not all(w[0].isupper() for w in words):
        return False
    # mid-sentence: the last character before it (quotes and spaces aside) is a word character
    # or a comma, not the end of a sentence or of a line
    if _TITLE_BEFORE_NAME.fullmatch(frag) and re.match(r" [A-Z][a-z]", text[end : end + 3]):
        return True
    prev = text[max(0, start - 40) : start].rstrip(" \t\"'`\u201c\u2018")
    if not prev:
        return False
    if prev.endswith("'s") or prev.endswith("s'"):
        return True
    return prev[-1].isalnum() and not prev.endswith(("\n",)) and "\n" not in text[start - 2 : start]


# ---------------------------------------------------------------- normalisation


def _prev_weekday(anchor: date, wd: int, include_today: bool) -> date:
    delta = (anchor.weekday() - wd) % 7
    if delta == 0 and not include_today:
        delta = 7
    return anchor - timedelta(days=delta)


def _next_weekday(anchor: date, wd: int, include_today: bool) -> date:
    delta = (wd - anchor.weekday()) % 7
    if delta == 0 and not include_today:
        delta = 7
    return anchor + timedelta(days=delta)


def resolve_weekday(
    wd: int, anchor: date, tense: str | None = None, relation: str | None = None
) -> date:
    """A weekday relative to the anchor.

    Bare: the anchor itself when it matches, else the most recent one before it, or the
    next one when the clause is in the future tense, the nearer of the two when the tense
    is "nearest" (the clause points both ways: "protesters planned a rally Saturday") or
    present, as for a month (the present of news is often a timetable: "Nevada holds its
    caucuses on Saturday", "Kingson faces Deacon in the primary on Tuesday").
    "last"/"next" look strictly before/after; "this" follows the tense.
    """
    if relation == "last":
        return _prev_weekday(anchor, wd, include_today=False)
    if relation == "next":
        return _next_weekday(anchor, wd, include_today=False)
    if tense == "future":
        return _next_weekday(anchor, wd, include_today=True)
    if tense in ("nearest", "present"):
        back = _prev_weekday(anchor, wd, include_today=True)
        ahead = _next_weekday(anchor, wd, include_today=True)
        return back if anchor - back <= ahead - anchor else ahead
    return _prev_weekday(anchor, wd, include_today=True)


def _clean(expr: str) -> str:
    t = (
        expr.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2013", "-")
        .replace("\u2014", "-")
    )
    t = re.sub(r"\s+", " ", t.strip().lower())
    t = re.sub(r"(\d): (\d\d)", r"\1:\2", t)  # "11: 06 a.m.", as the candidate rule allows
    # "the 1980's" is the decade (the candidate rule takes it only after "the" or a part)
    t = re.sub(r"^((?:the )?(?:(?:early|late|mid)[- ]?)?\d{3}0)'s$", r"\1s", t)
    t = re.sub(r"'s$", "", t)
    t = t.strip(' ,;:!?"()')
    return t


_APPROX_RE = re.compile(
    r"^(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|over|under|"
    r"at least|up to|only|just|fully|a full|another|the entire|the whole|all|each of|for|within|"
    r"in|on|at|by|since|until|during|from|through|throughout|of|ago) "
)


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def duration_value(number: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, 'year') -> 'P3Y', (90, 'minute') -> 'PT90M', (None, 'day') -> 'PXD'."""
    unit = unit.lower().rstrip("s") if unit.lower() not in ("centuries",) else "century"
    if unit == "centurie":
        unit = "century"
    code, is_time = UNITS.get(unit, ("X", False))
    if number is None:
        n = "X"
        if code == "DE":
            return "PXDE"
        if code == "CE":
            return "PXCE"
        if code == "W2":
            return "PXW"
        return f"PT{n}{code}" if is_time else f"P{n}{code}"
    if code == "DE":
        return f"P{_fmt_num(number * 10)}Y"
    if code == "CE":
        return f"P{_fmt_num(number * 100)}Y"
    if code == "W2":
        return f"P{_fmt_num(number * 2)}W"
    if code == "H" and number == 24:
        return "P1D"
    if not float(number).is_integer():
        # 1.5 hours -> PT1H30M, 1.5 years -> P18M
        if code == "H":
            return f"PT{int(number)}H{int(round((number % 1) * 60))}M"
        if code == "M" and is_time:
            return f"PT{int(number)}M{int(round((number % 1) * 60))}S"
        if code == "Y":
            months = int(round((number % 1) * 12))
            return f"P{int(number)}Y{months}M" if int(number) else f"P{months}M"
        if code == "D":
            return f"PT{_fmt_num(number * 24)}H"
    return f"PT{_fmt_num(number)}{code}" if is_time else f"P{_fmt_num(number)}{code}"


def _shift(anchor: date, number: int, unit: str) -> tuple[str, date]:
    """The date ``number`` units from ``anchor`` (negative = past), at the unit's granularity."""
    u = unit.rstrip("s")
    if u in ("day", "night"):
        d = anchor + timedelta(days=number)
        return d.isoformat(), d
    if u in ("week", "fortnight"):
        d = anchor + timedelta(weeks=number * (2 if u == "fortnight" else 1))
        return iso_week(d), d
    if u == "month":
        d = add_months(anchor, number)
        return f"{d.year:04d}-{d.month:02d}", d
    if u == "quarter":
        d = add_months(anchor, 3 * number)
        return f"{d.year:04d}-Q{quarter_of(d)}", d
    if u == "year":
        d = date(anchor.year + number, 1, 1)
        return f"{d.year:04d}", d
    if u == "decade":
        y = anchor.year + 10 * number
        return f"{y // 10:03d}", date(y, 1, 1)
    if u in ("century", "centurie", "centuries"):
        y = anchor.year + 100 * number
        return f"{y // 100:02d}", date(y, 1, 1)
    raise ValueError(unit)


def _unresolved_for(unit: str) -> str:
    u = unit.rstrip("s")
    return {
        "day": "XXXX-XX-XX",
        "night": "XXXX-XX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX",
        "quarter": "XXXX-QX",
        "half": "XXXX-HX",
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
    }.get(u, "XXXX-XX-XX")


def _year_from_two(two: int, anchor: date | None) -> int:
    if anchor is not None:
        century = anchor.year // 100 * 100
        year = century + two
        if year > anchor.year + 10:
            year -= 100
        return year
    return 1900 + two if two >= 30 else 2000 + two


def normalise(
    expr: str,
    anchor: date | None = None,
    tense: str | None = None,
    ref: date | None = None,
    context: str = "",
) -> Timex | None:
    """Normalise one temporal expression.

    ``anchor`` is the publication date, ``tense`` the tense of the clause ("past",
    "present", "future", "nearest" when the clause points both ways, or None), ``ref``
    the date last mentioned before the expression (for "the previous day"), ``context``
    the sentence (lower-level hints such as financial quarters). Returns None when the
    text is not a temporal expression. Never raises.
    """
    try:
        return _normalise(expr, anchor, tense, ref, context or "")
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None


_LENGTH_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def point_after(length: Timex, anchor: date | None) -> Timex | None:
    """The date a length reaches from ``anchor`` ("in two years", said of what will
    happen: 2027 from 2025), at the length's unit; None for a length of no whole unit
    or one bounded ("in less than two years")."""
    m = re.fullmatch(r"P(\d+)([DWMY])", length.value or "")
    if length.type != "DURATION" or m is None or length.mod not in (None, "APPROX"):
        return None
    unit = _LENGTH_UNITS[m.group(2)]
    if anchor is None:
        return _mk("DATE", _unresolved_for(unit), relative=True, mod=length.mod)
    value, _ = _shift(anchor, int(m.group(1)), unit)
    return _mk("DATE", value, relative=True, mod=length.mod)


_FRACTION_OF_UNIT = re.compile(
    r"((?:past|last|next|first) )?"
    r"(?:(?:a |one )?(quarter|half)(?:[- ]| of an? )|half an? |three[- ](quarters) of an? )"
    r"(century|decade|year|day|hour)"
)
_FRACTION = {"quarter": 0.25, "half": 0.5, "quarters": 0.75}
# each unit as a whole number of a smaller one
_SMALLER_UNIT = {
    "century": (100, "year"),
    "decade": (10, "year"),
    "year": (12, "month"),
    "day": (24, "hour"),
    "hour": (60, "minute"),
}


def _normalise(
    expr: str, anchor: date | None, tense: str | None, ref: date | None, context: str
) -> Timex | None:
    t = _clean(expr)
    if not t:
        return None
    mod = None
    # strip approximations and prepositions
    while True:
        m = _APPROX_RE.match(t)
        if not m:
            break
        word = m.group(0).strip()
        if word in ("about", "around", "nearly", "almost", "roughly", "approximately", "some"):
            mod = "APPROX"
        elif word in ("more than", "over", "at least"):
            mod = "MORE_THAN"
        elif word in ("less than", "under", "up to"):
            mod = "LESS_THAN"
        t = t[m.end() :]
    had_the = t.startswith("the ")
    if had_the:
        t = t[4:]
    # "a quarter-century", "half an hour", "past quarter of a century": the same span
    # in a smaller unit
    m = _FRACTION_OF_UNIT.match(t)
    if m and (m.group(1) or not (m.group(2) and t.startswith(m.group(2)))):
        # (a bare "quarter-century low" is a modifier, no expression of its own)
        share = _FRACTION[m.group(2) or m.group(3) or "half"]  # "half an hour": no group
        count, smaller = _SMALLER_UNIT[m.group(4)]
        t = f"{m.group(1) or ''}{_fmt_num(share * count)} {smaller}s{t[m.end() :]}"
    # "last fiscal year": the fiscal year is named by the year it ends in, as a year is
    t = re.sub(r"^((?:this|last|next|previous|past|coming) )fiscal year$", r"\1year", t)
    m = re.fullmatch(r"(this|last|next) year's (.+)", t)
    if m:  # "this year's third quarter" -> "the third quarter of this year"
        return _normalise(f"the {m.group(2)} of {m.group(1)} year", anchor, tense, ref, context)
    for pat, before_after in ((r"^(?:pre-|before )", "BEFORE"), (r"^(?:post-|after )", "AFTER")):
        m = re.match(pat, t)
        if m:
            inner = _normalise(t[m.end() :], anchor, tense, ref, context)
            if inner and inner.type == "DATE" and inner.value and inner.value[:1].isdigit():
                return _mk(inner.type, inner.value, inner.relative, before_after)
            return inner
    m = re.match(
        r"^(?:(early|late|mid(?!night|day|dle)|end(?=-)|(?:the )?end of|(?:the )?beginning of"
        r"|(?:the )?start of|(?:the )?middle of)[- ]?)\s*(.+)$",
        t,
    )
    if m and not re.match(
        r"^(?:early|late|mid)\s*(?:'|\d{2}s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)",
        t,
    ):
        inner = _normalise(m.group(2), anchor, tense, ref, context)
        if inner is not None:
            word = m.group(1).removeprefix("the ")
            pmod = {
                "early": "START",
                "beginning of": "START",
                "start of": "START",
                "late": "END",
            }.get(word, "MID" if word in ("mid", "middle of") else "END")
            return Timex(
                inner.type,
                inner.value,
                inner.granularity,
                inner.date_start,
                inner.date_end,
                inner.relative,
                pmod,
            )
    for rule in _RULES:
        res = rule(t, had_the, anchor, tense, ref, context, mod)
        if res is not None:
            return res
    return None


# each rule: (text without leading 'the', had_the, anchor, tense, ref, context, mod) -> Timex | None


def _r_refs(t, had_the, anchor, tense, ref, context, mod):
    if t in (
        "now",
        "currently",
        "nowadays",
        "these days",
        "present",
        "at present",
        "right now",
        "current",
        "today's",
    ):
        if t == "today's":
            return None
        return _mk("DATE", "PRESENT_REF", relative=True)
    if t in (
        "recently",
        "lately",
        "past",
        "previously",
        "formerly",
        "earlier",
        "recent",
    ) or re.fullmatch(r"recent times|(?:more |in )?recent years|past years", t):
        if t == "past" and not had_the:
            return None
        return _mk("DATE", "PAST_REF", relative=True)
    if t in ("future", "soon", "shortly", "later", "a later date") or re.fullmatch(
        r"(?:near|distant|foreseeable) future|(?:near|short|long) term"
        r"|future (?:years|months|weeks|days|quarters)",
        t,
    ):
        return _mk("DATE", "FUTURE_REF", relative=True)
    return None


def _r_iso(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?)?", t)
    if m:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m.group(4):
            return _mk("TIME", f"{d.isoformat()}T{m.group(4)}:{m.group(5)}")
        return _mk("DATE", d.isoformat())
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", t)
    if m:
        year = int(m.group(3))
        if year < 100:
            year = _year_from_two(year, anchor)
        d = date(year, int(m.group(1)), int(m.group(2)))  # US order (month/day)
        return _mk("DATE", d.isoformat())
    return None


def _month_num(word: str) -> int | None:
    return MONTHS.get(word.rstrip(".").lower())


def _year_for_month(
    month: int, anchor: date | None, tense: str | None, day: int | None = None
) -> int | None:
    if anchor is None:
        return None
    # the occurrence of the month nearest to the publication date, looking back in a past
    # clause and forward in a future one (one month of slack either way)
    here = anchor.year * 12 + anchor.month - 1
    options = [(anchor.year + k) * 12 + month - 1 for k in (-1, 0, 1)]
    if tense == "past":
        allowed = [o for o in options if o <= here + 1]
        best = max(allowed)
    elif tense == "future":
        allowed = [o for o in options if o >= here - 1]
        best = min(allowed)
    else:
        same = anchor.year * 12 + month - 1
        best = same if abs(same - here) < 8 else min(options, key=lambda o: abs(o - here))
    return best // 12


def _r_month_day(t, had_the, anchor, tense, ref, context, mod):
    t2 = re.sub(r"^(?:(?:this coming|this|next|last|coming) )?(?:" + _WD + r"),? ", "", t)
    rel_year = re.search(r",? (?:of )?(last|this|next|that) year$", t2)
    if rel_year:
        t2 = t2[: rel_year.start()]
    m_ord = re.fullmatch(r"([a-z]+)\.? (" + _DAY_ORD + r")(?:,? (\d{4}))?", t2)
    if m_ord and m_ord.group(2) in _DAY_ORD_WORDS:
        t2 = f"{m_ord.group(1)} {_DAY_ORD_WORDS[m_ord.group(2)]}" + (
            f" {m_ord.group(3)}" if m_ord.group(3) else ""
        )
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}|'\d{2}))?", t2)
    if not m:
        m2 = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?(?:,? (\d{4}))?", t2)
        if not m2:
            return None
        day_s, mon_s, year_s = m2.group(1), m2.group(2), m2.group(3)
    else:
        mon_s, day_s, year_s = m.group(1), m.group(2), m.group(3)
    month = _month_num(mon_s)
    if month is None:
        return None
    day = int(day_s)
    if rel_year:
        # "1 January next year"; "March 5 of that year" counts from the date last mentioned
        base = ref if rel_year.group(1) == "that" else anchor
        if base is None:
            date(2000, month, day)  # validates
            return _mk("DATE", f"XXXX-{month:02d}-{day:02d}", relative=True)
        year = base.year + {"last": -1, "this": 0, "next": 1, "that": 0}[rel_year.group(1)]
        return _mk("DATE", date(year, month, day).isoformat(), relative=True)
    if year_s:
        year = int(year_s[1:]) if year_s.startswith("'") else int(year_s)
        if year < 100:
            year = _year_from_two(year, anchor)
        d = date(year, month, day)
        return _mk("DATE", d.isoformat())
    year = _year_for_month(month, anchor, tense, day)
    if year is None:
        date(2000, month, day)  # validates
        return _mk("DATE", f"XXXX-{month:02d}-{day:02d}", relative=True)
    return _mk("DATE", date(year, month, day).isoformat(), relative=True)


def _r_month(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"(?:(this|last|next|this past|past|coming) )?([a-z]+)\.?(?:,? (?:of )?(\d{4}"
        r"|nineteen [a-z -]+|(?:last|this|next|that) year))?",
        t,
    )
    if not m:
        return None
    month = _month_num(m.group(2))
    if month is None or m.group(2) in ("mar", "sun", "sat"):
        return None
    rel = m.group(1)
    ys = m.group(3)
    if ys and ys[0].isdigit():
        return _mk("DATE", f"{int(ys):04d}-{month:02d}")
    if ys and ys.startswith("nineteen"):
        sub = _r_year(ys, False, anchor, tense, ref, context, mod)
        if sub is None or not sub.value:
            return None
        return _mk("DATE", f"{sub.value}-{month:02d}")
    if ys:
        # "June of that year": the year last mentioned, not the publication year
        base = ref if ys.startswith("that") else anchor
        if base is None:
            return _mk("DATE", f"XXXX-{month:02d}", relative=True)
        year = base.year + {"last": -1, "this": 0, "next": 1, "that": 0}[ys.split()[0]]
        return _mk("DATE", f"{year:04d}-{month:02d}", relative=True)
    if anchor is None:
        return _mk("DATE", f"XXXX-{month:02d}", relative=True)
    if rel in ("last", "this past", "past"):
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in ("next", "coming"):
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _year_for_month(month, anchor, tense)
    return _mk("DATE", f"{year:04d}-{month:02d}", relative=True)


def _pod_suffix(word: str | None) -> str | None:
    if not word:
        return None
    return PARTS_OF_DAY.get(word.rstrip("s"))


def _r_weekday(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"(?:(last|next|this|coming|earlier|later|early|late|this coming|previous"
        r"|following) )?([a-z]+)\.?(?: (morning|afternoon|evening|night))?",
        t,
    )
    if not m:
        m = re.fullmatch(r"(morning|afternoon|evening|night) (?:on )?([a-z]+)", t)
        if not m or m.group(2) not in WEEKDAYS:
            return None
        rel, wd_s, pod = None, m.group(2), m.group(1)
    else:
        rel, wd_s, pod = m.group(1), m.group(2), m.group(3)
    if wd_s not in WEEKDAYS or len(wd_s) < 6:
        return None
    wd = WEEKDAYS[wd_s]
    suffix = _pod_suffix(pod)
    # TimeBank types "Friday night" as a DATE (the day, with a part-of-day suffix)
    if anchor is None:
        value = f"XXXX-WXX-{wd + 1}"
        return _mk(
            "DATE", value + (f"T{suffix}" if suffix else ""), relative=True, granularity="day"
        )
    if rel in ("previous", "following"):
        # "the previous Friday": the one before the day last mentioned (or the publication)
        base = ref or anchor
        step = _prev_weekday if rel == "previous" else _next_weekday
        d = step(base, wd, include_today=False)
        if suffix:
            return _mk("DATE", f"{d.isoformat()}T{suffix}", relative=True, granularity="day")
        return _mk("DATE", d.isoformat(), relative=True)
    relation = (
        rel if rel in ("last", "next") else ("next" if rel in ("coming", "this coming") else None)
    )
    d = resolve_weekday(wd, anchor, tense, relation)
    if suffix:
        return _mk("DATE", f"{d.isoformat()}T{suffix}", relative=True, granularity="day")
    return _mk("DATE", d.isoformat(), relative=True)


_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}


def _r_days(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"(morning|afternoon|evening) (yesterday|today|tomorrow)", t)
    if m:  # "afternoon yesterday" -> "yesterday afternoon"
        t = f"{m.group(2)} {m.group(1)}"
    m = re.fullmatch(
        r"(?:(earlier|later) )?(yesterday|today|tomorrow|tonight|this|last"
        r"|overnight|mid-? ?afternoon|morning|afternoon|evening|night)"
        r"(?: (morning|afternoon|evening|night))?",
        t,
    )
    if not m:
        return None
    word, pod = m.group(2), m.group(3)
    if word in ("this", "last"):
        if not pod:
            return None
        offset = -1 if (word == "last" and pod == "night") else 0
        suffix = PARTS_OF_DAY[pod]
    elif word == "overnight":
        offset, suffix = 0, "NI"
    elif word.startswith("mid"):
        offset, suffix = 0, "AF"
        base = ref or anchor
        if base is None:
            return _mk("TIME", "XXXX-XX-XXTAF", relative=True)
        return _mk("TIME", f"{base.isoformat()}TAF", relative=True)
    elif word in PARTS_OF_DAY and word not in ("tonight", "overnight"):
        if pod or not had_the:
            return None
        offset, suffix = 0, PARTS_OF_DAY[word]
        base = ref or anchor
        if base is None:
            return _mk("TIME", f"XXXX-XX-XXT{suffix}", relative=True)
        return _mk("TIME", f"{base.isoformat()}T{suffix}", relative=True)
    else:
        offset = _DAY_WORDS[word]
        suffix = PARTS_OF_DAY.get(pod) if pod else ("NI" if word == "tonight" else None)
    if anchor is None:
        return _mk(
            "TIME" if suffix else "DATE",
            "XXXX-XX-XX" + (f"T{suffix}" if suffix else ""),
            relative=True,
        )
    d = anchor + timedelta(days=offset)
    if suffix:
        return _mk("TIME", f"{d.isoformat()}T{suffix}", relative=True)
    return _mk("DATE", d.isoformat(), relative=True)


def _parse_clock(text: str) -> tuple[int, int] | None:
    zoned = text.strip().lower()
    s = re.sub(rf"\s+{_ZONE}$", "", zoned)
    if s in ("noon", "midday", "mid-day"):
        return 12, 0
    if s == "midnight":
        return 24, 0
    # "2:30", "2.30pm" (a stop only with am/pm: "2.30" alone is a number)
    m = re.fullmatch(r"(\d{1,2})(?::(\d{2})|\.(\d{2})(?=\s*[ap]))?\s*(a\.?m\.?|p\.?m\.?)?", s)
    if m is None and s != zoned:
        # "0600 GMT": the 24-hour clock, only ever written with its zone
        m = re.fullmatch(r"(\d{2})(\d{2})()()", s)
    if not m:
        return None
    hour = int(m.group(1))
    minutes = m.group(2) or m.group(3)
    minute = int(minutes or 0)
    ampm = (m.group(4) or "").replace(".", "")
    if not minutes and not ampm:
        return None
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _r_clock(t, had_the, anchor, tense, ref, context, mod):
    m2 = re.fullmatch(r"(\d{1,2}) (?:o'clock )?in the (morning|afternoon|evening|night)", t)
    m = None
    if not m2:
        m = re.fullmatch(
            rf"(\d{{1,2}}(?:[:.]\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)?(?:\s+{_ZONE})?"
            rf"|\d{{4}} {_ZONE_24}|noon|midnight|mid-?day)"
            r"(?:,? (?:on )?(.+))?",
            t,
        )
        if not m:
            return None
    if m2:
        hour = int(m2.group(1)) + (
            12 if m2.group(2) in ("afternoon", "evening") and int(m2.group(1)) < 12 else 0
        )
        hm = (hour, 0)
        day_part = None
    else:
        hm = _parse_clock(m.group(1))
        day_part = m.group(2)
    if hm is None:
        return None
    hour, minute = hm
    hhmm = f"T{hour:02d}:{minute:02d}" if hour < 24 else "T24:00"
    day = None
    relative = True
    if day_part:
        sub = _normalise(day_part, anchor, tense, ref, context)
        if sub is None or not sub.value:
            return None
        # "10pm tonight", "6am this morning": the day of the part of day
        day = re.sub(r"T[A-Z]{2}$", "", sub.value)
        if day == sub.value and sub.granularity != "day":
            return None
        relative = sub.relative
    elif ref is not None:
        day = ref.isoformat()
    elif anchor is not None:
        day = anchor.isoformat()
    if day is None:
        return _mk("TIME", "XXXX-XX-XX" + hhmm, relative=True)
    return _mk("TIME", day + hhmm, relative=relative)


def _ord_num(word: str) -> int | None:
    return ORDINALS.get(word)


def _prev_quarter(anchor: date) -> tuple[int, int]:
    q = quarter_of(anchor) - 1
    return (anchor.year, q) if q >= 1 else (anchor.year - 1, 4)


def _r_quarter(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"((?:(?:same|comparable|year-ago|year-earlier|latest|current|first"
        r"|second|third|fourth|1st|2nd|3rd|4th|last|final|fiscal)[- ])*)"
        r"(quarter|half|period)(?: of (?:fiscal )?(\d{4}|this year|next year|last year|the year))?",
        t,
    )
    m_y = re.fullmatch(
        r"(?:fiscal )?(\d{4}) ((?:first|second|third|fourth|1st|2nd|3rd|4th)[- ])(quarter|half)", t
    )
    m_q = re.fullmatch(r"q([1-4])(?: (\d{4}))?", t)
    m_h = re.fullmatch(r"h([12]) (\d{4})", t)
    if m_h:  # "H1 2014": a half, as analysts write it
        return _mk("DATE", f"{m_h.group(2)}-H{m_h.group(1)}")
    m_yq = re.fullmatch(r"(\d{4}) (quarter|period)", t)
    m_ago = re.fullmatch(
        r"(?:(?:same|corresponding|comparable|year-ago) )?(?:quarter|period)"
        r" (?:last year|a year (?:ago|earlier))",
        t,
    )
    if m_ago or (
        m_yq
        and (
            m_yq.group(2) == "quarter"
            or re.search(r"\bquarter\b", context.replace(QUARTERLY_MARK, "").lower())
        )
    ):
        # "the quarter a year ago", "the 1988 quarter": the quarter being reported, that year
        if anchor is None:
            return _mk("DATE", "XXXX-QX", relative=True)
        y, q = _prev_quarter(anchor)
        if m_yq:
            return _mk("DATE", f"{int(m_yq.group(1)):04d}-Q{q}", relative=True)
        return _mk("DATE", f"{y - 1:04d}-Q{q}", relative=True)
    if m_q:
        if m_q.group(2):
            return _mk("DATE", f"{m_q.group(2)}-Q{m_q.group(1)}")
        if anchor is None:
            return _mk("DATE", f"XXXX-Q{m_q.group(1)}", relative=True)
        return _mk("DATE", f"{anchor.year:04d}-Q{m_q.group(1)}", relative=True)
    if m_y:
        mods = m_y.group(2).strip(" -").split()
        kind = m_y.group(3)
        n = _ord_num(mods[0])
        return _mk("DATE", f"{m_y.group(1)}-{'Q' if kind == 'quarter' else 'H'}{n}")
    if not m:
        return None
    words = [w for w in re.split(r"[- ]", m.group(1)) if w]
    kind = m.group(2)
    if kind == "period" and not any(
        w in ("year-ago", "year-earlier", "same", "comparable", "latest") for w in words
    ):
        return None
    if kind == "period":
        kind = "quarter"
    if kind == "half" and not words:
        return None
    if kind == "quarter" and not words and not had_the:
        return None
    year_s = m.group(3)
    ordn = next(
        (_ord_num(w) for w in words if _ord_num(w) is not None and w not in ("last", "final")), None
    )
    if ordn is None and kind == "half" and words and words[-1] in ("last", "final"):
        ordn = 2
    if ordn is None and kind == "quarter" and words and words[-1] in ("last", "final") and year_s:
        ordn = 4
    year_ago = bool(re.search(r"year-(?:ago|earlier)|comparable|same", m.group(1)))
    letter = "Q" if kind == "quarter" else "H"
    year: int | None = None
    relative = True
    if year_s and year_s[0].isdigit():
        year, relative = int(year_s), False
    elif anchor is not None:
        if year_s == "next year":
            year = anchor.year + 1
        elif year_s == "last year":
            year = anchor.year - 1
        else:
            year = anchor.year
    if ordn is None:
        # "the quarter", "the latest quarter": the most recently completed quarter (financial news)
        if anchor is None:
            return _mk("DATE", f"XXXX-{letter}X", relative=True)
        if kind == "half":
            return None
        if "current" in words:
            y, q = anchor.year, quarter_of(anchor)
        else:
            y, q = _prev_quarter(anchor)
        if year_s and year_s[0].isdigit():
            y = int(year_s)
        elif year_s:  # "last year's quarter": the reported quarter, a year before
            y += {"last year": -1, "next year": 1}.get(year_s, 0)
        if year_ago:
            y -= 1
        return _mk("DATE", f"{y:04d}-Q{q}", relative=True)
    if year is None:
        return _mk("DATE", f"XXXX-{letter}{ordn}", relative=True)
    if year_ago:
        year -= 1
    if (
        year_s in (None, "the year")
        and anchor is not None
        and kind == "quarter"
        and tense != "future"
        and ordn > quarter_of(anchor)
        and anchor.month <= 3
        and not year_ago
    ):
        year -= 1  # "the fourth quarter" said in February: last year's
    return _mk("DATE", f"{year:04d}-{letter}{ordn}", relative=relative)


def _r_year_ago(t, had_the, anchor, tense, ref, context, mod):
    if re.fullmatch(
        r"year-(?:ago|earlier)(?: period| results?)?|(?:a|one) year (?:ago|earlier|before)", t
    ):
        if anchor is None:
            return _mk("DATE", "XXXX", relative=True)
        ctx = context.lower()
        if (
            t.startswith("year-")
            and " period" in t
            or (
                (re.search(r"\bquarter\b", ctx) or QUARTERLY_MARK in ctx)
                and not re.search(r"\b(?:nine|six) months\b|\bfull year\b", ctx)
            )
        ):
            y, q = _prev_quarter(anchor)
            return _mk("DATE", f"{y - 1:04d}-Q{q}", relative=True)
        return _mk("DATE", f"{anchor.year - 1:04d}", relative=True)
    return None


def _r_relative_unit(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"(earlier |later |early |late )?(this|last|next|past"
        r"|coming|previous|following|this past|same|current|latest)"
        r" (day|week|weekend|month|quarter|year|decade|century|spring|summer|fall|autumn|winter)",
        t,
    )
    m2 = re.fullmatch(
        r"(earlier|later) (?:in )?(this|that|the) (day|week|month|year|decade|century)", t
    )
    if m2:
        rel = "this" if m2.group(2) in ("this",) else "that"
        unit = m2.group(3)
    elif m:
        rel = m.group(2)
        unit = m.group(3)
    else:
        return None
    if rel == "past" and unit in ("decade", "century"):
        return _mk("DURATION", duration_value(1, unit))
    if (
        rel in ("past", "previous", "following", "same", "next")
        and had_the
        and unit in ("day", "week", "month", "year")
    ):
        # "the previous day", "the following week": relative to the last mentioned date
        base = ref if ref is not None else None
        step = {"previous": -1, "past": -1, "following": 1, "next": 1, "same": 0}[rel]
        if rel == "past":
            # "the past year": the last such calendar unit before publication
            if anchor is None:
                return _mk("DATE", _unresolved_for(unit), relative=True)
            value, _ = _shift(anchor, -1, unit)
            return _mk("DATE", value, relative=True)
        if base is None:
            return _mk("DATE", _unresolved_for(unit), relative=True)
        value, _ = _shift(base, step, unit)
        return _mk("DATE", value, relative=True)
    if rel == "that":
        base = ref or anchor
        if base is None:
            return _mk("DATE", _unresolved_for(unit), relative=True)
        value, _ = _shift(base, 0, unit)
        return _mk("DATE", value, relative=True)
    if unit in SEASONS:
        code = SEASONS[unit]
        if anchor is None:
            return _mk("DATE", f"XXXX-{code}", relative=True)
        if rel in ("last", "past", "previous", "this past"):
            return _mk("DATE", _season(code, anchor, -1), relative=True)
        if rel in ("next", "coming", "following"):
            return _mk("DATE", _season(code, anchor, 1), relative=True)
        return _mk("DATE", _season(code, anchor, 0), relative=True)
    step = {
        "this": 0,
        "current": 0,
        "same": 0,
        "latest": 0,
        "last": -1,
        "past": -1,
        "previous": -1,
        "this past": -1,
        "next": 1,
        "coming": 1,
        "following": 1,
    }[rel]
    if unit == "weekend":
        if anchor is None:
            return _mk("DATE", "XXXX-WXX-WE", relative=True)
        sat = _prev_weekday(anchor, 5, include_today=True) if anchor.weekday() >= 5 else None
        if step == 0:
            if sat is None:
                # from Thursday on, "this weekend" is the one ahead whatever the tense
                # ("set the stage for a rout this weekend"); one gone by is "last weekend"
                sat = (
                    _next_weekday(anchor, 5, True)
                    if tense == "future" or anchor.weekday() >= 3
                    else _prev_weekday(anchor, 5, False)
                )
        elif step < 0:
            sat = _prev_weekday(anchor, 5, include_today=False)
        else:
            sat = _next_weekday(anchor, 5, include_today=False)
        return _mk("DATE", f"{iso_week(sat)}-WE", relative=True)
    if unit == "day" and rel in ("past", "last", "next", "coming"):
        return _mk("DURATION", "P1D")
    if anchor is None:
        return _mk("DATE", _unresolved_for(unit), relative=True)
    if unit == "quarter" and rel in ("latest", "last", "past", "previous"):
        y, q = _prev_quarter(anchor)
        return _mk("DATE", f"{y:04d}-Q{q}", relative=True)
    value, _ = _shift(anchor, step, unit)
    return _mk("DATE", value, relative=True)


def _r_weekend(t, had_the, anchor, tense, ref, context, mod):
    if t != "weekend":
        return None
    if anchor is None:
        return _mk("DATE", "XXXX-WXX-WE", relative=True)
    if anchor.weekday() >= 5:
        sat = _prev_weekday(anchor, 5, True)
    elif tense == "future":
        sat = _next_weekday(anchor, 5, False)
    else:
        sat = _prev_weekday(anchor, 5, False)
    return _mk("DATE", f"{iso_week(sat)}-WE", relative=True)


_NUM_UNIT_RE = re.compile(
    rf"^(?:(past|last|next|first|coming|previous|final"
    rf"|latest|following|recent) )?(?:(few|several) )?"
    rf"({NUMBER}|\d+(?:\.\d+)?)?"
    rf"(?: (?:more|additional|full|straight|consecutive|trading|business|working))?[- ]?"
    rf"(seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
    rf"(?:[- ](ago|earlier|later|before|after|old|long|ahead|from now|from today|hence))?$"
)


# "two to three weeks", "the next 12-18 months": a range reads as its lower bound
_WORDED_RANGE = re.compile(rf"^((?:{_RANGE_REL_WORD} )?)(\S+) (?:to|or) \S+ ")
_DASHED_RANGE = re.compile(rf"^((?:{_RANGE_REL_WORD} )?)(\d+) ?[-\u2013] ?\d+[- ]")


def _r_num_unit(t, had_the, anchor, tense, ref, context, mod):
    t = re.sub(r"^(?:a|one) (\w+) or so (ago|earlier|later)$", r"a \1 \2", t)
    t = _WORDED_RANGE.sub(r"\1\2 ", t)
    t = _DASHED_RANGE.sub(r"\1\2 ", t)
    t = re.sub(r"^(.+?) (\w+) and a half\b", r"\1 and a half \2", t)  # "a minute and a half"
    t = re.sub(r"^(?:year-earlier|year-ago|comparable|same) (?=\S+ \w+s$)", "", t)
    m = _NUM_UNIT_RE.match(t)
    if not m:
        return None
    rel, vague, num_s, unit, tail = m.groups()
    if tail == "old":
        return None
    if num_s is None and not vague and not rel and not (unit.endswith("s") or unit.endswith("ies")):
        return None
    plural = unit.endswith("s") and not unit.endswith("ss")
    number = parse_number(num_s) if num_s else None
    if (
        num_s
        and number is None
        and num_s.strip()
        not in (
            "few",
            "several",
            "some",
            "many",
            "a few",
            "a number of",
            "hundreds of",
            "dozens of",
            "thousands of",
        )
    ):
        return None
    if vague:
        number = None
    if (
        num_s is None
        and not plural
        and not vague
        and rel in ("past", "last", "next", "coming", "previous", "recent")
    ):
        number = 1.0
    base_unit = unit.rstrip("s")
    if base_unit.startswith("centur"):
        base_unit = "century"
    if base_unit in ("min",):
        base_unit = "minute"
    if base_unit in ("hr",):
        base_unit = "hour"
    if tail == "from today":
        tail = "from now"
    if tail in ("ago", "earlier", "later", "before", "after", "ahead", "from now", "hence"):
        sign = -1 if tail in ("ago", "earlier", "before") else 1
        base = anchor if tail in ("ago", "from now", "hence", "ahead") else (ref or anchor)
        if UNITS.get(base_unit, ("", False))[1]:
            # "three hours ago": a time of day we cannot place better than the day
            if base is None:
                return _mk("TIME", "XXXX-XX-XXTXX:XX", relative=True)
            return _mk("DATE", base.isoformat(), relative=True)
        if base is None:
            return _mk("DATE", _unresolved_for(base_unit), relative=True)
        if number is None or not float(number).is_integer():
            if number is None:
                return _mk("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", relative=True)
            number = round(number)
        value, _ = _shift(base, sign * int(number), base_unit)
        return _mk("DATE", value, relative=True)
    return _mk("DURATION", duration_value(number, base_unit), mod=mod)


def _r_year(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"fy ?(\d{4}|\d{2})", t)
    if m:  # "FY2014", "FY14": the fiscal year, named by the year it ends in
        year = int(m.group(1))
        return _mk("DATE", f"{year if year > 99 else _year_from_two(year, anchor):04d}")
    m = re.fullmatch(
        r"(?:fiscal |calendar |the year |year )?(\d{4})(?: period| fiscal year| year)?", t
    )
    if m:
        year = int(m.group(1))
        if not _clamp_year(year):
            return None
        return _mk("DATE", f"{year:04d}")
    m = re.fullmatch(r"(?:(early|late|mid)[- ]?)?(?:(\d{3})0s|'(\d)0s)", t)
    if m:
        if m.group(2):
            return _mk("DATE", m.group(2))
        d = int(m.group(3))
        if anchor is not None:
            century = _year_from_two(d * 10, anchor) // 100
        else:
            century = 19 if d >= 3 else 20
        return _mk("DATE", f"{century:02d}{d}", relative=anchor is not None)
    words = [
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
    ]
    m = re.fullmatch(r"(?:(?:early|late|mid)[- ]?)?(" + "|".join(words) + ")", t)
    if m and had_the:
        d = words.index(m.group(1)) + 2
        century = 19 if anchor is None or anchor.year < 2030 else anchor.year // 100
        return _mk("DATE", f"{century:02d}{d}")
    m = re.fullmatch(
        r"nineteen ((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]\w+)?)", t
    )
    if m:
        n = parse_number(m.group(1))
        if n is not None and n < 100:
            return _mk("DATE", f"19{int(n):02d}")
    m = re.fullmatch(r"(?:the year |year )?two thousand(?: and (\w+))?", t)
    if m:
        n = parse_number(m.group(1)) if m.group(1) else 0
        if n is not None:
            return _mk("DATE", f"{2000 + int(n):04d}")
    return None


_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}


def _r_century(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)[- ]century|([a-z-]+)[- ]century", t)
    if m:
        n = int(m.group(1)) if m.group(1) else _ORDINAL_WORDS.get(m.group(2) or "")
        if not n:
            return None
        return _mk("DATE", f"{n - 1:02d}")
    if t in ("century", "decade") and had_the and tense in ("future", "nearest") and anchor:
        t = f"this {t}"  # "by the end of the decade" of what will or may happen: this one
    m = re.fullmatch(r"(this|last|next|past) (century|decade)", t)
    if m:
        if m.group(1) == "past" or (m.group(1) == "last" and had_the):
            return _mk("DURATION", "P100Y" if m.group(2) == "century" else "P10Y")
        if anchor is None:
            return _mk("DATE", "XX" if m.group(2) == "century" else "XXX", relative=True)
        step = {"this": 0, "last": -1, "next": 1}[m.group(1)]
        value, _ = _shift(anchor, step, m.group(2))
        return _mk("DATE", value, relative=True)
    return None


def _season(code: str, anchor: date, step: int, *, inclusive: bool = False) -> str:
    """``YYYY-code`` of a season relative to the one holding ``anchor``: the one of
    that (winter-adjusted) year for ``step`` 0, else the nearest before (-1) or after
    (1) it, or the one holding ``anchor`` itself when ``inclusive``."""
    # seasons as a running count: year * 4 + (SP 0, SU 1, FA 2, WI 3);
    # January and February belong to last year's winter
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    cur_year = anchor.year - (1 if anchor.month <= 2 else 0)
    cur = cur_year * 4 + {12: 3, 1: 3, 2: 3}.get(anchor.month, (anchor.month - 3) // 3)
    n = cur_year * 4 + order[code]
    if step:
        n = cur if inclusive else cur + step
        while n % 4 != order[code]:
            n += step
    return f"{n // 4:04d}-{code}"


def _r_season(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"(spring|summer|fall|autumn|winter)(?:,? (?:of )?(\d{4}|nineteen [a-z -]+))?"
        r"|(spring|summer|fall|autumn|winter) of (this|last|next) year",
        t,
    )
    if not m:
        return None
    if m.group(3):
        # "the autumn of last year": that season of the year named
        code = SEASONS[m.group(3)]
        if anchor is None:
            return _mk("DATE", f"XXXX-{code}", relative=True)
        year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(4)]
        return _mk("DATE", f"{year:04d}-{code}", relative=True)
    code = SEASONS[m.group(1)]
    if m.group(2):
        y = m.group(2)
        year = int(y) if y.isdigit() else None
        if year is None:
            sub = _r_year(y, False, anchor, tense, ref, context, mod)
            if sub is None or not sub.value:
                return None
            year = int(sub.value)
        return _mk("DATE", f"{year:04d}-{code}")
    if m.group(1) == "fall" and not had_the:
        return None
    if anchor is None:
        return _mk("DATE", f"XXXX-{code}", relative=True)
    if tense in ("past", "future"):
        # "spent the winter preparing": the latest winter begun by publication
        step = -1 if tense == "past" else 1
        return _mk("DATE", _season(code, anchor, step, inclusive=True), relative=True)
    return _mk("DATE", f"{anchor.year:04d}-{code}", relative=True)


def _r_set(t, had_the, anchor, tense, ref, context, mod):
    simple = {
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "annually": "P1Y",
        "yearly": "P1Y",
        "quarterly": "P1Q",
        "hourly": "PT1H",
    }
    if t in simple:
        return _mk("SET", simple[t])
    m = re.fullmatch(r"(?:every|each) (other )?(\w+)", t)
    if m:
        word = m.group(2)
        n = 2 if m.group(1) else 1
        if word in WEEKDAYS:
            return _mk("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
        if word in MONTHS:
            return _mk("SET", f"XXXX-{MONTHS[word]:02d}")
        if word in PARTS_OF_DAY:
            return _mk("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[word]}")
        if word == "weekend":
            return _mk("SET", "XXXX-WXX-WE")
        if word in UNITS:
            return _mk("SET", duration_value(n, word))
        return None
    m = re.fullmatch(r"([a-z]+)s(?: (morning|afternoon|evening|night)s)?", t) or re.fullmatch(
        r"([a-z]+) (morning|afternoon|evening|night)s", t
    )
    if m and m.group(1) in WEEKDAYS and len(m.group(1)) >= 6:
        suffix = f"T{PARTS_OF_DAY[m.group(2)]}" if m.group(2) else ""
        return _mk("SET", f"XXXX-WXX-{WEEKDAYS[m.group(1)] + 1}{suffix}")
    m = re.fullmatch(r"every (.+?)[- ](\w+)", t)
    if m and m.group(2).rstrip("s") in UNITS:
        # "every five years", "every few weeks": a set with that period
        # ("every single day" is every day)
        words = m.group(1)
        number = 1.0 if words == "single" else parse_number(words)
        if number is not None or words in ("few", "a few", "several", "couple of", "a couple of"):
            return _mk("SET", duration_value(number, m.group(2)))
    m = re.fullmatch(r"(?:once|twice|\w+ times) (?:a|an|per|every) (\w+)", t)
    if m and m.group(1) in UNITS:
        return _mk("SET", duration_value(1, m.group(1)))
    return None


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    first = date(year, month, 1)
    d = first + timedelta(days=(wd - first.weekday()) % 7)
    if n > 0:
        return d + timedelta(weeks=n - 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - wd) % 7)


def _r_nth_weekday(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"(first|second|third|fourth|last|1st|2nd|3rd|4th) ([a-z]+) (?:in|of) (.+)", t)
    if m is None or m.group(2) not in WEEKDAYS or len(m.group(2)) < 6:
        return None
    month = _normalise(m.group(3), anchor, tense, ref, context)
    if month is None or month.granularity != "month" or not month.value:
        return None
    if not month.value[:4].isdigit():
        return _mk("DATE", f"{month.value}-XX", relative=True)
    year, mon = int(month.value[:4]), int(month.value[5:7])
    day = _nth_weekday(year, mon, WEEKDAYS[m.group(2)], ORDINALS[m.group(1)])
    return _mk("DATE", day.isoformat(), relative=month.relative)


def _r_part_of_month(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(
        r"(first|second|third|fourth|1st|2nd|3rd|4th|last|final) (?:full )?"
        r"(day|week|weekend|half|month) (?:in|of) (.+)",
        t,
    )
    if m is None:
        return None
    n, unit = ORDINALS[m.group(1)], m.group(2)
    whole = _normalise(m.group(3), anchor, tense, ref, context)
    if whole is None or not whole.value or whole.granularity not in ("month", "year"):
        return None
    in_month = whole.granularity == "month"
    if unit == "half" and not in_month:
        return None  # "the first half of 2005" is the half-year H1 (another rule's)
    if unit == "month" and in_month:
        return None
    if not whole.value[:4].isdigit():
        # the month keeps its name ("XXXX-06-XX"); the rest is unknown at its unit
        known = unit == "month" or (unit == "day" and in_month)
        value = whole.value + "-XX" if known else _unresolved_for(unit)
        return _mk("DATE", value, relative=True)
    if unit == "half":  # a month has no half-month value: the month, its start or end
        return _mk("DATE", whole.value, whole.relative, "START" if n == 1 else "END")
    first, last = whole.date_start, whole.date_end
    if first is None or last is None:
        return None
    if unit == "month":
        month = first.month + n - 1 if n > 0 else last.month
        return _mk("DATE", f"{first.year:04d}-{month:02d}", whole.relative)
    if unit == "day":
        d = first + timedelta(days=n - 1) if n > 0 else last
        return _mk("DATE", d.isoformat(), whole.relative)
    if unit == "weekend":  # its Saturday counted in the month (the first or last of a year)
        sat = _nth_weekday(first.year, (first if n > 0 else last).month, 5, n)
        return _mk("DATE", f"{iso_week(sat)}-WE", whole.relative)
    # a week counted in a month is its n-th seven days ("the first week of April": 1-7
    # April): the ISO week holding the most of them, the one of their middle day
    middle = first + timedelta(days=7 * (n - 1) + 3) if n > 0 else last - timedelta(days=3)
    return _mk("DATE", iso_week(middle), whole.relative)


_HOLIDAYS = {
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 3, 4),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "independence day": lambda y: date(y, 7, 4),
    "valentine's day": lambda y: date(y, 2, 14),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "easter": easter,
    "easter sunday": easter,
    # British and Irish days news dates by, and the rest of the US federal holidays
    "boxing day": lambda y: date(y, 12, 26),
    "good friday": lambda y: easter(y) - timedelta(days=2),
    "easter monday": lambda y: easter(y) + timedelta(days=1),
    "mothering sunday": lambda y: easter(y) - timedelta(days=21),
    "bonfire night": lambda y: date(y, 11, 5),
    "guy fawkes night": lambda y: date(y, 11, 5),
    "remembrance sunday": lambda y: _nth_weekday(y, 11, 6, 2),
    "remembrance day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11),
    "veterans day": lambda y: date(y, 11, 11),
    "st patrick's day": lambda y: date(y, 3, 17),
    "burns night": lambda y: date(y, 1, 25),
    "martin luther king day": lambda y: _nth_weekday(y, 1, 0, 3),
    "presidents day": lambda y: _nth_weekday(y, 2, 0, 3),
    "columbus day": lambda y: _nth_weekday(y, 10, 0, 2),
}


def _r_holiday(t, had_the, anchor, tense, ref, context, mod):
    m = re.fullmatch(r"(last |next |this )?(.+?)(?:,? (\d{4}))?", t)
    if not m:
        return None
    # one spelling of each: "St. Patrick's", "Martin Luther King Jr. Day", "Presidents'"
    name = re.sub(r"\bst\. ", "st ", m.group(2))
    name = re.sub(r" jr\.?(?= day)", "", name).replace("presidents'", "presidents")
    week = name.endswith(" week") and name[:-5] in _HOLIDAYS
    if week:
        name = name[:-5]
    if name not in _HOLIDAYS:
        return None
    fn = _HOLIDAYS[name]
    if m.group(3):
        d = fn(int(m.group(3)))
        relative = False
    elif anchor is None:
        # a holiday on a fixed day keeps its month and day ("Boxing Day": XXXX-12-26)
        a, b = fn(2001), fn(2002)
        fixed = not week and (a.month, a.day) == (b.month, b.day)
        value = f"XXXX-{a.month:02d}-{a.day:02d}" if fixed else "XXXX-XX-XX"
        return _mk("DATE", "XXXX-WXX" if week else value, relative=True)
    else:
        relative = True
        d = fn(anchor.year)
        rel = (m.group(1) or "").strip()
        if not rel and tense in ("nearest", "present"):
            # "as Election Day grows near" in September, "Christmas sales are down" in
            # January: the present speaks of the occurrence nearest publication
            years = (anchor.year - 1, anchor.year, anchor.year + 1)
            d = min((fn(y) for y in years), key=lambda day: abs((day - anchor).days))
        elif rel == "last" or (not rel and tense != "future" and d > anchor + timedelta(days=31)):
            if d >= anchor:
                d = fn(anchor.year - 1)
        elif (rel == "next" or tense == "future") and d < anchor:
            d = fn(anchor.year + 1)
    if week:
        return _mk("DATE", iso_week(d), relative=relative)
    return _mk("DATE", d.isoformat(), relative=relative)


def _r_misc(t, had_the, anchor, tense, ref, context, mod):
    base = ref or anchor
    if re.fullmatch(r"(?:fiscal )?year(?:'s)? end|end of (?:the )?year", t):
        # "by year end": the current year, towards its end
        if anchor is None:
            return _mk("DATE", "XXXX", relative=True, mod="END")
        return _mk("DATE", f"{anchor.year:04d}", relative=True, mod="END")
    if t == "year-end":
        if anchor is None:
            return _mk("DATE", "XXXX-12-31", relative=True)
        # "since year-end", "when year-end net was ...": the end of the year before
        year = anchor.year - 1 if tense == "past" else anchor.year
        return _mk("DATE", f"{year:04d}-12-31", relative=True)
    m = re.fullmatch(r"(day|week|night|morning|evening|afternoon) (before|after|of) (.+)", t)
    if m and had_the and not re.fullmatch(r"(?:the )?(?:day|year)", m.group(3)):
        inner = _normalise(m.group(3), anchor, tense, ref, context)
        if inner is None or inner.granularity not in ("day", "time") or not inner.value:
            return None
        day_v = inner.value.split("T")[0]
        unit, rel = m.group(1), m.group(2)
        if "X" in day_v:
            return _mk("DATE", "XXXX-WXX" if unit == "week" else "XXXX-XX-XX", relative=True)
        d = date.fromisoformat(day_v)
        if unit == "week" and rel == "of":
            return _mk("DATE", iso_week(d), relative=inner.relative)
        if unit == "day" and rel != "of":
            d += timedelta(days=-1 if rel == "before" else 1)
            return _mk("DATE", d.isoformat(), relative=inner.relative)
        if unit in PARTS_OF_DAY and rel == "of":
            return _mk("TIME", f"{d.isoformat()}T{PARTS_OF_DAY[unit]}", relative=inner.relative)
        return None
    m = re.fullmatch(
        r"(?:(full|fiscal|current|entire|calendar"
        r"|latest) )?(?:fiscal )?(year|quarter|month|week|period)",
        t,
    )
    if m and (had_the or m.group(1)):
        unit = m.group(2)
        if unit == "period" and m.group(1) != "latest":
            return None
        if (
            re.search(
                rf"\b(?:fiscal )?{unit} (?:end(?:ed|ing)\b|to {_MON_FULL}\b)", context.lower()
            )
            and unit == "year"
        ):
            return _mk("DURATION", "P1Y")
        if anchor is None:
            return _mk("DATE", _unresolved_for(unit), relative=True)
        if unit in ("quarter", "period"):
            if m.group(1) == "current":
                return _mk("DATE", f"{anchor.year:04d}-Q{quarter_of(anchor)}", relative=True)
            y, q = _prev_quarter(anchor)
            return _mk("DATE", f"{y:04d}-Q{q}", relative=True)
        value, _ = _shift(anchor, 0, unit)
        return _mk("DATE", value, relative=True)
    m = re.fullmatch(r"this time (last|next) year", t)
    if m:  # "up on this time last year": the same day a year away
        if anchor is None:
            return _mk("DATE", "XXXX-XX-XX", relative=True)
        d = add_months(anchor, -12 if m.group(1) == "last" else 12)
        return _mk("DATE", d.isoformat(), relative=True)
    m = re.fullmatch(r"that (?:same )?(year|quarter|month|week|day)", t)
    if m:
        if ref is None:
            return _mk("DATE", _unresolved_for(m.group(1)), relative=True)
        value, _ = _shift(ref, 0, m.group(1))
        return _mk("DATE", value, relative=True)
    m = re.fullmatch(r"(next|following|previous) (morning|afternoon|evening|night)", t)
    if m:
        if base is None:
            return _mk("DATE", "XXXX-XX-XX", relative=True)
        d = base + timedelta(days=-1 if m.group(1) == "previous" else 1)
        return _mk("DATE", d.isoformat(), relative=True)
    m = re.fullmatch(r"day (before|after)", t)
    if m and had_the:
        if base is None or (ref is None and _EVENT_AFTER_DAY.search(context)):
            # "the day after the election" with no date told before: a day told by an
            # event, not the publication date's neighbour (after a date, the event
            # mostly fell on it: "Oct. 23 ... the day after his death")
            return _mk("DATE", "XXXX-XX-XX", relative=True)
        d = base + timedelta(days=-1 if m.group(1) == "before" else 1)
        return _mk("DATE", d.isoformat(), relative=True)
    return None


# "the day before the vote", "the day after his arrest", "the day after Mr Smith spoke"
_EVENT_AFTER_DAY = re.compile(
    r"\bday\s+(?:before|after)\s+(?!the\s+(?:next|following|previous)\b)"
    r"(?:(?:the|a|an|his|her|its|their|our|my|your|this|that)\s|[A-Z])"
)


_RULES = [
    _r_refs,
    _r_nth_weekday,
    _r_part_of_month,
    _r_holiday,
    _r_misc,
    _r_iso,
    _r_clock,
    _r_year_ago,
    _r_quarter,
    _r_month_day,
    _r_weekday,
    _r_days,
    _r_relative_unit,
    _r_weekend,
    _r_month,
    _r_set,
    _r_century,
    _r_year,
    _r_season,
    _r_num_unit,
]
