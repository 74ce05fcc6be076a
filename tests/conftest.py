from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", REPO.parent / "shared" / "corpus"))
DRAFT_NAMES = ["zero", "rev1", "rev2", "rev3", "final"]


def corpus_dir(name: str) -> Path:
    """A folder of ../shared/corpus, or skip the test when it is absent."""
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"corpus folder {folder} not present")
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
