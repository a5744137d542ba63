"""Phrase helpers shared by the event, project and place-hierarchy extractors.

Names of meetings and projects are read leftwards from a head word (会议,
铁路) over jieba's words; relations are read from lists of units before or
after a trigger word (温县、武陟县受到表彰). The pieces both need live here:
word classes (a word's dictionary tag, whether it names a place), clause
boundaries, and the parser of ``甲、乙和丙等`` lists over merged mentions.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention, Token

__all__ = [
    "CLAUSE_BREAKS",
    "ORDINAL",
    "YEAR",
    "Clauses",
    "Item",
    "Spans",
    "Words",
    "clause_bounds",
    "division_opening",
    "holds_division_name",
    "is_direction",
    "is_division_name",
    "is_geo_name",
    "is_place_word",
    "lexicon",
    "list_items",
    "longest_first",
    "outermost",
    "place_ending_at",
    "word_list",
    "word_tag",
    "words_tagged",
]

#: Characters that end a clause: a list never runs across them (the comma aside, see callers).
CLAUSE_BREAKS = frozenset("，,；;：:。！？!?\n")
#: A four-digit year, alone (2024) or with 年/年度.
YEAR = re.compile(r"(?:19|20|１９|２０)[0-9０-９]{2}(?:年度?)?")
#: An ordinal of a session or series: 第四十七次, 十五届, 第二届, 六次.
ORDINAL = re.compile(r"第?[0-9０-９〇零一二三四五六七八九十百两]{1,5}[届次期]|首[届次期]")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")

#: What may stand between two items of a list.
_SEPARATORS = ("、", "，", ",", "和", "及", "与", "以及")
#: What may follow a unit that stands for its people (温县负责同志作典型发言).
UNIT_TAILS = (
    "有关负责同志",
    "主要负责同志",
    "主要负责人",
    "有关负责人",
    "负责同志",
    "负责人",
    "有关领导同志",
    "主要领导同志",
    "领导同志",
    "主要领导",
    "有关领导",
    "代表",
    "的",
)


@functools.cache
def _tags() -> dict[str, str]:
    from kg.segment import modern_words, segmenter

    return {**modern_words(), **segmenter().main_dictionary_tags}


def word_tag(word: str) -> str | None:
    """jieba's dictionary tag of ``word`` (``ns``, ``nz``, ``v`` …), if it is a dictionary
    word of two to six characters."""
    return _tags().get(word) if 2 <= len(word) <= 6 else None


@functools.cache
def _place_names() -> frozenset[str]:
    from kg.divisions import name_index

    return frozenset(
        name
        for name, forms in name_index().items()
        if len(name) >= 2 and not any(f.guard for f in forms)
    )


def is_division_name(word: str) -> bool:
    """Whether ``word`` is a division's name or short name that is no ordinary word."""
    return word in _place_names()


_GEO_ENDINGS = tuple("河江湖山湾岛峡港海岭")
_COMMON_GEO = frozenset(
    (
        "江山", "河山", "山河", "江湖", "海港", "港湾", "山川", "湖泊", "河流", "海外", "沿海",
        "出海", "上山", "下山", "下海", "靠山", "大山", "深山", "高山", "大海", "深海", "内河",
        "湖水", "河水", "江水", "沿江", "沿河", "沿湖", "冰山", "火山", "矿山", "青山", "名山",
        "海岛", "小岛", "半岛", "海峡", "渤海", "内海", "外海", "近海", "远海", "山岭",
        "江河", "大河", "大江", "长河", "渡江", "渡河", "冰河", "河江", "下河", "上河", "滨河",
        "临江", "外江", "下江", "上江", "两河", "两江", "三江", "开河", "入江", "过河", "跨江",
    )
)  # fmt: skip


def is_geo_name(word: str) -> bool:
    """Whether ``word`` names a river, mountain, bay … (大沙河, 崖州湾, 黄河), not a common noun.

    Two characters are too few to tell a name from a word (登山, 江湖, 海峡 are
    tagged ``ns`` too): only rivers, dictionary-tagged, pass (黄河, 汉江).
    """
    if not word.endswith(_GEO_ENDINGS) or word in _COMMON_GEO or not all(map(is_han, word)):
        return False
    if len(word) == 2:
        return word[-1] in "河江" and word_tag(word) == "ns"
    return len(word) >= 3


def is_place_word(word: str) -> bool:
    """Whether ``word`` is a division's name or short name, or a river, mountain … name.

    Names that are also ordinary words (合作, 和平 — guarded in the divisions
    data) do not count, nor does jieba's ``ns`` tag alone (it marks 新春, 山区,
    长大 and 庆典暨 too).
    """
    return word in _place_names() or is_geo_name(word)


def division_opening(text: str, start: int, end: int, longest: int | None = None) -> bool:
    """Whether a division's name (any form in :func:`kg.divisions.name_index`, two
    characters or more, at most ``longest``) opens ``text[start:end]``."""
    from kg.divisions import name_index

    index = name_index()
    most = end - start if longest is None else min(end - start, longest)
    return any(text[start : start + k] in index for k in range(2, most + 1))


def holds_division_name(word: str, longest: int | None = None) -> bool:
    """Whether a division's name (two characters or more, at most ``longest``) stands
    anywhere in ``word`` (中国台湾, 冷链物流中心 holds none)."""
    return any(division_opening(word, i, len(word), longest) for i in range(len(word) - 1))


def place_ending_at(text: str, end: int, starts: frozenset[int], longest: int = 10) -> int | None:
    """Start of the longest place name ending at ``end`` on a word start (于都 in 中共于都县委)."""
    names = _place_names()
    for length in range(min(longest, end), 1, -1):
        if end - length in starts and text[end - length : end] in names:
            return end - length
    return None


@functools.cache
def lexicon(name: str) -> dict[str, str]:
    """A word list under ``kg/data/``: word → the rest of its line (``""`` if none)."""
    text = (resources.files("kg") / "data" / name).read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, _, rest = line.partition(" ")
            out[word] = rest.strip()
    return out


@functools.cache
def word_list(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a list under ``kg/data/`` (``#`` starts a comment)."""
    text = (resources.files("kg") / "data" / name).read_text("utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


def is_direction(word: str) -> bool:
    """Whether ``word`` only gives directions (南北, 东西部, 豫西北): no proper name."""
    return all(c in "东南西北中上下内外部方边豫" for c in word)


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


def words_tagged(word: str, *tags: str, shortest: int = 3) -> bool:
    """Whether ``word`` is a dictionary word of one of ``tags`` and at least ``shortest`` long.

    jieba's short ``nz``/``nt`` words are often ordinary (普通, 赛, 暨): the
    length keeps the proper names (南水北调, 中纪委).
    """
    return len(word) >= shortest and word_tag(word) in tags


class Words:
    """jieba's words of a document with lookups by offset."""

    def __init__(self, analysis: Analysis) -> None:
        tokens: Sequence[Token] = analysis.tokens
        if not tokens and analysis.doc.text:
            from kg.segment import segmenter

            seg = segmenter()
            tokens = [t for s in analysis.sentences for t in seg.words(s.text, offset=s.start)]
        self.tokens = tokens
        self.starts = [t.start for t in tokens]
        self.ends = frozenset(t.end for t in tokens)
        self.start_set = frozenset(self.starts)

    def index_at(self, offset: int) -> int:
        """The index of the word containing ``offset`` (or the last word before it)."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def after(self, offset: int) -> Token | None:
        """The word starting at ``offset``."""
        i = bisect.bisect_left(self.starts, offset)
        return self.tokens[i] if i < len(self.tokens) and self.starts[i] == offset else None


def clause_bounds(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The clause of ``text[start:end]`` (a sentence) around offset ``pos``."""
    lo = pos
    while lo > start and text[lo - 1] not in CLAUSE_BREAKS:
        lo -= 1
    hi = pos
    while hi < end and text[hi] not in CLAUSE_BREAKS:
        hi += 1
    return lo, hi


class Clauses:
    """Clause boundaries of a text, found once, looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.breaks = [i for i, c in enumerate(text) if c in CLAUSE_BREAKS]

    def bounds(self, start: int, end: int, pos: int) -> tuple[int, int]:
        """The clause of ``[start, end)`` (a sentence) around ``pos``; as :func:`clause_bounds`."""
        i = bisect.bisect_left(self.breaks, pos)
        lo = self.breaks[i - 1] + 1 if i > 0 else start
        hi = self.breaks[i] if i < len(self.breaks) else end
        return max(lo, start), min(hi, end)


class Spans:
    """Non-overlapping spans, sorted, with overlap queries by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.ends = [e for _, e in self.spans]

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans that overlap ``[lo, hi)``."""
        out = []
        i = bisect.bisect_right(self.ends, lo)
        while i < len(self.spans) and self.spans[i][0] < hi:
            out.append(self.spans[i])
            i += 1
        return out


def longest_first(spans: Iterable[tuple[int, int]], size: int) -> list[int]:
    """Indices of ``spans`` kept when longer spans win overlaps (then earlier ones), in text order.

    Linear in the text: a bitmap of taken characters replaces pairwise checks.
    """
    taken = bytearray(size + 1)
    order = sorted(
        range(len(spans := list(spans))), key=lambda k: (spans[k][0] - spans[k][1], spans[k][0])
    )
    kept = []
    for k in order:
        lo, hi = spans[k]
        if not any(taken[lo:hi]):
            taken[lo:hi] = b"\x01" * (hi - lo)
            kept.append(k)
    return sorted(kept, key=lambda k: spans[k][0])


@dataclass(frozen=True)
class Item:
    """One item of a list: the mention that names it and the text around it."""

    mention: Mention
    tail: str  # what follows the mention inside the item (负责同志, 常委, 等12个模范集体)
    last: bool  # whether this is the last item before the list ends


def list_items(
    text: str,
    start: int,
    end: int,
    mentions: Iterable[Mention],
    types: frozenset[str] = frozenset({PERSON, ORGANIZATION, PLACE}),
) -> Iterator[Item]:
    """The items of the list ``text[start:end]``, each with its naming mention.

    Items are separated by 、，和及与 outside mentions (so 发展和改革局 stays
    whole); an item is named by its last mention of ``types``: 温县水利局负责同志
    by 温县水利局, 市委常委 by 市委. Items without such a mention are skipped.
    """
    inside = sorted(
        (m for m in mentions if m.type in types and start <= m.start and m.end <= end),
        key=lambda m: m.start,
    )
    cuts = [start]
    i = start
    k = 0
    while i < end:
        while k < len(inside) and inside[k].end <= i:
            k += 1
        if k < len(inside) and inside[k].start <= i < inside[k].end:
            i = inside[k].end
            continue
        for sep in _SEPARATORS:
            if text.startswith(sep, i):
                cuts.append(i)
                cuts.append(i + len(sep))
                i += len(sep)
                break
        else:
            i += 1
    cuts.append(end)
    spans = [(cuts[j], cuts[j + 1]) for j in range(0, len(cuts), 2)]
    named = []
    for lo, hi in spans:
        own = [m for m in inside if lo <= m.start and m.end <= hi]
        if own:
            m = own[-1]
            named.append((m, text[m.end : hi].strip().rstrip("".join(CLAUSE_BREAKS))))
    for n, (m, tail) in enumerate(named):
        yield Item(m, tail, n == len(named) - 1)


def outermost(mentions: Iterable[Mention]) -> list[Mention]:
    """Mentions not inside a longer one, in text order (焦作市委 hides its 焦作市).

    Relation extractors add mentions inside others (焦作市 inside 焦作市委, for
    its jurisdiction); a list item or a place in a chain is named by the whole span.
    """
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if kept and m.end <= kept[-1].end:
            continue
        kept.append(m)
    return kept
