from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.corpora import FORMATS, GoldRelation, parse_bio, parse_cluener, parse_kg, parse_pfr, read
from kg.errors import ConfigError, InputError
from kg.model import ORGANIZATION, PERSON, PLACE

# Fixtures of our own writing in each corpus format.
PFR = [
    "20240301-01-001-001/m  [焦作/ns  市/n  水利局/n]nt  局长/n  崔/nr  海洋/nr  "
    "在/p  温县/ns  讲话/v  。/w  ",
    "20240301-01-001-002/m  刘/nr  明/nr  王/nr  丽华/nr  欧阳/nr  文/nr  出席/v  ",
    "",
    "20240301-01-002-001/m  [大沙河/ns  生态/n  工程/n]nz  和/c  "
    "[前人栽树/i  ，/w  焦作/ns  乘凉/i]i  ",
    "20240301-01-002-002/m  新华社/nt  记者/n  克林顿/nr  报道/v  ",
]


def texts(gold) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(gold.doc.text[s:e], t) for s, e, t in gold.spans]


def test_pfr_articles_join_paragraphs() -> None:
    docs = list(parse_pfr(PFR, "f.txt"))
    assert [d.doc.id for d in docs] == ["f.txt#20240301-01-001", "f.txt#20240301-01-002"]
    assert docs[0].doc.text == "焦作市水利局局长崔海洋在温县讲话。\n刘明王丽华欧阳文出席"
    assert docs[0].doc.date == "20240301"


def test_pfr_spans() -> None:
    first, second = parse_pfr(PFR)
    assert texts(first) == [
        ("焦作市水利局", ORGANIZATION),  # the bracket, not the 焦作 inside it
        ("崔海洋", PERSON),  # surname and given name joined
        ("温县", PLACE),
        ("刘明", PERSON),  # consecutive names pair up surname by surname
        ("王丽华", PERSON),
        ("欧阳文", PERSON),  # compound surname
    ]
    # an nz bracket is a name (unscored) and hides its inside; an idiom bracket does not
    assert texts(second) == [("焦作", PLACE), ("新华社", ORGANIZATION), ("克林顿", PERSON)]


def test_pfr_file_gb18030_and_mixed_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "pfr.txt"
    path.write_bytes(("\r\n".join(PFR[:2]) + "\r\r\n" + "\r".join(PFR[3:])).encode("gb18030"))
    docs = list(read(path, "pfr"))
    assert len(docs) == 2
    assert texts(docs[1])[-1] == ("克林顿", PERSON)


@pytest.mark.parametrize(
    "line",
    ["no id here/n", "20240301-01-001-001/m  缺少标注", "20240301-01-001-001/m  /w"],
)
def test_pfr_bad_lines(line: str) -> None:
    with pytest.raises(InputError, match=":1:"):
        list(parse_pfr([line]))


BIO = """焦 B-LOC
作 I-LOC
的 O
刘 B-PER
明 I-PER
  O
在 O
市 B-ORG
委 I-ORG

王 S-PER
到 O
温 B-LOC
县 E-LOC
"""


def test_bio() -> None:
    first, second = parse_bio(BIO.splitlines(), "b")
    assert first.doc.text == "焦作的刘明 在市委"
    assert texts(first) == [("焦作", PLACE), ("刘明", PERSON), ("市委", ORGANIZATION)]
    assert texts(second) == [("王", PERSON), ("温县", PLACE)]  # BIOES, no blank line at the end
    assert second.doc.id == "b#2"


def test_bio_type_change_and_stray_inside_tag() -> None:
    (gold,) = parse_bio(["甲 I-PER", "乙 I-LOC", "丙 I-LOC", "丁 B-ORG", "戊 B-ORG"])
    assert texts(gold) == [
        ("甲", PERSON),
        ("乙丙", PLACE),
        ("丁", ORGANIZATION),
        ("戊", ORGANIZATION),
    ]


def test_bio_bad_tag() -> None:
    with pytest.raises(InputError):
        list(parse_bio(["甲 PER"]))


def test_cluener() -> None:
    record = {
        "text": "温县水利局局长崔海洋在焦作说",
        "label": {
            "government": {"温县水利局": [[0, 4]]},
            "position": {"局长": [[5, 6]]},
            "name": {"崔海洋": [[7, 9]]},
            "address": {"焦作": [[11, 12]]},
        },
    }
    (gold,) = parse_cluener([json.dumps(record, ensure_ascii=False)])
    assert texts(gold) == [("温县水利局", ORGANIZATION), ("崔海洋", PERSON), ("焦作", PLACE)]


def test_cluener_span_must_match() -> None:
    record = {"text": "崔海洋说", "label": {"name": {"崔海洋": [[1, 3]]}}}
    with pytest.raises(InputError, match="not '崔海洋'"):
        list(parse_cluener([json.dumps(record, ensure_ascii=False)]))


def test_kg_gold() -> None:
    record = {
        "id": "g1",
        "text": "市委书记刘明在温县讲话。",
        "entities": [
            {"text": "市委", "type": "Organization", "start": 0, "end": 2, "name": "中共焦作市委"},
            {"text": "刘明", "type": "Person", "start": 4, "end": 6},
            {"text": "温县", "type": "Place", "start": 7, "end": 9, "code": "410825"},
        ],
        "relations": [
            {"type": "holds_post", "person": "刘明", "post": "书记", "org": "中共焦作市委"},
            {"type": "spoke_at", "subject": 1, "object": "会议"},
        ],
    }
    (gold,) = parse_kg([json.dumps(record, ensure_ascii=False)])
    assert gold.doc.id == "g1"
    assert texts(gold) == [("市委", ORGANIZATION), ("刘明", PERSON), ("温县", PLACE)]
    assert gold.relations == (
        GoldRelation("holds_post", "刘明", "中共焦作市委", "书记"),
        GoldRelation("spoke_at", "刘明", "会议"),
    )


@pytest.mark.parametrize(
    "entity",
    [
        {"type": "Person", "start": 0},
        {"type": "Alien", "start": 0, "end": 1},
        {"type": "Person", "start": 0, "end": 2, "text": "不对"},
    ],
)
def test_kg_gold_bad_entity(entity: dict[str, object]) -> None:
    record = {"text": "刘明", "entities": [entity]}
    with pytest.raises(InputError):
        list(parse_kg([json.dumps(record, ensure_ascii=False)]))


def test_read_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pfr"):
        read(tmp_path / "x", "conll")
    assert "kg" in FORMATS


def test_read_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        list(read(tmp_path / "missing.txt", "bio"))
