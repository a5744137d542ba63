from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.iri import doc_iri

from .conftest import SAMPLE


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_query_stats(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.trig"
    code, stdout, _ = run_cli(capsys, "build", str(sample_file), "-o", str(out), "--no-progress")
    assert code == 0 and out.exists() and "1 documents" in stdout
    code, stdout, _ = run_cli(
        capsys,
        "query",
        str(out),
        "SELECT DISTINCT ?l WHERE { ?p a foaf:Person ; rdfs:label ?l } ORDER BY ?l",
    )
    assert code == 0 and stdout.split()[2:4] == ["刘建国", "张丽华"]
    code, stdout, _ = run_cli(capsys, "stats", str(out))
    assert code == 0 and "Person" in stdout


def test_gb18030_gives_same_graph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "doc.txt").write_text(SAMPLE, "utf-8")
    (b / "doc.txt").write_bytes(SAMPLE.encode("gb18030"))
    for folder in (a, b):
        assert (
            run_cli(
                capsys,
                "build",
                str(folder / "doc.txt"),
                "-o",
                str(folder / "g.nq"),
                "--no-progress",
            )[0]
            == 0
        )
    # the document's own IRI, its path and the IRIs scoped to it (its unnamed events) differ
    norm = []
    for f in (a, b):
        text = (f / "g.nq").read_text("utf-8").replace(doc_iri(str(f / "doc.txt")), "DOC")
        for i, iri in enumerate(_scoped_iris(f / "g.nq")):
            text = text.replace(iri, f"SCOPED{i}")
        norm.append(text.replace(str(f), "X"))
    assert sorted(norm[0].splitlines()) == sorted(norm[1].splitlines())


def _scoped_iris(path: Path) -> list[str]:
    """Event IRIs scoped to the document, in order of first mention."""
    from kg.sparql import query

    rows = query(
        path,
        "SELECT ?e (MIN(?b) AS ?first) WHERE { ?m itsrdf:taIdentRef ?e ; nif:beginIndex ?b . "
        "?e a kg:Event } GROUP BY ?e ORDER BY ?first",
    )
    return list(rows["e"])


def _bad_inputs(tmp: Path) -> dict[str, tuple[list[str], str]]:
    (tmp / "bin.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (tmp / "latin.txt").write_bytes(b"\xff\xfe\xfd\x81\x30abc\x81")
    (tmp / "empty.txt").write_text("", "utf-8")
    (tmp / "nofiles").mkdir()
    (tmp / "nofiles" / "x.png").write_bytes(b"png")
    (tmp / "ok.txt").write_text(SAMPLE, "utf-8")
    return {
        "missing": ([str(tmp / "missing.txt")], "missing.txt"),
        "binary": ([str(tmp / "bin.txt")], "bin.txt"),
        "undecodable": ([str(tmp / "latin.txt")], "latin.txt"),
        "empty": ([str(tmp / "empty.txt")], "no documents"),
        "no text files": ([str(tmp / "nofiles")], "nofiles"),
        "bad extension": ([str(tmp / "ok.txt"), "-o", str(tmp / "out" / "g.xyz")], ".xyz"),
        "bad extractor": ([str(tmp / "ok.txt"), "--extractors", "nope"], "nope"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "binary",
        "undecodable",
        "empty",
        "no text files",
        "bad extension",
        "bad extractor",
    ],
)
def test_bad_input_one_line_error_no_output(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, needle = _bad_inputs(tmp_path)[case]
    if "-o" not in argv:
        argv = [*argv, "-o", str(tmp_path / "out" / "g.trig")]
    code, _, stderr = run_cli(capsys, "build", *argv, "--no-progress")
    lines = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert code != 0 and len(lines) == 1 and needle in lines[0]
    assert "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_malformed_query(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.ttl"
    run_cli(capsys, "build", str(sample_file), "-o", str(out), "--no-progress")
    code, _, stderr = run_cli(capsys, "query", str(out), "SELECT ?x WHERE {")
    assert code == 1 and stderr.startswith("Error: SPARQL query failed")
    code, _, stderr = run_cli(capsys, "query", str(out), "SELECT * {}", "--param", "novalue")
    assert code == 1 and "NAME=VALUE" in stderr


def test_json_results(
    tmp_path: Path, sample_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    out = tmp_path / "g.nt"
    run_cli(capsys, "build", str(sample_file), "-o", str(out), "--no-progress")
    code, stdout, _ = run_cli(
        capsys,
        "query",
        str(out),
        "SELECT ?p WHERE { ?p rdfs:label ?name }",
        "--param",
        "name=张丽华",
        "--format",
        "json",
    )
    assert code == 0 and len(json.loads(stdout)["results"]["bindings"]) == 1


def test_console_script_entry_point(tmp_path: Path, sample_file: Path) -> None:
    out = tmp_path / "g.ttl"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(sample_file),
            "-o",
            str(out),
            "--no-progress",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Building prefix dict" not in proc.stderr  # jieba silenced by the CLI
