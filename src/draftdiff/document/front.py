"""The masthead of a UN document: what stands before its first words and is
no part of the text ("United Nations", "FCCC/PA/CMA/2021/10/Add.3",
"Distr.: General", "8 March 2022", "Original: English", "Advance unedited
version", "Forty-eighth session"). Every reader's blocks go through here, so a
masthead is declared furniture whatever the format, never a paragraph."""

from __future__ import annotations

import re

from ..normalize import clean_text
from .blocks import Block, scope_heading
from .model import Furniture
from .numbering import match_heading_number, match_para, match_sub

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MASTHEAD_RES = (
    re.compile(r"^United Nations$", re.I),
    re.compile(r"^(?:General Assembly|Security Council|Economic and Social Council)$"),
    # a document symbol, alone or after "United Nations"
    re.compile(r"^(?:United Nations\s+)?[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){2,}(?:\s*\([A-Z]\))?$"),
    re.compile(r"\bDistr\.?:\s*\w+"),
    re.compile(r"^Original:\s*\w+"),
    re.compile(rf"^\d{{1,2}} (?:{_MONTHS}) \d{{4}}$"),
    re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$"),
    re.compile(rf"^advance,? unedited(?: version)?(?: \d{{1,2}} (?:{_MONTHS}) \d{{4}})?$", re.I),
    re.compile(rf"^(?:advance,? )?(?:un)?edited version(?: of)? \d{{1,2}} (?:{_MONTHS}) \d{{4}}$", re.I),
)
_FRONT = 14  # a masthead is in the first blocks


def masthead_line(text: str) -> bool:
    return any(pattern.search(text) for pattern in _MASTHEAD_RES)


def strip_masthead(blocks: list[Block]) -> tuple[list[Block], list[Furniture]]:
    """The blocks without their masthead, and the masthead as furniture. Only
    the lines before the first numbered paragraph, and only when there are two
    of them or the text says it is an advance version, so that a date in a
    body is never taken."""
    front: list[int] = []
    for index, block in enumerate(blocks[:_FRONT]):
        text = clean_text(block.text)
        if block.label or match_para(text) or match_sub(text):
            break
        if text and not block.notes and masthead_line(text):  # a line that carries a note stays with it
            front.append(index)
    advance = any(re.search(r"edited version|unedited", clean_text(blocks[k].text), re.I) for k in front)
    if len(front) < 2 and not advance:
        return blocks, []
    taken = set(front) | _before_last(blocks, front)
    front = sorted(taken)
    furniture = [
        Furniture(page=blocks[k].location.page or 1, text=clean_text(blocks[k].text), kind="masthead") for k in front
    ]
    return [b for k, b in enumerate(blocks) if k not in taken], furniture


def _before_last(blocks: list[Block], front: list[int]) -> set[int]:
    """Front matter printed among the masthead: the unlabelled lines before its
    last line (a body's name and session over "Advance unedited version", a
    subtitle under the title) are masthead too; the title itself stays the
    title, and a heading the text numbers or names ("A. Preamble",
    "Article 1") is text."""
    if not front or not any(block.title for block in blocks[: front[-1]]):
        return set()  # the title not found: the lines above the masthead's end may be it
    out: set[int] = set()
    for index in range(front[-1]):
        block = blocks[index]
        text = clean_text(block.text)
        if index in front or block.title or block.label or not text:
            continue
        if match_para(text) or match_sub(text) or match_heading_number(text) or scope_heading(text):
            return set()  # text before the masthead's end: not a masthead after all
        out.add(index)
    return out
