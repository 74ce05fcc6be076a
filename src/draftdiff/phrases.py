"""Finding phrases in paragraph text, tolerant of how drafts vary.

Matching ignores case, white space and line wraps, curly quotes and dash
styles, and hyphens ("human rights-based" is "human rights based"); and it
matches every inflection of a word: each word is reduced to its lemma by
lemminflect ("ensures", "ensuring", "ensured" are "ensure"; "children" is
"child"; "ending" is "end"), so data files list lemmas, not every form.
With ``gap`` a few extra words may stand between the phrase's words, so
"regardless of migration status" also matches "regardless of their
migration status".

Lemmas are cached per word and tokenisations per text, so a check over
thousands of paragraphs and hundreds of phrases reads each paragraph once.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import fold_typography

_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# Lemmas are looked up by part of speech in this order: the verbs of
# commitment first ("needs" is the verb "need", "ending" the verb "end").
_POS_ORDER = ("VERB", "NOUN", "ADJ", "ADV", "AUX")
# Words whose form is their meaning here: a lemmatizer makes "should" the
# past of "shall" and "would" of "will", which is exactly the weakening
# check must see.
_KEEP = {"shall", "should", "will", "would", "may", "might", "must", "can", "could", "need", "needs", "ought"}


@lru_cache(maxsize=200_000)  # bounded: a hostile file may hold millions of distinct "words"
def lemma(word: str) -> str:
    """The lemma of one lower-case word (cached: a draft repeats its words)."""
    from lemminflect import getAllLemmas

    if not word.isalpha() or word in _KEEP:
        return word
    found = getAllLemmas(word)
    for pos in _POS_ORDER:
        if pos in found:
            return found[pos][0].lower()
    return word


@lru_cache(maxsize=8192)
def _lemmas(norm: str) -> tuple[str, ...]:
    """The lemma of each word of a normalised text (found and looked up in C)."""
    return tuple(map(lemma, _TOKEN_RE.findall(norm)))


@lru_cache(maxsize=8192)
def _spans(norm: str) -> tuple[tuple[int, int], ...]:
    """Where each word of a normalised text stands: wanted only for a hit."""
    return tuple(m.span() for m in _TOKEN_RE.finditer(norm))


@lru_cache(maxsize=8192)
def _positions(norm: str) -> dict[str, list[int]]:
    """Where each lemma stands among a text's words: a phrase is looked for
    only where its first word is, not by reading every word once per phrase."""
    out: dict[str, list[int]] = {}
    for k, word in enumerate(_lemmas(norm)):
        out.setdefault(word, []).append(k)
    return out


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    return " ".join(fold_typography(text).lower().split())


@lru_cache(maxsize=4096)
def _phrase_lemmas(phrase: str) -> tuple[str, ...]:
    return tuple(lemma(t) for t in _TOKEN_RE.findall(normalize(phrase)))


@lru_cache(maxsize=4096)
def first_lemma(phrase: str) -> str | None:
    """The lemma a phrase's occurrences start with."""
    wanted = _phrase_lemmas(phrase)
    return wanted[0] if wanted else None


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    phrase: str
    text: str  # the words as they stand in the (normalised) text


def _matches(phrase: str, norm: str, gap: int = 0) -> list[tuple[int, int]]:
    """(start, end) in ``norm`` of each occurrence of ``phrase``'s lemmas,
    in order, with at most ``gap`` other words between two of them."""
    wanted = _phrase_lemmas(phrase)
    starts = _positions(norm).get(wanted[0]) if wanted else None
    if not starts:
        return []
    lemmas = _lemmas(norm)
    found = []
    resume = 0  # a match's words are not reused by the next one
    for k in starts:
        if k < resume:
            continue
        position = k
        for w in wanted[1:]:
            for step in range(1, gap + 2):
                if position + step < len(lemmas) and lemmas[position + step] == w:
                    position += step
                    break
            else:
                position = -1
                break
        if position >= 0:
            found.append((k, position))
            resume = position + 1
    if not found:
        return []
    spans = _spans(norm)
    return [(spans[first][0], spans[last][1]) for first, last in found]


def lemmas_in(text: str) -> frozenset[str]:
    """Every lemma of ``text``: a phrase whose first lemma is not here is not in it."""
    return _lemma_set(normalize(text))


@lru_cache(maxsize=8192)
def _lemma_set(norm: str) -> frozenset[str]:
    return frozenset(_positions(norm))


def find(phrase: str, text: str, gap: int = 0) -> list[Hit]:
    norm = normalize(text)
    return [Hit(a, b, phrase, norm[a:b]) for a, b in _matches(phrase, norm, gap)]


def count(phrase: str, text: str, gap: int = 0) -> int:
    return len(_matches(phrase, normalize(text), gap))


def longest_hits(phrases: list[str], text: str) -> list[Hit]:
    """Occurrences of any of the phrases, longest first, none overlapping:
    "will consider" wins over the "will" inside it."""
    norm = normalize(text)
    present = _positions(norm)
    hits = [
        Hit(a, b, phrase, norm[a:b])
        for phrase in phrases
        if first_lemma(phrase) in present  # most phrases are not in a given text
        for a, b in _matches(phrase, norm)
    ]
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[Hit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def softened(text: str, softeners: list[str], verbs: list[str]) -> dict[tuple[str, str], int]:
    """How many times each softener stands right before a commitment verb
    ("work towards ending", "seek to ensure"), by (softener, verb lemma)."""
    norm = normalize(text)
    wanted = {lemma(v.lower()) for v in verbs}
    out: dict[tuple[str, str], int] = {}
    present = _positions(norm)
    for softener in sorted(softeners, key=len, reverse=True):
        if first_lemma(softener) not in present:
            continue
        for _start, end in _matches(softener, norm):
            starts = [start for start, _ in _spans(norm)]
            following = bisect.bisect_right(starts, end)  # the first word after the softener
            if following < len(starts) and _lemmas(norm)[following] in wanted:
                key = (softener, _lemmas(norm)[following])
                out[key] = out.get(key, 0) + 1
    return out
