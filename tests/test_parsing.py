from __future__ import annotations

import gzip
import json
import time
from datetime import date

from transforms.parsing import (
    QUARANTINE_REASONS,
    article_id_for,
    content_digest,
    decode_bytes,
    guess_language,
    is_article_path,
    normalise_language,
    parse_file,
    sidecar_path,
    strip_markdown_links,
)


def only_article(result):
    assert result.quarantined == []
    assert len(result.articles) == 1
    return result.articles[0]


def test_front_matter_gives_metadata_and_is_not_part_of_the_text():
    data = (
        b"---\ntitle: Talks in Brussels\npublished: 2025-02-13\nurl: https://x.test/a\n---\n"
        b"Mr Rutte spoke.\n"
    )
    article = only_article(parse_file("inbox/a.md", data))
    assert article.title == "Talks in Brussels"
    assert article.published_date == date(2025, 2, 13)
    assert article.published_source == "metadata"
    assert article.url == "https://x.test/a"
    assert article.text == "Mr Rutte spoke."
    assert article.external_id == "a"


def test_sidecar_metadata_applies_to_the_text_file():
    sidecar = json.dumps({"published": "2025-02-13", "title": "T", "id": "story-7"}).encode()
    article = only_article(parse_file("in/story.txt", b"Body text.", sidecar=sidecar))
    assert (article.published_date, article.title, article.external_id) == (
        date(2025, 2, 13),
        "T",
        "story-7",
    )
    assert sidecar_path("in/story.txt") == "in/story.meta.json"
    assert not is_article_path("in/story.meta.json")
    assert is_article_path("in/feed.jsonl.gz")


def test_publication_date_falls_back_to_path_then_dateline_never_the_clock():
    by_path = only_article(parse_file("news/2024-11-05/story.txt", b"Polls opened."))
    assert (by_path.published_date, by_path.published_source) == (date(2024, 11, 5), "path")
    by_dateline = only_article(
        parse_file("news/story.txt", b"LONDON, March 3, 2021 - Markets fell.")
    )
    assert (by_dateline.published_date, by_dateline.published_source) == (
        date(2021, 3, 3),
        "dateline",
    )
    unknown = only_article(parse_file("news/story.txt", b"Markets fell."))
    assert (unknown.published_date, unknown.published_source) == (None, "unknown")


def test_markdown_images_and_links_are_reduced_to_their_text():
    assert strip_markdown_links("See [the report](https://x.test/r) ![a chart](c.png)") == (
        "See the report a chart"
    )
    article = only_article(parse_file("a.txt", b"Text.\n![](https://x.test/i.jpeg)\n"))
    assert article.text == "Text."


def test_same_content_with_other_line_endings_has_the_same_identity():
    a = only_article(parse_file("a.txt", b"One.\nTwo.\n"))
    b = only_article(parse_file("b.txt", b"One.  \r\nTwo.\r\n\r\n"))
    assert a.article_id == b.article_id == article_id_for("One.\nTwo.")
    assert a.content_sha256 != b.content_sha256


def test_jsonl_loads_good_lines_and_quarantines_the_bad_one_with_its_line_number():
    lines = [
        json.dumps({"id": "n1", "maintext": "First story.", "date_publish": "2016-09-12 10:00:00"}),
        "{not json",
        json.dumps({"id": "n3", "title": "no text"}),
        json.dumps(
            {"id": "n4", "text": "Fourth story.", "dct": "1998-01-08", "source_domain": "x.test"}
        ),
    ]
    result = parse_file("feed.jsonl", "\n".join(lines).encode())
    assert [a.external_id for a in result.articles] == ["n1", "n4"]
    assert result.articles[0].published_date == date(2016, 9, 12)
    assert result.articles[1].source == "x.test"
    assert [(q.source_path, q.reason) for q in result.quarantined] == [
        ("feed.jsonl#line 2", "malformed_json"),
        ("feed.jsonl#line 3", "missing_text"),
    ]


def test_gzipped_jsonl_and_json_lists_are_read():
    packed = gzip.compress(json.dumps({"text": "Zipped."}).encode())
    assert only_article(parse_file("f.jsonl.gz", packed)).text == "Zipped."
    listed = parse_file("f.json", json.dumps([{"text": "A."}, {"text": "B."}]).encode())
    assert [(a.text, a.source_item) for a in listed.articles] == [
        ("A.", "item 0"),
        ("B.", "item 1"),
    ]


def test_bad_inputs_are_quarantined_with_a_reason():
    cases = {
        "empty.txt": (b"  \n", "empty"),
        "binary.txt": (b"\x00\x01\x02abc", "binary"),
        "gz.jsonl.gz": (b"not gzip", "undecodable"),
        "list.json": (b"[]", "missing_text"),
        "null.json": (b"null", "malformed_json"),
        "punct.txt": (b"... 12 34 !!!", "missing_text"),
        "front.md": (b"---\ntitle: [x\n---\nBody.", "malformed_metadata"),
        "page.html": (
            b"<html><head><style>p {}</style></head><body></body></html>",
            "missing_text",
        ),
        "notes.pdf": (b"%PDF-1.4 text", "unsupported"),
        "broken.json": (b'{"text": ', "malformed_json"),
        "notext.json": (b'{"title": "x"}', "missing_text"),
    }
    for name, (data, reason) in cases.items():
        result = parse_file(name, data)
        assert result.articles == [], name
        assert [(q.source_path, q.reason) for q in result.quarantined] == [(name, reason)]
        assert reason in QUARANTINE_REASONS
    big = parse_file("big.txt", b"x" * 101, max_bytes=100)
    assert big.quarantined[0].reason == "oversized"
    assert "101 bytes" in big.quarantined[0].detail


def test_utf16_with_bom_is_decoded():
    article = only_article(parse_file("u.txt", "Zelenskiy said “yes”.".encode("utf-16")))
    assert article.text == "Zelenskiy said “yes”."


def test_latin1_is_decoded_and_broken_utf8_is_replaced_and_flagged():
    latin = only_article(parse_file("latin.txt", b"caf\xe9 au lait"))
    assert (latin.text, latin.encoding, latin.decode_replacements) == ("café au lait", "cp1252", 0)
    # cp1252 quotes after ß form one valid UTF-8 pair by chance: still an 8-bit file
    german = "„Fuß“ sagte er, die Straße sei für alle Bürger offen.".encode("cp1252")
    assert decode_bytes(german).text == "„Fuß“ sagte er, die Straße sei für alle Bürger offen."
    broken = parse_file("b.txt", "Kyiv – “yes”.".encode() + b"\xc3" + b" End.")
    [article] = broken.articles
    assert article.text == "Kyiv – “yes”.\ufffd End."
    assert (article.encoding, article.decode_replacements) == ("utf-8", 1)
    [note] = broken.notes
    assert (note.source_path, note.kind) == ("b.txt", "replaced_bytes")
    assert note.detail == (
        "1 invalid utf-8 byte sequence(s) replaced with U+FFFD, the first at byte 19"
    )
    # a U+FFFD that was in the input is not a replacement
    genuine = decode_bytes("a \ufffd b é".encode() + b"\xff")
    assert genuine.replacements == 1


def test_utf16_without_bom_and_utf32_are_decoded():
    assert decode_bytes("Plain words.".encode("utf-16-le")).text == "Plain words."
    assert decode_bytes("Plain words.".encode("utf-16-be")).encoding == "utf-16-be"
    assert decode_bytes("Zürich “32”".encode("utf-32")).text == "Zürich “32”"


def test_control_characters_and_lone_surrogates_are_normalised_away():
    article = only_article(parse_file("x.json", b'{"text": "A \\ud800 b\\u0000c\\u000bd"}'))
    assert article.text == "A \ufffd bc\nd"
    article.text.encode("utf-8")


def test_json_text_may_be_a_list_of_paragraphs():
    data = json.dumps({"text": ["First paragraph.", "Second one."]}).encode()
    assert only_article(parse_file("p.json", data)).text == "First paragraph.\n\nSecond one."


def test_max_chars_quarantines_texts_longer_than_the_model_takes():
    result = parse_file("long.txt", b"word " * 1000, max_chars=100)
    assert result.articles == []
    [row] = result.quarantined
    assert (row.reason, row.detail) == ("oversized", "text has 4999 characters > limit 100")


def test_a_bad_metadata_date_is_ignored_not_fatal_and_noted():
    result = parse_file("2025-02-28/a.md", b"---\ntitle: X\npublished: 2025-02-30\n---\nBody.")
    article = only_article(result)
    assert (article.title, article.published_date, article.published_source) == (
        "X",
        date(2025, 2, 28),
        "path",
    )
    [note] = result.notes
    assert (note.source_path, note.kind, note.detail) == (
        "2025-02-28/a.md",
        "unreadable_date",
        "metadata date '2025-02-30' is not a date; the publication date comes from the file's path",
    )


def test_a_bad_metadata_date_notes_each_record_and_what_dated_it_instead():
    lines = [
        {"text": "LONDON, 3 March 2025 - Rates fell.", "date": "yesterday"},
        {"text": "Rates rose.", "date": "2025-03-04"},
        {"text": "Rates held.", "date": 20250305},
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    result = parse_file("feed/wire.jsonl", data)
    assert [(a.published_date, a.published_source) for a in result.articles] == [
        (date(2025, 3, 3), "dateline"),
        (date(2025, 3, 4), "metadata"),
        (None, "unknown"),
    ]
    assert [(n.source_path, n.detail) for n in result.notes] == [
        (
            "feed/wire.jsonl#line 1",
            "metadata date 'yesterday' is not a date; the publication date comes from the dateline",
        ),
        (
            "feed/wire.jsonl#line 3",
            "metadata date '20250305' is not a date; the publication date is unknown, so "
            "relative dates stay unresolved",
        ),
    ]


def test_language_from_metadata_or_a_cheap_guess():
    assert [normalise_language(v) for v in ("en-GB", "EN", "pt_BR", None, "")] == [
        "en",
        "en",
        "pt",
        None,
        None,
    ]
    assert guess_language("Il presidente ha detto che non è stato possibile") == "it"
    assert (
        guess_language("El presidente dijo que los acuerdos fueron buenos para las partes") == "es"
    )
    assert guess_language("Ο πρωθυπουργός δήλωσε") == "el"
    assert guess_language("Прем'єр-міністр заявив, що їхні") == "uk"
    assert guess_language("OK") is None
    meta = only_article(parse_file("x.json", json.dumps({"text": "Hi.", "lang": "de-AT"}).encode()))
    assert meta.language == "de"


def test_html_with_an_xml_declaration_and_a_sidecar():
    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html><body><article><p>'
        + "The minister said the talks in Brussels went well. " * 5
        + "</p></article></body></html>"
    ).encode()
    sidecar = json.dumps({"published": "2025-02-13", "id": "p-1"}).encode()
    article = only_article(parse_file("news/page.html", page, sidecar=sidecar))
    assert article.text.startswith("The minister said the talks in Brussels went well.")
    assert (article.external_id, str(article.published_date)) == ("p-1", "2025-02-13")
    assert article.content_sha256 == content_digest(page, sidecar) != content_digest(page)
    assert sidecar_path("news/page.html") == "news/page.meta.json"


def test_hostile_text_is_parsed_verbatim():
    hostile = "'); DROP TABLE articles; --\n<script>alert(1)</script>\n{{ user.name }} {% x %}"
    for name in ("h.txt", "h.md"):
        assert only_article(parse_file(name, hostile.encode())).text == hostile
    data = json.dumps({"text": hostile, "title": "<b>{{t}}</b>"}).encode()
    article = only_article(parse_file("h.jsonl", data))
    assert (article.text, article.title) == (hostile, "<b>{{t}}</b>")


def test_pathological_markdown_brackets_stay_fast():
    started = time.perf_counter()
    for text in ("[" * 1_000_000, "![" * 500_000, "[a](" * 250_000):
        assert strip_markdown_links(text) == text
    assert time.perf_counter() - started < 2


def test_replacements_in_jsonl_are_counted_per_line_and_noted_once():
    data = (
        b'{"text": "Good line."}\n{"text": "Bad \xff\xfe line \xc3."}\n'
        + '{"text": "Fine, café “ok” – yes."}'.encode()
    )
    result = parse_file("r.jsonl", data)
    assert [(a.text, a.decode_replacements) for a in result.articles] == [
        ("Good line.", 0),
        ("Bad \ufffd\ufffd line \ufffd.", 3),
        ("Fine, café “ok” – yes.", 0),
    ]
    assert [(n.kind, n.detail) for n in result.notes] == [
        (
            "replaced_bytes",
            "3 invalid utf-8 byte sequence(s) replaced with U+FFFD, the first at byte 37",
        )
    ]
