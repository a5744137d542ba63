"""SPARQL safety: SERVICE refused unless allowed, FROM never fetched, queries bounded in time.

Every SERVICE variant in :mod:`tests.hostile` aims at a recording HTTP server
on 127.0.0.1; a refused query must leave it untouched, through the Python API,
``kg query``, the ``%%sparql`` magic and ``kg viz --query``.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.cli import main
from kg.errors import ConfigError, QueryError, QueryRefusedError, QueryTimeoutError
from kg.named import named_queries
from kg.remote import RemoteStore
from kg.sparql import query, run, service_calls
from kg.store import new_dataset, save
from tests.hostile import harmless_queries, pathological_queries, service_queries


class Recorder:
    """An HTTP server on 127.0.0.1 that records every request and answers 500 (or hangs)."""

    def __init__(self, delay: float = 0.0) -> None:
        self.hits: list[str] = []
        hits, wait = self.hits, delay

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                hits.append(f"{self.command} {self.path}")
                time.sleep(wait)
                self.send_response(500)
                self.end_headers()

            do_GET = do_POST = _any

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.close()


@pytest.fixture(scope="module")
def trig(sample_graph, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    return save(sample_graph, tmp_path_factory.mktemp("safety") / "g.trig")


def _memory_dataset():  # type: ignore[no-untyped-def]
    ds = new_dataset("memory")
    ds.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    return ds


# ----------------------------------------------------------------------------- SERVICE


@pytest.mark.parametrize("index", range(len(service_queries("http://x"))))
def test_service_is_refused_and_calls_nothing(
    index: int, recorder: Recorder, sample_graph, trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    sparql = service_queries(recorder.url)[index]
    before = len(recorder.hits)
    assert service_calls(sparql)
    for graph in (sample_graph, _memory_dataset()):
        with pytest.raises(QueryRefusedError, match=r"SERVICE .*--allow-service"):
            query(graph, sparql)
    assert main(["query", str(trig), sparql]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: the query calls SERVICE") and err.count("\n") == 1, err
    time.sleep(0.05)
    assert recorder.hits[before:] == []


@pytest.mark.parametrize("index", range(len(harmless_queries("http://x"))))
def test_the_word_service_elsewhere_is_not_refused(
    index: int, recorder: Recorder, sample_graph
) -> None:  # type: ignore[no-untyped-def]
    sparql = harmless_queries(recorder.url)[index]
    before = len(recorder.hits)
    assert service_calls(sparql) == []
    for graph in (sample_graph, _memory_dataset()):
        query(graph, sparql)  # runs: no QueryRefusedError
    assert recorder.hits[before:] == []


def test_allow_service_really_calls(
    recorder: Recorder, sample_graph, trig: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """The refusal is what keeps the recorder quiet: allowed, the same queries reach it."""
    plain, _, _, silent = service_queries(recorder.url)[:4]
    before = len(recorder.hits)
    with pytest.raises(QueryError, match="500"):
        query(sample_graph, plain, allow_service=True)
    assert len(recorder.hits) == before + 1
    assert main(["query", str(trig), silent, "--allow-service"]) == 0
    capsys.readouterr()
    assert len(recorder.hits) == before + 2
    assert recorder.hits[-1].endswith("/sparql")


def test_rdflib_engine_does_not_fetch_from_clauses(recorder: Recorder) -> None:
    """rdflib's engine loads FROM <iri> from the web; kg turns that off unless allowed."""
    sparql = f"SELECT * FROM <{recorder.url}/data.ttl> WHERE {{ ?s ?p ?o }}"
    before = len(recorder.hits)
    query(_memory_dataset(), sparql)
    assert recorder.hits[before:] == []
    with pytest.raises(QueryError):
        query(_memory_dataset(), sparql, allow_service=True)
    assert recorder.hits[before:] and recorder.hits[-1].endswith("/data.ttl")
    import rdflib.plugins.sparql as engine

    assert engine.SPARQL_LOAD_GRAPHS is True  # put back as it was


def test_named_queries_call_no_service() -> None:
    for name, q in named_queries().items():
        assert service_calls(q.text) == [], name


def test_magic_refuses_service_unless_allowed(recorder: Recorder, trig: Path) -> None:
    from IPython.core.error import UsageError

    from kg.magic import KGMagics

    magics = KGMagics(shell=None)
    sparql = service_queries(recorder.url)[0]
    before = len(recorder.hits)
    with pytest.raises(UsageError, match="SERVICE"):
        magics.sparql(str(trig), sparql)
    assert recorder.hits[before:] == []
    with pytest.raises(UsageError, match="500"):
        magics.sparql(str(trig) + " --allow-service", sparql)
    assert len(recorder.hits) == before + 1
    with pytest.raises(UsageError, match="did not finish within 1 s"):
        magics.sparql(f"{trig} --timeout 1", pathological_queries()[0])
    with pytest.raises(UsageError, match="reserved"):
        magics.sparql(f"{trig} --param timeout=3", "ASK {}")


def test_viz_query_refuses_service(
    recorder: Recorder, trig: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "p.html"
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{recorder.url}/sparql> {{ ?s ?p ?o }} }}"
    before = len(recorder.hits)
    assert main(["viz", str(trig), "-o", str(page), "--query", sparql]) == 1
    assert "SERVICE" in capsys.readouterr().err
    assert not page.exists() and recorder.hits[before:] == []


# ----------------------------------------------------------------------------- timeouts


@pytest.mark.parametrize("sparql", pathological_queries())
def test_cross_product_stops_at_the_timeout(sample_graph, sparql: str) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"did not finish within 1 s|memory limit"):
        query(sample_graph, sparql, timeout=1)
    assert time.monotonic() - started < 5


def test_cli_timeout(trig: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    assert main(["query", str(trig), pathological_queries()[0], "--timeout", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: the query did not finish within 1 s") and err.count("\n") == 1
    assert time.monotonic() - started < 6
    assert main(["query", str(trig), "ASK {}", "--param", "timeout=2"]) == 1
    assert "reserved" in capsys.readouterr().err


def test_memory_limit_stops_a_materialising_query(sample_graph) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match="memory limit of 200 MiB"):
        query(sample_graph, pathological_queries()[1], timeout=120, max_memory_mb=200)
    assert time.monotonic() - started < 60


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; rdfs:label ?name } ORDER BY ?name",
        "SELECT ?p ?name WHERE { ?p rdfs:label ?name OPTIONAL { ?p skos:altLabel ?alt } }",
        "ASK { ?p a foaf:Person }",
        "CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p a foaf:Person ; rdfs:label ?l }",
    ],
)
def test_a_bounded_query_gives_the_same_result(sample_graph, sparql: str) -> None:  # type: ignore[no-untyped-def]
    plain, bounded = query(sample_graph, sparql), query(sample_graph, sparql, timeout=30)
    if hasattr(plain, "equals"):
        assert bounded.equals(plain)
    elif isinstance(plain, bool):
        assert bounded is plain
    else:
        assert set(bounded) == set(plain) and len(plain) > 0


def test_bounded_errors_and_bindings(sample_graph) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match="SPARQL query failed") as info:
        run(sample_graph, "SELEC ?x WHERE {", timeout=10)
    assert not isinstance(info.value, QueryTimeoutError)
    df = query(sample_graph, "SELECT ?p WHERE { ?p rdfs:label ?name }", name="刘建国", timeout=10)
    assert len(df) == 1
    with pytest.raises(ConfigError, match="above 0"):
        run(sample_graph, "ASK {}", timeout=0)


def test_remote_query_passes_the_timeout_to_http() -> None:
    """A server that never answers: the request gives up after the timeout, not never."""
    slow = Recorder(delay=30)
    try:
        graph = RemoteStore(slow.url, timeout=1).dataset
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError, match="did not answer within 1 s"):
            run(graph, "SELECT * WHERE { ?s ?p ?o }")
        assert time.monotonic() - started < 5
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            query(slow.url, "ASK { ?s ?p ?o }", timeout=1)
        assert time.monotonic() - started < 5
        assert len(slow.hits) == 2
    finally:
        slow.close()
