"""`kg_stances`: what each attributed speech act says about whom, from the registry's cues.

Requires: the parse, `doc._.kg_mentions`, `doc._.kg_acts`, `doc._.kg_attributions`,
`doc._.kg_event`. Assigns: `doc._.kg_claims`, one `Claim` per (attribution, stance,
target) with the cue that found it.

The registry's cues (data/stances.yaml, compiled by kg.extract.stance_cues) run as one
DependencyMatcher over the document. A match counts for an act when its cue token lies in
what the act says (or is the act's own verb: "X condemned Y"), its target too, and its
conditions hold; its target token then becomes names by the cue's resolver. The speaker,
the body it speaks for and (for threats) its own state are never its targets. Nothing is
labelled inside a denial ("rejected claims that Iran was behind it") or under a negation
(rule 13); a threat needs the future, a condition or an imperative (rule 7).
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from kg.extract.components.targets import TargetFinder
from kg.extract.doc import Attribution, Claim, Mention, Speaker, SpeechAct, of_objects, own_side
from kg.extract.stance_cues import Cue, CueIndex
from kg.extract.wordlists import Acts

# Lower-case words inside a proper name ("Court of Justice", "Ahl al-Haq")
_NAME_PARTICLES = frozenset({"of", "for", "the", "and", "al", "el", "bin", "ibn", "de", "du"})
# The stance whose verb cues only condemn: what is condemned is not also blamed, unless
# it is called aggression ("condemned the Zionist crime" is not blame; rule 6 vs 8).
CONDEMNS = "condemns"


class StanceFinder:
    def __init__(self, cues: tuple[Cue, ...], acts: Acts, signs: dict[str, int],
                 accusations: frozenset[str], demonym_of: dict[str, str] | None = None,
                 parents: dict[str, str] | None = None,
                 speech_nouns: frozenset[str] = frozenset()) -> None:  # fmt: skip
        self.index = CueIndex(cues)
        self.hostile = frozenset(field for field, sign in signs.items() if sign < 0)
        self.accusations = accusations  # stances that say who did an act (PLOVER ACCUSE)
        # the registry's own condemnation verbs: what is only condemned is not blamed
        self.condemn_verbs = _plain_verbs(cues, {CONDEMNS})
        # the registry's friendly verbs: an act they take is praised, not blamed
        self.praise_verbs = _plain_verbs(cues, {f for f, sign in signs.items() if sign > 0})
        self.words = acts
        self.speech_nouns = speech_nouns  # "a statement", "a message" (data/speech.yaml)
        self.demonym_of = demonym_of or {}
        # actor -> parent (gazetteer affiliations, and a state's government -> the state)
        self.parents = parents or {}
        # an armed group's own wings and bodies ("Islamic Resistance in Lebanon" of
        # Hezbollah): their deeds, in the group's words, are its claims, not its charges
        self.wings: dict[str, set[str]] = {}
        for child, parent in self.parents.items():
            self.wings.setdefault(parent, set()).add(child)

    def __call__(self, doc: Any) -> Any:
        doc._.kg_claims = tuple(_Claims(self, doc).find())
        return doc


class _Claims:
    def __init__(self, finder: StanceFinder, doc: Any) -> None:
        self.finder, self.doc, self.words = finder, doc, finder.words
        self.targets = TargetFinder(doc, finder.words, finder.demonym_of)
        self.acts: tuple[SpeechAct, ...] = doc._.kg_acts
        self.event = doc._.kg_event
        self._matches: dict[int, list[tuple[Cue, list[int]]]] = {}

    def matches(self, index: int) -> list[tuple[Cue, list[int]]]:
        """The cues that match at token `index`: [cue, [cue token, target, path...]]."""
        found = self._matches.get(index)
        if found is None:
            token = self.doc[index]
            found = [] if self._in_proper_name(token) else [
                (cue, [index, target.i, *trail])
                for cue, target, trail in self.finder.index.matches(token)
            ]  # fmt: skip
            self._matches[index] = found
        return found

    def _in_proper_name(self, token: Any) -> bool:
        """A cue word that is a capitalised word of an actor's proper name is no cue:
        "urged the International Criminal Court to act" calls no one a criminal, "the
        National Anti-Terrorism Committee" frames no act as terror ("the war criminal
        Haftar" does: the word is no part of a name)."""
        mention = self.targets.mentions.at(token)
        if mention is None or mention.kind == "adj" or not token.text[:1].isupper():
            return False
        words = [w for w in re.split(r"[\s\-]+", mention.text) if w[:1].isalpha()]
        return len(words) > 1 and all(w[:1].isupper() or w in _NAME_PARTICLES for w in words)

    def find(self) -> list[Claim]:
        out: list[Claim] = []
        later: list[tuple[int, Attribution, Cue, list[int]]] = []
        for number, attribution in enumerate(self.doc._.kg_attributions):
            act = self.acts[attribution.act]
            scope = act.content | {act.cue}
            for index in sorted(scope):
                for cue, tokens in self.matches(index):
                    if not all(t in scope for t in tokens[1:]) or not self._applies(
                        cue, tokens, act, attribution.speaker
                    ):  # fmt: skip
                        continue
                    names, unresolved = self._resolve(cue, self.doc[tokens[1]],
                                                      self._own_side(attribution))  # fmt: skip
                    if unresolved or cue.resolve == "blamed":
                        later.append((number, attribution, cue, tokens))
                    out += self._claims(number, attribution, cue, tokens, names)
        for number, attribution, cue, tokens in later:
            # "this crime", "our response is coming": whom the same statement blames, else
            # the author of the act the document narrates
            voice = self._same_voice(attribution)
            # whom the same statement accuses (a threat's "our response is coming" is against
            # them; "this crime" is theirs); a friendly stance takes the narrated act only
            accusations = self.finder.accusations
            names = [c.target for c in out if c.attribution in voice
                     and cue.stance in self.finder.hostile and c.stance in accusations]  # fmt: skip
            act_noun = self.doc[tokens[1]]
            if (
                not names
                and cue.stance in self.finder.hostile
                and cue.stance != THREATENS
                and not _in_condition_clause(act_noun)
            ):
                # "this crime will not pass without the enemy receiving its punishment":
                # whom the same sentence threatens over it did it (not "operations will go
                # on as long as the aggression continues": the threat's condition)
                sentence = act_noun.sent
                names = [c.target for c in out if c.attribution in voice
                         and c.stance == THREATENS
                         and sentence.start <= c.tokens[0] < sentence.end]  # fmt: skip
            if (
                not names
                and cue.resolve != "blamed"
                and not self._epithet(act_noun, cue)
                and self._narrated(act_noun)
            ):
                names = _names(self.event.authors)
            out += self._claims(number, attribution, cue, tokens, names)
        return _unique(out)

    def _applies(self, cue: Cue, tokens: list[int], act: SpeechAct,
                 speaker: Speaker | None = None) -> bool:  # fmt: skip
        cue_token, target = self.doc[tokens[0]], self.doc[tokens[1]]
        if any(self._holds(c, cue_token, target, act, speaker) for c in cue.unless):
            return False
        return all(self._holds(c, cue_token, target, act, speaker) for c in cue.when)

    def _claims(self, number: int, attribution: Attribution, cue: Cue, tokens: list[int],
                names: list[str]) -> list[Claim]:  # fmt: skip
        # own side: the speaker, the bodies and state it speaks for, and whoever the
        # subject names jointly with it ("The Israeli military and the Shin Bet said"; not
        # "the two movements blamed each other")
        own = self._own_side(attribution)
        act = self.acts[attribution.act]
        if len(act.subjects) > 1:
            own |= self._speakers_side(act)
        span = (min(tokens), max(tokens) + 1)
        out = []
        for name in names:
            if name in own:
                continue
            out.append(Claim(number, cue.stance, name, cue.id, span, cue.confidence))
        return out

    # -- resolvers ---------------------------------------------------------------------
    def _resolve(self, cue: Cue, target: Any, own: set[str]) -> tuple[list[str], bool]:
        """(names, unresolved): unresolved when the target is a definite act without an
        author ("this crime"), resolved later from the statement or the narrated event."""
        targets = self.targets
        mode = cue.resolve
        if mode == "blamed":
            return [], True
        if mode == "phrase":
            if _person_reference(target, self.words.person_nouns):  # "called him a hero"
                person = targets.person_before(target, exclude=own)
                return ([person.name] if person is not None else []), False
            if (
                target.lower_ in self.words.harm_nouns
                and _definite(target)
                and not (targets.authors(target)[1])
                and not _owned(target)
            ):  # "praised the operation": the act the document narrates ("the operation
                # of the Palestinian resistance" names its author, listed or not)
                return [], True
            peoples = targets.conjoined_peoples(target)
            if peoples:  # "the Palestinian and Lebanese peoples"
                return peoples, False
            shared = targets.shared_coordination(target)
            if shared is not None and targets.demonym_people(target) is None:
                # "the Lebanese government and nation": one group
                rest = [t for t in _listed(target) if t.i != target.i and t not in target.conjuncts]
                return [shared, *(_name(p) for t in rest if (p := targets.phrase(t, own)))], False
            # "the soldiers of the Pakistan Army and the FC": each body, as each quality's owner
            served = targets.service_body(target) is not None
            owned = self.words.quality_nouns | ({target.lower_} if served else set())
            items = [*_listed(target), *_of_conjuncts(target, frozenset(owned))]
            names = [_name(p) for t in items if (p := targets.phrase(t, own))]
            # "the Iranian government and people": Iran and the Iranian people
            return names + [p for t in items if (p := targets.demonym_people(t))], False
        if target.pos_ == "PRON" and target.lower_ in ("it", "this", "them", "that"):
            return self._pronoun(target, mode), False
        if target.pos_ == "PRON" and target.lower_ in ("you", "yourselves"):
            return _names(targets.addressee(target)), False
        if target.pos_ == "PRON" and target.lower_ in _PERSON_PRONOUNS:
            # "He had planned attacks on American forces": the person last named, never
            # the speaker
            person = targets.person_before(target, exclude=own)
            return ([person.name] if person is not None else []), False
        if mode == "owners":
            names = _names(targets.owners(target, _threatened_not(own, cue)))
            # "the enemy will pay", "those who shed this blood will regret it": whom the
            # same statement accuses (rule 7, the unmistakable referent), resolved later
            return names, not names and self._epithet(target, cue)
        if mode == "named_authors":  # only an author the phrase itself names
            return _names(targets.authors(target)[0]), False
        if mode == "actors":
            return _names(targets.actors(target)), False
        if mode == "subject_or_authors" and target.lower_ not in self.words.harm_nouns:
            return _names(targets.owners(target, _threatened_not(own, cue))), False
        return self._authors(target)

    def _epithet(self, target: Any, cue: Cue) -> bool:
        """A threat aimed at an epithet no actor owns ("the enemy", "the criminals")."""
        return cue.stance == THREATENS and target.lower_ in self.words.epithet_nouns

    def _authors(self, noun: Any, depth: int = 0) -> tuple[list[str], bool]:
        """The authors of the act `noun` names; a frame ("the assassination was a
        terrorist act", "called the strike a crime") passes to the act it frames."""
        names: list[str] = []
        unresolved = False
        for item in [noun, *noun.conjuncts]:
            actors, named = self.targets.authors(item)
            if not (actors or named) and item.dep_ == "pobj" and item.head.lower_ == "of":
                actors, named = self.targets.authors(item.head.head)  # "an act of terror by X"
            if actors or named:
                names += _names(actors)
                continue
            framed = _framed(item) if depth < 2 else None
            if framed is not None and framed.pos_ == "PRON":
                names += self._pronoun(framed, "authors")
            elif framed is not None:
                more, open_ = self._authors(framed, depth + 1)
                names, unresolved = names + more, unresolved or open_
            elif item.lower_ not in self.words.harm_nouns:
                names += _names(self.targets.owners(item))
            elif _definite(item) or item.dep_ in ("attr", "oprd"):
                unresolved = True
        return names, unresolved and not names

    def _pronoun(self, pronoun: Any, mode: str) -> list[str]:
        """ "condemned it": the act "it" refers to, and its authors; "them": an actor."""
        if mode == "subject_or_authors" and pronoun.lower_ == "them":
            return _names(self.targets.antecedents(pronoun))  # "would crush them": actors
        if mode in ("authors", "subject_or_authors"):
            act = self.targets.act_before(pronoun)
            if act is not None:
                names, _ = self._authors(act)
                return names or _names(self.event.authors)
            return _names(self.event.authors) if pronoun.lower_ in ("it", "this") else []
        return _names(self.targets.antecedents(pronoun))

    def _own_side(self, attribution: Attribution) -> set[str]:
        speaker = attribution.speaker
        own = own_side(speaker, self.finder.parents)
        if speaker.type == "militia":
            own |= self.finder.wings.get(speaker.name, set())
        return own

    def _narrated(self, noun: Any) -> bool:
        """Whether `noun` is the act the document narrates, or frames it: in "called the
        strikes a war crime against civilians" the frame's "against" names the victims, so
        the framed act ("the strikes") decides."""
        if self._same_event(noun):
            return True
        framed = _framed(noun)
        return framed is not None and framed.pos_ != "PRON" and self._same_event(framed)

    def _same_event(self, noun: Any) -> bool:
        """ "the attack on the base" is the narrated act only if the narrated sentence
        names what it was on ("the strike on Beirut" is another act)."""
        if self.event.sentence is None:
            return False
        text = self.doc[self.event.sentence[0] : self.event.sentence[1]].text.lower()
        aimed = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                 for p in c.children if p.dep_ == "pobj"]  # fmt: skip
        return all(p.lower_ in text or p.lemma_.lower() in text for p in aimed)

    def _same_voice(self, attribution: Attribution) -> set[int]:
        """Attributions of the same speaker in the same paragraph or block."""
        act = self.acts[attribution.act]
        layout = self.doc._.kg_layout
        paragraphs = {act.paragraph, layout.paragraphs[act.paragraph].opener}
        return {
            n for n, other in enumerate(self.doc._.kg_attributions)
            if other.speaker.name == attribution.speaker.name
            and (self.acts[other.act].paragraph in paragraphs
                 or layout.paragraphs[self.acts[other.act].paragraph].opener in paragraphs)
        }  # fmt: skip

    # -- conditions --------------------------------------------------------------------
    def _modifier_owners(self, token: Any, with_poss: bool) -> list[Mention]:
        """The actors the modifiers before `token` name ("American support", "the entity's
        crimes"): its adjectives and compounds, and its possessive when `with_poss`."""
        deps = ("poss", "amod", "compound") if with_poss else ("amod", "compound")
        out = []
        for child in (c for c in token.children if c.dep_ in deps and c.i < token.i):
            if child.dep_ == "poss" and child.lower_ in ("its", "their") and token.dep_ == "conj":
                # "the American occupation and its support": the first conjunct's
                out += self.targets.owners(token.head)
            else:
                out += self.targets.owners(child)
        return out

    def _exhorted(self, cue: Any, target: Any, act: SpeechAct) -> bool:
        """ "urged Muslims to stand by Hezbollah", "called on the nation to stand with
        Gaza": the support the speaker urges on others (the exhortation's subject is the
        speaker's, its object the exhorted); not "to stand behind its armed forces", the
        speaker's own."""
        verb = cue.head
        return (
            cue.dep_ == "xcomp"
            and not any(
                c.dep_ == "poss" and c.pos_ == "PRON"
                for t in (target, *target.conjuncts)
                for c in t.children
            )
            and verb.lemma_.lower() in self.words.exhortation_verbs
            and (verb.i == act.cue or not any(c.dep_ == "nsubj" for c in verb.children))
        )

    def _holds(self, condition: str, cue: Any, target: Any, act: SpeechAct,
               speaker: Speaker | None = None) -> bool:  # fmt: skip
        words = self.words
        if condition == "negated":
            unanswered = words.unanswered_words
            # "had no right to", "bears no responsibility"
            no = cue.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                             for c in cue.children)  # fmt: skip
            if no or _negated(cue, unanswered):
                return True
            # "it was not a crime" negates the noun; "this crime will not pass" negates what
            # is said of it
            return (
                cue.pos_ in ("NOUN", "ADJ")
                and cue.dep_ not in ("nsubj", "nsubjpass")
                and _negated(cue.head, unanswered)
            )
        if condition == "denied":  # "denied that Iran was behind it", "no sign that X did"
            chain = [cue, *cue.ancestors]
            return any(
                (a.lemma_.lower() in words.deny_verbs and below.dep_ != "conj")
                # "refused to condemn"; not "would not hesitate to strike" (litotes)
                or (
                    a.i != act.cue
                    and a.lemma_.lower() in words.non_factual_verbs
                    and not _negated(a, frozenset())
                    and below.dep_ != "conj"  # "A refused treatment, and X accused Y"
                )
                or (
                    a.pos_ == "NOUN"
                    and a.lemma_.lower() not in words.doubt_nouns  # "no doubt that X did"
                    and any(c.lower_ in ("no", "without") for c in a.children)
                )
                # "denied X and offered condolences": a verb coordinated with the denial
                for below, a in pairwise(chain)
                if a.i in act.content or a.i == act.cue
            )
        if condition == "future":
            return self._future(cue)
        if condition == "aimed":  # "respond to X", "retaliate against X": its own target
            return _aimed(cue, words.harm_nouns)
        if condition == "conditional":
            return any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                       for c in cue.children)  # fmt: skip
        if condition == "hypothetical":  # "any new attack would": not "a new aggression"
            return any(c.lower_ in words.hypothetical_determiners for c in target.children
                       if c.i < target.i) and self._future(target)  # fmt: skip
        # "condemned the Zionist crime": the target is what a condemnation verb takes;
        # "act_condemned": the cue's own act is ("condemned Israel's assault")
        if condition in ("condemned", "act_condemned"):
            noun = _first_conjunct(target if condition == "condemned" else cue)
            return noun.dep_ in ("dobj", "nsubjpass") and (
                noun.head.lemma_.lower() in self.finder.condemn_verbs
            )
        if condition == "worried":  # "voiced concern over the Israeli strikes": no blame
            noun = _first_conjunct(target)
            return noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in words.concern_words
        if condition == "praised":  # "blessed the Qassam Brigades' attack": praise
            noun = _first_conjunct(target)
            return noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.finder.praise_verbs
        if condition == "names_threat":  # a threat word, or an act of the speaker's side
            objects = {t.i for c in cue.children if c.dep_ == "dobj" for t in c.subtree}
            clauses = {t.i for c in cue.children if c.dep_ in ("ccomp", "xcomp")
                       for t in c.subtree}  # fmt: skip
            return any(t.lower_ in words.threat_words or t.lemma_ in words.threat_words
                       or (t.i in clauses and t.lower_ in words.harm_nouns
                           and self._own_act(t, act))
                       for t in cue.subtree if t.i not in objects)  # fmt: skip
        if condition == "reason":
            return cue.lower_ in words.reason_nouns and not self._future(cue)
        if condition == "sarcastic":  # "his sarcastic congratulations", "sarcastically
            # congratulating", '"congratulating" Abu Dhabi': mockery, not praise
            near = [*cue.children, *(cue.head.children if cue.head.i != cue.i else ())]
            quoted = 0 < cue.i < len(cue.doc) - 1 and all(
                t.is_quote for t in (cue.doc[cue.i - 1], cue.doc[cue.i + 1]))  # fmt: skip
            return quoted or any(t.lower_ in words.mocking_words for t in near)
        if condition == "pronoun_target":
            return target.pos_ == "PRON"
        if condition == "ceasing":  # "would stop bombing Yemen" threatens no one
            verb = cue
            if cue.dep_ in ("nsubj", "nsubjpass", "dobj") and cue.head.i != cue.i:
                verb = cue.head  # "support for the Houthis must end", "halt its campaign"
            for _ in range(3):
                if verb.lemma_.lower() in words.cessation_verbs:
                    return not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)
                if verb.dep_ not in ("xcomp", "conj", "pcomp") or verb.head.i == verb.i:
                    return False
                verb = verb.head
            return False
        if condition == "others_agent":  # "Lebanon would be attacked by Israel"
            return any(c.dep_ == "agent" for c in cue.children)
        if condition == "if_clause":
            clause = target.head
            return _states_condition(clause) or (
                clause.dep_ == "advcl"
                and any(c.lower_ in ("if", "unless", "should") for c in clause.children)
            )
        if condition == "others_stance":  # "Iran stands behind X": someone else's support;
            # "urged Muslims to stand by Hezbollah" is the urging speaker's own
            return not self._exhorted(cue, target, act) and self._holds(
                "others_subject", cue, target, act, speaker)  # fmt: skip
        if condition == "others_subject":  # "Iran stands behind X", "calling on the people to
            # stand behind the council": someone else's stance, not the speaker's
            own = self._speakers_side(act)
            subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
            called = [c for c in cue.head.children if c.dep_ == "dobj"]
            contact = (
                cue.head.lemma_.lower() in words.contact_verbs
                and bool(called)
                and not any(c.lower_ == "on" and c.i == cue.head.i + 1 for c in cue.head.children)
            )  # not "called on the people to"
            if cue.dep_ == "xcomp" and not subjects and not contact:
                subjects = [c for c in cue.head.children if c.dep_ == "dobj"] + [
                    p for c in cue.head.children if c.dep_ == "prep" and c.lower_ == "on"
                    for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            if cue.dep_ == "pcomp" and cue.head.lower_ == "for" and not subjects:
                # "thanked Iran for standing by the people of Gaza": Iran's stance
                subjects = [c for c in cue.head.head.children if c.dep_ == "dobj"]
            return any(
                (s.pos_ != "PRON" or s.lower_ in _RELATIVES)  # "forces that threatened X"
                and s.i not in act.subjects and not (
                    self.targets.owners(s) and all(m.name in own for m in self.targets.owners(s)))
                for s in subjects
            )  # fmt: skip
        if condition == "others_owner":  # "American support for the entity's crimes":
            # another actor's support, not the speaker's
            own = self._speakers_side(act)
            return any(m.name not in own for m in self._modifier_owners(cue, with_poss=True))
        if condition == "target_before_cue":  # "paid tribute to X and extended
            # condolences to Y": the verb's earlier "to" phrase is not whom the cue addresses
            return target.i < cue.i
        if condition == "own_target":  # "defend its citizens", "defend American shipping"
            own = self._speakers_side(act)
            return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in target.children) or any(
                m.name in own for m in self._modifier_owners(target, with_poss=False)
            )
        if condition == "own_harm":  # "warned that X would face more attacks" (ours)
            return any(t.lower_ in words.harm_nouns and self._own_act(t, act)
                       for t in cue.subtree)  # fmt: skip
        if condition == "in_condition":  # "if they attacked Yemen", "for as long as U.S.
            # strikes on Yemen continued", "after U.S. bombers hit Iran's facilities": the
            # condition or the occasion, not the act; "revenge for killing Soleimani": the
            # deed avenged
            if cue.dep_ == "pcomp" and cue.head.lower_ in ("for", "after", "since", "over"):
                return True
            clause = cue
            while clause.dep_ == "xcomp" and clause.head.i != clause.i:
                clause = clause.head  # "as long as its jets kept bombing Yemen"
            return clause.dep_ == "advcl" and any(
                c.lower_
                in ("if", "unless", "when", "whenever", "should", "after", "since", "because")
                or (c.lower_ == "as" and c.dep_ == "mark" and clause.head.lower_ == "long")
                for c in clause.children
            )
        if condition == "in_relcl":  # "a man who stood by Gaza": his stance, not theirs
            return any(
                a.dep_ in ("relcl", "acl")
                for a in [cue, *cue.ancestors]
                if a.i in act.content
                and a.i != act.cue
                # "issued a statement denouncing X and declaring solidarity with Y": what
                # the statement says, not someone else's clause
                and not (a.dep_ == "acl" and a.head.lower_ in self.finder.speech_nouns)
                # "a statement by Hassan Nasrallah, who hailed Soleimani": the speaker's own
                and not (a.dep_ == "relcl" and _names_speaker(a.head, speaker))
                # "told a gathering that Iran would stand by X": what he told, which the
                # parser hangs on the audience as a relative clause ("that" its mark)
                and not (a.dep_ == "relcl" and _said_that(a))
                # "killings it laid at the door of the army", "a post where he also
                # thanked ...": a clause whose subject is a pronoun goes on with the speaker
                and not (a.dep_ == "relcl" and _pronoun_subject(a))
            )
        if condition == "own_act":  # "we carried out", "our operation": the speaker's deed
            # "Yemen's Houthi rebels claimed an attack": theirs, not Yemen's
            claimed = cue.dep_ == "dobj" and cue.head.i == act.cue and (
                cue.head.lemma_.lower() in words.claim_verbs)  # fmt: skip
            return claimed or any(t.lower_ in ("we", "our", "us") for t in cue.subtree
                                  if t.i < cue.i)  # fmt: skip
        return False

    def _own_act(self, noun: Any, act: SpeechAct) -> bool:
        """ "Israel was ready to widen its operations" (said by Israel's army): an act of
        the speaker's side or of no one named; not "more Israeli strikes" said by Hezbollah."""
        authors, _ = self.targets.authors(noun)
        own = self._speakers_side(act)
        return all(m.name in own for m in authors)

    def _speakers_side(self, act: SpeechAct) -> set[str]:
        speakers = [a for a in self.doc._.kg_attributions if self.acts[a.act] is act]
        return set().union(*(self._own_side(a) for a in speakers)) if speakers else set()

    def _future(self, token: Any) -> bool:
        """A modal, a future or a condition governs the token ("will pay", "would be
        met", "is coming", "ready to", "threatened to strike", "Let X know that ...")."""
        words = self.words
        markers = words.future_markers
        if token.tag_ == "VBD" and token.dep_ == "relcl":
            return False  # "those who struck Beirut should count the days": a past deed
        verb = token
        for _ in range(5):
            children = {c.lower_ for c in verb.children}
            if children & (markers | words.modal_verbs) or verb.lower_ in markers:
                return True
            if verb.lemma_.lower() in words.intent_verbs and verb.i != token.i:
                return True
            if verb.tag_ == "VB" and verb.dep_ == "ROOT":  # an imperative
                return True
            if any(c.lower_ in words.unanswered_words for c in verb.children):
                return True
            if any(_states_condition(c) or _from_now(c) for c in verb.children):
                return True  # "should Washington enter, every interest becomes a target"
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return _inverted_condition_before(token)


THREATENS = "threatens_or_vows_revenge_against"


def _plain_verbs(cues: tuple[Cue, ...], stances: set[str]) -> frozenset[str]:
    """The verb words of the stances' cues that need nothing else ("condemn", "bless")."""
    return frozenset(
        w for cue in cues if cue.stance in stances and not cue.requires
        and any(attr == "pos" and "VERB" in values for attr, values, _ in cue.node.tests)
        for w in cue.node.words()
    )  # fmt: skip


_RELATIVES = frozenset({"that", "who", "which", "whom"})


def _said_that(clause: Any) -> bool:
    """A "relative clause" opened by the conjunction "that" ("told a news conference that
    the militia would pay", "told a gathering in the capital that Iran supports the
    operation"): a relative "that" is its clause's subject or object, never its mark nor
    a second object beside one, so this clause is what was said."""
    that = next((c for c in clause.children if c.lower_ == "that" and c.i < clause.i), None)
    if that is None:
        return False
    return that.dep_ == "mark" or (that.dep_ in ("nsubj", "dobj") and any(
        c.dep_ == that.dep_ and c.i != that.i for c in clause.children))  # fmt: skip


def _pronoun_subject(clause: Any) -> bool:
    return any(c.dep_ == "nsubj" and c.lower_ in ("he", "she", "it", "they", "we")
               for c in clause.children)  # fmt: skip


def _states_condition(clause: Any) -> bool:
    """An "if" clause, or one opened by an inverted "should" ("should Washington enter the
    fight"): what it governs has not happened."""
    if clause.dep_ not in ("advcl", "ccomp"):
        return False
    subjects = [c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and any(c.dep_ == "aux" and c.lower_ == "should" and c.i < subjects[0]
                        for c in clause.children):  # fmt: skip
        return True  # "should" before its subject: inverted, a condition
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "unless", "once") for c in clause.children
    )


def _inverted_condition_before(token: Any) -> bool:
    """ "cautioned that, should Washington enter the fight, every interest becomes a
    target": an inverted "should" condition earlier in the sentence governs what follows
    it, even where the parser hangs it on a noun before it. Not `_states_condition`'s
    "should before the first subject": the misread clause takes the relative "that" before
    "should" as a first subject, so any subject between "should" and its verb counts."""
    for should in token.sent:
        if should.i >= token.i:
            break
        verb = should.head
        if should.lower_ == "should" and should.dep_ == "aux" and should.i < verb.i < token.i and (
            any(c.dep_ in ("nsubj", "nsubjpass") and should.i < c.i < verb.i for c in verb.children)
        ):  # fmt: skip
            return True
    return False


def _from_now(prep: Any) -> bool:
    """ "is a target from now on", "from tonight": from this moment forward."""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "from"
        and any(c.lower_ in ("now", "tonight", "today") for c in prep.children)
    )


def _in_condition_clause(token: Any) -> bool:
    """Whether `token` stands in an adverbial clause of condition or time ("if ...", "as
    long as the aggression continues", "until ...")."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "advcl":
            return any(c.dep_ == "mark" for c in ancestor.children)
    return False


def _first_conjunct(noun: Any) -> Any:
    """ "condemned the raid and the shelling": "shelling" is the verb's object too."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _threatened_not(own: set[str], cue: Cue) -> set[str]:
    """Who a threat's "its airports", "their bases" cannot mean: the speaker's own side
    (a blame's "its" may: "its commanders were killed by X")."""
    return own if cue.stance == THREATENS else set()


def _names_speaker(token: Any, speaker: Speaker | None) -> bool:
    if speaker is None:
        return False
    start = speaker.surface_start
    return start <= token.idx < start + len(speaker.surface)


_PERSON_PRONOUNS = frozenset({"he", "she"})  # subjects only: "harm him" is often hypothetical
# what a pronoun or a bare act ("answer it", "answer this crime") leaves to the statement
_ACT_PRONOUNS = frozenset({"it", "this", "that"})


def _owned(noun: Any) -> bool:
    """The phrase names whose it is: an "of" phrase or a possessive noun."""
    return any(
        (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ == "poss" and c.pos_ != "PRON")
        for c in noun.children
    )


def _listed(target: Any) -> list[Any]:
    """The heads of each item of the list a phrase target starts: "to the nation and to
    the families" (the second "to" hung on the first, on an "of" inside it or on the
    verb: "to the family of the martyr and to the mujahideen"), "to Khamenei, the Iranian people and
    the families" (read as an apposition with conjuncts: a list, not another name)."""
    items = [target, *target.conjuncts]
    for appos in (c for c in target.children if c.dep_ == "appos"):
        if appos.conjuncts:
            items += [appos, *appos.conjuncts]
    if target.dep_ == "pobj":
        prep = target.head
        near = [*target.subtree, *prep.head.children, *prep.head.head.children]
        again = [t for t in [*prep.conjuncts, *(t for t in near if t.dep_ == "conj")]
                 if t.lower_ == prep.lower_ and t.pos_ == "ADP"]  # fmt: skip
        items += [p for other in again for p in other.children if p.dep_ == "pobj"]
    return list(dict.fromkeys(items))


def _of_conjuncts(target: Any, quality_nouns: frozenset[str]) -> list[Any]:
    """ "commended the efforts of the United States and France": the praised quality's
    owners after the first (phrase() follows "of" to the first one only)."""
    if target.lower_ not in quality_nouns:
        return []
    return [conjunct for owner in of_objects(target) for conjunct in owner.conjuncts]


# Verbs that take revenge as their object: "would take its revenge on X"
_REVENGE_VERBS = frozenset({"take", "exact", "seek", "wreak"})


def _aimed(token: Any, harm_nouns: frozenset[str]) -> bool:
    """The word names whom it is aimed at: an object or a "to", "against", "for", "on"
    phrase, other than a pronoun or a bare act ("will answer this crime" is aimed at the
    act's author, whom the statement blames). What "avenge" takes is its victims ("avenge
    the martyrs"); "take revenge on X" hangs its target on the verb."""
    avenge = token.lemma_.lower() == "avenge"
    children = list(token.children)
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _REVENGE_VERBS:
        children += [c for c in token.head.children if c.dep_ == "prep"]
    for child in children:
        if child.dep_ == "dobj" and not (
            avenge or child.lower_ in _ACT_PRONOUNS or child.lemma_.lower() in harm_nouns
        ):
            return True
        if child.dep_ == "prep" and child.lower_ in ("to", "against", "for", "on"):
            return True
    return False


def _negated(token: Any, unanswered: frozenset[str]) -> bool:
    """A "not", "never" or "no longer" on the word, except "will not go unanswered"."""
    children = list(token.children)
    negation = any(c.dep_ == "neg" or c.lower_ == "never" for c in children) or any(
        c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in children
    )
    return negation and not any(c.lower_ in unanswered for c in children)


def _framed(noun: Any) -> Any | None:
    """What a framing noun is said of: "the strikes were a violation" (the subject),
    "called the strike a crime" (the object), "condemned the attack as a crime", "an act
    of terrorism" (the act)."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return _framed(noun.head.head)
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "as" and head.head.pos_ in ("NOUN", "PROPN"):
        # "condemned the Israeli targeting as a violation": the parser hung "as" on the act
        return head.head
    if noun.dep_ == "pobj" and head.lower_ == "as":
        head = head.head
    elif noun.dep_ not in ("attr", "oprd"):
        return None
    wanted = ("nsubj", "nsubjpass", "csubj") if noun.dep_ == "attr" else ("dobj", "nsubjpass")
    framed = next((c for c in head.children if c.dep_ in wanted and c.i != noun.i), None)
    if framed is not None and framed.dep_ == "csubj":  # "What America did ... is a crime"
        return next((c for c in framed.children if c.dep_ == "nsubj"), None)
    return framed


def _person_reference(token: Any, person_nouns: frozenset[str]) -> bool:
    """ "him", "her", "the martyr": a person the text named before (not "the hero who
    carried it out", whom the clause describes and nobody names)."""
    if token.lower_ in ("him", "her"):
        return True
    return (
        token.lower_ in person_nouns
        and any(c.lower_ in ("the", "this", "that") for c in token.children)
        and not any(c.dep_ in ("prep", "compound", "amod", "relcl", "acl") for c in token.children)
    )


def _definite(noun: Any) -> bool:
    return any(c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)


def _name(item: str | Mention) -> str:
    return item if isinstance(item, str) else item.name


def _names(mentions: Any) -> list[str]:
    return [m.name for m in mentions if m.type != "other" or m.kind == "name"]


def _unique(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[int, str, str]] = set()
    out = []
    for claim in claims:
        key = (claim.attribution, claim.stance, claim.target)
        if key not in seen:
            seen.add(key)
            out.append(claim)
    return out


def _register() -> None:
    from spacy.language import Language

    if "kg_stances" in Language.factories:
        return

    @Language.factory(
        "kg_stances",
        requires=["token.dep", "token.lemma", "doc._.kg_mentions", "doc._.kg_attributions",
                  "doc._.kg_event"],
        assigns=["doc._.kg_claims"],
    )  # fmt: skip
    def make_stance_finder(nlp: Any, name: str) -> StanceFinder:
        from kg.extract.places import actor_parents, load_places
        from kg.extract.stance_cues import compile_cues
        from kg.extract.wordlists import load_acts, load_speech
        from kg.stances import load_stances

        places = load_places()
        parents = actor_parents()
        stances = load_stances()
        signs = {stance.field: stance.sign for stance in stances}
        accusations = frozenset(s.field for s in stances if s.plover == "ACCUSE")
        return StanceFinder(compile_cues(stances), load_acts(), signs, accusations,
                            places.demonym_of(), parents, load_speech().speech_nouns)  # fmt: skip


_register()
