"""Tests of `groundswell report` from the outside (ctest: report_command).

Contract checked: variant parents and run directories are accepted; the page is one
self-contained file (no external URL, stylesheet or script; data inlined) that
states its network sample; bad inputs exit 3 with the path in the message and
write nothing (an existing report survives a failed one); runs without snapshots
still give a page that says how to get the animation.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

BINARY = os.environ["GS_BINARY"]
SOURCE = Path(os.environ["GS_SOURCE_DIR"])
MVA = SOURCE / "scenarios" / "mobilised_vs_atomised.yaml"


def groundswell(*args):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=120)


def page_data(html: str) -> dict:
    match = re.search(r'<script id="gs-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1).replace("<\\/", "</"))


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = Path(tempfile.mkdtemp(prefix="gs-report-"))
        cls.runs = cls.tmp / "mva"
        done = groundswell("run", MVA, "--set", "output.snapshots=true", "--set",
                           "run.max_ticks=30", "--out", cls.runs, "-q")
        assert done.returncode == 0, done.stderr
        cls.plain = cls.tmp / "plain"
        done = groundswell("run", MVA, "--set", "run.max_ticks=10", "--out", cls.plain, "-q")
        assert done.returncode == 0, done.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_parent_of_variants(self):
        out = self.tmp / "parent.html"
        done = groundswell("report", self.runs, "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        html = out.read_text()
        data = page_data(html)
        self.assertEqual([r["label"] for r in data["runs"]], ["atomised", "mobilised"])
        self.assertEqual(len(data["layouts"]), 1, "same network -> one shared layout")
        layout = data["layouts"][0]
        self.assertEqual(layout["agents_total"], 3000)
        self.assertEqual(layout["sampled"], 1500)
        self.assertEqual(len(layout["xy"]), 2 * 1500)
        for run in data["runs"]:
            self.assertEqual(run["network"]["ticks"], list(range(31)))
            self.assertTrue(all(len(s) == 1500 for s in run["network"]["states"]))
            self.assertIn("participation", run["series"])
        self.assertIn("Drawing", html)  # the sentence stating the sample is built in the page

    def test_explicit_dirs_and_order(self):
        out = self.tmp / "explicit.html"
        done = groundswell("report", self.runs / "mobilised", self.runs / "atomised", "-o", out,
                           "--title", "Estate <one>")
        self.assertEqual(done.returncode, 0, done.stderr)
        html = out.read_text()
        self.assertEqual([r["label"] for r in page_data(html)["runs"]], ["mobilised", "atomised"])
        self.assertIn("<title>Estate &lt;one&gt;</title>", html)

    def test_self_contained(self):
        out = self.tmp / "offline.html"
        self.assertEqual(groundswell("report", self.runs, "-o", out).returncode, 0)
        html = out.read_text()
        self.assertNotRegex(html, r"<link\b")
        self.assertNotRegex(html, r"<script[^>]*\bsrc=")
        self.assertEqual(html.count("<script"), 3)  # data, the in-browser model, the page
        # The in-browser model (empty without emscripten) carries its WebAssembly
        # inline; its library code names URLs in messages but is given none to load.
        scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
        self.assertEqual(len(scripts), 2)
        engine, page = scripts
        if engine.strip():
            self.assertIn("data:application/octet-stream;base64,", engine)
            self.assertNotRegex(engine, r"\.wasm[\"']")
        rest = html.replace(engine, "")
        self.assertNotRegex(rest, r"@import|url\(")
        urls = set(re.findall(r"https?://[^\s\"')]+", rest))
        self.assertLessEqual(urls, {"http://www.w3.org/2000/svg"}, urls)

    def test_without_snapshots(self):
        out = self.tmp / "plain.html"
        done = groundswell("report", self.plain, "-o", out)
        self.assertEqual(done.returncode, 0, done.stderr)
        data = page_data(out.read_text())
        self.assertTrue(all(r["network"] is None for r in data["runs"]))
        self.assertIn("output.snapshots=true", out.read_text())

    def assert_refused(self, *inputs, mention):
        out = self.tmp / "refused.html"
        out.write_text("an earlier report")
        done = groundswell("report", *inputs, "-o", out)
        self.assertEqual(done.returncode, 3, done.stderr)
        self.assertIn(mention, done.stderr)
        self.assertEqual(out.read_text(), "an earlier report")
        self.assertEqual([p.name for p in self.tmp.iterdir() if p.name.startswith(".refused")], [])

    def test_missing_directory(self):
        self.assert_refused(self.tmp / "nowhere", mention="nowhere")

    def test_not_a_run_dir(self):
        empty = self.tmp / "empty"
        empty.mkdir(exist_ok=True)
        (empty / "notes.txt").write_text("hello")
        self.assert_refused(empty, mention="summary.json")

    def test_missing_summary_among_good_ones(self):
        broken = self.tmp / "broken"
        shutil.copytree(self.runs / "atomised", broken, dirs_exist_ok=True)
        (broken / "summary.json").unlink()
        self.assert_refused(self.runs / "mobilised", broken, mention="summary.json")

    def test_malformed_series(self):
        bad = self.tmp / "bad_series"
        shutil.copytree(self.runs / "atomised", bad, dirs_exist_ok=True)
        with open(bad / "series.csv", "a") as f:
            f.write("31,not-a-number\n")
        self.assert_refused(bad, mention="series.csv")

    def test_usage_error(self):
        self.assertEqual(groundswell("report").returncode, 2)


if __name__ == "__main__":
    unittest.main()
