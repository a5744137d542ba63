"""Minting IRIs: the one place where identifiers are made.

IRIs come from a kind and a *normalised key*, never from raw text, so the same
thing gets the same IRI in every document and every run, and no label can
inject characters into an IRI. An administrative division's IRI is its code.

    >>> mint("division", "410800")
    'https://w3id.org/kgzh/id/division/410800'
    >>> mint("person", "谢玉安") == mint("person", " 谢玉安 ")
    True
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = [
    "BASE",
    "KINDS",
    "ONTOLOGY",
    "doc_iri",
    "mint",
    "normalise_key",
    "span_iri",
    "statement_iri",
]

#: Namespace of the project's ontology terms.
ONTOLOGY = "https://w3id.org/kgzh/ontology#"
#: Namespace of the resources kg mints.
BASE = "https://w3id.org/kgzh/id/"

KINDS = frozenset(
    {
        "person",
        "organization",
        "place",
        "division",
        "event",
        "project",
        "role",
        "document",
        "membership",
    }
)
_CODE = re.compile(r"\d{6,12}")
_SPACE = re.compile(r"\s+")


def normalise_key(text: str) -> str:
    """The matching key of a name: NFKC, no whitespace, case-folded."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


def mint(kind: str, key: str) -> str:
    """The IRI of the thing of ``kind`` whose normalised key is ``key``."""
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; use one of {sorted(KINDS)}")
    if kind == "division":
        if not _CODE.fullmatch(key):
            raise ValueError(f"administrative code must be 6-12 digits, got {key!r}")
        return f"{BASE}division/{key}"
    digest = hashlib.sha1(normalise_key(key).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{BASE}{kind}/{digest}"


def doc_iri(doc_id: str) -> str:
    """The IRI of a document (its ``nif:Context`` and its named graph)."""
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{BASE}doc/{digest}"


def statement_iri(doc_id: str, key: str) -> str:
    """The IRI of a relation statement read in a document (it lives in that document)."""
    digest = hashlib.sha1(normalise_key(key).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{doc_iri(doc_id)}#stmt-{digest}"


def span_iri(doc_id: str, start: int, end: int) -> str:
    """A NIF string IRI for characters ``[start, end)`` of a document (RFC 5147 style)."""
    return f"{doc_iri(doc_id)}#char={start},{end}"
