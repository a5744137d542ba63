"""The named queries (kg/queries/*.rq) on a small graph of our own.

The graph is built by ``kg.builder.build`` from two short texts with the
extractors of names and places, plus hand-made triples (per docs/rdf-mapping.md)
for posts, an event and a project. Hand-made statements reuse the built entities and
sentences, so the queries see one graph as kg would write it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.errors import ConfigError, QueryError
from kg.iri import mint, statement_iri
from kg.named import named_queries, named_query, parse
from kg.sparql import query
from kg.store import refresh_union
from kg.vocab import DCTERMS, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA

TEXT = (
    "2月20日，焦作市召开全市重点项目推进会。市委书记韩立川出席会议并讲话。\n"
    "温县县委书记王国良在会上发言，温县人民政府将加快推进焦太高铁温县段建设。\n"
    "焦作市水利局局长李青山介绍了南水北调配套工程进展。市长周明远主持会议。"
)
#: A second document naming some of the same entities: their labels, types and
#: the division chain are then in two named graphs, as in any real corpus.
VISIT = "3月1日，焦作市委书记韩立川到温县调研，县委书记王国良陪同。"


#: The extractors the fixture runs: mentions of people, organisations and places and
#: the relations read from names and codes. Posts, events and projects are hand-made
#: below, so these tests do not move when those extractors improve.
EXTRACTORS = ("orgs", "divisions", "people", "org-structure", "place-hierarchy")


def fixture_graph(folder: Path, store: str = "oxigraph") -> Dataset:
    """The test graph: ``TEXT`` and ``VISIT`` built by kg, plus hand-made posts,
    an event and a project in ``TEXT``'s graph (where kg would write them)."""
    from kg.builder import build

    (folder / "meeting.txt").write_text(TEXT, "utf-8")
    (folder / "visit.txt").write_text(VISIT, "utf-8")
    ds = build([folder / "meeting.txt", folder / "visit.txt"], store=store, extractors=EXTRACTORS)

    def entity(label: str) -> URIRef:
        rows = query(ds, "SELECT DISTINCT ?e WHERE { ?e rdfs:label ?label }", label=label)
        assert len(rows) == 1, f"the built graph should name {label} once: {rows}"
        return URIRef(rows.e[0])

    def sentence(fragment: str) -> URIRef:
        rows = query(
            ds,
            "SELECT DISTINCT ?s ?t WHERE { ?s a nif:Sentence ; nif:anchorOf ?t }",
        )
        hits = [s for s, t in zip(rows.s, rows.t, strict=True) if fragment in t]
        assert len(hits) == 1, fragment
        return URIRef(hits[0])

    doc = URIRef(str(sentence("韩立川出席")).split("#")[0])
    g = ds.graph(doc)
    han, wang, li = entity("韩立川"), entity("王国良"), entity("李青山")
    wenxian, jiaozuo = entity("温县"), entity("焦作市")
    bureau = entity("焦作市水利局")
    s_han, s_wang, s_li = sentence("韩立川出席"), sentence("王国良在会上"), sentence("李青山")
    meeting = URIRef(mint("event", "全市重点项目推进会"))
    railway = URIRef(mint("project", "焦太高铁"))

    g.add((meeting, RDF.type, KG.Event))
    g.add((meeting, RDF.type, SCHEMA.Event))
    g.add((meeting, RDF.type, KG.Meeting))
    g.add((meeting, RDFS.label, Literal("全市重点项目推进会", lang="zh")))
    g.add((railway, RDF.type, KG.Project))
    g.add((railway, RDFS.label, Literal("焦太高铁", lang="zh")))

    party_committee = entity("中共焦作市委")
    jurisdiction = URIRef(statement_iri("meeting", f"{party_committee}|jurisdiction"))
    g.add((party_committee, KG.jurisdiction, jiaozuo))
    g.add((jurisdiction, RDF.type, KG.RelationStatement))
    g.add((jurisdiction, RDF.subject, party_committee))
    g.add((jurisdiction, RDF.predicate, KG.jurisdiction))
    g.add((jurisdiction, RDF.object, jiaozuo))
    g.add((jurisdiction, PROV.wasDerivedFrom, s_han))

    # An organisation no jurisdiction was read for: found by its name.
    government = URIRef(mint("organization", "焦作市人民政府"))
    g.add((government, RDF.type, KG.Organization))
    g.add((government, RDF.type, ORG.Organization))
    g.add((government, RDFS.label, Literal("焦作市人民政府", lang="zh")))

    for person, org, role, s in [
        (entity("周明远"), government, "市长", sentence("周明远")),
        (han, party_committee, "书记", s_han),
        (wang, wenxian, "县委书记", s_wang),
        (li, bureau, "局长", s_li),
    ]:
        role_iri = URIRef(mint("role", role))
        m = URIRef(mint("membership", f"{person}|{org}|{role}"))
        g.add((role_iri, RDF.type, ORG.Role))
        g.add((role_iri, RDFS.label, Literal(role, lang="zh")))
        g.add((m, RDF.type, ORG.Membership))
        g.add((m, ORG.member, person))
        g.add((m, ORG.organization, org))
        g.add((m, ORG.role, role_iri))
        g.add((m, PROV.wasDerivedFrom, s))

    for subject, predicate, obj, s in [
        (han, KG.attended, meeting, s_han),
        (han, KG.spokeAt, meeting, s_han),
        (railway, KG.connects, jiaozuo, s_wang),
        (railway, SCHEMA.containedInPlace, wenxian, s_wang),
        (wang, KG.spokeAt, meeting, s_wang),
    ]:
        st = URIRef(statement_iri("meeting", f"{subject}|{predicate}|{obj}"))
        g.add((subject, predicate, obj))
        for p, o in [
            (RDF.type, KG.RelationStatement),
            (RDF.type, RDF.Statement),
            (RDF.subject, subject),
            (RDF.predicate, predicate),
            (RDF.object, obj),
            (PROV.wasDerivedFrom, s),
        ]:
            g.add((st, p, o))
    g.add((st, DCTERMS.date, Literal("2024-02-20")))  # the last statement: 王国良 spoke
    # A mention of the railway in the built document's sentence, as kg would write it.
    begin = TEXT.index("焦太高铁")
    mention = URIRef(f"{doc}#char={begin},{begin + 4}")
    for p, o in [
        (RDF.type, NIF.Phrase),
        (NIF.anchorOf, Literal("焦太高铁")),
        (NIF.referenceContext, doc),
        (NIF.sentence, s_wang),
        (URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), railway),
    ]:
        g.add((mention, p, o))
    refresh_union(ds)  # triples added by hand: recompute the union queries read
    return ds


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return fixture_graph(tmp_path_factory.mktemp("named"))


SOURCES = ("meeting.txt", "visit.txt")

#: name, parameters, one row the result must hold (a subset of its columns).
EXPECTED: list[tuple[str, dict[str, str], dict[str, object]]] = [
    (
        "people-posts",
        {"place": "焦作市"},
        {"person": "王国良", "post": "县委书记", "organisation": "温县", "place": "焦作市"},
    ),
    (
        "people-posts",
        {"place": "焦作市"},
        {
            "person": "李青山",
            "post": "局长",
            "organisation": "焦作市水利局",
            "sentence": "焦作市水利局局长李青山介绍了南水北调配套工程进展。",
        },
    ),
    (
        "place-organisations",
        {"place": "焦作市"},
        {"organisation": "温县人民政府", "jurisdiction": "温县"},
    ),
    (
        "place-organisations",
        {"place": "焦作市"},
        {"organisation": "焦作市人民政府", "jurisdiction": "焦作市", "sentence": None},
    ),
    (
        "place-hierarchy",
        {"place": "温县"},
        {"depth": 1, "division": "焦作市", "code": "410800", "level": "地级"},
    ),
    ("place-hierarchy", {"place": "焦作市"}, {"depth": -1, "division": "温县", "code": "410825"}),
    ("place-hierarchy", {"place": "温县"}, {"depth": 2, "division": "河南省", "level": "省级"}),
    (
        "project-places",
        {"project": "焦太高铁"},
        {"relation": "位于", "place": "温县", "code": "410825"},
    ),
    ("project-places", {}, {"project": "焦太高铁", "relation": "连接", "place": "焦作市"}),
    (
        "event-participants",
        {"event": "全市重点项目推进会"},
        {"participant": "王国良", "relation": "发言", "date": "2024-02-20"},
    ),
    (
        "event-participants",
        {},
        {"event": "全市重点项目推进会", "participant": "韩立川", "relation": "出席"},
    ),
    (
        "cooccurrence",
        {"a": "王国良", "b": "温县"},
        {"sentence": "温县县委书记王国良在会上发言，温县人民政府将加快推进焦太高铁温县段建设。"},
    ),
    ("cooccurrence", {"a": "焦太高铁"}, {"b": "王国良"}),
    (
        "entity-facts",
        {"entity": "韩立川"},
        {"subject": "韩立川", "relation": "任职", "post": "书记", "object": "中共焦作市委"},
    ),
    (
        "entity-facts",
        {"entity": "温县"},
        {"subject": "焦太高铁", "relation": "位于", "object": "温县"},
    ),
    (
        "entity-facts",
        {"entity": "温县"},
        {"subject": "温县人民政府", "relation": "辖属", "object": "温县"},
    ),
    (
        "entity-facts",
        {"entity": "焦作市"},
        {"subject": "焦作市", "relation": "位于", "object": "河南省", "sentence": None},
    ),
]


def _has_row(df: pd.DataFrame, expected: dict[str, object]) -> bool:
    """Whether a row of ``df`` has the ``expected`` values (None: no value, NaN or None)."""

    def same(value: object, want: object) -> bool:
        return bool(pd.isna(value)) if want is None else value == want

    return any(all(same(row[k], v) for k, v in expected.items()) for row in df.to_dict("records"))


@pytest.mark.parametrize(("name", "params", "row"), EXPECTED)
def test_named_query_expected_row(
    graph: Dataset, name: str, params: dict[str, str], row: dict[str, object]
) -> None:
    df = query(graph, named=name, **params)
    assert _has_row(df, row), df.to_string()
    assert not df.duplicated().any(), "union-graph results must be DISTINCT"
    if "source" in df.columns:
        assert all(pd.isna(s) or s.endswith(SOURCES) for s in df.source)


def test_every_query_has_a_test() -> None:
    assert {name for name, _, _ in EXPECTED} == set(named_queries())


def test_parameters_filter(graph: Dataset) -> None:
    posts = query(graph, named="people-posts", place="焦作市")
    assert set(posts.person) == {"韩立川", "王国良", "李青山", "周明远"}
    assert set(query(graph, named="people-posts", place="温县").person) == {"王国良"}
    assert query(graph, named="place-hierarchy", place="温县").depth.tolist() == [2, 1, 0]
    together = query(graph, named="cooccurrence", a="韩立川")
    assert {"中共焦作市委", "王国良", "温县"} <= set(together.b)
    assert set(together.source.map(lambda s: Path(s).name)) == {"meeting.txt", "visit.txt"}


def test_parameters_are_bindings_not_text(graph: Dataset) -> None:
    assert query(graph, named="entity-facts", entity='温县" } ?s ?p ?o {').empty
    assert query(graph, named="people-posts", place="不存在的地方").empty


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_query_is_documented_and_safe(name: str) -> None:
    q = named_query(name)
    assert q.title and len(q.description) > 40
    assert q.params and all(p.example and p.description for p in q.params)
    assert q.example and q.example.startswith("kg query ") and f"--named {name}" in q.example
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    projection = re.search(r"SELECT\s+DISTINCT\s+(.*?)\s+WHERE", body, re.S)
    assert projection, "union-graph queries use SELECT DISTINCT"
    for p in q.params:  # Oxigraph substitutes only projected variables
        assert f"?{p.name}" in projection.group(1).split()
    # No unbounded property path (p+ or p*): Oxigraph would compute the closure.
    assert not re.search(r"[\w>)][+*](?=[\s/|)?])", body)
    # Chinese labels are read with langMatches.
    assert "langMatches" in body


def test_errors(graph: Dataset) -> None:
    with pytest.raises(ConfigError, match=r"available: .*people-posts"):
        query(graph, named="people")
    with pytest.raises(ConfigError, match=r"needs parameter 'place'.*焦作市"):
        query(graph, named="people-posts")
    with pytest.raises(ConfigError, match="no parameter 'city'; its parameters: place"):
        query(graph, named="people-posts", place="焦作市", city="焦作市")
    with pytest.raises(QueryError, match="not both"):
        query(graph, "ASK {}", named="people-posts", place="焦作市")
    with pytest.raises(QueryError, match="no query"):
        query(graph)


def test_header_parsing() -> None:
    q = parse(
        "x",
        "# title: T\n# description: one\n#   two\n"
        "# param a (optional): the a. Example: 甲\nSELECT DISTINCT ?a WHERE {}\n",
    )
    assert (q.title, q.description) == ("T", "one two")
    assert q.params[0].required is False and q.params[0].example == "甲"
    with pytest.raises(ConfigError, match="no '# title:'"):
        parse("x", "SELECT * WHERE {}")
    with pytest.raises(ConfigError, match="bad parameter line"):
        parse("x", "# title: T\n# param a: no kind\n")


@pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")
def test_memory_store_agrees(tmp_path: Path) -> None:
    """rdflib's own engine binds parameters differently (no SEP-0007); one row per query."""
    ds = fixture_graph(tmp_path, store="memory")
    first = {name: (params, row) for name, params, row in reversed(EXPECTED)}
    for name, (params, row) in first.items():
        assert _has_row(query(ds, named=name, **params), row), name


def test_cli(graph: Dataset, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kg.store import save

    path = save(graph, tmp_path / "g.trig")
    assert main(["query", "--list"]) == 0
    listing = capsys.readouterr().out
    assert all(name in listing for name in named_queries())
    assert main(["query", str(path), "--named", "people-posts", "--param", "place=温县"]) == 0
    out = capsys.readouterr().out
    assert "王国良" in out and "县委书记" in out and "(1 row)" in out
    assert main(["query", str(path), "--named", "people-posts"]) == 1
    assert "needs parameter 'place'" in capsys.readouterr().err
    assert main(["query", str(path)]) == 1
    assert "--named" in capsys.readouterr().err


def test_default_pipeline_output(tmp_path: Path) -> None:
    """The queries read what kg's own extractors write (posts, events)."""
    from kg.builder import build

    (tmp_path / "meeting.txt").write_text(TEXT, "utf-8")
    ds = build([tmp_path / "meeting.txt"])
    posts = query(ds, named="people-posts", place="温县")
    assert "王国良" in set(posts.person), posts.to_string()
    assert set(posts.sentence) <= set(query(ds, "SELECT ?t WHERE { ?s nif:anchorOf ?t }").t)
    facts = query(ds, named="entity-facts", entity="王国良")
    assert "任职" in set(facts.relation), facts.to_string()
