"""Exceptions raised by kg.

Every error the library raises on purpose derives from :class:`KGError`, so a
caller (and the CLI) can catch one class::

    KGError
    ├── InputError        a file or folder cannot be read as text
    ├── ConfigError       an unknown extractor, store, format or option
    ├── QueryError        a SPARQL query that cannot be parsed or run
    │   ├── QueryRefusedError   a query kg will not run as given (SERVICE)
    │   └── QueryTimeoutError   a query stopped at its time or memory limit
    ├── ModelError        a tagger model is missing or unusable
    └── StoreError        a store cannot be opened, written or locked

Messages name the offending value and say what to do about it.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "KGError",
    "ModelError",
    "QueryError",
    "QueryRefusedError",
    "QueryTimeoutError",
    "StoreError",
]


class KGError(Exception):
    """Root of every error kg raises deliberately."""


class InputError(KGError):
    """An input path is missing, binary, undecodable or otherwise unusable."""


class ConfigError(KGError):
    """An unknown name (extractor, format, store) or an invalid option."""


class QueryError(KGError):
    """A SPARQL query is malformed or failed while running."""


class QueryRefusedError(QueryError):
    """A query kg will not run as given: a ``SERVICE`` clause, which makes the machine
    call another address, without ``allow_service=True`` (``--allow-service``)."""


class QueryTimeoutError(QueryError):
    """A query stopped because it ran past its time limit (``timeout=``) or memory limit."""


class ModelError(KGError):
    """A statistical model could not be loaded or applied."""


class StoreError(KGError):
    """A graph store could not be opened, read or written."""
