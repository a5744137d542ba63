from __future__ import annotations

import pytest

from kg.documents import document
from kg.extractors._person_rules import is_false_person
from kg.model import Mention
from kg.pipeline import Pipeline

PIPE = Pipeline(["divisions"])


def check(text: str, name: str) -> bool:
    analysis = PIPE.analyse(document(text))
    start = text.index(name)
    return is_false_person(
        analysis, Mention.span(analysis.doc, start, start + len(name), "Person", "t")
    )


@pytest.mark.parametrize(
    ("text", "name", "false"),
    [
        ("郑州和焦作共同推进郑焦一体化。", "郑焦", True),  # place abbreviation
        ("要营造亲商、安商、富商、养商的环境。", "安商", True),  # parallel phrase
        ("要盯调整、盯项目、盯招商。", "盯项目", False),  # items differ in their last character
        ("郑州市委书记郑明出席会议。", "郑明", False),  # 明 names no place here
        ("出席会议的有刘建国、张丽华。", "张丽华", False),
    ],
)
def test_false_people(text: str, name: str, false: bool) -> None:
    assert check(text, name) is false
