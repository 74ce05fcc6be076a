"""``draftdiff history``: every paragraph's life through the drafts, a
paragraph's story (``--para``) or an article's (``--section``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..diff.wording import Options
from ..errors import DraftDiffError
from ..negotiation.history import HistoryView
from .register import DraftsRequest, Loaded, Notify, load_at_least, quiet


@dataclass(frozen=True)
class HistoryRequest:
    drafts: DraftsRequest = field(default_factory=DraftsRequest)
    compare: Options = field(default_factory=Options)
    changed_only: bool = False
    paras: tuple[str, ...] = ()  # --para: paragraphs whose story is told
    sections: tuple[str, ...] = ()  # --section: articles followed as units
    in_draft: str | None = None  # the draft --para and --section are read in (default: the last)
    blame: bool = False
    revert_to: str | None = None


def validate(request: HistoryRequest) -> None:
    """The options that only make sense together, before any draft is read."""
    if request.blame and not request.paras:
        raise DraftDiffError("--blame tells one paragraph's story: give --para ID too")
    if request.in_draft and not (request.paras or request.sections):
        raise DraftDiffError(
            "--in says which draft --para or --section is read in: give --para ID or --section TEXT too"
        )
    if request.paras and request.sections:
        raise DraftDiffError("--para tells paragraphs' stories and --section an article's: give one of them")
    if request.revert_to and not request.paras:
        raise DraftDiffError("--revert-to proposes an earlier wording of some paragraphs: give --para ID too")


def load(request: HistoryRequest, notify: Notify = quiet) -> Loaded:
    validate(request)
    return load_at_least(request.drafts, "history", notify)


def run(request: HistoryRequest, loaded: Loaded, progress: Callable[[], None] | None = None) -> HistoryView:
    """Align each consecutive pair once and compose the lineages; then the view the request asks for."""
    from ..negotiation.history import history

    names = loaded.names
    dates = [entry.date.isoformat() if entry.date else None for entry in loaded.entries]
    result = history(loaded.drafts, names, options=request.compare, dates=dates, progress=progress)
    where: int | None = len(loaded.drafts) - 1
    if request.in_draft:
        where = loaded.index_of(request.in_draft)
        if where is None:
            where = result.draft_index(request.in_draft)
    if where is None:
        raise DraftDiffError(f"--in {request.in_draft}: not one of the drafts of this history ({', '.join(names)})")
    units = []
    for text in request.sections:
        found_units = result.units(text, where)
        if not found_units:
            raise DraftDiffError(f"--section {text!r}: no article or section of {names[where]} has that in its title")
        units += found_units
    foci = []
    target = None
    if request.paras:
        draft = loaded.drafts[where]
        for reference in request.paras:
            for found in draft.find(reference):
                foci.append((where, draft.paragraphs.index(found)))
        if request.revert_to:
            target = loaded.index_of(request.revert_to)
            if target is None:
                target = result.draft_index(request.revert_to)
            if target is None:
                raise DraftDiffError(
                    f"--revert-to {request.revert_to}: not one of the drafts of this history ({', '.join(names)})"
                )
    return HistoryView(
        result, changed_only=request.changed_only, foci=foci, blame=request.blame, revert_to=target, units=units
    )
