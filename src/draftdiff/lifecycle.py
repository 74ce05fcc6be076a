"""What the command line does about its own process: the signals that stop
it, and its standard streams. Only ``cli.run`` calls :func:`take_over`: a
program that uses the library keeps its own signals and streams.

**Signals.** SIGINT, SIGTERM and SIGHUP raise :class:`Interrupted` where the
run is, so that what it was doing unwinds (a forked child is killed, a
temporary file removed); ``cli.run`` then makes sure of both
(:func:`stop_now`), says one line and exits 128 + the signal's number (130,
143, 129). A second signal while that happens ends the process at once,
after the same cleanup. A forked child sets its own dispositions
(``execution``); the kernel kills it if this process dies anyway.

**Streams.** A descriptor 0, 1 or 2 that is closed (``>&-``, some daemons)
is opened on ``/dev/null`` before anything else is opened, or the first file
opened would become our standard output. Standard output and error then
write every byte or say why: a reader that went away (``| head``) makes the
rest of the output go to ``/dev/null`` quietly, and the run ends with its own
exit code; a full disk or a file size limit raises :class:`StreamWriteError`
once, which ``cli.run`` reports as one line and exit 2 (a short write is
never taken for success). On POSIX systems: Windows keeps its console's
own streams.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import select
import signal
import sys
from collections.abc import Iterator
from typing import NoReturn

from . import execution, output

_owner = 0  # the process that took over the signals (a forked child is not it)
_stopping: int | None = None  # the signal that is stopping the run
_folders: list[str] = []  # private temporary folders in use (see private_temporary_folder)


class Interrupted(BaseException):
    """A signal is stopping the run (not an Exception: no ``except
    Exception`` in the library or its dependencies holds it up)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class StreamWriteError(OSError):
    """Standard output could not be written (a full disk, a file size limit, an I/O error)."""


def take_over() -> None:
    """For the command line, first thing: the standard streams, then the signals."""
    _standard_streams()
    global _owner, _stopping
    _owner, _stopping = os.getpid(), None
    for number in execution.ENDING_SIGNALS:
        signal.signal(number, _on_signal)


def release_signals() -> None:
    """The default dispositions again (before a pager, which answers Ctrl-C itself)."""
    for number in execution.ENDING_SIGNALS:
        signal.signal(number, signal.default_int_handler if number == signal.SIGINT else signal.SIG_DFL)


def _on_signal(signum: int, frame: object) -> None:
    if os.getpid() != _owner:  # a forked child, before it set its own dispositions
        os._exit(128 + signum)
    global _stopping
    if _stopping is not None:  # a second signal while the first unwinds: no more waiting
        stop_now(_stopping)
    _stopping = signum
    raise Interrupted(signum)


def stop_now(signum: int) -> NoReturn:
    """Kill the children at work, remove the temporary files, say one line, exit 128 + signum."""
    for number in execution.ENDING_SIGNALS:  # nothing interrupts the cleanup
        signal.signal(number, signal.SIG_IGN)
    execution.end_children()
    output.remove_temporaries()
    _remove_folders()
    line = f"draftdiff: interrupted by {signal.Signals(signum).name}\n"
    if os.isatty(2):
        line = "\r\x1b[K\x1b[?25h" + line  # a progress bar's line cleared, the cursor shown again
    with contextlib.suppress(OSError):
        os.write(2, line.encode())
    os._exit(128 + signum)


@contextlib.contextmanager
def private_temporary_folder() -> Iterator[None]:
    """Other libraries' temporary files (openpyxl writes each worksheet to
    one) go to a folder of this run's own while a file is rendered: removed
    when the rendering ends, fails or is stopped, so that nothing is left in
    the system's temporary folder either."""
    import tempfile

    with execution.ending_signals_held():  # made and recorded as one step
        folder = tempfile.mkdtemp(prefix="draftdiff-")
        _folders.append(folder)
    previous, tempfile.tempdir = tempfile.tempdir, folder
    try:
        yield
    finally:
        tempfile.tempdir = previous
        _remove_folders(folder)


def _remove_folders(*only: str) -> None:
    import shutil

    for folder in [f for f in _folders if not only or f in only]:
        shutil.rmtree(folder, ignore_errors=True)
        _folders.remove(folder)


# -- the standard streams ---------------------------------------------------------------

_NO_ROOM = {errno.ENOSPC, errno.EFBIG, *([errno.EDQUOT] if hasattr(errno, "EDQUOT") else [])}


def no_room(exc: BaseException) -> str | None:
    """Why a write failed when the disk, a quota or the file size limit
    (``ulimit -f``) ran out, as the system says it; None for anything else.
    Also read from lxml's serialiser, which names the error (``IO_EFBIG``)."""
    if isinstance(exc, OSError) and exc.errno in _NO_ROOM:
        return os.strerror(exc.errno)
    text = str(exc)
    for number in _NO_ROOM:
        if f"IO_{errno.errorcode[number]}" in text:
            return os.strerror(number)
    return None


class _Descriptor(io.RawIOBase):
    """A standard stream's descriptor that writes all it is given or says why."""

    def __init__(self, fd: int, name: str, *, loud: bool) -> None:
        super().__init__()
        self._fd, self._name, self._loud = fd, name, loud

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: object) -> int:
        view = memoryview(data).cast("B")  # type: ignore[arg-type]
        done = 0
        while done < len(view):
            try:
                done += os.write(self._fd, view[done:])
            except BlockingIOError:  # a descriptor left non-blocking by whoever gave it to us
                select.select([], [self._fd], [])
            except BrokenPipeError:  # the reader went away: the rest is not wanted
                self._to_null()
                return len(view)
            except OSError as exc:
                self._to_null()  # said once: the rest of the output goes nowhere
                if self._loud:
                    raise StreamWriteError(exc.errno, exc.strerror, self._name) from None
                return len(view)
        return done

    def _to_null(self) -> None:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, self._fd)
        os.close(null)


def _standard_streams() -> None:
    for fd, mode in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:  # closed: /dev/null takes its place, and its number
            null = os.open(os.devnull, mode)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if os.name != "posix":  # Windows writes its console in UTF-16 through its own streams: kept
        sys.stdout = sys.stdout or open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = sys.stderr or open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        return
    sys.stdout = _text_stream(1, "<stdout>", sys.stdout, loud=True)
    sys.stderr = _text_stream(2, "<stderr>", sys.stderr, loud=False)


def _text_stream(fd: int, name: str, previous: object, *, loud: bool) -> io.TextIOWrapper:
    """A text stream like Python's own (same encoding, errors, buffering) over a _Descriptor."""
    if previous is not None:
        with contextlib.suppress(OSError, ValueError):
            previous.flush()  # type: ignore[attr-defined]
    encoding = getattr(previous, "encoding", None) or "utf-8"
    errors = getattr(previous, "errors", None) or "backslashreplace"
    line_buffering = getattr(previous, "line_buffering", fd == 2 or os.isatty(fd))
    stream = io.TextIOWrapper(
        io.BufferedWriter(_Descriptor(fd, name, loud=loud)),
        encoding=encoding,
        errors=errors,
        line_buffering=line_buffering,
    )
    stream.mode = "w"  # type: ignore[misc]
    return stream
