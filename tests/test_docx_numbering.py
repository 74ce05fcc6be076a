"""Word list numbering features, each pinned down on a hand-built DOCX."""

from __future__ import annotations

import io
import zipfile

from draftdiff import load

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:numbering {W}>
 <w:abstractNum w:abstractNumId="0">{lvl(0, "decimalZero", "%1.")}{lvl(1, "upperLetter", "%2)")}</w:abstractNum>
 <w:abstractNum w:abstractNumId="1">{lvl(0, "upperRoman", "Article %1")}</w:abstractNum>
 <w:abstractNum w:abstractNumId="2">{lvl(0, "upperRoman", "%1.")}{lvl(1, "lowerRoman", "%1.%2", extra="<w:isLgl/>")}</w:abstractNum>
 <w:abstractNum w:abstractNumId="3">{lvl(0, "decimal", "%1.")}{lvl(1, "lowerLetter", "(%2)", extra='<w:lvlRestart w:val="0"/>')}</w:abstractNum>
 <w:abstractNum w:abstractNumId="4">{lvl(0, "decimal", "%1.")}{lvl(1, "lowerLetter", "(%2)")}</w:abstractNum>
 <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
 <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
 <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
 <w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
 <w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>
 <w:abstractNum w:abstractNumId="5">{lvl(0, "upperRoman", "%1.")}{lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')}{lvl(2, "lowerLetter", "(%3)")}</w:abstractNum>
 <w:num w:numId="6"><w:abstractNumId w:val="5"/></w:num>
 <w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>
 <w:num w:numId="8"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<w:styles {W}>
 <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
 <w:style w:type="paragraph" w:styleId="Numbered"><w:name w:val="Numbered"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>
 <w:style w:type="paragraph" w:styleId="NumberedChild"><w:name w:val="Numbered child"/><w:basedOn w:val="Numbered"/></w:style>
</w:styles>"""


def para(
    text: str,
    num: tuple[int, int] | None = None,
    style: str | None = None,
    ilvl_only: int | None = None,
    inner: str | None = None,
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if ilvl_only is not None:
        ppr += f'<w:numPr><w:ilvl w:val="{ilvl_only}"/></w:numPr>'
    body = inner if inner is not None else f"<w:r><w:t>{text}</w:t></w:r>"
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def build(paragraphs: list[str]) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/>'
        '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
        'Target="numbering.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document)
        archive.writestr("word/_rels/document.xml.rels", rels)
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/numbering.xml", NUMBERING)
    return buffer.getvalue()


def labels(tmp_path, paragraphs: list[str]) -> list[tuple[str, str]]:
    path = tmp_path / "numbering.docx"
    path.write_bytes(build(paragraphs))
    return [(p.label + p.close, p.text) for p in load(path)]


def test_decimal_zero_and_upper_letter(tmp_path):
    got = labels(
        tmp_path,
        [
            para("One text here.", (1, 0)),
            para("Sub text here.", (1, 1)),
            para("Sub two here.", (1, 1)),
            para("Two text here.", (1, 0)),
        ],
    )
    assert [g[0] for g in got] == ["01.", "A)", "B)", "02."]


def test_article_template_is_a_numbered_heading(tmp_path):
    path = tmp_path / "articles.docx"
    path.write_bytes(build([para("Scope", (2, 0)), para("Definitions", (2, 0))]))
    draft = load(path)
    assert [(p.id, p.kind.value) for p in draft] == [("ArtI", "heading"), ("ArtII", "heading")]


def test_legal_numbering_shows_arabic_numerals(tmp_path):
    got = labels(
        tmp_path,
        [
            para("First part of the text.", (3, 0)),
            para("A point in it.", (3, 1)),
            para("Second part of the text.", (3, 0)),
            para("A point in that.", (3, 1)),
        ],
    )
    assert [g[0] for g in got] == ["I.", "1.1", "II.", "2.1"]


def test_lvl_restart_zero_never_restarts(tmp_path):
    got = labels(
        tmp_path,
        [
            para("Alpha text here.", (4, 0)),
            para("item one;", (4, 1)),
            para("Beta text here.", (4, 0)),
            para("item two;", (4, 1)),
        ],
    )
    assert [g[0] for g in got] == ["1.", "(a)", "2.", "(b)"]  # level 2 keeps counting


def test_numbering_from_style_num_id_zero_and_ilvl_only(tmp_path):
    got = labels(
        tmp_path,
        [
            para("Styled first.", style="Numbered"),
            para("Styled child;", style="NumberedChild", ilvl_only=1),  # numId from the style, level from the paragraph
            para("Switched off.", style="Numbered", num=(0, 0)),  # numId 0: no number despite the style
            para("Styled second.", style="Numbered"),
        ],
    )
    assert got == [("1.", "Styled first."), ("(a)", "Styled child;"), ("", "Switched off."), ("2.", "Styled second.")]


def test_smart_tags_content_controls_fields_and_hidden_text(tmp_path):
    inner = (
        '<w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t xml:space="preserve">Geneva </w:t></w:r></w:smartTag>'
        '<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve">hosts </w:t></w:r></w:sdtContent></w:sdt>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the Forum</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t> (hidden note)</w:t></w:r>"
        '<w:r><w:t xml:space="preserve">\u00a0in</w:t><w:tab/><w:t>June</w:t><w:br/><w:t>2030</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> non</w:t><w:noBreakHyphen/><w:t>binding</w:t><w:softHyphen/><w:t>ly.</w:t></w:r>'
    )
    got = labels(tmp_path, [para("", (5, 0), inner=inner)])
    assert got == [("1.", "Geneva hosts the Forum in June 2030 non-bindingly.")]


def test_two_lists_of_one_definition_number_in_one_sequence(tmp_path):
    """Word continues the counters of an abstract definition across the w:num
    lists that use it (section headings I … IV over two lists, as in UNFCCC
    decisions); paragraphs numbered straight through and their lettered
    items follow; a list that restarts with startOverride starts again."""
    got = labels(
        tmp_path,
        [
            para("Scope", (6, 0)),
            para("The first paragraph of the text.", (6, 1)),
            para("Mandate", (7, 0)),
            para("The second paragraph of the text:", (7, 1)),
            para("an item of it;", (7, 2)),
            para("another item of it.", (6, 2)),
            para("Functions", (6, 0)),
            para("The third paragraph of the text.", (7, 1)),
            para("Membership", (7, 0)),
            para("A new list starts here.", (8, 0)),
        ],
    )
    assert [g[0] for g in got] == ["I.", "1.", "II.", "2.", "(a)", "(b)", "III.", "3.", "IV.", "I."]
