from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draftdiff.document.numbering import (
    _CANONICAL_ORDINAL,
    ORDINALS,
    canonical_id,
    letter_value,
    match_para,
    match_sub,
    roman_value,
    sort_key,
    to_letters,
    to_roman,
)


@pytest.mark.parametrize(
    ("text", "expected_id", "label", "rest"),
    [
        ("42bis. We", "42bis", "42bis", "We"),
        ("42 bis. We", "42bis", "42 bis", "We"),
        ("42-bis. We", "42bis", "42-bis", "We"),
        ("42.bis. We", "42bis", "42.bis", "We"),
        ("42 Bis. We", "42bis", "42 Bis", "We"),
        ("42 ter. We", "42ter", "42 ter", "We"),
        ("42quater. We", "42quater", "42quater", "We"),
        ("7 quinquies. We", "7quinquies", "7 quinquies", "We"),
        ("7 sexies. We", "7sexies", "7 sexies", "We"),
        ("7 septies. We", "7septies", "7 septies", "We"),
        ("7 octies. We", "7octies", "7 octies", "We"),
        ("7 novies. We", "7novies", "7 novies", "We"),
        ("7 decies. We", "7decies", "7 decies", "We"),
        ("9 pre. We", "9pre", "9 pre", "We"),
        ("9pre. We", "9pre", "9pre", "We"),
        ("12A. We", "12A", "12A", "We"),
        ("12 A. We", "12A", "12 A", "We"),
        ("PP3 Recalling", "PP3", "PP3", "Recalling"),
        ("PP 3. Recalling", "PP3", "PP 3", "Recalling"),
        ("OP5. Decides", "OP5", "OP5", "Decides"),
        ("OP 5 bis. Decides", "OP5bis", "OP 5 bis", "Decides"),
        ("10.We recall", "10", "10", "We recall"),
        ("3) Text", "3", "3", "Text"),
        ("1.2 Scope of work", "1.2", "1.2", "Scope of work"),
        ("Article 3", "Art3", "Article 3", ""),
        ("Article 3. Scope", "Art3", "Article 3", "Scope"),
        ("31 qauterdecies. The purpose", "31quaterdecies", "31 qauterdecies", "The purpose"),  # two letters swapped
    ],
)
def test_paragraph_labels(text, expected_id, label, rest):
    found = match_para(text)
    assert found is not None
    assert found.number.id == expected_id
    assert found.label == label
    assert found.rest == rest


@pytest.mark.parametrize(
    "text",
    [
        "2030 Agenda for Sustainable Development",
        "1.5 million people moved",
        "Article 3 of the Convention says",
        "12 months later",
        "In 2022, States",
        "(a) a sub-paragraph",
        "3 tre is not an ordinal",
    ],
)
def test_prose_is_not_a_number(text):
    assert match_para(text) is None


@pytest.mark.parametrize(
    ("text", "token", "rest"),
    [
        ("(a) Establish", "a", "Establish"),
        ("(iv) Review", "iv", "Review"),
        ("(aa) More", "aa", "More"),
        ("b) Ensure", "b", "Ensure"),
    ],
)
def test_subparagraph_labels(text, token, rest):
    assert match_sub(text)[0] == token
    assert match_sub(text)[2] == rest


def test_subparagraph_rejects_words_in_brackets():
    assert match_sub("(ab) not a label") is None
    assert match_sub("(a)b") is None


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("42 bis", "42bis"),
        ("42-ter", "42ter"),
        ("42.bis", "42bis"),
        ("42 BIS", "42bis"),
        ("9 pre", "9pre"),
        ("PP 3", "PP3"),
        ("12 (a) (i)", "12(a)(i)"),
        ("Article 3", "Art3"),
        ("Annex I/1", "Annex I/1"),
        ("38", "38"),
        ("12.u1", "12.u1"),
    ],
)
def test_canonical_id_of_user_input(typed, canonical):
    assert canonical_id(typed) == canonical


def test_ids_sort_in_document_order():
    expected = [
        "PP2",
        "1",
        "1.2",
        "9pre",
        "9",
        "9bis",
        "9ter",
        "9quater",
        "10",
        "12",
        "12(a)",
        "12(a)(i)",
        "12(a)(ii)",
        "12(b)",
        "12(aa)",
        "OP1",
        "Annex I/1",
    ]
    shuffled = list(reversed(expected))
    assert sorted(shuffled, key=sort_key) == expected


def test_ordinal_ranks_increase():
    names = ["pre", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"]
    ranks = [ORDINALS[n] for n in names]
    assert ranks == sorted(ranks) and ranks[0] < 0


@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trip(value):
    assert roman_value(to_roman(value)) == value


@given(st.integers(min_value=1, max_value=104))
def test_letter_round_trip(value):
    assert letter_value(to_letters(value)) == value


_SPELLINGS = ["{n}{o}", "{n} {o}", "{n}-{o}", "{n}.{o}", "{n} {O}"]
SPELLED_AS_ID = sorted(set(_CANONICAL_ORDINAL.values()))  # "quart", a swapped "quaretr", … read as another spelling


@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(SPELLED_AS_ID),
    st.sampled_from(_SPELLINGS),
)
def test_every_spelling_round_trips_to_one_id(number, ordinal, spelling):
    label = spelling.format(n=number, o=ordinal, O=ordinal.capitalize())
    found = match_para(f"{label}. We recall")
    assert found is not None, label
    assert found.number.id == f"{number}{ordinal}"
    assert canonical_id(label) == found.number.id
    # the id re-parses to itself
    assert canonical_id(found.number.id) == found.number.id


@given(st.lists(st.tuples(st.integers(1, 200), st.sampled_from(["", "pre", "bis", "ter", "quater"])), min_size=2))
def test_sort_key_agrees_with_number_then_ordinal(pairs):
    ids = [f"{n}{o}" for n, o in pairs]
    rank = {"pre": -1, "": 0, "bis": 2, "ter": 3, "quater": 4}
    assert sorted(ids, key=sort_key) == [f"{n}{o}" for n, o in sorted(pairs, key=lambda p: (p[0], rank[p[1]]))]


def test_paragraph_numbers_of_ten_thousand_and_more_are_numbers():
    from conftest import draft_from_text

    body = "\n\n".join(f"{n}. Paragraph number {n} of a long schedule." for n in range(9998, 10003))
    draft = draft_from_text("Schedule\n\n" + body + "\n", "long")
    assert [p.id for p in draft.paragraphs] == ["9998", "9999", "10000", "10001", "10002"]


def test_a_year_at_a_paragraph_start_is_a_number_only_in_sequence():
    from conftest import draft_from_text

    # 1900 to 1904 follow 1899: paragraph numbers, not years
    body = "\n\n".join(f"{n}. Paragraph number {n} of a long schedule." for n in range(1897, 1905))
    draft = draft_from_text("Schedule\n\n" + body + "\n", "long")
    assert [p.id for p in draft.paragraphs] == [str(n) for n in range(1897, 1905)]
    # "2030." after paragraph 2 cannot be paragraph 2030: a year, and the text keeps it
    draft = draft_from_text(
        "Declaration\n\n1. We meet here.\n\n2. We recall the goals.\n\n2030. The Agenda guides us.\n\n3. We commit.\n",
        "y",
    )
    assert [p.label for p in draft.paragraphs] == ["1", "2", "", "3"]
    assert draft.paragraphs[2].text == "2030. The Agenda guides us."


@pytest.mark.parametrize(
    ("text", "label"),
    [("(17bis) [Its operation shall remain open.]", "17bis"), ("(17 quater) The Board shall serve.", "17quater")],
)
def test_an_inserted_paragraph_numbered_in_brackets_of_its_own(text, label):
    found = match_para(text)
    assert found is not None and found.label == label


@pytest.mark.parametrize("text", ["(a) An item.", "(1) A sub-item.", "(2030) A year."])
def test_a_bracketed_number_without_an_ordinal_is_no_paragraph_number(text):
    assert match_para(text) is None
