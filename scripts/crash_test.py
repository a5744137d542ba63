"""Crash safety of ``kg build --store DIR.oxi``: kill -9 at random points, two writers, full disk.

Each *kill run* starts a real ``kg build`` into a store (a new one, or one
holding an older version of the corpus so documents are replaced), kills it
with SIGKILL at a random moment (mostly while it writes), and then checks:

* the store opens (``kg.store.open_graph``, read-only) and answers a query;
* every document graph the store lists as complete (it carries its
  ``kg:contentHash``) is exactly the graph a clean build writes for that
  text: no half-written graph is listed as done;
* the default graph is the set union of the document graphs;
* the next build completes and the store is then identical, quad for quad
  (sorted N-Quads), to a clean build of the same corpus.

A *writers run* starts a second build while one holds the store (it must
fail at once with a clear message), a third with ``--wait`` (it must wait and
then complete), and kills the first while the third waits. *Disk-full runs*
limit the file size (RLIMIT_FSIZE, like ``ulimit -f``) and, where this
process may mount one, use a tiny tmpfs: the build must end with one
``Error:`` line, leave the previous output file or store whole, and complete
once space is back.

    python scripts/crash_test.py --runs 20 --json crash.json

Used by tests/test_crash_safety.py (a few runs) and scripts/reliability.py.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.builder import build, documents, update  # noqa: E402
from kg.errors import InputError  # noqa: E402
from kg.store import DiskStore, StoreLock, open_graph  # noqa: E402

HASH = "https://w3id.org/kgzh/ontology#contentHash"

#: Runs ``kg`` with the builder's batch sizes set from the command line, so a
#: run can write one document per transaction, in batches, or through the bulk loader.
RUNNER = """
import sys
import kg.builder, kg.store
kg.builder.BATCH_BYTES = int(sys.argv[1])
kg.store.BULK_BYTES = int(sys.argv[2])
from kg.cli import main
raise SystemExit(main(sys.argv[3:]))
"""
#: Write paths: (name, BATCH_BYTES, BULK_BYTES).
MODES = (
    ("per-document", 1, 1 << 40),
    ("batched", 64 << 10, 1 << 40),
    ("bulk", 256 << 10, 1),
)

PLACES = ("焦作市", "温县", "武陟县", "孟州市", "沁阳市", "博爱县", "修武县", "郑州市")
PEOPLE = ("王建国", "李红梅", "赵志强", "孙丽", "陈晓光", "周明远", "吴海燕", "郑文博")
POSTS = ("市委书记", "县长", "县委副书记", "市长", "副市长", "县人大常委会主任")
THEMES = ("安全生产", "防汛备汛", "秋粮收购", "招商引资", "乡村振兴", "营商环境", "生态保护")


def news(i: int, version: int = 1) -> str:
    """A short news item of our own, different for each ``i`` (and each version)."""
    place, person = PLACES[i % len(PLACES)], PEOPLE[(i * 3 + version) % len(PEOPLE)]
    post, theme = POSTS[(i + version) % len(POSTS)], THEMES[(i * 5 + version) % len(THEMES)]
    return (
        f"{i % 12 + 1}月{i % 28 + 1}日，{place}召开{theme}工作会议。"
        f"{place}{post}{person}出席会议并讲话。"
        f"{person}强调，要把{theme}工作抓实抓细，确保第{i}批{version}号项目按期推进。"
        f"会议对{PLACES[(i + 1) % len(PLACES)]}等先进单位进行了表彰。\n"
        f"{place}发展和改革委员会、{place}交通运输局负责同志参加会议。"
    )


def write_corpus(folder: Path, n: int, version: int) -> Path:
    """``n`` documents; version 2 changes every other one of version 1 and adds ``n // 5``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    total = n if version == 1 else n + n // 5
    for i in range(total):
        v = 2 if version == 2 and i % 2 == 0 else 1
        (folder / f"{i:04d}.txt").write_text(news(i, v), "utf-8")
    return folder


# --------------------------------------------------------------------------
# Reading a store back, independently of kg's own reader


@dataclass(frozen=True)
class Snapshot:
    """What a store holds: each named graph's triples, the hashes, the default graph's triples."""

    graphs: dict[str, frozenset[str]]
    hashes: dict[str, str]
    union: frozenset[str]

    def nquads(self) -> str:
        """Every quad of the named graphs and the default graph, sorted: for comparing stores."""
        lines = [f"{t} <{g}> ." for g, triples in self.graphs.items() for t in triples]
        return "\n".join(sorted(lines) + sorted(f"{t} ." for t in self.union))


def snapshot(path: Path) -> Snapshot:
    store = ox.Store.read_only(str(path))
    graphs: dict[str, set[str]] = {}
    union: set[str] = set()
    hashes: dict[str, str] = {}
    for q in store:
        triple = str(q.triple)
        if isinstance(q.graph_name, ox.DefaultGraph):
            union.add(triple)
            continue
        graphs.setdefault(q.graph_name.value, set()).add(triple)
        if q.predicate.value == HASH and q.subject == q.graph_name:
            hashes[q.graph_name.value] = q.object.value
    del store
    return Snapshot({g: frozenset(ts) for g, ts in graphs.items()}, hashes, frozenset(union))


def problems(snap: Snapshot, reference: dict[tuple[str, str], frozenset[str]]) -> list[str]:
    """How ``snap`` breaks the store's promises (``reference``: (graph, hash) → clean triples)."""
    found = []
    for graph, digest in snap.hashes.items():
        clean = reference.get((graph, digest))
        have = snap.graphs[graph]
        if clean is None:
            found.append(f"{graph}: hash {digest[:12]} belongs to no version of the document")
        elif have != clean:
            found.append(
                f"{graph}: listed as complete but differs from a clean build "
                f"({len(have - clean)} extra, {len(clean - have)} missing)"
            )
    # The default graph holds every triple of the complete documents and nothing that no
    # document holds; triples of an interrupted (hash-less) bulk load may or may not be in
    # it yet: the next writer removes those graphs and recomputes it (DiskStore.repair).
    complete = frozenset().union(*(snap.graphs[g] for g in snap.hashes))
    written = frozenset().union(*snap.graphs.values())
    missing, extra = complete - snap.union, snap.union - written
    if missing or extra:
        found.append(
            "default graph is not the union of the document graphs "
            f"({len(extra)} triples of no document, {len(missing)} of complete ones missing)"
        )
    return found


# --------------------------------------------------------------------------
# Running builds


def kg_command(inputs: Path, store: Path, mode: str, *extra: str) -> list[str]:
    _, batch, bulk = next(m for m in MODES if m[0] == mode)
    return [
        sys.executable,
        "-c",
        RUNNER,
        str(batch),
        str(bulk),
        "build",
        str(inputs),
        "--store",
        str(store),
        "--no-progress",
        *extra,
    ]


def start(cmd: list[str], **kw: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,  # type: ignore[call-overload]
    )


def finish(proc: subprocess.Popen[str], timeout: float = 600) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def wait_for_lock(store: Path, proc: subprocess.Popen[str], timeout: float = 120) -> float:
    """Seconds until ``proc`` holds ``store``'s lock (it then starts writing)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if StoreLock.held(store) == str(proc.pid):
            return time.monotonic() - started
        if proc.poll() is not None:
            break
        time.sleep(0.01)
    return time.monotonic() - started


def build_reference(work: Path, corpus: Path, name: str) -> tuple[Snapshot, float, float]:
    """A clean build: its snapshot, seconds to take the lock, seconds in all."""
    store = work / name
    if store.exists():
        shutil.rmtree(store)
    began = time.monotonic()
    proc = start(kg_command(corpus, store, "batched"))
    locked = wait_for_lock(store, proc)
    code, _, err = finish(proc)
    if code != 0:
        raise SystemExit(f"reference build failed:\n{err}")
    return snapshot(store), locked, time.monotonic() - began


# --------------------------------------------------------------------------
# The runs


@dataclass
class Tally:
    """What the runs found; every count of something broken must stay zero."""

    kill_runs: int = 0
    killed_while_writing: int = 0
    killed_before_writing: int = 0
    killed_after_writing: int = 0
    finished_before_kill: int = 0
    stores_opened: int = 0
    complete_graphs_checked: int = 0
    incomplete_graphs_seen: int = 0
    half_created_stores: int = 0
    resumed_identical: int = 0
    writer_runs: int = 0
    second_writer_refused: int = 0
    waiting_writer_completed: int = 0
    disk_full_runs: int = 0
    disk_full_clean_errors: int = 0
    previous_output_intact: int = 0
    # failures: all must be zero
    store_unopenable: int = 0
    inconsistent_stores: int = 0
    resume_failed: int = 0
    resume_differs: int = 0
    unclear_errors: int = 0
    partial_outputs: int = 0
    details: list[str] = field(default_factory=list)

    FAILURES = (
        "store_unopenable",
        "inconsistent_stores",
        "resume_failed",
        "resume_differs",
        "unclear_errors",
        "partial_outputs",
    )

    @property
    def failures(self) -> int:
        return sum(getattr(self, name) for name in self.FAILURES)

    def fail(self, kind: str, message: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.details.append(f"{kind}: {message}")


@dataclass
class Setup:
    work: Path
    corpus: Path  # holds version 2 after prepare(); ref-v1.oxi holds version 1 of it
    ref1: Snapshot
    ref2: Snapshot
    reference: dict[tuple[str, str], frozenset[str]]
    lock_s: float
    build_s: float


def prepare(work: Path, docs: int) -> Setup:
    """Clean builds of version 1 and 2 of one corpus folder (document ids are paths)."""
    corpus = write_corpus(work / "corpus", docs, 1)
    with DiskStore(work / "ref-v1.oxi") as store:  # in this process: no timing needed
        update(store, documents([corpus]))
    ref1 = snapshot(work / "ref-v1.oxi")
    write_corpus(corpus, docs, 2)
    ref2, lock_s, build_s = build_reference(work, corpus, "ref-v2.oxi")
    reference = {}
    for snap in (ref1, ref2):
        for graph, digest in snap.hashes.items():
            reference[(graph, digest)] = snap.graphs[graph]
    return Setup(work, corpus, ref1, ref2, reference, lock_s, build_s)


def copy_store(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


def check_store(setup: Setup, store: Path, tally: Tally, label: str) -> Snapshot | None:
    try:
        ds = open_graph(store)
        list(ds.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        ds.store.close()
        snap = snapshot(store)
    except Exception as err:  # the point: nothing may stop the store from opening
        tally.fail("store_unopenable", f"{label}: {type(err).__name__}: {err}")
        return None
    tally.stores_opened += 1
    tally.complete_graphs_checked += len(snap.hashes)
    tally.incomplete_graphs_seen += len(set(snap.graphs) - set(snap.hashes))
    found = problems(snap, setup.reference)
    if found:
        tally.fail("inconsistent_stores", f"{label}: " + "; ".join(found[:3]))
    return snap


def resume(setup: Setup, store: Path, tally: Tally, label: str) -> None:
    code, _, err = finish(start(kg_command(setup.corpus, store, "batched")))
    if code != 0:
        tally.fail("resume_failed", f"{label}: exit {code}: {err.strip()[-300:]}")
        return
    if snapshot(store).nquads() != setup.ref2.nquads():
        tally.fail("resume_differs", f"{label}: store differs from a clean build")
    else:
        tally.resumed_identical += 1


def kill_run(setup: Setup, i: int, rng: random.Random, tally: Tally) -> None:
    """One build killed with SIGKILL at a random point, then checked and resumed."""
    mode = rng.choice([m[0] for m in MODES])
    update = rng.random() < 0.5
    store = setup.work / f"kill-{i:03d}.oxi"
    if store.exists():
        shutil.rmtree(store)
    if update:  # a store holding version 1: the killed build replaces documents
        copy_store(setup.work / "ref-v1.oxi", store)
    label = f"kill run {i} ({mode}, {'update' if update else 'new store'})"
    proc = start(kg_command(setup.corpus, store, mode))
    write_s = max(setup.build_s - setup.lock_s, 0.2)
    if rng.random() < 0.8:  # mostly while it writes
        wait_for_lock(store, proc)
        delay = rng.uniform(0, write_s * 1.1)
    else:
        delay = rng.uniform(0, setup.lock_s)
    time.sleep(delay)
    holder = StoreLock.held(store) if store.exists() else None
    proc.send_signal(signal.SIGKILL)
    code, _, _ = finish(proc)
    tally.kill_runs += 1
    snap = None
    if store.exists() and any(store.iterdir()) and not (store / "CURRENT").exists():
        # killed while Oxigraph created the store: nothing written, and readers must say so
        try:
            open_graph(store)
        except InputError as err:
            if "interrupted before it wrote anything" in str(err):
                tally.half_created_stores += 1
            else:
                tally.fail("unclear_errors", f"{label}: {err}")
        else:
            tally.fail("store_unopenable", f"{label}: a store without CURRENT opened")
    elif store.exists() and any(store.iterdir()):
        snap = check_store(setup, store, tally, label)
    if code != -signal.SIGKILL:
        tally.finished_before_kill += 1
    elif holder == str(proc.pid):
        tally.killed_while_writing += 1
    elif snap is not None and snap.hashes == setup.ref2.hashes:
        tally.killed_after_writing += 1  # done and the lock released: it was exiting
    else:
        tally.killed_before_writing += 1
    resume(setup, store, tally, label)
    shutil.rmtree(store, ignore_errors=True)


def writers_run(setup: Setup, i: int, rng: random.Random, tally: Tally) -> None:
    """Three builds on one store: one refused at once, one waiting; the holder killed."""
    store = setup.work / f"writers-{i:03d}.oxi"
    if store.exists():
        shutil.rmtree(store)
    label = f"writers run {i}"
    tally.writer_runs += 1
    first = start(kg_command(setup.corpus, store, "per-document"))
    wait_for_lock(store, first)
    code, _, err = finish(start(kg_command(setup.corpus, store, "batched")))
    message = f"being written by another build (pid {first.pid})"
    if first.poll() is None:
        if code == 1 and err.strip().splitlines()[-1].startswith("Error: ") and message in err:
            tally.second_writer_refused += 1
        else:
            tally.fail("unclear_errors", f"{label}: second writer exit {code}: {err[-300:]}")
    waiting = start(kg_command(setup.corpus, store, "batched", "--wait"))
    time.sleep(rng.uniform(0.5, 1.5))
    kill_holder = rng.random() < 0.5
    if kill_holder:
        first.send_signal(signal.SIGKILL)
    finish(first)
    code, _, err = finish(waiting)
    if code != 0:
        tally.fail("resume_failed", f"{label}: waiting writer exit {code}: {err[-300:]}")
    else:
        tally.waiting_writer_completed += 1
        if check_store(setup, store, tally, label) is not None:
            if snapshot(store).nquads() == setup.ref2.nquads():
                tally.resumed_identical += 1
            else:
                tally.fail("resume_differs", f"{label}: store differs from a clean build")
    shutil.rmtree(store, ignore_errors=True)


# --------------------------------------------------------------------------
# A full disk


def _limit_file_size(limit: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@contextlib.contextmanager
def tiny_filesystem(size: str) -> Iterator[Path | None]:
    """A tmpfs of ``size`` mounted on a temporary folder, or None where we may not mount."""
    folder = Path(tempfile.mkdtemp(prefix="kg-full-"))
    mounted = False
    try:
        if os.geteuid() == 0 and shutil.which("mount"):
            mounted = (
                subprocess.run(
                    ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                    capture_output=True,
                ).returncode
                == 0
            )
        yield folder if mounted else None
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def _one_line_error(code: int, err: str, expect: str) -> bool:
    lines = [line for line in err.strip().splitlines() if not line.startswith("WARNING")]
    return code == 1 and len(lines) == 1 and lines[0].startswith("Error: ") and expect in lines[0]


def disk_full_file(setup: Setup, tally: Tally, where: Path | None) -> None:
    """``-o out.trig`` on a full disk: one error line, the previous file whole, no temp file."""
    folder = where or setup.work / "fsize-file"
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "out.trig"
    small = setup.work / "one-doc"
    small.mkdir(exist_ok=True)
    (small / "0000.txt").write_text(news(0), "utf-8")
    build([small], output=out)  # the previous output, written in this process
    before = out.read_bytes()
    label = f"disk full, -o file ({'tmpfs' if where else 'RLIMIT_FSIZE'})"
    tally.disk_full_runs += 1
    if where is not None:  # fill the file system but for a little
        filler = folder / "filler"
        with open(filler, "wb") as f, contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 65536)
        filler.write_bytes(b"\0" * max(filler.stat().st_size - 2 * len(before), 0))
        limit = {}
    else:
        limit = {"preexec_fn": _limit_file_size(len(before) + 4096)}
    cmd = [
        sys.executable,
        "-m",
        "kg.cli",
        "build",
        str(setup.corpus),
        "-o",
        str(out),
        "--no-progress",
    ]
    code, _, err = finish(start(cmd, **limit))
    expect = "No space left on device" if where else "File too large"
    if _one_line_error(code, err, f"{out}: cannot write ({expect}"):
        tally.disk_full_clean_errors += 1
    else:
        tally.fail("unclear_errors", f"{label}: exit {code}: {err.strip()[-400:]}")
    leftovers = [p.name for p in folder.iterdir() if p.name not in ("out.trig", "filler")]
    if out.read_bytes() != before or leftovers:
        tally.fail("partial_outputs", f"{label}: output changed or left {leftovers}")
    else:
        tally.previous_output_intact += 1


def disk_full_store(setup: Setup, tally: Tally, where: Path | None) -> None:
    """A disk store on a full disk: one error line, complete documents kept, resumable."""
    folder = where or setup.work / "fsize-store"
    folder.mkdir(parents=True, exist_ok=True)
    store = folder / "g.oxi"
    copy_store(setup.work / "ref-v1.oxi", store)
    label = f"disk full, store ({'tmpfs' if where else 'RLIMIT_FSIZE'})"
    tally.disk_full_runs += 1
    kw: dict[str, object] = {}
    filler = folder / "filler"
    if where is not None:
        with open(filler, "wb") as f, contextlib.suppress(OSError):
            while True:
                f.write(b"\0" * 65536)
        filler.write_bytes(b"\0" * max(filler.stat().st_size - (256 << 10), 0))
    else:
        kw["preexec_fn"] = _limit_file_size(2 << 20)  # RocksDB's new log outgrows it
    # version 2 replaces half the documents and adds more: more than there is room for
    code, _, err = finish(start(kg_command(setup.corpus, store, "per-document"), **kw))
    if code == 0:
        tally.details.append(f"{label}: the build fitted; no full disk reached")
    elif _one_line_error(code, err, "cannot write the store (") or _one_line_error(
        code, err, "cannot open the Oxigraph store ("
    ):
        tally.disk_full_clean_errors += 1
    else:
        tally.fail("unclear_errors", f"{label}: exit {code}: {err.strip()[-400:]}")
    if filler.exists():
        filler.unlink()
    snap = check_store(setup, store, tally, label)
    if snap is not None and all(g in snap.hashes for g in setup.ref1.hashes):
        tally.previous_output_intact += 1
    elif snap is not None:
        tally.fail("partial_outputs", f"{label}: a document of the previous build lost its graph")
    resume(setup, store, tally, label)


# --------------------------------------------------------------------------


def run(work: Path, runs: int, writers: int, docs: int, seed: int, disk_full: bool = True) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    setup = prepare(work, docs)
    for i in range(runs):
        kill_run(setup, i, rng, tally)
    for i in range(writers):
        writers_run(setup, i, rng, tally)
    if disk_full:
        disk_full_file(setup, tally, None)
        disk_full_store(setup, tally, None)
        with tiny_filesystem("6m") as where:
            if where is not None:
                disk_full_file(setup, tally, where / "file")
        with tiny_filesystem("160m") as where:
            if where is not None:
                disk_full_store(setup, tally, where / "store")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="kill -9 runs (default 20)")
    parser.add_argument("--writers", type=int, default=3, help="concurrent-writer runs")
    parser.add_argument("--docs", type=int, default=300, help="documents in the corpus")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-disk-full", action="store_true", help="skip the full-disk runs")
    parser.add_argument("--workdir", help="keep the stores here (default: a temporary folder)")
    parser.add_argument("--json", help="write the tally here as JSON")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        work = Path(args.workdir or stack.enter_context(tempfile.TemporaryDirectory()))
        work.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        tally = run(work, args.runs, args.writers, args.docs, args.seed, not args.no_disk_full)
        elapsed = time.monotonic() - started
    result = asdict(tally) | {"failures": tally.failures, "seconds": round(elapsed, 1)}
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    for key, value in result.items():
        if key != "details":
            print(f"{key:<28} {value}")
    for line in tally.details:
        print("  " + line)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
