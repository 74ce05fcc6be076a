"""Readers: one per source format, each ending in :mod:`draftdiff.document.structure`.

:func:`load` picks the reader from the file's content and suffix and returns
a :class:`~draftdiff.document.model.Draft`.
"""

from __future__ import annotations

import bisect
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from .. import execution
from ..document.model import Comment, Draft, Paragraph, ReadWarning, label_from_path
from ..errors import DraftDiffError, InputError
from ..execution import ForkedCallFailed, forked_call, forked_map, other_core_taken, processes_allowed
from ..formats import INPUT_FORMATS
from ..normalize import has_controls
from .result import ReadResult

TEXT_SUFFIXES = {suffix: fmt.name for fmt in INPUT_FORMATS if fmt.reader == "text" for suffix in fmt.suffixes}
SUFFIXES = {suffix: fmt.name for fmt in INPUT_FORMATS for suffix in fmt.suffixes}
MAX_INPUT_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    revisions: str = "accept"  # DOCX tracked changes: accept | reject
    pdf_engine: str = "pdfium"  # pdfium | pdfplumber
    password: str | None = None
    language: str | None = None  # the language OCR reads (ISO or Tesseract code); None: from the document


def sniff(data: bytes) -> str | None:
    """The format a file's bytes say it is, whatever its name."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    return None


_FOREIGN = {
    "ole": (
        "is a legacy Word .doc file or a password-protected document",
        "save it as .docx without a password, or as PDF",
    ),
    "rtf": ("is an RTF file", "save it as .docx or PDF"),
}


def detect_format(path: Path, data: bytes) -> str:
    by_content = sniff(data)
    by_name = SUFFIXES.get(path.suffix.lower())
    if by_content in _FOREIGN:
        message, hint = _FOREIGN[by_content]
        raise InputError(message, path=path, hint=hint)
    if by_name == "docx":
        if by_content == "pdf":
            raise InputError("is a PDF file, not a Word document", path=path, hint="rename it to .pdf")
        if by_content != "zip":
            raise InputError("is not a Word .docx file", path=path, hint="open it in Word and save it as .docx")
        return "docx"
    if by_name == "pdf":
        if by_content == "zip":
            raise InputError("is a ZIP/Word file, not a PDF", path=path, hint="rename it to .docx")
        if by_content != "pdf":
            raise InputError("is not a PDF file (no %PDF header)", path=path, hint="check that the download completed")
        return "pdf"
    if by_name in ("text", "markdown"):
        if by_content in ("pdf", "zip"):
            real = "PDF" if by_content == "pdf" else "ZIP/Word"
            raise InputError(f"is a {real} file, not text", path=path, hint="give it its proper suffix")
        return by_name
    # Unknown or missing suffix: trust the content.
    if by_content == "pdf":
        return "pdf"
    if by_content == "zip":
        return "docx"
    from .text import looks_like_text

    if looks_like_text(data):
        return "text"
    raise InputError(
        f"unsupported file type {path.suffix or '(no suffix)'!r}",
        path=path,
        hint="draftdiff reads .docx, .pdf, .txt and .md drafts",
    )


def read_bytes(path: Path, *, limit: int = MAX_INPUT_BYTES, what: str = "a draft") -> bytes:
    """The file's bytes, at most ``limit`` (MAX_INPUT_BYTES for a draft).
    Only regular files are read: a FIFO would hang and ``/dev/zero`` never
    ends; the cap does not trust ``st_size``. ``what`` the file should be
    names it in the errors."""
    most = f"{limit // (1024 * 1024)} MiB"
    try:
        info = path.stat()
    except FileNotFoundError:
        hint = "check the path or the draft name" if what == "a draft" else "check the path"
        raise InputError("no such file", path=path, hint=hint) from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path=path, hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"is a folder, not {what}", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file (a pipe, a device or a socket)", path=path, hint="give a saved file")
    if info.st_size > limit:
        raise InputError(f"is too large ({info.st_size:,} bytes)", path=path, hint=f"the limit is {most}")
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except PermissionError:
        raise InputError("cannot be read (permission denied)", path=path, hint="check the file's permissions") from None
    except IsADirectoryError:
        raise InputError(f"is a folder, not {what}", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path=path) from None
    if len(data) > limit:
        raise InputError(f"is too large (over {most})", path=path, hint=f"the limit is {most}")
    return data


def _has_controls(block) -> bool:
    texts = [block.text, block.label or "", *(note.text for note in block.notes)]
    return any(has_controls(text) for text in texts)


def load(path: str | Path, *, label: str | None = None, options: ReadOptions | None = None) -> Draft:
    """Read one draft from a .txt, .md, .docx or .pdf file."""
    path = Path(path)
    try:
        return _load(path, label=label, options=options)
    except RecursionError:
        raise InputError(
            "is nested too deeply to read", path=path, hint="refused as a hostile or damaged file"
        ) from None
    except MemoryError:
        raise InputError("is too large to read in memory", path=path) from None


def _read_kind(path: Path) -> str:
    """The kind of reading work a file is, for the execution policy's sizes."""
    suffix = path.suffix.lower()
    return f"read {suffix}" if f"read {suffix}" in execution.WORTH_FROM else "read text"


def load_pair(
    first: str | Path,
    second: str | Path,
    *,
    labels: tuple[str | None, str | None] = (None, None),
    options: ReadOptions | None = None,
    prepare: Callable[[Draft], object] | None = None,
) -> tuple[Draft, Draft]:
    """Read two drafts: side by side on two cores when the files are large
    enough to gain from it (the second in a forked process while this one
    reads the first), else one after the other. Same drafts either way.
    ``prepare`` runs on each draft where it is read (a module-level function:
    a forked reader is sent it; compare tokenises there)."""
    first, second = Path(first), Path(second)
    prepare = prepare or _nothing
    # the forked reader starts no process of its own (a child never does)
    forked = (
        forked_call(_load_prepared, second, labels[1], options, prepare) if _worth_a_process(first, second) else None
    )
    if forked is None:
        return (_load_prepared(first, labels[0], options, prepare), _load_prepared(second, labels[1], options, prepare))
    with forked, other_core_taken():
        first_draft = _load_prepared(first, labels[0], options, prepare)
        try:
            second_draft = cast(Draft, forked.result())
        except ForkedCallFailed:
            # an unreadable file, or a process that died: read it here, so
            # that the user gets exactly the error a single read gives
            second_draft = _load_prepared(second, labels[1], options, prepare)
    return first_draft, second_draft


def _nothing(draft: Draft) -> None:
    """No preparation (a named function: a forked reader is sent it)."""


def _load_prepared(path: Path, label: str | None, options: ReadOptions | None, prepare) -> Draft:
    """Read, then prepare (what prepare caches on the draft travels back from a forked reader)."""
    draft = load(path, label=label, options=options)
    prepare(draft)
    return draft


def load_each(
    paths: list[Path],
    *,
    labels: list[str | None] | None = None,
    options: ReadOptions | None = None,
    prepare: Callable[[Draft], object] | None = None,
) -> list[Draft | DraftDiffError]:
    """Read several drafts (history, trace, refs, stats), each once, on as
    many cores as there are when the files are large enough to gain from it.
    Each item is the draft, or the error its single read gives. ``prepare``
    runs on each draft where it is read, as in load_pair."""
    import os

    labels = labels or [None] * len(paths)
    prepare = prepare or _nothing

    def here(index: int) -> Draft | DraftDiffError:
        try:
            return _load_prepared(paths[index], labels[index], options, prepare)
        except DraftDiffError as exc:
            return exc

    worth = len(paths) > 1 and _worth_a_process(*paths, enough=2)
    calls = [(path, label, options, prepare) for path, label in zip(paths, labels, strict=True)]
    results = forked_map(_load_prepared, calls, min(len(paths), os.cpu_count() or 2)) if worth else None
    if results is None:
        return [here(index) for index in range(len(paths))]
    with other_core_taken():  # a piece read again here starts no process of its own
        return [
            here(index) if isinstance(result, ForkedCallFailed) else cast(Draft, result)
            for index, result in enumerate(results)
        ]


def _worth_a_process(*paths: Path, enough: int | None = None) -> bool:
    """Whether reading these files in forked processes pays (see
    ``execution``): the policy allows it, and every file is large enough (or,
    with ``enough``, at least that many)."""
    if not processes_allowed():
        return False
    try:
        sizes = [path.stat().st_size for path in paths]
    except OSError:
        return False  # the reader will say what is wrong
    large = sum(size >= execution.WORTH_FROM[_read_kind(path)] for size, path in zip(sizes, paths, strict=True))
    return large >= (len(paths) if enough is None else enough)


def _read_text(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    from . import text

    return text.read_with_warnings(path, data)


def _read_markdown(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    from . import text

    return text.read_with_warnings(path, data, markdown=True)


def _read_docx(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    from . import docx

    return docx.read(path, data, revisions=options.revisions)


def _read_pdf(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    from . import pdf

    return pdf.read(path, data, engine=options.pdf_engine, password=options.password, language=options.language)


# format (formats.INPUT_FORMATS names it) -> its reader; every reader returns a ReadResult
_READERS: dict[str, Callable[[Path, bytes, ReadOptions], ReadResult]] = {
    "text": _read_text,
    "markdown": _read_markdown,
    "docx": _read_docx,
    "pdf": _read_pdf,
}


def _load(path: Path, *, label: str | None, options: ReadOptions | None) -> Draft:
    options = options or ReadOptions()
    data = read_bytes(path)
    fmt = detect_format(path, data)
    read = _READERS[fmt](path, data, options)
    blocks = read.blocks
    extra: dict = {"warnings": read.warnings, "furniture": read.furniture}
    if read.revisions or read.comments or fmt == "docx":
        extra.update(revisions=read.revisions, comments=read.comments)
    if any(_has_controls(block) for block in blocks):
        extra["warnings"] = [
            *extra.get("warnings", []),
            ReadWarning(
                "control characters in the text (such as ESC, or a right-to-left override) "
                "are shown as visible escapes: \\x1b, \\u202e"
            ),
        ]
    from ..document.front import strip_adoption_lines, strip_masthead
    from ..document.structure import build

    blocks, masthead = strip_masthead(blocks)
    blocks, adopted = strip_adoption_lines(blocks)
    if masthead or adopted:
        extra["furniture"] = [*masthead, *extra.get("furniture", []), *adopted]
    title, paragraphs = build(blocks)
    if extra.get("comments"):
        _attach_comments(extra["comments"], paragraphs)
    if not paragraphs and not title:
        raise InputError("contains no text", path=path, hint="is it empty, or a scan without a text layer?")
    draft = Draft(
        source=path,
        label=label or label_from_path(path),
        title=title,
        paragraphs=paragraphs,
        format="markdown" if fmt == "markdown" else fmt,
        **extra,
    )
    from ..document.brackets import MAX_DEPTH, MAX_SPANS
    from ..document.brackets import problems as bracket_problems

    # the counts alone: compare and check never need the full bracket counts
    unbalanced, too_deep, too_many = bracket_problems(draft.bracket_texts())
    if unbalanced:
        draft.warnings.append(
            ReadWarning(
                f"{unbalanced} square bracket{'s' if unbalanced > 1 else ''} without a partner "
                "(an opening bracket never closed, or a closing one never opened)"
            )
        )
    if too_deep:
        draft.warnings.append(
            ReadWarning(
                f"{too_deep} paragraph{'s' if too_deep > 1 else ''} with brackets nested more than {MAX_DEPTH} deep: "
                "the inner ones are counted, not listed"
            )
        )
    if too_many:
        draft.warnings.append(
            ReadWarning(
                f"{too_many} paragraph{'s' if too_many > 1 else ''} with more than {MAX_SPANS:,} bracket pairs: "
                f"the first {MAX_SPANS:,} are listed, all are counted"
            )
        )
    return draft


def _attach_comments(comments: list[dict], paragraphs: list[Paragraph]) -> None:
    """Each comment travels with the paragraph it is anchored in; one anchored
    in an empty paragraph goes to the next paragraph with text (or the last),
    so that no position is lost."""
    indexed = sorted(  # by the last body paragraph each takes in: a heading holds its title line's comments
        ((p.location.indexes[-1], n) for n, p in enumerate(paragraphs) if p.location.index is not None),
    )
    keys = [index for index, _ in indexed]
    for comment in comments:
        block = comment.pop("block_index", None)
        comment["paragraph"] = None
        if block is None or not indexed:
            continue
        k = min(bisect.bisect_left(keys, block), len(indexed) - 1)
        para = paragraphs[indexed[k][1]]
        comment["paragraph"] = para.id
        para.comments.append(
            Comment(
                author=comment.get("author", ""),
                text=comment.get("text", ""),
                date=comment.get("date", ""),
                anchor=comment.get("anchor", ""),
                id=comment.get("id", ""),
            )
        )


def load_tracked_versions(path: str | Path, *, label: str | None = None) -> tuple[Draft, Draft]:
    """A DOCX with tracked changes as two drafts: its original and its text
    with every change accepted. This is how a stakeholder's "inputs in track
    changes" are compared: ``draftdiff compare inputs.docx``.
    """
    path = Path(path)
    base = label or label_from_path(path)
    original = load(path, label=f"{base} (original)", options=ReadOptions(revisions="reject"))
    accepted = load(path, label=f"{base} (changes accepted)", options=ReadOptions(revisions="accept"))
    if not accepted.revisions:
        raise InputError(
            "has no tracked changes to compare",
            path=path,
            hint="give two drafts: draftdiff compare OLD NEW",
        )
    return original, accepted
