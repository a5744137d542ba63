from __future__ import annotations

import pytest

from kg.documents import document
from kg.errors import ConfigError
from kg.extractors import available, get, register
from kg.extractors.jieba_pos import is_person_name
from kg.pipeline import Pipeline


def test_unknown_extractor_lists_available() -> None:
    with pytest.raises(ConfigError, match="jieba-pos"):
        get("no-such-extractor")


def test_registry_declarations() -> None:
    info = get("jieba-pos")
    assert "jieba-pos" in available()
    assert info.needs == "pos" and info.stage == "mentions"
    assert {"Person", "Place", "Organization"} <= info.produces


def test_double_registration_refused() -> None:
    with pytest.raises(ConfigError, match="twice"):
        register("jieba-pos", produces={"Person"})(lambda a: [])


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("王明远", True),
        ("欧阳春华", True),
        ("夏粮", False),
        ("麦田", False),
        ("明白", False),
        ("A君", False),
        ("王", False),
    ],
)
def test_person_name_shape(word: str, expected: bool) -> None:
    assert is_person_name(word) is expected


def _people(text: str) -> list[str]:
    result = Pipeline(["jieba-pos"])(document(text))
    return [e.label for e in result.entities if e.type == "Person"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("市委书记刘建国主持会议并讲话。", "刘建国"),
        ("会上，张丽华传达了省委会议精神。", "张丽华"),
    ],
)
def test_people_found(text: str, person: str) -> None:
    assert person in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "要抓好夏粮生产，加强麦田管理。",
        "郑州和焦作共同推进郑焦一体化，郑焦铁路年内通车。",
    ],
)
def test_obvious_non_people_removed(text: str) -> None:
    assert _people(text) == []
