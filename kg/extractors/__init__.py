"""The extractor registry: every extractor has one calling convention.

An extractor is a function ``(analysis: Analysis) -> Iterable[Mention | Relation]``
registered under a name with what it produces::

    @register("my-rules", produces={"Person"}, needs="pos")
    def my_rules(analysis: Analysis) -> Iterator[Mention]:
        ...

``stage="mentions"`` extractors run first and their mentions are merged
(overlaps resolved); ``stage="relations"`` extractors then see the merged
mentions in ``analysis.mentions`` and yield relations (and any mentions
those relations need). ``needs`` says which tokens the extractor reads:
``"pos"`` (jieba words with tags), ``"words"`` (words only) or ``"none"``.

Adding an extractor is one new module in this package: every module here is
imported on first lookup. Other packages can register through the
``kg.extractors`` entry-point group.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Literal

from kg.errors import ConfigError
from kg.model import Analysis, Mention, Relation

__all__ = ["ExtractorFn", "ExtractorInfo", "available", "get", "register"]

ExtractorFn = Callable[[Analysis], Iterable[Mention | Relation]]
Stage = Literal["mentions", "relations"]
Needs = Literal["pos", "words", "none"]


@dataclass(frozen=True)
class ExtractorInfo:
    """A registered extractor and what it declares about itself."""

    name: str
    func: ExtractorFn
    produces: frozenset[str]
    stage: Stage = "mentions"
    needs: Needs = "none"
    description: str = ""

    def __call__(self, analysis: Analysis) -> Iterable[Mention | Relation]:
        return self.func(analysis)


_REGISTRY: dict[str, ExtractorInfo] = {}
_discovered = False


def register(
    name: str, *, produces: Iterable[str], stage: Stage = "mentions", needs: Needs = "none"
) -> Callable[[ExtractorFn], ExtractorFn]:
    """Decorator registering ``func`` as extractor ``name``."""

    def decorate(func: ExtractorFn) -> ExtractorFn:
        if name in _REGISTRY and _REGISTRY[name].func is not func:
            raise ConfigError(f"extractor {name!r} is registered twice; pick another name")
        doc = (func.__doc__ or "").strip().splitlines()
        _REGISTRY[name] = ExtractorInfo(
            name, func, frozenset(produces), stage, needs, doc[0] if doc else ""
        )
        return func

    return decorate


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    for ep in entry_points(group="kg.extractors"):
        ep.load()


def get(name: str) -> ExtractorInfo:
    """The extractor registered as ``name``; :class:`ConfigError` lists the others."""
    _discover()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ConfigError(
            f"unknown extractor {name!r}; available: {', '.join(available())}"
        ) from None


def available() -> list[str]:
    """Names of all registered extractors, sorted."""
    _discover()
    return sorted(_REGISTRY)
