"""Legal numbers a draft pending renumbering prints: "3.3alt", "3.3bis Alt", "3.x"."""

from __future__ import annotations

from draftdiff.document.numbering import match_para
from draftdiff.document.structure import build
from draftdiff.readers.text import read_blocks


def test_an_alternative_to_a_legal_number_is_that_number_alt():
    for printed, wanted in (("3.3alt: Members", "3.3.Alt"), ("3.3bis Alt Each", "3.3bis.Alt"), ("3.x Where", "3.x")):
        found = match_para(printed)
        assert found is not None and found.number.id == wanted
    assert match_para("52 Alt. 1(5) The reference") is None  # an option of article 52, not a number
    assert match_para("1.5 million") is None


def test_alternatives_and_pending_numbers_stay_in_the_option_they_are_printed_in():
    text = (
        "Draft agreement\n\nArticle 3\n\n1. Members act.\n\n3. **Efforts**\n\n**Option 1:**\n\n"
        "3.3: Each member shall report.\n\n**Option 2:** *{ways to report}*\n\n"
        "3.3: Each member shall report yearly.\n\n3.3alt: Members should report.\n\n"
        "3.3bis Each member shall review.\n\n3.3bis Alt Each member may review.\n\n"
        "3.x Where a member is small, it may choose.\n\n4. Progression of each member.\n\n"
        "Article 4\n\n1. Members meet.\n"
    )
    ids = [p.id for p in build(read_blocks(text, markdown=True))[1]]
    assert ids[ids.index("Art3.3.Opt2") :] == [
        "Art3.3.Opt2",
        "Art3.3.Opt2.3.3",
        "Art3.3.Opt2.3.3.Alt",
        "Art3.3.Opt2.3.3bis",
        "Art3.3.Opt2.3.3bis.Alt",
        "Art3.3.Opt2.3.x",
        "Art3.4",
        "Art4",
        "Art4.1",
    ]


def test_a_bullet_opening_with_an_inserted_number_in_brackets_is_that_paragraph():
    text = (
        "Draft agreement\n\nArticle 6\n\n17. [The fund shall serve.]\n\n"
        "- (17bis) [Its operation may be entrusted to others.]\n\n  *{Placement proposal: decision}*\n\n"
        "- (17ter) [The funds shall also serve.]\n\n- a bullet of no number\n\n18. The committee shall assist.\n"
    )
    ids = [p.id for p in build(read_blocks(text, markdown=True))[1]]
    assert ids == ["Art6", "17", "17bis", "17bis.u1", "17ter", "17ter.u1", "18"]


def test_an_option_printed_with_the_space_lost_opens_the_series():
    text = (
        "Draft agreement\n\nArticle 9\n\n4. Each Party shall report.\n\n"
        "5. **Option1**: The report shall be reviewed.\n\n    The team shall write a report.\n\n"
        "    **Option 2**:The report shall be examined.\n\n    Each Party shall be examined.\n\n"
        "    **Option 3:** Built on what exists:\n\n6. The CMA shall decide.\n"
    )
    ids = [p.id for p in build(read_blocks(text, markdown=True))[1]]
    assert ids[ids.index("5") :] == ["5", "5.u1", "5.Opt2", "5.Opt2.u1", "5.Opt3", "6"]


def test_items_after_an_option_chapeau_of_a_sub_paragraph_are_that_options():
    text = (
        "4. The meeting shall:\n\n(a) Establish bodies;\n\n(b) Option 1: Adopt its rules;\n\n"
        "Option 2: Apply the rules of the Conference;\n\n(c) Option 1: Exercise other functions.\n\n"
        "Option 2: Exercise the following functions:\n\n(i) Examine obligations;\n\n(ii) Promote exchange;\n\n"
        "(d) Report yearly.\n\n5. The budget applies.\n"
    )
    ids = [p.id for p in build(read_blocks(text))[1]]
    assert ids == [
        "4",
        "4(a)",
        "4(b)",
        "4(b).Opt2",
        "4(c)",
        "4(c).Opt2",
        "4(c).Opt2(i)",
        "4(c).Opt2(ii)",
        "4(d)",
        "5",
    ]


def test_option_one_of_a_titled_sub_paragraph_holds_its_items_and_a_titled_option_its_body():
    text = (
        "Draft agreement\n\n## Article 3\n\n8. **Timing**\n\n    1. *First communication*\n\n"
        "        **Option 1:** Each member reports first in 2020.\n\n        **Option 2:** No provision\n\n"
        "    2. *Later communications*\n\n        **Option 1:** *communication every five years*\n\n"
        "        1. *Every five years*\n\n            Each member shall report every five years.\n\n"
        "        2. *Submit early*\n\n            All members shall submit a year before.\n\n"
        "        **Option 2:** *communication after each period*\n\n"
        "        Later reports shall be made after each period.\n\n"
        "9. **Housing** The reports are kept in a registry.\n\n## Article 4\n\n1. Members adapt.\n"
    )
    ids = [p.id for p in build(read_blocks(text, markdown=True))[1]]
    assert ids[ids.index("Art3.8(b)") :] == [
        "Art3.8(b)",
        "Art3.8(b).Opt1(i)",
        "Art3.8(b).Opt1(ii)",
        "Art3.8(b).Opt2",
        "Art3.9",
        "Art4",
        "Art4.1",
    ]
