"""Events a document reports (meetings, fairs, ceremonies); who spoke, attended, was commended.

**Names** (extractor ``events``). An event name ends in a head word — one of
``kg/data/event_heads.txt`` (会议, 推进会, 博览会, 活动 …; the longest one
ending at a word's end, so 部署|会议 ends in 会议), any two-character word
before 会 that is not a body (观摩评比会, but not 研究会, 赛马会, 有机会), or a
festival of three to five characters ending in 节 (油菜花节, 开渔节; not 春节,
环节); a longer head across jieba's cut wins (调度会|商会 ends in 会商会) —
and is read leftwards over jieba's words until a word that cannot
belong to a name (召开, 在, 的, a date or dateline, punctuation,
``kg/data/event_stops.txt``). 和, 及, 与 or 同 joining two words (文化和旅游,
成果同乡村振兴), a dash or dot between two places (中国—中亚, 中国·曲靖) and a
short quotation (全市“万人助万企”活动推进会) stay inside, and so does a dash
between a place and the word after it (广州白云—贵阳白云) or between two years
(2024—2025雪季). The name then starts
at its leftmost *specifier* — the part that makes it one particular event
rather than a kind of event:

* a jurisdiction or organ: 全市, 全州, 金寨县, 中共于都县委, 市政府, 政协, 市;
* a year or an ordinal: 2024年, 第二届, 首届, 十五届, 第四十七次, 第36次 (a bare
  六次 only after a 届); one ordinal alone names nothing (第一次会议) unless the head is
  specific (第二十三次常务会议) or there are two (十九届四中全会); an ordinal
  after a standing body takes the body's name with it
  (焦济一体化发展联席会议第三次会议);
* a division, river or mountain name, a place in brackets (中国（义乌）), a
  long dictionary proper name (奥林匹克);
* a named line or work (``projects``' names) before a meeting's or a ceremony's head
  (郑焦城际铁路开工动员大会, 信阳至固始城际铁路开通运营仪式), also where jieba glued its
  end to the next word (某城际|铁路沿线|产业协作推进会); the line stays a project inside
  the event's name (:data:`kg.resolve.NESTED`), so its routes are still read. A head's
  会 that jieba joined to 上, 后 or 前 (推进|会上) still ends it.

A name held in its clause may also reach back over such words to the 全市 that
opens the clause (全省学习贯彻党的二十届三中全会精神宣讲报告会, not 全市各地积极
开展学雷锋活动). Without one there is no name: 会议, 座谈会, 签约仪式 and 对口合作座谈会 are
kinds, not names, and give no mention; a bare 活动 needs 全市 …, a date, an
ordinal or its being held (开展学雷锋活动 is a campaign clause). ``X代表大会``
is the congress itself (an organisation) unless a session is named (第四次会议,
第十次代表大会 with 次). A sitting named by its ordinal alone and held by the
session just named (…第十六次会议举行第二次全体会议) is part of that session.
The ceremony of a named event is that event (艺术节开幕式 → 艺术节). A Latin
name in brackets right after an event name (博览会（CBEC Expo 2024）) is
another mention of the same event.

Each event is scoped to its document (``scope`` = document id) — 全市水利工作会议
is held every year in every city — unless its name is specific on its own: a
year or ordinal and no relative jurisdiction (全市, 市政府): 中共于都县委十五届六次全体会议.

**Relations** (extractor ``event-relations``, stage ``relations``). A trigger
is tied to the event named before it in 在…上 (X在全会上讲话); else to a
reported event its sentence names; else to the document's *main event*, the
first reported event said to be held (召开, 举行, 开幕 …). Events whose 精神 is
studied (贯彻落实…会议精神) are cited, and events yet to come (关于召开…, 将于…)
are not reported. A document that names no event but reports one with 此次 /
本次 (此次观摩点评活动, 本次会议) has one unnamed main event, keyed by its most
specific phrase and scoped to the document. A document with neither gets no
relations (an unnamed 调研 or 签约仪式 is no entity to relate to), nor does a
trigger at another, unnamed event (在捐赠仪式上讲话).

* ``spoke_at`` person → event: the nearest person before 讲话, 强调, 指出,
  要求, 致辞, 作…报告, 作…演讲, 作…说明, 介绍, 汇报, 宣读, 通报, 部署, 表示 in the same
  clause — not a
  reporter (记者王勇), a quoted source (据…介绍), the owner of a speech (王勇的
  讲话) or an object (听取王勇); every person of 甲，乙分别讲话; for 他/她 the
  person mention covering it (the ``posts`` extractor's), else the only person
  named in the nearest sentence naming people; a unit with 负责同志 when no
  person is named (区经济信息委负责同志通报…), or opening the clause before a
  report (区住建局通报了…, 市气象局、市水利局分别汇报); every item of a list before
  作典型发言 / 作交流发言 (温县、市水利局的负责同志分别作典型发言).
* ``attended`` → event: people before 出席, 参加, 列席, 主持, 就座, 到会, 宣布…开工
  (会议由…主持: after 由), the end of the main event's name standing for it
  (出席签约仪式) (and in
  the clauses listing them before: 甲，乙，丙等在主席台就座); units listed with
  their leaders' titles or 负责同志 (区人大常委会主任、区政协主席出席会议,
  出席会议的还有：市委常委、市人大常委会副主任…；…), not a title of a person
  named next (市委常委、副市长甲出席); who acts at it (会上，甲与乙签订协议);
  exhibitors (参展商某某) and presenters at a promotion (某公司进行了项目推介).
  Not 出席…会议的代表 (a relative clause) nor 出席了捐赠仪式 (another event).
  The organisation written before an attendee's title attends too
  (市人大常委会主任甲出席), unless it is the own organisation of one who
  speaks at or chairs the event, a party organ or a government.
  Who spoke at an event is not also listed as attending.
* ``commended_at`` unit or person → event: the items before 受到表彰, 获评,
  被评为, 荣获, or between 对 and 表彰, that stand alone in their list (a
  division inside a category, 焦作市十佳项目先进单位, is not commended); dated
  by the year the sentence gives (2023年度), else by the event's date.

Relations are dated with the event's date: a date before its name in its
sentence, else the document's date (:func:`kg.dates.reference_date`). The bare
words that stand for the event in a relation's clause (出席会议, 在全会上) become
Event mentions too, with the event's name as key and its scope, so the relation
quotes the words it was read from.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from kg.context import democratic_party_before
from kg.dates import find_dates, reference_date
from kg.extractors import get, register
from kg.extractors._phrases import (
    ORDINAL,
    UNIT_TAILS,
    YEAR,
    Clauses,
    Item,
    Spans,
    Words,
    is_direction,
    is_division_name,
    is_han,
    is_place_word,
    lexicon,
    list_items,
    longest_first,
    outermost,
    place_ending_at,
    word_list,
    word_tag,
    words_tagged,
)
from kg.model import (
    EVENT,
    ORGANIZATION,
    PERSON,
    PLACE,
    Analysis,
    Document,
    Mention,
    Relation,
    Sentence,
)

__all__ = ["EventName", "event_relations", "events", "find_events"]

NAME = "events"
RELATIONS = "event-relations"
_MAX_NAME = 32
_MAX_BRACKET = 8
_MAX_QUOTED = 12

_LEVEL_WHOLE = re.compile(r"全(?:地区|[市省州区县国盟旗镇乡党军])")
_PLENUM = re.compile(r"[一二三四五六七八九十]{1,3}中")
_ORDINAL_PREFIX = re.compile(r"第[0-9０-９〇零一二三四五六七八九十百]{1,4}")
_DATE_WORD = re.compile(r"[0-9０-９〇零一二三四五六七八九十]{1,3}[月日号][电讯]?|[电讯]")
_ORGAN_WORDS = frozenset(
    (
        "中共", "中央", "国务院", "政协", "人大", "全国人大", "市委", "省委", "县委", "区委",
        "州委", "旗委", "盟委", "党委", "党工委", "市政府", "省政府", "县政府", "区政府",
        "州政府", "人民政府", "常委会", "人大常委会", "政协常委会",
    )
)  # fmt: skip
_LEVEL_CHARS = frozenset("省市县区州旗盟")
_BODY_ENDINGS = ("会", "委", "部", "局", "厅", "办", "室", "院", "所", "站", "队", "处")
_ORGAN_ENDINGS = ("委", "政府", "政协", "人大", "常委会", "党组")
_RELATIVE = re.compile(r"^[市县区省州]|全[市省州区县国盟旗镇乡]")
_SESSION = re.compile(r"第[0-9〇零一二三四五六七八九十百两]{1,5}次")
_DETERMINERS = ("此次", "本次", "这次", "本届", "此届")
_CITED_AFTER = ("精神", "部署", "决策", "决定", "要求", "的精神")
_CITE_VERBS = ("贯彻", "落实", "学习", "传达", "领会", "宣讲", "按照", "根据", "对照")
_HELD = ("召开", "举行", "举办", "开幕", "闭幕", "开班", "启动", "结束")
_LATIN_ALIAS = re.compile(r"[（(]([A-Za-z][A-Za-z0-9 .&'·-]{1,40})[）)]")
#: Bare words that stand for the event being reported (出席会议, 在全会上讲话).
_ANAPHORS = ("会议", "大会", "全会", "活动")

_STOP, _MOD = 0, 1
_CEREMONIES = frozenset({"开幕式", "闭幕式", "仪式", "典礼"})
#: Heads specific enough to be named by one ordinal: 第八次常务会议.
_SPECIFIC_HEADS = frozenset({"常务会议", "常委会议", "全体会议", "全会"})
#: Endings of standing bodies whose sessions are numbered: 联席会议第三次会议.
_BODIES = ("联席会议", "领导小组", "小组", "委员会", "指挥部", "工作会议", "会议")
_MEETING_WORD = re.compile(r"[\u4e00-\u9fff]{2}会")
#: Words before 会 that make a body or a common word, not a meeting.
_NOT_MEETINGS = frozenset(
    ("研究", "促进", "联合", "理事", "董事", "监事", "委员", "基金", "联谊", "同乡", "校友",
     "商业", "工商", "行业", "专业", "社会", "机会", "大都", "筹委", "组委", "居委", "村委",
     "管委", "业委", "常委", "妇联", "红十字", "慈善", "体育", "文学", "艺术", "科学", "协会")
)  # fmt: skip
#: Words that make a head part of a compound noun: 会议室, 会议中心, 大会堂.
_COMPOUND_AFTER = ("室", "厅", "大厅", "中心", "楼", "馆", "桌", "堂", "纪要")
#: Function characters: a word holding one that is no dictionary word ends a name.
_BREAK_CHARS = frozenset("在的了对把被向从将")
#: Bracketed qualifiers inside a meeting's name: 全体（扩大）会议, 党组（扩大）会议.
_QUALIFIERS = frozenset({"扩大", "视频", "电视电话", "扩大会议"})
#: The CPPCC's full name, a body whose name ends in 会议 (…政治协商会议常德市第九届委员会).
_CPPCC = "中国人民政治协商会议"
#: How far back a clause-opening 全市 may name an event (long campaign meeting names).
_MAX_WHOLE_NAME = 40
#: What no event name holds between its 全市 and its head: punctuation, verbs of holding.
_NOT_IN_NAME = re.compile(
    r"[，,。；;：:！？!?（）()\s]|召开|举行|举办|出席|参加|主持|[在于将要应须各]"
    r"|积极|认真|上下|广泛|持续|不断|已经|正在|纷纷"
)
#: Function characters jieba glues to a head's last character (周在, 节在, 节于).
_GLUED_AFTER = frozenset("在于将已从由")
#: Words of 会 and a time that jieba makes of a head's last character (推进|会上).
_AT_MEETING = frozenset({"会上", "会后", "会前"})
#: Words ending in 节 that are holidays or no event at all.
_NOT_FESTIVALS = (
    "春节", "中秋节", "端午节", "国庆节", "元宵节", "清明节", "劳动节", "儿童节", "教师节",
    "护士节", "记者节", "重阳节", "七夕节", "植树节", "情人节", "母亲节", "父亲节", "妇女节",
    "青年节", "建军节", "圣诞节", "腊八节", "环节", "季节", "细节", "调节", "关节", "章节",
    "礼节", "时节", "气节", "情节", "音节", "过节", "佳节", "假节", "小节", "枝节", "脱节",
)  # fmt: skip
#: Dashes and dots that join two places in a name (中国—东盟博览会, 中国·曲靖).
_DASHES = frozenset({"—", "——", "－", "-", "–", "·", "•"})


@functools.cache
def _heads() -> dict[str, str | None]:
    return {w: (None if s in ("", "-") else s) for w, s in lexicon("event_heads.txt").items()}


@functools.cache
def _head_pattern() -> re.Pattern[str]:
    words = sorted(_heads(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@functools.cache
def _head_lengths() -> dict[str, tuple[int, ...]]:
    """The lengths of the head words ending in each character, longest first.

    Most words end in a character no head ends in: looking the character up
    first spares trying every length at every word's end.
    """
    lengths: dict[str, set[int]] = {}
    for w in _heads():
        lengths.setdefault(w[-1], set()).add(len(w))
    return {ch: tuple(sorted(sizes, reverse=True)) for ch, sizes in lengths.items()}


def _head_ending_at(text: str, end: int) -> str | None:
    """The longest head word that ends at ``end`` (部署会议 ends in 会议, not 部署会)."""
    heads = _heads()
    for size in _head_lengths().get(text[end - 1 : end], ()):
        if size <= end and text[end - size : end] in heads:
            return text[end - size : end]
    return None


@functools.cache
def _titles() -> tuple[str, ...]:
    words = {w for w, flags in lexicon("titles.txt").items() if "block" not in flags.split()}
    return tuple(sorted(words, key=len, reverse=True))


@functools.cache
def _title_set() -> frozenset[str]:
    return frozenset(_titles())


@dataclass(frozen=True)
class EventName:
    """An event name found in the text, with what its context says about it."""

    start: int
    end: int
    text: str
    head: str
    subtype: str | None
    specific: bool  # names one event on its own (year or ordinal, no relative jurisdiction)


# --------------------------------------------------------------------------- names


def find_events(analysis: Analysis) -> list[EventName]:
    """Event names of a document, longest first where they overlap, in text order."""
    text = analysis.doc.text
    words = Words(analysis)
    heads = _heads()
    found: list[EventName] = []
    works = {**_project_spans(analysis), **_town_spans(analysis)}
    for start, end, head in _head_words(text, words):
        if head == "大会" and text.startswith("发言", end) and text[start - 1 : start] == "作":
            continue  # 作|大会|发言: a speech to the plenary, no meeting's name
        run = _name_parts(text, words, start, works)
        begin = _name_begin(text, run, head)
        whole_begin = _whole_begin(text, words, start, end)
        if whole_begin is not None and not _held(text, start, end):
            whole_begin = None  # 全市各地积极开展学雷锋活动: a clause, not a name
        if whole_begin is not None and (begin is None or whole_begin < begin):
            begin = whole_begin  # 全市学习贯彻…精神推进会: a clause-opening 全市 names it
            run = [(whole_begin, _STRONG)]
        if begin is None or begin < analysis.sentence_at(end - 1).start:
            continue  # no name, or one across a sentence boundary (a long line cut in pieces)
        # 民建|锦州市委九届四次全会: a democratic party's committee holds it
        begin -= len(democratic_party_before(text, begin))
        parts = [(p, cls) for p, cls in run if p >= begin]
        classes = {cls for _, cls in parts}
        whole = any(_LEVEL_WHOLE.fullmatch(text[p : p + 2]) for p, _ in parts)
        if head == "活动" and not (whole or _NUMBER in classes or _held(text, start, end)):
            continue  # 活动 is named by 全市 …, a date or an ordinal, or its being held
        if head in _CEREMONIES:
            inner = _inner_event(text, begin, start)
            if inner is not None:
                _, end, head = inner  # 艺术节开幕式: the festival
        name = text[begin:end]
        if "代表大会" in name and head in ("大会", "代表大会") and not _SESSION.search(name):
            continue  # the congress itself, an organisation
        if classes <= {_NUMBER} and _plenary_of_named(text, begin, found):
            continue  # …第十六次会议举行第二次全体会议: a sitting of the session just named
        found.append(
            EventName(begin, end, name, head, heads.get(head, "Meeting"), _is_specific(name))
        )
    return _longest(found)


def _plenary_of_named(text: str, begin: int, found: list[EventName]) -> bool:
    """Whether an event named by its ordinal alone is held by the event named right
    before (X会议举行第二次全体会议): then it is a sitting of that one, not another."""
    for verb in _HELD:
        if text.endswith(verb, 0, begin):
            return any(e.end == begin - len(verb) for e in found)
    return False


def _head_words(text: str, words: Words) -> Iterator[tuple[int, int, str]]:
    """Head words ending on a word boundary: the lexicon's, and 评比会-like meetings.

    Any two-character word before 会 heads a meeting (观摩评比会, 情况通报会)
    unless the 会 word names a body (研究会, 促进会, 委员会).
    """
    heads = _heads()
    seen = set()
    glued = {  # 交流周|在 read as 交流|周在: the head's last character glued to a function word
        t.start + 1
        for t in words.tokens
        if len(t.text) == 2
        and ((t.text[1] in _GLUED_AFTER and word_tag(t.text) is None) or t.text in _AT_MEETING)
    }
    for end in sorted(words.ends | glued):
        head = _head_ending_at(text, end)
        if head is not None and not text.startswith(_COMPOUND_AFTER, end):
            seen.add(end)
            yield end - len(head), end, head
            # 调度会|商会: a longer head across jieba's cut, ending at the next word's end
            nxt = words.tokens[words.index_at(end)] if end < len(text) else None
            longer = _head_ending_at(text, nxt.end) if nxt is not None else None
            if longer is not None and nxt is not None and nxt.end - len(longer) < end:
                seen.add(nxt.end)
                yield nxt.end - len(longer), nxt.end, longer
    for m in re.finditer("节", text):
        end = m.end()
        if end not in words.ends and end not in glued:
            continue  # 节 ends the word, or jieba glued it to the next (油菜花|节在)
        festival = _festival_ending_at(text, words, end)
        if festival is not None:
            seen.add(end)
            yield festival, end, text[festival:end]
    for m in _MEETING_WORD.finditer(text):
        start, end = m.start(), m.end()
        word = m.group()
        if end in seen or end not in words.ends or start not in words.start_set:
            continue
        if word in heads or word[1:] in heads or text.startswith(_COMPOUND_AFTER, end):
            continue
        if word_tag(word[1:]) is not None or word[1] == "委":
            continue  # 政协|有机会, 特委会: the 会 belongs to another word
        if word_tag(word) in ("nz", "nt"):
            continue  # 赛马会: a club's name
        if word_tag(word[:2]) in ("v", "vn", "n", "nz") and word[:2] not in _NOT_MEETINGS:
            yield start, end, word


def _whole_begin(text: str, words: Words, start: int, end: int) -> int | None:
    """A 全市/全省 … that opens the clause and names the event ending in the head at ``start``.

    Names of campaign meetings hold words that otherwise end a name (学习,
    贯彻, 精神, 开展: 全省学习贯彻…全会精神宣讲报告会). The name reaches back
    to the 全市 opening its clause when nothing between is punctuation, a verb
    of holding or an adverb of a clause (要, 积极, 各地), the head is not itself
    cited (…会议精神) and the event is said to be held.
    """
    if text.startswith("精神", end):
        return None
    lo = max(0, start - _MAX_WHOLE_NAME)
    piece = text[lo:start]
    best = None
    for m in _LEVEL_WHOLE.finditer(piece):
        at = lo + m.start()
        between = text[at:start]
        if at not in words.start_set or _NOT_IN_NAME.search(between):
            continue
        before = text[max(0, at - 2) : at]
        if at == 0 or before[-1:] in "，,。；;：:！？\n" or before in ("召开", "举行", "举办"):
            best = at
            break
    return best


def _festival_ending_at(text: str, words: Words, end: int) -> int | None:
    """Start of a festival head ending at ``end``: 油菜花节, 樱桃节, 开渔节 (not 春节, 环节)."""
    if text[end - 1 : end] != "节" or end < 3:
        return None
    tok = words.tokens[words.index_at(end - 1)]
    start = tok.start
    if start == end - 1 and start > 0:
        start = words.tokens[words.index_at(start - 1)].start  # 樱桃|节
    head = text[start:end]
    if not 3 <= len(head) <= 5 or not all(is_han(c) for c in head):
        return None
    if head.endswith(_NOT_FESTIVALS) or word_tag(head) == "t":
        return None
    return start


def _name_begin(text: str, run: list[tuple[int, int]], head: str) -> int | None:
    """Where a name begins in the ``run`` of words before its head (right to left).

    At its leftmost specifier; a run of ordinals only is no name (第一次会议)
    unless there are two (十九届四中全会) or the head is specific (第八次常务会议);
    an ordinal after the name of a standing body takes that name with it
    (焦济一体化发展联席会议第三次会议, 领导小组第七次会议).
    """
    specs = [k for k, (_, cls) in enumerate(run) if cls in _SPECIFIERS]
    if not specs:
        return None
    k = specs[-1]
    if run[k][1] == _NUMBER and k + 1 < len(run):
        body_end = run[k][0]
        body_start = run[k + 1][0]
        if text[body_start:body_end].endswith(_BODIES):
            return run[-1][0]
    classes = {cls for _, cls in run[: k + 1]}
    numbers = sum(1 for _, cls in run[: k + 1] if cls == _NUMBER)
    if classes <= {_NUMBER} and numbers < 2 and head not in _SPECIFIC_HEADS:
        return None
    return run[k][0]


def _longest(names: Iterable[EventName]) -> list[EventName]:
    found = list(names)
    size = max((n.end for n in found), default=0)
    return [found[k] for k in longest_first(((n.start, n.end) for n in found), size)]


def _runs_across(word: str) -> bool:
    """A word jieba glued across a function word (宁在 in 万家宁在开工仪式)."""
    return word_tag(word) is None and any(c in _BREAK_CHARS for c in word)


def _inner_event(text: str, begin: int, ceremony: int) -> tuple[int, int, str] | None:
    """The event whose ceremony this is: 北京市第八届农民艺术节 in …艺术节开幕式."""
    end = ceremony
    for verb in ("开幕", "闭幕", "启动", "开工", "开通", "颁奖", "揭牌", "签约"):
        if text.endswith(verb, begin, end):
            end -= len(verb)
            break
    for head in sorted(_heads(), key=len, reverse=True):
        if head not in _CEREMONIES and text.endswith(head, begin, end) and end - len(head) > begin:
            return begin, end, head
    return None


def _held(text: str, start: int, end: int) -> bool:
    """Whether the clause says the event is held (举办…活动, 活动在…启动, 此次活动)."""
    lo = max(start - 24, 0)
    hi = min(end + 24, len(text))
    before = text[lo:start]
    after = text[end:hi]
    for stop in "。；;！？\n":
        before = before.rpartition(stop)[2]
        after = after.partition(stop)[0]
    return any(v in before or v in after for v in _HELD) or before.endswith(_DETERMINERS)


_SPEC, _STRONG, _NUMBER = 2, 3, 4
_SPECIFIERS = frozenset({_SPEC, _STRONG, _NUMBER})


#: Kinds of project names that are programmes (十大建设, “千万工程”), not named works.
_PROGRAMME_KINDS = frozenset({"programme", "named"})


def _project_spans(analysis: Analysis) -> dict[int, int]:
    """End → start of the named works and lines of a document (``projects``' names, and
    where the grammar read none the project tagger's: 嘉积至潭门旅游公路改建工程)."""
    from kg.extractors.projects import find_projects

    named = {p.end: p.start for p in find_projects(analysis) if p.kind not in _PROGRAMME_KINDS}
    tagged = {m.end: m.start for m in get("project-crf")(analysis) if isinstance(m, Mention)}
    return {**tagged, **named}


def _town_spans(analysis: Analysis) -> dict[int, int]:
    """End → start of the towns a document names (``places``' towns): a town names its
    own congress's session as a county does (某镇第十届人民代表大会第四次会议)."""
    return {
        m.end: m.start
        for m in get("places")(analysis)
        if isinstance(m, Mention) and m.text.endswith(("镇", "乡", "街道"))
    }


def _work_inside(works: Mapping[int, int] | None, start: int, end: int) -> int | None:
    """The start of a named work that ends inside the word ``[start, end)`` and begins
    before it (jieba glued 铁路 and 沿线 into one word), if any."""
    if not works:
        return None
    for at in range(end - 1, start, -1):
        begin = works.get(at)
        if begin is not None and begin < start:
            return begin
    return None


def _name_parts(
    text: str, words: Words, head_start: int, works: Mapping[int, int] | None = None
) -> list[tuple[int, int]]:
    """The words before a head that may belong to its name: (start, class), right to left.

    A named work or line before the head specifies a meeting as a place does
    (郑焦城际铁路开工动员大会, 郑焦城际铁路铺轨仪式):
    ``works`` maps the end of each to its start.
    """
    i = words.index_at(head_start)
    tokens = words.tokens
    parts: list[tuple[int, int]] = []
    cursor = head_start
    if tokens and tokens[i].start < head_start <= tokens[i].end:
        piece = text[tokens[i].start : head_start]
        cls = _NUMBER if _PLENUM.fullmatch(piece) else _classify(piece)  # 四中|全会
        if cls == _STOP:
            return []
        parts.append((tokens[i].start, cls))
        cursor = tokens[i].start
    while cursor > 0 and head_start - cursor < _MAX_NAME:
        if text.endswith(_CPPCC, 0, cursor):
            parts.append((cursor - len(_CPPCC), _STRONG))
            cursor -= len(_CPPCC)
            continue
        place = place_ending_at(text, cursor, words.start_set)
        if place is None and works:
            place = works.get(cursor)
        if place is not None:
            parts.append((place, _SPEC))
            cursor = place
            continue
        tok = tokens[words.index_at(cursor - 1)]
        if tok.end != cursor:
            break
        inside = _work_inside(works, tok.start, cursor)
        if inside is not None:  # 某城际|铁路沿线|产业协作推进会: the line ends inside the word
            parts.append((inside, _SPEC))
            cursor = inside
            continue
        word = text[tok.start : tok.end]
        if word in ("）", ")"):
            opening = _bracket_start(text, tok.start)
            if opening is None:
                break
            parts.append((opening, _SPEC))
            cursor = opening
            continue
        if word == "”" and parts:
            opening = text.rfind("“", max(0, tok.start - _MAX_QUOTED), tok.start)
            inner = text[opening + 1 : tok.start]
            if opening < 0 or not inner or not all(is_han(c) for c in inner):
                break
            parts.append((opening, _MOD))  # 全市“万人助万企”活动推进会
            cursor = opening
            continue
        if word in ("和", "及", "与", "同") and parts and tok.start > 0:
            prev = tokens[words.index_at(tok.start - 1)]
            left = text[prev.start : tok.start]
            nxt = tokens[words.index_at(tok.end)]
            right = text[nxt.start : nxt.end] if nxt.start == tok.end else ""
            if _joins_name(left, right):  # 文化和旅游发展大会, 改造和保障性住房建设
                parts.append((tok.start, _MOD))
                cursor = tok.start
                continue
        if word in ("届", "次", "期") and tok.start > 0:
            prev = tokens[words.index_at(tok.start - 1)]
            if ORDINAL.fullmatch(text[prev.start : tok.end]):  # 十九|届
                tok, word = prev, text[prev.start : tok.end]
                if tok.start > 0 and text[tok.start - 1] == "第":  # 第|36|次
                    tok = tokens[words.index_at(tok.start - 1)]
                    word = text[tok.start : cursor]
        if word in _DASHES and parts and tok.start > 0:
            prev = tokens[words.index_at(tok.start - 1)]
            left = text[prev.start : tok.start]
            placed = word_tag(left) == "ns" or is_place_word(left) or left in ("）", ")")
            placed = placed or any(  # 广州白云—: a place, or a place and the word after it
                place_ending_at(text, at, words.start_set) is not None
                for at in (tok.start, prev.start)
            )
            years = YEAR.fullmatch(left) is not None and YEAR.match(text, tok.end) is not None
            if placed or years:  # 中国—中亚合作论坛, 中国·曲靖, 广州白云—贵阳白云, 2024—2025雪季
                parts.append((tok.start, _MOD))
                cursor = tok.start
                continue
        if word in _PARTNERS and tok.start > 0 and text[tok.start - 1] == "中":
            parts.append((tok.start - 1, _SPEC))  # 中|越|边境商贸交易会: China and a partner
            cursor = tok.start - 1
            continue
        capacity = _CAPACITY_BEFORE.search(text, max(0, cursor - 10), cursor)
        if parts and capacity is not None and capacity.start() in words.start_set:
            parts.append((capacity.start(), _MOD))  # 某县|年产20万吨|…项目投产仪式: its works
            cursor = capacity.start()
            continue
        if parts and set(word) <= _NUMERAL_CHARS and text[cursor] in _NUMERAL_CHARS:
            parts.append((tok.start, _NUMBER))  # 十|八届人大常委会: jieba cut the term's ordinal
            cursor = tok.start
            continue
        cls = _classify(word)
        if cls == _STOP or (parts and _is_title_word(word)) or _runs_across(word):
            break
        parts.append((tok.start, cls))
        cursor = tok.start
    return parts


#: A plant's capacity inside the name of its ceremony (年产20万吨, 60万吨, 100兆瓦).
_CAPACITY_BEFORE = re.compile(
    r"(?:年产|年处理|年加工)?[0-9][0-9.]*(?:万|亿)?(?:吨|千瓦|兆瓦|吉瓦|万千瓦|件|台|套|辆)$"
)


#: The characters of a Chinese numeral (十 of 十|八届).
_NUMERAL_CHARS = frozenset("〇零一二三四五六七八九十百")


#: One-character names of China's partners in a pair (中俄, 中越, 中老, 中欧 …), which jieba
#: cuts from 中: the pair names a fair or forum as a place does.
_PARTNERS = frozenset("俄越老缅泰柬蒙哈吉塔巴尼印日韩朝美欧非阿德法英新马")


def _joins_name(left: str, right: str) -> bool:
    """Whether 和 joins two words of one name (文化和旅游, 发展和改革), not two phrases."""
    for word in (left, right):
        if len(word) < 2 or _classify(word) != _MOD or word.endswith(tuple(_heads())):
            return False
    return not left.endswith(_BODY_ENDINGS)  # 委员会和…: two bodies, not one name


def _is_title_word(word: str) -> bool:
    titles = _title_set()
    return word in titles or (word[:1] == "副" and word[1:] in titles)


def _bracket_start(text: str, close: int) -> int | None:
    """The opening bracket of a short bracketed name or qualifier ending at ``close``.

    A place (中国（义乌）; 某新区（黄骅）: a division's short name that elsewhere needs
    context, the brackets being context enough) or a qualifier of the meeting
    (全体（扩大）会议).
    """
    from kg import divisions

    lo = max(close - _MAX_BRACKET - 1, 0)
    opening = max(text.rfind("（", lo, close), text.rfind("(", lo, close))
    if opening < 0 or opening + 1 == close:
        return None
    inner = text[opening + 1 : close]
    place = is_division_name(inner) or inner in divisions.name_index()
    return opening if place or inner in _QUALIFIERS else None


@functools.cache
def _long_stops() -> tuple[str, ...]:
    return tuple(w for w in word_list("event_stops.txt") if len(w) >= 2)


#: A quarter of the year, which names one event as a year does (第三季度).
_QUARTER = re.compile("第?[一二三四]季度")


@functools.lru_cache(maxsize=1 << 16)
def _classify(word: str) -> int:
    """The class of a word before a head: stop, modifier or one kind of specifier."""
    if not word or word in word_list("event_stops.txt"):
        return _STOP
    if not all(is_han(c) or c.isalnum() for c in word):
        return _STOP
    if YEAR.fullmatch(word) or _QUARTER.fullmatch(word):
        return _NUMBER  # 2024年, 第三季度: the period names one event
    if word in ("年", "年度", "暨"):
        return _MOD
    if word.isdigit() or (word[-1] in "月日号" and not is_han(word[0])):
        return _STOP
    if ORDINAL.fullmatch(word):
        return _NUMBER if word.startswith("第") or word.endswith("届") else _MOD
    if _ORDINAL_PREFIX.fullmatch(word):
        return _NUMBER  # 第六十|八届
    if _DATE_WORD.fullmatch(word) or word.endswith(_long_stops()):
        return _STOP  # 一月, 十七日电; 深入开展, 在京举行
    if _LEVEL_WHOLE.fullmatch(word) or word in _ORGAN_WORDS or word in _LEVEL_CHARS:
        return _STRONG  # 全市, 市委, 市 (市十二届人大三次会议)
    if len(word) >= 2 and word.endswith(_ORGAN_ENDINGS):
        return _STRONG
    if all(c in "〇零一二三四五六七八九十百千万两几多数" for c in word):
        return _STOP
    if is_direction(word):
        return _MOD
    if is_place_word(word) or words_tagged(word, "nt") or words_tagged(word, "nz", shortest=4):
        return _SPEC
    return _MOD


def _is_specific(name: str) -> bool:
    """Whether a name identifies one event across documents (no scope needed)."""
    if _RELATIVE.search(name):
        return False
    return bool(YEAR.match(name) or ORDINAL.search(name))


@register(NAME, produces={EVENT}, needs="words")
def events(analysis: Analysis) -> Iterator[Mention]:
    """Named meetings, fairs and ceremonies (全市水利工作会议, 第二届和平文化旅游节)."""
    doc = analysis.doc
    for event in find_events(analysis):
        scope = None if event.specific else doc.id
        yield Mention.span(
            doc, event.start, event.end, EVENT, NAME, score=0.85, subtype=event.subtype, scope=scope
        )
        alias = _LATIN_ALIAS.match(doc.text, event.end)
        if alias is not None:
            yield Mention.span(
                doc,
                alias.start(1),
                alias.end(1),
                EVENT,
                NAME,
                score=0.8,
                subtype=event.subtype,
                key=event.text,
                scope=scope,
            )


# ----------------------------------------------------------------------- relations

_SPEECH = (
    "讲话", "强调", "指出", "要求", "致辞", "致词", "报告", "介绍", "宣读", "通报", "部署", "表示",
    "总结", "开幕辞", "闭幕辞", "欢迎辞", "贺辞", "开幕词", "闭幕词", "欢迎词", "演讲", "说明",
    "汇报",
)  # fmt: skip
#: Speech nouns that count only when delivered (作主旨演讲, 作关于…的说明).
_DELIVERED_ONLY = ("报告", "演讲", "说明")
#: 作/做 (了) before a speech noun: the subject delivers it (作关于…的报告).
_DELIVER = re.compile(r"(?<![工创操制合])[作做](?![为用风品者业])|发表")
#: A speech noun owned by someone (王勇的重要讲话): nobody speaks in this clause.
_OWNED = re.compile(r"的(?:重要|工作|总结|主旨|主题|书面|政府工作)?$")
_LIST_SPEECH = ("发言", "经验交流", "经验介绍")
_ATTEND = ("出席", "参加", "列席", "主持", "就座", "到会", "参展", "宣布", "推介", "签约")
#: Words after 签约 that make it a noun, not what a unit does (签约会, 签约项目).
_SIGNING_NOUNS = ("会", "仪式", "活动", "项目", "金额", "总额", "额")
#: How units sign at a signing event (某公司、某公司等企业代表上台签约): they attend it.
_SIGNING = re.compile(r"(?:等\d*家?(?:企业|单位))?(?:的?(?:代表|负责人))?(?:上台|现场|集中|分别)?$")
#: Who presents at a promotion (作推介, 进行了项目推介) attends it, like an exhibitor.
_PRESENTS = re.compile(r"(?:作|做|进行|开展)了?(?:项目|产业|招商|重点|专题)?$|现场$")
#: What a leader declares open (宣布项目开工): they attend, with no speech recorded.
_DECLARED = re.compile(r"[^，,。；;！？\n]{0,10}?(?:开工|开幕|闭幕|启动|开通|开班|开跑|开始)")
_COMMEND_AFTER = (
    "受到表彰", "获得表彰", "受到表扬", "受表彰", "获评", "被评为", "荣获", "被授予", "被命名为",
)  # fmt: skip
_COMMEND = ("表彰", "表扬")
_ATTEND_LIST = re.compile(
    r"(?:(?:出席|参加|列席)(?:会议|大会|活动|仪式|开幕式)?|(?:在主席台)?就座)的(?:领导)?(?:还)?有[：:]?"
)
_TRIGGERS = re.compile(
    "|".join(
        re.escape(w)
        for w in sorted(
            {*_SPEECH, *_LIST_SPEECH, *_ATTEND, *_COMMEND_AFTER, *_COMMEND},
            key=len,
            reverse=True,
        )
    )
)
_PRONOUNS = ("他", "她")
_EACH = ("分别", "先后", "依次", "相继")
_OWNER = ("的", "关于", "同志的")
_GOVERNED = ("听取", "会见", "接见", "向", "与", "同", "陪同", "看望", "慰问", "邀请", "听了")
#: 会上， / 在会上， / 活动中， opening a clause: what follows happened at the event.
_AT_THE_MEETING = re.compile(
    r"(?:^|(?<=[，,。；;\n]))(?:在)?(?:会上|会议上|大会上|活动中|仪式上|活动现场|仪式现场"
    r"|(?:会议|大会|论坛|展会|博览会|活动)期间|[\u4e00-\u9fff]{2,3}会上|论坛上|开幕式上)[，,]"
)
_FUTURE = ("即将", "将于", "将在", "关于召开", "关于举行", "关于举办", "筹备")
#: Prepositions after the actor that introduce who is acted on (甲向乙捐赠图书).
_ACTS_ON = re.compile(r"向|为|对|给|把")
#: The event chaired, then its chair: 会议由…主持.
_CHAIRED_BY = re.compile(r"(?:会议|大会|全会|活动|仪式|会)由")
_AT_EVENT = ("上", "期间", "开幕式上", "闭幕式上", "现场")
#: Words before a person that make them no speaker or attendee (记者王勇, 据王勇介绍).
_NOT_PARTY = ("记者", "通讯员", "摄影", "据")
_LIST_LEADS = ("分别", "先后", "作", "均", "也", "还", "代表", "在", "发言", "依次", "相继")
_NOT_COMMENDED = ("单位", "集体", "个人", "的", "代表", "企业", "先进", "名单", "决定")
_UNIT_TYPES = frozenset({ORGANIZATION, PLACE})
_PARTIES = frozenset({PERSON, ORGANIZATION, PLACE})


@dataclass(frozen=True)
class _Target:
    mention: Mention
    name: str
    scope: str | None
    date: str | None
    reported: bool


class _Reader:
    """Reads the relations of one document's events."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.doc = analysis.doc
        self.text = analysis.doc.text
        self.mentions = outermost(m for m in analysis.mentions if m.type in _PARTIES)
        self.mention_starts = [m.start for m in self.mentions]
        self.persons = [m for m in self.mentions if m.type == PERSON]
        self.person_starts = [m.start for m in self.persons]
        first = analysis.sentences[0].text if analysis.sentences else ""
        self.ref = reference_date(self.doc.date, first)
        self.clauses = Clauses(self.text)
        self._dates: dict[int, list[tuple[int, str]]] = {}
        self.events = Spans((m.start, m.end) for m in analysis.mentions if m.type == EVENT)
        self.all_targets = self._targets()
        self.all_starts = [t.mention.start for t in self.all_targets]
        self.targets = [t for t in self.all_targets if t.reported]
        self.target_starts = [t.mention.start for t in self.targets]
        held = [t for t in self.targets if _held(self.text, t.mention.start, t.mention.end)]
        self.extra: dict[tuple[int, int], Mention] = {}
        self.main = held[0] if held else self._lead_event() or self._unnamed_main()

    def _lead_event(self) -> _Target | None:
        """The reported event the first sentence names (台州市…集中开工活动主会场设在黄岩区)."""
        sentences = self.analysis.sentences
        if not sentences or not self.targets:
            return None
        first = self.targets[0]
        return first if first.mention.start < sentences[0].end else None

    def _unnamed_main(self) -> _Target | None:
        """此次观摩点评活动, 本次会议: the event a document reports without naming it.

        Its mentions (each 此次/本次 phrase) share the most specific phrase as
        key and the document as scope: one event per document.
        """
        text, heads = self.text, _heads()
        phrases = []
        for det in _DETERMINERS:
            at = text.find(det)
            while at >= 0:
                start = at + len(det)
                m = _head_pattern().search(text, start, start + 12)
                at = text.find(det, start)
                if m is None or self.events.overlapping(start, m.end()):
                    continue
                piece = text[start : m.end()]
                if any(c in _BREAK_CHARS or not is_han(c) for c in piece):
                    continue
                if text.startswith(_COMPOUND_AFTER, m.end()):
                    continue
                phrases.append((start, m.end(), m.group()))
        if not phrases:
            return None
        best = max(phrases, key=lambda p: (p[1] - p[0], -p[0]))
        name = text[best[0] : best[1]]
        mentions = []
        for start, end, head in sorted(phrases):
            mention = Mention.span(
                self.doc,
                start,
                end,
                EVENT,
                RELATIONS,
                score=0.6,
                subtype=heads[head],
                key=name,
                scope=self.doc.id,
            )
            self.extra[(start, end)] = mention
            mentions.append(mention)
        first = mentions[0]
        date = self._date(self.analysis.sentence_at(first.start), first.start)
        return _Target(first, name, self.doc.id, date, True)

    # -- events
    def _targets(self) -> list[_Target]:
        out = []
        for m in sorted(self.analysis.mentions, key=lambda m: m.start):
            if m.type != EVENT:
                continue
            sentence = self.analysis.sentence_at(m.start)
            reported = not self._cited(m) and not self._future(m)
            out.append(_Target(m, m.name, m.scope, self._date(sentence, m.start), reported))
        return out

    def _cited(self, m: Mention) -> bool:
        """Whether the event is cited (its 精神 studied), not reported."""
        after = self.text[m.end : m.end + 4]
        if after.startswith(_CITED_AFTER):
            return True
        if after.startswith("和") and "精神" in self.text[m.end : m.end + 20]:
            return True
        return any(v in self._clause_before(m) for v in _CITE_VERBS)

    def _future(self, m: Mention) -> bool:
        """Whether the event is yet to be held (关于召开…的决定, 即将召开的…, …将于3月召开)."""
        sentence = self.analysis.sentence_at(m.start)
        _, hi = self.clauses.bounds(sentence.start, sentence.end, m.end)
        after = self.text[m.end : hi]
        return any(w in self._clause_before(m) for w in _FUTURE) or after.startswith(_FUTURE)

    def _clause_before(self, m: Mention) -> str:
        sentence = self.analysis.sentence_at(m.start)
        lo, _ = self.clauses.bounds(sentence.start, sentence.end, m.start)
        return self.text[lo : m.start]

    def dates(self, sentence: Sentence) -> list[tuple[int, str]]:
        """The single (not ranged) dates of a sentence: (offset, value), computed once."""
        if sentence.index not in self._dates:
            self._dates[sentence.index] = [
                (sentence.start + d.start, d.value)
                for d in find_dates(sentence.text, self.ref)
                if d.value and "/" not in d.value
            ]
        return self._dates[sentence.index]

    def _date(self, sentence: Sentence, before: int) -> str | None:
        earlier = [value for at, value in self.dates(sentence) if at < before]
        return earlier[-1] if earlier else self.ref

    def target_for(self, sentence: Sentence, pos: int) -> _Target | None:
        """The event a trigger at ``pos`` is about.

        The event named before it in 在…上 (X在全会上讲话, even a cited one); else a
        reported event named in the sentence before it (or the main event named
        anywhere in it); else the document's main event —
        the first reported event said to be held (召开, 举行, 开幕 …).
        A trigger 在 some other, unnamed event (在捐赠仪式上讲话) has none.
        """
        lo, _ = self.clauses.bounds(sentence.start, sentence.end, pos)
        at = self.text.rfind("在", lo, pos)
        if at >= 0:
            i = bisect.bisect_right(self.all_starts, at)
            while i < len(self.all_targets) and self.all_targets[i].mention.start < pos:
                m = self.all_targets[i].mention
                if m.end <= pos and self.text.startswith(_AT_EVENT, m.end):
                    return self.all_targets[i]
                i += 1
            if self._other_event(at + 1, pos):
                return None
        i = bisect.bisect_left(self.target_starts, sentence.start)
        if i < len(self.targets) and self.targets[i].mention.start < sentence.end:
            named = self.targets[i]
            if named.mention.start < pos or named is self.main:
                return named
            # 他强调，要办好第三届…文化节: an event in what is said is not where it is said
        return self.main

    def _other_event(self, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` names an unnamed event other than an anaphor (捐赠仪式)."""
        for m in _head_pattern().finditer(self.text, lo, hi):
            if self.events.overlapping(m.start(), m.end()):
                return False
            if m.group() in _ANAPHORS or m.group() in ("开幕式", "闭幕式"):
                return False
            if self._names_main(self.text[max(lo, m.start() - 2) : m.end()]):
                return False  # 在签约仪式上 in a report on 全区…集中签约仪式
            return m.start() > lo  # a head with words of its own before it
        return False

    def event_after(self, end: int, hi: int) -> bool:
        """Whether what follows an attendance verb is the event (出席会议, 出席开幕式, 主持召开X).

        出席了今天的捐赠仪式 names another, unnamed event; 出席…会议的代表 is a
        relative clause describing someone else.
        """
        hi = min(end + 16, hi)
        for m in _head_pattern().finditer(self.text, end, hi):
            named = [e for _, e in self.events.overlapping(m.start(), m.end())]
            stop = named[0] if named else m.end()
            if self.text.startswith("的", stop):
                return False
            if named or m.group() in _ANAPHORS or m.group() in ("开幕式", "闭幕式"):
                return True
            if self._names_main(self.text[end : m.end()]):
                return True  # 出席签约仪式 in a report on 全区…集中签约仪式
            return not self._other_event(end, m.end())
        return False

    def _names_main(self, phrase: str) -> bool:
        """Whether ``phrase`` (签约仪式) is the end of the main event's name."""
        phrase = phrase.removeprefix("了")
        return (
            self.main is not None
            and len(phrase) >= 3
            and all(is_han(c) for c in phrase)
            and self.main.mention.text.endswith(phrase)
        )

    def object_for(self, target: _Target, lo: int, hi: int) -> Mention:
        """A bare head word in ``[lo, hi)`` standing for the event, else the event's own mention."""
        for word in _ANAPHORS:
            at = self.text.find(word, lo, hi)
            while at >= 0:
                end = at + len(word)
                if not self.events.overlapping(at, end):
                    key = (at, end)
                    if key not in self.extra:
                        self.extra[key] = _reference(self.doc, at, end, target)
                    return self.extra[key]
                at = self.text.find(word, end, hi)
        return target.mention

    # -- parties
    def in_range(self, lo: int, hi: int) -> list[Mention]:
        i = bisect.bisect_left(self.mention_starts, lo)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < hi:
            if self.mentions[i].end <= hi:
                out.append(self.mentions[i])
            i += 1
        return out

    def antecedent(self, pos: int) -> Mention | None:
        """The person 他/她 at ``pos`` stands for: the only one named in the nearest
        earlier sentence that names people (two different names: no antecedent)."""
        i = bisect.bisect_left(self.person_starts, pos) - 1
        if i < 0:
            return None
        last = self.persons[i]
        sentence = self.analysis.sentence_at(last.start)
        lo = max(sentence.start, 0)
        same = set()
        j = i
        while j >= 0 and self.persons[j].start >= lo:
            if _may_be_subject(self.text, self.persons[j]):
                same.add(self.persons[j].name)
            j -= 1
        return last if same == {last.name} else None

    def is_list_clause(self, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` holds only names, titles and separators (a list clause)."""
        text = self.text
        covered = bytearray(hi - lo)
        for m in self.in_range(lo, hi):
            covered[m.start - lo : m.end - lo] = b"\x01" * (m.end - m.start)
        for word in (*UNIT_TAILS, *_titles()):
            at = text.find(word, lo, hi)
            while at >= 0:
                covered[at - lo : at - lo + len(word)] = b"\x01" * len(word)
                at = text.find(word, at + len(word), hi)
        return all(
            covered[k] or text[lo + k] in "、，,和及与等副常务代理执行第一 \t"
            for k in range(hi - lo)
        )


def _list_start(reader: _Reader, sentence: Sentence, lo: int) -> int:
    """Extend a clause leftwards over clauses that only list people (甲，乙，丙等出席)."""
    text = reader.text
    while lo > sentence.start + 1 and text[lo - 1] in "，,":
        prev_lo, _ = reader.clauses.bounds(sentence.start, sentence.end, lo - 2)
        if not reader.in_range(prev_lo, lo - 1) or not reader.is_list_clause(prev_lo, lo - 1):
            break
        lo = prev_lo
    return lo


def _may_be_subject(text: str, m: Mention) -> bool:
    """A person who may be the subject of the clause's verb.

    Not a reporter (记者王勇), a quoted source (据王勇), the owner of a thing
    (王勇的报告, 王勇关于…的汇报) or an object (听取王勇, 会见王勇, 向王勇).
    """
    if _not_party(text, m) or text.startswith(_OWNER, m.end):
        return False
    return not text.endswith(_GOVERNED, max(0, m.start - 4), m.start)


def _not_party(text: str, m: Mention) -> bool:
    """记者王勇 reports and 据王勇介绍 quotes: neither speaks at or attends the event."""
    return text.endswith(_NOT_PARTY, 0, m.start)


def _stands_for_people(tail: str) -> bool:
    """A unit followed by 负责同志, 等, or a title stands for its people (市政协副主席)."""
    return tail.startswith(("等", *UNIT_TAILS)) or _is_title(tail)


def _is_title(tail: str) -> bool:
    tail = tail.lstrip("、，,")
    return bool(tail) and any(tail.endswith(t) for t in _titles())


@register(RELATIONS, produces={EVENT}, stage="relations", needs="words")
def event_relations(analysis: Analysis) -> Iterator[Mention | Relation]:
    """spoke_at, attended and commended_at relations to the events a document reports."""
    reader = _Reader(analysis)
    if not reader.targets and reader.main is None:
        return
    relations: list[Relation] = []
    text = reader.text
    done_lists: set[int] = set()
    for match in _ATTEND_LIST.finditer(text):
        relations.extend(_attendance_list(reader, match.start(), match.end(), done_lists))
    for match in _AT_THE_MEETING.finditer(text):
        relations.extend(_acting_at(reader, match.end()))
    for match in _TRIGGERS.finditer(text):
        word, pos = match.group(), match.start()
        sentence = analysis.sentence_at(pos)
        if pos in done_lists:
            continue
        target = reader.target_for(sentence, pos)
        if target is None:
            continue
        if word in _SPEECH:
            relations.extend(_speech(reader, sentence, match.start(), match.end(), word, target))
        elif word in _LIST_SPEECH:
            relations.extend(_list_speech(reader, sentence, pos, target))
        elif word in _ATTEND:
            relations.extend(_attendance(reader, sentence, pos, match.end(), word, target))
        else:
            relations.extend(_commendation(reader, sentence, pos, match.end(), word, target))
    relations += _attendees_organisations(reader, relations)
    for bare in _determined_anaphors(reader):
        reader.extra.setdefault((bare.start, bare.end), bare)
    yield from reader.extra.values()
    yield from _deduplicated(relations)


def _attendees_organisations(reader: _Reader, relations: list[Relation]) -> list[Relation]:
    """市人大常委会主任于家宝出席: the organisations written in an attendee's title
    attend too — but not the own organisation of one who speaks at or chairs the
    event, nor a party committee or government (市委书记甲出席: its leader is there)
    unless its officer comes from outside to guide the event (沧州市委常委、组织部部长
    甲到会指导: 中共沧州市委 and its 组织部 attend)."""
    text = reader.text
    hosts = {r.subject.name for r in relations if r.kind == "spoke_at"}
    hosts |= {
        r.subject.name
        for r in relations
        if r.kind == "attended" and _CHAIR_AFTER.match(text, r.subject.end)
    }
    own = {
        r.object.name
        for r in reader.analysis.relations
        if r.kind == "holds_post" and r.subject.name in hosts
    }
    out = []
    for r in relations:
        if r.kind != "attended" or r.subject.type != PERSON or r.subject.name in hosts:
            continue
        guides = _GUIDES_AFTER.match(text, r.subject.end) is not None
        for m in _title_chain(reader, r.subject):
            if m.name not in own and (guides or not _leading_organ(m)):
                out.append(_relation("attended", m, r.object, r.sentence, r.date))
    return out


def _title_chain(reader: _Reader, person: Mention) -> list[Mention]:
    """The organisations of a person's titles, nearest first: 三明市委常委、沙县区委书记
    林建华 → 沙县区委, 三明市委 (each followed by its titles, joined by 、)."""
    text = reader.text
    chain: list[Mention] = []
    at = person.start
    while True:
        before = [
            m
            for m in reader.in_range(max(0, at - _MAX_TITLE_GAP - 20), at)
            if m.type == ORGANIZATION and m.end < at
        ]
        if not before:
            return chain
        m = before[-1]
        gap = text[m.end : at]
        titles = gap[:-1] if chain and gap.endswith("、") else gap
        if not (
            0 < len(titles) <= _MAX_TITLE_GAP
            and all(is_han(c) for c in titles)
            and _is_title(titles)
        ):
            return chain
        chain.append(m)
        at = m.start


def _determined_anaphors(reader: _Reader) -> Iterator[Mention]:
    """此次会议, 本次大会: the event being reported, wherever the text says so."""
    text = reader.text
    for det in _DETERMINERS:
        at = text.find(det)
        while at >= 0:
            for word in _ANAPHORS:
                if text.startswith(word, at + len(det)):
                    start = at + len(det)
                    sentence = reader.analysis.sentence_at(start)
                    target = reader.target_for(sentence, start)
                    if target is not None and not reader.events.overlapping(
                        start, start + len(word)
                    ):
                        yield _reference(reader.doc, start, start + len(word), target)
            at = text.find(det, at + len(det))


def _relation(
    kind: str, subject: Mention, obj: Mention, sentence: Sentence, date: str | None
) -> Relation:
    return Relation(kind, subject, obj, sentence, RELATIONS, score=0.7, date=date)


def _speech(
    reader: _Reader, sentence: Sentence, pos: int, end: int, word: str, target: _Target
) -> Iterator[Relation]:
    text = reader.text
    lo, hi = reader.clauses.bounds(sentence.start, sentence.end, pos)
    delivers = _DELIVER.search(text, lo, pos) is not None  # 作…报告, 作了…的讲话
    if word in _DELIVERED_ONLY and not delivers:
        return  # 可行性研究报告 is no speech; 作工作报告, 作主旨演讲 are
    if (word in ("要求", "部署") and text[pos - 1 : pos] == "的") or text.startswith("精神", end):
        return
    if any(v in text[lo:pos] for v in _CITE_VERBS):
        return  # 学习贯彻…讲话: someone else's speech, cited
    owned = re.search(
        r"的(?:重要|工作|总结|主旨|主题|书面|政府工作)?$", text[max(lo, pos - 5) : pos]
    )
    if owned and not delivers:
        return  # 江泽民同志的重要讲话: a speech as a thing, its speaker is not speaking here
    if text[lo:pos].lstrip().startswith("据"):
        return  # 据某某介绍: a source quoted, not a speech at the event
    before = reader.in_range(lo, pos)
    obj = reader.object_for(target, lo, hi)
    people = [m for m in before if m.type == PERSON and _may_be_subject(text, m)]
    if people and text[max(lo, pos - 4) : pos].endswith(_EACH):
        lo = _list_start(reader, sentence, lo)  # 甲，乙分别讲话: every one of them
        for m in reader.in_range(lo, pos):
            if m.type == PERSON and _may_be_subject(text, m):
                yield _relation("spoke_at", m, obj, sentence, target.date)
        return
    if people:
        yield _relation("spoke_at", people[-1], obj, sentence, target.date)
        return
    lead = text[lo:pos]
    if lead.lstrip().startswith(_PRONOUNS) and len(lead) <= 16:
        person = reader.antecedent(lo)
        if person is not None:
            yield _relation("spoke_at", person, obj, sentence, target.date)
        return
    items = list(list_items(text, lo, pos, before, _UNIT_TYPES))
    for n, item in enumerate(items):
        tail = item.tail or next((i.tail for i in items[n + 1 :] if i.tail), "")
        if tail.startswith(UNIT_TAILS) and not tail.startswith(("的", "代表")):
            yield _relation("spoke_at", item.mention, obj, sentence, target.date)  # 甲、乙负责同志
        elif word in _UNIT_REPORTS and tail in _REPORT_ADVERBS and _opens_clause(text, lo, items):
            yield _relation("spoke_at", item.mention, obj, sentence, target.date)  # 区住建局通报了


#: Speeches a unit itself gives (区住建局通报了进度, 市气象局、市水利局分别汇报).
_UNIT_REPORTS = frozenset({"通报", "汇报", "介绍", "报告"})
_REPORT_ADVERBS = frozenset({"", "分别", "先后", "也", "还", "随后", "分别就", "就"})


def _opens_clause(text: str, lo: int, items: list[Item]) -> bool:
    """Whether the first item of ``items`` opens the clause starting at ``lo``."""
    return bool(items) and not text[lo : items[0].mention.start].strip(" ，,")


def _list_speech(
    reader: _Reader, sentence: Sentence, pos: int, target: _Target
) -> Iterator[Relation]:
    text = reader.text
    lo, hi = reader.clauses.bounds(sentence.start, sentence.end, pos)
    obj = reader.object_for(target, lo, hi)
    for item in list_items(text, lo, pos, reader.in_range(lo, pos)):
        tail = item.tail
        listed = not tail or tail.startswith(("等", *UNIT_TAILS))
        closing = item.last and tail.startswith(_LIST_LEADS)
        if item.mention.type == PERSON or listed or closing:
            yield _relation("spoke_at", item.mention, obj, sentence, target.date)


def _attendance(
    reader: _Reader, sentence: Sentence, pos: int, end: int, word: str, target: _Target
) -> Iterator[Relation]:
    text = reader.text
    lo, hi = reader.clauses.bounds(sentence.start, sentence.end, pos)
    chaired = _CHAIRED_BY.search(text, lo, pos) if word == "主持" else None
    if chaired is not None:  # 会议由市委副书记、市长张海涛主持
        obj = reader.object_for(target, pos, hi)
        yield from _attendees(reader, sentence, chaired.end(), pos, obj, target)
        return
    if word == "宣布":
        if not _DECLARED.match(text, end):
            return  # 宣布…决定 is no opening
    elif word == "签约":
        if text.startswith(_SIGNING_NOUNS, end) or reader.main is None:
            return  # 签约会 is the event; 签约项目 a count of them
        obj = reader.object_for(target, pos, hi)
        items = list(list_items(text, lo, pos, reader.in_range(lo, pos)))
        if not items or not _SIGNING.search(text, items[-1].mention.end, pos):
            return
        for item in items:
            if item.mention.type == ORGANIZATION:
                yield _relation("attended", item.mention, obj, sentence, target.date)
        return
    elif word == "推介":
        if text.startswith("会", end) or not _PRESENTS.search(text, lo, pos):
            return  # 推介会 is the event; 推介了产品 names nobody who attends
        obj = reader.object_for(target, pos, hi)
        start = _list_start(reader, sentence, lo)
        for item in list_items(text, start, pos, reader.in_range(start, pos)):
            if not _not_party(text, item.mention):
                yield _relation("attended", item.mention, obj, sentence, target.date)
        return
    elif (
        word not in ("就座", "到会", "参展")
        and not reader.event_after(end, hi)
        and not (reader.main is not None and _ends_clause(text, end))
        and not (reader.main is not None and word == "主持" and _SITTING.match(text, end))
    ):
        return  # 区长某某主持。 in the report of one event: that event
    if word == "参展" and text.startswith("商", end):
        yield from _exhibitor(reader, sentence, end + 1, target)
        return
    lo = _list_start(reader, sentence, lo)
    obj = reader.object_for(target, pos, hi)
    yield from _attendees(reader, sentence, lo, pos, obj, target)


def _ends_clause(text: str, at: int) -> bool:
    """Whether a clause ends right after an attendance verb (区人大常委会主任某某出席。)."""
    return at >= len(text) or text[at] in "，,。；;！!"


def _exhibitor(
    reader: _Reader, sentence: Sentence, start: int, target: _Target
) -> Iterator[Relation]:
    """参展商某某: an exhibitor, there at the fair."""
    for m in reader.in_range(start, start + 2 + 16)[:1]:
        if m.type == PERSON and m.start <= start + 2:
            yield _relation("attended", m, target.mention, sentence, target.date)


def _attendees(
    reader: _Reader, sentence: Sentence, lo: int, hi: int, obj: Mention, target: _Target
) -> Iterator[Relation]:
    items = list(list_items(reader.text, lo, hi, reader.in_range(lo, hi)))
    for n, item in enumerate(items):
        m = item.mention
        if m.type == PERSON:
            if not _not_party(reader.text, m):
                yield _relation("attended", m, obj, sentence, target.date)
            continue
        later_person = any(i.mention.type == PERSON for i in items[n + 1 :])
        if _is_title(item.tail) and later_person:
            continue  # 市委常委、副市长梁文斌: titles of the person named next
        if not item.tail and not any(_stands_for_people(i.tail) for i in items[n + 1 :]):
            continue  # 她去北京参加会议: a place alone does not attend
        if _stands_for_people(item.tail) or not item.tail:
            yield _relation("attended", m, obj, sentence, target.date)


def _acting_at(reader: _Reader, start: int) -> Iterator[Relation]:
    """会上，甲与乙签订协议: who acts at the event attended it (who speaks, spoke_at instead)."""
    sentence = reader.analysis.sentence_at(start)
    target = reader.target_for(sentence, start)
    if target is None:
        return
    _, hi = reader.clauses.bounds(sentence.start, sentence.end, start)
    if _TRIGGERS.search(reader.text, start, hi):
        return  # 会上，甲作交流发言 / 乙获评…: the trigger says what they did
    inside = reader.in_range(start, hi)
    if inside:
        to = _ACTS_ON.search(reader.text, inside[0].end, hi)
        hi = to.start() if to is not None else hi  # 甲向乙捐赠: 乙 receives, 甲 acts
    obj = target.mention
    for item in list_items(reader.text, start, hi, reader.in_range(start, hi)):
        if item.mention.type == PERSON and _not_party(reader.text, item.mention):
            break
        yield _relation("attended", item.mention, obj, sentence, target.date)
        if item.tail and not item.tail.startswith("等"):
            break  # the predicate: the list is over


def _attendance_list(reader: _Reader, start: int, end: int, done: set[int]) -> Iterator[Relation]:
    """出席会议的还有：A、B；C、D。 — the list runs on across ；"""
    analysis = reader.analysis
    sentence = analysis.sentence_at(start)
    target = reader.target_for(sentence, start)
    if target is None:
        return
    for m in _TRIGGERS.finditer(reader.text, start, end):
        done.add(m.start())
    obj = reader.object_for(target, start, end)
    lo = end
    index = sentence.index
    while True:
        hi = sentence.end
        yield from _attendees(reader, sentence, lo, hi, obj, target)
        if not reader.text[sentence.start : sentence.end].endswith(("；", ";")):
            break
        index += 1
        if (
            index >= len(analysis.sentences)
            or "\n" in reader.text[hi : analysis.sentences[index].start]
        ):
            break
        sentence = analysis.sentences[index]
        lo = sentence.start


def _commendation(
    reader: _Reader, sentence: Sentence, pos: int, end: int, word: str, target: _Target
) -> Iterator[Relation]:
    text = reader.text
    lo, hi = reader.clauses.bounds(sentence.start, sentence.end, pos)
    if word in _COMMEND_AFTER:
        if "表" in word and text.startswith(_NOT_COMMENDED, end):
            return  # 向受表彰单位颁发奖牌: a noun phrase, not a statement
        region = (lo, pos)
    else:
        dui = text.rfind("对", lo, pos)
        if dui >= 0:
            cut = pos
            for verb in ("进行了", "进行", "予以", "给予", "集中"):
                if text.endswith(verb, dui, cut):
                    cut -= len(verb)
            region = (dui + 1, cut)
        else:
            region = (end + 1 if text.startswith("了", end) else end, hi)
    date = _year_of(reader, sentence) or target.date
    obj = reader.object_for(target, lo, hi)
    for item in list_items(text, *region, reader.in_range(*region)):
        tail = item.tail
        listed = not tail or tail.startswith(("等", *UNIT_TAILS))
        if listed or (item.last and region[1] == pos and tail.startswith(_LIST_LEADS)):
            yield _relation("commended_at", item.mention, obj, sentence, date)


def _year_of(reader: _Reader, sentence: Sentence) -> str | None:
    found = reader.dates(sentence)
    return found[0][1] if found else None


def _leading_organ(m: Mention) -> bool:
    """A party committee or its department, or a government: its leaders attend as
    hosts or guests in person (州委书记甲出席), the organ itself is not listed."""
    return m.subtype == "PartyOrgan" or m.name.startswith("中共") or m.name.endswith("政府")


_MAX_TITLE_GAP = 8
#: A sitting of the session reported (主持闭幕会): its chair attends the session.
_SITTING = re.compile(r"(?:开幕会|闭幕会|开幕大会|闭幕大会|预备会议|开幕式|闭幕式)")
#: A chair: the person, maybe a few words, then 主持 (甲主持会议, 甲在会上主持).
_CHAIR_AFTER = re.compile(r"[^，。；、]{0,4}主持")
#: A guide from a higher level: the person, maybe a few words, then 到会指导.
_GUIDES_AFTER = re.compile(r"[^，。；、]{0,4}到会指导")


def _deduplicated(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (kind, subject, event); who spoke is not also listed as attending."""

    def ident(m: Mention) -> tuple[str, str, str | None]:
        return (m.type, m.code or m.name, m.scope)

    spoke = {(ident(r.subject), ident(r.object)) for r in relations if r.kind == "spoke_at"}
    seen = set()
    out = []
    for r in relations:
        key = (r.kind, ident(r.subject), ident(r.object))
        if key in seen:
            continue
        if r.kind == "attended" and (key[1], key[2]) in spoke:
            continue
        seen.add(key)
        out.append(r)
    return out


def _reference(doc: Document, start: int, end: int, target: _Target) -> Mention:
    """A mention of ``target``'s event by a word standing for it (会议, 此次活动)."""
    return Mention.span(
        doc,
        start,
        end,
        EVENT,
        RELATIONS,
        score=0.7,
        subtype=target.mention.subtype,
        key=target.name,
        scope=target.scope,
    )
