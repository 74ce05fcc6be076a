"""How a register's own work grows with its size: time and memory at 2x, 4x, 8x.

    python benchmarks/register_scale.py [--base 1000]

A draftdiff.toml of N entries (each with a label and two aliases, each file a
one-line text draft in the folder), then a folder of N drafts without one,
half of them our own Markdown outputs. Timed: reading the configuration and
the register (the collision check included), choosing every draft by an
alias (``history`` with N names), and the checks each entry passes before it
is read (inside the folder, not one of our outputs). Nothing here reads a
draft: that is the readers' benchmarks. Each step should grow linearly.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from contextlib import chdir
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff.config import Config, load_config  # noqa: E402
from draftdiff.negotiation.register import choose, problem, register  # noqa: E402
from draftdiff.provenance import MARKDOWN_MARK  # noqa: E402


def configured(folder: Path, count: int) -> Path:
    lines = ["[drafts]"]
    for n in range(count):
        (folder / f"d{n}.txt").write_text(f"1. Draft {n}.\n", encoding="utf-8")
        lines.append(f'd{n} = {{path = "d{n}.txt", label = "Draft {n}", aliases = ["v{n}", "version {n} bis"]}}')
    path = folder / "draftdiff.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def unconfigured(folder: Path, count: int) -> None:
    for n in range(count):
        if n % 2:
            (folder / f"report {n}.md").write_text(MARKDOWN_MARK + "# History\n", encoding="utf-8")
        else:
            (folder / f"rev{n}.txt").write_text(f"1. Draft {n}.\n", encoding="utf-8")


def timed(action) -> tuple[float, float, object]:
    """Seconds (untraced), peak MB of Python allocations (a second, traced run), the result."""
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, peak, result


def measure(count: int) -> str:
    with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
        config_path = configured(Path(tmp), count)
        load, peak_load, entries = timed(lambda: register(load_config(config_path)))
        aliases = [f"v{n}" for n in range(count)]
        pick, peak_pick, chosen = timed(lambda: choose(entries, aliases))  # type: ignore[arg-type]
        checks, peak_checks, _ = timed(lambda: [problem(e) for e in chosen])  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp, chdir(tmp):
        unconfigured(Path(tmp), count)
        folder, peak_folder, _ = timed(lambda: register(Config(), Path(tmp)))
    peak = max(peak_load, peak_pick, peak_checks, peak_folder)
    return f"{count:7,} | {load:15.2f} s | {pick:13.2f} s | {checks:10.2f} s | {folder:13.2f} s | {peak:7.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=1000)
    args = parser.parse_args()
    print("entries | config + register | choose by alias | entry checks | folder register | peak MB")
    for factor in (1, 2, 4, 8):
        print(measure(args.base * factor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
