"""How long a long Word draft takes to parse.

    python benchmarks/docx_parse.py [--pages 300] [--repeat 3]

Builds a DOCX of about --pages pages (eight numbered paragraphs of ~60 words
a page, with Word list numbering, sub-paragraphs, typed "bis" numbers,
footnotes and tracked changes) and times draftdiff.load on it. Goal: a
300-page DOCX in under 2 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from draftdiff.execution import own_process_collector

own_process_collector()  # a benchmark owns its process, as the command line does

from synthetic import sentence  # noqa: E402

from draftdiff import load  # noqa: E402
from draftdiff.writers.wordml import DocxWriter, Level, Para, Run  # noqa: E402


def build(pages: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    writer = DocxWriter(header="MRF/2030/PD/Rev.2", title="Benchmark draft")
    abstract = writer.add_abstract([Level("decimal", "%1."), Level("lowerLetter", "(%2)")])
    num = writer.add_num(abstract)
    writer.add(Para([Run("Benchmark draft")], style="Title"))
    for page in range(pages):
        if page % 20 == 0:
            writer.add(Para([Run(f"Chapter {page // 20 + 1}")], style="Heading1"))
        for i in range(8):
            runs = [Run(sentence(rng, 30)), Run(" " + sentence(rng, 25))]
            if i == 3:
                runs.append(Run(footnote=writer.footnote(sentence(rng, 12))))
            if i == 5:
                runs += [Run(" shall", change="del"), Run(" should", change="ins")]
            writer.add(Para(runs, num=(num, 0)))
            if i == 6:
                for _ in range(3):
                    writer.add(Para([Run(sentence(rng, 20))], num=(num, 1)))
        writer.add(Para([Run("12 bis.", tab_after=True), Run(sentence(rng, 40))], hanging=True))
    return writer.to_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.docx"
        path.write_bytes(build(args.pages))
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            draft = load(path)
            times.append(time.perf_counter() - start)
        size = path.stat().st_size
    best = min(times)
    print(
        f"docx parse: {args.pages} pages, {len(draft)} paragraphs, {size // 1024} KiB: "
        f"best {best:.2f} s of {args.repeat} ({args.pages / best:.0f} pages/s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
