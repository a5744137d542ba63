"""Resolution: choosing among overlapping mentions and merging mentions into entities.

Overlaps are settled by :func:`merge_mentions`: within a type by
:data:`SPAN_PRIORITY` and then the pipeline's order, across types by the
longer span and then :data:`SAME_SPAN_TYPE`; :data:`CONFIRMED_BY` first drops
guesses the statistical tagger does not back. Each table was decided by
measurement (``docs/benchmarks.md``). The merged mentions do not overlap;
:func:`nested_mentions` then keeps the organisations and places named inside
an event's or project's name (:data:`NESTED`) as mentions of their own.

Entities come from :func:`resolve_entities`: mentions with the same type and
normalised name, or the same administrative code, are one entity with one
IRI — the IRI depends only on that key, so the same entity has the same IRI
in every document and every run.
"""

from __future__ import annotations

import bisect
import itertools
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

from kg.context import LEVEL_CHARS, without_party_prefix
from kg.iri import mint, normalise_key
from kg.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Entity, Mention
from kg.variants import simplified

__all__ = [
    "CONFIRMED_BY",
    "NESTED",
    "SAME_SPAN_TYPE",
    "SPAN_PRIORITY",
    "TYPE_KIND",
    "YIELDS_TO",
    "entity_iri",
    "label_of",
    "mentions_within",
    "merge_mentions",
    "names_by_itself",
    "names_entity",
    "nested_mentions",
    "resolve_entities",
]

#: The IRI kind minted for each entity type.
TYPE_KIND = {
    PERSON: "person",
    ORGANIZATION: "organization",
    PLACE: "place",
    EVENT: "event",
    PROJECT: "project",
}


#: Which source's span wins where two extractors find overlapping mentions of
#: one type with different spans: the extractors named here first, in this
#: order, then the rest in the pipeline's order. Decided by measurement with
#: ``kg eval`` (docs/benchmarks.md, "Combining the tagger and the rules"):
#:
#: - Organization: the CRF. The organisation grammar cuts some names short
#:   (中国人民政治协商会 before 议) or runs them back over a verb; where the
#:   two spans differ the CRF's is the exact one far more often (PFR dev ORG
#:   F1 0.797 → 0.828; heldout.jsonl 0.981 → 0.994; docs and final unchanged).
#: - Place and Person: the rules. Divisions carry codes and the gazetteer's
#:   boundaries; letting the CRF win places costs 1.7 points of Place F1 on
#:   ``tests/gold/docs.jsonl`` for 0.7 on PFR; people make no difference.
#:
#: Where two mentions have the same span the pipeline's order still decides,
#: so a rule's mention (which carries a normalised key or a code) is kept.
SPAN_PRIORITY: Mapping[str, tuple[str, ...]] = MappingProxyType({ORGANIZATION: ("crf",)})

#: Mentions of a type that need another source's agreement: a mention of the
#: type scored below the threshold by any other extractor stays only where
#: that extractor found the same span — when it ran at all (it is named in
#: the pipeline) — or where it opens with a place (湄潭县兴茶农民专业合作社).
#: Organisation names read from an enterprise or institution suffix alone
#: (``orgs`` scores them 0.7: 接受公共广播公司, 也有一些公司) are guesses the
#: CRF settles: PFR dev ORG F1 0.828 → 0.854; docs and heldout unchanged;
#: final.jsonl (scores only) ORG 0.955 → 0.967, Place 0.930 → 0.936, and
#: one event false positive the dropped guess used to hide.
#: Places are not listed: the same rule for them costs 3.6 points of Place F1
#: on ``docs.jsonl`` and 7.4 on ``heldout.jsonl`` for 0.6 on PFR.
CONFIRMED_BY: Mapping[str, tuple[str, float]] = MappingProxyType({ORGANIZATION: ("crf", 0.8)})

#: Which source's type wins where two extractors give the very same span
#: different types (otherwise the pipeline's order decides): a Place from the
#: CRF beats the person-name rules, which read a country opening with a
#: surname character as a name (伊拉克). PFR dev micro F1 0.9126 → 0.9141
#: (Person 0.940 → 0.941, Place 0.901 → 0.903); the gold sets and bio are
#: unchanged. Letting the CRF's type win every such tie costs a person, a
#: place, an organisation and an event on ``docs.jsonl``.
SAME_SPAN_TYPE: Mapping[str, tuple[str, ...]] = MappingProxyType({PLACE: ("crf",)})


#: Mentions of a type from a source that give way to any overlapping mention
#: of the listed types from another source: the CRF reads long organisation
#: spans across a project name (梅龙高铁线路起自梅州西站 for 梅龙高铁 …), and
#: the project grammar's reading is the right one there. PFR dev and the four
#: gold sets unchanged (no such span in them once 铁路有限责任公司 is left to
#: the organisation); the construction is tested in ``tests/test_projects.py``.
#: The project tagger (``project-crf``) only adds names where the project
#: grammar read none: letting its span win overlaps scored below the rules'
#: spans on the held-out gold sets (final6 Project F1 0.959 → 0.904, final7
#: 0.783 → 0.720; docs/benchmarks.md, "A statistical project tagger"); tested
#: in ``tests/test_project_tagger.py``.
YIELDS_TO: Mapping[str, tuple[str, frozenset[str]]] = MappingProxyType(
    {
        ORGANIZATION: ("crf", frozenset({PROJECT})),
        PROJECT: ("project-crf", frozenset({PROJECT})),
    }
)


def merge_mentions(
    mentions: Iterable[Mention],
    priority: Sequence[str] = (),
    span_priority: Mapping[str, Sequence[str]] = SPAN_PRIORITY,
    confirmed_by: Mapping[str, tuple[str, float]] = CONFIRMED_BY,
    same_span_type: Mapping[str, Sequence[str]] = SAME_SPAN_TYPE,
    yields_to: Mapping[str, tuple[str, frozenset[str]]] = YIELDS_TO,
) -> list[Mention]:
    """Non-overlapping mentions, in text order.

    Two overlapping mentions of the same type are settled by which source
    wins for that type — the extractors ``span_priority[type]`` names, then
    the order of ``priority`` (a specialised extractor listed first beats a
    broader one's longer span) — then by length and score; two mentions with
    the same span and type by ``priority`` alone. Mentions of different
    types are settled by length first (焦作市水利局 the organisation over
    焦作市 the place inside it), then by ``same_span_type`` (the sources whose
    type wins an identical span), then priority and score. Mentions that only
    touch (one ends where the other starts) both stay. Before all this,
    low-scored mentions of a type in ``confirmed_by`` are dropped unless the
    confirming extractor (if it is in ``priority``) found the same span, and
    mentions ``yields_to`` names give way to overlapping ones of the types
    it lists from other sources.

    >>> from kg.model import Document
    >>> doc = Document(id="d", text="中国人民政治协商会议", source="d")
    >>> rule = Mention.span(doc, 0, 9, ORGANIZATION, "orgs")
    >>> crf = Mention.span(doc, 0, 10, ORGANIZATION, "crf")
    >>> [m.text for m in merge_mentions([rule, crf], ["orgs", "crf"])]
    ['中国人民政治协商会议']
    """
    rank = {name: i for i, name in enumerate(priority)}

    def order(m: Mention) -> int:
        return rank.get(m.extractor, len(rank))

    def by_length(m: Mention) -> tuple[int, bool, int, float, int]:
        typed = m.extractor in same_span_type.get(m.type, ())
        return (-(m.end - m.start), not typed, order(m), -m.score, m.start)

    pool = _yielded(set(mentions), yields_to)
    confirming = {t: c for t, c in confirmed_by.items() if c[0] in rank}
    if confirming:
        found = {
            (m.start, m.end, m.type)
            for m in pool
            if m.type in confirming and m.extractor == confirming[m.type][0]
        }
        anchors = {(m.start, m.end) for m in pool if m.type == PLACE}
        pool = {m for m in pool if not _unconfirmed(m, confirming, found, anchors)}
    same_span: dict[tuple[int, int, str], Mention] = {}
    for m in sorted(
        pool, key=lambda m: (order(m), -m.score, m.extractor, m.key or "", m.code or "")
    ):
        same_span.setdefault((m.start, m.end, m.type), m)
    by_type: dict[str, list[Mention]] = defaultdict(list)
    for m in same_span.values():
        by_type[m.type].append(m)
    survivors: list[Mention] = []
    for type_, group in by_type.items():
        first = {name: i for i, name in enumerate(span_priority.get(type_, ()))}

        def by_source(
            m: Mention, first: dict[str, int] = first
        ) -> tuple[int, int, int, float, int]:
            return (
                first.get(m.extractor, len(first)),
                order(m),
                -(m.end - m.start),
                -m.score,
                m.start,
            )

        survivors += _greedy(group, by_source)
    return sorted(_greedy(survivors, by_length), key=lambda m: (m.start, m.end))


#: The types of mention kept inside a merged mention of each type: the
#: organisation that holds a meeting (中央纪委 in 中央纪委二次全会, 政协第九届全国委员会
#: in 政协第九届全国委员会第一次会议) and the places an event or a project is
#: named after (义乌 in 中国（义乌）国际小商品博览会, 大沙河 in 大沙河生态治理工程) are
#: things the text refers to, not mere parts of a longer word; so is the line a ceremony
#: is named after (信阳至固始城际铁路 in 信阳至固始城际铁路开通运营仪式), whose routes are
#: read from it. Other types (a person in 邓小平理论研讨会) are not kept.
NESTED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        EVENT: frozenset({ORGANIZATION, PLACE, PROJECT}),
        PROJECT: frozenset({ORGANIZATION, PLACE}),
    }
)


def nested_mentions(
    mentions: Iterable[Mention],
    merged: Sequence[Mention],
    priority: Sequence[str] = (),
    nested: Mapping[str, frozenset[str]] = NESTED,
) -> list[Mention]:
    """The mentions of ``mentions`` kept inside the ``merged`` ones, in text order.

    A mention lies inside a merged mention when its span is strictly within
    the other's (not the same span); it is kept when ``nested`` lists its type
    for the other's type. Those inside are merged among themselves by
    :func:`merge_mentions` with the same ``priority``, so they do not overlap
    each other (焦作市委 inside 焦作市委全会 hides its 焦作市); the merged
    (top-level) mentions stay as they are. Nothing nests two levels deep.

    >>> from kg.model import Document
    >>> doc = Document(id="d", text="中央纪委二次全会召开", source="d")
    >>> event = Mention.span(doc, 0, 8, EVENT, "events")
    >>> org = Mention.span(doc, 0, 4, ORGANIZATION, "orgs")
    >>> top = merge_mentions([event, org], ["orgs", "events"])
    >>> [m.text for m in top], [m.text for m in nested_mentions([event, org], top)]
    (['中央纪委二次全会'], ['中央纪委'])
    """
    hosts = [m for m in merged if m.type in nested]
    if not hosts:
        return []
    kept = set(merged)
    others = (m for m in mentions if m not in kept)
    inside = [m for host, m in mentions_within(hosts, others) if m.type in nested[host.type]]
    return merge_mentions(inside, priority)


def mentions_within(
    hosts: Iterable[Mention], mentions: Iterable[Mention]
) -> Iterator[tuple[Mention, Mention]]:
    """``(host, mention)`` for each of ``mentions`` strictly inside one of ``hosts``
    (within its span, not the very span), in the order of ``mentions``.

    ``hosts`` must not overlap one another (merged mentions, or the outermost ones).
    """
    ordered = sorted(hosts, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        host = ordered[i]
        if m.end <= host.end and (m.start, m.end) != (host.start, host.end):
            yield host, m


def _yielded(
    pool: set[Mention], yields_to: Mapping[str, tuple[str, frozenset[str]]]
) -> set[Mention]:
    """``pool`` less the mentions that give way to an overlapping one (see ``YIELDS_TO``)."""
    drop = set()
    for type_, (source, over) in yields_to.items():
        winners = sorted((m.start, m.end) for m in pool if m.type in over and m.extractor != source)
        if not winners:
            continue
        starts = [s for s, _ in winners]
        reach = list(itertools.accumulate((e for _, e in winners), max))  # furthest end so far
        for m in pool:
            if m.type != type_ or m.extractor != source:
                continue
            i = bisect.bisect_left(starts, m.end)  # the winners starting before m ends
            if i and reach[i - 1] > m.start:
                drop.add(m)
    return pool - drop


def _unconfirmed(
    m: Mention,
    confirming: Mapping[str, tuple[str, float]],
    found: set[tuple[int, int, str]],
    places: set[tuple[int, int]],
) -> bool:
    """Whether ``m`` needs another extractor's agreement and lacks it.

    A name that opens with a place found in the text (湄潭县兴茶农民专业合作社)
    is anchored on the left and needs none.
    """
    if m.type not in confirming:
        return False
    source, threshold = confirming[m.type]
    if m.extractor == source or m.score >= threshold or (m.start, m.end, m.type) in found:
        return False
    return not any((m.start, end) in places for end in range(m.start + 1, m.end))


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


def names_entity(mention: Mention) -> bool:
    """Whether ``mention``'s text is a name of its entity, fit to be an alias.

    A mention without an expanded key names what it stands for. A keyed
    mention is a name only if it has two characters or more and is linked to
    a division by code (a former name such as 襄樊) or is a shortened form of
    the key — every one of its characters in the key in order, after folding traditional
    characters (市水利局 and 市政府 of 焦作市人民政府, 商務廳 of 商务厅) — or a
    Latin abbreviation (CIIE). A reference is not a name: a pronoun (他 for
    谢玉安), a title (书记, 谢书记) or an organ's bare head character (委).

    >>> from kg.model import Document
    >>> doc = Document(id="d", text="市水利局他书记", source="d")
    >>> names_entity(Mention.span(doc, 0, 4, ORGANIZATION, "a", key="焦作市水利局"))
    True
    >>> names_entity(Mention.span(doc, 4, 5, PERSON, "a", key="谢玉安"))
    False
    >>> names_entity(Mention.span(doc, 5, 7, PERSON, "a", key="谢玉安"))
    False
    """
    key, text = mention.key, mention.text
    if key is None or not any(_is_han(c) for c in text):
        return True
    if len(text) < 2:
        return False  # 市 for 焦作市 in 市委, 郑 in 郑焦铁路: a part of a name, not a name
    return bool(mention.code) or _in_order(text, key) or _in_order(simplified(text), key)


#: The bare level words a short form opens with, standing for a jurisdiction (市 in 市委).
_LEVEL_WORDS = ("自治区", *LEVEL_CHARS)
#: A prefecture's (地区's) organs written bare (kg.extractors.orgs): references, like 市委.
_BARE_PREFECTURE_ORGANS = frozenset({"地委", "行署", "地区人大工委", "地区政协工委"})


def names_by_itself(mention: Mention) -> bool:
    """Whether ``mention``'s text names what it stands for without the document's context.

    A short form whose jurisdiction is only its bare level — 市委, 市政府,
    省政协, 县委宣传部, 自治区党委 — names an organisation only together with the
    document that says which city or province is meant: its key adds that
    jurisdiction (市委 → 中共焦作市委), or, where the document has no home
    division of that level, it has no key and is scoped to its document.
    Like a pronoun it is a reference, kept in the graph but no name; corpora
    that annotate names only (PFR, people-daily-ner-bio, CLUENER) leave it
    untagged. Every other mention names by itself, abbreviations included
    (中央纪委, 全国政协 …: their keys add no jurisdiction), and so does a
    name that writes its jurisdiction (焦作市委, 焦作市市委).

    >>> from kg.model import Document
    >>> doc = Document(id="d", text="市委中央纪委焦作市委", source="d")
    >>> names_by_itself(Mention.span(doc, 0, 2, ORGANIZATION, "orgs", key="中共焦作市委"))
    False
    >>> names_by_itself(Mention.span(doc, 2, 6, ORGANIZATION, "orgs", key="中共中央纪律检查委员会"))
    True
    >>> names_by_itself(Mention.span(doc, 6, 10, ORGANIZATION, "orgs", key="中共焦作市委"))
    True
    """
    text = without_party_prefix(simplified(mention.text))
    if text in _BARE_PREFECTURE_ORGANS:
        return False  # 地委, 行署: the prefecture the document is about says whose
    level = next((w for w in _LEVEL_WORDS if text.startswith(w)), None)
    if level is None:
        return True
    if mention.key is None:
        return mention.scope is None
    return without_party_prefix(mention.key).find(level) <= 0


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\U00020000" <= c <= "\U0003134f"


def _in_order(text: str, key: str) -> bool:
    """Whether every character of ``text`` occurs in ``key`` in order."""
    rest = iter(key)
    return all(c in rest for c in text)


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
        # a reference (他, 书记 for a person) links its mention, but is no name of the entity
        named = [m for m in group if names_entity(m)]
        aliases = sorted(({m.text for m in named} | {label_of(m.name) for m in group}) - {label})
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
