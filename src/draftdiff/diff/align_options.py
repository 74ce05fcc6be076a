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
  one old paragraph (its option block, its split pieces) is another piece
  of it, when it shares more of its rare words than unrelated paragraphs
  do.

Both are called from ``align.align`` (see the pass list there); they work
on its private structures, passed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

if TYPE_CHECKING:
    from .align import Match, _Chance, _Pairs, _Side, _Weights

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


def _nearest_owner(j: int, step: int, owner: dict[int, Match], pairs: _Pairs, b: _Side) -> Match | None:
    k = j + step
    while 0 <= k < len(b.seq):
        if k not in pairs.new_free:
            return owner.get(k)
        k += step
    return None
