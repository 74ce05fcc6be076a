"""What the bracket pass adds to reading a heavily bracketed draft.

    python benchmarks/brackets_speed.py [PDF] [--repeat 3]

Default: the February 2015 Paris negotiating text (../shared/corpus), 1,519
paragraphs and about 1,270 brackets. Times reading the PDF, then the
bracket counts of the read draft. Goal: the pass adds under 10 %.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff.execution import own_process_collector  # noqa: E402

own_process_collector()  # a benchmark owns its process, as the command line does

from draftdiff import load  # noqa: E402
from draftdiff.document.brackets import counts  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "negotiation_text" / "cop21__2015-02-12_geneva_negotiating_text.pdf"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.draft.exists():
        print(f"missing: {args.draft} (the corpus is ../shared/corpus)", file=sys.stderr)
        return 2
    reading, passing = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        draft = load(args.draft)
        middle = time.perf_counter()
        found = counts([p.text for p in draft.paragraphs] + [n.text for p in draft.paragraphs for n in p.notes])
        end = time.perf_counter()
        reading.append(middle - start)
        passing.append(end - middle)
    read, scan = min(reading), min(passing)
    print(
        f"{args.draft.name}: read {read:.2f} s, bracket pass {scan * 1000:.0f} ms ({scan / read:.1%} more); {found.brackets} brackets"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
