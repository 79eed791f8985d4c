"""Single runs as pandas objects: run(), run_variants(), variants(), describe(), models().

Contract: scenario sources (a path or a dict) and overrides (a dict of dotted keys,
or "key=value" strings as on the command line) are turned into the engine's
Source/Job once, here; the other modules reuse `_source` and `_job`. Values are
passed to the engine as JSON text, which is valid YAML, so a Python value means
what the same value means in a scenario file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence, Union

import numpy as np
import pandas as pd

from . import _core
from ._errors import ScenarioError
from ._progress import reporter

ScenarioLike = Union[str, os.PathLike, Mapping[str, Any]]
Overrides = Union[None, Mapping[str, Any], Sequence[str]]

#: The six paired traits of NLGN "Community Mobilisation" Table 1, as observables.
TRAITS = (
    "dialogue",
    "priorities",
    "shared_agenda",
    "accountable_leadership",
    "assets_and_plan",
    "networked",
)


def _source(scenario: ScenarioLike) -> "_core.Source":
    """A path (str or PathLike) to a YAML file, or a dict of scenario keys."""
    if isinstance(scenario, Mapping):
        # Relative file names in a dict resolve against the working directory.
        origin = str(Path.cwd() / "<dict>")
        return _core.Source(False, origin, json.dumps(scenario, indent=1))
    if isinstance(scenario, (str, os.PathLike)):
        return _core.Source(True, str(Path(scenario).resolve()))
    raise ScenarioError(f"a scenario is a file path or a dict, not {type(scenario).__name__}")


def _overrides(overrides: Overrides) -> list[tuple[str, str]]:
    if overrides is None:
        return []
    if isinstance(overrides, Mapping):
        return [(str(k), json.dumps(v)) for k, v in overrides.items()]
    pairs = []
    for item in overrides:
        key, sep, value = str(item).partition("=")
        if not sep:
            raise ScenarioError(f"overrides: expected key=value, such as network.n=500, got {item!r}")
        pairs.append((key.strip(), value))
    return pairs


def _job(source_index: int = 0, variant: str | None = None, overrides: Overrides = None,
         seed: int | None = None, extra: Sequence[tuple[str, str]] = ()) -> "_core.Job":
    return _core.Job(source_index, variant or "", _overrides(overrides) + list(extra), seed)


@dataclass
class Run:
    """One run's results.

    series:    DataFrame indexed by tick, one column per observable.
    summary:   dict, the contents of summary.json (final values, model summary,
               resolved scenario, seed, timings).
    tables:    dict of DataFrames, one per model table (``groups`` for mobilisation).
    snapshots: DataFrame (tick x agent) of state codes (engagement 0..4), or None.
    network:   DataFrame of sampled ties (columns agent, neighbour) at tick 0, or None;
               ``network_agents`` lists the sampled agents, ``agents_total`` all.
    """

    model: str
    seed: int
    variant: str
    series: pd.DataFrame
    summary: dict
    tables: dict = field(default_factory=dict)
    snapshots: pd.DataFrame | None = None
    network: pd.DataFrame | None = None
    network_agents: np.ndarray | None = None
    agents_total: int = 0

    @property
    def final(self) -> pd.Series:
        """Every observable at the last recorded tick."""
        return self.series.iloc[-1]

    @property
    def groups(self) -> pd.DataFrame:
        """One row per group ever formed (empty for models without groups)."""
        return self.tables.get("groups", pd.DataFrame())

    @property
    def traits(self) -> pd.DataFrame:
        """The six Table 1 traits over time."""
        return self.series[list(TRAITS)]

    @property
    def verdict(self) -> str | None:
        return self.summary.get("model_summary", {}).get("verdict")

    def __repr__(self) -> str:
        ticks = int(self.series.index[-1]) if len(self.series) else 0
        verdict = f", verdict {self.verdict}" if self.verdict else ""
        name = f" {self.variant}" if self.variant else ""
        return f"<groundswell.Run{name}: model {self.model}, seed {self.seed}, {ticks} ticks{verdict}>"


def _to_run(raw: dict) -> Run:
    series = pd.DataFrame(raw["series"], columns=raw["observables"],
                          index=pd.Index(raw["ticks"].astype(np.int64), name="tick"))
    tables = {}
    for table in json.loads(raw["tables_json"]):
        tables[table["name"]] = pd.DataFrame(table["rows"], columns=table["columns"])
    snapshots = None
    if "snapshots" in raw:
        snapshots = pd.DataFrame(raw["snapshots"], index=series.index)
        snapshots.columns.name = "agent"
    network = agents = None
    total = 0
    if "network" in raw:
        net = raw["network"]
        network = pd.DataFrame(net["ties"], columns=["agent", "neighbour"], dtype=np.int64)
        agents = np.asarray(net["agents"], dtype=np.int64)
        total = int(net["agents_total"])
    return Run(model=raw["model"], seed=int(raw["seed"]), variant=raw["variant"], series=series,
               summary=json.loads(raw["summary_json"]), tables=tables, snapshots=snapshots,
               network=network, network_agents=agents, agents_total=total)


def _require_variant(scenario: ScenarioLike, variant: str | None, call: str) -> None:
    """A file with variants runs one only when it is named: never a silent default."""
    if variant is None:
        names = variants(scenario)
        if names:
            raise ScenarioError(
                f"the scenario defines variants ({', '.join(names)}): pass variant= to {call}"
                + (", or use groundswell.run_variants() for all of them" if call == "run()" else ""))


def run(scenario: ScenarioLike, variant: str | None = None, overrides: Overrides = None,
        seed: int | None = None, snapshots: bool = False, threads: int = 0,
        progress: Any = True) -> Run:
    """Run one scenario (a YAML path or a dict) and return its results as a Run.

    variant:   one of variants(scenario); required when the scenario defines
               variants (run_variants() runs them all), None when it has none.
    overrides: dotted keys to set, e.g. {"fatalism.mean": 0.3, "run.max_ticks": 52}.
    seed:      replaces the scenario's seed.
    snapshots: also record every agent's engagement at every recorded tick, and a
               drawable sample of the network's ties (Run.snapshots, Run.network).
    threads:   worker threads (0 = all cores); results never depend on it.
    progress:  True: a progress bar over ticks for runs longer than half a second;
               False: none; or a callable(done, total).

    Ctrl-C (or Jupyter's "interrupt kernel") stops the run within a tick and
    raises KeyboardInterrupt.
    """
    _require_variant(scenario, variant, "run()")
    extra = [("output.snapshots", "true")] if snapshots else []
    with reporter(progress, "run", "ticks") as callback:
        raw = _core.run(_source(scenario), _job(0, variant, overrides, seed, extra), threads,
                        callback)
    return _to_run(raw)


def variants(scenario: ScenarioLike) -> list[str]:
    """The scenario's variants in file order ([] when it has none)."""
    return list(_core.variants(_source(scenario)))


def run_variants(scenario: ScenarioLike, overrides: Overrides = None, seed: int | None = None,
                 snapshots: bool = False, progress: Any = True) -> dict[str, Run]:
    """Run every variant of a scenario (as `groundswell run` does): {name: Run}."""
    names = variants(scenario)
    if not names:
        raise ScenarioError("the scenario has no variants; use groundswell.run()")
    return {name: run(scenario, name, overrides, seed, snapshots, progress=progress)
            for name in names}


def models() -> list[str]:
    """Names of the models a scenario's `model:` key may select."""
    return list(_core.models())


def describe(model: str = "mobilisation") -> pd.DataFrame:
    """Every scenario parameter of `model`: key, kind, default, min, max, choices, meaning.

    describe("sweep") lists the keys of a sweep file (and of gs.sweep's arguments),
    as `groundswell describe sweep` does: key, kind, default, meaning.
    """
    if model == "sweep":
        return pd.DataFrame(_core.sweep_keys(),
                            columns=["key", "kind", "default", "meaning"]).set_index("key")
    rows = _core.describe(model)
    frame = pd.DataFrame(rows, columns=["key", "kind", "default", "min", "max", "choices",
                                        "meaning"])
    return frame.set_index("key")
