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

  // Summary nodes (n: how many entities they fold) and their members (g: the summary node),
  // which join the drawing only when their summary node is expanded.
  var members = {};
  data.nodes.forEach(function (n, id) {
    if (n.g !== undefined) (members[n.g] = members[n.g] || []).push(id);
  });

  var adjacency = [];
  for (var i = 0; i < N; i++) adjacency.push([]);
  data.edges.forEach(function (e, id) {
    adjacency[e.f].push(id);
    adjacency[e.to].push(id);
  });

  function summaryLabel(id, open) {
    return canvasText(data.nodes[id].l, 24) + (open ? " · 收起" : " · 展开");
  }

  function labelOf(id) {
    return data.nodes[id].n ? summaryLabel(id, false) : canvasText(data.nodes[id].l, 24);
  }

  function nodeItem(id, x, y) {
    var n = data.nodes[id];
    var size = Math.min(34, 7 + 3.2 * Math.sqrt(n.d || 0));
    if (n.n) size = Math.min(34, 8 + 2.5 * Math.sqrt(n.n));
    return { id: id, label: labelOf(id), group: data.types[n.t].key, x: x, y: y, size: size };
  }

  function edgeItem(id, hidden) {
    var e = data.edges[id];
    var kind = kindOf(e);
    return {
      id: id,
      from: e.f,
      to: e.to,
      hidden: hidden,
      label: canvasText(edgeLabel(e), 16) || undefined,
      color: { color: kind ? kind.color : "#d0d0d0", highlight: "#222" },
      arrows: kind ? undefined : { to: { enabled: false } }
    };
  }

  // Which nodes and edges the vis-network data sets hold (members are added on first expansion).
  var inSet = new Uint8Array(N);
  var edgeInSet = new Uint8Array(M);
  var nodeItems = [];
  data.nodes.forEach(function (n, id) {
    if (n.g === undefined) {
      inSet[id] = 1;
      nodeItems.push(nodeItem(id, n.x, n.y));
    }
  });
  var edgeItems = [];
  data.edges.forEach(function (e, id) {
    if (inSet[e.f] && inSet[e.to]) {
      edgeInSet[id] = 1;
      edgeItems.push(edgeItem(id, false));
    }
  });

  var groups = {};
  data.types.forEach(function (t) {
    groups[t.key] = {
      shape: t.shape,
      color: { background: t.color, border: "#ffffff", highlight: { background: t.color, border: "#222" } }
    };
  });

  var NODE_FONT = 14;
  var EDGE_FONT = 11;
  var LABEL_FROM = 8; // vis-network draws a label from font size × zoom ≥ drawThreshold − 1
  var SELECTED_WIDTH = 2; // a selected edge's width

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
        hideEdgesOnDrag: false,
        hideEdgesOnZoom: false,
        multiselect: false,
        selectConnectedEdges: true,
        tooltipDelay: 400
      },
      nodes: {
        borderWidth: 1,
        shadow: false,
        font: { face: FONT, size: NODE_FONT, color: "#222", strokeWidth: 0, background: "rgba(255,255,255,0.8)" },
        scaling: { label: { drawThreshold: 9 } }
      },
      edges: {
        smooth: false,
        width: 1,
        selectionWidth: SELECTED_WIDTH,
        shadow: false,
        arrows: { to: { enabled: true, scaleFactor: 0.45 } },
        font: { face: FONT, size: EDGE_FONT, color: "#555", strokeWidth: 0, background: "rgba(255,255,255,0.8)", align: "horizontal" },
        scaling: { label: { drawThreshold: 9 } }
      }
    }
  );

  // ------------------------------------------------------------------ drawing

  // vis-network draws every edge on every frame, on screen or not, and every node, arrowhead
  // and label with its own path, colour parsing and save/restore; and it draws labels at
  // font size × zoom pixels, so that each zoom step shapes and rasterises their glyphs at a new
  // size. Its canvas renderer gets three replacements that keep frames short with thousands of
  // nodes:
  // * edges: only the part of each line inside the view is stroked, at most 1 pixel wide, as one
  //   path per colour;
  // * arrowheads: vis-network's shape and place (the tip on the border of the node's box),
  //   filled as one path per colour, only those whose tip is in view;
  // * selected edges (those of a selected node) likewise, in their highlight colour and
  //   vis-network's selection width, their labels bold;
  // * nodes: those smaller than DOT pixels as one path of squares per colour, larger ones as
  //   one path per shape and colour (vis-network's shapes), filled and outlined once;
  // * labels (drawLabels): in screen pixels at a few fixed sizes, their widths measured once.
  // Selected nodes are drawn by vis-network, in full (and edges from a node to itself).
  var DETAIL = 0.4; // zoomed out below this, no arrowheads (they would not be legible)
  var DOT = 2.5;
  var MIN_DOT = 1.5;
  var LINE_PX = 0.6; // the thinnest line, in pixels (vis-network: 0.3)
  var ARROW = 15 * 0.45; // vis-network's arrowhead: 15 × scaleFactor + 3 × line width long
  var renderer = network.renderer;
  var fast =
    !!renderer && !!network.body && !!network.canvas &&
    typeof renderer._drawEdges === "function" &&
    typeof renderer._drawNodes === "function" &&
    typeof renderer._drawArrows === "function";

  // vis-network's node shapes (its canvas shape functions), added to a path without closing it.
  var SIN6 = [];
  var COS6 = [];
  var SIN10 = [];
  var COS10 = [];
  for (var a6 = 0; a6 < 10; a6++) {
    SIN6.push(Math.sin((a6 * Math.PI) / 3));
    COS6.push(Math.cos((a6 * Math.PI) / 3));
    SIN10.push(Math.sin((a6 * Math.PI) / 5));
    COS10.push(Math.cos((a6 * Math.PI) / 5));
  }
  var SQRT3 = Math.sqrt(3);
  var SHAPES = {
    dot: function (p, x, y, r) {
      p.moveTo(x + r, y);
      p.arc(x, y, r, 0, 2 * Math.PI);
    },
    square: function (p, x, y, r) {
      p.rect(x - r, y - r, 2 * r, 2 * r);
    },
    diamond: function (p, x, y, r) {
      p.moveTo(x, y + r);
      p.lineTo(x + r, y);
      p.lineTo(x, y - r);
      p.lineTo(x - r, y);
      p.closePath();
    },
    hexagon: function (p, x, y, r) {
      p.moveTo(x + r, y);
      for (var k = 1; k < 6; k++) p.lineTo(x + r * COS6[k], y + r * SIN6[k]);
      p.closePath();
    },
    star: function (p, x, y, r) {
      r *= 0.82;
      y += 0.1 * r;
      p.moveTo(x, y - 1.3 * r);
      for (var k = 1; k < 10; k++) {
        var s = k % 2 === 0 ? 1.3 * r : 0.5 * r;
        p.lineTo(x + s * SIN10[k], y - s * COS10[k]);
      }
      p.closePath();
    },
    triangle: function (p, x, y, r) {
      r *= 1.15;
      y += 0.275 * r;
      var s = r / SQRT3;
      p.moveTo(x, y - (SQRT3 * r - s));
      p.lineTo(x + r, y + s);
      p.lineTo(x - r, y + s);
      p.closePath();
    },
    triangleDown: function (p, x, y, r) {
      r *= 1.15;
      y -= 0.275 * r;
      var s = r / SQRT3;
      p.moveTo(x, y + (SQRT3 * r - s));
      p.lineTo(x + r, y - s);
      p.lineTo(x - r, y - s);
      p.closePath();
    }
  };

  // While the view is dragged or zoomed, no labels: text is most of a frame's cost.
  function moving(renderer) {
    return renderer.dragging === true || renderer.zooming === true;
  }

  // The view, widened by margin pixels, in canvas units.
  function viewArea(margin) {
    var canvas = network.canvas;
    var element = canvas.frame.canvas;
    var topLeft = canvas.DOMtoCanvas({ x: -margin, y: -margin });
    var bottomRight = canvas.DOMtoCanvas({ x: element.clientWidth + margin, y: element.clientHeight + margin });
    return { left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y };
  }

  // Liang–Barsky: clip(…) tells whether a line crosses the view v; if so, [t0, t1] is the part
  // of it inside (0 = its start, 1 = its end).
  var t0 = 0;
  var t1 = 1;
  function clipSide(p, q) {
    if (p === 0) return q >= 0;
    var r = q / p;
    if (p < 0) {
      if (r > t1) return false;
      if (r > t0) t0 = r;
    } else {
      if (r < t0) return false;
      if (r < t1) t1 = r;
    }
    return true;
  }
  function clip(ax, ay, bx, by, v) {
    var dx = bx - ax;
    var dy = by - ay;
    t0 = 0;
    t1 = 1;
    return clipSide(-dx, ax - v.left) && clipSide(dx, v.right - ax) && clipSide(-dy, ay - v.top) && clipSide(dy, v.bottom - ay);
  }

  // ------------------------------------------------------------------ labels

  // Where the zoom makes them legible (font size × zoom ≥ LABEL_FROM), node labels first (the
  // selected node, then the best connected), then relation labels in the space left off the
  // nodes' shapes; a label that would overlap one drawn already is left out (zoom in to see it).
  // Zoomed out further, the best-connected nodes in view keep their names at a fixed
  // OVERVIEW_PX, as many as fit (at most OVERVIEW_LABELS). Labels are drawn in screen pixels at
  // the nearest size of SIZES at or below font size × zoom: a handful of sizes, whose glyphs
  // stay rasterised from one frame to the next, instead of a new size at each zoom step.
  var OVERVIEW_LABELS = 150;
  var OVERVIEW_PX = 12;
  var SIZES = [8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 23, 26, 30];
  var CELL = 8;
  var BOX = "rgba(255,255,255,0.8)";
  var ranked = data.nodes.map(function (n, id) { return id; });
  ranked.sort(function (a, b) {
    var p = data.nodes[a];
    var q = data.nodes[b];
    return (q.n ? 0 : 1) - (p.n ? 0 : 1) || (q.d || 0) - (p.d || 0) || q.m - p.m || a - b;
  });
  var rankOf = new Int32Array(N);
  ranked.forEach(function (id, k) { rankOf[id] = k; });
  var overviewShown = []; // [node, left, top, width, height] in pixels, of the last frame
  var shownBoxes = []; // [text, left, top, width, height]: the labels placed in the last frame
  var shownLabels = 0;

  function labelSize(px) {
    for (var k = SIZES.length - 1; k > 0; k--) if (SIZES[k] <= px) return SIZES[k];
    return SIZES[0];
  }

  // Widths of label texts at REF pixels (a text's width grows with its size).
  var REF = 20;
  var widths = new Map();
  var measurer = document.createElement("canvas").getContext("2d");
  measurer.font = REF + "px " + FONT;
  function widthAt(text, px) {
    var w = widths.get(text);
    if (w === undefined) {
      w = measurer.measureText(text).width;
      widths.set(text, w);
    }
    return Math.ceil((w * px) / REF) + 4;
  }

  function drawLabels(ctx, scale, chosen) {
    var canvas = network.canvas;
    var element = canvas.frame.canvas;
    var width = element.clientWidth;
    var height = element.clientHeight;
    var cols = Math.ceil(width / CELL) + 1;
    var rows = Math.ceil(height / CELL) + 1;
    var taken = new Uint8Array(cols * rows);
    var shift = network.body.view.translation;
    // Claim the grid cells of a box in pixels if it is on screen, if only in part, and all are
    // free (or if forced).
    function claim(left, top, w, h, force) {
      if (left + w <= 0 || top + h <= 0 || left >= width || top >= height) return false;
      var x0 = Math.max(0, Math.floor(left / CELL));
      var y0 = Math.max(0, Math.floor(top / CELL));
      var x1 = Math.min(cols - 1, Math.floor((left + w) / CELL));
      var y1 = Math.min(rows - 1, Math.floor((top + h) / CELL));
      var cx, cy;
      if (!force) {
        for (cy = y0; cy <= y1; cy++) for (cx = x0; cx <= x1; cx++) if (taken[cy * cols + cx]) return false;
      }
      for (cy = y0; cy <= y1; cy++) for (cx = x0; cx <= x1; cx++) taken[cy * cols + cx] = 1;
      return true;
    }
    shownLabels = 0;
    shownBoxes = [];
    overviewShown = [];
    // The selected node's label: vis-network's (bold), first.
    chosen.forEach(function (item) {
      item[1]();
      var size = item[0].labelModule.size;
      if (item[0].options.label && size.width) {
        claim(size.left * scale + shift.x, size.top * scale + shift.y, size.width * scale, size.height * scale, true);
        shownLabels++;
      }
    });
    var boxes = [];
    var nodeText = [];
    var edgeText = [];
    var chosenText = [];
    var nodePx = OVERVIEW_PX;
    var edgePx = 0;
    var place = function (text, left, top, w, h, into) {
      if (!claim(left, top, w, h, false)) return false;
      boxes.push(left, top, w, h);
      shownBoxes.push([text, left, top, w, h]);
      into.push(text, left + 2, top + 1);
      shownLabels++;
      return true;
    };
    if (NODE_FONT * scale >= LABEL_FROM) {
      nodePx = labelSize(Math.min(30, NODE_FONT * scale));
      var candidates = frame.nodes.slice().sort(function (a, b) { return rankOf[a.id] - rankOf[b.id]; });
      candidates.forEach(function (node) {
        var text = node.options.label;
        if (!text) return;
        var w = widthAt(text, nodePx);
        var left = Math.round(node.x * scale + shift.x - w / 2);
        var top = Math.round((node.y + node.options.size) * scale + shift.y) + 3;
        place(text, left, top, w, nodePx + 3, nodeText);
      });
      // Relation labels keep off the nodes' shapes too.
      frame.nodes.concat(chosen.map(function (item) { return item[0]; })).forEach(function (node) {
        var r = node.options.size * scale;
        claim(node.x * scale + shift.x - r, node.y * scale + shift.y - r, 2 * r, 2 * r, true);
      });
      // Those of selected edges first (bold: a little wider).
      edgePx = labelSize(Math.min(30, EDGE_FONT * scale));
      var edgeLabel = function (edge, into, wider) {
        var text = edge.options.label;
        var w = Math.ceil(widthAt(text, edgePx) * wider);
        var x = ((edge.from.x + edge.to.x) / 2) * scale + shift.x;
        var y = ((edge.from.y + edge.to.y) / 2) * scale + shift.y;
        place(text, Math.round(x - w / 2), Math.round(y - (edgePx + 3) / 2), w, edgePx + 3, into);
      };
      frame.chosenEdges.forEach(function (edge) { edgeLabel(edge, chosenText, 1.1); });
      frame.edges.forEach(function (edge) { edgeLabel(edge, edgeText, 1); });
    } else {
      var all = network.body.nodes;
      for (var k = 0; k < ranked.length && overviewShown.length < OVERVIEW_LABELS; k++) {
        var id = ranked[k];
        var node = all[id];
        if (!node || node.options.hidden || !node.options.label) continue;
        var x = node.x * scale + shift.x;
        var y = node.y * scale + shift.y;
        if (x < 0 || y < 0 || x > width || y > height) continue;
        var w = widthAt(node.options.label, OVERVIEW_PX);
        var left = Math.round(x - w / 2);
        var top = Math.round(y + Math.max(node.options.size * scale, MIN_DOT)) + 2;
        if (place(node.options.label, left, top, w, OVERVIEW_PX + 3, nodeText)) overviewShown.push([id, left, top, w, OVERVIEW_PX + 3]);
      }
    }
    frame.nodes = [];
    frame.edges = [];
    frame.chosenEdges = [];
    if (!boxes.length) return;
    // Boxes, then texts, each style in one go, in pixels.
    ctx.save();
    var ratio = canvas.pixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = BOX;
    ctx.beginPath();
    for (var b = 0; b < boxes.length; b += 4) ctx.rect(boxes[b], boxes[b + 1], boxes[b + 2], boxes[b + 3]);
    ctx.fill();
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    texts(ctx, nodeText, nodePx + "px " + FONT, "#222");
    texts(ctx, edgeText, edgePx + "px " + FONT, "#555");
    texts(ctx, chosenText, "bold " + edgePx + "px " + FONT, "#222");
    ctx.restore();
  }

  function texts(ctx, list, font, colour) {
    if (!list.length) return;
    ctx.font = font;
    ctx.fillStyle = colour;
    for (var j = 0; j < list.length; j += 3) ctx.fillText(list[j], list[j + 1], list[j + 2]);
  }

  // The first frame to show labels at a size measures their texts, and rasterises their glyphs
  // at that size (Chinese glyphs are costly to rasterise). After the first frame, in idle time
  // a few milliseconds at a time, the page measures every label (best connected first), then
  // draws the characters of the relation labels and of the WARM_LABELS best-connected labels
  // at the sizes zooming in reaches first, a few at a time on a canvas of its own: the browser
  // keeps the glyphs for the graph's canvas.
  var WARM_SLICE = 4; // milliseconds
  var WARM_LABELS = 2000;
  var WARM_GLYPHS = 6000; // at most, all sizes together
  var warm = { done: false };
  function warmUp() {
    var idle = window.requestIdleCallback
      ? function (f) { window.requestIdleCallback(f, { timeout: 1000 }); }
      : function (f) { setTimeout(f, 50); };
    var pad = document.createElement("canvas");
    pad.width = 64;
    pad.height = 64;
    var padCtx = pad.getContext("2d");
    var ratio = window.devicePixelRatio || 1;
    padCtx.setTransform(ratio, 0, 0, ratio, 0, 0);
    padCtx.textBaseline = "top";
    var sizes = [];
    [NODE_FONT, EDGE_FONT, 8, 9, 10, 11, 12, 13, 16, 18, 20, 23, 26, 30].forEach(function (px) {
      if (sizes.indexOf(labelSize(px)) < 0) sizes.push(labelSize(px));
    });
    var seen = new Set();
    var chars = [];
    function add(text) {
      Array.from(text).forEach(function (ch) {
        if (!seen.has(ch) && ch.trim()) {
          seen.add(ch);
          chars.push(ch);
        }
      });
    }
    data.kinds.forEach(function (kind) { add(kind.label); });
    var roles = new Set();
    data.edges.forEach(function (e) { if (e.r) roles.add(e.r); });
    roles.forEach(add);
    var k = 0; // labels measured
    var c = 0; // characters drawn at sizes[s]
    var s = 0;
    var budget = WARM_GLYPHS;
    function slice(deadline) {
      var left = deadline && deadline.timeRemaining ? deadline.timeRemaining() : WARM_SLICE;
      var until = performance.now() + Math.min(WARM_SLICE, left);
      do {
        if (k < ranked.length) {
          var text = labelOf(ranked[k]);
          widthAt(text, REF);
          if (k < WARM_LABELS) add(text);
          k++;
          continue;
        }
        if (s >= sizes.length || budget <= 0) {
          warm.done = true;
          return;
        }
        padCtx.font = sizes[s] + "px " + FONT;
        padCtx.clearRect(0, 0, 64, 64);
        for (var j = 0; j < 4 && c < chars.length; j++, c++) padCtx.fillText(chars[c], 0, 0);
        budget -= j;
        padCtx.getImageData(0, 0, 1, 1); // rasterised now, not with the next frame
        if (c >= chars.length) {
          c = 0;
          s++;
        }
      } while (performance.now() < until);
      idle(slice);
    }
    idle(slice);
  }

  // Lines as [x0, y0, x1, y1, …] per colour, one path each.
  function strokeLines(ctx, lines, width) {
    ctx.lineWidth = width;
    Object.keys(lines).forEach(function (colour) {
      var p = lines[colour];
      ctx.strokeStyle = colour;
      ctx.beginPath();
      for (var j = 0; j < p.length; j += 4) {
        ctx.moveTo(p[j], p[j + 1]);
        ctx.lineTo(p[j + 2], p[j + 3]);
      }
      ctx.stroke();
    });
  }

  // Arrowheads as [tip x, tip y, direction x, direction y, …] per colour, one path each, in
  // vis-network's shape: (0, 0), (-1, 0.3), (-0.9, 0), (-1, -0.3) × length, turned along the line.
  function fillHeads(ctx, heads, length) {
    Object.keys(heads).forEach(function (colour) {
      var h = heads[colour];
      ctx.fillStyle = colour;
      ctx.beginPath();
      for (var j = 0; j < h.length; j += 4) {
        var x = h[j];
        var y = h[j + 1];
        var cx = h[j + 2] * length;
        var cy = h[j + 3] * length;
        ctx.moveTo(x, y);
        ctx.lineTo(x - cx - 0.3 * cy, y - cy + 0.3 * cx);
        ctx.lineTo(x - 0.9 * cx, y - 0.9 * cy);
        ctx.lineTo(x - cx + 0.3 * cy, y - cy - 0.3 * cx);
        ctx.closePath();
      }
      ctx.fill();
    });
  }

  // What the last frame drew, for the labels and arrowheads drawn after it.
  var frame = { nodes: [], edges: [], chosenEdges: [], styles: [], picture: "none", strips: null, blit: null };

  var plain = fast ? { edges: renderer._drawEdges, arrows: renderer._drawArrows, nodes: renderer._drawNodes } : null;
  var quick = {};

  // Switch between the quick drawing and vis-network's own (for tests and benchmarks).
  function setFast(on) {
    if (!plain) return false;
    var use = on ? quick : plain;
    renderer._drawEdges = use.edges;
    renderer._drawArrows = use.arrows;
    renderer._drawNodes = use.nodes;
    network.redraw();
    return !!on;
  }

  // While the view is dragged or zoomed, a frame shows the picture the canvas held when the
  // gesture began (labels and all), moved and scaled to the view, and draws afresh only the
  // strips the move has brought into view (clipped to them). Between PICTURE_ZOOM and its
  // inverse of the picture's zoom, and while those strips are at most PICTURE_FRESH of the
  // view; beyond, the frame is drawn in full and becomes the picture. Not while nodes are
  // dragged, nor if anything changed since the last frame; when the gesture ends the next frame
  // is drawn in full, labels laid out anew.
  var PICTURE_ZOOM = 2.5;
  var PICTURE_FRESH = 0.6;
  var picture = { canvas: null, ok: false, scale: 1, x: 0, y: 0 };
  var lastView = null; // the view the canvas shows
  var changed = true; // since the last frame
  var retake = false; // the last frame was drawn in full while moving: take it

  function draggingNodes() {
    var handler = network.interactionHandler;
    if (!handler || !handler.drag) return true;
    var box = network.body.selectionBox;
    return (handler.drag.selection && handler.drag.selection.length > 0) || !!(box && box.show);
  }

  function takePicture() {
    var source = network.canvas.frame.canvas;
    if (!picture.canvas) picture.canvas = document.createElement("canvas");
    var c = picture.canvas;
    if (c.width !== source.width || c.height !== source.height) {
      c.width = source.width;
      c.height = source.height;
    }
    var pctx = c.getContext("2d");
    pctx.clearRect(0, 0, c.width, c.height);
    pctx.drawImage(source, 0, 0);
    picture.scale = lastView.scale;
    picture.x = lastView.x;
    picture.y = lastView.y;
    picture.ok = true;
    retake = false;
  }

  if (fast) {
    network.on("initRedraw", function () {
      if (!moving(renderer) || draggingNodes() || changed || !lastView || renderer._drawEdges !== quick.edges) {
        picture.ok = false;
        return;
      }
      if (!picture.ok || retake) takePicture();
    });
    nodes.on("*", function () { changed = true; });
    edges.on("*", function () { changed = true; });
    ["resize", "select", "deselectNode", "deselectEdge"].forEach(function (name) {
      network.on(name, function () { changed = true; });
    });
  }

  // Whether the picture serves this moving frame: "all" (nothing else to draw), "part" (what
  // reaches into the strips around it to draw first: frame.strips), or "none". quick.arrows
  // draws it, over what was drawn (where the picture is transparent, what shows through is
  // where the picture has it too).
  function pictureMode(body) {
    frame.strips = null;
    if (!picture.ok || !moving(renderer) || draggingNodes()) return "none";
    var view = body.view;
    var k = view.scale / picture.scale;
    if (k > PICTURE_ZOOM || k < 1 / PICTURE_ZOOM) return "none";
    var ratio = network.canvas.pixelRatio || 1;
    var width = network.canvas.frame.canvas.width; // device pixels
    var height = network.canvas.frame.canvas.height;
    // A point at p on the picture's screen is at k × p + shift now (device pixels; a pan by
    // whole pixels, so that the picture is copied, not resampled).
    var left = (view.translation.x - k * picture.x) * ratio;
    var top = (view.translation.y - k * picture.y) * ratio;
    if (k === 1) {
      left = Math.round(left);
      top = Math.round(top);
    }
    frame.blit = [left, top, picture.canvas.width * k, picture.canvas.height * k];
    // The strips the picture leaves bare.
    var l = Math.min(width, Math.max(0, Math.ceil(left)));
    var t = Math.min(height, Math.max(0, Math.ceil(top)));
    var r = Math.max(l, Math.min(width, Math.floor(left + frame.blit[2])));
    var b = Math.max(t, Math.min(height, Math.floor(top + frame.blit[3])));
    var strips = [];
    if (t > 0) strips.push([0, 0, width, t]);
    if (b < height) strips.push([0, b, width, height - b]);
    if (l > 0 && b > t) strips.push([0, t, l, b - t]);
    if (r < width && b > t) strips.push([r, t, width - r, b - t]);
    var bare = 0;
    strips.forEach(function (x) { bare += x[2] * x[3]; });
    if (bare > PICTURE_FRESH * width * height) return "none";
    if (!strips.length) return "all";
    // The strips in canvas units, 4 pixels wider, for what to draw in them.
    var unit = 1 / (ratio * view.scale);
    var margin = 4 / view.scale;
    frame.strips = strips.map(function (x) {
      var x0 = x[0] * unit - view.translation.x / view.scale;
      var y0 = x[1] * unit - view.translation.y / view.scale;
      return { left: x0 - margin, top: y0 - margin, right: x0 + x[2] * unit + margin, bottom: y0 + x[3] * unit + margin };
    });
    return "part";
  }

  function drawPicture(ctx) {
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(picture.canvas, frame.blit[0], frame.blit[1], frame.blit[2], frame.blit[3]);
    ctx.restore();
  }

  // Whether a line reaches into one of the strips, and a box overlaps one (each strip widened
  // by a few pixels, for line widths and node borders).
  function lineInStrips(ax, ay, bx, by) {
    var strips = frame.strips;
    for (var j = 0; j < strips.length; j++) {
      var x = strips[j];
      if (Math.max(ax, bx) < x.left || Math.min(ax, bx) > x.right || Math.max(ay, by) < x.top || Math.min(ay, by) > x.bottom) continue;
      if (clip(ax, ay, bx, by, x)) return true;
    }
    return false;
  }

  function boxInStrips(box) {
    var strips = frame.strips;
    for (var j = 0; j < strips.length; j++) {
      var x = strips[j];
      if (box.right >= x.left && box.left <= x.right && box.bottom >= x.top && box.top <= x.bottom) return true;
    }
    return false;
  }

  if (fast) {
    var drawNodes = plain.nodes;
    quick.edges = function (ctx) {
      frame.picture = pictureMode(this.body);
      if (frame.picture === "all") return;
      if (frame.picture === "none" && moving(this)) retake = true;
      var all = this.body.edges;
      var ids = this.body.edgeIndices;
      var scale = this.body.view.scale;
      var v = viewArea(4);
      var labelled = scale * EDGE_FONT >= LABEL_FROM && !moving(this);
      var detail = scale >= DETAIL;
      var plainStyle = { lines: {}, heads: {} };
      var chosenStyle = { lines: {}, heads: {} };
      var full = [];
      frame.edges = [];
      frame.chosenEdges = [];
      var left = v.left;
      var right = v.right;
      var top = v.top;
      var bottom = v.bottom;
      for (var k = 0; k < ids.length; k++) {
        var edge = all[ids[k]];
        if (edge.connected !== true) continue;
        var a = edge.from;
        var b = edge.to;
        var ax = a.x;
        var ay = a.y;
        var bx = b.x;
        var by = b.y;
        if ((ax < left && bx < left) || (ax > right && bx > right) || (ay < top && by < top) || (ay > bottom && by > bottom)) continue;
        var dx = bx - ax;
        var dy = by - ay;
        var from = 0;
        var till = 1;
        // Clipped only where an end lies outside the view (zoomed out, none does).
        if (ax < left || ax > right || ay < top || ay > bottom || bx < left || bx > right || by < top || by > bottom) {
          if (!clip(ax, ay, bx, by, v)) continue;
          from = t0;
          till = t1;
        }
        if (frame.strips && !lineInStrips(ax, ay, bx, by)) continue;
        if (edge.hover || a === b) {
          full.push(edge);
          continue;
        }
        var chosen = edge.selected === true;
        var style = chosen ? chosenStyle : plainStyle;
        var colour = chosen ? edge.options.color.highlight : edge.options.color.color;
        (style.lines[colour] || (style.lines[colour] = [])).push(ax + from * dx, ay + from * dy, ax + till * dx, ay + till * dy);
        var to = edge.options.arrows.to;
        if ((detail || chosen) && (to === true || to.enabled === true)) {
          // vis-network puts the tip where the line meets the node's box (plus its border).
          var d = Math.sqrt(dx * dx + dy * dy);
          var ux = dx / d;
          var uy = dy / d;
          var r = b.options.size;
          var border = Math.min(Math.abs(r / ux), Math.abs(r / uy)) + b.options.borderWidth;
          var x = b.x - ux * border;
          var y = b.y - uy * border;
          if (x >= v.left && x <= v.right && y >= v.top && y <= v.bottom) {
            (style.heads[colour] || (style.heads[colour] = [])).push(x, y, ux, uy);
          }
        }
        if (labelled && edge.options.label) (chosen ? frame.chosenEdges : frame.edges).push(edge);
      }
      // vis-network's widths (in canvas units: 1, selected SELECTED_WIDTH, at least 0.3 pixels)
      // and arrowheads 15 × scaleFactor + 3 × width long.
      plainStyle.length = ARROW + 3 * Math.max(1, 0.3 / scale);
      chosenStyle.length = ARROW + 3 * Math.max(SELECTED_WIDTH, 0.3 / scale);
      frame.styles = [plainStyle, chosenStyle];
      // Unselected lines between LINE_PX and 1 pixel wide: lines at most 1 pixel wide are
      // hairlines to Skia, stroked many times faster than wider ones (and then faster in one path
      // per colour than one by one; wider lines are the other way round).
      strokeLines(ctx, plainStyle.lines, Math.max(LINE_PX, Math.min(1, scale)) / scale);
      strokeLines(ctx, chosenStyle.lines, Math.max(SELECTED_WIDTH, 0.3 / scale));
      full.forEach(function (edge) { edge.draw(ctx); });
    };
    quick.arrows = function (ctx) {
      if (frame.picture === "all") return drawPicture(ctx);
      var all = this.body.edges;
      var ids = this.body.edgeIndices;
      (frame.styles || []).forEach(function (style) { fillHeads(ctx, style.heads, style.length); });
      frame.styles = [];
      for (var k = 0; k < ids.length; k++) {
        var edge = all[ids[k]];
        if (edge.connected === true && (edge.hover || edge.from === edge.to)) edge.drawArrows(ctx);
      }
      if (frame.picture === "part") drawPicture(ctx);
    };
    quick.nodes = function (ctx, alwaysShow) {
      if (alwaysShow === true) return drawNodes.call(this, ctx, alwaysShow);
      if (frame.picture === "all") {
        overviewShown = [];
        shownBoxes = [];
        shownLabels = 0;
        return { drawExternalLabels: function () {} };
      }
      var all = this.body.nodes;
      var ids = this.body.nodeIndices;
      var scale = this.body.view.scale;
      var v = viewArea(20);
      var squares = {};
      var shapes = {};
      var last = [];
      frame.nodes = [];
      for (var k = 0; k < ids.length; k++) {
        var node = all[ids[k]];
        if (node.hover || node.isSelected()) {
          last.push(node);
          continue;
        }
        // Where the node is (what clicks are tested against, which vis-network's own drawing of
        // the node would set) changes only when it moves.
        if (node._kgX !== node.x || node._kgY !== node.y) {
          node.updateBoundingBox(ctx, node.selected);
          node.shape.left = node.x - node.shape.width / 2;
          node.shape.top = node.y - node.shape.height / 2;
          node._kgX = node.x;
          node._kgY = node.y;
        }
        if (!node.isBoundingBoxOverlappingWith(v)) continue;
        if (frame.strips && !boxInStrips(node.shape.boundingBox)) continue;
        var r = node.options.size;
        var colour = node.options.color.background;
        if (r * scale < DOT) {
          var half = Math.max(r, MIN_DOT / scale); // never smaller than a visible dot
          (squares[colour] || (squares[colour] = [])).push(node.x - half, node.y - half, 2 * half);
          continue;
        }
        frame.nodes.push(node);
        var shape = SHAPES[node.options.shape];
        if (!shape) {
          node.draw(ctx); // a shape of vis-network's this page does not use: its own drawing
          continue;
        }
        var key = node.options.shape + " " + colour;
        var group = shapes[key] || (shapes[key] = { fill: colour, border: node.options.color.border, path: new Path2D() });
        shape(group.path, node.x, node.y, r);
      }
      Object.keys(squares).forEach(function (colour) {
        var q = squares[colour];
        ctx.beginPath();
        for (var j = 0; j < q.length; j += 3) ctx.rect(q[j], q[j + 1], q[j + 2], q[j + 2]);
        ctx.fillStyle = colour;
        ctx.fill();
      });
      ctx.lineWidth = 1 / scale; // the groups' borderWidth, 1 pixel
      Object.keys(shapes).forEach(function (key) {
        var group = shapes[key];
        ctx.fillStyle = group.fill;
        ctx.fill(group.path);
        ctx.strokeStyle = group.border;
        ctx.stroke(group.path);
      });
      var chosen = [];
      last.forEach(function (node) {
        var drawn = node.draw(ctx);
        if (drawn && drawn.drawExternalLabel) chosen.push([node, drawn.drawExternalLabel]);
      });
      if (moving(this)) {
        // Labels wait for the gesture to end (vis-network redraws 250 ms after the last zoom step).
        overviewShown = [];
        shownBoxes = [];
        shownLabels = 0;
        return { drawExternalLabels: function () {} };
      }
      return { drawExternalLabels: function () { drawLabels(ctx, scale, chosen); } };
    };
    setFast(true);
  }

  network.on("beforeDrawing", function () {
    timings._frameStart = performance.now();
  });
  network.on("afterDrawing", function () {
    var view = network.body.view;
    lastView = { scale: view.scale, x: view.translation.x, y: view.translation.y };
    changed = false;
    if (!moving(renderer)) picture.ok = false;
    var now = performance.now();
    if (timings.firstDraw === null) {
      timings.firstDraw = now;
      timings.settled = now; // positions come precomputed: physics never runs
      if (fast) warmUp();
    }
    if (timings.frames.length < 5000) timings.frames.push(now - timings._frameStart);
  });

  // ------------------------------------------------------------------ view state

  var state = {
    types: data.types.map(function () { return true; }),
    kinds: data.kinds.map(function () { return true; }),
    focus: null,
    open: {}
  };
  var history = [];
  var selected = null;
  var nodeHidden = new Uint8Array(N);
  var edgeHidden = new Uint8Array(M);
  for (var h0 = 0; h0 < N; h0++) if (!inSet[h0]) nodeHidden[h0] = 1;
  var summaryOpen = {}; // what each summary node's drawn label says

  function copyState(s) {
    return {
      types: s.types.slice(),
      kinds: s.kinds.slice(),
      focus: s.focus ? { id: s.focus.id, hops: s.focus.hops } : null,
      open: Object.assign({}, s.open)
    };
  }

  function edgeOn(e) {
    return e.k < 0 ? true : state.kinds[e.k];
  }

  // On the page at all: not a member of a collapsed summary node.
  function available(i) {
    var g = data.nodes[i].g;
    return g === undefined || !!state.open[g];
  }

  function computeVisible() {
    var visible = new Uint8Array(N);
    for (var i = 0; i < N; i++) visible[i] = state.types[data.nodes[i].t] && available(i) ? 1 : 0;
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

  // Members of a summary node go in a sunflower disc beside it, on the far side from the node
  // it hangs on (its anchor), clear of its own label.
  function placeMembers(g) {
    var list = members[g];
    var anchor = adjacency[g].map(function (id) {
      var e = data.edges[id];
      return e.f === g ? e.to : e.f;
    })[0];
    var at = network.getPositions(anchor === undefined ? [g] : [g, anchor]);
    var s = at[g] || { x: data.nodes[g].x, y: data.nodes[g].y };
    var a = anchor === undefined ? null : at[anchor];
    var dx = a ? s.x - a.x : 0;
    var dy = a ? s.y - a.y : 1;
    var length = Math.hypot(dx, dy) || 1;
    var spacing = 55;
    var radius = spacing * Math.sqrt(list.length);
    var cx = s.x + (dx / length) * (radius + 70);
    var cy = s.y + (dy / length) * (radius + 70);
    var golden = Math.PI * (3 - Math.sqrt(5));
    var places = {};
    list.forEach(function (id, k) {
      var r = spacing * Math.sqrt(k + 0.5);
      places[id] = { x: cx + r * Math.cos(k * golden), y: cy + r * Math.sin(k * golden) };
    });
    return places;
  }

  function apply(fit) {
    var visible = computeVisible();
    var added = [];
    var nodeChanges = [];
    var shown = [];
    var places = {};
    for (var i = 0; i < N; i++) {
      if (!inSet[i]) {
        if (!visible[i]) continue;
        var g = data.nodes[i].g;
        if (!places[g]) places[g] = placeMembers(g);
        added.push(nodeItem(i, places[g][i].x, places[g][i].y));
        inSet[i] = 1;
        nodeHidden[i] = 0;
      } else {
        var hide = visible[i] ? 0 : 1;
        if (hide !== nodeHidden[i]) {
          nodeHidden[i] = hide;
          nodeChanges.push({ id: i, hidden: !!hide });
        }
      }
      if (visible[i]) shown.push(i);
    }
    var newEdges = [];
    added.forEach(function (item) {
      adjacency[item.id].forEach(function (id) {
        var e = data.edges[id];
        if (edgeInSet[id] || !inSet[e.f] || !inSet[e.to]) return;
        edgeInSet[id] = 1;
        edgeHidden[id] = edgeOn(e) ? 0 : 1;
        newEdges.push(edgeItem(id, !!edgeHidden[id]));
      });
    });
    var edgeChanges = [];
    var edgeCount = 0;
    for (var j = 0; j < M; j++) {
      if (!edgeInSet[j]) continue;
      var e = data.edges[j];
      var hideEdge = edgeOn(e) ? 0 : 1;
      if (hideEdge !== edgeHidden[j]) {
        edgeHidden[j] = hideEdge;
        edgeChanges.push({ id: j, hidden: !!hideEdge });
      }
      if (!hideEdge && visible[e.f] && visible[e.to]) edgeCount++;
    }
    Object.keys(members).forEach(function (g) {
      var open = !!state.open[g];
      if (!!summaryOpen[g] !== open) {
        summaryOpen[g] = open;
        nodeChanges.push({ id: +g, label: summaryLabel(+g, open) });
      }
    });
    if (added.length) nodes.add(added);
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (newEdges.length) edges.add(newEdges);
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

  // Open (on = true) or close a summary node; a step that 返回 undoes.
  function expand(id, on) {
    if (!members[id]) return false;
    var want = on === undefined ? !state.open[id] : !!on;
    if (!!state.open[id] === want) return want;
    change(function (s) {
      if (want) s.open[id] = true;
      else delete s.open[id];
    }, false);
    if (selected === id) showNode(id);
    return want;
  }

  function focusOn(id, hops) {
    change(function (s) {
      s.focus = { id: id, hops: hops };
      if (!s.types[data.nodes[id].t]) s.types[data.nodes[id].t] = true;
      if (data.nodes[id].g !== undefined) s.open[data.nodes[id].g] = true;
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

  // Counts: what the page holds now (members of collapsed summary nodes not included).
  function renderLegend() {
    var typeCounts = data.types.map(function () { return 0; });
    var kindCounts = data.kinds.map(function () { return 0; });
    for (var i = 0; i < N; i++) if (available(i)) typeCounts[data.nodes[i].t]++;
    data.edges.forEach(function (e) {
      if (e.k >= 0 && available(e.f) && available(e.to)) kindCounts[e.k]++;
    });
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
      label.append(box, glyph, el("span", t.label), el("span", typeCounts[k].toLocaleString(), "count"));
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
      label.append(box, swatch, el("span", kind.label), el("span", kindCounts[k].toLocaleString(), "count"));
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
    if (n.n) {
      row(dl, "汇总", n.by.map(function (b) { return data.types[b[0]].label + " " + b[1].toLocaleString(); }).join(" · "));
    }
    if (n.g !== undefined) row(dl, "汇总于", nodeLink(n.g));
    row(dl, "提及", n.m.toLocaleString() + " 次");
    if (!n.n) row(dl, "关系", adjacency[id].length.toLocaleString() + " 条");
    panel.append(dl);

    var actions = el("p");
    if (members[id]) {
      var open = !!state.open[id];
      var toggle = el("button", open ? "收起" : "展开", "toggle");
      toggle.type = "button";
      toggle.title = open ? "把成员收回汇总节点" : "在图中显示各个成员";
      toggle.addEventListener("click", function () { expand(id); });
      actions.append(toggle, document.createTextNode(" "));
    }
    var focusButton = el("button", "聚焦邻域");
    focusButton.type = "button";
    focusButton.addEventListener("click", function () { focusOn(id, hopsValue()); });
    actions.append(focusButton);
    panel.append(actions);

    if (n.n) {
      var list = members[id] || [];
      panel.append(el("h3", "成员（" + list.length.toLocaleString() + (n.n > list.length ? " / " + n.n.toLocaleString() : "") + "）"));
      var ul = el("ul");
      list.forEach(function (m) {
        var li = el("li");
        li.append(nodeLink(m));
        ul.append(li);
      });
      panel.append(ul);
      if (n.n > list.length) {
        var anchor = adjacency[id].map(function (eid) { var e = data.edges[eid]; return e.f === id ? e.to : e.f; })[0];
        panel.append(el("p", "页面只收录了前 " + list.length.toLocaleString() + " 个；其余的请用 kg viz --focus " + (anchor === undefined ? "名称" : data.nodes[anchor].l) + " 查看。", "hint"));
      }
      return;
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
        if (data.nodes[id].g !== undefined) s.open[data.nodes[id].g] = true;
      }, false);
    }
    selected = id;
    changed = true;
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
        [e.f, e.to].forEach(function (end) {
          s.types[data.nodes[end].t] = true;
          if (data.nodes[end].g !== undefined) s.open[data.nodes[end].g] = true;
        });
      }, false);
    }
    changed = true;
    network.selectEdges([eid]);
    showEdge(eid);
  }

  // Clicking a summary node also expands it, or collapses it again.
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (members[id]) expand(id);
      select(id, false);
    }
    else if (params.edges.length) selectEdge(params.edges[0]);
  });

  // ------------------------------------------------------------------ search

  var index = [];
  data.nodes.forEach(function (n, id) {
    index.push([norm(n.l), id, n.l, null]);
    (n.a || []).forEach(function (a) { index.push([norm(a), id, a, "别名"]); });
  });

  function search(query, limit) {
    var q = norm(query);
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var at = entry[0].indexOf(q);
      if (at < 0) return;
      var rank = entry[0] === q ? 0 : at === 0 ? 1 : 2;
      var n = data.nodes[entry[1]];
      var note = entry[3];
      if (!note && n.g !== undefined && !state.open[n.g]) note = "汇总于「" + data.nodes[n.g].l + "」";
      hits.push({ rank: rank, id: entry[1], name: entry[2], note: note, degree: n.d || 0 });
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

  // For notebooks, tests and benchmarks.
  window.kgExplorer = {
    data: data,
    network: network,
    fastDrawing: fast,
    setFastDrawing: setFast,
    overviewLabels: function () { return overviewShown.slice(); },
    labelsDrawn: function () { return shownLabels; },
    labelBoxes: function () { return shownBoxes.slice(); },
    picture: function () { return frame.picture; },
    warmedUp: function () { return warm.done; },
    nodes: nodes,
    edges: edges,
    select: select,
    selectEdge: selectEdge,
    search: search,
    focus: focusOn,
    back: back,
    expand: expand,
    members: function (id) { return (members[id] || []).slice(); },
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
