"""``draftdiff trace``: watched phrases through every draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DraftDiffError
from ..negotiation.trace import VARIANT_THRESHOLD, TraceView
from .register import DraftsRequest, Loaded, Notify, load_at_least, quiet

# --phrases FILE: ten thousand long phrases are about 2 MiB
MAX_PHRASES_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class TraceRequest:
    drafts: DraftsRequest = field(default_factory=DraftsRequest)
    phrases: tuple[str, ...] = ()  # --phrase
    phrases_file: Path | None = None  # --phrases: one a line, # starts a comment
    threshold: float = VARIANT_THRESHOLD
    context: bool = False
    allow_variants: bool = False


def watched_phrases(request: TraceRequest, config: object) -> list[str]:
    """The phrases to follow: --phrase, --phrases FILE, else [check] protect of the configuration."""
    from ..readers import read_bytes
    from ..rules.settings import load_settings

    watched = list(request.phrases)
    if request.phrases_file is not None:
        # a regular file of at most MAX_PHRASES_BYTES: /dev/zero would be read until memory ran out, a FIFO wait forever
        raw = read_bytes(request.phrases_file, limit=MAX_PHRASES_BYTES, what="a list of phrases")
        try:
            lines = raw.decode("utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise DraftDiffError(
                f"{request.phrases_file}: cannot be read as UTF-8 text ({type(exc).__name__}); "
                "give a text file, one phrase a line"
            ) from None
        watched += [line.split("#", 1)[0].strip() for line in lines]
    if not request.phrases and request.phrases_file is None:
        watched += load_settings(config).protect  # type: ignore[arg-type]
    watched = [w for w in watched if w.strip()]
    if not watched:
        raise DraftDiffError(
            "no phrases: give --phrase TEXT, --phrases FILE, or list them in [check] protect of draftdiff.toml"
        )
    return watched


def load(request: TraceRequest, notify: Notify = quiet) -> tuple[Loaded, list[str]]:
    from .register import choose_drafts

    if not 0 < request.threshold <= 1:
        raise DraftDiffError("--threshold is a similarity between 0 (exclusive) and 1 (1: exact matches only)")
    config, chosen = choose_drafts(request.drafts)  # the configuration read once: phrases and drafts
    watched = watched_phrases(request, config)
    return load_at_least(request.drafts, "trace", notify, (config, chosen)), watched


def run(request: TraceRequest, loaded: Loaded, watched: list[str]) -> TraceView:
    """Each draft aligned once (no word diffs: only which paragraph became which), then every phrase traced."""
    from ..negotiation.history import history
    from ..negotiation.trace import trace

    found = trace(history(loaded.drafts, loaded.names, words=False), watched, threshold=request.threshold)
    return TraceView(found, context=request.context, allow_variants=request.allow_variants)
