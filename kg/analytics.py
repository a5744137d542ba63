"""Network analysis of a kg graph with networkx: centrality, communities, paths with evidence.

:func:`to_networkx` turns the RDF graph into a :class:`networkx.MultiDiGraph`
whose nodes are the entities (IRI strings, with ``label`` and ``type``) and
whose edges are the relations between them, each with its ``kind`` and the
``evidence`` sentences it was read from. The other functions take that graph
first (or an RDF graph, or a file, converted on the way) and return
DataFrames, so they read well in a notebook::

    >>> import pathlib, tempfile, kg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "news.txt"
    >>> _ = path.write_text("温县县委书记王国良到武陟县调研，焦作市水利局局长李青山陪同。", "utf-8")
    >>> g = to_networkx(kg.build([path]))
    >>> shortest_path(g, "温县", "武陟县")[["from", "relation", "to"]].values.tolist()
    [['温县', '位于', '焦作市'], ['焦作市', '位于', '武陟县']]
    >>> centrality(g, type="AdministrativeDivision").label.iloc[0]
    '焦作市'

Analyses that ignore direction (centrality, communities, paths, ego
networks) run on the undirected simple graph of the same entities: two
entities are neighbours when any relation links them, either way.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.term import Node

from kg.atomic import atomic_path
from kg.errors import ConfigError
from kg.iri import ONTOLOGY, normalise_key
from kg.model import RELATION_KINDS
from kg.vocab import ORG

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = [
    "TYPES",
    "centrality",
    "communities",
    "ego",
    "find",
    "shortest_path",
    "to_gexf",
    "to_graphml",
    "to_networkx",
]

#: Entity types, most specific first (a division is also a schema:Place).
TYPES = ("Person", "Organization", "AdministrativeDivision", "Place", "Event", "Project")

_FOAF = "http://xmlns.com/foaf/0.1/"
_ORG = "http://www.w3.org/ns/org#"
_SCHEMA = "https://schema.org/"
_TYPE_OF_CLASS = {
    _FOAF + "Person": "Person",
    ONTOLOGY + "Person": "Person",
    _ORG + "Organization": "Organization",
    ONTOLOGY + "Organization": "Organization",
    _SCHEMA + "AdministrativeArea": "AdministrativeDivision",
    ONTOLOGY + "AdministrativeDivision": "AdministrativeDivision",
    _SCHEMA + "Place": "Place",
    ONTOLOGY + "Place": "Place",
    _SCHEMA + "Event": "Event",
    ONTOLOGY + "Event": "Event",
    ONTOLOGY + "Project": "Project",
}
#: The edge predicate standing for a post (an org:Membership node in the RDF).
_HOLDS_POST = ORG.memberOf

# Each query reads single facts or one document graph at a time (GRAPH ?doc):
# Oxigraph 0.5 repeats a triple of the union graph once per named graph holding it.
_Q_TYPES = """
SELECT DISTINCT ?e ?t WHERE { VALUES ?t { %s } ?e a ?t }
"""
_Q_LABELS = """
SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l . FILTER(langMatches(lang(?l), "zh")) }
"""
_Q_ALIASES = "SELECT DISTINCT ?e ?a WHERE { ?e skos:altLabel ?a }"
_Q_CODES = "SELECT DISTINCT ?e ?c WHERE { ?e kg:adminCode ?c }"
_Q_RELATIONS = """
CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?p { %s } ?s ?p ?o }
"""
_Q_POSTS = """
CONSTRUCT { ?person org:memberOf ?org } WHERE {
  GRAPH ?doc { ?m a org:Membership ; org:member ?person ; org:organization ?org }
}
"""
_Q_EVIDENCE = """
SELECT DISTINCT ?s ?p ?o ?sentence ?source WHERE {
  GRAPH ?doc {
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?x .
    ?x nif:anchorOf ?sentence .
    OPTIONAL { ?doc dcterms:source ?source }
  }
}
"""
_Q_POST_EVIDENCE = """
SELECT DISTINCT ?s ?o ?role ?sentence ?source WHERE {
  GRAPH ?doc {
    ?m a org:Membership ; org:member ?s ; org:organization ?o .
    OPTIONAL { ?m org:role ?r . ?r rdfs:label ?role }
    OPTIONAL {
      ?m prov:wasDerivedFrom ?x .
      ?x nif:anchorOf ?sentence .
      OPTIONAL { ?doc dcterms:source ?source }
    }
  }
}
"""
_PATH_COLUMNS = [
    "step",
    "from",
    "to",
    "relation",
    "fact",
    "sentence",
    "source",
    "from_iri",
    "to_iri",
]


@functools.cache
def _kinds() -> dict[str, str]:
    """Predicate IRI → relation kind, from the RDF mapping (``kg.rdf.PREDICATES``)."""
    from kg.rdf import PREDICATES

    kinds = {str(p): kind for kind, p in PREDICATES.items()}
    kinds[str(_HOLDS_POST)] = "holds_post"
    return kinds


def to_networkx(graph: Graph | str | os.PathLike[str]) -> nx.MultiDiGraph:
    """The entities of ``graph`` as nodes and their relations as edges.

    Nodes are entity IRIs (strings) with ``label`` (the ``@zh`` name),
    ``type`` (one of :data:`TYPES`), ``aliases`` and, for divisions,
    ``code``. Edges go from subject to object, keyed by relation ``kind``
    (``located_in``, ``holds_post`` …), with ``label`` (the Chinese word,
    e.g. 位于), ``predicate``, ``evidence`` (the sentences, sorted),
    ``sources`` (the document of each sentence, in the same order) and, for
    posts, ``role`` (the titles, joined with 、).

    The edges come from rdflib's own converter
    (:func:`rdflib.extras.external_graph_libs.rdflib_to_networkx_multidigraph`)
    applied to the relation triples alone; a post, which RDF states as an
    ``org:Membership`` node, enters it as ``person org:memberOf org``.
    Entities come first and sorted, so analyses see the same node order on
    every run.

        >>> import pathlib, tempfile, kg
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("温县位于焦作市。", "utf-8")
        >>> g = to_networkx(kg.build([path]))
        >>> wen = "https://w3id.org/kgzh/id/division/410825"
        >>> g.nodes[wen]["label"], g.nodes[wen]["type"], g.nodes[wen]["code"]
        ('温县', 'AdministrativeDivision', '410825')
        >>> [(g.nodes[b]["label"], k) for _, b, k in g.out_edges(wen, keys=True)]
        [('焦作市', 'located_in')]
    """
    import networkx as nx
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    from kg.sparql import run
    from kg.store import open_graph

    rdf = open_graph(graph)

    def rows(sparql: str) -> list[tuple[str | None, ...]]:
        result = run(rdf, sparql)
        return [tuple(None if t is None else str(t) for t in row) for row in result]  # type: ignore[union-attr]

    types: dict[str, str] = {}
    rank = {t: i for i, t in enumerate(TYPES)}
    classes = " ".join(f"<{c}>" for c in _TYPE_OF_CLASS)
    for e, t in rows(_Q_TYPES % classes):
        key = _TYPE_OF_CLASS[t or ""]
        if e is not None and (e not in types or rank[key] < rank[types[e]]):
            types[e] = key
    labels: dict[str, str] = {}
    for e, label in sorted(rows(_Q_LABELS), key=lambda r: (r[0] or "", r[1] or "")):
        if e in types and label and e not in labels:
            labels[e] = label
    aliases: dict[str, list[str]] = defaultdict(list)
    for e, a in sorted(rows(_Q_ALIASES), key=lambda r: (r[0] or "", r[1] or "")):
        if e in types and a and a != labels.get(e):
            aliases[e].append(a)
    codes = {e: c for e, c in rows(_Q_CODES) if e in types and c}

    evidence: dict[tuple[str, str, str], set[tuple[str, str | None]]] = defaultdict(set)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    kinds = _kinds()
    for s, p, o, sentence, source in rows(_Q_EVIDENCE):
        if s and p and o and sentence and p in kinds:
            evidence[(s, p, o)].add((sentence, source))
    for s, o, role, sentence, source in rows(_Q_POST_EVIDENCE):
        if s and o:
            if role:
                roles[(s, o)].add(role)
            if sentence:
                evidence[(s, str(_HOLDS_POST), o)].add((sentence, source))

    relations = Graph()
    predicates = " ".join(f"<{p}>" for p in kinds if p != str(_HOLDS_POST))
    for sparql in (_Q_RELATIONS % predicates, _Q_POSTS):
        constructed: Graph = run(rdf, sparql).graph  # type: ignore[assignment]
        for triple in constructed:
            if str(triple[0]) in types and str(triple[2]) in types and triple[0] != triple[2]:
                relations.add(triple)

    def edge(s: Node, p: Node, o: Node) -> dict[str, Any]:
        kind = kinds[str(p)]
        found = sorted(evidence.get((str(s), str(p), str(o)), ()), key=lambda e: (e[0], e[1] or ""))
        data: dict[str, Any] = {
            "key": kind,
            "kind": kind,
            "label": RELATION_KINDS.get(kind, kind),
            "predicate": str(p),
            "evidence": [sentence for sentence, _ in found],
            "sources": [source or "" for _, source in found],
        }
        if kind == "holds_post":
            data["role"] = "、".join(sorted(roles.get((str(s), str(o)), ())))
        return data

    g: nx.MultiDiGraph = nx.MultiDiGraph()
    for e in sorted(types):
        g.add_node(e, label=labels.get(e, _local(e)), type=types[e], aliases=aliases.get(e, []))
        if e in codes:
            g.nodes[e]["code"] = codes[e]
    converted = rdflib_to_networkx_multidigraph(
        _sorted_graph(relations), edge_attrs=edge, transform_s=str, transform_o=str
    )
    g.add_edges_from(sorted(converted.edges(keys=True, data=True), key=lambda e: e[:3]))
    return g


def _sorted_graph(triples: Graph) -> Graph:
    """``triples`` added in sorted order, so the converter meets them in one order."""
    out = Graph()
    for t in sorted(triples, key=lambda t: tuple(str(x) for x in t)):
        out.add(t)
    return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] or iri


def _nx(graph: Any) -> nx.MultiDiGraph:
    import networkx as nx

    return graph if isinstance(graph, nx.Graph) else to_networkx(graph)


def _simple(g: nx.Graph) -> nx.Graph:
    """The undirected simple graph of ``g``'s nodes, in sorted order (deterministic analyses)."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((min(a, b), max(a, b)) for a, b in g.edges() if a != b))
    return simple


def _check_type(type: str | None) -> None:
    if type is not None and type not in TYPES:
        raise ConfigError(f"unknown entity type {type!r}; use one of {', '.join(TYPES)}")


def centrality(
    g: nx.Graph | Graph | str | os.PathLike[str],
    kind: str = "degree",
    type: str | None = None,
) -> pd.DataFrame:
    """Entities ranked by ``degree`` or ``betweenness`` centrality, most central first.

    Scores are computed on the whole graph, then ``type`` (one of
    :data:`TYPES`) keeps the ranking of one type: who are the central
    people, the central organisations. Columns: ``rank``, ``label``,
    ``type``, ``score``, ``degree`` (distinct neighbours), ``iri``. Ties keep
    label order.

        >>> import pathlib, tempfile, kg
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("温县、武陟县、修武县都位于焦作市。", "utf-8")
        >>> top = centrality(to_networkx(kg.build([path])), "betweenness")
        >>> print(top.label[0], top.degree[0])
        焦作市 4
    """
    import networkx as nx
    import pandas as pd

    _check_type(type)
    graph = _nx(g)
    simple = _simple(graph)
    measures: dict[str, Callable[[nx.Graph], dict[str, float]]] = {
        "degree": nx.degree_centrality,
        "betweenness": nx.betweenness_centrality,
    }
    if kind not in measures:
        raise ConfigError(f"unknown centrality {kind!r}; use one of {', '.join(measures)}")
    scores = measures[kind](simple) if len(simple) else {}
    rows = [
        (graph.nodes[n].get("label", n), graph.nodes[n].get("type"), scores[n], simple.degree[n], n)
        for n in simple.nodes
        if type is None or graph.nodes[n].get("type") == type
    ]
    rows.sort(key=lambda r: (-r[2], r[0], r[4]))
    df = pd.DataFrame(rows, columns=["label", "type", "score", "degree", "iri"])
    df.insert(0, "rank", range(1, len(df) + 1))
    return df


def communities(
    g: nx.Graph | Graph | str | os.PathLike[str],
    *,
    min_size: int = 2,
    seed: int = 0,
    resolution: float = 1.0,
) -> pd.DataFrame:
    """Groups of densely linked entities (Louvain modularity, seeded: the same on every run).

    One row per entity: ``community`` (0 is the largest), ``size``,
    ``label``, ``type``, ``iri``. Communities smaller than ``min_size`` are
    left out (the default drops entities with no relation at all).

        >>> import pathlib, tempfile, kg
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("温县、武陟县位于焦作市。犍为县、沐川县位于乐山市。", "utf-8")
        >>> groups = communities(to_networkx(kg.build([path])))
        >>> sorted(groups[groups.label == "温县"].community) == sorted(
        ...     groups[groups.label == "焦作市"].community)
        True
        >>> groups.groupby("community").size().tolist()
        [4, 4]
    """
    import networkx as nx
    import pandas as pd

    graph = _nx(g)
    simple = _simple(graph)
    found = nx.community.louvain_communities(simple, seed=seed, resolution=resolution)
    groups = [sorted(c, key=lambda n: (graph.nodes[n].get("label", n), n)) for c in found]
    groups = [c for c in groups if len(c) >= min_size]
    groups.sort(key=lambda c: (-len(c), graph.nodes[c[0]].get("label", c[0]), c[0]))
    rows = [
        (i, len(c), graph.nodes[n].get("label", n), graph.nodes[n].get("type"), n)
        for i, c in enumerate(groups)
        for n in c
    ]
    return pd.DataFrame(rows, columns=["community", "size", "label", "type", "iri"])


def find(g: nx.Graph, name: str) -> str:
    """The node called ``name`` (an IRI, a label or an alias); the best connected on a tie.

    Raises :class:`~kg.errors.ConfigError` naming close matches when none is called so.
    """
    if name in g:
        return name
    key = normalise_key(name)
    exact = [n for n, d in g.nodes(data=True) if normalise_key(d.get("label", "")) == key]
    if not exact:
        exact = [
            n
            for n, d in g.nodes(data=True)
            if key in {normalise_key(a) for a in d.get("aliases", [])}
        ]
    if exact:
        return min(exact, key=lambda n: (-g.degree(n), n))
    labels = sorted({d.get("label", "") for _, d in g.nodes(data=True)})
    close = difflib.get_close_matches(name, labels, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ConfigError(f"no entity named {name!r} in the graph{hint}")


def shortest_path(graph: nx.Graph | Graph | str | os.PathLike[str], a: str, b: str) -> pd.DataFrame:
    """The shortest chain of relations from ``a`` to ``b``, one row per hop, with its evidence.

    ``a`` and ``b`` are names (labels or aliases) or IRIs. Each row gives
    ``step``, ``from``, ``to``, ``relation`` (the Chinese word), ``fact``
    (the relation as stated, subject first: a hop may follow it backwards),
    ``sentence`` (its first evidence sentence; empty for the division
    hierarchy, which comes from the code table), ``source``, and the IRIs.
    Among equally short paths, one whose hops have evidence is preferred.
    No path: an empty DataFrame.

        >>> import pathlib, tempfile, kg
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = path.write_text("温县、武陟县位于焦作市。", "utf-8")
        >>> hops = shortest_path(kg.build([path]), "温县", "武陟县")
        >>> hops.fact.tolist()
        ['温县 位于 焦作市', '武陟县 位于 焦作市']
        >>> hops.sentence.tolist()
        ['温县、武陟县位于焦作市。', '温县、武陟县位于焦作市。']
    """
    import networkx as nx
    import pandas as pd

    g = _nx(graph)
    start, end = find(g, a), find(g, b)
    weighted = _simple(g)
    for u, v in weighted.edges:
        # A hop with evidence weighs a little less: ties go to paths one can check.
        weighted.edges[u, v]["weight"] = 1.0 if _best(g, u, v)[3] else 1.001
    try:
        nodes = nx.dijkstra_path(weighted, start, end) if start != end else []
    except nx.NetworkXNoPath:
        nodes = []
    rows = []
    for i, (u, v) in enumerate(itertools.pairwise(nodes), start=1):
        s, o, data, sentences = _best(g, u, v)
        role = f"（{data['role']}）" if data.get("role") else ""
        fact = f"{_label(g, s)} {data.get('label', data.get('kind'))}{role} {_label(g, o)}"
        rows.append(
            (
                i,
                _label(g, u),
                _label(g, v),
                data.get("label"),
                fact,
                sentences[0] if sentences else None,
                (data.get("sources") or [None])[0] or None,
                u,
                v,
            )
        )
    return pd.DataFrame(rows, columns=_PATH_COLUMNS)


def _label(g: nx.Graph, node: str) -> str:
    return str(g.nodes[node].get("label", node))


def _best(g: nx.Graph, u: str, v: str) -> tuple[str, str, dict[str, Any], list[str]]:
    """The relation to show for the hop u–v: one with evidence first, then by kind and direction."""
    candidates: list[tuple[bool, str, int, str, str, dict[str, Any]]] = []
    for s, o in ((u, v), (v, u)):
        if g.has_edge(s, o):
            edges: Iterable[tuple[Any, dict[str, Any]]]
            edges = g[s][o].items() if g.is_multigraph() else [(None, g[s][o])]
            for _key, data in edges:
                evidence = list(data.get("evidence") or [])
                candidates.append((not evidence, str(data.get("kind")), s != u, s, o, data))
    if not candidates:
        return u, v, {}, []
    candidates.sort(key=lambda c: c[:3])
    _, _, _, s, o, data = candidates[0]
    return s, o, data, list(data.get("evidence") or [])


def ego(
    graph: nx.Graph | Graph | str | os.PathLike[str], name: str, radius: int = 1
) -> nx.MultiDiGraph:
    """The entities within ``radius`` relations of ``name`` (either direction), with their edges.

    >>> import pathlib, tempfile, kg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = path.write_text("温县位于焦作市。犍为县位于乐山市。", "utf-8")
    >>> sorted(d["label"] for _, d in ego(kg.build([path]), "温县").nodes(data=True))
    ['温县', '焦作市']
    """
    import networkx as nx

    if radius < 0:
        raise ConfigError(f"radius must be 0 or more, got {radius}")
    g = _nx(graph)
    result: nx.MultiDiGraph = nx.ego_graph(g, find(g, name), radius=radius, undirected=True)
    return result


def _flat(g: nx.Graph) -> nx.Graph:
    """A copy whose attribute values are strings or numbers, as GraphML and GEXF need."""

    def flat(data: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for k, v in data.items():
            if isinstance(v, (list, tuple, set)):
                v = "\n".join(str(x) for x in v)
            if v is not None and v != "":
                out[k] = v if isinstance(v, (str, int, float, bool)) else str(v)
        return out

    copy = g.__class__()
    copy.graph.update(flat(dict(g.graph)))
    copy.add_nodes_from((n, flat(d)) for n, d in g.nodes(data=True))
    if g.is_multigraph():
        copy.add_edges_from((a, b, k, flat(d)) for a, b, k, d in g.edges(keys=True, data=True))
    else:
        copy.add_edges_from((a, b, flat(d)) for a, b, d in g.edges(data=True))
    return copy


def to_graphml(g: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``g`` as GraphML (for yEd, Gephi, Cytoscape), atomically; lists become lines.

    >>> import networkx as nx, pathlib, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="温县", type="AdministrativeDivision", aliases=[])
    >>> target = to_graphml(g, pathlib.Path(tempfile.mkdtemp()) / "g.graphml")
    >>> nx.read_graphml(target).nodes["a"]["label"]
    '温县'
    """
    import networkx as nx

    target = Path(path)
    with atomic_path(target) as tmp:
        nx.write_graphml(_flat(g), str(tmp), encoding="utf-8")
    return target


def to_gexf(g: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``g`` as GEXF (Gephi's format), atomically; node labels are the entity names.

    >>> import networkx as nx, pathlib, tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="温县", type="AdministrativeDivision")
    >>> target = to_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> nx.read_gexf(target).nodes["a"]["label"]
    '温县'
    """
    import networkx as nx

    target = Path(path)
    with atomic_path(target) as tmp:
        nx.write_gexf(_flat(g), str(tmp), encoding="utf-8")
    return target
