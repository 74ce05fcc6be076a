"""Ids, kinds and sections assigned by draftdiff.document.structure, on small texts."""

from __future__ import annotations

from draftdiff.document.model import Kind
from draftdiff.document.structure import build
from draftdiff.readers.text import read_blocks


def parse(text: str, markdown: bool = False):
    return build(read_blocks(text, markdown=markdown))


def ids(text: str) -> list[str]:
    return [p.id for p in parse(text)[1]]


def test_numbered_subparagraphs_and_nested_romans():
    text = """Title of the text

12. We will:

(a) first;

(i) nested one;

(ii) nested two;

(b) second;

(h) eighth;

(i) ninth letter, not a roman one;

(j) tenth.
"""
    assert ids(text) == ["12", "12(a)", "12(a)(i)", "12(a)(ii)", "12(b)", "12(h)", "12(i)", "12(j)"]


def test_unnumbered_paragraphs_get_positional_ids():
    text = """The General Assembly,

Recalling its resolution 1,

1. Decides something.

Further text without a number.

2. Decides more.
"""
    title, paras = parse(text)
    assert title == ""  # the first line ends with a comma: no title
    # "Recalling …" after the chapeau is a preambular paragraph: PP1
    assert [p.id for p in paras] == ["u1", "PP1", "1", "1.u1", "2"]
    assert [p.kind for p in paras] == [Kind.UNNUMBERED, Kind.UNNUMBERED, Kind.NUMBERED, Kind.UNNUMBERED, Kind.NUMBERED]


def test_positional_ids_are_stable_when_a_paragraph_is_inserted_elsewhere():
    before = "1. One.\n\nChapeau text:\n\n(a) item;\n\n2. Two.\n\nClosing words here.\n"
    after = "1. One.\n\n1 bis. New.\n\nChapeau text:\n\n(a) item;\n\n2. Two.\n\nClosing words here.\n"
    assert ids(before) == ["1", "1.u1", "1.u1(a)", "2", "2.u1"]
    assert ids(after) == ["1", "1bis", "1bis.u1", "1bis.u1(a)", "2", "2.u1"]


def test_restarted_numbering_is_qualified_by_its_annex():
    text = """1. Decides one.

2. Decides two.

Annex I

Guidelines

1. First guideline.

2. Second guideline.

(a) detail.

Annex II

1. Other annex.
"""
    assert ids(text) == [
        "1",
        "2",
        "AnnexI",
        "AnnexI.1",
        "AnnexI.2",
        "AnnexI.2(a)",
        "AnnexII",
        "AnnexII.1",
    ]


def test_a_title_line_after_a_container_heading_is_its_title():
    paras = parse("Annex I\n\nGuidelines\n\n1. First.\n\nDecision 6/CMA.3\n\nCommon time frames\n\n1. Decides.\n")[1]
    assert [(p.id, p.text) for p in paras if p.kind is Kind.HEADING] == [
        ("AnnexI", "Guidelines"),
        ("Dec6/CMA.3", "Decision 6/CMA.3 Common time frames"),
    ]


def test_restart_without_scope_heading_uses_run_number():
    assert ids("1. One.\n\n2. Two.\n\n1. One again.\n\n2. Two again.\n") == ["1", "2", "#2/1", "#2/2"]


def test_plain_duplicate_is_marked_not_restarted():
    assert ids("1. One.\n\n5. Five.\n\n5. Five again.\n\n6. Six.\n") == ["1", "5", "5#2", "6"]


def test_many_duplicates_are_numbered_in_order():
    # a DOCX list held at its last number repeats it thousands of times: each
    # copy takes the next free mark, found without counting from 2 each time
    got = ids("6. Six.\n\n" + "".join("7. Again.\n\n" for _ in range(3000)) + "8. Eight.\n")
    assert got[:4] == ["6", "7", "7#2", "7#3"] and got[-2:] == ["7#3000", "8"]
    assert len(set(got)) == len(got)


def test_headings_roman_letter_and_words():
    text = """Draft outcome document

I. Introduction

1. Text.

II. Progress

A. Regular pathways

2. Text.

B. Decent work

Chapter III

Article 4

3. Text.
"""
    title, paras = parse(text)
    assert title == "Draft outcome document"
    assert [(p.id, p.kind.value) for p in paras if p.kind is Kind.HEADING] == [
        ("I", "heading"),
        ("II", "heading"),
        ("II.A", "heading"),
        ("II.B", "heading"),
        ("ChIII", "heading"),
        ("Art4", "heading"),
    ]
    by_id = {p.id: p for p in paras}
    assert by_id["2"].section == "A. Regular pathways"
    assert by_id["3"].section == "Article 4"


def test_letter_heading_i_after_h_is_a_letter():
    text = "\n\n".join(f"{c}. Heading {c}" for c in "ABCDEFGHI") + "\n"
    assert ids("Title line\n\n" + text)[-1] == "I"  # "I." after "H." is a letter heading
    assert ids("Title line\n\nI. One\n\nII. Two\n")[-1] == "II"


def test_resolution_preambular_and_operative_paragraphs():
    text = "The General Assembly,\n\nPP1 Recalling its resolutions,\n\nPP 2 Noting with concern,\n\nOP1. Decides;\n\nOP 2. Requests;\n"
    assert ids(text) == ["u1", "PP1", "PP2", "OP1", "OP2"]


def test_markdown_headings_emphasis_and_bullets():
    text = "# The title\n\n## I. Scope\n\n1. **We** *recall* the \\*text\\*.\n\n- a bullet point\n"
    title, paras = parse(text, markdown=True)
    assert title == "The title"
    assert [(p.id, p.kind.value, p.text) for p in paras] == [
        ("I", "heading", "Scope"),
        ("1", "numbered", "We recall the *text*."),
        ("1.u1", "unnumbered", "a bullet point"),
    ]


def test_markdown_emphasis_inside_a_word_is_dropped_as_commonmark_reads_it():
    """ "r*eaffirming*" is "reaffirming" (an asterisk may emphasise part of a word);
    an asterisk with spaces round it, and underscores in a name, are text."""
    text = "*[Recognizing* the link and r*eaffirming* that 5 * 3 * 2 is snake_case_name\n"
    _, paras = parse(text, markdown=True)
    assert paras[0].text == "[Recognizing the link and reaffirming that 5 * 3 * 2 is snake_case_name"


def test_an_article_option_block_ends_at_a_paragraph_that_offers_options_of_its_own():
    """Article 6 offered as Option 1 (paragraphs 1-2) and Option 2 (1-2); then "3. Option 1: …":
    paragraph 3 of the article, which offers its own options, not paragraph 3 of Option 2."""
    from conftest import draft_from_text

    draft = draft_from_text(
        "Article 5\n\n1. Parties shall act.\n\nArticle 6\n\nOption 1:\n\n1. Parties shall mobilize finance.\n\n2. Parties shall report on it.\n\n"
        "Option 2:\n\n1. Developed country Parties shall provide finance.\n\n2. Parties should report on it.\n\n"
        "3. Option 1: The mobilization of finance shall be scaled up from 2020.\n\n"
        "Option 2: The provision of resources shall represent a progression.\n\n"
        "4. The Standing Committee on Finance shall serve this Agreement.\n",
        "draft",
    )
    ids = [p.id for p in draft.paragraphs]
    assert "Art6.Opt2.2" in ids and "Art6.3" in ids and "Art6.3.Opt2" in ids and "Art6.4" in ids, ids
