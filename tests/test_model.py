from __future__ import annotations

import dataclasses

import pytest

from kg.model import Analysis, Document, Mention, Relation, Sentence


def doc() -> Document:
    return Document(id="d", text="市委书记王明远讲话。", source="d.txt")


def test_mention_span_slices_text() -> None:
    m = Mention.span(doc(), 4, 7, "Person", extractor="t")
    assert m.text == "王明远"
    assert m.name == "王明远"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": 4, "end": 7, "text": "王明"}, "does not match"),
        ({"start": 5, "end": 5, "text": ""}, "does not match"),
        ({"start": 4, "end": 7, "text": "王明远", "type": "Thing"}, "Unknown mention type"),
        ({"start": 4, "end": 7, "text": "王明远", "score": 1.5}, "outside"),
    ],
)
def test_mention_invariants(kwargs: dict[str, object], message: str) -> None:
    base: dict[str, object] = {"doc_id": "d", "type": "Person", "extractor": "t"}
    with pytest.raises(ValueError, match=message):
        Mention(**(base | kwargs))  # type: ignore[arg-type]


def test_records_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc().text = "x"  # type: ignore[misc]


def test_sentence_checks_span() -> None:
    with pytest.raises(ValueError):
        Sentence("d", 0, 0, 3, "ab")


def test_holds_post_needs_role() -> None:
    d = doc()
    s = Sentence("d", 0, 0, len(d.text), d.text)
    person = Mention.span(d, 4, 7, "Person", "t")
    org = Mention.span(d, 0, 2, "Organization", "t")
    with pytest.raises(ValueError, match="role"):
        Relation("holds_post", person, org, s, "t")
    assert Relation("holds_post", person, org, s, "t", role="书记").role == "书记"
    with pytest.raises(ValueError, match="Unknown relation kind"):
        Relation("likes", person, org, s, "t")


def test_analysis_lookup() -> None:
    d = Document(id="d", text="甲。乙丙。", source="d")
    sents = (Sentence("d", 0, 0, 2, "甲。"), Sentence("d", 1, 2, 5, "乙丙。"))
    a = Analysis(d, sents, ())
    assert a.sentence_at(0).index == 0
    assert a.sentence_at(3).index == 1
    assert a.with_(mentions=[]).sentence_at(4).index == 1


def test_every_error_is_exported_by_kg() -> None:
    """``kg.QueryTimeoutError`` and the rest: each error of kg.errors, from ``import kg``."""
    import kg
    import kg.errors

    for name in kg.errors.__all__:
        assert name in kg.__all__ and getattr(kg, name) is getattr(kg.errors, name)
        assert issubclass(getattr(kg, name), kg.KGError)
