"""What each output costs beside the comparison it shows, in the same run.

    python benchmarks/output_speed.py [--size 10000] [--repeat 2]

The drafts of benchmarks/compare_speed.py (about 5 % of paragraphs
reworded, some inserted, deleted, moved, split and merged, all renumbered),
read; then, best of --repeat: the comparison of drafts just read (as a
command makes it: the drafts' tokens not yet cached), and each writer
rendering its report in memory (the terminal report in colour, as a
terminal shows it, and without). Goal: every output at most 50 % of the
compare time.

    python benchmarks/output_speed.py --only xlsx --libraries [--cpu]

--libraries also times the same change table written by the XLSX libraries
installed (benchmarks/xlsx_libraries.py: XlsxWriter, openpyxl), the
measurement that keeps draftdiff's own writer (writers/spreadsheet.py).
--cpu times this process's CPU rather than the wall clock, for a machine
others are using (a forked child's work, if any, is then not counted).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compare_speed import make_pair  # noqa: E402
from timing import best  # noqa: E402

from draftdiff import compare, load  # noqa: E402
from draftdiff.diff.report import Report  # noqa: E402
from draftdiff.writers.registry import WriteOptions, writer  # noqa: E402

OUTPUTS = [
    ("terminal, colour", "terminal", WriteOptions(no_color=False, width=120)),
    ("terminal, no colour", "terminal", WriteOptions(no_color=True, width=120)),
    ("json", "json", WriteOptions()),
    ("html", "html", WriteOptions()),
    ("xlsx", "xlsx", WriteOptions()),
    ("csv", "csv", WriteOptions()),
    ("markdown", "markdown", WriteOptions()),
]


def _best(action: Callable[[], object], repeat: int, clock: Callable[[], float]) -> float:
    if clock is time.perf_counter:
        return best(action, repeat)
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", help="one output name, e.g. xlsx")
    parser.add_argument("--libraries", action="store_true", help="also the change table by each XLSX library")
    parser.add_argument("--cpu", action="store_true", help="CPU time of this process, not wall time (a busy machine)")
    args = parser.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    old_text, new_text = make_pair(args.size)
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder) / "old.txt", Path(folder) / "new.txt"
        old_path.write_text(old_text, encoding="utf-8")
        new_path.write_text(new_text, encoding="utf-8")
        # compare as a command runs it: drafts just read, nothing cached on them
        times = []
        for _ in range(args.repeat):
            fresh_old, fresh_new = load(old_path), load(new_path)
            start = clock()
            comparison = compare(fresh_old, fresh_new)
            times.append(clock() - start)
        base = min(times)
    report = Report(comparison)
    print(f"{args.size:,} paragraphs, {len(comparison.differences):,} differences")
    print(f"  {'compare (drafts read)':24} {base:6.2f} s")
    for name, fmt, options in OUTPUTS:
        if args.only and args.only not in (name, fmt):
            continue
        render = writer(fmt, "report").render
        seconds = _best(lambda render=render, options=options: render(report, options), args.repeat, clock)
        print(f"  {name:24} {seconds:6.2f} s  {seconds / base:5.0%} of compare")
    if args.libraries:
        from xlsx_libraries import writers

        from draftdiff.writers.table import rows

        table = rows(comparison)
        for name, write in writers():
            seconds = _best(lambda write=write: write(table), args.repeat, clock)
            print(f"  {name:24} {seconds:6.2f} s  {seconds / base:5.0%} of compare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
