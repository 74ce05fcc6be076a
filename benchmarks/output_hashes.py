"""A hash of every command's output on the samples (and the corpus when it is
there): run it before and after a change that must not change behaviour, and
diff the two listings.

    python benchmarks/output_hashes.py > before.txt   # then, after the change:
    python benchmarks/output_hashes.py | diff before.txt -

Each line: the hash of the exit code, stdout, stderr and any file written,
then the command. Commands run in-process (typer's runner), in the samples
folder, with a fixed terminal width and no colour. Outputs that carry the
time they were made (the XLSX and DOCX packages' dates) are hashed on their
content, not their bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import tempfile
import zipfile
from contextlib import chdir
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from typer.testing import CliRunner  # noqa: E402

from draftdiff.cli import app  # noqa: E402

SAMPLES = ROOT / "samples"
CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", ROOT.parent / "shared" / "corpus"))
PARIS = CORPUS / "negotiation_text"

FORMATS_OF = {
    "compare": ["terminal", "json", "markdown"],
    "check": ["terminal", "json", "github", "sarif", "junit"],
    "history": ["terminal", "json", "md", "csv"],
    "trace": ["terminal", "json", "md", "csv", "github", "sarif", "junit"],
    "stats": ["terminal", "json", "csv"],
    "refs": ["terminal", "json", "md", "csv"],
}


def commands() -> list[list[str]]:
    out: list[list[str]] = []
    for name in ("zero.txt", "rev2.docx", "rev3.pdf", "final.txt"):
        out += [["parse", name, "-f", f] for f in ("json", "text", "table")]
    for f in FORMATS_OF["compare"]:
        out += [["compare", "rev2.docx", "rev3.docx", "-f", f], ["compare", "rev1.txt", "final.pdf", "-f", f]]
    out += [["compare", "rev2-rev3-tracked.docx", "-f", "json"], ["compare", "rev2", "rev3", "--stat"]]
    for f in FORMATS_OF["check"]:
        out += [["check", "rev2.docx", "rev3.docx", "-f", f], ["check", "-f", f]]
    for f in FORMATS_OF["history"]:
        out += [["history", "-f", f], ["history", "--para", "38", "-f", f]]
    out += [["history", "--para", "39 bis", "--in", "Rev.3", "--blame"], ["history", "--changed-only"]]
    for f in FORMATS_OF["trace"]:
        out.append(["trace", "--phrase", "regardless of migration status", "--phrase", "human rights", "-f", f])
    for f in FORMATS_OF["stats"]:
        out.append(["stats", "-f", f])
    for f in FORMATS_OF["refs"]:
        out.append(["refs", "comments.csv", "--on", "rev1", "-f", f])
    out += [["drafts"], ["drafts", "--format", "json"], ["rules"], ["rules", "DD101"]]
    for suffix in ("xlsx", "csv", "md", "html", "docx"):
        out.append(["export", "rev2.docx", "rev3.docx", "-o", f"{{out}}/export.{suffix}"])
    for command, suffix in (("history", "xlsx"), ("history", "html"), ("history", "docx"), ("stats", "html")):
        out.append([command, "-o", f"{{out}}/{command}.{suffix}"])
    out += [["refs", "comments.md", "--on", "Rev.1", "-o", f"{{out}}/refs.{suffix}"] for suffix in ("xlsx", "html")]
    out.append(["history", "--para", "38", "--revert-to", "rev1", "-o", "{out}/revert.docx"])
    out += [["compare", "nothere.txt", "rev3.txt"], ["compare", "rev2.txt"], ["parse", "CHANGES.md", "-f", "json"]]
    out += [  # what a user is told when a request cannot be met
        ["history", "--blame"],
        ["history", "--in", "rev1"],
        ["history", "--para", "38", "--section", "Commitments"],
        ["history", "--para", "38", "--in", "nosuch"],
        ["history", "--section", "no such title"],
        ["history", "--para", "999"],
        ["history", "rev2"],
        ["history", "zero", "nosuch"],
        ["history", "--section", "Commitments", "-f", "json"],
        ["trace", "--threshold", "2", "--phrase", "x"],
        ["trace", "--phrases", "nosuch.txt"],
        ["trace", "--phrase", "migration status", "--fail-if-dropped", "rev1", "final"],
        ["refs", "comments.csv"],
        ["refs", "nosuch.csv", "--on", "rev1"],
        ["refs", "comments.csv", "--on", "nosuch"],
        ["refs", "comments.csv", "--on", "final", "--to", "rev1"],
        ["stats", "nosuch"],
        ["stats", "zero", "-o", "{out}/stats.nosuffix"],
        ["check", "zero", "rev1", "rev2", "--since", "rev2"],
        ["check", "zero", "rev1", "rev2", "-f", "json"],
        ["check", "rev2.txt", "rev3.txt", "--since", "rev1"],
        ["check", "rev2", "rev3", "--agreed", "nosuch.pdf"],
        ["check", "rev2", "rev3", "--para", "38", "-f", "json"],
        ["check", "rev2", "rev3", "--protect", "meaningful participation", "-f", "sarif"],
        ["export", "rev2", "rev3"],
        ["export", "rev2", "rev3", "-o", "{out}/x.unknown"],
        ["export", "rev2", "rev3", "-o", "-", "-f", "xlsx"],
        ["export", "rev2", "rev3", "-o", "-", "-f", "json", "--check", "--only", "modified"],
        ["export", "rev2-rev3-tracked.docx", "-o", "{out}/tracked.xlsx", "--all"],
        ["compare", "rev2.pdf", "rev3.docx", "--para", "999"],
        ["compare", "rev2", "rev3", "--para", "38", "-f", "json"],
        ["compare", "zero.txt", "final.txt", "--only", "added", "-f", "markdown"],
        ["parse", "nosuch.txt"],
        ["parse", "rev2.docx", "--comments"],
    ]
    if PARIS.is_dir():
        feb, non_paper, october = (
            str(PARIS / name)
            for name in (
                "cop21__2015-02-12_geneva_negotiating_text.pdf",
                "cop21__2015-10-05_ADP2_8infnot_non-paper.pdf",
                "cop21__2015-10-23_draft_agreement.md",
            )
        )
        out += [
            ["compare", non_paper, october, "-f", "json"],
            ["compare", feb, non_paper, "--stat"],
            ["check", non_paper, october, "-f", "json"],
            ["history", feb, non_paper, october, "-f", "json"],
            ["stats", feb, non_paper, october, "-f", "json"],
            ["parse", feb, "-f", "json"],
        ]
    return out


def _content(path: Path) -> bytes:
    """A file's bytes; a zip package's members without their dates."""
    data = path.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in sorted(package.namelist()):
            member = package.read(name)
            if name.endswith("core.xml"):  # creation and modification dates
                continue
            member = re.sub(rb'w:date="[^"]*"', b"", member)  # when a tracked change was made
            digest.update(name.encode() + b"\0" + member)
    return digest.digest()


def main() -> int:
    runner = CliRunner()
    env = {"COLUMNS": "120", "NO_COLOR": "1", "DRAFTDIFF_DEBUG": None}
    with tempfile.TemporaryDirectory() as out, chdir(SAMPLES):
        for command in commands():
            args = [a.replace("{out}", out) for a in command]
            result = runner.invoke(app, args, env=env, catch_exceptions=False)
            digest = hashlib.sha256()
            digest.update(str(result.exit_code).encode())
            digest.update(result.stdout_bytes)
            digest.update((result.stderr_bytes or b"").replace(out.encode(), b"OUT"))
            for written in sorted(Path(out).iterdir()):
                digest.update(written.name.encode() + _content(written))
                written.unlink()
            shown = " ".join(a if "/" not in a else Path(a).name for a in command)
            print(f"{digest.hexdigest()[:16]}  {result.exit_code}  {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
