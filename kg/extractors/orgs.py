"""Organisations of Chinese government, party, congress and CPPCC, by grammar.

An organisation name is read as **[jurisdiction] + [organ] + [department]**:

* the jurisdiction is a division named in the text (焦作市, 温县, 河南省 — from
  the ``divisions`` extractor, with its code), optionally after 中共; or a
  bare level character (市, 县, 省, 区) standing for the document's home
  division of that level (:mod:`kg.context`), or for the division named right
  before it (金阳县县委 is 金阳县 and its 县委); national organs (国务院, 中共中央,
  全国人大常委会) need none;
* the organ is a word from ``kg/data/organs.tsv``: a party committee (委 in
  焦作市委), a congress (人大常委会), the CPPCC (政协), a government
  (人民政府), a court, or a government department (水利局, 发展改革委);
* a party committee may be followed by one of its departments (市委宣传部),
  and an organ by its office (市政府办公室);
* a zone (…示范区, …开发区, …产业集聚区) is a jurisdiction plus a name ending
  in a zone word, optionally with 管委会; a development zone written bare
  (…高新技术产业开发区, …经济开发区, …新区, …综合保税区) is the administration
  only where it acts as a unit — commended (受到表彰, 获评), speaking (作典型发言,
  负责同志), signing (签约) — and otherwise the place of development, a project
  (:func:`zone_acts`, read by ``projects`` too); an acting zone with no jurisdiction
  is named as the project grammar reads it (某甲经济开发区等单位受到表彰);
* an enterprise or institution is a run of name words ending in 有限公司,
  集团, 银行, 大学 ….
* a party committee after one of the eight democratic parties' names is that party's
  (民建郴州市委 is 中国民主建国会郴州市委员会, never 中共郴州市委);
* a CPPCC committee may be named with its term (政协第九届全国委员会, 政协某某省
  第八届委员会), the body whose session (…第一次会议) an event's name opens with.

Short forms are expanded by context: in a 焦作 document 市水利局 gets the key
焦作市水利局 and 市委 the key 中共焦作市委, the same entity as the full form
anywhere else; the text form becomes an alias. A short form whose level has
no home division keeps its text as key, scoped to its document. Generic
plurals (县市区委, 各县区政府) are not organisations.

The relation extractor ``org-structure`` adds what the grammar shows:
``sub_organization_of`` from a department to the party committee or organ
named inside it (市委宣传部 → 中共焦作市委), and ``jurisdiction`` from an
organisation to the division named in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg import divisions as division_table
from kg.context import (
    DEMOCRATIC_PARTIES,
    LEVEL_CHARS,
    PARTY_PREFIXES,
    county_or_prefecture,
    democratic_party_before,
    home_divisions,
    opening_division,
)
from kg.extractors import get, register
from kg.extractors.divisions import conjunction_and_level
from kg.extractors.people import found_people
from kg.model import ORGANIZATION, PLACE, Analysis, Mention, Relation

__all__ = ["DEVELOPMENT_ZONES", "Organ", "org_structure", "organs", "orgs", "zone_acts"]

#: Each democratic party's usual short name (中国民主建国会 → 民建), which its committees'
#: canonical names take.
_PARTY_SHORT = {
    full: min((w for w, f in DEMOCRATIC_PARTIES.items() if f == full), key=len)
    for full in set(DEMOCRATIC_PARTIES.values())
}

NAME = "orgs"
_NATIONAL_PREFIXES = ("国家", "全国", "中央")
_ZONE_OFFICES = ("管理委员会", "管委会")
#: Organs' short words and the full ones their canonical names use (某地区行署 → 某地区行政公署).
_FULL_ORGANS = {"政府": "人民政府", "行署": "行政公署"}
#: Organs of a zone written right after its name: the zone is their unit (某开发区党工委).
_ZONE_ORGANS = ("党工委", "管理局", "工委", "党委", "管委")
#: Zone words whose bare name is the zone's administration only where it acts as a unit
#: (:func:`zone_acts`); elsewhere the zone is a project, the place of development.
DEVELOPMENT_ZONES = frozenset(
    {
        "开发区",
        "高新区",
        "新区",
        "经济技术开发区",
        "高新技术产业开发区",
        "自贸区",
        "综合保税区",
        "示范区",
    }
)
#: What a unit does after its name in the clause: commended, speaking, signing.
_UNIT_ACTS = re.compile(
    r"受到(?:了)?(?:通报)?表彰|受表彰|获(?:得)?表彰|(?:予以|进行了?|给予)表彰|获评|荣获"
    r"|被(?:评为|授予|表彰)"
    r"|等[0-9一二三四五六七八九十]*个?单位|负责同志|负责人|主要负责|作[^，。；]{0,6}发言"
    r"|发言|作(?:工作)?汇报|汇报了"
)
#: Signing after a zone is an act of its administration where the zone is a party (企业与
#: 某开发区签约, 某开发区与企业签约); a zone's tally of projects signed (某开发区新签约项目
#: 12个) is the place's.
_SIGNING = re.compile(r"签约|签署|签订")
_PARTY = re.compile(r"与|同|跟")
#: What a unit has done to it before its name in the clause: 表彰了, 授予.
_UNIT_BEFORE = re.compile(r"表彰|授予|通报表扬")
_CLAUSE_ENDS = "。；;！？!?\n，,"
#: Words before a zone that make it the place where something happens (在某开发区举行).
_PLACE_BEFORE = ("在", "于", "到", "赴", "来到", "走进", "深入", "落户", "入驻", "位于")
_MAX_ACT_REACH = 40
#: Verbs of a visit or tour that end the clause before the unit visited.
_VISIT_VERBS = frozenset(
    {"走进", "来到", "深入", "察看", "考察", "调研", "参观", "走访", "前往", "视察", "看望",
     "慰问", "督导", "检查", "了解"}
)  # fmt: skip
_OFFICES = ("办公室", "办公厅")
#: Characters before a bare level character that make it generic, not a prefix (县市区, 全市).
_WORD_BEFORE_LEVEL = frozenset("省市县区乡镇州各全")
#: Words that end the left part of an enterprise or zone name.
_NAME_STOPS = frozenset(
    "的在和与及、，,。；;：:“”‘’（）()《》为是由对向将把从等了着被给到至其该这那此各全我本".replace(
        "", " "
    ).split()
)
_MAX_NAME = 14
#: Suffixes of a company's name, before which its seat may stand in brackets.
_COMPANY_SUFFIXES = frozenset({"有限公司", "有限责任公司", "股份有限公司", "公司", "集团"})
_MAX_DIVISION_NAME = 12
_MAX_DEPARTMENT = 10
#: Characters after which a bare level character starts a short form even when jieba
#: joined them into one word (为市 教育局, 当选为区 人大常委会, 受县 人民政府 委托, 免去其市 …).
_BEFORE_PREFIX = frozenset("我本该为在由和与及对向经是任到至从把被将请原受其据")
#: Department names join their fields with 和 (发展和改革局); other stops still end them.
_DEPARTMENT_STOPS = _NAME_STOPS - {"和", "与"}  # 住房和城乡建设局, 海洋与渔业局
#: What stands between a committee and a department listed after its post (市委常委、组织部).
_COMMITTEE_LINKS = frozenset({"常委、", "常委，", "常委,", "常委"})
#: A department name holding one of these is a post or a committee, not a department (书记, 常委).
_TITLE_CHARS = frozenset("书记长任席员届次委")
_ORGAN_TAILS = ("办公室", "办公厅", "常委会", "党组")
#: Verbs that open with 委, the last character of a party committee's short name.
_VERBS_WITH_WEI = ("委托", "委派", "委任")
_LEVEL_SUBTYPE = {"province": "Province", "city": "City", "county": "County"}
#: A CPPCC committee named with its term (PFR tags it so; a session's name opens with it).
_CPPCC_TERM = re.compile(
    r"(?:中国人民政治协商会议|政协)(?P<j>[\u4e00-\u9fff]{0,12}?)第[一二三四五六七八九十]{1,3}届"
    r"(?P<body>全国委员会|委员会)(?:常务委员会)?"
)


def zone_acts(text: str, start: int, end: int) -> bool:
    """Whether the zone named at ``text[start:end]`` acts as a unit in its clause: its
    administration written bare, commended, speaking or signing
    (某高新区等单位受到表彰, 某新区负责同志作交流发言, 表彰了某开发区); not a zone that is
    built, invested in, located or talked about (加快建设某开发区, 某开发区是…基地).

    >>> zone_acts("甲县、乙经济开发区等单位受到表彰。", 3, 9)
    True
    >>> zone_acts("加快建设乙经济开发区。", 4, 10)
    False
    >>> zone_acts("他在乙经济开发区召开的会上发言。", 2, 8)
    False
    >>> zone_acts("丙公司与乙经济开发区签约。", 4, 10), zone_acts("乙经济开发区与丙签约。", 0, 6)
    (True, True)
    >>> zone_acts("乙经济开发区新签约项目9个。", 0, 6)
    False
    """
    if text.startswith(_ZONE_ORGANS, end):
        return True
    if text.endswith(_PLACE_BEFORE, 0, start):
        return False  # 在某开发区召开的会议上发言: where something happens, a place
    stop = end
    while stop < len(text) and stop - end < _MAX_ACT_REACH and text[stop] not in _CLAUSE_ENDS:
        stop += 1
    if _UNIT_ACTS.search(text, end, stop):
        return True
    begin = start
    while begin > 0 and start - begin < _MAX_ACT_REACH and text[begin - 1] not in _CLAUSE_ENDS:
        begin -= 1
    signing = _SIGNING.search(text, end, stop)
    if signing and (_PARTY.search(text, begin, start) or _PARTY.search(text, end, signing.start())):
        return True  # 某公司与|某开发区|签约, 某开发区|与某公司签约: a party to the contract
    return _UNIT_BEFORE.search(text, begin, start) is not None


@dataclass(frozen=True)
class Organ:
    """An organ or department word of the grammar."""

    word: str
    subtype: str | None
    role: str


@functools.cache
def organs() -> dict[str, Organ]:
    """The organ lexicon ``kg/data/organs.tsv``, by word."""
    text = (resources.files("kg") / "data" / "organs.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, subtype, role = line.split("\t")
        out[word] = Organ(word, None if subtype == "-" else subtype, role)
    return out


@functools.cache
def party_departments() -> tuple[str, ...]:
    """The departments of a party committee (组织部, 宣传部 …: role ``party-dept``)."""
    return tuple(w for w, o in organs().items() if o.role == "party-dept")


@functools.cache
def _automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word, organ in organs().items():
        auto.add_word(word, organ)
    auto.make_automaton()
    return auto


@dataclass(frozen=True)
class _Reading:
    """An organisation mention with the parts its grammar showed."""

    mention: Mention
    parent: Mention | None = None  # the committee or organ a department tail belongs to
    place: Mention | None = None  # the division named as its jurisdiction


@dataclass(frozen=True)
class _Jurisdiction:
    start: int
    name: str | None  # official name when known
    code: str | None
    party: bool  # preceded by 中共
    text: str
    place: Mention | None
    bare: bool = False  # written only as its level character (市水利局)


def _is_ancestor(code: str | None, division: division_table.Division | None) -> bool:
    """Whether the division coded ``code`` contains ``division`` (and is not it)."""
    if not code or division is None:
        return False
    return any(d.code == code for d in division_table.lineage(division.code)[1:])


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class _Reader:
    """Reads organisation names in one document."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.doc = analysis.doc
        self.text = analysis.doc.text
        places = [m for m in get("divisions")(analysis) if isinstance(m, Mention) and m.code]
        self.place_by_end = {m.end: m for m in sorted(places, key=lambda m: m.start - m.end)}
        self.home = home_divisions(places)
        self.named_codes = {m.code for m in places}
        first_end = analysis.sentences[0].end if analysis.sentences else 0
        self.leading_code = opening_division(places, self.text, first_end)
        self.token_starts = {t.start for t in analysis.tokens}

    def jurisdiction(self, pos: int) -> _Jurisdiction | None:
        """The jurisdiction whose text ends at ``pos``, if any."""
        text = self.text
        level_char = text[pos - 1] if pos > 0 else ""
        place = self.place_by_end.get(pos) or self._place_named_before(pos)
        if place is None and level_char in LEVEL_CHARS:
            place = self.place_by_end.get(pos - 1)  # 焦作 + 市 + 委
            if place is not None and place.text[-1] == level_char:
                return self._repeated_level(place, pos)  # 温县 + 县委
            if place is not None and place.text[-1] in LEVEL_CHARS:
                place = None
            elif place is not None:
                place = self._short_with_level(place, pos)
        if place is not None:
            division = division_table.get(place.code or "")
            begin = place.start
            outer = self.place_by_end.get(begin)
            if outer is not None and division is not None and _is_ancestor(outer.code, division):
                begin = outer.start  # 乐山市 + 市中区
            start, party = self._party_prefix(begin)
            name = division_table.jurisdiction_name(division) if division else place.text
            return _Jurisdiction(start, name, place.code, party, text[start:pos], place)
        if text.endswith("自治区", 0, pos) and pos - 3 in self.token_starts | {0}:
            return self._bare(pos - 3, pos, self._home_for("区", "province"))
        if level_char not in LEVEL_CHARS:
            return None
        before = text[pos - 2] if pos >= 2 else ""
        if before in _WORD_BEFORE_LEVEL:
            return None
        if _is_han(before) and before not in _BEFORE_PREFIX and pos - 1 not in self.token_starts:
            return None  # the level character ends a word: 城市, 超市, 社区
        return self._bare(pos - 1, pos, self._home_for(level_char))

    def _bare(
        self, begin: int, pos: int, division: division_table.Division | None
    ) -> _Jurisdiction:
        """A jurisdiction written only as its level (市, 自治区), standing for ``division``.

        Its text gets a place mention of its own (市 → 焦作市), so the organisation's
        jurisdiction can be stated with evidence.
        """
        start, party = self._party_prefix(begin)
        place = None
        if division is not None:
            place = self._division_mention(begin, pos, division)
        return _Jurisdiction(
            start,
            division_table.jurisdiction_name(division) if division else None,
            division.code if division else None,
            party,
            self.text[start:pos],
            place,
            bare=True,
        )

    def _repeated_level(self, place: Mention, pos: int) -> _Jurisdiction:
        """A short form right after the division it stands for: 昭觉县 + 县委, 某市 + 市政府.

        The level character repeats the division's suffix, so the organisation
        is written in its short form (县委 is 中共昭觉县委) and the division
        before it stays a place of its own — but a division of one character and its
        level (费县, 芒市) is written whole into its organs' names (费县县委, 芒市市委:
        费县委 would read as 费 + 县委).
        """
        division = division_table.get(place.code or "")
        name = division_table.jurisdiction_name(division) if division else place.text
        if len(place.text) == 2:  # 费县 + 县委: a one-character name's committee is 费县县委
            start, party = self._party_prefix(place.start)
            return _Jurisdiction(start, name, place.code, party, self.text[start:pos], place)
        text = self.text[pos - 1 : pos]
        return _Jurisdiction(pos - 1, name, place.code, False, text, place, bare=True)

    def _short_with_level(self, place: Mention, pos: int) -> Mention | None:
        """A short form read with the level character after it (海南 + 州 → 海南州).

        The level must be that of the short form's division (焦作 + 市); another
        one names another division (海南州 is 海南藏族自治州, not 海南省), or none.
        """
        division = division_table.get(place.code or "")
        level_char = self.text[pos - 1]
        if division is None or division.name.endswith(level_char):
            return place
        longer = division_table.name_index().get(place.text + level_char, ())
        codes = {f.division.code for f in longer}
        if len(codes) != 1:
            return None
        other = division_table.get(codes.pop())
        if other is None:
            return None
        return self._division_mention(place.start, pos, other)

    def _division_mention(self, start: int, end: int, division: division_table.Division) -> Mention:
        """A place mention over ``[start, end)`` standing for ``division``."""
        return Mention.span(
            self.doc,
            start,
            end,
            PLACE,
            NAME,
            score=0.8,
            code=division.code,
            subtype=_LEVEL_SUBTYPE.get(division.level),
            key=division.name,
        )

    def _party_prefix(self, start: int) -> tuple[int, bool]:
        for prefix in PARTY_PREFIXES:
            if self.text[max(start - len(prefix), 0) : start] == prefix:
                return start - len(prefix), True
        return start, False

    def _home_for(self, level_char: str, *levels: str) -> division_table.Division | None:
        """The home division a bare 省/市/县/区/州 stands for.

        A county-level city or district that the document is about takes
        precedence over its prefecture (济源市's 市委 is 济源's) unless the
        document names the prefecture itself and does not open with the
        county-level city (:func:`kg.context.county_or_prefecture`): then 市 is
        the prefecture (a 焦作 report that often mentions 沁阳市 still means 焦作).
        """
        if not levels:
            # a bare 区 is a district; the autonomous region is written 自治区
            levels = ("county",) if level_char == "区" else ("county", "city", "province")
        found = []
        for level in levels:
            code = self.home.get(level)
            division = division_table.get(code) if code else None
            if division is not None and division.name.endswith(level_char):
                found.append(division)
        if found:
            return county_or_prefecture(found, self.leading_code, self.named_codes)
        # no home division of that level: the only one of that level the document names
        named = [
            d
            for d in (division_table.get(code) for code in self.named_codes if code)
            if d is not None and d.level in levels and d.name.endswith(level_char)
        ]
        return named[0] if len(named) == 1 else None

    def _place_named_before(self, pos: int) -> Mention | None:
        """A full division name ending at ``pos`` that word boundaries hid (湖南省|委)."""
        for length in range(min(pos, _MAX_DIVISION_NAME), 1, -1):
            name = self.text[pos - length : pos]
            if name[-1] not in LEVEL_CHARS:
                return None
            if conjunction_and_level(self.text, pos - length, pos):
                continue  # 调楼镇和|县水利局: 和 joins the list, not the county 和县
            candidates = {
                f.division.code
                for f in division_table.name_index().get(name, ())
                if f.kind == "name"
            }
            outer = self.place_by_end.get(pos - length)
            if len(candidates) > 1 and outer is not None:
                candidates = {
                    c for c in candidates if _is_ancestor(outer.code, division_table.get(c))
                }
            if len(candidates) > 1:
                candidates = {c for c in candidates if self._in_home(c)}
            division = division_table.get(candidates.pop()) if len(candidates) == 1 else None
            if division is not None:
                return self._division_mention(pos - length, pos, division)
        return None

    def _in_home(self, code: str) -> bool:
        homes = set(self.home.values())
        return any(d.code in homes for d in division_table.lineage(code))

    def read(self) -> Iterator[_Reading]:
        """Every reading, overlapping ones included."""
        yield from self._term_committees()
        committee: _Reading | None = None  # the last party committee read
        for end_index, organ in _automaton().iter(self.text):
            end = end_index + 1
            start = end - len(organ.word)
            if organ.word == "委" and self.text.startswith(_VERBS_WITH_WEI, start):
                continue  # 受县人民政府|委托: the verb, no committee
            reading = self.read_at(start, end, organ)
            if reading is None and organ.role == "party-dept" and committee is not None:
                reading = self._listed_department(committee, start, end)
            if reading is not None:
                if organ.role == "party" and reading.parent is None:
                    committee = reading
                yield reading

    def _term_committees(self) -> Iterator[_Reading]:
        """A CPPCC committee named with its term: 政协第九届全国委员会, 中国人民政治协商会议
        某某省第八届委员会 (and its 常务委员会), the body a session (…第一次会议) is held by.

        The local form needs a division named between the CPPCC and the term.
        """
        for match in _CPPCC_TERM.finditer(self.text):
            between = match.group("j")
            place = None
            if match.group("body") == "全国委员会":
                if between:
                    continue
            else:
                place = self.place_by_end.get(match.end("j"))
                if not between or place is None or place.start != match.start("j"):
                    continue
            mention = Mention.span(
                self.doc, match.start(), match.end(), ORGANIZATION, NAME, subtype="CPPCC"
            )
            yield _Reading(mention, None, place)

    def _listed_department(self, committee: _Reading, start: int, end: int) -> _Reading | None:
        """A party department listed right after its committee's post: 市委常委、组织部部长."""
        between = self.text[committee.mention.end : start]
        if between not in _COMMITTEE_LINKS:
            return None
        c = committee.mention
        key = f"{c.name}{self.text[start:end]}" if c.key or c.code or not c.scope else None
        mention = Mention.span(
            self.doc,
            start,
            end,
            ORGANIZATION,
            NAME,
            score=0.8,
            subtype="PartyOrgan",
            key=key,
            scope=None if key else self.doc.id,
        )
        return _Reading(mention, None, None)

    def read_at(self, start: int, end: int, organ: Organ) -> _Reading | None:
        text = self.text
        if organ.role == "national":
            return self._national(start, end, organ)
        if organ.role in ("zone", "park"):
            return self._zone(start, end, organ)
        if organ.role == "suffix":
            return self._named(start, end, organ)
        if organ.role == "party-dept":
            return None  # read as the extension of a party committee
        if organ.role == "generic":
            return self._generic(start, end, organ)
        j = self.jurisdiction(start)
        if organ.role == "branch":  # 民盟|文水县|总支: a democratic party's branch only
            democratic = self._democratic_party(j.start) if j is not None else None
            if j is None or democratic is None:
                return None
            return self._democratic_committee(j, end, *democratic, organ=organ.word)
        if j is None:
            return self._generic(start, end, organ) if organ.role == "party" else None
        if organ.role == "party" and not j.text.endswith(tuple(LEVEL_CHARS)):
            return self._generic(start, end, organ)
        if organ.role == "party" and not j.party:
            democratic = self._democratic_party(j.start)
            if democratic is not None:
                return self._democratic_committee(j, end, *democratic)
        if organ.word == "党委" and j.name and j.text.endswith(tuple(LEVEL_CHARS)):
            organ = organs()["委"]  # 自治区党委, 州党委: the party committee, 中共…委
        subtype = organ.subtype
        core = _FULL_ORGANS.get(organ.word, organ.word)
        if organ.role == "party":
            key_stem = f"中共{j.name}委" if j.name else None
        else:
            key_stem = f"{j.name}{core}" if j.name else None
        # a department of the party committee, or an office of an organ, may follow
        tail = ""
        if organ.role == "party":
            tail = max(
                (w for w in party_departments() if text.startswith(w, end)), key=len, default=""
            )
        elif organ.role == "organ":
            tail = next((w for w in _ORGAN_TAILS if text.startswith(w, end)), "")
        elif organ.role == "dept" and organ.word.endswith("中心"):
            office = next((w for w in _ZONE_OFFICES if text.startswith(w, end)), "")
            if office:  # 县行政服务中心管委会: the centre's administering committee, one body
                stop, key = end + len(office), f"{key_stem}{office}" if key_stem else None
                return _Reading(self._mention(j, stop, key, subtype), None, j.place)
        if not tail and organ.role == "party" and text.startswith("员会", end):
            tail = "员会"  # 焦作市委员会 is the committee itself
        stop = end + len(tail)
        organ_mention = self._mention(j, end, key_stem, subtype)
        if tail == "员会":
            return _Reading(self._mention(j, stop, key_stem, subtype), None, j.place)
        if not tail:
            return _Reading(organ_mention, None, j.place)
        key = key_stem + tail if key_stem else None
        tail_subtype = organs()[tail].subtype if organ.role == "party" else subtype
        return _Reading(self._mention(j, stop, key, tail_subtype), organ_mention, j.place)

    def _democratic_party(self, start: int) -> tuple[int, str] | None:
        """Where a democratic party's name ends at ``start``, and its full name."""
        written = democratic_party_before(self.text, start)
        return (start - len(written), DEMOCRATIC_PARTIES[written]) if written else None

    def _democratic_committee(
        self, j: _Jurisdiction, end: int, begin: int, party: str, organ: str = "委"
    ) -> _Reading:
        """民建郴州市委: a democratic party's committee of a jurisdiction, not the CPC's; or
        its branch there (民盟文水县总支: ``organ`` 总支). ``party`` is its full name; the
        canonical name takes the party's usual short name."""
        stop = end + 2 if organ == "委" and self.text.startswith("员会", end) else end
        # one name for the short and the full forms, the short as the gold sets write it:
        # 民建锦州市委 (民建市委 in a 锦州 text, 中国民主建国会锦州市委员会)
        key = f"{_PARTY_SHORT[party]}{j.name}{organ}" if j.name else None
        surface = self.text[begin:stop]
        mention = Mention.span(
            self.doc,
            begin,
            stop,
            ORGANIZATION,
            NAME,
            score=0.9 if j.code else 0.8,
            subtype="PartyOrgan",
            key=key if key != surface else None,
            scope=None if key is not None or j.code else self.doc.id,
        )
        return _Reading(mention, None, j.place)

    def _mention(
        self, j: _Jurisdiction, stop: int, key: str | None, subtype: str | None
    ) -> Mention:
        surface = self.text[j.start : stop]
        return Mention.span(
            self.doc,
            j.start,
            stop,
            ORGANIZATION,
            NAME,
            score=0.9 if j.code else 0.8,
            subtype=subtype,
            key=key if key != surface else None,
            scope=None if key is not None or j.code else self.doc.id,
        )

    def _national(self, start: int, end: int, organ: Organ) -> _Reading | None:
        if start > 0 and _is_han(self.text[start - 1]) and self.text[start - 1] not in "和与及、在":
            prefix_ok = any(self.text.endswith(p, 0, start) for p in _NATIONAL_PREFIXES)
            if not prefix_ok:
                return None
        stop = end
        tail = next((w for w in _OFFICES if self.text.startswith(w, end)), "")
        stop += len(tail)
        whole = Mention.span(
            self.doc, start, stop, ORGANIZATION, NAME, score=0.95, subtype=organ.subtype
        )
        if not tail:
            return _Reading(whole)
        inner = Mention.span(
            self.doc, start, end, ORGANIZATION, NAME, score=0.95, subtype=organ.subtype
        )
        return _Reading(whole, inner)

    def _generic(self, start: int, end: int, organ: Organ, min_body: int = 2) -> _Reading | None:
        """[jurisdiction] + department name + 局/厅/委员会 for departments the lexicon lacks."""
        text = self.text
        if text[end : end + 1] == "长" or text[start - 1 : start] in ("局", "厅"):
            return None  # 局长 is a post; 水利局局 is no name
        if organ.word == "局" and text[end : end + 1] in ("面", "势"):
            return None  # 发展新局面, 局势: a word, no bureau
        if organ.word == "委" and (text[end : end + 1] == "员" or text[start - 1 : start] == "常"):
            return None  # 政协委员, 政协常委: a member's post, not a committee
        for left in range(start - 1, max(start - _MAX_DEPARTMENT, 0) - 1, -1):
            body = text[left:start]
            if (
                not _is_han(text[left])
                or text[left] in _DEPARTMENT_STOPS
                or text[left] in _TITLE_CHARS
            ):
                return None
            if len(body) < min_body:
                continue
            level = text[left] in _WORD_BEFORE_LEVEL and not text.startswith("城乡", left - 1)
            if organ.role == "party" and level:
                return None  # 县市区委 is every county's committee; 住房城乡建设委 is a department
            j = self.jurisdiction(left)
            if j is not None:
                key = f"{j.name}{text[left:end]}" if j.name else None
                subtype = "GovernmentAgency" if organ.role == "party" else organ.subtype
                return _Reading(self._mention(j, end, key, subtype), None, j.place)
        return None

    def _zone(self, start: int, end: int, organ: Organ) -> _Reading | None:
        """[jurisdiction] + name + zone word (+ 管委会)."""
        text = self.text
        division = self.place_by_end.get(end)
        if division is not None and division.start <= start:
            return None  # a division named like a zone (滨海新区) is a place
        for left in range(start, max(start - _MAX_NAME, 0) - 1, -1):
            if left < start and (text[left] in _NAME_STOPS or not _is_han(text[left])):
                break
            j = self.jurisdiction(left)
            if j is not None and (left < start or j.code):
                office = next((w for w in _ZONE_OFFICES if text.startswith(w, end)), "")
                if organ.role == "park" and not office:
                    return None  # a park itself is a project; its committee is the organisation
                if (
                    organ.word in DEVELOPMENT_ZONES
                    and not office
                    and not zone_acts(text, j.start, end)
                ):
                    return None  # a zone built, invested in or talked about is a project
                stop = end + len(office)
                # a zone's proper name keeps a place written in it (湄潭茶产业园区管委会);
                # a bare level character is expanded (市城乡一体化示范区)
                written = not j.bare
                key = None if written else f"{j.name}{text[left:stop]}" if j.name else None
                return _Reading(self._mention(j, stop, key, organ.subtype), None, j.place)
        if organ.word in DEVELOPMENT_ZONES:
            return self._acting_zone(end, organ)
        return None

    def _acting_zone(self, end: int, organ: Organ) -> _Reading | None:
        """A development zone named with no jurisdiction (某甲经济开发区) that acts as a unit:
        its administration, over the name the project grammar reads."""
        from kg.extractors.projects import acting_zones

        for start, stop in acting_zones(self.analysis):
            if stop == end:
                m = Mention.span(
                    self.doc, start, end, ORGANIZATION, NAME, score=0.8, subtype=organ.subtype
                )
                return _Reading(m)
        return None

    def _named(self, start: int, end: int, organ: Organ) -> _Reading | None:
        """A name ending in an enterprise or institution suffix, left-bounded by word starts.

        A company's seat written in brackets before its suffix (瀚海智能装备（上海）有限公司)
        belongs to the name, which is then sure enough to stand without the tagger's agreement.
        """
        text = self.text
        if end < len(text) and text.startswith(("有限公司", "股份", "集团"), end):
            return None  # a longer suffix ends further right
        if text[end : end + 1] == "长" and organ.word.endswith("会"):
            return None  # 协会长 is 协 + 会长: a post
        left = start
        seat = None
        while left > 0 and start - left < _MAX_NAME + 6 * (seat is not None):
            if seat is None and organ.word in _COMPANY_SUFFIXES:
                seat = self._seat_in_brackets(left)
                if seat is not None:
                    left = seat
                    continue
            if not _is_han(text[left - 1]) or text[left - 1] in _NAME_STOPS:
                break
            left -= 1
        left = self._after_verb(left, start)  # 孙国栋走进|某县某某专业合作社: the clause's
        # start the name on a word boundary, leaving at least two characters before the suffix
        while left < start - 2 and left not in self.token_starts:
            left += 1
        if start - left < 2 or text[left] in "（(":
            return None
        return _Reading(
            Mention.span(
                self.doc,
                left,
                end,
                ORGANIZATION,
                NAME,
                score=0.85 if seat is not None and left <= seat else 0.7,
                subtype=organ.subtype,
            )
        )

    def _after_verb(self, left: int, start: int) -> int:
        """The end of the last verb of a visit between ``left`` and a suffix at ``start``
        (孙国栋走进|某县某某专业合作社), else ``left``: an enterprise's name read leftwards
        over its clause opens after it."""
        for tok in self.analysis.tokens_in(left, start):
            if tok.text in _VISIT_VERBS:
                left = tok.end
        return left

    def _seat_in_brackets(self, start: int) -> int | None:
        """Where ``（上海）`` opens, if a bracketed division ends right before ``start``."""
        if start < 1:
            return None
        if self.text[start - 1 : start] not in ("）", ")"):
            return None
        place = self.place_by_end.get(start - 1)
        if place is None or self.text[place.start - 1 : place.start] not in ("（", "("):
            return None
        return place.start - 1


def _longest(readings: list[_Reading]) -> list[_Reading]:
    """Of overlapping readings, the longest (焦作市委宣传部 over 焦作市委), in text order."""
    kept: list[_Reading] = []
    taken_until = -1
    for r in sorted(readings, key=lambda r: (r.mention.start, r.mention.start - r.mention.end)):
        if r.mention.start >= taken_until:
            kept.append(r)
            taken_until = r.mention.end
    return kept


@register(NAME, produces={ORGANIZATION}, needs="words")
def orgs(analysis: Analysis) -> Iterator[Mention]:
    """Government, party, congress, CPPCC, zone and enterprise names; short forms expanded."""
    people = found_people(analysis)
    for reading in _longest(_readings(analysis)):
        m = reading.mention
        if any(p.start < m.start < p.end for p in people):
            continue  # 市政协主席彭|玉林作常务委员会…: a jurisdiction inside a person's name
        yield m
    yield from _town_organs(analysis)
    yield from _zone_offices(analysis)
    yield from _prefecture_organs(analysis)


#: A prefecture's (地区's) organs written bare in its own report (地委书记, 行署专员,
#: 地区人大工委主任): its party committee, administrative office and working committees.
_PREFECTURE_ORGAN = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[有和及与由任兼]))(地委|行署)|(地区人大工委|地区政协工委)"
)


def _prefecture_organs(analysis: Analysis) -> Iterator[Mention]:
    """地委, 行署 … in the report of a prefecture (地区) the document is about: 中共和田地委
    (the 地区 dropped), 和田地区行政公署, 和田地区人大工委."""
    text = analysis.doc.text
    if "地委" not in text and "行署" not in text and "地区" not in text:
        return
    places = [m for m in get("divisions")(analysis) if isinstance(m, Mention) and m.code]
    code = home_divisions(places).get("city")
    division = division_table.get(code) if code else None
    if division is None or not division.name.endswith("地区"):
        return
    name = division.name
    keys = {
        "地委": (f"中共{name[:-2]}地委", "PartyOrgan"),
        "行署": (f"{name}行政公署", "GovernmentAgency"),
        "地区人大工委": (f"{name}人大工委", "PeoplesCongress"),
        "地区政协工委": (f"{name}政协工委", "CPPCC"),
    }
    for m in _PREFECTURE_ORGAN.finditer(text):
        key, subtype = keys[m.group(1) or m.group(2)]
        yield _organ(analysis, m.start(), m.end(), subtype, key)


#: A zone's or park's office or organ written right after its name (某经济开发区管理委员会,
#: 某综合实验区党工委): the administration, named with the zone.
_ZONE_UNITS = re.compile("|".join((*_ZONE_OFFICES, *_ZONE_ORGANS)))


def _zone_offices(analysis: Analysis) -> Iterator[Mention]:
    """The administration of a zone or park the project grammar reads, written with its
    office or organ: an organisation even where no division opens the zone's name
    (洋浦经济开发区管理委员会), which the jurisdiction grammar needs."""
    from kg.extractors.projects import find_projects

    text = analysis.doc.text
    for p in find_projects(analysis):
        if p.kind not in ("zone", "area"):
            continue
        unit = _ZONE_UNITS.match(text, p.end)
        if unit is not None:
            yield _organ(analysis, p.start, unit.end(), "ZoneCommittee", None)


#: A town's organ written after its bare level, opening a clause or an item of a list
#: (。镇党委书记某某主持, 在某镇，镇党委、镇政府…); not inside a word (乡镇党委, 某某镇党委).
_TOWN_ORGAN = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[为任和及、]))([镇乡])(党委|人民政府|政府|纪委|人民代表大会|人大主席团|人大)"
)
#: The organ's full word and its class.
_TOWN_ORGANS = {
    "党委": ("党委", "PartyOrgan"),
    "纪委": ("纪委", "PartyOrgan"),
    "人民政府": ("人民政府", "GovernmentAgency"),
    "政府": ("人民政府", "GovernmentAgency"),
    "人民代表大会": ("人民代表大会", "PeoplesCongress"),
    "人大主席团": ("人大主席团", "PeoplesCongress"),
    "人大": ("人大", "PeoplesCongress"),
}
#: A named town's organ (某某镇党委, 某某镇人民政府, 某某镇人大): the town's, read whole.
_NAMED_TOWN_ORGAN = re.compile("|".join(sorted(_TOWN_ORGANS, key=len, reverse=True)))


def _town_organs(analysis: Analysis) -> Iterator[Mention]:
    """镇党委, 镇政府 written bare in a town's report: the organ of the last town of that level
    named before it (某镇 … 镇党委 → 某镇党委, 镇政府 → 某镇人民政府), as 市委 is the home
    city's. Towns have no division code: ``places`` finds them."""
    found = get("places")(analysis)
    towns = [m for m in found if isinstance(m, Mention) and m.text[-1:] in "镇乡"]
    if not towns:
        return
    text = analysis.doc.text
    for town in towns:
        written = _NAMED_TOWN_ORGAN.match(text, town.end)
        if written is not None:
            word, subtype = _TOWN_ORGANS[written.group()]
            yield _organ(analysis, town.start, written.end(), subtype, town.text + word)
    for m in _TOWN_ORGAN.finditer(text):
        level, organ = m.groups()
        before = [t for t in towns if t.end <= m.start() and t.text.endswith(level)]
        if not before:
            continue  # no town named: whose committee is unknown
        word, subtype = _TOWN_ORGANS[organ]
        yield _organ(analysis, m.start(), m.end(), subtype, before[-1].text + word)


def _organ(analysis: Analysis, start: int, end: int, subtype: str, key: str | None) -> Mention:
    """An organ read from its context (a town's, a zone's, a prefecture's), keyed by the
    full name the context gives."""
    return Mention.span(
        analysis.doc, start, end, ORGANIZATION, NAME, score=0.8, subtype=subtype, key=key
    )


def _readings(analysis: Analysis) -> list[_Reading]:
    return analysis.memo("orgs.readings", lambda: list(_Reader(analysis).read()))


@register(
    "org-structure",
    produces={"sub_organization_of", "jurisdiction"},
    stage="relations",
    needs="words",
)
def org_structure(analysis: Analysis) -> Iterator[Mention | Relation]:
    """Sub-organisation and jurisdiction links shown by an organisation's own name."""
    ours = {(m.start, m.end): m for m in analysis.mentions if m.extractor == NAME}
    if not ours:
        return
    done: set[tuple[int, int]] = set()
    for reading in _readings(analysis):
        span = (reading.mention.start, reading.mention.end)
        m = ours.get(span)
        if m is None or m.key != reading.mention.key or span in done:
            continue
        done.add(span)
        sentence = analysis.sentence_at(m.start)
        if reading.parent is not None:
            parent = _restamp(reading.parent)
            yield parent
            yield Relation("sub_organization_of", m, parent, sentence, "org-structure", score=0.9)
        if reading.place is not None:
            place = _restamp(reading.place)
            yield place
            yield Relation("jurisdiction", m, place, sentence, "org-structure", score=0.9)


def _restamp(m: Mention) -> Mention:
    """A copy of a nested mention credited to ``org-structure``."""
    return Mention(
        m.doc_id,
        m.start,
        m.end,
        m.text,
        m.type,
        "org-structure",
        score=m.score,
        subtype=m.subtype,
        key=m.key,
        code=m.code,
        scope=m.scope,
    )
