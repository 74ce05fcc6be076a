from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", REPO.parent / "shared" / "corpus"))
DRAFT_NAMES = ["zero", "rev1", "rev2", "rev3", "final"]


def draft_from_text(text: str, label: str):
    """A Draft read from plain text in memory, as the text reader reads a file."""
    from draftdiff.document.model import Draft
    from draftdiff.document.structure import build
    from draftdiff.readers.text import read_blocks

    title, paragraphs = build(read_blocks(text))
    return Draft(source=REPO / f"{label}.txt", label=label, title=title, paragraphs=paragraphs)


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus, or skip the test when it is absent."""
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(
            f"corpus folder {folder} not present (real public documents from the shared/ folder beside the "
            "repository, see its SOURCES.md; set DRAFTDIFF_CORPUS to point elsewhere)"
        )
    return folder


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def soffice_convert(source: Path, outdir: Path, target: str) -> Path:
    """Convert a file with LibreOffice (e.g. target "txt:Text (encoded):UTF8");
    a private profile keeps parallel runs apart."""
    import subprocess

    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{outdir}/profile",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return outdir / f"{source.stem}.{target.split(':')[0]}"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, binary: bool = False):
    """Run the command line in-process, as a user would see it: exit code,
    stdout and stderr apart. (A few tests in test_cli_parse.py still run the
    real entry point in a subprocess.)"""
    import contextlib
    import subprocess

    from typer.testing import CliRunner

    from draftdiff.cli import app

    full_env = {"COLUMNS": "120", "DRAFTDIFF_DEBUG": None, **(env or {})}
    runner = CliRunner()
    with contextlib.chdir(cwd or Path.cwd()):
        result = runner.invoke(app, list(args), env=full_env, catch_exceptions=False)
    if binary:
        out, err = result.stdout_bytes, result.stderr_bytes or b""
    else:
        out, err = result.stdout, result.stderr
    return subprocess.CompletedProcess(args=["draftdiff", *args], returncode=result.exit_code, stdout=out, stderr=err)


def corpus_skips(terminalreporter) -> int:
    skipped = terminalreporter.stats.get("skipped", [])
    return sum(1 for report in skipped if "corpus folder" in str(getattr(report, "longrepr", "")))


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """One visible line when the real documents are missing, so a green run
    on a machine without them is not mistaken for a full one."""
    count = corpus_skips(terminalreporter)
    if count:
        terminalreporter.write_line(
            f"{count} corpus tests skipped: {CORPUS} not found "
            "(the shared/ folder of real public documents beside the repository; set DRAFTDIFF_CORPUS to point at it)",
            yellow=True,
            bold=True,
        )
