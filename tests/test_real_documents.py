"""Issue: real documents, no word lost, ids people cite.

Corpus tests read ../shared/corpus (they skip when it is absent); the
structure tests build their own small texts.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import corpus_dir
from draftdiff.accuracy import recall
from draftdiff.document.citations import resolve
from draftdiff.document.model import Kind
from draftdiff.document.structure import build
from draftdiff.errors import DraftDiffError
from draftdiff.readers import load
from draftdiff.readers.text import read_blocks

# -- word conservation against the publisher's curated text -------------------

PAGE_NUMBER = re.compile(r"(^|\s)(-\s?\d{1,4}\s?-|Page \d+ of \d+)(\s|$)")


def treaty_pdfs():
    folder = corpus_dir("pdf_treaty")
    return sorted(folder.glob("*.pdf"))


@pytest.mark.parametrize(
    "name",
    [
        "bbnj-corpus__A-RES-79-271.pdf",
        "bbnj-corpus__UN_Fish_Stocks_Agreement_1995.pdf",
        "bbnj-corpus__UN_Part_XI_Agreement_1994.pdf",
        "bbnj-corpus__UNCLOS_1982.pdf",
    ],
)
def test_every_word_of_a_treaty_pdf_is_accounted_for(name):
    path = corpus_dir("pdf_treaty") / name
    draft = load(path)
    doc = json.loads(json.dumps(draft.to_json()))
    curated = path.with_suffix(".text.txt").read_text()
    assert recall(doc, curated) >= 0.999  # paragraphs, headings, notes and declared furniture
    # without the page furniture: the title line is not furniture (the line recording the
    # adopting meeting, "58th plenary meeting 4 March 2025", is declared furniture on purpose)
    doc["furniture"] = [f for f in doc.get("furniture", []) if f["kind"] == "adopted"]
    assert recall(doc, curated) >= 0.995
    for para in draft:
        assert para.text or para.kind is Kind.HEADING, f"empty paragraph {para.id}"
        assert not PAGE_NUMBER.search(para.text) and not re.fullmatch(r"\d{1,4}", para.text), f"page number {para.id}"
        assert not para.id.startswith(("Article ", "Annex ")), f"opaque id {para.id}"
    if "UNCLOS" not in name:  # its table of contents still yields headings: see docs/accuracy.md
        assert not [i for i in draft.ids if "#" in i]


def test_furniture_is_listed_with_its_page_and_kind():
    draft = load(corpus_dir("pdf_treaty") / "bbnj-corpus__A-RES-79-271.pdf")
    kinds = {(f.page, f.kind, f.text) for f in draft.furniture}
    assert (1, "symbol", "A/RES/79/271") in kinds
    assert (1, "masthead", "Distr.: General") in kinds
    assert any(k == "running" and p == 2 and t.startswith("Agreement under the United Nations") for p, k, t in kinds)
    doc = draft.to_json()
    assert {"page", "text", "kind"} <= set(doc["furniture"][0])


def test_resolution_title_and_preamble():
    draft = load(corpus_dir("pdf_treaty") / "bbnj-corpus__A-RES-79-271.pdf")
    assert draft.title.startswith("79/271. Agreement under the United Nations Convention on the Law of the Sea")
    assert draft.title.endswith("beyond National Jurisdiction")
    assert draft.get("PP1").text.startswith("Recalling its resolution 72/249")
    assert draft.get("PP3").text.startswith("Recalling further its resolution 77/321")
    assert draft.get("PP4").text.startswith("Underscoring the importance")  # not glued to PP3 across the page
    assert draft.get("1").text.startswith("Welcomes the holding")
    assert draft.get("9").section.startswith("79/271. Agreement")


def test_treaty_ids_follow_its_articles():
    draft = load(corpus_dir("pdf_treaty") / "bbnj-corpus__UN_Fish_Stocks_Agreement_1995.pdf")
    assert draft.title.startswith("AGREEMENT FOR THE IMPLEMENTATION OF THE PROVISIONS")
    assert draft.get("Art2").kind is Kind.HEADING and draft.get("Art2").text == "Objective"
    assert draft.get("Art2.1").text.startswith("The objective of this Agreement")
    assert draft.get("Art5").text == "General principles"
    assert draft.get("Art5(a)").text.startswith("adopt measures to ensure long-term sustainability")
    assert draft.get("Art6.3(a)").text.startswith("improve decision-making")
    assert draft.get("Art1.2(a)").text.startswith('"States Parties"')  # "2. (a) …": one paragraph, 2(a)
    assert not [i for i in draft.ids if i.startswith("Article ")]
    # an annex's own articles are qualified by the annex, the treaty's are not
    assert draft.get("AnnexI.Art1") is not None and draft.get("Art1").section.startswith("Article 1")
    for reference in ("article 6, paragraph 3 (a)", "Art. 6(3)(a)", "6.3(a)", "Art6.3(a)"):
        assert resolve(reference, draft.ids) == ["Art6.3(a)"]
    assert resolve("article 2", draft.ids) == ["Art2", "Art2.1"]
    assert [p.id for p in draft.find("Art. 6(3)(a)")] == ["Art6.3(a)"]
    with pytest.raises(DraftDiffError) as error:
        resolve("3(a)", draft.ids)
    assert "ambiguous" in error.value.message and "Art6.3(a)" in (error.value.hint or "")


def test_markdown_as_published():
    draft = load(corpus_dir("negotiation_text") / "cop21__2015-10-23_draft_agreement.md")
    assert draft.title == "Final Draft Negotiating Text 23 October 2015"
    texts = [p.text for p in draft]
    assert not [t for t in texts if t.startswith(("---", "{:", "[source]:", "TOC")) or "{:" in t]
    assert "final draft negotiating text prepared before" in texts[0]  # link text kept, link target gone
    assert draft.get("PP1").text.startswith("Being Parties to the United Nations Framework Convention")
    assert draft.get("Art1").text == "(definitions)"
    assert draft.get("Art1.3").text.startswith('"CMA" means')
    # article 2 offers two options: its paragraphs are cited within option 1
    assert draft.get("Art2.Opt1").text == "Option 1:"
    assert draft.get("Art2.Opt1.1(a)").text.startswith("hold the increase in the global average temperature")
    assert draft.get("Art2.Opt1.1(c)").text.startswith("increase their ability to adapt")
    assert draft.get("Art2.Opt2.1").text == "No text"
    assert draft.get("Art2bis.Opt1.1") is not None
    # "[Article 3ter]": a bracketed heading is an article of its own, and its paragraphs its own
    assert draft.get("Art3ter").label == "[Article 3ter]"
    assert draft.get("Art3ter.Opt1.1") is not None and draft.get("Art3bis.4") is not None
    # "2. Individual efforts" then "Option 1: …": option 1 is paragraph 2's text, option 2 follows it
    assert draft.get("Art3.2").text.startswith("Individual efforts Option 1: Each Party")
    assert draft.get("Art3.2.Opt2").text.startswith("Option 2: [Each Party][All Parties]")
    notes = [n for p in draft for n in p.notes]
    assert len(notes) >= 11
    # the note on the masthead line "Edited version of 6 November 2015" is declared with it
    masthead = [f.text for f in draft.furniture if f.kind in ("masthead", "note")]
    assert masthead[0] == "Edited version of 6 November 2015" and "The version of 23 October 2015" in masthead[1]
    assert [f"Art1.{n}" for n in range(1, 15)] == [i for i in draft.ids if re.fullmatch(r"Art1\.\d+", i)]


# -- structure, on texts of our own ---------------------------------------------


def ids_of(text: str, markdown: bool = False) -> list[str]:
    return [p.id for p in build(read_blocks(text, markdown=markdown))[1]]


def test_numbered_subheadings_in_lettered_sections_are_not_restarts():
    text = """Report of the meeting

I. Organizational matters

A. Opening of the session

1. Opening of the session

1. The session was opened by the Chair on 3 May.

2. The Chair welcomed the delegations.

2. Attendance

3. Delegations from forty States attended.

B. Adoption of the agenda

4. The agenda was adopted as proposed.
"""
    _title, paras = build(read_blocks(text))
    assert [p.id for p in paras] == ["I", "I.A", "I.A.1", "1", "2", "I.A.2", "3", "I.B", "4"]
    assert paras[2].kind is Kind.HEADING and paras[2].text == "Opening of the session"


def test_subparagraph_levels_follow_the_label_sequence():
    text = "8. Chapeau:\n\n(a) first;\n\n(b) second:\n\n(i) one;\n\n(ii) two;\n\n(iii) three;\n\n(c) third.\n"
    assert ids_of(text) == ["8", "8(a)", "8(b)", "8(b)(i)", "8(b)(ii)", "8(b)(iii)", "8(c)"]


def test_articles_restart_numbering_and_unnumbered_bodies_are_citable():
    text = """Article 1

Use of terms

1. First.

2. Second.

Article 2

Objective

The objective of this text is clear.

Article 3

1. Again one.

(a) a point.
"""
    _title, paras = build(read_blocks(text))
    assert [p.id for p in paras] == ["Art1", "Art1.1", "Art1.2", "Art2", "Art2.1", "Art3", "Art3.1", "Art3.1(a)"]
    # a title on the line after "Article 1" belongs to the article's heading
    assert [(p.text, p.section) for p in paras if p.id in ("Art1", "Art2")] == [
        ("Use of terms", "Article 1 Use of terms"),
        ("Objective", "Article 2 Objective"),
    ]


def test_restart_with_no_container_still_gets_a_run_counter():
    assert ids_of("1. One.\n\n2. Two.\n\n1. One again.\n") == ["1", "2", "#2/1"]


def test_warnings_are_objects_in_the_json():
    from draftdiff.document.model import Draft, ReadWarning

    draft = Draft(source="x.pdf", label="X", title="", paragraphs=[], warnings=[ReadWarning("why", 3, "words")])
    assert draft.to_json()["warnings"] == [{"reason": "why", "page": 3, "text": "words"}]


def test_superscript_note_letters_in_a_docx_table_are_notes(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK  # noqa: F401  (python-docx is present)

    document = docx.Document()
    document.add_paragraph("1. The table below gives the figures.")
    table = document.add_table(rows=2, cols=2)
    cell = table.cell(0, 0).paragraphs[0]
    cell.add_run("Base year")
    cell.add_run("B").font.superscript = True
    other = table.cell(1, 1).paragraphs[0]
    other.add_run("Party ID")
    other.add_run("c").font.superscript = True
    path = tmp_path / "table.docx"
    document.save(path)
    draft = load(path)
    texts = [p.text for p in draft]
    assert "Base year" in texts and "Party ID" in texts
    notes = [(n.marker, n.kind) for p in draft for n in p.notes]
    assert notes == [("B", "table-note"), ("c", "table-note")]


# -- a report of our own: lettered sections, numbered subheadings, notes over pages --

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "engine"), [("report.pdf", "pdfium"), ("report.pdf", "pdfplumber"), ("report.docx", "")]
)
def test_report_fixture_reads_as_written(name, engine):
    from draftdiff.readers import ReadOptions

    expected = json.loads((FIXTURES / "report.expected.json").read_text(encoding="utf-8"))
    draft = load(FIXTURES / name, options=ReadOptions(pdf_engine=engine or "pdfium"))
    assert draft.title == expected["title"]
    got = [{"id": p.id, "kind": p.kind.value, "text": p.text, "notes": [n.text for n in p.notes]} for p in draft]
    assert got == expected["paragraphs"]
    assert not draft.warnings


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize(
    "path",
    [
        "docx_unfccc/Mitigation-unfccc-EnhancedMD__cma2021.docx",
        "docx_misc/docxfix__sections.docx",
        "docx_pandoc/pandoc__tables.docx",
        "docx_pandoc/pandoc__notes.docx",
    ],
)
def test_docx_words_match_a_libreoffice_text_rendering(tmp_path, path):
    from conftest import CORPUS, soffice_convert

    folder, name = path.split("/")
    source = corpus_dir(folder) / name
    assert source.is_file(), CORPUS
    rendered = soffice_convert(source, tmp_path, "txt:Text (encoded):UTF8").read_text(encoding="utf-8-sig")
    doc = json.loads(json.dumps(load(source).to_json()))
    assert recall(doc, rendered) >= 0.999


def test_un_resolution_titles_are_their_numbered_titles():
    folder = corpus_dir("pdf_un")
    titles = {p.name: load(p).title for p in sorted(folder.glob("*.pdf"))}
    assert titles["GateNLP-UNGA__A_RES_73_3-EN.pdf"].startswith("73/3. Political declaration")
    assert all(re.match(r"^73/\d\. [A-Z]", t) for t in titles.values()), titles


def test_para_accepts_citations_and_explains_unknown_ones(samples):
    from typer.testing import CliRunner

    from draftdiff.cli import app

    runner = CliRunner()
    ok = runner.invoke(
        app, ["compare", str(samples / "rev2.txt"), str(samples / "rev3.txt"), "--para", "para 38", "--format", "json"]
    )
    assert ok.exit_code == 0
    assert [c["old"] for c in json.loads(ok.stdout)["changes"]] == [["38"]]
    bad = runner.invoke(app, ["compare", str(samples / "rev2.txt"), str(samples / "rev3.txt"), "--para", "article 99"])
    assert bad.exit_code == 2
    assert "no paragraph 'article 99'" in bad.stderr and "nearest" not in bad.stdout


def test_reading_problems_are_one_line_on_stderr(capsys):
    from draftdiff.cli import warn_read_problems
    from draftdiff.document.model import Draft, ReadWarning

    draft = Draft(
        source="x.pdf",
        label="X",
        title="",
        paragraphs=[],
        warnings=[ReadWarning("footnote 3: its marker was not found in the text", 4, "A/AC.1"), ReadWarning("b")],
    )
    warn_read_problems(draft)
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "x.pdf: 2 reading problems: page 4: footnote 3" in err and "--format json" in err


def test_the_stages_of_the_paris_text_are_aligned_on_evidence():
    """Feb 2015 → 5 Oct 2015 → 23 Oct 2015: section headings follow their
    section however far it moved, most of the non-paper is matched in the
    draft, and no reported modification is a difference of spacing alone."""
    import draftdiff

    folder = corpus_dir("negotiation_text")
    feb, oct5, oct23 = (
        load(folder / name)
        for name in (
            "cop21__2015-02-12_geneva_negotiating_text.pdf",
            "cop21__2015-10-05_ADP2_8infnot_non-paper.pdf",
            "cop21__2015-10-23_draft_agreement.md",
        )
    )
    first = draftdiff.compare(feb, oct5)
    pairs = {(c.old_ids[0], c.new_ids[0]) for c in first.changes if c.old and c.new}
    assert ("L", "Art11") in pairs  # "Facilitating implementation and compliance"
    second = draftdiff.compare(oct5, oct23)
    matched = sum(len(c.old) for c in second.changes if c.old and c.new)
    assert matched / len(oct5.paragraphs) > 0.35
    for comparison in (first, second):
        for change in comparison.changes:
            if change.kind == "modified":
                old = "".join(" ".join(p.text for p in change.old).split())
                new = "".join(" ".join(p.text for p in change.new).split())
                assert old != new, change.heading  # a spacing-only difference is no change
