"""Markdown: a change table to paste into an email, a wiki or a GitHub issue."""

from __future__ import annotations

from . import markup
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


def compare_document(comparison, changes, findings_by_change: dict | None = None) -> str:
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
    if not changes:
        lines.append("No differences." if not comparison.differences else "Nothing matches the filter.")
        return "\n".join(lines) + "\n"
    units = [unit.line for unit in comparison.sections if unit.status != "unchanged"]
    if units:  # articles renumbered, retitled, added or deleted as units
        lines += [f"- {escape(line)}" for line in units] + [""]
    with_findings = findings_by_change is not None
    header = "| Old | New | Change | Section | Text (~~deleted~~ **inserted**) |"
    rule = "|---|---|---|---|---|"
    if with_findings:
        header += " Findings |"
        rule += "---|"
    lines += [header, rule]
    for change in changes:
        olds = " + ".join(change.old_ids) if change.kind == "merged" else ", ".join(change.old_ids)
        section = change.new_section or change.old_section
        if change.moved and change.old_section != change.new_section:
            section = f"{change.old_section} → {change.new_section}"
        text = "" if change.kind == "unchanged" else marked_up(change.segments)
        labels = ", ".join(change.labels) + (f" (weak link, {change.confidence:.2f})" if change.confidence < 1 else "")
        line = f"| {olds or '—'} | {', '.join(change.new_ids) or '—'} | {labels} | {escape(section)} | {text} |"
        if with_findings:
            line += f" {escape(' '.join((findings_by_change or {}).get(id(change), [])))} |"
        lines.append(line)
    return "\n".join(lines) + "\n"
