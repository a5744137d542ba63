"""The explorer page in headless Chromium: offline, drawn, clickable, and inert to hostile text.

Run with ``pytest -m browser``; they skip without /usr/bin/chromium or
Playwright (and fail instead under CI).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import OfflinePage, browser  # noqa: F401  (browser is a fixture)
from tests.test_explorer import HOSTILE, Names, sample_dataset, star_dataset

viz = importlib.import_module("kg.explorer")

pytestmark = pytest.mark.browser

READY = "() => window.kgTimings && window.kgTimings.firstDraw !== null"


def open_page(browser: Any, tmp_path: Path, graph: Any, **options: Any) -> OfflinePage:  # noqa: F811
    path = viz.view(graph, **options).write(tmp_path / "page.html")
    page = OfflinePage(browser, path)
    page.page.wait_for_function(READY, timeout=30_000)
    return page


@pytest.fixture
def sample(browser: Any, tmp_path: Path) -> Iterator[OfflinePage]:  # noqa: F811
    page = open_page(browser, tmp_path, sample_dataset())
    yield page
    assert page.errors == [] and page.dialogs == [] and page.violations == []
    page.close()


def node_id(page: OfflinePage, label: str) -> int:
    return int(page.page.evaluate("l => kgExplorer.data.nodes.findIndex(n => n.l === l)", label))


def click_node(page: OfflinePage, label: str) -> None:
    """Click where the node is drawn, as a user would."""
    click_id(page, node_id(page, label))


def click_id(page: OfflinePage, i: int, scale: float = 1.5) -> None:
    # An animation still running (a panel link moves the view for 300 ms) must end first.
    page.page.wait_for_timeout(400)
    page.page.evaluate(
        "([i, s]) => kgExplorer.network.focus(i, {scale: s, animation: false})", [i, scale]
    )
    where = "i => kgExplorer.network.canvasToDOM(kgExplorer.network.getPosition(i))"
    spot = None
    for _ in range(40):  # until the node stands still on screen
        page.page.wait_for_timeout(50)
        now = page.page.evaluate(where, i)
        if now == spot:
            break
        spot = now
    assert spot is not None
    box = page.page.locator("#graph canvas").bounding_box()
    page.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])


def panel_text(page: OfflinePage) -> str:
    return str(page.page.locator("#panel").inner_text())


def test_no_request_leaves_the_page(sample: OfflinePage) -> None:
    assert sample.requests == [sample.url]


def test_canvas_draws_the_nodes(sample: OfflinePage) -> None:
    assert sample.page.evaluate("kgExplorer.nodes.length") == 5
    coloured = sample.page.evaluate(
        """() => {
        const c = document.querySelector('#graph canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
            if (px[i + 3] > 0 && (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200)) n++;
        }
        return n;
    }"""
    )
    assert coloured > 200
    legend = sample.page.locator("#legend-types").inner_text()
    assert "人物" in legend and "行政区" in legend


def test_clicking_a_node_shows_its_details_and_sentences(sample: OfflinePage) -> None:
    click_node(sample, "刘建国")
    sample.page.wait_for_selector("#panel h2")
    assert sample.page.locator("#panel h2").inner_text() == "刘建国"
    text = panel_text(sample)
    assert "人物" in text and "刘书记" in text
    assert "市委书记刘建国出席会议并讲话。" in text
    assert sample.page.locator("#panel .sentence mark").first.inner_text() == "刘建国"
    assert "news/jiaozuo.txt" in text
    assert "任职" in text and "书记" in text and "焦作市委" in text and "出席" in text


def test_division_shows_its_code(sample: OfflinePage) -> None:
    click_node(sample, "焦作市")
    text = panel_text(sample)
    assert "410800" in text and "行政区" in text and "市" in text


def test_clicking_an_edge_shows_its_evidence(sample: OfflinePage) -> None:
    edge = sample.page.evaluate("kgExplorer.data.edges.findIndex(e => e.r === '书记')")
    sample.page.evaluate("e => kgExplorer.selectEdge(e)", edge)
    assert sample.page.locator("#panel h2").inner_text() == "任职·书记"
    text = panel_text(sample)
    assert "市委书记刘建国出席会议并讲话。" in text
    marks = sample.page.locator("#panel .sentence mark").all_inner_texts()
    assert "刘建国" in marks


def test_search_by_alias_in_chinese(sample: OfflinePage) -> None:
    box = sample.page.locator("#search")
    box.click()
    sample.page.keyboard.insert_text("刘书")  # what an IME commits
    sample.page.wait_for_selector("#results button")
    first = sample.page.locator("#results button").first
    assert "刘书记" in first.inner_text() and "刘建国" in first.inner_text()
    first.click()
    assert sample.page.locator("#panel h2").inner_text() == "刘建国"


def visible(page: OfflinePage) -> set[str]:
    return set(page.page.evaluate("kgExplorer.visibleNodes().map(i => kgExplorer.data.nodes[i].l)"))


def test_type_filter_focus_and_back(sample: OfflinePage) -> None:
    sample.page.locator("#legend-types input[data-type=Person]").uncheck()
    assert "刘建国" not in visible(sample) and len(visible(sample)) == 4
    sample.page.locator("#legend-types input[data-type=Person]").check()
    click_node(sample, "焦作市")
    sample.page.locator("#focus").click()
    assert visible(sample) == {"焦作市", "焦作市委", "河南省"}
    sample.page.select_option("#hops", "2")
    sample.page.locator("#focus").click()
    assert visible(sample) == {"焦作市", "焦作市委", "河南省", "刘建国"}
    sample.page.locator("#back").click()
    assert visible(sample) == {"焦作市", "焦作市委", "河南省"}
    sample.page.locator("#back").click()
    assert len(visible(sample)) == 5


def test_relation_filter_hides_edges(sample: OfflinePage) -> None:
    count = "kgExplorer.edges.get({filter: e => !e.hidden}).length"
    assert sample.page.evaluate(count) == 4
    sample.page.locator("#legend-kinds input[data-kind=holds_post]").uncheck()
    assert sample.page.evaluate(count) == 3


def test_hostile_labels_show_as_text(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page = open_page(browser, tmp_path, sample_dataset(HOSTILE), focus=HOSTILE.person, hops=2)
    try:
        assert page.page.title() == f"知识图谱 · {HOSTILE.person}"
        assert page.page.locator("#title").inner_text() == f"知识图谱 · {HOSTILE.person}"
        for label in (HOSTILE.person, HOSTILE.org, HOSTILE.city):
            page.page.evaluate("i => kgExplorer.select(i, true)", node_id(page, label))
            heading = page.page.locator("#panel h2")
            assert heading.evaluate("e => e.textContent") == label
        page.page.evaluate("i => kgExplorer.select(i, true)", node_id(page, HOSTILE.person))
        text = page.page.locator("#panel").evaluate("e => e.textContent")
        assert HOSTILE.role in text and HOSTILE.source in text
        # A direction override is shown, not obeyed (it would turn "evil" into "live").
        assert HOSTILE.alias.replace("\u202e", "[U+202E]").replace("\u202c", "[U+202C]") in text
        page.page.locator("#search").fill("<script>")
        page.page.wait_for_selector("#results button")
        assert HOSTILE.person in page.page.locator("#results").evaluate("e => e.textContent")
        # Nothing the data carried became markup: only our own elements exist.
        assert page.page.evaluate("document.querySelectorAll('script').length") == 3
        assert page.page.evaluate("document.querySelectorAll('img, b, iframe').length") == 0
        page.page.wait_for_timeout(200)
        assert page.dialogs == [] and page.errors == [] and page.violations == []
        assert page.requests == [page.url]
    finally:
        page.close()


def test_summary_notice_is_visible(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page = open_page(browser, tmp_path, star_dataset(40), max_nodes=20)
    try:
        notice = page.page.locator("#notice")
        assert notice.is_visible() and "汇总" in notice.inner_text()
        page.page.locator("#search").fill("成员0")
        page.page.wait_for_selector("#results button")
        assert "汇总于" in page.page.locator("#results").inner_text()
    finally:
        page.close()


def drawn(page: OfflinePage) -> set[str]:
    """Labels of the nodes vis-network draws now (in its data set and not hidden)."""
    return set(
        page.page.evaluate(
            "kgExplorer.nodes.get({filter: n => !n.hidden}).map(n => kgExplorer.data.nodes[n.id].l)"
        )
    )


def test_clicking_a_summary_node_expands_and_collapses_it(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    page = open_page(browser, tmp_path, star_dataset(40), max_nodes=20)
    try:
        p = page.page
        summary = p.evaluate("kgExplorer.data.nodes.findIndex(n => n.n)")
        count = p.evaluate("i => kgExplorer.data.nodes[i].n", summary)
        members = p.evaluate(
            "i => kgExplorer.members(i).map(m => kgExplorer.data.nodes[m].l)", summary
        )
        before = drawn(page)
        shown = len(before)
        assert shown == viz.view(star_dataset(40), max_nodes=20).node_count == 19
        assert not before & set(members) and len(members) == count
        assert f"显示 {shown} 个节点" in p.locator("#status").inner_text()

        click_id(page, summary, scale=0.8)
        after = drawn(page)
        assert after == before | set(members)  # the members appear, nothing else changes
        assert f"显示 {shown + count} 个节点" in p.locator("#status").inner_text()
        assert p.locator("#panel h2").inner_text() == f"另 {count} 个人物"
        assert p.locator("#panel button.toggle").inner_text() == "收起"
        assert set(p.locator("#panel ul .name").all_inner_texts()) == set(members)
        # Each member is drawn with its edge to the hub, near its summary node.
        edges = p.evaluate("kgExplorer.edges.get({filter: e => !e.hidden}).length")
        # The hub's edges to its kept members, the summary edge, the members' own edges.
        assert edges == shown - 2 + 1 + count
        p.wait_for_timeout(100)
        p.screenshot(path=str(tmp_path / "expanded.png"))
        spread = p.evaluate(
            """i => { const net = kgExplorer.network, c = net.getPosition(i);
            return kgExplorer.members(i).map(m => { const q = net.getPosition(m);
            return Math.hypot(q.x - c.x, q.y - c.y); }); }""",
            summary,
        )
        assert min(spread) > 40 and max(spread) < 600

        # A member is a node like any other: its panel, and the way back to its summary.
        p.locator("#panel ul .name").first.click()
        assert p.locator("#panel h2").inner_text() == members[0]
        assert "汇总于" in panel_text(page) and "任职" in panel_text(page)

        click_id(page, summary, scale=0.8)  # a second click collapses
        assert drawn(page) == before
        assert f"显示 {shown} 个节点" in p.locator("#status").inner_text()
        assert p.locator("#panel button.toggle").inner_text() == "展开"

        # 返回 undoes the collapse, then the expansion.
        p.locator("#back").click()
        assert drawn(page) == before | set(members)
        p.locator("#back").click()
        assert drawn(page) == before

        # Searching a folded name finds it, and choosing it opens its summary node.
        p.locator("#search").fill(members[-1])
        p.wait_for_selector("#results button")
        assert "汇总于" in p.locator("#results").inner_text()
        p.locator("#results button").first.click()
        assert p.locator("#panel h2").inner_text() == members[-1]
        assert members[-1] in drawn(page)
        assert page.errors == [] and page.violations == []
    finally:
        page.close()


def test_zoomed_out_drawing_is_batched_and_still_draws(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """Zoomed out, lines and tiny nodes are drawn in batches: much as vis-network draws them."""
    page = open_page(browser, tmp_path, star_dataset(600))
    try:
        p = page.page
        assert p.evaluate("kgExplorer.fastDrawing") is True
        p.evaluate("kgExplorer.network.moveTo({scale: 0.1, animation: false})")
        # Cells of 16×16 pixels holding red ink (people and their 任职 lines).
        ink = """() => {
            const c = document.querySelector('#graph canvas');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            const cells = new Set();
            for (let i = 0; i < px.length; i += 4) {
                if (px[i + 3] > 0 && px[i] > px[i + 2] + 60 && px[i] > px[i + 1] + 40) {
                    const k = i / 4;
                    cells.add(Math.floor((k % c.width) / 16) + ',' + Math.floor(k / c.width / 16));
                }
            }
            return [...cells];
        }"""
        quick = set(p.evaluate(ink))
        p.evaluate("kgExplorer.setFastDrawing(false)")
        plain = set(p.evaluate(ink))  # vis-network's own drawing of the same view
        p.evaluate("kgExplorer.setFastDrawing(true)")
        assert len(plain) > 50
        assert len(plain & quick) >= 0.95 * len(plain)  # the same places are drawn
        # Zoomed out, vis-network draws no labels: the best connected keep theirs, apart.
        shown = p.evaluate("kgExplorer.overviewLabels()")
        names = [p.evaluate("i => kgExplorer.data.nodes[i].l", s[0]) for s in shown]
        assert names[0] == "中心" and 10 < len(shown) <= 150
        for k, (_, x, y, w, h) in enumerate(shown):
            for _, x2, y2, w2, h2 in shown[k + 1 :]:
                assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
        p.evaluate("kgExplorer.network.moveTo({scale: 1.0, animation: false})")
        p.wait_for_timeout(100)
        assert p.evaluate("kgExplorer.overviewLabels()") == []  # the zoomed-in labels now
        # ... those that fit: the hub's 600 people and 600 任职 labels cannot all be legible.
        p.evaluate("kgExplorer.network.focus(kgExplorer.data.nodes.findIndex(n => n.l === '中心'))")
        p.wait_for_timeout(100)
        drawn_labels = p.evaluate("kgExplorer.labelsDrawn()")
        assert 20 < drawn_labels < 600
        # While the view is dragged, no labels; they are back when the drag ends.
        box = p.locator("#graph canvas").bounding_box()
        x, y = box["x"] + 30, box["y"] + 30  # a corner, away from the nodes
        p.mouse.move(x, y)
        p.mouse.down()
        for k in range(1, 6):
            p.mouse.move(x + 10 * k, y + 5 * k)
            p.wait_for_timeout(30)
        assert p.evaluate("kgExplorer.labelsDrawn()") == 0
        p.mouse.up()
        p.wait_for_timeout(400)
        assert p.evaluate("kgExplorer.labelsDrawn()") > 20
        # Zooming: the frame after a wheel step has none; 250 ms after the last step, they return.
        during = p.evaluate(
            """() => new Promise(done => {
            const net = kgExplorer.network;
            net.once("afterDrawing", () => done([kgExplorer.labelsDrawn(), net.renderer.zooming]));
            const c = document.querySelector("#graph canvas"), r = c.getBoundingClientRect();
            c.dispatchEvent(new WheelEvent("wheel", {deltaY: -60, bubbles: true, cancelable: true,
                clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
        })"""
        )
        assert during == [0, True]
        p.wait_for_timeout(600)
        assert p.evaluate("kgExplorer.labelsDrawn()") > 20
        p.evaluate("kgExplorer.network.moveTo({scale: 0.1, animation: false})")
        # Clicking still hits a node drawn as a batched square.
        leaf = p.evaluate("kgExplorer.data.nodes.findIndex(n => n.l === '成员300')")
        click_id(page, leaf, scale=0.1)
        assert p.locator("#panel h2").inner_text() == "成员300"
    finally:
        page.close()


def overlapping(boxes: list[list[Any]]) -> list[tuple[Any, Any]]:
    """Pairs of label boxes ([text, left, top, width, height]) that overlap."""
    return [
        (a[0], b[0])
        for k, a in enumerate(boxes)
        for b in boxes[k + 1 :]
        if a[1] < b[1] + b[3] and b[1] < a[1] + a[3] and a[2] < b[2] + b[4] and b[2] < a[2] + a[4]
    ]


def test_labels_are_drawn_apart_at_a_few_sizes(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """Labels: none overlapping, on screen, at one of a few pixel sizes; selected edges dark."""
    page = open_page(browser, tmp_path, star_dataset(600))
    try:
        p = page.page
        # In idle time after the first frame the page measures the labels and draws their glyphs.
        p.wait_for_function("() => kgExplorer.warmedUp()", timeout=20_000)
        hub = p.evaluate("kgExplorer.data.nodes.findIndex(n => n.l === '中心')")
        heights = []
        for scale in (1.0, 1.04):
            p.evaluate(
                "([i, s]) => kgExplorer.network.focus(i, {scale: s, animation: false})",
                [hub, scale],
            )
            p.wait_for_timeout(100)
            boxes = p.evaluate("kgExplorer.labelBoxes()")
            assert 20 < len(boxes) == p.evaluate("kgExplorer.labelsDrawn()")
            assert overlapping(boxes) == []
            size = p.evaluate(
                "[document.querySelector('#graph canvas').clientWidth,"
                " document.querySelector('#graph canvas').clientHeight]"
            )
            for _, left, top, w, h in boxes:
                assert left < size[0] and top < size[1] and left + w > 0 and top + h > 0
            heights.append(sorted({b[4] for b in boxes}))
        # Node labels at 14 px, relation labels at 11 px (+ 3 px of box), at both zooms: the
        # glyphs drawn for one serve the other.
        assert heights == [[14, 17], [14, 17]]
        dark = """() => {
            const c = document.querySelector('#graph canvas');
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 0; i < px.length; i += 4) {
                if (px[i + 3] > 200 && px[i] < 60 && px[i + 1] < 60 && px[i + 2] < 60) n++;
            }
            return n;
        }"""
        before = p.evaluate(dark)
        p.evaluate("i => kgExplorer.select(i, false)", hub)
        p.wait_for_timeout(100)
        assert p.evaluate(dark) > before + 2000  # the hub's edges, in their highlight colour
        assert page.errors == []
    finally:
        page.close()


RED_CELLS = """() => {
    const c = document.querySelector('#graph canvas');
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const cells = new Set();
    for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 0 && px[i] > px[i + 2] + 60 && px[i] > px[i + 1] + 40) {
            const k = i / 4;
            cells.add(Math.floor((k % c.width) / 16) + ',' + Math.floor(k / c.width / 16));
        }
    }
    return [...cells];
}"""


def test_a_pan_moves_the_picture(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    """While the view is dragged, frames show the last frame moved, the bare strips drawn."""
    page = open_page(browser, tmp_path, star_dataset(600))
    try:
        p = page.page
        for scale in (0.1, 1.0):
            p.evaluate("s => kgExplorer.network.moveTo({scale: s, animation: false})", scale)
            p.wait_for_timeout(100)
            box = p.locator("#graph canvas").bounding_box()
            x, y = box["x"] + 20, box["y"] + 20  # a corner, away from the nodes
            p.mouse.move(x, y)
            p.mouse.down()
            for k in range(1, 6):
                p.mouse.move(x + 12 * k, y + 6 * k)
                p.wait_for_timeout(40)
            assert p.evaluate("kgExplorer.picture()") in ("all", "part")
            during = set(p.evaluate(RED_CELLS))
            p.mouse.up()
            p.wait_for_timeout(300)
            assert p.evaluate("kgExplorer.picture()") == "none"  # drawn in full again
            after = set(p.evaluate(RED_CELLS))  # the same view, drawn in full
            assert len(after) > 50
            assert len(during & after) >= 0.95 * len(after)
        assert page.errors == []
    finally:
        page.close()


def test_astral_names_are_highlighted_whole(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page = open_page(browser, tmp_path, sample_dataset(Names(person="𠮷建国")))
    try:
        page.page.evaluate("i => kgExplorer.select(i, false)", node_id(page, "𠮷建国"))
        assert page.page.locator("#panel .sentence mark").first.inner_text() == "𠮷建国"
    finally:
        page.close()


def test_jupyter_iframe_works_offline(browser: Any) -> None:  # noqa: F811
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.route("**/*", lambda route: route.abort())
    try:
        page.set_content(viz.view(sample_dataset())._repr_html_())
        frame = page.frame_locator("iframe")
        frame.locator("#panel").wait_for()
        inner = page.frames[1]
        inner.wait_for_function(READY, timeout=30_000)
        assert inner.evaluate("kgExplorer.nodes.length") == 5
        assert [u for u in requests if not u.startswith(("about:", "data:"))] == []
    finally:
        page.close()
