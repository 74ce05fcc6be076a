"""compare: alignment and word changes against the samples' answer key, and the CLI."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

import answer_key
import draftdiff
from conftest import REPO, SAMPLES, run_cli
from draftdiff import Options, load
from draftdiff.diff.align import _lis
from draftdiff.diff.wording import diff
from draftdiff.document.model import Draft
from draftdiff.document.structure import build
from draftdiff.readers.text import read_blocks

KEY = answer_key.read(SAMPLES / "CHANGES.md")
PAIRS = list(KEY)


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+(?:[-']\w+)*", text))


def draft_from(text: str, label: str) -> Draft:
    title, paragraphs = build(read_blocks(text))
    return Draft(source=REPO / f"{label}.txt", label=label, title=title, paragraphs=paragraphs)


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_every_listed_change_is_found_and_nothing_else(old, new, fmt):
    comparison = draftdiff.compare(SAMPLES / f"{old}.{fmt}", SAMPLES / f"{new}.{fmt}")
    got = {(tuple(sorted(c.labels)), tuple(c.old_ids), tuple(c.new_ids)): c for c in comparison.differences}
    expected = {(tuple(sorted(r.kinds)), tuple(r.old), tuple(r.new)): r for r in KEY[(old, new)]}
    assert sorted(got) == sorted(expected)
    for key, row in expected.items():
        change = got[key]
        for edit in row.edits:
            assert any(
                words(edit.old) in words(e.old)
                and words(edit.new) in words(e.new)
                and (e.op == edit.op or e.op == "replace")
                for e in change.edits
            ), (key, edit, change.edits)


def test_rev2_to_rev3_reports_the_flagged_weakenings_as_edits():
    comparison = draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    by_id = {c.old_ids[0]: c for c in comparison.differences if c.old}
    assert [e.to_json() for e in by_id["38"].edits] == [{"op": "replace", "old": "processes", "new": "discussions"}]
    assert [e.to_json() for e in by_id["39bis"].edits] == [
        {"op": "replace", "old": "participation in", "new": "contribution to"}
    ]
    assert by_id["22"].edits[0].op == "delete" and "regardless of migration status" in by_id["22"].edits[0].old


def test_every_paragraph_of_both_drafts_is_in_exactly_one_change():
    old, new = load(SAMPLES / "zero.txt"), load(SAMPLES / "final.txt")
    comparison = draftdiff.compare(old, new)
    assert sorted(i for c in comparison.changes for i in c.old_ids) == sorted(old.ids)
    assert sorted(i for c in comparison.changes for i in c.new_ids) == sorted(new.ids)
    summary = comparison.summary
    assert summary["renumbered"] > 40 and summary["split"] == 1 and summary["merged"] == 1 and summary["moved"] == 1


def test_renumbered_paragraph_is_matched_by_content_and_equal_numbers_are_not():
    comparison = draftdiff.compare(SAMPLES / "rev3.txt", SAMPLES / "final.txt")
    pairs = {(tuple(c.old_ids), tuple(c.new_ids)) for c in comparison.changes}
    assert (("42bis",), ("46",)) in pairs
    # zero's 9 became final's 10; final's 9 is the inserted "9 pre": not a match
    zero_final = draftdiff.compare(SAMPLES / "zero.txt", SAMPLES / "final.txt")
    pairs = {(tuple(c.old_ids), tuple(c.new_ids)) for c in zero_final.changes}
    assert (("9",), ("10",)) in pairs and (("9",), ("9",)) not in pairs


def test_moved_paragraph_keeps_its_word_diff():
    old = draft_from(
        "T\n\nI. One\n\n1. Alpha text about migration data.\n\n2. Beta text about pathways.\n\n"
        "II. Two\n\n3. Gamma text about return.\n",
        "old",
    )
    new = draft_from(
        "T\n\nI. One\n\n2. Beta text about pathways.\n\nII. Two\n\n3. Gamma text about return.\n\n"
        "4. Alpha text about migration statistics.\n",
        "new",
    )
    change = next(c for c in draftdiff.compare(old, new).changes if c.old_ids == ["1"])
    assert change.moved and change.renumbered and change.kind == "modified"
    assert (change.old_section, change.new_section) == ("I. One", "II. Two")
    assert [e.to_json() for e in change.edits] == [{"op": "replace", "old": "data", "new": "statistics"}]


def test_typography_and_wrapping_are_not_changes_but_case_and_punctuation_are():
    assert not diff('a "non-legally binding" text - here', "a “non-legally binding” text – here").edits
    assert not diff("one two\nthree", "one   two three").edits
    assert diff("Shall we go", "shall we go").edits
    assert not diff("Shall we go", "shall we go", Options(ignore_case=True)).edits
    assert diff("we go, now", "we go now").edits
    assert not diff("we go, now", "we go now", Options(ignore_punctuation=True)).edits


def test_lis_finds_a_longest_increasing_run():
    values = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9]
    keep = _lis(values)
    picked = [values[i] for i in sorted(keep)]
    assert len(picked) == 4 and picked == sorted(picked)


# -- command line ---------------------------------------------------------------


def run(*args: str, cwd=None, env=None) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd, env={"COLUMNS": "100", **(env or {})})


def test_cli_terminal_report():
    result = run("compare", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Rev 2 → Rev 3\n")
    assert "63 unchanged · 4 modified · 1 added · 1 deleted · 0 moved · 0 renumbered · 0 split · 1 merged" in out
    assert "38 → 38 modified · IV. Commitments and recommendations" in out
    assert "governance [-processes-] {+discussions+}." in out  # piped: no colour, visible markers
    assert "34 + 35 → 34 merged" in out and "50 deleted" in out and "42quater added" in out


def test_cli_json_contract():
    result = run("compare", str(SAMPLES / "rev1.txt"), str(SAMPLES / "rev2.txt"), "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["schema"] == "draftdiff.compare/1"
    assert doc["old"]["label"] == "Rev 1" and doc["new"]["paragraphs"] == 70
    assert set(doc["summary"]) == {
        "unchanged",
        "modified",
        "added",
        "deleted",
        "moved",
        "renumbered",
        "split",
        "merged",
    }
    # every paragraph of both drafts is in exactly one change, unchanged ones included
    old_ids = [i for c in doc["changes"] for i in c["old"]]
    new_ids = [i for c in doc["changes"] for i in c["new"]]
    assert sorted(old_ids) == sorted(load(SAMPLES / "rev1.txt").ids)
    assert sorted(new_ids) == sorted(load(SAMPLES / "rev2.txt").ids)
    split = next(c for c in doc["changes"] if c["kind"] == "split")
    assert split["old"] == ["12"] and split["new"] == ["12", "12bis"]
    moved = next(c for c in doc["changes"] if c["moved"])
    assert moved == {
        **moved,
        "old": ["23"],
        "new": ["29bis"],
        "renumbered": True,
        "kind": "unchanged",
        "old_section": "II. Progress in implementation",
        "new_section": "III. Challenges and gaps",
    }
    assert {"kind", "old", "new", "moved", "renumbered", "similarity", "old_section", "new_section", "edits"} <= set(
        doc["changes"][0]
    )


def test_cli_markdown_table():
    result = run("compare", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-f", "markdown")
    assert result.returncode == 0
    assert "| IV. Commitments and recommendations | 38 | 38 | modified |" in result.stdout
    assert "~~processes~~ **discussions**" in result.stdout


def test_cli_filters_stat_and_side_by_side():
    base = [str(SAMPLES / "rev3.txt"), str(SAMPLES / "final.txt")]
    only = run("compare", *base, "--only", "modified").stdout
    assert "49 → 55 modified, renumbered" in only and "9pre → 9 renumbered" not in only
    para = run("compare", *base, "--para", "42 bis").stdout
    assert "42bis → 46 renumbered" in para and "49 → 55" not in para
    stat = run("compare", *base, "--stat").stdout
    assert "biennially" not in stat and "49 → 55 modified, renumbered" in stat
    wide = run(
        "compare", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--side-by-side", env={"COLUMNS": "160"}
    ).stdout
    row = next(line for line in wide.splitlines() if "[-processes-]" in line)
    assert "{+discussions+}" in row  # old and new on one row


def test_cli_exit_codes():
    same = run("compare", str(SAMPLES / "rev1.txt"), str(SAMPLES / "rev1.docx"), "--exit-code")
    assert same.returncode == 0 and "No differences." in same.stdout
    differ = run("compare", str(SAMPLES / "rev1.txt"), str(SAMPLES / "rev2.txt"), "--exit-code")
    assert differ.returncode == 1
    assert run("compare", str(SAMPLES / "rev1.txt"), str(SAMPLES / "rev2.txt")).returncode == 0
    missing = run("compare", str(SAMPLES / "rev1.txt"), "nope.docx")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1


def test_cli_colour_follows_no_color():
    forced = run("compare", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[9;31m" in forced or "\x1b[31;9m" in forced  # red strike-through
    plain = run(
        "compare", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    ).stdout
    assert "\x1b[" not in plain and "[-processes-]" in plain


def test_draft_names_resolve_in_the_current_folder(tmp_path):
    for name in ("rev2", "rev3"):
        (tmp_path / f"{name}.txt").write_bytes((SAMPLES / f"{name}.txt").read_bytes())
    result = run("compare", "rev2", "rev3", "--stat", cwd=tmp_path)
    assert result.returncode == 0 and "38 → 38 modified" in result.stdout
    (tmp_path / "rev2.docx").write_bytes((SAMPLES / "rev2.docx").read_bytes())
    (tmp_path / "rev2.pdf").write_bytes((SAMPLES / "rev2.pdf").read_bytes())
    several = run("compare", "rev2", "rev3", "-f", "json", cwd=tmp_path)
    assert several.returncode == 0  # the documented preference: DOCX, then Markdown or text, then PDF
    assert json.loads(several.stdout)["old"]["source"] == "rev2.docx"
    assert "rev2: read rev2.docx (also rev2.txt, rev2.pdf; give a file name to choose)" in several.stderr


def test_draft_names_from_the_config_table(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "PD Rev3 clean.pdf").write_bytes((SAMPLES / "rev3.pdf").read_bytes())
    (inbox / "PD Rev2.docx").write_bytes((SAMPLES / "rev2.docx").read_bytes())
    (tmp_path / "draftdiff.toml").write_text(
        '[drafts]\nrev2 = "inbox/PD Rev2.docx"\nrev3 = "inbox/PD Rev3 clean.pdf"\n', encoding="utf-8"
    )
    sub = tmp_path / "notes"
    sub.mkdir()
    result = run("compare", "rev2", "rev3", "--para", "38", cwd=sub)  # found upwards
    assert result.returncode == 0, result.stderr
    assert "Rev 2 → Rev 3" in result.stdout and "[-processes-] {+discussions+}" in result.stdout


def test_malformed_config_names_file_and_line(tmp_path):
    (tmp_path / "draftdiff.toml").write_text('[drafts]\nrev2 = "a.docx"\nrev3 = \n', encoding="utf-8")
    result = run("compare", "rev2", "rev3", cwd=tmp_path)
    assert result.returncode == 2
    assert "draftdiff.toml" in result.stderr and "line 3" in result.stderr


def test_single_tracked_changes_file_compares_original_with_accepted():
    result = run("compare", str(SAMPLES / "rev2-rev3-tracked.docx"), "--stat")
    assert result.returncode == 0, result.stderr
    assert "Rev 2 (original) → Rev 2 (changes accepted)" in result.stdout
    assert "38 → 38 modified" in result.stdout and "34 + 35 → 34 merged" in result.stdout
    untracked = run("compare", str(SAMPLES / "rev2.docx"))
    assert untracked.returncode == 2 and "has no tracked changes" in untracked.stderr


def test_selection_is_one_library_object_for_every_command():
    from draftdiff.diff.selection import Selection
    from draftdiff.errors import DraftDiffError

    comparison = draftdiff.compare(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    by_para = Selection(paras=("para 38", "39 bis")).select(comparison)
    assert [c.old_ids for c in by_para] == [["38"], ["39bis"]]
    by_section = Selection(sections=("commitments and recommendations",)).select(comparison)
    assert by_section and all("Commitments" in (c.new_section or c.old_section) for c in by_section)
    assert all(c.is_change for c in by_section)  # unchanged ones only when asked for
    modified = Selection(kinds=frozenset({"modified"}), sections=("Commitments",)).select(comparison)
    assert modified and {c.kind for c in modified} == {"modified"}
    with pytest.raises(DraftDiffError, match="no paragraph"):
        Selection(paras=("999",)).select(comparison)


def test_para_and_section_work_in_check_and_export(tmp_path):
    check = run("check", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--para", "38", "-f", "json")
    assert [f["old"] for f in json.loads(check.stdout)["findings"]] == ["38"]
    target = tmp_path / "section.csv"
    exported = run(
        "export", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "-o", str(target), "--section", "Commitments"
    )
    assert exported.returncode == 0, exported.stderr
    lines = target.read_text(encoding="utf-8").splitlines()[1:]
    assert lines and all("Commitments and recommendations" in line for line in lines)


def test_terminal_report_opens_with_a_table_per_section():
    result = run("compare", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.txt"), "--stat", env={"COLUMNS": "120"})
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("section"))
    assert lines[header].split() == ["section", "unchanged", "modified", "added", "deleted", "moved"]
    rows = {line.rsplit(None, 5)[0]: line.split()[-5:] for line in lines[header + 1 : header + 5]}
    assert rows["IV. Commitments and recommendations"] == ["18", "3", "1", "·", "·"]
    assert rows["V. Follow-up and review"] == ["6", "·", "·", "1", "·"]
    assert "I. Introduction" not in rows  # no change there: not listed


def test_changes_before_the_first_heading_come_after_the_body():
    from draftdiff.writers.terminal import _body_first

    comparison = draftdiff.compare(
        load(SAMPLES / "rev2.txt"),
        Draft(
            source="x.txt",
            label="x",
            title="",
            paragraphs=read_and_build("A new preface line.\n\n" + (SAMPLES / "rev2.txt").read_text(encoding="utf-8")),
        ),
    )
    ordered = _body_first(comparison.differences)
    assert ordered[-1].kind == "added" and not (ordered[-1].new_section or ordered[-1].old_section)


def read_and_build(text: str):
    from draftdiff.document.structure import build

    return build(read_blocks(text), title_from_first=False)[1]


def test_a_run_of_renumbered_paragraphs_is_one_line():
    out = run_cli("compare", str(SAMPLES / "rev3.txt"), str(SAMPLES / "final.txt"), "--no-color", "--stat").stdout
    assert "9pre … 48 → 9 … 54: 50 paragraphs renumbered\n" in out  # across sections: none is named
    assert "49 → 55 modified, renumbered" in out  # a change of words is never folded away


def test_sections_whose_paragraphs_were_only_renumbered_make_an_empty_sections_table(tmp_path):
    # every change a renumbering: no section has a modified, added, deleted
    # or moved paragraph, so the table has its header and no row
    old = "Title\n\nI. First part\n\n1. Alpha beta gamma delta.\n\nII. Second part\n\n2. Epsilon zeta eta theta.\n"
    new = old.replace("1. Alpha", "3. Alpha").replace("2. Epsilon", "4. Epsilon")
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    result = run_cli("compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--no-color", "--no-pager")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("section "))
    assert "unchanged  modified  added  deleted  moved" in lines[header]
    assert "1 → 3" in result.stdout and "renumbered" in result.stdout


def test_word_diffs_shared_with_a_forked_child_are_the_diffs_made_here(monkeypatch):
    import draftdiff.execution as execution

    old, new = load(SAMPLES / "rev2.txt"), load(SAMPLES / "rev3.txt")
    here = draftdiff.compare(old, new).to_json()
    assert sum(1 for c in here["changes"] if c["edits"]) >= 4  # enough pairs to share
    monkeypatch.setattr(execution, "WORTH_FROM", {**execution.WORTH_FROM, "word diffs": 2})
    assert draftdiff.compare(old, new).to_json() == here  # shared with a child where the policy allows one

    def fails(*args):
        raise execution.ForkedCallFailed("the child died")

    monkeypatch.setattr(execution.ForkedCall, "result", fails)  # the pairs are diffed here instead
    assert draftdiff.compare(old, new).to_json() == here


def test_a_comparison_leaves_no_cycles_for_the_collector():
    """Large stages hand their objects to the oldest generation, which is
    collected seldom: a comparison must leave no cyclic garbage behind."""
    import gc

    old, new = load(SAMPLES / "rev2.docx"), load(SAMPLES / "rev3.docx")
    draftdiff.compare(old, new).to_json()
    gc.collect()
    gc.disable()  # no young collection may free a cycle before we count
    try:
        draftdiff.compare(old, new).to_json()
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0


def test_a_library_call_leaves_the_hosts_collector_as_the_host_set_it():
    """Only an entry point that owns its process sets the collector (execution.own_process_collector)."""
    import gc

    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(700, 10, 10)
    try:
        frozen = gc.get_freeze_count()
        draftdiff.history([SAMPLES / "zero.txt", SAMPLES / "rev1.txt"])
        draftdiff.compare(SAMPLES / "rev2.docx", SAMPLES / "rev3.docx")
        assert gc.get_threshold() == (700, 10, 10) and gc.isenabled() == enabled
        assert gc.get_freeze_count() == frozen
    finally:
        gc.set_threshold(*thresholds)
