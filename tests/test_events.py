from __future__ import annotations

import time
from collections.abc import Iterable

import pytest

from kg.documents import document
from kg.extractors import get
from kg.extractors.events import event_relations, events
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Document, Mention, Relation
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline
from kg.resolve import merge_mentions


def _analysis(text: str, doc_id: str = "d", date: str | None = None) -> Analysis:
    doc = Document(id=doc_id, text=text, source=doc_id, date=date)
    return Pipeline(["events"]).analyse(doc)


def _names(text: str) -> list[str]:
    return [m.text for m in events(_analysis(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a jurisdiction, a year, an ordinal or an organ makes a name
        ("5月8日，全县安全生产工作会议在县委礼堂召开。", ["全县安全生产工作会议"]),
        ("市政府第十二次常务会议研究部署防汛工作。", ["市政府第十二次常务会议"]),
        ("2023年全省文旅产业招商推介会在郑州举行。", ["2023年全省文旅产业招商推介会"]),
        ("第五届黄河文化艺术节在开封市开幕。", ["第五届黄河文化艺术节"]),
        ("中共沁阳市委十四届三次全会召开。", ["中共沁阳市委十四届三次全会"]),
        ("温县第十七届人民代表大会第二次会议隆重开幕。", ["温县第十七届人民代表大会第二次会议"]),
        ("全市秋粮收购暨安全储粮推进会召开。", ["全市秋粮收购暨安全储粮推进会"]),
        ("全州春季植树造林现场会在临夏县举行。", ["全州春季植树造林现场会"]),
        ("近日，许昌市召开全市重点项目观摩评比会。", ["全市重点项目观摩评比会"]),
        ("全省自然资源和规划工作会议在郑州召开。", ["全省自然资源和规划工作会议"]),
        ("鹤壁市召开全市“万企兴万村”行动推进会。", ["全市“万企兴万村”行动推进会"]),
        ("省委经济工作会议和全省金融工作会议相继召开。", ["省委经济工作会议", "全省金融工作会议"]),
        ("新乡市与鹤壁市召开新鹤一体化联席会议第二次会议。", ["新鹤一体化联席会议第二次会议"]),
        ("市政府召开第二十三次常务会议。", ["第二十三次常务会议"]),
        ("党的十九届四中全会作出决定。", ["十九届四中全会"]),
        ("市十二届人大三次会议开幕。", ["市十二届人大三次会议"]),
        ("在１９９７年举行的第六十八届世界锦标赛上夺冠。", ["第六十八届世界锦标赛"]),
        # a dateline is no part of a name
        (
            "新华社西宁一月十七日电青海省第九届人民代表大会第一次会议今天开幕。",
            ["青海省第九届人民代表大会第一次会议"],
        ),
        # a ceremony of a named event is that event
        ("第三届怀药文化节开幕式在武陟县举行。", ["第三届怀药文化节"]),
        # kinds of events, not names
        ("双方举行了签约仪式和座谈会。", []),
        ("会议强调，要抓好座谈会精神的落实。", []),
        ("市直各单位要严格控制各类会议和庆典活动。", []),
        ("全县开展全民健身活动，群众参与热情高涨。", []),
        ("决定下月在郑州举行第一次会议。", []),
        ("会议室里摆放着鲜花。", []),
        ("县第十七届人民代表大会常务委员会依法履职。", []),
        ("张华走进会议大厅。", []),
        ("省中医药研究会召开理事会。", []),
        ("总政治部要求全军深入开展学雷锋活动。", []),
        ("桑普电器杯万人登山活动报名开始。", []),
        ("鼎城一中注重教研活动。", []),
        ("This text has no Chinese at all.", []),
    ],
)
def test_event_names(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_a_latin_name_in_brackets_is_the_same_event() -> None:
    text = "2025中国（郑州）国际物流博览会（China Logistics Expo 2025）在郑州开幕。"
    found = list(events(_analysis(text)))
    assert [m.text for m in found] == [
        "2025中国（郑州）国际物流博览会",
        "China Logistics Expo 2025",
    ]
    assert found[1].key == found[0].text and found[1].scope == found[0].scope


@pytest.mark.parametrize(
    ("text", "scoped"),
    [
        ("全市水资源管理工作会议召开。", True),  # held in every city, every year
        ("市政府第八次常务会议召开。", True),  # 市 stands for the document's city
        ("中共沁阳市委十四届三次全会召开。", False),  # one event, whatever the document
        ("2024年中原经济区合作论坛在郑州开幕。", False),
    ],
)
def test_scope_keeps_generic_names_apart(text: str, scoped: bool) -> None:
    (m,) = events(_analysis(text, doc_id="doc-7"))
    assert (m.scope == "doc-7") is scoped


def test_meetings_are_typed() -> None:
    (m,) = events(_analysis("全市防汛工作会议召开。"))
    assert m.subtype == "Meeting"
    (f,) = events(_analysis("第五届黄河文化艺术节开幕。"))
    assert f.subtype is None


# --------------------------------------------------------------------- relations


def _relations(
    text: str,
    people: Iterable[str] = (),
    orgs: Iterable[str] = (),
    places: Iterable[str] = (),
    date: str | None = None,
) -> tuple[list[Relation], list[Mention]]:
    """Relations read over hand-made person, organisation and place mentions."""
    analysis = _analysis(text, date=date)
    doc = analysis.doc
    found = list(events(analysis))
    for names, type_ in ((people, PERSON), (orgs, ORGANIZATION), (places, PLACE)):
        for name in names:
            at = text.find(name)
            while at >= 0:
                found.append(Mention.span(doc, at, at + len(name), type_, "test"))
                at = text.find(name, at + len(name))
    analysis = analysis.with_(mentions=merge_mentions(found, ["events", "test"]))
    out = list(event_relations(analysis))
    return [r for r in out if isinstance(r, Relation)], [m for m in out if isinstance(m, Mention)]


def _triples(relations: Iterable[Relation]) -> set[tuple[str, str, str]]:
    return {(r.kind, r.subject.text, r.object.name) for r in relations}


MEETING = "6月3日，全市招商引资工作推进会在沁阳召开。"
EVENT = "全市招商引资工作推进会"


@pytest.mark.parametrize(
    ("text", "people", "orgs", "places", "expected"),
    [
        # a speaker, named or as 他; who speaks is not also listed as attending
        (
            MEETING + "副市长周立军出席会议并讲话。周立军强调，要盯紧重点项目。",
            ["周立军"],
            [],
            [],
            {("spoke_at", "周立军", EVENT)},
        ),
        (
            MEETING + "市长吴海涛出席会议。他要求，各地要优化营商环境。",
            ["吴海涛"],
            [],
            [],
            {("spoke_at", "吴海涛", EVENT)},
        ),
        (
            MEETING + "副市长周立军作关于上半年全市经济运行情况的报告。",
            ["周立军"],
            [],
            [],
            {("spoke_at", "周立军", EVENT)},
        ),
        (
            MEETING + "副市长周立军致欢迎辞。",
            ["周立军"],
            [],
            [],
            {("spoke_at", "周立军", EVENT)},
        ),
        # units whose people make the typical speeches
        (
            MEETING + "孟州市、市商务局的负责同志分别作典型发言。",
            [],
            ["市商务局"],
            ["孟州市"],
            {("spoke_at", "孟州市", EVENT), ("spoke_at", "市商务局", EVENT)},
        ),
        (
            MEETING + "博爱县负责同志和张红梅先后作交流发言。",
            ["张红梅"],
            [],
            ["博爱县"],
            {("spoke_at", "博爱县", EVENT), ("spoke_at", "张红梅", EVENT)},
        ),
        (
            MEETING + "市发展改革委负责同志通报了上半年项目建设情况。",
            [],
            ["市发展改革委"],
            [],
            {("spoke_at", "市发展改革委", EVENT)},
        ),
        # attendance: people, and units listed by their leaders' titles
        (
            MEETING + "市委常委、副市长李红梅出席会议。",
            ["李红梅"],
            ["市委"],
            [],
            {("attended", "李红梅", EVENT)},
        ),
        (
            MEETING + "市人大常委会副主任、市政协副主席出席会议。",
            [],
            ["市人大常委会", "市政协"],
            [],
            {("attended", "市人大常委会", EVENT), ("attended", "市政协", EVENT)},
        ),
        (
            MEETING + "出席会议的还有：市人大常委会副主任；市政协副主席；各县（市、区）长。",
            [],
            ["市人大常委会", "市政协"],
            [],
            {("attended", "市人大常委会", EVENT), ("attended", "市政协", EVENT)},
        ),
        (
            MEETING + "市长吴海涛主持会议。",
            ["吴海涛"],
            [],
            [],
            {("attended", "吴海涛", EVENT)},
        ),
        # a place alone does not attend; a quoted source does not speak
        (MEETING + "1998年，她去北京参加会议。", [], [], ["北京"], set()),
        (
            MEETING + "据市商务局局长吴海涛介绍，今年引进项目30个。",
            ["吴海涛"],
            ["市商务局"],
            [],
            set(),
        ),
        # who acts at the event attended it
        (
            MEETING + "会上，市商务局与市财政局签订合作协议。",
            [],
            ["市商务局", "市财政局"],
            [],
            {("attended", "市商务局", EVENT), ("attended", "市财政局", EVENT)},
        ),
        # commendations, dated by the year they are for
        (
            MEETING + "会议对武陟县、温县等先进县进行表彰。",
            [],
            [],
            ["武陟县", "温县"],
            {("commended_at", "武陟县", EVENT), ("commended_at", "温县", EVENT)},
        ),
        (
            MEETING + "会议表彰了2024年度先进单位，博爱县、市商务局受到表彰。",
            [],
            ["市商务局"],
            ["博爱县"],
            {("commended_at", "博爱县", EVENT), ("commended_at", "市商务局", EVENT)},
        ),
        # a division inside a category is not commended
        (
            MEETING + "会议对2024年度焦作市十佳项目先进单位进行表彰。",
            [],
            [],
            ["焦作市"],
            set(),
        ),
        # no named event, no relations
        ("副市长周立军在签约仪式上讲话。", ["周立军"], [], [], set()),
        # a speech as a thing, a relative clause, another (unnamed) ceremony
        (
            MEETING + "与会人员学习了周立军同志的重要讲话。",
            ["周立军"],
            [],
            [],
            set(),
        ),
        (
            MEETING + "市长吴海涛会见了出席全市招商引资工作推进会的代表。",
            ["吴海涛"],
            [],
            [],
            set(),
        ),
        (
            MEETING + "市长吴海涛出席了当天的捐赠仪式。",
            ["吴海涛"],
            [],
            [],
            set(),
        ),
        # reporters do not speak at the meeting
        (
            MEETING + "（记者王晓）会议强调，要抓好项目。",
            ["王晓"],
            [],
            [],
            set(),
        ),
    ],
)
def test_event_relations(
    text: str,
    people: list[str],
    orgs: list[str],
    places: list[str],
    expected: set[tuple[str, str, str]],
) -> None:
    relations, _ = _relations(text, people, orgs, places)
    assert _triples(relations) == expected


def test_commendation_is_dated_by_its_year_and_speech_by_the_event() -> None:
    text = MEETING + "会议对2024年度先进单位进行表彰，温县受到表彰。周立军讲话。"
    relations, _ = _relations(text, ["周立军"], [], ["温县"], date="2025-06-04")
    dates = {r.kind: r.date for r in relations}
    assert dates == {"commended_at": "2024", "spoke_at": "2025-06-03"}


def test_cited_events_are_not_the_reported_one() -> None:
    text = MEETING + "周立军要求，认真贯彻落实全省经济工作会议精神。"
    relations, _ = _relations(text, ["周立军"])
    assert _triples(relations) == {("spoke_at", "周立军", EVENT)}


def test_speaker_at_a_named_event_in_the_sentence() -> None:
    text = MEETING + "市长吴海涛在全省经济工作会议上作表态发言。"
    relations, _ = _relations(text, ["吴海涛"])
    assert _triples(relations) == {("spoke_at", "吴海涛", "全省经济工作会议")}


def test_bare_words_for_the_event_become_its_mentions() -> None:
    text = MEETING + "副市长周立军出席会议并讲话。此次会议为期一天。"
    relations, extra = _relations(text, ["周立军"])
    bare = sorted((m.start, m.text, m.key, m.scope) for m in extra)
    assert [b[1:] for b in bare] == [("会议", EVENT, "d"), ("会议", EVENT, "d")]
    (speech,) = relations
    assert speech.object.text == "会议" and speech.object.key == EVENT


def test_an_unnamed_event_the_document_reports_is_one_event() -> None:
    text = (
        "各级各部门要以此次观摩评比活动为起点，扎实推进项目建设。"
        "副市长周立军强调，要盯紧重点项目。出席会议的还有：市政协副主席。"
    )
    relations, extra = _relations(text, ["周立军"], ["市政协"], date="2025-04-02")
    assert {(m.text, m.key, m.scope) for m in extra} == {
        ("观摩评比活动", "观摩评比活动", "d"),
        ("会议", "观摩评比活动", "d"),
    }
    assert _triples(relations) == {
        ("spoke_at", "周立军", "观摩评比活动"),
        ("attended", "市政协", "观摩评比活动"),
    }
    assert {r.date for r in relations} == {"2025-04-02"}


def test_registered_as_two_stages() -> None:
    assert get("events").stage == "mentions"
    info = get("event-relations")
    assert info.stage == "relations" and "Event" in info.produces


def test_offsets_survive_characters_outside_the_bmp() -> None:
    text = "𠀀𠀁全市𠀂防汛工作会议召开。全县安全生产工作会议召开。"
    found = list(events(_analysis(text)))
    assert [m.text for m in found] == ["全市𠀂防汛工作会议", "全县安全生产工作会议"]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_a_long_line_without_punctuation_stays_fast() -> None:
    text = "全市防汛工作会议召开出席讲话强调表彰温县" * 5000  # 100,000 characters
    pipeline = Pipeline(["events", "event-relations"])
    started = time.perf_counter()
    result = pipeline(Document(id="long", text=text, source="long"))
    assert time.perf_counter() - started < 20
    assert all(text[m.start : m.end] == m.text for m in result.mentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a longer head that ends where a shorter one begins: 部署|会议, not 部署会|议
        ("6月18日，通化市防汛抗旱工作部署会议召开。", ["通化市防汛抗旱工作部署会议"]),
        ("全县森林防火工作部署会召开。", ["全县森林防火工作部署会"]),
        # 首届 is an ordinal; 第|36|次 written with digits
        ("首届黄河流域生态保护高峰论坛在济南举行。", ["首届黄河流域生态保护高峰论坛"]),
        ("市政府召开第36次常务会议。", ["第36次常务会议"]),
        # two places joined by a dash
        ("第三届中国—中亚合作论坛在乌鲁木齐开幕。", ["第三届中国—中亚合作论坛"]),
        # more meeting heads, weeks and months of activities
        ("全市基层党建工作述职评议会召开。", ["全市基层党建工作述职评议会"]),
        ("全省政策宣讲会在西宁举行。", ["全省政策宣讲会"]),
        ("2024年全省安全生产宣传月启动。", ["2024年全省安全生产宣传月"]),
        ("第七届进博会在上海开幕。", ["第七届进博会"]),
        # names this grammar already read, kept
        ("第八届丝绸之路国际博览会暨中国东西部合作与投资贸易洽谈会在西安开幕。",
         ["第八届丝绸之路国际博览会暨中国东西部合作与投资贸易洽谈会"]),
        ("政协漯河市第九届委员会第四次会议开幕。", ["政协漯河市第九届委员会第四次会议"]),
        ("中共大连市金州区委十四届五次全会召开。", ["中共大连市金州区委十四届五次全会"]),
        ("全县脱贫攻坚总结表彰暨乡村振兴推进大会召开。",
         ["全县脱贫攻坚总结表彰暨乡村振兴推进大会"]),
        ("毕节市举行2024年第一季度重大项目集中开工仪式。", ["2024年第一季度重大项目集中开工仪式"]),
        # kinds, not names
        ("阜阳市与上海市举行产业合作项目签约仪式。", []),
        ("会议要求，各地要认真做好部署会议精神的传达。", []),
        ("第一次会议研究了有关事项。", []),
        ("他参加了首届毕业生的座谈。", []),
    ],
)  # fmt: skip
def test_more_event_names(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def _pipeline_relations(text: str) -> set[tuple[str, str, str]]:
    """(kind, subject, event) read by the whole default pipeline."""
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    return {
        (r.kind, r.subject.text, r.object.key or r.object.text)
        for r in result.relations
        if r.kind in ("spoke_at", "attended")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 会议由…主持: the chair attends
        (
            "全市防汛抗旱工作会议召开。会议由市委副书记、市长张海涛主持。"
            "市委书记李国庆出席会议并作重要讲话。",
            {
                ("attended", "张海涛", "全市防汛抗旱工作会议"),
                ("spoke_at", "李国庆", "全市防汛抗旱工作会议"),
            },
        ),
        # 作主旨演讲 is a speech; a bare 演讲 or 说明 is not
        (
            "第五届中国（钦州）海洋经济博览会开幕。钦州市委书记黄海峰作主旨演讲。",
            {("spoke_at", "黄海峰", "第五届中国（钦州）海洋经济博览会")},
        ),
        (
            "全县人才工作会议召开。县委书记邓平说明了有关情况。",
            set(),
        ),
        # the end of the main event's name stands for it (出席签约仪式, 在签约仪式上)
        (
            "全区招商引资项目集中签约仪式举行。区委书记韩涛、区长罗斌出席签约仪式。",
            {
                ("attended", "韩涛", "全区招商引资项目集中签约仪式"),
                ("attended", "罗斌", "全区招商引资项目集中签约仪式"),
            },
        ),
        (
            "全区招商引资项目集中签约仪式举行。区委书记韩涛在签约仪式上致辞。",
            {("spoke_at", "韩涛", "全区招商引资项目集中签约仪式")},
        ),
        # another, unnamed ceremony is not the main event
        ("全区招商引资项目集中签约仪式举行。区委书记韩涛在捐赠仪式上致辞。", set()),
        ("全区招商引资项目集中签约仪式举行。区长罗斌出席了公司的揭牌仪式。", set()),
        # 和 joins two phrases of one name when the word after it is a modifier
        (
            "长安区召开全区城中村改造和保障性住房建设推进会。区长韩晓川出席会议并讲话。",
            {("spoke_at", "韩晓川", "全区城中村改造和保障性住房建设推进会")},
        ),
    ],
)
def test_more_event_relations(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pipeline_relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作推进会召开。",
         ["全县巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作推进会"]),
        ("2024年中国·曲靖珠江源文化旅游节开幕。", ["2024年中国·曲靖珠江源文化旅游节"]),
        ("2024中国（钦州）-东盟港口物流合作推介会在雅加达举行。",
         ["2024中国（钦州）-东盟港口物流合作推介会"]),
        ("2024郑开马拉松鸣枪开跑。", ["2024郑开马拉松"]),
        ("全市乡村振兴专题培训班开班。", ["全市乡村振兴专题培训班"]),
        # festivals ending in 节, also where jieba glued 节 to the next word (节|在)
        ("2024年秭归油菜花节在郭家坝镇开幕。", ["2024年秭归油菜花节"]),
        ("第十届中国·临沂樱桃节开幕。", ["第十届中国·临沂樱桃节"]),
        ("第二届象山开渔节隆重举行。", ["第二届象山开渔节"]),
        # holidays and ordinary words ending in 节 are no festivals
        ("2024年春节期间，全市游客量大幅增长。", []),
        ("要抓好各个环节的工作。", []),
        ("2023年国庆节假期，景区接待游客十万人次。", []),
    ],
)  # fmt: skip
def test_joined_names_and_festivals(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_declaring_a_project_open_is_attending() -> None:
    text = "全市重大项目集中开工仪式在孟州市举行。市委书记杨娟宣布项目开工，市长李亚讲话。"
    assert _pipeline_relations(text) == {
        ("attended", "杨娟", "全市重大项目集中开工仪式"),
        ("spoke_at", "李亚", "全市重大项目集中开工仪式"),
    }
    assert _pipeline_relations("全市重大项目集中开工仪式举行。副市长王刚宣布了表彰决定。") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the event the lead names is the main one even when it is not said to be held
        (
            "台州市2024年一季度重大项目集中开工活动主会场设在黄岩区。市长王明远致辞。"
            "活动现场，黄岩区、椒江区负责同志分别介绍了开工项目情况。",
            {
                ("spoke_at", "王明远", "台州市2024年一季度重大项目集中开工活动"),
                ("spoke_at", "黄岩区", "台州市2024年一季度重大项目集中开工活动"),
                ("spoke_at", "椒江区", "台州市2024年一季度重大项目集中开工活动"),
            },
        ),
        # an event named later, not in the lead, is no main event without being held
        ("副市长李强到黄岩区调研。他强调，要办好第三届黄岩蜜橘文化节。", set()),
        # 活动现场 / 论坛期间 open what happened at the event; 甲向乙捐赠: only 甲 acts
        (
            "2024年全州全民阅读活动在共和县启动。活动现场，共和县新华书店向龙羊峡镇捐赠图书。",
            {("attended", "共和县新华书店", "2024年全州全民阅读活动")},
        ),
        (
            "2024中国—东盟港口城市合作论坛在钦州开幕。论坛期间，钦州港务集团与北部湾银行签订协议。",
            {
                ("attended", "钦州港务集团", "2024中国—东盟港口城市合作论坛"),
                ("attended", "北部湾银行", "2024中国—东盟港口城市合作论坛"),
            },
        ),
        # a head whose last character jieba glued to 在 (交流周|在)
        (
            "2024海峡两岸青年创业交流周在厦门开幕。市委常委黄雅琳出席开幕式并致辞。",
            {("spoke_at", "黄雅琳", "2024海峡两岸青年创业交流周")},
        ),
    ],
)
def test_main_event_and_acts_at_it(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pipeline_relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国人民政治协商会议常德市第九届委员会第三次会议开幕。",
         ["中国人民政治协商会议常德市第九届委员会第三次会议"]),
        ("中共临沂市委十三届六次全体（扩大）会议召开。",
         ["中共临沂市委十三届六次全体（扩大）会议"]),
        ("市政府党组（扩大）会议召开。", ["市政府党组（扩大）会议"]),
        ("焦作市第十五届人大常委会第十二次会议召开。", ["焦作市第十五届人大常委会第十二次会议"]),
        ("共青团九江市第十七次代表大会召开。", ["共青团九江市第十七次代表大会"]),
        # a bracket holding something else ends the name
        ("第三次（临时）会议召开。", []),
    ],
)  # fmt: skip
def test_congresses_and_qualified_meetings(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "全市科技大会召开。市长陈刚发表讲话。省科技厅副厅长刘明发表主旨演讲。",
            {("spoke_at", "陈刚", "全市科技大会"), ("spoke_at", "刘明", "全市科技大会")},
        ),
        (
            "全县农业工作会议召开。县农业农村局、城关镇作经验介绍。",
            {
                ("spoke_at", "县农业农村局", "全县农业工作会议"),
                ("spoke_at", "城关镇", "全县农业工作会议"),
            },
        ),
        (
            "全市政法工作会议召开。在主席台就座的还有：市人大常委会副主任、市政协副主席。",
            {
                ("attended", "市人大常委会", "全市政法工作会议"),
                ("attended", "市政协", "全市政法工作会议"),
            },
        ),
        ("全市春耕工作会议召开。会议发表了公报。", set()),
        (
            "全市经济工作会议召开。市发改委主任李明汇报了全年经济运行情况。",
            {("spoke_at", "李明", "全市经济工作会议")},
        ),
    ],
)
def test_delivered_speeches_and_platform_lists(
    text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _pipeline_relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who presents at a promotion attends it, like an exhibitor
        (
            "2024曲靖绿色能源产业招商推介会在昆明举行。推介会上，曲靖市发展和改革委员会作了推介。"
            "云南华能新能源有限公司、曲靖宏源光伏科技有限公司进行了项目推介。",
            {
                ("attended", "曲靖市发展和改革委员会", "2024曲靖绿色能源产业招商推介会"),
                ("attended", "云南华能新能源有限公司", "2024曲靖绿色能源产业招商推介会"),
                ("attended", "曲靖宏源光伏科技有限公司", "2024曲靖绿色能源产业招商推介会"),
            },
        ),
        # the name of the event and a product promoted are no presenters
        ("2024曲靖绿色能源产业招商推介会在昆明举行。会议推介了一批重点项目。", set()),
    ],
)
def test_presenters_attend(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _pipeline_relations(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # campaign meetings: words that end other names (学习, 贯彻, 精神, 开展) sit
        # between a clause-opening 全市 and the head
        ("全市学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议召开。",
         ["全市学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议"]),
        ("全省学习贯彻党的二十届三中全会精神宣讲报告会在长沙举行。",
         ["全省学习贯彻党的二十届三中全会精神宣讲报告会"]),
        ("全县深入学习贯彻党的二十大精神专题研讨班开班。",
         ["全县深入学习贯彻党的二十大精神专题研讨班"]),
        ("全市贯彻落实中央八项规定精神推进会召开。", ["全市贯彻落实中央八项规定精神推进会"]),
        ("全区“学习贯彻党的二十大精神”主题宣讲活动启动。",
         ["全区“学习贯彻党的二十大精神”主题宣讲活动"]),
        ("全市开展“我为群众办实事”实践活动推进会召开。",
         ["全市开展“我为群众办实事”实践活动推进会"]),
        # a cited event inside a clause is not stretched to a 全省 inside it
        ("县委召开学习贯彻全省经济工作会议精神专题会议。", ["全省经济工作会议"]),
        # clauses, not names
        ("全市各地积极开展学雷锋活动。", []),
        ("全市上下要认真学习贯彻全会精神，推动会议精神落地。", []),
        ("全县各级各部门要把学习贯彻大会精神作为重要任务。", []),
        ("全市开展安全生产大检查活动，排查隐患三百处。", []),
        ("全省广泛开展全民健身活动。", []),
        ("全市学习贯彻省第十一次党代会精神。", []),
        ("全区开展“我为群众办实事”实践活动。", []),
    ],
)  # fmt: skip
def test_campaign_meeting_names(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize("pad", [486, 491, 503, 505, 509])
def test_no_name_crosses_a_sentence_cut(pad: int) -> None:
    """A line without punctuation is cut into sentences; no name spans the cut."""
    text = "焦" * pad + "召开全市安全生产工作会议沂水县院东头镇桃棵子村长沙县境内设星沙站"
    result = Pipeline(list(DEFAULT_EXTRACTORS))(Document(id="d", text=text, source="d"))
    analysis = result.analysis
    for m in analysis.mentions:
        assert m.end <= analysis.sentence_at(m.start).end, m


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year range and a dash between two places stay inside the name
        ("2025—2026冰雪季延庆滑雪旅游推介会在北京举行。", ["2025—2026冰雪季延庆滑雪旅游推介会"]),
        (
            "两地召开2025年杭州西湖—毕节七星关东西部协作联席会议。",
            ["2025年杭州西湖—毕节七星关东西部协作联席会议"],
        ),
        # a sitting held by the session just named is part of it
        (
            "5月6日，勐海县第九届人民代表大会第四次会议举行第二次全体会议。",
            ["勐海县第九届人民代表大会第四次会议"],
        ),
    ],
)
def test_ranges_dashes_and_sittings(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_a_longer_head_across_a_jieba_cut() -> None:
    """jieba cuts 调度会|商会: the meeting is the 会商会, not 调度会 and a chamber of commerce."""
    assert _names("7月2日，溪口市召开全市防汛调度会商会，研判雨情。") == ["全市防汛调度会商会"]


@pytest.mark.parametrize(
    "text",
    [
        "3月5日，溪口市召开全市文旅发展大会。市委书记林河川出席会议并讲话，"
        "市长周明远主持会议。市人大常委会主任何思齐，市政协主席顾南山出席会议。",
        # 某某主持。 / 某某出席。 in the report of one event: that event, chaired or attended
        "3月5日，溪口市召开全市文旅发展大会。市委书记林河川出席并讲话，市长周明远主持。"
        "市人大常委会主任何思齐、市政协主席顾南山出席。",
    ],
)
def test_an_attendees_organisation_attends_but_not_the_hosts(text: str) -> None:
    found = _pipeline_relations(text)
    attended = {s for k, s, _ in found if k == "attended"}
    assert {"周明远", "何思齐", "顾南山", "市人大常委会", "市政协"} <= attended
    assert not attended & {"市委", "市"}  # the host's party committee and government
    assert ("spoke_at", "林河川") in {(k, s) for k, s, _ in found}


def test_a_unit_that_reports_spoke() -> None:
    text = (
        "3月5日，溪口市召开全市防汛工作会议。市长周明远出席会议并讲话。"
        "市气象局、市水利局分别通报了雨情水情。据市统计局介绍，投资增长较快。"
    )
    spoke = {s for k, s, _ in _pipeline_relations(text) if k == "spoke_at"}
    assert {"周明远", "市气象局", "市水利局"} <= spoke
    assert "市统计局" not in spoke  # a source quoted, not a speech at the meeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a named line or work before a meeting's head specifies it as a place does
        ("9月2日，郑焦城际铁路开工动员大会在焦作市举行。", ["郑焦城际铁路开工动员大会"]),
        ("焦作市召开郑焦城际铁路开工动员会。", ["郑焦城际铁路开工动员会"]),
        # jieba glued the line's suffix to the next word (铁路沿线) and 会 to 上 (推进|会上)
        (
            "当天召开的郑焦城际铁路沿线产业协作推进会上，市长讲话。",
            ["郑焦城际铁路沿线产业协作推进会"],
        ),
        # a ceremony named by its line is a named event (the line stays a project inside it)
        ("郑焦城际铁路铺轨仪式在武陟县举行。", ["郑焦城际铁路铺轨仪式"]),
        ("信阳至固始城际铁路开通运营仪式在固始南站举行。", ["信阳至固始城际铁路开通运营仪式"]),
        # a programme does not specify a meeting on its own
        ("会议研究了十大建设推进会的筹备工作。", []),
    ],
)
def test_a_named_work_specifies_a_meeting(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_the_line_inside_a_ceremonys_name_keeps_its_routes() -> None:
    text = "郑焦城际铁路铺轨仪式在武陟县举行。郑焦城际铁路连接郑州和焦作。"
    result = Pipeline()(Document(id="d", text=text, source="d"))
    assert ("郑焦城际铁路", "Project") in {(m.text, m.type) for m in result.mentions}
    connects = {(r.subject.text, r.object.text) for r in result.relations if r.kind == "connects"}
    assert {("郑焦城际铁路", "郑州"), ("郑焦城际铁路", "焦作")} <= connects


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a division's short name that needs context elsewhere: the brackets give it
        (
            "2026滨海新区（大兴）科技成果对接会在大兴区开幕。",
            ["2026滨海新区（大兴）科技成果对接会"],
        ),
        ("2026临港新片区（昌平）人才交流会今天开幕。", ["2026临港新片区（昌平）人才交流会"]),
    ],
)
def test_a_short_division_name_in_brackets_is_a_place(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


def test_a_guide_from_outside_brings_the_organisations_of_their_titles() -> None:
    text = (
        "1月8日，黄骅市第十七届人民代表大会第五次会议闭幕。"
        "沧州市委常委、组织部部长高卫国到会指导。黄骅市委书记王海滨主持会议并讲话。"
    )
    result = Pipeline()(document(text))
    event = "黄骅市第十七届人民代表大会第五次会议"
    names = {e.iri: e.label for e in result.entities}
    labels = {
        (names[result.iri_of[r.subject]], names[result.iri_of[r.object]])
        for r in result.relations
        if r.kind == "attended"
    }
    assert {("高卫国", event), ("中共沧州市委", event), ("中共沧州市委组织部", event)} <= labels
    # the host who chairs and speaks brings nobody
    assert not any(s == "中共黄骅市委" for s, _ in labels)


def test_a_towns_congress_names_its_session() -> None:
    result = Pipeline()(document("1月7日，闽宁镇第四届人民代表大会第五次会议召开。"))
    events = [m.text for m in result.mentions if m.type == "Event"]
    assert events == ["闽宁镇第四届人民代表大会第五次会议"]


def test_the_chair_of_a_sitting_attends_the_session() -> None:
    text = (
        "1月10日，南开区第十八届人民代表大会第五次会议闭幕。"
        "大会主席团常务主席、区人大常委会主任周国庆主持闭幕会。"
    )
    result = Pipeline()(document(text))
    attended = {(r.subject.text, r.kind) for r in result.relations if r.object.type == "Event"}
    assert ("周国庆", "attended") in attended


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12月2日，第十六届中越边境商贸交易会在东兴市开幕。", "第十六届中越边境商贸交易会"),
        ("2025中俄跨境物流合作洽谈会在黑河举行。", "2025中俄跨境物流合作洽谈会"),
    ],
)
def test_china_and_a_partner_name_a_fair(text: str, name: str) -> None:
    result = Pipeline()(document(text))
    assert [m.text for m in result.mentions if m.type == "Event"] == [name]


def test_units_that_sign_at_a_signing_event_attend_it() -> None:
    text = (
        "10月22日，西青区2025年招商引资项目集中签约会举行，34个项目签约。区委书记冯立峰致辞。"
        "天津鑫港汽车零部件有限公司、西青文旅发展有限公司等企业代表上台签约。"
    )
    relations = _pipeline_relations(text)
    event = "西青区2025年招商引资项目集中签约会"
    assert ("attended", "天津鑫港汽车零部件有限公司", event) in relations
    assert ("spoke_at", "冯立峰", event) in relations
    # 34个项目签约 is a count of signings, nobody's act
    assert not any(k == "attended" and s.endswith("项目") for k, s, _ in relations)


def test_a_terms_ordinal_jieba_cut_stays_in_the_sessions_name() -> None:
    found = Pipeline()(document("4月2日，肃宁县十八届人大常委会第五次会议召开。")).named_mentions
    assert [m.text for m in found if m.type == "Event"] == ["肃宁县十八届人大常委会第五次会议"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ceremony named by a works the project tagger found
        (
            "10月8日，博鳌至万泉旅游公路改建工程开工仪式在琼海市举行。",
            "博鳌至万泉旅游公路改建工程开工仪式",
        ),
        # a quarter of the year names one ceremony as a year does
        ("3月30日，通江县举行第一季度工业项目集中开工仪式。", "第一季度工业项目集中开工仪式"),
    ],
)
def test_ceremonies_named_by_tagged_works_and_quarters(text: str, expected: str) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert expected in [m.text for m in found if m.type == "Event"]


def test_a_plenary_speech_is_no_meeting() -> None:
    text = "会上，委员李明围绕古镇遗址保护利用作大会发言。"
    assert [m.text for m in Pipeline()(document(text)).named_mentions if m.type == "Event"] == []


def test_a_ceremony_named_by_a_plants_capacity() -> None:
    text = "3月18日，富锦市年产30万吨玉米淀粉加工项目开工仪式在富锦工业园区举行。"
    assert _names(text) == ["富锦市年产30万吨玉米淀粉加工项目开工仪式"]
