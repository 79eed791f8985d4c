"""Jupyter's "interrupt kernel" during gs.run (ctest: python_kernel_interrupt).

Contract checked: in a Jupyter kernel (Debian's ipykernel, through a private
kernelspec as run_notebook.py does), a cell running a long gs.run stops within
a second of the kernel manager's interrupt_kernel() with KeyboardInterrupt (as the
kernel's own clock sees it; messaging delays on a loaded machine are not the
engine's), and
the kernel stays usable: the next cell runs. The run is a threshold cascade on
a ring, two agents a tick, about 3e6 ticks (some seconds), so its length does
not depend on any model under development. Usage: kernel_interrupt.py
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from jupyter_client import KernelManager

CELL = """
import groundswell as gs
RING = {"name": "ring", "model": "threshold", "seed": 1,
        "run": {"max_ticks": 100000000, "stop_at_fixed_point": True},
        "output": {"series_every": 100000000},
        "network": {"generator": "ring", "n": 6000000, "k": 2},
        "threshold": {"kind": "absolute", "distribution": "fixed", "value": 1,
                      "seeds": {"rule": "count", "count": 1}}}
import time
try:
    gs.run(RING, progress=False)
except KeyboardInterrupt:
    open(STOPPED_FILE, "w").write(repr(time.monotonic()))  # when the kernel saw it stop
    raise
"""


def main() -> int:
    with tempfile.TemporaryDirectory() as jupyter_dir:
        spec = Path(jupyter_dir) / "kernels" / "groundswell-python3"
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f",
                     "{connection_file}"],
            "display_name": "Groundswell (Debian Python 3)", "language": "python"}))
        os.environ["JUPYTER_PATH"] = jupyter_dir
        manager = KernelManager(kernel_name="groundswell-python3")
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            stopped_file = Path(jupyter_dir) / "stopped"
            client.execute(f"import groundswell\nSTOPPED_FILE = {str(stopped_file)!r}",
                           reply=True, timeout=60)
            cell = client.execute(CELL)
            time.sleep(2.0)  # inside the run by now (set-up takes about a second)
            interrupted = time.monotonic()
            manager.interrupt_kernel()
            while True:  # skip stale replies (wait_for_ready may leave a kernel_info reply)
                reply = client.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == cell:
                    break
            content = reply["content"]
            if content.get("status") != "error" or content.get("ename") != "KeyboardInterrupt":
                print(f"FAIL: expected KeyboardInterrupt, got {content.get('status')} "
                      f"{content.get('ename')}")
                return 1
            # CLOCK_MONOTONIC is one clock for every process: the kernel's stop time
            # minus the interrupt's, without the reply's trip through ZeroMQ.
            stopped = float(stopped_file.read_text()) - interrupted
            if stopped > 1.0:
                print(f"FAIL: the cell stopped {stopped:.2f} s after the interrupt")
                return 1
            # ipykernel aborts requests that arrive just after an error (stop_on_error);
            # a person types the next cell a moment later.
            time.sleep(1.0)
            after = client.execute("1 + 1", reply=True, timeout=30)["content"]
            if after.get("status") != "ok":
                print(f"FAIL: the kernel is not usable after the interrupt: {after}")
                return 1
            print(f"ok: stopped {stopped:.2f} s after the interrupt; the kernel still runs cells")
            return 0
        finally:
            client.stop_channels()
            manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
