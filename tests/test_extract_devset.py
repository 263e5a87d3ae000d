"""The extractor over the shared dev set, scored by the shared scorer (targets of issue 4)."""

from __future__ import annotations

import pytest
from scoring import SHARED, score_gold_set

DEVSET = SHARED / "devset"

# Targets of issue 4 (measured 1.000 / 0.995 / 1.0 with kg-extract/0.6.0, but the rules were
# developed on this set, so the assertion stays at the targets, not at the measured figures).
SPEAKER_F1 = 0.85
LABEL_F1 = 0.75


@pytest.mark.skipif(not (DEVSET / "gold.json").exists(), reason="../shared/devset is absent")
def test_devset_meets_targets() -> None:
    scored = score_gold_set(DEVSET)
    result = scored.result
    assert result["evidence_validity"]["rate"] == 1.0
    assert result["speaker"]["f1"] >= SPEAKER_F1, scored.table
    assert result["labels_overall"]["f1"] >= LABEL_F1, scored.table
