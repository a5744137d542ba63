"""The statistical extractor: a character CRF for people, places and organisations.

Tags every sentence with :mod:`kg.tagger` (a model trained on the People's
Daily 1998 corpus, shipped under ``kg/data/ner/``) and turns the labelled
character runs into mentions. It reads jieba's words (``needs="words"``);
when the pipeline tokenised with part-of-speech tags instead, it re-cuts the
sentence with ``lcut``, because posseg segments differently from the words
the model was trained on.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extractors import register
from kg.extractors._person_rules import is_false_person
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
        if type_ != PERSON or not is_false_person(analysis, mention):
            yield mention
