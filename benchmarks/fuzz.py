"""Deep mutation fuzzing of the readers and writers, by hand (CI runs a short smoke run).

usage: python benchmarks/fuzz.py [--count N] [--seed S] [--seconds T] [--only drafts|inputs]

Each mutant of the samples (tests/fuzzing.py) is read, compared with the
original draft, and written as JSON, terminal text, CSV, XLSX, HTML and a DOCX
redline (a DOCX's reviewers' comments shown as parse and compare show them).
Interleaved with them, as many mutants of the many-draft commands' other
inputs: comment files (CSV, free text) run through refs, phrase lists through
trace, registers (draftdiff.toml) listed, looked up and read, every output
format written. All under a 30 s alarm and a 2 GiB address-space limit.
Anything but success or a DraftDiffError is reported with the seed and
mutant that reproduce it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
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
from fuzzing import Bench, exercise_input, input_mutants, mutants  # noqa: E402


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
        from draftdiff.diff.report import Report
        from draftdiff.writers import docx_marked
        from draftdiff.writers.registry import WriteOptions, writer

        with contextlib.suppress(docx_marked._CannotMark):
            docx_marked._Marker(comparison, "fuzz", None).run()
        # the reviewers' comments, as parse --comments and the reports show them
        writer("terminal", "draft").render(draft, WriteOptions(comments=True))
        writer("md", "report").render(Report(comparison), WriteOptions())


def interleaved(samples: Path, count: int, seed: int, only: str | None):
    """("draft", name, bytes) and ("input", name, bytes), alternating."""
    drafts = mutants(samples, count, seed) if only != "inputs" else iter(())
    inputs = input_mutants(samples, count, seed) if only != "drafts" else iter(())
    for pair in itertools.zip_longest(drafts, inputs):
        for kind, mutant in zip(("draft", "input"), pair, strict=True):
            if mutant is not None:
                yield kind, *mutant


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--only", choices=["drafts", "inputs"], help="one kind of mutant (default: both)")
    args = parser.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
    from draftdiff.readers import ocr

    # a mutant whose text layer lies would be read by OCR: the engine's seconds, not our reading's
    ocr.engine = lambda: None  # type: ignore[assignment]

    def too_slow(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, too_slow)
    samples = REPO / "samples"
    original = load(samples / "rev2.txt")
    outcomes = {(kind, what): 0 for kind in ("draft", "input") for what in ("read", "refused")}
    problems: list[str] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench.make(samples, Path(tmp) / "register")
        for index, (kind, name, data) in enumerate(interleaved(samples, args.count, args.seed, args.only)):
            if time.perf_counter() - started > args.seconds:
                break
            path = Path(tmp) / name
            if kind == "draft":
                path.write_bytes(data)
            signal.alarm(30)
            try:
                if kind == "draft":
                    exercise(path, original)
                else:
                    exercise_input(name, data, bench, Path(tmp), deep=True)
                outcomes[kind, "read"] += 1
            except DraftDiffError:
                outcomes[kind, "refused"] += 1
            except TimeoutError:
                problems.append(f"seed {args.seed} mutant {index} ({name}): hang over 30 s")
            except Exception as exc:
                problems.append(f"seed {args.seed} mutant {index} ({name}): {type(exc).__name__}: {exc}"[:300])
            finally:
                signal.alarm(0)
                path.unlink(missing_ok=True)
    total = sum(outcomes.values()) + len(problems)
    print(
        f"seed {args.seed}: {total} mutants in {time.perf_counter() - started:.0f} s: "
        f"drafts {outcomes['draft', 'read']} read, {outcomes['draft', 'refused']} refused with one line; "
        f"comments, phrases and registers {outcomes['input', 'read']} used, {outcomes['input', 'refused']} refused "
        f"with one line; {len(problems)} problems"
    )
    for problem in problems:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
