"""What leaves of a stranger's Word package when we forward it as our redline.

The in-place redline (docx_marked) is the new draft's own package with the
changes marked in it. That package came from someone else, and whatever in it
runs or fetches would run or fetch on the reader's machine under our name:
a remote template (``attachedTemplate``, fetched when the file opens; a
``file://`` or UNC one leaks the reader's credentials), remote images
(tracking pixels), a macro project, an ``altChunk`` (HTML or RTF Word imports
on open), OLE objects and ActiveX controls, and fields that fetch or run
(INCLUDETEXT, INCLUDEPICTURE, DDE, ...). :func:`clean` takes all of that
out, keeps the words, and says what it took in one line:

- every external relationship goes but a hyperlink to ``http``, ``https`` or
  ``mailto`` (a link to a file or a program goes, its words stay); a kept
  link's tooltip is its target, so the reader sees where it leads;
- the parts of macros, altChunks, OLE objects, ActiveX controls, toolbars and
  ribbon extensions go with their relationships and content types; the
  elements that pointed at anything removed go too (an image's drawing,
  an object), a hyperlink's words are kept;
- fetching and running fields (and a HYPERLINK field to a file or a program)
  lose their instruction and keep their last result as plain text; mail
  merge (a data source and its query) goes;
- a macro-enabled package (.docm, .dotm, or a template) gets the plain
  document content type, so that what we write is a .docx.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from ..errors import DraftDiffError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
O_RELID = "{urn:schemas-microsoft-com:office:office}relid"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
CONTENT_TYPES = "[Content_Types].xml"
DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MAIN_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}

# Internal relationships whose part is active content, by the last part of
# their type, and how the report names them.
_ACTIVE_RELS = {
    "vbaProject": "macro project",
    "wordVbaData": "macro project",
    "keyMapCustomizations": "macro key bindings",
    "attachedToolbars": "macro toolbars",
    "aFChunk": "embedded HTML or RTF (altChunk)",
    "oleObject": "OLE object",
    "package": "embedded file",
    "control": "ActiveX control",
    "activeXControlBinary": "ActiveX control",
    "extensibility": "ribbon extension",
    "attachedTemplate": "attached template",
    "subDocument": "subdocument",
    "frame": "frame",
}
# External relationships other than a hyperlink, by the last part of their type.
_REMOTE_RELS = {
    "attachedTemplate": "remote template",
    "image": "remote image",
    "oleObject": "linked OLE object",
    "subDocument": "remote subdocument",
    "frame": "remote frame",
    "mailMergeSource": "mail-merge data source",
    "mailMergeHeaderSource": "mail-merge data source",
    "hyperlink": "link to a file or program",
}
# (a macro-enabled main document is not one of these: its type is made plain)
_ACTIVE_CONTENT_TYPES = re.compile(r"vbaProject|vbaData|activeX|oleObject|keyMap|ms-office\.package", re.I)
_SAFE_LINK = re.compile(r"(?:https?://|mailto:)[^\s\\]", re.I)
# Fields that fetch (a file, a picture, a DDE conversation, a database) or run
# something (a macro) when Word updates or clicks them.
_FETCHING_FIELDS = {
    "INCLUDETEXT",
    "INCLUDEPICTURE",
    "INCLUDE",
    "IMPORT",
    "DDE",
    "DDEAUTO",
    "LINK",
    "DATABASE",
    "RD",
    "MACROBUTTON",
}
# What to remove when an element points at a relationship that went: the
# nearest of these around it (or itself).
_CONTAINERS = {
    f"{W}{name}" for name in ("drawing", "pict", "object", "altChunk", "subDoc", "attachedTemplate", "frame")
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=True)


@dataclass
class Cleaned:
    parts: dict[str, bytes]  # in the package's order
    removed: Counter[str] = field(default_factory=Counter)  # what went, in words: how many

    def summary(self) -> str:
        """'remote template, remote image (×2), macro project': one line, or ''."""
        return ", ".join(what if n == 1 else f"{what} (×{n})" for what, n in self.removed.items())


def clean(parts: dict[str, bytes]) -> Cleaned:
    """The package's parts with nothing active or remote left in them."""
    return _Cleaner(parts).run()


@dataclass
class _Rels:
    source: str  # the part these relationships belong to ("" for the package)
    root: etree._Element
    removed: set[str] = field(default_factory=set)  # ids
    links: dict[str, str] = field(default_factory=dict)  # id -> a kept hyperlink's target


class _Cleaner:
    def __init__(self, parts: dict[str, bytes]) -> None:
        self.parts = dict(parts)
        self.removed: Counter[str] = Counter()
        self.keys = {_key(name): name for name in self.parts}
        self.types = _parse(self.parts[CONTENT_TYPES], CONTENT_TYPES) if CONTENT_TYPES in self.parts else None
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        if self.types is not None:
            for override in self.types.iter(f"{{{CT_NS}}}Override"):
                self.overrides[_key(override.get("PartName", "").lstrip("/"))] = override.get("ContentType", "")
            for default in self.types.iter(f"{{{CT_NS}}}Default"):
                self.defaults[default.get("Extension", "").lower()] = default.get("ContentType", "")
        self.rels: dict[str, _Rels] = {}
        for name in self.parts:
            source = _source_of(name)
            if source is not None:
                self.rels[name] = _Rels(source, _parse(self.parts[name], name))

    def run(self) -> Cleaned:
        dropped_targets, gone = self._relationships()
        self._drop_parts(dropped_targets)
        # said once: a macro project's own relationships went with it
        self.removed.update(what for rels_name, what in gone if rels_name in self.parts)
        for rels_name, rels in self.rels.items():
            if rels_name in self.parts and (rels.removed or rels.links) and rels.source in self.parts:
                self._fix_references(rels)
        for name in list(self.parts):
            data = self.parts[name]
            if name.endswith(".xml") and (b"instrText" in data or b"fldSimple" in data or b"mailMerge" in data):
                self._fields(name)
        self._content_types()
        return Cleaned(self.parts, self.removed)

    # -- relationships ------------------------------------------------------------
    def _relationships(self) -> tuple[set[str], list[tuple[str, str]]]:
        """Remove what is remote or active from every .rels part: the internal
        parts those pointed at, and (.rels part, what) for each removed."""
        targets: set[str] = set()
        gone: list[tuple[str, str]] = []
        for rels_name, rels in self.rels.items():
            changed = False
            for rel in list(rels.root.iter(REL)):
                kind = rel.get("Type", "").rpartition("/")[2]
                target = rel.get("Target", "")
                rid = rel.get("Id", "")
                if rel.get("TargetMode") == "External":
                    if kind == "hyperlink" and _SAFE_LINK.match(target.strip()):
                        rels.links[rid] = target.strip()
                        continue
                    what = _REMOTE_RELS.get(kind, "external link")
                else:
                    part = self._resolve(rels.source, target)
                    active = _ACTIVE_RELS.get(kind)
                    if active is None and part is not None and self._is_active(part):
                        active = "active part"
                    if active is None:
                        continue
                    what = active
                    if part is not None:
                        targets.add(part)
                rel.getparent().remove(rel)
                rels.removed.add(rid)
                gone.append((rels_name, what))
                changed = True
            if changed:
                self.parts[rels_name] = _serialise(rels.root)
        return targets, gone

    def _drop_parts(self, targets: set[str]) -> None:
        """The parts of removed relationships, and what only they pointed at;
        and any active part nothing reaches."""
        reachable = self._reachable()
        doomed = set()
        stack = [t for t in targets if t not in reachable]
        while stack:
            part = stack.pop()
            if part in doomed or part in reachable:
                continue
            doomed.add(part)
            rels = self.rels.get(_rels_name(part))
            if rels is not None:
                for rel in rels.root.iter(REL):
                    if rel.get("TargetMode") != "External":
                        child = self._resolve(part, rel.get("Target", ""))
                        if child is not None:
                            stack.append(child)
        for name in self.parts:
            if name in doomed or name in reachable or _source_of(name) is not None or name == CONTENT_TYPES:
                continue
            if self._is_active(name):
                doomed.add(name)
                self.removed["unused macro or object part"] += 1
        for part in doomed:
            self.parts.pop(part, None)
            self.parts.pop(_rels_name(part), None)

    def _reachable(self) -> set[str]:
        seen: set[str] = set()
        stack = [""]
        while stack:
            source = stack.pop()
            rels = self.rels.get(_rels_name(source) if source else "_rels/.rels")
            if rels is None:
                continue
            for rel in rels.root.iter(REL):
                if rel.get("TargetMode") == "External":
                    continue
                part = self._resolve(source, rel.get("Target", ""))
                if part is not None and part not in seen:
                    seen.add(part)
                    stack.append(part)
        return seen

    def _resolve(self, source: str, target: str) -> str | None:
        """The package part a relationship's target names, if there is one."""
        target = target.split("#", 1)[0]
        if not target:
            return None
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
        return self.keys.get(_key(posixpath.normpath(path)))

    def _is_active(self, part: str) -> bool:
        return bool(_ACTIVE_CONTENT_TYPES.search(self._content_type(part)))

    def _content_type(self, part: str) -> str:
        kind = self.overrides.get(_key(part))
        return kind if kind is not None else self.defaults.get(part.rpartition(".")[2].lower(), "")

    # -- the parts that pointed at them ---------------------------------------------
    def _fix_references(self, rels: _Rels) -> None:
        root = _parse(self.parts[rels.source], rels.source)
        changed = False
        for element in list(root.iter()):
            if not isinstance(element.tag, str):
                continue
            if element.tag == f"{W}hyperlink":
                rid = element.get(f"{{{R_NS}}}id")
                if rid in rels.links:
                    element.set(f"{W}tooltip", rels.links[rid])  # what Word shows on hover: the real target
                    changed = True
            pointers = [name for name, value in element.attrib.items() if _is_pointer(name) and value in rels.removed]
            if not pointers:
                continue
            changed = True
            if element.getparent() is None:
                continue
            if element.tag == f"{W}hyperlink":
                _unwrap(element)  # the link goes, its words stay
            elif (
                element.tag == f"{{{A_NS}}}blip" and pointers == [f"{{{R_NS}}}link"] and element.get(f"{{{R_NS}}}embed")
            ):
                del element.attrib[f"{{{R_NS}}}link"]  # the picture's own copy stays
            elif element.tag in (f"{{{A_NS}}}hlinkClick", f"{{{A_NS}}}hlinkHover"):
                element.getparent().remove(element)
            else:
                container = _container(element)
                if container is not None and container.getparent() is not None:
                    container.getparent().remove(container)
                else:
                    for name in pointers:
                        del element.attrib[name]
        if changed:
            self.parts[rels.source] = _serialise(root)

    # -- fields ---------------------------------------------------------------------
    def _fields(self, name: str) -> None:
        root = _parse(self.parts[name], name)
        removed = _neutralise_fields(root)
        merges = [m for m in root.iter(f"{W}mailMerge")]
        for merge in merges:
            merge.getparent().remove(merge)
        if merges:
            self.removed["mail merge (data source and query)"] += len(merges)
        for code in removed:
            self.removed[f"{code} field"] += 1
        if removed or merges:
            self.parts[name] = _serialise(root)

    # -- content types ----------------------------------------------------------------
    def _content_types(self) -> None:
        if self.types is None:
            return
        present = {_key(name) for name in self.parts}
        for override in list(self.types.iter(f"{{{CT_NS}}}Override")):
            kind = override.get("ContentType", "")
            if _key(override.get("PartName", "").lstrip("/")) not in present:
                override.getparent().remove(override)
            elif kind in _MAIN_TYPES:
                override.set("ContentType", DOCUMENT_TYPE)
                self.removed["macro-enabled or template content type (now a plain .docx)"] += 1
        for default in list(self.types.iter(f"{{{CT_NS}}}Default")):
            if _ACTIVE_CONTENT_TYPES.search(default.get("ContentType", "")):
                default.getparent().remove(default)
        self.parts[CONTENT_TYPES] = _serialise(self.types)


def _neutralise_fields(root: etree._Element) -> list[str]:
    """Fetching fields lose their instruction and keep their last result as
    plain text; the field codes of those removed, in order."""
    removed: list[str] = []
    for simple in list(root.iter(f"{W}fldSimple")):
        instruction = simple.get(f"{W}instr", "")
        code = _field_code(instruction)
        if _fetches(instruction) and simple.getparent() is not None:
            _unwrap(simple)
            removed.append(code)
    # A complex field: begin, instruction (which may hold nested fields), separate,
    # result, end. Everything from begin to separate goes with a fetching field,
    # and its end: marked as ranges over the run contents in document order, so
    # that fields nested by the thousand cost no more than one pass.
    contents: list[etree._Element] = []
    frames: list[_Field] = []
    starts = [0]  # +1 where a doomed range starts, -1 after it ends (a difference array)
    for run in root.iter(f"{W}r"):
        for child in run:
            if child.tag == f"{W}rPr":
                continue
            index = len(contents)
            contents.append(child)
            starts.append(0)
            kind = child.get(f"{W}fldCharType") if child.tag == f"{W}fldChar" else None
            if kind == "begin":
                frames.append(_Field(begin=index))
                continue
            if not frames:
                continue
            top = frames[-1]
            if child.tag == f"{W}instrText" and top.in_instruction:
                top.code.append(child.text or "")
            if kind in ("separate", "end") and top.in_instruction:
                top.in_instruction = False
                top.instruction_end = index
            if kind == "end":
                frames.pop()
                if top.fetching:
                    starts[top.begin] += 1
                    starts[top.instruction_end + 1] -= 1
                    starts[index] += 1
                    starts[index + 1] -= 1
                    removed.append(top.name)
    depth = 0
    for index, element in enumerate(contents):
        depth += starts[index]
        if depth <= 0:
            continue
        run = element.getparent()
        if run is None:
            continue
        run.remove(element)
        if all(child.tag == f"{W}rPr" for child in run) and run.getparent() is not None:
            run.getparent().remove(run)
    return removed


@dataclass
class _Field:
    begin: int  # where it begins, among the runs' contents
    instruction_end: int = -1  # its separate (or its end, when it has no result)
    in_instruction: bool = True
    code: list[str] = field(default_factory=list)  # the instruction's text

    @property
    def name(self) -> str:
        return _field_code("".join(self.code))

    @property
    def fetching(self) -> bool:
        return _fetches("".join(self.code))


_FIELD_TARGET = re.compile(r'\s*\S+\s+(?:"([^"]*)"|(\S+))')


def _fetches(instruction: str) -> bool:
    """A field that fetches or runs something; a HYPERLINK field is one when it
    leads to a file or a program rather than a web page or a bookmark (``\\l``)."""
    code = _field_code(instruction)
    if code in _FETCHING_FIELDS:
        return True
    if code != "HYPERLINK":
        return False
    target = _FIELD_TARGET.match(instruction)
    if target is None:
        return False
    value = (target.group(1) if target.group(1) is not None else target.group(2)).strip()
    bookmark = value.startswith("\\") and not value.startswith("\\\\")  # \l "name", not \\server
    return not (bookmark or _SAFE_LINK.match(value))


def _field_code(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""


# -- helpers ------------------------------------------------------------------------


def _is_pointer(attribute: str) -> bool:
    return attribute.startswith(f"{{{R_NS}}}") or attribute == O_RELID


def _container(element: etree._Element) -> etree._Element | None:
    node: etree._Element | None = element
    while node is not None:
        if node.tag in _CONTAINERS:
            return node
        node = node.getparent()
    return None


def _unwrap(element: etree._Element) -> None:
    """Put an element's children in its place (a link's words, a field's
    result): each moved before it, which costs nothing per sibling."""
    parent = element.getparent()
    assert parent is not None
    _text_before(element, element.text)
    for child in list(element):
        element.addprevious(child)
    _text_before(element, element.tail)
    parent.remove(element)


def _text_before(element: etree._Element, text: str | None) -> None:
    if not text:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        assert parent is not None
        parent.text = (parent.text or "") + text


def _key(name: str) -> str:
    """Part names compare as URIs do: case-insensitively, percent-decoded."""
    return unquote(name).lower()


def _source_of(name: str) -> str | None:
    """``word/document.xml`` for ``word/_rels/document.xml.rels``; ``""`` for
    the package's own; None for a part that is not relationships."""
    folder, _, base = name.rpartition("/")
    if not base.endswith(".rels") or not (folder == "_rels" or folder.endswith("/_rels")):
        return None
    parent = folder[: -len("_rels")].rstrip("/")
    source = base[: -len(".rels")]
    return f"{parent}/{source}" if parent else source


def _rels_name(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DraftDiffError(f"part {name} of the new draft cannot be cleaned ({type(exc).__name__})") from None


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
