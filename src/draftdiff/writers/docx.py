"""DOCX redline: the new draft with genuine Word tracked changes.

When the new draft is a DOCX, docx_marked marks its own package. Otherwise
(or when that package cannot be marked in place) this module generates one:

Every change is a ``w:ins`` or ``w:del`` by one author and date, so Word or
LibreOffice shows it and can accept or reject it: accepting all gives the
new draft, rejecting all gives the old one, paragraph by paragraph.

- a modified paragraph carries word-level deletions and insertions;
- an added or deleted paragraph is inserted or deleted whole, with its mark;
- a split inserts paragraph marks; a merge deletes them;
- a moved paragraph is marked as Word marks a move: ``w:moveFrom`` where it
  stood and ``w:moveTo`` where it stands now, in ranges of the same name;
- a renumbered paragraph has its old number deleted and its new one inserted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..diff.comparison import Change, Comparison
from ..document.model import Kind, Paragraph
from .wordml import DocxWriter, Para, Run, ordered_changes, redline_atoms


def _label(para: Paragraph) -> str:
    return f"{para.label}{para.close}" if para.label else ""


def _style(para: Paragraph) -> str | None:
    return "Heading1" if para.kind is Kind.HEADING else None


def _label_runs(old: Paragraph | None, new: Paragraph | None) -> list[Run]:
    old_label, new_label = (_label(old) if old else ""), (_label(new) if new else "")
    if old_label == new_label:
        return [Run(new_label, tab_after=True)] if new_label else []
    runs = []
    if old_label:
        runs.append(Run(old_label, change="del", tab_after=not new_label))
    if new_label:
        runs.append(Run(new_label, change="ins", tab_after=True))
    return runs


def _side(atoms: list[tuple[str, str]], side: str) -> str:
    keep = ("equal", "delete") if side == "old" else ("equal", "insert")
    return "".join(text for op, text in atoms if op in keep)


class _Redline:
    def __init__(self, comparison: Comparison, author: str, date: dt.datetime | None) -> None:
        self.comparison = comparison
        self.writer = DocxWriter(author=author, date=date, title=comparison.new.title, page_numbers=True)
        self.pending: list[int] = []  # comments of the change being written, for its first paragraph
        self.move_names: dict[int, str] = {}

    def _add(self, para: Para) -> None:
        para.comments, self.pending = self.pending, []
        self.writer.add(para)

    def run(self) -> bytes:
        old, new = self.comparison.old, self.comparison.new
        if old.title or new.title:
            if old.title == new.title:
                runs = [Run(new.title)]
            else:
                runs = [r for r in (Run(old.title, change="del"), Run(new.title, change="ins")) if r.text]
            self._add(Para(runs, style="Title"))
        for change, role in self._ordered():
            if role == "normal":
                self.pending = [
                    self.writer.comment(
                        c.author or "(unknown)", c.text if side == "new" else f"[{old.label}] {c.text}", c.date
                    )
                    for side, c in change.comments
                ]
            if role == "moved-from":
                self._whole(change.old, "moveFrom", move=self._move_name(change))
            elif change.moved:
                self._whole(change.new, "moveTo", move=self._move_name(change))
            elif change.kind == "added":
                self._whole(change.new, "ins")
            elif change.kind == "deleted":
                self._whole(change.old, "del")
            elif change.kind == "split":
                self._split(change)
            elif change.kind == "merged":
                self._merge(change)
            else:
                self._pair(change)
        return self.writer.to_bytes()

    def _ordered(self) -> list[tuple[Change, str]]:
        return ordered_changes(self.comparison)

    def _notes(self, para: Paragraph, change: str | None) -> list[Run]:
        return [Run(footnote=self.writer.footnote(note.text), change=change) for note in para.notes]

    def _move_name(self, change: Change) -> str:
        """The name both ends of a move share."""
        return self.move_names.setdefault(id(change), f"move{len(self.move_names) + 1}")

    def _whole(self, paras: list[Paragraph], change: str, move: str | None = None) -> None:
        for index, para in enumerate(paras):
            label = _label(para)
            runs = [Run(label, change=change, tab_after=True)] if label else []
            runs += [Run(para.text, change=change), *self._notes(para, change)]
            self._add(
                Para(
                    runs,
                    style=_style(para),
                    mark=change,
                    hanging=bool(para.label),
                    move_start=(change, move) if move and index == 0 else None,
                    move_end=(change, move) if move and index == len(paras) - 1 else None,
                )
            )

    def _atom_runs(self, atoms: list[tuple[str, str]]) -> list[Run]:
        kinds = {"equal": None, "delete": "del", "insert": "ins"}
        return [Run(text, change=kinds[op]) for op, text in atoms]

    def _pair(self, change: Change) -> None:
        old, new = change.old[0], change.new[0]
        runs = _label_runs(old, new)
        if change.kind == "unchanged" and old.text == new.text:
            runs.append(Run(new.text))
        else:
            runs += self._atom_runs(redline_atoms(change))
        runs += self._notes(new, None)
        self._add(Para(runs, style=_style(new), hanging=bool(new.label)))

    def _split(self, change: Change) -> None:
        atoms = redline_atoms(change)
        if _side(atoms, "new").strip() != " ".join(p.text for p in change.new):
            self._whole(change.old, "del")  # cannot place the breaks: show it whole
            self._whole(change.new, "ins")
            return
        parts = _cut(atoms, [len(p.text) for p in change.new], side="new")
        old = change.old[0]
        for index, (para, piece) in enumerate(zip(change.new, parts, strict=True)):
            first, last = index == 0, index == len(change.new) - 1
            runs = _label_runs(old, para) if first else _label_runs(None, para)
            runs += self._atom_runs(piece) + self._notes(para, None if first else "ins")
            self._add(Para(runs, style=_style(para), mark=None if last else "ins", hanging=bool(para.label)))

    def _merge(self, change: Change) -> None:
        atoms = redline_atoms(change)
        if _side(atoms, "old").strip() != " ".join(p.text for p in change.old):
            self._whole(change.old, "del")
            self._whole(change.new, "ins")
            return
        parts = _cut(atoms, [len(p.text) for p in change.old], side="old")
        new = change.new[0]
        for index, (para, piece) in enumerate(zip(change.old, parts, strict=True)):
            first, last = index == 0, index == len(change.old) - 1
            runs = _label_runs(para, new) if first else _label_runs(para, None)
            runs += self._atom_runs(piece)
            if last:
                runs += self._notes(new, None)
            self._add(Para(runs, style=_style(new), mark=None if last else "del", hanging=bool(new.label)))


def _cut(atoms: list[tuple[str, str]], lengths: list[int], *, side: str) -> list[list[tuple[str, str]]]:
    """Split atoms into paragraphs at the boundaries of one side's text (the
    paragraph texts joined by single spaces; that space is the break and is
    dropped). Atoms of the other side stay with the paragraph they fall in."""
    advancing = ("equal", "delete") if side == "old" else ("equal", "insert")
    joined = "".join(text for op, text in atoms if op in advancing)
    offset = len(joined) - len(joined.lstrip())
    boundaries = []
    for length in lengths[:-1]:
        offset += length
        boundaries.append(offset)
        offset += 1
    parts: list[list[tuple[str, str]]] = [[]]
    position = 0
    skip_space = False  # a boundary fell at the end of an atom: the next one starts with the break
    for op, text in atoms:
        if op not in advancing:
            parts[-1].append((op, text))
            continue
        if skip_space and text[:1].isspace():
            text, position = text[1:], position + 1
        skip_space = False
        while text:
            boundary = boundaries[len(parts) - 1] if len(parts) - 1 < len(boundaries) else None
            if boundary is not None and position + len(text) > boundary:
                cut = boundary - position
                if cut:
                    parts[-1].append((op, text[:cut]))
                rest = text[cut:]
                position = boundary
                if rest[:1].isspace():
                    rest, position = rest[1:], position + 1
                parts.append([])
                text = rest
                continue
            parts[-1].append((op, text))
            position += len(text)
            text = ""
            if boundary is not None and position == boundary:
                parts.append([])
                skip_space = True
    while len(parts) < len(lengths):
        parts.append([])
    return parts


def document(
    comparison: Comparison,
    *,
    author: str = "draftdiff",
    date: dt.datetime | None = None,
    notify: Callable[[str], None] | None = None,
) -> bytes:
    """The new DOCX marked in place when the new draft is a DOCX that can be
    (see docx_marked), otherwise a generated document. ``notify`` hears what
    of the new draft's package was left out, and, once, when tracked changes
    of the new DOCX are accepted rather than kept (docx_marked)."""
    from . import docx_marked

    marked = docx_marked.document(comparison, author=author, date=date, notify=notify)
    if marked is not None:
        return marked
    if notify is not None and comparison.new.format == "docx" and comparison.new.revisions:
        notify(
            f"redline: the new draft's {len(comparison.new.revisions)} tracked changes are accepted in it "
            "(some join paragraphs, which cannot be kept as they are): a new document is generated"
        )
    return _Redline(comparison, author, date).run()


def generated(comparison: Comparison, *, author: str = "draftdiff", date: dt.datetime | None = None) -> bytes:
    """The generated redline, whatever the new draft's format."""
    return _Redline(comparison, author, date).run()
