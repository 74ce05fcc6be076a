"""``draftdiff versions``: language versions of one text, side by side."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import DraftDiffError
from ..negotiation.versions import Versions
from .register import DraftsRequest, Loaded, Notify, choose_drafts, quiet, read_drafts


@dataclass(frozen=True)
class VersionsRequest:
    drafts: DraftsRequest = field(default_factory=DraftsRequest)


def load(request: VersionsRequest, notify: Notify = quiet) -> Loaded:
    if len(request.drafts.names) < 2:
        raise DraftDiffError("versions needs two language versions of one text at least: name their files")
    _, chosen = choose_drafts(request.drafts)
    loaded = read_drafts(chosen, request.drafts, notify)
    if len(loaded.drafts) < 2:
        raise DraftDiffError("versions needs two readable language versions at least")
    return loaded


def run(request: VersionsRequest, loaded: Loaded) -> Versions:
    from ..negotiation.versions import compare_versions

    return compare_versions(loaded.drafts, [entry.label or entry.name for entry in loaded.entries])
