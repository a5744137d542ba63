"""``kg serve``: a read-only SPARQL endpoint over a store, for tools outside Python.

It runs the Oxigraph server (``oxigraph serve-read-only``, from the
``oxigraph`` package on PyPI) over a persistent store folder, bound to
127.0.0.1 unless told otherwise. The default graph is the set union of the
document graphs, which kg's stores keep (Oxigraph's own union view would
count a triple once per document holding it). The server's own page at
``http://HOST:PORT/`` is a query editor; ``/query`` is the SPARQL 1.1
Protocol endpoint. An RDF file is
loaded into a temporary store first. Ctrl-C stops the server cleanly.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import ConfigError, InputError, StoreError
from kg.store import StoreLock, format_for, is_store_dir

__all__ = ["oxigraph_binary", "serve", "server"]

log = logging.getLogger(__name__)

DEFAULT_BIND = "127.0.0.1:7878"


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


def _command(location: Path, bind: str) -> list[str]:
    return [
        oxigraph_binary(),
        "serve-read-only",
        "--location",
        str(location),
        "--bind",
        bind,
    ]


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


@contextlib.contextmanager
def server(store: str | os.PathLike[str], bind: str = DEFAULT_BIND) -> Iterator[str]:
    """Run the read-only endpoint over ``store`` while the block runs; yields its base URL."""
    with _store_folder(store) as folder:
        proc = subprocess.Popen(_command(folder, bind), stdin=subprocess.DEVNULL)
        try:
            url = f"http://{bind}"
            _wait_ready(url, proc)
            yield url
        finally:
            _stop(proc)


def serve(
    store: str | os.PathLike[str],
    bind: str = DEFAULT_BIND,
    ready: Callable[[str], None] | None = None,
) -> int:
    """Serve ``store`` until Ctrl-C (SIGINT) or SIGTERM; the server's exit status."""
    with _store_folder(store) as folder:
        proc = subprocess.Popen(_command(folder, bind), stdin=subprocess.DEVNULL)
        previous = signal.signal(signal.SIGTERM, lambda *_: _raise_interrupt())
        try:
            _wait_ready(f"http://{bind}", proc)
            if ready is not None:
                ready(f"http://{bind}")
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            _stop(proc)


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


def _wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Block until the server answers a query, or raise :class:`StoreError`."""
    end = time.monotonic() + timeout
    probe = url + "/query?query=ASK%7B%7D"
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise StoreError(
                f"the Oxigraph server exited with status {proc.returncode} "
                f"(is {url} already in use?)"
            )
        try:
            with urllib.request.urlopen(probe, timeout=1) as res:
                if res.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise StoreError(f"the Oxigraph server did not answer at {url} within {timeout:.0f} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
