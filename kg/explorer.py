"""The explorer: one self-contained, offline HTML page of a knowledge graph.

:func:`view` reads the entities, relations and their evidence from a kg graph
with SPARQL (over the union of the named graphs), chooses what to show (a
focus neighbourhood, some types, the result of a query, at most ``max_nodes``
entities), computes a layout in Python and returns a :class:`View`: the page
as a string, ready to write or to display inline in Jupyter.

    >>> from kg.store import new_dataset
    >>> page = view(new_dataset())
    >>> page.node_count, "<script" in page.html()
    (0, True)

The page needs no network: vis-network (the copy bundled with pyvis) and the
explorer's own script and style (``kg/viz_assets/``) are inlined, and a
Content-Security-Policy forbids every request. All data travels as one JSON
document with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped; the page's script
puts text into the DOM with ``textContent`` only. See ``docs/explorer.md``.

Layout: vis-network's physics would compute the whole layout before drawing
anything (a blank minute at 1,000 nodes), so positions are computed here
(:func:`layout`) and the page starts with physics off; the page's script
draws with quick replacements for three of vis-network's canvas methods.
Above ``max_nodes`` the page shows the best-connected entities and folds
others into summary nodes (one per kept neighbour), with a notice saying so;
the folded entities' data travels with the page, which expands a summary
node into its members when it is clicked.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import json
import logging
import math
import operator
import os
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from kg.atomic import atomic_path
from kg.errors import ConfigError
from kg.iri import ONTOLOGY, normalise_key
from kg.model import RELATION_KINDS
from kg.store import ensure_union, ox_inner
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MAX_NODES", "TYPES", "View", "layout", "view"]

log = logging.getLogger(__name__)

#: Default cap on the entities one page shows (see ``docs/explorer.md`` for the measurements).
MAX_NODES = 5000
#: Cap on the relations a page draws at first: a frame's cost grows with nodes and edges
#: together (5,000 nodes with 5,713 edges kept every pan/zoom frame under 50 ms here; the
#: best-connected 5,000 of a 20,000-entity graph bring 6,692 and did not).
MAX_EDGES = 6000

_KG = ONTOLOGY
_FOAF = "http://xmlns.com/foaf/0.1/"
_ORG = "http://www.w3.org/ns/org#"
_SCHEMA = "https://schema.org/"

#: Entity types the page tells apart: key → (Chinese label, colour, vis-network shape, glyph).
TYPES: dict[str, tuple[str, str, str, str]] = {
    "Person": ("人物", "#e15759", "dot", "●"),
    "Organization": ("机构", "#4e79a7", "square", "■"),
    "AdministrativeDivision": ("行政区", "#59a14f", "triangle", "▲"),
    "Place": ("地点", "#9c755f", "triangleDown", "▼"),
    "Event": ("事件", "#f28e2b", "star", "★"),
    "Project": ("项目", "#b07aa1", "diamond", "◆"),
}
_AGGREGATE = "Aggregate"
_AGGREGATE_STYLE = ("汇总", "#9d9d9d", "hexagon", "⬢")

# Most specific first: an administrative division is also a schema:Place.
_TYPE_OF_CLASS: dict[str, str] = {
    _FOAF + "Person": "Person",
    _KG + "Person": "Person",
    _ORG + "Organization": "Organization",
    _KG + "Organization": "Organization",
    _SCHEMA + "AdministrativeArea": "AdministrativeDivision",
    _KG + "AdministrativeDivision": "AdministrativeDivision",
    _SCHEMA + "Place": "Place",
    _KG + "Place": "Place",
    _SCHEMA + "Event": "Event",
    _KG + "Event": "Event",
    _KG + "Project": "Project",
}
_TYPE_RANK = {key: i for i, key in enumerate(TYPES)}

_SUBTYPES: dict[str, str] = {
    "GovernmentAgency": "政府机构",
    "PartyOrgan": "党的机关",
    "PeoplesCongress": "人大",
    "CPPCC": "政协",
    "JudicialOrgan": "司法机关",
    "Enterprise": "企业",
    "FinancialInstitution": "金融机构",
    "ZoneCommittee": "管委会",
    "Province": "省",
    "City": "市",
    "County": "县",
    "Township": "乡镇",
    "Meeting": "会议",
}

#: Predicate → relation kind (``holds_post`` comes from ``org:Membership`` nodes).
_KIND_OF_PREDICATE: dict[str, str] = {
    _SCHEMA + "containedInPlace": "located_in",
    _KG + "jurisdiction": "jurisdiction",
    _ORG + "subOrganizationOf": "sub_organization_of",
    _KG + "spokeAt": "spoke_at",
    _KG + "attended": "attended",
    _KG + "commendedAt": "commended_at",
    _KG + "connects": "connects",
    _KG + "responsibleFor": "responsible_for",
    _SCHEMA + "organizer": "organizer",
    _SCHEMA + "location": "location",
    _KG + "relatedTo": "related_to",
}
_KIND_COLORS = {
    "holds_post": "#e15759",
    "located_in": "#59a14f",
    "jurisdiction": "#8cd17d",
    "sub_organization_of": "#4e79a7",
    "spoke_at": "#f28e2b",
    "attended": "#edc948",
    "commended_at": "#b07aa1",
    "connects": "#76b7b2",
    "responsible_for": "#ff9da7",
    "organizer": "#9c755f",
    "location": "#86bcb6",
    "related_to": "#bab0ac",
}

_VALUES_CLASSES = " ".join(f"<{c}>" for c in _TYPE_OF_CLASS)
_VALUES_PREDICATES = " ".join(f"<{p}>" for p in _KIND_OF_PREDICATE)

# kg's default graph is a set (the union of the document graphs), and what reads these
# queries takes a repeated row as it took the first: DISTINCT would only cost time (a
# fifth of these queries' at 20,000 entities).
_Q_TYPES = f"""
SELECT ?e ?t WHERE {{
  VALUES ?t {{ {_VALUES_CLASSES} {" ".join(f"<{_KG}{local}>" for local in _SUBTYPES)} }}
  ?e a ?t
}}"""
_Q_LABELS = """
SELECT ?e ?l (LANG(?l) AS ?lang) WHERE { ?e rdfs:label ?l }"""
_Q_ALIASES = """
SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"""
_Q_CODES = """
SELECT ?e ?c WHERE { ?e kg:adminCode ?c }"""
_Q_RELATIONS = f"""
SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {_VALUES_PREDICATES} }} ?s ?p ?o }}"""
_Q_STATEMENTS = """
SELECT ?s ?p ?o ?sentence WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?sentence .
}"""
# Role labels come from _Q_LABELS: joining them here multiplies rows by the number of
# documents that state them (the union of named graphs is a bag).
_Q_MEMBERSHIPS = """
SELECT ?person ?org ?role ?sentence WHERE {
  ?m a org:Membership ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?m org:role ?role }
  OPTIONAL { ?m prov:wasDerivedFrom ?sentence }
}"""
_Q_MENTION_COUNTS = """
SELECT ?e (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e } GROUP BY ?e"""
# Mentions and sentences are named after their document, so each lies in one named graph
# and needs no DISTINCT (which would cost a third of these, the biggest queries). {values}
# is empty, or a VALUES clause naming the entities (sentences) a capped page shows.
_Q_EVIDENCE = """
SELECT ?e ?sentence ?b ?end ?text ?start ?doc ?m WHERE {
  {values}
  ?m itsrdf:taIdentRef ?e ; nif:sentence ?sentence ; nif:beginIndex ?b ; nif:endIndex ?end .
  ?sentence nif:anchorOf ?text ; nif:beginIndex ?start ; nif:referenceContext ?doc .
}"""
_Q_SENTENCES = """
SELECT ?sentence ?text ?start ?doc WHERE {
  {values}
  ?sentence nif:anchorOf ?text ; nif:beginIndex ?start ; nif:referenceContext ?doc .
}"""
_Q_DOCS = """
SELECT DISTINCT ?doc ?source WHERE { ?doc a nif:Context ; dcterms:source ?source }"""

_VALUE = operator.attrgetter("value")
_EVIDENCE_PER_NODE = 12
_EVIDENCE_PER_EDGE = 6
_MEMBERS_PER_AGGREGATE = 500
_UNIT = 140.0  # pixels per layout unit
# Force balance of the large-component layout: far-field repulsion against edge attraction
# (tuned on the benchmark graphs for readable spacing at zoom 0.6, docs/explorer.md).
_FAR = 0.01
_PULL = 1.0
_NEAR = 4.0
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


# --------------------------------------------------------------------------- reading


@dataclass
class _Edge:
    source: int
    target: int
    kind: str
    role: str | None = None
    evidence: list[str] = field(default_factory=list)


@dataclass
class _Data:
    """Everything the page may show, read from the graph once."""

    iris: list[str]
    index: dict[str, int]
    labels: list[str]
    types: list[str]
    subtypes: list[list[str]]
    aliases: dict[int, list[str]]
    codes: dict[int, str]
    mentions: dict[int, list[tuple[str, int, int]]]
    mention_counts: Counter[int]  # read by _read_counts, or from the evidence of every entity
    edges: list[_Edge]
    kind_labels: dict[str, str]
    other_labels: dict[str, str]  # labelled IRIs that are not entities (roles, properties)
    sentences: dict[str, tuple[str, int, str | None]]
    docs: dict[str, str]
    counted: bool = False  # mention_counts read

    def degrees(self) -> list[int]:
        deg = [0] * len(self.iris)
        for e in self.edges:
            deg[e.source] += 1
            deg[e.target] += 1
        return deg


def _select(graph: Graph, sparql: str) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT query as lexical strings, over the union of named graphs.

    On an Oxigraph-backed graph the query runs on pyoxigraph directly: reading
    its terms is several times faster than converting every row to rdflib terms.
    It reads the default graph, which kg keeps as the set union of the document
    graphs (:func:`kg.store.ensure_union`, called by :func:`view`); Oxigraph's
    own union view would count a triple once per graph holding it.
    """
    inner = ox_inner(graph)
    if inner is not None:
        import pyoxigraph as ox

        prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
        solutions = inner.query(sparql, prefixes=prefixes)
        assert isinstance(solutions, ox.QuerySolutions)  # every query here is a SELECT
        if "OPTIONAL" not in sparql:
            try:  # every variable bound: a third faster than testing each term for None
                return [tuple(map(_VALUE, row)) for row in solutions]
            except AttributeError:  # one was unbound after all: read the rows again
                solutions = inner.query(sparql, prefixes=prefixes)
                assert isinstance(solutions, ox.QuerySolutions)
        return [tuple([None if t is None else t.value for t in row]) for row in solutions]
    from kg.sparql import run

    return [tuple(None if t is None else str(t) for t in row) for row in run(graph, sparql)]  # type: ignore[union-attr]


def _read(graph: Graph) -> _Data:
    types: dict[str, str] = {}
    subtypes: dict[str, list[str]] = defaultdict(list)
    for e, t in _select(graph, _Q_TYPES):
        assert e is not None and t is not None
        key = _TYPE_OF_CLASS.get(t)
        if key is None:
            subtypes[e].append(t[len(_KG) :])
        elif e not in types or _TYPE_RANK[key] < _TYPE_RANK[types[e]]:
            types[e] = key
    iris = sorted(types)
    index = {iri: i for i, iri in enumerate(iris)}

    best: dict[str, tuple[int, str]] = {}
    for e, label, lang in _select(graph, _Q_LABELS):
        if e is not None and label:
            rank = 0 if (lang or "").lower().startswith("zh") else 1 if not lang else 2
            if e not in best or (rank, label) < best[e]:
                best[e] = (rank, label)
    labels = [best[iri][1] if iri in best else _local(iri) for iri in iris]

    aliases: dict[int, list[str]] = defaultdict(list)
    for e, a in _select(graph, _Q_ALIASES):
        if e in index and a and a != labels[index[e]]:
            aliases[index[e]].append(a)
    codes = {index[e]: c for e, c in _select(graph, _Q_CODES) if e in index and c}

    evidence: dict[tuple[int, int, str, str | None], list[str]] = defaultdict(list)
    for s, p, o in _select(graph, _Q_RELATIONS):
        if s in index and o in index and s != o:
            evidence.setdefault((index[s], index[o], _KIND_OF_PREDICATE[p or ""], None), [])
    for s, p, o, sentence in _select(graph, _Q_STATEMENTS):
        kind = _KIND_OF_PREDICATE.get(p or "")
        ends = (index.get(s or "", -1), index.get(o or "", -1), kind or "", None)
        if ends in evidence and sentence:
            evidence[ends].append(sentence)
    for person, org, role, sentence in _select(graph, _Q_MEMBERSHIPS):
        if person in index and org in index and person != org:
            title = best[role][1] if role in best else None
            ev = evidence[(index[person], index[org], "holds_post", title)]
            if sentence:
                ev.append(sentence)
    edges = [
        _Edge(s, o, kind, role, sorted(set(ev)))
        for (s, o, kind, role), ev in sorted(evidence.items(), key=lambda kv: _edge_key(kv[0]))
    ]

    return _Data(
        iris=iris,
        index=index,
        labels=labels,
        types=[types[iri] for iri in iris],
        subtypes=[sorted(set(subtypes[iri])) if iri in subtypes else [] for iri in iris],
        aliases=aliases,
        codes=codes,
        mentions={},
        mention_counts=Counter(),
        edges=edges,
        kind_labels=dict(RELATION_KINDS),
        other_labels={iri: label for iri, (_, label) in best.items() if iri not in index},
        sentences={},
        docs={},
    )


def _read_evidence(graph: Graph, data: _Data, nodes: Sequence[int], edges: Sequence[_Edge]) -> None:
    """Fill in the mentions and sentences of the entities and edges a page shows.

    Read after choosing, so that a capped page of a big graph reads only its
    own share of the biggest tables.
    """
    every = len(nodes) == len(data.iris)
    values = "" if every else _values("e", (data.iris[i] for i in nodes))
    spans: dict[int, set[tuple[str, int, int]]] = defaultdict(set)
    seen: dict[int, set[str]] = defaultdict(set)
    index, sentences = data.index, data.sentences
    for e, sentence, b, end, text, start, doc, m in _select(
        graph, _Q_EVIDENCE.replace("{values}", values)
    ):
        if e in index and sentence and b and end and text is not None and start and m:
            i = index[e]
            spans[i].add((sentence, int(b), int(end)))
            seen[i].add(m)
            sentences[sentence] = (text, int(start), doc)
    data.mentions = {i: sorted(found) for i, found in spans.items()}
    if not data.counted:
        # Every mention of the entities read is here: counted from them, not by another query.
        data.mention_counts = Counter({i: len(ms) for i, ms in seen.items()})
        data.counted = True
    missing = {iri for e in edges for iri in e.evidence if iri not in data.sentences}
    if missing:
        query = _Q_SENTENCES.replace("{values}", _values("sentence", sorted(missing)))
        for sentence, text, start, doc in _select(graph, query):
            if sentence and text is not None and start:
                data.sentences[sentence] = (text, int(start), doc)
    data.docs = {doc: source for doc, source in _select(graph, _Q_DOCS) if doc and source}


def _read_counts(graph: Graph, data: _Data) -> None:
    """Each entity's number of mentions, for ranking what a capped page keeps."""
    if not data.counted:
        rows = _select(graph, _Q_MENTION_COUNTS)
        data.mention_counts = Counter(
            {data.index[e]: int(n) for e, n in rows if e in data.index and n}
        )
        data.counted = True


_IRI = re.compile(r"""[^<>"{}|^`\\\x00-\x20]+""")


def _values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause over IRIs read from the graph itself.

    Bindings cannot carry a list, so the IRIs are written into the query;
    each is checked to hold no character that could end an IRI reference.
    """
    terms = " ".join(f"<{iri}>" for iri in iris if _IRI.fullmatch(iri))
    return f"VALUES ?{variable} {{ {terms} }}"


def _edge_key(key: tuple[int, int, str, str | None]) -> tuple[int, int, str, str]:
    return key[0], key[1], key[2], key[3] or ""


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("#/"))[-1] or iri


# --------------------------------------------------------------------------- choosing


def _type_filter(data: _Data, types: Sequence[str]) -> set[int]:
    """Indices of entities whose type (or subtype) is one of ``types``."""
    names: dict[str, set[str]] = {}
    for key, (zh, *_rest) in TYPES.items():
        names[key.casefold()] = {key}
        names[zh] = {key}
    names["division"] = {"AdministrativeDivision"}
    names["place"] = {"Place", "AdministrativeDivision"}
    names["地点"] = names["place"]
    for sub, zh in _SUBTYPES.items():
        names[sub.casefold()] = {sub}
        names[zh] = {sub}
    wanted: set[str] = set()
    for name in types:
        found = names.get(name.strip().casefold())
        if found is None:
            choices = ", ".join([*TYPES, *_SUBTYPES])
            raise ConfigError(f"unknown entity type {name!r}; use one of {choices}")
        wanted |= found
    return {
        i
        for i, (key, subs) in enumerate(zip(data.types, data.subtypes, strict=True))
        if key in wanted or wanted.intersection(subs)
    }


def _find(data: _Data, name: str, degrees: Sequence[int]) -> int:
    """The entity called ``name`` (label, alias or IRI); the best connected if several."""
    if name in data.index:
        return data.index[name]
    key = normalise_key(name)
    hits = [i for i, label in enumerate(data.labels) if normalise_key(label) == key]
    if not hits:
        hits = [i for i, names in data.aliases.items() if key in map(normalise_key, names)]
    if not hits:
        raise ConfigError(
            f"no entity named {name!r} in the graph; check the spelling, or use its IRI"
        )
    if len(hits) > 1:
        log.info("%d entities are named %r; focusing on the best connected", len(hits), name)
    return max(hits, key=lambda i: (degrees[i], -i))


def _neighbourhood(data: _Data, start: int, hops: int, allowed: set[int] | None) -> set[int]:
    adjacency: dict[int, list[int]] = defaultdict(list)
    for e in data.edges:
        adjacency[e.source].append(e.target)
        adjacency[e.target].append(e.source)
    seen = {start}
    frontier = [start]
    for _ in range(hops):
        nxt = []
        for i in frontier:
            for j in adjacency[i]:
                if j not in seen and (allowed is None or j in allowed):
                    seen.add(j)
                    nxt.append(j)
        frontier = nxt
    return seen


def _query_nodes(graph: Graph, data: _Data, sparql: str) -> tuple[set[int], list[_Edge]]:
    """Entities named in a user's query result, and the edges it states between them.

    A CONSTRUCT (or ``SELECT ?s ?p ?o``) may state relations of its own; they
    are shown beside the graph's relations among the chosen entities.
    """
    from kg.sparql import run

    result = run(graph, sparql)
    if result.type == "ASK":
        raise ConfigError("a view query must be SELECT or CONSTRUCT, not ASK")
    rows: Iterable[tuple[Any, ...]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        rows = list(result.graph)
        spo = True
    else:
        names = [str(v) for v in result.vars or ()]
        rows = [tuple(row) for row in result]  # type: ignore[arg-type]
        spo = names[:3] == ["s", "p", "o"] or {"s", "p", "o"} <= set(names)
        if spo:
            at = [names.index(n) for n in ("s", "p", "o")]
            rows = [tuple(row[k] for k in at) for row in rows]
    chosen: set[int] = set()
    extra: list[_Edge] = []
    known = {(e.source, e.target) for e in data.edges}
    for row in rows:
        cells = [str(c) if c is not None else None for c in row]
        for cell in cells:
            if cell in data.index:
                chosen.add(data.index[cell])
        if spo and len(cells) == 3:
            s, p, o = cells
            if s in data.index and o in data.index and s != o:
                pair = (data.index[s], data.index[o])
                kind = _KIND_OF_PREDICATE.get(p or "", p or "")
                if pair not in known and p not in _KIND_OF_PREDICATE:
                    data.kind_labels.setdefault(kind, data.other_labels.get(kind, _local(kind)))
                    extra.append(_Edge(pair[0], pair[1], kind))
                    known.add(pair)
    return chosen, extra


@dataclass
class _Shown:
    nodes: list[int]
    edges: list[_Edge]
    aggregates: list[tuple[int, str | None, list[int]]]  # (kept neighbour, type if one, members)
    notice: str | None
    members: list[int] = field(default_factory=list)  # folded entities the page carries
    member_edges: list[_Edge] = field(default_factory=list)  # their edges on an expanded page


def _choose(
    graph: Graph,
    data: _Data,
    *,
    focus: str | None,
    hops: int,
    types: Sequence[str] | None,
    query: str | None,
    max_nodes: int,
) -> _Shown:
    degrees = data.degrees()
    edges = list(data.edges)
    candidates: set[int] | None = None
    if query is not None:
        candidates, extra = _query_nodes(graph, data, query)
        edges.extend(extra)
    if types:
        typed = _type_filter(data, types)
        candidates = typed if candidates is None else candidates & typed
    if focus is not None:
        start = _find(data, focus, degrees)
        allowed = None if candidates is None else candidates | {start}
        candidates = _neighbourhood(data, start, hops, allowed)
    chosen = set(range(len(data.iris))) if candidates is None else candidates
    notice = None
    aggregates: list[tuple[int, str | None, list[int]]] = []
    members: list[int] = []
    if len(chosen) > max_nodes or _edges_within(edges, chosen) > MAX_EDGES:
        _read_counts(graph, data)
        # A tenth of the page is kept for summary nodes of what does not fit.
        ranked = sorted(chosen, key=lambda i: (-degrees[i], -data.mention_counts[i], i))
        reserve = max(1, max_nodes // 10) if max_nodes > 1 else 0
        kept = _best_within(ranked, edges, max_nodes - reserve, MAX_EDGES - reserve)
        if focus is not None:
            kept.add(_find(data, focus, degrees))
        aggregates = _aggregate(data, chosen - kept, kept, degrees, edges, max_nodes - len(kept))
        members = [i for _, _, m in aggregates for i in m[:_MEMBERS_PER_AGGREGATE]]
        folded = sum(len(m) for _, _, m in aggregates)
        left_out = folded - len(members)
        notice = (
            f"图中共有 {len(chosen):,} 个实体，本页显示连接最多的 {len(kept):,} 个；"
            f"其余 {len(chosen) - len(kept):,} 个中的 {folded:,} 个并入 {len(aggregates):,} 个"
            "「汇总」节点（点击展开、再点收起"
            + (
                f"；每个汇总节点最多展开 {_MEMBERS_PER_AGGREGATE:,} 个，{left_out:,} 个只计数"
                if left_out
                else ""
            )
            + "），其他未显示。可用 --focus 名称 查看局部，或用 --types 筛选类型。"
        )
        chosen = kept
    shown_edges = [e for e in edges if e.source in chosen and e.target in chosen]
    carried = set(members)
    member_edges = [
        e
        for e in edges
        if (e.source in carried or e.target in carried)
        and (e.source in carried or e.source in chosen)
        and (e.target in carried or e.target in chosen)
    ]
    return _Shown(sorted(chosen), shown_edges, aggregates, notice, members, member_edges)


def _edges_within(edges: Sequence[_Edge], nodes: set[int]) -> int:
    return sum(1 for e in edges if e.source in nodes and e.target in nodes)


def _best_within(
    ranked: Sequence[int], edges: Sequence[_Edge], nodes: int, budget: int
) -> set[int]:
    """The first ``nodes`` of ``ranked`` whose edges among themselves stay within ``budget``.

    An entity whose edges to those already kept would overrun the budget is
    passed over (it may still be folded into a summary node).
    """
    candidates = set(ranked)
    neighbours: dict[int, list[int]] = defaultdict(list)  # one entry per edge
    for e in edges:
        if e.source in candidates and e.target in candidates:
            neighbours[e.source].append(e.target)
            if e.target != e.source:
                neighbours[e.target].append(e.source)
    kept: set[int] = set()
    used = 0
    for n in ranked:
        if len(kept) >= nodes:
            break
        added = sum(1 for m in neighbours[n] if m in kept or m == n)
        if added and used + added > budget:
            continue
        kept.add(n)
        used += added
    return kept


def _aggregate(
    data: _Data,
    hidden: set[int],
    kept: set[int],
    degrees: Sequence[int],
    edges: Sequence[_Edge],
    budget: int,
) -> list[tuple[int, str | None, list[int]]]:
    """Fold hidden entities into summary nodes: one per best-connected kept neighbour.

    The biggest ``budget`` groups become summary nodes; each lists its members
    best connected first, and names their type when they share one.
    """
    anchor: dict[int, int] = {}
    for e in edges:
        for a, b in ((e.source, e.target), (e.target, e.source)):
            if a in hidden and b in kept and (a not in anchor or degrees[b] > degrees[anchor[a]]):
                anchor[a] = b
    groups: dict[int, list[int]] = defaultdict(list)
    for i in sorted(anchor):
        groups[anchor[i]].append(i)
    ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[: max(budget, 0)]
    out: list[tuple[int, str | None, list[int]]] = []
    for k, members in ordered:
        members.sort(key=lambda i: (-degrees[i], -data.mention_counts[i], i))
        kinds = {data.types[i] for i in members}
        out.append((k, kinds.pop() if len(kinds) == 1 else None, members))
    return out


# --------------------------------------------------------------------------- layout


def layout(n: int, pairs: Sequence[tuple[int, int]], *, seed: int = 0) -> np.ndarray:
    """Positions (an ``n × 2`` array, in unit edge lengths) for a graph of ``n`` nodes.

    Each connected component is laid out on its own, then the components are
    packed into rows, biggest first. Up to 6 nodes: a radial tree from the
    best-connected node. Up to 400: Fruchterman-Reingold (all pairs) started
    from that radial tree. Bigger: the leaves are set aside, the rest is placed
    by pivot MDS (Brandes & Pich 2006: classical MDS on breadth-first
    distances to 50 pivots, the whole component in one pass), each node's
    leaves are put in a ring around it, and force-directed steps follow in
    which repulsion acts only between nodes closer than a cut-off (found with a
    k-d tree). Cost grows like ``n log n``, not ``n²`` (``docs/explorer.md``).

        >>> layout(3, [(0, 1), (1, 2)]).shape
        (3, 2)
    """
    from threadpoolctl import threadpool_limits

    # One BLAS thread: the products here are small, and BLAS's threads, once woken, spin on
    # the cores the page data is being built on meanwhile (view runs this in a thread).
    with threadpool_limits(1, user_api="blas"):
        return _layout(n, pairs, seed)


def _layout(n: int, pairs: Sequence[tuple[int, int]], seed: int) -> np.ndarray:
    import numpy as np

    pos = np.zeros((n, 2))
    if n == 0:
        return pos
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ends = np.array([(a, b) for a, b in pairs if a != b], dtype=np.int64).reshape(-1, 2)
    rows = np.concatenate([ends[:, 0], ends[:, 1]])
    cols = np.concatenate([ends[:, 1], ends[:, 0]])
    adjacency = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n)).tocsr()
    adjacency.data[:] = 1.0
    count, labels = connected_components(adjacency, directed=False)
    order = np.argsort(labels, kind="stable")
    sizes = np.bincount(labels, minlength=count)
    members = np.split(order, np.cumsum(sizes)[:-1])
    members.sort(key=lambda m: (-len(m), int(m[0])))
    rng = np.random.default_rng(seed)
    placed: list[tuple[np.ndarray, np.ndarray]] = []
    for nodes in members:
        if len(nodes) == 1:
            local = np.zeros((1, 2))
        else:
            sub = adjacency[nodes][:, nodes]
            if len(nodes) <= 6:
                local = _radial(sub)
            elif len(nodes) <= 400:
                local = _spring(sub, _radial(sub))
            else:
                local = _large(sub, rng)
        local -= local.min(axis=0)
        placed.append((nodes, local))
    _pack(pos, placed)
    return pos


def _radial(adjacency: Any) -> np.ndarray:
    """A radial tree layout of a small component, from its best-connected node."""
    import numpy as np

    n = adjacency.shape[0]
    if n == 1:
        return np.zeros((1, 2))
    indptr, indices = adjacency.indptr, adjacency.indices
    degree = np.diff(indptr)
    root = int(np.argmax(degree))
    parent = {root: -1}
    depth = {root: 0}
    order = [root]
    for u in order:
        for v in indices[indptr[u] : indptr[u + 1]]:
            v = int(v)
            if v not in parent:
                parent[v] = u
                depth[v] = depth[u] + 1
                order.append(v)
    children: dict[int, list[int]] = defaultdict(list)
    for v in order[1:]:
        children[parent[v]].append(v)
    leaves: dict[int, int] = {}
    for v in reversed(order):
        leaves[v] = sum(leaves[c] for c in children[v]) or 1
    per_depth = Counter(depth.values())
    radius: dict[int, float] = {0: 0.0}
    for d in range(1, max(per_depth) + 1):
        radius[d] = max(radius[d - 1] + 1.0, per_depth[d] * 0.9 / (2 * math.pi))
    span = {root: (0.0, 2 * math.pi)}
    pos = np.zeros((n, 2))
    for u in order:
        lo, hi = span[u]
        if u != root:
            angle = (lo + hi) / 2
            pos[u] = radius[depth[u]] * math.cos(angle), radius[depth[u]] * math.sin(angle)
        total = sum(leaves[c] for c in children[u]) or 1
        start = lo
        for c in children[u]:
            width = (hi - lo) * leaves[c] / total
            span[c] = (start, start + width)
            start += width
    return pos


def _spring(adjacency: Any, pos: np.ndarray, steps: int = 60) -> np.ndarray:
    """Fruchterman-Reingold over all pairs (for components of a few hundred nodes)."""
    import numpy as np

    linked = adjacency.toarray() > 0
    pos = pos.astype(float).copy()
    temperature = max(1.0, float(np.ptp(pos, axis=0).max()) / 8)
    for step in range(steps):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 0.01)
        # Repulsion 1/d for every pair, attraction d² along edges (unit ideal length).
        scale = 1.0 / dist**2 - linked * dist
        disp = (delta * scale[..., None]).sum(axis=1)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        limit = temperature * (1 - step / steps) + 0.02
        pos += disp / length[:, None] * np.minimum(length, limit)[:, None]
    return pos


def _large(adjacency: Any, rng: np.random.Generator) -> np.ndarray:
    """Leaves aside, pivot MDS for the rest, leaves in rings, then local force steps."""
    import numpy as np

    n = adjacency.shape[0]
    degree = np.diff(adjacency.indptr)
    leaf = degree == 1
    parent = np.full(n, -1)
    parent[leaf] = adjacency.indices[adjacency.indptr[:-1][leaf]]
    leaf &= ~leaf[np.maximum(parent, 0)]  # a lone edge keeps one end in the core
    parent[~leaf] = -1
    core = np.flatnonzero(~leaf)
    pos = np.zeros((n, 2))
    sub = adjacency[core][:, core]
    rings = np.bincount(parent[leaf], minlength=n)[core]
    radius = 1.0 + 0.7 * np.sqrt(rings)
    core_pos = _pivot_mds(sub, rng)
    coo = sub.tocoo()
    if len(coo.row):
        lengths = np.hypot(*(core_pos[coo.row] - core_pos[coo.col]).T)
        wanted = 1.0 + radius[coo.row] + radius[coo.col]
        core_pos *= float(np.median(wanted)) / max(float(np.median(lengths)), 1e-6)
    pos[core] = core_pos
    # Each core node's leaves fill a disc around it (a sunflower spiral: even spacing, no rings).
    leaves = np.flatnonzero(leaf)
    owners = parent[leaves]
    by_owner = np.argsort(owners, kind="stable")
    leaves, owners = leaves[by_owner], owners[by_owner]
    rank = np.arange(len(leaves)) - np.searchsorted(owners, owners)
    angle = rank * math.pi * (3 - math.sqrt(5)) + rng.uniform(0, 2 * math.pi, n)[owners]
    distance = 1.0 + 0.7 * np.sqrt(rank)
    pos[leaves] = pos[owners] + distance[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    return _refine(adjacency, pos)


def _pivot_mds(adjacency: Any, rng: np.random.Generator, pivots: int = 50) -> np.ndarray:
    """Classical MDS on hop distances to ``pivots`` far-apart nodes (Brandes & Pich)."""
    import numpy as np
    from scipy.sparse.csgraph import shortest_path

    n = adjacency.shape[0]
    k = min(pivots, n)
    dist = np.empty((k, n))
    nearest = np.full(n, np.inf)
    pivot = int(np.argmax(np.diff(adjacency.indptr)))
    for i in range(k):
        dist[i] = shortest_path(adjacency, method="D", unweighted=True, indices=pivot)
        nearest = np.minimum(nearest, dist[i])
        pivot = int(np.argmax(nearest))
    squared = dist**2
    centred = (
        squared
        - squared.mean(axis=1, keepdims=True)
        - squared.mean(axis=0, keepdims=True)
        + squared.mean()
    ) * -0.5
    values, vectors = np.linalg.eigh(centred @ centred.T)
    top = np.argsort(values)[::-1][:2]
    pos = centred.T @ vectors[:, top]
    return pos + rng.normal(scale=1e-3 * (float(np.abs(pos).max()) or 1.0), size=pos.shape)


def _refine(adjacency: Any, pos: np.ndarray, steps: int = 40) -> np.ndarray:
    """Fruchterman-Reingold steps in ``n log n``: far repulsion on a grid, near repulsion exact.

    Repulsion from distant nodes is summed on a 64×64 grid by one FFT
    convolution of the node density with the force kernel (particle-mesh);
    nodes closer than one unit repel exactly (pairs from a k-d tree).
    """
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(pos)
    coo = adjacency.tocoo()
    mask = coo.row < coo.col
    src, dst = coo.row[mask], coo.col[mask]
    grid, size = 64, 128
    # Offsets 0, 1, …, 63, -64, …, -1: the kernel wrapped for a linear convolution on 2× padding.
    offsets = np.fft.fftfreq(size, 1 / size)
    gx, gy = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = gx**2 + gy**2
    r2[0, 0] = 1.0
    kernel_x = np.fft.rfft2(_FAR * gx / r2)
    kernel_y = np.fft.rfft2(_FAR * gy / r2)
    mass = np.diff(adjacency.indptr) + 1.0
    temperature = math.sqrt(n) / 8
    for step in range(steps):
        low = pos.min(axis=0)
        cell_size = max(float(np.ptp(pos, axis=0).max()), 1e-6) * 1.0001 / grid
        cell = np.minimum(((pos - low) / cell_size).astype(np.int64), grid - 1)
        density = np.zeros((size, size))
        density[:grid, :grid] = np.bincount(
            cell[:, 0] * grid + cell[:, 1], mass, minlength=grid * grid
        ).reshape(grid, grid)
        spectrum = np.fft.rfft2(density)
        field_x = np.fft.irfft2(spectrum * kernel_x, s=(size, size))
        field_y = np.fft.irfft2(spectrum * kernel_y, s=(size, size))
        disp = (
            np.column_stack([field_x[cell[:, 0], cell[:, 1]], field_y[cell[:, 0], cell[:, 1]]])
            * (mass / cell_size)[:, None]
        )
        pairs = cKDTree(pos).query_pairs(1.0, output_type="ndarray")
        if len(pairs):
            i, j = pairs[:, 0], pairs[:, 1]
            delta = pos[i] - pos[j]
            dist2 = np.maximum((delta**2).sum(axis=1), 1e-6)
            push = delta * (_NEAR / dist2)[:, None]
            for axis in (0, 1):
                disp[:, axis] += np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
        delta = pos[src] - pos[dst]
        pull = _PULL * np.hypot(delta[:, 0], delta[:, 1])[:, None] * delta
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(src, pull[:, axis], n) - np.bincount(dst, pull[:, axis], n)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        limit = temperature * (1 - step / steps) + 0.02
        pos = pos + disp / length[:, None] * np.minimum(length, limit)[:, None]
    return pos


def _pack(pos: np.ndarray, placed: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Shelf-pack laid-out components (biggest first) into rows of a near-square."""
    import numpy as np

    margin = 1.5
    boxes = [local.max(axis=0) + margin if len(local) else (margin, margin) for _, local in placed]
    area = sum(float(w) * float(h) for w, h in boxes)
    width = max(max(float(w) for w, _ in boxes), math.sqrt(area) * 1.2)
    x = y = row = 0.0
    for (nodes, local), (w, h) in zip(placed, boxes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        pos[nodes] = local + np.array([x, y])
        x += float(w)
        row = max(row, float(h))


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class View:
    """An explorer page: write it, take its HTML, or display it in Jupyter.

    ``node_count`` and ``edge_count`` are what the page shows (summary nodes
    included); ``notice`` says what was left out, if anything.
    """

    page: str = field(repr=False)
    title: str
    node_count: int
    edge_count: int
    notice: str | None = None

    def html(self) -> str:
        """The complete, self-contained page."""
        return self.page

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the page to ``path`` atomically (a temporary file renamed over it)."""
        target = Path(path)
        with atomic_path(target) as tmp:
            tmp.write_text(self.page, encoding="utf-8", newline="\n")
        return target

    def _repr_html_(self) -> str:
        """Jupyter: the page in a sandboxed iframe (inline, so it works offline)."""
        return (
            '<iframe title="kg explorer" sandbox="allow-scripts" '
            'style="width:100%;height:640px;border:1px solid #ddd" '
            f'srcdoc="{html.escape(self.page, quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<View {self.title!r}: {self.node_count} nodes, {self.edge_count} edges>"


def view(
    graph: Graph,
    *,
    focus: str | None = None,
    hops: int = 1,
    types: Sequence[str] | None = None,
    query: str | None = None,
    max_nodes: int = MAX_NODES,
) -> View:
    """The explorer page of ``graph`` (an rdflib Graph or Dataset written by kg).

    ``focus`` names an entity (label, alias or IRI) whose ``hops``-step
    neighbourhood is shown; ``types`` keeps entities of those types
    (``Person``, ``Organization``, ``AdministrativeDivision``, ``Place``,
    ``Event``, ``Project``, a subtype such as ``County``, or the Chinese
    names); ``query`` is SPARQL whose result names the entities to show (a
    CONSTRUCT's triples between entities are drawn as edges too). Above
    ``max_nodes`` entities the page keeps the best connected and folds the
    rest into summary nodes, with a notice.

    Raises :class:`~kg.errors.ConfigError` for an unknown focus name or type,
    :class:`~kg.errors.QueryError` for a query that fails.
    """
    if hops < 0:
        raise ConfigError(f"hops must be 0 or more, got {hops}")
    if max_nodes < 1:
        raise ConfigError(f"max_nodes must be at least 1, got {max_nodes}")
    ensure_union(graph)
    # _build returns before the collector is back on: what it built is freed by then.
    with _collector_paused():
        return _build(graph, focus=focus, hops=hops, types=types, query=query, max_nodes=max_nodes)


def _build(
    graph: Graph,
    *,
    focus: str | None,
    hops: int,
    types: Sequence[str] | None,
    query: str | None,
    max_nodes: int,
) -> View:
    data = _read(graph)
    shown = _choose(
        graph, data, focus=focus, hops=hops, types=types, query=query, max_nodes=max_nodes
    )
    # The layout (numpy and scipy, which release the GIL for much of it) runs in a thread
    # while this one reads the evidence and builds the page data: 5,000 entities on 2 cores,
    # 0.9 s instead of 1.1–1.4 s (scripts/bench_viz.py).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-layout") as pool:
        positions = pool.submit(_positions, shown)
        _read_evidence(
            graph, data, [*shown.nodes, *shown.members], [*shown.edges, *shown.member_edges]
        )
        title = f"知识图谱 · {focus}" if focus else "知识图谱"
        payload = _payload(data, shown, title, positions)
    return View(
        page=_render(payload, title),
        title=title,
        node_count=len(shown.nodes) + len(shown.aggregates),
        edge_count=len(shown.edges) + len(shown.aggregates),
        notice=shown.notice,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector switched off meanwhile (if it was on).

    A page is built from hundreds of thousands of short-lived tuples, dicts and
    lists (query rows, page data), none of them in a cycle. With the collector
    on, every 700 of them set off a collection, and the older generations'
    collections walked the rows and page data still held: CPU time spent on
    finding no garbage (scripts/bench_viz.py). Turned back on once they have
    been freed, the collector finds few objects left to look at.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _positions(shown: _Shown) -> np.ndarray:
    """Page coordinates of the shown entities, then of the summary nodes (see :func:`layout`)."""
    n_real = len(shown.nodes)
    local = {i: k for k, i in enumerate(shown.nodes)}
    pairs = [(local[e.source], local[e.target]) for e in shown.edges]
    pairs += [(n_real + a, local[anchor]) for a, (anchor, _, _) in enumerate(shown.aggregates)]
    return layout(n_real + len(shown.aggregates), pairs) * _UNIT


def _payload(
    data: _Data, shown: _Shown, title: str, positions: Future[np.ndarray]
) -> dict[str, Any]:
    """Plain data for the page's script: compact, integer-indexed.

    ``nodes`` holds the shown entities, then the summary nodes, then the
    folded members (``g``: their summary node; no position, the page places
    them when the summary is expanded). ``edges`` likewise: the shown
    relations, one edge per summary node (kind -1), then the members' relations.
    ``positions`` is :func:`_positions` of ``shown``, computed in another thread
    meanwhile.
    """
    n_real = len(shown.nodes)
    n_agg = len(shown.aggregates)
    local = {i: k for k, i in enumerate(shown.nodes)}
    group: dict[int, int] = {}
    for a, (_anchor, _type, members) in enumerate(shown.aggregates):
        for i in members[:_MEMBERS_PER_AGGREGATE]:
            group[i] = n_real + a
    for k, i in enumerate(shown.members):
        local[i] = n_real + n_agg + k
    degree = Counter[int]()
    for e in shown.edges:
        degree[local[e.source]] += 1
        degree[local[e.target]] += 1
    agg_edges = [(n_real + a, local[anchor]) for a, (anchor, _, _) in enumerate(shown.aggregates)]
    for a, b in agg_edges:
        degree[a] += 1
        degree[b] += 1
    member_degree = Counter[int]()
    for e in shown.member_edges:
        member_degree[local[e.source]] += 1
        member_degree[local[e.target]] += 1

    sentence_ids: dict[str, int] = {}
    doc_ids: dict[str, int] = {}
    sentences: list[list[Any]] = []
    docs: list[str] = []
    astral: list[bool] = []  # whether each sentence has characters that UTF-16 doubles

    def sentence(iri: str) -> int | None:
        s = sentence_ids.get(iri)
        if s is not None:
            return s
        found = data.sentences.get(iri)
        if found is None:
            return None
        text, _begin, doc = found
        d = None
        if doc is not None:
            d = doc_ids.get(doc)
            if d is None:
                d = doc_ids[doc] = len(docs)
                docs.append(data.docs.get(doc, doc))
        s = sentence_ids[iri] = len(sentences)
        sentences.append([text, d])
        astral.append(_ASTRAL.search(text) is not None)
        return s

    type_keys = [*TYPES, _AGGREGATE]
    type_index = {k: i for i, k in enumerate(type_keys)}

    def entity(i: int, d: int) -> dict[str, Any]:
        node: dict[str, Any] = {
            "l": data.labels[i],
            "t": type_index[data.types[i]],
            "d": d,
            "m": data.mention_counts[i],
            "iri": data.iris[i],
        }
        if data.subtypes[i]:
            node["st"] = [_SUBTYPES[s] for s in data.subtypes[i]]
        if i in data.aliases:
            node["a"] = sorted(set(data.aliases[i]))
        if i in data.codes:
            node["c"] = data.codes[i]
        ev = []
        for iri, b, end in data.mentions.get(i, ()):  # sorted: by sentence, then start
            s = sentence(iri)
            if s is None:
                continue
            text, begin, _doc = data.sentences[iri]
            start, stop = b - begin, end - begin
            if 0 <= start < stop <= len(text):
                if astral[s]:
                    start, stop = _utf16(text, start), _utf16(text, stop)
                ev.append([s, start, stop])
            else:
                ev.append([s])  # the page finds the name in the sentence instead
            if len(ev) >= _EVIDENCE_PER_NODE:
                break
        if ev:
            node["ev"] = ev
        return node

    nodes: list[dict[str, Any]] = []
    for k, i in enumerate(shown.nodes):
        node = entity(i, degree[k])
        node["x"] = node["y"] = None  # placed below, once the layout is done
        nodes.append(node)
    for _anchor, type_key, members in shown.aggregates:
        by_type = Counter(data.types[i] for i in members)
        what = TYPES[type_key][0] if type_key else "实体"
        summary: dict[str, Any] = {
            "l": f"另 {len(members)} 个{what}",
            "t": type_index[_AGGREGATE],
            "x": None,
            "y": None,
            "d": 1,
            "m": sum(data.mention_counts[i] for i in members),
            "n": len(members),
            "by": [[type_index[t], c] for t, c in sorted(by_type.items(), key=_by_rank)],
        }
        if type_key:
            summary["of"] = type_index[type_key]
        nodes.append(summary)
    for i in shown.members:
        node = entity(i, member_degree[local[i]])
        node["g"] = group[i]
        nodes.append(node)

    kinds = list(
        dict.fromkeys(
            [*RELATION_KINDS, *(e.kind for e in shown.edges), *(e.kind for e in shown.member_edges)]
        )
    )
    kind_index = {k: i for i, k in enumerate(kinds)}

    def relation(e: _Edge) -> dict[str, Any]:
        edge: dict[str, Any] = {
            "f": local[e.source],
            "to": local[e.target],
            "k": kind_index[e.kind],
        }
        if e.role:
            edge["r"] = e.role
        cited = [s for s in map(sentence, e.evidence) if s is not None][:_EVIDENCE_PER_EDGE]
        if cited:
            edge["ev"] = cited
        return edge

    edges = [relation(e) for e in shown.edges]
    edges.extend({"f": a, "to": b, "k": -1} for a, b in agg_edges)
    edges.extend(relation(e) for e in shown.member_edges)

    # The entities, then the summaries (tolist: Python floats, the same values, made at once).
    for node, (x, y) in zip(nodes, positions.result().tolist(), strict=False):
        node["x"], node["y"] = round(x, 1), round(y, 1)

    type_counts = Counter(n["t"] for n in nodes)
    kind_counts = Counter(e["k"] for e in edges)
    styles = [*TYPES.values(), _AGGREGATE_STYLE]
    return {
        "title": title,
        "notice": shown.notice,
        "types": [
            {
                "key": key,
                "label": zh,
                "color": color,
                "shape": shape,
                "glyph": glyph,
                "n": type_counts[i],
            }
            for i, (key, (zh, color, shape, glyph)) in enumerate(
                zip(type_keys, styles, strict=True)
            )
        ],
        "kinds": [
            {
                "key": k,
                "label": data.kind_labels.get(k, _local(k)),
                "color": _KIND_COLORS.get(k, "#8c8c8c"),
                "n": kind_counts[i],
            }
            for i, k in enumerate(kinds)
        ],
        "docs": docs,
        "sents": sentences,
        "nodes": nodes,
        "edges": edges,
    }


def _by_rank(item: tuple[str, int]) -> tuple[int, int]:
    return -item[1], _TYPE_RANK[item[0]]


def _utf16(text: str, offset: int) -> int:
    """A Python (code point) offset into ``text`` as a JavaScript (UTF-16) one."""
    if not _ASTRAL.search(text):
        return offset
    return offset + len(_ASTRAL.findall(text, 0, offset))


@functools.lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (resources.files("kg") / "viz_assets" / name).read_text("utf-8")


@functools.lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone script: ours in ``viz_assets`` if present, else pyvis's copy."""
    own = resources.files("kg") / "viz_assets" / "vis-network.min.js"
    if own.is_file():
        return own.read_text("utf-8")
    try:
        lib = resources.files("pyvis") / "lib"
        versions = sorted(
            (
                p
                for p in lib.iterdir()
                if p.name.startswith("vis-") and (p / "vis-network.min.js").is_file()
            ),
            key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.name)),
        )
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise ConfigError(
            "the explorer needs the vis-network script bundled with pyvis; "
            "install it with: pip install 'pyvis>=0.3.2'"
        ) from err
    if not versions:
        raise ConfigError(
            "pyvis is installed but has no lib/vis-*/vis-network.min.js; reinstall pyvis"
        )
    return (versions[-1] / "vis-network.min.js").read_text("utf-8")


def _script_safe(code: str) -> str:
    """Code that cannot end its ``<script>`` element early (nor point devtools at a source map)."""
    code = re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.MULTILINE)
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def to_json(payload: object) -> str:
    """JSON that is safe inside a ``<script>`` element and in JavaScript string contexts."""
    # check_circular off: the payload is plain data built here (a cycle would recurse until
    # RecursionError instead of ValueError), and checking costs a tenth of the encoding.
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), check_circular=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


@functools.lru_cache(maxsize=1)
def _inlined_assets() -> dict[str, str]:
    """The style and scripts every page inlines, made safe once (vis-network is 0.5 MB)."""
    return {
        "CSS": _asset("explorer.css").replace("</", "<\\/"),
        "VIS": _script_safe(vis_network_js()),
        "APP": _script_safe(_asset("explorer.js")),
    }


def _render(payload: dict[str, Any], title: str) -> str:
    nonce = secrets.token_urlsafe(16)
    values = {
        "TITLE": html.escape(title),
        "NONCE": nonce,
        "DATA": to_json(payload),
        **_inlined_assets(),
    }
    # One pass over the template only: inserted text is never scanned for placeholders.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("explorer.html"))
