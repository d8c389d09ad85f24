"""Timeline: TIMEX3 extraction and normalisation (rules without spaCy, rows on the seed)."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.timeline import timeline_rows
from transforms.timex_rules import (
    GRANULARITIES,
    accept_span,
    find_candidates,
    normalise,
    resolve_weekday,
)

PUB = date(2025, 2, 13)  # Thursday

ROW_KEYS = {
    "expression",
    "start_char",
    "end_char",
    "timex_type",
    "value",
    "date_start",
    "date_end",
    "granularity",
    "anchor",
    "event_text",
    "entity_ids",
}


def value(expr: str, anchor: date | None = PUB, tense: str | None = None, ref: date | None = None):
    tx = normalise(expr, anchor, tense, ref)
    assert tx is not None, expr
    return tx.value


def expressions(text: str) -> list[str]:
    """The texts of the rule-based candidates in ``text``."""
    return [text[s:e] for s, e in find_candidates(text)]


# ------------------------------------------------------------------ rules, no spaCy


@pytest.mark.parametrize(
    ("expr", "tense", "expected"),
    [
        ("Thursday", None, "2025-02-13"),  # the publication day itself
        ("Thursday", "future", "2025-02-13"),
        ("Wednesday", "past", "2025-02-12"),  # most recent before
        ("Wednesday", None, "2025-02-12"),
        ("Friday", "past", "2025-02-07"),
        ("Friday", "future", "2025-02-14"),  # next one in a future clause
        ("Monday", "future", "2025-02-17"),
        # the present points both ways, as for a month: the nearer one
        ("Friday", "present", "2025-02-14"),
        ("Monday", "present", "2025-02-10"),
        ("last Thursday", None, "2025-02-06"),
        ("next Thursday", None, "2025-02-20"),
    ],
)
def test_weekdays_are_tense_aware(expr, tense, expected):
    tx = normalise(expr, PUB, tense)
    assert tx.type == "DATE"
    assert tx.value == expected
    assert tx.date_start == tx.date_end == date.fromisoformat(expected)
    assert tx.granularity == "day"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [("yesterday", "2025-02-12"), ("today", "2025-02-13"), ("tomorrow", "2025-02-14")],
)
def test_yesterday_today_tomorrow(expr, expected):
    assert value(expr) == expected


@pytest.mark.parametrize(
    "expr", ["12 February 2025", "February 12, 2025", "Feb. 12", "2025-02-12", "Wednesday, Feb. 12"]
)
def test_explicit_dates(expr):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value, tx.date_start, tx.date_end) == (
        "DATE",
        "2025-02-12",
        date(2025, 2, 12),
        date(2025, 2, 12),
    )


def test_explicit_date_needs_no_anchor():
    tx = normalise("12 February 2025", None)
    assert tx.value == "2025-02-12" and not tx.relative


def test_month_without_year_takes_the_publication_year():
    tx = normalise("January", PUB, "past")
    assert (tx.value, tx.date_start, tx.date_end, tx.granularity) == (
        "2025-01",
        date(2025, 1, 1),
        date(2025, 1, 31),
        "month",
    )
    assert value("November", PUB, "past") == "2024-11"  # well after February: last year's
    assert value("June 2019") == "2019-06"
    assert value("June last year") == "2024-06"


def test_years_decades_centuries():
    tx = normalise("2019", PUB)
    assert (tx.value, tx.date_start, tx.date_end, tx.granularity) == (
        "2019",
        date(2019, 1, 1),
        date(2019, 12, 31),
        "year",
    )
    tx = normalise("the 1990s", PUB)
    assert (tx.value, tx.date_start, tx.date_end, tx.granularity) == (
        "199",
        date(1990, 1, 1),
        date(1999, 12, 31),
        "decade",
    )
    assert value("the 20th century") == "19"
    assert value("fiscal 1989") == "1989"


def test_before_year_has_an_open_start():
    tx = normalise("pre-2014", PUB)
    assert (tx.type, tx.value, tx.mod) == ("DATE", "2014", "BEFORE")
    assert tx.date_start is None and tx.date_end == date(2013, 12, 31)
    assert normalise("before 2014", PUB).date_end == date(2013, 12, 31)


@pytest.mark.parametrize(
    ("expr", "expected", "start", "end"),
    [
        ("last week", "2025-W06", date(2025, 2, 3), date(2025, 2, 9)),
        ("this week", "2025-W07", date(2025, 2, 10), date(2025, 2, 16)),
        ("next month", "2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        ("last month", "2025-01", date(2025, 1, 1), date(2025, 1, 31)),
        ("this year", "2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("last year", "2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("earlier this month", "2025-02", date(2025, 2, 1), date(2025, 2, 28)),
        ("two years ago", "2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("three days ago", "2025-02-10", date(2025, 2, 10), date(2025, 2, 10)),
        ("a week ago", "2025-W06", date(2025, 2, 3), date(2025, 2, 9)),
        ("last summer", "2024-SU", date(2024, 6, 1), date(2024, 8, 31)),
        ("last fiscal year", "2024", date(2024, 1, 1), date(2024, 12, 31)),
        ("the weekend", "2025-W06-WE", date(2025, 2, 8), date(2025, 2, 9)),
    ],
)
def test_relative_units(expr, expected, start, end):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value, tx.date_start, tx.date_end) == ("DATE", expected, start, end)
    assert tx.relative


def test_previous_day_follows_the_last_mentioned_date():
    assert value("the previous day", PUB, ref=date(2025, 2, 10)) == "2025-02-09"
    assert value("the next day", PUB, ref=date(2025, 2, 10)) == "2025-02-11"
    assert value("the previous day", PUB, ref=None) == "XXXX-XX-XX"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("three years", "P3Y"),
        ("90 minutes", "PT90M"),
        ("almost 90 minutes", "PT90M"),
        ("five year", "P5Y"),
        ("two-week", "P2W"),
        ("the last twenty four hours", "P1D"),
        ("the past two months", "P2M"),
        ("the first nine months", "P9M"),
        ("several years", "PXY"),
        ("2 1/2 years", "P2Y6M"),
        ("two decades", "P20Y"),
        ("a quarter-century", "P25Y"),
        ("more than half a century", "P50Y"),
        ("half an hour", "PT30M"),
        ("a half-hour", "PT30M"),
        ("three-quarters of an hour", "PT45M"),
        ("a quarter of an hour", "PT15M"),
        ("the past quarter of a century", "P25Y"),
    ],
)
def test_durations(expr, expected):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value, tx.granularity) == ("DURATION", expected, "duration")
    assert tx.date_start is None and tx.date_end is None


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("every Monday", "XXXX-WXX-1"),
        ("daily", "P1D"),
        ("every month", "P1M"),
        ("Tuesdays", "XXXX-WXX-2"),
        # a period of several units: still a set, not a length
        ("every five years", "P5Y"),
        ("every 15 minutes", "PT15M"),
        ("every five and a half months", "P5.5M"),
        ("every few weeks", "PXW"),
        ("every single day", "P1D"),
    ],
)
def test_sets(expr, expected):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value, tx.granularity) == ("SET", expected, "set")


@pytest.mark.parametrize(
    ("expr", "expected", "start", "end"),
    [
        ("the first quarter", "2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("the third quarter of 2024", "2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("Q2 2023", "2023-Q2", date(2023, 4, 1), date(2023, 6, 30)),
        ("the second half of 2024", "2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
        ("summer 2024", "2024-SU", date(2024, 6, 1), date(2024, 8, 31)),
        # as analysts write them
        ("H1 2014", "2014-H1", date(2014, 1, 1), date(2014, 6, 30)),
        ("FY2014", "2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("FY14", "2014", date(2014, 1, 1), date(2014, 12, 31)),
        ("end-March", "2025-03", date(2025, 3, 1), date(2025, 3, 31)),
        # the year named after "of" is the year of the part, as it is for a half
        ("the first quarter of next year", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("the fourth quarter of last year", "2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
        # "of the year" adds nothing: a later quarter than February's is last year's
        ("the last quarter of the year", "2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
        ("the first quarter of the year", "2025-Q1", date(2025, 1, 1), date(2025, 3, 31)),
        ("the autumn of last year", "2024-FA", date(2024, 9, 1), date(2024, 11, 30)),
        ("the spring of next year", "2026-SP", date(2026, 3, 1), date(2026, 5, 31)),
    ],
)
def test_quarters_halves_seasons(expr, expected, start, end):
    tx = normalise(expr, PUB)
    assert (tx.value, tx.date_start, tx.date_end) == (expected, start, end)


def test_times():
    tx = normalise("2:30 p.m. Wednesday", PUB)
    assert (tx.type, tx.value, tx.date_start, tx.granularity) == (
        "TIME",
        "2025-02-12T14:30",
        date(2025, 2, 12),
        "time",
    )
    assert value("this morning") == "2025-02-13TMO"
    assert value("noon", PUB, ref=date(2025, 2, 12)) == "2025-02-12T12:00"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        # British and wire styles: a stop between hours and minutes, the 24-hour clock
        # with its zone, a part of day after the time
        ("2.30am on Sunday", "2025-02-09T02:30"),
        ("8.45pm", "2025-02-13T20:45"),
        ("1830 GMT on Tuesday evening", "2025-02-11T18:30"),
        ("0600 GMT", "2025-02-13T06:00"),
        ("0630 BST", "2025-02-13T06:30"),
        ("8:30 a.m. ET on Friday", "2025-02-07T08:30"),
        ("10pm tonight", "2025-02-13T22:00"),
        ("9.15 p.m. yesterday evening", "2025-02-12T21:15"),
    ],
)
def test_clock_styles(expr, expected):
    tx = normalise(expr, PUB, "past")
    assert (tx.type, tx.value) == ("TIME", expected)


def test_a_range_of_years_gives_each_year():
    text = (
        "She was first lady, 1981-1989, and ruled from 2009\u20132013. Call 1979-2003-44 or "
        "see ISBN 978-1979-2003; the score went 2003-1999."
    )
    found = expressions(text)
    assert found == ["1981", "1989", "2009", "2013"]


def test_a_financial_year_or_season_by_its_two_years_gives_each_year(nlp):
    text = (
        "Exports rose in 2003-04 and by 2005/06, as in the 1999-00 season. Form 2003-09 "
        "and file 2003-04-15."
    )
    assert expressions(text) == ["2003", "04", "2005", "06", "1999", "00", "2003-04-15"]
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["value"], r["anchor"]) for r in rows][:6] == [
        ("2003", "2003", "absolute"),
        ("04", "2004", "absolute"),
        ("2005", "2005", "absolute"),
        ("06", "2006", "absolute"),
        ("1999", "1999", "absolute"),
        ("00", "2000", "absolute"),
    ]


def test_a_weekday_counted_in_a_month_and_analysts_periods_are_whole_expressions():
    text = "Voting is on the first Tuesday in March, not Tuesday."
    assert expressions(text) == [
        "the first Tuesday in March",
        "Tuesday",
    ]
    assert value("the first Tuesday in March", None) == "XXXX-03-XX"
    text = "The FY500 and the H1-B visa are no times; FY2014 and H1 2014 are."
    assert expressions(text) == ["FY2014", "H1 2014"]


@pytest.mark.parametrize(
    ("expr", "ref", "expected"),
    [
        # a week counted in a month is its n-th seven days: the ISO week of their middle
        ("the last week of December 2004", None, "2004-W53"),  # 25-31 December
        ("the first week of April", None, "2025-W14"),  # 1-7 April: Mon 31 March - Sun 6
        ("the second week of March 2025", None, "2025-W11"),  # 8-14 March, middle day 11
        ("the last week of the year", None, "2025-W52"),
        ("the last day of the month", None, "2025-02-28"),
        ("the first day of next month", None, "2025-03-01"),
        ("the last day of that month", date(2024, 2, 10), "2024-02-29"),
        ("the first weekend of March", None, "2025-W09-WE"),  # Saturday 1 March
        ("the final weekend of March 2025", None, "2025-W13-WE"),  # Saturday 29 March
        ("the first month of the year", None, "2025-01"),
        ("the second half of February", None, "2025-02"),
        ("the first week of April", "no publication date", "XXXX-WXX"),
        ("the last day of June", "no publication date", "XXXX-06-XX"),
        ("the first day of the year", "no publication date", "XXXX-XX-XX"),
        ("the first month of the year", "no publication date", "XXXX-XX"),
    ],
)
def test_a_part_counted_in_a_month_or_a_year(expr, ref, expected):
    if ref == "no publication date":
        assert value(expr, None) == expected
    else:
        assert value(expr, PUB, ref=ref) == expected


def test_a_half_of_a_month_is_the_month_from_its_start_or_to_its_end():
    assert normalise("the first half of March", PUB).mod == "START"
    assert normalise("the second half of March", PUB).mod == "END"
    assert normalise("the first half of 2005", PUB).value == "2005-H1"  # a half-year


def test_a_part_of_an_event_is_no_time():
    text = (
        "In the last week of the campaign, on the last day of the season and in its "
        "first weekend of release she rallied, as in the final days of the race and on "
        "its opening weekend. The last week of October was calm; she left last week."
    )
    found = expressions(text)
    assert found == ["The last week of October", "last week"]


def test_a_clock_time_takes_the_date_written_after_it():
    text = (
        "At 2 p.m. on the last Friday in August the board met; at 6:30 a.m. on March 19, "
        "2002, she flew; the lira launched at midnight on 1 January and he left at 9am on "
        "12 June 2019."
    )
    found = expressions(text)
    assert found == [
        "2 p.m. on the last Friday in August",
        "6:30 a.m. on March 19, 2002",
        "midnight on 1 January",
        "9am on 12 June 2019",
    ]
    assert value(found[0], tense="past") == "2024-08-30T14:00"
    assert value(found[1]) == "2002-03-19T06:30"
    assert value(found[3]) == "2019-06-12T09:00"
    assert value("10:30 on the first day of the month") == "2025-02-01T10:30"


def test_a_clock_time_takes_the_holiday_written_after_it():
    text = "It happened just before midnight on New Year's Eve; shops open at 10am on Boxing Day."
    found = expressions(text)
    assert found == ["midnight on New Year's Eve", "10am on Boxing Day"]
    assert value(found[0], tense="past") == "2024-12-31T24:00"
    assert value(found[1], tense="future") == "2025-12-26T10:00"


def test_a_day_before_a_cut_short_month_is_a_date():
    text = "Published: Fri, 22 Mar 2013 10:31 GMT. He sold 22 market stalls; 5 Junipers grew."
    found = expressions(text)
    assert found == ["22 Mar 2013", "10:31 GMT"]
    assert value("22 Mar 2013") == "2013-03-22"
    assert value("30 Sept.", PUB, "past") == "2024-09-30"


def test_a_clock_time_on_a_part_of_a_weekday_without_a_publication_date():
    assert value("8am on Friday morning", None) == "XXXX-WXX-5T08:00"


def test_a_number_with_a_stop_or_four_digits_is_no_time():
    text = "Shares rose 2.30 to 45. By 1200 GMT the euro was up; in 1200 the abbey was built."
    found = expressions(text)
    assert found == ["1200 GMT", "1200"]  # the zone makes it a time; alone, a year
    assert normalise("2.30", PUB) is None
    assert normalise("1200", PUB).value == "1200"


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("now", "PRESENT_REF"),
        ("currently", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("the future", "FUTURE_REF"),
    ],
)
def test_references(expr, expected):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value, tx.granularity) == ("DATE", expected, "reference")


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("Wednesday", "XXXX-WXX-3"),
        ("yesterday", "XXXX-XX-XX"),
        ("last week", "XXXX-WXX"),
        ("next month", "XXXX-XX"),
        ("this year", "XXXX"),
        ("January", "XXXX-01"),
        ("two years ago", "XXXX"),
    ],
)
def test_no_publication_date_leaves_relative_dates_unresolved(expr, expected):
    tx = normalise(expr, None)
    assert tx.value == expected
    assert tx.date_start is None and tx.date_end is None


def test_holidays():
    assert value("Thanksgiving Day", date(1999, 12, 1), "past") == "1999-11-25"
    assert value("Christmas 2024") == "2024-12-25"
    # the present speaks of the occurrence nearest publication: the coming election in
    # September, the Christmas just gone in January; the past of the last one
    assert value("Election Day", date(2016, 9, 21), "present") == "2016-11-08"
    assert value("Christmas", date(2017, 1, 5), "present") == "2016-12-25"
    assert value("Election Day", date(2016, 9, 21), "past") == "2015-11-03"


@pytest.mark.parametrize(
    ("expr", "anchor", "tense", "expected"),
    [
        # British and Irish days news dates by, and the other US federal holidays
        ("Boxing Day", date(2005, 2, 13), "past", "2004-12-26"),
        ("Good Friday", date(2005, 2, 13), "past", "2004-04-09"),  # Easter 2004: 11 April
        ("Easter Monday", date(2005, 2, 13), "future", "2005-03-28"),
        ("Mothering Sunday", date(2005, 2, 13), "future", "2005-03-06"),
        ("Bonfire Night", date(2005, 2, 13), "past", "2004-11-05"),
        ("Remembrance Sunday", date(2005, 2, 13), "past", "2004-11-14"),
        ("St Patrick's Day", date(2005, 2, 13), "future", "2005-03-17"),
        ("Martin Luther King Jr. Day", date(2005, 2, 13), "past", "2005-01-17"),
        ("Presidents' Day", date(2005, 2, 13), "future", "2005-02-21"),
        # no publication date: a fixed day keeps its month and day, a movable one cannot
        ("Boxing Day", None, None, "XXXX-12-26"),
        ("Christmas Eve", None, None, "XXXX-12-24"),
        ("Good Friday", None, None, "XXXX-XX-XX"),
    ],
)
def test_british_and_federal_holidays(expr, anchor, tense, expected):
    assert value(expr, anchor, tense) == expected


def test_a_holiday_in_a_name_is_no_date(nlp):
    rows = timeline_rows(nlp("The Good Friday Agreement was signed in 1998."), PUB, [])
    assert [r["expression"] for r in rows] == ["1998"]


def test_odd_input_never_raises():
    for expr in [
        "",
        "   ",
        "February 30",
        "the 99th century",
        "9999",
        "13/45/2020",
        "\x00",
        "Friday" * 50,
    ]:
        normalise(expr, PUB)
        normalise(expr, None)
    assert find_candidates("") == []


def test_candidates_follow_timebank_extents():
    text = (
        "On Friday, in the last twenty four hours, stocks hit a five year low; "
        "third-quarter profit fell."
    )
    found = expressions(text)
    assert found == ["Friday", "the last twenty four hours", "five year", "third-quarter"]
    assert find_candidates("He is a 44-year-old lawyer.") == []
    assert find_candidates("They may march in May 1990.") == [(18, 26)]


# -------------------------------------------------------------------- rows on the seed


@pytest.fixture(scope="module")
def seed_rows(seed_doc):
    from transforms.entities import mention_rows

    return timeline_rows(seed_doc, date(2025, 2, 13), mention_rows(seed_doc))


def _by_expr(rows, expr):
    return [r for r in rows if r["expression"] == expr]


def _value_of(nlp, sentence, published, expr):
    """The value of the one row ``expr`` of ``sentence`` published on ``published``."""
    (row,) = _by_expr(timeline_rows(nlp(sentence), published, []), expr)
    return row["value"]


def test_seed_rows_contract(seed_rows, seed_text):
    assert seed_rows
    assert [r["start_char"] for r in seed_rows] == sorted(r["start_char"] for r in seed_rows)
    for r in seed_rows:
        assert set(r) == ROW_KEYS
        assert seed_text[r["start_char"] : r["end_char"]] == r["expression"]
        assert r["timex_type"] in {"DATE", "TIME", "DURATION", "SET"}
        assert r["anchor"] in {"absolute", "publication_date", "unresolved"}
        assert r["granularity"] is None or r["granularity"] in GRANULARITIES
        assert r["entity_ids"] == sorted(set(r["entity_ids"]))
        if r["date_start"] is not None and r["date_end"] is not None:
            assert r["date_start"] <= r["date_end"]
        for d in (r["date_start"], r["date_end"]):
            assert d is None or 1000 <= d.year <= 2200


def test_seed_weekdays(seed_rows):
    wednesdays = _by_expr(seed_rows, "Wednesday")
    assert len(wednesdays) == 2
    for r in wednesdays:
        assert (r["value"], r["date_start"], r["date_end"], r["anchor"]) == (
            "2025-02-12",
            date(2025, 2, 12),
            date(2025, 2, 12),
            "publication_date",
        )
    (friday,) = _by_expr(seed_rows, "Friday")
    assert friday["value"] == "2025-02-14" and friday["date_start"] == date(2025, 2, 14)
    assert "meet" in friday["event_text"]
    (thursday,) = _by_expr(seed_rows, "Thursday")
    assert thursday["value"] == "2025-02-13"


def test_seed_before_2014_and_duration(seed_rows):
    (pre,) = _by_expr(seed_rows, "pre-2014")
    assert (
        pre["value"] == "2014"
        and pre["date_end"] == date(2013, 12, 31)
        and pre["date_start"] is None
    )
    (dur,) = [r for r in seed_rows if "90 minutes" in r["expression"]]
    assert (dur["timex_type"], dur["value"], dur["anchor"]) == ("DURATION", "PT90M", "absolute")


def test_seed_events_carry_their_entities(seed_doc, seed_text):
    def mention(name: str) -> dict:
        start = seed_text.index(name)
        return {
            "start_char": start,
            "end_char": start + len(name),
            "sentence_index": 0,
            "entity_id": f"ent_{name}",
        }

    mentions = [
        mention("Donald Trump"),
        mention("Vladimir Putin"),
        mention("Marco Rubio"),
        mention("Mark Rutte"),
    ]
    rows = timeline_rows(seed_doc, date(2025, 2, 13), mentions)
    first = _by_expr(rows, "Wednesday")[0]
    assert first["entity_ids"] == ["ent_Donald Trump", "ent_Vladimir Putin"]  # same sentence only
    assert "phone calls" in first["event_text"]
    (friday,) = _by_expr(rows, "Friday")
    assert friday["entity_ids"] == ["ent_Marco Rubio"]
    (thursday,) = _by_expr(rows, "Thursday")
    assert thursday["entity_ids"] == ["ent_Mark Rutte"]


def test_seed_without_publication_date_is_unresolved(seed_doc):
    rows = timeline_rows(seed_doc, None, [])
    for r in _by_expr(rows, "Wednesday") + _by_expr(rows, "Friday") + _by_expr(rows, "now"):
        assert r["anchor"] == "unresolved"
        assert r["date_start"] is None and r["date_end"] is None
    assert _by_expr(rows, "pre-2014")[0]["anchor"] == "absolute"


def test_rows_are_deterministic_and_robust(nlp, seed_doc):
    a = timeline_rows(seed_doc, date(2025, 2, 13), [])
    b = timeline_rows(seed_doc, "2025-02-13", [])
    assert a == b
    for text in ["", "   ", "Nothing here.", "On 31 February 2025 and 99 years ago at 25:99."]:
        assert isinstance(timeline_rows(nlp(text), date(2025, 2, 13), [{"bad": 1}]), list)


# ------------------------------------------------------- clause: event_text and entity_ids


@pytest.fixture(scope="module")
def seed_entities(seed_doc):
    from transforms.entities import mention_rows

    mentions = mention_rows(seed_doc)
    names: dict[str, set[str]] = {}
    for m in mentions:
        names.setdefault(m["entity_name"], set()).add(m["entity_id"])
    rows = timeline_rows(seed_doc, date(2025, 2, 13), mentions)
    by_id = {m["entity_id"]: m["entity_name"] for m in mentions}
    return rows, names, by_id


def _names(row, by_id) -> set[str]:
    return {by_id[i] for i in row["entity_ids"]}


def test_seed_friday_carries_the_entities_of_its_clause_only(seed_entities):
    rows, _, by_id = seed_entities
    (friday,) = _by_expr(rows, "Friday")
    names = _names(friday, by_id)
    # "... Mr Trump said, adding that Mr Zelenskiy would meet US vice-president JD Vance and
    # secretary of state Marco Rubio ... on Friday": the meeting, not the saying
    assert {"Volodymyr Zelenskiy", "JD Vance", "Marco Rubio"} <= names
    assert "Donald Trump" not in names and "Vladimir Putin" not in names
    assert friday["event_text"].startswith("that Mr Zelenskiy would meet")
    assert friday["event_text"].endswith("on Friday")


def test_seed_first_wednesday_carries_the_callers(seed_entities):
    rows, _, by_id = seed_entities
    first, second = _by_expr(rows, "Wednesday")
    assert {"Donald Trump", "Vladimir Putin", "Volodymyr Zelenskiy"} <= _names(first, by_id)
    assert "announced" not in first["event_text"]  # the coordinated verb is another event
    # the joint statement: the coordinated subjects belong to the clause
    assert {"European Commission", "Germany", "France", "Britain"} <= _names(second, by_id)
    assert "Donald Trump" not in _names(second, by_id)


def test_seed_clause_stops_at_a_clause_with_its_own_date(nlp):
    from transforms.entities import mention_rows

    doc = nlp(
        "Angela Merkel said on Monday that Emmanuel Macron would visit Warsaw on Friday "
        "with Olaf Scholz."
    )
    rows = timeline_rows(doc, date(2025, 2, 13), mention_rows(doc))
    by_id = {m["entity_id"]: m["entity_name"] for m in mention_rows(doc)}
    (monday,) = _by_expr(rows, "Monday")
    (friday,) = _by_expr(rows, "Friday")
    assert "Angela Merkel" in _names(monday, by_id)
    assert "Emmanuel Macron" not in _names(monday, by_id)
    assert {"Emmanuel Macron", "Olaf Scholz"} <= _names(friday, by_id)
    assert "Angela Merkel" not in _names(friday, by_id)
    assert friday["value"] == "2025-02-14" and monday["value"] == "2025-02-10"


def test_entity_ids_fall_back_to_the_sentence_without_a_parse(nlp):
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    doc = blank("Mr Rubio met Mr Vance on Friday. Mr Trump stayed home.")
    mentions = [
        {"start_char": 3, "end_char": 8, "entity_id": "ent_rubio"},
        {"start_char": 36, "end_char": 41, "entity_id": "ent_trump"},
    ]
    (friday,) = timeline_rows(doc, date(2025, 2, 13), mentions)
    assert friday["entity_ids"] == ["ent_rubio"]
    assert friday["value"] == "2025-02-07"  # no tense known: the most recent Friday


# ------------------------------------------------------------- more normalisation rules


@pytest.mark.parametrize(
    ("expr", "ttype", "expected"),
    [
        ("a minute and a half", "DURATION", "PT1M30S"),
        ("the next couple of years", "DURATION", "P2Y"),
        ("Eight trading days", "DURATION", "P8D"),
        ("almost a hundred years", "DURATION", "P100Y"),
        ("the year-earlier nine months", "DURATION", "P9M"),
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
        ("tonight", "TIME", "2025-02-13TNI"),
        ("future quarters", "DATE", "FUTURE_REF"),
        ("current", "DATE", "PRESENT_REF"),
        ("year end", "DATE", "2025"),
        ("year's end", "DATE", "2025"),
        ("this year's third quarter", "DATE", "2025-Q3"),
        ("next year's first quarter", "DATE", "2026-Q1"),
        ("last year's quarter", "DATE", "2023-Q4"),
        ("the quarter a year ago", "DATE", "2023-Q4"),
        ("the corresponding period last year", "DATE", "2023-Q4"),
        ("the 2023 quarter", "DATE", "2023-Q4"),
    ],
)
def test_more_expressions(expr, ttype, expected):
    tx = normalise(expr, PUB)
    assert (tx.type, tx.value) == (ttype, expected)


def test_vague_future_references_are_found():
    text = "In the near future, and over the short term, it may sell at a later date."
    found = expressions(text)
    assert found == ["the near future", "the short term", "a later date"]
    assert {normalise(f, PUB).value for f in found} == {"FUTURE_REF"}


def test_later_is_not_part_of_the_duration():
    text = "Three days later, a minute and a half later, he left, a year earlier."
    found = expressions(text)
    assert found == ["Three days", "a minute and a half", "a year earlier"]
    assert value("Three days") == "P3D"


def test_last_the_verb_is_not_part_of_the_duration():
    text = (
        "The trial is expected to last two months; the strike could last several weeks. "
        "It won't last long, not last year. He came to last week's meeting after the "
        "last three months."
    )
    found = expressions(text)
    assert found == [
        "two months",
        "several weeks",
        "last year",
        "last week",
        "the last three months",
    ]
    assert value("several weeks") == "PXW"


def test_a_range_written_with_a_dash_is_a_duration():
    # a range goes up; a score (larger number first) before a unit is no range
    # "the next" or "the last" before a range belongs to it, as in TempEval-3
    text = (
        "Growth will slow over the next 12-18 months. He scored 3-1 minutes later after"
        " the last four or five years."
    )
    found = expressions(text)
    assert found == ["the next 12-18 months", "the last four or five years"]
    assert value("12-18 months") == value("12\u201318 months") == "P12M"  # the lower bound
    assert value("the next 12-18 months") == "P12M"
    assert value("the last four or five years") == "P4Y"
    assert value("10-15 years ago") == "2015"


def test_an_age_range_is_no_duration(nlp):
    # the model tags "14-16 year" in "14-16 year olds" a DATE; an age is no time
    text = "Only a quarter of 14-16 year olds knew it. Pupils aged 16 - 21 year olds agreed."
    assert not accept_span(text, text.index("14-16"), text.index(" olds"))
    assert timeline_rows(nlp(text), PUB, []) == []


def test_quarter_extents():
    text = "Sales in this year's third quarter beat the 1988 quarter and the quarter a year ago."
    found = expressions(text)
    assert found == ["this year's third quarter", "the 1988 quarter", "the quarter a year ago"]


@pytest.mark.parametrize(
    ("sentence", "expr", "expected"),
    [
        # a payment or an effective date points forward even in a past-tense clause
        ("The board declared a dividend of 5 cents, payable Dec. 15.", "Dec. 15", "2024-12-15"),
        ("It named him chairman, effective Feb. 1.", "Feb. 1", "2025-02-01"),
        ("The company is to resume trading Tuesday.", "Tuesday", "2024-10-29"),
        ("The index set a record high on Aug. 6.", "Aug. 6", "2024-08-06"),
        # what comes "ahead of" or "before" a date is still to come, unless told of
        ("Polls show a tight race ahead of the June 8 election.", "June 8", "2025-06-08"),
        ("He hopes to visit before March.", "March", "2025-03"),
        ("Polls showed a tight race before the June 8 vote.", "June 8", "2024-06-08"),
    ],
)
def test_cue_words_set_the_direction(nlp, sentence, expr, expected):
    assert _value_of(nlp, sentence, date(2024, 10, 26), expr) == expected


def test_a_part_of_a_named_year_or_decade_is_one_expression(nlp):
    text = (
        "Growth should return in the first quarter of next year. Rates rose in the autumn "
        "of last year. Emissions will halve by the end of the decade. Visits are limited to "
        "one every three years. The end of the decade marked a turning point. The rules "
        "take effect on 1 January next year."
    )
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["timex_type"], r["value"]) for r in rows] == [
        ("the first quarter of next year", "DATE", "2026-Q1"),
        ("the autumn of last year", "DATE", "2024-FA"),
        ("the end of the decade", "DATE", "202"),  # what will happen: this decade
        ("every three years", "SET", "P3Y"),
        # a past narrative's decade is the one it tells of, which the text does not name
        ("1 January next year", "DATE", "2026-01-01"),
    ]
    decade = next(r for r in rows if r["value"] == "202")
    assert (decade["date_start"], decade["date_end"]) == (date(2020, 1, 1), date(2029, 12, 31))


def test_the_end_of_the_century_that_may_come_is_this_one(nlp):
    text = (
        "Sea levels could rise a metre by the end of the century. The city had grown by "
        "the end of the century."
    )
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == [("the end of the century", "20")]
    assert rows[0]["start_char"] == text.index("the end")


def test_a_length_a_verb_reaches_in_the_future_is_the_date_it_reaches(nlp):
    doc = nlp(
        "The plant will close in two years. It is the first rise in two years. Prices "
        "will rise in the next two years. Voters go to the polls in 10 days' time. The "
        "loan will be repaid in less than six months."
    )
    rows = timeline_rows(doc, PUB, [])
    assert [(r["expression"], r["timex_type"], r["value"]) for r in rows] == [
        ("two years", "DATE", "2027"),
        ("two years", "DURATION", "P2Y"),  # a length: the rise's count runs over it
        ("the next two years", "DURATION", "P2Y"),
        ("10 days", "DATE", "2025-02-23"),
        ("less than six months", "DURATION", "P6M"),  # a bound, no point
    ]
    assert rows[0]["anchor"] == "publication_date"


@pytest.mark.parametrize(
    ("expr", "anchor", "expected"),
    [
        ("a year from now", PUB, "2026"),
        ("two weeks from today", PUB, "2025-W09"),
        ("this time last year", PUB, "2024-02-13"),
        ("this time next year", date(2024, 2, 29), "2025-02-28"),
        ("this time last year", None, "XXXX-XX-XX"),
    ],
)
def test_a_point_counted_from_now(expr, anchor, expected):
    assert value(expr, anchor) == expected


def test_a_financial_year_to_a_month_is_a_year_long_and_ends_in_that_month():
    text = "Output grew 6% in the year to March, and from January to March. Troops march on."
    found = expressions(text)
    assert found == ["the year", "March", "January", "March"]
    context = "Output grew 6% in the year to March."
    assert normalise("the year", PUB, context=context).value == "P1Y"


def test_a_length_from_now_is_one_expression():
    text = "Six weeks from now, or a year from now, it ends, as at this time last year."
    assert expressions(text) == [
        "Six weeks from now",
        "a year from now",
        "this time last year",
    ]


def test_autumn_without_a_year_is_the_season_not_a_modifier(nlp):
    doc = nlp(
        "Elections were held in the autumn. The chancellor gave the autumn statement, "
        "in the autumn of his career."
    )
    rows = timeline_rows(doc, PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == [("the autumn", "2024-FA")]


def test_that_year_follows_the_last_mentioned_date(nlp):
    doc = nlp("He fled in June 1998 and returned later that year. Sales doubled that year.")
    rows = timeline_rows(doc, date(2000, 1, 28), [])
    assert [r["value"] for r in rows] == ["1998-06", "1998", "1998"]


# ------------------------------------------- anchoring cues, compound dates, non-times


@pytest.mark.parametrize(
    ("expr", "ref", "expected"),
    [
        ("the week of March 6", None, "2025-W10"),
        # a day whose year is named by its relation to this year or to the one last named
        ("1 January next year", None, "2026-01-01"),
        ("March 5 last year", None, "2024-03-05"),
        ("Friday, June 7 this year", None, "2025-06-07"),
        ("3 September that year", date(1939, 5, 1), "1939-09-03"),
        # a weekday counted in a month
        ("the third Monday of January 2014", None, "2014-01-20"),
        ("the last Friday of next month", None, "2025-03-28"),
        ("the first Sunday of this month", None, "2025-02-02"),
        ("the day before last Tuesday", None, "2025-02-10"),  # last Tuesday = Feb 11
        ("the day after Jan. 20", None, "2025-01-21"),
        ("this coming Sunday, March eighth", None, "2025-03-08"),
        ("March eighth", None, "2025-03-08"),
        ("the previous Friday", date(2025, 2, 7), "2025-01-31"),  # before the day last mentioned
        ("the following Monday", date(2025, 2, 7), "2025-02-10"),
        ("mid-afternoon yesterday", None, "2025-02-12TAF"),
        ("this coming Sunday", None, "2025-02-16"),
    ],
)
def test_compound_and_relative_dates(expr, ref, expected):
    assert value(expr, PUB, ref=ref) == expected


def test_a_holiday_in_a_clause_pointing_both_ways_is_the_nearer_one():
    assert value("Election Day", date(2016, 5, 26), tense="nearest") == "2016-11-08"
    assert value("Christmas", date(2016, 2, 1), tense="nearest") == "2015-12-25"


def test_year_end_in_a_past_clause_is_last_year():
    assert value("year-end", PUB, tense="past") == "2024-12-31"
    assert value("year-end", PUB) == "2025-12-31"


def test_compound_date_extents():
    text = (
        "A hearing is set for the week of March 6. The day before last Tuesday's hearing "
        "he left. Women's Day is this coming Sunday, March eighth. Shares rose at "
        "mid-afternoon yesterday. The firm, founded in the late 19th century, opens on "
        "March 5 of next year."
    )
    found = expressions(text)
    assert found == [
        "the week of March 6",
        "The day before last Tuesday",
        "this coming Sunday, March eighth",
        "mid-afternoon yesterday",
        "the late 19th century",
        "March 5 of next year",
    ]
    century = normalise("the late 19th century", PUB)
    assert (century.value, century.mod) == ("18", "END")


def test_names_ordinals_and_fractions_are_not_times():
    text = (
        'Baker spoke on ABC\'s "This Week." He said on CBS\'s "60 Minutes" it was '
        "a second betrayal. Iraq imports about three-quarters of its food, a poster of "
        "High Noon. Good evening. He was shot on the night of Oct. 23 at home."
    )
    found = expressions(text)
    assert found == ["Oct. 23"]
    text = (
        "Daily Mail readers wrote in. He told Breitbart News Daily host Alex Marlow "
        "the Weekly Standard was wrong; the paper is printed daily."
    )
    found = expressions(text)
    assert found == ["daily"]
    # the same words stay times where they are times
    text = "This week, wait a second or two; in the third quarter of 1990 at noon."
    found = expressions(text)
    assert found == ["This week", "a second", "the third quarter of 1990", "noon"]


def test_a_hyphenated_fraction_is_a_share_not_a_time():
    text = "He raised $2 million, more than three-quarters from small donors, in three quarters."
    assert expressions(text) == ["three quarters"]


def test_a_fraction_of_a_unit_is_one_expression():
    text = (
        "He spent a quarter-century in Congress; it went off the air half a century ago"
        " after three-quarters of an hour."
    )
    assert expressions(text) == [
        "a quarter-century",
        "half a century ago",
        "three-quarters of an hour",
    ]
    assert value("half a century ago") == "1975"


def test_a_half_of_a_decade_or_century_is_no_part_of_the_year(nlp):
    text = (
        "Sales rose in the second half of the 1990s and fell through the first half of the"
        " 20th century, in the last half of the '80s and the first half of the decade; they"
        " doubled in the first quarter of the current fiscal year."
    )
    rows = timeline_rows(nlp(text), date(2005, 3, 10), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("the 1990s", "199"),
        ("the 20th century", "19"),
        ("the '80s", "198"),
        ("the first quarter", "2005-Q1"),
        ("the current fiscal year", "2005"),
    ]


def test_a_decade_written_with_an_apostrophe_is_the_decade(nlp):
    text = (
        "After the real estate market of the 1980\u2019s, and since the mid 1990's, Trump "
        "lost 2010's election; many of the 7610's functions failed."
    )
    rows = timeline_rows(nlp(text), date(2016, 10, 4), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("the 1980\u2019s", "198"),
        ("the mid 1990's", "199"),
        ("2010", "2010"),  # a year's possessive: no "the" before it
    ]


def test_a_fraction_of_a_unit_later_is_a_length_as_two_years_later_is(nlp):
    text = "It was founded in 1990. Two years later it moved; a quarter-century later, it closed."
    rows = timeline_rows(nlp(text), date(2024, 10, 26), [])
    assert [(r["expression"], r["timex_type"], r["value"]) for r in rows] == [
        ("1990", "DATE", "1990"),
        ("Two years", "DURATION", "P2Y"),
        ("a quarter-century", "DURATION", "P25Y"),
    ]


def test_a_relative_fiscal_year_keeps_its_determiner():
    text = "Sales were $100 million last fiscal year and $2 billion this fiscal year."
    assert expressions(text) == [
        "last fiscal year",
        "this fiscal year",
    ]


def test_a_year_earlier_adjective_leaves_the_article():
    text = "It compared with a year-earlier loss of $6 million."
    assert expressions(text) == ["year-earlier"]


@pytest.mark.parametrize(
    ("sentence", "expr", "expected"),
    [
        # a past perfect overrides "due"/"scheduled": the deadline has passed
        ("The offer had been due to expire Friday evening.", "Friday evening", "2024-10-25TEV"),
        (
            "It had been scheduled to expire at midnight Friday.",
            "midnight Friday",
            "2024-10-25T24:00",
        ),
        # deferring verbs point forward whatever their tense
        ("Officials postponed until Tuesday any action on the case.", "Tuesday", "2024-10-29"),
        (
            "The agency gave them until 9 a.m. Tuesday to sign.",
            "9 a.m. Tuesday",
            "2024-10-29T09:00",
        ),
        # "since" and a perfect reach back
        ("Police have been searching for him since the Dec. 23 shooting.", "Dec. 23", "2023-12-23"),
        ("The stock is up 5% since Dec. 23.", "Dec. 23", "2023-12-23"),
        ("The index has risen 5% since year-end.", "year-end", "2023-12-31"),
    ],
)
def test_perfect_since_and_deferral_cues(nlp, sentence, expr, expected):
    assert _value_of(nlp, sentence, date(2024, 10, 26), expr) == expected


@pytest.mark.parametrize(
    ("sentence", "expr", "expected"),
    [
        # the simple present of a timetable verb is a schedule: the coming occurrence
        ("The court term begins next week and ends in June.", "June", "2017-06"),
        ("Delegates gather for the convention, which begins Monday.", "Monday", "2016-10-03"),
        (
            "The deficit for this fiscal year, which ends March 31, is shrinking.",
            "March 31",
            "2017-03-31",
        ),
        # so is a law's taking effect or coming into force
        ("The law, passed in 2010, takes effect June 1.", "June 1", "2017-06-01"),
        ("The ban comes into force in June.", "June", "2017-06"),
        ("The ban came into force in June.", "June", "2016-06"),
        # the past of the same verbs, and the present of others, keep their reading
        ("The court term ended in June.", "June", "2016-06"),
        ("The convention began Monday.", "Monday", "2016-09-26"),
        ("Sales rise in June, the company says.", "June", "2016-06"),
        # a day that dates a noun dates that noun's event, not the timetable's
        ("The market reopens after the Monday holiday.", "Monday", "2016-09-26"),
    ],
)
def test_a_timetable_verb_in_the_present_looks_ahead(nlp, sentence, expr, expected):
    assert _value_of(nlp, sentence, date(2016, 9, 28), expr) == expected


@pytest.mark.parametrize(
    ("sentence", "expr", "expected"),
    [
        # published on Thursday 18 February 2016
        ("The Silver State holds its Democratic caucuses on Saturday.", "Saturday", "2016-02-20"),
        ("Kingson faces Colleen Deacon in the primary on Friday.", "Friday", "2016-02-19"),
        ("Trump questions the microphone problems of Tuesday's debate.", "Tuesday", "2016-02-16"),
        ("Trump questioned the microphone on Saturday.", "Saturday", "2016-02-13"),
    ],
)
def test_a_weekday_in_the_present_is_the_nearer_one(nlp, sentence, expr, expected):
    assert _value_of(nlp, sentence, date(2016, 2, 18), expr) == expected


def test_over_the_is_a_preposition_and_stays_out_of_the_expression():
    text = "Prices rose over the past two years; it lasted over a week, Over the weekend too."
    assert expressions(text) == [
        "the past two years",
        "over a week",  # "more than a week"
        "the weekend",
    ]
    assert normalise("over a week", None, None, None, "").mod == "MORE_THAN"


def test_the_end_or_middle_of_a_time_is_one_expression_with_its_mod():
    text = (
        "Growth slowed at the end of 2004 and by the end of last week; it picks up from the"
        " middle of October, at the start of next year, and at the end of the 1990s."
    )
    found = expressions(text)
    assert found == [
        "the end of 2004",
        "the end of last week",
        "the middle of October",
        "the start of next year",
        "the 1990s",  # a decade is no "the end of" yet: the decade alone
    ]
    values = [normalise(f, date(2005, 3, 10), None, None, "") for f in found[:4]]
    assert [(v.value, v.mod) for v in values] == [
        ("2004", "END"),
        ("2005-W09", "END"),
        ("2005-10", "MID"),
        ("2006", "START"),
    ]


def test_a_clock_time_with_a_space_after_its_colon(nlp):
    text = "It landed at 11: 06 a.m. on Monday; the score was 2: 30 at the break."
    rows = timeline_rows(nlp(text), date(2016, 9, 10), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("11: 06 a.m. on Monday", "2016-09-05T11:06")
    ]


def test_rows_without_a_value_are_dropped(nlp):
    rows = timeline_rows(nlp("Kopp's 1987 Chevrolet was found at 0735 GMT Friday."), PUB, [])
    assert all(r["value"] is not None for r in rows)


# ------------------------------------- paired days, "that same day", plans, "March for"


def test_second_day_of_a_month_day_pair(nlp):
    text = "The summit will be held on April 24 and 25. Talks ran on May 3 or 4, he said."
    assert expressions(text) == ["April 24", "25", "May 3", "4"]
    rows = timeline_rows(nlp(text), date(1999, 2, 10), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("April 24", "1999-04-24"),
        ("25", "1999-04-25"),
        ("May 3", "1998-05-03"),  # a past clause: last May
        ("4", "1998-05-04"),
    ]
    # a count, or a number that is not a later day, stays out
    text = "On April 24 and 25 people were hurt. By March 12 and 3 others."
    assert expressions(text) == ["April 24", "March 12"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day first, as British news writes it; after a hyphen the month's own day too
        ("Sales on 22 and 23 June.", [("22", "2016-06-22"), ("23 June", "2016-06-23")]),
        ("It runs from 10-20 February.", [("10", "2016-02-10"), ("20 February", "2016-02-20")]),
        ("Held from 3-8 May 2017.", [("3", "2017-05-03"), ("8 May 2017", "2017-05-08")]),
        # the month first, with a dash or "to"; a year after the pair dates both days
        (
            "Polled September 16-19 among voters.",
            [("September 16", "2016-09-16"), ("19", "2016-09-19")],
        ),
        ("Polled Sept. 19 to 22, 2015.", [("Sept. 19", "2015-09-19"), ("22", "2015-09-22")]),
        # a range goes up: a score or a count before a month is no pair
        ("They won 3-1 in May.", [("May", "2016-05")]),
        ("By March 12 to 3 others.", [("March 12", "2016-03-12")]),
    ],
)
def test_both_days_of_a_range_are_rows(nlp, text, expected):
    rows = timeline_rows(nlp(text), date(2016, 9, 28), [])
    assert [(r["expression"], r["value"]) for r in rows] == expected


def test_that_same_day_after_a_month_is_a_day_of_that_month(nlp):
    doc = nlp(
        "He met them on Friday. The doctor was killed last October. "
        "His name was crossed out that same day."
    )
    rows = timeline_rows(doc, date(1999, 2, 6), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("Friday", "1999-02-05"),
        ("last October", "1998-10"),
        ("that same day", "1998-10-XX"),
    ]
    assert rows[-1]["anchor"] == "unresolved" and rows[-1]["date_start"] is None
    # "early October" says nothing of the day either, but "that same day" is not in it
    doc = nlp("The doctor was killed in early October. His name was crossed out that same day.")
    rows = timeline_rows(doc, date(1999, 2, 6), [])
    assert [r["value"] for r in rows] == ["1998-10", "XXXX-XX-XX"]
    # after a day, "that same day" is that day
    doc = nlp("The doctor was killed on Oct. 23. His name was crossed out that same day.")
    rows = timeline_rows(doc, date(1999, 2, 6), [])
    assert [r["value"] for r in rows] == ["1998-10-23", "1998-10-23"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the story moved to a month: a day pointing back is a day of that month
        (
            "He met them on Friday. They met again in July 2008, when Mr. Obama visited "
            "Jerusalem. The day before, a Palestinian had rammed a bus.",
            ("The day before", "2008-07-XX"),
        ),
        (
            "He met them on Friday. Last September, Beck called Palin a clown. He "
            "apologized the following morning.",
            ("the following morning", "2015-09-XX"),
        ),
        # a month holding the day last mentioned, or a year named in passing, moves
        # nothing; nor is a clock time read as pointing back
        (
            "On a rainy Thursday this month, the workers met. The next day they left.",
            ("The next day", "2016-01-15"),
        ),
        (
            "He spoke on Monday, as he had in 2012. The day before, he had rested.",
            ("The day before", "2016-01-17"),
        ),
        (
            "They met on Friday. Sales fell in November. The meeting began at 10 a.m.",
            ("10 a.m.", "2016-01-15T10:00"),
        ),
    ],
)
def test_a_day_pointing_back_after_a_month_is_a_day_of_that_month(nlp, text, expected):
    rows = timeline_rows(nlp(text), date(2016, 1, 20), [])
    last = rows[-1]
    assert (last["expression"], last["value"]) == expected
    assert (last["anchor"] == "unresolved") == expected[1].endswith("-XX")


def test_march_for_a_cause_is_not_the_month(nlp):
    text = "Agents watched the annual March for Life on Capitol Hill in March."
    rows = timeline_rows(nlp(text), date(1999, 1, 22), [])
    assert [(r["start_char"], r["value"]) for r in rows] == [(text.rindex("March"), "1998-03")]
    assert not accept_span(text, text.index("March"), text.index("March") + 5)


def test_days_and_seasons_inside_names_are_not_dates(nlp):
    text = (
        "The Sunday Times reported on Sunday that Suddenly Last Summer had won. "
        "He told ITV1's This Morning that Ant & Dec's Saturday Night Takeaway would return "
        "next week. Twentieth Century Fox is still to decide. Beckham played in the 2006 "
        "World Cup, a USA TODAY analysis found, and USA TODAY's tally agrees. Hit single "
        "One Night is out, sung by J Noon."
        '\n\n"This day will be remembered," he said, "we need it NOW."'
    )
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("Sunday", "2025-02-09"),
        ("next week", "2025-W08"),
        ("2006", "2006"),  # a year dates the event it names
        ("This day", "2025-02-13"),  # after an opening quotation mark: a sentence's start
        ("NOW", "PRESENT_REF"),  # capitals for emphasis, not a name in capitals
    ]


def test_a_surname_and_a_race_time_are_not_clock_times(nlp):
    text = (
        "Centre Jamie Noon believes the side can win. The match started at noon on Saturday. "
        "Cragg won the 3,000m in 7:39.89 and the gates opened at 10:30:00 GMT."
    )
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["timex_type"], r["value"]) for r in rows] == [
        ("noon on Saturday", "TIME", "2025-02-08T12:00"),
        ("10:30", "TIME", "2025-02-08T10:30"),  # on the day last mentioned
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an amount per unit of time is a rate, also with its conversion in brackets
        (
            "It spends $500 million a year on four flights a week. Mr Brown wanted to provide "
            "$10bn (\u00a35.38bn) a year and the ministry lost 1bn CFA francs ($2m; \u00a31m) "
            "a month. The bill passed the Senate, led by Mitch McConnell (Ky.) a month later. "
            "The talks took a year.",
            [("a month", "P1M"), ("a year", "P1Y")],
        ),
        # "a quarter" as a share or a source; a unit opening a longer word
        (
            "The Fed voted for a quarter point rise. Sales dropped by nearly a quarter, and "
            "nearly a quarter said they struggled. Arsenal sealed a quarter-final trip after "
            "a second-half goal. Spending rose on a year-on-year basis. The clamour in some "
            "quarters grew. Tax payments would be minimal in a quarter that produced a loss.",
            [("a quarter", "P1Q")],
        ),
    ],
)
def test_rates_shares_and_longer_words_are_no_times(nlp, text, expected):
    rows = timeline_rows(nlp(text), PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == expected
    assert rows[-1]["start_char"] == text.rindex(expected[-1][0])  # the last one, kept


def test_a_half_or_quarter_of_a_match_or_of_a_season_is_no_part_of_the_year(nlp):
    results = (
        "Qantas said earnings growth would slow in the second half. It lost 27m euros in "
        "the first half of the current fiscal year, a loss for the third quarter of $226m. "
        "Talks on 12-18 sites go on. Exports fell in the second half of 2004. The conference "
        "took place on 3-5 December."
    )
    rows = timeline_rows(nlp(results), PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("the second half", "2025-H2"),
        ("the first half", "2025-H1"),
        ("the current fiscal year", "2025"),
        ("the third quarter", "2024-Q3"),  # "of" an amount: not what the quarter divides
        ("the second half of 2004", "2004-H2"),
        # a range of days (no score): each day a row
        ("3", "2024-12-03"),
        ("5 December", "2024-12-05"),
    ]
    # a score (or half-time) makes the article a match report: its halves are the match's
    match = (
        "Ireland beat Italy 28-17 on Saturday. Italy led early in the second half, but "
        "O'Gara's first-half try settled it as the game entered the final quarter."
    )
    rows = timeline_rows(nlp(match), PUB, [])
    assert [r["expression"] for r in rows] == ["Saturday"]
    results_line = "Man City 0-2 Man Utd\n\nRooney scored in the second half."
    assert timeline_rows(nlp(results_line), PUB, []) == []
    season = (
        "He battled back in the second half of the season and recovered from a battering "
        "in the first half-hour of the final, the best of the past quarter of a century."
    )
    rows = timeline_rows(nlp(season), PUB, [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("the first half-hour", "PT30M"),  # a length, not the year's first half
        ("the past quarter of a century", "P25Y"),
    ]


AIMED = date(2016, 9, 28)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "published", "expression", "expected"),
    [
        # a plan in the present looks ahead
        (
            "Protesters plan a large demonstration on Saturday.",
            date(1999, 10, 24),
            "Saturday",
            "1999-10-30",
        ),
        # a plan reported in the past: the nearer Saturday, yesterday or tomorrow
        (
            "A memorial service planned for Saturday was canceled.",
            date(1999, 10, 24),
            "Saturday",
            "1999-10-23",
        ),
        (
            "Protesters planned a large demonstration on Saturday.",
            date(2000, 1, 7),
            "Saturday",
            "2000-01-08",
        ),
        # what someone tries, seeks or wants to do lies ahead of the trying
        (
            "Democrats are trying to get voters to the polls on election day.",
            AIMED,
            "election day",
            "2016-11-08",
        ),
        ("The party wants to hold a vote on Saturday.", AIMED, "Saturday", "2016-10-01"),
        ("Aides seek to meet him in November.", AIMED, "November", "2016-11"),
        # tried in the past: either side of publication, the nearer
        ("Aides tried to reach him on Monday.", AIMED, "Monday", "2016-09-26"),
        ("Eight men were detained attempting to cross on Monday.", AIMED, "Monday", "2016-09-26"),
    ],
)
def test_a_plan_or_aim_looks_ahead_and_a_past_one_takes_the_nearer_day(
    nlp, sentence, published, expression, expected
):
    assert _value_of(nlp, sentence, published, expression) == expected


def test_resolve_weekday_nearest():
    thursday = date(2025, 2, 13)
    assert resolve_weekday(4, thursday, "nearest") == date(2025, 2, 14)  # Friday: tomorrow
    assert resolve_weekday(0, thursday, "nearest") == date(2025, 2, 10)  # Monday: 3 days back
    assert resolve_weekday(3, thursday, "nearest") == thursday


# ------------------------------- participles, seasons, "of that year", live-blog times


@pytest.mark.parametrize(
    ("sentence", "published", "expr", "expected"),
    [
        # a participle dated directly takes the tense of the finite verb above it
        (
            "Clinton quit giving paid speeches before announcing her run in April.",
            date(2015, 12, 15),
            "April",
            "2015-04",
        ),
        (
            "It will start becoming clear at midnight Sunday.",
            date(2016, 1, 29),
            "midnight Sunday",
            "2016-01-31T24:00",
        ),
        # past a participle above it too
        (
            "They seemed nice earlier in the campaign, with Cruz repeatedly calling Trump his "
            "friend, meeting with him in July at Trump Tower and inviting him on a trip.",
            date(2016, 1, 17),
            "July",
            "2015-07",
        ),
        # through a noun it dates the noun's event, not the participle's: the nearest July
        (
            "Officials spent weeks preparing for the summit in July.",
            date(2016, 4, 12),
            "July",
            "2016-07",
        ),
        # "were to" / "was to": ahead of an imagined or past moment, the nearer one
        (
            "He said that if his candidate were to win in November, she would sign it.",
            date(2016, 9, 23),
            "November",
            "2016-11",
        ),
        (
            "Days before it was to report earnings on Wednesday, the company said on Friday.",
            date(2016, 2, 8),
            "Wednesday",
            "2016-02-10",
        ),
        # a plan made in the past may have happened by now: the nearer day
        (
            "The fund-raiser, which Trump was set to headline Tuesday, was canceled.",
            date(2016, 5, 26),
            "Tuesday",
            "2016-05-24",
        ),
        (
            "Intel's chief was planning to hold a fund-raiser for him on Thursday night.",
            date(2016, 6, 3),
            "Thursday night",
            "2016-06-02TNI",
        ),
        # ... but an expectation held now still looks ahead
        (
            "Priebus sent staff to the states expected to be most pivotal on Election Day.",
            date(2016, 5, 26),
            "Election Day",
            "2016-11-08",
        ),
        # a named day's event in a future clause: the nearer one
        (
            "Activists said Monday's decision will reverberate down the ballot.",
            date(2016, 6, 28),
            "Monday",
            "2016-06-27",
        ),
        (
            "He will win Tuesday's New Hampshire primary, Trump said.",
            date(2016, 2, 8),
            "Tuesday",
            "2016-02-09",
        ),
        # "between now and" looks ahead whatever the clause
        (
            "He added that something had to happen for it to drop between now and Election Day.",
            date(2016, 8, 10),
            "Election Day",
            "2016-11-08",
        ),
        # what a source "would not" say is a refusal already made
        (
            "Schumer wouldn't say Tuesday how the party would respond.",
            date(2016, 6, 22),
            "Tuesday",
            "2016-06-21",
        ),
        ("He would say more on Friday.", date(2016, 6, 22), "Friday", "2016-06-24"),
        # from Thursday on, "this weekend" is the one ahead, past clause or not
        (
            "Organizing set the stage for another likely rout this weekend.",
            date(2016, 4, 15),
            "this weekend",
            "2016-W15-WE",
        ),
        # a modal looks from now, whatever the tense of the report around it
        (
            "That could help him in the primaries in February, Jones said.",
            date(2015, 11, 20),
            "February",
            "2016-02",
        ),
        ("He said they can win on Tuesday.", date(2016, 6, 27), "Tuesday", "2016-06-28"),
        # a quotation keeps its own time: not the past of the verb reporting it
        (
            'He leaned in and boomed: "Let\'s defeat her in November."',
            date(2016, 7, 21),
            "November",
            "2016-11",
        ),
    ],
)
def test_a_clause_places_its_expression_by_its_own_time(nlp, sentence, published, expr, expected):
    (row,) = _by_expr(timeline_rows(nlp(sentence), published, []), expr)
    assert row["value"] == expected


def test_a_bare_season_follows_the_tense_of_its_clause(nlp):
    doc = nlp(
        "Officials spent the winter in talks. They met again over the summer. "
        "They will vote in the summer."
    )
    rows = timeline_rows(doc, date(2016, 4, 12), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("the winter", "2015-WI"),  # the winter just gone, not the one to come
        ("the summer", "2015-SU"),
        ("the summer", "2016-SU"),
    ]


def test_a_month_of_that_year_is_in_the_year_last_mentioned(nlp):
    doc = nlp(
        "The rate was 7.8 percent in January 2009 and peaked in October of that year. "
        "It fell in June of last year."
    )
    rows = timeline_rows(doc, date(2016, 2, 5), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("January 2009", "2009-01"),
        ("October of that year", "2009-10"),
        ("June of last year", "2015-06"),
    ]


def test_a_live_blog_time_heading_is_on_the_publication_day(nlp):
    text = (
        "Rubio clashed with Trump at Saturday's debate.\n\n___.\n\n8:00 a.m.\n\n"
        "Rubio says he did well."
    )
    rows = timeline_rows(nlp(text), date(2016, 2, 8), [])
    assert [(r["expression"], r["value"]) for r in rows] == [
        ("Saturday", "2016-02-06"),
        ("8:00 a.m.", "2016-02-08T08:00"),  # not the Saturday last mentioned
    ]


def test_the_day_after_an_event_with_no_date_told_before_is_unresolved():
    sentence = "The talks resumed the day after the election, officials said."
    assert normalise("the day after", PUB, "past", None, sentence).value == "XXXX-XX-XX"
    # after a date, the event mostly fell on it ("Oct. 23 ... the day after his death")
    assert normalise("the day after", PUB, "past", date(2025, 2, 3), sentence).value == (
        "2025-02-04"
    )
    # with nothing after it, the day after the date told before
    bare = normalise("the day after", PUB, "past", date(2025, 2, 3), "He returned the day after.")
    assert bare is not None and bare.value == "2025-02-04"
    text = "The strike began the day before Christmas and ended the day after January 3."
    found = expressions(text)
    assert found == ["the day before Christmas", "the day after January 3"]
    assert value("the day before Christmas", PUB, "past") == "2024-12-24"
    assert value("the day after January 3", PUB, "past") == "2025-01-04"
