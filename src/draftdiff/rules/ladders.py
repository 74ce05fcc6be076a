"""DD101, DD109, DD110 (and DD106, see strengthened.py): a word moved down (or up) a strength ladder:
shall → should, ensure → promote, processes → discussions (DD101); a weaker
subject-and-modal frame, "We commit to" → "We will consider", "States shall"
→ "States are encouraged to" (DD109); an obligation made an invitation, urge →
invite (DD110); and any step up (DD106)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import phrases
from . import strengthened
from .common import agreed_fragment, closed_texts, excerpt
from .rule import Checks, Rule

if TYPE_CHECKING:
    from ..diff.comparison import Change
    from ..diff.wording import Edit

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
        "DD109",
        "weaker-frame",
        "warning",
        'A subject-and-modal frame became weaker ("We commit to" → "We will consider").',
        'The frame of a sentence says who is bound and how firmly: "We commit to", "Member States shall". '
        'Replaced by "We will consider" or "Member States are encouraged to", the same action becomes optional, '
        "often with the subject changed as well, so no single word pair shows it.",
        "We commit to ensuring access to justice for migrants.",
        "States will consider ensuring access to justice for migrants.",
    ),
    Rule(
        "DD110",
        "obligation-to-invitation",
        "warning",
        "A call became an invitation (urge → encourage → invite).",
        "Resolutions address others through a scale of verbs, from urge and demand to invite. Each step down "
        "tells the addressee that less is expected of them.",
        "The Conference urges States to ratify the Convention.",
        "The Conference invites States to ratify the Convention.",
    ),
    Rule(
        "DD111",
        "bracket-resolved-weaker",
        "info",
        "A bracket was resolved to its weaker alternative ([shall][should] → should).",
        "Bracketed text was never agreed, so choosing the weaker alternative does not weaken agreed language; "
        "it is still the choice a coalition wants to see.",
        "Parties [shall][should] report every two years.",
        "Parties should report every two years.",
    ),
)


def run(checker: Checks) -> None:
    for change in checker.edited_changes():
        _in_change(checker, change)
        if len(change.new) > 1:
            _in_pieces(checker, change)


def _named_in_a_piece(change: Change, old_words: str, kept: str) -> bool:
    """A bracket set of a split that the piece reading resolved to ``kept``, quoted in ``old_words``."""
    if len(change.new) < 2:
        return False
    spaced = " ".join(old_words.split())
    return any(
        "in" in item and item["new"].lower() == kept.lower() and " ".join(item["old_words"].split()) in spaced
        for item in change.brackets
    )


def _in_pieces(checker: Checks, change: Change) -> None:
    """DD111 in a split: a bracket set resolved to its weaker alternative in the piece that
    took up its words (diff/split_brackets.py), named on that piece; the word diff of all
    the pieces joined may pair the set with another piece that still offers it."""
    for item in change.brackets:
        if "in" not in item or item["resolution"] != "kept":
            continue
        for ladder in checker.settings.ladders:
            kept = ladder.rank(item["new"])
            dropped = [r for r in map(ladder.rank, re.findall(r"\[([^\[\]]*)\]", item["old"])) if r]
            if kept is None or not any(r[0] < kept[0] for r in dropped):
                continue
            checker.add(
                "DD111",
                change,
                item["old_words"],
                item["new_words"],
                f"Bracket resolved to the weaker alternative in para {change.old_ids[0]} → {item['in']}: "
                f"{item['message'].split(': ', 1)[-1]} (bracketed text was never agreed).",
                new=item["in"],
            )
            break


_PROHIBITION_RE = re.compile(r"\b(?:may|shall|must|should|will|can)\s+not\b|\b(?:cannot|mustn't|shan't)\b", re.I)


# DD101 / DD106: ladders
def _in_change(checker: Checks, change: Change) -> None:
    old_text, new_text = closed_texts(checker, change)
    for edit in change.edits:
        if edit.op != "replace":
            continue
        steps = []
        # a word only inside brackets was never agreed: stepping down from it resolves a bracket
        # (DD111), stepping up to it is a proposal, not yet a strengthening
        agreed_old = agreed_fragment(edit.old_in_context, old_text)
        agreed_new = agreed_fragment(edit.new_in_context, new_text)
        # "may not" → "shall not", "should promote" → "shall not impede": a prohibition is no step
        # on a ladder of obligations
        if _PROHIBITION_RE.search(edit.old_in_context) or _PROHIBITION_RE.search(edit.new_in_context):
            continue
        for ladder in checker.settings.ladders:
            # the agreed words decide where there are some: "[shall][should] … should continue" stood at
            # "should", whatever its brackets offered
            agreed_before = ladder.rank(agreed_old)
            before = agreed_before or ladder.rank(edit.old_in_context)
            after = ladder.rank(agreed_new) or ladder.rank(edit.new_in_context)
            if before is None or after is None or before[0] == after[0]:
                continue
            if after[0] < before[0] and ladder.rank(agreed_new) is None:
                continue
            if not _in_one_place(edit, before[1], after[1]):
                continue
            steps.append((ladder, before, after, agreed_before is None))
        # "shall" -> "may wish to" is a weaker frame (DD109), not also "shall" -> "may"
        framed = any(ladder.rule == "DD109" and after[0] > before[0] for ladder, before, after, _ in steps)
        para = change.new_ids[0] if change.new else change.old_ids[0]
        for ladder, before, after, bracketed in steps:
            # the changed words, not a rewritten paragraph: a long edit is cut around the ladder's words
            old_words, new_words = excerpt(before[1], edit.old), excerpt(after[1], edit.new)
            if after[0] > before[0] and bracketed:
                if _named_in_a_piece(change, edit.old_in_context, after[1]):
                    continue  # the piece that resolved it names it (_in_pieces)
                checker.add(
                    "DD111",
                    change,
                    old_words,
                    new_words,
                    f'Bracket resolved to the weaker alternative in para {para}: "{before[1]}" stood only in '
                    f'brackets, "{after[1]}" was kept (bracketed text was never agreed).',
                )
                continue
            if after[0] > before[0]:
                if framed and ladder.rule == "DD101" and not ladder.flagged:
                    continue
                why = (
                    "a change stakeholders flagged as weakening"
                    if ladder.flagged
                    else (f"a weaker step on the {ladder.name} ladder")
                )
                what = {"DD109": "Weaker frame", "DD110": "Call made an invitation"}.get(
                    ladder.rule, "Weakened commitment"
                )
                checker.add(
                    ladder.rule,
                    change,
                    old_words,
                    new_words,
                    f'{what} in para {para}: "{before[1]}" became "{after[1]}" ({why}).',
                )
            elif not bracketed:  # a bracket resolved to its stronger alternative strengthens nothing agreed
                strengthened.report(
                    checker,
                    change,
                    old_words,
                    new_words,
                    f'Strengthened in para {para}: "{before[1]}" became "{after[1]}" ({ladder.name} ladder).',
                )


_REWRITE_WORDS = 6  # an edit longer than this on both sides may be another sentence altogether


def _in_one_place(edit: Edit, before: str, after: str) -> bool:
    """A step on a ladder is a weaker word in the same place: in a short edit it is, and in a
    long one ("recognizing enhanced actions …" → "noting that those Parties …") the word it
    governs, the next one, must be the same on both sides (the word before where it ends its
    clause), or the new words are another clause."""
    if len(edit.old.split()) <= _REWRITE_WORDS or len(edit.new.split()) <= _REWRITE_WORDS:
        return True
    old_before, old_after = _neighbours(before, edit.old_in_context)
    new_before, new_after = _neighbours(after, edit.new_in_context)
    if old_after or new_after:
        return old_after == new_after
    return old_before is not None and old_before == new_before


def _neighbours(words: str, text: str) -> tuple[str | None, str | None]:
    """The lemmas of the words just before and just after ``words`` in ``text``."""
    hits = phrases.find(words, text)
    if not hits:
        return None, None
    norm = phrases.normalize(text)
    before = norm[: hits[0].start].split()
    after = norm[hits[0].end :].split()
    return (phrases.lemma(before[-1]) if before else None, phrases.lemma(after[0]) if after else None)


def finish(checker: Checks) -> None:
    """DD111, after every family has run: [shall][should] -> should is a bracket resolved, not agreed language
    weakened: reported under DD111 (info), so coalitions still see it."""
    from ..diff.brackets import weaker_choice

    kept: list[Any] = []  # rules.findings.Finding
    for finding in checker.findings:
        if finding.rule in ("DD101", "DD109", "DD110") and finding.change is not None:
            choice = weaker_choice(finding.change, finding.before, finding.after)
            if choice is not None:
                if "DD111" not in checker.settings.disabled:
                    finding.rule = "DD111"
                    finding.severity = checker.settings.severity_of("DD111")
                    finding.message = (
                        f"Bracket resolved to the weaker alternative in para {finding.para}: {choice['message']} "
                        "(bracketed text was never agreed)."
                    )
                    kept.append(finding)
                continue
        kept.append(finding)
    checker.findings = kept
