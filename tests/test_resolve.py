from __future__ import annotations

import pytest

from kg.model import Document, Mention
from kg.resolve import (
    entity_iri,
    merge_mentions,
    names_by_itself,
    names_entity,
    nested_mentions,
    resolve_entities,
)

DOC = Document(id="d", text="焦作市水利局局长王明远和王明远同志", source="d")


def m(start: int, end: int, type: str = "Person", extractor: str = "a", **kw: object) -> Mention:
    return Mention.span(DOC, start, end, type, extractor, **kw)


def test_longer_span_wins() -> None:
    org, place = m(0, 6, "Organization"), m(0, 3, "Place")
    assert merge_mentions([place, org]) == [org]


def test_priority_breaks_ties_then_score() -> None:
    a, b = m(8, 11, extractor="a", score=0.5), m(8, 11, "Organization", extractor="b", score=0.9)
    assert merge_mentions([a, b], priority=["a", "b"]) == [a]
    assert merge_mentions([a, b], priority=["b", "a"]) == [b]
    assert merge_mentions([a, b]) == [b]


def test_touching_spans_both_kept() -> None:
    assert len(merge_mentions([m(0, 3, "Place"), m(3, 6, "Organization")])) == 2


def test_entities_merge_by_type_and_name() -> None:
    entities, iri_of = resolve_entities([m(8, 11), m(12, 15), m(0, 6, "Organization")])
    people = [e for e in entities if e.type == "Person"]
    assert len(people) == 1 and len(people[0].mentions) == 2
    assert iri_of[m(8, 11)] == iri_of[m(12, 15)] == people[0].iri


def test_expanded_key_and_alias() -> None:
    short = Mention.span(DOC, 3, 6, "Organization", "a", key="焦作市水利局")
    full = m(0, 6, "Organization")
    assert entity_iri(short) == entity_iri(full)
    (entity,), _ = resolve_entities([short])
    assert entity.label == "焦作市水利局" and entity.aliases == ("水利局",)


def test_division_code_and_official_label() -> None:
    place = m(0, 3, "Place", code="410800")
    (entity,), _ = resolve_entities([place], {entity_iri(place): "焦作市"})
    assert entity.iri.endswith("/division/410800") and entity.code == "410800"


def test_scope_separates_same_name() -> None:
    a = Mention.span(DOC, 8, 11, "Person", "a", scope="焦作市")
    b = Mention.span(DOC, 12, 15, "Person", "a", scope="济源市")
    entities, _ = resolve_entities([a, b])
    assert len(entities) == 2 and {e.label for e in entities} == {"王明远"}


ORG_DOC = Document(id="o", text="八届全国政协委员", source="o")


def org(start: int, end: int, extractor: str, **kw: object) -> Mention:
    return Mention.span(ORG_DOC, start, end, "Organization", extractor, **kw)


def test_span_priority_per_type() -> None:
    rule, crf = org(2, 6, "orgs"), org(0, 6, "crf")
    assert merge_mentions([rule, crf], ["orgs", "crf"]) == [crf]
    assert merge_mentions([rule, crf], ["orgs", "crf"], span_priority={}) == [rule]
    short, long = (
        Mention.span(ORG_DOC, 2, 4, "Place", "crf"),
        Mention.span(ORG_DOC, 0, 4, "Place", "places"),
    )
    assert merge_mentions([short, long], ["places", "crf"]) == [long]


def test_same_span_keeps_pipeline_order() -> None:
    rule, crf = org(2, 6, "orgs", key="全国政协"), org(2, 6, "crf")
    assert merge_mentions([crf, rule], ["orgs", "crf"]) == [rule]


def test_low_scored_organisation_needs_the_crf() -> None:
    guess, named = org(0, 6, "orgs", score=0.7), org(2, 6, "orgs", score=0.95)
    crf = org(2, 6, "crf", score=0.8)
    names = ["orgs", "crf"]
    assert merge_mentions([guess], names) == []  # the CRF ran and did not find it
    assert merge_mentions([guess], ["orgs"]) == [guess]  # no CRF in the pipeline
    assert merge_mentions([guess, crf], names) == [crf]
    assert merge_mentions([named], names) == [named]  # a confident rule mention stands alone
    same = org(0, 6, "crf", score=0.8)
    assert merge_mentions([guess, same], names) == [guess]  # agreed: the rule's mention is kept
    assert merge_mentions([guess], names, confirmed_by={}) == [guess]


def test_guess_opening_with_a_place_stands() -> None:
    doc = Document(id="c", text="青川县种桑专业合作社成立", source="c")
    guess = Mention.span(doc, 0, 10, "Organization", "orgs", score=0.7)
    county = Mention.span(doc, 0, 3, "Place", "divisions", score=0.95)
    assert merge_mentions([guess, county], ["orgs", "divisions", "crf"]) == [guess]
    assert merge_mentions([guess], ["orgs", "divisions", "crf"]) == []


def test_same_span_type_from_the_crf_place() -> None:
    doc = Document(id="p", text="伊拉克总统府发表声明", source="p")
    person = Mention.span(doc, 0, 3, "Person", "people", score=0.9)
    place = Mention.span(doc, 0, 3, "Place", "crf", score=0.8)
    names = ["people", "crf"]
    assert merge_mentions([person, place], names) == [place]
    assert merge_mentions([person, place], names, same_span_type={}) == [person]
    crf_person = Mention.span(doc, 0, 3, "Person", "crf", score=0.8)
    rule_place = Mention.span(doc, 0, 3, "Place", "places", score=0.7)
    assert merge_mentions([crf_person, rule_place], ["places", "crf"]) == [rule_place]


REF_DOC = Document(id="r", text="市委书记林河川讲话。他说，书记林书记都在。市水利局", source="r")


def test_references_link_but_are_no_aliases() -> None:
    name = Mention.span(REF_DOC, 4, 7, "Person", "people")
    pronoun = Mention.span(REF_DOC, 10, 11, "Person", "posts", key="林河川")
    title = Mention.span(REF_DOC, 13, 15, "Person", "posts", key="林河川")
    surname_title = Mention.span(REF_DOC, 15, 18, "Person", "posts", key="林河川")
    (person,), iri_of = resolve_entities([name, pronoun, title, surname_title])
    assert person.label == "林河川" and person.aliases == ()
    assert iri_of[pronoun] == iri_of[title] == iri_of[surname_title] == person.iri
    assert len(person.mentions) == 4


def test_short_forms_stay_aliases() -> None:
    short = Mention.span(REF_DOC, 21, 25, "Organization", "orgs", key="溪口市水利局")
    one_char = Mention.span(REF_DOC, 0, 1, "Place", "orgs", key="溪口市", code="330000")
    (org,), _ = resolve_entities([short])
    assert org.aliases == ("市水利局",)
    (place,), _ = resolve_entities([one_char])
    assert place.aliases == ()


def test_a_tagger_organisation_gives_way_to_an_overlapping_project() -> None:
    doc = Document(id="p", text="青白高铁线路起自青溪西站", source="p")
    crf = Mention.span(doc, 0, 12, "Organization", "crf")
    line = Mention.span(doc, 0, 4, "Project", "projects")
    station = Mention.span(doc, 8, 12, "Place", "places")
    assert merge_mentions([crf, line, station], ["projects", "places", "crf"]) == [line, station]
    assert merge_mentions([crf, station], ["places", "crf"]) == [crf]  # no project: longer wins


NEST_DOC = Document(id="n", text="中央纪委二次全会在焦作市召开，大沙河治理工程开工。", source="n")


def nm(start: int, end: int, type: str, extractor: str = "a", **kw: object) -> Mention:
    return Mention.span(NEST_DOC, start, end, type, extractor, **kw)


def test_nested_mentions_are_kept_inside_events_and_projects() -> None:
    event, org = nm(0, 8, "Event", "events"), nm(0, 4, "Organization", "orgs")
    project, river = nm(15, 22, "Project", "projects"), nm(15, 18, "Place", "places")
    city = nm(9, 12, "Place", "divisions")
    found = [event, org, project, river, city]
    merged = merge_mentions(found, ["orgs", "places", "divisions", "events", "projects"])
    assert merged == [event, city, project]  # the top level does not overlap, as before
    assert nested_mentions(found, merged) == [org, river]


@pytest.mark.parametrize(
    ("inner", "kept"),
    [
        (nm(0, 4, "Person"), False),  # only organisations and places are kept inside
        (nm(0, 8, "Organization"), False),  # the same span is no nesting
        (nm(6, 10, "Organization"), False),  # across the event's end
        (nm(0, 4, "Organization"), True),
        (nm(4, 6, "Place"), True),
    ],
)
def test_what_nests(inner: Mention, kept: bool) -> None:
    event = nm(0, 8, "Event", "events")
    merged = merge_mentions([event, inner], ["events", "a"])
    assert merged == [event]
    assert nested_mentions([event, inner], merged) == ([inner] if kept else [])


def test_nested_mentions_are_merged_among_themselves() -> None:
    event = nm(0, 8, "Event", "events")
    org, place = nm(0, 4, "Organization", "orgs"), nm(0, 2, "Place", "places")
    assert nested_mentions([event, org, place], [event]) == [org]
    assert nested_mentions([org], []) == []  # no event or project: nothing nests


SHORT_DOC = Document(
    id="s", text="市委市政府省政协县委宣传部中共市委中央纪委焦作市委市场监管总局", source="s"
)


def short(text: str, **kw: object) -> Mention:
    start = SHORT_DOC.text.index(text)
    return Mention.span(SHORT_DOC, start, start + len(text), "Organization", "orgs", **kw)


@pytest.mark.parametrize(
    ("mention", "names"),
    [
        (short("市委", key="中共焦作市委"), False),
        (short("市政府", key="焦作市人民政府"), False),
        (short("省政协", key="河南省政协"), False),
        (short("县委宣传部", key="中共温县委宣传部"), False),
        (short("中共市委", key="中共焦作市委"), False),
        (short("市委", scope="s"), False),  # no home city: kept per document, still no name
        (short("中央纪委", key="中共中央纪律检查委员会"), True),  # an abbreviation, not a reference
        (short("焦作市委", key="中共焦作市委"), True),  # the text names the city
        (short("市场监管总局"), True),  # opens with 市, but no short form
        (short("市委"), True),  # no key, no scope: nothing says its 市 is a jurisdiction
    ],
)
def test_names_by_itself(mention: Mention, names: bool) -> None:
    assert names_by_itself(mention) is names
    assert names_entity(mention)  # a short form is still an alias of its entity
