"""Benchmark the named queries on rdflib's store, Oxigraph in memory, on disk, and as a server.

The data: a base graph (by default, ``kg build`` of the bundled examples/;
or any N-Quads/TriG file or store folder given with ``--base``) copied with
fresh document IRIs and sources until it reaches each size, so every size
holds the same kind of graph: the entities are shared between copies (as
between real articles), the documents, sentences and mentions are not.

Every query of ``kg/queries/*.rq`` (or the ``.rq`` files given with
``--queries``) runs through :func:`kg.sparql.run`, as ``kg query`` runs it,
with the example values its header declares; the time is the median of
``--repeat`` runs after one warm-up, results fully read.

    python scripts/bench_query.py --sizes 1e5 1e6 --json out/bench_query.json

Nothing here is imported by kg.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.sparql import run  # noqa: E402
from kg.store import _ox_dataset, new_dataset  # noqa: E402

_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*\((required|optional)\)\s*:.*?Example:\s*(\S+)", re.M)
_SOURCE = re.compile(rb'(<http://purl\.org/dc/terms/source> "[^"]*)(")')


#: Representative queries of our own (the README's examples and a count), beside the named ones.
OWN: dict[str, tuple[str, dict[str, str]]] = {
    "own:posts": (
        """SELECT DISTINCT ?person ?post ?organisation ?sentence WHERE {
  ?m a org:Membership ; org:member ?p ; org:role ?r ; org:organization ?o ;
     prov:wasDerivedFrom ?s .
  ?p rdfs:label ?person . ?r rdfs:label ?post . ?o rdfs:label ?organisation .
  ?s nif:anchorOf ?sentence .
} LIMIT 1000""",
        {},
    ),
    "own:counties": (
        """SELECT DISTINCT ?county ?code WHERE {
  ?city rdfs:label ?name .
  ?c schema:containedInPlace ?city ; rdfs:label ?county ; kg:adminCode ?code .
}""",
        {"name": "焦作市"},
    ),
    "own:sentences": (
        """SELECT DISTINCT ?sentence ?source WHERE {
  ?p rdfs:label ?name .
  ?mention itsrdf:taIdentRef ?p ; nif:sentence ?s ; nif:referenceContext ?doc .
  ?s nif:anchorOf ?sentence .
  ?doc dcterms:source ?source .
} LIMIT 1000""",
        {"name": "韩立川"},
    ),
    "own:people": ("SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a foaf:Person }", {}),
}


def queries(paths: list[Path]) -> dict[str, tuple[str, dict[str, str]]]:
    """Name → (SPARQL text, example bindings) of each query file, then :data:`OWN`."""
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for path in paths:
        text = path.read_text("utf-8")
        params = {name: value for name, _, value in _PARAM.findall(text)}
        found[path.stem] = (text, params)
    return found | OWN


def base_nquads(base: str | None) -> bytes:
    """The named graphs of the base graph as N-Quads.

    The base is an N-Quads/TriG file, a store folder, or (by default) a
    build of examples/ and the gold sets of tests/gold (our own fictional
    articles, about 110 documents).
    """
    if base is None:
        from kg.builder import build

        inputs = [ROOT / "examples", *sorted((ROOT / "tests" / "gold").glob("*.jsonl"))]
        store = build(inputs).store._inner  # type: ignore[attr-defined]
    elif Path(base).is_dir():
        store = ox.Store.read_only(base)
    else:
        store = ox.Store()
        store.load(path=base)
    named = (q for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
    out = ox.serialize(named, format=ox.RdfFormat.N_QUADS)
    assert out is not None
    return out


#: IRIs renamed in every copy: documents (with their sentences and mentions,
#: ``doc/HASH#char=…``) and every entity but the divisions, whose IRIs are
#: their codes and so are shared by all the documents about a place.
_RENAMED = re.compile(
    rb"(<https://w3id\.org/kgzh/id/(?:doc|person|organization|place|event|project|membership)/"
    rb"[0-9a-f]{20})"
)
_ENTITY = re.compile(
    rb"^<https://w3id\.org/kgzh/id/(?:person|organization|place|event|project)/[0-9a-f]{20}> "
    rb"<http://www\.w3\.org/(?:2000/01/rdf-schema#label|2004/02/skos/core#altLabel)> \"[^\"]*"
)


def replicate(base: bytes, triples: int) -> bytes:
    """Copies of ``base`` cut at ``triples`` quads; copy k > 0 renamed apart from the others.

    In copy k every document IRI, every entity IRI but the divisions' and the
    names of those entities (``rdfs:label``, ``skos:altLabel``) get the
    suffix k (韩立川 → 韩立川3), and the source file ``#k``: copy k is k new
    articles about new people, organisations, events and projects in the
    same places. Copy 0 keeps the names, so the queries' example values
    match what they match in the base graph (once, not once per copy).
    """
    lines = base.splitlines(keepends=True)
    out: list[bytes] = [] if triples < len(lines) else list(lines)
    k = 1 if out else 0
    while len(out) < triples:
        if k == 0:
            out.extend(lines[: triples - len(out)])
            break
        iri = f"\\g<1>-{k}".encode()
        label = f"\\g<0>{k}".encode()
        source = f"\\g<1>#{k}\\g<2>".encode()
        for line in lines:
            line = _ENTITY.sub(label, line)
            out.append(_SOURCE.sub(source, _RENAMED.sub(iri, line)))
            if len(out) >= triples:
                break
        k += 1
    return b"".join(out)


#: The target of issue 7 for every named query at 10^6 triples on the embedded store.
TARGET_MS = 200


class Timeout(BaseException):  # not Exception: kg.sparql turns those into QueryError
    pass


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def fire(*_: object) -> None:
        raise Timeout

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def measure(
    graph: Any, sparql: str, params: dict[str, str], repeat: int, limit: float
) -> dict[str, Any]:
    times: list[float] = []
    rows = 0
    try:
        with time_limit(limit):
            for i in range(repeat + 1):
                t = time.perf_counter()
                rows = len(list(run(graph, sparql, **params)))
                if i:  # the first run warms caches
                    times.append(time.perf_counter() - t)
    except Timeout:
        return {"ms": None, "rows": None, "note": f"> {limit:.0f} s"}
    return {"ms": round(statistics.median(times) * 1000, 1), "rows": rows}


def load_oxigraph(inner: ox.Store, data: bytes) -> None:
    """Bulk-load the named graphs, then their union as the default graph, as kg keeps it."""
    inner.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    inner.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object)
        for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)
    )


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """``oxigraph serve-read-only`` over ``folder`` on a free loopback port; its query URL.

    The URL names ``/query``, so queries read the store's default graph (the
    union kg maintains), not Oxigraph's ``union-default-graph`` view.
    """
    from kg.server import oxigraph_binary

    bind = f"127.0.0.1:{_free_port()}"
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve-read-only", "--location", str(folder), "--bind", bind],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://{bind}/query"
        end = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"oxigraph serve-read-only exited ({proc.returncode})")
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > end:
                    raise SystemExit("oxigraph serve-read-only did not answer in 60 s") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def bench_size(
    data: bytes,
    qs: dict[str, tuple[str, dict[str, str]]],
    stores: list[str],
    repeat: int,
    limit: float,
    rdflib_max: int,
) -> dict[str, Any]:
    n = data.count(b"\n")
    result: dict[str, Any] = {"triples": n, "stores": {}}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        folder = Path(tmp) / "g.oxi"
        for name in stores:
            entry: dict[str, Any] = {}
            result["stores"][name] = entry
            if name == "rdflib" and n > rdflib_max:
                entry["note"] = f"not run above {rdflib_max:,} triples (--rdflib-max)"
                continue
            t = time.perf_counter()
            with contextlib.ExitStack() as stack:
                if name == "rdflib":
                    graph: Any = new_dataset("memory")
                    graph.parse(data=data, format="nquads")
                elif name == "oxigraph":
                    graph = _ox_dataset(_loaded(ox.Store(), data))
                elif name in ("disk", "server"):
                    if not folder.exists():
                        _loaded(ox.Store(str(folder)), data).flush()
                    if name == "disk":
                        graph = _ox_dataset(ox.Store.read_only(str(folder)))
                        stack.callback(graph.store.close)
                    else:
                        from kg.remote import RemoteStore

                        graph = RemoteStore(stack.enter_context(oxigraph_server(folder))).dataset
                else:
                    raise SystemExit(f"unknown store {name}")
                entry["load_s"] = round(time.perf_counter() - t, 2)
                for qname, (sparql, params) in qs.items():
                    entry[qname] = measure(graph, sparql, params, repeat, limit)
                    print(f"{n:>9,} {name:<9} {qname:<22} {entry[qname]}", flush=True)
                del graph
                gc.collect()
    return result


def _loaded(inner: ox.Store, data: bytes) -> ox.Store:
    load_oxigraph(inner, data)
    return inner


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import os

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = subprocess.run(
        [sys.executable, "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True
    ).stdout
    keep = [
        v
        for v in versions.split()
        if v.split("==")[0] in ("rdflib", "pyoxigraph", "oxigraph", "oxrdflib")
    ]
    python = platform.python_version()
    return f"{cpu}, {os.cpu_count()} CPUs, {mem:.0f} GiB, Python {python}, {', '.join(keep)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e5, 1e6])
    parser.add_argument("--base", help="N-Quads/TriG file or store folder to replicate")
    parser.add_argument("--queries", nargs="*", type=Path, help=".rq files (default kg/queries)")
    parser.add_argument("--stores", default="rdflib,oxigraph,disk,server")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per query and store")
    parser.add_argument("--rdflib-max", type=float, default=1e6)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)

    qs = queries(args.queries or sorted((ROOT / "kg" / "queries").glob("*.rq")))
    base = base_nquads(args.base)
    print(f"machine: {machine()}")
    n_base = base.count(b"\n")
    print(f"base graph: {n_base:,} quads; queries: {', '.join(qs)}")
    results = {"machine": machine(), "sizes": []}
    for size in args.sizes:
        data = replicate(base, int(size))
        results["sizes"].append(
            bench_size(
                data, qs, args.stores.split(","), args.repeat, args.limit, int(args.rdflib_max)
            )
        )
        del data
        if args.json:  # after each size, so a long run keeps what it measured
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    """A Markdown table: one row per query and size, one column per store (ms)."""
    lines = []
    for size in results["sizes"]:
        stores = list(size["stores"])
        embedded = [s for s in ("oxigraph", "disk") if s in stores]
        lines.append(
            f"\n{size['triples']:,} triples (load s: "
            + ", ".join(f"{s} {size['stores'][s].get('load_s', '-')}" for s in stores)
            + ")\n"
        )
        target = f" | ≤ {TARGET_MS} ms embedded" if embedded else ""
        lines.append("| query | " + " | ".join(stores) + target + " |")
        lines.append("| --- |" + " ---: |" * len(stores) + (" --- |" if embedded else ""))
        names = [k for k in next(iter(size["stores"].values())) if k not in ("load_s", "note")]
        for s in stores:
            names = names or [k for k in size["stores"][s] if k not in ("load_s", "note")]
        for q in names:
            cells = []
            for s in stores:
                r = size["stores"][s].get(q)
                cells.append("-" if r is None else r.get("note") or f"{r['ms']} ({r['rows']})")
            if embedded:
                ms = [(size["stores"][s].get(q) or {}).get("ms") for s in embedded]
                met = all(m is not None and m <= TARGET_MS for m in ms)
                cells.append("yes" if met else "**no**")
            lines.append(f"| {q} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
