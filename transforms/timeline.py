"""Temporal expressions of one Doc as timeline rows (one pure function).

:func:`timeline_rows` finds every temporal expression of a processed article
(the rule-based spans of :mod:`transforms.timex_rules` plus spaCy's DATE/TIME
entities they do not already cover), normalises each against the publication
date (tense-aware for weekdays and months; "the previous day" against the date
last mentioned, or as a day of the month mentioned since; "that year" against the date
last mentioned at any granularity), and
ties it to the clause it dates (``event_text``) and the entities of that clause
(``entity_ids``; the sentence when there is no parse). It never reads the clock and
never raises on odd input.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from transforms.timex_rules import (
    GRANULARITIES,
    QUARTERLY_MARK,
    TIMEX_TYPES,
    Timex,
    accept_span,
    find_candidates,
    normalise,
    paired_expression,
    point_after,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ANCHORS", "GRANULARITIES", "TIMEX_TYPES", "timeline_rows", "timex_spans"]

ANCHORS: tuple[str, ...] = ("absolute", "publication_date", "unresolved")

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
# what a source "would not" do in news is a refusal already made: "wouldn't say Tuesday"
_WITHHELD = {"say", "comment", "confirm", "discuss", "disclose", "elaborate", "specify", "reveal"}
_FUTURE_GOVERNORS = {
    "expect",
    "plan",
    "schedule",
    "set",
    "due",
    "intend",
    "hope",
    "aim",
    "prepare",
    "go",
    "propose",
    "agree",
    "promise",
    "threaten",
    "try",
    "seek",
    "want",
    "attempt",
}
# tokens trimmed from the edges of spaCy entities (TimeBank extents exclude them)
_EDGE_TRIM = {
    "on",
    "in",
    "at",
    "by",
    "for",
    "since",
    "until",
    "till",
    "during",
    "from",
    "through",
    "throughout",
    "of",
    "to",
    "and",
    "or",
    ",",
    ".",
    "'s",
    "'",
    '"',
    "-",
    "--",
}
_TEMPORAL_WORD = re.compile(
    r"\b(?:\d{4}s?|'\d0s|year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|second|seconds|"
    r"decade|decades|century|centuries|quarter|quarters|morning|afternoon|evening|night|tonight|today|tomorrow|"
    r"yesterday|weekend|season|spring|summer|fall|autumn|winter|now|noon|midnight|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|a\.m|p\.m|\d{1,2}:\d{2})\b",
    re.IGNORECASE,
)
_NOT_TIMEX = re.compile(
    r"\b(?:\d+|\w+)[- ](?:year|month|week|day)s?[- ]olds?\b|\bage[sd]?\b"
    r"|\baged\b|\bolds?\b$|^the (?:\w+ )?(?:day|week|month|year)$",
    re.IGNORECASE,
)


_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_TIME_AFTER = re.compile(r"['\u2019]s?\s+time\b")  # "in ten days' time", "in a year's time"


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop prepositions, conjunctions and punctuation at the edges of an entity."""
    changed = True
    while changed and start < end:
        changed = False
        frag = text[start:end]
        m = re.match(r"^(\S+)\s+", frag)
        if m and m.group(1).lower() in _EDGE_TRIM:
            start += m.end()
            changed = True
            continue
        m = re.search(r"\s+(\S+)$", frag)
        if m and m.group(1).lower() in _EDGE_TRIM:
            end = start + m.start()
            changed = True
            continue
        stripped = frag.rstrip(" \t\n,;:\"'\u201d\u2019)(")
        if len(stripped) < len(frag):
            end = start + len(stripped)
            changed = True
        lstripped = frag.lstrip(" \t\n,;:\"'\u201c\u2018(")
        if len(lstripped) < len(frag):
            start += len(frag) - len(lstripped)
            changed = True
        if re.search(r"'s$", text[start:end]) and end - start > 2:
            end -= 2
            changed = True
    return start, end


def timex_spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Character spans of the temporal expressions of ``doc`` (sorted, non-overlapping).

    ``text`` is ``doc.text`` when the caller has it already (``Doc.text`` joins every
    token anew)."""
    text = doc.text if text is None else text
    spans = list(find_candidates(text))
    spans.sort()
    starts = [s for s, _ in spans]
    extra: list[tuple[int, int]] = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        s, e = _trim_span(text, ent.start_char, ent.end_char)
        if e <= s:
            continue
        i = bisect.bisect_left(starts, e)
        overlaps = [sp for sp in spans[max(0, i - 8) : i] if sp[0] < e and sp[1] > s]
        if overlaps:
            continue
        frag = text[s:e]
        if not _TEMPORAL_WORD.search(frag) or _NOT_TIMEX.search(frag):
            continue
        if not accept_span(text, s, e):
            continue
        extra.append((s, e))
    merged = sorted(sp for sp in spans + extra if _keep(doc, *sp, text=text))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        if out and s < out[-1][1]:
            if e - s > out[-1][1] - out[-1][0]:
                out[-1] = (s, e)
            continue
        out.append((s, e))
    return out


_CLOCK = re.compile(r"\d{1,2}:\d{2}")
_FRACTION_AFTER = re.compile(r"\.\d")
_PER_UNIT = re.compile(
    r"^(?:a|an)\s+(?:second|minute|hour|day|night|week|month|quarter|year)$", re.IGNORECASE
)


# "a second", "a quarter": the first part of a longer word when a hyphen and letters follow
_ONE_UNIT = re.compile(
    r"(?:(?:about|around|nearly|almost|roughly|over|just\s+over)\s+)?(?:a|an|one)\s+"
    r"(?:second|minute|hour|day|night|week|month|quarter|half|year|decade|century)"
)
_COMPOUND_GOES_ON = re.compile(r"-[^\W\d_]")
# "nearly a quarter", "some quarters": a share or a source unless a time preposition leads
_A_QUARTER = re.compile(
    r"(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|less\s+than)\s+)?"
    r"(?:a|one)\s+quarter"
)
_SOME_QUARTERS = re.compile(r"(?:some|several|many|certain|various|other)\s+quarters")
_AMONG = {"in", "from"}
_TIME_PREPOSITIONS = {"in", "for", "within", "during", "over", "after", "before", "each", "every"}


def _keep(doc: Doc, start: int, end: int, text: str | None = None) -> bool:
    """Drop rule matches the parse shows are not time expressions."""
    text = doc.text if text is None else text
    frag = text[start:end]
    if _CLOCK.fullmatch(frag) and _FRACTION_AFTER.match(text, end):
        return False  # "won in 7:39.89": a race time, not a clock
    low = frag.lower()
    if _ONE_UNIT.fullmatch(low) and _COMPOUND_GOES_ON.match(text, end):
        return False  # "a quarter-final", "a second-half goal", "on a year-on-year basis"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    if _A_QUARTER.fullmatch(low) and not _a_quarter_of_time(span):
        return False  # "a quarter point rise", "dropped by nearly a quarter"
    if _SOME_QUARTERS.fullmatch(low) and span.start > 0 and doc[span.start - 1].lower_ in _AMONG:
        return False  # "the clamour in some quarters": among some people
    if _PER_UNIT.match(low) and span.start > 0:
        prev = _before_brackets(doc, span.start - 1)
        if prev.pos_ in ("NOUN", "NUM", "PROPN", "SYM") or prev.like_num:
            return False  # "$500 million a year", "four flights a week": a rate, not a time
    if _BARE_PART.fullmatch(low) and _part_of_something_else(span, end, text):
        return False
    if _BARE_AUTUMN.fullmatch(low) and (
        span[-1].dep_ in ("compound", "amod")
        or (span.end < len(doc) and doc[span.end].lower_ == "of")
    ):
        return False  # "the autumn statement", "the autumn of his life": not a date's
    return not _part_of_a_name(span)


def _before_brackets(doc: Doc, i: int) -> Token:
    """Token ``i``, or the one before the amount in brackets it closes: "$10bn
    (\u00a35.38bn) a year" is a rate like "$10bn a year"; "McConnell (Ky.) a month
    later" is not."""
    if doc[i].text != ")":
        return doc[i]
    for k in range(i - 1, max(0, i - 12), -1):
        if doc[k].text == "(":
            converted = any(t.like_num or t.is_currency for t in doc[k + 1 : i])
            return doc[k - 1] if converted else doc[i]
    return doc[i]


def _a_quarter_of_time(span: Span) -> bool:
    """ "a quarter" is three months after a time preposition and before no noun or "of"
    ("tax payments would be minimal in a quarter that ..."); else it is a share: "a
    quarter point rise", "a quarter of the vote", "nearly a quarter said"."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.lower_ == "of"):
        return False
    return span.start > 0 and doc[span.start - 1].lower_ in _TIME_PREPOSITIONS


# autumn with no year: "in the autumn"
_BARE_AUTUMN = re.compile(r"the (?:(?:early|late) )?autumn")
# "the first half", "the final quarter" with no year: a part of the year only when
# nothing says of what else
_BARE_PART = re.compile(
    r"(?:the\s+)?(?:first|second|third|fourth|final|last|past)[-\s]+(?:half|quarter)"
)
# a whole that a half or quarter of the year divides: "of the current fiscal year", "of
# 2004"; a decade or century is divided into other halves ("the first half of the 1990s")
_OF_A_YEAR = re.compile(r"\byear\b|\b\d{4}\b(?!s)", re.IGNORECASE)
_SCORE = re.compile(r"(?<![\d.,:/$\u00a3\u20ac-])(\d{1,2})-(\d{1,2})(?![\d%.,:/-])")
_HALF_TIME = re.compile(r"\bhalf[- ]?time\b", re.IGNORECASE)


def _match_report(text: str) -> bool:
    """The article reports a match: it mentions half-time or gives a score. Prose writes
    a score with the larger number first ("won 2-0", "a 19-13 loss") and a range going
    up ("12-18 months"); a results line puts the score between two names ("Man City 0-2
    Man Utd")."""
    if _HALF_TIME.search(text):
        return True
    for m in _SCORE.finditer(text):
        if int(m.group(1)) >= int(m.group(2)):
            return True
        name_before = text[max(0, m.start() - 40) : m.start()].split()[-1:]
        name_after = text[m.end() : m.end() + 40].split()[:1]
        if name_before and name_after and name_before[0].istitle() and name_after[0].istitle():
            return True
    return False


def _part_of_something_else(span: Span, end: int, text: str) -> bool:
    """A bare "first half" or "final quarter" is no part of the year when it says what
    it divides ("the second half of the season", "the past quarter of a century", "the
    first half of Wales' 11-9 win"), runs on into a longer word ("the first half-hour")
    or stands in a match report ("a first-half try", "as the game entered the final
    quarter"); "of the current fiscal year" divides a year, "of the 1990s" or "of the
    century" does not."""
    doc = span.doc
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha():
        return True  # "the first half-hour": the tokenizer split a longer word
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        whole = doc[nxt.i + 1 : nxt.right_edge.i + 1]
        if not whole or whole[0].like_num or whole[0].is_currency:
            return False  # "a loss for the third quarter of $226.3 million"
        if whole[0].lower_ in ("a", "an"):
            return True  # "the past quarter of a century": a share of a length
        return not _OF_A_YEAR.search(whole.text)
    return _match_report(text)


# entity labels whose names can start with a day, month or part of day
_NAME_LABELS = {"ORG", "WORK_OF_ART", "FAC", "PERSON", "PRODUCT", "EVENT", "LAW"}
# what stands before a name, not before a date: "the Sunday Times", "ITV's Saturday Night Takeaway"
_NAME_OPENERS = {"the", "'s", "\u2019s"}
# capitalised in mid-sentence only as the first word of a title: "ITV1's This Morning"
_TITLE_DETERMINERS = {"this", "last", "next", "that", "every"}
_INITIAL = re.compile(r"[B-HJ-Z]\.?")  # not "A" or "I", which are words
# words written in lower case in a sentence, unless they are a title: "One Night"
_PLAIN_TIME_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a an one two three four five six seven eight nine ten twelve "
        "second minute hour day night week weekend month year decade century "
        "seconds minutes hours days nights weeks months years decades centuries "
        "morning afternoon evening noon midnight tonight today tomorrow yesterday",
    )
)


def _part_of_a_name(span: Span) -> bool:
    """The words belong to a name: "the Sunday Times", "Twentieth Century Fox", "Last Christmas".

    The signs: the model's entity of a naming kind began on the capitalised word before
    the expression ("Jamie Noon") or runs on past it; the expression follows "the" or a
    possessive and modifies the capitalised proper noun right after it; it follows an
    initial ("J Noon"); it is written in Title Case though its words are plain ("One
    Night") or opens with a capitalised "This"/"Last"/... in the middle of a sentence
    written in lower case; or, in such a sentence, it is written in capitals after a
    word in capitals ("USA TODAY"). A sentence-initial date before a subject ("December
    Microsoft said") shows none, and a year dates the event it names.
    """
    if any(c.isdigit() for c in span.text):
        return False  # "the 2006 World Cup", "the 11 September attack"
    doc = span.doc
    first, last = span[0], span[-1]
    nxt = doc[span.end] if span.end < len(doc) else None
    parsed = doc.has_annotation("DEP")
    begun_before = first.ent_type_ in _NAME_LABELS and first.ent_iob_ == "I"
    if begun_before and first.is_title and doc[first.i - 1].is_title:
        return True  # "Jamie Noon"
    if nxt is not None and first.is_title and nxt.is_title:
        if last.ent_type_ in _NAME_LABELS and nxt.ent_iob_ == "I":
            return True
        opener = doc[first.i - 1].lower_ if first.i else ""
        modifies_next = last.dep_ == "compound" and last.head == nxt and nxt.pos_ == "PROPN"
        if parsed and opener in _NAME_OPENERS and modifies_next:
            return True
    if first.i == 0 or not parsed:
        return False
    prev = doc[first.i - 1]
    if _INITIAL.fullmatch(prev.text) and first.is_title:
        return True  # "J Noon (Newcastle)": a surname after an initial
    in_lower_case = any(t.is_lower and t.is_alpha and len(t) > 3 for t in first.sent)
    words = [t for t in span if t.is_alpha]
    plain = all(t.is_title and t.lower_ in _PLAIN_TIME_WORDS for t in words)
    if plain and in_lower_case and not first.is_sent_start and prev.is_alpha:
        return True  # "Hit single One Night will follow": a title, not a night
    if first.is_upper and len(first) > 2 and prev.is_upper and prev.is_alpha and in_lower_case:
        return "\n" not in prev.whitespace_  # "USA TODAY's tally": a name in capitals
    return (
        first.lower_ in _TITLE_DETERMINERS
        and first.is_title
        and (prev.is_alpha or prev.lower_ in _NAME_OPENERS)  # not after a quotation mark
        and in_lower_case
    )


# ------------------------------------------------------------------ syntax helpers


def _governing_verb(span: Span) -> Token | None:
    tok = span.root
    seen = 0
    while seen < 50:
        seen += 1
        if tok.pos_ in ("VERB", "AUX") and not (tok.i >= span.start and tok.i < span.end):
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        tok = tok.head
    return None


def clause_tense(verb: Token | None, depth: int = 0) -> str | None:
    """ "future", "past", "present", "nearest" or None for the clause headed by ``verb``."""
    if verb is None or depth > 6:
        return None
    auxes = _auxiliaries(verb)
    for a in auxes:
        if a.lower_ in _FUTURE_AUX or a.lemma_.lower() in ("will", "shall"):
            if (
                a.lower_ in ("would", "'d")
                and verb.lemma_.lower() in _WITHHELD
                and any(c.dep_ == "neg" for c in verb.children)
            ):
                return "past"  # "wouldn't say Tuesday": a refusal, already made
            return "future"
    if any(a.lower_ == "to" for a in auxes) or verb.tag_ == "VB":
        head = verb.head
        if _opens_quotation_between(verb, head):
            return None  # 'boomed: "Let's defeat her in November."': the quote's own time
        if any(a.tag_ == "MD" for a in auxes):
            # "could come as soon as Tuesday", "that could help him in February, Jones
            # said": a possibility from now, whatever the tense of the report
            return "nearest"
        if head.i != verb.i and head.lemma_.lower() in _FUTURE_GOVERNORS:
            if head.tag_ == "VBN" and not _auxiliaries(head):
                return "future"  # "the states expected to be pivotal": a state, not a past
            # "was planning to hold a fund-raiser on Thursday": a plan made in the past
            # may have happened by now
            aim = clause_tense(head, depth + 1)
            if aim is None and head.tag_ == "VBG" and not _auxiliaries(head):
                # "were detained attempting to enter Texas on Monday": the detaining's time
                aim = clause_tense(head.head, depth + 1) if head.head.i != head.i else None
            return "nearest" if aim == "past" else "future"
        if head.i != verb.i and head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
        if head.lemma_.lower() == "be" and head.tag_ == "VBD" and verb.i == head.i + 2:
            # "if she were to win in November", "was to meet on Friday": ahead of a
            # past or imagined moment, either side of publication
            return "nearest"
        if head.i != verb.i:
            return clause_tense(head, depth + 1) if head.pos_ in ("VERB", "AUX") else None
    if any(a.lower_ in ("going",) for a in auxes):
        return "future"
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if tags & {"VBD"} or (
        verb.tag_ == "VBN" and any(a.lower_ in ("has", "have", "had") for a in auxes)
    ):
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"
    if verb.tag_ == "VBG" and any(a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"  # "have been searching since ...": a perfect reaches back
    if tags & {"VBZ", "VBP"}:
        return "present"
    if verb.tag_ == "VBG" and any(a.lower_ in ("is", "are", "am") for a in auxes):
        return "future"
    return None


def _dates_a_noun(span: Span, verb: Token) -> bool:
    """The expression hangs from a noun below ``verb`` ("preparing for the summit in
    July"): it dates that noun's event (True too when ``verb`` is not above it)."""
    tok = span.root
    while tok.i != verb.i:
        if tok.head.i == tok.i or (
            tok.pos_ in ("NOUN", "PROPN") and not (span.start <= tok.i < span.end)
        ):
            return True
        tok = tok.head
    return False


def _opens_quotation_between(verb: Token, head: Token) -> bool:
    """An opening quotation mark between a verb and the head it hangs from: the verb
    is quoted, the head is the reporting clause."""
    lo, hi = sorted((verb.i, head.i))
    return any(t.tag_ == "``" for t in verb.doc[lo + 1 : hi])


def _participle_tense(span: Span, verb: Token | None) -> str | None:
    """The tense of the finite verb above a participle or gerund that ``span`` dates
    directly ("quit before announcing her run in April", "clips dating back to June").
    None when the expression dates a noun on the way ("spent weeks preparing for the
    summit in July": the summit's date, not the preparing's) or when ``verb`` is not a
    bare participle."""
    if verb is None or not _bare_participle(verb) or _dates_a_noun(span, verb):
        return None
    above = verb
    for _ in range(6):
        if above.head.i == above.i:
            return None
        above = above.head
        # "with Cruz calling Trump his friend, meeting with him in July": past the
        # participles to the finite verb
        if above.pos_ in ("VERB", "AUX") and not _bare_participle(above):
            return clause_tense(above)
    return None


def _bare_participle(verb: Token) -> bool:
    return verb.tag_ == "VBG" and not _auxiliaries(verb)


def _auxiliaries(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass")]


_CLAUSE_DEPS = {"conj", "ccomp", "advcl", "parataxis", "relcl", "acl", "xcomp", "csubj"}


def _clause(
    doc: Doc, span: Span, verb: Token | None, timex_of: list[int], this: int
) -> tuple[set[int], str] | None:
    """The clause the expression modifies: its tokens and its text.

    The subtree of the governing verb, minus the clauses hanging from it that do not
    contain the expression and are either coordinated verbs (another event: "held
    calls on Wednesday and afterwards announced ...") or carry a temporal expression
    of their own ("said on Thursday that they would meet on Friday"). Nominal
    coordination ("Germany, France and Britain") stays. None when there is no verb.
    """
    sent = span.sent
    if verb is None or not (sent.start <= verb.i < sent.end):
        return None

    def own_timex(tok: Token) -> bool:
        return any(
            timex_of[i] not in (-1, this) for i in range(tok.left_edge.i, tok.right_edge.i + 1)
        )

    keep: set[int] = set()
    stack = [verb]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        for child in tok.children:
            if (
                child.dep_ in _CLAUSE_DEPS
                and not (child.left_edge.i <= span.start and span.end - 1 <= child.right_edge.i)
                and (
                    (child.dep_ == "conj" and tok.i == verb.i and child.pos_ in ("VERB", "AUX"))
                    or (child.dep_ != "conj" and own_timex(child))
                )
            ):
                continue
            stack.append(child)
    keep.update(range(span.start, span.end))
    idx = sorted(i for i in keep if sent.start <= i < sent.end)
    # the text: the contiguous run around the verb, stretched over the expression
    lo = hi = idx.index(verb.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi < len(idx) - 1 and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    first, last = min(idx[lo], span.start), max(idx[hi], span.end - 1)
    while first < last and (doc[first].is_punct or doc[first].is_space or doc[first].dep_ == "cc"):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    return set(idx), doc[first : last + 1].text.strip()


# words right before a date that point forward whatever the tense of the clause:
# "declared a dividend payable Dec. 15", "named him chairman, effective Feb. 1"
_STRONG_FUTURE_CUE = re.compile(
    r"(?:\bpayable|\beffective|\bdue|\bscheduled\s+(?:for|on)|\bslated\s+(?:for|on)"
    r"|\bset\s+for|\b(?:between|from)\s+now\s+(?:and|until|till|to))\s+(?:on\s+|as\s+of\s+)?$"
)
# ... and ones that do so unless the clause is in the past tense ("polls show a tight
# race ahead of the Nov. 8 election")
_FUTURE_CUE = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bas (?:early|soon) as|\bstarting|\bbeginning|\bnext"
    r"|\b(?:ahead\s+of|before)(?:\s+the)?)"
    r"\s+(?:on\s+)?$"
)
_PLAN_LEMMAS = {"plan", "schedule", "expect"}
# "since Oct. 23", "as recently as Monday": the date lies before the publication date
_PAST_CUE = re.compile(
    r"(?:\bsince(?:\s+(?:shortly|just|soon|right|immediately))?(?:\s+(?:after|before))?"
    r"(?:\s+the)?|\bas\s+recently\s+as)\s+(?:on\s+)?$"
)
# verbs that push something to a later time: "postponed until Tuesday", "extended the offer
# through January", "gave them until 9 a.m. Tuesday" point forward whatever their tense
_DEFER_LEMMAS = {
    "postpone",
    "delay",
    "defer",
    "adjourn",
    "extend",
    "give",
    "grant",
    "suspend",
    "recess",
    "reschedule",
    "push",
    "move",
}
_UNTIL_CUE = re.compile(r"(?:\buntil|\btill|\bthrough|\bto)\s+(?:on\s+|at\s+)?$")
# verbs of a timetable, whose simple present is a schedule ("the contract ends in June",
# "talks resume Monday"): the coming occurrence, not the one just gone
_SCHEDULE_LEMMAS = {
    "begin",
    "start",
    "end",
    "expire",
    "open",
    "close",
    "resume",
    "reopen",
    "conclude",
    "finish",
}


def _takes_effect(verb: Token) -> bool:
    """ "the law takes effect Jan. 1", "the ban comes into force in May": a timetable."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "effect" for c in verb.children)
    return lemma == "come" and any(
        c.dep_ == "prep" and c.lower_ == "into" and any(g.lower_ == "force" for g in c.children)
        for c in verb.children
    )


def _past_perfect(verb: Token | None) -> bool:
    """ "had been scheduled to expire Friday": the plan itself lies in the past."""
    tok = verb
    for _ in range(4):  # the verb and the words it hangs from ("had been due to expire")
        if tok is None:
            return False
        if any(c.lower_ == "had" for c in _auxiliaries(tok)):
            return True
        # stop at the clause boundary: only complements share the perfect
        if (tok.head.i == tok.i or tok.dep_ not in ("xcomp", "acomp", "ccomp", "conj")) and (
            tok.pos_ not in ("ADJ",) or tok.head.i == tok.i
        ):
            return False
        tok = tok.head
    return False


def _in_since_phrase(span: Span, verb: Token | None) -> bool:
    """ "since shortly after the Oct. 23 slaying": the date lies inside a since-phrase."""
    tok = span.root
    for _ in range(6):
        if tok.head.i == tok.i or (verb is not None and tok.head.i == verb.i):
            return tok.lower_ == "since" or tok.head.lower_ == "since"
        tok = tok.head
        if tok.lower_ == "since":
            return True
    return False


def _cue_tense(
    text: str, start: int, span: Span, verb: Token | None, tense: str | None
) -> str | None:
    """The clause tense adjusted by the words right before the expression."""
    before = text[max(0, start - 24) : start].lower()
    if _PAST_CUE.search(before):
        return "past"
    if _past_perfect(verb):
        return "past"
    if _STRONG_FUTURE_CUE.search(before):
        return "future"
    if verb is not None and verb.lemma_.lower() in _DEFER_LEMMAS and _UNTIL_CUE.search(before):
        return "future"
    if tense != "past" and _FUTURE_CUE.search(before):
        return "future"
    if (
        tense == "present"
        and verb is not None
        and verb.tag_ in ("VBZ", "VBP")
        and (verb.lemma_.lower() in _SCHEDULE_LEMMAS or _takes_effect(verb))
        and not _dates_a_noun(span, verb)
    ):
        return "future"
    if verb is not None and verb.lemma_.lower() in _PLAN_LEMMAS:
        # "plans a rally Saturday" looks ahead; "planned a rally Saturday" was said of a
        # plan that may have happened by now: the nearer Saturday either way
        return "nearest" if tense == "past" else "future"
    return tense


# ------------------------------------------------------------------------- rows


# expressions anchored to the date last mentioned at any granularity, not to the last day
_COARSE_REF = re.compile(
    r"\bthat\s+(?:same\s+)?(?:year|month|quarter|week)\b"
    r"|^the\s+(?:following|previous|same|next|preceding)\s+(?:year|month|quarter|week)\b",
    re.IGNORECASE,
)
# "that same day" after "last October": a day of that month, not the day last mentioned
_THAT_DAY = re.compile(r"(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_QUARTER_REPORT = re.compile(r"\b(?:first|second|third|fourth)[- ]quarter\b", re.IGNORECASE)


def _anchor_kind(tx: Timex | None, published: date | None) -> str:
    if tx is None or tx.value is None:
        return "unresolved"
    value = tx.value
    if tx.relative:
        if value in ("PRESENT_REF", "PAST_REF", "FUTURE_REF"):
            return "publication_date" if published is not None else "unresolved"
        if "X" in value.split("T")[0] and tx.type in ("DATE", "TIME"):
            return "unresolved"
        return "publication_date"
    return "absolute"


def _row(
    doc: Doc,
    start: int,
    end: int,
    published: date | None,
    ref: date | None,
    located: list[tuple[int, Any]],
    quarterly: bool = False,
    timex_of: list[int] | None = None,
    this: int = -1,
    token_starts: list[int] | None = None,
    text: str | None = None,
) -> tuple[dict, Timex | None]:
    text = doc.text if text is None else text
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = tense = None
    sent_text = ""
    sent_start, sent_end = 0, len(text)
    if span is not None and len(span):
        try:
            sent = span.sent
            sent_text, sent_start, sent_end = sent.text, sent.start_char, sent.end_char
        except ValueError:
            sent = None
        if sent is not None and doc.has_annotation("DEP"):
            verb = _governing_verb(span)
            tense = clause_tense(verb) or _participle_tense(span, verb)
            tense = _cue_tense(text, start, span, verb, tense)
            if tense != "past" and _in_since_phrase(span, verb):
                tense = "past"
            if tense == "future" and _POSSESSIVE.match(text, end):
                # "Monday's decision will reverberate": the day of a named event, which
                # the future of the clause around it need not reach
                tense = "nearest"

    context = sent_text
    if quarterly and re.search(r"\$|\bcents\b|%|\bmillion\b|\bbillion\b|\bshare\b", sent_text):
        context = sent_text + QUARTERLY_MARK
    # a day of a pair reads with its month: "25" of "April 24 and 25" as "April 25"; a
    # year's last two digits with the year before: "04" of "2003-04" as 2004
    expr = paired_expression(text, start, end) or text[start:end]
    tx = normalise(expr, published, tense, ref, context)
    if tx is not None and tx.type == "DURATION" and _reaches_a_point(span, expr, tense, text):
        tx = point_after(tx, published) or tx
    ds: date | None
    de: date | None
    if tx is not None and tx.value == "PRESENT_REF" and published is not None:
        ds = de = published
    elif tx is not None:
        ds, de = tx.date_start, tx.date_end
    else:
        ds = de = None
    if tx is not None and tx.relative and published is None:
        ds = de = None
    ttype = tx.type if tx is not None else _fallback_type(doc, start, end)
    clause = None
    if span is not None and len(span) and doc.has_annotation("DEP") and timex_of:
        try:
            clause = _clause(doc, span, verb, timex_of, this)
        except (ValueError, IndexError):
            clause = None
    event = clause[1] if clause is not None else sent_text.strip()
    ids = []
    lo = bisect.bisect_left(located, sent_start, key=lambda m: m[0])
    hi = bisect.bisect_left(located, sent_end, key=lambda m: m[0])
    for at, entity_id in located[lo:hi]:
        if clause is not None and _token_at(token_starts, at) not in clause[0]:
            continue
        ids.append(entity_id)
    ids = sorted(set(ids), key=str)
    row = {
        "expression": text[start:end],
        "start_char": start,
        "end_char": end,
        "timex_type": ttype,
        "value": tx.value if tx is not None else None,
        "date_start": ds,
        "date_end": de,
        "granularity": tx.granularity if tx is not None else None,
        "anchor": _anchor_kind(tx, published),
        "event_text": event or None,
        "entity_ids": ids,
    }
    return row, tx


def _reaches_a_point(span: Span | None, expr: str, tense: str | None, text: str) -> bool:
    """The length ``span`` is the point it reaches from now: after a verb's "in", said of
    what will happen or with "time" after it ("will close in two years", "in ten days'
    time"); not on a noun ("the first time in a decade") nor a period ("in the next two
    years")."""
    if span is None or span.start == 0 or expr[:4].lower() == "the ":
        return False
    start, end = span.start_char, span.end_char
    return (
        _IN_BEFORE.search(text, max(0, start - 4), start) is not None
        and (tense == "future" or _TIME_AFTER.match(text, end) is not None)
        and span.doc[span.start - 1].head.pos_ in ("VERB", "AUX")
    )


def _token_at(token_starts: list[int] | None, char: int) -> int:
    """Index of the token containing character ``char``."""
    if not token_starts:
        return -1
    return max(bisect.bisect_right(token_starts, char) - 1, 0)


def _fallback_type(doc: Doc, start: int, end: int) -> str:
    for ent in getattr(doc, "ents", ()):
        if ent.start_char < end and ent.end_char > start and ent.label_ == "TIME":
            return "TIME"
    return "DATE"


def timeline_rows(doc: Doc, published: date | None, mentions: list[dict]) -> list[dict]:
    """One row per temporal expression of ``doc``, sorted by ``start_char``.

    ``published`` anchors relative expressions; without it they stay ``unresolved``.
    """
    published = _as_date(published)
    text = doc.text  # Doc.text joins every token: read it once
    try:
        spans = timex_spans(doc, text)
    except Exception:  # noqa: BLE001  (odd input must never break a run)
        return []
    rows: list[dict] = []
    ref: date | None = None  # the day last mentioned ("the previous day")
    ref_any: date | None = None  # the start of the date last mentioned ("that year")
    # a month or year mentioned after the last day ("last October"): "YYYY-MM" / "YYYY"
    coarse: str | None = None
    # (start_char, entity_id) of the mentions, sorted: each row looks up its sentence's
    located = sorted(
        (
            (m["start_char"], m["entity_id"])
            for m in mentions or ()
            if isinstance(m, dict)
            and m.get("entity_id") is not None
            and isinstance(m.get("start_char"), int)
        ),
        key=lambda m: m[0],
    )
    quarterly = bool(_QUARTER_REPORT.search(text))
    token_starts = [t.idx for t in doc]
    timex_of = [-1] * len(doc)  # token -> index of the expression it belongs to
    for k, (start, end) in enumerate(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                timex_of[i] = k
    for k, (start, end) in enumerate(spans):
        day_ref = None  # the day last mentioned, when this expression counts from it
        if _COARSE_REF.search(text[start:end]):
            this_ref = ref_any
        elif _alone_on_its_line(text, start, end):
            this_ref = None  # a live blog's "8:00 a.m." heading: the day of publication
        else:
            this_ref = day_ref = ref
        try:
            row, tx = _row(
                doc,
                start,
                end,
                published,
                this_ref,
                located,
                quarterly,
                timex_of=timex_of,
                this=k,
                token_starts=token_starts,
                text=text,
            )
        except Exception:  # noqa: BLE001
            row, tx = _bare_row(text, start, end), None
        if tx is None:
            continue  # not a temporal expression after all ("his year", "0735")
        if coarse is not None and (
            _THAT_DAY.fullmatch(text[start:end].strip())
            or (
                day_ref is not None
                and _moved_on(coarse, day_ref, text[start:end], tx)
                and row["value"]
                != _row(doc, start, end, published, None, located, quarterly, text=text)[0]["value"]
            )
        ):
            # a day of the month mentioned since the last day ("the convention in July
            # ... the following morning"), not one counted from the day before it: the
            # value differs when counted from no day (in the same reading otherwise)
            pod = (row["value"] or "").partition("T")[2]
            value = coarse + ("-XX" if len(coarse) == 7 else "-XX-XX") + (f"T{pod}" if pod else "")
            row.update(value=value, date_start=None, date_end=None, anchor="unresolved")
            rows.append(row)
            continue
        rows.append(row)
        if row["date_start"] is None or tx.type not in ("DATE", "TIME"):
            continue
        # only a plain month or year leaves the day open ("last October", not "early 1998")
        plain = tx.granularity in ("month", "year") and tx.mod is None
        coarse = tx.value if plain else None
        if tx.granularity in ("day", "time") and row["date_start"] == row["date_end"]:
            ref = row["date_start"]
        if tx.granularity in ("day", "time", "week", "month", "quarter", "half", "season", "year"):
            ref_any = row["date_start"]
    rows.sort(key=lambda r: (r["start_char"], r["end_char"]))
    return rows


def _moved_on(coarse: str, ref: date, expr: str, tx: Timex) -> bool:
    """The story has moved from the day last mentioned (``ref``) to the month
    mentioned since (``coarse``) for an expression that points back to a day ("the
    next day", "the morning"). A year named in passing ("as in 2012") moves nothing,
    nor does a month holding that day ("on Thursday this month"); a clock time ("at
    10 a.m.") is not read as pointing back."""
    return (
        len(coarse) == 7
        and ref.isoformat()[:7] != coarse
        and tx.type in ("DATE", "TIME")
        and not any(c.isdigit() for c in expr)
    )


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """The expression is all its line holds, but for punctuation."""
    # walk out to the line ends, stopping at the first letter or digit: slicing the
    # line would cost its length for every expression of a one-line article
    i = start - 1
    while i >= 0 and text[i] != "\n":
        if text[i].isalnum():
            return False
        i -= 1
    i = end
    while i < len(text) and text[i] != "\n":
        if text[i].isalnum():
            return False
        i += 1
    return True


def _bare_row(text: str, start: int, end: int) -> dict:
    return {
        "expression": text[start:end],
        "start_char": start,
        "end_char": end,
        "timex_type": "DATE",
        "value": None,
        "date_start": None,
        "date_end": None,
        "granularity": None,
        "anchor": "unresolved",
        "event_text": None,
        "entity_ids": [],
    }
