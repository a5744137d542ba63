"""Format invariants of every gold set in tests/gold/ (see tests/gold/README.md).

Each ``*.jsonl`` there is checked record by record: offsets match the text,
spans are sorted and disjoint, occurrence indices count every ``str.find`` hit,
every Place carries a ``code`` key whose value is null or a code in
kg/data/divisions.tsv, and relations name entities of the right types. Files
built from a draft must be up to date with it.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

GOLD = Path(__file__).resolve().parent / "gold"
DIVISIONS = GOLD.parents[1] / "kg" / "data" / "divisions.tsv"
FILES = sorted(GOLD.glob("*.jsonl"))

TYPES = {"Person", "Place", "Organization", "Project", "Event"}
EVENT_OBJECT = {"spoke_at", "attended", "commended_at"}
RELATIONS = EVENT_OBJECT | {"holds_post", "located_in", "connects"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Record = dict[str, Any]


def division_codes() -> set[str]:
    codes = set()
    for line in DIVISIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            codes.add(line.split("\t", 1)[0])
    return codes


def occurrences(text: str, surface: str) -> Iterator[int]:
    at = text.find(surface)
    while at != -1:
        yield at
        at = text.find(surface, at + 1)


def entity_problems(text: str, entities: list[Record], codes: set[str]) -> Iterator[str]:
    previous_end = 0
    for e in entities:
        where = f"entity {e.get('text')!r} at {e.get('start')}"
        start, end, surface = e.get("start"), e.get("end"), e.get("text")
        if not (isinstance(start, int) and isinstance(end, int) and isinstance(surface, str)):
            yield f"{where}: start, end and text are required"
            continue
        if e.get("type") not in TYPES:
            yield f"{where}: unknown type {e.get('type')!r}"
        if not 0 <= start < end <= len(text) or text[start:end] != surface:
            yield f"{where}: text[{start}:{end}] is {text[start:end]!r}"
        if start < previous_end:
            yield f"{where}: unsorted or overlapping (previous span ends at {previous_end})"
        previous_end = max(previous_end, end)
        hits = list(occurrences(text, surface))
        if start in hits and e.get("occurrence") != hits.index(start) + 1:
            yield f"{where}: occurrence {e.get('occurrence')}, expected {hits.index(start) + 1}"
        if e.get("type") == "Place":
            if "code" not in e:
                yield f"{where}: Place without a code key"
            elif e["code"] is not None and e["code"] not in codes:
                yield f"{where}: code {e['code']} not in divisions.tsv"
        elif "code" in e:
            yield f"{where}: only Place mentions carry a code"
        if "name" in e and (not e["name"] or e["name"] == surface):
            yield f"{where}: name given but not different from the text"
    # every occurrence of an annotated string overlaps some annotated span
    spans = [(e["start"], e["end"]) for e in entities if isinstance(e.get("start"), int)]
    for surface in {e["text"] for e in entities if isinstance(e.get("text"), str)}:
        for at in occurrences(text, surface):
            if not any(s < at + len(surface) and at < t for s, t in spans):
                yield f"unannotated occurrence of {surface!r} at {at}"


def relation_problems(relations: list[Record], entities: list[Record]) -> Iterator[str]:
    types: dict[str, set[str]] = {}
    place_codes: dict[str, set[str | None]] = {}
    for e in entities:
        canon = str(e.get("name", e.get("text")))
        types.setdefault(canon, set()).add(e.get("type", ""))
        if e.get("type") == "Place":
            place_codes.setdefault(canon, set()).add(e.get("code"))
    seen: list[Record] = []
    for r in relations:
        kind = r.get("type")
        if kind not in RELATIONS:
            yield f"unknown relation type in {r}"
            continue
        if r in seen:
            yield f"duplicate relation {r}"
        seen.append(r)
        if kind == "holds_post":
            if "Person" not in types.get(str(r.get("person")), set()):
                yield f"{r}: person is not a Person mention"
            if not r.get("post") or not r.get("org"):
                yield f"{r}: post and org are required"
            if r.get("former", True) is not True:
                yield f"{r}: former is either true or absent"
            continue
        want = {
            "located_in": ("Place", "Place"),
            "connects": ("Project", "Place"),
        }.get(kind, (None, "Event"))
        for end, kind_wanted in zip(("subject", "object"), want, strict=True):
            name = str(r.get(end))
            have = types.get(name, set())
            if not have or (kind_wanted and kind_wanted not in have):
                yield f"{r}: {end} {name!r} is not a {kind_wanted or 'mention'} here"
            code_key = f"{end}_code"
            if code_key in r and r[code_key] not in place_codes.get(name, set()):
                yield f"{r}: {end}_code is not a code of {name!r} here"


def record_problems(record: Record, codes: set[str]) -> list[str]:
    text = record.get("text")
    if not isinstance(text, str) or not record.get("id"):
        return ["id and text are required"]
    problems = []
    date = record.get("date")
    if date is not None and not (isinstance(date, str) and DATE.fullmatch(date)):
        problems.append(f"date {date!r} is neither null nor an ISO date")
    if not 150 <= len(text) <= 500:
        problems.append(f"length {len(text)} outside 150-500")
    entities = record.get("entities", [])
    problems += entity_problems(text, entities, codes)
    problems += relation_problems(record.get("relations", []), entities)
    return [f"{record['id']}: {p}" for p in problems]


def load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_offsets", GOLD / "make_offsets.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def codes() -> set[str]:
    return division_codes()


def test_gold_files_found() -> None:
    expected = {"docs.jsonl", "heldout.jsonl", "final.jsonl", "final2.jsonl", "final3.jsonl"}
    assert expected <= {f.name for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_gold_file_format(path: Path, codes: set[str]) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert records, f"{path.name} is empty"
    ids = [r.get("id") for r in records]
    assert len(ids) == len(set(ids)), f"duplicate ids in {path.name}"
    problems = [p for r in records for p in record_problems(r, codes)]
    assert problems == []


def test_gold_ids_unique_across_files() -> None:
    ids = [
        json.loads(line)["id"]
        for path in FILES
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_gold_file_matches_its_draft(path: Path) -> None:
    draft = GOLD / "draft" / f"{path.stem}.txt"
    if not draft.exists():
        pytest.skip(f"{path.name} has no draft")
    builder = load_builder()
    assert builder.main(["--check", "--draft", str(draft), "--out", str(path)]) == 0


SECOND = sorted((GOLD / "second").glob("*.jsonl"))


@pytest.mark.parametrize("path", SECOND, ids=[f.name for f in SECOND])
def test_second_annotation_pairs_with_its_gold_set(path: Path, codes: set[str]) -> None:
    """A second annotation (tests/gold/second/) holds its gold set's documents, texts unchanged."""
    from kg.evaluate import agreement

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [p for r in records for p in record_problems(r, codes)] == []
    report = agreement(GOLD / path.name, path)  # raises on a different document or text
    assert report.documents == len(records)
    builder = load_builder()
    draft = GOLD / "second" / "draft" / f"{path.stem}.txt"
    assert builder.main(["--check", "--draft", str(draft), "--out", str(path)]) == 0


def test_checker_reports_broken_records(codes: set[str]) -> None:
    record = json.loads((GOLD / "final2.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record_problems(record, codes) == []

    def broken(change: Any) -> list[str]:
        bad = copy.deepcopy(record)
        change(bad)
        return record_problems(bad, codes)

    place = next(i for i, e in enumerate(record["entities"]) if e["type"] == "Place")

    def shift(r: Record) -> None:
        r["entities"][0]["start"] += 1

    def no_code(r: Record) -> None:
        del r["entities"][place]["code"]

    def bad_code(r: Record) -> None:
        r["entities"][place]["code"] = "999999"

    def occurrence(r: Record) -> None:
        r["entities"][0]["occurrence"] += 1

    def unsorted(r: Record) -> None:
        r["entities"].reverse()

    def dropped(r: Record) -> None:
        # a surface annotated once but written twice loses one annotation
        surfaces = [e["text"] for e in r["entities"]]
        twice = next(i for i, s in enumerate(surfaces) if surfaces.count(s) > 1)
        del r["entities"][twice]

    def dangling(r: Record) -> None:
        r["relations"].append({"type": "spoke_at", "subject": "无名氏", "object": "无名会"})

    for change in (shift, no_code, bad_code, occurrence, unsorted, dropped, dangling):
        assert broken(change), change.__name__
