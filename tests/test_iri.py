from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.iri import BASE, doc_iri, mint, normalise_key, span_iri


def test_same_key_same_iri() -> None:
    assert mint("person", "王明远") == mint("person", "王明远 ")
    assert mint("organization", "ＡＢＣ公司") == mint("organization", "abc公司")
    assert mint("person", "王明远") != mint("organization", "王明远")


@pytest.mark.parametrize("key", ['a"b', "<script>", "x\\y\nz", "\u202e"])
def test_iris_never_contain_raw_text(key: str) -> None:
    iri = mint("person", key)
    assert iri.startswith(BASE) and all(c.isalnum() or c in ":/._-" for c in iri)
    URIRef(iri)  # valid


def test_division_iri_from_code() -> None:
    assert mint("division", "410825").endswith("/division/410825")
    with pytest.raises(ValueError):
        mint("division", "41x")
    with pytest.raises(ValueError):
        mint("thing", "x")


def test_span_iri() -> None:
    assert span_iri("d", 3, 5) == f"{doc_iri('d')}#char=3,5"
    assert normalise_key(" A b ") == "ab"
