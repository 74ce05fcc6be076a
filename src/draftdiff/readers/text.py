"""Reader for plain-text and Markdown drafts.

Paragraphs are separated by blank lines; hard-wrapped lines are rejoined. A
line that starts with a paragraph or sub-paragraph number also starts a new
paragraph, so lists typed without blank lines still split. Footnotes use the
Markdown form: a marker ``[^1]`` in the text and a definition line
``[^1]: Note text.`` anywhere in the file.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..model import Location, Note
from ..numbering import match_para, match_sub
from ..structure import Block

_NOTE_DEF_RE = re.compile(r"^\[\^(?P<marker>[^\]\s]+)\]:\s?(?P<text>.*)$")
_NOTE_REF_RE = re.compile(r"\[\^(?P<marker>[^\]\s]+)\]")
_NOTE_STRIP_RE = re.compile(r"\s*\[\^[^\]\s]+\]")
_MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^[-*+•]\s+")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_MD_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def _markdown_inline(text: str) -> str:
    """Drop emphasis markers and backslash escapes; escaped characters stay."""
    escaped: list[str] = []

    def hide(m: re.Match) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _MD_ESCAPE_RE.sub(hide, text)
    text = _MD_EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(3), text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)


def decode(data: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError("damaged UTF-16 text", path=path, hint=str(exc.reason)) from None
    if b"\x00" in data[:4096]:
        raise InputError("binary data, not a text draft", path=path, hint="give a .txt, .md, .docx or .pdf file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (invalid byte at offset {exc.start})",
            path=path,
            hint="save the file as UTF-8",
        ) from None


def looks_like_text(data: bytes) -> bool:
    """For files with an unknown suffix: is this a readable text draft?"""
    if not data.strip():
        return False
    try:
        decode(data[:65536], Path("-"))
    except InputError:
        return False
    except UnicodeDecodeError:
        return False
    return True


def _starts_paragraph(line: str) -> bool:
    return bool(match_sub(line) or match_para(line))


def read_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")

    notes: dict[str, str] = {}
    body: list[tuple[int, str]] = []
    current_note: str | None = None
    for number, line in enumerate(lines, start=1):
        m = _NOTE_DEF_RE.match(line)
        if m:
            current_note = m["marker"]
            notes[current_note] = m["text"].strip()
            continue
        if current_note is not None and line.startswith(("    ", "\t")) and line.strip():
            notes[current_note] += " " + line.strip()  # continuation of a note
            continue
        current_note = None
        body.append((number, line))

    raw: list[tuple[int, list[str], int | None, bool]] = []  # (line, lines, heading, bullet)
    pending: list[str] = []
    start = 0

    def flush() -> None:
        nonlocal pending
        if pending:
            raw.append((start, pending, None, False))
            pending = []

    for number, line in body:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        heading = _MD_HEADING_RE.match(stripped)
        if heading:
            flush()
            raw.append((number, [heading["text"]], len(heading["hashes"]), False))
            continue
        bullet = _BULLET_RE.match(stripped)
        if bullet and (markdown or stripped.startswith("•")):
            flush()
            raw.append((number, [stripped[bullet.end() :]], 0, True))
            continue
        if pending and _starts_paragraph(stripped):
            flush()
        if not pending:
            start = number
        pending.append(stripped)
    flush()

    blocks: list[Block] = []
    for line_no, parts, heading, bullet in raw:
        joined = " ".join(parts)
        if markdown:
            joined = _markdown_inline(joined)
        block_notes = [Note(marker=m["marker"], text=notes.get(m["marker"], "")) for m in _NOTE_REF_RE.finditer(joined)]
        joined = _NOTE_STRIP_RE.sub("", joined)
        blocks.append(
            Block(
                text=joined,
                location=Location(line=line_no),
                heading=heading,
                notes=block_notes,
                bullet=bullet,
            )
        )
    return blocks


def read(path: Path, data: bytes, *, markdown: bool = False) -> list[Block]:
    return read_blocks(decode(data, path), markdown=markdown)
