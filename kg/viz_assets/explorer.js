/* kg explorer: the page script. Data comes from the JSON in #kg-data; every
 * piece of it reaches the DOM through textContent (never innerHTML), and the
 * canvas draws labels as text. */
(function () {
  "use strict";

  var timings = (window.kgTimings = { start: performance.now(), firstDraw: null, settled: null, frames: [] });
  var FONT = getComputedStyle(document.body).fontFamily;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes.length;
  var M = data.edges.length;
  var big = M > 3000;

  // ------------------------------------------------------------------ helpers

  // Direction overrides in names could disguise them (U+202E turns "evil" into "live"):
  // the panel shows each such control as a visible [U+XXXX] marker instead.
  var BIDI_ONE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  function visibleText(s) {
    return String(s).replace(BIDI_ONE, function (c) {
      return "[U+" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") + "]";
    });
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = visibleText(text);
    if (cls) node.className = cls;
    return node;
  }

  // Canvas labels: one line, no bidi controls (they could reorder what is drawn), not too long.
  var CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
  var BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  function canvasText(s, max) {
    var chars = Array.from(String(s).replace(CONTROLS, " ").replace(BIDI, ""));
    return chars.length > max ? chars.slice(0, max - 1).join("") + "…" : chars.join("");
  }

  function norm(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  }

  function typeOf(i) {
    return data.types[data.nodes[i].t];
  }

  function kindOf(e) {
    return e.k < 0 ? null : data.kinds[e.k];
  }

  function edgeLabel(e) {
    var kind = kindOf(e);
    if (!kind) return "";
    return e.r ? kind.label + "·" + e.r : kind.label;
  }

  // ------------------------------------------------------------------ graph

  var adjacency = [];
  for (var i = 0; i < N; i++) adjacency.push([]);
  data.edges.forEach(function (e, id) {
    adjacency[e.f].push(id);
    adjacency[e.to].push(id);
  });

  var nodeItems = data.nodes.map(function (n, id) {
    var size = Math.min(34, 7 + 3.2 * Math.sqrt(n.d || 0));
    if (n.n) size = Math.min(34, 8 + 2.5 * Math.sqrt(n.n));
    return { id: id, label: canvasText(n.l, 24), group: data.types[n.t].key, x: n.x, y: n.y, size: size };
  });
  var edgeItems = data.edges.map(function (e, id) {
    var kind = kindOf(e);
    return {
      id: id,
      from: e.f,
      to: e.to,
      label: canvasText(edgeLabel(e), 16) || undefined,
      color: { color: kind ? kind.color : "#d0d0d0", highlight: "#222" },
      arrows: kind ? undefined : { to: { enabled: false } }
    };
  });

  var groups = {};
  data.types.forEach(function (t) {
    groups[t.key] = {
      shape: t.shape,
      color: { background: t.color, border: "#ffffff", highlight: { background: t.color, border: "#222" } }
    };
  });

  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("graph");
  var network = new vis.Network(
    container,
    { nodes: nodes, edges: edges },
    {
      autoResize: true,
      physics: { enabled: false },
      layout: { improvedLayout: false, randomSeed: 1 },
      groups: groups,
      interaction: {
        hover: false,
        hideEdgesOnDrag: big,
        hideEdgesOnZoom: big,
        multiselect: false,
        selectConnectedEdges: true,
        tooltipDelay: 400
      },
      nodes: {
        borderWidth: 1,
        font: { face: FONT, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
        scaling: { label: { drawThreshold: 9 } }
      },
      edges: {
        smooth: false,
        width: 1,
        selectionWidth: 2,
        arrows: { to: { enabled: true, scaleFactor: 0.45 } },
        font: { face: FONT, size: 11, color: "#555", strokeWidth: 3, strokeColor: "#ffffff", align: "horizontal" },
        scaling: { label: { drawThreshold: 9 } }
      }
    }
  );

  // Arrowheads cost as much to draw as the lines and are invisible when zoomed out.
  var ARROW_SCALE = 0.4;
  var arrows = true;
  function updateArrows() {
    var want = network.getScale() >= ARROW_SCALE;
    if (want !== arrows) {
      arrows = want;
      network.setOptions({ edges: { arrows: { to: { enabled: want, scaleFactor: 0.45 } } } });
    }
  }

  network.on("beforeDrawing", function () {
    timings._frameStart = performance.now();
  });
  network.on("afterDrawing", function () {
    var now = performance.now();
    if (timings.firstDraw === null) {
      timings.firstDraw = now;
      timings.settled = now; // positions come precomputed: physics never runs
    }
    if (timings.frames.length < 1000) timings.frames.push(now - timings._frameStart);
    updateArrows(); // after zooms, fits and animations alike; a no-op unless the scale crossed
  });

  // ------------------------------------------------------------------ view state

  var state = { types: data.types.map(function () { return true; }), kinds: data.kinds.map(function () { return true; }), focus: null };
  var history = [];
  var selected = null;
  var nodeHidden = new Uint8Array(N);
  var edgeHidden = new Uint8Array(M);

  function copyState(s) {
    return { types: s.types.slice(), kinds: s.kinds.slice(), focus: s.focus ? { id: s.focus.id, hops: s.focus.hops } : null };
  }

  function edgeOn(e) {
    return e.k < 0 ? true : state.kinds[e.k];
  }

  function computeVisible() {
    var visible = new Uint8Array(N);
    for (var i = 0; i < N; i++) visible[i] = state.types[data.nodes[i].t] ? 1 : 0;
    if (state.focus) {
      var within = new Uint8Array(N);
      var start = state.focus.id;
      within[start] = 1;
      var frontier = [start];
      for (var h = 0; h < state.focus.hops; h++) {
        var next = [];
        frontier.forEach(function (u) {
          adjacency[u].forEach(function (id) {
            var e = data.edges[id];
            if (!edgeOn(e)) return;
            var v = e.f === u ? e.to : e.f;
            if (!within[v] && visible[v]) {
              within[v] = 1;
              next.push(v);
            }
          });
        });
        frontier = next;
      }
      within[start] = 1;
      visible = within;
    }
    return visible;
  }

  function apply(fit) {
    var visible = computeVisible();
    var nodeChanges = [];
    var shown = [];
    for (var i = 0; i < N; i++) {
      var hide = visible[i] ? 0 : 1;
      if (hide !== nodeHidden[i]) {
        nodeHidden[i] = hide;
        nodeChanges.push({ id: i, hidden: !!hide });
      }
      if (!hide) shown.push(i);
    }
    var edgeChanges = [];
    var edgeCount = 0;
    for (var j = 0; j < M; j++) {
      var e = data.edges[j];
      var hideEdge = edgeOn(e) ? 0 : 1;
      if (hideEdge !== edgeHidden[j]) {
        edgeHidden[j] = hideEdge;
        edgeChanges.push({ id: j, hidden: !!hideEdge });
      }
      if (!hideEdge && visible[e.f] && visible[e.to]) edgeCount++;
    }
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    setStatus(shown.length, edgeCount);
    document.getElementById("back").disabled = history.length === 0;
    renderLegend();
    if (fit && shown.length) network.fit(shown.length < N ? { nodes: shown, animation: false } : { animation: false });
  }

  function change(mutate, fit) {
    history.push(copyState(state));
    mutate(state);
    apply(fit);
  }

  function back() {
    if (!history.length) return;
    state = history.pop();
    apply(true);
  }

  function focusOn(id, hops) {
    change(function (s) {
      s.focus = { id: id, hops: hops };
      if (!s.types[data.nodes[id].t]) s.types[data.nodes[id].t] = true;
    }, true);
    select(id, false);
  }

  function setStatus(n, m) {
    var status = document.getElementById("status");
    var text = "显示 " + n.toLocaleString() + " 个节点 · " + m.toLocaleString() + " 条关系";
    if (state.focus) text += " · 聚焦「" + canvasText(data.nodes[state.focus.id].l, 20) + "」" + state.focus.hops + " 跳";
    status.textContent = text;
  }

  // ------------------------------------------------------------------ legend and filters

  function renderLegend() {
    var typeList = document.getElementById("legend-types");
    typeList.textContent = "";
    data.types.forEach(function (t, k) {
      if (!t.n) return;
      var box = el("input");
      box.type = "checkbox";
      box.checked = state.types[k];
      box.dataset.type = t.key;
      box.addEventListener("change", function () {
        change(function (s) { s.types[k] = box.checked; }, false);
      });
      var glyph = el("span", t.glyph, "glyph");
      glyph.style.color = t.color;
      var label = el("label");
      label.append(box, glyph, el("span", t.label), el("span", t.n.toLocaleString(), "count"));
      var li = el("li");
      li.append(label);
      typeList.append(li);
    });
    var kindList = document.getElementById("legend-kinds");
    kindList.textContent = "";
    data.kinds.forEach(function (kind, k) {
      if (!kind.n) return;
      var box = el("input");
      box.type = "checkbox";
      box.checked = state.kinds[k];
      box.dataset.kind = kind.key;
      box.addEventListener("change", function () {
        change(function (s) { s.kinds[k] = box.checked; }, false);
      });
      var swatch = el("span", null, "swatch");
      swatch.style.background = kind.color;
      var label = el("label");
      label.append(box, swatch, el("span", kind.label), el("span", kind.n.toLocaleString(), "count"));
      var li = el("li");
      li.append(label);
      kindList.append(li);
    });
  }

  // ------------------------------------------------------------------ side panel

  var panel = document.getElementById("panel");

  function nodeLink(id) {
    var b = el("button", data.nodes[id].l, "link name");
    b.type = "button";
    b.addEventListener("click", function () { select(id, true); });
    return b;
  }

  // A sentence with [start, end) ranges marked; ranges come from the mention offsets or a name search.
  function sentenceItem(sentIndex, ranges) {
    var s = data.sents[sentIndex];
    var text = s[0];
    var li = el("li");
    var p = el("span", null, "sentence");
    ranges = (ranges || []).filter(function (r) { return r[0] >= 0 && r[1] <= text.length && r[0] < r[1]; });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return;
      p.append(document.createTextNode(visibleText(text.slice(at, r[0]))));
      p.append(el("mark", text.slice(r[0], r[1])));
      at = r[1];
    });
    p.append(document.createTextNode(visibleText(text.slice(at))));
    li.append(p);
    if (s[1] !== null && s[1] !== undefined) li.append(el("span", "—— " + data.docs[s[1]], "source"));
    return li;
  }

  function namesOf(id) {
    var n = data.nodes[id];
    return [n.l].concat(n.a || []);
  }

  function findAll(text, names) {
    var ranges = [];
    names.forEach(function (name) {
      if (!name) return;
      var from = 0;
      for (;;) {
        var k = text.indexOf(name, from);
        if (k < 0) break;
        ranges.push([k, k + name.length]);
        from = k + name.length;
      }
    });
    return ranges;
  }

  function row(dl, term, value) {
    dl.append(el("dt", term));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = visibleText(value);
    else dd.append(value);
    dl.append(dd);
  }

  function showNode(id) {
    var n = data.nodes[id];
    var t = typeOf(id);
    panel.textContent = "";
    panel.dataset.node = String(id);
    delete panel.dataset.edge;
    var h = el("h2", n.l, "name");
    panel.append(h);
    var dl = el("dl");
    row(dl, "类型", [t.label].concat(n.st || []).join(" · "));
    if (n.a && n.a.length) row(dl, "别名", n.a.join("、"));
    if (n.c) row(dl, "区划代码", n.c);
    if (n.n) row(dl, "汇总", n.n.toLocaleString() + " 个" + data.types[n.of].label);
    row(dl, "提及", n.m.toLocaleString() + " 次");
    row(dl, "关系", adjacency[id].length.toLocaleString() + " 条");
    panel.append(dl);

    var actions = el("p");
    var focusButton = el("button", "聚焦邻域");
    focusButton.type = "button";
    focusButton.addEventListener("click", function () { focusOn(id, hopsValue()); });
    actions.append(focusButton);
    panel.append(actions);

    if (n.mem) {
      panel.append(el("h3", "包含（" + n.mem.length.toLocaleString() + (n.n > n.mem.length ? " / " + n.n.toLocaleString() : "") + "）"));
      var ul = el("ul");
      n.mem.forEach(function (name) { ul.append(el("li", name, "name")); });
      panel.append(ul);
    }

    // Relations grouped by kind, outgoing first.
    var byKind = {};
    var order = [];
    adjacency[id].forEach(function (eid) {
      var e = data.edges[eid];
      var key = e.k;
      if (!byKind[key]) {
        byKind[key] = [];
        order.push(key);
      }
      byKind[key].push(eid);
    });
    order.sort(function (a, b) { return a - b; });
    order.forEach(function (key) {
      var list = byKind[key];
      var kind = key < 0 ? { label: "汇总" } : data.kinds[key];
      panel.append(el("h3", kind.label + "（" + list.length + "）"));
      var ul = el("ul");
      list.slice(0, 200).forEach(function (eid) {
        var e = data.edges[eid];
        var out = e.f === id;
        var li = el("li");
        li.append(el("span", out ? "→ " : "← "));
        if (e.r) li.append(el("span", e.r + " ", "role"));
        li.append(nodeLink(out ? e.to : e.f));
        var edgeButton = el("button", "出处", "link evidence");
        edgeButton.type = "button";
        edgeButton.addEventListener("click", function () { selectEdge(eid); });
        if (e.ev) li.append(edgeButton);
        ul.append(li);
      });
      if (list.length > 200) ul.append(el("li", "…… 另 " + (list.length - 200) + " 条", "hint"));
      panel.append(ul);
    });

    if (n.ev && n.ev.length) {
      panel.append(el("h3", "出处（" + n.ev.length + (n.m > n.ev.length ? " / " + n.m : "") + "）"));
      var sl = el("ul");
      n.ev.forEach(function (ev) {
        var text = data.sents[ev[0]][0];
        var ranges = ev.length === 3 ? [[ev[1], ev[2]]] : findAll(text, namesOf(id));
        sl.append(sentenceItem(ev[0], ranges));
      });
      panel.append(sl);
    }
    if (n.iri) panel.append(el("p", n.iri, "iri"));
  }

  function showEdge(eid) {
    var e = data.edges[eid];
    panel.textContent = "";
    panel.dataset.edge = String(eid);
    delete panel.dataset.node;
    var kind = kindOf(e);
    panel.append(el("h2", kind ? edgeLabel(e) : "汇总"));
    var p = el("p");
    p.append(nodeLink(e.f), el("span", " → "), nodeLink(e.to));
    panel.append(p);
    if (e.r) {
      var dl = el("dl");
      row(dl, "职务", e.r);
      panel.append(dl);
    }
    if (e.ev && e.ev.length) {
      panel.append(el("h3", "证据（" + e.ev.length + "）"));
      var names = namesOf(e.f).concat(namesOf(e.to));
      if (e.r) names.push(e.r);
      var ul = el("ul");
      e.ev.forEach(function (s) { ul.append(sentenceItem(s, findAll(data.sents[s][0], names))); });
      panel.append(ul);
    } else if (kind) {
      panel.append(el("p", "没有记录出处句子。", "hint"));
    }
  }

  function select(id, move) {
    if (nodeHidden[id]) {
      change(function (s) {
        s.focus = null;
        s.types[data.nodes[id].t] = true;
      }, false);
    }
    selected = id;
    network.selectNodes([id]);
    document.getElementById("focus").disabled = false;
    showNode(id);
    if (move) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }

  function selectEdge(eid) {
    var e = data.edges[eid];
    if (edgeHidden[eid] || nodeHidden[e.f] || nodeHidden[e.to]) {
      change(function (s) {
        s.focus = null;
        if (e.k >= 0) s.kinds[e.k] = true;
        s.types[data.nodes[e.f].t] = true;
        s.types[data.nodes[e.to].t] = true;
      }, false);
    }
    network.selectEdges([eid]);
    showEdge(eid);
  }

  network.on("click", function (params) {
    if (params.nodes.length) select(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
  });

  // ------------------------------------------------------------------ search

  var index = [];
  data.nodes.forEach(function (n, id) {
    index.push([norm(n.l), id, n.l, null]);
    (n.a || []).forEach(function (a) { index.push([norm(a), id, a, "别名"]); });
    (n.mem || []).forEach(function (m) { index.push([norm(m), id, m, "汇总于「" + n.l + "」"]); });
  });

  function search(query, limit) {
    var q = norm(query);
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var at = entry[0].indexOf(q);
      if (at < 0) return;
      var rank = entry[0] === q ? 0 : at === 0 ? 1 : 2;
      hits.push({ rank: rank, id: entry[1], name: entry[2], note: entry[3], degree: data.nodes[entry[1]].d || 0 });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.degree - a.degree || a.id - b.id; });
    var seen = {};
    var out = [];
    for (var k = 0; k < hits.length && out.length < (limit || 30); k++) {
      if (seen[hits[k].id]) continue;
      seen[hits[k].id] = true;
      out.push(hits[k]);
    }
    return out;
  }

  var input = document.getElementById("search");
  var results = document.getElementById("results");

  function showResults() {
    var hits = search(input.value, 30);
    results.textContent = "";
    if (!input.value.trim()) {
      results.hidden = true;
      return;
    }
    if (!hits.length) results.append(el("li", "没有匹配的名称", "hint"));
    hits.forEach(function (hit) {
      var b = el("button");
      b.type = "button";
      var glyph = el("span", typeOf(hit.id).glyph, "glyph");
      glyph.style.color = typeOf(hit.id).color;
      b.append(glyph, el("span", hit.name, "name"));
      if (hit.note) b.append(el("span", "（" + hit.note + (hit.note === "别名" ? "：" + data.nodes[hit.id].l : "") + "）", "role"));
      b.addEventListener("click", function () {
        results.hidden = true;
        select(hit.id, true);
      });
      var li = el("li");
      li.append(b);
      results.append(li);
    });
    results.hidden = false;
  }

  input.addEventListener("input", function (event) {
    if (event.isComposing) return; // wait for the IME to commit the Chinese characters
    showResults();
  });
  input.addEventListener("compositionend", showResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.isComposing) {
      var hits = search(input.value, 1);
      if (hits.length) {
        results.hidden = true;
        select(hits[0].id, true);
      }
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  document.addEventListener("click", function (event) {
    if (!document.getElementById("search-box").contains(event.target)) results.hidden = true;
  });

  // ------------------------------------------------------------------ toolbar

  function hopsValue() {
    return parseInt(document.getElementById("hops").value, 10) || 1;
  }
  document.getElementById("focus").addEventListener("click", function () {
    if (selected !== null) focusOn(selected, hopsValue());
  });
  document.getElementById("back").addEventListener("click", back);
  document.getElementById("fit").addEventListener("click", function () { network.fit({ animation: false }); });
  document.getElementById("title").textContent = visibleText(data.title);
  if (data.notice) {
    var notice = document.getElementById("notice");
    notice.textContent = data.notice;
    notice.hidden = false;
  }

  apply(false);
  network.fit({ animation: false });
  updateArrows();

  // For notebooks, tests and benchmarks.
  window.kgExplorer = {
    data: data,
    network: network,
    nodes: nodes,
    edges: edges,
    select: select,
    selectEdge: selectEdge,
    search: search,
    focus: focusOn,
    back: back,
    setType: function (key, on) {
      var k = data.types.findIndex(function (t) { return t.key === key; });
      if (k >= 0) change(function (s) { s.types[k] = !!on; }, false);
    },
    setKind: function (key, on) {
      var k = data.kinds.findIndex(function (t) { return t.key === key; });
      if (k >= 0) change(function (s) { s.kinds[k] = !!on; }, false);
    },
    visibleNodes: function () {
      var out = [];
      for (var i = 0; i < N; i++) if (!nodeHidden[i]) out.push(i);
      return out;
    }
  };
})();
