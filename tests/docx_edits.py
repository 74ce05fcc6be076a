"""Edited copies of a DOCX for the redline round-trip tests: paragraphs
inserted, deleted, moved and reworded, table rows added and removed, made
with lxml on the package's own XML so that everything else stays as it was."""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def edited(source: bytes, edit: Callable[[etree._Element], None]) -> bytes:
    """A copy of the package with word/document.xml changed by ``edit``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                edit(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            new.writestr(info, data)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def body(root: etree._Element) -> etree._Element:
    found = root.find(f"{W}body")
    assert found is not None
    return found


def paragraphs(root: etree._Element) -> list[etree._Element]:
    """The body's own paragraphs (not those in tables) that hold words."""
    return [p for p in body(root).findall(f"{W}p") if text(p).strip()]


def numbered(root: etree._Element) -> list[etree._Element]:
    """Body paragraphs with automatic numbers and words."""
    return [p for p in paragraphs(root) if p.find(f"{W}pPr/{W}numPr") is not None]


def text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def set_text(element: etree._Element, words: str) -> None:
    """The paragraph's words replaced, in the formatting of its first run."""
    runs = [r for r in element.iter(f"{W}r") if r.find(f"{W}t") is not None]
    assert runs, "a paragraph with words"
    for run in runs[1:]:
        run.getparent().remove(run)
    first = runs[0]
    for child in list(first):
        if child.tag != f"{W}rPr":
            first.remove(child)
    node = etree.SubElement(first, f"{W}t")
    node.set(XML_SPACE, "preserve")
    node.text = words


def replace_words(element: etree._Element, old: str, new: str) -> None:
    words = text(element)
    assert old in words, (old, words)
    set_text(element, words.replace(old, new, 1))


def copy_after(anchor: etree._Element, words: str) -> etree._Element:
    """A new paragraph formatted like ``anchor`` (its list too), after it."""
    clone = copy.deepcopy(anchor)
    for ref in list(clone.iter(f"{W}footnoteReference", f"{W}commentReference", f"{W}bookmarkStart")):
        ref.getparent().remove(ref)
    set_text(clone, words)
    anchor.addnext(clone)
    return clone


def remove(element: etree._Element) -> None:
    element.getparent().remove(element)


def move_after(element: etree._Element, anchor: etree._Element) -> None:
    anchor.addnext(element)


def tables(root: etree._Element) -> list[etree._Element]:
    return list(body(root).iter(f"{W}tbl"))


def rows(table: etree._Element) -> list[etree._Element]:
    return table.findall(f"{W}tr")


def copy_row_after(row: etree._Element, cells: list[str]) -> etree._Element:
    """A new row like ``row`` with these words in its cells."""
    clone = copy.deepcopy(row)
    for cell, words in zip(clone.findall(f"{W}tc"), cells, strict=False):
        paragraph = cell.find(f"{W}p")
        assert paragraph is not None
        if paragraph.find(f".//{W}t") is None:
            etree.SubElement(etree.SubElement(paragraph, f"{W}r"), f"{W}t").text = words
        else:
            set_text(paragraph, words)
        for extra in cell.findall(f"{W}p")[1:]:
            cell.remove(extra)
    row.addnext(clone)
    return clone


def style(element: etree._Element) -> str | None:
    found = element.find(f"{W}pPr/{W}pStyle")
    return found.get(f"{W}val") if found is not None else None


def flatten_fields(root: etree._Element) -> None:
    """Fields replaced by the text they show (LibreOffice recomputes some,
    such as "above"/"below" cross-references, when it loads tracked changes)."""
    for simple in list(root.iter(f"{W}fldSimple")):
        parent = simple.getparent()
        index = parent.index(simple)
        for offset, child in enumerate(list(simple)):
            parent.insert(index + offset, child)
        parent.remove(simple)
    for paragraph in root.iter(f"{W}p"):
        depth, in_code = 0, False
        for run in list(paragraph.iter(f"{W}r")):
            mark = run.find(f"{W}fldChar")
            kind = mark.get(f"{W}fldCharType") if mark is not None else None
            if kind == "begin":
                depth, in_code = depth + 1, True
            elif kind == "separate":
                in_code = False
            elif kind == "end":
                depth = max(0, depth - 1)
            if kind or (depth and in_code) or run.find(f"{W}instrText") is not None:
                run.getparent().remove(run)
