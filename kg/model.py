"""The data model: small frozen records that carry provenance.

A :class:`Document` holds the text exactly as read; every other record points
into it with Python string offsets (``doc.text[start:end]``). Nothing here
changes text: normalisation for matching happens in the stages that need it.

    >>> doc = Document(id="d1", text="市委书记谢玉安讲话。", source="d1.txt")
    >>> m = Mention.span(doc, 4, 7, PERSON, extractor="example")
    >>> m.text
    '谢玉安'
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

__all__ = [
    "ENTITY_TYPES",
    "EVENT",
    "ORGANIZATION",
    "PERSON",
    "PLACE",
    "PROJECT",
    "RELATION_KINDS",
    "Analysis",
    "Document",
    "Entity",
    "Mention",
    "Relation",
    "Sentence",
    "Token",
]

T = TypeVar("T")

PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"
EVENT = "Event"
PROJECT = "Project"
ENTITY_TYPES = frozenset({PERSON, ORGANIZATION, PLACE, EVENT, PROJECT})

#: Relation kinds and the Chinese word the explorer shows for each.
RELATION_KINDS: dict[str, str] = {
    "holds_post": "任职",
    "located_in": "位于",
    "jurisdiction": "辖属",
    "sub_organization_of": "隶属",
    "spoke_at": "发言",
    "attended": "出席",
    "commended_at": "表彰",
    "connects": "连接",
    "responsible_for": "负责",
    "organizer": "主办",
    "location": "所在地",
    "related_to": "相关",
}


@dataclass(frozen=True, slots=True)
class Document:
    """One input text, never modified after loading.

    ``id`` is stable across runs (the path as the user passed it, or the
    JSON-lines record id); ``source`` is what ``dcterms:source`` records.
    """

    id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("Document.id must not be empty")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span of its document."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"Sentence span [{self.start}, {self.end}) does not match its text")


@dataclass(frozen=True, slots=True)
class Token:
    """A jieba token with its part-of-speech tag and document offsets."""

    start: int
    end: int
    text: str
    pos: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of a document found by one extractor.

    ``key`` is the canonical name the span stands for when context expands it
    (``市水利局`` in a 焦作 document has key ``焦作市水利局``); ``code`` links a
    place to its administrative division; ``subtype`` is a more specific class
    from the ontology (``County``, ``PartyOrgan`` …). ``scope`` keeps apart
    things that share a name but not an identity (an unnamed 会议 of one
    document and of another): it enters the entity's IRI, not its label.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: str
    extractor: str
    score: float = 1.0
    subtype: str | None = None
    key: str | None = None
    code: str | None = None
    scope: str | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end or len(self.text) != self.end - self.start:
            raise ValueError(
                f"Mention span [{self.start}, {self.end}) does not match {self.text!r}"
            )
        if self.type not in ENTITY_TYPES:
            raise ValueError(
                f"Unknown mention type {self.type!r}; use one of {sorted(ENTITY_TYPES)}"
            )
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"Mention score {self.score} is outside [0, 1]")

    @classmethod
    def span(
        cls, doc: Document, start: int, end: int, type: str, extractor: str, **kw: object
    ) -> Mention:
        """Make a mention whose text is sliced from ``doc`` (so it always matches)."""
        return cls(doc.id, start, end, doc.text[start:end], type, extractor, **kw)  # type: ignore[arg-type]

    @property
    def name(self) -> str:
        """The name this mention stands for: its expanded key, else its text."""
        return self.key or self.text


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved thing: one IRI, one label, the mentions that name it."""

    iri: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    subtype: str | None = None
    code: str | None = None
    mentions: tuple[Mention, ...] = ()

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"Unknown entity type {self.type!r}")
        if not self.label:
            raise ValueError(f"Entity {self.iri} has an empty label")


@dataclass(frozen=True, slots=True)
class Relation:
    """A statement between two mentioned things, read from one sentence.

    ``subject`` and ``object`` are the mentions that name each side; resolution
    turns them into entity IRIs. ``role`` is the post title of a
    ``holds_post`` relation (``书记``); ``date`` a normalised date if stated.
    """

    kind: str
    subject: Mention
    object: Mention
    sentence: Sentence
    extractor: str
    score: float = 1.0
    role: str | None = None
    date: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in RELATION_KINDS:
            raise ValueError(
                f"Unknown relation kind {self.kind!r}; use one of {sorted(RELATION_KINDS)}"
            )
        if self.kind == "holds_post" and not self.role:
            raise ValueError("A holds_post relation needs a role (the post title)")


@dataclass(frozen=True)
class Analysis:
    """A document with what the pipeline has found so far.

    Extractors receive an ``Analysis`` and return new mentions or relations;
    the pipeline makes the next ``Analysis`` with :meth:`with_`.
    """

    doc: Document
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _token_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._starts:
            object.__setattr__(self, "_starts", tuple(s.start for s in self.sentences))
        if not self._token_starts:
            object.__setattr__(self, "_token_starts", tuple(t.start for t in self.tokens))

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence containing character ``offset``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.sentences[max(i, 0)]

    def tokens_in(self, start: int, end: int) -> tuple[Token, ...]:
        """Tokens lying inside ``[start, end)``."""
        lo = bisect.bisect_left(self._token_starts, start)
        out = []
        for tok in self.tokens[lo:]:
            if tok.start >= end:
                break
            if tok.end <= end:
                out.append(tok)
        return tuple(out)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()``, once per document: extractors share work through it.

        Copies made by :meth:`with_` share the memo, so a relation extractor
        can reuse what a mention extractor read (the same text and tokens).
        """
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def with_(
        self, mentions: Iterable[Mention] | None = None, relations: Iterable[Relation] | None = None
    ) -> Analysis:
        """A copy with ``mentions`` and/or ``relations`` replaced."""
        return replace(
            self,
            mentions=self.mentions if mentions is None else tuple(mentions),
            relations=self.relations if relations is None else tuple(relations),
            _starts=self._starts,
            _token_starts=self._token_starts,
            _memo=self._memo,
        )
