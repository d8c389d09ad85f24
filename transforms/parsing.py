"""Input files -> article records. Pure: takes bytes, never touches the file system.

Supported inputs (DESIGN.md, "Input"): `.txt`/`.md` with optional YAML front matter or a
sidecar `NAME.meta.json`; `.json` (one object or a list of objects); `.jsonl` and
`.jsonl.gz` (one object per line). Anything that cannot become an article becomes a
quarantine record with a reason, and parsing goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl", ".jsonl.gz")
SIDECAR_SUFFIX = ".meta.json"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Keys of news-please, newspaper, trafilatura and the corpus format, in order of preference.
TEXT_KEYS = ("maintext", "text", "body", "content")
DATE_KEYS = ("published", "date_publish", "publish_date", "date", "dct", "date_published")
SOURCE_KEYS = ("source", "source_domain", "sitename", "hostname")
ID_KEYS = ("id", "external_id")

QUARANTINE_REASONS = (
    "empty",
    "binary",
    "undecodable",
    "malformed_json",
    "missing_text",
    "oversized",
    "unsupported",
    "unreadable",
)


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
    content_sha256: str  # of the file's bytes
    title: str | None
    text: str
    published_date: date | None
    published_source: str  # metadata | path | dateline | unknown
    url: str | None
    source: str | None
    author: str | None
    language: str | None


@dataclass(frozen=True)
class Quarantined:
    source_path: str
    content_sha256: str | None
    reason: str
    detail: str


@dataclass
class ParsedFile:
    articles: list[Article] = field(default_factory=list)
    quarantined: list[Quarantined] = field(default_factory=list)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def suffix_of(path: str) -> str:
    lower = path.lower()
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return suffix
    return ""


def is_article_path(path: str) -> bool:
    return bool(suffix_of(path)) and not path.lower().endswith(SIDECAR_SUFFIX)


def sidecar_path(path: str) -> str | None:
    """`story.meta.json` beside `story.txt` / `story.md`; JSON inputs carry their own metadata."""
    suffix = suffix_of(path)
    if suffix not in (".txt", ".md"):
        return None
    return path[: -len(suffix)] + SIDECAR_SUFFIX


def normalise_text(text: str) -> str:
    """The stored form of an article body: NFC, Unix newlines, no trailing blanks.

    Identity is derived from this form, so the same story saved twice with different
    line endings or trailing spaces is one article.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def article_id_for(text: str) -> str:
    return "art_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"(?<!\!)\[([^\]]+)\]\((?:https?://|/|#|mailto:)[^)]*\)")


def strip_markdown_links(text: str) -> str:
    """Reduce Markdown image and link syntax to its text (an image to its alt text)."""
    return _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", text))


def decode(data: bytes) -> str:
    """Decode bytes as text: BOM-marked UTF-8/UTF-16, else UTF-8 strict."""
    if not data.strip():
        raise ArticleError("empty", "file is empty or whitespace only")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise ArticleError("binary", "contains NUL bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError("undecodable", f"not UTF-8 at byte {exc.start}") from exc


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
    match = _DATELINE.search(value)
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
    value = str(value).strip()
    return value or None


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                raise ArticleError("malformed_json", f"bad YAML front matter: {exc}") from exc
            if not isinstance(meta, dict):
                raise ArticleError("malformed_json", "front matter is not a mapping")
            return meta, "\n".join(lines[i + 1 :])
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
) -> Article:
    """Turn metadata and a raw body into an Article; the publication date falls back
    from metadata to the path to a dateline, never to the clock."""
    text = normalise_text(body)
    if not text:
        raise ArticleError("missing_text", "no article text")
    published = parse_date(_first(meta, DATE_KEYS))
    published_source = "metadata"
    if published is None:
        published, published_source = date_from_path(source_path), "path"
    if published is None:
        published, published_source = date_from_dateline(text), "dateline"
    if published is None:
        published_source = "unknown"
    external = _optional_str(_first(meta, ID_KEYS))
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
        language=_optional_str(meta.get("language")),
    )


def _json_record_article(
    record: Any, *, source_path: str, source_item: str, content_sha256: str
) -> Article:
    if not isinstance(record, dict):
        raise ArticleError("malformed_json", f"{source_item or 'document'} is not an object")
    body = _first(record, TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        raise ArticleError("missing_text", f"no text field ({', '.join(TEXT_KEYS)})")
    return build_article(
        record,
        body,
        source_path=source_path,
        source_item=source_item,
        content_sha256=content_sha256,
    )


def parse_file(
    source_path: str,
    data: bytes,
    *,
    sidecar: bytes | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ParsedFile:
    """Parse one input file's bytes. Never raises for bad content: it quarantines."""
    digest = sha256_hex(data)
    result = ParsedFile()

    def quarantine(reason: str, detail: str, where: str = "") -> None:
        path = f"{source_path}#{where}" if where else source_path
        result.quarantined.append(Quarantined(path, digest, reason, detail))

    if len(data) > max_bytes:
        quarantine("oversized", f"{len(data)} bytes > limit {max_bytes}")
        return result
    suffix = suffix_of(source_path)
    try:
        if suffix == ".jsonl.gz":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError) as exc:
                raise ArticleError("undecodable", f"bad gzip: {exc}") from exc
            if len(data) > max_bytes:
                raise ArticleError("oversized", f"{len(data)} bytes unpacked > limit {max_bytes}")
        text = decode(data)
        if suffix in (".txt", ".md"):
            meta, body = _split_front_matter(text.lstrip("\ufeff"))
            if sidecar is not None:
                sidecar_meta = json.loads(decode(sidecar))
                if not isinstance(sidecar_meta, dict):
                    raise ArticleError("malformed_json", "sidecar is not a JSON object")
                meta = {**sidecar_meta, **meta}
            result.articles.append(
                build_article(
                    meta,
                    strip_markdown_links(body),
                    source_path=source_path,
                    source_item="",
                    content_sha256=digest,
                )
            )
        elif suffix == ".json":
            document = json.loads(text)
            records = document if isinstance(document, list) else [document]
            for i, record in enumerate(records):
                item = f"item {i}" if isinstance(document, list) else ""
                try:
                    result.articles.append(
                        _json_record_article(
                            record, source_path=source_path, source_item=item, content_sha256=digest
                        )
                    )
                except ArticleError as exc:
                    quarantine(exc.reason, exc.detail, item)
        elif suffix in (".jsonl", ".jsonl.gz"):
            for number, line in enumerate(text.split("\n"), start=1):
                if not line.strip():
                    continue
                item = f"line {number}"
                try:
                    record = json.loads(line)
                    result.articles.append(
                        _json_record_article(
                            record, source_path=source_path, source_item=item, content_sha256=digest
                        )
                    )
                except json.JSONDecodeError as exc:
                    quarantine("malformed_json", f"line {number}: {exc.msg}", item)
                except ArticleError as exc:
                    quarantine(exc.reason, f"line {number}: {exc.detail}", item)
        else:
            raise ArticleError("unsupported", f"no reader for {source_path!r}")
    except json.JSONDecodeError as exc:
        quarantine("malformed_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}")
    except UnicodeDecodeError as exc:
        quarantine("undecodable", str(exc))
    except ArticleError as exc:
        quarantine(exc.reason, exc.detail)
    return result
