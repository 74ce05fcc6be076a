"""XLSX change table a delegate can work in: frozen header, filters, wrapped
text, deletions in red strike-through and insertions in green underline as
rich text inside the cell, and a summary sheet."""

from __future__ import annotations

from . import markup
from .spreadsheet import BOLD, EQUAL, MAX_CELL, PLAIN, TITLE, Column, Rich, Workbook
from .table import Row
from .table import columns as table_columns
from .untrusted import name as safe_name

_WIDTHS = {
    "Section": 24,
    "Old": 9,
    "New": 9,
    "Change": 14,
    "Old text": 50,
    "New text": 50,
    "Changes marked": 60,
    "Findings": 18,
    "Comments": 40,
    "Brackets": 30,
}


def runs(segments: list[tuple[str, str]]) -> Rich:
    """A marked cell's runs: what stays, what was deleted, what was inserted."""
    out: Rich = []
    for piece in markup.pieces(segments):
        for chunk, op in ((piece.lead, EQUAL), (piece.body, piece.op), (piece.trail, EQUAL)):
            if chunk:
                out.append((chunk, op))
    return out


def change_sheet(book: Workbook, title: str, rows: list[Row], *, with_findings: bool, progress=None) -> None:
    """The change table as a sheet: the columns of ``table.columns``, in their order."""
    names = table_columns(with_findings=with_findings)
    sheet = book.sheet(title, [Column(name, _WIDTHS[name]) for name in names])
    for row in rows:
        values: list = [row.section, row.old, row.new, row.kind, row.old_text, row.new_text, runs(row.segments)]
        if with_findings:
            values.append("\n".join(row.finding_lines))
        values.append("\n".join(row.comment_lines)[:MAX_CELL])
        values.append("\n".join(row.bracket_lines))
        sheet.append(values)
        if progress:
            progress()


def document(comparison, rows: list[Row], *, with_findings: bool, progress=None) -> bytes:
    book = Workbook()
    change_sheet(book, "Changes", rows, with_findings=with_findings, progress=progress)
    summary = book.sheet("Summary", [Column("", 14), Column("", 24), Column("", 50), Column("", 12)], header=False)
    old, new = comparison.old, comparison.new
    summary.append(["draftdiff comparison"], style=TITLE)
    summary.append([], style=PLAIN)
    summary.append(["", "Label", "File", "Paragraphs"], style=BOLD)
    summary.append(["Old", old.label, str(old.source), len(old.paragraphs)])
    summary.append(["New", new.label, str(new.source), len(new.paragraphs)])
    summary.append([], style=PLAIN)
    summary.append(["Change", "Count"], style=BOLD)
    for key, value in comparison.summary.items():
        summary.append([key, value], style=PLAIN)
    by_author = comparison.comments_by_author
    if by_author["old"] or by_author["new"]:
        summary.append([], style=PLAIN)
        summary.append(["Comments", "Author", "Count"], style=BOLD)
        for label, counts in ((old.label, by_author["old"]), (new.label, by_author["new"])):
            for author, count in sorted(counts.items(), key=lambda kv: -kv[1]):
                summary.append([label, safe_name(author), count])
    return book.to_bytes()
