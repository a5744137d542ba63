"""Baseline extractor: jieba's part-of-speech tags with rules that remove obvious errors.

``nr`` tokens become people, ``ns`` places and ``nt`` organisations, after
these checks: a person's name is 2–4 Han characters starting with a known
surname and is not a common noun jieba mistakes for a name (夏粮, 麦田); a
two-character "name" made of the first characters of two places named in the
same document is a place abbreviation (郑焦 from 郑州 and 焦作), not a person; a
name directly followed by an infrastructure word (铁路, 高速, 一体化 …) belongs to
that compound. A place token followed by its administrative suffix token
(市, 县, 区, 省) is extended over it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from importlib import resources

from kg.extractors import register
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention, Token

__all__ = ["is_person_name", "jieba_pos", "surnames"]

NAME = "jieba-pos"
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]+")
_COMPOUND_FOLLOWERS = frozenset(
    {"铁路", "高铁", "城际", "高速", "公路", "一体化", "地区", "两地", "线", "大桥", "运河"}
)
_PLACE_SUFFIXES = frozenset({"市", "县", "区", "省", "镇", "乡", "州", "盟", "旗"})


@functools.cache
def surnames() -> frozenset[str]:
    """Chinese surnames (single and compound) from ``kg/data/surnames.txt``."""
    text = (resources.files("kg") / "data" / "surnames.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


@functools.cache
def not_person() -> frozenset[str]:
    """Common nouns jieba tags ``nr`` that are never names (``kg/data/not_person.txt``)."""
    text = (resources.files("kg") / "data" / "not_person.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def is_person_name(word: str) -> bool:
    """Whether ``word`` has the shape of a Chinese personal name."""
    if not 2 <= len(word) <= 4 or not _HAN.fullmatch(word) or word in not_person():
        return False
    names = surnames()
    return word[:1] in names or (len(word) >= 3 and word[:2] in names)


@register(NAME, produces={PERSON, PLACE, ORGANIZATION}, needs="pos")
def jieba_pos(analysis: Analysis) -> Iterator[Mention]:
    """People, places and organisations from jieba's nr/ns/nt tags, filtered by rules."""
    doc, tokens = analysis.doc, analysis.tokens
    place_initials = {t.text[0] for t in tokens if t.pos == "ns" and len(t.text) >= 2}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok.pos == "nr":
            end = tok.end
            if nxt is not None and nxt.pos == "nr" and nxt.start == tok.end and len(tok.text) == 1:
                end, i = nxt.end, i + 1  # surname and given name tagged apart: 江/nr 泽民/nr
            name = doc.text[tok.start : end]
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if _is_person(name, following, place_initials):
                yield Mention.span(doc, tok.start, end, PERSON, NAME, score=0.6)
        elif tok.pos == "ns" and len(tok.text) >= 2:
            end = tok.end
            if _is_suffix(nxt, tok):
                end, i = nxt.end, i + 1  # type: ignore[union-attr]
            yield Mention.span(doc, tok.start, end, PLACE, NAME, score=0.6)
        elif tok.pos == "nt" and len(tok.text) >= 2:
            yield Mention.span(doc, tok.start, tok.end, ORGANIZATION, NAME, score=0.6)
        i += 1


def _is_person(name: str, following: Token | None, place_initials: set[str]) -> bool:
    if not is_person_name(name):
        return False
    if following is not None and following.text in _COMPOUND_FOLLOWERS:
        return False
    return not (len(name) == 2 and name[0] in place_initials and name[1] in place_initials)


def _is_suffix(nxt: Token | None, tok: Token) -> bool:
    return (
        nxt is not None
        and nxt.start == tok.end
        and nxt.text in _PLACE_SUFFIXES
        and tok.text[-1] not in _PLACE_SUFFIXES
    )
