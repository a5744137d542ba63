"""Dates in Chinese text, normalised relative to the document's date.

Government news dates things loosely: 2014年度, 3月5日, 6月, 今年一季度,
上半年, 近期. :func:`find_dates` finds such expressions (keeping their text and
offsets) and gives each an ISO-like value, resolving what the text leaves out
from a reference date — the document's date, or a full date in its first
sentence (:func:`reference_date`):

=========================  =====================  =========================
text                       value (ref 2024-03-05)  without a reference
=========================  =====================  =========================
2014年度                   ``2014``                ``2014``
2024年3月5日               ``2024-03-05``          ``2024-03-05``
6月, 6月份                 ``2024-06``             ``None``
今年一季度, 一季度          ``2024-Q1``             ``None``
上半年                     ``2024-H1``             ``None``
前三季度, 1-3月             ``2024-Q1/2024-Q3``,    ``None``
                           ``2024-01/2024-03``
去年, 明年                 ``2023``, ``2025``      ``None``
昨天, 5日                  ``2024-03-04``,         ``None``
                           ``2024-03-05``
近期, 近日, 日前            ``None`` (vague)        ``None``
=========================  =====================  =========================

A value is ``None`` whenever it cannot be known; the expression is still
returned so its text is kept. A part left out after a range word takes the
first part's fields (``3月5日至7日`` ends on 3月7日, not on the reference
month). Matching is one linear scan with bounded repetitions, so a megabyte
of text without punctuation costs time in proportion to its length.

    >>> [(d.text, d.value) for d in find_dates("郑焦铁路6月将开通运营", ref="2015-03-10")]
    [('6月', '2015-06')]
    >>> normalise("今年一季度", ref="2024-05-01")
    '2024-Q1'
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateExpr", "find_dates", "normalise", "reference_date"]

# Full-width digits read as ASCII; one character for one, so offsets hold.
_WIDE = str.maketrans("０１２３４５６７８９－／．～", "0123456789-/.~")
_CN = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "两": 2}

_YN = r"(?<![0-9])[12][0-9]{3}(?![0-9])"  # a four-digit year
_YC = r"[〇○零一二三四五六七八九]{4}"  # 二〇一四
_YR = r"(?<![过])[今去明本上]"  # 今年, 去年 — but not 过去年均
_MD = r"(?<![0-9])(?:1[0-2]|0?[1-9])(?![0-9])"
_MC = r"(?:十[一二]?|[一二三四五六七八九])"
_DD = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])"
_DC = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_TO = r"(?:至|到|-|—|~|～)"
_Q = r"[一二三四1-4]"

_MONTH_DAY = (
    rf"(?:(?P<mfrom>{_MD}){_TO})?(?P<m>{_MD}|{_MC})月份?"
    rf"(?:(?P<d>{_DD}|{_DC})[日号])?"
)
_PATTERN = re.compile(
    "|".join(
        [
            # a year, then perhaps a quarter, a half or a month (and day)
            rf"(?:(?P<y>{_YN}|{_YC})\s?|(?P<yr>{_YR}))年(?![龄轻代纪级华鉴薪画糕])"
            rf"(?:度|底|初|末)?"
            rf"(?:(?P<qfirst>前)?第?(?P<q>{_Q})季度|(?P<h>[上下])半年|{_MONTH_DAY})?",
            # numeric dates: 2024-03-05, 2024/3/5, 2024.3.5
            rf"(?P<iy>{_YN})(?P<sep>[-/.])(?P<im>{_MD})(?P=sep)(?P<id>{_DD})",
            # a quarter or half without a year
            rf"(?P<sqfirst>前)?第?(?P<sq>{_Q})季度",
            r"(?P<sh>[上下])半年",
            # a month (and day) without a year; a Chinese-numeral month needs its day
            rf"(?:(?P<smfrom>{_MD}){_TO})?(?P<sm>{_MD})月份?(?:(?P<sd>{_DD}|{_DC})[日号])?",
            rf"(?P<scm>{_MC})月(?P<scd>{_DC})[日号]",
            # relative months and days, a bare day of the month
            r"(?P<rm>[本上下当])月(?![份底初])",
            r"(?P<rd>今天|今日|昨天|昨日|明天|明日)",
            rf"(?<![0-9.])(?P<bd>{_DD})日(?!内|以内|元)",
            # vague references: kept, valued None
            r"(?P<vague>近期|近日|日前|前不久|不久前|最近)",
        ]
    )
)
_ISO = re.compile(r"([12][0-9]{3})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?")
_REL_YEAR = {"今": 0, "本": 0, "去": -1, "上": -1, "明": 1}
_REL_MONTH = {"本": 0, "当": 0, "上": -1, "下": 1}
_REL_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1, "明日": 1}
_VAGUE_WINDOW = 12  # characters between two parts of a range


@dataclass(frozen=True, slots=True)
class DateExpr:
    """A date expression: its span of the text, the text itself and its value.

    ``value`` is ISO-like (``2014``, ``2024-06``, ``2024-03-05``, ``2024-Q1``,
    ``2024-H1``, or two of these joined by ``/`` for a range) or ``None``
    when the text does not fix it.
    """

    start: int
    end: int
    text: str
    value: str | None


@dataclass(frozen=True)
class _Ref:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> _Ref:
        if not value:
            return cls()
        m = _ISO.fullmatch(value.strip())
        if m is None:
            return cls()
        y, mo, d = (int(g) if g else None for g in m.groups())
        if mo is not None and not 1 <= mo <= 12:
            return cls(y)
        if d is not None and (mo is None or not 1 <= d <= calendar.monthrange(y, mo)[1]):  # type: ignore[arg-type]
            return cls(y, mo)
        return cls(y, mo, d)


def find_dates(text: str, ref: str | None = None) -> list[DateExpr]:
    """Every date expression in ``text``, in order, valued against ``ref``.

    ``ref`` is an ISO date (``2024-03-05``, ``2024-03`` or ``2024``); parts
    of an expression that need more of it than it gives are ``None``.

    >>> [(d.text, d.value) for d in find_dates("2014年度先进单位，3月5日至7日", ref="2015-01-02")]
    [('2014年度', '2014'), ('3月5日', '2015-03-05'), ('7日', '2015-03-07')]
    """
    base = _Ref.parse(ref)
    scan = text.translate(_WIDE)
    out: list[DateExpr] = []
    anchor: tuple[int, _Ref] | None = None  # end and fields of the previous full expression
    for m in _PATTERN.finditer(scan):
        context = base
        if anchor is not None and _joined(scan, anchor[0], m.start()):
            context = anchor[1]
        value, fields = _value(m, context)
        out.append(DateExpr(m.start(), m.end(), text[m.start() : m.end()], value))
        anchor = (m.end(), fields) if fields.year is not None else None
    return out


def normalise(text: str, ref: str | None = None) -> str | None:
    """The value of the first date expression in ``text`` (``None`` if none or unknown).

    >>> normalise("2014年度"), normalise("上半年", ref="2024-08-01"), normalise("近期", "2024")
    ('2014', '2024-H1', None)
    """
    found = find_dates(text, ref)
    return found[0].value if found else None


def reference_date(date: str | None, text: str = "") -> str | None:
    """The date other dates of a document are read against.

    ``date`` (the document's metadata date, ISO) wins when it is valid;
    otherwise the first date with an explicit year in the first sentence of
    ``text`` (a dateline: 本报讯 2024年3月5日 …).

    >>> reference_date(None, "2024年3月5日，焦作市召开会议。今年要抓项目。")
    '2024-03-05'
    """
    parsed = _Ref.parse(date)
    if parsed.year is not None:
        return _iso(parsed.year, parsed.month, parsed.day)
    first = re.split(r"[。！？!?\n]", text[:1000], maxsplit=1)[0]
    for found in _PATTERN.finditer(first.translate(_WIDE)):
        if found.group("y") or found.group("iy"):
            value, _ = _value(found, _Ref())
            if value and "/" not in value and "Q" not in value and "H" not in value:
                return value
    return None


def _joined(text: str, end: int, start: int) -> bool:
    """Whether only a range word lies between two expressions (3月5日至7日)."""
    between = text[end:start].strip()
    return start - end <= _VAGUE_WINDOW and between in ("至", "到", "-", "—", "~", "～", "、", "和")


def _number(s: str) -> int:
    if s.isdigit():
        return int(s)
    if len(s) == 4:  # a year written digit by digit: 二〇一四
        return int("".join(str(_CN[c]) for c in s))
    if "十" in s:
        tens, _, units = s.partition("十")
        return (_CN[tens] if tens else 1) * 10 + (_CN[units] if units else 0)
    return _CN[s]


def _value(m: re.Match[str], ref: _Ref) -> tuple[str | None, _Ref]:
    """The ISO-like value of match ``m`` and the fields it fixes (for a following range part)."""
    g = m.groupdict()
    if g["vague"]:
        return None, _Ref()
    if g["rd"]:
        if ref.day is None:
            return None, _Ref()
        day = dt.date(ref.year, ref.month, ref.day) + dt.timedelta(days=_REL_DAY[g["rd"]])  # type: ignore[arg-type]
        return day.isoformat(), _Ref(day.year, day.month, day.day)
    if g["rm"]:
        if ref.month is None:
            return None, _Ref()
        y, mo = divmod(ref.year * 12 + ref.month - 1 + _REL_MONTH[g["rm"]], 12)  # type: ignore[operator]
        return _iso(y, mo + 1), _Ref(y, mo + 1)
    if g["iy"]:
        return _date(int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["bd"]:
        return _date(ref.year, ref.month, int(g["bd"]))
    if g["y"] or g["yr"]:
        if g["y"]:
            year: int | None = _number(g["y"].strip())
        else:
            year = None if ref.year is None else ref.year + _REL_YEAR[g["yr"]]
        return _period(year, g["q"], g["qfirst"], g["h"], g["mfrom"], g["m"], g["d"])
    if g["sq"] or g["sh"]:
        return _period(ref.year, g["sq"], g["sqfirst"], g["sh"], None, None, None)
    if g["sm"]:
        return _period(ref.year, None, None, None, g["smfrom"], g["sm"], g["sd"])
    return _period(ref.year, None, None, None, None, g["scm"], g["scd"])


def _period(
    year: int | None,
    quarter: str | None,
    first: str | None,
    half: str | None,
    month_from: str | None,
    month: str | None,
    day: str | None,
) -> tuple[str | None, _Ref]:
    if year is None or not 1000 <= year <= 2999:
        return None, _Ref()
    if quarter:
        q = _number(quarter)
        value = f"{year}-Q{q}"
        return (f"{year}-Q1/{value}" if first and q > 1 else value), _Ref(year)
    if half:
        return f"{year}-{'H1' if half == '上' else 'H2'}", _Ref(year)
    if month:
        mo = _number(month)
        if not 1 <= mo <= 12:
            return None, _Ref()
        if day:
            return _date(year, mo, _number(day))
        if month_from:
            lo = _number(month_from)
            if lo < mo:
                return f"{_iso(year, lo)}/{_iso(year, mo)}", _Ref(year)
        return _iso(year, mo), _Ref(year, mo)
    return str(year), _Ref(year)


def _date(year: int | None, month: int | None, day: int) -> tuple[str | None, _Ref]:
    if year is None or month is None or not 1 <= month <= 12:
        return None, _Ref()
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None, _Ref()
    return _iso(year, month, day), _Ref(year, month, day)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"
