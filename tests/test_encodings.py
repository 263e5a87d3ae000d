"""Text that is not UTF-8: Latin-1, windows-1252, windows-1256 (Arabic), UTF-16, HTML
that declares its charset, and files whose encoding is too uncertain to read.

The texts are short news-style paragraphs written for these tests. Each legacy file must
give the very text its UTF-8 twin gives (so the same records), with a warning naming the
detected encoding and its confidence; a file no encoding fits well is skipped, not
guessed (kg.textcodec).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.readers import ReadIssue, iter_documents
from kg.files import UnreadableFile, read_text
from kg.textcodec import MIN_CONFIDENCE, declared_charset, decode_bytes, fit

LATIN = (
    "Talks collapse in Zürich\n\n"
    "ZÜRICH, 4 March 2024 - The governor of São Paulo said on Monday that the talks held in "
    "Zürich had ended without an agreement. A spokesman for the États-Unis delegation blamed "
    "the rebel alliance for the failure of the meeting, and the alliance said the charge was "
    "false.\n"
)
W1252 = (
    "Strike condemned\n\n"
    "GENEVA, 12 May 2023 – The mayor of Zürich condemned the strike on the port as “a crime "
    "against civilians” on Tuesday. Officials in São Paulo said they shared the mayor’s view, "
    "and the group’s leader blamed the army for the deaths of the workers.\n"
)
ARABIC = "قالت الحركة إن الهجوم على المدينة جريمة لن تمر دون رد"  # the movement: a crime, answered
W1256 = (
    "Movement vows response\n\n"
    "BEIRUT, 9 January 2024 - A spokesman for the movement said in a statement read on "
    f"television: «{ARABIC}». He blamed Israel for the strike on the city and said that the "
    "movement would answer it.\n"
)


def read(path: Path, **options: object) -> tuple[list, list[ReadIssue]]:
    issues: list[ReadIssue] = []
    docs = list(iter_documents(path, on_issue=issues.append, **options))  # type: ignore[arg-type]
    return docs, issues


@pytest.mark.parametrize(
    ("text", "codec", "shown"),
    [(LATIN, "latin-1", "windows-1252"), (W1252, "cp1252", "windows-1252"),
     (W1256, "cp1256", "windows-1256")],
    ids=["latin-1", "windows-1252", "windows-1256"],
)  # fmt: skip
def test_legacy_text_reads_as_its_utf8_twin(
    tmp_path: Path, text: str, codec: str, shown: str
) -> None:
    legacy = tmp_path / "legacy" / "doc.txt"
    legacy.parent.mkdir()
    legacy.write_bytes(text.encode(codec))
    twin = tmp_path / "utf8" / "doc.txt"
    twin.parent.mkdir()
    twin.write_text(text, encoding="utf-8")
    [doc], issues = read(legacy)
    [expected], _ = read(twin)
    assert doc.text == expected.text == text
    assert (doc.title, doc.published) == (expected.title, expected.published)
    [issue] = issues
    assert issue.level == "warning"
    assert f"not UTF-8; decoded as {shown} (detected, confidence " in issue.reason
    confidence = int(issue.reason.split("confidence ")[1].split("%")[0])
    assert confidence >= MIN_CONFIDENCE * 100


def test_latin1_names_come_out_right_not_as_cp775(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(LATIN.encode("latin-1"))
    [doc], _ = read(path)
    for name in ("São Paulo", "Zürich", "États-Unis", "ZÜRICH"):
        assert name in doc.text
    for mojibake in ("SŃo", "Z³rich", "╔tats", "Săo"):
        assert mojibake not in doc.text


def test_utf16_with_a_bom(tmp_path: Path) -> None:
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        path = tmp_path / codec / "doc.txt"
        path.parent.mkdir()
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(codec, b"")
        path.write_bytes(bom + LATIN.encode(codec))
        [doc], issues = read(path)
        assert doc.text == LATIN, codec
        assert [(i.level, i.reason) for i in issues] == [("note", "read as UTF-16 (BOM)")]
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><article><p>{W1256}</p></article></body></html>", "utf-16")
    [doc], _ = read(page)
    assert ARABIC in doc.text


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    head = '<html><head><meta charset="windows-1256"><title>Vow</title></head>'
    page = tmp_path / "arabic.html"
    page.write_bytes(
        f"{head}<body><article><p>{W1256}</p></article></body></html>".encode("cp1256")
    )
    [doc], issues = read(page)
    assert ARABIC in doc.text and "BEIRUT" in doc.text
    assert [(i.level, i.reason) for i in issues] == [("note", "charset windows-1256 (declared)")]


def test_a_page_declaring_utf8_reads_without_a_note(tmp_path: Path) -> None:
    page = tmp_path / "plain.html"
    body = "<body><article><p>The council’s spokesman spoke in Aden.</p></article></body>"
    page.write_bytes(f'<html><head><meta charset="utf-8"></head>{body}</html>'.encode())
    [doc], issues = read(page)
    assert "council’s spokesman" in doc.text and issues == []


def test_html_http_equiv_latin1_means_windows_1252(tmp_path: Path) -> None:
    head = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
        "</head>"
    )
    page = tmp_path / "w.html"
    page.write_bytes(
        f"{head}<body><article><p>{W1252}</p></article></body></html>".encode("cp1252")
    )
    [doc], issues = read(page)
    assert "“a crime against civilians”" in doc.text and "São Paulo" in doc.text
    assert issues[0].reason == "charset ISO-8859-1 (declared)"


def test_html_declaring_a_legacy_charset_but_valid_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    page = tmp_path / "mislabelled.html"
    page.write_text(
        f'<html><head><meta charset="iso-8859-1"></head><body><p>{LATIN}</p></body></html>',
        encoding="utf-8",
    )
    [doc], issues = read(page)
    assert "São Paulo" in doc.text
    assert issues[0].level == "warning" and "is valid UTF-8; read as UTF-8" in issues[0].reason


def test_a_file_mixing_utf8_and_latin1_is_skipped_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(LATIN.encode("utf-8") + LATIN.encode("latin-1"))
    docs, issues = read(path)
    assert docs == []
    [issue] = issues
    assert "not UTF-8, and its encoding is uncertain" in issue.reason
    assert "has confidence" in issue.reason and "skipped, not guessed" in issue.reason
    with pytest.raises(UnreadableFile, match="convert it to UTF-8"):
        read_text(path)


def test_one_stray_byte_in_utf8_text_is_replaced_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes((LATIN * 5).encode("utf-8") + "Café.\n".encode("latin-1"))
    [doc], [issue] = read(path)
    assert doc.text.startswith(LATIN) and doc.text.endswith("Caf\ufffd.\n")
    assert "decoded as UTF-8" in issue.reason
    assert "1 bytes that are not UTF-8 replaced by U+FFFD" in issue.reason


def test_bytes_no_encoding_fits_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 8)
    docs, issues = read(path)
    assert docs == [] and "encoding is uncertain" in issues[0].reason


def test_jsonl_lines_in_windows_1252(tmp_path: Path) -> None:
    import json

    line = json.dumps({"id": "w", "text": W1252}, ensure_ascii=False)
    path = tmp_path / "feed.jsonl"
    path.write_bytes((line + "\n").encode("cp1252"))
    [doc], [issue] = read(path)
    assert doc.text == W1252 and issue.line == 1 and "windows-1252" in issue.reason


def test_utf16_jsonl_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "x"}\n', encoding="utf-16")
    docs, [issue] = read(path)
    assert docs == [] and "convert the file to UTF-8" in issue.reason


def test_record_files_in_latin1_and_utf16(tmp_path: Path) -> None:
    latin = tmp_path / "records.csv"
    latin.write_bytes("doc_id,speaker\nz,Zürich São Paulo\n".encode("latin-1"))
    assert "Zürich São Paulo" in read_text(latin)
    wide = tmp_path / "records.jsonl"
    wide.write_text('{"doc_id": "z", "speaker": "Zürich"}\n', encoding="utf-16")
    assert read_text(wide) == '{"doc_id": "z", "speaker": "Zürich"}\n'


# --- kg.textcodec ----------------------------------------------------------------------


def test_declared_charset_labels() -> None:
    assert declared_charset(b'<meta charset="utf-8">') == ("utf-8", "utf_8")
    assert declared_charset(b"<meta charset=latin1>") == ("latin1", "cp1252")
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1256"?>') == (
        "windows-1256",
        "cp1256",
    )
    assert declared_charset(b'<meta charset="klingon">') == ("klingon", None)
    assert declared_charset(b"<p>no declaration</p>") is None


def test_fit_tells_right_readings_from_mojibake() -> None:
    raw = LATIN.encode("latin-1")
    assert fit(raw.decode("cp1252")) == 1.0
    for wrong in ("cp775", "cp850", "cp437", "cp1251", "koi8_r"):
        assert fit(raw.decode(wrong)) < 1.0, wrong
    arabic = W1256.encode("cp1256")
    assert fit(arabic.decode("cp1256")) == 1.0
    for wrong in ("cp775", "cp850", "cp437"):
        assert fit(arabic.decode(wrong)) < 0.6, wrong  # box drawing


def test_decode_bytes_sources() -> None:
    assert decode_bytes(b"plain").source == "utf-8"
    assert decode_bytes(LATIN.encode("utf-8-sig")).source == "bom"
    assert decode_bytes(LATIN.encode("utf-16")).encoding == "UTF-16"
    cut = LATIN.encode("utf-8")[: LATIN.encode("utf-8").index("São".encode()) + 2]
    assert decode_bytes(cut, truncated=True).text.endswith("S")  # the cut "ã" is dropped


@pytest.mark.slow
def test_the_extractor_gives_the_same_records_from_latin1(tmp_path: Path, extractor) -> None:
    text = (
        "Alliance blames delegation\n\n"
        "ZÜRICH, 4 March 2024 - Hezbollah said on Monday that the États-Unis delegation to the "
        "talks in Zürich bore responsibility for their collapse, and blamed Israel for the "
        "strike near São Paulo street in Beirut.\n"
    )
    records = {}
    for codec in ("utf-8", "latin-1"):
        path = tmp_path / codec / "doc.txt"
        path.parent.mkdir()
        path.write_bytes(text.encode(codec))
        [doc], _ = read(path)
        records[codec] = [
            {k: v for k, v in r.to_dict().items() if k not in ("source_path",)}
            for r in extractor.extract(doc)
        ]
    assert records["latin-1"] == records["utf-8"]
    assert records["utf-8"], "the text should give at least one record"
