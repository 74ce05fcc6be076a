"""``draftdiff parse``: the paragraphs read from one draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import Draft
from ..readers import ReadOptions
from .register import Notify, quiet, read_problems


@dataclass(frozen=True)
class ParseRequest:
    file: Path
    label: str | None = None
    read: ReadOptions = field(default_factory=ReadOptions)


def run(request: ParseRequest, notify: Notify = quiet) -> Draft:
    from ..readers import load

    draft = load(request.file, label=request.label, options=request.read)
    line = read_problems(draft)
    if line:
        notify(line)
    return draft
