"""Two drafts named on the command line (files, or names of the register),
read side by side; or one tracked-changes DOCX read as its original and its
text with every change accepted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import Draft
from ..errors import DraftDiffError
from ..readers import ReadOptions
from .register import Notify, quiet, read_problems


@dataclass(frozen=True)
class PairRequest:
    old: str  # a file, or a draft name such as rev2
    new: str | None = None  # leave out: the old one is a DOCX with tracked changes
    labels: tuple[str | None, str | None] = (None, None)
    read: ReadOptions = field(default_factory=ReadOptions)
    config: Path | None = None  # draftdiff.toml (default: found upwards)


def open_config(path: Path | None) -> object:
    """The configuration, read once for draft names and [check]."""
    from ..config import load_config

    return load_config(path)


def load_pair(request: PairRequest, config: object, notify: Notify = quiet) -> tuple[Draft, Draft]:
    from ..drafts import resolve_with_note
    from ..readers import load_pair as read_pair
    from ..readers import load_tracked_versions

    def resolve(name: str) -> Path:
        path, note = resolve_with_note(name, config)  # type: ignore[arg-type]
        if note:
            notify(note)
        return path

    old_path = resolve(request.old)
    if request.new is None:
        if old_path.suffix.lower() != ".docx":
            raise DraftDiffError("compare needs two drafts", hint="give OLD and NEW, or one .docx with tracked changes")
        original, accepted = load_tracked_versions(old_path)
        if request.labels[0]:
            original.label = request.labels[0]
        if request.labels[1]:
            accepted.label = request.labels[1]
        _problems(accepted, notify)
        return original, accepted
    new_path = resolve(request.new)
    from ..diff.tokens import prepare

    pair = read_pair(old_path, new_path, labels=request.labels, options=request.read, prepare=prepare)
    for draft in pair:
        _problems(draft, notify)
    return pair


def _problems(draft: Draft, notify: Notify) -> None:
    line = read_problems(draft)
    if line:
        notify(line)
