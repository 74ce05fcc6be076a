"""``draftdiff check``: language regressions between two drafts, or over every
step of a register, gated by --fail-on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..diff.selection import Selection
from ..diff.wording import Options
from ..errors import DraftDiffError
from .pair import PairRequest, load_pair, open_config
from .register import DraftsRequest, Notify, quiet, read_drafts

if TYPE_CHECKING:
    from ..document.model import Draft
    from ..negotiation.checks import RegisterCheck
    from ..rules import CheckResult, Settings
    from ..rules.agreed import AgreedSource


@dataclass(frozen=True)
class Rules:
    """What a check reads and how it gates, for a pair or a register alike."""

    compare: Options = field(default_factory=Options)
    protect: tuple[str, ...] = ()  # --protect: phrases that must not be lost
    fail_on: str | None = None  # --fail-on (default: the configuration's, else warning)
    agreed: tuple[AgreedSource, ...] = ()  # --agreed: adopted texts whose quoted words must not change


@dataclass(frozen=True)
class CheckRequest:
    pair: PairRequest
    rules: Rules = field(default_factory=Rules)
    selection: Selection = field(default_factory=Selection)  # the gate and the report: only these paragraphs


def _settings(config: object, protect: Sequence[str], fail_on: str | None, agreed: Sequence[AgreedSource]) -> Settings:
    from ..rules import load_settings

    return load_settings(config, protect=list(protect) or None, fail_on=fail_on, agreed=list(agreed) or None)  # type: ignore[arg-type]


def run(request: CheckRequest, notify: Notify = quiet) -> CheckResult:
    """A pair's check."""
    from ..diff.comparison import compare
    from ..rules import check

    config = open_config(request.pair.config)  # read once: draft names and [check]
    settings = _settings(config, request.rules.protect, request.rules.fail_on, request.rules.agreed)
    old, new = load_pair(request.pair, config, notify)
    _note_language(new, notify)
    comparison = compare(old, new, options=request.rules.compare)
    result = check(comparison, settings)
    if not request.selection.empty:
        result = result.restricted_to(request.selection.select(comparison, include_unchanged=True))
    return result


def _note_language(draft: Draft, notify: Notify) -> None:
    """check's wording rules read English: say so, once, when the drafts are in another language."""
    from ..document.languages import detect, name

    language = detect(p.text for p in draft.paragraphs)
    if language != "en":
        notify(
            f"note: the drafts are in {name(language)}; check's wording rules (ladders, hedges, quantifiers) "
            "read English only; agreed text (DD107) and --protect phrases (DD104, DD105) are checked in any language"
        )


@dataclass(frozen=True)
class RegisterCheckRequest:
    drafts: DraftsRequest = field(default_factory=DraftsRequest)
    rules: Rules = field(default_factory=Rules)
    since: str | None = None  # gate only on the net change since this draft


def run_register(request: RegisterCheckRequest, notify: Notify = quiet) -> tuple[RegisterCheck, list[Path]]:
    """Every step of the register (or of the drafts named) checked; the gate
    is the net result from --since (default: the first draft) to the last."""
    from ..negotiation.checks import check_register
    from ..negotiation.history import history
    from ..negotiation.register import choose
    from .register import open_register

    config, entries = open_register(request.drafts.config)
    chosen = choose(entries, list(request.drafts.names))
    if len(chosen) < 2:
        raise DraftDiffError(
            "check needs at least two drafts: list them under [drafts] in draftdiff.toml, or name them"
        )
    loaded = read_drafts(chosen, request.drafts, notify)
    _note_language(loaded.drafts[-1], notify)
    settings = _settings(config, request.rules.protect, request.rules.fail_on, request.rules.agreed)
    kept = loaded.entries
    start = 0
    if request.since:
        start = next((k for k, entry in enumerate(kept) if entry.answers_to(request.since)), -1)
        if start < 0 or start == len(kept) - 1:
            raise DraftDiffError(
                f"--since {request.since}: not one of the drafts before the last "
                f"({', '.join(e.name for e in kept[:-1])})"
            )
    lineages = history(loaded.drafts, [e.name for e in kept], options=request.rules.compare)
    return check_register(lineages, settings, since=start), [Path(d.source) for d in loaded.drafts]
