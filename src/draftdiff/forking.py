"""Work on the second core: a forked child for one piece of work, or a pool
of forked readers. A child inherits everything by fork, so only its result
travels (pickled); whoever uses one does the work itself when the child fails,
so that errors are those of the work done here."""

from __future__ import annotations

import contextlib
from collections.abc import Callable


def can_fork() -> bool:
    """Whether forked readers can help: two cores or more, fork available, and
    no other thread in this process (forking a threaded process can deadlock)."""
    import os
    import threading

    return (os.cpu_count() or 1) >= 2 and hasattr(os, "fork") and threading.active_count() == 1


def forked_pool(workers: int):
    """A pool of forked reader processes, or None where none can start. A
    reader hands each piece of work to it and reads the piece again itself
    when the forked read fails, so that errors are those of a single read."""
    import concurrent.futures
    import multiprocessing

    try:
        return concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    except (OSError, ValueError):
        return None


class ForkedCall:
    """``function(*args)`` run in a forked child, its result pickled back
    through a pipe: the lightest way to use the second core for one piece of
    work. No pool, no thread in this process: a pool's feeder thread had to
    win the GIL from this process's own work before the child even started.

    Use it as a context manager: leaving it ends the child whatever happened.
    :meth:`result` raises :class:`ForkedCallFailed` when the child failed or
    died; the caller then does the work itself, for exactly its own error."""

    def __init__(self, function: Callable[..., object], *args: object) -> None:
        import os

        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read_end)
            try:
                import pickle

                try:
                    payload = pickle.dumps((True, function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException:  # the parent does the work again, for its own error
                    payload = pickle.dumps((False, None))
                with os.fdopen(write_end, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(0)  # no atexit handlers, no buffers flushed twice
        os.close(write_end)
        self._pid: int | None = pid
        self._read_end: int | None = read_end

    def result(self):
        import os
        import pickle

        if self._read_end is None:
            raise ForkedCallFailed("the result was taken already")
        with os.fdopen(self._read_end, "rb") as source:
            self._read_end = None
            data = source.read()
        self._reap()
        try:
            done, value = pickle.loads(data)
        except Exception as exc:
            raise ForkedCallFailed("the child died before it finished") from exc
        if not done:
            raise ForkedCallFailed("the child failed")
        return value

    def _reap(self) -> None:
        import os

        if self._pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> ForkedCall:
        return self

    def __exit__(self, *exc_info: object) -> None:
        import os

        if self._read_end is not None:  # never read: closing it ends a child blocked on the pipe
            os.close(self._read_end)
            self._read_end = None
        self._reap()


class ForkedCallFailed(Exception):
    pass


def forked_call(function: Callable[..., object], *args: object) -> ForkedCall | None:
    """:class:`ForkedCall`, or None where no process can start."""
    try:
        return ForkedCall(function, *args)
    except OSError:
        return None
