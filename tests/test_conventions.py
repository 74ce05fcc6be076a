"""Negotiating-text conventions give the ids people cite, the same from every
reader: one draft of our own words (``tests/fixtures/build_conventions.py``)
as text, Markdown, DOCX (python-docx) and PDF (LibreOffice), and the ids
written from its source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from draftdiff import load
from draftdiff.document.citations import resolve
from draftdiff.document.structure import build
from draftdiff.errors import DraftDiffError
from draftdiff.readers.text import read_blocks

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "conventions.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", ["txt", "md", "docx", "pdf"])
def test_every_reader_gives_the_ids_people_cite(suffix):
    draft = load(FIXTURES / f"conventions.{suffix}")
    assert draft.title == EXPECTED["title"]
    assert [p.id for p in draft] == EXPECTED["ids"]
    # titles belong to their article, bodies to their titled paragraph, brackets stay in the text
    assert draft.get("Art1").text == "Use of terms"
    assert draft.get("Art2ter").label == "[Article 2 ter]"
    assert draft.get("Art1.3").text.startswith("[“Commission”")
    assert draft.get("Art4.1").text.startswith("Annual reports Each Party shall report")
    assert draft.get("Art2bis(c).Opt2").text.startswith("Option 2: The principle of the fair sharing")


@pytest.mark.parametrize(
    "reference, wanted",
    [
        ("article 2 bis", "Art2bis"),
        ("Article 2 ter, paragraph 2", "Art2ter.2"),
        ("article 3, option II, paragraph 2", "Art3.OptII.2"),
        ("paragraph 1 of option I of article 3", "Art3.OptI.1"),
        ("para 2 of Art. 1", "Art1.2"),
        ("article 1, paragraph 2 bis", "Art1.2bis"),
        ("Art. 2 bis (b bis)", "Art2bis(bbis)"),
        ("option 2 of article 2 bis (c)", "Art2bis(c).Opt2"),
        ("PP 2", "PP2"),
    ],
)
def test_citations_as_negotiators_write_them(reference, wanted):
    ids = EXPECTED["ids"]
    assert resolve(reference, ids)[0] == wanted


def test_an_article_reference_takes_its_options_and_paragraphs():
    assert resolve("article 3", EXPECTED["ids"]) == [
        "Art3",
        "Art3.OptI",
        "Art3.OptI.1",
        "Art3.OptI.2",
        "Art3.OptII",
        "Art3.OptII.1",
        "Art3.OptII.2",
    ]
    assert resolve("Art3.OptII", EXPECTED["ids"]) == ["Art3.OptII", "Art3.OptII.1", "Art3.OptII.2"]
    with pytest.raises(DraftDiffError):
        resolve("article 9, paragraph 1", EXPECTED["ids"])


def load_text(text: str):
    """A draft read as ``draftdiff parse`` reads a .txt file."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.txt"
        path.write_text(text, encoding="utf-8")
        return load(path)


def ids_of(text: str) -> list[str]:
    return [p.id for p in build(read_blocks(text))[1]]


def test_articles_with_sections_are_cited_article_and_section():
    text = (
        "Draft constitution\n\nPREAMBLE\n\nWe, the members, adopt this text.\n\nWe choose to govern ourselves.\n\n"
        "ARTICLE I. MEMBERS\n\nSection 1\n\nEvery member may vote.\n\nA member may resign.\n\nSection 2\n\n"
        "Members meet once a year.\n\nARTICLE II. BUDGET\n\nSection 1\n\nThe budget is annual.\n"
    )
    assert ids_of(text) == [
        "u1",
        "PP1",
        "PP2",
        "ArtI",
        "ArtI.Sec1",
        "ArtI.Sec1.1",
        "ArtI.Sec1.2",
        "ArtI.Sec2",
        "ArtI.Sec2.1",
        "ArtII",
        "ArtII.Sec1",
        "ArtII.Sec1.1",
    ]
    assert resolve("Article II, Section 1", ids_of(text))[0] == "ArtII.Sec1"
    # numbered paragraphs of a section are cited with it, as its unnumbered ones are
    numbered = (
        "ARTICLE I. MEMBERS\n\nSection 1\n\nEvery member may vote.\n\nSection 2\n\n1. Members meet.\n\n"
        "2. They may resign.\n\nAPPENDIX I: LIMITS\n\n1. Members meet once a year.\n"
    )
    assert ids_of(numbered)[:6] == ["ArtI", "ArtI.Sec1", "ArtI.Sec1.1", "ArtI.Sec2", "ArtI.Sec2.1", "ArtI.Sec2.2"]
    # numbers that run on through an article's sections are the article's
    running = "Article 1\n\n1. One.\n\nArticle 2\n\nSection A\n\n1. First.\n\n2. Second.\n\nSection B\n\n3. Third.\n"
    assert ids_of(running) == ["Art1", "Art1.1", "Art2", "Art2.SecA", "Art2.1", "Art2.2", "Art2.SecB", "Art2.3"]


def test_parts_qualify_articles_only_where_each_part_numbers_its_own():
    running = "PART I\n\nArticle 1\n\n1. One.\n\nPART II\n\nArticle 2\n\n1. Two.\n"
    assert ids_of(running) == ["PartI", "Art1", "Art1.1", "PartII", "Art2", "Art2.1"]
    restarting = "PART I\n\nArticle 1\n\n1. One.\n\nPART II\n\nArticle 1\n\n1. Two.\n"
    assert ids_of(restarting) == ["PartI", "PartI.Art1", "PartI.Art1.1", "PartII", "PartII.Art1", "PartII.Art1.1"]


def test_inserted_articles_are_siblings_and_ante_sorts_first():
    text = (
        "Article 4\n\n1. Four.\n\nArticle 4 bis\n\n1. Four bis.\n\nArticle 5 ante\n\nText.\n\nArticle 5\n\n(a) Five.\n"
    )
    assert ids_of(text) == ["Art4", "Art4.1", "Art4bis", "Art4bis.1", "Art5ante", "Art5ante.1", "Art5", "Art5(a)"]


def test_a_compilation_restating_an_article_under_each_delegation():
    text = (
        "ARTICLE 1\n\nMonaco\n\nArticle 1 Use of terms\n\n1. “Area” means an area.\n\n"
        "Kenya\n\nArticle 1 Use of terms\n\n1. “Area” means a zone.\n\nARTICLE 2\n\nKenya\n\nArticle 2 Objective\n\n"
        "The objective is clear.\n"
    )
    ids = ids_of(text)
    assert ids == [
        "Art1",
        "Art1.u1",
        "Art1#2",
        "Art1.1",
        "Art1.1.u1",
        "Art1#3",
        "Art1.1#2",
        "Art2",
        "Art2.u1",
        "Art2#2",
        "Art2.1",
    ]


def test_extracted_text_furniture_and_run_together_paragraphs():
    lines = [f"{n}. Paragraph {n} of the text says something here." for n in range(1, 25)]
    lines.insert(8, "3/52")
    lines.insert(17, "4/52")
    lines.insert(20, "5/52")
    lines[4] += " [6bis. An inserted paragraph run into the line.]"
    blocks: list = []
    furniture: list = []
    blocks = read_blocks("\n".join(lines), furniture=furniture)
    assert [f.text for f in furniture] == ["3/52", "4/52", "5/52"]
    texts = [b.text for b in blocks]
    assert "[6bis. An inserted paragraph run into the line.]" in texts
    assert not any("/52" in t for t in texts)


def test_a_un_document_as_extracted_text_declares_its_furniture_and_keeps_its_footnotes():
    body = []
    for n in range(1, 12):  # each paragraph wrapped after "the", its second line capitalized
        body += [f"{n}. Paragraph {n} of the note says what was decided under the", "Convention on this matter."]
    page = ["A/CONF.232/2020/3", "19-20076 2/52"]
    lines = [
        "19-20076 (E) 251119",
        "*1920076*",
        *body[:10],
        "_" * 18,
        "1 See A/CONF.232/2019/6, annex,",
        "as revised.",
        *page,
        *body[10:],
        *page,
    ]
    furniture: list = []
    blocks = read_blocks("\n".join(lines), furniture=furniture)
    assert sorted(f.text for f in furniture) == sorted(["19-20076 (E) 251119", "*1920076*", *page, *page])
    texts = [b.text for b in blocks]
    assert not any("19-20076" in t or "A/CONF" in t or "___" in t for t in texts)
    # a line that stops on "the" goes on: 22 lines, 11 paragraphs, the page's notes on the one before them
    assert len(blocks) == 11
    assert blocks[4].notes and blocks[4].notes[0].marker == "1"
    assert blocks[4].notes[0].text == "See A/CONF.232/2019/6, annex, as revised."
    assert texts[5] == "6. Paragraph 6 of the note says what was decided under the Convention on this matter."


def test_words_split_by_an_extraction_are_joined_where_the_draft_spells_them():
    lines = [f"{n}. The other Parties shall act on the hard fork." for n in range(1, 30)]
    lines[7] = "8. Each o ther Party shall act on the hard fork."
    texts = [b.text for b in read_blocks("\n".join(lines))]
    assert "8. Each other Party shall act on the hard fork." in texts  # "hard fork", 29 times, is not "hardfork"


def test_options_of_a_paragraph_and_what_follows_them():
    shared = "16. Option 1: Each Party shall report.\n\nOption 2: All Parties shall report.\n\n16.1 First shared item.\n\n16.2 Second shared item.\n"
    assert ids_of(shared) == ["16", "16.Opt2", "16.1", "16.2"]
    each = (
        "3. [Option 1: All Parties shall act, which entails:\n\n3.1 Ensuring one thing;\n\n"
        "Option 2: All Parties shall cooperate, which entails:\n\n3.1 Ensuring another thing;\n\n4. Next paragraph.\n"
    )
    assert ids_of(each) == ["3", "3.Opt1.3.1", "3.Opt2", "3.Opt2.3.1", "4"]
    bare = "5. Finance\n\nOption 1: Developed countries shall provide.\n\nOption 2:\n\nAll Parties shall provide.\n"
    assert [(p.id, p.text) for p in build(read_blocks(bare))[1]] == [
        ("5", "Finance Option 1: Developed countries shall provide."),
        ("5.Opt2", "Option 2: All Parties shall provide."),
    ]


def test_numbers_that_run_on_through_lettered_sections_are_cited_alone():
    # a first run 1-2, then a second numbered 1-4 through sections A and B: A.1 … would say
    # paragraph 3 sits in section A, where it does not
    text = "1. First.\n\n2. Second.\n\nA. Background\n\n1. One.\n\n2. Two.\n\nB. Impact\n\n3. Three.\n\n4. Four.\n"
    ids = ids_of(text)
    assert ids[ids.index("A") :] == ["A", "1#2", "2#2", "B", "3", "4"]


def test_an_article_proposed_inside_another_articles_comments_is_cited_by_its_own_number():
    text = (
        "Article 64\n\n1. One.\n\nArticle 65\n\n1. Sixty-five.\n\nGeneral comments\n\n"
        "Article 55 bis. “No action taken under this Agreement shall prejudice a claim”.\n\nIt is crucial.\n"
    )
    # an article never sits inside another: not Art65.Art55bis
    assert ids_of(text)[-2:] == ["Art55bis", "Art55bis.u1"]


def test_a_note_at_a_pages_foot_without_a_rule_is_a_note_of_its_mark():
    lines = [
        "1. The first paragraph of the compilation.",
        "2",
        "PART V7 CAPACITY-BUILDING",
        "7 Note by the secretariat: general comments on Part V are at its end.",
        "3",
        "2. The second paragraph.",
        "8 Delegations may still comment.",  # no mark 8 above it: a line of the text
        "4",
        "3. The third paragraph.",
    ]
    furniture: list = []
    blocks = read_blocks("\n".join(lines), furniture=furniture)
    texts = [b.text for b in blocks]
    assert not any(t.startswith("7 Note") for t in texts)
    [noted] = [b for b in blocks if b.notes]
    assert noted.text.startswith("PART V7") and noted.notes[0].marker == "7"
    assert noted.notes[0].text == "Note by the secretariat: general comments on Part V are at its end."
    assert "8 Delegations may still comment." in " ".join(texts)  # kept in the text


def test_the_cover_page_before_a_table_of_contents_is_the_title():
    dots = " " + "." * 20 + " "
    lines = [
        "United Nations A/CONF.9/2026/INF.1",
        "General Assembly Distr.: General 1 May 2026",
        "Conference on the conservation of rivers",
        "Proposals submitted by delegations, for",
        "consideration at the second session",
        "Article-by-article compilation",
        f"PREAMBLE{dots}1",
        f"ARTICLE 1{dots}2",
        f"ARTICLE 2{dots}3",
        "PREAMBLE",
        "Recalling the rivers,",
        "ARTICLE 1",
        "1. Each Party shall act.",
    ]
    draft = load_text("\n\n".join(lines).replace("for\n\nconsideration", "for\nconsideration"))
    assert draft.title.startswith("Conference on the conservation of rivers Proposals submitted")
    assert draft.title.endswith("Article-by-article compilation")
    texts = [p.text for p in draft.paragraphs]
    assert not any("compilation" in t or "Proposals" in t for t in texts)
    assert draft.paragraphs[0].text == "PREAMBLE"


def test_an_ordinal_printed_after_the_sub_paragraphs_bracket_inserts_after_it():
    text = (
        "Article 5\n\n(h) Aitch;\n\n(i) Eye;\n\n(i) bis Eye bis;\n\n(j) Jay:\n\n(i) One;\n\n(ii) Two;\n\n"
        "(ii) bis: Two bis;\n\n(ii) ter: two ter;\n\n(iii) Three.\n\n(d. bis) Dee bis.\n"
    )
    wanted = ["Art5(ibis)", "Art5(j)", "Art5(j)(i)", "Art5(j)(ii)", "Art5(j)(iibis)", "Art5(j)(iiter)"]
    assert ids_of(text)[3:] == [*wanted, "Art5(j)(iii)", "Art5(dbis)"]


def test_a_delegations_article_chapeau_list_then_comments():
    text = (
        "ARTICLE 5\n\nIsrael\n\nArticle 5 General principles\n\nStates Parties shall be guided by the following:\n\n"
        "(a) Equity;\n\n(b) Science.\n\nMonaco\n\nArticle 5 General principles\n\nStates shall act.\n\n"
        "ARTICLE 10BIS\n\nKenya\n\n[Article 10bis\n\n"
        "Access to traditional knowledge associated with marine genetic resources in areas beyond national jurisdiction]\n\n"
        "[States Parties shall take measures.]\n\nKenya is still considering Article 10bis.\n"
    )
    ids = ids_of(text)
    # the chapeau's (a), (b) are the article's: the delegation's name after them is no paragraph 2 of it
    assert ids[3:6] == ["Art5.1", "Art5(a)", "Art5(b)"]
    # the bracket "[Article 10bis" opens closes at the end of its title; the comment names the article
    paragraphs = build(read_blocks(text))[1]
    head = next(p for p in paragraphs if p.label == "Article 10bis")
    assert head.text.startswith("[Access to traditional") and head.text.endswith("jurisdiction]")
    assert ids[-2:] == ["Art10bis.1", "Art10bis.1.u1"]


def test_a_paragraph_opening_on_its_first_sub_paragraph():
    text = "Article 1\n\n11. “Area” means the area.\n\n12. (a) “States Parties” means States.\n\n(b) Others.\n\n13. “Sea”.\n"
    paragraphs = build(read_blocks(text))[1]
    # one paragraph "12. (a)", cited 12(a): paragraph 12 is no empty paragraph of its own
    assert [(p.id, p.label, p.text) for p in paragraphs[2:5]] == [
        ("12(a)", "12. (a)", "“States Parties” means States."),
        ("12(b)", "(b)", "Others."),
        ("13", "13", "“Sea”."),
    ]
    french = "Article 1\n\n11. « Zone » désigne.\n\n12. a) « États Parties » désigne les États.\n\nb) Autres.\n"
    assert ids_of(french) == ["Art1", "11", "12(a)", "12(b)"]  # the same ids as the English text


def test_a_delegations_comment_on_the_article_counts_from_the_article():
    text = (
        "ARTICLE 4\n\nKenya\n\nArticle 4 Relationship\n\n1. Nothing shall prejudice.\n\n4. The status.\n\n"
        "Senegal\n\nArticle 4 : les dispositions entre crochets méritent d’être validées ;\n"
    )
    # a comment on article 4, not Art4.4.u2 after Kenya's paragraph 4 (the repeat counter of a
    # compilation marks that "Kenya" holds Art4.u1 already)
    assert ids_of(text)[-1] == "Art4.u1#2"


def test_lettered_items_run_together_by_an_extraction_are_split_in_sequence():
    lines = [f"{n}. Paragraph {n} of the text says something here." for n in range(1, 22)]
    lines[5] = "(c) Related to mining in the Area; (d) Related to fishing, as governed by Part VII and"
    lines.insert(6, "the Agreement; (e) Subject to (f), (g) and (h) of the Convention.")
    texts = [b.text for b in read_blocks("\n".join(lines))]
    assert "(c) Related to mining in the Area;" in texts
    assert "(d) Related to fishing, as governed by Part VII and the Agreement;" in texts
    assert "(e) Subject to (f), (g) and (h) of the Convention." in texts  # no (f) after "(e) …;"


def test_roman_items_run_together_are_split_in_sequence_in_their_own_form():
    # a curated text runs "i) … ; ii) … ; iii) …" into one line, in French and in Russian
    text = (
        "ACCORD\n\nArticle 21\n\n1. Les consultations sont inclusives.\n\n2. Le secrétariat recueille les contributions :\n\n"
        "a) Il notifie la proposition, qui sont invités à communiquer :\n\n"
        "i) Leurs observations ; ii) Tout autre apport ; iii) Des informations, voir (iv) ; iv) Leurs vues\n\n"
        "b) Il invite :\n\ni) первое; ii) второе\n"
    )
    assert ids_of(text)[-8:] == [
        "Art21.2(a)",
        "Art21.2(a)(i)",
        "Art21.2(a)(ii)",
        "Art21.2(a)(iii)",
        "Art21.2(a)(iv)",
        "Art21.2(b)",
        "Art21.2(b)(i)",
        "Art21.2(b)(ii)",
    ]


def test_an_alternative_offered_inside_a_paragraph_goes_on_after_a_comment():
    text = (
        "Article 10\n\n[1. In situ collection shall be subject to [Alt. 1. [prior] notification.]\n\n"
        "Kenya requests to delete Article 10(1).\n\n[Alt. 2. a [permit] issued as set forth in paragraph 2.]]\n\n"
        "Kenya requests to delete Article 10 (1) (Alt 2).\n\n2. Next.\n"
    )
    assert ids_of(text) == ["Art10", "Art10.1", "Art10.1.u1", "Art10.1.Alt2", "Art10.1.Alt2.u1", "Art10.2"]


def test_the_next_letter_under_another_delegation_goes_on_with_the_list():
    text = (
        "ARTICLE 5\n\nIsrael\n\nArticle 5 General principles\n\nStates Parties shall be guided by the following:\n\n"
        "(a) Equity;\n\n(b) Science.\n\nOceanCare\n\nAdd additional paragraph\n\n(c) Take all measures.\n\n"
        "Commentary\n\nConsistent with the obligation.\n"
    )
    # (c) is article 5 (c), not a sub-paragraph of (b); the commentary is no paragraph 2 of the article
    assert ids_of(text)[-4:] == ["Art5(b).u2", "Art5(c)", "Art5(c).u1", "Art5(c).u2"]


def test_an_alternative_holding_numbered_paragraphs_is_a_block_of_the_article():
    text = (
        "Article 52\n\n4. A voluntary trust fund.\n\n[Alt.1\n\n5. In addition, a special fund shall be established.\n\n"
        "5bis. The special fund shall be funded through:\n\n(a) Voluntary contributions;\n\n"
        "[Alt.2 5. States Parties shall cooperate.]\n"
    )
    assert ids_of(text) == [
        "Art52",
        "4",
        "Art52.Alt1",
        "Art52.Alt1.5",
        "Art52.Alt1.5bis",
        "Art52.Alt1.5bis(a)",
        "Art52.Alt2",
        "Art52.Alt2.5",
    ]


def test_a_paragraph_run_on_after_an_ellipsis_or_opening_an_alternative():
    from draftdiff.readers.text_layout import split_run_together

    assert split_run_together("[both voluntary].] … 5. In addition a fund") == [
        "[both voluntary].] …",
        "5. In addition a fund",
    ]
    assert split_run_together("through contributions. [Alt.1 5. In addition a fund") == [
        "through contributions.",
        "[Alt.1 5. In addition a fund",
    ]


def test_an_annexs_chapeau_and_its_items_are_cited_with_the_annex():
    text = (
        "Article 1\n\n1. Text.\n\nANNEX II\n\n"
        "[Capacity-building initiatives may include, and are not limited to:]\n\n"
        "(a) The sharing of data, including:\n\n(i) The sharing of knowledge;\n\n(b) Training.\n"
    )
    assert ids_of(text)[-5:] == ["AnnexII", "AnnexII.u1", "AnnexII(a)", "AnnexII(a)(i)", "AnnexII(b)"]


def test_a_delegations_annex_chapeau_and_its_items():
    import re

    text = (
        "ANNEX II\n\nKenya\n\n[ANNEX II Types of capacity-building]\n\n"
        "[Capacity-building initiatives may include, and are not limited to:\n\n"
        "(a) The sharing of data, including:\n\n(i) The sharing of knowledge;\n\n(b) Training.]\n"
    )
    # a compilation's repeat counter aside, "annex II (a)" as the delegation's proposal prints it
    assert [re.sub(r"#\d+", "", i) for i in ids_of(text)[-3:]] == ["AnnexII(a)", "AnnexII(a)(i)", "AnnexII(b)"]


def test_a_paragraph_or_item_printed_with_its_article():
    text = (
        "ARTICLE 4\n\n1. One.\n\nARTICLE 5\n\n1. Five.\n\nKenya\n\nArticle 5.2. The rights of coastal States shall be respected.\n\n"
        "ARTICLE 42\n\n1. Objectives.\n\nKenya\n\nArticle 42.f.iv “Have research capacities”.\n"
    )
    ids = ids_of(text)
    assert "Art5.2" in ids and ids[-1] == "Art42(f)(iv)"


def test_an_article_restated_with_its_title_and_chapeau_on_one_line():
    text = (
        "ARTICLE 5\n\nIsrael\n\nArticle 5 General [principles] [and] [approaches]\n\n(a) Equity.\n\nKenya\n\n"
        "Article 5: General [principles] [and] [approaches] In order to achieve the objective, States Parties "
        "shall be guided by the following:\n\n(i) bis The respect of obligations;\n\nSenegal\n\n"
        "Article 5 : il doit être intitulé autrement.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    assert [(p.label, p.close, p.text) for p in paragraphs[5:7]] == [
        ("Article 5", ":", "General [principles] [and] [approaches]"),
        ("", "", "In order to achieve the objective, States Parties shall be guided by the following:"),
    ]
    assert paragraphs[7].id == "Art5(ibis)"
    assert paragraphs[-1].text.startswith("Article 5 : il doit")  # a comment stays a comment


def test_a_delegations_title_for_the_article_with_its_number_after():
    text = (
        "ARTICLE 21BIS\n\n1. Text.\n\nKenya\n\n[Publication][Charts of Coordinates] (Article 21bis)\n\n"
        "After the adoption of the decision, the Conference shall publish charts.\n"
    )
    paragraphs = build(read_blocks(text))[1]
    head = paragraphs[3]
    assert (head.id, head.label, head.text) == (
        "Art21bis#2",
        "",
        "[Publication][Charts of Coordinates] (Article 21bis)",
    )
    assert head.kind.value == "heading"


def test_a_list_lettered_a_dot_under_a_roman_item_is_that_items():
    text = (
        "ANNEX I\n\nThe forms of cooperation include:\n\n"
        "(a) Exchanges of staff, including:\n\n(i) Visits;\n\n(ii) Courses in:\n\n"
        "a. Hydrology;\n\nb. Ecology;\n\n(iii) Fellowships;\n\n(iv) Grants for:\n\na. Travel;\n\n"
        "(b) Joint studies.\n"
    )
    assert ids_of(text)[3:] == [
        "AnnexI(a)(i)",
        "AnnexI(a)(ii)",
        "AnnexI(a)(ii)(a)",
        "AnnexI(a)(ii)(b)",
        "AnnexI(a)(iii)",
        "AnnexI(a)(iv)",
        "AnnexI(a)(iv)(a)",
        "AnnexI(b)",
    ]


def test_an_inner_list_in_lower_case_or_another_script():
    # Russian sets its items in lower case ("a. гидрология")
    text = (
        "Article 3\n\n1. Parties shall:\n\n(a) Train staff, including:\n\n(i) Visits;\n\n(ii) Courses in:\n\n"
        "a. гидрология;\n\nb. экология;\n\n(iii) Fellowships.\n"
    )
    assert ids_of(text)[-3:] == ["Art3.1(a)(ii)(a)", "Art3.1(a)(ii)(b)", "Art3.1(a)(iii)"]
