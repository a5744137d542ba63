"""Graph stores and RDF files: creating datasets, adding documents, reading and writing.

kg works through rdflib's :class:`~rdflib.Dataset` API. The default store is
Oxigraph in memory (through the ``oxrdflib`` plugin, backed by
``pyoxigraph``): its SPARQL engine and parsers are orders of magnitude faster
than rdflib's own. rdflib's pure-Python store stays selectable as
``"memory"``. Queries see the union of the named graphs (``default_union``).

File formats follow the extension: ``.trig`` and ``.nq`` keep one named graph
per document; ``.ttl``, ``.nt`` and ``.jsonld`` hold the union (for JSON-LD,
with named graphs). Writing is atomic: a temporary file beside the target is
renamed over it only when serialisation succeeded.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import NamespaceManager

from kg.atomic import atomic_path
from kg.errors import ConfigError, InputError
from kg.rdf import Triple
from kg.vocab import PREFIXES

__all__ = ["FORMATS", "STORES", "add_graph", "format_for", "new_dataset", "open_graph", "save"]

#: File extension → (oxrdflib format, rdflib format, holds named graphs).
FORMATS: dict[str, tuple[str, str, bool]] = {
    ".trig": ("ox-trig", "trig", True),
    ".nq": ("ox-nquads", "nquads", True),
    ".ttl": ("ox-turtle", "turtle", False),
    ".nt": ("ox-ntriples", "nt", False),
    ".jsonld": ("json-ld", "json-ld", True),
}
STORES = ("oxigraph", "memory")


def format_for(path: str | os.PathLike[str]) -> tuple[str, str, bool]:
    """The serialisation formats for ``path``'s extension, or :class:`ConfigError`."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        raise ConfigError(
            f"{path}: unknown RDF extension {suffix or '(none)'!r}; use one of {', '.join(FORMATS)}"
        ) from None


def new_dataset(store: str = "oxigraph") -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs."""
    if store == "oxigraph":
        ds = Dataset(store="Oxigraph", default_union=True)
    elif store == "memory":
        ds = Dataset(store="Memory", default_union=True)
    else:
        raise ConfigError(f"unknown store {store!r}; use one of {', '.join(STORES)}")
    _bind(ds)
    return ds


def _bind(graph: Graph) -> None:
    """Bind exactly kg's prefixes (not rdflib's dozens of defaults)."""
    graph.namespace_manager = NamespaceManager(graph, bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)


def is_oxigraph(ds: Graph) -> bool:
    """Whether ``ds`` is backed by the Oxigraph store."""
    return type(ds.store).__name__ == "OxigraphStore"


def add_graph(ds: Dataset, name: URIRef, triples: Iterable[Triple]) -> None:
    """Replace named graph ``name`` of ``ds`` with ``triples`` (added in bulk)."""
    graph = ds.graph(name)
    if len(graph):
        ds.remove_graph(graph)
        graph = ds.graph(name)
    ds.addN([(s, p, o, graph) for s, p, o in dict.fromkeys(triples)])


def open_graph(source: str | os.PathLike[str] | Graph, store: str = "oxigraph") -> Dataset | Graph:
    """A graph from an RDF file, or ``source`` itself if it already is a graph."""
    if isinstance(source, Graph):
        return source
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such RDF file")
    ox_format, rdflib_format, _ = format_for(path)
    ds = new_dataset(store)
    fmt = ox_format if is_oxigraph(ds) else rdflib_format
    try:
        ds.parse(str(path), format=fmt)
    except Exception as err:  # parsers raise many types; all mean the file is bad
        raise InputError(f"{source}: not valid {path.suffix[1:]} RDF ({_first_line(err)})") from err
    return ds


def save(ds: Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``ds`` to ``path`` in the format its extension names, atomically."""
    target = Path(path)
    ox_format, rdflib_format, quads = format_for(target)
    graph: Graph = ds
    if not quads and isinstance(ds, Dataset):
        graph = _union(ds)
    fmt = ox_format if is_oxigraph(graph) else rdflib_format
    with atomic_path(target) as tmp:
        graph.serialize(destination=str(tmp), format=fmt)
    return target


def _union(ds: Dataset) -> Graph:
    """All triples of ``ds`` in one graph (for formats without named graphs)."""
    graph = Graph(store="Oxigraph") if is_oxigraph(ds) else Graph()
    _bind(graph)
    graph.addN([(s, p, o, graph) for s, p, o, _ in ds.quads((None, None, None, None))])
    return graph


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__
