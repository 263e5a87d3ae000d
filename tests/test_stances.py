"""kg/stances.py: the stance registry loads, and every bad entry fails naming file and entry."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from kg.paths import data_path
from kg.stances import (
    Stance,
    StanceError,
    by_field,
    by_id,
    load_stances,
    stance_fields,
)


def _registry() -> dict[str, Any]:
    return yaml.safe_load(data_path("stances.yaml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: Any, name: str = "stances.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_bundled_registry_loads_in_file_order() -> None:
    stances = load_stances()
    assert [s.id for s in stances] == [e["id"] for e in _registry()["stances"]]
    assert all(isinstance(s, Stance) for s in stances)
    blames = by_id(stances)["blames"]
    assert (blames.statement_property, blames.relation) == ("blamesTarget", "blames")
    assert blames.sign == -1 and blames.hostile and blames.cameo == "112"


def test_loader_is_cached_per_path() -> None:
    assert load_stances() is load_stances()
    assert load_stances(data_path("stances.yaml")) is load_stances()


def test_helpers_follow_the_registry() -> None:
    stances = load_stances()
    assert stance_fields() == tuple(s.field for s in stances)
    assert list(by_field()) == list(stance_fields())
    assert by_field()["condolences_to"].id == "condolences"
    assert [s.id for s in stances if s.hostile] == ["blames", "threatens", "condemns"]
    assert all(s.sign in (-1, 1) for s in stances)


def test_default_path_follows_kg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _registry()
    data["stances"] = data["stances"][:2]
    (tmp_path / "data").mkdir()
    _write(tmp_path / "data", data)
    monkeypatch.setenv("KG_HOME", str(tmp_path))
    assert [s.id for s in load_stances()] == ["blames", "threatens"]
    monkeypatch.delenv("KG_HOME")
    assert len(load_stances()) == len(_registry()["stances"])


def test_cues_are_kept_as_written(tmp_path: Path) -> None:
    data = _registry()
    cue = {"id": "x", "cue": {"lemma": ["accuse"]}, "target": [{"rel": ">", "dep": ["dobj"]}]}
    data["stances"][0]["cues"] = [cue]
    del data["stances"][1]["cues"]  # optional: no cues yet
    stances = load_stances(_write(tmp_path, data))
    assert stances[0].cues == (cue,)
    assert stances[1].cues == ()


def _broken(change) -> dict[str, Any]:
    data = copy.deepcopy(_registry())
    change(data["stances"])
    return data


def _set(index: int, key: str, value: Any):
    def change(entries: list[dict[str, Any]]) -> None:
        entries[index][key] = value

    return change


def _drop(index: int, key: str):
    def change(entries: list[dict[str, Any]]) -> None:
        del entries[index][key]

    return change


@pytest.mark.parametrize(
    ("change", "entry", "reason"),
    [
        (_drop(1, "relation"), "entry 2 (threatens)", "missing keys relation"),
        (_set(0, "colour_hex", "#000000"), "entry 1 (blames)", "unknown keys colour_hex"),
        (_set(2, "field", "blames"), "stance 'condemns'", "field 'blames' is already"),
        (_set(3, "id", "blames"), "stance 'blames'", "id 'blames' is already"),
        (_set(4, "statement_property", "blamesTarget"), "stance 'condolences'", "statement_prop"),
        (_set(4, "relation", "blamesTarget"), "stance 'condolences'", "statement property"),
        (_set(3, "sign", 0), "entry 4 (praises)", "'sign' must be -1"),
        (_set(3, "sign", True), "entry 4 (praises)", "'sign' must be -1"),
        (_set(3, "sign", "+1"), "entry 4 (praises)", "'sign' must be -1"),
        (_set(1, "colour", "red"), "entry 2 (threatens)", "'colour' must be"),
        (_set(1, "colour", "#e31a1"), "entry 2 (threatens)", "'colour' must be"),
        (_set(0, "cues", "accuse"), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(0, "cues", ["accuse"]), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(0, "cues", None), "entry 1 (blames)", "'cues' must be a list of mappings"),
        (_set(3, "cameo", 51), "entry 4 (praises)", "'cameo' must be a quoted string"),
        (_set(0, "plover", "accuse"), "entry 1 (blames)", "'plover' must be"),
        (_set(0, "field", "Blames"), "entry 1 (blames)", "'field' must be"),
        (_set(0, "statement_property", "kg:blamesTarget"), "entry 1", "'statement_property'"),
        (_set(0, "label", " "), "entry 1 (blames)", "'label' must be"),
        (_set(0, "id", 3), "entry 1", "'id' must be"),
    ],
)
def test_bad_entries_name_file_and_entry(tmp_path: Path, change, entry: str, reason: str) -> None:
    path = _write(tmp_path, _broken(change))
    with pytest.raises(StanceError) as caught:
        load_stances(path)
    message = str(caught.value)
    assert message.startswith(str(path.resolve()) + ": "), message
    assert entry in message and reason in message, message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([{"id": "blames"}], "expected a mapping with a list under 'stances'"),
        ({"stances": []}, "'stances' is empty"),
        ({"stances": ["blames"]}, "entry 1: expected a mapping, got str"),
        ({"stances": [], "extra": 1}, "unknown top-level keys extra"),
    ],
)
def test_bad_files_name_the_file(tmp_path: Path, data: Any, reason: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(StanceError, match=reason) as caught:
        load_stances(path)
    assert str(path.resolve()) in str(caught.value)


def test_unreadable_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stances.yaml"
    path.write_text("stances: [\n", encoding="utf-8")
    with pytest.raises(StanceError, match="cannot read stance registry"):
        load_stances(path)
    with pytest.raises(StanceError, match="cannot read stance registry"):
        load_stances(tmp_path / "missing.yaml")


# --- the registry against the hand-written ontology (ontology/kg.ttl, shapes.ttl) ---------

ONTOLOGY_NS = "https://w3id.org/kg-armed-groups/ontology#"


def ontology_problems(stances: tuple[Stance, ...], ontology: Any, shapes: Any) -> list[str]:
    """How the ontology and the SHACL shapes disagree with the registry: each stance needs
    its statement property (under kg:stanceTarget, with the registry's CAMEO and PLOVER
    codes, and a shape asking for an actor), its relation (the chain kg:made o property,
    the same codes, under kg:opposes exactly when hostile); and the ontology may declare
    no stance property or relation that the registry lacks."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SH

    def kg(name: str) -> URIRef:
        return URIRef(ONTOLOGY_NS + name)

    def local(term: Any) -> str:
        return str(term).removeprefix(ONTOLOGY_NS)

    problems = []
    shaped = {
        local(path)
        for shape, path in shapes.subject_objects(SH.path)
        if (shape, SH["class"], kg("Actor")) in shapes
    }
    for s in stances:
        prop, relation = kg(s.statement_property), kg(s.relation)
        for term in (prop, relation):
            if (term, RDF.type, OWL.ObjectProperty) not in ontology:
                problems.append(f"{s.id}: kg:{local(term)} is not declared")
            for code, value in (("cameoCode", s.cameo), ("ploverCode", s.plover)):
                found = set(ontology.objects(term, kg(code)))
                if found != {Literal(value)}:
                    problems.append(f"{s.id}: kg:{local(term)} kg:{code} {found or 'none'}")
        if (prop, RDFS.subPropertyOf, kg("stanceTarget")) not in ontology:
            problems.append(f"{s.id}: kg:{s.statement_property} is not under kg:stanceTarget")
        chain = ontology.value(relation, OWL.propertyChainAxiom)
        if chain is None or list(ontology.items(chain)) != [kg("made"), prop]:
            problems.append(f"{s.id}: kg:{s.relation} is not the chain kg:made o {local(prop)}")
        if ((relation, RDFS.subPropertyOf, kg("opposes")) in ontology) != s.hostile:
            problems.append(f"{s.id}: kg:{s.relation} under kg:opposes must match sign {s.sign}")
        if s.statement_property not in shaped:
            problems.append(f"{s.id}: shapes.ttl has no actor shape for kg:{s.statement_property}")
    properties = {s.statement_property for s in stances}
    relations = {s.relation for s in stances}
    declared = {local(p) for p in ontology.subjects(RDFS.subPropertyOf, kg("stanceTarget"))}
    chained = {
        local(head)
        for head, chain in ontology.subject_objects(OWL.propertyChainAxiom)
        if any(local(link) in declared for link in ontology.items(chain))
    }
    opposing = {local(p) for p in ontology.subjects(RDFS.subPropertyOf, kg("opposes"))}
    coded = {local(p) for p in ontology.subjects(kg("cameoCode"), None)}
    for name in sorted(declared - properties):
        problems.append(f"kg:{name} is a stance property the registry lacks")
    for name in sorted((chained | opposing | coded) - properties - relations):
        problems.append(f"kg:{name} is a stance relation the registry lacks")
    return problems


def _graphs() -> tuple[Any, Any]:
    from rdflib import Graph

    from kg.paths import ontology_path

    return Graph().parse(ontology_path("kg.ttl")), Graph().parse(ontology_path("shapes.ttl"))


def test_ontology_and_shapes_agree_with_the_registry() -> None:
    ontology, shapes = _graphs()
    assert ontology_problems(load_stances(), ontology, shapes) == []


def test_ontology_check_fails_on_a_stance_either_side_lacks() -> None:
    """The check can fail: a registry stance the ontology lacks, codes that differ, a
    friendly stance under kg:opposes, and an ontology stance the registry lacks."""
    from dataclasses import replace

    ontology, shapes = _graphs()
    stances = load_stances()
    mocks = replace(stances[0], id="mocks", field="mocks", statement_property="mocksTarget")
    mocks = replace(mocks, relation="mocks")
    problems = ontology_problems((*stances, mocks), ontology, shapes)
    assert "mocks: kg:mocksTarget is not declared" in problems
    assert "mocks: shapes.ttl has no actor shape for kg:mocksTarget" in problems
    praises = by_id(stances)["praises"]
    changed = [replace(praises, cameo="050", sign=-1) if s is praises else s for s in stances]
    problems = ontology_problems(tuple(changed), ontology, shapes)
    assert any(p.startswith("praises: kg:praisesTarget kg:cameoCode") for p in problems)
    assert "praises: kg:praises under kg:opposes must match sign -1" in problems
    problems = ontology_problems(stances[1:], ontology, shapes)
    assert "kg:blamesTarget is a stance property the registry lacks" in problems
    assert "kg:blames is a stance relation the registry lacks" in problems
