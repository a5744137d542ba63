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

Builds write through one small interface, :class:`GraphStore`, chosen by
:func:`open_store` from a spec (``--store`` on the command line):

=====================  ==================================================
``oxigraph``           Oxigraph in memory (the default for one-shot builds)
``memory``             rdflib's own store in memory
``PATH`` (a folder)    a persistent Oxigraph store on disk (:class:`DiskStore`)
``http(s)://…``        a SPARQL 1.1 server (:class:`kg.remote.RemoteStore`)
=====================  ==================================================

Each document is one named graph holding ``<doc> kg:contentHash "sha256"``;
the hash is written last, so a graph without it is an interrupted write that
the next build replaces. A disk store admits one writer at a time (a file
lock, :class:`StoreLock`); readers open it read-only.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import itertools
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from kg.atomic import atomic_path
from kg.errors import ConfigError, InputError, StoreError
from kg.rdf import Triple
from kg.vocab import KG, PREFIXES

__all__ = [
    "FORMATS",
    "STORES",
    "DatasetStore",
    "DiskStore",
    "DocumentGraph",
    "GraphStore",
    "StoreLock",
    "add_graph",
    "format_for",
    "is_store_dir",
    "new_dataset",
    "open_graph",
    "open_store",
    "save",
]

log = logging.getLogger(__name__)

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
        return _ox_dataset(ox.Store())
    elif store == "memory":
        ds = Dataset(store="Memory", default_union=True)
    else:
        raise ConfigError(f"unknown store {store!r}; use one of {', '.join(STORES)}")
    _bind(ds)
    return ds


def _ox_dataset(inner: ox.Store) -> Dataset:
    """An rdflib dataset over the pyoxigraph store ``inner``.

    Queries read its default graph, which kg keeps as the set union of the
    document graphs (see :func:`refresh_union`): Oxigraph's own union view
    counts a triple once per graph holding it, so joins over entities named
    in many documents multiply rows (and memory) before ``DISTINCT``.
    """
    from oxrdflib import OxigraphStore

    ds = Dataset(store=OxigraphStore(store=inner), default_union=False)
    _bind(ds)
    return ds


_GATHER = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
_REFRESH = "DROP SILENT DEFAULT ; " + _GATHER


def ox_inner(ds: Graph) -> ox.Store | None:
    """The pyoxigraph store under an Oxigraph-backed rdflib graph, else ``None``."""
    return getattr(ds.store, "_inner", None) if is_oxigraph(ds) else None


def ensure_union(ds: Graph) -> None:
    """Compute the union if an Oxigraph dataset has named graphs but an empty default graph.

    That is a dataset filled by hand through rdflib; kg's own writers keep
    the union as they go.
    """
    inner = ox_inner(ds)
    if (
        inner is not None
        and not inner.query("ASK { ?s ?p ?o }")
        and inner.query("ASK { GRAPH ?g { ?s ?p ?o } }")
    ):
        refresh_union(ds, keep_default=True)


def refresh_union(ds: Graph, *, keep_default: bool = False) -> None:
    """Make an Oxigraph dataset's default graph the set union of its named graphs.

    kg's writers keep it so as they go; call this after adding triples to
    named graphs by hand. ``keep_default`` adds to what the default graph
    holds (a file read from elsewhere may put triples there) instead of
    recomputing it. Other stores need nothing (rdflib's union is a set).
    """
    inner = ox_inner(ds)
    if inner is not None:
        inner.update(_GATHER if keep_default else _REFRESH)


def _default_quads(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The same triples in the default graph."""
    for q in quads:
        yield ox.Quad(q.subject, q.predicate, q.object)


def _named_quads(inner: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the named graphs (the default graph is derived from them).

    Read graph by graph, in the order of their names (Oxigraph lists the
    graphs of a store in memory in an order that differs from process to
    process): reading every quad and leaving out the default graph's made a
    Python object of each of the union's triples for nothing (TriG of 394,195
    triples from 325 documents: 0.81 s that way, 0.45 s this way).
    """
    for name in sorted(inner.named_graphs(), key=str):
        yield from inner.quads_for_pattern(None, None, None, name)


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
    replaced = bool(len(graph))
    if replaced:
        ds.remove_graph(graph)
        graph = ds.graph(name)
    unique = list(dict.fromkeys(triples))
    ds.addN([(s, p, o, graph) for s, p, o in unique])
    if ox_inner(ds) is not None:
        if replaced:
            refresh_union(ds)
        else:
            ds.default_graph.addN([(s, p, o, ds.default_graph) for s, p, o in unique])


def open_graph(source: str | os.PathLike[str] | Graph, store: str = "oxigraph") -> Dataset | Graph:
    """A graph from an RDF file, a store folder or a SPARQL endpoint URL, or ``source`` itself.

    A store folder (written by ``kg build --store DIR``) is opened read-only,
    so several readers may share it; it is refused while a build writes it.
    """
    if isinstance(source, Graph):
        return source
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(source).dataset
    path = Path(source)
    if path.is_dir():
        return open_store_dir(path)
    if not path.is_file():
        raise InputError(f"{source}: no such RDF file")
    ox_format, rdflib_format, _ = format_for(path)
    ds = new_dataset(store)
    fmt = ox_format if is_oxigraph(ds) else rdflib_format
    try:
        ds.parse(str(path), format=fmt)
    except Exception as err:  # parsers raise many types; all mean the file is bad
        raise InputError(f"{source}: not valid {path.suffix[1:]} RDF ({_first_line(err)})") from err
    refresh_union(ds, keep_default=True)
    return ds


def save(ds: Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``ds`` to ``path`` in the format its extension names, atomically."""
    target = Path(path)
    ox_format, rdflib_format, quads = format_for(target)
    inner = ox_inner(ds)
    if inner is not None and target.suffix.lower() in _OX_FORMATS:
        fmt = _OX_FORMATS[target.suffix.lower()]
        if not quads:
            refresh_union(ds)  # derived, so recomputing it is safe; it may be out of date
        data = (
            _named_quads(inner)
            if quads
            else inner.quads_for_pattern(None, None, None, ox.DefaultGraph())
        )
        prefixes = None
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE):
            prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        with atomic_path(target) as tmp:
            ox.serialize(data, str(tmp), fmt, prefixes=prefixes)
        return target
    graph: Graph = ds
    if not quads and isinstance(ds, Dataset):
        graph = _union(ds)
    fmt_name = ox_format if is_oxigraph(graph) else rdflib_format
    with atomic_path(target) as tmp:
        graph.serialize(destination=str(tmp), format=fmt_name)
    return target


_OX_FORMATS = {
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


def _union(ds: Dataset) -> Graph:
    """All triples of ``ds`` in one graph (for formats without named graphs)."""
    graph = Graph()
    _bind(graph)
    graph.addN([(s, p, o, graph) for s, p, o in ds.triples((None, None, None))])
    return graph


def _first_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


# --------------------------------------------------------------------------
# Stores that builds write to, one named graph per document.

_NQUADS = ox.RdfFormat.N_QUADS
_NTRIPLES = ox.RdfFormat.N_TRIPLES
_HASH = ox.NamedNode(str(KG.contentHash))
_HASHES = """
SELECT ?g ?h WHERE { GRAPH ?g { ?g <https://w3id.org/kgzh/ontology#contentHash> ?h } }
"""
#: Batches of new documents at least this large go through Oxigraph's bulk loader.
BULK_BYTES = 8 << 20


@dataclass(frozen=True)
class DocumentGraph:
    """One document's named graph, ready to write: N-Quads bytes and the content hash.

    ``nquads`` holds every triple of the graph except ``kg:contentHash``,
    which each store writes last (see the module docstring).
    """

    iri: str
    content_hash: str
    nquads: bytes
    source: str = ""
    chars: int = 0

    @classmethod
    def from_triples(
        cls,
        iri: str,
        triples: Iterable[Triple],
        content_hash: str,
        source: str = "",
        chars: int = 0,
    ) -> DocumentGraph:
        """Encode ``triples`` (rdflib terms) as graph ``iri``, dropping any hash triple."""
        graph = ox.NamedNode(iri)
        quads = [
            ox.Quad(_ox(s), _ox(p), _ox(o), graph)  # type: ignore[arg-type]
            for s, p, o in dict.fromkeys(triples)
            if p != KG.contentHash
        ]
        return cls(iri, content_hash, ox.serialize(quads, format=_NQUADS) or b"", source, chars)

    def hash_quad(self) -> ox.Quad:
        graph = ox.NamedNode(self.iri)
        return ox.Quad(graph, _HASH, ox.Literal(self.content_hash), graph)

    def default_nquads(self) -> bytes:
        """The same triples in the default graph: the N-Quads lines with the graph name cut off.

        Exact, because the serialiser escapes line breaks inside literals:
        ``" <iri> .\\n"`` occurs only where a line ends with the graph name.
        """
        return self.nquads.replace(f" <{self.iri}> .\n".encode(), b" .\n")

    def hash_nquads(self) -> bytes:
        """The hash triple, in the document's graph and in the default graph (N-Quads)."""
        q = self.hash_quad()
        return ox.serialize([q, ox.Quad(q.subject, q.predicate, q.object)], format=_NQUADS) or b""


class _Stream(io.RawIOBase):
    """A readable binary stream over byte strings, so they are read without joining them."""

    def __init__(self, parts: Iterable[bytes]) -> None:
        self._parts = iter(parts)
        self._rest = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._rest:
            part = next(self._parts, None)
            if part is None:
                return 0
            self._rest = memoryview(part)
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


def _ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term for a store: {term!r}")


@runtime_checkable
class GraphStore(Protocol):
    """Where a build writes: one named graph per document, keyed by content hash.

    ``dataset`` is an rdflib :class:`~rdflib.Dataset` for queries (the union
    of the document graphs is its default graph).
    """

    location: str

    @property
    def dataset(self) -> Dataset: ...

    def put_documents(self, graphs: Sequence[DocumentGraph]) -> None:
        """Write each graph, replacing a graph of the same name; atomically per document."""

    def remove_document(self, graph_iri: str) -> None:
        """Drop one document's graph (nothing happens if there is none)."""

    def document_hashes(self) -> dict[str, str]:
        """Graph IRI → content hash of every completely written document."""

    def close(self) -> None:
        """Flush and release the store (and its lock)."""


def put_document(
    store: GraphStore, graph_iri: str, triples: Iterable[Triple], content_hash: str
) -> None:
    """Write one document's ``triples`` to ``store`` as graph ``graph_iri``."""
    store.put_documents([DocumentGraph.from_triples(graph_iri, triples, content_hash)])


class DatasetStore:
    """A :class:`GraphStore` over an in-memory rdflib dataset (Oxigraph or rdflib's own)."""

    def __init__(self, dataset: Dataset | None = None, kind: str = "oxigraph") -> None:
        self._ds = dataset if dataset is not None else new_dataset(kind)
        self._inner: ox.Store | None = ox_inner(self._ds)
        self._stale = False  # the default graph (the union) needs recomputing
        self.location = kind

    @property
    def dataset(self) -> Dataset:
        if self._stale:
            refresh_union(self._ds)
            self._stale = False
        return self._ds

    def put_documents(self, graphs: Sequence[DocumentGraph]) -> None:
        for g in graphs:
            if self._inner is not None:
                self._stale |= _put(self._inner, g)
            else:
                self.remove_document(g.iri)
                self._ds.parse(data=g.nquads, format="nquads")
                name = URIRef(g.iri)
                self._ds.graph(name).add((name, KG.contentHash, Literal(g.content_hash)))

    def remove_document(self, graph_iri: str) -> None:
        if self._inner is not None:
            _remove(self._inner, graph_iri)
        else:
            self._ds.remove_graph(self._ds.graph(URIRef(graph_iri)))

    def document_hashes(self) -> dict[str, str]:
        if self._inner is not None:
            return _hashes(self._inner)
        return {str(g): str(h) for g, h in self._ds.query(_HASHES)}  # type: ignore[misc]

    def close(self) -> None:
        pass


def _put(inner: ox.Store, g: DocumentGraph) -> bool:
    """Write one document graph and its hash, keeping the union; always ``False`` (not stale).

    Each write is one transaction: a new graph goes in with its hash and its
    copy in the default graph at once (one ``load`` of N-Quads bytes, no
    Python objects per triple); a replacement takes the old graph's
    triples out of the union (those no other graph holds), drops it and
    inserts the new one in one SPARQL update. So a failure (a full disk, a
    kill) leaves the previous version whole and the union exact.
    """
    name = ox.NamedNode(g.iri)
    if not inner.contains_named_graph(name):
        inner.load(g.nquads + g.default_nquads() + g.hash_nquads(), format=_NQUADS, lenient=True)
        return False
    hash_triple = ox.serialize(
        [ox.Triple(name, _HASH, ox.Literal(g.content_hash))], format=_NTRIPLES
    )
    body = (g.default_nquads() + (hash_triple or b"")).decode("utf-8")
    inner.update(f"{_forget(name)} ; INSERT DATA {{ GRAPH {name} {{\n{body}}}\n{body}}}")
    return False


def _forget(name: ox.NamedNode) -> str:
    """SPARQL that drops graph ``name`` and its triples from the union (unless another has them)."""
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER (?h != {name}) }} }} ; "
        f"DROP SILENT GRAPH {name}"
    )


def _remove(inner: ox.Store, graph_iri: str) -> None:
    """Drop one document graph and its share of the union, in one transaction."""
    inner.update(_forget(ox.NamedNode(graph_iri)))


def _hashes(inner: ox.Store) -> dict[str, str]:
    return {row[0].value: row[1].value for row in inner.query(_HASHES)}  # type: ignore[union-attr]


class StoreLock:
    """An exclusive ``flock`` on ``PATH/kg.lock``, holding the writer's pid.

    With ``wait`` a second writer blocks until the first is done; without it
    it fails at once with a :class:`StoreError` naming the holder.
    """

    NAME = "kg.lock"

    def __init__(self, folder: Path, *, wait: bool = False) -> None:
        self.path = folder / self.NAME
        self._file: IO[str] | None = None
        file = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            if err.errno not in (errno.EAGAIN, errno.EACCES):
                file.close()
                raise StoreError(f"{folder}: cannot lock the store ({err.strerror})") from err
            holder = _holder(self.path)
            if not wait:
                file.close()
                raise StoreError(
                    f"store {folder} is being written by another build (pid {holder}); "
                    "wait or use another store"
                ) from None
            log.warning("store %s is being written by pid %s; waiting", folder, holder)
            fcntl.flock(file, fcntl.LOCK_EX)
        file.seek(0)
        #: The pid of a writer that died holding the store (its pid is still
        #: written: a clean release empties the file), else ``None``.
        self.crashed: str | None = file.read().strip() or None
        file.seek(0)
        file.truncate()
        file.write(f"{os.getpid()}\n")
        file.flush()
        self._file = file

    def release(self, *, clean: bool = True) -> None:
        """Drop the lock; ``clean=False`` leaves the pid, marking the store for repair."""
        if self._file is not None:
            if clean:
                with contextlib.suppress(OSError):
                    self._file.seek(0)
                    self._file.truncate()
            self._file.close()  # closing drops the flock
            self._file = None

    @staticmethod
    def held(folder: Path) -> str | None:
        """The pid of the build writing ``folder``, or None if no build holds it."""
        path = folder / StoreLock.NAME
        if not path.exists():
            return None
        with open(path, encoding="utf-8") as file:
            try:
                fcntl.flock(file, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                return _holder(path)
            fcntl.flock(file, fcntl.LOCK_UN)
        return None


def _holder(path: Path) -> str:
    try:
        return path.read_text("utf-8").strip() or "unknown"
    except OSError:
        return "unknown"


def is_store_dir(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder holding an Oxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file() and any(p.glob("OPTIONS-*"))


def _interrupted_creation(folder: Path) -> bool:
    """Whether ``folder`` is a store kg began to create and never finished.

    kg takes its lock (``kg.lock``) before Oxigraph creates its files, and
    RocksDB writes ``CURRENT`` last; a kill in between leaves the lock file
    and perhaps some of RocksDB's first files, but no ``CURRENT``.
    """
    return (folder / StoreLock.NAME).is_file() and not (folder / "CURRENT").exists()


def _looks_like_store_spec(spec: str) -> bool:
    return spec.endswith(".oxi") or os.sep in spec or spec.startswith(".") or Path(spec).is_dir()


class DiskStore:
    """A persistent Oxigraph store in a folder; one writer at a time.

    ``kg query``, ``kg viz`` and notebooks open the same folder directly
    (:func:`open_graph`). Large batches of new documents go through
    Oxigraph's bulk loader; replacing a document is one transaction.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, wait: bool = False, bulk: bool = True
    ) -> None:
        folder = Path(path)
        self.location = str(path)
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{path}: a file, not a store folder; give a folder for --store")
        if folder.is_dir() and any(folder.iterdir()) and not is_store_dir(folder):
            if not _interrupted_creation(folder):
                raise StoreError(f"{path}: folder is not empty and holds no Oxigraph store")
            log.warning("store %s: the build creating it was interrupted; starting again", path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"{path}: cannot create the store ({err.strerror})") from err
        self._lock: StoreLock | None = StoreLock(folder, wait=wait)
        try:
            self._store: ox.Store | None = ox.Store(str(folder))
        except (OSError, RuntimeError) as err:  # RocksDB reports damage as RuntimeError
            self._lock.release()
            raise StoreError(
                f"{path}: cannot open the Oxigraph store ({_first_line(err)})"
            ) from err
        self._bulk = bulk
        self._ds: Dataset | None = None
        self._stale = False  # the default graph (the union) needs recomputing
        self._failed = False  # a write failed: the next writer repairs the store
        if self._lock.crashed is not None:
            try:
                self.repair(self._lock.crashed)
            except BaseException:
                self.close()
                raise

    def repair(self, pid: str = "unknown") -> list[str]:
        """Undo what an interrupted writer left: graphs without a hash, a stale union.

        Called on opening when the last writer (``pid``) died holding the
        store; returns the graphs dropped. Every document graph with a hash
        is complete (it was written in one transaction), so only those without
        one go, and the next build extracts them again.
        """
        inner = self.inner
        done = set(_hashes(inner))
        partial = [g.value for g in inner.named_graphs() if g.value not in done]
        log.warning(
            "store %s: the build writing it (pid %s) was interrupted; dropping %d incomplete "
            "document graphs and recomputing the union",
            self.location,
            pid,
            len(partial),
        )
        with self._writing():
            for iri in partial:
                inner.remove_graph(ox.NamedNode(iri))
            _rebuild_union(inner)
        return partial

    def _refresh_union(self) -> None:
        """Rebuild the union after replacements (bulk, memory-flat; see :func:`_rebuild_union`)."""
        with self._writing():
            _rebuild_union(self.inner)
        self._stale = False

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A failed write (a full disk, a file-size limit) as one clear :class:`StoreError`.

        The store is then marked for repair by the next writer.
        """
        try:
            yield
        except OSError as err:
            self._failed = True
            raise StoreError(
                f"{self.location}: cannot write the store ({_first_line(err)}); documents "
                "written before stay complete, and the next build carries on from them"
            ) from err

    @property
    def inner(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.location}: store is closed")
        return self._store

    @property
    def dataset(self) -> Dataset:
        if self._ds is None:
            self._ds = _ox_dataset(self.inner)
        if self._stale:
            self._refresh_union()
        return self._ds

    def put_documents(self, graphs: Sequence[DocumentGraph]) -> None:
        with self._writing():
            self._put_documents(graphs)

    def _put_documents(self, graphs: Sequence[DocumentGraph]) -> None:
        inner = self.inner
        fresh = [g for g in graphs if not inner.contains_named_graph(ox.NamedNode(g.iri))]
        if self._bulk and sum(len(g.nquads) for g in fresh) >= BULK_BYTES:
            # Not transactional: the hashes go in afterwards, in one transaction,
            # so an interruption leaves graphs without a hash, which the next run replaces.
            # One bulk load of bytes, the graphs then their copy in the default graph
            # (the union), read as a stream rather than joined; ``lenient`` skips
            # validating what Oxigraph's own serialiser wrote.
            data = itertools.chain((g.nquads for g in fresh), (g.default_nquads() for g in fresh))
            inner.bulk_load(io.BufferedReader(_Stream(data)), format=_NQUADS, lenient=True)
            inner.load(b"".join(g.hash_nquads() for g in fresh), format=_NQUADS, lenient=True)
            done = {g.iri for g in fresh}
            graphs = [g for g in graphs if g.iri not in done]
        for g in graphs:
            self._stale |= _put(inner, g)

    def remove_document(self, graph_iri: str) -> None:
        with self._writing():
            _remove(self.inner, graph_iri)

    def document_hashes(self) -> dict[str, str]:
        return _hashes(self.inner)

    def close(self) -> None:
        """Recompute the union if needed, flush, and release the store and its lock.

        If that write fails the lock file keeps this process's pid, so the
        next writer repairs the union (see :meth:`repair`).
        """
        try:
            if self._store is not None and self._stale:
                self._refresh_union()
            if self._store is not None:
                with self._writing():
                    self._store.flush()
        finally:
            clean = not (self._stale or self._failed)
            if self._ds is not None:
                # rdflib datasets are freed only by the cycle collector; drop the
                # Oxigraph store (and its RocksDB lock) now, not then.
                self._ds.store.close()
                self._ds = None
            self._store = None
            if self._lock is not None:
                self._lock.release(clean=clean)
                self._lock = None

    def __enter__(self) -> DiskStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _rebuild_union(inner: ox.Store) -> None:
    """Make the default graph of a store folder the union of its named graphs again.

    Not one transaction, whose memory grows with the store (a SPARQL ``DROP``
    and ``INSERT`` held 1.66 GB at 10^6 triples): the default graph is
    cleared, then the named graphs' triples go in through the bulk loader,
    :data:`UNION_BATCH` at a time (about 300 MB whatever the size of the
    store), and are flushed. It runs holding the writer's lock, whose pid
    stays written until the store is closed cleanly: an interruption here
    leaves the store marked, and the next writer rebuilds the union again.
    """
    inner.clear_graph(ox.DefaultGraph())
    quads = _default_quads(_named_quads(inner))
    while batch := list(itertools.islice(quads, UNION_BATCH)):
        inner.bulk_extend(batch)
    inner.flush()


#: Quads per call of the bulk loader when the union is rebuilt (bounds its memory).
UNION_BATCH = 100_000


def open_store_dir(path: str | os.PathLike[str]) -> Dataset:
    """A read-only dataset over the store folder ``path`` (refused while a build writes it)."""
    folder = Path(path)
    if not is_store_dir(folder):
        if _interrupted_creation(folder):
            raise InputError(
                f"{path}: the build creating this store was interrupted before it wrote "
                "anything; run the build again"
            )
        raise InputError(f"{path}: a folder, but not an Oxigraph store (build one with --store)")
    holder = StoreLock.held(folder)
    if holder is not None:
        raise StoreError(
            f"store {path} is being written by another build (pid {holder}); wait for it to finish"
        )
    lock = folder / StoreLock.NAME
    if lock.exists() and _holder(lock) != "unknown":
        log.warning(
            "store %s: the last build writing it (pid %s) was interrupted; its complete "
            "documents are all there, run the build again to add the rest",
            path,
            _holder(lock),
        )
    try:
        inner = ox.Store.read_only(str(folder))
    except (OSError, RuntimeError) as err:  # RocksDB reports damage as RuntimeError
        raise StoreError(f"{path}: cannot open the Oxigraph store ({_first_line(err)})") from err
    return _ox_dataset(inner)


def open_store(spec: str | os.PathLike[str], *, wait: bool = False) -> GraphStore:
    """The :class:`GraphStore` that ``spec`` names (see the module docstring).

    >>> store = open_store("oxigraph")
    >>> store.document_hashes()
    {}
    """
    text = os.fspath(spec)
    if text in STORES:
        return DatasetStore(kind=text)
    if text.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(text)
    if not _looks_like_store_spec(text):
        raise ConfigError(
            f"unknown store {text!r}; use oxigraph, memory, a folder path (e.g. ./graph.oxi) "
            "or a SPARQL endpoint URL"
        )
    return DiskStore(text, wait=wait)


def wait_for_unlock(folder: Path, timeout: float) -> bool:
    """Poll until no build holds ``folder`` (for tests and scripts); whether it was freed."""
    end = time.monotonic() + timeout
    while StoreLock.held(folder) is not None:
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True
