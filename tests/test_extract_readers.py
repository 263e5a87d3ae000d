"""Reading documents for extraction: text, HTML, JSONL, folders, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.dateline import dateline_date, parse_full_date
from kg.extract.readers import ReadIssue, iter_documents, looks_english, title_line

# Our own sentences, written for these tests.
ENGLISH = (
    "The armed group said in a statement on Sunday that it would answer the strike on its "
    "base, and it warned that the forces of the coalition were responsible for the attack. "
    "A spokesman for the government said that the country would not be a field for the "
    "conflicts of others and called on all sides to show restraint."
)
FRENCH = (
    "Le groupe armé a déclaré dimanche dans un communiqué qu'il répondrait à la frappe "
    "contre sa base, et il a averti que les forces de la coalition étaient responsables de "
    "l'attaque. Un porte-parole du gouvernement a affirmé que le pays ne serait pas un "
    "terrain pour les conflits des autres et a appelé toutes les parties à la retenue."
)
SPANISH = (
    "El grupo armado dijo el domingo en un comunicado que respondería al ataque contra su "
    "base y advirtió que las fuerzas de la coalición eran responsables del ataque. Un "
    "portavoz del gobierno afirmó que el país no sería un campo para los conflictos de "
    "otros y pidió moderación a todas las partes."
)


def read(inputs, **options) -> tuple[list, list[ReadIssue]]:
    issues: list[ReadIssue] = []
    docs = list(iter_documents(inputs, on_issue=issues.append, **options))
    return docs, issues


def warnings(issues: list[ReadIssue]) -> list[ReadIssue]:
    return [i for i in issues if i.level == "warning"]


# --- plain text ---------------------------------------------------------------------------


def test_text_file_with_headline_and_dateline(tmp_path: Path) -> None:
    text = f"Group vows to answer strike\n\nBAGHDAD, Jan 8, 2020 (Wire) - {ENGLISH}\n"
    (tmp_path / "01.txt").write_text(text, encoding="utf-8")
    docs, issues = read(tmp_path / "01.txt")
    assert issues == []
    [doc] = docs
    assert doc.doc_id == "01"
    assert doc.text == text  # untouched: evidence offsets refer to the file as it is
    assert doc.title == "Group vows to answer strike"
    assert doc.published == "2020-01-08"
    assert doc.path == str(tmp_path / "01.txt")


def test_text_without_headline_or_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    [doc], _ = read(tmp_path / "a.txt")
    assert doc.title is None and doc.published is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("BAGHDAD, Jan 8, 2020 (Wire) - The group said", "2020-01-08"),
        ("SANAA/DUBAI, January 12, 2024 (Wire) - Strikes hit", "2024-01-12"),
        ("Weekly digest\nBaghdad, 5 January 2024\n\nThe group said", "2024-01-05"),
        ("Posted by admin | 27/10/2024 | 4 min read", "2024-10-27"),
        ("Tehran Today - 26 December 2023", "2023-12-26"),
        ("Roundup of channel posts, 12-13 January", None),
        ("BAGHDAD (Wire) - Three rockets landed late on Monday", None),
        ("Short title\n" + "x " * 60 + "the base was hit on January 8, 2020 at night", None),
        ("Baghdad, 31 February 2024", None),
    ],
)
def test_dateline_date(head: str, expected: str | None) -> None:
    assert dateline_date(head) == expected


def test_parse_full_date_forms() -> None:
    assert parse_full_date("2024-01-05T09:30:00Z") == "2024-01-05"
    assert parse_full_date("Monday, March 16, 2025") == "2025-03-16"
    assert parse_full_date("5 Jan. 2024") == "2024-01-05"
    assert parse_full_date("10/27/2024") == "2024-10-27"
    assert parse_full_date("no date here") is None


@given(st.text(max_size=300))
def test_dateline_never_raises_and_gives_iso(text: str) -> None:
    found = dateline_date(text)
    assert found is None or parse_full_date(found) == found


def test_title_line() -> None:
    assert title_line("Headline here\nBody text.") == "Headline here"
    assert title_line("A whole sentence that ends.\nMore.") is None
    assert title_line("Only one line") is None


# --- HTML ---------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html><head>
<title>Militia warns of reprisals - Example News</title>
<meta property="og:title" content="Militia warns of reprisals">
<meta property="article:published_time" content="2024-01-05T09:30:00Z">
<link rel="canonical" href="https://news.example.org/militia-warns">
<style>body { color: red }</style><script>var said = "the script said";</script>
</head><body class="page has-sidebar">
<header><nav><ul><li>Home</li><li>World news menu</li></ul></nav></header>
<div id="cookie-banner">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<main><article>
<h1>Militia warns of reprisals</h1>
<p>The group said in a statement that it would respond to the strike on its base.</p>
<div class="share-tools"><a>Share on X</a> <a>Share on Facebook</a></div>
<p>The government condemned the attack<br>and called for calm and restraint.</p>
<aside class="related"><p>Related stories you may like</p></aside>
<div class="newsletter-signup"><p>Get our daily briefing in your inbox.</p></div>
<p>Subscribe to our newsletter</p>
</article></main>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer>
</body></html>
"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc], issues = read(tmp_path / "page.html")
    assert issues == []
    assert doc.doc_id == "page"
    assert doc.title == "Militia warns of reprisals"
    assert doc.published == "2024-01-05"
    assert doc.url == "https://news.example.org/militia-warns"
    assert doc.text == (
        "Militia warns of reprisals\n\n"
        "The group said in a statement that it would respond to the strike on its base.\n\n"
        "The government condemned the attack\nand called for calm and restraint."
    )
    for furniture in ("Home", "cookies", "Share", "Related", "briefing", "Subscribe", "script"):
        assert furniture not in doc.text


def test_html_without_article_uses_body_and_dateline(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Strike reactions</title></head><body>"
        "<div class='menu'><a>Home</a></div>"
        f"<p>BEIRUT, Oct 8, 2023 - {ENGLISH}</p></body></html>"
    )
    (tmp_path / "b.htm").write_text(page, encoding="utf-8")
    [doc], _ = read(tmp_path / "b.htm")
    assert doc.title == "Strike reactions"
    assert doc.text.startswith("Strike reactions\n\nBEIRUT, Oct 8, 2023 - The armed group")
    assert "Home" not in doc.text
    assert doc.published == "2023-10-08"


# --- JSONL ----------------------------------------------------------------------------------


def test_jsonl_documents_and_problems(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": ENGLISH, "url": "https://x.example/a", "title": "A"}),
        "{not json",
        json.dumps({"id": 7, "text": ENGLISH, "published": "2024-01-05", "lang": "en"}),
        "",
        json.dumps({"id": "c", "text": "BAGHDAD, Jan 8, 2020 - " + ENGLISH, "lang": "en"}),
        json.dumps({"text": ENGLISH}),
        json.dumps({"id": "e", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"id": "f", "text": ENGLISH, "published": "last week"}),
        json.dumps({"id": "a", "text": ENGLISH}),
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, issues = read(path)
    assert [d.doc_id for d in docs] == ["a", "7", "c", "f"]
    assert docs[0].url == "https://x.example/a" and docs[0].title == "A"
    assert docs[1].published == "2024-01-05"
    assert docs[2].published == "2020-01-08"  # from the dateline, no published field
    assert docs[3].published is None
    by_line = {(i.line, i.level): i.reason for i in issues}
    assert "malformed JSON" in by_line[(2, "warning")]
    assert "unknown fields ignored: lang" in by_line[(3, "note")]
    assert (5, "note") not in by_line  # the same unknown field is noted once
    assert "'id' is required" in by_line[(6, "warning")]
    assert "'text' is required" in by_line[(7, "warning")]
    assert "expected an object" in by_line[(8, "warning")]
    assert "not a date" in by_line[(9, "warning")]
    assert any("duplicate doc_id 'a'" in i.reason for i in issues)
    assert all(i.path == str(path) for i in issues)
    assert str(issues[0]).startswith(f"{path}:2: ")


def test_jsonl_long_lines_are_skipped_and_long_texts_sliced(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    huge = json.dumps({"id": "huge", "text": "word " * 30_000})  # over the line limit
    long = json.dumps({"id": "long", "title": "Long", "text": (ENGLISH + "\n\n") * 10})
    small = json.dumps({"id": "ok", "text": ENGLISH})
    path.write_text(f"{huge}\n{long}\n{small}\n", encoding="utf-8")
    docs, issues = read(path, max_bytes=1000)
    ids = [d.doc_id for d in docs]
    assert ids[-1] == "ok" and ids[:-1] == [f"long-slice{n:04d}" for n in range(1, len(ids))]
    assert all(len(d.text) <= 1000 for d in docs)
    assert "".join(d.text for d in docs[:-1]) == (ENGLISH + "\n\n") * 10  # nothing lost
    assert docs[0].title == "Long (1)" and docs[1].title == "Long (2)"
    assert issues[0].line == 1 and "too long" in issues[0].reason
    assert issues[1].line == 2 and "read in slices of at most 1,000" in issues[1].reason


# --- folders ------------------------------------------------------------------------------


def test_folder_is_recursive_sorted_and_skips_other_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "02.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "03.html").write_text(f"<p>{ENGLISH}</p>", encoding="utf-8")
    (tmp_path / "01.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    docs, issues = read(tmp_path)
    assert [d.doc_id for d in docs] == ["01", "03", "02"]
    assert [i.level for i in issues] == ["note"] and "1 files of other kinds" in issues[0].reason
    again, _ = read([tmp_path])
    assert again == docs


def test_missing_input(tmp_path: Path) -> None:
    docs, issues = read([tmp_path / "nope.txt"])
    assert docs == [] and issues[0].reason == "no such file or folder"


# --- bad input --------------------------------------------------------------------------------


def test_bad_files_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "01-empty.txt").write_text("  \n\n", encoding="utf-8")
    (tmp_path / "02-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "03-latin1.txt").write_bytes(
        ("Caf\u00e9 owners in the city said that the attack was a crime. " * 8).encode("cp1252")
    )
    (tmp_path / "04-french.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "05-spanish.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "06-good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "07-empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "08-controls.txt").write_bytes(bytes(range(1, 32)) * 40)
    docs, issues = read(tmp_path)
    assert [d.doc_id for d in docs] == ["03-latin1", "06-good"]
    assert docs[0].text.startswith("Caf") and "owners in the city said" in docs[0].text
    reasons = {Path(i.path).name: i.reason for i in issues}
    assert reasons["01-empty.txt"] == "empty file; skipped"
    assert "binary" in reasons["02-binary.txt"]
    assert "not UTF-8" in reasons["03-latin1.txt"] and "decoded as" in reasons["03-latin1.txt"]
    assert "does not look like English" in reasons["04-french.txt"]
    assert "does not look like English" in reasons["05-spanish.txt"]
    assert reasons["07-empty.jsonl"] == "empty file; skipped"
    assert "binary" in reasons["08-controls.txt"]
    assert all(i.level == "warning" for i in issues)


def test_language_check_can_be_turned_off(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    docs, issues = read(tmp_path, check_language=False)
    assert len(docs) == 1 and issues == []


def test_looks_english() -> None:
    assert looks_english(ENGLISH)[0]
    assert not looks_english(FRENCH)[0]
    assert looks_english("Too short to tell")[0]
    assert not looks_english("كتائب حزب الله قالت في بيان إنها سترد على الهجوم " * 5)[0]


def test_huge_file_is_read_in_slices_cut_at_paragraphs(tmp_path: Path) -> None:
    paragraph = ENGLISH + "\n\n"
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Headline of the digest\n\nBAGHDAD, Jan 8, 2020 (Wire) - " + paragraph)
        for _ in range(400):  # about 130 KB against a 20 KB slice
            handle.write(paragraph)
    docs, issues = read(path, max_bytes=20_000)
    assert len(docs) > 6
    assert [d.doc_id for d in docs] == [f"huge-slice{n:04d}" for n in range(1, len(docs) + 1)]
    assert "".join(d.text for d in docs) == path.read_text(encoding="utf-8")  # nothing lost
    for doc in docs:
        assert len(doc.text) <= 20_000
        assert doc.text.rstrip().endswith(ENGLISH)  # cut at a paragraph break
        assert doc.published == "2020-01-08" and doc.path == str(path)
    assert docs[0].title == "Headline of the digest (1)"
    [issue] = issues
    assert issue.level == "note" and "read in slices of at most 20,000 characters" in issue.reason


def test_huge_file_sliced_inside_multibyte_characters(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    text = ("Die Gruppe — São Paulo, Zürich — " + ENGLISH + " ") * 200
    path.write_text(text, encoding="utf-8")
    docs, issues = read(path, max_bytes=5_001)
    assert len(docs) > 10
    assert "".join(d.text for d in docs) == text
    assert not any("not UTF-8" in i.reason or "U+FFFD" in i.reason for i in issues)


def test_huge_latin1_file_is_sliced_in_its_own_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = ("The mayor of São Paulo met the delegation in Zürich. " + ENGLISH + "\n\n") * 300
    path.write_bytes(text.encode("latin-1"))
    docs, issues = read(path, max_bytes=10_000)
    assert "".join(d.text for d in docs) == text
    assert sum("decoded as windows-1252" in i.reason for i in issues) == 1


def test_a_big_file_is_read_slice_by_slice_in_bounded_memory(tmp_path: Path) -> None:
    """A 6 MB file is never held whole: the reader yields its slices lazily and its peak
    of traced memory stays a small multiple of one slice (100,000 characters)."""
    import tracemalloc

    path = tmp_path / "big.txt"
    paragraph = (ENGLISH + " ") * 3 + "\n\n"
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 6_000_000:
            handle.write(paragraph)
    size = path.stat().st_size
    documents = iter_documents(path, max_bytes=100_000, on_issue=lambda issue: None)
    tracemalloc.start()
    try:
        first = next(documents)  # the first slice comes before the rest is read
        after_first = tracemalloc.get_traced_memory()[0]
        count, characters = 1, len(first.text)
        del first
        for doc in documents:
            count += 1
            characters += len(doc.text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert characters == size and count >= 60
    assert after_first < 1_000_000
    assert peak < 1_500_000, f"peak {peak:,} bytes traced for a {size:,}-byte file"


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_an_issue_never_an_error(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("x.txt", "x.html", "x.jsonl"):
            path = Path(tmp) / name
            path.write_bytes(data)
            issues: list[ReadIssue] = []
            for doc in iter_documents(path, on_issue=issues.append, check_language=False):
                assert doc.text.strip()


@given(st.lists(st.sampled_from(["<p>", "</p>", "<div class='share'>", "</div>", "<script>",
                                 "</script>", "<article>", "text said", "<br>", "&amp;", "<"]),
                max_size=30))  # fmt: skip
def test_html_reader_survives_broken_markup(parts: list[str]) -> None:
    from kg.extract.html import html_document

    content = html_document("".join(parts))
    assert "<p>" not in content.text and "\n\n\n" not in content.text
