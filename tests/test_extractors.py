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


@pytest.mark.parametrize(
    ("name", "plausible"),
    [
        ("溪口市水利局", True),
        ("联合国粮食、农业和渔业特别委员会", True),  # a comma inside one name
        ("湖口县人民医院", True),
        ("各乡镇党委书记(街道党工委", False),  # an unbalanced bracket
        ("县委、县政府", False),  # a list of two organisations
        ("阿坝藏族羌族自治州调", False),  # a county and the first character of 调研
        ("湘西土家族苗族自治州州府", False),  # the seat of government
        ("怀化市芷江侗族自治县调整了产业布局", False),
        # a division and a unit of its own: its organ's short form, a conjunction and another
        ("金阳县县委", False),
        ("岳西县和市水利局", False),
        ("佛山市高明区区政府", False),
        ("上海市和平饭店", True),
        ("乐山市市中区委", True),
    ],
)
def test_crf_organisation_shapes(name: str, plausible: bool) -> None:
    from kg.extractors.crf import plausible_org

    assert plausible_org(name) is plausible


def test_no_organisation_from_a_division_and_a_verb() -> None:
    text = (
        "副省长林河川深入阿坝藏族羌族自治州调研春耕生产，"
        "在湘西土家族苗族自治州州府吉首市召开座谈会。"
    )
    found = Pipeline()(document(text, id="v")).mentions
    assert not [m for m in found if m.type == "Organization" and m.extractor == "crf"]
    assert {"阿坝藏族羌族自治州", "湘西土家族苗族自治州"} <= {
        m.text for m in found if m.type == "Place"
    }


@pytest.mark.parametrize(
    ("text", "place", "org"),
    [
        ("会上，金阳县县委书记马海作典型发言。", "金阳县", "县委"),
        ("新乡市市委常委会听取汇报。", "新乡市", "市委常委会"),
    ],
)
def test_a_division_and_a_unit_of_its_own_stay_apart(text: str, place: str, org: str) -> None:
    found = {(m.text, m.type) for m in Pipeline()(document(text, id="u")).named_mentions}
    assert {(place, "Place"), (org, "Organization")} <= found
