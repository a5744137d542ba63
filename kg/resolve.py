"""Resolution: choosing among overlapping mentions and merging mentions into entities.

Overlaps are settled by :func:`merge_mentions` (within a type the extractor
listed earlier in the pipeline wins, across types the longer span). Entities
come from :func:`resolve_entities`: mentions with the same type and normalised
name, or the same administrative code, are one entity with one IRI — the IRI
depends only on that key, so the same entity has the same IRI in every
document and every run.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

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

    Two overlapping mentions of the same type are settled by the order of
    their extractors in ``priority`` (a specialised extractor listed first
    beats a broader one's longer span), then by length and score; mentions
    of different types by length first (焦作市水利局 the organisation over
    焦作市 the place inside it), then priority and score. Mentions that only
    touch (one ends where the other starts) both stay.
    """
    rank = {name: i for i, name in enumerate(priority)}

    def by_priority(m: Mention) -> tuple[int, int, float, int]:
        return (rank.get(m.extractor, len(rank)), -(m.end - m.start), -m.score, m.start)

    def by_length(m: Mention) -> tuple[int, int, float, int]:
        return (-(m.end - m.start), rank.get(m.extractor, len(rank)), -m.score, m.start)

    by_type: dict[str, list[Mention]] = defaultdict(list)
    for m in set(mentions):
        by_type[m.type].append(m)
    survivors = [m for group in by_type.values() for m in _greedy(group, by_priority)]
    return sorted(_greedy(survivors, by_length), key=lambda m: (m.start, m.end))


def _greedy(mentions: list[Mention], key: Callable[[Mention], object]) -> list[Mention]:
    """Keep mentions in ``key`` order, dropping any that overlaps one already kept."""
    kept: list[Mention] = []
    starts: list[int] = []  # the kept spans are disjoint: sorted starts give sorted ends
    ends: list[int] = []
    for m in sorted(mentions, key=key):  # type: ignore[arg-type]
        i = bisect.bisect_left(starts, m.start)
        if (i > 0 and ends[i - 1] > m.start) or (i < len(starts) and starts[i] < m.end):
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        kept.append(m)
    return kept


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
