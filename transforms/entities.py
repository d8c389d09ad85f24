"""Entity mentions of one Doc as rows (one pure function), entity ids, and the rules that
link a short form in one article to the full name it stands for in another."""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from transforms.entity_rules import (
    ENTITY_LABELS,
    HONORIFICS,
    STRIPPED_TITLES,
    initials,
    norm_key,
    resolve_mentions,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ENTITY_LABELS",
    "EntityRef",
    "acronym_key",
    "cross_article_links",
    "entity_id",
    "link_key",
    "mention_rows",
]


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


# ------------------------------------------------------------ across articles


class EntityRef(NamedTuple):
    """What the cross-article rules see of one entity (a row of ``entities``)."""

    entity_id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()


_GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PERSON_PREFIXES = frozenset(h.rstrip(".") for h in HONORIFICS) | STRIPPED_TITLES
_EDGE_PUNCT = ".,;:!?\"'()[]{}\u2018\u2019\u201c\u201d"


def _fold(text: str) -> str:
    """Accents off, casefolded, typographic apostrophes straight: "Erdoğan" -> "erdogan"."""
    decomposed = unicodedata.normalize("NFKD", norm_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def link_key(name: str) -> tuple[str, ...]:
    """A person's name as words for matching across articles.

    Folded (accents, case), without honorifics or titles in front ("Mr", "Prime
    Minister"), a possessive or generational suffix behind ("Jr") or edge punctuation:
    "Prime Minister Mark Rutte's" -> ("mark", "rutte").
    """
    words = []
    for raw in _fold(name).split():
        w = raw.strip(_EDGE_PUNCT)
        if w.endswith("'s"):
            w = w[:-2]
        if w:
            words.append(w)
    while len(words) > 1 and words[0].rstrip(".") in _PERSON_PREFIXES:
        words.pop(0)
    while len(words) > 1 and words[-1].rstrip(".") in _GENERATIONAL:
        words.pop()
    return tuple(words)


def _compact(text: str) -> str:
    """ "U.N." -> "UN": edge punctuation and dots off."""
    return str(text or "").strip().strip(_EDGE_PUNCT).replace(".", "")


def acronym_key(ref: EntityRef) -> str | None:
    """The acronym an ORG is written as ("NATO", "U.N." -> "UN"), when it is one: a name of
    one word of 2-6 letters, written in capitals in the name or one of its mentions."""

    word = _compact(ref.name)
    if " " in word or not (2 <= len(word) <= 6 and word.isascii() and word.isalpha()):
        return None
    upper = word.upper()
    if any(_compact(form) == upper for form in (ref.name, *ref.aliases)):
        return upper
    return None


def _expansion(name: str) -> str | None:
    """Initials of a multi-word ORG name ("North Atlantic Treaty Organization" -> "NATO")."""
    words = [w for w in str(name or "").split() if w]
    if words and norm_key(words[0]) == "the":
        words = words[1:]
    if sum(1 for w in words if w[:1].isalpha() and norm_key(w) not in {"of", "and", "for"}) < 2:
        return None
    acronym = initials(words)
    return acronym if 2 <= len(acronym) <= 6 else None


def _letters(word: str) -> int:
    return sum(c.isalpha() for c in word)


def cross_article_links(refs: Iterable[EntityRef]) -> dict[str, str]:
    """Which entities are a short form of exactly one other entity: {entity_id: target_id}.

    PERSON: a one-word name ("Rutte"; "Mr Rutte" is the same key) joins the one longer
    person name that ends with it ("Mark Rutte"), when that person has been called by it
    in some article (the short form is among its aliases: the text said they are one).
    Longer names that all end with one of them ("Mark Rutte", "Dutch PM Mark Rutte")
    count as that one; names that do not ("Hillary Clinton", "Bill Clinton") make it
    ambiguous and nothing links, whatever their aliases; so does a word that is also
    the first name of a known person ("John": "Tom John", "John Kerry").
    ORG: a one-word acronym written in capitals somewhere ("NATO", "U.N.") joins the one
    organisation whose name it abbreviates ("North Atlantic Treaty Organization"), when
    that organisation has been written so in some article (among its aliases). Without
    that evidence an acronym is too often someone else's ("NBC" is not the "National
    Baptist Convention").
    Other labels never link, and a link never crosses labels.

    Pure and order-free: the answer depends on the set of entities only. A target is
    never a short form (it has two words or more), so applying the links and asking
    again adds nothing: linking is idempotent.
    """
    by_id: dict[str, EntityRef] = {}
    for r in refs:  # one entity may come twice (warehouse and run): merge, order-free
        if not r.entity_id:
            continue
        seen = by_id.get(r.entity_id)
        if seen is not None:
            aliases = tuple(sorted({*seen.aliases, *r.aliases}))
            r = EntityRef(r.entity_id, min(seen.name, r.name), r.label, aliases)
        by_id[r.entity_id] = r
    links: dict[str, str] = {}

    shorts: dict[str, str] = {}  # id -> surname
    hosts: dict[str, dict[tuple[str, ...], set[str]]] = {}  # surname -> key -> ids
    for eid, r in by_id.items():
        if r.label != "PERSON":
            continue
        key = link_key(r.name)
        if len(key) == 1 and _letters(key[0]) >= 2:
            shorts[eid] = key[0]
        elif len(key) >= 2 and _letters(key[-1]) >= 2:
            hosts.setdefault(key[-1], {}).setdefault(key, set()).add(eid)
    # a word that is someone's first name ("John" in "John Kerry") may be anyone's
    given = {key[0] for by_key in hosts.values() for key in by_key}
    for eid, surname in shorts.items():
        if surname in given:
            continue
        keys = hosts.get(surname, {})
        common = [k for k in keys if all(other[-len(k) :] == k for other in keys)]
        if len(common) != 1 or len(keys[common[0]]) != 1:
            continue
        called = any(
            link_key(alias) == (surname,)
            for ids in keys.values()
            for host in ids
            for alias in by_id[host].aliases
        )
        if called:
            links[eid] = next(iter(keys[common[0]]))

    expansions: dict[str, set[str]] = {}
    acronyms: dict[str, str] = {}
    for eid, r in by_id.items():
        if r.label != "ORG":
            continue
        if len(str(r.name or "").split()) == 1:
            acronym = acronym_key(r)
            if acronym:
                acronyms[eid] = acronym
        elif expansion := _expansion(r.name):
            expansions.setdefault(expansion, set()).add(eid)
    for eid, acronym in acronyms.items():
        orgs = expansions.get(acronym, set())
        if len(orgs) != 1:
            continue
        org = next(iter(orgs))
        if any(_compact(alias) == acronym for alias in by_id[org].aliases):
            links[eid] = org
    return links
