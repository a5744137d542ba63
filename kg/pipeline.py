"""The pipeline: document → sentences and tokens → mentions → entities → relations.

A :class:`Pipeline` is configured by extractor names (see
:mod:`kg.extractors`), never by editing code::

    >>> from kg.documents import document
    >>> result = Pipeline(["jieba-pos"])(document("市委书记谢玉安在焦作市讲话。"))
    >>> [e.label for e in result.entities if e.type == "Person"]
    ['谢玉安']
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from kg.extractors import ExtractorInfo, get
from kg.model import Analysis, Document, Entity, Mention, Relation, Token
from kg.resolve import merge_mentions, nested_mentions, resolve_entities
from kg.segment import Segmenter, segmenter
from kg.sentences import split_sentences
from kg.variants import simplified

__all__ = ["DEFAULT_EXTRACTORS", "Extraction", "Pipeline"]

log = logging.getLogger(__name__)

#: The extractors ``kg build`` runs when none are named, in priority order.
DEFAULT_EXTRACTORS: tuple[str, ...] = (
    # mention stage, most specific first (earlier wins overlaps of one type)
    "orgs",
    "places",
    "divisions",
    "people",
    "events",
    "projects",
    "project-crf",
    "crf",
    # relation stage
    "name-parts",
    "org-structure",
    "place-hierarchy",
    "posts",
    "event-relations",
    "project-relations",
)


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one document."""

    analysis: Analysis
    entities: tuple[Entity, ...]
    iri_of: Mapping[Mention, str]
    #: How many of ``analysis.mentions`` came from the mention stage: the merged,
    #: non-overlapping ones, then those kept inside an event's or project's name
    #: (:func:`kg.resolve.nested_mentions`). The rest were added by relation
    #: extractors for their endpoints, e.g. 焦作 inside 焦作市委.
    n_named: int = -1

    @property
    def doc(self) -> Document:
        return self.analysis.doc

    @property
    def mentions(self) -> tuple[Mention, ...]:
        return self.analysis.mentions

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.analysis.relations

    @property
    def named_mentions(self) -> tuple[Mention, ...]:
        """The entity mentions of the mention stage, merged, nested ones included.

        Entity evaluation scores the outermost of them (:mod:`kg.evaluate`).
        """
        mentions = self.analysis.mentions
        return mentions if self.n_named < 0 else mentions[: self.n_named]


class Pipeline:
    """Runs the named extractors over documents.

    Mention extractors run first, in the order given; overlapping mentions
    are merged (earlier extractors win ties) into non-overlapping ones, after
    which come the organisations and places found inside an event's or a
    project's name (:func:`kg.resolve.nested_mentions`); relation extractors
    then run over those mentions; finally mentions are resolved to entities.
    """

    def __init__(
        self, extractors: Sequence[str] = DEFAULT_EXTRACTORS, *, segmenter: Segmenter | None = None
    ) -> None:
        infos = [get(name) for name in extractors]
        self.mention_extractors: list[ExtractorInfo] = [i for i in infos if i.stage == "mentions"]
        self.relation_extractors: list[ExtractorInfo] = [i for i in infos if i.stage == "relations"]
        self.names = tuple(extractors)
        needs = {i.needs for i in infos}
        self.needs = "pos" if "pos" in needs else "words" if "words" in needs else "none"
        self._segmenter = segmenter

    @property
    def segmenter(self) -> Segmenter:
        return self._segmenter or segmenter()

    def analyse(self, doc: Document) -> Analysis:
        """Sentences and (if any extractor needs them) tokens of ``doc``."""
        sentences = split_sentences(doc.id, doc.text)
        tokens: list[Token] = []
        if self.needs != "none":
            cut = self.segmenter.tag if self.needs == "pos" else self.segmenter.words
            for s in sentences:
                tokens.extend(cut(s.text, offset=s.start))
        return Analysis(doc, sentences, tuple(tokens))

    def __call__(self, doc: Document) -> Extraction:
        view = replace(doc, text=simplified(doc.text))
        analysis, n_named = self._extract(view)
        if view.text != doc.text:
            analysis = _restore(analysis, doc)
        entities, iri_of = resolve_entities(analysis.mentions, _division_labels(analysis.mentions))
        return Extraction(analysis, tuple(entities), iri_of, n_named)

    def _extract(self, doc: Document) -> tuple[Analysis, int]:
        """Mentions and relations of ``doc``, and how many mentions the mention stage found."""
        analysis = self.analyse(doc)
        found: list[Mention] = []
        for info in self.mention_extractors:
            found.extend(_checked(info, analysis, Mention))
        merged = merge_mentions(found, self.names)
        analysis = analysis.with_(mentions=[*merged, *nested_mentions(found, merged, self.names)])
        n_named = len(analysis.mentions)
        for info in self.relation_extractors:
            extra: list[Mention] = []
            relations: list[Relation] = []
            for item in info(analysis):
                (relations if isinstance(item, Relation) else extra).append(item)  # type: ignore[arg-type]
            analysis = analysis.with_(
                mentions=analysis.mentions + tuple(_validated(info, analysis, extra)),
                relations=analysis.relations + tuple(relations),
            )
        return analysis, n_named

    def run(self, docs: Iterable[Document]) -> Iterator[Extraction]:
        """Extract from each document in turn."""
        for doc in docs:
            yield self(doc)


def _restore(analysis: Analysis, doc: Document) -> Analysis:
    """An analysis made on a simplified view, quoting the original text again.

    Offsets are shared (the view has the same length); each mention takes
    its text from ``doc`` and keeps the simplified name as its key.
    """

    def original(m: Mention) -> Mention:
        text = doc.text[m.start : m.end]
        return replace(m, text=text, key=m.key or (m.text if m.text != text else None))

    mentions = {m: original(m) for m in analysis.mentions}
    sentences = {s: replace(s, text=doc.text[s.start : s.end]) for s in analysis.sentences}
    relations = [
        replace(
            r,
            subject=mentions[r.subject],
            object=mentions[r.object],
            sentence=sentences.get(r.sentence, r.sentence),
        )
        for r in analysis.relations
    ]
    restored = analysis.with_(mentions=mentions.values(), relations=relations)
    return replace(restored, doc=doc, sentences=tuple(sentences.values()))


def _checked(info: ExtractorInfo, analysis: Analysis, kind: type) -> list[Mention]:
    items = list(info(analysis))
    wrong = [i for i in items if not isinstance(i, kind)]
    if wrong:
        raise TypeError(
            f"extractor {info.name!r} yielded {type(wrong[0]).__name__} in stage {info.stage!r}"
        )
    return _validated(info, analysis, items)  # type: ignore[arg-type]


def _validated(info: ExtractorInfo, analysis: Analysis, mentions: list[Mention]) -> list[Mention]:
    """Mentions must quote their document exactly; a bug in an extractor must not reach RDF."""
    text = analysis.doc.text
    for m in mentions:
        if m.doc_id != analysis.doc.id or text[m.start : m.end] != m.text:
            raise ValueError(f"extractor {info.name!r} produced a mention not in the text: {m}")
    return mentions


def _division_labels(mentions: Iterable[Mention]) -> dict[str, str]:
    """Official names for mentions linked to administrative divisions."""
    coded = [m for m in mentions if m.code]
    if not coded:
        return {}
    from kg import divisions
    from kg.iri import mint

    labels = {}
    for m in coded:
        division = divisions.get(m.code)  # type: ignore[arg-type]
        if division is not None:
            labels[mint("division", division.code)] = division.name
    return labels
