"""Untrusted text is escaped everywhere alike: a comment's author, organisation
and quoted words get the treatment a draft's words get (control characters
shown, direction overrides shown, formulas defused, HTML escaped), in every
writer. Every input here is built from our own bytes."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from conftest import run_cli
from draftdiff.writers import untrusted

# C0 controls but tab and line feed, DEL, C1, and the direction embeddings,
# overrides and isolates: none of them may reach what we write.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ESC_AUTHOR = "Eve\x1b]0;pwned\x07\x1b[2J"
C1_AUTHOR = "Mallory\u009b31m\u0085x"
SPOOF_ORG = "Delegation \u202eA rof\u202c"
WORDS = "shall\x1b[8m\x00 hidden\u2067 ensure\u2069"


def test_text_shows_controls_and_direction_overrides_and_is_idempotent():
    value = untrusted.text("a\x1bb\x07\x00\u009b\u202e\u2066z\rq\r\nend\x0c")
    assert not RAW.search(value)
    assert value == "a\\x1bb\\x07\\x00\\x9b\\u202e\\u2066z\\x0dq\nend\\x0c"
    assert untrusted.text(value) == value
    assert untrusted.text("plain words") == "plain words"


def test_a_name_is_one_line_with_its_direction_marks_shown():
    assert untrusted.name("Bob\r\nSmith\u200f") == "Bob Smith\\u200f"
    assert untrusted.html_name("A\u202e<b>") == "<bdi>A\\u202e&lt;b&gt;</bdi>"
    assert untrusted.name_cell("=cmd\u202e") == "'=cmd\\u202e"


def test_a_draft_with_a_direction_override_is_shown_with_it_visible(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("Title\n\n1. We accept \u202eesle on\u202c the text.\n", encoding="utf-8")
    result = run_cli("parse", str(path))
    assert "\u202e" not in result.stdout and "\\u202e" in result.stdout
    assert "right-to-left override" in result.stderr


# -- refs: a comment file ----------------------------------------------------------------


def _drafts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\n1. States shall cooperate.\n\n2. We note the report.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Title\n\n1. States shall ensure cooperation.\n\n2. We note the report.\n", encoding="utf-8"
    )


def _comments(tmp_path: Path) -> Path:
    path = tmp_path / "comments.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["author", "organisation", "text"])
        writer.writerow([ESC_AUTHOR, SPOOF_ORG, f'In para 1, add "{WORDS}"'])
        writer.writerow([C1_AUTHOR, "Org\r\nNext", 'On paragraph 2 replace with "=HYPERLINK(1)"'])
    return path


def _refs(tmp_path: Path, *args: str, env: dict | None = None):
    _drafts(tmp_path)
    comments = _comments(tmp_path)
    return run_cli("refs", str(comments), "--on", "a", *args, cwd=tmp_path, env=env)


@pytest.mark.parametrize("fmt", ["terminal", "md", "csv", "json", "html"])
def test_refs_writes_no_raw_control_or_override_in_any_text_format(tmp_path, fmt):
    result = _refs(tmp_path, "--no-pager", "--no-color", "-f", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout.replace("\r\n", "\n") if fmt == "csv" else result.stdout
    assert not RAW.search(out), RAW.findall(out)
    assert "\\u202e" in out  # shown, not dropped
    if fmt != "csv":  # the CSV holds the references, not the proposals
        assert "\\x1b[8m" in out
    if fmt != "terminal":  # the terminal shows the organisation, not the author
        assert "\\x1b]0;pwned" in out


def test_refs_terminal_in_colour_has_only_its_own_colour_codes(tmp_path):
    result = _refs(tmp_path, "--no-pager", env={"FORCE_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    assert "\x1b[" in result.stdout  # in colour
    without_colours = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert not RAW.search(without_colours), RAW.findall(without_colours)


def test_refs_json_shows_authors_as_draft_text_is_shown(tmp_path):
    document = json.loads(_refs(tmp_path, "-f", "json").stdout)
    first = document["references"][0]
    assert first["author"] == "Eve\\x1b]0;pwned\\x07\\x1b[2J"
    assert first["organisation"] == "Delegation \\u202eA rof\\u202c"


def test_refs_html_isolates_every_name(tmp_path):
    page = _refs(tmp_path, "-f", "html").stdout
    assert "<bdi>Delegation \\u202eA rof\\u202c</bdi>" in page
    assert '<div class="who">#1 <bdi>Eve\\x1b]0;pwned\\x07\\x1b[2J</bdi>' in page


def test_refs_xlsx_cells_hold_no_raw_control_or_override_and_no_formula(tmp_path):
    target = tmp_path / "refs.xlsx"
    assert _refs(tmp_path, "-o", str(target)).returncode == 0
    book = load_workbook(target)
    values = [
        c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert values and not [v for v in values if RAW.search(v)]
    assert "Delegation \\u202eA rof\\u202c" in values and "'=HYPERLINK(1)" in values
    assert "Org Next" in values  # a name is one line


# -- DOCX comments -------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _xml_attr(value: str) -> str:
    """An attribute value as Word would write it: XML 1.0 cannot carry C0 controls, C1 and the rest it can."""
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def docx_with_comments(paragraphs: list[str], comments: list[tuple[str, str]]) -> bytes:
    """A Word package from scratch: numbered paragraphs, the first carrying ``comments`` (author, text)."""
    body = ["<w:p><w:r><w:t>Title</w:t></w:r></w:p>"]
    for n, text in enumerate(paragraphs, start=1):
        marks = "".join(f'<w:commentRangeStart w:id="{k}"/>' for k in range(len(comments))) if n == 1 else ""
        ends = (
            "".join(
                f'<w:commentRangeEnd w:id="{k}"/><w:r><w:commentReference w:id="{k}"/></w:r>'
                for k in range(len(comments))
            )
            if n == 1
            else ""
        )
        body.append(f'<w:p>{marks}<w:r><w:t xml:space="preserve">{n}. {text}</w:t></w:r>{ends}</w:p>')
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    notes = "".join(
        f'<w:comment w:id="{k}" w:author="{_xml_attr(author)}" w:date="2030-01-02T00:00:00Z">'
        f'<w:p><w:r><w:t xml:space="preserve">{_xml_attr(text)}</w:t></w:r></w:p></w:comment>'
        for k, (author, text) in enumerate(comments)
    )
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/comments.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rels}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rels}/comments" Target="comments.xml"/></Relationships>'
        ),
        "word/document.xml": document,
        "word/comments.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="{W_NS}">{notes}</w:comments>',
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode("utf-8"))
    return buffer.getvalue()


DOCX_COMMENTS = [(C1_AUTHOR, "Reject\u0085 this \u202eevil\u202c text."), (SPOOF_ORG, "Agreed \u2066here\u2069.")]


def _docx_pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(docx_with_comments(["States shall cooperate.", "We note it."], DOCX_COMMENTS))
    new.write_bytes(docx_with_comments(["States shall ensure cooperation.", "We note it."], DOCX_COMMENTS))
    return old, new


def test_docx_comment_authors_reach_no_terminal_raw(tmp_path):
    old, new = _docx_pair(tmp_path)
    for args in (
        ("compare", str(old), str(new), "--comments", "--no-pager", "--no-color"),
        ("parse", str(new), "--comments"),
    ):
        result = run_cli(*args)
        assert result.returncode in (0, 1), result.stderr
        assert not RAW.search(result.stdout), (args, RAW.findall(result.stdout))
        assert "Mallory\\x9b31m" in result.stdout and "\\u202e" in result.stdout


@pytest.mark.parametrize("suffix", ["csv", "md", "html", "json"])
def test_docx_comments_in_every_text_export_are_shown_not_raw(tmp_path, suffix):
    old, new = _docx_pair(tmp_path)
    target = tmp_path / f"out.{suffix}"
    result = run_cli("export", str(old), str(new), "-o", str(target), "--all")
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8").replace("\r\n", "\n")
    assert not RAW.search(text), RAW.findall(text)
    if suffix == "json":
        text = json.dumps(json.loads(text), ensure_ascii=False)
        assert "Mallory\\\\x9b31m" in text  # the visible escape, as a JSON string holds it
    elif suffix != "md":  # the Markdown table has no comments column
        assert "Mallory\\x9b31m" in text


def test_docx_comments_in_the_xlsx_export_are_shown_not_raw(tmp_path):
    old, new = _docx_pair(tmp_path)
    target = tmp_path / "out.xlsx"
    assert run_cli("export", str(old), str(new), "-o", str(target), "--all").returncode == 0
    book = load_workbook(target)
    values = [
        c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if isinstance(c.value, str)
    ]
    assert not [v for v in values if RAW.search(v)]
    assert any("Mallory\\x9b31m" in v for v in values)


def test_docx_comments_in_the_redline_are_shown_not_raw(tmp_path):
    old, new = _docx_pair(tmp_path)
    (tmp_path / "old.txt").write_text("Title\n\n1. States cooperate.\n\n2. We note it.\n", encoding="utf-8")
    for source in (old, tmp_path / "old.txt"):
        target = tmp_path / "redline.docx"
        result = run_cli("export", str(new), str(source), "-o", str(target))  # the old side's comments are written
        assert result.returncode == 0, result.stderr
        with zipfile.ZipFile(target) as archive:
            root = etree.fromstring(archive.read("word/comments.xml"))
        # the comments we add: the old draft's, each "[its label] …" (the new draft's own stay as they are)
        ours = [c for c in root.iter(f"{{{W_NS}}}comment") if "".join(c.itertext()).startswith("[new]")]
        assert len(ours) == 2
        for comment in ours:
            assert not RAW.search(comment.get(f"{{{W_NS}}}author") + "".join(comment.itertext()))
        assert ours[0].get(f"{{{W_NS}}}author") == "Mallory\\x9b31m\\x85x"


# -- phrase lists: trace's quoted words ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["terminal", "md", "csv", "json", "junit", "xlsx"])
def test_trace_writes_a_phrase_list_with_its_controls_and_overrides_shown(tmp_path, fmt):
    _drafts(tmp_path)
    (tmp_path / "phrases.txt").write_text("shall cooperate\u202e\x1b[8m\nnote the report\u2066\n", encoding="utf-8")
    target = tmp_path / f"trace.{fmt}"
    args = ["trace", "a.txt", "b.txt", "--phrases", "phrases.txt", "--fail-if-dropped"]
    result = run_cli(*args, *(["--no-pager"] if fmt == "terminal" else ["-f", fmt, "-o", str(target)]), cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    if fmt == "xlsx":
        book = load_workbook(target)
        out = "\n".join(str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    else:
        out = (result.stdout if fmt == "terminal" else target.read_text(encoding="utf-8")).replace("\r\n", "\n")
    assert not RAW.search(out), RAW.findall(out)
    assert "\\u20" in out  # shown (the terminal's column may cut the rest)


def test_markdown_carries_no_html_image_or_link_a_renderer_would_fetch(tmp_path):
    _drafts(tmp_path)
    path = tmp_path / "comments.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["author", "text"])
        writer.writerow(
            ['<img src="http://tracker.example/a.png">', 'In para 1, add "![x](http://tracker.example/b.png)"']
        )
    result = run_cli("refs", str(path), "--on", "a", "-f", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\\<img" in result.stdout and "<img" not in result.stdout.replace("\\<img", "")
    assert "](" not in result.stdout and "\\![x]\\(http" in result.stdout


def test_a_warning_naming_a_draft_shows_its_controls(tmp_path):
    _drafts(tmp_path)
    (tmp_path / "draftdiff.toml").write_text(
        '[drafts]\na = "a.txt"\n"b\\u001b]0;x\\u0007\\u202e" = "missing.txt"\nc = "b.txt"\n', encoding="utf-8"
    )
    result = run_cli("history", "--skip-unreadable", "-f", "json", cwd=tmp_path)
    assert "left out draft" in result.stderr
    assert not RAW.search(result.stderr), RAW.findall(result.stderr)


def test_the_terminal_shows_controls_a_writer_did_not_escape_itself(tmp_path):
    """The console is the net: a draft's label comes from its file name, which no writer escapes."""
    path = tmp_path / "draft\x1b[2J\u202e.txt"
    path.write_text("Title\n\n1. We note the report.\n", encoding="utf-8")
    result = run_cli("parse", str(path))
    assert result.returncode == 0, result.stderr
    assert not RAW.search(result.stdout), RAW.findall(result.stdout)
    assert "draft\\x1b[2J\\u202e" in result.stdout
