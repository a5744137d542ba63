"""Benchmark ``kg build`` on a generated corpus: throughput, workers, re-runs, peak memory.

The corpus (``--mb`` megabytes of UTF-8 Chinese text, default 10) is made by
recombining the paragraphs of the bundled examples/ and of any text files
given with ``--texts`` (and of a PFR-tagged corpus given with ``--pfr``, its
tags stripped): paragraphs are drawn with a fixed seed into articles of
2,000–4,000 characters, one file each, in a temporary folder that is deleted
afterwards. Never commit corpus text.

Each build runs ``kg build CORPUS --store DIR`` in a child process, timed,
with its peak RSS (the largest of the process and its workers) and its CPU
seconds, those of the main process (reading files, writing the store, and
with one worker the extraction) and of the worker processes apart. Reported:
characters per second and the ratio to ``jieba.lcut`` on the same text in the
same run; the speed-up of 2 workers over 1; a re-run on the unchanged corpus
as a share of the first build. With ``--output trig`` each build writes
``-o OUT.trig`` from Oxigraph in memory instead (no re-run), and the files of
the worker counts are compared byte for byte. ``--repeat N`` builds each
worker count N times, in turn, and reports the median speed-up: on a shared
machine one pair of builds can be 10 % off either way.

    python scripts/bench_build.py --mb 10 --pfr ../shared/corpora/pfr1998-01/199801-01to22.txt

Nothing here is imported by kg.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
_PFR_TOKEN = re.compile(r"\[|\][a-z]+|/[a-zA-Z]+")


def paragraphs(texts: list[Path], pfr: list[Path]) -> list[str]:
    """Non-empty paragraphs of the examples, the given text files and PFR files."""
    found: list[str] = []
    files = sorted((ROOT / "examples").glob("*.txt"))
    for t in texts:
        files.extend(sorted(t.rglob("*.txt")) if t.is_dir() else [t])
    for path in files:
        found.extend(line.strip() for line in path.read_text("utf-8").splitlines() if line.strip())
    for path in pfr:
        raw = path.read_bytes().decode("gb18030").replace("\r\n", "\n").replace("\r", "\n")
        for line in raw.split("\n"):
            words = line.split()[1:]  # the first token is the paragraph id
            if words:
                found.append(_PFR_TOKEN.sub("", "".join(words)))
    return [p for p in found if len(p) >= 10]


def make_corpus(folder: Path, megabytes: float, paras: list[str], seed: int = 7) -> tuple[int, int]:
    """Write articles until ``megabytes`` of UTF-8; ``(files, characters)``."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    size = chars = n = 0
    while size < target:
        length = rng.randint(2000, 4000)
        body: list[str] = []
        while sum(map(len, body)) < length:
            body.append(rng.choice(paras))
        text = "\n".join(body) + "\n"
        (folder / f"{n:05d}.txt").write_text(text, "utf-8")
        size += len(text.encode("utf-8"))
        chars += len(text)
        n += 1
    return n, chars


def jieba_rate(folder: Path) -> float:
    """Characters per second of ``jieba.lcut`` over the corpus (dictionary loaded first)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    t = time.perf_counter()
    for text in texts:
        tokenizer.lcut(text)
    return sum(map(len, texts)) / (time.perf_counter() - t)


#: ``kg build`` in a child process that then reports, on its last line of
#: stderr, the CPU seconds of its own process (reading files, writing the
#: store, and the extraction itself with one worker) and of its worker processes.
_KG_BUILD = """
import json, resource, sys
from kg.cli import main
rc = main(sys.argv[1:])
cpu = {}
for key, who in (("main", resource.RUSAGE_SELF), ("workers", resource.RUSAGE_CHILDREN)):
    usage = resource.getrusage(who)
    cpu[f"{key}_cpu_seconds"] = usage.ru_utime + usage.ru_stime
print(json.dumps(cpu), file=sys.stderr)
sys.exit(rc)
"""


def kg_build(folder: Path, target: Path, workers: int) -> dict[str, Any]:
    """Run ``kg build`` in a child process; seconds, CPU, peak RSS (MiB) and its summary line.

    ``target`` is a store folder (``--store``) or, with an RDF extension, an
    output file (``-o``, built in memory).
    """
    where = ["-o", str(target)] if target.suffix != ".oxi" else ["--store", str(target)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    t = time.perf_counter()
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _KG_BUILD,
            "build",
            str(folder),
            *where,
            "--workers",
            str(workers),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - t
    if out.returncode:
        raise SystemExit(f"kg build failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    split = json.loads(out.stderr.strip().splitlines()[-1])
    return {
        "seconds": round(seconds, 2),
        # CPU seconds of the build and its workers: on a busy machine the wall
        # time of N workers says little, the CPU they spent says what N idle cores would do.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime - cpu, 2),
        # ... and of its main process (with Oxigraph's threads) and its workers apart.
        **{k: round(v, 2) for k, v in split.items()},
        "load_average": round(os.getloadavg()[0], 2),
        # ru_maxrss of children is the largest child so far (KiB): exact for the
        # first build; later ones report only if they used more.
        "peak_rss_mib": round(max(peak, before) / 1024, 1),
        "summary": (out.stdout.strip().splitlines() or [""])[-1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB of UTF-8")
    parser.add_argument("--texts", nargs="*", type=Path, default=[], help="your own .txt files")
    parser.add_argument("--pfr", nargs="*", type=Path, default=[], help="PFR-tagged corpus files")
    parser.add_argument("--workers", nargs="*", type=int, default=[1, 2])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="build each worker count this many times, in turn (the speed-up is their median)",
    )
    parser.add_argument(
        "--output",
        metavar="EXT",
        help="build in memory into -o OUT.EXT (e.g. trig) instead of a store folder; "
        "no re-run, and the files of all worker counts are compared byte for byte",
    )
    args = parser.parse_args(argv)

    from bench_query import machine

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    try:
        corpus = tmp / "corpus"
        corpus.mkdir()
        files, chars = make_corpus(corpus, args.mb, paragraphs(args.texts, args.pfr))
        print(f"machine: {machine()}")
        print(f"corpus: {files} files, {chars:,} characters, {args.mb} MB")
        jieba_cps = jieba_rate(corpus)
        print(f"jieba.lcut: {jieba_cps:,.0f} chars/s")
        results: dict[str, Any] = {
            "machine": machine(),
            "files": files,
            "chars": chars,
            "jieba_chars_per_s": round(jieba_cps),
            "builds": {},
        }
        rounds: list[dict[int, dict[str, Any]]] = []
        for k in range(args.repeat):
            builds: dict[int, dict[str, Any]] = {}
            rounds.append(builds)
            tag = f" (round {k + 1})" if args.repeat > 1 else ""
            outputs = []
            for workers in args.workers:
                store = tmp / (f"w{workers}.{args.output}" if args.output else f"w{workers}.oxi")
                r = kg_build(corpus, store, workers)
                r["chars_per_s"] = round(chars / r["seconds"])
                r["ratio_to_jieba"] = round(chars / r["seconds"] / jieba_cps, 3)
                builds[workers] = r
                print(f"{workers} worker(s){tag}: {r}", flush=True)
                if k == 0 and workers == args.workers[0] and not args.output:
                    again = kg_build(corpus, store, workers)
                    again["share_of_first"] = round(again["seconds"] / r["seconds"], 4)
                    results["rerun_unchanged"] = again
                    print(f"re-run, unchanged: {again}", flush=True)
                if args.output:
                    outputs.append(store)
                else:
                    shutil.rmtree(store)
            if len(outputs) > 1:
                same = all(o.read_bytes() == outputs[0].read_bytes() for o in outputs[1:])
                results["outputs_identical"] = same and results.get("outputs_identical", True)
                print(f"output files identical for {args.workers} workers: {same}")
        results["builds"] = rounds[0]
        if args.repeat > 1:
            results["rounds"] = rounds
        pairs = [(b[1], b[2]) for b in rounds if 1 in b and 2 in b]
        if pairs:
            walls = [one["seconds"] / two["seconds"] for one, two in pairs]
            cpus = [one["cpu_seconds"] / max(two["cpu_seconds"] / 2, 1e-9) for one, two in pairs]
            speedup, ideal = statistics.median(walls), statistics.median(cpus)
            results["speedup_2_workers"] = round(speedup, 2)
            results["cpu_bound_speedup_2_workers"] = round(ideal, 2)
            if len(pairs) > 1:
                results["speedups_2_workers"] = [round(x, 2) for x in walls]
                print(f"speed-ups, 2 workers over 1, by round: {results['speedups_2_workers']}")
            median = "median " if len(pairs) > 1 else ""
            print(
                f"speed-up, 2 workers over 1: {median}{speedup:.2f}x wall, {ideal:.2f}x by CPU time"
            )
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
