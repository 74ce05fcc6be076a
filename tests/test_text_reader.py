"""The text reader on the sample drafts and on awkward encodings."""

from __future__ import annotations

import codecs

import pytest

from conftest import DRAFT_NAMES, SAMPLES
from draftdiff import Kind, load
from draftdiff.readers.text import read_blocks

SECTIONS = [
    "I. Introduction",
    "II. Progress in implementation",
    "III. Challenges and gaps",
    "IV. Commitments and recommendations",
    "V. Follow-up and review",
]


@pytest.mark.parametrize("name", DRAFT_NAMES)
def test_every_sample_parses_into_sections_and_numbered_paragraphs(name):
    draft = load(SAMPLES / f"{name}.txt")
    assert draft.title == "Progress Declaration of the Second Mobility Review Forum"
    numbered = [p for p in draft if p.kind is Kind.NUMBERED]
    assert len(numbered) >= 50
    assert [p.text for p in draft if p.kind is Kind.HEADING] == [s.split(". ", 1)[1] for s in SECTIONS]
    assert {p.section for p in draft} == set(SECTIONS)
    assert len(set(draft.ids)) == len(draft.ids)
    for para in draft:
        assert "\n" not in para.text and "  " not in para.text
        assert para.text and not para.text[0].isspace()
        assert "[^" not in para.text


def test_rev2_ids_cover_every_spelling_of_inserted_paragraphs():
    draft = load(SAMPLES / "rev2.txt")
    labels = {p.id: p.label for p in draft}
    assert labels["9pre"] == "9 pre"
    assert labels["9bis"] == "9bis"
    assert labels["9ter"] == "9 ter"
    assert labels["12bis"] == "12 bis"
    assert labels["29bis"] == "29 bis"
    assert labels["39bis"] == "39 Bis"
    assert labels["42bis"] == "42-bis"
    assert labels["42ter"] == "42.ter"
    assert "17" not in labels  # deleted in Rev 1
    ids = draft.ids
    assert ids.index("9pre") < ids.index("9") < ids.index("9bis") < ids.index("9ter") < ids.index("II")


def test_subparagraphs_nest_under_their_parent():
    draft = load(SAMPLES / "rev1.txt")
    subs = [p for p in draft if p.kind is Kind.SUBPARAGRAPH]
    assert [p.id for p in subs] == ["40(a)", "40(b)", "40(c)", "40(d)"]
    assert draft.get("40").text == "To protect migrants in vulnerable situations, we will:"
    assert draft.get("40(c)").text.startswith("Provide gender-responsive and trauma-informed services")


def test_unnumbered_chapeau_is_kept_with_a_positional_id():
    draft = load(SAMPLES / "zero.txt")
    para = draft.get("IV.u1")
    assert para.kind is Kind.UNNUMBERED
    assert para.text.startswith("Building on the progress made")
    assert para.section == "IV. Commitments and recommendations"


def test_hard_wrapped_lines_are_rejoined_and_footnotes_attached():
    draft = load(SAMPLES / "zero.txt")
    first = draft.get("1")
    assert first.text == (
        "We, Ministers and representatives of Member States, gathered in Geneva from 4 to 7 June 2030 for the "
        "second Mobility Review Forum, reaffirm our commitment to the Global Framework for Safe, Orderly and "
        "Rights-based Mobility and to its vision, guiding principles and objectives."
    )
    assert [(n.marker, n.text) for n in first.notes] == [("1", "General Assembly resolution 84/210, annex.")]
    assert first.location.line == 5
    assert draft.get("5").notes[0].text == "General Assembly resolution 70/1."
    assert draft.get("5").text.endswith("Agenda for Sustainable Development.")


def test_rev3_and_final_differ_only_in_their_numbers_and_two_edits():
    rev3, final = load(SAMPLES / "rev3.txt"), load(SAMPLES / "final.txt")
    assert len(rev3) == len(final)
    changed = [(a.id, b.id) for a, b in zip(rev3, final, strict=True) if a.text != b.text]
    assert changed == [("49", "55"), ("53", "58")]


@pytest.mark.parametrize("variant", ["bom", "crlf", "bom+crlf", "utf16"])
def test_encodings_and_line_endings_give_the_same_draft(tmp_path, variant):
    original = (SAMPLES / "rev2.txt").read_text(encoding="utf-8")
    text = original.replace("\n", "\r\n") if "crlf" in variant else original
    if variant == "utf16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    else:
        data = (codecs.BOM_UTF8 if "bom" in variant else b"") + text.encode("utf-8")
    path = tmp_path / "rev2.txt"
    path.write_bytes(data)
    expected = load(SAMPLES / "rev2.txt")
    got = load(path)
    assert [(p.id, p.text) for p in got] == [(p.id, p.text) for p in expected]
    assert got.title == expected.title


def test_markdown_copy_of_a_sample_parses_the_same(tmp_path):
    text = (SAMPLES / "rev1.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    md = ["# " + lines[0]] + [
        ("## " + line if line[:3] in ("I. ", "II.", "III", "IV.", "V. ") else line) for line in lines[1:]
    ]
    path = tmp_path / "rev1.md"
    path.write_text("\n".join(md) + "\n", encoding="utf-8")
    got, expected = load(path), load(SAMPLES / "rev1.txt")
    assert got.format == "markdown"
    assert [(p.id, p.kind, p.text) for p in got] == [(p.id, p.kind, p.text) for p in expected]


def test_lists_typed_without_blank_lines_still_split(tmp_path):
    path = tmp_path / "tight.txt"
    path.write_text("Title\n\n1. We will:\n(a) do one;\n(b) do two.\n2. We also\nwrap lines.\n", encoding="utf-8")
    assert [(p.id, p.text) for p in load(path)] == [
        ("1", "We will:"),
        ("1(a)", "do one;"),
        ("1(b)", "do two."),
        ("2", "We also wrap lines."),
    ]


def test_text_that_is_not_utf8_is_read_as_windows_1252_with_a_warning(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("1. Caf\xe9 society \u2013 \u201cquoted\u201d.\n".encode("cp1252"))
    draft = load(path)
    assert draft.get("1").text == "Caf\xe9 society \u2013 \u201cquoted\u201d."
    assert [w.reason for w in draft.warnings] == [
        "not UTF-8 (invalid byte at offset 6); read as Windows-1252, save it as UTF-8"
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_text_is_decoded_by_its_byte_order_mark(tmp_path, encoding):
    path = tmp_path / "draft.txt"
    text = "A title\n\n1. We recall the Charter.\n"
    data = text.encode(encoding)
    if encoding.endswith("-be"):
        data = ("\ufeff" + text).encode(encoding)
    path.write_bytes(data)
    assert load(path).get("1").text == "We recall the Charter."


def test_unknown_suffix_is_detected_by_content(tmp_path):
    path = tmp_path / "draft.rev"
    path.write_text("A title\n\n1. Text of a paragraph.\n", encoding="utf-8")
    draft = load(path)
    assert draft.format == "text" and draft.ids == ["1"]


def test_label_from_file_name_or_option(tmp_path):
    assert load(SAMPLES / "rev2.txt").label == "Rev 2"
    assert load(SAMPLES / "zero.txt").label == "Zero draft"
    assert load(SAMPLES / "final.txt").label == "Final"
    assert load(SAMPLES / "rev2.txt", label="Co-facilitators' Rev 2").label == "Co-facilitators' Rev 2"
    path = tmp_path / "PD Rev3 clean.txt"
    path.write_text("1. Text.\n", encoding="utf-8")
    assert load(path).label == "Rev 3"


def test_markdown_hard_line_breaks_are_spaces_not_backslashes(tmp_path):
    source = tmp_path / "draft.md"
    source.write_text(
        "# Draft\n\n1. Parties shall scale up support to enhance the capacity of\\\n"
        "developing country Parties, ending with a literal \\\\\n"
        "backslash pair and a final one \\\n",
        encoding="utf-8",
    )
    (para,) = load(source).paragraphs
    assert para.text == (
        "Parties shall scale up support to enhance the capacity of developing country Parties, "
        "ending with a literal \\ backslash pair and a final one \\"
    )


def test_a_table_of_contents_is_declared_furniture_and_its_headings_stay_in_the_body():
    text = (
        "Article-by-article compilation\n\n"
        "PREAMBLE .............................................. 1 Australia ............ 2\n"
        "PART I GENERAL PROVISIONS ............................. 8 ARTICLE 1 ........... 8\n"
        "GENERAL COMMENTS BY DELEGATIONS ON THE REVISED\n"
        "DRAFT TEXT ............................................ 383\n\n"
        "PREAMBLE\n\n"
        "1. The Parties to this Agreement recall the Convention.\n\n"
        "PART I GENERAL PROVISIONS\n\n"
        "2. Form worksheet: enter the amount from line 27 ............... 2.\n"
    )
    furniture: list = []
    blocks = read_blocks(text, furniture=furniture)
    listed = [f.text for f in furniture if f.kind == "contents"]
    assert len(listed) == 4 and listed[2].startswith("GENERAL COMMENTS")  # the wrapped title too
    body = " ".join(b.text for b in blocks)
    assert "PREAMBLE" in body and "PART I GENERAL PROVISIONS" in body and "383" not in body
    assert "line 27 ............... 2." in body  # a form's dot leader ends in a line number, not a page
