"""``draftdiff drafts``: the register of drafts, each read once to say whether
it can be read, and how much it holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DraftDiffError
from ..negotiation.register import DraftEntry
from ..readers import ReadOptions


@dataclass(frozen=True)
class DraftsListRequest:
    config: Path | None = None
    read: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class DraftsList:
    """The register, in order, with what reading each draft gave."""

    config: Path | None  # the draftdiff.toml whose [drafts] it is (None: the drafts of a folder)
    rows: list[tuple[DraftEntry, dict[str, Any]]]
    left_out: list[Path] = field(default_factory=list)  # files of the folder that are draftdiff's own outputs

    @property
    def all_readable(self) -> bool:
        return all(info["readable"] for _, info in self.rows)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "draftdiff.drafts/1",
            "config": str(self.config) if self.config else None,
            "drafts": [{**entry.to_json(), "format": entry.format, **info} for entry, info in self.rows],
            "left_out": [str(path) for path in self.left_out],
        }


def run(request: DraftsListRequest) -> DraftsList:
    from ..config import load_config
    from ..negotiation.register import problem, register
    from ..readers import load

    config = load_config(request.config)
    left_out: list[Path] = []
    entries = register(config, left_out=left_out)
    if not entries:
        raise DraftDiffError("no drafts: list them under [drafts] in draftdiff.toml, or run this in a folder of drafts")
    rows: list[tuple[DraftEntry, dict[str, Any]]] = []
    for entry in entries:
        info: dict[str, Any] = {"readable": True}
        wrong = problem(entry)
        if wrong:
            info.update(readable=False, problem=wrong)
            rows.append((entry, info))
            continue
        try:
            draft = load(entry.path, label=entry.label, options=request.read)
            info.update(
                paragraphs=len(draft.paragraphs),
                words=sum(len(p.text.split()) for p in draft.paragraphs),
                warnings=len(draft.warnings),
            )
        except DraftDiffError as exc:
            info.update(readable=False, problem=str(exc))
        rows.append((entry, info))
    listed = config.path if "drafts" in config.data else None
    return DraftsList(listed, rows, left_out)
