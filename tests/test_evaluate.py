from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from kg.corpora import Span
from kg.errors import InputError
from kg.evaluate import Report, TypeScore, agreement, evaluate, score, scored_mentions
from kg.extractors import ExtractorInfo
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Document, Mention, Relation
from kg.pipeline import Pipeline

BIO = "刘 B-PER\n明 I-PER\n到 O\n温 B-LOC\n县 I-LOC\n\n市 B-ORG\n委 I-ORG\n开 O\n会 O\n"


def fixed(analysis: Analysis) -> Iterator[Mention]:
    """Finds 刘明 (right), 温 (wrong boundary) and 开会 (not a name)."""
    doc = analysis.doc
    for word, type_ in (("刘明", PERSON), ("温", PLACE), ("开会", ORGANIZATION)):
        at = doc.text.find(word)
        if at >= 0:
            yield Mention.span(doc, at, at + len(word), type_, "fixed")


def holds(analysis: Analysis) -> Iterator[Relation]:
    by_text = {m.text: m for m in analysis.mentions}
    if "刘明" in by_text and "温" in by_text:
        sentence = analysis.sentences[0]
        yield Relation("holds_post", by_text["刘明"], by_text["温"], sentence, "holds", role="县长")


def pipeline(*infos: ExtractorInfo) -> Pipeline:
    p = Pipeline([])
    p.mention_extractors = [i for i in infos if i.stage == "mentions"]
    p.relation_extractors = [i for i in infos if i.stage == "relations"]
    p.names = tuple(i.name for i in infos)
    return p


FIXED = ExtractorInfo("fixed", fixed, frozenset({PERSON, PLACE, ORGANIZATION}))
HOLDS = ExtractorInfo("holds", holds, frozenset(), stage="relations")


@pytest.fixture
def bio_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.bio"
    path.write_text(BIO, "utf-8")
    return path


def test_type_score() -> None:
    s = TypeScore("Person", tp=3, fp=1, fn=2)
    assert (s.gold, s.predicted) == (5, 4)
    assert s.precision == 0.75 and s.recall == 0.6
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert TypeScore("Place").f1 == 0.0


def test_score_is_exact_span_and_type() -> None:
    gold = [[(0, 2, PERSON), (3, 5, PLACE)], [(0, 2, ORGANIZATION)]]
    pred = [[(0, 2, PERSON), (3, 5, ORGANIZATION), (6, 7, "Event")], [(0, 3, ORGANIZATION)]]
    report = score(gold, pred)
    assert report.by_type(PERSON) == TypeScore(PERSON, 1, 0, 0)
    assert report.by_type(PLACE) == TypeScore(PLACE, 0, 0, 1)
    assert report.by_type(ORGANIZATION) == TypeScore(ORGANIZATION, 0, 2, 1)
    assert report.micro == TypeScore("micro", 1, 2, 2)  # the unscored Event is ignored


def test_evaluate_runs_the_pipeline(bio_file: Path) -> None:
    seen: list[str] = []
    report = evaluate(
        bio_file, "bio", extractors=pipeline(FIXED), progress=lambda d: seen.append(d.id)
    )
    assert isinstance(report, Report)
    assert seen == [f"{bio_file}#1", f"{bio_file}#2"]
    assert (report.documents, report.characters) == (2, 9)
    assert report.by_type(PERSON).tp == 1
    assert report.by_type(PLACE) == TypeScore(PLACE, 0, 1, 1)
    assert report.by_type(ORGANIZATION) == TypeScore(ORGANIZATION, 0, 1, 1)
    assert report.extractors == ("fixed",)


def test_evaluate_limit(bio_file: Path) -> None:
    report = evaluate(bio_file, "bio", extractors=pipeline(FIXED), limit=1)
    assert report.documents == 1
    assert report.micro.gold == 2


def test_report_output(bio_file: Path) -> None:
    report = evaluate(bio_file, "bio", extractors=pipeline(FIXED))
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["types"]["Person"]["f1"] == 1.0
    assert data["micro"] == {
        "gold": 3, "predicted": 3, "tp": 1, "fp": 2, "fn": 2,
        "precision": 0.3333, "recall": 0.3333, "f1": 0.3333,
    }  # fmt: skip
    table = report.table()
    assert "fixed" in table
    assert table.splitlines()[-1].split() == ["micro", "3", "3", "1", "0.3333", "0.3333", "0.3333"]


@pytest.mark.parametrize("name", ["errors.tsv", "errors.jsonl"])
def test_errors_file(bio_file: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    evaluate(bio_file, "bio", extractors=pipeline(FIXED), errors_path=out)
    text = out.read_text("utf-8")
    if name.endswith(".jsonl"):
        rows = [json.loads(line) for line in text.splitlines()]
        wrong = {(r["error"], r["text"]) for r in rows}
        place = next(r for r in rows if r["text"] == "温")
        assert place["gold"] == ["温县/Place"]
        assert place["sentence"] == "刘明到【温】县"
    else:
        lines = text.splitlines()
        assert lines[0].startswith("error\ttype\ttext")
        wrong = {tuple(line.split("\t")[::2][:2]) for line in lines[1:]}
    assert wrong == {("FP", "温"), ("FN", "温县"), ("FP", "开会"), ("FN", "市委")}
    assert list(tmp_path.glob(".*tmp")) == []


def test_kg_format_scores_annotated_types_and_relations(tmp_path: Path) -> None:
    record = {
        "id": "k1",
        "text": "刘明到温县。",
        "entities": [
            {"type": "Person", "start": 0, "end": 2},
            {"type": "Place", "start": 3, "end": 4, "name": "温县"},
        ],
        "relations": [{"type": "holds_post", "person": "刘明", "post": "县长", "org": "温"}],
    }
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    report = evaluate(path, "kg", extractors=pipeline(FIXED, HOLDS))
    assert [s.type for s in report.types] == [PERSON, PLACE]  # no Organization in this gold
    assert report.micro == TypeScore("micro", 2, 0, 0)
    assert report.relations == (TypeScore("holds_post", 1, 0, 0),)
    assert "rel:holds_post" in report.table()
    assert report.to_dict()["relations"]["holds_post"]["f1"] == 1.0


def places(analysis: Analysis) -> Iterator[Mention]:
    doc = analysis.doc
    for word in ("河南省", "温县", "赵堡镇"):
        at = doc.text.find(word)
        yield Mention.span(doc, at, at + len(word), PLACE, "places")


def inside(analysis: Analysis) -> Iterator[Relation]:
    """Links 赵堡镇 straight to 河南省 (true, further up) and 温县 to 赵堡镇 (wrong)."""
    by_text = {m.text: m for m in analysis.mentions}
    sentence = analysis.sentences[0]
    yield Relation("located_in", by_text["赵堡镇"], by_text["河南省"], sentence, "inside")
    yield Relation("located_in", by_text["温县"], by_text["赵堡镇"], sentence, "inside")


def test_located_in_is_scored_on_the_transitive_closure(tmp_path: Path) -> None:
    text = "河南省温县赵堡镇召开会议。"
    record = {
        "id": "k2",
        "text": text,
        "entities": [
            {"type": "Place", "start": text.find(w), "end": text.find(w) + len(w)}
            for w in ("河南省", "温县", "赵堡镇")
        ],
        "relations": [
            {"type": "located_in", "subject": "赵堡镇", "object": "温县"},
            {"type": "located_in", "subject": "温县", "object": "河南省"},
        ],
    }
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    report = evaluate(
        path,
        "kg",
        extractors=pipeline(
            ExtractorInfo("places", places, frozenset({PLACE})),
            ExtractorInfo("inside", inside, frozenset(), stage="relations"),
        ),
    )
    # 赵堡镇 → 河南省 is in the gold's closure, 温县 → 赵堡镇 is not; of the gold links,
    # 温县 → 河南省 is in the prediction's closure (through 赵堡镇), 赵堡镇 → 温县 is not.
    assert report.relations == (TypeScore("located_in", 1, 1, 1),)


NESTED_TEXT = "中央纪委二次全会召开，市委书记讲话。"


def nested(analysis: Analysis) -> Iterator[Mention]:
    """An event, the organisation opening its name, and a short form (市委 of 焦作)."""
    doc = analysis.doc
    yield Mention.span(doc, 0, 8, "Event", "nested")
    yield Mention.span(doc, 0, 4, ORGANIZATION, "nested")
    yield Mention.span(doc, 11, 13, ORGANIZATION, "nested", key="中共焦作市委")


NESTED = ExtractorInfo("nested", nested, frozenset({ORGANIZATION, "Event"}))


def test_corpora_of_names_score_the_outermost_names(tmp_path: Path) -> None:
    """PFR-like corpora: the organisation inside the event counts, the short form does not."""
    path = tmp_path / "gold.bio"
    tags = ["B-ORG", "I-ORG", "I-ORG", "I-ORG"] + ["O"] * (len(NESTED_TEXT) - 4)
    path.write_text("".join(f"{c} {t}\n" for c, t in zip(NESTED_TEXT, tags, strict=True)), "utf-8")
    report = evaluate(path, "bio", extractors=pipeline(NESTED))
    assert report.by_type(ORGANIZATION) == TypeScore(ORGANIZATION, 1, 0, 0)


def test_kg_gold_scores_the_whole_event_and_the_short_form(tmp_path: Path) -> None:
    record = {
        "id": "k",
        "text": NESTED_TEXT,
        "entities": [
            {"type": "Event", "start": 0, "end": 8},
            {"type": "Organization", "start": 11, "end": 13, "name": "中共焦作市委"},
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    report = evaluate(path, "kg", extractors=pipeline(NESTED))
    assert report.micro == TypeScore("micro", 2, 0, 0)  # 中央纪委 inside the event is not scored


@pytest.mark.parametrize(
    ("types", "names_only", "spans"),
    [
        ((ORGANIZATION, "Event"), False, {(0, 8, "Event"), (11, 13, ORGANIZATION)}),
        ((PERSON, PLACE, ORGANIZATION), False, {(0, 4, ORGANIZATION), (11, 13, ORGANIZATION)}),
        ((PERSON, PLACE, ORGANIZATION), True, {(0, 4, ORGANIZATION)}),
    ],
)
def test_scored_mentions(types: tuple[str, ...], names_only: bool, spans: set[Span]) -> None:
    doc = Document(id="d", text=NESTED_TEXT, source="d")
    mentions = list(nested(Analysis(doc, (), ())))
    assert scored_mentions(mentions, types, names_only=names_only) == spans


def _script(name: str) -> ModuleType:
    """A script of ``scripts/``, imported as a module."""
    spec = importlib.util.spec_from_file_location(
        name, Path(__file__).resolve().parent.parent / "scripts" / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_gold_sets_script_pools_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = _script("eval_gold_sets")
    gold = Path(__file__).resolve().parent / "gold" / "final22.jsonl"
    assert module.main([str(gold), str(gold), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    single = out["sets"][str(gold)]
    pooled = out["pooled"]
    # the same set twice pools to its own scores, with twice the gold
    assert abs(pooled["Person"]["f1"] - single["Person"]) < 1e-3
    assert pooled["Person"]["gold"] % 2 == 0


def _annotation(tmp_path: Path, name: str, project_end: int, post: str, text: str = "") -> Path:
    record = {
        "id": "a1",
        "text": text or "县长刘明出席温县至孟州公路开工仪式。",
        "entities": [
            {"type": "Person", "start": 2, "end": 4},
            {"type": "Place", "start": 6, "end": 8, "code": "410825"},
            {"type": "Project", "start": 6, "end": project_end},
        ],
        "relations": [{"type": "holds_post", "person": "刘明", "post": post, "org": "温县"}],
    }
    path = tmp_path / name
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    return path


def test_agreement_scores_one_annotation_against_the_other(tmp_path: Path) -> None:
    first = _annotation(tmp_path, "a.jsonl", 15, "县长")
    second = _annotation(tmp_path, "b.jsonl", 13, "县长")  # 温县至孟州公路 against …公路开工
    report = agreement(first, second)
    assert report.by_type(PERSON) == TypeScore(PERSON, 1, 0, 0)
    assert report.by_type("Project") == TypeScore("Project", 0, 1, 1)
    assert report.relations == (TypeScore("holds_post", 1, 0, 0),)
    other_post = _annotation(tmp_path, "c.jsonl", 15, "副县长")
    assert agreement(first, other_post).relations == (TypeScore("holds_post", 0, 1, 1),)
    # symmetric: the same F1 whichever file comes first
    assert agreement(second, first).micro.f1 == report.micro.f1


def test_agreement_needs_the_same_texts(tmp_path: Path) -> None:
    first = _annotation(tmp_path, "a.jsonl", 15, "县长")
    changed = _annotation(
        tmp_path, "b.jsonl", 15, "县长", text="县长刘明出席温县至孟州公路通车仪式。"
    )
    with pytest.raises(InputError, match="different texts"):
        agreement(first, changed)


def test_the_agreement_script_splits_off_disputed_spans(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    module = _script("agreement")
    first = _annotation(tmp_path, "a.jsonl", 15, "县长")
    second = _annotation(tmp_path, "b.jsonl", 13, "县长")
    assert module.main([str(first), str(second), "--pipeline", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["agreement"]["Project"]["f1"] == 0.0
    # both project readings are disputed: the consensus has no project to find or miss
    consensus = out["pipeline_vs_consensus"]["Project"]
    assert consensus["gold"] == 0
    assert out["pipeline_vs_first"]["Person"]["tp"] == 1
