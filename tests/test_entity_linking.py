"""Entities across articles: short forms join the one full name they stand for.

Hand-made frames built with the real table builders (no model): the rules in
``transforms.entities.cross_article_links`` and their application to a run's frames in
``transforms.tables.link_across_articles`` / ``relink_map``.
"""

from __future__ import annotations

import random
from datetime import date

import polars as pl
import pytest

from transforms import tables
from transforms.entities import EntityRef, cross_article_links, entity_id, link_key

RUN = "run_test"
MARK_RUTTE = entity_id("Mark Rutte", "PERSON")
RUTTE = entity_id("Rutte", "PERSON")
CLINTON = entity_id("Clinton", "PERSON")
HILLARY = entity_id("Hillary Clinton", "PERSON")
BILL = entity_id("Bill Clinton", "PERSON")
NATO = entity_id("NATO", "ORG")
NATO_FULL = entity_id("North Atlantic Treaty Organization", "ORG")
HAGUE = entity_id("The Hague", "GPE")


def test_ids_used_here_are_the_stable_ones():
    assert MARK_RUTTE == "ent_a57a1ac6cdc49ee7"
    assert entity_id("Nato", "ORG") == NATO == "ent_e82150989700ad3c"


# ------------------------------------------------------------------ the rules


def ref(name: str, label: str = "PERSON", *aliases: str) -> EntityRef:
    return EntityRef(entity_id(name, label), name, label, tuple(aliases))


def test_link_key_drops_honorifics_titles_possessives_and_accents():
    assert link_key("Mr Rutte") == ("rutte",)
    assert link_key("Prime Minister Mark Rutte's") == ("mark", "rutte")
    assert link_key("Martin Luther King Jr.") == ("martin", "luther", "king")
    assert link_key("Recep Tayyip Erdoğan") == ("recep", "tayyip", "erdogan")
    assert link_key("Mr") == ("mr",)  # never emptied


def test_surname_joins_the_one_full_name():
    full = ref("Mark Rutte", "PERSON", "Mark Rutte", "Mr Rutte")
    links = cross_article_links([full, ref("Rutte"), ref("Mr Rutte")])
    assert links == {RUTTE: MARK_RUTTE, entity_id("Mr Rutte", "PERSON"): MARK_RUTTE}


def test_surname_needs_the_full_name_to_have_been_called_so():
    # a byline "Deborah Charles" is never "Charles": "Charles" may be anyone (a prince)
    assert (
        cross_article_links([ref("Deborah Charles", "PERSON", "Deborah Charles"), ref("Charles")])
        == {}
    )


def test_two_people_sharing_a_surname_stay_apart():
    hillary = ref("Hillary Clinton", "PERSON", "Hillary Clinton", "Clinton")
    bill = ref("Bill Clinton", "PERSON", "Bill Clinton", "Mr Clinton")
    assert cross_article_links([hillary, bill, ref("Clinton")]) == {}
    # unless the text says they are one: in-article clustering gave "Clinton" the full name
    assert cross_article_links([hillary, bill]) == {}
    assert cross_article_links([hillary, ref("Clinton")]) == {CLINTON: HILLARY}


def test_a_first_name_of_someone_else_is_not_a_surname():
    tom = ref("Tom John", "PERSON", "Tom John", "John")
    assert cross_article_links([tom, ref("John")]) == {entity_id("John", "PERSON"): tom.entity_id}
    assert cross_article_links([tom, ref("John"), ref("John Kerry", "PERSON", "Kerry")]) == {}


def test_longer_forms_of_the_same_full_name_are_not_ambiguous():
    refs = [ref("Mark Rutte", "PERSON", "Rutte"), ref("Dutch PM Mark Rutte"), ref("Rutte")]
    assert cross_article_links(refs) == {RUTTE: MARK_RUTTE}
    # but a different first name is another person
    assert cross_article_links([*refs, ref("Anna Rutte")]) == {}


def test_labels_never_cross_and_other_labels_never_link():
    refs = [ref("Michael Jordan"), ref("Jordan", "GPE"), ref("Washington", "GPE")]
    refs += [ref("George Washington"), ref("Bank", "ORG"), ref("World Bank", "ORG")]
    assert cross_article_links(refs) == {}


def test_accents_do_not_block_a_link():
    refs = [ref("Recep Tayyip Erdoğan", "PERSON", "Erdoğan"), ref("Erdogan")]
    assert cross_article_links(refs) == {entity_id("Erdogan", "PERSON"): refs[0].entity_id}


def test_acronym_joins_the_one_organisation_it_abbreviates():
    full = ref("North Atlantic Treaty Organization", "ORG", "NATO")
    refs = [full, ref("Nato", "ORG", "Nato", "NATO")]
    assert cross_article_links(refs) == {NATO: NATO_FULL}
    # written only as "Nato", it is a word, not an acronym we can be sure of
    assert cross_article_links([full, ref("Nato", "ORG", "Nato")]) == {}
    # dotted capitals count: "U.N." abbreviates "United Nations"
    un = [ref("United Nations", "ORG", "U.N."), ref("U.N.", "ORG", "U.N.")]
    assert cross_article_links(un) == {un[1].entity_id: un[0].entity_id}


def test_acronym_needs_the_organisation_to_have_been_written_so():
    refs = [ref("National Baptist Convention", "ORG"), ref("NBC", "ORG", "NBC")]
    assert cross_article_links(refs) == {}


def test_acronym_with_two_expansions_stays_alone():
    refs = [ref("British Airways", "ORG", "BA"), ref("Bank of America", "ORG", "BA")]
    refs += [ref("BA", "ORG", "BA")]
    assert cross_article_links(refs) == {}


def test_rules_do_not_depend_on_order():
    refs = [
        ref("Mark Rutte", "PERSON", "Rutte"),
        ref("Rutte"),
        ref("Hillary Clinton", "PERSON", "Clinton"),
    ]
    refs += [ref("Bill Clinton", "PERSON", "Clinton"), ref("Clinton"), ref("NATO", "ORG")]
    refs += [ref("North Atlantic Treaty Organization", "ORG", "NATO")]
    expected = cross_article_links(refs)
    assert expected == {RUTTE: MARK_RUTTE, NATO: NATO_FULL}
    for seed in range(5):
        shuffled = refs[:]
        random.Random(seed).shuffle(shuffled)
        assert cross_article_links(shuffled) == expected


# ------------------------------------------------------------- frames of a run


def mention(start: int, text: str, name: str, label: str = "PERSON") -> dict:
    return {
        "text": text,
        "label": label,
        "start_char": start,
        "end_char": start + len(text),
        "sentence_index": 0,
        "entity_name": name,
        "entity_label": label,
        "entity_id": entity_id(name, label),
    }


def quote(start: int, speaker: str, name: str | None) -> dict:
    return {
        "text": "We stand together.",
        "start_char": start,
        "end_char": start + 18,
        "quote_type": "direct",
        "speaker": speaker,
        "speaker_start": 0,
        "speaker_end": len(speaker),
        "speaker_entity_id": entity_id(name, "PERSON") if name else None,
        "speaker_name": name,
        "cue": "said",
        "confidence": 0.9,
    }


def event(start: int, ids: list[str]) -> dict:
    return {
        "expression": "Tuesday",
        "start_char": start,
        "end_char": start + 7,
        "timex_type": "DATE",
        "value": "2025-06-24",
        "date_start": date(2025, 6, 24),
        "date_end": date(2025, 6, 24),
        "granularity": "day",
        "anchor": "publication_date",
        "event_text": "Rutte met ministers in The Hague on Tuesday.",
        "entity_ids": ids,
    }


def build(docs: list[tables.DocRows], published: dict[str, date]) -> dict[str, pl.DataFrame]:
    """The run's frames, as the flow builds them for each chunk."""
    articles = pl.DataFrame(
        {"article_id": list(published), "published_date": list(published.values())},
        schema={"article_id": pl.String, "published_date": pl.Date},
    )
    return tables.chunk_tables(articles, docs, run_id=RUN)


def known(*rows: tuple[str, str, list[str], int]) -> pl.DataFrame:
    """The warehouse's entities as loader.known_entities returns them."""
    return pl.DataFrame(
        [
            {"entity_id": entity_id(n, lab), "name": n, "label": lab, "aliases": a, "n_articles": k}
            for n, lab, a, k in rows
        ],
        schema={
            "entity_id": pl.String,
            "name": pl.String,
            "label": pl.String,
            "aliases": pl.List(pl.String),
            "n_articles": pl.Int32,
        },
    )


RUTTE_ONLY = tables.DocRows(
    article_id="art_rutte",
    mentions=[
        mention(0, "Rutte", "Rutte"),
        mention(60, "Rutte", "Rutte"),
        mention(100, "The Hague", "The Hague", "GPE"),
    ],
    quotes=[quote(20, "Mr Rutte", "Rutte")],
    timeline=[event(100, [RUTTE, HAGUE])],
)
CLINTON_ONLY = tables.DocRows(
    article_id="art_clinton",
    mentions=[mention(0, "Clinton", "Clinton")],
    quotes=[quote(20, "Clinton", "Clinton")],
    timeline=[event(40, [CLINTON])],
)
NATO_ONLY = tables.DocRows(
    article_id="art_nato",
    mentions=[mention(0, "NATO", "NATO", "ORG"), mention(30, "Nato", "NATO", "ORG")],
    quotes=[],
    timeline=[],
)
PUBLISHED = {
    "art_rutte": date(2025, 6, 24),
    "art_clinton": date(2025, 6, 25),
    "art_nato": date(2025, 6, 26),
}
WAREHOUSE = known(
    ("Mark Rutte", "PERSON", ["Mark Rutte", "Mr Rutte", "Rutte"], 12),
    ("Hillary Clinton", "PERSON", ["Clinton", "Hillary Clinton"], 30),
    ("Bill Clinton", "PERSON", ["Bill Clinton", "Clinton"], 9),
    (
        "North Atlantic Treaty Organization",
        "ORG",
        ["NATO", "North Atlantic Treaty Organization"],
        2,
    ),
    ("The Hague", "GPE", ["The Hague"], 4),
)


@pytest.fixture()
def frames() -> dict[str, pl.DataFrame]:
    return build([RUTTE_ONLY, CLINTON_ONLY, NATO_ONLY], PUBLISHED)


@pytest.fixture()
def linked(frames) -> dict[str, pl.DataFrame]:
    return tables.link_across_articles(frames, WAREHOUSE)


def by_article(frame: pl.DataFrame, article_id: str) -> pl.DataFrame:
    return frame.filter(pl.col("article_id") == article_id).sort("start_char")


def test_mr_rutte_joins_the_existing_mark_rutte(linked):
    rows = by_article(linked["entity_mentions"], "art_rutte")
    assert rows["entity_id"].to_list() == [MARK_RUTTE, MARK_RUTTE, HAGUE]
    assert rows["entity_name"].to_list() == ["Mark Rutte", "Mark Rutte", "The Hague"]
    assert rows["entity_label"].to_list() == ["PERSON", "PERSON", "GPE"]
    assert rows["text"].to_list() == ["Rutte", "Rutte", "The Hague"]  # as written
    q = by_article(linked["quotes"], "art_rutte")
    assert q.select("speaker", "speaker_entity_id", "speaker_name").rows() == [
        ("Mr Rutte", MARK_RUTTE, "Mark Rutte")
    ]
    t = by_article(linked["timeline"], "art_rutte")
    assert t["entity_ids"].to_list() == [[MARK_RUTTE, HAGUE]]


def test_two_clintons_in_the_warehouse_leave_clinton_alone(linked, frames):
    rows = by_article(linked["entity_mentions"], "art_clinton")
    assert rows.select("entity_id", "entity_name").rows() == [(CLINTON, "Clinton")]
    q = by_article(linked["quotes"], "art_clinton")
    assert q.select("speaker_entity_id", "speaker_name").rows() == [(CLINTON, "Clinton")]
    assert by_article(linked["timeline"], "art_clinton")["entity_ids"].to_list() == [[CLINTON]]
    # with only one Clinton known, the link is unambiguous
    one = tables.link_across_articles(frames, WAREHOUSE.filter(pl.col("entity_id") != BILL))
    assert by_article(one["entity_mentions"], "art_clinton")["entity_id"].to_list() == [HILLARY]


def test_acronym_joins_the_known_full_name(linked):
    rows = by_article(linked["entity_mentions"], "art_nato")
    assert rows["entity_id"].to_list() == [NATO_FULL, NATO_FULL]
    assert set(rows["entity_name"]) == {"North Atlantic Treaty Organization"}


def test_run_entities_are_aggregated_again(linked):
    ents = linked["entities"]
    assert ents.columns == list(tables.ENTITIES_SCHEMA)
    assert ents.schema == pl.Schema(tables.ENTITIES_SCHEMA)
    assert ents["entity_id"].to_list() == sorted([MARK_RUTTE, HAGUE, CLINTON, NATO_FULL])
    rutte = ents.filter(pl.col("entity_id") == MARK_RUTTE).row(0, named=True)
    assert rutte == {
        "entity_id": MARK_RUTTE,
        "name": "Mark Rutte",
        "label": "PERSON",
        "aliases": ["Rutte"],
        "n_mentions": 2,
        "n_articles": 1,
        "first_seen": date(2025, 6, 24),
        "last_seen": date(2025, 6, 24),
        "run_id": RUN,
    }


def test_short_form_and_full_name_in_the_same_run():
    full = tables.DocRows(
        article_id="art_full",
        mentions=[mention(0, "Mark Rutte", "Mark Rutte"), mention(40, "Rutte", "Mark Rutte")],
        quotes=[],
        timeline=[],
    )
    published = {**PUBLISHED, "art_full": date(2025, 6, 20)}
    frames = build([RUTTE_ONLY, full], published)
    out = tables.link_across_articles(frames, None)
    assert set(out["entity_mentions"].filter(pl.col("label") == "PERSON")["entity_id"]) == {
        MARK_RUTTE
    }
    rutte = out["entities"].filter(pl.col("entity_id") == MARK_RUTTE).row(0, named=True)
    assert rutte["aliases"] == ["Mark Rutte", "Rutte"]
    assert (rutte["n_mentions"], rutte["n_articles"]) == (4, 2)
    assert (rutte["first_seen"], rutte["last_seen"]) == (date(2025, 6, 20), date(2025, 6, 24))
    assert RUTTE not in out["entities"]["entity_id"].to_list()


def test_frame_shapes_and_types_are_kept(frames, linked):
    for key in ("entity_mentions", "quotes", "timeline", "entities", "articles"):
        assert linked[key].schema == frames[key].schema, key
        assert linked[key].height == frames[key].height, key
    assert linked["articles"] is frames["articles"]
    ids = ("mention_id", "quote_id", "event_id")
    for key, col in zip(("entity_mentions", "quotes", "timeline"), ids, strict=True):
        assert linked[key][col].to_list() == frames[key][col].to_list()


def test_nothing_to_link_returns_the_frames_unchanged():
    frames = build([CLINTON_ONLY], PUBLISHED)
    out = tables.link_across_articles(frames, WAREHOUSE)
    for key, frame in frames.items():
        assert out[key] is frame
    empty = build([], PUBLISHED)
    assert tables.link_across_articles(empty, WAREHOUSE)["entity_mentions"].is_empty()
    assert tables.link_across_articles(frames, known())["entities"].equals(frames["entities"])


def test_linking_is_idempotent(linked):
    again = tables.link_across_articles(linked, WAREHOUSE)
    for key, frame in linked.items():
        assert again[key].equals(frame), key
    # also once the run's entities are in the warehouse
    loaded = pl.concat(
        [WAREHOUSE.drop("n_articles"), linked["entities"].select(WAREHOUSE.columns[:4])]
    )
    loaded = loaded.with_columns(pl.lit(1).cast(pl.Int32).alias("n_articles"))
    again = tables.link_across_articles(linked, loaded)
    for key, frame in linked.items():
        assert again[key].equals(frame), key


def canonical(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    keys = {"entity_mentions": "mention_id", "quotes": "quote_id", "timeline": "event_id"}
    keys |= {"entities": "entity_id", "articles": "article_id"}
    return {k: frames[k].sort(v) for k, v in keys.items()}


def test_linking_does_not_depend_on_row_order(frames, linked):
    expected = canonical(linked)
    for seed in range(4):
        shuffled = {k: f.sample(fraction=1.0, shuffle=True, seed=seed) for k, f in frames.items()}
        warehouse = WAREHOUSE.sample(fraction=1.0, shuffle=True, seed=seed)
        got = canonical(tables.link_across_articles(shuffled, warehouse))
        for key, frame in expected.items():
            assert got[key].equals(frame), (seed, key)


# ------------------------------------------------- later full names: relink map


def test_relink_map_links_an_earlier_short_form_to_a_later_full_name():
    # run 1 loaded "Rutte" alone; run 2 brought "Mark Rutte": the warehouse now holds both
    stored = known(
        ("Rutte", "PERSON", ["Mr Rutte", "Rutte"], 3),
        ("Mark Rutte", "PERSON", ["Mark Rutte", "Rutte"], 1),
        ("Clinton", "PERSON", ["Clinton"], 2),
        ("Hillary Clinton", "PERSON", ["Clinton", "Hillary Clinton"], 5),
        ("Bill Clinton", "PERSON", ["Bill Clinton", "Clinton"], 5),
        ("NATO", "ORG", ["NATO"], 7),
        (
            "North Atlantic Treaty Organization",
            "ORG",
            ["NATO", "North Atlantic Treaty Organization"],
            1,
        ),
    )
    relinks = tables.relink_map(stored)
    assert relinks.schema == pl.Schema(tables.RELINK_SCHEMA)
    assert relinks.rows() == sorted(
        [
            (RUTTE, MARK_RUTTE, "Mark Rutte", "PERSON"),
            (NATO, NATO_FULL, "North Atlantic Treaty Organization", "ORG"),
        ]
    )
    # applied (the linked rows gone from entities), there is nothing more to link
    applied = stored.join(relinks, on="entity_id", how="anti")
    assert tables.relink_map(applied).is_empty()
    # order-free
    assert tables.relink_map(stored.reverse()).equals(relinks)
    # the aliases are the evidence: without them nothing links
    assert tables.relink_map(stored.drop("aliases")).is_empty()


def test_relink_map_of_nothing_is_empty():
    assert tables.relink_map(known()).is_empty()
    assert tables.relink_map(
        pl.DataFrame(schema={"entity_id": pl.String, "name": pl.String, "label": pl.String})
    ).is_empty()
