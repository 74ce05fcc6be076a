"""Every output format, in one table: which results it can write, and how.

A command asks :func:`writer` for a format and its result kind; a format that
cannot write that result is one clear error listing the ones that can
("check cannot be written as xlsx; choose one of github, json, junit, sarif").
Adding a format is one module plus one line here.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import DraftDiffError

if TYPE_CHECKING:
    from rich.console import Console

    from .table import Row


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
    notify: Callable[[str], None] | None = (
        None  # one-line warnings on the way (DOCX redline: what it left out or could not keep)
    )


# -- the many-draft results: each module's functions, by format -------------------------


def _history(fmt: str) -> Callable[[Any, WriteOptions], str | bytes]:
    def render(view: Any, options: WriteOptions) -> str | bytes:
        from . import history

        if fmt == "terminal":
            return history.terminal_text(view, no_color=options.no_color, width=options.width)
        if fmt == "csv":
            return history.csv_document(view, bom=options.bom)
        documents: dict[str, Callable[[Any], str | bytes]] = {
            "json": history.json_document,
            "md": history.markdown_document,
            "xlsx": history.xlsx_document,
            "html": history.html_document,
            "docx": history.docx_document,
        }
        return documents[fmt](view)

    return render


def _trace(fmt: str) -> Callable[[Any, WriteOptions], str | bytes]:
    def render(view: Any, options: WriteOptions) -> str | bytes:
        from . import trace

        if fmt == "terminal":
            return trace.terminal_text(view.trace, no_color=options.no_color, width=options.width, context=view.context)
        if fmt == "csv":
            return trace.csv_document(view.trace, bom=options.bom)
        from . import github, junit, sarif

        gates: dict[str, Callable[[Any, Any], str]] = {
            "github": github.trace_document,
            "sarif": sarif.trace_document,
            "junit": junit.trace_document,
        }
        if fmt in gates:
            return gates[fmt](view.trace, view.failing)
        documents: dict[str, Callable[[Any], str | bytes]] = {
            "json": trace.json_document,
            "md": trace.markdown_document,
            "xlsx": trace.xlsx_document,
        }
        return documents[fmt](view.trace)

    return render


def _refs(fmt: str) -> Callable[[Any, WriteOptions], str | bytes]:
    def render(view: Any, options: WriteOptions) -> str | bytes:
        from . import refs

        if fmt == "terminal":
            return refs.terminal_text(view.refs, no_color=options.no_color, width=options.width)
        if fmt == "csv":
            return refs.csv_document(view.refs, bom=options.bom)
        documents: dict[str, Callable[[Any], str | bytes]] = {
            "json": refs.json_document,
            "md": refs.markdown_document,
            "xlsx": refs.xlsx_document,
            "html": refs.html_document,
        }
        return documents[fmt](view.refs)

    return render


def _stats(fmt: str) -> Callable[[Any, WriteOptions], str | bytes]:
    def render(view: Any, options: WriteOptions) -> str | bytes:
        from . import stats

        if fmt == "terminal":
            return stats.terminal_text(view.stats, no_color=options.no_color, width=options.width)
        if fmt == "csv":
            return stats.csv_document(view.stats, bom=options.bom)
        documents: dict[str, Callable[[Any], str | bytes]] = {
            "json": stats.json_document,
            "xlsx": stats.xlsx_document,
            "html": stats.html_document,
        }
        return documents[fmt](view.stats)

    return render


def _versions(fmt: str) -> Callable[[Any, WriteOptions], str | bytes]:
    def render(result: Any, options: WriteOptions) -> str | bytes:
        from . import versions

        if fmt == "terminal":
            return versions.terminal_text(result, no_color=options.no_color, width=options.width)
        if fmt == "csv":
            return versions.csv_document(result, bom=options.bom)
        documents: dict[str, Callable[[Any], str | bytes]] = {
            "json": versions.json_document,
            "xlsx": versions.xlsx_document,
            "html": versions.html_document,
        }
        return documents[fmt](result)

    return render


# -- a pair's report (compare, export) ---------------------------------------------------


def _report_json(report: Any, options: WriteOptions) -> str:
    from .json import dumps

    document = report.comparison.to_json()
    if report.selected is not None:
        document["changes"] = [c.to_json() for c in report.selected]
    if report.check is not None:
        document["findings"] = [f.to_json() for f in report.check.findings]
    return dumps(document)


def _table(report: Any, options: WriteOptions) -> list[Row]:
    from .table import rows

    return rows(
        report.comparison,
        include_unchanged=options.include_unchanged,
        check_result=report.check,
        selected=report.selected,
    )


def _report_markdown(report: Any, options: WriteOptions) -> str:
    from . import markdown

    return markdown.compare_document(report.comparison, _table(report, options), with_findings=report.check is not None)


def _report_csv(report: Any, options: WriteOptions) -> bytes:
    from . import csv

    return csv.document(_table(report, options), with_findings=report.check is not None, bom=options.bom)


def _report_xlsx(report: Any, options: WriteOptions) -> bytes:
    from . import xlsx

    table = _table(report, options)
    return xlsx.document(report.comparison, table, with_findings=report.check is not None, progress=options.progress)


def _report_html(report: Any, options: WriteOptions) -> str:
    from . import html

    return html.document(report.comparison, _table(report, options), with_findings=report.check is not None)


def _report_docx(report: Any, options: WriteOptions) -> bytes:
    from . import docx

    return docx.document(report.comparison, author=options.author, notify=options.notify)  # the whole document


# -- check: one pair, or every step of a register (its gate is the net result) ---------


def _check_github(result: Any, options: WriteOptions) -> str:
    from .github import check_document

    return check_document(result)


def _check_junit(result: Any, options: WriteOptions) -> str:
    from .junit import check_document

    return check_document(result)


def _check_sarif(result: Any, options: WriteOptions) -> str:
    from .sarif import check_document

    return check_document(result)


def _check_json(result: Any, options: WriteOptions) -> str:
    from .json import check_document

    return check_document(result)


def _net(render: Callable[[Any, WriteOptions], str]) -> Callable[[Any, WriteOptions], str]:
    """A register check written as a pair's: its net result, first draft to last."""
    return lambda result, options: render(result.net, options)


# -- the terminal ------------------------------------------------------------------------


def _console(options: WriteOptions) -> tuple[io.StringIO, Console]:
    from . import terminal

    buffer = io.StringIO()
    console = terminal.make_console(
        no_color=options.no_color, width=options.width, file=buffer, force_terminal=not options.no_color
    )
    return buffer, console


def _draft_terminal(draft: Any, options: WriteOptions) -> str:
    from . import terminal

    buffer, console = _console(options)
    terminal.print_parse(draft, console, comments=options.comments)
    return buffer.getvalue()


def _report_terminal(report: Any, options: WriteOptions) -> str:
    from . import terminal

    buffer, console = _console(options)
    comparison = report.comparison
    changes = report.selected if report.selected is not None else comparison.differences
    terminal.print_compare(comparison, changes, console, side_by_side=options.side_by_side, stat=options.stat)
    return buffer.getvalue()


def _check_terminal(result: Any, options: WriteOptions) -> str:
    from . import terminal

    buffer, console = _console(options)
    terminal.print_check(result, console)
    return buffer.getvalue()


def _checks_terminal(result: Any, options: WriteOptions) -> str:
    from . import terminal

    buffer, console = _console(options)
    terminal.print_register_check(result, console)
    return buffer.getvalue()


def _drafts_terminal(listing: Any, options: WriteOptions) -> str:
    from .drafts import print_drafts

    buffer, console = _console(options)
    print_drafts(listing, console)
    return buffer.getvalue()


def _drafts_json(listing: Any, options: WriteOptions) -> str:
    from .drafts import json_document

    return json_document(listing)


def _draft_json(draft: Any, options: WriteOptions) -> str:
    from .json import parse_document

    return parse_document(draft)


def _draft_text(draft: Any, options: WriteOptions) -> str:
    from .text import parse_document

    return parse_document(draft)


# -- the tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    name: str
    binary: bool = False  # cannot go to a terminal or a pipe: -o FILE only
    suffixes: tuple[str, ...] = ()
    summary: str = ""


FORMATS: dict[str, Format] = {
    spec.name: spec
    for spec in (
        Format("terminal", summary="what the terminal shows"),
        Format("json", suffixes=(".json",)),
        Format("text", suffixes=(".txt",), summary="one paragraph a line, id first"),
        Format("md", suffixes=(".md", ".markdown"), summary="a change table (a history matrix) in Markdown"),
        Format("csv", suffixes=(".csv",), summary="a change table or a history matrix (UTF-8 text)"),
        Format(
            "xlsx",
            binary=True,
            suffixes=(".xlsx",),
            summary="a change table (a history matrix and its steps) for Excel",
        ),
        Format("html", suffixes=(".html", ".htm"), summary="one page, no network"),
        Format(
            "docx",
            binary=True,
            suffixes=(".docx",),
            summary="a redline with tracked changes (a history: a proposed revert)",
        ),
        Format("github", summary="GitHub Actions annotations"),
        Format("junit", suffixes=(".xml",), summary="JUnit XML"),
        Format("sarif", suffixes=(".sarif",), summary="SARIF 2.1.0"),
    )
}

Render = Callable[[Any, WriteOptions], "str | bytes"]

# (kind of result, format) -> how to write it. The kinds: "draft" (parse), "drafts" (the register),
# "report" (compare, export), "check" (a pair), "checks" (every step of a
# register), "history", "trace", "refs", "stats" (their views), "versions" (language versions).
RENDERERS: dict[tuple[str, str], Render] = {
    ("draft", "terminal"): _draft_terminal,
    ("draft", "json"): _draft_json,
    ("draft", "text"): _draft_text,
    ("drafts", "terminal"): _drafts_terminal,
    ("drafts", "json"): _drafts_json,
    ("report", "terminal"): _report_terminal,
    ("report", "json"): _report_json,
    ("report", "md"): _report_markdown,
    ("report", "csv"): _report_csv,
    ("report", "xlsx"): _report_xlsx,
    ("report", "html"): _report_html,
    ("report", "docx"): _report_docx,
    ("check", "terminal"): _check_terminal,
    ("check", "json"): _check_json,
    ("check", "github"): _check_github,
    ("check", "junit"): _check_junit,
    ("check", "sarif"): _check_sarif,
    ("checks", "terminal"): _checks_terminal,
    ("checks", "json"): _check_json,
    ("checks", "github"): _net(_check_github),
    ("checks", "junit"): _net(_check_junit),
    ("checks", "sarif"): _net(_check_sarif),
    **{("history", fmt): _history(fmt) for fmt in ("terminal", "json", "md", "csv", "xlsx", "html", "docx")},
    **{("trace", fmt): _trace(fmt) for fmt in ("terminal", "json", "md", "csv", "xlsx", "github", "sarif", "junit")},
    **{("refs", fmt): _refs(fmt) for fmt in ("terminal", "json", "md", "csv", "xlsx", "html")},
    **{("stats", fmt): _stats(fmt) for fmt in ("terminal", "json", "csv", "xlsx", "html")},
    **{("versions", fmt): _versions(fmt) for fmt in ("terminal", "json", "csv", "xlsx", "html")},
}


@dataclass(frozen=True)
class Writer:
    """One format for one kind of result: what a command asks :func:`writer` for."""

    name: str
    kind: str
    render: Render
    binary: bool = False
    suffixes: tuple[str, ...] = ()
    summary: str = ""


ALIASES = {"markdown": "md"}


def formats_for(kind: str) -> list[str]:
    return sorted(fmt for result, fmt in RENDERERS if result == kind)


def writer(fmt: str, kind: str) -> Writer:
    """The writer of a format for a kind of result, or one line that says which formats can."""
    name = ALIASES.get(fmt, fmt)
    render = RENDERERS.get((kind, name))
    if render is None:
        shown = "check" if kind == "checks" else kind
        raise DraftDiffError(
            f"{shown} cannot be written as {fmt}", hint=f"choose one of {', '.join(formats_for(kind))}"
        )
    from ..provenance import stamped

    spec = FORMATS[name]
    # DOCX and Markdown carry our mark, so that a folder of drafts never takes them for one
    return Writer(name, kind, stamped(name, render), spec.binary, spec.suffixes, spec.summary)


def format_of(path: str, kind: str) -> str | None:
    """The format a file name's suffix asks for, among those that can write this result."""
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return next((name for name, spec in FORMATS.items() if suffix in spec.suffixes and (kind, name) in RENDERERS), None)
