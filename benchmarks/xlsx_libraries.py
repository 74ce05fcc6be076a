"""The change table written by the XLSX libraries, for output_speed.py
--libraries: the same cells as writers/xlsx.py (text through
untrusted.cell, "Changes marked" as rich text, wrapped cells, a row height
from the text), with each library's fastest mode. XlsxWriter is in the
``bench`` extra (``pip install -e '.[bench]'``), openpyxl in ``dev``.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from draftdiff.writers.spreadsheet import DELETED, INSERTED, lines_in, row_height
from draftdiff.writers.table import Row, columns
from draftdiff.writers.untrusted import cell, text
from draftdiff.writers.xlsx import _WIDTHS, runs


def _values(row: Row) -> list:
    return [
        row.section,
        row.old,
        row.new,
        row.kind,
        row.old_text,
        row.new_text,
        runs(row.segments),
        "\n".join(row.comment_lines),
        "\n".join(row.bracket_lines),
    ]


def _height(values: list, widths: list[float]) -> float | None:
    lines = 1
    for value, width in zip(values, widths, strict=True):
        shown = "".join(chunk for chunk, _ in value) if isinstance(value, list) else value
        lines = max(lines, lines_in(shown, width))
    return row_height(lines) if lines > 1 else None


def xlsxwriter_table(rows: list[Row], *, constant_memory: bool) -> bytes:
    import xlsxwriter

    names = columns(with_findings=False)
    widths = [_WIDTHS[n] for n in names]
    buffer = io.BytesIO()
    options = {"constant_memory": constant_memory, "in_memory": not constant_memory, "strings_to_formulas": False}
    book = xlsxwriter.Workbook(buffer, options)
    sheet = book.add_worksheet("Changes")
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    header = book.add_format({"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top"})
    fonts = {
        DELETED: book.add_format({"font_strikeout": True, "font_color": "#C00000"}),
        INSERTED: book.add_format({"underline": 1, "font_color": "#007A33"}),
    }
    for number, width in enumerate(widths):
        sheet.set_column(number, number, width)
    for number, name in enumerate(names):
        sheet.write_string(0, number, name, header)
    sheet.freeze_panes(1, 0)
    sheet.repeat_rows(0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    for r, row in enumerate(rows, start=1):
        values = _values(row)
        for c, value in enumerate(values):
            if isinstance(value, list):
                parts: list = []
                for k, (chunk, op) in enumerate(value):
                    if op in fonts:
                        parts.append(fonts[op])
                    parts.append(str(cell(chunk)) if k == 0 else text(chunk))
                if len(parts) > 2:
                    sheet.write_rich_string(r, c, *parts, wrapped)
                elif parts:
                    sheet.write_string(r, c, parts[-1], wrapped)
            elif value:
                sheet.write_string(r, c, str(cell(value)), wrapped)
        height = _height(values, widths)
        if height:
            sheet.set_row(r, height)
    sheet.autofilter(0, 0, len(rows), len(names) - 1)
    book.close()
    return buffer.getvalue()


def openpyxl_table(rows: list[Row]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    names = columns(with_findings=False)
    widths = [_WIDTHS[n] for n in names]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Changes")
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    wrap = Alignment(vertical="top", wrap_text=True)
    fonts = {DELETED: InlineFont(color="C00000", strike=True), INSERTED: InlineFont(color="007A33", u="single")}
    heading = []
    for name in names:
        item = WriteOnlyCell(sheet, name)
        item.font, item.fill, item.alignment = Font(bold=True), PatternFill("solid", fgColor="DDE4EE"), wrap
        heading.append(item)
    sheet.append(heading)
    for row in rows:
        values = _values(row)
        cells = []
        for value in values:
            if isinstance(value, list):
                blocks = [
                    TextBlock(fonts[op], text(chunk)) if op in fonts else text(chunk) for chunk, op in value if chunk
                ]
                item = WriteOnlyCell(sheet, CellRichText(*blocks) if blocks else None)
            else:
                item = WriteOnlyCell(sheet, cell(value) or None)
                if isinstance(item.value, str):
                    item.data_type = "s"
            item.alignment = wrap
            cells.append(item)
        _height(values, widths)  # computed as the others do; a write-only sheet has no way to set it
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def writers() -> list[tuple[str, Callable[[list[Row]], bytes]]]:
    """The libraries installed here, by name."""
    out: list[tuple[str, Callable[[list[Row]], bytes]]] = []
    try:
        import xlsxwriter  # noqa: F401

        out.append(("XlsxWriter, constant_memory", lambda rows: xlsxwriter_table(rows, constant_memory=True)))
        out.append(("XlsxWriter, in memory", lambda rows: xlsxwriter_table(rows, constant_memory=False)))
    except ImportError:
        pass
    try:
        import openpyxl  # noqa: F401

        out.append(("openpyxl, write-only", openpyxl_table))
    except ImportError:
        pass
    return out
