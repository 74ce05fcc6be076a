"""CSV change table: UTF-8 (with a BOM on request, for Excel); changes marked [-old-]{+new+}."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from .table import Row, columns
from .untrusted import cell


def document(rows: list[Row], *, with_findings: bool, bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns(with_findings=with_findings))
    for row in rows:
        values = [row.section, row.old, row.new, row.kind, row.old_text, row.new_text, row.marked()]
        if with_findings:
            values.append(" ".join(row.codes))
        values.append("\n".join(row.comment_lines))
        values.append("\n".join(row.bracket_lines))
        writer.writerow([cell(value) for value in values])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def table(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = False) -> bytes:
    """Any result's table as CSV (refs, history, trace, stats, versions): every cell defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")
