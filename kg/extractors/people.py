"""People named in the text, found through the constructions that introduce them.

Government news introduces a person with a title or a verb around the name,
and then repeats the bare name. A candidate name is read from these contexts
only (no name is guessed from its shape alone):

* a title or form of address before it — 市委书记谢玉安, 副市长李红梅, 记者王勇;
* a title, 同志 or a form of address after it — 贾庆林书记, 谢玉安同志;
* an appointment verb — 任命张三为…, 增补张三为…, 免去张三的…, 张三当选…,
  张三担任/兼任/出任…;
* at the start of a clause, a verb of speech or action after it — 王勇强调,
  王勇主持 (a weaker context: the name must not be an ordinary word at all);
* a parenthesis of sex or nationality after it — 王芳（女）, 李军（回族）;
* a list: an item of 甲、乙和丙 next to a name already found;
* a dotted transliteration or a Latin-script name before a verb of speech at
  the start of a clause (艾尔肯·吐尼亚孜指出, John Smith表示), a Latin name
  after a title (总经理Anna Lee).

Tibetan, Mongolian and Uyghur names have no surname and are known by their
openings (扎西, 格桑; an opening alone is a name after a title: 副主席达瓦);
a verb of speech or action after one is not part of the name (达瓦出席).

A candidate must have the shape of a Chinese name: a surname from
``kg/data/surnames.txt`` (single or compound) and a one- or two-character
given name without characters that never occur in names (的, 市, 局 …); it
must not be an ordinary word of jieba's dictionary (夏粮, 高潮, 明白), nor a
division's name (夏邑 before 县长). Where both a two- and a three-character
reading fit (市长王勇在会上 / 市长刘家强在), the next character and jieba's word
boundaries decide: a name ends before a function word (在, 说, 和 …).

Every name found in a context is then marked wherever else it occurs in the
document (谢玉安强调 later on), on word boundaries.

Person scope: mentions carry no ``scope``, so one name is one person across
documents. Namesakes in different places would need evidence (their posts)
to be told apart; the posts extractor records the posts, and merging is left
to that evidence rather than guessed here.

The extractor reads jieba's words (``needs="words"``): part-of-speech tags
add nothing the contexts do not give, and tagging is several times slower.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extractors import register
from kg.extractors.jieba_pos import not_person, surnames
from kg.model import PERSON, Analysis, Mention
from kg.titles import find_titles, longest

__all__ = ["NAME", "PersonSpan", "find_people", "is_name", "people"]

NAME = "people"
#: Score of a name read from a title, address or appointment context.
STRONG = 0.9
#: Score of a name read only from a verb of speech or action after it.
WEAK = 0.85

#: Characters that never occur in a given name in this prose: function words,
#: and the suffixes of places and organisations.
_NON_NAME = frozenset(
    "的了着过们在是不也都就还又把被让对从到给与及等并而或之其这那哪么吗呢吧啊"
    "说讲要将能已所由以因但则即便且每各该此某上下内外后很最更"
    "市县区省州镇乡村局委部厅办院站处室社队厂司组街路号年个些次条件亿第党摄"
)
#: Single-character words that end a name when they follow its second character.
_END_WORDS = frozenset("和与同为向及跟对在说")
#: Single-character words that may stand right before a name.
_BEFORE_WORDS = frozenset("向对和与同跟由给把被让请及在是为了将从但")
#: Verbs of speech or action that follow a name at the start of a clause.
_SPEECH_AFTER = (
    "强调",
    "指出",
    "表示",
    "要求",
    "主持",
    "宣布",
    "介绍",
    "认为",
    "希望",
    "提出",
    "讲话",
    "致辞",
    "说",
    "在",
    "出席",
    "会见",
    "看望",
    "慰问",
    "陪同",
    "调研",
    "视察",
    "考察",
    "深入",
    "来到",
    "一行",
)
#: Words that may follow a name: its speech and action verbs, prepositions, address.
_AFTER_WORDS = (
    *_SPEECH_AFTER,
    "发言",
    "参加",
    "等",
    "和",
    "与",
    "及",
    "对",
    "向",
    "为",
    "同",
    "也",
    "还",
    "就",
    "代表",
    "作",
    "到",
    "赴",
    "率",
    "是",
    "已",
    "将",
    "于",
    "从",
    "先后",
    "分别",
    "一同",
    "同志",
    "摄",
    "当选",
    "担任",
    "兼任",
    "出任",
    "原任",
    "曾任",
    "现任",
    "任",
    "的",
)
#: Two-character verbs that follow a name and whose first character a four-character
#: reading would take (才让太|陪同, 某某|主持): a name ends before them.
_VERBS_AFTER_NAME = ("陪同", "主持", "出席", "参加", "调研", "讲话", "介绍", "表示", "指出", "强调")
#: Verbs after which a name comes (任命张三为…).
_APPOINT_BEFORE = (
    "任命", "提名", "选举", "推选", "推举", "增补", "补选", "递补", "聘任", "聘请", "免去"
)  # fmt: skip
#: Verbs that follow a name they concern (张三当选…).
_APPOINT_AFTER = (
    "当选",
    "担任",
    "兼任",
    "出任",
    "调任",
    "升任",
    "改任",
    "继任",
    "接任",
    "现任",
    "曾任",
    "历任",
    "原任",
    "不再担任",
)
_SPEECH_RE = re.compile("|".join(sorted(map(re.escape, _SPEECH_AFTER), key=len, reverse=True)))
_APPOINT_BEFORE_RE = re.compile("|".join(_APPOINT_BEFORE))
_APPOINT_AFTER_RE = re.compile("|".join(sorted(_APPOINT_AFTER, key=len, reverse=True)))
_BIO_RE = re.compile(r"[（(](?:女|男|[\u4e00-\u9fff]{1,4}族)[，,、）)]")
_CLAUSE_STARTS = frozenset('，,。；;：:、！!？?“”"‘’（）()《》【】 \n\t')
_LIST_SEPARATORS = ("、", "和", "及", "与")
#: Verbs that may stand between a name and the title it is given (甲为县长).
_VERBS_BEFORE_TITLE = frozenset("为任")
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
#: Tags of dictionary words that are never a given name (中共, 人大 are ``j``).
_NOT_GIVEN_TAGS = frozenset({"j", "nt", "c", "p", "u", "q", "f", "y", "e"})
#: Tags of dictionary words that never open a three-character name (许多老, 纪念亭).
_NOT_OPENING_TAGS = frozenset({"m", "c", "d", "p", "r", "u", "q", "f", "v"})
#: Frequency above which an ordinary noun opening a candidate (单位和) is that noun.
_COMMON = 10000
#: Common openings of Tibetan, Mongolian and Uyghur names, which have no surname.
_NAME_OPENINGS = frozenset(
    [
        "扎西",
        "次仁",
        "格桑",
        "达瓦",
        "尼玛",
        "多吉",
        "巴桑",
        "洛桑",
        "旦增",
        "索朗",
        "平措",
        "顿珠",
        "央金",
        "卓玛",
        "拉巴",
        "普布",
        "边巴",
        "白玛",
        "才让",
        "贡布",
        "阿旺",
        "丹增",
        "强巴",
        "德吉",
        "巴特尔",
        "巴图",
        "宝音",
        "乌兰",
        "斯琴",
        "其其格",
        "其木格",
        "乌云",
        "阿拉坦",
        "阿拉腾",
        "那仁",
        "娜仁",
        "萨仁",
        "额尔敦",
        "朝鲁",
        "塔娜",
        "高娃",
        "毕力格",
        "巴雅尔",
        "图雅",
        "艾力",
        "买买提",
        "阿不都",
        "吐尔逊",
        "努尔",
        "热合曼",
        # Amdo and Kham Tibetan parts (尕藏才让, 更登扎西, 才旦卓玛)
        "尕藏",
        "更登",
        "才旦",
        "桑杰",
        "仁青",
        "久美",
        "罗藏",
        "万玛",
        "索南",
        "贡保",
    ]
)
_OPENINGS_LONGEST_FIRST = tuple(sorted(_NAME_OPENINGS, key=len, reverse=True))
#: The known parts of three characters or more, which may follow another part (苏和巴特尔).
_LONG_PARTS = tuple(p for p in _OPENINGS_LONGEST_FIRST if len(p) >= 3)
#: The longest name made of known parts alone (额尔敦巴雅尔: 额尔敦 + 巴雅尔).
_MAX_PARTS_RUN = 6


def _parts_run(text: str, i: int) -> int:
    """The length of the run of two or more known name parts at ``i`` (额尔敦|巴雅尔), or 0:
    a long Mongolian or Tibetan name that a four-character reading would cut."""
    at, parts = i, 0
    while at - i < _MAX_PARTS_RUN:
        part = next((p for p in _OPENINGS_LONGEST_FIRST if text.startswith(p, at)), None)
        if part is None or at + len(part) - i > _MAX_PARTS_RUN:
            break
        at, parts = at + len(part), parts + 1
    return at - i if parts >= 2 else 0


#: Simplified forms of surnames written in traditional characters.
_SIMPLIFIED = str.maketrans(
    "陳劉張黃趙吳鄭謝羅馮鄧許韓蘇葉呂盧鍾陸譚賈韋鄒龍顧龔錢孫馬楊蔣紀湯嚴溫莊賀齊簡顏萬閻",
    "陈刘张黄赵吴郑谢罗冯邓许韩苏叶吕卢钟陆谭贾韦邹龙顾龚钱孙马杨蒋纪汤严温庄贺齐简颜万阎",
)


@dataclass(frozen=True, slots=True)
class PersonSpan:
    """A personal name found at ``[start, end)`` with the strength of its evidence."""

    start: int
    end: int
    score: float


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _word_tags() -> dict[str, str]:
    """jieba's dictionary: word → its part-of-speech tag."""
    from kg.segment import segmenter

    return segmenter().dictionary_tags


@functools.cache
def _division_names() -> frozenset[str]:
    from kg.divisions import name_index

    return frozenset(name_index())


@functools.cache
def _compound_surnames() -> frozenset[str]:
    return frozenset(s for s in surnames() if len(s) == 2)


def surname_length(word: str) -> int:
    """Length of the surname ``word`` starts with (2 for 欧阳…), or 0."""
    if len(word) >= 3 and word[:2] in _compound_surnames():
        return 2
    return 1 if word[:1].translate(_SIMPLIFIED) in surnames() else 0


def _opening(word: str) -> int:
    """Length of a surname-less name opening (扎西 in 扎西东珠), or 0."""
    for n in (3, 2):
        if len(word) > n and word[:n] in _NAME_OPENINGS:
            return n
    return 0


@functools.lru_cache(maxsize=1 << 16)
def is_name(word: str, *, strict: bool = False) -> bool:
    """Whether ``word`` has the shape of a Chinese personal name.

    A surname, then a one- or two-character given name of name characters;
    not an ordinary dictionary word nor a division name, and not opened by a
    common word (许多老). ``strict`` (for weak contexts) also refuses any
    dictionary word but a three-character name, a name opened by a place
    name and a given name that is a common word. A three-character word
    jieba's dictionary lists as a name (习近平) passes without a listed
    surname; so do Tibetan, Mongolian and Uyghur names by their openings.

    >>> is_name("谢玉安"), is_name("夏粮"), is_name("市委")
    (True, False, False)
    """
    if not 2 <= len(word) <= 4 or not all(_is_han(c) for c in word) or word in not_person():
        return False
    tags = _word_tags()
    tag = tags.get(word)
    sur = surname_length(word)
    if sur == 0 or _opening(word) or word in _NAME_OPENINGS:  # 索朗次仁 opens with a surname
        if word in _NAME_OPENINGS:
            return not strict  # 副主席达瓦: an opening is a whole name after a title
        opening = _opening(word)
        if opening:
            rest = word[opening:]
            if any(v in rest for v in _SPEECH_AFTER if len(v) > 1):
                return False  # 达瓦出席, 格桑主持: the opening is the name, a verb follows
            for part in _OPENINGS_LONGEST_FIRST:
                rest = rest.replace(part, "")  # 扎西次仁: the 次 of 次仁 is a name's
            return not any(c in _NON_NAME for c in rest)
        return len(word) == 3 and tag in _NAME_TAGS and not strict
    given = word[sur:]
    if not 1 <= len(given) <= 2 or any(c in _NON_NAME for c in given):
        return False
    given_tag = tags.get(given)
    if given_tag in _NOT_GIVEN_TAGS or given in _VERBS_AFTER_NAME or given in ("列席", "缺席"):
        return False  # 应|出席: a modal and the verb after it, no name
    if tag is not None and (tag not in _NAME_TAGS or (strict and (len(word) < 3 or tag == "nrt"))):
        return False
    if word[0] in _BEFORE_WORDS and (len(word) == 2 or given_tag not in (None, *_NAME_TAGS)):
        return False  # 和韦, 由领导: the word before a name, not a surname
    if len(word) == 3 and sur == 1 and _opens_with_word(word[:2], strict):
        return False
    common_given = given_tag not in (None, *_NAME_TAGS) and _frequency(given) >= 1000
    if strict and len(given) == 2 and common_given:
        return False
    return word not in _division_names()


def _opens_with_word(head: str, strict: bool) -> bool:
    """Whether the first two characters of a candidate are a word that is no surname."""
    tag = _word_tags().get(head)
    if tag is None or tag in _NAME_TAGS:
        return False
    if strict:
        return True
    common = _COMMON if tag == "n" else _COMMON // 4 if tag in _NOT_OPENING_TAGS else None
    return common is not None and _frequency(head) > common


@functools.cache
def _place_words() -> frozenset[str]:
    """Division names and the common place names of jieba's dictionary (泰国, 英国)."""
    common = {w for w, tag in _word_tags().items() if tag == "ns" and _frequency(w) >= 1000}
    return _division_names() | common


def _frequency(word: str) -> int:
    from kg.segment import segmenter

    return segmenter().frequency(word)


class _Finder:
    """Finds the names of one document."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.doc.text
        self.bounds = {t.start for t in analysis.tokens} | {t.end for t in analysis.tokens}
        self.titles = [t for t in longest(find_titles(self.text)) if not t.title.block]
        self.title_ends = {t.end for t in self.titles}
        self.title_starts = {t.start for t in self.titles}
        self.in_title = {i for t in self.titles for i in range(t.start, t.end)}
        places = _place_words()
        #: ends of words that name a place (泰国 in 泰国总理, 湘潭 in 湘潭市长)
        self.place_ends = {t.end for t in analysis.tokens if t.text in places}

    def end_evidence(self, end: int) -> int:
        """How well a name may end at ``end``: 2 before punctuation, a title or a
        word that follows names, 1 on a mere word boundary, else 0."""
        text = self.text
        if end >= len(text) or not _is_han(text[end]):
            return 2
        if end in self.title_starts or text.startswith(_AFTER_WORDS, end):
            return 2
        return 1 if end in self.bounds else 0

    def start_evidence(self, start: int) -> int:
        """How well a name may start at ``start`` (as :meth:`end_evidence`)."""
        text = self.text
        if start == 0 or not _is_han(text[start - 1]):
            return 2
        if start in self.title_ends or text[start - 1] in _BEFORE_WORDS:
            return 2
        return 1 if start in self.bounds else 0

    def ends_well(self, end: int) -> bool:
        return self.end_evidence(end) > 0

    def starts_well(self, start: int) -> bool:
        return self.start_evidence(start) > 0

    def free(self, start: int, end: int) -> bool:
        """Whether no title overlaps ``[start, end)`` (谢书记 is no name)."""
        return not any(i in self.in_title for i in range(start, end))

    # -- reading a name next to an anchor -----------------------------------

    def name_from(self, i: int, strict: bool = False) -> tuple[int, int] | None:
        """The name that starts at ``i`` (after a title or a verb), if any."""
        text = self.text
        fits = {
            n: self.end_evidence(i + n)
            for n in (4, 3, 2)
            if i + n <= len(text)
            and self.free(i, i + n)
            and is_name(text[i : i + n], strict=strict)
        }
        fits = {n: e for n, e in fits.items() if e}
        if not fits:
            return None
        if text[i] in _BEFORE_WORDS and len(text[i:]) > 3 and self._named_after(i + 1):
            return None  # 和 before 韦秀英 is a conjunction, not a surname
        best = max(fits.values())
        lengths = [n for n, e in fits.items() if e == best]
        n = lengths[0]
        if lengths[:2] == [4, 3] and (
            text[i + 3] == "为" or text.startswith(_VERBS_AFTER_NAME, i + 3)
        ):
            n = 3  # 选举尹家华|为…, 才让太|陪同调研: the verb's character, not the name's
        elif lengths[:2] == [3, 2] and (
            text[i + 2] in _END_WORDS or (i + 2 in self.bounds and i + 3 not in self.bounds)
        ):
            n = 2
        return i, i + max(n, _parts_run(text, i))

    def _named_after(self, i: int) -> bool:
        word = self.text[i : i + 3]
        return len(word) == 3 and is_name(word) and self.end_evidence(i + 3) == 2

    def name_until(self, j: int, strict: bool = False) -> tuple[int, int] | None:
        """The name that ends at ``j`` (before a title or a verb), if any."""
        text = self.text
        fits = {
            n: self.start_evidence(j - n)
            for n in (4, 3, 2)
            if j - n >= 0 and self.free(j - n, j) and is_name(text[j - n : j], strict=strict)
        }
        fits = {n: e for n, e in fits.items() if e}
        if not fits:
            return None
        best = max(fits.values())
        lengths = [n for n, e in fits.items() if e == best]
        n = lengths[0]
        if lengths[:2] == [3, 2]:
            before_word = text[j - 3] in _BEFORE_WORDS and text[j - 2] in surnames()
            if before_word or (j - 2 in self.bounds and j - 3 not in self.bounds):
                n = 2
        return j - n, j

    # -- contexts -------------------------------------------------------------

    def anchored(self) -> Iterator[PersonSpan]:
        """Names read from titles, address words, appointment verbs and parentheses."""
        text = self.text
        for t in self.titles:
            if t.end not in self.title_starts and not t.title.follows:
                after = t.end
                while after < len(text) and after - t.end < 2 and text[after] in " \u3000":
                    after += 1  # 记者 王勇: a byline may space the name
                span = self.name_from(after)
                if span:
                    yield PersonSpan(*span, STRONG)
            if t.start not in self.title_ends and t.start not in self.place_ends:
                # 任命甲为副县长, 甲任县长: the verb stands between name and title
                verb = t.start > 0 and text[t.start - 1] in _VERBS_BEFORE_TITLE
                span = (verb and self.name_until(t.start - 1)) or self.name_until(t.start)
                if span:
                    yield PersonSpan(*span, STRONG)
        for m in _APPOINT_BEFORE_RE.finditer(text):
            span = self.name_from(m.end())
            if span:
                yield PersonSpan(*span, STRONG)
            yield from self.appointed_later(m.end())
        for m in _APPOINT_AFTER_RE.finditer(text):
            span = self.name_until(m.start())
            if span:
                yield PersonSpan(*span, STRONG)
        for m in _BIO_RE.finditer(text):
            span = self.name_until(m.start())
            if span and self._clause_start(span[0]):
                yield PersonSpan(*span, STRONG)
        for m in _SPEECH_RE.finditer(text):
            span = self.name_until(m.start(), strict=True)
            if span and self._clause_start(span[0]):
                yield PersonSpan(*span, WEAK)

    def appointed_later(self, pos: int) -> Iterator[PersonSpan]:
        """Names the same appointment verb governs further on: 选举甲为县长，乙为副县长."""
        text = self.text
        end = len(text)
        for stop in "。；;\n":
            found = text.find(stop, pos)
            if found >= 0:
                end = min(end, found)
        for m in re.finditer("为", text[pos:end]):
            at = pos + m.start()
            span = self.name_until(at)
            if span is None or not (self._clause_start(span[0]) and span[0] > pos):
                continue
            clause_end = at + 1
            while clause_end < end and _is_han(text[clause_end]):
                clause_end += 1
            if any(at < t.start and t.end <= clause_end for t in self.titles if t.title.is_post):
                yield PersonSpan(*span, STRONG)

    def _clause_start(self, start: int) -> bool:
        return start == 0 or self.text[start - 1] in _CLAUSE_STARTS

    def listed(self, found: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
        """Items of name lists (甲、乙和丙) next to names already found."""
        text = self.text
        todo = list(found.items())
        out: dict[tuple[int, int], float] = {}
        while todo:
            (start, end), score = todo.pop()
            nxt = None
            if end < len(text) and text[end] in _LIST_SEPARATORS:
                nxt = self.name_from(end + 1, strict=text[end] != "、")
                if nxt and not self._item_end(nxt[1]):
                    nxt = None
            prev = None
            if start > 0 and text[start - 1] == "、":
                prev = self.name_until(start - 1)
                if prev and not (self._clause_start(prev[0]) or prev[0] in self.title_ends):
                    prev = None
            for span in (nxt, prev):
                if span and span not in found and span not in out:
                    out[span] = score
                    todo.append((span, score))
        return out

    def _item_end(self, end: int) -> bool:
        text = self.text
        return (
            end >= len(text)
            or not _is_han(text[end])
            or text[end] in _LIST_SEPARATORS
            or end in self.title_starts
            or text.startswith(_AFTER_WORDS, end)
        )

    def everywhere(self, names: dict[str, float]) -> Iterator[PersonSpan]:
        """Every occurrence on word boundaries of the names found, longest first."""
        text = self.text
        taken: set[int] = set()
        for name in sorted(names, key=len, reverse=True):
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                free = not any(i in taken for i in range(start, end))
                if free and self.starts_well(start) and self.ends_well(end):
                    taken.update(range(start, end))
                    yield PersonSpan(start, end, names[name])
                start = text.find(name, start + 1)


def find_people(analysis: Analysis) -> list[PersonSpan]:
    """The personal names of a document, in text order."""
    finder = _Finder(analysis)
    found: dict[tuple[int, int], float] = {}
    for span in finder.anchored():
        key = (span.start, span.end)
        found[key] = max(found.get(key, 0.0), span.score)
    found.update(finder.listed(found))
    text = analysis.doc.text
    for dotted in _dotted_after_titles(text, finder.title_ends):
        found.setdefault(dotted, STRONG)
    for foreign, score in _foreign_names(text, finder.title_ends):
        found.setdefault(foreign, score)
    found = {_transliterated(analysis, _completed(text, k)): v for k, v in found.items()}
    names: dict[str, float] = {}
    for (start, end), score in found.items():
        name = text[start:end]
        names[name] = max(names.get(name, 0.0), score)
    # a shorter name inside a longer one found elsewhere is a misreading of it
    inner = {
        m[i:j]
        for m in names
        for i in range(len(m))
        for j in range(i + 2, len(m) + 1)
        if j - i < len(m)
    }
    for name in [n for n in names if n in inner]:
        del names[name]
    return sorted(finder.everywhere(names), key=lambda s: s.start)


_NAME_DOTS = frozenset("·•・‧")
_AFTER_NAME = frozenset("在和与及等同为是任对向于从到将把被的了说作")


def _dotted_after_titles(text: str, title_ends: set[int]) -> Iterator[tuple[int, int]]:
    """First parts of dotted names right after a title (副主任买买提·艾力): 买买提."""
    for d, ch in enumerate(text):
        if ch in _NAME_DOTS and 0 < d < len(text) - 1 and _is_han(text[d + 1]):
            for start in range(d - 2, max(d - 6, -1), -1):
                if not _is_han(text[start]):
                    break
                if start in title_ends:
                    yield start, d
                    break


_SPEECH_AHEAD = "(?=" + "|".join(sorted(map(re.escape, _SPEECH_AFTER), key=len, reverse=True)) + ")"
#: A name in Latin script of two to four capitalised words (John Smith, Ahmad Rizal).
_LATIN = r"[A-Z][a-z]+(?:[ -](?:[A-Z][a-z'-]+|van|von|de|bin|al)){1,3}"
#: A dotted transliteration (艾尔肯·吐尼亚孜) or a Latin-script name.
_FOREIGN = r"(?:[\u4e00-\u9fff]{1,6}[·•・‧]){1,3}[\u4e00-\u9fff]{1,6}|" + _LATIN
_FOREIGN_SPEAKER = re.compile(r"(?<![^，,。；;：:“”\"、\n（(\s])(" + _FOREIGN + ")" + _SPEECH_AHEAD)
_LATIN_AFTER_TITLE = re.compile(_LATIN + r"(?![A-Za-z])")


def _foreign_names(text: str, title_ends: set[int]) -> Iterator[tuple[tuple[int, int], float]]:
    """Transliterated and Latin-script names before a verb of speech at the start of
    a clause (艾尔肯·吐尼亚孜指出, John Smith表示), and Latin names after a title
    (首席执行官Ahmad Rizal). A title inside a dotted match ends the name's front
    (副主席艾尔肯·吐尼亚孜: the name starts after 副主席)."""
    for m in _FOREIGN_SPEAKER.finditer(text):
        start = max((e for e in title_ends if m.start(1) < e < m.end(1)), default=m.start(1))
        end = m.end(1)
        verb = next((v for v in _VERBS_AFTER_NAME if text.endswith(v, start, end)), "")
        if verb and text.rfind("·", start, end) < end - len(verb) - 1:
            end -= len(verb)  # 吾买尔江·艾山|陪同调研: the verb before the speech's is the clause's
        if text.find("·", start, end) > start or text[start].isascii():
            yield (start, end), WEAK
    for end in title_ends:
        latin = _LATIN_AFTER_TITLE.match(text, end + (text[end : end + 1] == " "))
        if latin is not None:
            yield (latin.start(), latin.end()), STRONG


def _transliterated(analysis: Analysis, span: tuple[int, int]) -> tuple[int, int]:
    """A name's span extended over the parts a middle dot joins (艾尔肯·吐尔逊).

    Each part is read word by word up to a character or word that cannot be
    part of a name (在, 表示, a punctuation mark), at most six characters.
    """
    text = analysis.doc.text
    start, end = span
    while end + 1 < len(text) and text[end] in _NAME_DOTS and _is_han(text[end + 1]):
        part_end = end + 1
        for tok in analysis.tokens_in(end + 1, min(end + 8, len(text))):
            if tok.start != part_end or not all(_is_han(c) for c in tok.text):
                break
            tag = _word_tags().get(tok.text)
            known = tok.text in _NAME_OPENINGS  # 艾力·买买提: a name's part jieba tags a noun
            # 哈|德尔|别克: inside a part, a syllable jieba knows as a place's name
            known = known or (
                tag == "ns"
                and tok.start > end + 1
                and len(tok.text) <= 2
                and tok.text not in _division_names()
            )
            if tok.text[0] in _AFTER_NAME or (
                tag is not None and tag not in _NAME_TAGS and not known
            ):
                break
            if tag is None and len(tok.text) >= 2 and tok.text[-1] in _AFTER_NAME:
                part_end = tok.end - 1  # 彼得罗|夫作|交流发言: the verb jieba glued on
                break
            part_end = tok.end
        if part_end == end + 1 or part_end - end - 1 > 6:
            break
        end = part_end
    return start, end


def _completed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A three-character name extended by one where its last character and the next open
    a Tibetan or Mongolian name of two parts (索南才|让 → 索南才让: 才让 is a part of its own).

    >>> _completed("州委副书记索南才让主持会议。", (5, 8))
    (5, 9)
    >>> _completed("副市长王建国让大家发言。", (3, 6))
    (3, 6)

    A name of two to four characters takes a known part of three characters that follows
    it (苏和|巴特尔, 阿不都|热合曼 before its dotted part).

    >>> _completed("旗长苏和巴特尔陪同调研。", (2, 4))
    (2, 7)
    """
    start, end = span
    if (
        end - start == 3
        and text[end - 1 : end + 1] in _NAME_OPENINGS
        and _is_han(text[end : end + 1])
    ):
        return start, end + 1
    while end - start <= 4:  # 苏和|巴特尔, 阿不都|热合曼: a known part of three characters follows
        part = next((p for p in _LONG_PARTS if text.startswith(p, end)), None)
        if part is None:
            break
        end += len(part)
    return start, end


@register(NAME, produces={PERSON}, needs="words")
def people(analysis: Analysis) -> Iterator[Mention]:
    """Personal names read from titles, 同志, appointment and speech verbs, and lists."""
    doc = analysis.doc
    for span in found_people(analysis):
        yield Mention.span(doc, span.start, span.end, PERSON, NAME, score=span.score)


def found_people(analysis: Analysis) -> list[PersonSpan]:
    """:func:`find_people`, read once per document (the tagger's organisations ask too)."""
    return analysis.memo(NAME, lambda: find_people(analysis))
