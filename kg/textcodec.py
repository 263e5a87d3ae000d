"""Bytes to text for documents and record files that may not be UTF-8.

    >>> decode_bytes("Zürich".encode("cp1252")).encoding
    'windows-1252'

`decode_bytes(raw)` tries, in this order:

1. a byte-order mark: UTF-8, UTF-16 or UTF-32, exact (`source="bom"`);
2. with `markup=True` (HTML, XHTML), the charset the page declares in its first 4 KB:
   `<meta charset>`, `<meta http-equiv="Content-Type" content="...; charset=...">` or
   `<?xml ... encoding="..."?>`, with the labels browsers use (ISO-8859-1 and ASCII mean
   windows-1252, as in the WHATWG Encoding Standard) (`source="declared"`). A page whose
   bytes do not fit its declaration, or that declares a legacy encoding but is valid UTF-8
   with non-ASCII text, is detected instead, and the `note` says so;
3. UTF-8 (`source="utf-8"`);
4. detection (`source="detected"`): the candidates charset-normalizer proposes, each
   scored by how well its text reads (see `fit`); the best one wins, and among those
   within 0.02 of it windows-1252 (then ISO-8859-15) is preferred, the usual legacy
   encoding of English-language text (charset-normalizer alone calls Latin-1 French
   names windows-1250 or cp775: "Săo Paulo", "Z³rich"). The winner's fit is its
   `confidence`; under MIN_CONFIDENCE the text is refused (`text` is None), not guessed.

The fit of a decoding is (1 - charset-normalizer's mess ratio) x the share of its
non-ASCII characters that news text holds: letters (in words of one script: a Cyrillic
letter inside a Latin word, as in "Sгo Paulo", is not), marks, punctuation, currency signs
and a few common symbols (© ° ½ ...); box drawing, control characters, superscripts and
other symbols are not. The share is taken over at least 20 characters, so a file with one
odd character among few is not refused for it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

# Under this confidence the text is refused. The threshold does not choose among readings
# (the ranking does: the right reading of each test text in tests/test_encodings.py fits
# 1.0, wrong readings of the same bytes 0.18-0.95, with box drawing in cp775/cp850/cp437,
# a Cyrillic letter inside a Latin word in cp1251); it refuses a file whose best reading
# is poor: about one odd character in ten (two in a text with few non-ASCII characters),
# a file mixing UTF-8 with a legacy encoding (0.6-0.65), or two or more equally good
# readings with nothing to prefer one (the confidence is shared among them, so at most
# 0.5). 0.9 keeps mojibake names out of the records without refusing a text for one
# stray symbol.
MIN_CONFIDENCE = 0.9
# Candidates this close to the best fit count as a tie, broken by PREFERRED.
TIE = 0.02
PREFERRED = ("cp1252", "iso8859_15", "latin_1")
MIN_SAMPLE = 20
DECLARATION_BYTES = 4096
_COMMON_SYMBOLS = frozenset("©®™°§¶·µ½¼¾×±")
# A UTF-8 multi-byte sequence: in a file that is not UTF-8 as a whole, a sign that it mixes
# UTF-8 with another encoding (scraped text often does).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Scripts written together in one word (Japanese mixes kanji and kana).
_EAST_ASIAN = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "FULLWIDTH", "HALFWIDTH"})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
# Labels browsers read differently from Python's codecs (WHATWG Encoding Standard).
_WHATWG = {
    "iso8859_1": "cp1252",
    "latin_1": "cp1252",
    "ascii": "cp1252",
    "iso8859_9": "cp1254",
    "utf_16": "utf_8",  # a page read as bytes that declares UTF-16 without a BOM: HTML says UTF-8
    "utf_16_le": "utf_8",
    "utf_16_be": "utf_8",
}


@dataclass(frozen=True)
class Decoded:
    """`text` (None when refused), the codec used (a Python codec name), where it came
    from ("bom", "declared", "utf-8", "detected" or "none"), the confidence of a
    detected one (1.0 otherwise), and a `note` on anything worth reporting."""

    text: str | None
    codec: str
    source: str
    confidence: float = 1.0
    note: str = ""

    @property
    def encoding(self) -> str:
        """The codec under the name people know it by: windows-1252, UTF-16, ISO-8859-15."""
        return display_name(self.codec) if self.codec else "unknown"


def display_name(codec: str) -> str:
    name = codecs.lookup(codec).name
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "utf-32": "UTF-32",
    }.get(name, re.sub(r"^iso8859-", "ISO-8859-", name.upper() if name.startswith("utf") else name))


def decode_bytes(raw: bytes, *, markup: bool = False, truncated: bool = False) -> Decoded:
    """Decode `raw` as the module docstring says. `truncated`: `raw` is the head of a
    longer file, so a multi-byte character cut at its very end is dropped, not an error."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = _decode_or_none(raw, codec, truncated)
            if text is not None:
                return Decoded(text, codec, "bom", note=f"read as {display_name(codec)} (BOM)")
    note = ""
    if markup:
        declared = declared_charset(raw)
        if declared is not None:
            label, codec = declared
            if codec is None:
                note = f"declares the unknown charset {label!r}; "
            elif codec != "utf_8" and _is_utf8_with_non_ascii(raw, truncated):
                note = f"declares {label} but is valid UTF-8; read as UTF-8"
                return Decoded(
                    _decode_or_none(raw, "utf_8", truncated), "utf_8", "utf-8", note=note
                )
            else:
                text = _decode_or_none(raw, codec, truncated)
                if text is not None:
                    # UTF-8 is what a reader assumes; a note for each such page of a large
                    # crawl would bury the notes that matter
                    said = "" if codec == "utf_8" else f"charset {label} (declared)"
                    return Decoded(text, codec, "declared", note=said)
                note = f"declares {label}, which its bytes do not fit; "
    text = _decode_or_none(raw, "utf_8", truncated)
    if text is not None:
        return Decoded(text, "utf_8", "utf-8", note=note.rstrip("; "))
    return _detect(raw, truncated, note)


def declared_charset(raw: bytes) -> tuple[str, str | None] | None:
    """(label, Python codec or None when unknown) of the charset a page declares in its
    first 4 KB, or None."""
    head = raw[:DECLARATION_BYTES]
    found = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if found is None:
        return None
    label = found.group(1).decode("ascii", "replace")
    try:
        codec = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return label, None
    return label, _WHATWG.get(codec, codec)


def fit(text: str, chaos: float = 0.0) -> float:
    """How well `text` reads as news text, 0-1 (module docstring)."""
    odd = 0
    non_ascii = 0
    for word in re.finditer(r"\S+", text):
        token = word.group()
        if token.isascii():
            continue
        scripts = {_script(c) for c in token if c.isalpha()} - {""}
        mixed = len(scripts) > 1
        for char in token:
            if ord(char) < 128:
                continue
            non_ascii += 1
            if not _plausible(char) or (mixed and char.isalpha()):
                odd += 1
    for char in text:  # controls and odd spaces outside words
        if ord(char) >= 128 and char.isspace() and char not in "\u00a0\u2009\u202f":
            non_ascii += 1
            odd += 1
    if not non_ascii:
        return round(1.0 - chaos, 3)
    share = 1.0 - odd / max(non_ascii, MIN_SAMPLE)
    return round(max(0.0, (1.0 - chaos) * share), 3)


def _detect(raw: bytes, truncated: bool, note: str) -> Decoded:
    """Detection among charset-normalizer's candidates, plus "UTF-8 with the few bytes
    that are not UTF-8 replaced" (U+FFFD). In a file that is not UTF-8 as a whole, every
    non-ASCII byte in a valid UTF-8 sequence counts against a legacy reading (it reads
    "SÃ£o" there; multi-byte encodings such as Shift-JIS are exempt, their byte pairs often
    look like UTF-8) and every other one against the UTF-8 reading: a file that mixes both
    scores low either way and is refused."""
    from charset_normalizer import from_bytes

    non_ascii = sum(1 for byte in raw if byte >= 0x80)
    in_utf8 = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(raw))
    sample = max(non_ascii, MIN_SAMPLE)
    scored = []
    for order, match in enumerate(from_bytes(raw)):
        text = _decode_or_none(raw, match.encoding, truncated)
        if text is None:
            continue
        names = [match.encoding, *match.could_be_from_charset]
        codec = next((name for name in PREFERRED if name in names), match.encoding)
        score = fit(text, match.chaos)
        if len(text) == len(raw):  # one byte a character: UTF-8 sequences in it are misread
            score = round(score * (1 - in_utf8 / sample), 3)
        scored.append((score, order + 1, codec, text))
    if in_utf8:
        text = raw.decode("utf_8", errors="replace")
        if truncated and text.endswith("\ufffd"):
            text = text.rstrip("\ufffd")
        scored.append(
            (round(fit(text) * (1 - (non_ascii - in_utf8) / sample), 3), 0, "utf_8", text)
        )
    if not scored:
        return Decoded(None, "", "none", 0.0, note + "no encoding fits")
    best = max(score for score, *_ in scored)
    tied = [entry for entry in scored if entry[0] >= best - TIE]
    tied.sort(key=lambda e: (_preference(e[2]), -e[0], e[1]))
    score, _, codec, text = tied[0]
    rivals = sorted({display_name(e[2]) for e in tied[1:] if e[3] != text})
    confidence = score
    if codec == "utf_8":
        note += f"{non_ascii - in_utf8} bytes that are not UTF-8 replaced by U+FFFD; "
    if rivals and codec in PREFERRED:
        note += (
            f"{', '.join(rivals)} would fit as well; {display_name(codec)} is preferred, "
            "the usual legacy encoding of English text; "
        )
    elif rivals:  # equally good readings and no reason to prefer one: a guess
        confidence = round(score / (1 + len(rivals)), 3)
        note += f"{', '.join(rivals)} would fit as well; "
    if in_utf8 and codec != "utf_8" and len(text) == len(raw):
        note += f"{in_utf8} of its {non_ascii} non-ASCII bytes look like UTF-8; "
    if confidence < MIN_CONFIDENCE:
        return Decoded(None, codec, "detected", confidence, note.rstrip("; "))
    return Decoded(text, codec, "detected", confidence, note.rstrip("; "))


def _preference(codec: str) -> int:
    return PREFERRED.index(codec) if codec in PREFERRED else len(PREFERRED)


def _decode_or_none(raw: bytes, codec: str, truncated: bool) -> str | None:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        # final=False leaves an incomplete character at the end of a truncated head out
        return decoder.decode(raw, final=not truncated)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_utf8_with_non_ascii(raw: bytes, truncated: bool) -> bool:
    return not raw.isascii() and _decode_or_none(raw, "utf_8", truncated) is not None


def _plausible(char: str) -> bool:
    category = unicodedata.category(char)
    if category[0] in "LMP":
        return category != "Lm" or char in "ʼʻ"  # modifier letters: ⁿ in cp437 mojibake
    return category in ("Sc", "Zs") or char in _COMMON_SYMBOLS


def _script(char: str) -> str:
    """A letter's script, from its Unicode name (LATIN, CYRILLIC, GREEK, ARABIC ...)."""
    try:
        script = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return ""
    return "CJK" if script in _EAST_ASIAN else script
