"""versions in every format: a terminal table with a column per language,
JSON (``draftdiff.versions/1``), CSV, XLSX and an HTML page whose
right-to-left texts read right to left."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..negotiation.versions import KINDS, Versions
from .page import page
from .untrusted import html_escape as escape
from .untrusted import text as safe_text

COLUMNS = ("Id", "Kind", "Language", "File", "Detail")
_RTL = frozenset({"ar"})  # the UN languages written right to left


def rows(result: Versions) -> list[list[str]]:
    return [[d.id, d.kind, d.language, result.versions[d.version].source, d.detail] for d in result.discrepancies]


def _grid(result: Versions) -> list[tuple[str, list[str]]]:
    """One line per id with discrepancies: what each version shows there ("·" where it agrees)."""
    by_id: dict[str, list[list[str]]] = {}
    for d in result.discrepancies:
        cells = by_id.setdefault(d.id, [[] for _ in result.versions])
        cells[d.version].append(d.kind if d.kind in ("missing", "extra") else f"{d.kind}: {d.detail}")
    out = []
    for row in result.rows:
        if row.id in by_id:
            cells = by_id[row.id]
            out.append(
                (
                    row.id,
                    ["; ".join(c) or ("·" if row.paragraphs[k] is not None else "–") for k, c in enumerate(cells)],
                )
            )
    return out


def _summary(result: Versions) -> str:
    if not result.discrepancies:
        return f"The {len(result.versions)} versions agree on {len(result.rows)} paragraphs."
    counts = {kind: sum(1 for d in result.discrepancies if d.kind == kind) for kind in KINDS}
    shown = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    return f"{len(result.discrepancies)} discrepancies ({shown}) over {len(result.rows)} paragraphs."


def print_versions(result: Versions, console: Console) -> None:
    for k, version in enumerate(result.versions):
        mark = " (reference)" if k == result.reference else ""
        console.print(Text(f"{version.language_name}{mark}: {safe_text(version.source)}", style="dim"))
    grid = _grid(result)
    if grid:
        table = Table(box=None, pad_edge=False, header_style="bold")
        table.add_column("id", no_wrap=True)
        for version in result.versions:
            table.add_column(version.language_name, overflow="fold")
        for para_id, cells in grid:
            styled = [Text(safe_text(c), style="red" if c in ("missing", "extra") else "") for c in cells]
            table.add_row(safe_text(para_id), *styled)
        console.print(table)
    console.print(Text(_summary(result), style="bold"))


def terminal_text(result: Versions, *, no_color: bool, width: int) -> str:
    from .terminal import make_console

    buffer = io.StringIO()
    print_versions(result, make_console(no_color=no_color, width=width, file=buffer, force_terminal=not no_color))
    return buffer.getvalue()


def json_document(result: Versions) -> str:
    from .json import dumps

    return dumps(result.to_json())


def csv_document(result: Versions, *, bom: bool = False) -> bytes:
    from .csv import table

    return table(COLUMNS, rows(result), bom=bom)


def xlsx_document(result: Versions) -> bytes:
    from .spreadsheet import Column, Workbook

    book = Workbook()
    widths = (18, 12, 10, 40, 60)
    sheet = book.sheet("Discrepancies", [Column(n, w) for n, w in zip(COLUMNS, widths, strict=True)])
    for row in rows(result):
        sheet.append(list(row))
    grid = book.sheet(
        "Side by side", [Column("Id", 18), *(Column(v.language_name, 30) for v in result.versions)], filtered=False
    )
    for para_id, cells in _grid(result):
        grid.append([para_id, *cells])
    return book.to_bytes()


def html_document(result: Versions) -> str:
    head = "".join(
        f'<th lang="{escape(v.language)}">{escape(v.language_name)}<br><small>{escape(v.source)}</small></th>'
        for v in result.versions
    )
    by_id = {row.id: row for row in result.rows}
    body_rows = []
    for para_id, cells in _grid(result):
        row = by_id[para_id]
        tds = []
        for k, (mark, version) in enumerate(zip(cells, result.versions, strict=True)):
            paragraph = row.paragraphs[k]
            direction = "rtl" if version.language in _RTL else "auto"
            text = (
                f'<div class="text" dir="{direction}" lang="{escape(version.language)}">{escape(paragraph.text)}</div>'
                if paragraph
                else ""
            )
            css = ' class="bad"' if mark not in ("·", "–") else ""
            tds.append(f'<td{css}><div class="mark">{escape(mark)}</div>{text}</td>')
        body_rows.append(f"<tr><th>{escape(para_id)}</th>{''.join(tds)}</tr>")
    css = """body { font: 14px system-ui, sans-serif; margin: 24px; } table { border-collapse: collapse; }
td, th { border: 1px solid #d9dee5; padding: 4px 8px; vertical-align: top; text-align: start; }
td.bad .mark { color: #b00020; font-weight: bold; } .text { color: #333; margin-top: 4px; max-width: 40em; }"""
    title = "Language versions: " + ", ".join(f"{v.language_name} ({v.source})" for v in result.versions)
    body = f"""<h1>{escape(title)}</h1>
<p>{escape(_summary(result))}</p>
<table><thead><tr><th>id</th>{head}</tr></thead><tbody>{"".join(body_rows)}</tbody></table>"""
    return page(f"{escape(title)} · draftdiff", css, body, viewport=False)
