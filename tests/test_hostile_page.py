"""The explorer page of a graph built from hostile documents, in real Chromium.

The documents of :mod:`tests.hostile` (script tags, event-handler attributes,
``javascript:`` URLs, unbalanced quotes, RTL overrides, very long names,
invisible characters) go through the real pipeline (``kg.build``) into entity
labels, sentences, titles and source paths; ``kg viz`` writes the page. In the
browser every request but the page itself is aborted and recorded: no dialog
may open, no request leave, no element or event-handler attribute appear that
the clean page lacks, and the panel must show the hostile text literally.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.builder import build
from kg.cli import main
from kg.sparql import query
from kg.store import save
from tests.browser import OfflinePage, browser  # noqa: F401  (browser is a fixture)
from tests.conftest import SAMPLE
from tests.hostile import HOSTILE_DOCUMENTS, HOSTILE_STRINGS, hostile_records

pytestmark = pytest.mark.browser

READY = "() => window.kgTimings && window.kgTimings.firstDraw !== null"
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Characters that make a string markup, script or a trick if treated as anything but text.
SPECIAL = re.compile("[<>\"'=&{}$\u202e\u2028\ufeff\u200b]|javascript:|alert")

DOM = """() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
        scripts: document.querySelectorAll('script').length,
        tags: Array.from(new Set(all.map(e => e.tagName.toLowerCase()))).sort(),
        handlers: all.flatMap(e => Array.from(e.attributes)
            .filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name)),
        links: Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
            .map(e => e.outerHTML.slice(0, 80)),
    };
}"""


def shown(text: str) -> str:
    """``text`` as the panel shows it: direction controls as visible [U+XXXX] markers."""
    return BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def write_inputs(folder: Path) -> Path:
    folder.mkdir()
    for name, text in HOSTILE_DOCUMENTS:
        (folder / name).write_text(text, "utf-8")
    lines = [json.dumps(r) for r in hostile_records()]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return folder


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile and a clean graph, built and rendered by ``kg build`` and ``kg viz``."""
    root = tmp_path_factory.mktemp("hostile")
    graph = build([write_inputs(root / "in")])
    trig = save(graph, root / "hostile.trig")
    clean = root / "clean.txt"
    clean.write_text(SAMPLE, "utf-8")
    clean_trig = save(build([clean]), root / "clean.trig")
    out = {"graph": graph, "trig": trig}
    for name, source in (("hostile", trig), ("clean", clean_trig)):
        page = root / f"{name}.html"
        assert main(["viz", str(source), "-o", str(page)]) == 0
        out[name] = page
    return out


def test_the_pipeline_carried_the_hostile_strings(pages: dict[str, Any]) -> None:
    """Guard: the page below really holds hostile labels, sentences, titles and paths."""
    graph = pages["graph"]
    labels = set(query(graph, "SELECT ?l WHERE { ?e rdfs:label ?l }").l)
    assert "onmouseover=alert(5)公司" in labels
    assert any(len(label) > 300 for label in labels)
    sentences = "".join(query(graph, "SELECT ?t WHERE { ?s a nif:Sentence ; nif:anchorOf ?t }").t)
    for name, text in HOSTILE_DOCUMENTS:
        assert text[:12] in sentences, name
    titles = set(query(graph, "SELECT ?t WHERE { ?d dcterms:title ?t }").t)
    assert set(HOSTILE_STRINGS) <= titles
    html = pages["hostile"].read_text("utf-8")
    assert "<script>alert(1)</script>" not in html and "onmouseover=alert(5)" in html


@pytest.fixture(scope="module")
def clean_dom(browser: Any, pages: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    page = OfflinePage(browser, pages["clean"])
    try:
        page.page.wait_for_function(READY, timeout=30_000)
        dom = dict(page.page.evaluate(DOM))
        tags = set(dom["tags"])
        # the elements the panel and the search results add, on the clean page
        for i in range(int(page.page.evaluate("kgExplorer.data.nodes.length"))):
            page.page.evaluate("i => kgExplorer.select(i, true)", i)
            tags |= set(page.page.evaluate(DOM)["tags"])
        page.page.locator("#search").fill("刘")
        page.page.wait_for_selector("#results button")
        dom["tags"] = sorted(tags | set(page.page.evaluate(DOM)["tags"]))
        return dom
    finally:
        page.close()


@pytest.fixture
def hostile(browser: Any, pages: dict[str, Any]) -> Iterator[OfflinePage]:  # noqa: F811
    page = OfflinePage(browser, pages["hostile"])
    page.page.wait_for_function(READY, timeout=30_000)
    yield page
    page.close()


def assert_inert(page: OfflinePage, clean: dict[str, Any]) -> None:
    page.page.wait_for_timeout(300)  # let anything scheduled (onerror, timers) fire
    assert page.dialogs == []
    assert page.requests == [page.url]
    assert page.errors == [] and page.violations == []
    dom = page.page.evaluate(DOM)
    assert dom["scripts"] == clean["scripts"]
    assert dom["handlers"] == [] and dom["links"] == []
    assert not set(dom["tags"]) & {"img", "svg", "iframe", "object", "embed", "a", "b", "link"}
    assert set(dom["tags"]) <= set(clean["tags"])


def hostile_nodes(page: OfflinePage) -> list[tuple[int, str]]:
    nodes = page.page.evaluate("kgExplorer.data.nodes.map(n => n.l)")
    return [(i, label) for i, label in enumerate(nodes) if SPECIAL.search(label) or len(label) > 60]


def test_opening_the_page_runs_nothing(hostile: OfflinePage, clean_dom: dict[str, Any]) -> None:
    assert len(hostile_nodes(hostile)) >= 2
    assert_inert(hostile, clean_dom)


def test_panel_shows_hostile_text_literally(
    hostile: OfflinePage, clean_dom: dict[str, Any], pages: dict[str, Any]
) -> None:
    for i, label in hostile_nodes(hostile):
        hostile.page.evaluate("i => kgExplorer.select(i, true)", i)
        heading = hostile.page.locator("#panel h2").evaluate("e => e.textContent")
        assert heading == shown(label)
    # A person of the hostile documents: every sentence and path shown as written.
    person = hostile.page.evaluate("kgExplorer.data.nodes.findIndex(n => n.l === '韩东升')")
    assert person >= 0
    hostile.page.evaluate("i => kgExplorer.select(i, true)", person)
    text = hostile.page.locator("#panel").evaluate("e => e.textContent")
    name, body = HOSTILE_DOCUMENTS[2]
    assert shown(body.split("。")[0] + "。") in text
    assert name in text
    xie = hostile.page.evaluate("kgExplorer.data.nodes.findIndex(n => n.l === '全市防汛工作会议')")
    hostile.page.evaluate("i => kgExplorer.select(i, true)", xie)
    text = hostile.page.locator("#panel").evaluate("e => e.textContent")
    assert "市委书记<script>alert(1)</script>谢玉安出席全市防汛工作会议并讲话。" in text
    assert HOSTILE_DOCUMENTS[0][0] in text  # the path "<svg onload=alert(11)>.txt"
    assert_inert(hostile, clean_dom)


def test_clicking_and_searching_hostile_nodes(
    hostile: OfflinePage, clean_dom: dict[str, Any]
) -> None:
    label = "onmouseover=alert(5)公司"
    i = hostile.page.evaluate("l => kgExplorer.data.nodes.findIndex(n => n.l === l)", label)
    hostile.page.evaluate("i => kgExplorer.network.focus(i, {scale: 1.5})", i)
    hostile.page.wait_for_timeout(100)
    spot = hostile.page.evaluate(
        "i => kgExplorer.network.canvasToDOM(kgExplorer.network.getPosition(i))", i
    )
    box = hostile.page.locator("#graph canvas").bounding_box()
    hostile.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    hostile.page.wait_for_selector("#panel h2")
    assert hostile.page.locator("#panel h2").evaluate("e => e.textContent") == label
    hostile.page.mouse.move(box["x"] + spot["x"] + 2, box["y"] + spot["y"] + 2)  # hover
    hostile.page.locator("#search").fill("onmouseover")
    hostile.page.wait_for_selector("#results button")
    assert label in hostile.page.locator("#results").evaluate("e => e.textContent")
    hostile.page.locator("#results button").first.click()
    assert hostile.page.locator("#panel h2").evaluate("e => e.textContent") == label
    assert_inert(hostile, clean_dom)


def test_a_hostile_focus_and_title(
    browser: Any,  # noqa: F811
    pages: dict[str, Any],
    clean_dom: dict[str, Any],
    tmp_path: Path,
) -> None:
    path = tmp_path / "focus.html"
    focus = "onmouseover=alert(5)公司"
    assert main(["viz", str(pages["trig"]), "-o", str(path), "--focus", focus, "--hops", "2"]) == 0
    page = OfflinePage(browser, path)
    try:
        page.page.wait_for_function(READY, timeout=30_000)
        assert page.page.title() == f"知识图谱 · {focus}"
        assert_inert(page, clean_dom)
    finally:
        page.close()
