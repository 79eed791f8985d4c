// Groundswell report page: draws everything from the JSON in #gs-data with plain
// DOM, SVG and canvas (no library). State the browser test reads: body's
// data-ready ("1" once drawn), data-frame (the animation's current frame) and
// data-errors (script errors caught on the page).
"use strict";
(function () {
  const body = document.body;
  let errorCount = 0;
  window.addEventListener("error", function () {
    errorCount += 1;
    body.dataset.errors = String(errorCount);
  });

  const data = JSON.parse(document.getElementById("gs-data").textContent);
  const runs = data.runs;
  const RUN_COLOURS = ["#6a3d9a", "#1b9e77", "#d95f02", "#1f78b4", "#e7298a", "#66a61e"];
  const LEVELS = ["atomised", "in dialogue", "participant", "organiser", "leader"];
  const LEVEL_COLOURS = ["#c8c8c8", "#9ecae1", "#4292c6", "#f16913", "#a50f15"];
  // NLGN "Community Mobilisation" Table 1, as the model measures each trait (MODEL.md).
  const TRAITS = [
    ["dialogue", "Dialogue", "share of residents in active dialogue"],
    ["priorities", "Clear priorities", "how concentrated engaged residents' issues are"],
    ["shared_agenda", "Shared agenda", "share of participants in groups with an adopted plan"],
    ["accountable_leadership", "Accountable leadership",
      "share of groups led from within by a legitimate leader"],
    ["assets_and_plan", "Assets and a plan", "mean plan progress of active groups"],
    ["networked", "Networked", "share of groups linked to council, charities or funders"],
  ];
  const SVG = "http://www.w3.org/2000/svg";
  const cursors = [];  // functions(tick) moving each chart's "now" marker

  runs.forEach(function (run, i) { run.colour = RUN_COLOURS[i % RUN_COLOURS.length]; });

  function el(tag, attrs, parent, text) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4))
                                        : document.createElement(tag);
    for (const key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v) && Math.abs(v) >= 1) return v.toLocaleString("en-GB");
    return v.toLocaleString("en-GB", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function pct(v) { return v === null || v === undefined ? "–" : (100 * v).toFixed(1) + "%"; }
  function unit(run) { return run.tick_unit || "tick"; }
  function last(a) { return a && a.length ? a[a.length - 1] : null; }

  // ---- header, verdict cards, footer -------------------------------------------------
  document.getElementById("title").textContent = data.title;
  const names = Array.from(new Set(runs.map(function (r) { return r.name; }).filter(Boolean)));
  const description = runs.length && runs[0].description ? runs[0].description.trim() : "";
  document.getElementById("subtitle").textContent =
      (names.length ? "Scenario " + names.join(", ") + ". " : "") + description;

  const verdicts = document.getElementById("verdicts");
  runs.forEach(function (run) {
    const card = el("div", { class: "card", style: "--run:" + run.colour }, verdicts);
    el("h3", {}, card, run.label);
    const ms = run.model_summary || {};
    el("div", { class: "verdict" }, card,
       ms.verdict ? "Verdict: " + ms.verdict : run.model + " model");
    const dl = el("dl", {}, card);
    function row(k, v) { el("dt", {}, dl, k); el("dd", {}, dl, v); }
    const s = run.series;
    if (ms.mobilisation_index !== undefined) row("mobilisation index (0–1)", fmt(ms.mobilisation_index));
    if (s.participation) row("residents taking part", pct(last(s.participation)));
    if (s.groups_formed) row("groups formed", fmt(last(s.groups_formed)));
    if (s.assets) row("assets built", fmt(last(s.assets)));
    if (s.quick_wins) row("quick wins", fmt(last(s.quick_wins)));
    if (s.spend && last(s.spend) > 0) row("spend (£)", fmt(last(s.spend), 0));
    if (s.roi && last(s.roi) > 0) row("return per £ spent", "£" + fmt(last(s.roi)));
    row("ran", fmt(last(run.ticks)) + " " + unit(run) + "s, seed " + run.seed);
  });
  document.getElementById("footer").textContent =
      "Made by groundswell " + data.version + " report from " +
      runs.map(function (r) { return r.dir; }).join(", ") +
      ". Every number comes from the simulation's output files; same scenario and seed, same numbers.";

  // ---- line charts (SVG) --------------------------------------------------------------
  function lineChart(parent, spec) {
    const W = 420, H = 250, L = 58, R = 12, T = 26, B = 44;
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, role: "img",
                                "aria-label": spec.title }, parent);
    el("svg:text", { x: L, y: 16, class: "title" }, svg, spec.title);
    let xmax = 1, ymax = spec.yMax || 0;
    spec.lines.forEach(function (line) {
      xmax = Math.max(xmax, last(line.x) || 1);
      if (!spec.yMax) line.y.forEach(function (v) { if (v !== null) ymax = Math.max(ymax, v); });
    });
    if (ymax <= 0) ymax = 1;
    const sx = function (x) { return L + (W - L - R) * x / xmax; };
    const sy = function (y) { return H - B - (H - T - B) * y / ymax; };
    for (let k = 0; k <= 4; k++) {
      const yv = ymax * k / 4;
      el("svg:line", { x1: L, x2: W - R, y1: sy(yv), y2: sy(yv), class: "grid" }, svg);
      el("svg:text", { x: L - 6, y: sy(yv) + 4, "text-anchor": "end", class: "tick" }, svg,
         spec.percent ? Math.round(100 * yv) + "%" : fmt(yv));
    }
    for (let k = 0; k <= 4; k++) {
      const xv = Math.round(xmax * k / 4);
      el("svg:text", { x: sx(xv), y: H - B + 16, "text-anchor": "middle", class: "tick" }, svg,
         String(xv));
    }
    el("svg:line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis", stroke: "#888" }, svg);
    el("svg:line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis", stroke: "#888" }, svg);
    el("svg:text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle", class: "label" }, svg,
       spec.xLabel);
    el("svg:text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", class: "label",
                     transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" }, svg, spec.yLabel);
    spec.lines.forEach(function (line) {
      let d = "";
      line.x.forEach(function (x, i) {
        if (line.y[i] === null) return;
        d += (d ? "L" : "M") + sx(x).toFixed(1) + "," + sy(line.y[i]).toFixed(1);
      });
      el("svg:path", { d: d, fill: "none", stroke: line.colour, "stroke-width": 2.5 }, svg);
    });
    const cursor = el("svg:line", { x1: L, x2: L, y1: T, y2: H - B, class: "cursor" }, svg);
    cursors.push(function (tick) {
      const x = sx(Math.min(tick, xmax));
      cursor.setAttribute("x1", x);
      cursor.setAttribute("x2", x);
    });
    return svg;
  }
  function runKey(parent) {
    const key = el("div", { class: "run-key" }, parent);
    runs.forEach(function (run) { el("span", { style: "--run:" + run.colour }, key, run.label); });
  }
  function linesFor(column) {
    return runs.filter(function (r) { return r.series[column]; }).map(function (r) {
      return { x: r.ticks, y: r.series[column], colour: r.colour };
    });
  }
  const xLabel = (runs.length ? unit(runs[0]) : "tick") + "s since the start";

  // ---- Table 1 traits -------------------------------------------------------------------
  const haveTraits = runs.some(function (r) { return r.series.dialogue; });
  const barsHost = document.getElementById("traits-bars");
  if (!haveTraits) {
    el("p", { class: "missing" }, barsHost, "These runs do not record the Table 1 traits " +
       "(they come from the mobilisation model).");
  } else {
    runKey(barsHost);
    const rowH = 16 * runs.length + 16, W = 1000, L = 400, R = 80;
    const H = TRAITS.length * rowH + 48;
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, role: "img",
                                "aria-label": "Table 1 traits at the end of each run" }, barsHost);
    const sx = function (v) { return L + (W - L - R) * v; };
    for (let k = 0; k <= 4; k++) {
      el("svg:line", { x1: sx(k / 4), x2: sx(k / 4), y1: 0, y2: H - 42, class: "grid" }, svg);
      el("svg:text", { x: sx(k / 4), y: H - 26, "text-anchor": "middle", class: "tick" }, svg,
         (k / 4).toFixed(2));
    }
    el("svg:text", { x: sx(0.5), y: H - 6, "text-anchor": "middle", class: "label" }, svg,
       "share of the community (0 = atomised, 1 = mobilised), at the end of the run");
    TRAITS.forEach(function (t, i) {
      const y0 = i * rowH + 6;
      el("svg:text", { x: L - 10, y: y0 + 12, "text-anchor": "end", class: "title" }, svg, t[1]);
      el("svg:text", { x: L - 10, y: y0 + 27, "text-anchor": "end", class: "label" }, svg, t[2]);
      runs.forEach(function (run, j) {
        const v = run.series[t[0]] ? last(run.series[t[0]]) : null;
        const y = y0 + j * 16;
        el("svg:rect", { x: L, y: y, width: Math.max(0, sx(v || 0) - L), height: 13,
                         fill: run.colour }, svg);
        el("svg:text", { x: sx(v || 0) + 5, y: y + 11, class: "tick" }, svg, fmt(v));
      });
    });
    const lines = document.getElementById("traits-lines");
    TRAITS.forEach(function (t) {
      lineChart(lines, { title: t[1], yLabel: "share (0–1)", xLabel: xLabel, yMax: 1,
                         lines: linesFor(t[0]) });
    });
  }

  // ---- participation, fatalism, trust ---------------------------------------------------
  const seriesHost = document.getElementById("series");
  runKey(seriesHost.parentNode.insertBefore(el("div", {}), seriesHost));
  [["participation", "Participation", "% of residents taking part", true, null],
   ["mean_fatalism", "Fatalism", "mean over residents (0–1)", false, 1],
   ["mean_inst_trust", "Trust in institutions", "mean over residents (0–1)", false, 1],
  ].forEach(function (c) {
    const lines = linesFor(c[0]);
    if (!lines.length) {
      el("p", { class: "missing" }, seriesHost, c[1] + ": not recorded by these runs.");
      return;
    }
    lineChart(seriesHost, { title: c[1], yLabel: c[2], xLabel: xLabel, percent: c[3],
                            yMax: c[4], lines: lines });
  });

  // ---- groups -----------------------------------------------------------------------------
  const groupsHost = document.getElementById("groups");
  const GROUP_COLUMNS = [["id", "group"], ["issue", "issue"], ["origin", "origin"],
    ["formed_tick", "formed"], ["size", "members"], ["legitimacy", "legitimacy"],
    ["plan_progress", "plan"], ["assets", "assets"], ["successes", "wins"],
    ["failures", "losses"], ["fate", "fate"]];
  runs.forEach(function (run) {
    const panel = el("div", { class: "panel", style: "--run:" + run.colour }, groupsHost);
    el("h3", {}, panel, run.label);
    const g = run.groups;
    if (!g.columns.length) {
      el("p", { class: "missing" }, panel, "This run has no group list.");
      return;
    }
    if (!g.total) { el("p", {}, panel, "No group formed."); return; }
    const cols = GROUP_COLUMNS.filter(function (c) { return g.columns.indexOf(c[0]) >= 0; });
    const index = cols.map(function (c) { return g.columns.indexOf(c[0]); });
    const sizeAt = g.columns.indexOf("size");
    const rows = g.rows.slice().sort(function (a, b) {
      return sizeAt < 0 ? 0 : Number(b[sizeAt]) - Number(a[sizeAt]);
    });
    const active = g.columns.indexOf("fate") >= 0
        ? g.rows.filter(function (r) { return r[g.columns.indexOf("fate")] === "active"; }).length
        : null;
    el("p", { class: "note" }, panel, fmt(g.total) + " groups formed" +
       (active !== null ? ", " + fmt(active) + " still active" : "") +
       (rows.length < g.total ? "; the first " + fmt(rows.length) + " listed" : "") +
       ", largest first. Formed in " + unit(run) + " shown; plan is progress from 0 to 1.");
    const wrap = el("div", { class: "table-wrap" }, panel);
    const table = el("table", {}, wrap);
    const head = el("tr", {}, el("thead", {}, table));
    cols.forEach(function (c) {
      el("th", { class: c[0] === "origin" || c[0] === "fate" ? "text" : "" }, head, c[1]);
    });
    const tbody = el("tbody", {}, table);
    rows.forEach(function (r) {
      const tr = el("tr", {}, tbody);
      index.forEach(function (k, n) {
        const raw = r[k];
        const num = raw !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : null;
        const text = cols[n][0] === "legitimacy" || cols[n][0] === "plan_progress"
            ? (num === null ? raw : num.toFixed(2)) : raw;
        el("td", { class: num === null ? "text" : "" }, tr, text);
      });
    });
  });

  // ---- network animation (canvas) --------------------------------------------------------
  const panels = document.getElementById("panels");
  const legend = document.getElementById("legend");
  LEVELS.forEach(function (name, i) {
    el("span", { style: "--swatch:" + LEVEL_COLOURS[i] }, legend, name);
  });
  const animated = runs.filter(function (r) { return r.network; });
  const note = document.getElementById("network-note");
  const views = [];
  if (!animated.length) {
    note.className = "note missing";
    note.textContent = "No network to draw: run the scenario with " +
        "`--set output.snapshots=true` to record who takes part at every tick.";
  } else {
    const lay = data.layouts[animated[0].network.layout];
    note.textContent = "Each dot is a resident, coloured by how engaged they are; lines are " +
        "their social ties at the start. Drawing " + fmt(lay.sampled) + " of " +
        fmt(lay.agents_total) + " residents (" + fmt(lay.ties_drawn) + " ties): a connected " +
        "neighbourhood reached tie by tie from resident 0." +
        (data.layouts.length === 1 && animated.length > 1
            ? " Every panel shows the same residents in the same places." : "");
    animated.forEach(function (run) {
      const layout = data.layouts[run.network.layout];
      const panel = el("div", { class: "panel", style: "--run:" + run.colour }, panels);
      el("h3", {}, panel, run.label);
      const size = 640;
      const canvas = el("canvas", { width: size, height: size,
                                    "aria-label": "network of " + run.label }, panel);
      const counts = el("div", { class: "counts" }, panel);
      // The ties never change: draw them once on an off-screen canvas.
      const ties = document.createElement("canvas");
      ties.width = size;
      ties.height = size;
      const pad = 12, scale = size - 2 * pad;
      const tctx = ties.getContext("2d");
      tctx.strokeStyle = "rgba(120,120,120,0.22)";
      tctx.lineWidth = 0.6;
      tctx.beginPath();
      for (let k = 0; k < layout.ties.length; k += 2) {
        const a = layout.ties[k], b = layout.ties[k + 1];
        tctx.moveTo(pad + scale * layout.xy[2 * a], pad + scale * layout.xy[2 * a + 1]);
        tctx.lineTo(pad + scale * layout.xy[2 * b], pad + scale * layout.xy[2 * b + 1]);
      }
      tctx.stroke();
      views.push({ run: run, layout: layout, ctx: canvas.getContext("2d"), ties: ties,
                   counts: counts, pad: pad, scale: scale, size: size });
    });
  }
  const frameCount = views.reduce(function (m, v) {
    return Math.max(m, v.run.network.ticks.length);
  }, 0);
  const scrub = document.getElementById("scrub");
  const playButton = document.getElementById("play");
  scrub.max = String(Math.max(frameCount - 1, 0));
  document.getElementById("frames").textContent = String(frameCount);
  document.getElementById("tick-label").textContent =
      runs.length ? unit(runs[0]).replace(/^./, function (c) { return c.toUpperCase(); }) : "Tick";

  let frame = 0;
  function draw(f) {
    frame = f;
    let tick = 0;
    views.forEach(function (v) {
      const net = v.run.network;
      const k = Math.min(f, net.ticks.length - 1);
      tick = Math.max(tick, net.ticks[k]);
      const states = net.states[k];
      const ctx = v.ctx;
      ctx.clearRect(0, 0, v.size, v.size);
      ctx.drawImage(v.ties, 0, 0);
      const tally = [0, 0, 0, 0, 0];
      const radius = v.layout.sampled > 1000 ? 3 : 4;
      // Atomised residents first, so engaged ones are drawn on top.
      for (let level = 0; level < 5; level++) {
        ctx.fillStyle = LEVEL_COLOURS[level];
        ctx.beginPath();
        for (let i = 0; i < states.length; i++) {
          if (states.charCodeAt(i) - 48 !== level && !(level === 4 && states.charCodeAt(i) > 52))
            continue;
          tally[level] += 1;
          const x = v.pad + v.scale * v.layout.xy[2 * i], y = v.pad + v.scale * v.layout.xy[2 * i + 1];
          ctx.moveTo(x + radius, y);
          ctx.arc(x, y, radius, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      v.counts.textContent = LEVELS.map(function (name, i) {
        return name + " " + fmt(tally[i]);
      }).join(" · ");
    });
    document.getElementById("tick").textContent = String(tick);
    document.getElementById("frame").textContent = String(f);
    scrub.value = String(f);
    body.dataset.frame = String(f);
    cursors.forEach(function (move) { move(tick); });
  }

  let playing = frameCount > 1;
  let timer = null;
  const FRAME_MS = 140, HOLD_MS = 1800;
  function schedule() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!playing) return;
    const atEnd = frame >= frameCount - 1;
    timer = setTimeout(function () {
      draw(atEnd ? 0 : frame + 1);
      schedule();
    }, atEnd ? HOLD_MS : FRAME_MS);
  }
  function setPlaying(on) {
    playing = on && frameCount > 1;
    playButton.textContent = playing ? "Pause" : "Play";
    schedule();
  }
  playButton.addEventListener("click", function () { setPlaying(!playing); });
  scrub.addEventListener("input", function () { setPlaying(false); draw(Number(scrub.value)); });
  document.addEventListener("keydown", function (e) {
    if (e.key === " ") { e.preventDefault(); setPlaying(!playing); }
    if (e.key === "ArrowRight") { setPlaying(false); draw(Math.min(frame + 1, frameCount - 1)); }
    if (e.key === "ArrowLeft") { setPlaying(false); draw(Math.max(frame - 1, 0)); }
  });
  draw(0);
  setPlaying(playing);
  body.dataset.ready = "1";
})();
