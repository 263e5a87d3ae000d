"""`kg_sponsors`: the state backer the text itself attaches to an actor (rule 5).

Requires: the parse, `doc._.kg_mentions`, `doc._.kg_acts`. Assigns: `doc._.kg_sponsors`,
`{canonical actor name: canonical state name}`.

Cues, for any state of data/states.yaml by its name, short form, demonym or capital
("Iran", "Iranian", "Tehran", "U.S.", "Washington", "UAE", "the Emirates", "Ankara"):
* "<STATE>-backed/-sponsored/-funded/-supported/-armed X", "pro-<STATE> X";
* "X, backed by <STATE>", "X, which is supported by <STATE>", "X (backed by <STATE>)";
* "<STATE>, which backs/supports/funds/arms X".
The backed actor is the phrase the cue modifies: a named actor, or the actor a generic
noun refers back to ("the Iran-backed group"); a person whose own description names the
backed body ("X, foreign minister of the Saudi-backed government") is covered too, as are
a group's members and sub-bodies (assembly looks up the speaker's affiliation), and a
backed government's state, whose ministries are its members.
"-linked", "-allied", "-aligned", "-led" and "proxy" are no cue. A cue inside what
someone is reported to say ("Biden said the attack was carried out by militias backed by
Iran") is that speaker's claim, not the text's: it gives nothing. Several backers: the
first the text names.
"""

from __future__ import annotations

from typing import Any

from kg.extract.doc import Mention
from kg.extract.wordlists import Acts
from kg.places import States


class SponsorFinder:
    def __init__(self, states: States, acts: Acts) -> None:
        self.states = states
        self.backed, self.backs = acts.backing_participles, acts.backing_verbs
        self.group_nouns = acts.group_nouns
        # "Government of Yemen" -> "Yemen": a government's backer covers its state's bodies
        self.state_of_government = {g: name for name, g in states.governments().items()
                                    if g != name}  # fmt: skip

    def __call__(self, doc: Any) -> Any:
        doc._.kg_sponsors = self.sponsors(doc)
        return doc

    def state(self, text: str) -> str | None:
        """The state a name, short form, demonym or capital stands for (data/states.yaml);
        other cities are no metonym ("Dubai-backed" names no backer)."""
        state = self.states.backer(text)
        return state.name if state is not None else None

    def sponsors(self, doc: Any) -> dict[str, str]:
        quoted = _quoted(doc)
        out: dict[str, str] = {}
        for token in doc:
            if token.i in quoted:
                continue
            found = self._cue(doc, token)
            if found is None:
                continue
            state, backed = found
            for mention in backed:
                name = mention.name
                if mention.start < token.idx < mention.end and mention.affiliation:
                    # "the Presidential Council of the Turkish-backed GNA": the body named
                    # after the cue is backed; the council inherits it as a sub-body
                    name = mention.affiliation
                if name != state:
                    out.setdefault(name, state)
                governed = self.state_of_government.get(name)
                if governed is not None and governed != state:
                    # "the Saudi-backed government of President Hadi": its ministries,
                    # affiliated with the state, are members of the backed government
                    out.setdefault(governed, state)
        return out

    def _cue(self, doc: Any, token: Any) -> tuple[str, list[Mention]] | None:
        lower = token.lower_
        if lower in self.backed and token.i >= 2 and doc[token.i - 1].text == "-":
            state = self._state_before(doc, token.i - 2)  # "Iran-backed", "U.S.-backed"
            return (state, self._backed_phrase(doc, token)) if state else None
        if lower in self.backed and token.i >= 1 and doc[token.i - 1].pos_ == "PROPN":
            state = self._state_before(doc, token.i - 1)  # "the Iran backed Houthis"
            return (state, self._backed_phrase(doc, token)) if state else None
        if lower == "pro" and token.i + 2 < len(doc) and doc[token.i + 1].text == "-":
            state = self.state(doc[token.i + 2].text)  # "pro-Iran"
            return (state, self._backed_phrase(doc, doc[token.i + 2])) if state else None
        if lower in self.backed and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "by":
            state = self._state_after(doc, token.i + 2)  # "backed by Tehran"
            return (state, self._backed_by(doc, token)) if state else None
        if token.lemma_.lower() in self.backs and token.dep_ == "relcl":
            state = self.state(token.head.text)  # "Iran, which backs the Houthis"
            objects = [c for c in token.children if c.dep_ == "dobj"]
            if state and objects:
                return state, self._mentions_of(doc, objects[0])
        return None

    def _state_before(self, doc: Any, index: int) -> str | None:
        for start in range(max(0, index - 2), index + 1):  # "United Arab Emirates-backed"
            state = self.state(doc[start : index + 1].text)
            if state:
                return state
        return None

    def _state_after(self, doc: Any, index: int) -> str | None:
        if index < len(doc) and doc[index].lower_ == "the":
            index += 1
        for end in range(min(len(doc), index + 3), index, -1):
            state = self.state(doc[index:end].text)
            if state:
                return state
        return None

    def _backed_phrase(self, doc: Any, token: Any) -> list[Mention]:
        """What "<STATE>-backed" modifies: the noun it hangs on (its name, its owner, the
        actor a generic noun refers to), and a person whose description holds it."""
        head = token.head
        while head.dep_ in ("amod", "compound", "npadvmod", "punct") and head.head.i != head.i:
            if head.pos_ in ("NOUN", "PROPN") and head.i > token.i:
                break
            head = head.head
        found = self._mentions_of(doc, head)
        if not found and head.dep_ == "appos":  # "Al-Nujaba, an Iran-backed faction,"
            found = self._mentions_of(doc, head.head)
        definite = any(c.lower_ in ("the", "this", "that") for c in head.children)
        if not found and head.lower_ in self.group_nouns and definite:  # "the Iran-backed group"
            found = self._referent(doc, head)
        if not found:  # a parser slip: the name right after the cue ("Iran backed Houthi's")
            found = self._next_name(doc, token)
        return found + self._person_described(doc, head)

    def _next_name(self, doc: Any, token: Any) -> list[Mention]:
        for follower in doc[token.i + 1 : token.i + 4]:
            if follower.is_punct:
                return []
            found = doc._.kg_mentions.at(follower)
            if found is not None and found.kind not in ("adj", "capital"):
                return [found]
        return []

    def _backed_by(self, doc: Any, token: Any) -> list[Mention]:
        """ "X, backed by Iran" (the participle hangs on X), "X is backed by Iran"."""
        if token.dep_ in ("acl", "relcl", "amod", "advcl"):
            head = token.head
            return self._mentions_of(doc, head) + self._person_described(doc, head)
        subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        if subjects and subjects[0].lower_ in ("which", "who"):
            subjects = [token.head] if token.dep_ == "relcl" else []
        return self._mentions_of(doc, subjects[0]) if subjects else []

    def _mentions_of(self, doc: Any, head: Any) -> list[Mention]:
        mentions = doc._.kg_mentions
        own = mentions.at(head)
        if own is not None and own.kind not in ("adj",):
            return [own]
        out = []
        for child in head.children:  # "the Iran-backed Houthis' political bureau"
            if child.dep_ in ("poss", "compound", "appos"):
                found = mentions.at(child)
                if found is not None and found.kind not in ("adj", "capital"):
                    out.append(found)
        return out

    def _referent(self, doc: Any, noun: Any) -> list[Mention]:
        """ "the Iran-backed group": the armed group named last before it."""
        groups = [
            m
            for m in doc._.kg_mentions.before(noun.idx)
            if m.kind not in ("adj", "capital") and m.type in ("militia", "organization")
        ]
        groups.sort(key=lambda m: not m.known)  # nearest gazetteer group before NER's guesses
        return groups[:1]

    def _person_described(self, doc: Any, head: Any) -> list[Mention]:
        """ "Mohammed al-Hadrami, foreign minister of the Saudi-backed government"."""
        mentions = doc._.kg_mentions
        for ancestor in head.ancestors:
            if ancestor.dep_ == "appos":
                person = mentions.at(ancestor.head)
                if person is not None and person.type == "person":
                    return [person]
        return []


def _quoted(doc: Any) -> set[int]:
    """Tokens inside quotation marks: what someone said, not what the text says."""
    out: set[int] = set()
    inside = False
    for token in doc:
        if token.text in _QUOTE_MARKS:
            inside = _toggle(inside, token.text)
            continue
        before = inside
        for char in token.text:  # a mark glued to a word ('people".') opens or closes too
            if char in _QUOTE_MARKS:
                inside = _toggle(inside, char)
        if before or inside:
            out.add(token.i)
        if "\n\n" in token.text_with_ws:
            inside = False
    return out


_QUOTE_MARKS = ('"', "\u201c", "\u201d")


def _toggle(inside: bool, mark: str) -> bool:
    """Inside a quotation after `mark`: a closing curly mark closes, a straight one
    alternates, an opening one opens."""
    return mark != "\u201d" and not (inside and mark == '"')


def _register() -> None:
    from spacy.language import Language

    if "kg_sponsors" in Language.factories:
        return

    @Language.factory(
        "kg_sponsors",
        requires=["token.dep", "doc._.kg_mentions", "doc._.kg_acts"],
        assigns=["doc._.kg_sponsors"],
    )
    def make_sponsor_finder(nlp: Any, name: str) -> SponsorFinder:
        from kg.extract.wordlists import load_acts
        from kg.places import load_states

        return SponsorFinder(load_states(), load_acts())


_register()
