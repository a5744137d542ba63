"""Property-based tests: arbitrary Unicode through the loader, the pipeline and every writer.

Documents mix fragments of government news of our own writing (so the
extractors fire: places, posts, people, meetings, projects) with random
Unicode: other scripts, control characters, characters outside the BMP,
long runs without punctuation, every kind of quote and bracket. For each
document the pipeline must not fail, every NIF span must quote the text
between its offsets, the RDF must read back the same from every format kg
writes, the SHACL shapes must hold and every IRI must be valid.

The number of examples scales with the Hypothesis profile (see
tests/conftest.py): ``kg-fast`` by default, ``kg-nightly`` for the nightly
run (scripts/reliability.py), which tries over 10^5 examples in all.
Failing examples Hypothesis found are kept as ``@example`` cases.
"""

from __future__ import annotations

import json
import logging
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef

from kg.builder import build_documents, split_document
from kg.documents import decode_bytes, document, load
from kg.errors import InputError
from kg.iri import doc_iri, mint, span_iri, statement_iri
from kg.sentences import MAX_SENTENCE, split_sentences
from kg.shacl import validate
from kg.store import FORMATS, open_graph, ox_inner, save
from kg.vocab import NIF

#: Examples per unit of weight: the profile's ``max_examples``.
BASE = settings.default.max_examples


def scaled(weight: float) -> settings:
    """Settings trying ``weight`` times the profile's example count."""
    return settings(max_examples=max(1, int(BASE * weight)))


# --------------------------------------------------------------------------
# Strategies

#: Pieces of our own fictional government-news prose, by role in a sentence.
DATES = ("3月12日，", "2025年4月8日上午，", "近日，", "6月下旬，", "")
PLACES = ("焦作市", "温县", "武陟县", "郑州市", "河南省", "新疆维吾尔自治区", "孟州市", "沁阳市")
POSTS = ("市委书记", "县长", "副省长", "市人大常委会副主任", "市发展和改革委员会主任", "县委副书记")
PEOPLE = ("王建国", "李红梅", "赵志强", "欧阳晓东", "孙丽", "陈晓光")
ORGS = (
    "市委常委会",
    "县人民政府",
    "焦作高新技术产业开发区管委会",
    "河南省交通运输厅",
    "市水利局",
    "县农业农村局",
)
PROJECTS = (
    "郑州至焦作城际铁路",
    "“十四五”规划",
    "“五星支部”创建",
    "乡村振兴示范园",
    "G207国道改建工程",
)
ACTIONS = (
    "召开全市安全生产工作会议",
    "出席会议并讲话",
    "主持会议",
    "到温县调研秋粮收购工作",
    "强调，要抓好防汛备汛各项工作",
    "听取项目建设情况汇报",
    "在会上对先进单位进行表彰",
)
ENDS = ("。", "！", "；", "……", "。\n", "\n\n", "", "”。", "）", "（记者 陈晓光）")
FRAGMENTS = (*DATES, *PLACES, *POSTS, *PEOPLE, *ORGS, *PROJECTS, *ACTIONS, *ENDS, "——", "，", "、")
#: One sentence of news: date, place and post, person, an organisation or project, an action.
SENTENCE = st.tuples(
    st.sampled_from(DATES),
    st.sampled_from(PLACES),
    st.sampled_from(POSTS),
    st.sampled_from(PEOPLE),
    st.sampled_from(("", *ORGS, *PROJECTS)),
    st.sampled_from(ACTIONS),
    st.sampled_from(ENDS),
).map("".join)
QUOTES = "“”‘’「」『』（）()【】《》〈〉〔〕〖〗〘〙〚〛｢｣«»‹›\"'[]{}<>。！？!?；;…⋯—～・·"
RANDOM = st.text(
    st.characters(exclude_categories=("Cs",)),  # lone surrogates: see their own tests
    max_size=40,
)
ASTRAL = st.text(st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF), max_size=8)
CONTROLS = st.text(
    st.characters(codec=None, categories=("Cc", "Cf", "Zl", "Zp", "Zs")), min_size=1, max_size=6
)
#: A long run without any punctuation: one character many times, or Han at random.
RUNS = st.one_of(
    st.builds(lambda c, n: c * n, st.sampled_from("焦作市a𠀀 "), st.integers(300, 3000)),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=513, max_size=1500),
)
NOISE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(list(QUOTES)),
    RANDOM,
    ASTRAL,
    CONTROLS,
)
TEXTS = st.one_of(
    # mostly news, with noise between sentences
    st.lists(st.one_of(SENTENCE, SENTENCE, SENTENCE, NOISE), min_size=1, max_size=12).map("".join),
    # any mix of pieces, noise inside sentences
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), NOISE), min_size=1, max_size=40).map("".join),
    # long runs without punctuation among sentences
    st.lists(st.one_of(SENTENCE, NOISE, RUNS), min_size=1, max_size=6).map("".join),
).filter(lambda t: t.strip() != "")

#: Kept failing examples (found by Hypothesis, or by hand while writing these tests).
KEPT = (
    "焦作市\x00委书记王建国",
    "市委书记王建国“出席会议并讲话。”\u2028温县",
    "𠀀𠀁焦作市市委书记" + "a" * 600,
    "（（（（（（焦作市。",
    "”」』）温县县长李红梅。",
    "\u202e市委书记王建国\u202c主持会议",
    "焦作市\r\n\r\n\r温县",
    # found by Hypothesis: a name across the forced cut of a 512-character run
    "作" * 507 + "市人大常委会副主任",
)


# --------------------------------------------------------------------------
# Checks on a built dataset


#: Characters an IRI may not hold unencoded (RFC 3987: no spaces, controls, <>"{}|\\^`).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f\ud800-\udfff\ufff0-\uffff]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def iri_problem(iri: str) -> str | None:
    """Why ``iri`` is not a valid absolute IRI, or None."""
    if not _SCHEME.match(iri):
        return "no scheme"
    if _BAD_IRI.search(iri):
        return "character not allowed in an IRI"
    if _PERCENT.search(iri):
        return "stray %"
    if iri.count("#") > 1:
        return "more than one #"
    try:
        ox.NamedNode(iri)
    except ValueError as err:
        return str(err)
    if not URIRef(iri).n3().startswith("<"):
        return "rdflib refuses it"
    return None


ANCHOR, BEGIN, END = str(NIF.anchorOf), str(NIF.beginIndex), str(NIF.endIndex)
IS_STRING, IN_SENTENCE = str(NIF.isString), str(NIF.sentence)


def named_quads(ds: Dataset) -> set[ox.Quad]:
    inner = ox_inner(ds)
    assert inner is not None
    return {q for q in inner if not isinstance(q.graph_name, ox.DefaultGraph)}


def union_triples(ds: Dataset) -> set[ox.Triple]:
    inner = ox_inner(ds)
    assert inner is not None
    return {q.triple for q in inner.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def check_dataset(ds: Dataset, texts: dict[str, str]) -> int:
    """The invariants of one built dataset (``texts``: graph IRI → document text).

    Returns the number of NIF spans (sentences and mentions) checked.
    """
    quads = named_quads(ds)
    assert quads, "nothing was written"
    # the default graph is exactly the set union of the document graphs
    assert union_triples(ds) == {q.triple for q in quads}
    for q in quads:
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                assert iri_problem(term.value) is None, (term.value, iri_problem(term.value))
            assert not isinstance(term, ox.BlankNode)
    by_node: dict[tuple[str, str], dict[str, str]] = {}
    in_sentence: list[tuple[str, str, str]] = []
    for q in quads:
        if q.predicate.value == IN_SENTENCE:
            in_sentence.append((q.graph_name.value, q.subject.value, q.object.value))
        if q.predicate.value in (ANCHOR, BEGIN, END):
            key = (q.graph_name.value, q.subject.value)
            by_node.setdefault(key, {})[q.predicate.value] = q.object.value
        if q.predicate.value == IS_STRING:
            assert q.object.value == texts[q.graph_name.value]
    spans = 0
    for (graph, node), values in by_node.items():
        text = texts[graph]
        begin, end = int(values[BEGIN]), int(values[END])
        if ANCHOR not in values:  # the context: 0 .. len(text)
            assert (begin, end) == (0, len(text))
            continue
        assert 0 <= begin < end <= len(text)
        assert values[ANCHOR] == text[begin:end], (node, begin, end)
        assert node.endswith(f"#char={begin},{end}")
        spans += 1
    for graph, mention, sentence in in_sentence:  # the sentence holds the mention
        m, se = by_node[(graph, mention)], by_node[(graph, sentence)]
        assert int(se[BEGIN]) <= int(m[BEGIN]) and int(m[END]) <= int(se[END]), (mention, sentence)
    return spans


def check_round_trip(ds: Dataset) -> None:
    """Every format kg writes reads back to the same graphs."""
    named, union = named_quads(ds), union_triples(ds)
    with tempfile.TemporaryDirectory() as folder:
        for suffix, (_, _, quads) in FORMATS.items():
            path = Path(folder) / f"out{suffix}"
            save(ds, path)
            back = open_graph(path)
            assert isinstance(back, Dataset)
            if quads:
                assert named_quads(back) == named, suffix
            else:
                assert union_triples(back) == union, suffix


def build_one(text: str, doc_id: str = "doc.txt") -> tuple[Dataset, dict[str, str]]:
    docs = list(split_document(document(text, id=doc_id), max_chars=2000))
    ds = build_documents(docs)
    return ds, {doc_iri(d.id): d.text for d in docs}


# --------------------------------------------------------------------------
# The whole pipeline


@pytest.mark.parametrize("text", KEPT)
def test_kept_examples(text: str) -> None:
    ds, texts = build_one(text)
    check_dataset(ds, texts)
    check_round_trip(ds)
    assert validate(ds).conforms


@scaled(2)
@given(TEXTS)
def test_pipeline_spans_and_iris(text: str) -> None:
    ds, texts = build_one(text)
    spans = check_dataset(ds, texts)
    event("NIF spans: " + ("none" if not spans else "1-9" if spans < 10 else "10+"))


@scaled(1)
@given(TEXTS)
def test_round_trip_and_shapes(text: str) -> None:
    ds, _ = build_one(text)
    check_round_trip(ds)
    report = validate(ds)
    assert report.conforms, report.text


@scaled(1)
@given(st.lists(TEXTS, min_size=2, max_size=4))
def test_several_documents_share_entities(texts: list[str]) -> None:
    docs = [document(t, id=f"d{i}.txt") for i, t in enumerate(texts)]
    ds = build_documents(docs)
    check_dataset(ds, {doc_iri(d.id): d.text for d in docs})


# --------------------------------------------------------------------------
# Lone surrogates: where the loader meets them (JSON escapes, Python strings)

SURROGATES = (
    st.lists(
        st.one_of(
            st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
            st.sampled_from(FRAGMENTS),
            SENTENCE,
        ),
        min_size=1,
        max_size=20,
    )
    .map("".join)
    .filter(lambda t: re.search("[\ud800-\udfff]", t) is not None)
)


@scaled(2)
@given(SURROGATES)
@example("焦作市\ud800市委书记王建国")
def test_lone_surrogates_in_json_lines_are_replaced(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.jsonl"
        record = {"id": "a\udfff", "text": text + "。", "title": "\ud83d标题"}
        path.write_text(json.dumps(record), "ascii")  # \\udXXX escapes, as other tools write
        docs = list(load([path]))
    assert len(docs) == 1
    doc = docs[0]
    assert len(doc.text) == len(json.loads(json.dumps(record["text"])))  # pairs join up
    assert not re.search("[\ud800-\udfff]", doc.text + doc.id + (doc.title or ""))
    ds = build_documents(docs)
    check_dataset(ds, {doc_iri(doc.id): doc.text})
    check_round_trip(ds)


def test_lone_surrogate_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kg.documents"):
        doc = document("温县\udc80县长", id="x")
    assert doc.text == "温县\ufffd县长"
    assert "lone surrogate" in caplog.text


#: Line separators JSON allows unescaped inside a string (str.splitlines() splits at them).
SEPARATORS = st.text(
    st.sampled_from("\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c"), min_size=1, max_size=3
)


@scaled(2)
@given(
    st.lists(
        st.one_of(TEXTS, SEPARATORS, st.tuples(TEXTS, SEPARATORS, TEXTS).map("".join)),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(("\n", "\r\n")),
)
@example(
    ["温县\u2028县长李红梅。", "焦作市\u2029召开会议。", "\x85" + "会议" * 60], "\n"
)  # by hand
def test_json_lines_read_back_record_for_record(texts: list[str], newline: str) -> None:
    records = [{"id": f"r{i}", "text": t} for i, t in enumerate(texts)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]  # U+2028 etc. stay raw
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "news.jsonl"
        path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
        try:
            docs = list(load([path]))
        except InputError as err:  # raw C1 controls (JSON leaves them unescaped) can look binary
            assert "looks binary" in str(err), err
            return
    assert [(d.id, d.text) for d in docs] == [
        (r["id"], r["text"]) for r in records if r["text"].strip()
    ]


# --------------------------------------------------------------------------
# Cheap properties of the parts, run many times


@scaled(10)
@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf\xed\xa0\x80")  # a UTF-8 BOM, then an encoded surrogate
@example(b"\xff\xfe\x00\xd8")  # UTF-16 LE with a lone surrogate
def test_decode_bytes_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, Path("x.txt"))
    except InputError as err:
        assert str(err).startswith("x.txt: ")
        return
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogate gets through


@scaled(10)
@given(st.one_of(TEXTS, st.text(max_size=2000)))
def test_sentences_cover_text_with_exact_offsets(text: str) -> None:
    sentences = split_sentences("d", text)
    last = 0
    for s in sentences:
        assert s.text == text[s.start : s.end]
        assert last <= s.start < s.end
        assert s.end - s.start <= MAX_SENTENCE
        assert text[last : s.start].strip() == ""  # nothing but space between sentences
        last = s.end
    assert text[last:].strip() == ""


@scaled(10)
@given(st.text(), st.integers(0, 10**9), st.integers(0, 10**9))
def test_minted_iris_are_valid(key: str, a: int, b: int) -> None:
    iris = [doc_iri(key), span_iri(key, a, b), statement_iri(key, key)]
    iris += [mint(kind, key) for kind in ("person", "organization", "place", "event", "role")]
    for iri in iris:
        assert iri_problem(iri) is None, iri


@scaled(3)
@given(TEXTS, st.integers(50, 600))
def test_split_document_parts_rejoin(text: str, limit: int) -> None:
    doc = document(text, id="long.txt")
    parts = list(split_document(doc, max_chars=limit))
    if len(text) <= limit:
        assert parts == [doc]
        return
    assert all(len(p.text) <= limit for p in parts)
    joined = "".join(p.text for p in parts)
    assert re.sub(r"\s", "", joined) == re.sub(r"\s", "", text)  # only blank parts dropped


def test_literals_keep_control_characters() -> None:
    """A control character in the text survives every writer (escaped, not dropped)."""
    ds, _ = build_one("焦作市\x01\x1f\x7f市委书记王建国讲话。")
    check_round_trip(ds)
    inner = ox_inner(ds)
    assert inner is not None
    is_string = ox.NamedNode(IS_STRING)
    strings = [q.object.value for q in inner.quads_for_pattern(None, is_string, None)]
    assert "焦作市\x01\x1f\x7f市委书记王建国讲话。" in strings
    assert Literal(strings[0])  # rdflib accepts it too
