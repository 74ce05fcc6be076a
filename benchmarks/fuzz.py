"""Deep mutation fuzzing of the readers and writers, by hand (CI runs a short smoke run).

usage: python benchmarks/fuzz.py [--count N] [--seed S] [--seconds T]

Each mutant of the samples (tests/fuzzing.py) is read, compared with the
original draft, and written as JSON, terminal text, CSV, XLSX, HTML and a DOCX
redline, under a 30 s alarm and a 2 GiB address-space limit. Anything but
success or a DraftDiffError is reported with the seed and mutant index that
reproduce it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from draftdiff.diff.comparison import compare  # noqa: E402
from draftdiff.errors import DraftDiffError  # noqa: E402
from draftdiff.readers import load  # noqa: E402
from fuzzing import mutants  # noqa: E402


def exercise(path: Path, original) -> None:
    from draftdiff import exporting
    from draftdiff.writers import terminal

    draft = load(path)
    json.dumps(draft.to_json())
    comparison = compare(original, draft)
    json.dumps(comparison.to_json())
    console = terminal.make_console(no_color=True, file=io.StringIO())
    terminal.print_compare(comparison, comparison.changes, console)
    for fmt in ("csv", "xlsx", "html", "docx"):
        exporting.render(comparison, fmt)
    if draft.format == "docx":
        # the redline that marks the DOCX's own package, its failures not hidden by the fallback
        from draftdiff.writers import docx_marked

        with contextlib.suppress(docx_marked._CannotMark):
            docx_marked._Marker(comparison, "fuzz", None).run()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--seconds", type=float, default=600)
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    def too_slow(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, too_slow)
    samples = REPO / "samples"
    original = load(samples / "rev2.txt")
    outcomes = {"read": 0, "refused": 0}
    problems: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for index, (name, data) in enumerate(mutants(samples, args.count, args.seed)):
            if time.perf_counter() - started > args.seconds:
                break
            path = Path(tmp) / name
            path.write_bytes(data)
            signal.alarm(30)
            try:
                exercise(path, original)
                outcomes["read"] += 1
            except DraftDiffError:
                outcomes["refused"] += 1
            except TimeoutError:
                problems.append(f"seed {args.seed} mutant {index} ({name}): hang over 30 s")
            except Exception as exc:
                problems.append(f"seed {args.seed} mutant {index} ({name}): {type(exc).__name__}: {exc}"[:300])
            finally:
                signal.alarm(0)
                path.unlink()
    total = outcomes["read"] + outcomes["refused"] + len(problems)
    print(
        f"seed {args.seed}: {total} mutants in {time.perf_counter() - started:.0f} s: "
        f"{outcomes['read']} read, {outcomes['refused']} refused with one line, {len(problems)} problems"
    )
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
