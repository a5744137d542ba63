"""Building a graph from input files: load → pipeline → RDF → store.

A build streams: documents are read one file at a time, extracted in
chunks (in this process, in worker processes, or on Dask; see
:mod:`kg.parallel`) and written to the store in batches, so memory stays flat
in the number of documents. A text longer than :data:`PART_CHARS` is split at
paragraph breaks into parts, each its own document (``path#part2``).

Builds are incremental: every document graph carries the SHA-256 of its text
(``kg:contentHash``), and a document whose graph in the store has the same
hash is not extracted again. Graphs of documents that are not among the
inputs are left alone; :func:`remove` drops them.

>>> ds = build(["examples"])          # doctest: +SKIP
>>> len(list(ds.graphs())) > 1        # doctest: +SKIP
True
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import Dataset

from kg.documents import iter_files, load_file
from kg.errors import InputError
from kg.model import Document
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline
from kg.rdf import content_hash, graph_name
from kg.store import (
    DatasetStore,
    DiskStore,
    DocumentGraph,
    GraphStore,
    new_dataset,
    open_graph,
    open_store,
    save,
)

__all__ = ["BuildReport", "build", "build_documents", "remove", "split_document", "update"]

log = logging.getLogger(__name__)

Progress = Callable[[Document], None]

#: Texts longer than this many characters are split at paragraph breaks.
PART_CHARS = 100_000
#: Graphs are written to the store in batches of about this many bytes of N-Quads.
#: On disk each batch is one bulk load, whose files Oxigraph then merges with
#: the store's, so fewer, larger loads cost less CPU (the graphs of a 10 MB
#: corpus: 60 CPU-seconds in 16 MB batches, 42 in 64 MB ones, 30 in one load)
#: and more memory (Oxigraph's loader holds the parsed batch: a 1-worker
#: build's peak RSS went from 0.55 to 1.1-1.2 GiB from 16 to 64 MB).
BATCH_BYTES = 64 << 20
_SOURCES = """
SELECT ?g ?src WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/source> ?src } }
"""


@dataclass
class BuildReport:
    """What a build did."""

    store: str
    documents: int = 0
    extracted: int = 0
    unchanged: int = 0
    removed: int = 0
    chars: int = 0
    extracted_chars: int = 0
    seconds: float = 0.0
    iris: list[str] = field(default_factory=list, repr=False)

    @property
    def chars_per_second(self) -> float:
        return self.extracted_chars / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        rate = f", {self.chars_per_second:,.0f} chars/s" if self.extracted else ""
        return (
            f"{self.store}: {self.documents} documents ({self.extracted} extracted, "
            f"{self.unchanged} unchanged, {self.removed} stale parts removed) "
            f"in {self.seconds:.1f} s{rate}"
        )


def split_document(doc: Document, max_chars: int = PART_CHARS) -> Iterator[Document]:
    """``doc`` itself, or its parts of at most ``max_chars`` cut after paragraph breaks.

    A part ends after the last line break before the limit (failing that,
    after the last 。, failing that at the limit), so offsets inside a part
    are those of a text of its own.

    >>> from kg.documents import document
    >>> [p.id for p in split_document(document("甲。\\n乙。\\n丙。", id="d"), max_chars=4)]
    ['d#part1', 'd#part2', 'd#part3']
    """
    text = doc.text
    if len(text) <= max_chars:
        yield doc
        return
    start, k = 0, 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + 1, end)
            if cut < 0:
                cut = text.rfind("。", start + 1, end)
            if cut >= 0:
                end = cut + 1
        k += 1
        part = text[start:end]
        start = end
        if part.strip():
            title = f"{doc.title} ({k})" if doc.title else None
            yield replace(doc, id=f"{doc.id}#part{k}", text=part, title=title)


def documents(
    inputs: Iterable[str | os.PathLike[str]],
    max_chars: int = PART_CHARS,
    *,
    checked: bool = False,
) -> Iterator[Document]:
    """The documents (and parts of long ones) of files and folders, one file at a time.

    ``checked`` says the inputs were read once already (:func:`check_inputs`):
    a file that has since vanished, or changed into something unreadable, is
    then skipped with a warning so the rest of the build completes.
    """
    for name, path in iter_files(inputs):
        try:
            loaded = list(load_file(name, path)) if checked else load_file(name, path)
        except InputError as err:
            if not checked:
                raise
            log.warning("%s (it changed after it was checked); skipped", err)
            continue
        for doc in loaded:
            yield from split_document(doc, max_chars)


def check_inputs(inputs: Iterable[str | os.PathLike[str]]) -> tuple[int, int]:
    """Read every input once, so a bad file fails before any work; ``(documents, chars)``."""
    n = chars = 0
    for name, path in iter_files(inputs):
        for doc in load_file(name, path):
            n += 1
            chars += len(doc.text)
    return n, chars


def update(
    store: GraphStore,
    docs: Iterable[Document],
    *,
    extractors: Sequence[str] = DEFAULT_EXTRACTORS,
    workers: int = 1,
    dask: str | Any | None = None,
    rebuild: bool = False,
    progress: Callable[[Document, bool], None] | None = None,
) -> BuildReport:
    """Extract the new and changed ``docs`` into ``store``; leave unchanged ones.

    ``rebuild`` extracts every document again (after changing extractors).
    ``progress(doc, extracted)`` is called for each document, in order.
    """
    started = time.perf_counter()
    report = BuildReport(store.location)
    known = {} if rebuild else store.document_hashes()
    parts: dict[str, set[str]] = {}
    sources: dict[str, Document] = {}

    def todo() -> Iterator[Document]:
        for doc in docs:
            iri = str(graph_name(doc.id))
            report.documents += 1
            report.chars += len(doc.text)
            report.iris.append(iri)
            if doc.id == doc.source or doc.id.startswith(f"{doc.source}#part"):
                parts.setdefault(doc.source, set()).add(iri)
            if known.get(iri) == content_hash(doc.text):
                report.unchanged += 1
                if progress is not None:
                    progress(doc, False)
                continue
            sources[iri] = doc
            yield doc

    from kg.remote import RemoteStore

    direct = dask is not None and isinstance(store, RemoteStore)
    batch: list[DocumentGraph] = []
    size = 0
    # In memory a write costs the same in any batch, so each graph goes in as it comes:
    # a batch held back would be written after the last extraction, on one core.
    in_memory = isinstance(store, DatasetStore)
    graphs = extract(
        todo(), extractors, workers=workers, dask=dask, store_url=store.location if direct else None
    )
    for graph in graphs:
        report.extracted += 1
        report.extracted_chars += graph.chars
        if not direct:
            batch.append(graph)
            size += len(graph.nquads)
        if size >= BATCH_BYTES or in_memory:
            store.put_documents(batch)
            batch, size = [], 0
        doc = sources.pop(graph.iri, None)
        if progress is not None and doc is not None:
            progress(doc, True)
    if batch:
        store.put_documents(batch)
    report.removed = _drop_stale_parts(store, parts)
    report.seconds = time.perf_counter() - started
    return report


def extract(*args: Any, **kwargs: Any) -> Iterator[DocumentGraph]:
    """:func:`kg.parallel.extract`, imported when first needed."""
    from kg.parallel import extract as run

    return run(*args, **kwargs)


def _drop_stale_parts(store: GraphStore, parts: dict[str, set[str]]) -> int:
    """Remove parts of files that no longer exist (the file got shorter or needs no split).

    Only documents whose id is their source (text files) or a part of it are
    grouped by source; JSON-lines records name their own source.
    """
    if not parts:
        return 0
    stale = [g for g, src in _rows(store, _SOURCES) if src in parts and g not in parts[src]]
    for iri in stale:
        store.remove_document(iri)
    return len(stale)


def build(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    extractors: Sequence[str] = DEFAULT_EXTRACTORS,
    store: str | GraphStore = "oxigraph",
    progress: Progress | None = None,
    workers: int = 1,
    dask: str | Any | None = None,
    rebuild: bool = False,
) -> Dataset:
    """Build the graph of the files and folders in ``inputs``.

    Every input is checked before extraction starts, so a bad file fails the
    build before any work. ``store`` is ``"oxigraph"`` (in memory, the
    default), ``"memory"`` (rdflib's store), a folder for a persistent
    Oxigraph store, a SPARQL server URL, or a :class:`~kg.store.GraphStore`;
    a persistent store is updated incrementally. With ``output`` the graph is
    also written there (format from the extension, atomically). ``progress``
    is called once per document processed.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = list(inputs)
    Pipeline(extractors)  # an unknown extractor fails before any reading
    check_inputs(inputs)
    target = store if not isinstance(store, str) else open_store(store)
    try:
        update(
            target,
            documents(inputs, checked=True),
            extractors=extractors,
            workers=workers,
            dask=dask,
            rebuild=rebuild,
            progress=None if progress is None else lambda doc, _new: progress(doc),
        )
        if output is not None:
            save(target.dataset, output)
        ds = target.dataset
    finally:
        if isinstance(store, str) and isinstance(target, DiskStore):
            target.close()
    if isinstance(store, str) and isinstance(target, DiskStore):
        reopened = open_graph(target.location)
        assert isinstance(reopened, Dataset)
        return reopened
    return ds


def build_documents(
    docs: Iterable[Document],
    *,
    extractors: Sequence[str] = DEFAULT_EXTRACTORS,
    store: str = "oxigraph",
    progress: Progress | None = None,
    dataset: Dataset | None = None,
    workers: int = 1,
) -> Dataset:
    """Extract ``docs`` into ``dataset`` (a new one if not given), one named graph each."""
    target = DatasetStore(dataset if dataset is not None else new_dataset(store), kind=store)
    update(
        target,
        docs,
        extractors=extractors,
        workers=workers,
        rebuild=True,
        progress=None if progress is None else lambda doc, _new: progress(doc),
    )
    return target.dataset


def remove(store: GraphStore, names: Iterable[str]) -> list[str]:
    """Drop the graphs of the documents ``names`` (graph IRIs, document ids or source paths).

    A source path names every document read from it (the parts of a long
    file). Raises :class:`InputError` for a name that matches no document.
    """
    hashes = store.document_hashes()
    by_source: dict[str, list[str]] = {}
    for g, src in _rows(store, _SOURCES):
        by_source.setdefault(src, []).append(g)
    removed: list[str] = []
    for name in names:
        iris = [name] if name in hashes else []
        iris = iris or ([str(graph_name(name))] if str(graph_name(name)) in hashes else [])
        iris = iris or by_source.get(name, []) or by_source.get(str(Path(name)), [])
        if not iris:
            raise InputError(f"{name}: no such document in store {store.location}")
        for iri in iris:
            store.remove_document(iri)
            removed.append(iri)
    return removed


def _rows(store: GraphStore, sparql: str) -> list[tuple[str, ...]]:
    """The rows of a SELECT query on ``store``, as strings."""
    return [tuple(str(cell) for cell in row) for row in store.dataset.query(sparql)]  # type: ignore[union-attr]
