"""The pictures in docs/img/: each output opened as a person opens it.

    python docs/screenshots.py

HTML reports are loaded in headless Chromium and photographed as a browser
shows them; the XLSX change table and the DOCX redline are printed to PDF by
LibreOffice (what a delegate gets from File > Print) and the first page made
a PNG with pdftoppm. Runs on the sample drafts (Rev 2 → Rev 3, and the whole
register for history). Needs chromium, soffice and pdftoppm; says which is
missing and makes the others.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
IMAGES = ROOT / "docs" / "img"
DRAFTDIFF = [sys.executable, "-m", "draftdiff"]

# Chromium's own network calls are refused here: these flags keep it quiet and offline
_CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _run(args: list[str], cwd: Path = SAMPLES) -> None:
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, timeout=300)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def html_shot(page: Path, image: Path, work: Path, size: str = "1200,1500") -> None:
    browser = _chromium()
    if browser is None:
        print(f"skipped {image.name}: no Chromium (apt-get install chromium)")
        return
    _run(
        [
            browser,
            *_CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'chromium'}",
            f"--window-size={size}",
            "--virtual-time-budget=3000",
            f"--screenshot={image}",
            page.as_uri(),
        ]
    )
    print(f"wrote {image.relative_to(ROOT)}")


def printed_shot(document: Path, image: Path, work: Path, crop: tuple[int, int] | None = None) -> None:
    """Page 1 as LibreOffice prints it; ``crop`` (width, height in pixels at 120 dpi) keeps its top left."""
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        print(f"skipped {image.name}: needs LibreOffice and poppler-utils")
        return
    _run([soffice, "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--convert-to", "pdf",
          "--outdir", str(work), str(document)])  # fmt: skip
    pdf = work / (document.stem + ".pdf")
    size = ["-x", "0", "-y", "0", "-W", str(crop[0]), "-H", str(crop[1])] if crop else []
    _run(
        [
            pdftoppm,
            "-png",
            "-r",
            "120",
            *size,
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(image.with_suffix("")),
        ]
    )
    print(f"wrote {image.relative_to(ROOT)} (page 1 of the PDF LibreOffice prints)")


def main() -> int:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        report, table, redline, history = (work / n for n in ("report.html", "changes.xlsx", "redline.docx", "h.html"))
        _run([*DRAFTDIFF, "export", "rev2", "rev3", "--check", "-o", str(report)])
        _run([*DRAFTDIFF, "export", "rev2", "rev3", "--check", "-o", str(table)])
        _run([*DRAFTDIFF, "export", "rev2", "rev3", "-o", str(redline)])
        _run([*DRAFTDIFF, "history", "-o", str(history)])
        html_shot(report, IMAGES / "export-html.png", work)
        html_shot(history, IMAGES / "history-html.png", work)
        printed_shot(table, IMAGES / "export-xlsx.png", work, crop=(1320, 560))
        printed_shot(redline, IMAGES / "export-docx.png", work, crop=(1020, 900))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
