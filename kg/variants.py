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


def simplified(text: str) -> str:
    """``text`` in simplified characters, with exactly the same length."""
    converted: str = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    by_char = "".join(
        c if len(c) == 1 else o for o, c in ((o, _converter().convert(o)) for o in text)
    )
    if len(by_char) == len(text):
        return by_char
    log.warning("traditional-to-simplified conversion changed the length; text used as it is")
    return text
