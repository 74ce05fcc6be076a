"""export: one Comparison rendered by the writer for the chosen format."""

from __future__ import annotations

import contextlib
import sys

from .comparison import Comparison
from .writers import csv as csv_writer
from .writers import docx as docx_writer
from .writers import html as html_writer
from .writers import json as json_writer
from .writers import markdown as markdown_writer
from .writers import xlsx as xlsx_writer
from .writers.table import rows as table_rows

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
    """One comparison in one format. ``selected`` (from a Selection) limits the
    change tables and the JSON to those changes; the DOCX redline is always
    the whole document, so that accepting it gives the new draft."""
    with_findings = check_result is not None
    if fmt == "docx":
        return docx_writer.document(comparison, author=author)
    if fmt == "json":
        document = comparison.to_json()
        if selected is not None:
            document["changes"] = [c.to_json() for c in selected]
        if check_result is not None:
            document["findings"] = [f.to_json() for f in check_result.findings]
        return json_writer.dumps(document)
    table = table_rows(comparison, include_unchanged=include_unchanged, check_result=check_result, selected=selected)
    if fmt == "xlsx":
        return xlsx_writer.document(comparison, table, with_findings=with_findings, progress=progress)
    if fmt == "csv":
        return csv_writer.document(table, with_findings=with_findings, bom=bom)
    if fmt == "html":
        return html_writer.document(comparison, table, with_findings=with_findings)
    if fmt == "md":
        findings = {id(row.change): row.codes for row in table} if with_findings else None
        return markdown_writer.compare_document(comparison, [row.change for row in table], findings)
    raise ValueError(f"unknown export format {fmt!r}")


@contextlib.contextmanager
def no_progress():
    yield None


@contextlib.contextmanager
def progress_bar(total: int, *, threshold: int = 300):
    """A progress bar on stderr for long exports, only when stderr is a terminal."""
    if total < threshold or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from .writers.terminal import make_console

    with Progress(console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task("Writing", total=total)
        yield lambda: progress.advance(task)
