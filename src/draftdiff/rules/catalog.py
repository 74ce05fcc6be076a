"""Every rule, by code: the families declare them, this collects them."""

from __future__ import annotations

from ..errors import DraftDiffError
from . import agreed, hedges, ladders, protected, softeners, universality
from .rule import Rule

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in sorted(
        (*ladders.RULES, *softeners.RULES, *hedges.RULES, *universality.RULES, *protected.RULES, *agreed.RULES),
        key=lambda rule: rule.code,
    )
}
_BY_NAME = {rule.name: code for code, rule in RULES.items()}


def example_segments(rule: Rule) -> list[tuple[str, str]]:
    """The word diff of a rule's example, for `draftdiff rules CODE`."""
    from ..diff.wording import diff

    return diff(rule.before, rule.after).segments if rule.before else []


def find_rule(code_or_name: str) -> Rule:
    """A rule by code (``DD102``, any case) or name (``hedge-added``)."""
    key = code_or_name.strip()
    rule = RULES.get(key.upper()) or RULES.get(_BY_NAME.get(key.lower(), ""))
    if rule is None:
        from ..config import did_you_mean

        known = [*RULES, *_BY_NAME]
        raise DraftDiffError(f"no rule {code_or_name!r}{did_you_mean(key, known)}", hint="list them: draftdiff rules")
    return rule
