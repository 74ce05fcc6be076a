"""What marks a file as draftdiff's own output, so that a register never takes
a report or a redline for a draft.

The mark is in the content, not the name: a DOCX we write names draftdiff as
the application that wrote it (``docProps/app.xml``, where Word names itself;
Word and LibreOffice write their own name there when a person saves the
file, which is then a draft of theirs), and a Markdown document opens with an
HTML comment that says so (invisible where Markdown is shown). The writer
registry stamps every DOCX and Markdown output (:func:`stamped`), the register
asks :func:`output_kind` of each candidate draft. ``parse --format text``
keeps its one-paragraph-a-line form unmarked, and is known by that form:
every line an id in brackets and the paragraph (read back, it would be a
garbled draft). JSON outputs carry their ``"schema": "draftdiff.…"``, the
other formats are not read as drafts.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

APPLICATION = "draftdiff"
MARKDOWN_MARK = "<!-- written by draftdiff: a report, not a draft -->\n"

_EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_PART = "docProps/app.xml"
_MAX_PART = 1024 * 1024  # app.xml is a few hundred bytes; a bigger one is replaced, not parsed
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_MARKDOWN_RE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<!--\s*written by draftdiff\b")
_APPLICATION_RE = re.compile(rb"<(?:[\w.-]+:)?Application>\s*draftdiff\s*<")
# a line of ``parse --format text``: "[Art6.3(a)] (a) text", or a note under it: "    [^1] text"
_PARSED_LINE_RE = re.compile(r"\[[^\]\s]{1,60}\] |    \[\^[^\]\s]{1,20}\]")
_PARSED_HEAD = 65536  # the lines looked at: enough to tell, little to read

Render = Callable[[Any, Any], "str | bytes"]


def stamped(fmt: str, render: Render) -> Render:
    """``render`` with draftdiff's mark on what it writes, for the formats a
    register could take for a draft (DOCX, Markdown); the others unchanged."""
    if fmt == "docx":

        def docx(result: Any, options: Any) -> str | bytes:
            out = render(result, options)
            return stamp_docx(out) if isinstance(out, bytes) else out

        return docx
    if fmt == "md":

        def markdown(result: Any, options: Any) -> str | bytes:
            out = render(result, options)
            return MARKDOWN_MARK + out if isinstance(out, str) else out

        return markdown
    return render


def stamp_docx(package: bytes) -> bytes:
    """The package with draftdiff named as its application (``docProps/app.xml``
    written, or added with its relationship and content type)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    names = source.namelist()
    replaced: dict[str, bytes] = {}
    if _APP_PART in names:
        replaced[_APP_PART] = _with_application(source, _APP_PART)
    else:
        replaced[_APP_PART] = _fresh_app()
        for name, edit in (("_rels/.rels", _with_app_relationship), ("[Content_Types].xml", _with_app_type)):
            # a package Word opens without them; the mark is in app.xml all the same
            with contextlib.suppress(etree.XMLSyntaxError, ValueError):
                if name in names:
                    replaced[name] = edit(source.read(name))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        infos = source.infolist()
        date = infos[0].date_time if infos else (2030, 1, 1, 0, 0, 0)
        for info in infos:
            data = replaced.pop(info.filename) if info.filename in replaced else source.read(info)
            out.writestr(_info(info.filename, info.date_time), data)
        for name, data in replaced.items():
            out.writestr(_info(name, date), data)
    return buffer.getvalue()


def _info(name: str, date: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _fresh_app() -> bytes:
    root = etree.Element(f"{{{_EP_NS}}}Properties", nsmap={None: _EP_NS})
    etree.SubElement(root, f"{{{_EP_NS}}}Application").text = APPLICATION
    return _xml(root)


def _with_application(source: zipfile.ZipFile, name: str) -> bytes:
    """The package's own app.xml, its Application now draftdiff (a damaged or
    oversized one replaced: it is metadata only)."""
    if source.getinfo(name).file_size > _MAX_PART:
        return _fresh_app()
    try:
        root = etree.fromstring(source.read(name), _PARSER)
    except (etree.XMLSyntaxError, ValueError, zipfile.BadZipFile, OSError):
        return _fresh_app()
    if root.tag != f"{{{_EP_NS}}}Properties":
        return _fresh_app()
    application = root.find(f"{{{_EP_NS}}}Application")
    if application is None:
        application = etree.Element(f"{{{_EP_NS}}}Application")
        root.insert(0, application)
    application.text = APPLICATION
    return _xml(root)


def _with_app_relationship(data: bytes) -> bytes:
    root = etree.fromstring(data, _PARSER)
    ids = {rel.get("Id") for rel in root}
    rel = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
    rel.set("Id", next(f"rIdApp{n}" for n in range(1, len(ids) + 2) if f"rIdApp{n}" not in ids))
    rel.set("Type", _APP_REL)
    rel.set("Target", _APP_PART)
    return _xml(root)


def _with_app_type(data: bytes) -> bytes:
    root = etree.fromstring(data, _PARSER)
    override = etree.SubElement(root, f"{{{_CT_NS}}}Override")
    override.set("PartName", f"/{_APP_PART}")
    override.set("ContentType", _APP_TYPE)
    return _xml(root)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def output_kind(path: Path) -> str | None:
    """ "a draftdiff redline" (DOCX) or "a draftdiff report" (Markdown) when
    ``path`` is one of our outputs, untouched since; None for anything else,
    a file that cannot be read included (its reader will say why)."""
    suffix = path.suffix.lower()
    try:
        if suffix not in (".docx", ".md", ".markdown", ".txt", ".text") or not path.is_file():
            return None  # (a FIFO would block the open)
        if suffix == ".docx":
            return "a DOCX draftdiff wrote (a redline or a proposal)" if _docx_is_ours(path) else None
        if suffix in (".md", ".markdown"):
            with path.open("rb") as handle:
                head = handle.read(256)
            return "a Markdown report draftdiff wrote" if _MARKDOWN_RE.match(head) else None
        if suffix in (".txt", ".text"):
            return "a text rendering draftdiff parse wrote" if _is_parsed_text(path) else None
    except (OSError, ValueError, zipfile.BadZipFile, KeyError, RuntimeError):
        return None
    return None


def _docx_is_ours(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        try:
            info = archive.getinfo(_APP_PART)
        except KeyError:
            return False
        if info.file_size > _MAX_PART:
            return False
        with archive.open(info) as part:
            return bool(_APPLICATION_RE.search(part.read(_MAX_PART)))


def _is_parsed_text(path: Path) -> bool:
    """Whether a text file has the form of ``parse --format text``: after an
    optional title, every non-blank line an id in brackets (at least three)."""
    with path.open("rb") as handle:
        head = handle.read(_PARSED_HEAD)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    lines = [line for line in text.splitlines() if line.strip()]
    if len(head) == _PARSED_HEAD and len(lines) > 1:
        lines.pop()  # cut off in the middle, perhaps
    if lines and not _PARSED_LINE_RE.match(lines[0]):
        lines.pop(0)  # the title
    return len(lines) >= 3 and all(_PARSED_LINE_RE.match(line) for line in lines)
