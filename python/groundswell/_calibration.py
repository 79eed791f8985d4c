"""Calibration from Python: ``gs.calibrate(file)`` fits a model's free parameters
to real figures and returns the posterior and its predictions as DataFrames.

Contract: runs (or resumes) the calibration file into ``out`` through the same
driver, sweep store and executor as ``groundswell calibrate`` (so the directory
is byte-identical to the command's, and a second call on a finished directory
runs nothing). The file format: ``groundswell describe calibrate``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import _core


@dataclass
class Calibration:
    """A finished calibration: every table of its directory, as DataFrames."""

    result: dict  # calibration.json
    posterior: pd.DataFrame  # one row per particle: weight, score, parameters
    marginals: pd.DataFrame  # one row per parameter: prior and posterior quantiles
    pairs: pd.DataFrame  # weighted correlation of every pair of parameters
    predictive: pd.DataFrame  # one row per target: figure, predictive interval, covered
    batches: pd.DataFrame  # one row per generation or wave
    directory: Path
    # one row per held-out target (file's `leave_one_out`); empty when not asked
    leave_one_out: pd.DataFrame


def calibrate(file: str | Path, out: str | Path | None = None, threads: int = 0) -> Calibration:
    """Runs the calibration ``file`` into ``out`` (default ``runs/<file stem>``)."""
    file = Path(file)
    directory = Path(out) if out is not None else Path("runs") / file.stem
    result = json.loads(_core.calibrate(str(file), str(directory), int(threads)))
    keys = [p["key"] for p in result["parameters"]]
    posterior = pd.DataFrame(
        [[p["weight"], p["score"], *p["values"]] for p in result["posterior"]],
        columns=["weight", "score", *keys],
        dtype=float,
    )
    marginals = pd.DataFrame(
        [{k: v for k, v in p.items() if k != "prior"} for p in result["parameters"]]
    ).set_index("key")
    marginals = marginals.apply(pd.to_numeric)
    return Calibration(
        result=result,
        posterior=posterior,
        marginals=marginals,
        pairs=pd.DataFrame(result["pairs"], columns=["a", "b", "correlation"]),
        predictive=pd.DataFrame(result["predictive"]),
        batches=pd.DataFrame(result["batches"]),
        directory=directory,
        leave_one_out=pd.DataFrame(result.get("leave_one_out", [])),
    )
