"""Document context: the jurisdiction a document is about.

Government news writes short forms that only make sense in context: in a
焦作 document, 市委 is 中共焦作市委 and 市水利局 is 焦作市水利局. The *home*
division of each level (province, city, county) is the one the document
mentions most (at least twice as often as the runner-up), counted over coded
place mentions, or else the one it names first if it is named twice or more and
none more often; a
county's city and a city's province follow from the hierarchy. A level without
such a division has no home, and short forms at that level are left unexpanded.

    >>> from kg.model import Document, Mention
    >>> d = Document(id="d", text="焦作市温县", source="d")
    >>> home = home_divisions([Mention.span(d, 0, 3, "Place", "t", code="410800")])
    >>> home["city"], home["province"]
    ('410800', '410000')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from kg.model import Mention

if TYPE_CHECKING:
    from kg.divisions import Division

__all__ = [
    "DEMOCRATIC_PARTIES",
    "LEVEL_CHARS",
    "PARTY_PREFIXES",
    "county_or_prefecture",
    "democratic_party_before",
    "home_divisions",
    "opening_division",
    "without_party_prefix",
]

#: The bare level character a short form starts with, and the level it names.
LEVEL_CHARS = {
    "省": "province",
    "市": "city",
    "县": "county",
    "区": "county",
    "州": "city",
    "旗": "county",
    "盟": "city",
}

#: What a party committee's name may open with before its jurisdiction (中共焦作市委).
PARTY_PREFIXES = ("中国共产党", "中共")


#: The eight democratic parties, full and short names, each with its full name. Before a
#: jurisdiction (民建郴州市委, 九三学社湖南省委员会) the committee is that party's, never the
#: Communist Party's (中共郴州市委). Full names first.
DEMOCRATIC_PARTIES = {
    "中国国民党革命委员会": "中国国民党革命委员会",
    "中国民主同盟": "中国民主同盟",
    "中国民主建国会": "中国民主建国会",
    "中国民主促进会": "中国民主促进会",
    "中国农工民主党": "中国农工民主党",
    "中国致公党": "中国致公党",
    "台湾民主自治同盟": "台湾民主自治同盟",
    "九三学社": "九三学社",
    "民革": "中国国民党革命委员会",
    "民盟": "中国民主同盟",
    "民建": "中国民主建国会",
    "民进": "中国民主促进会",
    "农工党": "中国农工民主党",
    "致公党": "中国致公党",
    "台盟": "台湾民主自治同盟",
}


def democratic_party_before(text: str, end: int) -> str:
    """The democratic party's name as written right before ``end`` (民建|郴州市委,
    中国民主建国会|郴州市委员会: the full name wins over the short one inside it), or ``""``."""
    return next((p for p in DEMOCRATIC_PARTIES if text.endswith(p, 0, end)), "")


def without_party_prefix(name: str) -> str:
    """``name`` without the party prefix it opens with (中共焦作市委 → 焦作市委)."""
    for prefix in PARTY_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def home_divisions(places: Iterable[Mention]) -> dict[str, str]:
    """Level (``province``/``city``/``county``) → code of the document's home division."""
    from kg import divisions

    counts: dict[str, Counter[str]] = {
        "province": Counter(),
        "city": Counter(),
        "county": Counter(),
    }
    first: dict[str, int] = {}
    for m in places:
        if not m.code:
            continue
        d = divisions.get(m.code)
        if d is None or d.level not in counts:
            continue
        counts[d.level][d.code] += 1
        first.setdefault(d.code, m.start)
    home: dict[str, str] = {}
    for level in ("county", "city", "province"):
        ranked = counts[level].most_common()
        if not ranked:
            continue
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            # no clear leader: the one named first, if no other is named more often
            # (房县召开全县… beside 竹山县 as a route's end); else no home at this level
            opening = min(counts[level], key=lambda c: first[c])
            if counts[level][opening] == ranked[0][1] >= 2:
                home[level] = opening
            continue
        home[level] = ranked[0][0]
    # fill upper levels from the hierarchy where the document did not decide them
    for level in ("county", "city"):
        code = home.get(level)
        while code:
            d = divisions.get(code)
            if d is None or not d.parent:
                break
            parent = divisions.get(d.parent)
            if parent is None:
                break
            if parent.level in counts and parent.level not in home:
                home[parent.level] = parent.code
            elif parent.level in home and home[parent.level] != parent.code:
                break
            code = parent.code
    return home


#: Words before a division that make it the venue, not the host (会议在寿光市召开).
_VENUE_BEFORE = ("在", "于", "赴", "到")


def opening_division(places: Iterable[Mention], text: str, end: int) -> str | None:
    """The code of the first division a report names before ``end`` (its first sentence's
    end) that is not the venue: 巩义市召开全市…, 政协绥化市…会议 — the host a bare level
    character stands for when a county-level city and its prefecture are both home."""
    for m in sorted(places, key=lambda m: m.start):
        if m.end > end:
            return None
        if m.code and not text.endswith(_VENUE_BEFORE, 0, m.start):
            return m.code
    return None


def county_or_prefecture(
    homes: Sequence[Division], opening: str | None, named: Collection[str | None] | None = None
) -> Division | None:
    """Which of the home divisions a bare level character stands for (nearest level
    first): where a county-level city and its prefecture both qualify, the county-level
    city only if the report opens with it (:func:`opening_division`: 巩义市召开全市…), else
    the prefecture — one the text names, where ``named`` gives the codes it names."""
    if not homes:
        return None
    pair = len(homes) > 1 and homes[0].level == "county" and homes[1].level == "city"
    if pair and (named is None or homes[1].code in named) and opening != homes[0].code:
        return homes[1]
    return homes[0]
