"""Scoring the pipeline against annotated corpora: exact-span precision, recall and F1.

:func:`evaluate` reads a corpus with :mod:`kg.corpora`, runs the same
:class:`~kg.pipeline.Pipeline` that ``kg build`` runs over every document and
compares the mentions that would reach the graph with the gold spans. A
mention counts only if its start, end and type all match (exact span); scores
are given per type and micro-averaged over the types the corpus annotates, so
an extractor is not penalised for kinds of entity (events, projects) that a
corpus does not mark.

Which predicted mentions are compared (:func:`scored_mentions`): the
outermost names. A mention nested inside another predicted mention of a type
the corpus scores is not compared — the ``kg`` gold sets give an event's
whole name one span and none inside it — while in a corpus that marks no
events (PFR, bio, CLUENER) the organisation inside an event's name
(中央纪委 in 中央纪委二次全会) is the outermost name and counts. Those corpora
annotate names only, so a short form that names its organisation only with
the document's context (市委, 市政府, 省政协: :func:`kg.resolve.names_by_itself`)
is a reference there, like a pronoun, and is not compared either; the graph
keeps it, and the ``kg`` gold sets, which annotate it, score it.

    >>> r = score([[(0, 3, "Person"), (4, 6, "Place")]], [[(0, 3, "Person"), (4, 7, "Place")]])
    >>> r.micro.tp, r.micro.fp, r.micro.fn, round(r.micro.f1, 2)
    (1, 1, 1, 0.5)
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kg.atomic import atomic_path
from kg.corpora import Gold, Span, read
from kg.errors import InputError
from kg.model import ENTITY_TYPES, ORGANIZATION, PERSON, PLACE, Document, Mention
from kg.pipeline import DEFAULT_EXTRACTORS, Extraction, Pipeline
from kg.resolve import label_of, names_by_itself

__all__ = ["Report", "TypeScore", "agreement", "evaluate", "score", "scored_mentions"]

#: The types every corpus format except ``kg`` annotates.
NER_TYPES = (PERSON, PLACE, ORGANIZATION)
_ORDER = {t: i for i, t in enumerate((PERSON, PLACE, ORGANIZATION, "Event", "Project"))}

Progress = Callable[[Document], None]


@dataclass(frozen=True, slots=True)
class TypeScore:
    """Exact-match counts of one type (or of all, for the micro average)."""

    type: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Report:
    """The scores of one evaluation run.

    ``types`` holds one :class:`TypeScore` per scored entity type, ``micro``
    their sum; ``relations`` one per relation kind when the gold file
    annotates relations (``kg`` format). ``seconds`` is the time spent in the
    pipeline, so ``characters / seconds`` is its throughput.
    """

    types: tuple[TypeScore, ...]
    micro: TypeScore
    relations: tuple[TypeScore, ...] = ()
    corpus: str = ""
    format: str = ""
    extractors: tuple[str, ...] = ()
    documents: int = 0
    characters: int = 0
    seconds: float = 0.0

    def by_type(self, type_: str) -> TypeScore:
        """The score of ``type_`` (zero counts if the corpus has none)."""
        for s in self.types:
            if s.type == type_:
                return s
        return TypeScore(type_)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--json``."""
        out: dict[str, Any] = {
            "corpus": self.corpus,
            "format": self.format,
            "extractors": list(self.extractors),
            "documents": self.documents,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "types": {s.type: s.to_dict() for s in self.types},
            "micro": self.micro.to_dict(),
        }
        if self.relations:
            out["relations"] = {s.type: s.to_dict() for s in self.relations}
        return out

    def table(self) -> str:
        """A fixed-width table for the terminal."""
        rate = f", {self.characters / self.seconds:,.0f} chars/s" if self.seconds else ""
        lines = [
            f"{self.corpus} ({self.format}): {self.documents} documents, "
            f"{self.characters:,} characters, {self.seconds:.1f} s{rate}",
            f"extractors: {', '.join(self.extractors)}",
            "",
            f"{'type':<24}{'gold':>7}{'pred':>7}{'tp':>7}{'P':>8}{'R':>8}{'F1':>8}",
        ]
        rows = [*self.types, self.micro]
        if self.relations:
            rows += [TypeScore("")] + [
                TypeScore(f"rel:{s.type}", s.tp, s.fp, s.fn) for s in self.relations
            ]
        for s in rows:
            if not s.type:
                lines.append("")
                continue
            lines.append(
                f"{s.type:<24}{s.gold:>7}{s.predicted:>7}{s.tp:>7}"
                f"{s.precision:>8.4f}{s.recall:>8.4f}{s.f1:>8.4f}"
            )
        return "\n".join(lines)


def score(
    gold: Iterable[Iterable[Span]],
    predicted: Iterable[Iterable[Span]],
    types: Sequence[str] = NER_TYPES,
) -> Report:
    """Exact-span scores of ``predicted`` against ``gold``, document by document.

    Spans of types outside ``types`` are ignored on both sides.
    """
    counts = {t: [0, 0, 0] for t in types}
    for g_doc, p_doc in zip(gold, predicted, strict=True):
        _tally(counts, {s for s in g_doc if s[2] in counts}, {s for s in p_doc if s[2] in counts})
    return _report(counts)


def _tally(counts: dict[str, list[int]], g: set[Span], p: set[Span]) -> None:
    """Add true positives, false positives and false negatives of one document."""
    for s in g & p:
        counts[s[2]][0] += 1
    for s in p - g:
        counts[s[2]][1] += 1
    for s in g - p:
        counts[s[2]][2] += 1


def _report(counts: dict[str, list[int]], **kw: Any) -> Report:
    scores = tuple(
        TypeScore(t, *c) for t, c in sorted(counts.items(), key=lambda kv: _ORDER.get(kv[0], 99))
    )
    micro = TypeScore("micro", *(sum(s[i] for s in counts.values()) for i in range(3)))
    return Report(scores, micro, **kw)


def evaluate(
    path: str | os.PathLike[str],
    fmt: str,
    *,
    extractors: Sequence[str] | Pipeline | None = None,
    limit: int | None = None,
    errors_path: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
) -> Report:
    """Score the pipeline on the annotated corpus ``path`` in format ``fmt``.

    ``fmt`` is one of :data:`kg.corpora.FORMATS` (``pfr``, ``bio``,
    ``cluener``, ``kg``). ``extractors`` are names as ``kg build --extractors``
    takes them (default: the pipeline ``kg build`` runs) or a ready
    :class:`Pipeline`. ``limit`` scores only the first documents.
    ``errors_path`` receives every false positive and false negative with its
    sentence: JSON lines if it ends in ``.jsonl``, else tab-separated text.
    ``progress`` is called with each document once it is scored.
    """
    pipeline = (
        extractors
        if isinstance(extractors, Pipeline)
        else Pipeline(extractors or DEFAULT_EXTRACTORS)
    )
    golds: list[Gold] = []
    for gold in read(path, fmt):
        if limit is not None and len(golds) >= limit:
            break
        golds.append(gold)
    types = NER_TYPES if fmt != "kg" else _kg_types(golds)
    counts = {t: [0, 0, 0] for t in types}
    rel_counts: dict[str, list[int]] = {}
    errors: list[dict[str, Any]] = []
    seconds = 0.0
    for gold in golds:
        started = time.perf_counter()
        extraction = pipeline(gold.doc)
        seconds += time.perf_counter() - started
        g = {s for s in gold.spans if s[2] in counts}
        p = scored_mentions(extraction.named_mentions, types, names_only=fmt != "kg")
        _tally(counts, g, p)
        if errors_path is not None:
            errors.extend(_errors(extraction, "FP", p - g, g))
            errors.extend(_errors(extraction, "FN", g - p, p))
        if gold.relations:
            _count_relations(gold, extraction, rel_counts)
        if progress is not None:
            progress(gold.doc)
    if errors_path is not None:
        _write_errors(Path(errors_path), errors)
    report = _report(
        counts,
        corpus=str(path),
        format=fmt,
        extractors=pipeline.names,
        documents=len(golds),
        characters=sum(len(g.doc.text) for g in golds),
        seconds=seconds,
    )
    # Like entity types, only the relation kinds the gold file annotates (a kind it never
    # uses, such as jurisdiction in tests/gold, has nothing to score against).
    annotated = {r.kind for g in golds for r in g.relations}
    rels = tuple(TypeScore(k, *c) for k, c in sorted(rel_counts.items()) if k in annotated)
    if rels:
        report = replace(report, relations=rels)
    return report


def agreement(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> Report:
    """How far two annotations of the same documents (``kg`` format) agree.

    ``second`` is scored against ``first`` as a prediction is against a gold
    set: exact spans per entity type, relations as :func:`evaluate` compares
    them. F1 is symmetric, so it is the agreement whichever file comes first.
    Both files must hold the same documents with the same texts.
    """
    a = {g.doc.id: g for g in read(first, "kg")}
    b = {g.doc.id: g for g in read(second, "kg")}
    if a.keys() != b.keys():
        missing = sorted(a.keys() ^ b.keys())
        raise InputError(f"{first} and {second} hold different documents: {', '.join(missing[:5])}")
    for doc_id, g in a.items():
        if g.doc.text != b[doc_id].doc.text:
            raise InputError(f"{doc_id}: the two annotations have different texts")
    types = _kg_types([*a.values(), *b.values()])
    counts = {t: [0, 0, 0] for t in types}
    rel_counts: dict[str, list[int]] = {}
    for doc_id, g in a.items():
        _tally(counts, set(g.spans), set(b[doc_id].spans))
        _tally_relations(_gold_relation_keys(g), _gold_relation_keys(b[doc_id]), rel_counts)
    report = _report(
        counts,
        corpus=f"{first} against {second}",
        format="kg",
        documents=len(a),
        characters=sum(len(g.doc.text) for g in a.values()),
    )
    rels = tuple(TypeScore(k, *c) for k, c in sorted(rel_counts.items()))
    return replace(report, relations=rels) if rels else report


def scored_mentions(
    mentions: Iterable[Mention], types: Sequence[str], *, names_only: bool = False
) -> set[Span]:
    """The spans of ``mentions`` a corpus scoring ``types`` compares with its gold.

    Mentions of other types are left out, and so is a mention that lies
    inside another one of a scored type (the outermost name counts); with
    ``names_only`` also a mention that is no name by itself
    (:func:`kg.resolve.names_by_itself`).

    >>> from kg.model import Document
    >>> doc = Document(id="d", text="中央纪委二次全会", source="d")
    >>> event = Mention.span(doc, 0, 8, "Event", "events")
    >>> org = Mention.span(doc, 0, 4, ORGANIZATION, "orgs")
    >>> sorted(scored_mentions([event, org], ["Organization", "Event"]))
    [(0, 8, 'Event')]
    >>> sorted(scored_mentions([event, org], NER_TYPES))
    [(0, 4, 'Organization')]
    """
    candidates = sorted((m for m in mentions if m.type in types), key=lambda m: (m.start, -m.end))
    kept: set[Span] = set()
    reach = -1  # the furthest end of the spans before, which start no later than this one
    last: tuple[int, int] | None = None
    for m in candidates:
        span = (m.start, m.end)
        if span != last and m.end <= reach:
            continue  # inside an earlier span (a different one; the same span is no nesting)
        last, reach = span, max(reach, m.end)
        if not names_only or names_by_itself(m):
            kept.add((m.start, m.end, m.type))
    return kept


def _kg_types(golds: Iterable[Gold]) -> tuple[str, ...]:
    """The types a ``kg`` gold file annotates (those it uses at least once)."""
    used = {s[2] for g in golds for s in g.spans}
    return tuple(t for t in sorted(ENTITY_TYPES, key=lambda t: _ORDER.get(t, 99)) if t in used)


def _count_relations(gold: Gold, extraction: Extraction, counts: dict[str, list[int]]) -> None:
    """Relations match on kind, the names of both ends and (``holds_post``) the post.

    A predicted end is named by the label of the entity its mention resolved
    to, as the graph shows it (``焦作`` → ``焦作市``); names compare after
    :func:`kg.resolve.label_of` normalisation.
    """
    labels = {e.iri: e.label for e in extraction.entities}

    def name(m: Mention) -> str:
        iri = extraction.iri_of.get(m)
        return label_of(labels.get(iri, m.name) if iri else m.name)

    g = _gold_relation_keys(gold)
    p = {
        _relation_key(r.kind, name(r.subject), name(r.object), r.role) for r in extraction.relations
    }
    _tally_relations(g, p, counts)


def _relation_key(kind: str, subject: str, obj: str, role: str | None) -> tuple[str, ...]:
    return (
        (kind, subject, obj, label_of(role or "")) if kind == "holds_post" else (kind, subject, obj)
    )


def _gold_relation_keys(gold: Gold) -> set[tuple[str, ...]]:
    return {
        _relation_key(r.kind, label_of(r.subject), label_of(r.object), r.role)
        for r in gold.relations
    }


def _tally_relations(
    g: set[tuple[str, ...]], p: set[tuple[str, ...]], counts: dict[str, list[int]]
) -> None:
    """Add the relation keys ``p`` found against ``g`` to ``counts``, by kind."""
    # The gold links each place to its nearest annotated container, and a link to one further
    # up is as true (tests/gold/README.md): a predicted located_in is right when the gold's
    # transitive closure holds it, a gold one found when the prediction's closure holds it.
    g_closed, p_closed = _closed(g, "located_in"), _closed(p, "located_in")
    for kind in {r[0] for r in g | p}:
        c = counts.setdefault(kind, [0, 0, 0])
        gk = {r for r in g if r[0] == kind}
        pk = {r for r in p if r[0] == kind}
        c[0] += len(pk & g_closed)
        c[1] += len(pk - g_closed)
        c[2] += len(gk - p_closed)


def _closed(links: set[tuple[str, ...]], kind: str) -> set[tuple[str, ...]]:
    """``links`` with the transitive closure of its ``kind`` links added.

    >>> sorted(_closed({("located_in", "a", "b"), ("located_in", "b", "c")}, "located_in"))
    [('located_in', 'a', 'b'), ('located_in', 'a', 'c'), ('located_in', 'b', 'c')]
    """
    up: dict[str, set[str]] = {}
    for link in links:
        if link[0] == kind:
            up.setdefault(link[1], set()).add(link[2])
    closed = set(links)
    for start in up:
        seen: set[str] = set()
        todo = list(up[start])
        while todo:
            place = todo.pop()
            if place in seen or place == start:
                continue
            seen.add(place)
            todo.extend(up.get(place, ()))
        closed.update((kind, start, place) for place in seen)
    return closed


def _errors(
    extraction: Extraction, kind: str, wrong: set[Span], other: set[Span]
) -> Iterable[dict[str, Any]]:
    """One record per span in ``wrong``, with the overlapping spans of the other side."""
    text = extraction.doc.text
    for start, end, type_ in sorted(wrong):
        sentence = extraction.analysis.sentence_at(start)
        lo, hi = start - sentence.start, end - sentence.start
        near = sorted(s for s in other if s[0] < end and start < s[1])
        label = "predicted" if kind == "FN" else "gold"
        yield {
            "error": kind,
            "type": type_,
            "text": text[start:end],
            label: [f"{text[s:e]}/{t}" for s, e, t in near],
            "doc": extraction.doc.id,
            "start": start,
            "end": end,
            "sentence": f"{sentence.text[:lo]}【{sentence.text[lo:hi]}】{sentence.text[hi:]}",
        }


def _write_errors(path: Path, errors: list[dict[str, Any]]) -> None:
    """Write ``errors`` atomically (a temporary file renamed into place)."""
    if path.suffix.lower() in (".jsonl", ".json"):
        body = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
    else:
        head = "error\ttype\ttext\toverlaps\tdoc\tstart\tend\tsentence\n"
        body = head + "".join(
            "\t".join(
                [
                    e["error"],
                    e["type"],
                    e["text"],
                    " ".join(e.get("gold", e.get("predicted", []))),
                    e["doc"],
                    str(e["start"]),
                    str(e["end"]),
                    " ".join(e["sentence"].split()),
                ]
            )
            + "\n"
            for e in errors
        )
    with atomic_path(path) as tmp:
        tmp.write_text(body, encoding="utf-8")
