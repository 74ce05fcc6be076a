"""Progress bars on stderr, for long runs on a terminal only (never in a pipe,
a file or a test)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def no_progress() -> Iterator[None]:
    yield None


@contextlib.contextmanager
def progress_bar(total: int, *, threshold: int = 300, label: str = "Writing") -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr for long runs, only when stderr is a terminal."""
    if total < threshold or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    from .writers.terminal import make_console

    with Progress(console=make_console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.advance(task)
