"""Turn a reader's blocks of text into the paragraphs of a :class:`Draft`.

Every reader (text, DOCX, PDF) ends in the same place: a list of blocks, each
one paragraph as a reader of the page sees it. This module finds their
numbers, headings and sections and gives each a unique, stable id, so that
the three readers agree on what the paragraphs of one draft are.

Id rules (documented in the README):

* numbered paragraphs: the canonical number (``42ter``, ``PP3``, ``1.2``);
* sub-paragraphs: parent id + token (``12(a)``, ``12(a)(i)``);
* numbered headings: ``I``, ``II.A`` (letter heading under a roman one),
  ``Ch2``, ``AnnexI``;
* a paragraph number that repeats because numbering restarted (an annex, a
  new decision) is qualified by the scope heading above it: ``Annex I/1``;
  with no such heading, by the run: ``#2/1``. A plain duplicate gets ``#2``;
* unnumbered paragraphs and headings: the id of the last numbered paragraph
  and a counter, ``12~1``, ``12~2`` (``~1`` before any number), so inserting
  a paragraph elsewhere leaves them unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Kind, Location, Note, Paragraph
from .normalize import clean_text
from .numbering import (
    is_roman,
    letter_value,
    match_heading_number,
    match_para,
    match_sub,
    roman_value,
)


@dataclass
class Block:
    text: str
    location: Location = field(default_factory=Location)
    # A number the source displays outside the text (a Word list number).
    label: str | None = None
    # Heading level known from the source (style, markdown "#"); 0 means
    # "known not to be a heading", None means "decide from the text".
    heading: int | None = None
    notes: list[Note] = field(default_factory=list)
    bullet: bool = False


_SCOPE_RE = re.compile(
    r"^(?P<name>(?:Annex|Appendix|Attachment|Decision|Chapter|Part|Article|Schedule|Section)"
    r"\s+[\w./-]*\w)",
    re.I,
)
_HEADING_MAX_WORDS = 16


def scope_heading(text: str) -> str | None:
    """The scope a heading opens for restarted numbering: "Annex I", "Decision 2/CMA.3"."""
    m = _SCOPE_RE.match(text)
    return m["name"].rstrip(".:") if m else None


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation, starting with a capital.

    A line numbered like a heading ("X. Rule 10: ...") may be longer.
    """
    numbered = match_heading_number(text) is not None
    if not text or len(text) > (300 if numbered else 160):
        return False
    words = text.split()
    if len(words) > (_HEADING_MAX_WORDS * 2 if numbered else _HEADING_MAX_WORDS):
        return False
    if text[-1] in ".,;:" and not re.search(r"\b[IVXLC]+\.$", text):
        return False
    first = text.lstrip("“\"'‘(")[:1]
    return first.isupper() or first.isdigit()


class _Builder:
    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.ids: set[str] = set()
        self.section = ""
        self.roman_heading: str | None = None  # id of the current "II." heading
        self.last_heading_letter: str | None = None
        self.last_heading_roman = 0
        # numbering runs
        self.run_ids: set[str] = set()
        self.run_qualifier = ""
        self.run_count = 1
        self.pending_scope: str | None = None
        # positional ids
        self.anchor = ""
        self.anchor_count = 0
        # sub-paragraph context
        self.parent: str | None = None
        self.letter: str | None = None  # current letter token
        self.letter_value = 0
        self.roman_value = 0

    # -- ids -------------------------------------------------------------
    def _unique(self, pid: str) -> str:
        if pid not in self.ids:
            return pid
        n = 2
        while f"{pid}#{n}" in self.ids:
            n += 1
        return f"{pid}#{n}"

    def _positional(self) -> str:
        self.anchor_count += 1
        return self._unique(f"{self.anchor}~{self.anchor_count}")

    def _set_anchor(self, pid: str) -> None:
        self.anchor = pid
        self.anchor_count = 0

    def _add(self, pid: str, label: str, kind: Kind, text: str, block: Block, close: str = "") -> Paragraph:
        para = Paragraph(
            id=pid,
            label=label,
            kind=kind,
            text=text,
            section=self.section,
            location=block.location,
            notes=list(block.notes),
            close=close,
        )
        self.ids.add(pid)
        self.paragraphs.append(para)
        return para

    # -- blocks ----------------------------------------------------------
    def add(self, block: Block) -> None:
        text = clean_text(block.text)
        label_text = clean_text(block.label) if block.label else ""
        if not text and not label_text:
            return
        if block.bullet:
            self._unnumbered(text, block, label="")
            return
        full = f"{label_text} {text}".strip() if label_text else text
        strict = not label_text
        if block.heading or (block.heading is None and self._heading_candidate(full)):
            self._heading(full, block)
            return
        if self._sub(full, block, strict):
            return
        if self._numbered(full, block, strict):
            return
        if label_text:
            # A list number we cannot read as a paragraph number ("•", "-"):
            # keep it as printed.
            self._unnumbered(text, block, label=label_text)
            return
        self._unnumbered(text, block, label="")

    def _heading_candidate(self, text: str) -> bool:
        if not looks_like_heading(text):
            return False
        if match_sub(text):
            return False
        m = match_para(text)
        # "12. Short sentence" is a paragraph, "Article 3" a heading.
        return not (m and m.number.form == "para" and m.number.prefix != "Art")

    def _heading(self, text: str, block: Block) -> None:
        label = pid = ""
        found = match_heading_number(text)
        if found:
            tok, label, _ = found
            if self._is_letter_heading(tok):
                self.last_heading_letter = tok
                pid = f"{self.roman_heading}.{tok}" if self.roman_heading else tok
            else:
                self.last_heading_roman = roman_value(tok)
                self.roman_heading = tok
                self.last_heading_letter = None
                pid = tok
        else:
            strict = not block.label
            m = match_para(text, strict=strict)
            if m and (m.number.form == "heading" or m.number.prefix == "Art"):
                label, pid = m.label, m.number.id
            elif m or match_sub(text):
                # A heading numbered like a paragraph ("1.1 Scope", "(a) Terms"): keep its number.
                self.section = text
                if m:
                    self._numbered(text, block, strict=strict, kind=Kind.HEADING)
                else:
                    self._sub(text, block, strict=True, kind=Kind.HEADING)
                return
        scope = scope_heading(text)
        if scope:
            self.pending_scope = scope
        self.section = text
        self.parent = None
        self.letter = None
        if pid:
            rest = text[len(label) :].strip().lstrip(".:").strip()
            pid = self._unique(pid)
            close = text[len(label) : len(label) + 1] if text[len(label) : len(label) + 1] in ".:" else ""
            self._add(pid, label.rstrip("."), Kind.HEADING, rest, block, "." if label.endswith(".") else close)
            self._set_anchor(pid)
        else:
            self._add(self._positional(), "", Kind.HEADING, text, block)

    def _is_letter_heading(self, tok: str) -> bool:
        if len(tok) == 1 and not is_roman(tok):
            return True
        if len(tok) > 1:
            return False
        # Single roman-looking letter (I, V, X, L, C): letter if it follows its
        # predecessor letter heading, roman if it continues the roman count.
        if self.last_heading_letter and letter_value(tok) == letter_value(self.last_heading_letter) + 1:
            return True
        if roman_value(tok) == self.last_heading_roman + 1:
            return False
        return self.last_heading_letter is not None

    def _sub(self, text: str, block: Block, strict: bool, kind: Kind = Kind.SUBPARAGRAPH) -> bool:
        found = match_sub(text) or (None if strict else _loose_sub(text))
        if not found:
            return False
        tok, label, rest = found
        parent = self.parent if self.parent is not None else self.anchor
        as_letter = not _SMALL_ROMAN_RE.match(tok)
        if not as_letter:
            continues_roman = self.roman_value and roman_value(tok) == self.roman_value + 1
            continues_letter = self.letter is not None and letter_value(tok) == self.letter_value + 1
            as_letter = continues_letter and not continues_roman
        if as_letter:
            self.letter = tok
            self.letter_value = letter_value(tok)
            self.roman_value = 0
            pid = f"{parent}({tok})"
        else:
            self.roman_value = roman_value(tok)
            pid = f"{parent}({self.letter})({tok})" if self.letter else f"{parent}({tok})"
        pid = self._unique(pid)
        self._add(pid, label, kind, rest, block)
        self._set_anchor(pid)
        return True

    def _numbered(self, text: str, block: Block, strict: bool, kind: Kind = Kind.NUMBERED) -> bool:
        m = match_para(text, strict=strict)
        if not m:
            return False
        base = m.number.id
        scope, self.pending_scope = self.pending_scope, None
        if base in self.run_ids and (scope or m.number.value <= 1):
            # Numbering restarted (an annex, a new decision): a new run.
            self.run_count += 1
            self.run_qualifier = scope or f"#{self.run_count}"
            self.run_ids = set()
        self.run_ids.add(base)
        pid = f"{self.run_qualifier}/{base}" if self.run_qualifier else base
        pid = self._unique(pid)
        self._add(pid, m.label, kind, m.rest, block, m.close)
        self._set_anchor(pid)
        self.parent = pid
        self.letter = None
        self.letter_value = 0
        self.roman_value = 0
        return True

    def _unnumbered(self, text: str, block: Block, label: str) -> None:
        pid = self._positional()
        self._add(pid, label, Kind.UNNUMBERED, text, block)
        # A chapeau ("The Forum commits to:") parents the sub-paragraphs after it.
        if text.endswith(":"):
            self.parent = pid
            self.letter = None
            self.letter_value = 0


_SMALL_ROMAN_RE = re.compile(r"^[ivx]+$")
_LOOSE_SUB_RE = re.compile(r"^(?P<tok>[a-z]{1,2}|[ivxlc]{1,6})[.)](?=\s|$)")


def _loose_sub(text: str) -> tuple[str, str, str] | None:
    """Word list numbers such as ``a.`` or ``iv.``."""
    m = _LOOSE_SUB_RE.match(text)
    if not m:
        return None
    return m["tok"], m.group(0), text[m.end() :].strip()


def build(blocks: list[Block], *, title_from_first: bool = True) -> tuple[str, list[Paragraph]]:
    """Assign ids, kinds and sections. Returns (title, paragraphs).

    The first block is taken as the title when it is an unnumbered
    heading-like line that precedes everything else.
    """
    title = ""
    blocks = [b for b in blocks if clean_text(b.text) or (b.label and clean_text(b.label))]
    if title_from_first and blocks:
        first = blocks[0]
        text = clean_text(first.text)
        if (
            not first.label
            and first.heading != 0
            and looks_like_heading(text)
            and not match_heading_number(text)
            and not match_para(text)
            and not _SCOPE_RE.match(text)
        ):
            title = text
            blocks = blocks[1:]
    builder = _Builder()
    for block in blocks:
        builder.add(block)
    return title, builder.paragraphs
