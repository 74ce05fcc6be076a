"""How far words alone can take the links of the lineage truth: for each
labelled link of a pair of real drafts, the rank of its true ancestor among
all paragraphs of the older draft by TF-IDF cosine of their content words
(the best any lexical matcher can hope for), and the F1 a matcher that links
every paragraph to its best-ranked ancestor would reach.

    python benchmarks/lineage_ceiling.py [TRUTH.json ...]

A link whose ancestor ranks below the first few is one no threshold on shared
words can find without linking many wrong paragraphs first: such links need
a reading of the meaning, not of the words.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lineage_accuracy import TRUTH, draft_of, pair_truths, words

# words every paragraph of a negotiating text shares, so they tell nothing apart
_COMMON = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "for",
        "on",
        "be",
        "shall",
        "with",
        "by",
        "as",
        "that",
        "this",
        "its",
        "or",
        "their",
        "parties",
        "party",
        "under",
        "at",
        "from",
        "which",
        "an",
        "is",
        "are",
        "other",
        "should",
        "all",
        "including",
        "any",
        "such",
        "these",
        "it",
        "may",
    ]
)
_SHOWN_RANKS = (1, 2, 3, 5, 10)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _COMMON and not w.isdigit() and len(w) > 2]


class Index:
    """TF-IDF vectors of one draft's paragraphs, searchable by a query's words."""

    def __init__(self, paragraphs) -> None:
        counts = [Counter(content_words(p.text)) for p in paragraphs]
        frequency = Counter(w for c in counts for w in c)
        self.size = len(counts)
        self.idf = {w: math.log(self.size / n) for w, n in frequency.items()}
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for index, count in enumerate(counts):
            for w, weight in self.vector(count).items():
                self.postings.setdefault(w, []).append((index, weight))

    def vector(self, count: Counter) -> dict[str, float]:
        raw = {w: (1 + math.log(n)) * self.idf.get(w, math.log(self.size)) for w, n in count.items()}
        norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
        return {w: x / norm for w, x in raw.items()}

    def ranked(self, text: str) -> list[int]:
        scores: Counter[int] = Counter()
        for w, weight in self.vector(Counter(content_words(text))).items():
            for index, other in self.postings.get(w, ()):
                scores[index] += weight * other
        return [index for index, _ in scores.most_common()]


def ceiling(path: Path) -> None:
    for truth in pair_truths(path):
        old, old_at = draft_of(truth.older)
        new, new_at = draft_of(truth.newer)
        index = Index(old.paragraphs)
        ranks: list[int] = []  # per link: the best rank of a true ancestor (0: not ranked at all)
        right = found = expected = 0
        for olds, new_snippet in truth.links:
            if new_snippet is None or not olds:
                continue
            j = new_at.find(new_snippet)
            ancestors = {i for i in (old_at.find(s) for s in olds) if i is not None}
            if j is None or not ancestors:
                continue
            ranked = index.ranked(new.paragraphs[j].text)
            position = {i: r for r, i in enumerate(ranked, 1)}
            ranks.append(min((position[i] for i in ancestors if i in position), default=0))
            found += bool(ranked)
            right += bool(ranked) and ranked[0] in ancestors
            expected += len(ancestors)
        precision = right / found if found else 0.0
        recall = right / expected if expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        shares = ", ".join(f"top {k}: {sum(1 for r in ranks if 0 < r <= k) / len(ranks):.2f}" for k in _SHOWN_RANKS)
        print(f"{truth.older} → {truth.newer}: {len(ranks)} links, {len(old.paragraphs)} older paragraphs")
        print(f"  true ancestor within {shares}")
        print(f"  best-ranked ancestor for every link: precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")


def main() -> int:
    paths = [Path(a) for a in sys.argv[1:]] or sorted(TRUTH.glob("*.json"))
    for path in paths:
        ceiling(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
