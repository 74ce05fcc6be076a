"""Reader accuracy on the real documents of ../shared/corpus.

usage: python benchmarks/corpus_accuracy.py [--engine pdfium|pdfplumber] [FILE ...]

For each file, in-process:

- words: the share of the publisher-curated text's words (a multiset, as
  ../shared/tools/corpus_words.py counts them, over the parse JSON) found in
  paragraphs, headings, notes and the title ("text"), and in those plus the
  declared page furniture ("all");
- paragraphs, ids with a ``#`` run or duplicate counter, ids with a
  positional ``~`` counter (own or inherited from a parent), empty paragraphs, paragraphs whose text holds a
  page number or starts in lower case (cut mid-sentence), warnings, title;
- seconds to read the file.

Files without curated text beside them get "-" in the word columns.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from draftdiff.accuracy import recall  # noqa: E402
from draftdiff.document.numbering import is_positional as is_positional_id  # noqa: E402
from draftdiff.readers import ReadOptions, load  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", REPO.parent / "shared" / "corpus"))
DEFAULT = [
    "pdf_treaty/bbnj-corpus__A-RES-79-271.pdf",
    "pdf_treaty/bbnj-corpus__UN_Fish_Stocks_Agreement_1995.pdf",
    "pdf_treaty/bbnj-corpus__UN_Part_XI_Agreement_1994.pdf",
    "pdf_treaty/bbnj-corpus__UNCLOS_1982.pdf",
    "pdf_un/GateNLP-UNGA__A_RES_73_3-EN.pdf",
    "pdf_un/GateNLP-UNGA__A_RES_73_6-EN.pdf",
    "pdf_un/GateNLP-UNGA__A_RES_73_7-EN.pdf",
    "pdf_un/GateNLP-UNGA__A_RES_73_8-EN.pdf",
    "negotiation_text/cop21__2015-02-12_geneva_negotiating_text.pdf",
    "negotiation_text/cop21__2015-10-05_ADP2_8infnot_non-paper.pdf",
    "negotiation_text/cop21__2015-10-23_draft_agreement.md",
    "docx_unfccc/Mitigation-unfccc-EnhancedMD__cma2021.docx",
]
PAGE_NUMBER = re.compile(r"(^|\s)(-\s?\d{1,4}\s?-|Page \d+( of \d+)?)(\s|$)")


def is_counter(para_id: str) -> bool:
    """A ``#`` counter: a restart or a duplicate that no heading explains."""
    return "#" in para_id


def is_positional(para_id: str) -> bool:
    """Anything with a positional counter in it, own or inherited (``12.u1``; ``12~1`` before)."""
    return "~" in para_id or is_positional_id(para_id)


def measure(path: Path, engine: str) -> dict:
    start = time.perf_counter()
    draft = load(path, options=ReadOptions(pdf_engine=engine))
    seconds = time.perf_counter() - start
    doc = draft.to_json()
    with_furniture = dict(doc)
    doc.pop("furniture", None)
    row = {
        "file": path.name,
        "paragraphs": len(draft.paragraphs),
        "counter": sum(is_counter(p.id) for p in draft.paragraphs),
        "positional": sum(is_positional(p.id) for p in draft.paragraphs),
        "empty": sum(not p.text and p.kind.value != "heading" for p in draft.paragraphs),
        "page_no": sum(bool(PAGE_NUMBER.search(p.text)) for p in draft.paragraphs),
        "lower_start": sum(p.text[:1].islower() and p.kind.value == "unnumbered" for p in draft.paragraphs),
        "warnings": len(draft.warnings),
        "title": draft.title[:50],
        "seconds": seconds,
        "text": None,
        "all": None,
    }
    curated = path.with_suffix(".text.txt")
    if curated.exists():
        reference = curated.read_text()
        row["text"] = recall(doc, reference)
        row["all"] = recall(with_furniture, reference)
    return row


def compare_engines(paths: list[Path]) -> int:
    """Paragraphs (id and text, white space folded) that the two engines read alike."""
    print("| file | paragraphs (pdfium) | paragraphs (pdfplumber) | same id and text | differ | pdfplumber s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for path in paths:
        a = load(path, options=ReadOptions(pdf_engine="pdfium"))
        start = time.perf_counter()
        b = load(path, options=ReadOptions(pdf_engine="pdfplumber"))
        seconds = time.perf_counter() - start
        left = {(p.id, " ".join(p.text.split())) for p in a}
        right = {(p.id, " ".join(p.text.split())) for p in b}
        same = len(left & right)
        print(f"| {path.name} | {len(a)} | {len(b)} | {same} | {len(left ^ right)} | {seconds:.1f} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--engine", default="pdfium")
    parser.add_argument(
        "--compare-engines", action="store_true", help="per PDF: paragraphs on which pdfium and pdfplumber agree"
    )
    args = parser.parse_args()
    paths = [Path(f) for f in args.files] or [CORPUS / f for f in DEFAULT]
    paths = [p for p in paths if p.exists()]
    if not paths:
        print(f"no corpus files found under {CORPUS}")
        return 0
    if args.compare_engines:
        return compare_engines([p for p in paths if p.suffix == ".pdf"])
    print(f"engine {args.engine}")
    print(
        "| file | words (text) | words (all) | paragraphs | # ids | ~ ids | empty | page no. | lower start "
        "| warnings | s | title |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for path in paths:
        r = measure(path, args.engine)
        fmt = lambda v: "-" if v is None else f"{v:.4f}"  # noqa: E731
        print(
            f"| {r['file']} | {fmt(r['text'])} | {fmt(r['all'])} | {r['paragraphs']} | {r['counter']} "
            f"| {r['positional']} | {r['empty']} "
            f"| {r['page_no']} | {r['lower_start']} | {r['warnings']} | {r['seconds']:.2f} | {r['title']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
