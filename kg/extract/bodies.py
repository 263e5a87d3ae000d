"""Speakers that are bodies or names nobody tagged: a group's sub-body ("Ansar Allah's
political bureau"), a group that names itself ("a group calling itself X"), a state's
body the gazetteer lacks ("Joint Operations Command", "Iran's Supreme National Security
Council"), and capitalised subjects NER missed, typed by apposition or name words.

A mixin of `kg.extract.attribution.Attributor`: it needs the host's `doc`, `lexicon`,
`res` (`Resolver`) and `gazetteer`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract.actors import Mention, strip_titles
from kg.extract.coref import Resolver
from kg.extract.lexicon import Lexicon
from kg.gazetteer import Gazetteer

_NAMING = {"call", "name", "know", "dub", "style"}  # "a group calling itself X"


def np_text(token: Any) -> tuple[str, int]:
    """A subject's noun phrase as written (clauses and appositions left out), and where."""
    tokens = [t for t in token.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")
              or t.i == token.i]  # fmt: skip
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens if t.i <= token.i or t.dep_ != "prep") + 1
    span = token.doc[left:right]
    text = span.text.rstrip(",")
    return text, span.start_char


def proper_chain(head: Any) -> int:
    """How many capitalised proper-noun tokens name the subject (its compound chain)."""
    count, token = int(head.text[:1].isupper()), head
    while token.i > 0:
        previous = token.nbor(-1)
        glued = previous.text == "-" and not previous.whitespace_  # "al-Dam", not " - "
        joined = previous.whitespace_ or token.text == "-"
        if not (glued or (previous.pos_ == "PROPN" and joined)):
            break
        count += previous.text[:1].isupper()
        token = previous
    return count


class Bodies:
    doc: Any
    lexicon: Lexicon
    res: Resolver
    gazetteer: Gazetteer

    def _group_body(self, head: Any) -> Mention | None:
        """ "Ansar Allah's political bureau", "the movement's political bureau": a sub-body
        the gazetteer knows as "<group> political bureau" (rule 4: it speaks for itself,
        with its group as affiliation)."""
        if head.pos_ != "NOUN":
            return None
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return None
        group = self.res.mention_at(owner)
        if group is None and owner.pos_ == "NOUN":
            group = self.res.anaphor(owner)
        if group is None or group.type not in ("militia", "organization"):
            return None
        words = [c for c in head.children if c.dep_ in ("amod", "compound") and c.i > owner.i]
        phrase = " ".join(t.text for t in [*words, head])
        actor = self.gazetteer.resolve(f"{group.name} {phrase}")
        if actor is None or actor.affiliation != group.name:
            return None
        text, start = np_text(head)  # "the movement's political bureau" as written
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        return Mention(start, start + len(text), text, actor.name, actor.type, "descriptor",
                       actor.affiliation)  # fmt: skip

    def self_named(self, head: Any) -> Mention | None:
        """ "a little-known group calling itself Saraya Awliya al-Dam": the name the
        subject gives itself, typed by the subject's noun (group -> militia)."""
        if head.pos_ != "NOUN":
            return None
        for acl in head.children:
            if acl.dep_ != "acl" or acl.lemma_.lower() not in _NAMING:
                continue
            for name in acl.children:
                if name.dep_ not in ("oprd", "attr", "dobj") or name.pos_ != "PROPN":
                    continue
                if proper_chain(name) < 2 and name.ent_type_ not in ("ORG", "PERSON", "FAC"):
                    continue
                found = self.res.mention_at(name)
                if found is not None and found.kind != "adj" and found.known:
                    return found
                mention = self._unknown_actor(name)[0] if found is None else found
                kind = self.lexicon.anaphor_nouns.get(head.lower_)
                if kind in ("militia", "media"):  # the group's noun beats NER's guess
                    mention = replace(mention, type=kind, name=mention.text)
                return mention
        return None

    def _retype(self, mention: Mention, head: Any) -> Mention:
        """An actor the gazetteer lacks: its kind from its apposition ("X, a little-known
        group") or its name ("Saraya ...", "Kataib ..."), else what NER said."""
        for child in head.children:
            if child.dep_ != "appos":
                continue
            kind = self.lexicon.anaphor_nouns.get(child.lower_)
            if kind in ("militia", "media", "state"):
                return replace(mention, type=kind, name=mention.text)
            if child.lower_ in self.lexicon.words["role_nouns"]:
                return replace(mention, type="person")
        words = {w.lower() for w in re.split(r"[\s\-]", mention.text)}
        if words & self.lexicon.words["militia_name_words"]:
            return replace(mention, type="militia", name=mention.text)
        owner = self._owning_state(head)
        if words & self.lexicon.words["military_body_words"] or (
            owner is not None and words & self.lexicon.words["state_body_words"]
        ):  # "Joint Operations Command", "Iran's Supreme National Security Council"
            return replace(mention, type="state", affiliation=owner or mention.affiliation)
        return mention

    def _owning_state(self, head: Any) -> str | None:
        """The state that owns a body: "Iran's X", "the Iraqi military's X", "Iraqi X"."""
        for child in head.children:
            if child.dep_ not in ("poss", "amod", "compound") or child.i > head.i:
                continue
            for token in child.subtree:
                found = self.res.mention_at(token)
                if found is not None and found.type == "state":
                    return found.name
        return None

    def _unknown_actor(self, head: Any) -> tuple[Mention, str, str, int]:
        """A capitalised subject nobody tagged: an actor with its own name."""
        left = head
        while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).head.i == head.i:
            left = left.nbor(-1)
        span = self.doc[left.i : head.i + 1]
        roles = self.lexicon.words["role_nouns"]
        person = any(
            c.dep_ == "appos" and any(t.lower_ in roles for t in c.subtree) for c in head.children
        ) or (head.ent_type_ == "PERSON")
        kind = "person" if person else "state" if head.ent_type_ == "GPE" else "organization"
        name = span.text
        country = self.lexicon.capitals.get(name)
        if kind == "state" and country:  # "Baghdad said": the government speaks
            name = self.lexicon.governments.get(country, f"Government of {country}")
        if kind == "person":
            name = strip_titles(name, self.lexicon.words["person_titles"])
        mention = Mention(span.start_char, span.end_char, span.text, name, kind, "ner",
                          known=False)  # fmt: skip
        return self._retype(mention, head), "subject", span.text, span.start_char
