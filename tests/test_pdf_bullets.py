"""PDF lines that start a paragraph by their bullet or by standing out to the left."""

from __future__ import annotations

from draftdiff import load
from pdfmake import make_pdf


def test_bullets_and_outdented_lines(tmp_path):
    lines = [
        (60, 100, "1.   Notes the estimated budgetary implications of the activities to be undertaken by the"),
        (80, 114, "secretariat referred to in this decision and requests the actions be undertaken subject to"),
        (80, 128, "the availability of financial resources."),
        (60, 142, "[Further discussion is needed on whether and how to address adaptation in the context."),
        (60, 156, "\x95   Decides to conduct, in the period 2016-2020, a technical examination of adaptation and"),
        (60, 170, "\x95   support, including those with co-benefits, address gaps in implementation, knowledge"),
        (80, 184, "and finance, and share best practices on the ground with the lessons learned;"),
        (60, 198, "\x95   Requests the secretariat to facilitate the technical examination referred to above;]"),
    ]
    path = tmp_path / "bullets.pdf"
    path.write_bytes(make_pdf([lines]))
    texts = [p.text for p in load(path).paragraphs]
    starts = [t.lstrip("\u2022 ")[:12] for t in texts]
    assert starts == ["Notes the es", "[Further dis", "Decides to c", "Requests the"]
    assert "support, including" in texts[2] and "and finance" in texts[2]
