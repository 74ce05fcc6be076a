"""PDF reading beside raw pypdfium2 text extraction, on the corpus PDFs.

    python benchmarks/pdf_speed.py [--repeat 2]

For each PDF of ../shared/corpus (pdf_treaty/ and negotiation_text/), best
of --repeat, in the same run:

* raw: pypdfium2 opens the file and extracts each page's text
  (``get_textpage().get_text_range()``): the floor, which finds no
  paragraph, heading, footnote or page furniture;
* draftdiff: ``draftdiff.load`` of the file, the whole PDF reader.

Goal: draftdiff reads at least half as many pages a second as raw
extraction (its time at most twice the floor's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pypdfium2 as pdfium  # noqa: E402
from timing import best  # noqa: E402

from draftdiff import load  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def raw(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(document)
    finally:
        document.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    files = sorted(CORPUS.glob("pdf_treaty/*.pdf")) + sorted(CORPUS.glob("negotiation_text/*.pdf"))
    if not files:
        print(f"no PDFs under {CORPUS}")
        return 2
    load(files[0])  # imports and caches outside the timings
    print(f"{'file':48} {'pages':>5}  {'raw':>8}  {'draftdiff':>9}  {'ratio':>6}")
    total_raw = total_ours = 0.0
    for path in files:
        pages = raw(path)
        floor = best(lambda path=path: raw(path), args.repeat)
        ours = best(lambda path=path: load(path), args.repeat)
        total_raw += floor
        total_ours += ours
        print(f"{path.name[:48]:48} {pages:5}  {floor:6.2f} s  {ours:7.2f} s  {ours / floor:5.2f}x")
    print(f"{'all':48} {'':5}  {total_raw:6.2f} s  {total_ours:7.2f} s  {total_ours / total_raw:5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
