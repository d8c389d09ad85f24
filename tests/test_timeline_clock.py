"""Same input, same output, on any day: the timeline never reads the clock.

Two checks. In-process, the ``date``/``datetime`` classes the timeline modules use are
swapped for ones whose ``today()``/``now()`` are years ahead. Out of process, the real
clock is moved with libfaketime (Debian package ``faketime``, which CI installs): the
same articles go through the real model and ``timeline_rows`` under both clocks and the
rows must be identical. A missing ``faketime`` fails this test, it is never skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

from tests.conftest import REPO, SEED_TEXT, corpus_path
from transforms import timeline, timex_rules
from transforms.entities import mention_rows
from transforms.timeline import timeline_rows

FAR_AHEAD = dt.datetime(2041, 7, 19, 3, 4, 5)

EXTRA_TEXTS = [
    # relative expressions of every kind, anchored to the publication date only
    (
        "The minister spoke yesterday and will travel to Kyiv on Friday. Talks resume next "
        "month; sales rose last week and this year, compared with a year ago. The deal, "
        "announced two days ago, closes in the first quarter. Earlier that day, shares fell. "
        "He has been in office for three years and now plans a visit this summer.",
        "2019-03-06",
    ),
    ("Officials met on Monday. The vote is next week. Results came out last month.", None),
]


def _docs(nlp):
    docs = [(nlp(SEED_TEXT.read_text(encoding="utf-8")), "2025-02-13")]
    docs.append((docs[0][0], None))  # no publication date: stays unresolved
    docs += [(nlp(text), pub) for text, pub in EXTRA_TEXTS]
    with corpus_path("tempeval3", "tbaq_timebank.jsonl").open(encoding="utf-8") as lines:
        for _, line in zip(range(3), lines, strict=False):
            record = json.loads(line)
            docs.append((nlp(record["text"]), record.get("dct")))
    return docs


def _rows(docs) -> list[list[dict]]:
    return [timeline_rows(doc, pub, mention_rows(doc)) for doc, pub in docs]


class _FutureDate(dt.date):
    @classmethod
    def today(cls):
        return FAR_AHEAD.date()


class _FutureDateTime(dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return FAR_AHEAD if tz is None else FAR_AHEAD.replace(tzinfo=tz)

    @classmethod
    def utcnow(cls):
        return FAR_AHEAD

    @classmethod
    def today(cls):
        return FAR_AHEAD


def test_rows_do_not_change_when_the_modules_see_another_day(nlp, monkeypatch):
    docs = _docs(nlp)
    before = _rows(docs)
    assert any(r["anchor"] == "publication_date" for rows in before for r in rows)
    for module in (timeline, timex_rules):
        if hasattr(module, "date"):
            monkeypatch.setattr(module, "date", _FutureDate)
        if hasattr(module, "datetime"):
            monkeypatch.setattr(module, "datetime", _FutureDateTime)
    assert timex_rules.date.today() == FAR_AHEAD.date()  # the swap took effect
    after = _rows(docs)
    assert after == before


# the child process: the real model and timeline_rows, rows printed as JSON
_CHILD = r"""
import datetime, json, sys
from tests.test_timeline_clock import _docs, _rows
from transforms.pipeline import load_nlp

rows = _rows(_docs(load_nlp()))
print(json.dumps({"today": datetime.date.today().isoformat(), "rows": rows}, default=str))
"""


def _run_child(prefix: list[str]) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0", FAKETIME_DONT_FAKE_MONOTONIC="1")
    done = subprocess.run(
        [*prefix, sys.executable, "-c", _CHILD],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rows_do_not_change_when_the_real_clock_moves_years_ahead():
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.fail(
            "faketime is not installed (Debian: apt-get install -y faketime); "
            "this test needs it to move the real clock and is never skipped"
        )
    now = _run_child([])
    later = _run_child([faketime, "-f", "+3653d"])  # ten years ahead, clock running
    assert date.fromisoformat(later["today"]).year >= date.fromisoformat(now["today"]).year + 9
    assert now["rows"] and any(now["rows"])
    assert later["rows"] == now["rows"]
