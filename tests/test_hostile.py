"""Hostile and odd inputs, each built here from our own bytes: no hang, no
traceback, nothing unsafe in what we write."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO, SAMPLES
from draftdiff.cli import app
from draftdiff.errors import DraftDiffError, InputError
from draftdiff.readers import load
from pdfmake import make_pdf

runner = CliRunner()


def rewrite_docx(source: Path, target: Path, parts: dict[str, bytes], *, extra: list[tuple[str, bytes]] = ()) -> Path:
    """A copy of ``source`` with some parts replaced (and extra entries appended)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, parts.get(info.filename, old.read(info.filename)))
        for name, data in extra:
            new.writestr(name, data)
    return target


def numbering_with(tmp_path: Path, start: str, fmt: str) -> Path:
    numbering = zipfile.ZipFile(SAMPLES / "rev2.docx").read("word/numbering.xml").decode()
    numbering = numbering.replace('<w:start w:val="1"/>', f'<w:start w:val="{start}"/>', 1)
    numbering = numbering.replace('<w:numFmt w:val="decimal"/>', f'<w:numFmt w:val="{fmt}"/>', 1)
    return rewrite_docx(SAMPLES / "rev2.docx", tmp_path / "numbering.docx", {"word/numbering.xml": numbering.encode()})


# -- bounded work ---------------------------------------------------------------


def test_text_far_off_the_page_does_not_hang_the_column_scan(tmp_path):
    lines = [(72, 100 + 14 * i, f"{i + 1}. A paragraph of ordinary text number {i + 1} here.") for i in range(12)]
    lines.append((100_000_000, 300, "far away"))
    path = tmp_path / "far.pdf"
    path.write_bytes(make_pdf([lines]))
    start = time.perf_counter()
    draft = load(path)
    assert time.perf_counter() - start < 5
    assert draft.get("12") is not None


@pytest.mark.parametrize("fmt", ["upperRoman", "lowerLetter", "decimal"])
def test_huge_list_start_values_are_capped(tmp_path, fmt):
    path = numbering_with(tmp_path, "1000000000000", fmt)
    start = time.perf_counter()
    draft = load(path)
    assert time.perf_counter() - start < 5
    assert any("not usable numbers" in w.reason for w in draft.warnings)


def test_a_level_that_is_not_a_number_falls_back_with_a_warning(tmp_path):
    numbering = zipfile.ZipFile(SAMPLES / "rev2.docx").read("word/numbering.xml").decode()
    numbering = numbering.replace('w:ilvl="0"', 'w:ilvl="x"', 1)
    path = rewrite_docx(SAMPLES / "rev2.docx", tmp_path / "ilvl.docx", {"word/numbering.xml": numbering.encode()})
    draft = load(path)
    assert draft.get("1") is not None
    assert any("'x'" in w.reason for w in draft.warnings)


def test_a_package_that_inflates_beyond_the_budget_is_refused(tmp_path, monkeypatch):
    document = zipfile.ZipFile(SAMPLES / "rev2.docx").read("word/document.xml").decode()
    body_end = document.rindex("<w:sectPr")
    import random

    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9))) for _ in range(300_000)
    ]
    filler = "<w:p><w:r><w:t>" + " ".join(words) + "</w:t></w:r></w:p>"  # about 2 MiB, under the ratio guard
    bomb = document[:body_end] + filler + document[body_end:]
    path = rewrite_docx(SAMPLES / "rev2.docx", tmp_path / "bomb.docx", {"word/document.xml": bomb.encode()})
    monkeypatch.setenv("DRAFTDIFF_MAX_INFLATE_MB", "1")
    with pytest.raises(InputError, match=r"word/document.xml inflates to more than 1 MiB"):
        load(path)
    monkeypatch.setenv("DRAFTDIFF_MAX_INFLATE_MB", "64")
    assert load(path).get("1") is not None


# -- packages and XML --------------------------------------------------------------


def test_duplicate_part_names_are_refused(tmp_path):
    document = zipfile.ZipFile(SAMPLES / "rev2.docx").read("word/document.xml")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name we write on purpose
        path = rewrite_docx(SAMPLES / "rev2.docx", tmp_path / "dup.docx", {}, extra=[("word/document.xml", document)])
    with pytest.raises(InputError, match=r"two parts named word/document\.xml"):
        load(path)


def test_corrupt_deflate_data_is_one_line_naming_the_part(tmp_path):
    data = bytearray((SAMPLES / "rev2.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + 60):
        data[offset] ^= 0x5A
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert "word/document.xml is damaged" in result.stderr and "unexpected" not in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_dtd_is_refused_in_any_encoding(tmp_path, encoding):
    document = zipfile.ZipFile(SAMPLES / "rev2.docx").read("word/document.xml").decode()
    _declaration, rest = document.split("?>", 1)
    root = rest.lstrip()
    evil = f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE d [<!ENTITY x "hidden">]>{root}'
    path = rewrite_docx(SAMPLES / "rev2.docx", tmp_path / "dtd.docx", {"word/document.xml": evil.encode(encoding)})
    with pytest.raises(InputError, match="declares a DTD"):
        load(path)


# -- inputs that are not regular files, and encodings --------------------------------


def test_a_fifo_and_a_device_are_refused_before_reading(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(InputError, match="not a regular file"):
            load(path)


def test_utf32_text_with_a_bom_is_read(tmp_path):
    path = tmp_path / "utf32.txt"
    path.write_bytes("Title\n\n1. We recall the Charter.\n".encode("utf-32"))
    assert load(path).get("1").text == "We recall the Charter."


# -- untrusted text in what we write ---------------------------------------------------


HOSTILE = (
    "Hostile draft\n\n"
    "1. We recall \x1b[8mhidden words\x1b[0m and \x1b]0;a title\x07 here, with a control \x03 character.\n\n"
    '=HYPERLINK("http://example.invalid","Click")\n\n'
    "2. Second paragraph.\n"
)


def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("Hostile draft\n\n2. Second paragraph.\n", encoding="utf-8")
    new.write_text(HOSTILE, encoding="utf-8")
    return old, new


def test_control_characters_never_reach_the_terminal(tmp_path):
    old, new = hostile_pair(tmp_path)
    for args in (["parse", str(new)], ["parse", str(new), "-f", "text"], ["compare", str(old), str(new), "--no-pager"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\x03" not in result.stdout
        assert "\\x1b[8m" in result.stdout
    assert "control characters" in result.stderr


def test_spreadsheets_never_hold_a_formula(tmp_path):
    from openpyxl import load_workbook

    old, new = hostile_pair(tmp_path)
    xlsx, table = tmp_path / "out.xlsx", tmp_path / "out.csv"
    for target in (xlsx, table):
        result = runner.invoke(app, ["export", str(old), str(new), "-o", str(target), "--all"])
        assert result.exit_code == 0, result.output
    sheet = load_workbook(xlsx).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    assert any(c.value.startswith("'=HYPERLINK") for c in cells)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert any(field.startswith("'=HYPERLINK") for row in rows for field in row)
    assert not any(field.startswith("=") for row in rows for field in row)


def test_docx_and_html_exports_are_valid_with_control_characters(tmp_path):
    from lxml import etree

    old, new = hostile_pair(tmp_path)
    docx, page = tmp_path / "out.docx", tmp_path / "out.html"
    for target in (docx, page):
        result = runner.invoke(app, ["export", str(old), str(new), "-o", str(target)])
        assert result.exit_code == 0, result.output
    with zipfile.ZipFile(docx) as archive:
        etree.fromstring(archive.read("word/document.xml"))  # well-formed
    assert "\x1b" not in page.read_text(encoding="utf-8")


# -- output paths -------------------------------------------------------------------------


def test_dash_means_standard_output_for_check(tmp_path):
    result = runner.invoke(
        app, ["check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-f", "json", "-o", "-"]
    )
    assert json.loads(result.stdout)["schema"] == "draftdiff.check/1"
    assert not Path("-").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="replacing /dev/null needs root: the bug only bit root")
def test_a_device_target_is_written_to_not_replaced():
    result = runner.invoke(
        app, ["export", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", "/dev/null", "-f", "csv"]
    )
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    result = runner.invoke(app, ["export", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(target)])
    assert result.exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_output_file_name_that_is_not_utf8_works(tmp_path):
    name = os.fsdecode(b"caf\xe9-report.html")
    target = tmp_path / name
    result = runner.invoke(app, ["export", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists()


# -- configuration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("[chek]\nprotect = ['x']\n", "unknown table [chek]; did you mean 'check'?"),
        ("[check]\nfailon = 'error'\n", "unknown key 'failon' in [check]; did you mean 'fail_on'?"),
    ],
)
def test_config_typos_are_errors_that_name_the_nearest_key(tmp_path, content, fragment):
    config = tmp_path / "draftdiff.toml"
    config.write_text(content, encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--config", str(config)]
    )
    assert result.exit_code == 2
    assert fragment in result.stderr and result.stderr.count("\n") == 1


def test_config_with_a_bom_and_pyproject_tool_of_another_type(tmp_path):
    config = tmp_path / "draftdiff.toml"
    config.write_bytes(b"\xef\xbb\xbf[check]\nfail-on = 'never'\n")
    ok = runner.invoke(app, ["check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--config", str(config)])
    assert ok.exit_code == 0
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("tool = 5\n", encoding="utf-8")
    bad = runner.invoke(
        app, ["check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--config", str(pyproject)]
    )
    assert bad.exit_code == 2 and "[tool.draftdiff] must be a table" in bad.stderr


def test_a_waiver_that_matches_nothing_is_reported(tmp_path):
    config = tmp_path / "draftdiff.toml"
    config.write_text(
        "[check]\nfail-on = 'never'\n[[check.waiver]]\npara = '999'\nrule = 'DD101'\nreason = 'stale'\n",
        encoding="utf-8",
    )
    args = ["check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--config", str(config)]
    assert "waiver for DD101 in para 999 matched no finding" in runner.invoke(app, [*args, "--no-color"]).stdout
    doc = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    assert doc["unused_waivers"] == [{"para": "999", "rule": "DD101", "reason": "stale"}]


# -- numbers that look like years ------------------------------------------------------------


def test_paragraph_numbers_that_look_like_years_are_paragraphs(tmp_path):
    pages, number = [], 1895
    for page in range(6):
        lines, y = [], 80
        for _ in range(2):
            lines.append((72, y, f"{number}. The Parties shall cooperate on item {number} of the agenda."))
            lines.append((72, y + 14, f"This paragraph {number} goes on to a second line."))
            y += 40
            number += 1
        lines.append((290, 800, str(page + 1)))
        pages.append(lines)
    path = tmp_path / "years.pdf"
    path.write_bytes(make_pdf(pages))
    draft = load(path)
    assert draft.ids == [str(n) for n in range(1895, 1907)]
    assert {f.kind for f in draft.furniture} == {"page-number"}


# -- the whole program, as a user runs it -------------------------------------------------------


def test_memory_errors_exit_2_with_one_line(tmp_path):
    script = (
        "import sys, draftdiff.readers as r\n"
        "def boom(*a, **k):\n    raise MemoryError\n"
        "r.load = boom\nimport draftdiff.cli as c\nc.load = boom\n"
        f"sys.argv = ['draftdiff', 'parse', {str(SAMPLES / 'rev2.txt')!r}]\nc.run()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_library_errors_are_draftdiff_errors():
    with pytest.raises(DraftDiffError):
        load(SAMPLES / "missing.txt")


# -- a fixed-seed mutation fuzz smoke run ---------------------------------------------------------


def test_fuzz_smoke_no_traceback_no_hang(tmp_path, monkeypatch):
    """Mutants of the samples: every one is read or refused with a DraftDiffError,
    none takes long, none ends in another exception."""
    import signal

    import draftdiff
    from draftdiff.readers import ocr

    # a mutant whose text layer lies would be read by OCR: seconds of the
    # engine's, not of our reading, which is what is fuzzed here
    monkeypatch.setattr(ocr, "engine", lambda: None)
    from draftdiff.writers import docx_marked
    from fuzzing import mutants

    reference = load(SAMPLES / "rev1.docx")

    def too_slow(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, too_slow)
    problems = []
    started = time.perf_counter()
    try:
        for name, data in mutants(SAMPLES, 400, seed=20261125):
            path = tmp_path / name
            path.write_bytes(data)
            signal.alarm(5)
            try:
                draft = load(path)
                json.dumps(draft.to_json())
                if draft.format == "docx":
                    # the redline re-reads and marks the new DOCX's own package
                    comparison = draftdiff.compare(reference, draft)
                    with contextlib.suppress(docx_marked._CannotMark):
                        docx_marked._Marker(comparison, "fuzz", None).run()
                    # the reviewers' comments, as parse --comments and compare --comments show them
                    show_comments(draft, comparison)
            except DraftDiffError:
                pass
            except TimeoutError:
                problems.append(f"{name}: hang")
            except Exception as exc:
                problems.append(f"{name}: {type(exc).__name__}: {exc}")
            finally:
                signal.alarm(0)
            path.unlink()
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert problems == []
    assert time.perf_counter() - started < 60  # a budget, not a benchmark: it runs in a few seconds


def show_comments(draft, comparison) -> None:
    from draftdiff.diff.report import Report
    from draftdiff.writers.registry import WriteOptions, writer

    writer("terminal", "draft").render(draft, WriteOptions(comments=True))
    report = Report(comparison)
    for fmt in ("terminal", "md"):
        writer(fmt, "report").render(report, WriteOptions())


def test_fuzz_smoke_of_comment_files_phrase_lists_and_registers(tmp_path):
    """Mutants of a comments CSV and free text, a phrase list and a register:
    each is used or refused with a DraftDiffError, none takes long, the
    register keeps its promises (one draft per word, nothing outside its folder)."""
    import signal

    from fuzzing import Bench, exercise_input, input_mutants

    bench = Bench.make(SAMPLES, tmp_path / "register")

    def too_slow(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, too_slow)
    problems, outcomes = [], {"used": 0, "refused": 0}
    try:
        for name, data in input_mutants(SAMPLES, 120, seed=20261206):
            signal.alarm(10)
            try:
                exercise_input(name, data, bench, tmp_path)
                outcomes["used"] += 1
            except DraftDiffError:
                outcomes["refused"] += 1
            except TimeoutError:
                problems.append(f"{name}: hang")
            except Exception as exc:
                problems.append(f"{name}: {type(exc).__name__}: {exc}"[:300])
            finally:
                signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert problems == []
    assert outcomes["used"] > 30 and outcomes["refused"] > 20  # both paths taken
