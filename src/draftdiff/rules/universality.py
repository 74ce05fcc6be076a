"""DD103: "all", "every", "any", "regardless of …" or "without discrimination" dropped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import phrases
from .common import (
    agreed_fragment,
    agreed_text,
    closed_texts,
    phrase_with_object,
    same_but_spacing,
    stands_elsewhere,
)
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change

RULES = (
    Rule(
        "DD103",
        "universality-lost",
        "warning",
        '"all", "every" or "regardless of …" was dropped.',
        'Universal language decides who is covered. Dropping "all" or "regardless of migration status" '
        "narrows a commitment to some of the people it was written for, without a word added.",
        "We will protect the human rights of all migrants, regardless of their migration status.",
        "We will protect the human rights of migrants.",
    ),
)


def run(checker: Checks) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)


# DD103: universality
def _in_change(checker: Checks, change: Change) -> None:
    # the old words count where they were agreed (never inside brackets or a note: their
    # fate is a bracket resolution); the new ones anywhere (bracketed again is not removed)
    whole_old, new_text = closed_texts(checker, change)
    old_text = agreed_text(whole_old)
    para = change.new_ids[0]
    in_old = phrases.lemmas_in(old_text)
    for phrase in checker.settings.universal_phrases:
        if phrases.first_lemma(phrase) not in in_old:
            continue  # not in the old text: nothing to lose
        if phrases.count(phrase, new_text) < phrases.count(phrase, old_text):
            lost = phrase_with_object(phrase, old_text, new_text)
            checker.add("DD103", change, lost, "", f'Universality lost in para {para}: "{lost}" was removed.')
    # a word in neither text counts nothing on either side ("all" -> "every" needs both)
    in_either = in_old | phrases.lemmas_in(new_text)
    words = [word for word in checker.settings.universal_words if phrases.first_lemma(word) in in_either]
    # "all" -> "every" keeps the universal: only a net loss counts
    if _universals(words, new_text) >= _universals(words, old_text):
        return
    for edit in change.edits:
        if edit.op == "insert":
            continue
        agreed_old = agreed_fragment(edit.old, whole_old)
        # a word's case is no change ("each" → "Each"); one finding per edit, however many words it dropped
        dropped = [
            word
            for word in words
            if _count(word, agreed_old) > _count(word, edit.new) and _count(word, new_text) < _count(word, old_text)
        ]
        new_paragraphs = checker.comparison.new.paragraphs
        if dropped and (
            same_but_spacing(edit.old, edit.new)
            or all(stands_elsewhere(agreed_old, new_paragraphs, word) for word in dropped)
        ):
            continue  # only spacing changed, or the clause moved to another paragraph whole: nothing narrowed
        dropped = [word for word in dropped if _narrowed(checker, word, agreed_old, new_text)]
        if dropped:
            named = '", "'.join(dropped)
            checker.add(
                "DD103",
                change,
                edit.old,
                edit.new,
                f'Universality lost in para {para}: "{named}" was dropped ("{edit.old}" → "{edit.new or "…"}").',
            )


# "each year", "every session": a rhythm, not who is covered
_TIME = ("year", "month", "week", "day", "session", "cycle", "quarter", "biennium", "meeting", "decade")


_EVERY_N_RE = re.compile(
    rf"\b(?:every|each)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|few|other)\s+(?:{'|'.join(_TIME)})s?\b",
    re.I,
)


def _count(word: str, text: str) -> int:
    found = phrases.count(word, text)
    if not found:
        return 0  # no need to look for "each year" where there is no "each"
    rhythm = sum(phrases.count(f"{word} {unit}", text) for unit in _TIME)
    if word.lower() in ("every", "each"):
        rhythm += sum(1 for m in _EVERY_N_RE.finditer(text) if m.group().split()[0].lower() == word.lower())
    return found - rhythm


# words between a quantifier and what it quantifies: "all of the", "any form of", "each such"
_BETWEEN = r"(?:(?:the|of|its|their|our|his|her|such|other|these|those|forms?|kinds?|types?)\s+)*"


def _narrowed(checker: Checks, word: str, old_words: str, new_text: str) -> bool:
    """The quantifier went and what it quantified stayed: "all Parties" → "Parties". Where the
    quantified noun left the paragraph too, the clause was rewritten or cut (the diff shows it),
    and where the quantified phrase stands as often in the new draft as in the old, it moved."""
    found = re.finditer(rf"\b{re.escape(word)}\s+{_BETWEEN}([^\W\d][\w'’-]*)((?:\s+[\w'’-]+){{0,3}})", old_words, re.I)
    quantified = [(m.group(1), m.group(0)) for m in found]
    if not quantified:
        return True  # "for all", "any of which": nothing to follow, the word alone decides
    in_new = phrases.lemmas_in(new_text)
    for noun, phrase in quantified:
        noun_lemma = phrases.first_lemma(noun)
        if noun_lemma not in in_new:
            continue
        if word.lower() == "any" and _plural_stands(noun, noun_lemma, new_text):
            continue  # "Any owner of ada may" → "Owners of ada may": the plural covers every owner
        if len(phrase.split()) >= 4 and _count_in(phrase, checker.comparison.new.paragraphs) >= _count_in(
            phrase, checker.comparison.old.paragraphs, agreed=True
        ):
            continue
        return True
    return False


def _plural_stands(noun: str, noun_lemma: str | None, text: str) -> bool:
    """Another form of the quantified noun, its plural, stands in ``text``."""
    singular = phrases.normalize(noun)
    return any(word != singular and phrases.lemma(word) == noun_lemma for word in phrases.normalize(text).split())


def _count_in(phrase: str, paragraphs, agreed: bool = False) -> int:
    return sum(phrases.count(phrase, agreed_text(p.text) if agreed else p.text) for p in paragraphs)


def _universals(words: list[str], text: str) -> int:
    return sum(_count(word, text) for word in words)
