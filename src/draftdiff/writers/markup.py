"""Word changes as marked-up text: one module for every writer.

A comparison gives each change its ``segments``, ``(op, text)`` pairs with op
``equal``, ``delete`` or ``insert``. Writers differ only in how they mark a
deletion or an insertion; the white space around changed words always stays
outside the marks, so "[-processes-]" never swallows the space before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

Segments = list[tuple[str, str]]
EVERYTHING = ("equal", "delete", "insert")


@dataclass(frozen=True)
class Piece:
    op: str  # equal | delete | insert
    lead: str  # white space before the words
    body: str  # the words
    trail: str  # white space after them


def pieces(segments: Iterable[tuple[str, str]], keep: tuple[str, ...] = EVERYTHING) -> list[Piece]:
    """The segments of one change as pieces, only the ops in ``keep`` (a side of a side-by-side view)."""
    out = []
    for op, chunk in segments:
        if op not in keep or not chunk:
            continue
        body = chunk.strip()
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()) :] if body else ""
        out.append(Piece(op, lead, body, trail))
    return out


def render(
    segments: Iterable[tuple[str, str]],
    *,
    delete: Callable[[str], str],
    insert: Callable[[str], str],
    equal: Callable[[str], str] = lambda text: text,
    keep: tuple[str, ...] = EVERYTHING,
) -> str:
    """Segments as one string, each op's words passed through its function."""
    mark = {"equal": equal, "delete": delete, "insert": insert}
    return "".join(
        piece.lead + mark[piece.op](piece.body) + piece.trail if piece.body else piece.lead
        for piece in pieces(segments, keep)
    )


def plain(segments: Iterable[tuple[str, str]], keep: tuple[str, ...] = EVERYTHING) -> str:
    """``[-deleted-]`` and ``{+inserted+}``: what shows the changes without colour."""
    return render(segments, delete=lambda s: f"[-{s}-]", insert=lambda s: f"{{+{s}+}}", keep=keep)
