from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.documents import document
from kg.extractors import get
from kg.extractors.divisions import divisions
from kg.iri import mint
from kg.model import Analysis, Mention
from kg.pipeline import Pipeline

Extract = Callable[[str], list[Mention]]


@pytest.fixture(scope="module")
def extract() -> Extract:
    pipeline = Pipeline(["divisions"])
    return lambda text: list(divisions(pipeline.analyse(document(text))))


def _found(mentions: list[Mention]) -> list[tuple[str, str | None]]:
    return [(m.text, m.code) for m in mentions]


def test_registered() -> None:
    info = get("divisions")
    assert info.produces == frozenset({"Place"})
    assert info.needs == "words" and info.stage == "mentions"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "河南省郑州市金水区召开座谈会。",
            [("河南省", "410000"), ("郑州市", "410100"), ("金水区", "410105")],
        ),
        (
            "焦作代表团赴温县和武陟县考察。",
            [("焦作", "410800"), ("温县", "410825"), ("武陟县", "410823")],
        ),
        (
            "广东省深圳市南山区发布通知。",
            [("广东省", "440000"), ("深圳市", "440300"), ("南山区", "440305")],
        ),
        (
            "内蒙古自治区鄂尔多斯市准格尔旗举行活动。",
            [("内蒙古自治区", "150000"), ("鄂尔多斯市", "150600"), ("准格尔旗", "150622")],
        ),
        ("新疆喀什地区的棉花丰收。", [("新疆", "650000"), ("喀什地区", "653100")]),
        ("大理州和彭水县签订协议。", [("大理州", "532900"), ("彭水县", "500243")]),
        ("济源市与仙桃市结为友好城市。", [("济源市", "419001"), ("仙桃市", "429004")]),
        ("香港特别行政区和澳门的代表。", [("香港特别行政区", "810000"), ("澳门", "820000")]),
        ("浙江杭州的萧山发展很快。", [("浙江", "330000"), ("杭州", "330100"), ("萧山", "330109")]),
        (
            "天津市河北区与河北省合作办学。",
            [("天津市", "120000"), ("河北区", "120105"), ("河北省", "130000")],
        ),
        ("吉林省吉林市迎来降雪。", [("吉林省", "220000"), ("吉林市", "220200")]),
        ("长沙县隶属于长沙。", [("长沙县", "430121"), ("长沙", "430100")]),
        # the level's character glued by jieba to what follows (县和市, 县程阳村, 县|县长)
        ("大同区、杜尔伯特县和市商务局受表彰。", [("大同区", "230606"), ("杜尔伯特县", "230624")]),
        ("瓜州县县长介绍了情况。", [("瓜州县", "620922")]),
    ],
)
def test_divisions_found(extract: Extract, text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("北京市朝阳区举办展会。", "朝阳区", "110105"),
        ("长春市朝阳区举办展会。", "朝阳区", "220104"),
        ("他在北京工作多年，家住朝阳区。", "朝阳区", "110105"),
        ("南京市鼓楼区开展培训。", "鼓楼区", "320106"),
        ("福州鼓楼区开展培训。", "鼓楼区", "350102"),
        ("玄武区和鼓楼区联合开展培训。", "鼓楼区", "320106"),  # a sibling names the city
        ("西宁市城中区召开会议。", "城中区", "630103"),
        ("柳州城中区召开会议。", "城中区", "450202"),
        ("在通州开会，北京市领导出席。", "通州", "110112"),
        ("江苏南通的通州区。", "通州区", "320612"),
    ],
)
def test_namesakes_settled_by_context(extract: Extract, text: str, surface: str, code: str) -> None:
    assert (surface, code) in _found(extract(text))


def test_namesakes_settled_by_nearest_parent(extract: Extract) -> None:
    found = _found(extract("北京市通州区与南通市通州区签约。"))
    assert found == [
        ("北京市", "110000"),
        ("通州区", "110112"),
        ("南通市", "320600"),
        ("通州区", "320612"),
    ]


@pytest.mark.parametrize(
    "text", ["朝阳区的企业代表参会。", "鼓楼区位于老城中心。", "通州区发布公告。"]
)
def test_namesakes_without_context_are_left_out(extract: Extract, text: str) -> None:
    assert extract(text) == []


def test_ambiguous_short_name_falls_back_to_higher_level(extract: Extract) -> None:
    [m] = extract("朝阳迎来旅游旺季。")
    assert (m.code, m.subtype) == ("211300", "City")  # 朝阳市 over the two 朝阳区
    [unique] = extract("焦作迎来旅游旺季。")
    assert m.score < unique.score


@pytest.mark.parametrize(
    "text",
    [
        "加强区域合作，发展农民合作社。",
        "经济发展要稳中求进。",
        "维护和平区域稳定。",
        "城区人口持续增加，郊区绿化加快。",
        "各位来宾，大家好！",
        "博爱是一种美德。",
        "我市全市市委、市政府和市城乡一体化示范区。",
        "豫郑合作，郑焦融合。",
        "解放区的天是明朗的天。",
        "开发区建设，新华社报道，东风汽车。",
        "公安机关和公安部门联合行动。",
        "项目工期延长三个月。",
        "东方红，太阳升。",
        "走向和平与发展。",
    ],
)
def test_ordinary_words_are_not_places(extract: Extract, text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("洛阳龙门站迎来首趟列车。", [("洛阳", "410300")]),  # the grottoes, not 龙门县 (广东)
        ("郑州是中原城市群的核心。", [("郑州", "410100")]),  # the region, not 中原区
        ("郑州市中原区召开会议。", [("郑州市", "410100"), ("中原区", "410102")]),
        ("西安长安区与长安街。", [("西安", "610100"), ("长安区", "610116")]),
    ],
)
def test_bare_names_of_other_places(
    extract: Extract, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甘南州合作市召开大会。", [("甘南州", "623000"), ("合作市", "623001")]),
        ("焦作的博爱县与博爱。", [("焦作", "410800"), ("博爱县", "410822"), ("博爱", "410822")]),
        ("焦作市解放区召开会议。", [("焦作市", "410800"), ("解放区", "410802")]),
        ("晋城市城区召开会议。", [("晋城市", "140500"), ("城区", "140502")]),
        ("天津市和平区召开会议。", [("天津市", "120000"), ("和平区", "120101")]),
        (
            "湖北荆州的公安县与公安。",
            [("湖北", "420000"), ("荆州", "421000"), ("公安县", "421022")],
        ),
    ],
)
def test_common_word_names_need_their_parent(
    extract: Extract, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(extract(text)) == expected


@pytest.mark.parametrize(
    ("text", "surface", "code", "key"),
    [
        ("襄樊市更名为襄阳市。", "襄樊市", "420600", "襄阳市"),
        ("襄樊的经济发展很快。", "襄樊", "420600", "襄阳市"),
        ("河北邢台县撤销。", "邢台县", "130503", "信都区"),
        ("大同市城区更名。", "城区", "140213", "平城区"),
        ("杭州下城区并入拱墅区。", "下城区", "330105", "拱墅区"),
    ],
)
def test_former_names(extract: Extract, text: str, surface: str, code: str, key: str) -> None:
    by_text = {m.text: m for m in extract(text)}
    assert (by_text[surface].code, by_text[surface].key) == (code, key)


def test_mention_fields(extract: Extract) -> None:
    province, city, county = extract("河南省焦作市温县")
    assert [m.subtype for m in (province, city, county)] == ["Province", "City", "County"]
    assert [m.key for m in (province, city, county)] == ["河南省", "焦作市", "温县"]
    assert all(m.type == "Place" and m.extractor == "divisions" for m in (province, city, county))
    [short] = extract("焦作发展")
    assert (short.text, short.key, short.code) == ("焦作", "焦作市", "410800")
    assert short.score < city.score


def test_government_news_paragraph(extract: Extract) -> None:
    text = (
        "全市经济工作会议在焦作召开。会议要求深化区域合作，主动对接郑州，"
        "推动郑焦一体化。温县、市城乡一体化示范区、武陟县作交流发言，"
        "我市各县区负责同志参加会议。"
    )
    assert _found(extract(text)) == [
        ("焦作", "410800"),
        ("郑州", "410100"),
        ("温县", "410825"),
        ("武陟县", "410823"),
    ]


def test_works_without_tokens() -> None:
    from kg.sentences import split_sentences

    doc = document("河南省焦作市温县")
    analysis = Analysis(doc, tuple(split_sentences(doc.id, doc.text)), ())
    assert [m.code for m in divisions(analysis)] == ["410000", "410800", "410825"]


def test_pipeline_links_places_to_division_iris() -> None:
    result = Pipeline(["divisions"])(document("焦作市温县和焦作的武陟县。"))
    labels = {e.iri: e.label for e in result.entities}
    assert labels[mint("division", "410800")] == "焦作市"  # 焦作市 and 焦作: one entity
    assert labels[mint("division", "410825")] == "温县"
    assert len([e for e in result.entities if e.code == "410800"]) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 高新区 is the short name of a Chengdu zone, but every city has one
        ("绵阳市召开大会，高新区负责同志发言。", [("绵阳市", "510700")]),
        ("成都市召开大会，成都市副市长讲话，高新区负责同志发言。",
         [("成都市", "510100"), ("成都市", "510100"), ("高新区", "510102")]),
        ("绵阳市代表团参观了成都高新区。",
         [("绵阳市", "510700"), ("成都", "510100"), ("高新区", "510102")]),
    ],
)  # fmt: skip
def test_a_zone_kind_short_name_needs_its_city(
    extract: Extract, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(extract(text)) == expected


def _org_keys(text: str) -> dict[str, str | None]:
    """Each organisation mention's text and key, through the whole default pipeline."""
    found = Pipeline()(document(text)).mentions
    return {m.text: m.key for m in found if m.type == "Organization"}


def test_a_short_form_expands_to_the_county_level_city_the_text_is_about() -> None:
    """A county-level city has its own 市水利局 and 市委: 汝州 alone named means 汝州's."""
    keys = _org_keys("3月2日，汝州市召开全市水利工作会议。市水利局、市委宣传部负责同志发言。")
    assert keys["市水利局"] == "汝州市水利局"
    assert keys["市委宣传部"] == "中共汝州市委宣传部"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a short name before 镇 is a town of that name
        ("阳朔县白沙镇举办金桔文化节。", [("阳朔县", "450321")]),
        # a county's short name from another province than every division named in full
        ("阳朔县举办白沙金桔节，桂林市游客踊跃。", [("阳朔县", "450321"), ("桂林市", "450300")]),
        # but in a text about its own province it stands
        ("海南省白沙黎族自治县召开会议，白沙将发展橡胶产业。",
         [("海南省", "460000"), ("白沙黎族自治县", "469025"), ("白沙", "469025")]),
    ],
)  # fmt: skip
def test_short_county_names_need_their_province(
    extract: Extract, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(extract(text)) == expected


def test_a_bare_county_committee_is_the_home_countys() -> None:
    keys = _org_keys("阳朔县白沙镇举办第六届白沙金桔文化节。县委常委、副县长莫晓燕出席并致辞。")
    assert keys["县委"] == "中共阳朔县委"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a county's name opening a quoted farm product is a brand, no place
        ("要推动“沙县小吃”走向全国，让“静宁苹果”卖得更远。", []),
        ("示范区将打响“荣昌猪”品牌。", []),
        # a province's cuisine, a model or a port named in quotes keeps its place
        ("他爱吃“广东早茶”。", ["广东"]),
        ("推广“恭城模式”。", ["恭城"]),
    ],
)
def test_a_quoted_regional_brand_is_no_place(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # 和 joining a list before a bare level's unit: no 和县
        ("新盈镇、调楼镇和县海洋与渔业局受到表彰。", ["新盈镇", "调楼镇"]),
        ("他和县领导商定了三个孩子的学费。", []),
        # a person named like a county, right after a post title
        ("出席会议的还有县政协主席周宁。", []),
        # the county itself
        ("和县召开工作会议。", ["和县"]),
    ],
)
def test_conjunctions_and_titles_before_a_divisions_name(text: str, places: list[str]) -> None:
    assert _place_texts(text) == places


def _place_texts(text: str) -> list[str]:
    """The places the default pipeline reads in ``text``, in order."""
    result = Pipeline()(document(text))
    return [m.text for m in result.mentions if m.type == "Place"]
