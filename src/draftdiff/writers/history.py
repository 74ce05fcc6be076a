"""history in every format: the terminal matrix and stories, JSON, Markdown,
CSV, XLSX (a matrix sheet, then one sheet per step) and one HTML page."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..negotiation.history import History, HistoryView, Lineage
from . import markup
from .markdown import escape as _md
from .page import page
from .terminal import _print_indented, columns_that_fit, inline_diff, make_console, wrapped_items
from .untrusted import html_escape as escape

MARKS = {
    "modified": "~",
    "added": "+",
    "deleted": "×",
    "moved": "↕",
    "renumbered": "#",
    "split": "<",
    "merged": ">",
    "restored": "↺",
}
STYLES = {
    "modified": "yellow",
    "added": "green",
    "deleted": "red",
    "moved": "cyan",
    "renumbered": "blue",
    "split": "magenta",
    "merged": "magenta",
    "restored": "green",
}
STEP_KEYS = ("added", "deleted", "modified", "moved", "renumbered", "split", "merged")


def step_items(history: History, step) -> tuple[str, list[str]]:
    """ "Rev 1 → Rev 2:" and its counts: added, deleted, modified always, the
    others when there are some, then the words in and out."""
    summary = step.comparison.summary
    old, new = history.drafts[step.index - 1].label, history.drafts[step.index].label
    counts = [f"{summary[k]} {k}" for k in STEP_KEYS if summary[k] or k in ("added", "deleted", "modified")]
    return f"{old} → {new}:", [*counts, f"+{step.words_in} −{step.words_out} words"]


def step_line(history: History, step) -> str:
    lead, items = step_items(history, step)
    return f"{lead} {' · '.join(items)}"


def cell_text(history: History, lineage: Lineage, d: int) -> tuple[str, list[str]]:
    ids, kinds = history.cell(lineage, d)
    marks = "".join(MARKS.get(k, "") for k in kinds)
    if not ids:
        return ("×" if "deleted" in kinds else "·"), kinds
    return ", ".join(ids) + marks, kinds


def cell_words(history: History, lineage: Lineage, d: int) -> str:
    """A cell for a spreadsheet or a table: ids, then what happened in words."""
    ids, kinds = history.cell(lineage, d)
    text = ", ".join(ids) if ids else ("deleted" if "deleted" in kinds else "")
    shown = [k for k in kinds if k != "deleted" or ids]
    return f"{text} ({', '.join(shown)})" if shown and ids else text


# -- terminal -----------------------------------------------------------------------


def print_history(view: HistoryView, console: Console) -> None:
    history = view.history
    plain = console.no_color or console.color_system is None
    labels = [d.label for d in history.drafts]
    console.print(Text(f"History: {' → '.join(labels)} ({len(labels)} drafts)", style="bold"))
    brackets = [d.bracket_counts.brackets for d in history.drafts]
    if any(brackets):
        console.print(Text("  brackets: " + " → ".join(str(n) for n in brackets), style="dim"))
    for step in history.steps:
        lead, items = step_items(history, step)
        console.print(wrapped_items("  " + lead + " ", items, console.width, indent=4))
    if view.revert_to is not None:
        _print_reverts(view, console, plain)
        return
    if view.foci:
        for node in view.foci:
            _print_story(view, node, console, plain)
        return
    for chain in view.units:
        line = Text("\n")
        for k, (d, key) in enumerate(chain.items()):
            status = history.unit_status(d, chain)
            line.append(" → " if k else "", style="dim")
            line.append(history.unit_titles(d).get(key, key), style="bold")
            line.append(f" ({labels[d]}{': ' + status if status and status != 'unchanged' else ''})", style="dim")
        console.print(line)
    lineages = view.lineages
    changed = sum(1 for lin in history.lineages if lin.changed)
    if view.units:
        inside = sum(1 for lin in lineages if lin.changed)
        console.print(Text(f"{len(lineages)} paragraphs of it followed, {inside} changed at some step", style="dim"))
    else:
        console.print(Text(f"{len(history.lineages)} paragraphs followed, {changed} changed at some step", style="dim"))
    shown = _columns_that_fit(history, lineages, console.width)
    if len(shown) < len(labels):
        hidden = [labels[d] for d in range(len(labels)) if d not in shown]
        console.print(
            Text(
                f"(not shown, the terminal is too narrow: {', '.join(hidden)}; widen it or use --format html)",
                style="dim",
            )
        )
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    for d in shown:
        table.add_column(labels[d], no_wrap=True)
    for lineage in lineages:
        row = []
        for d in shown:
            text, kinds = cell_text(history, lineage, d)
            style = "" if plain or not kinds else STYLES.get(kinds[0], "")
            row.append(Text(text, style=style if text not in ("·",) else "dim"))
        table.add_row(*row)
    console.print()
    console.print(table)
    legend = "  ".join(f"{mark} {kind}" for kind, mark in MARKS.items())
    console.print(Text(f"\n{legend}  · absent", style="dim"))


def _columns_that_fit(history: History, lineages: list[Lineage], width: int) -> list[int]:
    widths = [
        min(max([len(cell_text(history, lin, d)[0]) for lin in lineages] + [len(draft.label)]), 24) + 1
        for d, draft in enumerate(history.drafts)
    ]
    return columns_that_fit(widths, width)


def _print_reverts(view: HistoryView, console: Console, plain: bool) -> None:
    history = view.history
    assert view.revert_to is not None
    target = history.drafts[view.revert_to].label
    for revert in view.reverts():
        where = history.drafts[history.draft_index_of(revert.current)].label
        console.print()
        title = Text(f"{revert.current.id} ({where}) → ", style="bold")
        if revert.earlier:
            title.append(f"{target} wording ({', '.join(revert.earlier_ids)})", style="bold")
        else:
            title.append(f"not in {target}: reverting deletes it", style="bold red" if not plain else "bold")
        console.print(title)
        table = Table(box=None, pad_edge=False, show_header=True, header_style="dim", expand=True)
        table.add_column(where, ratio=1)
        table.add_column(target, ratio=1)
        table.add_row(revert.current.text, revert.earlier_text or "—")
        if console.width >= 100:
            console.print(table)
        else:
            console.print(Text(f"  {where}:", style="dim"))
            _print_indented(console, Text(revert.current.text), indent=4)
            console.print(Text(f"  {target}:", style="dim"))
            _print_indented(console, Text(revert.earlier_text or "—"), indent=4)
        console.print(Text("  the revert, word by word:", style="dim"))
        _print_indented(console, inline_diff(revert.segments, plain=plain), indent=4)


def _print_story(view: HistoryView, node, console: Console, plain: bool) -> None:
    history = view.history
    lineage = history.lineage_of(node)
    focus = history.paragraph(node)
    console.print()
    if lineage is None:
        console.print(Text(f"No history for {focus.id}."))
        return
    where = history.drafts[node[0]].label
    console.print(Text(f"Paragraph {focus.id} of {where}", style="bold"))
    for d, change in history.story(lineage):
        draft = history.drafts[d]
        if change is None:
            ids = ", ".join(history.drafts[d].paragraphs[i].id for i in lineage.nodes[d])
            console.print(Text(f"\n{draft.label} ({ids}): first text", style="bold"))
            body = Text(" ".join(history.drafts[d].paragraphs[i].text for i in lineage.nodes[d]))
            _print_indented(console, body)
            continue
        before = history.draft_index_of(change.old[0]) if change.old else d - 1
        title = Text(f"\n{history.drafts[before].label} → {draft.label} ({change.heading}, ", style="bold")
        kinds = lineage.kinds_at(d) or change.labels
        title.append(", ".join(kinds), style=STYLES.get(kinds[0], "") if not plain else "")
        title.append(")", style="bold")
        console.print(title)
        if change.kind != "unchanged" or [p.text for p in change.old] != [p.text for p in change.new]:
            _print_indented(console, inline_diff(change.segments, plain=plain))
    if view.blame:
        console.print(Text("\nWho brought each word (blame):", style="bold"))
        table = Table(box=None, pad_edge=False, show_header=True, header_style="dim")
        table.add_column("draft", no_wrap=True)
        table.add_column("words")
        for text, d in history.blame(node):
            table.add_row(history.drafts[d].label, text.strip())
        console.print(table)


def terminal_text(view: HistoryView, *, no_color: bool, width: int) -> str:
    buffer = io.StringIO()
    console = make_console(no_color=no_color, width=width, file=buffer, force_terminal=not no_color)
    print_history(view, console)
    return buffer.getvalue()


# -- JSON, Markdown, CSV ---------------------------------------------------------------


def json_document(view: HistoryView) -> str:
    from .json import dumps

    document = view.history.to_json()
    if view.revert_to is not None:
        document["revert_to"] = view.history.names[view.revert_to]
        document["reverts"] = [r.to_json() for r in view.reverts()]
    if view.units:
        document["units"] = [
            [
                {
                    "draft": view.history.names[d],
                    "title": view.history.unit_titles(d).get(key, key),
                    "status": view.history.unit_status(d, chain),
                }
                for d, key in chain.items()
            ]
            for chain in view.units
        ]
    if view.foci or view.changed_only or view.units:
        keep = {id(lin) for lin in view.lineages}
        document["lineage"] = [
            entry for entry, lin in zip(document["lineage"], view.history.lineages, strict=True) if id(lin) in keep
        ]
    return dumps(document)


def markdown_document(view: HistoryView) -> str:
    history = view.history
    labels = [d.label for d in history.drafts]
    lines = [f"# History: {' → '.join(labels)}", ""]
    lines += [f"- {_md(step_line(history, step))}" for step in history.steps]
    lines += ["", "| " + " | ".join(_md(label) for label in labels) + " |", "|" + "---|" * len(labels)]
    for lineage in view.lineages:
        lines.append("| " + " | ".join(_md(cell_words(history, lineage, d)) for d in range(len(labels))) + " |")
    return "\n".join(lines) + "\n"


def csv_document(view: HistoryView, *, bom: bool = False) -> bytes:
    from .csv import table

    history = view.history
    return table(
        [d.label for d in history.drafts] + ["Changes"],
        (
            [cell_words(history, lineage, d) for d in range(len(history.drafts))]
            + ["; ".join(f"{history.drafts[e.step].label}: {e.kind}" for e in lineage.events)]
            for lineage in view.lineages
        ),
        bom=bom,
    )


def docx_document(view: HistoryView) -> bytes:
    """A tracked-changes document that proposes the revert: accepting it gives
    the earlier wording, rejecting it keeps the current one."""
    from ..errors import DraftDiffError
    from .wordml import DocxWriter, Para, Run

    if view.revert_to is None:
        raise DraftDiffError(
            "a history is written as .docx only as a revert proposal", hint="give --para ID --revert-to DRAFT"
        )
    history = view.history
    target = history.drafts[view.revert_to].label
    writer = DocxWriter(author="draftdiff", title=f"Proposed revert to {target} language")
    writer.add(Para([Run(f"Proposed revert to {target} language")], style="Title"))
    kinds = {"equal": None, "delete": "del", "insert": "ins"}
    for revert in view.reverts():
        where = history.drafts[history.draft_index_of(revert.current)].label
        note = f"Paragraph {revert.current.id} ({where})"
        note += (
            f", in the wording of {target} ({', '.join(revert.earlier_ids)})"
            if revert.earlier
            else f": not in {target}"
        )
        writer.add(Para([Run(note, bold=True)]))
        label = f"{revert.current.label}{revert.current.close}" if revert.current.label else ""
        runs = [Run(label, tab_after=True)] if label else []
        runs += [Run(text, change=kinds[op]) for op, text in revert.segments if text]
        writer.add(Para(runs, hanging=bool(label), mark="del" if not revert.earlier else None))
    return writer.to_bytes()


# -- XLSX -------------------------------------------------------------------------------


def xlsx_document(view: HistoryView) -> bytes:
    from .spreadsheet import Column, Workbook
    from .table import rows
    from .xlsx import change_sheet

    history = view.history
    fills = {
        "modified": "FFF2CC",
        "added": "E2F0D9",
        "restored": "E2F0D9",
        "deleted": "F8D7DA",
        "moved": "DDEBF7",
        "renumbered": "EDEDED",
        "split": "EADCF4",
        "merged": "EADCF4",
    }
    labels = [d.label for d in history.drafts]
    book = Workbook()
    matrix = book.sheet("History", [*(Column(label, 16) for label in labels), Column("Changes", 40)])
    for lineage in view.lineages:
        events = "; ".join(f"{history.drafts[e.step].label}: {e.kind}" for e in lineage.events)
        colours = {}
        for d in range(len(labels)):
            kinds = history.cell(lineage, d)[1]
            if kinds and kinds[0] in fills:
                colours[d] = fills[kinds[0]]
        matrix.append([*(cell_words(history, lineage, d) for d in range(len(labels))), events], fills=colours)
    for step in history.steps:
        title = f"{step.index}. {labels[step.index - 1]} → {labels[step.index]}"
        change_sheet(book, title, rows(step.comparison), with_findings=False)
    return book.to_bytes()


def _sheet_name(title: str, taken: list[str]) -> str:
    name = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)[:31]
    while name in taken:
        name = name[:28] + f"~{len(taken)}"
    return name


# -- HTML -------------------------------------------------------------------------------

_CSS = """
:root { --muted: #5f6b7a; --line: #d9dee5; }
body { font: 14px/1.45 system-ui, sans-serif; color: #1b1f24; margin: 0; background: #f6f7f9; }
header, main { max-width: 1300px; margin: 0 auto; padding: 0 24px; }
h1 { font-size: 1.4rem; margin: 20px 0 6px; }
.steps { color: var(--muted); margin: 0 0 12px; padding-left: 18px; }
table.matrix { border-collapse: collapse; background: #fff; width: 100%; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; white-space: nowrap; }
.matrix th { position: sticky; top: 0; background: #eef1f5; }
.matrix tr.lineage { cursor: pointer; } .matrix tr.lineage:hover td { outline: 1px solid #9aa5b1; }
.k-modified { background: #fff2cc; } .k-added, .k-restored { background: #e2f0d9; }
.k-deleted { background: #f8d7da; } .k-moved { background: #ddebf7; } .k-renumbered { background: #ededed; }
.k-split, .k-merged { background: #eadcf4; } .absent { color: #b0b8c1; }
tr.story td { white-space: normal; background: #fbfbfc; }
.story h3 { font-size: 13px; margin: 8px 0 2px; } .story p { margin: 0 0 6px; max-width: 90ch; }
del { color: #b00020; background: #fde8eb; } ins { color: #00703c; background: #e5f5ec; text-decoration: underline; }
.legend { color: var(--muted); margin: 8px 0 24px; }
label.only { display: block; margin: 8px 0; }
@media print { tr.story { display: table-row !important; } }
"""

_JS = r"""
(function () {
  document.querySelectorAll('tr.lineage').forEach(function (row) {
    row.addEventListener('click', function () {
      var story = document.getElementById(row.getAttribute('data-story'));
      story.hidden = !story.hidden;
      row.setAttribute('aria-expanded', story.hidden ? 'false' : 'true');
    });
  });
  // report.html#story-12 opens that paragraph's story (a link to one paragraph)
  var opened = /^#(story-\d+)$/.exec(window.location.hash);
  if (opened && document.getElementById(opened[1])) {
    document.getElementById(opened[1]).hidden = false;
    document.querySelector('tr[data-story="' + opened[1] + '"]').setAttribute('aria-expanded', 'true');
  }
  var only = document.getElementById('only-changed');
  only.addEventListener('change', function () {
    document.querySelectorAll('tr.lineage[data-changed="no"]').forEach(function (row) {
      row.hidden = only.checked;
      var story = document.getElementById(row.getAttribute('data-story'));
      if (only.checked) { story.hidden = true; }
    });
  });
  if (only.checked) { only.dispatchEvent(new Event('change')); }
})();
"""


def _segments_html(segments) -> str:
    return markup.render(
        segments,
        equal=escape,
        delete=lambda s: f"<del>{escape(s)}</del>",
        insert=lambda s: f"<ins>{escape(s)}</ins>",
    )


def html_document(view: HistoryView) -> str:
    history = view.history
    labels = [d.label for d in history.drafts]
    head = "".join(f"<th>{escape(label)}</th>" for label in labels)
    rows = []
    for n, lineage in enumerate(view.lineages):
        cells = []
        for d in range(len(labels)):
            text, kinds = cell_text(history, lineage, d)
            css = f' class="k-{kinds[0]}"' if kinds else (' class="absent"' if text == "·" else "")
            title = f' title="{escape(", ".join(kinds))}"' if kinds else ""
            cells.append(f"<td{css}{title}>{escape(text)}</td>")
        story_id = f"story-{n}"
        rows.append(
            f'<tr class="lineage" data-story="{story_id}" data-changed="{"yes" if lineage.changed else "no"}" '
            f'aria-expanded="false">{"".join(cells)}</tr>'
        )
        rows.append(
            f'<tr class="story" id="{story_id}" hidden><td colspan="{len(labels)}">{_story_html(history, lineage)}</td></tr>'
        )
    steps = "".join(f"<li>{escape(step_line(history, step))}</li>" for step in history.steps)
    legend = " ".join(f'<span class="k-{kind}">{escape(mark)} {kind}</span>' for kind, mark in MARKS.items())
    title = " → ".join(labels)
    body = f"""<header>
<h1>History: {escape(title)}</h1>
<ol class="steps">{steps}</ol>
<label class="only"><input type="checkbox" id="only-changed"{" checked" if view.changed_only else ""}> only paragraphs that changed</label>
</header>
<main>
<table class="matrix"><thead><tr>{head}</tr></thead><tbody>
{"".join(rows)}
</tbody></table>
<p class="legend">Click a row for the paragraph's text in each draft and what changed at each step. {legend} · absent</p>
</main>"""
    return page(f"History: {escape(title)} · draftdiff", _CSS, body, script=_JS)


def _story_html(history: History, lineage: Lineage) -> str:
    parts = []
    for d, change in history.story(lineage):
        draft = history.drafts[d]
        if change is None:
            text = " ".join(draft.paragraphs[i].text for i in lineage.nodes[d])
            ids = ", ".join(draft.paragraphs[i].id for i in lineage.nodes[d])
            parts.append(f"<h3>{escape(draft.label)} ({escape(ids)})</h3><p>{escape(text)}</p>")
            continue
        before = history.draft_index_of(change.old[0]) if change.old else d - 1
        kinds = ", ".join(lineage.kinds_at(d) or change.labels)
        parts.append(
            f"<h3>{escape(history.drafts[before].label)} → {escape(draft.label)} "
            f"({escape(change.heading)}, {escape(kinds)})</h3><p>{_segments_html(change.segments)}</p>"
        )
    return "".join(parts)
