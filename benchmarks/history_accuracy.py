"""Link accuracy of history against a direct compare, on generated chains.

    python benchmarks/history_accuracy.py [--chains 20] [--drafts 6] [--size 60]

Each chain (tests/chains.py) rewords paragraphs a little at every step, some
of them a lot over the whole run, and splits, merges, moves, deletes and
restores paragraphs, renumbering the final. For every draft of the chain it
takes the links to the final paragraphs (which paragraph of that draft
became which of the final) found by history and by a direct compare of the
draft with the final, and scores both against the chain's own truth.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from chains import make  # noqa: E402
from conftest import draft_from_text  # noqa: E402
from draftdiff import compare  # noqa: E402
from draftdiff.negotiation.history import history  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=20)
    parser.add_argument("--drafts", type=int, default=6)
    parser.add_argument("--size", type=int, default=60)
    args = parser.parse_args()
    scores = {"history": [0, 0, 0], "direct compare": [0, 0, 0]}
    for seed in range(args.chains):
        chain = make(seed, drafts=args.drafts, size=args.size)
        drafts = [draft_from_text(text, f"d{k}") for k, text in enumerate(chain.texts)]
        result = history(drafts)
        last = len(drafts) - 1
        final = drafts[last]
        for start in range(last):
            truth = chain.truth_links(start)
            found = {
                "history": {
                    (drafts[start].paragraphs[i].id, final.paragraphs[lin.anchor[1]].id)
                    for lin in result.lineages
                    if lin.anchor[0] == last
                    for i in lin.nodes.get(start, [])
                },
                "direct compare": {
                    (o, n) for c in compare(drafts[start], final).changes for o in c.old_ids for n in c.new_ids
                },
            }
            for name, links in found.items():
                scores[name][0] += len(links & truth)
                scores[name][1] += len(links)
                scores[name][2] += len(truth)
    print(
        f"{args.chains} chains of {args.drafts} drafts, about {args.size} paragraphs: links from every draft to the final"
    )
    for name, (correct, found, expected) in scores.items():
        precision, recall = correct / found, correct / expected
        print(
            f"  {name:15} precision {precision:.3f}  recall {recall:.3f}  F1 {2 * precision * recall / (precision + recall):.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
