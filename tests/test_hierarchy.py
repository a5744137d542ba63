from __future__ import annotations

from kg.documents import document
from kg.pipeline import Pipeline


def located(text: str) -> set[tuple[str, str]]:
    result = Pipeline(["divisions", "place-hierarchy"])(document(text))
    return {(r.subject.name, r.object.name) for r in result.relations if r.kind == "located_in"}


def test_nearest_named_ancestor() -> None:
    pairs = located("河南省焦作市召开会议，温县、武陟县参加。")
    assert pairs == {("焦作市", "河南省"), ("温县", "焦作市"), ("武陟县", "焦作市")}


def test_skips_unnamed_levels() -> None:
    assert located("贵州省湄潭县茶产业发展大会召开。") == {("湄潭县", "贵州省")}


def test_unrelated_places_give_nothing() -> None:
    assert located("郑州市和长沙市签订协议。") == set()
