"""DOCX redline on the new draft's own package: its styles, numbering, tables,
headers, footers, footnotes and comments stay as they are, and the changes
are marked in its runs as Word tracked changes.

- a modified paragraph gets word-level ``w:ins`` / ``w:del`` inside its own
  runs, which keep their formatting; a typed number that changed is marked;
- an added paragraph is marked inserted whole (its mark too), and a table row
  whose paragraphs are all added is an inserted row;
- a deleted paragraph comes back as a deleted paragraph after the paragraph
  that precedes it: a copy of the old DOCX's own (docx_old), or written from
  its text in the list of its kept neighbours, so that its number is counted
  in; a table row whose paragraphs are all deleted is a deleted row;
- a move is marked as Word marks it: ``w:moveFrom`` at the old place,
  ``w:moveTo`` at the new, each in a range of the move's name;
- splits and merges, and any paragraph whose words cannot be placed in its
  runs exactly, are marked whole: the new paragraphs inserted, the old ones
  deleted before them.

Accepting every change gives the new document unchanged; rejecting every
change gives the old one, paragraph by paragraph, numbers included.

The new DOCX's own tracked changes stay as they are, with their authors and
dates, in every paragraph where rejecting them gives the old draft's words;
in the others they are accepted before our marks go in, and ``notify`` hears
how many, once. When its changes delete a paragraph mark (joining two
paragraphs), or the new draft is not a DOCX, ``document`` returns None and
the generated redline is used.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ..diff.comparison import Change, Comparison
from ..document.model import Comment, Kind, Paragraph
from ..errors import DraftDiffError
from ..normalize import clean_text
from . import package_clean
from .docx_old import (
    OldParts,
    accept_changes,
    body_paragraphs,
    count_revisions,
    document_name,
    ensure_row_mark,
    has_text_changes,
    mark_properties,
    mark_removed,
    paragraph_properties,
    rejected_text,
    unwrap,
    without_label,
)
from .untrusted import name as safe_name
from .untrusted import text as safe_text
from .wordml import COMMENTS_CONTENT_TYPE, ordered_changes, redline_atoms

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

_PSEUDO = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": " ", f"{W}cr": " ", f"{W}noBreakHyphen": "-"}
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


class _CannotMark(Exception):
    """The package cannot be marked in place; the generated redline is used."""


def document(
    comparison: Comparison,
    *,
    author: str = "draftdiff",
    date: dt.datetime | None = None,
    notify: Callable[[str], None] | None = None,
) -> bytes | None:
    """``notify`` hears, in one line each, what of the new draft's package was left
    out because it could run or fetch something (package_clean), and how many of
    its own tracked changes were accepted rather than kept."""
    new = comparison.new
    if new.format != "docx":
        return None
    try:
        marker = _Marker(comparison, author, date)
        marked = marker.run()
    except (_CannotMark, DraftDiffError, OSError):
        return None
    if marker.left_out and notify is not None:
        notify(
            f"warning: {new.source}: left out of the redline, so that nothing in it runs or fetches: {marker.left_out}"
        )
    if notify is not None and marker.accepted_changes:
        kept = marker.existing_changes - marker.accepted_changes
        notify(
            f"redline: {marker.accepted_changes} of the new draft's {marker.existing_changes} tracked changes "
            f"are accepted in it (rejecting them would not give the old draft's words); "
            f"{kept} kept with their authors and dates"
        )
    return marked


@dataclass
class _Piece:
    """A stretch of a paragraph's text as it sits in the runs."""

    node: etree._Element | None  # the w:t holding it, None for a tab or break
    text: str
    run: etree._Element | None = None  # the run of a tab or break


class _Marker:
    def __init__(self, comparison: Comparison, author: str, date: dt.datetime | None) -> None:
        from ..readers import read_bytes
        from ..readers.docx import DocxReader
        from ..readers.package import Package

        self.comparison = comparison
        self.author = author
        self.date = (date or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        path = comparison.new.source
        self.package = Package(path, read_bytes(path))
        reader = DocxReader(self.package, accept=True)  # its styles and numbering; the words are read already
        self.reader = reader
        root = reader.document
        body = root.find(f"{W}body") if root is not None else None
        if root is None or body is None:
            raise _CannotMark
        self.root: etree._Element = root
        self.elements = dict(enumerate(body_paragraphs(body), start=1))
        self.document_name = document_name(self.package)
        self.next_id = 1 + max(
            (int(v) for v in self.root.xpath("//@w:id", namespaces={"w": W_NS}) if _int(v)), default=0
        )
        self.heading_style = self._style_of(Kind.HEADING)
        self.body_style = self._style_of(Kind.NUMBERED)
        self.added_comments: list[tuple[int, Comment, str]] = []
        self.left_out = ""  # what package_clean took out, in words

    # -- package -------------------------------------------------------------
    def run(self) -> bytes:
        self.index_of = {id(element): index for index, element in self.elements.items()}
        self._check_mapping()
        self._settle_existing_changes()
        self.old_parts = OldParts(
            self.comparison.old, self.package, self.document_name, set(self.reader.numbering.styles)
        )
        self._index_old()
        cursor: etree._Element | None = None
        first = self._first_element()
        for change, role in self._ordered():
            if role == "moved-from":
                cursor = self._removed(change.old, cursor, first, [], move=self._move_name(change))
                continue
            if change.kind == "deleted":
                cursor = self._removed(change.old, cursor, first, [c for s, c in change.comments if s == "old"])
                continue
            elements = [self.elements[index] for p in change.new for index in p.location.indexes]
            if not elements:
                continue
            old_comments = [c for side, c in change.comments if side == "old"]
            if all(p.location.index in self.kept_as_is for p in change.new):
                pass  # its own tracked changes say it already
            elif change.moved:
                self._insert_whole(elements, "moveTo")
                self._move_range(elements, "moveTo", self._move_name(change))
            elif change.kind == "added":
                self._insert_whole(elements)
            elif change.kind == "unchanged" and [p.text for p in change.old] == [p.text for p in change.new]:
                self._mark_label(change, elements[0])
            elif change.kind in ("modified", "unchanged") and len(elements) == 1 and self._single_owner(elements[0]):
                # ("unchanged" with other quotes or dashes: those are marked, so that rejecting restores them)
                if not self._mark_words(change, elements[0]):
                    self._replace_whole(change, elements)
            else:
                self._replace_whole(change, elements)
            if old_comments:
                self._comment_on(elements[0], old_comments)
            cursor = elements[-1]
        self._mark_inserted_rows()
        self._keep_a_last_paragraph()
        return self._package_bytes()

    def _keep_a_last_paragraph(self) -> None:
        """A body ends with a paragraph mark no change takes away: when the
        last paragraph is a deleted one, an empty paragraph closes the body
        after it (accepting, its number would stay otherwise)."""
        body = self.root.find(f"{W}body")
        blocks = [child for child in body if child.tag != f"{W}sectPr"] if body is not None else []
        last = blocks[-1] if blocks else None
        if last is not None and last.tag == f"{W}p" and last.find(f"{W}pPr/{W}rPr/{W}del") is not None:
            last.addnext(etree.Element(f"{W}p"))

    def _index_old(self) -> None:
        """Where each old paragraph stands, which are kept (and as what), and
        which body paragraphs of the old DOCX are deleted."""
        old = self.comparison.old.paragraphs
        self.old_position = {id(p): k for k, p in enumerate(old)}
        self.kept: dict[int, Paragraph] = {}
        self.deleted_indexes: set[int] = set()
        self.old_indexes = {index for p in old for index in p.location.indexes}
        self.rows_done: set[int] = set()
        self.move_names: dict[int, str] = {}
        for change in self.comparison.changes:
            if change.kind == "deleted":
                self.deleted_indexes.update(index for p in change.old for index in p.location.indexes)
            elif not change.moved and len(change.old) == len(change.new):
                self.kept.update((id(o), n) for o, n in zip(change.old, change.new, strict=True))

    def _move_name(self, change: Change) -> str:
        """The name both ends of a move share (Word's moveFrom/moveTo ranges)."""
        if id(change) not in self.move_names:
            self.move_names[id(change)] = f"move{self.next_id}"
            self.next_id += 1
        return self.move_names[id(change)]

    def _move_range(self, elements: list[etree._Element], tag: str, name: str) -> None:
        """Word's range marks around one end of a move, with the move's name."""
        start = self._rev(f"{tag}RangeStart")
        start.set(f"{W}name", name)
        first, last = elements[0], elements[-1]
        ppr = first.find(f"{W}pPr")
        if ppr is not None:
            ppr.addnext(start)
        else:
            first.insert(0, start)
        end = etree.SubElement(last, f"{W}{tag}RangeEnd")
        end.set(f"{W}id", start.get(f"{W}id", ""))

    def _ordered(self) -> list[tuple[Change, str]]:

        return ordered_changes(self.comparison)

    def _first_element(self) -> etree._Element | None:
        indexed = sorted(self.elements)
        return self.elements[indexed[0]] if indexed else None

    def _check_mapping(self) -> None:
        """Each new paragraph's words are in the element the reader took them from."""
        owners: dict[int, int] = {}
        for para in self.comparison.new.paragraphs:
            indexes = para.location.indexes
            if not indexes or any(index not in self.elements for index in indexes):
                raise _CannotMark
            for index in indexes:
                owners[index] = owners.get(index, 0) + 1
            # a heading and its title line read as one paragraph: the words run across both
            text = _squash(" ".join(_element_text(self.elements[index]) for index in indexes))
            head = _squash(para.text)[:40]
            if head not in text and head not in without_label(text, para):
                raise _CannotMark
        self.owners = owners

    def _single_owner(self, element: etree._Element) -> bool:
        index = next((k for k, e in self.elements.items() if e is element), None)
        return index is not None and self.owners.get(index, 0) == 1

    def _style_of(self, kind: Kind) -> str | None:
        for para in self.comparison.new.paragraphs:
            if (para.kind is Kind.HEADING) == (kind is Kind.HEADING) and para.location.index in self.elements:
                style = self.elements[para.location.index].find(f"{W}pPr/{W}pStyle")
                if style is not None:
                    return style.get(f"{W}val")
                if kind is not Kind.HEADING:
                    return None
        return None

    # -- existing tracked changes ---------------------------------------------
    def _settle_existing_changes(self) -> None:
        """The new DOCX's own tracked changes stay as they are, with their
        authors and dates, in every paragraph where rejecting them gives the
        old draft's words (the comparison is made with them accepted). In the
        others they are accepted, and counted, before our marks go in."""
        root = self.root
        for mark in root.iter(f"{W}pPr"):
            rpr = mark.find(f"{W}rPr")
            if rpr is not None and (rpr.find(f"{W}del") is not None or rpr.find(f"{W}moveFrom") is not None):
                raise _CannotMark  # a deleted paragraph mark joins two paragraphs
        self.existing_changes = count_revisions(root)
        self.kept_as_is = self._faithful_paragraphs() if self.existing_changes else set()
        accepted = 0
        if self.existing_changes:
            for row in list(root.iter(f"{W}tr")):
                trpr = row.find(f"{W}trPr")
                if trpr is None:
                    continue
                if trpr.find(f"{W}del") is not None:  # a deleted row: not in the new text
                    accepted += count_revisions(row)
                    row.getparent().remove(row)
                    continue
                indexes = {self.index_of.get(id(p)) for p in row.iter(f"{W}p")} - {None}
                inserted = trpr.find(f"{W}ins")
                if inserted is not None and not (indexes and indexes <= self.kept_as_is):
                    accepted += 1
                    trpr.remove(inserted)
            for element in list(root.iter(f"{W}p")):
                if self.index_of.get(id(element)) in self.kept_as_is or not has_text_changes(element):
                    continue
                accepted += count_revisions(element)
                accept_changes(element)
            # what is left outside paragraphs and rows (whole blocks inserted or deleted): accepted
            for block in list(root.iter(f"{W}ins", f"{W}del", f"{W}moveTo", f"{W}moveFrom")):
                parent = block.getparent()
                if parent is not None and parent.tag in (f"{W}body", f"{W}tc", f"{W}sdtContent", f"{W}tbl"):
                    accepted += count_revisions(block)
                    if block.tag in (f"{W}del", f"{W}moveFrom"):
                        parent.remove(block)
                    else:
                        unwrap(block)
        self.accepted_changes = accepted

    def _faithful_paragraphs(self) -> set[int]:
        """Indexes of the new paragraphs whose own tracked changes already
        turn the old paragraph into the new one: left exactly as they are."""
        out: set[int] = set()
        for change in self.comparison.changes:
            if change.moved:
                continue
            if change.kind == "added":
                for para in change.new:
                    index = para.location.index
                    if index is None or para.location.until not in (None, index):
                        continue
                    element = self.elements[index]
                    mark = element.find(f"{W}pPr/{W}rPr/{W}ins")
                    if mark is not None and not _squash(rejected_text(element)):
                        out.add(index)
                continue
            if len(change.old) != 1 or len(change.new) != 1:
                continue
            old, new = change.old[0], change.new[0]
            index = new.location.index
            if index is None or new.location.until not in (None, index) or self.owners.get(index, 0) != 1:
                continue
            element = self.elements[index]
            if not has_text_changes(element):
                continue
            rejected = _squash(rejected_text(element))
            if rejected in (_squash(old.text), _squash(f"{old.label}{old.close}{old.text}")):
                out.add(index)
        return out

    # -- marking -------------------------------------------------------------
    def _rev(self, tag: str) -> etree._Element:
        element = etree.Element(f"{W}{tag}")
        element.set(f"{W}id", str(self.next_id))
        element.set(f"{W}author", self.author)
        element.set(f"{W}date", self.date)
        self.next_id += 1
        return element

    def _insert_whole(self, elements: list[etree._Element], tag: str = "ins") -> None:
        for element in elements:
            for run in _runs(element):
                wrapper = self._rev(tag)
                run.addprevious(wrapper)
                wrapper.append(run)
            ppr = paragraph_properties(element)
            numbering = ppr.find(f"{W}numPr")
            if numbering is not None:
                numbering.append(self._rev("ins"))  # the number goes too (a cell's last paragraph stays)
            mark_properties(ppr).insert(0, self._rev(tag))

    def _replace_whole(self, change: Change, elements: list[etree._Element]) -> None:
        """The new paragraphs inserted whole, the old ones deleted just before
        them; old ones that did not stand next to the first (a merge of
        paragraphs far apart) deleted where they stood."""
        self._insert_whole(elements)
        groups = self._contiguous(change.old)
        for para in groups[0]:
            for copy_ in self._old_copies(para, "del"):
                elements[0].addprevious(copy_)
        for group in groups[1:]:
            if not self._delete_after_kept(group):
                for para in group:
                    for copy_ in self._old_copies(para, "del"):
                        elements[0].addprevious(copy_)

    def _contiguous(self, paras: list[Paragraph]) -> list[list[Paragraph]]:
        """The paragraphs in runs that stood next to each other in the old draft."""
        groups: list[list[Paragraph]] = []
        previous: int | None = None
        for para in paras:
            position = self.old_position.get(id(para))
            if groups and position is not None and previous is not None and position == previous + 1:
                groups[-1].append(para)
            else:
                groups.append([para])
            previous = position
        return groups

    def _delete_after_kept(self, group: list[Paragraph]) -> bool:
        """Old paragraphs deleted after the kept paragraph that preceded them; False when there is none."""
        anchor = self._kept_before(group[0])
        if anchor is None:
            return False
        for para in group:
            in_table = self.old_parts.row_of(para) is not None or not self.old_parts.available
            for copy_ in self._old_copies(para, "del"):
                anchor = self._place(copy_, anchor, None, in_table=in_table)
        return True

    def _kept_before(self, para: Paragraph) -> etree._Element | None:
        """The new element of the nearest paragraph before ``para`` in the old order that was kept."""
        old = self.comparison.old.paragraphs
        at = self.old_position.get(id(para))
        for k in range((at or 0) - 1, max((at or 0) - 200, -1), -1):
            kept = self.kept.get(id(old[k]))
            indexes = list(kept.location.indexes) if kept is not None else []
            if indexes and indexes[-1] in self.elements:
                return self.elements[indexes[-1]]
        return None

    def _removed(
        self, paras: list[Paragraph], cursor, first, comments: list[Comment], move: str | None = None
    ) -> etree._Element | None:
        """Old paragraphs deleted (or moved away) where they stood: after the
        paragraph written before them. A table row whose paragraphs are all
        deleted comes back as a deleted row."""
        tag = "moveFrom" if move else "del"
        placed: list[etree._Element] = []
        if move:
            # a move read together with a paragraph that stood elsewhere (a merge): that one is
            # deleted where it stood, outside the move's range
            groups = self._contiguous(paras)
            paras = list(groups[0])
            for group in groups[1:]:
                if not self._delete_after_kept(group):
                    paras += group  # no kept paragraph before it: it stays with the move
        for para in paras:
            row = self.old_parts.row_of(para)
            if row is not None and move is None and self._row_deleted(row):
                key = min(self.old_parts.row_indexes(row))  # (lxml gives a new proxy each time: no id())
                if key in self.rows_done:
                    continue
                self.rows_done.add(key)
                copy_ = self.old_parts.row_copy(row)
                if copy_ is not None:
                    mark_removed(copy_, self._rev, "del")
                    ensure_row_mark(copy_, self._rev("del"))
                    cursor = self._place_row(copy_, row, cursor, first)
                    placed.append(cursor)
                    continue
            # (without the old package, where a paragraph stood in a table is not known: after the cursor)
            in_table = row is not None or not self.old_parts.available
            for element in self._old_copies(para, tag):
                cursor = self._place(element, cursor, first, in_table=in_table)
                placed.append(element)
        if comments and placed:
            self._comment_on(placed[0], comments)
        if move and placed:
            self._move_range(placed, "moveFrom", move)
        return cursor

    def _row_deleted(self, row: etree._Element) -> bool:
        words = self.old_parts.row_indexes(row) & self.old_indexes
        return bool(words) and words <= self.deleted_indexes

    def _place(self, element: etree._Element, cursor, first, *, in_table: bool) -> etree._Element:
        """After the cursor (in its table cell only when the old paragraph was in a table too)."""
        if cursor is None:
            if first is None:
                raise _CannotMark
            (first if in_table else _outside_tables(first)).addprevious(element)
        else:
            (cursor if in_table else _outside_tables(cursor)).addnext(element)
        return element

    def _place_row(self, copy_: etree._Element, old_row: etree._Element, cursor, first) -> etree._Element:
        """A deleted row after the cursor's row, at the head of the table that
        follows, or in a table of its own; returns its last paragraph."""
        last = list(copy_.iter(f"{W}p"))[-1]
        if cursor is not None:
            row = next(cursor.iterancestors(f"{W}tr"), None)
            if row is not None:
                row.addnext(copy_)
                return last
            before = _outside_tables(cursor)
            following = before.getnext()
        elif first is not None:
            before, following = None, _outside_tables(first)
        else:
            raise _CannotMark
        if following is not None and following.tag == f"{W}tbl" and following.find(f"{W}tr") is not None:
            following.find(f"{W}tr").addprevious(copy_)
            return last
        shell = self.old_parts.table_shell(old_row)
        shell.append(copy_)
        if before is not None:
            before.addnext(shell)
        else:
            assert following is not None
            following.addprevious(shell)
        return last

    def _old_copies(self, para: Paragraph, tag: str) -> list[etree._Element]:
        """The old paragraph as it stood, marked deleted (or moved away)."""
        copies = self.old_parts.copies(para) or [self._paragraph_from_text(para)]
        for element in copies:
            mark_removed(element, self._rev, tag)
        return copies

    def _paragraph_from_text(self, para: Paragraph) -> etree._Element:
        """The old paragraph written from its text, in the list of the kept
        paragraph nearest it that has a number of the same kind, so that its
        number is counted in (and not typed twice); its number typed when no
        such list is near."""
        element = etree.Element(f"{W}p")
        model = self._list_model(para)
        if model is not None:
            ppr = copy.deepcopy(model)
            for tag in (f"{W}rPr", f"{W}sectPr", f"{W}pPrChange"):
                for found in ppr.findall(tag):
                    ppr.remove(found)
            for mark in list(ppr.iter(f"{W}ins")):
                mark.getparent().remove(mark)
            element.append(ppr)
            text = para.text
        else:
            ppr = etree.SubElement(element, f"{W}pPr")
            style = self.heading_style if para.kind is Kind.HEADING else None
            if style:
                etree.SubElement(ppr, f"{W}pStyle").set(f"{W}val", style)
            if self.reader.numbering.paragraph_num(style, None, None) is not None:
                numbering = etree.SubElement(ppr, f"{W}numPr")  # the number is typed: not the style's too
                etree.SubElement(numbering, f"{W}numId").set(f"{W}val", "0")
            text = para.display
        run = etree.SubElement(element, f"{W}r")
        node = etree.SubElement(run, f"{W}t")
        node.set(XML_SPACE, "preserve")
        node.text = _xml_safe(text)
        return element

    def _list_model(self, para: Paragraph) -> etree._Element | None:
        """The properties (w:pPr) of a kept paragraph near ``para`` in the old
        order whose number is automatic and of the same kind."""
        if not para.label:
            return None
        old = self.comparison.old.paragraphs
        at = self.old_position.get(id(para))
        if at is None:
            return None
        for others in (range(at - 1, max(at - 60, -1), -1), range(at + 1, min(at + 60, len(old)))):
            for k in others:
                kept = self.kept.get(id(old[k]))
                if kept is None or not _same_kind_of_number(old[k], para):
                    continue
                element = self.elements.get(kept.location.index) if kept.location.index is not None else None
                if element is None:
                    continue
                ppr = element.find(f"{W}pPr")
                if ppr is None or self._typed_label(kept, element) or not self._numbered(ppr):
                    break  # the nearest such paragraph has no automatic number: type this one
                return ppr
        return None

    def _numbered(self, ppr: etree._Element) -> bool:
        style = ppr.find(f"{W}pStyle")
        numbering = ppr.find(f"{W}numPr")
        num_id = numbering.find(f"{W}numId") if numbering is not None else None
        ilvl = numbering.find(f"{W}ilvl") if numbering is not None else None
        level = ilvl.get(f"{W}val") if ilvl is not None else None
        return (
            self.reader.numbering.paragraph_num(
                style.get(f"{W}val") if style is not None else None,
                num_id.get(f"{W}val") if num_id is not None else None,
                int(level) if level and level.isdigit() else None,
            )
            is not None
        )

    @staticmethod
    def _typed_label(para: Paragraph, element: etree._Element) -> bool:
        return bool(para.label) and _squash(_element_text(element)).startswith(_squash(para.label + para.close))

    def _mark_words(self, change: Change, element: etree._Element) -> bool:
        """Word-level marks inside the paragraph's own runs; False when its
        words cannot be placed exactly (then the caller marks it whole)."""
        atoms = redline_atoms(change)
        new_text = "".join(t for op, t in atoms if op != "delete")
        _split_runs(element)
        pieces = _pieces(element)
        flat = "".join(p.text for p in pieces)
        mapping = _map_positions(_masked(flat, change.new[0]), new_text)
        if mapping is None:
            return False
        status = ["equal"] * len(flat)
        deletions: dict[int, list[str]] = {}  # position in flat -> deleted texts before it
        position = 0  # in new_text
        for op, text in atoms:
            if op == "delete":
                at = _place(mapping, position, len(flat))
                deletions.setdefault(at, []).append(text)
                continue
            for offset in range(len(text)):
                target = mapping[position + offset]
                if op == "insert":
                    if target is None:
                        if not text[offset].isspace():
                            return False
                        continue
                    status[target] = "insert"
            position += len(text)
        if not _rejects_to(flat, status, deletions, change.old[0]):
            return False
        self._label_marks(change, flat, status, deletions, mapping)
        self._rewrite(pieces, status, deletions)
        return True

    def _mark_label(self, change: Change, element: etree._Element) -> None:
        """A paragraph whose words are the same but whose typed number changed."""
        if len(change.old) != 1 or len(change.new) != 1:
            return
        old, new = change.old[0], change.new[0]
        if (old.label, old.close) == (new.label, new.close) or not self._single_owner(element):
            return
        _split_runs(element)
        pieces = _pieces(element)
        flat = "".join(p.text for p in pieces)
        status = ["equal"] * len(flat)
        deletions: dict[int, list[str]] = {}
        mapping = _map_positions(_masked(flat, new), new.text)
        if mapping is not None and self._label_marks(change, flat, status, deletions, mapping):
            self._rewrite(pieces, status, deletions)

    @staticmethod
    def _label_marks(
        change: Change, flat: str, status: list[str], deletions: dict[int, list[str]], mapping: list[int | None]
    ) -> bool:
        """A typed number that differs from the old one: the new one inserted
        and the old one deleted (automatic numbers are Word's to count)."""
        old, new = change.old[0], change.new[0]
        old_label, new_label = f"{old.label}{old.close}", f"{new.label}{new.close}"
        if old_label == new_label:
            return False
        start = next((m for m in mapping if m is not None), len(flat))
        words = {m for m in mapping if m is not None}
        # typed before the text, or just inside its opening bracket ("[57. Text")
        at = flat.find(new_label, 0, start + len(new_label) + 2) if new_label else -1
        if new_label and (at < 0 or any(k in words for k in range(at, at + len(new_label)))):
            return False  # the new number is not typed: Word numbers the paragraph
        if at < 0:
            at = start  # no new number: the old one goes before the text
        for k in range(at, at + len(new_label)):
            status[k] = "insert"
        if old.label:
            deletions.setdefault(at, []).insert(0, old_label + ("" if new_label else " "))
        return True

    def _rewrite(self, pieces: list[_Piece], status: list[str], deletions: dict[int, list[str]]) -> None:
        start = 0
        # the last run and the element written for it (the run, its clone or its w:ins): deletions
        # after the last character go after that element, in the run's formatting
        last_run: etree._Element | None = None
        last_written: etree._Element | None = None
        for piece in pieces:
            end = start + len(piece.text)
            run = piece.node.getparent() if piece.node is not None else piece.run
            assert run is not None
            last_run = last_written = run
            if piece.node is None:
                # a tab or break: never split; deletions before it go before it
                for text in deletions.pop(start, []):
                    run.addprevious(self._deleted_run(run, text))
                if status[start] == "insert":
                    wrapper = self._rev("ins")
                    run.addprevious(wrapper)
                    wrapper.append(run)
                    last_written = wrapper
                start = end
                continue
            # cut the w:t into stretches of one status, with deletions between
            stretches: list[tuple[str, str]] = []  # (kind, text): kind equal | insert | delete
            for k in range(start, end):
                for text in deletions.pop(k, []):
                    stretches.append(("delete", text))
                kind = status[k]
                if stretches and stretches[-1][0] == kind:
                    stretches[-1] = (kind, stretches[-1][1] + piece.text[k - start])
                else:
                    stretches.append((kind, piece.text[k - start]))
            if all(kind == "equal" for kind, _ in stretches):
                start = end
                continue
            for kind, text in stretches:
                if kind == "delete":
                    last_written = self._deleted_run(run, text)
                    run.addprevious(last_written)
                    continue
                clone = self._fresh_ids(_run_with_text(run, text))
                if kind == "insert":
                    wrapper = self._rev("ins")
                    wrapper.append(clone)
                    run.addprevious(wrapper)
                    last_written = wrapper
                else:
                    run.addprevious(clone)
                    last_written = clone
            run.getparent().remove(run)
            start = end
        trailing = [text for k in sorted(deletions) for text in deletions[k]]
        if trailing and last_run is not None and last_written is not None:
            for text in reversed(trailing):
                last_written.addnext(self._deleted_run(last_run, text))

    def _fresh_ids(self, element: etree._Element) -> etree._Element:
        """A copied run's formatting changes (w:rPrChange) get ids of their own."""
        for record in element.iter(f"{W}rPrChange"):
            record.set(f"{W}id", str(self.next_id))
            self.next_id += 1
        return element

    def _deleted_run(self, model_run: etree._Element, text: str) -> etree._Element:
        wrapper = self._rev("del")
        run = etree.SubElement(wrapper, f"{W}r")
        rpr = model_run.find(f"{W}rPr")
        if rpr is not None:
            run.append(self._fresh_ids(copy.deepcopy(rpr)))
        deleted = etree.SubElement(run, f"{W}delText")
        deleted.set(XML_SPACE, "preserve")
        deleted.text = _xml_safe(text)
        return wrapper

    def _mark_inserted_rows(self) -> None:
        """A table row whose every paragraph is inserted is an inserted row."""
        for row in self.root.iter(f"{W}tr"):
            paragraphs = list(row.iter(f"{W}p"))
            if not paragraphs:
                continue
            if row.find(f"{W}trPr/{W}ins") is not None:
                continue  # inserted by the document's own tracked change, kept
            if all(p.find(f"{W}pPr/{W}rPr/{W}ins") is not None for p in paragraphs):
                ensure_row_mark(row, self._rev("ins"))

    # -- comments of the old draft -----------------------------------------------
    def _comment_on(self, element: etree._Element, comments: list[Comment]) -> None:
        label = self.comparison.old.label
        ppr = element.find(f"{W}pPr")  # once: a find per comment read every mark added before it
        for comment in comments:
            cid = self.next_id
            self.next_id += 1
            start = etree.Element(f"{W}commentRangeStart")
            start.set(f"{W}id", str(cid))
            if ppr is not None:
                ppr.addnext(start)
            else:
                element.insert(0, start)
            end = etree.SubElement(element, f"{W}commentRangeEnd")
            end.set(f"{W}id", str(cid))
            run = etree.SubElement(element, f"{W}r")
            etree.SubElement(run, f"{W}commentReference").set(f"{W}id", str(cid))
            self.added_comments.append((cid, comment, label))

    def _comments_part(self) -> tuple[str, bytes | None, bool]:
        """(part name, new content or None, whether the part is new)."""
        rels_name = _rels_name(self.document_name)
        name = None
        rels = self.package.xml(rels_name) if self.package.has(rels_name) else None
        if rels is not None:
            for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
                if rel.get("Type") == COMMENTS_REL:
                    target = rel.get("Target", "")
                    folder = self.document_name.rpartition("/")[0]
                    name = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
        created = name is None or not self.package.has(name)
        name = name or f"{self.document_name.rpartition('/')[0]}/comments.xml"
        root = None if created else self.package.xml(name)
        if root is None:
            root = etree.Element(f"{W}comments", nsmap={"w": W_NS})
        for cid, comment, label in self.added_comments:
            item = etree.SubElement(root, f"{W}comment")
            item.set(f"{W}id", str(cid))
            item.set(f"{W}author", safe_name(comment.author or "(unknown)"))
            if comment.date:
                item.set(f"{W}date", safe_text(comment.date))
            run = etree.SubElement(etree.SubElement(item, f"{W}p"), f"{W}r")
            text = etree.SubElement(run, f"{W}t")
            text.set(XML_SPACE, "preserve")
            text.text = safe_text(f"[{label}] {comment.text}")
        return name, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), created

    def _package_bytes(self) -> bytes:
        replaced: dict[str, bytes] = {
            self.document_name: etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        }
        if self.added_comments:
            name, content, created = self._comments_part()
            assert content is not None
            replaced[name] = content
            if created:
                replaced.update(self._register_comments(name))
        names = [info.filename for info in self.package.zip.infolist()]
        parts = {
            part: replaced[part] if part in replaced else self.package.read(part)
            for part in names + [n for n in replaced if n not in names]
        }
        cleaned = package_clean.clean(parts)  # nothing that runs or fetches leaves with our name on it
        self.left_out = cleaned.summary()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, data in cleaned.parts.items():
                info = zipfile.ZipInfo(part, date_time=(2030, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return buffer.getvalue()

    def _register_comments(self, name: str) -> dict[str, bytes]:
        """A new comments part needs a relationship and a content type."""
        out: dict[str, bytes] = {}
        rels_name = _rels_name(self.document_name)
        rels = self.package.xml(rels_name) if self.package.has(rels_name) else None
        if rels is None:
            rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        ids = {rel.get("Id") for rel in rels}
        rid = next(f"rIdDraftdiff{n}" for n in range(1, 1000) if f"rIdDraftdiff{n}" not in ids)
        rel = etree.SubElement(rels, f"{{{REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", COMMENTS_REL)
        rel.set("Target", name.rpartition("/")[2])
        out[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        types = self.package.xml("[Content_Types].xml")
        if types is not None:
            override = etree.SubElement(types, f"{{{CT_NS}}}Override")
            override.set("PartName", f"/{name}")
            override.set("ContentType", COMMENTS_CONTENT_TYPE)
            out["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
        return out


# -- helpers ----------------------------------------------------------------------


def _outside_tables(element: etree._Element) -> etree._Element:
    """The element, or the outermost table holding it."""
    tables = list(element.iterancestors(f"{W}tbl"))
    return tables[-1] if tables else element


def _same_kind_of_number(one: Paragraph, other: Paragraph) -> bool:
    def shape(label: str) -> str:
        head = label[:1]
        return "digit" if head.isdigit() else "lower" if head.islower() else "upper" if head.isupper() else head

    return one.kind is other.kind and one.close == other.close and shape(one.label) == shape(other.label)


def _int(value: str) -> bool:
    return value.isdigit() and len(value) < 10


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _squash(text: str) -> str:
    return "".join(clean_text(text).split())


def _xml_safe(text: str) -> str:
    """Text lxml accepts: XML 1.0 has no place for most control characters."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ch >= " ")


def _visible_runs(element: etree._Element):
    for run in element.iter(f"{W}r"):
        rpr = run.find(f"{W}rPr")
        if rpr is not None:
            vanish = rpr.find(f"{W}vanish")
            if vanish is not None and vanish.get(f"{W}val") not in ("0", "false"):
                continue
        yield run


def _runs(element: etree._Element) -> list[etree._Element]:
    """The runs of this paragraph (not those of a paragraph nested in a text box)."""
    return [run for run in element.iter(f"{W}r") if next(run.iterancestors(f"{W}p"), None) is element]


def _element_text(element: etree._Element) -> str:
    parts = []
    for run in _visible_runs(element):
        for child in run:
            if child.tag == f"{W}t":
                parts.append(child.text or "")
            elif child.tag in _PSEUDO:
                parts.append(_PSEUDO[child.tag])
    return "".join(parts)


def _split_runs(element: etree._Element) -> None:
    """One content child per run, each with its own copy of the run's properties."""
    for run in list(element.iter(f"{W}r")):
        content = [child for child in run if child.tag != f"{W}rPr"]
        if len(content) <= 1:
            continue
        rpr = run.find(f"{W}rPr")
        anchor = run
        for child in content[1:]:
            clone = etree.Element(f"{W}r", attrib=dict(run.attrib))
            if rpr is not None:
                clone.append(copy.deepcopy(rpr))
            clone.append(child)
            anchor.addnext(clone)
            anchor = clone


def _pieces(element: etree._Element) -> list[_Piece]:
    out: list[_Piece] = []
    fields: list[str] = []
    for run in _visible_runs(element):
        for child in run:
            if child.tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    fields.append("instr")
                elif kind == "separate" and fields:
                    fields[-1] = "result"
                elif kind == "end" and fields:
                    fields.pop()
            if "instr" in fields:
                continue
            if child.tag == f"{W}t" and child.text:
                out.append(_Piece(child, child.text))
            elif child.tag in _PSEUDO:
                out.append(_Piece(None, _PSEUDO[child.tag], run))
    return out


def _map_positions(flat: str, new_text: str) -> list[int | None] | None:
    """For each character of the new text, its position in the runs' text;
    white space may differ, invisible characters and a typed number before
    the text are skipped. None when they do not line up."""
    mapping: list[int | None] = [None] * len(new_text)
    i = 0
    k = 0
    n = len(flat)
    # a typed label ("9 bis.", "42-ter.") stands before the text
    head = new_text.lstrip()[:12]
    if head:
        start = _find_loose(flat, head)
        if start is None:
            return None
        i = start
    skipped = 0
    while k < len(new_text):
        ch = new_text[k]
        if i < n and flat[i] == ch:
            mapping[k] = i
            i += 1
            k += 1
        elif ch.isspace():
            if i < n and (flat[i].isspace() or flat[i] == "\u00a0"):
                mapping[k] = i
                i += 1
                while i < n and (flat[i].isspace() or flat[i] == "\u00a0"):
                    i += 1
            k += 1
        elif i < n and (flat[i].isspace() or flat[i] in _INVISIBLE or flat[i] == "\u00a0"):
            i += 1
        else:
            skipped += 1
            if skipped > 3 or i >= n:
                return None
            i += 1
    return mapping


def _find_loose(flat: str, head: str) -> int | None:
    """Where ``head`` starts in ``flat``, white space compared loosely."""
    target = "".join(head.split())
    squeezed = []
    positions = []
    for index, ch in enumerate(flat):
        if not ch.isspace() and ch not in _INVISIBLE and ch != "\u00a0":
            squeezed.append(ch)
            positions.append(index)
    at = "".join(squeezed).find(target)
    return positions[at] if at >= 0 and target else (0 if not target else None)


def _place(mapping: list[int | None], position: int, length: int) -> int:
    """The position in the runs' text before which a deletion at ``position``
    of the new text goes."""
    for k in range(position, len(mapping)):
        if mapping[k] is not None:
            return mapping[k]  # type: ignore[return-value]
    for k in range(min(position, len(mapping)) - 1, -1, -1):
        if mapping[k] is not None:
            return mapping[k] + 1  # type: ignore[operator]
    return length


def _masked(flat: str, para: Paragraph) -> str:
    """The runs' text with a typed number inside an opening bracket ("[56. Text")
    made invisible, so that the paragraph's text ("[Text") is found around it."""
    label = f"{para.label}{para.close}" if para.label else ""
    start = len(flat) - len(flat.lstrip())
    if not label or flat[start : start + 1] not in "[(":
        return flat
    at = flat.find(label, start + 1, start + 1 + len(label) + 2)
    if at < 0:
        return flat
    end = at + len(label)
    while end < len(flat) and flat[end].isspace():
        end += 1
    return flat[:at] + "\u200b" * (end - at) + flat[end:]


def _rejects_to(flat: str, status: list[str], deletions: dict[int, list[str]], old: Paragraph) -> bool:
    """Rejecting the marks gives the old paragraph's words."""
    out = []
    for k, ch in enumerate(flat):
        out += deletions.get(k, [])
        if status[k] != "insert":
            out.append(ch)
    out += [t for k in sorted(deletions) if k >= len(flat) for t in deletions[k]]
    rejected = without_label(_squash("".join(out)), old)
    return rejected.endswith(_squash(old.text)) and len(rejected) - len(_squash(old.text)) <= 16


def _run_with_text(run: etree._Element, text: str) -> etree._Element:
    clone = etree.Element(f"{W}r", attrib=dict(run.attrib))
    rpr = run.find(f"{W}rPr")
    if rpr is not None:
        clone.append(copy.deepcopy(rpr))
    node = etree.SubElement(clone, f"{W}t")
    node.set(XML_SPACE, "preserve")
    node.text = text
    return clone
