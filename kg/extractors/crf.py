"""The statistical extractor: a character CRF for people, places and organisations.

Tags every sentence with :mod:`kg.tagger` (a model trained on the People's
Daily 1998 corpus, shipped under ``kg/data/ner/``) and turns the labelled
character runs into mentions. It reads jieba's words (``needs="words"``);
when the pipeline tokenised with part-of-speech tags instead, it re-cuts the
sentence with ``lcut``, because posseg segments differently from the words
the model was trained on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from kg.context import democratic_party_before
from kg.divisions import name_index
from kg.extractors import register
from kg.extractors._person_rules import is_false_person
from kg.extractors._phrases import division_opening, holds_division_name, lexicon, word_tag
from kg.extractors.divisions import (
    HOLDS_BEFORE,
    conjunction_and_level,
    divisions,
    quoted_brand,
)
from kg.extractors.divisions import (
    automaton as division_automaton,
)
from kg.extractors.jieba_pos import not_person, surnames
from kg.extractors.people import found_people
from kg.extractors.places import (
    GENERIC_PLACES,
    ROUTE_END,
    TOWN_SUFFIXES,
    across_function_word,
    common_words,
    places,
)
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention
from kg.segment import segmenter
from kg.tagger import lexicons, tagger
from kg.titles import find_titles, longest

__all__ = ["crf"]

NAME = "crf"
#: Score of a CRF mention: below a rule match from a curated list, above jieba-pos.
SCORE = 0.8


@register(NAME, produces={PERSON, PLACE, ORGANIZATION}, needs="words")
def crf(analysis: Analysis) -> Iterator[Mention]:
    """People, places and organisations tagged by the character CRF trained on People's Daily."""
    doc = analysis.doc
    model = tagger()
    spans: list[tuple[int, int, str]] = []
    for sentence in analysis.sentences:
        tokens = analysis.tokens_in(sentence.start, sentence.end)
        words = [t.text for t in tokens]
        if not tokens or tokens[0].pos or sum(map(len, words)) != len(sentence.text):
            words = [t.text for t in segmenter().words(sentence.text)]
        offset = sentence.start
        spans += [(offset + a, offset + b, t) for a, b, t in model.spans(sentence.text, words)]
    kept: list[tuple[int, int, str]] = []
    for start, end, type_ in spans:
        if type_ == PLACE and doc.text[start] == "设" and doc.text[end - 1] == "站":
            start += 1  # 在来安县设|汊河站: the verb, then the station
        if type_ == ORGANIZATION:
            if (
                _verb_before_level(doc.text, start, end)
                or (doc.text[start] in "其据" and doc.text[start + 1 : start + 2] in _LEVELS)
                or conjunction_and_level(doc.text, start, start + 2)
            ):
                start += 1  # 补选杨卓玛为|州人大常委会, 免去其|县林业局, 贺建平和|县农业农村局
            if _bare_level_before(doc.text, start):
                start -= 1  # 县|文广旅体局: the bare level is the organ's jurisdiction
            if doc.text[start] in "各每":
                continue  # 各乡镇党委: every town's committee, no organisation's name
            if doc.text[end - 1] == "委" and (dept := _party_department(doc.text, end)):
                end += len(dept)  # 宣城市委|组织部: the committee's department, one name
            term = _TERM_BEFORE.match(doc.text, start, end)
            if term is not None and end - term.end() >= 2:
                start = term.end()  # 八届|全国政协: the term is the session's, not the body's name
            elif doc.text.endswith("届", 0, start) and doc.text.startswith(_TERM_BODIES, start):
                continue  # 政协第八届|全国委员会: the committee's name opens before its term
            if doc.text.endswith(_COMMITTEES, start, end):
                party = democratic_party_before(doc.text, start)
                if party:  # 民建|郴州市委: a democratic party's committee, not the CPC's
                    start -= len(party)
                    if kept and kept[-1][:2] == (start, start + len(party)):
                        kept.pop()  # the party's name, read apart, is inside it now
        kept.append((start, end, type_))
    divisions_read: set[tuple[int, int]] | None = None
    for start, end, type_ in _joined_features(doc.text, kept):
        if type_ == PERSON and doc.text.startswith(_MEMORIALS, end):
            type_, end = PLACE, end + 3  # 刘胡兰|纪念馆: the memorial hall, a site, not the person
        if type_ == PLACE and (
            _titled_name(doc.text, start, end) or _appointed(analysis, start, end)
        ):
            type_ = PERSON  # 副主任|江海宁: a name after its title, not 江 and the city 海宁
        if type_ == PERSON and (
            _feature_not_person(analysis, start, end) or _listed_town(analysis, start, end)
        ):
            type_ = PLACE  # 查干湖, 金塘岛, 神农谷, 齐都镇、稷下街道: a lake …, a town, not a name
        if type_ == PERSON and doc.text[end - 1] == "作" and _SPEECH_NOUN.match(doc.text, end):
            end -= 1  # 李静作|典型发言: the verb 作 of the speech, not the name's
        if type_ == ORGANIZATION and (first := _unit_and_level(doc.text, start, end)):
            town = doc.text.endswith(TOWN_SUFFIXES, start, first)
            if not town or doc.text[start - 1 : start] in _LIST_OPENINGS:
                kind = PLACE if town else ORGANIZATION
                yield Mention.span(doc, start, first, kind, NAME, score=SCORE)
            start = first + 1  # 中山镇|和|县林业局: a town or an organ, then the county's bureau
        mention = Mention.span(doc, start, end, type_, NAME, score=SCORE)
        if type_ == PERSON and not _plausible_person(analysis, mention):
            continue
        if type_ == PLACE and (
            quoted_brand(doc.text, start, end) or conjunction_and_level(doc.text, start, end)
        ):
            continue  # “沙县小吃”: a product's name; 某镇和|县某局: a conjunction
        if type_ == PLACE and (stem := _feature_before_area(mention.text)):
            mention = Mention.span(doc, start, start + stem, PLACE, NAME, score=SCORE)
        if type_ == PLACE and (suffix := _cut_settlement_suffix(analysis, end)):
            end += suffix  # 桠溪|街道: the name the tagger read, then its kind jieba cut off
            mention = Mention.span(doc, start, end, PLACE, NAME, score=SCORE)
        if type_ == PLACE and mention.text in GENERIC_PLACES:
            continue  # 城中村|改造, 古镇|街区: a kind of place, no name
        if type_ == PLACE and ROUTE_END.fullmatch(mention.text):
            continue  # 北起某市城区，南至|某镇: a route's direction and verb
        if type_ == PLACE:
            edges = _place_edges(analysis, start, end)
            if edges is None:
                continue
            if edges != (start, end):
                start, end = edges
                mention = Mention.span(doc, start, end, PLACE, NAME, score=SCORE)
        if type_ == PLACE and _guarded(mention.text):
            if divisions_read is None:
                divisions_read = {
                    (m.start, m.end) for m in divisions(analysis) if isinstance(m, Mention)
                }
            if (start, end) not in divisions_read:
                continue  # 西起某区，东至|某市: an ordinary word; the divisions extractor decides
        if type_ == PLACE and (cut := country_before_division(mention.text)):
            yield Mention.span(doc, start, start + cut, PLACE, NAME, score=SCORE)
            mention = Mention.span(doc, start + cut, end, PLACE, NAME, score=SCORE)
        if type_ == ORGANIZATION and (cut := country_before_division(mention.text, organ=True)):
            yield Mention.span(doc, start, start + cut, PLACE, NAME, score=SCORE)
            mention = Mention.span(doc, start + cut, end, ORGANIZATION, NAME, score=SCORE)
        if type_ == ORGANIZATION and _kind_of_station(mention.text):
            continue  # 国际同类核电站: a kind of plant, no organisation's name
        if type_ == ORGANIZATION and _kind_of_facility(doc.text, start, end):
            continue  # 建设冷链物流中心: a kind of facility being built, common words only
        if type_ == ORGANIZATION and not plausible_org(mention.text):
            continue
        if type_ == ORGANIZATION and doc.text.startswith(_URBAN_AREA, end - 2):
            continue  # 娄底中心|城区: a city's central urban area, no organisation
        if type_ == ORGANIZATION and doc.text.endswith(_DELEGATIONS, start, end):
            continue  # 晋中市文旅项目观摩团: a delegation gathered for a visit, no organisation
        if type_ == ORGANIZATION and (held := _holder_then_post(doc.text, start, end)):
            name_end, org_start = held  # 赵思源|原任|区发展改革委: a person, a verb, the organ
            person = Mention.span(doc, start, name_end, PERSON, NAME, score=SCORE)
            if _plausible_person(analysis, person):
                yield person
            start = org_start
            mention = Mention.span(doc, start, end, type_, NAME, score=SCORE)
        if type_ == ORGANIZATION:
            cut = _before_holder(analysis, start, end)
            if cut - start < 2:
                continue
            if cut < end:
                mention = Mention.span(doc, start, cut, type_, NAME, score=SCORE)
        yield mention


def _place_edges(analysis: Analysis, start: int, end: int) -> tuple[int, int] | None:
    """A tagged place's span without the words of its clause the tagger read into it, or
    ``None`` where no place is left: a route's direction and verb (北起|湾沚区) or one such
    character (华容县至|岳阳) before a division; a city's centre before 城区 (岳阳|中心城区);
    a clause's function word inside it (马俊为镇|人大); the 原 of 原任 after a name
    (尹家华原|任)."""
    text = analysis.doc.text
    if text[end : end + 1] == "任" and text[end - 1] in HOLDS_BEFORE:
        return None
    if text.startswith("年度", start):
        return None  # 2024|年度草原: the year's, no place
    if across_function_word(analysis, start, end):
        return None
    if _cuts_directional_region(analysis, end):
        return None
    if ROUTE_END.match(text, start) and end - start >= 4:
        start += 2
    elif text[start] in _ROUTE_CHARS and division_opening(text, start + 1, end, 8):
        start += 1
    elif _route_char_before_town(text, start, end):
        start += 1  # ，经|黄瓜园镇: the route's verb, then the town
    if text.endswith("中心", start, end) and text.startswith("城区", end) and end - start >= 4:
        end -= 2
    return start, end


def _route_char_before_town(text: str, start: int, end: int) -> bool:
    """Whether a tagged town of three characters or more opens with a route's verb right
    after a clause's or list's break (，经|黄瓜园镇; not 经棚镇, a town of two)."""
    return (
        text[start] in _ROUTE_CHARS
        and text[end - 1] in "镇乡"
        and end - start >= 5
        and text[start - 1 : start] in ("，", ",", "、")
    )


def _cuts_directional_region(analysis: Analysis, end: int) -> bool:
    """Whether a tagged place ends one direction short of a region jieba knows as a word
    (豫西|南 of 豫西南): a region by compass, part of no name."""
    at = bisect.bisect_right(analysis.tokens, end, key=lambda t: t.start) - 1
    if at < 0:
        return False
    tok = analysis.tokens[at]
    return (
        tok.start < end == tok.end - 1
        and tok.text[-1] in "东西南北"
        and segmenter().dictionary_tags.get(tok.text) == "ns"
    )


#: Speeches "made" with 作 after the speaker's name (作典型发言, 作报告).
_SPEECH_NOUN = re.compile(r"(?:典型|交流|表态|大会|书面)?发言|(?:工作|专题)?报告|(?:重要)?讲话")
#: A town or an organ, then 和/与/及 and a level character that opens another organ
#: (某镇和县林业局, 区文广旅体局和县林业局).
_UNIT_AND_LEVEL = re.compile(
    r"[\u4e00-\u9fff]{2,12}?(?:镇|乡|街道|局|委|办|厅|中心|站)(?=[和与及][省市县区州旗镇乡])"
)


#: What stands before a list's item: a town read from a tagged span is kept only there.
_LIST_OPENINGS = frozenset("，,、；;：:")


def _unit_and_level(text: str, start: int, end: int) -> int:
    """The end of a town or organ that opens a tagged organisation before 和 and a bare
    level (中山镇|和|县林业局): two units of a list, not one organ of the county 和县."""
    m = _UNIT_AND_LEVEL.match(text, start, end)
    return m.end() if m is not None and end - m.end() >= 4 else 0


def _kind_of_facility(text: str, start: int, end: int) -> bool:
    """Whether a tagged organisation ending in 中心 or 基地 is common words only, with no
    place in it, and built in its clause (加快建设交易市场和|冷链物流中心): a kind of
    facility, not a body's name."""
    name = text[start:end]
    if not name.endswith(("中心", "基地")) or holds_division_name(name, 8):
        return False
    if common_words(name) is None:
        return False
    clause = text[max(0, start - 12) : start]
    clause = clause[max(clause.rfind(c) for c in "，,。；;：:") + 1 :]
    return _BUILDING.search(clause) is not None


#: Verbs of building before a facility (建设, 新建, 打造 …).
_BUILDING = re.compile("建设|新建|建成|打造|规划|筹建|兴建")


def _joined_features(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two places the tagger read side by side, neither a division, the second a mountain's,
    lake's or river's name, are one name it cut in two (巴尔|鲁克山)."""
    out: list[tuple[int, int, str]] = []
    index = name_index()
    for start, end, type_ in spans:
        if out and type_ == PLACE and out[-1][2] == PLACE and out[-1][1] == start:
            before, after = text[out[-1][0] : start], text[start:end]
            if (
                text[end - 1] in "山岭峰湖河江"
                and len(before) == 2
                and before[-1] not in "省市县区州旗盟镇乡村道山岭峰湖河江原"  # 归阳镇|湘江
                and before not in lexicon("countries.txt")  # 印度|恒河: a country, a river
                and before not in index
                and after not in index
                and word_tag(after) != "ns"  # not a place jieba knows (湘江)
            ):
                out[-1] = (out[-1][0], end, PLACE)
                continue
        out.append((start, end, type_))
    return out


def _party_department(text: str, end: int) -> str:
    """The department of a party committee written right after it (市委|组织部), or ''."""
    from kg.extractors.orgs import party_departments

    depts = (w for w in party_departments() if len(w) >= 3)
    dept = max((w for w in depts if text.startswith(w, end)), key=len, default="")
    return "" if text.startswith("长", end + len(dept)) else dept  # 区委|宣传部长: a title


def _bare_level_before(text: str, start: int) -> bool:
    """Whether a level character written alone, at a clause's or list's opening, stands
    right before a tagged organisation (，县|文广旅体局): the organ's jurisdiction."""
    if start < 1 or text[start - 1] not in _LEVELS:
        return False
    return start == 1 or text[start - 2] in "，,。；;：:、和与及\n“"


#: Level characters that open an organ's name written with its bare level (县林业局).
_LEVELS = frozenset("省市县区州盟旗镇乡")
#: Characters of a route or a trip that the tagger reads into the place after them.
_ROUTE_CHARS = frozenset("至到经往从")


def _kind_of_station(text: str) -> bool:
    """A station or plant named by common words only (国际同类核电站), unlike 大亚湾核电站, or
    by its voltage (330千伏变电站, 某镇110千伏变电站)."""
    cut = next((len(w) for w in _STATIONS if text.endswith(w)), 0)
    if not 0 < cut < len(text):
        return False
    head = text[:-cut]
    return _VOLTAGE_BEFORE.search(head) is not None or common_words(head) is not None


#: A voltage right before a station's kind (330千伏|变电站).
_VOLTAGE_BEFORE = re.compile(r"[0-9]+千伏$")


_STATIONS = ("核电站", "变电站", "电站", "站")


def country_before_division(text: str, *, organ: bool = False) -> int:
    """The length of a country's name that opens a place's name and a division of it
    follows (蒙古国|东戈壁省, 俄罗斯|布拉戈维申斯克市, 越南|芒街市): two places. ``0`` for a
    name that only holds a country's (蒙古高原, 朝鲜半岛, 俄罗斯联邦, 印度尼西亚). With
    ``organ``, the division's government follows (俄罗斯|阿穆尔州政府, 越南|广宁省人民委员会):
    the country is a place, the government an organisation.

    >>> names = ("蒙古国东戈壁省", "美国加州", "朝鲜半岛", "印度尼西亚")
    >>> [country_before_division(t) for t in names]
    [3, 2, 0, 0]
    """
    if organ:
        m = _FOREIGN_GOVERNMENT.search(text)
        if m is None or m.end() != len(text):
            return 0
        text = text[: m.start()]
    if text[-1:] not in _FOREIGN_DIVISION_ENDS:
        return 0
    countries = lexicon("countries.txt")
    for length in range(min(len(text) - 2, 5), 1, -1):
        if text[:length] in countries:
            rest = text[length:]
            tag = word_tag(rest)
            if tag is not None and not tag.startswith("ns"):
                return 0  # 巴勒斯坦|地区: the country's region, one name
            words = segmenter().words(text)
            return length if any(w.end == length for w in words) else 0  # not 马里|兰州
    return 0


def _feature_not_person(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a "name" the CRF read is a lake, island or valley (查干湖, 金塘岛, 神农谷):
    it ends like one and neither follows a title (记者陈天湖) nor stands in a list of names."""
    text = analysis.doc.text
    if end - start < 3 or text[end - 1] not in _FEATURE_ENDS:
        return False
    before = text[max(0, start - 8) : start]
    if any(t.end == len(before) for t in find_titles(before)):
        return False
    person = Mention.span(analysis.doc, start, end, PERSON, NAME, score=SCORE)
    return not _in_name_list(analysis, person)


def _cut_settlement_suffix(analysis: Analysis, end: int) -> int:
    """The length of a sub-district's or town's kind that jieba cut off as a word of its
    own right after a place the tagger read (桠溪|街道), or ``0``."""
    tokens = analysis.tokens
    i = bisect.bisect_left(tokens, end, key=lambda t: t.start)
    if i < len(tokens) and tokens[i].start == end and tokens[i].text in TOWN_SUFFIXES:
        return len(tokens[i].text)
    return 0


#: Sites named after a person: the place, not a mention of the person.
_MEMORIALS = ("纪念馆", "纪念堂")


def _titled_name(text: str, start: int, end: int) -> bool:
    """Whether a "place" the tagger read is a person's name right after his title
    (副主任|江海宁): two or three characters opening with a surname, no division's name,
    and a title ending where it starts."""
    if not 2 <= end - start <= 3 or text[start] not in surnames():
        return False
    if text[start:end] in name_index():
        return False
    before = text[max(0, start - 8) : start]
    return any(t.end == len(before) and not t.title.block for t in find_titles(before))


#: Verbs of appointment and election that govern the names of a list (补选甲为…，乙为…).
_APPOINTING = re.compile("任命|选举|补选|增补|推选|选举产生")


def _appointed(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a "place" the tagger read opens a clause ``X为<organ><post>`` after a verb of
    appointment earlier in its sentence (补选甲为县长，乌云其木格|为县人大常委会副主任): a
    person, since a place is given no post."""
    text = analysis.doc.text
    if not text.startswith("为", end) or text[start:end] in name_index():
        return False
    if start and text[start - 1] not in "，,、；;":
        return False
    sentence = analysis.sentence_at(start)
    if not _APPOINTING.search(text, sentence.start, start):
        return False
    clause_end = end + 1
    while clause_end < sentence.end and "\u4e00" <= text[clause_end] <= "\u9fff":
        clause_end += 1
    clause = text[end + 1 : clause_end]
    return any(t.end == len(clause) and t.title.is_post for t in find_titles(clause))


def _listed_town(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a "name" the CRF read ending in 镇 or 乡 stands in a list beside a
    settlement the place rules read (齐都镇、稷下街道): a town, not a person."""
    text = analysis.doc.text
    if end - start < 3 or text[end - 1] not in "镇乡":
        return False
    for m in places(analysis):
        if not isinstance(m, Mention) or not m.text.endswith(TOWN_SUFFIXES):
            continue
        after = m.start == end + 1 and text[end] in "、和"
        if after or (m.end == start - 1 and text[m.end] in "、和"):
            return True
    return False


def _feature_before_area(text: str) -> int:
    """The length of the lake, mountain, river or desert that opens an area's name
    (洞庭湖|地区, 太行山|区, 库布其沙漠|边缘地区): the feature is the place. ``0`` for others
    (喀什地区 is a prefecture, 中山区 a district, 巴勒斯坦地区 a region).

    >>> [_feature_before_area(t) for t in ("洞庭湖地区", "太行山区", "中山区", "喀什地区")]
    [3, 3, 0, 0]
    """
    if text in name_index():
        return 0
    m = _AREA_AFTER_FEATURE.fullmatch(text)
    return m.end(1) if m else 0


#: A natural feature's name, then words for the area round it.
_AREA_AFTER_FEATURE = re.compile(
    r"(.{1,6}(?:湖|山|河|江|沙漠|草原|盆地))(?:周边|边缘|沿岸)?(?:地区|区)"
)

#: How the names of foreign divisions end in Chinese: 省, 州, 市, 县, 区 (边疆区), 郡, 都, 道.
_FOREIGN_DIVISION_ENDS = frozenset("省州市县区郡都道")
#: A foreign division's government after its name.
_FOREIGN_GOVERNMENT = re.compile(r"(?:政府|人民委员会|议会)")


#: Last characters of lakes, islands and valleys; few personal names end with one (5 of the
#: 10,486 names in the training text: 陈天湖, 秦秋谷).
_FEATURE_ENDS = frozenset("湖岛谷")
_URBAN_AREA = ("中心城区", "中心城市")
#: Groups gathered for a visit or a session, which the gold sets never mark as organisations.
_DELEGATIONS = (
    "观摩团", "考察团", "代表团", "调研组", "工作组", "督导组", "检查组", "巡视组", "巡察组",
)  # fmt: skip
#: Verbs glued before a level's organ (为州人大常委会, 任县委书记): no part of its name.
_GLUED_VERBS = frozenset("为在对向从由被把将任")


def _verb_before_level(text: str, start: int, end: int) -> bool:
    return end - start >= 4 and text[start] in _GLUED_VERBS and text[start + 1] in _LEVELS


#: What follows a person inside a span that is a clause, no name (彭玉林作常务委员会工作报告).
_ACTS_AFTER = frozenset("作在向对为")


def _before_holder(analysis: Analysis, start: int, end: int) -> int:
    """Where an organisation span ends before a person it holds: before a title and its
    holder's name (北京房协|副秘书长陈志, 芜湖市委|书记宁波涛) or before a title that ends it
    (某县支部|主委); at its start when a person the
    rules read opens a clause in it (彭玉林作常务委员会…: no name at all). 宋庆龄基金会 is one."""
    text = analysis.doc.text
    for t in longest(find_titles(text[start:end])):
        if t.title.block:
            continue  # 专员公署, 委员会: no title
        tail = text[start + t.end : end]
        if 2 <= len(tail) <= 4 and (tail[:1] in surnames() or tail[:2] in surnames()):
            return start + t.start
        if (
            not tail
            and t.start >= 2
            and _ends_organisation(text[start : start + t.start], lexicons().org_suffixes)
        ):
            return start + t.start  # 民进某县支部|主委: the post after its organ, read into it
    for p in found_people(analysis):
        if start <= p.start and p.end < end and text[p.end] in _ACTS_AFTER:
            return start
    return end


#: Verbs between a person and the post or organ he takes or leaves (某某原任某局局长).
_HOLDING_VERBS = re.compile(r"原任|曾任|现任|兼任|调任|担任|辞去|免去|不再担任")


def _holder_then_post(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where an organisation span the tagger read over a person and the verb of his post
    (赵思源原任区发展改革委, 司徒振华辞去开平市人民政府) splits: the end of the name of two
    to four characters that opens with a surname, and the start of the organ after the verb."""
    m = _HOLDING_VERBS.search(text, start + 2, min(end, start + 7))
    if m is None or end - m.end() < 2:
        return None
    name = text[start : m.start()]
    if len(name) > 4 or not (name[:1] in surnames() or name[:2] in surnames()):
        return None
    return m.start(), m.end()


def _guarded(text: str) -> bool:
    """Whether ``text`` is a division's name that is also an ordinary word (东至, 和平): the
    divisions extractor reads it only with evidence in the document (``kg/data/divisions.tsv``'s
    guards), and a place the tagger reads there must be one it reads too: 东至 of
    西起某区，东至某市, 新城 of 某某新城, 江山 of a slogan. Measured on the gold sets, this
    drops 21 false places for 2 true ones, a lake and a river named like a district or
    county (洱源县西湖湿地, 嫩江); PFR 23-25 Place 0.9071 -> 0.9065."""
    return any(form.guard is not None for form in name_index().get(text, ()))


_OPENING, _CLOSING = "(（[［【《“", ")）]］】》”"
_COMMITTEES = ("委", "委员会")
#: A term's ordinal before a national body (九届全国人大常委会): People's Daily tags the body alone.
_TERM_BEFORE = re.compile(r"第?[一二三四五六七八九十]{1,3}届(?=全国)")
#: What a body named with its term ends in (政协第八届全国委员会): no name starts there.
_TERM_BODIES = ("全国委员会", "委员会")
#: What follows a division for its seat, not an organ: 甘南藏族自治州州府合作市.
_SEATS = ("州府", "首府", "省会", "府所在地", "所在地", "驻地", "政府驻地")


def plausible_org(text: str) -> bool:
    """Whether the tagger's organisation span can be a name at all.

    A name never holds an unbalanced bracket (各乡镇党委书记(街道党工委) nor
    a list comma after a part that is a whole organisation already (县委、县政府;
    联合国销毁伊拉克化学、生物和核武器特别委员会 is one name). After the full
    name of a division (or of several nested ones) the rest is not a single
    character that ends no organisation — 新晃侗族自治县调(研) is a county and
    a verb — nor a word for the seat of government (甘南藏族自治州州府).

    >>> [plausible_org(t) for t in ("焦作市水利局", "新晃侗族自治县调", "县委、县政府")]
    [True, False, False]
    >>> [plausible_org(t) for t in ("甘南藏族自治州州府", "各乡镇党委书记(街道党工委", "新华社")]
    [False, False, True]

    Nor is it a division and a unit of its own (金阳县县委, 岳西县和市水利局), a division and
    a verb (某某自治县调研乡村), nor a long
    list joined by 和 whose last item ends in no organ (某某乡民族村寨和某镇某村古村落).
    """
    suffixes = lexicons().org_suffixes
    if _unbalanced(text) or any(
        _ends_organisation(part, suffixes) for part in text.split("、")[:-1]
    ):
        return False
    joined = len(text) >= _LONG_LIST and "和" in text[1:] and not _in_division_name(text, "和")
    if joined and not _ends_organisation(text.rsplit("和", 1)[1], suffixes):
        return False  # 某某瑶族乡民族村寨和某镇某村古村落: places joined, no organ
    tail = _after_divisions(text)
    if tail == text or not tail:
        return True
    if _two_units(text[: len(text) - len(tail)], tail):
        return False
    if tail.startswith(_SEATS) or "了" in tail:
        return False
    verb = (word_tag(tail[:2]) or "").startswith("v")
    settlement = tail.endswith(_SETTLEMENTS) and not tail.endswith("乡村")  # 乡村: countryside
    if verb and not _ends_organisation(tail, suffixes) and not settlement:
        return False  # 某某自治县|调研乡村: a division, then the clause's verb; not 某市|建外街道
    return len(tail) > 1 or tail in suffixes


#: From this length on a span joined by 和 must end in an organ to be one name.
_LONG_LIST = 10
_LEVELS = frozenset("省市县区州旗")
_SETTLEMENTS = ("街道", "镇", "乡", "村", "社区")


def _two_units(division: str, tail: str) -> bool:
    """A division, then a unit of its own rather than its name's rest: its organ's short form
    repeating its level (金阳县 + 县委) or a conjunction and another unit (岳西县 + 和市水利局).

    >>> pairs = (("温县", "县委"), ("岳西县", "和市水利局"), ("上海市", "和平饭店"))
    >>> [_two_units(*p) for p in pairs]
    [True, True, False]
    """
    if division[-1:] in _LEVELS and tail[:1] == division[-1]:
        return True
    rest = tail[1:]
    return tail[:1] in "和与及" and (rest[:1] in _LEVELS or _after_divisions(rest) != rest)


def _in_division_name(text: str, char: str) -> bool:
    """Whether the last ``char`` in ``text`` stands inside a division's name (呼和浩特市,
    和平区)."""
    at = text.rindex(char)
    return any(last - length < at <= last for last, (length, _) in division_automaton().iter(text))


def _ends_organisation(text: str, suffixes: frozenset[str]) -> bool:
    return any(text[-k:] in suffixes for k in range(1, len(text) + 1))


def _unbalanced(text: str) -> bool:
    depth = 0
    for c in text:
        if c in _OPENING:
            depth += 1
        elif c in _CLOSING:
            depth -= 1
            if depth < 0:
                return True
    return depth != 0


def _after_divisions(text: str) -> str:
    """``text`` less the full division names it opens with (怀化市新晃侗族自治县 …)."""
    index = name_index()
    rest = text
    while True:
        for k in range(len(rest) - 1, 1, -1):
            forms = index.get(rest[:k], ())
            if any(f.kind in ("name", "derived") for f in forms):
                rest = rest[k:]
                break
        else:
            return rest


#: After a "name", a mine, factory, village or town it names (刘桥一矿, 张庄村) —
#: unless the character opens a title or a word for its people (厂长, 村民, 镇委).
_UNIT_AFTER = re.compile(r"[一二三四五六七八九十]?[矿厂村庄镇乡](?![长民委主支书干办里])")


def _plausible_person(analysis: Analysis, m: Mention) -> bool:
    """A person unless a known kind of error — but an item of a list of names stays."""
    text = analysis.doc.text
    if _UNIT_AFTER.match(text, m.end):
        return False
    if m.text in not_person() and (
        text[m.start - 1 : m.start] in ("、", "和", "及") or text.startswith(("等", "、"), m.end)
    ):
        return False  # 茶叶、杨梅等农产品, 新材料和文旅康养等领域: a list of things
    return not is_false_person(analysis, m) or _in_name_list(analysis, m)


_PLACE_ENDINGS = frozenset("省市县区镇乡村州盟旗街路")
_NOTE = re.compile(r"[（(][^）)]*[）)]")


def _in_name_list(analysis: Analysis, m: Mention) -> bool:
    """Whether ``m`` is an item of a list of personal names (王大明、白克明、曹克明).

    Such items share their last character as parallel phrases do (亲商、安商),
    but most items have the shape of a name — two to four characters after a
    surname — and none ends like a place (张浦镇、周市镇).
    """
    sentence = analysis.sentence_at(m.start)
    items = _NOTE.sub("", sentence.text).split("、")[1:-1]
    if len(items) < 3 or m.text not in items:
        return False
    names = surnames()
    if any(item[-1:] in _PLACE_ENDINGS for item in items):
        return False
    shaped = sum(2 <= len(item) <= 4 and (item[:1] in names or item[:2] in names) for item in items)
    return shaped >= 0.7 * len(items)
