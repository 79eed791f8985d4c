"""gs.calibrate: DataFrames of a calibration, byte-identical to the command's directory.

A small ABC-SMC calibration of the threshold model (the known-truth problem of
scenarios/calibration/threshold_base.yaml, few particles so it stays cheap).
"""

import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import groundswell as gs

SOURCE = Path(os.environ["GS_SOURCE_DIR"])
BINARY = os.environ["GS_BINARY"]
BASE = SOURCE / "scenarios/calibration/threshold_base.yaml"

CALIBRATION = f"""
scenarios:
  full: {BASE}
  first_tick: {{scenario: {BASE}, set: {{run.max_ticks: 1}}}}
parameters:
  - {{key: threshold.mean, uniform: [0.05, 0.5]}}
  - {{key: threshold.seeds.fraction, uniform: [0.01, 0.2]}}
targets:
  - {{observable: active_share, scenario: full, value: 0.2, sd: 0.03}}
  - {{observable: active_share, scenario: first_tick, value: 0.1, sd: 0.01}}
abc_smc: {{particles: 10, generations: 3}}
budget: 500
replicates: 2
predictive_replicates: 2
seed: 5
"""


class CalibrateTest(unittest.TestCase):
    def test_frames_match_the_command(self):
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / "small.yaml"
            file.write_text(CALIBRATION)
            cal = gs.calibrate(file, out=Path(tmp) / "py", threads=2)
            self.assertEqual(len(cal.posterior), 10)
            self.assertEqual(
                list(cal.posterior.columns),
                ["weight", "score", "threshold.mean", "threshold.seeds.fraction"],
            )
            self.assertAlmostEqual(cal.posterior["weight"].sum(), 1.0, places=12)
            self.assertEqual(list(cal.marginals.index), ["threshold.mean", "threshold.seeds.fraction"])
            self.assertEqual(len(cal.predictive), 2)
            self.assertIn("covered", cal.predictive.columns)
            self.assertGreaterEqual(len(cal.batches), 2)
            self.assertTrue(cal.leave_one_out.empty)  # not asked for
            subprocess.run(
                [BINARY, "calibrate", str(file), "--out", str(Path(tmp) / "cli"), "-q"], check=True
            )
            for name in ("calibration.json", "posterior.csv", "predictive.csv"):
                self.assertEqual(
                    (Path(tmp) / "py" / name).read_bytes(),
                    (Path(tmp) / "cli" / name).read_bytes(),
                    name,
                )
            # A second call resumes a finished directory: same result, nothing run.
            again = gs.calibrate(file, out=Path(tmp) / "py")
            self.assertEqual(json.dumps(again.result), json.dumps(cal.result))

    def test_leave_one_out_frame(self):
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / "loo.yaml"
            text = CALIBRATION.replace(
                "abc_smc: {particles: 10, generations: 3}",
                "method: history_matching\nhistory_matching: {points: 20, waves: 1}\n"
                "leave_one_out: [first_tick]",
            )
            file.write_text(text)
            cal = gs.calibrate(file, out=Path(tmp) / "py", threads=2)
            self.assertEqual(len(cal.leave_one_out), 1)
            row = cal.leave_one_out.iloc[0]
            self.assertEqual(row["held_out"], "first_tick")
            self.assertEqual(row["first_wave_points"], 20)
            self.assertIn("covered", cal.leave_one_out.columns)
            self.assertTrue((Path(tmp) / "py" / "leave_one_out.csv").exists())

    def test_bad_file_raises_scenario_error(self):
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / "bad.yaml"
            file.write_text(CALIBRATION.replace("threshold.mean", "threshold.meen"))
            with self.assertRaises(gs.ScenarioError) as caught:
                gs.calibrate(file, out=Path(tmp) / "out")
            self.assertIn("bad.yaml:6:5", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
