"""The one registry of check's rules. Each family module owns its codes
(their ``Rule`` metadata in its ``RULES``, their checks in its ``run``); this
lists the families, in the order the engine runs them (the change families,
then protected language over the whole comparison, then agreed language),
and every rule by code and by name. Adding a family is one module and one
entry in FAMILIES; adding a rule, a ``Rule`` in its family's module."""

from __future__ import annotations

from ..errors import DraftDiffError
from . import agreed, hedges, ladders, protected, softeners, strengthened, universality
from .rule import Rule

FAMILIES = (ladders, softeners, hedges, universality, protected, agreed, strengthened)
# run over every finding once all families have: DD111 re-reads weakenings that were a bracket resolved
FINISHERS = (ladders.finish,)

RULES: dict[str, Rule] = {
    rule.code: rule for rule in sorted((rule for family in FAMILIES for rule in family.RULES), key=lambda r: r.code)
}
BY_NAME: dict[str, str] = {rule.name: code for code, rule in RULES.items()}


def example_segments(rule: Rule) -> list[tuple[str, str]]:
    """The word diff of a rule's example, for `draftdiff rules CODE`."""
    from ..diff.wording import diff

    return diff(rule.before, rule.after).segments if rule.before else []


def find_rule(code_or_name: str) -> Rule:
    """A rule by code (``DD102``, any case) or name (``hedge-added``)."""
    key = code_or_name.strip()
    rule = RULES.get(key.upper()) or RULES.get(BY_NAME.get(key.lower(), ""))
    if rule is None:
        from ..config import did_you_mean

        known = [*RULES, *BY_NAME]
        raise DraftDiffError(f"no rule {code_or_name!r}{did_you_mean(key, known)}", hint="list them: draftdiff rules")
    return rule
