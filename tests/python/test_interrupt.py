"""Ctrl-C in Python (ctest: python_interrupt).

Contract checked: SIGINT (what Ctrl-C and Jupyter's "interrupt kernel" send)
during gs.run stops the engine within a second and raises KeyboardInterrupt,
unwrapped; during gs.sweep it does the same and keeps every finished run, so
the same call finishes the sweep and its table is byte for byte the table of
an uninterrupted sweep. The runs are threshold cascades on a ring that
activate two agents a tick, so their length is known in advance (about
n / 2 ticks) and does not depend on any model under development. Timings
were measured on a loaded 2-core machine; the margins are generous.
"""

import os
import signal
import tempfile
import threading
import time
import unittest
from pathlib import Path

import groundswell as gs


def ring(n):
    return {"name": "ring", "model": "threshold", "seed": 1,
            "run": {"max_ticks": 100000000, "stop_at_fixed_point": True},
            "output": {"series_every": 100000000},
            "network": {"generator": "ring", "n": n, "k": 2},
            "threshold": {"kind": "absolute", "distribution": "fixed", "value": 1,
                          "seeds": {"rule": "count", "count": 1}}}


def interrupt_after(seconds):
    """Sends this process SIGINT after `seconds`; returns a list that gets the send time."""
    sent = []

    def fire():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    threading.Timer(seconds, fire).start()
    return sent


def interrupt_when_journaled(journal, rows, timeout=60.0):
    """Sends SIGINT once `journal` holds `rows` runs (polled every 10 ms), so
    the test does not depend on how loaded the machine is; returns a list that
    gets the send time."""
    sent = []

    def watch():
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if len(journal.read_text().splitlines()) - 1 >= rows:
                    break
            except OSError:
                pass
            time.sleep(0.01)
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=watch, daemon=True).start()
    return sent


class Interrupt(unittest.TestCase):
    def test_run_stops_within_a_second(self):
        # About 4e6 ticks: several seconds on this machine (1e6 ticks took 1.5 s).
        sent = interrupt_after(0.5)
        start = time.monotonic()
        with self.assertRaises(KeyboardInterrupt):
            gs.run(ring(8_000_000), progress=False)
        stopped = time.monotonic()
        self.assertEqual(len(sent), 1, "the run finished before the interrupt")
        self.assertLess(stopped - sent[0], 1.0, f"stopped {stopped - sent[0]:.2f} s after Ctrl-C")
        self.assertLess(stopped - start, 3.0)

    def test_sweep_keeps_finished_runs(self):
        with tempfile.TemporaryDirectory() as d:
            factors = {"network.n": [400_000, 500_000, 600_000]}
            args = dict(replicates=2, seed=3, threads=1, progress=False)
            reference = Path(d) / "reference"
            gs.sweep(ring(1000), factors, out=reference, **args)
            interrupted = Path(d) / "interrupted"
            # Interrupt once the first run is journaled, whatever the machine's load.
            sent = interrupt_when_journaled(interrupted / "journal.csv", 1)
            with self.assertRaises(KeyboardInterrupt):
                gs.sweep(ring(1000), factors, out=interrupted, **args)
            self.assertLess(time.monotonic() - sent[0], 1.0)
            journal = (interrupted / "journal.csv").read_text().splitlines()
            saved = len(journal) - 1
            self.assertGreaterEqual(saved, 1, "no run was saved before the interrupt")
            self.assertLess(saved, 6, "the sweep finished before the interrupt")
            self.assertFalse((interrupted / "results.csv").exists())
            gs.sweep(ring(1000), factors, out=interrupted, **args)  # finishes the rest
            self.assertEqual((reference / "results.csv").read_bytes(),
                             (interrupted / "results.csv").read_bytes())


if __name__ == "__main__":
    unittest.main()
