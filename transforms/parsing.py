"""Input files -> article records. Pure: takes bytes, never touches the file system.

Supported inputs (DESIGN.md, "Input"): `.txt`/`.md` with optional YAML front matter or a
sidecar `NAME.meta.json`; `.json` (one object or a list of objects); `.jsonl` and
`.jsonl.gz` (one object per line); `.html`/`.htm` (main text and metadata extracted with
trafilatura, offline). Anything that cannot become an article becomes a quarantine
record (`Quarantined`: path, reason from QUARANTINE_REASONS, a detail naming what is
wrong), and parsing goes on with the rest. `parse_file` never raises for bad content.

Decoding (`decode_bytes`), in this order:
- empty or whitespace-only -> quarantined `empty`;
- a byte-order mark decides: UTF-32, UTF-8, UTF-16 (LE/BE);
- UTF-16 without a BOM is recognised by its pattern of zero bytes; other NUL bytes, or
  more than 5% control bytes, -> quarantined `binary`;
- strict UTF-8;
- otherwise the bytes are either UTF-8 with a few broken bytes or an 8-bit file
  (Latin-1/cp1252). They are UTF-8 when they hold valid multibyte UTF-8 sequences, at
  least as many as broken ones: decoded with U+FFFD replacement, and the
  article LOADS, flagged twice: `Article.decode_replacements` (how many sequences were
  replaced; 0 normally) and a `Note` of kind `replaced_bytes` in
  `ParsedFile.notes` (path, count, offset of the first bad byte). Otherwise they are
  decoded as cp1252 (a superset of Latin-1's printable characters; plain Latin-1 if a
  byte is undefined in cp1252), with no replacement. An HTML file's declared charset
  (`<meta charset>`) wins over the cp1252 guess. `Article.encoding` records the result.

Texts are normalised (`normalise_text`): NFC, Unix newlines, trailing blanks and control
characters removed, lone surrogates replaced. Identity (`article_id`) is derived from
that normalised text; `content_sha256` is of the file's bytes (and of its sidecar's, when
it has one, so that a corrected sidecar makes the file count as changed).

`parse_file(..., max_bytes=...)` quarantines a larger file (or `.jsonl.gz` content
unpacked; a gzip bomb is never unpacked further) as `oversized`; `max_chars`, when given,
does the same for each article whose text is longer (the inbox reader passes
DEFAULT_MAX_CHARS, spaCy's default `nlp.max_length`). In `.jsonl`, each malformed line
is quarantined with its line number (`path#line N`) and the good lines load.

YAML front matter is a `---` block at the very top that names a known metadata key;
another `---` block is text. Front matter or a sidecar that cannot be read quarantines
the file (`malformed_metadata` / `malformed_json`, the detail naming the sidecar); a
metadata date that is not a real date (`2025-02-30`) is ignored like any unknown date and
reported in a `Note` of kind `unreadable_date` (the article loads).

A text with no letter at all (only digits, punctuation or symbols) is quarantined as
`missing_text`; a text with letters but no sentence punctuation loads. Text is never
escaped or altered beyond the normalisation: SQL, HTML or template syntax in a `.txt`
loads verbatim (binding and escaping are the warehouse's and the reports' job). In
`.html` input, markup (including `<script>` and `<style>` content) is not text.

The publication date comes from metadata, else a date in the path, else a dateline
near the start of the text, else it is unknown: never the clock or the file's mtime.
For HTML, metadata dates come from htmldate with a fixed upper bound and no guessing
from the page text (results never depend on the run date). `language` comes from
metadata (`language`/`lang`/`locale`, HTML `<html lang>`), reduced to its primary
subtag (`en-GB` -> `en`), else from a cheap heuristic (`guess_language`: the script,
then stop words of a few European languages), else it is unknown.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import json
import logging
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

import yaml

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".jsonl.gz", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# spaCy refuses longer texts by default (nlp.max_length, error E088): a longer article is
# quarantined as `oversized` by the inbox reader instead of failing the whole run.
DEFAULT_MAX_CHARS = 1_000_000

# Keys of news-please, newspaper, trafilatura and the corpus format, in order of preference.
TEXT_KEYS = ("maintext", "text", "body", "content")
DATE_KEYS = ("published", "date_publish", "publish_date", "date", "dct", "date_published")
# What a note on a metadata date that is no date says happened instead
PUBLISHED_FALLBACK = {
    "path": "the publication date comes from the file's path",
    "dateline": "the publication date comes from the dateline",
    "unknown": "the publication date is unknown, so relative dates stay unresolved",
}
SOURCE_KEYS = ("source", "source_domain", "sitename", "hostname")
ID_KEYS = ("id", "external_id")
LANGUAGE_KEYS = ("language", "lang", "locale")
# A `---` block at the top of a text is front matter only if it names one of these.
FRONT_MATTER_KEYS = frozenset(
    (
        "title",
        "url",
        "author",
        "authors",
        "description",
        "tags",
        "categories",
        "slug",
        *DATE_KEYS,
        *SOURCE_KEYS,
        *ID_KEYS,
        *LANGUAGE_KEYS,
    )
)

QUARANTINE_REASONS = (
    "empty",
    "binary",
    "undecodable",
    "malformed_json",
    "malformed_metadata",  # YAML front matter or sidecar that cannot be read as metadata
    "malformed_html",
    "missing_text",
    "oversized",
    "unsupported",
    "unreadable",
)
# Notes are about inputs that DID load (or were deliberately left alone): not quarantine.
NOTE_KINDS = ("replaced_bytes", "unreadable_date", "symlinked_folder", "hidden")

# Dates in HTML come from the page's metadata and markup only, with a fixed upper bound,
# so the result never depends on the day of the run.
HTML_DATE_PARAMS = {
    "original_date": True,
    "extensive_search": False,
    "min_date": "1900-01-01",
    "max_date": "2999-12-31",
}


class ArticleError(ValueError):
    """An input that cannot become an article; `reason` is one of QUARANTINE_REASONS."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Article:
    article_id: str
    external_id: str
    source_path: str
    source_item: str  # "" for one-article files, "line N" / "item N" inside JSON(L)
    content_sha256: str  # of the file's bytes (and its sidecar's, when it has one)
    title: str | None
    text: str
    published_date: date | None
    published_source: str  # metadata | path | dateline | unknown
    url: str | None
    source: str | None
    author: str | None
    language: str | None
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | utf-16 | utf-32 | cp1252 | latin-1 | ...
    decode_replacements: int = 0  # invalid byte sequences replaced with U+FFFD
    unreadable_date: str | None = None  # a metadata date that is no date, as written


@dataclass(frozen=True)
class Quarantined:
    source_path: str
    content_sha256: str | None
    reason: str
    detail: str


@dataclass(frozen=True)
class Note:
    """Something worth reporting about an input that is not a quarantine (see NOTE_KINDS)."""

    source_path: str
    content_sha256: str | None
    kind: str
    detail: str


@dataclass
class ParsedFile:
    articles: list[Article] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replacements: int = 0  # invalid sequences replaced with U+FFFD
    first_error: int | None = None  # byte offset of the first one


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(data: bytes, sidecar: bytes | None = None) -> str:
    """`content_sha256` of an input: its bytes, and its sidecar's when it has one."""
    if sidecar is None:
        return sha256_hex(data)
    digest = hashlib.sha256(data)
    digest.update(b"\x00newsdesk-sidecar\x00")
    digest.update(sidecar)
    return digest.hexdigest()


def suffix_of(path: str) -> str:
    lower = path.lower()
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return suffix
    return ""


def is_article_path(path: str) -> bool:
    return bool(suffix_of(path)) and not path.lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: str) -> str | None:
    """`story.meta.json` beside `story.txt` / `.md` / `.html`; JSON inputs carry their own
    metadata."""
    suffix = suffix_of(path)
    if suffix not in (".txt", ".md", *HTML_SUFFIXES):
        return None
    return path[: -len(suffix)] + SIDECAR_SUFFIX


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """The stored form of an article body: NFC, Unix newlines, no trailing blanks, no
    control characters (tab, newline and form feed stay as whitespace), lone surrogates
    (possible in JSON escapes) replaced with U+FFFD.

    Identity is derived from this form, so the same story saved twice with different
    line endings or trailing spaces is one article.
    """
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\x0b", "\n").replace("\x0c", "\n")
    text = _CONTROL_CHARS.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def article_id_for(text: str) -> str:
    return "art_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# Bounded so that a pathological multi-megabyte line cannot make these quadratic.
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,500}\")?\)")
_MD_LINK = re.compile(
    r"(?<!\!)\[([^\]\n]{1,500})\]\((?:https?://|/|#|mailto:)[^)\s]{0,2000}"
    r"(?:\s+\"[^\"\n]{0,500}\")?\)"
)


def strip_markdown_links(text: str) -> str:
    """Reduce Markdown image and link syntax to its text (an image to its alt text)."""
    if "](" not in text:
        return text
    return _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", text))


# --- decoding ---------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_VALID_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]"
    rb"|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_SAMPLE = 64 * 1024
BINARY_CONTROL_SHARE = 0.05
# UTF-8 with broken bytes, rather than an 8-bit file, needs at least this many valid
# multibyte sequences per broken one (an 8-bit file makes a valid pair only by chance).
UTF8_VALID_PER_BROKEN = 1.0
_HTML_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)


def _counted(text: str, data: bytes, encoding: str, first_error: int | None) -> Decoded:
    """`text` was decoded with errors="replace": count the replacements it made (U+FFFD
    characters that were in the input itself survive errors="ignore")."""
    genuine = data.decode(encoding, errors="ignore").count("\ufffd")
    replaced = text.count("\ufffd") - genuine
    return Decoded(text, encoding, max(replaced, 0), first_error if replaced > 0 else None)


def _decode_with_replacement(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        return _counted(data.decode(encoding, errors="replace"), data, encoding, exc.start)


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the zero bytes fall where UTF-16 text puts them."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.4 * len(odd) and even.count(0) <= 0.02 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.4 * len(even) and odd.count(0) <= 0.02 * len(odd):
        return "utf-16-be"
    return None


def _printable_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r\f")
    return good / len(sample)


def _declared_html_charset(data: bytes) -> str | None:
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    # As browsers do (WHATWG): a page labelled Latin-1 or ASCII is windows-1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded:
    """Decode an input's bytes (see the module docstring); raises ArticleError."""
    if not data.strip():
        raise ArticleError(
            "empty", "file is empty" if not data else f"file is whitespace only ({len(data)} bytes)"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            decoded = _decode_with_replacement(data, encoding)
            break
    else:
        decoded = _decode_unmarked(data, html=html)
    text = decoded.text.lstrip("\ufeff")
    if not text.strip():
        raise ArticleError("empty", f"file is whitespace only ({decoded.encoding})")
    return Decoded(text, decoded.encoding, decoded.replacements, decoded.first_error)


def _decode_unmarked(data: bytes, *, html: bool) -> Decoded:
    sample = data[:_SAMPLE]
    if b"\x00" in sample or b"\x00" in data:
        utf16 = _utf16_without_bom(sample)
        if utf16:
            decoded = _decode_with_replacement(data, utf16)
            if _printable_share(decoded.text) >= 0.95:
                return decoded
        nuls = data.count(0)
        raise ArticleError("binary", f"contains {nuls} NUL byte(s), first at byte {data.find(0)}")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > BINARY_CONTROL_SHARE * len(sample):
        share = 100 * controls / len(sample)
        raise ArticleError("binary", f"{share:.0f}% control bytes in the first {len(sample)}")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_error = exc.start
    declared = _declared_html_charset(data) if html else None
    if declared and declared not in ("utf-8", "utf-8-sig"):
        return _decode_with_replacement(data, declared)
    valid = len(_VALID_UTF8_MULTIBYTE.findall(data))
    replaced = _counted(data.decode("utf-8", errors="replace"), data, "utf-8", first_error)
    if valid and valid >= UTF8_VALID_PER_BROKEN * replaced.replacements:
        return replaced
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1")


def decode(data: bytes) -> str:
    """Decode bytes as text (see `decode_bytes`); raises ArticleError."""
    return decode_bytes(data).text


# --- dates ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_PATH_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])[-_/.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATELINE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH_RE})\.?,?\s+(?P<y1>(?:19|20)\d{{2}})"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d{{2}}))\b",
    re.IGNORECASE,
)
DATELINE_WINDOW = 200


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A metadata date: ISO strings (date or datetime), datetime/date objects."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match:
        return _safe_date(*(int(g) for g in match.groups()))
    match = _DATELINE.search(value[:DATELINE_WINDOW])
    return _dateline_match_to_date(match) if match else None


def _dateline_match_to_date(match: re.Match[str]) -> date | None:
    g = match.groupdict()
    if g["d1"]:
        return _safe_date(int(g["y1"]), _MONTHS[g["m1"].lower()], int(g["d1"]))
    return _safe_date(int(g["y2"]), _MONTHS[g["m2"].lower()], int(g["d2"]))


def date_from_path(path: str) -> date | None:
    for match in _PATH_DATE.finditer(path):
        found = _safe_date(*(int(g) for g in match.groups()))
        if found:
            return found
    return None


def date_from_dateline(text: str) -> date | None:
    match = _DATELINE.search(text[:DATELINE_WINDOW])
    return _dateline_match_to_date(match) if match else None


# --- language ---------------------------------------------------------------------------

# Frequent words that are (nearly) unique to one language among these.
_STOPWORDS = {
    "en": "the and of to is that for was with said he his it on by at from have has are were "
    "this which they would will been but not who",
    "de": "der die und das ist nicht mit sich des von auf für eine dem zu im ein sie wird auch "
    "hat nach wie bei sind wurde einen noch",
    "fr": "le les et des est dans pour qui pas sur au du avec elle ce sont ont été aux mais "
    "cette plus ses leur être",
    "es": "el los las y por con para su al lo como más pero fue está sus entre cuando muy "
    "también han sobre desde",
    "it": "di che è per non sono della gli nel anche più ha dei alla delle questo stato nella "
    "degli hanno essere",
    "pt": "os em não um são mais foi ao dos das pelo pela seu sua também está uma já às "
    "ainda muito",
    "nl": "het een en van dat op zijn niet met voor ook wordt naar bij hij werd maar heeft "
    "zijn deze dit",
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")
LANGUAGE_SAMPLE = 5000


def _script_language(sample: str) -> str | None:
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        cp = ord(ch)
        if cp < 0x250:
            script = "latin"
        elif 0x370 <= cp < 0x400:
            script = "el"
        elif 0x400 <= cp < 0x530:
            script = "cyrillic"
        elif 0x590 <= cp < 0x600:
            script = "he"
        elif 0x600 <= cp < 0x700 or 0xFB50 <= cp < 0xFE00 or 0xFE70 <= cp < 0xFF00:
            script = "arabic"
        elif 0x900 <= cp < 0x980:
            script = "hi"
        elif 0xE00 <= cp < 0xE80:
            script = "th"
        elif 0x3040 <= cp < 0x3100:
            script = "kana"
        elif 0xAC00 <= cp < 0xD7B0 or 0x1100 <= cp < 0x1200:
            script = "ko"
        elif 0x4E00 <= cp < 0xA000 or 0x3400 <= cp < 0x4DC0:
            script = "han"
        else:
            script = "other"
        counts[script] = counts.get(script, 0) + 1
    if not letters:
        return None
    script, n = max(counts.items(), key=lambda kv: kv[1])
    if script == "latin" or n < 0.5 * letters:
        return None
    if script in ("han", "kana"):
        return "ja" if counts.get("kana", 0) >= 0.05 * letters else "zh"
    if script == "cyrillic":
        if any(ch in sample for ch in "іїєґІЇЄҐ"):
            return "uk"
        if any(ch in sample for ch in "ыэъёЫЭЪЁ"):
            return "ru"
        return None
    if script == "arabic":
        return "fa" if any(ch in sample for ch in "پچژگ") else "ar"
    return None if script == "other" else script


def guess_language(text: str) -> str | None:
    """A cheap guess at a text's language (ISO 639-1), or None when unsure."""
    sample = text[:LANGUAGE_SAMPLE]
    by_script = _script_language(sample)
    if by_script:
        return by_script
    words = [w.lower() for w in _WORD.findall(sample)]
    scores = sorted(
        ((sum(1 for w in words if w in stop), lang) for lang, stop in _STOPWORD_SETS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 3 and best >= 2 * second and best >= 0.08 * len(words):
        return lang
    return None


def normalise_language(value: Any) -> str | None:
    """`en-GB`, `EN`, `en_US` -> `en`; anything else that is not a language tag as given."""
    raw = _optional_str(value)
    if raw is None:
        return None
    primary = re.split(r"[-_]", raw, maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else raw


# --- metadata and articles --------------------------------------------------------------


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = meta.get(key)
        if value not in (None, "", []):
            return value
    return None


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    value = _CONTROL_CHARS.sub("", _SURROGATES.sub("\ufffd", str(value))).strip()
    return value or None


def _one_line(exc: BaseException, limit: int = 200) -> str:
    return " ".join(str(exc).split())[:limit]


class _FrontMatterLoader(yaml.SafeLoader):
    """Safe YAML where timestamps stay strings: `published: 2025-02-30` is a bad date
    (ignored, like any unparseable date), not a broken file."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(cast(yaml.ScalarNode, node))  # timestamps are scalars


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter: a `---` block at the very top naming at least one metadata key.
    Any other `---` block (a rule, a paragraph between rules) is part of the text."""
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            block = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            names = {m.lower() for m in re.findall(r"(?m)^([A-Za-z_][\w-]*)\s*:", block)}
            intended = bool(names & FRONT_MATTER_KEYS)
            try:
                meta = yaml.load(block, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader
            except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
                if intended:
                    raise ArticleError(
                        "malformed_metadata", f"bad YAML front matter: {_one_line(exc)}"
                    ) from exc
                return {}, text
            if meta is None and not block.strip():
                return {}, body
            if not isinstance(meta, dict) or not {str(k).lower() for k in meta} & FRONT_MATTER_KEYS:
                if intended:
                    raise ArticleError("malformed_metadata", "front matter is not a mapping")
                return {}, text
            return {str(k).lower(): v for k, v in meta.items()}, body
    return {}, text


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    suffix = suffix_of(name)
    return name[: -len(suffix)] if suffix else name


def build_article(
    meta: dict[str, Any],
    body: str,
    *,
    source_path: str,
    source_item: str,
    content_sha256: str,
    encoding: str = "utf-8",
    decode_replacements: int = 0,
) -> Article:
    """Turn metadata and a raw body into an Article; the publication date falls back
    from metadata to the path to a dateline, never to the clock."""
    text = normalise_text(body)
    if not text:
        raise ArticleError("missing_text", "no article text")
    if not any(ch.isalpha() for ch in text):
        raise ArticleError(
            "missing_text",
            f"text has no letters, only digits, punctuation or symbols ({len(text)} characters)",
        )
    meta_date = _first(meta, DATE_KEYS)
    published = parse_date(meta_date)
    unreadable_date = str(meta_date) if meta_date is not None and published is None else None
    published_source = "metadata"
    if published is None:
        published, published_source = date_from_path(source_path), "path"
    if published is None:
        published, published_source = date_from_dateline(text), "dateline"
    if published is None:
        published_source = "unknown"
    external = _optional_str(_first(meta, ID_KEYS))
    language = normalise_language(_first(meta, LANGUAGE_KEYS)) or guess_language(text)
    return Article(
        article_id=article_id_for(text),
        external_id=external or (_stem(source_path) + (f"#{source_item}" if source_item else "")),
        source_path=source_path,
        source_item=source_item,
        content_sha256=content_sha256,
        title=_optional_str(meta.get("title")),
        text=text,
        published_date=published,
        published_source=published_source,
        url=_optional_str(meta.get("url")),
        source=_optional_str(_first(meta, SOURCE_KEYS)),
        author=_optional_str(_first(meta, ("author", "authors"))),
        language=language,
        encoding=encoding,
        decode_replacements=decode_replacements,
        unreadable_date=unreadable_date,
    )


def _json_body(record: dict[str, Any]) -> str | None:
    body = _first(record, TEXT_KEYS)
    if isinstance(body, list) and body and all(isinstance(p, str) for p in body):
        body = "\n\n".join(body)  # a list of paragraphs
    return body if isinstance(body, str) and body.strip() else None


def _json_record_article(
    record: Any, *, source_path: str, source_item: str, content_sha256: str, decoded: Decoded
) -> Article:
    if not isinstance(record, dict):
        kind = type(record).__name__ if record is not None else "null"
        raise ArticleError(
            "malformed_json", f"{source_item or 'document'} is a JSON {kind}, not an object"
        )
    body = _json_body(record)
    if body is None:
        raise ArticleError("missing_text", f"no text field ({', '.join(TEXT_KEYS)})")
    return build_article(
        record,
        body,
        source_path=source_path,
        source_item=source_item,
        content_sha256=content_sha256,
        encoding=decoded.encoding,
        decode_replacements=decoded.replacements,
    )


_HTML_LANG = re.compile(
    r"""<html\b[^>]{0,500}?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I
)
_META_LANG = re.compile(
    r"""<meta[^>]{0,300}?(?:http-equiv\s*=\s*["']?content-language|property\s*=\s*["']og:locale)"""
    r"""[^>]{0,300}?content\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
    re.I,
)


HTML_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")


def html_metadata_and_text(html: str) -> tuple[dict[str, Any], str]:
    """Main text and metadata of an HTML page, extracted offline with trafilatura.
    Markup, scripts, styles, navigation and comments are not text."""
    import trafilatura  # imported here: it is only needed for HTML inputs

    # Its libraries log (with tracebacks) what newsdesk reports as a quarantine reason.
    for name in HTML_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params=dict(HTML_DATE_PARAMS),
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure is this file's problem only
        raise ArticleError("malformed_html", f"HTML could not be parsed: {_one_line(exc)}") from exc
    found: dict[str, Any] = {}
    if document is not None and not isinstance(document, dict):
        found = document.as_dict()
    text = found.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ArticleError("missing_text", "no main text found in the HTML")
    head = html[:20000]
    lang = _HTML_LANG.search(head) or _META_LANG.search(head)
    meta = {
        "title": found.get("title"),
        "author": found.get("author"),
        "url": found.get("url"),
        "source": found.get("sitename") or found.get("hostname"),
        "published": found.get("date"),
        "language": lang.group(1) if lang else None,
    }
    return {k: v for k, v in meta.items() if v}, text


def _sidecar_metadata(sidecar: bytes) -> dict[str, Any]:
    try:
        meta = json.loads(decode_bytes(sidecar).text)
    except ArticleError as exc:
        raise ArticleError(exc.reason, f"sidecar {SIDECAR_SUFFIX}: {exc.detail}") from exc
    except json.JSONDecodeError as exc:
        raise ArticleError(
            "malformed_json",
            f"sidecar {SIDECAR_SUFFIX}: line {exc.lineno} column {exc.colno}: {exc.msg}",
        ) from exc
    except RecursionError as exc:
        raise ArticleError(
            "malformed_json", f"sidecar {SIDECAR_SUFFIX}: nested too deeply"
        ) from exc
    if not isinstance(meta, dict):
        raise ArticleError("malformed_metadata", f"sidecar {SIDECAR_SUFFIX} is not a JSON object")
    return {str(k).lower(): v for k, v in meta.items()}


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress, reading at most `max_bytes` + 1 bytes (a gzip bomb stops there)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            unpacked = packed.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ArticleError("undecodable", f"bad gzip: {_one_line(exc)}") from exc
    if len(unpacked) > max_bytes:
        raise ArticleError("oversized", f"more than {max_bytes} bytes unpacked (limit {max_bytes})")
    return unpacked


def parse_file(
    source_path: str,
    data: bytes,
    *,
    sidecar: bytes | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int | None = None,
) -> ParsedFile:
    """Parse one input file's bytes. Never raises for bad content: it quarantines.

    `max_bytes` limits the file (and a `.jsonl.gz` file's unpacked content);
    `max_chars`, when given, limits each article's text (e.g. the model's max_length).
    """
    digest = content_digest(data, sidecar)
    result = ParsedFile()

    def quarantine(reason: str, detail: str, where: str = "") -> None:
        path = f"{source_path}#{where}" if where else source_path
        result.quarantined.append(Quarantined(path, digest, reason, detail))

    if len(data) > max_bytes:
        quarantine("oversized", f"{len(data)} bytes > limit {max_bytes}")
        return result
    suffix = suffix_of(source_path)
    try:
        if not suffix:
            raise ArticleError("unsupported", f"no reader for {source_path!r}")
        if suffix == ".jsonl.gz":
            data = _gunzip(data, max_bytes)
        decoded = decode_bytes(data, html=suffix in HTML_SUFFIXES)
        text = decoded.text
        if suffix in (".txt", ".md", *HTML_SUFFIXES):
            if suffix in HTML_SUFFIXES:
                meta, body = html_metadata_and_text(text)
            else:
                meta, body = _split_front_matter(text)
                body = strip_markdown_links(body)
            if sidecar is not None:
                meta = {**_sidecar_metadata(sidecar), **meta}
            result.articles.append(
                build_article(
                    meta,
                    body,
                    source_path=source_path,
                    source_item="",
                    content_sha256=digest,
                    encoding=decoded.encoding,
                    decode_replacements=decoded.replacements,
                )
            )
        elif suffix == ".json":
            document = json.loads(text)
            records = document if isinstance(document, list) else [document]
            if not records:
                raise ArticleError("missing_text", "JSON list is empty")
            for i, record in enumerate(records):
                item = f"item {i}" if isinstance(document, list) else ""
                try:
                    result.articles.append(
                        _json_record_article(
                            record,
                            source_path=source_path,
                            source_item=item,
                            content_sha256=digest,
                            decoded=decoded,
                        )
                    )
                except ArticleError as exc:
                    quarantine(exc.reason, exc.detail, item)
        else:  # .jsonl, .jsonl.gz
            for number, line in enumerate(text.split("\n"), start=1):
                if not line.strip():
                    continue
                item = f"line {number}"
                try:
                    record = json.loads(line)
                    result.articles.append(
                        _json_record_article(
                            record,
                            source_path=source_path,
                            source_item=item,
                            content_sha256=digest,
                            decoded=_line_share(decoded, line),
                        )
                    )
                except json.JSONDecodeError as exc:
                    quarantine(
                        "malformed_json", f"line {number} column {exc.colno}: {exc.msg}", item
                    )
                except RecursionError:
                    quarantine("malformed_json", f"line {number}: nested too deeply", item)
                except ArticleError as exc:
                    quarantine(exc.reason, f"line {number}: {exc.detail}", item)
    except json.JSONDecodeError as exc:
        quarantine("malformed_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}")
    except RecursionError:
        quarantine("malformed_json", "nested too deeply")
    except UnicodeError as exc:
        quarantine("undecodable", _one_line(exc))
    except ArticleError as exc:
        quarantine(exc.reason, exc.detail)

    if max_chars is not None:
        kept = []
        for article in result.articles:
            if len(article.text) > max_chars:
                where = article.source_item
                quarantine(
                    "oversized",
                    f"text has {len(article.text)} characters > limit {max_chars}",
                    where,
                )
            else:
                kept.append(article)
        result.articles = kept
    if any(article.decode_replacements for article in result.articles):
        result.notes.append(
            Note(
                source_path,
                digest,
                "replaced_bytes",
                f"{decoded.replacements} invalid {decoded.encoding} byte sequence(s) "
                f"replaced with U+FFFD, the first at byte {decoded.first_error}",
            )
        )
    for article in result.articles:
        if article.unreadable_date is not None:
            where = f"#{article.source_item}" if article.source_item else ""
            result.notes.append(
                Note(
                    source_path + where,
                    digest,
                    "unreadable_date",
                    f"metadata date {article.unreadable_date[:80]!r} is not a date; "
                    + PUBLISHED_FALLBACK[article.published_source],
                )
            )
    return result


def _line_share(decoded: Decoded, line: str) -> Decoded:
    """The replacements of a file that fall in one of its lines (JSONL)."""
    if not decoded.replacements:
        return decoded
    share = min(decoded.replacements, line.count("\ufffd"))
    return Decoded(line, decoded.encoding, share, decoded.first_error if share else None)
