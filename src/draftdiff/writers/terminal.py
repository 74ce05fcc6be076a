"""Rich terminal output."""

from __future__ import annotations

import os
import sys
from typing import cast

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from ..document.model import Draft, Kind, revision_summary
from . import markup
from .table import partial_anchor
from .untrusted import name as safe_name
from .untrusted import text as safe_text


class SafeConsole(Console):
    """A console whose every segment of text has had untrusted.text's
    treatment: writers pass untrusted strings through it themselves (so that
    widths are right), and this is the net for any they missed."""

    def render(self, renderable: RenderableType, options: ConsoleOptions | None = None):
        for segment in super().render(renderable, options):
            if segment.control is None and not segment.text.isprintable():
                safe = safe_text(segment.text)
                if safe != segment.text:
                    segment = Segment(safe, segment.style)
            yield segment


def make_console(
    *,
    no_color: bool = False,
    stderr: bool = False,
    width: int | None = None,
    file=None,
    force_terminal: bool | None = None,
) -> Console:
    no_color = no_color or bool(os.environ.get("NO_COLOR"))
    stream = file or (sys.stderr if stderr else sys.stdout)
    console = SafeConsole(
        file=stream,
        force_terminal=force_terminal,
        no_color=no_color,
        # NO_COLOR users get plain text: no colour and no bold/strike codes.
        color_system=None if no_color else "auto",
        highlight=False,
        soft_wrap=False,
        width=width,
        emoji=False,
        # draft text is full of [brackets]: a string is always plain text, never markup
        markup=False,
    )
    # Read the terminal's size once: rich asks the terminal at every print
    # otherwise, a system call and two environment lookups per line.
    console.size = console.size
    return console


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
        authors = ", ".join(f"{safe_name(name)} ({n})" for name, n in summary["by_author"].items())
        console.print(Text(f"Tracked changes: {summary['count']} by {authors}", style="yellow"))

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
            who = safe_name(comment.get("author") or "(unknown)")
            console.print(Text(f"- {who}{where}: {safe_text(comment.get('text', ''))}"))


# -- compare -------------------------------------------------------------------

_CHANGE_STYLE = {
    "modified": "yellow",
    "added": "green",
    "deleted": "red",
    "split": "magenta",
    "merged": "magenta",
    "moved": "cyan",
    "renumbered": "blue",
    "unchanged": "dim",
}
DELETE_STYLE = "red strike"
INSERT_STYLE = "green underline"


def inline_diff(segments: list[tuple[str, str]], *, plain: bool) -> Text:
    """Deletions in red strike-through, insertions in green; with no colour,
    ``[-deleted-]`` and ``{+inserted+}`` so the changes still show."""
    if plain:
        return Text(markup.plain(segments))
    text = Text()
    for piece in markup.pieces(segments):
        text.append(piece.lead)
        style = {"delete": DELETE_STYLE, "insert": INSERT_STYLE}.get(piece.op)
        text.append(piece.body, style=style) if style else text.append(piece.body)
        text.append(piece.trail)
    return text


def _side(segments: list[tuple[str, str]], keep: str, *, plain: bool) -> Text:
    """One side of a side-by-side view: equal text plus this side's changes."""
    return inline_diff([(op, chunk) for op, chunk in segments if op in ("equal", keep)], plain=plain)


def _print_indented(console: Console, body: Text, indent: int = 2) -> None:
    """Wrap to the terminal, indent, and leave no trailing spaces."""
    for line in body.wrap(console, max(20, console.width - indent)):
        line.rstrip()
        console.print(Text(" " * indent) + line, soft_wrap=True)


def print_compare_header(comparison, console: Console) -> None:
    old, new = comparison.old, comparison.new
    title = Text()
    title.append(old.label, style="bold")
    title.append(" → ")
    title.append(new.label, style="bold")
    console.print(title)
    console.print(
        Text(
            f"{old.source} ({len(old.paragraphs)} paragraphs) → {new.source} ({len(new.paragraphs)} paragraphs)",
            style="dim",
        )
    )
    # wrapped by hand between items, so that "0 split" never breaks across lines
    summary = Text()
    column = 0
    for index, (key, count) in enumerate(comparison.summary.items()):
        item = f"{count} {key}"
        if index:
            if column + 3 + len(item) > console.width:
                summary.append("\n")
                column = 0
            else:
                summary.append(" · ", style="dim")
                column += 3
        summary.append(item, style=_CHANGE_STYLE[key] if count and key != "unchanged" else "")
        column += len(item)
    console.print(summary)
    by_author = comparison.comments_by_author
    for side, draft in (("old", old), ("new", new)):
        if by_author[side]:
            total = sum(by_author[side].values())
            items = [f"{safe_name(name)} {n}" for name, n in sorted(by_author[side].items(), key=lambda kv: -kv[1])]
            console.print(
                wrapped_items(f"Comments in {draft.label} ({total}): ", items, console.width, style=_COMMENT_STYLE)
            )


def wrapped_items(lead: str, items: list[str], width: int, *, indent: int = 2, style: str = "") -> Text:
    """``lead`` then the items separated by " · ", wrapped between items,
    never inside one ("0 split" never breaks across lines)."""
    out = Text(lead, style=style)
    column = len(lead)
    for index, item in enumerate(items):
        if index:
            if column + 3 + len(item) > width:
                out.append("\n" + " " * indent)
                column = indent
            else:
                out.append(" · ", style="dim")
                column += 3
        out.append(item, style=style)
        column += len(item)
    return out


def columns_that_fit(widths: list[int], width: int) -> list[int]:
    """Which of these columns to show in ``width``: all of them, or the first
    and as many of the last ones as fit (drafts in a many-draft table)."""
    if sum(widths) <= width:
        return list(range(len(widths)))
    kept, used = [0], widths[0]
    for d in range(len(widths) - 1, 0, -1):
        if used + widths[d] > width:
            break
        kept.append(d)
        used += widths[d]
    return sorted(kept)


_COMMENT_STYLE = "blue"


def _print_brackets(change, console: Console) -> None:
    for item in change.brackets:
        _print_indented(console, Text(item["message"], style="magenta"), indent=4)


def _print_comments(change, console: Console) -> None:
    """A change's comments, under it: author, date, and the words they are
    anchored to when that is less than the whole paragraph."""
    two_sides = bool(change.old) and bool(change.new) and change.kind != "unchanged"
    for side, comment in change.comments:
        line = Text()
        line.append(safe_name(comment.author or "(unknown)"), style=f"bold {_COMMENT_STYLE}")
        if comment.date:
            line.append(f" {comment.date[:10]}", style="dim")
        if two_sides:
            line.append(f" ({side})", style="dim")
        if partial_anchor(comment, change.old if side == "old" else change.new):
            line.append(f' on "{_preview(safe_text(comment.anchor), 60)}"', style="dim")
        line.append(": ")
        line.append(safe_text(comment.text), style=_COMMENT_STYLE)
        _print_indented(console, line, indent=4)


def _change_title(change) -> Text:
    title = Text()
    title.append(change.heading, style="bold")
    title.append(" ")
    labels = change.labels
    for index, label in enumerate(labels):
        if index:
            title.append(", ")
        title.append(label, style=_CHANGE_STYLE.get(label, ""))
    if change.confidence < 1:
        title.append(f" (weak link, confidence {change.confidence:.2f})", style="dim")
    if change.moved and change.old_section != change.new_section:
        title.append(
            f" · from {change.old_section or '(no section)'} to {change.new_section or '(no section)'}", style="dim"
        )
    else:
        section = change.new_section or change.old_section
        if section:
            title.append(f" · {section}", style="dim")
    return title


class _Built:
    """Stands in for the console while a long report is built: its lines go
    into one text, printed once. rich's cost per print call (the render
    pipeline, a lock, a write) was most of a 10,000-change report's time."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self.width = console.width
        self.no_color = console.no_color
        self.color_system = console.color_system
        self._text = Text()
        self._items: list = []

    def print(self, *objects, soft_wrap: bool = False) -> None:
        if not objects:
            self._text.append("\n")
            return
        item = objects[0]
        if not isinstance(item, Text):  # a table: rendered by the console, in its place
            self._close_text()
            self._items.append(item)
            return
        plain = item.plain
        fits = soft_wrap or ("\n" not in plain and "\t" not in plain and cell_len(plain) <= self.width)
        for line in [item] if fits else item.wrap(self.console, self.width):
            self._text.append_text(line)
            self._text.append("\n")

    def __getattr__(self, name: str):
        return getattr(self.console, name)  # what rich asks of a console while wrapping

    def _close_text(self) -> None:
        if self._text:
            self._items.append(self._text)
            self._text = Text()

    def flush(self) -> None:
        self._close_text()
        for item in self._items:
            if isinstance(item, Text):
                # wrapped already: its styled pieces go out as they are
                self.console.print(Segments(item.render(self.console)), soft_wrap=True, end="")
            else:
                self.console.print(item)
        self._items.clear()


def print_compare(comparison, changes, console: Console, *, side_by_side: bool = False, stat: bool = False) -> None:
    built = _Built(console)
    _build_compare(comparison, changes, cast(Console, built), side_by_side=side_by_side, stat=stat)
    built.flush()


def _build_compare(comparison, changes, console: Console, *, side_by_side: bool, stat: bool) -> None:
    plain = console.no_color or console.color_system is None
    print_compare_header(comparison, console)
    if not changes:
        console.print(Text("\nNo differences." if not comparison.differences else "\nNothing matches the filter."))
        return
    _print_sections(comparison, console)
    changes = _body_first(changes)
    if stat:
        console.print()
        for item in _collapse_renumbered(changes):
            console.print(item if isinstance(item, Text) else _change_title(item))
        return
    use_columns = side_by_side and console.width >= 100
    for change in _collapse_renumbered(changes):
        console.print()
        if isinstance(change, Text):
            console.print(change)  # a run of paragraphs that were only renumbered
            continue
        console.print(_change_title(change))
        text_changed = change.kind != "unchanged"
        if not text_changed:
            _print_comments(change, console)
            continue  # renumbered or moved only: the words are the same
        if use_columns and change.kind in ("modified", "split", "merged"):
            table = Table(show_header=True, header_style="dim", box=None, expand=True, pad_edge=False)
            table.add_column(comparison.old.label, ratio=1)
            table.add_column(comparison.new.label, ratio=1)
            table.add_row(_side(change.segments, "delete", plain=plain), _side(change.segments, "insert", plain=plain))
            console.print(table)
        else:
            body = inline_diff(change.segments, plain=plain)
            if change.kind == "added" and not plain:
                body.stylize("green")
            elif change.kind == "deleted" and not plain:
                body.stylize("red strike")
            _print_indented(console, body)
        _print_brackets(change, console)
        _print_comments(change, console)


RUN = 3  # renumbered-only paragraphs in a row that make one line


def _only_renumbered(change) -> bool:
    return change.labels == ["renumbered"] and not change.comments and not change.brackets


def _collapse_renumbered(changes: list) -> list:
    """Runs of paragraphs that were only renumbered become one line ("9pre … 42quater → 9 … 48,
    55 paragraphs renumbered"): a renumbered final text would otherwise fill the screen."""
    out: list = []
    run: list = []

    def flush() -> None:
        if len(run) >= RUN:
            line = Text()
            line.append(
                f"{run[0].old_ids[0]} … {run[-1].old_ids[0]} → {run[0].new_ids[0]} … {run[-1].new_ids[0]}", style="bold"
            )
            line.append(f": {len(run)} paragraphs renumbered", style=_CHANGE_STYLE["renumbered"])
            section = run[0].new_section
            if section and all(c.new_section == section for c in run):
                line.append(f" · {section}", style="dim")
            out.append(line)
        else:
            out.extend(run)
        run.clear()

    for change in changes:
        if _only_renumbered(change):
            run.append(change)
            continue
        flush()
        out.append(change)
    flush()
    return out


def _section_of(change) -> str:
    return change.new_section or change.old_section


def _body_first(changes: list) -> list:
    """Changes in document order, those before the first heading (a title
    page, front matter) after the body: the first screen is the substance."""
    body = [c for c in changes if _section_of(c)]
    return body + [c for c in changes if not _section_of(c)] if body else changes


def _print_units(comparison, console: Console) -> None:
    """One line per article or section renumbered, retitled, added or deleted as a unit."""
    lines = [unit.line for unit in comparison.sections if unit.status != "unchanged"]
    if not lines:
        return
    console.print()
    for line in lines:
        console.print(Text(line, style="bold" if "→" in line else ""), soft_wrap=True)


def _print_sections(comparison, console: Console) -> None:
    """A table of what changed per section (or article), when there are several;
    an article renumbered or retitled is one row ("Article 3 (mitigation) → Article 4")."""
    _print_units(comparison, console)
    row_of_old = {u.old_title: u for u in comparison.sections if u.old_title and u.new_title}
    row_of_new = {u.new_title: u for u in comparison.sections if u.old_title and u.new_title}

    def row_name(change) -> str:
        unit = row_of_new.get(change.new_section) if change.new else row_of_old.get(change.old_section)
        if unit is None:
            return _section_of(change)
        return unit.new_title if unit.status == "unchanged" else f"{unit.old_title} → {unit.new_title}"

    counts: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for change in comparison.changes:
        section = row_name(change) or "(before the first heading)"
        key = titles.setdefault(section.casefold(), section)  # "Article 2 (PURPOSE)" is "Article 2 (purpose)"
        row = counts.setdefault(key, dict.fromkeys(("unchanged", "modified", "added", "deleted", "moved"), 0))
        if change.moved:
            row["moved"] += 1
        if change.kind in row and not (change.kind == "unchanged" and (change.moved or change.renumbered)):
            row[change.kind] += 1
        elif change.kind in ("split", "merged"):
            row["modified"] += 1
    if len(counts) < 2:
        return
    front = counts.pop("(before the first heading)", None)
    if front is not None:
        counts["(before the first heading)"] = front  # after the body, as the changes are
    keys = ("unchanged", "modified", "added", "deleted", "moved")
    rows = [
        (section, [str(row[k]) if row[k] else "·" for k in keys])
        for section, row in counts.items()
        if any(row[k] for k in keys[1:])  # a section with no change stays out of the table
    ]
    # Laid out by hand, not as a rich Table: hundreds of sections cost a
    # rich Table a tenth of a second, as much as the rest of the report.
    widths = [max([len(key), *(len(values[n]) for _, values in rows)]) for n, key in enumerate(keys)]
    counts_width = sum(2 + width for width in widths)
    first = min(
        max([len("section"), *(cell_len(section) for section, _ in rows)]), max(8, console.width - counts_width)
    )
    console.print()
    header = Text("section".ljust(first), style="dim")
    for key, width in zip(keys, widths, strict=True):
        header.append("  " + key.rjust(width), style="dim")
    console.print(header, soft_wrap=True)
    for section, values in rows:
        line = Text(section)
        line.truncate(first, overflow="ellipsis", pad=True)
        line.append("".join("  " + value.rjust(width) for value, width in zip(values, widths, strict=True)))
        console.print(line, soft_wrap=True)


# -- check -----------------------------------------------------------------------

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_check(result, console: Console) -> None:
    print_compare_header(result.comparison, console)
    summary = result.summary
    line = Text()
    for index, key in enumerate(("error", "warning", "info")):
        if index:
            line.append(" · ", style="dim")
        line.append(
            f"{summary[key]} {key}{'s' if summary[key] != 1 and key != 'info' else ''}",
            style=_SEVERITY_STYLE[key] if summary[key] else "",
        )
    if summary["waived"]:
        line.append(f" · {summary['waived']} waived", style="dim")
    weakened = sum(1 for f in result.findings if f.rule not in ("DD105", "DD106") and not f.waived)
    strengthened = sum(1 for f in result.findings if f.rule == "DD106")
    line.append(f"  ({weakened} weakened, {strengthened} strengthened)", style="dim")
    console.print(line)
    for waiver in result.unused_waivers:
        console.print(
            Text(f"waiver for {waiver.rule} in para {waiver.para} matched no finding (stale?)", style="yellow")
        )
    if not result.findings:
        console.print(Text("\nNo language regressions found.", style="green"))
    for finding in result.findings:
        console.print()
        head = Text()
        head.append(finding.severity.upper(), style="dim" if finding.waived else _SEVERITY_STYLE[finding.severity])
        head.append(f" {finding.rule} {finding.name}", style="bold")
        head.append(f"  para {finding.para}")
        section = finding.new_section or finding.old_section
        if section:
            head.append(f" · {section}", style="dim")
        if finding.waived:
            head.append(f"  (waived: {finding.reason})", style="dim")
        console.print(head)
        _print_indented(console, Text(finding.message))
        if finding.before or finding.after:
            plain = console.no_color or console.color_system is None
            segments = [("delete", finding.before)] if finding.before else []
            if finding.after:
                segments.append(("insert", (" " if segments else "") + finding.after))
            _print_indented(console, inline_diff(segments, plain=plain))
    verdict = Text()
    if result.failed:
        verdict.append(f"\nFailed: findings at or above '{result.settings.fail_on}'.", style="bold red")
    else:
        verdict.append(f"\nPassed (fail-on: {result.settings.fail_on}).", style="green")
    console.print(verdict)


def print_register_check(result, console: Console) -> None:
    """check across the register: each step's findings, then the net result (the gate)."""
    history = result.history
    labels = [d.label for d in history.drafts]
    console.print(Text(f"Check of {len(labels)} drafts: {' → '.join(labels)}", style="bold"))
    for step in result.steps:
        summary = step.result.summary
        reverted = len(step.reverted)
        line = Text(f"\n{labels[step.index - 1]} → {labels[step.index]}: ", style="bold")
        line.append(
            f"{summary['error']} errors · {summary['warning']} warnings · {summary['info']} info"
            + (f" · {reverted} reverted later" if reverted else "")
        )
        console.print(line)
        for finding in step.result.findings:  # every finding the line above counts, info too
            text = Text(f"{finding.severity.upper()} {finding.rule} para {finding.para}: ")
            text.append(finding.message)
            if id(finding) in step.reverted:
                text.append(f" (reverted in {labels[step.reverted[id(finding)]]})", style="green")
            _print_indented(console, text, indent=2)
    console.print(Text(f"\nNet: {labels[result.since]} → {labels[-1]} (the gate)", style="bold"))
    print_check(result.net, console)


def print_rules(rules, console: Console) -> None:
    """`draftdiff rules`: every rule with its code, name, default severity and summary."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for column in ("code", "name", "default", "what it finds"):
        table.add_column(column, no_wrap=column != "what it finds")
    for rule in rules:
        table.add_row(
            rule.code, rule.name, Text(rule.severity, style=_SEVERITY_STYLE[rule.severity]), Text(rule.summary)
        )
    console.print(table)
    console.print(Text("draftdiff rules CODE explains one, with an example.", style="dim"))


def print_rule(rule, console: Console, example: list[tuple[str, str]]) -> None:
    """`draftdiff rules DD102`: one rule, its rationale and a before/after
    example (``example``: the word diff of before and after, as segments)."""
    head = Text()
    head.append(f"{rule.code} {rule.name}", style="bold")
    head.append("  default severity ")
    head.append(rule.severity, style=_SEVERITY_STYLE[rule.severity])
    console.print(head)
    console.print(Text(rule.summary))  # Text: a "[based on 76/141]" is words, not markup
    if rule.rationale:
        console.print()
        console.print(Text(rule.rationale))
    if rule.before:
        plain = console.no_color or console.color_system is None
        console.print()
        console.print(Text("Example", style="bold"))
        _print_indented(console, Text(f"before: {rule.before}"))
        _print_indented(console, Text(f"after:  {rule.after}"))
        _print_indented(console, inline_diff(example, plain=plain))
    console.print()
    console.print(
        Text(
            f'Configure it in draftdiff.toml: [check] disable = ["{rule.code}"], or [check.severity] {rule.code} = "error".',
            style="dim",
        )
    )
