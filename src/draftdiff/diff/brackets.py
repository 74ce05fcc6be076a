"""How each bracket or option of a paragraph was resolved between two drafts.

- ``kept``: alternatives ``[shall][should]`` became one of them ("bracket
  resolved: kept "should", dropped "shall"");
- ``deleted``: the bracketed text is gone;
- ``agreed``: the brackets are gone and the text stays as it was;
- ``reworded``: the brackets are gone and the text stands in new words;
- ``option_kept``: a paragraph that was one option of a block lost its label;
- ``bracketed``: new text in brackets; ``reopened``: text that stood without
  brackets is bracketed again.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Protocol

from ..document.brackets import Span, may_hold_brackets, scan
from ..document.model import Paragraph
from .split_brackets import resolved_in_pieces


class Change(Protocol):
    """What a resolution reads of a change (a ``comparison.Change``): its paragraphs
    on each side and the size of each old option's block. A protocol, so that
    this module and the comparison that calls it do not import each other."""

    @property
    def old(self) -> list[Paragraph]: ...

    @property
    def new(self) -> list[Paragraph]: ...

    @property
    def option_totals(self) -> dict | None: ...


_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text.replace("[", " ").replace("]", " "))]


@functools.lru_cache(maxsize=64)
def _word_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each word of ``_words(text)`` stands in ``text`` (one change asks several times)."""
    return tuple(m.span() for m in _WORD_RE.finditer(text.replace("[", " ").replace("]", " ")))


def _offset(text: str, words: list[str], index: int) -> int:
    """Where word ``index`` of ``text`` starts (the end of the text past the last word)."""
    spans = _word_spans(text)
    return spans[index][0] if index < len(spans) else len(text)


def _printed(text: str, words: list[str], first: int, count: int) -> str:
    """``count`` words of ``text`` from word ``first``, as printed ("1.5 °C
    above pre-industrial levels", not "1 5 c above pre industrial levels")."""
    if not count:
        return ""
    spans = _word_spans(text)
    if len(spans) != len(words) or first + count > len(spans):
        return " ".join(words[first : first + count])
    return text[spans[first][0] : spans[first + count - 1][1]].strip()


_CONTEXT_TOKEN_RE = re.compile(r"\[|\]|[^\W_]+(?:'[^\W_]+)*")
_MAX_STARTS = 64  # places of the context before a bracket tried in the new text: a real one is found at once


def _context_words(text: str) -> list[str]:
    """Words that stand outside any bracket: the context that survives a resolution."""
    depth = 0
    out = []
    for token in _CONTEXT_TOKEN_RE.findall(text):
        if token == "[":
            depth += 1
        elif token == "]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(token.lower())
    return out


class _Context:
    """The unbracketed words around every place of an old text, found in one
    pass, so that each bracket asks in constant time what ``_context_words``
    of the text before it and after it would say (a paragraph of 4,000
    brackets read its whole text 8,000 times).

    Before a place: the words at depth 0 of one walk from the start. After a
    place: a walk that starts there at depth 0, and stays at 0 on a closing
    bracket it did not open: with D the depth of the whole text (never held
    at 0), a word is such context when no depth since that place is lower
    than its own."""

    def __init__(self, text: str) -> None:
        tokens = [(m.start(), m.group()) for m in _CONTEXT_TOKEN_RE.finditer(text)]
        self.positions = [position for position, _ in tokens]
        self.words = [token.lower() for _, token in tokens]
        self.before_at: list[int] = []  # positions of the words at depth 0 from the start
        self.before_words: list[str] = []
        depth = 0
        for position, token in tokens:
            if token == "[":
                depth += 1
            elif token == "]":
                depth = max(0, depth - 1)
            elif depth == 0:
                self.before_at.append(position)
                self.before_words.append(token.lower())
        level = 0
        depths = []  # D after each token
        for _, token in tokens:
            level += (token == "[") - (token == "]")
            depths.append(level)
        count = len(tokens)
        # first[i]: the first context word at or after token i, for a walk starting before token i
        self.first: list[int | None] = [None] * (count + 1)
        next_at: dict[int, int] = {}  # depth -> the first token from i on at that depth
        next_word_at: dict[int, int] = {}
        for i in range(count - 1, -1, -1):
            next_at[depths[i]] = i
            if tokens[i][1] not in ("[", "]"):
                next_word_at[depths[i]] = i
            base = depths[i - 1] if i else 0
            word = next_word_at.get(base)
            dip = next_at.get(base - 1)  # where the walk closes a bracket it did not open
            if word is not None and (dip is None or word < dip):
                self.first[i] = word
            elif dip is not None:
                self.first[i] = self.first[dip + 1]

    def before(self, start: int, count: int) -> tuple[list[str], bool]:
        """The last ``count`` context words before ``start``, and whether there are any."""
        j = bisect.bisect_left(self.before_at, start)
        return self.before_words[max(0, j - count) : j], j > 0

    def after(self, end: int, count: int) -> tuple[list[str], bool]:
        """The first ``count`` context words from ``end`` on, and whether there are any."""
        word = self.first[bisect.bisect_left(self.positions, end)]
        anything = word is not None
        out: list[str] = []
        while word is not None and len(out) < count:
            out.append(self.words[word])
            word = self.first[word + 1]
        return out, anything

    def alone(self, start: int, end: int) -> bool:
        """Nothing stands outside the brackets but text[start:end]."""
        return not self.before(start, 0)[1] and not self.after(end, 0)[1]


class _Places:
    """Where each run of one to three words stands in the new text."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._runs: dict[int, dict[tuple[str, ...], list[int]]] = {}

    def of(self, run: list[str]) -> list[int]:
        index = self._runs.get(len(run))
        if index is None:
            index = self._runs[len(run)] = {}
            for i in range(len(self.words) - len(run) + 1):
                index.setdefault(tuple(self.words[i : i + len(run)]), []).append(i)
        return index.get(tuple(run), [])


def _between(context: _Context, start: int, end: int, places: _Places) -> tuple[int, int] | None:
    """The words of the new text that stand where old_text[start:end] stood:
    between the unbracketed words just before and just after it (three, or
    fewer when those changed too), as (first, last) word indexes; None when
    no context can be found."""
    new_words = places.words
    n = len(new_words)
    for k in (3, 2, 1, 0):
        for m in (3, 2, 1, 0):
            before, _ = context.before(start, k) if k else ([], False)
            after, after_any = context.after(end, m)
            if (k and len(before) < k) or (m and len(after) < m) or (not before and not after):
                continue
            starts = [i + len(before) for i in places.of(before)[:_MAX_STARTS]] if before else [0]
            for first in starts:
                if not after:
                    return (first, n) if not after_any else None
                for last in range(first, min(n, first + 80) + 1):
                    if new_words[last : last + len(after)] == after:
                        return (first, last)
    return None


def _inside(spans: list[Span], starts: list[int], offset: int) -> bool:
    """Whether ``offset`` stands inside one of ``spans`` (in order, none overlapping)."""
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < spans[k].end


def resolutions(change: Change) -> list[dict]:
    """What happened to the brackets and options of a change's paragraphs."""
    if not change.old or not change.new:
        return []
    if not any(may_hold_brackets(p.text) for p in (*change.old, *change.new)):
        return []  # asked of every change of every export: decided without joining texts
    old_text = " ".join(p.text for p in change.old)
    new_text = " ".join(p.text for p in change.new)
    old_scan, new_scan = scan(old_text), scan(new_text)
    new_words = _words(new_text)
    context, places = _Context(old_text), _Places(new_words)
    still = {" ".join(_words(s.text)) for s in new_scan.spans}
    out: list[dict] = []
    grouped: set[tuple[int, int]] = set()
    for group in old_scan.alternatives:
        if group[0].depth != 1 and any(g.depth != group[0].depth for g in group):
            continue
        texts = [" ".join(_words(s.text)) for s in group]
        grouped.update((s.start, s.end) for s in group)
        if any(t in still for t in texts):
            if len(change.new) > 1:  # a split: still open in one piece, perhaps resolved in another
                out.extend(resolved_in_pieces(old_text, group, change.new))
            continue  # still open
        start, end = min(s.start for s in group), max(s.end for s in group)
        found = _between(context, start, end, places)
        if found is None:
            continue
        between = new_words[found[0] : found[1]]
        shown = (
            "".join(f"[{s.text}]" for s in group)
            if group[0].text == old_text[group[0].start + 1 : group[0].end - 1]
            else old_text[start:end]
        )
        kept = " ".join(between)
        printed = _printed(new_text, new_words, found[0], len(between))
        if not kept:
            out.append({"resolution": "deleted", "old": shown, "new": "", "message": "bracketed text deleted"})
        elif kept in texts:
            dropped = [s.text for s, t in zip(group, texts, strict=True) if t != kept]
            out.append(
                {
                    "resolution": "kept",
                    "old": shown,
                    "new": printed,
                    "message": f'bracket resolved: kept "{printed}", dropped ' + ", ".join(f'"{d}"' for d in dropped),
                }
            )
        else:
            out.append(
                {"resolution": "kept", "old": shown, "new": printed, "message": f'bracket resolved as "{printed}"'}
            )
    placeholders = set(old_scan.placeholders)
    outer = [s for s in new_scan.spans if s.depth == 1]  # in order, none overlapping
    outer_starts = [s.start for s in outer]
    for span in old_scan.spans:
        if span.depth != 1 or (span.start, span.end) in grouped or span in placeholders:
            continue
        inner = " ".join(_words(span.text))
        if not inner or inner in still:
            continue
        found = _between(context, span.start, span.end, places)
        if found is None and context.alone(span.start, span.end):
            # "[3. The whole paragraph …]": nothing outside the brackets; resolved
            # when the new paragraph stands without brackets around it
            if new_scan.spans and any(s.depth == 1 and len(s.text) >= 0.8 * len(new_text) for s in new_scan.spans):
                continue
            found = (0, len(new_words))
        if found is None:
            continue
        kept = " ".join(new_words[found[0] : found[1]])
        if not kept:
            out.append(
                {"resolution": "deleted", "old": f"[{span.text}]", "new": "", "message": "bracketed text deleted"}
            )
        elif kept == inner:
            out.append(
                {
                    "resolution": "agreed",
                    "old": f"[{span.text}]",
                    "new": _printed(new_text, new_words, found[0], found[1] - found[0]),
                    "message": "brackets removed, text agreed as is",
                }
            )
        elif not _inside(outer, outer_starts, _offset(new_text, new_words, found[0])):
            out.append(
                {
                    "resolution": "reworded",
                    "old": f"[{span.text}]",
                    "new": _printed(new_text, new_words, found[0], found[1] - found[0]),
                    "message": "brackets removed, text agreed in new words",
                }
            )
    old_inner = {" ".join(_words(s.text)) for s in old_scan.spans}
    old_plain = f" {' '.join(_words(old_text))} "  # made once: not copied for each span
    for span in new_scan.spans:
        if span.depth != 1:
            continue
        inner = " ".join(_words(span.text))
        if not inner or inner in old_inner:
            continue
        if f" {inner} " in old_plain:
            out.append(
                {
                    "resolution": "reopened",
                    "old": inner,
                    "new": f"[{span.text}]",
                    "message": f'reopened: "{inner}" bracketed again',
                }
            )
        else:
            out.append(
                {"resolution": "bracketed", "old": "", "new": f"[{span.text}]", "message": "new text in brackets"}
            )
    if old_scan.option and not new_scan.option:
        total = (change.option_totals or {}).get(id(change.old[0]))
        of = f" of {total}" if total else ""
        out.append(
            {
                "resolution": "option_kept",
                "old": old_scan.option,
                "new": "",
                "message": f"{old_scan.option.lower()}{of} kept",
            }
        )
    return out


def option_totals(paragraphs) -> dict[int, int]:
    """For each paragraph that is an option, how many options its block has:
    a block runs from its first option ("Option 1", "Option A") to the last
    before the next first option or the next section."""
    from ..document.brackets import scan as scan_text

    labels = [(k, scan_text(p.text).option) for k, p in enumerate(paragraphs)]
    out: dict[int, int] = {}
    block: list[int] = []
    section = None

    def close() -> None:
        for k in block:
            out[id(paragraphs[k])] = len(block)

    for k, label in labels:
        if not label:
            continue
        first = bool(re.search(r"(?:\s|^|\.)(?:1|A|I)$", label))
        if first or paragraphs[k].section != section:
            close()
            block = []
            section = paragraphs[k].section
        block.append(k)
    close()
    return out


def weaker_choice(change: Change, before: str, after: str) -> dict | None:
    """The bracket resolution a finding's words come from, when a finding's
    old words stood in brackets (never agreed) and the new ones were kept."""
    before_words, after_words = " ".join(_words(before)), " ".join(_words(after))
    for item in resolutions(change):
        in_brackets = item["resolution"] == "kept" and before_words and before_words in " ".join(_words(item["old"]))
        kept = " ".join(_words(item["new"]))
        if in_brackets and (not after_words or after_words in kept or kept in after_words):
            return item
    return None


__all__ = ["Span", "resolutions", "weaker_choice"]
