"""DD102: a qualifier that makes a commitment conditional was added ("as appropriate");
its removal is a strengthening (DD106, see strengthened.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import phrases
from ..document.options import option_group
from . import strengthened
from .common import agreed_text, excerpt, text_of
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change

RULES = (
    Rule(
        "DD102",
        "hedge-added",
        "warning",
        'A qualifier such as "as appropriate" was added.',
        "A qualifier leaves the commitment intact on the page but hands its scope to each State's own "
        'judgement: "as appropriate", "in accordance with national legislation", "subject to available '
        'resources". Added between drafts, it turns a commitment into an option.',
        "We will ensure the predictable disembarkation of rescued persons.",
        "We will ensure, as appropriate, the predictable disembarkation of rescued persons.",
    ),
)


def _added(hedge: str, change: Change, before: int) -> bool:
    """The hedge stands, agreed, more often in the new text than in the old. A
    paragraph split into options offers each its copy of the old words: the
    options are counted one at a time, not added up."""
    pieces = [agreed_text(p.text) for p in change.new]
    after = max(phrases.count(hedge, piece) for piece in pieces) if len(pieces) > 1 else phrases.count(hedge, pieces[0])
    return after > before


def _in_sibling_options(checker: Checks, change: Change, hedge: str) -> int:
    """The most any option offered with the old paragraphs carried the hedge: a new text
    drawn from one option and carrying another's hedge added nothing the table lacked."""
    groups = {option_group(p.id) or p.id for p in change.old}
    siblings = [p for p in checker.comparison.old.paragraphs if (option_group(p.id) or p.id) in groups]
    return max((phrases.count(hedge, p.text) for p in siblings), default=0)


def run(checker: Checks) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)


# DD102 / DD106: hedges
def _in_change(checker: Checks, change: Change) -> None:
    # a hedge counts where it is agreed (outside brackets and notes) on the side it would be
    # added to or removed from, and anywhere on the other side
    old_text, new_text = text_of(change.old), text_of(change.new)
    agreed_old = agreed_text(old_text)
    para = change.new_ids[0]
    counted: set[str] = set()
    present = phrases.lemmas_in(old_text) | phrases.lemmas_in(new_text)
    for hedge in sorted(checker.settings.hedges, key=len, reverse=True):
        if phrases.first_lemma(hedge) not in present:
            continue  # in neither text: nothing added, nothing removed
        key = phrases.normalize(hedge)
        if key in counted:
            continue
        counted.add(key)
        before, after = phrases.count(hedge, old_text), phrases.count(hedge, new_text)
        if _added(hedge, change, before) and _added(hedge, change, _in_sibling_options(checker, change, hedge)):
            context = next((excerpt(hedge, e.new) for e in change.edits if phrases.count(hedge, e.new)), hedge)
            checker.add(
                "DD102",
                change,
                "",
                context,
                f'Hedge added in para {para}: "{hedge}" makes the commitment conditional.',
            )
        elif phrases.count(hedge, agreed_old) > after:
            context = next((excerpt(hedge, e.old) for e in change.edits if phrases.count(hedge, e.old)), hedge)
            strengthened.report(checker, change, context, "", f'Qualifier removed in para {para}: "{hedge}".')
