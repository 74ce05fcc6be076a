"""Every workbook draftdiff writes goes through this one XLSX writer.

Each row becomes sheet XML as it is appended, once, so a workbook costs the
same for each row however many came before. (openpyxl builds and styles an
object per cell, and XlsxWriter escapes each one through several patterns:
on the 10,000-paragraph change table both take longer than the comparison
itself, this writer under half of it; see benchmarks/README.md.)

Every sheet is made to be read and printed: wrapped text in rows as tall as
that text needs (computed here from its length and the column's width,
since not every reader recomputes row heights), a frozen header row that
repeats on every printed page, landscape, one page wide.

Every text cell goes through ``untrusted.cell`` here, whoever built the
row: a cell is never a formula and shows its control characters. Text goes
in as inline strings, which a spreadsheet never reads as a formula.
"""

from __future__ import annotations

import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape

from .untrusted import cell, text

# Cell styles: font and alignment.
PLAIN, HEADER, WRAPPED, BOLD, TITLE = "plain", "header", "wrapped", "bold", "title"
# Rich-text runs, and the font a cell of a single run takes.
EQUAL, DELETED, INSERTED = "equal", "delete", "insert"
_RUN_PROPERTIES = {
    DELETED: '<rPr><strike val="1"/><color rgb="FFC00000"/></rPr>',
    INSERTED: '<rPr><u val="single"/><color rgb="FF007A33"/></rPr>',
}
_FONTS = {  # fontId: the order of <fonts> in styles.xml
    PLAIN: 0,
    WRAPPED: 0,
    HEADER: 1,
    BOLD: 1,
    TITLE: 2,
    DELETED: 3,
    INSERTED: 4,
}
_HEADER_FILL = "DDE4EE"

Rich = list[tuple[str, str]]  # (text, EQUAL | DELETED | INSERTED)
# A cell: text, a number, Rich runs, or None for an empty cell; anything else is written as its text.
Value = object

MAX_CELL = 32_000  # Excel holds 32,767 characters in a cell
# Row heights, in points. A line of 11-point text needs 15 points; Excel
# takes no row taller than 409. A column of width w (in widths of a digit)
# holds about 1.2 w characters of text in Calibri, and as many in the
# DejaVu Sans LibreOffice puts in its place where Calibri is missing; a
# wrapped line breaks at a word, so it is counted as w - 2 characters: no
# text is left outside its cell.
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0
WRAP_SLACK = 2
DEFAULT_WIDTH = 8.43


@dataclass(frozen=True)
class Column:
    name: str
    width: float = DEFAULT_WIDTH


def lines_in(value: str, width: float) -> int:
    """How many lines ``value`` takes, wrapped in a column this wide."""
    per_line = max(1, int(width) - WRAP_SLACK)
    if len(value) <= per_line and "\n" not in value:
        return 1
    return sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))


def row_height(lines: int) -> float:
    return min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT)


def sheet_name(title: str, taken: Iterable[str]) -> str:
    """A name Excel accepts: at most 31 characters, none of []:*?/\\, no
    leading or trailing apostrophe, unique whatever the case."""
    name = "".join("-" if ch in "[]:*?/\\" else ch for ch in text(title))[:31].strip("'") or "Sheet"
    used = {t.casefold() for t in taken}
    candidate, number = name, 1
    while candidate.casefold() in used:
        number += 1
        suffix = f"~{number}"
        candidate = name[: 31 - len(suffix)] + suffix
    return candidate


@lru_cache(maxsize=256)
def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class BarChart:
    """A clustered column chart of some columns of a sheet, its categories
    the first column: ``columns`` and ``rows`` are 1-based and inclusive."""

    title: str
    columns: tuple[int, int]
    rows: tuple[int, int]
    anchor: tuple[int, int]  # (column, row), 0-based: where its top-left corner sits
    size: tuple[int, int] = (9, 16)  # columns and rows it spans


class Workbook:
    """An .xlsx package in memory: add sheets, fill them in order, then ``to_bytes``."""

    def __init__(self) -> None:
        self.sheets: list[Sheet] = []
        self._styles: dict[tuple[str, str | None], int] = {}
        self._fills: list[str] = [_HEADER_FILL]

    def sheet(
        self,
        title: str,
        columns: Sequence[Column],
        *,
        header: bool = True,
        filtered: bool = True,
        frozen_columns: int = 0,
    ) -> Sheet:
        """A sheet with these columns, set up to be read and printed. With
        ``header`` its first row names the columns: frozen, repeated on every
        printed page, and (``filtered``) with filter buttons."""
        sheet = Sheet(self, sheet_name(title, (s.name for s in self.sheets)), list(columns))
        self.sheets.append(sheet)
        if header:
            sheet.append([c.name for c in columns], style=HEADER)
            sheet.header = True
            sheet.filtered = filtered
            sheet.frozen_columns = frozen_columns
        return sheet

    def style(self, style: str, fill: str | None = None) -> int:
        """The index of a cell format: a style, with a background colour (``"FFF2CC"``)."""
        key = (style, fill)
        found = self._styles.get(key)
        if found is None:
            if fill and fill not in self._fills:
                self._fills.append(fill)
            found = self._styles[key] = len(self._styles) + 1  # 0 is the default format
        return found

    def _styles_xml(self) -> str:
        fills = "".join(
            f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>'
            for rgb in self._fills
        )
        formats = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for (style, fill), _index in sorted(self._styles.items(), key=lambda item: item[1]):
            if fill is None and style == HEADER:
                fill = _HEADER_FILL
            fill_id = self._fills.index(fill) + 2 if fill else 0
            wrapped = style in (HEADER, WRAPPED, DELETED, INSERTED)
            formats.append(
                f'<xf numFmtId="0" fontId="{_FONTS[style]}" fillId="{fill_id}" borderId="0" xfId="0"'
                + (' applyFont="1"' if _FONTS[style] else "")
                + (' applyFill="1"' if fill_id else "")
                + (' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' if wrapped else "/>")
            )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="5">'
            '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
            '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>'
            '<font><strike val="1"/><sz val="11"/><color rgb="FFC00000"/><name val="Calibri"/><family val="2"/></font>'
            '<font><u val="single"/><sz val="11"/><color rgb="FF007A33"/><name val="Calibri"/><family val="2"/></font>'
            "</fonts>"
            f'<fills count="{len(self._fills) + 2}">'
            '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
            f"{fills}</fills>"
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(formats)}">{"".join(formats)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )

    def to_bytes(self) -> bytes:
        """The .xlsx file of these sheets, the first one active."""
        return _package(self)


@dataclass
class Sheet:
    """One worksheet, filled a row at a time."""

    book: Workbook
    name: str
    columns: list[Column]
    header: bool = False
    filtered: bool = False
    frozen_columns: int = 0
    chart: BarChart | None = None
    rows: list[str] = field(default_factory=list)
    _width: int = 0
    _characters: list[int] = field(default_factory=list)

    def append(self, values: Sequence[Value], style: str = WRAPPED, fills: dict[int, str] | None = None) -> None:
        """One row, every cell in ``style`` (``fills``: background colours by
        0-based column); the row is as tall as its wrapped text needs."""
        number = len(self.rows) + 1
        wrapped = style in (WRAPPED, HEADER)
        styled = f' s="{self.book.style(style)}"' if style != PLAIN else ""
        lines = 1
        cells = []
        per_line = self._per_line(len(values))
        for column, value in enumerate(values):
            s = f' s="{self.book.style(style, fills[column])}"' if fills and column in fills else styled
            if type(value) is str and value:
                shown = cell(value)[:MAX_CELL]  # type: ignore[index]
                cells.append(
                    f'<c r="{column_letter(column + 1)}{number}"{s} t="inlineStr">'
                    f'<is><t xml:space="preserve">{_xml_text(shown)}</t></is></c>'
                )
                if wrapped and (len(shown) > per_line[column] or "\n" in shown):
                    lines = max(lines, lines_in(shown, self.width(column)))
            elif value is None or value == "" or (type(value) is list and not any(chunk for chunk, _ in value)):
                if s:  # an empty cell keeps its format: wrapped, coloured
                    cells.append(f'<c r="{column_letter(column + 1)}{number}"{s}/>')
            elif isinstance(value, bool | int) or (isinstance(value, float) and math.isfinite(value)):
                cells.append(
                    f'<c r="{column_letter(column + 1)}{number}"{s}><v>{int(value)}</v></c>'
                    if isinstance(value, bool)
                    else f'<c r="{column_letter(column + 1)}{number}"{s}><v>{value}</v></c>'
                )
            else:
                if isinstance(value, list):
                    shown, xml, single = _runs(value)
                    if single in (DELETED, INSERTED):  # one run: the cell in that run's font
                        s = f' s="{self.book.style(single, fills.get(column) if fills else None)}"'
                else:
                    shown = str(cell(str(value)))[:MAX_CELL]
                    xml = f'<t xml:space="preserve">{_xml_text(shown)}</t>'
                cells.append(f'<c r="{column_letter(column + 1)}{number}"{s} t="inlineStr"><is>{xml}</is></c>')
                if wrapped and (len(shown) > per_line[column] or "\n" in shown):
                    lines = max(lines, lines_in(shown, self.width(column)))
        self._width = max(self._width, len(values))
        height = f' ht="{row_height(lines)}" customHeight="1"' if lines > 1 else ""
        self.rows.append(f'<row r="{number}"{height}>{"".join(cells)}</row>')

    def _per_line(self, columns: int) -> list[int]:
        """How many characters a line holds in each of the first ``columns`` columns."""
        if len(self._characters) < columns:
            self._characters = [max(1, int(self.width(c)) - WRAP_SLACK) for c in range(columns)]
        return self._characters

    def width(self, column: int) -> float:
        return self.columns[column].width if column < len(self.columns) else DEFAULT_WIDTH

    @property
    def used_range(self) -> str:
        """The cells in use, A1 to the last row's last column (also the sheet's dimension)."""
        columns = max(self._width, len(self.columns), 1)
        return f"A1:{column_letter(columns)}{max(len(self.rows), 1)}"

    def xml(self, drawing: str | None) -> str:
        parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
            f'<dimension ref="{self.used_range}"/>',
        ]
        if self.header:
            right = self.frozen_columns
            corner = f"{column_letter(right + 1)}2"
            split = f'xSplit="{right}" ' if right else ""
            pane = "bottomRight" if right else "bottomLeft"
            parts.append(
                '<sheetViews><sheetView workbookViewId="0">'
                f'<pane {split}ySplit="1" topLeftCell="{corner}" activePane="{pane}" state="frozen"/>'
                f'<selection pane="{pane}" activeCell="{corner}" sqref="{corner}"/>'
                "</sheetView></sheetViews>"
            )
        else:
            parts.append('<sheetViews><sheetView workbookViewId="0"/></sheetViews>')
        parts.append('<sheetFormatPr defaultRowHeight="15"/>')
        if self.columns:
            parts.append("<cols>")
            for number, column in enumerate(self.columns, start=1):
                parts.append(f'<col min="{number}" max="{number}" width="{column.width}" customWidth="1"/>')
            parts.append("</cols>")
        parts.append("<sheetData>")
        parts.extend(self.rows)
        parts.append("</sheetData>")
        if self.filtered:
            parts.append(f'<autoFilter ref="{self.used_range}"/>')
        parts.append(
            '<printOptions gridLines="1"/>'
            '<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
            '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
        )
        if drawing:
            parts.append(f'<drawing r:id="{drawing}"/>')
        parts.append("</worksheet>")
        return "".join(parts)


def _xml_text(value: str) -> str:
    """Text for XML: ``untrusted.cell`` or ``text`` has shown its control characters already."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _runs(runs: Rich) -> tuple[str, str, str | None]:
    """A rich cell's text, its runs as XML, and the op of its only run if it has one."""
    shown: list[str] = []
    xml: list[str] = []
    ops: set[str] = set()
    room = MAX_CELL
    for chunk, op in runs:
        if not chunk or room <= 0:
            continue
        chunk = (str(cell(chunk)) if not shown else text(chunk))[:room]  # the cell starts with the first run
        room -= len(chunk)
        shown.append(chunk)
        ops.add(op)
        xml.append(f'<r>{_RUN_PROPERTIES.get(op, "")}<t xml:space="preserve">{_xml_text(chunk)}</t></r>')
    if len(shown) == 1:
        return shown[0], f'<t xml:space="preserve">{_xml_text(shown[0])}</t>', ops.pop()
    return "".join(shown), "".join(xml), None


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _quoted(name: str) -> str:
    return "'" + escape(name.replace("'", "''"), {'"': "&quot;"}) + "'"


def _absolute(cell_range: str) -> str:
    """A1:J9 -> $A$1:$J$9"""
    out = []
    for reference in cell_range.split(":"):
        letters = "".join(ch for ch in reference if ch.isalpha())
        out.append(f"${letters}${reference[len(letters) :]}")
    return ":".join(out)


def _package(book: Workbook) -> bytes:
    content_types = [
        _XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    ]
    workbook_rels = [_XML_HEAD + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">']
    entries, names, parts = [], [], []
    charts = 0
    for number, sheet in enumerate(book.sheets, start=1):
        content_types.append(
            f'<Override PartName="/xl/worksheets/sheet{number}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
        workbook_rels.append(
            f'<Relationship Id="rId{number}" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet{number}.xml"/>'
        )
        entries.append(
            f'<sheet name="{escape(sheet.name, {chr(34): "&quot;"})}" sheetId="{number}" r:id="rId{number}"/>'
        )
        if sheet.filtered:
            names.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{number - 1}" hidden="1">'
                f"{_quoted(sheet.name)}!{_absolute(sheet.used_range)}</definedName>"
            )
        if sheet.header:  # the header row on every printed page
            names.append(
                f'<definedName name="_xlnm.Print_Titles" localSheetId="{number - 1}">'
                f"{_quoted(sheet.name)}!$1:$1</definedName>"
            )
        drawing = None
        if sheet.chart is not None:
            charts += 1
            drawing = "rId1"
            content_types.append(
                f'<Override PartName="/xl/drawings/drawing{charts}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>'
                f'<Override PartName="/xl/charts/chart{charts}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>'
            )
            parts += [
                (
                    f"xl/worksheets/_rels/sheet{number}.xml.rels",
                    _XML_HEAD + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
                    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/drawing" Target="../drawings/drawing{charts}.xml"/>'
                    "</Relationships>",
                ),
                (f"xl/drawings/drawing{charts}.xml", _drawing_xml(sheet.chart)),
                (
                    f"xl/drawings/_rels/drawing{charts}.xml.rels",
                    _XML_HEAD + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
                    f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/chart" Target="../charts/chart{charts}.xml"/>'
                    "</Relationships>",
                ),
                (f"xl/charts/chart{charts}.xml", _chart_xml(sheet, sheet.chart)),
            ]
        parts.append((f"xl/worksheets/sheet{number}.xml", sheet.xml(drawing)))
    workbook_rels.append(
        f'<Relationship Id="rId{len(book.sheets) + 1}" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    content_types.append("</Types>")
    workbook = (
        _XML_HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{''.join(entries)}</sheets>"
        + (f"<definedNames>{''.join(names)}</definedNames>" if names else "")
        + "</workbook>"
    )
    root_rels = (
        _XML_HEAD + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "".join(content_types))
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", "".join(workbook_rels))
        archive.writestr("xl/styles.xml", book._styles_xml())
        for name, data in parts:
            archive.writestr(name, data)
    return buffer.getvalue()


_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def _drawing_xml(chart: BarChart) -> str:
    (column, row), (wide, tall) = chart.anchor, chart.size
    return (
        _XML_HEAD + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="{_DRAWING}">'
        '<xdr:twoCellAnchor editAs="oneCell">'
        f"<xdr:from><xdr:col>{column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        f"<xdr:to><xdr:col>{column + wide}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{row + tall}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/>'
        '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{_CHART}">'
        f'<c:chart xmlns:c="{_CHART}" xmlns:r="{_RELATIONSHIPS}" r:id="rId1"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
    )


def _chart_xml(sheet: Sheet, chart: BarChart) -> str:
    where = _quoted(sheet.name)
    first, last = chart.rows
    categories = f"{where}!$A${first}:$A${last}"
    series = []
    for order, column in enumerate(range(chart.columns[0], chart.columns[1] + 1)):
        letter = column_letter(column)
        series.append(
            f'<c:ser><c:idx val="{order}"/><c:order val="{order}"/>'
            f"<c:tx><c:strRef><c:f>{where}!${letter}${first - 1}</c:f></c:strRef></c:tx>"
            f"<c:cat><c:strRef><c:f>{categories}</c:f></c:strRef></c:cat>"
            f"<c:val><c:numRef><c:f>{where}!${letter}${first}:${letter}${last}</c:f></c:numRef></c:val></c:ser>"
        )
    return (
        _XML_HEAD + f'<c:chartSpace xmlns:c="{_CHART}" xmlns:a="{_DRAWING}" xmlns:r="{_RELATIONSHIPS}">'
        "<c:chart>"
        f"<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(chart.title)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'{"".join(series)}<c:axId val="10"/><c:axId val="100"/></c:barChart>'
        '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:crossAx val="100"/></c:catAx>'
        '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/>'
        '<c:crossAx val="10"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart>'
        "</c:chartSpace>"
    )
