"""The exceptions of the groundswell package: one hierarchy for every function.

    GroundswellError
    ├── ScenarioError   (also a ValueError) bad input: a scenario file or dict, an
    │                   override, a variant, a sweep's factors, an argument; the
    │                   message lists every problem, with file:line:column where
    │                   there is a file
    └── RunError        (also a RuntimeError) a run or a sweep failed, or its
                        output directory was refused

KeyboardInterrupt (Ctrl-C; Jupyter's "interrupt kernel") is never wrapped: the
engine stops within a tick and the interrupt reaches the caller as it is. The
C++ module (_core) raises these classes; nothing raises a bare ValueError,
RuntimeError or TypeError for a user's mistake.
"""


class GroundswellError(Exception):
    """Base class of every error groundswell raises."""


class ScenarioError(GroundswellError, ValueError):
    """Bad input: nothing was run."""


class RunError(GroundswellError, RuntimeError):
    """A run or a sweep failed, or its output could not be written."""


#: The name the module used before RunError existed.
EngineError = RunError
