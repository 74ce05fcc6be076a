"""How long trace takes: 50 watched phrases through 10 drafts of 1,000 paragraphs.

    python benchmarks/trace_speed.py [--drafts 10] [--size 1000] [--phrases 50] [--repeat 3]

A generated chain (tests/chains.py) written as text files; half the phrases
are word sequences taken from its drafts (so they are found, and their
variants looked for), half are not in it. Timed end to end from the files:
read each draft once, align the consecutive pairs (without word diffs), one
Aho-Corasick pass per draft for the exact matches, fuzzy matching in the
candidate paragraphs for the variants. Goal: under 2 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from draftdiff.execution import own_process_collector  # noqa: E402

own_process_collector()  # a benchmark owns its process, as the command line does

from chains import VOCABULARY, make  # noqa: E402
from draftdiff import load  # noqa: E402
from draftdiff.negotiation.history import history  # noqa: E402
from draftdiff.negotiation.trace import trace, words  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=10)
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--phrases", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    chain = make(3, drafts=args.drafts, size=args.size)
    rng = random.Random(5)
    first_words = words(chain.texts[0])
    phrases = []
    for k in range(args.phrases):
        length = rng.randint(2, 5)
        if k % 2 == 0:
            start = rng.randrange(len(first_words) - length)
            phrases.append(" ".join(first_words[start : start + length]))
        else:
            phrases.append(" ".join(rng.choice(VOCABULARY) for _ in range(length)) + " zz")
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for index, text in enumerate(chain.texts):
            path = Path(folder) / f"d{index:02d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            drafts = [load(p) for p in paths]
            lineages = history(drafts, words=False)
            middle = time.perf_counter()
            result = trace(lineages, phrases)
            end = time.perf_counter()
            times.append((end - start, middle - start, end - middle))
    total, reading, matching = min(times)
    statuses: dict[str, int] = {}
    for phrase in result.phrases:
        statuses[phrase.status] = statuses.get(phrase.status, 0) + 1
    print(
        f"{args.phrases} phrases through {args.drafts} drafts of about {args.size} paragraphs (best of {args.repeat})"
    )
    print(f"  end to end {total:.2f} s: reading and aligning {reading:.2f} s, matching {matching:.2f} s")
    print(f"  statuses: {statuses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
