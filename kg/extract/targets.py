"""Target resolution: from a token in a parsed clause to canonical target names.

Contract: `Targets(doc, resolver, lexicon)` answers, for tokens of one parsed document,
which actors a phrase names (`actors_in`), who the perpetrator of a harmful act is
(`perpetrators`: possessor, adjective, "by X", "committed by X"; hedged acts such as "a
suspected Israeli strike" have none), and what a praise or condolence phrase names
(`phrase_target`: an actor when the phrase names one, otherwise the phrase as written,
without articles and evaluative adjectives: "the oppressed Palestinian people" ->
"Palestinian people"). Places after "in", "at", "near", "from" are never targets.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kg.extract.actors import Mention
from kg.extract.lexicon import Lexicon

# What an actor owns that a threat aims at: "the bases of X", "the interests of X".
_ASSETS = {
    "interests", "bases", "base", "forces", "troops", "positions", "ships", "vessels",
    "embassy", "embassies", "soldiers", "facilities", "assets", "personnel", "fleet",
    "warships", "cities", "ports", "installations",
}  # fmt: skip
_COMMIT_VERBS = {"commit", "perpetrate", "carry", "conduct", "wage", "launch", "stage", "mount",
                 "orchestrate", "plan", "execute"}  # fmt: skip
_PLACE_PREPS = {"in", "at", "near", "from", "into", "across", "inside", "within", "toward"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
_EVALUATIVE = {
    "oppressed", "victorious", "steadfast", "brave", "heroic", "great", "dear", "honourable",
    "honorable", "valiant", "noble", "resilient", "proud", "beloved", "mujahid", "patient",
    "glorious", "loyal", "free", "all", "entire", "full",
}  # fmt: skip
# "the steadfastness of the Syrian people" praises the Syrian people.
_QUALITY_HEADS = {
    "steadfastness", "resilience", "courage", "bravery", "heroism", "sacrifices", "sacrifice",
    "role", "stance", "position", "efforts", "struggle", "operations", "operation", "victory",
    "victories", "achievements", "jihad", "blood", "spirit", "martyrdom",
}  # fmt: skip
_POPULATION_HEADS = {
    "people", "peoples", "family", "families", "victims", "martyrs", "nation", "citizens",
    "population", "children", "relatives", "brothers", "brethren", "forces", "fighters",
    "mujahideen", "soldiers", "troops", "heroes", "youth", "tribes", "army",
}  # fmt: skip


class Targets:
    def __init__(self, doc: Any, resolver: Any, lexicon: Lexicon) -> None:
        self.doc, self.res, self.lexicon = doc, resolver, lexicon

    def mention(self, token: Any) -> Mention | None:
        found = self._adjectival(self.res.mention_at(token))
        if found is None and token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            det = [c.lower_ for c in token.children if c.dep_ in ("det", "poss")]
            if det and det[0] in ("the", "this", "that"):
                found = self.res.anaphor(token)
                if found is not None and found.type == "person":
                    found = None
        return found

    def _adjectival(self, found: Mention | None) -> Mention | None:
        """ "any Israeli military reply": "military" is an adjective there, so the act is the
        state's (Israel), not its army's; "the Israeli military said" keeps the army."""
        if found is None or found.type != "state" or not found.affiliation:
            return found
        span = self.doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is None:
            return found
        last = span[-1]
        if last.tag_ == "JJ" and last.dep_ == "amod" and last.head.i >= span.end:
            return replace(found, name=found.affiliation, affiliation=None, kind="adj")
        return found

    def actors_in(self, token: Any, skip_places: bool = True) -> list[Mention]:
        """Actors named in the phrase headed by `token` (places and clauses left out)."""
        out: list[Mention] = []
        stack = [token]
        while stack:
            current = stack.pop()
            if skip_places and current.dep_ == "prep" and current.lower_ in _PLACE_PREPS:
                continue
            if current.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos") and current.i != token.i:
                continue
            if current.lower_ in _POSSESSIVE_PRONOUNS:
                continue
            found = self.mention(current)
            if found is not None and found not in out:
                out.append(found)
            stack.extend(current.children)
        return [m for m in out if m.type != "other"]

    def head_actors(self, token: Any) -> list[Mention]:
        """Actors that the phrase headed by `token` is, or belongs to ("American bases",
        "U.S. interests in the region" -> United States; places after "in" left out)."""
        out = []
        own = self.mention(token)
        if own is not None:
            out.append(own)
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < token.i:
                for item in [child, *child.conjuncts]:  # "American and British ships"
                    found = self.mention(item)
                    if found is not None and item.lower_ not in _POSSESSIVE_PRONOUNS:
                        out.append(found)
            if child.dep_ == "prep" and child.lower_ == "of" and token.lower_ in _ASSETS:
                for pobj in child.children:  # "the interests of the coalition"
                    found = self.mention(pobj) if pobj.dep_ == "pobj" else None
                    if found is not None:
                        out.append(found)
        return [m for m in _unique(out) if m.type != "other"]

    def hedged(self, noun: Any) -> bool:
        hedges = self.lexicon.words["hedges"]
        return any(t.lower_ in hedges for t in noun.subtree if t.i < noun.i) or any(
            t.lower_ in hedges for t in noun.head.children if t.i < noun.i
        )

    def perpetrators(self, noun: Any) -> tuple[list[Mention], bool]:
        """(actors, phrase_found): who did the act `noun` names, and whether the text
        named a perpetrator at all (even one we cannot resolve, like "the enemy")."""
        if self.hedged(noun):
            return [], True
        out: list[Mention] = []
        named = False
        aggression = noun.lower_ in self.lexicon.words["aggression_nouns"]
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
                if child.lower_ in _POSSESSIVE_PRONOUNS:
                    # "its/their escalation": an actor; "his killing": a person, a victim
                    found = self._pronoun_antecedent(child) if child.lower_ in (
                        "its", "their") else None  # fmt: skip
                    named = True
                    out += [found] if found else []
                    if found is not None and child.lower_ == "their":
                        out += self._conjoined_with(found)  # "America and Britain ... their"
                    continue
                found_here = self.actors_in(child)
                if found_here:
                    named = True
                    out += found_here
            elif (child.dep_ == "prep" and child.lower_ == "by") or child.dep_ == "agent":
                named = True
                for pobj in child.children:
                    out += self.actors_in(pobj)
            elif child.dep_ == "prep" and child.lower_ == "of" and aggression:
                for pobj in child.children:
                    own = self.mention(pobj)
                    found_here = (
                        [own] if own is not None and own.type not in ("person", "other") else []
                    )
                    if found_here:
                        named = True
                        out += found_here
            elif child.dep_ == "acl":
                for agent in child.children:
                    if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ == "by"):
                        named = True
                        for pobj in agent.children:
                            out += self.actors_in(pobj)
        if noun.dep_ == "nsubjpass" and noun.head.lemma_.lower() in _COMMIT_VERBS:
            for agent in noun.head.children:  # "the attack was carried out by X"
                if agent.dep_ == "agent":
                    named = True
                    for pobj in agent.children:
                        out += self.actors_in(pobj)
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _COMMIT_VERBS:
            for subject in noun.head.children:  # "X committed a crime against Y"
                if subject.dep_ == "nsubj" and subject.pos_ != "PRON":
                    named = True
                    out += self.actors_in(subject)
        return _unique(out), named

    def person_before(self, pronoun: Any, exclude: set[str]) -> Mention | None:
        """The person "him"/"her" most likely names: the nearest earlier person mention
        (within ~80 tokens) that is not the speaker."""
        doc = pronoun.doc
        for index in range(pronoun.i - 1, max(-1, pronoun.i - 80), -1):
            found = self.res.mention_at(doc[index])
            if found is not None and found.type == "person" and found.name not in exclude:
                return found
        return None

    def _conjoined_with(self, mention: Mention) -> list[Mention]:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return []
        head = span.root
        others = [*head.conjuncts]
        out = []
        for token in others:
            found = self.mention(token)
            if found is not None and found.name != mention.name and found.type != "person":
                out.append(found)
        return out

    def _pronoun_antecedent(self, pronoun: Any) -> Mention | None:
        doc = pronoun.doc
        for index in range(pronoun.i - 1, max(-1, pronoun.i - 60), -1):
            token = doc[index]
            found = self.res.mention_at(token)
            if found is not None and found.kind != "adj" and found.type != "person":
                return found
            if token.is_sent_start:
                break
        return None

    def phrase_target(self, token: Any) -> str | Mention | None:
        """What a praise/condolence phrase names: an actor, or the phrase as written."""
        head = token
        actors = self.actors_in(head, skip_places=False)
        own = self.res.mention_at(head)
        for child in head.children:
            if child.dep_ == "appos":
                found = self.res.mention_at(child)
                if found is not None:
                    return found
        if own is not None and own.kind != "adj":
            return own
        brothers = head.lower_ not in _POPULATION_HEADS or head.lower_ in ("brothers", "brethren")
        if brothers and len(actors) == 1 and actors[0].kind != "adj":
            return actors[0]
        if head.lower_ in _QUALITY_HEADS:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.phrase_target(pobj)
        if own is None and head.text[:1].isupper():  # "the Guards", not "the resistance"
            anaphor = self.mention(head)
            if anaphor is not None and anaphor.kind != "adj":
                return anaphor
        words = []
        for t in head.subtree:
            if t.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj") and t.i != head.i:
                continue
            if t.i > head.i and t.dep_ == "prep" and t.lower_ != "of":
                break
            if any(a.dep_ in ("relcl", "acl", "appos", "conj") and a.i != head.i
                   for a in t.ancestors if a.i in range(head.left_edge.i, head.right_edge.i + 1)
                   and a.is_ancestor(t) and head.is_ancestor(a)):  # fmt: skip
                continue
            if t.dep_ in ("det", "predet") or t.lower_ in _POSSESSIVE_PRONOUNS:
                continue
            if t.like_num or t.is_punct or t.text in ("[", "]"):
                continue
            if t.is_space:
                continue
            if t.lower_ in _EVALUATIVE:
                continue
            words.append(t)
        if not words:
            return None
        text = self.doc[words[0].i : words[-1].i + 1].text
        if not any(w.text[:1].isupper() for w in words) and head.lower_ not in _POPULATION_HEADS:
            return None
        if not any(w.text[:1].isupper() for w in words) and len(words) < 2:
            return None
        return text


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            out.append(mention)
    return out
