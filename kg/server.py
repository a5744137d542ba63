"""``kg serve``: a read-only SPARQL endpoint over a store, for tools outside Python.

It runs the Oxigraph server (``oxigraph serve-read-only``, from the
``oxigraph`` package on PyPI) over a persistent store folder, on a private
loopback port, behind a small gatekeeper that listens on ``bind``
(127.0.0.1 unless told otherwise, so only this machine can connect) and

* passes on reads only: ``GET``/``HEAD``, and ``POST /query`` with a query;
  updates, Graph Store writes and every other method are refused (403), as
  the read-only server would refuse them too;
* refuses a query with a ``SERVICE`` clause (it would make this machine
  call the address the query names) unless ``allow_service`` is set, found
  by parsing the query (:func:`kg.sparql.service_calls`), and a request
  carrying more than one query (so the gatekeeper and the server cannot read
  different ones);
* refuses, when bound to loopback, requests whose ``Host`` is not a
  loopback name (a web page's DNS-rebinding trick);
* bounds each query by ``timeout``: Oxigraph gets it (``--timeout-s``) but
  checks it only while it produces results, so a query that counts, sorts
  or groups a huge intermediate result would run on; when Oxigraph stays
  silent (or keeps streaming) past the timeout, the gatekeeper stops that
  Oxigraph process and starts a fresh one (the store is read-only, so
  nothing is lost; queries running at that moment are cut short).

The default graph is the set union of the document graphs, which kg's
stores keep (Oxigraph's own union view would count a triple once per
document holding it). The server's own page at ``http://HOST:PORT/`` is a
query editor; ``/query`` is the SPARQL 1.1 Protocol endpoint. An RDF file is
loaded into a temporary store first. Ctrl-C stops the server cleanly.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import ipaddress
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, InputError, StoreError
from kg.store import StoreLock, format_for, is_store_dir

__all__ = ["is_loopback", "oxigraph_binary", "serve", "server"]

log = logging.getLogger(__name__)

DEFAULT_BIND = "127.0.0.1:7878"
#: Seconds a query may run on the endpoint (Oxigraph's ``--timeout-s``).
DEFAULT_TIMEOUT = 60.0
#: The largest request body passed on (a query with a long VALUES list fits).
MAX_BODY = 8 << 20


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program, beside this Python or on ``PATH``."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ConfigError(
            "the Oxigraph server is not installed; install it with: pip install oxigraph"
        )
    return found


@contextlib.contextmanager
def _store_folder(store: str | os.PathLike[str]) -> Iterator[Path]:
    """The store folder to serve: ``store`` itself, or a temporary one loaded from an RDF file."""
    path = Path(store)
    if is_store_dir(path):
        holder = StoreLock.held(path)
        if holder is not None:
            raise StoreError(
                f"store {store} is being written by another build (pid {holder}); "
                "serve it when the build is done"
            )
        yield path
        return
    if not path.is_file():
        raise InputError(f"{store}: no such store folder or RDF file")
    ox_format, _, _ = format_for(path)
    import pyoxigraph as ox

    formats = {"ox-trig": ox.RdfFormat.TRIG, "ox-nquads": ox.RdfFormat.N_QUADS}
    formats |= {"ox-turtle": ox.RdfFormat.TURTLE, "ox-ntriples": ox.RdfFormat.N_TRIPLES}
    formats |= {"json-ld": ox.RdfFormat.JSON_LD}
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as tmp:
        folder = Path(tmp) / "store"
        loader = ox.Store(str(folder))
        try:
            loader.bulk_load(path=str(path), format=formats[ox_format])
        except (OSError, SyntaxError, ValueError) as err:
            raise InputError(f"{store}: not valid {path.suffix[1:]} RDF ({err})") from err
        loader.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        loader.flush()
        del loader
        yield folder


def _command(location: Path, bind: str, timeout: float) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
        "--timeout-s",
        str(max(1, round(timeout))),
    ]


def _address(bind: str) -> tuple[str, int]:
    """``(host, port)`` of a ``HOST:PORT`` (IPv6 hosts in brackets), or :class:`ConfigError`."""
    host, sep, port = bind.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ConfigError(f"--bind {bind!r}: give HOST:PORT, e.g. {DEFAULT_BIND} or 0.0.0.0:7878")
    return host, int(port)


def is_loopback(bind: str) -> bool:
    """Whether ``bind`` (``HOST:PORT``) listens on this machine's loopback only.

    >>> is_loopback("127.0.0.1:7878"), is_loopback("[::1]:80"), is_loopback("0.0.0.0:7878")
    (True, True, False)
    """
    host, _ = _address(bind)
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@contextlib.contextmanager
def server(
    store: str | os.PathLike[str],
    bind: str = DEFAULT_BIND,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
) -> Iterator[str]:
    """Run the read-only endpoint over ``store`` while the block runs; yields its base URL.

    ``bind`` may give port 0 for any free port (the URL says which).
    """
    with _running(store, bind, timeout, allow_service) as (url, _):
        yield url


def serve(
    store: str | os.PathLike[str],
    bind: str = DEFAULT_BIND,
    ready: Callable[[str], None] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    allow_service: bool = False,
) -> int:
    """Serve ``store`` until Ctrl-C (SIGINT) or SIGTERM; the exit status (0 when stopped)."""
    previous = signal.signal(signal.SIGTERM, lambda *_: _raise_interrupt())
    try:
        with _running(store, bind, timeout, allow_service) as (url, upstream):
            if ready is not None:
                ready(url)
            code = upstream.wait()
            raise StoreError(f"the Oxigraph server stopped by itself (status {code})")
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _running(
    store: str | os.PathLike[str], bind: str, timeout: float, allow_service: bool
) -> Iterator[tuple[str, _Upstream]]:
    """Oxigraph on a private loopback port, the gatekeeper on ``bind``; ``(URL, Oxigraph)``."""
    host, port = _address(bind)
    if not timeout > 0:
        raise ConfigError(f"timeout {timeout!r}: give a number of seconds above 0")
    with _store_folder(store) as folder, _Upstream(folder, timeout) as upstream:
        gate = _Gate((host, port), upstream, allow_service, is_loopback(bind))
        thread = threading.Thread(target=gate.serve_forever, name="kg-serve", daemon=True)
        thread.start()
        try:
            shown = f"[{host}]" if ":" in host else host
            yield f"http://{shown}:{gate.server_address[1]}", upstream
        finally:
            gate.shutdown()
            gate.server_close()


class _Upstream:
    """The Oxigraph server process, restarted when a query overruns its timeout.

    Oxigraph checks its timeout while it produces results, so a query that
    counts, sorts or groups a huge intermediate result produces nothing and
    runs on; the store is read-only, so stopping the process and starting a
    fresh one loses nothing (queries running at that moment fail with 503).
    """

    def __init__(self, folder: Path, timeout: float) -> None:
        self.url = f"http://127.0.0.1:{_free_port()}"
        self.timeout = timeout
        self.restarts = 0
        self._command = _command(folder, self.url.removeprefix("http://"), timeout)
        self._lock = threading.Lock()
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115  (closed by __exit__)
        try:
            self._proc = self._start()
        except BaseException:
            self._errors.close()
            raise

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            self._command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._errors,
        )
        try:
            _wait_ready(self.url, proc, self._errors)
        except BaseException:
            _stop(proc)
            raise
        return proc

    def restart(self, proc: subprocess.Popen[bytes] | None = None) -> None:
        """Stop Oxigraph (if ``proc`` is still the one running) and start a fresh one."""
        with self._lock:
            if proc is not None and proc is not self._proc:
                return  # another request restarted it already
            self.restarts += 1
            old, self._proc = self._proc, None  # type: ignore[assignment]
            old.kill()
            old.wait()
            try:
                self._proc = self._start()
            except BaseException:
                self._proc = old  # dead: wait() returns and ``kg serve`` reports it
                raise
            log.warning("a query ran past %g s; the Oxigraph server was restarted", self.timeout)

    @property
    def proc(self) -> subprocess.Popen[bytes]:
        with self._lock:
            return self._proc

    def wait(self) -> int:
        """Block until Oxigraph exits by itself (not by a restart); its exit status."""
        while True:
            proc = self.proc
            code = proc.wait()
            time.sleep(0.2)
            with self._lock:
                if self._proc is proc:
                    return code

    def __enter__(self) -> _Upstream:
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._proc is not None:
                _stop(self._proc)
        self._errors.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Gate(http.server.ThreadingHTTPServer):
    """The listening side of ``kg serve``: checks each request, passes reads to Oxigraph."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], upstream: _Upstream, allow_service: bool, loopback: bool
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.upstream = upstream
        self.allow_service = allow_service
        self.loopback = loopback
        try:
            super().__init__(address, _Handler)
        except OSError as err:
            raise StoreError(
                f"cannot listen on {address[0]}:{address[1]} ({err.strerror}); "
                "is it already in use? choose another with --bind"
            ) from err


_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
#: Seconds past the timeout that Oxigraph may stay silent before it is restarted.
_GRACE = 3.0


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Gate
    timeout = 30  # seconds a client may take to send its request
    server_version = "kg-serve"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        self._pass(None)

    def do_HEAD(self) -> None:
        self._pass(None)

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/query":
            return self._refuse(403, "the endpoint is read-only; send queries to /query")
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return self._refuse(411, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            return self._refuse(413, f"the request is larger than {MAX_BODY >> 20} MiB")
        self._pass(self.rfile.read(int(length)))

    def _read_only(self) -> None:
        self._refuse(403, "the endpoint is read-only")

    do_PUT = do_DELETE = do_PATCH = _read_only

    def _pass(self, body: bytes | None) -> None:
        refusal = self._check(body)
        if refusal is not None:
            return self._refuse(*refusal)
        headers = {k: v for k in ("Accept", "Content-Type") if (v := self.headers.get(k))}
        upstream = self.server.upstream
        request = urllib.request.Request(
            upstream.url + self.path, data=body, headers=headers, method=self.command
        )
        proc = upstream.proc
        # Seconds without a byte from Oxigraph before the query counts as overrunning.
        silence = upstream.timeout + _GRACE
        try:
            answer = _direct().open(request, timeout=silence)
        except urllib.error.HTTPError as err:
            answer = err
        except (urllib.error.URLError, OSError) as err:
            if isinstance(getattr(err, "reason", err), TimeoutError):
                upstream.restart(proc)
                return self._refuse(
                    503, f"the query ran past {upstream.timeout:g} s and was stopped; narrow it"
                )
            return self._refuse(502, f"the Oxigraph server did not answer ({err})")
        with answer:
            self.send_response(answer.status)
            for name in ("Content-Type", "Content-Disposition", "Vary"):
                if answer.headers.get(name):
                    self.send_header(name, answer.headers[name])
            self.end_headers()
            if self.command == "HEAD":
                return
            deadline = time.monotonic() + silence
            try:
                while chunk := answer.read1(1 << 16):
                    self.wfile.write(chunk)
                    if time.monotonic() > deadline:
                        break  # still streaming past the timeout
                else:
                    return
            except TimeoutError:
                pass  # Oxigraph fell silent mid-answer for longer than the timeout
            except OSError:
                return  # the client went away
            # Cut the answer short, visibly: a client must not take it for a whole one.
            upstream.restart(proc)
            with contextlib.suppress(OSError):
                self.wfile.write(b"\nthe query ran past its timeout and was stopped\n")

    def _check(self, body: bytes | None) -> tuple[int, str] | None:
        """Why this request is refused (status, message), or ``None`` to pass it on."""
        from kg.sparql import service_calls

        host = (self.headers.get("Host") or "").rpartition(":")[0] or self.headers.get("Host")
        if self.server.loopback and host and host.strip("[]") not in _LOOPBACK_NAMES:
            return 403, f"Host {host!r} is not this machine; the endpoint serves loopback only"
        try:
            fields = urllib.parse.parse_qs(
                urllib.parse.urlsplit(self.path).query, keep_blank_values=True, errors="strict"
            )
            queries = list(fields.get("query", []))
            updates = list(fields.get("update", []))
            if body is not None:
                kind = self.headers.get_content_type()
                if kind == "application/x-www-form-urlencoded":
                    form = urllib.parse.parse_qs(
                        body.decode("utf-8"), keep_blank_values=True, errors="strict"
                    )
                    queries += form.get("query", [])
                    updates += form.get("update", [])
                elif kind == "application/sparql-query":
                    queries.append(body.decode("utf-8"))
                else:
                    return 415, f"{kind}: send a query as a form or application/sparql-query"
        except UnicodeDecodeError:
            return 400, "the request is not UTF-8"
        if updates:
            return 403, "the endpoint is read-only: SPARQL updates are refused"
        if len(queries) > 1:
            return 400, "give one query per request"
        if body is not None and not queries:
            return 400, "a POST to /query needs a query"
        if queries and not self.server.allow_service:
            targets = service_calls(queries[0])
            if targets:
                return 403, (
                    f"the query calls SERVICE {', '.join(targets)}; this endpoint does not "
                    "contact other addresses (kg serve --allow-service allows it)"
                )
        return None

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            with contextlib.suppress(OSError):  # the client went away
                self.wfile.write(data)


@functools.cache
def _direct() -> urllib.request.OpenerDirector:
    """An opener that talks to Oxigraph directly, whatever ``http_proxy`` says."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


def _wait_ready(
    url: str, proc: subprocess.Popen[bytes], errors: Any = None, timeout: float = 30.0
) -> None:
    """Block until the server answers a query, or raise :class:`StoreError`."""
    end = time.monotonic() + timeout
    probe = url + "/query?query=ASK%7B%7D"
    while time.monotonic() < end:
        if proc.poll() is not None:
            reason = ""
            if errors is not None:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                reason = f": {lines[-1]}" if lines else ""
            raise StoreError(f"the Oxigraph server exited with status {proc.returncode}{reason}")
        try:
            with _direct().open(probe, timeout=1) as res:
                if res.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the Oxigraph server did not answer at {url} within {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        # SIGTERM, not SIGINT: a kg serve started in the background by a script inherits
        # SIGINT ignored, and so would Oxigraph (stopping would then wait for the kill).
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
