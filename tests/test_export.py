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
from conftest import CORPUS, REPO, SAMPLES, run_cli, soffice_convert
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
    if fmt == "docx":
        # marked in the new DOCX itself: its automatic numbers stay the new ones
        assert [p.text for p in rejected] == [p.text for p in old_draft]
    else:
        assert view(rejected) == view(old_draft)
        assert (accepted.title, rejected.title) == (new_draft.title, old_draft.title)


def test_redline_of_a_docx_is_the_new_document_marked(tmp_path):
    """Styles, numbering, header, footnotes and comments of the new DOCX are kept."""
    target = tmp_path / "redline.docx"
    assert run(str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "-o", str(target)).returncode == 0
    with zipfile.ZipFile(target) as marked, zipfile.ZipFile(SAMPLES / "rev3.docx") as source:
        for part in ("word/styles.xml", "word/numbering.xml", "word/header1.xml", "word/footnotes.xml"):
            assert marked.read(part) == source.read(part), part
        document = marked.read("word/document.xml").decode()
        comments = marked.read("word/comments.xml").decode()
    # para 38: only the word changed is marked, inside the paragraph's own numbered run
    assert re.search(
        r"<w:del [^>]*><w:r><w:delText xml:space=\"preserve\"> ?processes</w:delText></w:r></w:del>", document
    )
    assert re.search(r"<w:ins [^>]*><w:r><w:t xml:space=\"preserve\"> ?discussions</w:t></w:r></w:ins>", document)
    # Rev 3's own five comments, and Rev 2's two added with the draft they came from
    assert comments.count("<w:comment ") == 7 and "[Rev 2] Keep 'processes'" in comments
    assert document.count("commentReference") == 7


def test_redline_of_a_real_docx_keeps_its_tables_and_rejects_to_the_old_text(tmp_path):
    """The UNFCCC draft decision as the new draft; an old one made from it with
    words changed, paragraphs removed and others added."""
    source = CORPUS / "docx_unfccc" / "Mitigation-unfccc-EnhancedMD__cma2021.docx"
    if not source.exists():
        pytest.skip(f"needs {source} (../shared/corpus, see SOURCES.md)")
    new, old = _derived_pair(source)
    path = tmp_path / "redline.docx"
    path.write_bytes(render(draftdiff.compare(old, new), "docx"))
    with zipfile.ZipFile(path) as marked, zipfile.ZipFile(source) as original:
        assert marked.read("word/document.xml").count(b"<w:tbl>") == original.read("word/document.xml").count(
            b"<w:tbl>"
        )
        assert set(original.namelist()) <= set(marked.namelist())
    accepted = load(path, options=ReadOptions(revisions="accept"))
    rejected = load(path, options=ReadOptions(revisions="reject"))
    assert [p.text for p in accepted] == [p.text for p in new]
    assert len(rejected.paragraphs) == len(old.paragraphs)
    for got, want in zip(rejected.paragraphs, old.paragraphs, strict=True):
        assert got.text in (want.text, f"{want.label}{want.close} {want.text}")
    if shutil.which("soffice") and Path("/usr/bin/python3").exists() and _has_uno():
        baseline, accepted_lo = tmp_path / "baseline.docx", tmp_path / "accepted.docx"
        # the new draft as the redline forwards it: its remote template and LINK field
        # left out (package_clean), which LibreOffice would otherwise follow
        _libreoffice(_cleaned(source, tmp_path / "forwarded.docx"), "accept", baseline)
        _libreoffice(path, "accept", accepted_lo)
        got, want = [p.text for p in load(accepted_lo)], [p.text for p in load(baseline)]
        assert len(got) == len(want)
        for mine, theirs in zip(got, want, strict=True):
            # LibreOffice recomputes a "REF _Ref… \r" cross-reference whose target paragraph has a
            # typed number, not a list number, when it lays out accepted changes near it: "paragraph
            # 7 above" becomes "paragraph above". The redline keeps the field and its result as the
            # source has them (asserted below); only that recomputed number may differ.
            assert mine == theirs or mine == _CROSS_REFERENCE_NUMBER_RE.sub(" ", theirs), (mine, theirs)
    with zipfile.ZipFile(path) as marked, zipfile.ZipFile(source) as original:
        fields = re.findall(rb"REF _Ref\d+[^<]*</w:instrText>.*?<w:t>(\w+)</w:t>", original.read("word/document.xml"))
        assert fields and fields == re.findall(
            rb"REF _Ref\d+[^<]*</w:instrText>.*?<w:t>(\w+)</w:t>", marked.read("word/document.xml")
        )


_CROSS_REFERENCE_NUMBER_RE = re.compile(r"(?<=paragraph) \d+ (?=above|below)")


def _derived_pair(source: Path):
    import dataclasses
    import random

    from draftdiff.document.model import Draft

    new = load(source)
    rng = random.Random(5)
    paragraphs = []
    for k, para in enumerate(new.paragraphs):
        if k % 45 == 7:
            continue  # added in the new draft
        words = para.text.split()
        if k % 17 == 3 and len(words) > 6:
            words[rng.randrange(len(words))] = "formerly"
            para = dataclasses.replace(para, text=" ".join(words))
        paragraphs.append(para)
        if k % 60 == 11:
            paragraphs.append(
                dataclasses.replace(para, id=f"{para.id}x", label="", text="A paragraph the new draft deleted.")
            )
    return new, Draft(source=source.with_name("old.txt"), label="old", title=new.title, paragraphs=paragraphs)


def _cleaned(source: Path, target: Path) -> Path:
    from draftdiff.writers.package_clean import clean

    with zipfile.ZipFile(source) as archive:
        parts = clean({name: archive.read(name) for name in archive.namelist()}).parts
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _has_uno() -> bool:
    return subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode == 0


def _libreoffice(source: Path, mode: str, target: Path) -> None:
    script = REPO / "tests" / "tools" / "lo_tracked.py"
    result = subprocess.run(["/usr/bin/python3", str(script), str(source), mode, str(target)], timeout=180)
    assert result.returncode == 0 and target.exists()


@pytest.mark.skipif(
    not (shutil.which("soffice") and Path("/usr/bin/python3").exists() and _has_uno()),
    reason="LibreOffice with python3-uno not installed",
)
@pytest.mark.parametrize(("old", "new"), [("zero", "final"), ("rev2", "rev3")])
def test_libreoffice_accepting_gives_the_new_text_and_rejecting_the_old(tmp_path, old, new):
    path = tmp_path / "redline.docx"
    old_draft, new_draft = load(SAMPLES / f"{old}.docx"), load(SAMPLES / f"{new}.docx")
    path.write_bytes(render(draftdiff.compare(old_draft, new_draft), "docx"))
    _libreoffice(path, "accept", tmp_path / "accepted.docx")
    _libreoffice(path, "reject", tmp_path / "rejected.docx")
    assert [p.text for p in load(tmp_path / "accepted.docx")] == [p.text for p in new_draft]
    assert [p.text for p in load(tmp_path / "rejected.docx")] == [p.text for p in old_draft]


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
        "Brackets",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:J9"
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
    assert list(rows[0]) == [
        "Section",
        "Old",
        "New",
        "Change",
        "Old text",
        "New text",
        "Changes marked",
        "Comments",
        "Brackets",
    ]
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
    assert "| Findings |" in md and "| IV. Commitments and recommendations | 38 | 38 | modified |" in md
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
    assert '<span id="shown">8</span> of 8 changes shown' in dom  # the script ran (7 changes, 1 commented paragraph)
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
    monkeypatch.setattr(draftdiff.diff.align, "align", spy("align", draftdiff.diff.align.align))
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

    from draftdiff.progress import progress_bar

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
    from draftdiff.app.drafts import DraftsListRequest
    from draftdiff.app.drafts import run as drafts_list
    from draftdiff.diff.report import Report
    from draftdiff.errors import DraftDiffError
    from draftdiff.negotiation.checks import check_register
    from draftdiff.negotiation.history import HistoryView, history
    from draftdiff.negotiation.refs import RefsView, refs
    from draftdiff.negotiation.refs import StakeholderComment as Comment
    from draftdiff.negotiation.stats import StatsView, stats
    from draftdiff.negotiation.trace import TraceView, trace
    from draftdiff.rules import check, load_settings
    from draftdiff.writers.registry import FORMATS, RENDERERS, WriteOptions, format_of, formats_for, writer

    comparison = draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    results = {
        "draft": comparison.new,
        "report": Report.of(comparison),
        "check": check(comparison),
        "history": HistoryView(history([comparison.old, comparison.new]), foci=[(1, 0)], revert_to=0),
        "trace": TraceView(trace(history([comparison.old, comparison.new]), ["migration status", "meaningful"])),
        "stats": StatsView(stats(history([comparison.old, comparison.new]))),
        "refs": RefsView(
            refs(history([comparison.old, comparison.new]), [Comment(1, "paras 38 and 39 bis; add 'in full'")], on=0)
        ),
    }
    results["checks"] = check_register(history([comparison.old, comparison.new]), load_settings())
    results["drafts"] = drafts_list(DraftsListRequest(SAMPLES / "draftdiff.toml"))
    from draftdiff.negotiation.versions import compare_versions

    results["versions"] = compare_versions([comparison.old, comparison.new])
    for kind, name in RENDERERS:
        spec = writer(name, kind)
        out = spec.render(results[kind], WriteOptions())
        assert out and isinstance(out, bytes if spec.binary or name == "csv" else str), (name, kind)
    assert {name for _, name in RENDERERS} == set(FORMATS)  # every format writes something
    assert formats_for("check") == ["github", "json", "junit", "sarif", "terminal"]
    assert formats_for("history") == ["csv", "docx", "html", "json", "md", "terminal", "xlsx"]
    assert formats_for("trace") == ["csv", "github", "json", "junit", "md", "sarif", "terminal", "xlsx"]
    assert formats_for("refs") == ["csv", "html", "json", "md", "terminal", "xlsx"]
    assert formats_for("stats") == ["csv", "html", "json", "terminal", "xlsx"]
    assert formats_for("versions") == ["csv", "html", "json", "terminal", "xlsx"]
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


def test_a_new_docx_keeps_its_own_tracked_changes_where_rejecting_them_gives_the_old_words(tmp_path):
    from draftdiff.writers.wordml import DocxWriter, Para, Run

    writer = DocxWriter(author="Secretariat", date=__import__("datetime").datetime(2031, 5, 4, 9, 30))
    writer.add(Para([Run("Draft text")], style="Title"))
    writer.add(Para([Run("1."), Run(" We commit to "), Run("fully ", change="ins"), Run("implement the plan.")]))
    writer.add(Para([Run("2. We note the report"), Run(" with appreciation", change="del"), Run(".")]))
    new_path = tmp_path / "new.docx"
    new_path.write_bytes(writer.to_bytes())
    old_path = tmp_path / "old.txt"
    old_path.write_text("Draft text\n\n1. We commit to implement the plan.\n\n2. We welcome the report.\n")
    old, new = load(old_path), load(new_path)
    assert [p.text for p in new] == ["We commit to fully implement the plan.", "We note the report."]
    from draftdiff.writers import docx_marked

    comparison = draftdiff.compare(old, new)
    assert docx_marked.document(comparison) is not None  # marked in place, not generated
    path = tmp_path / "redline.docx"
    result = run(str(old_path), str(new_path), "-o", str(path))
    assert result.returncode == 0
    # paragraph 1: the Secretariat's insertion is the whole change, kept with its author and date;
    # paragraph 2: rejecting its deletion would not give "We welcome the report.": accepted, and said once
    with zipfile.ZipFile(path) as archive:
        document = archive.read("word/document.xml").decode()
    assert re.search(
        r'<w:ins [^>]*w:author="Secretariat" w:date="2031-05-04T09:30:00Z"><w:r><w:t[^>]*>fully ', document
    )
    assert "with appreciation" not in document
    assert result.stderr.decode().count("redline: 1 of the new draft's 2 tracked changes are accepted") == 1
    assert [p.text for p in load(path, options=ReadOptions(revisions="accept"))] == [p.text for p in new]
    assert [p.text for p in load(path, options=ReadOptions(revisions="reject"))] == [p.text for p in old]


def test_spreadsheet_package_columns_styles_and_rich_runs(tmp_path):
    from openpyxl.cell.rich_text import CellRichText as Rich

    from draftdiff.writers.spreadsheet import BOLD, DELETED, INSERTED, Column, Workbook, column_letter

    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]
    book = Workbook()
    sheet = book.sheet("Ch<a>nges & more", [Column("Head", 30), Column("Count"), Column("Runs")])
    sheet.append(["=1+1 \x1b[8m & <b>", 7, [("keep ", "equal"), ("gone", DELETED), ("new", INSERTED)]])
    sheet.append([None, float("nan"), ""], fills={0: "FFF2CC"})
    other = book.sheet("ch<a>nges & MORE", [], header=False)  # the same name but for case: numbered
    other.append(["Total", 3], style=BOLD)
    target = tmp_path / "s.xlsx"
    target.write_bytes(book.to_bytes())
    book = load_workbook(target, rich_text=True)
    assert book.sheetnames == ["Ch<a>nges & more", "ch<a>nges & MORE~2"]
    ws = book.worksheets[0]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3" and ws.column_dimensions["A"].width == 30
    assert ws["A1"].font.b and ws["A2"].alignment.wrap_text and ws["B2"].value == 7
    assert ws["A3"].fill.fgColor.rgb == "FFFFF2CC"
    # text is text: never a formula, never a control character
    assert ws["A2"].data_type == "s" and ws["A2"].value == "'=1+1 \\x1b[8m & <b>"
    runs = ws["C2"].value
    assert isinstance(runs, Rich) and str(runs) == "keep gonenew"
    fonts = {block.text: block.font for block in runs if isinstance(block, TextBlock)}
    assert fonts["gone"].strike and fonts["new"].u == "single"
    assert ws["B3"].value == "nan" and ws["A3"].value is None
    assert book.worksheets[1]["A1"].font.b and book.worksheets[1]["B1"].value == 3


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_change_table(tmp_path):
    from openpyxl import Workbook

    to_csv = "csv:Text - txt - csv (StarCalc):44,34,76"
    control = Workbook()
    control.active.append(["made by openpyxl"])
    control.save(tmp_path / "control.xlsx")
    if not soffice_convert(tmp_path / "control.xlsx", tmp_path, to_csv).exists():
        pytest.skip("LibreOffice Calc not installed (libreoffice-calc-nogui)")
    target = tmp_path / "changes.xlsx"
    target.write_bytes(render(draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt"), "xlsx"))
    table = soffice_convert(target, tmp_path, to_csv)
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["Section", "Old", "New", "Change"]
    row38 = next(r for r in rows if r[1] == "38")
    assert row38[3] == "modified" and "processes" in row38[4] and "discussions" in row38[5]


def test_the_html_page_is_titled_by_the_drafts_labels_not_by_its_last_change(tmp_path):
    out = tmp_path / "report.html"
    run_cli("export", "rev2", "rev3", "-o", str(out), cwd=SAMPLES)
    page = out.read_text(encoding="utf-8")
    assert "<title>Rev 2 → Rev 3 · draftdiff</title>" in page
    assert "<h1>Rev 2 → Rev 3</h1>" in page
    out = tmp_path / "labelled.html"
    run_cli(
        "export", "rev2", "rev3", "--label-old", "Second revision", "--label-new", "Third", "-o", str(out), cwd=SAMPLES
    )
    assert "<h1>Second revision → Third</h1>" in out.read_text(encoding="utf-8")


def test_the_many_draft_pages_are_titled_by_their_drafts(tmp_path):
    for command, suffix in (("stats", "s.html"), ("history", "h.html")):
        out = tmp_path / suffix
        run_cli(command, "-o", str(out), cwd=SAMPLES)
        assert "Zero draft → Rev 1 → Rev 2 → Rev 3 → Final</h1>" in out.read_text(encoding="utf-8"), command
