"""Hash the parse JSON of every sample and corpus file, to see which parses a change touched.

usage: python benchmarks/parse_hashes.py > before.txt   (then again after, and diff the two)

Each line: sha256 of ``draftdiff parse FILE --format json`` (warnings included), then the file.
A changed hash is a parse to review, not a failure: review each one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", REPO.parent / "shared" / "corpus"))
SUFFIXES = {".docx", ".pdf", ".txt", ".md"}


def files() -> list[Path]:
    found = [p for p in sorted((REPO / "samples").rglob("*")) if p.suffix in SUFFIXES]
    if CORPUS.is_dir():
        found += [
            p
            for p in sorted(CORPUS.rglob("*"))
            if p.suffix in SUFFIXES and not p.name.endswith(".text.txt") and p.name != "SOURCES.md"
        ]
    return found


def main() -> int:
    exe = str(Path(sys.executable).with_name("draftdiff"))
    for path in files():
        run = subprocess.run([exe, "parse", str(path), "--format", "json"], capture_output=True)
        digest = hashlib.sha256(run.stdout + b"\0" + str(run.returncode).encode()).hexdigest()[:16]
        print(f"{digest}  {path.relative_to(path.anchor)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
