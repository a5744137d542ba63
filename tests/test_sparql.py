from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.sparql import format_result, query, read_query, run, to_term

PEOPLE = "SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; rdfs:label ?name } ORDER BY ?name"


def test_select_to_dataframe(sample_graph) -> None:  # type: ignore[no-untyped-def]
    df = query(sample_graph, PEOPLE)
    assert df["name"].tolist() == ["刘建国", "张丽华"]


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?p WHERE { ?p rdfs:label ?name }",  # binding not projected
        "SELECT ?p ?name WHERE { ?p rdfs:label ?name }",
    ],
)
def test_bindings_not_formatting(sample_graph, sparql: str) -> None:  # type: ignore[no-untyped-def]
    df = query(sample_graph, sparql, name="刘建国")
    assert len(df) == 1
    assert query(sample_graph, sparql, name='刘建国" } ?x ?y ?z {').empty


def test_ask_and_construct(sample_graph) -> None:  # type: ignore[no-untyped-def]
    assert query(sample_graph, "ASK { ?p a foaf:Person }") is True
    g = query(
        sample_graph, "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a foaf:Person ; rdfs:label ?l }"
    )
    assert len(g) == 2


def test_malformed_query() -> None:
    from kg.store import new_dataset

    with pytest.raises(QueryError, match="SPARQL"):
        run(new_dataset(), "SELEC ?x WHERE {")


def test_formats(sample_graph) -> None:  # type: ignore[no-untyped-def]
    result = run(sample_graph, PEOPLE)
    doc = json.loads(format_result(result, "json"))
    assert doc["head"]["vars"] == ["name"]
    assert doc["results"]["bindings"][0]["name"] == {
        "type": "literal",
        "value": "刘建国",
        "xml:lang": "zh",
    }
    assert format_result(run(sample_graph, PEOPLE), "csv").splitlines() == [
        "name",
        "刘建国",
        "张丽华",
    ]
    table = format_result(run(sample_graph, PEOPLE), "table").splitlines()
    assert table[0] == "name" and table[1] == "------" and table[-1] == "(2 rows)"
    with pytest.raises(QueryError):
        format_result(run(sample_graph, PEOPLE), "xml")


def test_terms_and_files(tmp_path: Path) -> None:
    assert to_term("https://schema.org/Place") == URIRef("https://schema.org/Place")
    assert to_term("焦作市") == Literal("焦作市", lang="zh")
    assert to_term(3) == Literal(3)
    rq = tmp_path / "q.rq"
    rq.write_text("ASK {}", "utf-8")
    assert read_query(str(rq)) == "ASK {}"
    with pytest.raises(QueryError, match="no such query file"):
        read_query(str(tmp_path / "none.rq"))
