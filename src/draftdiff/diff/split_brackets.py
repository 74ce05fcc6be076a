"""Bracket alternatives of a split, read piece by piece, as a reader reads them.

When one old paragraph became several new ones, each bracket set of the old
paragraph ("[shall][should][other] reflect the Party's highest ambition")
goes with the pieces that take up the words around it. A piece that keeps the
brackets there leaves the set open; a piece that takes up those words and, in
the set's place, has one alternative and no brackets ("should ensure that its
contribution reflects the Party's highest ambition") resolved it. Read over
all the pieces joined, the set looks open as long as one piece keeps it, and
a word diff of the joined pieces may pair it with the piece that keeps it.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from .. import phrases
from ..document.model import Paragraph

_TOKEN_RE = re.compile(r"\[|\]|[.;:]|[^\W_]+(?:'[^\W_]+)*")
_CONTEXT = 3  # words on each side of a set that a piece must take up, in order (two at least)
_PLACE = 15  # words at most between the taken-up words and the set's place: farther is another clause


class _Word(NamedTuple):
    key: str  # the lemma: "reflect" and "reflects" are the same word taken up
    start: int
    end: int
    depth: int  # brackets around it
    clause: int  # index of the first word of its clause (after ". ; :")


class _Text:
    """The words of one text, and where each run of them stands (asked once per set)."""

    def __init__(self, text: str) -> None:
        words: list[_Word] = []
        depth, clause = 0, 0
        for m in _TOKEN_RE.finditer(text.replace("’", "'")):
            token = m.group()
            if token == "[":
                depth += 1
            elif token == "]":
                depth = max(0, depth - 1)
            elif token in ".;:":
                clause = len(words)
            else:
                words.append(_Word(phrases.lemma(token.lower()), m.start(), m.end(), depth, clause))
        self.words = words
        self.starts = [w.start for w in words]
        self._runs: dict[int, dict[tuple[str, ...], list[int]]] = {}

    def find(self, run: tuple[str, ...]) -> list[int]:
        """Where ``run`` (lemmas, in order) starts among the words."""
        index = self._runs.get(len(run))
        if index is None:
            index = self._runs[len(run)] = {}
            for i in range(len(self.words) - len(run) + 1):
                index.setdefault(tuple(w.key for w in self.words[i : i + len(run)]), []).append(i)
        return index.get(run, [])


@functools.lru_cache(maxsize=64)  # a split's old text and pieces are read once for all its sets
def _text(text: str) -> _Text:
    return _Text(text)


def _keys(text: str) -> tuple[str, ...]:
    return tuple(w.key for w in _Text(text).words)


def _occurs(words: list[_Word], run: tuple[str, ...]) -> int | None:
    """Where ``run`` starts among ``words``, if it does."""
    n = len(run)
    for i in range(len(words) - n + 1):
        if n and all(words[i + k].key == run[k] for k in range(n)):
            return i
    return None


def resolved_in_pieces(old_text: str, group: list, pieces: list[Paragraph]) -> list[dict]:
    """Each set of the alternatives ``group`` (spans of ``old_text``) that a piece resolved
    to one of them, as a resolution ("kept", with ``in`` naming the piece)."""
    out = []
    for chosen in _sets(group):
        item = _resolved(old_text, chosen, pieces)
        if item is not None:
            out.append(item)
    return out


def _sets(group: list) -> list[list]:
    """The choices of a group: "[contribution][commitment] [shall][should]" offers two,
    each written touching, set apart by a space; "[A] [B]" is one."""
    runs = [[group[0]]]
    for span in group[1:]:
        if span.start == runs[-1][-1].end:
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs if len(runs) > 1 and all(len(r) >= 2 for r in runs) else [group]


def _side(words: list[_Word]) -> tuple[str, ...]:
    """The words on one side of a set, when there are enough to recognise (one word stands anywhere)."""
    return tuple(w.key for w in words) if len(words) >= 2 else ()


def _resolved(old_text: str, group: list, pieces: list[Paragraph]) -> dict | None:
    start, end = min(s.start for s in group), max(s.end for s in group)
    old = _text(old_text)
    k = bisect.bisect_left(old.starts, end)
    after = [w for w in old.words[k : k + 4 * _CONTEXT] if not w.depth][:_CONTEXT]
    k = bisect.bisect_left(old.starts, start)
    before = [w for w in old.words[max(0, k - 4 * _CONTEXT) : k] if not w.depth][-_CONTEXT:]
    if not _side(after) and not _side(before):
        return None  # too few words around the set to say which piece took them up
    choices = [_keys(s.text) for s in group]
    for piece in pieces:
        place = _place(_text(piece.text), _side(before), _side(after))
        if place is None:
            continue
        words, tail = place
        if any(_occurs([w for w in words if w.depth], c) is not None for c in choices if c):
            continue  # the piece keeps the brackets: the set stays open there
        agreed = [w for w in words if not w.depth]
        chosen = [(k, hit) for k, c in enumerate(choices) if c and (hit := _occurs(agreed, c)) is not None]
        if len(chosen) != 1:
            continue  # none of them (other words), or several: no choice to name
        k, hit = chosen[0]
        kept = group[k]
        printed = piece.text[agreed[hit].start : agreed[hit + len(choices[k]) - 1].end]
        dropped = ", ".join(f'"{s.text}"' for s in group if s is not kept)
        return {
            "resolution": "kept",
            "old": "".join(f"[{s.text}]" for s in group),
            "new": printed,
            "message": f'bracket resolved in {piece.id}: kept "{printed}", dropped {dropped}',
            "in": piece.id,
            # the words a finding quotes: the set and the word after it, the piece's words in its place
            "old_words": old_text[start : after[0].end if after and tail else end].strip(),
            "new_words": piece.text[words[0].start : (tail or words[-1]).end].strip(),
        }
    return None


def _place(piece: _Text, before: tuple[str, ...], after: tuple[str, ...]) -> tuple[list[_Word], _Word | None] | None:
    """The words of a piece that stand where the set stood: after the words before it
    (or from the start of their clause) up to the words after it, when the piece takes
    up one side whole; with the first word taken up after it."""
    words = piece.words
    for i in piece.find(after) if after else ():
        lo = max(words[i].clause, i - _PLACE)
        if before:  # the words before it, when they were taken up too, bound the place
            found = [j + len(before) for j in piece.find(before) if lo <= j and j + len(before) <= i]
            lo = found[-1] if found else lo
        if lo < i:
            return words[lo:i], words[i]
    for j in piece.find(before) if before else ():
        lo = hi = j + len(before)
        while hi < len(words) and hi - lo < _PLACE and words[hi].clause <= lo:
            hi += 1
        if hi > lo:
            return words[lo:hi], None
    return None


__all__ = ["resolved_in_pieces"]
