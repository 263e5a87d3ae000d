"""`kg_speech`: the speech acts of a document, before anyone is named as their speaker.

Requires: the parse, `doc._.kg_layout`, `doc._.kg_mentions`. Assigns: `doc._.kg_acts`,
a tuple of `SpeechAct` in text order.

An act is one of:
* `verb`: a reporting verb from data/speech.yaml ("said", "warned", "condemned", "wrote
  on X", "held X responsible") with a subject; joint subjects ("X and Y said") are kept
  together, attribution splits them; a relative clause counts when its pronoun is the
  subject ("Hassan Nasrallah, who hailed Soleimani as ..."); and a sentence labelled with
  named people before a colon ("Clip from Aynata. Hizbullah MP Hassan Fadlallah: the
  enemy will pay ..."; "Donald Trump, in a telephone interview: ..."), the colon its cue
  and the people its subjects; and a clause that says how an actor answered, closed by a
  colon ("Islamic Jihad was blunter still: the occupation will pay ...");
* `passive`: the same verb in the passive with an agent ("America was blamed by X");
* `block`: a sentence of a quoted block (`Layout`: "Full statement:" then a quoted
  paragraph) that has no act of its own;
* `entry`: a sentence of a digest entry that has no act of its own;
* `quote`: a sentence inside a quotation opened by an earlier act of its paragraph.

What was said (`content`) is the verb's clause without its subject, without the clauses
of nested acts that have a subject of their own ("X said Y had blamed Z": the blame is
Y's act), and without coordinated clauses with another subject ("..., while the army
said ..."). Negated verbs ("did not say"), relative framings ("in what X called") and
verbs with a particle that changes them ("called up reservists") are not acts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from kg.extract.doc import Layout, SpeechAct, set_against, source_phrases
from kg.extract.wordlists import Acts, Speech

_RELATIVE = {"who", "which", "that"}
# A sentence's label of speakers: at most this many tokens before the colon, and besides
# names and titles only these words ("Joint statement by X and Y:")
_LABEL_TOKENS = 24
# A label that names an actor's statement ("Hamas statement:") is at most this long
_STATEMENT_LABEL_TOKENS = 12
_LABEL_WORDS = frozenset({"and", "by", "joint", "statement", "of", "the", "'s", "\u2019s"})
_OPENING_QUOTES = ('"', "\u201c")
# Where or to whom a labelled actor spoke, between its name and the colon: "on Twitter",
# "(via twitter)", "to reporters", "in a press briefing", "(X)"
_CHANNEL = re.compile(
    r"\s*\(?\s*(?:(?:on|via|in|to|at)\s+(?:a\s+|an\s+|his\s+|her\s+|its\s+|the\s+)?"
    r"(?:twitter|x|telegram|facebook|tweet|press\s+briefing|briefing|news\s+conference|press"
    r"\s+conference|reporters|journalists|state\s+tv|television)\b|x\s*\))[^:]*$",
    re.IGNORECASE,
)
_QUOTES = (*_OPENING_QUOTES, "\u201d")


class SpeechActs:
    def __init__(self, speech: Speech, acts: Acts) -> None:
        self.speech, self.words = speech, acts
        # the words a sentence's label of speakers may hold besides names
        self._label_words = speech.person_titles | speech.role_nouns | _LABEL_WORDS
        # the nouns of bodies several actors may each have ("the foreign ministries of A and B")
        self._body_nouns = (speech.role_nouns | speech.sub_body_nouns
                            | speech.generic_back_references | {"ministry"})  # fmt: skip

    def __call__(self, doc: Any) -> Any:
        self._mentions, self._doc = doc._.kg_mentions, doc
        doc._.kg_acts = tuple(self.acts(doc))
        return doc

    def mentions_at(self, token: Any) -> bool:
        return self._actor_at(token) is not None

    def _actor_at(self, token: Any) -> Any | None:
        """The actor named at `token`: not a demonym, a capital or an anaphor."""
        mention = self._mentions.at(token)
        if mention is None or mention.kind in ("adj", "capital", "anaphor"):
            return None
        return mention

    def acts(self, doc: Any) -> list[SpeechAct]:
        layout: Layout = doc._.kg_layout
        out: list[SpeechAct] = []
        open_quote: dict[int, bool] = {}
        text = doc.text  # built anew on every access
        for sent in doc.sents:
            paragraph = layout.at(sent.start_char)
            if paragraph.kind in ("head", "heading", "footnotes") or not sent.text.strip():
                continue
            if paragraph.entry is not None and sent.end_char <= paragraph.entry.body_start:
                continue
            found = [a for a in self._verb_acts(sent, paragraph.index) if not _cut_off(a, sent)]
            if not found and not open_quote.get(paragraph.index):
                found = (self._labelled_act(sent, paragraph.index)
                         or self._channel_labelled_act(sent, paragraph.index)
                         or self._statement_labelled_act(sent, paragraph.index)
                         or self._colon_act(sent, paragraph.index))  # fmt: skip
            if not found:
                found = self._layout_act(sent, paragraph, out, open_quote.get(paragraph.index))
            found = [self._with_quotation_before(act, out) for act in found]
            if open_quote.get(paragraph.index):
                found = self._with_open_quotation(found, sent, paragraph, out)
            # a quotation a source act took from the sentence before: its layout act goes
            taken = {act.sentence[0] for act in found if act.sentence[0] < sent.start}
            if taken:
                out = [a for a in out if a.kind == "verb" or a.sentence[0] not in taken]
            out.extend(found)
            open_quote[paragraph.index] = _quote_open(text, paragraph.start, sent.end_char)
        return out

    # -- reporting verbs ---------------------------------------------------------
    def _verb_acts(self, sent: Any, paragraph: int) -> list[SpeechAct]:
        verbs = [t for t in sent if self.is_reporting(t)]
        acts = []
        for verb in verbs:
            if any(c.dep_ == "parataxis" and c.i in {v.i for v in verbs} for c in verb.children):
                continue  # "The government, he said, held X responsible": his act, not its
            subjects, kind = self._subjects(verb)
            if not subjects and acts and verb.dep_ == "conj":
                # a predicate coordinated after a statement the parser hung elsewhere
                # ("X said ..., offered condolences ... and condemned ..."): X's too
                subjects = [verb.doc[i] for i in acts[-1].subjects]
            if not subjects or self._reported_again(verb, subjects, verbs):
                continue
            content = self._content(verb, subjects, kind, verbs)
            acts.append(SpeechAct(verb.i, (sent.start, sent.end), frozenset(content),
                                  paragraph, kind, subjects[0].i,
                                  tuple(s.i for s in subjects)))  # fmt: skip
        return acts

    def _reported_again(self, verb: Any, subjects: list[Any], verbs: list[Any]) -> bool:
        """ "X said his group would wait ... and urged ...", "X said Y had fired and held
        the group responsible": a reporting verb inside another act's clause whose subject
        names no one new, or is borrowed from a verb it is coordinated with, is part of
        that act, not a second one ("X said Y had blamed Z" is Y's own act)."""
        if verb.dep_ == "parataxis":
            return False  # "The government, he said, held ...": the parenthesis speaks
        if verb.dep_ == "relcl" and self._denied_charge(verb):
            return False  # "X accused Y of Z, a charge that Y's office denied": Y's denial
        if set_against(verb) and subjects[0].head.i == verb.i:
            return False  # "X insisted ..., while his foreign ministry accused Y": its own
        inside = any(other.i != verb.i and other.is_ancestor(verb) for other in verbs)
        borrowed = subjects[0].head.i != verb.i and not any(
            s.head.i == verb.i or (s.dep_ == "pobj" and s.head.head.i == verb.i) for s in subjects
        )  # fmt: skip
        return inside and (borrowed or not self._named(subjects[0]))

    def _named(self, subject: Any) -> bool:
        """A subject that names someone: a name, or a phrase with a name in apposition
        ("the Houthi's top negotiator Mohammed Abdulsalam")."""
        return bool(self.mentions_at(subject) or subject.pos_ == "PROPN" or any(
            c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" and self.mentions_at(c)
            for c in subject.children))  # fmt: skip

    def is_reporting(self, token: Any) -> bool:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX") or lemma not in self.speech.reporting_verbs:
            return False
        needs = self.speech.conditional_verbs.get(lemma)
        if needs and not any(t.lower_ in needs or t.lemma_.lower() in needs
                             for t in token.subtree):  # fmt: skip  # "issued statements"
            return False
        figurative = self.speech.figurative_objects.get(lemma, frozenset())
        if any(c.dep_ == "dobj" and c.lemma_.lower() in figurative for c in token.children) and (
            not any(t.text == ":" for t in token.sent if t.i > token.i)
        ):  # fmt: skip
            # "the regime has written its own punishment": no words reported ("told a
            # different story: Armenia, it claimed, ..." gives them after the colon)
            return False
        hung_on_name = (
            (
                token.dep_ == "acl"
                and token.head.pos_ == "PROPN"
                and any(c.dep_ == "ccomp" for c in token.children)
            )
            or _main_verb_hung_on_root(token)
            or _said_by_or_with(token)
            or _main_verb_after_relative(token) is not None
            or _opens_quotation(token)
        )
        # "From Sanaa, the spokesman Yahya Saree boasted on Al-Masirah that ...": a slip
        if (token.dep_ in ("amod", "acl", "pcomp", "csubj") and not hung_on_name) or any(
            c.dep_ == "neg" for c in token.children
        ):  # fmt: skip
            return False
        if token.dep_ == "relcl" and not any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE for c in token.children
        ) and not _clause_hung_as_relative(token) and not self._denied_charge(token):  # fmt: skip
            return False  # "in what X called", "the attack that X condemned"
        if any(c.dep_ == "aux" and c.lower_ in self.words.modal_verbs for c in token.children):
            return False  # "Israel would respond", "X could condemn": not a statement made
        if token.dep_ == "xcomp" and token.head.lemma_.lower() in self.words.non_factual_verbs:
            return False  # "declined to comment", "refused to say"
        if lemma == "call" and any(c.dep_ == "prt" for c in token.children):
            return False  # "called up reservists", "called off the talks"
        if _said_nothing(token):
            return False  # "neither claimed the attack nor denied it", "carried no statement"
        return not any(c.lower_ == "what" for c in token.children)

    def _denied_charge(self, verb: Any) -> bool:
        """ "Riyadh accused Tehran of ordering the attack, a charge Iran rejected": a
        denial in a relative clause on the charge is the denier's own statement."""
        return (verb.lemma_.lower() in self.words.deny_verbs
                and verb.head.lemma_.lower() in self.words.charge_nouns
                and any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVE
                        for c in verb.children))  # fmt: skip

    def _subjects(self, verb: Any) -> tuple[list[Any], str]:
        """The tokens naming who spoke (joint subjects together) and the act's kind."""
        if verb.lemma_.lower() in self.speech.source_verbs:
            return self._source(verb), "verb"
        root = _main_verb_after_relative(verb)
        if root is not None:
            return _members(root), "verb"  # "The coalition, which includes the UAE, called"
        if verb.dep_ == "acl" and (verb.head.pos_ == "PROPN" or _main_verb_hung_on_root(verb)):
            return _members(verb.head), "verb"  # the name the parser hung the verb on
        for _ in range(4):
            children = list(verb.children)
            active = [c for c in children if c.dep_ == "nsubj"]
            if (
                verb.dep_ == "parataxis"
                and len(active) > 1
                and any(t.text == "," for t in verb.doc[active[0].i : active[-1].i])
            ):  # "Abu al-Ata, the prime minister said, had ...": the parser gave the
                # parenthesis the subject of the clause it interrupts too
                active = active[-1:]
            if active:
                # a parser slip gives two subjects ("Jordan's government spokesman |
                # Muhannad Mubaidin"): the name speaks
                head = next((c for c in active if c.pos_ == "PROPN" and self.mentions_at(c)),
                            active[0])  # fmt: skip
                if verb.dep_ == "relcl" and head.lower_ in _RELATIVE:
                    head = _antecedent(verb.head)
                listed = self._listed_names(verb) or self._bodies_of(head)
                return (listed if len(listed) > 1 else _members(head)), "verb"
            passive = [c for c in children if c.dep_ == "nsubjpass"]
            if passive:
                agents = _agents(verb)
                if agents:
                    return _members(agents[0]), "passive"
                if verb.lemma_.lower() in ("quote", "cite"):
                    return [passive[0]], "verb"  # "X was quoted as saying"
                if verb.lemma_.lower() in self.speech.hearsay_verbs and any(
                    c.dep_ == "xcomp" for c in children
                ):  # "X is reported to have told ...", "X was said to have blamed ..."
                    return _members(passive[0]), "verb"
                return [], "verb"
            if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
                if verb.dep_ == "conj" and _whose_clause(verb.head):
                    # "Mansour Abbas, whose party sits in the coalition, denounced": the
                    # parser hung the main verb on the relative clause
                    return _members(verb.head.head), "verb"
                verb = verb.head  # "X said ... and warned ...": the first verb's subject
                continue
            if _said_by_or_with(verb):
                verb = verb.head.head  # "X opened the meeting by saying ...": X's words
                continue
            # a parser slip: the subject hung on a clause before the verb ("the channel of
            # X, the militia Y founded, posted a statement") or swallowed by a leading
            # phrase ("In a statement on its website, Iran's Revolutionary Guards said")
            for child in children:
                if child.i < verb.i and child.dep_ in ("parataxis", "advcl", "ccomp"):
                    early = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i]
                    if early and early[0].pos_ in ("NOUN", "PROPN"):
                        return _members(early[0]), "verb"
            swallowed = self._swallowed_subject(verb)
            return ([swallowed], "verb") if swallowed is not None else ([], "verb")
        return [], "verb"

    def _listed_names(self, verb: Any) -> list[Any]:
        """ "Kata'ib Hezbollah, Harakat al-Nujaba and Kata'ib Sayyid al-Shuhada said": a
        list of names right before the verb, one token each, however the parser split
        the names (rule 2: one record each)."""
        start = min(t.left_edge.i for t in verb.children if t.dep_ == "nsubj")
        tokens, names = [], []
        for token in verb.doc[start : verb.i]:
            mention = self._mentions.at(token)
            if mention is None or mention.kind in ("adj", "capital", "anaphor"):
                if token.lower_ not in (",", "and", "the", "both"):  # "X and Y both said"
                    return []
            elif not names or names[-1] is not mention:
                names.append(mention)
                tokens.append(token)
        return tokens

    def _bodies_of(self, head: Any) -> list[Any]:
        """ "The foreign ministries of Pakistan and Iraq", "the governments of Burkina Faso
        and Niger": a body or office of each actor named after "of" (rule 2), not "the
        families of X and Y"."""
        if head.tag_ != "NNS" or head.lemma_.lower() not in self._body_nouns:
            return []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                owners = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
                if owners:
                    return [owners[0], *owners[0].conjuncts]
        return []

    def _swallowed_subject(self, verb: Any) -> Any | None:
        """The name a leading phrase swallowed before a subjectless verb ("In a statement
        on its website, Iran's Revolutionary Guards said", "In Sanaa, Mohammed Abdulsalam,
        spokesman of Ansar Allah (the Houthis), tweeted"): a person first, else the first
        gazetteer actor that is not a place and not in brackets."""
        # "That same evening the Confederation of Sahel States, in a communique, denounced":
        # the parser hangs the name on the time phrase as its apposition
        leading = sorted(t.i for c in verb.children if c.i < verb.i and (
            c.dep_ == "prep" or (c.dep_ == "npadvmod" and any(
                a.dep_ == "appos" for a in c.children))) for t in c.subtree)  # fmt: skip
        if not leading or any(t.i > leading[-1] and not t.is_punct for t in verb.doc[
                leading[-1] + 1 : verb.i]):  # fmt: skip
            return None  # the phrase must run up to the verb
        found = []
        depth = 0
        for index in leading:
            token = verb.doc[index]
            depth += (token.text == "(" and 1) or ((token.text == ")" and -1) or 0)
            mention = self._mentions.at(token)
            place = token.dep_ == "pobj" and token.head.lower_ in self.words.place_preps
            if depth or place:
                continue
            if token.lower_ in self.speech.role_nouns and any(  # "... media chief, X, told"
                c.dep_ == "appos" and self.mentions_at(c) for c in token.children
            ):
                found.append((0, index, token))
            elif mention is not None and token.pos_ == "PROPN" and (
                mention.kind not in ("adj", "capital", "anaphor")
            ) and (mention.known or mention.type == "person"):  # fmt: skip
                found.append((1 if mention.type == "person" else 2, index, token))
        return min(found)[2] if found else None

    def _source(self, verb: Any) -> list[Any]:
        """ "The claim came from JNIM": whom a statement noun came from, when the noun is
        the verb's subject (not "the drones came from Yemen")."""
        needs = self.speech.conditional_verbs.get(verb.lemma_.lower(), frozenset())
        if not any(c.dep_ == "nsubj" and c.lemma_.lower() in needs for c in verb.children):
            return []
        sources = source_phrases(verb)
        return _members(sources[0]) if sources else []

    def _content(self, verb: Any, subjects: list[Any], kind: str, verbs: list[Any]) -> set[int]:
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # "Operations against X, he stressed, would continue": the clause around it,
            # and a predicate the parser coordinated with the parenthesis ("X condemned
            # the killings, his spokesperson said, and extended condolences to ...")
            after = [c for c in verb.children if c.dep_ == "conj" and c.i > verb.i]
            around = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
            return around | {t.i for c in after for t in c.subtree}
        content = {t.i for t in verb.subtree}
        if verb.dep_ == "relcl" and self._denied_charge(verb):  # "a charge Tehran rejected"
            charge = verb.head
            content |= {charge.i} | {c.i for c in charge.children if c.dep_ == "det"}
        if _opens_quotation(verb):  # the quotation the parser hung elsewhere is what was said
            content |= _quotation_after(verb)
        if kind == "verb":
            for subject in subjects:
                if verb.is_ancestor(subject):
                    content -= {t.i for t in subject.subtree}
        else:  # the agent is the speaker; the passive subject is what was said about
            for agent in _agents(verb):
                content -= {t.i for t in agent.head.subtree}
        for other in verbs:
            if other.i == verb.i or not verb.is_ancestor(other):
                continue
            own = [c for c in other.children if c.dep_ in ("nsubj", "nsubjpass")]
            # "X said Y had blamed Z", "..., while his ministry accused Z": their own acts
            if own and (self._named(own[0]) or set_against(other)):
                content -= {t.i for t in other.subtree}
        for child in verb.children:
            if child.dep_ == "advcl" and child.i < verb.i and (
                child.lemma_.lower() in self.speech.question_verbs):  # fmt: skip
                # "Pressed on whether X was responsible, he said ...": the question put
                # to the speaker is not his words
                content -= {t.i for t in child.subtree}
            if child.dep_ in ("conj", "advcl") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in child.children
            ) and not _second_complement(child):  # fmt: skip
                # "..., while the army said ...": another speaker's clause
                content -= {t.i for t in child.subtree}
        return content

    def _with_quotation_before(self, act: SpeechAct, before: list[SpeechAct]) -> SpeechAct:
        """'"Tehran will live with the consequences." That warning came hours later from
        the army's spokesman': a statement noun that came from someone takes the
        quotation just before it, in its paragraph, when no act has it."""
        doc = self._doc
        cue = doc[act.cue]
        if act.kind != "verb" or cue.lemma_.lower() not in self.speech.source_verbs:
            return act
        start = act.sentence[0]
        if start == 0:
            return act
        previous = doc[start - 1].sent
        text = previous.text.strip().lstrip("*-\u2022 ")  # a bulleted line
        spoken = any(a.sentence == (previous.start, previous.end) and a.kind == "verb"
                     for a in before)  # fmt: skip
        if (
            spoken
            or not text.startswith(_OPENING_QUOTES)
            or not text.rstrip(".").endswith(_QUOTES)
            or doc._.kg_layout.at(previous.start_char).index != act.paragraph
        ):
            return act
        quoted = {t.i for t in previous if not t.is_space}
        return replace(act, sentence=(previous.start, act.sentence[1]),
                       content=act.content | quoted)  # fmt: skip

    def _with_open_quotation(self, found: list[SpeechAct], sent: Any, paragraph: Any,
                             before: list[SpeechAct]) -> list[SpeechAct]:  # fmt: skip
        """'"The TTP will be hunted down. Such acts cannot shake us," he said.': a
        quotation opened in an earlier sentence of the paragraph and closed before this
        sentence's reporting verb is all that verb's, when no statement of its own holds
        the sentence it opened in."""
        doc = self._doc
        opener = _quotation_start(doc.text, paragraph.start, sent.start_char)
        close = next((t.i for t in sent if t.text in _QUOTES), None)
        if opener is None or close is None:
            return found
        start = doc.char_span(opener, opener + 1, alignment_mode="expand")
        if start is None:
            return found
        first = start[0].sent.start
        if any(a.kind == "verb" and a.sentence[1] > first for a in before):
            return found
        quoted = {t.i for t in doc[start[0].i : sent.start] if not t.is_space}
        return [
            replace(act, sentence=(first, act.sentence[1]), content=act.content | quoted)
            if act.kind == "verb" and act.cue > close
            else act
            for act in found
        ]

    def _names_office(self, token: Any) -> bool:
        """ "Police" in "Police Commissioner Kobi Shabtai": a capitalised word naming the
        office of the title after it, part of the label."""
        following = self._doc[token.i + 1] if token.i + 1 < len(self._doc) else None
        return (token.text[:1].isupper() and following is not None
                and following.lower_ in self.speech.person_titles)  # fmt: skip

    # -- a sentence labelled with its speakers -------------------------------------------
    def _labelled_act(self, sent: Any, paragraph: int) -> list[SpeechAct]:
        """ "Clip from Aynata. Hizbullah MP Hassan Fadlallah: the enemy will pay ...",
        "Joint statement by Chief of Staff X, Shin Bet director Y and Commissioner Z: ...":
        a sentence inside a paragraph that opens with named people and their titles, then
        a colon, gives their words (one act, each person a speaker: rule 2). Only people:
        "Iraq: ..." and "Update: ..." label a section, not a speaker."""
        colon = _label_colon(sent, (":",))
        if colon is None:
            return []
        people: list[tuple[Any, Any]] = []
        label = sent[: colon.i - sent.start]
        for token in label:
            mention = self._actor_at(token)
            if mention is not None:
                if mention.type == "person" and (not people or people[-1][0] is not mention):
                    people.append((mention, token))
                elif mention.type == "person":
                    people[-1] = (mention, token)  # the name's last word heads it
            elif (
                token.lower_ not in self._label_words
                and not token.is_punct
                and not self._names_office(token)
            ):
                # words other than names and titles: only after one person's name and a
                # comma ("Donald Trump, in a telephone interview:"), checked below
                people = people if len(people) == 1 else []
                break
        if not people or (
            self._doc.text[people[-1][0].end : colon.idx].strip()
            and (len(people) > 1 or not self._set_off(people[0][0], colon))
        ):
            return []  # the colon must close a name ("X's statement:" is a caption's)
        heads = [token for _, token in people]
        content = frozenset(t.i for t in sent[colon.i + 1 - sent.start :] if not t.is_space)
        return [SpeechAct(colon.i, (sent.start, sent.end), content, paragraph, "verb",
                          heads[0].i, tuple(t.i for t in heads))]  # fmt: skip

    def _channel_labelled_act(self, sent: Any, paragraph: int) -> list[SpeechAct]:
        """ "US envoy Tom Nides on twitter: ...", "Dmitry Peskov to reporters: ...",
        "Turkish Defence Ministry on Twitter: ...": a label that names one actor and then
        where or to whom it spoke (a platform, reporters, a briefing), closed by a colon,
        gives that actor's words."""
        colon = _label_colon(sent)
        if colon is None:
            return []
        text = self._doc.text
        label = text[sent.start_char : colon.idx]
        channel = _CHANNEL.search(label)
        if channel is None or any(q in label for q in _QUOTES):
            return []
        end = sent.start_char + channel.start()
        actors = [m for t in sent if t.idx < end and (m := self._actor_at(t)) is not None]
        if (
            not actors
            or actors[-1].end != end
            or any(t.pos_ in ("VERB", "AUX") for t in sent if t.idx < end)
        ):
            return []  # the name must close the label's first part: "X on Twitter:"
        return [_label_act(sent, colon, actors[-1], paragraph)]

    def _statement_labelled_act(self, sent: Any, paragraph: int) -> list[SpeechAct]:
        """ "Hamas statement: ...", "Statement of the Islamic Resistance in Lebanon: ...",
        "Carries a statement by the Quds Base: ...": a short label that names one actor
        and its statement, closed by a colon, gives that actor's words."""
        colon = _label_colon(sent)
        if colon is None:
            return []
        label = sent.doc[sent.start : colon.i]
        speech = self.speech
        if (
            len(label) > _STATEMENT_LABEL_TOKENS
            or any(t.text in _QUOTES for t in label)
            or not any(t.lemma_.lower() in speech.speech_nouns for t in label)
            or any(
                t.pos_ in ("VERB", "AUX") and t.lemma_.lower() not in speech.carrier_verbs
                for t in label
            )
        ):
            return []
        actors = list({m for t in label if (m := self._actor_at(t)) is not None})
        if len(actors) != 1 or actors[0].text.lower() in speech.speech_nouns:
            return []
        if re.match(r"['\u2019]s\b", self._doc.text[actors[0].end :]):
            return []  # "Posts Mousavi's portrait with the caption:": the poster's words
        return [_label_act(sent, colon, actors[0], paragraph)]

    def _colon_act(self, sent: Any, paragraph: int) -> list[SpeechAct]:
        """ "X went further: the militia will pay ...", "Islamic Jihad was blunter still:
        ...", "Russia's Defence Ministry gave the opposite account: ...", "Akar's message
        was blunt: ...": a clause that says how an actor answered (data/speech.yaml,
        colon_introducers), closed by a colon, gives the actor's words after it."""
        colon = _label_colon(sent)
        if colon is None:
            return []
        before = range(sent.start, colon.i)
        clause = sent.doc[sent.start : colon.i]
        verb = next((t for t in clause if t.pos_ in ("VERB", "AUX")
                     and (t.head.i == t.i or t.head.i not in before)), None)  # fmt: skip
        if verb is None or not self._introduces(verb, clause):
            return []
        subjects, _ = self._subjects(verb)
        if subjects and subjects[0].lemma_.lower() in self.speech.speech_nouns:
            # "Akar's message was blunt": the message's owner spoke
            subjects = [c for c in subjects[0].children if c.dep_ == "poss"]
        if not subjects or subjects[0].i not in before or subjects[0].pos_ == "PRON":
            return []
        content = frozenset(t.i for t in sent[colon.i + 1 - sent.start :] if not t.is_space)
        return [SpeechAct(colon.i, (sent.start, sent.end), content, paragraph, "verb",
                          subjects[0].i, tuple(t.i for t in subjects))]  # fmt: skip

    def _introduces(self, verb: Any, clause: Any) -> bool:
        """Whether `verb`, in the clause before a colon, says how its subject answered:
        one of the words its entry names is in the clause ("went further", "gave its own
        account"), or the entry is "any" ("answered within hours")."""
        needs = self.speech.colon_introducers.get(verb.lemma_.lower())
        if needs is None or any(c.dep_ == "neg" for c in verb.children):
            return False
        return "any" in needs or any(t.lower_ in needs for t in clause)

    def _set_off(self, person: Any, colon: Any) -> bool:
        """ "Donald Trump, in a telephone interview with NBC News:", "Netanyahu, opening a
        security meeting:", "Dmitry Medvedev, deputy chairman of the Security Council,
        went further on his Telegram channel:": a person's name, then a phrase set off by
        a comma that names no other person and quotes nothing, closes on the colon that
        gives the person's words."""
        between = self._doc.char_span(person.end, colon.idx, alignment_mode="expand")
        if between is None or not between.text.startswith(","):
            return False
        for token in between:
            if token.text in _QUOTES or token.text == ";":
                return False
            mention = self._mentions.at(token)
            if mention is not None and mention.type == "person" and mention is not person:
                return False
        return True

    # -- acts the layout makes -------------------------------------------------------
    def _layout_act(self, sent: Any, paragraph: Any, acts: list[SpeechAct],
                    quoted: bool | None) -> list[SpeechAct]:  # fmt: skip
        kind = None
        if paragraph.kind == "block":
            kind = "block"
        elif paragraph.kind == "entry":
            kind = "entry"
        elif (
            acts
            and acts[-1].paragraph == paragraph.index
            and (quoted or (acts[-1].sentence[1] == sent.start and _whole_quotation(sent)))
        ):
            # a quotation still open from a statement before, or one standing alone right
            # after it ('"..." Gen. X said. "We will keep hunting them."'), goes on with
            # that statement's speaker's words
            kind = "quote"
        if kind is None:
            return []
        if (
            kind == "entry"
            and sent.root.pos_ in ("NOUN", "PROPN")
            and sent.root.lemma_.lower() in self.speech.speech_nouns
            and not any(t.is_quote for t in sent)
        ):  # "Excerpts from a televised speech by X.", "A clip from the address of X.": a
            return []  # caption of what the next sentences give, with no words of its own
        start = sent.start
        if paragraph.entry is not None and sent.start_char < paragraph.entry.body_start:
            start = next(t.i for t in sent if t.idx >= paragraph.entry.body_start)
        content = frozenset(t.i for t in sent[start - sent.start :] if not t.is_space)
        if len(content) < 2:
            return []
        return [SpeechAct(sent.root.i, (sent.start, sent.end), content, paragraph.index, kind)]


# An aggregator's cut ("said it was "closely...", "said in a statement that the...", "were
# [...]", "said on X that it" at a paragraph's end): what was said is missing
_CUT = re.compile(r"(?:\.\.\.|\u2026|\[(?:\.\.\.|\u2026)\]|READ MORE\]?|[\w,])[\"\u201d]?\s*$")
_CUT_WORDS = 6  # at most this many words said before the cut: nothing to read


def _cut_off(act: SpeechAct, sent: Any) -> bool:
    """A statement cut off before it says anything (no record: devset 05, heldout2 parts
    C-H, eight aggregator items)."""
    if not _CUT.search(sent.text):
        return False
    said = [t for t in sent if t.i > act.cue and t.i in act.content and t.is_alpha]
    return len(said) <= _CUT_WORDS


def _agents(verb: Any) -> list[Any]:
    """Who did a passive verb: its agent, or a "by" phrase the parser hung on the noun
    before it ("was blamed squarely on ISIS-K by Gen. Frank McKenzie")."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children
              if p.dep_ == "pobj"]  # fmt: skip
    if agents:
        return agents
    return [
        agent
        for prep in verb.children if prep.dep_ == "prep" and prep.lower_ != "by"
        for noun in prep.children if noun.dep_ == "pobj"
        for by in noun.children if by.dep_ == "prep" and by.lower_ == "by"
        for agent in by.children if agent.dep_ == "pobj" and agent.pos_ == "PROPN"
    ][:1]  # fmt: skip


def _antecedent(noun: Any) -> Any:
    """ "X, Y and Z were among the factions that offered ...": the copula's subject."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "among":
        copula = noun.head.head
        for child in copula.children:
            if child.dep_ == "nsubj":
                return child
    return noun


def _whose_clause(verb: Any) -> bool:
    """ "whose party sits in the coalition": a relative clause whose subject is "whose" X."""
    return verb.dep_ == "relcl" and any(
        c.dep_ in ("nsubj", "nsubjpass") and any(p.lower_ == "whose" for p in c.children)
        for c in verb.children
    )


def _label_colon(sent: Any, marks: tuple[str, ...] = (":", "):")) -> Any | None:
    """The colon that closes a sentence's label ("X on Twitter:", "Hamas statement:",
    "X (via twitter):"), with words after it in the same sentence."""
    colon = next((t for t in sent[:_LABEL_TOKENS] if t.text in marks), None)
    if colon is None or colon.i == sent.start or colon.i + 2 >= sent.end:
        return None
    return colon


def _label_act(sent: Any, colon: Any, mention: Any, paragraph: int) -> SpeechAct:
    """The act of a label that names one actor: its words are all after the colon."""
    head = max((t for t in sent if mention.start <= t.idx < mention.end), key=lambda t: t.i)
    content = frozenset(t.i for t in sent[colon.i + 1 - sent.start :] if not t.is_space)
    return SpeechAct(colon.i, (sent.start, sent.end), content, paragraph, "verb", head.i,
                     (head.i,))  # fmt: skip


def _members(head: Any) -> list[Any]:
    """Joint speakers: "X and Y", "Three factions, X, Y and Z", "several factions,
    including X, Y and Z" (one each, rule 2)."""
    listed = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    plural = head.tag_ == "NNS" or any(c.dep_ == "nummod" for c in head.children)
    if listed and head.pos_ == "NOUN" and plural:
        return [m for item in listed for m in (item, *item.conjuncts)]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return [pobj, *pobj.conjuncts]
    # "The State Department's spokesman, Ned Price, and the EU's foreign policy chief,
    # Josep Borrell, both condemned": the parser hangs the second on the first's name
    named = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return [head, *head.conjuncts, *(c for name in named for c in name.conjuncts)]


def _whole_quotation(sent: Any) -> bool:
    """A sentence that is one quotation from its first word to its end."""
    text = sent.text.strip()
    marks = sum(text.count(q) for q in _QUOTES)
    return marks == 2 and text.startswith(_OPENING_QUOTES) and text.rstrip(".!?").endswith(_QUOTES)


def _quotation_start(text: str, start: int, end: int) -> int | None:
    """Where the quotation still open at `end` opened in text[start:end], if one is."""
    if not _quote_open(text, start, end):
        return None
    part = text[start:end]
    at = max(part.rfind('"'), part.rfind("\u201c"))
    return start + at if at >= 0 else None


def _quote_open(text: str, start: int, end: int) -> bool:
    """Whether a quotation opened in text[start:end] is still open at `end`."""
    part = text[start:end]
    return part.count('"') % 2 == 1 or part.count("\u201c") > part.count("\u201d")


def _register() -> None:
    from spacy.language import Language

    if "kg_speech" in Language.factories:
        return

    @Language.factory(
        "kg_speech",
        requires=["token.dep", "token.lemma", "doc._.kg_layout", "doc._.kg_mentions"],
        assigns=["doc._.kg_acts"],
    )
    def make_speech_acts(nlp: Any, name: str) -> SpeechActs:
        from kg.extract.wordlists import load_acts, load_speech

        return SpeechActs(load_speech(), load_acts())


_register()


def _said_nothing(verb: Any) -> bool:
    """ "X neither claimed the attack nor denied it", "the caption carried no statement",
    "it named no other party", "Tehran said nothing": a verb negated by "neither ... nor",
    by "no" on its object or with "nothing" for object reports that nothing was said
    (contract rule 13 keeps denials, not silence)."""
    if verb.dep_ == "conj":  # "neither confirmed nor denied a role, but said ...": "but" ends it
        joined = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
        if joined and max(joined, key=lambda c: c.i).lower_ == "nor":
            return True
    elif any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.children):
        return True
    return any(
        c.dep_ == "dobj"
        and (c.lower_ == "nothing" or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
        for c in verb.children
    )  # "Tehran said nothing", "has said nothing about Gaza"


def _second_complement(clause: Any) -> bool:
    """ "X said that the matter was closed but that the answer would be harsher": a clause
    the parser coordinated with the verb, opened by "that", is a second thing said."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _said_by_or_with(token: Any) -> bool:
    """ "X opened the meeting by saying Tehran had erred", "..., with Y saying the
    aggression would not go unanswered": a gerund after "by" or "with" that reports a
    clause is speech, its subject its own or the main verb's."""
    return (
        token.dep_ == "pcomp"
        and token.tag_ == "VBG"
        and token.head.lower_ in ("by", "with")
        and token.head.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "ccomp" for c in token.children)
    )


def _main_verb_after_relative(verb: Any) -> Any | None:
    """ "The Saudi-led coalition, which includes the UAE, called on both sides": the parser
    hung the main verb, after the relative clause's closing comma, inside that clause; the
    subject is the noun the clause is on, the sentence's root."""
    if verb.dep_ != "acl" or verb.tag_ != "VBD" or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    for ancestor in verb.ancestors:
        if ancestor.dep_ == "relcl":
            root = ancestor.head
            if root.dep_ == "ROOT" and root.pos_ in ("NOUN", "PROPN") and root.i < ancestor.i:
                return root
            return None
    return None


def _clause_hung_as_relative(verb: Any) -> bool:
    """ "Before the raids Netanyahu had said that Iran would pay": the parser read a named
    subject's clause after a fronted phrase as a relative clause on the phrase's noun."""
    return any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children) and any(
        c.dep_ == "ccomp" for c in verb.children
    ) and not any(c.lower_ in _RELATIVE or c.lower_ == "what" for c in verb.children)  # fmt: skip


def _opens_quotation(verb: Any) -> bool:
    """ "On 10 May the Qassam Brigades, the armed wing of Hamas, posted on Telegram: \"..."":
    a past-tense verb the parser hung on a name as a reduced relative, whose phrase ends
    in a colon and an opening quotation mark, is the sentence's reporting verb."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.head.pos_ != "PROPN":
        return False
    after, doc = verb.right_edge.i + 1, verb.doc
    return after + 1 < len(doc) and doc[after].text == ":" and (
        doc[after + 1].text in _OPENING_QUOTES)  # fmt: skip


def _quotation_after(verb: Any) -> set[int]:
    """The tokens of the quotation opened after the verb's colon, in its sentence."""
    start = verb.right_edge.i + 2
    out: set[int] = set()
    for token in verb.doc[start : verb.sent.end]:
        if token.i > start and token.text in _QUOTES:
            break
        out.add(token.i)
    return out


def _main_verb_hung_on_root(verb: Any) -> bool:
    """ "The Saudi-led coalition called on both sides to ...": the parser read the
    sentence as one noun phrase, the main verb in the past tense as a reduced relative
    clause on a noun that is the sentence's root."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or head.dep_ != "ROOT":
        return False
    if head.pos_ not in ("NOUN", "PROPN") or not head.left_edge.is_sent_start:
        return False
    children = {c.dep_ for c in verb.children}
    if verb.tag_ == "VBD" and verb.nbor(-1).text == ",":
        # "Hezbollah's first statement, issued that night, called the killing a crime by
        # the enemy": a past tense after the interruption's comma ("by" is the crime's)
        return bool(children & {"ccomp", "xcomp", "advcl", "prep", "dobj"})
    # a real reduced relative is named ("a group called X") or passive ("led by X")
    return "agent" not in children and bool(children & {"ccomp", "xcomp", "advcl", "prep"})
