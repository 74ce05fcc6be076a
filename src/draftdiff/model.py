"""The one document model every reader produces and every later stage reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Kind(StrEnum):
    NUMBERED = "numbered"
    SUBPARAGRAPH = "subparagraph"
    HEADING = "heading"
    UNNUMBERED = "unnumbered"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Location:
    """Where a paragraph starts in its source: a line (text), a page (PDF) or a
    paragraph index in the body (DOCX)."""

    line: int | None = None
    page: int | None = None
    index: int | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in (("line", self.line), ("page", self.page), ("index", self.index)) if v is not None}


@dataclass(frozen=True)
class Note:
    """A footnote or endnote attached to the paragraph that carries its marker."""

    marker: str
    text: str
    kind: str = "footnote"

    def to_json(self) -> dict:
        return {"marker": self.marker, "kind": self.kind, "text": self.text}


@dataclass
class Paragraph:
    id: str
    label: str
    kind: Kind
    text: str
    section: str = ""
    location: Location = field(default_factory=Location)
    notes: list[Note] = field(default_factory=list)
    close: str = ""  # punctuation printed after the label: "." in "12.", ")" in "3)"

    @property
    def display(self) -> str:
        """The paragraph as a reader sees it: label, then text."""
        if not self.label:
            return self.text
        return f"{self.label}{self.close} {self.text}".strip()

    def to_json(self) -> dict:
        out = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "section": self.section,
            "text": self.text,
            "location": self.location.to_json(),
        }
        if self.notes:
            out["notes"] = [n.to_json() for n in self.notes]
        return out


@dataclass(frozen=True)
class Revision:
    """One tracked change found in a source file (DOCX)."""

    kind: str  # insertion, deletion, move, paragraph-insertion ...
    author: str
    date: str = ""


@dataclass
class Draft:
    source: Path
    label: str
    title: str
    paragraphs: list[Paragraph]
    format: str = "text"
    revisions: list[Revision] = field(default_factory=list)
    comments: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {p.id: p for p in self.paragraphs}

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __iter__(self):
        return iter(self.paragraphs)

    def get(self, para_id: str) -> Paragraph | None:
        return self._by_id.get(para_id)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.paragraphs]

    def to_json(self) -> dict:
        out = {
            "schema": "draftdiff.parse/1",
            "source": str(self.source),
            "label": self.label,
            "title": self.title,
            "format": self.format,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }
        if self.revisions:
            out["revisions"] = revision_summary(self.revisions)
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


def revision_summary(revisions: list[Revision]) -> dict:
    by_author: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for rev in revisions:
        by_author[rev.author or "(unknown)"] = by_author.get(rev.author or "(unknown)", 0) + 1
        by_kind[rev.kind] = by_kind.get(rev.kind, 0) + 1
    return {"count": len(revisions), "by_author": by_author, "by_kind": by_kind}


_LABEL_PATTERNS = [
    (re.compile(r"\bzero[\s._-]*draft\b|^zero\b|\bzero$", re.I), lambda m: "Zero draft"),
    (re.compile(r"\brev(?:ision)?[\s._-]*(\d+)", re.I), lambda m: f"Rev {int(m[1])}"),
    (re.compile(r"\bfinal\b", re.I), lambda m: "Final"),
]


def label_from_path(path: Path) -> str:
    """Derive a draft label from its file name: ``rev2.docx`` -> ``Rev 2``."""
    stem = path.stem
    spaced = re.sub(r"[_]+", " ", stem)
    for pattern, make in _LABEL_PATTERNS:
        m = pattern.search(spaced)
        if m:
            return make(m)
    return stem
