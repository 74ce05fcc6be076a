"""Reviewers' comments travel with their paragraphs: reader, compare, exports."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

import draftdiff
from conftest import CORPUS, SAMPLES, run_cli


def test_docx_comments_attach_to_their_paragraph_with_author_date_and_anchor():
    rev3 = draftdiff.load(SAMPLES / "rev3.docx")
    by_id = {p.id: p for p in rev3.paragraphs}
    assert [(c.author, c.text) for c in by_id["38"].comments] == [
        ("Coalition for Migrant Rights", "Revert to Rev 2 language: 'discussions' narrows participation."),
        ("Delegation A", "Can accept the current wording."),
    ]
    assert by_id["38"].comments[0].date == "2030-05-13T10:00:00Z"
    assert by_id["38"].comments[0].anchor.startswith("We will ensure the meaningful participation")
    assert sum(len(p.comments) for p in rev3.paragraphs) == 5
    parsed = json.loads(run_cli("parse", str(SAMPLES / "rev3.docx"), "--format", "json").stdout)
    assert next(p for p in parsed["paragraphs"] if p["id"] == "30")["comments"][0]["author"] == "Delegation B"


def test_a_comment_on_some_words_keeps_them_as_its_anchor():
    source = CORPUS / "docx_pandoc" / "pandoc__comments.docx"
    if not source.exists():
        pytest.skip(f"needs {source} (../shared/corpus, see SOURCES.md)")
    draft = draftdiff.load(source)
    comments = [c for p in draft.paragraphs for c in p.comments]
    assert ("I left a comment.", "some text to have a comment") in [(c.text, c.anchor) for c in comments]
    # a range over two paragraphs joins them with a space
    assert ("A comment across paragraphs.", "a new paragraph. And so") in [(c.text, c.anchor) for c in comments]


def test_compare_json_carries_comments_per_change_and_counts_per_author():
    out = json.loads(
        run_cli("compare", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "--format", "json").stdout
    )
    change = next(c for c in out["changes"] if c["new"] == ["38"])
    assert [(c["side"], c["author"]) for c in change["comments"]] == [
        ("old", "Coalition for Migrant Rights"),
        ("new", "Coalition for Migrant Rights"),
        ("new", "Delegation A"),
    ]
    assert set(change["comments"][0]) >= {"side", "author", "date", "text", "anchor"}
    assert out["comments_by_author"]["new"] == {"Coalition for Migrant Rights": 2, "Delegation A": 2, "Delegation B": 1}
    assert all("comments" in c for c in out["changes"])


def test_terminal_shows_comments_under_changes_and_unchanged_ones_with_the_flag():
    args = ("compare", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "--no-color")
    plain = run_cli(*args).stdout
    assert "Comments in Rev 3 (5): Delegation A 2 · Coalition for Migrant Rights 2" in plain
    assert "Delegation A 2030-05-13 (new): Can accept the current wording." in plain
    assert "Support." not in plain  # 9ter is unchanged
    flagged = run_cli(*args, "--comments").stdout
    assert "9ter → 9ter unchanged" in flagged and "Delegation A 2030-05-13: Support." in flagged


def test_csv_and_html_carry_the_comments(tmp_path):
    target = tmp_path / "changes.csv"
    run_cli("export", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    by_new = {r["New"]: r for r in rows}
    assert "[new] Delegation A (2030-05-13): Can accept the current wording." in by_new["38"]["Comments"]
    assert by_new["9ter"]["Change"] == "unchanged" and "Support." in by_new["9ter"]["Comments"]
    page = tmp_path / "changes.html"
    run_cli("export", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.docx"), "-o", str(page))
    html = page.read_text(encoding="utf-8")
    assert '<aside class="comments"' in html and "Can accept the current wording." in html
    assert "Comments in Rev 3: 5" in html


def test_generated_redline_carries_comments_as_word_comments(tmp_path):
    target = tmp_path / "redline.docx"
    run_cli("export", str(SAMPLES / "rev2.txt"), str(SAMPLES / "rev3.docx"), "-o", str(target))
    with zipfile.ZipFile(target) as archive:
        comments = archive.read("word/comments.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert comments.count("<w:comment ") == 5 and "Can accept the current wording." in comments
    assert document.count("<w:commentReference ") == 5


def test_generated_redline_when_the_new_draft_is_not_a_docx_keeps_the_old_comments(tmp_path):
    target = tmp_path / "redline.docx"
    run_cli("export", str(SAMPLES / "rev2.docx"), str(SAMPLES / "rev3.txt"), "-o", str(target))
    with zipfile.ZipFile(target) as archive:
        comments = archive.read("word/comments.xml").decode()
    assert comments.count("<w:comment ") == 2 and "[Rev 2] Retain the reference to children" in comments


def test_a_new_docx_with_its_own_tracked_changes_gets_a_generated_redline_that_still_rejects_to_the_old(tmp_path):
    # joined paragraphs (a deleted paragraph mark) cannot be marked in place
    old = draftdiff.load(SAMPLES / "rev1.docx")
    new = draftdiff.load(SAMPLES / "rev2-rev3-tracked.docx")
    from draftdiff import ReadOptions
    from draftdiff.exporting import render

    path = tmp_path / "redline.docx"
    path.write_bytes(render(draftdiff.compare(old, new), "docx"))
    rejected = draftdiff.load(path, options=ReadOptions(revisions="reject"))
    accepted = draftdiff.load(path, options=ReadOptions(revisions="accept"))
    assert [p.text for p in rejected] == [p.text for p in old]
    assert [p.text for p in accepted] == [p.text for p in new]
