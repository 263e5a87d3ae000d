import json

from kg.records import load_statements, write_jsonl

GOOD = {
    "doc_id": "01",
    "speaker": "Hezbollah",
    "speaker_type": "militia",
    "evidence": "Hezbollah said",
    "condemns": ["Israel"],
}


def test_jsonl_bad_lines_are_reported_and_good_kept(tmp_path):
    path = tmp_path / "s.jsonl"
    lines = [
        json.dumps(GOOD),
        "{not json",
        json.dumps({**GOOD, "speaker_type": "x"}),
        json.dumps(GOOD),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_statements([path])
    assert len(result.statements) == 2
    assert [(i.line, i.reason.split(" ")[0]) for i in result.issues] == [
        (2, "malformed"),
        (3, "'speaker_type'"),
    ]
    assert str(result.issues[0]).startswith(f"{path}:2: ")


def test_csv_and_yaml(tmp_path):
    csv_path = tmp_path / "s.csv"
    csv_path.write_text(
        "doc_id,speaker,speaker_type,evidence,blames,platform\n"
        "d1,Hezbollah,militia,Hezbollah said,United States; Israel,TV\n"
        "d1,,militia,x,,\n",
        encoding="utf-8",
    )
    yaml_path = tmp_path / "s.yaml"
    yaml_path.write_text(
        "- doc_id: d2\n  speaker: Iran\n  speaker_type: state\n  evidence: Iran said\n"
        "- doc_id: d2\n  speaker: Iran\n  speaker_type: planet\n  evidence: Iran said\n",
        encoding="utf-8",
    )
    result = load_statements([tmp_path])
    assert sorted(s.doc_id for s in result.statements) == ["d1", "d2"]
    csv_record = next(s for s in result.statements if s.doc_id == "d1")
    assert csv_record.blames == ("United States", "Israel")
    assert {(i.path.rsplit("/", 1)[1], i.line) for i in result.issues} == {
        ("s.csv", 3),
        ("s.yaml", 5),
    }


def test_empty_binary_and_missing_files(tmp_path):
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02")
    result = load_statements(
        [tmp_path / "empty.jsonl", tmp_path / "bin.jsonl", tmp_path / "nope.jsonl"]
    )
    reasons = [i.reason for i in result.issues]
    assert reasons[0] == "empty file, no records"
    assert "binary" in reasons[1]
    assert reasons[2] == "no such file or folder"


def test_write_jsonl_round_trip(tmp_path):
    path = tmp_path / "out" / "s.jsonl"
    result = load_statements([_write(tmp_path, [GOOD])])
    assert write_jsonl(path, result.statements) == 1
    assert load_statements([path]).statements == result.statements


def _write(tmp_path, records):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
