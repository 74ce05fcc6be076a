"""Reader for PDF drafts: numbered paragraphs as a reader of the page sees them.

Both engines (:mod:`.pdf_engines`) give positioned lines; this module turns
them into paragraphs:

1. visual lines split by the engine are merged back (superscripts break them);
2. running headers and footers go: lines near the top or bottom edge that
   repeat across pages (digits ignored), page numbers, document symbols
   (``A/76/L.53``), job numbers, barcodes, ``Distr.`` lines;
3. margin line numbers go;
4. footnotes (below a ``____`` separator, or small type at the page bottom)
   are cut out and attached to the paragraph that carries their marker;
5. two-column pages are read column by column;
6. lines are joined into paragraphs at numbers, vertical gaps, indents, font
   changes and short last lines, across page breaks too; a word hyphenated at
   a line end is rejoined unless it is a real compound.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from ..document.languages import is_foreign_scope
from ..document.model import Furniture, Location, Note, ReadWarning
from ..document.numbering import match_heading_number, match_para, match_sub
from ..document.structure import Block, looks_like_heading, scope_heading
from ..errors import InputError
from . import ocr
from .pdf_engines import SOFT_SPACE, Extracted, Line, PageText, extract_pdfium, extract_pdfplumber
from .result import ReadResult
from .text_layout import contents

ENGINES = {"pdfium": extract_pdfium, "pdfplumber": extract_pdfplumber}


def read(
    path: Path, data: bytes, *, engine: str = "pdfium", password: str | None = None, language: str | None = None
) -> ReadResult:
    if engine not in ENGINES:
        raise InputError(f"unknown PDF engine {engine!r}", hint="use pdfium or pdfplumber")
    truncated = b"%%EOF" not in data[-4096:]
    try:
        extracted = ENGINES[engine](path, data, password)
    except InputError as exc:
        if truncated and "damaged" in exc.message:
            raise InputError("is truncated (no end-of-file marker)", path=path, hint="download it again") from None
        raise
    warnings: list[ReadWarning] = list(extracted.warnings)
    if truncated:
        warnings.append(ReadWarning("the file seems truncated (no %%EOF at its end); read what was there"))
    # a text layer that lies, and scanned pages: read by OCR where it can be
    read_by_ocr = ocr.read_unreadable(data, password, extracted, language=language)
    warnings += read_by_ocr.warnings
    empty = [p.number for p in extracted.pages if not p.lines]
    if extracted.pages and len(empty) == len(extracted.pages):
        raise InputError(
            f"has no text layer ({_page_list(empty)}); it looks scanned",
            path=path,
            hint="install Tesseract and draftdiff reads it by OCR: "
            + ocr.install_hint(ocr.tesseract_language(language or "en"))
            if ocr.engine() is None
            else "its pages are blank, or OCR found no text on them",
        )
    unexplained = [number for number in empty if number not in read_by_ocr.blank and not read_by_ocr.warnings]
    if unexplained:
        warnings.append(ReadWarning(f"no text on {_page_list(unexplained)} (scanned?); OCR them to read their text"))
    layout = Layout(extracted)
    blocks = layout.blocks()
    return ReadResult(
        blocks=blocks, warnings=warnings + layout.warnings, pages=len(extracted.pages), furniture=layout.furniture
    )


def _page_list(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"page {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"pages {numbers[0]}-{numbers[-1]}"
    return "pages " + ", ".join(str(n) for n in numbers)


# -- running headers and footers ---------------------------------------------

_FURNITURE_RES = [
    (re.compile(p, re.I), kind)
    for p, kind in (
        (r"^(page\s+)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$", "page-number"),  # 3, Page 3 of 12, 2/5
        (r"^[-–—]\s*\d{1,4}\s*[-–—]$", "page-number"),  # - 3 -
        (r"^(united nations\s+)?[A-Z]{1,8}(/[A-Z0-9.()\-]+){1,8}(\s+\(.*\))?$", "symbol"),  # A/RES/73/6
        (r"^\d{1,4}/\d{1,4}\s+\d{2}-\d{4,6}", "job-number"),  # 2/5 18-17962
        (
            r"^\d{2}-\d{4,6}(\s*\([A-Z]\))?(\s+\d{6})?(\s+\d{1,4}/\d{1,4})?(\s+[A-Z]{1,8}(/[A-Z0-9.\-]+)+)?$",
            "job-number",
        ),
        (r"^\*\d{5,}\*$", "barcode"),
        (r"^\d{6}$", "job-number"),  # the date code after a UN job number
        (r"\bDistr\.:\s", "masthead"),
        (r"^/\.\.\.$", "continued"),  # "/..." at the foot of a page: more follows
        (r"^(English|French|Spanish|Russian|Arabic|Chinese)\s+Page\s+\d{1,4}$", "page-number"),
    )
]
_SEPARATOR_RE = re.compile(r"^[_\-–—]{5,}$")
_MARGIN_NUMBER_RE = re.compile(r"\d{1,3}")


def _signature(line: Line) -> tuple[str, int]:
    """What a running header or footer keeps from page to page: its words and size."""
    return _DIGIT_RUN_RE.sub("#", " ".join(line.text.lower().split())), round(line.size)


_DIGIT_RUN_RE = re.compile(r"\d+")


@dataclass
class _Block:
    lines: list[Line] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    cont_x: float | None = None  # x of continuation lines, once seen
    heading: bool = False
    centered: bool = False  # every line centred in its column: a title or an article heading


def _furniture_kind(line: Line) -> str | None:
    text = line.text.strip()
    for pattern, kind in _FURNITURE_RES:
        if pattern.search(text):
            return kind
    return None


class Layout:
    def __init__(self, extracted: Extracted) -> None:
        self.after_heading = False  # the block before the open one was a heading ("Article 1")
        self.pages = extracted.pages
        self.furniture: list[Furniture] = []
        self.warnings: list[ReadWarning] = []
        self._orphan_text: list[tuple[int, str]] = []
        self._notes_seen = False  # a page before had footnotes
        sizes: Counter[float] = Counter()
        for page in self.pages:
            for line in page.lines:
                sizes[round(line.size)] += len(line.text)
        self.body_size = float(sizes.most_common(1)[0][0]) if sizes else 10.0
        self.vocabulary = self._vocabulary()
        self._resolve_soft_spaces()

    def _resolve_soft_spaces(self) -> None:
        """Drop a soft space where the document spells the joined word and not
        both halves ("hea lth" → "health"); keep it otherwise."""
        for page in self.pages:
            for line in page.lines:
                if SOFT_SPACE in line.text:
                    line.text, line.markers = _resolve_soft(line.text, line.markers, self.vocabulary)

    def _vocabulary(self) -> Counter[str]:
        tokens = Counter(" ".join(line.text for page in self.pages for line in page.lines).split())
        words: Counter[str] = Counter()
        # each spelling cleaned once (a treaty has 90,000 words and 10,000
        # spellings); pieces around a soft space are no evidence of words
        for token, count in tokens.items():
            if SOFT_SPACE not in token:
                words[token.strip(".,;:()[]\"'“”‘’").lower()] += count
        for word in [word for word in words if not word or word.endswith("-")]:
            del words[word]
        return words

    # -- page furniture --------------------------------------------------
    def _strip_furniture(self) -> list[list[Line]]:
        edge_counts: Counter[tuple[str, int]] = Counter()
        edges = [self._edge_lines(page) for page in self.pages]
        for edge in edges:
            # once per page: a repeat means the same line on another page
            edge_counts.update({_signature(line) for line in edge if not _labelled(line.text)})
        repeated = {sig for sig, n in edge_counts.items() if n >= 2 and n >= 0.3 * len(self.pages)}
        out = []
        for page, edge in zip(self.pages, edges, strict=True):
            kinds: dict[int, str] = {}
            for line in edge:
                # tiny digits at the bottom are footnote markers, not page numbers
                if line.size >= self.body_size * 0.6 and (kind := _furniture_kind(line)):
                    kinds[id(line)] = kind
                elif _signature(line) in repeated and not _labelled(line.text):
                    kinds[id(line)] = "running"
            furniture = [line for line in edge if id(line) in kinds]
            # a short piece on the same row as furniture is part of it ("18-17962 (E)" + "071118")
            for line in edge:
                if (
                    id(line) not in kinds
                    and len(line.text.split()) <= 3
                    and any(abs(line.bottom - f.bottom) < max(line.size, f.size) * 0.5 for f in furniture)
                ):
                    kinds[id(line)] = "running"
            kept = []
            for line in page.lines:
                if id(line) in kinds:
                    self.furniture.append(Furniture(page.number, line.text.strip(), kinds[id(line)]))
                else:
                    kept.append(line)
            out.append(self._strip_contents(self._strip_margin_numbers(kept), page.number))
        return out

    def _strip_contents(self, lines: list[Line], page: int) -> list[Line]:
        """A table of contents: entries with dot leaders and pages, declared as furniture."""
        found = contents([line.text for line in lines])
        if not found:
            return lines
        self.furniture.extend(Furniture(page, f.text, f.kind) for f in found.values())
        return [line for k, line in enumerate(lines) if k not in found]

    def _edge_lines(self, page: PageText) -> list[Line]:
        ordered = sorted(page.lines, key=lambda line: line.top)
        if not ordered:
            return []
        # zones measured from the text's own extent: book pages have wide margins
        top_zone = max(page.height * 0.12, ordered[0].top + page.height * 0.05)
        bottom_zone = min(page.height * 0.90, max(line.bottom for line in ordered) - page.height * 0.05)
        head = []
        for line in ordered[:4]:
            if line.top >= top_zone or _labelled(line.text):
                break  # below a paragraph's first line is its text, not a header
            head.append(line)
        foot = [line for line in ordered[-4:] if line.bottom > bottom_zone and line not in head]
        return head + foot

    def _strip_margin_numbers(self, lines: list[Line]) -> list[Line]:
        """Line numbers printed in a margin: many short numeric lines in a narrow band."""
        numeric = [line for line in lines if _MARGIN_NUMBER_RE.fullmatch(line.text.strip())]
        if len(numeric) < 5:
            return lines
        body = [line for line in lines if line not in numeric]
        if not body:
            return lines
        body_left = min(line.x0 for line in body)
        body_right = max(line.x1 for line in body)
        margin = {id(line) for line in numeric if line.x1 <= body_left + 2 or line.x0 >= body_right - 2}
        if len(margin) < 5:
            return lines
        self.furniture.extend(
            Furniture(line.page, line.text.strip(), "margin") for line in numeric if id(line) in margin
        )
        return [line for line in lines if id(line) not in margin]

    # -- footnotes ------------------------------------------------------------
    def _split_notes(self, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        if not lines:
            return lines, []
        for index, line in enumerate(lines):
            if _SEPARATOR_RE.match(line.text.strip()):
                return lines[:index], lines[index + 1 :]
        small = self.body_size * 0.88
        ordered = sorted(lines, key=lambda line: line.top)
        start = len(ordered)
        while start > 0 and ordered[start - 1].size <= small:
            start -= 1
        if start == len(ordered) or start == 0:
            return self._split_marked_notes(lines, ordered)
        first = ordered[start].text.strip()
        marked = re.match(r"^(\d{1,3}|[*†‡])(\s|$)", first) or re.match(r"^\d{1,3}[A-Z]", first)
        # small type under the text with no marker: a note continued from the page before
        continued = start > 0 and ordered[start].top - ordered[start - 1].bottom > ordered[start].size * 0.8
        if not marked and not (continued and self._notes_seen):
            return lines, []
        note_ids = {id(line) for line in ordered[start:]}
        return [line for line in lines if id(line) not in note_ids], ordered[start:]

    def _split_marked_notes(self, lines: list[Line], ordered: list[Line]) -> tuple[list[Line], list[Line]]:
        """Notes printed with no separator and barely smaller than the text (9 on
        10 points): a superscript marker standing alone at the left of the lowest
        lines, every line from it down smaller than the text, opens the notes."""
        for start in range(len(ordered) - 1, 0, -1):
            line = ordered[start]
            if not re.fullmatch(r"\d{1,3}|[*†‡]", line.text.strip()) or line.size > self.body_size * 0.75:
                continue
            below = ordered[start + 1 :]
            if not below or any(other.size >= self.body_size for other in below):
                return lines, []
            first = below[0]
            if abs(first.top - line.top) > first.size or first.x0 < line.x0:
                return lines, []  # the marker sits on the first line of its note, to its left
            note_ids = {id(other) for other in ordered[start:]}
            return [other for other in lines if id(other) not in note_ids], ordered[start:]
        return lines, []

    def _parse_notes(self, lines: list[Line]) -> tuple[dict[str, str], str]:
        """The notes of one page by marker, and any text before the first
        marker: the end of a note continued from the page before."""
        notes: dict[str, list[str]] = {}
        lead: list[str] = []
        current: str | None = None
        pending_marker: str | None = None
        for line in sorted(lines, key=lambda line: (round(line.top), line.x0)):
            text = line.text.strip()
            if re.fullmatch(r"\d{1,3}|[*†‡]", text):
                pending_marker = text
                continue
            m = re.match(r"^(\d{1,3}(?!\d)|[*†‡])/?\s*(?=\S)", text)  # "3 Note", "3/ Note" (older UN style)
            if pending_marker is not None:
                current, pending_marker = pending_marker, None
                notes[current] = [text]
            elif m and _next_marker(current, m.group(1)):
                current = m.group(1)
                notes[current] = [text[m.end() :]]
            elif current is not None:
                notes[current].append(text)
            else:
                lead.append(text)
        if pending_marker is not None:
            notes[pending_marker] = []
        joined = {marker: _join_lines(parts, self.vocabulary) for marker, parts in notes.items()}
        return joined, _join_lines(lead, self.vocabulary)

    # -- columns --------------------------------------------------------------
    def _reading_order(self, lines: list[Line], gutter: float | None) -> list[Line]:
        lines = _rows(lines)
        if gutter is None:
            return lines
        ordered: list[Line] = []
        band: list[Line] = []

        def flush_band() -> None:
            ordered.extend(line for line in band if line.x1 <= gutter)
            ordered.extend(line for line in band if line.x0 >= gutter)
            band.clear()

        for line in lines:
            if line.x0 < gutter < line.x1:  # spans both columns
                flush_band()
                ordered.append(line)
            else:
                band.append(line)
        flush_band()
        return ordered

    def _gutter(self, lines: list[Line]) -> float | None:
        """The x of a gap between two columns, if the page has one.

        Candidates are the lines' own edges in the middle of the text width,
        so the work is bounded by the content, never by the coordinates (a
        text object at x = 10^8 costs nothing more).
        """
        left_edge = min(line.x0 for line in lines)
        right_edge = max(line.x1 for line in lines)
        width = right_edge - left_edge
        low, high = left_edge + width * 0.3, left_edge + width * 0.7
        candidates = sorted({x for line in lines for x in (line.x1 + 1, line.x0 - 1) if low < x < high})
        if len(candidates) > 400:  # bounded work on pathological pages
            step = len(candidates) / 400
            candidates = [candidates[int(i * step)] for i in range(400)]
        # Counted by bisection over the sorted edges, not line by line: a line
        # is left of x (x1 <= x), right of it (x0 >= x) or crosses it; only a
        # zero-width line standing at x is both left and right.
        starts, ends = sorted(line.x0 for line in lines), sorted(line.x1 for line in lines)
        points = Counter(line.x0 for line in lines if line.x0 == line.x1)
        best: tuple[int, float] | None = None
        for x in candidates:
            left = bisect.bisect_right(ends, x)
            right = len(lines) - bisect.bisect_left(starts, x)
            crossing = len(lines) - left - right + points.get(x, 0)
            balanced = left >= len(lines) * 0.25 and right >= len(lines) * 0.25 and crossing <= len(lines) * 0.1
            if balanced and (best is None or crossing < best[0]):
                best = (crossing, x)
        return best[1] if best else None

    # -- paragraphs -----------------------------------------------------------
    def blocks(self) -> list[Block]:
        pages = self._strip_furniture()
        out: list[Block] = []
        current: _Block | None = None
        notes_by_page: list[dict[str, str]] = []
        body_pages: list[tuple[list[Line], float | None]] = []
        for page_index, lines in enumerate(pages):
            body, note_lines = self._split_notes(lines)
            page_notes, lead = self._parse_notes(note_lines) if note_lines else ({}, "")
            self._notes_seen = self._notes_seen or bool(page_notes)
            if lead:
                self._continue_note(notes_by_page, lead, page_index + 1)
            notes_by_page.append(page_notes)
            gutter = self._gutter(body) if len(body) >= 8 else None
            body_pages.append((self._reading_order(_merge_visual_lines(body, gutter), gutter), gutter))
        all_notes: dict[int, dict[str, str]] = dict(enumerate(notes_by_page, start=1))
        pending: list[tuple[_Block, int]] = []
        for lines, gutter in body_pages:
            if not lines:
                continue
            bounds = _column_bounds(lines, gutter)
            spacing = _typical_spacing(lines)
            edges = _left_edges(lines, bounds)
            prev: Line | None = None
            for line in lines:
                left, right = bounds(line)
                aligned = (
                    prev is not None
                    and abs(line.x0 - prev.x0) < 2
                    and abs(line.x1 - prev.x1) < 2
                    and line.x1 - line.x0 > 0.4 * (right - left)  # short equal lines are centred titles
                )
                # under a centred heading, a heading line as wide as body text goes on
                # with it when set in the same middle: "Article 5" over its long title
                under_heading = (
                    current is not None
                    and current.centered
                    and current.heading
                    and prev is not None
                    and self._is_heading_line(line)
                    and abs(line.x0 + line.x1 - prev.x0 - prev.x1) / 2 < 0.02 * (right - left)
                )
                centered = (
                    _centered(line, left, right, wide=under_heading) and not aligned and round(line.x0 / 2) not in edges
                )
                if current is not None and current.centered and aligned and len(current.lines) == 1:
                    current.centered = False  # its first line only looked centred: an indented block
                if current is not None and current.lines and (centered or current.centered):
                    starts = self._starts_centered(line, prev, current, centered)
                else:
                    starts = self._starts_paragraph(line, prev, current, left, right, spacing)
                if current is None or starts:
                    if current is not None:
                        pending.append((current, current.lines[0].page))
                        label = " ".join(x.text.strip() for x in current.lines).strip("[]. ")
                        self.after_heading = current.heading or scope_heading(label) == label or is_foreign_scope(label)
                    current = _Block(heading=self._is_heading_line(line), centered=centered)
                self._append(current, line)
                prev = line
            # a paragraph may continue on the next page: keep `current` open
        if current is not None:
            pending.append((current, current.lines[0].page))
        pending = self._strip_masthead(pending)
        used: set[tuple[int, str]] = set()
        for block, page_no in pending:
            out.append(self._finish(block, page_no, all_notes, used))
        self._place_orphan_notes(out, all_notes, used)
        _mark_title([b for b, _ in pending], out)
        return out

    def _starts_centered(self, line: Line, prev: Line | None, block: _Block, centered: bool) -> bool:
        """Centred lines make one block (a wrapped title, "Article 2" over
        "Objective"); a scope word ("Article 5", "PART II") starts a new one."""
        if not (centered and block.centered) or prev is None:
            return True
        text = line.text.strip()
        if scope_heading(text) or match_heading_number(text) or _labelled(text):
            return True
        if line.top < prev.top - line.size or line.page != prev.page:
            return True  # a new page or column
        if self._is_heading_line(line) != block.heading:
            return True
        if abs(line.x0 - prev.x0) < 2 and abs(line.x1 - prev.x1) < 2 and len(block.lines) > 1:
            return True  # an indented block of text (an abstract, a quotation), not a centred title
        gap = line.top - prev.top
        size = max(line.size, prev.size)
        if gap > _BLANK_LINE * size and not _label_line(block):
            return True  # a title, a blank line, then "PREAMBLE": two headings, not one title
        return gap > 4 * size

    def _strip_masthead(self, pending: list[tuple[_Block, int]]) -> list[tuple[_Block, int]]:
        """The UN masthead on the first page ("United Nations", "General
        Assembly", "Distr.: General", the date, "Original: English") is page
        furniture, declared as such."""
        if not self.pages:
            return pending
        first = self.pages[0]
        kept: list[tuple[_Block, int]] = []
        for block, page_no in pending:
            lines = block.lines
            if (
                page_no == first.number
                and all(line.page == first.number and line.top < first.height * 0.3 for line in lines)
                and all(_MASTHEAD_RE.match(line.text.strip()) for line in lines)
            ):
                self.furniture.extend(Furniture(page_no, line.text.strip(), "masthead") for line in lines)
                continue
            kept.append((block, page_no))
        return kept

    def _continue_note(self, notes_by_page: list[dict[str, str]], text: str, page_no: int) -> None:
        """A footnote that runs on from the page before: append it to the last note there."""
        for page_notes in reversed(notes_by_page):
            if page_notes:
                marker = list(page_notes)[-1]
                page_notes[marker] = f"{page_notes[marker]} {text}".strip()
                return
        self.warnings.append(ReadWarning("footnote text with no note to continue; kept as a note", page_no, text))
        self._orphan_text.append((page_no, text))

    def _place_orphan_notes(self, blocks: list[Block], notes: dict[int, dict[str, str]], used: set) -> None:
        """Notes whose marker was not found in the text: attach each to the last
        paragraph that starts on or before its page, and say so."""
        orphans = [(page, marker, text) for page, by_marker in notes.items() for marker, text in by_marker.items()]
        orphans = [o for o in orphans if (o[0], o[1]) not in used]
        orphans += [(page, "", text) for page, text in self._orphan_text]
        for page, marker, text in orphans:
            host = None
            for block in blocks:
                if block.location.page is not None and block.location.page <= page:
                    host = block
            if host is None and blocks:
                host = blocks[0]
            if host is None:
                self.warnings.append(ReadWarning("a footnote with no paragraph to attach to", page, text))
                continue
            host.notes.append(Note(marker=marker or "?", text=text))
            self.warnings.append(
                ReadWarning(
                    f"footnote {marker or '(unmarked)'}: its marker was not found in the text; "
                    "attached to the last paragraph before it",
                    page,
                    text,
                )
            )

    def _is_heading_line(self, line: Line) -> bool:
        return line.bold or line.size > self.body_size * 1.15

    def _starts_paragraph(
        self, line: Line, prev: Line | None, block: _Block | None, left: float, right: float, spacing: float
    ) -> bool:
        if block is None or not block.lines:
            return True
        text = line.text.strip()
        if len(block.lines) == 1 and _label_only(block.lines[0].text) and not _labelled(text):
            return False  # "15." or "Pp1" on a line of its own: the text that follows is its paragraph
        if len(block.lines) == 1 and _SCOPE_ALONE_RE.match(block.lines[0].text.strip()):
            return True  # "[Annex X" alone on its line: a heading, the text below is the annex's
        unbracketed = text[1:].lstrip() if text[:1] == "[" else text  # "[3. The legal status …"
        labelled = bool(
            match_sub(unbracketed)
            or match_para(unbracketed)
            or _OPTION_START_RE.match(text)
            or _BULLET_RE.match(text)
            or _LETTER_DOT_ALONE_RE.match(text)
            or _CHINESE_LABEL_RE.match(text)
        )
        last = block.lines[-1]
        if prev is None or line.top < prev.top - line.size:
            # First line of a new page or column: continue the open paragraph
            # only if this line is plain text and the last one did not end it.
            if labelled or self._is_heading_line(line) != block.heading:
                return True
            tolerance = max(line.size * 0.8, 6)
            if block.cont_x is not None and line.x0 > block.cont_x + tolerance and line.page != last.page:
                return True  # a first-line indent at the top of the page: a new paragraph
            ended = (
                _ends_sentence(last.text, text, block.parts[0] if block.parts else "")
                or _closes_bracket(block.parts[0] if block.parts else "", text)
            ) and last.x1 < right - 2 * last.size
            if not ended:
                block.cont_x = None  # continuation lines sit elsewhere in the new column
            return ended
        if labelled:
            return True
        tail = last.text.rstrip()
        if tail.endswith("-") and tail[-2:-1].isalpha() and _WORD_REST_RE.match(text) and not block.heading:
            return False  # "Конвен-" then "ции;": a word cut at the line end goes on, whatever the line's size
        if self._is_heading_line(line) != block.heading:
            return True
        if line.size and abs(line.size - last.size) > 0.08 * max(line.size, last.size):
            return True
        gap = line.top - prev.top
        if spacing and gap > spacing * 1.4:
            return True
        if block.heading:
            return False  # a wrapped heading or title
        tolerance = max(line.size * 0.8, 6)
        if text[:1] in _BULLET_GLYPHS and not _OPEN_END_RE.search(tail):
            return True  # "• Requests …": a bulleted item, unless the line before stops on "and", "the" …
        opening = block.parts[0] if block.parts else ""
        if block.cont_x is not None and line.x0 < block.cont_x - tolerance and _ends_sentence(tail, text, opening):
            return True  # set out left of the paragraph's lines after a full stop: "[Additional paragraphs …]"
        first = block.lines[0]
        if block.cont_x is not None and line.x0 > block.cont_x + tolerance:
            return True  # first-line indent of the next paragraph
        short = last.x1 < right - max(0.12 * (right - left), 3 * last.size)
        indented_pair = len(block.lines) == 1 and first.x0 > left + tolerance and abs(line.x0 - first.x0) < 2
        if block.cont_x is None and indented_pair and (short or _CJK_CLAUSE_END_RE.search(tail)):
            # two indented one-line paragraphs; in Chinese, set without spaces and justified, a
            # paragraph's last line runs full, but it ends on a clause's mark ("…为准据，")
            # and only a paragraph's first line is indented
            return True
        if self.after_heading and len(block.lines) == 1 and short and _capital(text) and _title_line(last.text):
            return True  # "Use of terms" under "Article 1", then the article's first words
        if (
            len(block.lines) == 2
            and short
            and _capital(text)
            and is_foreign_scope(block.lines[0].text.strip())
            and _title_line(last.text)
        ):
            return True  # "附件二" and its title in one block, then the annex's first words
        if short and last.text.rstrip().endswith(":") and _LETTER_LABEL_RE.match(text):
            return True  # "including through:" then "a. formulating …"
        if short and _closes_bracket(block.parts[0] if block.parts else "", text):
            return True  # "[Parties should ensure … rights]" then "[Recognizing …": its bracket closed it
        return short and _ends_sentence(last.text, text, opening) and (text[:1].isupper() or text[:1] == "[")

    def _append(self, block: _Block, line: Line) -> None:
        if block.lines and block.cont_x is None and line.text.lstrip()[:1] not in _BULLET_GLYPHS:
            block.cont_x = line.x0  # a bullet's text hangs right of it: a stray bullet is no continuation line
        block.parts[:] = [_join_lines([*block.parts, line.text], self.vocabulary)]
        block.markers += [marker for _, marker in line.markers]
        block.lines.append(line)

    def _finish(self, block: _Block, page_no: int, notes: dict[int, dict[str, str]], used: set) -> Block:
        text = "".join(block.parts)
        attached: list[Note] = []
        pages = sorted({line.page for line in block.lines})
        text, glued = _detach_glued_markers(text, [m for p in pages for m in notes.get(p, {}) if (p, m) not in used])
        for marker in [*block.markers, *glued]:
            for page in pages:
                if marker in notes.get(page, {}) and (page, marker) not in used:
                    attached.append(Note(marker=marker, text=notes[page][marker]))
                    used.add((page, marker))
                    break
        heading: int | None = 1 if block.heading and looks_like_heading(text) else None
        if heading is None and not (match_heading_number(text) or scope_heading(text)):
            heading = 0
        if heading is None and block.centered and looks_like_heading(text):
            heading = 1  # "Article 2 Objective", set in the middle of the page
        return Block(text=text, location=Location(page=page_no), heading=heading, notes=attached)


# "Argentina.23", "Brazil,15", "Sea1 on": a note number set at the baseline
# and glued to a word. Detached only when that number is a note on the page.
_GLUED_MARKER_RE = re.compile(
    r"(?<=[^\W\d_][.,;:)”’\"])(\d{1,3})(?=[\s]|$)|(?<=[a-z])(\d{1,3})(?=[\s,.;:]|$)|(?<=\s)(\d{1,3})/(?=[\s,.;:]|$)"
)


def _detach_glued_markers(text: str, open_markers: list[str]) -> tuple[str, list[str]]:
    if not open_markers:
        return text, []
    wanted = set(open_markers)
    found: list[str] = []

    def cut(m: re.Match) -> str:
        digits = m.group(1) or m.group(2) or m.group(3)
        if digits in wanted:
            wanted.discard(digits)
            found.append(digits)
            return ""
        return m.group(0)

    return re.sub(r"\s{2,}", " ", _GLUED_MARKER_RE.sub(cut, text)).strip(), found


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MASTHEAD_RE = re.compile(
    r"^(united|nations(\s[A-Z])?|united nations|[A-Z]|general assembly|security council|economic and social council"
    rf"|distr\.?(:?\s*(general|limited|restricted))?|general|limited|restricted|original:\s*\w+|\d{{1,2}}\s+({_MONTHS})\s+\d{{4}}"
    r"|[A-Z]{1,8}(/[A-Z0-9.()\-]+){1,8}(\s+\d{1,2}\s+\w+\s+\d{4})?)$",
    re.I,
)


def _left_edges(lines: list[Line], bounds) -> set[int]:
    """Where the long lines of a page start (in 2-point buckets): a line that
    starts there is aligned text, however centred it looks."""
    counts: Counter[int] = Counter()
    for line in lines:
        left, right = bounds(line)
        if line.x1 - line.x0 > 0.6 * (right - left):
            counts[round(line.x0 / 2)] += 1
    edges = {bucket for bucket, n in counts.items() if n >= 3}
    return edges | {b + 1 for b in edges} | {b - 1 for b in edges}


def _centered(line: Line, left: float, right: float, *, wide: bool = False) -> bool:
    """Set in the middle of its column, clear of both edges. A line wider than
    three quarters of the column is not (a body line indented at its first line
    has its middle near the column's), unless ``wide``: it goes on with a
    centred heading, and is then centred only to within a fiftieth of the width."""
    width = right - left
    if width <= 0:
        return False
    middle = (line.x0 + line.x1) / 2
    off = abs(middle - (left + right) / 2)
    if line.x1 - line.x0 > width * 0.75 and not (wide and off < width * 0.02):
        return False
    return off < max(width * 0.04, 6) and line.x0 > left + width * 0.08


_TITLE_WORDS = 12  # a title longer than this that ends in a full stop is a sentence
_RESOLUTION_TITLE_RE = re.compile(r"^\d{1,3}/\d{1,4}\.\s+\S")


_BLANK_LINE = 1.8  # line pitch over type size beyond which a blank line stands between two lines


def _label_line(block: _Block) -> bool:
    """The block so far is a heading's label alone ("Article 2", "PART I", "ANNEX II"),
    whose title may follow after a blank line."""
    if len(block.lines) != 1:
        return False
    text = block.lines[0].text.strip()
    return bool(scope_heading(text) or match_heading_number(text))


def _mark_title(raw: list[_Block], blocks: list[Block]) -> None:
    """The document's title: a resolution's numbered title ("79/271. Agreement
    under …"), else the first page's most prominent block (largest type, then
    bold, centred or capitals, then most words)."""
    if not blocks:
        return
    first_page = blocks[0].location.page
    candidates = []
    for order, (source, block) in enumerate(zip(raw, blocks, strict=True)):
        if block.location.page != first_page:
            break
        text = block.text.strip()
        if _RESOLUTION_TITLE_RE.match(text):
            block.title = True
            block.heading = 1  # the paragraphs below sit under the resolution's title
            return
        words = len(text.split())
        if words < 3 or match_para(text) or match_sub(text) or text.endswith((",", ";")):
            continue
        if words > _TITLE_WORDS and text.endswith("."):
            continue  # a sentence, however bold (a page of framing notes in bold under the title)
        size = max(line.size for line in source.lines)
        prominent = source.heading or source.centered or text.isupper()
        if prominent:
            # an italic line's claimed weight is not a title's bold (a note under the title)
            bold = all(line.bold and not line.italic for line in source.lines)
            candidates.append((round(size), bold, words, -order, block))
    if candidates:
        chosen = max(candidates, key=lambda c: c[:4])[4]
        chosen.title = True
        chosen.heading = 1


_WORD_EDGE = ".,;:()[]\"'“”‘’"


def _resolve_soft(text: str, markers: list[tuple[int, str]], vocabulary: Counter[str]):
    """Keep or drop each soft space of a line by the document's vocabulary."""
    out: list[str] = []
    removed: list[int] = []
    for index, char in enumerate(text):
        if char != SOFT_SPACE:
            out.append(char)
            continue
        left = "".join(out).rsplit(" ", 1)[-1].strip(_WORD_EDGE)
        right = text[index + 1 :].replace(SOFT_SPACE, " ").split(" ", 1)[0].strip(_WORD_EDGE)
        joined = (left + right).lower()
        halves_known = vocabulary[left.lower()] and vocabulary[right.lower()]
        if left and right and (vocabulary[joined] or "-" in (left[-1:], right[:1])) and not halves_known:
            removed.append(index)  # where it stood in the line as read
        else:
            out.append(" ")
    if removed:  # markers sit at offsets of the line as read: shift those after a dropped space
        markers = [(pos - sum(1 for r in removed if r < pos), mark) for pos, mark in markers]
    return "".join(out), markers


def _label_only(text: str) -> bool:
    """A paragraph label with nothing after it: "15.", "(a)", "Pp1", "9 bis.", or
    with only the opening of its first option: "34. [Option 1:"."""
    text = text.strip()
    if (match_sub(text) and not match_sub(text)[2]) or _LETTER_DOT_ALONE_RE.match(text):  # type: ignore[index]
        return True
    found = match_para(text, strict=False)
    if not found or found.number.form != "para" or found.number.prefix == "Art":
        return False
    return not found.rest or bool(_BARE_OPTION_RE.match(found.rest))


_LETTER_LABEL_RE = re.compile(r"^[a-z]\.\s+[a-z]")
_SCOPE_ALONE_RE = re.compile(r"^\[?(?:Annex|Appendix|Attachment|Schedule)\s+(?:[IVXLC]{1,6}|\d{1,3}|[A-Z])\]?$")
_LETTER_DOT_ALONE_RE = re.compile(r"^[a-h]\.$")  # "c." alone on its line, its first option below it
# a bullet opens an item of its own ("•", and the Symbol font's private-use bullets Word
# prints), unless the words go on in lower case: a stray bullet inside a sentence
_BULLETS = "\u2022\u25e6\u25aa\u25cf\uf0b7\uf0a7"
_BULLET_RE = re.compile(f"^[{_BULLETS}]\\s+(?![a-z])")
_BULLET_GLYPHS = frozenset(_BULLETS)
# "（三）", "三、", "第三条", "附件一", "（1）": a Chinese item, paragraph or heading begins
# (Chinese has no capital to start one by)
_CHINESE_LABEL_RE = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|[（(]\d{1,2}[）)]\s*(?=[\u4e00-\u9fff“《])|[一二三四五六七八九十]{1,3}、"
    r"|第[一二三四五六七八九十百]{1,4}(?:条|部分|章|节)|附件[一二三四五六七八九十]{0,3}$"
    r"|\d{1,2}[.．]\s*(?=[\u4e00-\u9fff“《]))"
)
# "Option 2:", "[Option (b).": a line that offers an option starts a paragraph of its own
# "Option 2:", "[Option 1 bis.", "Option 2 (chapeau):" (a word on what the option is for)
_OPTION_START_RE = re.compile(
    r"^\[?\s*(?:Option|Alternative)(?:\s+|(?=\d))\(?(?:\d{1,2}|[A-Za-z]|[IVX]{1,4})\)?(?:\s?(?:bis|ter|quater))?"
    r"(?:\s*\([a-z][a-z ]{0,19}\))?\s*[:.]"
)
_BARE_OPTION_RE = re.compile(r"^\[?\s*(?:Option|Alternative)\s+\(?(?:\d{1,2}|[A-Za-z]|[IVX]{1,4})\)?\s*[:.]?$")
# what may follow a sentence's last word: closing brackets and quotes, a footnote number (";]1")
_CLOSERS_RE = re.compile(r"(?:[\]”’\"')]|(?<=[\].;:,])\d{1,2})+$")


# a line that stops on one of these words was wrapped: no paragraph ends so
_CJK_CLAUSE_END_RE = re.compile(r"[，。；：][\s”’）)\]]*$")
_OPEN_END_RE = re.compile(r"\b(?:the|of|and|or|on|to|a|an|for|in|by|with|under|from|at|its|their|this|that)$")


def _ends_sentence(last: str, following: str, opening: str = "") -> bool:
    """Does the (short) line ``last`` end a paragraph, given the line after it and how the
    paragraph opened? "…;]", "…Agreement.]", "…;]1", "…作准。" do; "…," does where a
    preambular paragraph ends or begins ("Wishing …," / "Considering …", "The Parties …," /
    "Being …", or before a bracket), not inside a sentence ("… budget," / "Constitutional …")."""
    text = _CLOSERS_RE.sub("", last.rstrip()).rstrip()  # "… from 2020, ]"
    if text.endswith((".", ";", ":", "。", "；", "：")):
        return True
    if not text.endswith(",") or not (following[:1] == "[" or following[:1].isupper()):
        return False  # "… 71/313," then "and 72/279 …" goes on
    if _GOES_ON_RE.match(following):
        return False  # "… 71/313," then "United Nations resolution …"
    return following[:1] == "[" or bool(_PREAMBULAR_RE.match(following) or _PREAMBULAR_RE.match(opening))


# How a preambular paragraph opens, after one ending in a comma: a participle or an adjective of
# state ("Recalling", "Deeply concerned", "Mindful", "Rappelant", "Recordando", "Признавая"); a
# capital after a comma elsewhere ("… budget," / "Constitutional Committee members shall …") goes on
# capitalised words that go on with a sentence after a comma rather than open a paragraph
_GOES_ON = r"(?:United|Following|Including|Regarding|Concerning|During|According|Limited|Related)\b"
_GOES_ON_RE = re.compile(_GOES_ON)
_PREAMBULAR_RE = re.compile(
    rf"^(?!{_GOES_ON})"
    r"(?:[A-Z]\w*(?:ing|ed)|Mindful|Aware|Conscious|Cognizant|Deeply|Further|Also|Desirous|Fully|Gravely"
    r"|Keenly|Bearing|Having|Being|Taking|[A-ZÀ-Ý]\w*(?:ant|ants|ando|endo|iendo|ados|idos)|Conscient\w*"
    r"|Soucieu\w*|Désireu\w*|Deseos\w*|Convaincu\w*|Résolu\w*|Préoccupé\w*|Преисполненные|Будучи"
    r"|[А-ЯЁ]\w*(?:[аяу]я|вшись|сь))\b"  # gerunds "Признавая", "Приветствуя", "Ссылаясь"; not "Конвенция"
)


def _capital(text: str) -> bool:
    """Whether a line opens as a sentence does: a capital, or a Chinese character (Chinese has no case)."""
    return text[:1].isupper() or "\u4e00" <= text[:1] <= "\u9fff"


def _closes_bracket(paragraph: str, following: str) -> bool:
    """A paragraph opened by "[" whose brackets all close at its end, before a
    line opening a bracket of its own: the bracketed paragraph is over, even
    with no stop ("[… full respect to all human rights]" / "[Recognizing …")."""
    text = paragraph.rstrip()
    if not (text.startswith("[") and text.endswith("]") and following.startswith("[")):
        return False
    depth = 0
    for char in text:
        depth += (char == "[") - (char == "]")
        if depth < 0:
            return False
    return depth == 0


def _title_line(text: str) -> bool:
    """A short title on a line of its own ("Use of terms", "1. Annual reports", "作准文本")."""
    text = text.strip()
    words = text.split()
    if text and "\u4e00" <= text[0] <= "\u9fff":  # Chinese: no capitals, no spaces
        return len(text) <= 30 and text[-1] not in "。；：，.,;:"
    return 0 < len(words) <= 8 and text[-1] not in ".,;:" and looks_like_heading(text)


_YEAR_LABEL_RE = re.compile(r"^(19|20)\d\d\.\s+\S")  # "1900. The Parties …": a number, not a year


def _labelled(text: str) -> bool:
    text = text.strip()
    return bool(match_sub(text) or match_para(text) or _YEAR_LABEL_RE.match(text))


def _next_marker(current: str | None, marker: str) -> bool:
    """Notes on a page are numbered in sequence: "18 countries" inside note 3 is text."""
    if current is None or not (current.isdigit() and marker.isdigit()):
        return True
    return int(marker) == int(current) + 1


def _merge_visual_lines(lines: list[Line], gutter: float | None = None) -> list[Line]:
    """Engines break a visual line at a superscript, a tab or a wide gap; put
    it back together, but never across a column gutter."""
    merged: list[Line] = []
    for line in _rows(lines):
        if merged:
            prev = merged[-1]
            same_row = abs(line.bottom - prev.bottom) < max(prev.size, line.size) * 0.5
            follows = line.x0 >= prev.x1 - 1 and line.x0 - prev.x1 < max(6 * prev.size, 60)
            crosses = gutter is not None and prev.x1 <= gutter <= line.x0
            if same_row and follows and not crosses and _is_marker_piece(line, prev):
                # a superscript footnote marker set apart: "resolution 72/4; ¹"
                merged[-1] = Line(
                    page=prev.page,
                    text=prev.text,
                    x0=prev.x0,
                    x1=max(prev.x1, line.x1),
                    top=prev.top,
                    bottom=prev.bottom,
                    size=prev.size,
                    bold=prev.bold,
                    markers=[*prev.markers, (len(prev.text.rstrip()), line.text.strip())],
                    italic=prev.italic,
                )
                continue
            if same_row and follows and not crosses:
                gap = line.x0 - prev.x1
                space = " " if gap > prev.size * 0.15 or prev.text.endswith(" ") else ""
                joined = prev.text.rstrip() + space + line.text.lstrip() if space else prev.text + line.text
                shift = len(joined) - len(line.text.lstrip()) if space else len(prev.text)
                merged[-1] = Line(
                    page=prev.page,
                    text=joined,
                    x0=prev.x0,
                    x1=max(prev.x1, line.x1),
                    top=min(prev.top, line.top),
                    bottom=prev.bottom if prev.size >= line.size else line.bottom,
                    size=max(prev.size, line.size),
                    bold=prev.bold and line.bold,
                    markers=prev.markers + [(pos + shift, mark) for pos, mark in line.markers],
                    italic=prev.italic and line.italic,
                )
                continue
        merged.append(line)
    return merged


def _is_marker_piece(line: Line, prev: Line) -> bool:
    return (
        bool(re.fullmatch(r"\d{1,3}", line.text.strip()))
        and line.size < prev.size * 0.85
        and prev.bottom - line.bottom > prev.size * 0.15
    )


def _rows(lines: list[Line]) -> list[Line]:
    """Lines in top-to-bottom rows (baselines within half a size), each row left to right."""
    ordered = sorted(lines, key=lambda line: line.bottom)
    rows: list[list[Line]] = []
    for line in ordered:
        if rows and abs(line.bottom - rows[-1][0].bottom) < max(line.size, rows[-1][0].size) * 0.5:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.x0)]


def _column_bounds(lines: list[Line], gutter: float | None):
    """Left and right text edges of the column a line sits in."""

    def edges(group: list[Line]) -> tuple[float, float]:
        return _percentile([x.x0 for x in group], 0.1), _percentile([x.x1 for x in group], 0.9)

    whole = edges(lines)
    if gutter is None:
        return lambda line: whole
    left_lines = [x for x in lines if x.x1 <= gutter]
    right_lines = [x for x in lines if x.x0 >= gutter]
    left = edges(left_lines) if left_lines else whole
    right = edges(right_lines) if right_lines else whole

    def bounds(line: Line) -> tuple[float, float]:
        if line.x1 <= gutter:
            return left
        if line.x0 >= gutter:
            return right
        return whole

    return bounds


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def _typical_spacing(lines: list[Line]) -> float:
    deltas = [
        b.top - a.top
        for a, b in pairwise(lines)
        if 0 < b.top - a.top < 3 * max(a.size, b.size) and abs(a.size - b.size) < 0.5
    ]
    if not deltas:
        return 0.0
    return statistics.median(deltas)


_COMPOUND_PREFIXES = {
    "non",
    "self",
    "well",
    "whole",
    "cross",
    "co",
    "multi",
    "anti",
    "pre",
    "post",
    "ex",
    "long",
    "short",
    "high",
    "low",
    "full",
    "part",
    "child",
    "gender",
    "rights",
    "evidence",
    "community",
    "country",
    "human",
    "state",
    "people",
    "climate",
    "decision",
    "policy",
    "result",
    "time",
    "age",
    "sex",
    "south",
    "north",
}


def _join_lines(parts: list[str], vocabulary: Counter[str]) -> str:
    """Join wrapped lines; rejoin words hyphenated at a line end.

    The rule: a hyphen at a line end before a lower-case word is dropped
    ("imple-" + "mentation") unless the document spells the compound with a
    hyphen elsewhere, the piece is already a compound ("whole-of-"), or it is a
    known prefix ("non-", "co-"); before a capital it is kept with no space
    ("Co-" + "Chairs", "Secretary-" + "General"); after a digit or a space it
    is a dash and the lines are joined with a space."""
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not text:
            text = part
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            head = text.rsplit(None, 1)[-1]  # "imple-", "whole-of-"
            tail = part.split(None, 1)[0]
            tail_word = tail.rstrip(".,;:)]\"'”’")
            if _keep_hyphen(head, tail_word, vocabulary):
                text += part
            else:
                text = text[:-1] + part
            continue
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].isupper():
            text += part  # "Co-" + "Chairs": a compound with a capital keeps its hyphen
            continue
        text += " " + part
    return text


# the rest of a word cut at a line end: two letters or more, lower case ("ции;", "ments"), not a bullet "o "
_WORD_REST_RE = re.compile(r"[^\W\d_A-ZА-ЯЁ]{2,}")


def _keep_hyphen(head: str, tail: str, vocabulary: Counter[str]) -> bool:
    if "-" in head[:-1] or "-" in tail:
        return True  # part of a longer compound: "whole-of-" + "government"
    stem = head[:-1].strip(".,;:()[]\"'“”‘’").lower()
    joined, hyphenated = (stem + tail).lower(), f"{stem}-{tail}".lower()
    if vocabulary[hyphenated] > vocabulary[joined]:
        return True
    if vocabulary[joined]:
        return False
    return stem in _COMPOUND_PREFIXES
