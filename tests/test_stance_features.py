"""kg.extract.stance_features: the (speaker, target) candidates of a processed Doc."""

from __future__ import annotations

from kg.extract.stance_features import RULE_PREFIXES, candidates
from kg.model import SourceDocument

TEXT = (
    "Militia blames Washington for strike\n\n"
    "Kata'ib Hezbollah said on Monday that the United States was behind the strike on its "
    "depot near al-Qaim. The group also said it welcomed the position of Iraq's parliament."
)


def _candidates(extractor, text: str = TEXT):
    doc = extractor.process(SourceDocument(doc_id="t", text=text))
    return {(c.speaker, c.target): c for c in candidates(doc)}


def test_an_actor_named_in_what_was_said_is_a_candidate_with_the_rules_findings(extractor):
    found = _candidates(extractor)
    pair = found[("Kata'ib Hezbollah", "United States")]
    assert "blames" in pair.rule_stances
    assert "rule:blames" in pair.features
    assert any(f.startswith("cue:") for f in pair.features)
    assert "w:behind" in pair.features  # the words of what was said


def test_the_speaker_is_never_its_own_target(extractor):
    assert not any(s == t for s, t in _candidates(extractor))


def test_an_actor_named_without_a_stance_is_still_a_candidate(extractor):
    text = (
        "Iraq's foreign ministry said on Tuesday that it had summoned the Turkish "
        "ambassador to discuss water shares, and that talks with Turkey would go on."
    )
    found = _candidates(extractor, text)
    pairs = [c for (_, target), c in found.items() if target == "Turkey"]
    assert pairs and not pairs[0].rule_stances
    assert not any(f.startswith(RULE_PREFIXES) for f in pairs[0].features)
