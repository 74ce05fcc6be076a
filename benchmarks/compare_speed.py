"""How long compare takes on long drafts, beside two peers in the same run.

    python benchmarks/compare_speed.py [--sizes 200,2000,10000] [--redlines-max 2000]

For each size it writes a pair of drafts with realistic edits (about 5 % of
paragraphs reworded, 1 % inserted as "bis" paragraphs, 1 % deleted, a few
moved to another section, one split and one merge, and the new draft fully
renumbered), then times, end to end from the text files:

* draftdiff: load both drafts, align, diff the wording, in-process;
* draftdiff json: `draftdiff compare OLD NEW --format json` as a process,
  the whole command a user or a script runs;
* floor: the cheapest thing that shows word changes, in-process: difflib's
  SequenceMatcher over the two lists of paragraphs, then a word-level
  SequenceMatcher on each replaced pair. It understands no renumbering and
  no moves. Goal: draftdiff json at most twice the floor;
* redlines: the `redlines` package on the two full texts (skipped above
  --redlines-max paragraphs: it grows much faster than linearly).

Goals: two 2,000-paragraph drafts in under 2 s on the 2-core reference
machine; linear growth (20,000 paragraphs at most 2.1x the time of 10,000).
"""

from __future__ import annotations

import argparse
import difflib
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from synthetic import FUNCTION_WORDS  # noqa: E402
from synthetic import WORDS as BASE_WORDS  # noqa: E402
from timing import DRAFTDIFF, run  # noqa: E402

from draftdiff import compare, load  # noqa: E402

WORDS = BASE_WORDS + FUNCTION_WORDS
SWAPS = [("shall", "should"), ("ensure", "promote"), ("processes", "discussions"), ("all", "")]


def make_pair(n: int, seed: int = 11) -> tuple[str, str]:
    rng = random.Random(seed)
    sections = max(4, n // 40)
    paras = []  # (section, text)
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 70)))
        if rng.random() < 0.1:
            text = "We shall ensure that all " + text
        paras.append((i * sections // n, text[0].upper() + text[1:] + "."))
    old_lines = ["Benchmark declaration", ""]
    new_items: list[tuple[int, str]] = []
    current = -1
    for number, (section, text) in enumerate(paras, start=1):
        if section != current:
            old_lines += [f"Chapter {section + 1}", ""]
            current = section
        old_lines += [f"{number}. {text}", ""]
        roll = rng.random()
        if roll < 0.01:
            continue  # deleted
        if roll < 0.06:
            words = text.split()
            k = rng.randrange(len(words))
            words[k] = rng.choice(WORDS)
            for old, new in SWAPS:
                if rng.random() < 0.3 and f" {old} " in text:
                    words = " ".join(words).replace(f" {old} ", f" {new} " if new else " ", 1).split()
            text = " ".join(words)
        new_items.append((section, text))
        if rng.random() < 0.01:
            new_items.append((section, "We " + " ".join(rng.choice(WORDS) for _ in range(30)) + "."))
    for _ in range(max(1, n // 300)):  # moves to another section
        i = rng.randrange(len(new_items))
        section, text = new_items.pop(i)
        new_items.insert(rng.randrange(len(new_items)), ((section + 1) % sections, text))
    # one split and one merge
    s = len(new_items) // 3
    section, text = new_items[s]
    half = len(text) // 2
    cut = text.find(" ", half)
    new_items[s : s + 1] = [(section, text[:cut] + "."), (section, text[cut + 1 :].capitalize())]
    m = 2 * len(new_items) // 3
    new_items[m : m + 2] = [(new_items[m][0], new_items[m][1] + " " + new_items[m + 1][1])]
    new_items.sort(key=lambda item: item[0])  # keep sections together
    new_lines = ["Benchmark declaration", ""]
    current = -1
    for number, (section, text) in enumerate(new_items, start=1):
        if section != current:
            new_lines += [f"Chapter {section + 1}", ""]
            current = section
        new_lines += [f"{number}. {text}", ""]
    return "\n".join(old_lines), "\n".join(new_lines)


def time_draftdiff(old: Path, new: Path) -> float:
    start = time.perf_counter()
    comparison = compare(load(old), load(new))
    comparison.summary  # noqa: B018 - force the whole result
    return time.perf_counter() - start


def time_process(old: Path, new: Path) -> float:
    return run([DRAFTDIFF, "compare", str(old), str(new), "--format", "json"])


def time_difflib(old: Path, new: Path) -> float:
    start = time.perf_counter()
    a = [p for p in old.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    b = [p for p in new.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            for x, y in zip(a[i1:i2], b[j1:j2], strict=False):
                difflib.SequenceMatcher(None, x.split(), y.split(), autojunk=False).get_opcodes()
    return time.perf_counter() - start


def time_redlines(old: Path, new: Path) -> float:
    from redlines import Redlines

    start = time.perf_counter()
    Redlines(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")).output_markdown  # noqa: B018
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,10000")
    parser.add_argument("--redlines-max", type=int, default=2000)
    args = parser.parse_args()
    try:
        import redlines  # noqa: F401

        have_redlines = True
    except ImportError:
        have_redlines = False
    print(f"{'paragraphs':>10}  {'draftdiff':>10}  {'json proc':>10}  {'floor':>10}  {'ratio':>6}  {'redlines':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            old_text, new_text = make_pair(size)
            old, new = Path(tmp) / f"old{size}.txt", Path(tmp) / f"new{size}.txt"
            old.write_text(old_text, encoding="utf-8")
            new.write_text(new_text, encoding="utf-8")
            ours = min(time_draftdiff(old, new) for _ in range(2))
            process = min(time_process(old, new) for _ in range(2))
            peer = min(time_difflib(old, new) for _ in range(2))
            if not have_redlines:
                red = "not installed"
            elif size > args.redlines_max:
                red = "skipped"
            else:
                red = f"{time_redlines(old, new):.2f} s"
            print(
                f"{size:>10}  {ours:>8.2f} s  {process:>8.2f} s  {peer:>8.2f} s  {process / peer:>5.2f}x  {red:>10}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
