"""A SPARQL 1.1 server as a kg store: writes with SPARQL Update, reads with SPARQL Query.

Each document is written by one update request (``DROP SILENT GRAPH`` then
``INSERT DATA`` into the graph, then its ``kg:contentHash``), which a SPARQL
server applies as one transaction, so readers and a second build never see
half a document. Several documents share a request to save round trips.

Endpoints from the URL given to ``--store``:

* ``http://host:7878`` (no path): the Oxigraph server layout, ``/query`` and
  ``/update``, reading the union of the named graphs (``union-default-graph``);
* a URL ending in ``/query`` or ``/sparql`` (Apache Jena Fuseki's
  ``http://host:3030/kg/query``): updates go to the same URL ending in
  ``/update``;
* anything else: queries and updates both go to that URL (QLever), or give
  the update endpoint explicitly.

Parameters in the URL's query string (``?default-graph-uri=…``,
``?access-token=…``) are sent with every request; see ``docs/scale.md``.
"""

from __future__ import annotations

import io
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import QueryTimeoutError, StoreError
from kg.store import _HASHES, DocumentGraph, _bind

__all__ = ["RemoteStore", "endpoints"]

log = logging.getLogger(__name__)

#: Updates are sent in requests of about this many bytes.
REQUEST_BYTES = 4 << 20
TIMEOUT_S = 300.0


def endpoints(url: str, update_url: str | None = None) -> tuple[str, str, dict[str, str]]:
    """``(query URL, update URL, extra query parameters)`` for a ``--store`` URL.

    >>> endpoints("http://127.0.0.1:7878")
    ('http://127.0.0.1:7878/query', 'http://127.0.0.1:7878/update', {'union-default-graph': ''})
    >>> endpoints("http://h:3030/kg/query?default-graph-uri=urn:x-arq:UnionGraph")[1]
    'http://h:3030/kg/update'
    """
    parts = urllib.parse.urlsplit(url)
    params = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path.rstrip("/")
    base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    if not path:
        query, update = f"{base}/query", f"{base}/update"
        params.setdefault("union-default-graph", "")
    else:
        query = base + path
        head, _, last = path.rpartition("/")
        update = f"{base}{head}/update" if last in ("query", "sparql") else query
    return query, update_url or update, params


class RemoteStore:
    """A :class:`~kg.store.GraphStore` on a SPARQL 1.1 Query + Update server."""

    def __init__(self, url: str, update_url: str | None = None, timeout: float = TIMEOUT_S) -> None:
        self.location = url
        self.query_url, self.update_url, self.params = endpoints(url, update_url)
        self.timeout = timeout
        self._ds: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        if self._ds is None:
            store = _Endpoint(self)
            self._ds = Dataset(store=store, default_union=True)
            _bind(self._ds)
        return self._ds

    def put_documents(self, graphs: Sequence[DocumentGraph]) -> None:
        request: list[str] = []
        size = 0
        for g in graphs:
            request.append(_replace(g))
            size += len(request[-1])
            if size >= REQUEST_BYTES:
                self.update(" ;\n".join(request))
                request, size = [], 0
        if request:
            self.update(" ;\n".join(request))

    def remove_document(self, graph_iri: str) -> None:
        self.update(f"DROP SILENT GRAPH <{_iri(graph_iri)}>")

    def document_hashes(self) -> dict[str, str]:
        rows = self.select(_HASHES)
        return {row["g"]["value"]: row["h"]["value"] for row in rows}

    def close(self) -> None:
        self._ds = None

    # -- HTTP ---------------------------------------------------------------

    def select(self, sparql: str) -> list[dict[str, Any]]:
        """The bindings of a SELECT query, as SPARQL 1.1 Query Results JSON."""
        body = self._post(self.query_url, {"query": sparql}, "application/sparql-results+json")
        try:
            return list(json.loads(body)["results"]["bindings"])
        except (ValueError, KeyError) as err:
            raise StoreError(f"{self.query_url}: not a SPARQL JSON result ({err})") from err

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request."""
        self._post(self.update_url, {"update": sparql}, "*/*")

    def _post(self, url: str, form: dict[str, str], accept: str) -> bytes:
        return self._fetch(url, form, accept)[0]

    def _fetch(
        self, url: str, form: dict[str, str], accept: str, *, query: bool = False
    ) -> tuple[bytes, str]:
        """POST ``form`` to ``url``; the body and content type of the answer.

        Every request carries :attr:`timeout` (seconds without an answer);
        running out of it is a :class:`~kg.errors.QueryTimeoutError` for a
        query a user runs (``query``), else a :class:`~kg.errors.StoreError`.
        """
        data = urllib.parse.urlencode({**self.params, **form}).encode("utf-8")
        req = urllib.request.Request(
            url,
            data=data,
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                return bytes(res.read()), str(res.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(
                f"{url}: server answered {err.code} ({detail[0] if detail else err.reason})"
            ) from err
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            if isinstance(reason, TimeoutError):
                error = QueryTimeoutError if query else StoreError
                raise error(
                    f"{url}: the SPARQL server did not answer within {self.timeout:g} s"
                ) from err
            raise StoreError(
                f"{url}: cannot reach the SPARQL server ({reason}); is it running?"
            ) from err


def _iri(iri: str) -> str:
    if any(c in iri for c in '<>"{}|^`\\ \n'):
        raise StoreError(f"graph name {iri!r} is not a valid IRI")
    return iri


def _replace(g: DocumentGraph) -> str:
    """The update replacing graph ``g``: its N-Quads lines are N-Triples once the graph is cut."""
    iri = _iri(g.iri)
    triples = g.default_nquads().decode("utf-8")
    hash_triple = f'<{iri}> <https://w3id.org/kgzh/ontology#contentHash> "{g.content_hash}" .'
    return (
        f"DROP SILENT GRAPH <{iri}> ;\n"
        f"INSERT DATA {{ GRAPH <{iri}> {{\n{triples}{hash_triple}\n}} }}"
    )


class _Endpoint(SPARQLStore):
    """rdflib's SPARQL store with the endpoint's parameters and errors as :class:`StoreError`.

    ``triples`` reports the named graph of each triple (rdflib's own does not),
    so ``Dataset.quads`` works as on the other stores.
    """

    def __init__(self, remote: RemoteStore) -> None:
        super().__init__(
            remote.query_url,
            returnFormat="json",
            method="POST_FORM",
            params=dict(remote.params),
            timeout=remote.timeout,
        )
        self._remote = remote

    def _query(
        self, query: str, default_graph: str | None = None, named_graph: str | None = None
    ) -> Result:
        # rdflib's connector would call urlopen without a timeout; ours passes it.
        form = {"query": query}
        if default_graph is not None and not isinstance(default_graph, BNode):
            form["default-graph-uri"] = str(default_graph)
        body, content_type = self._remote._fetch(
            str(self.query_endpoint), form, self.response_mime_types(), query=True
        )
        return Result.parse(io.BytesIO(body), content_type=content_type.split(";")[0].strip())

    def triples(  # type: ignore[override]
        self, spo: tuple[Node | None, Node | None, Node | None], context: Graph | None = None
    ) -> Iterator[tuple[tuple[Node, Node, Node], Iterator[Graph]]]:
        names = ("s", "p", "o")
        values = [(n, t) for n, t in zip(names, spo, strict=True) if t is not None]
        graph = getattr(context, "identifier", None)
        if isinstance(graph, URIRef) and graph != DATASET_DEFAULT_GRAPH_ID:
            values.append(("g", graph))
        clause = ""
        if values:
            head = " ".join(f"?{n}" for n, _ in values)
            terms = " ".join(t.n3() for _, t in values)
            clause = f" VALUES ({head}) {{ ({terms}) }}"
        rows = self._remote.select(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }}{clause} }}"
        )
        graphs: dict[str, Graph] = {}
        for row in rows:
            bound = {**dict(values), **{k: _term(v) for k, v in row.items()}}
            name = str(bound["g"])
            if name not in graphs:
                graphs[name] = Graph(store=self, identifier=URIRef(name))
            yield (bound["s"], bound["p"], bound["o"]), iter((graphs[name],))


def _term(binding: dict[str, str]) -> Node:
    """An rdflib term from a SPARQL 1.1 JSON result binding."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(value, datatype=URIRef(datatype) if datatype else None)
