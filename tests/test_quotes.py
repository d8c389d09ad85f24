"""Quotes: passages, speakers, types, on the seed article and on short texts."""

from __future__ import annotations

import logging

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from transforms import quotes as quotes_module
from transforms.quote_rules import find_passages
from transforms.quotes import ROW_KEYS, quote_rows, scoring_quotes


def _mentions(doc) -> list[dict]:
    from transforms.entities import mention_rows

    return mention_rows(doc)


def _rows(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    return quote_rows(doc, _mentions(doc))


def _speakers(nlp, text: str) -> list[tuple[str | None, str | None]]:
    """(speaker as written, entity name) of each row of ``text``."""
    return [(r["speaker"], r["speaker_name"]) for r in _rows(nlp, text)]


def _find(rows: list[dict], needle: str) -> dict:
    hits = [r for r in rows if needle in r["text"]]
    assert hits, f"no quote containing {needle!r} in {[r['text'] for r in rows]}"
    return hits[0]


def _starting(rows: list[dict], prefix: str) -> dict:
    hits = [r for r in rows if r["text"].startswith(prefix)]
    assert hits, f"no quote starting {prefix!r} in {[r['text'] for r in rows]}"
    return hits[0]


def _hand_parsed(table: list[tuple]) -> Doc:
    """A one-sentence Doc from rows (word, head, dependency, part of speech, tag,
    lemma, space after): a parse as the model gave it, without the model."""
    words, heads, deps, pos, tags, lemmas, spaces = (list(c) for c in zip(*table, strict=True))
    return Doc(
        Vocab(),
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


# ------------------------------------------------------------------ seed article


@pytest.fixture(scope="module")
def seed_rows(seed_doc):
    return quote_rows(seed_doc, _mentions(seed_doc))


def test_seed_rows_are_well_formed(seed_rows, seed_text):
    assert seed_rows
    assert [r["start_char"] for r in seed_rows] == sorted(r["start_char"] for r in seed_rows)
    for r in seed_rows:
        assert tuple(r) == ROW_KEYS
        assert seed_text[r["start_char"] : r["end_char"]] == r["text"]
        assert r["quote_type"] in {"direct", "partial", "mixed", "indirect"}
        assert 0.0 <= r["confidence"] <= 1.0
        if r["speaker"] is not None:
            assert seed_text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]


def test_seed_rutte(seed_rows):
    r = _starting(seed_rows, "It is crucial that whatever comes out of those talks")
    assert r["quote_type"] == "direct"
    assert r["speaker"] in ("Mr Rutte", "Rutte")
    assert r["speaker_name"] == "Mark Rutte"
    assert r["cue"] == "told"
    assert r["text"].endswith("it is enduring")  # marks and the comma excluded


def test_seed_hegseth(seed_rows):
    r = _starting(seed_rows, "We want, like you, a sovereign and prosperous Ukraine")
    assert r["quote_type"] == "direct"
    assert r["speaker"] == "Mr Hegseth"
    assert r["speaker_name"] == "Pete Hegseth"


def test_seed_partial_quote_lead_from_the_front(seed_rows):
    r = _find(seed_rows, "lead from the front")
    assert r["quote_type"] in ("partial", "mixed")
    assert r["speaker_name"] == "Pete Hegseth"
    assert r["cue"] == "told"
    # "in Brussels, where he also told ...": what he told, not the place
    assert r["text"].startswith("that they must now \u201clead from the front\u201d")


def test_seed_unattributed_paragraph_inherits(seed_rows):
    first = _starting(seed_rows, "We are looking forward to discussing")
    second = _starting(seed_rows, "Ukraine and Europe must be part of any negotiations")
    assert first["speaker"] == "the countries"
    assert second["speaker"] == first["speaker"]
    assert second["speaker_start"] == first["speaker_start"]
    assert second["quote_type"] == "direct"


def test_seed_leavitt_colon(seed_rows):
    r = _starting(seed_rows, "I believe this nation views Putin and Russia")
    assert r["quote_type"] == "direct"
    assert r["speaker"] == "Ms Leavitt"
    assert r["speaker_name"] == "Karoline Leavitt"


def test_seed_all_passages_in_quotation_marks_found(seed_rows, seed_text):
    passages = [seed_text[p.start : p.end].rstrip(" ,;:") for p in find_passages(seed_text)]
    assert len(passages) == 11
    for text in passages:
        assert any(text in r["text"] for r in seed_rows if r["quote_type"] != "indirect"), text
    trump = _find(seed_rows, "PEACE")
    assert trump["speaker_name"] == "Donald Trump"
    assert _find(seed_rows, "very well")["speaker_name"] == "Donald Trump"
    # square-bracket insertions stay in the text
    assert "[Vladimir]" in trump["text"]


def test_seed_indirect_statements(seed_rows):
    indirect = [r for r in seed_rows if r["quote_type"] == "indirect"]
    healey = _find(indirect, "there will be no talks about Ukraine")
    assert healey["speaker_name"] == "John Healey"
    assert healey["cue"] == "said"
    peskov = _find(indirect, "lasted almost 90 minutes")
    assert peskov["speaker_name"] == "Dmitry Peskov"
    rutte = _find(indirect, "any peace deal in Ukraine must be enduring")
    assert rutte["speaker_name"] == "Mark Rutte"
    zelenskiy = _find(indirect, "only Nato membership")
    assert zelenskiy["speaker"] == "Mr Zelenskiy"
    assert zelenskiy["text"].endswith("a new invasion of his country")
    warning = _find(indirect, "do not intimidate the Kremlin")
    assert (warning["speaker_name"], warning["cue"]) == ("Volodymyr Zelenskiy", "warning")
    # a title and the name after it, with no comma between, are one mention
    hegseth = _find(indirect, "should not expect to regain all occupied territory")
    assert (hegseth["speaker"], hegseth["speaker_name"], hegseth["cue"]) == (
        "US secretary for defence Pete Hegseth",
        "Pete Hegseth",
        "comments",
    )
    # "Asked how the White House views Russia": put to Leavitt, said by nobody
    assert not [r for r in seed_rows if "views Russia" in r["text"]]


# ------------------------------------------------------------ passages (no model)


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("He said \u201cwe will win\u201d today.", "we will win"),
        ('He said "we will win" today.', "we will win"),
        ("He said \u2018we will win\u2019 today.", "we will win"),
        ("He said 'we will win' today.", "we will win"),
        ("Il a dit \u00ab nous gagnerons \u00bb hier.", "nous gagnerons"),
        ("Er sagte \u201ewir gewinnen\u201c heute.", "wir gewinnen"),
        ("He said ''we will win'' today.", "we will win"),
    ],
)
def test_passage_marks(text, content):
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == [content]


def test_passage_apostrophes_are_not_quotes():
    text = "Trump\u2019s team didn't say it wasn\u2019t the countries' choice in the '90s."
    assert find_passages(text) == []


def test_passage_markup_attributes_are_not_quotes():
    text = 'He tweeted: <tweet author="RandPaul" id="67">My thoughts are "with them"</tweet>.'
    assert [text[p.start : p.end] for p in find_passages(text)] == ["with them"]


def test_passage_reopened_without_closing_in_one_line():
    # paragraph breaks lost: each sentence-final re-opening starts a new passage of
    # the same quotation; an opener before an unfinished phrase was stray
    text = 'Ferrero said: "I worked hard. "The hard part was the injury." He left.'
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == [
        "I worked hard.",
        "The hard part was the injury.",
    ]
    assert (passages[0].close_at, passages[0].continued) == (None, True)
    stray = 'He said "we will win "The Game" today.'
    assert [stray[p.start : p.end] for p in find_passages(stray)] == ["The Game"]


def test_passage_nested_quotes_stay_inside():
    text = "She said: \u201cHe told me \u2018never again\u2019 and left.\u201d"
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == [
        "He told me \u2018never again\u2019 and left."
    ]


def test_passage_nested_in_the_same_marks_stays_inside():
    # the paragraph closes both (or the inner one, in an unclosed straight quotation):
    # the inner pair is nested; with one closer left, a second opener is no nesting
    # and the passage ends at that closer
    text = (
        "\u201cI\u2019d rather live in what he calls \u201chell\u201d than here.\u201d \u2015 Ana"
    )
    assert [text[p.start : p.end] for p in find_passages(text)] == [
        "I\u2019d rather live in what he calls \u201chell\u201d than here."
    ]
    text = '"WALLACE: As \u201cThe Journal\u201d wrote, it is a concern.\n"PENCE: Well, no.'
    assert [text[p.start : p.end] for p in find_passages(text)] == [
        "WALLACE: As \u201cThe Journal\u201d wrote, it is a concern.",
        "PENCE: Well, no.",
    ]
    text = "\u201cWe lost. \u201cWe will win next time.\u201d"
    assert [text[p.start : p.end] for p in find_passages(text)] == [
        "We lost. \u201cWe will win next time."
    ]


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # a paragraph opened with \u201d, before a word or an elision
        (
            "\u201dFear. I am afraid.\u201d \u2015 Ana\n"
            "\u201d \u2026 he delivered a mix,\u201d Mark wrote.",
            ["Fear. I am afraid.", "\u2026 he delivered a mix,"],
        ),
        # text pasted from social media: a direction mark or a zero-width space before
        # the mark
        (
            "\u202a\u201dSorry Sarah, you should have said it!\u201d posted Sharon.\n"
            "\u200b\u201cNo.\u201d",
            ["Sorry Sarah, you should have said it!", "No."],
        ),
        # a straight opener closed by a typographic mark, another straight quote after
        (
            '"This is a long process,\u201d said Paul Lindsay. "Some will struggle."',
            ["This is a long process,", "Some will struggle."],
        ),
    ],
    ids=["closing-mark-as-opener", "invisible-format-character", "straight-then-typographic"],
)
def test_passage_opened_in_an_unusual_way(text, contents):
    assert [text[p.start : p.end] for p in find_passages(text)] == contents


def test_passage_unbalanced_closes_at_paragraph_end():
    text = "He said: \u201cwe will win.\nNext paragraph here."
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == ["we will win."]
    assert passages[0].close_at is None


def test_passage_empty_and_odd_input():
    assert find_passages("") == []
    assert find_passages('"') == []
    odd = "\u201c\u201d \u201d\u201c '' ' \u00bb \u201c"
    for p in find_passages(odd):
        assert 0 <= p.start < p.end <= len(odd)
        assert odd[p.start : p.end].strip()


# --------------------------------------------------------------- short texts


def test_split_quote_by_attribution(nlp):
    text = "\u201cWe will not give up,\u201d he said, \u201cand we will win in the end.\u201d"
    rows = _rows(nlp, text)
    a = _starting(rows, "We will not give up")
    b = _starting(rows, "and we will win in the end")
    assert a["text"] == "We will not give up,"[:-1]
    assert a["speaker"] == b["speaker"] == "he"
    assert a["speaker_start"] == b["speaker_start"]
    merged = [q for q in scoring_quotes(rows) if q["type"] != "indirect"]
    assert len(merged) == 1
    assert merged[0]["start"] == a["start_char"] and merged[0]["end"] == b["end_char"]


def test_attribution_after_with_reporters(nlp):
    text = "\u201cThe alliance is united,\u201d Mr Rutte told reporters in Brussels."
    rows = _rows(nlp, text)
    r = _starting(rows, "The alliance is united")
    assert r["text"] == "The alliance is united"
    assert r["speaker"] == "Mr Rutte"
    assert r["cue"] == "told"
    assert r["quote_type"] == "direct"


def test_attribution_before_with_colon(nlp):
    text = 'The spokeswoman Karoline Leavitt said: "The president wants peace."'
    rows = _rows(nlp, text)
    r = _starting(rows, "The president wants peace")
    assert r["quote_type"] == "direct"
    assert r["speaker"] in (
        "The spokeswoman",
        "The spokeswoman Karoline Leavitt",
        "Karoline Leavitt",
    )
    assert r["speaker_name"] == "Karoline Leavitt"
    assert r["cue"] == "said"


def test_inverted_attribution(nlp):
    text = "\u201cTom is a real visionary,\u201d said Robert McAtee, a coal industry veteran."
    rows = _rows(nlp, text)
    r = _starting(rows, "Tom is a real visionary")
    assert r["speaker"] == "Robert McAtee"


def test_guillemets_and_single_quotes_attributed(nlp):
    rows = _rows(nlp, "\u00abWe are ready for talks,\u00bb the minister said.")
    assert _starting(rows, "We are ready for talks")["speaker"] == "the minister"
    rows = _rows(nlp, "\u2018We are ready for talks,\u2019 the minister said.")
    assert _starting(rows, "We are ready for talks")["speaker"] == "the minister"


def test_multi_paragraph_quote(nlp):
    text = (
        "Senator Jane Smith said:\n"
        "\u201cThe first thing we must do is fix the roads.\n"
        "\u201cThe second thing is to fund the schools.\u201d\n"
        "The debate continued."
    )
    rows = _rows(nlp, text)
    a = _starting(rows, "The first thing we must do")
    b = _starting(rows, "The second thing is to fund the schools")
    assert a["text"] == "The first thing we must do is fix the roads."
    assert a["speaker"] == b["speaker"] == "Senator Jane Smith"
    assert a["quote_type"] == b["quote_type"] == "direct"


def test_quotation_reopened_in_one_line_keeps_its_speaker(nlp):
    text = (
        '"Physically I am fine," said Ferrero. "I was working very hard before the '
        'final. "The difficult moments were when I had the chicken pox." He is 25.'
    )
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"], r["quote_type"]) for r in rows] == [
        ("Physically I am fine", "Ferrero", "direct"),
        ("I was working very hard before the final.", "Ferrero", "direct"),
        ("The difficult moments were when I had the chicken pox.", "Ferrero", "direct"),
    ]


def test_quote_opening_a_paragraph_takes_the_speaker_of_the_paragraph_before(nlp):
    text = (
        "Managing director David Monteith says his firm is the only company to offer "
        'positional audio on a mobile.\n\n"There are quite a few basic technologies out '
        'there, making the sound seem a bit bigger."'
    )
    r = _starting(_rows(nlp, text), "There are quite a few")
    assert (r["speaker"], r["speaker_name"], r["cue"]) == (
        "Managing director David Monteith",
        "David Monteith",
        "says",
    )


def test_paragraph_without_attribution_inherits(nlp):
    text = (
        "\u201cWe will rebuild the bridge,\u201d the mayor, Anna Berg, said on Monday.\n"
        "\u201cIt will take two years and cost a great deal of money.\u201d"
    )
    rows = _rows(nlp, text)
    first = _starting(rows, "We will rebuild the bridge")
    second = _starting(rows, "It will take two years")
    assert first["speaker"] == "the mayor"
    assert second["speaker_start"] == first["speaker_start"]


def test_unbalanced_marks_do_not_crash(nlp):
    text = (
        "\u201cWe will never surrender, the general said.\n"
        "Officials didn\u2019t comment on the countries\u2019 position.\n"
        "\u201d Stray closing mark \u201c and an opening one."
    )
    rows = _rows(nlp, text)
    r = _starting(rows, "We will never surrender")
    assert r["end_char"] <= text.index("\n")
    for row in rows:
        assert text[row["start_char"] : row["end_char"]] == row["text"]


def test_empty_doc_and_no_mentions(nlp):
    assert quote_rows(nlp(""), []) == []
    assert quote_rows(nlp("No quotes here at all."), []) == []


def test_blank_pipeline_without_parse_does_not_crash():
    import spacy

    blank = spacy.blank("en")
    text = "\u201cWe will win this war,\u201d he said. \u201cAnd the quote is left unclosed"
    rows = quote_rows(blank(text), [])
    assert [r["text"] for r in rows] == ["We will win this war", "And the quote is left unclosed"]
    assert all(r["speaker"] is None for r in rows)


def test_indirect_said_that(nlp):
    text = "John Healey said that there will be no talks about Ukraine without Ukraine."
    rows = _rows(nlp, text)
    r = _find(rows, "there will be no talks")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "John Healey"
    assert r["cue"] == "said"


def test_indirect_without_that_and_warned(nlp):
    rows = _rows(nlp, "The minister warned the economy would shrink next year.")
    r = _find(rows, "the economy would shrink next year")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "The minister"
    assert r["cue"] == "warned"


def test_reported_clause_keeps_the_subject_the_parser_took_for_an_object(nlp):
    text = (
        "The minister said the bill was needed and promised the powers would only be "
        'used rarely. Mr Clarke promised the powers would be used in "serious" cases. '
        "She warned investors the shares would fall. Gerrard told the BBC Liverpool "
        "were unlikely to win the trophy."
    )
    texts = [(r["text"], r["cue"]) for r in _rows(nlp, text)]
    # the parser makes "the powers" the object of "promised", and "the BBC Liverpool"
    # one object of "told"; a hearer stays out
    assert ("the powers would only be used rarely", "promised") in texts
    assert ('the powers would be used in "serious" cases', "promised") in texts
    assert ("the shares would fall", "warned") in texts
    assert ("Liverpool were unlikely to win the trophy", "told") in texts


def test_indirect_according_to(nlp):
    rows = _rows(nlp, "The talks will resume on Monday, according to the Kremlin.")
    r = _find(rows, "The talks will resume on Monday")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "the Kremlin"
    assert r["cue"] == "according to"


def test_according_to_in_mid_sentence_reports_both_sides(nlp):
    text = (
        "Only one person was killed by a gun last year in Japan, according to the "
        "National Police Agency, and there were only eight reported incidents.\n"
    )
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"]) for r in rows] == [
        (text.strip(), "the National Police Agency")
    ]
    # a conjunction before the aside is no part of what is reported
    rows = _rows(nlp, "But according to the police, the man was armed.")
    assert [(r["text"], r["speaker"]) for r in rows] == [("the man was armed.", "the police")]


def test_sentence_opened_by_a_poll_or_someones_words_reports_them(nlp):
    text = (
        "In a CBS News poll conducted last month, Clinton led Trump by 5 points. "
        "In Forbes' words, they are the most entrepreneurial places on the planet. "
        "In a statement, the firm said it would appeal. "
        "In March, prices rose by 5%. "
        "In its latest report, the OECD cut its growth forecasts."
    )
    rows = _rows(nlp, text)
    poll = _starting(rows, "Clinton led Trump by 5 points")
    assert (poll["quote_type"], poll["speaker"], poll["cue"]) == (
        "indirect",
        "a CBS News poll",
        "In",
    )
    assert _starting(rows, "they are the most entrepreneurial")["speaker"] == "Forbes"
    # the speech verb reports the statement; a month is no source; the OECD acted in
    # its report, the report did not say what the OECD did
    assert [r["speaker"] for r in rows if r["text"].startswith("it would appeal")] == ["the firm"]
    assert not [r for r in rows if r["text"].startswith(("prices rose", "the OECD cut"))]


def test_the_firm_is_the_organisation_described_as_one_and_named_last(nlp):
    text = (
        "Shares in Cairn Energy, a UK oil firm, have closed down 18% after a drilling "
        "update. The company said tests had shown no significant finds. It also said "
        "the Indian government had told it to pay a production tax."
    )
    assert _speakers(nlp, text) == [
        ("The company", "Cairn Energy"),
        ("It", "Cairn Energy"),
    ]
    # another organisation named since: "the company" may be that one, so no entity
    text = (
        "Shares in Cairn Energy, a UK oil firm, have closed down 18%. Analysts at "
        "Goldman Sachs cut their forecasts. The company said tests had shown no finds."
    )
    assert _speakers(nlp, text) == [("The company", None)]


def test_the_company_described_nowhere_is_the_one_the_sentence_before_is_about(nlp):
    text = (
        "Northwind Foods, which makes crisps, lost money in 2004. The company said "
        "sales would recover.\n\n"
        'GMAC did well in 2004 but GM said profits would fall this year. "We will cut '
        'costs," the company said.'
    )
    # the subject of the sentence before, of its last clause when it has two
    assert _speakers(nlp, text) == [
        ("which", "Northwind Foods"),
        ("The company", "Northwind Foods"),
        ("GM", "GM"),
        ("the company", "GM"),
    ]


def test_a_described_organisation_and_a_newspaper(nlp):
    # words before the noun ("the Japanese car maker") do not stop the description
    text = (
        "Mitsubishi Motors, Japan's fourth-largest car maker, has been hit by scandal. "
        "The Japanese car maker said it was looking for more backing."
    )
    assert _speakers(nlp, text) == [("The Japanese car maker", "Mitsubishi Motors")]
    # "the paper" is the newspaper the article names as one, not the story's subject
    text = (
        "The Mirror newspaper said it had been handed a dossier. The paper said the document "
        "had been found in a street.\n\n"
        "The IMF will cut its growth estimate for Germany, the Financial Times reported. The "
        "IMF has also revised eurozone forecasts, the paper said."
    )
    assert _speakers(nlp, text) == [
        ("The Mirror newspaper", "Mirror"),
        ("The paper", "Mirror"),
        ("the Financial Times", "Financial Times"),
        ("the paper", None),  # not named as a newspaper; never the IMF
    ]


def test_the_commission_is_the_organisation_of_that_name(nlp):
    text = (
        "The Electoral Commission published its review on Monday. The commission said "
        "a cap on donations was worth debating. It also suggests increasing state funding."
    )
    assert _speakers(nlp, text) == [
        ("The Electoral Commission", "Electoral Commission"),
        ("The commission", "Electoral Commission"),
        ("It", "Electoral Commission"),
    ]
    # another organisation named since: "the bank" is Halifax, not the Bank of England
    text = (
        "Bank of England figures showed fewer mortgage loans. Halifax said prices rose "
        "in January. The bank said the market remained healthy."
    )
    assert ("The bank", "Bank of England") not in _speakers(nlp, text)


def test_a_report_speaks_for_its_author(nlp):
    text = (
        "Four times more camera phones will be sold, says a report from analysts "
        "Gartner. The report predicts that 70% of phones will have a camera by 2008.\n\n"
        "The Home Office has produced its own report. The report also showed that the "
        "public is confused."
    )
    # the report mentioned last names its author, or does not ("its own report")
    assert _speakers(nlp, text) == [
        ("a report", "Gartner"),
        ("The report", "Gartner"),
        ("The report", None),
    ]


def test_it_is_the_organisation_the_sentence_before_is_about(nlp):
    text = (
        "Northwind Airlines, which lost $200m last year, cut 900 jobs in March. In "
        "June, it said fuel costs would rise further.\n\n"
        "Other than its warning on interest rates, the NIESR report was upbeat. It said "
        "exports would grow. It also warned that borrowing was too high.\n\n"
        "Shell said it would appeal. The Rosneft announcement came hours after the "
        "auction. It has said it will seek damages."
    )
    # the subject before: an organisation, or a report that speaks for its author
    # (through a chain of "it"s); "The Rosneft announcement" is a thing, so "It" is
    # the organisation that spoke last
    assert _speakers(nlp, text) == [
        ("it", "Northwind Airlines"),
        ("It", "NIESR"),
        ("It", "NIESR"),
        ("Shell", "Shell"),
        ("It", "Shell"),
    ]
    # the model tags the bill as an organisation; its name says it is a thing
    text = 'The Prevention of Terrorism Bill was published. It proposes "control orders".'
    assert _speakers(nlp, text) == [("It", None)]


def test_a_spokesman_speaks_for_the_organisation_and_he_goes_on(nlp):
    text = (
        "A spokesman for DLF Builders, Dr Vancheshwar, told the BBC this will mean "
        '"better offerings" for consumers. He said the firm will benefit.\n\n'
        "Gemma Jackson was shortlisted for the art direction prize. A spokesman for the "
        'UK Film Council said: "It is disappointing not to have more British winners." '
        'He added: "It was extraordinary to have 24 British nominees."\n\n'
        "Mr Leigh said the Home Office should act. A Home Office spokesman said the "
        "system had been tightened. He added that checks were under way."
    )
    # the spokesman named is the speaker; one unnamed speaks for the organisation, and
    # so does the "He" that goes on (not Gemma Jackson, the person named last), also
    # after "A Home Office spokesman" (not Mr Leigh)
    assert _speakers(nlp, text) == [
        ("A spokesman", "Vancheshwar"),
        ("He", "Vancheshwar"),
        ("A spokesman", "UK Film Council"),
        ("He", "UK Film Council"),
        ("Mr Leigh", "Leigh"),
        ("A Home Office spokesman", "Home Office"),
        ("He", "Home Office"),
    ]


def test_a_spokesman_for_no_one_named_speaks_for_the_organisation_that_just_spoke(nlp):
    text = (
        "The Vestey Group said it had owned the land since 1920. But a spokesman "
        'added: "Agroflora is confident."\n\n'
        "Microsoft cut prices on Monday. A spokesman for the union said staff were "
        "worried.\n\n"
        "Shell said profits rose. Analysts were surprised. Sales rose in Asia. A "
        "spokeswoman said the figures were strong."
    )
    # an owner named but not an entity ("for the union") is not the organisation
    # before; nor is one that spoke more than two sentences back
    assert _speakers(nlp, text) == [
        ("The Vestey Group", "Vestey Group"),
        ("a spokesman", "Vestey Group"),
        ("A spokesman", None),
        ("Shell", "Shell"),
        ("A spokeswoman", None),
    ]


def test_pronoun_speaker_resolves_to_person_in_focus(nlp):
    text = (
        "Pete Hegseth arrived in Brussels on Wednesday.\n"
        "\u201cWe must be realistic about the borders,\u201d he told officials."
    )
    doc = nlp(text)
    mentions = _mentions(doc)
    rows = quote_rows(doc, mentions)
    r = _starting(rows, "We must be realistic")
    assert r["speaker"] == "he"
    assert r["speaker_name"] == "Pete Hegseth"


def test_pronoun_does_not_resolve_across_gender(nlp):
    # "Mr Smith" spoke last, but "She" is the woman named before him
    text = (
        "Ms Jones chaired the meeting. Mr Smith said the ban would save lives. "
        "She said it was long overdue."
    )
    r = _find(_rows(nlp, text), "it was long overdue")
    assert (r["speaker"], r["speaker_name"]) == ("She", "Jones")


def test_a_given_name_says_the_gender_a_pronoun_must_fit(nlp):
    # Ted Cruz spoke last, but "she" is the woman named before him; "he" is not her
    text = (
        "Sarah Palin spoke in Iowa on Monday. Ted Cruz said the race was wide open.\n\n"
        "\u201cIt just came out of my mouth,\u201d she said.\n\n"
        "\u201cWe will win Iowa,\u201d he added."
    )
    rows = _rows(nlp, text)
    assert _find(rows, "It just came out")["speaker_name"] == "Sarah Palin"
    assert _find(rows, "We will win Iowa")["speaker_name"] == "Ted Cruz"
    # a person named by one given name alone has its gender too
    text = (
        "Donald Trump spoke first in Ohio. Then Hillary answered him.\n\n"
        "\u201cWe will build the wall,\u201d he said."
    )
    assert _find(_rows(nlp, text), "We will build")["speaker_name"] == "Donald Trump"


@pytest.mark.parametrize(
    ("first", "last_speaker", "pronoun", "expected"),
    [
        ("Donald Trump", "Heidi Cruz", "he", "Donald Trump"),
        ("Hillary Clinton", "Joe Scarborough", "she", "Hillary Clinton"),
        ("Sonia Sotomayor", "Chuck Grassley", "she", "Sonia Sotomayor"),
    ],
)
def test_given_names_of_news_makers_say_their_gender(nlp, first, last_speaker, pronoun, expected):
    text = (
        f"{first} spoke in Iowa on Monday. {last_speaker} said the race was wide open.\n\n"
        f"\u201cIt will be tight,\u201d {pronoun} said."
    )
    assert _find(_rows(nlp, text), "It will be tight")["speaker_name"] == expected


def test_gender_comes_from_a_persons_own_clauses_not_from_what_they_say_of_another(nlp):
    # "her" after "the 30-year-old" and "she" after "says" are Radcliffe, not Richards;
    # Radcliffe's own clauses name places, which take no "he" or "she"
    text = (
        "Paula Radcliffe will run in New York in November. Sports psychologist Hugh "
        "Richards says the 30-year-old must draw on her past achievements. Radcliffe "
        'described her decision to enter the New York race as "impulsive". Her aims could '
        "be simple, but Richards says she must avoid emotional targets. Radcliffe told "
        "reporters in London her training had gone well. \u201cThe heat stress was the "
        "primary factor that tripped her up in Athens,\u201d he said."
    )
    r = _find(_rows(nlp, text), "The heat stress")
    assert (r["speaker"], r["speaker_name"]) == ("he", "Hugh Richards")


def test_role_resolves_to_the_name_in_apposition(nlp):
    text = (
        '"In a sense, we have hardly started," the new chair of the Internet '
        "Engineering Task Force (IETF), Brian Carpenter, says.\n\n"
        "But the chairman of the working party, Ambassador Stefan Johannesson of "
        "Iceland, warned that the talks could take years."
    )
    assert _speakers(nlp, text) == [
        ("the new chair", "Brian Carpenter"),
        ("the chairman", "Stefan Johannesson"),
    ]


def test_organisation_noun_resolves_to_the_name_it_describes(nlp):
    text = (
        "Shares in Petrel Resources fell on Monday. The Associated Press news agency "
        "reported that the firm had lost a contract in Iraq.\n\n"
        "Meanwhile, United's budget airline said it would add flights to Delhi."
    )
    assert _speakers(nlp, text) == [
        ("The Associated Press news agency", "Associated Press"),
        # the owner of the airline is not the airline
        ("United's budget airline", None),
    ]


def test_a_passive_cue_does_not_take_the_subject_of_the_verb_before_it(nlp):
    text = (
        "Farrell had an operation on his knee five weeks ago and is expected to be out "
        "for another three months. The athletes missed a drugs test and have been "
        "charged with faking a motorcycle accident."
    )
    rows = _rows(nlp, text)
    # what is expected of Farrell, by no one named; nobody says anything in "charged"
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == [
        ("to be out for another three months", None, "expected"),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Pence: Gennifer Flowers Won't Be at Debate.",
            [("Gennifer Flowers Won't Be at Debate", "indirect", "Pence")],
        ),
        ("Goldsmith: 'I was not leant on'", [("I was not leant on", "direct", "Goldsmith")]),
        # the source with its audience, or a finding
        (
            "Clinton to Planned Parenthood: Trump will reverse Roe v. Wade",
            [("Trump will reverse Roe v. Wade", "indirect", "Clinton")],
        ),
        (
            "Poll: Trump and Clinton hold narrow leads in Pennsylvania",
            [("Trump and Clinton hold narrow leads in Pennsylvania", "indirect", "Poll")],
        ),
        # a profile, a question and the kind of article name no statement
        ("Analysis: Trump wins Iowa", []),
        ("Johnny Depp: The acting outlaw", []),
        ("Ted Cruz: Constitutional conservative or career politician?", []),
    ],
)
def test_a_title_names_its_source_before_a_colon(nlp, title, expected):
    # the body names the source in full, as articles do
    name = title.split(":")[0]
    people = {
        "Pence": "Mike Pence",
        "Goldsmith": "Lord Goldsmith",
        "Clinton to Planned Parenthood": "Hillary Clinton",
        "Poll": "A Franklin & Marshall poll",
    }
    text = f"{title}\n\n{people.get(name, name)} was in the news in Washington on Monday."
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == expected


def test_pronoun_skips_a_name_that_only_modifies_a_noun(nlp):
    text = (
        "Singer Britney Spears is suing eight insurance companies.\n\n"
        "The pop star cancelled her Onyx Hotel tour last June after suffering a knee "
        "injury. She said she was seeking to be reimbursed for the costs."
    )
    doc = nlp(text)
    mentions = _mentions(doc)
    # the tagger takes the tour's name for a person: the case this guards
    assert ("Onyx Hotel", "PERSON") in {(m["text"], m["label"]) for m in mentions}
    r = _find(quote_rows(doc, mentions), "seeking to be reimbursed")
    assert (r["speaker"], r["speaker_name"]) == ("She", "Britney Spears")


def test_partial_quote_is_mixed(nlp):
    text = (
        "The minister told European states that they must now "
        "\u201clead from the front\u201d on security."
    )
    rows = _rows(nlp, text)
    r = _find(rows, "lead from the front")
    assert r["quote_type"] in ("mixed", "partial")
    assert r["speaker"] == "The minister"


# ------------------------------------------------- added: marks, stance, merging


def test_double_apostrophe_mark_spans_both_apostrophes():
    text = "Earlier. ''We will win,'' he said. ''It is certain.''"
    passages = find_passages(text)
    assert [text[p.start : p.end] for p in passages] == ["We will win,", "It is certain."]
    for p in passages:
        assert text[p.outer_start : p.outer_start + 2] == "''"
        assert text[p.outer_end - 2 : p.outer_end] == "''"


def test_double_apostrophe_quotes_attributed_and_inherited(nlp):
    text = "''A museum alone will not end poverty,'' he said. ''It will not stop the violence.''"
    rows = _rows(nlp, text)
    a = _starting(rows, "A museum alone")
    b = _starting(rows, "It will not stop the violence")
    assert a["speaker"] == "he" and a["quote_type"] == "direct"
    assert b["speaker_start"] == a["speaker_start"]


def test_typographic_open_straight_close():
    text = 'The mayor said there was \u201cno evidence" yet of a plot.'
    assert [text[p.start : p.end] for p in find_passages(text)] == ["no evidence"]


def test_indirect_has_repeatedly_said_that(nlp):
    rows = _rows(
        nlp, "Mr Zelenskiy has repeatedly said that only Nato membership can protect Ukraine."
    )
    r = _find(rows, "only Nato membership can protect Ukraine")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "Mr Zelenskiy"


def test_indirect_nominal_comments_from(nlp):
    text = "The move followed comments from Pete Hegseth that Ukraine would not join Nato."
    r = _find(_rows(nlp, text), "Ukraine would not join Nato")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "Pete Hegseth"


def test_organisation_is_a_speaker(nlp):
    r = _find(_rows(nlp, "The Kremlin said the call lasted almost 90 minutes."), "the call lasted")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "The Kremlin"


def test_indirect_parenthetical_attribution(nlp):
    rows = _rows(nlp, "The talks, the minister said, will resume in Geneva next week.")
    r = _find(rows, "will resume in Geneva")
    assert r["quote_type"] == "indirect" and r["speaker"] == "the minister"
    assert r["text"].startswith("The talks")
    rows = _rows(nlp, "The talks will resume in Geneva next week, the minister said.")
    r = _find(rows, "The talks will resume")
    assert r["speaker"] == "the minister"
    assert r["text"] == "The talks will resume in Geneva next week"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Senator Jane Smith endorsed the budget deal on Tuesday.",
            "the budget deal",
            "Senator Jane Smith",
        ),
        (
            "The governor wants to ban fracking in the state.",
            "to ban fracking in the state",
            "The governor",
        ),
        (
            "The union called for a new vote on the contract.",
            "a new vote on the contract",
            "The union",
        ),
        # the phrase before the subject is not what was vowed (the parse tree's root
        # is found by comparing token indices: spaCy makes a new Token on each access)
        (
            "Trump spoke to supporters. In virtually every policy realm, Trump vowed to "
            "put the country\u2019s interests before any other.",
            "to put the country\u2019s interests before any other",
            "Trump",
        ),
        # a participle of taking a side states the stance of the noun it modifies
        (
            "An effort to recruit pastors supporting Mr. Cruz failed.",
            "Mr. Cruz",
            "pastors",
        ),
    ],
)
def test_indirect_stance_without_speech_verb(nlp, text, content, speaker):
    r = _find(_rows(nlp, text), content)
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == speaker
    assert r["confidence"] < 0.5  # a stance, not a statement: lower confidence


@pytest.mark.parametrize(
    ("text", "content", "speaker", "qtype", "cue"),
    [
        # a stance's object alone ("Trump") says nothing: the complement is the charge
        (
            "Clinton accused Trump of lying about his taxes.",
            "Trump of lying about his taxes",
            "Clinton",
            "indirect",
            "accused",
        ),
        (
            "The senator described the deal as a disaster for workers.",
            "the deal as a disaster for workers",
            "The senator",
            "indirect",
            "described",
        ),
        # a quoted word about an object takes the object with it
        (
            "At a fundraiser in New York, Clinton called half of Trump's supporters "
            "\u201cdeplorables.\u201d",
            "half of Trump's supporters \u201cdeplorables.\u201d",
            "Clinton",
            "mixed",
            "called",
        ),
        (
            'Minyon Moore called Mr. Obama\'s remarks "a true wake-up call" to his coalition.',
            'Mr. Obama\'s remarks "a true wake-up call" to his coalition',
            "Minyon Moore",
            "mixed",
            "called",
        ),
        # the object of "told" is the hearer: it stays out
        (
            'Hegseth told European states that they must now "lead from the front".',
            'that they must now "lead from the front"',
            "Hegseth",
            "mixed",
            "told",
        ),
        # a quoted object of a verb of stance, with what follows it
        (
            'Clinton supports "appropriate pay raises" for federal workers.',
            '"appropriate pay raises" for federal workers',
            "Clinton",
            "mixed",
            "supports",
        ),
        (
            'He offered "my thoughts and prayers for all of the families."',
            "my thoughts and prayers for all of the families.",
            "He",
            "direct",
            "offered",
        ),
        # words named in a relative clause take the clause along
        (
            'The fire was caused by an explosion that the mayor described as "an intentional act."',
            'an explosion that the mayor described as "an intentional act."',
            "the mayor",
            "mixed",
            "described",
        ),
        (
            'Clinton attacked the plan, which Trump had called a "disaster" last year.',
            'which Trump had called a "disaster" last year',
            "Trump",
            "mixed",
            "called",
        ),
        # "as X put it" attributes what it follows or introduces
        (
            'As the senator put it, "This person will not be confirmed this year."',
            "This person will not be confirmed this year.",
            "the senator",
            "direct",
            "put",
        ),
        (
            'The program is a "lawful source of income," as a Homeland Security memo put it.',
            'The program is a "lawful source of income,"',
            "a Homeland Security memo",
            "mixed",
            "put",
        ),
        # a quotation inside someone's claim is theirs, not the subject's of the verb
        (
            "Politifact did a fact-check on Donald Trump\u2019s claim that there have been "
            "\u201cthousands of shootings\u201d in Chicago.",
            "that there have been \u201cthousands of shootings\u201d in Chicago",
            "Donald Trump",
            "mixed",
            "claim",
        ),
        # a participle of speech after the cue's comma is the next statement, even
        # where the parser hangs it inside the quotation that follows
        (
            '"The American people do not agree with Trump," Sanders said, suggesting a '
            'few questions, including, "Mr. Trump, do you really think that billionaires '
            'need a massive tax break?"',
            'a few questions, including, "Mr. Trump, do you really think that '
            'billionaires need a massive tax break?"',
            "Sanders",
            "mixed",
            "suggesting",
        ),
        (
            "\u201cThere\u2019s great danger with the illegals,\u201d Trump told reporters, "
            "before insisting he had a \u201cgreat relationship\u201d with Latinos.",
            "he had a \u201cgreat relationship\u201d with Latinos",
            "Trump",
            "mixed",
            "insisting",
        ),
        # a cue and a comma before a quotation at a paragraph's start: a direct quote,
        # without its closing mark (it was typed mixed, the closing mark in its text)
        (
            "Ryan spoke on Tuesday.\n\nHe added, \u201cWe will win.\u201d",
            "We will win.",
            "He",
            "direct",
            "added",
        ),
        # reported speech that opens a quotation ends after its closing mark
        (
            "Politifact checked the claim.\n\nOn September 27 they published the results "
            "of their check by announcing that Trump\u2019s statement was \u201ctrue.\u201d",
            "the results of their check by announcing that Trump\u2019s statement was "
            "\u201ctrue.\u201d",
            "they",
            "mixed",
            "published",
        ),
        # nothing but a passage in its marks is a direct quote, wherever its cue is
        (
            "Sanders toured the state.\n\nSanders asks at Western High School, "
            "\u201cAny questions I can answer?\u201d",
            "Any questions I can answer?",
            "Sanders",
            "direct",
            "asks",
        ),
        # the last sentence of a quotation, hung on the verb after it, is not reported
        # speech of its own beside the quote
        (
            'The critic Peter Bradshaw felt that there "might well be" a sweep of awards on '
            'Saturday night. "I hope that the voters will respond to the high standard of '
            "acting. If they can't do so, what hope is there?\" he said.",
            "I hope that the voters will respond to the high standard of acting. If they "
            "can't do so, what hope is there?",
            "he",
            "direct",
            "said",
        ),
        # a clause merged with the quotation it runs into keeps the closing mark
        (
            "Pence spoke on Sunday.\n\nThe Indiana governor said Democrats and the media "
            "are to blame for focusing on \u201che said this, he tweeted that.\u201d",
            "Democrats and the media are to blame for focusing on \u201che said this, he "
            "tweeted that.\u201d",
            "The Indiana governor",
            "mixed",
            "said",
        ),
        # a clause the parser cut from its subject and hung on the cue beside the
        # quoted one is part of the statement
        (
            "Flynn spoke on Thursday.\n\nBut Flynn said Trump has \u201cenormous "
            "respect\u201d for the military and his rubble comment was instead an "
            "expression of frustration with the strategy.",
            "Trump has \u201cenormous respect\u201d for the military and his rubble "
            "comment was instead an expression of frustration with the strategy",
            "Flynn",
            "mixed",
            "said",
        ),
        (
            "Flynn spoke on Thursday.\n\nBut Flynn said Trump has enormous respect for the "
            "military and his rubble comment was instead an expression of frustration.",
            "Trump has enormous respect for the military and his rubble comment was "
            "instead an expression of frustration",
            "Flynn",
            "indirect",
            "said",
        ),
        # a clause cut before a coordinated one does not end on the conjunction
        (
            "Charlotte Mayor Jennifer Roberts spoke on Friday.\n\nRoberts said Friday that "
            'she thinks the video should be released but said "the question is the timing."',
            "the video should be released",
            "she",
            "indirect",
            "thinks",
        ),
        # the parser ran the name into the phrase before it and left "said" without
        # a subject: the name just before the verb is its speaker
        (
            "At a rally for his wife Hillary Clinton, former president Bill Clinton said "
            "his wife was uniquely qualified to be president at this time.",
            "his wife was uniquely qualified to be president at this time",
            "former president Bill Clinton",
            "indirect",
            "said",
        ),
        # a participle clause of speech under a preposition stops the climb to the
        # outer cue: Carson said "pray for him", not the one asked what they think
        (
            "What do you think of Carson privately saying \u201cpray for him\u201d in response?",
            "\u201cpray for him\u201d in response",
            "Carson",
            "mixed",
            "saying",
        ),
    ],
)
def test_content_speaker_type_and_cue(nlp, text, content, speaker, qtype, cue):
    rows = [r for r in _rows(nlp, text) if r["text"] == content]
    assert [(r["speaker"], r["quote_type"], r["cue"]) for r in rows] == [(speaker, qtype, cue)]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # the infinitive keeps who is urged; "apologize for his comments" inside it is
        # the senator's, not the families' stance, and is not a row of its own
        (
            "The families urged the Vermont senator to apologize for his comments.",
            "the Vermont senator to apologize for his comments",
            "The families",
            "urged",
        ),
        # Trump's wish is part of what Clinton said
        (
            "Clinton said that Trump wants to ban Muslims from entering the country.",
            "that Trump wants to ban Muslims from entering the country",
            "Clinton",
            "said",
        ),
    ],
)
def test_stance_inside_a_row_is_part_of_it(nlp, text, content, speaker, cue):
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == [(content, speaker, cue)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle of speech after a comma is the speaker's next statement, even
        # where the parser hangs it inside the reported clause
        (
            "Mr Zelenskiy has repeatedly said that only Nato membership would ensure "
            "peace, warning that the pledges of European states do not intimidate the "
            "Kremlin.",
            [
                ("that only Nato membership would ensure peace", "Mr Zelenskiy", "said"),
                (
                    "that the pledges of European states do not intimidate the Kremlin",
                    "Mr Zelenskiy",
                    "warning",
                ),
            ],
        ),
        # so is a verb of speech joined to the reported clause without a subject of its
        # own; one with its own subject is someone else's statement
        (
            "RNC spokesman Sean Spicer said the Republican Party was not in a crisis, and "
            "urged that everyone take a deep breath and relax.",
            [
                ("the Republican Party was not in a crisis", "RNC spokesman Sean Spicer", "said"),
                (
                    "that everyone take a deep breath and relax",
                    "RNC spokesman Sean Spicer",
                    "urged",
                ),
            ],
        ),
        (
            "The prime minister said he had discussed the claims with the chancellor and "
            'dismissed them as a "load of nonsense".',
            [
                ("he had discussed the claims with the chancellor", "The prime minister", "said"),
                ('them as a "load of nonsense"', "The prime minister", "dismissed"),
            ],
        ),
        (
            "Most voters said the economy was weak, while a few said they thought it "
            "favours the wealthy.",
            [
                ("the economy was weak", "Most voters", "said"),
                ("they thought it favours the wealthy", "a few", "said"),
            ],
        ),
        # ... but not a verb joined to one deeper in the clause: that is what was said
        (
            "A spokeswoman said the candidate was doing interviews when security located "
            "her and told her to leave.",
            [
                (
                    "the candidate was doing interviews when security located her and told "
                    "her to leave",
                    "A spokeswoman",
                    "said",
                )
            ],
        ),
        # the question was put to Leavitt: neither hers nor the White House's stance
        (
            "Asked how the White House views Russia, Ms Leavitt said the president wants peace.",
            [("the president wants peace", "Ms Leavitt", "said")],
        ),
        # so was the question set off by commas after the subject, parsed as its verb
        (
            "Smith, asked about the plan, said it was fine. Jones asked about the plan.",
            [("it was fine", "Smith", "said"), ("the plan", "Jones", "asked about")],
        ),
        # a relative clause is not an aside that reports the sentence around it
        (
            "Mr Trump, who vowed to bring a swift end to the war, stated that the call went well.",
            [
                ("to bring a swift end to the war", "who", "vowed"),
                ("that the call went well", "Mr Trump", "stated"),
            ],
        ),
        # a title-case name in a sentence is a title, not a quotation ...
        ('He strode onstage to the "Air Force One" theme song.', []),
        (
            'In an interview on CBS\'s "Face the Nation," Mr Ryan said the shootings '
            "were a tragedy.",
            [("the shootings were a tragedy", "Mr Ryan", "said")],
        ),
        # ... even after a cue, when a possessive or a preposition governs it
        (
            'The senator told MSNBC\'s "Morning Joe" that the deal was dead.',
            [("that the deal was dead", "The senator", "told")],
        ),
        # ... unless someone calls someone by it
        (
            'Trump called Cruz "Lyin\' Ted" at the rally.',
            [('Cruz "Lyin\' Ted" at the rally', "Trump", "called")],
        ),
        # a title line with no closing punctuation ends there, even where the parser
        # runs it on into the text: neither the content nor the speaker crosses it
        (
            "Kirwan demands Italy consistency\n\nItaly coach John Kirwan has challenged "
            "his side to match the performance they produced against Ireland.",
            [
                ("Italy consistency", "Kirwan", "demands"),
                (
                    "his side to match the performance they produced against Ireland",
                    "Italy coach John Kirwan",
                    "challenged",
                ),
            ],
        ),
        # a speech verb with an object of its own is no aside reporting the sentence
        (
            "Despite losing 28-17 on Sunday, the Italians confirmed their continuing improvement.",
            [("their continuing improvement", "the Italians", "confirmed")],
        ),
        # a parse run on across paragraphs (a list without full stops) does not carry
        # the list into the quotation after it
        (
            "The new technologies include:\n\n - A pressure control system\n - Streamlined "
            'cars to reduce the noise \n\n"It is a great honour for us," said Masayuki '
            "Shimono, the firm's president.",
            [("It is a great honour for us", "Masayuki Shimono", "said")],
        ),
        # nor does reported speech run on over a paragraph break into a title
        (
            "Oz is putting his reputation on the line with what many expect to be his "
            "softball interview with Trump.\n\nQUESTIONABLE MEDICAL CLAIMS\n\nOz has been "
            "criticized before.",
            [("what many expect to be his softball interview with Trump.", "many", "expect")],
        ),
        # ... except into the list it announces
        (
            "Judge Rand Rubin said she must:\n\n- Spend three years on probation \n - Pay a "
            "fine\n\nIn the drugs case, she was sentenced to probation.",
            [
                (
                    "she must:\n\n- Spend three years on probation \n - Pay a fine",
                    "Judge Rand Rubin",
                    "said",
                )
            ],
        ),
        # a possessive the parser cut from what it owns (two objects) keeps it
        (
            "Mr Hegseth dealt a heavy blow to Ukraine\u2019s hopes with his comments at Nato "
            "headquarters in Brussels.",
            [("a heavy blow to Ukraine\u2019s hopes", "Mr Hegseth", "dealt")],
        ),
        # "That said," is a discourse marker, not a statement of "that"
        ("The game is short. That said, it is still great fun to play.", []),
        # "quoted X as saying": the words are X's, not the newspaper's
        (
            "The Financial Times quoted an insider in the talks as saying that HSBC was surprised.",
            [("that HSBC was surprised", "an insider", "saying")],
        ),
        # the tokenizer splits "co-chairman" at its hyphen; the mention keeps it whole
        (
            "The Tory co-chairman said Mr Blair was very worried.",
            [("Mr Blair was very worried", "The Tory co-chairman", "said")],
        ),
    ],
)
def test_each_statement_of_a_sentence_is_its_own_row(nlp, text, expected):
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == expected


def test_learned_frames_add_stances_the_written_ones_miss(nlp):
    from transforms.quote_rules import LEARNED_FRAMES, VERB_FRAMES

    doc = nlp("Sanders offered a plan to make college free.")
    assert "dobj" in LEARNED_FRAMES["offer"] and "dobj" not in VERB_FRAMES["offer"]
    r = _find(quote_rows(doc, _mentions(doc)), "a plan")
    assert (r["text"], r["speaker"], r["cue"]) == (
        "a plan to make college free",
        "Sanders",
        "offered",
    )
    assert r["confidence"] < 0.5
    assert quote_rows(doc, _mentions(doc), frames=VERB_FRAMES) == []


def test_role_noun_resolves_to_title_holder(nlp):
    text = (
        "Nato secretary general Mark Rutte met the ministers on Thursday.\n"
        "The talks must include Ukraine, the secretary general said."
    )
    doc = nlp(text)
    mentions = _mentions(doc)
    r = _find(quote_rows(doc, mentions), "The talks must include Ukraine")
    assert r["speaker"] == "the secretary general"
    if any(m["text"] == "Mark Rutte" for m in mentions):
        assert r["speaker_name"] == "Mark Rutte"


def test_scoring_merges_split_quote_across_indirect_rows():
    def row(s, e, t, spk, cue):
        return {
            "start_char": s,
            "end_char": e,
            "quote_type": t,
            "speaker": "he",
            "speaker_start": spk,
            "speaker_end": spk + 2,
            "cue": cue,
        }

    rows = [
        row(0, 10, "direct", 12, "said"),
        row(13, 20, "indirect", 40, "says"),
        row(22, 30, "direct", 12, "said"),
    ]
    out = scoring_quotes(rows)
    assert [(q["start"], q["end"], q["type"]) for q in out] == [
        (0, 30, "direct"),
        (13, 20, "indirect"),
    ]


# ------------------------------------------- added: speakers the parse does not give


def test_relative_pronoun_speaker_kept_as_written(nlp):
    text = 'Mark Rutte, who said "the alliance is united and ready," left Brussels on Friday.'
    doc = nlp(text)
    mentions = _mentions(doc)
    r = _find(quote_rows(doc, mentions), "the alliance is united")
    assert r["speaker"] == "who"
    assert text[r["speaker_start"] : r["speaker_end"]] == "who"
    if any(m["text"] == "Mark Rutte" for m in mentions):
        assert r["speaker_name"] == "Mark Rutte"


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Trump leaned in and boomed: \u201cLet\u2019s defeat her in November.\u201d",
            "Let\u2019s defeat her",
            "Trump",
        ),
        (
            "IOWA POLLS WERE EARLY - Mark Blumenthal: \u201cThe polls failed to predict "
            "the result.\u201d",
            "The polls failed",
            "Mark Blumenthal",
        ),
        (
            "Stated Stone:\n\u201cI think that the stakes are very high for all of us.\u201d",
            "I think that the stakes",
            "Stone",
        ),
    ],
)
def test_colon_names_the_speaker_without_speech_verb(nlp, text, content, speaker):
    r = _starting(_rows(nlp, text), content)
    assert r["quote_type"] == "direct"
    assert r["speaker"].endswith(speaker)
    assert r["speaker"].split()[0] not in ("IOWA", "EARLY", "-")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the parser hangs the quotation on "said" beside the reported clause: still
        # one statement, not an indirect clause cut at the mark plus a quote
        (
            "The Indiana governor said Democrats and the media are to blame for focusing "
            "on \u201che said this, he tweeted that.\u201d",
            "Democrats and the media are to blame for focusing on \u201che said this, he "
            "tweeted that.\u201d",
            "The Indiana governor",
        ),
        # a clause the quotation sits in is one row, not the clause and its widening
        (
            'Meanwhile the singer\'s mother has said she is "100% certain" her son did not '
            "commit the crimes he is charged with.",
            'she is "100% certain" her son did not commit the crimes he is charged with',
            "the singer's mother",
        ),
    ],
)
def test_reported_clause_and_its_quotation_are_one_row(nlp, text, content, speaker):
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == [
        (content, "mixed", speaker)
    ]


def test_phrasal_verb_of_speech(nlp):
    rows = _rows(
        nlp,
        "But as The Hill pointed out, \u201cStill, Trump has declined to release any tax "
        "returns.\u201d Critics pointed out that the plan would cost billions.",
    )
    assert [(r["text"], r["quote_type"], r["speaker"], r["cue"]) for r in rows] == [
        (
            "Still, Trump has declined to release any tax returns.",
            "direct",
            "The Hill",
            "pointed out",
        ),
        ("that the plan would cost billions", "indirect", "Critics", "pointed out"),
    ]
    assert rows[1]["confidence"] == 0.6  # a statement, not a belief


def test_quotes_after_invisible_format_characters(nlp):
    rows = _rows(
        nlp,
        "Her post resonated with viewers.\n\n\u202a\u201dSorry Sarah, you should have said "
        "it!\u201d posted Sharon Powers Geyer.\n\n\u202a\u201dThey will burn for it!\u201d "
        "wrote Pete Hidalgo.",
    )
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == [
        ("Sorry Sarah, you should have said it!", "direct", "Sharon Powers Geyer"),
        ("They will burn for it!", "direct", "Pete Hidalgo"),
    ]


def test_trailing_participle_hung_on_a_relative_clause_is_the_main_subjects(nlp):
    rows = _rows(
        nlp,
        "Trump was similarly defensive when forced to defend not paying an architect who "
        "said he was stiffed after he designed a clubhouse at one of his golf courses, "
        "saying, \u201cMaybe he didn\u2019t do a good job.\u201d",
    )
    r = _find(rows, "Maybe he didn")
    assert (r["speaker"], r["cue"]) == ("Trump", "saying")
    assert _find(rows, "he was stiffed")["speaker"] == "who"


def test_noun_phrase_and_any_verb_after_quote(nlp):
    rows = _rows(nlp, "\u201cGo back to your seat right now,\u201d the senator barked at him.")
    r = _starting(rows, "Go back to your seat")
    assert r["speaker"] == "the senator"


def test_speaker_after_the_quote_is_the_name_not_a_date_or_its_description(nlp):
    text = (
        "The U.S. Department of Justice is investigating the shooting.\n"
        "\u201cI will just make this promise to you: We will achieve justice in this "
        "case,\u201d Tulsa police Chief Chuck Jordan said Monday.\n\n"
        "\u201cHe is absolutely right. There is a severe disconnect,\u201d Flynn, a top "
        "Trump surrogate, said Thursday morning on Fox News\u2019s \u201cFox and "
        "Friends.\u201d"
    )
    rows = _rows(nlp, text)
    assert _starting(rows, "I will just make this promise")["speaker"] == "Chuck Jordan"
    text = (
        "Carson was asked about West Point.\n\n"
        '"I\'m not going to say it is a mistake, so forget about it," said retired '
        "neurosurgeon Ben Carson, asked about his claims."
    )
    quote = _starting(_rows(nlp, text), "I'm not going to say")
    assert quote["speaker"] == "retired neurosurgeon Ben Carson"
    # a surname the tagger takes for an adverb
    text = (
        "Skelly vouched for both of them.\n\n"
        "\u201cHaving access to the RNC file and two people who understand it is "
        "valuable,\u201d said Skelly, explaining he worked more closely with Chrabaszcz."
    )
    assert _starting(_rows(nlp, text), "Having access")["speaker"] == "Skelly"
    assert _starting(rows, "He is absolutely right")["speaker"] == "Flynn"


def test_speaker_after_the_quote_is_the_name_an_appositive_describes(nlp):
    text = (
        "Mr. Biden often clashed with her.\n\n"
        "\u201cThey were professionals, but also competitors,\u201d William M. Daley, "
        "President Obama\u2019s former chief of staff, said of their time in the "
        "administration.\n\n"
        "\u201cClinton needs a strategy for targeting these voters,\u201d Nate Silver, who "
        "founded fivethirtyeight.com, tweeted on Wednesday."
    )
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == [
        ("They were professionals, but also competitors", "direct", "William M. Daley"),
        ("Clinton needs a strategy for targeting these voters", "direct", "Nate Silver"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a relative clause between the speaker and the cue after the passage
        (
            '"I think people are fed up," one nurse, who asked not to be named, told the BBC.',
            "one nurse",
        ),
        # an age in apposition, and "told" is followed by its hearer, not the speaker
        (
            '"We were wrong not to confront him from the start," Ramos, 58, told AFP in '
            "an interview on Monday.",
            "Ramos",
        ),
    ],
)
def test_speaker_after_the_quote_past_what_describes_them(nlp, text, speaker):
    rows = _rows(nlp, text)
    assert [(r["quote_type"], r["speaker"], r["cue"]) for r in rows] == [
        ("direct", speaker, "told")
    ]


def test_speaker_after_the_quote_when_the_parse_lost_the_subject():
    # the parse (built by hand, as the model gave it in a news article) makes the
    # source an attribute of the quoted verb and leaves "told" without a subject
    doc = _hand_parsed(
        [
            ('"', 19, "punct", "PUNCT", "``", '"', False),
            ("The", 2, "det", "DET", "DT", "the", True),
            ("officers", 3, "nsubj", "NOUN", "NNS", "officer", True),
            ("are", 19, "ccomp", "AUX", "VBP", "be", True),
            ("under", 3, "prep", "ADP", "IN", "under", True),
            ("pressure", 4, "pobj", "NOUN", "NN", "pressure", False),
            (",", 3, "punct", "PUNCT", ",", ",", False),
            ('"', 3, "punct", "PUNCT", "''", '"', True),
            ("a", 10, "det", "DET", "DT", "a", True),
            ("police", 10, "compound", "NOUN", "NN", "police", True),
            ("source", 3, "attr", "NOUN", "NN", "source", False),
            (",", 10, "punct", "PUNCT", ",", ",", True),
            ("who", 15, "nsubjpass", "PRON", "WP", "who", True),
            ("was", 15, "auxpass", "AUX", "VBD", "be", True),
            ("not", 15, "neg", "PART", "RB", "not", True),
            ("authorized", 10, "relcl", "VERB", "VBN", "authorize", True),
            ("to", 17, "aux", "PART", "TO", "to", True),
            ("speak", 15, "xcomp", "VERB", "VB", "speak", False),
            (",", 19, "punct", "PUNCT", ",", ",", True),
            ("told", 19, "ROOT", "VERB", "VBD", "tell", True),
            ("the", 21, "det", "DET", "DT", "the", True),
            ("Times", 19, "dobj", "PROPN", "NNP", "Times", False),
            (".", 19, "punct", "PUNCT", ".", ".", False),
        ]
    )
    rows = quote_rows(doc, [])
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == [
        ("The officers are under pressure", "a police source", "told")
    ]


@pytest.mark.parametrize(
    ("text", "statement", "speaker"),
    [
        (
            '"It\'s a disgrace," a resident, who declined to be identified, told reporters.',
            "It's a disgrace",
            "a resident",
        ),
        (
            "A local official, who asked not to be named, said the road would reopen.",
            "the road would reopen",
            "A local official",
        ),
        # a number opens the speaker after an inverted verb of any kind
        (
            '"It\'s a disgrace," fumed one shopper, who declined to give her name.',
            "It's a disgrace",
            "one shopper",
        ),
    ],
)
def test_a_request_for_anonymity_is_no_statement(nlp, text, statement, speaker):
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"]) for r in rows] == [(statement, speaker)]


def test_a_request_to_be_named_to_a_post_is_still_a_stance(nlp):
    r = _find(_rows(nlp, "He asked to be named as the new chairman."), "named as")
    assert (r["speaker"], r["cue"], r["text"]) == ("He", "asked", "to be named as the new chairman")


def test_a_statement_is_one_row_not_repeated_by_a_passage_inside_it(nlp):
    text = (
        "Cruz spoke on Monday.\n\n"
        'Trump called the senator a "nasty guy," an "anchor baby," "unstable" and "sick."'
    )
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"], r["cue"]) for r in rows] == [
        (
            'the senator a "nasty guy," an "anchor baby," "unstable" and "sick."',
            "mixed",
            "Trump",
            "called",
        )
    ]


def test_overlapping_rows_of_one_statement_are_one_row(nlp):
    # the passages' rows ('Clinton as a "disgrace" and blamed her for', 'blamed her for
    # "implicit bias" ...') share the cue "described" and overlap
    text = (
        "Christie went on the radio on Wednesday.\n\n"
        "New Jersey Gov. Chris Christie described Democratic presidential nominee Hillary "
        "Clinton as a \u201cdisgrace\u201d and blamed her for \u201cimplicit bias\u201d "
        "against minorities."
    )
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["cue"]) for r in rows] == [
        (
            "Democratic presidential nominee Hillary Clinton as a \u201cdisgrace\u201d and "
            "blamed her for \u201cimplicit bias\u201d against minorities",
            "mixed",
            "described",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dash glued to the closing mark (the tokenizer keeps the two together)
        (
            "\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
            "\u201cHe is ignorant of our culture and lives.\u201d\u2015 Pamela Padilla\n",
            [
                ("He represents ", "Sonya Herridge", "\u2015"),
                ("He is ignorant", "Pamela Padilla", "\u2015"),
            ],
        ),
        # a paragraph of quotation signed on the next line, the dash glued to the name
        (
            "Reid spoke on Tuesday.\n\n"
            "\"Great speech. She's tested. She's ready. She never quits.\"\n\n"
            "-President Obama, tweeting after the speech.\n\n"
            '"We need a leader who can bring us together."\n\n'
            "\u2014 Michelle Marks, Philadelphia.",
            [
                ("Great speech. ", "President Obama", "-"),
                ("We need a lead", "Michelle Marks", "\u2014"),
            ],
        ),
        # a line opened by a passage and closed by a dash and a name: every passage
        # on it is that person's
        (
            "\u201cI am truly afraid that he will win.\u201d \u2015 Karen Bobadilla\n"
            "\u201cHe is not fit to lead our nation. To quote Bob Marley \u2018Some people "
            "are so poor all they have is money.\u201d And that\u2019s all he has \u201cthe "
            "root of all evil\u2019.\u201d \u2015 Christina Lastra.",
            [
                ("I am truly afr", "Karen Bobadilla", "\u2015"),
                ("He is not fit ", "Christina Lastra", "\u2015"),
                ("the root of al", "Christina Lastra", "\u2015"),
            ],
        ),
        # a title with the name, or a title alone, outranks a heading's cue above
        (
            "What they said:\n\n"
            '"A disgraceful decision" \u2014 Liberal Democrat leader Ed Davey\n\n'
            '"We will appeal" \u2014 club chairman Tony Bloom\n\n'
            '"This changes nothing." \u2014 Downing Street spokesperson\n',
            [
                ("A disgraceful ", "Liberal Democrat leader Ed Davey", "\u2014"),
                ("We will appeal", "club chairman Tony Bloom", "\u2014"),
                ("This changes n", "Downing Street spokesperson", "\u2014"),
            ],
        ),
    ],
    ids=["glued-to-the-closing-mark", "signed-on-the-next-line", "ending-the-line", "titles"],
)
def test_quotation_signed_with_a_dash_and_a_name(nlp, text, expected):
    rows = _rows(nlp, text)
    assert [(r["text"][:14], r["speaker"], r["cue"]) for r in rows] == expected


def test_words_in_marks_inside_a_subject_are_not_a_quote(nlp):
    text = (
        "Critics spoke on Monday.\n\n"
        'The idea that the "new terrorism" demands new powers was rejected. An "informal '
        'trawl" of CPS records found 11 people had been prosecuted.'
    )
    rows = _rows(nlp, text)
    assert [r["text"] for r in rows if r["quote_type"] != "indirect"] == []
    found = _find(rows, "11 people had been prosecuted")
    assert (found["speaker"], found["cue"]) == ('An "informal trawl"', "found")


def test_speaker_named_in_the_sentence_before(nlp):
    text = (
        "Iowa State University\u2019s Dianne Bystrom agreed. \u201cMainstream Republicans are "
        "running out of time to find an alternative.\u201d"
    )
    r = _starting(_rows(nlp, text), "Mainstream Republicans")
    assert r["quote_type"] == "direct"
    assert "Dianne Bystrom" in r["speaker"]


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "n_rows", "relation"),
    [
        # the quote of the sentence before does not take the second passage's speaker
        (
            "\u201cIt has the virtue of being responsible,\u201d Leonard Burman said. "
            "\u201cIt does not make our fiscal problems worse.\u201d",
            "Leonard Burman",
            "said",
            2,
            "It has the virtue of being responsible,\u201d Leonard Burman said. "
            "\u201cIt does not make our fiscal problems worse.",
        ),
        # a colon after the reported clause introduces more of the same statement: one
        # row, the quotation after the colon not repeated as a row of its own
        (
            'Another said he hoped with his "whole heart" that Trump wins the election: '
            '"That way I can watch the comedy for several years."',
            "Another",
            "said",
            1,
            'he hoped with his "whole heart" that Trump wins the election: '
            '"That way I can watch the comedy for several years."',
        ),
        # subject and cue right after the closing mark, whatever follows them
        (
            '"Pat Kennedy is the greatest!!!" McDonough wrote in a September 2012 email to '
            'top State officials. "Thanks for the great work, guys."',
            "McDonough",
            "wrote",
            2,
            'Pat Kennedy is the greatest!!!" McDonough wrote in a September 2012 email to '
            'top State officials. "Thanks for the great work, guys.',
        ),
    ],
)
def test_two_passages_of_one_statement_are_one_relation(nlp, text, speaker, cue, n_rows, relation):
    rows = [r for r in _rows(nlp, text) if r["quote_type"] != "indirect"]
    assert len(rows) == n_rows
    assert {(r["speaker"], r["cue"]) for r in rows} == {(speaker, cue)}
    merged = [q for q in scoring_quotes(rows) if q["type"] != "indirect"]
    assert [text[q["start"] : q["end"]] for q in merged] == [relation]


def test_subject_does_not_cross_a_paragraph_break(nlp):
    text = (
        "___.\n\n5:45 p.m.\n\nThe governor\u2019s doctor is calling the candidate "
        "\u201cextremely physically fit.\u201d"
    )
    r = _find(_rows(nlp, text), "extremely physically fit")
    assert r["speaker"] is not None and "doctor" in r["speaker"]
    assert r["speaker_start"] > text.index("p.m.")


def test_what_he_called_is_the_outer_subjects_statement(nlp):
    rows = _rows(nlp, 'The minister condemned what he called a "brazen breach" of the rules.')
    r = _find(rows, "brazen breach")
    assert r["quote_type"] in ("mixed", "partial")
    assert r["speaker"] == "The minister"
    assert r["text"].startswith("what he called")
    # a named speaker of "called" keeps the quote
    rows = _rows(nlp, 'Cleveland sought to shed what Gilbert called "a perception problem."')
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == [
        # Cleveland's stance holds the quotation: mixed
        ('to shed what Gilbert called "a perception problem."', "mixed", "Cleveland"),
        ("a perception problem.", "direct", "Gilbert"),
    ]


def test_relative_clause_verb_after_passage_is_not_its_cue(nlp):
    text = (
        "Wilcox said he was \u201ca big advocate\u201d of common standards, which he argued "
        "help students who move often."
    )
    rows = [r for r in _rows(nlp, text) if r["quote_type"] != "indirect"]
    r = _find(rows, "a big advocate")
    assert r["speaker"] == "Wilcox"
    assert r["cue"] == "said"


def test_mixed_quote_spans_the_reported_clause_after_the_cue(nlp):
    # the cue right before the marks, but the passage is only the subject of the clause
    rows = _rows(nlp, 'On Monday, Bush said "local forces" must lead the way in Syria.')
    r = _find(rows, "local forces")
    assert r["quote_type"] == "mixed"
    assert r["text"].startswith('"local forces"')
    assert "must lead the way" in r["text"]
    assert r["speaker"] == "Bush"


def test_later_cue_does_not_take_a_passage_inside_an_earlier_clause(nlp):
    rows = _rows(
        nlp,
        'Ms. Warren insisted the "rigged system" hurts families in Ohio, '
        "while her aides said little.",
    )
    r = _find(rows, "rigged system")
    assert r["quote_type"] == "mixed"
    assert "hurts families" in r["text"]
    assert r["speaker"] == "Ms. Warren"
    assert not any(x["speaker"] == "her aides" and "rigged" in x["text"] for x in rows)


# ------------------------------------------------- indirect: frames added for recall


def test_according_to_over_a_nested_stance(nlp):
    # "endorsed ..." alone is a stance row; the sentence is still reported by the source
    text = "The senator endorsed the plan last year, according to a newspaper report."
    r = _starting(_rows(nlp, text), "The senator endorsed")
    assert r["quote_type"] == "indirect"
    assert "report" in r["speaker"]
    assert r["cue"] == "according to"


def test_reporting_participle_after_a_noun_speaks_for_the_noun(nlp):
    text = "The group released a video saying the attack had been planned for months."
    r = _find(_rows(nlp, text), "the attack had been planned")
    assert r["quote_type"] == "indirect"
    assert r["speaker"] == "a video"


def test_second_clause_hung_on_the_same_verb_is_reported():
    # a parse (built by hand) where "said" governs two clauses: both are reported
    doc = _hand_parsed(
        [
            ("Smith", 1, "nsubj", "PROPN", "NNP", "Smith", True),
            ("said", 1, "ROOT", "VERB", "VBD", "say", True),
            ("taxes", 3, "nsubj", "NOUN", "NNS", "tax", True),
            ("rose", 1, "ccomp", "VERB", "VBD", "rise", False),
            (",", 1, "punct", "PUNCT", ",", ",", True),
            ("and", 1, "cc", "CCONJ", "CC", "and", True),
            ("prices", 7, "nsubj", "NOUN", "NNS", "price", True),
            ("fell", 1, "ccomp", "VERB", "VBD", "fall", False),
            (".", 1, "punct", "PUNCT", ".", ".", False),
        ]
    )
    rows = quote_rows(doc, [])
    texts = {r["text"] for r in rows if r["quote_type"] == "indirect"}
    assert {"taxes rose", "prices fell"} <= texts
    assert all(r["speaker"] == "Smith" for r in rows if r["text"] in texts)


# ------------------------------------------------- spans and cues of direct+mixed quotes


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        # the content runs on past the passage to the attribution after it
        (
            "A cashier who \u201csteals a handful of $20s\u201d is held accountable, Warren said.",
            "A cashier who \u201csteals a handful of $20s\u201d is held accountable",
            "Warren",
            "said",
        ),
        (
            "\u201cI held and hugged\u201d the grieving families before the memorial service, "
            "the president said.",
            "\u201cI held and hugged\u201d the grieving families before the memorial service",
            "the president",
            "said",
        ),
        # ... or to the end of the sentence the parse closed at the passage
        (
            'Kasich called him "the grownup on the stage" amidst the food fight between the '
            "top three contenders.",
            'him "the grownup on the stage" amidst the food fight between the top three contenders',
            "Kasich",
            "called",
        ),
        # an attribution set off by commas reports the whole sentence
        (
            "The employees, Stumpf explained earlier in the hearing, were \u201cwell-paid,\u201d "
            "making between $30,000 and $60,000 a year.",
            "The employees, Stumpf explained earlier in the hearing, were \u201cwell-paid,\u201d "
            "making between $30,000 and $60,000 a year",
            "Stumpf",
            "explained",
        ),
    ],
)
def test_mixed_quote_runs_on_past_its_passage(nlp, text, content, speaker, cue):
    rows = [r for r in _rows(nlp, text) if r["quote_type"] != "indirect"]
    assert [(r["text"], r["speaker"], r["cue"], r["quote_type"]) for r in rows] == [
        (content, speaker, cue, "mixed")
    ]


def test_clause_of_a_later_event_is_not_what_the_verb_reports(nlp):
    # "after she ..." is what she did, not what Christie said: her words are hers
    text = (
        "New Jersey Gov. Chris Christie described Democratic presidential nominee Hillary "
        "Clinton as a \u201cdisgrace\u201d after she attacked law enforcement officers "
        "nationwide and blamed police shootings on \u201cimplicit bias\u201d against minorities."
        '\n\nHe called it "a disgrace" when she said the officers were "biased".'
    )
    rows = [r for r in _rows(nlp, text) if r["quote_type"] != "indirect"]
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == [
        (
            "Democratic presidential nominee Hillary Clinton as a \u201cdisgrace\u201d",
            "New Jersey Gov. Chris Christie",
            "described",
        ),
        ("police shootings on \u201cimplicit bias\u201d against minorities", "she", "blamed"),
        ('it "a disgrace"', "He", "called"),
        ('the officers were "biased"', "she", "said"),
    ]
    # a clause of the reported words stays in them, "when it comes to" is a topic, and
    # "while" after the quotation goes on with the speaker's own contrast
    text = (
        'Ms Smith said the plan was "a disaster" when it was announced in May. Lynch said '
        'there remains a "significant difference," when it comes to how many lawyers work there.'
        ' Alan Milburn accused the Tories of "launching Thatcherism in instalments" while Labour'
        " helped families."
    )
    assert [r["text"] for r in _rows(nlp, text)] == [
        'the plan was "a disaster" when it was announced in May',
        'there remains a "significant difference," when it comes to how many lawyers work there',
        'the Tories of "launching Thatcherism in instalments" while Labour helped families',
    ]


def test_adding_participle_is_a_quote_of_its_own(nlp):
    text = (
        '"We need change," the businessman said, arguing that he will bring a '
        '"common-sense" approach to the job.'
    )
    rows = _rows(nlp, text)
    a = _starting(rows, "We need change")
    b = _find(rows, "common-sense")
    assert a["cue"] == "said" and a["quote_type"] == "direct"
    assert b["cue"] == "arguing" and b["quote_type"] == "mixed"
    assert a["speaker"] == b["speaker"] == "the businessman"
    merged = [q for q in scoring_quotes(rows) if q["type"] != "indirect"]
    assert len(merged) == 2


@pytest.mark.parametrize(
    ("text", "needle", "speaker", "name"),
    [
        # the indirect statement before the pronoun is Greenspan's; the people
        # named inside it are not in focus
        (
            "Alan Greenspan gave a lecture in Kirkcaldy. Dr Greenspan said the world "
            "owed a debt to Adam Smith, whose genius he compared to that of Mozart.\n\n"
            'He said the philosopher was a "towering contributor to the modern world".',
            "the philosopher",
            "He",
            "Alan Greenspan",
        ),
        # a direct quote after reported speech: resolved in document order, when
        # the reported statement's speaker is known
        (
            "Tom Wright said the evidence for Jesus of Nazareth was good.\n\n"
            '"It is astonishingly good," he said.',
            "astonishingly good",
            "he",
            "Tom Wright",
        ),
        # no honorific: the clauses Roe is the subject of say "he", Doe's say "she",
        # so "she" is not Roe, who spoke last
        (
            "Jane Doe said she would run again. Doe said she had the votes.\n\n"
            "John Roe said he doubted it. Roe said he would fight.\n\n"
            '"We will see," she said.',
            "We will see",
            "she",
            "Jane Doe",
        ),
        # no one has spoken yet: the subject of the sentence before, not the person
        # named last in it
        (
            "Jose Mourinho met his former boss Louis van Gaal in Lisbon on Monday.\n\n"
            '"We had a long dinner and talked about football," he said.',
            "a long dinner",
            "he",
            "Jose Mourinho",
        ),
        # two people sharing a surname: the honorific keeps them apart
        (
            "Hillary Clinton campaigned in Ohio on Monday. Mrs. Clinton said the "
            "economy was improving.\n\nHer husband, former President Bill Clinton, "
            "spoke in Iowa.\n\nMrs. Clinton said she would raise the minimum wage.",
            "minimum wage",
            "Mrs. Clinton",
            "Hillary Clinton",
        ),
        # "her husband, Milton Berg" is a man, so "she" is not him
        (
            "Rachel Berg, a philanthropist, said the speeches had changed her mind. "
            "Along with her husband, Milton Berg, she has given to many candidates.\n\n"
            '"I don\'t see him as the president," she said.',
            "as the president",
            "she",
            "Rachel Berg",
        ),
        # "it" after an organisation's statement is the organisation
        (
            "Heineken said sales rose by 8%. It added that it would close breweries.",
            "close breweries",
            "It",
            "Heineken",
        ),
        # ... as long as it is in focus: named since it spoke, three sentences on
        (
            "Heineken said sales rose by 8%. Beer drinkers in Europe bought less. Prices "
            "were flat. Heineken's income fell. It blamed the weak demand in Europe.",
            "weak demand",
            "It",
            "Heineken",
        ),
        # ... not once the article has moved on from it
        (
            "Heineken said sales rose by 8%. Beer drinkers in Europe bought less. Prices "
            "were flat in the shops. The weather was poor all summer. It said the new "
            "stadium would open in May.",
            "new stadium",
            "It",
            None,
        ),
        # a person named by nationality is not the nationality (nor, for want of
        # evidence, anyone in particular)
        (
            'Agassi was delighted with his victory over Massu. "I felt pretty good," said '
            "the American.",
            "felt pretty good",
            "the American",
            None,
        ),
        # a person described by age is the person in focus, as "he" or "she" is
        (
            'For Maria Lopez, the closure of the factory was a shock. "I worked there for '
            '22 years," says the 54-year-old, who now drives a taxi.',
            "22 years",
            "the 54-year-old",
            "Maria Lopez",
        ),
        (
            'Arsene Wenger praised his side. "My intention has always been clear," the '
            "55-year-old Frenchman said.",
            "intention",
            "the 55-year-old Frenchman",
            "Arsene Wenger",
        ),
        # ... but not when the person named last is another: either may be meant
        (
            "Kelly Holmes won the 800m. Holmes had been the favourite. She overhauled "
            'rival Maria Mutola to win. "I am thrilled," the 34-year-old said. The race '
            "was run in heavy rain.",
            "thrilled",
            "the 34-year-old",
            None,
        ),
        # a person brought in without a name speaks last: the pronoun is that person
        # (no entity), not the person named before
        (
            "Mark Benson, 52, was jailed on Friday. A court spokesman said the sentence "
            'was fair. "He will serve at least half," he said.',
            "serve at least half",
            "he",
            None,
        ),
        (
            "Mike Mills is in hospital. The band's spokesman said the tour would go on. "
            '"We all want Mike to get better," he said.',
            "get better",
            "he",
            None,
        ),
        # nor the answer after "a reporter asked"
        (
            "Mr. Obama drew a distinction in an interview, when a reporter asked if the "
            'deployments meant that he was reversing his pledge. "You know, I did not say '
            'that," he said.',
            "did not say",
            "he",
            "Obama",
        ),
        # nor a sentence about a person named before the description's aside
        (
            "President Viktor F. Yanukovych, who owed his election to, as an American "
            "diplomat put it, an ''extreme makeover'' that Mr. Manafort oversaw, bolted "
            "the country. He found sanctuary in Russia and said he would return.",
            "would return",
            "He",
            "Viktor F. Yanukovych",
        ),
        # "the party's leader" may be the person named before
        (
            "Sarah Green spoke in Leeds. The party's leader said the plans were recycled. "
            '"It is a desperate bid," she said.',
            "desperate bid",
            "she",
            "Sarah Green",
        ),
    ],
)
def test_speaker_entity_of_pronouns_and_short_names(nlp, text, needle, speaker, name):
    r = _find(_rows(nlp, text), needle)
    assert (r["speaker"], r["speaker_name"]) == (speaker, name)


@pytest.mark.parametrize(
    ("text", "needle", "name"),
    [
        # the tagger takes "Bishop" for an organisation: the person in apposition
        # is the speaker
        (
            "The Bishop of Durham, the Rt Rev Dr Tom Wright, described the novel as "
            'a "great thriller" but "lousy history".',
            "great thriller",
            "Tom Wright",
        ),
        # an appositive that only describes the speaker by someone else does not
        # make that someone the speaker (the tagger takes "Grimm" for an
        # organisation here too)
        ('"Safety," said Grimm, a Donald Trump supporter.', "Safety", "Grimm"),
    ],
)
def test_speaker_named_in_apposition(nlp, text, needle, name):
    assert _find(_rows(nlp, text), needle)["speaker_name"] == name


@pytest.mark.parametrize(
    "text",
    [
        # the writer of a column or a reader's comment, not a person in the article
        "Kelly Holmes won the mile in Athens. I said she was the best runner of her generation.",
        # the reader, not the organisation named before
        "The Labour Party met in Brighton. You might think it had lost the vote.",
    ],
)
def test_first_and_second_person_outside_quotes_name_no_entity(nlp, text):
    (r,) = _rows(nlp, text)
    assert r["speaker"] in ("I", "You")
    assert (r["speaker_entity_id"], r["speaker_name"]) == (None, None)


def test_first_person_inside_a_quotation_is_its_speaker(nlp):
    text = (
        "Donald Trump mocked Hillary Clinton on Wednesday.\n\n"
        "\"I haven't quite recovered - it's early in the morning - from her shouting "
        'that message," he said on MSNBC\'s "Morning Joe." "And I know a lot of '
        "people would say you can't say that about a woman because, of course, a "
        "woman doesn't shout, but the way she shouted that message was not,\" and "
        'with that Trump broke off with a dismissive, "eww."'
    )
    rows = _rows(nlp, text)
    inner = _starting(rows, "a lot of people would say")
    assert (inner["speaker"], inner["speaker_name"]) == ("I", "Donald Trump")
    outer = _starting(rows, "And I know")
    assert (outer["speaker"], outer["speaker_name"]) == ("he", "Donald Trump")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a group, and here not the organisation named before it
        (
            "The Washington Post asked analysts about the vote. They said turnout would be low.",
            "They",
        ),
        # no one at all
        (
            "Microsoft released its results on Monday. It seems that the firm will cut jobs.",
            "It",
        ),
        # the bill, not the organisation named last: no organisation has spoken
        (
            "The new bill was sent to Congress on Monday. It says companies must "
            "disclose every breach within a week.",
            "It",
        ),
        # not the group that spoke before: "it" is never "Republicans" or "the French"
        (
            "Republicans said the law would raise the deficit.\n\n"
            "It said on Monday that the plan would cut costs.",
            "It",
        ),
    ],
)
def test_they_and_it_with_no_organisation_name_no_entity(nlp, text, speaker):
    rows = [r for r in _rows(nlp, text) if r["speaker"] == speaker]
    assert rows, _rows(nlp, text)
    assert [(r["speaker_entity_id"], r["speaker_name"]) for r in rows] == [(None, None)]


@pytest.mark.parametrize(
    ("text", "needle", "speaker", "name"),
    [
        # the parser makes the dateline's place the subject; the speaker is the
        # apposition after the dash
        (
            "Myanmar votes\n\nRANGOON, Burma - Aung San Suu Kyi's political allies on Monday "
            'predicted "a landslide for democracy" in the election.',
            "a landslide",
            "Aung San Suu Kyi's political allies",
            None,
        ),
        (
            "WASHINGTON -- President Obama, opening the museum on Saturday, said it would "
            'tell "an American story."',
            "an American story",
            "President Obama",
            "Obama",
        ),
        # markup glued to the name is not part of it
        (
            'The rating is Mostly True.">Sanders said that young black Americans face '
            '"a real unemployment rate of 51 percent."',
            "unemployment rate",
            "Sanders",
            None,
        ),
        # the name heading the phrase, not a word that describes it
        (
            "Russian oil firm Yukos has sued four companies. It said it would "
            '"fight on" in the courts.',
            "fight on",
            "It",
            "Yukos",
        ),
        (
            'Standard Chartered chief executive Mervyn Davies said profits were "very strong".',
            "very strong",
            "Standard Chartered chief executive Mervyn Davies",
            "Mervyn Davies",
        ),
        # an organisation speaks through its spokesman
        (
            'Heathrow is busy. A BAA spokesman said: "We are consulting on compensation."',
            "consulting",
            "A BAA spokesman",
            "BAA",
        ),
        # a person's lawyer, aide or relative speaks for themselves; a spokesman
        # speaks for him
        ('Mr Ebbers\' lawyer said the trial was "a farce".', "a farce", "Mr Ebbers' lawyer", None),
        # a name runs on through its prepositions; a headline's capitals do not
        (
            "The Institute for Fiscal Studies said the plan would cost \u00a32bn a year.",
            "would cost",
            "The Institute for Fiscal Studies",
            "Institute for Fiscal Studies",
        ),
        (
            'Fidel Castro rules Cuba. President Castro\'s chief aide said it was "final".',
            "final",
            "President Castro's chief aide",
            None,
        ),
        (
            'Tony Blair left for Brussels. Mr Blair\'s spokesman said it was "nonsense".',
            "nonsense",
            "Mr Blair's spokesman",
            "Tony Blair",
        ),
        (
            'Tony Blair left for Brussels. "We will study the proposals," a spokesman for Mr '
            "Blair told The Associated Press.",
            "study the proposals",
            "a spokesman",
            "Tony Blair",
        ),
        # a company's legal form heads its name
        (
            "Shares in Tesco plc fell. Tesco plc said sales were weak.",
            "sales were weak",
            "Tesco plc",
            "Tesco",
        ),
        # a capitalised title and the name after it, no comma between
        (
            "Senate Minority Leader Chuck Schumer, D-N.Y., said in a floor speech that the "
            'pause "rewards aggression".',
            "rewards aggression",
            "Senate Minority Leader Chuck Schumer",
            "Chuck Schumer",
        ),
    ],
)
def test_speaker_span_and_entity_around_the_name(nlp, text, needle, speaker, name):
    r = _find(_rows(nlp, text), needle)
    assert (r["speaker"], r["speaker_name"]) == (speaker, name)


@pytest.mark.parametrize(
    ("text", "speaker", "name"),
    [
        (
            '"England wanted a second opinion," director of rugby Nigel Melville told the '
            "Gloucester Citizen.",
            "director of rugby Nigel Melville",
            "Nigel Melville",
        ),
        # a relative of the person named is someone else; a spokesman for a person
        # has no field before the name, and speaks for him
        ('"It was terrible," the wife of John Smith said.', "the wife", None),
        ('"It was a private visit," a spokesman for Mr Blair said.', "a spokesman", "Blair"),
    ],
)
def test_a_title_and_the_name_hung_on_its_preposition(nlp, text, speaker, name):
    rows = _rows(nlp, text)
    assert [(r["speaker"], r["speaker_name"]) for r in rows] == [(speaker, name)]


@pytest.mark.parametrize(
    ("text", "content", "qtype", "speaker", "cue"),
    [
        # a quotation inside the sentence an "according to" aside reports is mixed
        (
            'According to a statement from the club, the manager "has the full backing '
            'of the board".',
            'the manager "has the full backing of the board".',
            "mixed",
            "a statement",
            "According to",
        ),
        # whose words a quotation was, said after it
        (
            '"This is not the end" \u2014 those were the words of the coach after the defeat.',
            "This is not the end",
            "direct",
            "the coach",
            "the words of",
        ),
        (
            '"The defendant showed no remorse." That was the verdict of the judge.',
            "The defendant showed no remorse.",
            "direct",
            "the judge",
            "the verdict of",
        ),
    ],
)
def test_an_aside_or_a_later_sentence_attributes_the_quotation(
    nlp, text, content, qtype, speaker, cue
):
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"], r["cue"]) for r in rows] == [
        (content, qtype, speaker, cue)
    ]


def test_a_passage_after_an_attribution_ending_on_an_abbreviation_is_direct(nlp):
    text = '"This is a sad day," said Sen. Chuck Schumer, D-N.Y. "We will bring it back."'
    rows = _rows(nlp, text)
    assert [(r["text"], r["quote_type"], r["speaker"]) for r in rows] == [
        ("This is a sad day", "direct", "Sen. Chuck Schumer"),
        ("We will bring it back.", "direct", "Sen. Chuck Schumer"),
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "LONDON (Reuters) - Britain's economy shrank unexpectedly in October, official "
            "data showed on Friday.",
            "Britain's economy shrank unexpectedly in October",
        ),
        (
            "WASHINGTON (AP) \u2014 The Senate rejected the bill on Thursday, aides said.",
            "The Senate rejected the bill on Thursday",
        ),
        (
            "KYIV, Ukraine \u2014 Russia launched drones overnight, officials said.",
            "Russia launched drones overnight",
        ),
        # a hyphen between two names is no dateline
        ("US - Britain talks are stalled, officials said.", "US - Britain talks are stalled"),
    ],
)
def test_a_wire_dateline_is_not_part_of_what_was_said(nlp, text, content):
    assert [r["text"] for r in _rows(nlp, text)] == [content]


@pytest.mark.parametrize(
    ("text", "label", "head", "last"),
    [
        ("The Institute for Fiscal Studies said", "ORG", "Institute", "Studies"),
        ("the Alliance to Reclaim Our Schools said", "ORG", "Alliance", "Schools"),
        # a headline the model ran into one entity: the name does not run on
        ("Obama Seeks More Refugees", "PERSON", "Obama", "Obama"),
        ("Trump accused Holt of being a Democrat", "PERSON", "Trump", "Trump"),
    ],
)
def test_a_speaker_name_runs_on_through_its_prepositions(text, label, head, last):
    import spacy
    from spacy.tokens import Span

    doc = spacy.blank("en")(text)
    first = 1 if doc[0].lower_ == "the" else 0
    doc.ents = [Span(doc, first, len(doc) - (1 if doc[-1].text == "said" else 0), label)]
    end = next(t for t in doc if t.text == head)
    assert quotes_module._name_run_on(end).text == last


def test_a_failing_rule_keeps_the_passages_and_says_why(nlp, monkeypatch, caplog):
    # no known input breaks a rule, so the fault is made by hand
    def broken(self) -> None:
        raise RuntimeError("rule bug")

    monkeypatch.setattr(quotes_module._Builder, "do_indirect", broken)
    text = 'The minister said: "We will act." Prices rose, officials said.'
    with caplog.at_level(logging.WARNING, logger="transforms.quotes"):
        rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"], r["confidence"]) for r in rows] == [
        ("We will act.", None, 0.2)
    ]
    assert "RuntimeError: rule bug" in caplog.text
    assert "kept 1 quoted passage" in caplog.text


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the parser hangs the that-clause on the noun of the prepositional phrase
        (
            "Ms Lopez told investors on a conference call that the firm would cut 2,000 jobs.",
            "that the firm would cut 2,000 jobs",
            "Ms Lopez",
        ),
        (
            "Christian Estrosi said in one of a series of Twitter messages that the truck "
            "was carrying arms.",
            "that the truck was carrying arms",
            "Christian Estrosi",
        ),
        # or on the hearer of a hearer's verb
        (
            "He told a meeting of Pacific Island leaders that few people understood the "
            "stakes better.",
            "that few people understood the stakes better",
            "He",
        ),
        # after another object "that" may open a relative clause: the object is
        # reported too
        (
            "Stone says the increase in polarization that Bloomberg decries also makes his "
            "election even less likely.",
            "the increase in polarization that Bloomberg decries also makes his election "
            "even less likely",
            "Stone",
        ),
    ],
)
def test_a_that_clause_after_a_prepositional_phrase_is_reported(nlp, text, content, speaker):
    rows = _rows(nlp, text)
    assert [(r["text"], r["speaker"], r["quote_type"]) for r in rows] == [
        (content, speaker, "indirect")
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the main verb after a relative clause, parsed as a participle of its subject
        (
            "The senator, who is running for re-election in November, posted on social "
            'media late on Sunday: "I will not be intimidated."',
            "The senator",
        ),
        # no verb: the speaker-like noun before the colon is not a date
        ('The response from the governor late on Sunday: "I will not resign."', "the governor"),
    ],
)
def test_speaker_before_a_colon_is_the_subject_not_a_date(nlp, text, speaker):
    rows = _rows(nlp, text)
    assert [(r["speaker"], r["quote_type"]) for r in rows] == [(speaker, "direct")]


def test_a_stance_ends_before_another_speakers_clause(nlp):
    rows = _rows(
        nlp,
        "The White House on Tuesday defended its decision to pause military aid, with "
        'press secretary Karoline Leavitt calling criticism of the move "absurd."',
    )
    assert [(r["text"], r["speaker"], r["cue"]) for r in rows] == [
        ("its decision to pause military aid", "The White House", "defended"),
        ('criticism of the move "absurd."', "press secretary Karoline Leavitt", "calling"),
    ]


def test_a_relative_clause_on_the_speaker_reports_its_own_quotation(nlp):
    rows = _rows(
        nlp,
        '"This is a government that has lost its way," said Labour\'s Rachel Reeves, who '
        'described the plans as "a betrayal of working people".',
    )
    assert [(r["text"], r["speaker"], r["cue"], r["quote_type"]) for r in rows] == [
        ("This is a government that has lost its way", "Labour's Rachel Reeves", "said", "direct"),
        ('the plans as "a betrayal of working people"', "who", "described", "mixed"),
    ]
    assert rows[1]["speaker_name"] == "Rachel Reeves"


def test_a_demonstrative_after_a_question_is_no_speaker(nlp):
    rows = _rows(
        nlp,
        '"Where is the money?" That was the question on everyone\'s lips after the council '
        "admitted it could not account for the funds.",
    )
    assert [(r["text"], r["speaker"]) for r in rows] == [
        ("Where is the money?", None),
        ("it could not account for the funds", "the council"),
    ]


def test_a_passage_after_a_sentence_that_puts_it_takes_its_subject(nlp):
    rows = _rows(
        nlp,
        'Maria Santos is sad. Her husband, Carlos, puts it more bluntly. "They threw us away '
        'like rubbish."',
    )
    r = _find(rows, "rubbish")
    assert (r["speaker"], r["speaker_name"], r["cue"]) == ("Her husband", "Carlos", "puts")


def test_a_dash_before_a_thing_is_no_signature(nlp):
    rows = _rows(
        nlp,
        "His enduring image is of a youthful Mr. Bush ''playing tennis in tennis whites'' - a "
        "white Lacoste shirt, white shorts and canvas sneakers.",
    )
    assert rows  # the passage is kept, with no thing for its speaker
    assert not any(r["speaker"] and "shirt" in r["speaker"] for r in rows)


def test_what_a_statement_says_is_the_content_not_where_it_was_said(nlp):
    rows = _rows(
        nlp,
        "Stephen Ubl, president of the industry group PhRMA, said in a statement that the "
        'order "will stifle innovation."',
    )
    assert [(r["text"], r["speaker"], r["quote_type"]) for r in rows] == [
        ('that the order "will stifle innovation."', "Stephen Ubl", "mixed")
    ]
    # what someone else's claim says is theirs: the response takes the claim along
    r = _find(
        _rows(
            nlp,
            'Biden responded to Mr. Trump\'s interjection that not paying taxes made him "smart."',
        ),
        "smart",
    )
    assert r["text"].startswith("to Mr. Trump's interjection")
