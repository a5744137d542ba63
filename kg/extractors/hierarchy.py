"""Place hierarchy among the divisions a document names.

For each administrative division mentioned in a document, ``place-hierarchy``
states ``located_in`` its nearest ancestor that the same document also names
(温县 → 焦作市; 湄潭县 → 贵州省 when 遵义市 is not named). The fact comes from
the division table, not from the wording; the evidence is the sentence of
the division's first mention, and the full chain up to the province is in
the graph anyway (``schema:containedInPlace`` from the gazetteer).
"""

from __future__ import annotations

from collections.abc import Iterator

from kg import divisions
from kg.extractors import register
from kg.model import PLACE, Analysis, Mention, Relation

__all__ = ["place_hierarchy"]

NAME = "place-hierarchy"


@register(NAME, produces={"located_in"}, stage="relations")
def place_hierarchy(analysis: Analysis) -> Iterator[Relation]:
    """Each named division located in the nearest ancestor the document also names."""
    first: dict[str, Mention] = {}
    for m in analysis.mentions:
        if m.type == PLACE and m.code:
            first.setdefault(m.code, m)
    for code, child in first.items():
        for ancestor in divisions.lineage(code)[1:]:
            parent = first.get(ancestor.code)
            if parent is not None:
                sentence = analysis.sentence_at(child.start)
                yield Relation("located_in", child, parent, sentence, NAME)
                break
