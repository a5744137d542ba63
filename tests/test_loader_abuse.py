"""Loader abuse: what users' archives hold on their worst day.

A 50 MB file on one line, folders of very many small files, deeply nested or
malformed JSON lines, files that vanish or change while a build runs,
symbolic-link loops, paths with spaces and Chinese characters, FIFOs and
device files. Each must give bounded memory, a clear error or warning, and
(where the input is only partly bad) a build of the rest.

The full-size cases (the whole pipeline over 50 MB, 100,000 files) carry the
``slow`` marker; the default run checks the loader on the 50 MB file and
smaller counts for the rest. ``KG_ABUSE_FILES`` sets the file count of the
slow case (scripts/reliability.py uses it).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from kg.builder import PART_CHARS, build, check_inputs, documents, update
from kg.cli import main
from kg.documents import find_files, iter_files, load, read_file
from kg.errors import InputError
from kg.store import DiskStore, open_graph
from kg.vocab import DCTERMS, NIF

NEWS = "3月12日，焦作市市委书记王建国主持召开全市安全生产工作会议。"
FILLER = "要进一步加强工作落实" * 500
MB = 1 << 20


def one_line(path: Path, size: int) -> Path:
    """A file of ``size`` bytes of UTF-8 on a single line: filler with news every 5,000 chars."""
    unit = (FILLER + NEWS).encode("utf-8")
    with open(path, "wb") as f:
        for _ in range(size // len(unit)):
            f.write(unit)
    return path


def news_text(i: int) -> str:
    return f"{i % 28 + 1}日，温县县长李红梅到{i}号项目调研。"


def run_python(code: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter; it prints ``PEAK_KB n`` (its peak RSS) last."""
    wrapped = code + textwrap.dedent(
        """
        import resource as _r
        print("PEAK_KB", _r.getrusage(_r.RUSAGE_SELF).ru_maxrss, flush=True)
        """
    )
    return subprocess.run(
        [sys.executable, "-c", wrapped, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def peak_kb(proc: subprocess.CompletedProcess[str]) -> int:
    lines = [line for line in proc.stdout.splitlines() if line.startswith("PEAK_KB ")]
    assert lines, proc.stdout + proc.stderr
    return int(lines[-1].split()[1])


KG = """
import sys
from kg.cli import main
code = main(sys.argv[1:])
"""


def kg_cli(*args: str, timeout: float = 600) -> tuple[int, str, str, int]:
    """``kg ARGS`` in a subprocess: (exit status, stdout, stderr, peak RSS in KB)."""
    proc = run_python(KG + "\nprint('EXIT', code, flush=True)\n", *args, timeout=timeout)
    exits = [line for line in proc.stdout.splitlines() if line.startswith("EXIT ")]
    assert exits, proc.stdout + proc.stderr
    return int(exits[-1].split()[1]), proc.stdout, proc.stderr, peak_kb(proc)


# --------------------------------------------------------------------------
# One huge line


LOADER = """
import sys
from pathlib import Path
import resource
from kg.builder import check_inputs, documents, PART_CHARS
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n, chars = check_inputs(sys.argv[1:])
parts = total = 0
for doc in documents(sys.argv[1:], checked=True):
    assert len(doc.text) <= PART_CHARS
    parts += 1
    total += len(doc.text)
print("BASE_KB", base)
print("RESULT", n, chars, parts, total)
"""


def test_50mb_single_line_loads_in_bounded_memory(tmp_path: Path) -> None:
    path = one_line(tmp_path / "one line.txt", 50 * MB)
    proc = run_python(LOADER, str(path), timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = next(line for line in proc.stdout.splitlines() if line.startswith("RESULT"))
    n, chars, parts, total = map(int, result.split()[1:])
    assert n == 1 and total == chars and parts >= chars // PART_CHARS
    base = int(next(x for x in proc.stdout.splitlines() if x.startswith("BASE_KB")).split()[1])
    grown = (peak_kb(proc) - base) * 1024
    # the file's bytes and its decoded text, never a copy per part or per pass
    assert grown < 3 * path.stat().st_size, f"grew {grown / MB:.0f} MB for a 50 MB file"


BUILDS = """
import resource, sys
from kg.cli import main
small, big = sys.argv[1:3]
assert main(["build", small, "--store", big + ".small", "--no-progress"]) == 0
print("BASE_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, flush=True)
assert main(["build", big, "--store", big + ".oxi", "--no-progress"]) == 0
"""


def _single_line_build(tmp_path: Path, size: int) -> None:
    """Build a one-line file of ``size`` bytes; memory beyond a small build's stays ~ the file."""
    path = one_line(tmp_path / "长 行.txt", size)
    small = tmp_path / "small.txt"
    small.write_text(NEWS, "utf-8")
    proc = run_python(BUILDS, str(small), str(path))
    assert proc.returncode == 0, proc.stderr
    base = int(next(x for x in proc.stdout.splitlines() if x.startswith("BASE_KB")).split()[1])
    grown = (peak_kb(proc) - base) * 1024
    assert grown < 3 * size + 200 * MB, f"grew {grown // MB} MB over a one-sentence build"
    parts = -(-len(path.read_text("utf-8")) // PART_CHARS)
    with DiskStore(f"{path}.oxi") as store:
        assert len(store.document_hashes()) >= parts


def test_long_single_line_builds_in_bounded_memory(tmp_path: Path) -> None:
    _single_line_build(tmp_path, 320 * 1024)  # two parts


@pytest.mark.slow
def test_50mb_single_line_builds_in_bounded_memory(tmp_path: Path) -> None:
    _single_line_build(tmp_path, 50 * MB)


# --------------------------------------------------------------------------
# Very many files


def many_files(folder: Path, n: int, per_folder: int = 10_000) -> Path:
    for i in range(n):
        sub = folder / f"批次 {i // per_folder:03d}"
        if i % per_folder == 0:
            sub.mkdir(parents=True)
        (sub / f"{i:06d}.txt").write_text(news_text(i), "utf-8")
    return folder


def test_discovery_streams_and_stats_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = many_files(tmp_path / "many", 3_000, per_folder=1_000)
    (folder / "批次 000" / "notes.pdf").write_bytes(b"%PDF")
    real = os.stat
    calls: list[object] = []

    def counting_stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        calls.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", counting_stat)
    stream = iter_files([folder])
    first = next(stream)
    assert first[1].name == "000000.txt"
    rest = list(stream)
    assert len(rest) == 2_999
    assert len(calls) <= 5, "a stat per file"  # the input and each folder, not each file
    names = [p for _, p in [first, *rest]]
    assert names == sorted(names)


def _many_files_build(tmp_path: Path, n: int) -> None:
    folder = many_files(tmp_path / "many", n, per_folder=max(n // 4, 1))
    store = tmp_path / "many.oxi"
    # a guard against a hang, not a speed test: 10,000 files took 47 s on 2 cores at load 2
    timeout = max(600, n * 0.03)
    code, out, err, peak = kg_cli(
        "build", str(folder), "--store", str(store), "--no-progress", timeout=timeout
    )
    assert code == 0, err
    assert f": {n} documents ({n} extracted" in out
    assert peak < 1536 * 1024, f"peak RSS {peak // 1024} MB"
    with DiskStore(store) as s:
        assert len(s.document_hashes()) == n


def test_many_small_files_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    n = 100
    folder = many_files(tmp_path / "many", n, per_folder=25)
    assert main(["build", str(folder), "--store", str(tmp_path / "m.oxi"), "--no-progress"]) == 0
    assert f": {n} documents ({n} extracted" in capsys.readouterr().out


@pytest.mark.slow
def test_100000_small_files_build(tmp_path: Path) -> None:
    _many_files_build(tmp_path, int(os.environ.get("KG_ABUSE_FILES", "100000")))


# --------------------------------------------------------------------------
# JSON lines


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 200_000 + "]" * 200_000, "nested too deeply"),
        ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"text": "温县召开会议。", "id": {"a": {"b": [1, 2]}}}', "'id' must be a string"),
        ('{"text": "温县召开会议。", "title": ["会议"]}', "'title' must be a string"),
        ('{"text": "温县召开会议。"', "not a JSON object"),
        ('{"text": "温县\\x召开会议。"}', "not a JSON object"),
        ('{"text": 42}', "no string field 'text'"),
        ('"温县召开会议。"', "no string field 'text'"),
        ("null", "no string field 'text'"),
        ('{"text": "a"}{"text": "b"}', "not a JSON object"),
    ],
    ids=[
        "deep-array",
        "deep-text",
        "nested-id",
        "array-title",
        "truncated",
        "bad-escape",
        "number-text",
        "bare-string",
        "null",
        "two-objects",
    ],
)
def test_malformed_json_lines_named_by_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "ok", "text": NEWS}, ensure_ascii=False)
    path.write_text(f"{good}\n\n{line}\n{good.replace('ok', 'ok2')}\n", "utf-8")
    with pytest.raises(InputError, match=message) as err:
        list(load([path]))
    assert "news.jsonl:3: " in str(err.value)
    assert "\n" not in str(err.value) and len(str(err.value)) < 300


def test_malformed_json_line_fails_the_cli_before_any_output(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"text": NEWS}) + "\n" + "[" * 50_000 + "\n", "utf-8")
    out = tmp_path / "out.trig"
    code, _, err, _ = kg_cli("build", str(path), "-o", str(out), "--no-progress")
    assert code == 1
    assert err.strip().splitlines()[-1] == f"Error: {path}:2: not a JSON object (nested too deeply)"
    assert not out.exists() and list(tmp_path.iterdir()) == [path]


def test_json_record_with_huge_text_and_unicode_ids(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "甲 1", "text": FILLER * 4 + NEWS, "date": 20240312},
        {"id": "\u202e乙", "text": NEWS, "source": "https://example.org/新闻?id=1 2"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    docs = list(documents([path], max_chars=10_000))
    assert [d.id for d in docs] == ["甲 1#part1", "甲 1#part2", "甲 1#part3", "\u202e乙"]
    assert docs[0].date == "20240312"
    ds = build([path])
    assert {str(o) for o in ds.objects(None, DCTERMS.source)} == {"甲 1", rows[1]["source"]}


# --------------------------------------------------------------------------
# Files that vanish or change while the build runs


def corpus(folder: Path, n: int = 6) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"{i:02d}.txt"
        path.write_text(news_text(i), "utf-8")
        paths.append(path)
    return paths


def test_file_removed_during_build_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths = corpus(tmp_path / "c")
    seen: list[str] = []

    def progress(doc: object) -> None:
        seen.append(doc.id)  # type: ignore[attr-defined]
        if len(seen) == 1:
            paths[3].unlink()  # after the check, before it is read

    with caplog.at_level(logging.WARNING):
        ds = build([tmp_path / "c"], progress=progress)
    assert len(seen) == 5 and str(paths[3]) not in seen
    assert "03.txt: no such file (removed while the build ran?)" in caplog.text
    assert "skipped" in caplog.text
    assert len([g for g in ds.graphs() if len(g)]) == 6  # five documents and the union


def test_file_changed_into_binary_during_build_is_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    paths = corpus(tmp_path / "c")
    changed = NEWS.replace("王建国", "赵志强")

    def progress(doc: object) -> None:
        if doc.id == str(paths[0]):  # type: ignore[attr-defined]
            paths[2].write_bytes(b"\x00\x01\x02" * 100)  # now binary
            paths[4].write_text(changed, "utf-8")  # now other text

    with caplog.at_level(logging.WARNING):
        ds = build([tmp_path / "c"], progress=progress)
    assert "02.txt: binary file" in caplog.text and "changed after it was checked" in caplog.text
    texts = {str(o) for o in ds.objects(None, NIF.isString)}
    assert changed in texts and len(texts) == 5  # the new version, read once, is what was built


def test_file_growing_while_read_gives_a_consistent_document(tmp_path: Path) -> None:
    """A file appended to while it is read: a prefix of it, or a clear error, never a crash.

    The writer appends 7 bytes at a time, so a read can end inside a
    character; it stops at 4 MB.
    """
    path = tmp_path / "growing.txt"
    data = NEWS.encode("utf-8")
    path.write_bytes(data)
    stop = threading.Event()

    def append() -> None:
        piece = data * 20
        with open(path, "ab") as f:
            while not stop.is_set() and f.tell() < 4 * MB:
                for k in range(0, len(piece), 7):
                    f.write(piece[k : k + 7])
                    f.flush()

    writer = threading.Thread(target=append)
    writer.start()
    outcomes = []
    try:
        for _ in range(40):
            try:
                (doc,) = load([path])
            except InputError as err:  # the read ended inside a character
                assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
                outcomes.append("error")
                continue
            assert (NEWS * (len(doc.text) // len(NEWS) + 1)).startswith(doc.text)
            outcomes.append("read")
    finally:
        stop.set()
        writer.join()
    # Once the writer has stopped the file reads whole (on a loaded machine every read
    # above may have met the writer mid-character, each a clear error, as it should).
    (doc,) = load([path])
    assert (NEWS * (len(doc.text) // len(NEWS) + 1)).startswith(doc.text)
    assert set(outcomes) <= {"read", "error"} and path.stat().st_size <= 4 * MB + 20 * len(data)


# --------------------------------------------------------------------------
# Links, odd paths, FIFOs and devices


def test_symlink_loops(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "c"
    corpus(folder, 2)
    (folder / "self.txt").symlink_to(folder / "self.txt")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "up").symlink_to(tmp_path)
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with caplog.at_level(logging.WARNING):
        names = [p.name for _, p in find_files([folder])]
    assert names == ["00.txt", "01.txt"]
    for name in ("self.txt", "a.txt", "b.txt"):
        assert f"{name}: symbolic link loop, skipped" in caplog.text
    assert "gone.txt: broken symbolic link, skipped" in caplog.text
    with pytest.raises(InputError, match=r"self\.txt: symbolic link loop"):
        find_files([folder / "self.txt"])


def test_path_with_spaces_and_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "新闻 稿件 (2024)"
    folder.mkdir()
    (folder / "第 1 期 焦作.txt").write_text(NEWS, "utf-8")
    (folder / "子 目录").mkdir()
    (folder / "子 目录" / "温县 #2 & 'x'.md").write_text(news_text(2), "utf-8")
    out = tmp_path / "输出 目录" / "图谱 1.trig"
    store = tmp_path / "存储 库.oxi"
    assert main(["build", str(folder), "-o", str(out), "--store", str(store), "--no-progress"]) == 0
    expected = {str(folder / "第 1 期 焦作.txt"), str(folder / "子 目录" / "温县 #2 & 'x'.md")}
    for graph in (open_graph(out), open_graph(store)):
        assert {str(s) for s in graph.objects(None, DCTERMS.source)} == expected
    assert main(["remove", str(store), str(folder / "第 1 期 焦作.txt")]) == 0
    assert "removed 1 document graphs" in capsys.readouterr().out


def test_device_named_as_input_is_refused_unread(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(NEWS, "utf-8")
    out = tmp_path / "out.nq"
    code, _, err, peak = kg_cli("build", str(good), "/dev/zero", "-o", str(out), timeout=60)
    assert code == 1
    last = err.strip().splitlines()[-1]
    assert last == "Error: /dev/zero: not a regular file or folder (a character device)"
    assert not out.exists()
    assert peak < 1024 * 1024  # it never read the device


@pytest.mark.parametrize("device", ["/dev/null", "/dev/urandom", "/dev/stdin"])
def test_other_devices_refused(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    with pytest.raises(InputError, match=rf"^{device}: not a regular file or folder \("):
        check_inputs([device])


def test_fifo_named_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file or folder \(a FIFO\)"):
        check_inputs([fifo])
    with pytest.raises(InputError, match=r"not a regular file \(a FIFO\)"):
        read_file(str(fifo), fifo)  # a path swapped for a FIFO after listing: no blocking


def test_fifo_and_devices_inside_a_folder_are_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "c"
    corpus(folder, 3)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "null.md").symlink_to("/dev/null")
    with caplog.at_level(logging.WARNING), DiskStore(tmp_path / "s.oxi") as store:
        report = update(store, documents([folder], checked=True))
    assert report.documents == 3
    assert "pipe.txt: a FIFO, skipped" in caplog.text
    assert "zero.txt: a character device, skipped" in caplog.text
    assert "null.md: a character device, skipped" in caplog.text


def test_unreadable_file_named_clearly(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.txt"
    path.write_text(NEWS, "utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match=r"secret\.txt: cannot read \(Permission denied\)"):
        check_inputs([path])
