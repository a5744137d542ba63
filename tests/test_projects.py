from __future__ import annotations

import pytest

from kg.evaluate import DEFAULT_EXTRACTORS
from kg.extractors import get
from kg.extractors.projects import _capital_after, project_relations, projects
from kg.model import ORGANIZATION, Document, Mention, Relation
from kg.pipeline import Pipeline
from tests.scaling import assert_linear


def _mentions(text: str, doc_id: str = "d") -> list[Mention]:
    return Pipeline(["projects"])(Document(id=doc_id, text=text, source=doc_id)).mentions


def _pipeline_projects(text: str) -> list[str]:
    """The projects the default pipeline puts in the graph for ``text``, in order."""
    found = Pipeline()(Document(id="d", text=text, source="d")).named_mentions
    return [m.text for m in found if m.type == "Project"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lines named by their ends, by abbreviations of the document's places, or by a
        # mountain or river
        ("郑州至开封城际铁路年底建成通车。", ["郑州至开封城际铁路"]),
        ("郑开城际铁路串联起郑州和开封两座古城。", ["郑开城际铁路"]),
        ("豫晋高速连接河南山西两省。", ["豫晋高速"]),
        ("宁启铁路西起南京市。", ["宁启铁路"]),  # 宁 for 南京; 启 (启东) not named
        ("京港澳高速公路新乡段拓宽。", ["京港澳高速公路"]),
        ("太行山旅游公路全线贯通。", ["太行山旅游公路"]),
        ("郑许市域铁路串联郑州、许昌两市。", ["郑许市域铁路"]),
        ("丹江口至南阳高速公路二期工程开工。", ["丹江口至南阳高速公路"]),
        # parks and clusters named by their place; works by a proper name
        ("温县太极拳文化产业园区已入驻企业30家。", ["温县太极拳文化产业园区"]),
        ("孟州市汽车零部件产业集群加快发展。", ["孟州市汽车零部件产业集群"]),
        ("要加快蟒改河生态治理工程建设。", ["蟒改河生态治理工程"]),
        ("南水北调中线工程通水。", ["南水北调中线工程"]),
        ("沁河生态廊道建设全面启动。", ["沁河生态廊道"]),
        # a line named by its two ends, 至 between them (not an abbreviation 至昭)
        ("7月1日，哈密至若羌铁路开工建设。", ["哈密至若羌铁路"]),
        ("今年，库尔勒至若羌高速公路开工。", ["库尔勒至若羌高速公路"]),
        # international lines: 中 and the countries' one-character names
        ("中吉乌铁路项目前期工作稳步推进。", ["中吉乌铁路"]),
        ("中泰铁路二期工程加快推进。", ["中泰铁路"]),
        # a park, cluster or base named by its place, descriptive words between
        ("他们参观了福州软件园。", ["福州软件园"]),
        ("要培育壮大芜湖智能网联汽车产业集群。", ["芜湖智能网联汽车产业集群"]),
        ("加快建设酒泉国家级马铃薯种薯生产基地。", ["酒泉国家级马铃薯种薯生产基地"]),
        # a code inside a name
        ("S15科创走廊沿线城市签署协议。", ["S15科创走廊"]),
        # quoted programmes; quoted generic phrases are none
        ("全县深入实施“乡村振兴三年行动”。", ["乡村振兴三年行动"]),
        ("以“千村示范工程”为抓手。", ["千村示范工程"]),
        ("把“黄金通道”建成“产业走廊”和“民生工程”。", []),
        ("人们把它称为“大粮仓”。", []),
        ("要把招商引资作为“一把手工程”来抓。", []),  # a leader's charge, no programme
        # numbered programmes
        ("全市要抓好五大产业集群和八大民生工程。", ["五大产业集群", "八大民生工程"]),
        ("抓好产业集聚区十亿元以上项目建设。", ["产业集聚区十亿元以上项目"]),
        ("围绕省里“十大工业产业”布局。", ["十大工业产业"]),
        ("要围绕“十大产业链”抓项目。", ["十大产业链"]),
        # kinds of things, not projects
        ("确保主体工程年底前完工，打造精品工程。", []),
        ("焦作市农村公路建设取得新进展。", []),
        ("大力发展山区铁路运输。", []),
        ("新建铁路需要大量投资。", []),
        ("晋升铁路职工的工资。", []),
        ("宜阳县城关镇高标准农田示范区。", []),
        ("在城关镇猕猴桃种植基地，他察看挂果情况。", []),  # a farm, no project
        ("观摩了白沙镇稻鱼综合种养示范基地。", []),
        ("全市形成了煤炭、电力、化工三大产业。", []),  # counts the list, names nothing
        ("党的二十大精神。", []),
        ("No Chinese here: Route 66.", []),
        # a count summing up two items joined by 和; a verb tagged as a noun
        ("要围绕电子信息和生物医药两大主导产业，加快发展。", []),
        ("推动更多企业到云南布局生产基地。", []),
        # quoted programmes named by a figure, and a quoted name before its head
        ("县里发放“甘霖计划”补助，开展“春苗行动”。", ["甘霖计划", "春苗行动"]),
        ("会议通过了“千村百园”提升行动方案。", ["千村百园"]),
        ("要实施“民生工程”，打造“精品工程”。", []),  # kinds of work
        ("把营商环境作为“一把手”工程。", []),  # an ordinary word in quotes
        # a line's name inside an organisation's
        ("该线由郑焦城际铁路有限责任公司负责建设运营。", []),
        # a county's name whose first character jieba glued to the word before (刚|察)
        ("6月14日，刚察哈尔盖抽水蓄能电站主体工程开工。", ["刚察哈尔盖抽水蓄能电站"]),
        # a bridge or tunnel named after the line it carries is one work
        ("钟京高速汉江特大桥主跨420米。", ["钟京高速汉江特大桥"]),
        ("婺源至休宁公路五龙山隧道顺利贯通。", ["婺源至休宁公路五龙山隧道"]),
        # a quoted numbered programme is its whole quote, whatever words open it
        ("临淄区召开大会，发布“齐都文旅十大工程”。", ["齐都文旅十大工程"]),
        # common words only, today's among them (冷链, which jieba lacks): a kind, no name
        ("他走进樱桃种植基地和冷链物流中心。", []),
        ("这是一项伟大工程。", []),
    ],
)
def test_project_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


def test_numbered_programmes_belong_to_the_home_division() -> None:
    (m,) = _mentions("焦作市委要求各地抓好十大建设，焦作市各县区积极行动。")
    assert (m.text, m.scope) == ("十大建设", "410800")
    (n,) = _mentions("要抓好十大建设。", doc_id="doc-9")
    assert n.scope == "doc-9"  # no home division: the document's own programme


def test_named_projects_are_not_scoped() -> None:
    (m,) = _mentions("郑州至开封城际铁路年底建成通车。")
    assert m.scope is None and m.type == "Project"


# --------------------------------------------------------------------- relations


def _relations(
    text: str, date: str | None = None, *, places: bool = False
) -> tuple[list[Relation], list[Mention]]:
    names = ["divisions", *(["places"] if places else []), "projects", "project-relations"]
    pipeline = Pipeline(names)
    result = pipeline(Document(id="d", text=text, source="d", date=date))
    extra = list(result.mentions[result.n_named :])
    return list(result.relations), extra


def _connects(relations: list[Relation]) -> set[tuple[str, str]]:
    return {(r.subject.text, r.object.name) for r in relations if r.kind == "connects"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "郑开城际铁路西起郑州市，途经中牟县，东至开封市，设绿博园站、宋城路站两座车站。",
            {
                ("郑开城际铁路", "郑州市"),
                ("郑开城际铁路", "中牟县"),
                ("郑开城际铁路", "开封市"),
                ("郑开城际铁路", "绿博园站"),
                ("郑开城际铁路", "宋城路站"),
            },
        ),
        ("豫晋高速连接河南山西两省。", {("豫晋高速", "河南省"), ("豫晋高速", "山西省")}),
        (
            "郑州至开封城际铁路年底建成通车。",
            {("郑州至开封城际铁路", "郑州市"), ("郑州至开封城际铁路", "开封市")},
        ),
        ("温县太极拳文化产业园区已入驻企业30家。", set()),  # a park connects nothing
        # the road's kind after its second end is no part of that end's name
        (
            "布尔津至喀纳斯旅游公路改建工程开工。",
            {
                ("布尔津至喀纳斯旅游公路改建工程", "布尔津县"),
                ("布尔津至喀纳斯旅游公路改建工程", "喀纳斯"),
            },
        ),
        # a place given by its capital: the capital, not the division around it
        (
            "哈密至若羌铁路北起哈密市，向南经罗布泊镇，止于巴音郭楞蒙古自治州州府库尔勒市。",
            {
                ("哈密至若羌铁路", "哈密市"),
                ("哈密至若羌铁路", "若羌县"),
                ("哈密至若羌铁路", "罗布泊镇"),
                ("哈密至若羌铁路", "库尔勒市"),
            },
        ),
        # a station named after a division the text names is in it
        (
            "奉节县加快发展。沪渝高铁在奉节设奉节站。",
            {
                ("沪渝高铁", "奉节站"),
                ("沪渝高铁", "奉节县"),
            },
        ),
        # the abbreviated ends count once the text names them
        (
            "沪渝高铁自上海引出，在奉节设奉节站，终至重庆。",
            {
                ("沪渝高铁", "奉节站"),
                ("沪渝高铁", "奉节县"),
                ("沪渝高铁", "上海市"),
                ("沪渝高铁", "重庆市"),
            },
        ),
    ],
)
def test_connects(text: str, expected: set[tuple[str, str]]) -> None:
    relations, _ = _relations(text, places=True)
    assert _connects(relations) == expected


def test_international_route_keeps_the_country_its_capital_and_the_border_crossing() -> None:
    text = "中越铁路北起南宁市，由东兴口岸出境，南至越南首都河内。"
    result = Pipeline(DEFAULT_EXTRACTORS)(Document(id="d", text=text, source="d"))
    assert _connects(list(result.relations)) == {
        ("中越铁路", "南宁市"),
        ("中越铁路", "东兴口岸"),
        ("中越铁路", "越南"),
        ("中越铁路", "河内"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("首都曼谷，", (2, 4)),  # no extractor knows it: read up to the clause's end
        ("首府拉萨和", (2, 4)),
        ("首都附近的一座大城市", None),  # no name: too long before the clause ends
        ("以北的曼谷", None),  # no capital word
    ],
)
def test_capital_after_a_place(text: str, expected: tuple[int, int] | None) -> None:
    found = _capital_after(text, 0, len(text), [], [])
    assert (found[:2] if found else None) == expected


def test_abbreviations_become_place_mentions_of_their_divisions() -> None:
    relations, extra = _relations("郑开城际铁路串联起郑州和开封两座古城。")
    by_text = {m.text: m for m in extra}
    assert (by_text["郑"].code, by_text["郑"].key) == ("410100", "郑州市")
    assert (by_text["开"].code, by_text["开"].key) == ("410200", "开封市")
    assert {r.object.text for r in relations} == {"郑", "开"}


def test_opening_date_dates_the_line() -> None:
    relations, _ = _relations("郑开城际铁路9月将开通运营。郑州、开封两市做好准备。", "2024-03-01")
    assert {r.date for r in relations} == {"2024-09"}
    relations, _ = _relations("郑开城际铁路串联起郑州和开封两座古城。", "2024-03-01")
    assert {r.date for r in relations} == {None}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "焦作绿能产业园区今年投产。该项目由河南绿能科技有限公司投资建设。",
            "河南绿能科技有限公司",
        ),
        ("河南绿能科技有限公司承建焦作绿能产业园区。", "河南绿能科技有限公司"),
    ],
)
def test_responsible_for(text: str, org: str) -> None:
    analysis = Pipeline(["projects"]).analyse(Document(id="d", text=text, source="d"))
    found = list(projects(analysis))
    at = text.find(org)
    found.append(Mention.span(analysis.doc, at, at + len(org), ORGANIZATION, "test"))
    analysis = analysis.with_(mentions=sorted(found, key=lambda m: m.start))
    relations = [r for r in project_relations(analysis) if isinstance(r, Relation)]
    assert {(r.kind, r.subject.text, r.object.text) for r in relations} == {
        ("responsible_for", org, "焦作绿能产业园区")
    }


def test_registered_as_two_stages() -> None:
    assert get("projects").stage == "mentions"
    info = get("project-relations")
    assert info.stage == "relations" and "Place" in info.produces


def test_offsets_survive_characters_outside_the_bmp() -> None:
    text = "𠀀郑州至开封城际铁路𠀁年底建成通车。"
    (m,) = _mentions(text)
    assert text[m.start : m.end] == m.text == "郑州至开封城际铁路"


def test_a_long_line_without_punctuation_stays_linear() -> None:
    unit = "郑开城际铁路十大建设产业园区温县工程"
    pipeline = Pipeline(["projects", "project-relations"])

    def run(repeats: int) -> None:  # 5,000 repeats: 90,000 characters on one line
        text = unit * repeats
        result = pipeline(Document(id="long", text=text, source="long"))
        assert all(text[m.start : m.end] == m.text for m in result.mentions)

    assert_linear(run, 5000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lines named by usual abbreviations only, none of the places named in the text
        ("沪渝蓉高铁武汉至宜昌段已完成铺轨。", ["沪渝蓉高铁"]),
        ("济郑高铁山东段全线贯通。", ["济郑高铁"]),
        ("西渝高铁康渝段加快建设。", ["西渝高铁"]),
        ("G60沪昆高速公路扩容工程有序推进。", ["G60沪昆高速公路扩容工程"]),
        # what a bridge carries belongs to its name
        ("秭归长江公路大桥建成通车。", ["秭归长江公路大桥"]),
        ("黄河铁路特大桥主体完工。", ["黄河铁路特大桥"]),
        # water transfers named like 南水北调
        ("引江济淮工程二期加快实施。", ["引江济淮工程"]),
        ("引汉济渭工程全线通水。", ["引汉济渭工程"]),
        # a reservoir named by its lake or river
        ("汉中市新建兴元湖水库，总库容1.5亿立方米。", ["兴元湖水库"]),
        # a quoted programme named by numbers
        ("深入实施乡村建设行动和“千万工程”。", ["千万工程"]),
        ("全市启动“双百行动”。", ["双百行动"]),
        # a bay or river at the very start of the text names the work
        ("台州湾大道东延工程建成通车。", ["台州湾大道东延工程"]),
        ("泉州湾跨海大桥建成通车。", ["泉州湾跨海大桥"]),
        # a suffix jieba glued to the word before it (科技|园区 as one token)
        ("天水国家农业科技园区建设扎实推进。", ["天水国家农业科技园区"]),
        ("北川羌族自治县永昌河生态修复工程完工。", ["北川羌族自治县永昌河生态修复工程"]),
        # a named site names the works on it
        ("大同市云冈石窟保护工程全面完成。", ["大同市云冈石窟保护工程"]),
        ("金州湾机场航站区工程完工。", ["金州湾机场航站区工程"]),
        ("城市湿地保护工程成效明显。", []),
        ("全县景区提升工程全面启动。", []),
        # greenways, belts and centres named by a place or river
        ("嘉陵江绿道一期建成开放。", ["嘉陵江绿道"]),
        ("汉江生态经济带建设提速。", ["汉江生态经济带"]),
        ("钦州保税物流中心通过验收。", ["钦州保税物流中心"]),
        ("要为企业开辟绿色通道。", []),
        ("加快建设综合交通枢纽。", []),
        ("打造乡村振兴示范带。", []),
        ("全市新建物流中心三个。", []),
        # a heritage site's or scenic area's works, a phase of them inside the name
        ("平遥古城文旅融合提升工程开工。", ["平遥古城文旅融合提升工程"]),
        ("独克宗古城保护利用二期工程完成投资。", ["独克宗古城保护利用二期工程"]),
        ("今年将开工湟源县日月山旅游景区提升工程。", ["湟源县日月山旅游景区提升工程"]),
        ("塔尔寺文化旅游综合体一期开业。", ["塔尔寺文化旅游综合体"]),
        ("要以模式口历史文化街区保护更新工程为牵引。", ["模式口历史文化街区保护更新工程"]),
        # a line's phase stays the line's
        ("京沪铁路二期工程开工。", ["京沪铁路"]),
        # a power line and a canal named by their ends, one of them a reservoir
        ("杭锦旗至达拉特旗500千伏输电线路投运。", ["杭锦旗至达拉特旗500千伏输电线路"]),
        ("磨盘山水库至双城输水干渠工程开工。", ["磨盘山水库至双城输水干渠工程"]),
        # a reservoir's works, named with it
        ("今年还将开工北庙水库扩建工程。", ["北庙水库扩建工程"]),
        # kinds, slogans and markets: no project
        ("全市新建农村公路三百公里，改造危桥二十座。", []),
        ("全县新建跨河大桥两座。", []),
        ("要办好农业科技园区和创业园区。", []),
        ("该县水库除险加固工程全部完工。", []),
        ("全省新建小型水库十座。", []),
        ("要实施好民生工程和“民生实事”。", []),
        ("他强调，要抓好“三农”工作。", []),
        ("沪深两市股指小幅上涨。", []),
        ("要用好高速公路大桥通行费减免政策。", []),
        ("要积极参与京津冀协同发展。", []),
    ],
)
def test_more_project_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 贯穿 lists the places a road crosses
        (
            "通化至桓仁高速公路贯穿通化县、集安市两地。",
            {
                ("通化至桓仁高速公路", "通化市"),
                ("通化至桓仁高速公路", "桓仁满族自治县"),
                ("通化至桓仁高速公路", "通化县"),
                ("通化至桓仁高速公路", "集安市"),
            },
        ),
        # a station the line leaves from (由…引出) or joins (接入…)
        (
            "西渝高铁由西安北站引出，经安康市、达州市，接入重庆北站。",
            {
                ("西渝高铁", "西安市"),
                ("西渝高铁", "重庆市"),
                ("西渝高铁", "安康市"),
                ("西渝高铁", "达州市"),
                ("西渝高铁", "西安北站"),
                ("西渝高铁", "重庆北站"),
            },
        ),
        # a place the text only passes is not on the line
        ("郑焦铁路通车后，从焦作到郑州只需半小时，郑州市民出行更方便。",
         {("郑焦铁路", "郑州市"), ("郑焦铁路", "焦作市")}),
    ],
)  # fmt: skip
def test_routes_through_and_stations_left(text: str, expected: set[tuple[str, str]]) -> None:
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    labels = {e.iri: e.label for e in result.entities}
    found = {
        (r.subject.text, labels.get(result.iri_of.get(r.object, ""), r.object.name))
        for r in result.relations
        if r.kind == "connects"
    }
    assert found == expected


def test_a_tagger_organisation_across_a_project_gives_way() -> None:
    """The CRF's 梅龙高铁线路起自梅州西站 is no organisation: the line and station are read."""
    text = "据介绍，梅龙高铁线路起自梅州西站，经梅州市梅县区，止于龙岩市。"
    found = Pipeline()(Document(id="m", text=text, source="m")).mentions
    assert not [m for m in found if m.type == ORGANIZATION]
    assert {("Project", "梅龙高铁"), ("Place", "梅州西站")} <= {(m.type, m.text) for m in found}


def test_an_abbreviation_that_is_also_an_adverb_stands_for_a_named_county() -> None:
    """都 of 都湖高速公路 is 都昌县 where the text names it (not the adverb 都)."""
    text = "连接都昌县和湖口县的都湖高速公路路基工程已完成85%。"
    found = Pipeline()(Document(id="d", text=text, source="d")).mentions
    assert "都湖高速公路" in {m.text for m in found if m.type == "Project"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an abbreviation that is also a word (平安) when each character is a named place
        ("平安城际铁路串联平顶山市与安阳市。", ["平安城际铁路"]),
        ("平安铁路建设有序推进。", []),
        # function words jieba glued to the name's ends (以前|海湾|科技|城为)
        ("新区要以前海湾科技城为引领。", ["前海湾科技城"]),
        ("要以金海湾科技城为依托。", ["金海湾科技城"]),
        # zones named 试验区 (no management committee named)
        ("加快推进东兴重点开发开放试验区建设。", ["东兴重点开发开放试验区"]),
        ("海南自由贸易试验区建设提速。", ["海南自由贸易试验区"]),
    ],
)
def test_names_opening_with_a_place(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a station after 的 and the division it is in (起自安阳市的安阳东站)
        (
            "平安城际铁路开工。线路起自安阳市的安阳东站，止于平顶山市的平顶山西站。",
            {
                ("平安城际铁路", "安阳市"),
                ("平安城际铁路", "安阳东站"),
                ("平安城际铁路", "平顶山市"),
                ("平安城际铁路", "平顶山西站"),
            },
        ),
        # the places a line links, listed before it (连接…与…的…)
        (
            "连接淄川区与博山区的孝妇河旅游公路建成通车。",
            {("孝妇河旅游公路", "淄川区"), ("孝妇河旅游公路", "博山区")},
        ),
        # a bridge connects the places it is said to link, and nothing else
        (
            "新建的长江大桥连通宜都市与枝江市。",
            {("长江大桥", "宜都市"), ("长江大桥", "枝江市")},
        ),
        ("宜都市境内的长江大桥主塔封顶，枝江市正在规划新区。", set()),
    ],
)
def test_connects_of_stations_and_linked_places(text: str, expected: set[tuple[str, str]]) -> None:
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    labels = {e.iri: e.label for e in result.entities}
    found = {
        (r.subject.text, labels.get(result.iri_of.get(r.object, ""), r.object.name))
        for r in result.relations
        if r.kind == "connects"
    }
    assert found == expected


# ------------------------------------------------- constructions, family by family
#
# Sentences written for these tests in the style of government news; each family is
# a construction, not a list of known projects.


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # railways named by their ends (of any name), by abbreviations, by a route code
        ("西安至十堰高速铁路全线铺轨完成。", ["西安至十堰高速铁路"]),
        ("合肥至新沂高速铁路站前工程开工。", ["合肥至新沂高速铁路"]),
        ("黄桶至百色铁路正式开工建设。", ["黄桶至百色铁路"]),
        ("西宁至成都铁路青海段首座隧道贯通。", ["西宁至成都铁路"]),  # 青海 is no lake
        ("南昌至景德镇至黄山铁路建成通车。", ["南昌至景德镇至黄山铁路"]),
        ("成达万高铁连接成都、达州、万州三地。", ["成达万高铁"]),
        ("长株潭城际铁路开通后，长沙、株洲、湘潭三市实现公交化。", ["长株潭城际铁路"]),
        ("宁句城际全线开通运营，南京与句容同城化加快。", ["宁句城际"]),
        ("沪苏湖铁路湖州段开通运营。", ["沪苏湖铁路"]),  # 沪苏湖 is no lake
        ("滁州市要全力推进滁宁城际铁路建设。", ["滁宁城际铁路"]),  # 滁|宁城|际|铁路
        ("渝昆高铁川渝段加快建设。", ["渝昆高铁"]),
        ("深中通道连接深圳和中山两市。", ["深中通道"]),
        # roads: a code, a number, an improvement and its 工程; a section ends the name
        ("G69银百高速甘肃段建成通车。", ["G69银百高速"]),
        ("银百高速甘肃段建成通车。", []),  # no code, neither end named: not read
        ("G318国道改扩建工程进展顺利。", ["G318国道改扩建工程"]),
        ("国道G312线改扩建工程完成路基施工。", ["国道G312线改扩建工程"]),
        ("G15沈海高速福建段改扩建工程全面开工。", ["G15沈海高速"]),
        ("襄阳至荆门高速公路改扩建工程全线通车。", ["襄阳至荆门高速公路改扩建工程"]),
        ("成都天府大道快速路北延线建成通车。", ["成都天府大道快速路"]),
        ("焦作市迎宾大道改造工程年底完工。", ["焦作市迎宾大道改造工程"]),
        ("市区三环快速路全线贯通。", []),
        # metro lines
        ("郑州地铁10号线一期工程开通运营。", ["郑州地铁10号线"]),
        ("成都轨道交通18号线三期工程开工。", ["成都轨道交通18号线"]),
        ("苏州市轨道交通S1线通过验收。", ["苏州市轨道交通S1线"]),
        ("地铁5号线东延段加快建设。", ["地铁5号线"]),
        # airports, ports, crossings and hubs: the site names the work on it
        ("长沙黄花国际机场改扩建工程全面开工。", ["长沙黄花国际机场改扩建工程"]),
        ("西安咸阳国际机场T5航站楼主体封顶。", ["西安咸阳国际机场T5航站楼"]),
        # an airport built or opened is a project (its role), one only named is a place
        ("鄂州花湖机场建成投运。", ["鄂州花湖机场"]),
        ("北部湾港钦州港区大榄坪作业区投入运营。", ["北部湾港钦州港区大榄坪作业区"]),
        ("连云港港徐圩港区建设加快推进。", ["连云港港徐圩港区"]),
        ("常泰长江大桥主航道桥合龙。", ["常泰长江大桥"]),
        ("天山胜利隧道贯通。", ["天山胜利隧道"]),
        ("秦岭终南山公路隧道是最长的公路隧道之一。", ["秦岭终南山公路隧道"]),
        ("武汉杨泗港长江大桥建成通车。", ["武汉杨泗港长江大桥"]),
        ("中欧班列开行数量再创新高。", ["中欧班列"]),
        ("郑州南站综合交通枢纽投用。", ["郑州南站综合交通枢纽"]),
        ("重庆东站综合交通枢纽工程进展顺利。", ["重庆东站综合交通枢纽工程"]),
    ],
)
def test_transport_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a facility named by a division or a proper name jieba does not know as a word
        ("西霞院水利枢纽发挥了反调节作用。", ["西霞院水利枢纽"]),
        ("前坪水库下闸蓄水。", ["前坪水库"]),
        ("小浪底水利枢纽发挥了防洪减淤作用。", []),  # 小浪底 is a noun to jieba: not read
        ("加快招引新能源汽车产业集群项目。", []),  # nor is 新能源, as rare a noun
        ("广西大藤峡水利枢纽工程全面建成。", ["广西大藤峡水利枢纽工程"]),
        ("碾盘山水利水电枢纽首台机组发电。", ["碾盘山水利水电枢纽"]),
        ("都江堰灌区是全国最大的灌区之一。", ["都江堰灌区"]),
        ("河南天池抽水蓄能电站首台机组投产发电。", ["河南天池抽水蓄能电站"]),
        ("浙江宁海抽水蓄能电站全面投产。", ["浙江宁海抽水蓄能电站"]),
        ("乌东德水电站全部机组投产发电。", ["乌东德水电站"]),  # 乌|东德: cut in two
        ("如东海上风电场并网发电。", ["如东海上风电场"]),
        ("库布其200万千瓦光伏电站全容量并网。", ["库布其200万千瓦光伏电站"]),
        ("焦作500千伏输变电工程建成投运。", ["焦作500千伏输变电工程"]),
        ("雅中至江西±800千伏特高压直流输电工程竣工。", ["雅中至江西±800千伏特高压直流输电工程"]),
        ("张北柔性直流电网试验示范工程投运。", ["张北柔性直流电网试验示范工程"]),
        # works named by a region, a river, a mountain; a transfer and a tunnel of it
        ("滇中引水工程昆明段隧洞贯通。", ["滇中引水工程"]),
        # a river's section is part of the work's name, a line's section is not
        ("焦作市大沙河城区段生态治理工程开工。", ["焦作市大沙河城区段生态治理工程"]),
        ("郑焦铁路焦作段工程开工。", ["郑焦铁路"]),
        ("引汉济渭工程秦岭输水隧洞全线贯通。", ["引汉济渭工程", "秦岭输水隧洞"]),
        ("引黄入冀补淀工程濮阳段已全面完工。", ["引黄入冀补淀工程"]),
        ("江汉运河航道整治工程完工。", ["江汉运河航道整治工程"]),
        ("持续推进东数西算工程。", ["东数西算工程"]),
        # a plant is an organisation; with its works after it, a project
        ("焦作市第二污水处理厂提标改造工程投入运行。", ["焦作市第二污水处理厂提标改造工程"]),
        ("焦作市第二污水处理厂日处理污水10万吨。", []),
        # kinds and counts
        ("全县水库除险加固任务全部完成。", []),
        ("要加强小型水库安全管理。", []),
        ("巩固退耕还林工程成果。", []),
    ],
)
def test_water_and_energy_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "中国（河南）自由贸易试验区郑州片区新设企业超过8万家。",
            ["中国（河南）自由贸易试验区郑州片区"],
        ),
        ("河南自由贸易试验区郑州片区挂牌。", ["河南自由贸易试验区郑州片区"]),
        ("郑州航空港经济综合实验区建设成效明显。", ["郑州航空港经济综合实验区"]),
        ("临沂商城国际物流园投入运营。", ["临沂商城国际物流园"]),
        ("武汉光谷科技城建设提速。", ["武汉光谷科技城"]),
        ("西安丝路科学城建设全面提速。", ["西安丝路科学城"]),
        ("成都东部新城起步区建设加快。", ["成都东部新城"]),
        ("宁德锂电新能源产业集群产值突破3000亿元。", ["宁德锂电新能源产业集群"]),
        ("他强调，要做强涪陵榨菜产业集群。", ["涪陵榨菜产业集群"]),
        ("酒泉千万千瓦级风电基地二期工程并网。", ["酒泉千万千瓦级风电基地二期工程"]),  # its phase
        ("酒泉千万千瓦级风电基地二期并网。", ["酒泉千万千瓦级风电基地"]),  # a bare phase
        ("青海海南州千万千瓦级新能源基地建设提速。", ["青海海南州千万千瓦级新能源基地"]),
        ("高标准建设国家南繁科研育种基地。", ["国家南繁科研育种基地"]),
        ("用好中哈霍尔果斯国际边境合作中心等开放平台。", ["中哈霍尔果斯国际边境合作中心"]),
        ("市长致辞说，西部陆海新通道让钦州变成了前沿。", ["西部陆海新通道"]),
        ("柳州螺蛳粉产业园获评国家级示范园区。", ["柳州螺蛳粉产业园"]),
        ("加快建设长城国家文化公园。", ["长城国家文化公园"]),  # a designation
        ("中新天津生态城建设15周年。", ["中新天津生态城"]),
        ("中新苏州工业园区开发建设有限公司召开股东会。", []),  # a company
        ("宁夏贺兰山东麓葡萄酒产业园区加快建设。", ["宁夏贺兰山东麓葡萄酒产业园区"]),
        ("滁州市的苏滁现代产业园加快招引项目。", ["苏滁现代产业园"]),  # places' abbreviations
        ("要发挥南京和徐州的优势，共建南北合作园区。", []),  # 南北 is a word, not two places
        ("比亚迪郑州产业园一期项目投产。", ["比亚迪郑州产业园"]),  # a company before the place
        (
            "市委书记先后来到孟州市汽车零部件产业园、温县红薯产业园。",
            ["孟州市汽车零部件产业园", "温县红薯产业园"],
        ),
        ("推动修武县、博爱县、武陟县三个特色产业园区提质升级。", []),  # a count
        # what lies along a river is described by it, not named
        ("要推进赣江沿岸文旅廊道建设。", []),
        # a base of a trade named by its place; a kind of base alone is none
        ("会上，两地签约共建汝州纺织服装数字化供应链基地。", ["汝州纺织服装数字化供应链基地"]),
        ("要加快冷链物流基地建设。", []),
        # a route's first end: a county the text names with its level, written short
        ("共和县召开会议。共和至贵德330千伏输变电工程开工。", ["共和至贵德330千伏输变电工程"]),
        # a line jieba knows as one word, 和 after 与 as a line's first place, a port's spur
        ("黎湛铁路穿过县境。", ["黎湛铁路"]),
        ("若羌县地处格库铁路与和若铁路交会处。", ["格库铁路", "和若铁路"]),
        ("配套建设的宜宾港铁路专用线正在施工。", ["宜宾港铁路专用线"]),
        ("怀化经济开发区铁路专用线工程开工。", ["怀化经济开发区铁路专用线工程"]),
        ("要加快铁路专用线和集装箱堆场建设。", []),
        # an upgrade's 项目 is the works' name, a base's growth is the base's own
        ("他察看了明月山温泉度假区改造提升项目。", ["明月山温泉度假区改造提升项目"]),
        # two proper names before the kind: a river or a town's short name and the site
        ("位于镇区的渠江涌溪大桥建成通车。", ["渠江涌溪大桥"]),
        ("加快推进茅坪温泉康养小镇建设。", ["茅坪温泉康养小镇"]),
        # a demonstration zone that is built
        ("详细了解汉阴凤堰乡村振兴示范区建设进展。", ["汉阴凤堰乡村振兴示范区"]),
        # an area's or venue's improvement works and a facility's building works
        ("会议要求加快剑门关旅游度假区提升工程建设。", ["剑门关旅游度假区提升工程"]),
        ("云浮石材产业园升级改造工程有序推进。", ["云浮石材产业园升级改造工程"]),
        ("他察看了舟山绿色石化基地扩建项目。", ["舟山绿色石化基地"]),  # 项目: the base
        ("他走进确山县人民医院新院区建设工程工地。", ["确山县人民医院新院区建设工程"]),
        ("柳州市体育中心二期建设工程进入装修阶段。", ["柳州市体育中心二期建设工程"]),
        # an intercity road by its ends, not 城际 alone
        ("株洲至醴陵城际快速路完成投资9亿元。", ["株洲至醴陵城际快速路"]),
        ("湖北襄樊市襄棉职工大学讲师接过安居工程的钥匙。", []),  # 棉 stands for no place
        # descriptions and regions are no names
        ("打造世界级盐湖产业基地。", []),
        ("要办好各类产业园区。", []),
        ("国家级现代农业产业园建设成效明显。", []),
        ("河西走廊是重要的交通要道。", []),  # a region (a word of jieba's dictionary)
        ("军民共建千里双拥模范走廊。", []),  # a title, no corridor named by a place
    ],
)
def test_zone_and_park_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("郑州大学第一附属医院新院区建成启用。", ["郑州大学第一附属医院新院区"]),
        ("焦作市人民医院门诊综合楼项目主体封顶。", ["焦作市人民医院门诊综合楼项目"]),
        ("焦作市第一中学新校区建成投用。", ["焦作市第一中学新校区"]),
        ("焦作市体育中心投入使用。", ["焦作市体育中心"]),
        ("洛阳奥体中心承办省运会。", ["洛阳奥体中心"]),
        ("山阳区棚户区改造项目完成拆迁。", ["山阳区棚户区改造项目"]),
        ("温县城南安置房项目交付使用。", ["温县城南安置房项目"]),
        ("经济日报文化中心承办了演出。", []),  # a newspaper's department
        ("我市新建5座体育中心和一批文化中心。", []),
        ("该项目总投资12亿元。", []),
        ("全市重点项目完成投资超过年度计划。", []),
        ("全市开工建设保障性安居工程住房2万套。", []),
    ],
)
def test_public_work_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named by numbers, unquoted: the head is part of the name; a slogan of two
        # counted pairs names itself
        ("深入学习运用千万工程经验。", ["千万工程"]),
        ("扎实推进百千万工程。", ["百千万工程"]),
        ("要以三北工程为牵引，统筹推进沙化土地治理。", ["三北工程"]),
        ("实施万企兴万村行动。", ["万企兴万村"]),
        ("今年通过百企帮百村行动引进帮扶企业36家。", ["百企帮百村"]),
        ("千万工程师走进车间。", []),
        ("全市一千万人口。", []),
        # quoted names, the head inside or after the quotes with describing words only
        ("“双百行动”成效明显。", ["双百行动"]),
        ("全面推进乡村振兴“十大工程”。", ["十大工程"]),
        ("实施乡村振兴“五大工程”。", ["五大工程"]),
        ("湖南省“芙蓉计划”第三批人才名单公布。", ["芙蓉计划"]),
        ("大力实施“八八战略”。", ["八八战略"]),
        ("组织实施“千企帮千村”精准扶贫行动。", ["千企帮千村"]),
        ("深入实施“强省会”战略。", ["强省会"]),
        ("持续实施“三山”工程。", ["三山"]),  # a count of things names it
        ("完成“九五”计划的各项任务。", []),  # a plan's number
        ("实施“科技信息跟踪服务”和“电影下乡”三项工程。", []),  # a count of a list
        ("各油田实施“油气并举”的开发战略。", []),
        ("要把“六稳”“六保”落到实处。", []),
        ("实施“一村一品”示范村镇建设。", []),
        ("要实施好“菜篮子”工程。", []),
        # generic programmes
        ("要实施好民生工程。", []),
        ("县里组织开展高标准农田建设。", []),
        ("深入实施乡村振兴战略。", []),
        ("实施乡村建设行动。", []),
        ("山东省新旧动能转换重大工程扎实推进。", []),
    ],
)
def test_programme_names(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "这条铁路建成后将大大缩短两地时空距离。",
        "要加快推进铁路、高速公路建设。",
        "全省高速公路建设完成投资800亿元。",
        "新建农村公路1200公里。",
        "蜿蜒曲折的盘山公路像一条飘带。",  # a kind of road, a word of its own
        "水利建设再上新台阶。图为化州市新建的小型水库。",
        "顺利度过核电站工程竣工以后的第一年。",
        "我国第二大水利发电站正在建设。",
        # a description of many words, no name
        "这里是山西省吕梁地区柳林县董家山村分户购治荒山节水灌溉示范工程。",
    ],
)
def test_generic_mentions_are_no_projects(text: str) -> None:
    assert not _mentions(text)


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        # organisations that end like a project, and divisions named like a zone
        ("南宁铁路局集团公司做好春运保障。", None, None),
        ("广州港务集团有限公司完成吞吐量5亿吨。", None, None),
        ("焦作市经济技术开发区管委会负责人介绍。", ORGANIZATION, "焦作市经济技术开发区管委会"),
        ("郑州地铁集团有限公司负责建设运营。", None, None),
        ("港珠澳大桥管理局局长出席。", None, None),
        ("天津市滨海新区召开工作会议。", "Place", "滨海新区"),
        ("上海市浦东新区推进综合改革试点。", "Place", "浦东新区"),
        ("沈某住进襄樊铁路医院接受治疗。", None, None),
    ],
)
def test_organisations_and_divisions_are_no_projects(
    text: str, kind: str | None, span: str | None
) -> None:
    found = Pipeline()(Document(id="d", text=text, source="d")).named_mentions
    assert not [m for m in found if m.type == "Project"]
    if span is not None:
        assert (kind, span) in {(m.type, m.text) for m in found}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an end of a line's name that is no division is a place it connects
        (
            "黄桶至百色铁路正式开工建设，线路经望谟县，止于百色市。",
            {
                ("黄桶至百色铁路", "黄桶"),
                ("黄桶至百色铁路", "望谟县"),
                ("黄桶至百色铁路", "百色市"),
            },
        ),
        # route words after a later line belong to that line
        (
            "揭梅城际铁路开工。线路建成后，梅州将通过在建的梅龙高铁向西直达河源市龙川县。",
            {
                ("揭梅城际铁路", "梅州市"),
                ("梅龙高铁", "梅州市"),
                ("梅龙高铁", "河源市"),
                ("梅龙高铁", "龙川县"),
            },
        ),
        # the places along a line (沿线)
        (
            "连接都昌县和湖口县的都湖高速公路建成通车，沿线都昌县多宝乡的村民出行更方便。",
            {
                ("都湖高速公路", "都昌县"),
                ("都湖高速公路", "湖口县"),
                ("都湖高速公路", "多宝乡"),
            },
        ),
        # a metro line connects no city by its name
        ("郑州地铁10号线一期工程开通运营。", set()),
    ],
)
def test_connects_of_route_ends_and_lines_along(text: str, expected: set[tuple[str, str]]) -> None:
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    labels = {e.iri: e.label for e in result.entities}
    found = {
        (r.subject.text, labels.get(result.iri_of.get(r.object, ""), r.object.name))
        for r in result.relations
        if r.kind == "connects"
    }
    assert found == expected


# ------------------------------------------------- development zones, new heads, lines


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a development zone built, invested in or talked about is a project
        ("要加快建设许昌经济技术开发区。", ["许昌经济技术开发区"]),
        ("焦作高新技术产业开发区是全市重要的装备制造基地。", ["焦作高新技术产业开发区"]),
        ("推动漕泾经济开发区做强精细化工。", ["漕泾经济开发区"]),  # a place jieba knows
        ("推动观澜生态商务区建设。", ["观澜生态商务区"]),  # a rare noun names it
        ("推动宁东能源化工基地发展。", ["宁东能源化工基地"]),  # a rare place names a base
        ("推进海南国际旅游岛建设。", ["海南国际旅游岛"]),
        # a preposition jieba glued to the name; a zone's neighbour named after it
        ("我们要把丰源商务区建成金融中心。", ["丰源商务区"]),
        ("新城区面临着丰源商务区周边商务区的竞争。", ["丰源商务区"]),
        # an organisation's name before a zone is no part of it
        ("报考贵州省税务局漕泾经济开发区分局的考生增多。", ["漕泾经济开发区"]),
        ("建设中国（上海）自由贸易试验区临港新片区。", ["中国（上海）自由贸易试验区临港新片区"]),
        # two names before the designation open it together
        ("支持龙湾乐城国际医疗旅游先行区扩大开放。", ["龙湾乐城国际医疗旅游先行区"]),
        # a cluster named after the zone it lies in is one project with it
        (
            "加快建设许昌高新技术产业开发区电力装备产业集群。",
            ["许昌高新技术产业开发区电力装备产业集群"],
        ),
        # a free-trade port, a town, a corridor, a hub and a base of an industry
        ("海南自由贸易港建设稳步推进。", ["海南自由贸易港"]),
        ("支持酒泉国际航天城发展商业航天。", ["酒泉国际航天城"]),
        ("在丁庄智创城举办项目路演。", ["丁庄智创城"]),  # 智 joined to an unknown name
        ("推进中越经济走廊建设。", ["中越经济走廊"]),
        (
            "做强宁波绿色石化基地和宁波江海联运服务中心。",
            ["宁波绿色石化基地", "宁波江海联运服务中心"],
        ),
        # the works a facility serves belong to its name
        ("确保河口村水库灌溉配套工程年底完工。", ["河口村水库灌溉配套工程"]),
        # a free-trade zone's area named by a site; a development zone's short form
        ("要加快河北自贸试验区正定机场片区建设。", ["河北自贸试验区正定机场片区"]),
        ("推动长沙经开区做强工程机械。", ["长沙经开区"]),
        # a line whose abbreviations the text does not spell out is a line all the same
        ("推进襄荆高铁建设。", ["襄荆高铁"]),
        # an unknown character before named places' abbreviations is a verb
        ("要紧盯焦济高速建设。焦作、济源两地联合推进。", ["焦济高速"]),
    ],
)
def test_zones_heads_and_unspelled_lines(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a zone acting as a unit: commended, speaking, with its organ
        "孟州市、焦作经济技术开发区负责同志作交流发言。",
        "温县、焦作高新区等单位受到表彰。",
        "会议表彰了温县和焦作高新区。",
        "焦作高新区党工委书记出席。",
        # a division named like a zone, and kinds of zones
        "推动天津市滨海新区建设。",
        "城市新区人口增加。",
        "全省各类开发区要提质增效，推进综合保税区建设。",
        "支持自由贸易港建设，发展临空经济区。",
        "自贸试验区各片区要大胆试、大胆闯。",  # 自贸 shortens a kind, names none
        "建设金融商务区和生态商务区。",  # frequent nouns: kinds of district
        "发展空港经济区，建设新春产业园。",  # a kind of zone; a frequent place word
        # ordinary words before a line's suffix, a verb of roads after a name
        "修建高速公路，发展城际铁路。",
        "这是深化铁路改革的重要举措。",
        "听说石溪修高速公路了。",
        "东至原门矿铁路专用线。",  # the former line: 原 opens no name
    ],
)
def test_zones_acting_and_kinds_are_no_projects(text: str) -> None:
    assert not _mentions(text)


def test_a_zone_is_a_project_or_its_administration_by_its_role() -> None:
    text = (
        "焦作市召开全市开放工作会议。会议要求加快建设焦作经济技术开发区。"
        "温县、焦作经济技术开发区等单位受到表彰。"
    )
    found = Pipeline()(Document(id="d", text=text, source="d")).named_mentions
    zones = [(m.type, m.start) for m in found if m.text == "焦作经济技术开发区"]
    assert [t for t, _ in sorted(zones, key=lambda z: z[1])] == ["Project", ORGANIZATION]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a linking verb after a comma: the line is the clause's subject
        (
            "要建设桐柏山红色旅游公路，串联桐柏县、信阳市平桥区和确山县的景区。",
            {
                ("桐柏山红色旅游公路", "桐柏县"),
                ("桐柏山红色旅游公路", "平桥区"),
                ("桐柏山红色旅游公路", "确山县"),
            },
        ),
        # a place listed with its prefecture before it: the county is linked
        (
            "连接修武县和新乡市辉县市的太行山特大桥即将建成。",
            {("太行山特大桥", "修武县"), ("太行山特大桥", "辉县市")},
        ),
        # 通往 a place; a trip the line shortens is no part of its route
        (
            "郑焦城际铁路起于郑州市，经武陟县通往焦作市，建成后郑州市至云台山景区的车程缩短。",
            {
                ("郑焦城际铁路", "郑州市"),
                ("郑焦城际铁路", "武陟县"),
                ("郑焦城际铁路", "焦作市"),
            },
        ),
        # a later mention's route, and a station right after the line's name
        (
            "要紧盯焦济高速建设。焦济高速起于焦作市，经沁阳市，止于济源市。"
            "依托焦济高速孟州南站，发展物流。孟州市积极对接。",
            {
                ("焦济高速", "焦作市"),
                ("焦济高速", "沁阳市"),
                ("焦济高速", "济源市"),
                ("焦济高速", "孟州市"),
            },
        ),
        # the clause naming the next line is that line's
        (
            "洛宜铁路起于洛阳市，止于宜阳县。此外，连接汝州市和鲁山县的汝鲁铁路正在研究。",
            {
                ("洛宜铁路", "洛阳市"),
                ("洛宜铁路", "宜阳县"),
                ("汝鲁铁路", "汝州市"),
                ("汝鲁铁路", "鲁山县"),
            },
        ),
        # the place where another line meets it
        (
            "洛宜铁路起于洛阳市，止于宜阳县，在宜阳与宁西高铁衔接。",
            {
                ("洛宜铁路", "洛阳市"),
                ("洛宜铁路", "宜阳县"),
                ("宁西高铁", "宜阳县"),
            },
        ),
        # a province only by its one-character name (桂), not its first character: 广 of
        # 黔广高铁 is no 广西 the text names; the station after the name gives its county
        ("依托黔广高铁榕江南站，广西壮族自治区的游客可直达榕江县。", {("黔广高铁", "榕江县")}),
    ],
)
def test_connects_of_later_mentions_lists_and_trips(
    text: str, expected: set[tuple[str, str]]
) -> None:
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    labels = {e.iri: e.label for e in result.entities}
    found = {
        (r.subject.text, labels.get(result.iri_of.get(r.object, ""), r.object.name))
        for r in result.relations
        if r.kind == "connects"
    }
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a demonstrative refers to a work named before; it opens no name of its own
        ("甲县石门河大桥建成后，这座大桥将连通两岸。", ["石门河大桥"]),
        ("该水库蓄水后，那座小型水库将停用。", []),
        ("此条公路由县里养护。", []),
        # a title, its holder and a verb of announcing end a name read leftwards
        ("省住房城乡建设厅厅长李晓东宣布大桥合龙。", []),
        ("市长王建平宣布隧道贯通。", []),
        # a broad region opens a programme's name after a verb
        ("要用好东部江海新通道，扩大开放。", ["东部江海新通道"]),
        # a port built as a hub, a base of top products, named by their place
        ("钦州市将建设钦州国际中转枢纽港。", ["钦州国际中转枢纽港"]),
        ("日照市要打造日照汽车零部件精品基地。", ["日照汽车零部件精品基地"]),
        # a city or county before a river's reservoir jieba glued to 河
        ("5月3日，盘州市白石河水库开工建设。", ["盘州市白石河水库"]),
        # improvements joined by 与 before 工程 belong to the facility's works
        (
            "宁夏唐徕渠灌区续建配套与节水改造工程开工。",
            ["宁夏唐徕渠灌区续建配套与节水改造工程"],
        ),
        # two abbreviations, one of a city the text names, one of the only city it opens
        ("忻州市长到太忻科技合作区调研。", ["太忻科技合作区"]),
        ("两地共建南北合作园区。", []),  # 南北 is a word, though 北 opens 北海 alone
    ],
)
def test_names_after_demonstratives_titles_regions_and_rivers(
    text: str, expected: list[str]
) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # four characters, a numeral among them, beside a place the text names
        ("达州市加快推进遂南达万高铁前期工作。", {("遂南达万高铁", "达州市")}),
        ("十堰市开工建设襄十高铁。", {("襄十高铁", "十堰市")}),
        # a one-character abbreviation before a district's name: three places, not the
        # district (巴南 is found inside the name only)
        ("宜昌市要推动宜巴南铁路建设。", {("宜巴南铁路", "宜昌市")}),
    ],
)
def test_lines_of_unspelled_abbreviations_with_numerals_and_districts(
    text: str, expected: set[tuple[str, str]]
) -> None:
    relations, _ = _relations(text)
    assert [m.text for m in _mentions(text)] == sorted({line for line, _ in expected})
    assert _connects(relations) == expected


def _graph_connects(text: str) -> set[tuple[str, str]]:
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    labels = {e.iri: e.label for e in result.entities}
    return {
        (r.subject.text, labels.get(result.iri_of.get(r.object, ""), r.object.name))
        for r in result.relations
        if r.kind == "connects"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bridge's ends: its abbreviations before the river, 北起 … 南接 …
        (
            "马芜长江大桥建成通车，马鞍山市和芜湖市市民出行更便捷。",
            {("马芜长江大桥", "马鞍山市"), ("马芜长江大桥", "芜湖市")},
        ),
        (
            "湘江特大桥北起开福区，南接岳麓区，全长2公里。",
            {("湘江特大桥", "开福区"), ("湘江特大桥", "岳麓区")},
        ),
        # 这座大桥 opening a later sentence; a capital after its state is the end
        (
            "湘江特大桥今天通车。这座大桥连接岳麓区与开福区。",
            {("湘江特大桥", "岳麓区"), ("湘江特大桥", "开福区")},
        ),
        (
            "湘江特大桥今天通车。这座大桥连接鄂州市与湖北省省会武汉市。",
            {("湘江特大桥", "鄂州市"), ("湘江特大桥", "武汉市")},
        ),
        # not a bridge's sprawl: 沿线 is the road's
        ("湘江特大桥今天通车，沿线岳麓区群众出行更方便。", set()),
        # a project the route starts at is no next topic: the route goes on after it
        (
            "眉乐城际铁路开工。该线路东起东部新区，经眉山市，南至乐山市。",
            {("眉乐城际铁路", "眉山市"), ("眉乐城际铁路", "乐山市")},
        ),
        # a line's section in a county; the place a station is set in
        ("他来到京雄城际铁路固安县段施工现场。", {("京雄城际铁路", "固安县")}),
        (
            "温福铁路将在罗源县设罗源站。",
            {("温福铁路", "罗源县"), ("温福铁路", "罗源站")},
        ),
        # a trip the line shortens, not its route
        ("宁杭高铁开通后，湖州市至德清县最快半小时可达。", set()),
    ],
)
def test_connects_of_bridges_sections_and_station_places(
    text: str, expected: set[tuple[str, str]]
) -> None:
    assert _graph_connects(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "开福区湘江大桥今天维修。",  # the district the bridge is in, no end of it
        "清水河大桥今天维修。",  # a river, though a county has the name
    ],
)
def test_a_place_inside_a_bridge_name_is_no_end(text: str) -> None:
    assert _graph_connects(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # integrated works, converter lines, pumping works, hubs and two-use bridges
        # named by their place or a proper name; a capacity inside the name
        ("宜宾市城乡供水一体化工程年底通水。", ["宜宾市城乡供水一体化工程"]),
        ("玉门市200万千瓦风光储一体化项目开工。", ["玉门市200万千瓦风光储一体化项目"]),
        ("惠州炼化一体化项目二期投产。", ["惠州炼化一体化项目"]),
        ("宁湘特高压直流工程全线贯通。", ["宁湘特高压直流工程"]),
        ("固海扬水工程泵站完成改造。", ["固海扬水工程"]),
        ("西安国际物流核心枢纽加快建设。", ["西安国际物流核心枢纽"]),
        ("宜宾金沙江公铁两用大桥合龙。", ["宜宾金沙江公铁两用大桥"]),
        ("沭河入海水道建设加快。", ["沭河入海水道"]),
        ("长江二桥通车以来车流量大增。", ["长江二桥"]),  # a second bridge, by its river
        # a port's works: a phase of a port area or terminal is its own work, and a
        # numbered terminal inside a port area is the area's
        ("湛江港霞山港区三期工程开工。", ["湛江港霞山港区三期工程"]),
        ("营口港二期项目顺利推进。", ["营口港二期项目"]),  # a city's port, its phase
        ("营口港吞吐量稳步增长。", []),
        (
            "营口港仙人岛港区15号通用码头扩建工程完工。",
            ["营口港仙人岛港区15号通用码头扩建工程"],
        ),
        # a facility is a project where it is built, expanded or opened, a place where a
        # route passes, something happens or it is only named
        ("加快南阳姜营机场迁建。", ["南阳姜营机场"]),
        ("洛阳北郊机场二期扩建有序推进。", ["洛阳北郊机场"]),
        # a phase before the works stops the suffix's reading: the facility's role reads it
        ("衡阳南岳机场三期改扩建项目年内开工。", ["衡阳南岳机场三期改扩建项目"]),
        ("宜昌三峡机场二期扩建工程完成招标。", ["宜昌三峡机场二期扩建工程"]),
        ("旅客从南阳姜营机场出发前往北京。", []),
        ("在宜宾南站改扩建现场，他察看了进度。", []),
        ("打通霞山港区与铁路专用线的连接。", []),
        ("游客从崂山太清码头乘船出海。", []),
        # lines: a first abbreviation whose place the text spells without a code (集 of
        # 集宁), a preposition jieba glued to the abbreviations (经|京沪), a line jieba
        # knows as one word (宝成铁路); 电气化铁路 is a kind
        ("集大原高铁经过大同市和原平市，起点在集宁。", ["集大原高铁"]),
        ("货物经京沪铁路运往上海。", ["京沪铁路"]),
        ("宝成铁路穿越秦岭。", ["宝成铁路"]),
        ("电气化铁路里程增加。", []),
        # a branch's one-character name in brackets inside a line's name
        ("雄商高铁是京港（台）高铁的重要组成部分。", ["雄商高铁", "京港（台）高铁"]),
        ("京沪（蓉）高速贯通。", ["京沪（蓉）高速"]),
        # the renewal of a quarter named by its site
        ("推进洛阳古城片区城市更新项目。", ["洛阳古城片区城市更新项目"]),
        ("全市城市更新项目进展顺利。", []),
        # heads of a themed town, a store of reserves, a launch site and a pumping works,
        # named by their place; without one they are kinds
        ("安吉竹林康养小镇一期开园。", ["安吉竹林康养小镇"]),
        ("全省特色小镇建设加快。", []),
        ("果洛州应急物资储备库建成投用。", ["果洛州应急物资储备库"]),
        ("这座粮食储备库年底完工。", []),
        ("酒泉商业航天发射场首次发射成功。", ["酒泉商业航天发射场"]),
        ("靖远川电力提灌工程完成改造。", ["靖远川电力提灌工程"]),
    ],
)
def test_works_facilities_by_role_and_lines(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


def _with_divisions(text: str) -> list[str]:
    result = Pipeline(["divisions", "projects"])(Document(id="d", text=text, source="d"))
    return [m.text for m in result.mentions if m.type == "Project"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # heads of works and areas named by their place or site; alone they are kinds
        ("加快宿迁二线船闸建设。", ["宿迁二线船闸"]),  # a lock's line belongs to its name
        ("船只排队通过船闸。", []),
        ("县里建设白鹭洲文旅综合体。", ["白鹭洲文旅综合体"]),
        ("要打造一批文旅综合体。", []),
        ("游客来到云雾山森林度假区。", ["云雾山森林度假区"]),
        ("大力发展旅游度假区。", []),
        ("推进梅园设计小镇建设。", ["梅园设计小镇"]),
        ("为南阳城市副中心建设添彩。", ["南阳城市副中心"]),
        ("打造区域城市副中心。", []),
        ("黄浦江数字经济港签约企业20家。", ["黄浦江数字经济港"]),
        ("规划建设数字经济港。", []),
        ("推进凤凰岭片区开发。", ["凤凰岭片区开发"]),
        ("推进片区开发。", []),
        # an irrigation district's canal; a canal with no district names nothing
        ("青山灌区东干渠完成衬砌。", ["青山灌区东干渠"]),
        ("今年新修干渠20公里。", []),
        # the works a facility is built with, joined by 及
        ("推进龙潭水库及配套供水工程建设。", ["龙潭水库及配套供水工程"]),
    ],
)
def test_heads_locks_canals_and_joined_works(text: str, expected: list[str]) -> None:
    assert [m.text for m in _mentions(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a site named like a facility, then a capacity or tonnage: the site of the work
        ("敦煌市西大桥30万千瓦光伏电站开工。", ["敦煌市西大桥30万千瓦光伏电站"]),
        ("玉门市南大桥20万千瓦风电场并网。", ["玉门市南大桥20万千瓦风电场"]),
        ("唐山港综合港区25万吨级航道工程开工。", ["唐山港综合港区25万吨级航道工程"]),
        ("宁海抽水蓄能电站140万千瓦机组投产。", ["宁海抽水蓄能电站"]),
        # a route by its two ends before 城际快速通道, the second end a county-level city
        ("建设南宁至宾阳城际快速通道。", ["南宁至宾阳城际快速通道"]),
        ("开通城际快速通道。", []),
        # a county the text names with its level, later shortened, opens a facility's name
        (
            "和平县召开会议，要求加快和平岑峰抽水蓄能电站建设。",
            ["和平岑峰抽水蓄能电站"],
        ),
        ("会议要求加快和平岑峰抽水蓄能电站建设。", ["岑峰抽水蓄能电站"]),  # 和平: a word
        # a phase of a port named by its city and its own name
        ("推进宿迁新港二期工程。", ["宿迁新港二期工程"]),
        ("要求加快和新港三期工程。", []),
    ],
)
def test_sites_before_capacities_routes_and_short_county_names(
    text: str, expected: list[str]
) -> None:
    assert _with_divisions(text) == expected


def test_a_line_named_again_by_its_kind_after_a_list_of_projects() -> None:
    # 该高速 opening a sentence after a list: the expressway's route, not the park's
    text = (
        "同批开工的有灌云至东海高速公路和连云港经济技术开发区新材料产业园。"
        "该高速东起灌云县伊山镇，西至东海县，全长69公里。"
    )
    relations, _ = _relations(text, places=True)
    assert ("灌云至东海高速公路", "伊山镇") in _connects(relations)
    # where another expressway was named between, 该高速 is not known to be the first
    text = text.replace("连云港经济技术开发区新材料产业园", "连云港至宿迁高速公路")
    relations, _ = _relations(text, places=True)
    assert ("灌云至东海高速公路", "伊山镇") not in _connects(relations)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("干渠起于五常市境内的磨盘山水库，止于双城区。", "Place"),
        ("工程自南谷洞水库引水，经隧洞补入总干渠。", "Place"),
        ("线路经密云水库北岸，东至兴隆县。", "Place"),
        ("盘州市石脑河水库下闸蓄水。", "Project"),
        # a reservoir a tour stops at
        ("在龟石水库，他察看了生态隔离带。", "Place"),
    ],
)
def test_a_reservoir_is_a_place_where_a_route_or_site_is(text: str, type_: str) -> None:
    found = [m for m in Pipeline()(Document(id="d", text=text, source="d")).mentions]
    reservoirs = [m for m in found if m.text.endswith("水库") and m.type in ("Place", "Project")]
    assert [m.type for m in reservoirs] == [type_]
    assert not reservoirs[0].text.startswith("自")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # works on a line follow the line's route
        (
            "斋清公路改建工程开工。线路西起门头沟区斋堂镇，东至清水镇。",
            {
                ("斋清公路改建工程", "门头沟区"),
                ("斋清公路改建工程", "斋堂镇"),
                ("斋清公路改建工程", "清水镇"),
            },
        ),
        # a bridge's ends after 西接 … 东连, and after 这座大桥 in the next clause
        (
            "青神岷江大桥顺利合龙。大桥横跨岷江，西接青神县汉阳镇，东连东坡区。",
            {
                ("青神岷江大桥", "青神县"),
                ("青神岷江大桥", "汉阳镇"),
                ("青神岷江大桥", "东坡区"),
            },
        ),
        (
            "他察看了龙溪长江大桥，这座大桥连接龙都街道和陈家坝街道。",
            {("龙溪长江大桥", "龙都街道"), ("龙溪长江大桥", "陈家坝街道")},
        ),
        # a water works named by the abbreviations of the two cities the text names
        (
            "开工从延安向榆林南部县区供水的延榆供水工程。",
            {("延榆供水工程", "延安市"), ("延榆供水工程", "榆林市")},
        ),
        # a name's end that the route writes in full is written once, in full
        (
            "木鱼至红坪旅游公路改建工程开工。线路南起木鱼镇，北至红坪镇。",
            {
                ("木鱼至红坪旅游公路改建工程", "木鱼镇"),
                ("木鱼至红坪旅游公路改建工程", "红坪镇"),
            },
        ),
    ],
)
def test_connects_of_works_on_a_line(text: str, expected: set[tuple[str, str]]) -> None:
    result = Pipeline()(Document(id="d", text=text, source="d"))
    assert _connects(list(result.relations)) == expected


def test_a_short_name_given_to_a_line_is_the_same_project() -> None:
    text = "桃江至安化高速公路全线贯通。这条高速简称“桃安高速”，东起桃江县，西至安化县。"
    result = Pipeline()(Document(id="d", text=text, source="d"))
    lines = [e for e in result.entities if e.type == "Project"]
    assert [e.label for e in lines] == ["桃江至安化高速公路"]
    assert {m.text for m in lines[0].mentions} == {"桃江至安化高速公路", "桃安高速"}
    assert _connects(list(result.relations)) >= {
        ("桃江至安化高速公路", "桃江县"),
        ("桃江至安化高速公路", "安化县"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a structure named right after 控制性工程 is named by every character before its kind
        ("控制性工程石月亮隧道已掘进4.2公里。", ["石月亮隧道"]),
        ("全线控制性工程九盘山隧道长7.8公里。", ["九盘山隧道"]),
        # a count or a verb after the phrase names nothing
        ("控制性工程两座特大桥已合龙。", []),
        ("重点工程建设隧道", []),
    ],
)
def test_a_structure_named_after_its_key_works_phrase(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # improvement works on a scenic area or park are named by every word before its kind
        ("会议要求加快钟祥明显陵景区提升工程。", ["钟祥明显陵景区提升工程"]),
        ("他察看了鄯善库木塔格沙漠景区提升工程。", ["鄯善库木塔格沙漠景区提升工程"]),
        ("他了解了贵德国家地质公园旅游提升工程进展。", ["贵德国家地质公园旅游提升工程"]),
        # common words only name a kind of site
        ("推进乡村旅游景区提升工程。", []),
    ],
)
def test_works_on_a_site_are_named_by_it(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quoted product brand holds no project's kind
        ("韦海鹏还听取了“富川脐橙”产业发展情况汇报。", []),
        # verbs of signing and setting up, and counts, end a name read leftwards
        ("某集团与南靖县文旅局签订云水谣古镇提升工程合作协议。", ["云水谣古镇提升工程"]),
        ("提出在温泉镇新建一处人才公寓集群。", []),
        ("全长47公里，设聂都隧道和章江特大桥等控制性工程。", ["聂都隧道", "章江特大桥"]),
    ],
)
def test_brands_verbs_and_counts_are_no_part_of_a_name(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a route's first end jieba glued to 至 (大余至|崇义, 乃|东至|桑日) still opens its name
        ("大余至崇义高速公路全长47公里。", ["大余至崇义高速公路"]),
        ("乃东至桑日公路改建工程西起乃东区，东至桑日县。", ["乃东至桑日公路改建工程"]),
    ],
)
def test_a_route_whose_end_jieba_glued_to_its_verb(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a river's section in a county, and a work's 建设工程
        ("以京杭大运河阳谷段保护提升工程为抓手。", ["京杭大运河阳谷段保护提升工程"]),
        ("同时开工的有汉江安康段生态廊道建设工程。", ["汉江安康段生态廊道建设工程"]),
    ],
)
def test_a_rivers_section_in_a_county(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


def test_a_dam_climbed_on_a_tour_is_a_place() -> None:
    found = Pipeline()(
        Document(id="d", text="他还登上三盛公水利枢纽拦河闸，听取调度汇报。", source="d")
    )
    assert [(m.text, m.type) for m in found.named_mentions] == [("三盛公水利枢纽", "Place")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a modal and its verb end a zone's name read leftwards; the bare kind is no name
        ("符永强指出，保亭县要用好自贸港政策。", []),
        ("推进海南自贸港建设。", ["海南自贸港"]),
    ],
)
def test_modal_verbs_and_bare_kinds_of_zone(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the county before a route of its towns is no part of the route's name
        ("海原县海城至李旺公路改建工程建成通车。", ["海城至李旺公路改建工程"]),
        # ... but a pair of countries before a dash joins it
        ("推进中蒙二连浩特—扎门乌德经济合作区建设。", ["中蒙二连浩特—扎门乌德经济合作区"]),
    ],
)
def test_a_route_opens_at_its_first_end(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


def test_a_capacity_is_no_projects_name() -> None:
    assert _pipeline_projects("该公司年产2万吨高纯石英砂项目位于园区。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a route between two towns the document names with their kind
        (
            "他来到马站镇，了解灵溪至马站快速路建设情况。该路北起灵溪镇。",
            ["灵溪至马站快速路"],
        ),
        # a count of counties opens no route
        ("地区还将启动两县至边境口岸公路的改造。", []),
    ],
)
def test_routes_between_towns_and_counts(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the tagger's route opens at its first end, not at the county before it
        ("泰顺县罗阳至司前公路改建工程建成通车。", ["罗阳至司前公路改建工程"]),
        # energy projects named by their site
        ("他察看了石岛湾核电项目建设进展。", ["石岛湾核电项目"]),
    ],
)
def test_tagged_routes_and_energy_projects(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first character jieba cut off as a word of its own is the name's
        ("副市长通报，姑孰长江公路大桥主塔已封顶。", ["姑孰长江公路大桥"]),
        ("要加快西彭铝产业园扩能升级。", ["西彭铝产业园"]),
        # ... not a verb before a name a division opens
        ("项目建成后可供达拉特旗绿氢制储加一体化项目使用。", ["达拉特旗绿氢制储加一体化项目"]),
    ],
)
def test_a_first_character_cut_off(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a route between towns jieba cut in pieces, named with their kind elsewhere
        (
            "云霄县云陵至莆美公路改建工程完工通车。该路起于云陵镇，止于莆美镇。",
            ["云陵至莆美公路改建工程"],
        ),
        (
            "旗下营至集宁220千伏送出线路起于旗下营镇升压站。",
            ["旗下营至集宁220千伏送出线路"],
        ),
        # a negation ends a name read leftwards
        ("建成后将结束子洲县不通高速公路的历史。", []),
    ],
)
def test_routes_between_cut_towns_and_negations(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an energy project named by its capacity, and by the site before it, which the
        # document names as a town
        ("苏尼特右旗30万千瓦风电项目实现全容量并网。", ["苏尼特右旗30万千瓦风电项目"]),
        (
            "伊吾县淖毛湖100万千瓦风电项目位于淖毛湖镇，年底全容量并网。",
            ["伊吾县淖毛湖100万千瓦风电项目"],
        ),
        # ... not a wind project of no name
        ("全省今年并网的首个海上风电项目已经投运。", []),
        # a division's farmland works of a year
        ("要加快推进镇原县2026年高标准农田建设项目。", ["镇原县2026年高标准农田建设项目"]),
        # ... not the works of towns listed, nor a count of a kind
        ("会议审议了2026年柳林镇、枣园镇高标准农田建设项目实施方案。", []),
        ("全县今年还将新建三条通景公路。", []),
        # an improvement jieba joined to 工程 after a line named by abbreviations
        ("连接新集镇和马店镇的新马公路改建工程建成通车。", ["新马公路改建工程"]),
    ],
)
def test_capacities_farmland_works_counts_and_joined_improvements(
    text: str, expected: list[str]
) -> None:
    assert _pipeline_projects(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a road's grade between its ends and its kind, and its works
        ("新开工的清河至临西一级公路改建工程全长26公里。", ["清河至临西一级公路改建工程"]),
        # an industrial district named by its county
        ("要加快馆陶工业区扩区提质。", ["馆陶工业区"]),
        # what a bridge crosses describes it; no name
        ("这是全市今年首座建成的跨江大桥。", []),
        # a grade alone names no road
        ("该路按二级公路标准建设，由三级公路提升为二级公路。", []),
    ],
)
def test_graded_roads_industrial_districts_and_crossings(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


def test_a_count_of_a_lists_kinds_is_no_programme() -> None:
    assert _pipeline_projects("要聚焦光伏组件、储能电池两大产业集群精准招商。") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("阳朔县兴坪至福利快速通道", 3),  # the county, then the route from its first end
        ("巴林右旗至赤峰500千伏输变电工程", 0),  # the county is the route's first end
        ("庆元县城市防洪提升工程", 0),  # no route
    ],
)
def test_county_before_route(name: str, expected: int) -> None:
    from kg.extractors.projects import county_before_route

    assert county_before_route(name) == expected


def test_a_reservoir_that_is_a_works_water_source_is_a_place() -> None:
    text = "工程以巴家嘴水库为水源，新建净水厂1座。"
    result = Pipeline()(Document(id="d", text=text, source="d"))
    assert [(m.text, m.type) for m in result.mentions if m.text.endswith("水库")] == [
        ("巴家嘴水库", "Place")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town written bare before a park's words, with its kind elsewhere in the text
        ("在平安镇，他察看了平安农产品加工产业园。", ["平安农产品加工产业园"]),
        # a route's first end: the longest town the document names (石包城乡), not 包城
        (
            "配套建设的石包城至党城湾330千伏送出线路工程起于石包城乡升压站。",
            ["石包城至党城湾330千伏送出线路工程"],
        ),
    ],
)
def test_towns_written_bare_in_works_names(text: str, expected: list[str]) -> None:
    assert _pipeline_projects(text) == expected


def test_a_towns_substation_and_a_routes_verb_name_nothing() -> None:
    text = "线路起于风电场升压站，止于沙河镇330千伏变电站，全长31公里。"
    result = Pipeline()(Document(id="d", text=text, source="d"))
    assert [(m.text, m.type) for m in result.named_mentions] == [("沙河镇", "Place")]
