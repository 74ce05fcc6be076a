"""The command line's own process: real signals sent to long generated runs,
closed, broken and full standard output, and inputs that are not files.

Every child ends when its parent dies or is signalled; a signal gives one
line, exit 128 + its number, and nothing left running or beside the target;
a closed or broken stdout ends quietly with the run's own exit code; a full
one is an error, never a truncated success."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SAMPLES

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="signals and /proc: Linux")

WORDS = ["States", "shall", "ensure", "that", "migrants", "have", "access", "to", "basic", "services"]
WORDS += ["justice", "and", "protection", "of", "their", "rights", "including", "children", "women", "in"]


def generated_drafts(folder: Path, count: int = 4, paragraphs: int = 4_500) -> list[Path]:
    """``count`` text drafts of about 1.2 MB each (large enough to be read in
    forked processes), each a few edits away from the one before."""
    rng = random.Random(31)
    text = [" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(paragraphs)]
    paths = []
    for number in range(1, count + 1):
        for _ in range(paragraphs // 20):
            index = rng.randrange(paragraphs)
            words = text[index].split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            text[index] = " ".join(words)
        body = "\n\n".join(f"{i}. {line}." for i, line in enumerate(text, 1))
        path = folder / f"rev{number}.txt"
        path.write_text(f"Generated Declaration\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def drafts_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("long-run")
    generated_drafts(folder)
    return folder


def forks() -> bool:
    """Whether this machine reads large drafts in forked processes (see execution)."""
    return (
        sys.platform.startswith("linux")
        and (os.cpu_count() or 1) >= 2
        and os.environ.get("DRAFTDIFF_PROCESSES", "").strip() != "0"
    )


# -- processes, as /proc shows them ---------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2 :].split()  # after "pid (name) ": state, ppid, ...


def children_of(pid: int) -> set[tuple[int, str]]:
    """The children of ``pid`` as (pid, start time): a pid given again later is another process."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and fields[1] == str(pid):
            found.add((int(entry.name), fields[19]))
    return found


def running(process: tuple[int, str]) -> bool:
    fields = _stat(process[0])
    return fields is not None and fields[19] == process[1] and fields[0] not in ("Z", "X")


def catches(pid: int, number: int) -> bool:
    """Whether ``pid`` has its own handler for signal ``number`` (its SigCgt mask)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) >> (number - 1) & 1)


def wait_for(condition, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def start(args: list[str], cwd: Path, **popen) -> subprocess.Popen[str]:
    popen.setdefault("stdout", subprocess.DEVNULL)
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen(
        [sys.executable, "-m", "draftdiff", *args], cwd=cwd, text=True, start_new_session=True, **popen
    )


def under_way(process: subprocess.Popen[str]) -> set[tuple[int, str]]:
    """Wait until the run is at work: its forked readers started (where it
    forks), or its signal handlers set and a moment spent working. Returns
    the children seen."""
    if forks():
        assert wait_for(lambda: bool(children_of(process.pid)) or process.poll() is not None), "no reader started"
        assert process.poll() is None, process.communicate()
        return children_of(process.pid)
    wait_for(lambda: catches(process.pid, signal.SIGTERM), seconds=30)
    time.sleep(0.5)
    assert process.poll() is None, "the run ended before the signal"
    return set()


# -- signals ---------------------------------------------------------------------------


HISTORY = ["history", "-f", "json"]
COMPARE = ["compare", "rev1.txt", "rev4.txt", "-f", "json"]


@linux_only
@pytest.mark.parametrize(
    ("args", "number", "code"),
    [
        (HISTORY, signal.SIGTERM, 143),
        (HISTORY, signal.SIGHUP, 129),
        (HISTORY, signal.SIGINT, 130),
        (COMPARE, signal.SIGTERM, 143),
    ],
    ids=["history-TERM", "history-HUP", "history-INT", "compare-TERM"],
)
def test_a_signal_ends_the_run_and_its_readers_with_one_line(drafts_folder, args, number, code):
    """history reading four large drafts in forked processes (compare: its
    second draft), its stdout a pipe read to the end as `| wc -c` would: the
    signal (SIGINT to the whole process group, as Ctrl-C does) ends every
    process, closes the pipe, and says one line."""
    run = start(args, drafts_folder, stdout=subprocess.PIPE)
    readers = under_way(run)
    if number == signal.SIGINT:
        os.killpg(run.pid, number)
    else:
        run.send_signal(number)
    try:
        _, stderr = run.communicate(timeout=60)  # the pipe closes only when no process holds it
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        pytest.fail("a process still holds stdout after the signal")
    assert run.returncode == code, stderr
    assert stderr == f"draftdiff: interrupted by {signal.Signals(number).name}\n"
    assert wait_for(lambda: not any(running(reader) for reader in readers), seconds=10)


@linux_only
def test_readers_die_with_their_parent(drafts_folder):
    """A parent killed outright (SIGKILL: no handler runs) takes its forked readers with it."""
    if not forks():
        pytest.skip("no forked readers on this machine (DRAFTDIFF_PROCESSES=0 or one core)")
    run = start(["history", "-f", "json"], drafts_folder)
    readers = under_way(run)
    run.kill()
    run.communicate(timeout=60)
    assert wait_for(lambda: not any(running(reader) for reader in readers), seconds=10), readers


STALLED_WRITE = """
import os, sys, time
from pathlib import Path
from draftdiff.cli import run

hold_up, where, marker = sys.argv.pop(1) == "hold-up", sys.argv.pop(1), Path(sys.argv.pop(1))

def stalled(*args):
    marker.write_text("writing")  # a temporary file is being written: now is the time
    while True:
        try:
            time.sleep(60)
        except BaseException:
            if not hold_up:
                raise  # the signal unwinds the write

if where == "fsync":  # our temporary file beside the target
    os.fsync = stalled
sys.argv[0] = "draftdiff"
run()
"""


@linux_only
@pytest.mark.parametrize(
    ("hold_up", "where", "suffix"),
    [("unwind", "fsync", "md"), ("hold-up", "fsync", "md"), ("unwind", "fsync", "xlsx")],
)
def test_a_signal_while_writing_leaves_nothing_behind(tmp_path, hold_up, where, suffix):
    """SIGTERM while a temporary file is being written: no hidden .tmp beside
    the target, no target, nothing in the temporary folder, exit 143. With
    "hold-up" something in the run swallows the first signal; the second ends
    it all the same."""
    marker = tmp_path / "writing"
    target = tmp_path / "out" / f"history.{suffix}"
    target.parent.mkdir()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    run = subprocess.Popen(
        [sys.executable, "-c", STALLED_WRITE, hold_up, where, str(marker), "history", "-o", str(target)],
        cwd=SAMPLES,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert wait_for(marker.exists), run.communicate()
    written = list(target.parent.iterdir())
    assert len(written) == 1  # the temporary file is there
    run.send_signal(signal.SIGTERM)
    if hold_up == "hold-up":
        time.sleep(0.5)
        run.send_signal(signal.SIGTERM)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 143, stderr
    assert stderr == "draftdiff: interrupted by SIGTERM\n"
    assert list(target.parent.iterdir()) == [] and list(temporary.iterdir()) == []


# -- standard output closed, gone away, or full -----------------------------------------


def _draftdiff(*args: str, cwd: Path = SAMPLES, **popen) -> subprocess.CompletedProcess[str]:
    popen.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "draftdiff", *args], cwd=cwd, text=True, timeout=120, **popen)


@linux_only
@pytest.mark.parametrize("args", [["rules"], ["drafts"], ["history"], ["compare", "rev1", "rev2", "-f", "json"]])
def test_a_closed_stdout_is_quiet(args):
    """`draftdiff ... >&-` (cron, daemons): the run does its work, says nothing, exits 0."""
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m draftdiff "$@" >&-', sys.executable, *args],
        cwd=SAMPLES,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")


@linux_only
def test_a_closed_stdout_does_not_fail_a_run_that_writes_a_file(tmp_path):
    target = tmp_path / "history.md"
    result = subprocess.run(
        ["sh", "-c", 'exec "$0" -m draftdiff history -o "$1" >&-', sys.executable, str(target)],
        cwd=SAMPLES,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr.startswith("draftdiff: wrote "), result.stderr
    written = target.read_text()
    assert (
        result.stderr.count("\n") == 1 and written.startswith("<!-- written by draftdiff") and "\n# History" in written
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [(["drafts"], 0), (["rules"], 0), (["rules", "DD101"], 0), (["history"], 0), (["check", "rev1", "rev2"], 1)],
)
def test_a_reader_that_went_away_ends_the_run_quietly_with_its_own_code(args, code):
    """`draftdiff drafts | head`: the reader is gone before the first byte; no
    error, no traceback, and a gate still fails when it fails."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = _draftdiff(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (code, "")


@linux_only
def test_a_full_disk_on_stdout_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        result = _draftdiff("history", "-f", "json", stdout=full)
    assert result.returncode == 2
    assert result.stderr == "draftdiff: error: cannot write to standard output (No space left on device)\n"


def _file_size_limit(size: int):
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, resource.RLIM_INFINITY))

    return limit


@linux_only
def test_stdout_cut_short_by_the_file_size_limit_is_an_error_not_a_truncated_success(tmp_path):
    """Standard output to a file that may not grow past 16 KiB (a short write,
    then EFBIG: what a nearly full disk gives too)."""
    with open(tmp_path / "out.json", "w") as out:
        result = _draftdiff("history", "-f", "json", stdout=out, preexec_fn=_file_size_limit(16_384))
    assert (tmp_path / "out.json").stat().st_size == 16_384  # the history is longer: it was cut
    assert result.returncode == 2
    assert result.stderr == "draftdiff: error: cannot write to standard output (File too large)\n"


@linux_only
@pytest.mark.parametrize("suffix", ["xlsx", "json", "html"])
def test_an_output_file_over_the_file_size_limit_is_one_clear_line(tmp_path, suffix):
    """`-o` under `ulimit -f`: never "unexpected ... please report", and nothing left beside the target."""
    target = tmp_path / "out" / f"history.{suffix}"
    target.parent.mkdir()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = _draftdiff(
        "history",
        "-o",
        str(target),
        preexec_fn=_file_size_limit(4_096),
        env={**os.environ, "TMPDIR": str(temporary)},
    )
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "File too large" in result.stderr and "unexpected" not in result.stderr
    assert list(target.parent.iterdir()) == [] and list(temporary.iterdir()) == []


# -- a phrase list that is not a file ---------------------------------------------------


@linux_only
def test_a_phrase_list_that_is_a_device_or_a_fifo_is_refused_before_reading(tmp_path):
    fifo = tmp_path / "phrases.fifo"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        result = _draftdiff("trace", "--phrases", source)
        assert result.returncode == 2
        assert result.stderr == (
            f"draftdiff: error: {source}: is not a regular file (a pipe, a device or a socket) (give a saved file)\n"
        )


def test_a_phrase_list_over_the_cap_is_refused(tmp_path):
    from draftdiff.app.trace import MAX_PHRASES_BYTES

    phrases = tmp_path / "phrases.txt"
    with phrases.open("wb") as handle:  # sparse: the size is what is refused, before any byte is read
        handle.truncate(MAX_PHRASES_BYTES + 1)
    result = _draftdiff("trace", "--phrases", str(phrases))
    assert result.returncode == 2
    assert result.stderr == (
        f"draftdiff: error: {phrases}: is too large ({MAX_PHRASES_BYTES + 1:,} bytes) (the limit is 16 MiB)\n"
    )
    missing = _draftdiff("trace", "--phrases", str(tmp_path / "missing.txt"))
    assert missing.stderr == f"draftdiff: error: {tmp_path / 'missing.txt'}: no such file (check the path)\n"
    phrases.write_text("migrants\n# a comment\nsafe, orderly and regular\n")
    assert _draftdiff("trace", "--phrases", str(phrases), "-f", "json").returncode == 0


# -- the forked work itself ---------------------------------------------------------------


def _square_or_fail(n: int) -> int:
    if n < 0:
        raise ValueError("negative")
    return n * n


def _sleep_then(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


class _Alarm(Exception):
    pass


def test_forked_map_gives_results_in_order_and_marks_a_failed_piece(monkeypatch):
    from draftdiff import execution

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    results = execution.forked_map(_square_or_fail, [(3,), (-1,), (5,), (7,)], 2)
    if results is None:
        pytest.skip("no other process here (execution policy)")
    assert results[0] == 9 and results[2:] == [25, 49]
    assert isinstance(results[1], execution.ForkedCallFailed)
    assert execution.children_at_work() == frozenset()


@linux_only
def test_a_run_stopped_while_children_work_kills_them(monkeypatch):
    """An exception from a real signal (SIGALRM here) while forked pieces are
    at work: every child is killed and reaped before it propagates."""
    from draftdiff import execution

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    if not execution.processes_allowed():
        pytest.skip("no other process here (execution policy)")
    seen: set[tuple[int, str]] = set()

    def ring(signum, frame):
        seen.update(children_of(os.getpid()))
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        with pytest.raises(_Alarm):
            execution.forked_map(_sleep_then, [(60,), (60,), (60,)], 2)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert len(seen) == 2  # two at a time: the third never started
    assert execution.children_at_work() == frozenset()
    assert not any(running(child) for child in seen)
