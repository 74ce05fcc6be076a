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
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import best_process


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    draftdiff = shutil.which("draftdiff") or str(Path(sys.executable).parent / "draftdiff")
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.txt"
        tiny.write_text("Title\n\n1. One paragraph.\n", encoding="utf-8")
        floor = best_process([sys.executable, "-c", "import typer, rich.console"], args.repeat)
        rows = [
            ("floor: import typer, rich.console", floor),
            ("draftdiff --version", best_process([draftdiff, "--version"], args.repeat)),
            ("draftdiff --help", best_process([draftdiff, "--help"], args.repeat)),
            ("draftdiff parse tiny.txt", best_process([draftdiff, "parse", str(tiny)], args.repeat)),
        ]
    for name, seconds in rows:
        print(f"  {name:36} {seconds:5.2f} s  ({seconds / floor:.1f}x the floor)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
