"""Named places that are not administrative divisions: towns, sub-districts, stations, ports.

A place name is a proper name of two to four characters followed by a
settlement or facility word: 东华门街道, 杨和镇, 程阳村, 崇仁站, 磨憨口岸,
平遥古城. The name is read from the words before the suffix (or from one
word that already ends in it, 柳泉镇), and refused when it is generic (各, 全,
沿线 …) or when the whole is an ordinary word in jieba's dictionary
(城中村, 火车站, 加油站). Such places have no administrative code.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.divisions import name_index
from kg.extractors import register
from kg.model import PLACE, Analysis, Mention, Token
from kg.segment import segmenter

__all__ = ["places"]

NAME = "places"
#: Words that end a place name, and the subtype they give.
SUFFIXES = frozenset(
    {"街道", "镇", "乡", "村", "社区", "站", "口岸", "机场", "港", "古城", "古镇", "景区"}
)
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
        "城市",
        "农村",
        "全国",
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
        "城中",
        "各个",
        "所在",
        "当地",
    }
)
_MAX_NAME = 4
#: Function characters that never begin a place name (由磨憨口岸 is 由 + 磨憨口岸).
_FUNCTION = frozenset("由在从到至于和与及等的了是为对向经往赴设把被将其该各全县市区省")


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _common(word: str) -> bool:
    """An ordinary word of jieba's dictionary (not tagged as a place or name)."""
    tag = segmenter().dictionary_tags.get(word)
    return tag is not None and not tag.startswith(("ns", "nr", "nt", "nz"))


@register(NAME, produces={PLACE}, needs="words")
def places(analysis: Analysis) -> Iterator[Mention]:
    """Towns, sub-districts, villages, stations and ports named in the text."""
    doc, tokens = analysis.doc, analysis.tokens
    for i, tok in enumerate(tokens):
        span = _suffixed(tokens, i) if tok.text in SUFFIXES else _closed(tok)
        if span is None:
            continue
        start, end = span
        word = doc.text[start:end]
        if _common(word) or any(word.startswith(g) for g in ("各", "全")):
            continue
        yield Mention.span(doc, start, end, PLACE, NAME, score=0.7)


def _name_part(word: str, adjacent: bool) -> bool:
    """Whether a word can be part of a place's name: not generic, a verb, or a division."""
    if word in _GENERIC or word in SUFFIXES or (len(word) == 1 and word in _FUNCTION):
        return False
    if word in name_index() and not adjacent:
        return False  # 歙县 + 徽州古城: a division further back is not part of the name
    tag = segmenter().dictionary_tags.get(word)
    return tag is None or tag.startswith("n") or len(word) == 1


def _suffixed(tokens: tuple[Token, ...], i: int) -> tuple[int, int] | None:
    """The name words before suffix token ``i`` and the suffix: 东华门 + 街道."""
    end = tokens[i].end
    start = tokens[i].start
    j = i - 1
    while j >= 0 and tokens[j].end == start and _is_han(tokens[j].text):
        if not _name_part(tokens[j].text, adjacent=j == i - 1) or (
            j < i - 1 and len(tokens[j].text) == 1
        ):
            break
        if tokens[i].start - tokens[j].start > _MAX_NAME:
            break
        start = tokens[j].start
        j -= 1
    return _trimmed(tokens, start, tokens[i].start, end)


def _trimmed(
    tokens: tuple[Token, ...], start: int, suffix_start: int, end: int
) -> tuple[int, int] | None:
    """Drop function characters jieba glued to the front of a name; names have 2–4 characters."""
    text = "".join(t.text for t in tokens if start <= t.start < end)
    offset = 0
    while suffix_start - (start + offset) > 2 and text[offset] in _FUNCTION:
        offset += 1
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
