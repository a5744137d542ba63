#!/usr/bin/env python3
"""Leave-one-set-out measurement of the project CRF alone and combined with the rules.

    python scripts/eval_project_tagger.py --sets docs heldout final final2 final3 \\
        final4 final5 final6 final7 --test final4 final5 final6 final7

For each test set: train the project CRF (scripts/train_project_tagger.py) on
all the other sets, then print (a) the tagger alone, Project P/R/F1; (b) the
default pipeline; (c) the pipeline with the tagger's Project spans added in
each combination below, at each confidence threshold (the smallest marginal
probability of a span's labels):

- ``free``: a tagger span is added only where no rule mention of any type
  overlaps it;
- ``noproj``: where no rule Project overlaps it (it may then swallow a place
  or organisation the rules found, by ``kg.resolve.merge_mentions``' longer
  span);
- ``retype``: as ``noproj``, and a rule Place with the very span of a tagger
  Project becomes that Project (a facility that is built);
- each also with ``+w``: only the spans the ``project-crf`` extractor keeps
  besides its threshold: in a sentence with a project suffix (``has_suffix``),
  reading as a name (``name_like``: no list comma or stray bracket, not
  opening with a stop word of the project rules or a verb, preposition,
  conjunction, pronoun, adverb, particle or adjective, no stop word inside but
  the works, phases and ends a name holds);
- ``override``: everywhere, and where it overlaps a rule Project its span wins.

Every type's F1 and the micro average are printed, since a project span can
swallow a place or an organisation.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.corpora import read
from kg.evaluate import Report, evaluate
from kg.model import PLACE, PROJECT, Analysis, Document, Mention
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline
from kg.resolve import SPAN_PRIORITY
from kg.segment import segmenter
from kg.sentences import split_sentences
from kg.variants import simplified

NAME = "project-crf"
#: The default pipeline without the shipped tagger (trained on every set, tests included).
RULES = tuple(name for name in DEFAULT_EXTRACTORS if name != NAME)
TYPES = frozenset({"Person", "Place", "Organization", "Event", PROJECT})
#: Tagger spans of one document: ``(start, end, confidence, opens like a name)``.
DocSpans = list[tuple[int, int, float, bool]]


def tagger_spans(model: Any, text: str) -> DocSpans:
    """The tagger's Project spans in ``text`` (the simplified view), sentence by sentence."""
    from kg.project_tagger import has_suffix, name_like, word_tags

    model._load()
    out = []
    for s in split_sentences("d", text):
        tokens = segmenter().tag(s.text) if model.tags == "pos" else segmenter().words(s.text)
        words = [t.text for t in tokens]
        pos = [t.pos for t in tokens] if model.tags == "pos" else word_tags(words)
        for a, b, t, p in model.spans(s.text, words, pos):
            if t == PROJECT:
                ok = has_suffix(s.text) and name_like(words, pos, a, b)
                out.append((s.start + a, s.start + b, p, ok))
    return out


class Combined(Pipeline):
    """The default pipeline with the tagger's Project spans added by ``mode``."""

    def __init__(
        self, spans: dict[str, DocSpans], mode: str, threshold: float, first_word: bool = False
    ) -> None:
        names = list(RULES)
        super().__init__(names)
        self.names = (
            *names[: names.index("projects") + 1],
            NAME,
            *names[names.index("projects") + 1 :],
        )
        self.spans, self.mode, self.threshold = spans, mode, threshold
        self.first_word = first_word
        self.priority = dict(SPAN_PRIORITY)
        if mode == "override":
            self.priority[PROJECT] = (NAME,)

    def _extract(self, doc: Document) -> tuple[Analysis, int]:
        # The pipeline's own _extract, with the tagger's spans slipped into the mentions it
        # merges: the same code runs under an older kg (--spans-in with PYTHONPATH).
        import kg.pipeline

        original = kg.pipeline.merge_mentions

        def merge(found: list[Mention], names: Sequence[str]) -> list[Mention]:
            self._add(doc, found)
            return original(found, names, span_priority=self.priority)

        kg.pipeline.merge_mentions = merge  # type: ignore[assignment]
        try:
            return super()._extract(doc)  # type: ignore[no-any-return]
        finally:
            kg.pipeline.merge_mentions = original

    def _add(self, doc: Document, found: list[Mention]) -> None:
        """Add the tagger's spans to the rules' mentions ``found``, in place, by mode."""
        rules = list(found)
        for start, end, p, opens in self.spans[doc.id]:
            if p < self.threshold or (self.first_word and not opens):
                continue
            m = Mention.span(doc, start, end, PROJECT, NAME, score=p)
            over = [r for r in rules if r.start < m.end and m.start < r.end]
            if self.mode == "free" and over:
                continue
            if self.mode in ("noproj", "retype") and any(r.type == PROJECT for r in over):
                continue
            if self.mode == "retype":
                same = [r for r in over if (r.start, r.end) == (start, end) and r.type == PLACE]
                found[:] = [r for r in found if r not in same]
            found.append(m)


def row(report: Report) -> dict[str, Any]:
    out = {s.type: round(s.f1, 4) for s in report.types}
    prj = report.by_type(PROJECT)
    out |= {
        "P": round(prj.precision, 4),
        "R": round(prj.recall, 4),
        "F1": round(prj.f1, 4),
        "tp/fp/fn": f"{prj.tp}/{prj.fp}/{prj.fn}",
        "micro": round(report.micro.f1, 4),
    }
    return out


def fold(
    sets: Sequence[str],
    test: str,
    path: dict[str, str],
    tmp: Path,
    thresholds: Sequence[float],
    res: dict[str, Any],
    tags: str,
) -> dict[str, DocSpans]:
    """Train on every set but ``test``; score the tagger alone into ``res``; its spans."""
    sys.path.insert(0, str(Path(__file__).parent))
    from train_project_tagger import tagged, train

    from kg.project_tagger import ProjectTagger

    model_path = tmp / f"without-{test}.crfsuite"
    train([path[s] for s in sets if s != test], model_path, types=TYPES, tags=tags)
    model = ProjectTagger(model_path)
    for t in thresholds:
        s = tagged(model, [path[test]], t)
        res[f"tagger>={t}"] = {
            "P": round(s["precision"], 4),
            "R": round(s["recall"], 4),
            "F1": round(s["f1"], 4),
            "tp/fp/fn": f"{s['tp']}/{s['fp']}/{s['fn']}",
        }
    return {g.doc.id: tagger_spans(model, simplified(g.doc.text)) for g in read(path[test], "kg")}


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--gold-dir", default="tests/gold")
    p.add_argument("--sets", nargs="+", required=True, help="all set names to use")
    p.add_argument("--test", nargs="+", required=True, help="sets to hold out, one at a time")
    p.add_argument("--modes", nargs="+", default=["free", "noproj", "retype", "override"])
    p.add_argument("--thresholds", nargs="+", type=float, default=[0.0, 0.5, 0.8, 0.9])
    p.add_argument("--json", help="write all rows here")
    p.add_argument("--tags", choices=("dict", "pos"), default="dict", help="tag features")
    p.add_argument("--spans-out", help="write the tagger's spans of each test set here")
    p.add_argument(
        "--spans-in",
        help="take the tagger's spans from this file (written by --spans-out) instead of "
        "training: the pipeline is then whatever kg is importable (PYTHONPATH)",
    )
    args = p.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    path = {s: str(Path(args.gold_dir) / f"{s}.jsonl") for s in args.sets}
    results: dict[str, Any] = {}
    saved: dict[str, dict[str, DocSpans]] = (
        json.loads(Path(args.spans_in).read_text()) if args.spans_in else {}
    )
    with tempfile.TemporaryDirectory() as tmp:
        for test in args.test:
            res: dict[str, Any] = {}
            if not args.spans_in:
                saved[test] = fold(
                    args.sets, test, path, Path(tmp), args.thresholds, res, args.tags
                )
            spans = {k: [tuple(x) for x in v] for k, v in saved[test].items()}
            res["pipeline"] = row(evaluate(path[test], "kg", extractors=RULES))
            for mode in args.modes:
                for t in args.thresholds:
                    for first in (False, True):
                        combined = Combined(spans, mode, t, first)  # type: ignore[arg-type]
                        key = f"{mode}{'+w' if first else ''}>={t}"
                        res[key] = row(evaluate(path[test], "kg", extractors=combined))
            results[test] = res
            print(f"== {test} (trained on {', '.join(s for s in args.sets if s != test)})")
            for k, v in res.items():
                print(f"  {k:<16} {json.dumps(v, ensure_ascii=False)}")
            sys.stdout.flush()
    if args.spans_out:
        Path(args.spans_out).write_text(json.dumps(saved) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
