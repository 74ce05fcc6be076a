"""XLSX change table a delegate can work in: frozen header, filters, wrapped
text, deletions in red strike-through and insertions in green underline as
rich text inside the cell, and a summary sheet."""

from __future__ import annotations

import copy
import io

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import markup
from .table import Row
from .table import columns as table_columns
from .untrusted import cell, text

_DELETE = InlineFont(color="C00000", strike=True)
_INSERT = InlineFont(color="007A33", u="single")
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
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_MAX_CELL = 32_000  # Excel's limit is 32,767 characters


def _rich(segments: list[tuple[str, str]]) -> CellRichText | str:
    if not segments:
        return ""
    parts: list[str | TextBlock] = []
    for piece in markup.pieces(segments):
        for chunk, op in ((piece.lead, "equal"), (piece.body, piece.op), (piece.trail, "equal")):
            if not chunk:
                continue
            chunk = str(cell(chunk)) if not parts else text(chunk)
            if op == "equal":
                parts.append(chunk)
            else:
                parts.append(TextBlock(_DELETE if op == "delete" else _INSERT, chunk))
    return CellRichText(*parts)


def document(comparison, rows: list[Row], *, with_findings: bool, progress=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Changes"
    columns = table_columns(with_findings=with_findings)
    sheet.append(list(columns))
    for header in sheet[1]:
        header.font = Font(bold=True)
        header.fill = _HEADER_FILL
        header.alignment = Alignment(vertical="top", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    # Every data cell has the same style. openpyxl looks a style up in its
    # tables each time one is set (60% of a 10,000-row sheet), so the first
    # cell's style is set once and copied to the others.
    wrapped = None
    for index, row in enumerate(rows, start=2):
        values = [row.section, row.old, row.new, row.kind, row.old_text[:_MAX_CELL], row.new_text[:_MAX_CELL]]
        sheet.append([cell(value) for value in values])
        sheet.cell(row=index, column=7).value = _rich(row.segments)
        if with_findings:
            sheet.cell(row=index, column=8).value = cell("\n".join(row.finding_lines))
        if row.comment_lines:
            sheet.cell(row=index, column=len(columns) - 1).value = cell("\n".join(row.comment_lines)[:_MAX_CELL])
        if row.bracket_lines:
            sheet.cell(row=index, column=len(columns)).value = cell("\n".join(row.bracket_lines))
        for column in range(1, len(columns) + 1):
            target = sheet.cell(row=index, column=column)
            if wrapped is None:
                target.alignment = wrap
                wrapped = copy.copy(target._style)
            else:
                target._style = copy.copy(wrapped)
        if progress:
            progress()
    for column, name in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[name]
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"

    summary = book.create_sheet("Summary")
    old, new = comparison.old, comparison.new
    summary.append(["draftdiff comparison"])
    summary["A1"].font = Font(bold=True, size=13)
    summary.append([])
    summary.append(["", "Label", "File", "Paragraphs"])
    summary.append(["Old", cell(old.label), cell(str(old.source)), len(old.paragraphs)])
    summary.append(["New", cell(new.label), cell(str(new.source)), len(new.paragraphs)])
    summary.append([])
    summary.append(["Change", "Count"])
    for key, value in comparison.summary.items():
        summary.append([key, value])
    for bold in (summary["B3"], summary["C3"], summary["D3"], summary["A7"], summary["B7"]):
        bold.font = Font(bold=True)
    by_author = comparison.comments_by_author
    if by_author["old"] or by_author["new"]:
        summary.append([])
        heading = summary.max_row + 1
        summary.append(["Comments", "Author", "Count"])
        for label, counts in ((old.label, by_author["old"]), (new.label, by_author["new"])):
            for author, count in sorted(counts.items(), key=lambda kv: -kv[1]):
                summary.append([cell(label), cell(author), count])
        for bold in summary[heading]:
            bold.font = Font(bold=True)
    summary.column_dimensions["A"].width = 14
    summary.column_dimensions["B"].width = 24
    summary.column_dimensions["C"].width = 50
    for worksheet in book.worksheets:  # text is never a formula, whatever it starts with
        for sheet_row in worksheet.iter_rows():
            for item in sheet_row:
                if isinstance(item.value, str):
                    item.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
