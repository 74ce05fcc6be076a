"""What OCR costs around the engine: draftdiff's read of a PDF whose text
layer lies, beside Tesseract alone on the same pages, in the same run.

    python benchmarks/ocr_speed.py [--pdf FILE] [--pages 4,8] [--first 3] [--language rus+eng]

For each size N, N pages of the PDF from page --first on (default: the UN's
Russian BBNJ Agreement in ../shared/corpus/languages, whose every page from
3 on lies; page 2 is blank) are copied to a temporary file, then:

* engine: the pages rendered beforehand (not timed), Tesseract run on them
  exactly as draftdiff runs it (same options, same number at once): the
  floor, what the engine costs;
* draftdiff: ``draftdiff.load`` of the file: text layer read and judged,
  pages rendered, Tesseract, hOCR read, layout, paragraphs.

Wall times on a shared machine swing by 20 % from run to run, so CPU times
are given too: Tesseract's (its processes, ``RUSAGE_CHILDREN``) and
draftdiff's own (this process: reading the text layer, rendering, reading
hOCR, the layout), whose ratio is what draftdiff adds around the engine.

Goal: draftdiff's own CPU at most 10 % of the engine's, and its wall time at
most 1.10x the engine alone's. Nothing is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import pypdfium2 as pdfium  # noqa: E402

from draftdiff import load  # noqa: E402
from draftdiff.execution import engine_processes  # noqa: E402
from draftdiff.readers import ReadOptions, ocr  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpus" / "languages" / "BBNJ_Agreement_2023_ru.pdf"


def engine_alone(path: Path, language: str, folder: Path) -> float:
    """Tesseract on the pre-rendered pages, as many at once as draftdiff runs."""
    found = ocr.engine()
    assert found is not None
    pdf = pdfium.PdfDocument(path)
    images = []
    for index in range(len(pdf)):
        image = folder / f"e{index}.pgm"
        pdf[index].render(scale=ocr.DPI / 72, grayscale=True).to_pil().save(image)
        images.append(image)
    workers = engine_processes(len(images))
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    running: list[subprocess.Popen] = []
    for image in images:
        while len(running) >= workers:
            running.pop(0).wait()
        command = [found.program, str(image), str(image.with_suffix("")), "-l", language, "--psm", ocr.PAGE_PSM]
        command += ["--dpi", str(ocr.DPI), "-c", "preserve_interword_spaces=1", "hocr"]
        running.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment))
    for process in running:
        process.wait()
    return time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pdf", type=Path, default=DEFAULT)
    parser.add_argument("--pages", default="4,8")
    parser.add_argument("--first", type=int, default=3, help="the first page taken")
    parser.add_argument("--language", default="rus+eng", help="as draftdiff chooses it for the PDF")
    args = parser.parse_args()
    if ocr.engine() is None:
        print("tesseract is not installed")
        return 2
    if not args.pdf.exists():
        print(f"no {args.pdf}")
        return 2
    source = pdfium.PdfDocument(args.pdf)
    print(f"{args.pdf.name}, {engine_processes(99)} Tesseract processes at once")
    for count in (int(n) for n in args.pages.split(",")):
        with tempfile.TemporaryDirectory(prefix="ocr-speed-") as name:
            folder = Path(name)
            part = pdfium.PdfDocument.new()
            start = args.first - 1
            part.import_pages(source, list(range(start, min(start + count, len(source)))))
            path = folder / f"first{count}.pdf"
            part.save(path)
            floor = engine_alone(path, args.language, folder)
            children = _children_cpu()
            start, own = time.perf_counter(), time.process_time()
            draft = load(path, options=ReadOptions(language=args.language))
            ours, own = time.perf_counter() - start, time.process_time() - own
            engine_cpu = _children_cpu() - children
            print(
                f"{count} pages: engine alone {floor:.2f} s, draftdiff {ours:.2f} s ({ours / floor:.2f}x); "
                f"CPU: Tesseract {engine_cpu:.2f} s, draftdiff's own {own:.2f} s ({own / engine_cpu:.1%}); "
                f"{len(draft.paragraphs)} paragraphs"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
