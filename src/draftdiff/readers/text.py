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

from ..document.model import Furniture, Location, Note, ReadWarning
from ..document.numbering import match_para, match_sub, to_letters, to_roman
from ..document.structure import Block
from ..errors import InputError
from .result import ReadResult
from .text_layout import (
    contents,
    cover,
    footnotes,
    inline_furniture,
    join_split_words,
    may_run_together,
    one_paragraph_a_line,
    page_furniture,
    split_run_on_items,
    split_run_together,
)

_NOTE_DEF_RE = re.compile(r"^\[\^(?P<marker>[^\]\s]+)\]:\s?(?P<text>.*)$")
_NOTE_REF_RE = re.compile(r"\[\^(?P<marker>[^\]\s]+)\]")
_NOTE_STRIP_RE = re.compile(r"\s*\[\^[^\]\s]+\]")
_MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_BULLET_RE = re.compile(r"^[-*+•]\s+")
# "*" emphasises inside a word too ("r*eaffirming*", as CommonMark and kramdown read it); "_" does not
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
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


def _hard_breaks(lines: list[str]) -> list[str]:
    """A backslash that ends a line inside a paragraph is a line break, not text."""
    last = len(lines) - 1
    return [
        line[:-1].rstrip() if k < last and line.endswith("\\") and not line.endswith("\\\\") else line
        for k, line in enumerate(lines)
    ]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, path: Path, warnings: list | None = None) -> str:
    """Decode by the byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-8.

    Fallback: bytes that are not UTF-8 (a file saved as "ANSI" on Windows)
    are read as Windows-1252, with a warning; binary data is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"damaged {encoding.upper()} text", path=path, hint=str(exc.reason)) from None
    if b"\x00" in data[:4096]:
        raise InputError("binary data, not a text draft", path=path, hint="give a .txt, .md, .docx or .pdf file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if warnings is None:
            raise InputError(
                f"not UTF-8 text (invalid byte at offset {exc.start})",
                path=path,
                hint="save the file as UTF-8",
            ) from None
        warnings.append(
            ReadWarning(f"not UTF-8 (invalid byte at offset {exc.start}); read as Windows-1252, save it as UTF-8")
        )
        return data.decode("cp1252", errors="replace")


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
    if line[:1] == "[":
        line = line[1:].lstrip()  # "[3. The legal status …": a bracketed paragraph keeps its number
    return bool(match_sub(line) or match_para(line))


# Markdown as published on the web (Jekyll, kramdown, pandoc): front matter,
# attribute lists, a TOC marker and link definitions are markup, not text.
_FRONT_TITLE_RE = re.compile(r"^title:\s*(?P<title>.+?)\s*$")
_KRAMDOWN_IAL_RE = re.compile(r"^\{:[^}]*\}$")
_KRAMDOWN_INLINE_IAL_RE = re.compile(r"\s*\{:[^}]*\}")
_TOC_RE = re.compile(r"^[*-]\s+TOC$")
_LINK_DEF_RE = re.compile(r"^\[(?P<label>[^\]^][^\]]*)\]:\s*\S+")
_LIST_ITEM_RE = re.compile(r"^(?P<indent>\s*)(?P<num>\d{1,3})[.)]\s+(?P<text>\S.*)$")


def _front_matter(lines: list[str]) -> tuple[str, int]:
    """YAML front matter between ``---`` lines: its title, and the lines it takes."""
    if not lines or lines[0].strip() != "---":
        return "", 0
    for end in range(1, min(len(lines), 200)):
        if lines[end].strip() in ("---", "..."):
            title = next((m["title"] for line in lines[1:end] if (m := _FRONT_TITLE_RE.match(line.strip()))), "")
            return title.strip("\"'"), end + 1
    return "", 0


def _markdown_links(text: str, labels: set[str]) -> str:
    """Keep a link's text: ``[text](http…)`` and ``[text][label]`` for a defined label.
    Brackets of a negotiating text (``[shall][should]``) are not links."""
    text = re.sub(r"\[([^\[\]]+)\]\((?:https?:|mailto:|/|#|\./)[^)\s]*\)", r"\1", text)
    if labels:
        text = re.sub(
            r"\[([^\[\]]+)\]\[([^\[\]]+)\]",
            lambda m: m.group(1) if m.group(2).lower() in labels else m.group(0),
            text,
        )
    return text


def _nested_label(indent: int, number: int, levels: list[int]) -> str | None:
    """A nested ordered list item as the sub-paragraph it stands for: the
    second level is lettered, the third roman (``1.`` → ``(a)`` → ``(i)``)."""
    while levels and indent <= levels[-1]:
        levels.pop()
    levels.append(indent)
    depth = len(levels) - 1
    if depth == 0:
        return None
    return f"({to_letters(number)})" if depth == 1 else f"({to_roman(number).lower()})"


def read_blocks(text: str, *, markdown: bool = False, furniture: list[Furniture] | None = None) -> list[Block]:
    """The blocks of a text or Markdown draft; page furniture found in a text
    (page numbers, footers, job numbers) is removed and added to ``furniture``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    found: list[Furniture] = [] if furniture is None else furniture
    lines = text.split("\n")
    front_title = ""
    link_labels: set[str] = set()
    if markdown:
        front_title, skip = _front_matter(lines)
        lines = [""] * skip + lines[skip:]  # keep line numbers
        for index, line in enumerate(lines):
            stripped = line.strip()
            m = _LINK_DEF_RE.match(stripped)
            if m:
                link_labels.add(m["label"].lower())
                lines[index] = ""
            elif _KRAMDOWN_IAL_RE.match(stripped) or _TOC_RE.match(stripped):
                lines[index] = ""

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
    list_levels: list[int] = []
    line_mode = False
    run_together = False
    page_notes: dict[int, tuple[str, str] | None] = {}  # by line number
    cover_lines: set[int] = set()  # by line number: the title on a cover page, one block
    title_at = -1  # its index in raw
    if not markdown:
        page_lines = page_furniture([line for _, line in body])
        listed = contents([line for _, line in body])
        page_lines.update(listed)
        cover_lines = {body[k][0] for k in cover([line for _, line in body], listed, page_lines)}
        found += page_lines.values()
        staying = [k for k in range(len(body)) if k not in page_lines]
        page_ends = frozenset(
            n for n, k in enumerate(staying) if (f := page_lines.get(k + 1)) is not None and f.kind == "page-number"
        )
        body = [body[k] for k in staying]
        page_notes = {body[k][0]: note for k, note in footnotes([line for _, line in body], page_ends).items()}
        # footers left inside the lines ("… the Parties 32/52 22-08354 shall …"); no pattern spans a line
        whole = "\n".join(line for _, line in body)
        kept, inline = inline_furniture(whole)
        if inline:
            found += inline
            body = list(zip([number for number, _ in body], kept.split("\n"), strict=True))
        line_mode = one_paragraph_a_line([line for _, line in body])
        run_together = may_run_together(whole)

    def flush() -> None:
        nonlocal pending
        if pending:
            raw.append((start, pending, None, False))
            pending = []

    notes_of: dict[int, list[Note]] = {}  # by index in raw: footnotes of an extracted page
    for number, line in body:
        if number in page_notes:
            # a page's notes belong to the paragraph before them, which may go on after the page break
            note = page_notes[number]
            if note:  # the rule and a note's further lines are in the note already
                owner = len(raw) if pending or not raw else len(raw) - 1
                notes_of.setdefault(owner, []).append(Note(marker=note[0], text=note[1]))
            continue
        stripped = line.strip()
        if number in cover_lines:
            flush()
            if title_at < 0:
                title_at = len(raw)
                raw.append((number, [], 1, False))
            raw[title_at][1].append(stripped)
            continue
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
        item = _LIST_ITEM_RE.match(line) if markdown else None
        if item:
            label = _nested_label(len(item["indent"].expandtabs(4)), int(item["num"]), list_levels)
            if label:
                flush()
                start = number
                pending.append(f"{label} {item['text']}")
                continue
        elif markdown and not line.startswith((" ", "\t")):
            list_levels.clear()
        for piece in split_run_together(stripped) if run_together else (stripped,):
            # a cross-reference wrapped onto a line of its own goes on: "… provided in this" / "Section 1."
            # (a numbered item after "…; and" is an item)
            opens = _starts_paragraph(piece) and not (
                _SCOPE_WORD_RE.match(piece) and _WRAPPED_END_RE.search(pending[-1] if pending else "")
            )
            if pending and (opens or (line_mode and not _goes_on(pending[-1], piece))):
                flush()
            if not pending:
                start = number
            pending.append(piece)
    flush()

    if not markdown:
        # text an extractor gave (a paragraph to a line, page furniture): words it split are joined;
        # items it ran together ("i) … ; ii) …", in a text copied from a PDF too) are split
        texts = [" ".join(parts) for _, parts, _, _ in raw]
        joined_texts = join_split_words(texts) if line_mode or found else texts
        split: list[tuple[int, list[str], int | None, bool]] = []
        moved: dict[int, int] = {}  # old index in raw → the index of its last piece
        for index, ((line_no, _, level, dotted), text) in enumerate(zip(raw, joined_texts, strict=True)):
            # "(c) …; (d) …" run together by the extractor: one item each
            for piece in split_run_on_items(text) if level is None and not dotted else [text]:
                split.append((line_no, [piece], level, dotted))
            moved[index] = len(split) - 1
        raw = split
        notes_of = {moved[k]: v for k, v in notes_of.items() if k in moved}
        title_at = moved.get(title_at, -1)
    blocks: list[Block] = []
    if front_title:
        blocks.append(Block(text=front_title, location=Location(line=1), heading=1, title=True))
    for index, (line_no, parts, level, is_bullet) in enumerate(raw):
        if markdown:
            parts = _hard_breaks(parts)
        joined = " ".join(parts)
        if markdown:
            joined = _markdown_inline(_markdown_links(_KRAMDOWN_INLINE_IAL_RE.sub("", joined), link_labels))
        block_notes = list(notes_of.get(index, ()))
        if "[^" in joined:  # a note reference: rare, and the strip pattern is slow on every line
            block_notes += [
                Note(marker=m["marker"], text=notes.get(m["marker"], "")) for m in _NOTE_REF_RE.finditer(joined)
            ]
            joined = _NOTE_STRIP_RE.sub("", joined)
        blocks.append(
            Block(
                text=joined,
                location=Location(line=line_no),
                heading=level,
                notes=block_notes,
                bullet=is_bullet,
                title=index == title_at,
            )
        )
    return blocks


_SCOPE_WORD_RE = re.compile(r"^(?:Article|Section|Part|Chapter|Annex|Appendix|Rule)\s")
_WRAPPED_END_RE = re.compile(r"\b(?:the|of|in|this|that|to|under|by|with)$")
# a line that ends on one of these words was wrapped: no paragraph or title ends so
_OPEN_END_RE = re.compile(r"\b(?:the|of|and|or|on|to|a|an|for|in|by|with|under|from|at|its|their|this|that)$")


def _goes_on(before: str, line: str) -> bool:
    """In a text with one paragraph to a line, a line in lower case goes on with the
    paragraph before it (cut by a page break or a wrapped line), and so does a line
    after one that stops on "the", "of", "under" …"""
    if match_sub(line) or match_para(line):
        return False
    return line[:1].islower() or bool(_OPEN_END_RE.search(before))


def read(path: Path, data: bytes, *, markdown: bool = False) -> list[Block]:
    return read_blocks(decode(data, path), markdown=markdown)


def read_with_warnings(path: Path, data: bytes, *, markdown: bool = False) -> ReadResult:
    warnings: list[ReadWarning] = []
    furniture: list[Furniture] = []
    text = decode(data, path, warnings)
    blocks = read_blocks(text, markdown=markdown, furniture=furniture)
    return ReadResult(blocks, warnings=warnings, furniture=furniture)
