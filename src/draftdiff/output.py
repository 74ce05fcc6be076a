"""Writing output files safely: never over an input, always atomically."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .errors import DraftDiffError
from .execution import ending_signals_held

# Temporary files being written, not yet renamed: a command line stopped by a
# signal removes them (remove_temporaries), so that nothing is left beside the target.
_temporaries: set[str] = set()


def remove_temporaries() -> None:
    """Remove every temporary file a write under way left (a run stopped midway)."""
    for name in list(_temporaries):
        with contextlib.suppress(OSError):
            os.unlink(name)
        _temporaries.discard(name)


def _temporary_beside(path: Path, parent: Path) -> tuple[int, str]:
    """A new hidden file beside the target, recorded before any signal can land."""
    for _ in range(100):
        name = str(parent / f".{path.name}.{os.urandom(4).hex()}.tmp")
        with ending_signals_held():
            try:
                fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
            except FileExistsError:
                continue
            _temporaries.add(name)
        return fd, name
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: str | Path, data: bytes | str, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader of ``path`` sees the old file or the new one, never half of one;
    a replaced file keeps its permissions; ``inputs`` are files this run
    reads, which are never overwritten. A target that is not a regular file
    (``/dev/null``, ``/dev/stdout``, a FIFO) is written to directly, never
    replaced.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    for source in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and path.resolve() == Path(source).resolve():
                raise DraftDiffError(
                    "refusing to overwrite an input file", path=path, hint="choose another output name"
                )
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise DraftDiffError("is a folder", path=path, hint="give a file name for the output")
    if info is not None and not stat.S_ISREG(info.st_mode):
        try:
            with open(path, "wb") as handle:
                handle.write(payload)
        except OSError as exc:
            raise DraftDiffError(f"cannot write here ({exc.strerror or exc})", path=path) from None
        return path
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise DraftDiffError("the output folder does not exist", path=path)
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = _temporary_beside(path, parent)
    except OSError as exc:
        raise DraftDiffError(f"cannot write here ({exc.strerror or exc})", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        _temporaries.discard(tmp)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _temporaries.discard(tmp)
        if isinstance(exc, OSError):
            raise DraftDiffError(f"cannot write here ({exc.strerror or exc})", path=path) from None
        raise
    return path
