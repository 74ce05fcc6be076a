"""Word conservation: how many words of a reference text a parse accounts for.

The measure of ``../shared/tools/corpus_words.py``, as a library: the words of
the reference (a multiset; one-letter words, numbers and page words left
out) found among the strings of the parse JSON (its bookkeeping fields left
out). Used by the corpus tests and ``benchmarks/corpus_accuracy.py``.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator

_FURNITURE_WORD = re.compile(r"^(page|english|\d+|[a-z]?\d+[a-z]?)$")
_BOOKKEEPING = ("source", "schema", "warnings", "format")


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower().replace("-\n", ""))


def strings(obj: object) -> Iterator[str]:
    """Every string of a parse JSON document but its bookkeeping."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for key, value in obj.items():
            if key not in _BOOKKEEPING:
                yield from strings(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from strings(value)


def recall(document: dict, reference: str) -> float:
    """The share of the reference's words found in the document (1.0: none lost)."""
    want = collections.Counter(w for w in words(reference) if len(w) > 1 and not _FURNITURE_WORD.match(w))
    have = collections.Counter(w for s in strings(document) for w in words(s))
    total = sum(want.values())
    return 1 - sum((want - have).values()) / total if total else 1.0
