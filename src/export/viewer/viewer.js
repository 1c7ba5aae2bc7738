// newsgraph viewer: draws the graph with Cytoscape.js, filters by name and date, and shows the
// evidence of a clicked edge. Every text from the graph is set with textContent, never as markup.
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
  cy.on("tap", "edge", (ev) => {
    const e = data.edges[ev.target.data("idx")];
    const src = cy.getElementById(e.source).data("label");
    const dst = cy.getElementById(e.target).data("label");
    const items = [el("h2", src + " " + e.relation + " " + dst),
      el("p", "confidence " + e.confidence + ", " + e.article_count + " article" + (e.article_count === 1 ? "" : "s") +
        (e.date ? ", " + e.date : "")), el("h3", "Evidence")];
    const list = el("ol", undefined, "evidence");
    e.evidence.forEach((x) => {
      const li = el("li");
      li.append(el("q", x.sentence), articleLine(x.article), el("small", "rule " + x.rule));
      list.append(li);
    });
    items.push(list);
    show(items);
  });
  cy.on("tap", "node", (ev) => {
    const n = data.nodes[ev.target.data("idx")];
    const items = [el("h2", n.label), el("p", n.type + (n.date ? ", " + n.date : "") +
      ", mentioned in " + n.article_count + " article" + (n.article_count === 1 ? "" : "s"))];
    if (n.aliases.length) items.push(el("p", "also: " + n.aliases.join("; ")));
    show(items);
  });

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
    const shown = cy.nodes().not(".hidden").length;
    document.getElementById("count").textContent = shown + " of " + data.nodes.length + " nodes";
  }
  [search, from, to].forEach((i) => i.addEventListener("input", filter));
  filter();
  window.newsgraph = { cy: cy, ready: true };
})();
