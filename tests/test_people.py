"""The people extractor: personal names from the constructions that introduce them."""

from __future__ import annotations

import pytest

from kg.documents import document
from kg.extractors import get
from kg.extractors.people import is_name
from kg.pipeline import Pipeline
from kg.titles import find_titles, lexicon, longest


def _names(text: str) -> list[str]:
    result = Pipeline(["people"])(document(text))
    return [m.text for m in result.mentions]


def test_registration() -> None:
    info = get("people")
    assert info.stage == "mentions" and info.needs == "words"
    assert info.produces == {"Person"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # title before the name, with and without an organisation
        ("区委副书记郑海涛出席开幕式。", ["郑海涛"]),
        ("省人民政府副省长龚立群到企业调研。", ["龚立群"]),
        ("昨天，局长潘明远主持召开专题会议。", ["潘明远"]),
        # coordinated titles
        ("县委副书记、县长韩晓光作工作报告。", ["韩晓光"]),
        # a two-character name, ended by a function word
        ("镇长邱锋在现场办公。", ["邱锋"]),
        ("副县长姜涛和有关部门负责人参加活动。", ["姜涛"]),
        # title after the name
        ("座谈会上，范永庆主任介绍了情况。", ["范永庆"]),
        ("大家认真学习了柯明辉同志的先进事迹。", ["柯明辉"]),
        # appointment verbs
        ("会议决定任命鲍志成为副区长。", ["鲍志成"]),
        ("经过选举，庞丽娟当选为区妇联主席。", ["庞丽娟"]),
        ("会议决定免去尤建民的财政局局长职务。", ["尤建民"]),
        ("会议选举龚建为区长，蒲晓玲、鲁志远为副区长。", ["龚建", "蒲晓玲", "鲁志远"]),
        # jieba's 华为 across a name and the verb; 原任 after a name
        ("会议选举尹家华为和顺镇人民政府镇长。尹家华原任界头镇副镇长。", ["尹家华", "尹家华"]),
        ("会议选举尕藏才让为州长。", ["尕藏才让"]),
        # a verb after the name whose first character a longer reading would take
        ("海南州委书记才让太陪同调研。", ["才让太"]),
        ("副州长谢尔盖·彼得罗夫作交流发言。", ["谢尔盖·彼得罗夫"]),
        # speech verb at the start of a clause
        ("会议期间，黎振东强调，要守住安全底线。", ["黎振东"]),
        # a list after a shared title
        ("副市长岑晓雯、骆俊峰参加会议。", ["岑晓雯", "骆俊峰"]),
        # a compound surname
        ("市委常委欧阳振华出席。", ["欧阳振华"]),
        # later bare mentions of a name found once
        ("区长吕卫平出席会议。吕卫平要求各街道抓好落实。", ["吕卫平", "吕卫平"]),
        # a Tibetan name of two parts, the second of which jieba cut (索南才|让)
        ("州委副书记索南才让主持会议。", ["索南才让"]),
        # a known part of three characters after another part, before a dotted one
        ("旗长苏和巴特尔陪同调研。", ["苏和巴特尔"]),
        ("市长阿不都热合曼·吐尔逊到鄯善县调研。", ["阿不都热合曼·吐尔逊"]),
        # journalist bylines
        ("本报讯（记者 祁文涛）全区春耕生产有序推进。", ["祁文涛"]),
    ],
)
def test_constructions(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "加强春季麦田管理，为夏粮丰收奠定基础，掀起冬修水利高潮。",
        "要弄明白各项政策的要求，加快郑焦一体化发展。",
        "各县区委书记、县区长参加会议。",
        "书记高度重视，亲自部署。",
        "会议审议通过了市人大常委会主任会议的报告。",
        "有关部门负责同志和专家参加座谈。",
        "夏邑县长期坚持生态优先。",
        "许多老同志参加了活动。",
        "这个单位和委员们保持联系。",
        "湘潭市长期以来重视教育。",
    ],
)
def test_hard_negatives(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("邱锋", True),
        ("欧阳振华", True),
        ("扎西平措", True),
        ("夏粮", False),
        ("高潮", False),
        ("明白", False),
        ("市委", False),
        ("和韦", False),
        ("许多老", False),
        ("郑焦", True),  # shape alone; the contexts keep it out (see the negatives)
    ],
)
def test_name_shape(word: str, expected: bool) -> None:
    assert is_name(word) is expected


def test_titles_lexicon_modifiers_and_flags() -> None:
    titles = lexicon()
    assert titles["常务副县长"].head == "县" and titles["常务副县长"].shared
    assert titles["代市长"].base == "市长" and not titles["代市长"].shared
    assert titles["同志"].follows and not titles["同志"].is_post
    assert titles["委员会"].block
    assert titles["區長"].role == "区长"


def test_titles_longest_prefers_blocking_words() -> None:
    matches = [m for m in longest(find_titles("常委会主任")) if not m.title.block]
    assert [(m.start, m.title.text) for m in matches] == [(3, "主任")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("自治区发展改革委副主任买买提·艾力在会上指出，要加快项目建设。", "买买提·艾力"),
        ("州委副书记、州长努尔兰·别克表示，将做好服务保障。", "努尔兰·别克"),
        # a second part jieba tags as a noun, and the verb right after it
        ("区党委常委艾力·买买提出席会议。", "艾力·买买提"),
    ],
)
def test_names_joined_by_a_middle_dot(text: str, name: str) -> None:
    from kg.documents import document
    from kg.pipeline import Pipeline

    result = Pipeline(["people"])(document(text))
    assert name in [m.text for m in result.mentions if m.type == "Person"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a surname-less name stops before the verb after it
        ("会议由自治区副主席尼玛主持。", ["尼玛"]),
        ("副主席格桑出席会议。", ["格桑"]),
        ("会上，央金出席并讲话。央金强调，要抓好落实。", []),  # no title: 央金 alone is no name
        ("索朗次仁强调，要守好边境。", ["索朗次仁"]),  # 次 of 次仁 is a name's
        # a dotted name or a Latin one before a verb of speech
        ("阿不都·热合曼指出，要稳定就业。", ["阿不都·热合曼"]),
        ("Peter Miller表示，港口吞吐量再创新高。", ["Peter Miller"]),
        ("公司总经理Lena Hoffmann说，订单增长很快。", ["Lena Hoffmann"]),
    ],
)
def test_transliterated_and_latin_names(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize("word", ["达瓦出席", "格桑主持", "扎西强调"])
def test_an_opening_and_a_verb_is_no_name(word: str) -> None:
    assert not is_name(word)


@pytest.mark.parametrize(
    ("text", "person", "org"),
    [
        # a person, the verb of his post and the organ the tagger read as one organisation
        ("孟庆舟原任区委副书记，赵思源原任区发展改革委主任。", "赵思源", "区发展改革委"),
        ("会议接受司徒振华辞去开平市人民政府市长职务的请求。", "司徒振华", "开平市人民政府"),
        # a name right after its title, not a surname and a city (江|海宁)
        ("安庆市人大常委会副主任江海宁到会祝贺。", "江海宁", "安庆市人大常委会"),
    ],
)
def test_holders_read_apart_from_their_organs(text: str, person: str, org: str) -> None:
    found = {(m.text, m.type) for m in Pipeline()(document(text)).named_mentions}
    assert {(person, "Person"), (org, "Organization")} <= found


@pytest.mark.parametrize("word", ["应出席", "均列席", "王主持"])
def test_a_surname_like_character_and_a_verb_is_no_name(word: str) -> None:
    assert not is_name(word)


def test_a_long_name_in_a_list_of_appointments_is_a_person() -> None:
    text = "会议补选刘建军为县人民政府副县长，阿拉腾其其格为县人大常委会副主任。"
    found = {(m.text, m.type) for m in Pipeline()(document(text)).named_mentions}
    assert ("阿拉腾其其格", "Person") in found
    assert not any(t == "Place" and "阿拉腾" in m for m, t in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Mongolian names by their parts, whole however long
        ("旗人大常委会主任朝鲁、旗政协主席萨仁高娃出席会议。", ["朝鲁", "萨仁高娃"]),
        ("市长额尔敦毕力格作点评讲话。", ["额尔敦毕力格"]),
        # 作 before a speech is the verb, not the name's last character
        ("优秀教师代表王丽作典型发言。", ["王丽"]),
        # a part that ends in 和 is not read over a list's conjunction
        ("国会主席农德孟和总理范世阅会见了代表团。", ["农德孟", "范世阅"]),
    ],
)
def test_mongolian_names_and_the_verb_of_a_speech(text: str, expected: list[str]) -> None:
    found = Pipeline()(document(text)).named_mentions
    assert [m.text for m in found if m.type == "Person"] == expected


def test_a_member_moved_up_is_named_after_the_verb() -> None:
    found = Pipeline()(document("全会递补林哲为市委委员。")).named_mentions
    assert [(m.text, m.extractor) for m in found if m.type == "Person"] == [("林哲", "people")]


def test_a_dotted_names_part_may_hold_a_syllable_jieba_knows_as_a_place() -> None:
    found = Pipeline()(document("州交通运输局局长艾尔肯·哈德尔别克介绍了情况。")).named_mentions
    assert [m.text for m in found if m.type == "Person"] == ["艾尔肯·哈德尔别克"]


def test_goods_in_a_list_are_no_people() -> None:
    found = Pipeline()(document("沿线村的茶叶、杨梅等农产品外运更加便捷。")).named_mentions
    assert [m.text for m in found if m.type == "Person"] == []


def test_a_dotted_name_before_a_verb_of_accompanying() -> None:
    found = Pipeline()(document("县长吾买尔江·艾山陪同调研。")).named_mentions
    assert [m.text for m in found if m.type == "Person"] == ["吾买尔江·艾山"]
