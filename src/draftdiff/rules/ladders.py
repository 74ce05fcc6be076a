"""DD101 and DD106: a word moved down (or up) a strength ladder: shall → should,
commit to → will consider, urge → invite, processes → discussions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .rule import Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change
    from .engine import Checker

RULES = (
    Rule(
        "DD101",
        "weakened-commitment",
        "warning",
        "A commitment moved down a strength ladder (shall → should).",
        "Consensus is often bought one word at a time: an obligation becomes a recommendation, a commitment "
        "becomes something States will consider, governance processes become discussions. Each step down a "
        "ladder of commitment words weakens what was agreed, and is easy to miss in a long draft.",
        "States shall ensure access to basic services for all migrants.",
        "States should ensure access to basic services for all migrants.",
    ),
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


def run(checker: Checker) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)


# DD101 / DD106: ladders
def _in_change(checker: Checker, change: Change) -> None:
    for edit in change.edits:
        if edit.op != "replace":
            continue
        for ladder in checker.settings.ladders:
            before = ladder.rank(edit.old_in_context)
            after = ladder.rank(edit.new_in_context)
            if before is None or after is None or before[0] == after[0]:
                continue
            para = change.new_ids[0] if change.new else change.old_ids[0]
            if after[0] > before[0]:
                why = (
                    "a change stakeholders flagged as weakening"
                    if ladder.flagged
                    else (f"a weaker step on the {ladder.name} ladder")
                )
                checker.add(
                    "DD101",
                    change,
                    edit.old,
                    edit.new,
                    f'Weakened commitment in para {para}: "{before[1]}" became "{after[1]}" ({why}).',
                )
            else:
                checker.add(
                    "DD106",
                    change,
                    edit.old,
                    edit.new,
                    f'Strengthened in para {para}: "{before[1]}" became "{after[1]}" ({ladder.name} ladder).',
                )
