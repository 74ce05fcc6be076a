"""Pause Python's cyclic garbage collector around allocation-heavy stages."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused_gc(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with the cyclic collector off. A comparison allocates
    millions of small objects and no cycles worth collecting mid-way, and each
    full collection walks all of them: a quarter of compare's time at 10,000
    paragraphs. Reference counting still frees memory as usual, and the
    collector is back on (and catches up) once the stage returns."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # nested, or the caller turned it off
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper
