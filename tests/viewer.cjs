// Opens a newsgraph index.html in headless Chromium (playwright-core, Debian's chromium) and reports,
// as one JSON line: how many nodes Cytoscape holds, whether the canvas has drawn pixels, the panel's
// text after a real mouse click on an edge, the evidence of the edge that click selected, what the
// search box and the date filter leave, the map's markers against its country outlines and a click on
// one, and any page error or dialog (a dialog is injected script).
// usage: node tests/viewer.cjs PAGE.html SCREENSHOT.png
const { chromium } = require("playwright-core");

(async () => {
  const [page_path, shot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push("pageerror: " + e));
  page.on("console", (m) => { if (m.type() === "error") errors.push("console: " + m.text()); });
  page.on("dialog", async (d) => { errors.push("dialog: " + d.message()); await d.dismiss(); });
  page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) errors.push("request: " + r.url()); });
  await page.goto("file://" + page_path);
  await page.waitForFunction(() => window.newsgraph && window.newsgraph.ready, null, { timeout: 30000 });
  await page.waitForTimeout(300);
  const nodes = await page.evaluate(() => window.newsgraph.cy.nodes().length);
  // the first layout: pairs of node labels that overlap, and unconnected nodes drawn among the
  // connected ones instead of apart under them
  const layout = await page.evaluate(() => {
    const cy = window.newsgraph.cy;
    const boxes = cy.nodes().map((n) => [n.data("label"), n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })]);
    const overlaps = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        if (p.x1 < q.x2 && q.x1 < p.x2 && p.y1 < q.y2 && q.y1 < p.y2) overlaps.push(a + " / " + b);
      }
    }
    const linked = cy.nodes().filter((n) => n.degree(false) > 0);
    const bottom = linked.boundingBox({ includeLabels: true }).y2;
    const mixed = cy.nodes().filter((n) => n.degree(false) === 0 && n.position("y") < bottom).map((n) => n.data("label"));
    return { overlaps, mixed, alone: cy.nodes().filter((n) => n.degree(false) === 0).length };
  });
  const drawn = await page.evaluate(() => [...document.querySelectorAll("#cy canvas")].some((c) => {
    const ctx = c.getContext("2d");
    if (!ctx || !c.width || !c.height) return false;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
    return false;
  }));
  // a real click on the middle of an edge ("warned" first) that no node covers
  const pt = await page.evaluate(() => {
    const cy = window.newsgraph.cy;
    const r = document.getElementById("cy").getBoundingClientRect();
    const edges = cy.edges('[label = "warned"]').union(cy.edges());
    for (const e of edges) {
      cy.fit(e.connectedNodes(), 150);
      const m = e.renderedMidpoint();
      const covered = cy.nodes().some((n) => {
        const b = n.renderedBoundingBox({ includeLabels: true });
        return m.x >= b.x1 - 4 && m.x <= b.x2 + 4 && m.y >= b.y1 - 4 && m.y <= b.y2 + 4;
      });
      const inside = m.x > 5 && m.y > 5 && m.x < r.width - 5 && m.y < r.height - 5;
      if (!covered && inside) return { x: r.left + m.x, y: r.top + m.y };
    }
    return null;
  });
  if (!pt) throw new Error("no edge whose middle is free to click");
  await page.mouse.click(pt.x, pt.y);
  await page.waitForTimeout(200);
  const panel = await page.textContent("#panel");
  const selected = await page.evaluate(() => {
    const s = window.newsgraph.cy.$("edge:selected");
    return s.length ? s[0].data("idx") : null;
  });
  const evidence = selected === null ? [] : await page.evaluate((i) =>
    JSON.parse(document.getElementById("data").textContent).edges[i].evidence.map((x) => x.sentence), selected);
  await page.screenshot({ path: shot });
  await page.fill("#search", "Putin");
  const matched = await page.evaluate(() => window.newsgraph.cy.nodes(".match").length);
  await page.fill("#search", "");
  await page.fill("#from", "2022-01-10");
  await page.fill("#to", "2022-01-31");
  const meetingsShown = await page.evaluate(() =>
    window.newsgraph.cy.nodes('[type = "Meeting"]').not(".hidden").map((n) => n.data("date")));
  // the map: a real click on its button, then where each marker is drawn against the outlines
  await page.fill("#from", "");
  await page.fill("#to", "");
  await page.click("#show-map");
  await page.waitForTimeout(200);
  const map = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("data").textContent);
    const box = document.querySelector("#map svg").getBoundingClientRect();
    const markers = [...document.querySelectorAll("#map .marker")];
    // the country outline under each marker's centre, found by the browser's own hit test
    const under = markers.map((m) => {
      const n = data.nodes[Number(m.getAttribute("data-idx"))];
      const x = box.left + Number(m.getAttribute("cx")), y = box.top + Number(m.getAttribute("cy"));
      const inside = x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
      const hit = document.elementsFromPoint(x, y).find((e) => e.classList && e.classList.contains("country"));
      return { label: n.label, type: n.type, inside, country: hit ? hit.getAttribute("data-name") : null };
    });
    return {
      visible: !document.getElementById("map").hidden && box.width > 100 && box.height > 100,
      graphHidden: document.getElementById("cy").hidden,
      countries: document.querySelectorAll("#map .country").length,
      positioned: data.nodes.filter((n) => typeof n.lat === "number").length,
      under,
      labels: [...document.querySelectorAll("#map .maplabel")].filter((l) => !l.classList.contains("hidden")).map((l) => l.textContent),
    };
  });
  // a real click on a meeting's marker shows that meeting in the panel and selects it in the graph
  const meetingAt = await page.evaluate(() => {
    const m = document.querySelector("#map .marker.meeting");
    if (!m) return null;
    const r = m.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, idx: Number(m.getAttribute("data-idx")) };
  });
  let mapClick = null;
  if (meetingAt) {
    // off the centre: the place's dot sits on the middle of its meeting's disc
    const r = await page.evaluate((i) => Number(document.querySelector('#map .marker[data-idx="' + i + '"]').getAttribute("r")), meetingAt.idx);
    await page.mouse.click(meetingAt.x + r - 1.5, meetingAt.y);
    await page.waitForTimeout(100);
    mapClick = await page.evaluate((i) => ({
      label: JSON.parse(document.getElementById("data").textContent).nodes[i].label,
      panel: document.getElementById("panel").textContent,
      selected: window.newsgraph.cy.$("node:selected").map((n) => n.data("idx")),
    }), meetingAt.idx);
    mapClick.idx = meetingAt.idx;
  }
  await page.screenshot({ path: shot.replace(/\.png$/, "-map.png") });
  // the date filter hides the meetings outside its range on the map too
  await page.fill("#from", "2022-01-10");
  await page.fill("#to", "2022-01-31");
  map.meetingsOnMap = await page.evaluate(() => {
    const data = JSON.parse(document.getElementById("data").textContent);
    return [...document.querySelectorAll("#map .marker.meeting")].filter((m) => !m.classList.contains("hidden"))
      .map((m) => data.nodes[Number(m.getAttribute("data-idx"))].date);
  });
  console.log(JSON.stringify({ nodes, layout, drawn, panel, selected, evidence, matched, meetingsShown, map, mapClick, errors }));
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
