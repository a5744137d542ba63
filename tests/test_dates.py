from __future__ import annotations

import time

import pytest

from kg.dates import find_dates, normalise, reference_date


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        # explicit years need no reference
        ("2019年度优秀单位", None, [("2019年度", "2019")]),
        ("2021年7月18日上午", None, [("2021年7月18日", "2021-07-18")]),
        ("2021年7月", None, [("2021年7月", "2021-07")]),
        ("二〇一九年十一月二十日", None, [("二〇一九年十一月二十日", "2019-11-20")]),
        ("２０２２年１０月８日", None, [("２０２２年１０月８日", "2022-10-08")]),
        ("发布于2020-06-01", None, [("2020-06-01", "2020-06-01")]),
        ("截至2018年底", None, [("2018年底", "2018")]),
        ("2023年第二季度", None, [("2023年第二季度", "2023-Q2")]),
        ("2023年下半年", None, [("2023年下半年", "2023-H2")]),
        # missing parts come from the reference date
        ("大桥9月建成通车", "2019-04-02", [("9月", "2019-09")]),
        ("11月份将开工", "2019-04-02", [("11月份", "2019-11")]),
        ("8月12日召开", "2019-04-02", [("8月12日", "2019-08-12")]),
        ("十月一日起施行", "2019", [("十月一日", "2019-10-01")]),
        ("今年一季度增长", "2020-05-06", [("今年一季度", "2020-Q1")]),
        ("一季度完成", "2020-05-06", [("一季度", "2020-Q1")]),
        ("上半年实现", "2020-05-06", [("上半年", "2020-H1")]),
        ("前三季度累计", "2020-11-06", [("前三季度", "2020-Q1/2020-Q3")]),
        ("1-5月完成投资", "2020-06-15", [("1-5月", "2020-01/2020-05")]),
        ("去年同期", "2020-06-15", [("去年", "2019")]),
        ("明年全面建成", "2020-06-15", [("明年", "2021")]),
        ("上月召开", "2020-01-15", [("上月", "2019-12")]),
        ("昨天下午", "2020-03-01", [("昨天", "2020-02-29")]),
        ("12日上午", "2020-03-20", [("12日", "2020-03-12")]),
        ("4月8日至10日举办", "2020-01-01", [("4月8日", "2020-04-08"), ("10日", "2020-04-10")]),
        # unknown without a reference, but the text is kept
        ("大桥9月建成通车", None, [("9月", None)]),
        ("今年一季度", None, [("今年一季度", None)]),
        ("近期重点工作", "2020-06-15", [("近期", None)]),
        ("日前召开", None, [("日前", None)]),
        # impossible dates are kept unvalued
        ("2021年2月30日", None, [("2021年2月30日", None)]),
        # not dates
        ("过去年均增长百分之八", "2020", []),
        ("三十日内办结", "2020-01-01", []),
        ("年龄结构", None, []),
        ("一个月后", "2020-01-01", []),
        ("no Chinese here at all", "2020", []),
    ],
)
def test_find_dates(text: str, ref: str | None, expected: list[tuple[str, str | None]]) -> None:
    found = find_dates(text, ref)
    assert [(d.text, d.value) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


@pytest.mark.parametrize(
    ("date", "text", "expected"),
    [
        ("2021-09-03", "今年6月开工。", "2021-09-03"),
        ("2021-9-3", "", "2021-09-03"),
        ("2021", "", "2021"),
        (None, "本报讯 2022年3月1日，某县召开会议。2019年建成。", "2022-03-01"),
        (None, "今年6月开工。2019年3月1日建成。", None),
        ("not a date", "2022年3月1日，某县召开会议。", "2022-03-01"),
        (None, "", None),
    ],
)
def test_reference_date(date: str | None, text: str, expected: str | None) -> None:
    assert reference_date(date, text) == expected


def test_normalise_takes_the_first_expression() -> None:
    assert normalise("2016年度和2017年度") == "2016"
    assert normalise("没有日期") is None


def test_offsets_survive_characters_outside_the_bmp() -> None:
    text = "𠀀𠀁2023年5月"
    (found,) = find_dates(text)
    assert (found.start, found.end, found.value) == (2, 9, "2023-05")


def test_a_megabyte_without_punctuation_stays_linear() -> None:
    text = ("2020年" + "一二三" * 3 + "前第") * 60_000
    started = time.perf_counter()
    found = find_dates(text, "2020-01-01")
    assert len(found) == 60_000
    assert time.perf_counter() - started < 5
