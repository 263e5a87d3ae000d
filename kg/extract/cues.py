"""Cue detection: the five labels of one speech act, with their targets.

Contract: `label_act(doc, act, targets, lexicon, event_perpetrators)` -> dict of the five
label fields to lists of target names, applying the contract's rules to the tokens of the
act's content: explicit verbs (condemn, accuse, warn, praise); "crime"/"terror" framing
(condemns the act's perpetrator); aggression and harmful acts attributed to someone
(blames); responsibility ("held X responsible", "X bears responsibility"); threats only
with a future or modal marker, targeting who will "pay", "face", "regret" or whom the
speaker will "respond"/"strike" against; conditional threats ("if X attacks") count;
reasons ("in response to X's crimes") are blame, not threat; negated cues and hedged
perpetrators give nothing; the speaker and its own side are never targets.
"""

from __future__ import annotations

from typing import Any

from kg.extract.actors import Mention
from kg.extract.coref import SpeechAct
from kg.extract.lexicon import Lexicon
from kg.extract.targets import Targets
from kg.extract.threats import ThreatCues, negated
from kg.model import LABEL_FIELDS

_REASON_NOUNS = {"response", "retaliation", "revenge", "reprisal", "reaction"}
_DENY_VERBS = {"deny", "reject", "dismiss", "refute", "rebuff"}
_BEAR = {"bear", "bears", "bore", "bearing", "borne"}
_PLAN_MARKERS = {"will", "would", "shall", "'ll", "wo", "ready", "going"}
_FRAMING_VERBS = {"call", "describe", "term", "brand", "label", "characterize", "consider"}


class _Labeller(ThreatCues):
    def __init__(self, doc: Any, act: SpeechAct, targets: Targets, lexicon: Lexicon,
                 event: list[Mention], own: set[str]) -> None:  # fmt: skip
        self.doc, self.act, self.t, self.lex, self.event, self.own = (
            doc,
            act,
            targets,
            lexicon,
            event,
            own,
        )
        self.tokens = [doc[i] for i in sorted(act.content)]
        # a state's own bodies never threaten that state ("Iraqi bases would be targeted",
        # said by the Iraqi government, is a fear); blaming it still counts (rule 6)
        self.own_country = {c for c, g in lexicon.governments.items() if g in own} | {
            c for c in own if lexicon.governments.get(c)
        }  # fmt: skip
        self.event_text = ""
        self.out: dict[str, list[str]] = {name: [] for name in LABEL_FIELDS}

    def add(self, label: str, mentions: list[Mention] | list[str]) -> None:
        for item in mentions:
            name = item if isinstance(item, str) else item.name
            if isinstance(item, Mention) and (item.type == "other" and label not in (
                "praises_or_supports", "condolences_to")):  # fmt: skip
                continue
            if name in self.own or name in self.out[label]:
                continue
            if label == "threatens_or_vows_revenge_against" and name in self.own_country:
                continue
            self.out[label].append(name)

    def words(self, section: str) -> frozenset[str]:
        return self.lex.words[section]

    def _denied(self, token: Any) -> bool:
        """Inside what the speaker denies ("rejected accusations that Tehran was
        involved", "denied that Iran was behind it"): no label from there (rule 13)."""
        for ancestor in token.ancestors:
            if ancestor.i not in self.act.content and ancestor.i != self.act.verb:
                break
            if ancestor.lemma_.lower() in _DENY_VERBS and ancestor.i != token.i:
                return True
        return False

    def run(self) -> dict[str, list[str]]:
        for token in self.tokens:
            lower, lemma = token.lower_, token.lemma_.lower()
            if self._denied(token) or self._not_done(token):
                continue
            if lemma in self.words("condemn_verbs") and token.pos_ == "VERB":
                self.condemn_verb(token)
            if lower in self.words("aggression_nouns") or lower in self.words("harm_nouns"):
                self.harm_noun(token)
            if lemma in self.words("blame_verbs") and not negated(token):
                for child in token.children:
                    if child.dep_ in ("dobj", "nsubjpass"):
                        for obj in [child, *child.conjuncts]:
                            self.add("blames", self._object_actors(obj))
            if lower in self.words("responsibility_words"):
                self.responsibility(token)
            if lower in self.words("complicity_words"):
                self.complicity(token)
            if lower in self.words("crime_nouns") or lemma in ("crime", "terrorism"):
                self.crime(token)
            if lemma in self.words("praise_verbs") and token.pos_ == "VERB":
                self.praise_objects(token)
            if lemma in _FRAMING_VERBS and token.pos_ == "VERB":
                self.epithet(token)
            if lower in self.words("praise_nouns") or lemma in self.words("praise_stand_verbs"):
                self.support(token)
            if lower in self.words("condolence_nouns"):
                self.condolences(token)
            if lower in _REASON_NOUNS:
                self.reason(token)
            if lemma in self.words("blame_deed_verbs") and token.pos_ == "VERB":
                self.deed(token)
        self.threats()
        self.provocations()
        return self.out

    # -- blame and condemnation ------------------------------------------------------
    def _object_actors(self, token: Any) -> list[Mention]:
        if token.lower_ in ("which", "who", "that") and token.head.dep_ == "relcl":
            antecedent = token.head.head
            found = self.t.mention(antecedent)
            return [found] if found else []
        return self.t.actors_in(token)

    def _in_condemn_object(self, token: Any) -> bool:
        return any(
            a.lemma_.lower() in self.words("condemn_verbs")
            for a in token.ancestors
            if a.i in self.act.content or a.i == self.act.verb
        )

    def hypothetical(self, noun: Any) -> bool:
        """ "any Israeli attack would be answered", "a further mistake would draw ...": an
        act that has not happened (its clause is future or modal); "committed another
        massacre" did happen."""
        determiners = self.words("hypothetical_determiners")
        if not any(c.lower_ in determiners for c in noun.children if c.i < noun.i):
            return False
        verb = noun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        return self._future(verb)

    def _not_done(self, token: Any) -> bool:
        """Under "failing to", "refused to": the act the verb names did not happen."""
        stops = self.words("non_factual_verbs")
        return any(
            a.lemma_.lower() in stops
            for a in token.ancestors
            if a.i in self.act.content and a.i != self.act.verb
        ) or (token.lemma_.lower() in stops)

    def harm_noun(self, noun: Any) -> None:
        if self._praised(noun) or self.hypothetical(noun):
            return
        aggression = noun.lower_ in self.words("aggression_nouns")  # an accusation in itself
        if noun.dep_ == "dobj" and not aggression and _planned(noun.head):
            return  # "Israel was ready to widen its operations": a plan, not a deed blamed
        if any(a.dep_ in ("relcl", "appos") for a in noun.ancestors if a.i in self.act.content):
            return  # the reporter's description of someone, not the speaker's claim
        actors, named = self.t.perpetrators(noun)
        aggression = noun.lower_ in self.words("aggression_nouns")
        in_condemn = self._in_condemn_object(noun)
        if actors and (aggression or not in_condemn):
            self.add("blames", actors)
        if named or in_condemn or self._clause_agent(noun):
            return
        referent = self._pronoun_framed(noun)  # "called it an act of aggression"
        if referent is not None:
            self.add("blames", referent)
            return
        if not self._definite(noun):
            return
        frames = self.words("framing_nouns") | self.words("aggression_nouns")
        framed = (
            noun.dep_ in ("nsubj", "nsubjpass")
            or (noun.dep_ == "dobj" and noun.head.lemma_.lower() in _FRAMING_VERBS)
        ) and any(  # "the strikes were a violation", "called the strike an assassination"
            c.dep_ in ("attr", "oprd") and c.lower_ in frames for c in noun.head.children
        )
        accusing = noun.lower_ in ("aggression", "aggressions")  # not "the killing", "the crime"
        if (accusing or framed) and self._same_event(noun):
            self.add("blames", self.event)

    def _pronoun_framed(self, noun: Any) -> list[Mention] | None:
        """ "called it an act of aggression": the act "it" refers to, earlier in the
        paragraph, and its perpetrators."""
        frame = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
        if frame.dep_ not in ("oprd", "attr", "dobj"):
            return None
        verb = frame.head
        pronouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubj")
                    and c.lower_ in ("it", "this", "them") and c.i != frame.i]  # fmt: skip
        if not pronouns:
            return None
        for token in reversed(self.doc[max(0, pronouns[0].i - 60) : pronouns[0].i]):
            if "\n\n" in token.text_with_ws or (token.is_space and "\n" in token.text):
                return None  # "it" refers within its paragraph
            if token.lower_ in self.words("harm_nouns") or token.lower_ in self.words(
                "aggression_nouns"):  # fmt: skip
                actors, named = self.t.perpetrators(token)
                return actors if named else None  # the nearest act is what "it" names
        return None

    def _clause_agent(self, noun: Any) -> bool:
        """ "X would pay for the crime": the clause names who did it (maybe unresolved)."""
        verb = noun.head
        while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
            verb = verb.head
        return noun.dep_ == "pobj" and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("it", "this")
            for c in verb.children
        )

    def _definite(self, noun: Any) -> bool:
        return any(c.lower_ in ("the", "this", "these", "that") for c in noun.children)

    def _praised(self, token: Any) -> bool:
        return any(
            a.lemma_.lower() in self.words("praise_verbs")
            for a in token.ancestors
            if a.i in self.act.content or a.i == self.act.verb
        )

    def condemn_verb(self, verb: Any) -> None:
        if negated(verb):
            return
        objects = []
        for child in verb.children:
            if child.dep_ in ("ccomp", "xcomp") and child.lemma_.lower() in _FRAMING_VERBS:
                objects += [c for c in child.children if c.dep_ in ("oprd", "dobj", "attr")
                            and c.lower_ != "what"]  # fmt: skip
                objects += [  # "slammed what he described as an Israeli aggression"
                    p for c in child.children if c.dep_ == "prep" and c.lower_ == "as"
                    for p in c.children if p.dep_ == "pobj"
                ]  # fmt: skip
        for child in [*verb.children, *objects]:
            if child.dep_ not in ("dobj", "nsubjpass", "oprd", "attr") and child not in objects:
                continue
            for obj in [child, *child.conjuncts]:
                if obj.lower_ in ("what",):
                    obj = next((c for c in obj.head.children if c.dep_ in ("ccomp", "oprd")), obj)
                direct = self.t.mention(obj)
                if direct is not None and direct.kind != "adj":
                    self.add("condemns", [direct])
                    continue
                nouns = [t for t in obj.subtree if t.lower_ in self.words("harm_nouns")
                         or t.lower_ in self.words("aggression_nouns")]  # fmt: skip
                found_any = False
                for noun in nouns:
                    actors, named = self.t.perpetrators(noun)
                    if named:
                        found_any = True
                        self.add("condemns", actors)
                if nouns and not found_any and self._same_event(nouns[0]):
                    self.add("condemns", self.event)

    def deed(self, verb: Any) -> None:
        """ "the Houthis had killed innocent sailors": a harmful deed the speaker
        attributes (past or present, not a threat, not negated) blames its subject."""
        if verb.i == self.act.verb or negated(verb) or self._future(verb):
            return
        if any(c.lower_ in ("if", "unless") for c in verb.children):
            return
        if not any(c.dep_ == "dobj" for v in [verb, *verb.conjuncts] for c in v.children):
            return  # "Nasrallah killed in Israeli strike": a headline's victim, not a deed
        for child in verb.children:
            if child.dep_ == "nsubj" and child.pos_ != "PRON":
                for subject in [child, *child.conjuncts]:
                    self.add("blames", self.t.head_actors(subject))

    def reason(self, noun: Any) -> None:
        if any(a.lemma_.lower() in self.words("threat_verbs") for a in noun.ancestors) or (
            self._future(noun.head)
        ):  # fmt: skip
            return  # "pledged a response to X" is a threat, handled with threats
        """ "in response to the American occupation": the actor named as the cause of a
        claimed act is blamed (rule 6); a future response is a threat, handled there."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "for"):
                for pobj in prep.children:
                    found = self.t.mention(pobj)
                    if found is not None and found.kind != "adj" and pobj.dep_ == "pobj":
                        self.add("blames", [found])

    def _same_event(self, noun: Any) -> bool:
        """The document's narrated act can be "the attack on X" only if its sentence
        names X too."""
        places = [
            t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "against")
            for t in c.subtree if t.pos_ == "PROPN"
        ]  # fmt: skip
        # "the attack on the base": a common noun aimed at must be in the narrated act too
        aimed = [
            t for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
            for t in c.children if t.dep_ == "pobj" and t.pos_ == "NOUN"
        ]  # fmt: skip
        text = self.event_text.lower()
        if any(t.lemma_.lower() not in text and t.lower_ not in text for t in aimed):
            return False
        return not places or any(t.text in self.event_text for t in places)

    def responsibility(self, word: Any) -> None:
        own_subjects = [c for c in word.children if c.dep_ in ("nsubj", "nsubjpass")]
        before = word.doc[word.i - 1] if word.i else word
        if before.lower_ in _BEAR and before.pos_ != "VERB" and not own_subjects:
            # the small tagger reads "bore" as a noun: take the actors named before it
            start = max(self.act.verb + 1, before.i - 12)
            for token in word.doc[start : before.i]:
                found = self.t.mention(token)
                if found is not None and token.dep_ not in ("pobj",):
                    self.add("blames", [found])
            return
        if word.dep_ == "amod" and word.head.dep_ == "dobj" and word.head.head.lemma_ == "hold":
            if not negated(word.head.head):
                for obj in [word.head, *word.head.conjuncts]:
                    self.add("blames", self._object_actors(obj))
            return
        if word.dep_ == "amod":
            return
        if own_subjects and not negated(word):
            for subject in [own_subjects[0], *own_subjects[0].conjuncts]:
                self.add("blames", self._object_actors(subject))
            return
        verb = word if word.pos_ in ("VERB", "AUX") else word.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if negated(verb):
            return
        if verb.lemma_.lower() == "hold":
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass"):
                    for obj in [child, *child.conjuncts]:
                        self.add("blames", self._object_actors(obj))
            return
        for subject in self._subjects(verb):  # "X was trying to escape responsibility"
            self.add("blames", self._object_actors(subject))

    def complicity(self, word: Any) -> None:
        """ "the American occupation was a partner in the killing of Palestinians": the
        subject of the copula shares the harmful act (rule 6)."""
        harm = self.words("harm_nouns") | self.words("aggression_nouns")
        acts = [
            p for c in word.children if c.dep_ == "prep" and c.lower_ == "in"
            for p in c.children if p.dep_ == "pobj" and p.lower_ in harm
        ]  # fmt: skip
        if not acts or word.dep_ not in ("attr", "acomp") or negated(word.head):
            return
        for subject in self._subjects(word.head):
            self.add("blames", self._object_actors(subject))

    def crime(self, word: Any) -> None:
        if negated(word.head):
            return
        noun = word.head if word.dep_ in ("amod", "compound") else word
        actors, named = self.t.perpetrators(noun)
        if not named and word is not noun:
            actors, named = self.t.perpetrators(word)
        if not named:
            # "X would pay for the crime", "X bears responsibility for the crime"
            verb = noun.head
            while verb.dep_ in ("prep", "pobj") and verb.head.i != verb.i:
                verb = verb.head
            framed_objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != noun.i]
            if noun.dep_ == "oprd" or (verb.lemma_.lower() in _FRAMING_VERBS and framed_objects):
                for obj in framed_objects:
                    if obj.pos_ == "PRON":
                        continue
                    found = self.t.mention(obj)
                    if found is not None:
                        actors, named = [found], True
                    else:
                        actors, named = self.t.perpetrators(obj)
            elif noun.dep_ in ("attr", "oprd", "dobj"):
                subject_heads = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                for subject in subject_heads:
                    if subject.lower_ in self.words("harm_nouns") or subject.lower_ in self.words(
                        "aggression_nouns"):  # fmt: skip
                        actors, named = self.t.perpetrators(subject)
                    elif subject.lower_ == "it":
                        named = False
                    else:
                        found = self.t.actors_in(subject)
                        actors, named = found, bool(found) or subject.pos_ != "PRON"
            elif noun.dep_ == "pobj" and noun.head.lower_ == "as":
                # "condemned the strike as a crime": the framed act's perpetrator, never the
                # speaker's own subject phrase ("Iraqi Prime Minister X")
                for obj in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"):
                    found = self.t.mention(obj)
                    actors, named = ([found], True) if found else self.t.perpetrators(obj)
            elif noun.dep_ == "pobj":
                subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
                for subject in subjects:
                    found = self.t.actors_in(subject)
                    actors, named = found, True
        if named:
            self.add("condemns", actors)
            return
        self.pending_crime = True

    # -- praise and condolences ----------------------------------------------------
    def _add_phrase(self, label: str, token: Any) -> None:
        for item in [token, *token.conjuncts]:
            target = self.t.phrase_target(item)
            if target is not None:
                self.add(label, [target])

    def praise_objects(self, verb: Any) -> None:
        if negated(verb):
            return
        for child in verb.children:
            if child.dep_ == "dobj" and child.lower_ in ("him", "her"):
                person = self.t.person_before(child, exclude=self.own)  # "hailed him as"
                self.add("praises_or_supports", [person] if person else [])
            elif child.dep_ == "dobj" and self._narrated_act(child):
                # "praised the operation": the author of the act the document narrates
                self.add("praises_or_supports", self.event)
            elif child.dep_ == "dobj":
                self._add_phrase("praises_or_supports", child)

    def _narrated_act(self, noun: Any) -> bool:
        """ "the operation", "the attack": a definite act with no author of its own."""
        if noun.lower_ not in self.words("harm_nouns") or not self._definite(noun):
            return False
        return bool(self.event) and not self.t.perpetrators(noun)[1] and self._same_event(noun)

    def epithet(self, verb: Any) -> None:
        """ "called him a great jihadi leader": praise of the person "him" names."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        frames = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp", "ccomp")]
        if not objects or not frames or negated(verb):
            return
        words = {t.lower_ for f in frames for t in f.subtree}
        if not words & self.words("praise_epithets"):
            return
        obj = objects[0]
        if obj.lower_ in ("him", "her"):
            person = self.t.person_before(obj, exclude=self.own)
            if person is not None:
                self.add("praises_or_supports", [person])
        elif obj.pos_ == "PROPN":
            self._add_phrase("praises_or_supports", obj)

    def support(self, token: Any) -> None:
        if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ not in ("in", "as"):
            return
        if any(a.dep_ == "relcl" for a in [token, *token.ancestors] if a.i in self.act.content):
            return  # "praised X as a leader who had stood with Gaza": X's stance, not theirs
        preps = [
            c for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "with", "of")
        ]
        if not preps and token.i + 1 < len(token.doc):
            # "in solidarity with X", "expressed solidarity with X": "with" hung on the verb
            following = token.doc[token.i + 1]
            if following.dep_ == "prep" and following.lower_ in ("with", "for", "of"):
                preps = [following]
        more = []
        for prep in preps:
            more += [c for c in prep.conjuncts if c.lower_ == prep.lower_]  # "for X and for Y"
        for prep in preps + more:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    self._add_phrase("praises_or_supports", pobj)

    def condolences(self, noun: Any) -> None:
        heads = [noun, noun.head]
        preps = []
        for head in heads:
            for child in head.children:
                if child.dep_ in ("prep", "dative") and child.lower_ == "to":
                    preps.append(child)
        for prep in list(preps):
            preps += [c for c in prep.conjuncts if c not in preps]
        for prep in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    self._add_phrase("condolences_to", pobj)

    # -- threats -------------------------------------------------------------------


def _planned(verb: Any) -> bool:
    """ "would expand its strikes", "was ready to widen its operations": the verb itself,
    or the verb its infinitive depends on, is modal or "ready" (not a coordinated verb)."""
    for _ in range(4):
        children = {c.lower_ for c in verb.children}
        if children & _PLAN_MARKERS or verb.lower_ == "ready":
            return True
        if verb.dep_ not in ("xcomp", "acomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def label_act(doc: Any, act: SpeechAct, targets: Targets, lexicon: Lexicon,
              event: list[Mention], own: set[str],
              event_text: str = "") -> dict[str, list[str]]:  # fmt: skip
    labeller = _Labeller(doc, act, targets, lexicon, event, own)
    labeller.event_text = event_text
    out = labeller.run()
    if getattr(labeller, "pending_crime", False) and not out["condemns"]:
        fallback = out["blames"] or out["threatens_or_vows_revenge_against"]
        labeller.add("condemns", list(fallback) if fallback else event)
    return out
