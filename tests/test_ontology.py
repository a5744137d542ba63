from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SH

import kg
from kg.errors import ConfigError
from kg.iri import ONTOLOGY
from kg.ontology import ONTOLOGY_FILES, load_ontology, load_shapes, ontology_dirs, ontology_path
from kg.vocab import DCTERMS, FOAF, KG, NIF, ORG, PREFIXES, RDF, RDFS, SCHEMA, XSD

ONTOLOGY_IRI = URIRef(ONTOLOGY.rstrip("#"))
TERMS = sorted(dir(KG))
CLASSES = [t for t in TERMS if t[len(ONTOLOGY)].isupper()]
PROPERTIES = [t for t in TERMS if t[len(ONTOLOGY)].islower()]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _labels(g: Graph, term: URIRef, lang: str) -> list[str]:
    return [
        str(o) for o in g.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == lang
    ]


def test_vocabulary_has_classes_and_properties() -> None:
    assert len(TERMS) == len(KG.__annotations__) == len(CLASSES) + len(PROPERTIES)
    assert KG.Person in CLASSES
    assert KG.adminCode in PROPERTIES


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t[len(ONTOLOGY) :])
def test_every_term_is_defined_with_zh_and_en_labels(onto: Graph, term: URIRef) -> None:
    assert len(_labels(onto, term, "zh")) == 1
    assert len(_labels(onto, term, "en")) == 1
    assert [o for o in onto.objects(term, RDFS.label) if not o.language] == []  # type: ignore[attr-defined]
    comments = [o for o in onto.objects(term, RDFS.comment) if o.language == "en"]  # type: ignore[attr-defined]
    assert len(comments) == 1 and len(str(comments[0])) > 20
    assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in onto


@pytest.mark.parametrize("term", CLASSES, ids=lambda t: t[len(ONTOLOGY) :])
def test_classes_are_owl_classes_under_a_standard_class(onto: Graph, term: URIRef) -> None:
    assert (term, RDF.type, OWL.Class) in onto
    ancestors = set(onto.transitive_objects(term, RDFS.subClassOf)) - {term}
    assert any(not str(a).startswith(ONTOLOGY) for a in ancestors), "no standard superclass"


@pytest.mark.parametrize("term", PROPERTIES, ids=lambda t: t[len(ONTOLOGY) :])
def test_properties_are_object_or_datatype_properties(onto: Graph, term: URIRef) -> None:
    kinds = set(onto.objects(term, RDF.type)) & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert len(kinds) == 1


def test_nothing_in_the_kg_namespace_is_undefined_in_the_vocabulary(
    onto: Graph, shapes: Graph
) -> None:
    """A kg: term in either file that kg.vocab.KG does not list is a typo."""
    for g in (onto, shapes):
        used = {t for triple in g for t in triple if isinstance(t, URIRef)}
        stray = {t for t in used if str(t).startswith(ONTOLOGY)} - set(TERMS)
        assert stray == set()


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (KG.Person, FOAF.Person),
        (KG.Organization, ORG.Organization),
        (KG.GovernmentAgency, KG.Organization),
        (KG.PartyOrgan, KG.Organization),
        (KG.PeoplesCongress, KG.Organization),
        (KG.CPPCC, KG.Organization),
        (KG.JudicialOrgan, KG.Organization),
        (KG.Enterprise, KG.Organization),
        (KG.FinancialInstitution, KG.Organization),
        (KG.ZoneCommittee, KG.Organization),
        (KG.Place, SCHEMA.Place),
        (KG.AdministrativeDivision, SCHEMA.AdministrativeArea),
        (KG.AdministrativeDivision, KG.Place),
        (KG.Province, KG.AdministrativeDivision),
        (KG.City, KG.AdministrativeDivision),
        (KG.County, KG.AdministrativeDivision),
        (KG.Township, KG.AdministrativeDivision),
        (KG.Event, SCHEMA.Event),
        (KG.Meeting, KG.Event),
        (KG.Project, SCHEMA.Thing),
        (KG.RelationStatement, RDF.Statement),
    ],
)
def test_classes_align_with_the_standards(onto: Graph, child: URIRef, parent: URIRef) -> None:
    assert (child, RDFS.subClassOf, parent) in onto


@pytest.mark.parametrize(
    ("prop", "kind", "domain", "range_"),
    [
        (KG.adminCode, OWL.DatatypeProperty, KG.AdministrativeDivision, XSD.string),
        (KG.contentHash, OWL.DatatypeProperty, NIF.Context, None),
        (KG.extractor, OWL.DatatypeProperty, None, None),
        (KG.score, OWL.DatatypeProperty, None, None),
        (KG.jurisdiction, OWL.ObjectProperty, KG.Organization, KG.AdministrativeDivision),
        (KG.spokeAt, OWL.ObjectProperty, None, KG.Event),
        (KG.attended, OWL.ObjectProperty, None, KG.Event),
        (KG.commendedAt, OWL.ObjectProperty, None, KG.Event),
        (KG.connects, OWL.ObjectProperty, KG.Project, KG.Place),
        (KG.responsibleFor, OWL.ObjectProperty, FOAF.Agent, None),
        (KG.relatedTo, OWL.ObjectProperty, None, None),
    ],
)
def test_property_kinds_domains_and_ranges(
    onto: Graph, prop: URIRef, kind: URIRef, domain: URIRef | None, range_: URIRef | None
) -> None:
    assert (prop, RDF.type, kind) in onto
    if domain is not None:
        assert onto.value(prop, RDFS.domain) == domain
    if range_ is not None:
        assert onto.value(prop, RDFS.range) == range_


def test_functional_and_symmetric_properties(onto: Graph) -> None:
    assert (KG.adminCode, RDF.type, OWL.FunctionalProperty) in onto
    assert (KG.contentHash, RDF.type, OWL.FunctionalProperty) in onto
    assert (KG.relatedTo, RDF.type, OWL.SymmetricProperty) in onto
    assert (KG.spokeAt, RDFS.subPropertyOf, KG.attended) in onto


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert str(onto.value(ONTOLOGY_IRI, OWL.versionInfo)) == kg.__version__
    titles = {t.language for t in onto.objects(ONTOLOGY_IRI, DCTERMS.title)}  # type: ignore[attr-defined]
    assert titles == {"en", "zh"}
    assert onto.value(ONTOLOGY_IRI, DCTERMS.description) is not None


def _declared(g: Graph, subject: URIRef) -> dict[str, str]:
    return {
        str(g.value(d, SH.prefix)): str(g.value(d, SH.namespace))
        for d in g.objects(subject, SH.declare)
    }


@pytest.mark.parametrize(
    ("name", "subject"),
    [("kg.ttl", ONTOLOGY_IRI), ("shapes.ttl", URIRef("https://w3id.org/kgzh/shapes"))],
)
def test_prefix_declarations_match_the_vocabulary(name: str, subject: URIRef) -> None:
    g = Graph().parse(ontology_path(name))
    declared = _declared(g, subject)
    for prefix in ("kg", "foaf", "org", "schema", "skos", "prov", "dcterms", "nif", "itsrdf"):
        assert declared[prefix] == str(PREFIXES[prefix])
    # the Turtle prefixes too, so the files read the same as kg's output
    for prefix, namespace in g.namespaces():
        if prefix in PREFIXES:
            assert str(namespace) == str(PREFIXES[prefix])


def test_shapes_are_valid_shacl(shapes: Graph) -> None:
    from pyshacl import validate as shacl_validate

    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


def test_every_constraint_has_an_english_message(shapes: Graph) -> None:
    constrained = set(shapes.subjects(SH.path, None)) | set(
        shapes.subjects(RDF.type, SH.SPARQLConstraint)
    )
    node_level = (SH.nodeKind, SH["or"], SH["class"], SH.hasValue)
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if any(shapes.value(shape, p) is not None for p in node_level):
            constrained.add(shape)
    # value shapes inside sh:or / sh:qualifiedValueShape report through their parent
    inner = set(shapes.objects(None, SH.qualifiedValueShape))
    for list_node in shapes.objects(None, SH["or"]):
        inner |= set(shapes.items(list_node))
    constrained -= inner
    assert len(constrained) > 30
    for node in constrained:
        messages = list(shapes.objects(node, SH.message))
        assert messages, f"{node} has no sh:message"
        assert all(isinstance(m, Literal) and m.language in (None, "en") for m in messages)


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_ontology_path_finds_the_checkout_files(name: str) -> None:
    path = ontology_path(name)
    assert path.is_file()
    assert path.parent == Path(kg.__file__).resolve().parent.parent / "ontology"


def test_ontology_path_falls_back_to_the_installed_data_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "kg"
    package.mkdir(parents=True)
    installed = tmp_path / "prefix" / "share" / "kg" / "ontology"
    installed.mkdir(parents=True)
    (installed / "kg.ttl").write_text("", "utf-8")
    monkeypatch.setattr(kg, "__file__", str(package / "__init__.py"))
    monkeypatch.setattr("sys.prefix", str(tmp_path / "prefix"))
    assert ontology_dirs()[1] == installed
    assert ontology_path("kg.ttl") == installed / "kg.ttl"
    with pytest.raises(ConfigError, match=r"'shapes.ttl' not found .*pip install"):
        ontology_path("shapes.ttl")


@pytest.mark.parametrize("name", ["nope.ttl", "../setup.cfg", "/etc/passwd"])
def test_ontology_path_rejects_unknown_names(name: str) -> None:
    with pytest.raises(ConfigError, match="ontology file"):
        ontology_path(name)


def test_loaded_graphs_are_cached() -> None:
    assert load_ontology() is load_ontology()
    assert load_shapes() is load_shapes()
    assert len(load_shapes()) > 100
