"""Text layers that lie are caught, and read by OCR (Tesseract) where it is installed."""

from __future__ import annotations

import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from typer.testing import CliRunner

from conftest import corpus_dir
from draftdiff import load
from draftdiff.cli import app
from draftdiff.errors import InputError
from draftdiff.readers import ocr, text_layer
from draftdiff.readers.pdf_engines import Line, PageText
from pdfmake import make_pdf

HAS_TESSERACT = ocr.engine() is not None
needs_tesseract = pytest.mark.skipif(
    not HAS_TESSERACT, reason="tesseract not installed (apt-get install tesseract-ocr)"
)

TEXT = [
    "1. The Parties shall cooperate in good faith to protect",
    "the marine environment of areas beyond national jurisdiction.",
    "2. Each Party shall take the necessary legislative measures",
    "to ensure that information is notified to the mechanism.",
]
MORE = [
    "3. The Conference of the Parties shall keep under review",
    "and evaluate the implementation of this Agreement.",
    "4. Any Party may propose amendments to this Agreement",
    "for consideration at a meeting of the Conference.",
]
# the letters decode to IPA look-alikes, as a font with no usable Unicode map does
IPA = {letter: chr(0x250 + index) for index, letter in enumerate("abcdefghijklmnopqrstuvwxyz")}


def _lines(texts: list[str], top: float = 100) -> list[tuple[float, float, str]]:
    return [(72, top + index * 16, text) for index, text in enumerate(texts)]


def _page(*texts: str, number: int = 1) -> PageText:
    lines = [Line(number, text, 72, 500, 100 + i * 16, 110 + i * 16, 11) for i, text in enumerate(texts)]
    return PageText(number, 595, 842, lines)


@pytest.fixture
def without_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "engine", lambda: None)


# -- the text layer ------------------------------------------------------------------


ENGLISH = " ".join(TEXT * 6)


def test_a_truthful_layer_is_clean_and_its_language_known():
    report = text_layer.inspect([_page(ENGLISH), _page(ENGLISH, number=2)])
    assert report.clean
    assert report.language == "en"


def test_ipa_look_alikes_make_a_page_lie():
    garbage = "".join(IPA.get(char, char) for char in ENGLISH)
    report = text_layer.inspect([_page(ENGLISH), _page(garbage, number=2)])
    assert list(report.lying_pages) == [2]
    assert "no script" in report.lying_pages[2]


def test_control_characters_for_spaces_make_a_page_lie():
    report = text_layer.inspect([_page(ENGLISH), _page(ENGLISH.replace(" ", "\x03"), number=2)])
    assert list(report.lying_pages) == [2]


def test_a_stream_of_unrelated_characters_lies():
    # what the Chinese PDF decodes to: characters of a dozen scripts
    garbage = "᱗㑋⼰⺛⼄䂔ⳉ⹌䊝᱘㻣⺛コ㻞ⳗ㸈ഔ亴жғޡӂᒪॷӂᴾॷᰛɅ㚊ਾള⎭⍁⌋ޢ㓜Ɇ" * 10
    report = text_layer.inspect([_page(garbage)])
    assert list(report.lying_pages) == [1]


def test_words_of_no_language_lie_even_in_plain_letters():
    shifted = "".join(chr(ord("a") + (ord(c) - ord("a") + 7) % 26) if c.islower() else c for c in ENGLISH)
    report = text_layer.inspect([_page(shifted), _page(shifted, number=2)])
    assert set(report.lying_pages) == {1, 2}
    assert "too few words" in report.lying_pages[1]


def test_a_heading_in_a_broken_font_is_one_lying_line():
    french = " ".join(["Les Parties coopèrent de bonne foi à la protection du milieu marin et de la diversité."] * 12)
    page = _page("DISPOSITIONS *ÉNÉRALES", french, "RESSOURCES *ÉNÉTI4UES MARINES", "Champ d¶application")
    report = text_layer.inspect([page])
    assert report.lying_pages == {}
    assert report.lying_lines == {1: [0, 2, 3]}
    assert report.language == "fr"


def test_bullets_code_and_symbols_are_not_lies():
    page = _page(ENGLISH, "\uf0b7", "Schedules A&B and C&D", "if (i < blocks) {", "*If you expatriated", "5% of it")
    assert text_layer.inspect([page]).clean


def test_chinese_text_is_not_taken_for_garbage():
    chinese = "本协定各缔约方，回顾一九八二年十二月十日《联合国海洋法公约》相关规定，包括保护和保全海洋环境的义务。" * 4
    report = text_layer.inspect([_page(chinese)])
    assert report.clean and report.language == "zh"


# -- the reader says so, never silently ----------------------------------------------------


def _lying_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "lies.pdf"
    path.write_bytes(make_pdf([_lines(TEXT), _lines(MORE)], to_unicode=IPA, size=14))
    return path


def test_without_tesseract_one_warning_names_the_pages_and_how_to_install(tmp_path, without_tesseract):
    draft = load(_lying_pdf(tmp_path))
    about = [str(w) for w in draft.warnings if "text layer" in str(w)]
    assert len(about) == 1
    assert "pages 1-2" in about[0]
    assert "apt-get install tesseract-ocr" in about[0]
    assert "not read by OCR" in about[0]


def test_the_command_line_shows_the_warning(tmp_path, without_tesseract):
    result = CliRunner().invoke(app, ["parse", str(_lying_pdf(tmp_path)), "--format", "json"])
    assert result.exit_code == 0
    assert "does not say what is printed" in result.output


def test_a_bad_language_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(_lying_pdf(tmp_path)), "--language", "not a language!"])
    assert result.exit_code == 2
    assert "language" in result.output


def test_language_codes_are_tesseracts():
    assert ocr.tesseract_language("fr") == "fra"
    assert ocr.tesseract_language("zh") == "chi_sim"
    assert ocr.tesseract_language("rus+eng") == "rus+eng"
    assert ocr.tesseract_language("ru-RU") == "rus"
    assert ocr.install_hint("chi_sim") == "apt-get install tesseract-ocr tesseract-ocr-chi-sim"


def test_roman_numerals_read_as_cyrillic_letters_are_put_back():
    assert ocr.latin_numerals("ЧАСТЬ УШ") == "ЧАСТЬ VIII"
    assert ocr.latin_numerals("в соответствии с частью П настоящего") == "в соответствии с частью II настоящего"
    assert ocr.latin_numerals("ЧАСТЬ ПРАВ") == "ЧАСТЬ ПРАВ"  # a word, not a numeral
    assert ocr.latin_numerals("части у государства") == "части у государства"


def test_chinese_item_labels_misread_are_put_back():
    assert ocr.chinese_labels("《八) 所有国家的科学家") == "（八） 所有国家的科学家"
    assert ocr.chinese_labels("(丸) 认为") == "（九） 认为"
    assert ocr.chinese_labels("《联合国海洋法公约》") == "《联合国海洋法公约》"
    assert ocr.chinese_labels("《1) 自然和社会科学") == "（1） 自然和社会科学"  # the next level's "（1）"
    assert ocr.chinese_labels("5。建立训练有素的人力资源网络机制") == "5. 建立训练有素的人力资源网络机制"
    assert ocr.chinese_labels("4.。为开发人力资源") == "4. 为开发人力资源"


def test_blank_pages_are_not_called_scanned(tmp_path, without_tesseract):
    out = pdfium.PdfDocument(make_pdf([_lines(TEXT)]))
    out.new_page(595, 842)
    path = tmp_path / "blank.pdf"
    out.save(path)
    draft = load(path)
    assert draft.get("1") is not None
    assert not [w for w in draft.warnings if "scanned" in str(w) or "OCR" in str(w)]


def _scanned_page_pdf(tmp_path: Path) -> Path:
    """A text page, then a page that is only an image of text (a scan), made with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=46)
    for index, text in enumerate(
        ["3. The Conference of the Parties shall keep under review", "the implementation of this Agreement."]
    ):
        draw.text((300, 400 + index * 70), text, fill=0, font=font)
    scan = io.BytesIO()
    image.save(scan, format="PDF", resolution=300)
    out = pdfium.PdfDocument(make_pdf([_lines(TEXT)]))
    out.import_pages(pdfium.PdfDocument(scan.getvalue()))
    path = tmp_path / "scan.pdf"
    out.save(path)
    return path


def test_a_scanned_page_without_tesseract_is_named(tmp_path, without_tesseract):
    draft = load(_scanned_page_pdf(tmp_path))
    about = [str(w) for w in draft.warnings if "scanned" in str(w)]
    assert len(about) == 1 and "page 2" in about[0] and "apt-get install" in about[0]


def test_a_pdf_of_scans_only_without_tesseract_says_how_to_install_it(tmp_path, without_tesseract):
    scans = _scanned_page_pdf(tmp_path)
    only = pdfium.PdfDocument.new()
    only.import_pages(pdfium.PdfDocument(scans), [1])
    path = tmp_path / "only.pdf"
    only.save(path)
    with pytest.raises(InputError, match=r"no text layer \(page 1\)") as caught:
        load(path)
    assert "apt-get install tesseract-ocr" in str(caught.value.hint)


# -- OCR ----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text).lower())


@needs_tesseract
def test_ocr_reads_a_lying_layer_into_numbered_paragraphs(tmp_path):
    draft = load(_lying_pdf(tmp_path))
    assert [p.id for p in draft.paragraphs] == ["1", "2", "3", "4"]
    read = Counter(_words(" ".join(p.text for p in draft.paragraphs)))
    want = Counter(_words(" ".join(TEXT + MORE)))
    assert sum((want - read).values()) <= 2  # OCR may miss a word, not the text
    assert any("read by OCR (Tesseract, eng)" in str(w) for w in draft.warnings)


@needs_tesseract
def test_ocr_reads_a_scanned_page(tmp_path):
    draft = load(_scanned_page_pdf(tmp_path))
    third = draft.get("3")
    assert third is not None
    assert "Conference of the Parties" in third.text and "implementation" in third.text
    assert any("page 2 is scanned" in str(w) and "read by OCR" in str(w) for w in draft.warnings)


@needs_tesseract
def test_the_language_option_reaches_ocr(tmp_path):
    result = CliRunner().invoke(app, ["parse", str(_lying_pdf(tmp_path)), "--language", "en", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Tesseract, eng" in result.output


@needs_tesseract
def test_ocr_in_one_process_gives_the_same_text(tmp_path, monkeypatch):
    path = _lying_pdf(tmp_path)
    parallel = [p.text for p in load(path).paragraphs]
    monkeypatch.setenv("DRAFTDIFF_PROCESSES", "0")
    assert [p.text for p in load(path).paragraphs] == parallel


# -- the corpus: pages of the UN's Russian and Chinese PDFs ------------------------------


def _pages_of(source: Path, pages: list[int], tmp_path: Path) -> Path:
    """A few pages of a corpus PDF, in a file of the test's own."""
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(source), [page - 1 for page in pages])
    path = tmp_path / source.name
    out.save(path)
    return path


def _needs_language(name: str) -> None:
    found = ocr.engine()
    if found is None or name not in found.languages:
        pytest.skip(
            f"tesseract or its {name} data not installed (apt-get install tesseract-ocr-{name.replace('_', '-')})"
        )


@pytest.mark.parametrize(("name", "language", "pages"), [("ru", "rus", [3, 11]), ("zh", "chi_sim", [3, 11])])
def test_corpus_pages_that_lie_are_read_by_ocr(tmp_path, name, language, pages):
    folder = corpus_dir("languages")
    _needs_language(language)
    source = folder / f"BBNJ_Agreement_2023_{name}.pdf"
    draft = load(_pages_of(source, pages, tmp_path))
    warning = [str(w) for w in draft.warnings if "text layer" in str(w)]
    assert len(warning) == 1 and f"Tesseract, {language}" in warning[0]
    read = " ".join(p.text for p in draft.paragraphs)
    curated = (folder / f"BBNJ_Agreement_2023_{name}.text.txt").read_text(encoding="utf-8")
    if name == "zh":
        read_units = [c for c in read if "\u4e00" <= c <= "\u9fff"]
        known = set(curated)
    else:
        read_units = [w for w in _words(read) if len(w) > 1]
        known = set(_words(curated))
    assert len(read_units) > 300
    found = sum(1 for unit in read_units if unit in known)
    assert found / len(read_units) >= 0.97  # what OCR read is the treaty's words
