"""Projects and programmes (railways, parks, clusters, works, 十大建设) and their places.

**Names** (extractor ``projects``). Six constructions, none of them a list
of known projects:

* a **named work**: a suffix from ``kg/data/project_suffixes.txt`` (铁路,
  城际铁路, 产业园区, 科技城, 产业集群, 工程, 大桥, 水利枢纽, 抽水蓄能电站, 体育中心)
  read leftwards over jieba's words (stopped by ``kg/data/project_stops.txt``).
  What may open the name depends on the suffix's kind. A park, cluster or zone
  (area) and a facility (a reservoir, power station, bridge, tunnel, a campus
  or building) may be named by a division the ``divisions`` extractor found
  (湄潭茶产业园区, 宁海抽水蓄能电站, 焦作市人民医院门诊综合楼), by places' one-character
  names each standing for a place (苏滁现代产业园) or by a proper name: a word jieba
  does not know or tags as a name (西霞院水利枢纽, 国家南繁科研育种基地, 天山胜利隧道),
  also one jieba cut in two (乌|东德水电站) — not a rare noun (小浪底 is as rare as
  新能源); a venue or corridor (体育中心, 走廊) only by a division or site, a national
  designation by any noun (长城国家文化公园); a plant (污水处理厂, 电厂) is an
  organisation, a project only with its works after it (…污水处理厂提标改造工程);
  a line or a work needs a river or mountain (大沙河生态治理工程, 太行山旅游公路,
  秦岭终南山公路隧道, 南水北调中线工程, 引江济淮工程), a region (滇中引水工程), a named
  site — a grotto, airport, station, port, road (云冈石窟保护工程, 长沙黄花国际机场改扩建工程,
  郑州南站综合交通枢纽, 北部湾港钦州港区大榄坪作业区, 成都天府大道快速路) — or its two
  ends, divisions or other names (郑州至焦作城际铁路, 黄桶至百色铁路): 焦作市农村公路,
  主体工程 and 精品工程 are kinds of things, and so is a name that is one word of
  jieba's dictionary (盘山公路; 河西走廊 is a region). A demonstrative (这座, 该, 此),
  a post title (厅长) and a verb of announcing (宣布) end a name: 某厅厅长某甲宣布大桥
  names nothing. A place or site opens the
  name where there is one (图为|化州市连介水库) with a company's name right before
  it (比亚迪郑州产业园), else the proper name nearest the suffix; a count (三个) ends
  the name. A route code is a proper name (G60科创走廊, G318国道); 中 and partner
  countries (中哈霍尔果斯国际边境合作中心) or 中国 and a province in brackets
  (中国（河南）自由贸易试验区) open a zone's name, and so does 国家 before a base, a
  broad region right before it (用好|西部陆海新通道). Descriptive words and
  capacities may stand between the place and the suffix (襄阳新能源汽车产业集群,
  焦作500千伏输变电工程). A function word jieba glued to either end
  (以前|海湾|科技|城为) is no part of the name. An improvement and 工程 after a line,
  site or facility belong to it (G318国道改扩建工程, 大藤峡水利枢纽工程), and so do 工程
  or 项目 after a facility (门诊综合楼项目) and a free-trade zone's 片区 named by a
  division, a site, a proper name or a rare place (河南自贸试验区郑州片区,
  某自贸试验区某机场片区, 某自由贸易试验区临港新片区; 自贸
  alone names no zone); a phase's works belong to the name of a site, plant or park
  (某风电场二期工程, 某示范园一期工程), but a bare phase (某产业园二期, 一期项目) and a
  line's phase or section end it (铁路二期工程 and 铁路先开段工程 are 铁路;
  G15沈海高速福建段改扩建工程 is G15沈海高速), and a river's section does not
  (大沙河城区段生态治理工程). A suffix whose first character jieba joined to the one
  before still ends a name (滁|宁城|际|铁路), and so does one
  whose first characters jieba joined to an unknown name (桃浦智|创城 → 智创城); the
  works a facility serves belong to it (某水库供水|配套工程), and so do improvements
  joined by 与 (某灌区续建配套与现代化改造工程); a suffix jieba glued to a river's last
  character still ends a name (某石|河水库 → 某市某石河水库). A **development zone**
  (经济技术开发区, 经开区, 高新区, 新区, 综合保税区, 自由贸易港, 先行区, 经济区, 商务区) is a
  project where it is built, invested in or talked about, also when named by a place
  jieba knows (洋浦经济开发区; a park or base too: 宁东能源化工基地) or a rare noun
  (横琴新区; not 空港经济区, a kind) or by two names (博鳌|乐城…先行区), not by a
  preposition jieba glued to its name (把|某商务区) nor an organisation before it
  (某税务局|某开发区分局); a park or cluster named after it is one project with it
  (某高新区稀土新材料产业园, 某经济技术开发区电子信息产业园), but what lies around it is
  no name (某商务区周边商务区 → 某商务区); where it acts as a unit
  (受到表彰, 负责同志, 党工委: :func:`kg.extractors.orgs.zone_acts`) it is the
  administration, left to ``orgs``, and a division named like a zone (滨海新区) is a
  place. A demonstration zone (示范区) is read so too, not a farming one (某镇高标准农田示范区,
  a field). A facility (an airport, terminal, port area, station, bridge) is a project by
  its role: where it is built, expanded or opened (某市某某机场改扩建, 二期扩建, 某港区建设)
  and a place, left to ``places``, where it is only named, something happens there
  (在某站改扩建现场) or a route passes (打通某港区与某铁路的连接); a phase of a port's
  or waterway's works belongs to the name (某港区二期工程, 某码头三期工程,
  某河入海水道二期工程: a terminal or channel built apart), and so does a numbered
  terminal inside a port area (某港区22号集装箱码头改扩建工程), a phase of a city's port
  (某市港三期工程, also by the city and the port's own name: 某市新港三期工程), and the
  works on a facility after a phase (某市某某机场二期扩建工程, whose 二期 stops the
  suffix's reading). A site named like a facility right before a capacity or tonnage is
  the site of the work after it (某某大桥100万千瓦风电场, 某港某港区20万吨级航道工程), an
  irrigation district's canal and a lock's line belong to the name (某灌区南干渠,
  某某三线船闸; a 干渠 with no district names nothing), so do the works a facility is
  built with, joined by 及 (某水利枢纽及配套灌区工程), and a county the text names with
  its level opens a facility's name in its short form (某某县 … 某某切吉抽水蓄能电站);
* a **numbered line**: a metro line (郑州地铁10号线, 轨道交通S1线, 地铁5号线) or a
  road by its number (国道G312线), with the division before it;
* a **line named by abbreviations**: the characters before 铁路, 高速 … each
  standing for a place — one of the document's divisions (郑焦铁路 in a text
  naming 郑州 and 焦作), a one-character name from
  ``kg/data/place_abbreviations.txt`` (豫, 鄂; 宁 for 南京), or the only
  prefecture-level city starting with it. At least one must be a place the
  text names, and at most one may stay unknown (启 of 宁启铁路), not the first
  before places named (紧盯|东宽高速: 盯 is a verb); characters
  that make an ordinary word (平安) count only when each is a place the text
  names (平顶山, 安阳); a line of
  provinces (京港澳高速) or of listed abbreviations only (沪渝蓉高铁) needs none
  named; a first character that opens a division the text spells without a code
  is no verb (集 of 集宁 in 集大原高铁), nor is a preposition jieba glued to the
  characters (经|京沪铁路) part of the name; a branch's one-character name in brackets
  stays inside the line's (京沪（蓉）高速) and connects nothing of its own; a line
  jieba knows as one proper word is named (宝成铁路, not 电气化铁路); an
  international line is 中 and
  one-character country names (中老铁路, 中吉乌铁路; ``kg/data/project_countries.txt``);
  a route code before the characters names the line whatever they stand for
  (G69银百高速); two or three characters each opening some city's or county's name
  that the text does not spell out name a line too (商合杭高铁), connecting only the
  places it can derive, and four beside a place the text names, a numeral after the
  first (十 of 十堰, 万 of 万州) or a district's name among them (甲|巴南: not 巴南's
  line); places' one-character names before a park or zone each stand for a place
  the text names or the only city the character opens (太忻一体化经济区); a province
  stands for its one-character name only (广 of 贵广高铁 is not 广西);
* a **quoted programme**: a quoted name ending in 工程, 行动, 计划, 战略, 走廊 …
  with at least three characters before it (“百千万工程”, “海洋强市八项行动”),
  or two that name it by a figure or by numbers (“雨露计划”, “春雨行动”,
  “千万工程”; not “民生工程”, “产业走廊”); and a quoted name that the head
  follows outside the quotes, with describing words only between (“百园千企”提升行动
  → 百园千企, “千企帮千村”精准扶贫行动, “强省会”战略, a count of things: “三山”工程;
  not an ordinary word: “一把手”工程, a plan's number: “九五”计划, a count or a
  phrase: “电影下乡”三项工程, “油气并举”的开发战略);
* a **programme named by numbers**, unquoted: 千万工程, 百千万工程, 双百行动,
  三北工程 (the head is part of the name); a slogan of two counted pairs names
  itself and the head after it is not part of it (百企帮百村行动 → 百企帮百村,
  as “百园千企”提升行动 → 百园千企);
* a **numbered programme**: 十大 / 六大 / 两大 … and a programme head
  (十大建设, 六大产业集群, 十大产业链), or a threshold programme of a zone
  (产业集聚区十亿元以上项目); not a count summing up a list (煤炭、电力、化工
  三大产业). Programmes belong to a jurisdiction, so they are scoped to the
  document's home division (十大建设 of 焦作 is not 十大建设 of 潍坊), or to the
  document when it has none.

**Relations** (extractor ``project-relations``, stage ``relations``):

* ``connects`` line → place, for each place the text names that the line's
  name abbreviates or names
  (the characters 郑 and 焦 become Place mentions of 郑州市 and 焦作市), each place
  its route is said to start at, pass, lead to or end at (东起焦作市，向西经沁阳市，止于
  济源市; 起自安阳市的安阳东站 gives both; 通往某国; 沿线某县), each station it has
  (设星沙站、黄兴站 — Place mentions too; 某高铁某南站 gives the county the station is
  named after), in the sentences of its paragraph from the clause of each of its
  mentions up to the clause naming the next project (…通过梅龙高铁直达河源市 is
  梅龙高铁's; 连接甲县和乙县的
  某铁路 is that line's); not a trip it shortens (甲市至乙景区的车程); the place where
  another line meets it (线路在甲县与某高铁衔接 gives 甲县 to 某高铁); an end of its name
  that is no division (黄桶 of 黄桶至百色铁路, a Place mention too), and each place it
  is said to link (连接淄川区与博山区的…公路; 某公路，串联甲县、某州乙县 gives the county);
  a line's section in a county (某高铁甲县段) and the place a station is set in
  (在甲区设某站); a project the route starts at or passes (东起某新区) does not end it,
  and a trip's time (甲市至乙县最快…) is no route; a bridge or tunnel connects only the
  places it is said to link (某大桥连通宜都市与枝江市; 这座大桥连接… in a later
  sentence; a state's capital after it: 某州首府某城), its ends (北起甲区，南接乙区)
  and the places its abbreviations stand for (马芜长江大桥); dated with the line's
  opening date where a sentence naming it gives one (郑焦铁路6月将开通运营 →
  2015-06 in a 2015 text);
* ``responsible_for`` organisation → project: 该项目由某公司投资建设 (the project,
  or 该项目 opening a later sentence, as subject), 某公司承建某项目.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from kg import divisions as division_table
from kg.context import home_divisions
from kg.dates import find_dates, reference_date
from kg.extractors import get, register
from kg.extractors._phrases import (
    _COMMON_GEO,
    Words,
    clause_bounds,
    division_opening,
    is_direction,
    is_division_name,
    is_geo_name,
    is_han,
    is_place_word,
    lexicon,
    list_items,
    longest_first,
    word_list,
    word_tag,
)
from kg.extractors.orgs import zone_acts
from kg.extractors.places import FUNCTION_CHARACTER, TOWN_SUFFIXES, common_words
from kg.model import (
    ORGANIZATION,
    PLACE,
    PROJECT,
    Analysis,
    Mention,
    Relation,
    Sentence,
    Token,
)

__all__ = [
    "ProjectName",
    "acting_zones",
    "farming_field",
    "find_projects",
    "project_relations",
    "projects",
]

NAME = "projects"
RELATIONS = "project-relations"
_MAX_NAME = 20
_MAX_PARTS = 7  # words of a name before its suffix: more make a description
_MAX_ABBREVIATION = 4
_NUMBERED = re.compile(
    r"(?<![第〇零一二三四五六七八九十百千两0-9])"
    r"(?:十[一二三四五六七八九]?|[二三四五六七八九]十[一二三四五六七八九]?|[两二三四五六七八九]|百|千)大"
)
_THRESHOLD = re.compile(
    r"[0-9一二三四五六七八九十百千.]{1,6}(?:亿|千万|百万|万)元以上(?:重点|重大|工业|产业)?项目"
)
#: A national transfer programme's name: 南水北调, 西气东输, 西电东送.
_TRANSFER = re.compile(
    r"[东南西北][\u4e00-\u9fff][东南西北][\u4e00-\u9fff]"
    r"|引[\u4e00-\u9fff]{1,2}[济入补进][\u4e00-\u9fff]{1,2}"  # 引江济淮, 引汉济渭, 引江补汉
    r"(?:[济入补进][\u4e00-\u9fff])?"  # 引黄入冀补淀
)
#: Endings of named sites and facilities that name the works on them (云冈石窟保护工程).
_SITES = (
    "石窟", "古城", "古镇", "遗址", "旅游景区", "景区", "机场", "口岸", "湿地", "站", "港", "大道",
    "水库", "历史文化街区",
)  # fmt: skip
_ROADS = ("大道",)
#: Words that name a river's section with 段 (城区段, 下游段).
_SECTIONS = frozenset({"城区", "市区", "城市", "上游", "中游", "下游", "干流", "河道", "县城"})
#: National designations named by any noun before them (长城国家文化公园, 大运河国家文化公园).
_DESIGNATIONS = frozenset({"国家文化公园"})
#: Words jieba makes of a site's suffix and a direction (郑州|南站).
_GLUED_SITES = frozenset({"南站", "北站", "东站", "西站"})
#: Endings of natural features the shared place words do not cover (白鹤滩, 狮子洋).
_MORE_GEO = tuple("滩洋峪坝")
_FUNCTION_CHARS = frozenset("的之了在是和与及")  # not 曲折的盘山
_NOT_FIRST = frozenset("在的了和与及对把被向从将为是全各该本以要")
#: Endings of organisations' names, which no park's name runs over (税务局, 管委).
_ORGAN_ENDS = tuple("局厅委署办")
#: Function words jieba glues to an unknown name after them (把|丽泽, 于|某地).
_GLUED_BEFORE = _NOT_FIRST | frozenset("于使就让给经距离至到自从好设")  # 用好|常泰长江大桥
#: What a bridge or tunnel carries, part of its name: 长江公路大桥, 铁路隧道.
_CARRIED = frozenset({"公路", "铁路", "高速公路", "高速", "高铁", "轨道", "跨江", "跨海"})
_CROSSINGS = ("大桥", "特大桥", "隧道", "桥")
#: A route or corridor code inside a name: G60, S312, G4.
_CODE = re.compile(r"[A-Z]{1,3}[0-9]{1,4}")
_CODE_BEFORE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,3}[0-9]{1,4}$")
#: A quoted programme's name: “百千万工程”, “海洋强市八项行动” (the quotation marks excluded).
_QUOTED = re.compile(r"(?<=[“「])([\u4e00-\u9fffA-Za-z0-9]{2,14})(?=[”」])")
_QUOTED_HEADS = ("工程", "行动", "计划", "战略", "走廊", "攻坚战", "战役")
_MIN_QUOTED_NAME = 3  # characters before the head: “产业走廊”, “民生工程” name no programme
#: A count right before a quoted programme's head (“某某十大工程”, “某某五项行动”).
_COUNT_BEFORE_HEAD = re.compile(r"[一二三四五六七八九十两]+[大项]$")
#: A shorter quoted name made of numbers: “千万工程”, “双百行动”.
_NUMERAL_NAME = re.compile(r"[一二三四五六七八九十百千万两双]{2}")
#: A quoted name a programme head follows outside the quotes: “百园千企”提升行动.
_QUOTED_THEN_HEAD = re.compile(
    r"[“「]([\u4e00-\u9fff]{2,8})[”」][\u4e00-\u9fff]{0,4}?(?:行动|工程|计划|战略)"
)
#: A programme named by numbers, unquoted: 千万工程, 双百行动, 三北工程; 百企帮百村行动.
_COUNTED_NAME = re.compile(
    r"(?:(?:[百千万双两][百千万]{1,2}|三北)(?:工程|行动|计划)"
    r"|(?P<slogan>[百千万][^\W\d百千万一二三四五六七八九十两]{1,2}[百千万][^\W\d百千万一二三四五六七八九十两])"
    r"(?P<head>(?:提升|专项|攻坚|示范)?(?:行动|工程|计划)))"
)
#: Two-character fronts that name a kind of work, not a programme: “民生工程”.
_KIND_FRONTS = frozenset(
    {"民生", "惠民", "产业", "精品", "形象", "面子", "德政", "良心", "放心", "基础", "重点",
     "示范", "样板", "标杆", "亮点", "一号", "头号", "系统", "配套", "民心", "富民", "暖心"}
)  # fmt: skip


_GENERIC_PLACE_ENDS = tuple("区城市县镇")
_COMMON_WORD = 2000  # jieba's frequency above which a word is too common to be a name
_RARE_NOUN = 100  # a noun rarer than this may name a development zone (not 生态, 金融)
_RARE_PLACE = 200  # a place word rarer than this names a park (宁东; not 新春, 城南, 城市)


def _known_place(word: str, nouns: bool = True) -> bool:
    """Whether jieba knows ``word`` as a rare place or name (洋浦, 博鳌, 宁东) or, with
    ``nouns``, as a rare noun (横琴): two or more characters that name a development zone
    (a park or base by a place only), though not a facility."""
    from kg.segment import segmenter

    tag = word_tag(word) or ""
    if len(word) < 2 or not all(is_han(c) for c in word) or word.endswith(_GENERIC_PLACE_ENDS):
        return False  # 湾区, 新城: kinds of place, not one
    frequency = segmenter().frequency(word)
    if nouns and tag == "n" and len(word) == 2 and word not in _SHORT_KINDS:
        return frequency < _RARE_NOUN  # 横琴|新区, 蛇口|工业区: a rare noun names the district
    return tag.startswith(("ns", "nr")) and frequency < _RARE_PLACE  # not 城市, 新春 (ns too)


def _proper_run(text: str, parts: list[tuple[int, int]], begin: int) -> int:
    """The start of a second proper name right before the one at ``begin``: two names
    open a zone's or a work's (博鳌|乐城…先行区, 巫水|高椅大桥, 江垭|温泉旅游度假区), but not a
    piece of a town's name that jieba cut off (鹤鸣|湖镇|温泉度假区). ``parts`` are read
    leftwards, each touching the one before."""
    i = next(k for k, (s, _) in enumerate(parts) if s == begin)
    if i + 1 < len(parts) and parts[i + 1][1] == _PROPER and text[begin - 1] not in "镇乡":
        return parts[i + 1][0]
    return begin


def _figurative(front: str) -> bool:
    """Whether a two-character quoted front names a programme by a figure (“雨露计划”,
    “春雨行动”): a noun or unknown word, not a frequent word naming a kind of work
    (“民生工程”, “产业走廊”, “精品工程”)."""
    from kg.segment import segmenter

    if len(front) != 2 or front in _KIND_FRONTS:
        return False
    tag = word_tag(front)
    if tag is not None and not tag.startswith(("n", "t")):
        return False  # 放心 (v), 温暖 (a)
    return segmenter().frequency(front) < _COMMON_WORD


#: A demonstration area of farming: a field shown to farmers, not a zone developed.
_FIELD = re.compile("农田|种植|养殖|栽培|高产|良种|制种")
#: Farming words in a base's name: a base named by its crop or by a town (万亩香米种植基地,
#: 某镇稻虾综合种养示范基地) is a farm; one named by a county (某县万头奶牛养殖基地) a project.
_FARM_BASE = re.compile("种植|养殖|种养|栽培|育苗|繁育")


def farming_field(name: str) -> bool:
    """Whether a demonstration area is a farming one (某镇高标准农田示范区): a field shown
    to farmers, not a zone developed; so is a farming base not named by a division
    (某镇火龙果种植基地, 万亩香米种植基地), a farm. ``project-crf`` drops such spans too.

    >>> farming_field("柳泉镇高标准农田示范区"), farming_field("某县乡村振兴示范区")
    (True, False)
    >>> farming_field("罗悃镇火龙果种植基地"), farming_field("土左旗万头奶牛标准化养殖基地")
    (True, False)
    """
    if name.endswith("示范区"):
        return _FIELD.search(name) is not None
    if not name.endswith("基地") or _FARM_BASE.search(name) is None:
        return False
    index = division_table.name_index()
    # 某县…养殖基地: the county's (not 城关|镇: a town named like a district)
    return not any(name[:k] in index and name[k] not in "镇乡" for k in range(2, 6))


#: Words for what lies around or along a zone (某商务区|周边商务区): no park inside it.
_AROUND = ("周边", "周围", "附近", "沿线", "以外", "之外", "外围")
_ZONE_ENDINGS = ("集聚区", "开发区", "高新区", "园区", "产业园", "新区", "示范区", "自贸区")
_MAX_PROGRAMME = 12
_MAX_LIST = 80
_WINDOW = 6  # sentences read for a line's route, stations and builder

_STOP, _MOD, _SPEC, _DIVISION = 0, 1, 2, 3  # _DIVISION: a division's name, a weaker specifier
_PROPER = 4  # a proper name that is no place jieba knows (西霞院, 南繁, 黄桶): names a facility
#: Which parts of a name may open it, by the suffix's kind. A facility or park may be
#: named by a division or a proper name (宁海抽水蓄能电站, 西霞院水利枢纽); a line or a
#: work needs a river, mountain, site … (太行山旅游公路) or its two ends (郑州至焦作铁路).
_STRONG = {
    "area": frozenset({_SPEC, _DIVISION, _PROPER}),
    "zone": frozenset({_SPEC, _DIVISION, _PROPER}),
    "facility": frozenset({_SPEC, _DIVISION, _PROPER}),
    "venue": frozenset({_SPEC, _DIVISION}),
    "plant": frozenset({_SPEC, _DIVISION, _PROPER}),
    "line": frozenset({_SPEC}),
    "work": frozenset({_SPEC}),
}
_ROUTE_STRONG = frozenset({_SPEC, _DIVISION, _PROPER})
_PARKS = frozenset({"area", "zone"})
#: Words of improvement between a line, site or facility and 工程 / 项目: they belong to the
#: work's name (G318国道改扩建工程, 长沙黄花国际机场改扩建工程).
_IMPROVEMENTS = frozenset(
    {"改扩建", "扩建", "改建", "扩容", "迁建", "改造", "提质", "升级", "提升", "拓宽", "扩能",
     "提标", "提质改造", "升级改造", "改造提升", "提升改造", "拓宽改造", "扩能改造", "提标改造",
     "续建", "配套", "续建配套", "除险加固", "除险", "加固", "节水", "现代化", "提档升级", "提档",
     "扩容改造", "复建",
     # a heritage site's works (某古城保护提升工程, 某古城保护利用二期工程)
     "保护", "利用", "保护利用", "修缮", "保护修缮", "活化利用", "更新", "保护更新",
     # what the works on a facility serve (某水库供水配套工程, 某水库灌溉工程)
     "供水", "灌溉", "防洪", "引水", "输水", "排涝",
     # a site's tourism works (某地质公园旅游提升工程)
     "旅游", "文旅"}
)  # fmt: skip
_IMPROVEMENTS_LONGEST = tuple(sorted(_IMPROVEMENTS, key=lambda w: (-len(w), w)))
_WORK_HEADS = ("工程", "项目")
#: A railway spur after the port, park or zone it serves, named by it (某港铁路专用线,
#: 某铁路物流园专用线, 某经济开发区铁路专用线工程).
_SPUR = re.compile("(?:铁路)?专用线(?:工程)?")
#: A park's or base's growth: its 项目 is the park's own (某石化基地|扩建项目 → the base),
#: unlike an upgrade's (某度假区改造提升项目, a project of its own).
_GROWTH = frozenset({"扩建", "改扩建", "扩容", "扩能", "续建"})
#: Sites whose improvement works are named by them (某某景区提升工程, 某某国家地质公园旅游
#: 提升工程, 某某古镇保护利用工程): the site's name opens the work's.
_IMPROVED_SITES = ("景区", "旅游区", "风景区", "度假区", "地质公园", "森林公园", "遗址公园", "古镇")
#: A port's or waterway's works: a phase of them is a terminal or channel built apart and
#: belongs to the name (某港区二期工程, 某码头三期工程, 某河入海水道二期工程), unlike a
#: line's or park's phase (某铁路二期工程 is the line); a numbered terminal inside a port
#: area (某港区22号集装箱码头) is the area's.
_PORT_WORKS = ("港区", "码头", "作业区", "水道")
_PORT_PHASE = re.compile(r"[一二三四五六七八九十]期(?:工程|项目)")
#: A phase's works written into the name of a site, plant or park (某风电场二期工程), not a
#: line's (某铁路二期工程 is the line) nor a bare phase (某产业园二期, 一期项目).
_PHASE_WORKS = re.compile(r"[一二三四五六七八九十]期(?:建设)?工程")
#: The works of building a facility, park or venue written after its name (某医院新院区建设工程).
_BUILDING_WORKS = ("建设工程", "建设项目")
_BERTH = re.compile(r"[0-9]{1,3}号(?:[\u4e00-\u9fff]{0,4}?)码头")
#: A facility that may be built, expanded or opened (某机场, 某码头, 某港区, 某站, 某大桥),
#: and what is done to it right after its name: a project where it is its object.
_FACILITY = re.compile(r"(?:国际|支线)?机场|码头|港区|[东西南北]?站|大桥")
_PORT_AREAS = ("港区", "码头")
#: jieba's tags of a word that makes a line a kind, not a name (电气化|铁路).
_PLAIN_HEADS = frozenset({"n", "v", "vn", "a", "an", "d", "ad"})
_BUILDING_VERBS = ("建设", "新建", "建成", "开工", "扩建", "投资", "开发", "打造")
_FACILITY_ROLE = re.compile(
    r"(?:[一二三四五六七八九十]期)?"
    r"(?:改扩建|扩建|改建|迁建|新建|建设|建成|开工|通航|复航|投运|通车|开港)"
)
#: A city's port and a phase of its works (锦州|港三期工程); not a port area's (港区).
#: Phrases a structure's name follows in apposition (控制性工程|石月亮隧道).
_KEY_WORKS = re.compile(r"(?:控制性|标志性|关键性?|重点|咽喉)工程")
#: The structure named after such a phrase: one to five characters and its kind.
_KEY_STRUCTURE = re.compile(r"([\u4e00-\u9fff]{1,5}?)(?:特大桥|大桥|隧道)")
#: A count of structures, no name (控制性工程|两座特大桥).
_COUNTED_STRUCTURE = re.compile(r"[一二三四五六七八九十两几多数各]+[座条处个]?")
_CITY_PORT_PHASE = re.compile(r"港[一二三四五六七八九十]期(?:工程|项目)")
#: A phase opening the works on a facility (某机场|二期扩建|工程).
_PHASE_FIRST = re.compile(r"[一二三四五六七八九十]期")
_JOINS = frozenset({"与", "和", "及"})
#: A lock's line (一线船闸, 三线船闸): the lock's number on its waterway.
_LOCK_LINE = re.compile(r"[一二三四五]线")
#: The works a facility is built with, joined by 及 (某水利枢纽及配套灌区工程).
_WITH_WORKS = re.compile(r"及配套[\u4e00-\u9fff]{0,4}?(?:工程|项目)")
#: A metro line (郑州地铁10号线, 轨道交通S1线) or a road by its number (国道G312线, G312线).
_NUMBERED_LINE = re.compile(
    r"(?:(?:城市)?轨道交通|地铁|轻轨)(?:[0-9]{1,2}号|[A-Z][0-9]{1,2}号?)线"
    r"|(?:国道|省道)[GS]?[0-9]{1,4}线|(?<![A-Za-z0-9])[GS][0-9]{1,4}线"
)
#: 中国 and a province in brackets before a zone's name: 中国（河南）自由贸易试验区.
#: A branch's one-character name in brackets after a line's abbreviations: 京港（台）高铁.
_BRACKETED_ABBREVIATION = re.compile(r"[（(]([\u4e00-\u9fff])[）)]$")
_BRACKETED_BEFORE = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,6})[）)]$")
#: A free-trade zone's area after it (河南自贸试验区郑州片区).
_ZONES_WITH_AREAS = ("自由贸易试验区", "自贸试验区", "自贸区", "试验区")
_ZONE_AREA = re.compile(r"[\u4e00-\u9fff]{2,4}片区")
#: Designations a national site or base opens with (国家南繁科研育种基地).
_NATIONAL = frozenset({"国家", "中国"})
#: A capacity or voltage inside a facility's name: 500千伏, ±800千伏, 200万千瓦, 千万千瓦级.
_QUANTITY_BEFORE = re.compile(
    r"±?(?:[0-9][0-9.]*|[一二三四五六七八九十百千万两]+)(?:万|亿)?"
    r"(?:千伏|千瓦|兆瓦|吉瓦|万千瓦|吨|万吨|立方米|立方|标准箱)级?$"
)
_QUANTITY_WINDOW = 14
#: A capacity or tonnage opening a part of a name (某港区|20万吨级|航道工程).
_QUANTITY_AT = re.compile(_QUANTITY_BEFORE.pattern.removesuffix("$"))
#: A region named by a province's abbreviation and a direction (滇中, 黔北, 豫西, 川东北).
_REGION = re.compile(r"[\u4e00-\u9fff](?:[东西南北中]|[东西][南北])")
#: Endings of grades and kinds that open no name (世界级盐湖 is no salt lake's name).
_GRADES = ("级", "型", "式", "性", "化")

_ROUTE = re.compile(
    r"(?:[东西南北]?起(?:于|自)?|途经|(?:向[东西南北]{1,2})?经(?:过|由)?|止于|终至|终到|终于"
    r"|直达|通往|连接|连通|贯穿|横贯|纵贯|穿越|接入|到达|抵达|沿线|[东西南北]至|[东西南北][接连]|至)"
)
_ROUTE_BEFORE = re.compile(f"(?:{_ROUTE.pattern})$")
#: How a bridge's or tunnel's ends are given: 北起甲市, 南接乙县, 南至丙县.
_CROSSING_ENDS = re.compile(r"[东西南北](?:起(?:于|自)?|接|连|至)")
#: What names a place by its capital: 伊犁州州府伊宁市, 老挝首都万象.
_CAPITALS = ("首都", "首府", "州府", "省会", "府所在地")
_MIN_CAPITAL, _MAX_CAPITAL = 2, 4
_LIST_ENDS = frozenset("，,；;。、和及")
#: A border crossing a line leaves or enters by (由磨憨口岸出境), a station it leaves from
#: (由西安北站引出).
_CROSSING = re.compile(r"(?:由|从|经由|自)")
_BORDER_VERBS = ("出境", "入境", "出关", "入关", "进入", "引出")
_STATIONS = re.compile(r"(?<![建开假陈预增铺架摆装])设(?:有|置)?")
_OPENING = ("开通", "通车", "运营", "投运", "投产", "竣工", "建成", "启用", "投入使用", "交付")
_ANAPHORS = ("该线路", "该线", "线路", "全线", "该项目", "项目", "该工程", "工程", "该园区", "园区")
_BUILDS = ("承建", "负责建设", "投资建设", "负责", "建设", "投资", "开发", "运营")
_RESPONSIBLE_VERBS = (
    "投资建设",
    "负责建设",
    "承建",
    "建设",
    "投资",
    "负责",
    "实施",
    "运营",
    "开发",
    "牵头",
)


@dataclass(frozen=True)
class _Suffix:
    word: str
    kinds: frozenset[str]


@functools.cache
def _suffixes() -> dict[str, frozenset[str]]:
    text = (resources.files("kg") / "data" / "project_suffixes.txt").read_text("utf-8")
    kinds: dict[str, set[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            word, kind = line.split()
            kinds.setdefault(word, set()).add(kind)
    return {w: frozenset(k) for w, k in kinds.items()}


@functools.cache
def _suffix_pattern() -> re.Pattern[str]:
    words = sorted((w for w, k in _suffixes().items() if k - {"programme"}), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


@functools.cache
def _suffix_automaton() -> Any:
    import ahocorasick

    auto = ahocorasick.Automaton()
    for word, kinds in _suffixes().items():
        if kinds - {"programme"}:
            auto.add_word(word, word)
    auto.make_automaton()
    return auto


def _is_work_suffix(word: str) -> bool:
    """Whether ``word`` ends a named line, park or work (not only a programme): 国道, 枢纽."""
    return bool(_suffixes().get(word, frozenset({"programme"})) - {"programme"})


def _kind(kinds: frozenset[str]) -> str:
    """The kind a suffix gives a name: ``line``, ``area``, ``zone``, ``facility``, ``venue``,
    ``plant`` or ``work``."""
    kinds_in_order = ("line", "area", "zone", "facility", "venue", "plant")
    return next((k for k in kinds_in_order if k in kinds), "work")


@functools.cache
def _line_suffixes() -> tuple[str, ...]:
    """The suffixes of lines (铁路, 高速, 公路 …), in the data file's order."""
    return tuple(w for w, kinds in _suffixes().items() if _kind(kinds) == "line")


@functools.cache
def _programme_heads() -> tuple[str, ...]:
    heads = [w for w, k in _suffixes().items() if "programme" in k]
    return tuple(sorted(heads, key=len, reverse=True))


@functools.cache
def _abbreviations() -> dict[str, str]:
    """One-character names of provinces and cities (``kg/data/place_abbreviations.txt``)."""
    text = (resources.files("kg") / "data" / "place_abbreviations.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            ch, code = line.split()[:2]
            out[ch] = code
    return out


def _is_province(code: str | None) -> bool:
    division = division_table.get(code) if code else None
    return division is not None and division.level == "province"


#: Characters that right before a line's suffix are verbs governing it (修高速公路, 坐高铁).
_ROAD_VERBS = frozenset("修建走乘坐搭上下进出往到至在从经")
#: Characters that open no line's name but describe it (原|门矿铁路: the former line).
_BEFORE_NAMES = frozenset("原旧老该本各每某其这那此")
#: Characters opening a word that refers to a work named before (这座, 该座, 此项, 那条).
_DEMONSTRATIVES = frozenset("这那该此")
_MODALS = frozenset("要将应需会可能")
_RARE_ABBREVIATION = 500  # jieba's frequency of a line's abbreviation it knows (京沪: 160)


@functools.cache
def _place_initials() -> frozenset[str]:
    """First characters of the short names of cities and counties (商 of 商丘, 绩 of 绩溪)."""
    return frozenset(
        d.short[:1] for d in division_table.all_divisions() if d.level in ("city", "county")
    )


@functools.cache
def _city_initials() -> dict[str, str]:
    """First character → code, for characters only one prefecture-level city starts with."""
    seen: dict[str, list[str]] = {}
    for d in division_table.all_divisions():
        if d.level == "city":
            seen.setdefault(d.short[:1], []).append(d.code)
    return {c: codes[0] for c, codes in seen.items() if len(codes) == 1}


@dataclass(frozen=True)
class ProjectName:
    """A project name found in the text.

    ``kind`` is the suffix's (``line``, ``area``, ``facility``, ``venue``, ``plant``,
    ``work``), ``metro`` for a numbered line, ``named`` for a quoted or counted
    programme or ``programme`` for a numbered one; ``places`` are
    the places the name itself shows: ``(start, end, code)`` for each
    abbreviating character or place name inside it.
    """

    start: int
    end: int
    text: str
    kind: str
    places: tuple[tuple[int, int, str], ...] = ()


# --------------------------------------------------------------------------- names


@functools.lru_cache(maxsize=1 << 16)
def _word_class(word: str, generic: bool) -> int:
    """The class of a word before a suffix: stop, modifier, division or other specifier."""
    if _CODE.fullmatch(word):
        return _SPEC  # G60 (科创走廊), S312 (省道): a route or corridor's code names it
    if not all(is_han(c) for c in word) or word in word_list("project_stops.txt"):
        return _STOP
    if word.endswith(("期", "段")) or (generic and word in _suffixes()):
        return _STOP  # 一期工程, 先开段工程; 铁路工程 is 铁路's
    if all(c in "〇零一二三四五六七八九十百千万两几多数" for c in word):
        return _STOP
    if word_tag(word) == "m" and not word.startswith("第"):
        return _STOP  # 三个|特色产业园区, 一批 (but 第一|附属医院 is a name's)
    if word[0] in _DEMONSTRATIVES and not is_division_name(word):
        return _STOP  # 这座|大桥, 那条|公路: a reference to a work, no name of one
    if word[0] in _MODALS and word_tag(word) == "v":
        return _STOP  # 某县|要用|好|自贸港: a modal and its verb, the clause's
    if is_division_name(word):
        return _DIVISION
    if is_direction(word):
        return _MOD
    if is_place_word(word) or _TRANSFER.fullmatch(word):
        return _SPEC  # 大沙河, 崖州湾; 南水北调, 西气东输
    return _MOD


def _post_title(word: str) -> bool:
    """Whether ``word`` is a post title (厅长, 书记, 董事长): it ends a name read leftwards."""
    from kg.titles import lexicon as titles

    title = titles().get(word)
    return title is not None and title.is_post


def _is_geo(chunk: str) -> bool:
    """Whether a chunk of three or more characters names a river, bay, shoal … (白鹤滩);
    not a phrase (曲折的盘山)."""
    if any(c in _FUNCTION_CHARS for c in chunk):
        return False
    return is_geo_name(chunk) or (
        len(chunk) >= 3 and chunk.endswith(_MORE_GEO) and all(is_han(c) for c in chunk)
    )


def _mountain(word: str) -> bool:
    """A two-character mountain, lake or sea name jieba knows (秦岭, 天山, 太湖)."""
    return (
        len(word) == 2
        and word.endswith(_GEO_CHARS)
        and word not in _COMMON_GEO
        and (word_tag(word) or "").startswith(("ns", "nr"))
    )


_NUMERALS = frozenset("〇零一二三四五六七八九十百千万两几多数")
#: Second characters of a quoted count that name no programme (“九五”计划, “五小”).
_NOT_COUNTED = _NUMERALS | frozenset("大小多少个项次年")
_GEO_CHARS = tuple("山岭峡湖江河海湾岛")
#: Last characters of a river's or lake's name that jieba glues to a suffix (河|水库).
_RIVER_ENDS = frozenset("河江湖溪")
#: Broad regions that open a name when nothing else precedes them (西部陆海新通道).
_REGIONS = frozenset({"东部", "西部", "南部", "北部", "中部", "东北", "西北", "西南", "东南"})
#: Dictionary tags of words that are no part of a site's name (verbs, adverbs, numbers …).
_PLAIN_TAGS = ("v", "d", "a", "p", "c", "u", "r", "m", "q", "f", "t")
_NOT_PROPER_FIRST = frozenset("沿跨环临近")
#: Shortened kinds of zone, no names (自贸|试验区, 经开|区, 空港|经济区).
_SHORT_KINDS = frozenset({"自贸", "高新", "经开", "综保", "保税", "空港", "临空"})
#: Characters that do not open a name jieba cut in two (新|东德 is not one name).
_SPLIT_STOPS = frozenset("东南西北中上下大小新老第每某其这那个座条")


#: What may stand before a one-character opening of a name: a clause's or list's opening,
#: a particle, or a verb (观摩了|回|郭镇…, 和|冶|家村…, 加快|西|彭铝产业园).
_BEFORE_OPENING = frozenset({"，", "、", "：", "；", "了", "和", "与", "及", "其中"})


def cut_opening(text: str, words: Words, begin: int) -> int:
    """1 where jieba cut a name's first character off as a word of its own (老|龙潭文旅综合体,
    姑|孰长江公路大桥, 三|塘湖至大河…): a rare enough character, no function word, numeral
    count or stop, after a clause's opening, a particle or a verb; else 0."""
    from kg.segment import segmenter

    if begin < 2:
        return 0
    tok = words.tokens[words.index_at(begin - 1)]
    char = tok.text
    if tok.end != begin or len(char) != 1 or not is_han(char) or char in _GLUED_BEFORE:
        return 0
    if char in "各全本该每其此这那个" or segmenter().frequency(char) >= FUNCTION_CHARACTER:
        return 0
    if char in _NUMERALS and text[begin : begin + 1] in "个座条项家批":
        return 0
    before = words.tokens[words.index_at(tok.start - 1)]
    verb = len(before.text) >= 2 and (word_tag(before.text) or "")[:1] == "v"
    return 1 if before.end == tok.start and (before.text in _BEFORE_OPENING or verb) else 0


#: The kinds a town's name is written with (灵溪镇, 下河乡, 双湖峪街道).
_TOWN_KIND = re.compile("|".join(TOWN_SUFFIXES))


def counted_divisions(name: str) -> bool:
    """Whether ``name`` opens with a count of divisions (两县, 三市): no project's name."""
    return name[:1] in "两二三四五六七八九几多各" and name[1:2] in "省市县区镇乡"


#: A count of things right before a kind (两条|通景公路, 第三座|跨黄河大桥, 一批|产业园):
#: how many of a kind, not a name.
_COUNT_BEFORE = re.compile(r"(?:第?[一二两三四五六七八九十几多数]+|首)[条座个批项处所]$")
_COUNT_OPENING = re.compile(r"(?:第[一二两三四五六七八九十]+|首)[条座个批项处所]")


def counted_kind(text: str, start: int) -> bool:
    """Whether a count of things (两条, 第三座) is written right before ``start`` as words of
    their own — not the end of a name (八所|港, a town) —, or the name describes what it
    crosses (跨江大桥, 跨区县快速通道): a kind of work, as a count shows."""
    if text.startswith("跨", start) or _COUNT_OPENING.match(text, start):
        return True  # 跨江大桥; 第一条|跨区县快速通道 (a span the tagger opened at the count)
    count = _COUNT_BEFORE.search(text, max(0, start - 4), start)
    if count is None:
        return False
    tag = word_tag(text[max(count.start(), start - 2) : start])
    return tag is None or not tag.startswith(("ns", "nr", "nz"))


#: jieba's tags of names: a word so tagged may name a project.
_NAME_TAGS = ("nr", "ns", "nt", "nz")


def county_before_route(name: str) -> int:
    """The length of a county's or city's full name that opens a route's name before its
    first end (文成县|大峃至玉壶公路改建工程): the route opens at its end; else 0."""
    index = division_table.name_index()
    for k in range(2, min(len(name), 9)):
        head = name[:k]
        if head[-1] in "县市区旗" and head in index and _ROUTE_AFTER.match(name, k):
            return k
    return 0


#: A route's first end, two to four characters, then 至 (大峃至…).
_ROUTE_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}?至")


def _without_county_before_route(name: ProjectName) -> ProjectName:
    """``name`` opening at its route's first end where a county's name opens it (灵川县|定江
    至临桂快速通道): the county is where the route lies, a place of its own."""
    k = county_before_route(name.text)
    if not k:
        return name
    start = name.start + k
    places = tuple(p for p in name.places if p[0] >= start)
    return replace(name, start=start, text=name.text[k:], places=places)


def counts_a_list(analysis: Analysis, start: int) -> bool:
    """Whether a name at ``start`` opens with a count (两大, 十大) of the list's items before
    it (户外用品、建筑防水|两大产业集群): no programme's name."""
    return bool(_NUMBERED.match(analysis.doc.text, start)) and _sums_up_a_list(analysis, start)


def _sums_up_a_list(analysis: Analysis, start: int) -> bool:
    """煤炭、电力、农业四大产业 and 医药健康和人参两大主导产业 count the items
    before them; they name no programme (a 和 right before the count joins it)."""
    text = analysis.doc.text
    if start == 0 or not is_han(text[start - 1]):
        return False
    lo = max(analysis.sentence_at(start).start, start - _MAX_LIST)
    for k in range(start - 1, lo - 1, -1):
        if text[k] in '，,；;：:。！？!?\n“”"':
            lo = k + 1
            break
    before = text[lo:start]
    return "、" in before or any(c in before[:-1] for c in "和及与")


def _division_ends(analysis: Analysis) -> dict[int, int]:
    """End → start of the divisions (with a code) the text names, the longest where several
    end alike: once per document, for the reader and the list check alike."""

    def build() -> dict[int, int]:
        out: dict[int, int] = {}
        for m in get("divisions")(analysis):
            if isinstance(m, Mention) and m.code and (m.end not in out or m.start < out[m.end]):
                out[m.end] = m.start
        return out

    return analysis.memo("projects.division-ends", build)


def listed_after_place(analysis: Analysis, start: int) -> bool:
    """Whether the name at ``start`` opens with a place listed after another of its level
    (甲镇、|乙镇高标准农田建设项目): the works the places share, written with the last
    one's name, no name of their own (not 中宁县、|中卫工业园区, a unit in a list)."""
    text = analysis.doc.text
    if start < 2 or text[start - 1] != "、" or text[start - 2] not in _LEVEL_CHARACTERS:
        return False
    level = text[start - 2]
    places = [m for m in get("places")(analysis) if isinstance(m, Mention)]
    ends = [m.end for m in places if m.start == start]
    ends += [e for e, s in _division_ends(analysis).items() if s == start]
    return any(text[e - 1] == level for e in ends)


#: The last characters of divisions' and settlements' names that mark their level.
_LEVEL_CHARACTERS = frozenset("省市县区旗镇乡村")


def _glued_town_head(word: str) -> bool:
    """Whether ``word`` (jieba's, right after a division) may be the head of a town's name
    whose last character jieba joined to the kind (卓资县|旗下|营镇): one or two Han
    characters, no function word."""
    return 1 <= len(word) <= 2 and is_han(word) and word[0] not in _NOT_FIRST


def bare_kind(name: str) -> bool:
    """Whether ``name`` is a kind of project alone, after any capacity (特色小镇, 500千伏|
    变电站): a listed kind, or a noun of the dictionary behind a capacity."""
    quantity = _QUANTITY_AT.match(name)
    rest = name[quantity.end() :] if quantity is not None else name
    if rest in _suffixes():
        return True
    tag = word_tag(rest) or ""
    return quantity is not None and tag.startswith("n") and not tag.startswith(_NAME_TAGS)


@functools.lru_cache(maxsize=1 << 16)
def _proper_word(word: str) -> bool:
    """Whether ``word`` looks like a proper name (南繁, 黄桶, 天山): a word jieba does not
    know or one it tags as a name — not a function word, a number or a grade (世界级, 大型);
    not a rare noun either (小浪底, but also 新能源)."""
    if len(word) < 2 or not all(is_han(c) for c in word) or all(c in _NUMERALS for c in word):
        return False
    if word in word_list("project_stops.txt") or word.endswith(_GRADES) or word in _SHORT_KINDS:
        return False
    if word[0] in _NOT_PROPER_FIRST or any(word.endswith(w) for w in _suffixes()):
        return False  # 沿黄 (along the Yellow River), 单线铁路: a kind, no name
    tag = word_tag(word)
    if tag is not None and tag.startswith(("ns", "nr", "nt")) and len(word) == 2:
        # 天山, 涪陵 (a division's name the divisions extractor leaves to context); jieba
        # tags 新春, 长大 and 城南 ns, 文明 nr too
        return word.endswith(_GEO_CHARS) or word in division_table.name_index()
    return tag is None or tag.startswith(("ns", "nr", "nt"))  # not nz: 高科技, 同步卫星


class _Reader:
    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = analysis.doc.text
        self.words = Words(analysis)
        self._places: list[Mention] | None = None
        self.acting: list[tuple[int, int]] = []  # zones acting as a unit (their administration)

    @property
    def places(self) -> list[Mention]:
        """The document's divisions (from the ``divisions`` extractor), in text order."""
        if self._places is None:
            found = [m for m in get("divisions")(self.analysis) if isinstance(m, Mention)]
            self._places = sorted((m for m in found if m.code), key=lambda m: m.start)
        return self._places

    @functools.cached_property
    def initials(self) -> dict[str, str]:
        """First character of a document division's short name → its code (cities first)."""
        out: dict[str, tuple[int, int, str]] = {}
        for n, m in enumerate(self.places):
            d = division_table.get(m.code or "")
            if d is None:
                continue
            rank = {"city": 0, "county": 1, "province": 2}.get(d.level, 3)
            for ch in {d.short[:1], d.name[:1]}:
                if d.level == "province" and _abbreviations().get(ch) != d.code:
                    continue  # a province by its one-character name only (桂, not 广, of 广西)
                if ch not in out or (rank, n) < out[ch][:2]:
                    out[ch] = (rank, n, d.code)
        return {ch: v[2] for ch, v in out.items()}

    def resolve(self, ch: str) -> tuple[str | None, bool]:
        """The division a character abbreviates, and whether the document named it."""
        if ch in self.initials:
            return self.initials[ch], True
        code = _abbreviations().get(ch) or _city_initials().get(ch)
        if code is None:
            return None, False
        if code in self.codes:
            return code, True
        division = division_table.get(code)
        return (code if division and division.level == "province" else None), False

    @functools.cached_property
    def codes(self) -> frozenset[str]:
        """The codes of the divisions the document names."""
        return frozenset(m.code for m in self.places if m.code)

    # -- named works and lines
    def named(self) -> Iterator[ProjectName]:
        names = [(name, self._extended(name)) for name in self._named()]
        zones = {(n.start, n.end) for n, _ in names if n.kind == "zone"}
        text = self.text
        parks = set()  # zones a park inside them is named after (某高新区|稀土新材料产业园)
        for name, _ in names:
            zone = next((z for z in zones if z[0] == name.start and z[1] < name.end), None)
            if zone is not None and not text.startswith(_AROUND, zone[1]):
                parks.add(zone)
        for name, extended in names:
            if (name.start, name.end) in parks:
                continue  # the park inside the zone is the project named
            if any(s == name.start and e < name.end for s, e in zones - parks):
                continue  # 某商务区|周边商务区: what lies around a zone is no name; the zone is
            port = extended.end == name.end and name.text.endswith(_PORT_AREAS)
            if port and not self._built(name.start, name.end):
                continue  # 打通某港区与某铁路的连接: a port area where a route goes, a place
            if name.kind != "plant" or extended.end > name.end:
                yield extended  # a plant is an organisation unless its works follow

    def _named(self) -> Iterator[ProjectName]:
        text = self.text
        for start, end, suffix in self._suffixes():
            kinds = _suffixes()[suffix]
            kind = _kind(kinds)
            if kind == "line":
                bracket = _BRACKETED_ABBREVIATION.search(text, max(0, start - 3), start)
                inner = bracket.group(1) if bracket is not None else ""
                if bracket is not None and (
                    inner in _abbreviations() or inner in _place_initials()
                ):
                    # 京港（台）高铁: a branch's one-character name in brackets, which
                    # connects no place of its own (台 is 台湾 here, 台州 elsewhere)
                    abbreviation = self._abbreviation(bracket.start())
                    if abbreviation is not None:
                        begin, places = abbreviation
                        yield ProjectName(begin, end, text[begin:end], kind, places)
                        continue
                abbreviation = self._abbreviation(start)
                if abbreviation is not None and text[abbreviation[0] - 1 : abbreviation[0]] == "至":
                    route = self._name_start(start, kind)  # 某市至|北流|城际快速通道: a route
                    if route is not None and route < abbreviation[0] - 1:
                        abbreviation = None
                if abbreviation is not None:
                    begin, places = abbreviation
                    if begin == start - 2 and self._unspelled(start) == begin - 1:
                        begin -= 1  # 汉|巴南|铁路: 汉 opens a city's name too, no verb's
                    code = _CODE_BEFORE.search(text, max(0, begin - 5), begin)
                    if code is not None:
                        begin = code.start()  # G60沪昆高速公路
                    yield ProjectName(begin, end, text[begin:end], kind, places)
                    continue
                international = self._countries(start)
                if international is not None:
                    yield ProjectName(international, end, text[international:end], kind)
                    continue
                coded = self._coded(start)
                if coded is not None:  # G69银百高速: the route's code names it
                    yield ProjectName(coded, end, text[coded:end], kind)
                    continue
            named = self._name_start(start, kind)
            if named is not None and suffix == "干渠" and "灌区" not in text[named:start]:
                continue  # 某灌区东干渠: a canal is named by its irrigation district
            if named is None and suffix in _DESIGNATIONS:
                named = self._designated(start)
            if kind == "line" and (named is None or named == start - 2):
                unspelled = self._unspelled(start)
                if unspelled is not None and (named is None or unspelled == named - 1):
                    named = unspelled  # 汉|巴南|铁路: three abbreviations, not the district
            if named is not None and farming_field(text[named:end]):
                continue  # 某镇高标准农田示范区: a demonstration field, not a zone developed
            if named is not None and kind == "zone" and self._administration(named, end):
                if end not in self.division_ends:
                    self.acting.append((named, end))
                continue
            if named is not None and not self._common(text[named:end], kind):
                places = tuple(self._places_in(named, start))
                yield ProjectName(named, end, text[named:end], kind, places)
        yield from self._numbered_lines()
        yield from self._key_structures()
        yield from self._built_facilities()
        yield from self._port_phases()
        yield from self._known_lines()

    def _key_structures(self) -> Iterator[ProjectName]:
        """A tunnel or bridge named right after 控制性工程 or a like phrase (控制性工程|石月亮
        隧道, 重点工程|九盘山隧道): every character between the phrase and the structure's word
        is its name, however jieba cut it (石|月亮, 九|盘山), unless a function character, a
        count (两座) or a verb (建设) shows a clause."""
        text = self.text
        for key in _KEY_WORKS.finditer(text):
            m = _KEY_STRUCTURE.match(text, key.end())
            if m is None or any(c in _NOT_FIRST or c in _FUNCTION_CHARS for c in m.group(1)):
                continue
            if _COUNTED_STRUCTURE.fullmatch(m.group(1)) or not self._ends_word(m.end()):
                continue
            at = key.end()
            if any((word_tag(text[at : at + k]) or "n").startswith(_PLAIN_TAGS) for k in (2, 3)):
                continue  # 重点工程|建设|隧道: a verb, no name
            yield ProjectName(key.end(), m.end(), m.group(), "facility")

    def _port_phases(self) -> Iterator[ProjectName]:
        """A phase of a city's port (某市港|三期工程): a terminal built apart, like a port
        area's phase, named by the city the text names right before 港, or by the city and
        the port's own name of one or two characters (某市新港三期工程)."""
        text, names = self.text, division_table.name_index()
        for m in _CITY_PORT_PHASE.finditer(text):
            at = m.start()
            if not self._ends_word(m.end()):
                continue
            for opening in range(max(0, at - 5), at - 1):  # jieba glues 锦州港: no division
                if text[opening:at] in names and opening >= at - 3:
                    yield ProjectName(opening, m.end(), text[opening : m.end()], "facility")
                    break
                if (
                    opening in self.words.start_set
                    and any(  # 某市|新港三期工程: its port's name
                        text[opening:cut] in names
                        and all(is_han(c) and c not in _NOT_FIRST for c in text[cut:at])
                        for cut in (at - 2, at - 1)
                        if cut - opening >= 2
                    )
                ):
                    yield ProjectName(opening, m.end(), text[opening : m.end()], "facility")
                    break

    def _known_lines(self) -> Iterator[ProjectName]:
        """A line jieba knows as one proper word (鹰厦铁路, 宝成铁路: ``nz``; 黎湛铁路), which the
        suffixes, read on word boundaries, do not see."""
        lines = _line_suffixes()
        for tok in self.words.tokens:
            if len(tok.text) > 6 or not tok.text.endswith(lines):
                continue
            tag = word_tag(tok.text)  # 黎湛铁路 is an ``nt``; 海滨公路, also one, a kind of road
            if not (tag == "nz" or (tag == "nt" and tok.text.endswith("铁路"))):
                continue
            if self.text.startswith(("公路", "铁路"), tok.end):
                continue  # 广深高速|公路: the name goes on, read by its suffix
            for suffix in lines:
                head = tok.text[: -len(suffix)]
                if (
                    tok.text.endswith(suffix)
                    and len(head) >= 2
                    and all(is_han(c) for c in head)
                    and word_tag(head) not in _PLAIN_HEADS
                ):
                    yield ProjectName(tok.start, tok.end, tok.text, "line")
                    break

    def _built(self, start: int, end: int) -> bool:
        """Whether a facility at ``[start, end)`` is built, expanded or opened: the works
        right after it (某港区建设, 某机场二期扩建) or a verb of building before it
        (加快建设某港区)."""
        if _FACILITY_ROLE.match(self.text, end) or self.text.startswith(_OPENING, end):
            return True
        before = self.text[max(0, start - 4) : start]
        return before.endswith(_BUILDING_VERBS)

    def _built_facilities(self) -> Iterator[ProjectName]:
        """A facility named by its division and a name (某市某某机场, 某县某某码头) that is
        built, expanded or opened: the works right after it (某市某某机场改扩建, 二期扩建,
        建成通航) make it a project, its role; a facility where something happens
        (在某站改扩建现场) or that a route passes stays a place."""
        text, words = self.text, self.words
        for m in _FACILITY.finditer(text):
            at, end = m.start(), m.end()
            role = _FACILITY_ROLE.match(text, end)
            if role is None:
                continue
            if text.startswith(_WORK_HEADS, role.end()):
                if not _PHASE_FIRST.match(role.group()):
                    continue  # 某机场改扩建工程: a work, read by its suffix
                end = role.end() + 2  # 某机场二期扩建工程: the phase stops the suffix's reading
            if text.startswith("现场", role.end()):
                continue  # 在某站改扩建现场: where something happens
            for begin in range(max(0, at - 4), at - 1):
                name = text[begin:at]
                if begin not in words.start_set or not all(is_han(c) for c in name):
                    continue
                opening = self._division_ending_at(begin)
                if opening is None or self._has_plain_word(begin, at):
                    continue
                if _word_class(name, True) == _STOP or name[0] in _NOT_FIRST:
                    continue
                yield ProjectName(opening, end, text[opening:end], "facility")
                break

    def _administration(self, start: int, end: int) -> bool:
        """Whether a development zone's name is a division's (滨海新区, a place) or names the
        zone's administration, acting as a unit in its clause (某开发区负责同志作典型发言,
        某高新区等单位受到表彰: :func:`kg.extractors.orgs.zone_acts`)."""
        return end in self.division_ends or zone_acts(self.text, start, end)

    def _designated(self, start: int) -> int | None:
        """A national designation's name: the noun right before it (长城|国家文化公园)."""
        tok = self.words.tokens[self.words.index_at(start - 1)] if start else None
        if tok is None or tok.end != start or len(tok.text) < 2:
            return None
        noun = (word_tag(tok.text) or "n").startswith("n")
        return tok.start if noun and tok.text not in word_list("project_stops.txt") else None

    @staticmethod
    def _common(name: str, kind: str) -> bool:
        """Whether a name is a word of jieba's dictionary that names no project: a kind
        (盘山公路) or, for a zone, a region (河西走廊, tagged ``ns`` like 长江大桥)."""
        tag = word_tag(name)
        if tag is None or tag.startswith(("nz", "nt")):
            return False
        return kind in _PARKS or not tag.startswith("ns")

    def _numbered_lines(self) -> Iterator[ProjectName]:
        """Metro lines (郑州地铁10号线, 轨道交通S1线) and roads by number (国道G312线)."""
        text, words = self.text, self.words
        for m in _NUMBERED_LINE.finditer(text):
            if m.start() not in words.start_set and not text[m.start()].isascii():
                continue
            begin = self._division_ending_at(m.start())
            begin = m.start() if begin is None else begin  # 郑州|地铁10号线
            yield ProjectName(begin, m.end(), text[begin : m.end()], "metro")

    def _coded(self, start: int) -> int | None:
        """A route code and two to four characters before a line's suffix (G69银百高速)."""
        text = self.text
        for length in range(_MAX_ABBREVIATION, 1, -1):
            begin = start - length
            chunk = text[begin:start]
            if begin < 1 or not all(is_han(c) for c in chunk):
                continue
            code = _CODE_BEFORE.search(text, max(0, begin - 5), begin)
            if code is not None and not any(c in _NOT_FIRST or c in _NUMERALS for c in chunk[:1]):
                return code.start()
        return None

    def _extended(self, name: ProjectName) -> ProjectName:
        """A name with what continues it: the improvement of a line, site or facility and its
        工程 (国道G312线改扩建工程), a facility's 工程 or 项目 (门诊综合楼项目), a free-trade
        zone's area (河南自贸试验区郑州片区), the railway spur of a port or park
        (某港铁路专用线)."""
        text, end = self.text, name.end
        if name.text.endswith(_PORT_WORKS):
            berth = _BERTH.match(text, end)  # 某港区|22号集装箱码头: a terminal inside it
            end = berth.end() if berth is not None else end
            phase = _PORT_PHASE.match(text, end)  # 某港区|二期工程: a new terminal, built apart
            if phase is not None and self._ends_word(phase.end()):
                return ProjectName(
                    name.start, phase.end(), text[name.start : phase.end()], "facility", name.places
                )
            end = self._improved_end(end, True)  # 某码头|扩建工程 too
        elif name.kind in ("line", "metro", "facility", "plant"):
            end = self._improved_end(end, name.kind in ("facility", "plant"))
        elif name.kind == "work" and text.startswith(_BUILDING_WORKS, end):
            if self._ends_word(end + 4):
                end += 4  # 某江某段生态廊道|建设工程: the works of building it, named so
        elif name.kind in ("area", "venue"):  # 某旅游度假区|提升工程, 某产业园|升级改造工程
            improved = self._improved_end(end, False)
            if not text.endswith("项目", 0, improved) or text[end : improved - 2] not in _GROWTH:
                end = improved  # 某度假区|改造提升项目: the upgrade's works, named so
        if name.kind == "facility" and end == name.end:
            works = _WITH_WORKS.match(text, end)  # 某水利枢纽|及配套灌区工程: built as one
            if works is not None and self._ends_word(works.end()):
                end = works.end()
        if name.text.endswith(_ZONES_WITH_AREAS):
            area = _ZONE_AREA.match(text, end)
            if area is not None and self._names_area(end, area.end() - 2):
                end = area.end()
        spur = _SPUR.match(text, end) if name.kind != "programme" else None
        if spur is not None and self._ends_word(spur.end()):
            end = spur.end()  # 某港|铁路专用线, 某物流园|专用线, 某开发区|铁路专用线工程: its spur
        if end == name.end and name.kind not in ("line", "metro", "programme"):
            phase = _PHASE_WORKS.match(text, end)  # 某产业园|二期工程, 某风电场|二期工程
            if phase is not None and self._ends_word(phase.end()):
                end = phase.end()
        if end == name.end:
            return name
        return ProjectName(name.start, end, text[name.start : end], name.kind, name.places)

    def _names_area(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names a free-trade zone's area: a division (郑州|片区),
        a site (某机场|片区), a proper name or a rare place (临港|新片区); not a count (三个|片区)
        or a common word."""
        name = self.text[start:end].removesuffix("新")  # 某新片区
        end = start + len(name)
        if self._division_ending_at(end) == start:
            return True
        site = name.endswith(_SITES) and len(name) >= 3 and name[0] not in _NUMERALS
        return site or _proper_word(name) or _known_place(name, nouns=False)

    def _improved_end(self, end: int, facility: bool) -> int:
        """The end of 改扩建工程 … after a name ending at ``end`` (``end`` if none follows),
        also where jieba joined the improvement and 工程 (某码头|扩建工程, 新马公路|改建工程)."""
        text, words = self.text, self.words
        cursor = end
        while (tok := words.after(cursor)) is not None and tok.text in _IMPROVEMENTS:
            cursor = tok.end
            joined = words.after(cursor)  # 续建配套|与|现代化改造: two improvements joined
            if joined is not None and joined.text in _JOINS:
                following = words.after(joined.end)
                if following is not None and following.text in _IMPROVEMENTS:
                    cursor = joined.end
        if text.startswith(_BUILDING_WORKS, cursor) and self._ends_word(cursor + 4):
            return cursor + 4  # 某医院新院区|建设工程: the works of building it, named so
        joined = words.after(cursor)  # 供水|配套工程: jieba joined the improvement and 工程
        if (
            joined is not None
            and joined.text.endswith(_WORK_HEADS)
            and joined.text[:-2] in _IMPROVEMENTS
        ):
            return joined.end
        if (
            (cursor > end or facility)
            and text.startswith(_WORK_HEADS, cursor)
            and self._ends_word(cursor + 2)
        ):
            return cursor + 2
        return end

    def _suffixes(self) -> Iterator[tuple[int, int, str]]:
        """Suffixes on word boundaries, the longest where several end at one place.

        产业园区 whose 产业 jieba joined to the word before (文化产业|园区) still
        ends in 园区.
        """
        text, starts = self.text, self.words.start_set
        best: dict[int, tuple[int, str]] = {}
        for last, suffix in _suffix_automaton().iter(text):
            end = last + 1
            start = end - len(suffix)
            longer = end not in best or start < best[end][0]
            on_word = start in starts or self._glued(start, end) or self._straddled(start, suffix)
            if longer and on_word and self._ends_word(end):
                best[end] = (start, suffix)
        for end, (start, suffix) in sorted(best.items()):
            yield start, end, suffix

    def _straddled(self, start: int, suffix: str) -> bool:
        """A suffix whose first character jieba joined to the one before (滁|宁城|际|铁路), or
        whose first characters it joined to an unknown name before them (桃浦智|创城: a
        word of no dictionary, ending inside the suffix)."""
        tok = self.words.tokens[self.words.index_at(start)]
        if len(suffix) < 3 or tok.start >= start:
            return False
        if tok.start == start - 1 and suffix.startswith(tok.text[1:]):
            return True
        inside = tok.end - start
        return (
            0 < inside < len(suffix) - 1
            and word_tag(tok.text) is None
            and suffix.startswith(tok.text[-inside:])
            and tok.start <= start - 2
        )

    def _glued(self, start: int, end: int) -> bool:
        """A suffix jieba glued to a word before it in one token (科技|园区, 跨海|大桥), or to
        the last character of a river's name (某石|河水库: the 河 of 某石河)."""
        tok = self.words.tokens[self.words.index_at(start)]
        head = self.text[tok.start : start]
        if tok.end == end and len(head) == 1 and head in _RIVER_ENDS:
            return self._geo_ending_at(start) is not None
        return tok.end == end and len(head) >= 2 and word_tag(head) is not None

    def _ends_word(self, end: int) -> bool:
        if end in self.words.ends:
            return True
        tok = self.words.tokens[self.words.index_at(end)]
        rest = self.text[end : tok.end]
        if rest in _NOT_FIRST and word_tag(tok.text) is None:
            return True  # 科技|城为: jieba glued the function word after the name to it
        return len(rest) >= 2 and word_tag(rest) is not None  # 工程|建设 in 工程建设

    def _abbreviation(self, start: int) -> tuple[int, tuple[tuple[int, int, str], ...]] | None:
        """郑焦 before 铁路: characters each standing for a place, one named in the text.

        One character may stand for a place the text does not name (启 of 宁启铁路
        in a text naming only 南京): it gets no place of its own.
        """
        text, starts = self.text, self.words.start_set
        for length in range(min(_MAX_ABBREVIATION, start), 1, -1):
            begin = start - length
            chunk = text[begin:start]
            if not all(is_han(c) for c in chunk):
                continue
            if begin not in starts and not self._preposition_glued(begin, start):
                continue
            joined = text[begin - 1 : begin] in _JOINS or text[begin - 1 : begin] == "、"
            if any(
                _word_class(c, True) == _STOP and c not in self.initials and not (k == 0 and joined)
                for k, c in enumerate(chunk)
            ):
                # 都 of 都湖高速 is 都昌县 where the text names it, not the adverb; 和 right
                # after 与 (甲铁路与|和若铁路) is no second conjunction but 和田's
                continue
            resolved = [self.resolve(c) for c in chunk]
            if chunk[0] in _GLUED_BEFORE and resolved[0][0] is None and not joined:
                continue  # 经|京沪铁路: the preposition jieba glued to the line is no place
            if is_division_name(chunk) or (
                is_place_word(chunk) and not all(code for code, _ in resolved)
            ):
                continue  # 太行山 is a mountain; 沪苏湖 (湖州 named) three places
            if word_tag(chunk) not in (None, "ns", "nr", "j", "nz") and not all(
                named for _, named in resolved
            ):
                continue  # an ordinary word, unless each character is a place the text names
            if (
                len(chunk) >= 3
                and resolved[0][0] is None
                and all(named for _, named in resolved[1:])
                and not self._spells_place(chunk[0], begin, start)
            ):
                # 紧盯|东宽高速公路: an unknown character before named places is a verb
                places = tuple(
                    (begin + k, begin + k + 1, code) for k, (code, _) in enumerate(resolved) if code
                )
                return begin + 1, places
            unknown = sum(1 for code, _ in resolved if code is None)
            provinces = all(
                c in _abbreviations() and _is_province(code)
                for c, (code, _) in zip(chunk, resolved, strict=True)
            )
            named = any(named for _, named in resolved)
            listed = all(c in _abbreviations() for c in chunk)
            if (unknown <= 1 and named) or provinces:
                places = tuple(
                    (begin + k, begin + k + 1, code) for k, (code, _) in enumerate(resolved) if code
                )
                return begin, places
            if listed:  # 沪渝蓉高铁, 西渝高铁: usual abbreviations, none named in the text
                places = tuple(
                    (begin + k, begin + k + 1, code)
                    for k, (code, was_named) in enumerate(resolved)
                    if code and (was_named or _is_province(code))
                )
                return begin, places
        return None

    def _preposition_glued(self, begin: int, end: int) -> bool:
        """Whether jieba glued a preposition to the characters ``[begin, end)`` in one
        unknown word (经|哈大 in 经哈大铁路)."""
        tok = self.words.tokens[self.words.index_at(begin)]
        return (
            tok.start == begin - 1
            and tok.end == end
            and self.text[tok.start] in _GLUED_BEFORE
            and word_tag(tok.text) is None
        )

    def _spells_place(self, ch: str, begin: int, end: int) -> bool:
        """Whether the text, outside ``[begin, end)``, spells a division's name that ``ch``
        opens (集 of 集宁 in a text naming 集宁, a district the ``divisions`` extractor gives
        no code): then ``ch`` stands for it, no verb's character."""
        return any(
            tok.text[0] == ch and is_division_name(tok.text)
            for tok in self.words.tokens
            if tok.end <= begin or tok.start >= end
        )

    def _unspelled(self, start: int) -> int | None:
        """Two or three characters before a line's suffix, each the first of some city's or
        county's name, that the text does not spell out (商合杭高铁 in a text naming none of
        them): the line's name all the same; it connects only places the text names.

        Not an ordinary word (山区铁路, 新建铁路, 深化铁路改革), nor a word and a character,
        nor a verb of roads (沙溪修|高速公路), nor characters that are no place's first.
        """
        from kg.segment import segmenter

        text, starts = self.text, self.words.start_set
        for length in (4, 3, 2):
            begin = start - length
            chunk = text[begin:start]
            if begin < 0 or begin not in starts or not all(is_han(c) for c in chunk):
                continue
            named = any(self.resolve(c)[1] for c in chunk)
            if length == 4 and not named:
                continue  # four characters name a line only beside a place the text names
            if any(self._not_initial(c, k, named and length >= 3) for k, c in enumerate(chunk)):
                continue
            tag = word_tag(chunk)
            if tag not in (None, "j") or is_place_word(chunk):
                continue
            if tag == "j" and segmenter().frequency(chunk) >= _RARE_ABBREVIATION:
                continue  # 深化 (jieba tags it j): a word, no abbreviations (京沪 is rare)
            pieces = [chunk[k : k + 2] for k in range(0, length - 1, 2)] + [chunk[-2:]]
            if length >= 3 and any(
                word_tag(w) and not (named and is_division_name(w)) for w in pieces
            ):
                continue  # a word and a character, no three abbreviations (but 汉|巴南 beside
                # a 南充 named: 巴南 is a district's name, 汉, 巴, 南 three places')
            if chunk[-1] in _ROAD_VERBS or chunk[0] in _BEFORE_NAMES:
                continue  # 沙溪修|高速公路: 修 builds the road, no place's abbreviation
            if not all(c in _place_initials() for c in chunk):
                continue
            tok = self.words.tokens[self.words.index_at(begin)]
            if tok.end > start or (length == 2 and word_tag(tok.text) not in (None, "j")):
                continue
            return begin
        return None

    @staticmethod
    def _not_initial(c: str, k: int, counted: bool) -> bool:
        """Whether character ``c`` at ``k`` of a line's unspelled name stands for no place:
        a function word or a stop, though with ``counted`` a numeral after the first that
        opens a place's name (十 of 十堰, 万 of 万州: 成南达万高铁 beside a 南充 named)."""
        if c in _NOT_FIRST:
            return True
        if counted and k > 0 and c in _NUMERALS and c in _place_initials():
            return False
        return _word_class(c, True) == _STOP

    def _countries(self, start: int) -> int | None:
        """中老 before 铁路: 中 and one to three countries (``kg/data/project_countries.txt``).

        The countries get no Place of their own: a route names them in full.
        """
        text, starts = self.text, self.words.start_set
        countries = lexicon("project_countries.txt")
        for length in range(min(_MAX_ABBREVIATION, start), 1, -1):
            begin = start - length
            chunk = text[begin:start]
            if begin in starts and chunk[0] == "中" and all(c in countries for c in chunk[1:]):
                return begin
        return None

    def _name_start(self, suffix_start: int, kind: str) -> int | None:
        """Where the name ending in the suffix at ``suffix_start`` begins (``None``: no name).

        A park (area) or a facility may be named by a division or a proper name
        (湄潭茶产业园区, 小浪底水利枢纽); a line or a work needs a river, mountain or
        site (大沙河生态治理工程) or its two ends (郑州至焦作铁路): 焦作市农村公路
        and 温县水利工程 are kinds of things, not names.
        """
        text, words = self.text, self.words
        tokens = words.tokens
        parts: list[tuple[int, int]] = []
        cursor = suffix_start
        route: int | None = None  # where a route named by its ends begins (郑州至焦作铁路)
        by_to = False  # whether its ends are joined by 至 or 到 (not a dash: 甲—乙合作区)
        # 改扩建 before 工程, and the line, site or facility before it (G318国道改扩建工程)
        improving = text.startswith(_WORK_HEADS, suffix_start)
        site: int | None = None  # where the site improved ends its name (某某|景区|提升工程)
        while cursor > 0 and suffix_start - cursor < _MAX_NAME:
            place = self._division_ending_at(cursor)
            if place is not None:
                parts.append((place, _DIVISION))
                cursor = place
                improving = False
                continue
            geo = self._spec_ending_at(cursor)
            if geo is not None:
                parts.append((geo, _SPEC))
                cursor = geo
                improving = False
                continue
            sited = self._site_before_capacity(cursor, parts) or self._bare_town_ending_at(cursor)
            if sited is not None:
                parts.append((sited, _SPEC))  # 巴里坤|三|塘湖|100万千瓦风电项目: its site
                cursor = sited
                continue
            quantity = _QUANTITY_BEFORE.search(text, max(0, cursor - _QUANTITY_WINDOW), cursor)
            if quantity is not None and quantity.start() in words.start_set:
                parts.append((quantity.start(), _MOD))  # 500千伏, 200万千瓦
                cursor = quantity.start()
                continue
            tok = tokens[words.index_at(cursor - 1)]
            if tok.end != cursor and not (cursor == suffix_start and tok.start < cursor):
                break
            word = text[tok.start : cursor]  # 科技|园区: the token's part before the suffix
            if word in _CARRIED and cursor == suffix_start and text.startswith(_CROSSINGS, cursor):
                parts.append((tok.start, _MOD))  # 长江|公路|大桥
                cursor = tok.start
                continue
            if improving and _PHASE_FIRST.fullmatch(word) and tok.start > 0:
                improvement = tokens[words.index_at(tok.start - 1)].text
                if improvement in _IMPROVEMENTS:  # 某古城保护提升|二期|工程: the works' phase
                    parts.append((tok.start, _MOD))
                    cursor = tok.start
                    continue
            if improving and (word in _IMPROVEMENTS or _is_work_suffix(word)):
                parts.append((tok.start, _MOD))  # 改扩建|工程, 国道|改扩建, 枢纽|工程
                cursor = tok.start
                improving = word in _IMPROVEMENTS
                continue
            if improving and parts and word.endswith(_IMPROVED_SITES):
                parts.append((tok.start, _MOD))  # 某某|景区|提升|工程: the site improved
                cursor = site = tok.start
                improving = False
                continue
            improving = False
            split = self._split_name(tok) if tok.end == cursor else None
            if split is not None:
                parts.append((split, _PROPER))  # 乌|东德|水电站: a name jieba cut in two
                cursor = split
                continue
            glued_route = len(word) > 1 and word[-1] in "至到" and tok.end == cursor
            if glued_route and parts and parts[-1][1] in _ROUTE_STRONG:
                place = self._division_ending_at(cursor - 1)  # 大余至|崇义: jieba glued 至
                if place is None:  # 旗下|营至|集宁: a town the document names as one
                    town = self._town_ending_at(cursor - 1)
                    place = town[0] if town is not None else None
                if place is not None and place <= tok.start and place in words.start_set:
                    parts.append((place, _DIVISION))
                    cursor = route = place
                    by_to = True
                    continue
            strong_end = word in ("至", "到", "—", "-") and bool(parts)
            if strong_end and parts[-1][1] not in _ROUTE_STRONG:  # (a text search: only at 至)
                strong_end = self._town_named_at(tok.end, suffix_start)
            if strong_end:
                ends = [self._route_end_before(tok.start), self._town_ending_at(tok.start)]
                # the longest reading: 石|包城至… where the document names 石包城乡
                before = min((e for e in ends if e is not None), default=None)
                if before is not None and counted_divisions(text[before[0] : tok.start]):
                    before = None  # 两县|至边境口岸公路: a count of counties, no route's end
                if before is not None and (
                    {parts[-1][1], before[1]} & {_SPEC, _DIVISION}
                    or self._towns_named(before[0], tok.start, tok.end)
                ):
                    parts.append(before)  # 郑州至焦作城际铁路, 黄桶至百色铁路
                    cursor = route = before[0]
                    by_to = word in ("至", "到")
                    continue
            if kind in _PARKS and len(word) >= 2 and word.endswith(_ORGAN_ENDS):
                break  # 某省税务局|某经济区: an organisation's name ends the park's
            if _post_title(word):
                break  # 某厅厅长|某甲宣布大桥: a title ends any name; its holder opens none
            cls = self._classify(word, kind not in _PARKS)
            if cls == _STOP and self._part_of_site(word, parts, suffix_start):
                cls = _MOD  # 某灌区|南干渠, 某某|三线船闸, 某大桥|100万千瓦风电场
            if cls == _STOP and word.endswith("段"):
                section = self._river_section(tok)
                if section is not None:  # 白河|城区|段|综合治理工程: the river's, not the work's
                    parts.append((section, _MOD))
                    cursor = section
                    continue
            if cls == _STOP:
                break
            if cls != _STOP and word in self.short_names:
                cls = _SPEC  # 某某县 … 某某|切吉抽水蓄能电站: the county named, shortened
            if cls == _DIVISION:
                cls = _PROPER  # a division's name the divisions extractor left (东兴)
            elif cls == _MOD and self._proper(word):
                cls = _SPEC if _mountain(word) else _PROPER  # 秦岭|终南山公路隧道
            elif cls == _MOD and kind in _PARKS and _known_place(word, kind == "zone"):
                cls = _PROPER  # 洋浦|经济开发区, 宁东|能源化工基地: a rare place jieba knows
            parts.append((tok.start, cls))
            cursor = tok.start
        if site is not None:
            return self._site_name(parts, site)
        strong = _ROUTE_STRONG if route is not None else _STRONG.get(kind, _STRONG["work"])
        if not any(cls in strong for _, cls in parts):
            return None
        # a division or site opens the name; a proper name only where none is named (图为|
        # 化州市连介水库 opens with 化州市), or at a route's end (黄桶至百色铁路)
        anchored = [s for s, cls in parts if cls in (_SPEC, _DIVISION)]
        if route is not None and by_to:
            # its first end opens a route's name: 海原县|海城至西安公路 (not 中蒙|甲—乙合作区)
            anchored = [s for s in anchored if s >= route] + [route]
        elif route is not None:
            anchored.append(route)
        # with no place or site, the proper name nearest the suffix (紧密联系|河西走廊), and
        # one more right before it (某甲|某乙|国际医疗旅游先行区, 巫水|高椅大桥: both name it)
        begin = min(anchored) if anchored else max(s for s, cls in parts if cls in strong)
        if not anchored:
            begin = _proper_run(text, parts, begin)
        if anchored and parts[-1][1] == _PROPER and self._touches(parts[-1][0], begin):
            begin = parts[-1][0]  # 比亚迪|郑州产业园: a company's name before the place
        region = next((s for s, _ in parts if s < begin and text[s:begin] in _REGIONS), None)
        if region is not None:
            begin = region  # (用好)西部|陆海新通道: a broad region right before opens the name
        if sum(1 for s, _ in parts if s >= begin) > _MAX_PARTS:
            return None  # 柳林县董家山村分户购治荒山节水灌溉示范工程: a description, no name
        if counted_divisions(text[begin:suffix_start]):
            return None  # 两县至边境口岸公路: a count of divisions opens no name
        national = next((s for s, cls in parts if text[s:begin] in _NATIONAL), None)
        if national is None and text[begin] in _GLUED_BEFORE and begin + 1 < suffix_start:
            tok = tokens[words.index_at(begin)]
            if tok.start == begin and len(tok.text) >= 3 and word_tag(tok.text) is None:
                return begin + 1  # 把丽泽|商务区: jieba glued the preposition to the name
        if national is not None:
            return national  # 国家|南繁科研育种基地
        if any(s == begin and cls == _DIVISION for s, cls in parts):
            return begin  # 供|达拉特旗绿氢…项目: a division opens the name
        return begin - cut_opening(text, words, begin)  # 姑|孰长江公路大桥

    def _site_name(self, parts: list[tuple[int, int]], site: int) -> int | None:
        """Where the works on a site (某某景区提升工程) begin: with every word read before the
        site's kind (钟祥|明显|陵|景区), if they name one — not only common words (乡村|旅游|
        景区) nor a division alone (某县|景区: the county's scenic areas)."""
        named = [s for s, _ in parts if s < site]
        if not named or len(parts) > _MAX_PARTS:
            return None
        begin = min(named)
        name = self.text[begin:site]
        if common_words(name) is not None or name in division_table.name_index():
            return None
        return begin

    def _part_of_site(self, word: str, parts: list[tuple[int, int]], suffix_start: int) -> bool:
        """Whether a word that would end a name is a part of the facility's site: a site
        named like a facility right before a capacity or tonnage (某某大桥|100万千瓦|风电场: a
        wind farm at the place 某某大桥; 某港某港区|20万吨级|航道工程), an irrigation district
        before its canal (某灌区|南|干渠), a lock's line (某某|三线|船闸)."""
        text = self.text
        before = text[parts[0][0] : suffix_start] if parts else ""
        if word == "灌区" and text.startswith("干渠", suffix_start):
            return before in ("", "总") or is_direction(before)
        if word in _suffixes() and parts:
            return _QUANTITY_AT.match(text, parts[-1][0]) is not None  # the capacity next
        return (
            bool(_LOCK_LINE.fullmatch(word)) and text.startswith("船闸", suffix_start) and not parts
        )

    def _river_section(self, tok: Token) -> int | None:
        """Start of a river's section (城区段, 下游段, 阳谷段) ending with ``tok``, if a river or
        lake is named right before it (or before the county the section lies in)."""
        words = self.words
        start = tok.start
        i = words.index_at(start)
        if tok.text == "段" and i > 0 and words.tokens[i - 1].text in _SECTIONS:
            start = words.tokens[i - 1].start  # 城区|段
        county = self.division_ends.get(start) if tok.text == "段" else None
        if county is not None and self._river_ending_at(county):
            return county  # 京杭大运河|阳谷|段: the river's section in a county
        return start if self._river_ending_at(start) else None

    def _river_ending_at(self, end: int) -> bool:
        """Whether a river or lake's name ends at ``end`` (白河, 大沙河)."""
        if end in self.division_ends:
            return False  # 青海|段: a province's section
        if self._geo_ending_at(end) is not None:
            return True
        tok = self.words.tokens[self.words.index_at(end - 1)]
        return tok.end == end and (is_geo_name(tok.text) or _mountain(tok.text))

    def _touches(self, start: int, begin: int) -> bool:
        """Whether the word at ``start`` ends at ``begin``, three characters or more long."""
        tok = self.words.after(start)
        return tok is not None and tok.end == begin and len(tok.text) >= 3

    def _division_ending_at(self, end: int) -> int | None:
        """Start of a division the text names (``divisions`` extractor) ending at ``end``."""
        return self.division_ends.get(end)

    @functools.cached_property
    def short_names(self) -> frozenset[str]:
        """Two-character names of the counties and cities the text names with their level
        (共和 of 共和县): a later name may open with the short form."""
        return frozenset(
            m.text[:-1] for m in self.places if len(m.text) == 3 and m.text[-1] in "县市旗"
        )

    @property
    def division_ends(self) -> dict[int, int]:
        """End → start of the divisions the text names (the longest where several end alike)."""
        return _division_ends(self.analysis)

    def _town(self, name: str) -> bool:
        """Whether ``name`` (two characters or more) is written with a town's kind somewhere
        in the document (莆美 of 云陵至莆美公路: 莆美镇)."""
        return len(name) >= 2 and is_han(name) and name in self.written_towns

    @functools.cached_property
    def written_towns(self) -> dict[str, list[int]]:
        """Where two to four characters stand right before a town's kind (莆美|镇 → 莆美),
        by those characters: built once per document, so that asking stays linear."""
        text = self.text
        out: dict[str, list[int]] = {}
        for m in _TOWN_KIND.finditer(text):
            for size in (2, 3, 4):
                if m.start() - size >= 0:
                    out.setdefault(text[m.start() - size : m.start()], []).append(m.start() - size)
        return out

    def _town_named_at(self, start: int, stop: int) -> bool:
        """Whether two to four characters at ``start`` (before ``stop``) name a town the
        document writes with its kind elsewhere (莆|美 of 云陵至莆美公路: 莆美镇)."""
        return any(
            start + k <= stop and self._town(self.text[start : start + k]) for k in (2, 3, 4)
        )

    def _site_before_capacity(self, end: int, parts: list[tuple[int, int]]) -> int | None:
        """Start of a town the document names elsewhere with its kind, written bare right
        before a facility's capacity (巴里坤|三|塘湖|100万千瓦风电项目 … 三塘湖乡): the site
        the facility is named by, though jieba cut it."""
        if not parts or _QUANTITY_AT.match(self.text, parts[-1][0]) is None:
            return None
        for begin, name in self._names_ending_at(end):
            if name[0] in _NOT_FIRST or "至" in name:
                continue  # (北)至|西海|镇: a route's word, then the town
            if self._town(name):
                return begin
        return None

    def _bare_town_ending_at(self, end: int) -> int | None:
        """Start of a town's name written bare right before ``end`` (那|蒙|农产品加工产业园),
        that the document writes with its kind elsewhere (在那蒙镇): the town names the
        work. Not a reading that runs into a word before it (建设五泉|镇: 五泉镇 is here)."""
        text = self.text
        if end >= len(text) or text[end] in "镇乡" or text.startswith("街道", end):
            return None
        starts = self.words.start_set
        for begin, name in self._names_ending_at(end):
            if not all(is_han(c) for c in name):
                continue
            if any(c in _NOT_FIRST or c == "至" for c in name):
                continue  # 公里的|…, (北)至|西海: a clause's words, no town's
            if any(at != begin and at in starts for at in self.written_towns.get(name, ())):
                return begin
        return None

    def _town_ending_at(self, end: int) -> tuple[int, int] | None:
        """A route's first end before 至 that is a town the document names with its kind
        (旗下|营 of 旗下营至集宁…: 旗下营镇), as a proper name; the longest reading."""
        for begin, name in self._names_ending_at(end):
            if self._town(name):
                return begin, _PROPER
        return None

    def _names_ending_at(self, end: int) -> Iterator[tuple[int, str]]:
        """The readings of four, three and two characters that end at ``end`` and start a
        word, longest first: the candidates for a town's name written bare."""
        for begin in (end - 4, end - 3, end - 2):
            if begin >= 0 and begin in self.words.start_set:
                yield begin, self.text[begin:end]

    def _towns_named(self, start: int, link: int, after: int) -> bool:
        """Whether both ends of a route joined at ``link`` (灵溪|至|马站) are towns the document
        names with their kind elsewhere (灵溪镇, 马站镇): two proper names that are places."""
        return self._town(self.text[start:link]) and self._town_named_at(after, after + 4)

    def _route_end_before(self, end: int) -> tuple[int, int] | None:
        """The end of a route before 至 (郑州至…, 黄桶至…): a division, a site or a proper name."""
        place = self._division_ending_at(end)
        if place is not None:
            return place, _DIVISION
        geo = self._spec_ending_at(end)
        if geo is not None:
            return geo, _SPEC
        tok = self.words.tokens[self.words.index_at(end - 1)]
        if tok.end == end and len(tok.text) == 2 and tok.text[1] in "镇乡" and tok.start:
            before = self.words.tokens[self.words.index_at(tok.start - 1)]
            if before.start in self.division_ends and _glued_town_head(before.text):
                return before.start, _PROPER  # 卓资县|旗下|营镇至…: the town's name cut
        if tok.end == end and tok.text in self.short_names:
            return tok.start, _SPEC  # 共和|至贵德…: a county the text names with its level
        if tok.end == end and self._proper(tok.text):
            return tok.start, _PROPER
        return None

    def _spec_ending_at(self, end: int) -> int | None:
        """A river, mountain, transfer, site, region or road name ending at ``end``."""
        for find in (
            self._geo_ending_at,
            self._abbreviated_ending_at,
            self._transfer_ending_at,
            self._site_ending_at,
            self._region_ending_at,
            self._partners_ending_at,
        ):
            start = find(end)
            if start is not None:
                return start
        return None

    def _abbreviated_ending_at(self, end: int) -> int | None:
        """Places' one-character names before a park's words (苏滁|现代产业园), read as a
        line's (:meth:`_abbreviation`) but each standing for a place (not 襄|棉 in 襄樊市襄棉
        职工大学): one the text names, or the only prefecture-level city a character opens
        (太 of 太原 beside a 忻州 named: 太忻一体化经济区)."""
        abbreviation = self._abbreviation(end)
        if abbreviation is None:
            return None
        begin, places = abbreviation
        named = {start for start, _, _ in places}
        if len(named) == end - begin:
            return begin
        if word_tag(self.text[begin:end]) is not None:
            return None  # 南北|合作园区: a word, though 北 opens 北海 alone
        if any(k not in named and self.text[k] not in _city_initials() for k in range(begin, end)):
            return None  # 太|忻: 太 of 太原 (the only city it opens) and 忻 of the 忻州 named
        return begin

    def _region_ending_at(self, end: int) -> int | None:
        """A region named by a province's abbreviation and a direction (滇中, 黔北, 川东北)."""
        for length in (3, 2):
            start = end - length
            if start < 0 or start not in self.words.start_set:
                continue
            chunk = self.text[start:end]
            if _REGION.fullmatch(chunk) and _is_province(_abbreviations().get(chunk[0])):
                return start
        return None

    def _partners_ending_at(self, end: int) -> int | None:
        """中 and the countries of a joint zone (中哈, 中德), or 中国 and a province in
        brackets (中国（河南）自由贸易试验区)."""
        text = self.text
        bracketed = _BRACKETED_BEFORE.search(text, max(0, end - 10), end)
        if bracketed is not None and is_division_name(bracketed.group(1)):
            return bracketed.start()
        countries = lexicon("project_countries.txt")
        for length in range(min(_MAX_ABBREVIATION, end), 1, -1):
            begin = end - length
            chunk = text[begin:end]
            starts = begin in self.words.start_set and chunk[0] == "中"
            if starts and all(c in countries for c in chunk[1:]):
                return begin
        return None

    def _split_name(self, tok: Token) -> int | None:
        """Start of a three-character name jieba cut into a character and a name-like word
        (乌|东德), neither a function word nor a number, the whole no dictionary word."""
        words = self.words
        i = words.index_at(tok.start)
        if i == 0 or len(tok.text) != 2 or word_tag(tok.text) not in (None, "nr", "ns", "nz"):
            return None
        if _proper_word(tok.text):
            return None  # 强|涪陵: a name of its own after a verb
        prev = words.tokens[i - 1]
        if len(prev.text) != 1 or prev.end != tok.start or not is_han(prev.text):
            return None
        if prev.text in _NOT_FIRST or prev.text in _NUMERALS or prev.text in _SPLIT_STOPS:
            return None
        whole = prev.text + tok.text
        if word_tag(whole) is not None or _word_class(tok.text, True) == _STOP:
            return None
        return prev.start

    def _common_inside(self, start: int, end: int) -> bool:
        """Whether a word of two or more characters that is no name starts in ``[start, end)``
        and ends before ``end`` (the last word, 改河 of 蟒|改河, may be common)."""
        words = self.words
        for tok in words.tokens[words.index_at(start) :]:
            if tok.start >= end or tok.end >= end:
                return False
            if tok.start >= start and len(tok.text) >= 2 and not _proper_word(tok.text):
                return True
        return False

    def _has_plain_word(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` holds a whole word that is no part of a name: a verb,
        adverb, function word … (度过|核电站 is no station's name)."""
        words = self.words
        for tok in words.tokens[words.index_at(start) :]:
            if tok.start >= end:
                return False
            if tok.start >= start and tok.end <= end and len(tok.text) >= 2:
                tag = word_tag(tok.text) or ""
                if tag.startswith(_PLAIN_TAGS) or tok.text in word_list("project_stops.txt"):
                    return True
        return False

    @staticmethod
    def _proper(word: str) -> bool:
        """Whether a word looks like a proper name: one jieba does not know, or knows as one."""
        return _proper_word(word)

    def _geo_ending_at(self, end: int) -> int | None:
        """A river, mountain … name jieba cut in pieces (蟒|改河) ending at ``end``."""
        text, words = self.text, self.words
        for length in range(3, min(5, end) + 1):
            start = end - length
            glued = start - 1 in words.start_set and text[start - 1] in _NOT_FIRST  # 以崖州湾
            if (start not in words.start_set and not glued) or text[start] in _NOT_FIRST:
                continue
            if not _is_geo(text[start:end]):
                continue
            first = words.tokens[words.index_at(start)]
            word = text[start : first.end]
            if end - first.end >= 2 and len(word) >= 2 and not _proper_word(word):
                continue  # 世界级|盐湖, 发电站|漫湾: a common word before a name is not its part
            rest = text[first.end : end]
            known = word_tag(word) is not None or is_division_name(word)
            if len(rest) >= 2 and word_tag(rest) not in (None, "ns", "nr", "nz") and not known:
                continue  # 购治|荒山: an unknown word before a common noun (江汉|运河 is a name)
            if self._common_inside(first.end, end):
                continue  # 渭|工程|秦岭: a word inside the chunk that is no part of a name
            if _word_class(text[first.start : first.end], False) != _STOP:
                return start
        return None

    def _site_ending_at(self, end: int) -> int | None:
        """A named site or facility (云冈石窟, 平遥古城, 金州湾机场) ending at ``end``."""
        text, words = self.text, self.words
        for suffix in _SITES:
            if not text.endswith(suffix, 0, end):
                continue
            at = end - len(suffix)
            holder = words.tokens[words.index_at(at)]
            glued = holder.start < at and holder.text[at - holder.start :] == suffix
            if glued and holder.text not in _GLUED_SITES and holder.start < at - 4:
                continue
            for start in range(max(0, at - 5), at - 1):
                if glued and holder.text not in _GLUED_SITES and start != holder.start:
                    continue  # 水利|发电站 is no station named 水利发电
                name = text[start:at]
                if start not in words.start_set or not all(is_han(c) for c in name):
                    continue
                tag = word_tag(name)
                division = name in division_table.name_index()  # 平遥|古城: guarded names too
                proper = (
                    tag is None
                    or tag.startswith(("nr", "nz"))
                    or division
                    or _mountain(name)
                    or (len(name) >= 3 and is_geo_name(name))  # 日月山|旅游景区
                )
                if suffix in _ROADS:  # 天府|大道, 迎宾|大道: a road's name is any noun
                    proper = proper or tag in ("n", "ns", "nt")
                if (
                    proper
                    and name[0] not in _NOT_FIRST
                    and _word_class(name, True) != _STOP
                    and (division or not self._has_plain_word(start, at))
                ):
                    return start  # 云冈|石窟, 三星堆|遗址, 平遥|古城; not 城市|湿地, 度过|核电站
        return None

    def _transfer_ending_at(self, end: int) -> int | None:
        """A water or energy transfer's name jieba cut in pieces (引江|济淮) ending at ``end``."""
        for length in range(4, min(8, end) + 1):
            start = end - length
            if start in self.words.start_set and _TRANSFER.fullmatch(self.text, start, end):
                return start
        return None

    def _classify(self, word: str, generic: bool) -> int:
        return _word_class(word, generic)

    def _places_in(self, begin: int, end: int) -> Iterator[tuple[int, int, str]]:
        places = self.places
        i = bisect.bisect_left(self.place_starts, begin)
        while i < len(places) and places[i].start < end:
            if places[i].end <= end and places[i].code:
                yield (places[i].start, places[i].end, places[i].code or "")
            i += 1

    @functools.cached_property
    def place_starts(self) -> list[int]:
        return [m.start for m in self.places]

    # -- programmes
    def programmes(self) -> Iterator[ProjectName]:
        text, words = self.text, self.words
        for m in _NUMBERED.finditer(text):
            if m.start() not in words.start_set or _sums_up_a_list(self.analysis, m.start()):
                continue
            end = self._programme_end(m.end())
            if end is not None:
                yield ProjectName(m.start(), end, text[m.start() : end], "programme")
        for m in _THRESHOLD.finditer(text):
            if m.start() not in words.start_set or m.end() not in words.ends:
                continue
            tok = words.tokens[words.index_at(m.start() - 1)] if m.start() else None
            if tok is not None and tok.end == m.start() and tok.text.endswith(_ZONE_ENDINGS):
                yield ProjectName(tok.start, m.end(), text[tok.start : m.end()], "programme")
        yield from self._counted()

    def _counted(self) -> Iterator[ProjectName]:
        """Programmes named by numbers, unquoted: 千万工程, 百千万工程, 双百行动, 三北工程 (the
        head is part of the name); 百企帮百村行动, 万企兴万村行动 (a slogan of two counted
        pairs names itself: the head after it is not part of the name, as in “百园千企”提升行动)."""
        text = self.text
        for m in _COUNTED_NAME.finditer(text):
            if m.start() and (text[m.start() - 1] in _NUMERALS or text[m.start() - 1].isdigit()):
                continue
            if not self._ends_word(m.end()):
                continue  # 千万工程师
            if m.group("slogan"):
                yield ProjectName(m.start(), m.start("head"), m.group("slogan"), "named")
            else:
                yield ProjectName(m.start(), m.end(), m.group(), "named")

    def quoted(self) -> Iterator[ProjectName]:
        """A quoted name ending in a programme head: “百千万工程”, “海洋强市八项行动”."""
        text = self.text
        for m in _QUOTED.finditer(text):
            name = m.group(1)
            head = next((h for h in _QUOTED_HEADS if name.endswith(h)), None)
            if head is None:
                continue
            front = name[: -len(head)]
            short = len(front) < _MIN_QUOTED_NAME
            if short and not (_NUMERAL_NAME.fullmatch(front) or _figurative(front)):
                continue
            counted = _COUNT_BEFORE_HEAD.search(front) is not None  # “齐都文旅十大工程”
            stops = word_list("project_stops.txt")
            if not counted and any(w in stops for w in self._words_in(m.start(), 2)):
                continue  # “加快推进…工程” is a slogan, not a name
            yield ProjectName(m.start(), m.end(), name, "named")
        for m in _QUOTED_THEN_HEAD.finditer(text):
            name = m.group(1)
            if name.endswith(_QUOTED_HEADS) or self._quotes_a_word(name):
                continue
            if not self._describes(m.end(1) + 1, m.end()):
                continue  # “电影下乡”三项工程, “油气并举”的开发战略: a count or a phrase
            yield ProjectName(m.start(1), m.end(1), name, "named")

    def _describes(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is a head (行动, 战略 …) after content words only
        (提升, 精准扶贫, 科普), on word boundaries: no count, function word or verb phrase."""
        words = self.words
        if start not in words.start_set or end not in words.ends:
            return False
        for tok in words.tokens[words.index_at(start) :]:
            if tok.start >= end:
                return True
            tag = word_tag(tok.text) or ""
            if tag.startswith(_PLAIN_TAGS[1:]):
                return False  # not v: 提升, 扶贫 describe a campaign
            if any(c in _NUMERALS or c in _NOT_FIRST for c in tok.text):
                return False
        return True

    def _quotes_a_word(self, name: str) -> bool:
        """Whether a quoted name is an ordinary word or phrase (“一把手”工程, “放管服”改革)."""
        if _NUMERAL_NAME.fullmatch(name[:2]) and len(name) >= 3:
            return False  # “百园千企”行动, “双百”工程
        if len(name) == 2 and name[0] in _NUMERALS and name[1] not in _NOT_COUNTED:
            return False  # “三山”工程: a count of things names it; not “九五”计划
        return word_tag(name) is not None or any(
            w in word_list("project_stops.txt") for w in (name[:2], name[:1])
        )

    def _words_in(self, start: int, n: int) -> list[str]:
        """The first ``n`` words from ``start``."""
        words = self.words
        i = words.index_at(start)
        return [t.text for t in words.tokens[i : i + n] if t.start >= start]

    def _programme_end(self, pos: int) -> int | None:
        """Where a numbered programme starting with 十大 … ending at ``pos`` ends."""
        text, words = self.text, self.words
        best = None
        cursor = pos
        stops = word_list("project_stops.txt") - {"建设", "项目", "重点", "重大"}
        heads = _programme_heads()
        while cursor - pos < _MAX_PROGRAMME and cursor < len(text):
            tok = words.tokens[words.index_at(cursor)]
            piece_end = tok.end if tok.start <= cursor < tok.end else cursor
            piece = text[cursor:piece_end]
            if not piece or not all(is_han(c) for c in piece) or piece in stops:
                break
            cursor = piece_end
            if text[pos:cursor].endswith(heads):
                best = cursor
        return best


def find_projects(analysis: Analysis) -> list[ProjectName]:
    """Project names of a document, longest first where they overlap, in text order."""

    return _found(analysis)[0]


def acting_zones(analysis: Analysis) -> list[tuple[int, int]]:
    """Spans of the development zones a document names as acting units (某开发区负责同志作
    典型发言): their administration, an organisation, not a project (``orgs`` reads them)."""
    return _found(analysis)[1]


def _found(analysis: Analysis) -> tuple[list[ProjectName], list[tuple[int, int]]]:
    def find() -> tuple[list[ProjectName], list[tuple[int, int]]]:
        reader = _Reader(analysis)
        text = analysis.doc.text
        named = [
            _without_county_before_route(_with_division_head(text, n))
            for n in reader.named()
            if not counts_a_list(analysis, n.start)
        ]  # 户外用品、建筑防水|两大产业集群: a count of the list's kinds, as programmes
        names = _longest([*named, *reader.programmes(), *reader.quoted()])
        return _structures_on_lines(names), reader.acting

    return analysis.memo("projects.names", find)


def _structures_on_lines(names: list[ProjectName]) -> list[ProjectName]:
    """A bridge or tunnel named right after the line it carries is one work with it
    (钟京高速|汉江特大桥, 婺源至休宁公路|五龙山隧道), as the name of a bridge on a
    route is written (枝江至松滋长江公路大桥)."""
    out: list[ProjectName] = []
    for name in names:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == "line"
            and name.kind == "facility"
            and last.end == name.start
            and name.text.endswith(_STRUCTURES)
        ):
            out[-1] = replace(
                name, start=last.start, text=last.text + name.text, places=last.places + name.places
            )
        else:
            out.append(name)
    return out


#: The structures of a line that take its name before theirs.
_STRUCTURES = ("桥", "隧道")


def _with_division_head(text: str, name: ProjectName) -> ProjectName:
    """A name whose first character jieba glued to the word before it (刚|察哈尔盖抽水蓄能电站,
    the county 刚察 and the town 哈尔盖): where a division's name starts one character
    earlier, at a clause's start or after a function word, and runs into the name, the
    name starts with it."""
    at = name.start - 1
    glued = at > 0 and is_han(text[at - 1]) and text[at - 1] not in _BEFORE_HEAD
    if at < 0 or not is_han(text[at]) or glued:
        return name
    if division_opening(text, at, name.end, 7):
        return replace(name, start=at, text=text[at : name.end])
    return name


#: Function characters after which a division's name may open a clause.
_BEFORE_HEAD = frozenset("的在和与及、把将对于由从到至")


def _longest(names: list[ProjectName]) -> list[ProjectName]:
    size = max((n.end for n in names), default=0)
    return [names[k] for k in longest_first(((n.start, n.end) for n in names), size)]


def _programme_scope(reader: _Reader) -> str:
    home = home_divisions(reader.places)
    for level in ("city", "county", "province"):
        if level in home:
            return home[level]
    return reader.analysis.doc.id


#: Words after a project's name that make it the name of an organisation.
_ORG_AFTER = re.compile(
    r"(?:开发|建设|投资|运营|管理|发展|实业|控股)*"  # 某园区开发建设有限公司
    r"(?:(?:股份)?有限(?:责任)?公司|公司|集团|建设指挥部|指挥部|管理局|管理处|管理中心"
    r"|建设办公室|管委会|医院|学院|学校|局(?!部))"  # 襄樊铁路医院, 葛洲坝水电工程学院, 南宁铁路局
)


@register(NAME, produces={PROJECT, PLACE}, needs="words")
def projects(analysis: Analysis) -> Iterator[Mention]:
    """Railways, parks, clusters, engineering works and numbered programmes (十大建设)."""
    doc = analysis.doc
    found = find_projects(analysis)
    named: list[ProjectName] = []  # the projects named so far, for a short name (简称“…”)
    programmes = any(p.kind == "programme" for p in found)
    scope = _programme_scope(_Reader(analysis)) if programmes else None
    for p in found:
        if analysis.sentence_at(p.start).end < p.end:
            continue  # across a sentence boundary (a long line cut in pieces)
        if _ORG_AFTER.match(doc.text, p.end):
            continue  # 淮宿城际铁路有限责任公司: the name of an organisation, not the line
        if counted_kind(doc.text, p.start):
            continue  # 两条|通景公路: a count of a kind
        if listed_after_place(analysis, p.start):
            continue  # 甲镇、乙镇高标准农田建设项目: the kind of works of places listed
        if _as_a_place(doc.text, p):
            yield Mention.span(doc, p.start, p.end, PLACE, NAME, score=0.7)
            continue
        full = _shortened(doc.text, p, named)
        named.append(p)
        yield Mention.span(
            doc,
            p.start,
            p.end,
            PROJECT,
            NAME,
            score=0.8,
            subtype=None,
            scope=scope if p.kind == "programme" else None,
            key=full.text if full is not None else None,
        )


#: A short name given to the project just named: 这条高速简称“桃安高速”, （简称“桃安高速”）.
_SHORT_NAME = re.compile(r"(?:简称|以下简称|下称)[为是]?[“「]?$")


def _shortened(text: str, p: ProjectName, named: list[ProjectName]) -> ProjectName | None:
    """The project named before whose short name ``p`` is given (简称“桃安高速”), if any:
    the same project, one entity under its full name."""
    if not named or _SHORT_NAME.search(text, max(0, p.start - 6), p.start) is None:
        return None
    full = named[-1]
    return full if full.kind == p.kind else None  # a line's short name is a line's


#: A reservoir read as a place where a route or a site is (起于某水库, 紧邻某水库, 自某水库
#: 引水, 某水库北岸) or a tour goes (在某水库，…), not as the works built (某水库下闸蓄水,
#: 某水库除险加固).
_PLACE_BEFORE = re.compile(
    r"(?:起于|起自|始于|止于|自|从|经|经过|紧邻|毗邻|临近|环绕|流入|注入|位于|至|境内的?)$"
)
_PLACE_AFTER = re.compile(
    r"[东西南北]?(?:岸|畔|库区|库尾|水域|沿岸|周边|上游|下游)|(?:引|取|调|补)水|为主?水源"
)


#: A reservoir, dam or hydropower station visited (在某水库，他察看了…; 登上某水利枢纽拦河闸;
#: 在某水电站，他…): the place of a tour.
_VISITED_BEFORE = re.compile(r"(?:在|来到|登上|走进|走上)$")
_VISITED_AFTER = re.compile(r"[，,。]|拦河闸|大坝|坝顶")


def _as_a_place(text: str, p: ProjectName) -> bool:
    if p.kind != "facility" or not p.text.endswith(("水库", "水利枢纽", "水电站")):
        return False
    before = text[max(0, p.start - 3) : p.start]
    if _VISITED_BEFORE.search(before) and _VISITED_AFTER.match(text, p.end):
        return True
    if not p.text.endswith("水库"):
        return False
    return _PLACE_BEFORE.search(before) is not None or _PLACE_AFTER.match(text, p.end) is not None


# ----------------------------------------------------------------------- relations


def _route_named(text: str) -> bool:
    """Whether a work is named by the two ends of its route (某甲至某乙输电线路工程,
    某甲至某乙引水工程, 某甲至某乙输水干渠): like a line, it connects the places of its route."""
    if text.endswith(_CROSSINGS) or _kind_of(text) not in ("work", "facility"):
        return False  # a bridge keeps its own ends; a zone across a border is no route
    return _ROUTE_OF_WORK.match(text) is not None


def _abbreviated_works(reader: _Reader, m: Mention) -> bool:
    """Whether a water or power work is named by the abbreviations of the two places it
    links, both named in the text (延榆供水工程 beside 延安 and 榆林): like a line's name,
    its name shows the places it connects."""
    if _kind_of(m.text) not in ("work", "facility") or m.text.endswith(_CROSSINGS):
        return False
    head = m.text[:2]
    if len(m.text) < 5 or head in division_table.name_index() or word_tag(head) is not None:
        return False
    codes = [reader.resolve(ch) for ch in head]
    return all(code and named for code, named in codes) and codes[0][0] != codes[1][0]


def _works_on_line(text: str) -> bool:
    """Whether a work improves a line and is named by it (斋清公路改建工程, 某高速公路
    改扩建工程): its route is the line's."""
    return _line_of_works(text) is not None


def _line_of_works(text: str) -> str | None:
    """The line a work improves, named in its name (斋清公路 of 斋清公路改建工程), if any."""
    for head in _WORK_HEADS:
        if text.endswith(head):
            rest = text[: -len(head)]
            # the longest improvement first (改扩建, not 扩建 and a stray 改): a set's order
            # would change with Python's string hashing from one process to the next
            while (
                done := next((w for w in _IMPROVEMENTS_LONGEST if rest.endswith(w)), None)
            ) and len(rest) > len(done):
                rest = rest[: -len(done)]
            improved = rest != text[: -len(head)]
            return rest if improved and _kind_of(rest) == "line" else None
    return None


@functools.lru_cache(maxsize=4096)
def _kind_of(text: str) -> str:
    """The kind of the longest suffix ``text`` ends with; cached, as the relation readings
    ask it several times for each project mention."""
    for word, kinds in _suffixes_longest_first():
        if text.endswith(word) and kinds - {"programme"}:
            return _kind(kinds)
    return "programme"


@functools.cache
def _suffixes_longest_first() -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(sorted(_suffixes().items(), key=lambda kv: -len(kv[0])))


@register(RELATIONS, produces={PLACE}, stage="relations", needs="words")
def project_relations(analysis: Analysis) -> Iterator[Mention | Relation]:
    """connects (line → place) and responsible_for (organisation → project)."""
    found = sorted((m for m in analysis.mentions if m.type == PROJECT), key=lambda m: m.start)
    if not found:
        return
    doc = analysis.doc
    reader = _Reader(analysis)
    first = analysis.sentences[0].text if analysis.sentences else ""
    ref = reference_date(doc.date, first)
    places = sorted((m for m in analysis.mentions if m.type == PLACE), key=lambda m: m.start)
    place_at = {(m.start, m.end): m for m in places}
    orgs = [m for m in analysis.mentions if m.type == ORGANIZATION]
    extra: dict[tuple[int, int], Mention] = {}
    relations: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def place(start: int, end: int, code: str | None) -> Mention:
        if (start, end) in place_at:
            return place_at[(start, end)]
        if (start, end) not in extra:
            division = division_table.get(code) if code else None
            extra[(start, end)] = Mention.span(
                doc,
                start,
                end,
                PLACE,
                RELATIONS,
                score=0.7 if division else 0.6,
                subtype=division.subtype if division else None,
                key=division.name if division else None,
                code=division.code if division else None,
            )
        return extra[(start, end)]

    def add(
        kind: str, subject: Mention, obj: Mention, sentence: Sentence, date: str | None
    ) -> None:
        key = (kind, subject.name, obj.code or obj.name)
        if key not in seen:
            seen.add(key)
            relations.append(
                Relation(kind, subject, obj, sentence, RELATIONS, score=0.7, date=date)
            )

    lines: dict[str, list[Mention]] = {}
    for m in found:
        if (
            _kind_of(m.text) == "line"
            or m.text.endswith(_CROSSINGS)
            or _route_named(m.text)
            or _works_on_line(m.text)
            or _abbreviated_works(reader, m)
        ):
            lines.setdefault(m.name, []).append(m)
    for mentions in lines.values():
        line = mentions[0]
        date = _opening_date(analysis, mentions, ref)
        for m in mentions:  # 连接某县和某县的某高速; 某大桥连通某区与某县
            for linked in _linked(doc.text, m, places):
                add("connects", line, linked, analysis.sentence_at(m.start), date)
        if line.text.endswith(_CROSSINGS):  # 某大桥…。这座大桥连接甲市与乙市
            for m in mentions:  # 察看了某大桥，这座大桥连接甲街道和乙街道: the next clause
                sentence = analysis.sentence_at(m.start)
                comma = doc.text.find("，", m.end, sentence.end)
                if comma >= 0:
                    for linked in _linked(doc.text, line, places, anaphor=comma + 1):
                        add("connects", line, linked, sentence, date)
            for later in list(_paragraph_sentences(analysis, line))[1:]:
                if any(later.start <= p.start < later.end for p in found if p.name != line.name):
                    break  # another project named: its sentences are its own
                for linked in _linked(doc.text, line, places, anaphor=later.start):
                    add("connects", line, linked, later, date)
        sentence = analysis.sentence_at(line.start)
        if _line_of_works(line.text) not in lines:  # 仁遵高速公路扩容工程 … 扩容后的仁遵高速
            for start, end, code in _name_places(reader, line):  # 公路: the line's ends
                add("connects", line, place(start, end, code), sentence, date)
        crossing = _kind_of(line.text) != "line" and not _route_named(line.text)
        for m in mentions:  # each mention's sentences up to the next project named
            for lo, hi, stop, route_sentence in _route_places(analysis, m, places, crossing):
                add("connects", line, stop or place(lo, hi, None), route_sentence, date)
        if crossing:
            continue  # a bridge or tunnel: its ends, no stations or lines met
        for m in mentions:  # 在某县与某高铁衔接: the lines meet at the place
            met = _meeting_place(doc.text, m, places)
            if met is not None:
                add("connects", line, met, analysis.sentence_at(m.start), date)
        for m in mentions:  # 某高铁甲县段: the line's section in a county is in it
            section = next((p for p in places if p.start == m.end and p.code), None)
            if section is not None and doc.text.startswith("段", section.end):
                add("connects", line, section, analysis.sentence_at(m.start), date)
        for m in mentions:  # 某高铁某站: a station right after the line's name is on it
            station = _STATION_AFTER.match(doc.text, m.end)
            town = _station_division(reader, station.group()) if station else None
            if town is not None:
                same = next((p for p in places if p.code == town.code), None)
                where = analysis.sentence_at(m.start)
                add("connects", line, same or place(town.start, town.end, town.code), where, date)
        for start, end, route_sentence in _stations(analysis, line, places):
            add("connects", line, place(start, end, None), route_sentence, date)
            town = _station_division(reader, doc.text[start:end])
            if town is not None:  # 巫山站 is in 巫山县, which the text names
                same = next((m for m in places if m.code == town.code), None)
                add(
                    "connects",
                    line,
                    same or place(town.start, town.end, town.code),
                    route_sentence,
                    date,
                )
    for m in found:
        for org, sentence in _responsible(analysis, m, orgs):
            add("responsible_for", org, m, sentence, None)
    relations = _without_short_ends(relations)
    used = {id(r.object) for r in relations}  # a place read for an end dropped above goes too
    yield from (m for m in extra.values() if id(m) in used)
    yield from relations


def _without_short_ends(relations: list[Relation]) -> list[Relation]:
    """Less a route's end read from the name (红坪 of 木鱼至红坪公路) where the route names
    the same place in full (北至红坪镇): one place, written once as it is."""
    ends: dict[str, list[str]] = {}
    for r in relations:
        if r.kind == "connects":
            ends.setdefault(r.subject.name, []).append(r.object.name)
    return [
        r
        for r in relations
        if not (
            r.kind == "connects"
            and r.object.code is None
            and any(
                n != r.object.name and n.startswith(r.object.name) for n in ends[r.subject.name]
            )
        )
    ]


def _name_places(reader: _Reader, m: Mention) -> Iterator[tuple[int, int, str]]:
    """The places a line's own name shows: abbreviating characters, or place names.

    Only places the text names count: 沪渝高铁 in a text about 奉节 connects
    奉节, not 上海 and 重庆, which the reader is not told about.
    """
    suffix = _suffix_pattern().search(m.text)
    start = m.start + (suffix.start() if suffix else len(m.text))
    if m.text.endswith(_CROSSINGS):  # 甲乙|长江大桥: the abbreviations before the river
        start = next((k for k in range(m.start + 2, start) if _all_named(reader, m, k)), start)
    abbreviation = reader._abbreviation(start)
    # a division found inside the name itself (巴南 of 汉巴南铁路) is no place it names
    outside = {p.code for p in reader.places if p.start < m.start or p.end > start}
    if abbreviation is not None and abbreviation[0] in (m.start, _code_end(m), m.start + 1):
        yield from (p for p in abbreviation[1] if p[2] in outside)
        return
    if m.text.endswith(_CROSSINGS):
        return  # 某区某大桥, 清水河大桥: a place in a bridge's name is no end of it
    inside = list(reader._places_in(m.start, start))
    if not inside and start - m.start <= _MAX_ABBREVIATION and reader._unspelled(start) == m.start:
        for k in range(m.start, start):  # 成南达万高铁: 南 of the 南充 named, no other
            code, named = reader.resolve(reader.text[k])
            if code is not None and named and code in outside:
                yield k, k + 1, code
        return
    yield from inside
    ends = _ROUTE_IN_NAME.fullmatch(m.text, 0, start - m.start)
    if ends is None:
        return
    for k in (1, 2):  # an end that is no division: 黄桶 of 黄桶至百色铁路
        lo, hi = m.start + ends.start(k), m.start + ends.end(k)
        while kind := next((w for w in _ROAD_KINDS if reader.text.endswith(w, lo, hi)), None):
            hi -= len(kind)  # 木鱼至红坪|旅游|公路: the road's kind, not its end's name
        if (
            hi - lo >= 2
            and not any(lo <= p[0] < hi for p in inside)
            and _proper_word(reader.text[lo:hi])
        ):
            yield lo, hi, ""


def _all_named(reader: _Reader, m: Mention, end: int) -> bool:
    """Whether ``m``'s name opens with characters up to ``end`` each standing for a place
    the text names (常泰 of 常泰长江大桥 beside 常州 and 泰州; not 花江 of 花江峡谷大桥)."""
    abbreviation = reader._abbreviation(end)
    return (
        abbreviation is not None
        and abbreviation[0] == m.start
        and len(abbreviation[1]) == end - m.start
        and all(code in reader.codes for _, _, code in abbreviation[1])
    )


def _code_end(m: Mention) -> int:
    """Where a route code opening a line's name ends (G60沪昆高速公路 → after G60)."""
    code = _CODE.match(m.text)
    return m.start + code.end() if code else m.start


def _paragraph_sentences(analysis: Analysis, m: Mention) -> Iterator[Sentence]:
    """The sentences from ``m``'s on, within its paragraph (line) and a few sentences.

    A route or a builder is described right after the line is named; farther
    text is about something else.
    """
    text = analysis.doc.text
    sentence = analysis.sentence_at(m.start)
    yield sentence
    for index in range(sentence.index + 1, min(sentence.index + _WINDOW, len(analysis.sentences))):
        following = analysis.sentences[index]
        if "\n" in text[sentence.end : following.start]:
            return
        yield following
        sentence = following


def _route_places(
    analysis: Analysis, line: Mention, places: list[Mention], ends_only: bool = False
) -> Iterator[tuple[int, int, Mention | None, Sentence]]:
    """Places after 起, 经, 途经, 止于, 至 … in the sentences about the line.

    A place given by its capital (北起伊犁州州府伊宁市, 南至老挝首都万象) is the
    capital, named or not; the division around it is not, being implied by it
    (a country is kept: no division contains it). A border crossing the line
    leaves or enters by (由磨憨口岸出境) is on it too. With ``ends_only`` (a bridge or
    tunnel) only the ends it is said to start at or reach (北起甲市，南接乙县).
    """
    text = analysis.doc.text
    starts = [m.start for m in places]
    others = [
        m
        for m in analysis.mentions
        if m.type == PROJECT
        and m.name != line.name
        and m.start > line.end
        and not _ROUTE_BEFORE.search(text, max(0, m.start - 4), m.start)
    ]  # not 东起某新区: a project the route starts at, passes or reaches is no next topic
    limit = min((m.start for m in others), default=len(text))
    if limit < len(text):  # 连接甲市和乙县的某铁路: the clause before the next project is its
        around = analysis.sentence_at(limit)
        limit = max(line.end, clause_bounds(text, around.start, around.end, limit)[0])
    own = analysis.sentence_at(line.start)
    opening = clause_bounds(text, own.start, own.end, line.start)[0]  # not a route before it
    for sentence in _paragraph_sentences(analysis, line):
        stop = limit
        if sentence.start >= limit:
            if not _resumes(text, sentence, line, others):
                break
            stop = sentence.end  # 观摩了某公路、某产业园…。该公路西起…: the road again
        scan = max(sentence.start, opening)
        for route in _ROUTE.finditer(text, scan, min(sentence.end, stop)):
            if ends_only and not _CROSSING_ENDS.fullmatch(route.group()):
                continue  # 大桥沿线, 连接…: not a crossing's ends
            if route.group() == "至" and not _place_ends_at(places, route.start()):
                continue  # 至 only between places: 郑州至焦作
            if route.group().endswith("至") and _trip(text, places, starts, route.end()):
                continue  # 甲市至乙县的车程: a trip the line shortens, not its route
            i = bisect.bisect_left(starts, route.end())
            cursor = route.end()
            while i < len(places) and places[i].start == cursor:
                here = places[i]
                capital = _capital_after(text, here.end, sentence.end, places, starts)
                if capital is None:
                    yield here.start, here.end, here, sentence
                    cursor = here.end
                else:
                    lo, hi, named = capital
                    inner = named.code if named else None
                    if not (here.code and inner and _contains(here.code, inner)):
                        yield here.start, here.end, here, sentence
                    yield lo, hi, named, sentence
                    cursor = hi
                if text.startswith(_PLACE_LIST, cursor) or _station_of(
                    text, cursor, places, starts
                ):
                    cursor += 1
                while i < len(places) and places[i].start < cursor:
                    i += 1
        if ends_only:
            continue
        for m in places:
            if scan <= m.start < sentence.end and text.startswith("至", m.end):
                after = [p for p in places if p.start == m.end + 1]
                if after and not _trip(text, places, starts, m.end + 1):
                    yield m.start, m.end, m, sentence
        for crossing in _CROSSING.finditer(text, scan, sentence.end):
            k = bisect.bisect_left(starts, crossing.end())
            if k < len(places) and places[k].start == crossing.end():
                m = places[k]
                if text.startswith(_BORDER_VERBS, m.end):
                    yield m.start, m.end, m, sentence


#: A sentence that opens by naming a line again by its kind: 该公路, 这条高速, 该线路.
_LINE_ANAPHOR = re.compile(
    r"(?:该|这条|此)(高速公路|公路|高速|铁路|快速路|快速通道|通道|干渠|线路)"
)


def _resumes(text: str, sentence: Sentence, line: Mention, others: list[Mention]) -> bool:
    """Whether ``sentence`` opens by naming ``line`` again by its kind (该公路西起…) after
    other projects were named, none of them of that kind: its route is the line's."""
    m = _LINE_ANAPHOR.match(text, sentence.start)
    if m is None:
        return False
    kind = m.group(1)
    if kind != "线路" and kind not in line.text:
        return False
    before = [o for o in others if o.start < sentence.start]
    if kind == "线路":  # any line's word: only where no other project came between
        return not before
    return not any(kind in o.text for o in before)


#: A work named by its two ends, 至 or 到 between (某甲至某乙引水工程).
#: Kinds of road written between a route's second end and the line's suffix.
_ROAD_KINDS = ("旅游", "观光", "一级", "二级", "三级", "高等级", "快速", "城际", "干线", "扶贫")
_ROUTE_OF_WORK = re.compile(r"[\u4e00-\u9fff]{2,7}[至到][\u4e00-\u9fff]{2,7}")
#: A line named by its two ends: 黄桶至百色 (before the suffix).
_ROUTE_IN_NAME = re.compile(r"([\u4e00-\u9fff]{2,7})[至到—-]([\u4e00-\u9fff]{2,7})")
#: Verbs by which a line or a crossing links the places listed after them.
_LINKS = ("连接", "连通", "联通", "贯通", "串联")
#: A bridge or tunnel named before, opening a sentence: 这座大桥, 该桥, 大桥.
_CROSSING_ANAPHOR = re.compile(r"(?:这座|该座|该|此)?(?:特大桥|大桥|桥梁|隧道|桥)")
_PLACE_LIST = ("、", "和", "与", "及")


def _linked(
    text: str, m: Mention, places: list[Mention], anaphor: int | None = None
) -> list[Mention]:
    """The places a line or crossing is said to link, in a list right after a linking verb:
    before it as a modifier (连接都昌县和湖口县的都湖高速) or after it (大桥连通郧阳区与郧西县),
    or, for a crossing, after 这座大桥 or 该桥 opening the sentence at ``anaphor``; a
    place's capital after it is the place linked (某州首府某城)."""
    starts = [p.start for p in places]

    def run(pos: int) -> list[Mention]:
        out: list[Mention] = []
        while True:
            k = bisect.bisect_left(starts, pos)
            if k == len(places) or places[k].start != pos:
                return out
            out.append(places[k])
            pos = places[k].end
            k += 1
            while k < len(places) and places[k].start == pos:  # 某州|某县: the county listed
                out[-1] = places[k]
                pos = places[k].end
                k += 1
            capital = _capital_after(text, pos, len(text), places, starts)
            if capital is not None and capital[2] is not None:
                out[-1] = capital[2]  # 某国某州首府某城: the city, not the state around it
                pos = capital[1]
            sep = next((w for w in _PLACE_LIST if text.startswith(w, pos)), None)
            if sep is None:
                return out
            pos += len(sep)

    gap = 1 if text.startswith(("，", ","), m.end) else 0  # 某公路，串联甲县、乙县
    after = next((v for v in _LINKS if text.startswith(v, m.end + gap)), None)
    if after is not None:
        return run(m.end + gap + len(after))
    if anaphor is not None:  # 这座大桥连接甲市与乙市, a sentence after the bridge's
        refers = _CROSSING_ANAPHOR.match(text, anaphor)
        after = next((v for v in _LINKS if refers and text.startswith(v, refers.end())), None)
        if refers is not None and after is not None:
            return run(refers.end() + len(after))
    if not text.endswith("的", 0, m.start):
        return []
    for verb in _LINKS:
        at = text.rfind(verb, max(0, m.start - 40), m.start)
        if at >= 0:
            listed = run(at + len(verb))
            if listed and listed[-1].end == m.start - 1:
                return listed
    return []


#: A station's name right after a line's (某高铁|某南站).
_STATION_AFTER = re.compile(r"[\u4e00-\u9fff]{2,4}?[东西南北]?站")
#: What follows 甲至乙 when it is a trip, not a route: 甲市至乙县的车程缩短.
_TRIPS = (
    "的车程", "车程", "的距离", "的路程", "的时间", "的行车时间", "只需", "仅需", "缩短",
    "最快", "仅用", "只用", "约需",
)  # fmt: skip


def _trip(text: str, places: list[Mention], starts: list[int], pos: int) -> bool:
    """Whether the place at ``pos`` (after 至) ends a trip: 甲市至乙景区的车程."""
    k = bisect.bisect_left(starts, pos)
    return k < len(places) and places[k].start == pos and text.startswith(_TRIPS, places[k].end)


#: Verbs of two lines meeting: 在某县与某高铁衔接.
_MEETS = ("衔接", "交汇", "交会", "相接", "接轨", "相连", "并线")


def _meeting_place(text: str, m: Mention, places: list[Mention]) -> Mention | None:
    """The place where another line meets the line ``m`` names: 在甲县与某高铁衔接 → 甲县."""
    if not text.startswith(_MEETS, m.end) or not text.endswith(("与", "和", "同"), 0, m.start):
        return None
    for p in places:
        if p.end == m.start - 1 and text.endswith("在", 0, p.start):
            return p
    return None


def _station_of(text: str, pos: int, places: list[Mention], starts: list[int]) -> bool:
    """Whether 的 and a place with no code (a station, a town) follow ``pos``: 起自某市的某站."""
    if not text.startswith("的", pos):
        return False
    k = bisect.bisect_left(starts, pos + 1)
    return k < len(places) and places[k].start == pos + 1 and not places[k].code


def _capital_after(
    text: str, pos: int, end: int, places: list[Mention], starts: list[int]
) -> tuple[int, int, Mention | None] | None:
    """The capital after a place (州府伊宁市, 首都万象): its span and mention, if any."""
    word = next((w for w in _CAPITALS if text.startswith(w, pos)), None)
    if word is None:
        return None
    lo = pos + len(word)
    k = bisect.bisect_left(starts, lo)
    if k < len(places) and places[k].start == lo:
        return lo, places[k].end, places[k]
    hi = lo
    while hi < end and hi - lo <= _MAX_CAPITAL and is_han(text[hi]) and text[hi] not in _LIST_ENDS:
        hi += 1
    if _MIN_CAPITAL <= hi - lo <= _MAX_CAPITAL and (hi == end or text[hi] in _LIST_ENDS):
        return lo, hi, None  # 万象, 仰光: a foreign capital the place extractors do not know
    return None


def _contains(outer: str, inner: str) -> bool:
    """Whether division ``outer`` contains division ``inner``."""
    division = division_table.get(inner)
    while division is not None and division.parent:
        if division.parent == outer:
            return True
        division = division_table.get(division.parent)
    return False


def _station_division(reader: _Reader, station: str) -> Mention | None:
    """The division a station is named after (巫山站, 巫山东站), if the text names it."""
    stem = station.removesuffix("站")
    if len(stem) > 2 and stem[-1] in "东西南北":
        stem = stem[:-1]
    for m in reader.places:
        division = division_table.get(m.code or "")
        if division is not None and stem in (division.short, division.name):
            return m
    return None


def _place_ends_at(places: list[Mention], pos: int) -> bool:
    return any(m.end == pos for m in places)


def _stations(
    analysis: Analysis, line: Mention, places: Iterable[Mention] = ()
) -> Iterator[tuple[int, int, Sentence]]:
    """Stations listed after 设 / 设有 in the sentences about the line: 设星沙站、黄兴站,
    and the place they are set in (在甲区设某站, 在甲市设站 give 甲区, 甲市)."""
    text = analysis.doc.text
    station = re.compile(r"[\u4e00-\u9fff]{2,6}?站")
    ends = {p.end: p for p in places}
    for sentence in _paragraph_sentences(analysis, line):
        for lead in _STATIONS.finditer(text, sentence.start, sentence.end):
            where = ends.get(lead.start())
            if where is not None and text.endswith("在", 0, where.start) and where.code:
                yield where.start, where.end, sentence
            _, hi = clause_bounds(text, sentence.start, sentence.end, lead.end())
            cursor = lead.end()
            while cursor < hi:
                m = station.match(text, cursor, hi)
                if m is None:
                    break
                name_start = m.start()
                yield name_start, m.end(), sentence
                cursor = m.end()
                if text.startswith(("、", "和", "及"), cursor):
                    cursor += 1
                else:
                    break


def _opening_date(analysis: Analysis, mentions: list[Mention], ref: str | None) -> str | None:
    """The date a sentence naming the line gives for its opening (郑焦铁路6月将开通运营)."""
    text = analysis.doc.text
    for m in mentions:
        sentence = analysis.sentence_at(m.start)
        lo, hi = sentence.start, sentence.end
        verb = next((v for v in _OPENING if text.find(v, m.end, hi) >= 0), None)
        if verb is None:
            continue
        at = text.find(verb, m.end, hi)
        dates = [d for d in find_dates(text[lo:at], ref) if d.value]
        if dates:
            return dates[-1].value
    return None


def _responsible(
    analysis: Analysis, project: Mention, orgs: list[Mention]
) -> Iterator[tuple[Mention, Sentence]]:
    """由某公司投资建设 (the project or a sentence-initial 该项目 as subject); 某公司承建某项目."""
    text = analysis.doc.text
    for k, sentence in enumerate(_paragraph_sentences(analysis, project)):
        lo, hi = sentence.start, sentence.end
        if k > 0 and not text.startswith(_ANAPHORS, lo):
            break
        you = text.find("由", project.end if k == 0 else lo, hi)
        if you >= 0:
            _, end = clause_bounds(text, lo, hi, you)
            inside = [o for o in orgs if you < o.start and o.end <= end]
            items = list(list_items(text, you + 1, end, inside))
            if items and items[-1].tail.startswith(_RESPONSIBLE_VERBS):
                for item in items:
                    yield item.mention, sentence
        if k == 0:
            begin, _ = clause_bounds(text, lo, hi, project.start)
            for o in orgs:
                between = text[o.end : project.start]
                if begin <= o.start and o.end <= project.start and between in _BUILDS:
                    yield o, sentence
