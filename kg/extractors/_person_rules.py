"""Rules that refuse person names statistical taggers propose in error.

Shared by the extractors whose person names come from tags rather than from
context (``crf``, ``jieba-pos``):

* a two-character "name" made of the first characters of two divisions the
  document names is a place abbreviation (郑焦 from 郑州 and 焦作, as in
  郑焦铁路, 郑焦一体化);
* a "name" that is a whole item of an enumeration whose other items have
  its length and its last character is a word of a parallel phrase
  (亲商、安商、富商、养商), not a person.
"""

from __future__ import annotations

from kg.extractors import get
from kg.model import Analysis, Mention

__all__ = ["is_false_person"]

_LIST_SEPARATORS = "、，,；;"


def is_false_person(analysis: Analysis, m: Mention) -> bool:
    """Whether the person mention ``m`` is one of the known kinds of error."""
    return _place_abbreviation(analysis, m.text) or _parallel_item(analysis, m)


def _place_abbreviation(analysis: Analysis, name: str) -> bool:
    if len(name) != 2:
        return False
    initials = analysis.memo(
        "person-rules.initials",
        lambda: {p.text[0] for p in get("divisions")(analysis) if isinstance(p, Mention)},
    )
    return name[0] in initials and name[1] in initials


def _parallel_item(analysis: Analysis, m: Mention) -> bool:
    sentence = analysis.sentence_at(m.start)
    text = sentence.text
    lo, hi = m.start - sentence.start, m.end - sentence.start
    before = lo == 0 or text[lo - 1] in _LIST_SEPARATORS
    after = hi == len(text) or text[hi] in _LIST_SEPARATORS
    if not (before and after and ("、" in text[max(lo - 1, 0) : hi + 1])):
        return False
    n = len(m.text)
    items = text.split("、")
    # the first and last items run into the sentence around the list: 营造亲商、…、养商的环境
    words = [items[0][-n:], *items[1:-1], items[-1][:n]] if len(items) > 1 else items
    same = [w for w in words if len(w) == n and w[-1] == m.text[-1] and w != m.text]
    return len(same) >= 2
