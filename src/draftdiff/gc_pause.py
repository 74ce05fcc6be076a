"""Pause Python's cyclic garbage collector around allocation-heavy stages."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


# A stage that leaves this many young objects has them promoted at once
# (below it, the usual young collection is cheap); and once this many have
# been promoted, a full collection frees whatever cycles went with them.
PROMOTE_FROM = 100_000
COLLECT_AFTER = 5_000_000
_promoted = 0


def paused_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the cyclic collector off. A comparison allocates
    millions of small objects and no cycles worth collecting mid-way, and each
    full collection walks all of them: a quarter of compare's time at 10,000
    paragraphs. Reference counting still frees memory as usual, and the
    collector is back on once the stage returns.

    When the stage made many objects, they then go to the oldest generation
    (freeze, unfreeze): left young, the first collection after the stage would
    walk every one of them, and again as they aged (at 20,000 paragraphs those
    walks took 0.07 s, three times their cost at 10,000). Whatever cycles were
    promoted with them are freed by a full collection once COLLECT_AFTER
    objects have been promoted."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # nested, or the caller turned it off
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            _promote_or_not()
            gc.enable()

    return wrapper


def _promote_or_not() -> None:
    global _promoted
    young = gc.get_count()[0]
    if young < PROMOTE_FROM:
        return
    gc.freeze()
    gc.unfreeze()
    _promoted += young
    if _promoted >= COLLECT_AFTER:
        _promoted = 0
        gc.collect()
