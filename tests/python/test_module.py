"""Tests of the `groundswell` Python module (ctest: python_module).

Contract checked: results equal the command line's bit for bit; dicts and files
mean the same; variants, overrides and seeds behave as documented; batches
(compare, sweep, sensitivity) equal the same runs done one by one and share
seeds across arms; scenario problems raise ScenarioError; the engine releases
the GIL. Needs PYTHONPATH=<build>/python and GS_BINARY=<build>/groundswell
(set by tests/python/CMakeLists.txt).
"""

import json
import os
import subprocess
import tempfile
import threading
import time
import unittest
from pathlib import Path

import numpy as np
import pandas as pd

import groundswell as gs

SOURCE = Path(os.environ.get("GS_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("GS_BINARY", str(SOURCE / "build" / "groundswell"))
MVA = SOURCE / "scenarios" / "mobilised_vs_atomised.yaml"
SHORT = {"run.max_ticks": 20}

THRESHOLD = {
    "name": "small_threshold",
    "model": "threshold",
    "seed": 3,
    "run": {"max_ticks": 30},
    "network": {"generator": "watts_strogatz", "n": 400, "k": 6, "beta": 0.1},
    "threshold": {"distribution": "uniform", "min": 0.05, "max": 0.35,
                  "seeds": {"rule": "random_fraction", "fraction": 0.03}},
}


class SingleRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = gs.run(MVA, variant="mobilised", overrides=SHORT)

    def test_series_frame(self):
        s = self.result.series
        self.assertIsInstance(s, pd.DataFrame)
        self.assertEqual(s.index.name, "tick")
        self.assertEqual(list(s.index), list(range(21)))
        for trait in gs.TRAITS:
            self.assertIn(trait, s.columns)
            defined = s[trait].dropna()  # undefined (no data) is NaN, never 0
            self.assertTrue(((defined >= 0) & (defined <= 1)).all(), trait)

    def test_summary_matches_final_row(self):
        final = self.result.summary["final"]
        for name, value in self.result.final.items():
            if value != value:  # NaN: undefined, written as null in summary.json
                self.assertIsNone(final[name], name)
                continue
            self.assertEqual(final[name], value, name)
        self.assertIn(self.result.verdict, {"atomised", "mobilising", "mobilised"})
        self.assertEqual(self.result.variant, "mobilised")
        self.assertEqual(self.result.summary["scenario"]["resolved"]["run"]["max_ticks"], 20)

    def test_groups_frame(self):
        g = self.result.groups
        self.assertIn("size", g.columns)
        self.assertIn("fate", g.columns)
        self.assertEqual(len(g), int(self.result.final["groups_formed"]))

    def test_equals_command_line_bit_for_bit(self):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([BINARY, "run", str(MVA), "--set", "run.max_ticks=20", "--out", out,
                            "--force", "-q"], check=True)
            cli = pd.read_csv(Path(out) / "mobilised" / "series.csv", index_col="tick",
                              float_precision="round_trip")
            groups = pd.read_csv(Path(out) / "mobilised" / "groups.csv")
        pd.testing.assert_frame_equal(cli, self.result.series, check_dtype=False, check_exact=True)
        self.assertEqual(len(groups), len(self.result.groups))

    def test_snapshots_and_network_sample(self):
        run = gs.run(MVA, variant="atomised", overrides=SHORT, snapshots=True)
        n = run.summary["scenario"]["resolved"]["network"]["n"]
        self.assertEqual(run.snapshots.shape, (21, n))
        self.assertTrue(set(np.unique(run.snapshots.to_numpy())) <= {0, 1, 2, 3, 4})
        self.assertEqual(run.agents_total, n)
        self.assertLessEqual(len(run.network_agents), 1500)
        sampled = set(run.network_agents.tolist())
        self.assertTrue(set(run.network["agent"]) <= sampled)
        self.assertTrue(set(run.network["neighbour"]) <= sampled)
        self.assertTrue((run.network["agent"] < run.network["neighbour"]).all())
        # Level shares in the series agree with the snapshot.
        last = run.snapshots.iloc[-1]
        self.assertAlmostEqual(run.final["level_0"], float((last == 0).mean()))
        # Without snapshots there is neither.
        self.assertIsNone(self.result.snapshots)
        self.assertIsNone(self.result.network)


class Inputs(unittest.TestCase):
    def test_dict_equals_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "t.yaml"
            path.write_text(json.dumps(THRESHOLD))  # JSON is YAML
            a = gs.run(path)
        b = gs.run(THRESHOLD)
        pd.testing.assert_frame_equal(a.series, b.series, check_exact=True)

    def test_overrides_and_seed(self):
        a = gs.run(THRESHOLD, overrides={"network.n": 300})
        self.assertEqual(a.summary["scenario"]["resolved"]["network"]["n"], 300)
        b = gs.run(THRESHOLD, overrides=["network.n=300"])
        pd.testing.assert_frame_equal(a.series, b.series, check_exact=True)
        c = gs.run(THRESHOLD, seed=99)
        self.assertEqual(c.seed, 99)
        self.assertEqual(gs.run(THRESHOLD, seed=99).series.to_numpy().tolist(),
                         c.series.to_numpy().tolist())

    def test_variants(self):
        self.assertEqual(gs.variants(MVA), ["atomised", "mobilised"])
        self.assertEqual(gs.variants(THRESHOLD), [])
        both = gs.run_variants(MVA, overrides=SHORT)
        self.assertEqual(list(both), ["atomised", "mobilised"])
        self.assertGreater(both["mobilised"].final["dialogue"], both["atomised"].final["dialogue"])

    def test_memory_checked_before_work(self):
        # 4e9 agents cannot fit: refused in well under a second, as the CLI does.
        start = time.monotonic()
        with self.assertRaises(gs.ScenarioError) as caught:
            gs.run(THRESHOLD, overrides={"network.n": 4000000000})
        self.assertIn("this run needs about", str(caught.exception))
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(gs.ScenarioError) as caught:
                gs.sweep(THRESHOLD, {"network.n": [100, 4000000000]}, replicates=1, threads=2,
                         out=Path(d) / "s", progress=False)
            self.assertIn("x 2 runs at once", str(caught.exception))
            self.assertFalse((Path(d) / "s").exists())
        self.assertLess(time.monotonic() - start, 5.0)

    def test_scenario_errors(self):
        with self.assertRaises(gs.ScenarioError) as caught:
            gs.run(THRESHOLD, overrides={"network.nn": 5})
        self.assertIn("network.nn", str(caught.exception))
        self.assertIsInstance(caught.exception, ValueError)
        with self.assertRaises(gs.ScenarioError):
            gs.run(MVA, variant="no_such_variant")
        with self.assertRaises(gs.ScenarioError):
            gs.run(SOURCE / "no" / "such.yaml")
        with self.assertRaises(gs.ScenarioError):
            gs.run(42)
        # Overrides are called overrides, not the command line's --set.
        with self.assertRaises(gs.ScenarioError) as caught:
            gs.run(THRESHOLD, overrides={"network.n": -3})
        self.assertIn("overrides", str(caught.exception))
        self.assertNotIn("--set", str(caught.exception))

    def test_variants_are_explicit(self):
        # A file with variants never silently runs one of them.
        for call in (lambda: gs.run(MVA), lambda: gs.sweep(MVA, {"fatalism.mean": [0.2, 0.4]}),
                     lambda: gs.sensitivity(MVA, {"fatalism.mean": (0.2, 0.4)})):
            with self.assertRaises(gs.ScenarioError) as caught:
                call()
            self.assertIn("variant=", str(caught.exception))
            self.assertIn("atomised, mobilised", str(caught.exception))

    def test_one_exception_hierarchy(self):
        self.assertTrue(issubclass(gs.ScenarioError, gs.GroundswellError))
        self.assertTrue(issubclass(gs.RunError, gs.GroundswellError))
        self.assertTrue(issubclass(gs.ScenarioError, ValueError))
        self.assertTrue(issubclass(gs.RunError, RuntimeError))
        with self.assertRaises(gs.ScenarioError):
            gs.sweep(THRESHOLD, {"network.n": 7})  # neither a list nor a range
        with self.assertRaises(gs.ScenarioError):
            gs.compare(THRESHOLD, replicates=2, policy="sometimes")

    def test_describe_and_models(self):
        self.assertIn("mobilisation", gs.models())
        self.assertIn("threshold", gs.models())
        d = gs.describe("mobilisation")
        self.assertEqual(d.loc["fatalism.mean", "kind"], "real")
        self.assertEqual(float(d.loc["fatalism.mean", "default"]), 0.5)
        self.assertEqual(d.loc["fatalism.mean", "max"], 1.0)
        self.assertIn("leadership.influence", d.index)
        with self.assertRaises(gs.ScenarioError):
            gs.describe("no_model")
        sweep = gs.describe("sweep")  # the same table `groundswell describe sweep` prints
        self.assertEqual(sweep.loc["seeds", "default"], "independent")
        self.assertIn("factors[].uniform", sweep.index)


class Batches(unittest.TestCase):
    def test_compare_common_seeds_and_equal_to_single_runs(self):
        frame = gs.compare(MVA, replicates=3, seed=5, overrides=SHORT)
        self.assertEqual(len(frame), 6)
        self.assertEqual(list(frame.scenario.unique()), ["atomised", "mobilised"])
        seeds = frame.pivot(index="replicate", columns="scenario", values="seed")
        self.assertTrue((seeds["atomised"] == seeds["mobilised"]).all())
        self.assertEqual(seeds["atomised"].nunique(), 3)
        row = frame[(frame.scenario == "mobilised") & (frame.replicate == 2)].iloc[0]
        single = gs.run(MVA, "mobilised", overrides=SHORT, seed=int(row.seed))
        for name, value in single.final.items():
            if value != value:
                self.assertTrue(row[name] != row[name], name)  # both undefined
                continue
            self.assertEqual(row[name], value, name)
        self.assertEqual(row["verdict"], single.verdict)

    def test_compare_mapping_forms(self):
        frame = gs.compare({"small": (MVA, "atomised", SHORT),
                            "threshold": THRESHOLD}, replicates=2)
        self.assertEqual(sorted(frame.scenario.unique()), ["small", "threshold"])
        with self.assertRaises(gs.ScenarioError):  # resolved before anything runs
            gs.compare({"bad": (MVA, "atomised", {"no.such": 1})}, replicates=2)

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_compare_defaults_are_the_command_line_s(self):
        frame = gs.compare(THRESHOLD, progress=False)
        self.assertEqual(len(frame), 20)  # 20 replicates, as `groundswell compare`
        self.assertEqual(int(frame.seed[0]),
                         gs._core.replicate_seed(THRESHOLD["seed"], 0, 0, "common"))

    def test_sweep_grid(self):
        frame = gs.sweep(THRESHOLD, {"network.n": [200, 300], "threshold.max": [0.2, 0.3, 0.4]},
                         replicates=2, seed=1, seeds="common", out=Path(self.tmp.name) / "g")
        self.assertEqual(len(frame), 12)
        self.assertEqual(sorted(frame["network.n"].unique()), [200, 300])
        row = frame.iloc[7]
        single = gs.run(THRESHOLD, seed=int(row.seed),
                        overrides={"network.n": int(row["network.n"]),
                                   "threshold.max": float(row["threshold.max"])})
        for name, value in single.final.items():
            self.assertEqual(row[name], value, name)
        # Common random numbers: replicate r has one seed at every point.
        self.assertEqual(frame.groupby("replicate").seed.nunique().tolist(), [1, 1])

    def test_sweep_equals_the_command_line_s_table(self):
        d = Path(self.tmp.name)
        sweep_file = d / "s.yaml"
        base = d / "t.yaml"
        base.write_text(json.dumps(THRESHOLD))
        sweep_file.write_text("scenario: t.yaml\nfactors:\n  - {key: threshold.max, values: [0.2, 0.4]}\n"
                              "replicates: 3\nseed: 4\n")
        subprocess.run([BINARY, "sweep", str(sweep_file), "--out", str(d / "cli"), "-q"], check=True)
        from_file = gs.sweep(sweep_file, out=d / "py", progress=False)
        self.assertEqual((d / "cli" / "results.csv").read_bytes(),
                         (d / "py" / "results.csv").read_bytes())
        from_args = gs.sweep(base, {"threshold.max": [0.2, 0.4]}, replicates=3, seed=4,
                             out=d / "args", progress=False)
        pd.testing.assert_frame_equal(from_file, from_args)
        # Run again: a finished sweep is read back, nothing runs.
        again = gs.sweep(sweep_file, out=d / "py", progress=False)
        pd.testing.assert_frame_equal(from_file, again)
        self.assertEqual(again.attrs["directory"], str(d / "py"))

    def test_progress_reports_runs_and_starts_at_saved_work(self):
        seen = []
        out = Path(self.tmp.name) / "p"
        gs.sweep(THRESHOLD, {"threshold.max": [0.2, 0.3, 0.4]}, replicates=2, out=out,
                 progress=lambda done, total: seen.append((done, total)))
        self.assertEqual(seen[-1], (6, 6))
        self.assertTrue(all(total == 6 for _, total in seen))
        seen.clear()  # a finished sweep: the bar starts (and ends) at the saved runs
        gs.sweep(THRESHOLD, {"threshold.max": [0.2, 0.3, 0.4]}, replicates=2, out=out,
                 progress=lambda done, total: seen.append((done, total)))
        self.assertEqual(seen, [(6, 6)])

    def test_sweep_lhs(self):
        frame = gs.sweep(THRESHOLD, {"threshold.max": (0.2, 0.5)}, design="lhs", samples=5,
                         out=Path(self.tmp.name) / "lhs")
        self.assertEqual(len(frame), 5)
        strata = sorted((frame["threshold.max"] - 0.2) / 0.3 * 5 // 1)
        self.assertEqual(strata, [0, 1, 2, 3, 4])

    def test_morris(self):
        s = gs.sensitivity(THRESHOLD, {"threshold.max": (0.1, 0.6), "network.k": [4, 6, 8]},
                           observables=[gs.run(THRESHOLD).series.columns[1]], samples=4,
                           levels=4, seed=2)
        self.assertEqual(s.runs, 4 * 3)
        self.assertEqual(len(s.indices), 2)
        self.assertEqual(len(s.points), 12)
        self.assertTrue((s.indices["mu_star"] >= s.indices["mu"].abs() - 1e-12).all())

    def test_sobol_warns_like_the_command_line(self):
        with self.assertWarns(gs.SensitivityWarning) as caught:
            gs.sensitivity(THRESHOLD, {"threshold.max": (0.1, 0.6), "network.k": [4, 6, 8]},
                           observables=["active_share"], method="saltelli", samples=4,
                           progress=False)
        # 4 base samples cannot give intervals within +-0.1.
        self.assertIn("base samples is too few", "\n".join(str(w.message) for w in caught.warnings))

    def test_interval_table(self):
        frame = pd.DataFrame({"scenario": ["a"] * 4 + ["b"] * 4,
                              "x": [1.0, 2.0, 3.0, 4.0, 5.0, 5.0, 5.0, 5.0]})
        t = gs.interval_table(frame, ["x"]).set_index("scenario")
        self.assertAlmostEqual(t.loc["a", "mean"], 2.5)
        self.assertAlmostEqual(t.loc["a", "upper"] - 2.5, 3.182446305284263 * 1.2909944 / 2, 5)
        self.assertEqual(t.loc["b", "lower"], 5.0)
        # NaN is missing, never 0: the mean is over the defined runs, and says how many.
        frame.loc[0, "x"] = float("nan")
        t = gs.interval_table(frame, ["x"]).set_index("scenario")
        self.assertAlmostEqual(t.loc["a", "mean"], 3.0)
        self.assertEqual((t.loc["a", "n"], t.loc["a", "runs"]), (3, 4))


class Gil(unittest.TestCase):
    def test_engine_releases_the_gil(self):
        counter = {"n": 0, "stop": False}

        def spin():
            while not counter["stop"]:
                counter["n"] += 1

        thread = threading.Thread(target=spin)
        thread.start()
        time.sleep(0.05)
        before = counter["n"]
        start = time.monotonic()
        gs.run(MVA, variant="mobilised", overrides={"run.max_ticks": 104, "network.n": 6000})
        elapsed = time.monotonic() - start
        during = counter["n"] - before
        counter["stop"] = True
        thread.join()
        # With the GIL held for the whole run, the spinning thread would barely move.
        self.assertGreater(elapsed, 0.05)
        self.assertGreater(during, 10000, f"{during} increments in {elapsed:.2f} s")


if __name__ == "__main__":
    unittest.main()
