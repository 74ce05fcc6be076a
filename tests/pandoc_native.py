"""Just enough of pandoc's native AST to use its expected readings as an oracle."""

from __future__ import annotations

import re
from pathlib import Path

_TOKEN_RE = re.compile(
    r'Str\s+"((?:[^"\\]|\\.)*)"|\b(Space|SoftBreak|LineBreak)\b|\b(Para|Plain|Header)\b|OrderedList\s*\(\s*(\d+)'
)


def _unescape(text: str) -> str:
    text = re.sub(r"\\(\d+)(?:\\&)?", lambda m: chr(int(m.group(1))), text)
    text = text.replace("\\&", "")  # Haskell's empty escape
    return text.replace('\\"', '"').replace("\\\\", "\\")


def blocks(path: Path) -> list[str]:
    """Text of every Para, Plain and Header block, in order."""
    out: list[str] = []
    for m in _TOKEN_RE.finditer(path.read_text(encoding="utf-8")):
        if m.group(3):
            out.append("")
        elif m.group(1) is not None and out:
            out[-1] += _unescape(m.group(1))
        elif m.group(2) and out:
            out[-1] += " "
    return [" ".join(b.split()) for b in out if b.strip()]


def list_starts(path: Path) -> list[int]:
    return [int(m.group(4)) for m in _TOKEN_RE.finditer(path.read_text(encoding="utf-8")) if m.group(4)]
