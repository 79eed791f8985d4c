#!/usr/bin/env python3
"""Comparison program for bench_threshold: the threshold cascade with scipy.sparse.

Contract: reads the graph bench_threshold wrote (DIR/offsets.u64, DIR/neighbours.u32,
DIR/needed.u32, DIR/seeds.u32, raw little-endian arrays), runs synchronous ticks
(a sparse matrix-vector product per tick: counts = A @ active; an inactive agent
activates when its count reaches its bar) until none activates, and prints one JSON
line {"final_active", "ticks", "run_seconds"}. run_seconds times the ticks only, not
loading or building the matrix, like Groundswell's run phase. Same rule as
gs::threshold::reference_step. Usage: threshold_scipy.py DIR
"""
import json
import sys
import time

import numpy as np
import scipy.sparse as sp


def main() -> None:
    folder = sys.argv[1]
    offsets = np.fromfile(f"{folder}/offsets.u64", dtype="<u8").astype(np.int64)
    neighbours = np.fromfile(f"{folder}/neighbours.u32", dtype="<u4").astype(np.int32)
    needed = np.fromfile(f"{folder}/needed.u32", dtype="<u4").astype(np.int64)
    seeds = np.fromfile(f"{folder}/seeds.u32", dtype="<u4")
    n = offsets.size - 1
    data = np.ones(neighbours.size, dtype=np.int32)
    adjacency = sp.csr_matrix((data, neighbours, offsets), shape=(n, n))
    active = np.zeros(n, dtype=np.int32)
    active[seeds] = 1

    started = time.perf_counter()
    ticks = 0
    while True:
        counts = adjacency @ active
        fresh = (active == 0) & (counts >= needed)
        if not fresh.any():
            break
        active[fresh] = 1
        ticks += 1
    seconds = time.perf_counter() - started
    print(json.dumps({"final_active": int(active.sum()), "ticks": ticks, "run_seconds": seconds}))


if __name__ == "__main__":
    main()
