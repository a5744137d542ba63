"""The posts extractor: holds_post relations and references to people.

Most cases run the extractor on hand-made analyses whose organisation and
place mentions are written inline, so they test the post grammar alone:
``[市委|O|中共焦作市委]`` is an Organization mention keyed 中共焦作市委,
``[焦作市|L|410800]`` a Place mention with its code, ``[王勇|P]`` a person.
"""

from __future__ import annotations

import re

import pytest

from kg.documents import document
from kg.extractors import get
from kg.extractors.posts import division_in_name, government_name, posts
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Document, Mention, Relation
from kg.pipeline import Pipeline
from kg.sentences import split_sentences

_MARK = re.compile(r"\[([^\]|]+)\|([POL])(?:\|([^\]|]*))?\]")
_TYPES = {"P": PERSON, "O": ORGANIZATION, "L": PLACE}


def _analysis(marked: str) -> Analysis:
    """An analysis of ``marked`` with the mentions its mark-up gives."""
    text, spans, pos, last = "", [], 0, 0
    for m in _MARK.finditer(marked):
        text += marked[last : m.start()]
        pos = len(text)
        surface, kind, extra = m.group(1), m.group(2), m.group(3)
        text += surface
        spans.append((pos, pos + len(surface), _TYPES[kind], extra))
        last = m.end()
    text += marked[last:]
    doc = Document(id="t", text=text, source="t")
    mentions = []
    for start, end, type_, extra in spans:
        code = extra if extra and extra.isdigit() else None
        key = extra if extra and not code else None
        subtype = "PartyOrgan" if key and key.startswith("中共") else None
        mentions.append(
            Mention.span(doc, start, end, type_, "test", key=key, code=code, subtype=subtype)
        )
    return Analysis(doc, tuple(split_sentences(doc.id, text)), (), tuple(mentions))


def _run(marked: str) -> tuple[list[Relation], list[Mention]]:
    items = list(posts(_analysis(marked)))
    relations = [i for i in items if isinstance(i, Relation)]
    mentions = [i for i in items if isinstance(i, Mention)]
    return relations, mentions


def _posts(marked: str) -> set[tuple[str, str, str]]:
    relations, _ = _run(marked)
    return {(r.subject.name, r.role or "", r.object.name) for r in relations}


def test_registration() -> None:
    info = get("posts")
    assert info.stage == "relations" and info.needs == "words"
    assert "holds_post" in info.produces


JIAOZUO = "[焦作市|L|410800]召开会议。"
WENXIAN = "[温县|L|410825]召开会议。"


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        # organisation, title, name
        (
            "[东城区政府|O|北京市东城区人民政府]副区长[冯一鸣|P]出席。",
            {("冯一鸣", "副区长", "北京市东城区人民政府")},
        ),
        ("[国务院|O]副总理[葛天成|P]会见代表团。", {("葛天成", "副总理", "国务院")}),
        # coordinated titles: the second takes the first's organisation
        (
            "[县委|O|中共温县委]委员、常委[阎志军|P]出席。",
            {("阎志军", "委员", "中共温县委"), ("阎志军", "常委", "中共温县委")},
        ),
        (
            "[县财政局|O|温县财政局]党组书记、局长[卞和平|P]作报告。",
            {("卞和平", "党组书记", "温县财政局"), ("卞和平", "局长", "温县财政局")},
        ),
        # a head of government after a party post: the committee's jurisdiction
        (
            "[许昌市委|O|中共许昌市委]副书记、市长[曹卫东|P]主持会议。",
            {("曹卫东", "副书记", "中共许昌市委"), ("曹卫东", "市长", "许昌市人民政府")},
        ),
        # a head of government after a division: that division's government
        ("[河南省|L|410000]副省长[闵大伟|P]调研。", {("闵大伟", "副省长", "河南省人民政府")}),
        # a bare head title: the document's home division
        (
            JIAOZUO + "[市委|O|中共焦作市委]常委、副市长[郝建新|P]讲话。",
            {("郝建新", "常委", "中共焦作市委"), ("郝建新", "副市长", "焦作市人民政府")},
        ),
        (WENXIAN + "县长[裴晓东|P]作报告。", {("裴晓东", "县长", "温县人民政府")}),
        # the title shares the division's last character: 北京市长
        ("[北京市|L|110000]长[詹海波|P]出席。", {("詹海波", "市长", "北京市人民政府")}),
        (
            "[市委宣传部|O|中共焦作市委宣传部]长[窦文华|P]出席。",
            {("窦文华", "部长", "中共焦作市委宣传部")},
        ),
        # a shared title before a list of names; a single-holder title is not shared
        (
            WENXIAN + "副县长[祁红|P]、[黎明轩|P]参加。",
            {("祁红", "副县长", "温县人民政府"), ("黎明轩", "副县长", "温县人民政府")},
        ),
        (WENXIAN + "县长[祁红|P]、[黎明轩|P]参加。", {("祁红", "县长", "温县人民政府")}),
        # a title after words left unread takes no neighbour's organisation
        (
            "书记处书记、[县政府办公室|O|温县人民政府办公室]主任[鄂明|P]讲话。",
            {("鄂明", "主任", "温县人民政府办公室")},
        ),
        # deputies of a body named earlier in the sentence
        (
            "[县人大常委会|O|温县人大常委会]主任[晏青|P]主持，副主任[戈平|P]、[仲夏|P]出席。",
            {
                ("晏青", "主任", "温县人大常委会"),
                ("戈平", "副主任", "温县人大常委会"),
                ("仲夏", "副主任", "温县人大常委会"),
            },
        ),
        # a generic word for an organisation named earlier
        (
            "[远航机械有限公司|O]召开年会。公司总经理[柏林海|P]讲话，副总经理[祝勇|P]主持。",
            {
                ("柏林海", "总经理", "远航机械有限公司"),
                ("祝勇", "副总经理", "远航机械有限公司"),
            },
        ),
        (
            "[温县产业集聚区|O]召开会议。管委会主任[车明|P]讲话。",
            {("车明", "主任", "温县产业集聚区管委会")},
        ),
        # … but not the end of a longer name
        ("[远航机械有限公司|O]召开年会。分公司经理[柏林海|P]讲话。", set()),
        # name, then title
        (JIAOZUO + "[萧文杰|P]副市长指出，要抓好落实。", {("萧文杰", "副市长", "焦作市人民政府")}),
        (
            "[县委|O|中共温县委]书记[谭志刚|P]讲话。[谭志刚|P]书记强调，要抓好落实。",
            {("谭志刚", "书记", "中共温县委")},
        ),
        # appointments
        (
            "会议任命[邹明亮|P]为[县财政局|O|温县财政局]局长。",
            {("邹明亮", "局长", "温县财政局")},
        ),
        (
            "[卜凡|P]当选为[县人大常委会|O|温县人大常委会]主任。",
            {("卜凡", "主任", "温县人大常委会")},
        ),
        (
            WENXIAN + "会议任命[甘立|P]为县长，[桂芳|P]、[米永|P]为副县长。",
            {
                ("甘立", "县长", "温县人民政府"),
                ("桂芳", "副县长", "温县人民政府"),
                ("米永", "副县长", "温县人民政府"),
            },
        ),
        (
            "[刘振宇|P]同志任[县委|O|中共温县委]常委、[县委宣传部|O|中共温县委宣传部]部长。",
            {("刘振宇", "常委", "中共温县委"), ("刘振宇", "部长", "中共温县委宣传部")},
        ),
        (
            "[岳云鹏|P]，男，汉族，1978年5月生，现任[县委|O|中共温县委]常委。",
            {("岳云鹏", "常委", "中共温县委")},
        ),
        # former posts
        (
            WENXIAN + "原[县委|O|中共温县委]副书记、县长[邵宁|P]另有任用。",
            {("邵宁", "副书记", "中共温县委"), ("邵宁", "县长", "温县人民政府")},
        ),
        (
            "会议决定免去[蔺军|P]的[县教育局|O|温县教育局]局长职务。",
            {("蔺军", "局长", "温县教育局")},
        ),
        (
            "[雷锋|P]不再担任[县委|O|中共温县委]书记职务。",
            {("雷锋", "书记", "中共温县委")},
        ),
    ],
)
def test_constructions(marked: str, expected: set[tuple[str, str, str]]) -> None:
    assert _posts(marked) == expected


@pytest.mark.parametrize(
    "marked",
    [
        # a title with no name
        "[县委|O|中共温县委]书记、县长出席会议。",
        # a name with no title
        "[鲍国强|P]在[温县|L|410825]调研。",
        # a comma cuts the title from the name
        "[县委|O|中共温县委]书记，[鲍国强|P]等出席。",
        # a bare title with no home division to name its jurisdiction
        "市长[鲍国强|P]出席。",
        # a form of address is no post
        "记者[鲍国强|P]报道。",
    ],
)
def test_no_post(marked: str) -> None:
    assert _posts(marked) == set()


def test_former_posts_score_lower() -> None:
    relations, _ = _run(WENXIAN + "原县长[邵宁|P]、县长[戚平|P]出席。")
    scores = {r.subject.name: r.score for r in relations}
    assert scores["邵宁"] < scores["戚平"]


def test_government_mention_is_made_over_the_level_character() -> None:
    relations, mentions = _run(WENXIAN + "县长[裴晓东|P]作报告。")
    (government,) = [m for m in mentions if m.type == ORGANIZATION]
    assert government.text == "县" and government.key == "温县人民政府"
    assert relations[0].object is government


def test_government_mention_is_reused_when_named() -> None:
    relations, mentions = _run(
        "[县政府|O|温县人民政府]召开会议。" + WENXIAN + "县长[裴晓东|P]讲话。"
    )
    assert not [m for m in mentions if m.type == ORGANIZATION]
    assert relations[0].object.text == "县政府"


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        # a pronoun whose nearest sentence names one person
        (
            "[县委|O|中共温县委]书记[谭志刚|P]主持会议。他强调，要抓好落实。",
            [("他", "谭志刚")],
        ),
        ("[谭志刚|P]在会上指出，她们和他都要努力。", [("他", "谭志刚")]),
        # two people: ambiguous
        ("[谭志刚|P]和[裴晓东|P]出席会议。他指出，要抓好落实。", []),
        # surname and title
        (
            "[县委|O|中共温县委]书记[谭志刚|P]出席。会上，谭书记要求各乡镇落实。",
            [("谭书记", "谭志刚")],
        ),
        # a bare title before a verb of speech, held by one person
        (
            "[县委|O|中共温县委]书记[谭志刚|P]出席。书记强调，要守住底线。",
            [("书记", "谭志刚")],
        ),
        (
            "[县委|O|中共温县委]副书记[谭志刚|P]、副书记[裴晓东|P]出席。副书记强调，要守住底线。",
            [],
        ),
        # a sentence with a pronoun left unresolved is ambiguous
        ("客人抵达会场。他向[谭志刚|P]转达问候。他表示，愿加强合作。", []),
        # other words with 他 are no pronouns
        ("[谭志刚|P]出席会议。其他同志列席。", []),
    ],
)
def test_references(marked: str, expected: list[tuple[str, str]]) -> None:
    _, mentions = _run(marked)
    refs = [(m.text, m.key) for m in mentions if m.type == PERSON]
    assert refs == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("中共焦作市委", "焦作市"),
        ("焦作市水利局", "焦作市"),
        ("中共内江市市中区委", "市中区"),
        ("国务院", None),
    ],
)
def test_division_in_name(name: str, expected: str | None) -> None:
    division = division_in_name(name)
    assert (division.name if division else None) == expected


def test_government_name_of_a_district_carries_its_city() -> None:
    from kg.divisions import get as division

    assert government_name(division("511002")) == "内江市市中区人民政府"  # type: ignore[arg-type]


def test_end_to_end_membership_in_rdf() -> None:
    """With the organisation and division extractors, posts reach the graph as org:Membership."""
    from kg.documents import document
    from kg.pipeline import Pipeline
    from kg.rdf import extraction_triples
    from kg.vocab import ORG, RDF, RDFS

    text = "焦作市召开全市会议。市委常委、副市长顾海明出席会议并讲话。顾海明强调，要抓好落实。"
    ex = Pipeline(["orgs", "divisions", "people", "posts"])(document(text))
    triples = set(extraction_triples(ex))
    memberships = {s for s, p, o in triples if p == RDF.type and o == ORG.Membership}
    roles = {
        str(o)
        for s, p, o in triples
        if p == RDFS.label
        for r in [s]
        if (r, RDF.type, ORG.Role) in triples
    }
    assert len(memberships) == 2
    assert roles == {"常委", "副市长"}


#: A district document that also names a county of the same city once each, so
#: neither is the clear home county: 区 must still find the district.
LIANHU = "[西安市|L|610100][莲湖区|L|610104]召开会议。"


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        # an adverb of time between the name and the appointment verb
        (
            "[范志国|P]已调任[蓝田县委|O|中共蓝田县委]书记。",
            {("范志国", "书记", "中共蓝田县委")},
        ),
        (
            "[韦思远|P]现已担任[县委|O|中共温县委]常委。",
            {("韦思远", "常委", "中共温县委")},
        ),
        (
            "[祁明|P]已经任[市财政局|O|西安市财政局]局长。",
            {("祁明", "局长", "西安市财政局")},
        ),
        # a former head of government whose district is the only one named
        (
            LIANHU + "原区长[鲁志刚|P]已调任[蓝田县委|O|中共蓝田县委]副书记。",
            {
                ("鲁志刚", "区长", "西安市莲湖区人民政府"),
                ("鲁志刚", "副书记", "中共蓝田县委"),
            },
        ),
        (
            LIANHU + "副区长[庞雪|P]出席。",
            {("庞雪", "副区长", "西安市莲湖区人民政府")},
        ),
    ],
)
def test_adverbs_and_the_only_named_division(
    marked: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _posts(marked) == expected


@pytest.mark.parametrize(
    "marked",
    [
        # two districts named and no home: 区长 has no jurisdiction
        "[西安市|L|610100][莲湖区|L|610104]与[碑林区|L|610103]合作。区长[鲁志刚|P]出席。",
        # an adverb not followed by an appointment verb
        "[范志国|P]已到[蓝田县委|O|中共蓝田县委]报到。",
    ],
)
def test_no_post_without_a_single_division_or_verb(marked: str) -> None:
    assert _posts(marked) == set()


def test_pronoun_and_title_references_link_without_aliases() -> None:
    """他 and 林书记 are linked to 林河川 (itsrdf:taIdentRef), never his skos:altLabel."""
    from kg.documents import document
    from kg.pipeline import Pipeline
    from kg.rdf import extraction_triples
    from kg.vocab import SKOS

    text = (
        "溪口市召开全市水利会议。市委书记林河川出席会议并讲话。"
        "他强调，要抓好防汛。林书记要求各地落实责任。"
    )
    ex = Pipeline()(document(text, id="ref"))
    (person,) = [e for e in ex.entities if e.type == PERSON]
    assert {m.text for m in person.mentions} >= {"林河川", "他", "林书记"}
    assert person.aliases == ()
    triples = set(extraction_triples(ex))
    assert not [o for s, p, o in triples if p == SKOS.altLabel and str(o) in ("他", "林书记")]


def test_a_further_clause_of_posts_and_the_verb_before_a_county() -> None:
    text = (
        "会议选举邹国栋为西丰县人民政府县长。邹国栋现任县委副书记，"
        "原任县人民政府代县长、铁岭市发展和改革委员会主任。"
    )
    result = Pipeline()(document(text))
    labels = {e.iri: e.label for e in result.entities}
    names = {
        (labels[result.iri_of[r.subject]], r.role, labels[result.iri_of[r.object]])
        for r in result.relations
        if r.kind == "holds_post"
    }
    assert {
        ("邹国栋", "副书记", "中共西丰县委"),
        ("邹国栋", "代县长", "西丰县人民政府"),
        ("邹国栋", "主任", "铁岭市发展和改革委员会"),
    } <= names
    # 原任 is the verb: no 任县 (the former name of 任泽区) is read
    assert not any(m.text.startswith("任县") for m in result.mentions)


@pytest.mark.parametrize(
    ("text", "government"),
    [
        # the county-level city the report opens with leads; the venue does not
        (
            "巩义市召开全市推进会。巩义市委书记程建业讲话，市长郭鹏飞主持。郑州市委常委出席。",
            "巩义市人民政府",
        ),
        (
            "全市推进会在寿光市召开，潍坊市副市长王强、寿光市委书记李明出席，市长赵刚讲话。",
            "潍坊市人民政府",
        ),
    ],
)
def test_a_bare_mayor_of_the_opening_division(text: str, government: str) -> None:
    result = Pipeline()(document(text))
    labels = {e.iri: e.label for e in result.entities}
    orgs = {
        labels[result.iri_of[r.object]]
        for r in result.relations
        if r.kind == "holds_post" and r.role == "市长"
    }
    assert orgs == {government}


def test_a_resignation_ends_a_post() -> None:
    text = "会议决定接受刘明辉辞去南城县人民政府县长职务的请求。"
    result = Pipeline()(document(text))
    posts = [r for r in result.relations if r.kind == "holds_post"]
    assert [(r.subject.text, r.role) for r in posts] == [("刘明辉", "县长")]
    assert posts[0].score < 0.85  # a former post scores below an appointment


def test_an_autonomous_regions_chair_heads_its_government() -> None:
    result = Pipeline()(document("宁夏回族自治区副主席马春生出席开幕式。"))
    labels = {e.iri: e.label for e in result.entities}
    orgs = {labels[result.iri_of[r.object]] for r in result.relations if r.kind == "holds_post"}
    assert orgs == {"宁夏回族自治区人民政府"}
