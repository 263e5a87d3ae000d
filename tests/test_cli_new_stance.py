"""Adding a stance is one registry entry plus its ontology terms: a sixth stance, `mocks`,
with one cue, in a copy of the project under KG_HOME flows through the real CLI from the
text (kg extract) to the records, the triples (asserted and reasoned) and the page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parents[1]
KG = Path(sys.executable).with_name("kg")
NS = "https://w3id.org/kg-armed-groups/ontology#"
ACTOR = "https://w3id.org/kg-armed-groups/id/actor/"
MOCKS = {
    "id": "mocks",
    "field": "mocks",
    "label": "mocks / ridicules",
    "statement_property": "mocksTarget",
    "relation": "mocks",
    "cameo": "111",
    "plover": "ACCUSE",
    "colour": "#ff7f00",
    "sign": -1,
    "cues": [
        {
            "id": "mock-object",
            "cue": {"lemma": ["mock", "ridicule", "deride"], "pos": "VERB"},
            "target": [{"rel": ">", "dep": ["dobj"]}],
            "resolve": "owners",
            "confidence": 0.7,
        }
    ],
}
ONTOLOGY_TERMS = """
kg:mocksTarget a owl:ObjectProperty ;
    rdfs:subPropertyOf kg:stanceTarget ;
    rdfs:domain kg:Statement ;
    rdfs:range kg:Actor ;
    rdfs:label "mocks target"@en ;
    rdfs:comment "The statement mocks or ridicules the target."@en ;
    kg:cameoCode "111" ;
    kg:ploverCode "ACCUSE" .

kg:mocks a owl:ObjectProperty ;
    rdfs:subPropertyOf kg:opposes ;
    owl:propertyChainAxiom ( kg:made kg:mocksTarget ) ;
    rdfs:domain kg:Actor ;
    rdfs:range kg:Actor ;
    rdfs:label "mocks"@en ;
    rdfs:comment "The actor made at least one statement mocking the target."@en ;
    kg:cameoCode "111" ;
    kg:ploverCode "ACCUSE" .
"""
SHAPE = """
kgsh:MocksTargetShape a sh:NodeShape ;
    sh:targetClass kg:Statement ;
    sh:property [
        sh:path kg:mocksTarget ; sh:nodeKind sh:IRI ; sh:class kg:Actor ;
        sh:message "a mocked target must be an actor IRI" ;
    ] .
"""
RECORDS = [
    {
        "doc_id": "m1",
        "speaker": "Kata'ib Hezbollah",
        "speaker_type": "militia",
        "evidence": "The group mocked the American air defences and blamed Israel.",
        "mocks": ["United States"],
        "blames": ["Israel"],
        "platform": "Telegram",
    },
    {
        "doc_id": "m2",
        "speaker": "Hezbollah",
        "speaker_type": "militia",
        "evidence": "Hezbollah ridiculed the Israeli army and praised Ansar Allah.",
        "mocks": ["Israel"],
        "praises_or_supports": ["Ansar Allah"],
    },
]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KG_HOME: the project's data/ (linked), queries/ and ontology/ (copied), with
    `mocks` added to the stance registry, the ontology and the shapes."""
    home = tmp_path_factory.mktemp("kg-home")
    (home / "data").mkdir()
    for item in (ROOT / "data").iterdir():
        if item.name != "stances.yaml":
            (home / "data" / item.name).symlink_to(item)
    registry = yaml.safe_load((ROOT / "data" / "stances.yaml").read_text(encoding="utf-8"))
    registry["stances"].append(MOCKS)
    (home / "data" / "stances.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    shutil.copytree(ROOT / "queries", home / "queries")
    shutil.copytree(ROOT / "ontology", home / "ontology")
    with (home / "ontology" / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write(ONTOLOGY_TERMS)
    with (home / "ontology" / "shapes.ttl").open("a", encoding="utf-8") as handle:
        handle.write(SHAPE)
    records = home / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return home


def _run(home: Path | None, *args: str, python: bool = False) -> subprocess.CompletedProcess[str]:
    """`kg ARGS` (or `python ARGS` with `python`) with KG_HOME set to `home` (or unset)."""
    env = {k: v for k, v in os.environ.items() if k != "KG_HOME"}
    if home is not None:
        env["KG_HOME"] = str(home)
    command = [str(KG)] if KG.exists() else [sys.executable, "-m", "kg.cli"]
    if python:
        command = [sys.executable]
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


def test_the_copy_of_the_ontology_agrees_with_the_registry(home: Path) -> None:
    from rdflib import Graph
    from test_stances import ontology_problems

    from kg.stances import load_stances

    stances = load_stances(home / "data" / "stances.yaml")
    assert stances[-1].id == "mocks"
    ontology = Graph().parse(home / "ontology" / "kg.ttl")
    shapes = Graph().parse(home / "ontology" / "shapes.ttl")
    assert ontology_problems(stances, ontology, shapes) == []


def test_the_extractor_finds_the_new_stance_from_its_cue(home: Path, tmp_path: Path) -> None:
    text = tmp_path / "m.txt"
    text.write_text("Hezbollah mocked the Israeli army and praised Ansar Allah.", encoding="utf-8")
    out = tmp_path / "m.jsonl"
    done = _run(home, "extract", str(text), "-o", str(out), "-q")
    assert done.returncode == 0, done.stderr
    [record] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert record["speaker"] == "Hezbollah"
    assert record["mocks"] == ["Israel Defense Forces"]
    assert record["praises_or_supports"] == ["Ansar Allah"]
    plain = _run(None, "extract", str(text), "-o", str(tmp_path / "plain.jsonl"), "-q")
    assert plain.returncode == 0, plain.stderr
    assert "mocks" not in (tmp_path / "plain.jsonl").read_text(encoding="utf-8")


def test_records_read_and_write_the_new_field(home: Path) -> None:
    checked = _run(home, "check", str(home / "records.jsonl"))
    assert checked.returncode == 0, checked.stderr
    assert "2 valid records, 0 problems" in checked.stderr
    out = home / "written.jsonl"
    script = (
        "import sys; from kg.records import load_statements, write_jsonl; "
        "loaded = load_statements([sys.argv[1]]); "
        "assert not loaded.issues, loaded.issues; "
        "print([(r.mocks, sorted(r.extra)) for r in loaded.statements]); "
        "write_jsonl(sys.argv[2], loaded.statements)"
    )
    done = _run(home, "-c", script, str(home / "records.jsonl"), str(out), python=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[(('United States',), []), (('Israel',), [])]"
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record, original in zip(written, RECORDS, strict=True):
        assert record["mocks"] == original["mocks"]
        keys = list(record)
        assert keys.index("mocks") == keys.index("condolences_to") + 1  # registry order
        assert keys.index("platform") == keys.index("mocks") + 1


def test_build_and_viz_carry_the_new_stance(home: Path, tmp_path: Path) -> None:
    from rdflib import Dataset, URIRef

    graph = tmp_path / "graph.trig"
    built = _run(home, "build", str(home / "records.jsonl"), "-o", str(graph), "--reason")
    assert built.returncode == 0, built.stderr  # 0: SHACL-valid
    dataset = Dataset(default_union=True)
    dataset.parse(graph, format="trig")
    kh, us = URIRef(ACTOR + "kataib-hezbollah"), URIRef(ACTOR + "united-states")
    mocked = {o for _s, _p, o, _g in dataset.quads((None, URIRef(NS + "mocksTarget"), None))}
    assert mocked == {us, URIRef(ACTOR + "israel")}
    assert (kh, URIRef(NS + "mocks"), us) in dataset  # the chain, reasoned
    assert (kh, URIRef(NS + "opposes"), us) in dataset  # a hostile stance

    page = tmp_path / "graph.html"
    drawn = _run(home, "viz", "--graph", str(graph), "-o", str(page))
    assert drawn.returncode == 0, drawn.stderr
    html = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r"const KG_DATA = (\{.*?\});\n?</script>", html, re.S).group(1))
    legend = {"colour": "#ff7f00", "label": "mocks / ridicules", "tie": False}
    assert data["stances"]["mocks"] == legend
    assert "mocks" in data["stanceOrder"]
    edges = [e for e in data["views"]["stance"]["edges"] if e["kg"]["stance"] == "mocks"]
    assert {(e["from"], e["to"]) for e in edges} == {
        (str(kh), str(us)),
        (ACTOR + "hezbollah", ACTOR + "israel"),
    }
    assert all(e["color"]["color"] == "#ff7f00" for e in edges)


def test_without_the_entry_the_field_is_just_an_extra(home: Path, tmp_path: Path) -> None:
    """The project's own registry lacks `mocks`: the same records keep it as an unknown
    field and build no mocksTarget triple."""
    graph = tmp_path / "graph.trig"
    built = _run(None, "build", str(home / "records.jsonl"), "-o", str(graph))
    assert built.returncode == 0, built.stderr
    assert "mocksTarget" not in graph.read_text(encoding="utf-8")
