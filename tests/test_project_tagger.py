"""The project CRF (kg.project_tagger) and its extractor (project-crf), on our own sentences."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.extractors import get
from kg.model import PLACE, PROJECT, Document, Mention
from kg.pipeline import DEFAULT_EXTRACTORS, Pipeline
from kg.project_tagger import (
    ProjectTagger,
    default_model_path,
    features,
    has_suffix,
    labels_from_spans,
    name_like,
    spans_from_labels,
    well_formed,
    word_tags,
)
from kg.resolve import merge_mentions
from kg.segment import segmenter


@pytest.mark.parametrize(
    ("n", "spans", "labels"),
    [
        (4, [(0, 4, PROJECT)], ["B-PRJ", "I-PRJ", "I-PRJ", "E-PRJ"]),
        (3, [(0, 1, PLACE), (1, 3, PROJECT)], ["S-LOC", "B-PRJ", "E-PRJ"]),
        (3, [], ["O", "O", "O"]),
    ],
)
def test_labels_round_trip(n: int, spans: list[tuple[int, int, str]], labels: list[str]) -> None:
    assert labels_from_spans(n, spans) == labels
    assert spans_from_labels(labels) == spans


@pytest.mark.parametrize(
    "labels",
    [["I-PRJ", "E-PRJ"], ["B-PRJ", "I-PRJ"], ["B-PRJ", "E-LOC"], ["B-PRJ", "O", "E-PRJ"]],
)
def test_broken_runs_give_no_span(labels: list[str]) -> None:
    assert spans_from_labels(labels) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("青禾县新建的环湖绿道年底贯通", True),
        ("桐川港区三期工程开工", True),
        ("他在会上听取了汇报", False),
    ],
)
def test_has_suffix(text: str, expected: bool) -> None:
    assert has_suffix(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("黑河—某某界河公路大桥", True),
        ("中国（某省）自由贸易试验区某片区", True),
        ("某灌区、某水库", False),
        ("某社某地某日电（记者某某", False),
        ("某某）工程", False),
    ],
)
def test_well_formed(text: str, expected: bool) -> None:
    assert well_formed(text) is expected


@pytest.mark.parametrize(
    ("words", "span", "expected"),
    [
        (["新建", "航站楼"], (0, 5), False),  # a verb of building opens no name
        (["是", "桐川", "高速公路"], (0, 7), False),  # a stop word of the project rules
        (["平安", "铁路"], (0, 4), False),  # an adjective: a kind of railway, not a name
        (["和", "桐川", "高速公路"], (1, 7), True),  # the name opens after the conjunction
        (["桐川", "的", "高速公路"], (0, 7), False),  # 的 inside joins two things
        (["桐川", "实施", "高速公路"], (0, 8), False),
        (["桐川", "港区", "二期", "工程"], (0, 8), True),  # a phase belongs to the name
        (["桐川", "至", "青禾", "高速公路"], (0, 9), True),  # so does 至 between its ends
        (["桐川", "灌区", "、", "青禾", "水库"], (0, 9), False),  # a list is no name
        (["桐川"], (5, 7), False),  # past the text
    ],
)
def test_name_like(words: list[str], span: tuple[int, int], expected: bool) -> None:
    assert name_like(words, word_tags(words), *span) is expected


def test_features_one_tuple_per_character() -> None:
    text = "桐川县推进环湖绿道建设"
    words = [t.text for t in segmenter().words(text)]
    rows = features(text, words)
    assert len(rows) == len(text)
    assert rows == features(text, words)
    # the suffix feature marks 绿道 (a line), and characters before it see it ahead
    assert b"xBline" in rows[7] and b"xEline" in rows[8]
    assert b"xa2line" in rows[3]


def test_shipped_model_and_metadata() -> None:
    path = default_model_path()
    meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
    assert path.is_file() and meta["size_bytes"] == path.stat().st_size
    trained_on = {Path(d["path"]).name for d in meta["data"]}
    assert not trained_on & {"final13.jsonl", "final14.jsonl"}  # kept unread
    assert meta["tags"] == "dict"


def test_model_with_other_feature_version_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "m.crfsuite"
    shutil.copy(default_model_path(), model)
    meta = json.loads(default_model_path().with_suffix(".json").read_text("utf-8"))
    model.with_suffix(".json").write_text(json.dumps({**meta, "feature_version": 0}))
    with pytest.raises(ModelError, match="feature version"):
        ProjectTagger(model).spans("桐川高速公路", ["桐川", "高速公路"])


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="train one"):
        ProjectTagger(tmp_path / "none.crfsuite").spans("桐川高速公路", ["桐川", "高速公路"])


def test_registered_in_the_default_pipeline() -> None:
    info = get("project-crf")
    assert info.produces == frozenset({PROJECT}) and info.needs == "words"
    names = list(DEFAULT_EXTRACTORS)
    assert names.index("projects") < names.index("project-crf")


def test_tagger_span_gives_way_to_the_rules_project() -> None:
    doc = Document(id="d", text="桐川港区三期工程开工", source="d")
    rule = Mention.span(doc, 0, 8, PROJECT, "projects")
    tagged = Mention.span(doc, 0, 4, PROJECT, "project-crf", score=0.9)
    assert merge_mentions([rule, tagged], DEFAULT_EXTRACTORS) == [rule]


def test_tagger_span_where_the_rules_found_none_stays() -> None:
    doc = Document(id="d", text="桐川港区三期工程开工", source="d")
    place = Mention.span(doc, 0, 4, PLACE, "places")
    tagged = Mention.span(doc, 0, 8, PROJECT, "project-crf", score=0.9)
    assert merge_mentions([place, tagged], DEFAULT_EXTRACTORS) == [tagged]


def test_extractor_yields_only_confident_projects() -> None:
    text = "桐川县加快推进环湖绿道建设。他在会上听取了汇报。"
    analysis = Pipeline(["project-crf"]).analyse(Document(id="d", text=text, source="d"))
    found = list(get("project-crf")(analysis))
    assert all(isinstance(m, Mention) and m.type == PROJECT for m in found)
    assert all(m.score >= 0.5 and m.end <= text.index("。") for m in found)


@pytest.mark.parametrize(
    ("text", "projects"),
    [
        # names the project grammar does not read: the tagger adds them
        ("会议要求，全力推进桐川港三期工程建设。", [("桐川港三期工程", "project-crf")]),
        ("会议要求，加快建设桐川地理信息小镇。", [("桐川地理信息小镇", "project-crf")]),
        ("桐川至青禾城际铁路今天开工建设。", [("桐川至青禾城际铁路", "project-crf")]),
        # names the grammar reads keep its reading
        (
            "全市重点推进桐川湾跨海大桥和青禾山隧道建设。",
            [("桐川湾跨海大桥", "projects"), ("青禾山隧道", "projects")],
        ),
        ("他在会上听取了汇报。", []),
        # 城区 inside a county's works is no stop word (kg/data/project_stops.txt)
        ("灌云县城区污水管网改造工程同步开工。", [("灌云县城区污水管网改造工程", "project-crf")]),
        # a place and its plan, a farming field, a unit before a company: no name
        ("今年昌都计划播种粮食作物62万亩。", []),
        ("随后，他来到柳泉镇高标准农田示范区，了解小麦播种进度。", []),
        ("建设单位三江源机场建设管理有限公司总经理介绍了进展。", []),
    ],
)
def test_default_pipeline_projects(text: str, projects: list[tuple[str, str]]) -> None:
    result = Pipeline(DEFAULT_EXTRACTORS)(Document(id="d", text=text, source="d"))
    found = [(m.text, m.extractor) for m in result.named_mentions if m.type == PROJECT]
    assert found == projects
