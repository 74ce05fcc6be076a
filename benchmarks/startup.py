"""How long draftdiff takes to start, beside its floor, in the same run.

    python benchmarks/startup.py [--repeat 5]

Times, as separate processes (best of --repeat): the floor, `python -c
"import typer, rich.console"`; then `draftdiff --version`, `draftdiff
--help` and `draftdiff parse` of a three-line text. Goal: each at most
twice the floor. Each command runs once first, so that its bytecode is
cached as on a user's machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# As a user's machine runs it: bytecode cached. A PYTHONDONTWRITEBYTECODE
# environment would recompile draftdiff's sources on every start, while the
# floor's packages were compiled by pip at install.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def best(command: list[str], repeat: int) -> float:
    subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)  # warm-up: writes the bytecode
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    draftdiff = shutil.which("draftdiff") or str(Path(sys.executable).parent / "draftdiff")
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("Title\n\n1. One paragraph.\n", encoding="utf-8")
        floor = best([sys.executable, "-c", "import typer, rich.console"], args.repeat)
        rows = [
            ("floor: import typer, rich.console", floor),
            ("draftdiff --version", best([draftdiff, "--version"], args.repeat)),
            ("draftdiff --help", best([draftdiff, "--help"], args.repeat)),
            ("draftdiff parse tiny.txt", best([draftdiff, "parse", str(tiny)], args.repeat)),
        ]
    for name, seconds in rows:
        print(f"  {name:36} {seconds:5.2f} s  ({seconds / floor:.1f}x the floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
