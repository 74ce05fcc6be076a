"""Time and peak memory against size for every input the many-draft commands read.

    python benchmarks/hostile_scale.py [--cases refs-rows,brackets-nested,...] [--factors 1,2,4,8]

Issue 31, requirement 3: comments (CSV rows, one comment citing a paragraph
thousands of times, one long line, a Markdown heading of spaces), phrases
(one periodic phrase, many phrases), registers (many entries), DOCX
comments (thousands on one paragraph, parse and export) and brackets
(nested, many in a paragraph). Each case is built at 1x, 2x, 4x and 8x its
base size in a temporary folder, and run as a ``draftdiff`` process; the
table gives its wall time and peak resident memory (the child's
``ru_maxrss``), and the last column the growth from 1x to 8x. Linear work
grows about 8x (less, where the process's start-up dominates); where a
stated cap is reached (README: "Limits"), the growth stops.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff.writers.wordml import DocxWriter, Para, Run  # noqa: E402

SAMPLES = ROOT / "samples"
DRAFTDIFF = [sys.executable, "-m", "draftdiff"]

# name -> (base size, unit, builder(folder, size) -> command arguments)
Builder = Callable[[Path, int], list[str]]


def _sample_register(folder: Path) -> None:
    for name in ("zero", "rev1", "rev2", "rev3", "final"):
        shutil.copy(SAMPLES / f"{name}.docx", folder)
    shutil.copy(SAMPLES / "draftdiff.toml", folder)


def refs_rows(folder: Path, size: int) -> list[str]:
    _sample_register(folder)
    rows = list(csv.reader(io.StringIO((SAMPLES / "comments.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0])
    for k in range(size):
        writer.writerow(rows[1 + k % (len(rows) - 1)])
    (folder / "comments.csv").write_text(out.getvalue(), encoding="utf-8")
    return ["refs", "comments.csv", "--on", "rev2", "--format", "json", "-o", "out.json"]


def refs_one_comment(folder: Path, size: int) -> list[str]:
    _sample_register(folder)
    text = "In Rev 2, " + " ".join(["para 38"] * size) + ". We suggest adding 'without delay'."
    (folder / "comments.txt").write_text(text, encoding="utf-8")
    return ["refs", "comments.txt", "--on", "rev2", "--format", "json", "-o", "out.json"]


def refs_long_line(folder: Path, size: int) -> list[str]:
    _sample_register(folder)
    sentence = "We suggest adding 'firm words' to para 38 of Rev 2, and note the text of 76/141. "
    (folder / "comments.txt").write_text(sentence * (size * 1_000_000 // len(sentence)), encoding="utf-8")
    return ["refs", "comments.txt", "--on", "rev2", "--format", "json", "-o", "out.json"]


def refs_heading(folder: Path, size: int) -> list[str]:
    _sample_register(folder)
    (folder / "comments.md").write_text("## a" + " " * size + "b\n\nWe support para 12.\n", encoding="utf-8")
    return ["refs", "comments.md", "--on", "rev2", "--format", "json", "-o", "out.json"]


def _two_texts(folder: Path, old: str, new: str) -> None:
    (folder / "a.txt").write_text(f"Title\n\n1. {old}\n\n2. Other text.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"Title\n\n1. {new}\n\n2. Other text.\n", encoding="utf-8")


def brackets_nested(folder: Path, size: int) -> list[str]:
    nested = "[" * size + "x" + "]" * size
    _two_texts(folder, f"Parties shall {nested} act.", f"Parties should {nested} act now.")
    return ["stats", "a.txt", "b.txt", "--format", "json"]


def brackets_nested_parse(folder: Path, size: int) -> list[str]:
    brackets_nested(folder, size)
    return ["parse", "a.txt", "--format", "json"]


def brackets_many(folder: Path, size: int) -> list[str]:
    old = " ".join(f"w{k} x" for k in range(size))
    new = " x ".join(f"[v{k}]" for k in range(size))
    _two_texts(folder, f"Parties shall {old} act.", f"Parties shall {new} act.")
    return ["compare", "a.txt", "b.txt", "--format", "json"]


def brackets_paragraphs(folder: Path, size: int) -> list[str]:
    old = "".join(f"{k}. Parties [shall][should] act on [matter] {k}.\n\n" for k in range(1, size + 1))
    new = "".join(f"{k}. Parties shall act on matter {k}.\n\n" for k in range(1, size + 1))
    (folder / "a.txt").write_text("Title\n\n" + old, encoding="utf-8")
    (folder / "b.txt").write_text("Title\n\n" + new, encoding="utf-8")
    return ["stats", "a.txt", "b.txt", "--format", "json"]


def _commented(path: Path, count: int, words: str) -> None:
    writer = DocxWriter(title="Draft")
    ids = [writer.comment(f"Author {k % 7}", f"Comment number {k}", "2030-01-01T00:00:00Z") for k in range(count)]
    writer.add(Para([Run("Draft")], style="Title"))
    writer.add(Para([Run("1. " + words)], comments=ids))
    writer.add(Para([Run("2. Other text.")]))
    path.write_bytes(writer.to_bytes())


def docx_comments_parse(folder: Path, size: int) -> list[str]:
    _commented(folder / "old.docx", size, "Parties shall cooperate.")
    return ["parse", "old.docx", "--format", "json"]


def docx_comments_export(folder: Path, size: int) -> list[str]:
    _commented(folder / "old.docx", size, "Parties shall cooperate.")
    _commented(folder / "new.docx", 0, "Parties should cooperate.")
    return ["export", "old.docx", "new.docx", "-o", "redline.docx"]


def _trace_register(folder: Path) -> None:
    for name in ("rev2", "rev3", "final"):
        shutil.copy(SAMPLES / f"{name}.txt", folder)


def phrase_periodic(folder: Path, size: int) -> list[str]:
    _trace_register(folder)
    (folder / "lists").mkdir()  # not beside the drafts: the folder's register would take it for one
    (folder / "lists" / "phrases.txt").write_text(("ab " * (size // 3 + 1))[:size].strip() + "\n", encoding="utf-8")
    return ["trace", "--phrases", "lists/phrases.txt", "--format", "json"]


def phrases_many(folder: Path, size: int) -> list[str]:
    _trace_register(folder)
    words = (SAMPLES / "rev3.txt").read_text(encoding="utf-8").split()
    lines = [" ".join(words[k % (len(words) - 4) : k % (len(words) - 4) + 2 + k % 3]) + f" {k}" for k in range(size)]
    (folder / "lists").mkdir()
    (folder / "lists" / "phrases.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["trace", "--phrases", "lists/phrases.txt", "--format", "json"]


def register_entries(folder: Path, size: int) -> list[str]:
    entries = []
    for k in range(size):
        (folder / f"d{k:05}.txt").write_text(f"Title\n\n1. Draft {k} text.\n", encoding="utf-8")
        entries.append(f'd{k:05} = {{path = "d{k:05}.txt", label = "Draft {k}", aliases = ["draft number {k}"]}}')
    (folder / "draftdiff.toml").write_text("[drafts]\n" + "\n".join(entries) + "\n", encoding="utf-8")
    return ["drafts", "--format", "json"]


CASES: dict[str, tuple[int, str, Builder]] = {
    "refs-rows": (5_000, "CSV rows", refs_rows),
    "refs-one-comment": (125, '"para 38" in one comment', refs_one_comment),
    "refs-long-line": (1, "MB on one line", refs_long_line),
    "refs-heading": (1_000_000, "spaces in a heading", refs_heading),
    "brackets-nested": (20_000, "nested pairs, stats", brackets_nested),
    "brackets-nested-parse": (20_000, "nested pairs, parse json", brackets_nested_parse),
    "brackets-many": (125, "pairs in one paragraph, compare", brackets_many),
    "brackets-paragraphs": (1_000, "bracketed paragraphs, stats", brackets_paragraphs),
    "docx-comments-parse": (5_000, "comments on one paragraph, parse", docx_comments_parse),
    "docx-comments-export": (5_000, "comments on one paragraph, export", docx_comments_export),
    "phrase-periodic": (100_000, "characters of one phrase, trace", phrase_periodic),
    "phrases-many": (2_500, "phrases, trace", phrases_many),
    "register-entries": (500, "register entries, drafts", register_entries),
}


def run(arguments: list[str], folder: Path, source: Path | None, timeout: float) -> tuple[float, float, str]:
    """Wall seconds, peak resident MiB and exit code of one draftdiff process
    ("killed" past the timeout: its figures are then lower bounds)."""
    env = dict(os.environ)
    if source is not None:  # another checkout's src, to measure before a change
        env["PYTHONPATH"] = str(source)
    start = time.perf_counter()
    process = subprocess.Popen(
        [*DRAFTDIFF, *arguments], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    code = "killed" if process.returncode == -signal.SIGKILL else str(process.returncode)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated: " + ", ".join(CASES))
    parser.add_argument("--factors", default="1,2,4,8")
    parser.add_argument("--src", type=Path, help="run another checkout's src (PYTHONPATH), e.g. to measure before")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is killed")
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    print("| case | size | seconds | peak MiB | exit |")
    print("| --- | ---: | ---: | ---: | ---: |")
    summary = []
    for name in args.cases.split(","):
        base, unit, build = CASES[name]
        times, memories = [], []
        for factor in factors:
            with tempfile.TemporaryDirectory(prefix="draftdiff-hostile-") as tmp:
                folder = Path(tmp)
                arguments = build(folder, base * factor)
                seconds, mib, code = run(arguments, folder, args.src, args.timeout)
            times.append(seconds)
            memories.append(mib)
            print(f"| {name} | {base * factor:,} {unit} | {seconds:.2f} | {mib:.0f} | {code} |", flush=True)
        summary.append((name, times[-1] / times[0], memories[-1] / memories[0]))
    print()
    print(f"| case | time {factors[-1]}x / {factors[0]}x | peak memory {factors[-1]}x / {factors[0]}x |")
    print("| --- | ---: | ---: |")
    for name, time_ratio, memory_ratio in summary:
        print(f"| {name} | {time_ratio:.1f} | {memory_ratio:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
