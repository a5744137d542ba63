from __future__ import annotations

import pytest

from kg.documents import document
from kg.pipeline import Pipeline
from kg.variants import simplified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("福州市發展和改革委員會", "福州市发展和改革委员会"),
        ("焦作市", "焦作市"),
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_simplified_keeps_length(text: str, expected: str) -> None:
    assert simplified(text) == expected
    assert len(simplified(text)) == len(text)


def test_traditional_document_quotes_original_and_shares_iris() -> None:
    pipe = Pipeline(["orgs", "divisions"])
    trad = pipe(document("福建省商務廳負責同志出席。", id="t"))
    simp = pipe(document("福建省商务厅负责同志出席。", id="s"))
    (t_org,) = [m for m in trad.mentions if m.type == "Organization"]
    (s_org,) = [m for m in simp.mentions if m.type == "Organization"]
    assert t_org.text == "福建省商務廳" and t_org.key == "福建省商务厅"
    assert trad.iri_of[t_org] == simp.iri_of[s_org]
    (entity,) = [e for e in trad.entities if e.type == "Organization"]
    assert entity.label == "福建省商务厅" and "福建省商務廳" in entity.aliases
    assert all(trad.doc.text[m.start : m.end] == m.text for m in trad.mentions)
