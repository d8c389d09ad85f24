from __future__ import annotations

import gzip
import json
from datetime import date

from transforms.parsing import (
    article_id_for,
    is_article_path,
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
        "latin.txt": (b"caf\xe9 au lait", "undecodable"),
        "broken.json": (b'{"text": ', "malformed_json"),
        "notext.json": (b'{"title": "x"}', "missing_text"),
    }
    for name, (data, reason) in cases.items():
        result = parse_file(name, data)
        assert result.articles == [], name
        assert [(q.source_path, q.reason) for q in result.quarantined] == [(name, reason)]
    big = parse_file("big.txt", b"x" * 101, max_bytes=100)
    assert big.quarantined[0].reason == "oversized"
    assert "101 bytes" in big.quarantined[0].detail


def test_utf16_with_bom_is_decoded():
    article = only_article(parse_file("u.txt", "Zelenskiy said “yes”.".encode("utf-16")))
    assert article.text == "Zelenskiy said “yes”."
