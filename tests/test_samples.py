"""The answer key samples/CHANGES.md agrees with the sample drafts themselves."""

from __future__ import annotations

import re

import pytest

import answer_key
from conftest import DRAFT_NAMES, SAMPLES
from draftdiff import load
from draftdiff.normalize import fold_typography

KEY = answer_key.read(SAMPLES / "CHANGES.md")
PAIRS = [("zero", "rev1"), ("rev1", "rev2"), ("rev2", "rev3"), ("rev3", "final"), ("zero", "final")]


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+(?:[-']\w+)*", fold_typography(text)))


def test_key_has_every_pair():
    assert list(KEY) == PAIRS


@pytest.mark.parametrize(("old_name", "new_name"), PAIRS)
def test_key_rows_agree_with_the_drafts(old_name, new_name):
    old, new = load(SAMPLES / f"{old_name}.txt"), load(SAMPLES / f"{new_name}.txt")
    rows = KEY[(old_name, new_name)]
    listed_old = {i for r in rows for i in r.old}
    listed_new = {i for r in rows for i in r.new}
    for row in rows:
        for pid in row.old:
            assert old.get(pid) is not None, f"{old_name} has no paragraph {pid}"
        for pid in row.new:
            assert new.get(pid) is not None, f"{new_name} has no paragraph {pid}"
        if "modified" in row.kinds:
            a, b = old.get(row.old[0]), new.get(row.new[0])
            assert words(a.text) != words(b.text)
            for edit in row.edits:
                assert words(edit.old) in words(a.text)
                assert words(edit.new) in words(b.text)
        elif row.kinds[0] in ("renumbered", "moved"):
            assert words(old.get(row.old[0]).text) == words(new.get(row.new[0]).text)
        if "renumbered" in row.kinds:
            assert row.old != row.new
    # everything not listed is unchanged, with the same id and the same words
    for para in old:
        if para.id not in listed_old:
            twin = new.get(para.id)
            assert twin is not None, f"{para.id} vanished from {new_name} but is not in the key"
            assert words(twin.text) == words(para.text), para.id
    for para in new:
        if para.id not in listed_new:
            assert old.get(para.id) is not None, f"{para.id} appeared in {new_name} but is not in the key"


def test_key_contains_the_changes_stakeholders_flagged():
    rows = {(r.old[0] if r.old else None): r for r in KEY[("rev2", "rev3")]}
    assert rows["38"].edits[0].old == "processes" and rows["38"].edits[0].new == "discussions"
    assert rows["39bis"].edits[0].old == "participation in" and rows["39bis"].edits[0].new == "contribution to"
    everything = [e for table in KEY.values() for r in table for e in r.edits]
    assert any(e.old == "shall" and e.new == "should" for e in everything)
    assert any(e.old == "commit to" and e.new == "will consider" for e in everything)
    assert any(e.op == "insert" and e.new == "as appropriate" for e in everything)
    assert any(e.op == "delete" and e.old == "regardless of migration status" for e in everything)
    assert any(e.old == "health-care" and e.new == "health care" for e in everything)
    kinds = {k for table in KEY.values() for r in table for k in r.kinds}
    assert {"added", "deleted", "moved", "renumbered", "split", "merged", "modified"} <= kinds


@pytest.mark.parametrize("name", DRAFT_NAMES)
def test_every_draft_exists_in_three_formats(name):
    for suffix in (".txt", ".docx", ".pdf"):
        assert (SAMPLES / f"{name}{suffix}").stat().st_size > 1000
    assert (SAMPLES / "rev2-rev3-tracked.docx").exists()
