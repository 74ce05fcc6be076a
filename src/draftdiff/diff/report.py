"""One result for a comparison of two drafts: what every writer renders.

A :class:`Report` holds the comparison, the selection that chose its changes,
and the check findings when there are some, so that a writer needs nothing
else, and commands to come (history, trace) add results of their own in the
same style.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .comparison import Change, Comparison
from .selection import Selection


@dataclass
class Report:
    comparison: Comparison
    selection: Selection = field(default_factory=Selection)
    selected: list[Change] | None = None  # the chosen changes; None: every change (and tables list changes only)
    check: object | None = None  # a rules.CheckResult, when --check was asked for

    @classmethod
    def of(cls, comparison: Comparison, selection: Selection | None = None, *, check=None, include_unchanged=False):
        """Apply the selection (a DraftDiffError when a reference names no paragraph)."""
        selection = selection or Selection()
        chosen = None if selection.empty else selection.select(comparison, include_unchanged=include_unchanged)
        return cls(comparison, selection, chosen, check)
