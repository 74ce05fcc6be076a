"""trace in every format: the terminal table (and each occurrence's sentence),
JSON, Markdown, CSV, XLSX, and the CI formats (GitHub annotations, SARIF,
JUnit) that report each dropped phrase at the last draft where it stood."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..negotiation.trace import PhraseTrace, Trace
from .markdown import escape as _md
from .terminal import columns_that_fit

RULE = ("DD201", "watched-phrase-dropped")
_STATUS_STYLE = {
    "kept": "green",
    "added": "green",
    "moved": "cyan",
    "partly dropped": "yellow",
    "restored": "cyan",
    "reworded": "yellow",
    "dropped": "bold red",
    "absent": "dim",
}


def cell_text(result: PhraseTrace, d: int) -> str:
    """Ids where the phrase stands; a variant's id marked ~."""
    parts = [o.id + ("~" if o.match == "variant" else "") for o in result.occurrences[d]]
    return ", ".join(parts) if parts else "·"


def status_text(trace: Trace, result: PhraseTrace) -> str:
    labels = [d.label for d in trace.history.drafts]
    if result.status == "dropped" and result.dropped_in is not None:
        return f"dropped in {labels[result.dropped_in]} (from {', '.join(result.dropped_from)})"
    if result.status == "reworded" and result.dropped_in is not None:
        return f"reworded in {labels[result.dropped_in]} (from {', '.join(result.dropped_from)})"
    if result.status == "added" and result.first is not None:
        return f"added in {labels[result.first]}"
    if result.status == "partly dropped":
        # per paragraph lineage, as check --protect reports it: "dropped from 2.2 in Rev 2; kept in PP11"
        gone = [
            f"dropped from {', '.join(lin.latest)} in {labels[lin.dropped_in]}"
            for lin in result.lineages
            if lin.status == "dropped" and lin.dropped_in is not None
        ]
        last = len(labels) - 1
        kept = [", ".join(lin.ids[last]) for lin in result.lineages if lin.status != "dropped" and last in lin.ids]
        return "; ".join([*gone, f"kept in {', '.join(kept)}"] if kept else gone)
    return result.status


# -- terminal -------------------------------------------------------------------------


def print_trace(trace: Trace, console: Console, *, context: bool = False) -> None:
    labels = [d.label for d in trace.history.drafts]
    plain = console.no_color or console.color_system is None
    console.print(
        Text(
            f"Trace: {len(trace.phrases)} phrase{'' if len(trace.phrases) == 1 else 's'} through {' → '.join(labels)} ({len(labels)} drafts)",
            style="bold",
        )
    )
    counts: dict[str, int] = {}
    for result in trace.phrases:
        counts[result.status] = counts.get(result.status, 0) + 1
    console.print(Text(" · ".join(f"{n} {status}" for status, n in counts.items()), style="dim"))
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    longest = max((len(r.phrase) for r in trace.phrases), default=10)
    table.add_column("phrase", min_width=min(longest, 22), max_width=34, overflow="fold")
    table.add_column("status", overflow="fold", min_width=18, max_width=32)
    shown = _drafts_that_fit(trace, console.width - min(longest, 22) - 24)
    if len(shown) < len(labels):
        hidden = ", ".join(labels[d] for d in range(len(labels)) if d not in shown)
        console.print(
            Text(f"(not shown, the terminal is too narrow: {hidden}; widen it or use --format html/xlsx)", style="dim")
        )
    for d in shown:
        table.add_column(labels[d], overflow="fold")
    for result in trace.phrases:
        style = "" if plain else _STATUS_STYLE.get(result.status, "")
        table.add_row(
            result.phrase,
            Text(status_text(trace, result), style=style),
            *(Text(cell_text(result, d), style="dim" if not result.occurrences[d] else "") for d in shown),
        )
    console.print()
    console.print(table)
    console.print(Text("\n~ a variant (a word inserted, removed or changed)  · not found", style="dim"))
    if context:
        for result in trace.phrases:
            console.print(Text(f"\n{result.phrase}", style="bold"))
            # one line per distinct sentence, with the drafts and ids it stands in
            groups: dict[tuple[str, str, str], list[str]] = {}
            for d, found in enumerate(result.occurrences):
                for occurrence in found:
                    key = (occurrence.sentence, occurrence.match, occurrence.text)
                    groups.setdefault(key, []).append(f"{labels[d]} {occurrence.id}")
            for (sentence, match, words), places in groups.items():
                line = Text(f"  {', '.join(places)}")
                if match == "variant":
                    line.append(f' (variant: "{words}")', style="yellow" if not plain else "")
                line.append(": ")
                line.append(sentence)
                console.print(line)


def _drafts_that_fit(trace: Trace, width: int) -> list[int]:
    """The first draft and as many of the latest ones as fit in ``width``."""
    widths = [
        min(14, max([len(draft.label)] + [len(cell_text(r, d)) for r in trace.phrases])) + 2
        for d, draft in enumerate(trace.history.drafts)
    ]
    return columns_that_fit(widths, width)


def terminal_text(trace: Trace, *, no_color: bool, width: int, context: bool) -> str:
    from .terminal import make_console

    buffer = io.StringIO()
    console = make_console(no_color=no_color, width=width, file=buffer, force_terminal=not no_color)
    print_trace(trace, console, context=context)
    return buffer.getvalue()


# -- tables ------------------------------------------------------------------------------


def json_document(trace: Trace) -> str:
    from .json import dumps

    return dumps(trace.to_json())


def markdown_document(trace: Trace) -> str:
    labels = [d.label for d in trace.history.drafts]
    lines = [
        f"# Trace: {' → '.join(labels)}",
        "",
        "| Phrase | " + " | ".join(_md(label) for label in labels) + " | Status |",
        "|" + "---|" * (len(labels) + 2),
    ]
    for result in trace.phrases:
        cells = [_md(cell_text(result, d)) for d in range(len(labels))]
        lines.append(f"| {_md(result.phrase)} | " + " | ".join(cells) + f" | {_md(status_text(trace, result))} |")
    lines += ["", "\\~ marks a variant of the phrase; · not found."]
    return "\n".join(lines) + "\n"


def csv_document(trace: Trace, *, bom: bool = False) -> bytes:
    from .csv import table

    labels = [d.label for d in trace.history.drafts]
    return table(
        ["Phrase", *labels, "Status"],
        (
            [result.phrase, *(cell_text(result, d) for d in range(len(labels))), status_text(trace, result)]
            for result in trace.phrases
        ),
        bom=bom,
    )


def xlsx_document(trace: Trace) -> bytes:
    from .spreadsheet import Column, Workbook

    fills = {"dropped": "F8D7DA", "reworded": "FFF2CC", "moved": "DDEBF7", "restored": "DDEBF7"}
    labels = [d.label for d in trace.history.drafts]
    book = Workbook()
    sheet = book.sheet(
        "Trace",
        [Column("Phrase", 40), *(Column(label, 14) for label in labels), Column("Status", 50)],
        frozen_columns=1,
    )
    status_column = len(labels) + 1
    for result in trace.phrases:
        colour = {status_column: fills[result.status]} if result.status in fills else None
        sheet.append(
            [result.phrase, *(cell_text(result, d) for d in range(len(labels))), status_text(trace, result)],
            fills=colour,
        )
    names = ("Phrase", "Draft", "Paragraph", "Match", "Words", "Sentence")
    places = book.sheet("Occurrences", [Column(n, w) for n, w in zip(names, (36, 14, 10, 9, 36, 80), strict=True)])
    for result in trace.phrases:
        for d, found in enumerate(result.occurrences):
            for o in found:
                places.append([result.phrase, labels[d], o.id, o.match, o.text, o.sentence])
    return book.to_bytes()


# -- where the CI formats (github.py, sarif.py, junit.py) report a dropped phrase -----


def dropped_at(trace: Trace, result: PhraseTrace) -> tuple[Path, str, int | None, str]:
    """The last draft where a dropped phrase stood, its paragraph, its line, and the message."""
    stood = (result.dropped_in or len(trace.history.drafts)) - 1
    draft = trace.history.drafts[stood]
    found = result.exact(stood) or result.occurrences[stood]
    paragraph = draft.paragraphs[found[0].paragraph] if found else None
    message = f'Watched phrase "{result.phrase}": {status_text(trace, result)}.'
    return (
        Path(draft.source),
        paragraph.id if paragraph else "",
        paragraph.location.line if paragraph else None,
        message,
    )
