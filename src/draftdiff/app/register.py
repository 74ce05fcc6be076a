"""The drafts a many-draft command reads: chosen from the register (the
``[drafts]`` table of draftdiff.toml, or a folder of drafts), each read once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..document.model import Draft
from ..errors import DraftDiffError
from ..negotiation.register import DraftEntry
from ..readers import ReadOptions

Notify = Callable[[str], None]  # one line for the user (a warning), without the "draftdiff: " prefix


def quiet(line: str) -> None:
    """The default ``notify``: a library caller hears nothing."""


@dataclass(frozen=True)
class DraftsRequest:
    """Which drafts, read how."""

    names: tuple[str, ...] = ()  # names, labels, aliases or files, in order; none: the whole register
    config: Path | None = None  # draftdiff.toml (default: found upwards from the current folder)
    read: ReadOptions = field(default_factory=ReadOptions)
    skip_unreadable: bool = False  # leave out a draft that cannot be read, with a warning


@dataclass
class Loaded:
    """The drafts read, in order, with their register entries (the config too, for settings)."""

    drafts: list[Draft]
    entries: list[DraftEntry]
    config: object = None  # config.Config

    @property
    def names(self) -> list[str]:
        return [entry.name for entry in self.entries]

    def index_of(self, word: str) -> int | None:
        """The draft a user names (name, label or alias), by its place."""
        from ..negotiation.register import find

        return find(self.entries, word)


def open_register(config_path: Path | None) -> tuple[object, list[DraftEntry]]:
    """The configuration and the register of drafts it (or the folder) lists."""
    from ..config import load_config
    from ..negotiation.register import register

    config = load_config(config_path)
    return config, register(config)


def read_drafts(chosen: list[DraftEntry], request: DraftsRequest, notify: Notify = quiet) -> Loaded:
    """Read each chosen draft once (on every core when they are large). An
    unreadable one is an error, or with ``skip_unreadable`` a warning and left out."""
    from ..diff.tokens import prepare
    from ..negotiation.register import problem
    from ..normalize import visible_controls
    from ..readers import load_each

    loaded, kept = [], []
    usable = []
    for entry in chosen:  # each entry that cannot be used is its own line, before any reading
        wrong = problem(entry)
        if wrong is None:
            usable.append(entry)
        elif not request.skip_unreadable:
            raise DraftDiffError(f"draft {entry.name}: {wrong}")
        else:
            notify(visible_controls(f"warning: left out draft {entry.name}: {wrong}"))
    paths = [entry.path for entry in usable]
    labels: list[str | None] = [entry.label for entry in usable]
    read = load_each(paths, labels=labels, options=request.read, prepare=prepare)
    for entry, draft in zip(usable, read, strict=True):
        if isinstance(draft, DraftDiffError):
            if not request.skip_unreadable:
                raise DraftDiffError(f"draft {entry.name}: {draft}")
            notify(f"warning: left out draft {entry.name}: {draft}")
            continue
        problems = read_problems(draft)
        if problems:
            notify(problems)
        loaded.append(draft)
        kept.append(entry)
    return Loaded(loaded, kept)


def choose_drafts(request: DraftsRequest) -> tuple[object, list[DraftEntry]]:
    """The configuration, and the drafts the request names (all of the register when none)."""
    from ..negotiation.register import choose

    config, entries = open_register(request.config)
    return config, choose(entries, list(request.names))


def load_at_least(
    request: DraftsRequest,
    command: str,
    notify: Notify = quiet,
    chosen: tuple[object, list[DraftEntry]] | None = None,
) -> Loaded:
    """The chosen drafts (``chosen``: what choose_drafts gave, when the caller
    has it already), read, for a command that needs two of them at least."""
    config, entries = chosen or choose_drafts(request)
    if len(entries) < 2:
        raise DraftDiffError(
            f"{command} needs at least two drafts: list them under [drafts] in draftdiff.toml, or name them"
        )
    loaded = read_drafts(entries, request, notify)
    if len(loaded.drafts) < 2:
        raise DraftDiffError(f"{command} needs at least two readable drafts")
    loaded.config = config
    return loaded


def read_problems(draft: Draft) -> str:
    """One line for a draft whose reading left problems ("" when none); the
    details are in the parse JSON, so the terminal stays readable."""
    if not draft.warnings:
        return ""
    from ..normalize import visible_controls

    count = len(draft.warnings)
    first = visible_controls(str(draft.warnings[0]))
    more = f" (and {count - 1} more)" if count > 1 else ""
    source = visible_controls(str(draft.source))
    return (
        f"warning: {source}: {count} reading problem{'s' if count > 1 else ''}: "
        f"{first}{more}; see: draftdiff parse '{source}' --format json"
    )
