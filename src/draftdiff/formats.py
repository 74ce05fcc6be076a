"""Formats in: the one table of what draftdiff reads.

Which suffix is which format, which reader module reads it, and which file a
bare draft name picks when a folder holds it in several formats (the richest
source first: Word keeps numbering, comments and tracked changes that a PDF
has flattened). Readers, draft names, the register and refs all ask here.
Adding an input format is one row and one reader module.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class InputFormat:
    name: str  # "docx", "pdf", "markdown", "text": what a ReadResult and the register call it
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the one a bare name tries
    reader: str  # the module of draftdiff.readers that reads it
    layout: bool = False  # a fixed-layout document (pages), read without its markup


# in order of preference, when one draft name exists in several formats
INPUT_FORMATS: tuple[InputFormat, ...] = (
    InputFormat("docx", (".docx",), "docx"),
    InputFormat("markdown", (".md", ".markdown"), "text"),
    InputFormat("text", (".txt", ".text"), "text"),
    InputFormat("pdf", (".pdf",), "pdf", layout=True),
)

_BY_SUFFIX = {suffix: fmt for fmt in INPUT_FORMATS for suffix in fmt.suffixes}

# the suffix a bare draft name ("rev2") is tried with, in order of preference
NAME_SUFFIXES: tuple[str, ...] = tuple(fmt.suffixes[0] for fmt in INPUT_FORMATS)


def by_suffix(suffix: str) -> InputFormat | None:
    """The format a file's suffix names (any case), or None for a suffix we do not read by name."""
    return _BY_SUFFIX.get(suffix.lower())


def format_name(suffix: str, default: str = "text") -> str:
    """The name of the format a suffix names; ``default`` for any other (read as text, or sniffed)."""
    found = by_suffix(suffix)
    return found.name if found else default


def is_document(suffix: str) -> bool:
    """A Word or PDF file (read by its reader), as opposed to text."""
    found = by_suffix(suffix)
    return found is not None and found.name in ("docx", "pdf")
