"""`draftdiff parse` as a user runs it: exit codes, output, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, run_cli


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real entry point, in a process of its own: for exit codes and streams."""
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    full_env.pop("DRAFTDIFF_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "draftdiff", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120
    )


def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd, env={"COLUMNS": "120", **(env or {})})


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("draftdiff: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_version_and_help():
    assert run_process("--version").stdout.startswith("draftdiff 0.")
    result = run_process("--help")
    assert result.returncode == 0 and "parse" in result.stdout


def test_parse_table_shows_ids_kinds_sections_and_text():
    result = run("parse", str(SAMPLES / "rev2.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Rev 2" in out and "70 paragraphs" in out
    for fragment in ("9pre", "39bis", "42ter", "40(a)", "subparagraph", "IV. Commitments", "We will ensure the"):
        assert fragment in out


def test_parse_json_is_the_documented_contract():
    result = run("parse", str(SAMPLES / "rev2.txt"), "--format", "json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == "draftdiff.parse/1"
    assert doc["label"] == "Rev 2"
    assert doc["title"] == "Progress Declaration of the Second Mobility Review Forum"
    assert doc["source"].endswith("rev2.txt")
    para = next(p for p in doc["paragraphs"] if p["id"] == "9pre")
    assert para == {
        "id": "9pre",
        "label": "9 pre",
        "kind": "numbered",
        "section": "I. Introduction",
        "text": "We recall that the Framework is grounded in international cooperation and in shared responsibility "
        "among countries of origin, transit and destination.",
        "location": {"line": 42},
    }
    assert {"id", "label", "kind", "section", "text"} <= set(doc["paragraphs"][0])


def test_parse_text_format_and_label_option():
    result = run("parse", str(SAMPLES / "rev3.txt"), "-f", "text", "--label", "Rev 3 (12 May)")
    assert result.returncode == 0
    assert "[38] 38. We will ensure the meaningful participation" in result.stdout
    assert "[40(b)] (b) Ensure access to child protection services" in result.stdout
    doc = json.loads(run("parse", str(SAMPLES / "rev3.txt"), "-f", "json", "--label", "Rev 3 (12 May)").stdout)
    assert doc["label"] == "Rev 3 (12 May)"


def test_no_color_environment_is_respected():
    result = run("parse", str(SAMPLES / "zero.txt"), env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout


def test_missing_file(tmp_path):
    assert_one_line_error(run_process("parse", str(tmp_path / "nope.docx")), "nope.docx", "no such file")


def test_folder_instead_of_file(tmp_path):
    assert_one_line_error(run("parse", str(tmp_path)), "is a folder")


def test_binary_with_unknown_suffix(tmp_path):
    path = tmp_path / "image.xyz"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert_one_line_error(run("parse", str(path)), "image.xyz", "unsupported file type")


def test_legacy_word_file(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert_one_line_error(run("parse", str(path)), "old.doc", "legacy Word .doc")


def test_pdf_renamed_as_text(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    assert_one_line_error(run("parse", str(path)), "is a PDF file, not text")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert_one_line_error(run("parse", str(path)), "contains no text")


def test_unreadable_file(tmp_path, monkeypatch):
    """Root can read a chmod 000 file, so simulate the refusal in-process."""
    from typer.testing import CliRunner

    from draftdiff.cli import app

    path = tmp_path / "locked.txt"
    path.write_text("1. Text.\n", encoding="utf-8")
    original = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "permission denied" in result.output
    assert "Traceback" not in result.output


def test_bad_option_is_a_usage_error():
    result = run("parse", str(SAMPLES / "zero.txt"), "--format", "yaml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["zero.txt", "final.txt"])
def test_input_files_are_never_modified(name):
    path = SAMPLES / name
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert run("parse", str(path), "-f", "json").returncode == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_help_shows_readable_metavars():
    result = run_process("compare", "--help", env={"COLUMNS": "200"})
    assert result.returncode == 0
    assert "<bool>" not in result.stdout.split("--help")[0] and "<list[str]>" not in result.stdout
    assert "terminal|json|markdown" in result.stdout and "TEXT" in result.stdout


@pytest.mark.parametrize(
    "command", ["parse", "compare", "check", "export", "drafts", "history", "trace", "refs", "stats", "rules"]
)
def test_every_command_takes_the_same_colour_and_pager_options(command):
    shown = run_cli(command, "--help", env={"COLUMNS": "200"}).stdout
    assert "--no-color" in shown and "--pager" in shown and "--no-pager" in shown


def test_drafts_and_rules_take_no_color_like_every_other_command():
    assert "Zero draft" in run_cli("drafts", "--no-color", "--no-pager", cwd=SAMPLES).stdout
    assert "DD101" in run_cli("rules", "DD101", "--no-color", "--no-pager").stdout


def test_an_unknown_paragraph_suggests_its_numeric_neighbours():
    shown = run_cli("compare", "rev2", "rev3", "--para", "23", cwd=SAMPLES)
    assert shown.returncode == 2
    assert "nearest: 22, 24, 21, 25" in shown.stderr, shown.stderr
