"""From a token of a parsed clause to the targets it names (used by `kg_events` and
`kg_stances`; reads `doc._.kg_mentions`).

* `actors(token)`: the actors the phrase headed by `token` names (places after "in",
  "at", "near" and clauses left out);
* `owners(token)`: the actors the phrase is or belongs to ("American bases", "the
  interests of the coalition", "U.S. forces in Iraq" -> United States);
* `authors(noun)`: who carried out the act a noun names (possessor, adjective, "by X",
  "committed by X", "X committed the massacre") and whether the text named anyone at all
  (a hedged author, "a suspected Israeli strike", counts as named but gives no one);
* `phrase(token)`: what a praise or condolence phrase names: an actor when it names one,
  else the phrase as written without articles and evaluative words ("the steadfast
  Palestinian people" -> "Palestinian people"; rule 14);
* `antecedent(pronoun)`: the actor or act "it", "them", "this" refers back to.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from kg.extract.doc import Mention, Mentions, of_objects, path_up
from kg.extract.wordlists import Acts

_POSSESSIVE = {"its", "their", "his", "her", "our", "my", "your"}
# Verbs whose object is the one a "you" addresses: "told the Houthis", "said to X".
_ADDRESS_VERBS = frozenset({"tell", "warn", "say", "address", "threaten", "caution", "remind",
                            "urge", "message", "promise", "vow"})  # fmt: skip
# What a vocative "To X," follows: a quotation's start or a colon.
_OPENERS = frozenset({'"', "\u201c", ":"})
# Participles that name an asset's owner: "ships belonging to X", "owned by X".
_OWNING_VERBS = frozenset({"belong", "own", "operate", "deal", "serve", "charter"})
_SKIP = ("relcl", "acl", "advcl", "ccomp", "appos", "parataxis")
# What an act was aimed at: its victim, never one of the actors a phrase names.
_AIMED_AT = frozenset({"against", "upon", "on", "toward", "towards"})


class TargetFinder:
    def __init__(self, doc: Any, acts: Acts, demonym_of: dict[str, str] | None = None) -> None:
        self.doc, self.words = doc, acts
        self.mentions: Mentions = doc._.kg_mentions
        self.demonym_of = demonym_of or {}  # "Iran" -> "Iranian"

    def mention(self, token: Any) -> Mention | None:
        found = self.mentions.at(token)
        if found is None or (found.kind == "capital" and token.dep_ == "pobj" and (
            token.head.lower_ in self.words.place_preps
        )):  # fmt: skip
            return None  # "in Baghdad" is a place
        if not found.known and found.kind == "ner" and token.dep_ in ("compound", "nmod") and (
            token.head.lower_ in self.words.weapon_nouns | self.words.harm_nouns
        ):  # fmt: skip
            return None  # "Katyusha rockets", "the Taji attack": a make or a place, no actor
        return self._adjectival(found)

    def _adjectival(self, found: Mention) -> Mention:
        """ "the Israeli military operation": "military" is an adjective there, so the
        act is the state's (Israel), not its army's; "the Israeli military said" keeps it.
        A state's asset named as an office ("the American embassy") is the state's too."""
        if found.type != "state" or not found.affiliation:
            return found
        if found.kind == "descriptor" and self.words.asset_nouns & set(found.text.lower().split()):
            # "the American embassy is a den of conspiracy": a target means what it is the
            # state's ("the U.S. Embassy" speaks for itself)
            return Mention(found.start, found.end, found.text, found.affiliation, "state", "adj")
        span = self.doc.char_span(found.start, found.end, alignment_mode="expand")
        last = span[-1] if span is not None else None
        if last is not None and last.tag_ == "JJ" and last.dep_ == "amod" and (
            last.head.i >= span.end
        ):  # fmt: skip
            return Mention(found.start, found.end, found.text, found.affiliation, "state", "adj")
        return found

    def actors(self, token: Any, places: bool = False) -> list[Mention]:
        """Actors named in the phrase headed by `token` (not its places or clauses)."""
        backed = self.backed_group_mention(token)
        if backed is not None:  # "Iran-backed groups": the groups, not Iran
            return [backed]
        if token.lower_ in self.words.branch_nouns:
            named = self._named_in_appos(token)
            if named is not None:  # "the Islamic State's Khorasan branch (ISKP)"
                return [named]
        out: list[Mention] = []
        stack = [token]
        while stack:
            current = stack.pop()
            if current.i != token.i and current.dep_ in _SKIP:
                continue
            if not places and current.dep_ == "prep" and current.lower_ in self.words.place_preps:
                continue
            if current.dep_ == "prep" and current.lower_ in _AIMED_AT and current.i != token.i:
                continue  # "the coalition against an Iraqi security body": not the actor
            if current.lower_ in _POSSESSIVE:
                continue
            if current.dep_ in ("poss", "amod", "compound") and self._violated(current.head):
                continue  # "a violation of Lebanon's sovereignty": the victim, not an actor
            if self._branch_place(current):
                continue
            found = self.mention(current)
            if found is not None and found.type != "other":
                out.append(found)
            stack.extend(current.children)
        return _unique(sorted(out, key=lambda m: m.start))

    def _branch_place(self, modifier: Any) -> bool:
        """ "Islamic State's Afghan branch", "Tehran's Lebanese arm", "the Afghan branch":
        the place a group's branch works in, no actor (not "the Islamic Jihad wing", a
        group that names its own branch)."""
        head = modifier.head
        if modifier.dep_ not in ("amod", "compound") or head.lower_ not in self.words.branch_nouns:
            return False
        if modifier.i > head.i:
            return False
        owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of")
                    for c in head.children)  # fmt: skip
        found = self.mentions.at(modifier)
        return owned or (found is not None and (found.type == "state" or found.kind == "capital"))

    def _violated(self, noun: Any) -> bool:
        """ "(a violation) of Lebanon's sovereignty", "(an aggression) on Iraqi territory":
        what a harmful act violates (not "support for Israel's security")."""
        prep = noun.head
        return (
            noun.lower_ in self.words.violated_nouns
            and noun.dep_ == "pobj"
            and prep.lower_ in ("of", "on", "upon", "against")
            and prep.head.lower_ in self.words.harm_nouns | {"breach", "breaches", "infringement"}
        )

    def owners(self, token: Any, exclude: Collection[str] = ()) -> list[Mention]:
        """The actor a phrase is or belongs to: "American bases", "U.S. interests in the
        region", "the bases of the coalition", "America and Britain"."""
        out: list[Mention] = []
        if token.lower_ in ("which", "who", "that") and token.head.dep_ == "relcl":
            return self.owners(token.head.head, exclude)  # "the group, which it blamed"
        if token.dep_ == "csubj" and token.lemma_.lower() in _OWNING_VERBS:
            # the parser's "[ships belonging to X] had become targets": the clause is the subject
            return _unique([m for m in self._owner_named(token, exclude) if m.type != "other"])
        pair = self.mentions.pair_before(token, self.words.group_nouns)
        if pair:  # "the two groups bore responsibility"
            return [m for m in pair if m.name not in exclude]
        conjuncts = [c for c in token.conjuncts if not self._after_place(token, c)]
        for item in [token, *conjuncts, *_slashed(token)]:
            own = (
                self.mention(item) or self._group_named_before(item, exclude)
                or self.backed_group_mention(item) or self._named_in_appos(item)
            )  # fmt: skip
            if own is not None:
                out.append(own)
                continue
            for child in item.children:
                if child.dep_ == "poss" and item.lower_ in self.words.enemy_nouns:
                    continue  # "Pakistan's enemies" are not Pakistan
                if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < item.i and (
                    not self._branch_place(child)
                ):  # fmt: skip
                    for part in [child, *child.conjuncts]:  # "American and British ships"
                        found = self.mention(part)
                        if found is not None:
                            out.append(found)
                        elif part.lower_ in ("its", "their"):
                            out += self.antecedents(part, exclude)
                        elif part.lower_ == "your":  # "your bases in Iraq will burn"
                            out += self.addressee(part)
                        elif child.dep_ == "poss" and part.pos_ == "NOUN":
                            out += self.owners(part, exclude)  # "the Syrian regime's forces"
                if child.dep_ == "prep" and child.lower_ == "of" and (
                    item.lower_ in self.words.asset_nouns or item.lower_ in ("invaders",
                    "occupiers", "forces", "enemies", "mercenaries")
                    or item.lower_ in self.words.backed_group_nouns  # "the factions of X"
                    or item.lower_ in self.words.member_nouns  # "members of the Brotherhood"
                    or item.lower_ in self.words.recurrence_nouns  # "any repetition of X"
                ):  # fmt: skip
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out += self.owners(pobj, exclude)
            if item.pos_ == "NOUN" and item.lower_ not in self.words.asset_nouns:
                # "blamed the attack on incitement by Hamas": the deed's doer
                for by in _by_phrases(item):
                    for pobj in by.children:
                        if pobj.dep_ == "pobj":
                            out += self.owners(pobj, exclude)
            if item.lower_ in self.words.asset_nouns:
                out += self._owned_by(item, exclude)
            if item.pos_ == "PRON" and item.lower_ in ("them", "they", "it"):
                out += self.antecedents(item, exclude)
        return _unique([m for m in out if m.type != "other"])

    def _group_named_before(self, noun: Any, exclude: Collection[str]) -> Mention | None:
        """ "the group would pay a steep price", "the group's piracy": the armed group
        named last before it (not the speaker's own side), in its sentence or the one
        before."""
        if (
            noun.tag_ != "NN"
            or noun.lower_ not in self.words.group_back_nouns
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
            # ("held the group responsible": the parser's "responsible" after it is no
            # modifier of the name)
            # ("accused the group of hiding among civilians": the charge, not a name)
            or any(
                c.dep_ in ("amod", "compound", "poss", "prep")
                and (c.i < noun.i or (c.dep_ == "prep" and not _of_deed(c)))
                and not self._backer_epithet(c)
                for c in noun.children
            )
        ):
            return None  # fmt: skip
        start = noun.sent.start
        if start > 0:
            start = noun.doc[start - 1].sent.start
        for mention in self.mentions.before(noun.idx):
            if mention.start < noun.doc[start].idx:
                return None
            if mention.type == "militia" and mention.kind not in ("adj", "capital") and (
                mention.name not in exclude
            ):  # fmt: skip
                return mention
        return None

    def _backer_epithet(self, modifier: Any) -> bool:
        """ "the Tehran-allied group", "the Iran-backed movement": a group the text named
        just before, described by its backer."""
        return modifier.dep_ == "amod" and modifier.lower_ in (
            self.words.backing_participles | _ALLIED)  # fmt: skip

    def _named_in_appos(self, noun: Any) -> Mention | None:
        """ "its Syrian offshoot, the YPG": a description the next phrase names."""
        for child in noun.children:
            if child.dep_ == "appos" and child.i > noun.i:
                found = self.mention(child)
                if found is not None and found.kind not in ("adj", "capital"):
                    return found
        return None

    def _owned_by(self, asset: Any, exclude: Collection[str]) -> list[Mention]:
        """ "ships belonging to the Israeli enemy", "vessels owned by or dealing with
        Israelis", "tankers operated by X": the owner a participle clause names."""
        out: list[Mention] = []
        for clause in asset.children:
            if clause.dep_ == "acl" and clause.lemma_.lower() in _OWNING_VERBS:
                out += self._owner_named(clause, exclude)
        return out

    def _owner_named(self, participle: Any, exclude: Collection[str]) -> list[Mention]:
        out: list[Mention] = []
        for verb in [participle, *participle.conjuncts]:
            for prep in verb.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("to", "by", "with"):
                    for pobj in prep.children:  # "owned by X or dealing with it": "it" is X
                        if pobj.dep_ == "pobj" and not (out and pobj.pos_ == "PRON"):
                            out += self.owners(pobj, exclude)
        return out

    def backed_group_mention(self, token: Any) -> Mention | None:
        """`backed_group` as an actor mention the text does not list (kind descriptor), or a
        group no name lists, written as the text writes it (`written_group`)."""
        name = self.backed_group(token) or self.written_group(token)
        if name is None:
            return None
        return Mention(token.idx, token.idx + len(token), token.text, name, "militia",
                       "descriptor", known=False)  # fmt: skip

    def written_group(self, token: Any) -> str | None:
        """ "the settlers' assault", "a rampage by Israeli settlers", "extremist settlers":
        a group with no canonical name, as the text names it with its adjectives (rule 14),
        never as the state a demonym among them names."""
        ruling = token.lower_ in self.words.ruling_body_nouns  # "the BJP government"
        if not ruling and (token.lower_ not in self.words.written_group_nouns
                           or token.pos_ != "NOUN"):  # fmt: skip
            return None
        words = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]
        start = min((w.left_edge.i for w in words), default=token.i)
        if ruling and not (words and self._unlisted_ruler(start, token)):
            return None
        return self.doc[start : token.i + 1].text

    def _unlisted_ruler(self, start: int, head: Any) -> bool:
        """ "the BJP government", "the APC government", "the BJP-led state government",
        "the Khyber Pakhtunkhwa government": a government named by a party or a province
        the gazetteer does not list is written as the text names it (rule 14), never
        as that party; a state's government ("the Lebanese government") is the state's."""
        names = [t for t in self.doc[start : head.i] if t.text[:1].isupper()]
        return bool(names) and all(
            (found := self.mentions.at(t)) is None or not found.known for t in names
        )

    def backed_group(self, token: Any) -> str | None:
        """ "Iran-backed groups", "radical militant groups backed by Iran": armed groups
        the text names only by their backer, written as the text names them (contract
        rule 14), never as the backer; None for anything else."""
        words = self.words
        if token.lower_ not in words.backed_group_nouns or self.mention(token) is not None:
            return None
        if not any(c.dep_ in ("amod", "acl") and c.lower_ in words.backing_participles
                   for c in token.children):  # fmt: skip
            return None
        # "blamed Iran-backed militias for those attacks", "accused ... militias in
        # southern Syria of running drugs", "... factions of intimidating journalists":
        # the act and the place are not in the name
        acts = {t.i for c in token.children if c.dep_ == "prep" and c.i > token.i and (
                c.lower_ != "of" or _of_deed(c)) for t in c.subtree}  # fmt: skip
        kept = [t for t in token.subtree if t.i not in acts and not any(
            a.dep_ in ("relcl", "appos", "parataxis") for a in path_up(t, token))]  # fmt: skip
        backers = {t.i for c in token.children if c.lower_ in words.backing_participles
                   for t in c.subtree}  # fmt: skip
        if any(self.mention(t) is not None for t in kept if t.i not in backers):
            return None  # "the Turkish-backed factions of the Syrian National Army": named
        while kept and (kept[0].dep_ in ("det", "predet") or kept[0].is_punct):
            kept.pop(0)
        while kept and kept[-1].is_punct:
            kept.pop()
        if not kept:
            return None
        return _unquoted(self.doc[kept[0].i : kept[-1].i + 1].text)

    def _after_place(self, head: Any, conjunct: Any) -> bool:
        """ "forces in Iraq and Syria": a conjunct after a place phrase is a place."""
        doc = head.doc
        return any(doc[i].dep_ == "prep" and doc[i].lower_ in self.words.place_preps
                   for i in range(head.i, conjunct.i))  # fmt: skip

    def person_before(self, token: Any, exclude: set[str]) -> Mention | None:
        """The person "him", "her" or "the martyr" names: the nearest earlier person
        mention that is not the speaker. A noun ("the martyr", "the scientist") prefers
        the nearest person the text says was killed: the mourners named in between are
        not whom it means."""
        people = [m for m in self.mentions.before(token.idx)
                  if m.type == "person" and m.name not in exclude]  # fmt: skip
        if token.pos_ == "NOUN":
            titled = next((m for m in people if token.lower_ in self._titles(m)), None)
            killed = next((m for m in people if self._harmed(m)), None)
            if titled or killed:
                return titled or killed
        return people[0] if people else None

    def _root(self, mention: Mention) -> Any | None:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return None if span is None else span.root

    def _titles(self, mention: Mention) -> set[str]:
        """The nouns the text gives a person as a title: "Iranian general Qassem
        Suleimani", "Mohsen Fakhrizadeh, Iran's top nuclear scientist"."""
        root = self._root(mention)
        if root is None:
            return set()
        words = {c.lower_ for c in root.children if c.dep_ in ("compound", "amod", "appos")}
        if root.dep_ == "appos":
            words.add(root.head.lower_)
        return words

    def _harmed(self, mention: Mention) -> bool:
        """Whether a harmful act names `mention` as its object: "killed X", "X was
        assassinated", "the assassination of X" (an apposition or a conjunct of it)."""
        token = self._root(mention)
        if token is None:
            return False
        while token.dep_ in ("appos", "compound", "conj") and token.head.i != token.i:
            token = token.head
        head = token.head
        if token.dep_ in ("dobj", "nsubjpass"):
            return head.lemma_.lower() in self.words.harm_verbs
        return (token.dep_ == "pobj" and head.lower_ == "of"
                and head.head.lower_ in self.words.harm_nouns)  # fmt: skip

    def hedged(self, noun: Any) -> bool:
        hedges = self.words.hedges
        return any(t.lower_ in hedges for t in noun.subtree if t.i < noun.i) or any(
            t.lower_ in hedges for t in noun.head.children if t.i < noun.i
        )

    def authors(self, noun: Any) -> tuple[list[Mention], bool]:
        """(actors, named): who did the act `noun` names, and whether the text named a
        perpetrator at all (even one not resolved, like "the enemy")."""
        if self.hedged(noun):
            return [], True
        out: list[Mention] = []
        named = False
        for child in noun.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod") and child.i < noun.i:
                if child.lower_ in _POSSESSIVE:
                    named = True
                    if child.lower_ in ("its", "their"):
                        out += self.antecedents(child)
                    continue
                found = self.actors(child)
                if child.dep_ != "poss":  # "the Jerusalem operation": a capital before an
                    found = [m for m in found if m.kind != "capital"]  # act is its place
                if found:
                    named = True
                    out += found
            elif (child.dep_ == "prep" and child.lower_ == "by") or child.dep_ == "agent":
                named = True
                out += self._phrase_actors(child)
            elif child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ in (
                self.words.aggression_nouns | {"operation", "operations", "attack", "attacks"}
            ) and noun.lower_ not in self.words.victim_of_nouns:  # fmt: skip
                for pobj in child.children:  # "the crimes of the SDF militias and the
                    # American occupation": the phrase's owners, each conjunct's too
                    owners = self.owners(pobj) if pobj.dep_ == "pobj" else []
                    found = [m for m in owners if m.type not in ("person", "other")]
                    named = named or bool(found)
                    out += found
            elif child.dep_ == "prep" and child.lower_ == "of":
                # "a violation of Iraqi sovereignty by Iran": the parser hangs the agent
                # on the object of "of"; it is still the act's
                for agent in (a for p in child.children for a in p.children
                              if a.dep_ == "prep" and a.lower_ == "by"):  # fmt: skip
                    named = True
                    out += self._phrase_actors(agent)
            elif child.dep_ == "acl":  # "the massacre committed by X"
                for agent in _by_phrases(child):
                    named = True
                    out += self._phrase_actors(agent)
        head = noun.head
        if noun.dep_ == "nsubjpass" and head.lemma_.lower() in self.words.commit_verbs:
            for agent in head.children:  # "the attack was carried out by X"
                if agent.dep_ == "agent":
                    named = True
                    out += self._phrase_actors(agent)
        if noun.dep_ in ("dobj", "oprd") and not any(c.dep_ == "auxpass" for c in head.children):
            # "called the killing an assault by the enemy", "condemned the attack by X": the
            # parser hangs the act's "by X" on the verb
            for agent in _by_phrases(head):
                named = True
                out += self._phrase_actors(agent)
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.words.commit_verbs:
            for subject in head.children:  # "X committed the massacre"
                if subject.dep_ == "nsubj" and subject.pos_ != "PRON":
                    named = True
                    out += self.actors(subject)
        return _unique(out), named

    def _phrase_actors(self, phrase: Any) -> list[Mention]:
        """The actors a "by" phrase (or any preposition) names: its objects'."""
        return [m for pobj in phrase.children for m in self.actors(pobj)]

    def antecedents(self, pronoun: Any, exclude: Collection[str] = ()) -> list[Mention]:
        """The actor "its"/"their"/"them"/"it" refers back to: the nearest actor (not a
        person, not a place, not one of `exclude`: a speaker's own side is never what its
        threat's "its airports" means) before it in its sentence or the one before, a
        subject before any other ("the YPG must leave Syria, ... Turkey would crush them")."""
        doc = pronoun.doc
        bound = self._object_antecedent(pronoun, exclude)
        if bound is not None:
            return [bound]
        candidates: list[tuple[Any, Mention]] = []
        sentence_starts = 0
        # "Turkey would crush them": an object pronoun never means its own clause's subject
        own_subject: set[int] = set()
        if pronoun.dep_ in ("dobj", "pobj"):
            subjects = [c for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
            own_subject = {t.i for c in subjects for t in c.subtree}
        for index in range(pronoun.i - 1, max(-1, pronoun.i - 80), -1):
            token = doc[index]
            if index in own_subject:
                continue
            found = self.mentions.at(token)
            place = token.dep_ == "pobj" and token.head.lower_ in self.words.place_preps
            if (
                found is not None
                and found.kind != "capital"
                and found.type not in ("person", "other")
                and found.name not in exclude
                and not place
                and not self._branch_place(token)
                and all(found != m for _, m in candidates)
            ):
                candidates.append((token, found))  # fmt: skip
            if token.is_sent_start:
                sentence_starts += 1
                if sentence_starts > 1:
                    break
        for token, found in candidates:
            if any(t.dep_ in ("nsubj", "nsubjpass") for t in [token, *token.ancestors][:3]):
                return self._with_conjuncts(pronoun, token, found, exclude)
        return [candidates[0][1]] if candidates else []

    def _with_conjuncts(self, pronoun: Any, token: Any, found: Mention,
                        exclude: Collection[str]) -> list[Mention]:  # fmt: skip
        """ "Washington and London have committed an aggression, and they alone will carry
        its consequences": a plural pronoun means every coordinated actor."""
        if pronoun.lower_ not in ("they", "them", "their", "themselves"):
            return [found]
        out = [found]
        for conjunct in token.conjuncts:
            mention = self.mentions.at(conjunct)
            if mention is not None and mention.type not in ("person", "other") and (
                mention.name not in exclude and all(mention != m for m in out)
            ):  # fmt: skip
                out.append(mention)
        return out

    def addressee(self, pronoun: Any) -> list[Mention]:
        """Whom "you"/"your" means: the one the speaker tells or warns ("told the Houthis
        ...: "you will face a force"", "We say to the Great Satan: your bases will burn"),
        or whom the quotation addresses ("To all Houthi terrorists, your time is up. ...
        hell will rain down upon you"), in this sentence or the two before."""
        for verb in pronoun.ancestors:
            for head in (verb, verb.head if verb.dep_ in ("conj", "advcl", "xcomp") else verb):
                if head.lemma_.lower() not in _ADDRESS_VERBS:
                    continue
                for child in head.children:
                    if child.dep_ in ("dobj", "dative"):
                        found = self.owners(child)
                    elif child.dep_ == "prep" and child.lower_ == "to":
                        found = self._objects_owners(child)
                    else:
                        continue
                    if found:
                        return found
        sentence = pronoun.sent
        for _ in range(3):
            vocative = next((t for t in sentence if t.lower_ == "to" and t.dep_ == "prep"
                             and (t.i == sentence.start or t.nbor(-1).text in _OPENERS)),
                            None)  # fmt: skip
            if vocative is not None:
                found = self._objects_owners(vocative)
                if found:
                    return found
            if sentence.start == 0:
                break
            sentence = pronoun.doc[sentence.start - 1].sent
        return []

    def _objects_owners(self, prep: Any) -> list[Mention]:
        """The actors a preposition's objects are or belong to ("to the Great Satan")."""
        return [m for p in prep.children if p.dep_ == "pobj" for m in self.owners(p)]

    def _object_antecedent(self, pronoun: Any, exclude: Collection[str]) -> Mention | None:
        """ "punish the Zionist regime for its crime", "warned Israel that any repetition
        of its crimes would ...": a possessive under a verb refers to the verb's object."""
        if pronoun.lower_ not in ("its", "their"):
            return None
        for verb in pronoun.ancestors:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            for child in verb.children:
                if child.dep_ in ("dobj", "dative") and child.i < pronoun.i:
                    found = self.mention(child)
                    whole = found is not None and all(  # not "Operation Hurricane Yemen"
                        found.start <= t.idx < found.end
                        for t in child.subtree if t.dep_ not in ("det", "punct")
                    )  # fmt: skip
                    if whole and found.type not in ("person", "other") and (
                        found.kind != "capital" and found.name not in exclude
                    ):  # fmt: skip
                        return found
            if any(c.dep_ in ("nsubj", "nsubjpass") and pronoun not in c.subtree
                   for c in verb.children):  # fmt: skip
                return None  # "warned Hezbollah that Israel was ready to widen its ...": Israel's
            if verb.dep_ not in ("xcomp", "advcl", "conj", "ccomp"):
                break
        return None

    def act_before(self, pronoun: Any) -> Any | None:
        """The act "it"/"this" refers to: the nearest harmful-act noun or verb before it,
        in its sentence or the one before ("Kuwait and Jordan also condemned it")."""
        doc = pronoun.doc
        acts = self.words.harm_nouns
        sentence_starts = 0
        for index in range(pronoun.i - 1, max(-1, pronoun.i - 80), -1):
            token = doc[index]
            if token.lower_ in acts and token.pos_ == "NOUN":
                return token
            if token.is_sent_start:
                sentence_starts += 1
                if sentence_starts > 1:
                    break
        return None

    def phrase(self, token: Any, side: Collection[str] = ()) -> str | Mention | None:
        """What a praise or condolence phrase names: an actor, or the phrase as written
        (the members of the speaker's own `side` stay as written: "the fighters of the Hashd")."""
        words = self.words
        for child in token.children:
            if child.dep_ == "appos":
                found = self.mention(child)
                if found is not None and found.kind != "adj":
                    return found
        own = self.mention(token)
        if own is not None and own.kind != "adj":
            return own
        if token.lower_ in words.fellowship_nouns:  # "our brothers in Hezbollah"
            for pobj in (p for c in token.children if c.dep_ == "prep" and c.lower_ in (
                    "in", "of", "among") for p in c.children if p.dep_ == "pobj"):  # fmt: skip
                found = self.mention(pobj)
                if found is not None and found.type in ("militia", "state", "organization"):
                    return found
            for adjective in token.children:  # "our Emirati partners", "American allies"
                found = self.mention(adjective) if adjective.dep_ in ("amod", "compound") else None
                if found is not None and found.kind == "adj" and found.type == "state":
                    return found
        if token.lower_ in words.member_nouns:  # "the mujahideen of Hezbollah", "SDF fighters"
            group = self._members_group(token)
            if group is not None and group.name not in side:
                return group
        body = self.service_body(token)  # "the soldiers of the Pakistan Army"
        if body is not None and body.name not in side:
            return body
        if token.lower_ in words.quality_nouns:  # "the sacrifices of the martyrs"
            for pobj in of_objects(token):
                found = self.phrase(pobj, side)
                if (
                    token.lower_ in words.population_nouns
                    and pobj.pos_ == "PROPN"
                    and not isinstance(found, Mention)
                ):  # "the heroes of Hebron", "the heroes of al-Aqsa Flood": people of a
                    # place or a deed, no actor, praised as written (as "the people of
                    # Hebron" are)
                    return self._as_written(token)
                return found
            owners = [m for m in self.owners(token) if m.kind != "adj" or token.lower_ in (
                "operation", "operations", "decision", "position", "stance")]  # fmt: skip
            if owners:
                return owners[0]
        actors = self.actors(token, places=True)
        single = token.lower_ not in words.population_nouns and len(actors) == 1
        if single and (actors[0].kind not in ("adj", "capital") or token.lower_ in (
            words.quality_nouns)):  # fmt: skip
            return actors[0]
        if token.pos_ == "PRON":
            return None
        owner = next((c for c in token.children if c.dep_ == "poss" and c.lower_ in (
            "its", "their")), None)  # fmt: skip
        if owner is not None and token.lower_ in words.population_nouns:
            states = self._conjunct_state(token)
            # a conjunct's "its" is its list's first item ("the Islamic Resistance and its
            # fighters"), never a state named further back
            if not states and token.dep_ != "conj":
                states = [m for m in self.antecedents(owner) if m.name in self.demonym_of]
            if states:  # "the Islamic Republic and its people" -> "Iranian people"
                modifiers = [
                    c.text for c in token.children if c.dep_ in ("amod", "compound")
                    and c.i < token.i and c.lower_ not in words.evaluative_words
                ]  # fmt: skip
                return " ".join([self.demonym_of[states[0].name], *modifiers, token.text])
        return self._as_written(token)

    def _members_group(self, token: Any) -> Mention | None:
        """The named group whose members `token` is ("the fighters of the SDF", "Hezbollah
        fighters"); not a demonym ("Palestinian fighters") nor a place."""
        named = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
        named += of_objects(token)
        for noun in named:
            found = self.mention(noun)
            if found is not None and found.kind not in ("adj", "capital") and found.type in (
                    "militia", "organization"):  # fmt: skip
                return found
        return None

    def service_body(self, token: Any) -> Mention | None:
        """The state's body (an army, a service; not a country) whose people `token` names
        after "of"."""
        if token.lower_ not in self.words.service_nouns:
            return None
        for noun in of_objects(token):
            found = self.mention(noun)
            if found is not None and found.kind not in ("adj", "capital") and (
                found.type == "state" and found.name not in self.demonym_of
            ):  # fmt: skip
                return found
        return None

    def _conjunct_state(self, token: Any) -> list[Mention]:
        """ "the Yemeni people and their armed forces": "their" in a conjunct is the state
        the first conjunct names, not the sentence's subject."""
        if token.dep_ != "conj":
            return []
        found = [self.mention(c) for c in token.head.children
                 if c.dep_ in ("amod", "compound", "poss") and c.i < token.head.i]  # fmt: skip
        found.append(self.mention(token.head))  # "brotherly Lebanon and its people"
        return [m for m in found if m is not None and m.name in self.demonym_of]

    def demonym_people(self, token: Any) -> str | None:
        """ "the Saudi leadership and people", "the Iranian government and people": the
        people the shared demonym names ("Saudi people"), a target beside the first noun's."""
        own = ("det", "amod", "compound")  # "the Iranian leadership and the Iraqi people"
        people = [c for c in token.conjuncts if c.lower_ in self.words.people_nouns
                  and not any(d.dep_ in own for d in c.children)]  # fmt: skip
        demonyms = [c for c in token.children if c.dep_ == "amod" and c.i < token.i
                    and c.text[:1].isupper() and (m := self.mentions.at(c)) is not None
                    and m.type == "state"]  # fmt: skip
        if len(token.conjuncts) != 1 or not people or len(demonyms) != 1:
            return None
        return f"{demonyms[0].text} {people[0].lower_}"

    def conjoined_peoples(self, token: Any) -> list[str]:
        """ "the Palestinian and Lebanese peoples": each people a coordinated demonym names
        ("Palestinian people", "Lebanese people"), not one target of both."""
        if token.lower_ not in self.words.people_nouns:
            return []
        first = [c for c in token.children if c.dep_ == "amod" and c.i < token.i and c.conjuncts]
        demonyms = [first[0], *first[0].conjuncts] if len(first) == 1 else []
        # capitalised adjectives, one at least a demonym ("Palestinian" names no state here)
        if not demonyms or not all(d.text[:1].isupper() and d.pos_ == "ADJ" for d in demonyms):
            return []
        if not any((m := self.mentions.at(d)) is not None and m.kind == "adj" for d in demonyms):
            return []
        return [f"{d.text} people" for d in demonyms]

    def shared_coordination(self, token: Any) -> str | None:
        """ "the Lebanese government and nation", "the victims and their families", "the
        leadership and people of the Islamic Republic": a second noun with no determiner
        or modifier of its own (or only "their"/"its") shares the first's, and the two
        are one group, written as the text gives it (rule 14). Not "the Palestinian
        nation and the Hamas movement", nor a named actor ("Lebanon and its people")."""
        conjuncts = token.conjuncts
        if len(conjuncts) != 1 or token.lower_ not in self.words.population_nouns or (
                self.mentions.at(token) and token.text[:1].isupper()):  # fmt: skip
            return None
        second = conjuncts[0]
        own = [c for c in second.children if c.i < second.i and c.dep_ in (
            "det", "poss", "amod", "compound", "nummod")]  # fmt: skip
        bare = all((c.dep_ == "amod" and c.lower_ == "loved") or c.lower_ in ("their", "its")
                   for c in own)  # fmt: skip  # "loved ones"
        if second.pos_ != "NOUN" or not bare or self.mentions.at(second) is not None:
            return None
        return self._as_written(token, keep_conj=True)

    def _as_written(self, token: Any, keep_conj: bool = False) -> str | None:
        words = self.words
        kept = []
        for t in token.subtree:
            if _bare_participle(t) or _those_who(t, token):
                kept.append(t)  # "the families of those (who were) killed": the name's
                continue
            # "the families of the martyrs and the wounded": a list inside "of" is one group
            in_of = t.dep_ == "conj" and _under_of(t, token) and self.mentions.at(t) is None and (
                not any(c.dep_ == "prep" for c in t.children))  # fmt: skip
            joined = keep_conj and t.dep_ == "conj" and t.head.i == token.i
            if in_of or joined:  # the "and" before it lies inside the span kept
                kept.append(t)
                continue
            if t.i != token.i and (t.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj")
                                   or any(a.dep_ in ("relcl", "acl", "appos", "conj")
                                          and not (keep_conj and a.dep_ == "conj"
                                                   and a.head.i == token.i)
                                          for a in path_up(t, token))):  # fmt: skip
                continue
            if t.i > token.i and t.dep_ == "prep" and t.lower_ != "of":
                break
            if t.dep_ in ("det", "predet") or t.lower_ in _POSSESSIVE or t.is_space:
                continue
            if t.like_num or t.is_punct or t.lower_ in words.evaluative_words:
                continue
            kept.append(t)
        if not kept:
            return None
        text = _unquoted(self.doc[kept[0].i : kept[-1].i + 1].text)
        capitalised = any(w.text[:1].isupper() for w in kept)
        lone = token.lower_ in ("martyrs", "victims") and len(kept) == 1  # "the martyrs"
        if (
            not capitalised
            and not lone
            and (token.lower_ not in words.population_nouns or len(kept) < 2)
        ):
            return None
        return text or None


_ALLIED = frozenset({"allied", "aligned"})


def _those_who(token: Any, top: Any) -> bool:
    """Whether `token` lies in a clause that says who "those" are ("the families of
    those who were killed"; not its place or time: "... killed in Gaza")."""
    for above in path_up(token, top):
        if above.dep_ in ("prep", "npadvmod", "advmod"):
            return False
        if above.dep_ == "relcl" and above.head.lower_ == "those":
            return not any(a.dep_ in _SKIP for a in path_up(above.head, top))
    return False


def _of_deed(prep: Any) -> bool:
    """ "of running drugs", "of intimidating journalists" (the parser's "intimidating" an
    adjective of "journalists"): an "of" before a gerund names a deed."""
    after = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
    return any(g.dep_ == "pcomp" for g in prep.children) or (
        after is not None and after.tag_ == "VBG")  # fmt: skip


def _under_of(token: Any, top: Any) -> bool:
    """Whether `token` coordinates with an object of "of" inside the phrase of `top`."""
    first = token.head
    return first.i != top.i and first.dep_ == "pobj" and first.head.lower_ == "of" and (
        first.head.head.i == top.i)  # fmt: skip


def _slashed(token: Any) -> list[Any]:
    """ "the PKK/YPG": the names a slash joins to the head (the parser hangs them on it as
    modifiers, or on the modifier: "PKK/YPG terrorists"), each one a target of its own."""
    doc = token.doc
    before = [c for c in token.children if c.i < token.i]
    before += [g for c in before for g in c.children if g.i < c.i]
    return [c for c in before if c.i + 1 < len(doc) and doc[c.i + 1].text == "/"]


def _unique(mentions: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for mention in mentions:
        if mention.name not in seen:
            seen.add(mention.name)
            out.append(mention)
    return out


def _bare_participle(token: Any) -> bool:
    """A past participle right after its noun ("those killed", "the workers killed in the
    attack": what follows it stays out), and one joined to it ("those killed and
    wounded")."""
    if token.dep_ == "conj" and token.tag_ in ("VBN", "VBD") and token.i == token.head.i + 2:
        return token.nbor(-1).dep_ == "cc" and _bare_participle(token.head)
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.i == token.head.i + 1


def _by_phrases(token: Any) -> list[Any]:
    """The "by X" phrases among `token`'s children: the parser's agent or a "by" phrase."""
    return [
        c for c in token.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
    ]


def _unquoted(text: str) -> str:
    """A phrase without the quotation marks around it, nor the stop a closing quotation
    took with it ('the friendly Austrian people".')."""
    return re.sub(r"[\"'\u201c\u201d]+[.,;:]*$", "", text.strip()).strip(" \"'\u201c\u201d")
