"""Entities: rules on hand-made docs (no model) and the seed article (real model)."""

from __future__ import annotations

import hashlib

import pytest
import spacy
from spacy.tokens import Doc, Span

from transforms.entities import ENTITY_LABELS, entity_id, mention_rows
from transforms.entity_rules import (
    Mention,
    apply_rules,
    canonical_index,
    clean_bounds,
    cluster_mentions,
    given_name_and_surname,
    initials,
    label_from_gazetteer,
    vote_label,
)

ROW_KEYS = {
    "text",
    "label",
    "start_char",
    "end_char",
    "sentence_index",
    "entity_name",
    "entity_label",
    "entity_id",
}


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def make_doc(blank, words, ents, spaces=None):
    """A Doc from words, with entity spans given as (start_token, end_token, label)."""
    doc = Doc(blank.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def texts(doc, parts):
    return [doc[p.start : p.end].text for p in parts]


# ------------------------------------------------------------- pure rules


def test_entity_labels_exclude_dates_and_numbers():
    assert "PERSON" in ENTITY_LABELS and "GPE" in ENTITY_LABELS and "LAW" in ENTITY_LABELS
    assert not {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"} & set(ENTITY_LABELS)


def test_entity_id_is_deterministic_and_normalised():
    expected = "ent_" + hashlib.sha256(b"PERSON\x1fmark rutte").hexdigest()[:16]
    assert entity_id("Mark Rutte", "PERSON") == expected == "ent_a57a1ac6cdc49ee7"
    assert entity_id("  mark   RUTTE ", "person") == expected
    assert entity_id("Nato", "ORG") == entity_id("NATO", "ORG") == "ent_e82150989700ad3c"
    assert entity_id("Mark Rutte", "ORG") != expected
    assert entity_id("", "").startswith("ent_")


def test_clean_bounds_drops_square_bracket_insertion(blank):
    doc = Doc(blank.vocab, words=["president", "[", "Vladimir", "]", "Putin", "said"],
              spaces=[True, False, False, True, True, False])  # fmt: skip
    parts = clean_bounds(doc, 2, 5, "PERSON")  # the model's "Vladimir] Putin"
    assert texts(doc, parts) == ["Putin"]


def test_clean_bounds_strips_the_possessive_and_scores(blank):
    doc = Doc(blank.vocab, words=["the", "White", "House", "'s", "plan", "Somerset", "83"])
    assert texts(doc, clean_bounds(doc, 0, 4, "ORG")) == ["White House"]
    assert texts(doc, clean_bounds(doc, 5, 7, "ORG")) == ["Somerset"]


def test_clean_bounds_strips_honorific_and_title(blank):
    doc = Doc(blank.vocab, words=["Mr", "Zelenskiy", "President", "Bill", "Clinton"])
    (part,) = clean_bounds(doc, 0, 2, "ORG")
    assert (doc[part.start : part.end].text, part.honorific) == ("Zelenskiy", True)
    (part,) = clean_bounds(doc, 2, 5, "PERSON")
    assert (doc[part.start : part.end].text, part.title) == ("Bill Clinton", True)
    # any person title capitalised before a name, but one that is part of the name
    doc = Doc(blank.vocab, words=["Striker", "Thierry", "Henry", "Prince", "Charles"])
    (part,) = clean_bounds(doc, 0, 3, "PERSON")
    assert (doc[part.start : part.end].text, part.title) == ("Thierry Henry", True)
    assert texts(doc, clean_bounds(doc, 3, 5, "PERSON")) == ["Prince Charles"]
    # "General Motors" is not a title + name
    doc = Doc(blank.vocab, words=["General", "Motors"])
    assert texts(doc, clean_bounds(doc, 0, 2, "ORG")) == ["General Motors"]


@pytest.mark.parametrize(
    ("words", "pos", "tags", "name"),
    [
        (
            ["Certainly", "Donald", "Trump"],
            ["ADV", "PROPN", "PROPN"],
            ["RB", "NNP", "NNP"],
            "Donald Trump",
        ),
        (["Telling", "Jeb", "Bush"], ["VERB", "PROPN", "PROPN"], ["VBG", "NNP", "NNP"], "Jeb Bush"),
        (
            ["That", "\u2019s", "Jeb", "Bush"],
            ["PRON", "VERB", "PROPN", "PROPN"],
            ["DT", "VBZ", "NNP", "NNP"],
            "Jeb Bush",
        ),
        (
            ["a", "Hans", "Christian", "Andersen"],
            ["DET", "PROPN", "PROPN", "PROPN"],
            ["DT", "NNP", "NNP", "NNP"],
            "Hans Christian Andersen",
        ),
        # an auxiliary may be a first name ("Will Young"); one word is left as it was
        (["Will", "Young"], ["AUX", "PROPN"], ["MD", "NNP"], "Will Young"),
        (["My", "Turn"], ["PRON", "PROPN"], ["PRP$", "NNP"], "My Turn"),
    ],
)
def test_clean_bounds_drops_a_word_run_into_a_name(blank, words, pos, tags, name):
    doc = Doc(blank.vocab, words=words, pos=pos, tags=tags)
    assert texts(doc, clean_bounds(doc, 0, len(words), "PERSON")) == [name]


def test_clean_bounds_splits_lines_and_spaced_dashes(blank):
    doc = Doc(blank.vocab, words=["Romania", "-", "Cosmin", "Contra", "\n", "Ken"],
              spaces=[True, True, True, False, False, False])  # fmt: skip
    assert texts(doc, clean_bounds(doc, 0, 6, "ORG")) == ["Romania", "Cosmin Contra", "Ken"]


def test_clean_bounds_cuts_a_headline_speech_verb_out_of_a_name(blank):
    title = "Hillary Clinton Slams Donald Trump Over Taxes\n\nTrump Says He Never Paid"
    doc = blank(title)
    assert texts(doc, clean_bounds(doc, 0, 5, "PERSON")) == ["Hillary Clinton", "Donald Trump"]
    # what follows the verb is kept only when it opens with a name
    assert texts(doc, clean_bounds(doc, 8, 12, "PERSON")) == ["Trump"]
    # a sentence opened by the verb: "Said Comey, ..."
    doc = blank("Said Comey, the agency erred.")
    assert texts(doc, clean_bounds(doc, 0, 2, "PERSON")) == ["Comey"]
    # in running text, and for names that end in such a word, nothing is cut
    doc = blank("He met Edward Said and officials of the United States on Friday.")
    assert texts(doc, clean_bounds(doc, 2, 4, "PERSON")) == ["Edward Said"]
    assert texts(doc, clean_bounds(doc, 8, 10, "GPE")) == ["United States"]


def test_clean_bounds_trims_organisations_to_their_name(blank):
    words = [
        "Interfax",
        "news",
        "agency",
        "September",
        "Treasury",
        "pro-Socialist",
        "CFDT",
        "union",
    ]
    doc = Doc(blank.vocab, words=words)
    assert texts(doc, clean_bounds(doc, 0, 3, "ORG")) == ["Interfax"]
    assert texts(doc, clean_bounds(doc, 3, 5, "ORG")) == ["Treasury"]
    assert texts(doc, clean_bounds(doc, 6, 8, "ORG")) == ["CFDT"]
    # only organisations: a person named August keeps the name
    assert texts(doc, clean_bounds(doc, 3, 5, "PERSON")) == ["September Treasury"]


def test_legal_form_makes_a_company(blank):
    words = ["Pirelli", "SpA", "and", "Lear", "Corp", "said", "."]
    doc = make_doc(blank, words, [(0, 2, "PERSON"), (3, 5, "ORG")])
    apply_rules(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Pirelli SpA", "ORG"), ("Lear Corp", "ORG")]


def test_gazetteer_labels():
    assert label_from_gazetteer("Kyiv") == "GPE"
    assert label_from_gazetteer("RUSSIA") == "GPE"
    assert label_from_gazetteer("Middle East") == "LOC"
    assert label_from_gazetteer("Ukrainian") == "NORP"
    assert label_from_gazetteer("Putin") is None


def test_initials():
    assert initials(["North", "Atlantic", "Treaty", "Organization"]) == "NATO"
    assert initials(["Bank", "of", "England"]) == "BE"


def m(start, words, label, **kw):
    words = tuple(words.split())
    return Mention(start, start + len(words), label, words, **kw)


def test_alias_clustering_full_name_surname_honorific():
    ms = [
        m(0, "Mark Rutte", "PERSON"),
        m(5, "Nato", "ORG"),
        m(9, "Rutte", "PERSON"),
        m(14, "Rutte", "ORG", honorific=True),
        m(20, "NATO", "ORG"),
        m(25, "Brussels", "GPE"),
    ]
    c = cluster_mentions(ms)
    assert c[0] == c[2] == c[3]
    assert c[1] == c[4]
    assert len({c[0], c[1], c[5]}) == 3
    assert vote_label(ms, [0, 2, 3]) == "PERSON"


def test_a_name_modifying_a_noun_is_a_weak_vote():
    # "the Trump campaign", "Trump supporters": the model's ORG on a modifier counts a
    # quarter where the name is written as a person's (a given name or a title) ...
    names = ["Donald Trump", "Trump", "Trump", "Trump"]
    ms = [m(0, "Donald Trump", "PERSON")] + [
        m(5 * i, "Trump", "ORG", modifier=True) for i in range(1, 4)
    ]
    assert vote_label(ms, [0, 1, 2, 3]) == "PERSON"
    ms = [m(5 * i, name, "PERSON" if i == 0 else "ORG") for i, name in enumerate(names)]
    assert vote_label(ms, [0, 1, 2, 3]) == "ORG"
    # ... not where the model alone says person ("Labour leader", "Mac mini")
    ms = [m(0, "Labour", "PERSON"), m(5, "Labour", "ORG", modifier=True)]
    ms.append(m(9, "Labour", "ORG", modifier=True))
    assert vote_label(ms, [0, 1, 2]) == "ORG"


def test_a_given_name_outvotes_the_model_on_the_full_name():
    ms = [m(0, "Donald Trump", "ORG"), m(5, "Trump", "ORG", modifier=True)]
    assert vote_label(ms, [0, 1]) == "PERSON"
    ms = [m(0, "Beverly Hills", "ORG"), m(5, "Hills", "ORG", modifier=True)]
    assert vote_label(ms, [0, 1]) == "ORG"


def test_canonical_name_is_the_fullest_form_but_no_epithet_before_a_name():
    # a title that is part of the name stays ("Queen Elizabeth II" beside "Elizabeth II")
    ms = [m(0, "Queen Elizabeth II", "PERSON"), m(5, "Elizabeth II", "PERSON")]
    assert canonical_index(ms, [0, 1]) == 0
    # a fuller name stays the name, and so does a title the cluster has no name without
    ms = [m(0, "Kanye Omari West", "PERSON"), m(5, "Kanye West", "PERSON")]
    assert canonical_index(ms, [0, 1]) == 0
    ms = [m(0, "President Kanye West", "PERSON"), m(5, "West", "PERSON")]
    assert canonical_index(ms, [0, 1]) == 0
    # an epithet before a first name and surname that is written more often
    clinton = ["Hillary Clinton", "Crooked Hillary Clinton", "Hillary Clinton", "Clinton"]
    ms = [m(i * 5, name, "PERSON") for i, name in enumerate(clinton)]
    assert canonical_index(ms, [0, 1, 2, 3]) == 0
    ms.append(m(30, "Hillary Rodham Clinton", "PERSON"))
    assert canonical_index(ms, [0, 1, 2, 3, 4]) == 4
    # a first name before a surname of two words, which is never a full name
    for names in (
        ["Robin van Persie", "van Persie", "van Persie", "Persie"],
        ["Aung San Suu Kyi", "Suu Kyi", "Suu Kyi"],
    ):
        ms = [m(i * 5, name, "PERSON") for i, name in enumerate(names)]
        assert canonical_index(ms, list(range(len(ms)))) == 0


def test_alias_clustering_keeps_two_people_with_one_surname_apart():
    ms = [
        m(0, "Bill Clinton", "PERSON"),
        m(4, "Clinton", "PERSON"),
        m(10, "Hillary Clinton", "PERSON"),
        m(14, "Clinton", "PERSON"),
    ]
    c = cluster_mentions(ms)
    assert c[0] == c[1] and c[2] == c[3] and c[0] != c[2]


def test_alias_clustering_follows_the_honorifics_gender():
    # "Mrs. Clinton" after Bill Clinton is named is still Hillary, whom an earlier
    # "Mrs. Clinton" joined; a "Mr. Clinton" takes the nearest name it fits
    ms = [
        m(0, "Hillary Clinton", "PERSON"),
        m(4, "Clinton", "PERSON", honorific=True, gender="f"),
        m(10, "Bill Clinton", "PERSON"),
        m(14, "Clinton", "PERSON", honorific=True, gender="f"),
        m(20, "Clinton", "PERSON", honorific=True, gender="m"),
        m(24, "Clinton", "PERSON"),
    ]
    c = cluster_mentions(ms)
    assert c[0] == c[1] == c[3]
    assert c[2] == c[4] == c[5]
    assert c[0] != c[2]


def test_acronym_joins_its_full_name():
    ms = [m(0, "Federal Open Market Committee", "ORG"), m(8, "FOMC", "PERSON")]
    c = cluster_mentions(ms)
    assert c[0] == c[1]
    assert vote_label(ms, [0, 1]) == "ORG"


def test_honorific_makes_a_person(blank):
    words = ["Mr", "Zelenskiy", "met", "Mr", "Trump", "in", "Kyiv", "."]
    doc = make_doc(blank, words, [(0, 2, "ORG"), (4, 5, "PERSON"), (6, 7, "PERSON")])
    apply_rules(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Zelenskiy", "PERSON"),
        ("Trump", "PERSON"),
        ("Kyiv", "GPE"),
    ]


@pytest.mark.parametrize(
    ("words", "pos", "heads", "deps", "label"),
    [
        # "coach" modifies the name; the model's ORG on every mention is outvoted
        (
            ["England", "coach", "Sven", "Eriksson", "spoke", ".", "Sven", "Eriksson", "left"],
            ["PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"],
            [1, 3, 3, 4, 4, 4, 7, 8, 8],
            ["compound", "compound", "compound", "nsubj", "ROOT", "punct"]
            + ["compound", "nsubj", "ROOT"],
            "PERSON",
        ),
        # a candidacy or a trade is a title too ("Republican nominee Donald Trump")
        (
            ["Republican", "nominee", "Donald", "Trump", "spoke", ".", "Donald", "Trump"]
            + ["left"],
            ["PROPN", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"],
            [1, 3, 3, 4, 4, 4, 7, 8, 8],
            ["compound", "compound", "compound", "nsubj", "ROOT", "punct"]
            + ["compound", "nsubj", "ROOT"],
            "PERSON",
        ),
        # the name in apposition to "striker"
        (
            ["their", "striker", "Craig", "Bellamy", "left", ".", "Craig", "Bellamy", "spoke"],
            ["PRON", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"],
            [1, 4, 3, 1, 4, 4, 7, 8, 8],
            ["poss", "nsubj", "compound", "appos", "ROOT", "punct", "compound", "nsubj", "ROOT"],
            "PERSON",
        ),
        # a title the tokenizer split at its hyphen ("fly-half": fly - half)
        (
            ["France", "fly", "-", "half", "Thomas", "Castaignede", "spoke", "."]
            + ["Thomas", "Castaignede", "left"],
            ["PROPN", "NOUN", "PUNCT", "NOUN", "PROPN", "PROPN", "VERB", "PUNCT"]
            + ["PROPN", "PROPN", "VERB"],
            [5, 3, 3, 5, 5, 6, 6, 6, 9, 10, 10],
            ["compound", "compound", "punct", "compound", "compound", "nsubj", "ROOT", "punct"]
            + ["compound", "nsubj", "ROOT"],
            "PERSON",
        ),
        # "official" as an adjective is no title
        (
            ["the", "official", "Xinhua", "Agency", "spoke", ".", "Xinhua", "Agency", "left"],
            ["DET", "ADJ", "PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PROPN", "VERB"],
            [3, 3, 3, 4, 4, 4, 7, 8, 8],
            ["det", "amod", "compound", "nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT"],
            "ORG",
        ),
    ],
)
def test_a_title_noun_before_a_full_name_outvotes_the_model(blank, words, pos, heads, deps, label):
    # the two-word name before the first verb and after the full stop, both tagged ORG
    verb, stop = pos.index("VERB"), words.index(".")
    spaces = [
        not (w == "-" or (i + 1 < len(words) and words[i + 1] == "-")) for i, w in enumerate(words)
    ]
    doc = Doc(blank.vocab, words=words, spaces=spaces, pos=pos, heads=heads, deps=deps)
    doc.ents = [Span(doc, verb - 2, verb, label="ORG"), Span(doc, stop + 1, stop + 3, label="ORG")]
    apply_rules(doc)
    name = " ".join(words[verb - 2 : verb])
    assert [e.label_ for e in doc.ents if e.text == name] == [label, label]


def test_honorific_finds_a_person_the_model_missed(blank):
    doc = make_doc(blank, ["Then", "Ms", "Leavitt", "spoke", "."], [])
    rows = mention_rows(doc)
    assert [(r["text"], r["label"]) for r in rows] == [("Leavitt", "PERSON")]


def test_mention_rows_contract_on_a_blank_doc(blank):
    words = ["Mark", "Rutte", "said", "NATO", "backs", "Kyiv", ".", "Mr", "Rutte",
             "left", "Nato", "'s", "summit", "."]  # fmt: skip
    ents = [(0, 2, "PERSON"), (3, 4, "ORG"), (5, 6, "PERSON"), (7, 9, "ORG"), (10, 11, "ORG")]
    doc = make_doc(blank, words, ents)
    rows = mention_rows(doc)
    assert all(set(r) == ROW_KEYS for r in rows)
    assert all(doc.text[r["start_char"] : r["end_char"]] == r["text"] for r in rows)
    assert [r["start_char"] for r in rows] == sorted(r["start_char"] for r in rows)
    got = [(r["text"], r["label"], r["entity_name"], r["entity_label"]) for r in rows]
    assert got == [
        ("Mark Rutte", "PERSON", "Mark Rutte", "PERSON"),
        ("NATO", "ORG", "NATO", "ORG"),
        ("Kyiv", "GPE", "Kyiv", "GPE"),
        ("Rutte", "PERSON", "Mark Rutte", "PERSON"),
        ("Nato", "ORG", "NATO", "ORG"),
    ]
    assert rows[0]["entity_id"] == rows[3]["entity_id"] == entity_id("Mark Rutte", "PERSON")
    assert rows[1]["entity_id"] == rows[4]["entity_id"]
    assert {r["sentence_index"] for r in rows} == {0}  # no sentence boundaries set


def test_mention_rows_never_raises_on_odd_input(blank):
    assert mention_rows(blank("")) == []
    assert mention_rows(blank("   \n\n ")) == []
    doc = blank("[ ] 's the \u2019s -- (( 1996-08-30 \x00 \ufffd")
    doc.ents = [Span(doc, 0, len(doc), label="PERSON")]
    assert mention_rows(doc) == []


def test_dateline_and_caps_headline(blank):
    doc = blank("SOCCER - LEBED WINS IN MOSCOW .\nLONDON 1996-08-30\nAlexander Lebed won .")
    lebed = [t.i for t in doc if t.text == "Alexander"][0]
    doc.ents = [Span(doc, lebed, lebed + 2, label="PERSON")]
    got = [(r["text"], r["label"], r["entity_name"]) for r in mention_rows(doc)]
    assert got == [
        ("LEBED", "PERSON", "Alexander Lebed"),
        ("MOSCOW", "GPE", "MOSCOW"),
        ("LONDON", "GPE", "LONDON"),
        ("Alexander Lebed", "PERSON", "Alexander Lebed"),
    ]


# ------------------------------------------------------------------ the seed

SEED_PERSONS = {
    "Donald Trump": {"Donald Trump", "Trump"},
    "Vladimir Putin": {"Vladimir Putin", "Putin"},
    "Volodymyr Zelenskiy": {"Volodymyr Zelenskiy", "Zelenskiy"},
    "Mark Rutte": {"Mark Rutte", "Rutte"},
    "Pete Hegseth": {"Pete Hegseth", "Hegseth"},
    "Karoline Leavitt": {"Karoline Leavitt", "Leavitt"},
}


@pytest.fixture(scope="module")
def seed_rows(seed_doc):
    return mention_rows(seed_doc)


def test_seed_rows_follow_the_contract(seed_rows, seed_text):
    assert seed_rows
    for r in seed_rows:
        assert set(r) == ROW_KEYS
        assert seed_text[r["start_char"] : r["end_char"]] == r["text"]
        assert r["label"] in ENTITY_LABELS and r["entity_label"] in ENTITY_LABELS
        assert r["entity_id"] == entity_id(r["entity_name"], r["entity_label"])
        assert not any(ch in r["text"] for ch in "[]()\u2019'")
        assert not r["text"].lower().startswith(("the ", "mr ", "ms "))
    assert [r["start_char"] for r in seed_rows] == sorted(r["start_char"] for r in seed_rows)
    assert [r["sentence_index"] for r in seed_rows] == sorted(
        r["sentence_index"] for r in seed_rows
    )


@pytest.mark.parametrize("name", sorted(SEED_PERSONS))
def test_seed_persons_are_one_entity_each(seed_rows, seed_text, name):
    surname = name.split()[-1]
    rows = [r for r in seed_rows if surname in r["text"]]
    assert {r["entity_name"] for r in rows} == {name}
    assert {r["entity_label"] for r in rows} == {"PERSON"}
    assert {r["label"] for r in rows} == {"PERSON"}
    assert {r["entity_id"] for r in rows} == {entity_id(name, "PERSON")}
    assert {r["text"] for r in rows} == SEED_PERSONS[name]
    # every written occurrence of the surname is attached
    assert len(rows) == seed_text.count(surname)


def test_seed_honorific_and_bracketed_mentions(seed_rows, seed_text):
    by_start = {r["start_char"]: r for r in seed_rows}
    for phrase in ("Mr Zelenskiy", "Mr Trump", "Mr Putin", "Mr Rutte", "Mr Hegseth",
                   "Ms Leavitt"):  # fmt: skip
        start = seed_text.index(phrase) + len(phrase.split()[0]) + 1
        assert by_start[start]["label"] == "PERSON", phrase
    bracketed = seed_text.index("[Vladimir] Putin") + len("[Vladimir] ")
    assert by_start[bracketed]["text"] == "Putin"
    assert by_start[bracketed]["entity_name"] == "Vladimir Putin"


def test_seed_places_and_organisations(seed_rows):
    kyiv = [r for r in seed_rows if r["text"] == "Kyiv"]
    assert len(kyiv) == 3 and {r["label"] for r in kyiv} == {"GPE"}
    assert not [r for r in seed_rows if "Putin" in r["text"] and r["label"] == "GPE"]
    nato = [r for r in seed_rows if r["text"].casefold() == "nato"]
    assert len(nato) == 4
    assert len({r["entity_id"] for r in nato}) == 1 and nato[0]["entity_label"] == "ORG"
    assert {r["label"] for r in seed_rows if r["text"] == "Ukraine"} == {"GPE"}


def test_seed_pipeline_component_is_registered(nlp, seed_doc):
    assert "newsdesk_entity_rules_v1" in nlp.pipe_names
    assert nlp.pipe_names.index("newsdesk_entity_rules_v1") > nlp.pipe_names.index("ner")
    ents = {(e.start_char, e.text, e.label_) for e in seed_doc.ents}
    assert not any("]" in text for _, text, _ in ents)
    assert any(text == "Kyiv" and label == "GPE" for _, text, label in ents)


def test_a_title_in_lower_case_finds_a_full_name_the_model_missed(nlp):
    # the model tags nothing in "Arsenal boss Mikel Arteta"
    doc = nlp("Arsenal boss Mikel Arteta insists his side can still win the title.")
    assert [(r["text"], r["label"]) for r in mention_rows(doc)] == [("Mikel Arteta", "PERSON")]


@pytest.mark.parametrize(
    ("words", "found"),
    [
        (["the", "coach", "Ivan", "Toney", "met", "."], [("Ivan Toney", "PERSON")]),
        # a place, a name's last word that is no surname, a longer capitalised run
        (["the", "coach", "Paris", "Toney", "met", "."], []),
        (["the", "coach", "Ivan", "Park", "met", "."], []),
        (["the", "coach", "Ivan", "Toney", "Smith", "met", "."], []),
    ],
)
def test_a_title_in_lower_case_before_two_names(blank, words, found):
    pos = ["PROPN" if w[:1].isupper() else "NOUN" for w in words]
    doc = Doc(blank.vocab, words=words, pos=pos)
    assert [(r["text"], r["label"]) for r in mention_rows(doc)] == found


def test_name_in_apposition_to_a_title_is_a_person(nlp):
    # the model tags "Nicola Sturgeon" ORG here; "leader, X" makes her a person
    doc = nlp(
        "The Scottish National Party's Holyrood leader, Nicola Sturgeon, welcomed the "
        "move but added that the public should be consulted."
    )
    labels = {r["text"]: r["label"] for r in mention_rows(doc)}
    assert labels["Nicola Sturgeon"] == "PERSON"
    assert labels["Scottish National Party"] == "ORG"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        # the model tags both ORG; a title in apposition after the name outweighs it
        (
            "Maryam Violet, an Iranian journalist visiting Nice on vacation, told the "
            "Guardian that she saw the truck.",
            {"Maryam Violet": "PERSON", "Iranian": "NORP", "Nice": "GPE", "Guardian": "ORG"},
        ),
        (
            "Anshuman Magazine, the chairman of CB Richard Ellis in India, said prices rose.",
            {"Anshuman Magazine": "PERSON", "CB Richard Ellis": "ORG", "India": "GPE"},
        ),
        # the title of the name after it, or in a relative clause, is not the name's
        (
            "Members of the Congressional Black Caucus, former governor L. Douglas Wilder "
            "and others said no.",
            {"Congressional Black Caucus": "ORG", "L. Douglas Wilder": "PERSON"},
        ),
        (
            "Officials want to thwart the conservative National Front, whose leader, "
            "Marine Le Pen, topped a poll.",
            {"National Front": "ORG", "Marine Le Pen": "PERSON"},
        ),
    ],
)
def test_a_title_in_apposition_after_a_full_name_makes_a_person(nlp, text, labels):
    assert {r["text"]: r["label"] for r in mention_rows(nlp(text))} == labels


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # the model tags every "Eriksson" ORG; "coach" before his full name outweighs it
        (
            'England coach Sven-Goran Eriksson has named his team. "Shaun Wright-Phillips '
            'will start," said Eriksson. Eriksson also revealed that Brown will play.',
            "Eriksson",
            "PERSON",
        ),
        # a trade is a title too
        (
            "Kenteris's lawyer Gregory Ioannidis said the charge was false. Ioannidis "
            'said: "We will appeal."',
            "Gregory Ioannidis",
            "PERSON",
        ),
        # an award's category is not its winner's title
        (
            "Bening did not win the best supporting actress Academy Award. The Academy "
            "Award went to Swank.",
            "Academy Award",
            "ORG",
        ),
        # a name headed by an organisation noun stays an organisation
        (
            "Vivendi adviser Deutsche Bank was also named in the complaint. Deutsche Bank "
            "denied wrongdoing.",
            "Deutsche Bank",
            "ORG",
        ),
    ],
)
def test_a_title_before_a_full_name_makes_a_person(nlp, text, name, label):
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels[name] == label


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the model calls these a place or an organisation; a common given name before
        # the surname outvotes it
        (
            "Burundi military ruler Pierre Buyoya said on Monday that talks would go "
            "ahead. Buyoya took power in July.",
            "Pierre Buyoya",
        ),
        ("Carly Fiorina attacked the Clinton campaign in Iowa.", "Carly Fiorina"),
        ("Cristiano Citto of Italy won the stage. Citto finished ahead.", "Cristiano Citto"),
    ],
)
def test_a_given_name_and_a_surname_make_a_person(nlp, text, name):
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels[name] == "PERSON"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("Donald", "Trump"), True),
        (("Donald", "J.", "Trump"), True),
        (("Carly", "Fiorina"), True),
        # a place, an event, a show, a foundation named after someone
        (("Beverly", "Hills"), False),
        (("Stanley", "Park"), False),
        (("Adam", "Smith", "Lecture"), False),
        (("Steve", "Harvey", "Show"), False),
        (("Eric", "Trump", "Foundation"), False),
        (("Jane", "The", "Virgin"), False),
        # no common given name
        (("Deutsche", "Bank"), False),
    ],
)
def testgiven_name_and_surname_form(words, expected):
    assert given_name_and_surname(words) is expected


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        # the model calls these companies a person or a place; what the article says
        # of them makes them organisations
        ("Swiss cement firm Holcim has bid $800m for two Indian cement firms.", "Holcim", "ORG"),
        ("Rosneft is merging with Gazprom, the world's biggest gas company.", "Gazprom", "ORG"),
        ("Yukos' shareholders voted against the sale.", "Yukos", "ORG"),
        ("Russian oil giant Yukos asked for protection.", "Yukos", "ORG"),
        # the name describes the noun, or the noun describes people too
        ("Shares in U.S. firm Cofinec fell.", "U.S.", "GPE"),
        ("Film-maker Spike Lee says black representation is stronger.", "Spike Lee", "PERSON"),
        ("Screenwriter and producer Debra Hill has died.", "Debra Hill", "PERSON"),
        ("Jazz giant Miles Davis recorded the album in 1959.", "Miles Davis", "PERSON"),
    ],
)
def test_described_as_an_organisation(nlp, text, name, label):
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels[name] == label


@pytest.mark.parametrize(
    ("words", "heads", "deps", "name", "label"),
    [
        # the article goes with the name: a party, not a person
        (["the", "Lib", "Dems", "were", "second"], [2, 2, 3, 3, 3],
         ["det", "compound", "nsubj", "ROOT", "attr"], "Lib Dems", "ORG"),
        # the article goes with the noun the name describes
        (["the", "Blair", "government", "fell"], [2, 2, 3, 3],
         ["det", "compound", "nsubj", "ROOT"], "Blair", "PERSON"),
        # a person taken as a type
        (["the", "Eminem", "of", "Argentina", "sang"], [1, 4, 1, 2, 4],
         ["det", "nsubj", "prep", "pobj", "ROOT"], "Eminem", "PERSON"),
        # a title, and a demonym
        (["the", "Queen", "spoke"], [1, 2, 2], ["det", "nsubj", "ROOT"], "Queen", "PERSON"),
        (["the", "Welshman", "scored"], [1, 2, 2], ["det", "nsubj", "ROOT"], "Welshman", "PERSON"),
        # one person of several
        (["the", "Clinton", "who", "shines", "won"], [1, 4, 3, 1, 4],
         ["det", "nsubj", "nsubj", "relcl", "ROOT"], "Clinton", "PERSON"),
        # a family of a person the article names
        (["Bill", "Clinton", "spoke", ".", "the", "Clintons", "left"], [1, 2, 2, 2, 5, 6, 6],
         ["compound", "nsubj", "ROOT", "punct", "det", "nsubj", "ROOT"], "Clintons", "PERSON"),
    ],
)  # fmt: skip
def test_a_name_written_with_the_is_no_person(blank, words, heads, deps, name, label):
    doc = Doc(blank.vocab, words=words, heads=heads, deps=deps)
    first = words.index(name.split()[0])
    ents = [Span(doc, first, first + len(name.split()), label="PERSON")]
    if "Bill" in words:
        ents.insert(0, Span(doc, 0, 2, label="PERSON"))
    doc.ents = ents
    apply_rules(doc)
    assert [e.label_ for e in doc.ents if e.text == name] == [label]


@pytest.mark.parametrize(
    ("words", "pos", "other", "label"),
    [
        # the article goes with the noun: "the Clinton and Obama eras"
        (["the", "Clinton", "and", "Obama", "eras", "ended"], "NOUN", None, "PERSON"),
        # the article goes with a longer name: "the Bill and Melinda Gates Foundation"
        (["the", "Bill", "and", "Gates", "Foundation", "paid"], "PROPN", "ORG", "PERSON"),
        # names in a row: "the Beatles and Nick Drake"
        (["the", "Beatles", "and", "Nick", "Drake", "sang"], "PROPN", "PERSON", "ORG"),
    ],
)
def test_the_article_before_coordinated_names(blank, words, pos, other, label):
    tags = ["DET", "PROPN", "CCONJ", "PROPN", pos, "VERB"]
    deps = ["det", "nsubj", "cc", "compound", "conj", "ROOT"]
    doc = Doc(blank.vocab, words=words, pos=tags, heads=[1, 5, 1, 4, 1, 5], deps=deps)
    ents = [Span(doc, 1, 2, label="PERSON")]
    doc.ents = ents + ([Span(doc, 3, 5, label=other)] if other else [])
    apply_rules(doc)
    assert [e.label_ for e in doc.ents if e.text == words[1]] == [label]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The Lib Dems were second in the seat, the party said.", "Lib Dems", "ORG"),
        ("Lost In Translation went on to win the Oscar for best original screenplay.",
         "Oscar", "ORG"),
        ("Bill Clinton spoke. The Clintons left for Arkansas on Monday.", "Clintons", "PERSON"),
        ("He's considered the Eminem of Argentina, the Latin American hip-hop star.",
         "Eminem", "PERSON"),
        ("Other films included the Stephen King adaptation The Dead Zone in 1983.",
         "Stephen King", "PERSON"),
    ],
)  # fmt: skip
def test_a_name_written_with_the_on_the_real_model(nlp, text, name, label):
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels[name] == label


def _hyphenated_doc(blank, words, ents):
    """A Doc where "-" joins its neighbours without spaces, as the tokenizer splits
    "Kilroy-Silk"."""
    spaces = [
        w != "-" and (i + 1 == len(words) or words[i + 1] not in ("-", "."))
        for i, w in enumerate(words)
    ]
    doc = Doc(blank.vocab, words=words, spaces=spaces)
    doc.ents = [Span(doc, s, e, label="PERSON") for s, e in ents]
    return apply_rules(doc)


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # the honorific takes the whole hyphenated surname
        (["Mr", "Kilroy", "-", "Silk", "spoke", "."], [], ["Kilroy-Silk"]),
        # the model cut the surname at its hyphen
        (["Quincy", "Owusu", "-", "Abeyie", "scored", "."], [(0, 2)], ["Quincy Owusu-Abeyie"]),
        # two people joined by a hyphen stay two ("Cheney" is Dick Cheney's short form)
        (["Dick", "Cheney", "backed", "the", "Bush", "-", "Cheney", "ticket", "."],
         [(0, 2), (4, 5)], ["Dick Cheney", "Bush", "Cheney"]),
        # the last word of "Robert Kilroy-Silk" is "Kilroy-Silk", not "Silk"
        (["Robert", "Kilroy", "-", "Silk", "spoke", ".", "Silk", "ties", "sold", "."],
         [(0, 4)], ["Robert Kilroy-Silk"]),
    ],
)  # fmt: skip
def test_a_hyphenated_surname_is_one_word(blank, words, ents, expected):
    doc = _hyphenated_doc(blank, words, ents)
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == expected


def test_a_hyphenated_pair_describing_a_noun_is_not_completed(blank):
    # "the Reagan-Schweiker alliance": "Schweiker" hangs on the noun, not on "Reagan"
    words = ["the", "Reagan", "-", "Schweiker", "alliance", "held"]
    spaces = [True, False, False, True, True, False]
    deps = ["det", "amod", "punct", "compound", "nsubj", "ROOT"]
    doc = Doc(blank.vocab, words=words, spaces=spaces, heads=[4, 3, 3, 4, 5, 5], deps=deps)
    doc.ents = [Span(doc, 1, 2, label="PERSON")]
    assert [e.text for e in apply_rules(doc).ents] == ["Reagan"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bolton boss Sam Allardyce has signed Vincent Candela. Bolton had been keen on him.",
         "Bolton"),
        ("Senior Labour backbencher Martin O'Neill said it could not be brushed aside.", "Labour"),
        ("Manchester United winger Cristiano Ronaldo said he is close to a new contract.",
         "Manchester United"),
    ],
)  # fmt: skip
def test_the_employer_before_a_title_and_a_name_is_an_organisation(nlp, text, name):
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels[name] == "ORG"


@pytest.mark.parametrize(("title", "label"), [("manager", "ORG"), ("spokesman", "PERSON")])
def test_a_spokesman_may_speak_for_a_person(blank, title, label):
    # "Everton manager David Moyes": a club; "Clinton spokesman Brian Fallon": a person's
    words = ["Everton", title, "David", "Moyes", "spoke"]
    pos = ["PROPN", "NOUN", "PROPN", "PROPN", "VERB"]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT"]
    doc = Doc(blank.vocab, words=words, pos=pos, heads=[1, 3, 3, 4, 4], deps=deps)
    doc.ents = [Span(doc, 0, 1, label="PERSON"), Span(doc, 2, 4, label="PERSON")]
    apply_rules(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Everton", label), ("David Moyes", "PERSON")]


@pytest.mark.parametrize(
    ("words", "tags", "heads", "deps", "label"),
    [
        # a club takes a plural verb in British English; a person does not
        (["Norwich", "have", "signed", "Stuart"], ["NNP", "VBP", "VBN", "NNP"],
         [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"], "ORG"),
        (["Norwich", "has", "signed", "Stuart"], ["NNP", "VBZ", "VBN", "NNP"],
         [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"], "PERSON"),
        # two people share the verb; "were" may be a subjunctive
        (["Norwich", "and", "Stuart", "are", "tied"], ["NNP", "CC", "NNP", "VBP", "VBN"],
         [3, 0, 0, 3, 3], ["nsubj", "cc", "conj", "ROOT", "acomp"], "PERSON"),
        (["if", "Norwich", "were", "elected"], ["IN", "NNP", "VBD", "VBN"],
         [3, 3, 3, 3], ["mark", "nsubjpass", "auxpass", "ROOT"], "PERSON"),
        # the last of several names the parse did not join, and a question
        (["Knight", "and", "Norwich", "have", "released"], ["NNP", "CC", "NNP", "VBP", "VBN"],
         [4, 0, 4, 4, 4], ["nsubj", "cc", "nsubj", "aux", "ROOT"], "PERSON"),
        (["would", "Norwich", "have", "gone"], ["MD", "NNP", "VBP", "VBN"],
         [3, 3, 3, 3], ["aux", "nsubj", "aux", "ROOT"], "PERSON"),
    ],
)  # fmt: skip
def test_the_lone_subject_of_a_plural_verb_is_no_person(blank, words, tags, heads, deps, label):
    doc = Doc(blank.vocab, words=words, tags=tags, heads=heads, deps=deps)
    i = words.index("Norwich")
    doc.ents = [Span(doc, i, i + 1, label="PERSON")]
    apply_rules(doc)
    assert [e.label_ for e in doc.ents if e.text == "Norwich"] == [label]


@pytest.mark.parametrize(
    ("words", "pos", "lemmas", "heads", "deps", "label"),
    [
        # what goes out on it, and what it holds for its users: a platform
        (["Trump", "took", "to", "Twitter"], ["PROPN", "VERB", "ADP", "PROPN"],
         ["Trump", "take", "to", "Twitter"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         "ORG"),
        (["She", "posted", "on", "Twitter"], ["PRON", "VERB", "ADP", "PROPN"],
         ["she", "post", "on", "Twitter"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         "ORG"),
        (["a", "video", "on", "Twitter"], ["DET", "NOUN", "ADP", "PROPN"],
         ["a", "video", "on", "Twitter"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"], "ORG"),
        (["his", "Twitter", "account"], ["PRON", "PROPN", "NOUN"],
         ["his", "Twitter", "account"], [2, 2, 2], ["poss", "compound", "ROOT"], "ORG"),
        # a person is attacked, written to or supported
        (["an", "attack", "on", "Twitter"], ["DET", "NOUN", "ADP", "PROPN"],
         ["an", "attack", "on", "Twitter"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
         "PERSON"),
        (["She", "wrote", "to", "Twitter"], ["PRON", "VERB", "ADP", "PROPN"],
         ["she", "write", "to", "Twitter"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
         "PERSON"),
        (["his", "Twitter", "supporters"], ["PRON", "PROPN", "NOUN"],
         ["his", "Twitter", "supporter"], [2, 2, 2], ["poss", "compound", "ROOT"], "PERSON"),
    ],
)  # fmt: skip
def test_a_one_word_name_a_message_goes_out_on_is_a_platform(
    blank, words, pos, lemmas, heads, deps, label
):
    doc = Doc(blank.vocab, words=words, pos=pos, lemmas=lemmas, heads=heads, deps=deps)
    i = words.index("Twitter")
    doc.ents = [Span(doc, i, i + 1, label="PERSON")]
    apply_rules(doc)
    assert [e.label_ for e in doc.ents if e.text == "Twitter"] == [label]


def test_a_platform_on_the_real_model(nlp):
    text = (
        "Anthony Weiner resigned after he posted a photo of himself on Twitter. "
        "Donald Trump took to Twitter on Sunday."
    )
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels == {"Anthony Weiner": "PERSON", "Twitter": "ORG", "Donald Trump": "PERSON"}


def test_a_club_signs_in_the_plural_on_the_real_model(nlp):
    text = "Norwich have signed Charlton midfielder Graham Stuart until the end of the season."
    labels = {m["text"]: m["entity_label"] for m in mention_rows(nlp(text))}
    assert labels == {"Norwich": "ORG", "Charlton": "ORG", "Graham Stuart": "PERSON"}
