"""A character-level CRF tagger for people, places and organisations.

Each character of a sentence gets a BIOES label (``B-PER``, ``E-ORG``, ``O`` …)
from a linear-chain CRF (CRFsuite, via python-crfsuite) trained on the People's
Daily 1998 corpus by ``scripts/train_ner.py``. Its features are the characters
around the current one and their bigrams, the jieba word the character lies
in (position, identity, dictionary part of speech) and the words either side,
and three lexicons: the administrative divisions of ``kg/data/divisions.tsv``,
the surnames of ``kg/data/surnames.txt`` and the titles and organisation
suffixes under ``kg/data/ner/``. Nothing is loaded until the first sentence
is tagged; the model card is ``kg/data/ner/MODEL_CARD.md``.

    >>> labels = ["B-PER", "I-PER", "E-PER", "O", "S-LOC"]
    >>> spans_from_labels(labels)
    [(0, 3, 'Person'), (4, 5, 'Place')]
    >>> labels_from_spans(5, [(0, 3, "Person"), (4, 5, "Place")]) == labels
    True
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from itertools import chain, repeat
from operator import add
from pathlib import Path
from typing import Any

from kg.errors import ModelError
from kg.model import ORGANIZATION, PERSON, PLACE

__all__ = [
    "DEFAULT_TEMPLATES",
    "FEATURE_VERSION",
    "LABEL_TYPES",
    "TEMPLATES",
    "CRFTagger",
    "Lexicons",
    "NameList",
    "default_model_path",
    "fold",
    "labels_from_spans",
    "lexicons",
    "sentence_features",
    "spans_from_labels",
    "tagger",
]

log = logging.getLogger(__name__)

#: Bumped whenever :func:`sentence_features` changes; a model records the
#: version it was trained with and refuses to load under another.
FEATURE_VERSION = 2
#: Label suffix → kg type.
LABEL_TYPES = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}
_TYPE_LABELS = {v: k for k, v in LABEL_TYPES.items()}
MODEL_NAME = "pfr-crf.crfsuite"


def default_model_path() -> Path:
    """Where the shipped model lives: ``kg/data/ner/pfr-crf.crfsuite``."""
    return Path(str(resources.files("kg") / "data" / "ner" / MODEL_NAME))


# --- labels ----------------------------------------------------------------


def labels_from_spans(
    n: int, spans: Iterable[tuple[int, int, str]], tags: Mapping[str, str] | None = None
) -> list[str]:
    """BIOES labels of ``n`` characters with the typed ``spans`` (kg type names).

    ``tags`` names each type's label (this tagger's PER, LOC, ORG by default).
    """
    tags = _TYPE_LABELS if tags is None else tags
    labels = ["O"] * n
    for start, end, type_ in spans:
        tag = tags[type_]
        if end - start == 1:
            labels[start] = f"S-{tag}"
            continue
        labels[start] = f"B-{tag}"
        for i in range(start + 1, end - 1):
            labels[i] = f"I-{tag}"
        labels[end - 1] = f"E-{tag}"
    return labels


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Typed spans of a BIOES label sequence; ill-formed runs are read leniently.

    A span starts at ``B``/``S`` (or an ``I``/``E`` that does not continue
    one) and ends at ``E``/``S``, at a change of type, or before ``O``/``B``.
    """
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, label in enumerate(labels):
        prefix, kind_i = label[0], label[2:]
        if start >= 0 and (prefix in "BSO" or kind_i != kind):
            spans.append((start, i, LABEL_TYPES[kind]))
            start = -1
        if prefix == "O":
            continue
        if start < 0:
            start, kind = i, kind_i
        if prefix in "ES":
            spans.append((start, i + 1, LABEL_TYPES[kind]))
            start = -1
    if start >= 0:
        spans.append((start, len(labels), LABEL_TYPES[kind]))
    return spans


# --- lexicons --------------------------------------------------------------


class Lexicons:
    """The word lists the features consult, loaded once per process."""

    def __init__(self) -> None:
        data = resources.files("kg") / "data"
        self.surnames = _words((data / "surnames.txt").read_text("utf-8"))
        self.titles = _words((data / "ner" / "titles.txt").read_text("utf-8"))
        self.org_suffixes = _words((data / "ner" / "org_suffixes.txt").read_text("utf-8"))
        self.places = _division_names((data / "divisions.tsv").read_text("utf-8"))
        self.word_tags = _word_tags()
        import ahocorasick

        auto = ahocorasick.Automaton()
        for name in self.places:
            auto.add_word(name, len(name))
        auto.make_automaton()
        self.place_automaton = auto
        self.max_suffix = max(map(len, self.org_suffixes))
        self.word_cache = _Cache(lambda w: _Word(w, self))
        self.surname_flags = _Cache(lambda ch: b"1" if ch in self.surnames else b"0")
        self.compound_surnames = tuple(sorted(w for w in self.surnames if len(w) == 2))


def _words(text: str) -> frozenset[str]:
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def _division_names(text: str) -> frozenset[str]:
    """Full names, short names and former names of every division."""
    names: set[str] = set()
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        names.update(cols[1:3])
        if len(cols) > 5 and cols[5]:
            names.update(a.partition("@")[0] for a in cols[5].split("|"))
    return frozenset(n for n in names if len(n) >= 2)


def _word_tags() -> dict[str, str]:
    """jieba's dictionary part of speech per word, with kg's user dictionaries on top.

    This is the static tag of the dictionary entry (no HMM, no context), so
    it costs a lookup per word instead of running ``jieba.posseg``.
    """
    from kg.segment import segmenter, user_dictionaries

    tags = dict(segmenter().main_dictionary_tags)
    for path in user_dictionaries():
        for line in path.read_text("utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and not line.startswith("#"):
                tags[parts[0]] = parts[2]
    return tags


@functools.cache
def lexicons() -> Lexicons:
    """The process-wide :class:`Lexicons`."""
    return Lexicons()


class NameList:
    """Names the training data marks as entities, matched in text for the ``names`` template.

    A model ships with the list it was trained with (``<model>.names.tsv``:
    name, tab, ``PER``/``LOC``/``ORG``). Training computes the feature for
    each part of the corpus from a list built without that part, so the
    model learns how far a match can be trusted on names it has not seen.
    """

    def __init__(self, entries: Mapping[str, str]) -> None:
        self.entries = dict(entries)
        self._automaton: Any = None
        if self.entries:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for name, tag in self.entries.items():
                auto.add_word(name, (len(name), tag.encode()))
            auto.make_automaton()
            self._automaton = auto

    @classmethod
    def read(cls, path: Path) -> NameList:
        entries = {}
        for line in path.read_text("utf-8").splitlines():
            name, _, tag = line.partition("\t")
            if name and tag in LABEL_TYPES:
                entries[name] = tag
        return cls(entries)

    def write(self, path: Path) -> None:
        lines = [f"{name}\t{tag}\n" for name, tag in sorted(self.entries.items())]
        path.write_text("".join(lines), "utf-8")

    def column(self, text: str) -> list[bytes]:
        """Per character: position in the longest listed name covering it, and its type."""
        n = len(text)
        out = [b"D"] * n
        if self._automaton is None:
            return out
        best = [0] * n
        for end, (length, tag) in self._automaton.iter(text):
            start = end - length + 1
            for i in range(start, end + 1):
                if length > best[i]:
                    best[i] = length
                    out[i] = (b"DB" if i == start else b"DE" if i == end else b"DM") + tag
        return out


# --- features --------------------------------------------------------------

#: Every feature template :func:`sentence_features` can compute, by name.
TEMPLATES = (
    "c-2",  # the character two to the left, …
    "c-1",
    "c0",
    "c+1",
    "c+2",
    "c-1c0",  # character bigrams and trigram
    "c0c+1",
    "c-1c+1",
    "c-1c0c+1",
    "class",  # Han, digit, Latin, space or punctuation
    "word",  # the jieba word holding the character, with the character's position in it
    "shape",  # position in the word, word length and the word's dictionary tag
    "left",  # the word before
    "right",  # the word after
    "tags",  # dictionary tags of the words before and after
    "context",  # a title before/after, an organisation suffix in or after the word
    "lexicon",  # division-name match position and surname flags
    "names",  # match position in the names the training data marks as entities
    "cues",  # "lexicon" and "context" as one attribute
)
#: The templates ``scripts/train_ner.py`` trains with unless told otherwise.
DEFAULT_TEMPLATES = (
    *("c-2", "c-1", "c0", "c+1", "c+2", "c-1c0", "c0c+1", "c-1c+1", "c-1c0c+1"),
    *("class", "word", "shape", "left", "right", "tags", "names", "cues"),
)

# Feature strings see width-folded characters and one digit: ６ and 6 are alike.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20})
_FOLD.update({ord(d): ord("0") for d in "123456789"})
_FOLD.update({ord(d): ord("0") for d in "０１２３４５６７８９"})
_FOLD.update({i: i + 32 for i in range(ord("A"), ord("Z") + 1)})
_FOLD.update({i: i - 0xFEE0 + 32 for i in range(0xFF21, 0xFF3B)})
_FOLD_TABLE = str.maketrans({k: chr(v) for k, v in _FOLD.items()})


def fold(text: str) -> str:
    """``text`` as the feature templates see it (same length; never stored)."""
    return text.translate(_FOLD_TABLE)


def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "kH"
    if ch.isdigit():
        return "kD"
    if ch.isalpha():
        return "kL"
    if ch.isspace():
        return "kS"
    return "kP"


class _Cache(dict[str, Any]):
    """Values computed once per key by ``make``: attribute strings repeat constantly.

    Bounded: cleared when it grows past ``limit`` keys, so a long run over
    novel text cannot grow it without end.
    """

    def __init__(self, make: Any, limit: int = 200_000) -> None:
        super().__init__()
        self.make = make
        self.limit = limit

    def __missing__(self, key: str) -> Any:
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.make(key)
        return value


def _prefixed(prefix: str) -> _Cache:
    return _Cache(lambda key: (prefix + key).encode())


_UNIGRAMS = {t: _prefixed(p) for t, p in zip(TEMPLATES[:5], "abcde", strict=True)}
_LEFT = {t: _prefixed(p) for t, p in zip(TEMPLATES[5:9], "fghj", strict=True)}
_CLASSES = _Cache(lambda ch: _char_class(ch).encode())
_BYTES = _Cache(str.encode)


class _Word:
    """What the templates need of one word, computed once per distinct word."""

    __slots__ = ("as_left", "as_right", "ident", "org", "shape", "size", "tag", "title")

    def __init__(self, w: str, lex: Lexicons | None) -> None:
        size = len(w)
        self.size = size
        if lex is None:  # the sentence boundary, before the first or after the last word
            self.ident = self.shape = ()
            self.as_left, self.as_right, self.tag = b"l<", b"r>", w
            self.title = self.org = False
            return
        tag = lex.word_tags.get(w, "?")
        folded = fold(w)
        pos = ("S",) if size == 1 else ("B", *("M" * (size - 2)), "E")
        sz = str(min(size, 5))
        self.ident = tuple(("x" + p + folded).encode() for p in pos)
        self.shape = tuple(("p" + p + sz + tag).encode() for p in pos)
        self.as_left, self.as_right = ("l" + folded).encode(), ("r" + folded).encode()
        self.tag = tag
        self.title = w in lex.titles
        self.org = size > 1 and any(
            w[-k:] in lex.org_suffixes for k in range(1, min(size, lex.max_suffix) + 1)
        )


_START, _END = _Word("<", None), _Word(">", None)
_TAG_PAIRS = _Cache(lambda pair: ("u" + pair).encode())


def sentence_features(
    text: str,
    words: Sequence[str],
    templates: Sequence[str] = DEFAULT_TEMPLATES,
    lex: Lexicons | None = None,
    names: NameList | None = None,
) -> list[tuple[bytes, ...]]:
    """CRF attributes of each character of ``text``, segmented into ``words``.

    ``words`` must concatenate to ``text`` (jieba's ``lcut`` of it);
    ``templates`` are names from :data:`TEMPLATES`; ``names`` is the list the
    ``names`` template matches. The attributes are short UTF-8 strings as
    bytes (what CRFsuite stores: handing it bytes saves an encoding per
    attribute), one tuple per character, in template order.
    """
    lex = lex or lexicons()
    n = len(text)
    folded = fold(text)
    padded = ["<", "<", *folded, ">", ">"]
    raw = list(map(_BYTES.__getitem__, padded))
    cache = lex.word_cache
    ws = [cache[w] for w in words]
    if sum(w.size for w in ws) != n:
        raise ValueError("words do not concatenate to the text")
    word_cols: dict[str, list[bytes]] | None = None
    cols: list[list[bytes]] = []
    for name in templates:
        if name in _UNIGRAMS:
            k = TEMPLATES.index(name)
            cols.append(list(map(_UNIGRAMS[name].__getitem__, padded[k : k + n])))
        elif name == "c-1c0":
            left = map(_LEFT[name].__getitem__, padded[1 : n + 1])
            cols.append(list(map(add, left, raw[2 : n + 2])))
        elif name == "c0c+1":
            left = map(_LEFT[name].__getitem__, padded[2 : n + 2])
            cols.append(list(map(add, left, raw[3 : n + 3])))
        elif name == "c-1c+1":
            left = map(_LEFT[name].__getitem__, padded[1 : n + 1])
            cols.append(list(map(add, left, raw[3 : n + 3])))
        elif name == "c-1c0c+1":
            left = map(_LEFT[name].__getitem__, padded[1 : n + 1])
            mid = map(add, left, raw[2 : n + 2])
            cols.append(list(map(add, mid, raw[3 : n + 3])))
        elif name == "class":
            cols.append(list(map(_CLASSES.__getitem__, text)))
        elif name == "lexicon":
            cols.append(_lexicon_column(text, lex))
        elif name == "cues":
            if word_cols is None:
                word_cols = _word_columns(ws)
            cols.append(list(map(add, _lexicon_column(text, lex), word_cols["context"])))
        elif name == "names":
            cols.append(names.column(text) if names is not None else [b"D"] * n)
        elif name in ("word", "shape", "left", "right", "tags", "context"):
            if word_cols is None:
                word_cols = _word_columns(ws)
            cols.append(word_cols[name])
        else:
            raise ValueError(f"unknown feature template {name!r}; use one of {TEMPLATES}")
    return list(zip(*cols, strict=True))


def _word_columns(ws: list[_Word]) -> dict[str, list[bytes]]:
    """Columns of the word templates: every character of a word shares its context."""
    padded = [_START, *ws, _END, _END]
    sizes = [w.size for w in ws]
    befores, afters = padded[:-3], padded[2:-1]
    context = []
    for before, w, after, after2 in zip(befores, ws, afters, padded[3:], strict=True):
        flag = "z"
        if before.title:
            flag += "T"
        if after.title:
            flag += "t"
        if w.org:
            flag += "O"
        elif after.org:
            flag += "1"
        elif after2.org:
            flag += "2"
        context.append(_BYTES[flag])
    pairs = [b.tag + "_" + a.tag for b, a in zip(befores, afters, strict=True)]

    def spread(values: Iterable[bytes]) -> list[bytes]:
        return list(chain.from_iterable(map(repeat, values, sizes)))

    return {
        "word": list(chain.from_iterable(w.ident for w in ws)),
        "shape": list(chain.from_iterable(w.shape for w in ws)),
        "left": spread(w.as_left for w in befores),
        "right": spread(w.as_right for w in afters),
        "tags": spread(map(_TAG_PAIRS.__getitem__, pairs)),
        "context": spread(context),
    }


def _lexicon_column(text: str, lex: Lexicons) -> list[bytes]:
    """Division-name match position (longest match covering the character) and surname."""
    n = len(text)
    gaz = [b"G-"] * n
    best = [0] * n
    for end, length in lex.place_automaton.iter(text):
        start = end - length + 1
        for i in range(start, end + 1):
            if length > best[i]:
                best[i] = length
                gaz[i] = b"GB" if i == start else b"GE" if i == end else b"GM"
    flags = list(map(lex.surname_flags.__getitem__, text))
    for name in lex.compound_surnames:
        at = text.find(name)
        while at >= 0:
            flags[at] = b"2"
            at = text.find(name, at + 1)
    return list(map(add, gaz, flags))


# --- the tagger ------------------------------------------------------------


class CRFTagger:
    """A CRFsuite model with the feature function it was trained with.

    Loading is lazy and guarded by a lock; tagging is serialised because a
    CRFsuite tagger is not thread-safe.
    """

    def __init__(self, model_path: str | Path | None = None) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        self._lock = threading.Lock()
        self._tagger: Any = None
        self.info: dict[str, Any] = {}
        self.templates: tuple[str, ...] = DEFAULT_TEMPLATES
        self.names: NameList | None = None

    def _load(self) -> Any:
        if self._tagger is None:
            try:
                import pycrfsuite
            except ImportError as err:
                raise ModelError(
                    "the CRF tagger needs python-crfsuite: pip install python-crfsuite"
                ) from err
            meta = self.model_path.with_suffix(".json")
            if not self.model_path.is_file() or not meta.is_file():
                raise ModelError(
                    f"{self.model_path}: no CRF model (with its .json) there; train one "
                    "with scripts/train_ner.py or reinstall kg"
                )
            try:
                info = json.loads(meta.read_text("utf-8"))
            except (OSError, ValueError) as err:
                raise ModelError(f"{meta}: unreadable model metadata ({err})") from err
            version = info.get("feature_version")
            if version != FEATURE_VERSION:
                raise ModelError(
                    f"{self.model_path}: trained with feature version {version}, this kg "
                    f"computes version {FEATURE_VERSION}; retrain with scripts/train_ner.py"
                )
            templates = tuple(info.get("templates", DEFAULT_TEMPLATES))
            names = None
            if "names" in templates:
                if not self.names_path.is_file():
                    raise ModelError(f"{self.names_path}: the model's name list is missing")
                names = NameList.read(self.names_path)
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(str(self.model_path))
            except (OSError, ValueError) as err:
                raise ModelError(f"{self.model_path}: not a CRFsuite model ({err})") from err
            lexicons()
            self.info, self.templates, self.names = info, templates, names
            self._tagger = tagger
        return self._tagger

    @property
    def names_path(self) -> Path:
        """The model's name list: ``pfr-crf.crfsuite`` → ``pfr-crf.names.tsv``."""
        return self.model_path.with_suffix(".names.tsv")

    def tag(self, text: str, words: Sequence[str]) -> list[str]:
        """BIOES labels of each character of ``text`` (segmented into ``words``)."""
        if not text:
            return []
        with self._lock:
            model = self._load()
            features = sentence_features(text, words, self.templates, names=self.names)
            return list(model.tag(features))

    def spans(self, text: str, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """Typed ``(start, end, type)`` spans found in ``text``."""
        return spans_from_labels(self.tag(text, words))


@functools.cache
def tagger() -> CRFTagger:
    """The process-wide tagger with the shipped model."""
    return CRFTagger()
