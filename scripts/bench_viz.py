"""Benchmark the explorer page (``kg viz``) on synthetic graphs.

For each size it builds a synthetic kg graph (entities, relations with
evidence sentences, mentions, all per ``docs/rdf-mapping.md``), then measures:

* generation: :func:`kg.explorer.view` (reading the graph, choosing, layout,
  rendering) and, separately, the layout alone;
* the page: HTML size;
* in headless Chromium (``/usr/bin/chromium``, every request blocked): time
  from navigation start to the first drawn frame, to the layout being settled,
  and the draw time of frames while zooming and panning.

    python scripts/bench_viz.py                     # 100 1000 5000 20000
    python scripts/bench_viz.py 5000 --keep out/    # keep the pages
    python scripts/bench_viz.py --json results.json

Sizes count entities in the graph; above ``kg.explorer.MAX_NODES`` the page shows
the best-connected ones plus summary nodes.
"""

from __future__ import annotations

import argparse
import base64
import bisect
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF

from kg.store import new_dataset, refresh_union
from kg.vocab import DCTERMS, FOAF, ITSRDF, KG, NIF, ORG, PROV, RDFS, SCHEMA, SKOS, XSD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BASE = "https://w3id.org/kgzh/id/"

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
    "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段"
)
_GIVEN = "建国华明丽军伟芳敏静强磊洋勇艳杰娟涛超秀英霞平刚桂兰玉安福德志海林峰"
_PLACES = "焦作温武陟修博爱孟沁阳济源新乡安阳鹤壁濮洛开封许昌漯周口驻马店信南平顶山三门峡"
_ORGS = [
    "市委",
    "市政府",
    "水利局",
    "教育局",
    "人大常委会",
    "政协",
    "发改委",
    "财政局",
    "交通局",
    "管委会",
]
_EVENTS = ["经济工作会议", "常委会会议", "项目推进会", "表彰大会", "调研座谈会", "安全生产会议"]
_PROJECTS = ["高速公路", "产业园", "水库工程", "城际铁路", "物流园区", "乡村振兴示范区"]
_ROLES = ["书记", "市长", "局长", "副主任", "主任", "副市长", "县长"]
_TYPES = (
    ["Person"] * 40
    + ["Organization"] * 25
    + ["Division"] * 10
    + ["Place"] * 5
    + ["Event"] * 12
    + ["Project"] * 8
)


def _name(kind: str, i: int, rng: random.Random) -> str:
    place = "".join(rng.sample(_PLACES, 2))
    if kind == "Person":
        return rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.choice((1, 2)))) + _suffix(i)
    if kind == "Organization":
        return place + rng.choice(_ORGS) + _suffix(i)
    if kind == "Division":
        return place + rng.choice("市县区镇") + _suffix(i)
    if kind == "Place":
        return place + rng.choice(["广场", "山", "河", "湖"]) + _suffix(i)
    if kind == "Event":
        return place + rng.choice(_EVENTS) + _suffix(i)
    return place + rng.choice(_PROJECTS) + _suffix(i)


def _suffix(i: int) -> str:
    # Keep names unique without looking like serial numbers in every label.
    return "" if i < 200 else "甲乙丙丁戊己庚辛壬癸"[i % 10] + str(i // 10)


def _kind(a: str, b: str) -> tuple[URIRef | None, str | None]:
    """The relation from an entity of type ``a`` to one of type ``b`` (None = membership)."""
    if a == "Person" and b in ("Organization", "Division"):
        return None, None
    table = {
        ("Person", "Event"): KG.attended,
        ("Organization", "Event"): KG.attended,
        ("Organization", "Organization"): ORG.subOrganizationOf,
        ("Division", "Division"): SCHEMA.containedInPlace,
        ("Place", "Division"): SCHEMA.containedInPlace,
        ("Organization", "Division"): KG.jurisdiction,
        ("Project", "Division"): KG.connects,
        ("Project", "Place"): KG.connects,
        ("Organization", "Project"): KG.responsibleFor,
        ("Person", "Project"): KG.responsibleFor,
        ("Division", "Event"): KG.commendedAt,
    }
    return table.get((a, b), KG.relatedTo), None


def synthetic(n: int, seed: int = 0) -> Dataset:
    """A kg graph of ``n`` entities with preferential-attachment relations and evidence."""
    rng = random.Random(seed)
    ds = new_dataset()
    kinds = [rng.choice(_TYPES) for _ in range(n)]
    names = [_name(k, i, rng) for i, k in enumerate(kinds)]
    iris = [URIRef(f"{BASE}{k.lower()}/{i}") for i, k in enumerate(kinds)]
    ndocs = max(1, n // 10)
    docs = [URIRef(f"{BASE}doc/{d}") for d in range(ndocs)]
    graphs = [ds.graph(d) for d in docs]
    quads: list[tuple[Any, ...]] = []
    texts: list[list[str]] = [[] for _ in range(ndocs)]
    offsets = [0] * ndocs

    def sentence(d: int, parts: list[tuple[str, int | None]]) -> URIRef:
        """Add a sentence made of ``parts`` (text, entity or None) and its mentions."""
        g = graphs[d]
        start = offsets[d]
        text = "".join(p for p, _ in parts)
        node = URIRef(f"{docs[d]}#char={start},{start + len(text)}")
        quads.extend(
            [
                (node, RDF.type, NIF.Sentence, g),
                (node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger), g),
                (
                    node,
                    NIF.endIndex,
                    Literal(start + len(text), datatype=XSD.nonNegativeInteger),
                    g,
                ),
                (node, NIF.anchorOf, Literal(text), g),
                (node, NIF.referenceContext, docs[d], g),
            ]
        )
        at = start
        for part, entity in parts:
            if entity is not None:
                m = URIRef(f"{docs[d]}#char={at},{at + len(part)}")
                quads.extend(
                    [
                        (m, RDF.type, NIF.Phrase, g),
                        (m, NIF.beginIndex, Literal(at, datatype=XSD.nonNegativeInteger), g),
                        (
                            m,
                            NIF.endIndex,
                            Literal(at + len(part), datatype=XSD.nonNegativeInteger),
                            g,
                        ),
                        (m, NIF.anchorOf, Literal(part), g),
                        (m, NIF.referenceContext, docs[d], g),
                        (m, NIF.sentence, node, g),
                        (m, ITSRDF.taIdentRef, iris[entity], g),
                    ]
                )
            at += len(part)
        texts[d].append(text)
        offsets[d] = at
        return node

    classes = {
        "Person": (KG.Person, FOAF.Person),
        "Organization": (KG.Organization, ORG.Organization),
        "Division": (KG.AdministrativeDivision, SCHEMA.AdministrativeArea, KG.Place, SCHEMA.Place),
        "Place": (KG.Place, SCHEMA.Place),
        "Event": (KG.Event, SCHEMA.Event, KG.Meeting),
        "Project": (KG.Project,),
    }

    def describe(i: int, g: Any) -> None:
        for cls in classes[kinds[i]]:
            quads.append((iris[i], RDF.type, cls, g))
        quads.append((iris[i], RDFS.label, Literal(names[i], lang="zh"), g))
        if kinds[i] == "Division":
            quads.append((iris[i], KG.adminCode, Literal(f"{410000 + i:06d}"), g))
        if kinds[i] == "Organization" and i % 3 == 0:
            quads.append((iris[i], SKOS.altLabel, Literal(names[i][2:], lang="zh"), g))

    targets: list[int] = []  # each entity once per edge end: sampling from it is preferential
    for i in range(n):
        d = rng.randrange(ndocs)
        describe(i, graphs[d])
        sentence(d, [("会上，", None), (names[i], i), ("作了部署。", None)])
        if i == 0 or rng.random() < 0.12:
            targets.append(i)
            continue
        for _ in range(1 if rng.random() < 0.7 else 2):
            j = rng.choice(targets)
            if j == i:
                continue
            a, b = (i, j) if (kinds[i], kinds[j]) <= (kinds[j], kinds[i]) else (j, i)
            if kinds[b] == "Person":
                a, b = b, a
            predicate, _ = _kind(kinds[a], kinds[b])
            g = graphs[d]
            describe(j, g)
            if predicate is None:
                role = rng.choice(_ROLES)
                s = sentence(d, [(names[b], b), (role, None), (names[a], a), ("出席会议。", None)])
                role_iri = URIRef(f"{BASE}role/{_ROLES.index(role)}")
                mem = URIRef(f"{BASE}membership/{a}-{b}-{_ROLES.index(role)}")
                quads.extend(
                    [
                        (role_iri, RDF.type, ORG.Role, g),
                        (role_iri, RDFS.label, Literal(role, lang="zh"), g),
                        (mem, RDF.type, ORG.Membership, g),
                        (mem, ORG.member, iris[a], g),
                        (mem, ORG.organization, iris[b], g),
                        (mem, ORG.role, role_iri, g),
                        (mem, PROV.wasDerivedFrom, s, g),
                    ]
                )
            else:
                s = sentence(d, [(names[a], a), ("与", None), (names[b], b), ("有关。", None)])
                st = URIRef(f"{BASE}statement/{a}-{b}-{len(quads)}")
                quads.extend(
                    [
                        (iris[a], predicate, iris[b], g),
                        (st, RDF.type, KG.RelationStatement, g),
                        (st, RDF.type, RDF.Statement, g),
                        (st, RDF.subject, iris[a], g),
                        (st, RDF.predicate, predicate, g),
                        (st, RDF.object, iris[b], g),
                        (st, PROV.wasDerivedFrom, s, g),
                    ]
                )
            targets.extend((i, j))
    for d, g in enumerate(graphs):
        quads.extend(
            [
                (docs[d], RDF.type, NIF.Context, g),
                (docs[d], NIF.isString, Literal("".join(texts[d])), g),
                (docs[d], DCTERMS.source, Literal(f"synthetic/{d:05d}.txt"), g),
            ]
        )
    ds.addN(quads)
    refresh_union(ds)  # what kg's own writers keep: the default graph is the union
    return ds


def browser_timings(path: Path, repeat: int = 1, fast: bool = True) -> dict[str, Any]:
    """The best of ``repeat`` page loads (timings on a shared machine only ever err upwards).

    Two frame measures, pooled over the runs:

    * ``frame_*``: the renderer's main-thread work per drawn frame, from a
      Chrome trace (``ProxyMain::BeginMainFrame`` events that ran the page's
      drawing): vis-network's drawing *and* the canvas being rasterised and
      committed, which happens after the page's own code returns. ``_ms`` is
      wall time, ``frame_cpu_*`` the thread's CPU time (what other processes
      on a loaded machine cannot inflate).
    * ``draw_*``: only the page's drawing code (vis-network ``beforeDrawing``
      to ``afterDrawing``), what earlier versions of this script reported.

    ``jump_frame_max_ms``: the frame after jumping to zoom 1 on the
    best-connected node (not a pan or zoom step: the first frame to draw the
    labels there), the longest over the runs. ``slowest_frames``: the five
    longest frames (pan, zoom or jump), each as [wall, CPU, CPU in the page's
    drawing code, CPU in updating the layers, i.e. the canvas rasterised] ms.
    ``longest_task_ms``: the longest main-thread task over 50 ms
    (PerformanceObserver ``longtask``) from the first gesture to the last,
    the jump included; 0 if none.
    """
    runs = [_browser_run(path, fast=fast) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["first_frame_s"])
    walls = [f for r in runs for f in r["_walls"]]
    cpus = [f for r in runs for f in r["_cpus"]]
    draws = [f for r in runs for f in r["_draws"]]
    best.update(
        {
            "frames": len(walls),
            "frame_median_ms": _stat(walls, 50),
            "frame_p95_ms": _stat(walls, 95),
            "frame_max_ms": _stat(walls, 100),
            "frame_cpu_p95_ms": _stat(cpus, 95),
            "frame_cpu_max_ms": _stat(cpus, 100),
            "frames_over_50ms": sum(f > 50 for f in walls),
            "draw_median_ms": _stat(draws, 50),
            "draw_p95_ms": _stat(draws, 95),
            "draw_max_ms": _stat(draws, 100),
            "jump_frame_max_ms": round(max(r["_jump"] for r in runs), 1),
            "slowest_frames": [
                [round(x, 1) for x in f]
                for f in sorted((f for r in runs for f in r["_parts"]), reverse=True)[:5]
            ],
            "longest_task_ms": max(r["longest_task_ms"] for r in runs),
            "full_redraw_ms": min(r["full_redraw_ms"] for r in runs),
        }
    )
    for key in ("_walls", "_cpus", "_draws", "_jump", "_parts"):
        best.pop(key)
    return best


def _stat(values: list[float], q: float) -> float | None:
    return round(_percentile(values, q), 1) if values else None


_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({type: "longtask", buffered: true});
"""


def _browser_run(path: Path, fast: bool = True, timeout_s: float = 120.0) -> dict[str, Any]:
    """Load ``path`` in headless Chromium, all requests blocked; time drawing and interaction.

    The interaction: at the initial fit-all view, 10 wheel zooms in, a 20-step
    pan (a drag from the point nearest the centre with no node under it) and
    10 zooms out; then a jump to zoom 1 (labels, arrowheads drawn) on the
    best-connected node; there a 20-step pan, 5 zooms out and 5 in.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.route(
                "**/*",
                lambda route: (
                    route.abort() if route.request.url != path.as_uri() else route.continue_()
                ),
            )
            page.add_init_script(_LONG_TASKS)
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_function(
                "() => window.kgTimings && window.kgTimings.firstDraw !== null",
                timeout=timeout_s * 1000,
            )
            first = page.evaluate("kgTimings.firstDraw")
            settled = page.evaluate("kgTimings.settled")
            if not fast:
                page.evaluate("kgExplorer.setFastDrawing(false)")
            page.wait_for_timeout(300)
            page.evaluate("kgTimings.frames = []; window.__since = performance.now()")
            box = page.locator("#graph").bounding_box()
            assert box is not None
            cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            start = time.perf_counter()
            trace = _Trace(page)
            _gestures(page, cx, cy, zooms=10)
            walls, cpus, parts = trace.frames_in_parts()
            # A jump to zoom 1 on the best-connected node, the busiest place to draw labels and
            # arrowheads: its frame (the first to draw and shape those labels) is timed apart.
            trace = _Trace(page)
            page.evaluate(
                "kgExplorer.network.focus(kgExplorer.data.nodes.reduce("
                "(best, n, i, all) => (n.d || 0) > (all[best].d || 0) ? i : best, 0), {scale: 1.0})"
            )
            page.wait_for_timeout(300)
            jump = trace.frames_in_parts()
            trace = _Trace(page)
            _gestures(page, cx, cy, zooms=5)
            zoomed = trace.frames_in_parts()
            walls += zoomed[0]
            cpus += zoomed[1]
            parts += zoomed[2]
            interaction = time.perf_counter() - start
            draws = page.evaluate("kgTimings.frames")
            tasks = page.evaluate(
                "window.__longTasks.filter(t => t[0] >= window.__since).map(t => t[1])"
            )
            page.evaluate("kgExplorer.network.fit({animation: false})")
            redraw = page.evaluate(
                "(() => { const t = []; for (let i = 0; i < 5; i++) {"
                " const s = performance.now(); kgExplorer.network.redraw();"
                " t.push(performance.now() - s); } return t; })()"
            )
            shown = page.evaluate("kgExplorer.nodes.get({filter: n => !n.hidden}).length")
        finally:
            browser.close()
    return {
        "first_frame_s": round(first / 1000, 3),
        "settled_s": round(settled / 1000, 3),
        "_walls": walls,
        "_cpus": cpus,
        "_jump": max(jump[0], default=0.0),
        "_parts": parts + jump[2],
        "_draws": draws,
        "longest_task_ms": round(max(tasks), 1) if tasks else 0,
        "full_redraw_ms": round(statistics.median(redraw), 1),
        "interaction_s": round(interaction, 2),
        "nodes_on_page": shown,
        "requests": len(requests),
    }


class _Trace:
    """A Chrome trace of the renderer (DevTools protocol), from creation until :meth:`frames`."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.session = page.context.new_cdp_session(page)
        self.done: dict[str, Any] = {}
        self.session.on("Tracing.tracingComplete", lambda event: self.done.update(event))
        self.session.send(
            "Tracing.start",
            {"categories": "cc,devtools.timeline", "transferMode": "ReturnAsStream"},
        )

    def frames(self) -> tuple[list[float], list[float]]:
        """Wall and CPU milliseconds of each main-thread frame that ran an animation frame."""
        walls, cpus, _ = self.frames_in_parts()
        return walls, cpus

    def frames_in_parts(
        self,
    ) -> tuple[list[float], list[float], list[tuple[float, float, float, float]]]:
        """As :meth:`frames`, and each frame as (wall, CPU, CPU in the page's code, i.e. the
        animation frame, the drawing; CPU in updating the layers, i.e. the canvas rasterised)."""
        self.session.send("Tracing.end")
        while not self.done:
            self.page.wait_for_timeout(50)
        chunks = []
        while True:
            part = self.session.send("IO.read", {"handle": self.done["stream"], "size": 1 << 22})
            data = part["data"]
            chunks.append(base64.b64decode(data) if part.get("base64Encoded") else data.encode())
            if part.get("eof"):
                break
        self.session.send("IO.close", {"handle": self.done["stream"]})
        events = json.loads(b"".join(chunks))
        if isinstance(events, dict):
            events = events["traceEvents"]
        main = {
            (e["pid"], e["tid"])
            for e in events
            if e.get("name") == "thread_name" and e["args"].get("name") == "CrRendererMain"
        }
        spans = [e for e in events if e.get("ph") == "X" and (e["pid"], e["tid"]) in main]
        callbacks = sorted(
            (e["ts"], e.get("tdur", e["dur"])) for e in spans if e["name"] == "FireAnimationFrame"
        )
        layers = sorted(
            (e["ts"], e.get("tdur", e["dur"]))
            for e in spans
            if e["name"] == "LayerTreeHost::DoUpdateLayers"
        )
        walls, cpus, parts = [], [], []
        for e in spans:
            if e["name"] != "ProxyMain::BeginMainFrame":
                continue
            end = e["ts"] + e["dur"]
            k = bisect.bisect_left(callbacks, (e["ts"],))
            if k < len(callbacks) and callbacks[k][0] <= end:
                walls.append(e["dur"] / 1000)
                cpus.append(e.get("tdur", e["dur"]) / 1000)
                js = sum(d for t, d in callbacks[k:] if t <= end)
                j = bisect.bisect_left(layers, (e["ts"],))
                canvas = sum(d for t, d in layers[j:] if t <= end)
                parts.append((walls[-1], cpus[-1], js / 1000, canvas / 1000))
        return walls, cpus, parts


# The nearest point to (x, y), in canvas pixels, with no node under it: a drag from there pans
# the view (from a node it would move the node, selected, with its edges drawn in full).
_EMPTY_SPOT = """([x, y]) => {
  const net = kgExplorer.network;
  for (let r = 0; r < 300; r += 6)
    for (let a = 0; a < 12; a++) {
      const p = {x: x + r * Math.cos(a * Math.PI / 6), y: y + r * Math.sin(a * Math.PI / 6)};
      if (net.getNodeAt(p) === undefined) return [p.x, p.y];
    }
  return [x, y];
}"""


def _gestures(page: Any, cx: float, cy: float, zooms: int) -> None:
    """Wheel zooms in, a drag (a pan), wheel zooms out: frames land in ``kgTimings.frames``."""
    page.mouse.move(cx, cy)
    for _ in range(zooms):
        page.mouse.wheel(0, -120)
        page.wait_for_timeout(30)
    box = page.locator("#graph canvas").bounding_box()
    x, y = page.evaluate(_EMPTY_SPOT, [cx - box["x"], cy - box["y"]])
    x, y = x + box["x"], y + box["y"]
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(20):
        page.mouse.move(x + 10 * k, y + 5 * k)
        page.wait_for_timeout(15)
    page.mouse.up()
    page.mouse.move(cx, cy)
    for _ in range(zooms):
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(30)
    page.wait_for_timeout(300)


def _summary(r: dict[str, Any]) -> str:
    """One line for a reader: the frames against the 50 ms target, the load they ran at."""
    return (
        f"{r['entities']:,} entities: generation {r['generation_s']} s, first frame "
        f"{r['first_frame_s']} s; pan/zoom frames {r['frames_over_50ms']} of {r['frames']} "
        f"over 50 ms, max {r['frame_max_ms']} ms (p95 {r['frame_p95_ms']} ms; CPU max "
        f"{r['frame_cpu_max_ms']} ms); jump to zoom 1 {r['jump_frame_max_ms']} ms; slowest "
        f"[wall, CPU, drawing CPU, canvas CPU] {r['slowest_frames'][:1]}; load {r.get('load_1min')}"
    )


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def bench(
    n: int, folder: Path, browser: bool, repeat: int = 1, fast: bool = True
) -> dict[str, Any]:
    import importlib

    viz = importlib.import_module("kg.explorer")

    t = time.perf_counter()
    ds = synthetic(n)
    built = time.perf_counter() - t
    generation, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        page = viz.view(ds)
        generation.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    t = time.perf_counter()
    data = viz._read(ds)
    read = time.perf_counter() - t
    lay = None
    if n <= viz.MAX_NODES:
        pairs = [(e.source, e.target) for e in data.edges]
        t = time.perf_counter()
        viz.layout(len(data.iris), pairs)
        lay = time.perf_counter() - t
    path = page.write(folder / f"viz-{n}.html")
    result: dict[str, Any] = {
        "entities": n,
        "relations": len(data.edges),
        "page_nodes": page.node_count,
        "page_edges": page.edge_count,
        "html_mb": round(path.stat().st_size / 1e6, 2),
        "synthetic_build_s": round(built, 2),
        "generation_s": round(min(generation), 3),
        "generation_cpu_s": round(min(cpu), 3),  # what other processes cannot inflate much
        "read_s": round(read, 3),
        "layout_s": None if lay is None else round(lay, 3),
    }
    if browser:
        result.update(browser_timings(path, repeat, fast=fast))
    if hasattr(os, "getloadavg"):
        result["load_1min"] = round(os.getloadavg()[0], 1)  # other jobs on the machine
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000, 20000])
    parser.add_argument("--keep", type=Path, help="write the pages into this folder")
    parser.add_argument("--no-browser", action="store_true", help="only time generation")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--repeat", type=int, default=1, help="best of N (generation, page load)")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="time vis-network's own drawing (the page's quick drawing switched off)",
    )
    args = parser.parse_args(argv)
    results = []
    import importlib

    start = time.perf_counter()
    importlib.import_module("kg.explorer").view(
        synthetic(20)
    )  # imports (scipy, numpy) out of the timings
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    print(
        json.dumps(
            {
                "first_call_s": round(time.perf_counter() - start, 2),
                "cpus": os.cpu_count(),
                "load": load,
            }
        ),
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            result = bench(
                n, folder, browser=not args.no_browser, repeat=args.repeat, fast=not args.plain
            )
            results.append(result)
            print(json.dumps(result, ensure_ascii=False), flush=True)
            if "frames" in result:
                print(_summary(result), file=sys.stderr, flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
