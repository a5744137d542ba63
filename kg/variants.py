"""Traditional characters: extraction runs on a simplified view of the text.

The extractors, lexicons and gazetteer are written in simplified Chinese. A
document in traditional characters is converted with OpenCC (``t2s``) into a
*view* of the same length, so every offset found in the view indexes the
original text; mentions then quote the original text and keep the simplified
name as their key (福州市發展和改革委員會 → key 福州市发展和改革委员会), so a
traditional and a simplified document name the same entity with the same IRI.
If a conversion changes the length (rare phrase mappings), characters are
converted one by one; if even that changes it, the text is used as it is.

    >>> simplified("鼓樓區委書記")
    '鼓楼区委书记'
"""

from __future__ import annotations

import functools
import logging
from typing import Any

__all__ = ["simplified"]

log = logging.getLogger(__name__)


@functools.cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


#: Characters that simplified text writes too and ``t2s`` would change outside its phrase
#: list: 乾 of 乾县 (a county), 乾隆 and 乾务镇 is no traditional 干. Of the characters of
#: every division's name in ``kg/data/divisions.tsv``, it is the only one ``t2s`` changes.
_SIMPLIFIED_TOO = frozenset("乾")


def simplified(text: str) -> str:
    """``text`` in simplified characters, with exactly the same length.

    >>> simplified("乾县乾务镇")
    '乾县乾务镇'
    """
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return _kept(text, converted)
    by_char = "".join(
        c if len(c) == 1 else o for o, c in ((o, _converter().convert(o)) for o in text)
    )
    if len(by_char) == len(text):
        return _kept(text, by_char)
    log.warning("traditional-to-simplified conversion changed the length; text used as it is")
    return text


def _kept(text: str, converted: str) -> str:
    """``converted`` with the characters of :data:`_SIMPLIFIED_TOO` as ``text`` wrote them."""
    if not any(c in _SIMPLIFIED_TOO for c in text):
        return converted
    return "".join(o if o in _SIMPLIFIED_TOO else c for o, c in zip(text, converted, strict=True))
