"""kg: knowledge graphs from Chinese government and news text.

    >>> import kg
    >>> graph = kg.build(["examples"])                       # doctest: +SKIP
    >>> kg.query(graph, "SELECT ?l WHERE { ?p a foaf:Person ; rdfs:label ?l }")  # doctest: +SKIP

The public API is imported lazily, so ``import kg`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "Document",
    "Entity",
    "InputError",
    "KGError",
    "Mention",
    "ModelError",
    "Pipeline",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "Relation",
    "Sentence",
    "StoreError",
    "build",
    "document",
    "load",
    "named_queries",
    "open_graph",
    "query",
    "save",
    "stats",
    "validate",
    "viz",
]

_WHERE = {
    "build": "kg.builder",
    "document": "kg.documents",
    "load": "kg.documents",
    "Pipeline": "kg.pipeline",
    "named_queries": "kg.named",
    "query": "kg.sparql",
    "open_graph": "kg.store",
    "save": "kg.store",
    "stats": "kg.summary",
    "validate": "kg.shacl",
    "Document": "kg.model",
    "Entity": "kg.model",
    "Mention": "kg.model",
    "Relation": "kg.model",
    "Sentence": "kg.model",
    "KGError": "kg.errors",
    "ConfigError": "kg.errors",
    "InputError": "kg.errors",
    "ModelError": "kg.errors",
    "QueryError": "kg.errors",
    "QueryRefusedError": "kg.errors",
    "QueryTimeoutError": "kg.errors",
    "StoreError": "kg.errors",
}


def viz(graph: Any, **options: Any) -> Any:
    """The explorer page of ``graph`` (displays inline in Jupyter); see :func:`kg.explorer.view`."""
    from kg.explorer import view

    return view(graph, **options)


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext kg``: the ``%%sparql`` and ``%kg_viz`` magics; see :mod:`kg.magic`."""
    from kg.magic import load_ipython_extension as load

    load(ipython)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        module = importlib.import_module(_WHERE[name])
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
