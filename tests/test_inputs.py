"""Every bad input of issue 10 through the real inbox reader (no spaCy, no Prefect).

One inbox folder holds all the cases next to good files; `read_inbox` reads it once
and each test checks one file: the article loaded (text, metadata) or its quarantine
row (reason, detail).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import polars as pl
import pytest

from flows.inbox import Inbox, discover_files, read_files, read_inbox
from transforms.parsing import DEFAULT_MAX_CHARS, QUARANTINE_REASONS, article_id_for

MAX_BYTES = 4 * 1024 * 1024
KNOWN_SCHEMA = {
    "source_path": pl.String,
    "source_item": pl.String,
    "content_sha256": pl.String,
    "article_id": pl.String,
}
HOSTILE = "'); DROP TABLE articles; --\n<script>alert('x')</script> {{ 7*7 }} {% if %} ${HOME}"
GOOD = "Mr Rutte spoke in Brussels on Monday about the talks."
LONG_LINE_WORDS = 600_000  # "word " * this: a single line of 3 MB


def empty_known() -> pl.DataFrame:
    return pl.DataFrame(schema=KNOWN_SCHEMA)


def write(folder: Path, name: str | bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


HTML_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Talks in Brussels | The Test Times</title>
  <meta name="author" content="Jane Reporter">
  <meta property="article:published_time" content="2025-02-13T09:30:00Z">
  <meta property="og:site_name" content="The Test Times">
  <link rel="canonical" href="https://times.test/2025/talks">
  <style>body { color: red } .STYLE_CONTENT { display: none }</style>
  <script>var SCRIPT_CONTENT = "secret"; document.write("SCRIPT_CONTENT");</script>
</head>
<body>
  <nav><a href="/">Home</a> | <a href="/news">News</a></nav>
  <article>
    <h1>Talks in Brussels</h1>
    <p>NATO Secretary General Mark Rutte said on Thursday that the alliance would stand
    by Ukraine, as ministers gathered in Brussels for two days of talks.</p>
    <script>trackReader("INLINE_SCRIPT_CONTENT");</script>
    <p>"We will not decide about Ukraine without Ukraine," he told reporters, adding that
    the talks were &lt;script&gt;-free and {{ template }} safe.</p>
    <style>.INLINE_STYLE_CONTENT { color: blue }</style>
  </article>
  <footer>Copyright 2019 The Test Times</footer>
</body>
</html>
"""


def build_inbox(root: Path) -> Path:
    inbox = root / "inbox"
    w = lambda name, data: write(inbox, name, data)  # noqa: E731
    w("good.txt", GOOD.encode())
    w("empty.txt", b"")
    w("blank.md", b"  \n\t \r\n\n")
    w("unicode-blank.txt", "\u00a0\u2003\n".encode())
    w("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)) * 4)
    w("controls.txt", bytes(range(1, 32)) * 200)
    w("broken-utf8.txt", "Zelenskiy said “yes” in Kyiv ".encode() + b"\xff\xfe" + b"today.")
    w("utf16.txt", "Zelenskiy said “yes” in Kyiv.".encode("utf-16"))
    w("utf16be.md", b"\xfe\xff" + "Élysée talks resumed.".encode("utf-16-be"))
    w("latin1.txt", "Le café était fermé à Genève, dit Müller.".encode("latin-1"))
    w("cp1252.txt", b"He said \x93we will win\x94 \x96 and left \x80 5.")
    w("long-line.txt", b"word " * LONG_LINE_WORDS)
    w("oversized.txt", b"x" * (MAX_BYTES + 1))
    lines = [
        json.dumps({"id": "n1", "maintext": "First story.", "date_publish": "2016-09-12"}),
        "{not json",
        json.dumps({"id": "n3", "title": "no text here"}),
        json.dumps({"id": "n4", "text": "Fourth story.", "dct": "1998-01-08"}),
    ]
    w("feed.jsonl", "\n".join(lines).encode())
    w("notext.json", json.dumps({"title": "A headline", "url": "https://x.test/a"}).encode())
    w("deep.json", b"[" * 200_000 + b"]" * 200_000)
    w("empty-list.json", b"[]")
    w("bomb.jsonl.gz", gzip.compress(b" " * (MAX_BYTES + 10)))
    w("bad.jsonl.gz", b"this is not gzip at all")
    w("no-letters.txt", b"... !!! --- 12 34, 56.78 %%% ***")
    w("no-sentences.txt", b"breaking news headline without a full stop")
    w("unbalanced.txt", 'He said "we will win. She replied \u201cnever'.encode())
    w(
        "german.txt",
        "Der Kanzler sagte am Montag, die Gespräche mit der Opposition seien gut verlaufen "
        "und man werde sich auf einen Kompromiss einigen, der auch für die Länder gilt.".encode(),
    )
    w("russian.txt", "Президент заявил, что переговоры были выгодными для обеих сторон.".encode())
    w("japanese.txt", "首相は月曜日、記者団に対し、交渉は順調に進んでいると述べた。".encode())
    w(
        "french.md",
        "---\nlanguage: fr-FR\ntitle: Genève\n---\nLe ministre a parlé.\n".encode(),
    )
    w("page.html", HTML_PAGE.encode())
    w(
        "latin1-page.htm",
        (
            '<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1252"><title>Caf\xe9</title></head><body><article><p>'
            + "Le caf\xe9 \u201cChez L\xe9on\u201d a rouvert ses portes apr\xe8s trois ans "
            "de travaux, a annonc\xe9 le maire de Gen\xe8ve lors d'une conf\xe9rence. "
            * 3
            + "</p></article></body></html>"
        ).encode("cp1252"),
    )
    w("script-only.html", b"<html><head><script>var a = 1;</script></head><body></body></html>")
    w("hostile.txt", HOSTILE.encode())
    w("hostile.json", json.dumps({"id": "h1", "text": HOSTILE}).encode())
    w("story with spaces é ü 日本.txt", "Café owners in Zürich protested.".encode())
    w(b"caf\xe9-latin1-name.txt", b"A file whose name is not UTF-8.")
    w("nested/a/b/c/2024-11-05/deep.txt", b"Polls opened across the country.")
    w("bad-sidecar.txt", b"The sidecar of this story is broken.")
    w("bad-sidecar.meta.json", b'{"title": ')
    w("good-sidecar.txt", b"Markets fell sharply.")
    w("good-sidecar.meta.json", json.dumps({"published": "2025-02-13", "id": "s-1"}).encode())
    w("bad-date.txt", b"Rates were cut on Monday.")
    w("bad-date.meta.json", json.dumps({"published": "next Tuesday"}).encode())
    w("bad-front-matter.md", b"---\ntitle: [unclosed\n---\nBody text.")
    w("rule.md", b"---\nA paragraph between two rules.\n---\nMore text.")
    w(".hidden/secret.txt", b"Hidden folders are skipped.")
    w("._story.txt", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
    (inbox / "loop-a.txt").symlink_to("loop-b.txt")
    (inbox / "loop-b.txt").symlink_to("loop-a.txt")
    (inbox / "self-loop.txt").symlink_to("self-loop.txt")
    (inbox / "dangling.txt").symlink_to("no-such-target.txt")
    (inbox / "linked-good.txt").symlink_to("good.txt")
    (inbox / "nested" / "back-to-top").symlink_to("..", target_is_directory=True)
    (inbox / "nested" / "a" / "loop").symlink_to(inbox / "nested", target_is_directory=True)
    os.mkfifo(inbox / "fifo.txt")
    return inbox


@pytest.fixture(scope="module")
def inbox_dir(tmp_path_factory) -> Path:
    return build_inbox(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def read(inbox_dir) -> Inbox:
    return read_inbox([str(inbox_dir)], empty_known(), max_bytes=MAX_BYTES, reprocess=False)


def name_of(path: str, inbox_dir: Path) -> str:
    return os.path.relpath(path.split("#", 1)[0], inbox_dir) + (
        "#" + path.split("#", 1)[1] if "#" in path else ""
    )


def article(read: Inbox, inbox_dir: Path, name: str, item: str = ""):
    found = [
        a
        for a in read.parsed
        if name_of(a.source_path, inbox_dir) == name and a.source_item == item
    ]
    assert len(found) == 1, (name, [name_of(a.source_path, inbox_dir) for a in read.parsed])
    return found[0]


def quarantined(read: Inbox, inbox_dir: Path, name: str):
    found = [q for q in read.quarantined if name_of(q.source_path, inbox_dir) == name]
    assert len(found) == 1, (name, [name_of(q.source_path, inbox_dir) for q in read.quarantined])
    return found[0]


def assert_quarantined(read, inbox_dir, name, reason, *details):
    row = quarantined(read, inbox_dir, name)
    assert row.reason == reason, (name, row)
    assert row.reason in QUARANTINE_REASONS
    for detail in details:
        assert detail in row.detail, (name, row.detail)
    assert not [a for a in read.parsed if name_of(a.source_path, inbox_dir) == name]
    return row


def test_good_files_load_beside_the_bad_ones(read, inbox_dir):
    assert article(read, inbox_dir, "good.txt").text == GOOD
    assert article(read, inbox_dir, "linked-good.txt").text == GOOD  # a symlinked file is read
    loaded = {name_of(a.source_path, inbox_dir) for a in read.parsed}
    quarantined_names = {name_of(q.source_path, inbox_dir) for q in read.quarantined}
    assert loaded.isdisjoint({q.split("#")[0] for q in quarantined_names} - {"feed.jsonl"})
    assert len(loaded) == 24
    assert len(read.quarantined) == 23
    # every article file is accounted for: loaded or quarantined (hidden ones are not seen)
    assert read.files_seen == len(loaded | {q.split("#")[0] for q in quarantined_names}) == 45
    for a in read.parsed:
        assert a.text and a.text == a.text.strip()
        assert a.article_id == article_id_for(a.text)


def test_empty_and_whitespace_only_files(read, inbox_dir):
    assert_quarantined(read, inbox_dir, "empty.txt", "empty", "file is empty")
    assert_quarantined(read, inbox_dir, "blank.md", "empty", "whitespace only (8 bytes)")
    assert_quarantined(read, inbox_dir, "unicode-blank.txt", "empty", "whitespace only")


def test_binary_files(read, inbox_dir):
    row = assert_quarantined(read, inbox_dir, "binary.txt", "binary", "NUL byte", "first at byte 8")
    assert row.content_sha256 is not None
    assert_quarantined(read, inbox_dir, "controls.txt", "binary", "control bytes")


def test_invalid_utf8_is_replaced_loaded_and_flagged(read, inbox_dir):
    loaded = article(read, inbox_dir, "broken-utf8.txt")
    assert loaded.text == "Zelenskiy said “yes” in Kyiv \ufffd\ufffdtoday."
    assert (loaded.encoding, loaded.decode_replacements) == ("utf-8", 2)
    [note] = [n for n in read.notes if name_of(n.source_path, inbox_dir) == "broken-utf8.txt"]
    assert note.kind == "replaced_bytes"
    assert "2 invalid utf-8 byte sequence(s) replaced with U+FFFD" in note.detail
    assert "first at byte 33" in note.detail
    assert all(n.kind != "replaced_bytes" for n in read.notes if n is not note)


def test_utf16_with_bom_is_decoded(read, inbox_dir):
    le = article(read, inbox_dir, "utf16.txt")
    assert (le.text, le.encoding, le.decode_replacements) == (
        "Zelenskiy said “yes” in Kyiv.",
        "utf-16",
        0,
    )
    assert article(read, inbox_dir, "utf16be.md").text == "Élysée talks resumed."


def test_latin1_and_cp1252_are_decoded_not_replaced(read, inbox_dir):
    latin = article(read, inbox_dir, "latin1.txt")
    assert latin.text == "Le café était fermé à Genève, dit Müller."
    assert (latin.encoding, latin.decode_replacements) == ("cp1252", 0)
    assert article(read, inbox_dir, "cp1252.txt").text == "He said “we will win” – and left € 5."


def test_a_single_line_of_several_megabytes_is_quarantined_or_loads_as_configured(read, inbox_dir):
    chars = 5 * LONG_LINE_WORDS - 1
    # by default longer than the model takes (spaCy's max_length): quarantined, not a crash
    assert_quarantined(
        read,
        inbox_dir,
        "long-line.txt",
        "oversized",
        f"text has {chars} characters > limit {DEFAULT_MAX_CHARS}",
    )
    alone = read_inbox(
        [str(inbox_dir / "long-line.txt")],
        empty_known(),
        max_bytes=MAX_BYTES,
        reprocess=False,
        max_chars=None,
    )
    [long] = alone.parsed
    assert len(long.text) == chars
    assert "\n" not in long.text
    assert long.text.startswith("word word")


def test_oversized_file_is_quarantined_unread(read, inbox_dir):
    row = assert_quarantined(
        read, inbox_dir, "oversized.txt", "oversized", f"{MAX_BYTES + 1} bytes > limit {MAX_BYTES}"
    )
    assert row.content_sha256 is None  # never read into memory
    assert_quarantined(read, inbox_dir, "bomb.jsonl.gz", "oversized", "unpacked")


def test_jsonl_good_lines_load_and_bad_lines_are_quarantined_with_their_number(read, inbox_dir):
    first = article(read, inbox_dir, "feed.jsonl", "line 1")
    fourth = article(read, inbox_dir, "feed.jsonl", "line 4")
    assert (first.external_id, first.text, str(first.published_date)) == (
        "n1",
        "First story.",
        "2016-09-12",
    )
    assert (fourth.external_id, fourth.text) == ("n4", "Fourth story.")
    bad = quarantined(read, inbox_dir, "feed.jsonl#line 2")
    assert (bad.reason, bad.detail.startswith("line 2 column ")) == ("malformed_json", True)
    missing = quarantined(read, inbox_dir, "feed.jsonl#line 3")
    assert missing.reason == "missing_text"
    assert missing.detail.startswith("line 3: no text field")


def test_json_without_text_and_malformed_json(read, inbox_dir):
    assert_quarantined(read, inbox_dir, "notext.json", "missing_text", "no text field", "maintext")
    assert_quarantined(read, inbox_dir, "deep.json", "malformed_json", "nested too deeply")
    assert_quarantined(read, inbox_dir, "empty-list.json", "missing_text", "JSON list is empty")
    assert_quarantined(read, inbox_dir, "bad.jsonl.gz", "undecodable", "bad gzip")


def test_text_without_letters_or_sentences(read, inbox_dir):
    assert_quarantined(read, inbox_dir, "no-letters.txt", "missing_text", "text has no letters")
    assert article(read, inbox_dir, "no-sentences.txt").text == (
        "breaking news headline without a full stop"
    )
    assert article(read, inbox_dir, "unbalanced.txt").text == (
        'He said "we will win. She replied \u201cnever'
    )


def test_non_english_text_loads_with_its_language(read, inbox_dir):
    german = article(read, inbox_dir, "german.txt")
    assert german.language == "de"
    assert german.text.startswith("Der Kanzler sagte am Montag, die Gespräche")
    assert article(read, inbox_dir, "russian.txt").language == "ru"
    assert article(read, inbox_dir, "japanese.txt").language == "ja"
    french = article(read, inbox_dir, "french.md")
    assert (french.language, french.title, french.text) == ("fr", "Genève", "Le ministre a parlé.")
    assert article(read, inbox_dir, "good.txt").language is None  # too short to tell


def test_html_main_text_and_metadata_without_scripts_or_styles(read, inbox_dir):
    page = article(read, inbox_dir, "page.html")
    assert "Mark Rutte said on Thursday that the alliance would stand by Ukraine" in page.text
    assert '"We will not decide about Ukraine without Ukraine," he told reporters' in page.text
    assert "<script>-free and {{ template }} safe." in page.text  # escaped text stays text
    for leaked in ("SCRIPT_CONTENT", "STYLE_CONTENT", "color:", "Home", "Copyright 2019"):
        assert leaked not in page.text
    assert (page.title, page.author, page.url, page.source, page.language) == (
        "Talks in Brussels",
        "Jane Reporter",
        "https://times.test/2025/talks",
        "The Test Times",
        "en",
    )
    assert (str(page.published_date), page.published_source) == ("2025-02-13", "metadata")
    latin = article(read, inbox_dir, "latin1-page.htm")
    assert latin.text.startswith("Le café “Chez Léon” a rouvert ses portes après trois ans")
    assert (latin.encoding, latin.decode_replacements) == ("cp1252", 0)
    assert latin.language == "fr"
    assert_quarantined(read, inbox_dir, "script-only.html", "missing_text", "no main text")


def test_hostile_text_loads_verbatim(read, inbox_dir):
    assert article(read, inbox_dir, "hostile.txt").text == HOSTILE
    from_json = article(read, inbox_dir, "hostile.json")
    assert (from_json.text, from_json.external_id) == (HOSTILE, "h1")
    assert from_json.article_id == article(read, inbox_dir, "hostile.txt").article_id


def test_file_names_with_spaces_non_ascii_and_non_utf8_bytes(read, inbox_dir):
    spaced = article(read, inbox_dir, "story with spaces é ü 日本.txt")
    assert (spaced.text, spaced.external_id) == (
        "Café owners in Zürich protested.",
        "story with spaces é ü 日本",
    )
    latin_name = article(read, inbox_dir, "caf\\xe9-latin1-name.txt")
    assert latin_name.text == "A file whose name is not UTF-8."
    latin_name.source_path.encode("utf-8")  # storable: no surrogate escapes


def test_nested_folders_are_read_recursively(read, inbox_dir):
    deep = article(read, inbox_dir, "nested/a/b/c/2024-11-05/deep.txt")
    assert (str(deep.published_date), deep.published_source) == ("2024-11-05", "path")


def test_symlink_loops_neither_hang_nor_crash(read, inbox_dir):
    for name in ("loop-a.txt", "loop-b.txt", "self-loop.txt"):
        assert_quarantined(read, inbox_dir, name, "unreadable", "Too many levels of symbolic links")
    assert_quarantined(read, inbox_dir, "dangling.txt", "unreadable", "No such file or directory")
    folders = sorted(
        (name_of(n.source_path, inbox_dir), n.detail)
        for n in read.notes
        if n.kind == "symlinked_folder"
    )
    assert [name for name, _ in folders] == ["nested/a/loop", "nested/back-to-top"]
    assert "not followed (-> ..)" in folders[1][1]
    # the nested file is read once, not once per way round the loop
    assert [a for a in read.parsed if a.source_path.endswith("deep.txt")].__len__() == 1


def test_fifo_is_rejected_without_blocking(read, inbox_dir):
    assert_quarantined(read, inbox_dir, "fifo.txt", "unreadable", "not a regular file (a FIFO)")


def test_sidecars_and_front_matter(read, inbox_dir):
    assert_quarantined(
        read, inbox_dir, "bad-sidecar.txt", "malformed_json", "sidecar .meta.json: line 1"
    )
    good = article(read, inbox_dir, "good-sidecar.txt")
    assert (good.external_id, str(good.published_date), good.published_source) == (
        "s-1",
        "2025-02-13",
        "metadata",
    )
    assert_quarantined(
        read, inbox_dir, "bad-front-matter.md", "malformed_metadata", "bad YAML front matter"
    )
    # a date that is no date: the article loads, undated, and the run says why
    undated = article(read, inbox_dir, "bad-date.txt")
    assert (undated.published_date, undated.published_source) == (None, "unknown")
    [note] = [n for n in read.notes if name_of(n.source_path, inbox_dir) == "bad-date.txt"]
    assert (note.kind, note.detail) == (
        "unreadable_date",
        "metadata date 'next Tuesday' is not a date; the publication date is unknown, so "
        "relative dates stay unresolved",
    )
    rule = article(read, inbox_dir, "rule.md")
    assert rule.text == "---\nA paragraph between two rules.\n---\nMore text."


def test_hidden_files_and_folders_are_skipped_with_a_note(read, inbox_dir):
    assert not [a for a in read.parsed if "Hidden folders" in a.text]
    assert not [q for q in read.quarantined if ".hidden" in q.source_path]
    hidden = [name_of(n.source_path, inbox_dir) for n in read.notes if n.kind == "hidden"]
    assert hidden == ["._story.txt"]


def test_publication_date_never_comes_from_the_clock_or_mtime(read, inbox_dir):
    os.utime(inbox_dir / "good.txt", (1_000_000_000, 1_000_000_000))
    for a in read.parsed:
        if a.published_source == "unknown":
            assert a.published_date is None
    again = read_inbox(
        [str(inbox_dir / "good.txt")], empty_known(), max_bytes=MAX_BYTES, reprocess=False
    )
    assert (again.parsed[0].published_date, again.parsed[0].published_source) == (None, "unknown")


def test_a_changed_sidecar_makes_its_file_count_as_changed(tmp_path):
    story = write(tmp_path, "story.txt", b"Markets fell.")
    write(tmp_path, "story.meta.json", b'{"published": "2025-02-01"}')
    first = read_inbox([str(tmp_path)], empty_known(), max_bytes=MAX_BYTES, reprocess=False)
    [loaded] = first.parsed
    known = pl.DataFrame(
        [
            {
                "source_path": loaded.source_path,
                "source_item": loaded.source_item,
                "content_sha256": loaded.content_sha256,
                "article_id": loaded.article_id,
            }
        ],
        schema=KNOWN_SCHEMA,
    )
    unchanged = read_inbox([str(tmp_path)], known, max_bytes=MAX_BYTES, reprocess=False)
    assert (unchanged.parsed, unchanged.skipped_paths) == ([], {loaded.source_path})
    write(tmp_path, "story.meta.json", b'{"published": "2025-02-13"}')
    fixed = read_inbox([str(tmp_path)], known, max_bytes=MAX_BYTES, reprocess=False)
    assert str(fixed.parsed[0].published_date) == "2025-02-13"
    assert story.read_bytes() == b"Markets fell."


def test_files_deleted_or_unreadable_between_discovery_and_reading(tmp_path):
    write(tmp_path, "stays.txt", b"This one stays.")
    deleted = write(tmp_path, "deleted.txt", b"This one is deleted.")
    locked = write(tmp_path, "locked.txt", b"This one is chmod 000.")
    became_folder = write(tmp_path, "became-folder.txt", b"This one turns into a folder.")
    write(tmp_path, "sidecar-gone.txt", b"Its sidecar becomes unreadable.")
    sidecar = write(tmp_path, "sidecar-gone.meta.json", b'{"title": "T"}')
    discovered = discover_files([str(tmp_path)])
    assert len(discovered.files) == 5
    deleted.unlink()
    locked.chmod(0)
    became_folder.unlink()
    became_folder.mkdir()
    sidecar.unlink()
    sidecar.symlink_to("gone.json")  # there, but dangling
    result = read_files(discovered, empty_known(), max_bytes=MAX_BYTES, reprocess=False)
    rows = {Path(q.source_path).name: (q.reason, q.detail) for q in result.quarantined}
    assert rows["deleted.txt"] == ("unreadable", "[Errno 2] No such file or directory")
    assert rows["became-folder.txt"] == ("unreadable", "not a regular file (a folder)")
    assert rows["sidecar-gone.txt"] == (
        "unreadable",
        "sidecar sidecar-gone.meta.json: [Errno 2] No such file or directory",
    )
    loaded = {Path(a.source_path).name for a in result.parsed}
    if os.geteuid() == 0:  # root reads through chmod 000: nothing to quarantine
        assert loaded == {"stays.txt", "locked.txt"}
    else:
        assert rows["locked.txt"] == ("unreadable", "[Errno 13] Permission denied")
        assert loaded == {"stays.txt"}
    assert result.files_seen == 5


def test_missing_inbox_entries_are_quarantined(tmp_path):
    result = read_inbox(
        [str(tmp_path / "nope"), str(tmp_path)], empty_known(), max_bytes=10, reprocess=False
    )
    assert [(q.reason, q.detail) for q in result.quarantined] == [
        ("unreadable", "no such file or folder")
    ]
    assert result.files_seen == 0
