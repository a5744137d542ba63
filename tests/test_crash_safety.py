"""Crash safety: kill -9 during builds, two writers on one store, a full disk.

The runs themselves live in scripts/crash_test.py (the nightly script runs 20
and more); here a few run by default and 20 under the ``slow`` marker, plus
deterministic cases: a writer that dies in the middle of a bulk load, and a
store write that fails for lack of space.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import InputError, StoreError
from kg.store import DiskStore, DocumentGraph, open_graph
from kg.vocab import RDFS

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "crash_test.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_test"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


crash = _load_script()


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Clean builds of two versions of a 30-document corpus (the references)."""
    return crash.prepare(tmp_path_factory.mktemp("crash"), 30)


def assert_clean(tally) -> None:  # type: ignore[no-untyped-def]
    assert tally.failures == 0, "\n".join(tally.details)


def test_kill_9_during_builds(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    rng = random.Random(7)
    for i in range(2):
        crash.kill_run(setup, i, rng, tally)
    assert_clean(tally)
    assert tally.kill_runs == 2 and tally.resumed_identical == 2


@pytest.mark.slow
def test_kill_9_twenty_times(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    rng = random.Random(20)
    for i in range(20):
        crash.kill_run(setup, i, rng, tally)
    assert_clean(tally)
    assert tally.resumed_identical == 20
    assert tally.killed_while_writing >= 5, tally


def test_second_writer_fails_clearly_and_waiting_writer_completes(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    crash.writers_run(setup, 0, random.Random(3), tally)
    assert_clean(tally)
    assert tally.waiting_writer_completed == 1 and tally.resumed_identical == 1


def test_disk_full_output_file(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    crash.disk_full_file(setup, tally, None)
    assert_clean(tally)
    assert tally.disk_full_clean_errors == 1 and tally.previous_output_intact == 1


def test_disk_full_store(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    crash.disk_full_store(setup, tally, None)
    assert_clean(tally)
    assert tally.disk_full_clean_errors == 1 and tally.resumed_identical == 1


@pytest.mark.slow
def test_disk_full_on_a_tiny_filesystem(setup) -> None:  # type: ignore[no-untyped-def]
    tally = crash.Tally()
    with crash.tiny_filesystem("6m") as where:
        if where is None:
            pytest.skip("cannot mount a tmpfs here (not root)")
        crash.disk_full_file(setup, tally, where / "file")
    with crash.tiny_filesystem("160m") as where:
        assert where is not None
        crash.disk_full_store(setup, tally, where / "store")
    assert_clean(tally)
    assert tally.disk_full_clean_errors == 2


# --------------------------------------------------------------------------
# Deterministic interruptions

G = "https://w3id.org/kgzh/id/doc/"


def graph(name: str, label: str, digest: str) -> DocumentGraph:
    s = f"https://w3id.org/kgzh/id/person/{name}"
    triples = [(ox_uri(s), RDFS.label, label_literal(label))]
    return DocumentGraph.from_triples(G + name, triples, digest)


def ox_uri(iri: str):  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    return URIRef(iri)


def label_literal(text: str):  # type: ignore[no-untyped-def]
    from rdflib import Literal

    return Literal(text, lang="zh")


def test_writer_dying_in_a_bulk_load_is_repaired(tmp_path: Path) -> None:
    """Graphs bulk-loaded without their hash, the union half written: the next writer repairs."""
    path = tmp_path / "g.oxi"
    with DiskStore(path) as store:
        store.put_documents([graph("a", "甲", "ha")])
    child = textwrap.dedent(
        f"""
        import os, pyoxigraph as ox
        from kg.store import DiskStore, DocumentGraph
        from rdflib import Literal, URIRef
        from kg.vocab import RDFS
        store = DiskStore({str(path)!r})
        s = URIRef("https://w3id.org/kgzh/id/person/b")
        label = Literal("乙", lang="zh")
        g = DocumentGraph.from_triples({G + "b"!r}, [(s, RDFS.label, label)], "hb")
        store.inner.bulk_load(g.nquads, format=ox.RdfFormat.N_QUADS)  # the hash comes after
        os._exit(9)  # as if killed here
        """
    )
    subprocess.run([sys.executable, "-c", child], check=False, timeout=60)
    snap = crash.snapshot(path)
    assert set(snap.graphs) == {G + "a", G + "b"} and set(snap.hashes) == {G + "a"}
    with DiskStore(path) as store:  # the writer that opens next repairs
        assert store.document_hashes() == {G + "a": "ha"}
    snap = crash.snapshot(path)
    assert set(snap.graphs) == {G + "a"}
    assert crash.problems(snap, {(G + "a", "ha"): snap.graphs[G + "a"]}) == []


def test_failed_store_write_keeps_previous_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replacement that fails (no space) leaves the old graph whole; one clear error."""
    path = tmp_path / "g.oxi"
    store = DiskStore(path)
    store.put_documents([graph("a", "旧", "h1")])

    class Full:
        def __init__(self, inner: ox.Store) -> None:
            self.inner = inner

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

        def update(self, *args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

    store._store = Full(store.inner)  # type: ignore[assignment]
    with pytest.raises(StoreError) as err:
        store.put_documents([graph("a", "新", "h2")])
    message = str(err.value)
    del err  # its traceback holds the writer's RocksDB handle
    assert message.startswith(f"{path}: cannot write the store (")
    assert "No space left on device" in message and "\n" not in message
    store._store = store._store.inner  # type: ignore[attr-defined]
    store.close()
    gc.collect()  # the writer's RocksDB handle goes with its last reference
    snap = crash.snapshot(path)
    assert snap.hashes == {G + "a": "h1"} and any("旧" in t for t in snap.graphs[G + "a"])
    assert os.path.getsize(path / "kg.lock") > 0  # marked: the next writer checks the store


def test_cli_disk_full_store_error_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("温县县长李红梅主持会议。", "utf-8")

    def full(self, graphs):  # type: ignore[no-untyped-def]
        with self._writing():
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(DiskStore, "put_documents", full)
    assert main(["build", str(doc), "--store", str(tmp_path / "g.oxi"), "--no-progress"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Error: {tmp_path / 'g.oxi'}: cannot write")
    monkeypatch.undo()
    assert main(["build", str(doc), "--store", str(tmp_path / "g.oxi"), "--no-progress"]) == 0
    assert len(list(open_graph(tmp_path / "g.oxi").graphs())) >= 2


def test_damaged_store_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store whose files were lost (not by kg) is refused with one line, not a traceback."""
    path = tmp_path / "g.oxi"
    with DiskStore(path) as store:
        for i in range(3):
            store.put_documents([graph(f"d{i}", "甲" * 1000, f"h{i}")])
    for sst in path.glob("*.sst"):
        sst.unlink()
    if not list(path.glob("MANIFEST-*")):
        pytest.skip("no RocksDB manifest to damage")
    assert main(["stats", str(path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"Error: {path}: cannot open the Oxigraph store (")


def test_store_killed_while_being_created(tmp_path: Path) -> None:
    """kg's lock and RocksDB's first files but no CURRENT: readers say so, writers start over."""
    path = tmp_path / "g.oxi"
    path.mkdir()
    (path / "kg.lock").write_text("4242\n", "utf-8")  # the dead writer
    (path / "LOCK").write_bytes(b"")
    (path / "IDENTITY").write_text("f3c1", "utf-8")
    (path / "LOG").write_text("RocksDB: creating\n", "utf-8")
    with pytest.raises(InputError, match="interrupted before it wrote anything; run the build"):
        open_graph(path)
    with DiskStore(path) as store:
        store.put_documents([graph("a", "甲", "ha")])
    assert crash.snapshot(path).hashes == {G + "a": "ha"}
    with pytest.raises(StoreError, match="holds no Oxigraph store"):
        (tmp_path / "other").mkdir()
        (tmp_path / "other" / "notes.txt").write_text("x", "utf-8")
        DiskStore(tmp_path / "other")
