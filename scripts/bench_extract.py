#!/usr/bin/env python3
"""Throughput of kg's extraction pipeline against jieba on the same text.

    python scripts/bench_extract.py ../shared/corpora/pfr1998-01/199801-23to25.txt --format pfr
    python scripts/bench_extract.py examples/ --extractors crf,divisions,orgs --json

Reads the documents (plain text files and folders as ``kg build`` reads them,
or an annotated corpus with ``--format``), loads every model on a warm-up
document, then times in this one process:

* the full pipeline, as ``kg build`` runs it (sentences, segmentation,
  mention and relation extractors, resolution) — no RDF or store writing;
* ``jieba.lcut`` and ``jieba.posseg.lcut`` (jieba's global tokenizer, its
  default dictionary) on the text of each document.

It prints characters per second of each, the pipeline's speed as a ratio to
each jieba call, and the process's peak resident memory before and after the
pipeline ran (``ru_maxrss``). Each timing is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence

from kg.model import Document


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def read_documents(inputs: Sequence[str], fmt: str | None, limit: int | None) -> list[Document]:
    if fmt:
        from kg.corpora import read

        docs = [g.doc for path in inputs for g in read(path, fmt)]
    else:
        from kg.documents import load

        docs = list(load(inputs))
    return docs[:limit] if limit else docs


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--format", help="read INPUT as an annotated corpus (pfr, bio, cluener, kg)")
    p.add_argument("--extractors", help="comma-separated names (default: kg build's)")
    p.add_argument("--limit", type=int, help="only the first N documents")
    p.add_argument("--repeat", type=int, default=1, help="best of N timings (1)")
    p.add_argument("--json", action="store_true", help="print JSON")
    args = p.parse_args(argv)
    logging.getLogger("jieba").setLevel(logging.WARNING)

    import jieba
    import jieba.posseg

    from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline

    docs = read_documents(args.inputs, args.format, args.limit)
    chars = sum(len(d.text) for d in docs)
    if not chars:
        raise SystemExit("no text to time")
    names = args.extractors.split(",") if args.extractors else list(DEFAULT_EXTRACTORS)
    pipeline = Pipeline(names)
    start_mb = peak_mb()

    started = time.perf_counter()
    pipeline(Document(id="warm-up", text="市委书记刘明在焦作市水利局召开会议。", source="-"))
    load_s = time.perf_counter() - started

    def run_pipeline() -> None:
        for d in docs:
            pipeline(d)

    pipe_s = best_time(run_pipeline, args.repeat)
    pipe_mb = peak_mb()

    jieba.lcut("预热")
    jieba.posseg.lcut("预热")
    lcut_s = best_time(lambda: [jieba.lcut(d.text) for d in docs], args.repeat)
    pos_s = best_time(lambda: [jieba.posseg.lcut(d.text) for d in docs], args.repeat)

    result = {
        "documents": len(docs),
        "characters": chars,
        "extractors": names,
        "python": platform.python_version(),
        "machine": platform.processor() or platform.machine(),
        "load_seconds": round(load_s, 2),
        "pipeline": {"seconds": round(pipe_s, 3), "chars_per_s": round(chars / pipe_s)},
        "jieba_lcut": {"seconds": round(lcut_s, 3), "chars_per_s": round(chars / lcut_s)},
        "jieba_posseg": {"seconds": round(pos_s, 3), "chars_per_s": round(chars / pos_s)},
        "ratio_to_lcut": round(lcut_s / pipe_s, 3),
        "ratio_to_posseg": round(pos_s / pipe_s, 3),
        "peak_rss_mb_before_pipeline": round(start_mb),
        "peak_rss_mb_after_pipeline": round(pipe_mb),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(docs)} documents, {chars:,} characters; extractors: {', '.join(names)}")
    print(f"model loading (first document): {load_s:.2f} s")
    for key, label in (
        ("pipeline", "kg pipeline"),
        ("jieba_lcut", "jieba.lcut"),
        ("jieba_posseg", "jieba.posseg.lcut"),
    ):
        r = result[key]
        print(f"{label:<20}{r['seconds']:>9.2f} s {r['chars_per_s']:>12,} chars/s")  # type: ignore[index]
    print(
        f"pipeline speed: {result['ratio_to_lcut']:.2f}× jieba.lcut, "
        f"{result['ratio_to_posseg']:.2f}× jieba.posseg"
    )
    print(f"peak RSS: {start_mb:.0f} MB before the pipeline, {pipe_mb:.0f} MB after it")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
