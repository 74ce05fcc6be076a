"""Word conservation of PDF reading, with and without OCR, against curated texts.

    python benchmarks/ocr_words.py [FILE.pdf ...] [--before] [--missing 12]

For each PDF (default: every PDF of ../shared/corpus/languages/, each with
its curated ``.text.txt`` beside it), the share of the curated text's words
(a multiset) found in what ``draftdiff.load`` read: title, paragraphs,
notes, labels and declared page furniture (warnings excluded). This extends
``../shared/tools/corpus_words.py`` (which counts ``[a-z]+`` words) to every
script:

* text is NFKC-normalised and lower-cased; Arabic diacritics (harakat,
  U+064B-U+065F, U+0670) and tatweel (U+0640) are removed;
* a hyphen between letters is dropped, with the space after it ("соответ-
  ствия", "Объ-единенных", "co-operation"): the curated texts keep some
  line-end hyphens and the reader rejoins them, so hyphenation is compared
  on neither side;
* a word is a run of letters (Unicode ``[^\\W\\d_]+``) of two letters or more;
* Chinese is written without spaces: each Han character counts as a word
  (character-level conservation), and runs of other letters as words.

``--before`` also measures the reading without OCR (Tesseract hidden), in
the same run. Nothing is cached beyond the run, and nothing is written.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff import load  # noqa: E402
from draftdiff.readers import ocr  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "languages"
_ARABIC_MARKS_RE = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])[-\u00ad‐]\s*(?=[^\W\d_])")
_WORD_RE = re.compile(r"[^\W\d_]+")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def words(text: str) -> Counter[str]:
    text = _ARABIC_MARKS_RE.sub("", unicodedata.normalize("NFKC", text)).lower()
    text = _HYPHEN_RE.sub("", text)
    out: Counter[str] = Counter(_HAN_RE.findall(text))
    out.update(word for word in _WORD_RE.findall(_HAN_RE.sub(" ", text)) if len(word) > 1)
    return out


def draft_text(path: Path) -> str:
    draft = load(path)
    parts = [draft.title or ""]
    for paragraph in draft.paragraphs:
        parts += [paragraph.label, paragraph.text, *(note.text for note in paragraph.notes)]
    parts += [item.text for item in draft.furniture]
    return "\n".join(parts)


def measure(path: Path, dump: Path | None = None) -> tuple[float, int, int, Counter[str], float]:
    start = time.perf_counter()
    text = draft_text(path)
    if dump is not None:
        (dump / f"{path.stem}.read.txt").write_text(text, encoding="utf-8")
    have = words(text)
    seconds = time.perf_counter() - start
    want = words(path.with_suffix(".text.txt").read_text(encoding="utf-8"))
    lost = want - have
    total, missing = sum(want.values()), sum(lost.values())
    return 1 - missing / total, total - missing, total, lost, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--before", action="store_true", help="also read without OCR")
    parser.add_argument("--missing", type=int, default=12, help="the commonest lost words to show")
    parser.add_argument("--dump", type=Path, help="a folder to write each reading's text into, to study it")
    args = parser.parse_args()
    files = args.files or sorted(CORPUS.glob("*.pdf"))
    if not files:
        print(f"no PDFs (is {CORPUS} there?)")
        return 2
    found = ocr.engine()
    print(f"tesseract: {found.program if found else 'not installed'}")
    for path in files:
        modes = ["before", "after"] if args.before else ["after"]
        for mode in modes:
            if mode == "before":
                ocr.engine.cache_clear()
                original = ocr.engine
                ocr.engine = lambda: None  # type: ignore[assignment]
                try:
                    result = measure(path)
                finally:
                    ocr.engine = original  # type: ignore[assignment]
            else:
                result = measure(path, args.dump)
            share, kept, total, lost, seconds = result
            top = ", ".join(f"{word}×{count}" for word, count in lost.most_common(args.missing))
            print(f"{path.name} {mode}: {share:.2%} ({kept}/{total} words, {seconds:.1f} s) lost: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
