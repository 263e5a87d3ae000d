import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import LABEL_FIELDS, RecordError, Statement

BASE = {
    "doc_id": "01",
    "speaker": "Kata'ib Hezbollah",
    "speaker_surface": "Kataib Hezbollah",
    "speaker_type": "militia",
    "evidence": "the militia said",
}


def test_minimal_record_round_trips():
    record = Statement.from_dict({**BASE, "blames": ["United States"], "platform": "twitter"})
    assert record.platform == "X"
    assert record.blames == ("United States",)
    out = record.to_dict()
    assert out["blames"] == ["United States"]
    assert Statement.from_dict(out) == record


def test_unknown_fields_are_kept():
    record = Statement.from_dict({**BASE, "note": "why", "ambiguous": {"blames": ["Iran"]}})
    assert record.extra["note"] == "why"
    assert record.to_dict()["ambiguous"] == {"blames": ["Iran"]}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"speaker": ""}, "'speaker' is required"),
        ({"speaker_type": "army"}, "'speaker_type' must be one of"),
        ({"statement_date": "8 Jan 2020"}, "'statement_date' must be"),
        ({"blames": [3]}, "'blames' must hold strings"),
        ({"platform": "radio"}, "'platform' must be one of"),
        ({"confidence": 2}, "'confidence' must be"),
        ({"evidence_start": 5, "evidence_end": 2}, "evidence_start"),
    ],
)
def test_bad_records_say_why(change, reason):
    with pytest.raises(RecordError, match=reason):
        Statement.from_dict({**BASE, **change})


def test_partial_dates_are_accepted():
    assert (
        Statement.from_dict({**BASE, "statement_date": "XXXX-01-12"}).statement_date == "XXXX-01-12"
    )


FIELD_NAMES = st.sampled_from([*BASE, *LABEL_FIELDS, "platform", "event_date"])
VALUES = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.lists(st.text(max_size=3)))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.dictionaries(FIELD_NAMES, VALUES))
def test_from_dict_either_accepts_or_raises_record_error(data):
    try:
        record = Statement.from_dict(data)
    except RecordError:
        return
    assert record.speaker and record.evidence
