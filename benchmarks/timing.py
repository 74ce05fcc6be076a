"""Timing helpers the benchmark scripts share: best of several runs, in
this process or as a `draftdiff` process run as a user's machine runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
from draftdiff.execution import own_process_collector

# A benchmark owns its process, as the command line does: the same collector policy.
own_process_collector()

# As a user's machine runs it: bytecode cached. A PYTHONDONTWRITEBYTECODE
# environment would recompile draftdiff's sources on every start, while the
# floor's packages were compiled by pip at install.
ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
DRAFTDIFF = str(Path(sys.executable).parent / "draftdiff")


def best(action: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(command: list[str]) -> float:
    """One run of a command, its output thrown away, in seconds."""
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=ENVIRONMENT)
    return time.perf_counter() - start


def best_process(command: list[str], repeat: int, *, warm: bool = True) -> float:
    """The fastest of ``repeat`` runs of a command, after one run that writes
    its bytecode (``warm``)."""
    if warm:
        run(command)
    return best(lambda: run(command), repeat)
