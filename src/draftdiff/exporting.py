"""export: one Comparison rendered by the writer for the chosen format."""

from __future__ import annotations

import contextlib
import sys

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
) -> bytes | str:
    """One comparison in one format, through the writer registry. ``selected``
    (from a Selection) limits the change tables and the JSON to those changes;
    the DOCX redline is always the whole document, so that accepting it gives
    the new draft."""
    from .diff.report import Report
    from .writers.registry import WriteOptions, writer

    report = Report(comparison, selected=selected, check=check_result)
    options = WriteOptions(include_unchanged=include_unchanged, author=author, bom=bom, progress=progress)
    return writer(fmt, "report").render(report, options)


@contextlib.contextmanager
def no_progress():
    yield None


@contextlib.contextmanager
def progress_bar(total: int, *, threshold: int = 300, label: str = "Writing"):
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    if total < threshold or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from .writers.terminal import make_console

    with Progress(console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
