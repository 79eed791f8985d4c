"""Runs the Python code blocks of README.md as written (ctest: python_readme).

Contract: every ```python block of the README is executed, in order, in one
namespace (later blocks may use earlier names), with the working directory a
fresh temporary folder in which `scenarios` links to the repository's, so
relative paths mean what they mean from a clone and nothing is written into
the source tree. A block that raises fails the test, naming the block's first
line in README.md. Usage: run_readme.py README.md
"""

import os
import re
import sys
import tempfile
import traceback
from pathlib import Path


def blocks(readme: Path):
    text = readme.read_text()
    for match in re.finditer(r"^```python\n(.*?)^```", text, re.S | re.M):
        yield text.count("\n", 0, match.start()) + 2, match.group(1)


def main() -> int:
    readme = Path(sys.argv[1]).resolve()
    found = list(blocks(readme))
    if not found:
        print(f"{readme}: no python blocks", file=sys.stderr)
        return 1
    namespace = {"__name__": "__readme__"}
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        os.symlink(readme.parent / "scenarios", "scenarios")
        for line, code in found:
            try:
                exec(compile(code, f"{readme}:{line}", "exec"), namespace)
            except Exception:
                traceback.print_exc()
                print(f"FAIL: the block at README.md line {line} does not run as written",
                      file=sys.stderr)
                return 1
            print(f"ok: block at README.md line {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
