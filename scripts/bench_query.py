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
import json
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.sparql import run  # noqa: E402
from kg.store import _ox_dataset, new_dataset  # noqa: E402

_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*\((required|optional)\)\s*:.*?Example:\s*(\S+)", re.M)
_DOC = re.compile(rb"https://w3id\.org/kgzh/id/doc/([0-9a-f]{20})")
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
    """The base graph as N-Quads: a file, a store folder, or a build of examples/."""
    if base is None:
        from kg.builder import build

        ds = build([ROOT / "examples"])
        store = ds.store._inner  # type: ignore[attr-defined]
    elif Path(base).is_dir():
        store = ox.Store.read_only(base)
    else:
        store = ox.Store()
        store.load(path=base)
    out = ox.serialize(store, format=ox.RdfFormat.N_QUADS)
    assert out is not None
    return out


def replicate(base: bytes, triples: int) -> bytes:
    """Copies of ``base``, the k-th with documents renamed ``…-k``, cut at ``triples`` lines."""
    lines = base.splitlines(keepends=True)
    out: list[bytes] = []
    k = 0
    while len(out) < triples:
        doc = f"\\g<0>-{k}".encode()
        source = f"\\g<1>#{k}\\g<2>".encode()
        for line in lines:
            out.append(_SOURCE.sub(source, _DOC.sub(doc, line)))
            if len(out) >= triples:
                break
        k += 1
    return b"".join(out)


class Timeout(Exception):
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


def oxigraph_binary() -> str:
    from kg.server import oxigraph_binary as find

    return find()


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
            proc = None
            if name == "rdflib":
                graph: Any = new_dataset("memory")
                graph.parse(data=data, format="nquads")
            elif name == "oxigraph":
                inner = ox.Store()
                inner.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                graph = _ox_dataset(inner)
            elif name == "disk":
                inner = ox.Store(str(folder))
                inner.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                inner.flush()
                graph = _ox_dataset(inner)
            elif name == "server":
                if not folder.exists():
                    inner = ox.Store(str(folder))
                    inner.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                    inner.flush()
                    del inner
                from kg.remote import RemoteStore
                from kg.server import server

                cm = server(folder, bind=f"127.0.0.1:{_free_port()}")
                url = cm.__enter__()
                proc = cm
                graph = RemoteStore(url).dataset
            else:
                raise SystemExit(f"unknown store {name}")
            entry["load_s"] = round(time.perf_counter() - t, 2)
            try:
                for qname, (sparql, params) in qs.items():
                    entry[qname] = measure(graph, sparql, params, repeat, limit)
                    print(f"{n:>9,} {name:<9} {qname:<22} {entry[qname]}", flush=True)
            finally:
                if proc is not None:
                    proc.__exit__(None, None, None)
                if name == "disk":
                    graph.store.close()
                    del graph, inner
    return result


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
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(table(results))
    return 0


def table(results: dict[str, Any]) -> str:
    """A Markdown table: one row per query and size, one column per store (ms)."""
    lines = []
    for size in results["sizes"]:
        stores = list(size["stores"])
        lines.append(
            f"\n{size['triples']:,} triples (load s: "
            + ", ".join(f"{s} {size['stores'][s].get('load_s', '-')}" for s in stores)
            + ")\n"
        )
        lines.append("| query | " + " | ".join(stores) + " |")
        lines.append("| --- |" + " ---: |" * len(stores))
        names = [k for k in next(iter(size["stores"].values())) if k not in ("load_s", "note")]
        for s in stores:
            names = names or [k for k in size["stores"][s] if k not in ("load_s", "note")]
        for q in names:
            cells = []
            for s in stores:
                r = size["stores"][s].get(q)
                cells.append("-" if r is None else r.get("note") or f"{r['ms']} ({r['rows']})")
            lines.append(f"| {q} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
