"""``draftdiff stats``: brackets, options and open text, draft by draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DraftDiffError
from ..negotiation.stats import StatsView
from .register import DraftsRequest, Loaded, Notify, choose_drafts, quiet, read_drafts


@dataclass(frozen=True)
class StatsRequest:
    drafts: DraftsRequest = field(default_factory=DraftsRequest)


def load(request: StatsRequest, notify: Notify = quiet) -> Loaded:
    _, chosen = choose_drafts(request.drafts)
    if not chosen:
        raise DraftDiffError("no drafts: list them under [drafts] in draftdiff.toml, or name them")
    loaded = read_drafts(chosen, request.drafts, notify)
    if not loaded.drafts:
        raise DraftDiffError("no readable drafts")
    return loaded


def run(request: StatsRequest, loaded: Loaded) -> StatsView:
    from ..negotiation.history import history, history_of_one
    from ..negotiation.stats import stats

    names = loaded.names
    if len(loaded.drafts) == 1:
        lineages = history_of_one(loaded.drafts[0], names[0])
    else:
        lineages = history(loaded.drafts, names, words=False)
    return StatsView(stats(lineages))
