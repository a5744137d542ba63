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
import errno
import json
import logging
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Document

__all__ = [
    "JSONL_SUFFIXES",
    "TEXT_SUFFIXES",
    "decode_bytes",
    "document",
    "find_files",
    "iter_files",
    "load",
    "load_file",
    "read_file",
]

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_MAX_CONTROL_RATIO = 0.01
#: Unicode's control characters (category Cc: U+0000–U+001F, U+007F–U+009F) but
#: the whitespace ones; a regular expression counts them in C, not per character in Python.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def document(text: str, id: str = "text", **meta: str | None) -> Document:
    """Wrap a string as a :class:`Document` (for use from Python).

    Lone surrogates (which no RDF writer accepts) are replaced by U+FFFD with
    a warning, as when loading files.
    """
    fields = {k: None if v is None else _no_surrogates(v, id, k) for k, v in meta.items()}
    source = fields.pop("source", None) or _no_surrogates(id, id, "id")
    return Document(id=id, text=_no_surrogates(text, id, "text"), source=source, **fields)


def find_files(inputs: Iterable[str | os.PathLike[str]]) -> list[tuple[str, Path]]:
    """Expand files and folders into ``(name as passed, path)`` pairs, sorted within folders.

    A list of :func:`iter_files`; see there.
    """
    return list(iter_files(inputs))


def iter_files(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, Path]]:
    """Expand files and folders into ``(name as passed, path)`` pairs, as a stream.

    A file named explicitly is always read; inside folders only text and
    JSON-lines suffixes are taken, in sorted order, one folder listing at a
    time (a folder of 100,000 files is never held as a list). Inside a folder
    anything that is not a regular file (a FIFO, a device, a broken or looping
    symbolic link) is skipped with a warning. Raises :class:`InputError` for a
    missing path, an input that is not a regular file or folder, or a folder
    without any text file.
    """
    for raw in inputs:
        path = Path(raw)
        try:
            st = path.stat()
        except OSError as err:
            if err.errno == errno.ELOOP:
                raise InputError(f"{raw}: symbolic link loop; give a file or folder") from err
            if isinstance(err, FileNotFoundError):
                raise InputError(f"{raw}: no such file or folder") from err
            raise InputError(f"{raw}: cannot read ({err.strerror})") from err
        if stat.S_ISDIR(st.st_mode):
            empty = True
            for p in _walk(path):
                empty = False
                yield str(p), p
            if empty:
                raise InputError(
                    f"{raw}: folder holds no text files (looked for "
                    f"{', '.join(sorted(TEXT_SUFFIXES | JSONL_SUFFIXES))})"
                )
        elif stat.S_ISREG(st.st_mode):
            yield str(raw), path
        else:
            raise InputError(f"{raw}: not a regular file or folder ({_kind(st.st_mode)})")


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _walk(root: Path) -> Iterator[Path]:
    """Text files under ``root`` in sorted path order, following no link to a folder twice.

    Entries are sorted per folder and folders entered where they sort, which
    gives the order of ``sorted()`` over the whole tree without building it.
    ``DirEntry`` answers "file or folder?" from the listing itself, so a
    regular file costs no ``stat`` here.
    """
    seen: set[tuple[int, int]] = set()
    suffixes = TEXT_SUFFIXES | JSONL_SUFFIXES

    def visit(folder: Path) -> Iterator[Path]:
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            log.warning("%s: cannot list folder (%s), skipped", folder, err.strerror or err)
            return
        for entry in entries:
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir = is_file = False
            if is_dir:
                yield from visit(path)
            elif path.suffix.lower() not in suffixes:
                continue
            elif is_file:
                yield path
            else:
                log.warning("%s: %s, skipped", path, _what(path))

    yield from visit(root)


def _what(path: Path) -> str:
    """Why a directory entry with a text suffix is not a file to read."""
    try:
        return _kind(path.stat().st_mode)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "broken symbolic link"
        return f"cannot read ({err.strerror})"


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
    controls = len(_CONTROLS.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_RATIO:
        raise InputError(f"{path}: looks binary ({controls} control characters); give a text file")
    return text


def load(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Document]:
    """Yield the documents in ``inputs`` (files or folders), skipping empty ones."""
    for name, path in iter_files(inputs):
        yield from load_file(name, path)


def read_file(name: str, path: Path) -> bytes:
    """The bytes of the regular file ``path``; :class:`InputError` for anything else.

    The file is opened without blocking and checked on the open descriptor,
    so a path swapped for a FIFO or a device after it was listed is refused
    instead of blocking or reading forever; one that vanished is an error
    naming it.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        if isinstance(err, FileNotFoundError):
            raise InputError(f"{name}: no such file (removed while the build ran?)") from err
        if err.errno == errno.ELOOP:
            raise InputError(f"{name}: symbolic link loop") from err
        raise InputError(f"{name}: cannot read ({err.strerror})") from err
    with os.fdopen(fd, "rb") as file:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: not a regular file ({_kind(st.st_mode)}); give a text file")
        try:
            return file.read()
        except OSError as err:
            raise InputError(f"{name}: cannot read ({err.strerror})") from err


def load_file(name: str, path: Path) -> Iterator[Document]:
    """Documents of one file; ``name`` is the path as the user gave it."""
    text = decode_bytes(read_file(name, path), Path(name))
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_documents(name, text)
    elif not text.strip():
        log.warning("%s: empty file, skipped", name)
    else:
        yield Document(id=name, text=text, source=name, title=path.stem)


def _jsonl_documents(name: str, text: str) -> Iterator[Document]:
    seen: set[str] = set()
    # Records end at "\n" only: str.splitlines() would also split at U+2028, U+0085 and
    # others, which JSON allows unescaped inside a string.
    for lineno, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as err:
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err)
            raise InputError(f"{where}: not a JSON object ({reason})") from err
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{where}: record has no string field 'text'")
        rid = _field(record.get("id"), where, "id") or f"{name}#{lineno}"
        if rid in seen:
            raise InputError(f"{where}: duplicate record id {rid!r}")
        seen.add(rid)
        text_ = _no_surrogates(record["text"], where, "text")
        if not text_.strip():
            log.warning("%s: empty text, skipped", where)
            continue
        yield Document(
            id=rid,
            text=text_,
            source=_field(record.get("source"), where, "source") or rid,
            title=_field(record.get("title"), where, "title"),
            date=_field(record.get("date"), where, "date"),
        )


def _field(value: object, where: str, key: str) -> str | None:
    """A metadata field as text: a scalar as it reads, nothing for null or an empty value.

    A nested array or object is refused: it would become a label or an id
    nobody could type.
    """
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        kind = "object" if isinstance(value, dict) else "array"
        raise InputError(f"{where}: field {key!r} must be a string, not a JSON {kind}")
    return _no_surrogates(str(value), where, key)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_surrogates(text: str, where: str, key: str) -> str:
    """``text`` with lone surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD, with a warning.

    They are not characters: no RDF format and no UTF-8 writer accepts them.
    The replacement keeps the length, so offsets stay those of the input.
    """
    cleaned, n = _SURROGATE.subn("\ufffd", text)
    if n:
        log.warning("%s: %d lone surrogate(s) in %r replaced by U+FFFD", where, n, key)
    return cleaned
