"""XLSX change table a delegate can work in: frozen header, filters, wrapped
text, deletions in red strike-through and insertions in green underline as
rich text inside the cell, and a summary sheet."""

from __future__ import annotations

from . import markup
from .spreadsheet import BOLD, DELETED, HEADER, INSERTED, TITLE, WRAPPED, Rich, Sheet, package
from .table import Row
from .table import columns as table_columns
from .untrusted import cell, name_cell, text

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
_MAX_CELL = 32_000  # Excel's limit is 32,767 characters


def _runs(segments: list[tuple[str, str]]) -> Rich:
    """A marked cell's runs: what stays, what was deleted, what was inserted."""
    runs: Rich = []
    for piece in markup.pieces(segments):
        for chunk, op in ((piece.lead, "equal"), (piece.body, piece.op), (piece.trail, "equal")):
            if not chunk:
                continue
            chunk = str(cell(chunk)) if not runs else text(chunk)
            runs.append((chunk, {"delete": DELETED, "insert": INSERTED}.get(op, "equal")))
    return runs


def _rich(segments: list[tuple[str, str]]):
    """The same runs as openpyxl rich text, for the sheets still built with it."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    runs = _runs(segments)
    if not runs:
        return ""
    fonts = {DELETED: InlineFont(color="C00000", strike=True), INSERTED: InlineFont(color="007A33", u="single")}
    return CellRichText(*(TextBlock(fonts[op], chunk) if op in fonts else chunk for chunk, op in runs))


def document(comparison, rows: list[Row], *, with_findings: bool, progress=None) -> bytes:
    columns = table_columns(with_findings=with_findings)
    sheet = Sheet(
        "Changes",
        widths={number: _WIDTHS[name] for number, name in enumerate(columns, start=1)},
        frozen_header=True,
        filtered=True,
    )
    sheet.append(list(columns), style=HEADER)
    width = len(columns)
    for row in rows:
        values: list = [row.section, row.old, row.new, row.kind, row.old_text[:_MAX_CELL], row.new_text[:_MAX_CELL]]
        values = [cell(value) for value in values]
        values.append(_runs(row.segments))
        if with_findings:
            values.append(cell("\n".join(row.finding_lines)))
        values += [None] * (width - len(values))
        comment_lines, bracket_lines = row.comment_lines, row.bracket_lines
        if comment_lines:
            values[width - 2] = cell("\n".join(comment_lines)[:_MAX_CELL])
        if bracket_lines:
            values[width - 1] = cell("\n".join(bracket_lines))
        sheet.append(values, style=WRAPPED)
        if progress:
            progress()

    summary = Sheet("Summary", widths={1: 14, 2: 24, 3: 50})
    old, new = comparison.old, comparison.new
    summary.append(["draftdiff comparison"], style=TITLE)
    summary.append([])
    summary.append(["", "Label", "File", "Paragraphs"], style=BOLD)
    summary.append(["Old", cell(old.label), cell(str(old.source)), len(old.paragraphs)])
    summary.append(["New", cell(new.label), cell(str(new.source)), len(new.paragraphs)])
    summary.append([])
    summary.append(["Change", "Count"], style=BOLD)
    for key, value in comparison.summary.items():
        summary.append([key, value])
    by_author = comparison.comments_by_author
    if by_author["old"] or by_author["new"]:
        summary.append([])
        summary.append(["Comments", "Author", "Count"], style=BOLD)
        for label, counts in ((old.label, by_author["old"]), (new.label, by_author["new"])):
            for author, count in sorted(counts.items(), key=lambda kv: -kv[1]):
                summary.append([cell(label), name_cell(author), count])
    return package([sheet, summary])
