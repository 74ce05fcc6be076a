"""Markdown: a change table to paste into an email, a wiki or a GitHub issue."""

from __future__ import annotations

from . import markup
from .table import Row, columns
from .untrusted import text as safe_text


def escape(text: str) -> str:
    """A table cell's text: made safe (untrusted.text), then Markdown's own
    characters escaped: no inline HTML (``<img src=…>``), no image or link
    (``![x](http://…)``) that a renderer would fetch or follow."""
    return (
        safe_text(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("*", "\\*")
        .replace("~", "\\~")
        .replace("<", "\\<")
        .replace("![", "\\![")
        .replace("](", "]\\(")
        .replace("\n", " ")
    )


def marked_up(segments: list[tuple[str, str]]) -> str:
    """Deletions as ~~struck~~ text, insertions in **bold**."""
    return markup.render(
        segments, equal=escape, delete=lambda s: f"~~{escape(s)}~~", insert=lambda s: f"**{escape(s)}**"
    )


def compare_document(comparison, rows: list[Row], *, with_findings: bool) -> str:
    """The change table with the columns of the CSV and the XLSX, in their
    order (``table.columns``); the changes marked ~~deleted~~ **inserted**."""
    old, new = comparison.old, comparison.new
    lines = [
        f"# {old.label} → {new.label}",
        "",
        f"- Old: {old.label}, `{old.source}`, {len(old.paragraphs)} paragraphs",
        f"- New: {new.label}, `{new.source}`, {len(new.paragraphs)} paragraphs",
        "",
        "| " + " | ".join(comparison.summary) + " |",
        "|" + "---|" * len(comparison.summary),
        "| " + " | ".join(str(n) for n in comparison.summary.values()) + " |",
        "",
    ]
    if not rows:
        lines.append("No differences." if not comparison.differences else "Nothing matches the filter.")
        return "\n".join(lines) + "\n"
    units = [unit.line for unit in comparison.sections if unit.status != "unchanged"]
    if units:  # articles renumbered, retitled, added or deleted as units
        lines += [f"- {escape(line)}" for line in units] + [""]
    names = columns(with_findings=with_findings)
    lines += [
        "Changes marked: ~~deleted~~, **inserted**.",
        "",
        "| " + " | ".join(names) + " |",
        "|" + "---|" * len(names),
    ]
    for row in rows:
        cells = [escape(row.section), escape(row.old) or "—", escape(row.new) or "—", escape(row.kind)]
        cells += [escape(row.old_text), escape(row.new_text), marked_up(row.segments) if row.segments else ""]
        if with_findings:
            cells.append(escape(" ".join(row.codes)))
        cells.append("<br>".join(escape(line) for line in row.comment_lines))
        cells.append("<br>".join(escape(line) for line in row.bracket_lines))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
