"""A character CRF for project names, trained on kg's own annotated gold documents.

The rule grammar in :mod:`kg.extractors.projects` reads names leftwards from a
suffix; this tagger learns where such names open and end from the annotated
``tests/gold`` documents (``scripts/train_project_tagger.py``). Each character
gets the ``kg.tagger`` features (characters, n-grams, jieba words, the
division gazetteer) with jieba's part-of-speech tags in place of its
dictionary tags, plus cues of its own: where a project suffix from
``kg/data/project_suffixes.txt`` covers or follows the character, whether it
stands inside quotation marks, and whether a verb of building (建设, 开工,
推进, 投运 …) comes before or after it in its clause.

Labels are BIOES over all five entity types (the others give the model
context); only Project spans are read back. Each span carries the smallest
marginal probability of its labels, so a caller can keep the confident ones.
"""

from __future__ import annotations

import functools
import json
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from kg.errors import ModelError
from kg.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT
from kg.tagger import labels_from_spans as tagger_labels
from kg.tagger import lexicons, sentence_features

__all__ = [
    "FEATURE_VERSION",
    "LABEL_TYPES",
    "ProjectTagger",
    "default_model_path",
    "features",
    "has_suffix",
    "labels_from_spans",
    "last_suffix_end",
    "name_like",
    "project_tagger",
    "spans_from_labels",
    "well_formed",
    "word_tags",
]

FEATURE_VERSION = 1
MODEL_NAME = "project-crf.crfsuite"
LABEL_TYPES = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION, "EVT": EVENT, "PRJ": PROJECT}
_TYPE_LABELS = {v: k for k, v in LABEL_TYPES.items()}

#: The ``kg.tagger`` templates used; ``tags`` is replaced by part-of-speech tags.
BASE_TEMPLATES = (
    *("c-2", "c-1", "c0", "c+1", "c+2", "c-1c0", "c0c+1", "c-1c+1", "c-1c0c+1"),
    *("class", "word", "shape", "left", "right", "cues"),
)
#: Verbs that put a project in the clause: it is built, opened, pushed on with.
BUILD_VERBS = (
    "建设",
    "开工",
    "推进",
    "投运",
    "建成",
    "通车",
    "竣工",
    "开通",
    "投产",
    "实施",
    "启动",
    "加快",
    "续建",
    "新建",
    "扩建",
    "改造",
    "投资",
    "签约",
    "落地",
    "打造",
    "规划",
    "谋划",
    "运营",
    "贯通",
    "合龙",
    "动工",
)
_CLAUSE_ENDS = frozenset("，。；！？：,;!?:\n")
_OPEN_QUOTES, _CLOSE_QUOTES = '“‘《「『"', '”’》」』"'


def default_model_path() -> Path:
    """The shipped model: ``kg/data/ner/project-crf.crfsuite``."""
    return Path(str(resources.files("kg") / "data" / "ner" / MODEL_NAME))


def labels_from_spans(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIOES labels of ``n`` characters with the typed ``spans`` (kg type names, all five)."""
    return tagger_labels(n, spans, _TYPE_LABELS)


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Well-formed typed spans of a BIOES sequence (B I* E or S; a broken run is dropped).

    >>> spans_from_labels(["O", "B-PRJ", "I-PRJ", "E-PRJ", "S-LOC", "I-ORG"])
    [(1, 4, 'Project'), (4, 5, 'Place')]
    """
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate(labels):
        prefix, kind_i = label[0], label[2:]
        if prefix == "S":
            spans.append((i, i + 1, LABEL_TYPES[kind_i]))
            start = -1
        elif prefix == "B":
            start, kind = i, kind_i
        elif prefix == "I":
            if kind_i != kind:
                start = -1
        elif prefix == "E":
            if start >= 0 and kind_i == kind:
                spans.append((start, i + 1, LABEL_TYPES[kind]))
            start = -1
        else:
            start = -1
    return spans


@functools.cache
def _suffixes() -> dict[str, str]:
    """Project suffixes and their kinds from ``kg/data/project_suffixes.txt``."""
    text = (resources.files("kg") / "data" / "project_suffixes.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            out[parts[0]] = parts[1]
    return out


@functools.cache
def _suffix_automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word, kind in _suffixes().items():
        auto.add_word(word, (len(word), kind))
    auto.make_automaton()
    return auto


def last_suffix_end(text: str) -> int | None:
    """Where the last project suffix in ``text`` ends (exclusive), or ``None`` if none.

    >>> t = "博鳌至万泉旅游公路改建工程开工仪式"
    >>> t[: last_suffix_end(t)]
    '博鳌至万泉旅游公路改建工程'
    """
    ends = [end + 1 for end, _ in _suffix_automaton().iter(text)]
    return max(ends) if ends else None


def _suffix_columns(text: str) -> tuple[list[str], list[str]]:
    """Where the longest suffix covering each character puts it, and how far the next is.

    The first column is ``B/M/E/S`` and the suffix's kind (``-`` outside any);
    the second the distance, bucketed, from the character to the end of the
    next suffix to its right in the same clause, with that suffix's kind.
    """
    n = len(text)
    cover, best = ["-"] * n, [0] * n
    ends: list[tuple[int, str]] = []
    for end, (length, kind) in _suffix_automaton().iter(text):
        start = end - length + 1
        ends.append((end, kind))
        for i in range(start, end + 1):
            if length > best[i]:
                best[i] = length
                pos = "S" if length == 1 else "B" if i == start else "E" if i == end else "M"
                cover[i] = pos + kind
    ahead = ["-"] * n
    ends.sort()
    j = len(ends) - 1
    next_end: tuple[int, str] | None = None
    for i in range(n - 1, -1, -1):
        if text[i] in _CLAUSE_ENDS:
            next_end = None
        while j >= 0 and ends[j][0] >= i:
            if next_end is None or ends[j][0] < next_end[0]:
                next_end = ends[j]
            j -= 1
        if next_end is not None:
            d = next_end[0] - i
            bucket = "0" if d < 2 else "1" if d < 4 else "2" if d < 7 else "3" if d < 11 else "4"
            ahead[i] = bucket + next_end[1]
    return cover, ahead


def has_suffix(text: str) -> bool:
    """Whether a project suffix (``kg/data/project_suffixes.txt``) occurs in ``text``.

    Nearly every project name the tagger finds holds one (in the leave-one-set-out
    runs, 338 of 341 spans), so a sentence without any is not worth tagging.

    >>> has_suffix("郑焦城际铁路建成通车"), has_suffix("他来到村里")
    (True, False)
    """
    return any(True for _ in _suffix_automaton().iter(text))


def _quote_column(text: str) -> list[str]:
    depth, out = 0, []
    for ch in text:
        if ch in _CLOSE_QUOTES and depth and ch != '"':
            depth -= 1
            out.append("c")
        elif ch in _OPEN_QUOTES:
            out.append("o")
            depth = depth + 1 if ch != '"' or not depth else depth - 1
        else:
            out.append("q" if depth else "-")
    return out


def _verb_column(text: str) -> list[str]:
    """``V`` if a building verb starts earlier in the character's clause, ``v`` if later.

    >>> _verb_column("加快建设某铁路，完成")
    ['v', 'Vv', 'V', 'V', 'V', 'V', 'V', 'V', '-', '-']
    """
    n = len(text)
    starts = [False] * n
    for verb in BUILD_VERBS:
        for i in _find_all(text, verb):
            starts[i] = True
    before = [False] * n
    seen = False
    for i, ch in enumerate(text):
        before[i] = seen
        seen = (seen or starts[i]) and ch not in _CLAUSE_ENDS
    out = ["-"] * n
    ahead = False
    for i in range(n - 1, -1, -1):
        if text[i] in _CLAUSE_ENDS:
            ahead = False
        out[i] = ("V" if before[i] else "") + ("v" if ahead else "") or "-"
        ahead = ahead or starts[i]
    return out


def _find_all(text: str, word: str) -> Iterable[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


class _Encoded(dict[str, bytes]):
    """Attribute strings as the UTF-8 bytes CRFsuite stores, each encoded once.

    The strings come from small closed sets (tags, suffixes, distance buckets).
    """

    def __missing__(self, key: str) -> bytes:
        value = self[key] = key.encode()
        return value


_ENCODED = _Encoded()


def features(
    text: str, words: Sequence[str], pos: Sequence[str] | None = None
) -> list[tuple[bytes | str, ...]]:
    """CRF attributes of each character of ``text``, cut into ``words`` tagged ``pos``.

    Without ``pos`` the words' dictionary tags stand in for jieba's tagging
    (:func:`word_tags`): what the shipped model is trained with, since
    ``jieba.posseg`` would cost the pipeline several times its segmentation.
    """
    if not text:
        return []
    lex = lexicons()
    base = sentence_features(text, words, BASE_TEMPLATES, lex)
    if pos is None:
        pos = word_tags(words)
    enc = _ENCODED.__getitem__
    tags: list[bytes] = []
    left: list[bytes] = []
    right: list[bytes] = []
    padded = ["^", *pos, "$"]
    for k, w in enumerate(words):
        size, tag = len(w), pos[k]
        if size == 1:
            tags.append(enc("pS" + tag))
        else:
            tags += [enc("pB" + tag), *[enc("pM" + tag)] * (size - 2), enc("pE" + tag)]
        left += [enc("pl" + padded[k])] * size
        right += [enc("pr" + padded[k + 2])] * size
    cover, ahead = _suffix_columns(text)
    quotes, verbs = _quote_column(text), _verb_column(text)
    here = [enc("x" + c) for c in cover]
    before = [enc("xp^"), *(enc("xp" + c) for c in cover[:-1])]
    after = [*(enc("xn" + c) for c in cover[1:]), enc("xn$")]
    ahead_at = [enc("xa" + a) for a in ahead]
    quoted = [enc("q" + q) for q in quotes]
    verb = [enc("v" + v) for v in verbs]
    verb_ahead = [enc("va" + v + a) for v, a in zip(verbs, ahead, strict=True)]
    return [
        (*row, *rest)
        for row, *rest in zip(
            base,
            tags,
            left,
            right,
            here,
            before,
            after,
            ahead_at,
            quoted,
            verb,
            verb_ahead,
            strict=True,
        )
    ]


#: Dictionary tags of jieba words that open no name: verbs, prepositions,
#: conjunctions, pronouns, adverbs, particles, and adjectives and other
#: descriptive words (平安铁路, 中小型电站: a kind, not a name, as the project
#: rules decide too); numerals do open one (十大工程).
_NOT_OPENING = ("v", "p", "c", "r", "d", "u", "a", "b")


def name_like(words: Sequence[str], tags: Sequence[str], start: int, end: int) -> bool:
    """Whether characters ``start:end`` of the ``words`` (dictionary ``tags``) read as a name.

    The word holding the first character must not be a stop word of the project
    rules (``kg/data/project_stops.txt``: 新建, 是, 首条 …) nor tagged as a verb,
    preposition, conjunction, pronoun, adverb, particle or adjective; the words after it
    inside the span no stop word either, but for those a name holds
    (:data:`INSIDE_NAMES`: 续建…与…改造工程, 二期, 至, 项目); and the text must be
    :func:`well_formed`.

    >>> words = ["新建", "航站楼", "和", "西康", "高速铁路"]
    >>> tags = word_tags(words)
    >>> [name_like(words, tags, *span) for span in ((0, 5), (2, 5), (6, 12), (3, 12))]
    [False, True, True, False]
    """
    if not well_formed("".join(words)[start:end]):
        return False
    at = 0
    stops = _stops()
    for word, tag in zip(words, tags, strict=True):
        nxt = at + len(word)
        if at <= start < nxt and (word in stops or tag.startswith(_NOT_OPENING)):
            return False
        if start < at < end and word in stops and word not in INSIDE_NAMES:
            return False
        at = nxt
    return start < at


#: Stop words of the project rules that a name may hold after its first word:
#: works and phases (某灌区续建配套与现代化改造工程, 某机场二期扩建工程), the two ends
#: of a line (某地至某地高速公路), 项目, 重点 and 开发 (某重点开发开放试验区).
INSIDE_NAMES = frozenset(
    "与 至 续建 新建 改建 扩建 改扩建 修建 兴建 一期 二期 三期 四期 首期 先期 先开段 期 段 "  # noqa: SIM905
    "标段 项目 建设 重大 重点 开发 主体 全线 沿线".split()
)


#: Punctuation a project name may hold: a dash between two ends
#: (黑河—布拉戈维申斯克界河公路大桥), brackets (中国（辽宁）自由贸易试验区), a middle dot.
_NAME_MARKS = frozenset("—–-－·・()（）")


def well_formed(text: str) -> bool:
    """Whether ``text`` can be one name: no punctuation but dashes, a middle dot and
    balanced brackets (a list comma or a dateline's bracket joins two things).

    >>> [well_formed(t) for t in ("中国（辽宁）自贸试验区", "某灌区、某水库", "某电（某某水库")]
    [True, False, False]
    """
    depth = 0
    for ch in text:
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth -= 1
            if depth < 0:
                return False
        elif unicodedata.category(ch).startswith("P") and ch not in _NAME_MARKS:
            return False
    return depth == 0


@functools.cache
def _stops() -> frozenset[str]:
    text = (resources.files("kg") / "data" / "project_stops.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split())


def word_tags(words: Sequence[str]) -> list[str]:
    """jieba's dictionary part of speech of each word (``?`` for a word not in it)."""
    tags = lexicons().word_tags
    return [tags.get(w, "?") for w in words]


class ProjectTagger:
    """The project CRF: labels, spans and each span's confidence."""

    def __init__(self, model_path: str | Path | None = None) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        self._lock = threading.Lock()
        self._tagger: Any = None
        #: What the model's tag features read: ``dict`` (dictionary tags) or ``pos`` (posseg).
        self.tags = "dict"

    def _load(self) -> Any:
        if self._tagger is None:
            import pycrfsuite

            meta = self.model_path.with_suffix(".json")
            if not self.model_path.is_file() or not meta.is_file():
                raise ModelError(
                    f"{self.model_path}: no project model (with its .json) there; train one "
                    "with scripts/train_project_tagger.py or reinstall kg"
                )
            info = json.loads(meta.read_text("utf-8"))
            version = info.get("feature_version")
            if version != FEATURE_VERSION:
                raise ModelError(
                    f"{self.model_path}: trained with feature version {version}, this kg "
                    f"computes version {FEATURE_VERSION}; retrain with "
                    "scripts/train_project_tagger.py"
                )
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(str(self.model_path))
            except (OSError, ValueError) as err:
                raise ModelError(f"{self.model_path}: not a CRFsuite model ({err})") from err
            self.tags = info.get("tags", "dict")
            self._tagger = tagger
        return self._tagger

    def spans(
        self, text: str, words: Sequence[str], pos: Sequence[str] | None = None
    ) -> list[tuple[int, int, str, float]]:
        """``(start, end, type, confidence)`` of the names found in ``text``.

        ``words`` are jieba's cut of ``text``; ``pos`` its posseg tags, read only
        by a model trained with them. The confidence is the smallest marginal
        probability of the span's labels.
        """
        if not text:
            return []
        with self._lock:
            model = self._load()
            if self.tags == "dict":
                pos = None
            elif pos is None:
                raise ModelError(f"{self.model_path}: this model needs part-of-speech tags")
            labels = model.tag(features(text, words, pos))
            out = []
            for start, end, type_ in spans_from_labels(labels):
                p = min(model.marginal(labels[i], i) for i in range(start, end))
                out.append((start, end, type_, p))
            return out


@functools.cache
def project_tagger() -> ProjectTagger:
    """The process-wide tagger with the shipped model."""
    return ProjectTagger()
