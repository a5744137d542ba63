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


def located_all(text: str) -> set[tuple[str, str]]:
    pipe = Pipeline(["orgs", "places", "divisions", "org-structure", "place-hierarchy"])
    result = pipe(document(text))
    return {(r.subject.text, r.object.text) for r in result.relations if r.kind == "located_in"}


def test_a_division_inside_an_organisation_is_no_ancestor() -> None:
    # 遵义市 is named only in 遵义市委: 湄潭县 is located in the province the text names
    pairs = located_all("贵州省湄潭县茶产业大会召开，遵义市委常委出席。")
    assert pairs == {("湄潭县", "贵州省")}


def test_settlement_after_its_county() -> None:
    pairs = located_all("他来到沂水县院东头镇桃棵子村，随后到沂南县双堠镇。")
    assert ("院东头镇", "沂水县") in pairs
    assert ("双堠镇", "沂南县") in pairs
    assert ("双堠镇", "沂水县") not in pairs


def test_settlements_of_the_only_county_named() -> None:
    pairs = located_all("昆山市召开大会。会上，张浦镇、陆家镇获评先进镇。")
    assert pairs == {("张浦镇", "昆山市"), ("陆家镇", "昆山市")}


def test_county_in_a_list_does_not_contain_the_next_item() -> None:
    pairs = located_all("宁陵县、睢县、城关镇作交流发言。")
    assert not any(child == "城关镇" for child, _ in pairs)


def test_station_named_after_its_county() -> None:
    pairs = located_all("线路经巫山县、奉节县，设巫山站、奉节站。")
    assert ("巫山站", "巫山县") in pairs
    assert ("奉节站", "奉节县") in pairs


def test_container_words() -> None:
    assert ("星沙站", "长沙县") in located_all("线路途经长沙县、浏阳市，长沙县境内设星沙站。")


def test_rivers_and_countries_are_not_placed_by_context() -> None:
    pairs = located_all("巫山县依托长江、巫峡发展旅游，产品销往越南。")
    assert pairs == set()


def test_sites_and_ports_on_a_county_tour() -> None:
    pairs = located_all("副市长到桃源县调研。他先后察看了桃花源景区和陬市港。")
    assert ("桃花源景区", "桃源县") in pairs


def test_a_tour_places_a_town_in_the_county_visited_last() -> None:
    pairs = located_all("市长先到宁陵县调研。随后又来到睢县。在尚屯镇，他察看了小麦长势。")
    assert ("尚屯镇", "睢县") in pairs
    assert ("尚屯镇", "宁陵县") not in pairs


def test_a_site_named_after_a_county_is_in_that_county() -> None:
    pairs = located_all("会议表彰了平遥县、灵石县。书记要求用好平遥古城等资源。")
    assert ("平遥古城", "平遥县") in pairs
    assert ("平遥古城", "灵石县") not in pairs


def test_a_comma_after_the_county_is_no_list() -> None:
    pairs = located_all("他来到大连市金州区，先后察看了大窑湾港区和金石滩景区。")
    assert ("金石滩景区", "金州区") in pairs


def test_a_site_lies_in_the_division_after_wei_yu() -> None:
    pairs = located_all("市长到桃源县、临澧县调研。桃花源景区位于桃源县西南部。")
    assert ("桃花源景区", "桃源县") in pairs


def test_a_partner_county_is_not_where_the_text_goes() -> None:
    text = (
        "三江侗族自治县召开全县茶旅大会。要与融水苗族自治县联合推出精品线路。"
        "会议表彰了先进单位，八江镇受到表彰。"
    )
    pairs = located_all(text)
    assert ("八江镇", "三江侗族自治县") in pairs
    assert ("八江镇", "融水苗族自治县") not in pairs


def test_town_in_the_county_the_town_data_gives() -> None:
    # two counties named; the town data puts 松桂镇 in 鹤庆县, not in the county nearest it
    pairs = located_all("鹤庆县与剑川县签订协议。剑川县代表发言后，松桂镇介绍了水库建设。")
    assert ("松桂镇", "鹤庆县") in pairs
    assert ("松桂镇", "剑川县") not in pairs
