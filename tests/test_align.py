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
def test_a_title_is_not_matched_to_a_line_far_away(distance):
    body_old = "\n\n".join(f"{n}. Text of paragraph {n} about subject {n * 3} and more." for n in range(1, distance))
    body_new = body_old
    old = draft_from_text(f"Cover\n\nProgress report of the committee\n\n{body_old}\n", "old")
    new = draft_from_text(
        f"Cover\n\nFinal report of the review\n\n{body_new}\n\nAnnex\n\nProgress report of the committee\n", "new"
    )
    comparison = draftdiff.compare(old, new)
    far = [c for c in comparison.changes if c.old and c.new and "Progress report" in c.old[0].text]
    assert not far or far[0].new[0].text != "Progress report of the committee"
