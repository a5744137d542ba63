#!/usr/bin/env python3
"""Place-to-code linking accuracy on the project's gold sets (kg format).

    python scripts/eval_linking.py tests/gold/docs.jsonl tests/gold/heldout.jsonl

For every gold place that carries an administrative code and that the
default pipeline found with exactly the gold span, the link is right when
the mention's code equals the gold code. Prints, per file, how many such
places there were, how many were found, and the accuracy of their codes.
"""

from __future__ import annotations

import argparse
import json
import logging

from kg.documents import document
from kg.pipeline import Pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    pipeline = Pipeline()
    for path in args.files:
        coded = found = right = 0
        wrong: list[str] = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                result = pipeline(document(record["text"], id=record["id"]))
                by_span = {(m.start, m.end): m for m in result.named_mentions if m.type == "Place"}
                for e in record["entities"]:
                    if e["type"] != "Place" or not e.get("code"):
                        continue
                    coded += 1
                    m = by_span.get((e["start"], e["end"]))
                    if m is None:
                        continue
                    found += 1
                    if m.code == e["code"]:
                        right += 1
                    else:
                        wrong.append(f"{record['id']} {e['text']}: {m.code} for {e['code']}")
        accuracy = right / found if found else 0.0
        print(f"{path}: {coded} coded places, {found} found, {right} linked right: {accuracy:.4f}")
        for w in wrong:
            print(f"  wrong: {w}")


if __name__ == "__main__":
    main()
