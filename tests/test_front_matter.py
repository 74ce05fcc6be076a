"""Front matter and closing lines of negotiating texts: furniture, never paragraphs."""

from __future__ import annotations

from pathlib import Path

from draftdiff import load


def _draft(tmp_path: Path, text: str, name: str = "draft.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_a_title_block_naming_the_kind_of_document_is_masthead(tmp_path):
    draft = _draft(
        tmp_path,
        "Non-paper\n\nNote by the Co-Chairs\n\n5 October 2015\n\nThe Parties to this Text,\n\n"
        "1. Each Party shall report.\n\n2. Each Party may review.\n",
    )
    assert [p.id for p in draft.paragraphs] == ["u1", "1", "2"]
    masthead = [f.text for f in draft.furniture if f.kind == "masthead"]
    assert masthead == ["Non-paper", "Note by the Co-Chairs", "5 October 2015"]


def test_a_report_title_line_before_the_first_decision_is_masthead(tmp_path):
    draft = _draft(
        tmp_path,
        "United Nations\n\nXX/YY/2021/1\n\nReport of the Assembly of the Members on its third session, held in "
        "Town from 1 to 3 May 2021\n\nDecision 1/AM.3\n\nOur common rules\n\n1. Adopts the rules;\n",
    )
    assert not any(p.text.startswith("Report of the Assembly") for p in draft.paragraphs)
    assert any(f.text.startswith("Report of the Assembly") for f in draft.furniture)


def test_a_dated_version_line_with_a_note_is_masthead_and_keeps_its_note(tmp_path):
    draft = _draft(
        tmp_path,
        "# Draft text\n\n*Edited version of 6 November 2015*[^1]\n\n## Preamble\n\nThe Parties to this Text,\n\n"
        "1. Each Party shall report.\n\n[^1]: The numbering was updated.\n",
        name="draft.md",
    )
    assert [p.id for p in draft.paragraphs] == ["u1", "u2", "1"]
    kinds = {f.text: f.kind for f in draft.furniture}
    assert kinds["Edited version of 6 November 2015"] == "masthead"
    assert kinds["1 The numbering was updated."] == "note"


def test_the_line_recording_the_adopting_meeting_closes_a_decision_as_furniture(tmp_path):
    draft = _draft(
        tmp_path,
        "Decision 1/AM.3\n\nOur common rules\n\n1. Adopts the rules;\n\n2. Requests a report.\n\n"
        "12th plenary meeting\n13 November 2021\n\nDecision 2/AM.3\n\nOur budget\n\n1. Approves the budget.\n\n"
        "3rd plenary meeting\n1 May 2022\n",
    )
    texts = [p.text for p in draft.paragraphs]
    assert not any("plenary meeting" in t for t in texts)
    adopted = [f.text for f in draft.furniture if f.kind == "adopted"]
    assert adopted == ["12th plenary meeting 13 November 2021", "3rd plenary meeting 1 May 2022"]
    assert "Dec1/AM.3.2.u1" not in [p.id for p in draft.paragraphs]


def test_a_meeting_named_inside_a_paragraph_stays_in_it(tmp_path):
    draft = _draft(tmp_path, "1. Recalls what was said at the 12th plenary meeting on 13 November 2021.\n")
    assert [p.id for p in draft.paragraphs] == ["1"]
    assert not draft.furniture
