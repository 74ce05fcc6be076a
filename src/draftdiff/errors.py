"""Errors a user can act on. The CLI prints them as one line and exits 2."""

from __future__ import annotations

from pathlib import Path


class DraftDiffError(Exception):
    """Bad input or usage: ``str()`` is the one line the user sees."""

    def __init__(self, message: str, *, path: Path | str | None = None, hint: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}" if self.path else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(DraftDiffError):
    """A file cannot be read as a draft."""
