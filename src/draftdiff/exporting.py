"""export: one Comparison rendered by the writer for the chosen format."""

from __future__ import annotations

from .diff.comparison import Comparison

FORMATS = ("xlsx", "csv", "md", "html", "docx", "json")


def render(
    comparison: Comparison,
    fmt: str,
    *,
    check_result=None,
    include_unchanged: bool = False,
    author: str = "draftdiff",
    bom: bool = False,
    progress=None,
    selected=None,
    notify=None,
) -> bytes | str:
    """One comparison in one format, through the writer registry. ``selected``
    (from a Selection) limits the change tables and the JSON to those changes;
    the DOCX redline is always the whole document, so that accepting it gives
    the new draft."""
    from .diff.report import Report
    from .writers.registry import WriteOptions, writer

    report = Report(comparison, selected=selected, check=check_result)
    options = WriteOptions(
        include_unchanged=include_unchanged, author=author, bom=bom, progress=progress, notify=notify
    )
    return writer(fmt, "report").render(report, options)
