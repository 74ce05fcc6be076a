"""Which paragraph of the old draft became which paragraph of the new one.

Numbers are evidence, not truth: the final text is renumbered, and an
inserted "42bis" may become 44. Alignment is by content, in passes that keep
the cost near-linear:

1. anchors: long paragraphs whose normalised text is identical and occurs
   once in each draft;
2. repeats: identical text that occurs several times ("No text", schedule
   rows) or is short is paired in order, each with the candidate nearest to
   where the anchors say it should be, never first-come;
3. similarity: rapidfuzz on word-id sequences for what is left (a full
   matrix when it is small, position windows when it is large). The score
   mixes that edit similarity with a weighted overlap in which words rare in
   the two drafts (a cited "18(h)(ii)", a name, a number) count for more than
   boilerplate shared by many paragraphs. Pairs are taken greedily from the
   best score, ties going to the nearer position;
4. weak evidence: a short paragraph (a title, "Option 2:") is only matched
   where its neighbours put it, between the partners of the matched
   paragraphs around it; a pair of one template whose cited numbers differ
   ("18(h)" against "18(a)") only where both its neighbours are matched to
   its partner's; a line found once in each draft, or a pair whose numbers
   changed among other edits, only in the order of the pairs around it.
   Those rejected in pass 3 are tried again once every strong pair is known.
   Equal paragraph numbers are no evidence: drafts are renumbered;
5. rewrites between anchors: a paragraph left unmatched between two pairs
   that keep their order is linked to an unmatched paragraph between their
   partners when the two share enough rare words, citations or numbers, even
   at low word-sequence similarity (a heavy rewrite, an option kept and
   reworded). Such a link is weak: its confidence is that evidence, below 1;
6. splits and merges: a matched pair grows by an unmatched neighbour when
   that makes the texts clearly more alike;
7. pieces: inside an article or section paired with its successor, a new
   paragraph left unmatched whose rare words mostly come from one old
   paragraph (an option made of it, a piece split off and moved within the
   article) joins that paragraph's change as a split, and an old one whose
   words mostly went into one new paragraph (options blended into a
   compromise) joins it as a merge. Weak links too.

Around passes 5 and 7, ``align_options`` applies what a reader knows of a
draft rebuilt as options around the old paragraphs: a look-alike in another
standing article is no successor (before pass 5), and after pass 7 what sits
between two pieces of one paragraph, the other items of a paragraph made
into a list, and a paragraph offered again reworded in its article, join
that paragraph's change (weak links).

A longest increasing subsequence over the matched positions then tells the
paragraphs that stayed in order from those that moved.
"""

from __future__ import annotations

import bisect
import collections
import functools
import heapq
import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from ..document.model import Draft, Kind
from ..document.options import option_group
from .align_options import items_of_a_split, offered_again, pieces_between, release_look_alikes, relink_in_unit
from .sections import SectionKey, pair_units, unit_keys
from .tokens import normalised, tokens

MATCH_THRESHOLD = 0.5
SPLIT_GAIN = 0.04
FULL_MATRIX_LIMIT = 4_000_000  # cells; above this, compare within position windows
WINDOW = 600
SHORT = 6  # paragraphs with fewer words need their neighbours' support
SLOT = 8  # a gap between matched neighbours this small is evidence enough
REPEAT_DP_LIMIT = 1_000_000  # cells of the in-order pairing of one group of repeats
CANDIDATES = 16  # partners kept per old paragraph, the most similar first
GAP_EVIDENCE = 0.3  # weighted overlap of rare words that links a rewrite between anchors
MARGIN = 0.1  # how far the evidence for a pair must stand above what unrelated paragraphs share
UNIT_EVIDENCE = 0.25  # the same inside an article paired with its successor, where reworded text is expected
GAP_CELLS = 20_000  # pairs scored in one gap or unit, at most: a bound on the work, never reached by real articles


@dataclass(slots=True)
class Match:
    old: list[int]  # indices into old.paragraphs
    new: list[int]  # indices into new.paragraphs
    similarity: float
    moved: bool = False
    confidence: float = 1.0  # below 1: a weak link, made in pass 5 from the evidence between anchors


@dataclass
class Alignment:
    matches: list[Match]
    deleted: list[int]
    added: list[int]


class _Side:
    """One draft's paragraphs as token lists, word-id sequences and token sets."""

    def __init__(self, draft: Draft, vocabulary: dict[str, int]) -> None:
        self.paragraphs = draft.paragraphs
        self.norm = draft.per_paragraph("align.norm", normalised)
        code = vocabulary.__getitem__  # a new word gets the next id (see align)
        # each paragraph's words are split, turned into ids and let go: kept,
        # 20,000 paragraphs' words held 100 MB of short strings
        self.seq = [list(map(code, norm.split(" "))) if norm else [] for norm in self.norm]
        self.sets = _WordSets(self.seq)
        self.family = ["heading" if p.kind is Kind.HEADING else "text" for p in draft.paragraphs]
        self.units = unit_keys(draft.paragraphs)  # the article or section each paragraph stands in

    def short(self, index: int) -> bool:
        return len(self.seq[index]) < SHORT


class _WordSets:
    """Each paragraph's set of word ids, made when first asked for: only the
    paragraphs left after the anchors are scored on them, and keeping a set
    for every paragraph held 90 MB at 20,000 paragraphs."""

    __slots__ = ("_made", "_seq")

    def __init__(self, seq: list[list[int]]) -> None:
        self._seq = seq
        self._made: dict[int, frozenset[int]] = {}

    def __getitem__(self, index: int) -> frozenset[int]:
        found = self._made.get(index)
        if found is None:
            found = self._made[index] = frozenset(self._seq[index])
        return found

    def __len__(self) -> int:
        return len(self._seq)


class _Weights:
    """Inverse document frequency of each word id over both drafts' paragraphs."""

    def __init__(self, old: _Side, new: _Side, vocabulary: dict[str, int]) -> None:
        # in how many paragraphs each word id stands, counted by numpy
        rows = (*old.seq, *new.seq)
        codes = np.fromiter(itertools.chain.from_iterable(map(set, rows)), dtype=np.int64)
        counts = np.bincount(codes, minlength=len(vocabulary))
        total = len(rows)
        self.idf = np.log1p(total / np.maximum(counts, 1)).tolist()
        self.numeric = frozenset(
            code
            for code, token in enumerate(vocabulary)
            if not token.isalpha() and any(ch.isdigit() for ch in token)  # isalpha first: in C, and most words
        )
        self._cache: dict[frozenset[int], float] = {}

    def mass(self, codes: frozenset[int]) -> float:
        found = self._cache.get(codes)
        if found is None:
            found = self._cache[codes] = sum(self.idf[c] for c in codes)
        return found

    def overlap(self, a: frozenset[int], b: frozenset[int]) -> float:
        """Weighted Dice of two token sets: rare shared words count most."""
        total = self.mass(a) + self.mass(b)
        if not total:
            return 0.0
        return 2 * sum(self.idf[c] for c in a & b) / total

    def citations(self, a: frozenset[int], b: frozenset[int]) -> str:
        """How two paragraphs' numbers and citations compare: "same" (none
        replaced), "template" (one replaced by another, "18(h)" by "18(a)",
        while the words are nearly the same: two paragraphs cut from one
        template) or "replaced" (a number replaced among other edits)."""
        numbers_a, numbers_b = a & self.numeric, b & self.numeric
        if not (numbers_a - numbers_b and numbers_b - numbers_a):
            return "same"
        words_a, words_b = a - numbers_a, b - numbers_b
        union = len(words_a | words_b)
        return "template" if union and len(words_a & words_b) >= 0.8 * union else "replaced"


class _Pairs:
    """The pairs found so far, and where they say an unmatched paragraph belongs."""

    def __init__(self, old_count: int, new_count: int) -> None:
        self.by_old: dict[int, tuple[int, float]] = {}
        self.old_free = set(range(old_count))
        self.new_free = set(range(new_count))
        self.new_count = new_count
        self._frame: tuple[list[int], list[int]] | None = None
        self._expected: dict[int, float] = {}  # until the next refresh

    def add(self, i: int, j: int, sim: float) -> None:
        self.by_old[i] = (j, sim)
        self.old_free.discard(i)
        self.new_free.discard(j)

    def refresh(self) -> None:
        """Read positions against the pairs found so far (once a pass, as the
        frame costs a sort and a longest increasing subsequence)."""
        self._frame = None
        self._expected.clear()

    def neighbours_agree(self, i: int, j: int) -> bool:
        """The paragraph before or after ``i`` is matched to the one before
        or after ``j``."""
        before = self.by_old.get(i - 1)
        after = self.by_old.get(i + 1)
        return (before is not None and before[0] == j - 1) or (after is not None and after[0] == j + 1)

    def in_place(self, i: int, j: int, old_count: int) -> bool:
        """Every neighbour of ``i`` is matched to the same neighbour of ``j``:
        the paragraph was edited where it stood."""
        for step in (-1, 1):
            if 0 <= i + step < old_count:
                partner = self.by_old.get(i + step)
                if partner is None or partner[0] != j + step:
                    return False
        return True

    def free(self, i: int, j: int) -> bool:
        return i in self.old_free and j in self.new_free

    def frame(self) -> tuple[list[int], list[int]]:
        """The matched pairs that keep their order, sorted: the skeleton that
        positions are read against."""
        if self._frame is None:
            items = sorted((i, j) for i, (j, _) in self.by_old.items())
            keep = _lis([j for _, j in items])
            kept = [items[k] for k in sorted(keep)]
            self._frame = ([i for i, _ in kept], [j for _, j in kept])
        return self._frame

    def expected(self, i: int, old_count: int) -> float:
        """Where old paragraph ``i`` would stand in the new draft, interpolated
        between the matched paragraphs around it."""
        found = self._expected.get(i)
        if found is None:
            found = self._expected[i] = self._interpolate(i, old_count)
        return found

    def _interpolate(self, i: int, old_count: int) -> float:
        olds, news = self.frame()
        k = bisect.bisect_left(olds, i)
        if k < len(olds) and olds[k] == i:
            return float(news[k])
        lo = (olds[k - 1], news[k - 1]) if k else (-1, -1)
        hi = (olds[k], news[k]) if k < len(olds) else (old_count, self.new_count)
        span = hi[0] - lo[0]
        return lo[1] + (i - lo[0]) * (hi[1] - lo[1]) / span if span else float(lo[1])

    def offsets(self, i: int, old_count: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """Where ``i`` would stand if it kept its distance from the matched
        paragraph before it, and from the one after it: (place, distance)
        for each."""
        olds, news = self.frame()
        k = bisect.bisect_left(olds, i)
        before = (olds[k - 1], news[k - 1]) if k else (-1, -1)
        after = (olds[k], news[k]) if k < len(olds) else (old_count, self.new_count)
        return (before[1] + (i - before[0]), i - before[0]), (after[1] - (after[0] - i), after[0] - i)

    def slot(self, i: int) -> tuple[int, int]:
        """The new indices of the matched paragraphs just before and after ``i``."""
        olds, news = self.frame()
        k = bisect.bisect_left(olds, i)
        before = news[k - 1] if k else -1
        after = news[k] if k < len(olds) else self.new_count
        return before, after


def align(old: Draft, new: Draft) -> Alignment:
    # word -> id; a word not seen yet gets the next id, assigned in C by map()
    vocabulary: collections.defaultdict[str, int] = collections.defaultdict()
    vocabulary.default_factory = vocabulary.__len__
    a, b = _Side(old, vocabulary), _Side(new, vocabulary)
    # every word has its id now; the factory bound to the dict was a cycle
    # that only the collector could free
    vocabulary.default_factory = None
    weights = _Weights(a, b, vocabulary)
    pairs = _Pairs(len(a.seq), len(b.seq))

    groups = _identical_groups(a, b)
    # 1. anchors: long text found once on each side
    for olds, news in groups:
        if len(olds) == 1 and len(news) == 1 and not a.short(olds[0]):
            pairs.add(olds[0], news[0], 1.0)
    # 2. repeated long text, in order, nearest to where the anchors put it
    pairs.refresh()
    for olds, news in groups:
        if (len(olds) > 1 or len(news) > 1) and not a.short(olds[0]):
            _pair_in_order(olds, news, pairs, len(a.seq), reach=len(b.seq))
    # 3. similarity; a weak pair must be where its neighbours put it
    pairs.refresh()
    weak: list[tuple[float, int, int, float]] = []
    evidence: list[str] = []
    # short lines found on both sides wait for step 4, where they are paired in order
    held_old = {i for olds, _ in groups if a.short(olds[0]) for i in olds}
    held_new = {j for olds, news in groups if a.short(olds[0]) for j in news}
    for family in ("text", "heading"):
        olds = sorted(i for i in pairs.old_free - held_old if a.family[i] == family)
        news = sorted(j for j in pairs.new_free - held_new if b.family[j] == family)
        if not olds or not news:
            continue
        candidates = list(_scored_candidates(a, b, olds, news, weights, pairs))
        needs = [_evidence_needed(a, b, i, j, weights) for _, i, j, _ in candidates]
        _take_greedily(candidates, pairs, len(a.seq), needs=needs)
        for candidate, need in zip(candidates, needs, strict=True):
            if need:
                weak.append(candidate)
                evidence.append(need)
    # 4. short text, then the weak pairs left, against all the pairs so far
    # (lines found once first: a heading places the rows repeated under it)
    for single in (True, False):
        pairs.refresh()
        for olds, news in groups:
            if a.short(olds[0]) and (len(olds) == len(news) == 1) == single:
                _pair_in_order(olds, news, pairs, len(a.seq), reach=SLOT)
                if single and pairs.free(olds[0], news[0]):
                    # A heading found once in each draft is the same heading
                    # however far its section went; another short line must
                    # keep the order of the pairs around it.
                    weak.append((2.0, olds[0], news[0], 1.0))
                    evidence.append("" if a.family[olds[0]] == "heading" else "in order")
                    continue
                # a heading that moved with its section keeps its neighbours
                moved = list(itertools.islice(((2.0, i, j, 1.0) for i in olds for j in news if pairs.free(i, j)), 16))
                weak += moved
                evidence += ["neighbours"] * len(moved)
    pairs.refresh()
    _take_greedily(weak, pairs, len(a.seq), needs=evidence, sections=_Sections(a, b))

    # 5. rewrites left between pairs that keep their order
    units = _paired_units(a, b, pairs)  # articles and sections paired as units, by the pairs so far
    released = release_look_alikes(a, b, pairs, units)  # a look-alike in another standing article is no successor
    chance = _chance(a, b, pairs, weights)
    needed = max(UNIT_EVIDENCE, chance.overlap + MARGIN)
    confidence = relink_in_unit(a, b, pairs, weights, units, released, needed)
    confidence.update(_between_anchors(a, b, pairs, weights, units, chance))
    # 6. splits and merges around matched pairs
    matches = [Match([i], [j], sim, confidence=confidence.get(i, 1.0)) for i, (j, sim) in sorted(pairs.by_old.items())]
    for match in matches:
        _grow(match, a, b, pairs.old_free, pairs.new_free)
    # 7. what one paragraph lent to others of its unit: options made of it, pieces of it
    matches += _contained(a, b, pairs, weights, matches, units, chance)
    pieces_between(a, b, pairs, weights, matches, chance, MARGIN)  # what sits between pieces of one paragraph
    items_of_a_split(a, b, pairs, weights, matches)  # a paragraph made into a list: its other items
    matches += offered_again(
        a, b, pairs, weights, matches, units, chance, MARGIN, _new_match, GAP_CELLS
    )  # reworded again in its article
    # 8. a new text drawn from an old paragraph anywhere in the draft: an option or a variant moved
    matches += _drawn_from_anywhere(a, b, pairs, weights, matches, chance)

    _mark_moves(matches)
    return Alignment(matches=matches, deleted=sorted(pairs.old_free), added=sorted(pairs.new_free))


def _between_anchors(
    a: _Side, b: _Side, pairs: _Pairs, weights: _Weights, units: dict[str, str], chance: _Chance
) -> dict[int, float]:
    """Pass 5: link what is left by rare shared words, where little evidence is
    enough because the place is known: between two in-order pairs, the
    unmatched old and new paragraphs of the gap; then, in each article or
    section paired with its successor as a unit, its unmatched paragraphs and
    the successor's. Best first, keeping their order within the gap or unit.
    Returns each weak link's confidence by old index."""
    pairs.refresh()
    olds, news = pairs.frame()
    bounds = [(-1, -1), *zip(olds, news, strict=True), (len(a.seq), len(b.seq))]
    confidence: dict[int, float] = {}
    for (i1, j1), (i2, j2) in itertools.pairwise(bounds):
        if i2 - i1 >= 2 and j2 - j1 >= 2:
            _link_by_evidence(
                a,
                b,
                pairs,
                weights,
                range(i1 + 1, i2),
                range(j1 + 1, j2),
                confidence,
                needed=max(GAP_EVIDENCE, chance.overlap + MARGIN),
            )
    if units:
        old_members: dict[str, list[int]] = collections.defaultdict(list)
        new_members: dict[str, list[int]] = collections.defaultdict(list)
        for i in sorted(pairs.old_free):
            if a.units[i] in units:
                old_members[a.units[i]].append(i)
        wanted = set(units.values())
        for j in sorted(pairs.new_free):
            if b.units[j] in wanted:
                new_members[b.units[j]].append(j)
        for old_unit, members in old_members.items():
            news = new_members.get(units[old_unit], [])
            needed = max(UNIT_EVIDENCE, chance.overlap + MARGIN)
            _link_by_evidence(a, b, pairs, weights, members, news, confidence, needed=needed)
    return confidence


CONTAINED = 0.5  # share of a paragraph's rare-word mass found in the one it came from


def _contained(
    a: _Side,
    b: _Side,
    pairs: _Pairs,
    weights: _Weights,
    matches: list[Match],
    units: dict[str, str],
    chance: _Chance,
) -> list[Match]:
    """Pass 7 (see the module's notes): grows ``matches`` in place, returns the new ones."""
    if not units or not (pairs.old_free or pairs.new_free):
        return []
    contained_enough = max(CONTAINED, chance.containment + MARGIN)
    # only the units with a paragraph left over on either side
    open_new = {b.units[j] for j in pairs.new_free}
    open_old = {a.units[i] for i in pairs.old_free}
    units = {old: new for old, new in units.items() if old in open_old or new in open_new}
    if not units:
        return []
    old_members: dict[str, list[int]] = collections.defaultdict(list)
    new_members: dict[str, list[int]] = collections.defaultdict(list)
    for i, unit in enumerate(a.units):
        if unit in units and a.family[i] == "text" and not a.short(i):
            old_members[unit].append(i)
    wanted = set(units.values())
    for j, unit in enumerate(b.units):
        if unit in wanted and b.family[j] == "text" and not b.short(j):
            new_members[unit].append(j)
    by_old = {i: m for m in matches for i in m.old}
    by_new = {j: m for m in matches for j in m.new}
    made: list[Match] = []

    def contained(part: frozenset[int], whole: frozenset[int]) -> float:
        return _containment(weights, part, whole)

    for old_unit, olds in old_members.items():
        news = new_members.get(units[old_unit], [])
        free_news = [j for j in news if j in pairs.new_free]
        if not news or len(olds) * (len(free_news) + 1) > GAP_CELLS:
            continue
        in_old_unit = frozenset().union(*(a.sets[i] for i in olds))
        for j in free_news:
            # most of its rare-word mass must come from its source: that source holds one of its rarest
            # words the old unit has at all (a word coined in the new draft, "NDMC/NDMCC", is no clue)
            rarest = frozenset(heapq.nlargest(3, b.sets[j] & in_old_unit, key=weights.idf.__getitem__))
            sources = [i for i in olds if not rarest.isdisjoint(a.seq[i])]  # the list: no set made for each
            if not sources:
                continue
            score, i = max((contained(b.sets[j], a.sets[i]), i) for i in sources)
            if score < contained_enough or weights.overlap(a.sets[i], b.sets[j]) < GAP_EVIDENCE:
                continue
            by_new[j] = _join_new(i, j, score, pairs, by_old, made)
        for i in [i for i in olds if i in pairs.old_free]:
            rarest = frozenset(heapq.nlargest(3, a.sets[i], key=weights.idf.__getitem__))
            targets = [j for j in news if not rarest.isdisjoint(b.seq[j])]
            if not targets:
                continue
            score, j = max((contained(a.sets[i], b.sets[j]), j) for j in targets)
            if score < contained_enough or weights.overlap(a.sets[i], b.sets[j]) < GAP_EVIDENCE or j not in by_new:
                continue
            pairs.old_free.discard(i)
            match = by_new[j]
            match.old = sorted([*match.old, i])
            match.confidence = round(min(match.confidence, score, 0.99), 2)
            by_old[i] = match
    _options_of_linked(a, b, pairs, weights, by_old, by_new, chance)
    for match in made:
        match.similarity = _similarity(a.seq[match.old[0]], [w for j in match.new for w in b.seq[j]])
    return made


def _new_match(i: int) -> Match:
    """A change for old paragraph ``i``, its new paragraphs still to come."""
    return Match([i], [], 0.0)


def _join_new(i: int, j: int, score: float, pairs: _Pairs, by_old: dict[int, Match], made: list[Match]) -> Match:
    """New paragraph ``j`` joins old paragraph ``i``'s change (made now if ``i`` had none) as a weak link."""
    pairs.new_free.discard(j)
    match = by_old.get(i)
    if match is None:
        pairs.old_free.discard(i)
        match = by_old[i] = Match([i], [], 0.0)
        made.append(match)
    match.new = sorted([*match.new, j])
    match.confidence = round(min(match.confidence, score, 0.99), 2)
    return match


def _containment(weights: _Weights, part: frozenset[int], whole: frozenset[int]) -> float:
    """The share of ``part``'s rare-word mass that ``whole`` holds."""
    shared = part & whole
    if not shared:
        return 0.0
    mass = weights.mass(part)
    return sum(weights.idf[c] for c in shared) / mass if mass else 0.0


OPTION_EVIDENCE = 0.2  # an option of a linked paragraph needs only a little of its words


def _options_of_linked(
    a: _Side,
    b: _Side,
    pairs: _Pairs,
    weights: _Weights,
    by_old: dict[int, Match],
    by_new: dict[int, Match],
    chance: _Chance,
) -> None:
    """Options offered for a paragraph are proposals for that provision: a
    paragraph and its options ("3.1", which holds option 1, "3.1.Opt2" …) are
    one group, and a member left unmatched joins the change of a member that
    was linked when it shares some of its partner's rare words; an old option
    joins the change of its group's successor only when its words went there."""
    # an old option dropped for another one often shares words with the one kept:
    # it counts as drawn on only with the evidence any rewrite needs
    for side, other, free, by_self, needed in (
        (b, a, pairs.new_free, by_new, max(OPTION_EVIDENCE, chance.overlap + MARGIN)),
        (a, b, pairs.old_free, by_old, max(GAP_EVIDENCE, chance.overlap + MARGIN)),
    ):
        groups: dict[str, list[int]] = collections.defaultdict(list)
        for k, para in enumerate(side.paragraphs):
            base = option_group(para.id, items=True)
            if base is not None:
                groups[base].append(k)
        if not groups:
            continue
        index_of = {p.id: k for k, p in enumerate(side.paragraphs) if p.id in groups}
        for base, members in groups.items():
            if base in index_of:
                members.insert(0, index_of[base])
            linked = [by_self[k] for k in members if k in by_self]
            if not linked:
                continue
            for k in members:
                if k not in free or side.family[k] != "text" or side.short(k):
                    continue
                partners = sorted({x for match in linked for x in (match.old if side is b else match.new)})
                evidence, best = max((weights.overlap(other.sets[x], side.sets[k]), x) for x in partners)
                if evidence < needed:
                    continue
                match = next(m for m in linked if best in (m.old if side is b else m.new))
                mine = match.old if side is b else match.new
                if side is a:
                    # a dropped option keeps words of its own; one drawn on lent them: what
                    # sets it apart from its sibling options must stand in the new text
                    own = a.sets[k] - frozenset().union(*(a.sets[x] for x in members if x != k))
                    if not own or _containment(weights, own, frozenset().union(*(b.sets[x] for x in mine))) < CONTAINED:
                        continue
                free.discard(k)
                if side is b:
                    match.new = sorted([*match.new, k])
                else:
                    match.old = sorted([*match.old, k])
                by_self[k] = match
                match.confidence = round(min(match.confidence, evidence, 0.99), 2)


DRAWN = 0.6  # share of a new paragraph's rare-word mass found in one old paragraph anywhere
DRAWN_EVIDENCE = 0.35  # and the two paragraphs' weighted overlap
RARE_POSTINGS = 8  # a word standing in more old paragraphs than this finds no candidates


def _drawn_from_anywhere(
    a: _Side, b: _Side, pairs: _Pairs, weights: _Weights, matches: list[Match], chance: _Chance
) -> list[Match]:
    """Pass 8: a new paragraph still unmatched whose rare words mostly come from one old
    paragraph, wherever the two stand (an article's text offered again as an option of
    another, a variant of a paragraph kept elsewhere), joins that paragraph's change. The
    bar is higher than inside a paired unit. Candidates come from the rare words both
    share, found through an index: the work is linear in the paragraphs."""
    free = [j for j in sorted(pairs.new_free) if b.family[j] == "text" and not b.short(j)]
    if not free:
        return []
    # rare words only: a word past RARE_POSTINGS paragraphs is dropped, so the index stays small
    postings: dict[int, list[int]] = {}
    common: set[int] = set()
    for i, sequence in enumerate(a.seq):
        if a.family[i] != "text" or a.short(i):
            continue
        for word in set(sequence) - common:  # the list, not a.sets: those sets are made only when asked for
            found = postings.setdefault(word, [])
            found.append(i)
            if len(found) > RARE_POSTINGS:
                common.add(word)
                del postings[word]
    drawn_enough = max(DRAWN, chance.containment + 2 * MARGIN)
    evidence_needed = max(DRAWN_EVIDENCE, chance.overlap + 2 * MARGIN)
    by_old = {i: m for m in matches for i in m.old}
    made: list[Match] = []
    for j in free:
        shared: collections.Counter[int] = collections.Counter()
        for word in b.sets[j]:
            olds = postings.get(word)
            if olds:
                shared.update(olds)
        candidates = [i for i, n in shared.most_common(CANDIDATES) if n >= 2]
        if not candidates:
            continue
        score, i = max((_containment(weights, b.sets[j], a.sets[i]), i) for i in candidates)
        if score < drawn_enough or weights.overlap(a.sets[i], b.sets[j]) < evidence_needed:
            continue
        _join_new(i, j, score, pairs, by_old, made)
    for match in made:
        match.similarity = _similarity(a.seq[match.old[0]], [w for j in match.new for w in b.seq[j]])
    return made


def _paired_units(a: _Side, b: _Side, pairs: _Pairs) -> dict[str, str]:
    """Old unit -> new unit (articles, sections), from where the pairs so far went."""

    votes: collections.Counter[tuple[SectionKey, SectionKey]] = collections.Counter()
    for i, (j, _) in pairs.by_old.items():
        old_section, new_section = a.units[i], b.units[j]
        if old_section and new_section:
            votes[(old_section, new_section)] += 2 if a.family[i] == b.family[j] == "heading" else 1
    if not votes:
        return {}
    old_sizes = collections.Counter(unit for unit in a.units if unit)
    new_sizes = collections.Counter(unit for unit in b.units if unit)
    return pair_units(votes, old_sizes, new_sizes)


def _link_by_evidence(
    a: _Side,
    b: _Side,
    pairs: _Pairs,
    weights: _Weights,
    old_range: Iterable[int],
    new_range: Iterable[int],
    confidence: dict[int, float],
    *,
    needed: float = GAP_EVIDENCE,
) -> None:
    gap_old = [i for i in old_range if i in pairs.old_free and a.family[i] == "text" and not a.short(i)]
    gap_new = [j for j in new_range if j in pairs.new_free and b.family[j] == "text" and not b.short(j)]
    if not gap_old or not gap_new or len(gap_old) * len(gap_new) > GAP_CELLS:
        return
    candidates = []
    for i in gap_old:
        for j in gap_new:
            evidence = weights.overlap(a.sets[i], b.sets[j])
            if evidence >= needed:
                candidates.append((evidence, i, j))
    taken: list[tuple[int, int]] = []
    for evidence, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if not pairs.free(i, j) or any((i - x) * (j - y) < 0 for x, y in taken):
            continue
        pairs.add(i, j, _similarity(a.seq[i], b.seq[j]))
        taken.append((i, j))
        confidence[i] = round(min(evidence, 0.99), 2)


CHANCE_SAMPLE = 200  # pairs of unrelated paragraphs that tell what words two paragraphs share by chance


@dataclass(slots=True)
class _Chance:
    """How much two unrelated paragraphs of these drafts share, by chance (the
    95th percentile over paragraphs paired with another one's partner): little
    in real drafts, whose rare words are rare, much in a text of few words."""

    overlap: float
    containment: float


def _chance(a: _Side, b: _Side, pairs: _Pairs, weights: _Weights) -> _Chance:
    items = sorted((i, j) for i, (j, _) in pairs.by_old.items() if a.family[i] == "text" and not a.short(i))
    if len(items) < 20:
        return _Chance(0.0, 0.0)
    half, step = len(items) // 2, max(1, len(items) // CHANCE_SAMPLE)
    overlaps, containments = [], []
    for k in range(0, len(items), step):
        i, j = items[k][0], items[(k + half) % len(items)][1]
        overlaps.append(weights.overlap(a.sets[i], b.sets[j]))
        containments.append(_containment(weights, b.sets[j], a.sets[i]))
    overlaps.sort()
    containments.sort()
    top = int(0.95 * (len(overlaps) - 1))
    return _Chance(overlaps[top], containments[top])


class _Sections:
    """Which old section's paragraphs went to which new section: evidence
    that a section heading moved with its section."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.a, self.b = a, b
        self._links: set[tuple[str, str]] | None = None

    def support(self, i: int, j: int, pairs: _Pairs) -> bool:
        a, b = self.a, self.b
        if a.family[i] != "heading" or b.family[j] != "heading":
            return False
        if self._links is None:
            self._links = {
                (a.paragraphs[x].section, b.paragraphs[y].section)
                for x, (y, _) in pairs.by_old.items()
                if a.family[x] == "text" and a.paragraphs[x].section
            }
        return (a.paragraphs[i].section, b.paragraphs[j].section) in self._links


def _identical_groups(a: _Side, b: _Side) -> list[tuple[list[int], list[int]]]:
    """Paragraphs of the same family and normalised text, on both sides."""
    old_by_text: dict[tuple[str, str], list[int]] = {}
    for i, text in enumerate(a.norm):
        if text:
            old_by_text.setdefault((a.family[i], text), []).append(i)
    new_by_text: dict[tuple[str, str], list[int]] = {}
    for j, text in enumerate(b.norm):
        if text:
            new_by_text.setdefault((b.family[j], text), []).append(j)
    return [(olds, new_by_text[key]) for key, olds in old_by_text.items() if key in new_by_text]


def _pair_in_order(olds: list[int], news: list[int], pairs: _Pairs, old_count: int, *, reach: float) -> None:
    """Pair copies of one text in order, each nearest to its expected place.

    An order-preserving assignment (edit-distance style) that costs the
    distance from where the pairs so far put each old copy; leaving a copy
    unpaired costs ``reach``, so nothing is paired further than twice that.
    """
    olds = [i for i in olds if i in pairs.old_free]
    news = [j for j in news if j in pairs.new_free]
    if not olds or not news:
        return
    places = [pairs.offsets(i, old_count) for i in olds]

    def distance(x: int, j: int) -> float:
        # the nearer neighbour breaks ties: a row stays under its own heading
        return min(abs(j - place) + 0.01 * far for place, far in places[x])

    n, m = len(olds), len(news)
    if n * m > REPEAT_DP_LIMIT:
        # Too many copies to weigh every pairing: walk both lists in order.
        k = 0
        for index, i in enumerate(olds):
            while k + 1 < m and distance(index, news[k + 1]) <= distance(index, news[k]):
                k += 1
            if k < m and distance(index, news[k]) < 2 * reach:
                pairs.add(i, news[k], 1.0)
                k += 1
        return
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step = [[0] * (m + 1) for _ in range(n + 1)]  # 1 pair, 2 skip old, 3 skip new
    cost[0][0] = 0.0
    for x in range(n + 1):
        row = cost[x]
        for y in range(m + 1):
            here = row[y]
            if here == inf:
                continue
            if x < n and y < m:
                value = here + distance(x, news[y])
                if value < cost[x + 1][y + 1]:
                    cost[x + 1][y + 1], step[x + 1][y + 1] = value, 1
            if x < n and here + reach < cost[x + 1][y]:
                cost[x + 1][y], step[x + 1][y] = here + reach, 2
            if y < m and here + reach < row[y + 1]:
                row[y + 1], step[x][y + 1] = here + reach, 3
    x, y = n, m
    chosen = []
    while x or y:
        move = step[x][y]
        if move == 1:
            x, y = x - 1, y - 1
            chosen.append((olds[x], news[y]))
        elif move == 2:
            x -= 1
        else:
            y -= 1
    for i, j in chosen:
        pairs.add(i, j, 1.0)


def _evidence_needed(a: _Side, b: _Side, i: int, j: int, weights: _Weights) -> str:
    """What a candidate pair needs besides its score: "" (nothing), "in place"
    when a citation was replaced in an otherwise equal paragraph (18(h) ->
    18(a) is another paragraph unless it sits exactly where the old one
    stood), "neighbours" when it is short, "in order" when a number changed
    among other edits (it must keep the order of the pairs around it)."""
    citations = weights.citations(a.sets[i], b.sets[j])
    if citations == "template":
        return "in place"
    if a.short(i) or b.short(j):
        return "neighbours"
    if citations == "replaced":
        return "in order"
    return ""


def _take_greedily(
    candidates: list[tuple[float, int, int, float]],
    pairs: _Pairs,
    old_count: int,
    *,
    needs: list[str],
    sections: _Sections | None = None,
) -> None:
    """Best score first; among equals the pair nearer its expected place.

    A pair that needs "neighbours" is taken only where they put it: next to
    the partner of a matched neighbour, or between the partners of the
    matched paragraphs around it when that gap is small or the pair is right
    where expected. One that needs "in place" must have every neighbour
    matched to the same neighbour; one that needs "in order" (a line found
    once in each draft) must keep the order of the pairs around it, or be a
    heading whose section's paragraphs went to its partner's section.
    """
    order = sorted(
        range(len(candidates)),
        key=lambda k: (
            -candidates[k][0],
            abs(candidates[k][2] - pairs.expected(candidates[k][1], old_count)),
            candidates[k][1],
            candidates[k][2],
        ),
    )
    for k in order:
        _score, i, j, sim = candidates[k]
        if not pairs.free(i, j):
            continue
        if needs[k] == "in place" and not pairs.in_place(i, j, old_count):
            continue
        if needs[k] == "in order":
            before, after = pairs.slot(i)
            if not before < j < after and not (sections and sections.support(i, j, pairs)):
                continue
        if needs[k] == "neighbours" and not pairs.neighbours_agree(i, j):
            before, after = pairs.slot(i)
            if not before < j < after:
                continue
            if after - before - 1 > SLOT and abs(j - pairs.expected(i, old_count)) > 2:
                continue
        pairs.add(i, j, sim)


def _scored_candidates(
    a: _Side, b: _Side, olds: list[int], news: list[int], weights: _Weights, pairs: _Pairs
) -> Iterable[tuple[float, int, int, float]]:
    """(score, old index, new index, similarity) for plausible pairs. A pair
    right where the anchors put it gets a small bonus: among paragraphs cut
    from one pattern, the one that stayed in place is the likelier partner."""
    old_count = len(a.seq)
    queries = [a.seq[i] for i in olds]
    choices = [b.seq[j] for j in news]
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
    for first, last, lo, hi in blocks:
        matrix = cdist(
            queries[first:last],
            choices[lo:hi],
            scorer=Indel.normalized_similarity,
            score_cutoff=0.4,
            dtype=np.float32,
            workers=-1,
        )
        if matrix.shape[1] > CANDIDATES:
            # Keep each old paragraph's best few partners, exactly that many:
            # copies of one text ("Chapter 3" headings with no title, all
            # equal) must not make the candidates grow with the square of the
            # draft. Among equals, the nearest to the anchors' place is kept.
            places = np.array([pairs.expected(i, old_count) for i in olds[first:last]])
            distance = np.abs(np.arange(lo, hi)[None, :] - np.searchsorted(news, places)[:, None])
            ranked = matrix - distance * (1e-4 / (len(news) + 1))
            best = np.argpartition(-ranked, CANDIDATES - 1, axis=1)[:, :CANDIDATES]
            kept = np.zeros(matrix.shape, dtype=bool)
            np.put_along_axis(kept, best, True, axis=1)
            matrix = np.where(kept, matrix, 0)
        rows, cols = np.nonzero(matrix >= 0.4)
        for r, k in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = olds[first + r], news[lo + k]
            sim = float(matrix[r, k])
            bonus = 0.0
            old_para, new_para = a.paragraphs[i], b.paragraphs[j]
            if old_para.section and _same_words(old_para.section, new_para.section):
                bonus += 0.04
            off = abs(j - pairs.expected(i, old_count))
            if off <= 1:
                bonus += 0.06
            elif off <= 3:
                bonus += 0.03
            # Ranked by the mix, accepted on either: weighting orders the
            # candidates, it does not lose a rewritten paragraph.
            score = (sim + weights.overlap(a.sets[i], b.sets[j])) / 2 + bonus
            if max(score, sim + bonus) >= MATCH_THRESHOLD:
                yield (score, i, j, sim)


@functools.lru_cache(maxsize=4096)
def _section_key(section: str) -> tuple[str, ...]:
    return tuple(tokens(section))


def _same_words(x: str, y: str) -> bool:
    return _section_key(x) == _section_key(y)


def _similarity(a: list[int], b: list[int]) -> float:
    return Indel.normalized_similarity(a, b)


def _grow(match: Match, a: _Side, b: _Side, old_free: set[int], new_free: set[int]) -> None:
    """Extend a pair to a split (one old -> several new) or merge (several old -> one new)."""
    for _ in range(4):
        # most pairs have no unmatched neighbour to grow by: decided before any word is copied
        new_neighbours = (
            [j for j in (match.new[0] - 1, match.new[-1] + 1) if j in new_free and b.family[j] == "text"]
            if len(match.old) == 1
            else []
        )
        old_neighbours = (
            [i for i in (match.old[0] - 1, match.old[-1] + 1) if i in old_free and a.family[i] == "text"]
            if len(match.new) == 1
            else []
        )
        if not new_neighbours and not old_neighbours:
            return
        best = None
        current = match.similarity
        old_text = [w for i in match.old for w in a.seq[i]]
        new_text = [w for j in match.new for w in b.seq[j]]
        for j in new_neighbours:
            merged = [w for k in sorted([*match.new, j]) for w in b.seq[k]]
            sim = _similarity(old_text, merged)
            if sim > current + SPLIT_GAIN and _covers(old_text, b.seq[j]) and (best is None or sim > best[0]):
                best = (sim, "new", j)
        for i in old_neighbours:
            merged = [w for k in sorted([*match.old, i]) for w in a.seq[k]]
            sim = _similarity(merged, new_text)
            if sim > current + SPLIT_GAIN and _covers(new_text, a.seq[i]) and (best is None or sim > best[0]):
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
