// newsgraph viewer: draws the graph with Cytoscape.js and a map of the places and meetings, filters
// both by name and date, and shows the evidence of a clicked edge, node or marker. Every text from
// the graph is set with textContent, never as markup.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("data").textContent);
  const colours = { Person: "#4e79a7", Organization: "#f28e2b", Place: "#59a14f", Meeting: "#e15759" };
  const articles = new Map(data.articles.map((a) => [a.id, a]));
  const elements = [];
  data.nodes.forEach((n, i) => {
    // a deterministic start: nodes on a circle in id order, then the force layout
    const t = (2 * Math.PI * i) / Math.max(1, data.nodes.length);
    elements.push({ group: "nodes", data: { id: n.id, label: n.label, type: n.type, date: n.date || "", idx: i },
      position: { x: 400 * Math.cos(t), y: 400 * Math.sin(t) } });
  });
  data.edges.forEach((e, i) => {
    elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target,
      label: e.relation, date: e.date || "", idx: i } });
  });
  const cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "background-color": (el) => colours[el.data("type")] || "#999",
        label: "data(label)", "font-size": 9, "text-valign": "bottom", "text-wrap": "ellipsis",
        "text-max-width": 140, width: 18, height: 18 } },
      { selector: 'node[type = "Meeting"]', style: { shape: "round-rectangle" } },
      { selector: "edge", style: { "curve-style": "bezier", "target-arrow-shape": "triangle", width: 2,
        "line-color": "#aab", "target-arrow-color": "#aab", label: "data(label)", "font-size": 7,
        color: "#556", "text-rotation": "autorotate" } },
      { selector: ".faded", style: { opacity: 0.15 } },
      { selector: ".hidden", style: { display: "none" } },
      { selector: ".match", style: { "border-width": 3, "border-color": "#111" } },
      { selector: "edge:selected", style: { "line-color": "#111", "target-arrow-color": "#111", width: 4 } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
    ],
    layout: { name: "preset" },
  });
  layout(cy);

  // A seeded generator for the layout's random choices, so that a page draws the same picture on
  // every opening (mulberry32).
  function seeded(seed) {
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // The connected nodes by fCoSE, with their labels counted in their size so that no two labels
  // overlap; the unconnected ones (places and media named once) in a grid under them.
  function layout(cy) {
    const random = Math.random;
    Math.random = seeded(1);
    try {
      const linked = cy.nodes().filter((n) => n.degree(false) > 0);
      const alone = cy.nodes().filter((n) => n.degree(false) === 0);
      if (linked.length) {
        linked.union(linked.edgesWith(linked)).layout({ name: "fcose", quality: "proof", animate: false,
          randomize: true, nodeDimensionsIncludeLabels: true, nodeRepulsion: 12000, idealEdgeLength: 110,
          nodeSeparation: 90, packComponents: false, fit: false }).run();
      }
      const box = linked.length ? linked.boundingBox({ includeLabels: true }) : { x1: 0, x2: 800, y2: 0 };
      const cell = 170, rowH = 50;
      const perRow = Math.max(4, Math.floor(Math.max(800, box.x2 - box.x1) / cell));
      alone.sort((a, b) => a.data("idx") - b.data("idx")).forEach((n, i) => {
        n.position({ x: box.x1 + (i % perRow) * cell + cell / 2, y: box.y2 + 80 + Math.floor(i / perRow) * rowH });
      });
      cy.fit(undefined, 20);
    } finally {
      Math.random = random;
    }
  }

  const panel = document.getElementById("panel");
  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function show(children) {
    panel.replaceChildren(...children);
  }
  function articleLine(id) {
    const a = articles.get(id) || { id: id };
    const li = el("div", undefined, "article");
    const name = (a.title || a.id) + (a.published ? " (" + a.published + ")" : "");
    if (a.url && /^https?:\/\//i.test(a.url)) {
      const link = el("a", name);
      link.href = a.url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      li.append(link);
    } else {
      li.append(el("span", name));
    }
    return li;
  }
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const touching = new Map(data.nodes.map((n) => [n.id, []]));
  data.edges.forEach((e, i) => {
    touching.get(e.source).push(i);
    if (e.target !== e.source) touching.get(e.target).push(i);
  });
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
  function edgeTitle(e) {
    return byId.get(e.source).label + " " + e.relation + " " + byId.get(e.target).label;
  }
  function edgeFacts(e) {
    return "confidence " + e.confidence + ", " + plural(e.article_count, "article") + (e.date ? ", " + e.date : "");
  }
  function evidenceList(e) {
    const list = el("ol", undefined, "evidence");
    e.evidence.forEach((x) => {
      const li = el("li");
      li.append(el("q", x.sentence), articleLine(x.article), el("small", "rule " + x.rule));
      list.append(li);
    });
    return list;
  }
  function showEdge(i) {
    const e = data.edges[i];
    show([el("h2", edgeTitle(e)), el("p", edgeFacts(e)), el("h3", "Evidence"), evidenceList(e)]);
  }
  // A node's names, then its edges with their evidence (the best supported first, at most
  // NODE_EDGES of them), as a click on each would show.
  const NODE_EDGES = 25;
  function showNode(i) {
    const n = data.nodes[i];
    const items = [el("h2", n.label), el("p", n.type + (n.date ? ", " + n.date : "") +
      ", mentioned in " + plural(n.article_count, "article"))];
    if (n.aliases.length) items.push(el("p", "also: " + n.aliases.join("; ")));
    const edges = touching.get(n.id).slice().sort((a, b) =>
      data.edges[b].article_count - data.edges[a].article_count || a - b);
    if (edges.length) {
      items.push(el("h3", "Evidence" + (edges.length > NODE_EDGES ? " (the " + NODE_EDGES + " best supported of " +
        plural(edges.length, "edge") + ")" : "")));
      edges.slice(0, NODE_EDGES).forEach((k) => {
        const e = data.edges[k];
        items.push(el("h4", edgeTitle(e)), el("small", edgeFacts(e)), evidenceList(e));
      });
    }
    show(items);
  }
  cy.on("tap", "edge", (ev) => showEdge(ev.target.data("idx")));
  cy.on("tap", "node", (ev) => showNode(ev.target.data("idx")));

  // ---- The map: places as dots and meetings as markers at their place, over country outlines, in
  // the equirectangular projection x = (lon + 180) / 360 * W, y = (90 - lat) / 180 * H, map units
  // of one degree. The outlines are drawn in map units under one transform (translate, then scale
  // k); the markers and labels are placed in screen pixels from the same transform, so that they
  // keep their size when the map is zoomed.
  const W = 360, H = 180;
  const project = (lat, lon) => [(lon + 180) / 360 * W, (90 - lat) / 180 * H];
  const SVG = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (parent) parent.append(e);
    return e;
  }
  const mapBox = document.getElementById("map");
  const svg = svgEl("svg", { "aria-label": "Map of the places and meetings" });
  mapBox.prepend(svg);
  svgEl("rect", { x: 0, y: 0, width: W, height: H }, svgEl("clipPath", { id: "world-clip" }, svgEl("defs", {}, svg)));
  const world = svgEl("g", { id: "countries", "clip-path": "url(#world-clip)" }, svg);
  svgEl("rect", { class: "sea", x: 0, y: 0, width: W, height: H }, world);
  const markerLayer = svgEl("g", { id: "markers" }, svg);
  const labelLayer = svgEl("g", { id: "maplabels" }, svg);

  // TopoJSON decoded here: each arc's points are delta-encoded integers, scaled and translated by
  // the topology's transform; a ring is its arcs joined (~i is arc i reversed), each arc's first
  // point the last one's end.
  function countries(topo) {
    const t = topo.transform || { scale: [1, 1], translate: [0, 0] };
    const delta = !!topo.transform;
    const arcs = topo.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([a, b]) => {
        x = delta ? x + a : a;
        y = delta ? y + b : b;
        return [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]];
      });
    });
    return topo.objects.countries.geometries.map((g) => {
      const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      let d = "";
      polygons.forEach((rings) => rings.forEach((ring) => {
        const pts = [];
        ring.forEach((i) => {
          const arc = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
          pts.push(...(pts.length ? arc.slice(1) : arc));
        });
        d += ringPath(pts);
      }));
      return { name: (g.properties && g.properties.name) || String(g.id || ""), d: d };
    });
  }
  // A ring that crosses the antimeridian (Russia, Fiji) is unwound into one piece past +-180 and
  // drawn again a world away, the world's clip cutting both; one around a pole (Antarctica) is
  // closed along the pole's edge of the map.
  function ringPath(pts) {
    let shift = 0, prev = pts[0][0], lo = Infinity, hi = -Infinity;
    const xy = pts.map(([lon, lat]) => {
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
      prev = lon;
      const [x, y] = project(lat, lon + shift);
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      return [x, y];
    });
    if (shift !== 0) {
      const pole = pts.reduce((s, p) => s + p[1], 0) < 0 ? H : 0;
      xy.push([xy[xy.length - 1][0], pole], [xy[0][0], pole]);
    }
    const path = (dx) => "M" + xy.map(([x, y]) => +(x + dx).toFixed(3) + "," + +y.toFixed(3)).join("L") + "Z";
    return path(0) + (lo < 0 ? path(W) : "") + (hi > W ? path(-W) : "");
  }
  countries(JSON.parse(document.getElementById("world").textContent)).forEach((c) => {
    svgEl("path", { class: "country", d: c.d, "data-name": c.name }, world);
  });

  // The markers: every node with a position, meetings first, the largest first so that a smaller
  // one at the same place is drawn over it, then the places' dots over the meetings at them: a
  // meeting is the disc around its place's dot, and both stay clickable.
  const markers = data.nodes.map((n, i) => ({ n: n, i: i }))
    .filter(({ n }) => typeof n.lat === "number" && typeof n.lon === "number")
    .map(({ n, i }) => {
      const meeting = n.type === "Meeting";
      const [x, y] = project(n.lat, n.lon);
      return { i: i, n: n, x: x, y: y, meeting: meeting, r: meeting ? 4 + 2 * Math.sqrt(n.article_count) : 3.5 };
    })
    .sort((a, b) => (b.meeting - a.meeting) || (b.r - a.r) || (a.i - b.i));
  markers.forEach((m) => {
    m.el = svgEl("circle", { class: "marker " + (m.meeting ? "meeting" : "place"), r: m.r,
      "data-idx": m.i, "data-id": m.n.id }, markerLayer);
    svgEl("title", {}, m.el).textContent = m.n.label + (m.n.date ? ", " + m.n.date : "") + " (" +
      plural(m.n.article_count, "article") + ")";
  });
  // Labels for the places, those where a meeting was first, then the most mentioned, at most
  // MAX_LABELS; at each drawing a label goes right of its dot, else left, above or below, and is
  // left out where all four would cover a label already placed.
  const MAX_LABELS = 400;
  const met = new Set(markers.filter((m) => m.meeting).map((m) => m.x + "," + m.y));
  markers.forEach((m) => { m.met = !m.meeting && met.has(m.x + "," + m.y); });
  const labelled = markers.filter((m) => !m.meeting)
    .sort((a, b) => (b.met - a.met) || (b.n.article_count - a.n.article_count) || (a.i - b.i)).slice(0, MAX_LABELS);
  labelled.forEach((m) => {
    m.label = svgEl("text", { class: "maplabel" }, labelLayer);
    m.label.textContent = m.n.label;
  });

  // The view: screen = (tx + k * x, ty + k * y).
  const view = { k: 1, tx: 0, ty: 0, fitted: false };
  function size() {
    return { w: svg.clientWidth || 1, h: svg.clientHeight || 1 };
  }
  // Fits a box of map units to the map's area: the markers (at least 40 by 20 degrees around
  // them), or the whole world.
  function fit(whole) {
    const { w, h } = size();
    let x1 = 0, y1 = 0, x2 = W, y2 = H;
    if (!whole && markers.length) {
      x1 = Math.min(...markers.map((m) => m.x)); x2 = Math.max(...markers.map((m) => m.x));
      y1 = Math.min(...markers.map((m) => m.y)); y2 = Math.max(...markers.map((m) => m.y));
      const cx = (x1 + x2) / 2, cy = (y1 + y2) / 2;
      const bw = Math.max(40, (x2 - x1) * 1.15), bh = Math.max(20, (y2 - y1) * 1.15);
      x1 = cx - bw / 2; x2 = cx + bw / 2; y1 = cy - bh / 2; y2 = cy + bh / 2;
    }
    view.k = Math.min(w / (x2 - x1), h / (y2 - y1));
    view.tx = w / 2 - view.k * (x1 + x2) / 2;
    view.ty = h / 2 - view.k * (y1 + y2) / 2;
    view.fitted = true;
    draw();
  }
  // The world stays in sight: centred along an axis where it is smaller than the view, else
  // covering the view's whole length.
  function clamp() {
    const { w, h } = size();
    const along = (t, span, room) => span <= room ? (room - span) / 2 : Math.min(0, Math.max(room - span, t));
    view.tx = along(view.tx, view.k * W, w);
    view.ty = along(view.ty, view.k * H, h);
  }
  function draw() {
    const { w, h } = size();
    clamp();
    world.setAttribute("transform", "translate(" + view.tx + "," + view.ty + ") scale(" + view.k + ")");
    markers.forEach((m) => {
      m.sx = view.tx + view.k * m.x;
      m.sy = view.ty + view.k * m.y;
      m.el.setAttribute("cx", m.sx.toFixed(2));
      m.el.setAttribute("cy", m.sy.toFixed(2));
    });
    // the marker drawn at a place (the largest meeting there, else its dot) is what a label clears
    const reach = new Map();
    markers.forEach((m) => {
      const key = m.x + "," + m.y;
      if (!m.el.classList.contains("hidden")) reach.set(key, Math.max(reach.get(key) || 0, m.r));
    });
    const placed = [];
    labelled.forEach((m) => {
      const tw = 6.5 * m.n.label.length, r = (reach.get(m.x + "," + m.y) || m.r) + 2;
      const box = m.el.classList.contains("hidden") ? null : [[m.sx + r, m.sy + 4], [m.sx - r - tw, m.sy + 4],
        [m.sx - tw / 2, m.sy - r - 2], [m.sx - tw / 2, m.sy + r + 10]]
        .map(([x, y]) => [x, y - 10, x + tw, y + 3])
        .find((b) => b[2] > 0 && b[0] < w && b[3] > 0 && b[1] < h &&
          !placed.some((p) => b[0] < p[2] && p[0] < b[2] && b[1] < p[3] && p[1] < b[3]));
      m.label.classList.toggle("hidden", !box);
      m.label.classList.toggle("faded", m.el.classList.contains("faded"));
      if (box) {
        placed.push(box);
        m.label.setAttribute("x", box[0].toFixed(2));
        m.label.setAttribute("y", (box[1] + 10).toFixed(2));
      }
    });
  }
  let frame = 0;
  function redraw() {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; draw(); });
  }
  // Zoom by the wheel around the pointer, pan by dragging; a drag is no click.
  function zoomAt(px, py, f) {
    const { w, h } = size();
    const k = Math.min(Math.max(view.k * f, 0.5 * Math.min(w / W, h / H)), 400);
    view.tx = px - (px - view.tx) * (k / view.k);
    view.ty = py - (py - view.ty) * (k / view.k);
    view.k = k;
    redraw();
  }
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = svg.getBoundingClientRect();
    zoomAt(ev.clientX - r.left, ev.clientY - r.top, Math.exp(-ev.deltaY * (ev.deltaMode ? 0.05 : 0.002)));
  }, { passive: false });
  let drag = null, dragged = false;
  svg.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, tx: view.tx, ty: view.ty, id: ev.pointerId, moving: false };
    dragged = false;
  });
  svg.addEventListener("pointermove", (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moving && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!drag.moving) {
      drag.moving = true;
      svg.setPointerCapture(ev.pointerId);
      svg.classList.add("dragging");
    }
    view.tx = drag.tx + dx;
    view.ty = drag.ty + dy;
    redraw();
  });
  const endDrag = () => {
    if (drag) dragged = drag.moving;
    drag = null;
    svg.classList.remove("dragging");
  };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  // A click on a marker shows its node's panel and selects the node in the graph view.
  svg.addEventListener("click", (ev) => {
    const hit = !dragged && ev.target.closest && ev.target.closest(".marker");
    dragged = false;
    if (!hit) return;
    const i = Number(hit.getAttribute("data-idx"));
    markers.forEach((m) => m.el.classList.toggle("selected", m.el === hit));
    cy.elements().unselect();
    cy.nodes().filter((n) => n.data("idx") === i).select();
    showNode(i);
  });
  const tools = el("div", undefined, "tools");
  [["Fit", () => fit(false)], ["World", () => fit(true)]].forEach(([name, act]) => {
    const b = el("button", name);
    b.type = "button";
    b.addEventListener("click", act);
    tools.append(b);
  });
  mapBox.append(tools);
  window.addEventListener("resize", () => { if (!mapBox.hidden) redraw(); });
  // The markers take the graph's filter: a hidden node's marker is hidden, a faded one faded, a
  // match marked.
  function restyleMap() {
    markers.forEach((m) => {
      const n = cy.getElementById(m.n.id);
      ["hidden", "faded", "match"].forEach((c) => m.el.classList.toggle(c, n.hasClass(c)));
    });
    if (view.fitted) draw();
  }
  const graphButton = document.getElementById("show-graph");
  const mapButton = document.getElementById("show-map");
  function showView(map) {
    mapBox.hidden = !map;
    cy.container().hidden = map;
    graphButton.setAttribute("aria-pressed", String(!map));
    mapButton.setAttribute("aria-pressed", String(map));
    if (map) {
      if (view.fitted) draw();
      else fit(false);
    } else {
      cy.resize();
    }
  }
  graphButton.addEventListener("click", () => showView(false));
  mapButton.addEventListener("click", () => showView(true));

  const search = document.getElementById("search");
  const from = document.getElementById("from");
  const to = document.getElementById("to");
  function filter() {
    const q = search.value.trim().toLowerCase();
    const lo = from.value, hi = to.value;
    const outside = (d) => d && ((lo && d < lo) || (hi && d > hi));
    cy.batch(() => {
      cy.elements().removeClass("faded match hidden");
      cy.nodes().forEach((n) => { if (outside(n.data("date"))) n.addClass("hidden"); });
      cy.edges().forEach((e) => {
        if (outside(e.data("date")) || e.source().hasClass("hidden") || e.target().hasClass("hidden")) e.addClass("hidden");
      });
      if (q) {
        const hits = cy.nodes().filter((n) => {
          const d = data.nodes[n.data("idx")];
          return [d.label].concat(d.aliases).some((s) => s.toLowerCase().includes(q));
        });
        hits.addClass("match");
        cy.elements().not(hits.closedNeighborhood()).addClass("faded");
      }
    });
    restyleMap();
    const shown = cy.nodes().not(".hidden").length;
    const onMap = markers.filter((m) => !m.el.classList.contains("hidden")).length;
    document.getElementById("count").textContent = shown + " of " + data.nodes.length + " nodes, " + onMap + " on the map";
  }
  [search, from, to].forEach((i) => i.addEventListener("input", filter));
  filter();
  window.newsgraph = { cy: cy, map: { W: W, H: H, view: view, showView: showView }, ready: true };
})();
