"""``kg serve``: a read-only SPARQL endpoint over a store, stopped by Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.builder import build
from kg.errors import StoreError
from kg.server import server
from kg.store import DiskStore, save

from .servers import free_port, oxigraph_or_skip

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


def test_kg_serve_answers_and_stops_on_ctrl_c(store: Path) -> None:
    oxigraph_or_skip()
    bind = f"127.0.0.1:{free_port()}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(store), "--bind", bind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith(f"serving {store} read-only at http://{bind}/"), line
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
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0 and "stopped" in err and "Traceback" not in err


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
