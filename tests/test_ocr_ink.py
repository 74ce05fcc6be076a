"""Ink an OCR'd page shows but Tesseract read nothing from is found, read again and placed."""

from __future__ import annotations

import numpy as np

from draftdiff.readers.ocr_ink import Piece, place, unread_pieces
from draftdiff.readers.pdf_engines import Line


def _line(text: str, x0: float, top: float, x1: float, bottom: float) -> Line:
    return Line(page=1, text=text, x0=x0, x1=x1, top=top, bottom=bottom, size=bottom - top)


def test_a_numeral_left_of_its_line_and_a_heading_nobody_read_are_found() -> None:
    ink = np.zeros((600, 1000), dtype=bool)
    ink[100:140, 300:900] = True  # a line Tesseract read
    ink[100:140, 150:220] = True  # its numeral, standing apart, that it dropped
    ink[200:240, 400:600] = True  # a heading it did not read at all
    ink[260:262, 100:900] = True  # a rule: too thin to be text
    ink[420:560, 100:200] = True  # a figure: too tall
    lines = [_line("独特性；", 300, 100, 900, 140), _line("稀缺性；", 300, 300, 900, 340)]
    pieces = unread_pieces(ink, lines)
    assert pieces == [Piece(150, 100, 219, 139), Piece(400, 200, 599, 239)]


def test_what_is_read_again_goes_before_its_line_after_it_or_alone() -> None:
    lines = [_line("独特性；", 300, 100, 900, 140), _line("适当资格和专长的委员会的职权", 100, 300, 800, 340)]
    assert place(lines, 1, Piece(150, 100, 220, 139), "一 、  :")  # specks and a space dropped
    assert place(lines, 1, Piece(820, 300, 900, 339), "范围")
    assert place(lines, 1, Piece(400, 200, 600, 239), "第三条")
    assert not place(lines, 1, Piece(400, 400, 430, 439), "和")  # one letter alone: a speck
    assert [line.text for line in lines] == ["一、独特性；", "第三条", "适当资格和专长的委员会的职权范围"]
    assert lines[0].x0 == 150
