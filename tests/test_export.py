"""export: XLSX, CSV, Markdown, HTML, DOCX redline and JSON from one comparison."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

import draftdiff
from conftest import REPO, SAMPLES, run_cli, soffice_convert
from draftdiff import ReadOptions, load
from draftdiff.exporting import render

ARTIFACTS = REPO / "test-artifacts"
PAIRS = [("zero", "rev1"), ("rev1", "rev2"), ("rev2", "rev3"), ("rev3", "final"), ("zero", "final")]


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return run_cli("export", *args, cwd=cwd, env={"COLUMNS": "100"}, binary=True)


def view(draft) -> list[tuple]:
    return [(p.id, p.kind.value, p.label, p.text) for p in draft]


# -- DOCX redline -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_redline_accept_gives_new_and_reject_gives_old(tmp_path, old, new, fmt):
    old_draft, new_draft = load(SAMPLES / f"{old}.{fmt}"), load(SAMPLES / f"{new}.{fmt}")
    path = tmp_path / "redline.docx"
    path.write_bytes(render(draftdiff.compare(old_draft, new_draft), "docx"))
    accepted = load(path, options=ReadOptions(revisions="accept"))
    rejected = load(path, options=ReadOptions(revisions="reject"))
    assert view(accepted) == view(new_draft)
    assert view(rejected) == view(old_draft)
    assert (accepted.title, rejected.title) == (new_draft.title, old_draft.title)


def test_redline_is_genuine_word_tracked_changes(tmp_path):
    target = tmp_path / "rev2-rev3.docx"
    result = run(str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "-o", str(target), "--author", "Utopia")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as archive:
        document = archive.read("word/document.xml").decode()
    assert '<w:del w:id="' in document and '<w:ins w:id="' in document
    assert 'w:author="Utopia"' in document and re.search(r'w:date="\d{4}-\d\d-\d\dT', document)
    assert '<w:delText xml:space="preserve"> processes</w:delText>' in document
    draft = load(target)
    assert {r.author for r in draft.revisions} == {"Utopia"}
    # only the words that changed are marked: the quote-style change of para 2 marks the quotes alone
    assert '<w:delText xml:space="preserve"> "</w:delText>' in document


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_redline(tmp_path):
    target = tmp_path / "redline.docx"
    target.write_bytes(render(draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt"), "docx"))
    soffice_convert(target, tmp_path, "txt:Text (encoded):UTF8")
    text = (tmp_path / "redline.txt").read_text(encoding="utf-8-sig")
    assert "migration governance" in text and "42quater." in text


# -- XLSX and CSV ------------------------------------------------------------------------


def test_xlsx_is_a_sheet_a_delegate_can_work_in(tmp_path):
    target = tmp_path / "changes.xlsx"
    assert run(str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.pdf"), "-o", str(target), "--check").returncode == 0
    book = load_workbook(target, rich_text=True)
    assert book.sheetnames == ["Changes", "Summary"]
    sheet = book["Changes"]
    assert [c.value for c in sheet[1]] == [
        "Section",
        "Old",
        "New",
        "Change",
        "Old text",
        "New text",
        "Changes marked",
        "Findings",
        "Comments",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I9"
    assert sheet.column_dimensions["E"].width >= 40 and sheet["E2"].alignment.wrap_text
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "38")
    assert row[3].value == "modified" and row[7].value.startswith("DD101 warning")
    marked = row[6].value
    assert isinstance(marked, CellRichText)
    blocks = {block.text.strip(): block.font for block in marked if isinstance(block, TextBlock)}
    assert blocks["processes"].strike and blocks["processes"].color.rgb.endswith("C00000")
    assert blocks["discussions"].u == "single" and blocks["discussions"].color.rgb.endswith("007A33")
    summary = {r[0].value: r[1].value for r in book["Summary"].iter_rows(min_row=8) if r[0].value}
    assert summary["modified"] == 4 and summary["merged"] == 1
    # the old DOCX's comments: on 38 (changed) and on 42, unchanged but commented, so it has a row
    assert (
        row[8].value
        == "[old] Coalition for Migrant Rights (2030-05-13): Keep 'processes': participation must reach decision-making."
    )
    row42 = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "42")
    assert row42[3].value == "unchanged" and row42[8].value.startswith(
        "Group of Friends of Children (2030-05-13): Retain"
    )
    authors = [(r[1].value, r[2].value) for r in book["Summary"].iter_rows(min_row=16) if r[2].value]
    assert ("Coalition for Migrant Rights", 1) in authors


def test_csv_utf8_with_optional_bom_and_markup(tmp_path):
    plain, excel = tmp_path / "a.csv", tmp_path / "b.csv"
    assert run(str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(plain)).returncode == 0
    assert run(str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(excel), "--bom").returncode == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and excel.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(plain.read_text(encoding="utf-8"))))
    assert list(rows[0]) == ["Section", "Old", "New", "Change", "Old text", "New text", "Changes marked", "Comments"]
    by_old = {r["Old"]: r for r in rows}
    assert "governance [-processes-] {+discussions+}." in by_old["38"]["Changes marked"]
    assert by_old["34 + 35"]["Change"] == "merged" and by_old["50"]["Change"] == "deleted"
    everything = list(
        csv.DictReader(
            io.StringIO(
                run(
                    str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", "-", "-f", "csv", "--all"
                ).stdout.decode()
            )
        )
    )
    assert len(everything) == 70


# -- Markdown and JSON --------------------------------------------------------------------


def test_markdown_and_json_to_stdout():
    md = run(str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", "-", "-f", "md", "--check").stdout.decode()
    assert "| Findings |" in md and "| 38 | 38 | modified | IV. Commitments and recommendations |" in md
    assert "DD101" in md
    doc = json.loads(
        run(str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", "-", "-f", "json", "--check").stdout
    )
    assert doc["schema"] == "draftdiff.compare/1" and len(doc["changes"]) == 70  # 69 new + 1 deleted
    assert {f["rule"] for f in doc["findings"]} >= {"DD101", "DD102", "DD103"}


# -- HTML ---------------------------------------------------------------------------------


def test_html_is_one_self_contained_file(tmp_path):
    target = tmp_path / "report.html"
    assert run(str(SAMPLES / "zero.docx"), str(SAMPLES / "final.pdf"), "-o", str(target), "--check").returncode == 0
    html = target.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "default-src 'none'" in html and "@media print" in html
    assert html.count('<section class="change') == 56
    assert 'href="#p-17"' in html and 'id="p-17"' in html  # the summary links to each paragraph
    assert "<del>processes</del>" in html and "<ins>discussions</ins>" in html


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _headless(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=3000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not _chromium(), reason="Chromium not installed (apt-get install chromium)")
def test_html_in_headless_chromium(tmp_path):
    target = tmp_path / "report.html"
    assert run(str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.pdf"), "-o", str(target), "--check").returncode == 0
    loaded = _headless(tmp_path, "--dump-dom", target.as_uri())
    assert ":CONSOLE:" not in loaded.stderr, loaded.stderr  # no errors, no blocked requests
    dom = loaded.stdout
    assert '<span id="shown">7</span> of 7 changes shown' in dom  # the script ran
    assert "governance <del>processes</del> <ins>discussions</ins>." in dom
    filtered = _headless(tmp_path, "--dump-dom", target.as_uri() + "#only=deleted")
    assert '<span id="shown">1</span>' in filtered.stdout
    assert 'class="change k-deleted"' in filtered.stdout and 'class="change k-modified hidden"' in filtered.stdout
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "export-html.png"
    _headless(tmp_path, "--window-size=1200,1400", f"--screenshot={shot}", target.as_uri())
    assert shot.stat().st_size > 10_000


# -- safety and shape ------------------------------------------------------------------


def test_format_from_suffix_or_option_and_clear_errors(tmp_path):
    base = [str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt")]
    unknown = run(*base, "-o", str(tmp_path / "x.rtf"))
    assert unknown.returncode == 2 and b"cannot tell the format" in unknown.stderr
    binary = run(*base, "-o", "-", "-f", "xlsx")
    assert binary.returncode == 2 and b"binary" in binary.stderr
    assert run(*base, "-o", str(tmp_path / "changes.txt"), "-f", "csv").returncode == 0
    assert (tmp_path / "changes.txt").read_text(encoding="utf-8").startswith("Section,")
    missing = run(*base)
    assert missing.returncode == 2 and b"needs --output" in missing.stderr


def test_export_never_overwrites_an_input_and_leaves_no_temporary_files(tmp_path):
    old, new = tmp_path / "rev2.docx", tmp_path / "rev3.docx"
    old.write_bytes((SAMPLES / "rev2.docx").read_bytes())
    new.write_bytes((SAMPLES / "rev3.docx").read_bytes())
    before = new.read_bytes()
    result = run(str(old), str(new), "-o", str(new))
    assert result.returncode == 2 and b"refusing to overwrite an input" in result.stderr
    assert new.read_bytes() == before
    assert run(str(old), str(new), "-o", str(tmp_path / "out.xlsx")).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx", "rev2.docx", "rev3.docx"]


def test_one_comparison_serves_every_writer(monkeypatch):
    import draftdiff.diff.align
    import draftdiff.diff.comparison

    comparison = draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    calls = []

    def spy(name, original):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return wrapper

    # patch the names compare() itself calls, so the spies would see a re-run
    monkeypatch.setattr(draftdiff.diff.comparison, "align", spy("align", draftdiff.diff.comparison.align))
    monkeypatch.setattr(draftdiff.diff.comparison, "diff", spy("diff", draftdiff.diff.comparison.diff))
    draftdiff.diff.comparison.compare(comparison.old, comparison.new)
    assert "align" in calls and "diff" in calls  # the spies do see a comparison
    calls.clear()
    for fmt in ("xlsx", "csv", "md", "html", "docx", "json"):
        assert render(comparison, fmt)
    assert calls == []
    sources = "".join(p.read_text(encoding="utf-8") for p in (REPO / "src/draftdiff/writers").glob("*.py"))
    assert "import diff" not in sources and "align(" not in sources


def test_progress_bar_only_on_a_terminal(monkeypatch):
    import sys

    from draftdiff.exporting import progress_bar

    with progress_bar(10_000) as tick:  # stderr is captured here, not a terminal
        assert tick is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_bar(10_000) as tick:
        assert callable(tick)
        tick()
    with progress_bar(5) as tick:  # a short export needs no bar
        assert tick is None


def test_single_tracked_file_exports_its_changes(tmp_path):
    target = tmp_path / "inputs.md"
    assert run(str(SAMPLES / "rev2-rev3-tracked.docx"), "-o", str(target)).returncode == 0
    assert "~~processes~~ **discussions**" in Path(target).read_text(encoding="utf-8")


def test_the_writer_registry_knows_every_format_and_refuses_a_wrong_pair():
    from draftdiff.diff.report import Report
    from draftdiff.errors import DraftDiffError
    from draftdiff.rules import check
    from draftdiff.writers.registry import WRITERS, WriteOptions, format_of, formats_for, writer

    comparison = draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    results = {"draft": comparison.new, "report": Report.of(comparison), "check": check(comparison)}
    for name, spec in WRITERS.items():
        for kind in spec.results:
            out = spec.render(results[kind], WriteOptions())
            assert out and isinstance(out, bytes if spec.binary or name == "csv" else str), (name, kind)
    assert formats_for("check") == ["github", "json", "junit", "sarif", "terminal"]
    assert format_of("report.xlsx", "report") == "xlsx" and format_of("findings.sarif", "check") == "sarif"
    assert format_of("report.sarif", "report") is None
    with pytest.raises(DraftDiffError) as error:
        writer("xlsx", "check")
    assert str(error.value) == "check cannot be written as xlsx (choose one of github, json, junit, sarif, terminal)"


def test_html_has_a_section_navigator_with_counts(tmp_path):
    target = tmp_path / "report.html"
    assert run(str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(target)).returncode == 0
    page = target.read_text(encoding="utf-8")
    assert "<summary>Sections (4)</summary>" in page
    assert (
        '<a href="#p-38">IV. Commitments and recommendations</a> <span class="counts">3 modified, 1 added</span>'
        in page
    )
