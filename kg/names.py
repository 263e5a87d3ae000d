"""Names however a text spells them: a matching key and a guarded fuzzy index.

`match_key(text)` is a stronger key than `kg.gazetteer.normalize_name` (which stays the key
for IRIs and slugs, so actor ids never move): on top of case, accents, apostrophes and
punctuation it drops a possessive "'s", the Arabic article ("al-", "el-", "ul-", and
"as-", "ash-", "ad-" ... before the letter they assimilate to: "as-Salam"), unifies
"Abdul"/"Abdel"/"Abd al-" as "abd" and collapses doubled letters ("Nujabaa", "Qassem").
Words keep their order; spaces are ignored when two keys are compared ("Abdulmalik" =
"Abdul Malik").

`NameIndex` looks a name up by that key; then, when the last word has a plural "s", by the
key without it, but only where that singular is a listed form ("Houthis" -> "Houthi",
"Quds Forces"; "Hamas" is never "Hama", since no form is "Hama"); then by a fuzzy score
(rapidfuzz's normalised Indel similarity of the two keys without spaces) with guards that
keep different actors apart:

* names under `MIN_FUZZY_LETTERS` letters and all-caps acronyms are never fuzzy-matched;
* containment is no match: a name whose words are a proper subset of the other's
  ("Hezbollah" / "Kata'ib Hezbollah", "Israel" / "Israel Katz");
* a single word that only adds a demonym ending ("Israeli" / "Israel") is no match;
* word by word (adjacent words merged where the spellings split differently), every pair
  must be close: words of up to 4 letters differ by at most one added or dropped letter
  ("Iraq" / "Iran" differ), of up to 6 by at most two ("Fiden" / "Fidan" are close), and
  longer ones score at least `TOKEN_MIN` ("Hussein" / "Hassan", "Mojtaba" / "Ali" differ);
  words with digits are equal;
* two different values within `AMBIGUITY_MARGIN` of the best score give no match.

The threshold and the guards were chosen from the table of positive and negative pairs in
tests/test_gazetteer.py (bench/bench_names.py prints the scores).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator
from functools import lru_cache
from itertools import combinations, pairwise
from typing import Generic, Literal, NamedTuple, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

FUZZY_THRESHOLD = 86.5  # overall similarity (0-100) of two keys without spaces
TOKEN_MIN = 70.0  # similarity of each pair of aligned words longer than 4 letters
MIN_FUZZY_LETTERS = 6  # shorter keys are matched exactly or not at all
AMBIGUITY_MARGIN = 3.0  # a runner-up for another value this close to the best: no match
_ACRONYM_MAX_LETTERS = 8  # "CENTCOM", "EUNAVFOR"; longer all-caps text is a shouted name
_PLURAL_MIN = 5  # a last word this long may be a plural of a listed form
_CANDIDATES = 10  # fuzzy candidates checked against the guards, best first

_SUN_ARTICLE = re.compile(r"\b[aeu](sh|dh|th|[stdrzn])[-\u2010\u2011 ](?=\1)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)['\u2018\u2019\u02bc\u02bb`\u00b4][sS]\b")
_PARTICLES = frozenset({"al", "el", "ul"})
_ABD = re.compile(r"^abd(?:oul|ul|el|al|ol)")
_DOUBLED = re.compile(r"([^\W\d_])\1+")
_DEMONYM_ENDINGS = ("i", "is", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish", "ite", "ites")

_APOSTROPHES = re.compile(r"[\u2018\u2019\u02bc\u02bb`'\u00b4]")

T = TypeVar("T", bound=Hashable)


class Match(NamedTuple, Generic[T]):
    """What a name matched, and how: by its key, by the key of its singular ("Houthis"),
    or fuzzily, with the guarded score (100 for the first two)."""

    value: T
    how: Literal["key", "plural", "fuzzy"]
    score: float


class NameConflict(ValueError):
    """Two different values whose names have the same matching key."""


def normalize_name(text: str) -> str:
    """Lookup key for a name, and the base of actor slugs: accents, apostrophes, dots and
    case folded, punctuation to spaces, a leading "the" dropped ("the U.S." -> "us",
    "Kata’ib" -> "kataib"). Actor IRIs depend on it: keep its behaviour."""
    text = _without_accents(text).casefold()
    text = _APOSTROPHES.sub("", text).replace(".", "")
    text = re.sub(r"[^\w\s]|_", " ", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def _without_accents(text: str) -> str:
    """The text decomposed (NFKD) with its combining marks dropped ("Kata’ib" keeps its
    apostrophe, "Öcalan" -> "Ocalan")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def key_tokens(text: str) -> tuple[str, ...]:
    """The words of a name's matching key ("Al-Hashd Al-Shaabi" -> ("hashd", "shabi"))."""
    # accents off first: "ád-Din" is the same assimilated article as "ad-Din"
    bare = _without_accents(text)
    words = normalize_name(_SUN_ARTICLE.sub("", _POSSESSIVE.sub("", bare))).split()
    kept = [w for w in words if w not in _PARTICLES] or words
    return tuple(_DOUBLED.sub(r"\1", _ABD.sub("abd", word)) for word in kept)


def match_key(text: str) -> str:
    """The matching key of a name, words separated by spaces ("Kata'eb Hizbollah" ->
    "kataeb hizbolah", "the Houthi's" -> "houthi", "Harakat al Nujabaa" -> "harakat nujaba")."""
    return " ".join(key_tokens(text))


def is_acronym(text: str) -> bool:
    """All capitals and short: "IRGC-QF", "CENTCOM", "U.S." (never fuzzy-matched)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(letters) <= _ACRONYM_MAX_LETTERS and text.upper() == text


def fuzzy_eligible(text: str, tokens: tuple[str, ...] | None = None) -> bool:
    """Whether a name may be matched fuzzily at all (long enough, not an acronym)."""
    tokens = key_tokens(text) if tokens is None else tokens
    return len("".join(tokens)) >= MIN_FUZZY_LETTERS and not is_acronym(text)


def similarity(query: tuple[str, ...], form: tuple[str, ...]) -> float:
    """Guarded similarity (0-100) of two keys' words: the Indel similarity of the keys
    without spaces, or 0 when a guard (containment, demonym ending, a word that is not
    close to its counterpart) says they name different things."""
    joined_query, joined_form = "".join(query), "".join(form)
    if joined_query == joined_form:
        return 100.0
    score = fuzz.ratio(joined_query, joined_form)
    if _contained(query, form) or _demonym_of(query, form):
        return 0.0
    return score if _aligned(query, form) else 0.0


def _contained(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return set(a) < set(b) or set(b) < set(a)


def _demonym_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != 1 or len(b) != 1:
        return False
    short, long = sorted((a[0], b[0]), key=len)
    return long.startswith(short) and long[len(short) :] in _DEMONYM_ENDINGS


def _aligned(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Some way of merging adjacent words of the longer name pairs every word with a
    close one ("abdmalik houthi" with "abd malik houthi")."""
    short, long = sorted((a, b), key=len)
    return any(
        all(_words_close(x, y) for x, y in zip(short, grouping, strict=True))
        for grouping in _groupings(long, len(short))
    )


def _groupings(words: tuple[str, ...], parts: int) -> Iterator[tuple[str, ...]]:
    """Every way of joining adjacent words into `parts` words, in order."""
    for cuts in combinations(range(1, len(words)), parts - 1):
        bounds = (0, *cuts, len(words))
        yield tuple("".join(words[i:j]) for i, j in pairwise(bounds))


def _words_close(x: str, y: str) -> bool:
    if x == y:
        return True
    if any(c.isdigit() for c in x + y):
        return False
    shorter = min(len(x), len(y))
    if shorter <= 4:
        return Indel.distance(x, y) <= 1  # "sari"/"sarie"; not "iraq"/"iran"
    if shorter <= 6 and Indel.distance(x, y) > 2:  # "fiden"/"fidan"; not "iranqs"/"iraqi"
        return False
    return fuzz.ratio(x, y) >= TOKEN_MIN


class NameIndex(Generic[T]):
    """Names (surface forms) of values, looked up by matching key, then fuzzily.

    Built from (form, value) pairs; two different values whose forms share a key raise
    `NameConflict`. `match` is cached on the key."""

    def __init__(
        self,
        forms: Iterable[tuple[str, T]],
        threshold: float = FUZZY_THRESHOLD,
        cache_size: int = 65536,
    ) -> None:
        self.threshold = threshold
        self._by_key: dict[str, T] = {}
        first_form: dict[str, str] = {}
        choices: dict[str, tuple[tuple[str, ...], T]] = {}
        for form, value in forms:
            tokens = key_tokens(form)
            joined = "".join(tokens)
            if not joined:
                continue
            other = self._by_key.get(joined)
            if other is not None and other != value:
                raise NameConflict(
                    f"{form!r} and {first_form[joined]!r} name different actors "
                    f"but have the same matching key {' '.join(tokens)!r}"
                )
            self._by_key[joined] = value
            first_form.setdefault(joined, form)
            if fuzzy_eligible(form, tokens):
                choices.setdefault(joined, (tokens, value))
        self._choices = list(choices)
        self._entries = list(choices.values())
        self._lookup = lru_cache(maxsize=cache_size)(self._lookup_key)

    def match(self, text: str) -> T | None:
        """The value a name refers to: by key, then by a guarded fuzzy match; None when
        no form is close enough or two values are about as close."""
        found = self.lookup(text)
        return found.value if found is not None else None

    def lookup(self, text: str) -> Match[T] | None:
        """As `match`, saying how the name matched and with what score."""
        tokens = key_tokens(text)
        if not tokens:
            return None
        return self._lookup(tokens, fuzzy_eligible(text, tokens))

    def score(self, text: str, value: T) -> float:
        """The guarded similarity (0-100) of a name to the closest fuzzy-matchable form of
        `value`, whatever `match` decides (for choosing the threshold, and explaining)."""
        tokens = key_tokens(text)
        scores = [similarity(tokens, form) for form, other in self._entries if other == value]
        return max(scores, default=0.0)

    def _lookup_key(self, tokens: tuple[str, ...], fuzzy: bool) -> Match[T] | None:
        joined = "".join(tokens)
        if joined in self._by_key:
            return Match(self._by_key[joined], "key", 100.0)
        if len(tokens[-1]) >= _PLURAL_MIN and joined.endswith("s") and joined[:-1] in self._by_key:
            return Match(self._by_key[joined[:-1]], "plural", 100.0)  # "Houthis", "Quds Forces"
        return self._fuzzy(tokens) if fuzzy else None

    def _fuzzy(self, tokens: tuple[str, ...]) -> Match[T] | None:
        found = process.extract(
            "".join(tokens),
            self._choices,
            scorer=fuzz.ratio,
            score_cutoff=self.threshold,
            limit=_CANDIDATES,
        )
        passed = []
        for _, _, i in found:
            form_tokens, value = self._entries[i]
            score = similarity(tokens, form_tokens)
            if score >= self.threshold:
                passed.append((score, value))
        if not passed:
            return None
        passed.sort(key=lambda item: -item[0])
        best_score, best = passed[0]
        for score, value in passed[1:]:
            if value != best and score >= best_score - AMBIGUITY_MARGIN:
                return None
        return Match(best, "fuzzy", best_score)


def capital_label(name: str) -> bool:
    """ "CLAIM.", "MONITOR'S ASSESSMENT:", "DERA ISMAIL KHAN:": a name in capitals with a
    word of five letters or more is a section label or a dateline, not an actor, unless
    the gazetteer knows it (callers check); unknown acronyms ("HUR", "TJP", "ISPR") stay
    names."""
    return not any(c.islower() for c in name) and any(
        len(w) >= 5 for w in re.findall(r"[A-Z]+", name)
    )
