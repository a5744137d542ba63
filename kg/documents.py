"""Reading input files and folders into :class:`~kg.model.Document` objects.

Accepted inputs: ``.txt`` and ``.md`` files (one document each) and JSON-lines
files (``.jsonl``/``.ndjson``, one document per line with a ``text`` field and
optional ``id``, ``title``, ``date``, ``source``). Folders are searched
recursively. The encoding is detected per file (UTF-8 with or without BOM,
UTF-16 with BOM or by its zero bytes, GB18030 which covers GBK and GB2312);
a binary or undecodable file raises :class:`~kg.errors.InputError`, an empty
one is skipped with a warning.

    >>> from pathlib import Path
    >>> decode_bytes("测试".encode("gb18030"), Path("a.txt"))
    '测试'
"""

from __future__ import annotations

import codecs
import json
import logging
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Document

__all__ = ["JSONL_SUFFIXES", "TEXT_SUFFIXES", "decode_bytes", "document", "find_files", "load"]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_MAX_CONTROL_RATIO = 0.01


def document(text: str, id: str = "text", **meta: str | None) -> Document:
    """Wrap a string as a :class:`Document` (for use from Python)."""
    return Document(id=id, text=text, source=str(meta.pop("source", None) or id), **meta)


def find_files(inputs: Iterable[str | os.PathLike[str]]) -> list[tuple[str, Path]]:
    """Expand files and folders into ``(name as passed, path)`` pairs, sorted within folders.

    A file named explicitly is always read; inside folders only text and
    JSON-lines suffixes are taken. Raises :class:`InputError` for a missing
    path or a folder without any text file.
    """
    found: list[tuple[str, Path]] = []
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{raw}: no such file or folder")
        if path.is_dir():
            inside = sorted(
                p
                for p in _walk(path)
                if p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES and p.is_file()
            )
            if not inside:
                raise InputError(
                    f"{raw}: folder holds no text files (looked for "
                    f"{', '.join(sorted(TEXT_SUFFIXES | JSONL_SUFFIXES))})"
                )
            found.extend((str(p), p) for p in inside)
        elif path.is_file():
            found.append((str(raw), path))
        else:
            raise InputError(f"{raw}: not a regular file or folder")
    return found


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, following no symbolic link to a folder twice."""
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames.sort()
        for name in filenames:
            yield Path(dirpath) / name


def decode_bytes(data: bytes, path: Path) -> str:
    """Decode ``data`` read from ``path``, detecting its encoding.

    Raises :class:`InputError` naming the file when it is binary or fits no
    supported encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16", path), path)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(f"{path}: binary file (contains zero bytes); give a text file")
        return _checked(_strict(data, utf16, path), path)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(data.decode(encoding), path)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: cannot decode as UTF-8, UTF-16 or GB18030; convert it to UTF-8")


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` if ``data`` reads as plausible text in one of them."""
    if len(data) % 2:
        return None
    best, best_score = None, 0.9
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = sum(1 for ch in text if _plausible(ch)) / max(len(text), 1)
        if score > best_score:
            best, best_score = encoding, score
    return best


def _plausible(ch: str) -> bool:
    """Characters Chinese news text is made of: Han, CJK punctuation, ASCII text."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef"
        or (ch.isascii() and (ch.isprintable() or ch in "\t\n\r"))
    )


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: not valid {encoding} at byte {err.start}; fix or re-encode the file"
        ) from err


def _checked(text: str, path: Path) -> str:
    """Refuse text that decoded but is mostly control characters (binary data)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError(f"{path}: looks binary ({controls} control characters); give a text file")
    return text


def load(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Document]:
    """Yield the documents in ``inputs`` (files or folders), skipping empty ones."""
    for name, path in find_files(inputs):
        yield from load_file(name, path)


def load_file(name: str, path: Path) -> Iterator[Document]:
    """Documents of one file; ``name`` is the path as the user gave it."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{name}: cannot read ({err.strerror})") from err
    text = decode_bytes(data, Path(name))
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_documents(name, text)
    elif not text.strip():
        log.warning("%s: empty file, skipped", name)
    else:
        yield Document(id=name, text=text, source=name, title=path.stem)


def _jsonl_documents(name: str, text: str) -> Iterator[Document]:
    seen: set[str] = set()
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            raise InputError(f"{name}:{lineno}: not a JSON object ({err})") from err
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{name}:{lineno}: record has no string field 'text'")
        rid = str(record.get("id") or f"{name}#{lineno}")
        if rid in seen:
            raise InputError(f"{name}:{lineno}: duplicate record id {rid!r}")
        seen.add(rid)
        if not record["text"].strip():
            log.warning("%s:%d: empty text, skipped", name, lineno)
            continue
        yield Document(
            id=rid,
            text=record["text"],
            source=str(record.get("source") or rid),
            title=_opt(record.get("title")),
            date=_opt(record.get("date")),
        )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
