"""Ids people cite on negotiating texts printed as the Geneva negotiating text
(February 2015) is: notes with no rule under the text, bracketed preambular
paragraphs with options, inserted options and paragraphs. Built from our own words."""

from __future__ import annotations

from draftdiff.document.structure import build
from draftdiff.readers.pdf import Layout
from draftdiff.readers.pdf_engines import Extracted, PageText
from draftdiff.readers.text import read_blocks
from test_pdf_reader import _blocks, _line  # the synthetic PDF lines of the reader's own tests


def ids_of(text: str) -> list[str]:
    return [p.id for p in build(read_blocks(text))[1]]


def test_a_note_with_no_separator_in_type_barely_smaller_is_a_note():
    # 9-point notes under 10-point text, no rule: the superscript marker standing alone
    # at the left of the lowest lines opens the notes
    body = [
        _line("Negotiating text on the draft agreement of the Parties", 150, 80, x1=450, size=10),
        _line("A. [Preamble]", 56, 200, x1=130, size=10),
        _line("1", 131, 196, x1=134, size=6.5),
        _line("[The Parties to this agreement,]", 74, 218, x1=250, size=10),
        _line(
            "[Recalling the Charter of the United Nations and the principles of international law",
            74,
            236,
            x1=520,
            size=10,
        ),
        _line(
            "as set out in the Charter and in the Declaration of the Conference of the Parties,]",
            74,
            248,
            x1=520,
            size=10,
        ),
    ]
    notes = [
        _line("1", 57, 650, x1=59, size=5.5),
        _line(
            "[Headings are provisional and only intended to orientate the reader.] [This text", 65, 653, x1=520, size=9
        ),
        _line("reflects work in progress.]", 64, 664, x1=200, size=9),
    ]
    extracted = Extracted([PageText(1, 595, 842, body + notes)], [])
    blocks = Layout(extracted).blocks()
    texts = [b.text for b in blocks]
    assert not any("Headings" in t for t in texts)  # not a paragraph shifting the numbering after it
    assert texts[-1].startswith("[Recalling the Charter")
    notes = [(n.marker, n.text[:20]) for b in blocks for n in b.notes]
    assert notes == [("1", "[Headings are provis")]


def test_a_bracketed_paragraph_ends_with_its_bracket():
    lines = [
        _line("[Parties should ensure in all actions full respect for the rights of all]", 74, 100, x1=400),
        _line("[Recognizing that all actions shall contribute to the development agenda of the", 74, 113, x1=520),
        _line("United Nations,]", 74, 126, x1=150),
    ]
    assert _blocks(lines) == [
        "[Parties should ensure in all actions full respect for the rights of all]",
        "[Recognizing that all actions shall contribute to the development agenda of the United Nations,]",
    ]


def test_a_preambular_paragraph_ending_in_a_comma_and_bracket_ends_at_the_page_end():
    page1 = [
        _line("Option (b): Reaffirming the provisions of the Convention and determined to", 74, 100, x1=520),
        _line("strengthen the regime under the Convention from 2020, ]", 74, 113, x1=400),
    ]
    page2 = [
        _line("[Also recalling the commitments undertaken by Parties,]", 74, 100, page=2, x1=350),
        _line(
            "[Acknowledging the role of the Kyoto Protocol and of the decisions adopted under the",
            74,
            113,
            page=2,
            x1=520,
        ),
        _line("Convention,]", 74, 126, page=2, x1=140),
    ]
    assert _blocks(page1, page2) == [
        "Option (b): Reaffirming the provisions of the Convention and determined to strengthen the regime under "
        "the Convention from 2020, ]",
        "[Also recalling the commitments undertaken by Parties,]",
        "[Acknowledging the role of the Kyoto Protocol and of the decisions adopted under the Convention,]",
    ]


def test_a_preambular_option_a_after_option_b_opens_the_next_paragraph():
    text = (
        "Preamble\n\n[The Parties to this agreement,]\n\n[Recalling the Charter,]\n\n"
        "[Option (a): Being guided by the principles of the Convention,\n\n"
        "Option (b): In accordance with the principles of the Convention,]\n\n"
        "[Option (a): Recalling the provisions of the Convention,\n\n"
        "Option (b): Reaffirming the provisions of the Convention,]\n\n"
        "[Acknowledging the role of science,]\n\n"
        "[[Have agreed as follows] [Have agreed to this protocol]:]\n"
    )
    assert ids_of(text)[1:] == ["PP1", "PP2", "PP2.Optb", "PP3", "PP3.Optb", "PP4", "PP4.u1"]


def test_front_matter_among_the_masthead_is_masthead_and_the_title_stays_the_title():
    from draftdiff.document.blocks import Block
    from draftdiff.document.front import strip_masthead

    blocks = [
        Block("WORKING GROUP ON THE FUTURE AGREEMENT"),
        Block("Third session, part two Bonn, Germany"),
        Block("WORK OF THE DRAFTING GROUP", title=True),
        Block("Draft text"),
        Block("Advance unedited version"),
        Block("3 March 2016"),
        Block("A. Preamble"),
        Block("1. The Parties shall act."),
    ]
    kept, masthead = strip_masthead(blocks)
    assert [b.text for b in kept] == ["WORK OF THE DRAFTING GROUP", "A. Preamble", "1. The Parties shall act."]
    assert [f.text for f in masthead] == [
        "WORKING GROUP ON THE FUTURE AGREEMENT",
        "Third session, part two Bonn, Germany",
        "Draft text",
        "Advance unedited version",
        "3 March 2016",
    ]
    # a heading the text numbers before the masthead's end: no front matter taken but the masthead
    numbered = [Block("A. Preamble"), Block("Title", title=True), Block("Advance unedited version")]
    assert [b.text for b in strip_masthead(numbered)[0]] == ["A. Preamble", "Title"]


def test_variants_of_an_option_in_a_row_share_the_list_after_them():
    text = (
        "26. [Option 1: Each Party to prepare adaptation actions:\n\n"
        "Option 1 bis.: All Parties to plan and integrate adaptation:\n\n"
        "Option 1 ter.: Developed country Parties shall provide resources:\n\n"
        "26.1 Actions to be country-driven;\n\n26.2 Actions to be based on science;\n\n"
        "Option 2: Parties undertake planning processes:\n\n26.1 All Parties to base their efforts on science;\n\n"
        "Option 2 bis.: Each Party to:\n\n26.1 Take steps to engage in planning.]\n"
    )
    assert ids_of(text) == [
        "26",
        "26.Opt1bis",
        "26.Opt1ter",
        "26.Opt1.26.1",
        "26.Opt1.26.2",
        "26.Opt2",
        "26.Opt2.26.1",
        "26.Opt2bis",
        "26.Opt2bis.26.1",
    ]


def test_roman_options_of_a_subparagraph():
    text = (
        "5. Adaptation actions shall:\n\n(a) Be in accordance with the Convention;\n\n"
        "(b) Option (i): Include economic diversification;\n\n"
        "Option (ii): Contribute to sustainable development;\n\n(c) Encourage Parties;\n"
    )
    assert ids_of(text) == ["5", "5(a)", "5(b)", "5(b).Optii", "5(c)"]


def test_bullets_open_items_and_a_stray_bullet_goes_on_with_its_sentence():
    lines = [
        _line("[For the purposes of this agreement the following terms are defined:]", 74, 100, x1=420),
        _line("\uf0b7 [The “governing body” means the governing body of this agreement;]", 90, 113, x1=450),
        _line("\uf0b7 [Party;]", 90, 126, x1=150),
        _line(
            "\uf0b7 Decides to conduct a technical examination of opportunities to enhance action and", 57, 145, x1=520
        ),
        _line(
            "\uf0b7 support, including those with mitigation co-benefits, address gaps in implementation",
            57,
            158,
            x1=520,
        ),
        _line("and finance, and accelerate action on the ground.", 71, 171, x1=330),
    ]
    assert _blocks(lines) == [
        "[For the purposes of this agreement the following terms are defined:]",
        "\uf0b7 [The “governing body” means the governing body of this agreement;]",
        "\uf0b7 [Party;]",
        "\uf0b7 Decides to conduct a technical examination of opportunities to enhance action and \uf0b7 support, "
        "including those with mitigation co-benefits, address gaps in implementation and finance, and accelerate "
        "action on the ground.",
    ]


def test_a_list_under_an_inserted_paragraph_is_numbered_from_it():
    from draftdiff.document.numbering import match_para

    text = (
        "18. Parties shall report.\n\n18 ter. [National schedules are:\n\n"
        "18ter.1 To be communicated by each Party;\n\n18 ter.2 To have effect from 1 January 2020;]\n\n"
        "24 quater.2. [The secretariat shall also organize workshops.]\n\n19. Parties shall review.\n"
    )
    assert ids_of(text) == ["18", "18ter", "18ter.1", "18ter.2", "24quater.2", "19"]
    found = match_para("16 quarter.2 Is consistent with the principles")
    assert found is not None and (found.number.id, found.label) == ("16quater.2", "16 quarter.2")
    assert match_para("3 bis.1 of the Convention") is None  # a reference in prose, not a label
    labels = ["19.", "18.2", "18ter.1", "18."]
    keys = {label: match_para(f"{label} Text").number.sort_key for label in labels}  # type: ignore[union-attr]
    assert sorted(labels, key=keys.__getitem__) == ["18.", "18.2", "18ter.1", "19."]


def test_a_bare_option_under_a_subheading_offers_the_section_and_ends_with_its_bracket():
    text = (
        "I. [[Capacity-building]\n\n[General]\n\n[Option 1:\n\n58. [The objective of capacity-building is to act.]\n\n"
        "59. [Capacity-building to be guided by the principles.]\n\n"
        "Option 2: No general provisions on capacity-building.]\n\n"
        "61. [Option 1: The Parties shall support capacity-building.\n\nOption 2: No commitments.]\n"
    )
    assert ids_of(text) == ["I", "I.u1", "I.Opt1", "I.Opt1.58", "I.Opt1.59", "I.Opt2", "61", "61.Opt2"]


def test_a_letter_alone_on_its_line_takes_its_first_option_and_goes_on_from_b():
    lines = [
        _line("Option 1: Specific provisions on strengthening:", 74, 100, x1=300),
        _line("a. The Technology Mechanism shall support the delivery of the commitments;", 80, 113, x1=450),
        _line("b. The Technology Mechanism shall enhance cooperation with other arrangements.", 80, 126, x1=470),
        _line("c.", 80, 139, x1=90),
        _line("Option (a): The governing body shall conduct a periodic assessment.", 95, 152, x1=420),
        _line("Option (b): An ad hoc review mechanism shall be established.", 95, 165, x1=400),
    ]
    texts = _blocks(lines)
    assert texts[3:] == [
        "c. Option (a): The governing body shall conduct a periodic assessment.",
        "Option (b): An ad hoc review mechanism shall be established.",
    ]
    text = "57. Technology:\n\n" + "\n\n".join(texts) + "\n"
    assert ids_of(text) == ["57", "57.Opt1", "57.Opt1(a)", "57.Opt1(b)", "57.Opt1(c)", "57.Opt1(c).Optb"]


def test_an_annex_heading_among_alternatives_and_an_annex_label_alone_on_its_line():
    lines = [
        _line("Annex / Annex A / Annex B / Attachments (for paragraph 77, options 1, 2 and 3)", 57, 100, x1=420),
        _line("[Annex X", 57, 113, x1=100),
        _line(
            "List of Parties, to be agreed in Paris based on criteria related to emissions; to be updated",
            57,
            126,
            x1=520,
        ),
        _line("regularly on the basis of such evolving information]", 57, 139, x1=300),
    ]
    texts = _blocks(lines)
    assert texts == [
        "Annex / Annex A / Annex B / Attachments (for paragraph 77, options 1, 2 and 3)",
        "[Annex X",
        "List of Parties, to be agreed in Paris based on criteria related to emissions; to be updated regularly on "
        "the basis of such evolving information]",
    ]
    paragraphs = build(read_blocks("103. Authentic text.\n\n" + "\n\n".join(texts) + "\n"))[1]
    assert [(p.id, p.kind.value) for p in paragraphs] == [
        ("103", "numbered"),
        ("Annex", "heading"),
        ("AnnexX", "heading"),
        ("AnnexX.u1", "unnumbered"),
    ]


def test_a_bracketed_number_alone_takes_its_first_option_and_option1_bis_is_an_option():
    text = (
        "[88.\n\nOption 1: (chapeau): In order to assist Parties in implementing their commitments:\n\n"
        "Option 2: (chapeau): In order to facilitate compliance:]\n\n"
        "86. The COP shall act:\n\nOption 1: Review the commitments;\n\n"
        "Option1 bis: Recommend further arrangements;\n\nOption 2: No review.\n"
    )
    assert ids_of(text) == ["88", "88.Opt2", "86", "86.Opt1", "86.Opt1bis", "86.Opt2"]


def test_a_bare_option_then_its_chapeau_then_numbered_paragraphs():
    text = (
        "3. [Option 1: All Parties shall take action, which entails:\n\n3.1 Ensuring reductions;\n\n"
        "Option 2:\n\nAll Parties to enhance action to further implement the Convention, which entails:\n\n"
        "3.1 Parties to urgently work towards reductions;\n\n3.1 bis Ensuring resilience;]\n\n4. Next.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    assert [p.id for p in paragraphs] == ["3", "3.Opt1.3.1", "3.Opt2", "3.Opt2.3.1", "3.Opt2.3.1bis", "4"]
    assert paragraphs[2].text.startswith("Option 2: All Parties to enhance action")
    # lettered items under the chapeau keep it a paragraph of its own
    lettered = "7. Option 1: Each Party shall act.\n\nOption 2:\n\nEach Party's contribution shall:\n\n(a) Be clear;\n"
    assert ids_of(lettered) == ["7", "7.Opt2", "7.Opt2.1", "7.Opt2(a)"]


def test_a_numbered_title_with_a_colon_takes_the_sentence_after_it():
    text = (
        "57.2 Guidance to and strengthening of the Technology Mechanism:\n\n"
        "The governing body may provide further guidance to the Technology Mechanism.\n\n"
        "Option 1: Specific provisions on strengthening:\n\n(a) The TEC shall support delivery;\n\n"
        "Option 2: No specific provisions.\n\n"
        "58. Parties shall report as follows:\n\nThe reports are due every two years.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    assert [p.id for p in paragraphs] == ["57.2", "57.2.Opt1", "57.2.Opt1(a)", "57.2.Opt2", "58", "58.u1"]
    assert paragraphs[0].text.endswith("further guidance to the Technology Mechanism.")


def test_the_items_of_a_chapeau_inside_an_option_are_the_options():
    text = (
        "18. [Option 1: Parties shall communicate their commitments.\n\n"
        "Option 5: Parties shall communicate them in accordance with guidelines.\n\n"
        "Parties' commitments shall be reflected in two attachments to the agreement:\n\n"
        "(a) One is a common tabular format;\n\n(b) The other is a compilation.]\n"
    )
    assert ids_of(text) == ["18", "18.Opt5", "18.Opt5.u1", "18.Opt5(a)", "18.Opt5(b)"]


def test_a_legal_number_printed_with_a_space_after_its_point_inside_its_paragraph():
    """ "23. 1 [Parties …" under paragraph 23, between "23.2" printed without the space: 23.1;
    a "24. 2 Parties …" that opens a new paragraph is paragraph 24, its text beginning "2 Parties"."""
    text = (
        "23. Parties may cooperate:\n\n"
        "23. 1 [Parties shall ensure that cooperative arrangements deliver real outcomes;\n\n"
        "23.2 The governing body shall develop standards;\n\n"
        "23. 3 The governing body shall create synergies.]\n\n"
        "24. 2 Parties shall report every year.\n"
    )
    assert ids_of(text) == ["23", "23.1", "23.2", "23.3", "24"]


def test_an_operative_verb_after_a_list_opens_the_owners_next_paragraph_and_a_note_stays_on_the_item():
    """ "Requests the SBSTA …" after the items of paragraph 34 is paragraph 34's next
    unnumbered paragraph with items of its own, not a note on item (b); a note after
    an item ("Further discussion is needed …") still counts from the item."""
    text = (
        "34. [Option 1:\n\nRecommends that the CMA consider establishing a mechanism that would aim to:\n\n"
        "(a) Enhance mitigation ambition;\n\n(b) Incentivize participation in mitigation action;\n\n"
        "Requests the SBSTA to elaborate modalities for the mechanism that, inter alia:\n\n"
        "(a) Provide for the issuance of mitigation outcomes;\n\n(b) Deliver a net decrease of emissions;]\n\n"
        "[Option 2: No text on this mechanism;]\n\n"
        "35. Decides that adaptation plans should:\n\n(a) Not be prescriptive;\n\n"
        "Further discussion is needed on the relationship between these plans.\n"
    )
    ids = ids_of(text)
    assert ids[ids.index("34") :] == [
        "34",
        "34.Opt1(a)",
        "34.Opt1(b)",
        "34.u1",
        "34.u1(a)",
        "34.u1(b)",
        "34.Opt2",
        "35",
        "35(a)",
        "35(a).u1",
    ]


def test_an_alternative_alone_after_item_a_holds_the_rest_of_the_list():
    """ "[(a) …;]", "[Alt. 1", "(b)" … "(d)", "[Alt. 2", "(b)", "(c)": each alternative holds
    the rest of the article's list, cited as the list is ("article 19 (a)", "article 19, Alt. 1 (b)")."""
    text = (
        "Article 19 Decision-making\n\nThe Conference of the Parties shall take decisions with respect to:\n\n"
        "[(a) Objectives and criteria;]\n\n[Alt. 1\n\n(b) Proposals submitted under this Part, on:\n\n"
        "(i) The identification of areas;\n\n(ii) The establishment of tools;\n\n(c) Where there are bodies;\n\n"
        "(d) Whether to establish tools.]\n\n[Alt. 2\n\n(b) Matters related to tools;\n\n(c) Recommendations.]\n\n"
        "Article 20 Review\n\n1. Text.\n"
    )
    assert ids_of(text) == [
        "Art19",
        "Art19.1",
        "Art19(a)",
        "Art19.Alt1",
        "Art19.Alt1(b)",
        "Art19.Alt1(b)(i)",
        "Art19.Alt1(b)(ii)",
        "Art19.Alt1(c)",
        "Art19.Alt1(d)",
        "Art19.Alt2",
        "Art19.Alt2(b)",
        "Art19.Alt2(c)",
        "Art20",
        "Art20.1",
    ]
    # under a numbered paragraph the alternatives are that paragraph's
    numbered = "Article 19\n\n1. The Conference shall decide on:\n\n(a) Objectives;\n\n[Alt. 1\n\n(b) Proposals.]\n"
    assert ids_of(numbered) == ["Art19", "Art19.1", "Art19.1(a)", "Art19.1.Alt1", "Art19.1.Alt1(b)"]


def test_a_proposal_numbered_with_the_place_it_goes():
    """ "1. Alt.2(1)(c) When …": a delegation's new item (c) of alternative 2 of paragraph 1."""
    text = (
        "Article 24 Thresholds\n\nProposed text\n\n"
        "1. Alt.2(1)(c) When the effects are unknown, an assessment is required.\n\n2. Next paragraph.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    assert [p.id for p in paragraphs] == ["Art24", "Art24.u1", "Art24.1.Alt2(c)", "Art24.2"]
    assert paragraphs[2].text == "When the effects are unknown, an assessment is required."
    assert paragraphs[2].label == "1. Alt.2(1)(c)"


def test_the_bracket_of_an_inserted_paragraph_printed_after_its_number():
    """ "30 [bis. All …" opens a bracketed paragraph 30 bis, as "[30 bis. All …" would."""
    text = (
        "30. Parties shall cooperate.\n\n30 [bis. All institutions are encouraged to report.\n\n"
        "30 ter. All Parties are encouraged to observe.]\n\n30 quart. [All institutions shall inform.]\n\n31. Next.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    assert [p.id for p in paragraphs] == ["30", "30bis", "30ter", "30quater", "31"]
    assert paragraphs[1].text == "[All institutions are encouraged to report."


def test_an_operative_verb_after_a_quoting_item_or_an_unnumbered_chapeau():
    """After "(a) … insert the following new paragraph:" the quoted text is (a)'s; after an
    unnumbered "Decides:" and its items, "Requests …" is the next unnumbered paragraph; "Also
    requests …" is an operative verb too."""
    quoting = (
        "1. Decides to amend the rules as follows:\n\n(a) After paragraph 4, insert the following new paragraph:\n\n"
        "Requests the secretariat to publish the rules;\n\n2. Next.\n"
    )
    assert ids_of(quoting) == ["1", "1(a)", "1(a).u1", "2"]
    unnumbered = "Decides:\n\n(a) To act;\n\n(b) To report;\n\nRequests the secretariat to help.\n\n1. Next.\n"
    assert ids_of(unnumbered) == ["u1", "u1(a)", "u1(b)", "u2", "1"]
    adverb = "3. Decides that:\n\n(a) One;\n\n(b) Two;\n\nAlso requests the secretariat to help.\n\n4. Next.\n"
    assert ids_of(adverb) == ["3", "3(a)", "3(b)", "3.u1", "4"]
