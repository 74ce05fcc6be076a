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
    # what the document is and who issues it: "Non-paper", "Note by the Co-Chairs"
    re.compile(r"^(?:informal )?non-?paper$", re.I),
    re.compile(r"^(?:Note|Report|Proposal|Non-paper|Submission|Informal note) by the [\w'’ -]{2,60}$"),
    # a report's title line: "Report of the Conference of the Parties … on its third session, held in …"
    re.compile(r"^Report of the .{5,300}? on its [\w -]{3,40} session\b"),
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
        if text and masthead_line(text):
            front.append(index)
    advance = any(re.search(r"edited version|unedited", clean_text(blocks[k].text), re.I) for k in front)
    if len(front) < 2 and not advance:
        return blocks, []
    taken = set(front) | _before_last(blocks, front)
    furniture: list[Furniture] = []
    for k in sorted(taken):
        page = blocks[k].location.page or 1
        furniture.append(Furniture(page=page, text=clean_text(blocks[k].text), kind="masthead"))
        # a note on a masthead line ("Edited version of 6 November 2015¹") is kept with it
        furniture += [Furniture(page=page, text=f"{n.marker} {n.text}".strip(), kind="note") for n in blocks[k].notes]
    return [b for k, b in enumerate(blocks) if k not in taken], furniture


_MASTHEAD_WORDS = 16  # a masthead line names a body, a session, a version: never a sentence or a title this long


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
        if len(text.split()) > _MASTHEAD_WORDS:
            continue  # a heading the source marks ("## Draft agreement …"), or prose (an editor's note)
        if match_para(text) or match_sub(text) or match_heading_number(text) or scope_heading(text):
            return set()  # text before the masthead's end: not a masthead after all
        out.add(index)
    return out


# The line that closes a UN decision or resolution: the meeting that adopted it
# ("12th plenary meeting" / "13 November 2021"), not a paragraph of it.
_ADOPTED_RE = re.compile(
    rf"^\d{{1,4}}(?:st|nd|rd|th) plenary meeting,?\s+\d{{1,2}} (?:{_MONTHS}) \d{{4}}$"
    rf"|^\d{{1,4}}(?:e|ᵉ|re) séance plénière,?\s+\d{{1,2}}(?:er)? \w+ \d{{4}}$"
    rf"|^\d{{1,4}}(?:a|ª) sesión plenaria,?\s+\d{{1,2}} de \w+ de \d{{4}}$",
    re.I,
)


def strip_adoption_lines(blocks: list[Block]) -> tuple[list[Block], list[Furniture]]:
    """The blocks without the lines that record where each decision was adopted,
    and those lines as furniture (kind ``adopted``): a paragraph of their own, never
    one of the decision's (they would take an id such as ``2.u1``)."""
    kept: list[Block] = []
    found: list[Furniture] = []
    for block in blocks:
        if block.label or block.notes or len(block.text) > 80:
            kept.append(block)
            continue
        text = clean_text(block.text)
        if _ADOPTED_RE.match(text):
            found.append(Furniture(page=block.location.page or 1, text=text, kind="adopted"))
        else:
            kept.append(block)
    return kept, found
