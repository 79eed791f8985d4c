"""Executes one notebook top to bottom (ctest: notebook_<name>); fails on any cell error.

Contract: runs with the interpreter that runs this script (Debian's /usr/bin/python3,
set by CMake) through a private kernelspec, so no other Jupyter kernel on the machine
is ever picked; the notebook's working directory is its own folder, but gs.sweep's
default directories go to a temporary folder (GROUNDSWELL_RUNS); the committed
file must carry no outputs (notebooks are committed clean) and is never rewritten;
the executed notebook must draw at least one figure, and every cell that draws one must
call caption() (the notebooks' helper that writes under a figure what its marks and
intervals mean: notebooks/README.md).
Usage: run_notebook.py NOTEBOOK.ipynb [TIMEOUT_SECONDS]; with GS_NOTEBOOK_OUT=DIR the
executed copy is written to DIR for inspection.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main() -> int:
    path = Path(sys.argv[1]).resolve()
    timeout = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    if dirty:
        print(f"{path.name}: cells {dirty} carry outputs; clear them before committing")
        return 1
    with tempfile.TemporaryDirectory() as jupyter_dir:
        spec = Path(jupyter_dir) / "kernels" / "groundswell-python3"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f",
                     "{connection_file}"],
            "display_name": "Groundswell (Debian Python 3)", "language": "python"}))
        os.environ["JUPYTER_PATH"] = jupyter_dir
        # gs.sweep's default directories go here, not beside the notebook: a test
        # never reads back a sweep an older build left in the source tree.
        os.environ["GROUNDSWELL_RUNS"] = str(Path(jupyter_dir) / "runs")
        os.environ.pop("MPLBACKEND", None)  # the notebooks draw inline
        client = NotebookClient(nb, timeout=timeout, kernel_name="groundswell-python3",
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.monotonic()
        try:
            client.execute()
        except CellExecutionError as error:
            print(f"{path.name}: a cell failed\n{error}")
            return 1
    if os.environ.get("GS_NOTEBOOK_OUT"):  # keep the executed copy for inspection
        nbformat.write(nb, Path(os.environ["GS_NOTEBOOK_OUT"]) / path.name)
    figures = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if "image/png" in o.get("data", {}))
    print(f"{path.name}: {len(nb.cells)} cells executed in {time.monotonic() - start:.1f} s, "
          f"{figures} figures")
    if figures == 0:
        print(f"{path.name}: drew no figure")
        return 1
    uncaptioned = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                   and any("image/png" in o.get("data", {}) for o in c.outputs)
                   and "caption(" not in c.source]
    if uncaptioned:
        print(f"{path.name}: cells {uncaptioned} draw a figure without caption() saying what "
              "its marks and intervals mean")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
