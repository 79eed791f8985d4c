// Groundswell report page: draws everything from the JSON in #gs-data with plain
// DOM, SVG and canvas (no library), and, when the page carries the in-browser
// model (window.GroundswellEngine, compiled to WebAssembly by wasm/), reruns a
// setting with the trainer's slider values.
//
// Contract, for trainers: the first screen is the presenter view (networks side
// by side, legend, week, controls, one trait strip, key hints); the outcome is
// shown only at the last week or on request (V); level 0 is "not involved";
// a trait that is undefined (NaN in the CSV, null in the JSON) is drawn as a gap
// and never as 0. For tests, body's data attributes: ready ("1" once drawn),
// frame (current frame), errors (script errors caught), whatif ("none" until a
// rerun, "running", "done", "error", or "unavailable" without the engine); and
// window.gsWhatIf = {scenario, result} holds the last rerun's exact input and
// output.
"use strict";
(function () {
  const body = document.body;
  let errorCount = 0;
  function countError() {
    errorCount += 1;
    body.dataset.errors = String(errorCount);
  }
  window.addEventListener("error", countError);
  window.addEventListener("unhandledrejection", countError);

  const data = JSON.parse(document.getElementById("gs-data").textContent);
  const recorded = data.runs;  // as the report was made; `runs` may hold a rerun instead
  let runs = recorded.slice();
  const RUN_COLOURS = ["#6a3d9a", "#1b9e77", "#d95f02", "#1f78b4", "#e7298a", "#66a61e"];
  const WHATIF_COLOUR = "#b15928";
  // Engagement levels 0..4 (MODEL.md). Level 0 is a resident, never a setting's name.
  const LEVELS = ["not involved", "in dialogue", "taking part", "organiser / volunteer", "leader"];
  const LEVEL_COLOURS = ["#d4d4d4", "#9ecae1", "#4292c6", "#f16913", "#a50f15"];
  // NLGN "Community Mobilisation" Table 1, as the model measures each trait (MODEL.md).
  const TRAITS = [
    ["dialogue", "Dialogue", "residents talking about local issues"],
    ["priorities", "Clear priorities", "engaged residents agree what matters most"],
    ["shared_agenda", "Shared agenda", "those taking part are in a group with a plan"],
    ["accountable_leadership", "Accountable leaders", "groups led by a trusted local resident"],
    ["assets_and_plan", "Assets and a plan", "how far groups' plans have got"],
    ["networked", "Networked", "groups linked to the council, charities or funders"],
  ];
  // The what-if sliders: the one place that names scenario keys. Each maps to a
  // dotted key of the model's scenario; the engine's scenario layer validates the
  // result, so a key the model no longer has is reported, never ignored.
  const SLIDERS = [
    { key: "fatalism.mean", short: "fatalism", label: "Fatalism: \u201cnothing ever changes here\u201d",
      min: 0, max: 1, step: 0.05 },
    { key: "trust_and_confidence.inst_trust.mean", short: "trust", label: "Trust in the council and agencies",
      min: 0, max: 1, step: 0.05 },
    { key: "public_sector.receptiveness", short: "council", label: "The council listens and responds",
      min: 0, max: 1, step: 0.05 },
    { key: "leadership.influence", short: "leaders", label: "Pull of local leaders", min: 0, max: 3, step: 0.1 },
    { key: "philanthropy.annual_pool", short: "grants", label: "Grants from charities and funders, \u00a3 a year",
      min: 0, max: 100000, step: 5000 },
    { key: "divisions.tension", short: "divisions", label: "Divisions between groups of residents",
      min: 0, max: 1, step: 0.05 },
    { key: "opposition.events", short: "threat", label: "A threat to the estate (e.g. a closure)", kind: "threat",
      choices: [["none", "none"], ["13", "at week 13"], ["26", "at week 26"], ["52", "at week 52"]] },
    { key: "strategies", short: "organiser", label: "A paid community organiser", kind: "strategy",
      choices: [["none", "none"], ["catalyse", "follows residents' own issues"],
                ["lead", "brings the organiser's own agenda"]] },
  ];
  const THREAT = { issue: 0, strength: 0.6, duration: 8 };
  const ORGANISER = { type: "groups", staff: 1, contacts_per_week: 15, annual_cost: 40000 };
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, parent, text) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4))
                                        : document.createElement(tag);
    for (const key in attrs || {}) node.setAttribute(key, attrs[key]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function defined(v) { return typeof v === "number" && Number.isFinite(v); }
  function fmt(v, digits) {
    if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "\u2013";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v) && Math.abs(v) >= 1) return v.toLocaleString("en-GB");
    return v.toLocaleString("en-GB", { maximumFractionDigits: digits === undefined ? 2 : digits });
  }
  function pct(v) { return defined(v) ? Math.round(100 * v) + "%" : "\u2013"; }
  function last(a) { return a && a.length ? a[a.length - 1] : null; }
  function unit(run) { return run.tick_unit || "tick"; }
  function capital(s) { return s.replace(/^./, function (c) { return c.toUpperCase(); }); }
  function getPath(obj, key) {
    return key.split(".").reduce(function (o, k) {
      return o !== null && typeof o === "object" && k in o ? o[k] : undefined;
    }, obj);
  }
  function setPath(obj, key, value) {
    const parts = key.split(".");
    let o = obj;
    parts.slice(0, -1).forEach(function (k) {
      if (o[k] === null || typeof o[k] !== "object") o[k] = {};
      o = o[k];
    });
    o[parts[parts.length - 1]] = value;
  }
  // Index of the last recorded tick <= tick (series may be recorded every few ticks).
  function rowAt(ticks, tick) {
    let lo = 0, hi = ticks.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (ticks[mid] <= tick) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function seriesAt(run, column, tick) {
    const s = run.series[column];
    if (!s) return undefined;  // not recorded by this model
    const k = rowAt(run.ticks, tick);
    return k < 0 ? null : s[k];
  }
  function issueName(run, id) {
    const names = getPath(run.resolved, "residents.issue_names");
    const k = Number(id);
    if (Array.isArray(names) && names[k]) return String(names[k]);
    return "issue " + (k + 1);
  }

  // ---- static text ---------------------------------------------------------------------
  document.getElementById("title").textContent = data.title;
  const names = Array.from(new Set(recorded.map(function (r) { return r.name; }).filter(Boolean)));
  const description = recorded.length && recorded[0].description ? recorded[0].description.trim() : "";
  document.getElementById("subtitle").textContent =
      (names.length ? "Scenario " + names.join(", ") + ". " : "") + description;
  document.getElementById("footer").textContent =
      "Made by groundswell " + data.version + " report from " +
      recorded.map(function (r) { return r.dir; }).join(", ") +
      ". Every number comes from the simulation's output files; same scenario and seed, same numbers.";
  const legend = document.getElementById("legend");
  LEVELS.forEach(function (name, i) {
    el("span", { style: "--swatch:" + LEVEL_COLOURS[i] }, legend, name);
  });
  const sampleNote = el("em", { class: "sample" }, legend);

  // ---- presenter view: panels --------------------------------------------------------
  const panelsHost = document.getElementById("panels");
  let views = [];
  let frameTicks = [0];  // the week shown by each frame
  let frame = 0;
  let revealed = false;

  function buildPanels() {
    panelsHost.textContent = "";
    views = runs.map(function (run) {
      const panel = el("div", { class: "panel", style: "--run:" + run.colour }, panelsHost);
      const h3 = el("h3", {}, panel);
      el("span", {}, h3, run.label);
      const taking = el("span", { class: "taking" }, h3);
      const wrap = el("div", { class: "canvas-wrap" }, panel);
      const badge = el("div", { class: "verdict-badge", hidden: "" }, wrap);
      const view = { run: run, wrap: wrap, badge: badge, taking: taking, canvas: null };
      if (run.network) {
        view.layout = run.network.layoutData || data.layouts[run.network.layout];
        view.canvas = el("canvas", { "aria-label": "network of " + run.label }, wrap);
        view.ctx = view.canvas.getContext("2d");
        view.levels = el("div", { class: "levels", "aria-hidden": "true" }, wrap);
        const levels = view.levels;
        view.levelBars = LEVELS.map(function (name, i) {
          return el("span", { style: "--swatch:" + LEVEL_COLOURS[i], title: name }, levels);
        });
      } else {
        el("p", { class: "missing" }, wrap, "No network to draw: run the scenario with " +
           "--set output.snapshots=true to record who takes part every " + unit(run) + ".");
      }
      return view;
    });
    const animated = views.filter(function (v) { return v.layout; });
    frameTicks = animated.length
        ? animated.reduce(function (best, v) {
          return v.run.network.ticks.length > best.length ? v.run.network.ticks : best;
        }, [])
        : (runs.length ? runs[0].ticks : [0]);
    if (!frameTicks.length) frameTicks = [0];
    const lay = animated.length ? animated[0].layout : null;
    sampleNote.textContent = lay && lay.sampled < lay.agents_total
        ? "drawing " + fmt(lay.sampled) + " of " + fmt(lay.agents_total) + " residents" : "";
    const note = document.getElementById("network-note");
    note.textContent = lay
        ? "Each dot is a resident, coloured by how involved they are; lines are their social " +
          "ties at the start. Drawing " + fmt(lay.sampled) + " of " + fmt(lay.agents_total) +
          " residents (" + fmt(lay.ties_drawn) + " ties): a connected neighbourhood reached tie " +
          "by tie from resident 0." +
          (animated.length > 1 && animated.every(function (v) { return v.layout === lay; })
              ? " Every panel shows the same residents in the same places." : "")
        : "No network to draw: run the scenario with `--set output.snapshots=true`.";
    resize();
  }

  function resize() {
    const dpr = window.devicePixelRatio || 1;
    views.forEach(function (v) {
      if (!v.canvas) return;
      // A square picture as large as fits, with the level bar (16 px) under it.
      const size = Math.max(60, Math.floor(Math.min(v.wrap.clientWidth, v.wrap.clientHeight - 16)));
      v.canvas.style.width = size + "px";
      v.canvas.style.height = size + "px";
      v.levels.style.width = size + "px";
      v.levels.style.top = size + 3 + "px";
      v.badge.style.left = Math.floor((v.wrap.clientWidth - size) / 2) + 8 + "px";
      v.canvas.width = Math.round(size * dpr);
      v.canvas.height = Math.round(size * dpr);
      v.size = v.canvas.width;
      v.pad = Math.round(8 * dpr);
      v.scale = v.size - 2 * v.pad;
      v.radius = Math.max(1.5, (v.layout.sampled > 1000 ? 2.4 : 3.2) * size / 620) * dpr;
      // The ties never change: drawn once per size on an off-screen canvas.
      v.ties = document.createElement("canvas");
      v.ties.width = v.size;
      v.ties.height = v.size;
      const t = v.ties.getContext("2d");
      t.strokeStyle = "rgba(120,120,120,0.22)";
      t.lineWidth = 0.6 * dpr;
      t.beginPath();
      const xy = v.layout.xy, ties = v.layout.ties;
      for (let k = 0; k < ties.length; k += 2) {
        t.moveTo(v.pad + v.scale * xy[2 * ties[k]], v.pad + v.scale * xy[2 * ties[k] + 1]);
        t.lineTo(v.pad + v.scale * xy[2 * ties[k + 1]], v.pad + v.scale * xy[2 * ties[k + 1] + 1]);
      }
      t.stroke();
    });
    if (views.length) draw(frame);
  }
  window.addEventListener("resize", resize);

  // ---- presenter view: trait strip ---------------------------------------------------
  const strip = document.getElementById("traits-now");
  let stripCells = [];
  let gapsNote = null;
  function buildStrip() {
    strip.textContent = "";
    stripCells = [];
    if (!runs.some(function (r) { return r.series.dialogue; })) {
      el("p", { class: "missing" }, strip, "These runs do not record the six traits of a " +
         "mobilised community (they come from the mobilisation model).");
      return;
    }
    TRAITS.forEach(function (t) {
      const cell = el("div", { class: "trait", title: t[1] + ": " + t[2] +
                               " (0 = atomised, 1 = mobilised)" }, strip);
      el("div", { class: "name" }, cell, t[1]);
      el("div", { class: "meaning" }, cell, t[2]);
      runs.forEach(function (run) {
        const track = el("div", { class: "track", style: "--run:" + run.colour }, cell);
        const fill = el("div", { class: "fill" }, track);
        const value = el("span", { class: "value" }, track);
        stripCells.push({ run: run, column: t[0], track: track, fill: fill, value: value });
      });
    });
    gapsNote = el("div", { class: "gaps-note", hidden: "" }, strip,
                  "Striped: not defined this week (no one engaged yet, or no group yet).");
  }
  function updateStrip(tick) {
    let gaps = false;
    stripCells.forEach(function (c) {
      const v = seriesAt(c.run, c.column, tick);
      const ok = defined(v);
      gaps = gaps || !ok;
      c.track.classList.toggle("undefined", !ok);
      c.fill.style.width = ok ? (100 * Math.max(0, Math.min(1, v))).toFixed(1) + "%" : "0";
      c.value.textContent = ok ? v.toFixed(2) : "no data";
    });
    if (gapsNote) gapsNote.hidden = !gaps;
  }

  // ---- drawing one frame -------------------------------------------------------------
  const scrub = document.getElementById("scrub");
  const playButton = document.getElementById("play");
  function verdictText(run) {
    const ms = run.model_summary || {};
    if (!ms.verdict) return null;
    return [ms.verdict, defined(ms.mobilisation_index)
        ? "mobilisation index " + ms.mobilisation_index.toFixed(2) : "index not defined"];
  }
  function draw(f) {
    frame = Math.max(0, Math.min(f, frameTicks.length - 1));
    const tick = frameTicks[frame];
    const atEnd = frame === frameTicks.length - 1;
    views.forEach(function (v) {
      const part = seriesAt(v.run, "participation", tick);
      v.taking.textContent = part === undefined ? "" : "taking part " + pct(part);
      const verdict = verdictText(v.run);
      v.badge.hidden = !(verdict && (revealed || atEnd));
      if (verdict) {
        v.badge.textContent = "";
        el("span", {}, v.badge, "Ends ");
        el("strong", {}, v.badge, verdict[0]);
        el("span", {}, v.badge, " \u00b7 " + verdict[1]);
      }
      if (!v.canvas) return;
      const net = v.run.network;
      const k = Math.max(0, rowAt(net.ticks, tick));
      const states = net.states[k];
      const ctx = v.ctx;
      ctx.clearRect(0, 0, v.size, v.size);
      ctx.drawImage(v.ties, 0, 0);
      const tally = [0, 0, 0, 0, 0];
      const xy = v.layout.xy, r = v.radius;
      // Residents not involved first, so engaged ones are drawn on top.
      for (let level = 0; level < 5; level++) {
        ctx.fillStyle = LEVEL_COLOURS[level];
        ctx.beginPath();
        for (let i = 0; i < states.length; i++) {
          const code = Math.min(states.charCodeAt(i) - 48, 4);
          if (code !== level) continue;
          tally[level] += 1;
          const x = v.pad + v.scale * xy[2 * i], y = v.pad + v.scale * xy[2 * i + 1];
          ctx.moveTo(x + r, y);
          ctx.arc(x, y, r, 0, 2 * Math.PI);
        }
        ctx.fill();
      }
      const total = Math.max(1, states.length);
      v.levelBars.forEach(function (bar, i) {
        bar.style.width = (100 * tally[i] / total).toFixed(2) + "%";
        bar.title = LEVELS[i] + ": " + fmt(tally[i]) + " of " + fmt(states.length) + " drawn";
      });
    });
    updateStrip(tick);
    document.getElementById("tick").textContent = String(tick);
    scrub.value = String(frame);
    body.dataset.frame = String(frame);
    cursors.forEach(function (move) { move(tick); });
    if (atEnd && playing) setPlaying(false);
  }

  // ---- playing -------------------------------------------------------------------------
  const BASE_MS = 300;  // one week at 1x: two years in about half a minute
  const speed = document.getElementById("speed");
  let playing = false;
  let timer = null;
  function schedule() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (!playing) return;
    timer = setTimeout(function () {
      draw(frame + 1);
      schedule();
    }, BASE_MS / Number(speed.value));
  }
  function setPlaying(on) {
    playing = on && frameTicks.length > 1;
    if (playing && frame >= frameTicks.length - 1) draw(0);
    playButton.textContent = playing ? "Pause" : "Play";
    schedule();
  }
  function stepTo(f) { setPlaying(false); draw(f); }
  function changeSpeed(delta) {
    const i = Math.max(0, Math.min(speed.options.length - 1, speed.selectedIndex + delta));
    speed.selectedIndex = i;
    schedule();
  }
  function toggleReveal() {
    revealed = !revealed;
    document.getElementById("reveal").textContent = revealed ? "Hide verdict" : "Verdict";
    draw(frame);
  }
  function toggleFullscreen() {
    // Refused outside a user's gesture (or by policy): then the page simply stays as it is.
    const done = document.fullscreenElement ? document.exitFullscreen()
        : document.documentElement.requestFullscreen ? document.documentElement.requestFullscreen()
        : null;
    if (done && done.catch) done.catch(function () {});
  }
  playButton.addEventListener("click", function () { setPlaying(!playing); });
  document.getElementById("step").addEventListener("click", function () { stepTo(frame + 1); });
  document.getElementById("back").addEventListener("click", function () { stepTo(frame - 1); });
  document.getElementById("start").addEventListener("click", function () { stepTo(0); });
  document.getElementById("reveal").addEventListener("click", toggleReveal);
  document.getElementById("fullscreen").addEventListener("click", toggleFullscreen);
  document.getElementById("save").addEventListener("click", function () { savePng(); });
  speed.addEventListener("change", schedule);
  scrub.addEventListener("input", function () { stepTo(Number(scrub.value)); });
  // A clicked button keeps the focus, and Space would then press it again on
  // top of the Space key's own action: hand the focus back to the page.
  document.getElementById("bar").addEventListener("click", function (e) {
    if (e.target.tagName === "BUTTON") e.target.blur();
  });
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (e.key === "Escape" && !whatif.hidden) {
      whatif.hidden = true;
      return;
    }
    if (t && t.closest && t.closest("#whatif")) return;  // sliders keep their keys
    if (t && t.tagName === "SELECT") return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    const actions = {
      " ": function () { setPlaying(!playing); },
      ArrowRight: function () { stepTo(frame + 1); },
      ArrowLeft: function () { stepTo(frame - 1); },
      Home: function () { stepTo(0); },
      End: function () { stepTo(frameTicks.length - 1); },
      "+": function () { changeSpeed(1); },
      "=": function () { changeSpeed(1); },
      "-": function () { changeSpeed(-1); },
      v: toggleReveal,
      f: toggleFullscreen,
      s: function () { savePng(); },
      w: toggleWhatIf,
    };
    if (actions[key]) {
      e.preventDefault();
      actions[key]();
    }
  });

  // ---- save as PNG: the presenter view redrawn on one canvas ---------------------------
  function savePng() {
    const W = 1600, H = 900, pad = 24;
    const c = document.createElement("canvas");
    c.width = W;
    c.height = H;
    const g = c.getContext("2d");
    g.fillStyle = "#fff";
    g.fillRect(0, 0, W, H);
    g.fillStyle = "#1b1b1b";
    g.font = "bold 30px DejaVu Sans, Arial, sans-serif";
    g.fillText(data.title, pad, 42);
    g.font = "24px DejaVu Sans, Arial, sans-serif";
    const tick = frameTicks[frame];
    g.fillText(capital(runs.length ? unit(runs[0]) : "tick") + " " + tick + " of " +
               last(frameTicks), pad, 76);
    const stripH = 150, legendH = 40, top = 96;
    const side = Math.min(H - top - stripH - legendH - 50, (W - pad * (views.length + 1)) / Math.max(1, views.length));
    views.forEach(function (v, i) {
      const x = pad + i * (side + pad);
      g.fillStyle = v.run.colour;
      g.fillRect(x, top + 32, side, 5);
      g.fillStyle = "#1b1b1b";
      g.font = "bold 24px DejaVu Sans, Arial, sans-serif";
      g.fillText(v.run.label + "   " + v.taking.textContent, x, top + 26);
      if (v.canvas) g.drawImage(v.canvas, x, top + 42, side, side);
      if (!v.badge.hidden) {
        g.font = "bold 22px DejaVu Sans, Arial, sans-serif";
        g.fillText(v.badge.textContent, x + 10, top + 72);
      }
    });
    let lx = pad;
    const ly = top + 42 + side + 30;
    g.font = "20px DejaVu Sans, Arial, sans-serif";
    LEVELS.forEach(function (name, i) {
      g.fillStyle = LEVEL_COLOURS[i];
      g.beginPath();
      g.arc(lx + 8, ly - 7, 8, 0, 2 * Math.PI);
      g.fill();
      g.fillStyle = "#1b1b1b";
      g.fillText(name, lx + 22, ly);
      lx += 44 + g.measureText(name).width;
    });
    const colW = (W - 2 * pad) / TRAITS.length, sy = ly + 22;
    TRAITS.forEach(function (t, i) {
      const x = pad + i * colW;
      g.fillStyle = "#1b1b1b";
      g.font = "bold 18px DejaVu Sans, Arial, sans-serif";
      g.fillText(t[1], x, sy + 16);
      runs.forEach(function (run, j) {
        const y = sy + 26 + j * 26, v = seriesAt(run, t[0], tick), w = colW - 16;
        g.fillStyle = "#eee";
        g.fillRect(x, y, w, 20);
        g.font = "16px DejaVu Sans, Arial, sans-serif";
        if (defined(v)) {
          g.fillStyle = run.colour;
          g.fillRect(x, y, w * Math.max(0, Math.min(1, v)), 20);
          g.fillStyle = "#1b1b1b";
          g.fillText(v.toFixed(2), x + w - 44, y + 16);
        } else {
          g.fillStyle = "#8a4b00";
          g.fillText("no data", x + 6, y + 16);
        }
      });
    });
    c.toBlob(function (blob) {
      const a = el("a", { href: URL.createObjectURL(blob),
                          download: "groundswell-" + unit(runs[0] || {}) + "-" + tick + ".png" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 5000);
    }, "image/png");
    body.dataset.saved = String(Number(body.dataset.saved || 0) + 1);
  }

  // ---- details: line charts (SVG) ----------------------------------------------------
  let cursors = [];  // functions(tick) moving each chart's "now" marker
  function lineChart(parent, spec) {
    const W = 420, H = 230, L = 52, R = 12, T = 24, B = 40;
    const svg = el("svg:svg", { viewBox: "0 0 " + W + " " + H, role: "img",
                                "aria-label": spec.title }, parent);
    el("svg:text", { x: L, y: 16, class: "title" }, svg, spec.title);
    let xmax = 1, ymax = spec.yMax || 0;
    spec.lines.forEach(function (line) {
      xmax = Math.max(xmax, last(line.x) || 1);
      if (!spec.yMax) line.y.forEach(function (v) { if (defined(v)) ymax = Math.max(ymax, v); });
    });
    if (ymax <= 0) ymax = 1;
    const sx = function (x) { return L + (W - L - R) * x / xmax; };
    const sy = function (y) { return H - B - (H - T - B) * y / ymax; };
    for (let k = 0; k <= 4; k++) {
      const yv = ymax * k / 4;
      el("svg:line", { x1: L, x2: W - R, y1: sy(yv), y2: sy(yv), class: "grid" }, svg);
      el("svg:text", { x: L - 6, y: sy(yv) + 4, "text-anchor": "end", class: "tick" }, svg,
         spec.percent ? Math.round(100 * yv) + "%" : fmt(yv));
      const xv = Math.round(xmax * k / 4);
      el("svg:text", { x: sx(xv), y: H - B + 16, "text-anchor": "middle", class: "tick" }, svg,
         String(xv));
    }
    el("svg:line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#888" }, svg);
    el("svg:line", { x1: L, x2: L, y1: T, y2: H - B, stroke: "#888" }, svg);
    el("svg:text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", class: "label" }, svg,
       spec.xLabel);
    el("svg:text", { x: 12, y: (T + H - B) / 2, "text-anchor": "middle", class: "label",
                     transform: "rotate(-90 12 " + (T + H - B) / 2 + ")" }, svg, spec.yLabel);
    spec.lines.forEach(function (line) {
      // An undefined value ends the stroke: the line shows a gap, never a drop to 0.
      let d = "", pen = false;
      line.x.forEach(function (x, i) {
        if (!defined(line.y[i])) { pen = false; return; }
        d += (pen ? "L" : "M") + sx(x).toFixed(1) + "," + sy(line.y[i]).toFixed(1);
        pen = true;
      });
      el("svg:path", { d: d, fill: "none", stroke: line.colour, "stroke-width": 2.5,
                       "stroke-linecap": "round" }, svg);
    });
    const cursor = el("svg:line", { x1: L, x2: L, y1: T, y2: H - B, class: "cursor" }, svg);
    cursors.push(function (tick) {
      const x = sx(Math.min(tick, xmax));
      cursor.setAttribute("x1", x);
      cursor.setAttribute("x2", x);
    });
  }
  // A key naming each run's colour, placed just before a grid of charts.
  function runKey(grid) {
    const old = grid.previousElementSibling;
    if (old && old.classList.contains("run-key")) old.remove();
    const key = el("div", { class: "run-key" });
    grid.parentNode.insertBefore(key, grid);
    runs.forEach(function (run) { el("span", { style: "--run:" + run.colour }, key, run.label); });
  }
  function linesFor(column) {
    return runs.filter(function (r) { return r.series[column]; }).map(function (r) {
      return { x: r.ticks, y: r.series[column], colour: r.colour };
    });
  }

  function buildDetails() {
    cursors = [];
    const xLabel = (runs.length ? unit(runs[0]) : "tick") + "s since the start";
    const traitsHost = document.getElementById("traits-lines");
    traitsHost.textContent = "";
    if (runs.some(function (r) { return r.series.dialogue; })) {
      runKey(traitsHost);
      TRAITS.forEach(function (t) {
        lineChart(traitsHost, { title: t[1], yLabel: "share (0\u20131)", xLabel: xLabel,
                                yMax: 1, lines: linesFor(t[0]) });
      });
    }
    const seriesHost = document.getElementById("series");
    seriesHost.textContent = "";
    runKey(seriesHost);
    [["participation", "Taking part", "% of residents", true, null],
     ["mean_fatalism", "Fatalism", "mean over residents (0\u20131)", false, 1],
     ["mean_inst_trust", "Trust in institutions", "mean over residents (0\u20131)", false, 1],
    ].forEach(function (c) {
      const lines = linesFor(c[0]);
      if (!lines.length) {
        el("p", { class: "missing" }, seriesHost, c[1] + ": not recorded by these runs.");
        return;
      }
      lineChart(seriesHost, { title: c[1], yLabel: c[2], xLabel: xLabel, percent: c[3],
                              yMax: c[4], lines: lines });
    });
    buildVerdicts();
    buildGroups();
  }

  function buildVerdicts() {
    const host = document.getElementById("verdicts");
    host.textContent = "";
    runs.forEach(function (run) {
      const card = el("div", { class: "card", style: "--run:" + run.colour }, host);
      el("h3", {}, card, run.label);
      const ms = run.model_summary || {};
      const dl = el("dl", {}, card);
      function row(k, v) { el("dt", {}, dl, k); el("dd", {}, dl, v); }
      if (ms.verdict) row("verdict", ms.verdict);
      if (ms.mobilisation_index !== undefined) row("mobilisation index (0\u20131)", fmt(ms.mobilisation_index));
      const s = run.series;
      if (s.participation) row("residents taking part", pct(last(s.participation)));
      if (s.groups_formed) row("groups formed", fmt(last(s.groups_formed)));
      if (s.assets) row("assets built", fmt(last(s.assets)));
      if (s.quick_wins) row("quick wins", fmt(last(s.quick_wins)));
      if (s.spend && last(s.spend) > 0) row("spent", "\u00a3" + fmt(last(s.spend), 0));
      if (s.roi && last(s.roi) > 0) row("saved per \u00a3 spent", "\u00a3" + fmt(last(s.roi)));
      row("ran", fmt(last(run.ticks)) + " " + unit(run) + "s, seed " + run.seed);
    });
  }

  // ---- details: groups in plain words ------------------------------------------------
  const ORIGINS = { organic: "residents" };
  const FATES = { active: "still going", dissolved_failure: "gave up after setbacks",
                  dissolved_small: "too few members left" };
  function buildGroups() {
    const host = document.getElementById("groups");
    host.textContent = "";
    runs.forEach(function (run) {
      const panel = el("div", { style: "--run:" + run.colour }, host);
      el("h3", {}, panel, run.label);
      const g = run.groups;
      if (!g || !g.columns.length) {
        el("p", { class: "missing" }, panel, "This run has no group list.");
        return;
      }
      if (!g.total) { el("p", {}, panel, "No group formed."); return; }
      const col = function (name) { return g.columns.indexOf(name); };
      const cell = function (row, name) { return col(name) >= 0 ? row[col(name)] : ""; };
      const num = function (row, name) {
        const raw = cell(row, name);
        return raw === "" || raw === "nan" || raw === null ? NaN : Number(raw);
      };
      const rows = g.rows.slice().sort(function (a, b) {
        return (num(b, "size") || 0) - (num(a, "size") || 0);
      });
      const active = rows.filter(function (r) { return cell(r, "fate") === "active"; }).length;
      el("p", { class: "note" }, panel, fmt(g.total) + " groups formed, " + fmt(active) +
         " still going" + (rows.length < g.total ? "; the largest " + fmt(rows.length) + " listed" : "") +
         ", largest first.");
      const COLUMNS = [
        ["about", "text", function (r) { return issueName(run, cell(r, "issue")); }],
        ["started by", "text", function (r) {
          const o = cell(r, "origin");
          return ORIGINS[o] || o.replace(/_/g, " ");
        }],
        [unit(run), "num", function (r) { return cell(r, "formed_tick"); }],
        ["people", "num", function (r) { return cell(r, "size"); }],
        ["led by", "text", function (r) {
          if (cell(r, "leader") === "" || cell(r, "leader") === "null") return "no leader yet";
          return cell(r, "externally_led") === "true" ? "an outside organiser" : "a trusted local";
        }],
        ["plan", "text", function (r) {
          const p = num(r, "plan_progress");
          return Number.isFinite(p) ? Math.round(100 * p) + "% done" : "\u2013";
        }],
        ["wins", "num", function (r) { return cell(r, "successes"); }],
        ["now", "text", function (r) {
          const f = cell(r, "fate");
          return FATES[f] || f.replace(/_/g, " ");
        }],
      ];
      const WIDTHS = ["14%", "15%", "9%", "10%", "19%", "11%", "8%", "14%"];
      const wrap = el("div", { class: "table-wrap" }, panel);
      const table = el("table", {}, wrap);
      const colgroup = el("colgroup", {}, table);
      WIDTHS.forEach(function (w) { el("col", { style: "width:" + w }, colgroup); });
      const head = el("tr", {}, el("thead", {}, table));
      COLUMNS.forEach(function (c) { el("th", { class: c[1] }, head, c[0]); });
      const tbody = el("tbody", {}, table);
      rows.forEach(function (r) {
        const tr = el("tr", {}, tbody);
        COLUMNS.forEach(function (c) { el("td", { class: c[1] }, tr, c[2](r)); });
      });
    });
  }

  // ---- what if: sliders, the in-browser model, a rerun -----------------------------------
  const whatif = document.getElementById("whatif");
  const whatifStatus = document.getElementById("whatif-status");
  const whatifOpen = document.getElementById("whatif-open");
  const baseSelect = document.getElementById("whatif-base");
  const sliderHost = document.getElementById("sliders");
  const engineReady = typeof window.GroundswellEngine === "function" &&
      typeof WebAssembly === "object";
  let enginePromise = null;
  let controls = [];
  window.gsWhatIf = null;
  function status(text, error) {
    whatifStatus.textContent = text;
    whatifStatus.className = error ? "error" : "";
  }
  function toggleWhatIf() {
    if (whatifOpen.disabled) return;
    whatif.hidden = !whatif.hidden;
  }
  whatifOpen.addEventListener("click", toggleWhatIf);
  document.getElementById("whatif-close").addEventListener("click", toggleWhatIf);
  const candidates = recorded.filter(function (r) { return r.resolved && r.model === "mobilisation"; });
  if (!engineReady || !candidates.length) {
    whatifOpen.disabled = true;
    whatifOpen.title = typeof WebAssembly !== "object"
        ? "This browser cannot run WebAssembly: the page plays the recorded runs only."
        : !candidates.length ? "What-if reruns need runs of the mobilisation model."
        : "This page was made without the in-browser model (Groundswell was built without " +
          "emscripten); it plays the recorded runs only.";
    body.dataset.whatif = "unavailable";
  } else {
    candidates.forEach(function (r) { el("option", { value: r.label }, baseSelect, r.label); });
    baseSelect.value = last(candidates).label;
    baseSelect.addEventListener("change", buildSliders);
    document.getElementById("whatif-note").textContent =
        "Change the settings and press Run: the model reruns here, in this page, with the same " +
        "residents, network and seed; the result is shown next to the setting you start from.";
    document.getElementById("whatif-run").addEventListener("click", runWhatIf);
    document.getElementById("whatif-reset").addEventListener("click", function () {
      runs = recorded.slice();
      rebuild();
      buildSliders();
      status("Back to the recorded runs.");
    });
    buildSliders();
  }
  function baseRun() {
    return candidates.find(function (r) { return r.label === baseSelect.value; }) || candidates[0];
  }
  function buildSliders() {
    sliderHost.textContent = "";
    const base = baseRun();
    controls = SLIDERS.map(function (s) {
      const box = el("div", { class: "slider" }, sliderHost);
      const head = el("div", { class: "head" }, box);
      const id = "slider-" + s.key.replace(/\./g, "-");
      el("label", { for: id }, head, s.label);
      const current = getPath(base.resolved, s.key);
      let input, output = null;
      if (s.kind) {
        input = el("select", { id: id, "data-key": s.key }, box);
        s.choices.forEach(function (c) { el("option", { value: c[0] }, input, c[1]); });
        input.value = s.kind === "threat"
            ? (Array.isArray(current) && current.length ? String(current[0].tick) : "none")
            : (Array.isArray(current) && current.length ? current[0].mode || "none" : "none");
        if (!Array.from(input.options).some(function (o) { return o.value === input.value; }))
          el("option", { value: input.value }, input, "as recorded");
      } else {
        output = el("output", { for: id }, head);
        input = el("input", { id: id, type: "range", min: s.min, max: s.max, step: s.step,
                              "data-key": s.key }, box);
        input.value = defined(current) ? String(current) : String(s.min);
        const show = function () {
          output.textContent = s.max >= 1000 ? "\u00a3" + fmt(Number(input.value), 0)
                                             : Number(input.value).toFixed(2);
        };
        input.addEventListener("input", show);
        show();
      }
      if (current === undefined) {
        box.classList.add("absent");
        el("div", { class: "absent-note" }, box, "This model has no " + s.key +
           ": moving it makes the run fail with the model's own message.");
      }
      const initial = input.value;
      return { spec: s, input: input, changed: function () { return input.value !== initial; } };
    });
  }
  // The scenario sent to the engine: the base run's resolved scenario (every key,
  // defaults included) with the changed sliders written in.
  function whatIfScenario() {
    const base = baseRun();
    const scenario = JSON.parse(JSON.stringify(base.resolved));
    delete scenario.variants;
    controls.forEach(function (c) {
      if (!c.changed()) return;
      const s = c.spec, v = c.input.value;
      if (s.kind === "threat") {
        setPath(scenario, s.key, v === "none" ? [] : [Object.assign({ tick: Number(v) }, THREAT)]);
      } else if (s.kind === "strategy") {
        setPath(scenario, s.key, v === "none" ? [] : [Object.assign({ mode: v }, ORGANISER)]);
      } else {
        setPath(scenario, s.key, Number(v));
      }
    });
    setPath(scenario, "output.snapshots", true);
    scenario.seed = base.seed;
    return scenario;
  }
  function runWhatIf() {
    const base = baseRun();
    const scenario = whatIfScenario();
    const changed = controls.filter(function (c) { return c.changed(); }).map(function (c) {
      const v = c.input.value;
      return c.spec.short + " " + (c.spec.kind ? c.input.options[c.input.selectedIndex].text
          : c.spec.max >= 1000 ? "\u00a3" + fmt(Number(v), 0) : Number(v).toFixed(2));
    });
    body.dataset.whatif = "running";
    status("Running " + fmt(getPath(scenario, "run.max_ticks")) + " " + unit(base) + "s\u2026");
    document.getElementById("whatif-run").disabled = true;
    if (!enginePromise) enginePromise = window.GroundswellEngine();
    const started = performance.now();
    // Let the status paint before the (synchronous) run blocks the page.
    setTimeout(function () {
      enginePromise.then(function (engine) {
        const text = engine.run_json(JSON.stringify(scenario));
        const result = JSON.parse(text);
        window.gsWhatIf = { scenario: scenario, result: result };
        if (result.error) throw new Error(result.error);
        const run = runFromEngine(result, base, changed);
        runs = [base, run];  // before and after, side by side
        rebuild();
        stepTo(0);
        whatif.hidden = true;  // the room sees the rerun; W brings the sliders back
        status("Done in " + ((performance.now() - started) / 1000).toFixed(1) + " s. Press " +
               "Play to watch it; Reset to go back.");
        body.dataset.whatif = "done";
      }).catch(function (e) {
        status("The model refused this setting:\n" + (e && e.message ? e.message : e), true);
        body.dataset.whatif = "error";
      }).finally(function () {
        document.getElementById("whatif-run").disabled = false;
      });
    }, 30);
  }
  // The engine's output, in the shape of a recorded run (render.cpp).
  function runFromEngine(result, base, changed) {
    const series = {};
    result.observables.forEach(function (name, c) {
      series[name] = result.series.map(function (row) { return row[c]; });
    });
    const run = {
      label: base.label + ", what if" + (changed.length ? ": " + changed.join(", ") : ""),
      dir: "(in this page)", model: result.model, seed: result.seed, name: base.name,
      description: base.description, tick_unit: base.tick_unit, resolved: result.scenario,
      model_summary: result.summary, ticks: result.ticks, series: series,
      groups: result.groups, colour: WHATIF_COLOUR, network: null,
    };
    if (base.network) {
      const layout = data.layouts[base.network.layout];
      const agents = layout.agents;
      run.network = {
        layout: base.network.layout, ticks: result.ticks,
        states: result.snapshots.map(function (all) {
          let s = "";
          for (let i = 0; i < agents.length; i++) s += all.charAt(agents[i]);
          return s;
        }),
      };
    }
    return run;
  }

  function rebuild() {
    revealed = false;
    document.getElementById("reveal").textContent = "Verdict";
    buildDetails();
    buildStrip();
    buildPanels();
    scrub.max = String(frameTicks.length - 1);
    document.getElementById("tick-max").textContent = String(last(frameTicks));
    document.getElementById("tick-label").textContent =
        runs.length ? capital(unit(runs[0])) : "Tick";
    draw(Math.min(frame, frameTicks.length - 1));
  }

  recorded.forEach(function (run, i) { run.colour = RUN_COLOURS[i % RUN_COLOURS.length]; });
  rebuild();
  setPlaying(false);
  body.dataset.ready = "1";
})();
