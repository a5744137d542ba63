"""Starting and stopping a real Oxigraph server on 127.0.0.1 for the store tests.

Without the ``oxigraph`` program (``pip install oxigraph``, in the test
extra) the tests that need it are skipped with that reason, except under CI
(env ``CI`` set), where they fail.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import ConfigError


def oxigraph_or_skip() -> str:
    from kg.server import oxigraph_binary

    try:
        return oxigraph_binary()
    except ConfigError as err:
        if os.environ.get("CI"):
            pytest.fail(f"CI must have the oxigraph server: {err}")
        pytest.skip(f"no oxigraph server program ({err})")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.1)


@contextlib.contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """A read-write ``oxigraph serve`` on a free loopback port; yields its base URL."""
    binary = oxigraph_or_skip()
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
