from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents import document
from kg.errors import ModelError
from kg.model import ORGANIZATION, PERSON, PLACE, Mention
from kg.pipeline import Pipeline
from kg.segment import segmenter
from kg.tagger import (
    DEFAULT_TEMPLATES,
    CRFTagger,
    NameList,
    fold,
    labels_from_spans,
    sentence_features,
    spans_from_labels,
    tagger,
)


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["B-PER", "E-PER", "O", "S-LOC"], [(0, 2, PERSON), (3, 4, PLACE)]),
        (["B-ORG", "I-ORG", "I-ORG", "E-ORG"], [(0, 4, ORGANIZATION)]),
        (["O", "O"], []),
        # lenient reading of ill-formed runs
        (["I-PER", "E-PER"], [(0, 2, PERSON)]),
        (["B-PER", "I-PER"], [(0, 2, PERSON)]),
        (["B-PER", "B-LOC", "E-LOC"], [(0, 1, PERSON), (1, 3, PLACE)]),
        (["B-PER", "I-LOC", "E-LOC"], [(0, 1, PERSON), (1, 3, PLACE)]),
        (["B-PER", "O", "E-PER"], [(0, 1, PERSON), (2, 3, PERSON)]),
    ],
)
def test_spans_from_labels(labels: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert spans_from_labels(labels) == spans


def test_labels_round_trip() -> None:
    spans = [(0, 1, PERSON), (1, 4, ORGANIZATION), (6, 8, PLACE)]
    labels = labels_from_spans(9, spans)
    assert labels == ["S-PER", "B-ORG", "I-ORG", "E-ORG", "O", "O", "B-LOC", "E-LOC", "O"]
    assert spans_from_labels(labels) == spans


def words(text: str) -> list[str]:
    return [t.text for t in segmenter().words(text)]


def features(*args: object, **kw: object) -> list[tuple[str, ...]]:
    """sentence_features with its UTF-8 attributes decoded, for readable assertions."""
    raw = sentence_features(*args, **kw)  # type: ignore[arg-type]
    assert all(isinstance(a, bytes) for item in raw for a in item)
    return [tuple(a.decode() for a in item) for item in raw]


def test_features_one_tuple_per_character() -> None:
    text = "市委书记刘明在焦作市讲话。"
    feats = features(text, words(text))
    assert len(feats) == len(text)
    assert {len(f) for f in feats} == {len(DEFAULT_TEMPLATES)}  # every template, every character
    assert "c刘" in feats[4] and "b记" in feats[4] and "d明" in feats[4]
    assert features(text, words(text)) == feats  # deterministic


def test_features_read_the_lexicons() -> None:
    text = "刘明到焦作市"
    names = NameList({"刘明": "PER"})
    templates = ("word", "left", "lexicon", "names", "cues")
    feats = features(text, ["刘明", "到", "焦作市"], templates, names=names)
    assert "G-1" in feats[0]  # 刘 is a surname
    assert [feats[i][2] for i in (3, 4, 5)] == [
        "GB1",
        "GM0",
        "GE0",
    ]  # 焦 is a surname too
    assert "xB焦作市" in feats[3] and "l到" in feats[3]
    assert "DBPER" in feats[0] and "DEPER" in feats[1] and "D" in feats[2]
    assert feats[0][-1] == "G-1z"  # cues: lexicon and context flags in one attribute


def test_features_context_flags() -> None:
    feats = features(
        "市长刘明到焦作市水利局", ["市长", "刘明", "到", "焦作市", "水利局"], ["context"]
    )
    assert [f[0] for f in feats[2:4]] == ["zT", "zT"]  # a title before 刘明
    assert feats[0] == ("z",)
    assert feats[4] == ("z2",)  # 到: an organisation suffix word two words on
    assert feats[5] == ("z1",)  # 焦作市: an organisation suffix word follows
    assert feats[-1] == ("zO",)  # 水利局 ends with 局


def test_features_fold_width_and_digits() -> None:
    assert fold("１９９８年ＡＢ") == "0000年ab"
    wide, narrow = (
        features("１９９８年", ["１９９８", "年"]),
        features("2005年", ["2005", "年"]),
    )
    assert wide == narrow


def test_name_list_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "m.names.tsv"
    NameList({"焦作市水利局": "ORG", "刘明": "PER"}).write(path)
    assert NameList.read(path).entries == {"焦作市水利局": "ORG", "刘明": "PER"}
    assert NameList({}).column("刘明") == [b"D", b"D"]


def test_features_need_matching_words() -> None:
    with pytest.raises(ValueError, match="concatenate"):
        features("刘明到焦作", ["刘明", "到"])


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"train_ner\.py"):
        CRFTagger(tmp_path / "none.crfsuite").spans("刘明", ["刘明"])


def test_bad_model_is_a_model_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.crfsuite"
    path.write_bytes(b"not a model")
    path.with_suffix(".json").write_text('{"feature_version": 2, "templates": ["c0"]}')
    with pytest.raises(ModelError, match="not a CRFsuite model"):
        CRFTagger(path).spans("刘明", ["刘明"])


def test_feature_version_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "m.crfsuite"
    path.write_bytes(b"")
    path.with_suffix(".json").write_text('{"feature_version": -1}', "utf-8")
    with pytest.raises(ModelError, match="retrain"):
        CRFTagger(path).spans("刘明", ["刘明"])


# The shipped model on unambiguous sentences of our own writing.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "国务院总理李鹏今天在北京会见了日本客人。",
            {("李鹏", PERSON), ("北京", PLACE), ("日本", PLACE)},
        ),
        (
            "河南省人民政府副省长王建国出席会议。",
            {("河南省人民政府", ORGANIZATION), ("王建国", PERSON)},
        ),
        ("会议由焦作市委副书记刘志强主持。", {("焦作市委", ORGANIZATION), ("刘志强", PERSON)}),
    ],
)
def test_shipped_model(text: str, expected: set[tuple[str, str]]) -> None:
    found = {(text[s:e], t) for s, e, t in tagger().spans(text, words(text))}
    assert expected <= found


def test_crf_extractor_in_the_pipeline() -> None:
    text = "国务院总理李鹏今天在北京会见了日本客人。\n会议由焦作市委副书记刘志强主持。"
    result = Pipeline(["crf"])(document(text))
    found = {(m.text, m.type, m.extractor) for m in result.mentions}
    assert ("李鹏", PERSON, "crf") in found
    assert ("刘志强", PERSON, "crf") in found
    for m in result.mentions:
        assert text[m.start : m.end] == m.text


def test_crf_extractor_re_cuts_pos_tokens() -> None:
    from kg.extractors.crf import crf

    doc = document("国务院总理李鹏今天在北京会见了日本客人。")
    with_words = Pipeline(["crf"]).analyse(doc)
    with_pos = Pipeline(["jieba-pos"]).analyse(doc)
    assert with_pos.tokens[0].pos and not with_words.tokens[0].pos
    assert list(crf(with_pos)) == list(crf(with_words))


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("出席的委员有王大明、白克明、曹克明、蔡述明、刘志强。", "白克明", True),  # a list of names
        ("会上，张浦镇、周市镇、陆家镇获评先进镇。", "周市镇", False),  # a list of towns
        ("要营造亲商、安商、富商、养商的环境。", "安商", False),  # a parallel phrase
    ],
)
def test_name_lists(text: str, name: str, kept: bool) -> None:
    from kg.extractors.crf import _in_name_list

    analysis = Pipeline(["crf"]).analyse(document(text))
    start = text.index(name)
    mention = Mention.span(analysis.doc, start, start + len(name), PERSON, "crf")
    assert _in_name_list(analysis, mention) is kept


@pytest.mark.parametrize(
    ("text", "name", "kept"),
    [
        ("赵家岭二矿今年安全生产无事故。", "赵家岭", False),  # a mine named like a person
        ("孙桥村新修了三条水泥路。", "孙桥", False),  # a village
        ("陈立华厂长介绍了技改情况。", "陈立华", True),  # name then title
        ("王秀英村民领到了补贴。", "王秀英", True),
        ("区长韩德明主持会议。", "韩德明", True),
    ],
)
def test_name_before_a_unit(text: str, name: str, kept: bool) -> None:
    from kg.extractors.crf import _plausible_person

    analysis = Pipeline(["crf"]).analyse(document(text))
    start = text.index(name)
    mention = Mention.span(analysis.doc, start, start + len(name), PERSON, "crf")
    assert _plausible_person(analysis, mention) is kept


def test_crf_organisation_leaves_the_term_to_the_session() -> None:
    # 八届|全国政协: the term belongs to the session; the body is the standing one
    from kg.extractors.crf import crf

    doc = document("八届全国政协第三次会议审议了报告。")
    spans = {m.text for m in crf(Pipeline(["crf"]).analyse(doc)) if m.type == ORGANIZATION}
    assert "全国政协" in spans and not any("届" in t for t in spans)


def test_crf_starts_no_organisation_after_a_term() -> None:
    from kg.extractors.crf import crf

    doc = document("中国人民政治协商会议第十五届全国委员会常务委员会举行会议。")
    spans = {m.text for m in crf(Pipeline(["crf"]).analyse(doc)) if m.type == ORGANIZATION}
    assert not any(t.startswith(("全国委员会", "委员会")) for t in spans)


@pytest.mark.parametrize(
    ("text", "word", "kept"),
    [
        ("项目西起南谯区，经来安县，东至天长市，全长62公里。", "东至", False),  # a direction
        ("沿线的嘉定新城和青浦新城将加快导入产业。", "新城", False),  # part of a name
        ("池州市东至县召开会议，东至县委书记出席。", "东至县", True),  # a county in full
    ],
)
def test_crf_place_named_like_a_guarded_division(text: str, word: str, kept: bool) -> None:
    # a division's short name that is also an ordinary word: only where divisions reads it
    from kg.extractors.crf import crf

    places = {m.text for m in crf(Pipeline(["crf"]).analyse(document(text))) if m.type == PLACE}
    assert (word in places) is kept
