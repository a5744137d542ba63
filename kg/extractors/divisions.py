"""Administrative divisions named in the text, linked to their codes.

Every name in :func:`kg.divisions.name_index` (official names, short names,
usual abbreviations such as 大理州, former names such as 襄樊) is searched with
one Aho–Corasick automaton. A match counts only when:

1. it starts and ends on jieba word boundaries — 区域合作 is 区域/合作, but
   和平区域 is 和平/区域, so 和平区 is not read there;
2. of overlapping matches, it is the longest (焦作市 over 焦作);
3. a name that is also an ordinary word passes its guard from the data
   file: ``context`` — its parent (or the division itself) is named elsewhere
   in the document (博爱 in a text about 焦作); ``adjacent`` — its parent's
   name comes right before it (甘南州合作, 晋城市城区). 合作 and 和平 alone
   never count. A short name that is only a kind of zone (高新区) counts
   right after its parent (成都高新区) or where the document's home city —
   named twice as often as any other — is its parent. A short name right
   before 镇, 乡, 村 or 街道 is that settlement's name (白沙镇, not 白沙县), and
   a county's short name counts only where its province has a division
   named in full in the document, or its parent is named, if any division is
   named in full at all, or it stands in a route or list of places (白沙 of
   Hainan in a text about 阳朔县 is no county; 通化至桓仁 crosses a border).

Names shared by several divisions (朝阳区 in 北京 and 长春, 鼓楼 in four
cities) are settled by the other divisions of the same document: a candidate
already named elsewhere wins, then one whose parent is named, then one whose
province is named; a remaining tie goes to the candidate whose supporting
mention is nearest. Unambiguous matches are settled first and become context
for the rest, in a few rounds. What is still ambiguous at the end goes to the
single candidate of the highest level, if there is one (朝阳 alone is 朝阳市,
with a lower score), and is otherwise left out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from kg.divisions import Division, Form, lineage, name_index
from kg.divisions import get as get_division
from kg.extractors import register
from kg.extractors._phrases import word_tag
from kg.model import PLACE, Analysis, Mention

__all__ = ["HOLDS_BEFORE", "automaton", "conjunction_and_level", "divisions", "quoted_brand"]

NAME = "divisions"
_KIND_SCORE = {"name": 0.95, "derived": 0.9, "short": 0.85, "former": 0.8}
#: Subtracted when the choice among namesakes rested on the document's other places.
_CHOSEN_BY_CONTEXT = 0.05
_FALLBACK_SCORE = 0.6
_ROUNDS = 4


@functools.cache
def automaton() -> Any:
    """The Aho–Corasick automaton over every division name (built once per process)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for text, found in name_index().items():
        auto.add_word(text, (len(text), found))
    auto.make_automaton()
    return auto


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    forms: tuple[Form, ...]


@register(NAME, produces={PLACE}, needs="words")
def divisions(analysis: Analysis) -> list[Mention]:
    """Provinces, cities and counties, each linked to its administrative code."""
    # other extractors (the organisation grammar) read the same places: find them once
    return analysis.memo(NAME, lambda: list(_find(analysis)))


def _find(analysis: Analysis) -> Iterator[Mention]:
    doc = analysis.doc
    found = _matches(doc.text, _boundaries(analysis))
    whole = [m for m in found if analysis.sentence_at(m.start).end >= m.end]  # not across two
    spans = _longest(whole)
    for span, form, score in _resolve(spans, doc.text):
        if quoted_brand(doc.text, span.start, span.end):
            continue
        if doc.text[span.start] == "任" and doc.text[span.start - 1 : span.start] in HOLDS_BEFORE:
            continue  # 原任|县人民政府代县长: the verb 原任, not the former 任县
        if _road_direction(doc.text, span.start, span.end):
            continue  # 该路北|起: a road's direction and its verb, not the district 路北
        if conjunction_and_level(doc.text, span.start, span.end):
            continue  # 调楼镇和|县海洋与渔业局: 和 joins the list, 县 opens the next unit
        if form.kind == "short" and _after_title(doc.text, span.start):
            continue  # 县政协主席周宁: a person named like a county (周宁县)
        division = form.division
        end = span.end - 1 if _urban_area(doc.text, span.start, span.end) else span.end
        yield Mention.span(
            doc,
            span.start,
            end,
            PLACE,
            NAME,
            score=score,
            subtype=division.subtype,
            key=division.name,
            code=division.code,
        )


#: A route's verbs after its direction (北起, 南至).
_ROUTE_VERBS = ("起", "至", "接", "连", "侧")


def _road_direction(text: str, start: int, end: int) -> bool:
    """Whether a division named 路 + a direction (路北, 路南) is a road's direction before
    its route's verb (该路北起某镇): 衡东至南岳 is a route between two divisions."""
    return (
        end - start == 2
        and text[start] == "路"
        and text[end - 1] in "东西南北"
        and text.startswith(_ROUTE_VERBS, end)
    )


def _urban_area(text: str, start: int, end: int) -> bool:
    """Whether a city's name is followed by 区 of 市区, its urban area (距三亚市|区约60公里):
    the place is the city, written without its 市 (三亚), not a district named 三亚市区."""
    return (
        end - start >= 3
        and text[end - 1] == "市"
        and text.startswith("区", end)
        and not text.startswith(("域", "划", "县", "级"), end + 1)
        and text[start : end + 1] not in name_index()
    )


def conjunction_and_level(text: str, start: int, end: int) -> bool:
    """Whether a division written 和 + a level character (和县) is a list's conjunction
    before a bare level's unit: an item of a list before it, an organ's word after it."""
    return (
        end - start == 2
        and text[start] in "和与及"
        and text[start + 1] in "县市区"
        and start > 0
        and "\u4e00" <= text[start - 1] <= "\u9fff"
        and not text.startswith(("，", "。", "、"), end)
    )


def _after_title(text: str, start: int) -> bool:
    """Whether a post title ends right before ``start`` (副市长|周宁)."""
    from kg.titles import find_titles, longest

    before = text[max(0, start - 6) : start]
    return any(
        t.end == len(before) and t.title.is_post and not t.title.block
        for t in longest(find_titles(before))
    )


#: Characters before 任 that make it a verb of holding a post (原任, 曾任, 兼任 …): the
#: 任 opens no division (任县) and no town (任界头镇) after it.
HOLDS_BEFORE = frozenset("原曾现兼调升改转拟担出继接历后")

#: Heads of the farm and craft products a county's name brands (“五常大米”, “沙县小吃”,
#: “荣昌猪”, “安岳柠檬”): a regional brand, no mention of the place.
_PRODUCTS = (
    *"米稻茶酒醋面粉鸡鸭鹅羊牛猪鱼蟹虾梨桃枣橙柑橘柚杏李瓜芋姜蒜椒菇耳瓷陶锦绣",
    "小吃", "苹果", "柠檬", "咖啡", "葡萄", "核桃", "板栗", "蜂蜜", "木耳", "辣椒", "土豆",
    "腊肉", "火腿", "豆腐", "猕猴桃", "脐橙", "蜜柚", "白茶", "红茶", "绿茶", "黑茶", "毛尖",
)  # fmt: skip
_MAX_PRODUCT = 3


def quoted_brand(text: str, start: int, end: int) -> bool:
    """Whether a county's name opens a quoted product's name (“沙县小吃”, “静宁苹果”), or a
    name stands inside a quoted brand or slogan (擦亮“水上泗洪”名片, 叫响“北疆草原”品牌)."""
    if _in_branded_quote(text, start, end):
        return True
    if not text.endswith("“", 0, start):
        return False
    forms = name_index().get(text[start:end], ())
    if not forms or any(f.division.level == "province" for f in forms):
        return False  # “广东早茶”: a province's cuisine names the province
    close = text.find("”", end, end + _MAX_PRODUCT + 1)
    return close > end and text[end:close].endswith(_PRODUCTS)


#: Words after a quoted phrase that make it a brand or a slogan, not a mention of its words.
_BRAND_WORDS = ("品牌", "名片", "金字招牌")
_MAX_QUOTED_BRAND = 10


def _in_branded_quote(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside “…” that 品牌, 名片 or 金字招牌 follows."""
    open_at = text.rfind("“", max(0, start - _MAX_QUOTED_BRAND), start + 1)
    if open_at < 0 or "”" in text[open_at:end]:
        return False
    close = text.find("”", end, end + _MAX_QUOTED_BRAND)
    if close < end or not all("\u4e00" <= c <= "\u9fff" for c in text[open_at + 1 : close]):
        return False  # a quoted sentence (他说：“…。”) is no brand
    return text.startswith(_BRAND_WORDS, close + 1)


def _boundaries(analysis: Analysis) -> set[int]:
    tokens: Iterable[Any] = analysis.tokens
    if not analysis.tokens and analysis.doc.text:
        from kg.segment import segmenter

        seg = segmenter()
        tokens = [t for s in analysis.sentences for t in seg.words(s.text, offset=s.start)]
    bounds = set()
    for tok in tokens:
        bounds.add(tok.start)
        bounds.add(tok.end)
    return bounds


def _matches(text: str, bounds: set[int]) -> Iterator[_Span]:
    """Matches on word boundaries, or touching another full name (林芝市|巴宜区).

    jieba often cuts a chain of names wrongly (林芝/市巴宜区); a full official
    name that ends where another begins (or begins where another ends) counts
    even off a word boundary, and so does one whose suffix jieba glued to the
    next character where the two make no word (云冈/区西/韩岭乡).
    长春|市场 stays out: nothing follows 长春市, and 市场 is a word. A name jieba glued
    to the route's 至 after it (大余至|崇义) counts too.
    """
    raw = []
    for last, (length, found) in automaton().iter(text):
        raw.append(_Span(last - length + 1, last + 1, found))
    full = [m for m in raw if any(f.kind == "name" for f in m.forms)]
    full_starts = {m.start for m in full}
    full_ends = {m.end for m in full}
    for m in raw:
        is_full = any(f.kind == "name" for f in m.forms)
        suffixed = is_full or any(f.kind == "derived" for f in m.forms)
        starts = m.start in bounds or (is_full and m.start in full_ends)
        glued = m.end in full_starts or _cut_suffix(text, m, bounds)
        ends = m.end in bounds or (is_full and glued) or (suffixed and _cut_suffix(text, m, bounds))
        if not ends and text[m.end : m.end + 1] in _ROUTE_WORDS and m.end + 1 in bounds:
            ends = m.start in bounds  # 大余至|崇义: a route's word jieba glued to the name
        if starts and ends:
            yield m


#: Words of a route (某地至某地) that jieba glues to the name before them.
_ROUTE_WORDS = frozenset("至到")


def _cut_suffix(text: str, m: _Span, bounds: set[int]) -> bool:
    """jieba glued a full name's suffix to the next word (云冈/区西/韩岭乡).

    The suffix starts a word that is no dictionary word (区西), so the cut is
    jieba's guess, not a word like 市场 or 区域 (长春|市场, 和平|区域); or the level's
    character comes twice, the second opening a title (瓜州县|县长); or a direction follows
    the suffix (米林市|南伊沟: 市南 is a word only as a district's name).
    """
    cut = m.end - 1
    if m.end - m.start < 3 or cut not in bounds or m.end >= len(text):
        return False
    if text[cut] == text[m.end] and word_tag(text[m.end : m.end + 2]) is not None:
        return True  # 瓜州县|县长: the level's character again, opening its title
    if text[m.end] in "东南西北":
        return True  # 米林市|南伊沟: a direction opens what follows (市南 names a district)
    return word_tag(text[cut : m.end + 1]) is None


def _longest(spans: Iterable[_Span]) -> list[_Span]:
    """Of overlapping matches the longest (then the first); the rest are dropped."""
    kept: list[_Span] = []
    taken: set[int] = set()  # offsets inside kept spans (names are short: linear overall)
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        if not any(i in taken for i in range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


def _resolve(spans: list[_Span], text: str) -> list[tuple[_Span, Form, float]]:
    """Pick one division per span, or none (see the module docstring)."""
    chosen: dict[int, tuple[Form, float]] = {}
    context: dict[str, list[int]] = {}  # code -> where it or a division under it is named
    provinces = {  # of the divisions named in full and without doubt
        lineage(span.forms[0].division.code)[-1].code
        for span in spans
        if len(span.forms) == 1 and span.forms[0].kind == "name"
    }
    for _ in range(_ROUNDS):
        decided = {}
        for i, span in enumerate(spans):
            if i not in chosen:
                options = [f for f in span.forms if _passes(f, i, spans, text, context, provinces)]
                choice = _choose(options, span.start, context)
                if choice is not None:
                    decided[i] = choice
        if not decided:
            break
        for i, choice in decided.items():
            chosen[i] = choice
            for d in lineage(choice[0].division.code):
                context.setdefault(d.code, []).append(spans[i].start)
    for i, span in enumerate(spans):
        if i not in chosen:
            options = [f for f in span.forms if _passes(f, i, spans, text, context, provinces)]
            fallback = _highest(options)
            if fallback is not None:
                chosen[i] = (fallback, _FALLBACK_SCORE)
    return [(spans[i], form, score) for i, (form, score) in sorted(chosen.items())]


#: Short names that are only a kind of zone (高新区 for 成都高新技术产业开发区):
#: every city has one, so they stand for a division only right after its
#: parent (成都高新区) or in a document whose home city is that parent.
_ZONE_KIND = re.compile(r"(?:高新|经开|经济开发|开发|高新技术开发|新|工业|保税|综保|自贸|新城)区")


#: Settlement words after a short name that make it a town's or village's name.
_SETTLEMENT_AFTER = ("镇", "乡", "村", "街道", "社区", "嘎查", "苏木")


def _passes(
    form: Form,
    i: int,
    spans: list[_Span],
    text: str,
    context: dict[str, list[int]],
    provinces: set[str],
) -> bool:
    guard = form.guard
    division = form.division
    if (
        form.kind == "short"
        and division.level == "county"
        and provinces
        and lineage(division.code)[-1].code not in provinces
        and (division.parent or "") not in context
        and not _among_places(text, spans[i])
    ):
        return False  # 白沙 (a county of Hainan) in a text naming only Guangxi's divisions
    if form.kind == "short" and text.startswith(_SETTLEMENT_AFTER, spans[i].end):
        return False  # 白沙镇 is a town of that name, not 白沙县
    if form.kind == "short" and _ZONE_KIND.fullmatch(form.text):
        return _after_ancestor(i, spans, text, division) or _home_city(context) == division.parent
    if guard is None:
        return True
    if guard == "context":
        return division.code in context or (division.parent or "") in context
    return _after_ancestor(i, spans, text, division)


#: Words around a place in a route or a list of places (通化至桓仁, 桓仁、集安).
_ROUTE_BEFORE = ("至", "到", "经", "、", "和", "与", "及", "—", "－", "-")
_ROUTE_AFTER = ("至", "到", "、", "和", "与", "及", "—", "－", "-", "方向", "段", "高速", "铁路")


def _among_places(text: str, span: _Span) -> bool:
    """Whether a span stands in a route or a list of places, which cross provinces."""
    return text.endswith(_ROUTE_BEFORE, 0, span.start) or text.startswith(_ROUTE_AFTER, span.end)


def _after_ancestor(i: int, spans: list[_Span], text: str, division: Division) -> bool:
    """Whether the span right before span ``i`` (whitespace aside) names an ancestor."""
    if i == 0 or text[spans[i - 1].end : spans[i].start].strip():
        return False
    ancestors = {d.code for d in lineage(division.code)[1:]}
    return any(f.division.code in ancestors for f in spans[i - 1].forms)


def _home_city(context: dict[str, list[int]]) -> str | None:
    """The city the document is about: named (itself or below) twice as often as any other."""
    counts = sorted(
        (len(at), code)
        for code, at in context.items()
        if (d := get_division(code)) is not None and d.level == "city"
    )
    if not counts or (len(counts) > 1 and counts[-1][0] < 2 * counts[-2][0]):
        return None
    return counts[-1][1]


def _best_forms(options: list[Form]) -> dict[str, Form]:
    """One form per division: the most official kind of name it matched as."""
    best: dict[str, Form] = {}
    for form in options:
        code = form.division.code
        if code not in best or _KIND_SCORE[form.kind] > _KIND_SCORE[best[code].kind]:
            best[code] = form
    return best


def _choose(
    options: list[Form], start: int, context: dict[str, list[int]]
) -> tuple[Form, float] | None:
    best = _best_forms(options)
    if len(best) == 1:
        form = next(iter(best.values()))
        return form, _KIND_SCORE[form.kind]
    if not best:
        return None
    support = {code: _support(form.division, context) for code, form in best.items()}
    top = max(support.values())
    if not any(top):
        return None
    tied = [code for code, s in support.items() if s == top]
    if len(tied) > 1:
        distance = {code: _distance(best[code].division, top, start, context) for code in tied}
        nearest = min(distance.values())
        tied = [code for code in tied if distance[code] == nearest]
        if len(tied) > 1:
            return None
    form = best[tied[0]]
    return form, round(_KIND_SCORE[form.kind] - _CHOSEN_BY_CONTEXT, 2)


def _support(division: Division, context: dict[str, list[int]]) -> tuple[bool, bool, bool]:
    """(named itself, parent named, province named) elsewhere in the document."""
    province = lineage(division.code)[-1].code
    return (division.code in context, (division.parent or "") in context, province in context)


def _distance(
    division: Division, support: tuple[bool, bool, bool], start: int, context: dict[str, list[int]]
) -> int:
    """How far the nearest mention that supports ``division`` is from ``start``."""
    keys = [division.code, division.parent or "", lineage(division.code)[-1].code]
    key = keys[support.index(True)]
    return min(abs(p - start) for p in context[key])


def _highest(options: list[Form]) -> Form | None:
    """The single candidate of the highest level, preferring current names."""
    current = [f for f in options if f.kind != "former"] or options
    best = _best_forms(current)
    if not best:
        return None
    top = min(f.division.rank for f in best.values())
    highest = [f for f in best.values() if f.division.rank == top]
    return highest[0] if len(highest) == 1 else None
