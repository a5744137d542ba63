"""Resolution: choosing among overlapping mentions and merging mentions into entities.

Overlaps are settled by :func:`merge_mentions` (longer span first, then the
extractor listed earlier in the pipeline, then the higher score). Entities
come from :func:`resolve_entities`: mentions with the same type and normalised
name, or the same administrative code, are one entity with one IRI — the IRI
depends only on that key, so the same entity has the same IRI in every
document and every run.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from kg.iri import mint, normalise_key
from kg.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Entity, Mention

__all__ = ["TYPE_KIND", "entity_iri", "label_of", "merge_mentions", "resolve_entities"]

#: The IRI kind minted for each entity type.
TYPE_KIND = {
    PERSON: "person",
    ORGANIZATION: "organization",
    PLACE: "place",
    EVENT: "event",
    PROJECT: "project",
}


def merge_mentions(mentions: Iterable[Mention], priority: Sequence[str] = ()) -> list[Mention]:
    """Non-overlapping mentions, in text order.

    Of two overlapping mentions the longer wins; of equal length, the one
    whose extractor comes first in ``priority``; then the higher score.
    Mentions that only touch (one ends where the other starts) both stay.
    """
    rank = {name: i for i, name in enumerate(priority)}
    ordered = sorted(
        set(mentions),
        key=lambda m: (-(m.end - m.start), rank.get(m.extractor, len(rank)), -m.score, m.start),
    )
    kept: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in ordered:
        if all(m.end <= a or m.start >= b for a, b in taken):
            kept.append(m)
            taken.append((m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, m.end))


def label_of(name: str) -> str:
    """The display label of a name: NFKC with whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def entity_iri(mention: Mention) -> str:
    """The IRI a mention resolves to: its division code, else its type, name and scope."""
    if mention.code:
        return mint("division", mention.code)
    key = normalise_key(mention.name)
    if mention.scope:
        key = f"{key}\x1f{mention.scope}"
    return mint(TYPE_KIND[mention.type], key)


def resolve_entities(
    mentions: Iterable[Mention], labels: dict[str, str] | None = None
) -> tuple[list[Entity], dict[Mention, str]]:
    """Group ``mentions`` into entities; also return each mention's entity IRI.

    ``labels`` maps an IRI to a preferred label (an official division name);
    otherwise the label is the smallest of the normalised names, so it does
    not depend on which document is read first.
    """
    groups: dict[str, list[Mention]] = defaultdict(list)
    iri_of: dict[Mention, str] = {}
    for m in mentions:
        iri = entity_iri(m)
        groups[iri].append(m)
        iri_of[m] = iri
    entities = []
    for iri, group in groups.items():
        label = (labels or {}).get(iri) or min(label_of(m.name) for m in group)
        aliases = sorted(({m.text for m in group} | {label_of(m.name) for m in group}) - {label})
        subtypes = Counter(m.subtype for m in group if m.subtype)
        types = Counter(m.type for m in group)
        entities.append(
            Entity(
                iri=iri,
                type=types.most_common(1)[0][0],
                label=label,
                aliases=tuple(aliases),
                subtype=subtypes.most_common(1)[0][0] if subtypes else None,
                code=group[0].code,
                mentions=tuple(sorted(group, key=lambda m: m.start)),
            )
        )
    entities.sort(key=lambda e: (e.type, e.label))
    return entities, iri_of
