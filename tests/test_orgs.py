from __future__ import annotations

import pytest

from kg.documents import document
from kg.extractors.orgs import zone_acts
from kg.pipeline import Pipeline

PIPE = Pipeline(["orgs", "divisions", "org-structure"])
#: A sentence naming the home city twice, so bare 市 short forms expand to it.
HOME = "济源市召开全市工作会议，济源市各单位参加。"


def orgs(text: str) -> dict[str, tuple[str | None, str | None]]:
    result = PIPE(document(text))
    return {
        m.text: (m.name, m.subtype)
        for m in result.mentions
        if m.type == "Organization" and m.extractor == "orgs"
    }


@pytest.mark.parametrize(
    ("text", "surface", "name", "subtype"),
    [
        (HOME + "市水利局局长出席。", "市水利局", "济源市水利局", "GovernmentAgency"),
        (HOME + "市委常委会召开。", "市委常委会", "中共济源市委常委会", "PartyOrgan"),
        (HOME + "由市委组织部负责。", "市委组织部", "中共济源市委组织部", "PartyOrgan"),
        (HOME + "我市发展改革委牵头。", "市发展改革委", "济源市发展改革委", "GovernmentAgency"),
        (HOME + "市人大常委会副主任出席。", "市人大常委会", "济源市人大常委会", "PeoplesCongress"),
        (HOME + "市政协副主席出席。", "市政协", "济源市政协", "CPPCC"),
        (
            HOME + "市政府办公室印发通知。",
            "市政府办公室",
            "济源市人民政府办公室",
            "GovernmentAgency",
        ),
        (
            "洛阳市中级人民法院公开审理。",
            "洛阳市中级人民法院",
            "洛阳市中级人民法院",
            "JudicialOrgan",
        ),
        ("中共湖南省委召开全会。", "中共湖南省委", "中共湖南省委", "PartyOrgan"),
        ("南阳市委书记出席。", "南阳市委", "中共南阳市委", "PartyOrgan"),
        ("国务院办公厅印发意见。", "国务院办公厅", "国务院办公厅", "GovernmentAgency"),
        ("中共中央政治局召开会议。", "中共中央政治局", "中共中央政治局", "PartyOrgan"),
        ("全国人大常委会审议草案。", "全国人大常委会", "全国人大常委会", "PeoplesCongress"),
        (
            HOME + "市产城融合示范区管委会揭牌。",
            "市产城融合示范区管委会",
            "济源市产城融合示范区管委会",
            "ZoneCommittee",
        ),
        (
            "宁波华达精密机械有限公司签约落户。",
            "宁波华达精密机械有限公司",
            "宁波华达精密机械有限公司",
            "Enterprise",
        ),
    ],
)
def test_organisations(text: str, surface: str, name: str, subtype: str) -> None:
    assert orgs(text)[surface] == (name, subtype)


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a district carries its city, and the city written before it joins the name
        ("成都市武侯区委召开全会。", "成都市武侯区委", "中共成都市武侯区委"),
        # departments the lexicon lacks, under a bare level prefix
        (
            "宜宾市叙州区召开会议，叙州区各部门参加。区城乡融合发展局负责同志发言。",
            "区城乡融合发展局",
            "宜宾市叙州区城乡融合发展局",
        ),
        # a party department listed after the committee's post
        ("绵阳市委常委、宣传部部长出席。", "宣传部", "中共绵阳市委宣传部"),
        (
            "内蒙古自治区召开会议，内蒙古自治区各厅局参加。自治区林草局部署工作。",
            "自治区林草局",
            "内蒙古自治区林草局",
        ),
        # 城乡 and 与 inside a department's name the lexicon lacks
        (
            "北京市丰台区召开会议。区住房城乡建设委作交流发言。",
            "区住房城乡建设委",
            "北京市丰台区住房城乡建设委",
        ),
        (
            "临高县召开会议。县海洋与渔业局副局长到会指导。",
            "县海洋与渔业局",
            "临高县海洋与渔业局",
        ),
        # 和 joining a list before a bare level: no county 和县
        ("临高县召开会议。调楼镇和县水利局受到表彰。", "县水利局", "临高县水利局"),
        # 受 before a bare level, and the verb 委托 after an organ: no committee
        ("安远县召开会议，副县长受县人民政府委托作报告。", "县人民政府", "安远县人民政府"),
        (
            "驻马店市召开会议。免去其市卫生健康委员会主任职务。",
            "市卫生健康委员会",
            "驻马店市卫生健康委员会",
        ),
    ],
)
def test_general_constructions(text: str, surface: str, name: str) -> None:
    assert orgs(text)[surface][0] == name


@pytest.mark.parametrize(
    "text",
    [
        "县市区委书记和县市区长参加会议。",  # generic plural posts
        "加强城市管理局面建设。",  # 城市 is a word, not 市 + 管理局
        "附近超市和社区服务中心。",
        "推动区域合作发展。",
    ],
)
def test_generic_words_are_not_organisations(text: str) -> None:
    assert orgs(text) == {}


@pytest.mark.parametrize(
    "text",
    ["省政协委员王立平出席。", "他是市政协常委、县人大代表。"],
)
def test_a_members_post_is_not_a_committee(text: str) -> None:
    found = orgs(text)
    assert not any(surface.endswith("委") and "政协" in surface for surface in found), found


def test_short_form_without_home_is_scoped_to_its_document() -> None:
    result = PIPE(document("市水利局负责同志发言。", id="a"))
    (m,) = [m for m in result.mentions if m.extractor == "orgs"]
    assert m.key is None and m.scope == "a"


def test_short_and_full_form_share_an_iri() -> None:
    result = PIPE(document(HOME + "市水利局和济源市水利局。"))
    iris = {result.iri_of[m] for m in result.mentions if m.text.endswith("水利局")}
    assert len(iris) == 1


def test_structure_relations() -> None:
    result = PIPE(document("焦作市委宣传部召开会议。"))
    kinds = {(r.kind, r.subject.text, r.object.name) for r in result.relations}
    assert ("sub_organization_of", "焦作市委宣传部", "中共焦作市委") in kinds
    assert ("jurisdiction", "焦作市委宣传部", "焦作市") in kinds


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # 党委 after a division is its party committee (autonomous regions write it so)
        (
            "广西壮族自治区召开会议，广西各市参加。自治区党委常委出席。",
            "自治区党委",
            "中共广西壮族自治区委",
        ),
        ("甘孜州召开会议，甘孜州各县参加。州党委书记出席。", "州党委", "中共甘孜藏族自治州委"),
        # a short form with another level character names another division
        ("海南州委书记到兴海县调研。", "海南州委", "中共海南藏族自治州委"),
        # a bare 区 is the district even in an autonomous region that the text names
        (
            "南宁市青秀区召开会议，青秀区各街道参加，广西各地关注。区委书记出席。",
            "区委",
            "中共南宁市青秀区委",
        ),
        # no home district (two counties named once each): the only district named
        ("宝鸡市渭滨区与凤县签订协议。区发改委负责同志发言。", "区发改委", "宝鸡市渭滨区发改委"),
        # 原 before a short form (原市科技局局长)
        ("济源市召开会议，济源市各单位参加。原市科技局局长出席。", "市科技局", "济源市科技局"),
    ],
)
def test_jurisdictions_of_short_forms(text: str, surface: str, name: str) -> None:
    assert orgs(text)[surface][0] == name


@pytest.mark.parametrize(
    ("text", "place", "surface", "name"),
    [
        # the level character repeated: the division, then the organ's short form
        ("会上，金阳县县委书记马海作典型发言。", "金阳县", "县委", "中共金阳县委"),
        ("新乡市市委常委会听取汇报。", "新乡市", "市委常委会", "中共新乡市委常委会"),
        (
            "佛山市高明区区政府负责同志发言。",
            "高明区",
            "区政府",
            "佛山市高明区人民政府",
        ),
    ],
)
def test_division_then_its_own_short_form(text: str, place: str, surface: str, name: str) -> None:
    found = orgs(text)
    assert found[surface][0] == name
    assert place + surface not in found
    merged = {(m.text, m.type) for m in PIPE(document(text)).named_mentions}
    assert (place, "Place") in merged


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a division of one character and its level is written into its organs' names
        ("临沂市副市长、费县县委书记王某出席。", "费县县委", "中共费县委"),
        ("德宏州副州长、芒市市委书记李某出席。", "芒市市委", "中共芒市委"),
        ("道县县政府召开常务会议。", "道县县政府", "道县人民政府"),
    ],
)
def test_one_character_division_written_whole(text: str, surface: str, name: str) -> None:
    assert orgs(text)[surface][0] == name
    merged = {(m.text, m.type) for m in PIPE(document(text)).named_mentions}
    assert (surface, "Organization") in merged
    assert (surface[:2], "Place") not in merged


@pytest.mark.parametrize(
    ("text", "zone", "unit"),
    [
        # a development zone acting as a unit is its administration
        ("焦作市召开会议。温县、焦作经济技术开发区等单位受到表彰。", "焦作经济技术开发区", True),
        ("焦作市召开会议。孟州市、焦作高新区负责同志作交流发言。", "焦作高新区", True),
        ("焦作市召开会议。会议表彰了温县和焦作高新区。", "焦作高新区", True),
        ("焦作市召开会议。焦作高新区与三家企业签约。", "焦作高新区", True),
        ("焦作市召开会议。三家企业与焦作高新区签约。", "焦作高新区", True),
        # built, invested in or talked about: the place of development (a project)
        ("焦作市召开会议。要加快建设焦作经济技术开发区。", "焦作经济技术开发区", False),
        ("焦作市召开会议。焦作高新区是全市重要的装备制造基地。", "焦作高新区", False),
        ("焦作市召开会议。焦作高新区今年新签约项目9个。", "焦作高新区", False),  # its tally
        # a zone with no jurisdiction, named as the project grammar reads it, acting
        ("会议表彰了先进单位，漕泾经济开发区、温县等单位受到表彰。", "漕泾经济开发区", True),
        ("会议表彰了先进单位，各开发区受到表彰。", "各开发区", False),
        # a demonstration zone too (the gold sets annotate one that is built as a project)
        (HOME + "市产城融合示范区作典型发言。", "市产城融合示范区", True),
        (HOME + "推进市产城融合示范区建设。", "市产城融合示范区", False),
    ],
)
def test_a_development_zone_is_an_organisation_only_as_a_unit(
    text: str, zone: str, unit: bool
) -> None:
    assert (zone in orgs(text)) is unit


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("甲县、乙经济开发区等单位受到表彰。", True),
        ("乙经济开发区负责同志作典型发言。", True),
        ("乙经济开发区党工委书记出席。", True),
        ("对甲县、乙经济开发区予以表彰。", True),
        ("加快建设乙经济开发区，推动产业集聚。", False),
        ("乙经济开发区是全省重要的化工基地。", False),
        ("市长在乙经济开发区召开的座谈会上发言。", False),  # where it happens
    ],
)
def test_zone_acts(text: str, acts: bool) -> None:
    start = text.index("乙")
    assert zone_acts(text, start, start + len("乙经济开发区")) is acts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a CPPCC committee named with its term: national, local, and its standing committee
        ("政协第十五届全国委员会委员在会上发言。", "政协第十五届全国委员会"),
        (
            "中国人民政治协商会议第十五届全国委员会第一次会议闭幕。",
            "中国人民政治协商会议第十五届全国委员会",
        ),
        ("政协济源市第八届委员会常务委员会召开会议。", "政协济源市第八届委员会常务委员会"),
    ],
)
def test_cppcc_committee_with_its_term(text: str, expected: str) -> None:
    assert expected in orgs(text)


@pytest.mark.parametrize(
    "text",
    [
        "政协委员第十五届全国委员会",  # no body opens with a member
        "政协各界第八届委员会联谊会",  # no division between the CPPCC and the term
    ],
)
def test_no_cppcc_committee_without_its_parts(text: str) -> None:
    assert not any("届" in name for name in orgs(text))


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # one canonical name for short and full forms, with the party's short name
        ("民建郴州市委主委王刚出席会议。", "民建郴州市委", "民建郴州市委"),
        ("九三学社湖南省委员会召开全会。", "九三学社湖南省委员会", "九三学社湖南省委"),
        (HOME + "民盟市委召开会议。", "民盟市委", "民盟济源市委"),
        ("中国致公党广东省委员会举行座谈。", "中国致公党广东省委员会", "致公党广东省委"),
    ],
)
def test_a_democratic_partys_committee_is_not_the_communist_partys(
    text: str, surface: str, name: str
) -> None:
    found = orgs(text)
    assert found[surface] == (name, "PartyOrgan")
    assert not any(n and n.startswith("中共") for n, _ in found.values())


def test_democratic_committee_wins_over_the_taggers_shorter_span() -> None:
    """The CRF reads 民建|郴州市委 apart; the default pipeline keeps the party's committee."""
    text = "郴州市委书记刘明、民进郴州市委主委张强出席。九三学社湖南省委员会召开全会。"
    result = Pipeline()(document(text))
    names = {m.text: m.name for m in result.mentions if m.type == "Organization"}
    assert names["郴州市委"] == "中共郴州市委"
    assert names["民进郴州市委"] == "民进郴州市委"
    assert names["九三学社湖南省委员会"] == "九三学社湖南省委"
    assert "九三学社" not in names


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("瀚海智能装备（上海）有限公司签约落户。", "瀚海智能装备（上海）有限公司"),
        ("华能（福建）能源开发有限公司总经理出席。", "华能（福建）能源开发有限公司"),
    ],
)
def test_a_companys_seat_in_brackets_is_part_of_its_name(text: str, surface: str) -> None:
    result = Pipeline()(document(text))
    assert surface in {m.text for m in result.mentions if m.type == "Organization"}


def test_brackets_without_a_name_before_them_are_no_company() -> None:
    result = Pipeline()(document("会上，（上海）有限公司签约。"))
    assert not [m for m in result.mentions if m.type == "Organization"]


def test_a_free_trade_zone_areas_committee() -> None:
    found = orgs("营口片区管委会主任刘明介绍情况。望儿山片区开发进入收尾阶段。")
    assert found["营口片区管委会"][1] == "ZoneCommittee"
    assert not any(text.startswith("望儿山") for text in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town's organs written bare after its name: that town's
        (
            "在太平镇，镇党委、镇政府组织干部开展巡查。",
            {("镇党委", "太平镇党委"), ("镇政府", "太平镇人民政府")},
        ),
        ("3月1日，太平镇召开推进会。镇党委书记王五主持。", {("镇党委", "太平镇党委")}),
        # a named town's organs, and its bare 镇人大 after the verb 为
        (
            "会议选举马五为洪广镇人民政府镇长，纳金花为镇人大副主席。",
            {("洪广镇人民政府", "洪广镇人民政府"), ("镇人大", "洪广镇人大")},
        ),
        ("闽宁镇党委书记马志主持。", {("闽宁镇党委", "闽宁镇党委")}),
        # no town named, or inside a word: nothing
        ("全县乡镇党委书记参加培训。", set()),
        ("会上，镇党委书记王五发言。", set()),
    ],
)
def test_a_towns_bare_organs(text: str, expected: set[tuple[str, str]]) -> None:
    result = Pipeline(["places", "orgs"])(document(text))
    found = {(m.text, m.name) for m in result.mentions if m.type == "Organization"}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("林州市委书记郑太行表示，要加快发展。", "郑太行"),  # a title and its holder
        ("市政协主席彭玉林作常务委员会工作报告。", "常务委员会"),  # a person, then a clause
    ],
)
def test_the_taggers_organisations_hold_no_person(text: str, absent: str) -> None:
    result = Pipeline()(document(text))
    orgs_found = [m.text for m in result.mentions if m.type == "Organization"]
    assert not any(absent in t for t in orgs_found), orgs_found


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        # a zone's office or organ written after it, with no division opening its name
        ("洋浦经济开发区管理委员会副主任符海军介绍。", "洋浦经济开发区管理委员会", None),
        ("平潭综合实验区党工委书记林海峡宣布开工。", "平潭综合实验区党工委", None),
        # a prefecture's administrative office, canonically 行政公署
        ("阿里地区行署副专员次仁旺堆参加仪式。", "阿里地区行署", "阿里地区行政公署"),
    ],
)
def test_zone_offices_and_prefecture_offices(text: str, surface: str, name: str | None) -> None:
    result = Pipeline()(document(text))
    found = {m.text: m.name for m in result.mentions if m.type == "Organization"}
    assert found[surface] == (name or surface)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the county-level city the report opens with is the 市 of its bare organs
        (
            "巩义市召开全市推进会。郑州市委常委、巩义市委书记程建业讲话。市政协主席宋国强出席。",
            "巩义市政协",
        ),
        # a prefecture's session: its 市, though a county-level city is named more
        (
            "政协绥化市第五届委员会第四次会议开幕。市政协主席曲宏伟作报告。安达市、安达畜牧园。",
            "绥化市政协",
        ),
    ],
)
def test_the_opening_division_decides_a_bare_level(text: str, name: str) -> None:
    result = Pipeline()(document(text))
    names = {m.name for m in result.mentions if m.type == "Organization" and m.text == "市政协"}
    assert names == {name}


def test_a_prefectures_bare_organs() -> None:
    text = (
        "4月22日，和田地区召开全地区春季农业生产推进会。地委书记刘建平出席并讲话，"
        "地委副书记、行署专员艾尼瓦尔·买买提主持。出席会议的还有地区人大工委主任阿不都热合曼。"
    )
    result = Pipeline()(document(text))
    found = {(m.text, m.name) for m in result.mentions if m.type == "Organization"}
    assert {
        ("地委", "中共和田地委"),
        ("行署", "和田地区行政公署"),
        ("地区人大工委", "和田地区人大工委"),
    } <= found


@pytest.mark.parametrize(
    ("text", "orgs_found"),
    [
        ("滁州市重点工程建设管理处处长葛文斌介绍情况。", ["滁州市重点工程建设管理处"]),
        ("通车后，新化县与娄底中心城区的车程缩短40分钟。", []),  # an urban area
    ],
)
def test_an_administration_office_and_a_central_urban_area(
    text: str, orgs_found: list[str]
) -> None:
    result = Pipeline()(document(text))
    assert [m.text for m in result.mentions if m.type == "Organization"] == orgs_found


def test_a_delegation_is_no_organisation() -> None:
    result = Pipeline()(document("9月3日，晋中市文旅项目观摩团先后察看了三个项目。"))
    assert [m.text for m in result.mentions if m.type == "Organization"] == []
    assert [m.text for m in result.mentions if m.type == "Place"] == ["晋中市"]


def test_a_division_then_the_clauses_verb_is_no_organisation() -> None:
    text = "自治区副主席韦海鹏到富川瑶族自治县调研乡村振兴和水源保护工作。"
    found = {(m.text, m.type) for m in Pipeline()(document(text)).named_mentions}
    assert ("富川瑶族自治县", "Place") in found
    assert not any(t == "Organization" and "调研" in m for m, t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a democratic party's branch and committee keep their wording, the post after them
        ("县工商联、民盟文水县总支和委员段晓红作大会发言。", "民盟文水县总支"),
        ("民进温县支部主委李明出席。", "民进温县支部"),
        ("民建锦州市委主委齐向阳作工作报告。", "民建锦州市委"),
    ],
)
def test_democratic_party_branches_and_committees(text: str, expected: str) -> None:
    result = Pipeline()(document(text))
    orgs = [m for m in result.named_mentions if m.type == "Organization"]
    assert expected in [m.text for m in orgs]
    assert expected in {e.label for e in result.entities if e.type == "Organization"}


def test_a_democratic_partys_plenum_is_named_with_the_party() -> None:
    found = Pipeline()(document("3月4日，民建锦州市委九届四次全会召开。")).named_mentions
    assert [m.text for m in found if m.type == "Event"] == ["民建锦州市委九届四次全会"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # service centres and their administering committees
        (
            "县政务服务中心管委会和县融媒体中心作交流发言。",
            ["县政务服务中心管委会", "县融媒体中心"],
        ),
        ("区投资促进服务中心介绍了招商情况。", ["区投资促进服务中心"]),
        # a pronoun before a bare level is the clause's
        ("免去其县水利局局长职务。", ["县水利局"]),
    ],
)
def test_service_centres_and_pronouns(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town, 和, then the county's bureau: two units, not an organ of the county 和县
        ("会上，东山镇和县水利局作典型发言。", ["县水利局"]),
        # 据 before a bare level is the clause's; a technical station is an agency
        ("据县交通运输局负责人介绍，道路已通车。", ["县交通运输局"]),
        ("县农业技术推广站作交流发言。", ["县农业技术推广站"]),
    ],
)
def test_town_and_county_lists_and_stations(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the verb of a visit ends the clause before a co-operative's name
        ("他走进鹿邑县丰谷果蔬专业合作社，了解订单情况。", ["鹿邑县丰谷果蔬专业合作社"]),
        # a bare level before a department the tagger read alone is its jurisdiction
        ("县文体旅局副局长王明一同调研。", ["县文体旅局"]),
        # two organs joined by 和 before a bare level, and a name before 和县
        ("会上，市商务局和县发展改革局作发言。", ["市商务局", "县发展改革局"]),
        ("县领导刘强和县水利局负责同志一同调研。", ["县水利局"]),
    ],
)
def test_visits_bare_levels_and_lists_of_organs(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == expected


def test_a_new_situation_is_no_bureau() -> None:
    found = Pipeline()(document("奋力开创县域高质量发展新局面。")).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town's government after a name jieba knows as a common word
        ("企业分别与码头镇人民政府签订投资协议。", ["码头镇人民政府"]),
        # an economic zone's administration
        ("营口沿海经济区管委会作交流发言。", ["营口沿海经济区管委会"]),
    ],
)
def test_town_governments_and_economic_zones(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city committee's department the tagger read without it
        ("宣城市委组织部有关负责同志到会指导。", ["宣城市委组织部"]),
        # every town's committee is no organisation's name
        ("会上，各乡镇党委书记递交了目标责任书。", []),
    ],
)
def test_committee_departments_and_every_towns_committee(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Organization"] == expected
