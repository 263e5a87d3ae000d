"""The kg ontology's terms (ontology/kg.ttl) as a closed rdflib namespace, plus the IRI bases.

`KG.Statement` is a URIRef; a typo such as `KG.Statment` raises AttributeError because the
namespace is closed (`_fail = True`). tests/test_vocab.py checks that this list and the
ontology file name the same terms, so keep them in step when adding a term.

The stance properties come from the stance registry (data/stances.yaml): `stance_properties()`
gives each record field its statement property and derived relation, built from the
namespace string, so a stance the registry adds needs no entry in the closed `KG` class.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

from kg.stances import Stance, load_stances

BASE = "https://w3id.org/kg-armed-groups/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
ACTOR = Namespace(BASE + "id/actor/")
STATEMENT = Namespace(BASE + "id/statement/")
DOCUMENT = Namespace(BASE + "id/document/")
EVENT = Namespace(BASE + "id/event/")

ONTOLOGY_NS = BASE + "ontology#"

ASSERTED_GRAPH = URIRef(BASE + "graph/asserted")
INFERRED_GRAPH = URIRef(BASE + "graph/inferred")
ALIGNMENT_GRAPH = URIRef(BASE + "graph/alignment")

SCHEMA = Namespace("https://schema.org/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")


class KG(DefinedNamespace):
    """kg ontology terms: https://w3id.org/kg-armed-groups/ontology#"""

    _fail = True
    _NS = Namespace(ONTOLOGY_NS)

    # Annotation properties
    cameoCode: URIRef
    ploverCode: URIRef

    # Classes: actors
    Actor: URIRef
    Person: URIRef
    ArmedGroup: URIRef
    UmbrellaFront: URIRef
    State: URIRef
    Organization: URIRef
    MediaOutlet: URIRef
    OtherTarget: URIRef

    # Classes: statements, events, documents, platforms
    Statement: URIRef
    Event: URIRef
    Document: URIRef
    Platform: URIRef
    PlatformScheme: URIRef

    # Platform concepts
    Telegram: URIRef
    X: URIRef
    TV: URIRef
    Website: URIRef
    Press: URIRef

    # Statement properties
    speaker: URIRef
    made: URIRef
    speakerSurface: URIRef
    about: URIRef
    stanceTarget: URIRef
    blamesTarget: URIRef
    threatensTarget: URIRef
    condemnsTarget: URIRef
    praisesTarget: URIRef
    condolencesTarget: URIRef
    platform: URIRef
    statementDate: URIRef
    reportedDate: URIRef
    timelineDate: URIRef
    evidence: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    confidence: URIRef
    extractorVersion: URIRef
    attestedSponsor: URIRef
    attestedAffiliation: URIRef

    # Event and document properties
    eventDate: URIRef
    docId: URIRef

    # Derived actor-to-actor relations
    blames: URIRef
    threatens: URIRef
    condemns: URIRef
    opposes: URIRef
    praises: URIRef
    offersCondolencesTo: URIRef
    sponsoredBy: URIRef
    affiliatedWith: URIRef

    # Statement counts of the derived relations (kg.counts)
    RelationCount: URIRef
    statementCount: URIRef

    # Alignment (kg align; in the named graph ALIGNMENT_GRAPH)
    Alignment: URIRef
    actorA: URIRef
    actorB: URIRef
    alignmentScore: URIRef
    targetAgreement: URIRef
    directStance: URIRef
    ties: URIRef
    commonTargets: URIRef
    community: URIRef


def stance_properties(
    stances: tuple[Stance, ...] | None = None,
) -> dict[str, tuple[URIRef, URIRef]]:
    """Record label field -> (statement property, derived actor-to-actor property), from
    the stance registry (the bundled one when `stances` is None)."""
    return {
        s.field: (URIRef(ONTOLOGY_NS + s.statement_property), URIRef(ONTOLOGY_NS + s.relation))
        for s in (load_stances() if stances is None else stances)
    }


# Record platform value -> platform concept.
PLATFORMS: dict[str, URIRef] = {
    "Telegram": KG.Telegram,
    "X": KG.X,
    "TV": KG.TV,
    "website": KG.Website,
    "press": KG.Press,
}

# Gazetteer / record actor type -> class (umbrella militias get KG.UmbrellaFront).
ACTOR_CLASSES: dict[str, URIRef] = {
    "person": KG.Person,
    "militia": KG.ArmedGroup,
    "state": KG.State,
    "organization": KG.Organization,
    "media": KG.MediaOutlet,
    "other": KG.OtherTarget,
}


def bind_prefixes(graph: Graph) -> None:
    """Bind the prefixes kg writes with (on a Graph or a Dataset): short, stable output."""
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

    for prefix, namespace in (
        ("kg", KG._NS),
        ("actor", ACTOR),
        ("stmt", STATEMENT),
        ("doc", DOCUMENT),
        ("event", EVENT),
        ("prov", PROV),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("schema", SCHEMA),
        ("wd", WIKIDATA),
        ("owl", OWL),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("xsd", XSD),
    ):
        graph.bind(prefix, namespace, override=True, replace=True)
