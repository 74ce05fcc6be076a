"""Draft names: ``draftdiff compare rev2 rev3`` in a folder of drafts.

A name is a path if such a file exists; else a name listed in the ``[drafts]``
table of the configuration; else ``NAME.docx``, ``NAME.pdf``, ``NAME.txt`` or
``NAME.md`` in the current folder, which must be unique.
"""

from __future__ import annotations

from pathlib import Path

from .config import Config
from .errors import InputError

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


def resolve(name: str, config: Config | None = None, *, cwd: Path | None = None) -> Path:
    folder = cwd or Path()  # relative, so reports show "rev2.docx", not a long path
    direct = Path(name)
    if direct.exists():
        return direct
    if config is not None and name in config.drafts:
        target = config.base / config.drafts[name]
        if not target.exists():
            raise InputError(f"draft {name!r} points to {target}, which does not exist", path=config.path)
        return target
    candidates = [folder / f"{name}{suffix}" for suffix in SUFFIXES if (folder / f"{name}{suffix}").is_file()]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        names = ", ".join(c.name for c in candidates)
        raise InputError(f"draft name {name!r} is ambiguous: {names}", hint="give the file name with its suffix")
    raise InputError(
        "no such file or draft name", path=name, hint="check the path, or list it under [drafts] in draftdiff.toml"
    )
