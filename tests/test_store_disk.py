"""The persistent Oxigraph store: documents by content hash, the writer lock, readers."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.errors import ConfigError, InputError, StoreError
from kg.store import (
    DatasetStore,
    DiskStore,
    DocumentGraph,
    GraphStore,
    is_store_dir,
    open_graph,
    open_store,
    put_document,
)
from kg.vocab import RDFS

S = URIRef("https://w3id.org/kgzh/id/person/x")
G1 = "https://w3id.org/kgzh/id/doc/1"
G2 = "https://w3id.org/kgzh/id/doc/2"


def label(text: str) -> list[tuple[URIRef, URIRef, Literal]]:
    return [(S, RDFS.label, Literal(text, lang="zh"))]


def labels(store: GraphStore) -> set[tuple[str, str]]:
    q = "SELECT DISTINCT ?g ?l WHERE { GRAPH ?g { ?s rdfs:label ?l } }"
    return {(str(g), str(lab)) for g, lab in store.dataset.query(q)}  # type: ignore[misc]


@pytest.fixture(params=["oxigraph", "memory", "disk"])
def store(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    s = (
        DiskStore(tmp_path / "g.oxi")
        if request.param == "disk"
        else DatasetStore(kind=request.param)
    )
    yield s
    s.close()


def test_put_replace_remove_hashes(store: GraphStore) -> None:
    assert isinstance(store, GraphStore)
    put_document(store, G1, label("甲"), "h1")
    put_document(store, G2, label("甲"), "h2")
    put_document(store, G1, label("乙"), "h1b")
    assert labels(store) == {(G1, "乙"), (G2, "甲")}
    assert store.document_hashes() == {G1: "h1b", G2: "h2"}
    store.remove_document(G1)
    store.remove_document("https://w3id.org/kgzh/id/doc/none")
    assert store.document_hashes() == {G2: "h2"}
    assert labels(store) == {(G2, "甲")}


def test_disk_store_persists_and_opens_read_only(tmp_path: Path) -> None:
    path = tmp_path / "g.oxi"
    with DiskStore(path) as store:
        put_document(store, G1, label("甲"), "h1")
    assert is_store_dir(path)
    ds = open_graph(path)
    assert {str(o) for o in ds.objects(S, RDFS.label)} == {"甲"}
    assert open_graph(str(path)) is not ds  # several readers at once
    with DiskStore(path) as store:  # a reader does not block a writer
        assert store.document_hashes() == {G1: "h1"}


def test_bulk_load_of_a_large_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.store.BULK_BYTES", 1)
    with DiskStore(tmp_path / "g.oxi") as store:
        graphs = [DocumentGraph.from_triples(g, label(g[-1]), "h" + g[-1]) for g in (G1, G2)]
        store.put_documents(graphs)
        assert store.document_hashes() == {G1: "h1", G2: "h2"}
        store.put_documents([DocumentGraph.from_triples(G1, label("新"), "h1b")])
        assert labels(store) == {(G1, "新"), (G2, "2")}


def test_interrupted_bulk_load_leaves_no_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A graph written without its hash is incomplete: not reported, replaced on the next put."""
    monkeypatch.setattr("kg.store.BULK_BYTES", 1)
    store = DiskStore(tmp_path / "g.oxi")

    class Crashing:
        def __init__(self, inner: ox.Store) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

        def extend(self, quads: object) -> None:
            raise KeyboardInterrupt

    real = store.inner
    store._store = Crashing(real)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        store.put_documents([DocumentGraph.from_triples(G1, label("半"), "h1")])
    store._store = real
    assert store.document_hashes() == {}
    store.put_documents([DocumentGraph.from_triples(G1, label("全"), "h1")])
    assert labels(store) == {(G1, "全")}
    store.close()


def test_second_writer_fails_with_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "g.oxi"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys
                from kg.store import DiskStore
                s = DiskStore({str(path)!r})
                print("locked", flush=True)
                sys.stdin.read()
                s.close()
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(
            StoreError, match=rf"being written by another build \(pid {holder.pid}\)"
        ):
            DiskStore(path)
        with pytest.raises(StoreError, match="being written"):
            open_graph(path)
    finally:
        holder.communicate("", timeout=20)
    with DiskStore(path, wait=True) as store:  # free again
        assert store.document_hashes() == {}


def test_same_process_second_writer(tmp_path: Path) -> None:
    with DiskStore(tmp_path / "g.oxi"), pytest.raises(StoreError, match="another build"):
        DiskStore(tmp_path / "g.oxi")


def test_bad_store_paths(tmp_path: Path) -> None:
    (tmp_path / "file.oxi").write_text("x", "utf-8")
    with pytest.raises(StoreError, match="a file, not a store"):
        open_store(tmp_path / "file.oxi")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("x", "utf-8")
    with pytest.raises(StoreError, match="not empty"):
        DiskStore(tmp_path / "docs")
    with pytest.raises(InputError, match="not an Oxigraph store"):
        open_graph(tmp_path / "docs")
    with pytest.raises(ConfigError, match="unknown store"):
        open_store("nosuch")
