from __future__ import annotations

import pytest

from kg.documents import document
from kg.extractors.parts import name_parts
from kg.model import Analysis, Document, Mention, Relation
from kg.pipeline import Pipeline
from kg.sentences import split_sentences

TEXT = (
    "中央纪委二次全会召开。庆祝中央电视台成立四十周年大会在京举行。"
    "大沙河治理工程开工，中央纪委二次全会闭幕。"
)
DOC = Document(id="p", text=TEXT, source="p")


def at(text: str, type: str, nth: int = 0, **kw: object) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return Mention.span(DOC, start, start + len(text), type, "test", **kw)


def relations(*mentions: Mention) -> list[tuple[str, str, str]]:
    analysis = Analysis(DOC, split_sentences(DOC.id, TEXT), (), mentions)
    return [(r.kind, r.subject.text, r.object.text) for r in name_parts(analysis)]


def test_an_organisation_opening_an_event_organises_it() -> None:
    event, org = at("中央纪委二次全会", "Event"), at("中央纪委", "Organization")
    assert relations(event, org) == [("organizer", "中央纪委二次全会", "中央纪委")]


def test_an_organisation_further_inside_is_no_organiser() -> None:
    event = at("庆祝中央电视台成立四十周年大会", "Event")
    assert relations(event, at("中央电视台", "Organization")) == []


@pytest.mark.parametrize("host", ["Event", "Project"])
def test_a_place_inside_a_name_is_its_location(host: str) -> None:
    name, river = at("大沙河治理工程", host), at("大沙河", "Place")
    assert relations(name, river) == [("location", "大沙河治理工程", "大沙河")]


def test_only_the_outermost_part_counts_and_each_pair_once() -> None:
    first, org = at("中央纪委二次全会", "Event"), at("中央纪委", "Organization")
    inner = at("中央", "Place")  # inside the organisation: its own, not the event's
    again = at("中央纪委二次全会", "Event", 1)
    org_again = at("中央纪委", "Organization", 1)
    found = relations(first, org, inner, again, org_again)
    assert found == [("organizer", "中央纪委二次全会", "中央纪委")]


def test_mentions_outside_a_name_give_nothing() -> None:
    org = at("中央电视台", "Organization")
    assert relations(org, at("大沙河", "Place")) == []


def test_the_default_pipeline_keeps_and_relates_nested_mentions() -> None:
    text = "1月23日，中央纪委二次全会在北京召开。"
    result = Pipeline()(document(text, id="d"))
    named = [(m.text, m.type) for m in result.named_mentions]
    assert ("中央纪委二次全会", "Event") in named and ("中央纪委", "Organization") in named
    assert [
        (r.kind, r.subject.text, r.object.text)
        for r in result.relations
        if r.extractor == "name-parts"
    ] == [("organizer", "中央纪委二次全会", "中央纪委")]
    (relation,) = [r for r in result.relations if r.kind == "organizer"]
    assert isinstance(relation, Relation) and relation.sentence.text.startswith("1月23日")
    mentions = result.named_mentions
    for a in mentions:
        for b in mentions:
            if (
                a is not b
                and a.start < b.end
                and b.start < a.end
                and b.end - b.start <= a.end - a.start
            ):
                # overlapping mentions are only a name and a part strictly inside it
                assert a.type in ("Event", "Project") and a.start <= b.start and b.end <= a.end
