"""draftdiff: see exactly what changed between drafts of a negotiated text.

import draftdiff
old, new = draftdiff.load("rev2.docx"), draftdiff.load("rev3.pdf")
comparison = draftdiff.compare(old, new)
for change in comparison.differences:
    print(change.heading, change.labels, [e.op for e in change.edits])
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document.model import Draft, Kind, Paragraph
from .readers import ReadOptions, load

if TYPE_CHECKING:
    from .diff.comparison import Change, Comparison
    from .diff.wording import Edit, Options

# Heavy modules (numpy, rapidfuzz, diff-match-patch) load when first used, so
# that `draftdiff --version` and `--help` start fast.
_LAZY = {
    "Change": ("draftdiff.diff.comparison", "Change"),
    "Comparison": ("draftdiff.diff.comparison", "Comparison"),
    "Edit": ("draftdiff.diff.wording", "Edit"),
    "Options": ("draftdiff.diff.wording", "Options"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'draftdiff' has no attribute {name!r}")


def compare(old: Draft | str | Path, new: Draft | str | Path, *, options: Options | None = None) -> Comparison:
    """Compare two drafts (Draft objects, or paths that are loaded first)."""
    from .diff.comparison import compare as _compare

    if not isinstance(old, Draft) and not isinstance(new, Draft):
        from .diff.tokens import prepare
        from .readers import load_pair

        old_draft, new_draft = load_pair(old, new, prepare=prepare)  # side by side on two cores when large
    else:
        old_draft = old if isinstance(old, Draft) else load(old)
        new_draft = new if isinstance(new, Draft) else load(new)
    return _compare(old_draft, new_draft, options=options)


def history(drafts: list[Draft | str | Path], names: list[str] | None = None, *, options: Options | None = None):
    """The history of every paragraph through ``drafts`` (Draft objects or
    paths, at least two, in the order of the negotiation): a
    :class:`draftdiff.negotiation.history.History`."""
    from .negotiation.history import history as _history

    loaded = [d if isinstance(d, Draft) else load(d) for d in drafts]
    return _history(loaded, names, options=options)


__all__ = [
    "Change",
    "Comparison",
    "Draft",
    "Edit",
    "Kind",
    "Options",
    "Paragraph",
    "ReadOptions",
    "__version__",
    "compare",
    "history",
    "load",
]
