"""What a reader hands over: blocks of text, and what a block looks like
(a heading, a scope heading such as "Annex I" or "Article 6", a table of
contents line, a title)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .languages import foreign_scope
from .model import Location, Note
from .numbering import (
    match_heading_number,
)


@dataclass(slots=True)
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
    title: bool = False  # the reader found the document's title here
    toc: bool = False  # a line of a table of contents: text, never a heading or a label


# The label is what a citation uses: a roman numeral, a capital letter, or
# something with a digit ("2/CMA.3", "4bis"). "Schedule of submissions" and
# "Part of the Parties" open no scope.
_SCOPE_RE = re.compile(
    r"^(?P<name>(?i:Annex|Appendix|Attachment|Decision|Resolution|Chapter|Part|Article|Art\.|Schedule|Section)"
    r"\s+(?:(?i:bis|ter|quater)|[IVXLC]+|[A-Z]|[\w./-]*\d[\w./-]*\w|\d))(?![\w/])",
)
_HEADING_MAX_WORDS = 16
_SCOPE_LINE_RE = re.compile(r"^(?:Annex|Appendix|Attachment|Schedule)\s+(?:[IVXLC]+|\d{1,3}|[A-Z])\.?$", re.I)


# "Annex", and "Annex / Annex A / Annex B / Attachments (for paragraph 77)": the annex, its
# form still open among alternatives
_BARE_SCOPE_RE = re.compile(
    r"^(?P<name>Annex|Appendix|Attachment|Schedule)(?:\.?$|\s*/\s*(?=(?:Annex|Appendix|Attachment|Schedule)))",
    re.I,
)
# "ANNEX AGREEMENT RELATING TO THE IMPLEMENTATION OF …": the annex's heading and its title on one line
_TITLED_SCOPE_RE = re.compile(r"^(?P<name>ANNEX|APPENDIX)\s+(?=[A-Z][A-Z0-9 ,.;:'’()-]{8,}$)")


def scope_heading(text: str) -> str | None:
    """The scope a heading opens for restarted numbering: "Annex I", "Decision 2/CMA.3", "Annex"."""
    m = _SCOPE_RE.match(text) or _BARE_SCOPE_RE.match(text.strip()) or _TITLED_SCOPE_RE.match(text)
    if m:
        return m["name"].rstrip(".:")
    found = foreign_scope(text)  # "PARTIE I", "Статья 6", "第六条": the same scope in another language
    if not found:
        return None
    word, _, number = found.partition(" ")  # with its number, as an English heading gives it: "Article 6"
    return f"{word.title()} {number}".strip()


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
    if text[-1] in _CLOSING and not re.search(r"\b[IVXLC]+\.$", text):
        return False
    if text[-1] in "])" and text.rstrip("])*”’\"' ")[-1:] in (".", ";", ","):
        return False  # "… this Agreement. [Placeholder for further text.]": a sentence, not a title
    if not numbered and ". " in text and _SENTENCE_END_RE.search(text):
        return False  # "No reservations may be made. [Placeholder …]": a sentence ends inside it
    first = text.lstrip("“\"'‘(《")[:1]
    # a script without capitals (Chinese, Arabic) starts a heading with any letter
    return first.isupper() or first.isdigit() or (first.isalpha() and not first.islower() and first.upper() == first)


# Scope headings open a container for restarted numbering. A new heading
# closes the open scopes of its rank and below: an article closes the


_CLOSING = ".,;:。，；：،؛"  # a sentence's or a clause's end in any of the six languages' scripts
_SENTENCE_END_RE = re.compile(r"[a-z]{2}\.\s+[\[A-Z]")
_TOC_ENTRY_RE = re.compile(r"(?:\.\s){2,}\.?\s*\d{1,4}\s*$|(?:\.\s?){4,}\s*\d{0,4}\s*$|(?:\s\.){3,}\s")


def is_toc_entry(text: str) -> bool:
    """A dot-leader line of a table of contents ("Article 3. Breadth . . . . 24").
    ``text`` is cleaned (single spaces): every leader holds ".." or ". .", and
    testing for those first spares a regex search of every paragraph."""
    return (".." in text or ". ." in text) and bool(_TOC_ENTRY_RE.search(text))


def _article_title(rest: str) -> bool:
    """ "Article 2 Legal status of the territorial sea, …": a title, not a sentence."""
    return not rest or (rest[-1] not in ".;:," and rest[:1].isupper() and len(rest.split()) <= 40)


def _title_like(text: str) -> bool:
    """ "Opening of the session": short, capitalised, no closing punctuation."""
    # the closing punctuation first: most paragraphs end in a full stop, and splitting them costs
    return bool(text) and text[-1] not in ".,;:" and len(text.split()) <= 12 and looks_like_heading(text)
