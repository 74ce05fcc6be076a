"""DD107: a change inside words quoted from agreed language (an adopted
resolution, the compact under review): passages of the old draft that share
a long run of words with an agreed text, then changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..normalize import fold_typography
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change

RULES = (
    Rule(
        "DD107",
        "departs-from-agreed-language",
        "warning",
        "Words quoted from agreed language were changed.",
        "Negotiators defend agreed language hardest: wording already adopted elsewhere (a resolution, the "
        "compact under review) is cited as settled ('[based on 76/141, OP31]'). A draft that quotes it and then "
        "changes the quotation reopens what was agreed, often without saying so.",
        "We will ensure that all migrants have access to justice and to remedies, regardless of migration status.",
        "We will ensure that migrants have access to justice and to remedies.",
    ),
)

RUN = 8  # words in common that make a quotation

_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@dataclass(frozen=True)
class AgreedSource:
    name: str  # how it is cited: "76/141", "GCM"
    path: Path


@dataclass(frozen=True)
class _Index:
    shingles: dict[tuple[str, ...], tuple[str, str]]  # RUN words -> (source, paragraph id)


def _words(text: str) -> list[tuple[str, int, int]]:
    folded = fold_typography(text).lower()
    return [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(folded)]


@lru_cache(maxsize=16)
def _index(sources: tuple[AgreedSource, ...]) -> _Index:
    from ..readers import load

    shingles: dict[tuple[str, ...], tuple[str, str]] = {}
    for source in sources:
        draft = load(source.path)
        for para in draft.paragraphs:
            tokens = [w for w, _, _ in _words(para.text)]
            for k in range(len(tokens) - RUN + 1):
                shingles.setdefault(tuple(tokens[k : k + RUN]), (source.name, para.id))
    return _Index(shingles)


def quotations(text: str, index: _Index) -> list[tuple[int, int, str, str]]:
    """(start, end, source, paragraph) of each run of RUN or more words of
    ``text`` that stands in an agreed text."""
    words = _words(text)
    out: list[tuple[int, int, str, str]] = []
    k = 0
    while k <= len(words) - RUN:
        hit = index.shingles.get(tuple(w for w, _, _ in words[k : k + RUN]))
        if hit is None:
            k += 1
            continue
        last = k + RUN - 1
        while last + 1 < len(words) and index.shingles.get(tuple(w for w, _, _ in words[last + 2 - RUN : last + 2])):
            last += 1
        out.append((words[k][1], words[last][2], hit[0], hit[1]))
        k = last + 1
    return out


def run(checker: Checks) -> None:
    sources = tuple(checker.settings.agreed)
    if not sources:
        return
    index = _index(sources)
    for change in checker.edited_changes():
        _in_change(checker, change, index)


def _in_change(checker: Checks, change: Change, index: _Index) -> None:
    old_text = " ".join(p.text for p in change.old)
    spans = quotations(old_text, index)
    if not spans:
        return
    para = change.new_ids[0]
    # walk the word diff over the old text: where do deletions and insertions fall?
    touched: list[tuple[int, int, str, str]] = []  # (old offset from, to, before, after)
    position = 0
    equal_index = 0
    for op, chunk in change.segments:
        if op == "equal":
            old_chunk = change.old_equal[equal_index] if equal_index < len(change.old_equal) else chunk
            equal_index += 1
            position += len(old_chunk)
        elif op == "delete":
            touched.append((position, position + len(chunk), chunk, ""))
            position += len(chunk)
        else:
            touched.append((position, position, "", chunk))
    for start, end, source, source_para in spans:
        inside = [t for t in touched if (t[0] < end and t[1] > start) or (t[0] == t[1] and start < t[0] < end)]
        if not inside:
            continue
        before = " ".join(t[2].strip() for t in inside if t[2].strip())
        after = " ".join(t[3].strip() for t in inside if t[3].strip())
        checker.add(
            "DD107",
            change,
            before,
            after,
            f"Departs from agreed language in para {para}: the words quoted from {source} para {source_para} "
            f'("{old_text[start:end][:80]}") were changed.',
        )
