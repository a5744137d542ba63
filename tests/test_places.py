from __future__ import annotations

import pytest

from kg.documents import document
from kg.pipeline import Pipeline
from tests.scaling import assert_linear

PIPE = Pipeline(["places"])


def places(text: str) -> list[str]:
    return [m.text for m in PIPE(document(text)).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("会上，南湖街道、北苑街道作交流发言。", ["南湖街道", "北苑街道"]),
        ("线路在宁远县设宁远站、舜陵站两座车站。", ["宁远站", "舜陵站"]),
        ("货物经瑞丽口岸出境。", ["瑞丽口岸"]),
        ("他来到青石镇察看秋粮收购。", ["青石镇"]),
        ("游客参观了大理古城和双廊古镇。", ["大理古城", "双廊古镇"]),
        # settlements opening a clause as units, which jieba cuts apart
        ("区农业局通报了进度，高岭镇和某公司作表态发言。", ["高岭镇"]),
        ("市里通报了情况，百泉镇作典型发言。", ["百泉镇"]),
        ("与会人员观摩了来凤镇、丁湾镇等点位。", ["来凤镇", "丁湾镇"]),
        ("出差到乡镇的，凡乡镇有食堂的一律在食堂就餐。", []),
        # a one-character village name right after its county
        ("记者又到黟县卢村看木雕。", ["卢村"]),
        ("温县农村面貌一新，各村都要抓好防汛。", []),
        # a route word jieba glues to the station after it
        ("新线起自青溪西站，止于白沙站。", ["青溪西站", "白沙站"]),
        # deserts, waterfalls, grasslands and gorges by their names; not the kinds alone
        ("在库木塔格沙漠北缘，他察看了项目。", ["库木塔格沙漠"]),
        ("黄果树瀑布景区游客增长。", ["黄果树瀑布"]),
        ("要保护好草原和峡谷。", []),
        # a lake named by a division's name is the lake; 湖南 and 湖北 stay provinces
        ("地跨桃城区和冀州区的衡水湖是重要湿地。", ["衡水湖"]),
        ("在汉源湖岸边，他了解了进展。", ["汉源湖"]),
        ("湖南省和湖北省签约。", []),
    ],
)
def test_named_places(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "推进城中村改造，新建加油站和火车站。",
        "各乡镇、全县各村要抓好春耕。",
        "推动城乡一体化和乡村振兴。",
        "沿线站点和周边景区同步建设。",
    ],
)
def test_ordinary_words_are_not_places(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # jieba cuts addresses badly (院|东头|镇桃|棵子|村): read by character after a place
        ("他来到沂水县院东头镇桃棵子村察看红色旅游。", ["院东头镇", "桃棵子村"]),
        ("他来到金州区大魏家街道后石村看望困难群众。", ["大魏家街道", "后石村"]),
        ("大同市云冈区西韩岭乡的光伏项目已并网发电。", ["西韩岭乡"]),
        ("市长先后来到蒙阴县岱崮镇、野店镇和垛庄镇。", ["岱崮镇", "野店镇", "垛庄镇"]),
        ("威县方家营镇、梨园屯镇被评为农业产业强镇。", ["方家营镇", "梨园屯镇"]),
        ("活动在克什克腾旗经棚镇举行。", ["经棚镇"]),
        ("在桃源县漳江街道，他察看了城市更新项目。", ["漳江街道"]),
        # stations with a direction, parks and reserves
        ("新建铁路在利辛县设利辛南站。", ["利辛南站"]),
        ("位于秦岭北麓的太白山国家森林公园是生态屏障。", ["太白山国家森林公园"]),
    ],
)
def test_settlements_in_addresses(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "全县新农村建设取得明显成效，村民收入持续增长。",
        "沂水县乡村振兴工作扎实推进，农村人居环境明显改善。",
        "蒙阴县城乡居民收入稳步提高。",
        "威县镇村干部队伍建设得到加强。",
        "兰陵县村级集体经济收入全部超过十万元。",
        "沂水县建设美丽乡村三十个。",
        "费县村镇银行支持小微企业发展。",
        "全市各县区要抓好乡镇卫生院建设。",
        "该镇党委书记介绍，全镇共有十二个行政村。",
        "郯城县城区面积扩大到三十平方公里。",
    ],
)
def test_words_after_a_county_are_not_settlements(text: str) -> None:
    assert places(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # jieba knows 湄洲岛 and 平潭岛 but not 南日岛: a list of islands names them all
        ("湄洲岛、南日岛、平潭岛旅游持续升温。", ["湄洲岛", "南日岛", "平潭岛"]),
        ("游客登上了东极岛、庙子湖岛。", ["东极岛", "庙子湖岛"]),
        ("他先后考察了四明山、天台山。", ["四明山", "天台山"]),
        # nature phrases, common words and single items are not names
        ("推动金山银山、绿水青山转化。", []),
        ("要坚持上山、下山两手抓。", []),
        ("全县共有三座山、两条河。", []),
        ("他强调，要处理好开山、修路和护林的关系。", []),
    ],
)
def test_lists_of_islands_and_mountains(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a settlement after 在, 来到, 深入 … that jieba cut (在|孙|六镇)
        ("在孙六镇，他察看了小麦长势。", ["孙六镇"]),
        ("他来到尚屯镇，看望慰问老党员。", ["尚屯镇"]),
        # a station after 设 (崇礼|区设|太子|城站)
        ("京张高铁在崇礼区设太子城站，冬奥期间运送旅客。", ["太子城站"]),
        ("线路设有白鹭洲站，方便群众出行。", ["白鹭洲站"]),
        ("要增设公交站，方便群众出行。", []),
        # not a settlement
        ("在全镇，群众积极参与。", []),
        ("到农村去，到基层去。", []),
    ],
)
def test_settlements_after_going_to(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town and its village, which jieba glues across the two names (白马|镇麦村)
        ("调研组在白马镇麦村召开座谈会。", ["白马镇", "麦村"]),
        ("记者来到沙河乡余村采访。", ["沙河乡", "余村"]),
        ("他在青山镇柳村调研乡村旅游。", ["青山镇", "柳村"]),
        ("在高峰镇曹村召开现场会。", ["高峰镇", "曹村"]),
        # words, not a town and a village
        ("镇村两级干部要带头。", []),
        ("全镇各村都成立了合作社。", []),
        ("各乡镇村级组织换届顺利完成。", []),
    ],
)
def test_town_then_village(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name jieba's dictionary knows ends a list item; the word before is no part of it
        ("新建公路将串联九华山、天台山等景区。", ["九华山", "天台山"]),
        ("景区内有佛教名山九华山、普陀山。", ["九华山", "普陀山"]),
        # 好 completes the verb before a town's name (保护|好龙垭|镇)
        ("要保护好龙垭镇的古建筑。", ["龙垭镇"]),
        ("要发展好枫林镇特色产业。", ["枫林镇"]),
    ],
)
def test_names_do_not_run_back_over_a_verb(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a settlement on a route, after 经 (线路|经庙|塔镇)
        ("线路经庙塔镇，止于北站。", ["庙塔镇"]),
        # a settlement opening a clause as the possessor (，白|村镇|的)
        ("记者了解到，白村镇的果农今年增收明显。", ["白村镇"]),
        # a listed settlement whose name holds a verb with one character after it (打鼓|岭镇)
        ("推动李庄镇、打鼓岭镇的产业发展。", ["李庄镇", "打鼓岭镇"]),
        # a modifier and an ordinary word, and a pronoun: no settlement
        ("目前，新农村的建设加快。", []),
        ("目前，新农村和美丽乡村建设加快。", []),
        ("同时，这个村的村民很高兴。", []),
        ("推动李庄镇、获评先进镇的经验推广。", ["李庄镇"]),
    ],
)
def test_settlements_missed_by_the_segmenter(text: str, expected: list[str]) -> None:
    assert places(text) == expected


def test_long_lists_of_settlements_stay_linear() -> None:
    unit = "沂水县院东头镇桃棵子村，湄洲岛、南日岛、平潭岛、"
    pipe = Pipeline(["places", "divisions", "place-hierarchy"])
    found: dict[int, int] = {}

    def run(repeats: int) -> None:  # 2,000 repeats: 46,000 characters
        result = pipe(document(unit * repeats))
        found[repeats] = sum(1 for m in result.mentions if m.text == "桃棵子村")

    assert_linear(run, 2000)
    assert found[2000] == 2000


def test_city_named_like_a_town_keeps_its_code() -> None:
    # 景德镇 is the short name of 景德镇市, not a town: the divisions extractor links it
    pipe = Pipeline(["places", "divisions"])
    (m,) = pipe(document("景德镇陶瓷产业发展势头良好。")).named_mentions
    assert (m.text, m.code) == ("景德镇", "360200")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a port area is a place where a route reaches it, the project's where it is built
        ("打通霞山港区与铁路专用线的连接。", ["霞山港区"]),
        ("湛江港霞山港区三期工程开工。", []),  # the port and its area: the works' name
        # an airport with its city before it, a port with its port area: one place each
        ("乘客可从衡阳南岳机场乘机前往海口。", ["衡阳南岳机场"]),
        ("货轮停靠钦州港大榄坪港区。", ["钦州港大榄坪港区"]),
        # a name's last character jieba glued to the suffix (金山|卫站, 山盖|沟村)
        ("线路起自金山区金山卫站，向南延伸。", ["金山卫站"]),
        ("地铁8号线耀华路站1号出口向右走。", ["耀华路站"]),
        # not a function word before it, a settlement's word or an ordinary noun
        ("因饶丰乡没有彩票机，只能去县城。", []),
        ("大家走村串乡搞调研。", []),
        ("山区险村要先搬迁。", []),
        # a kind of village after its modifier
        ("会议表彰了边境小康村建设先进集体。", []),
    ],
)
def test_port_areas_glued_stations_and_kinds(text: str, expected: list[str]) -> None:
    assert places(text) == expected


def test_a_count_before_an_airport_takes_no_city() -> None:
    assert not any(t.startswith("柳州") for t in places("受寒潮影响，南宁、柳州两地机场航班延误。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a function character jieba glued to a word before a suffix: a clause, no name
        ("会议选举李红为镇人大副主席。", []),
        ("大会选举张伟为乡人大主席。", []),
        ("推动码头由货运港向物流港升级。", []),
        # the character inside a word jieba knows stays in the name
        ("他来到向阳镇调研。", ["向阳镇"]),
        ("走进太和镇向东村。", ["太和镇", "向东村"]),
        # settlements a work links: the verb anchors the first, the list the second
        ("新桥连接南都街道和白塔街道。", ["南都街道", "白塔街道"]),
        ("公路串联石门村、高坪村等8个村。", ["石门村", "高坪村"]),
    ],
)
def test_function_characters_and_linked_settlements(text: str, expected: list[str]) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a route's direction and verb are no part of the town
        ("线路南起木鱼镇，北至红坪镇，全长46公里。", ["木鱼镇", "红坪镇"]),
        # a town right after its district, its first character cut away by jieba
        ("项目位于杨浦区定海路街道。", ["杨浦区", "定海路街道"]),
        # a province, then a county's short name, then the town: three places
        ("河南邓州赵集乡的一位农民。", ["河南", "邓州", "赵集乡"]),
        # a head jieba knows only as a rare verb (达来, 拉布) is the name's; a common one is not
        ("线路北起额济纳旗达来呼布镇。", ["额济纳旗", "达来呼布镇"]),
        ("公路南起额尔古纳市拉布大林街道。", ["额尔古纳市", "拉布大林街道"]),
        ("今年平江县新建安定镇、长寿镇。", ["平江县", "安定镇", "长寿镇"]),
        # a county's short name after a division it does not lie in opens the town's name
        ("线路起于科尔沁右翼中旗巴彦呼舒镇。", ["科尔沁右翼中旗", "巴彦呼舒镇"]),
        ("在阿拉善左旗巴彦浩特镇召开会议。", ["阿拉善左旗", "巴彦浩特镇"]),
        # a head jieba glued to the division's suffix (市南); a route's word is no head
        ("活动将在米林市南伊沟景区举行。", ["米林市", "南伊沟景区"]),
        ("通车后成都市至九寨沟景区的车程缩短。", ["成都市", "九寨沟景区"]),
        # a town named by a verb, after 在 and before its village
        ("在采花乡星岩坪村，他察看茶园。", ["采花乡", "星岩坪村"]),
        ("在焦作市新建村民服务中心。", ["焦作市"]),
    ],
)
def test_a_towns_left_edge(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rivers and lakes the dictionary knows, standing alone
        ("大桥横跨岷江，全长1.3公里，3次跨越湘江。", ["岷江", "湘江"]),
        ("届时涡河将成为水上通道。", ["涡河"]),
        # a person's name, a division and the start of a longer name are none
        ("记者安江报道。", []),
        ("九江市召开会议。", ["九江市"]),
        ("长江边十二圩镇的养鸭场。", ["长江", "十二圩镇"]),
    ],
)
def test_rivers_and_lakes(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare kind of place left after a route's verb is none
        ("线路经利津县、垦利区，东至港区，全长59公里。", ["利津县", "垦利区"]),
        # the verb 设 before a station
        ("在来安县设汊河站和来安站。", ["来安县", "汊河站", "来安站"]),
        # a county named by one character gives its station its full name
        ("设桂平站、藤县站等7座车站。", ["桂平站", "藤县站"]),
    ],
)
def test_route_verbs_before_places(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country, then a division of it: two places
        ("来自蒙古国东戈壁省的客商致辞。", ["蒙古国", "东戈壁省"]),
        ("大桥连接黑河市与俄罗斯布拉戈维申斯克市。", ["黑河市", "俄罗斯", "布拉戈维申斯克市"]),
        # and before the government of a division of it
        ("博览会由俄罗斯滨海边疆区政府主办。", ["俄罗斯"]),
        # a country's name inside another name, or its region, stays one place
        ("听证会在马里兰州召开。", ["马里兰州"]),
        ("巴勒斯坦地区将出现冲突。", ["巴勒斯坦地区"]),
    ],
)
def test_a_country_before_its_division(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lakes, islands and valleys the tagger took for names
        ("推动长白山、查干湖等重点景区提档升级。", ["长白山", "查干湖"]),
        ("连接北仑区与金塘岛的海底隧道。", ["北仑区", "金塘岛"]),
        # a reporter's name stays a person's
        ("（新华社记者陈天湖摄）", []),
    ],
)
def test_lakes_and_islands_are_not_people(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # kinds of place, not names: a bare kind, common words before 口岸, four before 村
        "他指出，城中村改造是民生工程。",
        "全市新增省级乡村振兴示范村12个。",
        "二连浩特是我国开放的最大陆路口岸。",
        "要大力发展口岸物流和高原特色旅游。",
        "沿线串联14个民俗旅游村。",
    ],
)
def test_kinds_of_place_are_no_names(text: str) -> None:
    assert [p for p in _place_texts(text) if p != "二连浩特"] == []


def test_common_words_still_name_villages() -> None:
    assert _place_texts("在红旗村和胜利村，他察看了大棚。") == ["红旗村", "胜利村"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the lake, mountain or desert, not the area round it
        ("项目将打通环洞庭湖地区的交通。", ["洞庭湖"]),
        ("继续造福太行山区群众。", ["太行山"]),
        ("利用库布其沙漠边缘地区的风光资源。", ["库布其沙漠"]),
        # a district named so stays whole
        ("大连市中山区召开会议。", ["大连市", "中山区"]),
    ],
)
def test_a_feature_not_the_area_round_it(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a route's words, a city's centre, a clause's verb are no part of a tagged place
        ("线路北起湾沚区，南至南陵县。", ["湾沚区", "南陵县"]),
        ("通车后，华容县至岳阳中心城区的车程将缩短。", ["华容县", "岳阳"]),
        ("会议选举马俊为镇人大主席。", []),
        ("尹家华原任界头镇副镇长。", ["界头镇"]),
    ],
)
def test_clause_words_are_cut_from_tagged_places(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # historic sites by their kind, but not a division's or a kind's (四川石窟, 抗战遗址)
        ("要让齐国故城、稷下学宫遗址等历史遗存活起来。", ["齐国故城", "稷下学宫遗址"]),
        ("在麦积山石窟，他察看文物保护。", ["麦积山石窟"]),
        ("四川石窟艺术展开幕。", ["四川"]),
        ("修缮抗战遗址和洞穴遗址。", []),
        # a list of sites closed by 等 and a word for them; the first item is the shortest
        ("推动黄洋界、茅坪、龙市等红色景区串珠成链。", ["黄洋界", "茅坪", "龙市"]),
        ("依托长江巫峡、神女峰等核心资源。", ["长江", "巫峡", "神女峰"]),
        ("煤炭、石油等资源丰富。", []),
        # the year's, and kinds of township
        ("会议通报了2024年度草原生态保护情况。", []),
        ("作为全县唯一的少数民族乡，这里畲族人口占三成。", []),
        # a brand or slogan in quotes, but not a quoted sentence
        ("擦亮“水上泗洪”名片，叫响“北疆草原”品牌。", []),
        ("他说：“焦作市要发展。”品牌建设很重要。", ["焦作市"]),
        # towns jieba glued to other words, after a route's words, 在 or their county
        ("该公路北起文城镇，南至龙楼镇。", ["文城镇", "龙楼镇"]),
        ("该通道北起禹城市伦镇，南至齐河县晏城街道。", ["禹城市", "伦镇", "齐河县", "晏城街道"]),
        ("人民代表大会第五次会议在营根镇开幕。", ["营根镇"]),
        # foreign divisions right after their country, not a clause after it
        ("韩国忠清北道和堤川市代表团参加开幕式。", ["韩国", "忠清北道", "堤川市"]),
        ("博览会还将在俄罗斯乌苏里斯克市设分会场。", ["俄罗斯", "乌苏里斯克市"]),
        ("日本共同社今天报道，加拿大东部魁北克省遭遇冰灾。", ["加拿大", "魁北克省"]),
    ],
)
def test_sites_and_lists_of_sites(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


def _place_texts(text: str) -> list[str]:
    """The places the default pipeline reads in ``text``, in order."""
    result = Pipeline()(document(text))
    return [m.text for m in result.mentions if m.type == "Place"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "name" ending in 镇 listed beside a town or sub-district is a town
        ("齐都镇、稷下街道和区文化和旅游局作交流发言。", ["齐都镇", "稷下街道"]),
        ("王建华、李明和张华出席会议。", []),
    ],
)
def test_a_listed_town_is_no_person(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rivers, lakes and reservoirs jieba does not know, where the text speaks of water
        ("要守好固城湖一湖清水，联手推进石臼湖治理。", ["固城湖", "石臼湖"]),
        ("将以花亭湖景区提质为龙头。", ["花亭湖"]),
        ("并推进潭江流域治理。", ["潭江"]),
        # ... opened by a rare character or an unknown word jieba left before it
        ("要加强漾弓江下游水质保护。", ["漾弓江"]),
        ("县里将加固提孜那甫河沿岸堤防。", ["提孜那甫河"]),
        ("巩乃斯河沿岸还将推出露营线路。", ["巩乃斯河"]),
        ("会议部署了上庄水库生态修复工作。", ["上庄水库"]),
        # words, verbs and complements before a kind of water name none
        ("沿着运河游览，静观湖畔远山。", []),
        ("保护大江大河源头。", []),
    ],
)
def test_water_named_by_its_context(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ethnic townships, however jieba cut them, and not over the clause's verb
        (
            "带动九嶷山瑶族乡民族村寨和湾井镇下灌村古村落保护利用。",
            ["九嶷山瑶族乡", "湾井镇", "下灌村"],
        ),
        ("公路经恩和俄罗斯族民族乡，北至莫尔道嘎镇。", ["恩和俄罗斯族民族乡", "莫尔道嘎镇"]),
        ("杜鹃山位于勿角藏族乡，四周群山起伏。", ["勿角藏族乡"]),
        # a town named by a numeral, not a count of towns
        ("在三道镇，他走进一处文化旅游区。", ["三道镇"]),
        ("全县两个镇和三个乡参加评比。", []),
        # a sub-district's kind jieba cut off after the name the tagger read
        ("加快桠溪街道“国际慢城”片区提升。", ["桠溪街道"]),
    ],
)
def test_townships_numbered_towns_and_cut_kinds(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # memorial halls named after a person, and old roads, are sites
        ("围绕刘胡兰纪念馆周边环境提升等议题建言。", ["刘胡兰纪念馆"]),
        ("要把潇贺古道沿线的文化资源用活。", ["潇贺古道"]),
        ("他古道热肠，乐于助人。", []),
    ],
)
def test_memorials_and_old_roads(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # towns the division data names: whole where jieba cut them, with nothing around
        ("在乌里雅斯太镇，他察看了牧场。", ["乌里雅斯太镇"]),
        ("项目位于绍根镇和巴彦花镇境内。", ["绍根镇", "巴彦花镇"]),
        # a name of ordinary words only where the text names a county that has it
        ("热水镇要完善游客服务设施。", []),
        ("汝城县召开会议。热水镇要完善游客服务设施。", ["汝城县", "热水镇"]),
        # words across a name's ends: 关于|城镇, 乡镇, a division's name running on
        ("这些措施关于城镇建设。", []),
        ("花园镇等沿河乡镇要落实责任。", ["花园镇"]),
        ("5月28日，阳江市镇村高质量发展现场推进会召开。", ["阳江市"]),
    ],
)
def test_towns_from_the_division_data(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reserve's grade jieba cuts from its kind; an old county seat is a site
        ("他在向海国家级自然保护区察看鹤类栖息地。", ["向海国家级自然保护区"]),
        ("游客可参观平遥县衙和古城墙。", ["平遥县衙"]),
        # ... but not where the county is followed by a town whose name opens with 衙
        ("管线从临洮县衙下集镇经过。", ["临洮", "衙下集镇"]),
        # a one-character opening of a town's name jieba left alone, at a clause's start
        ("会上，小榄镇、大涌镇作交流发言。", ["小榄镇", "大涌镇"]),
        ("会上，大东坝镇作交流发言。", ["大东坝镇"]),
        # a kind of town after an adjective is no name
        ("该镇是省级典型镇培育对象。", []),
        # a city's urban area: the city, without its 市
        ("景区距桂林市区约40公里。", ["桂林"]),
        ("桂林市区域内的景区。", ["桂林市"]),
    ],
)
def test_reserves_yamens_openings_and_urban_areas(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mountains jieba knows, where the text speaks of the mountain
        ("推进梵净山北线旅游公路建设。", ["梵净山"]),
        ("村寨坐落在云雾山中。", ["云雾山"]),
        # a writer named like a mountain, in a list of names, is none
        ("书架上有王统照、许地山、何其芳的文集。", []),
        # a river named like a division, spoken of as water
        ("抓好嫩江沿岸湿地修复。", ["嫩江"]),
        # a rare character jieba left alone opens a river's name
        ("抓好妫水河流域水环境治理。", ["妫水河"]),
        # a region by compass the tagger read one character short of is no place
        ("打造豫西南文旅目的地。", []),
    ],
)
def test_mountains_rivers_and_regions(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a character jieba left alone opens a town's name after 到 or a clause's opening
        ("代表们将到青山沟镇参观。", ["青山沟镇"]),
        ("今年以来，湍口镇已完成古民居修缮。", ["湍口镇"]),
        # ... but not a two-character word or a function character
        ("去年闽宁镇新增就业岗位。", ["闽宁镇"]),
        ("这也事关镇村两级干部。", []),
    ],
)
def test_one_character_openings_of_towns(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a river after 沿 jieba glued to its first character
        ("公路沿澧江南岸延伸。", ["澧江"]),
        # a town named by a verb that speaks as a unit; not a count of villages
        ("团结镇作典型发言。", ["团结镇"]),
        ("会上，两个村作交流发言。", []),
        # a sub-district named after its road keeps the city's name in it
        ("会议听取了静安区南京西路街道的汇报。", ["静安区", "南京西路街道"]),
    ],
)
def test_rivers_after_along_verb_named_towns_and_road_streets(
    text: str, expected: list[str]
) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 在 of 所在地 is no verb a town follows
        ("线路西起县城所在地龙山镇，东至柳林镇。", ["龙山镇", "柳林镇"]),
        # a road's direction and verb are neither the district 路北 nor the town's
        ("该路北起灵溪镇，南至马站镇。", ["灵溪镇", "马站镇"]),
        # a mountain's name the tagger cut in two
        ("牧民可直达巴尔鲁克山下的草场。", ["巴尔鲁克山"]),
    ],
)
def test_verbs_inside_words_road_directions_and_cut_mountains(
    text: str, expected: list[str]
) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town in a list whose name opens with a province's short name
        ("线路在涉县境内经井店镇、河南店镇。", ["涉县", "井店镇", "河南店镇"]),
        # a count of towns is no name
        ("沿江两镇的农产品外运更加便利。", []),
    ],
)
def test_province_named_towns_and_counts(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a river jieba knows, spoken of as a waterway
        ("思南要依托乌江黄金水道发展航运。", ["思南", "乌江"]),
        # a river named by a division's name, along which a road runs
        ("公路起于名州镇，沿大理河西行。", ["名州镇", "大理河"]),
        # 串联 is the route's verb, no part of the site
        ("公路建成后将串联上津古城和沿线村落。", ["上津古城"]),
    ],
)
def test_waterways_division_named_rivers_and_route_verbs(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


def test_a_first_character_before_a_town_jieba_made_one_word() -> None:
    assert _place_texts("龙泉关镇、城南庄镇等单位获评先进集体。")[-1] == "城南庄镇"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a year or 今年 right before a town is the date's, not the name's
        ("今年依龙镇的粮食产量再创新高。", []),
        # a route's 东经 is its direction and verb, not the town's name
        ("该路起于城关镇，向东经大营镇、柳树镇，止于河口镇。", ["城关镇", "柳树镇", "河口镇"]),
        # a direction opening a list's first item opens the town's name
        ("会上，南八仙镇、县交通运输局作交流发言。", ["南八仙镇"]),
        # 设在 before a town jieba cut in pieces
        ("全市重点项目集中开工活动主会场设在迎龙镇。", ["迎龙镇"]),
    ],
)
def test_towns_after_dates_route_words_and_directions(text: str, expected: list[str]) -> None:
    found = _place_texts(text)
    assert [p for p in found if p in expected] == expected
    assert not any(p.startswith(("今年", "东经")) for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list's first town after a verb, its name jieba cut apart
        ("可带动达那乡、曲登乡等周边乡镇农户增收。", ["达那乡", "曲登乡"]),
        # a route's 经 after a comma, then a town the tagger read with it
        ("管线从水库取水，经黄瓜园镇输水至县城。", ["黄瓜园镇"]),
        # a river and its bed: no 沣河河
        ("今年共治理沣河河道8公里。", []),
    ],
)
def test_listed_towns_route_verbs_and_river_beds(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


def test_a_town_after_the_county_seat() -> None:
    assert _place_texts("公路起于县城云陵镇，止于莆美镇。") == ["云陵镇", "莆美镇"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a first character that names no town alone (后, 三) may open a longer name
        ("公路起于后港镇，止于毛李镇。", ["后港镇", "毛李镇"]),
        ("会议在三角城镇召开。", ["三角城镇"]),
        # ... not a quantity of streets
        ("市政府今年在一些主要街道和路口放置了标志。", []),
    ],
)
def test_towns_opening_with_characters_no_name_has_alone(text: str, expected: list[str]) -> None:
    assert _place_texts(text) == expected


def test_a_town_after_located_at() -> None:
    assert _place_texts("该项目位于石包城乡，安装风电机组64台。") == ["石包城乡"]
