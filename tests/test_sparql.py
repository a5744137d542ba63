from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import QueryError
from kg.sparql import format_result, query, read_query, run, sparql_term, substitute, to_term

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


#: Values that would end a string or add to a query if formatted into its text.
HOSTILE = [
    'a"b',
    "a\\b",
    "a\\",
    "line\nbreak\r\n",
    "tab\tand\x01control",
    "<script>alert(1)</script>",
    '"} ; DROP ALL ; #',
    "x' . ?s ?p ?o . '",
    '""" ?s ?p ?o """',
    "\\u0022 } ?s ?p ?o {",
    "名字 ?name $name",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_substituted_value_is_one_term(value: str) -> None:
    """On Oxigraph the value goes into the query text, escaped: it matches itself, nothing else."""
    from kg.store import new_dataset

    ds = new_dataset()
    g = ds.graph(URIRef("urn:doc"))
    for i, label in enumerate([value, "other", value + "x"]):
        g.add(
            (
                URIRef(f"urn:e{i}"),
                URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
                Literal(label, lang="zh"),
            )
        )
    sparql = "SELECT ?e ?name WHERE { ?e rdfs:label ?name } ORDER BY ?e"
    text = substitute(sparql, {"name": to_term(value)})
    assert text is not None and text.count("\n") == sparql.count("\n")
    found = query(ds, sparql, name=value)
    assert found.e.tolist() == ["urn:e0"] and found.name.tolist() == [value]


@pytest.mark.parametrize(
    ("sparql", "expected"),
    [
        (
            "SELECT DISTINCT ?a ?b WHERE { ?x ?p ?a } ORDER BY ?a",
            'SELECT DISTINCT ("v"@zh AS ?a) ?b WHERE { ?x ?p "v"@zh } ORDER BY ("v"@zh)',
        ),
        (  # a subquery projects it too; strings, IRIs and comments keep their text
            'SELECT ?a WHERE { { SELECT ?a WHERE { ?x <urn:?a> "?a" } } } # ?a',
            'SELECT ("v"@zh AS ?a) WHERE { { SELECT ("v"@zh AS ?a) '
            'WHERE { ?x <urn:?a> "?a" } } } # ?a',
        ),
        (
            "SELECT (COUNT(?x) AS ?n) WHERE { ?x ?p $a FILTER(CONTAINS(?x, ?a)) } GROUP BY ?a",
            'SELECT (COUNT(?x) AS ?n) WHERE { ?x ?p "v"@zh FILTER(CONTAINS(?x, "v"@zh)) } '
            'GROUP BY ("v"@zh)',
        ),
        ("ASK { ?x ?p ?ab }", "ASK { ?x ?p ?ab }"),
        ("SELECT * WHERE { ?x ?p ?a }", None),
        ("SELECT ?x WHERE { VALUES ?a { 1 } ?x ?p ?a }", None),
        ("SELECT ?x WHERE { ?x ?p ?o BIND(?o AS ?a) }", None),
        ("DESCRIBE ?a", None),
    ],
)
def test_substitute(sparql: str, expected: str | None) -> None:
    assert substitute(sparql, {"a": Literal("v", lang="zh")}) == expected


def test_substitute_terms() -> None:
    assert sparql_term(URIRef("https://schema.org/Place")) == "<https://schema.org/Place>"
    assert sparql_term(Literal(3)) == '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert sparql_term(Literal('<script>"\n', lang="zh")) == '"<script>\\"\\n"@zh'
    with pytest.raises(QueryError, match="not an IRI"):
        sparql_term(URIRef("http://x/> } ?s ?p ?o { <y"))
    from rdflib import BNode

    assert substitute("SELECT ?x WHERE { ?x ?p ?a }", {"a": BNode()}) is None
