"""The DOCX reader on the samples and on real Word files from ../shared/corpus."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest

import pandoc_native
from conftest import DRAFT_NAMES, SAMPLES, corpus_dir, soffice_convert
from draftdiff import Kind, ReadOptions, load
from draftdiff.errors import InputError


def view(draft) -> list[tuple]:
    return [(p.id, p.kind.value, p.label, p.text, [(n.marker, n.text) for n in p.notes]) for p in draft]


def texts(path: Path, revisions: str = "accept") -> list[str]:
    draft = load(path, options=ReadOptions(revisions=revisions))
    head = [draft.title] if draft.title else []
    return head + [p.display for p in draft]


# -- samples -----------------------------------------------------------------


@pytest.mark.parametrize("name", DRAFT_NAMES)
def test_sample_docx_parses_exactly_like_its_text_source(name):
    docx, text = load(SAMPLES / f"{name}.docx"), load(SAMPLES / f"{name}.txt")
    assert docx.format == "docx"
    assert docx.title == text.title
    assert view(docx) == view(text)
    assert [p.section for p in docx] == [p.section for p in text]


def test_sample_docx_mixes_word_numbering_with_typed_numbers():
    with zipfile.ZipFile(SAMPLES / "rev1.docx") as archive:
        document = archive.read("word/document.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
    assert "<w:numPr>" in document and "9 ter." in document  # auto and typed numbers
    assert "<w:startOverride" in numbering  # restart after the deleted paragraph 17
    draft = load(SAMPLES / "rev1.docx")
    assert draft.ids[draft.ids.index("16") + 1] == "18"


def test_tracked_changes_accept_gives_rev3_and_reject_gives_rev2():
    tracked = SAMPLES / "rev2-rev3-tracked.docx"
    accepted = load(tracked, options=ReadOptions(revisions="accept"))
    rejected = load(tracked, options=ReadOptions(revisions="reject"))
    assert view(accepted) == view(load(SAMPLES / "rev3.txt"))
    assert view(rejected) == view(load(SAMPLES / "rev2.txt"))
    assert len(accepted.revisions) > 10
    assert {r.author for r in accepted.revisions} == {"Delegation of Utopia"}
    kinds = {r.kind for r in accepted.revisions}
    assert {"insertion", "deletion", "paragraph insertion", "paragraph deletion"} <= kinds


def test_parse_reports_tracked_changes_and_authors(capsys):
    from typer.testing import CliRunner

    from draftdiff.cli import app

    result = CliRunner().invoke(app, ["parse", str(SAMPLES / "rev2-rev3-tracked.docx")], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert re.search(r"Tracked changes: \d+ by Delegation of Utopia \(\d+\)", result.output)


# -- pandoc's test files: its expected reading is the oracle ----------------------

PANDOC_TEXT = [
    "track_changes_insertion_accept",
    "track_changes_insertion_reject",
    "track_changes_deletion_accept",
    "track_changes_deletion_reject",
    "track_changes_move_accept",
    "track_changes_move_reject",
    "paragraph_insertion_deletion_accept",
    "paragraph_insertion_deletion_reject",
    "cross_reference",
    "pageref",
    "nested_instrText",
    "empty_field",
    "tables",
]


@pytest.mark.parametrize("native", PANDOC_TEXT)
def test_pandoc_files_read_as_pandoc_expects(native):
    folder = corpus_dir("docx_pandoc")
    stem, _, mode = native.rpartition("_")
    if mode not in ("accept", "reject"):
        stem, mode = native, "accept"
    expected = pandoc_native.blocks(folder / f"pandoc__{native}.native")
    got = texts(folder / f"pandoc__{stem}.docx", mode)
    assert got == expected


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("lists_restarting", ["2.", "3.", "4.", "1."]),
        ("lists_continuing", ["1.", "2.", "3.", "4."]),
        ("lists_restart_8367", ["1.", "2.", "3.", "1.", "2.", "3.", "4."]),
        ("lists_sublist_reset", ["1.", "1.1", "1.2", "2.", "1.1"]),  # lvlText of level 2 is "1.%2"
        ("lists", ["1.", "2.", "a.", "b."]),
        ("table_with_list_cell", ["1.", "2.", "3."]),
        ("lists_level_override", None),
    ],
)
def test_pandoc_list_numbers(name, labels):
    folder = corpus_dir("docx_pandoc")
    draft = load(folder / f"pandoc__{name}.docx")
    got = [p.label + p.close for p in draft if p.kind in (Kind.NUMBERED, Kind.SUBPARAGRAPH)]
    if labels is None:
        # Each list pandoc sees starts, in order, at one of our numbers.
        starts = iter(pandoc_native.list_starts(folder / f"pandoc__{name}.native"))
        values = [int(label.rstrip(".")) for label in got if label.rstrip(".").isdigit()]
        expected = next(starts, None)
        for value in values:
            if value == expected:
                expected = next(starts, None)
        assert expected is None and len(values) == 6
    else:
        assert got == labels


def test_pandoc_numbered_headings_from_styles():
    folder = corpus_dir("docx_pandoc")
    draft = load(folder / "pandoc__enumerated_headings.docx")
    assert [(p.id, p.kind.value, p.text) for p in draft] == [
        ("1", "heading", "H1"),
        ("1.1", "heading", "H2"),
        ("1.1.1", "heading", "H3"),
        ("1.1.1.u1", "unnumbered", "And some text"),  # short, but neither a heading style nor bold
    ]


def test_scrubbed_revision_metadata_reads_and_counts():
    draft = load(corpus_dir("docx_pandoc") / "pandoc__track_changes_scrubbed_metadata.docx")
    assert [p.text for p in draft] == ["Here is a test document."]
    assert {r.kind for r in draft.revisions} == {"insertion", "deletion"}
    assert {r.author for r in draft.revisions} == {"Author"}  # what scrubbing leaves


def test_pandoc_footnotes_and_endnotes_are_attached_not_in_text():
    folder = corpus_dir("docx_pandoc")
    draft = load(folder / "pandoc__notes.docx")
    para = draft.paragraphs[0]
    assert para.text == "Test footnote. Test endnote."
    assert [(n.kind, n.marker, n.text) for n in para.notes] == [
        ("footnote", "1", "My note."),
        ("endnote", "i", "This is an endnote at the end of the document."),
    ]
    sdt = load(folder / "pandoc__sdt_in_footnote.docx").paragraphs[0]
    expected = pandoc_native.blocks(folder / "pandoc__sdt_in_footnote.native")
    assert sdt.text == expected[0] and sdt.notes[0].text == expected[1]


def test_pandoc_comments_are_not_text_but_can_be_listed():
    folder = corpus_dir("docx_pandoc")
    draft = load(folder / "pandoc__comments.docx")
    assert [p.text for p in draft] == [
        "I want some text to have a comment on it.",
        "This is a new paragraph.",
        "And so is this.",
        "One more. And this is one with a comment in a comment.",
    ]
    assert {c["text"] for c in draft.comments} >= {"I left a comment.", "A comment across paragraphs."}
    assert all(c["paragraph"] for c in draft.comments)


# -- docxfix, python-docx and mammoth files -------------------------------------------


def test_docxfix_tracked_changes_as_their_sidecars_describe():
    folder = corpus_dir("docx_misc")
    ins = folder / "docxfix__single-insertion.docx"
    assert "dolor single insertion sit" in texts(ins)[0] and "single insertion" not in texts(ins, "reject")[0]
    dele = folder / "docxfix__single-deletion.docx"
    assert texts(dele)[0].startswith("Lorem ipsum, consectetuer")
    assert texts(dele, "reject")[0].startswith("Lorem ipsum dolor sit amet, consectetuer")
    mixed = folder / "docxfix__mixed-insert-delete.docx"
    assert texts(mixed)[0].startswith("Lorem dolor sit amet ipsum,")
    assert texts(mixed, "reject")[0].startswith("Lorem ipsum dolor sit amet,")


def test_docxfix_legal_and_styled_numbering():
    folder = corpus_dir("docx_misc")
    assert load(folder / "docxfix__legal-list.docx").ids == ["1", "1.1", "2", "2.1", "2.1.1"]
    styled = load(folder / "docxfix__styled-numbering.docx")
    assert [p.id for p in styled if p.kind is Kind.HEADING] == ["1", "1.1", "1.1(a)", "1.1(a)(i)"]
    sections = load(folder / "docxfix__sections.docx")
    assert sections.ids[:6] == ["1", "1(a)", "1(b)", "1(b)(i)", "2", "3"]


def test_docxfix_comments_are_listed_with_authors():
    folder = corpus_dir("docx_misc")
    for name in ("docxfix__comment-thread.docx", "docxfix__resolved-comment.docx"):
        draft = load(folder / name)
        assert draft.comments and all(c["author"] for c in draft.comments)
        assert all("comment" not in p.text.lower() or "Lorem" in p.text for p in draft)


def test_mammoth_notes_tables_and_lists():
    folder = corpus_dir("docx_misc")
    foot = load(folder / "python-mammoth__footnotes.docx").paragraphs[0]
    assert foot.text == "Ouch." and [n.text for n in foot.notes] == ["A tachyon walks into a bar.", "Fin."]
    end = load(folder / "python-mammoth__endnotes.docx").paragraphs[0]
    assert [n.kind for n in end.notes] == ["endnote", "endnote"]
    table = load(folder / "python-mammoth__tables.docx")
    assert [p.text for p in table] == ["Above", "Top left", "Top right", "Bottom left", "Bottom right", "Below"]
    assert load(folder / "python-docx__num-having-numbering-part.docx").ids == ["1"]


# -- a real UNFCCC decision document -----------------------------------------------

UNFCCC = "Mitigation-unfccc-EnhancedMD__cma2021.docx"


def test_unfccc_decisions_restart_numbering_and_keep_footnotes():
    draft = load(corpus_dir("docx_unfccc") / UNFCCC)
    numbered = [p for p in draft if p.kind in (Kind.NUMBERED, Kind.SUBPARAGRAPH)]
    # numbered subheadings ("1. Education" under "IV.A") are headings, not paragraphs
    subheadings = [p for p in draft if p.kind is Kind.HEADING and p.label.isdigit()]
    assert len(subheadings) == 12 and {p.text for p in subheadings} >= {"Education", "Training"}
    assert len(numbered) + len(subheadings) == 572  # what LibreOffice shows with a list number
    assert draft.get("Dec22/CMA.3.Annex.IV.A.1").text == "Education"
    assert sum(len(p.notes) for p in draft) == 84
    # paragraph numbers restart in every decision: qualified by it
    assert draft.get("Dec6/CMA.3.1").text.startswith("Reaffirms the nationally determined nature")
    assert draft.get("Dec7/CMA.3").kind is Kind.HEADING
    assert draft.get("Dec7/CMA.3.7(h)").text.startswith("Enhance understanding of how communication")
    assert draft.get("Dec23/CMA.3.AnnexII.I").text == "Scope"
    assert len(set(draft.ids)) == len(draft.ids)
    for para in draft:
        assert "HYPERLINK" not in para.text and "PAGEREF" not in para.text


# Ordinal labels first, so "9 ter." is not read as "9"; a bare number only before a tab.
LIST_LABEL = r"\d{1,3}[ .-]?(?:bis|ter|quater|pre|Bis)\.|\d{1,3}(?:\.\d{1,3})*\.|\d{1,3}(?:\.\d{1,3})+|\([a-z]{1,4}\)|[IVX]{1,5}\."


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("source", ["unfccc", "rev1", "final"])
def test_list_numbers_agree_with_libreoffice(tmp_path, source):
    path = corpus_dir("docx_unfccc") / UNFCCC if source == "unfccc" else SAMPLES / f"{source}.docx"
    copy = tmp_path / "in.docx"
    copy.write_bytes(path.read_bytes())
    soffice_convert(copy, tmp_path, "txt:Text (encoded):UTF8")
    lines = (tmp_path / "in.txt").read_text(encoding="utf-8-sig").splitlines()
    shown = [m.group(1) for line in lines if (m := re.match(rf"^\s*({LIST_LABEL}|\d{{1,3}}(?=\t))[\t ]", line))]
    ours = [p.label + p.close for p in load(path) if re.fullmatch(rf"{LIST_LABEL}|\d{{1,3}}", p.label + p.close)]
    assert len(ours) > 50
    assert ours == shown


# -- hostile and broken files ------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx_with_document(document: bytes) -> bytes:
    with zipfile.ZipFile(SAMPLES / "zero.docx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = document
    return _zip(members)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip({"word/document.xml": b"<w:document/>", "word/media/pad.bin": b"\0" * (60 * 2**20)}))
    with pytest.raises(InputError, match="compression ratio"):
        load(path)


def test_entities_are_never_expanded(tmp_path):
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        b"<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    path = tmp_path / "laughs.docx"
    path.write_bytes(_docx_with_document(laughs))
    with pytest.raises(InputError, match="DTD"):
        load(path)
    external = laughs.replace(b'<!ENTITY a "aaaaaaaaaa">', b'<!ENTITY a SYSTEM "file:///etc/passwd">')
    path.write_bytes(_docx_with_document(external))
    with pytest.raises(InputError, match="DTD"):
        load(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "legacy Word .doc file or a password-protected"),
        (b"%PDF-1.4\n%%EOF\n", "is a PDF file, not a Word document"),
        (b"PK\x03\x04garbage that is not a zip", "damaged"),
        (b"just some text", "is not a Word .docx file"),
    ],
)
def test_broken_or_foreign_files_are_refused(tmp_path, data, message):
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=re.escape(message)):
        load(path)


def test_other_office_files_are_named(tmp_path):
    path = tmp_path / "table.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))
    with pytest.raises(InputError, match="Excel workbook"):
        load(path)


def test_malformed_xml_is_one_clear_error(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(_docx_with_document(b"<w:document><w:body><w:p>"))
    with pytest.raises(InputError, match="not well-formed XML"):
        load(path)


def test_a_tracked_changes_file_splits_into_original_and_accepted_versions():
    from draftdiff.readers import load_tracked_versions

    original, accepted = load_tracked_versions(SAMPLES / "rev2-rev3-tracked.docx")
    assert original.label.endswith("(original)") and accepted.label.endswith("(changes accepted)")
    assert view(original) == view(load(SAMPLES / "rev2.txt"))
    assert view(accepted) == view(load(SAMPLES / "rev3.txt"))
    with pytest.raises(InputError, match="no tracked changes"):
        load_tracked_versions(SAMPLES / "rev2.docx")
