"""Reads samples/CHANGES.md, the answer key of the sample drafts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_EDIT_RE = re.compile(r'^(?P<op>replace|insert|delete) "(?P<a>[^"]*)"(?: → "(?P<b>[^"]*)")?$')


@dataclass(frozen=True)
class Edit:
    op: str
    old: str
    new: str


@dataclass
class Row:
    kinds: tuple[str, ...]
    old: list[str]
    new: list[str]
    edits: list[Edit] = field(default_factory=list)


def read(path: Path) -> dict[tuple[str, str], list[Row]]:
    tables: dict[tuple[str, str], list[Row]] = {}
    current: list[Row] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## (\w+) → (\w+)$", line)
        if heading:
            current = tables.setdefault((heading[1], heading[2]), [])
            continue
        if current is None or not line.startswith("| ") or line.startswith(("| change", "|---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        kind, old, new, edits = cells
        ids = lambda cell: [x.strip() for x in re.split(r"[+,]", cell) if x.strip()]  # noqa: E731
        parsed = []
        for text in filter(None, (e.strip() for e in edits.split(";"))):
            m = _EDIT_RE.match(text)
            assert m, f"bad edit in CHANGES.md: {text!r}"
            op = m["op"]
            parsed.append(Edit(op, m["a"] if op != "insert" else "", m["b"] or (m["a"] if op == "insert" else "")))
        current.append(Row(tuple(k.strip() for k in kind.split(",")), ids(old), ids(new), parsed))
    return tables
