"""The extractor over both parts of the shared dev set, scored by the shared scorer.

Floors of issue 12, guarded in CI (which has ../shared): part 2 (written by other
annotators, in the styles users feed the system) speaker F1 >= 0.85, label micro-F1 >=
0.72, sponsor accuracy >= 0.95; part 1 (the set the first rules were written on) no lower
than 0.90 / 0.85. Evidence must always be an exact substring. The measured figures are
higher (docs/extraction.md); the floors are the issue's targets, not the measurements, so
a change that trades one part against the other still fails here.
"""

from __future__ import annotations

import pytest
from scoring import SHARED, score_gold_set

FLOORS = {
    "devset": {"speaker": 0.90, "labels": 0.85, "sponsor": 0.90},
    "devset2": {"speaker": 0.85, "labels": 0.72, "sponsor": 0.95},
}


@pytest.mark.parametrize("part", sorted(FLOORS))
def test_dev_part_meets_its_floors(part: str) -> None:
    folder = SHARED / part
    if not (folder / "gold.json").exists():
        pytest.skip(f"../shared/{part} is absent")
    scored = score_gold_set(folder)
    result, floors = scored.result, FLOORS[part]
    assert result["evidence_validity"]["rate"] == 1.0, scored.table
    assert result["speaker"]["f1"] >= floors["speaker"], scored.table
    assert result["labels_overall"]["f1"] >= floors["labels"], scored.table
    assert result["sponsor"]["accuracy"] >= floors["sponsor"], scored.table
