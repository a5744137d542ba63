"""Named places that are not administrative divisions: towns, sub-districts, stations, ports.

A place name is a proper name of two to four characters followed by a
settlement or facility word: 东华门街道, 杨和镇, 程阳村, 崇仁站, 磨憨口岸,
平遥古城. The name is read from the words before the suffix (or from one
word that already ends in it, 柳泉镇), and refused when it is generic (各, 全,
沿线 …) or when the whole is an ordinary word in jieba's dictionary
(城中村, 火车站, 加油站). Settlements jieba cuts apart are read by character
after a division or another settlement, after a verb of going (来到, 走进) or
a route's 经, at the start of a clause when a list, 的, 作典型发言 or 受到表彰
follows (高|山镇和…作表态发言), and as the item before a 、 that precedes one
(观摩了来龙镇、丁嘴镇) or after a verb of linking with a list after it (连接某某街道和…); no name
runs across a function character jieba cut alone or glued to an unknown word
(选举某某为|镇人大主席); the item after one may hold a verb with one more
character (李庄镇、打鼓|岭镇), but a modifier and an ordinary word (新|农村) is no
name; a one-character village name only right after its county or town
(黟县卢村, 白马镇麦村). A town and the village after it are two places even where jieba
glues them (白马|镇麦村). Route words jieba glues to a station are not part of
its name (起自|梅州西站), nor is the complement of a verb before it (保护|好龙垭|镇),
nor a word before a name jieba's dictionary knows (串联|九华山). A name whose last
character jieba glued to the suffix in a word it does not know is read with the word
before it (金山|卫站, 山盖|沟村), not after a function character (因饶|丰乡), a
settlement's word (走村|串乡) or an ordinary noun (山区|险村); a village after a generic
modifier (边境|小康村) is a kind. Towns, townships and sub-districts the division data
names (``kg/data/towns.tsv``, :func:`kg.divisions.towns`) are read whole wherever they
stand (乌里雅|斯太镇), those made of ordinary words only in a county the text names
(:func:`_known_towns`). A port area (霞山港区) is a place unless ``projects`` reads it as
a work built or expanded (某港区二期工程), and so is an airport (某市某某机场
建成投运). An airport with the city it serves before it (遵义|新舟机场) and a port with its
port area after it (某某港某某港区) are one place each. A division's
own name (景德镇) is left to the divisions extractor. Such places have no
administrative code.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
from collections.abc import Iterator

from kg.divisions import children, lineage, name_index, towns
from kg.extractors import register
from kg.extractors._phrases import (
    division_opening,
    holds_division_name,
    is_geo_name,
    lexicon,
    word_tag,
)
from kg.extractors.divisions import HOLDS_BEFORE, divisions, quoted_brand
from kg.extractors.people import PersonSpan, found_people, is_name
from kg.model import PLACE, Analysis, Mention, Token
from kg.segment import modern_words, segmenter
from kg.titles import find_titles

__all__ = ["ROUTE_END", "TOWN_SUFFIXES", "places"]

NAME = "places"
#: Words that end a place name, and the subtype they give.
SUFFIXES = frozenset(
    {"街道", "镇", "乡", "村", "社区", "站", "口岸", "机场", "港", "古城", "古镇", "景区",
     "南站", "北站", "东站", "西站", "嘎查", "苏木", "风景区", "风景名胜区", "森林公园",
     "国家森林公园", "湿地公园", "国家湿地公园", "地质公园", "自然保护区", "国家公园",
     "港区", "沙漠", "瀑布", "草原", "峡谷", "石窟", "故城", "遗址", "国家级自然保护区",
     "古道", "古驿道", "县衙", "府衙", "衙门"}
)  # fmt: skip
#: Facilities that are a project where they are built, expanded or opened (某港区建设,
#: 某港区二期工程, 某市某某机场建成投运: ``projects`` reads them) and a place where
#: something happens there or a route passes (打通某港区与某铁路的连接).
_BUILT_FACILITIES = ("港区", "机场")
#: Settlement suffixes read character by character after an anchor (沂水县院东头镇桃棵子村).
_CHAIN_SUFFIXES = ("街道", "社区", "嘎查", "苏木", "镇", "乡", "村")
#: What may separate two items of a list of settlements (卞庄街道、向城镇).
_LIST_SEPARATORS = ("、", "和", "及", "与", "以及")
#: Words a place often follows on a tour (在尚屯镇，他…; 来到胡堂乡): anchors like a place.
_GOING_TO = re.compile(
    r"(?:来到|走进|深入|前往|赴|到|在|途经|经过|经)"
    r"(?=[\u4e00-\u9fff]{2,4}(?:镇|乡|街道|村|社区)[，,、。])"
    # a work linking two settlements (某大桥连接某某街道和某某街道)
    r"|(?:连接|连通|串联)(?=[\u4e00-\u9fff]{2,4}(?:镇|乡|街道|村|社区)[和与、])"
    r"|设(?:有)?(?=[\u4e00-\u9fff]{2,4}站[，,、。])"  # 在崇礼区设太子城站，
)
#: Words after a division that introduce a place inside it (长沙县境内设星沙站).
_INSIDE = re.compile(r"(?:境内|辖区内?|县内|区内|市内)(?:设有|设|的|有)?")
#: Single-character suffixes that may close a word jieba already made (柳泉镇).
_CHAR_SUFFIXES = frozenset({"镇", "乡", "村", "站", "港"})
#: Words before a suffix that make it generic, not a name (各乡镇, 沿线站点).
_GENERIC = frozenset(
    {
        "各",
        "全",
        "该",
        "本",
        "我",
        "其",
        "每",
        "有关",
        "相关",
        "沿线",
        "周边",
        "重点",
        "特色",
        "美丽",
        "中心",
        "示范",
        "试点",
        "贫困",
        "偏远",
        "边境",
        "城市",
        "县城",
        "城区",
        "市区",
        "农村",
        "全国",
        "世界",
        "高铁",
        "火车",
        "汽车",
        "客运",
        "货运",
        "地铁",
        "公交",
        "服务",
        "工作",
        "新",
        "老",
        "大",
        "小",
        "两",
        "三",
        "多",
        "一批",
        *("一些", "有些", "这些", "那些", "部分", "主要", "多个", "几个"),  # 一些|主要|街道
        "城中",
        "各个",
        "所在",
        "当地",
        "典型",
        "先进",
        "样板",
        "标杆",
        "明星",
    }
)
_MAX_NAME = 4
#: Characters that never occur inside a settlement's name read by character.
_STOPS = frozenset("的了在和与及或是为对等、，。；：！？有把被将向从到")
#: Function characters that never begin a place name (由磨憨口岸 is 由 + 磨憨口岸).
_FUNCTION = frozenset("由在从到至于和与及等的了是为对向经往赴设把被将其该各全县市区省")
#: Words of a route that jieba glues to the name after them (线路起自梅州西站).
_ROUTE_WORDS = (
    "串联",
    "起自",
    "起于",
    "始于",
    "止于",
    "终于",
    "途经",
    "经由",
    "抵达",
    "直达",
    "通往",
    "连接",
    *("东经", "西经", "南经", "北经"),  # 向|东经|东沟|镇: east, through the town
)


#: Kinds of place that jieba's dictionary or the tagger take for names (城中村 改造, 古镇 街区).
GENERIC_PLACES = frozenset({
    "城中村", "示范村", "古镇", "古城", "老城", "新城", "县城", "山村", "新村", "渔村", "小镇",
    "集镇", "乡镇", "村寨", "古村", "老街", "城区", "市区", "郊区", "山区", "社区", "街区",
    "口岸", "边境", "景区", "民族乡", "少数民族乡", "遗址", "石窟", "自贸港", "枢纽港",
    "苏木镇", "牧业村",
})  # fmt: skip
#: Suffixes that common words before them make a kind of place (陆路口岸, 年度口岸); for 村,
#: four characters of such words (民俗旅游村), because two are often a village's name (红旗村).
#: Not 社区, whose names are often such words (幸福家园社区).
_KIND_SUFFIXES = ("口岸", "村", "遗址", "石窟", "故城", "景区")  # 抗战|遗址, 红色|景区


def _generic_head(word: str) -> bool:
    """Whether ``word`` is common words and a suffix (陆路|口岸, 大力|发展|口岸, 民俗|旅游|村)."""
    suffix = next((s for s in _KIND_SUFFIXES if word.endswith(s)), None)
    if suffix is None or len(word) == len(suffix):
        return False
    head = word[: -len(suffix)]
    site = suffix in _SITE_SUFFIXES  # 抗战|遗址, 三国|遗址: an era's or a kind's sites
    return (suffix != "村" or len(head) >= 4) and common_words(head, site) is not None


def common_words(text: str, eras: bool = False) -> int | None:
    """The fewest frequent common dictionary words of two to four characters ``text`` is
    made of (大力发展 → 2), or ``None``; a rare one (水口, 37 in jieba's counts) may be a name.
    With ``eras``, very frequent words of any kind count too (三国, 抗战)."""
    best: list[int | None] = [0] + [None] * len(text)
    for end in range(2, len(text) + 1):
        options = [
            n + 1
            for k in (2, 3, 4)
            if end - k >= 0
            and (n := best[end - k]) is not None
            and (_frequent(text[end - k : end]) or (eras and _very_frequent(text[end - k : end])))
        ]
        best[end] = min(options) if options else None
    return best[len(text)]


def _very_frequent(word: str) -> bool:
    """A word of any kind so frequent that it names an era or a theme, not a site (三国, 抗战)."""
    return segmenter().frequency(word) >= 10 * _FREQUENT_WORD


def _frequent(word: str) -> bool:
    """A common word used often enough to be the kind's, not a name (陆路: 306), or one of
    today's words jieba lacks (冷链: :func:`kg.segment.modern_words`)."""
    if word in modern_words():
        return True
    return _common(word) and segmenter().frequency(word) >= _FREQUENT_WORD


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _common(word: str) -> bool:
    """An ordinary word of jieba's dictionary (not tagged as a place or name)."""
    tag = segmenter().dictionary_tags.get(word)
    return tag is not None and not tag.startswith(("ns", "nr", "nt", "nz"))


@register(NAME, produces={PLACE}, needs="words")
def places(analysis: Analysis) -> list[Mention]:
    """Towns, sub-districts, villages, stations and ports named in the text."""
    # the organisation grammar reads the same towns (镇党委 of a town's report): find them once
    return analysis.memo(NAME, lambda: list(_places(analysis)))


def _places(analysis: Analysis) -> Iterator[Mention]:
    doc, tokens = analysis.doc, analysis.tokens
    found: list[tuple[int, int]] = []
    for i, tok in enumerate(tokens):
        span = _suffixed(tokens, i) if tok.text in SUFFIXES else _closed(tok)
        if span is None:
            span = _split_suffix(tokens, i)
        if span is None and tok.text[-1:] in "镇乡" and _rare_character_before(analysis, tok):
            span = (tokens[i - 1].start, tok.end)  # 嵩|口镇: a rare character opens the name
        if span == (tok.start, tok.end) and _opening_before_town(tokens, i):
            span = (tokens[i - 1].start, tok.end)  # 、城|南庄镇: jieba left the first alone
        organ_town = span is None and _town_before_organ(tokens, i)
        if organ_town:
            span = (tok.start, tok.end)  # 水头镇|人民政府: its organ shows a town
        if span is None:
            continue
        if span == (tok.start, tok.end) and _after_modifier(tokens, i):
            continue  # 边境|小康村, 贫困|文明村: a kind of village after its modifier
        start, end = span
        word = doc.text[start:end]
        if (_common(word) and not organ_town) or any(word.startswith(g) for g in ("各", "全")):
            continue
        if _division_then_suffix(word):
            continue  # 威县|镇村干部: a county, then the common word 镇村
        if word in name_index():
            continue  # 景德镇 is a city's short name: the divisions extractor links it
        if word.endswith(_YAMENS) and _TOWN_AFTER_YAMEN.match(doc.text, end):
            continue  # 临洮县|衙下集镇: the county, then a town whose name opens with 衙
        found.append(span)
    found += _lakes_named_by_divisions(analysis, found)
    found += _rivers_named_by_divisions(analysis)
    found += _natural_features(analysis, found)
    found += _features_in_context(analysis, found)
    found = [_bounded(analysis, span) for span in found]
    found = _with_city(analysis, found)
    found = _towns_before_villages(analysis, found)
    found = _chained(analysis, found)
    found += _units_at_clause_start(analysis, found)
    found += _listed_sites(analysis, found)
    found += _towns_after_anchors(analysis, found)
    found += _foreign_divisions(analysis, found)
    found = _with_ethnic_townships(analysis, found)
    known = _known_towns(analysis, found)
    found = [f for f in found if not any(_within(f, k) for k in known)] + sorted(known)
    taken = {i for a, b in found for i in range(a, b)}
    found += [span for span in _geo_lists(analysis) if not any(i in taken for i in range(*span))]
    projects = _project_spans(analysis, found)
    for start, end in sorted(found):
        if (start, end) not in known:  # a town the data names is whole as it is
            start = _after_clause_word(analysis, *_bounded(analysis, (start, end)))
        if doc.text[start:end] in SUFFIXES:
            continue  # 东至|港区: a bare kind of place, once the route's verb is cut away
        if doc.text[start:end] in GENERIC_PLACES or _generic_head(doc.text[start:end]):
            continue  # 城中村, 陆路|口岸, 民俗|旅游|村: a kind of place, no name
        if doc.text.startswith("年度", start):
            continue  # 2024|年度草原: the year's, no place
        if doc.text[end - 2 : end - 1] in ("两", "几", "数") and doc.text[end - 1] in "镇乡":
            continue  # 沿江|两镇: a count of towns, no name
        if quoted_brand(doc.text, start, end):
            continue  # 叫响“北疆草原”品牌: a brand, no place
        if doc.text.endswith("遗址", start, end) and doc.text.startswith("公园", end):
            continue  # 某某遗址|公园: a park, which the projects read
        if analysis.sentence_at(start).end < end:
            continue  # across a sentence boundary (a long line cut in pieces)
        if across_function_word(analysis, start, end):
            continue  # 选举某某|为|镇人大主席, 由运输港|向|产业港: a clause, no name
        built = doc.text.endswith(_BUILT_FACILITIES, 0, end)
        if built and any(s <= start and end <= e for s, e in projects):
            continue  # a port area built or expanded (某港区二期工程) is the project's
        yield Mention.span(doc, start, end, PLACE, NAME, score=0.7)


def _known_towns(analysis: Analysis, found: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """Towns, townships and sub-districts the division data names (乌里雅斯太镇, 鹤龙湖镇),
    read whole where jieba cut them (乌里雅|斯太镇) and where nothing around them shows a
    place (热水镇要…). A name that is ordinary words and its kind (中心镇, 太平镇), or one
    that a dictionary word jieba read runs into (关于|城镇), counts only where the text
    names a county (or the city of one) that has such a town; a span already found that
    holds the name (某某镇某某村) or crosses it, or a division's name running into it
    (阳江市|镇村), stays as it was."""
    text = analysis.doc.text
    table = towns()
    counties: set[str] | None = None
    chosen: set[tuple[int, int]] = set()
    spans = sorted(found)
    starts = [s for s, _ in spans]
    ends, by_end, _ = _division_ends(analysis)
    for start, end in _town_names_in(text, table):
        name = text[start:end]
        near = spans[bisect.bisect_left(starts, start - _NEAR) : bisect.bisect_left(starts, end)]
        if any(s <= start and end <= e for s, e in near) or any(
            s < start < e < end or start < s < end < e for s, e in near
        ):
            continue  # held by a longer place, or crossing one: the reading found stands
        after = by_end[bisect.bisect_right(ends, start) : bisect.bisect_right(ends, start + _NEAR)]
        if any(m.start < start for m in after):
            continue  # 阳|江市镇村: a division's name goes on into the town's
        if name.endswith("乡") and text[end : end + 1] in ("镇", "村"):
            continue  # 沿河|乡镇, 某某|乡村振兴: the word 乡镇 or 乡村, no township
        head = name[: -len(next(k for k in _TOWN_KINDS if name.endswith(k)))]
        plain = common_words(head) is not None or _common(name) or name in GENERIC_PLACES
        if plain or _inside_word(analysis, start) or _inside_word(analysis, end):
            # 中心镇, 小城镇: a kind of town; 关于|城镇, 对于|家乡, 文明|村镇: words jieba
            # reads across the name's ends — each a town only in a county named so
            if counties is None:
                counties = _named_counties(analysis)
            if not counties & set(table[name]):
                continue  # no county named that has one
        chosen.add((start, end))
    return chosen


def _inside_word(analysis: Analysis, at: int) -> bool:
    """Whether offset ``at`` falls inside a token that is a word of jieba's dictionary
    (于城 at 关|于城镇: 关于), not between two tokens or inside one jieba made up."""
    tokens = analysis.tokens
    i = _token_index(analysis, at)
    if i < 0 or tokens[i].end <= at or tokens[i].start == at:
        return False
    return tokens[i].text in segmenter().dictionary_tags


def _token_index(analysis: Analysis, at: int) -> int:
    """The index of the last token starting at or before offset ``at`` (-1: none)."""
    return bisect.bisect_right(analysis.tokens, at, key=lambda t: t.start) - 1


#: Township-level kinds in the town data (``kg/data/towns.tsv``).
_TOWN_KINDS = ("街道", "苏木", "镇", "乡")
#: How far around a town's name other names are looked at (longer than any place name).
_NEAR = 40


def _town_names_in(text: str, table: dict[str, tuple[str, ...]]) -> list[tuple[int, int]]:
    """Spans of the town data's names in ``text``, the longest ending at each kind (鹤龙湖镇,
    not 龙湖镇), none overlapping the one before: looked up at each 镇, 乡, 街道 or 苏木,
    a few dictionary lookups each."""
    spans: list[tuple[int, int]] = []
    for m in _TOWN_KIND.finditer(text):
        end = m.end()
        sizes = range(min(_longest_town(), end), 2, -1)
        start = next((end - k for k in sizes if text[end - k : end] in table), None)
        if start is None:
            continue
        while spans and spans[-1][1] > start:
            if spans[-1][0] <= start:
                break  # inside the name before it (某某镇某镇: read once)
            spans.pop()  # a shorter name this one holds
        else:
            spans.append((start, end))
    return spans


#: The kinds that end a town's name.
_TOWN_KIND = re.compile("|".join(_TOWN_KINDS))


@functools.cache
def _longest_town() -> int:
    """The length of the longest name in the town data."""
    return max(map(len, towns()))


def _named_counties(analysis: Analysis) -> set[str]:
    """Codes of the county-level divisions the text names, and of those under the cities
    it names."""
    codes: set[str] = set()
    for m in _division_ends(analysis)[1]:
        if not m.code:
            continue
        codes.add(m.code)
        codes.update(d.code for d in children(m.code))
    return codes


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    """Whether span ``inner`` lies inside ``outer`` and is shorter (斯太镇 in 乌里雅斯太镇)."""
    return outer[0] <= inner[0] and inner[1] <= outer[1] and inner != outer


def _natural_features(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rivers and lakes jieba's dictionary knows as places (岷江, 涡河, 鄱阳湖): a word of
    two or three characters of its own, tagged ``ns``, ending in 江, 河 or 湖, that names
    no division (九江 is the divisions extractor's) nor a person the rules read. Its
    mountains and longer words are too often idioms or names (人山人海, 许地山)."""
    text = analysis.doc.text
    taken = {i for a, b in found for i in range(a, b)}
    taken |= {
        i for m in divisions(analysis) if isinstance(m, Mention) for i in range(m.start, m.end)
    }
    tags, index = segmenter().dictionary_tags, name_index()
    people = found_people(analysis)
    out = []
    for tok in analysis.tokens:
        word = tok.text
        if word[-1] not in "江河湖山" or len(word) < 2:
            continue  # (every reading below ends in one of these)
        if any(i in taken for i in range(tok.start, tok.end)):
            continue
        if word in index:
            if _river_named_like_division(analysis, tok):
                out.append((tok.start, tok.end))
            continue
        mountain = len(word) == 3 and word[-1] == "山" and tags.get(word) in ("ns", "nz")
        if tags.get(word) != "ns" and not mountain:
            continue
        if word[0] in "环沿跨" or holds_division_name(word):
            continue  # 环渤海: a region round the sea; 中国台湾: a division inside
        side = mountain and _MOUNTAIN_SIDE.match(text, tok.end)
        used = not mountain and (
            _WATER_AFTER.match(text, tok.end) or _RIVER_USE.match(text, tok.end)
        )
        if tok.end < len(text) and text[tok.end] not in _AFTER_FEATURE and not side and not used:
            continue  # 大渡河|大桥, 中条山|地区, 长江|三峡: the start of a longer name
        if mountain and _listed_with_people(analysis, tok, people):
            continue  # 王统照、许地山、何其芳: a writer named like a mountain
        if mountain or (len(word) <= 3 and word[-1] in "河江湖" and is_geo_name(word)):
            person = any(p.start < tok.end and tok.start < p.end for p in people)
            before = text[max(0, tok.start - 6) : tok.start]
            titled = any(t.end == len(before) for t in find_titles(before))
            if not person and not titled:
                out.append((tok.start, tok.end))  # not 记者安江, 副市长阳安江
    return out


#: A mountain's side or route after its name (梵净山|西线, 泰山|北麓): no longer name.
_MOUNTAIN_SIDE = re.compile(r"[东西南北](?:线|麓|坡|侧|部|段)")


def _listed_with_people(analysis: Analysis, tok: Token, people: list[PersonSpan]) -> bool:
    """Whether ``tok`` is an item of a list (、) next to a word that is a person's name."""
    text, tokens = analysis.doc.text, analysis.tokens
    found = {(p.start, p.end) for p in people}
    at = bisect.bisect_left(tokens, tok.start, key=lambda t: t.start)
    neighbours = []
    if text.endswith("、", 0, tok.start) and at >= 2:
        neighbours.append(tokens[at - 2])
    if text.startswith("、", tok.end) and at + 2 < len(tokens):
        neighbours.append(tokens[at + 2])
    return any((t.start, t.end) in found or is_name(t.text) for t in neighbours)


def _river_named_like_division(analysis: Analysis, tok: Token) -> bool:
    """Whether a division's short name that ends in a kind of water (嫩江, 太湖) and that the
    divisions extractor did not link names the river: the text speaks of it as water
    (嫩江|沿岸湿地, 守护|九江)."""
    text = analysis.doc.text
    if len(tok.text) not in (2, 3) or tok.text[-1] not in "河江湖" or tok.text[0] in "滨沿环":
        return False  # 滨湖|之畔: by a lake, no name
    return _spoken_of_as_water(text, tok.start, tok.end)


def _rivers_named_by_divisions(analysis: Analysis) -> list[tuple[int, int]]:
    """A river named by a division's name and 河 or 江 where the text speaks of it as water
    (沿|大理|河西行: 大理河, not the city 大理): after 沿, 顺, 跨 … or before 沿岸, 流域 …."""
    text = analysis.doc.text
    out = []
    for m in divisions(analysis):
        if not isinstance(m, Mention) or text[m.end : m.end + 1] not in ("河", "江"):
            continue
        if m.text[-1] in "省市县区州旗盟":
            continue  # 大理市|江…: a full name is the division's
        if _spoken_of_as_water(text, m.start, m.end + 1):
            out.append((m.start, m.end + 1))
    return out


def _spoken_of_as_water(text: str, start: int, end: int) -> bool:
    """Whether the text speaks of the name at ``[start, end)`` as water: a word such as
    沿岸, 流域, 综合治理 right after it, or 沿, 跨, 守好 … right before it."""
    before = text[max(0, start - 2) : start]
    return bool(_WATER_AFTER.match(text, end) or _WATER_BEFORE.search(before))


#: The kinds of water a name read by its context ends in.
_WATER = re.compile(r"水库|[河江湖]")
#: Words right after a river's, lake's or reservoir's name that speak of it as water.
_WATER_AFTER = re.compile(
    r"沿岸|两岸|[东西南北]岸|岸边|岸线|之?畔|流域|干流|支流|[上中下]游|水系|水面|水域|水质"
    r"|湿地|源头|入海口|河口|库区|湖区|一湖|综合治理|治理|生态|景区|风景区"
)
#: Words after a river's name that speak of its use as a waterway (乌江|黄金水道, 航运).
_RIVER_USE = re.compile(r"黄金水道|水道|航运|航道|通航|码头|沿线|堤防")
#: Words right before one: along, across, guarding, drawing from or flowing into it.
_WATER_BEFORE = re.compile(r"(?:沿|顺|跨|守好|守护|保护|治理|汇入|注入|流入|引)$")
#: Characters jieba glues before a name that are no part of it (以|花亭湖).
_GLUED_FUNCTION = frozenset("以在把从向对与和及沿经至到")


def _features_in_context(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rivers, lakes and reservoirs jieba does not know (文峪河, 固城湖, 潭江, 上庄水库), read
    where the text speaks of them as water: right before 沿岸, 流域, 综合治理, 景区 …, or
    right after 沿, 跨, 守好 …. The name is the shortest of one to four characters before
    the kind that starts a word (or follows a function character jieba glued to it: 以|花亭湖)
    and opens with no common word (推进|潭江), function character or division's name (沙河);
    one character only where jieba made it one word with the kind (潭江)."""
    text = analysis.doc.text
    taken = {i for a, b in found for i in range(a, b)}
    taken |= {
        i for m in divisions(analysis) if isinstance(m, Mention) for i in range(m.start, m.end)
    }
    taken |= {i for m in found_people(analysis) for i in range(m.start, m.end)}
    tags = segmenter().dictionary_tags
    starts = {t.start for t in analysis.tokens}
    glued = _after_glued_function(analysis)
    unknown = {(t.start, t.end) for t in analysis.tokens if t.text not in tags}
    out = []
    for m in _WATER.finditer(text):
        end = m.end()
        tok = analysis.tokens[bisect.bisect_right(analysis.tokens, m.start(), key=lambda t: t.end)]
        known = tok.start < m.start() and tags.get(tok.text, "nr")[:2] != "nr"
        if known and _rare_character_before(analysis, tok):
            known = False  # 妫|水河: a rare character jieba left alone opens the name
        if end in taken or m.start() in taken or known or _WATER.match(text, end):
            continue  # 淮河, 黄浦江, 运河: a word jieba knows (read by other rules); 东江|湖
        if tok.start == m.start() and tok.end > end and text[m.start() - 1] == m.group():
            continue  # 汭河|河道: the river, then a word the kind opens (its bed), no 汭河河
        for begin in range(m.start() - 1, max(-1, m.start() - 5), -1):
            head = text[begin : m.start()]
            if begin not in starts and begin not in glued:
                continue
            after_glued = (
                len(head) == 1
                and begin in glued
                and text[begin - 1] in "沿顺跨"
                and _is_han(head)
                and head not in _STOPS
                and head not in _FUNCTION
            )
            if len(head) == 1 and (begin, end) not in unknown and not after_glued:
                continue  # 潭江 only as one word jieba made of them: 大河, 内河 are words
            if any(i in taken for i in range(begin, end)):
                break
            if not after_glued and not _water_name(head, text[begin:end]):
                break  # (沿|龙江北岸: after 沿 a one-character head names a river, 龙江 too)
            if _spoken_of_as_water(text, begin, end):
                begin = _rare_opening(analysis, begin, taken)
                out.append((begin, end))
                taken.update(range(begin, end))
            break
    return out


def _rare_opening(analysis: Analysis, begin: int, taken: set[int]) -> int:
    """``begin``, or the start of the token right before it where that token opens the name:
    a rare character jieba left alone (漾|弓江) or a word it does not know (提孜|那甫河), not a
    function character or a place already read."""
    tokens = analysis.tokens
    i = _token_index(analysis, begin)
    if i < 1 or tokens[i].start != begin:
        return begin
    before = tokens[i - 1]
    word = before.text
    if before.end != begin or any(k in taken for k in range(before.start, before.end)):
        return begin
    if not _is_han(word) or word in _FUNCTION or word in _STOPS:
        return begin
    tags = segmenter().dictionary_tags
    rare = len(word) == 1 and segmenter().frequency(word) < _RARE_CHARACTER
    unknown = 2 <= len(word) <= 3 and word not in tags
    return before.start if rare or unknown else begin


#: Below this frequency in jieba's dictionary a character standing alone is a name's (妫).
_RARE_CHARACTER = 500


def _rare_character_before(analysis: Analysis, tok: Token) -> bool:
    """Whether a two-character word (水河, 口镇) follows a rare character jieba made a word of
    its own (妫|水河, 嵩|口镇): that character opens the name."""
    if len(tok.text) != 2:
        return False
    at = bisect.bisect_left(analysis.tokens, tok.start, key=lambda t: t.start)
    if at == 0:
        return False
    before = analysis.tokens[at - 1].text
    return (
        len(before) == 1
        and _is_han(before)
        and before not in _STOPS
        and before not in _FUNCTION
        and segmenter().frequency(before) < _RARE_CHARACTER
    )


def _after_glued_function(analysis: Analysis) -> set[int]:
    """Offsets right after a function character jieba glued to the start of a word it does
    not know (以|花亭湖, 经|恩和…): a name may begin there."""
    tags = segmenter().dictionary_tags
    return {
        t.start + 1 for t in analysis.tokens if t.text[0] in _GLUED_FUNCTION and t.text not in tags
    }


def _water_name(head: str, name: str) -> bool:
    """Whether ``head`` before a kind of water can name one (``name`` the whole)."""
    if not _is_han(head) or any(c in _STOPS or c in _FUNCTION for c in head):
        return False
    if head[0] in "好了着过得住":
        return False  # 守护|好|东江湖: a verb's complement
    if name in name_index() or _common(name) or head in name_index() or _common(head):
        return False  # 九江, 运河, 护城河; 溧水|河 is the divisions'; 静观|湖畔 a verb
    opening = (head[:k] for k in (2, 3) if k <= len(head))
    return not any(_common(w) and segmenter().frequency(w) >= _FREQUENT_WORD for w in opening)


#: What may follow a river's, lake's or mountain's name that is no part of a longer one.
_AFTER_FEATURE = frozenset("，,。、；;：:！？”）)的和与及将是在为从经流畔岸边水上下两之沿以中等")


#: A route's end read into a name (北至|红坪镇): the direction and its verb are the clause's.
ROUTE_END = re.compile(r"[东西南北](?:至|起|接|连|到)")
#: What may stand between a division and a town inside it without ending the town's name.
_NOT_IN_TOWN = frozenset("的在和与及、，,。；;为是有各全该等")
_MAX_TOWN_HEAD = 2


def _bounded(analysis: Analysis, span: tuple[int, int]) -> tuple[int, int]:
    """A settlement's span with its left edge set by the text around it: not over a route's
    direction (北至|红坪镇), and from the end of a division right before it when jieba cut
    the name's first characters away (杨浦区|定|海路街道, 额济纳旗|达来|呼布镇,
    米林市|南|伊沟景区)."""
    text = analysis.doc.text
    start, end = span
    if ROUTE_END.match(text, start) and end - start >= 4:
        return start + 2, end
    if text[start] in "起至接连到" and text[start - 1 : start] in ("东", "西", "南", "北"):
        return start + 1, end  # 该路北|起灵溪|镇: the route's verb, its direction glued before
    if text[start] == "设" and text[end - 1] == "站" and end - start >= 4:
        return start + 1, end  # 在来安县设|汊河站: the verb, then the station
    if (
        text[start] in "边畔岸旁"
        and end - start >= 4
        and text[start - 1 : start] in _GEO_BEFORE_SIDE
    ):
        return start + 1, end  # 长江|边|十二圩镇: the river's side, then the town
    if not text.endswith(_HEADED_SUFFIXES, 0, end):
        return span
    ends, by_end, starts = _division_ends(analysis)
    for gap in range(1, _MAX_TOWN_HEAD + 1):
        at = start - gap
        head = text[at:start]
        if at < 0 or any(c in _NOT_IN_TOWN or c in _FUNCTION or not _is_han(c) for c in head):
            break  # 成都市|至|九寨沟景区: a route's word, no part of the name
        i = bisect.bisect_right(ends, at)  # the divisions ending after ``at``
        if any(m.start < start for m in by_end[i : i + _MAX_TOWN_HEAD + 1]):
            break
        ending_here = by_end[bisect.bisect_left(ends, at) : i]
        if head in name_index() and (
            segmenter().frequency(head) >= _RARE_WORD or not _foreign_to(head, ending_here)
        ):
            break  # 河南|邓州|赵集乡: the head is a division of its own; 新建 a verb
        if not ending_here:
            continue  # 额济纳旗|达|来: no division ends here; one character further
        if at not in starts:
            return at, end  # 米林市|南|伊沟景区: jieba glued the head to the suffix (市南)
        tag = word_tag(head)
        common = tag is not None and not tag.startswith(("nr", "ns", "nz"))
        if common and segmenter().frequency(head) >= _RARE_WORD:
            break  # 某县|新建|某某镇: a word of its own, not the name's head
        return at, end  # 额济纳旗|达来|呼布镇: a rare verb (达来) is the name's head
    return span


def _division_ends(analysis: Analysis) -> tuple[list[int], list[Mention], set[int]]:
    """The divisions' mentions sorted by their ends, those ends, and the words' starts:
    looked up by bisection for each settlement (once per document, not per name)."""

    def build() -> tuple[list[int], list[Mention], set[int]]:
        found = sorted(
            (m for m in divisions(analysis) if isinstance(m, Mention)), key=lambda m: m.end
        )
        return [m.end for m in found], found, {t.start for t in analysis.tokens}

    return analysis.memo("places.division-ends", build)


def _foreign_to(head: str, before: list[Mention]) -> bool:
    """Whether the division name ``head`` written right after the divisions ``before``
    names none inside them (科尔沁右翼中旗|巴彦|呼舒镇: 巴彦县 lies in another province), so
    it opens a town's name there instead of naming a division of its own."""
    codes = {m.code for m in before if m.code}
    if not codes:
        return False
    inside = {d.code for f in name_index()[head] for d in lineage(f.division.code)}
    return not codes & inside


#: The kinds of a town or sub-district.
TOWN_SUFFIXES = ("镇", "乡", "街道")
#: Places whose name's head jieba may cut away after the division they lie in.
_HEADED_SUFFIXES = (*TOWN_SUFFIXES, "村", "景区")
#: Kinds of historic site, named by their own name, never by a division's alone (四川石窟).
_SITE_SUFFIXES = frozenset({"石窟", "故城", "遗址"})
#: Below this frequency in jieba's dictionary a word is too rare to be a verb the text uses.
_RARE_WORD = 20
#: From this frequency on a common word before 口岸 or 村 is the kind's (see :func:`_frequent`).
_FREQUENT_WORD = 100
_GEO_BEFORE_SIDE = frozenset("江河湖海山")


#: A lake named by a division's name (衡水湖, 汉源湖): not 湖南, 湖北, 湖区, 湖州, 湖泊.
_LAKE_AFTER_DIVISION = re.compile(r"湖(?![南北区州泊光])")


def _lakes_named_by_divisions(
    analysis: Analysis, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Lakes named by a division's name and 湖 (地跨两区的衡水湖, 在汉源湖岸边): the lake is
    the place, not the city or county its name holds."""
    text, index = analysis.doc.text, name_index()
    taken = {i for a, b in found for i in range(a, b)}
    starts = {t.start for t in analysis.tokens}
    out = []
    for m in _LAKE_AFTER_DIVISION.finditer(text):
        at = m.start()
        for k in (3, 2):
            begin = at - k
            if begin >= 0 and text[begin:at] in index and begin not in taken:
                if begin in starts or not _is_han(text[begin - 1 : begin] or "。"):
                    out.append((begin, at + 1))
                break
    return out


#: Function words that jieba cuts as words of their own and no name runs across.
_CLAUSE_WORDS = frozenset("为向把被对从将")


def across_function_word(analysis: Analysis, start: int, end: int) -> bool:
    """Whether a function character (为, 向, 把 …) stands inside ``[start, end)`` as a word
    of its own or glued to the end of a word jieba does not know (马俊为|镇人大, 运输|港向|产业港):
    the span runs across a clause. A name that holds the character in a word jieba knows
    (向阳镇, 有为村) is kept."""
    tags, tokens = segmenter().dictionary_tags, analysis.tokens
    for tok in tokens[bisect.bisect_right(tokens, start, key=lambda t: t.end) :]:
        if tok.start >= end:
            return False
        if tok.end <= start + 1 or tok.end >= end or tok.text[-1] not in _CLAUSE_WORDS:
            continue
        if len(tok.text) == 1 or tok.text not in tags:
            return True
    return False


def _after_clause_word(analysis: Analysis, start: int, end: int) -> int:
    """Where a town's name starts when jieba glued the clause's verb to it: a word ending
    in 为 (选举尹家|华为|和顺镇: the name's last character and the verb) or 原任|界头镇
    (:data:`kg.extractors.divisions.HOLDS_BEFORE`)."""
    text = analysis.doc.text
    tok = analysis.tokens[bisect.bisect_right(analysis.tokens, start, key=lambda t: t.end)]
    if (
        tok.start == start
        and len(tok.text) == 2
        and tok.text[-1] == "为"
        and end - tok.end >= 3
        and text[end - 1] in "镇乡"
    ):
        return tok.end
    if text[start] == "任" and start > 0 and text[start - 1] in HOLDS_BEFORE and end - start >= 4:
        return start + 1
    return start


#: Characters that open a count or a determiner, no airport's name (两地机场, 各机场).
_COUNTING = frozenset("一二两三四五六七八九十几多各诸全本该")


def _with_city(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """An airport with the city it serves written before it (某市某某机场) and a port
    with its port area after it (某某港某某港区) are one place each, as they are named."""
    text, tokens = analysis.doc.text, analysis.tokens
    ends = {tok.end: tok for tok in tokens}
    spans: list[tuple[int, int]] = []
    for start, end in sorted(found):
        city = ends.get(start)
        airport = text.endswith("机场", 0, end) and text[start] not in _COUNTING
        if airport and city is not None and city.text in name_index():
            start = city.start  # 遵义|新舟机场; not 杭州|两地机场
        port = text.endswith("港区", 0, end) and text.endswith("港", 0, start)
        if port and spans and spans[-1][1] == start:
            start = spans.pop()[0]  # 某某港|某某港区
        spans.append((start, end))
    return spans


def _project_spans(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the projects a document names, read only where a facility that is
    one by its role (a port area) is among ``found``."""
    text = analysis.doc.text
    if not any(text.endswith(_BUILT_FACILITIES, 0, end) for _, end in found):
        return []
    from kg.extractors.projects import find_projects  # projects reads places' neighbours

    return [(p.start, p.end) for p in find_projects(analysis)]


#: Characters before a settlement's name that say a place follows (在某乡某村, 到某镇某村).
_AT_PLACE = frozenset("在到赴至经")
#: A town's suffix with a village after it (天荒坪镇余村, 惠民镇芒景村), which jieba
#: often glues across the two names (天荒坪|镇余村, 惠民|镇芒|景村).
_TOWN_THEN_VILLAGE = re.compile(r"(?=(镇|乡|街道)[\u4e00-\u9fff]{1,3}?村)")


def _towns_before_villages(
    analysis: Analysis, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Split a town and the village after it where jieba glued them (天荒坪|镇余村).

    Where a town's suffix (镇, 乡, 街道) is followed by a village name and 村, the
    town is the longest name of two to four characters before the suffix that
    starts a word; the village after it may have a one-character name (余村),
    as after a county. Readings found across the two (镇余村) give way.
    """
    text = analysis.doc.text
    bounds = {t.start for t in analysis.tokens} | {t.end for t in analysis.tokens}
    starts = {t.start for t in analysis.tokens}
    pairs: list[tuple[int, int]] = []
    for m in _TOWN_THEN_VILLAGE.finditer(text):
        suffix = m.group(1)
        at = m.start()
        town = None
        for size in range(_MAX_NAME, 1, -1):
            begin = at - size
            if begin >= 0 and begin in starts:
                span = _settlement_at(text, begin, bounds, (suffix,))
                if span == (begin, at + len(suffix)):
                    town = span
                    break
        if town is None and text[at - 3 : at - 2] in _AT_PLACE:
            # 在|采花|乡星|岩坪村: a town named by a verb, after 在 and before its village
            town = _settlement_at(text, at - 2, bounds, (suffix,), verb_named=True)
        if town is None:
            continue
        village = _settlement_at(text, town[1], bounds, ("村",), shortest=1)
        if village is not None:
            pairs += [town, village]
    if not pairs:
        return found
    taken = {i for a, b in pairs for i in range(a, b)}
    kept = [span for span in found if not any(i in taken for i in range(*span))]
    return sorted(set(kept + pairs))


def _chained(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add settlements that follow a place or a list separator after one, read by character.

    jieba cuts addresses badly (沂水县|院|东头|镇桃|棵子|村): after a division or
    a settlement, the next two to four characters that end in 镇, 乡, 村, 街道 …
    are a settlement too, and so is the item after 、 or 和 in a list of them.
    Found names that such a reading shows to be glued across two names
    (镇桃棵子村) give way.
    """
    named = [m for m in divisions(analysis) if isinstance(m, Mention)]
    text = analysis.doc.text
    bounds = {t.start for t in analysis.tokens} | {t.end for t in analysis.tokens}
    in_words = _inside_known_words(analysis)
    # a verb of its own, not the 在 inside 所在地 (县城所在地|永安镇)
    verbs = {m.end() for m in _GOING_TO.finditer(text) if m.start() not in in_words}
    division_ends = {m.end for m in named if m.text[-1:] in ("县", "区", "市", "旗", "镇", "乡")}
    division_at = {m.end: m.start for m in named}  # a division's start, by its end
    anchors = sorted({m.end for m in named} | {e for _, e in found} | verbs)  # a heap
    spans = sorted(set(found))
    ends = {e for _, e in spans}
    seen: set[int] = set()
    while anchors:
        at = heapq.heappop(anchors)
        if at in seen:
            continue
        seen.add(at)
        station = text[at - 1 : at] == "设" or text[at - 2 : at] == "设有"
        span = _settlement_at(text, at, bounds, ("站",) if station else _CHAIN_SUFFIXES)
        inside = _INSIDE.match(text, at)
        if span is None and inside is not None:  # 长沙县境内设|星沙站
            span = _settlement_at(text, inside.end(), bounds, (*_CHAIN_SUFFIXES, "站"))
        if span is None and at in division_ends:  # 黟县宏村: a one-character name after its county
            span = _settlement_at(text, at, bounds, ("村",), shortest=1)
        if span is None:
            for sep in _LIST_SEPARATORS:
                if text.startswith(sep, at) and at in ends:
                    span = _settlement_at(text, at + len(sep), bounds, listed=True)
                    break
        if span is None or _found_with_division(spans, division_at, span):
            continue  # 南京|西路街道 in 南京西路街道: the name found, opening with the city, stays
        lo = bisect.bisect_left(spans, (span[0] - _MAX_NAME - 4, 0))
        hi = bisect.bisect_left(spans, (span[1], 0))
        clash = [sp for sp in spans[lo:hi] if sp[1] > span[0]]  # glued across two names
        for sp in clash:
            spans.remove(sp)
            ends.discard(sp[1])
        bisect.insort(spans, span)
        ends.add(span[1])
        heapq.heappush(anchors, span[1])  # the next settlement may follow this one
    return spans


def _found_with_division(
    spans: list[tuple[int, int]], division_at: dict[int, int], span: tuple[int, int]
) -> bool:
    """Whether the sorted ``spans`` hold a name that ends with ``span`` and opens with the
    division ending where ``span`` starts (南京西路街道 for 南京|西路街道)."""
    start = division_at.get(span[0])
    if start is None:
        return False
    i = bisect.bisect_left(spans, (start, span[1]))
    return i < len(spans) and spans[i] == (start, span[1])


#: What follows a settlement that stands as a unit at the start of a clause:
#: a list (高山镇和某公司, 来龙镇、丁嘴镇), its report or its commendation.
_UNIT_PREDICATE = re.compile(r"[、和及与的]|等|作(?:典型|表态|交流)?发言|受到表彰|负责同志|分别")
#: Characters that are not a one-character village name (县里村, 全村, 一村).
_NOT_ONE_CHARACTER_NAME = frozenset(
    "一二三四五六七八九十百千万两几各全该本每此某其我农山乡城新老大小里外内上下中前后贫"
    "镇村街区县市省州旗"
)
_ADVERBS = frozenset("凡未莫不没非勿别皆均都")
#: What a unit does at a meeting: speaks or is commended (某镇作交流发言).
_UNIT_SPEAKS = re.compile(r"作(?:典型|表态|交流|经验交流)?发言|受到表彰|被评为")
_CLAUSE_OPENERS = frozenset("，,。；;：:！？!?\n")


def _units_at_clause_start(
    analysis: Analysis, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Settlements jieba cut apart (高|山镇, 慈|城镇, 百胜|镇作) read by character where
    they open a clause as a unit — in a list, before 作典型发言 or 受到表彰 — and the
    item before a 、 or 和 that precedes a settlement already found (观摩了来龙镇、丁嘴镇)."""
    text = analysis.doc.text
    bounds = {t.start for t in analysis.tokens} | {t.end for t in analysis.tokens}
    taken = {i for a, b in found for i in range(a, b)}
    out: list[tuple[int, int]] = []

    def add(span: tuple[int, int] | None) -> None:
        if span is None or any(c in _ADVERBS for c in text[span[0] : span[1]]):
            return  # 凡乡镇和基层单位, 未老莫还乡、: adverbs, no name
        if not any(i in taken for i in range(*span)) and _UNIT_PREDICATE.match(text, span[1]):
            out.append(span)
            taken.update(range(*span))

    for at in [0, *(i + 1 for i, c in enumerate(text) if c in _CLAUSE_OPENERS)]:
        span = _settlement_at(text, at, bounds)
        if span is None and _UNIT_SPEAKS.search(text, at, at + 12):
            # 礼让镇|作交流发言: a verb names a town that speaks as a unit
            span = _settlement_at(text, at, bounds, verb_named=True)
            if span is not None and (
                text[span[0]] in _COUNTING or not _UNIT_SPEAKS.match(text, span[1])
            ):
                span = None  # not 两个村作交流发言: a count of villages
        add(span)
    for start, _ in sorted(found):
        if start < 2 or text[start - 1] not in "、和":
            continue
        item_end = start - 1
        for size in range(_MAX_NAME, 1, -1):  # the longest reading that ends at the separator
            for suffix in _CHAIN_SUFFIXES:
                at = item_end - len(suffix) - size
                if at >= 0 and text.endswith(suffix, 0, item_end):
                    span = _settlement_at(text, at, bounds)
                    if span == (at, item_end) and (
                        at == 0
                        or not _is_han(text[at - 1])
                        or text[at - 1] in _STOPS
                        or _verb_ends_at(analysis, at)
                    ):
                        add(span)  # (抓好|)康山乡、瑞洪镇: the list's first item
    return out


def _verb_ends_at(analysis: Analysis, at: int) -> bool:
    """Whether a dictionary verb of two characters or more ends right at ``at`` (抓好|, 带动|)."""
    i = bisect.bisect_left(analysis.tokens, at, key=lambda t: t.end)
    if i >= len(analysis.tokens) or analysis.tokens[i].end != at:
        return False
    return _dictionary_verb(analysis.tokens[i].text)


def _dictionary_verb(word: str) -> bool:
    """Whether ``word``, two characters or more, is a verb of jieba's dictionary (抓好)."""
    return len(word) >= 2 and (segmenter().dictionary_tags.get(word) or "")[:1] == "v"


#: What a town's name follows where jieba glued its characters to other words: a route's
#: direction and verb (北起文|城镇, 向东经青|城镇, ，经维新|镇, 起自贾|村镇), 在 and 设在
#: (在营|根镇开幕, 主会场设在迎|龙镇).
_TOWN_ANCHOR = re.compile(
    r"[东西南北](?:起|至|经)|(?<=[，,、])经|起于|起自|止于|途经|设在|所在地|县城|位于|在"
)
#: What follows such a town: the clause's end, a list's link, or its predicate.
_AFTER_TOWN = re.compile(r"[，,。、；;和与及]|作|开幕|召开|举行|设")


def _towns_after_anchors(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Towns and sub-districts read by character where jieba glued them to other words or
    cut them in pieces, after a route's words, 在, or a county-level division right before
    them (北起文城镇, 西起阎村镇, 在营根镇开幕, 禹城市伦镇, 周至县二曲街道), and closing a clause,
    a list item or before its predicate."""
    text = analysis.doc.text
    bounds = {t.start for t in analysis.tokens} | {t.end for t in analysis.tokens}
    taken = {i for a, b in found for i in range(a, b)}
    inside = _inside_known_words(analysis)
    anchors = {m.end() for m in _TOWN_ANCHOR.finditer(text) if m.start() not in inside}
    anchors |= {m.end for m in divisions(analysis) if isinstance(m, Mention) and m.code}
    out = []
    for at in sorted(anchors):
        span = _settlement_at(text, at, bounds, ("街道", "镇", "乡"), shortest=1)
        if span is None or any(i in taken for i in range(*span)):
            continue
        if _AFTER_TOWN.match(text, span[1]) and not _common(text[span[0] : span[1]]):
            out.append(span)
            taken.update(range(*span))
    return out


#: A foreign division after its country: a name of two to six characters and its kind.
_FOREIGN_DIVISION = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:边疆区|省|州|市|[南北]道|县|郡)")


def _foreign_divisions(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A foreign city, province or region written right after its country (越南芒街市,
    俄罗斯乌苏里斯克市, 韩国忠清北道), and one more joined to it by 和 (…和堤川市): places the
    division table does not hold. The name ends at the first kind before a clause's end, a
    list's link, a group's word (代表团) or its government."""
    text = analysis.doc.text
    countries = lexicon("countries.txt")
    taken = {i for a, b in found for i in range(a, b)}
    out = []
    found_countries = [(i, len(c)) for c in countries for i in _occurrences(text, c)]
    whole = [  # not 蒙古 in 蒙古国, 苏丹 in 南苏丹
        (i, n)
        for i, n in found_countries
        if not any(j <= i and i + n <= j + m and m > n for j, m in found_countries)
    ]
    for i, size in sorted(whole):
        at = i + size
        for _ in range(2):  # the division, then one joined to it by 和
            d = _FOREIGN_DIVISION.match(text, at)
            if d is None or any(k in taken for k in range(*d.span())):
                break
            if not _AFTER_FOREIGN.match(text, d.end()) or _plain_words_in(d.group()):
                break
            out.append(d.span())
            if not text.startswith("和", d.end()):
                break
            at = d.end() + 1
    return out


@functools.cache
def _ethnic_township() -> re.Pattern[str]:
    groups = "|".join(sorted(lexicon("ethnic_groups.txt"), key=len, reverse=True))
    return re.compile(rf"([\u4e00-\u9fff]{{2,4}}?)(?:{groups}){{1,2}}(?:民族)?乡")


def _with_ethnic_townships(
    analysis: Analysis, found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Ethnic townships: a place name of two to four characters, one or two ethnic groups
    and 乡 or 民族乡 (九嶷山瑶族乡, 恩和俄罗斯族民族乡), however jieba cut them; the name
    starts a word, opens with no function character and holds no division's name. Readings
    inside one (瑶族乡) give way."""
    text = analysis.doc.text
    out = list(found)
    if "族" not in text:
        return out
    # 经恩|和俄罗斯族民族乡: also after the route's word jieba glued to the name
    starts = {t.start for t in analysis.tokens} | _after_glued_function(analysis)
    for at in sorted(starts):
        m = _ethnic_township().match(text, at)
        if m is None:
            continue
        name, (begin, end) = m.group(1), m.span()
        if name[0] in _FUNCTION or not _is_han(name) or _verbal(name[:2]):
            continue  # 位于|勿角藏族乡: the clause's verb, then the township
        if holds_division_name(name) or any(
            a < end and begin < b and (a < begin or b > end) for a, b in out
        ):
            continue
        out = [(a, b) for a, b in out if not (begin <= a and b <= end)] + [(begin, end)]
    return out


def _plain_words_in(name: str) -> bool:
    """Whether a foreign name read by character holds a function character or a frequent
    common word (共同社今天|报道, 股市|长期牛市, 西部|雷利赞省): a clause, not a name."""
    if any(c in _STOPS for c in name):
        return True
    return any(
        _very_frequent(name[i:j]) and _common(name[i:j])
        for i in range(len(name) - 1)
        for j in range(i + 2, min(len(name), i + 4) + 1)
    )


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


#: What may follow a foreign division's name.
_AFTER_FOREIGN = re.compile(r"[，,。、；;和与及的]|代表团|设|政府|人民委员会|议会")


def _settlement_at(
    text: str,
    at: int,
    bounds: set[int],
    suffixes: tuple[str, ...] = _CHAIN_SUFFIXES,
    shortest: int = 2,
    listed: bool = False,
    verb_named: bool = False,
) -> tuple[int, int] | None:
    """A settlement name of two (or ``shortest``) to four characters starting at ``at``,
    with its suffix. An item ``listed`` after another settlement may hold a verb with one
    character of the name after it (韦州镇、下马关镇); ``verb_named`` admits a name that is a
    dictionary verb (采花乡) where the text around it shows a settlement."""
    if _ends_a_date(text, at):
        return None  # 2025年|依龙镇, 今年|依龙镇: the date's 年, then the town
    if text.startswith(_ROUTE_WORDS, at):
        return None  # 向|东经|大营镇: the route's words, then the town
    for size in range(shortest, _MAX_NAME + 1):
        name = text[at : at + size]
        if len(name) < size or not _is_han(name):
            return None
        if size == 1 and (name in _STOPS or name in _NOT_ONE_CHARACTER_NAME):
            continue  # 后 is no town's name alone; 后|港镇 may be one
        if any(ch in _STOPS for ch in name):
            return None
        if _REGION_OF.match(name):
            return None  # 通榆县|西部|瞻榆镇: the county's west, then the town
        for suffix in suffixes:
            end = at + size + len(suffix)
            if not text.startswith(suffix, at + size):
                continue
            word = text[at:end]
            after = text[end - 1 : end + 1]
            if end not in bounds and segmenter().dictionary_tags.get(after) is not None:
                continue  # 村民, 镇长: the suffix begins another word
            if name in _GENERIC or name[0] in _FUNCTION or _common(word):
                return None
            if not verb_named and _verbal(name) and not _numbered_name(name):
                return None
            if _division_name(name) or (
                division_opening(name, 0, size - 1) and not (listed and _province_opening(name))
            ):
                return None  # 黟县宏村: a division, then the settlement
            if any(name.startswith(g) for g in _GENERIC if len(g) > 1):
                return None
            if name[0] in _GENERIC and _common(word[1:]):
                return None  # 新农村: a modifier and an ordinary word
            if not verb_named and _has_verb(text, at, at + size, spare=1 if listed else 0):
                return None  # 陆家镇|获评先进镇
            return at, end
    return None


_DATE_WORDS = ("今年", "去年", "明年", "前年", "当年")


def _ends_a_date(text: str, at: int) -> bool:
    """Whether the character at ``at`` closes a date or year (2025年, 今年, 6月, 18日)."""
    if text.startswith(_DATE_WORDS, at):
        return True  # 今年|依龙镇: a date word, then the name
    if at == 0 or at >= len(text) or text[at] not in "年月日":
        return False
    before = text[at - 1]
    return before.isdigit() or before in "今去明前后当同该本元正一二三四五六七八九十"


#: A part of a division named by its direction (西部, 东北部, 中部), which opens no name.
_REGION_OF = re.compile("[东西南北中]{1,2}部")


def _province_opening(name: str) -> bool:
    """Whether a province's short name opens ``name`` (河南|店): in a list of towns, a town's
    name, since a province is not written right before a town it holds."""
    index = name_index()
    return any(
        f.division.level == "province" and f.kind == "short"
        for k in (2, 3)
        for f in index.get(name[:k], ())
    )


def _division_name(name: str) -> bool:
    """A division's name other than a short one: 黟县 is one; 惠民 of 惠民镇 also names a town."""
    return any(f.kind != "short" for f in name_index().get(name, ()))


def _name_part(word: str, adjacent: bool) -> bool:
    """Whether a word can be part of a place's name: not generic, a verb, or a division."""
    if word in _GENERIC or word in SUFFIXES or (len(word) == 1 and word in _FUNCTION):
        return False
    if word in name_index():
        return adjacent  # 歙县 + 徽州古城: a division further back is not part of the name
    tag = segmenter().dictionary_tags.get(word)
    return tag is None or tag.startswith("n") or len(word) == 1


def _suffixed(tokens: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """The name words before suffix token ``i`` and the suffix: 东华门 + 街道; a reserve's or
    park's grade jieba cut from its kind belongs to the suffix (莫莫格|国家级|自然保护区)."""
    end = tokens[i].end
    if tokens[i].text in _GRADED_KINDS and i and tokens[i - 1].text in _GRADES:
        i -= 1
    start = tokens[i].start
    j = i - 1
    # a sub-district named after its road keeps a city's name in it (南京|西路|街道, 大宁|路|街道)
    road = tokens[i].text in ("街道", "社区") and i > 0 and tokens[i - 1].text.endswith("路")
    while j >= 0 and tokens[j].end == start and _is_han(tokens[j].text):
        if not _name_part(tokens[j].text, adjacent=j == i - 1 or road) or (
            j < i - 1 and len(tokens[j].text) == 1
        ):
            if _opening_character(tokens, j, i):
                start = tokens[j].start  # ，大|东坝|镇: a one-character part of the name
                j -= 1
            break
        if tokens[i].start - tokens[j].start > _MAX_NAME:
            break
        start = tokens[j].start
        j -= 1
        if tokens[j + 1].text in name_index():
            break  # 参观|平遥|县衙: a division opens the name; the word before is the clause's
    if j >= 0 and tokens[j].end == start and _after_verb(tokens[j], tokens[j + 1]):
        start += 1  # 保护|好神|垕|镇: 好 completes the verb before the name
        if tokens[i].start - start < 2:
            return None
        return start, end
    return _trimmed(tokens[j + 1 : i + 1], start, tokens[i].start, end)


def _inside_known_words(analysis: Analysis) -> set[int]:
    """Offsets inside a word of jieba's dictionary, not at its start (the 在 of 所在地): a
    verb read there is part of that word, not the clause's. Only words holding a character
    of such a verb after their first are looked at."""

    def inside() -> set[int]:
        tags = segmenter().dictionary_tags
        return {
            t.start + k
            for t in analysis.tokens
            if len(t.text) > 1 and any(c in _VERB_CHARACTERS for c in t.text[1:]) and t.text in tags
            for k in range(1, len(t.text))
        }

    return analysis.memo("places.inside-known-words", inside)


#: The first characters of the verbs _GOING_TO and _TOWN_ANCHOR read a town after.
_VERB_CHARACTERS = frozenset("来走深前赴到在途经连串设东西南北起止")


#: The organs of a town written right after its name (某镇人民政府, 某镇党委).
_TOWN_ORGAN_WORDS = frozenset({"人民政府", "党委", "政府", "人大", "纪委"})


def _town_before_organ(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether word ``i`` is a town's name of three or four characters that jieba knows as a
    word (水头镇) right before its organ (人民政府, 党委): a town, whatever its head means."""
    tok = tokens[i]
    return (
        3 <= len(tok.text) <= 4
        and tok.text[-1] in "镇乡"
        and _is_han(tok.text)
        and i + 1 < len(tokens)
        and tokens[i + 1].start == tok.end
        and tokens[i + 1].text in _TOWN_ORGAN_WORDS
        and tok.text[0] not in _FUNCTION
    )


#: A county's or prefecture's seat of old (内乡县衙), a site.
_YAMENS = ("县衙", "府衙", "衙门")
_TOWN_AFTER_YAMEN = re.compile(r"[\u4e00-\u9fff]{0,3}[镇乡村]")
#: Kinds of protected area or park whose grade jieba cuts off as a word of its own.
_GRADED_KINDS = frozenset({"自然保护区", "森林公园", "湿地公园", "地质公园", "风景名胜区"})
_GRADES = frozenset({"国家级", "省级", "自治区级", "市级", "县级", "国家"})
#: Numerals that open a town's name (三|塘湖|镇), not a count (三|个镇).
_NUMERAL_OPENINGS = frozenset("一二三四五六七八九十")
#: Above this frequency a character standing alone is a function word (也, 就, 已, 将).
FUNCTION_CHARACTER = 30_000
#: Characters that open a settlement's name as a word of their own (大|东坝|镇, 小|河口|村),
#: though jieba's dictionary knows them as words.
_OPENING_CHARACTERS = frozenset("大小新老上下")


def _opening_character(tokens: tuple[Token, ...], j: int, suffix: int) -> bool:
    """Whether one-character token ``j`` opens the name of a settlement written right after a
    clause's or list's opening (，大|东坝|镇): the name word after it has two characters or
    more, and the whole name no more than four."""
    name_word, char = tokens[j + 1], tokens[j].text
    before = tokens[j - 1].text if j else ""
    if (
        j + 1 >= suffix
        or len(name_word.text) < 2
        or not _name_opening(char, name_word.text, before)
    ):
        return False
    if tokens[suffix].start - tokens[j].start > _MAX_NAME:
        return False
    if tokens[suffix].text not in (*TOWN_SUFFIXES, "村"):
        return False
    return _opens_after(tokens[j - 1].text if j else "")


def _opening_before_town(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the one-character word before a town jieba made one word of (城|南庄镇) opens
    its name, as :func:`_opening_character` reads it before a name and its suffix."""
    tok = tokens[i]
    if i == 0 or not 3 <= len(tok.text) <= _MAX_NAME or tok.text[-1] not in "镇乡":
        return False
    char = tokens[i - 1]
    before = tokens[i - 2].text if i > 1 else ""
    if char.end != tok.start or not _name_opening(char.text, tok.text, before):
        return False
    return _opens_after(tokens[i - 2].text if i > 1 else "")


def _name_opening(char: str, rest: str, before: str = "") -> bool:
    """Whether ``char``, a word of its own, may open a settlement's name ``char + rest``;
    a direction only where a clause or a list's item opens with it (，南|壕堑镇、…): a
    direction there is no route's (向东|经…) or a part's (县城南|…)."""
    if len(char) != 1 or not _is_han(char):
        return False
    if char in _OPENING_CHARACTERS:
        return True
    if char in "东西南北" and before and (before in _CLAUSE_OPENERS or before in _LIST_SEPARATORS):
        return True
    if char in _NUMERAL_OPENINGS:
        return rest[0] not in _COUNTING_WORDS
    return not (
        char in _FUNCTION
        or char in _STOPS
        or char in _GENERIC
        or char in _COUNTING
        or char in _ADVERBS
        or char in "东西南北仅只才共约近另再"
        or segmenter().frequency(char) >= FUNCTION_CHARACTER
    )  # 到|青|山沟|镇, 营|城子|镇; not 也|事关镇 or 仅|五里桥乡, an adverb


def _opens_after(before: str) -> bool:
    """Whether a name may open after the word ``before``: a clause's or list's opening, 在 …,
    a particle or a verb (，大|东坝|镇, 在|三|塘湖|镇, 推动|汇|口镇, 研究了|大…)."""
    opening = before in _CLAUSE_OPENERS or before in _LIST_SEPARATORS or before in _AT_PLACE
    verb = _dictionary_verb(before)
    date = before in ("年", "月", "日", *_DATE_WORDS)  # 2025年|依|龙镇
    return not before or opening or verb or date or before == "了"


#: Characters that complete a verb as its result (保护好, 守住, 建完), not a name's first.
_COMPLEMENTS = frozenset("好住完")


def _after_verb(verb: Token, first: Token) -> bool:
    """Whether ``first`` opens with a complement of the dictionary verb ``verb`` before it."""
    tag = segmenter().dictionary_tags.get(verb.text)
    return first.text[:1] in _COMPLEMENTS and tag is not None and tag.startswith("v")


def _trimmed(
    tokens: tuple[Token, ...], start: int, suffix_start: int, end: int
) -> tuple[int, int] | None:
    """Drop function characters jieba glued to the front of a name; names have 2–4 characters."""
    text = "".join(t.text for t in tokens if start <= t.start < end)
    offset = 0
    while suffix_start - (start + offset) > 2:
        route = next((w for w in _ROUTE_WORDS if text.startswith(w, offset)), "")
        if route and suffix_start - (start + offset + len(route)) >= 2:
            offset += len(route)
        elif text[offset] in _FUNCTION:
            offset += 1
        else:
            break
    start += offset
    if not 2 <= suffix_start - start <= _MAX_NAME:
        return None
    return start, end


def _closed(tok: Token) -> tuple[int, int] | None:
    """A word of three or four characters that ends in a suffix character: 柳泉镇."""
    if 3 <= len(tok.text) <= _MAX_NAME + 1 and tok.text[-1] in _CHAR_SUFFIXES:
        head = tok.text[:-1]
        if _is_han(tok.text) and head not in _GENERIC and not _common(head):
            return _trimmed((tok,), tok.start, tok.end - 1, tok.end)
    return None


def _after_modifier(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether token ``i`` follows a generic modifier of two characters or more (边境|小康村)."""
    before = tokens[i - 1] if i else None
    return (
        before is not None
        and before.end == tokens[i].start
        and len(before.text) >= 2
        and before.text in _GENERIC
    )


#: Suffixes read across a word jieba did not know (金山|卫站, 山盖|沟村); not 乡 or 镇,
#: which such words often are themselves (之光耀|贫乡: a poor township, no name).
_SPLIT_SUFFIXES = frozenset("站村")
#: Characters of cause and agency jieba glues before a name (因饶|丰乡, 受子|君村).
_CAUSES = frozenset("因受让给使")


def _split_suffix(tokens: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """A name whose last character jieba glued to the suffix in a word it does not know
    (金山|卫站, 山盖|沟村): the name word before and that word, four characters."""
    tok = tokens[i]
    if len(tok.text) != 2 or tok.text[-1] not in _SPLIT_SUFFIXES or not _is_han(tok.text):
        return None
    if tok.text[0] in _FUNCTION or segmenter().dictionary_tags.get(tok.text) is not None:
        return None
    if i == 0 or tokens[i - 1].end != tok.start:
        return None
    before = tokens[i - 1].text
    if len(before) != 2 or not _is_han(before) or not _name_part(before, adjacent=True):
        return None
    if before[0] in _FUNCTION or before[0] in _CAUSES:
        return None  # 因|饶丰乡, 受|子君村: a function word jieba glued to the name
    if any(c in _CHAR_SUFFIXES for c in before):
        return None  # 走村|串乡, 镇|西岗村: a settlement's word is no part of the name
    if before in name_index():  # 金山|卫站; 天津|杨村 is a city and a village
        return (tokens[i - 1].start, tok.end) if tok.text[-1] == "站" else None
    tag = segmenter().dictionary_tags.get(before)
    if tag is not None and not tag.startswith(("nr", "nz")):
        return None  # 山区|险村: an ordinary noun before
    return tokens[i - 1].start, tok.end


#: Words after a numeral that make it a count (两个镇, 几些村).
_COUNTING_WORDS = "个些批多余几名位户座处年大"


def _numbered_name(name: str) -> bool:
    """A settlement's name a numeral opens (七级镇, 三道镇, 十里铺村), not a count of
    settlements (两个镇, 几些村): the numeral is followed by no counting word."""
    return (
        len(name) >= 2
        and name[0] in _NUMERAL_OPENINGS
        and name[1] not in _COUNTING_WORDS
        and segmenter().dictionary_tags.get(name, "")[:1] == "m"
    )


def _verbal(word: str) -> bool:
    """A dictionary verb, adjective or function word (建设, 美丽, 已经): no place name."""
    tag = segmenter().dictionary_tags.get(word)
    return tag is not None and tag[:1] in ("v", "a", "d", "p", "c", "r", "u", "m", "q", "f")


def _division_then_suffix(word: str) -> bool:
    """A county's or city's full name with a bare suffix after it (威县镇 in 威县镇村干部);
    not a station of a county named by one character, which bears its full name (藤县站)."""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if word.endswith(suffix):
            head = word[: -len(suffix)]
            if suffix == "站" and len(head) == 2:
                return False
            if suffix in _SITE_SUFFIXES:
                return head in name_index()  # 四川|石窟: a province's grottoes, no site's name
            return head[-1:] in ("县", "市", "区", "旗") and head in name_index()
    return False


def _has_verb(text: str, start: int, end: int, spare: int = 0) -> bool:
    """Whether ``text[start:end]`` holds a dictionary verb or adverb of two characters or more
    (one followed by exactly ``spare`` characters of the text aside)."""
    tags = segmenter().dictionary_tags
    for i in range(start, end - 1):
        for j in range(i + 2, end + 1):
            if spare and end - j == spare:
                continue
            tag = tags.get(text[i:j])
            if tag is not None and tag[:1] in ("v", "d", "p", "c", "r", "u"):
                return True
    return False


#: A list of sites closed by 等 and a word for scenic or historic places (黄洋界、茅坪等红色景区).
_SITE_LIST = re.compile(
    r"((?:[\u4e00-\u9fff]{2,5}、)+[\u4e00-\u9fff]{2,5})等(?:[\u4e00-\u9fff]{0,2})"
    r"(?:景区|景点|名胜|古迹|生态资源|旅游资源|核心资源|红色资源|文旅资源)"
)


def _listed_sites(analysis: Analysis, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items of a list of two or more sites closed by 等 and a word for scenic or historic
    places (推动黄洋界、茅坪、龙市等红色景区串珠成链; 神农谷、云阳山等生态资源): each item a
    place. The first item is the shortest run of words before the list's first 、 with no
    verb (长江|巫峡 gives 巫峡); an item that is a frequent word, holds a verb or is already
    read is left to the rest."""
    text = analysis.doc.text
    starts = {t.start for t in analysis.tokens}
    taken = {i for a, b in found for i in range(a, b)}
    out = []
    for m in _SITE_LIST.finditer(text):
        pieces, at = [], m.start(1)
        for piece in m.group(1).split("、"):
            pieces.append((at, at + len(piece)))
            at += len(piece) + 1
        first_start, first_end = pieces[0]
        heads = range(first_end - 2, max(first_start, first_end - 4) - 1, -1)  # shortest first
        head = next((k for k in heads if k in starts and not _has_verb(text, k, first_end)), None)
        if head is None:
            continue
        pieces[0] = (head, first_end)
        for a, b in pieces:
            item = text[a:b]
            if any(i in taken for i in range(a, b)) or _frequent(item) or _has_verb(text, a, b):
                continue
            if len(item) <= 4 and a in starts:
                out.append((a, b))
    return out


#: Endings of islands, mountains, lakes and rivers named in lists (湄洲岛、南日岛、平潭岛).
_GEO_LIST_ENDINGS = frozenset("岛山湖河江峰")
_GEO_ITEM = re.compile(r"[\u4e00-\u9fff]{3,12}")


def _geo_lists(analysis: Analysis) -> list[tuple[int, int]]:
    """Items of a 、-list of two or more names with one geographic ending (南日岛 among 岛s).

    jieba knows 湄洲岛 but not 南日岛; in a list of islands, mountains or lakes
    every item of three to five characters with the same ending is one too.
    """
    text = analysis.doc.text
    starts = {t.start for t in analysis.tokens}
    items: list[tuple[int, int]] = []
    out: list[tuple[int, int]] = []

    def flush() -> None:
        by_end: dict[str, list[tuple[int, int]]] = {}
        for a, b in items:
            by_end.setdefault(text[b - 1], []).append((a, b))
        for ending, spans in by_end.items():
            if ending in _GEO_LIST_ENDINGS and len(spans) >= 2:
                out.extend(span for span in spans if not _landscape(text[span[0] : span[1]]))
        items.clear()

    ends = {t.end for t in analysis.tokens}
    for m in _GEO_ITEM.finditer(text):
        lo, hi = m.span()
        after_list = text[lo - 1 : lo] == "、"
        name = _geo_item(text, lo, hi, starts)
        if name is None and after_list:
            name = _geo_head(text, lo, hi, ends)  # 、平潭岛|旅游持续升温
        if name is not None and not (items and text[items[-1][1] : name[0]] == "、"):
            flush()
        if name is not None:
            items.append(name)
        if name is None or name[1] != hi or not text.startswith("、", hi):
            flush()
    flush()
    return out


def _geo_head(text: str, lo: int, hi: int, ends: set[int]) -> tuple[int, int] | None:
    """A name of 3 to 5 characters that begins a run and ends a word (平潭岛 in 平潭岛旅游)."""
    for end in range(lo + 3, min(hi, lo + _MAX_NAME + 1) + 1):
        if end in ends and text[end - 1] in _GEO_LIST_ENDINGS and not _has_verb(text, lo, end):
            return lo, end
    return None


def _geo_item(text: str, lo: int, hi: int, starts: set[int]) -> tuple[int, int] | None:
    """The name ending a run of characters: its longest word-initial tail of 3 to 5 characters,
    or the name jieba's dictionary knows that ends it (串联|天柱山: no word before it joins)."""
    if text[hi - 1] not in _GEO_LIST_ENDINGS:
        return None
    for start in range(max(lo, hi - _MAX_NAME - 1), hi - 2):
        tag = segmenter().dictionary_tags.get(text[start:hi])
        if start in starts and tag is not None and tag.startswith(("ns", "nr", "nz")):
            return start, hi
    for start in range(max(lo, hi - _MAX_NAME - 1), hi - 2):
        if start not in starts or text[start] in _FUNCTION:
            continue
        if not _has_verb(text, start, hi) and not _common(text[start:hi]):
            return start, hi
    return None


def _landscape(name: str) -> bool:
    """A phrase of nature words, not a name: 绿水青山, 金山银山 (two of 山水河江湖海)."""
    return sum(name.count(ch) for ch in "山水河江湖海") >= 2
