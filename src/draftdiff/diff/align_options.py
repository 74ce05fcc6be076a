"""Alignment passes for drafts rebuilt as options around the old paragraphs.

A later draft is often made by parties re-inserting their proposals as
options under each paragraph of the text before it: the old paragraph's
successor is surrounded by alternatives and pieces of it, and an article's
paragraphs stay in that article. Two conventions a reader applies follow:

- an article (or section) that stands in both drafts keeps its provisions:
  a paragraph linked into another article that also stands in both drafts
  is a provision moved only when its words came along (nearly the same
  text); a look-alike made of the same boilerplate ("… shall serve this
  Agreement") is not its successor, and is released for the passes that
  look inside its own article;
- what sits between the pieces of one paragraph is of that paragraph: a new
  paragraph left unmatched between two new paragraphs that both came from
  one old paragraph (its option block, its split pieces), next to one of
  them, is another piece of it, when it shares more of its rare words than
  unrelated paragraphs do;
- a paragraph made into a list (its text in a new stem and one of its
  items) lent the items between the two to that list as well;
- inside an article paired with its successor, a new paragraph that shares
  much of its rare words with one old paragraph of it, and less with any
  other, is that paragraph offered again, reworded (an option, a piece).

All are called from ``align.align`` (see the pass list there); they work
on its private structures, passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from rapidfuzz.distance import Indel

from ..document.model import Paragraph
from ..document.options import option_group

# The aligner's structures, as this module uses them (align.py imports this
# module, so it names them by what they offer, not by import).


class _Sets(Protocol):
    def __getitem__(self, index: int, /) -> frozenset[int]: ...


class _Side(Protocol):
    @property
    def paragraphs(self) -> list[Paragraph]: ...
    @property
    def seq(self) -> list[list[int]]: ...
    @property
    def sets(self) -> _Sets: ...
    @property
    def family(self) -> list[str]: ...
    @property
    def units(self) -> list[str]: ...
    def short(self, index: int) -> bool: ...


class _Pairs(Protocol):
    by_old: dict[int, tuple[int, float]]
    old_free: set[int]
    new_free: set[int]

    def refresh(self) -> None: ...
    def free(self, i: int, j: int) -> bool: ...
    def add(self, i: int, j: int, sim: float) -> None: ...


class _Weights(Protocol):
    idf: list[float]

    def overlap(self, a: frozenset[int], b: frozenset[int]) -> float: ...
    def mass(self, codes: frozenset[int]) -> float: ...


class _Chance(Protocol):
    @property
    def overlap(self) -> float: ...
    @property
    def containment(self) -> float: ...


class _Match(Protocol):
    old: list[int]
    new: list[int]
    similarity: float
    confidence: float


Match = TypeVar("Match", bound=_Match)


MOVED_SIMILARITY = 0.75  # word-sequence similarity a paragraph moved between two standing articles keeps


def release_look_alikes(a: _Side, b: _Side, pairs: _Pairs, units: dict[str, str]) -> list[int]:
    """Unpair text linked from one standing article into another standing
    article when the two are not nearly the same words; returns the old
    paragraphs released."""
    standing_new = set(units.values())
    released = []
    for i, (j, similarity) in list(pairs.by_old.items()):
        old_unit, new_unit = a.units[i], b.units[j]
        if (
            similarity < MOVED_SIMILARITY
            and a.family[i] == "text"
            and old_unit in units
            and units[old_unit] != new_unit
            and new_unit in standing_new
        ):
            del pairs.by_old[i]
            pairs.old_free.add(i)
            pairs.new_free.add(j)
            released.append(i)
    pairs.refresh()
    return released


def relink_in_unit(
    a: _Side,
    b: _Side,
    pairs: _Pairs,
    weights: _Weights,
    units: dict[str, str],
    released: list[int],
    needed: float,
) -> dict[int, float]:
    """A released paragraph looks for its successor in its own article's
    successor first: the free paragraph there that shares most of its rare
    words, above ``needed``. Best first; returns each link's confidence."""
    candidates = []
    for i in released:
        target = units[a.units[i]]
        for j in pairs.new_free:
            if b.units[j] == target and b.family[j] == "text" and not b.short(j):
                evidence = weights.overlap(a.sets[i], b.sets[j])
                if evidence >= needed:
                    candidates.append((evidence, i, j))
    confidence: dict[int, float] = {}
    for evidence, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if pairs.free(i, j):
            pairs.add(i, j, Indel.normalized_similarity(a.seq[i], b.seq[j]))
            confidence[i] = round(min(evidence, 0.99), 2)
    pairs.refresh()
    return confidence


def pieces_between(
    a: _Side, b: _Side, pairs: _Pairs, weights: _Weights, matches: list[Match], chance: _Chance, margin: float
) -> None:
    """A new paragraph left unmatched between two new paragraphs of one
    change from a single old paragraph, in the same unit, joins that change
    (a weak link) when it shares more rare words with the old paragraph than
    unrelated paragraphs do. Grows ``matches`` in place."""
    owner: dict[int, Match] = {j: m for m in matches if len(m.old) == 1 for j in m.new}
    for match in matches:
        if len(match.old) != 1 or len(match.new) < 2:
            continue
        i = match.old[0]
        first, last = match.new[0], match.new[-1]
        unit = b.units[first]
        if b.units[last] != unit:
            continue
        needed = chance.overlap + margin
        joined = []
        for j in range(first + 1, last):
            if j not in pairs.new_free or b.family[j] != "text" or b.short(j) or b.units[j] != unit:
                continue
            # the nearest linked paragraphs on each side must both be this change's
            if (
                _nearest_owner(j, -1, owner, pairs, b) is not match
                or _nearest_owner(j, 1, owner, pairs, b) is not match
                or not (_next_to(j, -1, match, b) or _next_to(j, 1, match, b))
            ):
                continue
            evidence = weights.overlap(a.sets[i], b.sets[j])
            if evidence >= needed:
                joined.append((j, evidence))
        for j, evidence in joined:
            pairs.new_free.discard(j)
            owner[j] = match
            match.new = sorted([*match.new, j])
            match.confidence = round(min(match.confidence, evidence, 0.99), 2)


def _next_to(j: int, step: int, match: Match, b: _Side) -> bool:
    """The first paragraph of text beside ``j`` (past option lines and
    headings) is a piece of ``match``: a piece's neighbour, not a paragraph
    of its own far from every piece."""
    k = j + step
    while 0 <= k < len(b.seq) and (b.family[k] != "text" or b.short(k)):
        k += step
    return k in match.new


def _nearest_owner(j: int, step: int, owner: dict[int, Match], pairs: _Pairs, b: _Side) -> Match | None:
    k = j + step
    while 0 <= k < len(b.seq):
        if k not in pairs.new_free:
            return owner.get(k)
        k += step
    return None


CLEAR_EVIDENCE = 0.4  # weighted overlap that names one old paragraph of the paired article as the source
CLEAR_LEAD = 0.8  # the next best old paragraph may share at most this share of it


def offered_again(
    a: _Side,
    b: _Side,
    pairs: _Pairs,
    weights: _Weights,
    matches: list[Match],
    units: dict[str, str],
    chance: _Chance,
    margin: float,
    new_match: Callable[[int], Match],
    cells: int,
) -> list[Match]:
    """A new paragraph left unmatched inside an article paired with its
    successor, which shares much of its rare words with one old paragraph of
    that article (and less with any other paragraph of the old draft), is
    that paragraph offered again, reworded, as an option or a piece: it joins
    that paragraph's change, even when the paragraph has a successor already.
    Returns the changes made for old paragraphs that had none."""
    if not units or not pairs.new_free:
        return []
    needed = max(CLEAR_EVIDENCE, chance.overlap + 2 * margin)
    old_of = {new: old for old, new in units.items()}
    members: dict[str, list[int]] = {}
    for i, unit in enumerate(a.units):
        if unit in units and a.family[i] == "text" and not a.short(i):
            members.setdefault(unit, []).append(i)
    texts = [i for i in range(len(a.seq)) if a.family[i] == "text" and not a.short(i)]
    free_in: dict[str, int] = {}
    for j in pairs.new_free:
        free_in[b.units[j]] = free_in.get(b.units[j], 0) + 1
    by_old = {i: m for m in matches for i in m.old}
    made: list[Match] = []
    for j in sorted(pairs.new_free):
        source_unit = old_of.get(b.units[j])
        if source_unit is None or b.family[j] != "text" or b.short(j) or source_unit not in members:
            continue
        olds = members[source_unit]
        if len(olds) * free_in[b.units[j]] > cells:  # a bound on the work, as in the other passes
            continue
        scored = sorted(((weights.overlap(a.sets[i], b.sets[j]), i) for i in olds), reverse=True)
        evidence, i = scored[0]
        if evidence < needed or (len(scored) > 1 and scored[1][0] > CLEAR_LEAD * evidence):
            continue
        # and more of its own words come from there than chance puts in any paragraph
        if _containment(weights, b.sets[j], a.sets[i]) < chance.containment + margin:
            continue
        # the best anywhere: a paragraph of another article sharing as much is another source
        if any(
            weights.overlap(a.sets[x], b.sets[j]) > CLEAR_LEAD * evidence for x in texts if a.units[x] != source_unit
        ):
            continue
        pairs.new_free.discard(j)
        match = by_old.get(i)
        if match is None:
            pairs.old_free.discard(i)
            match = by_old[i] = new_match(i)
            made.append(match)
        match.new = sorted([*match.new, j])
        match.confidence = round(min(match.confidence, evidence, 0.99), 2)
    for match in made:
        match.similarity = Indel.normalized_similarity(a.seq[match.old[0]], [w for j in match.new for w in b.seq[j]])
    return made


def items_of_a_split(a: _Side, b: _Side, pairs: _Pairs, weights: _Weights, matches: list[Match]) -> None:
    """An old paragraph with no lettered items of its own, whose text went
    into a new paragraph and into one of that paragraph's items, was made
    into a list: the list's other items left unmatched are pieces of it too
    (weak links): those between the stem and the last item that came from
    it. Grows ``matches`` in place."""
    old_with_items = {_stem(p.id) for p in a.paragraphs} - {None}
    items: dict[str, list[int]] = {}
    for k, para in enumerate(b.paragraphs):
        stem = _stem(para.id)
        if stem is not None:
            items.setdefault(stem, []).append(k)
    if not items:
        return
    for match in matches:
        if len(match.old) != 1 or len(match.new) < 2 or a.paragraphs[match.old[0]].id in old_with_items:
            continue
        i = match.old[0]
        for s in list(match.new):
            members = items.get(b.paragraphs[s].id, [])
            if not any(k in match.new for k in members):
                continue
            last = max(k for k in members if k in match.new)
            for k in members:
                # the items from the stem to the last one taken from the old paragraph
                if k > last or k not in pairs.new_free or b.family[k] != "text":
                    continue
                evidence = weights.overlap(a.sets[i], b.sets[k])
                pairs.new_free.discard(k)
                match.new = sorted([*match.new, k])
                match.confidence = round(max(0.01, min(match.confidence, evidence, 0.99)), 2)


def _stem(paragraph_id: str) -> str | None:
    """The paragraph a lettered item belongs to ("Art7.1(b)" -> "Art7.1"), None for no item."""
    return option_group(paragraph_id, items=True) if paragraph_id.endswith(")") else None


def _containment(weights: _Weights, part: frozenset[int], whole: frozenset[int]) -> float:
    """The share of ``part``'s rare-word mass that ``whole`` holds (as align's pass 7 reads it)."""
    shared = part & whole
    mass = weights.mass(part)
    return sum(weights.idf[c] for c in shared) / mass if shared and mass else 0.0
