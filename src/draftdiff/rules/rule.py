"""What a rule is: a stable code, a name, a default severity, and the words
that explain it (``draftdiff rules CODE``)."""

from __future__ import annotations

from dataclasses import dataclass

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
