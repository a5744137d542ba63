"""IPython magics: SPARQL cells and the explorer inline, with no network.

``%load_ext kg`` registers:

``%%sparql [GRAPH] [--out VAR] [--param NAME=VALUE ...] [--timeout S] [--allow-service]``
    Runs the cell's SPARQL and shows the result as a DataFrame; with
    ``--out`` the DataFrame is also stored in the notebook's variable ``VAR``.
    Parameters are bindings, never text substitution. A ``SERVICE`` clause
    is refused without ``--allow-service``; ``--timeout`` (and
    ``--max-memory MB``) bound the query as :func:`kg.sparql.run` does.

``%sparql [GRAPH] --named NAME [--out VAR] [--param NAME=VALUE ...]``
    The same for a named query (:func:`kg.named_queries`), on one line.

``%kg_viz GRAPH [--focus NAME] [--hops N] [--types T1,T2]``
    Shows the explorer page of the graph inline (``kg.viz``).

``GRAPH`` is the name of a variable holding a graph (``graph = kg.build(…)``)
or the path of an RDF file; ``%%sparql`` without it reuses the last graph
a magic used. Errors kg raises on purpose are shown as one line, without a
traceback. IPython expands ``{expr}`` and ``$var`` in the magic line, so
``--param place={city}`` binds the value of ``city``.

    %load_ext kg
    graph = kg.build(["../examples"])

    %%sparql graph --out people
    SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; rdfs:label ?name }

    %kg_viz graph --focus 焦作市
"""

from __future__ import annotations

import argparse
import os
import shlex
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, line_magic, magics_class
from rdflib import Graph

from kg.errors import KGError

__all__ = ["KGMagics", "load_ipython_extension"]


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting the kernel."""

    def error(self, message: str) -> Any:
        raise UsageError(f"{self.prog}: {message}")

    def exit(self, status: int = 0, message: str | None = None) -> Any:
        raise UsageError(message or self.format_usage())


def _sparql_parser() -> _Parser:
    p = _Parser(prog="%%sparql", add_help=False)
    p.add_argument("graph", nargs="?", metavar="GRAPH")
    p.add_argument("--out", metavar="VAR", help="store the result in this variable")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--named", metavar="NAME", help="run a named query (the cell may be empty)")
    p.add_argument("--allow-service", action="store_true", help="run SERVICE clauses")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="stop the query after this")
    p.add_argument("--max-memory", type=int, metavar="MB", help="stop the query above this")
    return p


def _viz_parser() -> _Parser:
    p = _Parser(prog="%kg_viz", add_help=False)
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--focus", metavar="NAME")
    p.add_argument("--hops", type=int, default=1)
    p.add_argument("--types", metavar="T1,T2")
    return p


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isidentifier():
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE")
        if name in ("allow_service", "timeout", "max_memory_mb", "named"):
            raise UsageError(f"--param {name}: that name is reserved; rename the variable")
        out[name] = value
    return out


@magics_class
class KGMagics(Magics):
    """``%%sparql`` and ``%kg_viz``; see the module documentation."""

    def __init__(self, shell: Any) -> None:
        super().__init__(shell)
        self._last: Graph | None = None

    def _graph(self, name: str | None) -> Graph:
        """The graph a magic names: a variable, or an RDF file (opened once per call)."""
        from kg.store import open_graph

        if name is None:
            if self._last is None:
                raise UsageError("no graph: name one, e.g. %%sparql graph (a variable or a file)")
            return self._last
        ns: dict[str, Any] = self.shell.user_ns if self.shell is not None else {}
        value = ns.get(name) if name.isidentifier() else None
        if isinstance(value, Graph):
            graph = value
        elif isinstance(value, (str, os.PathLike)):
            graph = open_graph(value)
        elif value is None and os.path.exists(os.path.expanduser(name)):
            graph = open_graph(os.path.expanduser(name))
        elif value is not None:
            raise UsageError(f"{name} is a {type(value).__name__}, not a graph or a file path")
        else:
            raise UsageError(f"{name}: no such variable or RDF file")
        self._last = graph
        return graph

    @line_cell_magic
    def sparql(self, line: str, cell: str | None = None) -> Any:
        """Run the cell's SPARQL on GRAPH; show the DataFrame (ASK: a bool, CONSTRUCT: a Graph).

        As a line magic (``%sparql GRAPH --named NAME …``) it runs a named query.
        """
        from kg.sparql import query

        args = _sparql_parser().parse_args(shlex.split(line))
        text = cell if cell is not None and cell.strip() else None
        if text is not None and args.named:
            raise UsageError("%%sparql: give --named NAME or SPARQL in the cell, not both")
        if text is None and not args.named:
            raise UsageError("%sparql: no query; write one in a %%sparql cell or give --named NAME")
        if args.out is not None and not args.out.isidentifier():
            raise UsageError(f"--out {args.out!r}: not a Python variable name")
        try:
            result = query(
                self._graph(args.graph),
                text,
                named=args.named,
                allow_service=args.allow_service,
                timeout=args.timeout,
                max_memory_mb=args.max_memory,
                **_params(args.param),
            )
        except KGError as err:
            raise UsageError(str(err)) from None
        if args.out is not None and self.shell is not None:
            self.shell.user_ns[args.out] = result
        return result

    @line_magic
    def kg_viz(self, line: str) -> None:
        """Show the explorer page of GRAPH inline."""
        import kg

        args = _viz_parser().parse_args(shlex.split(line))
        types = [t.strip() for t in args.types.split(",") if t.strip()] if args.types else None
        try:
            page = kg.viz(self._graph(args.graph), focus=args.focus, hops=args.hops, types=types)
        except KGError as err:
            raise UsageError(str(err)) from None
        from IPython.display import display

        display(page)


def load_ipython_extension(ipython: Any) -> None:
    """Register the magics; ``%load_ext kg`` calls this via :func:`kg.load_ipython_extension`."""
    ipython.register_magics(KGMagics)
