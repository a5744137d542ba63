"""A real Oxigraph server (``oxigraph serve`` on 127.0.0.1) as a kg store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

import kg
from kg.builder import documents, remove, update
from kg.cli import main
from kg.errors import StoreError
from kg.remote import RemoteStore, endpoints
from kg.store import DiskStore, open_graph

from .conftest import SAMPLE
from .servers import free_port, oxigraph_server

pytestmark = pytest.mark.server

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def quads(ds: object) -> set[tuple[str, ...]]:
    return {
        tuple(map(str, q))
        for q in ds.quads((None, None, None, None))  # type: ignore[attr-defined]
        if str(q[3]) != str(DATASET_DEFAULT_GRAPH_ID)  # the union, derived from the rest
    }


@pytest.mark.parametrize(
    ("url", "query", "update"),
    [
        ("http://h:7878", "http://h:7878/query", "http://h:7878/update"),
        ("http://h:3030/kg/query", "http://h:3030/kg/query", "http://h:3030/kg/update"),
        ("http://h:3030/kg/sparql", "http://h:3030/kg/sparql", "http://h:3030/kg/update"),
        ("http://h:7001/", "http://h:7001/query", "http://h:7001/update"),
        ("http://h:7001/api", "http://h:7001/api", "http://h:7001/api"),
    ],
)
def test_endpoints(url: str, query: str, update: str) -> None:
    assert endpoints(url)[:2] == (query, update)


def test_build_incremental_remove_query(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE, "utf-8")
    (folder / "b.txt").write_text((EXAMPLES / "01_jiaozuo_work_meeting.txt").read_text("utf-8"))
    with oxigraph_server(tmp_path / "server") as url:
        store = RemoteStore(url)
        first = update(store, documents([folder]))
        assert (first.extracted, first.unchanged) == (2, 0)
        assert update(store, documents([folder])).unchanged == 2
        with DiskStore(tmp_path / "g.oxi") as disk:
            update(disk, documents([folder]))
            assert quads(store.dataset) == quads(disk.dataset)
        people = kg.query(url, "SELECT DISTINCT ?l WHERE { ?p a foaf:Person ; rdfs:label ?l }")
        assert "刘建国" in set(people.l)
        found = kg.query(url, "SELECT ?p WHERE { ?p rdfs:label ?name }", name="刘建国")
        assert len(found) >= 1
        remove(store, [str(folder / "a.txt")])
        assert len(store.document_hashes()) == 1
        assert len(open_graph(url).query("SELECT ?d WHERE { ?d a nif:Context }")) == 1


def test_cli_build_into_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with oxigraph_server(tmp_path / "server") as url:
        assert main(["build", str(EXAMPLES), "--store", url, "--no-progress"]) == 0
        assert "5 extracted" in capsys.readouterr().out
        assert main(["stats", url]) == 0
        assert "documents                  5" in capsys.readouterr().out


def test_unreachable_server_is_a_clear_error() -> None:
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.document_hashes()


def test_named_queries_same_rows_as_embedded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parameters go into the query text for a server: the same rows as Oxigraph on disk."""
    from kg.named import named_queries
    from kg.sparql import run

    sent: list[str] = []
    fetch = RemoteStore._fetch

    def recording(self: RemoteStore, url: str, form: dict[str, str], *args, **kw):  # type: ignore[no-untyped-def]
        sent.append(form.get("query", ""))
        return fetch(self, url, form, *args, **kw)

    monkeypatch.setattr(RemoteStore, "_fetch", recording)
    with oxigraph_server(tmp_path / "server") as url:
        update(RemoteStore(url), documents([EXAMPLES]))
        with DiskStore(tmp_path / "g.oxi") as disk:
            update(disk, documents([EXAMPLES]))
            for name, q in sorted(named_queries().items()):
                params = {p.name: p.example for p in q.params if p.required}
                local = run(disk.dataset, named=name, **params)
                remote = run(url, named=name, **params)
                assert rows(remote) == rows(local) and rows(local), name
                text = sent[-1]
                for param, value in params.items():  # in the text, not in a trailing VALUES
                    assert f'"{value}"@zh' in text, name
                    assert not re.search(rf"VALUES\s*\(\s*\?{param}\b", text), name


def test_hostile_parameters_on_a_server(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    from kg.sparql import to_term
    from kg.store import DocumentGraph

    from .test_sparql import HOSTILE

    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    triples = [(URIRef(f"urn:e{i}"), label, Literal(v, lang="zh")) for i, v in enumerate(HOSTILE)]
    with oxigraph_server(tmp_path / "server") as url:
        store = RemoteStore(url)
        store.put_documents([DocumentGraph.from_triples("urn:doc", triples, "h")])
        for i, value in enumerate(HOSTILE):
            found = kg.query(url, "SELECT ?e ?name WHERE { ?e rdfs:label ?name }", name=value)
            assert found.e.tolist() == [f"urn:e{i}"] and found.name.tolist() == [value], value
            assert str(to_term(value)) == value
        assert len(store.dataset.query("SELECT ?e WHERE { ?e rdfs:label ?l }")) == len(HOSTILE)


def rows(result: object) -> set[tuple[str | None, ...]]:
    names = list(result.vars or ())  # type: ignore[attr-defined]
    return {
        tuple(None if row.get(v) is None else str(row.get(v)) for v in names)
        for row in result.bindings  # type: ignore[attr-defined]
    }
