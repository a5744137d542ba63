"""The statistical project extractor: names the project grammar does not read.

Tags each sentence that holds a project suffix (:func:`kg.project_tagger.has_suffix`)
with :mod:`kg.project_tagger` — a character CRF trained on kg's annotated gold
documents, shipped as ``kg/data/ner/project-crf.crfsuite`` — and yields the
Project spans it is fairly sure of (:data:`THRESHOLD`) that read as a name
(:func:`kg.project_tagger.name_like`: not opening with 新建 or 是, no 的 or
实施 inside, no list comma or stray bracket). The rules keep the last
word: in :func:`kg.resolve.merge_mentions` a span of this extractor gives way
to any overlapping project of another one (:data:`kg.resolve.YIELDS_TO`), so it
only adds names where the rules read none — an unknown head (某某地理信息小镇),
a facility named by its role (某港三期工程), a place's name opening the name
(某某高速铁路). Measured in ``docs/benchmarks.md`` ("A statistical project
tagger").
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extractors import register
from kg.model import PROJECT, Analysis, Mention
from kg.project_tagger import has_suffix, name_like, project_tagger, word_tags
from kg.segment import segmenter

__all__ = ["project_crf"]

NAME = "project-crf"
#: Smallest marginal probability of a span's labels for it to be kept.
THRESHOLD = 0.5


@register(NAME, produces={PROJECT}, needs="words")
def project_crf(analysis: Analysis) -> Iterator[Mention]:
    """Projects tagged by the character CRF trained on kg's gold documents."""
    doc = analysis.doc
    model = project_tagger()
    for sentence in analysis.sentences:
        if not has_suffix(sentence.text):
            continue  # no project name without a suffix: tagging it would cost for nothing
        tokens = analysis.tokens_in(sentence.start, sentence.end)
        words = [t.text for t in tokens]
        if not tokens or tokens[0].pos or sum(map(len, words)) != len(sentence.text):
            words = [t.text for t in segmenter().words(sentence.text)]
        tags = word_tags(words)
        for start, end, type_, p in model.spans(sentence.text, words):
            if type_ != PROJECT or p < THRESHOLD:
                continue
            if name_like(words, tags, start, end):
                offset = sentence.start
                yield Mention.span(doc, offset + start, offset + end, PROJECT, NAME, score=p)
