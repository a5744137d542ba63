"""Incremental, streaming builds into persistent stores; kg remove; interrupted builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.builder import build, documents, remove, split_document, update
from kg.cli import main
from kg.documents import document
from kg.errors import InputError
from kg.rdf import graph_name
from kg.store import DiskStore, GraphStore, open_graph

from .conftest import SAMPLE

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def quads(store_or_ds: object) -> set[tuple[str, ...]]:
    ds = getattr(store_or_ds, "dataset", store_or_ds)
    return {
        tuple(map(str, q))
        for q in ds.quads((None, None, None, None))  # type: ignore[attr-defined]
        if str(q[3]) != str(DATASET_DEFAULT_GRAPH_ID)  # the union, derived from the rest
    }


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for p in sorted(EXAMPLES.glob("*.txt"))[:3]:
        (folder / p.name).write_text(p.read_text("utf-8"), "utf-8")
    (folder / "sample.txt").write_text(SAMPLE, "utf-8")
    return folder


def fresh(folder: Path, tmp_path: Path, name: str) -> set[tuple[str, ...]]:
    with DiskStore(tmp_path / name) as store:
        update(store, documents([folder]))
        return quads(store)


def test_rerun_extracts_only_new_and_changed(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    with DiskStore(tmp_path / "g.oxi") as store:
        first = update(store, documents([folder]))
        assert (first.extracted, first.unchanged) == (4, 0)
        again = update(store, documents([folder]))
        assert (again.extracted, again.unchanged) == (0, 4)
        (folder / "sample.txt").write_text(SAMPLE.replace("张丽华", "王建军"), "utf-8")
        (folder / "new.txt").write_text("郑州市召开会议。市长李明出席。", "utf-8")
        third = update(store, documents([folder]))
        assert (third.extracted, third.unchanged) == (2, 3)
        assert quads(store) == fresh(folder, tmp_path, "fresh.oxi")


def test_shared_entity_keeps_iri_and_loses_only_gone_mentions(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text(SAMPLE, "utf-8")
    (folder / "b.txt").write_text("市委书记刘建国到温县调研。", "utf-8")
    q = """SELECT DISTINCT ?p ?doc WHERE {
        ?p rdfs:label "刘建国"@zh . ?m itsrdf:taIdentRef ?p ; nif:referenceContext ?doc }"""
    with DiskStore(tmp_path / "g.oxi") as store:
        update(store, documents([folder]))
        before = {(str(p), str(d)) for p, d in store.dataset.query(q)}  # type: ignore[misc]
        (folder / "b.txt").write_text("县长王强到温县调研。", "utf-8")
        update(store, documents([folder]))
        after = {(str(p), str(d)) for p, d in store.dataset.query(q)}  # type: ignore[misc]
    a, b = str(graph_name(str(folder / "a.txt"))), str(graph_name(str(folder / "b.txt")))
    person = {p for p, _ in before}
    assert len(person) == 1 and {d for _, d in before} == {a, b}
    assert after == {(next(iter(person)), a)}


def test_split_long_text_by_paragraphs() -> None:
    text = "\n".join(f"第{i}段。焦作市召开会议。" for i in range(100))
    doc = document(text, id="big.txt")
    parts = list(split_document(doc, max_chars=200))
    assert len(parts) > 5 and all(len(p.text) <= 200 for p in parts)
    assert "".join(p.text for p in parts) == text
    assert all(p.text.endswith("\n") for p in parts[:-1])
    assert [p.id for p in parts][:2] == ["big.txt#part1", "big.txt#part2"]
    assert list(split_document(doc, max_chars=len(text))) == [doc]


def test_shorter_file_drops_its_stale_parts(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n".join(["焦作市召开全市经济工作会议。市委书记刘建国出席。"] * 6), "utf-8")
    with DiskStore(tmp_path / "g.oxi") as store:
        update(store, documents([big], max_chars=60))
        assert len(store.document_hashes()) == 3  # two 25-character lines a part
        big.write_text("\n".join(["焦作市召开全市经济工作会议。市委书记刘建国出席。"] * 2), "utf-8")
        report = update(store, documents([big], max_chars=60))
        assert report.removed == 3 and list(store.document_hashes()) == [str(graph_name(str(big)))]


def test_remove_by_path_id_or_iri(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    with DiskStore(tmp_path / "g.oxi") as store:
        update(store, documents([folder]))
        names = sorted(str(p) for p in folder.glob("*.txt"))
        assert len(remove(store, [names[0]])) == 1
        assert len(remove(store, [str(graph_name(names[1]))])) == 1
        with pytest.raises(InputError, match="no such document"):
            remove(store, ["nope.txt"])
        assert len(store.document_hashes()) == 2


def test_build_into_store_returns_readable_dataset(tmp_path: Path) -> None:
    ds = build([EXAMPLES], store=str(tmp_path / "g.oxi"))
    assert len(list(ds.graphs())) >= 5
    again = build([EXAMPLES], store=str(tmp_path / "g.oxi"))  # the reader does not block it
    assert quads(again) == quads(ds)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_store_build_remove_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = corpus(tmp_path)
    store = str(tmp_path / "g.oxi")
    code, out, _ = run_cli(capsys, "build", str(folder), "--store", store, "--no-progress")
    assert code == 0 and "4 extracted, 0 unchanged" in out
    code, out, _ = run_cli(capsys, "build", str(folder), "--store", store, "--no-progress")
    assert code == 0 and "0 extracted, 4 unchanged" in out
    code, out, _ = run_cli(capsys, "remove", store, str(folder / "sample.txt"))
    assert code == 0 and "removed 1" in out
    code, out, _ = run_cli(capsys, "query", store, "SELECT (COUNT(?d) AS ?n) { ?d a nif:Context }")
    assert code == 0 and out.split()[2] == "3"
    code, _, err = run_cli(capsys, "build", str(folder), "--no-progress")
    assert code == 1 and "give -o OUTPUT" in err


def test_killed_build_leaves_store_consistent_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(texts[i % len(texts)] + f"\n第{i}号。", "utf-8")
    path = tmp_path / "g.oxi"
    script = textwrap.dedent(
        f"""
        import kg.builder as b
        from kg.store import DiskStore
        b.BATCH_BYTES = 1
        store = DiskStore({str(path)!r})
        show = lambda d, new: print(d.id, flush=True)
        b.update(store, b.documents([{str(folder)!r}]), progress=show)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for _ in range(4):
        assert proc.stdout.readline()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=20)
    with DiskStore(path) as store:
        done = store.document_hashes()
        assert 0 < len(done) < 12
        report = update(store, documents([folder]))
        assert report.extracted == 12 - len(done)
        assert quads(store) == fresh(folder, tmp_path, "fresh.oxi")


def test_open_graph_on_written_store(tmp_path: Path) -> None:
    with DiskStore(tmp_path / "g.oxi") as store:
        update(store, [document(SAMPLE, id="s")])
        assert isinstance(store, GraphStore)
    assert len(quads(open_graph(tmp_path / "g.oxi"))) > 50
