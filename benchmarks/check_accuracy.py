"""check on a labelled set of our own: recall and precision per rule.

    python benchmarks/check_accuracy.py [--seeds 20] [--count 60]

tests/weakening.py writes paragraphs that carry one edit each: a weaker word
on a ladder, a softener before a commitment verb, a weaker subject-and-modal
frame, an obligation made an invitation, a qualifier added, a universal
narrowed, a strengthening, or a neutral edit (a list reordered, a sentence
moved, a universal kept elsewhere, a quotation, another object), with the
word forms varied. A finding counts on the paragraph it names.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import draftdiff  # noqa: E402
from conftest import draft_from_text  # noqa: E402
from draftdiff.rules import check  # noqa: E402
from weakening import WEAKENING, as_drafts, make  # noqa: E402


def scores(seeds: int, count: int):
    per_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, found, expected
    overall = [0, 0, 0]
    misses: list[tuple] = []
    for seed in range(seeds):
        cases = make(seed, count)
        old_text, new_text = as_drafts(cases)
        result = check(draftdiff.compare(draft_from_text(old_text, "old"), draft_from_text(new_text, "new")))
        found: dict[str, set[str]] = defaultdict(set)
        for finding in result.findings:
            para = (finding.new or finding.old or "").split(",")[0].strip()
            found[para].add(finding.rule)
        for n, case in enumerate(cases, 1):
            got = found.get(str(n), set())
            for rule in case.expected | got:
                if rule not in WEAKENING | {"DD106"}:
                    continue
                per_rule[rule][0] += int(rule in got and rule in case.expected)
                per_rule[rule][1] += int(rule in got)
                per_rule[rule][2] += int(rule in case.expected)
            weak_expected = bool(case.expected & WEAKENING)
            weak_found = bool(got & WEAKENING)
            overall[0] += int(weak_expected and weak_found)
            overall[1] += int(weak_found)
            overall[2] += int(weak_expected)
            if weak_expected != weak_found or (case.expected and not case.expected <= got):
                misses.append((case.kind, case.old, case.new, sorted(case.expected), sorted(got)))
    return per_rule, overall, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--misses", type=int, default=0, help="print this many misclassified paragraphs")
    args = parser.parse_args()
    per_rule, overall, misses = scores(args.seeds, args.count)
    print(f"{args.seeds * args.count} paragraphs, one edit each")
    for rule, (correct, found, expected) in sorted(per_rule.items()):
        precision = correct / found if found else 1.0
        recall = correct / expected if expected else 1.0
        print(f"  {rule}  precision {precision:.3f}  recall {recall:.3f}  ({expected} expected, {found} found)")
    correct, found, expected = overall
    print(f"  weakening overall  precision {correct / found:.3f}  recall {correct / expected:.3f}")
    for miss in misses[: args.misses]:
        print("  miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
