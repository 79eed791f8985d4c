"""Groundswell from Python: run community-mobilisation scenarios, get pandas DataFrames.

Contract: every function here runs the C++ engine (groundswell._core) with the
GIL released and returns plain pandas/numpy objects; a run's numbers are a pure
function of (scenario, variant, overrides, seed), identical to what the
`groundswell` command writes for the same inputs, with the command's names and
defaults. Errors form one hierarchy (_errors.py): ScenarioError (bad input,
listing every problem with file:line:column) and RunError, both
GroundswellError; Ctrl-C stops any call within a tick as KeyboardInterrupt.

Quick start (from the build tree)::

    PYTHONPATH=build/python /usr/bin/python3 -c 'import groundswell'

    import groundswell as gs
    run = gs.run("scenarios/mobilised_vs_atomised.yaml", variant="mobilised")
    run.series[["participation", "mean_fatalism"]]   # one row per recorded tick
    run.summary["model_summary"]["verdict"]           # 'mobilised'
    run.groups                                        # one row per group ever formed

A scenario is a path to a YAML file or a dict with the same keys. Overrides are
a dict of dotted keys (``{"fatalism.mean": 0.3}``), exactly like ``--set``.
"""

from __future__ import annotations

import atexit

from ._errors import EngineError, GroundswellError, RunError, ScenarioError  # noqa: F401
from ._core import join_abandoned as _join_abandoned
from ._core import version as __version__  # noqa: F401
from ._frames import (  # noqa: F401
    Run,
    TRAITS,
    describe,
    models,
    run,
    run_variants,
    variants,
)
from ._experiments import (  # noqa: F401
    SensitivityWarning,
    compare,
    interval_table,
    sensitivity,
    sweep,
)
from ._calibration import Calibration, calibrate  # noqa: F401

__all__ = [
    "Calibration",
    "Run",
    "TRAITS",
    "EngineError",
    "GroundswellError",
    "RunError",
    "ScenarioError",
    "SensitivityWarning",
    "calibrate",
    "compare",
    "describe",
    "interval_table",
    "models",
    "run",
    "run_variants",
    "sensitivity",
    "sweep",
    "variants",
]

# An interrupted run's engine thread ends at its next tick; let it before exit.
atexit.register(_join_abandoned)
