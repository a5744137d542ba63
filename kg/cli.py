"""The ``kg`` command: a thin layer over the library.

Each subcommand parses its arguments, calls one library function and prints
the result. Errors the library raises on purpose (:class:`~kg.errors.KGError`)
become one line ``Error: …`` on stderr and a non-zero exit status; the CLI
owns logging (jieba's chatter is silenced here, not at import) and progress bars.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import ConfigError, KGError

__all__ = ["main"]

log = logging.getLogger("kg")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    try:
        # Setting up (jieba's import takes a moment) is inside: Ctrl-C then stops as cleanly.
        args = _parser().parse_args(argv)
        _configure_logging(args.verbose)
        return int(args.func(args) or 0)
    except KGError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (kg query … | head): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return 130


def _configure_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    logging.getLogger("jieba").setLevel(logging.WARNING if verbose < 2 else logging.DEBUG)
    import jieba

    jieba.setLogLevel(logging.WARNING if verbose < 2 else logging.DEBUG)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build and explore RDF knowledge graphs from Chinese text."
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="extract a graph from text files and folders")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".txt/.md/.jsonl files or folders")
    p.add_argument("-o", "--output", help="RDF file: .ttl .trig .nq .nt .jsonld")
    p.add_argument("--extractors", help="comma-separated extractor names (see kg extractors)")
    p.add_argument(
        "--store",
        default="oxigraph",
        help="oxigraph (in memory, default), memory (rdflib), a folder for a persistent store "
        "(./graph.oxi, updated incrementally) or a SPARQL server URL (http://host:port/...)",
    )
    p.add_argument("--update-endpoint", help="SPARQL Update URL, if not derived from --store")
    p.add_argument(
        "--workers", type=int, default=1, help="extraction processes (0: one per CPU; default 1)"
    )
    p.add_argument("--dask", metavar="ADDRESS", help="run extraction on a Dask scheduler")
    p.add_argument("--rebuild", action="store_true", help="re-extract unchanged documents too")
    p.add_argument(
        "--wait", action="store_true", help="wait for another build writing the store to finish"
    )
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=_build)

    p = sub.add_parser("remove", help="drop documents' graphs from a persistent store")
    p.add_argument("store", metavar="STORE", help="store folder or SPARQL server URL")
    p.add_argument("docs", nargs="+", metavar="DOC", help="source path, document id or graph IRI")
    p.add_argument("--update-endpoint", help="SPARQL Update URL, if not derived from STORE")
    p.add_argument("--wait", action="store_true", help="wait for a build writing the store")
    p.set_defaults(func=_remove)

    p = sub.add_parser("serve", help="serve a store as a read-only SPARQL endpoint")
    p.add_argument("store", metavar="STORE", help="store folder (or an RDF file)")
    p.add_argument(
        "--bind",
        default="127.0.0.1:7878",
        help="HOST:PORT to listen on (default 127.0.0.1:7878: this machine only; "
        "0.0.0.0:7878 shares it with the network)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="stop a query after this many seconds (default 60)",
    )
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="run SERVICE clauses (they make this machine call the address the query names)",
    )
    p.set_defaults(func=_serve)

    p = sub.add_parser("query", help="run a SPARQL query on a graph")
    p.add_argument("graph", nargs="?", metavar="GRAPH", help="RDF file written by kg build")
    p.add_argument("query", nargs="?", metavar="QUERY", help="SPARQL text or a .rq file")
    p.add_argument("--named", metavar="NAME", help="run a named query instead (see --list)")
    p.add_argument("--list", action="store_true", help="list the named queries and exit")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to VALUE"
    )
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="run SERVICE clauses (they make this machine call the address the query names)",
    )
    p.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="stop the query after this many seconds"
    )
    p.add_argument(
        "--max-memory",
        type=int,
        metavar="MB",
        help="stop the query if it needs more memory (default with --timeout: half the RAM)",
    )
    p.set_defaults(func=_query)

    p = sub.add_parser("viz", help="write an interactive HTML page of a graph")
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("-o", "--output", required=True, help="the .html file to write")
    p.add_argument("--focus", help="name of the entity to centre on")
    p.add_argument("--hops", type=int, default=1, help="neighbourhood size around --focus")
    p.add_argument("--types", help="comma-separated entity types to show (Person,Organization…)")
    p.add_argument("--query", help="SPARQL CONSTRUCT/SELECT ?s ?p ?o (text or .rq) as the view")
    p.set_defaults(func=_viz)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes")
    p.add_argument("graph", metavar="GRAPH")
    p.set_defaults(func=_validate)

    p = sub.add_parser("stats", help="count documents, entities and relations")
    p.add_argument("graph", metavar="GRAPH")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=_stats)

    p = sub.add_parser("eval", help="precision/recall/F1 against an annotated corpus")
    p.add_argument("gold", metavar="GOLD", help="annotated corpus file")
    p.add_argument("--format", required=True, help="pfr, bio, cluener or kg")
    p.add_argument("--extractors", help="comma-separated extractor names")
    p.add_argument("--limit", type=int, help="only the first N documents")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--errors", metavar="FILE", help="write false positives/negatives here")
    p.set_defaults(func=_eval)

    p = sub.add_parser("extractors", help="list the registered extractors")
    p.set_defaults(func=_extractors)
    return parser


def _names(value: str | None) -> list[str] | None:
    return [n.strip() for n in value.split(",") if n.strip()] if value else None


def _build(args: argparse.Namespace) -> int:
    import time

    from tqdm import tqdm

    from kg.builder import check_inputs, documents, update
    from kg.parallel import default_workers
    from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline
    from kg.store import STORES, format_for, save
    from kg.summary import stats

    _no_file_size_signal()

    if args.output is None and args.store in STORES:
        raise ConfigError("give -o OUTPUT, or --store with a folder or a server URL to build into")
    if args.output is not None:
        format_for(args.output)  # fail on a bad extension before any work
    extractors = _names(args.extractors) or list(DEFAULT_EXTRACTORS)
    Pipeline(extractors)  # fail on an unknown extractor before reading files
    n_docs, n_chars = check_inputs(args.inputs)  # fail on a bad file before any work
    if not n_docs:
        raise KGError("no documents to build (every input was empty)")
    workers = args.workers if args.workers > 0 else default_workers()
    store = _open_store(args.store, args.update_endpoint, args.wait)
    try:
        started = time.perf_counter()
        counted = {"docs": 0, "new": 0}
        with tqdm(
            total=n_chars,
            unit="char",
            unit_scale=True,
            desc="kg build",
            disable=args.no_progress or None,
        ) as bar:

            def progress(doc: object, extracted: bool) -> None:
                counted["docs"] += 1
                counted["new"] += extracted
                bar.update(len(doc.text))  # type: ignore[attr-defined]
                elapsed = max(time.perf_counter() - started, 1e-9)
                bar.set_postfix_str(
                    f"{counted['docs']}/{n_docs} docs, {counted['docs'] / elapsed:.1f} docs/s",
                    refresh=False,
                )

            report = update(
                store,
                documents(args.inputs, checked=True),
                extractors=extractors,
                workers=workers,
                dask=args.dask,
                rebuild=args.rebuild,
                progress=progress,
            )
        if args.output is not None:
            path = save(store.dataset, args.output)
            counts = stats(store.dataset)
            entities = sum(counts["entities"].values())  # type: ignore[attr-defined]
            print(f"wrote {path}: {counts['documents']} documents, {entities} entities, ", end="")
            print(f"{counts['triples']} triples")
        if args.store not in STORES:
            print(report.summary())
    except BaseException:
        with contextlib.suppress(KGError):  # the error in flight is the one to report
            store.close()
        raise
    store.close()
    return 0


def _no_file_size_signal() -> None:
    """Make writes past the file-size limit (``ulimit -f``) fail with EFBIG, not kill us.

    The default action of SIGXFSZ ends the process mid-write; ignored, the
    write raises an ``OSError`` that becomes the usual one-line error.
    """
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _open_store(spec: str, update_endpoint: str | None, wait: bool):  # type: ignore[no-untyped-def]
    from kg.store import open_store

    if spec.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(spec, update_endpoint)
    return open_store(spec, wait=wait)


def _remove(args: argparse.Namespace) -> int:
    from kg.builder import remove
    from kg.store import STORES

    if args.store in STORES:
        raise ConfigError(f"{args.store}: give a store folder or a SPARQL server URL")
    store = _open_store(args.store, args.update_endpoint, args.wait)
    try:
        removed = remove(store, args.docs)
    finally:
        store.close()
    print(f"removed {len(removed)} document graphs from {args.store}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from kg.server import is_loopback, serve

    host = args.bind.rpartition(":")[0]

    def ready(url: str) -> None:
        print(f"serving {args.store} read-only at {url}/ (SPARQL endpoint {url}/query)")
        if is_loopback(args.bind):
            print(f"listening on {host} only: other machines cannot connect (--bind to share)")
        else:
            print(f"listening on {host}: anyone who can reach this machine can query it")
        service = "allowed" if args.allow_service else "refused (--allow-service allows them)"
        print(f"updates refused; SERVICE queries {service}; queries stop after {args.timeout:g} s")
        print("press Ctrl-C to stop", flush=True)

    code = serve(
        args.store,
        bind=args.bind,
        ready=ready,
        timeout=args.timeout,
        allow_service=args.allow_service,
    )
    print("stopped", file=sys.stderr)
    return code


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ConfigError(f"--param {pair!r}: expected NAME=VALUE")
        out[name] = value
    return out


def _query(args: argparse.Namespace) -> int:
    from kg.named import named_queries
    from kg.sparql import format_result, read_query, run

    if args.list:
        for name, q in named_queries().items():
            params = ", ".join(p.name if p.required else f"[{p.name}]" for p in q.params)
            print(f"{name:<22} {q.title}" + (f"  ({params})" if params else ""))
        return 0
    if args.graph is None or (args.query is None) == (args.named is None):
        raise ConfigError("kg query: give GRAPH and either QUERY or --named NAME (or --list)")
    sparql = read_query(args.query) if args.query is not None else None
    bindings = _params(args.param)
    reserved = sorted(set(bindings) & {"allow_service", "timeout", "max_memory_mb", "named"})
    if reserved:
        raise ConfigError(f"--param {reserved[0]}: that name is reserved; rename the variable")
    result = run(
        args.graph,
        sparql,
        named=args.named,
        allow_service=args.allow_service,
        timeout=args.timeout,
        max_memory_mb=args.max_memory,
        **bindings,
    )
    print(format_result(result, args.format))
    return 0


def _viz(args: argparse.Namespace) -> int:
    from kg.explorer import view
    from kg.sparql import read_query
    from kg.store import open_graph

    if Path(args.output).suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"{args.output}: the page must be an .html file")
    page = view(
        open_graph(args.graph),
        focus=args.focus,
        hops=args.hops,
        types=_names(args.types),
        query=read_query(args.query) if args.query else None,
    )
    page.write(args.output)
    print(f"wrote {args.output}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from kg.shacl import validate
    from kg.store import open_graph

    report = validate(open_graph(args.graph))
    if report.conforms:
        print(f"{args.graph}: conforms")
        return 0
    print(report.text)
    print(f"{args.graph}: does not conform ({len(report.results)} problems)", file=sys.stderr)
    return 1


def _stats(args: argparse.Namespace) -> int:
    from kg.store import open_graph
    from kg.summary import stats

    counts = stats(open_graph(args.graph))
    if args.json:
        print(json.dumps(counts, ensure_ascii=False, indent=2))
        return 0
    for key, value in counts.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for name, n in value.items():
                print(f"  {name:<24} {n}")
        else:
            print(f"{key:<26} {value}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate

    report = evaluate(
        args.gold,
        args.format,
        extractors=_names(args.extractors),
        limit=args.limit,
        errors_path=args.errors,
    )
    print(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if args.json else report.table()
    )
    return 0


def _extractors(args: argparse.Namespace) -> int:
    from kg.extractors import available, get

    for name in available():
        info = get(name)
        print(
            f"{name:<16} {info.stage:<9} {','.join(sorted(info.produces)):<40} {info.description}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
