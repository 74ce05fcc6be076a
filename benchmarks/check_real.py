"""check on real pairs, against findings judged by reading both paragraphs.

    python benchmarks/check_real.py [-v]

benchmarks/truth/check/real_pairs.json holds every finding check gave on
real pairs when they were judged (right or wrong, and why), keyed by rule,
paragraph ids and the words quoted. This runs check again and reports, per
rule: findings still given that were judged right and wrong, findings no
longer given (a wrong one gone is a gain, a right one gone a loss), and new
findings nobody has judged yet (listed with -v, to be judged and added).
Precision is over the judged findings still given.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff import load  # noqa: E402
from draftdiff.diff.comparison import compare  # noqa: E402
from draftdiff.rules import check, load_settings  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", ROOT.parent / "shared" / "corpus"))
TRUTH = ROOT / "benchmarks" / "truth" / "check" / "real_pairs.json"


def _key(finding: dict) -> tuple:
    return (finding["rule"], finding["old"], finding["new"], finding["before"], finding["after"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to score")
        return 0
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    totals: dict[str, Counter] = {}
    print("| pair | still right | still wrong | wrong gone | right gone | not judged |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for pair in truth["pairs"]:
        judged = {_key(f): f for f in pair["findings"]}
        result = check(compare(load(CORPUS / pair["old"]), load(CORPUS / pair["new"])), load_settings())
        given = [f.to_json() for f in result.findings]
        keys = {_key(f) for f in given}
        row: Counter = Counter()
        for finding in given:
            verdict = judged.get(_key(finding), {}).get("verdict")
            rule = totals.setdefault(finding["rule"], Counter())
            if verdict:
                row[f"still {verdict}"] += 1
                rule[f"still {verdict}"] += 1
            else:
                row["not judged"] += 1
                rule["not judged"] += 1
                if args.verbose:
                    print(
                        f"    not judged: {finding['rule']} {finding['old']} → {finding['new']}: {finding['message']}"
                    )
        for key, finding in judged.items():
            if key not in keys:
                row[f"{finding['verdict']} gone"] += 1
                totals.setdefault(finding["rule"], Counter())[f"{finding['verdict']} gone"] += 1
        name = f"{Path(pair['old']).stem} → {Path(pair['new']).stem}"
        print(
            f"| {name} | {row['still right']} | {row['still wrong']} | {row['wrong gone']} | {row['right gone']} "
            f"| {row['not judged']} |"
        )
    print()
    print("| rule | still right | still wrong | precision (judged) | wrong gone | right gone | not judged |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for rule, counts in sorted(totals.items()):
        judged_count = counts["still right"] + counts["still wrong"]
        precision = f"{counts['still right'] / judged_count:.2f}" if judged_count else "-"
        print(
            f"| {rule} | {counts['still right']} | {counts['still wrong']} | {precision} | {counts['wrong gone']} "
            f"| {counts['right gone']} | {counts['not judged']} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
