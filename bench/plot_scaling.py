#!/usr/bin/env python3
"""Draws bench_scaling's curves on log-log axes (issue 10, target 6).

Contract: reads a Google Benchmark JSON file written by
  build/bench/bench_scaling --benchmark_repetitions=3 --benchmark_out=bench/scaling.json
uses the median of each case's repetitions, and writes a PNG with two panels: tick time
against residents (mean degree 10) and against mean degree (1e5 residents), one line per
series (the part of the name after BM_TickVs...). Uses Debian's python3-matplotlib.
Usage: plot_scaling.py [JSON] [PNG]   (defaults bench/scaling.json, bench/scaling.png)
"""
import json
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def medians(path):
    """{(panel, series): [(x, median ms), ...]} from the benchmark's median aggregates."""
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    curves = defaultdict(list)
    for b in report["benchmarks"]:
        if b.get("aggregate_name", "median") != "median" or b.get("error_occurred"):
            continue
        parts = b["run_name"].split("/")
        panel, series, axis = parts[0], parts[1], parts[2].split(":")[0]
        x = b["residents"] if axis == "residents" else b["mean_degree"]
        to_ms = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
        curves[(panel, series)].append((x, b["real_time"] * to_ms))
    return curves


def main() -> None:
    source = sys.argv[1] if len(sys.argv) > 1 else "bench/scaling.json"
    target = sys.argv[2] if len(sys.argv) > 2 else "bench/scaling.png"
    curves = medians(source)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    panels = [("BM_TickVsResidents", "residents (mean degree 10)"),
              ("BM_TickVsDegree", "mean degree (100,000 residents)")]
    for ax, (panel, label) in zip(axes, panels):
        for (p, series), points in sorted(curves.items()):
            if p != panel:
                continue
            points.sort()
            ax.plot([x for x, _ in points], [t for _, t in points], "o-", label=series)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(label)
        ax.set_ylabel("one tick, wall ms (median)")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle("Groundswell: cost of one tick (bench_scaling, medians; machine and load: bench/README.md)")
    fig.tight_layout()
    fig.savefig(target, dpi=110)


if __name__ == "__main__":
    main()
