"""What OCR measures of a page, read into lines the PDF layout can trust."""

from __future__ import annotations

from draftdiff.readers.ocr import hocr_lines, page_number


def _hocr(lines: list[tuple[str, str]]) -> str:
    """An hOCR page: each line a title (bbox, baseline, x_size) and its words."""
    body = []
    for index, (title, text) in enumerate(lines):
        words = "".join(f"<span class='ocrx_word' id='w{index}_{n}'>{w}</span> " for n, w in enumerate(text.split()))
        body.append(f"<span class='ocr_line' id='line_{index}' title=\"{title}\">{words}</span>")
    return "<div class='ocr_page'>" + "\n".join(body) + "</div>"


def test_a_line_size_is_measured_from_its_letters_not_tesseracts_block_estimate() -> None:
    # one body text, two Tesseract blocks: x_size 28.7 in one, 42 in the other
    page = _hocr(
        [
            ("bbox 514 391 2161 433; baseline 0 -10; x_size 28.677084", "Настоящее Соглашение применяется к районам"),
            (
                "bbox 514 444 2161 486; baseline 0 -10; x_size 28.677084",
                "за пределами действия национальной юрисдикции.",
            ),
            ("bbox 514 592 2161 634; baseline 0 -10; x_size 42", "Стороны руководствуются следующими принципами:"),
            ("bbox 514 645 1200 676; baseline 0 0; x_size 42", "от их положения и лицами"),  # small letters only
        ]
    )
    sizes = [round(line.size) for line in hocr_lines(page, 1)]
    assert sizes[0] == sizes[1] == sizes[2] == sizes[3]
    assert 40 <= sizes[0] <= 46  # 10-point type at 300 dpi is 42 pixels


def test_a_chinese_line_is_as_tall_as_its_characters() -> None:
    page = _hocr(
        [
            ("bbox 644 826 2159 868; baseline -0.001 -1; x_size 54.7", "缔约方应鼓励本协定的非缔约方"),
            ("bbox 1229 619 1449 660; baseline 0 0; x_size 97.25", "第六十二条"),
        ]
    )
    sizes = [round(line.size) for line in hocr_lines(page, 1)]
    assert abs(sizes[0] - sizes[1]) <= 2


def test_a_chinese_line_whose_box_a_mark_swells_keeps_its_characters_size() -> None:
    # Tesseract's box of the second line reaches a line above it (93 pixels for 42-pixel
    # characters); its words stand 42 pixels tall, as the first line's do
    def line(index: int, top: int, bottom: int, words: list[str]) -> str:
        spans = "".join(
            f"<span class='ocrx_word' id='w{index}_{n}' title='bbox {600 + 200 * n} {bottom - 42} "
            f"{760 + 200 * n} {bottom}; x_wconf 95'>{word}</span> "
            for n, word in enumerate(words)
        )
        return f"<span class='ocr_line' id='line_{index}' title=\"bbox 600 {top} 2100 {bottom}; baseline 0 0\">{spans}</span>"

    words = ["缔约方", "应当", "鼓励", "本协定的", "非缔约方", "成为", "缔约方"]
    page = "<div class='ocr_page'>" + line(0, 800, 842, words) + line(1, 850, 943, words) + "</div>"
    sizes = [round(found.size) for found in hocr_lines(page, 1)]
    assert sizes == [42, 42]


def test_a_page_number_read_as_letters_is_put_back_into_digits() -> None:
    assert page_number("- S6 -") == "- 56 -"
    assert page_number("- S$9 -") == "- 59 -"
    assert page_number("- 54 -") == "- 54 -"
    assert page_number("- Wey -") == "- Wey -"  # no digit: no page number
    assert page_number("Статья 5 -") == "Статья 5 -"
