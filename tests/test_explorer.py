"""The explorer page (kg.explorer): what it reads from RDF, what it shows, how it escapes.

Graphs are built by hand here, triple by triple, as ``docs/rdf-mapping.md``
describes them, so these tests do not depend on the extractors.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from kg.errors import ConfigError, StoreError
from kg.iri import BASE
from kg.store import new_dataset
from kg.vocab import DCTERMS, FOAF, ITSRDF, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

viz = importlib.import_module("kg.explorer")

DOC = URIRef(f"{BASE}doc/d1")


@dataclass(frozen=True)
class Names:
    """The strings a sample graph is made of (swapped for hostile ones in some tests)."""

    person: str = "刘建国"
    alias: str = "刘书记"
    org: str = "焦作市委"
    city: str = "焦作市"
    meeting: str = "全市经济工作会议"
    role: str = "书记"
    source: str = "news/jiaozuo.txt"


HOSTILE = Names(
    person="<script>alert(1)</script>",
    alias="\u202eevil\u202c 'x'",
    org="\"quoted\" & 'apos' \\ back\\slash",
    city="line1\nline2</script><script>alert(2)</script>",
    meeting="会议\u2028<!-- -->]]></style>",
    role="<b>书记</b>",
    source="</script><img src=x onerror=alert(3)>.txt",
)


def _idx(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def _sentence(start: int, text: str) -> tuple[URIRef, list[tuple[Node, Node, Node]]]:
    node = URIRef(f"{DOC}#char={start},{start + len(text)}")
    return node, [
        (node, RDF.type, NIF.Sentence),
        (node, NIF.beginIndex, _idx(start)),
        (node, NIF.endIndex, _idx(start + len(text))),
        (node, NIF.anchorOf, Literal(text)),
        (node, NIF.referenceContext, DOC),
    ]


def _mention(
    sentence: URIRef, start: int, text: str, entity: URIRef
) -> list[tuple[Node, Node, Node]]:
    node = URIRef(f"{DOC}#char={start},{start + len(text)}")
    return [
        (node, RDF.type, NIF.Phrase),
        (node, NIF.beginIndex, _idx(start)),
        (node, NIF.endIndex, _idx(start + len(text))),
        (node, NIF.anchorOf, Literal(text)),
        (node, NIF.referenceContext, DOC),
        (node, NIF.sentence, sentence),
        (node, ITSRDF.taIdentRef, entity),
    ]


PERSON = URIRef(f"{BASE}person/p1")
ORGAN = URIRef(f"{BASE}organization/o1")
CITY = URIRef(f"{BASE}division/410800")
PROVINCE = URIRef(f"{BASE}division/410000")
MEETING = URIRef(f"{BASE}event/e1")


def sample_triples(n: Names = Names()) -> Iterator[tuple[Node, Node, Node]]:
    """One document: a city holds a meeting; the party secretary attends it."""
    zh = lambda s: Literal(s, lang="zh")  # noqa: E731
    s0_text = f"3月5日，{n.city}召开{n.meeting}。"
    s1_text = f"市委{n.role}{n.person}出席会议并讲话。"
    s0, triples = _sentence(0, s0_text)
    yield from triples
    s1, triples = _sentence(len(s0_text), s1_text)
    yield from triples
    yield DOC, RDF.type, NIF.Context
    yield DOC, NIF.isString, Literal(s0_text + s1_text)
    yield DOC, DCTERMS.source, Literal(n.source)
    yield from _mention(s0, s0_text.index(n.city), n.city, CITY)
    yield from _mention(s1, len(s0_text) + s1_text.index(n.person), n.person, PERSON)
    for cls in (KG.Person, FOAF.Person):
        yield PERSON, RDF.type, cls
    yield PERSON, RDFS.label, zh(n.person)
    yield PERSON, SKOS.altLabel, zh(n.alias)
    for cls in (KG.Organization, ORG.Organization, KG.PartyOrgan):
        yield ORGAN, RDF.type, cls
    yield ORGAN, RDFS.label, zh(n.org)
    yield ORGAN, SKOS.altLabel, zh("市委")
    for node, label, code, level in (
        (CITY, n.city, "410800", KG.City),
        (PROVINCE, "河南省", "410000", KG.Province),
    ):
        for cls in (
            KG.AdministrativeDivision,
            SCHEMA.AdministrativeArea,
            KG.Place,
            SCHEMA.Place,
            level,
        ):
            yield node, RDF.type, cls
        yield node, RDFS.label, zh(label)
        yield node, KG.adminCode, Literal(code)
    yield CITY, SCHEMA.containedInPlace, PROVINCE
    for cls in (KG.Event, SCHEMA.Event, KG.Meeting):
        yield MEETING, RDF.type, cls
    yield MEETING, RDFS.label, zh(n.meeting)
    role = URIRef(f"{BASE}role/r1")
    membership = URIRef(f"{BASE}membership/m1")
    yield role, RDF.type, ORG.Role
    yield role, RDFS.label, zh(n.role)
    yield membership, RDF.type, ORG.Membership
    yield membership, ORG.member, PERSON
    yield membership, ORG.organization, ORGAN
    yield membership, ORG.role, role
    yield membership, PROV.wasDerivedFrom, s1
    statement = URIRef(f"{BASE}statement/s1")
    yield PERSON, KG.attended, MEETING
    yield statement, RDF.type, KG.RelationStatement
    yield statement, RDF.subject, PERSON
    yield statement, RDF.predicate, KG.attended
    yield statement, RDF.object, MEETING
    yield statement, PROV.wasDerivedFrom, s1
    yield ORGAN, KG.jurisdiction, CITY


def sample_dataset(names: Names = Names(), store: str = "oxigraph") -> Dataset:
    ds = new_dataset(store)
    g = ds.graph(DOC)
    ds.addN((s, p, o, g) for s, p, o in sample_triples(names))
    return ds


def payload(page: Any) -> dict[str, Any]:
    """The JSON data embedded in a page."""
    match = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page.html(), re.S
    )
    assert match, "no data block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def parse_scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    """The script elements of a page and their text, split the way browsers split them."""
    from html.parser import HTMLParser

    found: list[tuple[dict[str, str | None], str]] = []
    inside = False

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            nonlocal inside
            if tag == "script":
                found.append((dict(attrs), ""))
                inside = True

        def handle_endtag(self, tag: str) -> None:
            nonlocal inside
            inside = inside and tag != "script"

        def handle_data(self, data: str) -> None:
            if inside:
                found[-1] = (found[-1][0], found[-1][1] + data)

    Parser().feed(html)
    return found


def labels(page: Any) -> set[str]:
    return {n["l"] for n in payload(page)["nodes"]}


# ----------------------------------------------------------------------------- content


def test_nodes_types_and_edges() -> None:
    page = viz.view(sample_dataset())
    data = payload(page)
    assert labels(page) == {"刘建国", "焦作市委", "焦作市", "河南省", "全市经济工作会议"}
    types = [t["key"] for t in data["types"]]
    by_label = {n["l"]: n for n in data["nodes"]}
    assert types[by_label["刘建国"]["t"]] == "Person"
    assert types[by_label["焦作市委"]["t"]] == "Organization"
    assert types[by_label["焦作市"]["t"]] == "AdministrativeDivision"
    assert types[by_label["全市经济工作会议"]["t"]] == "Event"
    assert by_label["焦作市"]["c"] == "410800" and by_label["焦作市"]["st"] == ["市"]
    assert by_label["焦作市委"]["a"] == ["市委"] and by_label["焦作市委"]["st"] == ["党的机关"]
    assert page.node_count == 5 and page.edge_count == 4
    names = [n["l"] for n in data["nodes"]]
    kinds = data["kinds"]
    edges = {
        (names[e["f"]], names[e["to"]], kinds[e["k"]]["label"], e.get("r")) for e in data["edges"]
    }
    assert edges == {
        ("刘建国", "焦作市委", "任职", "书记"),
        ("刘建国", "全市经济工作会议", "出席", None),
        ("焦作市", "河南省", "位于", None),
        ("焦作市委", "焦作市", "辖属", None),
    }


def test_evidence_sentences_and_mention_offsets() -> None:
    data = payload(viz.view(sample_dataset()))
    person = next(n for n in data["nodes"] if n["l"] == "刘建国")
    ((sentence, start, end),) = person["ev"]
    text, doc = data["sents"][sentence]
    assert text == "市委书记刘建国出席会议并讲话。"
    assert text[start:end] == "刘建国"
    assert data["docs"][doc] == "news/jiaozuo.txt"
    membership = next(e for e in data["edges"] if e.get("r") == "书记")
    assert [data["sents"][s][0] for s in membership["ev"]] == [text]


def test_offsets_count_utf16_units_for_astral_characters() -> None:
    # 𠮷 is outside the BMP: one code point in Python, two units in JavaScript.
    data = payload(viz.view(sample_dataset(Names(person="𠮷建国", city="𠮷市"))))
    person = next(n for n in data["nodes"] if n["l"] == "𠮷建国")
    ((sentence, start, end),) = person["ev"]
    js = data["sents"][sentence][0].encode("utf-16-le")
    assert js[2 * start : 2 * end].decode("utf-16-le") == "𠮷建国"


def test_memory_store_gives_the_same_page_data() -> None:
    ox = payload(viz.view(sample_dataset()))
    mem = payload(viz.view(sample_dataset(store="memory")))
    assert ox["nodes"] == mem["nodes"] and ox["edges"] == mem["edges"]


@pytest.mark.parametrize("enabled", [True, False])
def test_view_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """view pauses Python's cyclic collector while it builds a page, errors included."""
    import gc

    was = gc.isenabled()
    gc.enable() if enabled else gc.disable()
    try:
        viz.view(sample_dataset())
        assert gc.isenabled() is enabled
        with pytest.raises(ConfigError):
            viz.view(sample_dataset(), focus="没有这个人")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_kept_union_is_not_counted_twice() -> None:
    """kg's stores keep the union of the document graphs as their default graph."""
    from kg.store import refresh_union

    ds = sample_dataset()
    second = ds.graph(URIRef(f"{BASE}doc/other"))
    ds.addN((PERSON, p, o, second) for p, o in [(RDFS.label, Literal("刘建国", lang="zh"))])
    refresh_union(ds)
    data = payload(viz.view(ds))
    person = next(n for n in data["nodes"] if n["l"] == "刘建国")
    assert person["m"] == 1 and len(person["ev"]) == 1
    assert payload(viz.view(ds)) == data


def test_kinds_cover_every_predicate_kg_writes() -> None:
    from kg.model import RELATION_KINDS
    from kg.rdf import PREDICATES

    for kind, predicate in PREDICATES.items():
        assert viz._KIND_OF_PREDICATE[str(predicate)] == kind
    assert set(viz._KIND_OF_PREDICATE.values()) | {"holds_post"} <= set(RELATION_KINDS)


def test_empty_graph() -> None:
    page = viz.view(new_dataset())
    assert page.node_count == 0 and "kg-data" in page.html()


# ----------------------------------------------------------------------------- choosing


@pytest.mark.parametrize(
    ("focus", "hops", "expected"),
    [
        ("刘建国", 0, {"刘建国"}),
        ("刘建国", 1, {"刘建国", "焦作市委", "全市经济工作会议"}),
        ("刘建国", 2, {"刘建国", "焦作市委", "全市经济工作会议", "焦作市"}),
        ("刘书记", 1, {"刘建国", "焦作市委", "全市经济工作会议"}),  # an alias
        (" 焦作市 ", 1, {"焦作市", "焦作市委", "河南省"}),  # normalised like IRI keys
        (str(CITY), 1, {"焦作市", "焦作市委", "河南省"}),  # an IRI
    ],
)
def test_focus_neighbourhood(focus: str, hops: int, expected: set[str]) -> None:
    page = viz.view(sample_dataset(), focus=focus, hops=hops)
    assert labels(page) == expected
    assert focus.strip() in payload(page)["title"] or focus.startswith("http")


def test_unknown_focus_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no entity named '王五'"):
        viz.view(sample_dataset(), focus="王五")


def test_types_filter() -> None:
    page = viz.view(sample_dataset(), types=["Person", "Organization"])
    assert labels(page) == {"刘建国", "焦作市委"}
    assert labels(viz.view(sample_dataset(), types=["Place"])) == {"焦作市", "河南省"}
    assert labels(viz.view(sample_dataset(), types=["county", "City"])) == {"焦作市"}
    assert labels(viz.view(sample_dataset(), types=["事件"])) == {"全市经济工作会议"}


def test_types_with_focus_keep_the_focus() -> None:
    page = viz.view(sample_dataset(), focus="刘建国", hops=2, types=["Organization"])
    assert labels(page) == {"刘建国", "焦作市委"}


def test_unknown_type_lists_the_choices() -> None:
    with pytest.raises(ConfigError, match=r"unknown entity type 'Robot'.*Person"):
        viz.view(sample_dataset(), types=["Robot"])


def test_bad_options() -> None:
    with pytest.raises(ConfigError, match="hops"):
        viz.view(sample_dataset(), focus="刘建国", hops=-1)
    with pytest.raises(ConfigError, match="max_nodes"):
        viz.view(sample_dataset(), max_nodes=0)


def test_query_select_chooses_entities() -> None:
    query = "SELECT ?p WHERE { ?p a foaf:Person } "
    assert labels(viz.view(sample_dataset(), query=query)) == {"刘建国"}


def test_query_construct_adds_its_own_edges() -> None:
    query = """
        CONSTRUCT { ?p <urn:example:colleague> ?c }
        WHERE { ?p a foaf:Person . ?c a schema:AdministrativeArea ; kg:adminCode "410800" }
    """
    page = viz.view(sample_dataset(), query=query)
    data = payload(page)
    assert labels(page) == {"刘建国", "焦作市"}
    (edge,) = data["edges"]
    assert data["kinds"][edge["k"]]["label"] == "colleague"


def test_query_ask_is_refused() -> None:
    with pytest.raises(ConfigError, match="SELECT or CONSTRUCT"):
        viz.view(sample_dataset(), query="ASK { ?s ?p ?o }")


def test_bad_query_is_a_query_error() -> None:
    from kg.errors import QueryError

    with pytest.raises(QueryError):
        viz.view(sample_dataset(), query="SELECT WHERE {")


def star_dataset(leaves: int) -> Dataset:
    """A hub organisation with ``leaves`` members, plus one isolated event."""
    ds = new_dataset()
    g = ds.graph(DOC)
    triples: list[tuple[Node, Node, Node]] = [
        (ORGAN, RDF.type, ORG.Organization),
        (ORGAN, RDFS.label, Literal("中心", lang="zh")),
        (MEETING, RDF.type, SCHEMA.Event),
        (MEETING, RDFS.label, Literal("孤立会议", lang="zh")),
    ]
    for i in range(leaves):
        person = URIRef(f"{BASE}person/{i}")
        m = URIRef(f"{BASE}membership/{i}")
        triples += [
            (person, RDF.type, FOAF.Person),
            (person, RDFS.label, Literal(f"成员{i:03d}", lang="zh")),
            (m, RDF.type, ORG.Membership),
            (m, ORG.member, person),
            (m, ORG.organization, ORGAN),
        ]
    ds.addN((s, p, o, g) for s, p, o in triples)
    return ds


def test_cap_folds_the_rest_into_summary_nodes() -> None:
    page = viz.view(star_dataset(40), max_nodes=20)
    data = payload(page)
    assert page.node_count <= 20
    assert page.notice and "42" in page.notice and data["notice"] == page.notice
    types = [t["key"] for t in data["types"]]
    (summary,) = [n for n in data["nodes"] if types[n["t"]] == "Aggregate"]
    at = data["nodes"].index(summary)
    real = [n for n in data["nodes"] if types[n["t"]] != "Aggregate" and "g" not in n]
    folded = [n for n in data["nodes"] if "g" in n]
    assert len(real) + 1 == page.node_count
    assert summary["n"] + len(real) - 1 == 40  # every member is shown or folded
    assert summary["l"] == f"另 {summary['n']} 个人物"
    assert summary["by"] == [[types.index("Person"), summary["n"]]]
    # The members travel with the page, with their own data, to be expanded there.
    assert len(folded) == summary["n"] and all(n["g"] == at for n in folded)
    # The isolated event has no shown neighbour to fold into: it is left out (the notice says so).
    names = {n["l"] for n in folded} | {n["l"] for n in real}
    assert names == {f"成员{i:03d}" for i in range(40)} | {"中心"}
    assert all("x" not in n and n["iri"].startswith(BASE) for n in folded)
    hub = next(k for k, n in enumerate(data["nodes"]) if n["l"] == "中心")
    ids = {data["nodes"].index(n) for n in folded}
    member_edges = [e for e in data["edges"] if e["f"] in ids or e["to"] in ids]
    assert len(member_edges) == len(folded)
    assert all(
        e["to"] == hub and data["kinds"][e["k"]]["key"] == "holds_post" for e in member_edges
    )


def test_summary_members_carry_their_evidence() -> None:
    """A folded entity keeps its label, aliases, code and sentences for the panel."""
    page = viz.view(sample_dataset(), max_nodes=2)
    data = payload(page)
    folded = {n["l"]: n for n in data["nodes"] if "g" in n}
    assert folded, "the sample graph capped at 2 folds something"
    for node in folded.values():
        for ev in node.get("ev", []):
            text = data["sents"][ev[0]][0]
            assert text[ev[1] : ev[2]] in {node["l"], *node.get("a", [])}
    if "刘建国" in folded:
        assert "刘书记" in folded["刘建国"]["a"]


def test_members_beyond_the_page_limit_are_counted_not_carried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(viz, "_MEMBERS_PER_AGGREGATE", 5)
    page = viz.view(star_dataset(40), max_nodes=20)
    data = payload(page)
    (summary,) = [n for n in data["nodes"] if "n" in n]
    assert summary["n"] > 5 and sum("g" in n for n in data["nodes"]) == 5
    assert page.notice and "最多展开 5 个" in page.notice


def test_edges_are_capped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """Few nodes with many edges would draw slowly as well: the page folds until they fit."""
    monkeypatch.setattr(viz, "MAX_EDGES", 20)
    page = viz.view(star_dataset(40), max_nodes=100)  # 42 entities, 40 edges: under the node cap
    data = payload(page)
    shown = {k for k, n in enumerate(data["nodes"]) if "g" not in n}
    drawn = [e for e in data["edges"] if e["f"] in shown and e["to"] in shown]
    # A tenth of the node cap (10) is reserved for summary nodes and their edges.
    assert page.edge_count == len(drawn) == 11  # 10 to kept members, 1 to the summary
    (summary,) = [n for n in data["nodes"] if "n" in n]
    # Shown: the hub, the isolated event, 10 members and the summary of the other 30.
    assert page.node_count == 13 and summary["n"] == 30
    assert page.notice and "并入 1 个「汇总」节点" in page.notice


def test_no_notice_below_the_cap() -> None:
    page = viz.view(star_dataset(10))
    assert page.notice is None and page.node_count == 12


# ----------------------------------------------------------------------------- escaping


def test_json_is_safe_inside_script() -> None:
    hostile = ["</script><script>alert(1)</script>", "<!--", "a&b", "\u2028\u2029", '"\\']
    text = viz.to_json(hostile)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == hostile


def test_hostile_labels_stay_data() -> None:
    page = viz.view(sample_dataset(HOSTILE), focus=HOSTILE.person)
    html = page.html()
    # Exactly our three script elements, as a browser's parser sees them; no label made one.
    scripts = parse_scripts(html)
    assert [attrs.get("type") for attrs, _ in scripts] == ["application/json", None, None]
    assert json.loads(scripts[0][1])["title"].endswith(HOSTILE.person)
    block = html.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert not re.search("[<>&\u2028\u2029]", block)
    assert "<title>知识图谱 · &lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    data = payload(page)
    assert {n["l"] for n in data["nodes"]} >= {HOSTILE.person, HOSTILE.org, HOSTILE.meeting}
    assert HOSTILE.source in data["docs"]
    assert any(e.get("r") == HOSTILE.role for e in data["edges"])


def test_page_is_self_contained() -> None:
    html = viz.view(sample_dataset()).html()
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert not re.search(r"<(link|img|iframe)\b", html, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I)
    assert "@import" not in html
    assert "vis.Network" in html and "kgExplorer" in html
    assert '"Noto Sans CJK SC"' in html and "WenQuanYi Micro Hei" in html


def test_every_script_carries_the_nonce() -> None:
    html = viz.view(sample_dataset()).html()
    (nonce,) = re.findall(r"script-src 'nonce-([^']+)'", html)
    code = [attrs for attrs, _ in parse_scripts(html) if attrs.get("type") != "application/json"]
    assert code and all(attrs.get("nonce") == nonce for attrs in code)
    assert "sourceMappingURL" not in html


# ----------------------------------------------------------------------------- output


def test_write_is_atomic(tmp_path: Path) -> None:
    page = viz.view(sample_dataset())
    target = page.write(tmp_path / "out" / "graph.html")
    assert target.read_text("utf-8") == page.html()
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_write_failure_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "graph.html").mkdir()
    with pytest.raises(StoreError, match="cannot write"):
        viz.view(sample_dataset()).write(tmp_path / "graph.html")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_repr_html_is_an_inline_sandboxed_iframe() -> None:
    page = viz.view(sample_dataset(HOSTILE))
    frame = page._repr_html_()
    assert frame.startswith("<iframe") and 'sandbox="allow-scripts"' in frame
    srcdoc = frame.split('srcdoc="', 1)[1].rsplit('"', 1)[0]
    assert "<" not in srcdoc and '"' not in srcdoc
    import html as htmllib

    assert htmllib.unescape(srcdoc) == page.html()


def test_kg_viz_is_the_function_after_importing_the_module() -> None:
    import kg

    importlib.import_module("kg.explorer")
    assert kg.viz(sample_dataset()).node_count == 5
    assert kg.explorer.view(sample_dataset()).node_count == 5


# ----------------------------------------------------------------------------- layout


def test_layout_separates_a_big_star_and_its_components() -> None:
    pairs = [(0, i) for i in range(1, 600)] + [(600, 601), (602, 603), (603, 604)]
    pos = viz.layout(606, pairs)
    assert pos.shape == (606, 2) and np.isfinite(pos).all()
    star = pos[:600]
    gaps = np.linalg.norm(star[:, None] - star[None, :], axis=-1) + np.eye(600) * 1e9
    assert gaps.min() > 0.1  # leaves of one hub do not pile up
    lo, hi = star.min(axis=0), star.max(axis=0)
    outside = (pos[600:] < lo) | (pos[600:] > hi)
    assert outside.any(axis=1).all()  # other components sit outside the star's box


def test_layout_is_deterministic() -> None:
    pairs = [(i, (i * 7 + 3) % 500) for i in range(500)]
    assert np.array_equal(viz.layout(500, pairs), viz.layout(500, pairs))


@pytest.mark.parametrize("n", [1, 2, 5, 30, 450])
def test_layout_sizes(n: int) -> None:
    pos = viz.layout(n, [(i, i + 1) for i in range(n - 1)])
    assert pos.shape == (n, 2) and np.isfinite(pos).all()
    if n > 1:
        steps = np.linalg.norm(np.diff(pos, axis=0), axis=1)
        assert 0.2 < np.median(steps) < 10


# ----------------------------------------------------------------------------- a built graph


def test_renders_a_graph_built_by_kg(sample_graph: Dataset) -> None:
    page = viz.view(sample_graph)
    data = payload(page)
    assert page.node_count >= 3
    assert "刘建国" in labels(page)
    assert data["sents"] and all(s[1] is not None for s in data["sents"])
    person = next(n for n in data["nodes"] if n["l"] == "刘建国")
    text = data["sents"][person["ev"][0][0]][0]
    assert text[person["ev"][0][1] : person["ev"][0][2]] == "刘建国"


def test_browser_tests_fail_under_ci_and_skip_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests import browser

    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="cannot run under CI"):
        browser.require()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        browser.require()
