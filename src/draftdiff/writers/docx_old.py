"""The old draft's own paragraphs and table rows, for the redline marked in
the new DOCX (docx_marked): when the old draft is a DOCX too, a deleted
paragraph, the old place of a moved one and a deleted table row are copies
of the old package's elements (their list numbering, styles, footnotes and
brackets as they were), so that rejecting every change gives the old
document as Word shows it, numbers included.

A copy is made only when it can be faithful: its words are the old
paragraph's, its list is one the new package numbers the same way, its
styles exist there. Otherwise ``copies`` returns None and the caller writes
the paragraph from its text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree

from ..document.model import Draft, Paragraph
from ..normalize import clean_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_NOTE_KINDS = {"footnote": "footnotes", "endnote": "endnotes"}
_ANCHORS = {f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}bookmarkStart", f"{W}bookmarkEnd"}
_CHANGE_RECORDS = {
    f"{W}{name}"
    for name in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tcPrChange",
        "trPrChange",
        "tblGridChange",
        "numberingChange",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "cellIns",
        "cellDel",
        "cellMerge",
    )
}

Rev = Callable[[str], etree._Element]  # a tracked-change element (w:del, w:moveFrom ...) with id, author, date


def squash(text: str) -> str:
    return "".join(clean_text(text).split())


def without_label(words: str, para: Paragraph) -> str:
    """Squashed words with the paragraph's typed number taken out where it
    stands, at the start or just inside an opening bracket ("[56. Text]")."""
    label = squash(para.label + para.close) if para.label else ""
    if label and words.startswith(label):
        return words[len(label) :]
    if label and words[:1] in "[(" and words[1:].startswith(label):
        return words[:1] + words[1 + len(label) :]
    return words


def part_names(package, document_name: str) -> dict[str, str]:
    """The document's related parts by relationship kind (styles, numbering, footnotes ...)."""
    folder, _, name = document_name.rpartition("/")
    rels_name = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    out: dict[str, str] = {}
    rels = package.xml(rels_name) if package.has(rels_name) else None
    if rels is not None:
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rpartition("/")[2]
            target = rel.get("Target", "")
            out[kind] = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}" if folder else target
    return out


def accept_changes(element: etree._Element) -> bool:
    """Accept the tracked changes inside ``element`` (a copy); False when a
    paragraph mark is deleted (the paragraph joins the next: not copied)."""
    for rpr in element.iter(f"{W}rPr"):
        parent = rpr.getparent()
        removed = rpr.find(f"{W}del") is not None or rpr.find(f"{W}moveFrom") is not None
        if removed and parent is not None and parent.tag == f"{W}pPr":
            return False
    for row in list(element.iter(f"{W}tr")):  # (before the marks go: a row's is in its trPr)
        trpr = row.find(f"{W}trPr")
        if trpr is not None and trpr.find(f"{W}del") is not None:
            row.getparent().remove(row)
    for removed in list(element.iter(f"{W}del", f"{W}moveFrom")):
        parent = removed.getparent()
        if parent is not None:
            parent.remove(removed)
    for kept in list(element.iter(f"{W}ins", f"{W}moveTo")):
        parent = kept.getparent()
        if parent is None:
            continue
        if parent.tag in (f"{W}rPr", f"{W}trPr", f"{W}pPr", f"{W}numPr"):
            parent.remove(kept)
            continue
        unwrap(kept)
    for record in list(element.iter(*_CHANGE_RECORDS)):
        record.getparent().remove(record)
    return True


_REVISIONS = tuple(
    f"{W}{name}"
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "tblPrChange",
        "sectPrChange",
        "numberingChange",
    )
)


def count_revisions(element: etree._Element) -> int:
    """Tracked changes in ``element``, counted as the reader counts them (a move once)."""
    count = 0
    for found in element.iter(*_REVISIONS):
        parent = found.getparent()
        if found.tag == f"{W}moveFrom" and parent is not None and parent.tag != f"{W}rPr":
            continue
        count += 1
    return count


def has_text_changes(element: etree._Element) -> bool:
    """Whether the paragraph's words or its mark are tracked (not only its formatting)."""
    return next(element.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"), None) is not None


def rejected_text(element: etree._Element) -> str:
    """The paragraph's words with its tracked changes rejected."""
    parts = []
    for node in element.iter(f"{W}t", f"{W}delText"):
        inserted = any(a.tag in (f"{W}ins", f"{W}moveTo") for a in node.iterancestors())
        if not inserted:
            parts.append(node.text or "")
    return "".join(parts)


def unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    index = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(index + offset, child)
    parent.remove(element)


def mark_removed(element: etree._Element, rev: Rev, tag: str) -> None:
    """Every run of ``element`` (a paragraph or row copy) and every paragraph
    mark in it deleted (``tag`` del) or moved away (moveFrom)."""
    for run in [r for r in element.iter(f"{W}r") if r.getparent().tag != f"{W}{tag}"]:
        for node in run.iter(f"{W}t", f"{W}instrText"):
            node.tag = f"{W}delText" if node.tag == f"{W}t" else f"{W}delInstrText"
        wrapper = rev(tag)
        run.addprevious(wrapper)
        wrapper.append(run)
    paragraphs = [element] if element.tag == f"{W}p" else list(element.iter(f"{W}p"))
    for paragraph in paragraphs:
        mark_properties(paragraph_properties(paragraph)).insert(0, rev(tag))


def paragraph_properties(paragraph: etree._Element) -> etree._Element:
    """The paragraph's ``w:pPr``, made first in it if it has none."""
    ppr = paragraph.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.Element(f"{W}pPr")
        paragraph.insert(0, ppr)
    return ppr


def mark_properties(ppr: etree._Element) -> etree._Element:
    """The paragraph mark's ``w:rPr`` (where its insertion or deletion is recorded), made if missing."""
    rpr = ppr.find(f"{W}rPr")
    if rpr is None:
        rpr = etree.SubElement(ppr, f"{W}rPr")
        later = next((c for c in ppr if c.tag in (f"{W}sectPr", f"{W}pPrChange")), None)
        if later is not None:
            later.addprevious(rpr)  # the schema's order: rPr before sectPr and pPrChange
    return rpr


def ensure_row_mark(row: etree._Element, mark: etree._Element) -> None:
    """``mark`` (w:ins or w:del) in the row's properties."""
    trpr = row.find(f"{W}trPr")
    if trpr is None:
        trpr = etree.Element(f"{W}trPr")
        exceptions = row.find(f"{W}tblPrEx")  # trPr comes after it, when there is one
        if exceptions is not None:
            exceptions.addnext(trpr)
        else:
            row.insert(0, trpr)
    trpr.append(mark)


def _canonical(element: etree._Element, drop: str) -> bytes:
    """The definition without its identity (its id, Word's nsid and template
    codes, attributes outside WordprocessingML)."""
    clone = copy.deepcopy(element)
    for name in list(clone.attrib):
        if name == drop or not name.startswith(W):
            del clone.attrib[name]
    for child in list(clone):
        if child.tag in (f"{W}nsid", f"{W}tmpl", f"{W}abstractNumId"):
            clone.remove(child)
    return etree.tostring(clone, method="c14n")


def _numbering_keys(root: etree._Element | None) -> dict[str, bytes]:
    """numId -> its definition (abstract list and overrides), comparable across packages."""
    if root is None:
        return {}
    abstracts = {
        a.get(f"{W}abstractNumId", ""): _canonical(a, f"{W}abstractNumId") for a in root.iter(f"{W}abstractNum")
    }
    out: dict[str, bytes] = {}
    for num in root.iter(f"{W}num"):
        link = num.find(f"{W}abstractNumId")
        abstract = abstracts.get(link.get(f"{W}val", "") if link is not None else "", b"")
        out[num.get(f"{W}numId", "")] = abstract + _canonical(num, f"{W}numId")
    return out


class OldParts:
    """The old DOCX's elements, copied into the new package on demand."""

    def __init__(self, old: Draft, new_package, new_document_name: str, style_ids: set[str]) -> None:
        self.old = old
        self.new_package = new_package
        self.new_document_name = new_document_name
        self.notes: dict[str, etree._Element] = {}  # kind -> the new package's notes part, once changed
        self.style_ids = style_ids
        self._loaded: bool | None = None  # read the old package on first use: many redlines need none of it

    @property
    def available(self) -> bool:
        if self._loaded is None:
            self._loaded = self._load()
        return self._loaded

    def _load(self) -> bool:
        if self.old.format != "docx":
            return False
        from ..readers import read_bytes
        from ..readers.package import Package

        try:
            package = Package(self.old.source, read_bytes(self.old.source))
            name = document_name(package)
            root = package.xml(name)
        except Exception:  # the old file is gone or changed since it was read: write from text
            return False
        body = root.find(f"{W}body") if root is not None else None
        if body is None:
            return False
        self.package = package
        self.elements = dict(enumerate(body_paragraphs(body), start=1))
        self.index_of = {id(element): index for index, element in self.elements.items()}
        self.new_parts = part_names(self.new_package, self.new_document_name)
        self.old_parts = part_names(package, name)
        self.old_notes: dict[str, dict[str, etree._Element]] = {}
        self._numbers: dict[str, str] | None = None
        return True

    def _mapped_number(self, num_id: str) -> str | None:
        """The new package's numId for an old one, None when it has no such list."""
        if self._numbers is None:
            self._numbers = self._number_map()
        return num_id if self._same_numbering() else self._numbers.get(num_id)

    # -- numbering ---------------------------------------------------------------
    def _number_map(self) -> dict[str, str]:
        """Old numId -> the new package's numId with the same definition."""
        if self._same_numbering():
            return {}
        new_root = self.new_package.xml(self.new_parts["numbering"]) if "numbering" in self.new_parts else None
        old_root = self.package.xml(self.old_parts["numbering"]) if "numbering" in self.old_parts else None
        new_keys, old_keys = _numbering_keys(new_root), _numbering_keys(old_root)
        by_key: dict[bytes, str] = {}
        for num_id, key in new_keys.items():
            by_key.setdefault(key, num_id)
        out = {"0": "0"}
        for num_id, key in old_keys.items():
            if new_keys.get(num_id) == key:
                out[num_id] = num_id
            elif key in by_key:
                out[num_id] = by_key[key]
        return out

    def _same_numbering(self) -> bool:
        """One numbering part, byte for byte (drafts of one file): every list is itself."""
        if not hasattr(self, "_same"):
            new_name, old_name = self.new_parts.get("numbering"), self.old_parts.get("numbering")
            self._same = bool(
                new_name
                and old_name
                and self.new_package.has(new_name)
                and self.package.has(old_name)
                and self.new_package.read(new_name) == self.package.read(old_name)
            )
        return self._same

    # -- paragraphs ----------------------------------------------------------------
    def copies(self, para: Paragraph) -> list[etree._Element] | None:
        """Cleaned copies of the old paragraph's elements, or None."""
        if not self.available:
            return None
        indexes = list(para.location.indexes)
        if not indexes or any(index not in self.elements for index in indexes):
            return None
        out = []
        for index in indexes:
            clone = self._clean(copy.deepcopy(self.elements[index]))
            if clone is None:
                return None
            out.append(clone)
        words = squash(" ".join("".join(t.text or "" for t in c.iter(f"{W}t")) for c in out))
        return out if without_label(words, para) == squash(para.text) else None

    def row_of(self, para: Paragraph) -> etree._Element | None:
        """The old table row holding the paragraph, if it is in one."""
        if not self.available or para.location.index not in self.elements:
            return None
        return next(self.elements[para.location.index].iterancestors(f"{W}tr"), None)

    def row_indexes(self, row: etree._Element) -> set[int]:
        return {self.index_of[id(p)] for p in row.iter(f"{W}p") if id(p) in self.index_of}

    def row_copy(self, row: etree._Element) -> etree._Element | None:
        clone = copy.deepcopy(row)
        for paragraph in list(clone.iter(f"{W}p")):
            if self._clean(paragraph) is None:
                return None
        for change in list(clone.iter(f"{W}trPr")):
            for mark in change.findall(f"{W}ins") + change.findall(f"{W}del"):
                change.remove(mark)
        return clone

    def table_shell(self, row: etree._Element) -> etree._Element:
        """An empty table with the properties and grid of the row's old table."""
        table = row.getparent()
        shell = etree.Element(f"{W}tbl")
        for tag in (f"{W}tblPr", f"{W}tblGrid"):
            found = table.find(tag) if table is not None else None
            if found is not None:
                shell.append(copy.deepcopy(found))
        return shell

    def _clean(self, element: etree._Element) -> etree._Element | None:
        """The copy made fit for the new package, or None when it cannot be."""
        if not accept_changes(element):
            return None
        for tag in list(element.iter(*_ANCHORS)):
            tag.getparent().remove(tag)
        for reference in list(element.iter(f"{W}commentReference")):
            run = reference.getparent()
            run.getparent().remove(run)
        for name in list(element.attrib):
            if name.startswith(f"{{{W14_NS}}}"):
                del element.attrib[name]
        ppr = element.find(f"{W}pPr") if element.tag == f"{W}p" else None
        if ppr is not None:
            for section in ppr.findall(f"{W}sectPr"):
                ppr.remove(section)
        for style in list(element.iter(f"{W}pStyle", f"{W}rStyle", f"{W}tblStyle")):
            if style.get(f"{W}val") not in self.style_ids:
                style.getparent().remove(style)
        for numbering in element.iter(f"{W}numId"):
            mapped = self._mapped_number(numbering.get(f"{W}val", ""))
            if mapped is None:
                return None  # a list the new package does not have: its numbers would be wrong
            numbering.set(f"{W}val", mapped)
        _balance_fields(element)
        for hyperlink in list(element.iter(f"{W}hyperlink")):
            unwrap(hyperlink)
        for kind in _NOTE_KINDS:
            for reference in list(element.iter(f"{W}{kind}Reference")):
                new_id = self._copy_note(kind, reference.get(f"{W}id", ""))
                if new_id is None:
                    reference.getparent().getparent().remove(reference.getparent())
                else:
                    reference.set(f"{W}id", new_id)
        # pictures and objects point at the old package's parts: left out
        for node in list(element.iter()):
            if node.getparent() is not None and any(name.startswith(f"{{{R_NS}}}") for name in node.attrib):
                run = next(node.iterancestors(f"{W}r"), None)
                target = run if run is not None else node
                if target.getparent() is not None:
                    target.getparent().remove(target)
        return element

    # -- footnotes and endnotes ----------------------------------------------------
    def _copy_note(self, kind: str, old_id: str) -> str | None:
        plural = _NOTE_KINDS[kind]
        if plural not in self.old_parts or plural not in self.new_parts:
            return None
        if kind not in self.old_notes:
            root = self.package.xml(self.old_parts[plural])
            self.old_notes[kind] = {n.get(f"{W}id", ""): n for n in root} if root is not None else {}
        source = self.old_notes[kind].get(old_id)
        if source is None:
            return None
        if kind not in self.notes:
            root = self.new_package.xml(self.new_parts[plural])
            if root is None:
                return None
            self.notes[kind] = root
        target = self.notes[kind]
        numbers = [int(n.get(f"{W}id", "0")) for n in target if n.get(f"{W}id", "").lstrip("-").isdigit()]
        new_id = str(max(numbers, default=0) + 1)
        clone = copy.deepcopy(source)
        clone.set(f"{W}id", new_id)
        for node in list(clone.iter()):
            if node.getparent() is not None and any(name.startswith(f"{{{R_NS}}}") for name in node.attrib):
                node.getparent().remove(node)
        target.append(clone)
        return new_id

    def changed_parts(self) -> dict[str, bytes]:
        """The new package's notes parts that received copies."""
        return {
            self.new_parts[_NOTE_KINDS[kind]]: etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            for kind, root in self.notes.items()
        }


def _balance_fields(element: etree._Element) -> None:
    """A field that runs on from another paragraph (a table of contents) is
    left as the words it shows: a copy cannot carry half of it."""
    kinds = [mark.get(f"{W}fldCharType") for mark in element.iter(f"{W}fldChar")]
    if kinds.count("begin") == kinds.count("end"):
        return
    depth, code = 0, False
    for run in list(element.iter(f"{W}r")):
        mark = run.find(f"{W}fldChar")
        kind = mark.get(f"{W}fldCharType") if mark is not None else None
        if kind == "begin":
            depth, code = depth + 1, True
        elif kind == "separate":
            code = False
        elif kind == "end":
            depth = max(0, depth - 1)
        if kind or (depth and code) or run.find(f"{W}instrText") is not None:
            run.getparent().remove(run)


def body_paragraphs(parent: etree._Element) -> list[etree._Element]:
    """The body's paragraphs in the order the DOCX reader numbers them (with
    tracked changes accepted), so that a paragraph's location finds its element."""
    out: list[etree._Element] = []
    for child in parent:
        tag = child.tag
        if tag == f"{W}p":
            out.append(child)
        elif tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                if row.getparent() is not child and row.getparent().tag != f"{W}sdtContent":
                    continue  # rows of nested tables are read with their cell
                if row.find(f"{W}trPr/{W}del") is not None:
                    continue
                for cell in row:
                    if cell.tag == f"{W}tc":
                        out += body_paragraphs(cell)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                out += body_paragraphs(content)
        elif tag in (f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}moveTo"):
            out += body_paragraphs(child)
    return out


def document_name(package) -> str:
    """The package's main document part, as its relationships name it."""
    rels = package.xml("_rels/.rels")
    name = "word/document.xml"
    if rels is not None:
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                name = rel.get("Target", name).lstrip("/")
    return name
