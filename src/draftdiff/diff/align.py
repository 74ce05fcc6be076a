"""Which paragraph of the old draft became which paragraph of the new one.

Numbers are evidence, not truth: the final text is renumbered, and an
inserted "42bis" may become 44. Alignment is by content, in three passes
that keep the cost near-linear:

1. anchors: paragraphs whose normalised text is identical;
2. similarity: rapidfuzz on word-id sequences for what is left (a full
   matrix when it is small, position windows when it is large), greedy
   one-to-one from the best score, with a small bonus for an equal number
   or section;
3. splits and merges: a matched pair grows by an unmatched neighbour when
   that makes the texts clearly more alike.

A longest increasing subsequence over the matched positions then tells the
paragraphs that stayed in order from those that moved.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from ..document.model import Draft, Kind, Paragraph
from ..normalize import fold_typography

MATCH_THRESHOLD = 0.5
SPLIT_GAIN = 0.04
FULL_MATRIX_LIMIT = 4_000_000  # cells; above this, compare within position windows
WINDOW = 600

_WORD_RE = re.compile(r"\w+")


@dataclass
class Match:
    old: list[int]  # indices into old.paragraphs
    new: list[int]  # indices into new.paragraphs
    similarity: float
    moved: bool = False


@dataclass
class Alignment:
    matches: list[Match]
    deleted: list[int]
    added: list[int]


class _Words:
    """Paragraph texts as sequences of word ids (shared vocabulary)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, text: str) -> list[int]:
        out = []
        for word in _WORD_RE.findall(fold_typography(text).lower()):
            code = self.ids.get(word)
            if code is None:
                code = self.ids[word] = len(self.ids)
            out.append(code)
        return out


def _family(para: Paragraph) -> str:
    return "heading" if para.kind is Kind.HEADING else "text"


def _norm(text: str) -> str:
    return " ".join(_WORD_RE.findall(fold_typography(text).lower()))


def align(old: Draft, new: Draft) -> Alignment:
    words = _Words()
    old_seq = [words(p.text) for p in old.paragraphs]
    new_seq = [words(p.text) for p in new.paragraphs]
    old_free = set(range(len(old.paragraphs)))
    new_free = set(range(len(new.paragraphs)))
    pairs: dict[int, tuple[int, float]] = {}  # old index -> (new index, similarity)

    # 1. anchors: identical normalised text, paired in order
    old_by_text: dict[tuple[str, str], list[int]] = {}
    for i, para in enumerate(old.paragraphs):
        old_by_text.setdefault((_family(para), _norm(para.text)), []).append(i)
    new_by_text: dict[tuple[str, str], list[int]] = {}
    for j, para in enumerate(new.paragraphs):
        new_by_text.setdefault((_family(para), _norm(para.text)), []).append(j)
    for key, olds in old_by_text.items():
        news = new_by_text.get(key)
        if not news or not key[1]:
            continue
        for i, j in zip(olds, news, strict=False):
            pairs[i] = (j, 1.0)
            old_free.discard(i)
            new_free.discard(j)

    # 2. similarity for the rest
    for family in ("text", "heading"):
        olds = sorted(i for i in old_free if _family(old.paragraphs[i]) == family)
        news = sorted(j for j in new_free if _family(new.paragraphs[j]) == family)
        if not olds or not news:
            continue
        candidates = _scored_candidates(old, new, olds, news, old_seq, new_seq)
        for _score, i, j, sim in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
            if i in old_free and j in new_free:
                pairs[i] = (j, sim)
                old_free.discard(i)
                new_free.discard(j)

    # 3. splits and merges around matched pairs
    matches = [Match([i], [j], sim) for i, (j, sim) in sorted(pairs.items())]
    for match in matches:
        _grow(match, old, new, old_seq, new_seq, old_free, new_free)

    _mark_moves(matches)
    return Alignment(matches=matches, deleted=sorted(old_free), added=sorted(new_free))


def _scored_candidates(old, new, olds, news, old_seq, new_seq) -> list[tuple[float, int, int, float]]:
    """(adjusted score, old index, new index, similarity) for plausible pairs."""
    out: list[tuple[float, int, int, float]] = []
    queries = [old_seq[i] for i in olds]
    choices = [new_seq[j] for j in news]
    if len(olds) * len(news) <= FULL_MATRIX_LIMIT:
        blocks = [(0, len(olds), 0, len(news))]
    else:
        # Drafts keep their order: compare each stretch of old paragraphs with
        # the stretch of new ones at the same relative position.
        blocks = []
        ratio = len(news) / len(olds)
        for start in range(0, len(olds), WINDOW // 2):
            end = min(len(olds), start + WINDOW // 2)
            lo = max(0, int(start * ratio) - WINDOW)
            hi = min(len(news), int(end * ratio) + WINDOW)
            blocks.append((start, end, lo, hi))
    for a, b, c, d in blocks:
        matrix = cdist(
            queries[a:b],
            choices[c:d],
            scorer=Indel.normalized_similarity,
            score_cutoff=0.3,
            dtype=np.float32,
            workers=-1,
        )
        rows, cols = np.nonzero(matrix >= 0.3)
        for r, k in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = olds[a + r], news[c + k]
            sim = float(matrix[r, k])
            bonus = 0.0
            if old.paragraphs[i].label and old.paragraphs[i].id == new.paragraphs[j].id:
                bonus += 0.08
            if old.paragraphs[i].section and _norm(old.paragraphs[i].section) == _norm(new.paragraphs[j].section):
                bonus += 0.04
            if sim + bonus >= MATCH_THRESHOLD and sim >= 0.4:
                out.append((sim + bonus, i, j, sim))
    return out


def _similarity(a: list[int], b: list[int]) -> float:
    return Indel.normalized_similarity(a, b)


def _grow(match: Match, old, new, old_seq, new_seq, old_free: set[int], new_free: set[int]) -> None:
    """Extend a pair to a split (one old -> several new) or merge (several old -> one new)."""
    for _ in range(4):
        best = None
        current = match.similarity
        old_text = [w for i in match.old for w in old_seq[i]]
        new_text = [w for j in match.new for w in new_seq[j]]
        if len(match.old) == 1:
            for j in (match.new[0] - 1, match.new[-1] + 1):
                if j in new_free and _family(new.paragraphs[j]) == "text":
                    candidate = sorted([*match.new, j])
                    merged = [w for k in candidate for w in new_seq[k]]
                    sim = _similarity(old_text, merged)
                    if sim > current + SPLIT_GAIN and _covers(old_text, new_seq[j]) and (best is None or sim > best[0]):
                        best = (sim, "new", j)
        if len(match.new) == 1:
            for i in (match.old[0] - 1, match.old[-1] + 1):
                if i in old_free and _family(old.paragraphs[i]) == "text":
                    candidate = sorted([*match.old, i])
                    merged = [w for k in candidate for w in old_seq[k]]
                    sim = _similarity(merged, new_text)
                    if sim > current + SPLIT_GAIN and _covers(new_text, old_seq[i]) and (best is None or sim > best[0]):
                        best = (sim, "old", i)
        if best is None:
            return
        sim, side, index = best
        if side == "new":
            match.new = sorted([*match.new, index])
            new_free.discard(index)
        else:
            match.old = sorted([*match.old, index])
            old_free.discard(index)
        match.similarity = sim


def _covers(whole: list[int], part: list[int]) -> bool:
    """Most of ``part``'s words occur in ``whole``: it came from there."""
    if not part:
        return False
    pool = set(whole)
    return sum(1 for w in part if w in pool) >= 0.6 * len(part)


def _mark_moves(matches: list[Match]) -> None:
    """Matches outside the longest order-preserving chain have moved."""
    ordered = sorted(matches, key=lambda m: m.old[0])
    keep = _lis([m.new[0] for m in ordered])
    for index, match in enumerate(ordered):
        match.moved = index not in keep


def _lis(values: list[int]) -> set[int]:
    """Indices of one longest strictly increasing subsequence (O(n log n))."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        pos = bisect.bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[pos] = value
            tail_index[pos] = index
        previous[index] = tail_index[pos - 1] if pos else -1
    out: set[int] = set()
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        out.add(index)
        index = previous[index]
    return out
