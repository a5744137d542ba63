from __future__ import annotations

from collections.abc import Iterator

import pytest

from kg.documents import document
from kg.extractors import register
from kg.model import Analysis, Mention, Relation
from kg.pipeline import Pipeline

from .conftest import SAMPLE


def test_pipeline_finds_and_resolves() -> None:
    result = Pipeline(["jieba-pos"])(document(SAMPLE, id="s"))
    people = {e.label: e for e in result.entities if e.type == "Person"}
    assert set(people) == {"刘建国", "张丽华"}
    assert len(people["刘建国"].mentions) == 2
    for m in result.mentions:
        assert SAMPLE[m.start : m.end] == m.text
        assert result.iri_of[m]


@register("test-bad-offsets", produces={"Person"})
def _bad(analysis: Analysis) -> Iterator[Mention]:
    yield Mention(analysis.doc.id, 0, 2, "不对", "Person", "test-bad-offsets")


@register("test-relations", produces={"holds_post"}, stage="relations")
def _rel(analysis: Analysis) -> Iterator[Mention | Relation]:
    person = next(m for m in analysis.mentions if m.type == "Person")
    org = Mention.span(analysis.doc, 0, 2, "Organization", "test-relations")
    yield org
    yield Relation(
        "holds_post", person, org, analysis.sentence_at(person.start), "test-relations", role="书记"
    )


def test_extractor_must_quote_text() -> None:
    with pytest.raises(ValueError, match="not in the text"):
        Pipeline(["test-bad-offsets"])(document("甲乙丙"))


def test_relation_stage_sees_merged_mentions() -> None:
    result = Pipeline(["jieba-pos", "test-relations"])(document(SAMPLE))
    (rel,) = result.relations
    assert rel.subject.type == "Person" and rel.object in result.mentions
    assert result.iri_of[rel.object]


def test_no_tokens_when_not_needed() -> None:
    p = Pipeline(["test-relations"])
    assert p.needs == "none" and p.analyse(document("甲。")).tokens == ()
