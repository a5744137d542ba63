"""kg.analytics on the named-query test graph (built text + hand-made posts, event, project)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset

from kg.analytics import (
    TYPES,
    centrality,
    communities,
    ego,
    find,
    shortest_path,
    to_gexf,
    to_graphml,
    to_networkx,
)
from kg.errors import ConfigError, StoreError
from tests.test_named_queries import fixture_graph

WANG_SPOKE = "温县县委书记王国良在会上发言，温县人民政府将加快推进焦太高铁温县段建设。"


@pytest.fixture(scope="module")
def rdf(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return fixture_graph(tmp_path_factory.mktemp("analytics"))


@pytest.fixture(scope="module")
def g(rdf: Dataset) -> nx.MultiDiGraph:
    return to_networkx(rdf)


def _edges(g: nx.MultiDiGraph, a: str, b: str) -> dict[str, dict[str, object]]:
    return dict(g[find(g, a)][find(g, b)])


def test_nodes_are_entities_with_label_and_type(g: nx.MultiDiGraph) -> None:
    by_label = {d["label"]: d for _, d in g.nodes(data=True)}
    assert by_label["韩立川"]["type"] == "Person"
    assert by_label["焦作市水利局"]["type"] == "Organization"
    assert by_label["温县"]["type"] == "AdministrativeDivision"
    assert by_label["温县"]["code"] == "410825"
    assert by_label["全市重点项目推进会"]["type"] == "Event"
    assert by_label["焦太高铁"]["type"] == "Project"
    assert {d["type"] for _, d in g.nodes(data=True)} <= set(TYPES)
    # Sentences, mentions, roles and documents are not entities.
    assert all("#char=" not in n and "/role/" not in n for n in g.nodes)


def test_edges_carry_kind_and_evidence(g: nx.MultiDiGraph) -> None:
    post = _edges(g, "王国良", "温县")["holds_post"]
    assert post["role"] == "县委书记" and post["label"] == "任职"
    assert post["evidence"] == [WANG_SPOKE]
    assert str(post["sources"][0]).endswith("meeting.txt")  # type: ignore[index]
    spoke = _edges(g, "王国良", "全市重点项目推进会")["spoke_at"]
    assert spoke["predicate"] == "https://w3id.org/kgzh/ontology#spokeAt"
    # The division chain comes from the code table: an edge without evidence.
    assert _edges(g, "焦作市", "河南省")["located_in"]["evidence"] == []
    # Two documents name 温县 and 焦作市: still one edge per relation.
    assert list(_edges(g, "温县", "焦作市")) == ["located_in"]


def test_conversion_is_deterministic(rdf: Dataset, g: nx.MultiDiGraph) -> None:
    again = to_networkx(rdf)
    assert list(again.nodes(data=True)) == list(g.nodes(data=True))
    assert list(again.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))


def test_centrality(g: nx.MultiDiGraph) -> None:
    degree = centrality(g)
    assert list(degree.columns) == ["rank", "label", "type", "score", "degree", "iri"]
    assert degree["rank"].tolist() == list(range(1, len(degree) + 1))
    assert degree.score.is_monotonic_decreasing
    people = centrality(g, "betweenness", type="Person")
    assert set(people.type) == {"Person"} and people.label.iloc[0] in {"王国良", "韩立川"}
    assert people["rank"].iloc[0] == 1
    hub = centrality(g, "betweenness", type="AdministrativeDivision")
    assert hub.label.iloc[0] == "焦作市"
    with pytest.raises(ConfigError, match="unknown centrality 'pagerank'"):
        centrality(g, "pagerank")
    with pytest.raises(ConfigError, match="use one of Person"):
        centrality(g, type="People")


def test_communities(g: nx.MultiDiGraph) -> None:
    first = communities(g)
    assert list(first.columns) == ["community", "size", "label", "type", "iri"]
    assert first.equals(communities(g))  # seeded
    sizes = first.groupby("community")["size"].first().tolist()
    assert sizes == sorted(sizes, reverse=True) and min(sizes) >= 2
    assert set(first.label) >= {"王国良", "温县", "焦作市"}
    assert len(communities(g, min_size=1)) == g.number_of_nodes()


def test_shortest_path_with_evidence(g: nx.MultiDiGraph) -> None:
    hops = shortest_path(g, "韩立川", "王国良")
    assert hops["from"].tolist() == ["韩立川", "全市重点项目推进会"]
    assert hops["to"].tolist() == ["全市重点项目推进会", "王国良"]
    assert hops.relation.tolist()[1] == "发言"
    assert hops.fact.tolist()[1] == "王国良 发言 全市重点项目推进会"  # stated subject first
    assert hops.sentence.tolist() == [
        "市委书记韩立川出席会议并讲话。",
        WANG_SPOKE,
    ]
    assert all(s.endswith("meeting.txt") for s in hops.source)


def test_shortest_path_follows_posts_and_places(g: nx.MultiDiGraph) -> None:
    hops = shortest_path(g, "李青山", "焦太高铁")
    assert hops.fact.tolist() == [
        "李青山 任职（局长） 焦作市水利局",
        "焦作市水利局 辖属 焦作市",
        "焦太高铁 连接 焦作市",
    ]
    assert hops.sentence.notna().all()


def test_shortest_path_edge_cases(g: nx.MultiDiGraph, rdf: Dataset) -> None:
    assert shortest_path(g, "温县", "温县").empty
    isolated = nx.MultiDiGraph(g)
    isolated.add_node("urn:x", label="孤岛", type="Place")
    assert shortest_path(isolated, "孤岛", "温县").empty
    with pytest.raises(ConfigError, match=r"no entity named '温'.*did you mean 温县"):
        shortest_path(g, "温", "温县")
    # An RDF graph works too (converted on the way).
    assert shortest_path(rdf, "温县", "焦作市").fact.tolist() == ["温县 位于 焦作市"]


def test_ego(g: nx.MultiDiGraph) -> None:
    one = {d["label"] for _, d in ego(g, "王国良").nodes(data=True)}
    assert one == {"王国良", "温县", "全市重点项目推进会"}
    two = {d["label"] for _, d in ego(g, "王国良", 2).nodes(data=True)}
    assert one < two and {"焦作市", "韩立川"} <= two
    assert ego(g, "王国良", 0).number_of_nodes() == 1
    with pytest.raises(ConfigError, match="radius"):
        ego(g, "王国良", -1)


@pytest.mark.parametrize(
    ("write", "read"), [(to_graphml, nx.read_graphml), (to_gexf, nx.read_gexf)]
)
def test_export(g: nx.MultiDiGraph, tmp_path: Path, write, read) -> None:  # type: ignore[no-untyped-def]
    target = write(g, tmp_path / "out" / "graph.xml")
    back = read(target)
    wenxian = find(g, "温县")
    assert back.nodes[wenxian]["label"] == "温县"
    assert back.nodes[wenxian]["type"] == "AdministrativeDivision"
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    evidence = [d.get("evidence", "") for _, _, d in back.edges(data=True)]
    assert any("王国良在会上发言" in e for e in evidence)
    assert [p.name for p in target.parent.iterdir()] == ["graph.xml"]  # no temporary left


def test_export_failure_leaves_nothing(g: nx.MultiDiGraph, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    with pytest.raises(StoreError):
        to_graphml(g, blocker / "graph.graphml")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]
