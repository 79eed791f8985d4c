"""Many runs at once: compare(), sweep(), sensitivity(), interval_table().

Contract: names and defaults are the command line's (`groundswell compare`,
`groundswell sweep` and its sweep files, `groundswell sensitivity`):
compare runs 20 replicates seeded from the first scenario's seed with common
random numbers; sweep takes a sweep file's keys (samples, levels, replicates,
seed 1, seeds "independent") and runs on the same resumable sweep executor as
the CLI, writing the same directory (manifest, journal, results.csv), so an
interrupted sweep keeps every finished run and the same call finishes it;
sensitivity names its outputs `observables`. Each function returns a tidy
DataFrame: one row per run, its labels then every final observable (NaN where
an observable is undefined in a run). Seeds follow sim/experiments/design.hpp
(replicate_seed), so a run here has the seed it has on the command line.
Intervals come from sim/experiments/statistics.hpp over the defined values only.
Every function stops on Ctrl-C within a tick (KeyboardInterrupt) and shows a
tqdm progress bar for calls longer than half a second (progress=False: none).
"""

from __future__ import annotations

import json
import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import _core
from ._errors import ScenarioError
from ._frames import Overrides, ScenarioLike, _job, _overrides, _require_variant, _source, variants
from ._progress import reporter


def _finals_frame(labels: list[dict], finals: list[dict]) -> pd.DataFrame:
    rows = []
    for label, final in zip(labels, finals):
        row = dict(label)
        row["seed"] = int(final["seed"])
        row.update(zip(final["observables"], final["values"]))
        verdict = json.loads(final["model_summary_json"]).get("verdict")
        if verdict is not None:
            row["verdict"] = verdict
        rows.append(row)
    return pd.DataFrame(rows)


def _scenario_list(scenarios) -> list[tuple[str, ScenarioLike, str | None, Overrides]]:
    """Normalise compare()'s `scenarios` to (label, scenario, variant, overrides)."""
    if isinstance(scenarios, (str, Path)):
        return [(name, scenarios, name, None) for name in variants(scenarios)] or [
            (Path(scenarios).stem, scenarios, None, None)]
    if isinstance(scenarios, Mapping) and "model" in scenarios:
        items = [(None, scenarios)]
    elif isinstance(scenarios, Mapping):
        items = list(scenarios.items())
    else:
        items = [(None, s) for s in scenarios]
    out = []
    for label, spec in items:
        variant = overrides = None
        if isinstance(spec, tuple):
            scenario, variant, *rest = spec
            overrides = rest[0] if rest else None
        else:
            scenario = spec
        if label is None:
            label = variant or (Path(scenario).stem if not isinstance(scenario, Mapping)
                                else scenario.get("name", "scenario"))
        out.append((str(label), scenario, variant, overrides))
    return out


def compare(scenarios, replicates: int = 20, seed: int | None = None,
            overrides: Overrides = None, policy: str = "common",
            progress: Any = True) -> pd.DataFrame:
    """Replicates of several scenarios with common seeds: one row per (scenario, replicate).

    scenarios: a path whose variants are compared; or {label: spec} where spec is a
    path, a dict, (path, variant) or (path, variant, overrides); or a list of specs.
    overrides apply to every scenario (after each one's own). seed: the master
    seed of the replicate seeds; None (as on the command line) takes the first
    scenario's own seed.
    """
    sources, jobs, labels = [], [], []
    arms = _scenario_list(scenarios)
    if seed is None:
        _, scenario, variant, own = arms[0]
        seed = int(_core.scenario_seed(_source(scenario),
                                       _job(0, variant, own, extra=_overrides(overrides))))
    for index, (label, scenario, variant, own) in enumerate(arms):
        sources.append(_source(scenario))
        common = _overrides(overrides)
        for r in range(replicates):
            s = _core.replicate_seed(seed, 0, r, policy)
            job = _job(index, variant, own, s, extra=common)
            jobs.append(job)
            labels.append({"scenario": label, "replicate": r})
    with reporter(progress, "compare", "runs") as callback:
        finals = _core.run_batch(sources, jobs, callback)
    return _finals_frame(labels, finals)


def _factor_spec(key: str, spec: Any, levels: int) -> dict:
    if isinstance(spec, Mapping):
        return {"key": key, **spec}
    if isinstance(spec, tuple) and len(spec) == 2:
        return {"key": key, "uniform": list(spec), "levels": levels}
    if isinstance(spec, Iterable) and not isinstance(spec, str):
        return {"key": key, "values": list(spec)}
    raise ScenarioError(f"{key}: give a list of values, a (low, high) range or a factor dict")


def sweep(scenario: ScenarioLike, factors: Mapping[str, Any] | None = None, *,
          design: str = "grid", samples: int | None = None, levels: int | None = None,
          skip: int | None = None, replicates: int = 1, seed: int = 1,
          seeds: str = "independent", variant: str | None = None, overrides: Overrides = None,
          series: bool = False, name: str | None = None, out: str | Path | None = None,
          threads: int = 0, progress: Any = True) -> pd.DataFrame:
    """A sweep, exactly as `groundswell sweep` runs it: its results.csv as a DataFrame.

    scenario: a sweep file (then leave factors out), or the base scenario (a
    path or a dict) with factors {dotted key: list of values | (low, high) |
    factor dict as in a sweep file}. The other arguments are the sweep file's
    keys (`groundswell describe sweep`): design grid | lhs | sobol | saltelli |
    morris; samples (points, base samples or trajectories); levels (grid: levels
    of each (low, high) range, default 5; morris: grid levels, default 4);
    overrides are the file's `set`. variant is required when the base defines
    variants.

    The sweep lives in `out` (default: runs/<sweep file stem>, or
    runs/<name>-<hash of the sweep> for factors given here; $GROUNDSWELL_RUNS
    replaces runs/): every finished run is journaled there before it counts, so
    after Ctrl-C (KeyboardInterrupt) or a crash the same call runs only the
    missing runs, and a finished sweep is read back without running anything.
    frame.attrs["directory"] names it.
    """
    if factors is None:
        if not isinstance(scenario, (str, Path)):
            raise ScenarioError("sweep(): give a sweep file, or a base scenario and factors")
        text, origin, is_file, base = "", str(Path(scenario)), True, None
    else:
        if not factors:
            raise ScenarioError("sweep(): factors is empty; give at least one")
        _require_variant(scenario, variant, "sweep()")
        grid_levels = levels if (levels is not None and design == "grid") else 5
        spec: dict[str, Any] = {
            "factors": [_factor_spec(k, v, grid_levels) for k, v in factors.items()],
            "design": design, "replicates": replicates, "seed": seed, "seeds": seeds,
            "series": series}
        if isinstance(scenario, Mapping):
            spec["scenario"] = "<dict>"
            spec["name"] = name or str(scenario.get("name", "sweep"))
            base = _source(scenario)
        else:
            spec["scenario"] = str(Path(scenario).resolve())
            spec["name"] = name or Path(scenario).stem + "-sweep"
            base = None
        if variant is not None:
            spec["variant"] = variant
        if overrides:
            spec["set"] = ({str(k): v for k, v in overrides.items()}
                           if isinstance(overrides, Mapping)
                           else {k: v for k, v in _overrides(overrides)})
        for key, value in (("samples", samples), ("skip", skip)):
            if value is not None:
                spec[key] = value
        if design == "morris" and levels is not None:
            spec["levels"] = levels
        text, origin, is_file = json.dumps(spec, indent=1), str(Path.cwd() / "gs.sweep()"), False
    with reporter(progress, "sweep", "runs") as callback:
        outcome = _core.sweep(text, origin, is_file, base, "" if out is None else str(out),
                              os.environ.get("GROUNDSWELL_RUNS", "runs"), threads, callback)
    frame = pd.read_csv(outcome["table"])
    frame.attrs["directory"] = outcome["dir"]
    return frame


class SensitivityWarning(UserWarning):
    """Sobol' indices that sampling error makes unreliable, or an observable that never varies."""


@dataclass
class Sensitivity:
    """indices: one row per (output, factor); points: one row per design point with
    the replicate mean of every output; runs: how many runs it took."""

    method: str
    indices: pd.DataFrame
    points: pd.DataFrame
    runs: int


def sensitivity(scenario: ScenarioLike, factors: Mapping[str, Any],
                observables: Sequence[str] | None = None, method: str = "morris",
                samples: int | None = None, levels: int = 4, replicates: int = 1, seed: int = 1,
                variant: str | None = None, overrides: Overrides = None,
                progress: Any = True) -> Sensitivity:
    """Global sensitivity of final observables to factors.

    method "morris": elementary effects on `samples` trajectories (default 8)
    over a `levels`-level grid (mu, mu_star, sigma, per whole factor range);
    "saltelli" (or "sobol"): Saltelli design with `samples` base rows (default
    32; first and total order indices with 95% bootstrap intervals). factors:
    {key: (low, high) | list of values | factor dict}. observables: the
    observables to analyse (default: all). Sobol' indices outside [0, 1], S1
    above ST, intervals wider than +-0.1 and constant observables are reported
    as SensitivityWarning, as the command line warns about them.
    """
    _require_variant(scenario, variant, "sensitivity()")
    if method == "saltelli":
        method = "sobol"
    specs = [_factor_spec(k, v, levels) for k, v in factors.items()]
    size = samples if samples is not None else (8 if method == "morris" else 32)
    with reporter(progress, "sensitivity", "runs") as callback:
        raw = json.loads(_core.sensitivity(_source(scenario), _job(0, variant, overrides),
                                           json.dumps(specs), method, size, levels, replicates,
                                           seed, list(observables or []), callback))
    for message in raw.get("warnings", []):  # as `groundswell sensitivity` warns
        warnings.warn(message, SensitivityWarning, stacklevel=2)
    keys = raw["factors"]
    points = pd.DataFrame(raw["points"], columns=keys)
    rows = []
    for output, result in raw["outputs"].items():
        points[output] = result["point_means"]
        for i, key in enumerate(keys):
            row = {"output": output, "factor": key}
            row.update({name: (v[i] if v[i] is not None else float("nan"))
                        for name, v in result["indices"].items()})
            rows.append(row)
    return Sensitivity(method, pd.DataFrame(rows), points, int(raw["runs"]))


def interval_table(frame: pd.DataFrame, metrics: Sequence[str], by: str | Sequence[str] = "scenario",
                   level: float = 0.95) -> pd.DataFrame:
    """Mean and Student-t interval of each metric per group, over the runs where
    the metric is defined (NaN is missing, never 0): columns
    [by..., metric, runs, n (defined), mean, sd, lower, upper]."""
    rows = []
    by_list = [by] if isinstance(by, str) else list(by)
    grouper = by_list if len(by_list) > 1 else by_list[0]
    for key, group in frame.groupby(grouper, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        for metric in metrics:
            values = [float(v) for v in group[metric]]
            s = _core.summarise([v for v in values if math.isfinite(v)], level)
            rows.append({**dict(zip(by_list, key)), "metric": metric, "runs": len(values), **s})
    return pd.DataFrame(rows)
