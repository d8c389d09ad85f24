"""spaCy components and rules that correct and cluster named-entity mentions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "newsdesk_entity_rules_v1", requires=["doc.ents"], assigns=["doc.ents"]
)
def entity_rules(doc: Doc) -> Doc:
    """Placeholder: returns the model's entities unchanged."""
    return doc
