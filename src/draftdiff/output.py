"""Writing output files safely: never over an input, always atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import DraftDiffError


def write_atomic(path: str | Path, data: bytes | str, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader of ``path`` sees the old file or the new one, never half of one;
    ``inputs`` are files this run reads, which are never overwritten.
    """
    path = Path(path)
    for source in inputs:
        with contextlib.suppress(OSError):
            if path.exists() and path.resolve() == Path(source).resolve():
                raise DraftDiffError(
                    "refusing to overwrite an input file", path=path, hint="choose another output name"
                )
    if path.is_dir():
        raise DraftDiffError("is a folder", path=path, hint="give a file name for the output")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise DraftDiffError("the output folder does not exist", path=path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise DraftDiffError(f"cannot write here ({exc.strerror})", path=path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
