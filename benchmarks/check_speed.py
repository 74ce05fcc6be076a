"""What check costs over compare, on long drafts.

    python benchmarks/check_speed.py [--sizes 2000,10000] [--repeat 3]

The drafts of benchmarks/compare_speed.py (about 5 % of paragraphs
reworded, some inserted, deleted, moved, split and merged, all renumbered);
times compare alone, then compare and check, from drafts already read; then
the two commands as a user runs them, as processes: `draftdiff compare OLD
NEW --format json` and `draftdiff check OLD NEW --format json`.
Goal: check costs at most 25 % more than compare, both ways (each paragraph
is normalised once, and a phrase is looked for only where its first lemma
stands).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compare_speed import make_pair  # noqa: E402
from timing import DRAFTDIFF, run  # noqa: E402

from draftdiff import compare, load  # noqa: E402
from draftdiff.rules import check  # noqa: E402


def run_process(*args: str) -> float:
    return run([DRAFTDIFF, *args])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("paragraphs   compare   compare + check   check adds   |   compare process   check process   check adds")
    for size in (int(s) for s in args.sizes.split(",")):
        old_text, new_text = make_pair(size)
        with tempfile.TemporaryDirectory() as folder:
            old_path, new_path = Path(folder) / "old.txt", Path(folder) / "new.txt"
            old_path.write_text(old_text, encoding="utf-8")
            new_path.write_text(new_text, encoding="utf-8")
            compare_process = min(
                run_process("compare", str(old_path), str(new_path), "-f", "json") for _ in range(args.repeat)
            )
            check_process = min(
                run_process("check", str(old_path), str(new_path), "-f", "json") for _ in range(args.repeat)
            )
            compare_only, both = [], []
            for _ in range(args.repeat):
                old, new = load(old_path), load(new_path)  # as a command has them: nothing cached yet
                start = time.perf_counter()
                comparison = compare(old, new)
                middle = time.perf_counter()
                check(comparison)
                end = time.perf_counter()
                compare_only.append(middle - start)
                both.append(end - start)
        a, b = min(compare_only), min(both)
        print(
            f"{size:>10}   {a:6.2f} s   {b:10.2f} s   {b - a:5.2f} s ({(b - a) / a:4.0%})   |   "
            f"{compare_process:10.2f} s   {check_process:10.2f} s   "
            f"{check_process - compare_process:5.2f} s ({(check_process - compare_process) / compare_process:4.0%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
