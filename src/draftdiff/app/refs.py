"""``draftdiff refs``: stakeholder comments tied to the paragraphs they cite,
followed to a later draft, their proposals tracked."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DraftDiffError
from ..negotiation.refs import PARTLY_THRESHOLD, RefsView, StakeholderComment
from .register import DraftsRequest, Loaded, Notify, open_register, quiet, read_drafts


@dataclass(frozen=True)
class RefsRequest:
    comments: Path
    on: str | None = None  # the draft the comments were written on (required)
    to: str | None = None  # follow the paragraphs to this draft (default: the latest)
    drafts: DraftsRequest = field(default_factory=DraftsRequest)  # its names are not used: the whole register
    separator: str | None = None  # free text: a line that separates comments
    columns: dict[str, str] = field(default_factory=dict)  # CSV: role (text, author, organisation, date) -> column
    threshold: float = PARTLY_THRESHOLD
    author_from: str | None = None  # a CSV column, or a pattern with a group "author" that names them in the text


def load(request: RefsRequest, notify: Notify = quiet) -> tuple[Loaded, list[StakeholderComment]]:
    """The comments and every draft of the register, read."""
    from ..negotiation.refs import authors_from, read_comments

    if not 0 < request.threshold <= 1:
        raise DraftDiffError("--threshold is a similarity between 0 (exclusive) and 1")
    if not request.comments.is_file():
        raise DraftDiffError(f"{request.comments}: no such file (give the comments as .csv, .txt, .md, .docx or .pdf)")
    _, entries = open_register(request.drafts.config)
    if len(entries) < 1:
        raise DraftDiffError("no drafts: list them under [drafts] in draftdiff.toml, or run this in a folder of drafts")
    columns = dict(request.columns)
    pattern = request.author_from
    comments = None
    if pattern and request.comments.suffix.lower() == ".csv" and "author" not in columns:
        try:  # a column of the CSV, when it has one of that name
            comments = read_comments(
                request.comments, separator=request.separator, columns={**columns, "author": pattern}, notify=notify
            )
            pattern = None
        except DraftDiffError:
            comments = None  # no such column: a pattern
    if comments is None:
        comments = read_comments(request.comments, separator=request.separator, columns=columns, notify=notify)
    if pattern:
        comments = authors_from(comments, pattern)
    loaded = read_drafts(entries, request.drafts, notify)
    if not loaded.drafts:
        raise DraftDiffError("no readable drafts in the register")
    return loaded, comments


def _index(loaded: Loaded, word: str | None, default: int) -> int:
    if word is None:
        return default
    found = loaded.index_of(word)
    if found is None:
        raise DraftDiffError(f"{word}: not a draft of the register ({', '.join(loaded.names)})")
    return found


def run(request: RefsRequest, loaded: Loaded, comments: list[StakeholderComment], notify: Notify = quiet) -> RefsView:
    from ..negotiation.history import history, history_of_one
    from ..negotiation.refs import names_of, refs

    if request.on is None:
        raise DraftDiffError(
            "--on DRAFT: say which draft the comments were written on (a name, label or alias of the register)"
        )
    on_index = _index(loaded, request.on, 0)
    to_index = _index(loaded, request.to, len(loaded.entries) - 1)
    if to_index < on_index:
        raise DraftDiffError("--to must not come before --on in the register")
    names = loaded.names
    lineages = history(loaded.drafts, names) if len(loaded.drafts) > 1 else history_of_one(loaded.drafts[0], names[0])
    found = refs(
        lineages,
        comments,
        on=on_index,
        to=to_index,
        draft_names=names_of(loaded.entries),
        threshold=request.threshold,
    )
    for line in found.warnings:
        notify(f"warning: {line}")
    return RefsView(found)
