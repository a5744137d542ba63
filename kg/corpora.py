"""Readers for annotated corpora: each yields documents with their gold spans.

Used by :mod:`kg.evaluate` and by the training script; the corpora themselves
never ship with kg (see the project README for where they come from).

Formats:

``pfr``
    The People's Daily 1998 tagged corpus (PKU/Fujitsu): GB18030, one
    paragraph per line led by its id ``19980123-01-001-001/m``, tokens
    ``word/tag`` separated by spaces, compound names bracketed with the outer
    tag after the bracket (``[中共/j 北京/ns 市委/n]nt``). Paragraphs of one
    article (same date-page-article id) become one document, joined by
    ``"\\n"``. ``nr`` → Person, ``ns`` → Place, ``nt`` → Organization; a
    bracketed name counts as one span and hides the names inside it (``nz``
    brackets too, though ``nz`` itself is not scored); a surname token joins
    the given-name token after it (``江/nr 泽民/nr`` is one person).
``bio``
    One character and its tag per line (``北 B-LOC``), a blank line between
    sentences; BIO, IOB2, BIOES and BMES tags; one document per sentence.
``cluener``
    CLUENER2020 JSON lines with inclusive spans; ``name`` → Person,
    ``address`` → Place, ``government``/``organization``/``company`` →
    Organization; other labels are not scored.
``kg``
    The project's own gold file (``tests/gold/docs.jsonl``): JSON lines
    ``{"id", "text", "entities": [{"start", "end", "type", "name"?, ...}],
    "relations": [{"type", "subject", "object"} | {"type": "holds_post",
    "person", "post", "org"}]}`` with kg's type names, end-exclusive offsets
    and relation ends given by canonical name.

    >>> gold = next(parse_pfr(["19980101-01-001-001/m  江/nr  泽民/nr  在/p  北京/ns"]))
    >>> gold.doc.text, [(gold.doc.text[s:e], t) for s, e, t in gold.spans]
    ('江泽民在北京', [('江泽民', 'Person'), ('北京', 'Place')])
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import ConfigError, InputError
from kg.model import ENTITY_TYPES, ORGANIZATION, PERSON, PLACE, Document

__all__ = [
    "CLUENER_TYPES",
    "FORMATS",
    "Gold",
    "GoldRelation",
    "Span",
    "parse_bio",
    "parse_cluener",
    "parse_kg",
    "parse_pfr",
    "read",
]

#: A gold span: ``(start, end, type)`` with ``end`` exclusive and a kg type name.
Span = tuple[int, int, str]

FORMATS = ("pfr", "bio", "cluener", "kg")

PFR_TYPES: Mapping[str, str] = {"nr": PERSON, "ns": PLACE, "nt": ORGANIZATION}
#: Bracket tags that make a name (hiding the names inside it) though only some are scored.
_PFR_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz"})
CLUENER_TYPES: Mapping[str, str] = {
    "name": PERSON,
    "address": PLACE,
    "government": ORGANIZATION,
    "organization": ORGANIZATION,
    "company": ORGANIZATION,
}
BIO_TYPES: Mapping[str, str] = {
    "PER": PERSON,
    "PERSON": PERSON,
    "NR": PERSON,
    "LOC": PLACE,
    "GPE": PLACE,
    "NS": PLACE,
    "ORG": ORGANIZATION,
    "NT": ORGANIZATION,
}
_PFR_ID = re.compile(r"(\d{8}-\d{2}-\d{3})-\d{3}/m$")
_SURNAMES_2 = "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒夏侯令狐端木"
_SURNAMES_2 += "独孤南宫西门万俟轩辕申屠澹台百里呼延东郭闻人太史仲孙钟离宗政"
_COMPOUND_SURNAMES = frozenset(_SURNAMES_2[i : i + 2] for i in range(0, len(_SURNAMES_2), 2))
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """An annotated relation (``kg`` format only) between two canonical names.

    ``role`` is the post of a ``holds_post`` relation (``书记``).
    """

    kind: str
    subject: str
    object: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Gold:
    """One annotated document: the text and the spans a perfect extractor would find."""

    doc: Document
    spans: tuple[Span, ...]
    relations: tuple[GoldRelation, ...] = ()

    def __post_init__(self) -> None:
        n = len(self.doc.text)
        for start, end, type_ in self.spans:
            if not 0 <= start < end <= n or type_ not in ENTITY_TYPES:
                raise ValueError(f"{self.doc.id}: bad gold span {(start, end, type_)}")


def read(path: str | os.PathLike[str], fmt: str) -> Iterator[Gold]:
    """The annotated documents of the corpus file ``path`` in format ``fmt``.

    Raises :class:`ConfigError` for an unknown format and :class:`InputError`
    for a file that is missing or does not parse as ``fmt``.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown corpus format {fmt!r}; use one of {', '.join(FORMATS)}")
    name = str(path)
    text = _read_text(Path(path), "gb18030" if fmt == "pfr" else "utf-8")
    lines = _LINE_BREAK.split(text)
    if fmt == "pfr":
        return parse_pfr(lines, name)
    if fmt == "bio":
        return parse_bio(lines, name)
    if fmt == "cluener":
        return parse_cluener(lines, name)
    return parse_kg(lines, name)


def _read_text(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not valid {encoding} at byte {err.start}") from err


# --- PFR -------------------------------------------------------------------


def parse_pfr(lines: Iterable[str], name: str = "pfr") -> Iterator[Gold]:
    """Articles of PFR-tagged ``lines`` (already decoded, line breaks removed)."""
    article: str | None = None
    parts: list[str] = []
    spans: list[Span] = []
    for lineno, line in enumerate(lines, 1):
        tokens = line.split()
        if not tokens:
            continue
        m = _PFR_ID.match(tokens[0])
        if m is None:
            raise InputError(f"{name}:{lineno}: expected a paragraph id like 19980101-01-001-001/m")
        if m.group(1) != article:
            if parts:
                yield _pfr_gold(name, article, parts, spans)  # type: ignore[arg-type]
            article, parts, spans = m.group(1), [], []
        offset = sum(len(p) + 1 for p in parts)
        text, found = _pfr_paragraph(tokens[1:], name, lineno)
        parts.append(text)
        spans.extend((s + offset, e + offset, t) for s, e, t in found)
    if parts:
        yield _pfr_gold(name, article, parts, spans)  # type: ignore[arg-type]


def _pfr_gold(name: str, article: str, parts: list[str], spans: list[Span]) -> Gold:
    doc = Document(id=f"{name}#{article}", text="\n".join(parts), source=name, date=article[:8])
    return Gold(doc, tuple(spans))


def _pfr_paragraph(tokens: list[str], name: str, lineno: int) -> tuple[str, list[Span]]:
    """Text and scored spans of one paragraph's ``word/tag`` tokens."""
    pieces: list[str] = []
    units: list[tuple[int, int, str]] = []  # (start, end, tag): words and bracketed names
    inside: list[tuple[int, int, str]] = []
    bracket: int | None = None  # start offset of the open bracket
    pos = 0
    for token in tokens:
        opens = token.startswith("[") and len(token) > 1 and "/" in token[1:]
        word, slash, tag = (token[1:] if opens else token).rpartition("/")
        if not slash or not word:
            raise InputError(f"{name}:{lineno}: token {token!r} is not word/tag")
        tag, _, outer = tag.partition("]")
        if opens:
            bracket, inside = pos, []
        pieces.append(word)
        item = (pos, pos + len(word), tag)
        pos += len(word)
        (inside if bracket is not None else units).append(item)
        if outer and bracket is not None:
            if outer in _PFR_NAME_TAGS:
                units.append((bracket, pos, outer))
            else:  # an idiom or phrase in brackets: the names inside it count
                units.extend(inside)
            bracket = None
    if bracket is not None:
        units.extend(inside)
    text = "".join(pieces)
    spans: list[Span] = []
    i = 0
    while i < len(units):
        start, end, tag = units[i]
        if tag == "nr" and i + 1 < len(units):
            nstart, nend, ntag = units[i + 1]
            surname = text[start:end]
            if (
                ntag == "nr"
                and nstart == end
                and (len(surname) == 1 or surname in _COMPOUND_SURNAMES)
            ):
                end, i = nend, i + 1  # 江/nr 泽民/nr is one person
        if tag in PFR_TYPES:
            spans.append((start, end, PFR_TYPES[tag]))
        i += 1
    return text, spans


# --- BIO -------------------------------------------------------------------


def parse_bio(lines: Iterable[str], name: str = "bio") -> Iterator[Gold]:
    """Sentences of character-per-line ``lines`` (``char TAG``, blank line between)."""
    chars: list[str] = []
    tags: list[str] = []
    count = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            if chars:
                count += 1
                yield _bio_gold(name, count, chars, tags, lineno)
                chars, tags = [], []
            continue
        parts = line.split()
        if len(parts) == 1 and line[:1].isspace():
            parts = [" ", parts[0]]  # a space character carries a tag
        if len(parts) != 2 or len(parts[0]) != 1:
            raise InputError(f"{name}:{lineno}: expected one character and a tag, got {line!r}")
        chars.append(parts[0])
        tags.append(parts[1])
    if chars:
        yield _bio_gold(name, count + 1, chars, tags, 0)


def _bio_gold(name: str, n: int, chars: list[str], tags: list[str], lineno: int) -> Gold:
    spans: list[Span] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if not kind and prefix != "O":
            raise InputError(f"{name}:{lineno}: tag {tag!r} is neither O nor PREFIX-TYPE")
        continues = prefix in ("I", "M", "E") and kind == label and start is not None
        if start is not None and not continues:
            if label.upper() in BIO_TYPES:
                spans.append((start, i, BIO_TYPES[label.upper()]))
            start = None
        if prefix in ("B", "S") or (prefix in ("I", "M", "E") and start is None):
            start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            if label.upper() in BIO_TYPES:
                spans.append((start, i + 1, BIO_TYPES[label.upper()]))
            start = None
    doc_id = f"{name}#{n}"
    return Gold(Document(id=doc_id, text="".join(chars), source=name), tuple(spans))


# --- CLUENER ---------------------------------------------------------------


def parse_cluener(lines: Iterable[str], name: str = "cluener") -> Iterator[Gold]:
    """Records of CLUENER2020 JSON ``lines`` (inclusive end offsets)."""
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _json(line, name, lineno)
        text = record.get("text")
        if not isinstance(text, str) or not text:
            raise InputError(f"{name}:{lineno}: record has no string field 'text'")
        spans: list[Span] = []
        for label, surfaces in (record.get("label") or {}).items():
            kind = CLUENER_TYPES.get(label)
            if kind is None:
                continue
            for surface, offsets in surfaces.items():
                for start, last in offsets:
                    if text[start : last + 1] != surface:
                        raise InputError(
                            f"{name}:{lineno}: span [{start}, {last}] is "
                            f"{text[start : last + 1]!r}, not {surface!r}"
                        )
                    spans.append((start, last + 1, kind))
        doc_id = str(record.get("id") or f"{name}#{lineno}")
        yield Gold(Document(id=doc_id, text=text, source=name), tuple(sorted(spans)))


# --- kg gold ---------------------------------------------------------------


def parse_kg(lines: Iterable[str], name: str = "kg") -> Iterator[Gold]:
    """Records of the project's gold JSON ``lines`` (see the module docstring)."""
    types = {t.lower(): t for t in ENTITY_TYPES}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record = _json(line, name, lineno)
        text = record.get("text")
        if not isinstance(text, str) or not text:
            raise InputError(f"{name}:{lineno}: record has no string field 'text'")
        spans: list[Span] = []
        names: list[str] = []
        for ent in record.get("entities") or ():
            try:
                start, end, kind = (
                    int(ent["start"]),
                    int(ent["end"]),
                    types[str(ent["type"]).lower()],
                )
            except (KeyError, TypeError, ValueError) as err:
                raise InputError(f"{name}:{lineno}: bad entity {ent!r} ({err})") from err
            if "text" in ent and text[start:end] != ent["text"]:
                raise InputError(f"{name}:{lineno}: entity {ent!r} does not match the text")
            spans.append((start, end, kind))
            names.append(str(ent.get("name") or text[start:end]))
        relations = tuple(
            _kg_relation(r, names, name, lineno) for r in record.get("relations") or ()
        )
        doc_id = str(record.get("id") or f"{name}#{lineno}")
        doc = Document(id=doc_id, text=text, source=str(record.get("source") or doc_id))
        yield Gold(doc, tuple(spans), relations)


def _kg_relation(rel: Any, names: list[str], name: str, lineno: int) -> GoldRelation:
    """A relation between two things named by their canonical names.

    ``holds_post`` records read ``{"type", "person", "post", "org"}``, the
    others ``{"type", "subject", "object"}``; an end may also be the index of
    an entity of the record.
    """
    if not isinstance(rel, dict):
        raise InputError(f"{name}:{lineno}: relation {rel!r} is not an object")
    kind = rel.get("type") or rel.get("kind")
    subject = rel.get("person", rel.get("subject"))
    obj = rel.get("org", rel.get("object"))
    role = rel.get("post", rel.get("role"))
    ends = [names[x] if isinstance(x, int) and 0 <= x < len(names) else x for x in (subject, obj)]
    first, second = ends
    if not (isinstance(kind, str) and isinstance(first, str) and isinstance(second, str)):
        raise InputError(f"{name}:{lineno}: relation {rel!r} needs a type and two named ends")
    if not first or not second:
        raise InputError(f"{name}:{lineno}: relation {rel!r} has an empty end")
    return GoldRelation(kind, first, second, role if isinstance(role, str) else None)


def _json(line: str, name: str, lineno: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as err:
        raise InputError(f"{name}:{lineno}: not a JSON object ({err})") from err
    if not isinstance(record, dict):
        raise InputError(f"{name}:{lineno}: not a JSON object")
    return record
