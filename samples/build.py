"""Build the sample DOCX and PDF drafts from their text sources.

    python samples/build.py            # DOCX only
    python samples/build.py --pdf      # DOCX, then PDF through LibreOffice

The text files (zero, rev1, rev2, rev3, final) are the sources. Each DOCX
mixes Word automatic list numbering (plain numbers, and the (a)-(d)
sub-paragraphs) with typed numbers ("9 bis."), restarts the list with a
startOverride after a deleted paragraph, carries real footnotes, a running
header with the document symbol and a page-number field. rev3 and final
number their headings through the Heading 1 style. ``rev2-rev3-tracked.docx``
is Rev 2 with Word tracked changes (w:ins / w:del) that turn it into Rev 3.

PDFs are rendered from the DOCX by LibreOffice (``soffice``; on Debian:
``apt-get install libreoffice-writer-nogui``), the way delegations make them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from draftdiff import Kind, load  # noqa: E402
from draftdiff.output import write_atomic  # noqa: E402
from draftdiff.writers.wordml import DocxWriter, Level, Para, Run  # noqa: E402

DRAFTS = {
    "zero": ("MRF/2030/PD/Zero", "Zero draft, 3 February 2030"),
    "rev1": ("MRF/2030/PD/Rev.1", "Revised draft 1, 10 March 2030"),
    "rev2": ("MRF/2030/PD/Rev.2", "Revised draft 2, 14 April 2030"),
    "rev3": ("MRF/2030/PD/Rev.3", "Revised draft 3, 12 May 2030"),
    "final": ("MRF/2030/PD", "Final text, 7 June 2030"),
}
NUMBERED_HEADINGS = {"rev3", "final"}
TRACKED = ("rev2", "rev3")
DATE = dt.datetime(2030, 5, 12, 9, 0, tzinfo=dt.UTC)
# Positions recorded as Word comments, the way co-facilitators circulate a
# draft with parties' and stakeholders' views in the margin (draft name ->
# paragraph id -> [(author, text)]). Written for the samples.
COMMENTS = {
    "rev2": {
        "38": [("Coalition for Migrant Rights", "Keep 'processes': participation must reach decision-making.")],
        "42": [("Group of Friends of Children", "Retain the reference to children in this paragraph.")],
    },
    "rev3": {
        "38": [
            ("Coalition for Migrant Rights", "Revert to Rev 2 language: 'discussions' narrows participation."),
            ("Delegation A", "Can accept the current wording."),
        ],
        "39bis": [("Coalition for Migrant Rights", "Prefer 'participation in' as in Rev 2.")],
        "30": [("Delegation B", "Bracket 'regardless of status' pending consultations in capital.")],
        "9ter": [("Delegation A", "Support.")],
    },
}
COMMENT_DATE = "2030-05-13T10:00:00Z"
PARA_LEVELS = [Level("decimal", "%1.", indent=567), Level("lowerLetter", "(%2)", indent=1134)]
HEADING_LEVELS = [Level("upperRoman", "%1.", indent=567)]


def word_feature_text(text: str) -> str:
    """What a Word author's file has that a text file does not."""
    return text.replace("3 per cent", "3\u00a0per\u00a0cent").replace("disaggregation", "disaggre\u00adgation")


def note_anchors(source: Path) -> dict[str, str]:
    """Footnote marker -> the words it follows in the text source."""
    raw = re.sub(r"\s+", " ", source.read_text(encoding="utf-8"))
    return {m[2]: m[1] for m in re.finditer(r"((?:\S+ ){0,3}\S+?)\[\^(\w+)\]", raw)}


def text_runs(writer: DocxWriter, para, anchors: dict[str, str], change: str | None = None) -> list[Run]:
    """The paragraph text as runs, with footnote references where the source had them."""
    text = word_feature_text(para.text)
    runs: list[Run] = []
    for note in para.notes:
        word = anchors.get(note.marker, "")
        at = text.find(word)
        if not word or at < 0:
            continue
        cut = at + len(word)
        runs.append(Run(text[:cut], change=change))
        runs.append(Run(footnote=writer.footnote(note.text), change=change))
        text = text[cut:]
    runs.append(Run(text, change=change))
    return [r for r in runs if r.text or r.footnote is not None]


def build_docx(name: str, source: Path) -> bytes:
    draft = load(source)
    symbol, status = DRAFTS[name]
    writer = DocxWriter(author="Co-facilitators", date=DATE, header=f"{symbol}    {status}", title=draft.title)
    abstract = writer.add_abstract(PARA_LEVELS)
    if name in NUMBERED_HEADINGS:
        writer.number_headings(HEADING_LEVELS)
    anchors = note_anchors(source)
    num_id = writer.add_num(abstract)
    counter = 0  # what Word's list counter shows next
    writer.add(Para([Run(draft.title)], style="Title"))
    comments = COMMENTS.get(name, {})

    def add(content: Para) -> None:
        content.comments = pending
        writer.add(content)

    for para in draft.paragraphs:
        pending = [writer.comment(author, text, COMMENT_DATE) for author, text in comments.get(para.id, [])]
        if para.kind is Kind.HEADING:
            if name in NUMBERED_HEADINGS:
                add(Para([Run(para.text)], style="Heading1"))
            else:
                add(Para([Run(para.label + ".", tab_after=True), Run(para.text)], style="Heading1"))
        elif para.kind is Kind.NUMBERED and para.label.isdigit():
            value = int(para.label)
            if value != counter + 1:
                # A gap (deleted paragraph): restart the list at this number.
                num_id = writer.add_num(abstract, {0: value})
            counter = value
            add(Para(text_runs(writer, para, anchors), num=(num_id, 0)))
        elif para.kind is Kind.NUMBERED:
            runs = [Run(para.label + ".", tab_after=True), *text_runs(writer, para, anchors)]
            add(Para(runs, hanging=True))
        elif para.kind is Kind.SUBPARAGRAPH:
            add(Para(text_runs(writer, para, anchors), num=(num_id, 1)))
        else:
            add(Para(text_runs(writer, para, anchors)))
    return writer.to_bytes()


_TOKEN_RE = re.compile(r"\S+\s*|\s+")


def build_tracked(old_source: Path, new_source: Path) -> bytes:
    """Old draft with tracked changes that turn it into the new one."""
    old, new = load(old_source), load(new_source)
    symbol, status = DRAFTS[TRACKED[0]]
    writer = DocxWriter(
        author="Delegation of Utopia", date=DATE, header=f"{symbol}    {status} (with proposed changes)"
    )
    writer.add(Para([Run(old.title)], style="Title"))

    def label_run(para, change=None) -> list[Run]:
        if not para.label:
            return []
        point = "." if para.kind in (Kind.NUMBERED, Kind.HEADING) else ""
        return [Run(para.label + point, change=change, tab_after=True)]

    def style_of(para) -> str | None:
        return "Heading1" if para.kind is Kind.HEADING else None

    anchors = note_anchors(old_source)
    matcher = difflib.SequenceMatcher(None, old.ids, new.ids, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(old.paragraphs[i1:i2], new.paragraphs[j1:j2], strict=True):
                runs = label_run(a)
                if a.text == b.text:
                    runs += text_runs(writer, a, anchors)
                    writer.add(Para(runs, style=style_of(a), hanging=a.kind is Kind.NUMBERED))
                    continue
                before, after = _TOKEN_RE.findall(a.text), _TOKEN_RE.findall(b.text)
                for wop, k1, k2, m1, m2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
                    if wop == "equal":
                        runs.append(Run("".join(before[k1:k2])))
                        continue
                    if k2 > k1:
                        runs.append(Run("".join(before[k1:k2]), change="del"))
                    if m2 > m1:
                        runs.append(Run("".join(after[m1:m2]), change="ins"))
                writer.add(Para(runs, style=style_of(a), hanging=a.kind is Kind.NUMBERED))
            continue
        for a in old.paragraphs[i1:i2]:
            writer.add(
                Para([*label_run(a, "del"), Run(a.text, change="del")], style=style_of(a), mark="del", hanging=True)
            )
        for b in new.paragraphs[j1:j2]:
            writer.add(
                Para([*label_run(b, "ins"), Run(b.text, change="ins")], style=style_of(b), mark="ins", hanging=True)
            )
    return writer.to_bytes()


def to_pdf(docx: Path, soffice: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        produced = Path(tmp) / (docx.stem + ".pdf")
        write_atomic(docx.with_suffix(".pdf"), produced.read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also render each DOCX to PDF with LibreOffice")
    args = parser.parse_args()
    for name in DRAFTS:
        source = HERE / f"{name}.txt"
        target = write_atomic(HERE / f"{name}.docx", build_docx(name, source))
        print(f"wrote {target.relative_to(HERE.parent)}")
    tracked = HERE / f"{TRACKED[0]}-{TRACKED[1]}-tracked.docx"
    write_atomic(tracked, build_tracked(HERE / f"{TRACKED[0]}.txt", HERE / f"{TRACKED[1]}.txt"))
    print(f"wrote {tracked.relative_to(HERE.parent)}")
    if args.pdf:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            print("soffice not found: apt-get install libreoffice-writer-nogui", file=sys.stderr)
            return 2
        for name in DRAFTS:
            to_pdf(HERE / f"{name}.docx", soffice)
            print(f"wrote samples/{name}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
