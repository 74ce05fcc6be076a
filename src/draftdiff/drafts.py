"""Draft names: ``draftdiff compare rev2 rev3`` in a folder of drafts.

A name is a path if such a file exists; else a name, label or alias listed in
the ``[drafts]`` table of the configuration; else ``NAME.docx``, ``NAME.md``, ``NAME.txt`` or
``NAME.pdf`` in the current folder. When one name exists in several formats
the first in that order is read (the richest source first: Word keeps the
numbering and notes as typed, PDF is what a reader saw), and
:func:`resolve_with_note` says which.
"""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .errors import InputError
from .formats import NAME_SUFFIXES as SUFFIXES  # preference, when a name exists in several formats


def _short(path: Path) -> Path:
    """A path below the current folder as a relative one, so reports say "rev2.docx"."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def resolve(name: str, config: Config | None = None, *, cwd: Path | None = None) -> Path:
    return resolve_with_note(name, config, cwd=cwd)[0]


def resolve_with_note(name: str, config: Config | None = None, *, cwd: Path | None = None) -> tuple[Path, str]:
    """The file a draft name stands for, and a note when a choice was made
    among several formats ("rev2: read rev2.docx (also rev2.pdf, rev2.txt)")."""
    folder = cwd or Path()  # relative, so reports show "rev2.docx", not a long path
    direct = Path(name)
    if direct.exists():
        return direct, ""
    if config is not None and "drafts" in config.data:
        from .negotiation.register import find, from_config, problem

        entries = from_config(config)
        place = find(entries, name)
        if place is not None:
            entry = entries[place]
            wrong = problem(entry)
            if wrong:
                raise InputError(f"draft {entry.name}: {wrong}", path=config.path)
            return entry.path, ""
    candidates = [folder / f"{name}{suffix}" for suffix in SUFFIXES if (folder / f"{name}{suffix}").is_file()]
    if len(candidates) == 1:
        return candidates[0], ""
    if len(candidates) > 1:
        others = ", ".join(c.name for c in candidates[1:])
        return candidates[0], f"{name}: read {candidates[0].name} (also {others}; give a file name to choose)"
    raise InputError(
        "no such file or draft name", path=name, hint="check the path, or list it under [drafts] in draftdiff.toml"
    )
