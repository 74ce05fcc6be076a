"""Every workbook is written by one writer (writers/spreadsheet.py), made to
be read on screen and printed: rows as tall as their wrapped text, the header
row frozen and repeated on every printed page, landscape, one page wide.
The change table has the same columns in XLSX, CSV and Markdown."""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import run_cli, soffice_convert

_WORDS = " ".join(
    (
        "the parties shall ensure that migrants have access to justice remedies cooperation implementation",
        "notwithstanding consultations stakeholders governance participation international regional national",
        "development assistance financing capacity building mechanisms commitments recommendations accordance",
        "with obligations under instruments including through appropriate measures and procedures",
    )
).split()


def _paragraph(rng: random.Random, number: int, words: int) -> str:
    body = " ".join(rng.choice(_WORDS) for _ in range(words))
    return f"{number}. The Parties shall {body} mark{number}end."


def _drafts(folder: Path, count: int = 60) -> tuple[Path, Path]:
    """A pair of our own: paragraphs from one line to some 900 characters;
    every third one reworded ('shall' weakened, so that --check has
    findings to show), some deleted and added; each ends in a word of its own."""
    rng = random.Random(7)
    old, new = [], []
    for number in range(1, count + 1):
        paragraph = _paragraph(rng, number, rng.choice((3, 12, 40, 90, 130)))
        old.append(paragraph)
        if number % 7 == 0:
            continue  # deleted
        if number % 3 == 0:
            paragraph = paragraph.replace("shall", "should", 1).replace(" the ", " each ", 2)
        new.append(paragraph)
        if number % 11 == 0:
            new.append(_paragraph(rng, number + 1000, 60))
    old_path, new_path = folder / "first.txt", folder / "second.txt"
    old_path.write_text("\n\n".join(old) + "\n", encoding="utf-8")
    new_path.write_text("\n\n".join(new) + "\n", encoding="utf-8")
    return old_path, new_path


def _cells(path: Path) -> list[str]:
    book = load_workbook(path, rich_text=True)
    return [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]


def test_every_sheet_is_set_up_to_print(tmp_path):
    old, new = _drafts(tmp_path)
    target = tmp_path / "changes.xlsx"
    assert run_cli("export", str(old), str(new), "-o", str(target), "--check").returncode == 0
    book = load_workbook(target)
    changes = book["Changes"]
    assert changes.print_title_rows == "$1:$1" and changes.freeze_panes == "A2"
    assert changes.page_setup.orientation == "landscape"
    assert (changes.page_setup.fitToWidth, changes.page_setup.fitToHeight) == (1, 0)
    assert changes.sheet_properties.pageSetUpPr.fitToPage
    # a row is as tall as its longest wrapped cell; one line keeps the default height
    for row in changes.iter_rows(min_row=2):
        longest = max(len(str(c.value or "")) for c in row[4:7])
        height = changes.row_dimensions[row[0].row].height
        if longest > 200:
            assert height and height >= 15 * longest / 60
    widths = [changes.column_dimensions[c.column_letter].width for c in changes[1]]
    short = [
        r for r in changes.iter_rows() if all(len(str(c.value or "")) < w - 2 for c, w in zip(r, widths, strict=True))
    ]
    assert short and all(changes.row_dimensions[r[0].row].height is None for r in short)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("command", ["export", "history"])
def test_printed_workbook_shows_every_word_one_page_wide(tmp_path, command):
    """LibreOffice prints the workbook to PDF: every word of every cell is on
    the pages (a row too short hides the end of its text), and every page
    carries the header row from its first column to its last (a page of only
    the columns cut off the right would not)."""
    import pdfplumber

    old, new = _drafts(tmp_path)
    target = tmp_path / f"{command}.xlsx"
    extra = ["--check"] if command == "export" else []
    assert run_cli(command, str(old), str(new), "-o", str(target), *extra).returncode == 0
    pdf = soffice_convert(target, tmp_path, "pdf")
    if not pdf.exists():
        pytest.skip("LibreOffice Calc not installed (libreoffice-calc-nogui)")
    with pdfplumber.open(pdf) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    printed = re.sub(r"\s+", "", "".join(pages))
    wanted = Counter(w for value in _cells(target) for w in re.findall(r"[A-Za-z0-9]{4,}", value))
    missing = {w: n for w, n in wanted.items() if printed.count(w) < n}
    assert not missing, f"cut off in print: {sorted(missing)[:10]}"
    headers = [("Section", "Brackets"), ("first", "Changes")]  # the change tables; the history's matrix
    for number, text in enumerate(pages, start=1):
        flat = re.sub(r"\s+", "", text)
        if "draftdiffcomparison" in flat:  # the Summary sheet, no header
            continue
        assert any(flat.startswith(left) and right in flat for left, right in headers), f"page {number}: {text[:80]!r}"
    assert len(pages) < 12  # one page wide: a 60-paragraph table takes a few pages


def test_markdown_csv_and_xlsx_carry_the_same_columns(tmp_path):
    old, new = _drafts(tmp_path, count=12)
    for extra in ([], ["--check"]):
        xlsx, table, markdown = (tmp_path / f"changes.{suffix}" for suffix in ("xlsx", "csv", "md"))
        for target in (xlsx, table, markdown):
            assert run_cli("export", str(old), str(new), "-o", str(target), *extra).returncode == 0
        sheet = load_workbook(xlsx)["Changes"]
        columns = [c.value for c in sheet[1]]
        assert columns[-2:] == ["Comments", "Brackets"] and ("Findings" in columns) == bool(extra)
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
        assert rows[0] == columns
        lines = markdown.read_text(encoding="utf-8").splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("| Section"))
        assert [name.strip() for name in lines[start].strip("|").split("|")] == columns
        body = [line for line in lines[start + 2 :] if line.startswith("| ")]
        assert len(body) == len(rows) - 1 == sheet.max_row - 1  # the same rows too


def test_markdown_shows_comments_and_the_text_of_unchanged_commented_paragraphs(tmp_path):
    from conftest import SAMPLES

    target = tmp_path / "changes.md"
    assert run_cli("export", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "-o", str(target)).returncode == 0
    row42 = next(line for line in target.read_text(encoding="utf-8").splitlines() if "| 42 | 42 | unchanged |" in line)
    assert "We commit to ensuring" in row42 and "Group of Friends of Children" in row42


def test_every_workbook_comes_from_the_one_writer():
    source = Path(__file__).resolve().parent.parent / "src" / "draftdiff" / "writers"  # (a reader may use one)
    users = sorted(
        p.name
        for p in source.rglob("*.py")
        if re.search(r"^\s*(from|import) (openpyxl|xlsxwriter)", p.read_text(), re.M)
    )
    assert users == [], users


def test_workbook_text_is_never_a_formula_nor_a_control(tmp_path):
    from draftdiff.writers.spreadsheet import Column, Workbook

    book = Workbook()
    sheet = book.sheet("=cmd|' /C calc'!A0", [Column("=HYPERLINK(\x1b)"), Column("Runs")])
    sheet.append(["+SUM(A1)", [("@x\x07", "equal"), ("-1", "insert")]])
    with zipfile.ZipFile(io.BytesIO(book.to_bytes())) as package:
        xml = package.read("xl/worksheets/sheet1.xml").decode()
        names = package.read("xl/workbook.xml").decode()
    assert "<f>" not in xml and "\x1b" not in xml and "\x07" not in xml
    assert "'=HYPERLINK(\\x1b)" in xml and "'+SUM(A1)" in xml and "'@x\\x07" in xml
    assert "name=\"=cmd|' -C calc'!A0\"" in names
