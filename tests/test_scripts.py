"""Words in every script: text without spaces, right-to-left text, compatibility forms."""

from __future__ import annotations

from pathlib import Path

import draftdiff
from conftest import run_cli
from draftdiff.diff.tokens import tokens
from draftdiff.diff.wording import diff
from un_languages import VERSIONS


def test_chinese_is_compared_character_by_character() -> None:
    found = diff("缔约方应合作执行本协定。", "缔约方应当合作执行本协定。")
    assert [e.to_json() for e in found.edits] == [{"op": "insert", "old": "", "new": "当"}]
    assert tokens("缔约方 Parties 18(a)") == ["缔", "约", "方", "parties", "18(a)"]


def test_arabic_tatweel_and_presentation_forms_are_no_change() -> None:
    assert not diff("يقصد بمصطلح الكتاب", "يقصد بمصطلح الكـتاب").changed  # a stretched word
    assert not diff("لا يجوز", "ﻻ يجوز").changed  # the lam-alef ligature as a presentation form
    assert diff("يجوز", "لا يجوز").changed


def _pair(tmp_path: Path, language: str, old: str, new: str) -> tuple[Path, Path]:
    a, b = tmp_path / f"old_{language}.txt", tmp_path / f"new_{language}.txt"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return a, b


def test_chinese_and_arabic_paragraphs_align_when_edited(tmp_path: Path) -> None:
    chinese = VERSIONS["zh"]
    edited = chinese.replace("二、缔约方应合作执行本协定。", "二、缔约方应充分合作执行本协定。")
    comparison = draftdiff.compare(*_pair(tmp_path, "zh", chinese, edited))
    [change] = [c for c in comparison.changes if c.kind != "unchanged"]
    assert change.kind == "modified" and change.new_ids == ["Art2.2"]
    assert [e.new for e in change.edits] == ["充分"]
    arabic = VERSIONS["ar"]
    edited = arabic.replace("تتعاون الأطراف في تنفيذ", "تتعاون الأطراف تعاونا تاما في تنفيذ")
    comparison = draftdiff.compare(*_pair(tmp_path, "ar", arabic, edited))
    [change] = [c for c in comparison.changes if c.kind != "unchanged"]
    assert change.kind == "modified" and change.new_ids == ["Art2.2"]


def test_html_lets_right_to_left_text_run_right_to_left(tmp_path: Path) -> None:
    arabic = VERSIONS["ar"]
    old, new = _pair(tmp_path, "ar", arabic, arabic.replace("المبادئ العامة", "المبادئ الأساسية"))
    out = tmp_path / "report.html"
    result = run_cli("export", str(old), str(new), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert 'dir="auto"' in out.read_text(encoding="utf-8")


def test_check_says_its_rules_are_english_on_other_languages(tmp_path: Path) -> None:
    french = VERSIONS["fr"]
    old, new = _pair(tmp_path, "fr", french, french.replace("coopèrent", "peuvent coopérer"))
    result = run_cli("check", str(old), str(new))
    notes = [line for line in result.stderr.splitlines() if "French" in line]
    assert len(notes) == 1 and "English" in notes[0]
    english = VERSIONS["en"]
    old, new = _pair(tmp_path, "en", english, english.replace("shall cooperate", "may cooperate"))
    assert "English only" not in run_cli("check", str(old), str(new)).stderr
