"""What a rule is: a stable code, a name, a default severity, and the words
that explain it (``draftdiff rules CODE``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..diff.comparison import Change, Comparison

SEVERITIES = ("info", "warning", "error")
FAIL_ON = (*SEVERITIES, "never")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    rationale: str = ""
    before: str = ""  # an example old text that the rule flags ...
    after: str = ""  # ... once it became this


class Checks(Protocol):
    """What a rule family sees of the checker (``engine.Checker``): the
    comparison, the settings, and where to add a finding. A protocol, so that
    the families, the catalog that lists them and the engine that runs them
    import one way only."""

    comparison: Comparison
    settings: Any  # a rules.settings.Settings (which reads the catalog, which reads the families)
    findings: list[Any]  # the findings so far (rules.findings.Finding): a family may defer to another's

    def add(
        self,
        code: str,
        change: Change | None,
        before: str,
        after: str,
        message: str,
        *,
        old: str | None = None,
        new: str | None = None,
        old_section: str = "",
        new_section: str = "",
        new_line: int | None = None,
    ) -> None: ...

    def edited_changes(self) -> list[Change]: ...
