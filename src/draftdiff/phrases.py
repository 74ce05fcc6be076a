"""Finding phrases in paragraph text, tolerant of how drafts vary.

Matching ignores case, white space and line wraps, curly quotes and dash
styles, and small inflections ("ensure" matches "ensures", "ensured",
"ensuring"; "status" matches "statuses"). With ``gap`` a few extra words may
stand between the phrase's words, so "regardless of migration status" also
matches "regardless of their migration status".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import fold_typography

# Short function words must match exactly; inflecting them finds nonsense.
_EXACT = {
    "a",
    "an",
    "the",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "as",
    "or",
    "and",
    "upon",
    "into",
    "its",
    "their",
    "be",
    "is",
    "are",
    "all",
    "any",
    "may",
    "will",
    "shall",
    "must",
    "each",
    "every",
}


def normalize(text: str) -> str:
    return " ".join(fold_typography(text).lower().split())


def _word_pattern(word: str) -> str:
    if word in _EXACT or not word.isalpha():
        return re.escape(word)
    if word.endswith("e"):
        return re.escape(word[:-1]) + r"(?:e|es|ed|ing)"
    if word.endswith("y") and len(word) > 3:
        return re.escape(word[:-1]) + r"(?:y|ies|ied|ying)"
    return re.escape(word) + r"(?:s|es|ed|ing|d)?"


@lru_cache(maxsize=4096)
def compile_phrase(phrase: str, gap: int = 0) -> re.Pattern[str]:
    words = normalize(phrase).split()
    between = r"\s+" if gap == 0 else rf"\s+(?:[\w'-]+\s+){{0,{gap}}}"
    body = between.join(_word_pattern(w) for w in words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    phrase: str
    text: str  # the words as they stand in the (normalised) text


def find(phrase: str, text: str, gap: int = 0) -> list[Hit]:
    norm = normalize(text)
    return [Hit(m.start(), m.end(), phrase, m.group()) for m in compile_phrase(phrase, gap).finditer(norm)]


def count(phrase: str, text: str, gap: int = 0) -> int:
    return len(compile_phrase(phrase, gap).findall(normalize(text)))


def longest_hits(phrases: list[str], text: str) -> list[Hit]:
    """Occurrences of any of the phrases, longest first, none overlapping:
    "will consider" wins over the "will" inside it."""
    norm = normalize(text)
    hits = [
        Hit(m.start(), m.end(), phrase, m.group()) for phrase in phrases for m in compile_phrase(phrase).finditer(norm)
    ]
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[Hit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
