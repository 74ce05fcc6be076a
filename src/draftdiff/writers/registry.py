"""Every output format, in one table: which results it can write, and how.

A command asks :func:`writer` for a format and its result kind; a format that
cannot write that result is one clear error listing the ones that can
("check cannot be written as xlsx; choose one of github, json, junit, sarif").
Adding a format is one module plus one line here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import DraftDiffError


@dataclass(frozen=True)
class WriteOptions:
    include_unchanged: bool = False  # change tables: unchanged paragraphs too
    author: str = "draftdiff"  # DOCX redline: the tracked changes' author
    bom: bool = False  # CSV: a UTF-8 BOM for Excel
    progress: Callable[[], None] | None = None  # called once per table row
    no_color: bool = True  # terminal text: [-deleted-]{+inserted+} markers instead of colours
    width: int = 100  # terminal text: columns
    side_by_side: bool = False  # terminal report: old and new in two columns
    stat: bool = False  # terminal report: the summary and one line per change
    comments: bool = False  # terminal parse: the DOCX comments too


@dataclass(frozen=True)
class Writer:
    name: str
    results: tuple[str, ...]  # "draft" (parse), "report" (compare, export), "check", "history", "trace", "refs"
    render: Callable[[Any, WriteOptions], str | bytes]
    binary: bool = False  # cannot go to a terminal or a pipe: -o FILE only
    suffixes: tuple[str, ...] = ()
    summary: str = ""


def _or_many(render: Callable[[Any, WriteOptions], str | bytes], fmt: str):
    """A writer that also writes the many-draft results (a history, a trace)
    in format ``fmt``, with their own modules' functions."""

    def dispatch(result, options: WriteOptions):
        for module_name, view, renderer in _MANY_DRAFT_VIEWS:
            # a view exists only if its module was loaded: never load it to find out
            module = sys.modules.get(f"draftdiff.negotiation.{module_name}")
            if module is not None and isinstance(result, getattr(module, view)):
                return renderer(fmt)(result, options)
        return render(result, options)

    return dispatch


def _refs(name: str):
    def render(view, options: WriteOptions):
        from . import refs

        if name == "terminal":
            return refs.terminal_text(view.refs, no_color=options.no_color, width=options.width)
        if name == "csv":
            return refs.csv_document(view.refs, bom=options.bom)
        return getattr(refs, f"{name}_document")(view.refs)

    return render


def _stats(name: str):
    def render(view, options: WriteOptions):
        from . import stats

        if name == "terminal":
            return stats.terminal_text(view.stats, no_color=options.no_color, width=options.width)
        if name == "csv":
            return stats.csv_document(view.stats, bom=options.bom)
        return getattr(stats, f"{name}_document")(view.stats)

    return render


def _trace(name: str):
    def render(view, options: WriteOptions):
        from . import trace

        if name == "terminal":
            return trace.terminal_text(view.trace, no_color=options.no_color, width=options.width, context=view.context)
        if name == "csv":
            return trace.csv_document(view.trace, bom=options.bom)
        if name in ("github", "sarif", "junit"):
            return getattr(trace, f"{name}_document")(view.trace, view.failing)
        return getattr(trace, f"{name}_document")(view.trace)

    return render


def _history(name: str):
    def render(view, options: WriteOptions):
        from . import history

        if name == "terminal":
            return history.terminal_text(view, no_color=options.no_color, width=options.width)
        if name == "csv":
            return history.csv_document(view, bom=options.bom)
        return getattr(history, f"{name}_document")(view)

    return render


_MANY_DRAFT_VIEWS = (
    ("history", "HistoryView", _history),
    ("trace", "TraceView", _trace),
    ("refs", "RefsView", _refs),
    ("stats", "StatsView", _stats),
)


def _report_json(report, options: WriteOptions) -> str:
    from .json import dumps

    document = report.comparison.to_json()
    if report.selected is not None:
        document["changes"] = [c.to_json() for c in report.selected]
    if report.check is not None:
        document["findings"] = [f.to_json() for f in report.check.findings]
    return dumps(document)


def _table(report, options: WriteOptions):
    from .table import rows

    return rows(
        report.comparison,
        include_unchanged=options.include_unchanged,
        check_result=report.check,
        selected=report.selected,
    )


def _markdown(report, options: WriteOptions) -> str:
    from . import markdown

    table = _table(report, options)
    findings = {id(row.change): row.codes for row in table} if report.check is not None else None
    return markdown.compare_document(report.comparison, [row.change for row in table], findings)


def _csv(report, options: WriteOptions) -> bytes:
    from . import csv

    return csv.document(_table(report, options), with_findings=report.check is not None, bom=options.bom)


def _xlsx(report, options: WriteOptions) -> bytes:
    from . import xlsx

    table = _table(report, options)
    return xlsx.document(report.comparison, table, with_findings=report.check is not None, progress=options.progress)


def _html(report, options: WriteOptions) -> str:
    from . import html

    return html.document(report.comparison, _table(report, options), with_findings=report.check is not None)


def _docx(report, options: WriteOptions) -> bytes:
    from . import docx

    return docx.document(report.comparison, author=options.author)  # the whole document, always


def _check(module: str) -> Callable[[Any, WriteOptions], str]:
    def render(result, options: WriteOptions) -> str:
        import importlib

        if module != "json":
            result = getattr(result, "net", result)  # across the register, the gate is the net result
        return importlib.import_module(f"draftdiff.writers.{module}").check_document(result)

    return render


def _terminal(result, options: WriteOptions) -> str:
    """What the terminal shows, as text (for a file, a pager or a test)."""
    import io

    from ..document.model import Draft
    from . import terminal

    buffer = io.StringIO()
    console = terminal.make_console(
        no_color=options.no_color, width=options.width, file=buffer, force_terminal=not options.no_color
    )
    if isinstance(result, Draft):
        terminal.print_parse(result, console, comments=options.comments)
    elif hasattr(result, "selection"):
        comparison = result.comparison
        changes = result.selected if result.selected is not None else comparison.differences
        terminal.print_compare(comparison, changes, console, side_by_side=options.side_by_side, stat=options.stat)
    elif hasattr(result, "steps") and hasattr(result, "net"):
        terminal.print_register_check(result, console)
    else:
        terminal.print_check(result, console)
    return buffer.getvalue()


def _draft_json(draft, options: WriteOptions) -> str:
    from .json import parse_document

    return parse_document(draft)


def _draft_text(draft, options: WriteOptions) -> str:
    from .text import parse_document

    return parse_document(draft)


WRITERS: dict[str, Writer] = {
    spec.name: spec
    for spec in (
        Writer(
            "terminal",
            ("draft", "report", "check", "history", "trace", "refs", "stats"),
            _or_many(_terminal, "terminal"),
            summary="what the terminal shows",
        ),
        Writer(
            "json",
            ("draft", "report", "check", "history", "trace", "refs", "stats"),
            _or_many(lambda r, o: _dispatch_json(r, o), "json"),
            suffixes=(".json",),
        ),
        Writer("text", ("draft",), _draft_text, suffixes=(".txt",), summary="one paragraph a line, id first"),
        Writer(
            "md",
            ("report", "history", "trace", "refs"),
            _or_many(_markdown, "markdown"),
            suffixes=(".md", ".markdown"),
            summary="a change table (a history matrix) in Markdown",
        ),
        Writer(
            "csv",
            ("report", "history", "trace", "refs", "stats"),
            _or_many(_csv, "csv"),
            suffixes=(".csv",),
            summary="a change table or a history matrix (UTF-8 text)",
        ),
        Writer(
            "xlsx",
            ("report", "history", "trace", "refs", "stats"),
            _or_many(_xlsx, "xlsx"),
            binary=True,
            suffixes=(".xlsx",),
            summary="a change table (a history matrix and its steps) for Excel",
        ),
        Writer(
            "html",
            ("report", "history", "refs", "stats"),
            _or_many(_html, "html"),
            suffixes=(".html", ".htm"),
            summary="one page, no network",
        ),
        Writer(
            "docx",
            ("report", "history"),
            _or_many(_docx, "docx"),
            binary=True,
            suffixes=(".docx",),
            summary="a redline with tracked changes (a history: a proposed revert)",
        ),
        Writer(
            "github", ("check", "trace"), _or_many(_check("github"), "github"), summary="GitHub Actions annotations"
        ),
        Writer(
            "junit", ("check", "trace"), _or_many(_check("junit"), "junit"), suffixes=(".xml",), summary="JUnit XML"
        ),
        Writer(
            "sarif", ("check", "trace"), _or_many(_check("sarif"), "sarif"), suffixes=(".sarif",), summary="SARIF 2.1.0"
        ),
    )
}
ALIASES = {"markdown": "md"}


def _dispatch_json(result, options: WriteOptions) -> str:
    from ..document.model import Draft

    if isinstance(result, Draft):
        return _draft_json(result, options)
    if hasattr(result, "comparison") and hasattr(result, "selection"):
        return _report_json(result, options)
    return _check("json")(result, options)


def formats_for(kind: str) -> list[str]:
    return sorted(name for name, spec in WRITERS.items() if kind in spec.results)


def writer(fmt: str, kind: str) -> Writer:
    """The writer of a format for a kind of result, or one line that says which formats can."""
    spec = WRITERS.get(ALIASES.get(fmt, fmt))
    if spec is None or kind not in spec.results:
        raise DraftDiffError(f"{kind} cannot be written as {fmt}", hint=f"choose one of {', '.join(formats_for(kind))}")
    return spec


def format_of(path: str, kind: str) -> str | None:
    """The format a file name's suffix asks for, among those that can write this result."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return next((name for name, spec in WRITERS.items() if suffix in spec.suffixes and kind in spec.results), None)
