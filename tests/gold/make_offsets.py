"""Build tests/gold/docs.jsonl from the hand-written draft in draft/docs.txt.

The draft holds each document with inline mark-up ([[surface|T|...]], see the
draft's header) followed by its relations. This script strips the mark-up,
computes every span's offsets and occurrence index, looks up admin codes of
divisions in kg/data/divisions.tsv when the mark-up gives none, adds the
located_in relations implied by the codes, checks everything it can, and
writes one JSON object per line.

    python tests/gold/make_offsets.py            # writes tests/gold/docs.jsonl
    python tests/gold/make_offsets.py --check    # only checks; exit 1 if docs.jsonl is stale

Other drafts (the held-out set) name their input and output:

    python tests/gold/make_offsets.py --draft tests/gold/draft/heldout.txt \
        --out tests/gold/heldout.jsonl [--check]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFT = HERE / "draft" / "docs.txt"
OUT = HERE / "docs.jsonl"
DIVISIONS = HERE.parents[1] / "kg" / "data" / "divisions.tsv"

TYPES = {"P": "Person", "L": "Place", "O": "Organization", "J": "Project", "E": "Event"}
MARK = re.compile(r"\[\[([^\]|]+)\|([PLOJE])((?:\|[^\]|]*)*)\]\]")
REL_TYPES = {"holds_post", "located_in", "spoke_at", "attended", "commended_at", "connects"}


def load_divisions():
    by_code, by_name = {}, {}
    if not DIVISIONS.exists():
        return by_code, by_name
    for line in DIVISIONS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        by_code[cols[0]] = cols[1]
        by_name.setdefault(cols[1], []).append(cols[0])
    return by_code, by_name


def ancestors(code):
    """Candidate parents by the GB/T 2260 code structure, nearest first."""
    if code.endswith("0000"):
        return []
    if code[4:6] == "00" and len(code) == 6:
        return [code[:2] + "0000"]
    return [code[:4] + "00", code[:2] + "0000"]


def parse_draft(path):
    docs, cur, part = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        if raw.startswith("=== "):
            _, doc_id, date = raw.split()
            cur = {"id": doc_id, "date": None if date == "null" else date, "lines": [], "rels": []}
            docs.append(cur)
            part = "text"
        elif raw.strip() == "---":
            part = "rels"
        elif cur is None or not raw.strip():
            continue
        elif part == "text":
            cur["lines"].append(raw)
        else:
            cur["rels"].append(raw.strip())
    return docs


def build(doc, by_code, by_name, problems):
    marked = "\n".join(doc["lines"])
    text, spans, pos, last = [], [], 0, 0
    for m in MARK.finditer(marked):
        text.append(marked[last : m.start()])
        pos += m.start() - last
        surface, t = m.group(1), TYPES[m.group(2)]
        code, name, nocode = None, None, False
        for f in filter(None, m.group(3).split("|")):
            if re.fullmatch(r"\d{6,12}", f):
                code = f
            elif f == "-":
                nocode = True
            else:
                name = f
        if t == "Place" and not code and not nocode:
            codes = by_name.get(name or surface, [])
            if len(codes) != 1:
                problems.append(f"{doc['id']}: no unique code for {name or surface}: {codes}")
            else:
                code = codes[0]
        if code and by_code and by_code.get(code) not in (name or surface, None):
            problems.append(
                f"{doc['id']}: code {code} is {by_code.get(code)}, not {name or surface}"
            )
        if code and by_code and code not in by_code:
            problems.append(f"{doc['id']}: code {code} not in divisions.tsv")
        spans.append((pos, pos + len(surface), surface, t, code, name))
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(marked[last:])
    text = "".join(text)
    if "[[" in text or "]]" in text:
        problems.append(f"{doc['id']}: unbalanced mark-up")

    entities, covered = [], []
    for start, end, surface, t, code, name in spans:
        assert text[start:end] == surface
        occ, i = 0, -1
        while True:
            i = text.find(surface, i + 1)
            occ += 1
            if i == start:
                break
        e = {"text": surface, "type": t, "occurrence": occ, "start": start, "end": end}
        if t == "Place":
            e["code"] = code
        if name and name != surface:
            e["name"] = name
        entities.append(e)
        covered.append((start, end))
    for (s1, e1), (s2, e2) in itertools.pairwise(covered):
        if s2 < e1:
            problems.append(f"{doc['id']}: overlapping spans at {s1}-{e1} and {s2}-{e2}")
    # every occurrence of an annotated surface must overlap a span (one that only
    # overlaps is a deliberate trap such as 长春|市场 for 长春市)
    for surface in {e["text"] for e in entities}:
        i = text.find(surface)
        while i != -1:
            if not any(s < i + len(surface) and i < e for s, e in covered):
                problems.append(f"{doc['id']}: unannotated occurrence of {surface} at {i}")
            i = text.find(surface, i + 1)

    canon = {}
    for e in entities:
        canon.setdefault(e.get("name", e["text"]), set()).add(e["type"])
    relations = []
    for line in doc["rels"]:
        kind, _, rest = line.partition(":")
        args = [a.strip() for a in rest.split("|")]
        if kind not in REL_TYPES:
            problems.append(f"{doc['id']}: unknown relation {line}")
            continue
        if kind == "holds_post":
            r = {"type": kind, "person": args[0], "post": args[1], "org": args[2]}
            if len(args) > 3:
                assert args[3] == "former", line
                r["former"] = True
            if "Person" not in canon.get(args[0], ()):
                problems.append(f"{doc['id']}: {args[0]} is not a person here")
        else:
            r = {"type": kind, "subject": args[0], "object": args[1]}
            need = {
                "spoke_at": (None, "Event"),
                "attended": (None, "Event"),
                "commended_at": (None, "Event"),
                "connects": ("Project", "Place"),
                "located_in": ("Place", "Place"),
            }[kind]
            for arg, want in zip(args, need, strict=False):
                if arg not in canon or (want and want not in canon[arg]):
                    problems.append(f"{doc['id']}: {arg} is not a {want or 'entity'} here ({line})")
        relations.append(r)

    # located_in carries the codes of its ends where they have one (市中区 and
    # 鼓楼区 occur twice in one document with different codes)
    place_codes, codes_of = {}, {}
    for e in entities:
        if e["type"] == "Place":
            codes_of.setdefault(e.get("name", e["text"]), set()).add(e["code"])
            if e["code"]:
                place_codes[e["code"]] = e.get("name", e["text"])
    for r in relations:
        if r["type"] == "located_in":
            for end in ("subject", "object"):
                codes = codes_of.get(r[end], set())
                if len(codes) != 1:
                    problems.append(f"{doc['id']}: {r[end]} has codes {codes}; cannot attach")
                elif None not in codes:
                    r[end + "_code"] = next(iter(codes))
    # located_in implied by the codes: each division to its nearest mentioned ancestor
    for code, nm in sorted(place_codes.items()):
        for anc in ancestors(code):
            if anc in place_codes:
                r = {
                    "type": "located_in",
                    "subject": nm,
                    "object": place_codes[anc],
                    "subject_code": code,
                    "object_code": anc,
                }
                if r not in relations:
                    relations.append(r)
                break
    seen = []
    for r in relations:
        if r in seen:
            problems.append(f"{doc['id']}: duplicate relation {r}")
        seen.append(r)
    if not 150 <= len(text) <= 500:
        problems.append(f"{doc['id']}: length {len(text)} outside 150-500")
    return {
        "id": doc["id"],
        "date": doc["date"],
        "text": text,
        "entities": entities,
        "relations": relations,
    }


def main(argv):
    ap = argparse.ArgumentParser(description="Build a gold JSONL file from its draft.")
    ap.add_argument(
        "--check",
        action="store_true",
        help="only check; exit 1 on problems or if the output is stale",
    )
    ap.add_argument(
        "--draft",
        type=Path,
        default=DRAFT,
        help=f"draft to read (default {DRAFT.relative_to(HERE)})",
    )
    ap.add_argument(
        "--out", type=Path, default=OUT, help=f"JSONL file to write or check (default {OUT.name})"
    )
    args = ap.parse_args(argv)
    by_code, by_name = load_divisions()
    problems = []
    records = [build(d, by_code, by_name, problems) for d in parse_draft(args.draft)]
    ids = Counter(r["id"] for r in records)
    problems += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for p in problems:
        print("PROBLEM", p, file=sys.stderr)
    out = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if args.check:
        stale = not args.out.exists() or args.out.read_text(encoding="utf-8") != out
        if stale:
            print(f"{args.out.name} is stale", file=sys.stderr)
        return 1 if problems or stale else 0
    if problems:
        return 1
    args.out.write_text(out, encoding="utf-8")
    ents = Counter(e["type"] for r in records for e in r["entities"])
    rels = Counter(x["type"] for r in records for x in r["relations"])
    print(f"{len(records)} documents; mentions {dict(ents)}; relations {dict(rels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
