#!/usr/bin/env python3
"""Inter-annotator agreement on the gold sets, and the pipeline measured against it.

    python scripts/agreement.py tests/gold/final49.jsonl tests/gold/second/final49.jsonl
    python scripts/agreement.py A1.jsonl B1.jsonl A2.jsonl B2.jsonl --pipeline --json

Arguments come in pairs: a gold set and a second, independent annotation of
the same documents (``tests/gold/second/``). Figures are pooled over the
pairs. It prints:

* the agreement of the two annotations (:func:`kg.evaluate.agreement`):
  exact-span F1 per entity type and per relation kind, the ceiling any
  extractor meets when it is scored against one annotator's reading;
* with ``--pipeline``, the pipeline's entity F1 against each annotation, and
  against their *consensus*: only the spans both annotators marked are gold,
  a span only one of them marked is disputed and counts neither way (a
  predicted span that neither marked is a false positive).
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Sequence

from kg.corpora import read
from kg.evaluate import Report, TypeScore, agreement, score, scored_mentions
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline


def pooled(scores: list[dict[str, TypeScore]]) -> dict[str, TypeScore]:
    """Per-type sums of several runs' scores."""
    out: dict[str, list[int]] = {}
    for run in scores:
        for name, s in run.items():
            c = out.setdefault(name, [0, 0, 0])
            c[0] += s.tp
            c[1] += s.fp
            c[2] += s.fn
    return {name: TypeScore(name, *c) for name, c in out.items()}


def pipeline_scores(
    pipeline: Pipeline, pairs: Sequence[tuple[str, str]]
) -> tuple[Report, Report, Report]:
    """The pipeline's entity scores against the first annotations, the second ones and
    their consensus (:func:`kg.evaluate.score`, pooled over every document of ``pairs``)."""
    docs = []  # (document, its first annotation's spans, its second's)
    for first, second in pairs:
        b = {g.doc.id: g for g in read(second, "kg")}
        docs += [(g.doc, set(g.spans), set(b[g.doc.id].spans)) for g in read(first, "kg")]
    types = tuple({s[2] for _, ea, eb in docs for s in ea | eb})
    predicted = [scored_mentions(pipeline(doc).named_mentions, types) for doc, _, _ in docs]
    return (
        score([ea for _, ea, _ in docs], predicted, types),
        score([eb for _, _, eb in docs], predicted, types),
        # a span only one of them marked counts neither way
        score(
            [ea & eb for _, ea, eb in docs],
            [p - (ea ^ eb) for p, (_, ea, eb) in zip(predicted, docs, strict=True)],
            types,
        ),
    )


def _row(s: TypeScore) -> str:
    counts = f"{s.type:<16}{s.gold:>6}{s.predicted:>6}{s.tp:>6}"
    return counts + f"{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("files", nargs="+", metavar="GOLD SECOND")
    p.add_argument("--pipeline", action="store_true", help="also score the pipeline")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    if len(args.files) % 2:
        p.error("give the files in pairs: GOLD SECOND [GOLD SECOND ...]")
    logging.getLogger("jieba").setLevel(logging.WARNING)
    pairs = list(zip(args.files[::2], args.files[1::2], strict=True))

    entities, relations = [], []
    for first, second in pairs:
        report = agreement(first, second)
        entities.append({s.type: s for s in report.types})
        relations.append({s.type: s for s in report.relations})
    result: dict[str, dict[str, TypeScore]] = {
        "agreement": pooled(entities),
        "agreement_relations": pooled(relations),
    }
    if args.pipeline:
        reports = pipeline_scores(Pipeline(DEFAULT_EXTRACTORS), pairs)
        keys = ("pipeline_vs_first", "pipeline_vs_second", "pipeline_vs_consensus")
        for key, report in zip(keys, reports, strict=True):
            result[key] = {s.type: s for s in report.types}

    if args.json:
        out = {
            "pairs": [list(pair) for pair in pairs],
            **{k: {t: s.to_dict() for t, s in v.items()} for k, v in result.items()},
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(pairs)} pair(s): " + ", ".join(f"{a} ~ {b}" for a, b in pairs))
    titles = {
        "agreement": "second annotation against the gold (entities; F1 = agreement)",
        "agreement_relations": "second annotation against the gold (relations)",
        "pipeline_vs_first": "pipeline against the gold",
        "pipeline_vs_second": "pipeline against the second annotation",
        "pipeline_vs_consensus": (
            "pipeline against the consensus (spans both marked; disputed spans ignored)"
        ),
    }
    for key, scores in result.items():
        print(f"\n{titles[key]}")
        print(f"{'type':<16}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
        for s in scores.values():
            print(_row(s))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
