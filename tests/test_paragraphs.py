"""The paragraph component: a line break starts a sentence, a hard wrap does not."""

from __future__ import annotations

import spacy

from transforms.paragraphs import paragraph_starts


def _blank_doc(text: str):
    import transforms.paragraphs  # noqa: F401  (registers the component)

    nlp = spacy.blank("en")
    nlp.add_pipe("newsdesk_paragraphs_v1")
    return nlp(text)


def test_line_break_starts_a_sentence():
    doc = _blank_doc("Finnan confident\n\nSteve Finnan believes they can win.\nHe said so.")
    assert [doc[i].text for i in paragraph_starts(doc)] == ["Steve", "He"]
    # the first token always starts one; the component decides nothing else
    assert [t.text for t in doc if t.is_sent_start] == ["Finnan", "Steve", "He"]
    assert doc[4].is_sent_start is None


def test_hard_wrap_inside_a_sentence_is_left_alone():
    doc = _blank_doc("The minister said that the plan,\nwhich costs little, would\nwork well.")
    assert paragraph_starts(doc) == []


def test_the_parser_keeps_the_break(nlp):
    assert nlp.pipe_names.index("newsdesk_paragraphs_v1") < nlp.pipe_names.index("parser")
    doc = nlp(
        "The key new technologies include:\n\n - A pressure control system\n - Streamlined "
        'cars to reduce the noise \n\n"It is a great honour," said Mr Shimono.'
    )
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents[0] == "The key new technologies include:"
    assert sents[-1] == '"It is a great honour," said Mr Shimono.'
