"""Place hierarchy among the places a document names.

For each administrative division mentioned in a document, ``place-hierarchy``
states ``located_in`` its nearest ancestor that the same document also names
as a place (温县 → 焦作市; 湄潭县 → 贵州省 when 遵义市 is not named). The fact
comes from the division table, not from the wording; the evidence is the
sentence of the division's first mention, and the full chain up to the
province is in the graph anyway (``schema:containedInPlace`` from the
gazetteer). A division named only inside an organisation's name (遵义市 in
遵义市委常委) is no place of the document and is not an ancestor.

Places without a code (towns, streets, stations, lakes, scenic sites) are
located from the wording, first rule that applies:

1. a division right before the name: 寿光市洛城街道, 洱源县西湖, 黟县宏村; then, for a
   town, township or sub-district of the town data (:func:`kg.divisions.towns`), the
   one county-level division the document names that has a town so named;
2. a place before 首都, 首府, 州府, 省会, 境内 or 辖区 and the name after it
   (老挝首都万象, 长沙县境内设星沙站), or a division after 位于, 地处, 隶属
   (桃花源景区位于桃源县);
3. a station named after a division the document names (巫山站 → 巫山县), or
   a place named after a county the document names (西夏陵 → 西夏区);
4. for a settlement, street, site or port (镇, 乡, 街道, 村, 站, 路, 景区, 港 …):
   the nearest county-level division earlier in the same sentence that is not
   one item of a list the name belongs to (在徐闻县…观摩了乌石镇);
5. for a settlement, street, site or port: the only county-level division the
   document names (a county's or district's own meeting or a leader's tour of
   it: 张浦镇、周市镇 in a 昆山市 report);
6. for a settlement, street, site or port not named after a county: the last
   county-level division named before it, unless that one is a list item (a
   tour: 他来到甲县…。在乙镇，…); a county named as a partner (与乙县联合推出) is
   not where the text goes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg import divisions
from kg.divisions import name_index
from kg.extractors import register
from kg.extractors._phrases import outermost
from kg.model import PLACE, Analysis, Mention, Relation

__all__ = ["place_hierarchy"]

NAME = "place-hierarchy"
#: Words between a container and a place it contains (老挝首都万象, 长沙县境内设星沙站).
_CONTAINS = re.compile(r"(?:的)?(?:首都|首府|州府|省会|境内|辖区内?|辖内)(?:的|设有?|有)?")
#: Words between a place and the division it lies in (宏村位于黟县, 该村隶属于沂水县).
_LIES_IN = re.compile(r"(?:坐落|位于|地处|隶属于?|地属|属于)(?:在|于)?")
#: Characters after a division that make it one item of a list, not a container.
_LIST_AFTER = frozenset("、和与及或")
_STATION = "站"
#: How many places before one in its sentence are read for its container (a long
#: line without punctuation is one sentence).
_LOOK_BACK = 40
#: Endings of settlements, streets, sites and ports, which lie in one county (rivers may not).
_SETTLEMENTS = (
    "镇", "乡", "街道", "村", "社区", "站", "街", "路", "嘎查", "苏木",
    "景区", "古城", "古镇", "港", "港区", "码头", "湾",
)  # fmt: skip


#: Words before a county named as a partner of the document's own (与某县联合推出).
_PARTNER_BEFORE = re.compile(r"(?:与|同|跟|携手)$")


def _is_county(m: Mention) -> bool:
    division = divisions.get(m.code) if m.code else None
    return division is not None and division.level == "county"


@register(NAME, produces={"located_in"}, stage="relations")
def place_hierarchy(analysis: Analysis) -> Iterator[Relation]:
    """Each named place located in the nearest container the document also names."""
    places = [m for m in outermost(analysis.mentions) if m.type == PLACE]
    first: dict[str, Mention] = {}
    for m in places:
        if m.code:
            first.setdefault(m.code, m)
    for code, child in first.items():
        for ancestor in divisions.lineage(code)[1:]:
            parent = first.get(ancestor.code)
            if parent is not None:
                yield Relation("located_in", child, parent, analysis.sentence_at(child.start), NAME)
                break
    counties = {m.code for m in places if _is_county(m)}
    last_county: list[Mention | None] = []  # the last county named before each place
    latest: Mention | None = None
    text = analysis.doc.text
    for m in places:
        last_county.append(latest)
        if _is_county(m) and not _PARTNER_BEFORE.search(text, max(0, m.start - 2), m.start):
            latest = m  # not 与融水苗族自治县联合…: a partner, not where the text goes
    done: set[str] = set()
    for k, m in enumerate(places):
        if m.code or m.name in done:
            continue
        parent = _container(analysis, places, k, first, counties, last_county[k])
        if parent is not None and parent.name != m.name:
            done.add(m.name)
            yield Relation("located_in", m, parent, analysis.sentence_at(m.start), NAME)


def _container(
    analysis: Analysis,
    places: list[Mention],
    k: int,
    first: dict[str, Mention],
    counties: set[str | None],
    last_county: Mention | None,
) -> Mention | None:
    """The place that contains ``places[k]``, a place without a code, by the module's rules."""
    text = analysis.doc.text
    place = places[k]
    previous = places[k - 1] if k else None
    if previous is not None and previous.end == place.start and previous.code:
        return previous  # 寿光市洛城街道
    listed = previous is not None and _is_county(previous) and text[previous.end] in _LIST_AFTER
    known = [first[c] for c in divisions.towns().get(place.text, ()) if c in first]
    if len(known) == 1 and not listed:  # (甲县、乙县、某镇: a unit listed beside counties)
        return known[0]  # 松桂镇 in 鹤庆县, which the document names: the town data says so
    sentence = analysis.sentence_at(place.start)
    in_sentence = []  # the places before it in its sentence, nearest first
    for j in range(k - 1, max(k - _LOOK_BACK, 0) - 1, -1):
        if places[j].start < sentence.start:
            break
        in_sentence.append(places[j])
    for m in in_sentence:
        if _CONTAINS.fullmatch(text, m.end, place.start):
            return m  # 老挝首都万象
    following = places[k + 1] if k + 1 < len(places) else None
    lies = _LIES_IN.match(text, place.end)
    if lies and following and following.code and following.start == lies.end():
        return following  # 桃花源景区位于桃源县
    if place.text.endswith(_STATION):
        for form in name_index().get(place.text[: -len(_STATION)], ()):
            named = first.get(form.division.code)
            if named is not None:
                return named  # 巫山站
    namesake = _namesake(place.text)
    if namesake:
        named = next((first[c] for c in namesake if c in first), None)
        if named is not None:
            return named  # 西夏陵 in 西夏区, 平遥古城 in 平遥县
    if not place.text.endswith(_SETTLEMENTS):
        return None
    for m in in_sentence:
        if _is_county(m):
            return None if text[m.end : m.end + 1] in _LIST_AFTER else m
    if len(counties) == 1:
        (code,) = counties
        return first.get(code) if code else None
    if namesake or last_county is None:
        return None  # named after a county the text does not name: not in another one
    # a tour: 他来到甲县…。在乙镇，…
    return None if text[last_county.end : last_county.end + 1] in _LIST_AFTER else last_county


def _namesake(name: str) -> list[str]:
    """Codes of the counties whose short name begins ``name`` (平遥古城 → 平遥县)."""
    for size in range(min(len(name) - 1, 4), 1, -1):
        forms = name_index().get(name[:size], ())
        codes = [f.division.code for f in forms if f.division.level == "county"]
        if codes:
            return codes
    return []
