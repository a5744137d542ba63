"""Named queries: the library of documented SPARQL queries in ``kg/queries/``.

Each ``.rq`` file starts with a comment header that says what it is for and
which parameters it takes; the parameters are SPARQL variables bound by
:func:`kg.sparql.run` (on Oxigraph and servers replaced by the value as an
escaped SPARQL term, :func:`kg.sparql.substitute`), never formatted in as
strings::

    # title: People and their posts in a place
    # description: Who holds which post …
    #   (continued on lines indented under the key)
    # param place (required): the place's name, its rdfs:label. Example: 焦作市
    # example: kg query out/examples.trig --named people-posts --param place=焦作市

A parameter is *required* when the query means nothing without it; an
*optional* one left out matches everything (it is a free variable). Every
parameter is in the SELECT projection, so that the answer shows the value
(substitution keeps it as ``(TERM AS ?var)``).

    >>> q = named_query("place-hierarchy")
    >>> q.title, [p.name for p in q.params]
    ('Division hierarchy of a place', ['place'])
    >>> "cooccurrence" in named_queries()
    True

Use them through :func:`kg.query` (``kg.query(graph, named="people-posts",
place="焦作市")``) or ``kg query GRAPH --named NAME --param NAME=VALUE``;
``kg query --list`` lists them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from kg.errors import ConfigError

__all__ = ["NamedQuery", "Param", "named_queries", "named_query"]

_PARAM = re.compile(r"param\s+(\w+)\s+\((required|optional)\):\s*(.*?)(?:\s*Example:\s*(.+))?$")


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a named query: a variable bound by name."""

    name: str
    description: str
    example: str | None = None
    required: bool = True


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A documented query from ``kg/queries/NAME.rq``; ``text`` is the whole file."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    example: str | None = None

    def check(self, bindings: Mapping[str, object]) -> None:
        """Raise :class:`ConfigError` for an unknown or a missing required parameter."""
        known = {p.name for p in self.params}
        unknown = sorted(set(bindings) - known)
        if unknown:
            raise ConfigError(
                f"named query {self.name!r} has no parameter {unknown[0]!r}; "
                f"its parameters: {', '.join(sorted(known)) or '(none)'}"
            )
        for p in self.params:
            if p.required and p.name not in bindings:
                example = f" (e.g. {p.name}={p.example})" if p.example else ""
                raise ConfigError(
                    f"named query {self.name!r} needs parameter {p.name!r}{example}: "
                    f"{p.description}"
                )


def named_query(name: str) -> NamedQuery:
    """The named query ``name``, or :class:`ConfigError` listing the available ones."""
    queries = named_queries()
    try:
        return queries[name]
    except KeyError:
        raise ConfigError(
            f"unknown named query {name!r}; available: {', '.join(sorted(queries))}"
        ) from None


def named_queries() -> dict[str, NamedQuery]:
    """All named queries, by name (the file name without ``.rq``), sorted."""
    return dict(_load())


@functools.cache
def _load() -> tuple[tuple[str, NamedQuery], ...]:
    folder = resources.files("kg") / "queries"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            out.append((name, parse(name, entry.read_text("utf-8"))))
    return tuple(out)


def parse(name: str, text: str) -> NamedQuery:
    """Read the comment header of query ``name``; :class:`ConfigError` if it lacks a title."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    key: str | None = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line[1:]
        if key is not None and body.startswith("   ") and body.strip():
            fields[key] += " " + body.strip()
            continue
        head, sep, value = body.strip().partition(":")
        if head.startswith("param "):
            key = None
            match = _PARAM.fullmatch(body.strip())
            if match is None:
                raise ConfigError(
                    f"{name}.rq: bad parameter line {line!r}; "
                    "write '# param NAME (required|optional): what it is. Example: VALUE'"
                )
            pname, kind, description, example = match.groups()
            params.append(Param(pname, description, example, kind == "required"))
        elif sep and head in ("title", "description", "example"):
            key = head
            fields[key] = value.strip()
        else:
            key = None
    if not fields.get("title"):
        raise ConfigError(f"{name}.rq: the header has no '# title:' line")
    return NamedQuery(
        name=name,
        title=fields["title"],
        description=fields.get("description", ""),
        params=tuple(params),
        text=text,
        example=fields.get("example"),
    )
