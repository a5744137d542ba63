"""Sentence splitting that keeps offsets into the unmodified text.

A sentence ends at 。！？!?；; or an ellipsis (…… counts once), together with
any closing quotes or brackets that follow, and always at a line break. Inside
quotes or brackets a terminator does not end the sentence, so a quoted speech
stays with its speaker. Overlong sentences (a megabyte without punctuation)
are cut at a comma or, failing that, at a fixed length so later stages stay
linear.

    >>> [s.text for s in split_sentences("d", "他说：“要抓项目。要抓招商。”会议结束。")]
    ['他说：“要抓项目。要抓招商。”', '会议结束。']
"""

from __future__ import annotations

from kg.model import Sentence

__all__ = ["MAX_SENTENCE", "split_sentences"]

TERMINATORS = frozenset("。！？!?；;…")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "《": "》"}
CLOSERS = frozenset(OPENERS.values()) | {'"', "'"}
#: Longest sentence kept whole; longer runs are cut (at a comma where possible).
MAX_SENTENCE = 512
_SOFT_BREAKS = frozenset("，,、：: ")


def split_sentences(doc_id: str, text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences whose offsets index ``text``."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in "\r\n":
            spans.append((start, i))
            start = i + 1
            depth.clear()
        elif ch in OPENERS:
            depth.append(OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
            if not depth and i > start and text[i - 1] in TERMINATORS:
                j = i + 1  # a quoted sentence ends with its closing quote: 。”
                while j < n and text[j] in CLOSERS:
                    j += 1
                spans.append((start, j))
                start = i = j
                continue
        elif ch in TERMINATORS and not depth:
            j = i + 1
            while j < n and (text[j] in TERMINATORS or text[j] in CLOSERS):
                j += 1
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    spans.append((start, n))
    out: list[Sentence] = []
    for lo, hi in spans:
        for a, b in _cut_long(text, lo, hi):
            a, b = _strip(text, a, b)
            if a < b:
                out.append(Sentence(doc_id, len(out), a, b, text[a:b]))
    return tuple(out)


def _cut_long(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    pieces = []
    while hi - lo > MAX_SENTENCE:
        cut = lo + MAX_SENTENCE
        for k in range(cut - 1, lo + MAX_SENTENCE // 2, -1):
            if text[k] in _SOFT_BREAKS:
                cut = k + 1
                break
        pieces.append((lo, cut))
        lo = cut
    pieces.append((lo, hi))
    return pieces


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
