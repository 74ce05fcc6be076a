"""One policy for other processes and for the garbage collector.

**Other processes.** Some work is split in two, one half done by another
process: reading the second draft of a pair, several drafts of a history,
the second half of a long PDF's pages, the word diffs of a very large
comparison. Whether to do so is decided here, once:

- the platform rule: another process is made by ``fork``, **on Linux only**.
  A forked child inherits the parent's loaded modules and work for free. On
  macOS fork is unsafe once numpy, lxml and pdfium have started threads or
  Objective-C runtime state (why CPython made ``spawn`` the default there),
  and Windows has no fork; ``spawn`` starts a fresh interpreter that imports
  the package again (about 0.3 s), as much as the largest piece of work it
  would take off. Elsewhere every piece of work runs in this process;
- two cores or more, and no other thread in this process (forking a
  threaded process can deadlock);
- never from a child, nor while this process already has a child at work on
  the other core (a pair's second draft is being read): one level, two cores;
- ``DRAFTDIFF_PROCESSES=0`` turns other processes off everywhere (CI runs
  the whole suite a second time so);
- each kind of work pays from its own size (:data:`WORTH_FROM`).

An external program (the OCR engine) is not a fork: it may run on every
platform, one a core (:func:`engine_processes`), under the same limits.

A child sends back only its result; when it fails, the caller does the work
itself, so that errors are those of the work done here.

**A child never outlives its parent.** The kernel kills it when its parent
dies, however it dies (``PR_SET_PDEATHSIG``: without it, this process is not
allowed to fork); it ignores Ctrl-C, which the terminal sends to the whole
process group, so that only the parent answers; a child whose result is not
wanted is killed, not waited for. :func:`end_children` kills the ones at
work, for a command line stopped by a signal.

**The collector.** A comparison allocates millions of small objects and few
cycles; the default thresholds make the collector walk them again and
again (a quarter of compare's time at 10,000 paragraphs). The collector is
the host program's to set: a library call never touches it. An entry point
that owns its process (the command line, a benchmark) calls
:func:`own_process_collector`, which collects rarely instead of often.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

ENVIRONMENT = "DRAFTDIFF_PROCESSES"

# From what size each kind of work gains from a second process: the child
# costs about 0.03 s to start, and sending a draft back about 0.1 s.
WORTH_FROM: dict[str, int] = {
    "read .pdf": 200_000,  # bytes of the file
    "read .docx": 200_000,
    "read text": 1_000_000,
    "pdf pages": 16,  # pages: the second half read by the child
    "word diffs": 3_000,  # changed pairs: about 0.3 s of work
}

_in_child = False  # this process is a child: it starts none of its own
_busy = 0  # pieces of work under way here while a child has the other core
_children: set[int] = set()  # children started and not yet reaped: only these are ever killed

# The signals that end a run: held while a child is made, so that none
# reaches it before it has its own dispositions.
ENDING_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)})
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def processes_allowed() -> bool:
    """Whether this process may start another one now (see the module's rule)."""
    if _in_child or _busy or os.environ.get(ENVIRONMENT, "").strip() == "0":
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    return (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


_prctl_function: list[Any] = []  # looked up once, in the parent: a child only calls it


def _prctl() -> Any:
    """The C library's ``prctl``, or None where it cannot be had (a child could outlive us: no fork).
    Looked up at the first fork only: ctypes is not imported by a run that forks nothing."""
    if not _prctl_function:
        try:
            import ctypes

            function = ctypes.CDLL(None, use_errno=True).prctl
            function.restype = ctypes.c_int
            function.argtypes = [ctypes.c_int, *[ctypes.c_ulong] * 4]
            _prctl_function.append(function)
        except (OSError, AttributeError):
            _prctl_function.append(None)
    return _prctl_function[0]


def in_child() -> bool:
    """Whether this process is a forked child (it shows no progress of its own)."""
    return _in_child


def engine_processes(jobs: int) -> int:
    """How many external programs (Tesseract) may run at once for ``jobs``
    pieces of work. Such a program is started with ``subprocess``, not
    forked from Python, so the platform rule does not bind it: one a core,
    except one in all where other processes are off or the other core is
    taken (a forked reader, a child)."""
    if _in_child or _busy or os.environ.get(ENVIRONMENT, "").strip() == "0":
        return 1
    return max(1, min(jobs, os.cpu_count() or 1))


def worth_a_process(kind: str, size: int) -> bool:
    """Whether work of this kind and size gains from a second process, and may have one."""
    return size >= WORTH_FROM[kind] and processes_allowed()


@contextlib.contextmanager
def other_core_taken() -> Iterator[None]:
    """While a child works on the other core, work here starts no process of its own."""
    global _busy
    _busy += 1
    try:
        yield
    finally:
        _busy -= 1


@contextlib.contextmanager
def ending_signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait while a few steps that must not be cut
    in two run (a fork and the record of its child; a temporary file made and
    recorded): they are delivered when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, ENDING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _become_child(parent: int) -> None:
    """The first steps of a forked child, signals still held: it dies with its
    parent, leaves Ctrl-C to it, and dies at once on SIGTERM or SIGHUP."""
    global _in_child
    _in_child = True
    _children.clear()  # the parent's children are not this process's to end
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for number in ENDING_SIGNALS - {signal.SIGINT}:
        signal.signal(number, signal.SIG_DFL)
    if _prctl()(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0 or os.getppid() != parent:
        os._exit(1)  # the parent is gone already, or we could not be tied to it


def _fork() -> int:
    """``os.fork()``, the child recorded (in the parent) or set up (in the child) before any signal lands."""
    if _prctl() is None:  # the caller does the work here
        raise OSError("no PR_SET_PDEATHSIG on this system: a child could outlive this process")
    parent = os.getpid()
    with ending_signals_held():
        pid = os.fork()
        if pid == 0:
            _become_child(parent)
        else:
            _children.add(pid)
    return pid


def _end_child(pid: int, *, kill: bool) -> None:
    """Reap one child of ours, killed first when its work is not wanted.
    Only an unreaped child is killed: its pid cannot have been given to
    another process yet."""
    if pid not in _children:
        return
    if kill:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with ending_signals_held():  # reaped and forgotten as one step
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        _children.discard(pid)


def end_children() -> None:
    """Kill and reap every child at work (a command line stopped by a signal)."""
    for pid in list(_children):
        _end_child(pid, kill=True)


def children_at_work() -> frozenset[int]:
    """The pids of the children started and not yet reaped."""
    return frozenset(_children)


class ForkedCall:
    """``function(*args)`` run in a forked child, its result pickled back
    through a pipe: the lightest way to use the second core for one piece of
    work. No pool, no thread in this process: a pool's feeder thread had to
    win the GIL from this process's own work before the child even started.

    Use it as a context manager: leaving it ends the child whatever happened.
    :meth:`result` raises :class:`ForkedCallFailed` when the child failed or
    died; the caller then does the work itself, for exactly its own error."""

    def __init__(self, function: Callable[..., object], *args: object) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = _fork()
        except BaseException:
            os.close(read_end)
            os.close(write_end)
            raise
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

    def result(self) -> Any:
        import pickle

        if self._read_end is None:
            raise ForkedCallFailed("the result was taken already")
        with os.fdopen(self._read_end, "rb") as source:
            self._read_end = None
            data = source.read()
        self._reap(kill=False)
        try:
            done, value = pickle.loads(data)
        except Exception as exc:
            raise ForkedCallFailed("the child died before it finished") from exc
        if not done:
            raise ForkedCallFailed("the child failed")
        return value

    def _reap(self, *, kill: bool) -> None:
        if self._pid is not None:
            _end_child(self._pid, kill=kill)
            self._pid = None

    def __enter__(self) -> ForkedCall:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._read_end is not None:
            os.close(self._read_end)
            self._read_end = None
        self._reap(kill=True)  # a result not taken is not wanted: the child is not waited for


class ForkedCallFailed(Exception):
    pass


def forked_call(function: Callable[..., object], *args: object) -> ForkedCall | None:
    """``function(*args)`` started in a child, when the policy allows one
    (callers ask :func:`worth_a_process` first); None when the caller should
    do it all here."""
    if not processes_allowed():
        return None
    try:
        return ForkedCall(function, *args)
    except OSError:
        return None


def forked_map(
    function: Callable[..., object], calls: Sequence[tuple[object, ...]], workers: int
) -> list[object] | None:
    """``function(*args)`` for each of ``calls``, each in a forked child, at
    most ``workers`` at a time; the results in order, a :class:`ForkedCallFailed`
    in place of each one whose child failed or could not start (the caller
    does that piece here). None when the policy allows no process.

    Bare forks, not a ``multiprocessing`` pool: a pool's workers, its feeder
    thread and its locks are what hung or printed tracebacks when a run was
    stopped; here whatever stops the run kills the children at work."""
    if not processes_allowed():
        return None
    pending = list(reversed(calls))
    running: list[ForkedCall | ForkedCallFailed] = []
    results: list[object] = []

    def start() -> None:
        try:
            running.append(ForkedCall(function, *pending.pop()))
        except OSError as exc:  # no process to be had: done here
            running.append(ForkedCallFailed(f"no process: {exc}"))

    try:
        while pending and len(running) < max(1, workers):
            start()
        while running:
            call = running[0]  # left in `running` until it is done: the finally ends it whatever happens
            if isinstance(call, ForkedCall):
                with call:
                    try:
                        results.append(call.result())
                    except ForkedCallFailed as exc:
                        results.append(exc)
            else:
                results.append(call)
            running.pop(0)
            if pending:
                start()
    finally:
        for call in running:  # a run stopped midway: the children still at work are killed
            if isinstance(call, ForkedCall):
                call.__exit__(None, None, None)
    return results


# -- the collector -------------------------------------------------------------------

# Young objects a collection waits for, and how rarely older generations are
# walked: a 10,000-paragraph comparison's millions of objects are walked a
# few times instead of hundreds, and cycles are still collected.
COLLECT_THRESHOLDS = (1_000_000, 1_000, 1_000)


def own_process_collector() -> None:
    """For an entry point that owns its process (the command line): what is
    loaded so far is never walked again (freeze), and the collector runs
    rarely. A library call never does this: the host program's collector
    stays as the host set it."""
    gc.freeze()
    gc.set_threshold(*COLLECT_THRESHOLDS)
