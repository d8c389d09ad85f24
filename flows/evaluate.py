"""`newsdesk evaluate`: run the extractors on annotated records and score them with the
project's scorer (`../shared/eval/score.py`), so both always print the same numbers."""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from transforms import entities, quotes, timeline
from transforms.parsing import parse_date
from transforms.pipeline import load_nlp

TASKS = ("quotes", "timeline", "entities")
SCORER_COMMAND = {"quotes": "quotes", "timeline": "timex", "entities": "entities"}
DEFAULT_SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"


def scorer_path(option: str | None) -> Path:
    return Path(option or os.environ.get("NEWSDESK_SCORER") or DEFAULT_SCORER)


def load_scorer(path: Path) -> ModuleType:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: scorer not found (pass --scorer PATH)")
    spec = importlib.util.spec_from_file_location("newsdesk_scorer", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"{path}: cannot load scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_records(gold: Path) -> list[dict[str, Any]]:
    with gold.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def prediction(task: str, record: dict[str, Any], doc: Any) -> dict[str, Any]:
    """One document's predictions in the scorer's PRED format."""
    mentions = entities.mention_rows(doc)
    if task == "entities":
        found = [
            {"start": m["start_char"], "end": m["end_char"], "label": m["label"]} for m in mentions
        ]
        return {"id": record["id"], "entities": found}
    if task == "quotes":
        return {
            "id": record["id"],
            "quotes": quotes.scoring_quotes(quotes.quote_rows(doc, mentions)),
        }
    rows = timeline.timeline_rows(doc, parse_date(record.get("dct")), mentions)
    timex = [
        {
            "start": r["start_char"],
            "end": r["end_char"],
            "type": r["timex_type"],
            "value": r["value"],
        }
        for r in rows
    ]
    return {"id": record["id"], "timex": timex}


def predict(
    task: str, records: list[dict[str, Any]], *, model: str, batch_size: int = 16
) -> Iterator[dict[str, Any]]:
    nlp = load_nlp(model)
    pairs = ((r["text"], r) for r in records)
    for doc, record in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield prediction(task, record, doc)


def evaluate(
    task: str,
    gold: Path,
    *,
    model: str,
    scorer: Path,
    scheme: str = "conll",
    pred_out: Path | None = None,
) -> dict[str, Any]:
    """Write predictions for every gold record, score them, print the scorer's report."""
    module = load_scorer(scorer)
    records = read_records(gold)
    with tempfile.TemporaryDirectory() as scratch:
        target = pred_out or Path(scratch) / "pred.jsonl"
        with target.open("w", encoding="utf-8") as out:
            for pred in predict(task, records, model=model):
                out.write(json.dumps(pred, ensure_ascii=False) + "\n")
        gold_records, preds, info = module.load_pair(str(gold), str(target))
    command = SCORER_COMMAND[task]
    if command == "entities":
        result = module.score_entities(gold_records, preds, scheme)
    else:
        result = getattr(module, f"score_{command}")(gold_records, preds)
    getattr(module, f"print_{command}")(result, info)
    return dict(result)
