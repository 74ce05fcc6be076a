"""draftdiff versions: language versions of one text side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from draftdiff.negotiation.figures import numbers_in
from draftdiff.negotiation.versions import compare_versions
from draftdiff.readers import load
from un_languages import VERSIONS


def _write(tmp_path: Path, texts: dict[str, str]) -> list[Path]:
    paths = []
    for language, text in texts.items():
        path = tmp_path / f"treaty_{language}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _found(tmp_path: Path, texts: dict[str, str]) -> list[tuple[str, str, str]]:
    result = compare_versions([load(p) for p in _write(tmp_path, texts)])
    return [(d.kind, d.id, d.language) for d in result.discrepancies]


def test_six_faithful_versions_agree(tmp_path: Path) -> None:
    result = compare_versions([load(p) for p in _write(tmp_path, VERSIONS)])
    assert [v.language for v in result.versions] == list(VERSIONS)
    assert result.discrepancies == []
    assert len(result.rows) == len(load(_write(tmp_path, {"en": VERSIONS["en"]})[0]).paragraphs)


@pytest.mark.parametrize(
    ("language", "paragraph", "year", "note"),
    [
        (
            "fr",
            "2. « Partie » s’entend d’un État qui a consenti à être lié par le présent Accord.\n\n",
            ("1982,", "1983,"),
            "[^1]",
        ),
        (
            "ru",
            "2. «Сторона» означает государство, которое согласилось на обязательность для него настоящего Соглашения.\n\n",
            ("1982 года,", "1983 года,"),
            "[^1]",
        ),
        ("zh", "二、“缔约方”是指已同意受本协定约束的国家。\n\n", ("回顾一九八二年", "回顾一九八三年"), "[^1]"),
        (
            "ar",
            "٢ - يقصد بمصطلح ”الطرف“ الدولة التي قبلت الالتزام بهذا الاتفاق.\n\n",
            ("ديسمبر ١٩٨٢،", "ديسمبر ١٩٨٣،"),
            "[^1]",
        ),
    ],
)
def test_an_edited_version_reports_exactly_its_edits(
    tmp_path: Path, language: str, paragraph: str, year: tuple[str, str], note: str
) -> None:
    text = VERSIONS[language]
    assert paragraph in text and year[0] in text and note in text
    edited = text.replace(paragraph, "").replace(year[0], year[1]).replace(note, "", 1)
    found = _found(tmp_path, {**VERSIONS, language: edited})
    assert sorted(found) == sorted(
        [("numbers", "PP1", language), ("notes", "Art1.1", language), ("missing", "Art1.2", language)]
    )


def test_an_extra_paragraph_is_extra(tmp_path: Path) -> None:
    spanish = VERSIONS["es"].replace(
        "2. Las Partes cooperarán en la aplicación del presente Acuerdo.\n",
        "2. Las Partes cooperarán en la aplicación del presente Acuerdo.\n\n3. Las Partes informarán a la Conferencia.\n",
    )
    assert ("extra", "Art2.3", "es") in _found(tmp_path, {**VERSIONS, "es": spanish})


def test_two_paragraphs_run_together_are_not_missing(tmp_path: Path) -> None:
    """A version that prints two paragraphs as one has the second's words: nothing is missing."""
    french = VERSIONS["fr"].replace("pollueur-payeur ;\n\nb) Le principe", "pollueur-payeur ; b) Le principe")
    assert french != VERSIONS["fr"]
    found = _found(tmp_path, {"en": VERSIONS["en"], "fr": french})
    assert [f for f in found if f[0] in ("missing", "extra")] == []


def test_numbers_are_read_in_every_script_and_convention() -> None:
    assert numbers_in("1,5 °C et 1 500 tonnes en 1982", "fr") == numbers_in("1.5 °C and 1,500 tonnes in 1982", "en")
    assert set(numbers_in("١٫٥ درجة مئوية في عام ١٩٨٢", "ar")) == {"1.5", "1982"}
    assert set(numbers_in("一九八二年十二月十日，第（三）款，百分之十", "zh")) == {"1982", "12", "10", "3"}
    assert set(numbers_in("10 December 1982, paragraph 3, 10 per cent", "en")) == {"1982", "12", "10", "3"}
    assert numbers_in("1.5 °C", "en") != numbers_in("2 °C", "fr")
    assert not numbers_in("May take decisions on Part of it", "en")
    assert set(numbers_in("el 10 de diciembre de 1982", "es")) == {"10", "12", "1982"}
    assert set(numbers_in("二○三○年，三年", "zh")) == {"2030"}


def test_the_command_is_a_gate_with_a_json_contract(tmp_path: Path) -> None:
    paths = [str(p) for p in _write(tmp_path, VERSIONS)]
    agreed = run_cli("versions", *paths, "-f", "json")
    assert agreed.returncode == 0, agreed.stderr
    document = json.loads(agreed.stdout)
    assert document["schema"] == "draftdiff.versions/1"
    assert [v["language"] for v in document["languages"]] == list(VERSIONS)
    assert document["languages"][0]["file"] == paths[0]
    assert document["discrepancies"] == []
    edited = tmp_path / "edited_fr.txt"
    edited.write_text(VERSIONS["fr"].replace("120 jours", "90 jours"), encoding="utf-8")
    differing = run_cli("versions", paths[0], str(edited), "-f", "json")
    assert differing.returncode == 1
    [found] = json.loads(differing.stdout)["discrepancies"]
    assert found["kind"] == "numbers" and found["id"] == "Art3.1" and found["language"] == "fr"
    assert "90" in found["detail"] and "120" in found["detail"]


def test_every_format_of_versions(tmp_path: Path) -> None:
    arabic = tmp_path / "ar.txt"
    arabic.write_text(VERSIONS["ar"].replace("١٢٠ يوما", "٩٠ يوما"), encoding="utf-8")
    english = tmp_path / "en.txt"
    english.write_text(VERSIONS["en"], encoding="utf-8")
    terminal = run_cli("versions", str(english), str(arabic), "--no-color")
    assert terminal.returncode == 1 and "Arabic" in terminal.stdout and "Art3.1" in terminal.stdout
    html = run_cli("versions", str(english), str(arabic), "-o", str(tmp_path / "v.html"))
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    assert html.returncode == 1 and 'dir="rtl" lang="ar"' in page
    csv = run_cli("versions", str(english), str(arabic), "-f", "csv")
    assert csv.stdout.splitlines()[1].startswith("Art3.1,numbers,ar,")
    run_cli("versions", str(english), str(arabic), "-o", str(tmp_path / "v.xlsx"))
    assert (tmp_path / "v.xlsx").read_bytes()[:2] == b"PK"


def test_one_version_is_a_usage_error(tmp_path: Path) -> None:
    [path] = _write(tmp_path, {"en": VERSIONS["en"]})
    result = run_cli("versions", str(path))
    assert result.returncode == 2 and "two" in result.stderr and "Traceback" not in result.stderr


def test_front_matter_laid_out_otherwise_is_not_extra(tmp_path: Path) -> None:
    """A masthead or a title printed on more lines in one version adds no paragraph of the text."""
    french = "NATIONS UNIES\n\n" + VERSIONS["fr"].replace("MILIEU MARIN", "MILIEU\n\nMARIN", 1)
    assert [f for f in _found(tmp_path, {"en": VERSIONS["en"], "fr": french}) if f[0] in ("missing", "extra")] == []


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "languages"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the languages corpus is absent")
def test_the_bbnj_language_versions_lack_no_paragraph() -> None:
    names = ("en.pdf", "fr.pdf", "ru.text.txt", "zh.text.txt")
    result = compare_versions([load(CORPUS / f"BBNJ_Agreement_2023_{name}") for name in names])
    assert [v.language for v in result.versions] == ["en", "fr", "ru", "zh"]
    lacking = [(d.kind, d.id, d.language) for d in result.discrepancies if d.kind in ("missing", "extra")]
    assert [f for f in lacking if f[2] in ("fr", "ru")] == []
    assert len(lacking) <= 2  # annex II (e)(ii)'s sub-items, laid out otherwise in the Chinese curated text
