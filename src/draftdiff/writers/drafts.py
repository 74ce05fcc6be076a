"""The register of drafts (``draftdiff drafts``): the terminal table and JSON."""

from __future__ import annotations

from typing import Any


def json_document(listing: Any) -> str:
    from .json import dumps

    return dumps(listing.to_json())


def print_drafts(listing: Any, console: Any) -> None:
    from rich.table import Table
    from rich.text import Text

    from .untrusted import text as safe

    rows = listing.rows
    where = f"from the [drafts] of {listing.config}" if listing.config else "from the files of this folder"
    console.print(Text(safe(f"{len(rows)} drafts, in order, {where}"), style="bold"))
    if listing.left_out:
        names = ", ".join(path.name for path in listing.left_out)
        console.print(Text(safe(f"left out, as draftdiff's own outputs: {names}"), style="dim"))
    table = Table(box=None, pad_edge=False, header_style="dim")
    for column in ("name", "label", "date", "file", "format", "paras", "words", "warnings", "readable"):
        table.add_column(
            column,
            justify="right" if column in ("paras", "words", "warnings") else "left",
            no_wrap=column != "readable",
        )
    for entry, info in rows:
        table.add_row(
            safe(entry.name),
            safe(entry.label),
            entry.date.isoformat() if entry.date else "",
            safe(str(entry.path)),
            entry.format,
            str(info.get("paragraphs", "")),
            str(info.get("words", "")),
            str(info.get("warnings", "")),
            Text("yes") if info["readable"] else Text(f"no: {safe(info['problem'])}", style="red"),
        )
    console.print(table)
