"""Running the extraction in this process, in N worker processes, or as Dask tasks.

Every path turns each document into the same :class:`~kg.store.DocumentGraph`
(extraction is a pure function of the document and the extractor names; IRIs
are minted from content), so the output does not depend on how many workers
ran it. Results come back in input order.

A worker process builds its :class:`~kg.pipeline.Pipeline` once, in its
initialiser, so the lazily loaded data (jieba's dictionary, the place-name
automata, the CRF model) is loaded once per process, not once per task. Work
is sent in chunks of about :data:`CHUNK_CHARS` characters with a bounded
number in flight, so memory stays flat however many documents there are.

    >>> from kg.documents import document
    >>> [g.chars for g in extract([document("焦作市召开会议。")], ["divisions"])]
    [8]
"""

from __future__ import annotations

import collections
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from kg.errors import ConfigError
from kg.model import Document
from kg.pipeline import Pipeline
from kg.rdf import content_hash, extraction_triples, graph_name
from kg.store import DocumentGraph

__all__ = ["CHUNK_CHARS", "extract", "extract_graph"]

log = logging.getLogger(__name__)

#: Characters of text per task sent to a worker.
CHUNK_CHARS = 60_000
#: Tasks in flight per worker process. While the main process writes a batch
#: to the store (a bulk load of 64 MB of N-Quads takes seconds), the workers
#: carry on with these; with 2 per worker they ran out and waited (a 10 MB
#: corpus on 2 cores: 33 of 570 worker-seconds idle, all during the writes).
AHEAD = 6
#: Seconds to wait for a Dask scheduler to answer.
DASK_CONNECT_S = 30.0

_pipelines: dict[tuple[str, ...], Pipeline] = {}


def _pipeline(extractors: Sequence[str]) -> Pipeline:
    """This process's pipeline for ``extractors`` (built once per process)."""
    key = tuple(extractors)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(key)
    return _pipelines[key]


def extract_graph(pipeline: Pipeline, doc: Document) -> DocumentGraph:
    """The named graph of one document, encoded for a store."""
    iri = str(graph_name(doc.id))
    triples = extraction_triples(pipeline(doc))
    return DocumentGraph.from_triples(
        iri, triples, content_hash(doc.text), source=doc.source, chars=len(doc.text)
    )


def _warm(extractors: tuple[str, ...]) -> None:
    """Build the pipeline and load its lazy data (dictionaries, automata, models) now."""
    _pipeline(extractors)(Document(id="warm-up", text=_WARM_UP, source="warm-up"))


_WARM_UP = "3月5日，焦作市召开全市经济工作会议，市委书记刘建国出席会议并讲话。"


def _init_worker(extractors: tuple[str, ...]) -> None:
    logging.getLogger("jieba").setLevel(logging.WARNING)
    _warm(extractors)


def _run_chunk(extractors: tuple[str, ...], docs: list[Document]) -> list[DocumentGraph]:
    pipeline = _pipeline(extractors)
    return [extract_graph(pipeline, d) for d in docs]


def _run_chunk_to(
    extractors: tuple[str, ...], docs: list[Document], store_url: str
) -> list[DocumentGraph]:
    """A Dask task that writes its graphs to a SPARQL server itself; returns them without data."""
    from dataclasses import replace

    from kg.remote import RemoteStore

    graphs = _run_chunk(extractors, docs)
    RemoteStore(store_url).put_documents(graphs)
    return [replace(g, nquads=b"") for g in graphs]


def chunks(docs: Iterable[Document], size: int = CHUNK_CHARS) -> Iterator[list[Document]]:
    """Consecutive lists of documents of about ``size`` characters each."""
    chunk: list[Document] = []
    chars = 0
    for doc in docs:
        chunk.append(doc)
        chars += len(doc.text)
        if chars >= size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def extract(
    docs: Iterable[Document],
    extractors: Sequence[str],
    *,
    workers: int = 1,
    dask: str | Any | None = None,
    store_url: str | None = None,
) -> Iterator[DocumentGraph]:
    """The graphs of ``docs``, in order, extracted by ``workers`` processes or on Dask.

    ``dask`` is a scheduler address (``tcp://host:8786``) or a
    ``dask.distributed.Client``. With ``store_url`` (a SPARQL server) the
    Dask tasks write their graphs to it themselves and the graphs yielded
    here carry no data (``nquads == b""``).
    """
    names = tuple(extractors)
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if dask is not None:
        yield from _on_dask(docs, names, dask, store_url)
    elif workers == 1:
        pipeline = _pipeline(names)
        for doc in docs:
            yield extract_graph(pipeline, doc)
    else:
        yield from _in_processes(docs, names, workers)


def _in_processes(
    docs: Iterable[Document], extractors: tuple[str, ...], workers: int
) -> Iterator[DocumentGraph]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        _warm(extractors)  # forked workers share the loaded data, copy-on-write
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(extractors,),
    ) as pool:
        pending: collections.deque[Future[list[DocumentGraph]]] = collections.deque()
        try:
            for chunk in chunks(docs):
                pending.append(pool.submit(_run_chunk, extractors, chunk))
                if len(pending) >= AHEAD * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def _on_dask(
    docs: Iterable[Document], extractors: tuple[str, ...], dask: str | Any, store_url: str | None
) -> Iterator[DocumentGraph]:
    try:
        from dask.distributed import Client
    except ImportError as err:
        raise ConfigError(
            "--dask needs dask.distributed; install it with: pip install 'dask[distributed]'"
        ) from err
    own = isinstance(dask, str)
    try:
        client: Any = Client(dask, timeout=DASK_CONNECT_S) if own else dask
    except OSError as err:
        raise ConfigError(f"--dask {dask}: cannot reach the scheduler ({err})") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        pending: collections.deque[Any] = collections.deque()
        for chunk in chunks(docs):
            if store_url is None:
                pending.append(client.submit(_run_chunk, extractors, chunk, pure=False))
            else:
                pending.append(
                    client.submit(_run_chunk_to, extractors, chunk, store_url, pure=False)
                )
            if len(pending) >= 2 * workers + 2:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        if own:
            client.close()


def default_workers() -> int:
    """The CPUs this process may use (for ``--workers 0``)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
