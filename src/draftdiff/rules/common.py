"""Small helpers the rule families share."""

from __future__ import annotations

import functools
import re

from .. import phrases


def text_of(paragraphs) -> str:
    return " ".join(p.text for p in paragraphs)


def closed_texts(checker, change) -> tuple[str, str]:
    """The change's old and new texts, each with the brackets it sits inside closed around
    it (a paragraph of "[Option 1: … ]" over several paragraphs was never agreed either)."""
    old, new = checker.comparison.old, checker.comparison.new
    return " ".join(old.closed_text(p) for p in change.old), " ".join(new.closed_text(p) for p in change.new)


def ids_of(paragraphs) -> str | None:
    return ", ".join(p.id for p in paragraphs) if paragraphs else None


def phrase_with_object(phrase: str, old_text: str, new_text: str) -> str:
    """ "regardless of" plus the words it governed: "regardless of migration status"."""
    norm_new = phrases.normalize(new_text)
    for hit in phrases.find(phrase, old_text):
        tail = phrases.normalize(old_text)[hit.end :]
        words = re.match(r"((?:\s+[\w'-]+){1,4})", tail)
        candidate = (hit.text + (words.group(1) if words else "")).strip(" ,.;")
        if candidate not in norm_new:
            return candidate
    return phrase


# "(EU internal note: …)", "{Placement proposal: …}", "[Note: …]": words to the reader, not the text
_NOTE_RE = re.compile(r"\((?:[^()]{0,60}?\bnote\b[^()]*)\)|\{[^{}]*\}", re.I)
_INNER_BRACKETS_RE = re.compile(r"\[[^\[\]]*\]")


def agreed_text(text: str) -> str:
    """The words a rule may weigh: without bracketed text (never agreed: its
    fate is a bracket resolution, DD111, not a weakening) and without editorial
    notes. Nested brackets go from the inside out."""
    text = _NOTE_RE.sub(" ", text)
    while "[" in text:
        stripped = _INNER_BRACKETS_RE.sub(" ", text)
        if stripped == text:
            break  # an unmatched bracket: leave the rest
        text = stripped
    return text


def agreed_fragment(fragment: str, paragraph: str) -> str:
    """``agreed_text`` of a piece of a paragraph (an edit and its context), judged where it
    stands: an edit can cut a bracket group ("other] engage", "Party [shall][should"), and
    only the whole paragraph says which of its words were bracketed."""
    tokens = fragment.split()
    if not tokens:
        return fragment
    # the diff joins a context word to its edit without the punctuation between ("sources, recognizing")
    found = re.search(r"\W*".join(re.escape(t) for t in tokens), paragraph)
    if found is None:
        return agreed_text(fragment)
    mask = _agreed_mask(paragraph)
    return "".join(ch if mask[i] else " " for i, ch in enumerate(paragraph[found.start() : found.end()], found.start()))


@functools.lru_cache(maxsize=64)  # one paragraph's edits come one after another: its mask is made once
def _agreed_mask(text: str) -> tuple[bool, ...]:
    """Per character: True where ``agreed_text`` keeps it (outside matched brackets and notes)."""
    mask = [True] * len(text)
    for note in _NOTE_RE.finditer(text):
        mask[note.start() : note.end()] = [False] * (note.end() - note.start())
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "[":
            opened.append(i)
        elif ch == "]" and opened:
            start = opened.pop()
            mask[start : i + 1] = [False] * (i + 1 - start)
    return tuple(mask)


def excerpt(phrase: str, text: str, around: int = 6) -> str:
    """The words around a phrase in a long text (the changed words a reader
    needs), the text itself when it is short."""
    words = text.split()
    if len(words) <= 2 * around + 4:
        return text
    hits = phrases.find(phrase, text)
    norm = phrases.normalize(text)
    if not hits or len(norm.split()) != len(words):
        return text
    first = norm[: hits[0].start].count(" ")
    last = norm[: hits[0].end].count(" ")
    return " ".join(words[max(0, first - around) : last + 1 + around])


def _despaced(text: str) -> str:
    return "".join(phrases.normalize(text).split())


def same_but_spacing(old: str, new: str) -> bool:
    """Only spacing or case differs ("any guardrails" → "anyGuardrails", an extraction's slip)."""
    return _despaced(old) == _despaced(new)


def stands_elsewhere(words: str, new_paragraphs, word: str | None = None) -> bool:
    """The old words still stand, whole, in some paragraph of the new draft:
    they moved, or a reader cut the paragraphs differently; nothing was lost.
    With ``word``, only the clause that holds it must stand (four words at
    least). Compared without spaces or case."""
    if word is not None:
        clauses = [c for c in re.split(r"[.;:]\s", words) if phrases.count(word, c)]
        return bool(clauses) and all(stands_elsewhere(c, new_paragraphs, None) for c in clauses)
    if len(words.split()) < 4:
        return False
    needle = _despaced(words)
    return any(needle in _despaced(p.text) for p in new_paragraphs)
