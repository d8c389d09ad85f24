"""A spaCy component that starts a sentence at every paragraph (line) break.

The small model's parser often runs a sentence over a line break: a headline into the
first paragraph ("Finnan confident ...\\n\\nSteve Finnan believes ..."), a list into the
quotation after it. Everything downstream reads sentences and the parse (who said
what, the clause a date belongs to), so the break is set before the parser runs, which
keeps preset boundaries. A line break inside a sentence of hard-wrapped text (a word
or comma before it, a lower-case word after it) is left alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the tokens that open a line, hard wraps excepted."""
    starts = []
    for i in range(1, len(doc)):
        brk, tok = doc[i - 1], doc[i]
        if not (brk.is_space and "\n" in brk.text) or tok.is_space:
            continue
        before = doc[i - 2].text if i > 1 else ""
        if (before[-1:].islower() or before == ",") and tok.text[:1].islower():
            continue  # "... a sentence that\ncontinues here": a hard wrap
        starts.append(i)
    return starts


@Language.component("newsdesk_paragraphs_v1", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    for i in paragraph_starts(doc):
        doc[i].is_sent_start = True
    return doc
