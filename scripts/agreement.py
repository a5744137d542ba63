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
from kg.evaluate import TypeScore, agreement, scored_mentions
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline

ENTITY_ORDER = ("Person", "Place", "Organization", "Event", "Project")


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
    pipeline: Pipeline, first: str, second: str
) -> tuple[dict[str, TypeScore], dict[str, TypeScore], dict[str, TypeScore]]:
    """The pipeline's entity scores against ``first``, against ``second`` and against both."""
    a = {g.doc.id: g for g in read(first, "kg")}
    b = {g.doc.id: g for g in read(second, "kg")}
    used = {s[2] for g in [*a.values(), *b.values()] for s in g.spans}
    types = [t for t in ENTITY_ORDER if t in used]
    counts = {k: {t: [0, 0, 0] for t in types} for k in ("first", "second", "consensus")}
    for doc_id, ga in a.items():
        ea, eb = set(ga.spans), set(b[doc_id].spans)
        predicted = scored_mentions(pipeline(ga.doc).named_mentions, types)
        for key, gold in (("first", ea), ("second", eb)):
            for t in types:
                g = {s for s in gold if s[2] == t}
                p = {s for s in predicted if s[2] == t}
                counts[key][t][0] += len(g & p)
                counts[key][t][1] += len(p - g)
                counts[key][t][2] += len(g - p)
        sure, disputed = ea & eb, ea ^ eb
        for t in types:
            g = {s for s in sure if s[2] == t}
            p = {s for s in predicted if s[2] == t and s not in disputed}
            counts["consensus"][t][0] += len(g & p)
            counts["consensus"][t][1] += len(p - g)
            counts["consensus"][t][2] += len(g - p)
    return tuple(  # type: ignore[return-value]
        {t: TypeScore(t, *c) for t, c in counts[k].items()}
        for k in ("first", "second", "consensus")
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
        pipeline = Pipeline(DEFAULT_EXTRACTORS)
        runs = [pipeline_scores(pipeline, first, second) for first, second in pairs]
        for i, key in enumerate(
            ("pipeline_vs_first", "pipeline_vs_second", "pipeline_vs_consensus")
        ):
            result[key] = pooled([run[i] for run in runs])

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
