from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.errors import ConfigError, InputError
from kg.store import FORMATS, add_graph, format_for, new_dataset, open_graph, save
from kg.vocab import RDFS

S = URIRef("https://w3id.org/kgzh/id/person/x")


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_add_graph_replaces(store: str) -> None:
    ds = new_dataset(store)
    g = URIRef("https://w3id.org/kgzh/id/doc/1")
    add_graph(ds, g, [(S, RDFS.label, Literal("甲", lang="zh"))])
    add_graph(ds, g, [(S, RDFS.label, Literal("乙", lang="zh"))])
    assert [str(o) for o in ds.graph(g).objects(S, RDFS.label)] == ["乙"]


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_round_trip_every_format(tmp_path: Path, store: str, ext: str, sample_graph) -> None:  # type: ignore[no-untyped-def]
    ds = new_dataset(store)
    for s, p, o, g in sample_graph.quads((None, None, None, None)):
        ds.graph(g).add((s, p, o))
    path = save(ds, tmp_path / f"g{ext}")
    back = open_graph(path, store=store)
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert {(s, p, o) for s, p, o, _ in back.quads((None, None, None, None))} == triples
    assert not list(tmp_path.glob(".*tmp"))


def test_unknown_extension() -> None:
    with pytest.raises(ConfigError, match=r"\.xyz"):
        format_for("out.xyz")
    with pytest.raises(ConfigError, match="unknown store"):
        new_dataset("nosuch")


def test_bad_rdf_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("this is not turtle", "utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl"):
        open_graph(path)
    with pytest.raises(InputError, match="no such"):
        open_graph(tmp_path / "none.ttl")


@pytest.mark.parametrize("store", ["oxigraph", "memory"])
def test_failed_save_leaves_nothing(tmp_path: Path, store: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import pyoxigraph

    ds = new_dataset(store)
    add_graph(
        ds, URIRef("https://w3id.org/kgzh/id/doc/1"), [(S, RDFS.label, Literal("甲", lang="zh"))]
    )
    target = tmp_path / "out.trig"
    target.write_text("old", "utf-8")

    def boom(*args: object, **kw: object) -> None:
        out = args[1] if len(args) > 1 else kw.get("destination")
        Path(str(out)).write_text("partial", "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pyoxigraph, "serialize", boom)
    monkeypatch.setattr(type(ds), "serialize", boom)
    with pytest.raises(Exception, match="No space"):
        save(ds, target)
    assert target.read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.trig"]


def test_union_counts_each_triple_once() -> None:
    ds = new_dataset("oxigraph")
    for i in range(3):  # the same entity described in three documents
        add_graph(
            ds,
            URIRef(f"https://w3id.org/kgzh/id/doc/{i}"),
            [(S, RDFS.label, Literal("甲", lang="zh"))],
        )
    rows = list(ds.query("SELECT ?s ?l WHERE { ?s ?p ?l }"))
    assert len(rows) == 1
    add_graph(ds, URIRef("https://w3id.org/kgzh/id/doc/0"), [])  # replacing keeps the others'
    assert len(list(ds.query("SELECT ?s WHERE { ?s ?p ?l }"))) == 1


def test_save_writes_the_graphs_in_the_order_of_their_names(tmp_path: Path) -> None:
    """The file does not depend on the order graphs went in (nor on the process: Oxigraph
    lists a store's graphs in an order that differs between runs)."""
    names = [f"http://example.org/doc/{i:03d}" for i in range(40)]
    written = []
    for order in (names, names[::-1]):
        ds = new_dataset()
        for name in order:
            add_graph(ds, URIRef(name), [(URIRef(name), RDFS.label, Literal(name[-3:]))])
        path = save(ds, tmp_path / f"g{len(written)}.nq")
        written.append(path.read_bytes())
    assert written[0] == written[1]
    graphs = [line.rsplit(b" ", 2)[-2] for line in written[0].splitlines()]
    assert graphs == sorted(graphs) and len(set(graphs)) == 40
