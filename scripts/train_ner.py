#!/usr/bin/env python3
"""Train kg's character CRF tagger (kg/tagger.py) and score it on a held-out split.

    python scripts/train_ner.py \\
        --train ../shared/corpora/pfr1998-01/199801-01to22.txt \\
        --dev ../shared/corpora/pfr1998-01/199801-23to25.txt \\
        --out kg/data/ner/pfr-crf.crfsuite

Sentences are split and segmented exactly as the pipeline does (kg.sentences,
kg.segment), so the features seen in training are those seen at run time.
Training is deterministic: L-BFGS with fixed parameters over the corpus in
file order. Next to the model it writes ``<model>.json`` with the feature
version, the parameters, the data (with SHA-256) and the held-out scores of
the tagger alone. The pipeline's scores come from ``kg eval``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycrfsuite

from kg.corpora import Gold, read
from kg.evaluate import score
from kg.segment import segmenter
from kg.sentences import split_sentences
from kg.tagger import (
    DEFAULT_TEMPLATES,
    FEATURE_VERSION,
    LABEL_TYPES,
    CRFTagger,
    NameList,
    labels_from_spans,
    sentence_features,
)

TYPE_TAGS = {v: k for k, v in LABEL_TYPES.items()}


def sentences(gold: Gold) -> Iterator[tuple[int, str, list[tuple[int, int, str]]]]:
    """``(offset, text, spans inside it)`` for each sentence as the pipeline splits it."""
    for s in split_sentences(gold.doc.id, gold.doc.text):
        inside = [
            (a - s.start, b - s.start, t) for a, b, t in gold.spans if s.start <= a and b <= s.end
        ]
        yield s.start, s.text, inside


def words(text: str) -> list[str]:
    return [t.text for t in segmenter().words(text)]


def sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--train", required=True, help="PFR training file (199801-01to22.txt)")
    p.add_argument("--dev", help="PFR held-out file to score on (199801-23to25.txt)")
    p.add_argument("--cluener", help="also train on this CLUENER2020 train.json")
    p.add_argument("--out", required=True, help="model file to write (.crfsuite)")
    p.add_argument("--c1", type=float, default=0.1, help="L1 penalty (0.1)")
    p.add_argument("--c2", type=float, default=0.1, help="L2 penalty (0.1)")
    p.add_argument("--iterations", type=int, default=200, help="L-BFGS iterations (200)")
    p.add_argument("--minfreq", type=float, default=1, help="drop rarer attributes (1)")
    p.add_argument("--limit", type=int, help="train on the first N documents only")
    p.add_argument("--templates", help="comma-separated feature templates (default: all)")
    p.add_argument("--bio", help="also score the tagger alone on this BIO file")
    p.add_argument("--folds", type=int, default=5, help="name-list folds in training (5)")
    p.add_argument(
        "--name-ratio",
        type=float,
        default=0.5,
        help="list a name if at least this share of its occurrences is annotated (0.5)",
    )
    args = p.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)

    templates = tuple(args.templates.split(",")) if args.templates else DEFAULT_TEMPLATES
    started = time.perf_counter()
    trainer = Trainer(algorithm="lbfgs", verbose=True)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.minfreq": args.minfreq,
            "feature.possible_transitions": True,
        }
    )
    data = [(args.train, "pfr")] + ([(args.cluener, "cluener")] if args.cluener else [])
    golds = [
        gold
        for path, fmt in data
        for n, gold in enumerate(read(path, fmt))
        if args.limit is None or n < args.limit
    ]
    names = None
    folds: list[NameList | None] = [None] * args.folds
    if "names" in templates:
        names = build_names(golds, args.name_ratio)
        folds = [
            build_names([g for i, g in enumerate(golds) if i % args.folds != k], args.name_ratio)
            for k in range(args.folds)
        ]
    counts = {"documents": len(golds), "sentences": 0, "characters": 0}
    for i, gold in enumerate(golds):
        for _, text, spans in sentences(gold):
            features = sentence_features(text, words(text), templates, names=folds[i % args.folds])
            trainer.append(features, labels_from_spans(len(text), spans))
            counts["sentences"] += 1
            counts["characters"] += len(text)
    print(f"features for {counts} in {time.perf_counter() - started:.0f} s", file=sys.stderr)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(out))
    train_s = time.perf_counter() - t0
    last = trainer.logparser.last_iteration or {}
    print(f"trained in {train_s:.0f} s; {out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)

    meta: dict[str, object] = {
        "feature_version": FEATURE_VERSION,
        "templates": list(templates),
        "algorithm": "lbfgs",
        "params": {
            k: v for k, v in vars(args).items() if k in ("c1", "c2", "iterations", "minfreq")
        },
        "data": [{"path": Path(p).name, "format": f, "sha256": sha256(p)} for p, f in data],
        "limit": args.limit,
        "counts": counts,
        "folds": args.folds if names is not None else None,
        "name_ratio": args.name_ratio if names is not None else None,
        "active_features": last.get("active_features"),
        "train_seconds": round(train_s),
        "size_bytes": out.stat().st_size,
    }
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    if names is not None:
        names.write(out.with_suffix(".names.tsv"))
        meta["names"] = len(names.entries)
    for key, path, fmt in (("dev", args.dev, "pfr"), ("bio", args.bio, "bio")):
        if path:
            report = score_tagger(CRFTagger(out), path, fmt)
            meta[key] = {"path": Path(path).name, "sha256": sha256(path), **report}
            print(f"{key}: {summary(report)}", file=sys.stderr)
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    return 0


def build_names(golds: list[Gold], min_ratio: float) -> NameList:
    """Names annotated in ``golds`` (two characters or more) with their usual type.

    A string is listed when at least ``min_ratio`` of its occurrences in the
    texts are annotated as an entity, so 中央 (mostly an ordinary word) is not.
    """
    import ahocorasick

    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for gold in golds:
        for start, end, type_ in gold.spans:
            if end - start >= 2:
                by_type[gold.doc.text[start:end]][TYPE_TAGS[type_]] += 1
    auto = ahocorasick.Automaton()
    for name in by_type:
        auto.add_word(name, name)
    auto.make_automaton()
    seen: Counter[str] = Counter()
    for gold in golds:
        seen.update(name for _, name in auto.iter(gold.doc.text))
    entries = {}
    for name, types in by_type.items():
        tag = types.most_common(1)[0][0]
        if sum(types.values()) >= min_ratio * seen[name]:
            entries[name] = tag
    return NameList(entries)


def summary(report: dict[str, Any]) -> str:
    cells = [f"{t} {s['f1']:.4f}" for t, s in report["types"].items()]
    return f"micro {report['micro']['f1']:.4f} ({', '.join(cells)})"


class Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """Reports every tenth L-BFGS iteration on stderr."""

    def on_iteration(self, log: str, info: dict[str, Any]) -> None:
        if info["num"] % 10 == 0:
            print(
                f"iteration {info['num']}: loss {info['loss']:.1f}, "
                f"{info['active_features']} active features, {info['time']:.1f} s",
                file=sys.stderr,
            )

    def on_optimization_end(self, log: str) -> None:
        print(log.strip().splitlines()[-1] if log.strip() else "", file=sys.stderr)

    def on_start(self, log: str) -> None:
        pass

    def on_featgen_progress(self, log: str, percent: float) -> None:
        pass

    def on_featgen_end(self, log: str) -> None:
        pass

    def on_prepared(self, log: str) -> None:
        pass

    def on_end(self, log: str) -> None:
        pass


def score_tagger(model: CRFTagger, path: str, fmt: str) -> dict[str, Any]:
    """Exact-span scores of the tagger alone on the corpus file ``path``."""
    gold_docs, pred_docs = [], []
    for gold in read(path, fmt):
        found = []
        for offset, text, _ in sentences(gold):
            found += [(offset + a, offset + b, t) for a, b, t in model.spans(text, words(text))]
        gold_docs.append(gold.spans)
        pred_docs.append(found)
    report = score(gold_docs, pred_docs)
    return {"types": {s.type: s.to_dict() for s in report.types}, "micro": report.micro.to_dict()}


if __name__ == "__main__":
    raise SystemExit(main())
