from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH, XSD
from rdflib.paths import InvPath, Path, SequencePath

from kg.errors import ConfigError
from kg.iri import doc_iri, mint, span_iri, statement_iri
from kg.shacl import ValidationReport, ValidationResult, validate
from kg.vocab import DCTERMS, FOAF, ITSRDF, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS

DOC_ID = "sample.txt"
TEXT = '3月5日，焦作市召开"经济工作会议"。\n市委书记刘建国出席会议并讲话。'
DOC = URIRef(doc_iri(DOC_ID))
PERSON = URIRef(mint("person", "刘建国"))
PARTY = URIRef(mint("organization", "焦作市委"))
CITY = URIRef(mint("division", "410800"))
PROVINCE = URIRef(mint("division", "410000"))
MEETING = URIRef(mint("event", "经济工作会议"))
PROJECT = URIRef(mint("project", "南水北调"))
ROLE = URIRef(mint("role", "书记"))
POST = URIRef(mint("membership", f"{PERSON}|{PARTY}|书记"))
STATEMENT = URIRef(statement_iri(DOC_ID, f"{PERSON}|{KG.attended}|{MEETING}|39"))


def _span(text: str, start: int = 0) -> tuple[URIRef, int, int]:
    begin = TEXT.index(text, start)
    return URIRef(span_iri(DOC_ID, begin, begin + len(text))), begin, begin + len(text)


SENTENCE_1 = _span('3月5日，焦作市召开"经济工作会议"。')
SENTENCE_2 = _span("市委书记刘建国出席会议并讲话。")
MENTIONS = {
    "焦作市": CITY,
    "经济工作会议": MEETING,
    "市委": PARTY,
    "刘建国": PERSON,
}


def _index(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _document() -> Graph:
    """One document's graph, written by hand the way docs/rdf-mapping.md says."""
    g = Graph()
    g.add((DOC, RDF.type, NIF.Context))
    g.add((DOC, NIF.isString, Literal(TEXT)))
    g.add((DOC, NIF.beginIndex, _index(0)))
    g.add((DOC, NIF.endIndex, _index(len(TEXT))))
    g.add((DOC, DCTERMS.source, Literal(DOC_ID)))
    g.add((DOC, KG.contentHash, Literal(hashlib.sha256(TEXT.encode()).hexdigest())))
    for node, begin, end in (SENTENCE_1, SENTENCE_2):
        g.add((node, RDF.type, NIF.Sentence))
        g.add((node, NIF.beginIndex, _index(begin)))
        g.add((node, NIF.endIndex, _index(end)))
        g.add((node, NIF.anchorOf, Literal(TEXT[begin:end])))
        g.add((node, NIF.referenceContext, DOC))
    for text, entity in MENTIONS.items():
        node, begin, end = _span(text)
        sentence = SENTENCE_1[0] if end <= SENTENCE_1[2] else SENTENCE_2[0]
        g.add((node, RDF.type, NIF.Phrase))
        g.add((node, NIF.beginIndex, _index(begin)))
        g.add((node, NIF.endIndex, _index(end)))
        g.add((node, NIF.anchorOf, Literal(text)))
        g.add((node, NIF.referenceContext, DOC))
        g.add((node, NIF.sentence, sentence))
        g.add((node, ITSRDF.taIdentRef, entity))
        g.add((node, KG.extractor, Literal("rules")))
        g.add((node, KG.score, Literal(0.9)))

    g.add((PERSON, RDF.type, KG.Person))
    g.add((PERSON, RDF.type, FOAF.Person))
    g.add((PERSON, RDFS.label, _zh("刘建国")))
    for cls in (KG.Organization, ORG.Organization, KG.PartyOrgan):
        g.add((PARTY, RDF.type, cls))
    g.add((PARTY, RDFS.label, _zh("焦作市委")))
    g.add((PARTY, SKOS.altLabel, _zh("市委")))
    for node, code, level, name in (
        (CITY, "410800", KG.City, "焦作市"),
        (PROVINCE, "410000", KG.Province, "河南省"),
    ):
        for cls in (
            KG.AdministrativeDivision,
            SCHEMA.AdministrativeArea,
            level,
            KG.Place,
            SCHEMA.Place,
        ):
            g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, _zh(name)))
        g.add((node, KG.adminCode, Literal(code)))
    g.add((CITY, SCHEMA.containedInPlace, PROVINCE))
    for cls in (KG.Event, SCHEMA.Event, KG.Meeting):
        g.add((MEETING, RDF.type, cls))
    g.add((MEETING, RDFS.label, _zh("经济工作会议")))
    g.add((PROJECT, RDF.type, KG.Project))
    g.add((PROJECT, RDFS.label, _zh("南水北调")))

    g.add((ROLE, RDF.type, ORG.Role))
    g.add((ROLE, RDFS.label, _zh("书记")))
    g.add((POST, RDF.type, ORG.Membership))
    g.add((POST, ORG.member, PERSON))
    g.add((POST, ORG.organization, PARTY))
    g.add((POST, ORG.role, ROLE))
    g.add((POST, PROV.wasDerivedFrom, SENTENCE_2[0]))
    g.add((POST, KG.extractor, Literal("rules")))

    g.add((PERSON, KG.attended, MEETING))
    g.add((STATEMENT, RDF.type, KG.RelationStatement))
    g.add((STATEMENT, RDF.type, RDF.Statement))
    g.add((STATEMENT, RDF.subject, PERSON))
    g.add((STATEMENT, RDF.predicate, KG.attended))
    g.add((STATEMENT, RDF.object, MEETING))
    g.add((STATEMENT, PROV.wasDerivedFrom, SENTENCE_2[0]))
    g.add((STATEMENT, KG.extractor, Literal("rules")))
    return g


def _mention(text: str) -> URIRef:
    return _span(text)[0]


def _set(g: Graph, s: URIRef, p: URIRef, o: Literal | URIRef) -> None:
    g.set((s, p, o))


def test_hand_written_document_conforms() -> None:
    report = validate(_document())
    assert report.conforms, report.text
    assert report.results == ()
    assert "conforms" in report.text.lower()


def test_report_is_a_frozen_dataclass() -> None:
    report = validate(_document())
    assert isinstance(report, ValidationReport)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.conforms = False  # type: ignore[misc]


@pytest.mark.parametrize("store", ["Oxigraph", "Memory"])
def test_dataset_is_validated_as_the_union_of_its_graphs(store: str) -> None:
    """An entity labelled in one document's graph and used in another's is fine."""
    g = _document()
    ds = Dataset(store=store, default_union=True)
    labels = ds.graph(URIRef("https://w3id.org/kgzh/id/doc/other"))
    main = ds.graph(DOC)
    for s, p, o in g:
        (labels if p == RDFS.label else main).add((s, p, o))
    assert len(main) and len(labels)
    report = validate(ds)
    assert report.conforms, report.text


def test_dataset_problems_are_found_in_any_graph() -> None:
    ds = Dataset(store="Oxigraph", default_union=True)
    main = ds.graph(DOC)
    for triple in _document():
        main.add(triple)
    ds.graph(URIRef("https://w3id.org/kgzh/id/doc/other")).add(
        (PERSON, RDFS.label, _zh("刘建国同志"))
    )
    report = validate(ds)
    assert not report.conforms
    assert [(r.focus, r.path) for r in report.results] == [(PERSON, RDFS.label)]


def test_awkward_text_in_labels_and_anchors_is_fine() -> None:
    g = _document()
    awkward = 'He said "hi" <script>alert(1)</script>\nC:\\q \\1 {?value}'
    _set(g, PERSON, RDFS.label, _zh(awkward))
    _set(g, PARTY, SKOS.altLabel, _zh(awkward))
    report = validate(g)
    assert report.conforms, report.text
    # and in a report: a broken anchor holding a backslash still gives a message
    _set(g, _mention("刘建国"), NIF.anchorOf, Literal("\\q\n"))
    report = validate(g)
    assert not report.conforms
    assert [r.message.split(" (")[0] for r in report.results] == [
        "nif:anchorOf is not the text of its document"
    ]


Change = Callable[[Graph], object]


def _remove(s: URIRef, p: URIRef) -> Change:
    return lambda g: g.remove((s, p, None))


def _add(s: URIRef, p: URIRef, o: Literal | URIRef) -> Change:
    return lambda g: g.add((s, p, o))


def _replace(s: URIRef, p: URIRef, o: Literal | URIRef) -> Change:
    return lambda g: _set(g, s, p, o)


def _untype_mentioned_entity(g: Graph) -> None:
    g.remove((PERSON, RDF.type, None))
    g.remove((POST, None, None))  # else org:member's sh:class reports it too


VIOLATIONS: list[tuple[str, Change, URIRef, URIRef | Path | None, str]] = [
    # (id, change, focus, path, words of the message)
    (
        "two zh labels",
        _add(PERSON, RDFS.label, _zh("刘建国同志")),
        PERSON,
        RDFS.label,
        "More than one rdfs:label",
    ),
    ("missing label", _remove(MEETING, RDFS.label), MEETING, RDFS.label, "Missing name"),
    (
        "label without language tag",
        _replace(PERSON, RDFS.label, Literal("刘建国")),
        PERSON,
        RDFS.label,
        "language tag zh",
    ),
    (
        "label in English",
        _replace(PROJECT, RDFS.label, Literal("South-North", lang="en")),
        PROJECT,
        RDFS.label,
        "language tag zh",
    ),
    (
        "blank label",
        _replace(PROJECT, RDFS.label, _zh(" \n")),
        PROJECT,
        RDFS.label,
        "non-space character",
    ),
    (
        "alias without language tag",
        _add(PARTY, SKOS.altLabel, Literal("市委")),
        PARTY,
        SKOS.altLabel,
        "skos:altLabel",
    ),
    ("role without label", _remove(ROLE, RDFS.label), ROLE, RDFS.label, "Missing name"),
    (
        "person not foaf:Person",
        _remove(PERSON, RDF.type),
        PERSON,
        RDF.type,
        "rdf:type must include kg:Person",
    ),
    (
        "kg:Person only",
        lambda g: g.remove((PERSON, RDF.type, FOAF.Person)),
        PERSON,
        RDF.type,
        "must also be typed foaf:Person",
    ),
    (
        "organisation not org:Organization",
        lambda g: g.remove((PARTY, RDF.type, ORG.Organization)),
        PARTY,
        RDF.type,
        "must also be typed org:Organization",
    ),
    (
        "subclass without kg:Organization",
        lambda g: g.remove((PARTY, RDF.type, KG.Organization)),
        PARTY,
        RDF.type,
        "must also be typed kg:Organization",
    ),
    (
        "division not schema:AdministrativeArea",
        lambda g: g.remove((CITY, RDF.type, SCHEMA.AdministrativeArea)),
        CITY,
        RDF.type,
        "must also be typed schema:AdministrativeArea",
    ),
    (
        "division with bad code",
        _replace(CITY, KG.adminCode, Literal("4108")),
        CITY,
        KG.adminCode,
        "6 to 12 digits",
    ),
    (
        "division with numeric code",
        _replace(CITY, KG.adminCode, Literal(410800, datatype=XSD.integer)),
        CITY,
        KG.adminCode,
        "plain string",
    ),
    (
        "division without code",
        _remove(CITY, KG.adminCode),
        CITY,
        KG.adminCode,
        "exactly one kg:adminCode",
    ),
    (
        "division with two codes",
        _add(CITY, KG.adminCode, Literal("410801")),
        CITY,
        KG.adminCode,
        "exactly one kg:adminCode",
    ),
    (
        "division IRI not its code",
        _replace(PROVINCE, KG.adminCode, Literal("420000")),
        PROVINCE,
        KG.adminCode,
        "derived from its code: https://w3id.org/kgzh/id/division/420000",
    ),
    (
        "event not schema:Event",
        lambda g: g.remove((MEETING, RDF.type, SCHEMA.Event)),
        MEETING,
        RDF.type,
        "must also be typed schema:Event",
    ),
    (
        "anchor length differs",
        _replace(_mention("刘建国"), NIF.anchorOf, Literal("刘建")),
        _mention("刘建国"),
        NIF.anchorOf,
        "length of nif:anchorOf (2 characters) differs from nif:endIndex - nif:beginIndex (3)",
    ),
    (
        "sentence anchor length differs",
        _replace(SENTENCE_2[0], NIF.anchorOf, Literal("市委书记")),
        SENTENCE_2[0],
        NIF.anchorOf,
        "length of nif:anchorOf (4 characters)",
    ),
    (
        "anchor not the document text",
        _replace(_mention("刘建国"), NIF.anchorOf, Literal("王建国")),
        _mention("刘建国"),
        NIF.anchorOf,
        "not the text of its document",
    ),
    (
        "anchor tagged zh",
        _replace(_mention("刘建国"), NIF.anchorOf, _zh("刘建国")),
        _mention("刘建国"),
        NIF.anchorOf,
        "exactly one nif:anchorOf, a plain string",
    ),
    (
        "begin index not a number",
        _replace(_mention("市委"), NIF.beginIndex, Literal("22")),
        _mention("市委"),
        NIF.beginIndex,
        "non-negative integer",
    ),
    (
        "mention without end",
        _remove(_mention("市委"), NIF.endIndex),
        _mention("市委"),
        NIF.endIndex,
        "exactly one nif:endIndex",
    ),
    (
        "mention without entity",
        _remove(_mention("市委"), ITSRDF.taIdentRef),
        _mention("市委"),
        ITSRDF.taIdentRef,
        "itsrdf:taIdentRef",
    ),
    (
        "mention without document",
        _remove(_mention("市委"), NIF.referenceContext),
        _mention("市委"),
        NIF.referenceContext,
        "nif:referenceContext",
    ),
    (
        "mention after its sentence",
        _replace(_mention("市委"), NIF.sentence, SENTENCE_1[0]),
        SENTENCE_1[0],
        SequencePath(InvPath(NIF.sentence), NIF.endIndex),
        "ends after the sentence",
    ),
    (
        "mention before its sentence",
        _replace(_mention("焦作市"), NIF.sentence, SENTENCE_2[0]),
        _mention("焦作市"),
        SequencePath(NIF.sentence, NIF.beginIndex),
        "begins before its nif:sentence",
    ),
    (
        "mentioned entity untyped",
        _untype_mentioned_entity,
        PERSON,
        RDF.type,
        "Not typed as an entity",
    ),
    (
        "document without source",
        _remove(DOC, DCTERMS.source),
        DOC,
        DCTERMS.source,
        "dcterms:source",
    ),
    ("document without text", _remove(DOC, NIF.isString), DOC, NIF.isString, "nif:isString"),
    (
        "membership without evidence",
        _remove(POST, PROV.wasDerivedFrom),
        POST,
        PROV.wasDerivedFrom,
        "A post (org:Membership) has no evidence",
    ),
    (
        "membership evidence not a sentence",
        _replace(POST, PROV.wasDerivedFrom, DOC),
        POST,
        PROV.wasDerivedFrom,
        "must link a nif:Sentence",
    ),
    (
        "membership of an organisation",
        _replace(POST, ORG.member, PARTY),
        POST,
        ORG.member,
        "org:member, a foaf:Person",
    ),
    ("membership without role", _remove(POST, ORG.role), POST, ORG.role, "org:role"),
    (
        "statement without evidence",
        _remove(STATEMENT, PROV.wasDerivedFrom),
        STATEMENT,
        PROV.wasDerivedFrom,
        "A relation has no evidence",
    ),
    (
        "statement without subject",
        _remove(STATEMENT, RDF.subject),
        STATEMENT,
        RDF.subject,
        "rdf:subject",
    ),
    (
        "statement with unknown predicate",
        _replace(STATEMENT, RDF.predicate, RDFS.seeAlso),
        STATEMENT,
        RDF.predicate,
        "one of kg's relation properties",
    ),
    (
        "statement not asserted",
        lambda g: g.remove((PERSON, KG.attended, MEETING)),
        STATEMENT,
        None,
        "not asserted as a triple",
    ),
]


@pytest.mark.parametrize(
    ("change", "focus", "path", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in VIOLATIONS],
)
def test_violation_is_detected(
    change: Change, focus: URIRef, path: URIRef | Path | None, words: str
) -> None:
    g = _document()
    change(g)
    report = validate(g)
    assert not report.conforms
    assert report.results, report.text
    matching = [r for r in report.results if words in r.message]
    assert matching, report.text
    assert all(r.severity == "Violation" for r in matching)
    assert any(r.focus == focus and r.path == path for r in matching), report.text
    assert words in report.text


def test_one_problem_is_reported_once() -> None:
    """sh:maxCount and sh:uniqueLang both fire on two zh labels; the report says it once."""
    g = _document()
    g.add((PERSON, RDFS.label, _zh("刘建国同志")))
    report = validate(g)
    assert len(report.results) == 1
    (result,) = report.results
    assert isinstance(result, ValidationResult)
    assert result == (PERSON, RDFS.label, result.message, "Violation")
    assert report.text.count("\n") == 0
    assert report.text.startswith("Violation: ")


def test_text_has_a_line_per_problem_with_prefixed_names() -> None:
    g = _document()
    g.remove((MEETING, RDFS.label, None))
    g.remove((POST, PROV.wasDerivedFrom, None))
    report = validate(g)
    lines = report.text.splitlines()
    assert len(lines) == len(report.results) == 2
    assert all(line.startswith("Violation: <https://w3id.org/kgzh/id/") for line in lines)
    assert any(" rdfs:label: Missing name" in line for line in lines)
    assert any(" prov:wasDerivedFrom: A post" in line for line in lines)


def test_custom_shapes() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix foaf: <http://xmlns.com/foaf/0.1/> .
        <urn:s> a sh:NodeShape ; sh:targetClass foaf:Person ;
            sh:property [ sh:path foaf:age ; sh:minCount 1 ; sh:message "needs an age" ] .
        """,
        format="turtle",
    )
    report = validate(_document(), shapes)
    assert [(r.focus, r.message) for r in report.results] == [(PERSON, "needs an age")]


def test_broken_shapes_raise_config_error() -> None:
    shapes = Graph().parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:minCount "many" .
        """,
        format="turtle",
    )
    with pytest.raises(ConfigError, match="SHACL shapes"):
        validate(Graph(), shapes)


def test_shapes_accept_exactly_the_predicates_kg_writes() -> None:
    from kg.ontology import load_shapes
    from kg.rdf import PREDICATES

    shapes = load_shapes()
    statement = URIRef("https://w3id.org/kgzh/shapes#StatementShape")
    (predicate,) = [
        p
        for p in shapes.objects(statement, SH.property)
        if shapes.value(p, SH.path) == RDF.predicate
    ]
    allowed = shapes.value(predicate, SH["in"])
    assert allowed is not None
    assert set(shapes.items(allowed)) == set(PREDICATES.values())


def test_built_graph_conforms(sample_graph: Dataset) -> None:
    """What the pipeline writes for the sample text passes its own shapes."""
    report = validate(sample_graph)
    assert report.conforms, report.text
