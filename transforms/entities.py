"""Entity mentions of one Doc as rows (one pure function), and entity ids."""

from __future__ import annotations

import bisect
import hashlib
from typing import TYPE_CHECKING

from transforms.entity_rules import ENTITY_LABELS, norm_key, resolve_mentions

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ENTITY_LABELS", "entity_id", "mention_rows"]


def entity_id(name: str, label: str) -> str:
    """Stable id of an entity: the same canonical name and label give the same id anywhere."""
    key = f"{str(label or '').strip().upper()}\x1f{norm_key(name)}"
    return "ent_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _sentence_starts(doc: Doc) -> list[int]:
    try:
        if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
            return [s.start_char for s in doc.sents]
    except ValueError:
        pass
    return [0]


def mention_rows(doc: Doc) -> list[dict]:
    """One row per entity mention of ``doc``, sorted by start_char (see DESIGN.md).

    Keys: text, label, start_char, end_char, sentence_index, entity_name,
    entity_label, entity_id. ``doc.text[start_char:end_char] == text`` always.
    """
    starts = _sentence_starts(doc)
    rows: list[dict] = []
    for m in resolve_mentions(doc):
        if m.label not in ENTITY_LABELS:
            continue
        rows.append(
            {
                "text": m.text,
                "label": m.label,
                "start_char": m.start_char,
                "end_char": m.end_char,
                "sentence_index": max(0, bisect.bisect_right(starts, m.start_char) - 1),
                "entity_name": m.entity_name,
                "entity_label": m.entity_label,
                "entity_id": entity_id(m.entity_name, m.entity_label),
            }
        )
    rows.sort(key=lambda r: (r["start_char"], r["end_char"]))
    return rows
