"""Run every hardening class and write ``docs/reliability.md``.

Classes: property tests over the whole pipeline (Hypothesis, ``kg-nightly``
profile, ``--examples`` per unit of weight), loader abuse (every case, the
full-size ones too), kill -9 runs, concurrent writers and full disks
(scripts/crash_test.py), and the hostile page, SPARQL ``SERVICE``,
read-only server and query-timeout cases of ``tests/hostile.py``.

    python scripts/reliability.py                      # the nightly run (>= 10^5 examples)
    python scripts/reliability.py --examples 300 --kills 20 --files 20000

The table says for each class how many cases ran and what held: crashes
(an exception or a failed check), partial outputs and corrupted stores, which
must all be zero. The exit status is non-zero if any is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import crash_test  # noqa: E402  (scripts/ is on sys.path when run as a script)

#: Where the full output of every pytest run goes (``--log``).
LOG = Path(tempfile.gettempdir()) / "kg-reliability.log"
#: Hardening test files of the other classes (run when present).
HOSTILE_FILES = (
    "tests/test_sparql_safety.py",
    "tests/test_server.py",
    "tests/test_hostile_page.py",
)


@dataclass
class Row:
    """One line of the table."""

    name: str
    what: str
    cases: str
    crashes: int = 0
    partial: int | str = 0
    corrupted: int | str = 0
    notes: str = ""

    @property
    def held(self) -> bool:
        return self.crashes == 0 and self.partial in (0, "–") and self.corrupted in (0, "–")


@dataclass
class PytestRun:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0


def pytest(args: list[str], env: dict[str, str] | None = None) -> PytestRun:
    """Run pytest on ``args``; the outcome of every test from its JUnit XML."""
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "junit.xml"
        began = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", f"--junitxml={xml}", *args],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
        )
        run = PytestRun(output=proc.stdout + proc.stderr, seconds=time.monotonic() - began)
        LOG.parent.mkdir(parents=True, exist_ok=True)
        with open(LOG, "a", encoding="utf-8") as log:  # the whole output, for failures
            log.write(f"$ pytest {' '.join(args)}\n{run.output}\n")
        if not xml.exists():
            run.failed.append(f"pytest did not run: {run.output[-500:]}")
            return run
        for case in ET.parse(xml).getroot().iter("testcase"):
            name = f"{case.get('classname', '')}::{case.get('name', '')}"
            if case.find("failure") is not None or case.find("error") is not None:
                run.failed.append(name)
            elif case.find("skipped") is not None:
                run.skipped.append(name)
            else:
                run.passed.append(name)
    return run


_STATS = re.compile(r"- (\d+) passing, (\d+) failing, and (\d+) invalid")


def hypothesis_examples(output: str) -> dict[str, int]:
    """Examples each property test ran (generate and reuse phases), from Hypothesis statistics."""
    counts: dict[str, int] = {}
    test = None
    phase = ""
    for line in output.splitlines():
        if line.startswith("tests/") and line.rstrip().endswith(":"):
            test = line.strip().rstrip(":")
        elif "during " in line and " phase" in line:
            phase = line
        elif test and (m := _STATS.search(line)) and "shrink" not in phase:
            counts[test] = counts.get(test, 0) + int(m.group(1)) + int(m.group(2))
    return counts


# --------------------------------------------------------------------------


def properties(examples: int) -> Row:
    run = pytest(
        [
            "tests/test_properties.py",
            "--hypothesis-profile=kg-nightly",
            "--hypothesis-show-statistics",
        ],
        env={"KG_NIGHTLY_EXAMPLES": str(examples)},
    )
    counts = hypothesis_examples(run.output)
    total = sum(counts.values())
    kept = len([t for t in run.passed + run.failed if "test_kept_examples" in t])
    return Row(
        "Property tests (Hypothesis)",
        "arbitrary Unicode documents (news fragments of our own, other scripts, controls, "
        "astral characters, 3,000-character runs, every quote and bracket, lone surrogates and "
        "raw U+2028/U+2029/U+0085 in JSON lines) through loader, pipeline, RDF, every output "
        "format and SHACL",
        f"{total:,} examples in {len(counts)} properties + {kept} kept examples",
        crashes=len(run.failed),
        partial="–",
        corrupted="–",
        notes=_failed(run) or f"{run.seconds:.0f} s",
    )


def loader(files: int) -> Row:
    run = pytest(
        ["tests/test_loader_abuse.py", "-m", "slow or not slow"],
        env={"KG_ABUSE_FILES": str(files)},
    )
    return Row(
        "Loader abuse",
        "50 MB one-line file (loader and full build, peak RSS bounded), "
        f"{files:,} small files, nested/malformed JSON lines, files vanishing/changing/growing "
        "mid-build, symlink loops, spaces and Chinese in paths, FIFO, /dev/zero, /dev/null",
        f"{len(run.passed) + len(run.failed)} cases ({len(run.skipped)} skipped)",
        crashes=len(run.failed),
        partial=0 if not run.failed else "?",
        corrupted="–",
        notes=_failed(run) or f"{run.seconds:.0f} s" + _skipped(run),
    )


def _held(t: crash_test.Tally) -> dict[str, int]:
    return {
        "crashes": t.resume_failed + t.unclear_errors,
        "partial": t.partial_outputs + t.resume_differs,
        "corrupted": t.store_unopenable + t.inconsistent_stores,
    }


def crashes(kills: int, writers: int, docs: int, seed: int) -> tuple[list[Row], str]:
    ct = crash_test
    with tempfile.TemporaryDirectory() as tmp:
        began = time.monotonic()
        setup = ct.prepare(Path(tmp), docs)
        rng = random.Random(seed)
        k, w, f = ct.Tally(), ct.Tally(), ct.Tally()
        for i in range(kills):
            ct.kill_run(setup, i, rng, k)
        for i in range(writers):
            ct.writers_run(setup, i, rng, w)
        ct.disk_full_file(setup, f, None)
        ct.disk_full_store(setup, f, None)
        with ct.tiny_filesystem("6m") as where:
            if where is not None:
                ct.disk_full_file(setup, f, where / "file")
        with ct.tiny_filesystem("160m") as where:
            if where is not None:
                ct.disk_full_store(setup, f, where / "store")
        seconds = time.monotonic() - began
    rows = [
        Row(
            "kill -9 during `kg build --store`",
            f"SIGKILL at a random moment ({docs} documents; new store or replacing an older "
            "version; per-document, batched or bulk writes), then open, check every complete "
            "graph against a clean build, resume, compare N-Quads with a clean build",
            f"{k.kill_runs} kills ({k.killed_while_writing} while writing, "
            f"{k.killed_before_writing} before, {k.killed_after_writing} while exiting, "
            f"{k.finished_before_kill} finished first); {k.resumed_identical} resumed identical",
            **_held(k),
            notes=f"{k.complete_graphs_checked:,} complete graphs checked after kills, "
            f"{k.incomplete_graphs_seen} incomplete ones seen (none listed as done), "
            f"{k.half_created_stores} stores killed while being created (refused clearly, "
            "then built)",
        ),
        Row(
            "Two builds on one store",
            "a second build while one writes (must fail at once, naming the pid); a third with "
            "--wait (must wait, then complete), the holder killed -9 in some runs",
            f"{w.writer_runs} runs ({w.second_writer_refused} refused clearly, "
            f"{w.waiting_writer_completed} waited and completed, {w.resumed_identical} "
            "identical to a clean build)",
            **_held(w),
        ),
        Row(
            "Full disk",
            "`-o out.trig` and a disk store, with RLIMIT_FSIZE (ulimit -f) and, where it can be "
            "mounted, a tiny tmpfs",
            f"{f.disk_full_runs} runs ({f.disk_full_clean_errors} one-line errors, "
            f"{f.previous_output_intact} previous outputs intact, {f.resumed_identical} stores "
            "completed once space was back)",
            **_held(f),
        ),
    ]
    details = [*k.details, *w.details, *f.details]
    return rows, f"crash runs: {seconds:.0f} s" + "".join(f"\n    {d}" for d in details)


def interruptions() -> Row:
    run = pytest(
        [
            "tests/test_crash_safety.py",
            "-k",
            "bulk_load or failed_store or cli_disk or being_created or damaged",
        ]
    )
    return Row(
        "Deterministic interruptions",
        "a writer dying between a bulk load and its hashes; a replacement failing for lack of "
        "space (old graph whole, store marked for repair); the CLI's full-store error; a "
        "store killed while being created; a store whose files were lost",
        f"{len(run.passed) + len(run.failed)} cases",
        crashes=len(run.failed),
        partial=0 if not run.failed else "?",
        corrupted=0 if not run.failed else "?",
        notes=_failed(run),
    )


def hostile() -> list[Row]:
    """The rows of tests/hostile.py (its ``report_rows()``), each from the tests that run it."""
    try:
        from tests.hostile import report_rows, row_of
    except ImportError:
        return [Row("Hostile page, SPARQL, server", "tests/hostile.py not present", "0")]
    specs = report_rows()
    tests = sorted({t for r in specs for t in r.tests})
    run = pytest([*tests, "-m", "slow or not slow"])

    def nodeid(name: str) -> str:  # "tests.test_server::test_x[p]" -> "tests/test_server.py::…"
        module, _, test = name.partition("::")
        return module.replace(".", "/") + ".py::" + test

    rows = []
    for spec in specs:
        mine = {
            kind: [n for n in names if row_of(nodeid(n)) == spec.name]
            for kind, names in (("passed", run.passed), ("failed", run.failed))
        }
        skipped = [n for n in run.skipped if row_of(nodeid(n)) == spec.name]
        rows.append(
            Row(
                spec.name,
                spec.what,
                f"{spec.cases} cases in {len(mine['passed']) + len(mine['failed'])} tests"
                + (f" ({len(skipped)} skipped)" if skipped else ""),
                crashes=len(mine["failed"]),
                partial="–",
                corrupted="–",
                notes=("FAILED: " + ", ".join(mine["failed"][:3])) if mine["failed"] else "",
            )
        )
    return rows


def _failed(run: PytestRun) -> str:
    return ("FAILED: " + ", ".join(run.failed[:5])) if run.failed else ""


def _skipped(run: PytestRun) -> str:
    return f"; skipped: {', '.join(s.split('::')[-1] for s in run.skipped)}" if run.skipped else ""


#: The table rows each step writes (for carrying rows of skipped steps over).
STEP_ROWS = {
    "properties": ("Property tests",),
    "loader": ("Loader abuse",),
    "crash": ("kill -9", "Two builds", "Full disk"),
    "interruptions": ("Deterministic interruptions",),
    "hostile": ("Hostile", "SPARQL SERVICE", "serve updates", "query timeout", "hostile page"),
}


def carried(path: Path, skipped: list[str]) -> tuple[list[Row], list[str]]:
    """The rows of skipped steps from an earlier ``docs/reliability.md``, and where they ran.

    Each carried row's notes say the run it came from (``from the run of DATE, commit
    C``); the second value lists those runs with their commands, for the header.
    """
    if not path.exists():
        return [], []
    text = path.read_text("utf-8").splitlines()

    def field(line: str, name: str) -> str:
        return line.split(f"- {name}: ", 1)[1].strip()

    date = next((field(x, "Date") for x in text if x.startswith("- Date: ")), "?")
    command = next((field(x, "Command") for x in text if x.startswith("- Command: ")), "?")
    runs = {date: command}
    nested = [x.strip() for x in text if x.startswith("  - ")]
    older = None  # the single earlier run an older report named "the earlier run"
    for line in nested:
        if line.startswith("- Date: "):
            older = field(line, "Date")
        elif line.startswith("- Command: ") and older:
            runs[older] = field(line, "Command")
        elif ": `" in line:  # "- DATE: `command`"
            when, _, cmd = line[2:].partition(": `")
            runs[when] = "`" + cmd
    rows = []
    prefixes = tuple(p for step in skipped for p in STEP_ROWS[step])
    for line in text:
        cells = line.strip().strip("|").split(" | ")
        if len(cells) != 7 or not cells[0].strip().startswith(prefixes):
            continue
        name, what, cases, crashes, partial, corrupted, notes = (c.strip() for c in cells)
        if "from the earlier run" in notes and older:
            notes = notes.replace("from the earlier run", f"from the run of {older}")
        elif "from the run of " not in notes:
            notes = (notes + "; " if notes else "") + f"from the run of {date}"
        rows.append(
            Row(
                name,
                what,
                cases,
                int(crashes),
                int(partial) if partial.isdigit() else partial,
                int(corrupted) if corrupted.isdigit() else corrupted,
                notes,
            )
        )
    used = {when: cmd for when, cmd in runs.items() if any(when in r.notes for r in rows)}
    return rows, [f"{when}: {cmd}" for when, cmd in used.items()]


def earlier_notes(path: Path) -> list[str]:
    """The run notes of an earlier ``docs/reliability.md`` (for ``--keep``)."""
    if not path.exists():
        return []
    text = path.read_text("utf-8")
    if "## Run notes" not in text:
        return []
    block = text.split("## Run notes", 1)[1].split("```")
    return [line for line in block[1].splitlines() if line.strip()] if len(block) > 1 else []


# --------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with_cpu = Path("/proc/cpuinfo")
    if with_cpu.exists():
        names = [
            x.split(":", 1)[1].strip()
            for x in with_cpu.read_text().splitlines()
            if x.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    mem = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB memory"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {cores} cores{mem}, "
        f"Python {platform.python_version()}"
    )


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return "unknown"


def uncommitted() -> list[str]:
    """Files of kg/, tests/ and scripts/ that differ from the commit (the run used them)."""
    try:
        out = subprocess.run(
            ["git", "status", "--porcelain", "--", "kg", "tests", "scripts"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
    except OSError:
        return []
    return [line[3:] for line in out.splitlines() if line[3:]]


def markdown(
    rows: list[Row],
    args: argparse.Namespace,
    notes: list[str],
    seconds: float,
    earlier: list[str] | None = None,
    head: str | None = None,
    dirty: list[str] | None = None,
) -> str:
    held = all(r.held for r in rows)
    lines = [
        "# Reliability",
        "",
        "What `kg` was put through, and what held. Regenerated by `scripts/reliability.py`",
        "(the default pytest run keeps a fast profile of every class; see the end).",
        "",
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, commit {head or commit()}"
        + (f" (with uncommitted changes to {', '.join(dirty)})" if dirty else ""),
        f"- Machine: {machine()}",
        f"- Command: `python scripts/reliability.py --examples {args.examples} "
        f"--kills {args.kills} --writers {args.writers} --docs {args.docs} "
        f"--files {args.files} --seed {args.seed}`"
        f" ({seconds / 60:.0f} min)" + (f", skipping {', '.join(args.skip)}" if args.skip else ""),
        *(
            ["- Rows carried over from earlier runs (their notes say which):"]
            + [f"  - {line}" for line in earlier]
            if earlier
            else []
        ),
        "",
        "| class | what was tried | cases | crashes | partial outputs | corrupted stores | notes |",
        "| --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {r.what} | {r.cases} | {r.crashes} | {r.partial} | {r.corrupted} "
            f"| {r.notes} |"
        )
    lines += [
        "",
        (
            "All classes held: no crash, no partial output, no corrupted store."
            if held
            else "**Not everything held**: see the rows with non-zero counts."
        ),
        "",
        "A *crash* is an exception or a failed check (for the property tests: a failing "
        "example; for kill runs: a resumed build that failed; for full disks: anything but a "
        "one-line `Error:`). A *partial output* is an output file or store left half written "
        "or changed by a failed build, or a resumed store that differs from a clean build. A "
        "*corrupted store* is one that does not open, lists a graph as complete that differs "
        "from a clean build of the same text, or whose default graph lacks a triple of a "
        "complete document or holds one of no document. – means the class writes no such "
        "output.",
        "",
        "## Fast profile (default `pytest`, run by `.ci/run`)",
        "",
        "- `tests/test_properties.py`: the `kg-fast` Hypothesis profile (10 examples per unit of "
        "weight, about 400 in all) and the kept examples.",
        "- `tests/test_loader_abuse.py`: the loader over a 50 MB one-line file, a full build of a "
        "320 KB one-line file, 3,000 files discovered and 100 built, every other case at full "
        "size; the 50 MB full build and 100,000 files carry `@pytest.mark.slow`.",
        "- `tests/test_crash_safety.py`: two kill -9 runs, one two-writer run, full disk by "
        "RLIMIT_FSIZE for a file and a store, and deterministic interruptions; 20 kills and the "
        "tmpfs runs carry `@pytest.mark.slow`.",
        "- The other classes: `tests/test_sparql_safety.py`, `tests/test_server.py`, "
        "`tests/test_hostile_page.py`.",
        "",
        "Slow tests run with `pytest -m slow`; the nightly run is this script with its defaults.",
    ]
    if notes:
        lines += ["", "## Run notes", "", "```", *notes, "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--examples",
        type=int,
        default=2600,
        help="Hypothesis examples per unit of weight (2600: over 10^5 in all)",
    )
    parser.add_argument("--kills", type=int, default=20, help="kill -9 runs")
    parser.add_argument("--writers", type=int, default=3, help="two-writer runs")
    parser.add_argument("--docs", type=int, default=300, help="documents in the crash corpus")
    parser.add_argument("--files", type=int, default=100_000, help="files in the many-files case")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("properties", "loader", "crash", "interruptions", "hostile"),
    )
    parser.add_argument("--output", default=str(ROOT / "docs" / "reliability.md"))
    parser.add_argument("--log", default=str(LOG), help="full pytest output goes here")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="carry the rows of --skip'ped classes over from the existing --output",
    )
    args = parser.parse_args(argv)
    globals()["LOG"] = Path(args.log)
    began = time.monotonic()
    head, dirty = commit(), uncommitted()  # the code the run starts with
    load_at_start = os.getloadavg()
    rows: list[Row] = []
    notes: list[str] = []
    steps = [
        ("properties", lambda: [properties(args.examples)]),
        ("loader", lambda: [loader(args.files)]),
        ("crash", None),
        ("interruptions", lambda: [interruptions()]),
        ("hostile", hostile),
    ]
    for name, step in steps:
        if name in args.skip:
            continue
        t = time.monotonic()
        print(f"[reliability] {name} …", flush=True)
        if name == "crash":
            got, note = crashes(args.kills, args.writers, args.docs, args.seed)
            notes.append(note)
        else:
            assert step is not None
            got = step()
        rows.extend(got)
        for r in got:
            print(
                f"[reliability]   {r.name}: {r.cases}; crashes {r.crashes}, partial {r.partial}, "
                f"corrupted {r.corrupted} {r.notes}",
                flush=True,
            )
        notes.append(f"{name}: {time.monotonic() - t:.0f} s")
    earlier: list[str] = []
    if args.keep:
        kept, earlier = carried(Path(args.output), args.skip)
        notes += [
            f"(carried over) {line.removeprefix('(carried over) ')}"
            for line in earlier_notes(Path(args.output))
        ]
        order = [p for step in STEP_ROWS for p in STEP_ROWS[step]]
        rows = sorted(
            [*rows, *kept],
            key=lambda r: next(i for i, p in enumerate(order) if r.name.startswith(p)),
        )
    loads = ", ".join(f"{x:.1f}" for x in (*load_at_start, *os.getloadavg()))
    notes.append(f"load average (1, 5, 15 min) at start and at end: {loads}")
    text = markdown(rows, args, notes, time.monotonic() - began, earlier, head, dirty)
    Path(args.output).write_text(text, "utf-8")
    print(f"wrote {args.output}")
    return 0 if all(r.held for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
