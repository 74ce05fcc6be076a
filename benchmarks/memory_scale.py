"""Peak memory of a compare at scale: two 50,000-paragraph DOCX drafts.

    python benchmarks/memory_scale.py [--paragraphs 50000]

Builds an old and a new DOCX (Word list numbering, about 5 % of paragraphs
reworded, some inserted and deleted, the new one renumbered) and runs
``draftdiff compare OLD NEW --format json`` as a process, reporting its wall
time and peak resident memory. Goal: under 1 GiB.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from draftdiff.execution import own_process_collector  # noqa: E402

own_process_collector()  # a benchmark owns its process, as the command line does

from synthetic import sentence  # noqa: E402

from draftdiff.writers.wordml import DocxWriter, Level, Para, Run  # noqa: E402


def build(texts: list[str]) -> bytes:
    writer = DocxWriter(header="BENCH/1", title="Benchmark draft")
    abstract = writer.add_abstract([Level("decimal", "%1.")])
    num = writer.add_num(abstract)
    writer.add(Para([Run("Benchmark draft")], style="Title"))
    for text in texts:
        writer.add(Para([Run(text)], num=(num, 0)))
    return writer.to_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=50_000)
    args = parser.parse_args()
    rng = random.Random(11)
    old = [sentence(rng, rng.randint(20, 60)) for _ in range(args.paragraphs)]
    new = []
    for text in old:
        roll = rng.random()
        if roll < 0.01:
            continue  # deleted
        if roll < 0.06:
            words = text.split()
            words[rng.randrange(len(words))] = "discussions"
            text = " ".join(words)
        new.append(text)
        if rng.random() < 0.01:
            new.append(sentence(rng, 30))  # inserted
    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = Path(tmp) / "old.docx", Path(tmp) / "new.docx"
        old_path.write_bytes(build(old))
        new_path.write_bytes(build(new))
        command = [sys.executable, "-m", "draftdiff", "compare", str(old_path), str(new_path), "--format", "json"]
        start = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    status = "ok" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.strip()[:200]}"
    print(f"{args.paragraphs:,} paragraphs: compare {seconds:.1f} s, peak memory {peak:.0f} MiB ({status})")
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
