#!/usr/bin/env python3
"""Train the project CRF (kg/project_tagger.py) on kg gold files and score it alone.

    python scripts/train_project_tagger.py tests/gold/docs.jsonl tests/gold/heldout.jsonl … \\
        --out kg/data/ner/project-crf.crfsuite [--test tests/gold/final7.jsonl]

Documents are read in the simplified view the pipeline sees (kg.variants),
split into sentences and cut and tagged by jieba exactly as the pipeline does,
so the features seen in training are those seen at run time. Training is
deterministic: L-BFGS with fixed parameters over the files in the order given.
Next to the model it writes ``<model>.json`` with the feature version, the
parameters and the data (with SHA-256). ``--test`` prints the tagger's own
exact-span Project scores on other gold files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pycrfsuite

from kg.corpora import Gold, read
from kg.model import PROJECT
from kg.project_tagger import FEATURE_VERSION, ProjectTagger, features, labels_from_spans
from kg.segment import segmenter
from kg.sentences import split_sentences
from kg.variants import simplified

Spans = list[tuple[int, int, str]]


def golds(paths: Sequence[str]) -> Iterator[Gold]:
    """The gold documents of ``paths``, in the simplified view the pipeline tags."""
    for path in paths:
        for gold in read(path, "kg"):
            yield replace(gold, doc=replace(gold.doc, text=simplified(gold.doc.text)))


def sentences(gold: Gold, types: frozenset[str]) -> Iterator[tuple[int, str, Spans]]:
    """``(offset, text, spans of types inside it)`` for each sentence the pipeline splits."""
    for s in split_sentences(gold.doc.id, gold.doc.text):
        inside = [
            (a - s.start, b - s.start, t)
            for a, b, t in gold.spans
            if s.start <= a and b <= s.end and t in types
        ]
        yield s.start, s.text, inside


def cut(text: str, tags: str) -> tuple[list[str], list[str] | None]:
    """jieba's words of ``text`` and, for ``tags="pos"``, their posseg tags."""
    if tags == "pos":
        tokens = segmenter().tag(text)
        return [t.text for t in tokens], [t.pos for t in tokens]
    return [t.text for t in segmenter().words(text)], None


def train(
    paths: Sequence[str],
    out: Path,
    *,
    types: frozenset[str],
    c1: float = 0.05,
    c2: float = 0.05,
    iterations: int = 150,
    tags: str = "dict",
) -> dict[str, Any]:
    """Train a model on ``paths`` into ``out`` (and ``out.json``); return its metadata."""
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    counts = {"documents": 0, "sentences": 0, "characters": 0, "projects": 0}
    for gold in golds(paths):
        counts["documents"] += 1
        for _, text, spans in sentences(gold, types):
            words, pos = cut(text, tags)
            trainer.append(features(text, words, pos), labels_from_spans(len(text), spans))
            counts["sentences"] += 1
            counts["characters"] += len(text)
            counts["projects"] += sum(t == PROJECT for *_, t in spans)
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    meta: dict[str, Any] = {
        "feature_version": FEATURE_VERSION,
        "labels": sorted(types),
        "tags": tags,
        "algorithm": "lbfgs",
        "params": {"c1": c1, "c2": c2, "iterations": iterations},
        "data": [
            {"path": Path(p).name, "sha256": hashlib.sha256(Path(p).read_bytes()).hexdigest()}
            for p in paths
        ],
        "counts": counts,
        "size_bytes": out.stat().st_size,
    }
    out.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    return meta


def tagged(model: ProjectTagger, paths: Sequence[str], threshold: float = 0.0) -> dict[str, Any]:
    """Exact-span Project counts of the tagger alone on ``paths``."""
    tp = fp = fn = 0
    model._load()
    for gold in golds(paths):
        found = set()
        for offset, text, _ in sentences(gold, frozenset()):
            words, pos = cut(text, model.tags)
            found |= {
                (offset + a, offset + b)
                for a, b, t, p in model.spans(text, words, pos)
                if t == PROJECT and p >= threshold
            }
        wanted = {(a, b) for a, b, t in gold.spans if t == PROJECT}
        tp += len(found & wanted)
        fp += len(found - wanted)
        fn += len(wanted - found)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("gold", nargs="+", help="kg gold files (.jsonl) to train on")
    p.add_argument("--out", required=True, help="model file to write (.crfsuite)")
    p.add_argument("--test", nargs="*", default=[], help="gold files to score the tagger on")
    p.add_argument("--c1", type=float, default=0.05, help="L1 penalty (0.05)")
    p.add_argument("--c2", type=float, default=0.05, help="L2 penalty (0.05)")
    p.add_argument("--iterations", type=int, default=150, help="L-BFGS iterations (150)")
    p.add_argument(
        "--tags",
        choices=("dict", "pos"),
        default="dict",
        help="tag features from jieba's dictionary (dict, default) or posseg (pos)",
    )
    p.add_argument(
        "--project-only", action="store_true", help="label projects only (default: all types)"
    )
    args = p.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    types = (
        frozenset({PROJECT})
        if args.project_only
        else frozenset({"Person", "Place", "Organization", "Event", PROJECT})
    )
    out = Path(args.out)
    meta = train(
        args.gold,
        out,
        types=types,
        c1=args.c1,
        c2=args.c2,
        iterations=args.iterations,
        tags=args.tags,
    )
    print(f"{meta['counts']}; {meta['size_bytes']:,} bytes", file=sys.stderr)
    for path in args.test:
        s = tagged(ProjectTagger(out), [path])
        print(
            f"{Path(path).name}: Project P {s['precision']:.4f} R {s['recall']:.4f} "
            f"F1 {s['f1']:.4f} (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
