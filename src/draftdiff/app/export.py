"""``draftdiff export``: the comparison written to share (XLSX, CSV, Markdown,
HTML, a DOCX redline, JSON), optionally with check's findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.comparison import Change, Comparison
from ..diff.selection import Selection
from ..diff.wording import Options
from .pair import PairRequest, load_pair, open_config
from .register import Notify, quiet


@dataclass(frozen=True)
class ExportRequest:
    pair: PairRequest
    compare: Options = field(default_factory=Options)
    with_check: bool = False
    protect: tuple[str, ...] = ()
    include_unchanged: bool = False  # --all: unchanged paragraphs in tables too
    selection: Selection = field(default_factory=Selection)


@dataclass
class Exported:
    comparison: Comparison
    check: object  # rules.CheckResult, or None
    selected: list[Change] | None


def run(request: ExportRequest, notify: Notify = quiet) -> Exported:
    from ..diff.comparison import compare

    config = open_config(request.pair.config)  # read once: draft names and [check]
    old, new = load_pair(request.pair, config, notify)
    comparison = compare(old, new, options=request.compare)
    result = None
    if request.with_check:
        from ..rules import check, load_settings

        result = check(comparison, load_settings(config, protect=list(request.protect) or None))  # type: ignore[arg-type]
    selection = request.selection
    selected = None if selection.empty else selection.select(comparison, include_unchanged=request.include_unchanged)
    return Exported(comparison, result, selected)
