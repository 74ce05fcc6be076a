"""compare on the real stages of one negotiation: how much is matched, and how
much of what is reported changed only in spacing or punctuation.

    python benchmarks/stages.py [DRAFT ...]

Default: the three stages of the Paris Agreement text in
../shared/corpus/negotiation_text (February 2015 → 5 October 2015 →
23 October 2015). For each consecutive pair it prints the paragraphs of each
side, the share matched (old paragraphs that found a counterpart, and new
ones), the counts by kind, and among the modified paragraphs those whose
words differ only in spacing ("non- paper" / "non-paper": a reading
artefact), only in case (a heading set in capitals), or only in punctuation,
and among those only in square brackets (negotiation: text agreed).
"""

from __future__ import annotations

import argparse
import itertools
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff import compare, load  # noqa: E402

STAGES = ROOT.parent / "shared" / "corpus" / "negotiation_text"
DEFAULT = [
    "cop21__2015-02-12_geneva_negotiating_text.pdf",
    "cop21__2015-10-05_ADP2_8infnot_non-paper.pdf",
    "cop21__2015-10-23_draft_agreement.md",
]
_PUNCTUATION = str.maketrans("", "", string.punctuation + "“”‘’–—…")


def spacing_only(old: str, new: str) -> bool:
    return old != new and "".join(old.split()) == "".join(new.split())


def case_only(old: str, new: str) -> bool:
    return not spacing_only(old, new) and "".join(old.split()).casefold() == "".join(new.split()).casefold()


def punctuation_only(old: str, new: str) -> bool:
    """Only punctuation (brackets included) differs, case aside."""
    squash = lambda text: "".join(text.translate(_PUNCTUATION).split()).casefold()  # noqa: E731
    return not spacing_only(old, new) and not case_only(old, new) and squash(old) == squash(new)


def brackets_only(old: str, new: str) -> bool:
    strip = lambda text: "".join(text.replace("[", "").replace("]", "").split())  # noqa: E731
    return punctuation_only(old, new) and strip(old).casefold() == strip(new).casefold()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("drafts", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.drafts or [STAGES / name for name in DEFAULT]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"missing: {', '.join(map(str, missing))} (the corpus is ../shared/corpus)", file=sys.stderr)
        return 2
    drafts = [load(p) for p in paths]
    print(
        "| pair | old ¶ | new ¶ | old matched | new matched | modified | added | deleted | moved | split | merged | spacing-only | case-only | punctuation-only | of which brackets | s |"
    )
    print(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for old, new in itertools.pairwise(drafts):
        start = time.perf_counter()
        comparison = compare(old, new)
        seconds = time.perf_counter() - start
        old_matched = sum(len(c.old) for c in comparison.changes if c.old and c.new)
        new_matched = sum(len(c.new) for c in comparison.changes if c.old and c.new)
        summary = comparison.summary
        modified = [c for c in comparison.changes if c.kind == "modified"]
        texts = [(" ".join(p.text for p in c.old), " ".join(p.text for p in c.new)) for c in modified]
        spacing = sum(spacing_only(a, b) for a, b in texts)
        case = sum(case_only(a, b) for a, b in texts)
        punctuation = sum(punctuation_only(a, b) for a, b in texts)
        brackets = sum(brackets_only(a, b) for a, b in texts)
        name = f"{old.source.name[7:17]} → {new.source.name[7:17]}"
        print(
            f"| {name} | {len(old.paragraphs)} | {len(new.paragraphs)} "
            f"| {old_matched / len(old.paragraphs):.1%} | {new_matched / len(new.paragraphs):.1%} "
            f"| {summary['modified']} | {summary['added']} | {summary['deleted']} | {summary['moved']} "
            f"| {summary['split']} | {summary['merged']} | {spacing} | {case} | {punctuation} | {brackets} | {seconds:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
