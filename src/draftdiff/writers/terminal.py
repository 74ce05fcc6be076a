"""Rich terminal output."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Draft, Kind, revision_summary


def make_console(*, no_color: bool = False, stderr: bool = False, width: int | None = None) -> Console:
    no_color = no_color or bool(os.environ.get("NO_COLOR"))
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        file=stream,
        no_color=no_color,
        # NO_COLOR users get plain text: no colour and no bold/strike codes.
        color_system=None if no_color else "auto",
        highlight=False,
        soft_wrap=False,
        width=width,
        emoji=False,
    )


_KIND_STYLE = {
    Kind.HEADING: "bold",
    Kind.NUMBERED: "",
    Kind.SUBPARAGRAPH: "",
    Kind.UNNUMBERED: "dim",
}


def _preview(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def print_parse(draft: Draft, console: Console, *, comments: bool = False) -> None:
    counts: dict[str, int] = {}
    for para in draft.paragraphs:
        counts[para.kind.value] = counts.get(para.kind.value, 0) + 1
    header = Text()
    header.append(draft.label, style="bold")
    if draft.title:
        header.append(f"  {draft.title}")
    console.print(header)
    detail = ", ".join(f"{n} {k}" for k, n in counts.items())
    console.print(Text(f"{draft.source} · {len(draft.paragraphs)} paragraphs ({detail})", style="dim"))
    if draft.revisions:
        summary = revision_summary(draft.revisions)
        authors = ", ".join(f"{name} ({n})" for name, n in summary["by_author"].items())
        console.print(Text(f"Tracked changes: {summary['count']} by {authors}", style="yellow"))
    for warning in draft.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))

    id_width = max([len(p.id) for p in draft.paragraphs] + [2])
    kind_width = max([len(p.kind.value) for p in draft.paragraphs] + [4])
    section_width = min(24, max([len(p.section) for p in draft.paragraphs] + [7]))
    text_width = max(20, console.width - id_width - kind_width - section_width - 6)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
    table.add_column("id", no_wrap=True, min_width=id_width)
    table.add_column("kind", no_wrap=True, min_width=kind_width)
    table.add_column("section", width=section_width, overflow="ellipsis", no_wrap=True)
    table.add_column("text", overflow="ellipsis", no_wrap=True, width=text_width)
    for para in draft.paragraphs:
        notes = f" [{len(para.notes)} note{'s' if len(para.notes) > 1 else ''}]" if para.notes else ""
        table.add_row(
            para.id,
            para.kind.value,
            para.section,
            Text(_preview(para.display, text_width - len(notes)) + notes, style=_KIND_STYLE[para.kind]),
        )
    console.print(table)
    if comments and draft.comments:
        console.print(Text(f"\nComments ({len(draft.comments)})", style="bold"))
        for comment in draft.comments:
            where = f" on {comment['paragraph']}" if comment.get("paragraph") else ""
            console.print(Text(f"- {comment.get('author') or '(unknown)'}{where}: {comment.get('text', '')}"))
