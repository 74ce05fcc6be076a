"""How fast the PDF reader is, with each engine, on a long draft.

    python benchmarks/pdf_parse.py [--pages 200] [--repeat 3]

Builds a long PDF by repeating the pages of the five sample drafts (LibreOffice
output: running header, page numbers, footnotes) until it has --pages pages,
then times draftdiff's whole PDF reader (text extraction, layout, paragraphs)
with pypdfium2 (the default) and with pdfplumber. Goal: 100+ pages/s with
pypdfium2.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff.execution import own_process_collector  # noqa: E402

own_process_collector()  # a benchmark owns its process, as the command line does

import pypdfium2 as pdfium  # noqa: E402

from draftdiff import ReadOptions, load  # noqa: E402


def build(pages: int, target: Path) -> None:
    sources = [
        pdfium.PdfDocument(ROOT / "samples" / f"{name}.pdf") for name in ("zero", "rev1", "rev2", "rev3", "final")
    ]
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        for source in sources:
            if len(out) >= pages:
                break
            count = min(len(source), pages - len(out))
            out.import_pages(source, list(range(count)))
    out.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.pdf"
        build(args.pages, path)
        for engine, repeat in (("pdfium", args.repeat), ("pdfplumber", 1)):
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                draft = load(path, options=ReadOptions(pdf_engine=engine))
                times.append(time.perf_counter() - start)
            best = min(times)
            print(
                f"pdf parse ({engine}): {args.pages} pages, {len(draft)} paragraphs: "
                f"best {best:.2f} s of {repeat} ({args.pages / best:.0f} pages/s)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
