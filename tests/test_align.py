"""Alignment on formulaic paragraphs, repeated rows and short lines (generated pairs with their truth)."""

from __future__ import annotations

import pytest

import draftdiff
from conftest import draft_from_text
from families import make


def _links(comparison) -> set[tuple[str, str]]:
    return {(o, n) for c in comparison.changes for o in c.old_ids for n in c.new_ids}


def test_formulaic_families_are_paired_with_their_true_counterparts():
    """F1 over the family members' links, pooled over many generated pairs."""
    found = expected = correct = 0
    for seed in range(40):
        pair = make(seed)
        old = draft_from_text(pair.old, "old")
        new = draft_from_text(pair.new, "new")
        links = {(o, n) for o, n in _links(draftdiff.compare(old, new)) if o in pair.family_old or n in pair.family_new}
        found += len(links)
        expected += len(pair.truth)
        correct += len(links & pair.truth)
    precision, recall = correct / found, correct / expected
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.97, f"precision {precision:.3f}, recall {recall:.3f}"


def test_identical_rows_pair_in_order_without_false_moves():
    rows = [f"{n}. No text." for n in range(1, 31)]
    body = "\n\n".join(rows)
    old = draft_from_text(f"Schedule\n\n{body}\n\n31. The schedule ends here with a closing remark.\n", "old")
    new_rows = ["1. A new opening row that explains the schedule in detail."] + [
        f"{n + 1}. No text." for n in range(1, 31)
    ]
    new = draft_from_text(
        "Schedule\n\n" + "\n\n".join(new_rows) + "\n\n32. The schedule ends here with a closing remark.\n", "new"
    )
    comparison = draftdiff.compare(old, new)
    assert not [c.heading for c in comparison.changes if c.moved]
    pairs = [(c.old_ids[0], c.new_ids[0]) for c in comparison.changes if c.old and c.new]
    assert pairs[:30] == [(str(n), str(n + 1)) for n in range(1, 31)]
    assert [c.new_ids for c in comparison.changes if c.kind == "added"] == [["1"]]


NAMES = ["Albania", "Benin", "Chile", "Denmark", "Ecuador", "Fiji", "Ghana", "Haiti", "India", "Japan", "Kenya"]


@pytest.mark.parametrize(
    "row", ["No text.", "The Party shall report on the indicator listed in the table of the annex to this decision."]
)
def test_identical_rows_under_headings_pair_with_the_nearest_copy_not_first_come(row):
    """One row per country; the third country's heading and row are deleted."""

    def text(names):
        body = "\n\n".join(f"Submission by {name} for the period under review\n\n{row}" for name in names)
        return f"Schedule of submissions\n\n{body}\n"

    old = draft_from_text(text(NAMES), "old")
    new = draft_from_text(text(NAMES[:2] + NAMES[3:]), "new")
    comparison = draftdiff.compare(old, new)
    assert not [c.heading for c in comparison.changes if c.moved]
    for change in comparison.changes:
        if change.old and change.new and change.old[0].text == row.rstrip("."):
            assert change.old[0].section == change.new[0].section  # the row stays under its country
    assert sorted(c.kind for c in comparison.changes if c.kind != "unchanged") == ["deleted", "deleted"]


@pytest.mark.parametrize("distance", [40, 400])
def test_a_short_line_is_not_matched_to_its_copy_far_away(distance):
    """A cover line changed; the old wording reappears in an annex far below."""
    body = "\n\n".join(f"{n}. Text of paragraph {n} about subject {n * 3} and more." for n in range(1, distance))
    old = draft_from_text(f"Report\n\nProgress report of the committee.\n\n{body}\n", "old")
    new = draft_from_text(
        f"Report\n\nFinal report of the review.\n\n{body}\n\nAnnex\n\nProgress report of the committee.\n", "new"
    )
    assert old.paragraphs[0].kind.value == "unnumbered" and new.paragraphs[-1].kind.value == "unnumbered"
    comparison = draftdiff.compare(old, new)
    far = [c for c in comparison.changes if c.old and c.new and c.old[0].text == "Progress report of the committee."]
    assert not far or "review" in far[0].new[0].text


def test_a_heading_found_once_in_each_draft_follows_its_section_however_far():
    sections = [
        ("Mitigation", "Parties shall pursue domestic measures"),
        ("Finance", "Developed countries shall provide"),
    ]
    fill = "\n\n".join(f"{n}. Filler paragraph {n} on a topic of its own, number {n * 11}." for n in range(1, 60))
    old = draft_from_text(
        f"Draft\n\nI. {sections[0][0]}\n\n{sections[0][1]} with ambition.\n\n{fill}\n\n"
        f"II. {sections[1][0]}\n\n{sections[1][1]} resources.\n",
        "old",
    )
    new = draft_from_text(
        f"Draft\n\nI. {sections[1][0]}\n\nAll Parties are invited to contribute support.\n\n{fill}\n\n"
        f"II. {sections[0][0]}\n\nEach Party communicates a contribution every five years.\n",
        "new",
    )
    comparison = draftdiff.compare(old, new)
    headings = {
        (c.old[0].text, c.new[0].text)
        for c in comparison.changes
        if c.old and c.new and c.old[0].kind.value == "heading"
    }
    assert ("Finance", "Finance") in headings and ("Mitigation", "Mitigation") in headings


_OLD_UNITS = """Article 2 (purpose)

1. This Agreement aims to strengthen the global response to the threat of climate change.

2. It will be implemented to reflect equity and common but differentiated responsibilities.

Article 3 (mitigation)

1. Each Party shall prepare and communicate successive nationally determined contributions every five years.

2. Parties shall account for their contributions in accordance with guidance adopted by the CMA.

3. Least developed countries may prepare strategies reflecting their special circumstances.

Article 4 (finance)

1. Developed country Parties shall provide financial resources to assist developing country Parties.

2. The Green Climate Fund shall serve as an operating entity of the Financial Mechanism.
"""

_NEW_UNITS = """Article 2 (purpose)

1. This Agreement aims to strengthen the global response to the threat of climate change.

2. It will be implemented to reflect equity and common but differentiated responsibilities.

Article 3 (transparency)

1. An enhanced transparency framework for action and support is hereby established.

Article 4

1. Each Party shall prepare and communicate successive nationally determined contributions every five years.

2. Parties shall account for their contributions in accordance with guidance adopted by the CMA.

3. Least developed countries may prepare and communicate strategies reflecting their special circumstances.

Article 5 (finance)

1. Developed country Parties shall provide financial resources to assist developing country Parties.

2. The Green Climate Fund shall serve as an operating entity of the Financial Mechanism.
"""


def test_articles_are_matched_as_units_whatever_their_number_and_title():
    comparison = draftdiff.compare(draft_from_text(_OLD_UNITS, "old"), draft_from_text(_NEW_UNITS, "new"))
    units = {(u.old.id if u.old else None, u.new.id if u.new else None): u.status for u in comparison.sections}
    assert units == {
        ("Art2", "Art2"): "unchanged",
        (None, "Art3"): "added",
        ("Art3", "Art4"): "renumbered, retitled",
        ("Art4", "Art5"): "renumbered",
    }
    document = comparison.to_json()
    assert {"old": "Art3", "new": "Art4", "status": "renumbered, retitled"}.items() <= document["sections"][2].items()


def test_a_rewrite_between_matched_neighbours_is_a_weak_link():
    before = "1. The Parties agree to meet annually to review progress made under this Agreement.\n\n"
    after = "3. The secretariat shall publish an annual report on the work of the Committee.\n\n"
    rest = "".join(
        f"{k}. The Parties note item number {k} of the programme of work on cooperation.\n\n" for k in range(4, 12)
    )
    old = (
        before
        + (
            "2. [Each Party shall regularly prepare, communicate [and maintain][successive] nationally determined "
            "contributions, referred to in decision 1/CP.19 paragraph 2(b), [every five years].]\n\n"
        )
        + after
        + rest
    )
    new = (
        before
        + (
            "2. Features of nationally determined contributions as in decision 1/CP.19, paragraph 2(b), are left to "
            "a later session, with a view to guidance on timing.\n\n"
        )
        + after
        + rest
    )
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new"))
    linked = [c for c in comparison.changes if c.old_ids == ["2"]]
    assert linked and linked[0].new_ids == ["2"], [c.to_json() for c in comparison.changes]
    assert 0 < linked[0].confidence < 1  # too little alike for a link anywhere else: only its place allows it
    assert linked[0].to_json()["confidence"] == linked[0].confidence
    # a paragraph on another subject in the same place stays deleted and added
    unrelated = before + "2. Observers may attend the sessions of the Conference at their own cost.\n\n" + after + rest
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(unrelated, "new"))
    assert {c.kind for c in comparison.changes if "2" in c.old_ids + c.new_ids} == {"added", "deleted"}


def test_sections_titled_alike_in_two_articles_are_two_units():
    old = (
        "ARTICLE I\n\nSection 1\n\nThe community governs the chain through its elected representatives.\n\n"
        "ARTICLE II\n\nSection 1\n\nThe treasury funds maintenance of the protocol every year.\n"
    )
    new = (
        "ARTICLE I\n\nSection 1\n\nThe community governs the chain through its elected representatives.\n\n"
        "ARTICLE II\n\nSection 1\n\nDelegates vote on proposals submitted by any participant.\n\n"
        "ARTICLE III\n\nSection 1\n\nThe treasury funds maintenance of the protocol every year.\n"
    )
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new"))
    pairs = {(u.old.id if u.old else None, u.new.id if u.new else None): u.status for u in comparison.sections}
    assert pairs[("ArtII.Sec1", "ArtIII.Sec1")] == "renumbered"  # not merged with Article I's Section 1
    assert pairs[("ArtI.Sec1", "ArtI.Sec1")] == "unchanged"
    assert pairs[(None, "ArtII.Sec1")] == "added"
