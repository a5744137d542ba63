"""SPARQL over kg graphs: running queries, binding parameters, formatting results.

Parameters are bound to SPARQL variables, never formatted into the query
as strings. A Python value becomes an RDF term by :func:`to_term`: an
``http(s)://`` or ``urn:`` string is an IRI, any other string a ``@zh``
literal (labels are Chinese), numbers and booleans typed literals. On
Oxigraph and on a SPARQL server each bound variable is replaced by its term,
written in SPARQL syntax with every character that could end it escaped
(:func:`substitute`, the substitution of SPARQL 1.2 / SEP-0007): the query
planner then sees a constant and starts from it, and a server evaluates the
query for that value only, where a trailing ``VALUES`` clause makes it
evaluate the query for every value and join at the end, without reaching
into subqueries. rdflib's own engine takes the bindings as they are.

    >>> from kg.store import new_dataset
    >>> query(new_dataset(), "SELECT ?x WHERE { VALUES ?x { 1 2 } }").x.tolist()
    [1, 2]

Safety. A ``SERVICE`` clause makes the machine running the query call
whatever address the query names, so a query with one is refused
(:class:`~kg.errors.QueryRefusedError`) unless the caller passes
``allow_service=True`` (``kg query --allow-service``); it is found by parsing
the query, not by looking for the word. For the same reason rdflib's own
engine does not fetch the IRIs of ``FROM`` clauses from the web without it.
``timeout=SECONDS`` runs the query in a forked child process that is killed
when time runs out (Oxigraph's query has no timeout of its own), with its
memory capped too (``max_memory_mb``, by default half the machine's memory):
:class:`~kg.errors.QueryTimeoutError` says which limit stopped it.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import os
import pickle
import re
import select
import signal
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Identifier, Node

from kg.errors import ConfigError, QueryError, QueryRefusedError, QueryTimeoutError
from kg.store import ensure_union, open_graph
from kg.vocab import PREFIXES

__all__ = [
    "check_service",
    "format_result",
    "query",
    "read_query",
    "run",
    "service_calls",
    "sparql_term",
    "substitute",
    "to_term",
]


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
    allow_service: bool = False,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
    **bindings: object,
) -> Result:
    """Run ``sparql`` on ``graph`` (a graph object, an RDF file, a store folder or an endpoint URL).

    ``named`` runs a query of the library instead (:mod:`kg.named`); its
    parameters are checked (an unknown or missing one is a
    :class:`~kg.errors.ConfigError`). A query with a ``SERVICE`` clause is
    refused unless ``allow_service`` is true. With ``timeout`` (seconds) the
    query runs in a child process stopped after that long, or when it uses
    more than ``max_memory_mb`` (see the module documentation); a remote
    endpoint also gets the timeout on its HTTP requests.
    """
    sparql = _text(sparql, named, bindings)
    check_service(sparql, allow_service)
    limits = _limits(timeout, max_memory_mb)
    if isinstance(graph, str) and graph.startswith(("http://", "https://")) and timeout:
        from kg.remote import RemoteStore

        g: Graph = RemoteStore(graph, timeout=timeout).dataset
    else:
        g = open_graph(graph)
    ensure_union(g)
    init = {name: to_term(value) for name, value in bindings.items()}
    if init and _substitutes(g):
        text = substitute(sparql, init)
        if text is not None:
            sparql, init = text, {}
    if limits is None:
        return _execute(g, sparql, init, allow_service)
    return _bounded(g, sparql, init, allow_service, *limits)


def _execute(g: Graph, sparql: str, init: dict[str, Identifier], allow_service: bool) -> Result:
    try:
        with _no_graph_loading(g, allow_service):
            try:
                result = g.query(sparql, initNs=PREFIXES, initBindings=init)
            except RuntimeError as err:
                if not init or "SELECT projection" not in str(err):
                    raise
                # Oxigraph substitutes bindings only for projected variables; otherwise
                # bind through a trailing VALUES clause, with terms serialised by rdflib.
                result = g.query(sparql + "\n" + _values_clause(init), initNs=PREFIXES)
            if result.type == "SELECT":
                result.bindings  # noqa: B018  (evaluate now: engines fail lazily, mid-iteration)
            return result
    except QueryError:
        raise
    except Exception as err:  # parser and engine errors come in many types
        message = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(f"SPARQL query failed: {message}") from err


def _substitutes(g: Graph) -> bool:
    """Whether bindings go into the query text: on Oxigraph and servers, not rdflib's engine."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    from kg.store import is_oxigraph

    return is_oxigraph(g) or isinstance(g.store, SPARQLStore)


# ----------------------------------------------------------------------------- SERVICE


def check_service(sparql: str, allow_service: bool = False) -> None:
    """Raise :class:`~kg.errors.QueryRefusedError` if ``sparql`` calls a ``SERVICE``.

    >>> check_service('SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }')
    >>> check_service("SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.errors.QueryRefusedError: the query calls SERVICE <http://10.0.0.1/sparql>, ...
    """
    if allow_service:
        return
    targets = service_calls(sparql)
    if targets:
        raise QueryRefusedError(
            f"the query calls SERVICE {', '.join(targets)}, which would make this machine "
            "contact that address; kg refuses it unless you pass --allow-service "
            "(Python: allow_service=True)"
        )


@functools.lru_cache(maxsize=256)
def _service_calls(sparql: str) -> tuple[str, ...]:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    found: list[str] = []
    try:
        tree = parseQuery(sparql)
    except (ParseException, RecursionError, ValueError, TypeError):
        tree = None  # rdflib cannot read it (Oxigraph may): the scan below decides
    if tree is not None:
        found = [_service_target(node.get("term")) for node in _services(tree)]
    if not found and _SERVICE_WORD.search(_code_only(sparql)):
        found = ["(found by a scan of the query text)"]
    return tuple(dict.fromkeys(found))


def service_calls(sparql: str) -> list[str]:
    """The targets of the ``SERVICE`` clauses in ``sparql`` (empty if it has none).

    The query is parsed with rdflib's SPARQL parser and its syntax tree
    searched, so the word in a string, an IRI, a comment or a variable name is
    no call. The text is also scanned for the keyword outside strings, IRIs
    and comments (after ``\\u`` escapes are expanded, as SPARQL does), which
    catches syntax rdflib cannot parse (Oxigraph's extensions).

    >>> service_calls("SELECT * { OPTIONAL { SERVICE SILENT ?endpoint { ?s ?p ?o } } }")
    ['?endpoint']
    >>> service_calls("SELECT ?service WHERE { ?service <urn:p> 'SERVICE' } # SERVICE")
    []
    """
    return list(_service_calls(sparql))


def _services(node: object) -> Iterator[Any]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                yield item
            stack.extend(dict.values(item))
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


def _service_target(term: object) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Node) and hasattr(term, "n3"):
        return str(term.n3())
    prefix = getattr(term, "get", lambda _: None)("prefix")
    local = getattr(term, "get", lambda _: None)("localname")
    if local is not None or prefix is not None:
        return f"{prefix or ''}:{local or ''}"
    return str(term)


# Strings (long and short), IRIs and comments, which may hold the word harmlessly.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*",
    re.S,
)
_SERVICE_WORD = re.compile(r"(?<![\w:@?$.\-])SERVICE(?![\w:\-])", re.I)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _code_only(sparql: str) -> str:
    """``sparql`` with escapes expanded and strings, IRIs and comments blanked out."""
    text = _ESCAPE.sub(lambda m: _char(m.group(1) or m.group(2)), sparql)
    return _NOT_CODE.sub(" ", text)


def _char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"


# ----------------------------------------------------------------------------- substitution

# Strings, IRIs and comments (which may hold a variable's name harmlessly), variables,
# keywords (not the parts of a prefixed name), brackets, and the star of SELECT *.
_TOKEN = re.compile(
    "(?P<skip>" + _NOT_CODE.pattern + ")"
    r"|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]+)"
    r"|(?P<word>(?<![\w:])[A-Za-z]+(?![\w:-]))"
    r"|(?P<open>[({])|(?P<close>[)}])|(?P<star>\*)",
    re.S,
)
_LANG_TAG = re.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
_NOT_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def substitute(sparql: str, bindings: dict[str, Identifier]) -> str | None:
    """``sparql`` with each variable of ``bindings`` replaced by its term; ``None`` if it cannot be.

    The replacement is SPARQL 1.2's substitution (SEP-0007), as Oxigraph's
    ``substitutions``: the variable becomes the constant wherever it occurs,
    in subqueries too, and stays in the results where it is projected, as
    ``(TERM AS ?var)``. A term is written in SPARQL syntax with quotes,
    backslashes and control characters escaped, so no value can end its
    string and add to the query; the query's own strings, IRIs and comments
    are left as they are. ``None`` where the substitution would change what
    the query means (``SELECT *``, ``DESCRIBE``, a variable the query binds
    itself with ``AS`` or ``VALUES``, a blank node as value): bind as before.

    >>> substitute("SELECT ?x WHERE { ?x rdfs:label ?name }", {"name": Literal('a"}', lang="zh")})
    'SELECT ?x WHERE { ?x rdfs:label "a\\\\"}"@zh }'
    >>> q = "SELECT ?name WHERE { ?x rdfs:label ?name } ORDER BY ?name"
    >>> substitute(q, {"name": Literal("x", lang="zh")})
    'SELECT ("x"@zh AS ?name) WHERE { ?x rdfs:label "x"@zh } ORDER BY ("x"@zh)'
    """
    terms = {}
    for name, term in bindings.items():
        text = sparql_term(term)
        if text is None:
            return None
        terms[name] = text
    out: list[str] = []
    depth = 0  # brackets open
    projection: int | None = None  # the depth of a SELECT clause being read
    modifier: int | None = None  # the depth of an ORDER BY or GROUP BY being read
    values_header = False  # between VALUES and its {
    last = ""  # the last keyword or bracket
    done = 0
    for m in _TOKEN.finditer(sparql):
        kind, token = m.lastgroup, m.group()
        out.append(sparql[done : m.start()])
        done = m.end()
        if kind == "word":
            word = token.upper()
            if word == "DESCRIBE":
                return None
            if word == "SELECT":
                projection = depth
            elif word in ("WHERE", "LIMIT", "OFFSET", "HAVING", "VALUES"):
                projection = modifier = None
            elif word == "BY" and last in ("ORDER", "GROUP"):
                modifier = depth
            values_header = values_header or word == "VALUES"
            last = word
        elif kind == "open":
            if token == "{":
                projection = modifier = None
                values_header = False
            depth += 1
            last = token
        elif kind == "close":
            depth -= 1
            if token == "}":
                modifier = None
            last = token
        elif kind == "star":
            if projection is not None and depth == projection:
                return None  # SELECT *: a substituted variable would leave the results
        elif kind == "var" and token[1:] in terms:
            if last == "AS" or values_header:
                return None  # bound by the query itself
            value = terms[token[1:]]
            if projection is not None and depth == projection:
                token = f"({value} AS {token})"
            elif modifier is not None and depth == modifier:
                token = f"({value})"
            else:
                token = value
        out.append(token)
    out.append(sparql[done:])
    return "".join(out)


def sparql_term(term: Identifier) -> str | None:
    """``term`` in SPARQL syntax, escaped; ``None`` for a blank node (a variable in a query).

    >>> sparql_term(Literal('say "hi"\\n<script>', lang="zh"))
    '"say \\\\"hi\\\\"\\\\n<script>"@zh'
    """
    if isinstance(term, URIRef):
        if _NOT_IRI.search(term):
            raise QueryError(f"{str(term)!r}: not an IRI (it has a space, quote or bracket)")
        return f"<{term}>"
    if not isinstance(term, Literal):
        return None
    text = "".join(
        _ECHAR.get(c) or (f"\\u{ord(c):04X}" if c < " " or c == "\x7f" else c) for c in term
    )
    if term.language:
        if not _LANG_TAG.fullmatch(term.language):
            raise QueryError(f"{term.language!r}: not a language tag")
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^{sparql_term(URIRef(term.datatype))}'
    return f'"{text}"'


@contextlib.contextmanager
def _no_graph_loading(graph: Graph, allow_service: bool) -> Iterator[None]:
    """rdflib's engine fetches the IRIs of FROM clauses from the web; not without allow_service."""
    from kg.store import is_oxigraph

    if allow_service or is_oxigraph(graph):
        yield
        return
    import rdflib.plugins.sparql as engine

    saved = engine.SPARQL_LOAD_GRAPHS
    engine.SPARQL_LOAD_GRAPHS = False
    try:
        yield
    finally:
        engine.SPARQL_LOAD_GRAPHS = saved


# ----------------------------------------------------------------------------- limits


def _limits(timeout: float | None, max_memory_mb: int | None) -> tuple[float, int | None] | None:
    """``(seconds, bytes)`` for a bounded run, or ``None`` to run in this process."""
    if timeout is None and max_memory_mb is None:
        return None
    if timeout is not None and not timeout > 0:
        raise ConfigError(f"timeout {timeout!r}: give a number of seconds above 0")
    if max_memory_mb is not None and max_memory_mb <= 0:
        raise ConfigError(f"max_memory_mb {max_memory_mb!r}: give a number of MiB above 0")
    if not hasattr(os, "fork"):
        raise ConfigError("a query timeout or memory limit needs os.fork (Linux or macOS)")
    memory = max_memory_mb << 20 if max_memory_mb is not None else _half_memory()
    return (timeout if timeout is not None else float("inf")), memory


def _half_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return None


def _bounded(
    g: Graph,
    sparql: str,
    init: dict[str, Identifier],
    allow_service: bool,
    timeout: float,
    memory: int | None,
) -> Result:
    """Run the query in a forked child; kill it at ``timeout`` seconds; cap its memory.

    Forking gives the child the graph as it is in this process (an in-memory
    graph included) without copying it; the child sends the result back
    pickled, and nothing it did survives it.
    """
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(g, sparql, init, allow_service, write_end, memory)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    finished = False
    try:
        while not finished:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([read_end], [], [], min(left, 3600.0))
            if ready:
                chunk = os.read(read_end, 1 << 20)
                chunks.append(chunk)
                finished = not chunk
    finally:
        os.close(read_end)
        if not finished:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if not finished:
        raise QueryTimeoutError(
            f"the query did not finish within {timeout:g} s and was stopped; "
            "narrow it (LIMIT, more specific patterns) or give a longer --timeout"
        )
    try:
        kind, payload = pickle.loads(b"".join(chunks))
    except (pickle.UnpicklingError, EOFError, ValueError):
        kind, payload = "died", os.waitstatus_to_exitcode(status)
    if kind == "memory" or (kind == "died" and memory and payload in _KILLED):
        raise QueryTimeoutError(
            f"the query ran out of its memory limit of {(memory or 0) >> 20} MiB and was "
            "stopped; narrow it or raise --max-memory"
        )
    if kind == "died":
        raise QueryError(f"the query's process ended without a result (exit status {payload})")
    if kind == "error":
        raise QueryError(payload)
    return _unpack(payload)


#: Exit codes of a child stopped by an allocation failure (Rust aborts) or the OOM killer.
_KILLED = (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV)


def _child(
    g: Graph,
    sparql: str,
    init: dict[str, Identifier],
    allow_service: bool,
    fd: int,
    memory: int | None,
) -> None:
    code = 0
    try:
        import faulthandler

        faulthandler.disable()  # an abort at the memory cap is expected, not a crash to dump
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)  # an allocator's abort message is ours to report, not to print
        if memory is not None:
            _cap_memory(memory)
        try:
            message: tuple[str, object] = ("ok", _pack(_execute(g, sparql, init, allow_service)))
        except QueryError as err:
            message = ("error", str(err))
        except MemoryError:
            message = ("memory", None)
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except BaseException:  # a child must exit, whatever happened
        code = 1
    finally:
        os._exit(code)


def _cap_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover  (not on POSIX)
        return
    try:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        used = 0
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = used + limit
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _pack(result: Result) -> tuple[str, object]:
    """A picklable form of ``result`` (rdflib terms pickle; results and graphs may not)."""
    if result.type == "ASK":
        return "ASK", bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.type, list(result.graph or ())
    names = list(result.vars or ())
    return "SELECT", (names, [tuple(row.get(v) for v in names) for row in _rows(result)])


def _unpack(packed: tuple[str, Any]) -> Result:
    kind, data = packed
    out = Result(kind)
    if kind == "ASK":
        out.askAnswer = data
    elif kind in ("CONSTRUCT", "DESCRIBE"):
        graph = Graph()
        for triple in data:
            graph.add(triple)
        out.graph = graph
    else:
        names, rows = data
        out.vars = names
        out.bindings = [
            {v: t for v, t in zip(names, row, strict=True) if t is not None} for row in rows
        ]
    return out


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
    allow_service: bool = False,
    timeout: float | None = None,
    max_memory_mb: int | None = None,
    **bindings: object,
) -> Any:
    """Run ``sparql``; SELECT gives a :class:`pandas.DataFrame`, ASK a bool, CONSTRUCT a Graph.

    DataFrame cells hold Python values: strings for IRIs and literals,
    numbers for numeric literals. ``named`` runs a named query of the
    library instead, e.g. ``query(graph, named="people-posts", place="焦作市")``
    (:func:`kg.named.named_queries` lists them). ``allow_service``,
    ``timeout`` and ``max_memory_mb`` are those of :func:`run`.
    """
    result = run(
        graph,
        sparql,
        named=named,
        allow_service=allow_service,
        timeout=timeout,
        max_memory_mb=max_memory_mb,
        **bindings,
    )
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
