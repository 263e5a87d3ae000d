"""The plain data the extraction components hand each other on a spaCy `Doc`.

Every component reads only what earlier components assigned and writes only its own
extension (see `kg.extract.nlp` for the order). The values are frozen dataclasses, so a
component can never change what another one found:

| extension | assigned by | value |
| --- | --- | --- |
| `doc._.kg_source` | the caller | `SourceDocument` (id, publication date, title) or None |
| `doc._.kg_layout` | `kg_layout` | `Layout`: paragraphs and their kinds, head, footnotes |
| `doc._.kg_mentions` | `kg_actors` | `Mentions`: actor mentions, by token |
| `doc._.kg_acts` | `kg_speech` | tuple of `SpeechAct`: reporting cues and what was said |
| `doc._.kg_rule_attributions` | `kg_attribution` | tuple of `Attribution`: the rules' speakers |
| `doc._.kg_attributions` | `kg_learned_attribution` | the attributions after the trained model |
| `doc._.kg_sponsors` | `kg_sponsors` | `{actor name: state}` the text attaches (rule 5) |
| `doc._.kg_event` | `kg_events` | `Event`: the narrated harmful act, its authors and date |
| `doc._.kg_claims` | `kg_stances` | tuple of `Claim`: (act, stance, target) with its cue |
| `doc._.kg_learned_claims` | `kg_learned_stances` | the claims after the trained model |
| `doc._.kg_dates` | `kg_dates` | tuple of statement dates, one per act |
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

EXTENSIONS = (
    "kg_source",
    "kg_layout",
    "kg_mentions",
    "kg_acts",
    "kg_rule_attributions",
    "kg_attributions",
    "kg_sponsors",
    "kg_event",
    "kg_claims",
    "kg_learned_claims",
    "kg_dates",
)


def register_extensions() -> None:
    """Declare the Doc extensions (idempotent; spaCy keeps them per process)."""
    from spacy.tokens import Doc

    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


# -- layout ----------------------------------------------------------------------------
PARAGRAPH_KINDS = ("head", "heading", "body", "block", "entry", "footnotes")


@dataclass(frozen=True)
class Entry:
    """A digest entry's header: "17 October, 21:40 - NAME (note): text"."""

    name: str
    name_start: int
    name_end: int
    date: str | None  # as written ("17 October", "22 June"), or None
    note: str | None  # the bracketed note ("official channel", "23 June, on X")
    body_start: int  # where the entry's own text starts
    numbered: bool = False  # its name follows an item's number ("3. Killings. ...")


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    kind: str  # one of PARAGRAPH_KINDS
    entry: Entry | None = None
    opener: int | None = None  # a block's opening paragraph ("Full statement:")


@dataclass(frozen=True)
class Layout:
    paragraphs: tuple[Paragraph, ...]
    head_end: int  # where the document's head (headline, date and byline lines) ends
    footnotes: dict[str, str] = field(default_factory=dict)  # "3" -> "Twitter."
    # a "Sources" list's entries: "Hamas Telegram channel, 19 November 2023"
    sources: tuple[str, ...] = ()
    _starts: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(p.start for p in self.paragraphs))

    def at(self, char: int) -> Paragraph:
        """The paragraph holding character offset `char`."""
        index = max(0, bisect_right(self._starts, char) - 1)
        return self.paragraphs[index]

    def notes_in(self, text: str) -> list[str]:
        """The footnotes the markers in `text` point to ("... posted [2]:" -> "Telegram.");
        "" for a marker with no footnote."""
        return [self.footnotes.get(marker, "") for marker in _MARKER.findall(text)]


_MARKER = re.compile(r"\[(\d{1,3})\]")  # a footnote marker: "[2]"


# -- actors ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Mention:
    """Where the text names an actor, and which actor (canonical name and type)."""

    start: int  # character offsets
    end: int
    text: str
    name: str  # canonical name, or the name as written for actors the gazetteer lacks
    type: str  # person | militia | state | organization | media | other
    kind: str = "name"  # name | adj (a demonym: "Israeli") | ner | descriptor | abbr
    affiliation: str | None = None
    umbrella: bool = False
    known: bool = True  # in the gazetteer


@dataclass(frozen=True)
class Mentions:
    items: tuple[Mention, ...]
    by_token: dict[int, Mention]

    def at(self, token: Any) -> Mention | None:
        return self.by_token.get(token.i)

    def before(self, char: int) -> list[Mention]:
        """Mentions that end before `char`, nearest first."""
        return [m for m in reversed(self.items) if m.end <= char]

    def pair_before(self, token: Any, group_nouns: frozenset[str]) -> list[Mention]:
        """ "Both groups denied any link", "the two groups bore responsibility": the last
        two groups named before (militias or organisations), when `token` is such a
        phrase's head; else nothing."""
        paired = any(c.lower_ == "both" or (c.lower_ == "two" and c.dep_ == "nummod")
                     for c in token.children)  # fmt: skip
        if not paired or token.lemma_.lower() not in group_nouns:
            return []
        found: list[Mention] = []
        for mention in self.before(token.idx):
            if mention.kind in ("adj", "capital") or mention.type not in (
                "militia",
                "organization",
            ):
                continue
            if all(mention.name != m.name for m in found):
                found.append(mention)
            if len(found) == 2:
                return found[::-1]
        return []


# -- speech acts -----------------------------------------------------------------------
ACT_KINDS = ("verb", "passive", "noun", "block", "entry", "quote")


@dataclass(frozen=True)
class SpeechAct:
    """A reporting cue and what was said. `subject` is the token naming who spoke, or
    None when the speaker comes from the layout (a block's opener, a digest entry's
    header, an open quotation)."""

    cue: int  # token index of the reporting verb or noun (or the sentence root)
    sentence: tuple[int, int]  # token range
    content: frozenset[int]  # token indices of what was said
    paragraph: int
    kind: str  # one of ACT_KINDS
    subject: int | None = None
    subjects: tuple[int, ...] = ()  # joint subjects ("X and Y said"), subject first


# -- attribution -----------------------------------------------------------------------
@dataclass(frozen=True)
class Speaker:
    name: str
    type: str
    surface: str
    surface_start: int
    affiliation: str | None = None
    known: bool = True


@dataclass(frozen=True)
class Attribution:
    """Who made a speech act, and how that was found: `chain` lists the steps
    ("subject", "pronoun", "role", "block", "entry", ...), shortest first."""

    act: int  # index into doc._.kg_acts
    speaker: Speaker
    chain: tuple[str, ...]


# -- events, claims --------------------------------------------------------------------
@dataclass(frozen=True)
class Event:
    """The harmful act the document narrates, and who carried it out (never a hedged
    author); `sentence` is its token range."""

    authors: tuple[Mention, ...] = ()
    sentence: tuple[int, int] | None = None
    date: str | None = None


@dataclass(frozen=True)
class Claim:
    """One stance of one attributed act towards one target, and the cue that gave it."""

    attribution: int  # index into doc._.kg_attributions
    stance: str  # record field of the stance registry
    target: str  # canonical name, or the phrase as written (rule 14)
    cue: str  # the registry cue's id
    tokens: tuple[int, int]  # token span holding the cue and its target
    confidence: float = 0.8  # how often the cue is right (the registry's estimate)


def path_up(token: Any, top: Any) -> list[Any]:
    """The tokens from `token` up the parse to `top` (not included); at most 40, and
    stops at the root when `top` is not an ancestor."""
    out = []
    while token.i != top.i and token.head.i != token.i and len(out) < 40:
        out.append(token)
        token = token.head
    return out


def of_objects(token: Any) -> list[Any]:
    """The objects of the "of" phrases `token` heads ("the soldiers of the Pakistan Army",
    "the efforts of the United States and France": their first conjuncts only)."""
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj"]  # fmt: skip


def set_against(clause: Any) -> bool:
    """A clause the narrator sets against another ("..., while the ministry condemned
    ...", "whereas"): a contrast of the narrator's, not the other clause's words."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in clause.children
    )


def interrupted_clause(subject: Any) -> frozenset[int]:
    """ "Abu Taqwa, he told reporters, had been involved ...": when `subject` is the
    subject of a parenthetical verb, the tokens of the clause it interrupts (what is
    reported, whose subject is never the one who reports it); else nothing."""
    verb = subject.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "parataxis":
        return frozenset()
    # what is reported starts after a colon before it ("X was less conciliatory: Sanaa
    # sought peace, he said"), whatever the parser made the root
    colons = [t.i for t in subject.sent if t.i < subject.i and t.text in (":", ";")]
    start = colons[-1] if colons else -1
    return frozenset(t.i for t in verb.head.subtree if t.i > start) - {t.i for t in verb.subtree}


# Nouns of the occasion a person speaks on ("in a televised address on 5 August", "went on
# television last night"): a pronoun's statement in the next sentences was made there too
OCCASION_NOUNS = frozenset({"address", "speech", "interview", "conference", "briefing",
                            "television", "broadcast", "sermon"})  # fmt: skip


def occasions_before(doc: Any, act: SpeechAct) -> list[Any]:
    """ "Prime Minister X made the case in a televised address on August 5. Islamic
    Jihad, he said, had ...": the sentences before a "he"/"she" statement, nearest first
    and at most two, in its paragraph, that name an occasion of speaking (its date and
    medium are the statement's)."""
    if act.subject is None or doc[act.subject].lower_ not in ("he", "she"):
        return []
    layout = doc._.kg_layout
    out: list[Any] = []
    start = act.sentence[0]
    for _ in range(2):
        if start == 0 or layout.at(doc[start - 1].idx).index != act.paragraph:
            break
        sentence = doc[start - 1].sent
        if any(t.lower_ in OCCASION_NOUNS for t in sentence):
            out.append(sentence)
        start = sentence.start
    return out


def source_phrases(verb: Any) -> list[Any]:
    """What a source verb's "from" phrases name: "The claim came from JNIM"; "came hours
    later from X", where the parser may hang the phrase on "later"."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "advmod")]
    return [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
            for p in c.children if p.dep_ == "pobj"]  # fmt: skip


def own_side(speaker: Speaker, parents: dict[str, str]) -> set[str]:
    """The speaker and the bodies it speaks for, up the parents ("Israel Defense Forces"
    -> "Israel"); blaming one's own government still counts (rule 6), so a group's parent
    state is not added for groups."""
    own = {speaker.name}
    current = speaker.affiliation
    while current and current not in own and len(own) < 5:
        own.add(current)
        parent = parents.get(current)
        current = parent if speaker.type in ("state", "person") else None
    return own
