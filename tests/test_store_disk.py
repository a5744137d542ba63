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
    ox_inner,
    put_document,
)
from kg.vocab import RDFS

S = URIRef("https://w3id.org/kgzh/id/person/x")
G1 = "https://w3id.org/kgzh/id/doc/1"
G2 = "https://w3id.org/kgzh/id/doc/2"
NQ = ox.RdfFormat.N_QUADS


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


def union_is_exact(store: DiskStore | DatasetStore) -> None:
    """The default graph holds exactly the set union of the document graphs."""
    inner = ox_inner(store.dataset)
    assert inner is not None
    named = {(q.subject, q.predicate, q.object) for q in inner if q.graph_name != ox.DefaultGraph()}
    default = {
        (q.subject, q.predicate, q.object)
        for q in inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
    }
    assert default == named


@pytest.mark.parametrize("bulk_bytes", [1, 1 << 40])  # the bulk loader, one transaction per graph
@pytest.mark.parametrize("kind", ["disk", "oxigraph"])
def test_new_graphs_keep_the_union(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, bulk_bytes: int
) -> None:
    monkeypatch.setattr("kg.store.BULK_BYTES", bulk_bytes)
    store = DiskStore(tmp_path / "g.oxi") if kind == "disk" else DatasetStore()
    tricky = Literal(f"一行\n<{G1}> .\n二行 <{G2}> .")  # a graph's name inside a literal
    shared = (S, RDFS.label, Literal("甲", lang="zh"))
    store.put_documents(
        [
            DocumentGraph.from_triples(G1, [shared, (S, RDFS.comment, tricky)], "h1"),
            DocumentGraph.from_triples(G2, [shared, (URIRef(G2), RDFS.seeAlso, URIRef(G2))], "h2"),
        ]
    )
    assert store.document_hashes() == {G1: "h1", G2: "h2"}
    assert labels(store) == {(G1, "甲"), (G2, "甲")}
    union_is_exact(store)
    store.put_documents([DocumentGraph.from_triples(G1, label("乙"), "h1b")])  # a replacement
    union_is_exact(store)
    store.close()


def test_default_nquads_cut_only_the_graph_name() -> None:
    g = DocumentGraph.from_triples(
        G1,
        [(URIRef(G1), RDFS.seeAlso, URIRef(G1)), (S, RDFS.comment, Literal(f"x <{G1}> .\n"))],
        "h",
    )
    named = {(q.subject, q.predicate, q.object) for q in ox.parse(g.nquads, format=NQ)}
    default = list(ox.parse(g.default_nquads(), format=NQ))
    assert {(q.subject, q.predicate, q.object) for q in default} == named
    assert all(q.graph_name == ox.DefaultGraph() for q in default)
    hashes = list(ox.parse(g.hash_nquads(), format=NQ))
    assert [str(q.graph_name) for q in hashes] == [f"<{G1}>", "DEFAULT"]


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

        def load(self, *args: object, **kwargs: object) -> None:  # the hashes, after the bulk load
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
