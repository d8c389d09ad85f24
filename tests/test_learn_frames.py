"""Learning stance frames from annotated records (``python -m flows.learn_frames``)."""

from __future__ import annotations

from flows.evaluate import DEFAULT_SCORER, load_scorer
from flows.learn_frames import FrameCounts, count_document, render
from transforms.entities import mention_rows
from transforms.quote_rules import _frames

TEXT = (
    "Sanders offered a plan to make college free. "
    "Clinton offered no details. "
    "Warren said the banks had failed."
)


def _record(text: str, contents: list[str]) -> dict:
    quotes = []
    for content in contents:
        start = text.index(content)
        quotes.append({"content": {"start": start, "end": start + len(content)}})
    return {"id": "t", "text": text, "gold": {"quotes": quotes}}


def test_counts_hits_only_for_attributions_the_written_rules_miss(nlp):
    record = _record(TEXT, ["a plan to make college free", "the banks had failed"])
    doc = nlp(TEXT)
    counts = FrameCounts()
    count_document(counts, record, doc, mention_rows(doc), load_scorer(DEFAULT_SCORER))
    # two "offer" objects, one annotated; "said ..." is already a row, so no candidate
    assert counts.candidates["offer", "dobj"] == 2
    assert counts.hits["offer", "dobj"] == 1
    assert counts.candidates["say", "ccomp"] == 0
    assert counts.kept(min_hits=1, min_precision=0.5) == [("offer", "dobj")]
    assert counts.kept(min_hits=2, min_precision=0.5) == []
    assert counts.kept(min_hits=1, min_precision=0.6) == []


def test_render_is_a_spec_the_rules_read_back():
    source = render([("offer", "dobj"), ("blame", "for"), ("blame", "dobj")], "header")
    namespace: dict = {}
    exec(compile(source, "learned_frames.py", "exec"), namespace)
    frames = _frames(namespace["LEARNED_FRAMES_SPEC"])
    assert frames == {"offer": frozenset({"dobj"}), "blame": frozenset({"dobj", "for"})}
    assert namespace["__doc__"] == "header"
