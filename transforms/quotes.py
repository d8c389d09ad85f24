"""Quotes of one Doc as rows (one pure function).

``quote_rows(doc, mentions)`` finds who said what in a processed article:

1. passages in quotation marks (``transforms.quote_rules.find_passages``: straight and
   typographic, single and double, guillemets; unbalanced marks close at the end of
   their paragraph; a paragraph that re-opens the quotation continues it);
2. for each passage, the speech cue near it (a verb by lemma: "said", "told", ...;
   or "according to") in the same sentence, and the speaker as the subject of that
   cue in the dependency parse; a passage embedded in reported speech ("told them
   that they must now "lead from the front"") becomes a ``mixed`` quote whose content
   is the reported clause; a paragraph of quotation with no cue inherits the speaker
   of the quote before it;
3. indirect speech: the clausal complement of a speech (or belief) verb (every
   such clause with its own subject when a bad parse hangs two on one verb; "a
   video saying that ..." speaks for the noun), "according to X" (over the whole
   clause even when a stance row sits inside it), nominal forms ("comments from X
   that ..."), a sentence around a parenthetical attribution ("The talks, he said,
   will resume"; "..., he said.") and,
   in the wide sense of PolNeAR/PARC, stances without a speech verb ("X endorsed Y",
   "X wants to ...", "X called for ...", "X accused him of lying":
   ``quote_rules.ATTRIBUTION_FRAMES``), the latter with
   a low ``confidence`` (< 0.5) so a query for statements can leave them out;
4. each speaker, kept as written ("he", "the secretary general"), is resolved to an
   entity through ``mentions``: the overlapping mention, else for pronouns the person
   in focus, for role nouns the person holding that title in the article;
5. one statement, one row: a row's marks pair up (it takes in the marks of a passage
   it starts or stops inside), reported speech holding a passage is ``mixed`` and
   nothing but a passage is ``direct``; rows of the same cue and speaker mention that
   nest or overlap are one row.

Two apostrophes as a quotation mark (''like this''): some wire copy (the New York
Times articles of PolNeAR) is rendered PTB-style, where '' stands for a typographic
close (and open) quote of the original article. It is a real quotation mark, so those
passages are typed ``direct``/``mixed`` like any other. PolNeAR's heuristic
``quote_type`` does not count '' as a mark and types them ``indirect``, so on that
corpus they cost precision in the direct+mixed score; we keep what is true of the text.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import logging
import re
from collections import Counter
from typing import TYPE_CHECKING, Any, NamedTuple

from transforms.entity_rules import HONORIFIC_GENDER, ORG_SUFFIXES, PERSON_TITLES
from transforms.quote_rules import (
    ALL_MARKS,
    ANONYMITY_LEMMAS,
    ASSOCIATE_NOUNS,
    ATTRIBUTION_FRAMES,
    BELIEF_LEMMAS,
    FIRST_NAME_GENDER,
    HEARER_VERBS,
    NOUN_FRAMES,
    ORGANISATION_NOUNS,
    PERSON_NOUNS,
    PHRASAL_SPEECH,
    PRONOUNS,
    PRONOUNS_DIALOGUE,
    PRONOUNS_PERSON,
    RELATION_GENDER,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    SUBJECTLESS_FRAMES,
    Passage,
    find_passages,
    strip_blank,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

ROW_KEYS: tuple[str, ...] = (
    "text",
    "start_char",
    "end_char",
    "quote_type",
    "speaker",
    "speaker_start",
    "speaker_end",
    "speaker_entity_id",
    "speaker_name",
    "cue",
    "confidence",
)
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
NOUN_SUBJ_DEPS = ("nsubj", "nsubjpass")
TERMINATORS = {".", "!", "?"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
DASHES = {"-", "--", "\u2013", "\u2014", "\u2015"}
# markup or a list dash glued to a speaker's first word; not an apostrophe ("'s"), a
# handle or a hashtag
GLUED_PREFIX = re.compile(r"(?![\'\u2019@#])[^\w\s]+(?=\w)")
# hearer verbs never put before their speaker ("said Mr. Smith", "asked Mr. Manafort",
# but "told Fox News" is the hearer)
UNINVERTED_HEARER_VERBS = frozenset({"tell", "inform", "notify", "remind", "assure", "reassure"})
NP_LEFT_SKIP = {"punct", "cc", "preconj", "advmod", "mark"}
PERSON_LABELS = {"PERSON", "PER"}
GROUP_LABELS = {"ORG", "GPE", "NORP", "LOC", "FAC"}


# Who speaks for an organisation or a country: "a spokesman for Dell".
SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})

# Nouns a "he" or "she" may stand for.
PERSON_WORDS = PERSON_TITLES | ASSOCIATE_NOUNS | PERSON_NOUNS | frozenset(RELATION_GENDER)

# Nouns that say a person's gender.
NOUN_GENDER = RELATION_GENDER | {"man": "m", "boy": "m", "woman": "f", "girl": "f"}

# A person's or organisation's own people: "the band's spokesman" is not the band.
ONES_OWN_NOUNS = ASSOCIATE_NOUNS | SPOKESPERSON_NOUNS | frozenset(RELATION_GENDER)

# What an organisation speaks through: "a BAA spokesman", "Ericsson's research".
VOICE_NOUNS = (
    SPEECH_NOUNS
    | SPOKESPERSON_NOUNS
    | {
        "report",
        "research",
        "study",
        "survey",
        "analysis",
        "board",
        "management",
        "website",
    }
)

# Verbs of a question or news put to someone: "X, asked about Y, said".
PUT_TO_LEMMAS = frozenset({"ask", "question", "press", "quiz", "tell", "inform"})

# Verbs of taking a side, whose participle states the stance of the noun it modifies
# ("pastors supporting Mr. Cruz", "a group opposing the war").
SIDING_LEMMAS = frozenset({"support", "back", "oppose", "endorse", "favor", "favour"})

# Nouns that head the names of organisations and stand for them alone: "the
# commission" for the Electoral Commission ("the government", "the stock" do not).
INSTITUTION_NOUNS = ORGANISATION_NOUNS | {
    "commission",
    "committee",
    "ministry",
    "council",
    "court",
    "department",
    "party",
    "association",
    "institute",
    "federation",
    "bureau",
    "authority",
    "alliance",
    "foundation",
    "university",
    "tribunal",
}

# Nouns that describe the same kind of organisation: "the company" of an article that
# calls Cairn Energy "a UK oil firm" is Cairn Energy.
BUSINESS_NOUNS = frozenset({"company", "firm"})
# A newspaper is the one the article names as one ("the Mirror newspaper"), never the
# organisation the sentence before is about: that is the story it reports.
NEWSPAPER_NOUNS = frozenset({"newspaper", "paper"})

# What a sentence opened by "in" can report: "In a CBS News poll, ...".
FINDING_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "census", "estimate"})
# A description that speaks for the organisation it resolves to ("the company", "the
# NIESR report").
DESCRIBED_VOICE_NOUNS = INSTITUTION_NOUNS | FINDING_NOUNS
# Whose words or view a sentence opened by "in" gives: "In Forbes' words, ...".
VOICE_OF_OWNER_NOUNS = frozenset({"word", "view", "opinion", "estimation", "eye"})

# ----------------------------------------------------------------- token helpers


def _np_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``head``: its left modifiers and
    the head itself (appositions, relative clauses and prepositions left out)."""
    start_tok = head
    for child in head.lefts:
        if child.dep_ in NP_LEFT_SKIP:
            continue
        left = child.left_edge
        if left.i < start_tok.i:
            start_tok = left
        break
    before = head.doc[start_tok.i - 1] if start_tok.i > 0 else None
    if _age_word(head) and before is not None and before.lower_ in ("the", "a", "an"):
        start_tok = before  # "the 34-year-old" with "the" hung on the verb
    end_tok = head
    for child in head.rights:
        if child.dep_ in {"compound", "flat", "nummod"} and child.i == end_tok.i + 1:
            end_tok = child
        else:
            break
    doc = head.doc
    if head.ent_iob_ != "O":
        end_tok = _name_run_on(end_tok)
    while (
        end_tok.i + 2 < len(doc)
        and doc[end_tok.i + 1].text == "-"
        and not end_tok.whitespace_
        and not doc[end_tok.i + 1].whitespace_
        and doc[end_tok.i + 2].is_alpha
    ):
        end_tok = doc[end_tok.i + 2]  # a hyphenated word the tokenizer split ("co-chairman")
    if head.pos_ == "NOUN" or head.lower_ in PERSON_TITLES:
        # "US secretary for defence Pete Hegseth", "Senate Minority Leader Chuck
        # Schumer": a title and the name it goes with, no comma between, are one mention
        name = next((c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is None:
            name = _name_after_field(head)
        if name is not None and not any(t.is_punct for t in doc[head.i : name.i]):
            end_tok = name
    # do not start on punctuation or a quotation mark, nor before a dash or a line
    # break (a title run on into the text)
    i = start_tok.i
    for k in range(head.i - 1, start_tok.i - 1, -1):
        if "\n" in doc[k].text_with_ws or (
            doc[k].text in DASHES and (doc[k].whitespace_ or (k > 0 and doc[k - 1].whitespace_))
        ):
            i = k + 1
            break
    while i < head.i and (doc[i].is_punct or doc[i].is_space):
        i += 1
    marks = sum(t.is_quote for t in doc[i : end_tok.i + 1])
    if marks % 2 and end_tok.i + 1 < len(doc) and doc[end_tok.i + 1].is_quote:
        end_tok = doc[end_tok.i + 1]  # 'the "new terrorism"': the mark the name opened
    # markup or a list dash glued to the first word ('">Sanders', "-Nate Cohn")
    glued = GLUED_PREFIX.match(doc[i].text)
    start = doc[i].idx + (glued.end() if glued else 0)
    return start, end_tok.idx + len(end_tok.text)


# a wire dateline opening a paragraph: "LONDON (Reuters) - ", "WASHINGTON (AP) \u2014 ",
# "NEW YORK, March 3 (Reuters) - ", "KYIV, Ukraine \u2014 "; a bare capitalised word
# and a hyphen ("US - Britain talks") needs the source or a long dash
WIRE_DATELINE_RE = re.compile(
    r"""
    [A-Z][A-Z.'-]*(?:[ \t]+[A-Z][A-Z.'-]*){0,3}         # LONDON, NEW YORK
    (?:
        (?:,[ \t]+[A-Z][\w.]*(?:[ \t]+\d{1,2})?)?         # , Ukraine | , March 3
        [ \t]+\([A-Za-z .&-]+\)[ \t]*(?:--?|\u2013|\u2014)  # (Reuters) -
      | ,[ \t]+[A-Z][\w.]*(?:[ \t]+\d{1,2})?[ \t]*(?:--?|\u2013|\u2014)
      | [ \t]*(?:--|\u2014)                                # WASHINGTON \u2014
    )
    [ \t]+
    """,
    re.VERBOSE,
)

# a person described by age: "the 54-year-old", "The 28-year-old world number one"
AGE_DESCRIPTION_RE = re.compile(r"the\s+\d{1,3}-year-old\b", re.IGNORECASE)

# after a quotation, whose words they were: "- those were the words of the coach",
# ". That was the verdict of the judge"
WORDS_OF_RE = re.compile(
    r"[\s,.;:\u2014\u2013-]*(?:those|these|that|this|such|so)\s+(?:were|was|is|are)\s+"
    r"(the\s+(?:words|verdict|view|message|warning|assessment|reaction|response|judge?ment"
    r"|advice|opinion|plea|promise)\s+of)\s+",
    re.IGNORECASE,
)

# lower-case words inside a name ("Institute for Fiscal Studies", "Alliance to Reclaim
# Our Schools", "Committee for a Responsible Federal Budget")
NAME_LINK_WORDS = frozenset({"of", "for", "on", "to", "in", "and", "the", "a"})


def _name_run_on(end: Token) -> Token:
    """The last token of the named entity that ``end`` ends the head of, when the name
    runs on through a preposition ("the Institute [for Fiscal Studies]"); ``end`` when
    the entity runs on otherwise (a headline's "Obama Seeks")."""
    doc = end.doc
    k = end.i + 1
    while k < len(doc) and doc[k].ent_iob_ == "I":
        k += 1
    words = doc[end.i + 1 : k]
    if (
        not words
        or words[0].lower_ not in NAME_LINK_WORDS - {"the", "a"}
        or not words[-1].text[:1].isupper()
        or not all(t.text[:1].isupper() or t.lower_ in NAME_LINK_WORDS for t in words)
    ):
        return end
    return words[-1]


def _age_word(tok: Token) -> bool:
    """The "old" of "the 34-year-old", which the tagger may take for an adjective."""
    doc = tok.doc
    return (
        tok.lower_ == "old"
        and tok.i >= 2
        and doc[tok.i - 1].text == "-"
        and doc[tok.i - 2].lower_ in ("year", "month")
    )


def _name_after_field(title: Token) -> Token | None:
    """ "director of rugby Nigel Melville", "minister for civil aviation Praful Patel":
    the parse hangs the name on the title's field; the name's last token. Not "the
    wife of John Smith" (no title), nor "a spokesman for Mr Blair" (no field)."""
    if title.lemma_.lower() not in PERSON_TITLES:
        return None
    for prep in title.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        for name in prep.children:
            if name.dep_ != "pobj" or name.ent_type_ != "PERSON":
                continue
            first = name
            while first.i > 0 and first.ent_iob_ == "I":
                first = first.nbor(-1)
            field = name.doc[prep.i + 1 : first.i]
            if any(
                t.pos_ != "DET"
                and t.lower_.rstrip(".") not in HONORIFICS
                and t.lower_ not in PERSON_TITLES
                for t in field
            ):
                return name
    return None


def _subject(verb: Token, depth: int = 0) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # "co-chairman" split at its hyphen can give the verb a "-" subject
    subjects = [c for c in subjects if not c.is_punct] or subjects
    if len(subjects) > 1:
        # two subjects in a bad parse ("In Berea, OH, ..., Gov. Kasich said"): the one
        # nearest before the verb
        near = [c for c in subjects if c.i < verb.i]
        subjects = [near[-1]] if near else subjects
    for child in subjects:
        if (opener := _after_dateline(child)) is not None:
            return opener
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            if child.dep_ == "nsubjpass":
                return None  # "was told": the subject is the hearer
            # "X, who said ...": the relative pronoun is the speaker as written (it is
            # resolved through its antecedent)
            return child
    if depth == 0 and not subjects and any(c.dep_ == "auxpass" for c in verb.children):
        # "Farrell had an operation and is expected to be out": a passive cue shares
        # its subject with the verb before it, and that subject is what is expected of
        return None
    if depth < 3 and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "relcl":
            # "X defended ... an architect who said ..., saying "..."": the parser hangs
            # a trailing participle on the relative clause; it belongs to the main one
            head = verb.sent.root
        return _subject(head, depth + 1)
    if verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    if _main_verb_as_participle(verb):
        return verb.head
    return _person_before(verb)


def _main_verb_as_participle(verb: Token) -> bool:
    """ "The senator, who is running again, posted on X: ...": after a relative clause
    or an apposition the parser can take the main verb for a participle of its
    subject, which it makes the root of a sentence with no finite verb (a participle
    right after its noun is one: "links, called trackers")."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and verb.tag_ in ("VBN", "VBD")  # not "..., she said, blaming it on X"
        and head.dep_ == "ROOT"
        and head.pos_ in ("NOUN", "PROPN")
        and verb.doc[verb.i - 1].text == ","
        and any(c.dep_ in ("relcl", "appos") and head.i < c.i < verb.i for c in head.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _after_dateline(subject: Token) -> Token | None:
    """ "RANGOON, Burma - Aung San Suu Kyi's allies predicted ...": the parser makes the
    dateline's place the subject and the real one its apposition after the dash."""
    doc = subject.doc
    opens_line = subject.i == 0 or "\n" in doc[subject.i - 1].text_with_ws
    if not (opens_line and subject.text.isupper() and subject.is_alpha):
        return None
    return next(
        (
            c
            for c in subject.rights
            if c.dep_ == "appos" and any(t.text in DASHES for t in doc[subject.i : c.i])
        ),
        None,
    )


def _person_before(verb: Token) -> Token | None:
    """'... of the Washington Post Trump said': a person's name just before a finite
    verb the parser left without a subject (it ran the name into the phrase before)."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    j = verb.i - 1
    doc = verb.doc
    while j > 0 and doc[j].head.i == verb.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    name = doc[j] if j >= 0 else None
    if name is None or name.ent_type_ != "PERSON" or name.i == verb.i:
        return None
    if name.i + 1 < len(doc) and doc[name.i + 1].ent_iob_ == "I":
        return None  # not the end of the name
    return name


def _antecedent(tok: Token) -> Token | None:
    """For a relative pronoun subject ("who" in "Rutte, who said ..."), the noun it
    stands for."""
    if tok.lower_ not in RELATIVE_PRONOUNS:
        return None
    verb = tok.head
    if verb.i == tok.i or verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    return verb.head


def _in_clause_of_another_subject(tok: Token, verb: Token) -> bool:
    """``tok`` lies in a clause below ``verb`` whose subject is a noun, not a pronoun,
    and not in that subject: "[Richards says] the 30-year-old must draw on her past"
    (her is the 30-year-old), but "[Radcliffe said] her training went well"."""
    t = tok
    while t.i != verb.i and t.head.i != t.i:
        t = t.head
        if t.i != verb.i and any(
            c.dep_ in ("nsubj", "nsubjpass")
            and c.pos_ != "PRON"
            and not c.left_edge.i <= tok.i <= c.right_edge.i
            for c in t.children
        ):
            return True
    return False


def _nationality_of_one(head: Token, mention: dict) -> bool:
    """ "the American", "The Russian", "the Irishman": one person named by nationality
    (a NORP mention heading a singular noun phrase), not "the Kiwis", "the Tories" or
    the people of a country ("The French", "the British", "the Chinese")."""
    label = _label(mention)
    return (
        label == "NORP"
        and head.tag_ in ("NN", "NNP")
        and not re.search(r"(?:s|ch|sh|ese)$", head.lower_)
        and mention["start_char"] <= head.idx < mention["end_char"]
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    )


def _dummy_it(tok: Token) -> bool:
    """An "it" that stands for no one: "it seems that", "it is important to",
    "it is up to governments to decide"."""
    verb = tok.head
    return tok.lower_ == "it" and (
        tok.dep_ == "expl"
        or verb.lemma_ in ("seem", "appear")
        or (
            verb.lemma_ == "be"
            and any(c.dep_ in ("xcomp", "ccomp", "csubj") for c in verb.children)
        )
    )


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 200:
        tok, n = tok.head, n + 1
    return n


def _according_to(tok: Token) -> Token | None:
    """For the token "according" of "according to X", the head of X."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            for gc in child.children:
                if gc.dep_ == "pobj":
                    return gc
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for gc in nxt.children:
            if gc.dep_ == "pobj":
                return gc
    return None


HONORIFICS = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "prof",
    "gov",
    "sen",
    "rep",
    "gen",
}

PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


# What may follow a stance verb's object as part of the same complement.
COMPLEMENT_DEPS = {"prep", "advcl", "xcomp", "oprd", "ccomp", "dative", "npadvmod"}


def _complement_end(verb: Token, content: Token) -> Token:
    """The last token of a verb's complements from ``content`` on: "accused him [of
    sexism]", "described himself [as a Catholic]"."""
    end = content.right_edge
    for c in verb.rights:
        if c.i <= content.i:
            continue
        if c.dep_ not in COMPLEMENT_DEPS:
            break
        end = c.right_edge
    return end


def _content_start(cue: Token, child: Token) -> Token:
    """Where the content of ``cue``'s complement ``child`` starts: with the object in
    front of it when the complement says something of that object ("called [Trump's
    supporters] "deplorables"", "criticized [the law] as a "crazy system"")."""
    if child.i > cue.i and child.dep_ in ("oprd", "xcomp", "prep", "ccomp", "acomp", "attr"):
        if cue.lemma_.lower() in HEARER_VERBS:
            # a hearer's verb has the hearer for object ("told [reporters] ..."), unless
            # the parser took the object from the clause
            return _taken_subject(cue, child) or child.left_edge
        obj = _object_before(cue, child)
        if obj is not None:
            return obj.left_edge
    return child.left_edge


def _taken_subject(verb: Token, clause: Token) -> Token | None:
    """The first token of the subject that the parser took from ``verb``'s reported
    ``clause`` for the verb's object ("promised [the powers] would only be used": the
    powers are what would be used). After a hearer's verb the hearer may lead that
    phrase: "told [the BBC] Liverpool were unlikely to win" starts at "Liverpool"."""
    first = clause.left_edge
    if (
        clause.dep_ not in ("ccomp", "xcomp")
        or clause.pos_ not in ("VERB", "AUX")
        or first.dep_ == "mark"
        or first.is_punct  # a quotation: the object is its hearer
        or any(c.dep_ in SUBJ_DEPS for c in clause.children)
    ):
        return None
    obj = _object_before(verb, clause)
    if obj is None or obj.pos_ == "PRON" or obj.right_edge.i != first.i - 1:
        return None
    if clause.dep_ == "ccomp" and verb.lemma_.lower() in HEARER_VERBS:
        return _after_hearer_name(obj)
    return obj.left_edge


def _after_hearer_name(obj: Token) -> Token:
    """The first token of ``obj`` after a leading name of a person or organisation
    ("[the BBC] Liverpool"), or its first token when it does not open with one
    ("Asian states", "the British and Irish Lions", "the BBC's programme")."""
    doc = obj.doc
    for i in range(obj.left_edge.i + 1, obj.i + 1):
        prev, tok = doc[i - 1], doc[i]
        if tok.ent_iob_ == "I" or prev.ent_type_ not in ("ORG", "PERSON"):
            continue
        if tok.pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM") and all(
            t.ent_type_ in ("ORG", "PERSON") or t.dep_ == "det" for t in doc[obj.left_edge.i : i]
        ):
            return tok
        break
    return obj.left_edge


def _cut_clause_end(verb: Token, clause: Token) -> Token:
    """The last token of ``clause`` with the clause the parser cut from its subject and
    hung on ``verb`` right after it ('said Trump has "respect" for the military and
    his comment [was instead ...]')."""
    end = clause.right_edge
    for c in verb.rights:
        if (
            c.dep_ == "ccomp"
            and c.left_edge.i == end.i + 1
            and not any(k.dep_ in SUBJ_DEPS for k in c.children)
        ):
            end = c.right_edge
    return end


def _object_before(verb: Token, complement: Token) -> Token | None:
    """The direct object standing between ``verb`` and its ``complement``."""
    return next(
        (c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < complement.i), None
    )


def _opened_by_that(clause: Token) -> bool:
    """``clause`` opens with the marker "that" ("that the firm would cut jobs")."""
    first = clause.left_edge
    return first.dep_ == "mark" and first.lower_ == "that"


def _that_clause_on_phrase(verb: Token) -> Token | None:
    """The that-clause the parser hung on the noun of a prepositional phrase of
    ``verb`` or of its object as a relative clause ("told investors on a conference
    call [that the firm would cut jobs]", "told a meeting of Pacific leaders [that
    ...]"): a relative clause is never opened by a "that" marker. (Right after an
    object other than a hearer it may be one: "the increase that Bloomberg decries"
    parses so too.)"""
    hearer = verb.lemma_.lower() in HEARER_VERBS
    for clause in verb.subtree:
        if (
            clause.i < verb.i
            or clause.dep_ != "relcl"
            or not _opened_by_that(clause)
            or not any(c.dep_ in SUBJ_DEPS for c in clause.children)
        ):
            continue
        # up through prepositional phrases only: "said in one of a series of Twitter
        # messages that ..."
        head = clause.head
        if head.dep_ != "pobj" and not (head.dep_ == "dobj" and hearer):
            continue
        while head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head
        if head.dep_ == "dobj":
            head = head.head  # "told [a meeting of Pacific leaders] that ..."
        if head.i == verb.i:
            return clause
    return None


def _that_clause_in(prep: Token, char: int) -> Token | None:
    """The that-clause on the noun of prepositional phrase ``prep`` that holds
    ``char``: 'said in a statement [that the order "will stifle innovation"]' is what
    the statement says, not where it was said."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "on", "at", "during"):
        return None  # not "responded to Trump's claim that ...": his claim
    for noun in prep.children:
        for clause in noun.rights if noun.dep_ == "pobj" else ():
            end = clause.right_edge.idx + len(clause.right_edge.text)
            if (
                clause.dep_ in ("acl", "relcl")
                and _opened_by_that(clause)
                and clause.left_edge.idx <= char < end
            ):
                return clause
    return None


def put_to_subject(tok: Token) -> bool:
    """'Asked how ..., Ms Leavitt said' and 'Told that ..., he replied': a participle
    clause with no subject of its own before its verb; what it reports was put to
    the subject, not said by it."""
    if (
        tok.dep_ in ("advcl", "acl")
        and tok.tag_ in ("VBN", "VBD")
        and tok.i < tok.head.i
        and not any(c.dep_ in SUBJ_DEPS or c.dep_ in ("aux", "auxpass") for c in tok.children)
    ):
        return True
    # "Scholz, asked about the speech, said ...": a participle set off by commas after
    # the subject, which the parser gave it, making the main verb its clause or, with
    # no "and" between, its conjunct
    doc = tok.doc
    if not (
        tok.lemma_.lower() in PUT_TO_LEMMAS
        and tok.tag_ in ("VBN", "VBD")
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and any(c.dep_ in SUBJ_DEPS and c.i < tok.i for c in tok.children)
        and not any(c.dep_ in ("dobj", "aux", "auxpass", "cc") for c in tok.children)
    ):
        return False
    after = tok.right_edge.i + 1
    if tok.i < tok.head.i:
        return tok.right_edge.text == "," or (after < len(doc) and doc[after].text == ",")
    return tok.dep_ == "ROOT" and any(
        c.dep_ == "conj" and c.pos_ == "VERB" and doc[c.i - 1].text == "," for c in tok.rights
    )


def _hung_statement(t: Token, cue: Token) -> tuple[Token, bool] | None:
    """When ``t`` is a verb of speech that the parser hung inside the reported clause
    of ``cue`` but makes a statement of its own: (its first token, whether it is the
    same speaker's).

    - 'X said that A would happen, warning that B': a participle after a comma, the
      speaker's next statement;
    - 'X said A was not in a crisis, and urged that B' and '... but added, "..."': a
      verb in the tense of the cue with no subject of its own, the speaker's next
      statement;
    - 'Four in 10 said A, while nine in 10 said B': a verb of speech with a subject
      of its own, joined by "and"/"but" or "while"/"whereas", someone else's."""
    if t.i <= cue.i or not _is_cue(t, beliefs=True):
        return None
    if t.tag_ == "VBG" and t.dep_ == "advcl" and t.doc[t.i - 1].text == ",":
        return t, True
    if t.dep_ not in ("conj", "advcl") or t.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    link = [c for c in t.lefts if c.dep_ in ("cc", "mark")]
    if t.dep_ == "conj":
        link = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i] or link
    if not any(c.lower_ in ("and", "but", "while", "whereas") for c in link):
        return None
    if any(c.dep_ in SUBJ_DEPS for c in t.children):
        return (t.left_edge, False) if t.lemma_.lower() in SPEECH_LEMMAS else None
    if t.dep_ == "conj" and t.tag_ == cue.tag_:
        return min(link, key=lambda c: c.i), True
    return None


def next_statement(clause: Token, cue: Token) -> Token | None:
    """The first token of a statement hung inside the reported ``clause`` of ``cue``
    (``_hung_statement``): the clause ends before it. A verb joined to one deeper in
    the clause ('media interviews, which she was doing when security located her and
    told her to leave') is part of what is reported."""
    for t in clause.subtree:
        if t.i == clause.i or (t.dep_ == "conj" and t.head.i != clause.i):
            continue
        hung = _hung_statement(t, cue)
        if hung is not None:
            return hung[0]
    return None


def _end_before_next_statement(clause: Token, cue: Token, p: Passage, end: int) -> int | None:
    """``end`` of the reported ``clause`` of ``cue`` that holds passage ``p``, cut
    where a next statement hung in it starts; None when ``p`` lies in that statement
    (it is not ``cue``'s)."""
    later = next_statement(clause, cue)
    if later is None:
        return end
    return later.idx if later.idx >= p.outer_end else None


def stance_verb(tok: Token) -> bool:
    """A verb that can state its subject's stance: not a participle modifying a noun
    or a clause ("the bill, passed in May")."""
    return tok.pos_ == "VERB" and not (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl", "amod"))


def stance_complements(verb: Token) -> list[tuple[str, Token, Token, str]]:
    """``(frame, first token, last token, cue)`` for each complement of ``verb``, in
    the order a stance row prefers them: a clause, an infinitive (with its object:
    "urged [the senator] to apologize"), the object (with what follows it: "accused
    him of lying"), then prepositions ("called for")."""
    kids = list(verb.children)
    out = []
    for dep in ("ccomp", "xcomp", "dobj"):
        content = next((c for c in kids if c.dep_ == dep), None)
        if content is None:
            continue
        start, end = content.left_edge, content.right_edge
        if dep == "dobj":
            end = _complement_end(verb, content)
        elif dep == "xcomp":
            obj = _object_before(verb, content)
            if obj is not None:
                start = obj.left_edge
        out.append((dep, start, end, verb.text))
    for c in kids:
        if c.dep_ == "prep":
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                out.append((c.lower_, obj.left_edge, obj.right_edge, f"{verb.text} {c.text}"))
    return out


# what may hang on "named" in a request for anonymity: "not to be named [because ...]"
ANONYMITY_DEPS = frozenset({"aux", "auxpass", "neg", "agent", "advcl", "punct"})


def _asks_anonymity(verb: Token) -> bool:
    """ "who asked not to be named", "declined to be identified", "declined to give
    her name": the source's terms for speaking, not a stance of theirs (but "asked to
    be named as chairman" is)."""
    return any(
        c.dep_ == "xcomp"
        and (
            c.lemma_.lower() in ANONYMITY_LEMMAS
            and any(g.dep_ == "auxpass" for g in c.children)
            and all(g.dep_ in ANONYMITY_DEPS or g.lower_ == "by" for g in c.children)
            or c.lemma_.lower() in ("give", "provide", "disclose", "reveal")
            and any(
                g.dep_ == "dobj"
                and g.lemma_.lower() in ("name", "surname")
                and any(k.dep_ == "poss" for k in g.children)  # not "the name of the buyer"
                for g in c.children
            )
        )
        for c in verb.children
    )


def _strip_honorific(name: str) -> str:
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def _is_cue(tok: Token, beliefs: bool = False) -> bool:
    if tok.lower_ == "according":
        return _according_to(tok) is not None
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in (
        "VBD",
        "VBZ",
        "VBP",
        "VBG",
        "VBN",
        "VB",
    ):
        return False
    lemma = tok.lemma_.lower()
    if lemma in SPEECH_LEMMAS:
        return not _that_said(tok)
    if lemma == "put" and _as_x_put_it(tok):
        return True
    if _particle(tok) is not None:
        return True
    return beliefs and lemma in BELIEF_LEMMAS


def _particle(tok: Token) -> Token | None:
    """The particle that makes ``tok`` a phrasal verb of speech ("pointed out")."""
    lemma = tok.lemma_.lower()
    return next(
        (c for c in tok.children if c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL_SPEECH),
        None,
    )


def _that_said(tok: Token) -> bool:
    """'That said, ...': a discourse marker at the start of a sentence, not speech."""
    doc = tok.doc
    return (
        tok.lower_ == "said"
        and 0 < tok.i < len(doc) - 1
        and doc[tok.i - 1].lower_ in ("that", "this")
        and doc[tok.i + 1].text == ","
        and (
            tok.i == 1
            or doc[tok.i - 2].is_sent_end
            or doc[tok.i - 2].is_punct
            or doc[tok.i - 2].is_space
        )
    )


def _puts_it(tok: Token) -> bool:
    """ "Her husband puts it more bluntly.", "He summed it up:": words of saying that
    introduce what follows."""
    return tok.lemma_.lower() in ("put", "sum") and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children
    )


def _as_x_put_it(tok: Token) -> bool:
    """'As the senator put it, "..."': "put it" in a clause opened by "as"."""
    kids = list(tok.children)
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids) and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in kids
    )


def _outer_cue(cues: list[Token]) -> Token:
    """Of the speech verbs over a passage (nearest first), the outermost ("X said
    she recalls "..."" is X's), but a participle clause of its own stops the climb:
    in 'he said, adding that "..."' the passage is what he added, and in 'what do
    you think of Carson saying "..."' what Carson said; so does a next statement
    hung in the clause of the verb above ('said A and promised "..."'), and so does a
    relative clause ('said Rachel Reeves, who described the plans as "..."')."""
    for k, c in enumerate(cues[:-1]):
        if c.dep_ == "relcl" and any(w.lower_ in RELATIVE_PRONOUNS for w in c.children):
            return c
        if (
            c.tag_ == "VBG"
            and c.dep_ in ("advcl", "xcomp", "conj", "pcomp")
            and (c.head in cues or c.dep_ == "pcomp")
        ):
            return c
        if _hung_statement(c, cues[k + 1]) is not None:
            return c
    return cues[-1]


def _reporting_ancestors(tok: Token) -> list[Token]:
    """The ancestors of ``tok`` that can report it, nearest first: none above a clause
    of a later event of a speech verb."""
    out = []
    for a in tok.ancestors:
        out.append(a)
        if _later_event_of_cue(a):
            break
    return out


def _later_event_of_cue(tok: Token) -> bool:
    """``tok`` heads a clause of its own, set in time against a speech verb: 'described
    Clinton as a "disgrace" [after she blamed police shootings on "implicit bias"]'.
    The words quoted in it are not what that verb reports. "When it comes to" is no
    event but a topic."""
    if tok.lemma_ == "come" and any(c.lower_ == "it" for c in tok.children):
        return False
    return (
        tok.dep_ == "advcl"
        and any(_opens_event_time(c) for c in tok.children)
        and any(c.dep_ in SUBJ_DEPS for c in tok.children)
        and _is_cue(tok.head, beliefs=True)
    )


def _opens_event_time(tok: Token) -> bool:
    """ "after", "when", ... opening a clause (the parser makes "when" an adverb)."""
    return tok.dep_ in ("mark", "advmod") and tok.lower_ in EVENT_TIME_MARKS


def _describing_word(tok: Token) -> bool:
    """A common adjective or noun before a noun ("the [Japanese] [car] maker")."""
    return tok.dep_ in ("amod", "compound") and tok.pos_ in ("ADJ", "NOUN") and tok.n_lefts == 0


def _is_content_word(tok: Token) -> bool:
    """Not punctuation, space, a conjunction or a sentence adverb ("But", "However")."""
    return not (
        tok.is_punct
        or tok.is_space
        or tok.dep_ == "cc"
        or (tok.pos_ == "ADV" and tok.dep_ == "advmod")
    )


def _label(mention: dict) -> str | None:
    """The label of a mention's entity, else of the mention."""
    return mention.get("entity_label") or mention.get("label")


def _cue_text(tok: Token) -> str:
    if tok.lower_ == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            return tok.doc[tok.i : nxt.i + 1].text  # not doc.text: it joins every token
    prt = _particle(tok)
    if prt is not None and prt.i == tok.i + 1:
        return tok.doc[tok.i : prt.i + 1].text
    return tok.text


def _reporting_cue(tok: Token) -> Token | None:
    """For a participle hung inside a reported clause ("said that A, warning that
    B"), the speech verb that reports the clause."""
    node = tok.head
    for _ in range(6):
        if node.head.i == node.i or node.dep_ not in ("ccomp", "conj", "advcl", "xcomp"):
            return None
        if node.dep_ == "ccomp" and _is_cue(node.head, beliefs=True):
            return node.head
        node = node.head
    return None


def reported_speaker(cue: Token) -> Token | None:
    """The speaker of a cue of reported speech: that of the outer speech verb for the
    same speaker's next statement hung in its clause ("Zelenskiy said A, warning that
    B", "Spicer said A, and urged B")."""
    outer = _reporting_cue(cue)
    if outer is not None and not _crosses_line(outer, cue):
        hung = _hung_statement(cue, outer)
        if hung is not None and hung[1]:
            return speaker_of(outer)
    return speaker_of(cue)


def _quoted_as_saying(cue: Token) -> Token | None:
    """For "saying" in "the paper quoted an insider as saying ...", the insider."""
    prep = cue.head
    if (
        cue.dep_ != "pcomp"
        or prep.lower_ != "as"
        or prep.head.lemma_.lower() not in ("quote", "cite")
    ):
        return None
    return next((c for c in prep.head.children if c.dep_ == "dobj"), None)


def speaker_of(cue: Token) -> Token | None:
    if cue.lower_ == "according":
        return _according_to(cue)
    quoted = _quoted_as_saying(cue)
    if quoted is not None:
        return quoted
    subj = _subject(cue)
    if subj is not None and subj.dep_ == "expl":
        return None
    if subj is not None and _crosses_line(subj, cue):
        return _same_paragraph_subject(cue, subj)
    return subj


def _named_head(tok: Token, since: int, until: int) -> Token:
    """The noun phrase that ``tok`` ends, as the top of its parse within the text
    from ``since`` to ``until``: "Flynn, a top Trump [surrogate]", "Eric Garner,
    gasping facedown on a sidewalk in Staten [Island]"; ``tok`` itself when that
    top is not a noun (a misparse)."""
    top = tok
    while top.head.i != top.i and since <= top.head.idx < until:
        top = top.head
    if top.pos_ == "NOUN" and tok.ent_type_ == "PERSON":
        return tok  # "director of rugby Nigel [Melville]": the person the title is of
    return top if top.pos_ in ("NOUN", "PROPN", "PRON") else tok


def _crosses_line(a: Token, b: Token) -> bool:
    if a.i > b.i:
        a, b = b, a
    return any("\n" in t.text_with_ws for t in a.doc[a.i : b.i])


def _same_paragraph_subject(cue: Token, subj: Token) -> Token | None:
    """The parser ran a sentence over a paragraph break ("5:45 p.m.\n\nJohnson's doctor
    is calling ..."): the subject is the noun phrase on the cue's own line."""
    if subj.i > cue.i:
        return None
    doc = cue.doc
    k = cue.i - 1
    while k > subj.i and "\n" not in doc[k - 1].text_with_ws:
        k -= 1
    span = [t for t in doc[k : cue.i] if not t.is_space]
    lo = span[0].i if span else cue.i
    heads = [
        t
        for t in span
        if t.pos_ in ("PROPN", "NOUN", "PRON") and not (lo <= t.head.i < cue.i) and t.head.i != t.i
    ]
    if heads:
        return heads[0]
    nouns = [t for t in span if t.pos_ in ("PROPN", "NOUN", "PRON")]
    return nouns[-1] if nouns else None


# ----------------------------------------------------------------- the builder


class Signature(NamedTuple):
    """A quotation signed with a dash: '"..." - Karen Bobadilla'."""

    dash: str
    name: Token  # the last word of the name
    span: tuple[int, int]  # the name as written


class _Builder:
    def __init__(self, doc: Doc, mentions: list[dict], frames: dict[str, frozenset[str]]) -> None:
        self.doc = doc
        self.frames = frames
        self.text = doc.text
        self.mentions = sorted(
            [
                m
                for m in (mentions or [])
                if isinstance(m, dict) and "start_char" in m and "end_char" in m
            ],
            key=lambda m: (m["start_char"], m["end_char"]),
        )
        self.passages: list[Passage] = sorted(find_passages(self.text), key=lambda p: p.outer_start)
        self.passage_starts = [p.outer_start for p in self.passages]
        self.tok_starts = [t.idx for t in doc]
        self.rows: list[dict[str, Any]] = []  # sorted by start_char
        self.row_starts: list[int] = []
        self.longest_row = 0
        self.has_parse = doc.has_annotation("DEP")
        self.line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        self._sents: list[Any] | None = None
        self._sent_starts: list[int] = []
        # lookups that would otherwise rescan the article per row (hostile input:
        # thousands of quotes in one paragraph must stay near-linear)
        self.low_text = self.text.lower()
        self.person_at: dict[int, dict] = {}
        for m in self.mentions:
            if _label(m) in PERSON_LABELS:
                self.person_at.setdefault(m["start_char"], m)
        self.role_holders: dict[str, tuple[str | None, str | None, str | None] | None] = {}
        self.described_orgs: dict[str, tuple[str | None, str | None, str | None] | None] = {}
        self.named_orgs: dict[str, tuple[str | None, str | None, str | None] | None] = {}
        self.headline_lines: dict[int, bool] = {}
        # surname -> (entity_id, name) of the first fuller PERSON name ("Mark Rutte")
        self.full_names: dict[str, tuple[str | None, str | None]] = {}
        for o in self.mentions:
            oname = o.get("entity_name") or ""
            parts = _strip_honorific(oname).split()
            if _label(o) in PERSON_LABELS and len(parts) > 1:
                self.full_names.setdefault(parts[-1], (o.get("entity_id"), oname))
        self.mention_starts = [m["start_char"] for m in self.mentions]
        self.longest_mention = max(
            (m["end_char"] - m["start_char"] for m in self.mentions), default=0
        )

    @functools.cached_property
    def gender(self) -> dict[str, str]:
        """Entity id -> "m" or "f"; worked out only for an article with a pronoun to
        resolve."""
        return self._genders()

    def _genders(self) -> dict[str, str]:
        """Entity id -> "m" or "f" where an honorific says so ("Mr McConnell"), else
        where the given name does ("Ted Cruz"), else where the clauses the person is the
        subject of agree on their pronouns ("Clinton said she ...", "Trump touted his
        wealth"): two clauses or more, and three times as many as say otherwise."""
        seen: dict[str, set[str]] = {}
        for m in self.mentions:
            eid = m.get("entity_id")
            if eid is None:
                continue
            before = self.text[max(0, m["start_char"] - 6) : m["start_char"]].split()[-1:]
            for w in before + m["text"].split()[:1]:
                g = HONORIFIC_GENDER.get(w.lower().rstrip("."))
                if g is not None:
                    seen.setdefault(eid, set()).add(g)
            g = self._relation_gender(m)
            if g is not None:
                seen.setdefault(eid, set()).add(g)
        genders = {eid: g.pop() for eid, g in seen.items() if len(g) == 1}
        named = self._given_name_genders()
        for eid, g in named.items():
            if eid not in seen:
                genders[eid] = g
        votes: dict[str, Counter[str]] = {}
        for eid, g in self._clause_pronouns():
            votes.setdefault(eid, Counter())[g] += 1
        for eid, v in sorted(votes.items()):
            if eid in seen or eid in named:
                continue  # an honorific or a given name decides, even against the pronouns
            (top, n), *rest = v.most_common()
            if n >= 2 and (not rest or n >= 3 * rest[0][1]):
                genders[eid] = top
        return genders

    def _given_name_genders(self) -> dict[str, str]:
        """Entity id -> "m" or "f" where the first word of the person's names of two
        words or more is a given name of that gender, and no name of it says otherwise;
        or, for a person named by one word only ("Hillary", "Melanie"), that word."""
        found: dict[str, set[str]] = {}
        longer: set[str] = set()
        alone: dict[str, set[str | None]] = {}
        for m in self.mentions:
            words = m["text"].split()
            eid = m.get("entity_id")
            if eid is None or _label(m) not in PERSON_LABELS:
                continue
            g = FIRST_NAME_GENDER.get(words[0].lower())
            if len(words) == 1:
                alone.setdefault(eid, set()).add(g)
                continue
            longer.add(eid)
            if g is not None:
                found.setdefault(eid, set()).add(g)
        for eid, gs in alone.items():
            # one word alone is a given name only where the person has no longer name
            # ("Warren" beside "Elizabeth Warren" is her surname)
            if eid not in longer and None not in gs:
                found[eid] = {g for g in gs if g is not None}
        return {eid: gs.pop() for eid, gs in found.items() if len(gs) == 1}

    def _relation_gender(self, m: dict) -> str | None:
        """The gender of a noun the name stands in apposition to: "his wife, Jane
        Sanders", "Betsy Ebeling, her childhood friend's sister", "spokeswoman Ann
        Lee"."""
        first, head = self.tok_at(m["start_char"]), self.tok_at(m["end_char"] - 1)
        if not self.has_parse or first is None or head is None:
            return None
        nouns = []
        if first.i > 0:
            before = first.nbor(-1)
            if before.text == "," and before.i > 0:
                before = before.nbor(-1)
            nouns.append(before)
        if head.dep_ == "appos":
            nouns.append(head.head)
        after = head.nbor() if head.i + 1 < len(self.doc) else None
        if after is None or (after.tag_ != "POS" and after.text not in ("'", "\u2019")):
            # not "Sanders' son, Tywanza", whose son is someone else
            nouns += [c for c in head.children if c.dep_ == "appos"]
        found = {RELATION_GENDER[t.lower_] for t in nouns if t.lower_ in RELATION_GENDER}
        return found.pop() if len(found) == 1 else None

    def _clause_pronouns(self) -> Iterator[tuple[str, str]]:
        """(entity id, "m" | "f") per clause whose subject is a person, by the
        pronouns in it after the subject, where they agree and no other person is
        named in the clause (a place or an organisation is no "he" or "she"). Objects
        of the clause's own verb are someone else ("Clinton blasted him"), and so are
        pronouns in a clause with a subject of its own ("Richards says the
        30-year-old must draw on her past")."""
        if not self.has_parse:
            return
        for m in self.mentions:
            if _label(m) not in PERSON_LABELS:
                continue
            eid = m.get("entity_id")
            head = self.tok_at(m["end_char"] - 1)
            if eid is None or head is None or head.dep_ != "nsubj":
                continue
            verb = head.head
            lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
            inside = self.mentions[
                bisect.bisect_left(self.mention_starts, lo) : bisect.bisect_left(
                    self.mention_starts, hi
                )
            ]
            if any(o.get("entity_id") != eid and _label(o) in PERSON_LABELS for o in inside):
                continue
            said = {
                PRONOUN_GENDER[t.lower_]
                for t in verb.subtree
                if t.lower_ in PRONOUN_GENDER
                and t.i > head.i
                and not (t.head == verb and t.dep_ in ("dobj", "dative"))
                and not self.inside_quote(t.idx)
                and not _in_clause_of_another_subject(t, verb)
            }
            if len(said) == 1:
                yield eid, said.pop()

    def fits_gender(self, eid: str | None, want: str | None) -> bool:
        """Entity ``eid`` may be referred to by a pronoun of gender ``want``."""
        return want is None or self.gender.get(eid or "", want) == want

    # -- positions
    def sent_index(self, tok: Token) -> int:
        """The number of ``tok``'s sentence, without spaCy walking the sentence
        boundaries on each call."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [sp.start for sp in self._sents]
        return bisect.bisect_right(self._sent_starts, tok.i) - 1

    def sent_of(self, tok: Token) -> Any:
        """``tok.sent``, cached."""
        k = self.sent_index(tok)
        assert self._sents is not None
        return self._sents[k]

    def named_within(self, eid: str | None, s: int, sentences: int) -> bool:
        """Entity ``eid`` is named outside quotation marks in the ``sentences`` sentences
        before ``s`` (or in its own, before it)."""
        for k in range(bisect.bisect_left(self.mention_starts, s) - 1, -1, -1):
            m = self.mentions[k]
            if self.sentences_between(m["start_char"], s) > sentences:
                return False
            if m.get("entity_id") == eid and not self.inside_quote(m["start_char"]):
                return True
        return False

    def sentences_between(self, a: int, b: int) -> int:
        """How many sentence breaks lie between characters a and b (a <= b)."""
        ta, tb = self.tok_at(a), self.tok_at(b)
        if ta is None or tb is None:
            return 0
        return self.sent_index(tb) - self.sent_index(ta)

    def tok_at(self, char: int) -> Token | None:
        if not len(self.doc):
            return None
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return self.doc[max(0, i)]

    def line_of(self, char: int) -> int:
        return bisect.bisect_right(self.line_starts, char) - 1

    def line_span(self, li: int) -> tuple[int, int]:
        """Start and end (before its line break) of line ``li``."""
        end = self.line_starts[li + 1] - 1 if li + 1 < len(self.line_starts) else len(self.text)
        return self.line_starts[li], end

    def within_paragraph(self, tok: Token, s: int, e: int) -> tuple[int, int]:
        """s..e cut to the paragraph of ``tok``: a parse run on across paragraphs
        does not carry reported speech into the next or the previous one."""
        a, b = self.line_span(self.line_of(tok.idx))
        return max(s, a), min(e, b)

    def in_passage(self, tok: Token) -> Passage | None:
        i = bisect.bisect_right(self.passage_starts, tok.idx) - 1
        # passages do not nest, so the last one starting before the token decides
        if i >= 0 and tok.idx < self.passages[i].outer_end:
            return self.passages[i]
        return None

    def window(self, p: Passage, idx: int) -> tuple[list[Token], list[Token]]:
        """Tokens outside quotation marks before and after passage ``idx`` within its
        sentence (sentence ends outside quotes, line ends and other passages stop it)."""
        doc = self.doc
        line_a, line_b = self.line_span(p.line)
        # passages are sorted and do not overlap: the neighbours bound the window
        prev_end, next_start = line_a, line_b
        if idx > 0 and self.passages[idx - 1].line == p.line:
            prev_end = max(line_a, self.passages[idx - 1].outer_end)
        if idx + 1 < len(self.passages) and self.passages[idx + 1].line == p.line:
            next_start = self.passages[idx + 1].outer_start
        before: list[Token] = []
        t = self.tok_at(p.outer_start - 1) if p.outer_start > 0 else None
        while t is not None and t.idx >= prev_end and t.idx < p.outer_start:
            if t.text in TERMINATORS and not self.in_passage(t):
                break
            before.insert(0, t)
            t = doc[t.i - 1] if t.i > 0 else None
        after: list[Token] = []
        t = self.tok_at(p.outer_end) if p.outer_end < len(self.text) else None
        if t is not None and t.idx < p.outer_end:
            t = doc[t.i + 1] if t.i + 1 < len(doc) else None
        while t is not None and t.idx < next_start:
            if t.text in TERMINATORS:
                after.append(t)
                break
            after.append(t)
            t = doc[t.i + 1] if t.i + 1 < len(doc) else None
        before = [t for t in before if not t.is_space and not self.in_passage(t)]
        after = [t for t in after if not t.is_space and not self.in_passage(t)]
        return before, after

    # -- speaker resolution
    def mention_over(self, s: int, e: int) -> dict | None:
        best, best_ov = None, 0
        lo = bisect.bisect_left(self.mention_starts, s - self.longest_mention)
        for m in self.mentions[lo : bisect.bisect_left(self.mention_starts, e)]:
            ov = min(e, m["end_char"]) - max(s, m["start_char"])
            if ov > 0:
                lab = _label(m)
                score = ov + (1000 if lab in PERSON_LABELS else 0)
                if score > best_ov:
                    best, best_ov = m, score
        return best

    def names_person(self, tok: Token) -> bool:
        m = self.mention_over(tok.idx, tok.idx + len(tok.text))
        return m is not None and _label(m) in PERSON_LABELS

    def canonical(self, m: dict) -> tuple[str | None, str | None]:
        name = m.get("entity_name") or m.get("text")
        eid = m.get("entity_id")
        lab = _label(m)
        if name and (lab in PERSON_LABELS or _strip_honorific(name) != name):
            hit = self.full_name(_strip_honorific(name))
            if hit is not None:
                return hit
        return eid, name

    def full_name(self, surname: str) -> tuple[str | None, str | None] | None:
        """A lone surname ("Rutte", "Mr Rutte"): a fuller PERSON name in the article
        (the first one, as mentions are sorted)."""
        if not surname or len(surname.split()) != 1:
            return None
        return self.full_names.get(surname)

    def previous_speaker(
        self, before: int, person: bool, skip: frozenset[str] = frozenset()
    ) -> tuple[str | None, str | None, int] | None:
        """(entity id, name, speaker position) of the last row before ``before`` whose
        speaker is a person (``person``) or is not, and not of a label in ``skip``."""
        for k in range(bisect.bisect_left(self.row_starts, before) - 1, -1, -1):
            r = self.rows[k]
            if r["speaker_entity_id"] is None or r.get("_label") in skip:
                continue
            if person == (r.get("_label") in PERSON_LABELS):
                return r["speaker_entity_id"], r["speaker_name"], r["speaker_start"]
        return None

    def resolve(
        self, s: int, e: int, head: Token | None
    ) -> tuple[str | None, str | None, str | None]:
        """(entity_id, name, label) of the speaker span."""
        ante = _antecedent(head) if head is not None else None
        if ante is not None:
            a_s, a_e = _np_span(ante)
            return self.resolve(a_s, a_e, ante)
        if head is not None and head.pos_ in ("NOUN", "PROPN") and not self.names_person(head):
            # "the party's Holyrood leader, Nicola Sturgeon,", "The Bishop of Durham,
            # the Rt Rev Dr Tom Wright,": the person in apposition (not a description
            # naming one: "Grimm, a Donald Trump supporter")
            for c in head.children:
                pm = self.mention_over(*_np_span(c)) if c.dep_ == "appos" else None
                if (
                    pm is not None
                    and _label(pm) in PERSON_LABELS
                    and not self.modifier(pm, owner=True)
                ):
                    eid, name = self.canonical(pm)
                    return eid, name, "PERSON"
        if AGE_DESCRIPTION_RE.match(self.text, s, e):
            pm = self.mention_over(s, e)
            if pm is None or _label(pm) not in PERSON_LABELS:
                # "the 54-year-old", "The 55-year-old Frenchman": the person both in
                # focus (as for "he") and most named so far; either alone was right
                # for 60-70% of such BBC rows, the two agreeing for 90%
                # ("the 34-year-old mother" is a woman)
                want = next(
                    (
                        RELATION_GENDER[w]
                        for w in self.text[s:e].lower().split()
                        if w in RELATION_GENDER
                    ),
                    None,
                )
                focus = self.person_in_focus(s, want)
                if focus[0] is not None and focus[0] == self.topic_person(s, want)[0]:
                    return focus
                return None, None, None
        # the name the phrase is headed by ("Russian oil firm [Yukos]"), else the one
        # it holds
        m = self.mention_over(head.idx, head.idx + len(head)) if head is not None else None
        m = m or self.mention_over(s, e)
        if (
            m is not None
            and head is not None
            and head.lemma_.lower() in ASSOCIATE_NOUNS
            and _label(m) in PERSON_LABELS
            and self.modifier(m, owner=True)
        ):
            return None, None, None  # "Mr Ebbers' lawyer": someone else than Ebbers
        if (
            m is not None
            and head is not None
            and _label(m) not in PERSON_LABELS
            and not (m["start_char"] <= head.idx < m["end_char"])
        ):
            # "European countries", "US secretary ... Pete Hegseth": the mention is
            # a modifier; an organisation that the noun describes ("the Associated
            # Press agency", not "United's budget airline") or a person in
            # apposition wins, else no entity
            lab = _label(m)
            last = self.tok_at(m["end_char"] - 1)
            noun = head.lemma_.lower()
            if (
                lab == "ORG"
                and (noun in ORGANISATION_NOUNS or head.lower_.rstrip(".") in ORG_SUFFIXES)
                and head.tag_ != "NNS"
                and (last is None or last.dep_ != "poss")
            ) or (lab in ("ORG", "GPE") and noun in VOICE_NOUNS):
                # an organisation also speaks through its spokesman, report or board ("a BAA
                # spokesman", "Ericsson's research", "United's board"); a spokesman is a
                # person, as in voice_owner
                eid, name = self.canonical(m)
                return eid, name, "PERSON" if noun in SPOKESPERSON_NOUNS else lab
            m = None
            for t in head.subtree:
                pm = self.mention_over(t.idx, t.idx + len(t.text))
                if pm is not None and _label(pm) in PERSON_LABELS:
                    m = pm
                    break
            if m is None:
                hit = self.role_holder(
                    " ".join(w for w in self.text[s:e].lower().split() if w != "the")
                )
                if hit is not None:
                    return hit
                if head.pos_ != "NOUN" or noun not in ORGANISATION_NOUNS:
                    return None, None, None
                # "the Japanese car maker": the organisation described, as below
        if m is None and head is not None and head.pos_ == "PROPN":
            named = self.full_name(_strip_honorific(self.text[s:e]))
            if named is not None:
                return named[0], named[1], "PERSON"
        if m is not None and head is not None and _nationality_of_one(head, m):
            # "said the American", "The Russian added": a person, not the nationality
            # (the person in focus was right for 29 of 46 such BBC rows: too few)
            return None, None, None
        if m is not None:
            eid, name = self.canonical(m)
            return eid, name, _label(m)
        low = self.text[s:e].lower()
        if low in PRONOUNS_DIALOGUE:
            if low == "you" or not self.inside_quote(s):
                return None, None, None  # the reader, the writer or whoever is addressed
            if low in ("i", "me"):
                return self.quotation_speaker(s)
        if low in PRONOUNS:
            person = low in PRONOUNS_PERSON
            if person:
                return self.person_in_focus(s, PRONOUN_GENDER.get(low))
            if low in ("they", "them") or (head is not None and _dummy_it(head)):
                # "they" is a group, mostly unnamed ("analysts", "officials") and never
                # one entity; "it seems", "it is expected that" is no one
                return None, None, None
            # "it" speaking is an organisation or a country: the one the clause before
            # is about ("Delta, which lost $646m, cut jobs. In October, it reached ..."),
            # else one that has spoken before and is still in focus: it spoke, or was
            # named, in the last few sentences; never "the French" or "Republicans".
            # With none, mostly a thing ("the report", "the bill"), not the
            # organisation named last
            if head is not None:
                topic = self.organisation_in_topic(head)
                if topic is not None:
                    return topic
            cand = self.organisation_in_focus(s, named=True)
            return (cand[0], cand[1], None) if cand is not None else (None, None, None)
        # role noun or description: the person holding that title in the article
        words = [w for w in low.split() if w not in ("the", "a", "an", "this", "that")]
        if head is not None and words:
            role = " ".join(words)
            hit = self.role_holder(role)
            if hit is not None:
                return hit
            noun = head.lemma_.lower()
            definite = low.split()[0] == "the"
            one_noun = words == [head.lower_] and head.tag_ != "NNS"
            definite_noun = definite and one_noun and head.pos_ == "NOUN"
            # "the Japanese car maker": the noun with only common words before it
            described_noun = (
                definite
                and head.pos_ == "NOUN"
                and head.tag_ != "NNS"
                and len(words) == 1 + sum(1 for c in head.lefts if _describing_word(c))
            )
            if definite_noun and noun in INSTITUTION_NOUNS:
                # "the commission" after "the Electoral Commission", when no other
                # organisation was named since ("Halifax said ... the bank said" is not
                # the Bank of England)
                hit = self.organisation_named_with(noun)
                if hit is not None and self.last_organisation_before(s) == hit[0]:
                    return hit
            if described_noun and noun in ORGANISATION_NOUNS:
                hit = self.described_organisation(noun)
                if hit is not None and self.last_organisation_before(s) == hit[0]:
                    return hit
                hit = self.organisation_in_topic(head) if noun not in NEWSPAPER_NOUNS else None
                if hit is not None and hit[2] == "ORG":
                    return hit
            if one_noun and noun in FINDING_NOUNS | SPOKESPERSON_NOUNS:
                hit = self.voice_owner(head, definite=definite)
                if hit is not None:
                    return hit
        return None, None, None

    def organisation_in_focus(
        self, s: int, named: bool
    ) -> tuple[str | None, str | None, int] | None:
        """The organisation or country (never "the French" or "Republicans") that spoke
        last before ``s``, if it spoke in the last two sentences, or (``named``) was
        named there."""
        cand = self.previous_speaker(s, False, skip=frozenset({"NORP"}))
        if cand is None:
            return None
        if self.sentences_between(cand[2], s) <= IT_REACH_SENTENCES or (
            named and self.named_within(cand[0], s, IT_REACH_SENTENCES)
        ):
            return cand
        return None

    def organisation_in_topic(
        self, speaker: Token
    ) -> tuple[str | None, str | None, str | None] | None:
        """The organisation or country that ``speaker`` ("it", "the company")
        continues: the subject of the main clause when ``speaker`` is in a clause of
        its own sentence, else the subject of the sentence before, through a chain of
        "it"s ("It added ... It also urged"), if that subject is one: "The company also
        unveiled plans ... It added" (the company the article describes), "the NIESR
        report was optimistic ... It said" (the report's author)."""
        tok = speaker
        for _ in range(IT_CHAIN_SENTENCES):
            subj = self.subject_before(tok)
            if subj is None:
                return None
            if subj.lower_ == "it":
                tok = subj
                continue
            m = self.mention_over(subj.idx, subj.idx + len(subj))
            if m is not None and _label(m) in ("ORG", "GPE"):
                if m["text"].split()[-1].lower() in THING_NAME_HEADS:
                    return None  # "The Video Relay Service", a thing the model took for one
                eid, name = self.canonical(m)
                return eid, name, _label(m)
            if subj.tag_ != "NNS" and subj.lemma_.lower() in DESCRIBED_VOICE_NOUNS:
                # a description: "the company", "the NIESR report"; not "The Rosneft
                # announcement" or "the MPAA's software", which are things
                hit = self.resolve(*_np_span(subj), subj)
                return hit if hit[0] is not None and hit[2] == "ORG" else None
            return None
        return None

    def subject_before(self, tok: Token) -> Token | None:
        """The main clause's subject before ``tok`` in its sentence, when ``tok`` is
        not itself in the main clause; else the main subject of the sentence before,
        that of its last main clause ("GMAC did well but GM said ...": GM)."""
        k = self.sent_index(tok)
        assert self._sents is not None
        root = self._sents[k].root
        if tok.head.i != root.i:
            subj = next(
                (c for c in root.children if c.dep_ in NOUN_SUBJ_DEPS and c.i < tok.i), None
            )
            if subj is not None:
                return subj
        if k == 0:
            return None
        prev = self._sents[k - 1].root
        for verb in [*(c for c in reversed(list(prev.children)) if c.dep_ == "conj"), prev]:
            subj = next((c for c in verb.children if c.dep_ in NOUN_SUBJ_DEPS), None)
            if subj is not None:
                return subj
        return None

    def person_in_focus(
        self, s: int, want: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """The person a pronoun of gender ``want`` (or "the American") at s stands for:
        the previous speaker unless another person was named since, other than in what
        someone said ('Greenspan said the debt to Smith ... compared to that of Mozart.
        He said ...'), else the salient person."""
        if self.unnamed_speaker_before(s, want):
            return None, None, None
        prev = self.previous_speaker(s, True)
        if prev is not None and not self.fits_gender(prev[0], want):
            prev = None  # "She said" after Mr McConnell spoke: not his
        rival = self.salient_person(s, want, outside_rows=True)
        if prev is not None and (
            rival is None or rival[0] == prev[0] or self._named_before_prev(s)
        ):
            return prev[0], prev[1], "PERSON"
        cand = rival if prev is not None else self.salient_person(s, want)
        if cand is not None:
            return cand[0], cand[1], "PERSON"
        return None, None, None

    def unnamed_speaker_before(self, s: int, want: str | None) -> bool:
        """'A club spokesman said ... "...," he added': the statement before ``s`` was
        made by a person brought in without a name ("a spokesman", "an executive", "the
        band's spokesman", "Mr Begg's father") in this sentence or the one before, and
        no person was named since: a pronoun of fitting gender at ``s`` is that person,
        not the one in focus before. ("The party's leader" may be the one in focus.)"""
        k = bisect.bisect_left(self.row_starts, s)
        spoken = [
            r for r in self.rows[:k] if r["speaker_start"] is not None and r["speaker_start"] < s
        ]
        if not spoken:
            return False
        last = max(spoken, key=lambda r: r["speaker_start"])
        head = last.get("_head")
        if last["speaker_entity_id"] is not None or head is None or head.tag_ != "NN":
            return False
        noun = head.lemma_.lower()
        indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        someones = any(c.dep_ == "poss" for c in head.children) and noun in ONES_OWN_NOUNS
        if (
            not (indefinite and noun in PERSON_WORDS or someones)
            or NOUN_GENDER.get(noun, want) != want
            or (last["cue"] or "").lower().startswith("ask")  # the answer is not the asker's
            or self.sentences_between(last["speaker_start"], s) > 1
        ):
            return False
        # "President Yanukovych, who owed his election, as an American diplomat put it,
        # to ..., bolted. He found sanctuary": the main subject before is named
        pron = self.tok_at(s)
        subj = self.subject_before(pron) if pron is not None else None
        if subj is not None and subj.i != head.i and self.names_person(subj):
            return False
        named = self.nearest_mention(s, PERSON_LABELS, outside_rows=True)
        return named is None or named[2] < last["speaker_start"]

    def quotation_speaker(self, s: int) -> tuple[str | None, str | None, str | None]:
        """Who speaks the quotation around ``s``: the speaker of the row that holds
        it, named outside it ('"... I know a lot of people would say ...," he said')."""
        p = self.passage_at(s)
        for r in self.rows_near(s, s + 1):
            spk = r["speaker_start"]
            if (
                r["start_char"] <= s < r["end_char"]
                and spk is not None
                and (p is None or not p.outer_start <= spk < p.outer_end)
                and r["speaker_entity_id"] is not None
            ):
                return r["speaker_entity_id"], r["speaker_name"], r["_label"]
        return None, None, None

    def _named_before_prev(self, s: int) -> bool:
        k = bisect.bisect_left(self.row_starts, s) - 1
        while k >= 0 and not self.rows[k]["speaker_entity_id"]:
            k -= 1
        if k < 0:
            return False
        last = self.rows[k]
        cand = self.nearest_mention(s, PERSON_LABELS, outside_rows=True)
        if cand is None:
            return True
        return cand[2] < last["start_char"]

    def nearest_mention(
        self, s: int, labels: set[str], gender: str | None = None, outside_rows: bool = False
    ) -> tuple[str | None, str | None, int] | None:
        """The last fitting mention before s outside quotation marks (and, with
        ``outside_rows``, outside every row's content, stances included)."""
        m = next(self._fitting_mentions(s, labels, gender, outside_rows), None)
        if m is None:
            return None
        eid, name = self.canonical(m)
        return eid, name, m["start_char"]

    def topic_person(self, s: int, want: str | None) -> tuple[str | None, str | None, str | None]:
        """The person (of gender ``want``) the article is about so far: the one named
        most often before s outside quotations, the later named on a tie. A description
        by age ("the 28-year-old") may mean them rather than the person named last ("...
        beat rival Maria Mutola. Five days later, the 34-year-old ..." is Kelly Holmes)."""
        counts: Counter[str] = Counter()
        last: dict[str, int] = {}
        names: dict[str, str | None] = {}
        for m in self.mentions[: bisect.bisect_left(self.mention_starts, s)]:
            if _label(m) not in PERSON_LABELS or self.inside_quote(m["start_char"]):
                continue
            eid, name = self.canonical(m)
            if eid is None or not self.fits_gender(eid, want):
                continue
            counts[eid] += 1
            last[eid] = m["start_char"]
            names[eid] = name
        if not counts:
            return None, None, None
        eid = max(counts, key=lambda k: (counts[k], last[k]))
        return eid, names[eid], "PERSON"

    def salient_person(
        self, s: int, gender: str | None, outside_rows: bool = False
    ) -> tuple[str | None, str | None, int] | None:
        """The person a pronoun at s most likely means when no speaker is in focus:
        in the last sentence naming a fitting person, the subject nearest its main
        clause ('Mourinho told his old boss van Gaal he was wrong. He said' ->
        Mourinho), else the nearest."""
        found = self._fitting_mentions(s, PERSON_LABELS, gender, outside_rows)
        nearest = next(found, None)
        if nearest is None:
            return None
        best, best_depth = nearest, None
        first = self.tok_at(nearest["start_char"])
        sent_start = self.sent_of(first).start_char if first is not None else 0
        for m in itertools.chain([nearest], found):
            if m["start_char"] < sent_start:
                break
            head = self.tok_at(m["end_char"] - 1)
            if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
                # the main clause's subject before a subordinate one's ('Kenyon has
                # played down reports that Robben will return')
                depth = _depth(head)
                if best_depth is None or depth < best_depth:
                    best, best_depth = m, depth
        eid, name = self.canonical(best)
        return eid, name, best["start_char"]

    def _fitting_mentions(
        self, s: int, labels: set[str], gender: str | None, outside_rows: bool
    ) -> Iterator[dict]:
        """Mentions of ``labels`` before s, nearest first, that a pronoun of ``gender``
        may stand for."""
        for k in range(bisect.bisect_left(self.mention_starts, s) - 1, -1, -1):
            m = self.mentions[k]
            lab = _label(m)
            if lab not in labels or self.inside_quote(m["start_char"]):
                continue
            if outside_rows and self.inside_row(m["start_char"]):
                continue
            if not self.fits_gender(m.get("entity_id"), gender):
                continue
            if lab in PERSON_LABELS and self.modifier(m):
                continue  # "her Onyx Hotel tour": a name the tagger took for a person
            yield m

    def modifier(self, m: dict, owner: bool = False) -> bool:
        """A mention that only modifies a noun after it ("her Onyx Hotel tour"; with
        ``owner``, also "Romney's deputy")."""
        last = self.tok_at(m["end_char"] - 1)
        if last is None:
            return False
        return (last.dep_ == "compound" and last.head.i > last.i) or (owner and last.dep_ == "poss")

    def holds_passage(self, s: int, e: int) -> bool:
        """A whole passage, marks and all, lies inside s..e."""
        i = bisect.bisect_left(self.passage_starts, s)
        return i < len(self.passages) and self.passages[i].outer_end <= e

    def within_quotation(self, s: int, e: int) -> bool:
        """s..e lies inside one passage (its closing mark at most): words of the quote,
        reported by the quote's own row ('"... what hope is there?" he said')."""
        p = self.passage_at(s)
        return p is not None and p.start <= s and e <= p.outer_end

    def inside_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.passage_starts, char) - 1
        return i >= 0 and self.passages[i].start <= char < self.passages[i].end

    def role_holder(self, role: str) -> tuple[str | None, str | None, str | None] | None:
        """The person named right after the first mention of ``role`` followed by one
        ("the secretary general, Mark Rutte")."""
        if role not in self.role_holders:
            self.role_holders[role] = self._find_role_holder(role)
        return self.role_holders[role]

    def voice_owner(
        self, head: Token, definite: bool
    ) -> tuple[str | None, str | None, str | None] | None:
        """Whom the report or the spokesman ``head`` speaks for, when the phrase says:
        "a report from analysts Gartner" (its author, a person or an organisation), "a
        spokesman for Dell" (an organisation, a country or a person, as "Mr Blair's
        spokesman" is); for "the report", the one mentioned last before it ("... the FAO
        report. The report said")."""
        lemma = head.lemma_.lower()
        finding = lemma in FINDING_NOUNS
        preps = ("from", "by", "of") if finding else ("for", "at", "of")
        labels = ("ORG", *PERSON_LABELS) if finding else ("ORG", "GPE", *PERSON_LABELS)
        voices = [head]
        if definite:
            last = next(
                (t for t in reversed(self.doc[: head.i]) if t.lemma_.lower() == lemma), None
            )
            voices += [last] if last is not None and last.pos_ == "NOUN" else []
        owners = []
        for voice in voices:
            owners += [c for c in voice.children if c.dep_ in ("compound", "poss")]
            for prep in voice.children:
                if prep.dep_ == "prep" and prep.lower_ in preps:
                    owners += [c for c in prep.children if c.dep_ == "pobj"]
        for owner in owners:
            named = [c for c in owner.children if c.dep_ == "appos"] if not finding else []
            for person in named:
                # "A spokesman for DLF Builders, Dr Vancheshwar,": the person named
                pm = self.mention_over(*_np_span(person))
                if pm is not None and _label(pm) in PERSON_LABELS:
                    eid, name = self.canonical(pm)
                    return eid, name, "PERSON"
            m = self.mention_over(*_np_span(owner))
            lab = _label(m) if m is not None else None
            if m is not None and lab in labels:
                eid, name = self.canonical(m)
                # a spokesman is a person: "He added" after him goes on in the same voice
                return eid, name, "PERSON" if lab in PERSON_LABELS or not finding else lab
        if not owners and not finding:
            # "The Vestey Group said it had owned the land ... But a spokesman added":
            # an unowned spokesman speaks for the organisation that spoke just before
            cand = self.organisation_in_focus(head.idx, named=False)
            if cand is not None:
                return cand[0], cand[1], "PERSON"
        return None

    def organisation_named_with(
        self, noun: str
    ) -> tuple[str | None, str | None, str | None] | None:
        """The one organisation whose name has ``noun`` in it ("the commission": the
        Electoral Commission), if the article names exactly one."""
        if noun not in self.named_orgs:
            found = {
                eid: name
                for eid, name in (self.canonical(m) for m in self.mentions if _label(m) == "ORG")
                if name is not None and noun in name.lower().split() and name.lower() != noun
            }
            self.named_orgs[noun] = (
                next((eid, name, "ORG") for eid, name in found.items()) if len(found) == 1 else None
            )
        return self.named_orgs[noun]

    def last_organisation_before(self, s: int) -> str | None:
        """The entity of the organisation named last before ``s``."""
        hi = bisect.bisect_left(self.mention_starts, s)
        for m in reversed(self.mentions[:hi]):
            if m["end_char"] <= s and _label(m) == "ORG":
                return self.canonical(m)[0]
        return None

    def described_organisation(self, noun: str) -> tuple[str | None, str | None, str | None] | None:
        """For "the firm": the one organisation that the article describes with that
        noun ("Cairn Energy, a UK oil firm", "oil firm Yukos", "the Mirror newspaper");
        "company" and "firm" describe the same, as do "newspaper" and "paper". None when
        no organisation, or more than one, is. The caller also wants it named last (on
        BBC, a firm described earlier but not the one named last was another company's
        speaker)."""
        if noun not in self.described_orgs:
            kin = next((k for k in (BUSINESS_NOUNS, NEWSPAPER_NOUNS) if noun in k), {noun})
            found: dict[str | None, tuple[str | None, str | None, str | None]] = {}
            for t in self.doc:
                if t.pos_ != "NOUN" or t.tag_ == "NNS" or t.lemma_.lower() not in kin:
                    continue  # "the firms Young & Rubicam and J Walter Thompson": not one
                named = [t.head] if t.dep_ in ("appos", "compound") else []
                named += [
                    c
                    for c in t.children
                    if c.dep_ == "appos" or (c.dep_ == "compound" and noun in NEWSPAPER_NOUNS)
                ]  # "the Mirror newspaper" names it; "a Wembley firm" works there
                for n in named:
                    m = self.mention_over(n.idx, n.idx + len(n.text))
                    if m is not None and _label(m) == "ORG":
                        eid, name = self.canonical(m)
                        found[eid] = (eid, name, "ORG")
            self.described_orgs[noun] = next(iter(found.values())) if len(found) == 1 else None
        return self.described_orgs[noun]

    def _find_role_holder(self, role: str) -> tuple[str | None, str | None, str | None] | None:
        i = self.low_text.find(role)
        while i >= 0:
            j = i + len(role)
            m = next((self.person_at[k] for k in range(j, j + 3) if k in self.person_at), None)
            if m is not None:
                eid, name = self.canonical(m)
                return eid, name, _label(m)
            i = self.low_text.find(role, i + 1)
        return None

    # -- rows
    def list_after(self, brk: int) -> int | None:
        """The end of the list items ("- ...", "* ...") in the lines after the line
        break ``brk``, blank lines before the first allowed; None without items."""
        end = None
        li = self.line_of(brk + 1)
        while li < len(self.line_starts):
            a, b = self.line_span(li)
            line = self.text[a:b].strip()
            if line[:1] in ("-", "*", "\u2022"):
                end = a + len(self.text[a:b].rstrip())
            elif line or end is not None:
                break
            li += 1
        return end

    def add_row(
        self,
        start: int,
        end: int,
        qtype: str,
        speaker_tok: Token | None,
        cue: str | None,
        confidence: float,
        speaker_span: tuple[int, int] | None = None,
        inherited: dict | None = None,
    ) -> dict | None:
        start, end = self.trim(start, end)
        lead = self.leading_participle(start, end) if qtype != "direct" else None
        if lead is not None:
            # 'Sanders said, suggesting a few questions, including, "..."': the
            # participle is the speaker's next statement, with what follows as content
            cue = _cue_text(lead)
            start, end = self.trim(lead.idx + len(cue), end)
        brk = self.text.find("\n", start, end)
        if qtype == "indirect" and brk >= 0:
            # reported speech does not cross a paragraph break (a title or a list
            # the parser ran on into the text): it stays on the side of its speaker
            at = speaker_tok.idx if speaker_tok is not None else start
            if at < brk:
                start, end = self.trim(start, brk)
            else:
                start, end = self.trim(self.text.rfind("\n", start, end) + 1, end)
        if qtype == "indirect" and end > start:
            # ... unless it announces a list: "The judge said she must:\n\n- Pay a fine"
            brk = self.text.find("\n", end)
            if brk >= 0 and self.text[end:brk].strip() == ":":
                end = self.list_after(brk) or end
        if qtype != "direct":
            end = self.without_dangling_link(start, end)
            start, end = self.passage_marks_inside(start, end)
            whole = self.passage_at(start)
            if (
                whole is not None
                and (start, end) == (whole.outer_start, whole.outer_end)
                and qtype in WHOLE_PASSAGE_TYPES
            ):
                # nothing but a passage in its marks: a direct quote
                qtype, start, end = "direct", whole.start, whole.end
        if qtype == "indirect" and self.holds_passage(start, end):
            qtype = "mixed"  # reported speech with a quoted part
        if end <= start:
            return None
        row: dict[str, Any] = {
            "text": self.text[start:end],
            "start_char": start,
            "end_char": end,
            "quote_type": qtype,
            "speaker": None,
            "speaker_start": None,
            "speaker_end": None,
            "speaker_entity_id": None,
            "speaker_name": None,
            "cue": cue,
            "confidence": confidence,
            "_label": None,
        }
        # the speaker's entity is resolved once all rows are known (``resolve_speakers``)
        if inherited is not None:
            for k in ("speaker", "speaker_start", "speaker_end"):
                row[k] = inherited.get(k)
            row["cue"] = cue if cue is not None else inherited.get("cue")
            row["_inherits"] = inherited
        elif speaker_tok is not None or speaker_span is not None:
            if speaker_span is not None:
                s, e = speaker_span
            else:
                assert speaker_tok is not None
                s, e = self.outside_passages(*_np_span(speaker_tok), speaker_tok)
            if e > s:
                row["speaker"], row["speaker_start"], row["speaker_end"] = self.text[s:e], s, e
                row["_head"] = speaker_tok
        at = bisect.bisect_right(self.row_starts, start)
        self.rows.insert(at, row)
        self.row_starts.insert(at, start)
        self.longest_row = max(self.longest_row, end - start)
        return row

    def outside_passages(self, s: int, e: int, head: Token) -> tuple[int, int]:
        """Speaker span s..e of ``head`` started after a passage that the parse ran
        into it ('"... these voters," Nate Silver')."""
        p = self.passage_at(s)
        if p is None or head.idx < p.outer_end:
            return s, e
        t = self.tok_at(p.outer_end)
        while t is not None and t.i < head.i and (t.idx < p.outer_end or t.is_punct or t.is_space):
            t = self.doc[t.i + 1]
        return (t.idx if t is not None else s), e

    def without_dangling_link(self, start: int, end: int) -> int:
        """``end`` before a conjunction the row was cut after ('she thinks the video
        should be released [but]', 'let them know [that]')."""
        last = self.tok_at(end - 1) if end > start else None
        while (
            last is not None
            and last.idx + len(last.text) == end
            and last.pos_ in ("CCONJ", "SCONJ")
            and last.i > 0
            and self.doc[last.i - 1].idx >= start
            and not self.in_passage(last)
        ):
            prev = self.doc[last.i - 1]
            end = prev.idx + len(prev.text)
            last = prev
        return self.trim(start, end)[1]

    def passage_at(self, char: int) -> Passage | None:
        tok = self.tok_at(char)
        return self.in_passage(tok) if tok is not None else None

    def passage_marks_inside(self, start: int, end: int) -> tuple[int, int]:
        """start..end of a row widened to take in the marks of a passage it starts
        just inside of ('asks, "[Any questions?"]') or stops just short of ('... his
        statement was "true[.]"'), so its marks pair up."""
        first = self.passage_at(start)
        if first is not None and first.start == start and first.outer_end <= end:
            start = first.outer_start
        p = self.passage_at(end - 1) if end > start else None
        if (
            p is not None
            and p.close_at is not None
            and start <= p.outer_start
            and end < p.outer_end
            and not strip_blank(self.text[end : p.close_at]).strip(".,;:!?")
        ):
            end = p.outer_end
        return start, end

    def leading_participle(self, start: int, end: int) -> Token | None:
        """A participle of speech opening the content at ``start`` after a comma
        ('he said, adding that ...', 'he told reporters, before insisting ...'), with
        content of its own up to ``end``."""
        tok = self.tok_at(start)
        if tok is None or tok.idx != start or tok.i == 0:
            return None
        comma = self.doc[tok.i - 1]
        if tok.lower_ in TIME_LINKS and tok.i + 1 < len(self.doc):
            tok = self.doc[tok.i + 1]
        if tok.tag_ != "VBG" or comma.text != "," or not _is_cue(tok):
            return None
        if any(c.dep_ in SUBJ_DEPS for c in tok.children):
            return None
        rest = self.text[tok.idx + len(_cue_text(tok)) : end]
        return tok if len(re.findall(r"\w+", rest)) >= 2 else None

    def trim(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        strip = " \t\n\r,;:-\u2013\u2014"
        while start < end and text[start] in strip:
            start += 1
        if start == 0 or text[start - 1] == "\n":
            # "LONDON (Reuters) - Britain's economy shrank ...": not the content
            dateline = WIRE_DATELINE_RE.match(text, start, end)
            if dateline is not None:
                start = dateline.end()
        while end > start and text[end - 1] in strip:
            end -= 1
        return start, end

    def overlaps_row(self, s: int, e: int, quoted_only: bool = False) -> bool:
        """A row overlaps s..e (with ``quoted_only``: a direct/mixed row; indirect
        rows nested in a sentence do not count)."""
        return any(
            min(e, r["end_char"]) - max(s, r["start_char"]) > 0
            and not (quoted_only and r["quote_type"] == "indirect")
            for r in self.rows_near(s, e)
        )

    def rows_near(self, s: int, e: int) -> list[dict[str, Any]]:
        """The rows that can overlap s..e: those starting before e, and no earlier
        than the longest row could reach from (keeps the checks off the whole list)."""
        lo = bisect.bisect_left(self.row_starts, s - self.longest_row)
        return self.rows[lo : bisect.bisect_left(self.row_starts, e)]

    # -- passages
    def choose_cue(
        self, p: Passage, before: list[Token], after: list[Token]
    ) -> tuple[Token | None, str]:
        """The cue of passage ``p`` and where it stands ("after", "before", "")."""
        inner_last = self.text[p.end - 1] if p.end > p.start else ""
        after_words = [t for t in after if not t.is_punct]
        if after_words:
            first = after_words[0]
            continues = inner_last not in ".!?" or first.is_lower or _is_cue(first)
            cands = [t for t in after_words[:16] if _is_cue(t)]
            gov = self.governing(p) if cands else []
            if any(_is_cue(a, beliefs=True) and a.idx < p.outer_start for a in gov) and not any(
                c in gov for c in cands
            ):
                # 'Rubio argued "tax relief" would help, aides said': the passage is
                # inside the clause of a cue before it, the later cue reports the whole
                cands = []
            for c in cands:
                if _on_subject_of_later(c, cands):
                    # '"...," one nurse, who asked not to be named, told the BBC': a
                    # relative clause on the speaker stands between passage and cue
                    continue
                if c.dep_ == "relcl" and not words_between_are_name(self, p, c):
                    # '"a big advocate" of the principle, which he argued ...': the verb
                    # of a relative clause after the passage does not attribute it
                    break
                comp_outside = any(
                    ch.dep_ == "ccomp" and not (p.start <= ch.idx < p.end) and ch.idx > p.end
                    for ch in c.children
                )
                if comp_outside and not continues:
                    continue
                subj = speaker_of(c)
                if subj is not None and subj.idx < p.outer_start:
                    # 'the ad "unmistakably" suggests that ...': the verb after the
                    # passage has its own subject before it, it does not attribute it
                    break
                if continues or len(after_words) <= 6 or self.right_after(p, subj, c):
                    return c, "after"
                break
        cands = [t for t in before if _is_cue(t)]
        if cands:
            # prefer a cue that governs the passage in the parse, else the nearest
            first_in = self.tok_at(p.start)
            if first_in is not None:
                anc = {a.i for a in _reporting_ancestors(first_in)}
                gov = [c for c in cands if c.i in anc]
                if gov:
                    # the outermost speech verb: "X said she recalls "..."" is X's
                    return _outer_cue(sorted(gov, key=_depth, reverse=True)), "before"
            return cands[-1], "before"
        return None, ""

    def parenthetical_cue(self, p: Passage, before: list[Token]) -> tuple[Token, Token, int] | None:
        """'Loyalty, he noted, has long been the party's "old guard"' and 'So when
        they signed, Mr. Barrett said, "we were floored."': an attribution set off by
        commas inside the sentence of the passage; the content is the sentence from
        its start (cue, speaker, content start)."""
        if len(before) < 4:
            return None
        doc = self.doc
        first = before[0]
        sent = self.sent_of(first)
        line_a = self.line_starts[p.line]
        if not (
            first.i == sent.start
            or doc[first.i - 1].idx < line_a
            or "\n" in doc[first.i - 1].text_with_ws
        ):
            return None
        for c in reversed(before):
            if not _is_cue(c) or c.lower_ == "according" or c.lemma_.lower() not in SPEECH_LEMMAS:
                continue
            spk = speaker_of(c)
            if spk is None or spk.i < first.i:
                return None
            a = min(c.i, spk.left_edge.i)
            b = max(c.i, spk.right_edge.i) + 1
            # the attribution ends at the next comma ("explained earlier in the
            # hearing,"), with no verb on the way
            while b < len(doc) and b - c.i <= 8 and doc[b].text != ",":
                if doc[b].pos_ in ("VERB", "AUX") or doc[b].idx >= p.outer_start:
                    return None
                b += 1
            if a - 1 <= first.i or doc[a - 1].text != "," or b >= len(doc):
                return None
            if doc[b].text != "," or doc[b].idx >= p.outer_start:
                return None
            return c, spk, first.idx
        return None

    def right_after(self, p: Passage, subj: Token | None, cue: Token) -> bool:
        """'"Pat is the greatest!!!" McDonough wrote in an email to ...': the subject
        of the cue opens the words after the passage and the cue follows it."""
        if subj is None:
            return False
        first = self.tok_at(p.outer_end)
        if first is not None and first.idx < p.outer_end and first.i + 1 < len(self.doc):
            first = self.doc[first.i + 1]
        return (
            first is not None
            and subj.left_edge.i == first.i
            and cue.i == subj.right_edge.i + 1
            and subj.right_edge.i - first.i <= 4
        )

    def content_end_before(self, p: Passage, cue: Token, spk: Token | None) -> int:
        """Where the content of a mixed quote attributed after it ends: 'A cashier who
        "steals a handful" is held accountable, Warren said' runs on past the passage
        to the comma before the attribution (its speaker or its cue)."""
        attr = cue.i
        if spk is not None and p.outer_end <= spk.idx < cue.idx:
            attr = min(attr, spk.left_edge.i)
        # ', as the memo put it': the conjunction opens the attribution
        for c in cue.children:
            if c.dep_ == "mark" and c.i < attr and c.idx >= p.outer_end:
                attr = c.i
        k = attr - 1
        doc = self.doc
        while k >= 0 and doc[k].idx >= p.outer_end and (doc[k].is_punct or doc[k].is_space):
            k -= 1
        if k < 0 or doc[k].idx < p.outer_end:
            return p.outer_end
        end = doc[k].idx + len(doc[k].text)
        j = bisect.bisect_left(self.passage_starts, p.outer_end)
        if "\n" in self.text[p.outer_end : end] or (
            j < len(self.passages) and self.passages[j].outer_start < end
        ):
            return p.outer_end
        return end

    def run_on_end(self, p: Passage, end: int, cue: Token) -> int:
        """The end of a mixed quote whose reported clause the parse closed with the
        passage ('told them polls could be "way off," and have been unreliable'): the
        sentence runs on to its end (a terminator, a semicolon, a dash, another
        passage, a new attribution or a clause of a later event stops it)."""
        if end > p.outer_end or p.close_at is None:
            return end
        doc = self.doc
        t = self.tok_at(p.outer_end)
        if t is None:
            return end
        if t.idx < p.outer_end:
            if t.i + 1 >= len(doc):
                return end
            t = doc[t.i + 1]
        sent = self.sent_of(doc[max(0, t.i - 1)])
        last = None
        for k in range(t.i, sent.end):
            tok = doc[k]
            if tok.text in TERMINATORS or tok.text in (";", ":"):
                break
            if "\n" in tok.text_with_ws and not tok.is_punct:
                last = tok
                break
            if tok.is_space or "\n" in tok.text or self.in_passage(tok) is not None:
                break
            if (
                _opens_event_time(tok)
                and tok.lower_ != "while"  # '... of "X" while Labour helped ...': a contrast
                and tok.head.head == cue
                and _later_event_of_cue(tok.head)
            ):
                break  # 'called her a "disgrace" after she ...': what she did next
            subj = speaker_of(tok) if tok.i != cue.i and _is_cue(tok) else None
            if subj is not None:
                # ', he said': the content stops before the attribution
                stop = min(tok.i, subj.left_edge.i) if subj.i < tok.i else tok.i
                last = next(
                    (doc[j] for j in range(stop - 1, t.i - 1, -1) if not doc[j].is_punct), None
                )
                break
            if not tok.is_punct:
                last = tok
        if last is None:
            return end
        return last.idx + len(last.text)

    def enclosing_clause(self, cue: Token, p: Passage) -> tuple[int, int] | None:
        """The reported clause of ``cue`` that holds passage ``p``."""
        source = _according_to(cue)
        if source is not None:
            # 'According to the club, the manager "has the full backing of the board"':
            # the rest of the sentence after the aside
            doc = self.doc
            k = max(cue.right_edge.i, source.right_edge.i) + 1
            while k < len(doc) and ((doc[k].is_punct and not doc[k].is_quote) or doc[k].is_space):
                k += 1
            sent_end = self.sent_of(cue).end_char
            if k < len(doc) and doc[k].idx < p.outer_start and p.outer_end <= sent_end:
                return self.trim(doc[k].idx, sent_end)
            return None
        for child in cue.children:
            if child.dep_ in (
                "ccomp",
                "xcomp",
                "dobj",
                "advcl",
                "conj",
                "prep",
                "oprd",
                "attr",
                "acomp",
            ):
                s = child.left_edge.idx
                e = child.right_edge.idx + len(child.right_edge.text)
                if s <= p.start and p.start < e:
                    child = _that_clause_in(child, p.start) or child
                    s = _content_start(cue, child).idx
                    last = _cut_clause_end(cue, child)
                    cut = _end_before_next_statement(
                        child, cue, p, max(e, last.idx + len(last.text))
                    )
                    if cut is None:
                        return None
                    return min(s, p.outer_start), max(cut, p.outer_end)
        return None

    def wider_clause(self, cue: Token, p: Passage) -> tuple[int, int] | None:
        """The reported clause of ``cue`` when it runs on past passage ``p`` ('Bush
        said "local forces" must lead the way'), else None."""
        clause = self.enclosing_clause(cue, p)
        if clause is None:
            return None
        s, e = clause
        tail = self.text[p.outer_end : e]
        if "\n" in tail or len(re.findall(r"\w+", tail)) < 2:
            return None
        return s, e

    def passage_tokens(self, p: Passage) -> list[Token]:
        a, b = self.tok_at(p.start), self.tok_at(max(p.start, p.end - 1))
        if a is None or b is None:
            return []
        return [t for t in self.doc[a.i : b.i + 1] if p.start <= t.idx < p.end]

    def governing(self, p: Passage) -> list[Token]:
        """Ancestors of the passage outside its marks, nearest first."""
        root = self._passage_root(p)
        if root is None:
            return []
        chain = []
        for a in _reporting_ancestors(root):
            if self.line_of(a.idx) != p.line:
                break  # a parse run on across paragraphs: no verb there governs it
            if not (p.outer_start <= a.idx < p.outer_end):
                chain.append(a)
        return chain

    def embedded_attribution(
        self, p: Passage
    ) -> tuple[Token, tuple[int, int], Token | None] | None:
        """For a passage embedded in a sentence: (cue, content span, speaker) from the
        verb that governs it ("told them that they must now "lead ..."", "called
        them "deplorables"")."""
        chain = self.governing(p)
        if not chain:
            return None
        for k, a in enumerate(chain):
            if _is_cue(a, beliefs=True):
                break  # a speech verb nearer the passage reports it
            owner = next((c for c in a.children if c.dep_ == "poss"), None)
            child = chain[k - 1] if k else self._passage_root(p)
            if (
                owner is not None
                and child is not None
                and child.i > a.i
                and a.lemma_.lower() in SPEECH_NOUNS
            ):
                # "Politifact seized on Trump's claim that there were "thousands of
                # shootings"": the claim is Trump's
                end = child.right_edge.idx + len(child.right_edge.text)
                return a, (min(child.left_edge.idx, p.start), max(end, p.outer_end)), owner
        cues = [a for a in chain if _is_cue(a, beliefs=True) and reported_speaker(a) is not None]
        if cues:
            cue = _outer_cue(cues)
            k = chain.index(cue)
            inner = speaker_of(cue)
            if (
                cue.lemma_.lower() == "call"
                and inner is not None
                and inner.lower_ in PRONOUNS
                and any(c.lower_ == "what" and c.dep_ == "dobj" for c in cue.children)
            ):
                # "X condemned what he called a "brazen breach"": the statement is X's
                outer = [
                    v
                    for v in chain[k + 1 :]
                    if v.pos_ in ("VERB", "AUX") and speaker_of(v) is not None
                ]
                if outer:
                    cue = outer[0]
                    k = chain.index(cue)
            child = chain[k - 1] if k > 0 else self._passage_root(p)
            if child is None:
                return None
            child = _that_clause_in(child, p.start) or child
            s = _content_start(cue, child).idx
            last = _cut_clause_end(cue, child)
            cut = _end_before_next_statement(child, cue, p, last.idx + len(last.text))
            if cut is None:
                return None
            e = cut
            if child.idx < cue.idx < e:
                s = cue.idx + len(cue.text)
            elif (
                cue.dep_ == "relcl"
                and cue.head.i != cue.i
                and cue.idx < p.outer_start
                and cue.left_edge.lower_ not in ("where", "when")
            ):
                # 'a clip that the judge called "distasteful"', 'Rubio, who he dubbed
                # "the little senator"': the words named take the relative clause along
                # (not "Reeves, who described the plans as "..."": its speaker)
                rel = cue.left_edge
                if rel.dep_ not in SUBJ_DEPS and rel.lower_ in ("who", "whom", "which"):
                    s = rel.idx
                elif rel.dep_ not in SUBJ_DEPS and cue.head.idx < rel.idx:
                    s = _np_span(cue.head)[0]
            return cue, (min(s, p.start), max(e, p.outer_end)), reported_speaker(cue)
        for v in chain:
            if v.pos_ in ("VERB", "AUX") and speaker_of(v) is not None:
                k = chain.index(v)
                child = chain[k - 1] if k > 0 else self._passage_root(p)
                rights = [c for c in v.rights if c.dep_ not in ("punct", "cc", "advmod")]
                if child is None or not rights or child.idx < v.idx:
                    return None
                s = rights[0].left_edge.idx
                e = child.right_edge.idx + len(child.right_edge.text)
                return v, (min(s, p.start), max(e, p.outer_end)), speaker_of(v)
            if v.dep_ in ("ROOT",):
                break
        return None

    def _passage_root(self, p: Passage) -> Token | None:
        """The first token of the passage whose head is outside its marks (or itself)."""
        return next(
            (
                t
                for t in self.passage_tokens(p)
                if t.head.i == t.i or not (p.outer_start <= t.head.idx < p.outer_end)
            ),
            None,
        )

    def fallback_speaker(self, cue: Token, p: Passage) -> Token | None:
        """The speaker of an attribution after a quote when the parse gave none (or one
        inside the quote): "said Hester", "Obama's former campaign strategist said",
        "Flynn, a top Trump surrogate, said"."""
        doc = self.doc
        i = cue.i + 1
        # 'said retired neurosurgeon Ben Carson': a modifier before the noun
        described = (
            i + 1 < len(doc)
            and doc[i].tag_ in ("JJ", "VBN", "VBD")
            and doc[i + 1].pos_ in ("NOUN", "PROPN")
        )
        # 'said Skelly': a capitalised word the tagger took for another part of speech
        name_like = i < len(doc) and doc[i].is_title and doc[i].is_alpha and not doc[i].is_stop
        if (
            i < len(doc)
            and cue.lemma_.lower() not in UNINVERTED_HEARER_VERBS  # "told Fox News"
            and (doc[i].pos_ in ("PROPN", "NOUN", "PRON", "DET", "NUM") or described or name_like)
            and doc[i].ent_type_ not in ("DATE", "TIME")  # 'Jordan said Monday'
            and not self.in_passage(doc[i])
        ):
            j = i + 1 if described else i
            while (
                j < len(doc)
                and doc[j].pos_ in ("PROPN", "DET", "ADJ", "NOUN", "NUM")  # "one shopper"
                and doc[j].text not in ",."
            ):
                if doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
                    i = j
                j += 1
                if doc[j - 1].pos_ == "NOUN" and doc[j - 1].dep_ != "compound":
                    break
            return doc[i]
        j = cue.i - 1
        if j >= 0 and doc[j].text == ",":
            j -= 1  # 'Flynn, a top Trump surrogate, said'
        while j >= 0 and doc[j].idx >= p.outer_end:
            t = doc[j]
            rel = next((a for a in (t, *t.ancestors) if a.dep_ in ("relcl", "appos")), None)
            if (
                rel is not None
                and p.outer_end <= rel.head.idx < t.idx
                and any(w.text == "," for w in doc[rel.head.i : rel.i])
            ):
                # 'a source, who was not authorized to speak, told', 'Ramos, 58, told'
                j = rel.head.i
                continue
            if (t.pos_ in ("NOUN", "PROPN", "PRON") or _age_word(t)) and not self.in_passage(t):
                return _named_head(t, p.outer_end, cue.idx)
            if t.is_punct and t.text not in ("\u2019s", "'s"):
                break
            j -= 1
        return None

    def colon_before(self, p: Passage) -> tuple[Token, Token | None] | None:
        """A quotation paragraph introduced by the paragraph before it ("Caddell
        continued:"): (cue, speaker)."""
        li = p.line - 1
        while li >= 0:
            a, b = self.line_span(li)
            seg = self.text[a:b].strip()
            if seg:
                break
            li -= 1
        else:
            return None
        if not seg.endswith(":"):
            return None
        last = self.tok_at(self.text.rfind(":", 0, b))
        if last is None:
            return None
        sent = self.sent_of(last)
        verbs = [t for t in sent if _is_cue(t) and not self.in_passage(t)]
        if not verbs:
            verbs = [sent.root] if sent.root.pos_ in ("VERB", "AUX") else []
        for v in reversed(verbs):
            spk = speaker_of(v)
            if spk is not None and not self.in_passage(spk):
                return v, spk
        # "Stated Stone:", "17-year-old Jared Potts echoed:" (any verb, or none)
        toks = [t for t in self.doc[sent.start : last.i + 1] if t.idx >= a]
        spk = self.colon_speaker(toks)
        if spk is not None:
            return last, spk
        return None

    def _np_head_before(self, toks: list[Token]) -> Token | None:
        """The speaker-like noun nearest the end of ``toks``: a person or organisation
        mention first, else a proper noun, noun or pronoun."""
        words = [
            t
            for t in toks
            if t.pos_ in ("PROPN", "NOUN", "PRON")
            and t.ent_type_ not in ("DATE", "TIME")  # "posted late on Sunday:"
            and not self.in_passage(t)
        ]
        if not words:
            return None
        for t in reversed(words):
            m = self.mention_over(t.idx, t.idx + len(t.text))
            if m is not None and _label(m) in (PERSON_LABELS | {"ORG", "NORP"}):
                return t
        return words[-1]

    def colon_speaker(self, before: list[Token]) -> Token | None:
        """'Stated Stone: "..."', 'Trump leaned in and boomed: "..."', 'Michael P.
        McDonald: "..."': the speaker of a passage introduced by a colon in its own
        sentence, whatever the verb."""
        if not before or before[-1].text != ":":
            return None
        toks = [t for t in before[:-1] if not t.is_space]
        # a heading before a dash ("IOWA POLLS NOT WRONG - Mark Blumenthal:") is left out
        for k in range(len(toks) - 1, -1, -1):
            if toks[k].text in DASHES:
                toks = toks[k + 1 :]
                break
        if not toks:
            return None
        verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBG"]
        for v in reversed(verbs):
            subj = speaker_of(v)
            if (
                subj is not None
                and toks[0].i <= subj.i < v.i
                and subj.lower_ not in ("here", "there")
            ):
                return subj
        if verbs and verbs[0].i == toks[0].i:
            # inverted: "Stated Stone:", "Continued Stone:"
            return self._np_head_before(toks[1:]) if len(toks) > 1 else None
        return self._np_head_before(toks)

    def after_speaker(self, p: Passage, after: list[Token]) -> Token | None:
        """'"Go back," Trump barked', '"...," read one', '"...," Trump, the front-runner,
        ...': the noun phrase right after a passage that ends on a comma, question or
        exclamation mark, with any verb."""
        inner_last = self.text[p.end - 1] if p.end > p.start else ""
        words = [t for t in after if not t.is_space]
        if not words:
            return None
        if words[0].text == ",":
            words = words[1:]
        elif inner_last not in ",?!":
            return None
        if not words:
            return None
        first = words[0]
        if first.pos_ in ("VERB", "AUX") and len(words) > 1:
            # inverted: "read one", "said Hester"
            nxt = words[1]
            if nxt.pos_ in ("PROPN", "NOUN", "PRON", "DET", "NUM", "ADJ"):
                return self.fallback_speaker(first, p)
            return None
        if first.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            return None
        if first.lower_ in ("that", "this", "these", "those", "there", "here"):
            return None  # '"Where is the money?" That was the question ...'
        for t in words[:12]:
            if t.pos_ in ("VERB", "AUX"):
                subj = speaker_of(t)
                if subj is not None and first.i <= subj.i < t.i:
                    return subj
                break
        if first.pos_ in ("PROPN", "PRON"):
            j = first.i
            while j + 1 < len(self.doc) and self.doc[j + 1].pos_ == "PROPN":
                j += 1
            return self.doc[j]
        return None

    def guess_speaker(
        self, p: Passage, before: list[Token], after: list[Token], cue: Token | None
    ) -> Token | None:
        """A speaker for a passage whose cue has no subject in the parse (or that has
        no speech verb): the rows get a lower confidence."""
        if not self.has_parse:
            return None
        spk = self.colon_speaker(before)
        if spk is None:
            spk = self.after_speaker(p, after)
        if spk is None and cue is not None and cue.lower_ != "according":
            sent = self.sent_of(cue)
            toks = [t for t in self.doc[sent.start : cue.i] if t.idx >= self.line_starts[p.line]]
            if cue.idx < p.outer_start:
                spk = self._np_head_before(toks)
            else:
                toks = [t for t in toks if t.idx >= p.outer_end]
                spk = self._np_head_before(toks)
        return spk

    def prev_sentence_speaker(self, p: Passage, since: int) -> tuple[Token, Token] | None:
        """'Dianne Bystrom agreed. "Mainstream Republicans are ..."': a passage that
        opens a sentence with no cue of its own takes the subject of a speech verb in
        the sentence just before it, in the same paragraph (after ``since``)."""
        first = self.tok_at(p.outer_start)
        if first is None or first.i == 0:
            return None
        line_a = self.line_starts[p.line]
        prev = self.sent_of(self.doc[first.i - 1])
        if prev.start_char < line_a and self.sent_of(first).start <= prev.start:
            # the parser ran the sentences together: from the line start on
            toks = [t for t in self.doc[prev.start : first.i] if t.idx >= line_a]
        else:
            toks = [t for t in prev if t.idx >= line_a and t.i < first.i]
        if not [t for t in toks if not t.is_space] and p.line > 0:
            # the passage opens its paragraph: 'X says his firm is the only one.\n\n
            # "There are ..."' takes the last sentence of the paragraph before
            line_a = self.line_starts[p.line - 1]
            while line_a > 0 and not self.text[line_a : self.line_starts[p.line]].strip():
                line_a = self.line_starts[self.line_of(line_a - 1)]
            toks = [t for t in prev if t.idx >= line_a and t.i < first.i and not t.is_space]
        if not toks or any(self.in_passage(t) for t in toks) or toks[0].idx < since:
            # a quote in that sentence: its attribution is that quote's (inherited)
            return None
        cues = [t for t in toks if (_is_cue(t) and t.lower_ != "according") or _puts_it(t)]
        for c in sorted(cues, key=_depth):
            if c.tag_ == "VBN" and c.dep_ in ("advcl", "acl", "amod"):
                continue
            spk = speaker_of(c)
            if spk is not None and spk.idx >= line_a and not self.in_passage(spk):
                if spk.lower_ in ("it", "there"):
                    continue
                return c, spk
        return None

    def dash_after(self, after: list[Token], since: int | None = None) -> Signature | None:
        """'"...." - Karen Bobadilla': the dash and the name after it (a dash glued to
        the name, '-President Obama', is split off; one glued to the closing mark,
        '..."― Pamela Padilla', lies between ``since`` and the name)."""
        if not after:
            return None
        first = after[0]
        gap = self.text[since : first.idx].strip() if since is not None else ""
        if gap in DASHES:
            names, dash, start = after, gap, None
        elif first.text in DASHES:
            names, dash, start = after[1:], first.text, None
        elif first.text[:1] in DASHES and first.text[1:2].isupper():
            names, dash, start = after, first.text[0], first.idx + 1
        else:
            return None
        # the name, or a title and a name ("club chairman Tony Bloom", "Liberal Democrat
        # leader Ed Davey", "Downing Street spokesperson"), to the end of its line
        head = None
        named = False
        for t in names:
            if t.pos_ not in ("PROPN", "NOUN", "ADJ"):
                break
            head = t if t.pos_ in ("PROPN", "NOUN") else head
            named = named or t.pos_ == "PROPN"
            if "\n" in t.whitespace_:
                break
        if head is None or not named:
            return None
        if head.pos_ == "NOUN" and head.lemma_.lower() not in PERSON_WORDS:
            return None  # '"playing tennis in tennis whites" - a white Lacoste shirt'
        begin = start if start is not None else names[0].idx
        return Signature(dash, head, (begin, head.idx + len(head.text)))

    def owner_of_words_after(self, p: Passage) -> tuple[str, Token] | None:
        """'"This is not the end" - those were the words of the coach', '"...." That
        was the verdict of the judge': (cue, the owner's head)."""
        m = WORDS_OF_RE.match(self.text, p.outer_end)
        tok = self.tok_at(m.end()) if m is not None else None
        if m is None or tok is None or "\n" in m.group(0):
            return None
        while tok.dep_ in ("det", "amod", "compound", "poss", "nummod") and tok.head.i > tok.i:
            tok = tok.head
        if tok.pos_ not in ("NOUN", "PROPN"):
            return None
        return m.group(1), tok

    def dash_ending_line(self, p: Passage, idx: int) -> Signature | None:
        """'"... money." And that's all he has "the root of all evil." - Christina
        Lastra': a line opened by passage ``idx`` and closed by a dash and a name
        is that person's, every passage on it."""
        line_a = self.line_span(p.line)[0]
        if strip_blank(self.text[line_a : p.outer_start]):
            return None
        last = idx
        while last + 1 < len(self.passages) and self.passages[last + 1].line == p.line:
            last += 1
        if last == idx:
            return None
        last_p = self.passages[last]
        return self.dash_after(self.window(last_p, last)[1], last_p.outer_end)

    def in_noun_phrase(self, p: Passage) -> bool:
        """Passage ``p`` right after a determiner or an adjective ('an "informal
        trawl"', 'the "new terrorism"'): words of a noun phrase, not a quotation."""
        before = self.tok_at(p.outer_start - 1) if p.outer_start > 0 else None
        return (
            before is not None
            and before.pos_ in ("DET", "ADJ", "PRON")
            and (before.idx + len(before.text) <= p.outer_start)
        )

    def dash_line_after(self, p: Passage) -> Signature | None:
        """'"Great speech. She's ready."\n\n-President Obama, tweeting': a paragraph of
        quotation signed on the next line, a dash and a name."""
        line_b = self.line_span(p.line)[1]
        if strip_blank(self.text[p.outer_end : line_b]).strip(ALL_MARKS + ".,"):
            return None
        li = p.line + 1
        while li < len(self.line_starts) and not self.text[slice(*self.line_span(li))].strip():
            li += 1
        if li >= len(self.line_starts) or li - p.line > 2:
            return None
        a, b = self.line_span(li)
        first = self.tok_at(a + len(self.text[a:b]) - len(self.text[a:b].lstrip()))
        if first is None:
            return None
        return self.dash_after([t for t in self.doc[first.i : first.i + 8] if t.idx < b])

    def names_a_title(self, p: Passage) -> bool:
        """'on CBS's "Face the Nation,"' and 'waved "Hispanics para Trump" signs': a
        title-case name in the middle of a sentence names a show, a book or a sign."""
        pre = self.text[: p.outer_start].rstrip(" \t")[-1:]
        if not (pre.isalnum() or pre in "\u2019'"):
            return False
        words = self.text[p.start : p.end].rstrip(",.").split()
        if not 2 <= len(words) <= 8 or not words[0][0].isupper() or not words[-1][0].isupper():
            return False
        return all(w[0].isupper() or (w.isalpha() and w.islower() and len(w) <= 4) for w in words)

    @staticmethod
    def after_owner_or_preposition(p: Passage, before: list[Token]) -> bool:
        """'said on Fox News's "Fox and Friends"': a name owned or governed by a
        preposition is a title even when a cue precedes it."""
        last = before[-1] if before else None
        return last is not None and (last.tag_ == "POS" or last.pos_ == "ADP")

    def do_passages(self) -> None:
        prev_row: dict | None = None
        prev_passage: Passage | None = None
        for idx, p in enumerate(self.passages):
            line_a, line_b = self.line_span(p.line)
            if p.line not in self.headline_lines:
                self.headline_lines[p.line] = _is_headline(self.text[line_a:line_b])
            if self.headline_lines[p.line]:
                continue
            m = TRANSCRIPT_RE.match(self.text, p.start, p.end)
            if m and m.end() < p.end:
                row = self.add_row(
                    m.end(), p.end, "direct", None, ":", 0.7, speaker_span=(m.start(1), m.end(1))
                )
                if row is not None:
                    prev_row, prev_passage = row, p
                continue
            before, after = self.window(p, idx) if self.has_parse else ([], [])
            cue, where = self.choose_cue(p, before, after) if self.has_parse else (None, "")
            if self.names_a_title(p) and (
                where != "before" or self.after_owner_or_preposition(p, before)
            ):
                continue  # a title; 'called Cruz "Lyin' Ted"' still quotes a name
            if cue is not None and where == "after":
                spk0 = speaker_of(cue)
                if spk0 is not None and self.in_passage(spk0) and self.in_noun_phrase(p):
                    continue  # 'An "informal trawl" of records found ...': the subject
                if spk0 is None or self.in_passage(spk0):
                    spk1 = self.fallback_speaker(cue, p) or self.after_speaker(p, after)
                    if spk1 is not None:
                        row = self.add_row(p.start, p.end, "direct", spk1, _cue_text(cue), 0.8)
                        if row is not None:
                            prev_row, prev_passage = row, p
                        continue
            # 'What they said:\n\n"A disgraceful decision" - Ed Davey': a signature right
            # after the passage outranks a cue on a line before it
            cue_above = cue is not None and where == "before" and self.line_of(cue.idx) < p.line
            if (cue is None or cue_above) and self.has_parse:
                dash = self.dash_after(after, p.outer_end)
                if dash is None and cue is None:
                    dash = self.dash_ending_line(p, idx) or self.dash_line_after(p)
                if dash is not None:
                    row = self.add_row(
                        p.start, p.end, "direct", dash.name, dash.dash, 0.75, speaker_span=dash.span
                    )
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
                owner = self.owner_of_words_after(p)
                if owner is not None:
                    row = self.add_row(p.start, p.end, "direct", owner[1], owner[0], 0.75)
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
            pre_char = self.text[: p.outer_start].rstrip(" \t")[-1:] if p.outer_start else ""
            embedded = (
                bool(pre_char)
                and (pre_char.isalnum() or pre_char in ",\u2019'")
                and pre_char != "\n"
            )
            words_before = [t for t in before if not t.is_punct and strip_blank(t.text)]
            n_words = len(self.text[p.start : p.end].split())
            starts_line = not strip_blank(self.text[line_a : p.outer_start])
            par = self.parenthetical_cue(p, before) if self.has_parse and cue is not None else None
            if par is not None:
                pcue, pspk, pstart = par
                pend = self.run_on_end(p, p.end, pcue)
                row = self.add_row(pstart, pend, "mixed", pspk, _cue_text(pcue), 0.75)
                if row is not None:
                    prev_row, prev_passage = row, p
                continue
            if self.has_parse and embedded and (cue is None or where == "before"):
                emb = self.embedded_attribution(p)
                if emb is not None:
                    ecue, (es, ee), espk = emb
                    # 'He said, "..."': the cue next to the passage, or only a comma or
                    # colon between them, introduces a quotation, not a clause with one
                    near = (
                        bool(words_before)
                        and words_before[-1].i == ecue.i
                        and (before[-1].i == ecue.i or pre_char in ",:")
                    )
                    if not near:
                        ee = self.run_on_end(p, ee, ecue)
                        row = self.add_row(es, ee, "mixed", espk, _cue_text(ecue), 0.75)
                        if row is not None:
                            prev_row, prev_passage = row, p
                        continue
                    if (
                        cue is None
                        and ecue.pos_ == "VERB"
                        and p.close_at is not None
                        and not _is_cue(ecue, beliefs=True)
                    ):
                        # 'Clinton supports "appropriate pay raises" for workers': the
                        # object of a verb of stance, with what follows it
                        ee = self.run_on_end(p, p.end, ecue)
                        es, etype = (
                            (p.outer_start, "mixed") if ee > p.outer_end else (p.start, "direct")
                        )
                        row = self.add_row(es, ee, etype, espk, _cue_text(ecue), 0.7)
                        if row is not None:
                            prev_row, prev_passage = row, p
                        continue
            if cue is None and starts_line and self.has_parse:
                col = self.colon_before(p)
                if col is not None:
                    row = self.add_row(p.start, p.end, "direct", col[1], _cue_text(col[0]), 0.8)
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
            if cue is not None:
                spk = reported_speaker(cue)
                conf = 0.9 if spk is not None else 0.6
                qtype = "direct"
                start, end = p.start, p.end
                if where == "before":
                    near = bool(before) and before[-1].i == cue.i
                    wider = self.wider_clause(cue, p) if near and pre_char not in ":," else None
                    if wider is not None:
                        qtype, (start, end) = "mixed", wider
                        conf -= 0.1
                    elif (
                        pre_char in ":,"
                        or near
                        or pre_char in ("", "\n")
                        # '..., said Sen. Chuck Schumer, D-N.Y. "We will ...': the
                        # abbreviation's period ends the sentence before the passage
                        or (pre_char == "." and self.text[p.start : p.start + 1].isupper())
                    ):
                        qtype = "direct"
                    else:
                        clause = self.enclosing_clause(cue, p)
                        if clause is not None:
                            qtype, (start, end) = "mixed", clause
                            end = self.run_on_end(p, end, cue)
                        else:
                            qtype = "partial"
                        conf -= 0.1
                elif where == "after":
                    run_on = self.content_end_before(p, cue, spk)
                    if words_before and not starts_line and pre_char not in ":":
                        # "He called it "a disaster," Trump said": the words before
                        # belong to the content too
                        qtype, start, end = "mixed", before[0].idx, run_on
                        conf -= 0.1
                    elif run_on > p.outer_end:
                        # '"I held and hugged" the families, he said': the words after
                        # the passage up to the attribution are part of the content
                        qtype, start, end = "mixed", p.outer_start, run_on
                        conf -= 0.1
                # no subject: an inherited speaker of the same paragraph or the one before
                if (
                    spk is None
                    and cue.lower_ != "according"
                    and (
                        prev_row is not None
                        and prev_passage is not None
                        and p.line - prev_passage.line <= 1
                    )
                ):
                    row = self.add_row(
                        start, end, qtype, None, _cue_text(cue), 0.6, inherited=prev_row
                    )
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
                if spk is None:
                    spk = self.guess_speaker(p, before, after, cue)
                row = self.add_row(start, end, qtype, spk, _cue_text(cue), conf)
                if row is not None:
                    prev_row, prev_passage = row, p
                continue
            # no cue: a colon or a noun phrase and verb next to the passage name the
            # speaker ('Stated Stone: "..."', '"Go back," Trump barked')
            if (
                pre_char == ":"
                and prev_row is not None
                and prev_row["quote_type"] != "indirect"
                and prev_row["start_char"] >= line_a
                and not self.text[prev_row["end_char"] : p.outer_start].strip(" :,\"\u201d'")
            ):
                # 'He hoped with his "whole heart" that Trump wins: "That way ..."': the
                # reported clause introduces the passage, whose speaker is the clause's
                row = self.add_row(p.start, p.end, "direct", None, None, 0.7, inherited=prev_row)
                if row is not None:
                    prev_row, prev_passage = row, p
                continue
            if self.has_parse and not embedded or pre_char == ":":
                guess = self.colon_speaker(before) or self.after_speaker(p, after)
                if guess is not None:
                    row = self.add_row(p.start, p.end, "direct", guess, None, 0.5)
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
            # no cue: a sentence of speech just before names the speaker
            if self.has_parse and not before and not embedded and n_words > 3:
                since = prev_row["end_char"] if prev_row is not None else 0
                ps = self.prev_sentence_speaker(p, since)
                if ps is not None:
                    row = self.add_row(p.start, p.end, "direct", ps[1], _cue_text(ps[0]), 0.6)
                    if row is not None:
                        prev_row, prev_passage = row, p
                    continue
            # no cue: a continued paragraph or a sentence after a quote inherits
            near_prev = (
                prev_row is not None
                and prev_passage is not None
                and (
                    p.line == prev_passage.line
                    or (p.line - prev_passage.line <= 2 and (prev_passage.continued or starts_line))
                )
            )
            if near_prev and not embedded and starts_line_or_sentence(self.text, p, line_a):
                row = self.add_row(p.start, p.end, "direct", None, None, 0.7, inherited=prev_row)
                if row is not None:
                    prev_row, prev_passage = row, p
                continue
            if embedded or n_words <= 3:
                # a title, a scare quote or a word in quotation marks: not a quote
                continue
            if not starts_line_or_sentence(self.text, p, line_a):
                continue
            row = self.add_row(p.start, p.end, "direct", None, None, 0.4)
            if row is not None:
                prev_row, prev_passage = row, p

    # -- indirect speech
    def do_title_source(self) -> None:
        """A title that names its source before a colon, then what the source said
        ("Pence: Gennifer Flowers Won't Be at Debate", "Goldsmith: 'I was not leant on'"):
        one row, when the source is exactly a person or an organisation and what follows
        is a statement, a clause or a quotation ("Johnny Depp: The acting outlaw" is a
        profile, "Ted Cruz: Constitutional conservative or career politician?" a
        question)."""
        if not self.has_parse or not self.line_starts:
            return
        a, b = self.line_span(0)
        m = TITLE_SOURCE_RE.match(self.text, a, b)
        if m is None or self.text[a:b].rstrip().endswith("?"):
            return
        span = self.title_source(*m.span(1))
        if span is None:
            return
        s, e = span
        start, end = m.span(2)
        clause = any(
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.lower_ in ("n't", "’s", "'s")
            for t in self.doc.char_span(start, end, alignment_mode="expand") or ()
        )
        if not clause and self.passage_at(start) is None:
            return
        if any(r["start_char"] < end and start < r["end_char"] for r in self.rows):
            # a quotation of the title, as the title's source said it ("Rush Limbaugh:
            # Hillary Asking Moderator To Fact Check Trump 'Reeks of Fear.'"), not as
            # the words around it were parsed
            kept = [r for r in self.rows if not (start <= r["start_char"] < end)]
            if any(r["start_char"] < end and start < r["end_char"] for r in kept):
                return  # a row runs out of the title: leave it whole
            self.rows = kept
            self.row_starts = [r["start_char"] for r in kept]
        whole = self.passage_at(start)
        if whole is not None and (whole.outer_start, whole.outer_end) == (start, end):
            start, end, qtype = whole.start, whole.end, "direct"
        else:
            qtype = "indirect"
        self.add_row(start, end, qtype, self.tok_at(e - 1), ":", 0.6, speaker_span=(s, e))

    def title_source(self, s: int, e: int) -> tuple[int, int] | None:
        """The source that the words ``s``..``e`` of a title before its colon name, as
        a character span: a person or an organisation, with the role before it ("OK Gov
        Fallin") or the audience after it ("Clinton to Planned Parenthood", "Former AG
        Mukasey at RNC"), or a finding ("Poll: Trump and Clinton hold narrow leads")."""
        word = self.tok_at(s)
        # "Analysis:" is the kind of article, not a source
        if (
            word is not None
            and word.idx + len(word.text) == e
            and word.lemma_.lower() in FINDING_NOUNS - {"analysis"}
        ):
            return s, e
        source = self.mention_over(s, e)
        if source is None or _label(source) not in (
            *PERSON_LABELS,
            "ORG",
        ):
            return None
        a, b = source["start_char"], source["end_char"]
        before, after = self.text[s:a].split(), self.text[b:e].split()
        if a < s or b > e or not all(w[:1].isupper() for w in before):
            return None
        if after and not (
            after[0].lower() in ("to", "at") and all(w[:1].isupper() for w in after[1:])
        ):
            return None
        return a, b

    def do_indirect(self) -> None:
        if not self.has_parse:
            return
        stances: list[Token] = []  # looked at last: a statement outranks a stance
        for tok in self.doc:
            if self.in_passage(tok) is not None:
                continue
            spk = _according_to(tok) or self.source_phrase(tok)
            if spk is not None:
                # "according to X, ...", "In a CBS News poll, ...": the rest of the
                # sentence is what X says
                sent = self.sent_of(tok)
                # the parse may hang "to X" elsewhere: the aside runs to X's end
                cover = range(tok.left_edge.i, max(tok.right_edge.i, spk.right_edge.i) + 1)
                runs: list[list[Token]] = [[]]
                for t in sent:
                    if t.i in cover:
                        runs.append([])
                    else:
                        runs[-1].append(t)
                # a run of only "But" or "However," is no content
                runs = [r for r in runs if any(_is_content_word(t) for t in r)]
                if not runs:
                    continue
                # "Only one person was killed, according to the police, and there
                # were eight incidents": an aside in mid-sentence reports all of it,
                # as a parenthetical "he said" does; the longest run if that overlaps
                # a quotation
                best = max(runs, key=len)
                conf = 0.6 if tok.lower_ == "according" else 0.5
                for first, last in ((runs[0][0], runs[-1][-1]), (best[0], best[-1])):
                    s, e = first.idx, last.idx + len(last.text)
                    if not (self.overlaps_row(s, e, quoted_only=True) or self.duplicates_row(s, e)):
                        self.add_row(s, e, "indirect", spk, _cue_text(tok), conf)
                        break
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_NOUNS:
                comp = [
                    c
                    for c in tok.children
                    if c.dep_ in ("acl", "ccomp", "relcl") and self._has_that(c)
                ]
                if not comp:
                    continue
                spk = None
                for c in tok.children:
                    if c.dep_ == "poss":
                        spk = c
                    if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                        for gc in c.children:
                            if gc.dep_ == "pobj":
                                spk = gc
                if spk is None:
                    continue
                c = comp[0]
                s, e = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
                if self.overlaps_row(s, e):
                    continue
                self.add_row(s, e, "indirect", spk, tok.text, 0.5)
                continue
            if not _is_cue(tok, beliefs=True):
                stances.append(tok)
                continue
            comps = [c for c in tok.children if c.dep_ == "ccomp"]
            if not comps and (stray := _that_clause_on_phrase(tok)) is not None:
                comps = [stray]
            if not comps:
                if not self.parenthetical(tok):
                    stances.append(tok)
                continue
            if put_to_subject(tok) or (tok.tag_ == "VBN" and tok.dep_ in ("advcl", "acl")):
                continue  # "Asked how ...": the question was put to the speaker
            spk = reported_speaker(tok)
            if spk is None and tok.dep_ == "acl" and tok.tag_ == "VBG":
                spk = tok.head  # "a statement saying that ...", "911 calls saying ..."
            if spk is None:
                continue
            belief = tok.lemma_.lower() not in SPEECH_LEMMAS and _particle(tok) is None
            # a bad parse can hang two clauses on one verb (a quotation and the
            # reported clause): each that is not quoted is reported speech
            for k, c in enumerate(comps):
                if k and not self._clause_like(c):
                    continue
                first = _taken_subject(tok, c) or c.left_edge
                s, e = self.within_paragraph(
                    tok, first.idx, c.right_edge.idx + len(c.right_edge.text)
                )
                last = _cut_clause_end(tok, c)
                cut_end = self.within_paragraph(tok, s, last.idx + len(last.text))[1]
                if cut_end > e and not self.duplicates_row(s, cut_end):
                    e = cut_end  # (a row of the quotation in it joins this one later)
                later = next_statement(c, tok)
                if later is not None:
                    e = later.idx
                if e - s < 8 or self.duplicates_row(s, e):
                    continue
                if self.within_quotation(s, e):
                    continue
                self.add_row(s, e, "indirect", spk, _cue_text(tok), 0.45 if belief else 0.6)
        for tok in stances:
            self.stance(tok)

    def source_phrase(self, tok: Token) -> Token | None:
        """'In a CBS News poll last month, Clinton led by 5 points', 'In Forbes'
        words, ...': a sentence opened by "in" and a finding or a voice, set off by a
        comma, reports what that source says; the source is the finding, or the owner
        of the words. Not when the sentence has its own speech verb or reported clause
        ("In a statement, the firm said ...", "In a survey, it found that ...": the
        verb reports it)."""
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.dep_ != "ROOT":
            return None
        sent = self.sent_of(tok)
        if any(not (t.is_punct or t.dep_ == "cc") for t in self.doc[sent.start : tok.i]):
            return None
        last = tok.right_edge
        if last.i + 1 >= sent.end or self.doc[last.i + 1].text != ",":
            return None
        if _is_cue(tok.head, beliefs=True) or any(c.dep_ == "ccomp" for c in tok.head.children):
            return None
        noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if noun is None:
            return None
        lemma = noun.lemma_.lower()
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if lemma in FINDING_NOUNS and owner is None:
            # "In its latest report, the OECD cut ...": the owner acts, the report is
            # where it did so
            return noun
        if lemma in VOICE_OF_OWNER_NOUNS:
            return owner
        return None

    def parenthetical(self, tok: Token) -> bool:
        """'The talks, he said, will resume.' and 'The talks will resume, he said.':
        a speech verb set off by commas reports the sentence around it."""
        if tok.lemma_.lower() not in SPEECH_LEMMAS or tok.lower_ == "according":
            return False
        spk = speaker_of(tok)
        if spk is None or tok.head.i == tok.i or tok.dep_ == "relcl":
            return False  # "Trump, who vowed to ...": a relative clause, not an aside
        if any(c.dep_ == "dobj" and c.lower_ not in ("so", "this") for c in tok.children):
            return False  # "..., the Italians confirmed their improvement": an object
        doc = self.doc
        sent = self.sent_of(tok)
        a = min(tok.i, spk.left_edge.i)
        if a <= sent.start or doc[a - 1].text not in (",", "—", "--"):
            return False
        # the attribution runs to the next comma or the end of the sentence
        b = max(tok.i, spk.right_edge.i) + 1
        while (
            b < sent.end
            and doc[b].text not in (",", ";", "—", "--")
            and doc[b].text not in TERMINATORS
        ):
            b += 1
        rest = [t for t in doc[b : sent.end] if not (t.is_punct or t.is_space)]
        first = doc[sent.start]
        while first.i < a - 1 and (first.is_punct or first.is_space):
            first = doc[first.i + 1]
        if first.i >= a - 1:
            return False
        s = first.idx
        if rest:
            last = rest[-1]
            e = last.idx + len(last.text)
        else:
            e = doc[a - 1].idx
        if e - s < 12 or self.duplicates_row(s, e) or self.in_passage(first):
            return False
        if any(self.in_passage(t) for t in (doc[a - 2], doc[min(b, sent.end - 1)])):
            return False
        self.add_row(s, e, "indirect", spk, tok.text, 0.55)
        return True

    def stance(self, tok: Token) -> None:
        """Attribution without a clause of speech: "X endorsed Y", "X wants to ...",
        "X called for ...", "Trump's attacks on the judge" (``self.frames``)."""
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN":
            frames = NOUN_FRAMES.get(lemma) or NOUN_FRAMES.get(tok.lower_)
            if not frames:
                return
            spk = next((c for c in tok.children if c.dep_ == "poss"), None)
            if spk is None:
                return
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in frames:
                    obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        self.add_stance(
                            obj.left_edge, obj.right_edge, spk, f"{tok.text} {c.text}", 0.35
                        )
                    return
            return
        frames = self.frames.get(lemma)
        if not frames or not stance_verb(tok):
            return
        if any(_quoted_as_saying(g) for c in tok.children for g in c.children):
            return  # "quoted an insider as saying ...": the insider's statement
        if any(put_to_subject(a) for a in (tok, *tok.ancestors)):
            return  # the question put to someone ("Asked how X views Y") is not X's
        if self.inside_row(tok.idx):
            return  # said within a statement or stance already kept: part of it
        found = next((c for c in stance_complements(tok) if c[0] in frames), None)
        if found is None:
            return
        frame, first, last, cue = found
        if frame == "xcomp" and _asks_anonymity(tok):
            return
        spk = reported_speaker(tok)
        if spk is not None and spk.lower_ == "it" and spk.dep_ == "expl":
            spk = None
        if (
            spk is None
            and lemma in SIDING_LEMMAS
            and tok.dep_ == "acl"
            and tok.tag_ == "VBG"
            and tok.head.pos_ in ("NOUN", "PROPN")
        ):
            spk = tok.head  # "the super PAC supporting Jeb Bush": the noun takes the side
        if spk is None and (lemma, frame) not in SUBJECTLESS_FRAMES:
            return
        self.add_stance(first, last, spk, cue, 0.4 if frame in ("ccomp", "xcomp") else 0.3)

    def add_stance(
        self, first: Token, last: Token, spk: Token | None, cue: str, conf: float
    ) -> None:
        if last.tag_ == "POS" and last.i + 1 < len(last.doc) and last.nbor().pos_ == "NOUN":
            # "dealt a heavy blow to Ukraine's hopes" parsed as two objects: the
            # owner does not end the complement, what it owns does
            last = last.nbor()
        s = first.idx
        e = last.idx + len(last.text)
        # "defended its decision to pause aid, with Leavitt calling criticism "absurd"":
        # the stance ends before an absolute clause of another speaker's statement
        for r in self.rows_near(s, e):
            other = r["speaker_start"]
            if other is not None and s < other < e:
                comma = self.text.rfind(", with ", s, other)
                with_ = self.tok_at(comma + 2) if comma > s else None
                if with_ is not None and any(c.tag_ == "VBG" for c in with_.children):
                    e = comma  # not "contrasted X, with Y, which he said ..."
        if e - s < 2 or self.duplicates_row(s, e):
            return
        if self.within_quotation(s, e):
            return
        if self.text[s:e].lower() == "what" and self.heading_line(s):
            return  # "What they said:" heads a list of what they said
        self.add_row(s, e, "indirect", spk, cue, conf)

    def heading_line(self, char: int) -> bool:
        """The line of ``char`` ends in a colon, as a heading of what follows does."""
        line_a, line_b = self.line_span(self.line_of(char))
        return self.text[line_a:line_b].rstrip().endswith(":")

    def inside_row(self, char: int) -> bool:
        return any(r["start_char"] <= char < r["end_char"] for r in self.rows_near(char, char + 1))

    def duplicates_row(self, s: int, e: int) -> bool:
        """A row over (mostly) the same text already exists."""
        for r in self.rows_near(s, e):
            ov = min(e, r["end_char"]) - max(s, r["start_char"])
            if ov > 0 and 2 * ov >= e - s and 2 * ov >= r["end_char"] - r["start_char"]:
                return True
        return False

    @staticmethod
    def _clause_like(tok: Token) -> bool:
        """A finite clause with its own subject, not opened by a relative word or a
        quotation mark."""
        first = tok.left_edge
        if first.lower_ in ("who", "which", "whom", "whose", "while", "let"):
            return False
        if first.text and first.text[0] in ALL_MARKS:
            return False
        return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)

    @staticmethod
    def _has_that(tok: Token) -> bool:
        return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)

    def one_statement(self, a: dict, b: dict) -> bool:
        """Rows ``a`` (indirect) and ``b`` (quoted, starting after ``a``) are one
        statement: the same cue and speaker mention, and ``b`` overlaps ``a`` or
        carries its clause on into the quotation ('said Democrats are to blame for
        focusing on "he said this"', which a bad parse splits in two)."""
        if a["quote_type"] != "indirect" or b["quote_type"] == "indirect":
            return False
        if a["cue"] != b["cue"] or a["speaker_start"] is None:
            return False
        if a["speaker_start"] != b["speaker_start"]:
            return False
        if b["start_char"] < a["end_char"]:
            return True
        gap = self.text[a["end_char"] : b["start_char"]]
        return self.text[a["end_char"] - 1].isalnum() and not gap.strip(" \t" + ALL_MARKS)

    def joined(self, a: dict, b: dict, end: int, qtype: str) -> dict:
        """Row ``a`` run on to ``end`` over row ``b`` of the same statement."""
        return {
            **a,
            "text": self.text[a["start_char"] : end],
            "end_char": end,
            "quote_type": qtype,
            "confidence": max(a["confidence"], b["confidence"]),
        }

    def resolve_speakers(self) -> None:
        """Each row's speaker entity, in document order: a pronoun's person in focus
        is then the speaker of the statement before it, direct or reported."""
        for r in self.rows:
            source = r.get("_inherits")
            if source is not None:
                keys = ("speaker_entity_id", "speaker_name", "_label")
                r.update({k: source[k] for k in keys})
            elif r["speaker_start"] is not None:
                resolved = self.resolve(r["speaker_start"], r["speaker_end"], r.get("_head"))
                r["speaker_entity_id"], r["speaker_name"], r["_label"] = resolved

    def result(self) -> list[dict]:
        self.resolve_speakers()
        merged: list[dict] = []
        for r in sorted(self.rows, key=lambda r: (r["start_char"], r["end_char"])):
            if merged and self.one_statement(merged[-1], r):
                a = merged[-1]
                end = max(a["end_char"], r["end_char"])
                whole = self.passage_at(r["start_char"])
                if whole is not None and whole.end == end:
                    end = whole.outer_end  # the merged row takes the closing mark along
                merged[-1] = self.joined(a, r, end, "mixed")
                continue
            merged.append(r)
        kept: list[dict | None] = []
        seen = set()
        # per (cue, speaker mention), the kept row reaching furthest: a row inside it
        # is the same statement twice; the outer stays, unless it is only a stance
        # around a statement ('called Palin a "clown" on his radio show when ...')
        widest: dict[tuple[str | None, int], int] = {}
        for r in sorted(merged, key=lambda r: (r["start_char"], -r["end_char"])):
            key = (r["start_char"], r["end_char"])
            if key in seen:
                continue
            seen.add(key)
            statement = (r["cue"], r["speaker_start"])
            at = widest.get(statement, -1) if r["speaker_start"] is not None else -1
            outer = kept[at] if at >= 0 else None
            if outer is not None and r["end_char"] <= outer["end_char"]:
                if _is_stance(r) or not _is_stance(outer):
                    continue
                kept[at] = None
            elif outer is not None and r["start_char"] < outer["end_char"]:
                # two rows of one statement that overlap: one row over both
                both_indirect = outer["quote_type"] == r["quote_type"] == "indirect"
                qtype = "indirect" if both_indirect else "mixed"
                kept[at] = self.joined(outer, r, r["end_char"], qtype)
                continue
            if r["speaker_start"] is not None:
                widest[statement] = len(kept)
            kept.append(r)
        out = []
        for r in filter(None, kept):
            row = {k: r[k] for k in ROW_KEYS}
            row["confidence"] = float(min(1.0, max(0.0, row["confidence"])))
            out.append(row)
        return out


# How far back "it" finds the organisation that spoke (or was named since): on BBC, 9 of
# 10 sampled "it" within about two sentences of the organisation speaking were right, 4 of
# 10 further within 700 characters and 1 of 15 beyond.
IT_REACH_SENTENCES = 2
# Last words of names that the model tags as organisations but that name a thing: the
# subject of a sentence so named is no organisation for "it" or "the company" to continue.
THING_NAME_HEADS = frozenset(
    {"project", "service", "bill", "act", "agenda", "programme", "scheme", "plan", "software"}
)
# How many "it"s in a row lead back to the organisation they stand for.
IT_CHAIN_SENTENCES = 3

# Rows below this confidence are stances, not statements (the README's contract).
STATEMENT_CONFIDENCE = 0.5

# Row types that become "direct" when the row is exactly one passage in its marks.
WHOLE_PASSAGE_TYPES = frozenset({"mixed"})

# Words that open a participle clause of a later statement ("..., before insisting").
TIME_LINKS = frozenset({"before", "after", "while", "then"})
# Words that open a clause of an event set in time against another ("after she
# blamed ...").
EVENT_TIME_MARKS = frozenset({"after", "before", "when", "while", "until", "once"})


def _is_stance(row: dict) -> bool:
    """A stance reported without a speech verb (see the README: confidence < 0.5)."""
    return bool(row["confidence"] < STATEMENT_CONFIDENCE)


TRANSCRIPT_RE = re.compile(r"([A-Z][A-Z.'\- ]{1,30}[A-Z]):\s+")
# "Pence: Gennifer Flowers Won't Be at Debate." (the full stop left out of the content)
TITLE_SOURCE_RE = re.compile(r"\s*([A-Z][^:\n]{1,39}?):\s+(\S[^\n]*?)[.\s]*$")


def _on_subject_of_later(cue: Token, cues: list[Token]) -> bool:
    """``cue`` is in a relative clause on the subject of a later cue ("a source, who
    was not authorized to speak, told Fox")."""
    rel = next((a for a in (cue, *cue.ancestors) if a.dep_ == "relcl"), None)
    verb = rel.head.head if rel is not None else cue
    return rel is not None and rel.head.dep_ == "nsubj" and verb.i > cue.i and verb in cues


def words_between_are_name(b: _Builder, p: Passage, cue: Token) -> bool:
    """Only a name (no comma, no relative pronoun) stands between passage and cue."""
    after = b.tok_at(p.outer_end)
    if after is None:
        return False
    toks = [t for t in b.doc[after.i : cue.i] if t.idx >= p.outer_end]
    return all(t.pos_ in ("PROPN", "NOUN", "DET", "ADJ", "PRON") for t in toks) and not any(
        t.lower_ in RELATIVE_PRONOUNS for t in toks
    )


def _is_headline(line: str) -> bool:
    """A title line: short, no closing punctuation, mostly capitalised words."""
    stripped = line.strip().rstrip(ALL_MARKS).strip()
    words = [w for w in stripped.split() if w[:1].isalpha()]
    if not words or len(words) > 20 or stripped[-1:] in (".", "?", "!", ":", ","):
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.6 * len(words) and len(words) >= 2


def starts_line_or_sentence(text: str, p: Passage, line_a: int) -> bool:
    before = strip_blank(text[line_a : p.outer_start])
    return not before or before[-1] in '.!?:\u201d"\u2019'


def quote_rows(
    doc: Doc, mentions: list[dict], frames: dict[str, frozenset[str]] | None = None
) -> list[dict]:
    """One row per quote of ``doc`` (see the module docstring), sorted by start_char.

    ``frames`` are the stance frames (lemma -> complements); by default the written
    ones plus those learnt from PolNeAR train (``ATTRIBUTION_FRAMES``)."""
    try:
        builder = _Builder(doc, mentions, ATTRIBUTION_FRAMES if frames is None else frames)
        builder.do_passages()
        builder.do_indirect()
        builder.do_title_source()
        return builder.result()
    except Exception as exc:  # noqa: BLE001 - a quote bug must never stop a run
        try:
            rows = _passages_only(doc)
        except Exception:  # noqa: BLE001
            rows = []
        log.warning(
            "quote rules failed on a document (%s: %s); kept %d quoted passage(s) "
            "without attribution",
            type(exc).__name__,
            exc,
            len(rows),
        )
        return rows


def _passages_only(doc: Doc) -> list[dict]:
    """Fallback: every quoted passage, no attribution."""
    rows = []
    for p in find_passages(doc.text):
        rows.append(
            {
                "text": doc.text[p.start : p.end],
                "start_char": p.start,
                "end_char": p.end,
                "quote_type": "direct",
                "speaker": None,
                "speaker_start": None,
                "speaker_end": None,
                "speaker_entity_id": None,
                "speaker_name": None,
                "cue": None,
                "confidence": 0.2,
            }
        )
    return rows


def scoring_quotes(rows: list[dict]) -> list[dict]:
    """Rows as attribution relations for ``../shared/eval/score.py``.

    A quotation split by its attribution ('"...," he said, "..."') or running over
    several paragraphs is one relation in the corpora: consecutive non-indirect rows
    with the same speaker mention are merged into one span.
    """
    out: list[dict] = []
    last: dict | None = None  # the last non-indirect relation
    for r in sorted(rows, key=lambda r: r["start_char"]):
        q = {
            "start": r["start_char"],
            "end": r["end_char"],
            "type": "indirect"
            if r["quote_type"] == "indirect"
            else ("mixed" if r["quote_type"] != "direct" else "direct"),
            "speaker_start": r["speaker_start"],
            "speaker_end": r["speaker_end"],
            "speaker": r["speaker"],
        }
        if q["type"] == "indirect":
            out.append(q)
            continue
        if (
            last is not None
            and q["speaker_start"] is not None
            and q["speaker_start"] == last["speaker_start"]
            and r["cue"] == last["_cue"]
        ):
            last["end"] = max(last["end"], q["end"])
            continue
        q["_cue"] = r["cue"]
        out.append(q)
        last = q
    for q in out:
        q.pop("_cue", None)
    return out
