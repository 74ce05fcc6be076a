"""``draftdiff compare``: what changed between two drafts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.comparison import Change, Comparison
from ..diff.report import Report
from ..diff.selection import Selection
from ..diff.wording import Options
from .pair import PairRequest, load_pair, open_config
from .register import Notify, quiet


@dataclass(frozen=True)
class CompareRequest:
    pair: PairRequest
    compare: Options = field(default_factory=Options)
    selection: Selection = field(default_factory=Selection)


@dataclass
class Compared:
    comparison: Comparison
    selection: Selection
    chosen: list[Change]

    def report(self, fmt: str) -> Report:
        """The report a format shows: the terminal and Markdown list the chosen
        changes, JSON all of them unless a selection was made."""
        if fmt in ("terminal", "markdown") or not self.selection.empty:
            return Report(self.comparison, self.selection, self.chosen)
        return Report(self.comparison, self.selection, None)


def run(request: CompareRequest, notify: Notify = quiet) -> Compared:
    from ..diff.comparison import compare

    config = open_config(request.pair.config)
    old, new = load_pair(request.pair, config, notify)
    comparison = compare(old, new, options=request.compare)
    return Compared(comparison, request.selection, request.selection.select(comparison))
