"""Attribution: who says what. Finds speech acts in one parsed document.

Contract: `find_acts(doc, mentions, lexicon, context)` -> list of `SpeechAct`, one per
(speaker, reporting predicate), in text order. A speech act is a reporting verb from the
lexicon ("said", "warned", "condemned", "offered") whose subject resolves to an actor:
a tagged mention, the person in apposition to a role noun ("the Pentagon's press
secretary, Pat Ryder"), the body behind an unnamed spokesman ("the government's
spokesman" -> the government, rule 17), the actor named in "a statement by X", the agent
of a passive ("condemned by X"), or an anaphor ("he", "the group", "the Lebanese group",
"the post") resolved to an earlier actor in the paragraph. Joint subjects ("X and Y
said") give one act each. Digest lines "date - NAME: text" make NAME the speaker of
their text. Journalists', analysts' and anonymous sources' readings are not acts.
Requires a dependency parse (`token.dep_`, `token.head`, `token.lemma_`).
"""

from __future__ import annotations

import re
from typing import Any

from kg.extract.actors import Mention
from kg.extract.bodies import Bodies, np_text, proper_chain
from kg.extract.coref import DocContext, Resolver, SpeechAct
from kg.extract.headings import Headings
from kg.extract.lexicon import Lexicon
from kg.gazetteer import Gazetteer, load_gazetteer

_NOBODY = {"no", "neither", "nobody", "none", "noone"}
_CARRIERS = {"carry", "broadcast", "publish", "air", "run", "relay", "circulate", "post"}


def _is_negated(verb: Any) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


class Attributor(Headings, Bodies):
    def __init__(self, doc: Any, mentions: list[Mention], lexicon: Lexicon, ctx: DocContext,
                 gazetteer: Gazetteer | None = None) -> None:  # fmt: skip
        self.doc, self.lexicon, self.ctx = doc, lexicon, ctx
        self.gazetteer = gazetteer or load_gazetteer()
        self.res = Resolver(doc, mentions, lexicon, ctx)
        self._text: str | None = doc.text

    # -- speakers -------------------------------------------------------------------
    def resolve_subject(self, head: Any) -> tuple[Mention, str, str, int] | None:
        """(speaker, how, surface, surface_start) for a subject's head token."""
        lex, res = self.lexicon, self.res
        lower = head.lower_
        generic = lower in lex.words["non_speaker_nouns"] or head.lemma_.lower() in (
            "official", "source", "analyst", "observer"
        )  # fmt: skip
        if generic and not any(c.dep_ == "appos" for c in head.children):
            return None
        if any(c.lower_ in _NOBODY for c in head.children if c.dep_ == "det") or (
            lower in _NOBODY
        ):  # fmt: skip
            return None  # "No group claimed the attack": nobody spoke
        if head.pos_ == "NOUN" and any(
            c.dep_ == "nummod" or c.lower_ in ("both", "several", "many") for c in head.children
        ):
            return None  # "the two governments said": several speakers, none named here
        mention = res.mention_at(head)
        if mention is not None and mention.kind != "adj":
            if not mention.known:
                mention = self._retype(mention, head)
            return mention, "subject", mention.text, mention.start
        named = self.self_named(head) or self._group_body(head)
        if named is not None:
            return named, "subject", named.text, named.start
        for child in head.children:
            if child.dep_ == "appos":
                found = res.mention_at(child)
                if found is not None and found.kind != "adj":
                    return found, "subject", found.text, found.start
        if lower in lex.words["role_nouns"] or head.lemma_.lower() in lex.words["role_nouns"]:
            for token in head.subtree:
                found = res.mention_at(token)
                if found is not None and found.type == "person" and token.i != head.i:
                    return found, "role", found.text, found.start
            body = self._body_of(head)
            if body is not None:
                person = self._person_of(head, body)
                if person is not None:
                    text, start = np_text(head)
                    return person, "anaphor", text, start
                text, start = np_text(head)
                return body, "role", text, start
            return None
        if lower in lex.words["speech_nouns"]:
            for token in head.subtree:
                found = res.mention_at(token)
                if found is not None and found.kind != "adj" and token.i != head.i:
                    return found, "statement_by", found.text, found.start
                if token.dep_ == "poss" and token.pos_ == "NOUN":  # "on the group's channel"
                    found = res.anaphor(token)
                    if found is not None:
                        return found, "statement_by", found.text, found.start
        owner = self._owning_state(head) if head.pos_ == "NOUN" else None
        if (
            owner is not None
            and lower in lex.words["state_body_words"]
            and (lex.anaphor_nouns.get(lower) != "state")
        ):  # "Iran's mission to the United Nations": the body speaks, for its state
            text, start = np_text(head)
            text = re.sub(r"^(?:the|The)\s+", "", text)
            start = start + len(np_text(head)[0]) - len(text)
            body = Mention(start, start + len(text), text, text, "state", "descriptor", owner,
                           known=False)  # fmt: skip
            return body, "subject", text, start
        adjectives = [res.mention_at(c) for c in head.children if c.dep_ in ("amod", "compound")]
        country = next((m for m in adjectives if m is not None and m.kind == "adj"
                        and m.type == "state"), None)  # fmt: skip
        if country is not None and lex.anaphor_nouns.get(lower) == "state":
            name = country.name
            if lower == "government":
                name = lex.governments.get(country.name, f"Government of {country.name}")
            text, start = np_text(head)
            parent = country.name if name != country.name else None
            mention = Mention(start, start + len(text), text, name, "state", "descriptor", parent)
            return mention, "subject", text, start
        if head.pos_ == "PRON" or head.pos_ in ("NOUN", "PROPN"):
            found = res.anaphor(head)
            if found is not None:
                text, start = np_text(head) if head.pos_ != "PRON" else (head.text, head.idx)
                return found, "anaphor", text, start
        if head.pos_ == "PROPN" and head.text[:1].isupper():
            for earlier in self.res._prior(head.idx, False):  # "Qassem" after "Naim Qassem"
                last = re.split(r"[\s\-]", earlier.name)[-1]
                if earlier.type == "person" and last == head.text:
                    return earlier, "subject", head.text, head.idx
        if head.pos_ == "PROPN" and head.text[:1].isupper() and head.ent_type_ in (
            "ORG", "PERSON", "GPE"
        ):  # fmt: skip
            return self._unknown_actor(head)
        if head.pos_ == "PROPN" and head.text[:1].isupper() and proper_chain(head) >= 2:
            return self._unknown_actor(head)  # "Saraya Awliya al-Dam said", missed by NER
        return None

    def _split_role(self, verb: Any, head: Any) -> str | None:
        """ "Jordan's government spokesman Muhannad Mubaidin": the body of the role noun the
        parser made a second subject of the verb."""
        roles = self.lexicon.words["role_nouns"]
        for child in verb.children:
            if child.dep_ == "nsubj" and child.i != head.i and child.lower_ in roles:
                body = self._body_of(child)
                if body is not None:
                    return body.name
        return None

    def _person_of(self, role: Any, body: Mention) -> Mention | None:
        """ "the Nujaba leader" after "Akram al-Kaabi": the person of that body named
        just before in the paragraph (or its header)."""
        if role.lower_ in ("ministry", "office") or any(
            c.lower_ in ("a", "an") for c in role.children
        ):  # fmt: skip
            return None
        para = self.ctx.paragraph_of(role.idx)
        header = self.res.headers.get(para)
        candidates = [header] if header is not None else []
        candidates += [m for m in self.res._prior(role.idx, False)]
        for mention in candidates:
            if mention.type == "person" and mention.affiliation == body.name:
                return mention
        if header is not None and header.type == "person" and header.affiliation is None:
            return header  # "4) Barham Salih. Iraq's president denounced ..."
        return None

    def _body_of(self, role: Any) -> Mention | None:
        for token in role.subtree:
            if token.i == role.i:
                continue
            found = self.res.mention_at(token)
            if found is not None and found.kind != "adj" and found.type != "person":
                return found
            of_role = (
                token.dep_ == "pobj"
                and token.head.head.i == role.i
                and (token.head.lower_ in ("for", "of"))
            )  # "a spokesman for the ministry"
            if (token.dep_ in ("poss", "compound") and token.head.i == role.i) or of_role:
                resolved = self.res.anaphor(token)
                if resolved is not None:
                    return resolved
        return None

    def affiliation_of(self, speaker: Mention, subject_head: Any) -> str | None:
        if speaker.affiliation:
            return speaker.affiliation
        if speaker.type != "person":
            return None
        for token in subject_head.subtree:
            found = self.res.mention_at(token)
            if found is not None and found.name != speaker.name and found.type != "person":
                return found.name
            if token.dep_ in ("poss", "compound", "pobj") and token.pos_ == "NOUN":
                resolved = self.res.anaphor(token)
                if resolved is not None and resolved.type != "person":
                    return resolved.name
        return None

    # -- acts ---------------------------------------------------------------------
    def find(self) -> list[SpeechAct]:
        doc, lex = self.doc, self.lexicon
        self._headers()
        for sent in doc.sents:
            handled: set[int] = set()
            verbs = sorted(
                (t for t in sent if self._is_reporting(t)), key=lambda t: (_depth(t), t.i)
            )
            para = self.ctx.paragraph_of(sent.start_char)
            carried = self._carried_statements(sent, para)
            found = bool(carried)
            for act in carried:
                handled |= act.content | {act.verb}
            for verb in verbs:
                if verb.i in handled:
                    continue
                acts = self._acts_for(verb, sent)
                for act in acts:
                    self.res.add_act(act)
                    handled |= act.content
                    found = True
            if not found:
                self._quote_continuation(sent, para)
            header = self.res.headers.get(para)
            if (
                header is not None
                and (para, header.name) not in self.res.spoken
                and sent.end_char > self._header_end.get(para, 0)
            ):
                self.res.add_act(self._header_act(header, sent, para))
        del lex
        return self.res.acts

    def _carried_statements(self, sent: Any, para: int) -> list[SpeechAct]:
        """ "Al-Masirah carried a statement of the Supreme Political Council saluting X":
        the author named in the statement phrase speaks, not the outlet carrying it."""
        made: list[SpeechAct] = []
        for noun in sent:
            if noun.lower_ not in self.lexicon.words["speech_nouns"]:
                continue
            around = list(noun.children)
            if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _CARRIERS:
                around += list(noun.head.children)  # "carried a statement of X, saluting ..."
            verbs = [c for c in around if c.dep_ in ("acl", "relcl", "advcl")
                     and c.lemma_.lower() in self.lexicon.words["reporting_verbs"]]  # fmt: skip
            authors = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in (
                "of", "by", "from") for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            if not verbs or not authors:
                continue
            resolved = self.resolve_subject(authors[0])
            if resolved is None:
                continue
            speaker, _how, surface, start = resolved
            content = {t.i for t in verbs[0].subtree}
            act = SpeechAct(speaker, surface, start, verbs[0].i, (sent.start, sent.end), content,
                            para, "statement_by", speaker.affiliation,
                            self._header_date.get(para), self._header_note.get(para))  # fmt: skip
            self.res.add_act(act)
            made.append(act)
        return made

    def _quote_continuation(self, sent: Any, para: int) -> None:
        """A sentence inside a quotation opened earlier in the paragraph ('X said: "We
        warned them. They will pay."') belongs to that quotation's speaker."""
        earlier = self.res.acts_by_paragraph.get(para)
        if not earlier:
            return
        start = self.ctx.paragraph_starts[para]
        before = self.doc.text[start : sent.start_char] if self._text is None else (
            self._text[start : sent.start_char]
        )  # fmt: skip
        straight = before.count('"') % 2 == 1
        curly = before.count("\u201c") > before.count("\u201d")
        if not (straight or curly):
            return
        last = earlier[-1]
        content = {t.i for t in sent}
        self.res.add_act(
            SpeechAct(
                last.speaker,
                last.surface,
                last.surface_start,
                sent.root.i,
                (sent.start, sent.end),
                content,
                para,
                "quote",
                last.affiliation,
                last.header_date,
                last.header_note,
            )
        )

    def _is_reporting(self, token: Any) -> bool:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.i == 0):
            return False
        if lemma not in self.lexicon.words["reporting_verbs"]:
            return False
        needs = self.lexicon.conditional_reporting_verbs.get(lemma)
        if needs and not any(t.lower_ in needs for t in token.subtree):
            return False
        if token.dep_ in ("relcl", "amod", "acl", "pcomp") or _is_negated(token):
            return False
        if lemma == "call" and any(c.dep_ == "prt" for c in token.children):
            return False  # "called up reservists", "called off the talks"
        return not any(c.lower_ == "what" for c in token.children)

    def _inside_other(self, verb: Any, handled: set[int]) -> bool:
        return verb.i in handled

    def _subject(self, verb: Any) -> Any | None:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:  # parser slip: "the naval mission Aspides said"
            resolved = [(c, self.resolve_subject(c)) for c in subjects]
            for child, found in resolved:  # "the government spokesman Muhannad Mubaidin"
                if found is not None and found[0].type == "person" and found[1] == "subject":
                    return child
            for child, found in resolved:
                if found is not None:
                    return child
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "nsubjpass":
                for agent in verb.children:
                    if agent.dep_ == "agent":
                        for pobj in agent.children:
                            if pobj.dep_ == "pobj":
                                return pobj
                if verb.lemma_.lower() in ("quote", "cite"):
                    return child  # "X was quoted as saying"
                return None
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            return self._subject(verb.head)
        for child in verb.children:
            if child.dep_ == "prep" and child.i < verb.i:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.resolve_subject(pobj) is not None:
                        return pobj
        return None

    def _acts_for(self, verb: Any, sent: Any) -> list[SpeechAct]:
        subject = self._subject(verb)
        para = self.ctx.paragraph_of(verb.idx)
        if subject is None:
            header = self.res.headers.get(para)
            if header is None:
                return []
            return [self._act(header, "header", header.text, header.start, verb, sent, set(), para)]
        if verb.head.i in self.res.act_verbs and subject.head.i != verb.i:
            return []
        acts = []
        subject_tokens = {t.i for t in subject.subtree} | {
            t.i for c in verb.children if c.dep_ == "nsubj" for t in c.subtree
        }  # a second subject the parser split off ("spokesman" before the name) is no target
        for head in [subject, *subject.conjuncts]:
            resolved = self.resolve_subject(head)
            if resolved is None:
                continue
            speaker, how, surface, start = resolved
            act = self._act(speaker, how, surface, start, verb, sent, subject_tokens, para)
            act.affiliation = self.affiliation_of(speaker, head) or self._split_role(verb, head)
            acts.append(act)
        return acts

    def _act(self, speaker: Mention, how: str, surface: str, start: int, verb: Any, sent: Any,
             exclude: set[int], para: int) -> SpeechAct:  # fmt: skip
        content = {t.i for t in verb.subtree} - exclude
        for child in verb.children:
            if child.dep_ in ("conj", "advcl") and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in child.children
            ):  # "..., while the army said ...": another speaker's clause
                content -= {t.i for t in child.subtree}
        header_date = (
            self._header_date.get(para) if how == "header" or para in self._header_date else None
        )
        return SpeechAct(speaker, surface, start, verb.i, (sent.start, sent.end), content, para,
                         how, speaker.affiliation, header_date,
                         self._header_note.get(para))  # fmt: skip


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def find_acts(
    doc: Any, mentions: list[Mention], lexicon: Lexicon, ctx: DocContext
) -> list[SpeechAct]:
    return Attributor(doc, mentions, lexicon, ctx).find()
