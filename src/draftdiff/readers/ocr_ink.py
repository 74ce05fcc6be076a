"""Ink on an OCR'd page that Tesseract read no text from, found and read again.

Tesseract's page layout analysis (``--psm 4``) drops what it takes for
rules or noise: the Chinese numerals 一、二、三 that stand apart from an
annex's criteria (a numeral 一 is a horizontal stroke), or a heading alone at
the top of a page ("第三条 适用范围"). A reader sees that ink; here it is found
by comparing the page's dark pixels, line band by line band, with the boxes
of the lines Tesseract gave, and each piece left unread is read again alone,
as one line (``--psm 7``), where no layout analysis drops it.

Only pieces of the height of a line of text are taken (a rule is thinner, a
figure taller), and only what reads as text is kept: a label then goes in
front of the line it stands before, a line nobody read becomes a line.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .pdf_engines import Line

_DARK = 128  # a grey level below which a pixel is ink
_WIDE_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_STRAY_RE = re.compile(r"[\\|_~^`]")  # strokes of a speck, never a label's
_CJK_MARK_RE = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
_CJK_SPACE_RE = re.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])\s+(?=[\u2e80-\u9fff\uff00-\uffef])")  # "一 、"
_TRAILING_MARKS_RE = re.compile(r"(?<=[\u3000-\u9fff])[\s.:;,]+$")


@dataclass(frozen=True, slots=True)
class Piece:
    """A box of unread ink, in the page image's pixels."""

    x0: int
    top: int
    x1: int
    bottom: int


def unread_pieces(ink, lines: list[Line]) -> list[Piece]:
    """The pieces of ``ink`` (a 2-D boolean array: True where a pixel is dark)
    that stand in a band of the height of a line of text and that no line's box
    covers. ``lines``: what Tesseract read on the page, in the same pixels."""
    import numpy as np

    if not lines:
        return []
    height = statistics.median(max(line.bottom - line.top, 1.0) for line in lines)
    rows = np.flatnonzero(ink.sum(axis=1) >= 2)
    pieces: list[Piece] = []
    for top, bottom in _runs(rows, gap=2):
        if not 0.5 * height <= bottom - top + 1 <= 3 * height:
            continue  # a rule, a speck, or a figure
        band = ink[top : bottom + 1]
        covered = [
            (line.x0 - 0.3 * height, line.x1 + 0.3 * height)
            for line in lines
            if min(line.bottom, bottom) - max(line.top, top) > 0.3 * min(bottom - top + 1, line.bottom - line.top)
        ]
        columns = np.flatnonzero(band.sum(axis=0) > 0)
        for x0, x1 in _runs(columns, gap=int(height)):
            for left, right in _uncovered(x0, x1, covered):
                if right - left < 0.4 * height:
                    continue
                box = band[:, left : right + 1]
                rows_inked = np.flatnonzero(box.sum(axis=1) > 0)
                if rows_inked.size == 0 or rows_inked[-1] - rows_inked[0] + 1 < 0.4 * height:
                    continue  # a mark below or above a line, not a line's height of text
                # the band's height, not the ink's: "一" alone is a thin stroke, read in its line's height
                pieces.append(Piece(left, top, right, bottom))
    return pieces


def _runs(indexes, *, gap: int) -> list[tuple[int, int]]:
    """Sorted indexes into (first, last) runs, a gap of ``gap`` or less joining two."""
    runs: list[tuple[int, int]] = []
    for index in indexes.tolist():
        if runs and index - runs[-1][1] <= gap + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _uncovered(x0: int, x1: int, covered: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """The parts of [x0, x1] outside every covered interval."""
    parts = [(x0, x1)]
    for left, right in covered:
        kept: list[tuple[int, int]] = []
        for start, end in parts:
            if right < start or left > end:
                kept.append((start, end))
                continue
            if left > start:
                kept.append((start, int(left) - 1))
            if right < end:
                kept.append((int(right) + 1, end))
        parts = kept
    return [(start, end) for start, end in parts if end >= start]


def place(lines: list[Line], page: int, piece: Piece, text: str) -> bool:
    """Put what was read in ``piece`` into ``lines`` (pixels, reading order): in
    front of the line it stands before on the same band (a label), after the line
    it ends (its last words), or as a line of its own where no line stands.
    Whether it was kept: specks, and a lone letter where no line stands, are not."""
    # marks that are neither letters nor a Chinese text's marks ("一、       :") are specks
    text = _STRAY_RE.sub("", text)
    text = " ".join(word for word in text.split() if _LETTER_RE.search(word) or _CJK_MARK_RE.search(word))
    text = _TRAILING_MARKS_RE.sub("", _CJK_SPACE_RE.sub("", text))  # "二十一、." : the point is a speck
    letters = len(_LETTER_RE.findall(text))
    if not text:
        return False
    beside = [
        line
        for line in lines
        if min(line.bottom, piece.bottom) - max(line.top, piece.top) > 0.3 * (piece.bottom - piece.top + 1)
    ]
    after = [line for line in beside if line.x0 >= piece.x1]
    if after:
        line = min(after, key=lambda found: found.x0)
        glued = _WIDE_RE.match(text[-1]) and _WIDE_RE.match(line.text[:1] or " ")
        line.text = f"{text}{'' if glued else ' '}{line.text}"
        line.x0 = float(piece.x0)
        return True
    before = [line for line in beside if line.x1 <= piece.x0]
    if before and len(before) == len(beside):
        line = max(before, key=lambda found: found.x1)  # the end of a line, lost: "…的权范"
        glued = _WIDE_RE.match(line.text[-1:] or " ") and _WIDE_RE.match(text[0])
        line.text = f"{line.text}{'' if glued else ' '}{text}"
        line.x1 = float(piece.x1)
        return True
    if beside or letters < 2:
        return False  # ink inside a line, or one letter alone: a speck read as a letter
    found = Line(
        page=page,
        text=text,
        x0=float(piece.x0),
        x1=float(piece.x1),
        top=float(piece.top),
        bottom=float(piece.bottom),
        size=float(piece.bottom - piece.top + 1),
    )
    index = next((i for i, line in enumerate(lines) if line.top > piece.top), len(lines))
    lines.insert(index, found)
    return True
