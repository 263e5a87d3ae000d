"""The extractor over tests/heldout, scored by the shared scorer: a regression guard.

The set was written by an earlier session of the project before it looked at the
extractor. It is no longer blind: the rules of kg-extract/0.4.0 to 0.7.0 were fixed against
its error classes, so its figures are not an estimate for unseen text and are never
reported as held-out. The measurement of unseen text is ../shared/devset2 (and the
project's private set of real texts).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring import SCORER, assert_floors_hold

HELDOUT = Path(__file__).resolve().parent / "heldout"

# Regression guard, not a target: kg-extract/0.7.0 measured speaker F1 0.948 and label
# micro-F1 0.800 here, minus a margin. Raise them when the extractor improves for general
# reasons; never lower them to make a change pass.
SPEAKER_F1 = 0.90
LABEL_F1 = 0.75


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is absent")
def test_heldout_scores_do_not_regress() -> None:
    assert_floors_hold(HELDOUT, 12, SPEAKER_F1, LABEL_F1)
