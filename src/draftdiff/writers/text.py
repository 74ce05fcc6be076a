"""Plain text: a draft as its paragraphs, one per line, ids in front."""

from __future__ import annotations

from ..document.model import Draft, Kind


def parse_document(draft: Draft) -> str:
    lines: list[str] = []
    if draft.title:
        lines += [draft.title, ""]
    for para in draft.paragraphs:
        if para.kind is Kind.HEADING and lines and lines[-1] != "":
            lines.append("")
        lines.append(f"[{para.id}] {para.display}")
        if para.kind is Kind.HEADING:
            lines.append("")
        for note in para.notes:
            lines.append(f"    [^{note.marker}] {note.text}")
    return "\n".join(lines).rstrip("\n") + "\n"
