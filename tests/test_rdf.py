from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from kg.documents import document
from kg.pipeline import Pipeline
from kg.rdf import extraction_triples, graph_name
from kg.vocab import FOAF, ITSRDF, KG, NIF, PROV, RDF, RDFS

from .conftest import SAMPLE


def graph_of(text: str, doc_id: str = "s.txt") -> Graph:
    g = Graph()
    for t in extraction_triples(Pipeline(["jieba-pos"])(document(text, id=doc_id))):
        g.add(t)
    return g


def test_document_context() -> None:
    g = graph_of(SAMPLE)
    ctx = graph_name("s.txt")
    assert (ctx, RDF.type, NIF.Context) in g
    assert g.value(ctx, NIF.isString) == Literal(SAMPLE)
    assert str(g.value(ctx, URIRef("http://purl.org/dc/terms/source"))) == "s.txt"


def test_people_typed_twice_with_one_zh_label() -> None:
    g = graph_of(SAMPLE)
    people = set(g.subjects(RDF.type, FOAF.Person))
    assert people == set(g.subjects(RDF.type, KG.Person)) and len(people) == 2
    for p in people:
        (label,) = list(g.objects(p, RDFS.label))
        assert label.language == "zh"


def test_mentions_anchor_exact_text() -> None:
    g = graph_of(SAMPLE)
    phrases = list(g.subjects(RDF.type, NIF.Phrase))
    assert phrases
    for node in phrases:
        start = int(g.value(node, NIF.beginIndex))  # type: ignore[arg-type]
        end = int(g.value(node, NIF.endIndex))  # type: ignore[arg-type]
        assert str(g.value(node, NIF.anchorOf)) == SAMPLE[start:end]
        assert g.value(node, ITSRDF.taIdentRef) is not None
        sentence = g.value(node, NIF.sentence)
        assert (sentence, RDF.type, NIF.Sentence) in g


def test_hostile_text_stays_literal() -> None:
    text = '王明远说："<script>alert(1)</script>" \\ 结束。'
    g = graph_of(text, doc_id='a "quoted" <id>')
    out = g.serialize(format="nt")
    assert Graph().parse(data=out, format="nt").isomorphic(g)


def test_an_event_name_gives_its_organiser_and_place() -> None:
    from kg.shacl import validate
    from kg.vocab import SCHEMA

    text = "1月23日，中央纪委二次全会在北京召开。全市大沙河生态治理工程开工。"
    g = Graph()
    for t in extraction_triples(Pipeline()(document(text, id="e.txt"))):
        g.add(t)
    by_label = {str(o): s for s, o in g.subject_objects(RDFS.label)}
    event, org = by_label["中央纪委二次全会"], by_label["中央纪委"]
    assert (event, SCHEMA.organizer, org) in g
    assert (org, RDF.type, KG.Organization) in g
    project, river = by_label["大沙河生态治理工程"], by_label["大沙河"]
    assert (project, SCHEMA.location, river) in g
    (statement,) = set(g.subjects(RDF.predicate, SCHEMA.organizer))
    evidence = g.value(statement, PROV.wasDerivedFrom)
    assert str(g.value(evidence, NIF.anchorOf)) == "1月23日，中央纪委二次全会在北京召开。"
    report = validate(g)
    assert report.conforms, report.text
