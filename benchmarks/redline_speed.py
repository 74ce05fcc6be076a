"""How long a DOCX redline takes: the 70-paragraph sample pair, end to end.

    python benchmarks/redline_speed.py [--repeat 20]

Times draftdiff's export to a tracked-changes DOCX of samples/rev2.docx →
samples/rev3.docx (70 and 69 paragraphs): reading both Word files, aligning,
diffing and writing the redline; and the redline writer alone on an existing
comparison. Goal: under 0.3 s for the whole pair (Docxodus, the best open
engine, takes about 1 s here).
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

from draftdiff import compare, load  # noqa: E402
from draftdiff.writers.docx import document  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    old_path, new_path = ROOT / "samples" / "rev2.docx", ROOT / "samples" / "rev3.docx"
    whole, writer_only = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        comparison = compare(load(old_path), load(new_path))
        middle = time.perf_counter()
        data = document(comparison)
        end = time.perf_counter()
        whole.append(end - start)
        writer_only.append(end - middle)
    print(
        f"docx redline, {len(comparison.old)} → {len(comparison.new)} paragraphs ({len(data) // 1024} KiB): "
        f"end to end best {min(whole) * 1000:.0f} ms, writer alone best {min(writer_only) * 1000:.1f} ms "
        f"(of {args.repeat})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
