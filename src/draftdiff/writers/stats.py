"""stats in every format: a terminal table with bars, JSON, CSV, XLSX, and
one HTML page with an inline SVG chart (no script, no network)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..negotiation.stats import Stats
from .page import page
from .untrusted import html_escape as escape

COLUMNS = ("Draft", "Paragraphs", "Words", "Brackets", "Alternatives", "Options", "Bracketed words", "Open paragraphs")


def rows(stats: Stats) -> list[list]:
    out = []
    for draft, counts, words in zip(stats.history.drafts, stats.counts, stats.words, strict=True):
        out.append(
            [
                draft.label,
                len(draft.paragraphs),
                words,
                counts.brackets,
                counts.alternatives,
                counts.options,
                counts.bracketed_words,
                counts.open_paragraphs,
            ]
        )
    return out


_SHORT = ("draft", "paras", "words", "[ ]", "alt.", "options", "[words]", "open")


def print_stats(stats: Stats, console: Console) -> None:
    top = max([c.brackets for c in stats.counts] + [1])
    cells = [[str(v) for v in row] for row in rows(stats)]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(_SHORT)]
    # numbers are never cut; a long draft label gives way first, then the bar
    numbers = sum(widths[1:]) + 2 * (len(widths) - 1)
    label = min(widths[0], max(12, console.width - numbers - 10), max(6, console.width - numbers - 2))
    bar_width = min(30, console.width - numbers - label - 2)
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_SHORT[0], no_wrap=True, max_width=label, overflow="ellipsis")
    for name, width in zip(_SHORT[1:], widths[1:], strict=True):
        table.add_column(name, justify="right", no_wrap=True, min_width=width)
    if bar_width >= 4:
        table.add_column("", no_wrap=True)
    for row, counts in zip(cells, stats.counts, strict=True):
        bar = [Text("█" * round(bar_width * counts.brackets / top), style="magenta")] if bar_width >= 4 else []
        table.add_row(*row, *bar)
    console.print(table)
    console.print(
        Text(
            "[ ] brackets (nested ones included) · alt. groups of alternatives · options: option blocks · "
            "[words]: words inside brackets · open: paragraphs with open text",
            style="dim",
        )
    )
    if stats.steps:
        console.print()
        steps = Table(box=None, pad_edge=False, header_style="bold")
        for name in ("step", "brackets resolved", "brackets added", "options resolved"):
            steps.add_column(name, justify="left" if name == "step" else "right")
        labels = {n: d.label for n, d in zip(stats.history.names, stats.history.drafts, strict=True)}
        for step in stats.steps:
            steps.add_row(
                f"{labels[step.old]} → {labels[step.new]}",
                str(step.brackets_resolved),
                str(step.brackets_added),
                str(step.options_resolved),
            )
        console.print(steps)


def terminal_text(stats: Stats, *, no_color: bool, width: int) -> str:
    from .terminal import make_console

    buffer = io.StringIO()
    print_stats(stats, make_console(no_color=no_color, width=width, file=buffer, force_terminal=not no_color))
    return buffer.getvalue()


def json_document(stats: Stats) -> str:
    from .json import dumps

    return dumps(stats.to_json())


def csv_document(stats: Stats, *, bom: bool = False) -> bytes:
    from .csv import table

    return table(COLUMNS, rows(stats), bom=bom)


def xlsx_document(stats: Stats) -> bytes:
    from .spreadsheet import BarChart, Column, Workbook

    book = Workbook()
    sheet = book.sheet("Drafts", [Column(name, 24 if n == 0 else 12) for n, name in enumerate(COLUMNS)])
    for row in rows(stats):
        sheet.append(row)
    last = len(stats.counts) + 1
    # Brackets, Alternatives, Options (columns D to F) per draft, beside the table
    sheet.chart = BarChart(
        "Brackets and options per draft", columns=(4, 6), rows=(2, last), anchor=(len(COLUMNS) + 1, 1)
    )
    names = ("Old", "New", "Brackets resolved", "Brackets added", "Options resolved")
    steps = book.sheet("Steps", [Column(name, 24 if n < 2 else 14) for n, name in enumerate(names)])
    for step in stats.steps:
        steps.append([step.old, step.new, step.brackets_resolved, step.brackets_added, step.options_resolved])
    return book.to_bytes()


def html_document(stats: Stats) -> str:
    labels = [d.label for d in stats.history.drafts]
    top = max([max(c.brackets, c.options) for c in stats.counts] + [1])
    bar_w, gap, height = 28, 40, 220
    width = len(labels) * (2 * bar_w + gap) + 60
    shapes = []
    for k, (label, counts) in enumerate(zip(labels, stats.counts, strict=True)):
        x = 50 + k * (2 * bar_w + gap)
        for n, (value, color) in enumerate(((counts.brackets, "#7b3fa0"), (counts.options, "#2f6db5"))):
            h = round((height - 40) * value / top)
            shapes.append(
                f'<rect x="{x + n * bar_w}" y="{height - 20 - h}" width="{bar_w - 2}" height="{h}" fill="{color}">'
                f"<title>{escape(label)}: {value} {'brackets' if n == 0 else 'option blocks'}</title></rect>"
                f'<text x="{x + n * bar_w + bar_w / 2 - 1}" y="{height - 24 - h}" font-size="10" text-anchor="middle">{value}</text>'
            )
        shapes.append(
            f'<text x="{x + bar_w}" y="{height - 5}" font-size="11" text-anchor="middle">{escape(label)}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="Brackets and option blocks per draft">{"".join(shapes)}</svg>'
    )
    table = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows(stats))
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    css = """body { font: 14px system-ui, sans-serif; margin: 24px; } table { border-collapse: collapse; margin-top: 16px; }
td, th { border: 1px solid #d9dee5; padding: 3px 8px; text-align: right; } td:first-child, th:first-child { text-align: left; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; }"""
    title = "Brackets and options: " + " → ".join(labels)  # the drafts by their labels, as history names them
    body = f"""<h1>{escape(title)}</h1>
<p class="legend"><span style="background:#7b3fa0"></span>brackets <span style="background:#2f6db5"></span>option blocks</p>
{svg}
<table><thead><tr>{head}</tr></thead><tbody>{table}</tbody></table>"""
    return page(f"{escape(title)} · draftdiff", css, body, viewport=False)
