from __future__ import annotations

import codecs
import json
import logging
from pathlib import Path

import pytest

from kg.builder import build_documents
from kg.documents import decode_bytes, document, find_files, load
from kg.errors import InputError
from kg.sentences import split_sentences
from kg.store import ox_inner
from kg.vocab import NIF

TEXT = "焦作市召开全市经济工作会议，市委书记王明远出席并讲话。"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
        TEXT.encode("utf-16-le"),
        TEXT.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "utf16le", "utf16be"],
)
def test_encodings_detected(data: bytes) -> None:
    assert decode_bytes(data, Path("x.txt")) == TEXT


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (b"\xff\xfe\xfd\x81\x30", "cannot decode|binary|not valid"),
    ],
)
def test_bad_bytes_refused_naming_file(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        decode_bytes(data, Path("bad.txt"))
    assert "bad.txt" in str(err.value)


def test_folder_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(TEXT, "utf-8")
    (tmp_path / "1.md").write_text(TEXT, "utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x00")
    names = [name for name, _ in find_files([tmp_path])]
    assert [Path(n).name for n in names] == ["1.md", "2.txt"]


def test_empty_file_skipped_with_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "empty.txt").write_text("  \n", "utf-8")
    (tmp_path / "full.txt").write_text(TEXT, "utf-8")
    with caplog.at_level(logging.WARNING):
        docs = list(load([tmp_path]))
    assert [Path(d.id).name for d in docs] == ["full.txt"]
    assert "empty.txt" in caplog.text


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: (p / "sub").mkdir() or p / "sub", "no text files"),
    ],
)
def test_bad_paths(tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        list(load([setup(tmp_path)]))


def test_jsonl_records(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "a1", "text": TEXT, "title": "会议", "date": "2024-03-01"},
        {"text": "温县召开会议。", "source": "http://example.org/2"},
        {"id": "a3", "text": ""},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    docs = list(load([path]))
    assert [d.id for d in docs] == ["a1", f"{path}#2"]
    assert docs[0].date == "2024-03-01" and docs[0].source == "a1"
    assert docs[1].source == "http://example.org/2"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not a JSON object"),
        ('{"title": "x"}', "no string field 'text'"),
        ("[1]", "text"),
    ],
)
def test_jsonl_malformed(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line, "utf-8")
    with pytest.raises(InputError, match=message) as err:
        list(load([path]))
    assert "bad.jsonl:1" in str(err.value)


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    assert len(find_files([tmp_path])) == 1


def test_document_helper() -> None:
    d = document(TEXT, id="x", title="t")
    assert d.text == TEXT and d.source == "x" and d.title == "t"


def test_jsonl_separators_inside_text(tmp_path: Path) -> None:
    """Records end at "\\n" (or "\\r\\n") only: U+2028, U+2029 and U+0085 stay in the text."""
    path = tmp_path / "news.jsonl"
    texts = ["温县\u2028县长李红梅到项目调研。", "焦作市\u2029召开会议。", "会议\x85" + "结束" * 60]
    lines = [
        json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts)
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    docs = list(load([path]))
    assert [(d.id, d.text) for d in docs] == [(f"r{i}", t) for i, t in enumerate(texts)]


def test_line_separator_in_plain_text_keeps_offsets(tmp_path: Path) -> None:
    """A U+2028 in a plain-text file stays in the one document; spans still quote the text."""
    text = "3月12日，温县县长李红梅\u2028到项目调研。\u2028焦作市市委书记王建国主持会议。"
    path = tmp_path / "news.txt"
    path.write_text(text, "utf-8")
    (doc,) = load([path])
    assert doc.text == text
    for s in split_sentences(doc.id, doc.text):
        assert s.text == text[s.start : s.end] and not s.text[0].isspace()
    inner = ox_inner(build_documents([doc]))
    assert inner is not None
    spans: dict[str, dict[str, str]] = {}
    for q in inner:
        if q.predicate.value in (str(NIF.anchorOf), str(NIF.beginIndex), str(NIF.endIndex)):
            spans.setdefault(q.subject.value, {})[q.predicate.value] = q.object.value
    quoted = [v for v in spans.values() if str(NIF.anchorOf) in v]
    assert len(quoted) > 2  # sentences and mentions
    for v in quoted:
        begin, end = int(v[str(NIF.beginIndex)]), int(v[str(NIF.endIndex)])
        assert text[begin:end] == v[str(NIF.anchorOf)]
