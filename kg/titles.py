"""Post titles and forms of address: the lexicon ``kg/data/titles.txt`` and its matcher.

A title is the word that stands next to a personal name in government news
(书记谢玉安, 贾庆林书记, 记者王勇) and, for a post, names what the person holds
in an organisation. The lexicon lists base titles with flags (see the data
file's header); every post also matches with a modifier in front (副书记,
常务副市长, 代市长), keeping the flags of its base.

    >>> [(m.start, m.end, m.title.text, m.title.head) for m in longest(find_titles("副市长王勇"))]
    [(0, 3, '副市长', '市')]
    >>> lexicon()["常务副县长"].shared, lexicon()["县长"].shared
    (True, False)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

__all__ = [
    "HEAD_LEVELS",
    "MODIFIERS",
    "Title",
    "TitleMatch",
    "find_titles",
    "lexicon",
    "longest",
]

#: Modifiers a post may carry in front (副书记, 常务副市长, 代市长, 第一书记).
MODIFIERS = ("副", "常务副", "代", "代理", "第一", "第一副", "执行", "名誉", "专职副")

#: For a head-of-government title, the division levels its level character may
#: name (a 市 may be a prefecture, a county-level city or a municipality).
HEAD_LEVELS: dict[str, tuple[str, ...]] = {
    "省": ("province",),
    "市": ("county", "city", "province"),
    "县": ("county",),
    "区": ("county",),
    "州": ("city",),
    "旗": ("county",),
    "盟": ("city",),
    "乡": (),
    "镇": (),
}


#: Traditional forms of the characters of titles, so that texts in
#: traditional characters (區委書記, 縣長) match too.
_TRADITIONAL = str.maketrans(
    "书记长县区乡镇总务员党会协厅处经监董团馆师讯长门编辑导纪检军领问参调视学顾",
    "書記長縣區鄉鎮總務員黨會協廳處經監董團館師訊長門編輯導紀檢軍領問參調視學顧",
)


@dataclass(frozen=True, slots=True)
class Title:
    """One title of the lexicon, with its modifier if any.

    ``role`` is the title in simplified characters (the label of its
    ``org:Role``); ``base`` the listed title (市长 for 常务副市长); ``head``
    the level character when the title heads the people's government of a
    jurisdiction (市 for 市长); ``shared`` whether
    several people hold it at once; ``address`` whether it is a form of
    address, not a post (同志, 记者); ``follows`` whether it only ever follows
    a name (同志); ``block`` whether it is a word that merely contains a
    title (委员会), to be matched and then ignored.
    """

    text: str
    base: str
    head: str | None = None
    role: str = ""
    shared: bool = False
    address: bool = False
    follows: bool = False
    block: bool = False

    def __post_init__(self) -> None:
        if not self.role:
            object.__setattr__(self, "role", self.text)

    @property
    def is_post(self) -> bool:
        return not (self.address or self.block)


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A title found in a text at ``[start, end)``."""

    start: int
    end: int
    title: Title


@functools.cache
def lexicon() -> dict[str, Title]:
    """Every title (with modifiers) by its text."""
    text = (resources.files("kg") / "data" / "titles.txt").read_text("utf-8")
    base: dict[str, Title] = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        word, flags = fields[0], fields[1:]
        head = next((f[5:] for f in flags if f.startswith("head=")), None)
        if head is not None and head not in HEAD_LEVELS:
            raise ValueError(f"titles.txt: {word}: unknown level character {head!r}")
        base[word] = Title(
            word,
            word,
            head,
            shared="shared" in flags,
            address="address" in flags or "follows" in flags,
            follows="follows" in flags,
            block="block" in flags,
        )
    out = dict(base)
    for word, title in base.items():
        if not title.is_post:
            continue
        for modifier in MODIFIERS:
            variant = modifier + word
            if variant not in base:
                shared = title.shared or modifier.endswith("副")
                out[variant] = replace(title, text=variant, role=variant, shared=shared)
    for word, title in list(out.items()):
        traditional = word.translate(_TRADITIONAL)
        if traditional != word:
            out.setdefault(traditional, replace(title, text=traditional))
    return out


@functools.cache
def _automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word, title in lexicon().items():
        auto.add_word(word, title)
    auto.make_automaton()
    return auto


def find_titles(text: str) -> list[TitleMatch]:
    """Every occurrence of a title in ``text``, overlapping ones included, by start."""
    found = [
        TitleMatch(end + 1 - len(title.text), end + 1, title)
        for end, title in _automaton().iter(text)
    ]
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def longest(matches: Iterable[TitleMatch]) -> list[TitleMatch]:
    """Of overlapping matches the longest (then the leftmost), in text order."""
    kept: list[TitleMatch] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if not any(i in taken for i in range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    kept.sort(key=lambda m: m.start)
    return kept
