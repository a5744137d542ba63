"""Score the pipeline on several of kg's gold sets at once: each set's F1, and the pooled F1.

    python scripts/eval_gold_sets.py tests/gold/final21.jsonl tests/gold/final25.jsonl
    python scripts/eval_gold_sets.py tests/gold/final2*.jsonl --json

Runs ``kg eval GOLD --format kg`` (:func:`kg.evaluate.evaluate`) on each file with one
pipeline, prints one line per set (F1 per entity type and relation type) and then the
scores pooled over all of them: true positives, false positives and false negatives
summed per type before precision, recall and F1 are taken, so a set with many projects
weighs more than one with few. docs/benchmarks.md reports the unread sets' pooled figures
this way.

Nothing here is imported by kg.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections import defaultdict

from kg.evaluate import evaluate
from kg.pipeline import Pipeline


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="+", help="gold sets in kg's JSON-lines format")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)

    pipeline = Pipeline()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_set: dict[str, dict[str, float]] = {}
    for path in args.gold:
        report = evaluate(path, "kg", extractors=pipeline)
        scores = [(t.type, t) for t in report.types]
        scores += [(f"rel:{r.type}", r) for r in report.relations]
        per_set[path] = {name: round(s.f1, 4) for name, s in scores}
        for name, s in scores:
            total = counts[name]
            total[0] += s.tp
            total[1] += s.fp
            total[2] += s.fn
    pooled = {
        name: dict(zip(("gold", "p", "r", "f1"), (tp + fn, *_f1(tp, fp, fn)), strict=True))
        for name, (tp, fp, fn) in counts.items()
    }
    if args.json:
        print(json.dumps({"sets": per_set, "pooled": pooled}, ensure_ascii=False, indent=2))
        return 0
    for path, row in per_set.items():
        print(path, " ".join(f"{name}={f1:.3f}" for name, f1 in row.items()))
    print(f"\npooled over {len(args.gold)} sets")
    for name, p in pooled.items():
        print(f"{name:<20} gold {p['gold']:>5}  P {p['p']:.3f}  R {p['r']:.3f}  F1 {p['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
