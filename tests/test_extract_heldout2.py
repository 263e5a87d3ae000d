"""The extractor over tests/heldout2, scored by the shared scorer: a regression guard.

Each of the set's fifty-one parts was scored once while blind (tests/heldout2/README.md):
part A at kg-extract/0.15.0, part B just before 0.16.0's last fixes (some of which were
then read on its errors), part C at 0.16.0, part D at 0.16.1, part E at 0.17.1, part F at
0.17.2, part G at the 0.18.0 candidate, part H at 0.18.1, part I at 0.18.2, part J at 0.18.3,
part K at 0.18.4, part L at 0.18.5,
part M at 0.18.6, part N at 0.18.7, part O at 0.18.8, part P at 0.18.9, part Q at
0.18.10, part R at 0.18.11, part S at 0.18.12,
part T at 0.18.13, part U at 0.18.14, part V at 0.18.15, part W at 0.18.16,
part X at 0.18.17, part Y at 0.18.18, part Z at 0.18.19, part AA at 0.18.20,
part AB at 0.18.21, part AC at 0.18.22, part AD at 0.18.23,
part AE at 0.18.24, part AF at 0.18.25,
part AG at 0.18.26, part AH at 0.18.27, part AI at 0.18.28,
part AJ at 0.18.29, part AK at 0.18.30, parts AL and AM at 0.18.31, part AN at 0.18.32,
part AO at 0.18.33, part AP at 0.18.34, part AQ at 0.18.35, part AR at 0.18.36,
part AS at 0.18.37, part AT at 0.18.38, part AU at 0.18.38, part AV at 0.18.39, part AW
at 0.18.41, part AX at 0.18.43, part AY at 0.18.44.
Its figures since are dev figures, never reported as held-out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scoring import SCORER, assert_floors_hold

HELDOUT2 = Path(__file__).resolve().parent / "heldout2"

# Regression guard, not a target: kg-extract/0.18.35 measured speaker F1 0.900 and label
# micro-F1 0.700 here (all 856 documents), minus a margin. Raise them when the extractor
# improves for general reasons; never lower them to make a change pass.
SPEAKER_F1 = 0.87
LABEL_F1 = 0.65


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is absent")
def test_heldout2_scores_do_not_regress() -> None:
    assert_floors_hold(HELDOUT2, 1013, SPEAKER_F1, LABEL_F1)
