from __future__ import annotations

import pytest

from kg.documents import document
from kg.pipeline import Pipeline

PIPE = Pipeline(["places"])


def places(text: str) -> list[str]:
    return [m.text for m in PIPE(document(text)).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会上，南湖街道、北苑街道作交流发言。", ["南湖街道", "北苑街道"]),
        ("线路在宁远县设宁远站、舜陵站两座车站。", ["宁远站", "舜陵站"]),
        ("货物经瑞丽口岸出境。", ["瑞丽口岸"]),
        ("他来到青石镇察看秋粮收购。", ["青石镇"]),
        ("游客参观了大理古城和双廊古镇。", ["大理古城", "双廊古镇"]),
    ],
)
def test_named_places(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进城中村改造，新建加油站和火车站。",
        "各乡镇、全县各村要抓好春耕。",
        "推动城乡一体化和乡村振兴。",
        "沿线站点和周边景区同步建设。",
    ],
)
def test_ordinary_words_are_not_places(text: str) -> None:
    assert places(text) == []
