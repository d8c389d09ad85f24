"""Rules for quotes: quotation-mark scanning and the speech-cue lexicon.

Everything here is plain Python on strings (no spaCy), so it can be tested alone and
never raises on odd input: unbalanced marks are closed at the end of the paragraph,
apostrophes are told apart from single quotation marks by their neighbours.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from transforms.learned_frames import LEARNED_FRAMES_SPEC


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Speech and attribution verbs, by lemma.
SPEECH_LEMMAS: frozenset[str] = _words(
    """
    say tell add state announce declare insist warn claim argue note explain write
    report reply respond answer ask suggest acknowledge admit deny confirm stress
    emphasize emphasise recall predict promise vow urge tweet post complain concede
    assert observe remark comment reveal disclose testify caution joke quip boast
    mention indicate learn conclude agree charge demand propose recommend proclaim
    shout yell chant cry scream wonder allege contend maintain continue describe
    call repeat reiterate read counter retort lament acknowledge estimate pledge threaten
    accuse brag muse grumble whisper exclaim interject opine recount relate advise
    inform assure reassure signal hint imply concur dismiss blast criticize criticise
    praise thank congratulate forecast project calculate show find conclude
    """
)

# Phrasal verbs of speech (verb lemma, particle): "as The Hill pointed out, "..."".
PHRASAL_SPEECH: frozenset[tuple[str, str]] = frozenset(
    {
        ("point", "out"),
        ("spell", "out"),
        ("fire", "back"),
        ("hit", "back"),
        ("shoot", "back"),
        ("chime", "in"),
        ("cry", "out"),
        ("sound", "off"),
    }
)

# Verbs of belief/knowledge that PolNeAR-style annotation counts as attribution when
# they take a clausal complement ("X believes that ...").
BELIEF_LEMMAS: frozenset[str] = _words(
    """
    think believe feel fear hope expect know understand consider doubt worry
    suspect guess assume realize realise recognize recognise see hear read learn
    """
)

# Speech verbs whose object is the hearer ("told reporters that ..."), not what the
# words were about ("called the law "a disaster"").
HEARER_VERBS: frozenset[str] = _words(
    "tell inform assure reassure remind warn ask urge advise notify promise convince persuade"
)

# Passive verbs of a source's terms for speaking ("asked not to be named", "declined
# to be identified", "did not want to be quoted by name").
ANONYMITY_LEMMAS: frozenset[str] = _words("name identify quote")

# Nouns that carry attribution ("comments from X that ...", "X's statement that ...").
SPEECH_NOUNS: frozenset[str] = _words(
    """
    comment remark statement claim assertion warning announcement declaration
    testimony argument suggestion admission denial insistence promise pledge
    """
)

PRONOUNS_PERSON: frozenset[str] = frozenset({"he", "she", "him", "her", "i", "me"})
PRONOUNS_GROUP: frozenset[str] = frozenset({"they", "them", "it", "we", "us", "you"})
PRONOUNS: frozenset[str] = PRONOUNS_PERSON | PRONOUNS_GROUP
# Nouns that say a person's gender when a name stands beside them ("his wife, Jane").
# Not "spokesman", "chairman" or "congressman": they are written of women too.
RELATION_GENDER: dict[str, str] = dict.fromkeys(
    _words(
        """
        wife mother daughter sister widow girlfriend grandmother aunt niece actress
        spokeswoman chairwoman congresswoman businesswoman queen princess
        """
    ),
    "f",
) | dict.fromkeys(
    _words("husband father son brother widower boyfriend grandfather uncle nephew king prince"),
    "m",
)

# Given names that say a person's gender in English-language news ("Ted Cruz" is no
# "she"). Common names only, and none that is given to both sexes or that is a man's
# name in another language news often quotes ("Andrea Pirlo", "Nicola Sturgeon", "Joan
# Laporta", "Kim Jong-un", "Jean-Claude Juncker", "Ashley Cole", "Hilary Benn", "Chris
# Evert", "Ali Smith").
FIRST_NAME_GENDER: dict[str, str] = dict.fromkeys(
    _words(
        """
        mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa
        nancy betty margaret sandra kimberly emily donna michelle carol amanda dorothy
        melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
        shirley anna brenda pamela emma nicole helen samantha katherine christine debra
        rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
        virginia victoria lauren christina judith megan cheryl hannah jacqueline martha
        gloria teresa ann anne sara madison frances kathryn janice abigail alice judy
        sophia grace denise amber doris marilyn danielle beverly isabella theresa diana
        natalie brittany charlotte marie kayla lori hillary chelsea carly
        condoleezza melania ivanka huma kellyanne nikki elaine louise claire fiona
        caroline harriet jane joanna kate katie lucy penelope rosie sally sophie yvette
        tessa jacqui priti nadine ruby ella chloe jodie kirsty gemma
        natasha paula wendy hazel janine melanie lily jenny jill sue liz beth molly
        holly ellen eleanor rose irene julia leah maggie mia monica nora rita rosa
        sylvia tina vanessa valerie yvonne zoe erin esther eva gina hayley ingrid
        jasmine kathy kristen madeleine nina olga pauline sheila stacey tamara tara
        tanya veronica bridget camilla cherie daphne edith eileen florence gillian
        gwen jessie joanne josephine karin lynda mandy marianne marjorie miriam
        naomi patsy peggy phyllis rosemary serena sheryl sonia susie tracey ursula
        alicia debbie imelda loretta megyn elena katerina svetlana nathalie cate clara
        daniela audrey annette conchita jelena kelli claudia heidi kirsten joni patty
        norah barbra renee kylie marla scarlett cathy letitia sania
        """
    ),
    "f",
) | dict.fromkeys(
    _words(
        """
        james john robert michael william david richard joseph thomas charles
        christopher daniel matthew anthony mark donald steven paul andrew joshua
        kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary
        nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
        gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam
        nathan henry douglas zachary peter kyle ethan walter noah jeremy harold sean
        carl arthur lawrence bryan bruce gabriel albert juan wayne elijah randy roy
        vincent ralph eugene russell bobby philip louis bernie barack mitt ted marco
        jeb rand mike tom bill bob jim tony tim ben ed nick dan joel tommy hugh
        ian neil gordon nigel alistair ken boris vladimir francois nicolas angelo
        mohammed muhammad ahmed hassan abdullah gerhard jacques silvio steve
        howard martin colin graham keith alan geoffrey malcolm simon rupert thierry
        arsene rafael andy vince alfred allen alvin andre angus antonio barry bernard
        brett calvin carlos clarence craig curtis darren dean derek desmond dominic
        don duncan dwight earl eddie ernest evan felix fernando francis fred
        frederick gavin gerard gilbert glenn greg guy hank harry harvey herbert hugo
        isaac ivan jake jared javier jay jeff jimmy johnny jon jorge julian karl kurt
        lance leo leon leonard lewis lionel lloyd luis luke manuel marcus mario
        marvin maurice max miguel mitch mohamed murray neville norman oliver omar
        oscar owen pablo pedro phil pierre ray rick rob rod rodney ron ross rudy
        sergio seth shane stanley stuart todd travis trevor troy victor wesley
        winston warren matt joe roger clive josh marc chuck mikhail liam dave robbie
        gareth pete jonny clint dick brad franz damien kostas alastair leonardo robby
        danny doug elvis geoff billy viktor lleyton denis antonin newt olivier mathew
        reince mick jurgen zach frederic ruud yannick philippe stefan christos olly
        julien martyn trey nate gonzalo merrick adrian roland tad abraham glen marlon
        hans roberto noel serge dustin elton christophe didier graeme dimitri marat
        osama wes recep sergei fidel allan saddam jerome erik jens rodrigo henri
        kanye hal mauro joachim bashar brendan freddy paulo andrei anton ronan cyril
        rhys shaun kenenisa cristiano petr arjen johan aurelien guillermo brent enrique
        trayvon muammar ronnie willie oleg leonid teddy gerry werner herve carlo
        mahmoud rory
        """
    ),
    "m",
)

# People who stand beside a person and speak for themselves: "Mr Ebbers' lawyers",
# "Suu Kyi's allies" are not Ebbers or Suu Kyi (a spokesman is: he speaks for him).
ASSOCIATE_NOUNS: frozenset[str] = _words(
    """
    lawyer attorney solicitor barrister agent aide ally supporter backer critic
    colleague friend adviser advisor assistant deputy opponent rival relative family
    wife husband mother father son daughter brother sister widow widower girlfriend
    boyfriend grandmother grandfather aunt uncle niece nephew
    """
)

# Nouns of people in general, neither titles nor relations: a "he" or "she" may stand
# for "a source" or "an executive" as for "a spokesman".
PERSON_NOUNS: frozenset[str] = _words(
    """
    source person man woman expert executive representative staffer witness member
    worker employee resident neighbour neighbor colleague activist voter reporter
    engineer analyst scientist researcher doctor nurse teacher student insider
    participant fan passenger victim survivor organiser organizer campaigner
    """
)

# Nouns of organisations: "the Associated Press agency" is the Associated Press.
ORGANISATION_NOUNS: frozenset[str] = _words(
    """
    company firm group bank airline carrier retailer chain carmaker manufacturer maker
    producer operator insurer lender broadcaster publisher club union agency regulator
    watchdog charity organisation organization supermarket brewer conglomerate
    newspaper paper
    """
)

# Pronouns of the one speaking or spoken to: outside quotation marks the writer or
# the reader, never a person named in the article.
PRONOUNS_DIALOGUE: frozenset[str] = frozenset({"i", "me", "we", "us", "you"})

DOUBLE_OPEN = "\u201c\u201e\u00ab\u2039"  # “ „ « ‹
DOUBLE_CLOSE_FOR = {
    "\u201c": '\u201d\u201c"',  # “ ... ” (a second “ or a straight " as closer is tolerated)
    "\u201e": "\u201c\u201d",  # „ ... “
    "\u00ab": "\u00bb",  # « ... »
    "\u2039": "\u203a",  # ‹ ... ›
    '"': '"\u201d',
}
SINGLE_OPEN = "\u2018'"
SINGLE_CLOSE = "\u2019'"
ALL_MARKS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019"


@dataclass
class Passage:
    """Text between quotation marks, in character offsets of the whole text."""

    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark), end-exclusive
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark (None: closed at paragraph end)
    mark: str
    line: int  # index of the paragraph (line) holding the passage
    continued: bool = False  # next paragraph re-opens the same quotation

    @property
    def outer_start(self) -> int:
        return self.open_at

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _lines(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _is_word(ch: str) -> bool:
    return ch.isalnum()


# every character the double-mark scan reacts to
_DOUBLE_MARKS = frozenset(DOUBLE_OPEN + '"\u201c\u201d' + "".join(DOUBLE_CLOSE_FOR.values()))


def _blank(ch: str) -> bool:
    """White space, or an invisible format character (zero-width space, byte-order
    mark, direction marks: text pasted from social media carries them)."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def strip_blank(text: str) -> str:
    """``text`` without blanks (``_blank``) at either end."""
    start, end = _strip_span(text, 0, len(text))
    return text[start:end]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and _blank(text[start]):
        start += 1
    while end > start and _blank(text[end - 1]):
        end -= 1
    return start, end


def _double_passages(text: str, a: int, b: int, li: int) -> list[Passage]:
    """Double quotation marks and guillemets within one paragraph text[a:b]."""
    out: list[Passage] = []
    i = a
    opener: str | None = None
    open_at = -1
    depth = 0  # nested quotations in the open one's own kind of mark
    # typographic marks after position i, kept as the scan goes (no rescans: linear)
    opens_after, closes_after = text.count("\u201c", a, b), text.count("\u201d", a, b)
    while i < b:
        ch = text[i]
        if ch not in _DOUBLE_MARKS:
            i += 1
            continue
        opens_after -= ch == "\u201c"
        closes_after -= ch == "\u201d"
        prev = text[i - 1] if i > a and not _blank(text[i - 1]) else " "
        nxt = text[i + 1] if i + 1 < b and not _blank(text[i + 1]) else " "
        if opener is None:
            if ch in DOUBLE_OPEN or (ch == '"' and not nxt.isspace()):
                opener, open_at = ch, i
            elif (
                ch == "\u201d"
                and (i == a or prev.isspace())
                and (
                    _is_word(nxt)
                    or (i == a and text[i + 1 : b].lstrip().startswith(("\u2026", ".")))
                )
                and closes_after > 0
            ):
                # a closing mark typed as the opener of a paragraph (before an elision:
                # '” … he delivered a mix ...,” Barabak wrote')
                opener, open_at = "\u201c", i
            elif ch == '"' and nxt.isspace() and i + 1 < b and not _is_word(prev):
                # `" ` after a non-word: an opener followed by a stray space
                opener, open_at = ch, i
        else:
            if opener in '"\u201c' and ch == "\u201c" and prev.isspace() and _is_word(nxt):
                # '“... what he calls “hell” than ...”' and '"WALLACE: ... as “The Wall
                # Street Journal” wrote, ...': a nested quotation, when the paragraph
                # closes it (and a typographic outer one too)
                outer = 1 if opener == "\u201c" else 0
                if closes_after - opens_after >= depth + 1 + outer:
                    depth += 1
                    i += 1
                    continue
            if depth and ch == "\u201d":
                depth -= 1
                i += 1
                continue
            closers = DOUBLE_CLOSE_FOR.get(opener, "")
            is_close = ch in closers
            if is_close and ch == "\u201c" and opener == "\u201c":
                # a second “ only closes when it looks like a closer
                is_close = not _is_word(nxt) and not prev.isspace()
            if ch == '"' and opener == '"' and prev.isspace() and _is_word(nxt):
                # `"word` while open: a new opener. After a full sentence it re-opens
                # the quotation, as a new paragraph would in text whose paragraph
                # breaks were lost ('... until now. "The difficult ...'); else the
                # previous opener was stray
                said = text[open_at + 1 : i].rstrip()
                if said[-1:] in ".!?" and len(said.split()) >= 2:
                    s, e = _strip_span(text, open_at + 1, i)
                    out.append(Passage(s, e, open_at, None, opener, li, continued=True))
                opener, open_at = ch, i
                i += 1
                continue
            if is_close:
                s, e = _strip_span(text, open_at + 1, i)
                if e > s:
                    out.append(Passage(s, e, open_at, i, opener, li))
                opener = None
        i += 1
    if opener is not None:
        s, e = _strip_span(text, open_at + 1, b)
        if e > s:
            out.append(Passage(s, e, open_at, None, opener, li))
    return out


_SINGLE_RE = re.compile(
    r"(?<![\w\u2019'])[\u2018'](?=[^\s\u2019'])(?P<c>[^\n]*?[^\s])[\u2019'](?![\w])"
)


def _single_passages(text: str, a: int, b: int, li: int) -> list[Passage]:
    out: list[Passage] = []
    for m in _SINGLE_RE.finditer(text, a, b):
        s, e = m.start("c"), m.end("c")
        content = text[s:e]
        # a plural possessive ("the countries' leaders") inside is fine; a passage
        # of one letter or digits only ('90s) is not a quotation
        if len(content) < 2 or not any(c.isalpha() for c in content):
            continue
        out.append(Passage(s, e, m.start(), m.end() - 1, text[m.start()], li))
    return out


def _double_apostrophes(text: str) -> str:
    """Two apostrophes used as a double quotation mark (''like this'') become a
    straight double quote plus a space, so offsets are unchanged."""
    if "''" not in text:
        return text
    chars = list(text)
    i = 0
    n = len(chars)
    while i < n - 1:
        if chars[i] == "'" and chars[i + 1] == "'":
            prev = chars[i - 1] if i > 0 else " "
            if prev.isspace() or prev in "([{\u2014-":
                chars[i], chars[i + 1] = " ", '"'
            else:
                chars[i], chars[i + 1] = '"', " "
            i += 2
            continue
        i += 1
    return "".join(chars)


_MARKUP_TAG_RE = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>\n]*)?/?>")


def _mask_markup(text: str) -> str:
    """Markup tags left in an article (`<tweet author="X">`) become spaces, so
    their attribute values are not taken for quotations; offsets are unchanged."""
    return _MARKUP_TAG_RE.sub(lambda m: " " * len(m.group()), text)


def find_passages(text: str) -> list[Passage]:
    """Every top-level quoted passage of ``text``, sorted by start.

    A passage left open at the end of its paragraph ends there; when the next
    paragraph starts with an opening mark, the passage is ``continued``.
    """
    if not text:
        return []
    result: list[Passage] = []
    original = text
    text = _mask_markup(_double_apostrophes(text))
    lines = _lines(text)
    for li, (a, b) in enumerate(lines):
        doubles = _double_passages(text, a, b, li)
        singles = _single_passages(text, a, b, li)
        keep: list[Passage] = []
        for sp in singles:
            inside = any(
                d.outer_start <= sp.open_at and sp.outer_end <= d.outer_end for d in doubles
            )
            crosses = any(
                d.outer_start < sp.outer_end and sp.outer_start < d.outer_end and not inside
                for d in doubles
            )
            contains = [
                d for d in doubles if sp.open_at < d.open_at and d.outer_end <= sp.outer_end
            ]
            if inside:
                continue
            if contains:
                doubles = [d for d in doubles if d not in contains]
                keep.append(sp)
            elif not crosses:
                keep.append(sp)
        result.extend(doubles)
        result.extend(keep)
    result.sort(key=lambda p: p.start)
    if text is not original:
        # a pair of apostrophes is one mark: the passage's outer span covers both
        for p in result:
            if p.open_at > 0 and original[p.open_at - 1 : p.open_at + 1] == "''":
                p.open_at -= 1
                p.mark = "''"
            if p.close_at is not None and original[p.close_at : p.close_at + 2] == "''":
                p.close_at += 1
    # multi-paragraph quotations: an unclosed passage whose next non-empty paragraph
    # opens with a mark continues there
    for p in result:
        if p.close_at is not None:
            continue
        for j in range(p.line + 1, len(lines)):
            a, b = lines[j]
            s, e = _strip_span(text, a, b)
            if e == s:
                continue
            if text[s] in DOUBLE_OPEN + SINGLE_OPEN + '"':
                p.continued = True
            break
    return result


def inside_any(passages: list[Passage], start: int, end: int) -> bool:
    return any(p.outer_start <= start and end <= p.outer_end for p in passages)


def _frames(spec: str) -> dict[str, frozenset[str]]:
    """``"frame: lemma lemma ..."`` lines -> {lemma: frames}."""
    out: dict[str, set[str]] = {}
    for line in spec.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        frame, _, lemmas = line.partition(":")
        for lemma in lemmas.split():
            out.setdefault(lemma, set()).add(frame.strip())
    return {k: frozenset(v) for k, v in out.items()}


# Attribution in the wide sense of PolNeAR and PARC: a source's stance, plan, wish or
# judgement reported without a speech verb ("X endorsed Y", "X wants to ...", "X
# called for ...", "X cited ..."). Each verb lemma is listed with the complements that
# carry the content: a direct object, an infinitive (xcomp), a clause (ccomp) or the
# object of a preposition. The list was drawn up from verbs of communication,
# evaluation and intention, and pruned against PolNeAR train (a frame is kept when
# most of what it yields is annotated as attribution there); it holds on dev.
VERB_FRAMES: dict[str, frozenset[str]] = _frames(
    """
    dobj: endorse cite express announce oppose criticize criticise discuss mention
    dobj: reject defend praise propose question highlight issue tweet dismiss denounce
    dobj: blast mock tout explain recall acknowledge post claim reveal repeat note
    dobj: echo list remind voice expose slam prefer emphasize emphasise confirm stress
    dobj: applaud declare suggest reiterate predict decry outline reference invoke
    dobj: disclose unveil promise resist admire dispute signal approve articulate
    dobj: recount detail champion recite credit concede hail state recommend downplay
    dobj: lament repudiate cheer hammer retweet condemn deride ridicule lambast
    dobj: support describe accuse attack
    xcomp: decline seek ask refuse call urge plan vow pledge agree hope threaten decide
    xcomp: propose promise say report vote expect consider aim support encourage push
    xcomp: offer suggest claim advise pressure prefer opt want seem appear intend
    xcomp: vow swear demand insist
    ccomp: point ask hope question report discuss argue convince cite announce notice
    ccomp: rule bet forget endorse
    for: call push advocate campaign hope argue lobby press
    about: ask speak think worry write talk complain joke boast brag
    on: seize weigh agree touch comment insist elaborate
    to: refer respond point object
    of: speak warn
    at: hint balk
    against: rail push campaign argue warn
    with: side agree grapple disagree
    """
)

# Frames learnt from PolNeAR train by ``python -m flows.learn_frames`` (see there).
LEARNED_FRAMES: dict[str, frozenset[str]] = _frames(LEARNED_FRAMES_SPEC)

# The frames a stance row is looked for with: the written ones and the learnt ones.
ATTRIBUTION_FRAMES: dict[str, frozenset[str]] = {
    lemma: VERB_FRAMES.get(lemma, frozenset()) | LEARNED_FRAMES.get(lemma, frozenset())
    for lemma in sorted(VERB_FRAMES.keys() | LEARNED_FRAMES.keys())
}

# Frames that count without a subject in the parse ("is expected to", "it was
# reported that").
SUBJECTLESS_FRAMES: frozenset[tuple[str, str]] = frozenset(
    {
        ("expect", "xcomp"),
        ("suggest", "ccomp"),
        ("explain", "ccomp"),
        ("report", "ccomp"),
        ("reveal", "ccomp"),
        ("argue", "ccomp"),
        ("announce", "ccomp"),
        ("convince", "ccomp"),
    }
)

# Nouns of stance whose source is a possessive ("Trump's attacks on the judge").
NOUN_FRAMES: dict[str, frozenset[str]] = _frames(
    """
    on: attack attacks comment comments remark remarks criticism assault position stance
    of: endorsement embrace critique assessment criticism support defense defence
    of: praise denunciation rejection
    for: support call calls praise
    against: case campaign
    """
)
