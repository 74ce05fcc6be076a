"""DD102: a qualifier that makes a commitment conditional was added ("as appropriate");
its removal is a strengthening (DD106, see strengthened.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import phrases
from ..document.options import option_group, option_groups
from . import strengthened
from .common import agreed_text, closed_texts, excerpt
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change
    from ..document.model import Draft

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


def _added(hedge: str, change: Change, before: int, new_draft: Draft) -> bool:
    """The hedge stands, agreed, more often in the new text than in the old. A
    paragraph split into options offers each its copy of the old words: the
    options are counted one at a time, not added up."""
    pieces = [agreed_text(new_draft.closed_text(p)) for p in change.new]
    after = max(phrases.count(hedge, piece) for piece in pieces) if len(pieces) > 1 else phrases.count(hedge, pieces[0])
    return after > before


def _in_sibling_options(checker: Checks, change: Change, hedge: str) -> int:
    """The most any option offered with the old paragraphs carried the hedge: a new text
    drawn from one option and carrying another's hedge added nothing the table lacked."""
    by_group = option_groups(checker.comparison.old)
    groups = {option_group(p.id) or p.id for p in change.old}
    siblings = {id(p): p for group in groups for p in by_group.get(group, ())}
    return max((phrases.count(hedge, p.text) for p in siblings.values()), default=0)


_PERMISSION_RE = re.compile(r"\b(?:may|can|might|could)\b", re.I)
_OBLIGATION_RE = re.compile(r"\b(?:shall|should|must|will|commits?|undertakes?|ensures?)\b", re.I)
_CARRIED_OVER = 0.5  # the share of a hedged sentence's words the old paragraph must have had
_AGREED_WORDS = 3  # an old text with fewer agreed words than this was a proposal as a whole


def _qualifies_agreed_commitment(checker: Checks, hedge: str, agreed_old: str, new_text: str) -> bool:
    """A hedge added makes an agreed commitment conditional: not where the old text was all
    in brackets (a proposal, never agreed), not on a permission ("withdrawals may be made, as
    necessary"), and not where the hedge and the words it qualifies stood in the old draft as
    often as they stand now (the clause moved in with its hedge)."""
    if len(agreed_old.split()) < _AGREED_WORDS:
        return False
    old_lemmas = phrases.lemmas_in(agreed_old)
    for sentence in re.split(r"(?<=[.;:])\s+", new_text):
        if not phrases.count(hedge, sentence):
            continue
        if _PERMISSION_RE.search(sentence) and not _OBLIGATION_RE.search(sentence):
            return False
        # a sentence new to the paragraph was hedged from the start: it was added, not made conditional
        words = phrases.lemmas_in(sentence) - phrases.lemmas_in(hedge)
        if words and len(words & old_lemmas) < _CARRIED_OVER * len(words):
            return False
    norm = phrases.normalize(new_text)
    for hit in phrases.find(hedge, new_text):
        following = norm[hit.end :].split()[:4]
        if len(following) < 4:
            continue
        phrase = hit.text + " " + " ".join(following)
        old_count = sum(phrases.count(phrase, p.text) for p in checker.comparison.old.paragraphs)
        new_count = sum(phrases.count(phrase, p.text) for p in checker.comparison.new.paragraphs)
        if old_count >= new_count:
            return False
    return True


def run(checker: Checks) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)


# DD102 / DD106: hedges
def _in_change(checker: Checks, change: Change) -> None:
    # a hedge counts where it is agreed (outside brackets and notes) on the side it would be
    # added to or removed from, and anywhere on the other side
    old_text, new_text = closed_texts(checker, change)
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
        new_draft = checker.comparison.new
        if (
            _added(hedge, change, before, new_draft)
            and _added(hedge, change, _in_sibling_options(checker, change, hedge), new_draft)
            and _qualifies_agreed_commitment(checker, hedge, agreed_old, new_text)
        ):
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
