"""The statistical project extractor: names the project grammar does not read.

Tags each sentence that holds a project suffix (:func:`kg.project_tagger.has_suffix`)
with :mod:`kg.project_tagger` — a character CRF trained on kg's annotated gold
documents, shipped as ``kg/data/ner/project-crf.crfsuite`` — and yields the
Project spans it is fairly sure of (:data:`THRESHOLD`) that read as a name
(:func:`kg.project_tagger.name_like`: not opening with 新建 or 是, no 的 or
实施 inside, no list comma or stray bracket) and is no place's plan or farming field
(:func:`_plain_reading`). The rules keep the last
word: in :func:`kg.resolve.merge_mentions` a span of this extractor gives way
to any overlapping project of another one (:data:`kg.resolve.YIELDS_TO`), so it
only adds names where the rules read none — an unknown head (某某地理信息小镇),
a facility named by its role (某港三期工程), a place's name opening the name
(某某高速铁路). Measured in ``docs/benchmarks.md`` ("A statistical project
tagger").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg import divisions as division_table
from kg.extractors import get, register
from kg.extractors._phrases import holds_division_name
from kg.extractors.places import common_words
from kg.extractors.projects import (
    bare_kind,
    counted_divisions,
    counted_kind,
    counts_a_list,
    county_before_route,
    farming_field,
    listed_after_place,
)
from kg.model import EVENT, PLACE, PROJECT, Analysis, Mention
from kg.project_tagger import has_suffix, last_suffix_end, name_like, project_tagger, word_tags
from kg.segment import segmenter

__all__ = ["project_crf"]

NAME = "project-crf"
#: Smallest marginal probability of a span's labels for it to be kept.
THRESHOLD = 0.5


#: Heads of a programme's name that are also the common nouns of a place's plans.
_PLAN_HEADS = ("计划", "规划", "行动", "战略")


def _plain_reading(name: str) -> bool:
    """Whether a span reads as no project's name: a place and a plan (今年某县|计划完成…:
    the county plans) or a farming demonstration field
    (:func:`kg.extractors.projects.farming_field`)."""
    if farming_field(name):
        return True
    head = next((h for h in _PLAN_HEADS if name.endswith(h)), None)
    return head is not None and name[: -len(head)] in division_table.name_index()


def _placed_kind(name: str) -> bool:
    """Whether a span is a town's name, a capacity and a kind (党城湾镇|330千伏变电站): the
    town's substation, no project's name."""
    level = _TOWN_THEN_CAPACITY.match(name)
    return level is not None and bare_kind(name[level.end() :])


#: A town's name right before a figure (党城湾镇|330…).
_TOWN_THEN_CAPACITY = re.compile(r"[\u4e00-\u9fff]{1,4}[镇乡](?=[0-9])")

#: Prepositions jieba may glue to a name after them (自南谷|洞|水库).
_PREPOSITIONS = frozenset("自从经在于向由以")


def _preposition_first(name: str) -> bool:
    """Whether a span opens with a preposition, not with a name's first word (自贡, 经开区)."""
    return (
        len(name) >= 4
        and name[0] in _PREPOSITIONS
        and not name.startswith("经开")
        and not any(name.startswith(n) for n in _names_opening(name[:3]))
    )


def _names_opening(head: str) -> tuple[str, ...]:
    """The division names among the first two or three characters of ``head``."""
    index = division_table.name_index()
    return tuple(head[:k] for k in (2, 3) if head[:k] in index)


#: Verbs that introduce a name after them as a word of their own (有某工程, 是某项目).
_EXISTENTIALS = frozenset({"有", "是"})


def _word_at(words: list[str], start: int) -> str:
    """The word of ``words`` that begins at character ``start`` ("" if none begins there)."""
    at = 0
    for word in words:
        if at == start:
            return word
        if at > start:
            break
        at += len(word)
    return ""


@register(NAME, produces={PROJECT}, needs="words")
def project_crf(analysis: Analysis) -> list[Mention]:
    """Projects tagged by the character CRF trained on kg's gold documents."""
    # the events extractor reads the same works (a ceremony named by its works): tag once
    return analysis.memo(NAME, lambda: list(_project_crf(analysis)))


def _project_crf(analysis: Analysis) -> Iterator[Mention]:
    doc = analysis.doc
    model = project_tagger()
    # the rules read some facilities as places (以某水库为水源): the tagger does not undo it
    as_places = {
        (m.start, m.end)
        for m in get("projects")(analysis)
        if isinstance(m, Mention) and m.type == PLACE
    }
    for sentence in analysis.sentences:
        if not has_suffix(sentence.text):
            continue  # no project name without a suffix: tagging it would cost for nothing
        tokens = analysis.tokens_in(sentence.start, sentence.end)
        words = [t.text for t in tokens]
        if not tokens or tokens[0].pos or sum(map(len, words)) != len(sentence.text):
            words = [t.text for t in segmenter().words(sentence.text)]
        tags = word_tags(words)
        for start, end, type_, p in model.spans(sentence.text, words):
            if type_ == EVENT and p >= THRESHOLD:
                works = last_suffix_end(sentence.text[start:end])
                if works is None or works == end - start:
                    continue
                end, type_ = start + works, PROJECT  # 某公路改建工程|开工仪式: the works it names
            if type_ != PROJECT or p < THRESHOLD:
                continue
            if _word_at(words, start) in _EXISTENTIALS and end - start > 2:
                start += 1  # 同时开工的有|某段生态廊道建设工程: the verb that introduces the name
            if start and sentence.text[start - 1].isdigit():
                continue  # 年产2|万吨石英砂项目: a capacity, which the tagger read from its unit
            if bare_kind(sentence.text[start:end]) or _placed_kind(sentence.text[start:end]):
                continue  # 特色小镇, 500千伏变电站, 某镇|330千伏变电站: a kind of project
            if counts_a_list(analysis, sentence.start + start):
                continue  # 甲、乙|两大产业集群: the list's items counted, no name
            if listed_after_place(analysis, sentence.start + start):
                continue  # 甲镇、|乙镇高标准农田建设项目: the places' works, no name
            if counted_kind(sentence.text, start):
                continue  # 两条|抵边公路: a count of a kind, no name
            if counted_divisions(sentence.text[start:end]):
                continue  # 两县至边境口岸公路: a count of counties, no route's end
            if _preposition_first(sentence.text[start:end]):
                start += 1  # 自|南谷洞水库引水: the preposition is the clause's
            tagged = start  # (the tagger's start, whose word must open a name)
            start += county_before_route(sentence.text[start:end])  # 文成县|大峃至玉壶公路
            name = sentence.text[start:end]
            quoted = sentence.text[start - 1 : start] == "“" and sentence.text[end : end + 1] == "”"
            if quoted and not has_suffix(name):
                continue  # “富川脐橙”: a product's brand; a quoted project's name holds its kind
            if common_words(name) is not None and not holds_division_name(name, 8):
                continue  # 冷链物流中心: common words only, a kind of facility, no name
            if (sentence.start + start, sentence.start + end) in as_places:
                continue
            if name_like(words, tags, tagged, end) and not _plain_reading(name):
                offset = sentence.start
                yield Mention.span(doc, offset + start, offset + end, PROJECT, NAME, score=p)
