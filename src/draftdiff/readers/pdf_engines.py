"""PDF text engines: each turns pages into positioned :class:`Line` objects.

pypdfium2 (default) is fast: it gives the page text with its own line breaks,
and we ask for geometry only per line and for the few characters that may be
footnote markers, not for every character. pdfplumber is the second engine:
slower, built from every character's box. Both feed the same layout code in
:mod:`.pdf`, and must agree on well-formed files.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from ..document.model import ReadWarning
from ..errors import InputError


@dataclass
class Line:
    """One visual line of text. Coordinates are in points from the page's top-left."""

    page: int  # 1-based
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    # footnote markers taken out of the text: (offset in text, marker)
    markers: list[tuple[int, str]] = field(default_factory=list)
    # set in an italic face: a subset font's descriptor may claim an italic's weight is bold
    italic: bool = False


@dataclass
class PageText:
    number: int
    width: float
    height: float
    lines: list[Line]


@dataclass
class Extracted:
    pages: list[PageText]
    warnings: list[ReadWarning]


_BOLD_NAME_RE = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _password_error(path: Path, password: str | None) -> InputError:
    if password:
        return InputError("the password is wrong", path=path, hint="check --password")
    return InputError("is encrypted", path=path, hint="give its password with --password")


def _damaged(path: Path, detail: str) -> InputError:
    return InputError(f"is damaged or not a PDF ({detail})", path=path, hint="re-download or re-export it")


# -- pypdfium2 ---------------------------------------------------------------


def extract_pdfium(path: Path, data: bytes, password: str | None) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise _password_error(path, password) from None
        raise _damaged(path, message) from None
    try:
        count = len(pdf)
        from ..execution import ForkedCallFailed, forked_call, worth_a_process

        middle = count // 2
        later = (
            forked_call(_pdfium_pages_of, data, password, middle, count)
            if worth_a_process("pdf pages", count)
            else None
        )
        if later is None:
            return _pdfium_pages(pdf, 0, count)
        with later:
            first = _pdfium_pages(pdf, 0, middle)
            try:
                second = _unpack(later.result())
            except ForkedCallFailed:
                second = _pdfium_pages(pdf, middle, count)  # the forked read failed: read them here
        return Extracted(first.pages + second.pages, first.warnings + second.warnings)
    finally:
        pdf.close()


def _pdfium_pages_of(data: bytes, password: str | None, start: int, stop: int) -> tuple:
    """Pages start..stop of a PDF given as bytes (in a forked process), packed."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data, password=password)
    try:
        return _pack(_pdfium_pages(pdf, start, stop))
    finally:
        pdf.close()


def _pack(extracted: Extracted) -> tuple:
    """Pages as plain tuples: they cross between processes in half the time of dataclasses."""
    pages = [
        (
            page.number,
            page.width,
            page.height,
            [(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.size, ln.bold, ln.markers, ln.italic) for ln in page.lines],
        )
        for page in extracted.pages
    ]
    return pages, extracted.warnings


def _unpack(packed: tuple) -> Extracted:
    pages, warnings = packed
    return Extracted(
        [
            PageText(number, width, height, [Line(number, *fields) for fields in lines])
            for number, width, height, lines in pages
        ],
        warnings,
    )


class _TextCalls:
    """pdfium's text-page functions, called with plain pointers.

    A treaty asks pdfium some 140,000 questions about its characters.
    pypdfium2 types every pointer argument, and checking those types costs
    more than most of the calls themselves; typed as ``c_void_p`` a call costs
    half as much, and a wrong argument is still refused, not passed on. The
    text page goes in as its address: ``handle(textpage)``.
    """

    def __init__(self) -> None:
        from ctypes import PYFUNCTYPE, c_double, c_int, c_uint, c_ulong, c_void_p

        import pypdfium2.raw as raw

        def typed(name: str, result, *arguments):
            # PYFUNCTYPE keeps the GIL: each call is short, and readers run in processes
            address = ctypes.cast(getattr(raw, name), c_void_p).value
            if not address:
                raise InputError(f"this pdfium has no {name}", hint="reinstall pypdfium2")
            return PYFUNCTYPE(result, *arguments)(address)

        text_page, index, out = c_void_p, c_int, c_void_p
        self.FS_MATRIX = raw.FS_MATRIX
        self.FPDFText_GetUnicode = typed("FPDFText_GetUnicode", c_uint, text_page, index)
        self.FPDFText_IsGenerated = typed("FPDFText_IsGenerated", c_int, text_page, index)
        self.FPDFText_CountRects = typed("FPDFText_CountRects", c_int, text_page, index, c_int)
        self.FPDFText_GetRect = typed("FPDFText_GetRect", c_int, text_page, c_int, out, out, out, out)
        self.FPDFText_GetCharBox = typed("FPDFText_GetCharBox", c_int, text_page, index, out, out, out, out)
        self.FPDFText_GetCharOrigin = typed("FPDFText_GetCharOrigin", c_int, text_page, index, out, out)
        self.FPDFText_GetCharIndexAtPos = typed(
            "FPDFText_GetCharIndexAtPos", c_int, text_page, c_double, c_double, c_double, c_double
        )
        self.FPDFText_GetFontSize = typed("FPDFText_GetFontSize", c_double, text_page, index)
        self.FPDFText_GetMatrix = typed("FPDFText_GetMatrix", c_int, text_page, index, out)
        self.FPDFText_GetFontWeight = typed("FPDFText_GetFontWeight", c_int, text_page, index)
        self.FPDFText_GetFontInfo = typed("FPDFText_GetFontInfo", c_ulong, text_page, index, out, c_ulong, out)

    @staticmethod
    def handle(textpage) -> int:
        return ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0


_CALLS: list[_TextCalls] = []  # made on first use: pypdfium2 is imported only to read a PDF


def _text_calls() -> _TextCalls:
    if not _CALLS:
        _CALLS.append(_TextCalls())
    return _CALLS[0]


def _pdfium_pages(pdf, start: int, stop: int) -> Extracted:
    raw = _text_calls()
    pages: list[PageText] = []
    warnings: list[ReadWarning] = []
    for index in range(start, stop):
        try:
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
        except Exception as exc:
            warnings.append(ReadWarning(f"the page could not be read ({exc}); skipped", page=index + 1))
            continue
        handle = raw.handle(textpage)
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        lines: list[Line] = []
        if len(text) != count:
            # Characters outside the BMP: fall back to per-character text.
            text = "".join(chr(raw.FPDFText_GetUnicode(handle, i) or 32) for i in range(count))
        text = _drop_false_spaces(raw, handle, text)
        for found in _TEXT_LINE_RE.finditer(text):
            lines.extend(_pdfium_line(raw, handle, text, found.start(), found.end(), index + 1, height))
        pages.append(PageText(index + 1, width, height, lines))
        textpage.close()
        page.close()
    return Extracted(pages, warnings)


_TEXT_LINE_RE = re.compile(r"[^\r\n]+")  # pdfium ends its lines with "\r\n"
_RECT = [ctypes.c_double() for _ in range(4)]
_RECT_REFS = tuple(ctypes.byref(value) for value in _RECT)  # left, top, right, bottom


def _pdfium_line(raw, handle, text: str, start: int, end: int, page_no: int, height: float) -> list[Line]:
    """Geometry for the characters text[start:end]: split at wide gaps (columns)."""
    # leading/trailing spaces carry no geometry of interest
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    rect_count = raw.FPDFText_CountRects(handle, start, end - start)
    if rect_count <= 0:
        return []
    left, top, right, bottom = _RECT
    get_rect, refs = raw.FPDFText_GetRect, _RECT_REFS
    rects = []
    for r in range(rect_count):
        get_rect(handle, r, *refs)
        rects.append((left.value, right.value, height - top.value, height - bottom.value))
    size = _pdfium_size(raw, handle, start)
    # pdfium's "line" may hold two visual lines (it joins a hyphenated line
    # end) or two columns: split where a run starts a new row or after a wide
    # gap, at the character that starts the new run.
    pieces: list[tuple[int, int, list]] = []
    current = [rects[0]]
    piece_start = start
    for rect in rects[1:]:
        prev = current[-1]
        new_row = abs(rect[3] - prev[3]) > size * 0.5 and rect[0] < prev[1]
        if new_row or rect[0] - prev[1] > max(1.2 * size, 10):
            mid_y = height - (rect[2] + rect[3]) / 2
            at = raw.FPDFText_GetCharIndexAtPos(handle, rect[0] + 0.5, mid_y, 2.0, 2.0)
            if piece_start < at < end:
                pieces.append((piece_start, at, current))
                piece_start = at
                current = [rect]
                continue
        current.append(rect)
    pieces.append((piece_start, end, current))
    out = []
    _x, y = _ORIGIN
    for a, b, boxes in pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if a != start:  # the line's own first character was measured already
            size = _pdfium_size(raw, handle, a, size)
        # a bold label ("Option 2:") before plain text does not make a heading
        first, last = _pdfium_style(raw, handle, a), _pdfium_style(raw, handle, b - 1)
        bold, italic = first[0] and last[0], first[1] and last[1]
        raw.FPDFText_GetCharOrigin(handle, a, *_ORIGIN_REFS)
        baseline = height - y.value
        segment = text[a:b]
        if "\ufffe" in segment or "\x02" in segment:
            segment = segment.replace("\ufffe", "-").replace("\x02", "-")
        markers: list[tuple[int, str]] = []
        if _DIGIT_RE.search(segment, 1):  # a marker follows text: a line's first digit is a label
            markers, segment = _pdfium_markers(raw, handle, segment, a, size, baseline, height)
        if len(boxes) == 1:
            x0, x1 = boxes[0][0], boxes[0][1]
        else:
            x0, x1 = min(box[0] for box in boxes), max(box[1] for box in boxes)
        out.append(
            Line(
                page=page_no,
                text=segment,
                x0=x0,
                x1=x1,
                top=baseline - size * 0.8,
                bottom=baseline,
                size=round(size, 1),
                bold=bold,
                markers=markers,
                italic=italic,
            )
        )
    return out


SOFT_SPACE = "\x01"  # a space pdfium made up where letters stand a little apart: the layout decides
_BOX = [ctypes.c_double() for _ in range(4)]
_BOX_REFS = tuple(ctypes.byref(value) for value in _BOX)  # left, right, bottom, top
_ORIGIN = (ctypes.c_double(), ctypes.c_double())
_ORIGIN_REFS = tuple(ctypes.byref(value) for value in _ORIGIN)


# A space between letters (or hyphens). Led by the space itself, so that the
# regex engine jumps from space to space instead of trying every character.
_BETWEEN_LETTERS_RE = re.compile(r" (?<=[^\W\d_] |- )(?=[^\W\d_]|-)")


def _drop_false_spaces(raw, handle, text: str) -> str:
    """pdfium invents a space where letters are set a little apart ("hea lth",
    "tuberculo sis"). Its generated spaces with a narrow glyph gap (under
    0.3 of the type size) are marked soft; the layout keeps or drops each
    by the document's own vocabulary."""
    if " " not in text:
        return text
    # only a space between letters (or hyphens) can be a false one: found by
    # the regex engine, and asked of pdfium in one map, not a Python loop over
    # every character (a page of UNCLOS has 300 such spaces and 2 generated)
    between = [found.start() for found in _BETWEEN_LETTERS_RE.finditer(text)]
    made = map(raw.FPDFText_IsGenerated, repeat(handle), between)
    generated = [index for index, is_made in zip(between, made, strict=True) if is_made]
    if not generated:
        return text
    chars = list(text)
    left, right, _bottom, _top = _BOX
    box_refs, (_x, y), origin_refs = _BOX_REFS, _ORIGIN, _ORIGIN_REFS
    char_box, char_origin = raw.FPDFText_GetCharBox, raw.FPDFText_GetCharOrigin
    for index in generated:
        before, after = text[index - 1], text[index + 1]
        if not ((before.isalpha() or before == "-") and (after.isalpha() or after == "-")):
            continue  # "²" is a word character, not a letter
        # Soft: a narrow gap between two glyphs on one row. Measured in the
        # order that decides soonest (in a PDF whose every space pdfium made,
        # nearly all are wide), since each call counts.
        char_box(handle, index - 1, *box_refs)
        before_right = right.value
        char_box(handle, index + 1, *box_refs)
        gap = left.value - before_right
        if gap <= -0.5:
            continue
        # the type size is positive, so an overlap is narrow whatever it is
        if gap >= 0 and gap >= _pdfium_size(raw, handle, index - 1) * 0.3:
            continue
        char_origin(handle, index - 1, *origin_refs)
        before_baseline = y.value
        char_origin(handle, index + 1, *origin_refs)
        if abs(y.value - before_baseline) < 1:  # on one row
            chars[index] = SOFT_SPACE
    return "".join(chars)


_MATRIX: list = []  # pdfium's FS_MATRIX and a pointer to it, made on first use


def _pdfium_size(raw, handle, index: int, default: float = 10.0) -> float:
    """The size a character is drawn at: its font size times the scale of its
    text matrix. Many UN PDFs set a 1-point font and scale it by the matrix."""
    size = raw.FPDFText_GetFontSize(handle, index) or default
    if not _MATRIX:
        matrix = raw.FS_MATRIX()
        _MATRIX.extend((matrix, ctypes.byref(matrix)))
    m, ref = _MATRIX
    if raw.FPDFText_GetMatrix(handle, index, ref):
        scale = abs(m.a * m.d - m.b * m.c) ** 0.5
        if 0.05 < scale < 200 and abs(scale - 1) > 0.01:
            size *= scale
    return size


_FONT_NAME = ctypes.create_string_buffer(256)
_FONT_FLAGS = ctypes.c_int()
_FONT_FLAGS_REF = ctypes.byref(_FONT_FLAGS)
_FORCE_BOLD = 1 << 18
_STYLE_BY_NAME: dict[bytes, tuple[bool, bool]] = {}  # a document has a handful of fonts


def _pdfium_style(raw, handle, index: int) -> tuple[bool, bool]:
    """(bold, italic) of a character, from one look at its font: bold by weight, by the
    ForceBold flag or by the font's name; italic by the Italic flag or by the name."""
    length = raw.FPDFText_GetFontInfo(handle, index, _FONT_NAME, 256, _FONT_FLAGS_REF)
    flags = _FONT_FLAGS.value
    name = _FONT_NAME.raw[: max(0, min(length, 256) - 1)]
    by_name = _STYLE_BY_NAME.get(name)
    if by_name is None:
        text = name.decode("latin-1", "replace")
        by_name = _STYLE_BY_NAME[name] = (bool(_BOLD_NAME_RE.search(text)), bool(_ITALIC_NAME_RE.search(text)))
    bold = by_name[0] or bool(flags & _FORCE_BOLD) or raw.FPDFText_GetFontWeight(handle, index) >= 600
    return bold, by_name[1] or bool(flags & _ITALIC_FLAG)


_ITALIC_FLAG = 1 << 6
_ITALIC_NAME_RE = re.compile(r"italic|oblique", re.I)


_DIGIT_RE = re.compile(r"\d")
_DIGITS_RE = re.compile(r"\d{1,6}")


def _pdfium_markers(raw, handle, segment, offset, size, baseline, height):
    """Superscript digits are footnote markers ("Mobility1", "2015-20303",
    "Agreement 4"): smaller type set above the baseline. Only the last digit
    of each run is measured, then the run is walked back while it stays small."""
    markers: list[tuple[int, str]] = []
    kept: list[str] = []
    last = 0
    _x, y = _ORIGIN

    def small(index: int) -> bool:
        char_size = _pdfium_size(raw, handle, index, 0.0)
        raw.FPDFText_GetCharOrigin(handle, index, *_ORIGIN_REFS)
        return bool(char_size) and char_size < size * 0.85 and baseline - (height - y.value) > size * 0.15

    for m in _DIGITS_RE.finditer(segment):
        if m.start() == 0 or not small(offset + m.end() - 1):
            continue  # a line that starts with a number is a label or a note, not a marker
        begin = m.end() - 1
        while begin > m.start() and small(offset + begin - 1):
            begin -= 1
        kept.append(segment[last:begin])
        markers.append((sum(len(k) for k in kept), segment[begin : m.end()]))
        last = m.end()
    if not markers:
        return [], segment
    kept.append(segment[last:])
    return markers, "".join(kept)


# -- pdfplumber --------------------------------------------------------------


def extract_pdfplumber(path: Path, data: bytes, password: str | None) -> Extracted:
    import io

    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        page_count = len(pdf.pages)
    except PDFPasswordIncorrect:
        raise _password_error(path, password) from None
    except (PDFSyntaxError, Exception) as exc:
        causes = [exc, *exc.args, exc.__context__]
        if any(isinstance(c, PDFPasswordIncorrect) or "password" in type(c).__name__.lower() for c in causes):
            raise _password_error(path, password) from None
        raise _damaged(path, type(exc).__name__) from None
    pages: list[PageText] = []
    warnings: list[ReadWarning] = []
    with pdf:
        for index in range(page_count):
            try:
                page = pdf.pages[index]
                chars = _dedupe(page.chars)  # bold faked by printing twice
                height = float(page.height)
                lines = _plumber_lines(chars, index + 1, height)
                pages.append(PageText(index + 1, float(page.width), height, lines))
            except Exception as exc:
                warnings.append(
                    ReadWarning(f"the page could not be read ({type(exc).__name__}); skipped", page=index + 1)
                )
            finally:
                if index < len(pdf.pages):
                    pdf.pages[index].flush_cache()
    return Extracted(pages, warnings)


def _dedupe(chars: list[dict]) -> list[dict]:
    """Drop a character printed again at the same place (a faked bold):
    pdfplumber's own dedupe_chars costs three times the page's reading."""
    seen: set[tuple] = set()
    out = []
    for char in chars:
        key = (char.get("text"), round(char["x0"] * 2), round(char["top"] * 2))
        if key in seen:
            continue
        seen.add(key)
        out.append(char)
    return out


def _plumber_lines(chars: list[dict], page_no: int, height: float) -> list[Line]:
    """Group characters into visual lines, in content order."""
    rows: list[list[dict]] = []
    for char in chars:
        if not char.get("upright", True):
            continue
        char = dict(char)
        matrix = char.get("matrix")
        # the text matrix holds the true baseline; the box only approximates it
        char["baseline"] = height - matrix[5] if matrix else char["bottom"] - (char["bottom"] - char["top"]) * 0.2
        if rows:
            row = rows[-1]
            prev = row[-1]
            same_line = abs(char["baseline"] - prev["baseline"]) < max(prev["size"], char["size"]) * 0.45
            raised = char["size"] < prev["size"] * 0.85 and char["x0"] >= prev["x1"] - 1
            after_raised = prev["size"] < char["size"] * 0.85 and char["x0"] >= prev["x1"] - 1 and len(row) > 1
            if same_line or ((raised or after_raised) and abs(char["baseline"] - prev["baseline"]) < prev["size"]):
                row.append(char)
                continue
        rows.append([char])
    lines: list[Line] = []
    for row in rows:
        lines.extend(_plumber_row(row, page_no))
    return lines


def _plumber_row(row: list[dict], page_no: int) -> list[Line]:
    sizes: Counter[float] = Counter()
    for char in row:
        if char["text"].strip():
            sizes[round(char["size"], 1)] += 1
    if not sizes:
        return []
    size = sizes.most_common(1)[0][0]
    base = Counter(round(c["baseline"], 0) for c in row if abs(c["size"] - size) < 0.5).most_common(1)
    baseline = base[0][0] if base else row[0]["baseline"]
    out: list[Line] = []
    parts: list[str] = []
    markers: list[tuple[int, str]] = []
    piece: list[dict] = []

    def flush() -> None:
        text = "".join(parts)
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            visible = [c for c in piece if c["text"].strip()]
            names = [c.get("fontname", "") for c in visible]
            out.append(
                Line(
                    page=page_no,
                    text=stripped,
                    x0=min(c["x0"] for c in visible),
                    x1=max(c["x1"] for c in visible),
                    top=baseline - size * 0.8,
                    bottom=baseline,
                    size=size,
                    bold=bool(names) and sum(bool(_BOLD_NAME_RE.search(n)) for n in names) > len(names) / 2,
                    italic=bool(names) and sum(bool(_ITALIC_NAME_RE.search(n)) for n in names) > len(names) / 2,
                    markers=[(max(0, pos - lead), mark) for pos, mark in markers if pos - lead <= len(stripped)],
                )
            )
        parts.clear()
        markers.clear()
        piece.clear()

    prev = None
    for char in row:
        text = char["text"]
        if prev is not None:
            gap = char["x0"] - prev["x1"]
            if gap > max(1.2 * size, 10) and text.strip():
                flush()
                prev = None
            elif gap > size * 0.2 and parts and not parts[-1].endswith(" ") and not text.isspace():
                parts.append(" ")
        superscript = text.isdigit() and char["size"] < size * 0.85 and baseline - char["baseline"] > size * 0.15
        if superscript and "".join(parts).strip().upper() in ("PP", "OP"):
            superscript = False  # the number of a "Pp1" margin label, not a note marker
        if superscript:
            joined = "".join(parts)
            if joined.strip():
                if markers and markers[-1][0] == len(joined) and prev is not None and prev["text"].isdigit():
                    markers[-1] = (markers[-1][0], markers[-1][1] + text)
                else:
                    markers.append((len(joined), text))
                piece.append(char)
                prev = char
                continue
        parts.append(text)
        piece.append(char)
        prev = char
    flush()
    return out
