"""Reading documents to extract from: plain text, HTML and JSONL files or folders.

`iter_documents(inputs)` yields one `SourceDocument` at a time (a folder is read
recursively, in sorted order, so runs are deterministic) and reports every problem as a
`ReadIssue` (file, line, reason) through the `on_issue` callback; the rest is read.

* `.txt` (and any file with another suffix that does not look like HTML): the whole file is
  the text; a short first line is the title; a dateline ("BAGHDAD, Jan 8, 2020 (Wire) -",
  "Baghdad, 5 January 2024") gives `published`. `doc_id` is the file name without suffix.
* `.html`/`.htm`: the main text only (see kg.extract.html); title, publication date and
  canonical URL from the page's head.
* `.jsonl`/`.ndjson`: one document a line, `{id, text, url?, title?, published?}`.

Bad input never stops the run: an empty, binary or unreadable file, a malformed JSONL
line or a text that is not English is reported and skipped; non-UTF-8 text is decoded by
kg.textcodec (BOM, HTML's declared charset, then detection) and reported with the encoding
and its confidence, or skipped when the encoding is too uncertain.

Memory stays bounded whatever the size of a file: JSONL is streamed line by line, and a
text longer than `max_bytes` (100,000 characters by default) is read in slices of at most
that size, cut at paragraph breaks, each yielded as its own document
(`NAME-slice0001`, `NAME-slice0002`, ...; the first slice's title and dateline date go
to all of them). A text file is sliced as it is read: at most two slices of it are in
memory at once, whatever its size. An HTML page's main text and a JSONL document's text
are sliced the same way once read (a page is read whole up to HTML_MAX_BYTES, a JSONL line
up to JSONL_LINE_SLICES slices).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from kg.extract.dateline import dateline_date, parse_full_date
from kg.model import SourceDocument
from kg.paths import data_path

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = frozenset({"id", "text", "url", "title", "published"})

# The largest document handed to the extractor, in characters (bytes for ASCII text): a
# longer text is read in slices of at most this size. spaCy's memory grows with the length
# of one Doc (its token vectors): with kg's pipeline a 100,000-character Doc peaks at
# about 0.5 GB, a 1,000,000-character one at 2.6-3 GB (bench/bench_large_file.py). No news
# article comes near 100,000 characters.
DEFAULT_MAX_BYTES = 100_000
# HTML is parsed whole: pages are read up to this many bytes (markup, scripts included).
HTML_MAX_BYTES = 4_000_000
# A JSONL line holds at most this many slices' worth of text (longer lines are skipped).
JSONL_LINE_SLICES = 40
# Below this many words the language check cannot tell and is not made.
MIN_WORDS_FOR_LANGUAGE = 20
# Share of frequent English function words below which a text is taken as not English.
MIN_ENGLISH_RATIO = 0.12
_LOG = logging.getLogger("kg.extract")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class ReadIssue:
    """A problem with one input: `level` is "warning" (something was skipped, cut or
    guessed) or "note" (ignored detail, nothing lost)."""

    path: str
    line: int | None
    reason: str
    level: str = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


IssueHandler = Callable[[ReadIssue], None]


def _log_issue(issue: ReadIssue) -> None:
    _LOG.warning("%s", issue)


def iter_documents(
    inputs: str | Path | Iterable[str | Path],
    *,
    on_issue: IssueHandler | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check_language: bool = True,
    exclude: Iterable[str | Path] = (),
) -> Iterator[SourceDocument]:
    """Yield the documents in `inputs` (files or folders), reporting problems to
    `on_issue` (default: the "kg.extract" logger). A doc_id met twice is read once.
    Files in `exclude` (such as the output being written) are passed over."""
    report = on_issue or _log_issue
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    skip = {Path(p).resolve() for p in exclude}
    seen: set[str] = set()
    for path in _expand(inputs, report):
        if skip and path.resolve() in skip:
            report(ReadIssue(str(path), None, "the output of this run, not an input", "note"))
            continue
        for doc in _read_file(path, report, max_bytes, check_language):
            if doc.doc_id in seen:
                report(ReadIssue(str(path), None, f"duplicate doc_id {doc.doc_id!r}; skipped"))
                continue
            seen.add(doc.doc_id)
            yield doc


def looks_english(text: str, minimum: float = MIN_ENGLISH_RATIO) -> tuple[bool, float]:
    """Whether `text` reads as English, judged by the share of frequent English function
    words among its first 3,000 words (texts under 20 words pass: too short to tell)."""
    words = _WORD_RE.findall(text[:30000])[:3000]
    if len(words) < MIN_WORDS_FOR_LANGUAGE:
        return True, 1.0
    stopwords = english_stopwords()
    ratio = sum(word.lower() in stopwords for word in words) / len(words)
    return ratio >= minimum, ratio


@lru_cache(maxsize=1)
def english_stopwords() -> frozenset[str]:
    path = data_path("stopwords_en.txt")
    words = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if not word.isalpha() or word != word.lower():
            raise ValueError(f"{path}:{number}: expected one lower-case word, got {word!r}")
        words.add(word)
    if len(words) < 20:
        raise ValueError(f"{path}: too few stopwords ({len(words)}) for a language check")
    return frozenset(words)


def title_line(text: str) -> str | None:
    """A headline on the first line: short, followed by more text, not a sentence."""
    head, _, rest = text.lstrip().partition("\n")
    head = head.strip()
    if not head or not rest.strip() or len(head) > 200 or head.endswith((".", ",", ";")):
        return None
    return head


# --- files and folders --------------------------------------------------------------------


def _expand(inputs: Iterable[str | Path], report: IssueHandler) -> Iterator[Path]:
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                (p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)),
                key=lambda p: p.relative_to(path).as_posix(),
            )
            ignored = [p for p in files if p.suffix.lower() not in DOCUMENT_SUFFIXES]
            if ignored:
                names = ", ".join(sorted({p.suffix or p.name for p in ignored})[:5])
                report(
                    ReadIssue(
                        str(path), None, f"{len(ignored)} files of other kinds ignored ({names})",
                        "note",
                    )
                )  # fmt: skip
            yield from (p for p in files if p.suffix.lower() in DOCUMENT_SUFFIXES)
        elif path.is_file():
            yield path
        else:
            report(ReadIssue(str(path), None, "no such file or folder"))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(
    path: Path, report: IssueHandler, max_bytes: int, check_language: bool
) -> Iterator[SourceDocument]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, report, max_bytes, check_language)
            return
        if suffix in HTML_SUFFIXES:
            yield from _read_html(path, report, max_bytes, check_language)
            return
        yield from _read_text(path, report, max_bytes, check_language)
    except OSError as error:
        report(ReadIssue(str(path), None, f"cannot read: {error.strerror or error}"))


def _read_text(
    path: Path, report: IssueHandler, max_bytes: int, check_language: bool
) -> Iterator[SourceDocument]:
    """A text file (or a file of another suffix, which may turn out to be HTML): one
    document, or, over `max_bytes`, slices read one after the other."""
    where = str(path)
    size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(max_bytes)
        if not head.strip():
            report(ReadIssue(where, None, "empty file; skipped"))
            return
        if (
            path.suffix.lower() not in TEXT_SUFFIXES
            and head.lstrip()[:1] == b"<"
            and re.search(rb"<(html|body|p|div)\b", head[:5000], re.I)
        ):
            handle.close()
            yield from _read_html(path, report, max_bytes, check_language)
            return
        sliced = size > len(head)
        text = _decode(head, where, None, report, truncated=sliced)
        if text is None:
            return
        if not sliced:
            doc = SourceDocument(
                doc_id=path.stem,
                text=text,
                title=title_line(text),
                published=dateline_date(text),
                path=where,
            )
            if _acceptable(doc, where, None, report, check_language):
                yield doc
            return
        report(
            ReadIssue(
                where, None,
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB of one "
                f"document: read in slices of at most {max_bytes:,} characters, cut at "
                f"paragraph breaks, each its own document ({path.stem}-slice0001, ...)",
                "note",
            )
        )  # fmt: skip
        from kg.textcodec import decode_bytes

        codec = decode_bytes(head, truncated=True).codec
        del head, text  # only one slice at a time from here on
        handle.seek(0)
        pieces = _text_stream(handle, codec, max_bytes, where, report)
        yield from _slice_documents(
            _slices(pieces, max_bytes), path.stem, where, None, report, check_language
        )


def _text_stream(
    handle: BinaryIO, codec: str, chunk: int, where: str, report: IssueHandler
) -> Iterator[str]:
    """The text of an open binary file, decoded chunk by chunk with `codec` (bytes that
    do not fit it are replaced, and counted in one warning at the end)."""
    import codecs

    decoder = codecs.getincrementaldecoder(codec)("replace")
    replaced = 0
    while True:
        raw = handle.read(chunk)
        text = decoder.decode(raw, final=not raw)
        replaced += text.count("\ufffd")
        if text:
            yield text
        if not raw:
            break
    if replaced:
        report(
            ReadIssue(
                where, None,
                f"{replaced} characters do not decode as {codec} and were replaced by U+FFFD",
            )
        )  # fmt: skip


def _slices(pieces: Iterable[str], size: int) -> Iterator[str]:
    """Slices of at most `size` characters of the text `pieces` make up, each cut at the
    last paragraph break (else line break, sentence end, space) in its last fifth; no
    character is lost or repeated. At most one slice and one piece are held at a time."""
    buffer = ""
    for piece in pieces:
        buffer += piece
        while len(buffer) > size:
            cut = len(_cut_at_break(buffer[:size], spaces=True))
            yield buffer[:cut]
            buffer = buffer[cut:]
    if buffer:
        yield buffer


def _slice_documents(
    slices: Iterable[str],
    doc_id: str,
    where: str,
    line: int | None,
    report: IssueHandler,
    check_language: bool,
    **meta: Any,
) -> Iterator[SourceDocument]:
    """One document per slice: NAME-slice0001, ...; the title and date of the first slice
    (or `meta`) for all."""
    title = meta.pop("title", None)
    published = meta.pop("published", None)
    number = 0
    for text in slices:
        if not text.strip():
            continue
        number += 1
        if number == 1:
            title = title or title_line(text)
            published = published or dateline_date(text)
        doc = SourceDocument(
            doc_id=f"{doc_id}-slice{number:04d}",
            text=text,
            title=f"{title} ({number})" if title else None,
            published=published,
            path=where,
            **meta,
        )
        if _acceptable(doc, where, line, report, check_language):
            yield doc


def _read_html(
    path: Path, report: IssueHandler, max_bytes: int, check_language: bool
) -> Iterator[SourceDocument]:
    from kg.extract.html import html_document

    where = str(path)
    limit = max(HTML_MAX_BYTES, max_bytes)
    size = path.stat().st_size
    with path.open("rb") as handle:
        raw = handle.read(limit)
    if not raw.strip():
        report(ReadIssue(where, None, "empty file; skipped"))
        return
    markup = _decode(raw, where, None, report, truncated=size > limit, markup=True)
    if markup is None:
        return
    if size > limit:
        report(
            ReadIssue(
                where, None,
                f"page is {size / 1e6:.1f} MB: only its first {limit / 1e6:.0f} MB are read",
            )
        )  # fmt: skip
    content = html_document(markup)
    del markup, raw
    meta = {"url": content.url}
    published = content.published or dateline_date(content.text)
    if len(content.text) <= max_bytes:
        doc = SourceDocument(
            doc_id=path.stem, text=content.text, title=content.title, published=published,
            path=where, **meta,
        )  # fmt: skip
        if _acceptable(doc, where, None, report, check_language):
            yield doc
        return
    report(
        ReadIssue(
            where, None,
            f"main text of {len(content.text):,} characters read in slices of at most "
            f"{max_bytes:,} ({path.stem}-slice0001, ...)",
            "note",
        )
    )  # fmt: skip
    yield from _slice_documents(
        _slices([content.text], max_bytes), path.stem, where, None, report, check_language,
        title=content.title, published=published, **meta,
    )  # fmt: skip


def _acceptable(
    doc: SourceDocument, path: str, line: int | None, report: IssueHandler, check_language: bool
) -> bool:
    if not doc.text.strip():
        report(ReadIssue(path, line, "no text; skipped"))
        return False
    if check_language:
        english, ratio = looks_english(doc.text)
        if not english:
            report(
                ReadIssue(
                    path, line,
                    f"does not look like English ({ratio:.0%} common English words, "
                    f"expected at least {MIN_ENGLISH_RATIO:.0%}); skipped",
                )
            )  # fmt: skip
            return False
    return True


def _decode(
    raw: bytes,
    path: str,
    line: int | None,
    report: IssueHandler,
    *,
    truncated: bool = False,
    markup: bool = False,
) -> str | None:
    """Text from bytes (kg.textcodec): a BOM, then (HTML) the declared charset, then
    UTF-8, then detection, whose encoding and confidence are reported; a detection under
    the confidence threshold, and binary data, are reported and give None."""
    from kg.textcodec import MIN_CONFIDENCE, decode_bytes

    has_bom = raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if not has_bom and b"\x00" in raw[:8192]:
        report(ReadIssue(path, line, "binary data (NUL bytes), not text; skipped"))
        return None
    decoded = decode_bytes(raw, markup=markup, truncated=truncated)
    extra = f"; {decoded.note}" if decoded.note else ""
    if decoded.text is None:
        best = (
            f"the best reading, {decoded.encoding}, has confidence {decoded.confidence:.0%} "
            f"(under {MIN_CONFIDENCE:.0%})"
            if decoded.codec
            else "no encoding fits"
        )
        report(
            ReadIssue(
                path, line,
                f"not UTF-8, and its encoding is uncertain: {best}{extra}; skipped, not "
                "guessed (convert it to UTF-8 to read it)",
            )
        )  # fmt: skip
        return None
    if decoded.source == "detected":
        report(
            ReadIssue(
                path, line,
                f"not UTF-8; decoded as {decoded.encoding} (detected, confidence "
                f"{decoded.confidence:.0%}){extra}",
            )
        )  # fmt: skip
    elif decoded.note:
        level = "warning" if decoded.source == "utf-8" else "note"
        report(ReadIssue(path, line, decoded.note, level))
    text = decoded.text
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > 0.05 * min(len(text), 8192):
        report(ReadIssue(path, line, "binary data (control characters), not text; skipped"))
        return None
    return text


def _cut_at_break(text: str, *, spaces: bool = False) -> str:
    """`text` cut back to its last paragraph break (or line break, or sentence end, or,
    with `spaces`, space) when one lies in its last fifth; otherwise as it is."""
    floor = int(len(text) * 0.8)
    for separator in ("\n\n", "\n", ". ", *([" "] if spaces else [])):
        at = text.rfind(separator, floor)
        if at > 0:
            return text[: at + (1 if separator == ". " else 0)]
    return text


# --- JSONL ------------------------------------------------------------------------------------


def _read_jsonl(
    path: Path, report: IssueHandler, max_bytes: int, check_language: bool
) -> Iterator[SourceDocument]:
    where = str(path)
    unknown_seen: set[frozenset[str]] = set()
    any_line = False
    with path.open("rb") as handle:
        head = handle.read(8192)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            report(
                ReadIssue(
                    where, None,
                    "UTF-16 JSON Lines are not read (its lines cannot be split as bytes); "
                    "convert the file to UTF-8; skipped",
                )
            )  # fmt: skip
            return
        if b"\x00" in head:
            report(ReadIssue(where, None, "binary data (NUL bytes), not JSON Lines; skipped"))
            return
        handle.seek(0)
        for number, raw in _lines(handle, max_bytes * JSONL_LINE_SLICES + 65536):
            if raw is None:
                report(ReadIssue(where, number, "line too long for one document; skipped"))
                continue
            if not raw.strip():
                continue
            any_line = True
            text = _decode(raw, where, number, report)
            if text is None:
                continue
            doc = _jsonl_document(text, where, number, report, unknown_seen)
            if doc is None:
                continue
            if len(doc.text) > max_bytes:
                report(
                    ReadIssue(
                        where, number,
                        f"text of {len(doc.text):,} characters read in slices of at most "
                        f"{max_bytes:,} ({doc.doc_id}-slice0001, ...)",
                        "note",
                    )
                )  # fmt: skip
                yield from _slice_documents(
                    _slices([doc.text], max_bytes), doc.doc_id, where, number, report,
                    check_language, title=doc.title, published=doc.published, url=doc.url,
                )  # fmt: skip
            elif _acceptable(doc, where, number, report, check_language):
                yield doc
    if not any_line:
        report(ReadIssue(where, None, "empty file; skipped"))


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary file, each at most `limit` bytes (None for a longer line,
    whose rest is skipped without being held in memory)."""
    number = 0
    while True:
        line = handle.readline(limit)
        if not line:
            return
        number += 1
        if len(line) >= limit and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(limit)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _jsonl_document(
    line: str,
    path: str,
    number: int,
    report: IssueHandler,
    unknown_seen: set[frozenset[str]],
) -> SourceDocument | None:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as error:
        report(ReadIssue(path, number, f"malformed JSON ({error.msg}, column {error.colno})"))
        return None
    if not isinstance(data, dict):
        report(ReadIssue(path, number, f"expected an object, got {type(data).__name__}"))
        return None
    doc_id = data.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        report(ReadIssue(path, number, "'id' is required (a non-empty string); line skipped"))
        return None
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        report(ReadIssue(path, number, "'text' is required (a non-empty string); line skipped"))
        return None
    unknown = frozenset(data) - JSONL_FIELDS
    if unknown and unknown not in unknown_seen:
        unknown_seen.add(unknown)
        report(
            ReadIssue(
                path, number,
                f"unknown fields ignored: {', '.join(sorted(unknown))} (not repeated for "
                "later lines)",
                "note",
            )
        )  # fmt: skip
    meta = {name: _optional_string(data, name, path, number, report) for name in ("url", "title")}
    published = _optional_string(data, "published", path, number, report)
    if published is not None:
        iso = parse_full_date(published)
        if iso is None:
            report(ReadIssue(path, number, f"'published' {published!r} is not a date; ignored"))
        published = iso
    return SourceDocument(
        doc_id=doc_id.strip(),
        text=text,
        url=meta["url"],
        title=meta["title"],
        published=published or dateline_date(text),
        path=path,
    )


def _optional_string(
    data: dict[str, Any], name: str, path: str, number: int, report: IssueHandler
) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        report(ReadIssue(path, number, f"'{name}' must be a string; ignored"))
        return None
    return value.strip() or None
