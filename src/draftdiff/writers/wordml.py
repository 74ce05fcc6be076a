"""A small WordprocessingML (.docx) package writer.

python-docx cannot write list numbering definitions, footnotes or tracked
changes, which both the sample builder and the redline export need, so this
writes the parts directly. Output opens in Word and LibreOffice.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..diff.comparison import Change, Comparison

from .untrusted import name as safe_name
from .untrusted import xml_escape as escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOC_NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$")
COMMENTS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"


@dataclass
class Run:
    text: str = ""
    change: str | None = None  # "ins" | "del" | "moveFrom" | "moveTo" | None
    footnote: int | None = None  # footnote id: a reference mark instead of text
    tab_after: bool = False
    bold: bool = False


@dataclass
class Para:
    runs: list[Run] = field(default_factory=list)
    style: str | None = None
    num: tuple[int, int] | None = None  # (numId, ilvl)
    mark: str | None = None  # the paragraph mark itself tracked: "ins" | "del" | "moveFrom" | "moveTo"
    hanging: bool = False  # hanging indent for typed numbers
    comments: list[int] = field(default_factory=list)  # comment ids anchored over the whole paragraph
    # one end of a move, as Word marks it: ("moveFrom" | "moveTo", the move's name); the range
    # opens in the paragraph with move_start and closes in the one with move_end
    move_start: tuple[str, str] | None = None
    move_end: tuple[str, str] | None = None


@dataclass
class Level:
    fmt: str  # decimal, lowerLetter, upperRoman, bullet ...
    text: str  # "%1.", "(%2)"
    start: int = 1
    indent: int = 0  # twips
    hanging: int = 567


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


class DocxWriter:
    def __init__(
        self,
        *,
        author: str = "draftdiff",
        date: _dt.datetime | None = None,
        header: str | None = None,
        page_numbers: bool = True,
        title: str = "",
    ) -> None:
        self.author = author
        self.date = (date or _dt.datetime.now(_dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.header = header
        self.page_numbers = page_numbers
        self.title = title
        self.body: list[str] = []
        self.footnotes: list[tuple[int, str]] = []
        self.abstracts: list[list[Level]] = []
        self.nums: list[tuple[int, dict[int, int]]] = []  # (abstract index, {ilvl: startOverride})
        self.heading_abstract: int | None = None
        self._rev_id = 0
        self._move_ids: dict[tuple[str, str], int] = {}
        self.comments: list[tuple[int, str, str, str]] = []  # (id, author, date, text)

    # -- numbering ---------------------------------------------------------
    def add_abstract(self, levels: list[Level]) -> int:
        self.abstracts.append(levels)
        return len(self.abstracts) - 1

    def add_num(self, abstract: int, start_overrides: dict[int, int] | None = None) -> int:
        """A list instance (w:num) of an abstract definition; returns its numId."""
        self.nums.append((abstract, dict(start_overrides or {})))
        return len(self.nums)

    def number_headings(self, levels: list[Level]) -> None:
        """Number the Heading 1 style itself (numPr in styles.xml)."""
        self.heading_abstract = self.add_abstract(levels)
        self._heading_num = self.add_num(self.heading_abstract)

    # -- content -----------------------------------------------------------
    def footnote(self, text: str) -> int:
        note_id = len(self.footnotes) + 1
        self.footnotes.append((note_id, text))
        return note_id

    def comment(self, author: str, text: str, date: str = "") -> int:
        """A Word comment; anchor it with Para.comments."""
        comment_id = len(self.comments)
        self.comments.append((comment_id, safe_name(author), date if _ISO_DATE.match(date or "") else "", text))
        return comment_id

    def add(self, para: Para) -> None:
        self.body.append(self._para_xml(para))

    def _next_rev(self) -> int:
        self._rev_id += 1
        return self._rev_id

    def _rev_attrs(self) -> str:
        return f'w:id="{self._next_rev()}" w:author="{_attr(self.author)}" w:date="{self.date}"'

    def _run_xml(self, run: Run) -> str:
        props = "<w:b/>" if run.bold else ""
        if run.footnote is not None:
            inner = f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/>{props}</w:rPr><w:footnoteReference w:id="{run.footnote}"/></w:r>'
        else:
            tag = "w:delText" if run.change in ("del", "moveFrom") else "w:t"
            text = f'<{tag} xml:space="preserve">{escape(run.text)}</{tag}>' if run.text else ""
            tab = "<w:tab/>" if run.tab_after else ""
            rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
            inner = f"<w:r>{rpr}{text}{tab}</w:r>"
        if run.change in ("ins", "del", "moveFrom", "moveTo"):
            return f"<w:{run.change} {self._rev_attrs()}>{inner}</w:{run.change}>"
        return inner

    def _para_xml(self, para: Para) -> str:
        ppr = []
        if para.style:
            ppr.append(f'<w:pStyle w:val="{para.style}"/>')
        if para.num:
            num_id, ilvl = para.num
            ppr.append(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
        if para.hanging:
            ppr.append('<w:ind w:left="567" w:hanging="567"/>')
        if para.mark:
            ppr.append(f"<w:rPr><w:{para.mark} {self._rev_attrs()}/></w:rPr>")
        ppr_xml = f"<w:pPr>{''.join(ppr)}</w:pPr>" if ppr else ""
        if para.move_start:
            kind, name = para.move_start
            self._move_ids[para.move_start] = self._next_rev()
            ppr_xml += (
                f'<w:{kind}RangeStart w:id="{self._move_ids[para.move_start]}" w:author="{_attr(self.author)}" '
                f'w:date="{self.date}" w:name="{_attr(name)}"/>'
            )
        end = ""
        if para.move_end and para.move_end in self._move_ids:
            end = f'<w:{para.move_end[0]}RangeEnd w:id="{self._move_ids[para.move_end]}"/>'

        starts = "".join(f'<w:commentRangeStart w:id="{c}"/>' for c in para.comments)
        ends = "".join(
            f'<w:commentRangeEnd w:id="{c}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            f'<w:commentReference w:id="{c}"/></w:r>'
            for c in para.comments
        )
        return f"<w:p>{ppr_xml}{starts}{''.join(self._run_xml(r) for r in para.runs)}{ends}{end}</w:p>"

    def _comments(self) -> str:
        items = []
        for comment_id, author, date, text in self.comments:
            initials = "".join(word[0] for word in author.split()[:3] if word)
            when = f' w:date="{date}"' if date else ""
            items.append(
                f'<w:comment w:id="{comment_id}" w:author="{_attr(author)}" w:initials="{_attr(initials)}"{when}>'
                f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:comment>'
            )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments {_DOC_NS}>{"".join(items)}</w:comments>'

    # -- package -----------------------------------------------------------
    def _document(self) -> str:
        sect = "<w:sectPr>"
        if self.header:
            sect += '<w:headerReference w:type="default" r:id="rIdHeader"/>'
        if self.page_numbers:
            sect += '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        sect += (
            '<w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="1440" w:right="1247" w:bottom="1440" w:left="1247" w:header="709" w:footer="709" w:gutter="0"/>'
            "</w:sectPr>"
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_DOC_NS}><w:body>'
            + "".join(self.body)
            + sect
            + "</w:body></w:document>"
        )

    def _levels_xml(self, levels: list[Level]) -> str:
        out = []
        for ilvl, level in enumerate(levels):
            indent = level.indent or 567 * (ilvl + 1)
            out.append(
                f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{level.start}"/><w:numFmt w:val="{level.fmt}"/>'
                f'<w:lvlText w:val="{_attr(level.text)}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:ind w:left="{indent}" w:hanging="{level.hanging}"/></w:pPr></w:lvl>'
            )
        return "".join(out)

    def _numbering(self) -> str:
        parts = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering {_DOC_NS}>']
        for index, levels in enumerate(self.abstracts):
            parts.append(
                f'<w:abstractNum w:abstractNumId="{index}"><w:multiLevelType w:val="multilevel"/>'
                f"{self._levels_xml(levels)}</w:abstractNum>"
            )
        for num_id, (abstract, overrides) in enumerate(self.nums, start=1):
            over = "".join(
                f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                for ilvl, start in sorted(overrides.items())
            )
            parts.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{over}</w:num>')
        parts.append("</w:numbering>")
        return "".join(parts)

    def _styles(self) -> str:
        heading_num = ""
        if self.heading_abstract is not None:
            heading_num = f'<w:numPr><w:numId w:val="{self._heading_num}"/></w:numPr>'

        def style(sid: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph", extra: str = "") -> str:
            return (
                f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{extra}'
                + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
                + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
                + "</w:style>"
            )

        fonts = '<w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif" w:cs="Liberation Serif"/>'
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {_DOC_NS}>'
            f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
            + style("Normal", "Normal", extra="<w:qFormat/>")
            + style(
                "Title",
                "Title",
                '<w:jc w:val="center"/><w:spacing w:after="360"/>',
                '<w:b/><w:sz w:val="28"/>',
                extra='<w:basedOn w:val="Normal"/>',
            )
            + style(
                "Heading1",
                "heading 1",
                f'<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/>{heading_num}<w:outlineLvl w:val="0"/>',
                '<w:b/><w:sz w:val="24"/>',
                extra='<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>',
            )
            + style("ListParagraph", "List Paragraph", '<w:ind w:left="720"/>', extra='<w:basedOn w:val="Normal"/>')
            + style(
                "FootnoteText",
                "footnote text",
                '<w:spacing w:after="0"/>',
                '<w:sz w:val="17"/>',
                extra='<w:basedOn w:val="Normal"/>',
            )
            + style(
                "FootnoteReference", "footnote reference", rpr='<w:vertAlign w:val="superscript"/>', kind="character"
            )
            + style(
                "Header", "header", '<w:jc w:val="right"/>', '<w:sz w:val="18"/>', extra='<w:basedOn w:val="Normal"/>'
            )
            + style(
                "Footer", "footer", '<w:jc w:val="center"/>', '<w:sz w:val="18"/>', extra='<w:basedOn w:val="Normal"/>'
            )
            + "</w:styles>"
        )

    def _footnotes(self) -> str:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>',
        ]
        for note_id, text in self.footnotes:
            notes.append(
                f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
            )
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {_DOC_NS}>{"".join(notes)}</w:footnotes>'

    def _header(self) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr {_DOC_NS}><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{escape(self.header or "")}</w:t></w:r></w:p></w:hdr>'
        )

    def _footer(self) -> str:
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr {_DOC_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "</w:p></w:ftr>"
        )

    def to_bytes(self) -> bytes:
        rels = [
            ("rIdStyles", "styles", "styles.xml"),
            ("rIdNumbering", "numbering", "numbering.xml"),
            ("rIdFootnotes", "footnotes", "footnotes.xml"),
            ("rIdSettings", "settings", "settings.xml"),
        ]
        if self.comments:
            rels.append(("rIdComments", "comments", "comments.xml"))
        if self.header:
            rels.append(("rIdHeader", "header", "header1.xml"))
        if self.page_numbers:
            rels.append(("rIdFooter", "footer", "footer1.xml"))
        doc_rels = "".join(
            f'<Relationship Id="{rid}" Type="{R_NS}/{kind}" Target="{target}"/>' for rid, kind, target in rels
        )
        overrides = {
            "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "/word/styles.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
            "/word/numbering.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
            "/word/footnotes.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            "/word/settings.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml",
            "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        }
        if self.comments:
            overrides["/word/comments.xml"] = COMMENTS_CONTENT_TYPE
        if self.header:
            overrides["/word/header1.xml"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
        if self.page_numbers:
            overrides["/word/footer1.xml"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
        content_types = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{ctype}"/>' for name, ctype in overrides.items())
            + "</Types>"
        )
        package_rels = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>"
        )
        settings = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings {_DOC_NS}>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr></w:settings>'
        )
        core = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(self.title)}</dc:title><dc:creator>{escape(self.author)}</dc:creator>"
            "</cp:coreProperties>"
        )
        files = {
            "[Content_Types].xml": content_types,
            "_rels/.rels": package_rels,
            "docProps/core.xml": core,
            "word/document.xml": self._document(),
            "word/_rels/document.xml.rels": (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{doc_rels}</Relationships>'
            ),
            "word/styles.xml": self._styles(),
            "word/numbering.xml": self._numbering(),
            "word/footnotes.xml": self._footnotes(),
            "word/settings.xml": settings,
        }
        if self.comments:
            files["word/comments.xml"] = self._comments()
        if self.header:
            files["word/header1.xml"] = self._header()
        if self.page_numbers:
            files["word/footer1.xml"] = self._footer()
        buffer = io.BytesIO()
        # Fixed timestamps keep rebuilt files byte-identical.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in files.items():
                info = zipfile.ZipInfo(name, date_time=(2030, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content.encode("utf-8"))
        return buffer.getvalue()


def redline_atoms(change: Change) -> list[tuple[str, str]]:
    """The word diff as (equal|delete|insert, text) with equal stretches whose
    old wording differs (quote or dash style) turned into a deletion and an
    insertion, so that rejecting restores the old text exactly."""
    atoms: list[tuple[str, str]] = []
    equal_index = 0
    for op, chunk in change.segments:
        if op == "equal":
            old = change.old_equal[equal_index] if equal_index < len(change.old_equal) else chunk
            equal_index += 1
            if old == chunk:
                atoms.append(("equal", chunk))
            else:
                atoms += [("delete", old), ("insert", chunk)]
        else:
            atoms.append((op, chunk))
    return [(op, text) for op, text in atoms if text]


def ordered_changes(comparison: Comparison) -> list[tuple[Change, str]]:
    """Changes in the new draft's order, plus each moved paragraph's old
    place (as a deletion) after the paragraph that preceded it before."""
    changes = comparison.changes
    position: dict[int, int] = {}
    for index, change in enumerate(changes):
        if not change.moved:
            for para in change.old:
                position[id(para)] = index
    old_paras = comparison.old.paragraphs
    old_index = {id(p): i for i, p in enumerate(old_paras)}
    ghosts: dict[int, list[Change]] = {}
    for change in changes:
        if change.moved and change.old:
            anchor = -1
            for i in range(old_index[id(change.old[0])] - 1, -1, -1):
                if id(old_paras[i]) in position:
                    anchor = position[id(old_paras[i])]
                    break
            ghosts.setdefault(anchor, []).append(change)
    for group in ghosts.values():  # several moved away from one place: in their old order
        group.sort(key=lambda change: old_index[id(change.old[0])])
    out = [(change, "moved-from") for change in ghosts.get(-1, [])]
    for index, change in enumerate(changes):
        out.append((change, "normal"))
        out += [(ghost, "moved-from") for ghost in ghosts.get(index, [])]
    return out
