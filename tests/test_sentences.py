from __future__ import annotations

import pytest

from kg.sentences import MAX_SENTENCE, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会议召开。代表出席！是吗？", ["会议召开。", "代表出席！", "是吗？"]),
        ("他说：“要抓项目。要抓招商。”会议结束。", ["他说：“要抓项目。要抓招商。”", "会议结束。"]),
        ("第一行\n第二行", ["第一行", "第二行"]),
        ("一要抓好项目；二要抓好招商。", ["一要抓好项目；", "二要抓好招商。"]),
        ("等等……然后呢", ["等等……", "然后呢"]),
        ("（括号内。仍是一句）后文。", ["（括号内。仍是一句）后文。"]),
        ("  \n  ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_sentences("d", text)] == expected


def test_offsets_index_the_text() -> None:
    text = " 甲乙。\r\n丙丁！“戊。”己"
    for s in split_sentences("d", text):
        assert text[s.start : s.end] == s.text


def test_unclosed_quote_ends_at_line_break() -> None:
    sents = split_sentences("d", "他说：“没有结束。\n下一段。")
    assert [s.text for s in sents] == ["他说：“没有结束。", "下一段。"]


def test_long_runs_are_cut() -> None:
    text = "字" * (MAX_SENTENCE * 3 + 7)
    sents = split_sentences("d", text)
    assert all(len(s.text) <= MAX_SENTENCE for s in sents)
    assert "".join(s.text for s in sents) == text


def test_long_runs_prefer_commas() -> None:
    text = ("字" * 300 + "，") * 4
    sents = split_sentences("d", text)
    assert all(s.text.endswith("，") for s in sents)
