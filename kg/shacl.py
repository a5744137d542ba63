"""Checking a graph against kg's SHACL shapes (``ontology/shapes.ttl``).

The shapes encode the public RDF contract: every entity has both its kg and
its standard type and exactly one ``rdfs:label`` tagged ``zh``; every mention
and sentence is a NIF span whose ``nif:anchorOf`` is exactly the document text
between its offsets; every post and relation has a sentence as evidence.

kg writes one named graph per document, and a relation in one document may
use an entity typed and labelled in another, so a dataset is validated as the
union of its graphs.

    >>> from rdflib import Graph, Literal, URIRef
    >>> from kg.vocab import FOAF, KG, RDF, RDFS
    >>> g = Graph()
    >>> person = URIRef("https://w3id.org/kgzh/id/person/1")
    >>> _ = g.add((person, RDF.type, KG.Person))
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> [r.path.n3(g.namespace_manager) for r in report.results]
    ['rdf:type', 'rdfs:label']
    >>> _ = g.add((person, RDF.type, FOAF.Person))
    >>> _ = g.add((person, RDFS.label, Literal("刘建国", lang="zh")))
    >>> validate(g).conforms
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple
from typing import Literal as TypingLiteral

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, NamespaceManager
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import ConfigError
from kg.vocab import PREFIXES, RDF

__all__ = ["ValidationReport", "ValidationResult", "validate"]

_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


class ValidationResult(NamedTuple):
    """One problem: the node it is about, the property, what is wrong, how bad.

    ``path`` is the property (a :class:`~rdflib.URIRef`), an rdflib property
    path such as ``^nif:sentence/nif:endIndex`` for a longer SHACL path, or
    ``None`` when the problem is with the node as a whole.
    """

    focus: Node
    path: URIRef | Path | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    ``conforms`` is true when no result is a violation; ``results`` are
    sorted (violations first) and free of duplicates; ``text`` has one line
    per result, for people.
    """

    conforms: bool
    results: tuple[ValidationResult, ...]
    text: str


def validate(graph: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Check ``graph`` against the SHACL ``shapes`` (by default kg's own).

    ``graph`` may be a plain graph or a dataset of named graphs (any store,
    Oxigraph included); a dataset is checked as the union of all its graphs.
    No inference is made: the shapes name every class they target.
    """
    from pyshacl import validate as shacl_validate
    from pyshacl.errors import ReportableRuntimeError

    if shapes is None:
        from kg.ontology import load_shapes

        shapes = load_shapes()
    data = _copy(graph)
    try:
        conforms, report, _ = shacl_validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=False,
            allow_warnings=True,
            abort_on_first=False,
        )
    except ReportableRuntimeError as err:
        raise ConfigError(f"the SHACL shapes cannot be applied: {err.message}") from err
    results = _results(report)
    return ValidationReport(conforms=bool(conforms), results=results, text=_text(results))


class _PreparedGraph(Graph):
    """An in-memory graph that parses each distinct SPARQL text only once.

    pyshacl runs a SPARQL constraint once per focus node, passing the query
    as text; parsing it dominates (milliseconds each), so cache the parse.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Result:
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepare(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def _copy(graph: Graph) -> Graph:
    """All triples of ``graph`` (of every named graph, for a dataset) in memory."""
    data = _PreparedGraph(bind_namespaces="none")
    if graph.context_aware:
        quads = graph.quads((None, None, None, None))  # type: ignore[attr-defined]
        data.addN((s, p, o, data) for s, p, o, _ in quads)
    else:
        data.addN((s, p, o, data) for s, p, o in graph)
    return data


def _results(report: Graph) -> tuple[ValidationResult, ...]:
    found = set()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        if focus is None:
            continue
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        if not messages:
            messages = [str(report.value(node, SH.sourceConstraintComponent))]
        severity = report.value(node, SH.resultSeverity)
        found.add(
            ValidationResult(
                focus=focus,
                path=_path(report, report.value(node, SH.resultPath)),
                message=" ".join(messages),
                severity=_local_name(severity) if severity is not None else "Violation",
            )
        )
    return tuple(
        sorted(
            found,
            key=lambda r: (
                _SEVERITY_ORDER.get(r.severity, 3),
                str(r.focus),
                str(r.path),
                r.message,
            ),
        )
    )


#: SHACL's repetition paths and rdflib's path modifiers (``ZeroOrMore`` … are typed ``str``).
_REPEATS: tuple[tuple[URIRef, TypingLiteral["*", "+", "?"]], ...] = (
    (SH.zeroOrMorePath, "*"),
    (SH.oneOrMorePath, "+"),
    (SH.zeroOrOnePath, "?"),
)


def _path(graph: Graph, node: Node | None) -> URIRef | Path | None:
    """A SHACL property path (RDF nodes in ``graph``) as an rdflib path, if it is one."""
    if node is None or isinstance(node, URIRef):
        return node
    try:
        return _complex_path(graph, node)
    except ValueError:
        return None


def _complex_path(graph: Graph, node: Node) -> URIRef | Path:
    if isinstance(node, URIRef):
        return node
    if graph.value(node, RDF.first) is not None:
        return SequencePath(*(_complex_path(graph, item) for item in Collection(graph, node)))
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return InvPath(_complex_path(graph, inverse))
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        items = Collection(graph, alternatives)
        return AlternativePath(*(_complex_path(graph, item) for item in items))
    for predicate, repeat in _REPEATS:
        inner = graph.value(node, predicate)
        if inner is not None:
            return MulPath(_complex_path(graph, inner), repeat)
    raise ValueError(f"not a SHACL path: {node!r}")


def _local_name(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1]


def _text(results: tuple[ValidationResult, ...]) -> str:
    if not results:
        return "Conforms: no problems found."
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        names.bind(prefix, namespace)
    lines = []
    for r in results:
        where = r.focus.n3(names)
        if r.path is not None:
            where += " " + r.path.n3(names)
        lines.append(f"{r.severity}: {where}: {r.message}")
    return "\n".join(lines)
