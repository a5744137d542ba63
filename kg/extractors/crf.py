"""The statistical extractor: a character CRF for people, places and organisations.

Tags every sentence with :mod:`kg.tagger` (a model trained on the People's
Daily 1998 corpus, shipped under ``kg/data/ner/``) and turns the labelled
character runs into mentions. It reads jieba's words (``needs="words"``);
when the pipeline tokenised with part-of-speech tags instead, it re-cuts the
sentence with ``lcut``, because posseg segments differently from the words
the model was trained on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extractors import register
from kg.extractors._person_rules import is_false_person
from kg.extractors.jieba_pos import surnames
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention
from kg.segment import segmenter
from kg.tagger import tagger

__all__ = ["crf"]

NAME = "crf"
#: Score of a CRF mention: below a rule match from a curated list, above jieba-pos.
SCORE = 0.8


@register(NAME, produces={PERSON, PLACE, ORGANIZATION}, needs="words")
def crf(analysis: Analysis) -> Iterator[Mention]:
    """People, places and organisations tagged by the character CRF trained on People's Daily."""
    doc = analysis.doc
    model = tagger()
    spans: list[tuple[int, int, str]] = []
    for sentence in analysis.sentences:
        tokens = analysis.tokens_in(sentence.start, sentence.end)
        words = [t.text for t in tokens]
        if not tokens or tokens[0].pos or sum(map(len, words)) != len(sentence.text):
            words = [t.text for t in segmenter().words(sentence.text)]
        offset = sentence.start
        spans += [(offset + a, offset + b, t) for a, b, t in model.spans(sentence.text, words)]
    for start, end, type_ in spans:
        mention = Mention.span(doc, start, end, type_, NAME, score=SCORE)
        if type_ != PERSON or _plausible_person(analysis, mention):
            yield mention


#: After a "name", a mine, factory, village or town it names (刘桥一矿, 张庄村) —
#: unless the character opens a title or a word for its people (厂长, 村民, 镇委).
_UNIT_AFTER = re.compile(r"[一二三四五六七八九十]?[矿厂村庄镇乡](?![长民委主支书干办里])")


def _plausible_person(analysis: Analysis, m: Mention) -> bool:
    """A person unless a known kind of error — but an item of a list of names stays."""
    if _UNIT_AFTER.match(analysis.doc.text, m.end):
        return False
    return not is_false_person(analysis, m) or _in_name_list(analysis, m)


_PLACE_ENDINGS = frozenset("省市县区镇乡村州盟旗街路")
_NOTE = re.compile(r"[（(][^）)]*[）)]")


def _in_name_list(analysis: Analysis, m: Mention) -> bool:
    """Whether ``m`` is an item of a list of personal names (王大明、白克明、曹克明).

    Such items share their last character as parallel phrases do (亲商、安商),
    but most items have the shape of a name — two to four characters after a
    surname — and none ends like a place (张浦镇、周市镇).
    """
    sentence = analysis.sentence_at(m.start)
    items = _NOTE.sub("", sentence.text).split("、")[1:-1]
    if len(items) < 3 or m.text not in items:
        return False
    names = surnames()
    if any(item[-1:] in _PLACE_ENDINGS for item in items):
        return False
    shaped = sum(2 <= len(item) <= 4 and (item[:1] in names or item[:2] in names) for item in items)
    return shaped >= 0.7 * len(items)
