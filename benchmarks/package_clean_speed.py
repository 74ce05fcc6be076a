"""How the redline's package cleaning grows with what a hostile package holds.

    python benchmarks/package_clean_speed.py [--size 5000] [--repeat 3]

A Word package generated in memory, at 1x, 2x, 4x and 8x ``--size``: that
many paragraphs, each with a web link, a link to a file share, a remote
picture, a fetching field (INCLUDETEXT) and a field that stays (PAGE); and
as many fields nested in one another's instructions (the shape that would be
quadratic if each field walked the ones around it). Timed:
``package_clean.clean`` on the parts, best of ``--repeat``. Goal: linear (each
doubling at most about 2.2x).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best  # noqa: E402

from draftdiff.writers.package_clean import clean  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def package(size: int) -> dict[str, bytes]:
    body, rels = [], [f'<Relationship Id="rIdSettings" Type="{RT}/settings" Target="settings.xml"/>']
    for n in range(size):
        rels += [
            f'<Relationship Id="web{n}" Type="{RT}/hyperlink" Target="https://example.org/{n}" TargetMode="External"/>',
            f'<Relationship Id="unc{n}" Type="{RT}/hyperlink" Target="file://///share/{n}" TargetMode="External"/>',
            f'<Relationship Id="pic{n}" Type="{RT}/image" Target="http://t.example/{n}.png" TargetMode="External"/>',
        ]
        body.append(
            f"<w:p><w:r><w:t>{n + 1}. Paragraph {n}</w:t></w:r>"
            f'<w:hyperlink r:id="web{n}"><w:r><w:t>web</w:t></w:r></w:hyperlink>'
            f'<w:hyperlink r:id="unc{n}"><w:r><w:t>share</w:t></w:r></w:hyperlink>'
            f'<w:r><w:drawing><a:blip r:link="pic{n}"/></w:drawing></w:r>'
            + _field('INCLUDETEXT "http://x.example/a.docx"', "included")
            + _field("PAGE", "1")
            + "</w:p>"
        )
    nested = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>' * size
    nested += '<w:r><w:fldChar w:fldCharType="end"/></w:r>' * size
    body.append(f"<w:p>{nested}</w:p>")
    document = (
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:a="{A_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    )
    return {
        "[Content_Types].xml": (
            b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
            b"</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{REL_NS}"><Relationship Id="r1" Type="{RT}/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ).encode(),
        "word/document.xml": document.encode(),
        "word/_rels/document.xml.rels": f'<Relationships xmlns="{REL_NS}">{"".join(rels)}</Relationships>'.encode(),
        "word/settings.xml": f'<w:settings xmlns:w="{W_NS}"/>'.encode(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    previous = None
    for factor in (1, 2, 4, 8):
        parts = package(args.size * factor)
        megabytes = sum(len(data) for data in parts.values()) / 2**20
        seconds = best(lambda parts=parts: clean(parts), args.repeat)
        summary = clean(parts).summary()
        growth = f"{seconds / previous:.2f}x" if previous else "-"
        print(f"{args.size * factor:>7,} paragraphs {megabytes:6.1f} MiB  {seconds:6.3f} s  {growth:>6}  ({summary})")
        previous = seconds
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
