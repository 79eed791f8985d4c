"""The report in a real browser (ctest: report_browser): headless Chromium driven
over the DevTools protocol (a pipe, no port, no extra package).

Contract checked, on the page `groundswell report` makes of both variants of
scenarios/mobilised_vs_atomised.yaml, at 1024x768, 1400x1000 and 1920x1080:
- the presenter view fits: both network pictures, the legend, the week, the
  play/pause/step/speed controls, the trait strip and the key hints lie inside
  the window, nothing overflows sideways, and the groups tables fit their width;
- no console message and no script error (console, exceptions, the page's own
  data-errors counter);
- the outcome is hidden at week 0 and shown at the last week; level 0 is called
  "not involved", never a setting's name; S saves a PNG; F enters and leaves
  full screen;
- pressing Play advances the animation;
- when the page carries the in-browser model: moving a slider and pressing Run
  changes the numbers shown, and the rerun's series and summary equal, bit for
  bit, those of `groundswell run` on the same scenario JSON and seed; a key
  the model does not have is refused with a did-you-mean; a page opened
  without WebAssembly still plays the recorded runs.
Screenshots (report-WxH.png at week 0, report-end-WxH.png at the last week,
whatif-1024x768.png after a rerun) are kept in GS_WORK_DIR. Every wait is bounded; the page has no URL to fetch.
"""

import base64
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BINARY = os.environ["GS_BINARY"]
SOURCE = Path(os.environ["GS_SOURCE_DIR"])
WORK = Path(os.environ["GS_WORK_DIR"])
CHROMIUM = os.environ.get("GS_CHROMIUM", "/usr/bin/chromium")
EXPECT_ENGINE = os.environ.get("GS_EXPECT_ENGINE", "0") == "1"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--remote-debugging-pipe", "--disable-extensions"]
SIZES = [(1024, 768), (1400, 1000), (1920, 1080)]


def check(condition, message):
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


class Browser:
    """Chromium with the DevTools protocol on fds 3 (commands) and 4 (replies)."""

    def __init__(self, *extra):
        self.profile = tempfile.TemporaryDirectory(prefix="gs-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def wire():  # in the child: the pipe ends at fds 3 and 4, kept across exec
            read_end, write_end = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(read_end, 3)
            os.dup2(write_end, 4)

        self.process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile.name}", *extra, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", targetId=page["targetId"],
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")

    def _read(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no reply from Chromium")
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, timeout=60, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout=60):
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def evaluate(self, expression, timeout=60):
        result = self.call("Runtime.evaluate", timeout=timeout, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(f"still false after {timeout} s: {expression}")

    def open(self, url, width, height):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")
        self.wait_for("document.body.dataset.ready === '1'", timeout=30)

    def press(self, key):
        """A real key press (trusted, so it counts as a user gesture)."""
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, text=key if kind == "keyDown" else "",
                      code="Key" + key.upper(), windowsVirtualKeyCode=ord(key.upper()))

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def problems(self):
        """Console messages, uncaught exceptions and log errors seen so far."""
        self.call("Runtime.evaluate", expression="0")  # drain pending events
        found = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled":
                found.append(f"console.{p.get('type')}: " +
                             " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                found.append("log: " + p["entry"].get("text", ""))
        return found

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.to_child)
        os.close(self.from_child)
        self.profile.cleanup()


# Rectangles of everything the presenter view must show, and how much overflows.
LAYOUT = """(() => {
  const r = e => { const b = e.getBoundingClientRect();
                   return {left: b.left, top: b.top, right: b.right, bottom: b.bottom}; };
  const pick = s => Array.from(document.querySelectorAll(s)).map(e => [s, r(e)]);
  return {
    width: innerWidth, height: innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    boxes: [].concat(pick('#panels canvas'), pick('#legend'), pick('#play'), pick('#step'),
                     pick('#back'), pick('#speed'), pick('#scrub'), pick('#tick'),
                     pick('#traits-now'), pick('#hints'), pick('#fullscreen'), pick('#save'),
                     pick('#reveal')),
    canvases: Array.from(document.querySelectorAll('#panels canvas')).map(c => c.clientWidth),
    tables: Array.from(document.querySelectorAll('#groups .table-wrap')).map(
        w => [w.scrollWidth, w.clientWidth]),
  };
})()"""


def check_layout(browser, width, height):
    layout = browser.evaluate(LAYOUT)
    check(len(layout["canvases"]) == 2, f"{width}x{height}: expected two network pictures")
    for name, box in layout["boxes"]:
        inside = (box["left"] >= 0 and box["top"] >= 0 and box["right"] <= width + 0.5 and
                  box["bottom"] <= height + 0.5 and box["right"] > box["left"])
        check(inside, f"{width}x{height}: {name} is not inside the window: {box}")
    check(layout["scrollWidth"] <= width, f"{width}x{height}: the page overflows sideways")
    smallest = min(layout["canvases"])
    check(smallest >= 0.3 * height,
          f"{width}x{height}: network pictures too small to read ({smallest} px)")
    for scroll, client in layout["tables"]:
        check(scroll <= client, f"{width}x{height}: a groups table is cut off ({scroll} > {client})")
    return smallest


def cli_run(scenario, out):
    """`groundswell run` on the exact scenario the page sent; returns series and summary."""
    path = out.with_suffix(".json")
    path.write_text(json.dumps(scenario))
    done = subprocess.run([BINARY, "run", path, "--out", out, "--force", "-q"],
                          capture_output=True, text=True, timeout=120)
    check(done.returncode == 0, f"CLI run of the page's scenario failed: {done.stderr}")
    with open(out / "series.csv", newline="") as f:
        rows = list(csv.reader(f))
    return rows, json.loads((out / "summary.json").read_text())


def same_number(a, b):
    if a is None:
        return math.isnan(b)
    return a == b


def main():
    runs = WORK / "browser_runs"
    page = WORK / "report.html"
    start = time.monotonic()
    done = subprocess.run([BINARY, "run", SOURCE / "scenarios" / "mobilised_vs_atomised.yaml",
                           "--set", "output.snapshots=true", "--out", runs, "--force", "-q"],
                          capture_output=True, text=True, timeout=120)
    check(done.returncode == 0, f"run failed: {done.stderr}")
    done = subprocess.run([BINARY, "report", runs, "-o", page, "-q"], capture_output=True,
                          text=True, timeout=120)
    check(done.returncode == 0, f"report failed: {done.stderr}")
    url = page.resolve().as_uri()
    made = time.monotonic()
    notes = []

    browser = Browser()
    try:
        for width, height in SIZES:
            browser.open(url, width, height)
            check(browser.evaluate("document.body.dataset.frame") == "0", "does not start at week 0")
            check(browser.evaluate("Array.from(document.querySelectorAll('.verdict-badge'))"
                                   ".every(b => b.hidden)"), "the outcome shows at week 0")
            legend = browser.evaluate("document.getElementById('legend').textContent")
            check("not involved" in legend and "atomised" not in legend,
                  f"level 0 must read 'not involved', legend: {legend}")
            smallest = check_layout(browser, width, height)
            browser.screenshot(WORK / f"report-{width}x{height}.png")
            # Play at 4x for a second of real time: the week must move on.
            browser.evaluate("document.getElementById('speed').value = '4';"
                             "document.getElementById('speed').dispatchEvent(new Event('change'));"
                             "document.getElementById('play').click()")
            time.sleep(1.2)
            frame = int(browser.evaluate("document.body.dataset.frame"))
            check(frame >= 3, f"{width}x{height}: the animation did not advance (frame {frame})")
            browser.evaluate("document.getElementById('play').click()")  # pause
            browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End'}))")
            check(browser.evaluate("Array.from(document.querySelectorAll('.verdict-badge'))"
                                   ".every(b => !b.hidden)"), "the outcome is not shown at the end")
            check_layout(browser, width, height)
            browser.screenshot(WORK / f"report-end-{width}x{height}.png")
            browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 's'}))")
            check(browser.evaluate("document.body.dataset.saved") == "1", "S did not save a PNG")
            # F, pressed as a person would (a trusted key event), enters and leaves full screen.
            for expected in (True, False):
                browser.press("f")
                browser.wait_for(f"!!document.fullscreenElement === {str(expected).lower()}",
                                 timeout=10)
            notes.append(f"{width}x{height}: pictures {smallest} px, frame {frame} after 1.2 s at 4x")
        check(browser.evaluate("document.body.dataset.errors") == "0", "script errors on the page")
        problems = browser.problems()
        check(not problems, "console or script problems:\n" + "\n".join(problems))

        whatif = browser.evaluate("document.body.dataset.whatif")
        if EXPECT_ENGINE:
            check(whatif != "unavailable", "the page lacks the in-browser model")
        if whatif != "unavailable":
            browser.open(url, 1024, 768)
            before = browser.evaluate(
                "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End'}));"
                "Array.from(document.querySelectorAll('.panel h3 .taking')).map(e => e.textContent)")
            browser.evaluate("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'w'}))")
            browser.evaluate("""(() => {
                const s = document.querySelector('[data-key="fatalism.mean"]');
                s.value = '0.9'; s.dispatchEvent(new Event('input'));
                document.getElementById('whatif-run').click(); })()""")
            t0 = time.monotonic()
            browser.wait_for("['done', 'error'].includes(document.body.dataset.whatif)", timeout=120)
            seconds = time.monotonic() - t0
            status = browser.evaluate("document.getElementById('whatif-status').textContent")
            check(browser.evaluate("document.body.dataset.whatif") == "done",
                  f"the in-browser rerun failed: {status}")
            browser.screenshot(WORK / "whatif-1024x768.png")
            after = browser.evaluate(
                "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'End'}));"
                "Array.from(document.querySelectorAll('.panel h3 .taking')).map(e => e.textContent)")
            # The rerun stands next to the setting it started from (the last panel).
            check(after[0] == before[-1] and after[-1] != before[-1],
                  f"the slider and Run changed nothing shown: {before} -> {after}")
            check_layout(browser, 1024, 768)
            rerun = browser.evaluate("window.gsWhatIf")
            check(rerun["scenario"]["fatalism"]["mean"] == 0.9, "the slider value was not sent")
            rows, summary = cli_run(rerun["scenario"], WORK / "whatif_cli")
            result = rerun["result"]
            check(rows[0][1:] == result["observables"], "observables differ from the CLI's")
            check([int(r[0]) for r in rows[1:]] == result["ticks"], "recorded ticks differ")
            for row, values in zip(rows[1:], result["series"]):
                for name, cell, value in zip(rows[0][1:], row[1:], values):
                    check(same_number(value, float(cell)),
                          f"tick {row[0]} {name}: browser {value!r} != CLI {cell}")
            check(summary["model_summary"] == result["summary"],
                  "the model's summary differs from the CLI's")
            # A key the model does not have (a slider left behind by a model change)
            # is refused by the engine's scenario layer, with a suggestion.
            refused = browser.evaluate("""(() => {
                const s = JSON.parse(JSON.stringify(window.gsWhatIf.scenario));
                s.fatalism.meen = 0.5;
                return GroundswellEngine().then(e => JSON.parse(e.run_json(JSON.stringify(s))));
              })()""")
            check("fatalism.meen: unknown key 'meen'; did you mean 'mean'?" in refused.get("error", ""),
                  f"an unknown key was not refused clearly: {refused}")
            problems = browser.problems()
            check(not problems, "console or script problems after the rerun:\n" + "\n".join(problems))
            notes.append(f"what-if rerun in {seconds:.1f} s (page time, loaded machine), "
                         f"bit-identical to the CLI over {len(rows) - 1} ticks x "
                         f"{len(rows[0]) - 1} observables; shown {before} -> {after}")
    finally:
        browser.close()

    if whatif != "unavailable":
        # Without WebAssembly the page still plays the recorded runs.
        browser = Browser()
        try:
            # As in a browser without WebAssembly (or with it switched off by policy).
            browser.call("Page.addScriptToEvaluateOnNewDocument",
                         source="delete globalThis.WebAssembly;")
            browser.open(url, 1024, 768)
            check(browser.evaluate("document.body.dataset.whatif") == "unavailable",
                  "without WebAssembly the what-if must say it is unavailable")
            browser.evaluate("document.getElementById('step').click()")
            check(browser.evaluate("document.body.dataset.frame") == "1", "stepping failed")
            problems = browser.problems()
            check(not problems, "problems without WebAssembly:\n" + "\n".join(problems))
        finally:
            browser.close()
        notes.append("without WebAssembly: plays, what-if disabled")

    print(f"ok: page made in {made - start:.1f} s, browser checks in "
          f"{time.monotonic() - made:.1f} s; " + "; ".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
