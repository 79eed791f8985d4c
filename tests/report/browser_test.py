"""The report in a real browser (ctest: report_browser): headless Chromium.

Contract checked: the page of `groundswell report` on both variants of
scenarios/mobilised_vs_atomised.yaml loads offline with no console message and no
script error (page's data-errors, Chromium's CONSOLE log lines), finishes drawing
(data-ready="1"), and its animation advances (data-frame grows with more virtual
time); a screenshot is saved as report.png in GS_WORK_DIR. Every browser call is
time-bounded, uses a fresh profile and never touches the network (the page has
no URL to fetch; background networking is switched off).
"""

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BINARY = os.environ["GS_BINARY"]
SOURCE = Path(os.environ["GS_SOURCE_DIR"])
WORK = Path(os.environ["GS_WORK_DIR"])
CHROMIUM = os.environ.get("GS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def chromium(url: str, *extra: str, timeout: int = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="gs-chromium-") as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=timeout)


def body_attributes(dom: str) -> dict:
    match = re.search(r"<body([^>]*)>", dom)
    if not match:
        raise AssertionError("no <body> in the dumped DOM")
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', match.group(1)))


def console_lines(stderr: str) -> list:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def check(condition: bool, message: str) -> None:
    if not condition:
        print("FAIL:", message)
        sys.exit(1)


def main() -> int:
    runs = WORK / "browser_runs"
    page = WORK / "report.html"
    shot = WORK / "report.png"
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

    frames = []
    for budget in (400, 4000):
        result = chromium(url, f"--virtual-time-budget={budget}", "--dump-dom")
        check(result.returncode == 0, f"chromium exited {result.returncode}: {result.stderr[-2000:]}")
        attributes = body_attributes(result.stdout)
        check(attributes.get("ready") == "1", f"page did not finish drawing: {attributes}")
        check(attributes.get("errors") == "0", f"script errors on the page: {attributes}")
        noise = console_lines(result.stderr)
        check(not noise, "console messages:\n" + "\n".join(noise))
        check(result.stdout.count("<canvas") == 2, "expected two network panels (two variants)")
        frames.append(int(attributes["frame"]))
    check(frames[1] > frames[0], f"the animation did not advance: frames {frames}")
    check(frames[1] >= 10, f"the animation advanced too little in 4 s of page time: {frames}")

    if shot.exists():
        shot.unlink()
    result = chromium(url, "--virtual-time-budget=9000", "--window-size=1400,1900",
                      f"--screenshot={shot}")
    check(result.returncode == 0 and shot.exists(), f"no screenshot: {result.stderr[-2000:]}")
    check(shot.stat().st_size > 20000, f"screenshot suspiciously small: {shot.stat().st_size} B")
    check(shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG")
    print(f"ok: frames {frames[0]} -> {frames[1]}; page made in {made - start:.1f} s, browser "
          f"checks in {time.monotonic() - made:.1f} s; screenshot {shot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
