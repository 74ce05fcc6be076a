"""Writing output files safely: never over an input, always atomically."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import DraftDiffError


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
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise DraftDiffError(f"cannot write here ({exc.strerror})", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DraftDiffError(f"cannot write here ({exc.strerror or exc})", path=path) from None
        raise
    return path
