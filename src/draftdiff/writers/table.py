"""The change table every export shares: one row per change.

Columns: section, old id, new id, change, old text, new text, the change
marked up, (with ``--check``) the rule codes of check's findings, and last
the reviewers' comments on the paragraphs (DOCX). An unchanged paragraph
that carries comments has a row too: comments are how positions are recorded.
Writers format these rows; none of them recomputes the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import markup
from .untrusted import name, text

if TYPE_CHECKING:
    from ..diff.comparison import Change, Comparison

COLUMNS = ("Section", "Old", "New", "Change", "Old text", "New text", "Changes marked", "Findings")
COMMENTS_COLUMN = "Comments"
BRACKETS_COLUMN = "Brackets"


def columns(*, with_findings: bool) -> list[str]:
    return [*(COLUMNS if with_findings else COLUMNS[:-1]), COMMENTS_COLUMN, BRACKETS_COLUMN]


def partial_anchor(comment, paragraphs) -> bool:
    """The comment is anchored to some words, not to the whole paragraph:
    worth quoting them."""
    if not comment.anchor:
        return False
    whole = " ".join(p.display for p in paragraphs)
    return len(comment.anchor) < 0.8 * len(whole)


@dataclass
class Row:
    change: Change
    section: str
    old: str
    new: str
    kind: str
    old_text: str
    new_text: str
    segments: list[tuple[str, str]]
    findings: list = field(default_factory=list)  # check's Finding objects
    codes: list[str] = field(default_factory=list)

    @property
    def finding_lines(self) -> list[str]:
        return [f"{f.rule} {f.severity}{' (waived)' if f.waived else ''}: {f.message}" for f in self.findings]

    @property
    def anchor(self) -> str:
        """A stable HTML id for the row."""
        key = self.new or self.old
        return "p-" + "".join(ch if ch.isalnum() else "-" for ch in key)

    @property
    def comment_lines(self) -> list[str]:
        """ "Author (2021-10-03): text", with the draft when the change has two sides."""
        comments = self.change.comments
        if not comments:
            return []
        out = []
        two_sides = bool(self.change.old) and bool(self.change.new) and self.change.kind != "unchanged"
        for side, comment in comments:
            when = f" ({comment.date[:10]})" if comment.date else ""
            tag = f"[{side}] " if two_sides else ""
            on = ""
            if partial_anchor(comment, self.change.old if side == "old" else self.change.new):
                on = f' on "{text(comment.anchor)}"'
            out.append(f"{tag}{name(comment.author or '(unknown)')}{text(when)}{on}: {text(comment.text)}")
        return out

    @property
    def bracket_lines(self) -> list[str]:
        return [item["message"] for item in self.change.brackets]

    def marked(self) -> str:
        """The text with ``[-deleted-]`` and ``{+inserted+}`` words."""
        return markup.plain(self.segments)


def rows(comparison: Comparison, *, include_unchanged: bool = False, check_result=None, selected=None) -> list[Row]:
    by_change: dict[int, list] = {}
    if check_result is not None:
        index_of = {id(change): i for i, change in enumerate(comparison.changes)}
        for finding in check_result.findings:
            if finding.change is not None and id(finding.change) in index_of:
                by_change.setdefault(index_of[id(finding.change)], []).append(finding)
    out = []
    chosen = {id(change) for change in selected} if selected is not None else None
    for index, change in enumerate(comparison.changes):
        if chosen is not None:
            if id(change) not in chosen:
                continue
        elif not (include_unchanged or change.is_change or index in by_change or change.comments):
            continue
        section = change.new_section or change.old_section
        if change.moved and change.old_section != change.new_section:
            section = f"{change.old_section} → {change.new_section}"
        findings = by_change.get(index, [])
        out.append(
            Row(
                change=change,
                section=section,
                old=(" + " if change.kind == "merged" else ", ").join(change.old_ids),
                new=", ".join(change.new_ids),
                kind=", ".join(change.labels)
                + (f" (weak link, {change.confidence:.2f})" if change.confidence < 1 else ""),
                old_text="\n".join(p.display for p in change.old),
                new_text="\n".join(p.display for p in change.new),
                segments=change.segments if change.kind != "unchanged" else [],
                findings=findings,
                codes=sorted({f.rule for f in findings}),
            )
        )
    return out
