"""DD104 and DD105: a protected phrase (--protect, [check] protect) removed from its
paragraph, or moved to another one."""

from __future__ import annotations

from .. import phrases
from .common import text_of
from .rule import Checks, Rule

RULES = (
    Rule(
        "DD104",
        "protected-language-removed",
        "error",
        "A protected phrase is gone from its paragraph.",
        "Coalitions keep lists of the phrases they fought for (--protect, or [check] protect). When one of "
        "them disappears from its paragraph, or its paragraph is deleted, that is the change they most need "
        "to see.",
        "Migrants shall have access to justice regardless of migration status.",
        "Migrants shall have access to justice.",
    ),
    Rule(
        "DD105",
        "protected-language-moved",
        "info",
        "A protected phrase moved to another paragraph.",
        "A protected phrase that left its paragraph but stands in another one is kept, but its context "
        "changed: worth a look, not an alarm.",
        "We will end child immigration detention. (in para 30)",
        "We will end child immigration detention. (now in para 19)",
    ),
)


# DD104 / DD105: protected language
def run(checker: Checks) -> None:
    comparison = checker.comparison
    change_of_old = {id(p): c for c in comparison.changes for p in c.old}
    change_of_new = {id(p): c for c in comparison.changes for p in c.new}

    def has(text: str, phrase: str) -> bool:
        return bool(phrases.count(phrase, text, gap=2))

    for phrase in checker.settings.protect:
        # new paragraphs that hold the phrase and whose old counterpart did not
        gained = [
            p
            for p in comparison.new.paragraphs
            if has(p.text, phrase) and not (change_of_new[id(p)].old and has(text_of(change_of_new[id(p)].old), phrase))
        ]
        for para in comparison.old.paragraphs:
            if not has(para.text, phrase):
                continue
            change = change_of_old.get(id(para))
            if change is None:
                continue
            if change.new and has(text_of(change.new), phrase):
                continue  # kept
            own = {id(p) for p in change.new}
            elsewhere = [p for p in gained if id(p) not in own]
            if elsewhere:
                target = elsewhere[0]
                checker.add(
                    "DD105",
                    change,
                    phrase,
                    phrase,
                    f'Protected language "{phrase}" moved from para {para.id} to para {target.id}.',
                    old=para.id,
                    new=target.id,
                    old_section=para.section,
                    new_section=target.section,
                    new_line=target.location.line,
                )
            elif not change.new:
                checker.add(
                    "DD104",
                    change,
                    phrase,
                    "",
                    f'Protected language removed: "{phrase}" was in para {para.id}, which was deleted.',
                    old=para.id,
                    new=None,
                    old_section=para.section,
                )
            else:
                checker.add(
                    "DD104",
                    change,
                    phrase,
                    "",
                    f'Protected language removed: "{phrase}" is gone from para {para.id}'
                    f"{' (now ' + ', '.join(change.new_ids) + ')' if change.new_ids != [para.id] else ''}.",
                    old=para.id,
                )
