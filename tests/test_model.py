import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.model import RecordError, Statement, label_fields
from kg.stances import StanceError, stance_fields

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


FIELD_NAMES = st.sampled_from([*BASE, *stance_fields(), "platform", "event_date"])
VALUES = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.lists(st.text(max_size=3)))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(st.dictionaries(FIELD_NAMES, VALUES))
def test_from_dict_either_accepts_or_raises_record_error(data):
    try:
        record = Statement.from_dict(data)
    except RecordError:
        return
    assert record.speaker and record.evidence


# --- the label fields are the stance registry's -------------------------------------------


def test_label_fields_are_the_registrys() -> None:
    import kg.model

    assert label_fields() == stance_fields()
    assert stance_fields() == kg.model.LABEL_FIELDS  # read from the registry when asked
    record = Statement.from_dict(BASE)
    assert list(record.stances) == list(stance_fields())
    assert record.labels() == {name: () for name in stance_fields()}


def test_label_fields_by_keyword_attribute_and_mapping() -> None:
    from dataclasses import replace

    by_keyword = Statement(**BASE, blames=["Israel"], condemns=("Israel", "United States"))
    mapping = {"blames": ("Israel",), "condemns": ["Israel"]}
    by_mapping = Statement(**BASE, stances=mapping, condemns=("Israel", "United States"))
    assert by_keyword == by_mapping
    assert by_keyword.blames == ("Israel",)
    assert by_keyword.stances["condemns"] == ("Israel", "United States")
    assert by_keyword.praises_or_supports == ()
    assert replace(by_keyword, blames=("Iran",)).blames == ("Iran",)
    assert replace(by_keyword, blames=("Iran",)).condemns == by_keyword.condemns
    with pytest.raises(AttributeError):
        _ = by_keyword.mocks
    with pytest.raises(TypeError, match="'mocks'"):
        Statement(**BASE, mocks=("Israel",))
    with pytest.raises(TypeError, match="not a string"):
        Statement(**BASE, blames="Israel")


def test_records_pickle_and_hash() -> None:
    """Records cross process boundaries (kg extract --jobs) and go into sets."""
    import pickle

    record = Statement.from_dict({**BASE, "blames": ["Israel"], "note": "x"})
    again = pickle.loads(pickle.dumps(record))
    assert again == record and again.blames == ("Israel",) and again.extra == {"note": "x"}
    assert len({record, again}) == 1


def test_to_dict_writes_the_contract_order() -> None:
    """Label fields sit after event_date, before platform, in registry order; the four
    optional fields are left out when empty, the others written as null."""
    out = Statement.from_dict({"note": 1, **BASE, "condemns": "Israel"}).to_dict()
    assert list(out) == [
        "note",
        *BASE,
        "speaker_affiliation",
        "sponsor",
        "event",
        "event_date",
        *stance_fields(),
        "platform",
        "statement_date",
    ]
    assert out["condemns"] == ["Israel"] and out["blames"] == []


def _home_with(tmp_path, monkeypatch, change) -> None:
    """A KG_HOME whose stance registry is the project's, changed by `change`."""
    import yaml

    from kg.paths import data_path

    data = yaml.safe_load(data_path("stances.yaml").read_text(encoding="utf-8"))
    change(data["stances"])
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "stances.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("KG_HOME", str(tmp_path))


def test_a_new_registry_field_is_read_and_written(tmp_path, monkeypatch) -> None:
    def add_mocks(stances):
        names = {"id": "mocks", "field": "mocks", "statement_property": "mocksTarget"}
        stances.append({**stances[0], **names, "relation": "mocks"})

    _home_with(tmp_path, monkeypatch, add_mocks)
    record = Statement.from_dict({**BASE, "mocks": ["Israel"]})
    assert record.mocks == ("Israel",) and "mocks" not in record.extra
    out = record.to_dict()
    assert (
        out["mocks"] == ["Israel"] and list(out).index("mocks") == list(out).index("platform") - 1
    )
    assert Statement(**BASE, mocks=("Israel",)) == record


@pytest.mark.parametrize("name", ["platform", "doc_id", "labels"])
def test_a_registry_field_may_not_be_a_record_field(tmp_path, monkeypatch, name) -> None:
    def clash(stances):
        stances[0]["field"] = name

    _home_with(tmp_path, monkeypatch, clash)
    with pytest.raises(StanceError, match=rf"stances.yaml: stance 'blames': field '{name}'"):
        Statement.from_dict(BASE)


def test_reported_date_is_its_own_field_and_round_trips() -> None:
    record = Statement.from_dict(
        {**BASE, "statement_date": "XXXX-02-08", "reported_date": "2024-02-09"}
    )
    assert (record.statement_date, record.reported_date) == ("XXXX-02-08", "2024-02-09")
    assert record.to_dict()["reported_date"] == "2024-02-09"
    assert Statement.from_dict(record.to_dict()) == record


def test_older_records_without_reported_date_load() -> None:
    plain = Statement.from_dict(BASE)
    assert plain.reported_date is None and "reported_date" not in plain.to_dict()
    # the extractor has always written the publication date as doc_published
    old = Statement.from_dict({**BASE, "doc_published": "2024-01-05T10:00:00Z"})
    assert old.reported_date == "2024-01-05" and old.statement_date is None
    assert Statement.from_dict({**BASE, "doc_published": "Jan 2024"}).reported_date is None


@pytest.mark.parametrize("value", ["2024-02-30", "XXXX-02-08", "8 Feb 2024"])
def test_a_bad_reported_date_names_the_field(value: str) -> None:
    with pytest.raises(RecordError, match="'reported_date' must be a date"):
        Statement.from_dict({**BASE, "reported_date": value})


@pytest.mark.parametrize(
    ("statement_date", "reported_date", "expected"),
    [
        ("2024-02-08", "2024-02-09", "2024-02-08"),  # the text's own date first
        ("XXXX-02-08", "2024-02-09", "2024-02-09"),  # no year: cannot be placed in time
        (None, "2024-02-09", "2024-02-09"),
        (None, None, None),
    ],
)
def test_analysis_date(statement_date, reported_date, expected) -> None:
    record = Statement(
        "d", "s", "s", "person", "e", statement_date=statement_date, reported_date=reported_date
    )
    assert record.analysis_date == expected
