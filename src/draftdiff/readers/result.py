"""What every reader returns: one type, whatever the format."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document.blocks import Block
from ..document.model import Furniture, ReadWarning, Revision


@dataclass
class ReadResult:
    """A file's blocks in reading order, and what the reader learnt on the way."""

    blocks: list[Block]
    warnings: list[ReadWarning] = field(default_factory=list)  # what could not be read or placed
    furniture: list[Furniture] = field(default_factory=list)  # page furniture removed on purpose
    revisions: list[Revision] = field(default_factory=list)  # a DOCX's tracked changes
    comments: list[dict[str, Any]] = field(default_factory=list)  # a DOCX's comments, to attach to paragraphs
    pages: int = 0  # a PDF's page count
