"""DD108: a softener put before a commitment verb: "will end" → "will work
towards ending", "will ensure" → "will seek to ensure"; its removal is a
strengthening (DD106)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import phrases
from . import strengthened
from .common import agreed_text, closed_texts
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change

RULES = (
    Rule(
        "DD108",
        "softener-added",
        "warning",
        'A softener was put before a commitment verb ("will end" → "will work towards ending").',
        'A commitment to act becomes a commitment to try: "work towards", "strive to", "seek to", '
        '"endeavour to", "aim to", "consider", "explore ways to". The verb is still on the page, '
        "so a reader scanning for the verb sees nothing missing.",
        "We will end child immigration detention.",
        "We will work towards ending child immigration detention.",
    ),
)


def run(checker: Checks) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)


def _in_change(checker: Checks, change: Change) -> None:
    if any(f.change is change and f.rule == "DD109" for f in checker.findings):
        return  # the frame was replaced: DD109 says it
    settings = checker.settings
    # a softener counts where it is agreed (outside brackets and notes) on the side it would
    # be added to or removed from, and anywhere on the other side: one proposed in brackets
    # adds nothing yet, one bracketed again is not removed
    old_text, new_text = closed_texts(checker, change)

    def softened(text: str) -> dict[tuple[str, str], int]:
        return phrases.softened(text, settings.softeners, settings.commitment_verbs)

    before, after = softened(old_text), softened(new_text)
    agreed_before, agreed_after = softened(agreed_text(old_text)), softened(agreed_text(new_text))
    para = change.new_ids[0]
    added = [pair for pair in agreed_after if agreed_after[pair] > before.get(pair, 0)]
    removed = [pair for pair in agreed_before if agreed_before[pair] > after.get(pair, 0)]
    for softener, verb in added:
        words = next((e.new for e in change.edits if phrases.count(softener, e.new)), softener)
        checker.add(
            "DD108",
            change,
            "",
            words,
            f'Softener added in para {para}: "{softener}" now stands before "{verb}": an effort, not a commitment.',
        )
    for softener, verb in removed:
        words = next((e.old for e in change.edits if phrases.count(softener, e.old)), softener)
        strengthened.report(checker, change, words, "", f'Softener removed in para {para}: "{softener} {verb}".')
