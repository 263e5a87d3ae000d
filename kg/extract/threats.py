"""Threat cues (rule 7), mixed into the cue labeller of kg.extract.cues.

A threat needs a threat word and a future or modal marker in its clause ("will", "would",
"must", "is coming", "is inevitable", "ready to", "reserves the right to", or the
infinitive of "threatened to"/"vowed to"). Its targets: who "will pay", "will regret",
"will suffer" (strong predicates), who "will face a response", "will remain targets",
"would be met with a strike" (weak predicates that need a threat word in their clause),
the object of "warned"/"threatened", whom the speaker "will strike/respond against",
the subject of an "if" clause, the perpetrator of the act a future response answers, and
an actor's assets ("the bases of X"). Places after "in" are never targets; a conjunct the
parser hung after a place phrase ("forces in Iraq and Syria") is left out.
"""

from __future__ import annotations

from typing import Any

from kg.extract.coref import SpeechAct
from kg.extract.lexicon import Lexicon
from kg.extract.targets import Targets

_UNANSWERED = {"unpunished", "unanswered", "unavenged"}
_GO_ON = {"go", "continue", "keep", "escalate", "expand", "intensify", "resume", "increase"}
_EXPOSED = ("exposed",)  # "X would find its bases exposed": its assets are within reach
_DRAW = {"draw", "bring", "trigger", "provoke", "invite", "meet"}
_MODALS = {"will", "would", "shall", "must", "'ll", "wo", "going"}


def negated(token: Any) -> bool:
    """A "not" on the word, unless it is "will not go unpunished" (a double negative)."""
    children = list(token.children)
    return any(c.dep_ == "neg" for c in children) and not any(
        c.lower_ in _UNANSWERED for c in children
    )


def _after_place(conjunct: Any) -> bool:
    """ "forces in Iraq and Syria": a conjunct the parser hung on the subject that
    follows a place phrase belongs to the place."""
    doc = conjunct.doc
    first = conjunct.head.i
    return any(
        doc[i].dep_ == "prep" and doc[i].lower_ in ("in", "at", "near", "across")
        for i in range(first, conjunct.i)
    )


class ThreatCues:
    """Needs from its host: doc, act, t (Targets), lex (Lexicon), tokens, out, own (the
    speaker's side), words(), add(), _denied(), and the labels found so far (out)."""

    doc: Any
    act: SpeechAct
    t: Targets
    lex: Lexicon
    tokens: list[Any]
    out: dict[str, list[str]]
    own: set[str]

    def threats(self) -> None:
        content = self.act.content
        verb_words = self.words("threat_verbs")
        for token in self.tokens:
            if token.pos_ not in ("VERB", "AUX") and token.lower_ not in ("safe", "inevitable"):
                continue
            if self._denied(token):
                continue
            lemma = token.lemma_.lower()
            if negated(token) and not any(c.lower_ == "safe" for c in token.children):
                continue
            cautions = lemma in self.words("weak_threat_verbs") and self._names_threat(token)
            if lemma in verb_words or cautions:  # "cautioned X that ... a harsher blow"
                for child in token.children:
                    if child.dep_ == "dobj":
                        for item in [child, *child.conjuncts]:
                            self.add("threatens_or_vows_revenge_against", self.t.head_actors(item))
                        if child.lower_ in self.lex.words["threat_nouns"]:
                            self._threat_noun_targets(child)  # "vowed revenge against X"
                self._conditions(token)
                continue
            if not self._future(token) or self._ceasing(token):
                continue
            if any(c.lower_ in _UNANSWERED for c in token.children):
                self._unpunished(token)  # "X's attack will not go unanswered"
            elif lemma in _GO_ON and not any(c.dep_ == "neg" for c in token.children):
                self._continued_attacks(token)  # "attacks on X will go on"
            self._hypothetical_acts(token)  # "any Israeli attack would be answered"
            if not self._threat_context(token) and not self._warned_harm(token):
                continue
            weak = lemma in self.words("threat_victim_weak") and (
                self._names_threat(token) or self._warned_harm(token)
            )
            victim = (
                weak
                or lemma in self.words("threat_victim_predicates")
                or any(c.lower_ in ("safe", "targets", "target", *_EXPOSED) for c in token.children)
            )
            if lemma in self.words("threat_agent_predicates") and self._passive(token):
                # "Israel would be punished", "X will be hunted down"; not "Lebanon would be
                # attacked by Israel" (someone else's act)
                victim = not self._others_agent(token)
            if victim:
                subjects = self._subjects(token)
                for subject in subjects[:1] + [s for s in subjects[1:] if not _after_place(s)]:
                    self.add("threatens_or_vows_revenge_against", self.t.head_actors(subject))
            for t in token.subtree:
                if t.i not in content:
                    continue
                harm = (self.lex.words["aggression_nouns"] | self.lex.words["harm_nouns"]) - (
                    self.lex.words["threat_nouns"]
                )
                if t.dep_ == "prep" and t.lower_ == "against" and t.head.lower_ not in harm:
                    for pobj in t.children:
                        for item in [pobj, *pobj.conjuncts]:
                            self.add("threatens_or_vows_revenge_against", self.t.head_actors(item))
                if t.lower_ in self.words("threat_nouns") or t.lemma_.lower() in (
                    "respond", "retaliate"):  # fmt: skip
                    for prep in t.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("to", "for"):
                            for pobj in prep.children:
                                actors, named = self.t.perpetrators(pobj)
                                if not named:
                                    actors = [self.t.mention(pobj)] if self.t.mention(pobj) else []
                                if not actors and pobj.lower_ in self.words("harm_nouns"):
                                    actors = self._named_in_act()
                                self.add("threatens_or_vows_revenge_against", actors)
            harm = self.lex.words["harm_nouns"] | self.lex.words["aggression_nouns"]
            if lemma in self.words("threat_agent_predicates"):
                for child in token.children:
                    if child.dep_ == "dobj":
                        for item in [child, *child.conjuncts]:
                            self.add("threatens_or_vows_revenge_against", self.t.head_actors(item))
                            if item.lower_ in harm:  # "avenge the killing of Z by Y"
                                actors, _ = self.t.perpetrators(item)
                                self.add("threatens_or_vows_revenge_against", actors)
            self._conditions(token)

    def _warned_harm(self, verb: Any) -> bool:
        """ "warned that U.S. forces would face more operations": under an explicit threat
        verb, a harmful act in the clause is the threat."""
        harm = self.lex.words["harm_nouns"] - {"violation", "violations"}
        if not any(a.lemma_.lower() in self.words("threat_verbs") for a in verb.ancestors):
            return False
        for noun in (t for t in verb.subtree if t.i > verb.i and t.lower_ in harm):
            actors, named = self.t.perpetrators(noun)
            # "would face more Israeli strikes" warns of someone else's acts, not a threat
            if not named or any(m.name in self.own for m in actors):
                return True
        return False

    def _ceasing(self, verb: Any) -> bool:
        """ "the United States would stop bombing Yemen": ending an attack threatens no one."""
        stops = self.words("cessation_verbs")
        for _ in range(3):
            if verb.lemma_.lower() in stops:  # "would never stop attacking X" goes on
                return not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return False
            verb = verb.head
        return False

    def _others_agent(self, verb: Any) -> bool:
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for pobj in agent.children:
                if any(m.name not in self.own for m in self.t.actors_in(pobj)):
                    return True
        return False

    @staticmethod
    def _passive(verb: Any) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    def _hypothetical_acts(self, verb: Any) -> None:
        """ "any Israeli attack would be answered", "a further mistake by X would draw a
        harsher answer": the would-be author of the act is threatened."""
        determiners = self.words("hypothetical_determiners")
        acts = self.lex.words["harm_nouns"] | self.lex.words["aggression_nouns"] | {
            "reply", "response", "mistake", "move", "provocation", "retaliation"}  # fmt: skip
        lemma = verb.lemma_.lower()
        answers = self.words("threat_agent_predicates") | self.words("threat_victim_weak") | _DRAW
        if lemma not in answers and not self._names_threat(verb):
            return
        for noun in verb.subtree:
            if noun.i >= verb.i or noun.lower_ not in acts:
                continue
            if not any(c.lower_ in determiners for c in noun.children if c.i < noun.i):
                continue
            path, head = [], noun  # the act is the verb's subject or hangs on its clause
            while head.i != verb.i and len(path) < 4:
                path.append(head.dep_)
                head = head.head
            if head.i != verb.i or not set(path) <= {"nsubj", "nsubjpass", "pobj", "prep"}:
                continue
            actors, _ = self.t.perpetrators(noun)
            self.add("threatens_or_vows_revenge_against", actors)

    def _threat_noun_targets(self, noun: Any) -> None:
        """ "revenge against X", "a crushing response to the Americans" under a threat verb."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("against", "to", "on", "for"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    actors = [pobj, *pobj.conjuncts]
                    for item in actors:
                        if prep.lower_ == "for" and self.t.mention(item) is None:
                            continue
                        self.add("threatens_or_vows_revenge_against", self.t.head_actors(item))

    def _named_in_act(self) -> list[str]:
        return [*self.out["condemns"], *self.out["blames"]]

    def _unpunished(self, verb: Any) -> None:
        """ "the enemy's crime will not go unpunished": its perpetrator is threatened."""
        harm = self.lex.words["harm_nouns"] | self.lex.words["aggression_nouns"]
        for subject in verb.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and subject.lower_ in harm:
                actors, _ = self.t.perpetrators(subject)
                self.add("threatens_or_vows_revenge_against", actors)

    def _continued_attacks(self, verb: Any) -> None:
        """ "attacks on American forces will go on": whom the continuing attacks target."""
        harm = self.lex.words["harm_nouns"] | self.lex.words["aggression_nouns"]
        for subject in verb.children:
            if subject.dep_ not in ("nsubj", "nsubjpass") or subject.lower_ not in harm:
                continue
            for prep in subject.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "against"):
                    for pobj in prep.children:
                        for item in [pobj, *pobj.conjuncts]:
                            self.add("threatens_or_vows_revenge_against", self.t.head_actors(item))

    def provocations(self) -> None:
        """ "unless the Israeli regime chose to provoke more retaliation": who must not do
        what the condition names, on pain of a named retaliation, is threatened."""
        nouns = self.words("threat_nouns")
        for token in self.tokens:
            if token.dep_ != "advcl" or not any(c.lower_ == "unless" for c in token.children):
                continue
            if not any(t.lower_ in nouns for t in token.subtree) or self._denied(token):
                continue
            for subject in token.children:
                if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ != "PRON":
                    self.add("threatens_or_vows_revenge_against", self.t.head_actors(subject))

    def _conditions(self, verb: Any) -> None:
        for child in verb.subtree:
            if child.dep_ == "advcl" and any(c.lower_ == "if" for c in child.children):
                for subject in child.children:
                    if subject.dep_ in ("nsubj", "nsubjpass") and subject.pos_ != "PRON":
                        self.add("threatens_or_vows_revenge_against", self.t.head_actors(subject))

    def _future(self, verb: Any) -> bool:
        for _ in range(4):
            children = {c.lower_ for c in verb.children}
            if children & _MODALS or verb.lemma_.lower() == "reserve":
                return True
            if verb.lower_ in ("coming", "inevitable", "ready") or children & {
                "coming", "inevitable", "ready"}:  # fmt: skip
                return True
            if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.words("threat_verbs"):
                return True  # "threatened to strike X", "vowed to destroy X"
            if verb.dep_ not in ("xcomp", "acl", "dobj", "attr", "pobj", "prep", "conj"):
                return False
            verb = verb.head
        return False

    def _subjects(self, verb: Any) -> list[Any]:
        for _ in range(4):
            found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if found:
                return [found[0], *found[0].conjuncts]
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return []
            verb = verb.head
        return []

    def _threat_context(self, verb: Any) -> bool:
        lex = self.lex
        if verb.lemma_.lower() in lex.words["threat_victim_predicates"] | lex.words[
            "threat_agent_predicates"]:  # fmt: skip
            return True
        return self._names_threat(verb)

    def _names_threat(self, verb: Any) -> bool:
        nouns = self.lex.words["threat_nouns"]
        return any(t.lower_ in nouns or t.lower_ in ("safe", *_EXPOSED) for t in verb.subtree)
