"""The many-draft workbooks against their size: refs and trace as XLSX at
1x, 2x, 4x and 8x, beside the CSV of the same result (issue 31, item 5).

    python benchmarks/xlsx_scale.py [--references 2500] [--phrases 25] [--repeat 2]

refs: comments on a generated chain of 3 drafts of 300 paragraphs, each
citing two paragraphs ("paras 12 and 40": one reference); 2,500
references at 1x, 20,000 at 8x. trace: phrases (half the first draft's most
frequent word pairs, found in many paragraphs, half pairs found nowhere) through 10 drafts of 500
paragraphs; 25 phrases at 1x, 200 at 8x. Only the writers are timed: each result is made once per
size. Linear means each doubling about doubles the time.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best  # noqa: E402  (sets the collector policy of a command)

from chains import VOCABULARY, make  # noqa: E402
from draftdiff import load  # noqa: E402
from draftdiff.negotiation.history import History, history  # noqa: E402
from draftdiff.negotiation.refs import StakeholderComment, refs  # noqa: E402
from draftdiff.negotiation.trace import trace, words  # noqa: E402
from draftdiff.writers import refs as refs_writer  # noqa: E402
from draftdiff.writers import trace as trace_writer  # noqa: E402


def _history(drafts: int, size: int, folder: Path) -> tuple[History, list[str]]:
    chain = make(3, drafts=drafts, size=size)
    paths = []
    for index, text in enumerate(chain.texts):
        path = folder / f"d{drafts}-{index:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return history([load(p) for p in paths], words=False), chain.texts


def _refs_rows(made: History, references: int) -> list[StakeholderComment]:
    rng = random.Random(11)
    ids = [p.id for p in made.drafts[0].paragraphs if p.id and p.id.isdigit()]
    comments = []
    for index in range(1, references + 1):
        first, second = rng.sample(ids, 2)
        text = f"On paras {first} and {second}: we have concerns about the wording ({index})."
        comments.append(
            StakeholderComment(index=index, text=text, author=f"Delegate {index % 40}", organisation="Group")
        )
    return comments


def _phrases(texts: list[str], count: int) -> list[str]:
    """Half the most frequent word pairs of the first draft, half pairs it does not have."""
    rng = random.Random(5)
    first_words = words(texts[0])
    pairs = Counter(itertools.pairwise(first_words))
    common = [" ".join(pair) for pair, _ in pairs.most_common(count)]
    return [common[k // 2] if k % 2 == 0 else f"{rng.choice(VOCABULARY)} zz{k}" for k in range(count)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--references", type=int, default=2500)
    parser.add_argument("--phrases", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, _ = _history(3, 300, Path(folder))
        large, texts = _history(10, 500, Path(folder))
    print("refs (3 drafts of 300 paragraphs)")
    print(f"  {'references':>10} {'xlsx':>8} {'csv':>8}")
    for scale in (1, 2, 4, 8):
        result = refs(small, _refs_rows(small, args.references * scale), on=0)
        xlsx = best(lambda result=result: refs_writer.xlsx_document(result), args.repeat)
        csv = best(lambda result=result: refs_writer.csv_document(result), args.repeat)
        print(f"  {len(result.references):>10,} {xlsx:>7.2f}s {csv:>7.2f}s")
    print("trace (10 drafts of 500 paragraphs)")
    print(f"  {'phrases':>10} {'occurrences':>12} {'xlsx':>8} {'csv':>8}")
    for scale in (1, 2, 4, 8):
        result = trace(large, _phrases(texts, args.phrases * scale))
        found = sum(len(o) for p in result.phrases for o in p.occurrences)
        xlsx = best(lambda result=result: trace_writer.xlsx_document(result), args.repeat)
        csv = best(lambda result=result: trace_writer.csv_document(result), args.repeat)
        print(f"  {len(result.phrases):>10,} {found:>12,} {xlsx:>7.2f}s {csv:>7.2f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
