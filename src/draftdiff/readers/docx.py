"""Reader for Word .docx drafts: every paragraph as Word shows it.

Text is read from the XML directly, not through python-docx's
``Paragraph.text``, which drops inserted and deleted text and the text of
smart tags, simple fields and content controls. The reader

* shows tracked changes accepted (default) or rejected, including moves and
  inserted or deleted paragraph marks, which join two paragraphs in one view;
* computes list numbers as Word displays them (:mod:`.docx_numbering`);
* shows field results, never field instructions, and hides hidden text;
* attaches footnotes and endnotes to their paragraph, out of its text;
* reads table cells in order, and the text of content controls and smart tags.

Joined paragraphs (a deleted paragraph mark) are separated by one space
(none before punctuation), and
take the properties (style, numbering) of the first of them that has text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..document.model import Location, Note, Revision, as_warning
from ..document.numbering import match_heading_number, to_roman
from ..document.structure import Block, looks_like_heading, scope_heading
from ..errors import InputError
from ..normalize import clean_text
from .docx_numbering import Numbering, W, _is_on
from .package import Package
from .result import ReadResult

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_REL_TYPES = {
    "styles": "styles",
    "numbering": "numbering",
    "footnotes": "footnotes",
    "endnotes": "endnotes",
    "comments": "comments",
}
_INSERTED = {f"{W}ins": "insertion", f"{W}moveTo": "move"}
_DELETED = {f"{W}del": "deletion", f"{W}moveFrom": "move"}
_TRANSPARENT = {
    f"{W}hyperlink",
    f"{W}smartTag",
    f"{W}customXml",
    f"{W}fldSimple",
    f"{W}bdo",
    f"{W}dir",
    f"{W}sdtContent",
}
_SKIPPED = {
    f"{W}pPr",
    f"{W}rPr",
    f"{W}drawing",
    f"{W}pict",
    f"{W}object",
    f"{MC}AlternateContent",
    f"{W}sdtPr",
    f"{W}sdtEndPr",
}


@dataclass
class _Para:
    """One w:p as read in the current view, before paragraph marks join them."""

    index: int
    parts: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    comment_ids: set[str] = field(default_factory=set)  # the same ids, for a membership test in constant time
    style: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    mark_present: bool = True
    in_table: bool = False
    bold_runs: int = 0
    plain_runs: int = 0

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def add_comment(self, cid: str) -> None:
        if cid not in self.comment_ids:
            self.comment_ids.add(cid)
            self.comments.append(cid)


class DocxReader:
    def __init__(self, package: Package, accept: bool) -> None:
        self.package = package
        self.accept = accept
        self.warnings: list[str] = []
        document_name, rels = self._document_part()
        self.document = package.xml(document_name)
        if self.document is None:
            raise InputError("has no document body", path=package.path, hint="it is not a Word document")
        self.numbering = Numbering(
            package.xml(rels.get("styles", "word/styles.xml")), package.xml(rels.get("numbering", "word/numbering.xml"))
        )
        bad = self.numbering.bad_numbers
        if bad:
            shown = ", ".join(repr(v) for v in bad[:3])
            self.warnings.append(
                f"list numbering has {len(bad)} attribute(s) that are not usable numbers ({shown}); "
                "read with Word's defaults or capped at 32767"
            )
        self.notes = {
            "footnote": self._notes(package.xml(rels.get("footnotes", "word/footnotes.xml")), "footnote"),
            "endnote": self._notes(package.xml(rels.get("endnotes", "word/endnotes.xml")), "endnote"),
        }
        self.note_count = {"footnote": 0, "endnote": 0}
        self.comment_elements = self._comments(package.xml(rels.get("comments", "word/comments.xml")))
        self.fields: list[str] = []  # stack of field phases: "instr" | "result"
        # A footnote reference with customMarkFollows: its mark is the next text.
        self.custom_mark: tuple[_Para, int] | None = None
        self.paragraph_count = 0
        # comment id -> the words its range spans so far (capped: ranges may nest by thousands)
        self.open_ranges: dict[str, list[str]] = {}
        self.filling: dict[str, list[str]] = {}  # the open ranges still under _ANCHOR_CHARS
        self.range_chars: dict[str, int] = {}
        self.ranges_left = 0  # comment ranges opened beyond _OPEN_RANGES: their anchors are not read
        self.anchors: dict[str, str] = {}
        self.elements: dict[int, etree._Element] = {}  # paragraph index -> its w:p

    # -- package -----------------------------------------------------------
    def _document_part(self) -> tuple[str, dict[str, str]]:
        rels_xml = self.package.xml("_rels/.rels")
        name = "word/document.xml"
        if rels_xml is not None:
            for rel in rels_xml.iter(f"{PKG_REL}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    name = rel.get("Target", name).lstrip("/")
        if not self.package.has(name):
            other = self._other_office_kind()
            raise InputError(f"is not a Word document{other}", path=self.package.path, hint="give a .docx file")
        folder = name.rpartition("/")[0]
        rels: dict[str, str] = {}
        doc_rels = self.package.xml(f"{folder}/_rels/{name.rpartition('/')[2]}.rels")
        if doc_rels is not None:
            for rel in doc_rels.iter(f"{PKG_REL}Relationship"):
                kind = rel.get("Type", "").rpartition("/")[2]
                if kind in _REL_TYPES and rel.get("TargetMode") != "External":
                    target = rel.get("Target", "")
                    rels[kind] = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        return name, rels

    def _other_office_kind(self) -> str:
        if self.package.has("xl/workbook.xml"):
            return " (it is an Excel workbook)"
        if self.package.has("ppt/presentation.xml"):
            return " (it is a PowerPoint file)"
        if self.package.has("content.xml") and self.package.has("mimetype"):
            return " (it is an OpenDocument file: save it as .docx)"
        return " (no word/document.xml inside)"

    def _notes(self, root: etree._Element | None, kind: str) -> dict[str, etree._Element]:
        if root is None:
            return {}
        return {element.get(f"{W}id", ""): element for element in root if element.get(f"{W}type") in (None, "normal")}

    def _comments(self, root: etree._Element | None) -> dict[str, etree._Element]:
        if root is None:
            return {}
        return {element.get(f"{W}id", ""): element for element in root.iter(f"{W}comment")}

    # -- body --------------------------------------------------------------
    def paragraphs(self) -> list[_Para]:
        body = self.document.find(f"{W}body") if self.document is not None else None
        out: list[_Para] = []
        if body is not None:
            self._block_content(body, out, in_table=False)
        return out

    def _block_content(self, parent: etree._Element, out: list[_Para], in_table: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                out.append(self._paragraph(child, in_table))
            elif tag == f"{W}tbl":
                self._table(child, out)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._block_content(content, out, in_table)
            elif tag in (f"{W}customXml", f"{W}sdtContent"):
                self._block_content(child, out, in_table)
            elif tag in _INSERTED:
                if self.accept:
                    self._block_content(child, out, in_table)
            elif tag in _DELETED:
                if not self.accept:
                    self._block_content(child, out, in_table)
            elif tag == f"{W}altChunk":
                self.warnings.append("embedded content (altChunk) is not read")

    def _table(self, table: etree._Element, out: list[_Para]) -> None:
        for row in table.iter(f"{W}tr"):
            if row.getparent() is not table and row.getparent().tag != f"{W}sdtContent":
                continue  # rows of nested tables are read with their cell
            trpr = row.find(f"{W}trPr")
            if trpr is not None:
                if self.accept and trpr.find(f"{W}del") is not None:
                    continue
                if not self.accept and trpr.find(f"{W}ins") is not None:
                    continue
            for cell in row:
                if cell.tag == f"{W}tc":
                    start = len(out)
                    self._block_content(cell, out, in_table=True)
                    # A cell boundary always ends a paragraph.
                    if len(out) > start:
                        out[-1].mark_present = True

    def _paragraph(self, element: etree._Element, in_table: bool) -> _Para:
        self.paragraph_count += 1
        para = _Para(index=self.paragraph_count, in_table=in_table)
        self.elements[para.index] = element
        for words in self.filling.values():
            if words and not words[-1].isspace():
                words.append(" ")  # a range over several paragraphs
        ppr = element.find(f"{W}pPr")
        if ppr is not None:
            para.style = _attr(ppr.find(f"{W}pStyle"))
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None and (self.accept or num_pr.find(f"{W}ins") is None):
                para.num_id = _attr(num_pr.find(f"{W}numId"))
                ilvl = _attr(num_pr.find(f"{W}ilvl"))
                para.ilvl = int(ilvl) if ilvl and ilvl.isdigit() else None
            outline = _attr(ppr.find(f"{W}outlineLvl"))
            para.outline = int(outline) if outline and outline.isdigit() else None
            mark = ppr.find(f"{W}rPr")
            if mark is not None:
                if self.accept and (mark.find(f"{W}del") is not None or mark.find(f"{W}moveFrom") is not None):
                    para.mark_present = False
                if not self.accept and (mark.find(f"{W}ins") is not None or mark.find(f"{W}moveTo") is not None):
                    para.mark_present = False
        self._inline(element, para)
        return para

    def _inline(self, parent: etree._Element, para: _Para) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}r":
                self._run(child, para)
            elif tag in _INSERTED:
                if self.accept:
                    self._inline(child, para)
            elif tag in _DELETED:
                if not self.accept:
                    self._inline(child, para)
            elif tag in _TRANSPARENT:
                self._inline(child, para)
            elif tag == f"{W}sdt":
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self._inline(content, para)
            elif tag in (f"{W}commentRangeStart", f"{W}commentReference"):
                cid = child.get(f"{W}id")
                if cid is not None:
                    para.add_comment(cid)
                if cid is not None and tag == f"{W}commentRangeStart" and cid not in self.open_ranges:
                    if len(self.open_ranges) < _OPEN_RANGES:
                        self.open_ranges[cid] = self.filling[cid] = []
                        self.range_chars[cid] = 0
                    else:
                        self.ranges_left += 1
            elif tag == f"{W}commentRangeEnd":
                cid = child.get(f"{W}id")
                if cid is not None and cid in self.open_ranges:
                    self.filling.pop(cid, None)
                    self.range_chars.pop(cid, None)
                    self.anchors[cid] = clean_text("".join(self.open_ranges.pop(cid)))

    def _text(self, para: _Para, text: str) -> None:
        """Body text: into the paragraph and into every comment range open over it."""
        para.parts.append(text)
        if not text or not self.filling:
            return
        full = []
        for cid, words in self.filling.items():
            words.append(text)
            self.range_chars[cid] += len(text)
            if self.range_chars[cid] >= _ANCHOR_CHARS:
                full.append(cid)
        for cid in full:  # enough words to show: no more are gathered for it
            del self.filling[cid]

    def _hidden(self) -> bool:
        return "instr" in self.fields

    def _run(self, run: etree._Element, para: _Para) -> None:
        rpr = run.find(f"{W}rPr")
        if not self._hidden() and run.find(f"{W}t") is not None:
            bold = rpr is not None and _is_on(rpr.find(f"{W}b"))
            if bold:
                para.bold_runs += 1
            else:
                para.plain_runs += 1
        if rpr is not None:
            vanish = rpr.find(f"{W}vanish")
            if vanish is not None and _attr(vanish) not in ("0", "false"):
                # Hidden text is not shown, but field characters still count.
                for fld in run.iter(f"{W}fldChar"):
                    self._field_char(fld)
                return
        for child in run:
            tag = child.tag
            if tag == f"{W}t" or tag == f"{W}delText":
                if self._hidden():
                    continue
                if self.custom_mark is not None:
                    owner, index = self.custom_mark
                    note = owner.notes[index]
                    owner.notes[index] = Note(
                        marker=(child.text or "").strip() or note.marker, text=note.text, kind=note.kind
                    )
                    self.custom_mark = None
                    continue
                if para.in_table and _superscript(rpr) and _TABLE_NOTE_RE.match(child.text or ""):
                    # "yearB", "IDc": a table's note letter, kept apart from the word
                    para.notes.append(Note(marker=(child.text or "").strip(), text="", kind="table-note"))
                    continue
                self._text(para, child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                if not self._hidden():
                    self._text(para, "\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if not self._hidden():
                    self._text(para, " ")
            elif tag == f"{W}noBreakHyphen":
                if not self._hidden():
                    para.parts.append("-")
            elif tag == f"{W}sym":
                code = _attr(child, "char") or ""
                try:
                    char = chr(int(code, 16))
                except ValueError:
                    continue
                if not ("\ue000" <= char <= "\uf8ff") and not self._hidden():
                    para.parts.append(char)
            elif tag == f"{W}fldChar":
                self._field_char(child)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
                self._note(child, kind, para)
            elif tag == f"{W}commentReference":
                cid = child.get(f"{W}id")
                if cid is not None:
                    para.add_comment(cid)

    def _field_char(self, element: etree._Element) -> None:
        kind = element.get(f"{W}fldCharType")
        if kind == "begin":
            self.fields.append("instr")
        elif kind == "separate" and self.fields:
            self.fields[-1] = "result"
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _note(self, ref: etree._Element, kind: str, para: _Para) -> None:
        if self._hidden():
            return
        note_id = ref.get(f"{W}id", "")
        custom = ref.get(f"{W}customMarkFollows") in ("1", "true", "on")
        self.note_count[kind] += 1
        count = self.note_count[kind]
        marker = str(count) if kind == "footnote" else to_roman(count).lower()
        text = self._note_text(self.notes[kind].get(note_id))
        para.notes.append(Note(marker=marker, text=text, kind=kind))
        if custom:
            self.custom_mark = (para, len(para.notes) - 1)

    def _note_text(self, element: etree._Element | None) -> str:
        if element is None:
            return ""
        saved_fields, self.fields = self.fields, []
        parts: list[str] = []
        for p in element.iter(f"{W}p"):
            holder = _Para(index=0)
            self._inline(p, holder)
            parts.append(holder.text)
        self.fields = saved_fields
        return clean_text(" ".join(parts))

    # -- revisions and comments -----------------------------------------------
    def revisions(self) -> list[Revision]:
        out: list[Revision] = []
        roots = [self.document, *self._note_roots()]
        kinds = {
            f"{W}ins": "insertion",
            f"{W}del": "deletion",
            f"{W}moveFrom": "move",
            f"{W}moveTo": "move",
            f"{W}rPrChange": "formatting",
            f"{W}pPrChange": "formatting",
            f"{W}tblPrChange": "formatting",
            f"{W}sectPrChange": "formatting",
            f"{W}numberingChange": "formatting",
        }
        for root in roots:
            for element in root.iter(*kinds):
                kind = kinds[element.tag]
                parent = element.getparent()
                if kind == "move" and element.tag == f"{W}moveFrom" and parent is not None and parent.tag != f"{W}rPr":
                    continue  # a move is counted once, at its destination
                if (
                    parent is not None
                    and parent.tag == f"{W}rPr"
                    and parent.getparent() is not None
                    and parent.getparent().tag == f"{W}pPr"
                ):
                    kind = f"paragraph {kind}"
                elif parent is not None and parent.tag == f"{W}trPr":
                    kind = f"row {kind}"
                out.append(Revision(kind=kind, author=element.get(f"{W}author", ""), date=element.get(f"{W}date", "")))
        return out

    def _note_roots(self) -> list[etree._Element]:
        roots = []
        for kind in ("footnote", "endnote"):
            roots += list(self.notes[kind].values())
        return roots

    def comment_list(self, para_of_comment: dict[str, int]) -> list[dict]:
        out = []
        for cid, element in self.comment_elements.items():
            parts = []
            for p in element.iter(f"{W}p"):
                holder = _Para(index=0)
                self._inline(p, holder)
                parts.append(holder.text)
            out.append(
                {
                    "id": cid,
                    "author": element.get(f"{W}author", ""),
                    "date": element.get(f"{W}date", ""),
                    "text": clean_text(" ".join(parts)),
                    "anchor": self.anchors.get(cid, ""),
                    "block_index": para_of_comment.get(cid),
                }
            )
        return out


def _attr(element: etree._Element | None, name: str = "val") -> str | None:
    if element is None:
        return None
    return element.get(f"{W}{name}")


def _heading_by_pattern(para: _Para, text: str, style_bold: bool) -> int | None:
    """Headings without a heading style: a short bold line, or a line that
    starts like one ("II. Progress", "Annex I"). Returns a level, 0 (not a
    heading) or None (let the text decide)."""
    if para.in_table:
        return 0
    bold = (para.bold_runs and not para.plain_runs) or (style_bold and not para.plain_runs)
    shouting = text.isupper() and len(text) > 3
    if (bold or shouting) and looks_like_heading(text):
        return 1
    if match_heading_number(text) or scope_heading(text):
        return None
    return 0


def _join(paras: list[_Para]) -> _Para:
    """Paragraphs whose marks are gone in this view, joined into the next."""
    if len(paras) == 1:
        return paras[0]
    base = next((p for p in paras if p.text.strip()), paras[-1])
    joined = _Para(
        index=paras[0].index,
        style=base.style,
        num_id=base.num_id,
        ilvl=base.ilvl,
        outline=base.outline,
        in_table=base.in_table,
        bold_runs=sum(p.bold_runs for p in paras),
        plain_runs=sum(p.plain_runs for p in paras),
    )
    texts = []
    for para in paras:
        if para.text.strip():
            texts.append(para.text)
        joined.notes += para.notes
        joined.comments += para.comments
    merged = ""
    for text in texts:
        # One space stands for the paragraph break, unless punctuation follows.
        if merged and not merged[-1].isspace() and not text[0].isspace() and text[0] not in ",.;:!?)]":
            merged += " "
        merged += text
    joined.parts = [merged]
    return joined


def read(path: Path, data: bytes, *, revisions: str = "accept") -> ReadResult:
    if revisions not in ("accept", "reject"):
        raise InputError(f"unknown revisions mode {revisions!r}", hint="use accept or reject")
    package = Package(path, data)
    reader = DocxReader(package, accept=revisions == "accept")
    raw = reader.paragraphs()

    # Join paragraphs whose marks are gone in this view.
    merged: list[_Para] = []
    pending: list[_Para] = []
    for para in raw:
        pending.append(para)
        if para.mark_present:
            merged.append(_join(pending))
            pending = []
    if pending:
        merged.append(_join(pending))

    blocks: list[Block] = []
    comment_block: dict[str, int] = {}
    numbering = reader.numbering
    for para in merged:
        label = None
        bullet = False
        applies = numbering.paragraph_num(para.style, para.num_id, para.ilvl)
        if applies:
            number = numbering.next_number(*applies)
            if number is not None:
                label = number.text or None
                bullet = number.bullet
        text = para.text
        heading = numbering.heading_level(para.style, para.outline)
        if heading is None:
            shown = clean_text(f"{label} {text}" if label and not bullet else text)
            heading = _heading_by_pattern(para, shown, numbering.style_bold(para.style))
        if not clean_text(text) and not label:
            continue
        for cid in para.comments:
            comment_block.setdefault(cid, para.index)
        blocks.append(
            Block(
                text=text,
                location=Location(index=para.index),
                label=None if bullet else label,
                heading=heading,
                notes=para.notes,
                bullet=bullet,
            )
        )
    if reader.ranges_left:
        reader.warnings.append(
            f"more than {_OPEN_RANGES:,} comment ranges open at once: the words {reader.ranges_left:,} "
            "more comments stand on are not read (the comments are)"
        )
    return ReadResult(
        blocks=blocks,
        revisions=reader.revisions(),
        comments=reader.comment_list(comment_block),
        warnings=[as_warning(w) for w in reader.warnings],
    )


_OPEN_RANGES = 1000
_ANCHOR_CHARS = 2000

_TABLE_NOTE_RE = re.compile(r"^\s*(?:[a-zA-Z]{1,2}|\d{1,2}|[*†‡§])\s*$")


def _superscript(rpr: etree._Element | None) -> bool:
    if rpr is None:
        return False
    align = rpr.find(f"{W}vertAlign")
    return align is not None and _attr(align) == "superscript"
