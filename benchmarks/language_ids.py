"""How many of the English version's paragraph ids each other language version has.

    python benchmarks/language_ids.py [CORPUS_DIR]

The BBNJ Agreement as the UN issued it (corpus ``languages/``): the French,
Russian and Chinese PDFs are compared with the English PDF (the Russian and
Chinese PDFs have text layers that lie, and are read by OCR where Tesseract
is installed), and the curated texts of every language with the English
curated text. A paragraph is
cited the same way in every language when its id is the same: the figure is
the share of the English version's ids found in the other version, over all
ids and over the numbered ones (no positional ``u`` counter). Then what
``draftdiff versions`` reports on the four versions (English and French PDFs,
Russian and Chinese curated texts), by kind and language.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from draftdiff.document.numbering import is_positional
from draftdiff.readers import load

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "languages"
STEM = "BBNJ_Agreement_2023"
PAIRS = (
    ("en.pdf", "fr.pdf"),
    ("en.pdf", "ru.pdf"),  # read by OCR (Tesseract): minutes
    ("en.pdf", "zh.pdf"),
    ("en.pdf", "fr.text.txt"),
    ("en.pdf", "ru.text.txt"),
    ("en.pdf", "zh.text.txt"),
    ("en.text.txt", "fr.text.txt"),
    ("en.text.txt", "ru.text.txt"),
    ("en.text.txt", "zh.text.txt"),
)


def ids_of(path: Path) -> list[str]:
    return [p.id for p in load(path).paragraphs]


def share(english: list[str], other: list[str]) -> tuple[int, int]:
    found = set(other)
    return sum(1 for i in english if i in found), len(english)


def main(argv: list[str]) -> int:
    corpus = Path(argv[1]) if len(argv) > 1 else CORPUS
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    print(f"{'english':<14} {'other':<14} {'all ids':>16} {'numbered ids':>16}  missing (first 8)")
    for english_name, other_name in PAIRS:
        english = ids_of(corpus / f"{STEM}_{english_name}")
        other = ids_of(corpus / f"{STEM}_{other_name}")
        hit, total = share(english, other)
        numbered = [i for i in english if not is_positional(i)]
        n_hit, n_total = share(numbered, other)
        missing = [i for i in numbered if i not in set(other)][:8]
        print(
            f"{english_name:<14} {other_name:<14} {hit:>5}/{total:<4} {100 * hit / total:5.1f}%"
            f" {n_hit:>5}/{n_total:<4} {100 * n_hit / n_total:5.1f}%  {' '.join(missing)}"
        )
    versions_report(corpus)
    return 0


def versions_report(corpus: Path) -> None:
    """What ``draftdiff versions`` reports on the four versions, by kind and language."""
    try:
        from draftdiff.negotiation.versions import compare_versions
    except ImportError:  # a checkout from before the command
        return
    names = ("en.pdf", "fr.pdf", "ru.text.txt", "zh.text.txt")
    result = compare_versions([load(corpus / f"{STEM}_{name}") for name in names])
    print(f"\nversions {' '.join(names)}: {len(result.rows)} ids")
    counts = Counter((d.kind, d.language) for d in result.discrepancies)
    for (kind, language), count in sorted(counts.items()):
        ids = [d.id for d in result.discrepancies if (d.kind, d.language) == (kind, language)]
        shown = " ".join(ids[:8]) + (" …" if len(ids) > 8 else "")
        print(f"  {kind:<9} {language}: {count:>3}  {shown}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
