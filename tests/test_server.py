"""``kg serve``: a read-only SPARQL endpoint over a store, stopped by Ctrl-C.

A real Oxigraph server behind kg's gatekeeper on 127.0.0.1: writes of every
kind refused (the store unchanged after), SERVICE refused unless allowed
(a recording server on 127.0.0.1 stays untouched), foreign Host headers
refused, a cross product stopped by ``--timeout``.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.builder import build
from kg.errors import ConfigError, StoreError
from kg.server import server
from kg.store import DiskStore, save

from .hostile import SERVE_WRITES, harmless_queries, pathological_queries, service_queries
from .servers import free_port, oxigraph_or_skip
from .test_sparql_safety import Recorder

pytestmark = pytest.mark.server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PEOPLE = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <http://xmlns.com/foaf/0.1/Person> }"


def ask(url: str, sparql: str) -> list[dict[str, dict[str, str]]]:
    req = urllib.request.Request(
        f"{url}/query?{urllib.parse.urlencode({'query': sparql})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=10) as res:
        return list(json.load(res)["results"]["bindings"])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "g.oxi"
    build([EXAMPLES], store=str(path))
    return path


def _sigint(disposition: signal.Handlers) -> Callable[[], None]:
    def setup() -> None:  # in the child, before it runs kg
        signal.signal(signal.SIGINT, disposition)

    return setup


class KgServe:
    """``kg serve`` in a process of its own (its own session, as a terminal job would be).

    SIGINT is at its default, as when a terminal starts it, even where the tests run
    as a background job of a script, whose shell starts them with SIGINT ignored
    (``ignore_sigint``: started that way itself).
    """

    def __init__(self, store: Path, bind: str, ignore_sigint: bool = False) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", str(store), "--bind", bind],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=_sigint(signal.SIG_IGN if ignore_sigint else signal.SIG_DFL),
        )
        self.stopped: tuple[int, str] | None = None

    def lines(self, n: int) -> list[str]:
        """The first ``n`` lines it prints (what it printed on stderr if it stopped instead)."""
        assert self.proc.stdout is not None
        got = [self.proc.stdout.readline() for _ in range(n)]
        assert all(got), f"kg serve stopped: {got} {self.stop(10)[1][-2000:]}"
        return got

    def stop(self, within: float, group: bool = False, sig: int = signal.SIGINT) -> tuple[int, str]:
        """Ctrl-C it (``group``: the whole process group, as a terminal does; ``sig``: another
        signal); its status and stderr, or a failure if it has not stopped ``within`` s."""
        if self.stopped is not None:
            return self.stopped
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(self.proc.pid, sig)
            else:
                self.proc.send_signal(sig)
        try:
            _, err = self.proc.communicate(timeout=within)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            _, err = self.proc.communicate()
            pytest.fail(f"kg serve did not stop within {within:g} s of {sig!r}: {err[-2000:]}")
        self.stopped = self.proc.returncode, err
        return self.stopped


@pytest.mark.parametrize("group", [False, True], ids=["pid", "process-group"])
def test_kg_serve_answers_and_stops_on_ctrl_c(store: Path, group: bool) -> None:
    """Ctrl-C to kg serve alone (``kill -INT``) or to its process group (a terminal's Ctrl-C)."""
    oxigraph_or_skip()
    bind = f"127.0.0.1:{free_port()}"
    server_ = KgServe(store, bind)
    try:
        lines = server_.lines(3)
        assert lines[0].startswith(f"serving {store} read-only at http://{bind}/"), lines
        assert lines[1].startswith("listening on 127.0.0.1 only"), lines
        assert lines[2].startswith("updates refused; SERVICE queries refused"), lines
        (row,) = ask(f"http://{bind}", PEOPLE)
        assert int(row["n"]["value"]) > 5
        with urllib.request.urlopen(f"http://{bind}/", timeout=10) as res:  # the query page
            assert res.status == 200
        with pytest.raises(urllib.error.HTTPError):  # read-only
            urllib.request.urlopen(
                urllib.request.Request(
                    f"http://{bind}/update", data=b"update=CLEAR+ALL", method="POST"
                ),
                timeout=10,
            )
    finally:
        code, err = server_.stop(20, group)
    assert code == 0 and "stopped" in err and "Traceback" not in err, (code, err[-2000:])


def test_kg_serve_started_in_the_background_stops_on_sigterm(store: Path) -> None:
    """Started by a script in the background (SIGINT ignored, Oxigraph too): SIGTERM stops it
    at once, not after the 10 s that stopping waits before it kills Oxigraph."""
    oxigraph_or_skip()
    server_ = KgServe(store, f"127.0.0.1:{free_port()}", ignore_sigint=True)
    try:
        server_.lines(2)
        began = time.monotonic()
    finally:
        code, err = server_.stop(20, sig=signal.SIGTERM)
    assert code == 0 and "stopped" in err and "Traceback" not in err, (code, err[-2000:])
    assert time.monotonic() - began < 8


def test_serve_an_rdf_file(store: Path, tmp_path: Path) -> None:
    oxigraph_or_skip()
    from kg.store import open_graph

    path = save(open_graph(store), tmp_path / "g.trig")
    with server(path, bind=f"127.0.0.1:{free_port()}") as url:
        (row,) = ask(url, PEOPLE)
        assert int(row["n"]["value"]) > 5


def test_serve_refused_while_a_build_writes(store: Path) -> None:
    oxigraph_or_skip()
    with (
        DiskStore(store),
        pytest.raises(StoreError, match="being written"),
        server(store, bind=f"127.0.0.1:{free_port()}"),
    ):
        pass


# ----------------------------------------------------------------------------- hardening


def call(
    url: str, method: str, path: str, body: bytes = b"", kind: str = "", host: str | None = None
) -> tuple[int, bytes]:
    headers = {"Content-Type": kind} if kind else {}
    if host is not None:
        headers["Host"] = host
    req = urllib.request.Request(
        url + path, data=body if method not in ("GET", "HEAD") else None, method=method
    )
    for name, value in headers.items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def count(url: str) -> int:
    (row,) = ask(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(row["n"]["value"])


@pytest.fixture(scope="module")
def endpoint(store: Path) -> Iterator[str]:
    oxigraph_or_skip()
    with server(store, bind="127.0.0.1:0", timeout=2) as url:
        yield url


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    rec = Recorder()
    yield rec
    rec.close()


@pytest.mark.parametrize("method,path,kind,body", SERVE_WRITES)
def test_writes_are_refused(endpoint: str, method: str, path: str, kind: str, body: bytes) -> None:
    before = count(endpoint)
    status, answer = call(endpoint, method, path, body, kind)
    assert status in (400, 403, 405, 501), (status, answer)
    assert count(endpoint) == before > 0


def test_service_is_refused_on_the_endpoint(endpoint: str, recorder: Recorder) -> None:
    before = len(recorder.hits)
    for sparql in service_queries(recorder.url):
        encoded = urllib.parse.urlencode({"query": sparql})
        attempts = [
            ("GET", f"/query?{encoded}", b"", ""),
            ("POST", "/query", encoded.encode(), "application/x-www-form-urlencoded"),
            ("POST", "/query", sparql.encode(), "application/sparql-query"),
            # two queries, so that the gate and the server could read different ones
            ("GET", f"/query?query=ASK%7B%7D&{encoded}", b"", ""),
            (
                "POST",
                "/query?query=ASK%7B%7D",
                encoded.encode(),
                "application/x-www-form-urlencoded",
            ),
        ]
        for method, path, body, kind in attempts:
            status, answer = call(endpoint, method, path, body, kind)
            assert status in (400, 403), (sparql, path, status, answer)
    time.sleep(0.1)
    assert recorder.hits[before:] == []
    for sparql in harmless_queries(recorder.url):
        status, _ = call(endpoint, "GET", "/query?" + urllib.parse.urlencode({"query": sparql}))
        assert status == 200, sparql
    assert recorder.hits[before:] == []


def test_allow_service_passes_it_on(store: Path, recorder: Recorder) -> None:
    oxigraph_or_skip()
    before = len(recorder.hits)
    with server(store, bind="127.0.0.1:0", allow_service=True) as url:
        call(
            url,
            "GET",
            "/query?" + urllib.parse.urlencode({"query": service_queries(recorder.url)[0]}),
        )
    assert len(recorder.hits) == before + 1


def test_foreign_host_header_is_refused(endpoint: str) -> None:
    """A page on evil.example whose name resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    query = "/query?query=ASK%7B%7D"
    assert call(endpoint, "GET", query, host="evil.example:7878")[0] == 403
    assert call(endpoint, "GET", query, host="localhost:7878")[0] == 200
    assert call(endpoint, "GET", query)[0] == 200


def test_binds_loopback_by_default_and_says_otherwise(store: Path) -> None:
    from kg.cli import _parser
    from kg.server import DEFAULT_BIND, is_loopback, serve

    assert _parser().parse_args(["serve", "x"]).bind == DEFAULT_BIND == "127.0.0.1:7878"
    assert inspect.signature(serve).parameters["bind"].default == DEFAULT_BIND
    assert is_loopback(DEFAULT_BIND) and not is_loopback("0.0.0.0:7878")
    oxigraph_or_skip()
    server_ = KgServe(store, f"0.0.0.0:{free_port()}")
    try:
        lines = server_.lines(2)
        assert lines[1].startswith("listening on 0.0.0.0: anyone who can reach this machine"), lines
    finally:
        code, err = server_.stop(20)
    assert code == 0, (code, err[-2000:])


@pytest.mark.parametrize("sparql", pathological_queries())
def test_a_cross_product_is_stopped_by_the_timeout(endpoint: str, sparql: str) -> None:
    """Oxigraph cancels some (200, cut short); the gate restarts it for the rest (503)."""
    started = time.monotonic()
    status, answer = call(endpoint, "GET", "/query?" + urllib.parse.urlencode({"query": sparql}))
    assert time.monotonic() - started < 15
    assert (status == 200 and (b"cancelled" in answer or b"was stopped" in answer[-100:])) or (
        status == 503 and b"ran past 2 s and was stopped" in answer
    ), (status, answer[-200:])
    assert count(endpoint) > 0  # and the endpoint answers again


def test_bad_bind_is_a_one_line_error(store: Path) -> None:
    with pytest.raises(ConfigError, match="HOST:PORT"), server(store, bind="7878"):
        pass
