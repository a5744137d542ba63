"""Who holds which post: ``holds_post`` relations, and references to people by pronoun or title.

A relation-stage extractor. It reads post titles (:mod:`kg.titles`) around
the person mentions of the document and yields
``Relation("holds_post", person, organisation, role=title)``, which the RDF
writer turns into an ``org:Membership`` with an ``org:Role``. The
constructions:

* apposition, organisation then title then name — 国务院副总理甲, 市水利局局长甲,
  with coordinated titles (北京市委书记、市长甲 → two posts; 县委委员、常委甲)
  and a title shared by a list of names (副县长甲、乙);
* name then title — 甲书记, 甲副省长;
* appointment — 任命甲为…, 增补甲为…, 甲当选为…, 甲任/担任/兼任…, and the
  former posts 原…甲, 前…甲, 甲不再担任…, 免去甲的…职务.

The organisation of a post is the organisation or division mention written
right before its title, or the organisation named earlier that a generic
word before it stands for (公司总经理 after 某某有限公司; 管委会主任 after a
zone: that zone's 管委会). A title that heads a government (省长, 市长, 县长,
区长, 州长 and their deputies) belongs to the people's government of its
jurisdiction: the division written before it (湖南省副省长), else the one
the other organisations of the same title chain name (内江市市中区委副书记、
区长 → 内江市市中区人民政府), else the document's home division of that level
(:mod:`kg.context`). The government is an Organization mention with the
government's full name as key, reusing one the document has and otherwise
made over the title's level character. A title with no organisation of its
own takes that of the title next to it in the chain (县委委员、常委); a title
after a name takes what the same person holds with the same title elsewhere
in the document. Former posts are relations too, with a lower score (the
model has no end date).

References: the extractor also yields Person mentions, keyed by the person's
name, for 他/她 when the nearest preceding sentence with people names exactly
one; for a surname with a title (谢书记) when one person of that surname holds
that title (or is the only one of that surname) in the document; and for a
bare title at the start of a clause before a verb of speech (书记强调) when
exactly one person holds it in the document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from kg import divisions as division_table
from kg.context import (
    county_or_prefecture,
    home_divisions,
    opening_division,
    without_party_prefix,
)
from kg.extractors import register
from kg.extractors.jieba_pos import surnames
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention, Relation
from kg.titles import HEAD_LEVELS, TitleMatch, find_titles, longest

__all__ = ["NAME", "division_in_name", "government_name", "posts"]

NAME = "posts"
_APPOSITION = 0.9
_APPOINTMENT = 0.85
_AFTER_NAME = 0.8
_FORMER = 0.8
_REFERENCE = 0.7

_HAN = re.compile(r"[\u3400-\u9fff]")
#: Words that join coordinated titles (书记、市长; 委员、常委; 主任兼党组书记).
_TITLE_JOINS = ("、", "和", "及", "兼", "并")
#: Words joining a list of names that share what follows (任命甲、乙为…).
_NAME_JOINS = ("、", "和", "及", "与")
#: Verbs between a name and the posts it is given, and whether they end a post.
_VERBS_AFTER = {
    "当选为": False,
    "当选": False,
    "被任命为": False,
    "任命为": False,
    "被选举为": False,
    "被选为": False,
    "被推选为": False,
    "被增补为": False,
    "继续担任": False,
    "担任": False,
    "兼任": False,
    "出任": False,
    "调任": False,
    "升任": False,
    "改任": False,
    "继任": False,
    "接任": False,
    "现任": False,
    "任": False,
    "不再担任": True,
    "辞去": True,  # 接受甲辞去某县人民政府县长职务的请求: the post held until now
    "曾任": True,
    "历任": True,
    "原任": True,
    "后任": True,
}
_VERBS_AFTER_RE = sorted(_VERBS_AFTER, key=len, reverse=True)
#: Home levels a head title may lead, nearest first.
_HOME_LEVELS = ("county", "city", "province")
#: Verbs that open a further clause of the same person's posts (…，原任…; …，兼任…).
_CLAUSE_VERBS = ("原任", "曾任", "历任", "现任", "兼任", "后任")
#: Adverbs of time between a name and its verb (甲已调任…, 甲现已担任…).
_ADVERBS = re.compile(r"(?:现已|已经|业已|现|已|又)(?=[任担兼出调升改继接当被不曾历原])")
#: Verbs before a name whose post follows 为 (任命甲为…) or 的 (免去甲的…职务).
_APPOINT = ("任命", "提名", "选举", "推选", "推举", "增补", "补选", "聘任", "聘请", "决定")
_DISMISS = ("免去", "免除", "撤销")
_FORMER_MARKS = ("原", "前")
#: A cadre's short biography between the name and the posts (甲，男，汉族，1970年生，现任…).
_BIO = re.compile(
    r"(?:[，,](?:男|女|[\u4e00-\u9fff]{1,4}族|\d{4}年(?:\d{1,2}月)?出?生|中共党员"
    r"|[\u4e00-\u9fff]{2,8}人|[\u4e00-\u9fff]{2,4}(?:学历|学位)))+[，,]"
)
_PRONOUN = re.compile(r"(?<![其吉利排])[他她](?![们人乡国处山日年])")
_CLAUSE_STARTS = frozenset('，,。；;：:、！!？?“”"‘’（）()《》【】 \n\t')
_SPEECH = (
    "强调",
    "指出",
    "表示",
    "要求",
    "说",
    "主持",
    "讲话",
    "介绍",
    "提出",
    "希望",
    "认为",
    "宣布",
    "在",
    "对",
    "代表",
    "作",
)
_GOVERNMENT = "人民政府"
#: Generic words that stand for an organisation named earlier (公司总经理).
_GENERIC_BODIES = (
    "公司",
    "集团",
    "银行",
    "医院",
    "学校",
    "大学",
    "学院",
    "协会",
    "商会",
    "研究院",
    "研究所",
    "管委会",
    "党工委",
    "示范区",
    "开发区",
    "高新区",
    "集聚区",
    "园区",
)
#: The organs of a zone, written bare after the zone was named (管委会主任).
_ZONE_ORGANS = ("管委会", "党工委")


def _is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


@dataclass(frozen=True, slots=True)
class _Link:
    """One title of a chain, with the organisation written before it."""

    title: TitleMatch
    org: Mention | None = None
    #: whether a title without organisation may take its neighbour's: it is
    #: coordinated with it (委员、常委), not preceded by words left unread (书记处书记)
    open: bool = True


@dataclass
class _Post:
    person: Mention
    link: _Link
    object: Mention
    score: float


def division_in_name(name: str) -> division_table.Division | None:
    """The division an organisation's name starts with, read down the hierarchy.

    >>> division_in_name("中共内江市市中区委").name
    '市中区'
    >>> division_in_name("国务院") is None
    True
    """
    name = without_party_prefix(name)
    index = division_table.name_index()
    current: division_table.Division | None = None
    pos = 0
    while pos < len(name):
        for length in range(min(len(name) - pos, 12), 1, -1):
            options = [
                f.division
                for f in index.get(name[pos : pos + length], ())
                if current is None or f.division.parent == current.code
            ]
            codes = {d.code for d in options}
            if len(codes) == 1:
                current = options[0]
                pos += length
                break
        else:
            break
    return current


def government_name(division: division_table.Division) -> str:
    """The full name of a division's people's government (a district's carries its city).

    Districts are named as the organisation grammar names their organs
    (:mod:`kg.extractors.orgs`), so that 区长 and 区政府 meet in one entity.

    >>> government_name(division_table.get("410800"))
    '焦作市人民政府'
    """
    return division_table.jurisdiction_name(division) + _GOVERNMENT


class _Reader:
    """Reads the posts of one document."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.doc = analysis.doc
        self.text = analysis.doc.text
        mentions = analysis.mentions
        self.persons = [m for m in mentions if m.type == PERSON]
        self.bodies = [m for m in mentions if m.type in (ORGANIZATION, PLACE)]
        self.body_by_end: dict[int, Mention] = {}
        self.body_by_start: dict[int, Mention] = {}
        for m in sorted(self.bodies, key=lambda m: m.end - m.start):
            self.body_by_end[m.end] = m
            self.body_by_start[m.start] = m
        self.titles = self._titles()
        self.title_by_end = {t.end: t for t in self.titles}
        self.title_by_start = {t.start: t for t in self.titles}
        self.person_by_start = {m.start: m for m in self.persons}
        self.person_by_end = {m.end: m for m in self.persons}
        self.extra: dict[tuple[int, int, str], Mention] = {}
        self._home: dict[str, str] | None = None

    # -- titles --------------------------------------------------------------

    def _titles(self) -> list[TitleMatch]:
        """Title matches outside other mentions (a title may share the last
        character of the organisation or division before it: 北京市|市长 written
        北京市长, 宣传部|部长 written 宣传部长)."""
        occupied: dict[int, Mention] = {}
        for m in self.analysis.mentions:
            for i in range(m.start, m.end):
                occupied[i] = m
        kept = []
        for t in find_titles(self.text):
            inside = {occupied[i] for i in range(t.start, t.end) if i in occupied}
            if not inside:
                kept.append(t)
                continue
            only = inside.pop() if len(inside) == 1 else None
            if (
                only is not None
                and only.type in (ORGANIZATION, PLACE)
                and only.end == t.start + 1
                and t.end > only.end
            ):
                kept.append(t)
        return [t for t in longest(kept) if not t.title.block]

    # -- organisations -------------------------------------------------------

    def body_before(self, t: TitleMatch) -> tuple[Mention | None, int]:
        """The organisation or division written right before title ``t``, and
        where its text starts (that of a generic word for one named earlier)."""
        m = self.body_by_end.get(t.start)
        if m is None:
            m = self.body_by_end.get(t.start + 1)  # 北京市长: the title shares 市
            if m is not None and m.start >= t.start:
                m = None
        if m is not None:
            return m, m.start
        for word in _GENERIC_BODIES:
            if self.text.endswith(word, 0, t.start):
                named = self.named_before(word, t.start - len(word))
                if named is not None:
                    return named, t.start - len(word)
        return None, t.start

    def named_before(self, word: str, pos: int) -> Mention | None:
        """The organisation a generic word at ``pos`` stands for (公司 for the
        company named last before it; 管委会 for the committee of the zone)."""
        before = self.text[pos - 1] if pos > 0 else ""
        if (
            _is_han(before)
            and before not in "该本其原"
            and pos not in self.title_by_end
            and not self.text.endswith(_GENERIC_BODIES, 0, pos)  # 示范区党工委
        ):
            return None  # the end of a longer name (分公司, 某某集团), not a reference
        for m in reversed(self.bodies):
            if m.end > pos or m.type != ORGANIZATION:
                continue
            name = m.name
            if word in _ZONE_ORGANS:
                if name.endswith(_ZONE_ORGANS):
                    return m if name.endswith(word) else None
                if name.endswith("区"):
                    return self.zone_organ(m, word, pos)
                continue
            if name.endswith(word) or (word in name and name.endswith("公司")):
                return m
        return None

    def zone_organ(self, zone: Mention, word: str, pos: int) -> Mention:
        """A mention of a zone's 管委会 or 党工委 written bare at ``pos``."""
        key = (pos, pos + len(word), zone.name + word)
        if key not in self.extra:
            subtype = "PartyOrgan" if word == "党工委" else "ZoneCommittee"
            self.extra[key] = Mention.span(
                self.doc,
                pos,
                pos + len(word),
                ORGANIZATION,
                NAME,
                score=0.7,
                key=zone.name + word,
                subtype=subtype,
            )
        return self.extra[key]

    @property
    def home(self) -> dict[str, str]:
        if self._home is None:
            coded = [m for m in self.bodies if m.code]
            for m in self.bodies:
                if not m.code and m.type == ORGANIZATION:
                    division = division_in_name(m.name)
                    if division is not None:
                        coded.append(replace(m, code=division.code))
            self._home = home_divisions(coded)
        return self._home

    @functools.cached_property
    def opening(self) -> str | None:
        """The division the report opens with (:func:`kg.context.opening_division`)."""
        first_end = self.analysis.sentences[0].end if self.analysis.sentences else 0
        return opening_division([m for m in self.bodies if m.code], self.text, first_end)

    def division_of(self, m: Mention) -> division_table.Division | None:
        if m.code:
            return division_table.get(m.code)
        return division_in_name(m.name)

    def jurisdiction(self, head: str, near: list[Mention]) -> division_table.Division | None:
        """The division whose government a head title with level character ``head`` leads."""
        levels = HEAD_LEVELS.get(head, ())
        for m in near:
            division = self.division_of(m)
            if division is None:
                continue
            for d in division_table.lineage(division.code):
                if d.level in levels and d.name.endswith(head):
                    return d
        homes = [
            d
            for d in (division_table.get(self.home.get(level, "")) for level in _HOME_LEVELS)
            if d is not None and d.level in levels and d.name.endswith(head)
        ]
        if homes:  # 巩义市召开全市…: 巩义's 市长, else the prefecture's
            return county_or_prefecture(homes, self.opening)
        # no home division of that level: the only one of that level the document names
        named = {
            d.code: d
            for d in (self.division_of(m) for m in self.bodies)
            if d is not None and d.level in levels and d.name.endswith(head)
        }
        return next(iter(named.values())) if len(named) == 1 else None

    def government(self, division: division_table.Division, t: TitleMatch) -> Mention:
        """The mention standing for ``division``'s people's government."""
        name = government_name(division)
        for m in self.bodies:
            if m.type == ORGANIZATION and m.name == name:
                return m
        title = t.title
        head = title.head or ""
        offset = len(title.text) - len(title.base) + title.base.index(head)
        start = t.start + offset
        key = (start, start + 1, name)
        if key not in self.extra:
            self.extra[key] = Mention.span(
                self.doc,
                start,
                start + 1,
                ORGANIZATION,
                NAME,
                score=0.8,
                key=name,
                subtype="GovernmentAgency",
            )
        return self.extra[key]

    def resolve(
        self, links: list[_Link], fallback: Mention | None = None
    ) -> list[tuple[_Link, Mention]]:
        """The organisation of each title of a chain (see the module docstring).

        ``fallback`` is the organisation of the name listed before (县委书记甲、
        副书记乙), for titles the chain leaves without one.
        """
        near = [link.org for link in reversed(links) if link.org is not None]
        objects: list[Mention | None] = []
        for link in links:
            t, org = link.title, link.org
            obj: Mention | None = None
            if t.title.head:
                if org is not None and org.type == ORGANIZATION:
                    obj = org
                else:
                    around = [org] if org is not None else []
                    division = self.jurisdiction(t.title.head, around + near)
                    obj = self.government(division, t) if division is not None else None
            elif org is not None and org.type == PLACE and t.title.base == "主席":
                division = self.division_of(org)  # 内蒙古自治区|副主席: its government's
                if division is not None and division.level == "province":
                    obj = self.government(division, t)
            elif org is not None:
                obj = org
            objects.append(obj)
        # a title with no organisation of its own takes the one before it
        for i, obj in enumerate(objects):
            if obj is None and links[i].open and not links[i].title.title.head:
                left = next((o for o in reversed(objects[:i]) if o is not None), None)
                objects[i] = left or fallback
        return [(link, obj) for link, obj in zip(links, objects, strict=True) if obj is not None]

    # -- chains ---------------------------------------------------------------

    def chain_before(self, pos: int) -> tuple[list[_Link], int]:
        """The titles (with organisations) written right before ``pos``, and where they start."""
        links: list[_Link] = []
        while True:
            t = self.title_by_end.get(pos)
            if t is None or not t.title.is_post:
                break
            org, pos = self.body_before(t)
            join = next((j for j in _TITLE_JOINS if self.text.endswith(j, 0, pos)), None)
            links.append(_Link(t, org, org is None and (join is not None or self._open(pos))))
            if join is None or self.title_by_end.get(pos - len(join)) is None:
                break
            pos -= len(join)
        links.reverse()
        return links, pos

    def _open(self, pos: int) -> bool:
        """Whether nothing unread stands right before ``pos`` (a clause start or 原/前)."""
        return pos == 0 or self.text[pos - 1] in _CLAUSE_STARTS or self.former_before(pos)

    def chain_after(self, pos: int) -> list[_Link]:
        """The titles (with organisations) written from ``pos`` on (…为县委委员、常委)."""
        links: list[_Link] = []
        while True:
            org = self.body_by_start.get(pos)
            t = None
            if org is not None:
                t = self.title_by_start.get(org.end) or self.title_by_start.get(org.end - 1)
            if t is None:
                org, t = None, self.title_by_start.get(pos)
            if t is None:
                word = next((w for w in _GENERIC_BODIES if self.text.startswith(w, pos)), "")
                t = self.title_by_start.get(pos + len(word)) if word else None
                org = self.named_before(word, pos) if t is not None else None
                if org is None:
                    t = None
            if t is None or not t.title.is_post:
                break
            links.append(_Link(t, org))
            pos = t.end
            join = next((j for j in _TITLE_JOINS if self.text.startswith(j, pos)), None)
            if join is None:
                break
            nxt = pos + len(join)
            if nxt not in self.title_by_start and nxt not in self.body_by_start:
                break
            pos = nxt
        return links

    def former_before(self, pos: int) -> bool:
        """Whether 原 or 前 marks the chain starting at ``pos`` as a former post."""
        text = self.text
        if pos == 0 or text[pos - 1] not in _FORMER_MARKS:
            return False
        return pos == 1 or not _is_han(text[pos - 2]) or text[pos - 2] in "的和及与、"

    # -- reading -----------------------------------------------------------------

    def read(self) -> list[_Post]:
        posts: list[_Post] = []
        chains: dict[Mention, list[_Link]] = {}
        bodies: dict[Mention, Mention] = {}
        #: per sentence, the organisation of each base title read so far
        same_body: dict[int, dict[str, Mention]] = {}
        previous: Mention | None = None
        for p in self.persons:
            links, start = self.chain_before(p.start)
            score = _FORMER if self.former_before(start) else _APPOSITION
            # listed after the previous name: 甲、乙 or 甲、副书记乙
            listed = None
            if previous is not None and self.text[previous.end : start] in _NAME_JOINS:
                listed = previous
            if not links and listed is not None:
                # 副县长甲、乙: a shared title before a list of names
                links = [link for link in chains.get(listed, []) if link.title.title.shared]
                score = _APPOSITION
            if links:
                chains[p] = links
                fallback = bodies.get(listed) if listed is not None else None
                resolved = self.resolve(links, fallback)
                for link, obj in resolved:
                    posts.append(_Post(p, link, obj, score))
                    if not link.title.title.head:
                        bodies[p] = obj
                sentence = self.analysis.sentence_at(p.start).start
                for link, obj in resolved:
                    same_body.setdefault(sentence, {})[link.title.title.base] = obj
                done = {id(link) for link, _ in resolved}
                for link in links:
                    # 主任甲，副主任乙: a deputy of the body named earlier in the sentence
                    body = same_body.get(sentence, {}).get(link.title.title.base)
                    if id(link) not in done and link.open and body is not None:
                        posts.append(_Post(p, link, body, _AFTER_NAME))
            previous = p
        posts.extend(self.appointments())
        held = {(post.person.name, post.link.title.title.role): post.object for post in posts}
        posts.extend(self.after_names(held))
        return posts

    def group_of(self, p: Mention) -> list[Mention]:
        """``p`` and the names listed before it (甲、乙 in 任命甲、乙为…)."""
        group = [p]
        while True:
            first = group[0]
            before = next(
                (
                    q
                    for q in self.persons
                    if q.end < first.start and self.text[q.end : first.start] in _NAME_JOINS
                ),
                None,
            )
            if before is None:
                return group
            group.insert(0, before)

    def appointments(self) -> Iterator[_Post]:
        text = self.text
        for p in self.persons:
            pos = p.end
            if text.startswith("同志", pos):
                pos += 2
            bio = _BIO.match(text, pos)
            if bio is not None:
                pos = bio.end()
            adverb = _ADVERBS.match(text, pos)
            if adverb is not None and any(text.startswith(v, adverb.end()) for v in _VERBS_AFTER):
                pos = adverb.end()
            verb = next((v for v in _VERBS_AFTER_RE if text.startswith(v, pos)), None)
            former = False
            if verb is not None:
                former = _VERBS_AFTER[verb]
                pos += len(verb)
            elif text.startswith("为", pos) and self._appointed(p):
                pos += 1
            elif text.startswith("的", pos) and self._dismissed(p):
                pos, former = pos + 1, True
            else:
                continue
            while True:
                links = self.chain_after(pos)
                if not links:
                    break
                score = _FORMER if former else _APPOINTMENT
                for person in self.group_of(p):
                    for link, obj in self.resolve(links):
                        yield _Post(person, link, obj, score)
                # 甲现任区委副书记，原任区人民政府代区长: the next clause's verb, same subject
                after = links[-1].title.end
                if not text.startswith(("，", ","), after):
                    break
                verb = next((v for v in _CLAUSE_VERBS if text.startswith(v, after + 1)), None)
                if verb is None:
                    break
                pos, former = after + 1 + len(verb), _VERBS_AFTER[verb]

    def _clause_before(self, p: Mention) -> str:
        """The text of the sentence before ``p`` up to a full stop or semicolon
        (任命甲为县长，乙、丙为副县长: 任命 governs both clauses)."""
        start = p.start
        while start > 0 and self.text[start - 1] not in "。；;！？\n":
            start -= 1
        return self.text[start : p.start]

    def _appointed(self, p: Mention) -> bool:
        return any(v in self._clause_before(self.group_of(p)[0]) for v in _APPOINT)

    def _dismissed(self, p: Mention) -> bool:
        return any(v in self._clause_before(self.group_of(p)[0]) for v in _DISMISS)

    def after_names(self, held: dict[tuple[str, str], Mention]) -> Iterator[_Post]:
        """Titles right after a name (甲书记, 甲副省长)."""
        for p in self.persons:
            t = self.title_by_start.get(p.end)
            if t is None or not t.title.is_post:
                continue
            known = held.get((p.name, t.title.role))
            if known is not None:
                yield _Post(p, _Link(t), known, _AFTER_NAME)
            elif t.title.head:
                for link, obj in self.resolve([_Link(t)]):
                    yield _Post(p, link, obj, _AFTER_NAME)

    # -- references ----------------------------------------------------------------

    def references(self, posts: list[_Post]) -> Iterator[Mention]:
        """Person mentions for pronouns, surname + title and bare titles."""
        yield from self.pronouns()
        holders: dict[str, set[str]] = {}
        for post in posts:
            holders.setdefault(post.link.title.title.role, set()).add(post.person.name)
        names = {p.name for p in self.persons}
        by_surname: dict[str, set[str]] = {}
        for name in names:
            by_surname.setdefault(name[:1], set()).add(name)
        taken = {(m.start, m.end) for m in self.analysis.mentions}
        for t in self.titles:
            if not t.title.is_post or t.start in self.person_by_end:
                continue
            role = t.title.role
            start = t.start - 1
            if start >= 0 and self.text[start] in surnames() and self._clause_start(start):
                # 谢书记: one person of that surname holding that title, or only one of it
                same = by_surname.get(self.text[start], set())
                both = same & holders.get(role, set())
                found = next(iter(both)) if len(both) == 1 else None
                if found is None and len(same) == 1 and not both:
                    found = next(iter(same))
                if found is not None and (start, t.end) not in taken:
                    yield self._reference(start, t.end, found)
                continue
            if (
                self._clause_start(t.start)
                and t.start not in self.body_by_end
                and self.text.startswith(_SPEECH, t.end)
                and len(holders.get(role, ())) == 1
            ):
                yield self._reference(t.start, t.end, next(iter(holders[role])))

    def _clause_start(self, start: int) -> bool:
        return start == 0 or self.text[start - 1] in _CLAUSE_STARTS

    def _reference(self, start: int, end: int, name: str) -> Mention:
        return Mention.span(self.doc, start, end, PERSON, NAME, score=_REFERENCE, key=name)

    def pronouns(self) -> Iterator[Mention]:
        """他/她 whose antecedent is the only person named in the nearest sentence naming any.

        A pronoun already resolved counts as its person; one left unresolved
        makes its sentence ambiguous.
        """
        sentences = self.analysis.sentences
        index = {s.start: i for i, s in enumerate(sentences)}
        resolved: dict[int, str | None] = {}

        def named(start: int, end: int) -> set[str | None]:
            found: set[str | None] = {p.name for p in self.persons if start <= p.start < end}
            found |= {name for at, name in resolved.items() if start <= at < end}
            return found

        for match in _PRONOUN.finditer(self.text):
            pos = match.start()
            if pos in self.person_by_start:
                continue
            sentence = self.analysis.sentence_at(pos)
            i = back = index.get(sentence.start, 0)
            names = named(sentence.start, pos)
            while not names and back > 0 and i - back < 3:
                back -= 1
                names = named(sentences[back].start, sentences[back].end)
            name = names.pop() if len(names) == 1 else None
            resolved[pos] = name
            if name is not None:
                yield self._reference(pos, pos + 1, name)


@register(NAME, produces={"holds_post", PERSON, ORGANIZATION}, stage="relations", needs="words")
def posts(analysis: Analysis) -> Iterator[Mention | Relation]:
    """Posts held by the people named (org:Membership), and pronoun and title references."""
    reader = _Reader(analysis)
    found = reader.read()
    seen: set[tuple[int, int, str, str]] = set()
    relations = []
    for post in found:
        key = (post.person.start, post.person.end, post.object.name, post.link.title.title.role)
        if key in seen:
            continue
        seen.add(key)
        relations.append(
            Relation(
                "holds_post",
                post.person,
                post.object,
                analysis.sentence_at(post.person.start),
                NAME,
                score=post.score,
                role=post.link.title.title.role,
            )
        )
    yield from reader.extra.values()
    yield from relations
    yield from reader.references(found)
