"""Relations read from the names inside an event's or project's name.

The pipeline keeps an organisation or place named inside an event's or a
project's name as a mention of its own (:func:`kg.resolve.nested_mentions`):
中央纪委 in 中央纪委二次全会, 义乌 in 中国（义乌）国际小商品博览会, 大沙河 in
大沙河生态治理工程. ``name-parts`` states what the name says of them:

* ``organizer`` event → organisation: the organisation that opens an event's
  name holds it (中央纪委二次全会, 中共于都县委十五届六次全体会议, 焦作市政府常务会议);
  an organisation further inside (庆祝中央电视台成立四十周年大会) is mentioned but
  gets no relation;
* ``location`` event or project → place: a place inside the name is where the
  event is held or the project lies (中国（义乌）国际小商品博览会 → 义乌,
  大沙河生态治理工程 → 大沙河).

The evidence is the sentence of the name. Each pair of entities is related
once per document, by its first name. Only the outermost mentions inside a
name count (焦作市 inside 焦作市委, itself inside 焦作市委全会, is the
organisation's jurisdiction, not the event's place).

    >>> from kg.model import Analysis, Document, Mention, Sentence
    >>> doc = Document(id="d", text="中央纪委二次全会召开。", source="d")
    >>> event = Mention.span(doc, 0, 8, "Event", "events")
    >>> org = Mention.span(doc, 0, 4, "Organization", "orgs")
    >>> analysis = Analysis(doc, (Sentence("d", 0, 0, 11, doc.text),), (), (event, org))
    >>> [(r.kind, r.subject.text, r.object.text) for r in name_parts(analysis)]
    [('organizer', '中央纪委二次全会', '中央纪委')]
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.extractors import register
from kg.extractors._phrases import outermost
from kg.model import EVENT, ORGANIZATION, PLACE, PROJECT, Analysis, Mention, Relation
from kg.resolve import entity_iri, mentions_within

__all__ = ["name_parts"]

NAME = "name-parts"
_HOSTS = frozenset({EVENT, PROJECT})
_SCORE = 0.8


@register(NAME, produces={"organizer", "location"}, stage="relations")
def name_parts(analysis: Analysis) -> Iterator[Relation]:
    """An event's organiser and an event's or project's place, read from its name."""
    hosts = outermost(m for m in analysis.mentions if m.type in _HOSTS)
    if not hosts:
        return
    parts = (m for m in analysis.mentions if m.type in (ORGANIZATION, PLACE))
    inside: dict[Mention, list[Mention]] = {}
    for host, m in mentions_within(hosts, parts):
        inside.setdefault(host, []).append(m)
    seen: set[tuple[str, str, str]] = set()
    for host in hosts:
        for part in outermost(inside.get(host, ())):
            if part.type == PLACE:
                kind = "location"
            elif host.type == EVENT and part.start == host.start:
                kind = "organizer"
            else:
                continue
            key = (kind, entity_iri(host), entity_iri(part))
            if key in seen:
                continue
            seen.add(key)
            sentence = analysis.sentence_at(host.start)
            yield Relation(kind, host, part, sentence, NAME, score=_SCORE)
