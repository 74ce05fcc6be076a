"""Language-regression rules (a package: one module per rule family): findings a delegate understands, with stable codes.

| code  | name                        | default  |
| ----- | --------------------------- | -------- |
| DD101 | weakened-commitment         | warning  |
| DD102 | hedge-added                 | warning  |
| DD103 | universality-lost           | warning  |
| DD104 | protected-language-removed  | error    |
| DD105 | protected-language-moved    | info     |
| DD106 | strengthened                | info     |

Rules read a :class:`~draftdiff.diff.comparison.Comparison` (alignment and edits)
and the language data in ``data/language.toml``, extended by the ``[check]``
table of the configuration.
"""

from __future__ import annotations

from .catalog import RULES, example_segments, find_rule
from .engine import Checker, check
from .findings import CheckResult, Finding
from .rule import FAIL_ON, SEVERITIES, Rule
from .settings import Ladder, Settings, Waiver, load_settings

__all__ = [
    "FAIL_ON",
    "RULES",
    "SEVERITIES",
    "CheckResult",
    "Checker",
    "Finding",
    "Ladder",
    "Rule",
    "Settings",
    "Waiver",
    "check",
    "example_segments",
    "find_rule",
    "load_settings",
]
