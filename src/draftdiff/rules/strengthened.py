"""DD106: language made stronger. It owns the code: the families that find a
weakening find its reverse too (a word up a ladder, a qualifier or a
softener removed) and report it here, so that a reader sees the balance of a
revision, not only its losses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change

RULES = (
    Rule(
        "DD106",
        "strengthened",
        "info",
        "Language moved up a strength ladder or lost a qualifier.",
        "Strengthening is reported too, so that a reader sees the balance of a revision, not only its losses.",
        "We invite the United Nations system to support States.",
        "We request the United Nations system to support States.",
    ),
)


def report(checker: Checks, change: Change, before: str, after: str, message: str) -> None:
    """A strengthening found by another family (ladders, hedges, softeners)."""
    checker.add("DD106", change, before, after, message)


def run(checker: Checks) -> None:
    """Nothing of its own to look for: see report()."""
