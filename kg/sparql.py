"""SPARQL over kg graphs: running queries, binding parameters, formatting results.

Parameters are passed as SPARQL bindings (never formatted into the query
text). A Python value becomes an RDF term by :func:`to_term`: an
``http(s)://`` or ``urn:`` string is an IRI, any other string a ``@zh``
literal (labels are Chinese), numbers and booleans typed literals.

    >>> from kg.store import new_dataset
    >>> query(new_dataset(), "SELECT ?x WHERE { VALUES ?x { 1 2 } }").x.tolist()
    [1, 2]
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import QueryError
from kg.store import ensure_union, open_graph
from kg.vocab import PREFIXES

__all__ = ["format_result", "query", "read_query", "run", "to_term"]


def to_term(value: object) -> Identifier:
    """The RDF term a Python binding stands for."""
    if isinstance(value, Identifier):
        return value
    if isinstance(value, str):
        if value.startswith(("http://", "https://", "urn:")):
            return URIRef(value)
        return Literal(value, lang="zh")
    return Literal(value)


def read_query(text_or_path: str) -> str:
    """The query text: ``text_or_path`` itself, or the contents of a ``.rq``/``.sparql`` file."""
    if text_or_path.endswith((".rq", ".sparql")) and "\n" not in text_or_path:
        path = Path(text_or_path)
        if not path.is_file():
            raise QueryError(f"{text_or_path}: no such query file")
        return path.read_text("utf-8")
    return text_or_path


def run(
    graph: Graph | str | os.PathLike[str],
    sparql: str | None = None,
    *,
    named: str | None = None,
    **bindings: object,
) -> Result:
    """Run ``sparql`` on ``graph`` (a graph object or an RDF file) and return rdflib's result.

    ``named`` runs a query of the library instead (:mod:`kg.named`); its
    parameters are checked (an unknown or missing one is a
    :class:`~kg.errors.ConfigError`).
    """
    sparql = _text(sparql, named, bindings)
    g = open_graph(graph)
    ensure_union(g)
    init = {name: to_term(value) for name, value in bindings.items()}
    try:
        try:
            return g.query(sparql, initNs=PREFIXES, initBindings=init)
        except RuntimeError as err:
            if not init or "SELECT projection" not in str(err):
                raise
        # Oxigraph substitutes bindings only for projected variables; otherwise
        # bind through a trailing VALUES clause, with terms serialised by rdflib.
        return g.query(sparql + "\n" + _values_clause(init), initNs=PREFIXES)
    except Exception as err:  # parser and engine errors come in many types
        message = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(f"SPARQL query failed: {message}") from err


def _text(sparql: str | None, named: str | None, bindings: dict[str, object]) -> str:
    if named is None:
        if sparql is None:
            raise QueryError("no query: give SPARQL text or named=NAME (see kg.named_queries())")
        return sparql
    if sparql is not None:
        raise QueryError(f"give SPARQL text or named={named!r}, not both")
    from kg.named import named_query

    nq = named_query(named)
    nq.check(bindings)
    return nq.text


def _values_clause(bindings: dict[str, Identifier]) -> str:
    names = " ".join(f"?{name}" for name in bindings if name.isidentifier())
    if len(names.split()) != len(bindings):
        raise QueryError(f"invalid variable name in bindings: {sorted(bindings)}")
    terms = " ".join(term.n3() for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def query(
    graph: Graph | str | os.PathLike[str],
    sparql: str | None = None,
    *,
    named: str | None = None,
    **bindings: object,
) -> Any:
    """Run ``sparql``; SELECT gives a :class:`pandas.DataFrame`, ASK a bool, CONSTRUCT a Graph.

    DataFrame cells hold Python values: strings for IRIs and literals,
    numbers for numeric literals. ``named`` runs a named query of the
    library instead, e.g. ``query(graph, named="people-posts", place="焦作市")``
    (:func:`kg.named.named_queries` lists them).
    """
    result = run(graph, sparql, named=named, **bindings)
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    import pandas as pd

    names = [str(v) for v in result.vars or ()]
    rows = [[_python(row.get(v)) for v in result.vars or ()] for row in _rows(result)]
    return pd.DataFrame(rows, columns=names)


def _rows(result: Result) -> list[Any]:
    return list(result.bindings) if result.bindings is not None else []


def _python(term: Node | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool)) else str(term)
    return str(term)


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result as ``table`` (aligned, CJK-aware), ``csv`` or ``json``.

    Table cells are cut at 60 columns (full values: ``csv`` or ``json``).

    ``json`` is the W3C SPARQL 1.1 Query Results JSON format; a CONSTRUCT
    result is written as Turtle whatever ``fmt`` says.
    """
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph.serialize(format="turtle")  # type: ignore[union-attr]
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)})
        return "true" if result.askAnswer else "false"
    names = [str(v) for v in result.vars or ()]
    rows = [[row.get(v) for v in result.vars or ()] for row in _rows(result)]
    if fmt == "json":
        return json.dumps(
            {
                "head": {"vars": names},
                "results": {
                    "bindings": [
                        {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                        for row in rows
                    ]
                },
            },
            ensure_ascii=False,
            indent=1,
        )
    cells = [[_cell(t) for t in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(cells)
        return out.getvalue()
    if fmt == "table":
        return _table(names, [[_clip(c, _MAX_CELL) for c in row] for row in cells])
    raise QueryError(f"unknown result format {fmt!r}; use table, csv or json")


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    text = str(term)
    for prefix, ns in PREFIXES.items():
        if isinstance(term, URIRef) and text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)) :]}"
    return text.replace("\n", "\\n")


_MAX_CELL = 60


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, with … marking the cut."""
    if _width(text) <= width:
        return text
    out, used = [], 1
    for ch in text:
        used += _width(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out) + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(names), "  ".join("-" * w for w in widths)]
    out.extend(line(r) for r in rows)
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
