"""How long history takes on a long negotiation, beside separate compares.

    python benchmarks/history_speed.py [--drafts 10] [--size 1000] [--repeat 3]

Writes a generated chain (tests/chains.py: paragraphs reworded a little at
every step, split, merged, moved, deleted and restored, renumbered at the
final) as text files, then times, end to end from the files:

* history: read each draft once, align each consecutive pair, compose the
  lineages;
* separate compares: ``compare`` on each consecutive pair, each reading both
  of its drafts (what a script calling compare N-1 times would do).

It also runs history on half the drafts, to show that the cost grows
linearly with the number of drafts. Goal: 10 drafts of 1,000 paragraphs in
at most 3 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from draftdiff.execution import own_process_collector  # noqa: E402

own_process_collector()  # a benchmark owns its process, as the command line does

from chains import make  # noqa: E402
from draftdiff import compare, load  # noqa: E402
from draftdiff.negotiation.history import history  # noqa: E402


def time_history(paths: list[Path]) -> float:
    start = time.perf_counter()
    history([load(p) for p in paths])
    return time.perf_counter() - start


def time_compares(paths: list[Path]) -> float:
    start = time.perf_counter()
    for old, new in itertools.pairwise(paths):
        compare(load(old), load(new))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    chain = make(7, drafts=args.drafts, size=args.size)
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(chain.texts):
            path = Path(folder) / f"d{index:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        half = paths[: max(2, len(paths) // 2)]
        best = {
            "history": min(time_history(paths) for _ in range(args.repeat)),
            "history, half the drafts": min(time_history(half) for _ in range(args.repeat)),
            "separate compares": min(time_compares(paths) for _ in range(args.repeat)),
        }
    print(f"{args.drafts} drafts of about {args.size} paragraphs (best of {args.repeat})")
    for name, seconds in best.items():
        print(f"  {name:28} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
