"""Stakeholder comments tied to the paragraphs they cite: ``draftdiff refs``.

Comments cite paragraphs loosely, always against the draft that was current
when they were written: "paras 9ter and 42bis", "paragraphs 12 to 14",
"several of the 43s", "In Rev 3, paragraph 38's substitution …". This module

1. reads comments (CSV rows, or free text split on blank lines);
2. finds every reference to a paragraph, and keeps apart references to other
   documents ("GCM, para 15(g)", "76/141, OP31", "SDG target 10.7");
3. resolves each through the lineages of ``history`` to where the paragraph
   is now, and
4. ties quoted wording that a comment proposes to the paragraph it cites,
   and says whether a later draft adopted it.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import csv
import dataclasses
import io
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Indel

from ..diff.wording import diff
from ..document.citations import (
    MAX_LISTED,
    SOFT_PARTS,
    Citation,
    external_after,
    external_before,
    find_citations,
    resolve,
)
from ..document.citations import ORD as _ORD
from ..document.model import Kind
from ..document.numbering import canonical_id
from ..errors import DraftDiffError, InputError
from ..formats import is_document
from ..normalize import visible_controls
from .history import History, Node
from .trace import words as phrase_words

PARTLY_THRESHOLD = 0.7  # word similarity of a partly adopted proposal
# Caps no real comment reaches; each reached is said in a warning (README: refs).
MAX_COMMENTS = 100_000  # comments read from one file: a consultation's worth, several times over
MAX_CITATIONS = 1_000  # references followed in one comment
MAX_PROPOSALS = 1_000  # proposal verbs ("add", "replace", …) read in one comment
PROPOSAL_REACH = 4_000  # characters after its verb in which a proposal's wording is looked for

_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]|(?<![\w])['‘]([^'‘’]{3,}?)['’](?![\w])")
_PROPOSAL_RE = re.compile(
    r"(?P<verb>suggest(?:s|ed)?\s+(?:adding|inserting|including)|propose(?:s|d)?\s+(?:adding|inserting|to add)"
    r"|\badd(?:ing)?\b|\binsert(?:ing)?\b|\breplac(?:e|ing)\b|\bfollowing\s+(?:wording|language|text)"
    r"|\bread(?:s)?\s+as\s+follows|\bamend(?:ed)?\s+to\s+read)",
    re.I,
)
_SENTENCE_RE = re.compile(r"(?<=[.;!?])\s+")


@dataclass(slots=True)  # one per comment or reference: a million rows stay small
class StakeholderComment:
    """A stakeholder's comment on a draft (a row of a CSV, a block of free text) — not
    a DOCX reviewer's comment, which is document.model.Comment."""

    index: int  # from 1, in the order of the file
    text: str
    author: str = ""
    organisation: str = ""
    date: str = ""

    @property
    def who(self) -> str:
        return self.organisation or self.author or "(unknown)"


@dataclass(slots=True)  # one per comment or reference: a million rows stay small
class Now:
    """Where a cited paragraph is in the --to draft."""

    ids: list[str]
    outcome: str  # unchanged, modified, moved, split, merged, deleted
    text: str = ""
    step: str | None = None  # the draft it was deleted in
    segments: list[tuple[str, str]] = field(default_factory=list)  # the wording since then

    def to_json(self) -> dict:
        out: dict = {"ids": self.ids, "outcome": self.outcome}
        if self.step:
            out["step"] = self.step
        if self.text:
            out["text"] = self.text
        if self.outcome in ("modified", "split", "merged") and self.segments:
            out["changes"] = [{"op": op, "text": text} for op, text in self.segments]
        return out


@dataclass(slots=True)  # one per comment or reference: a million rows stay small
class Reference:
    comment: StakeholderComment
    text: str  # the words as written: "paras 9ter and 42bis"
    start: int
    end: int
    draft: int | None  # index in the history; None for another document
    ids: list[str] = field(default_factory=list)
    external: str = ""  # the other document: "GCM", "76/141", "SDG target"
    found: bool = True
    missing: list[str] = field(default_factory=list)  # ids the draft does not have
    nearest: list[str] = field(default_factory=list)
    then: dict[str, str] = field(default_factory=dict)  # each id's text in the draft it cites
    now: dict[str, Now] = field(default_factory=dict)

    def to_json(self, names: list[str]) -> dict:
        out = {
            "comment": self.comment.index,
            "author": self.comment.author,
            "organisation": self.comment.organisation,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "draft": names[self.draft] if self.draft is not None else None,
            "ids": self.ids,
            "external": bool(self.external),
            "found": self.found,
            "then": self.then,
            "now": {k: v.to_json() for k, v in self.now.items()},
        }
        if self.external:
            out["document"] = self.external
        if self.missing:
            out["missing"] = self.missing
            out["nearest"] = self.nearest
        return out


@dataclass(slots=True)  # one per comment or reference: a million rows stay small
class Proposal:
    comment: StakeholderComment
    reference: Reference
    para: str
    words: str
    status: str = "not adopted"  # adopted | partly | not adopted
    draft: int | None = None  # the draft that adopted it (first)
    ids: list[str] = field(default_factory=list)
    matched: str = ""

    def to_json(self, names: list[str]) -> dict:
        out = {
            "comment": self.comment.index,
            "author": self.comment.author,
            "organisation": self.comment.organisation,
            "para": self.para,
            "draft": names[self.reference.draft] if self.reference.draft is not None else None,
            "words": self.words,
            "status": self.status,
            "in": names[self.draft] if self.draft is not None else None,
            "ids": self.ids,
        }
        if self.status == "partly":
            out["matched"] = self.matched
        return out


@dataclass
class Refs:
    history: History
    on: int
    to: int
    comments: list[StakeholderComment]
    references: list[Reference]
    proposals: list[Proposal]
    warnings: list[str] = field(default_factory=list)  # caps reached, one line each

    def uptake(self) -> dict[str, dict[str, int]]:
        """Per author or organisation: proposals made, adopted, partly adopted."""
        out: dict[str, dict[str, int]] = {}
        for proposal in self.proposals:
            row = out.setdefault(proposal.comment.who, {"proposals": 0, "adopted": 0, "partly": 0})
            row["proposals"] += 1
            if proposal.status in ("adopted", "partly"):
                row[proposal.status] += 1
        return out

    def to_json(self, *, lazy: bool = False) -> dict:
        """The JSON contract. ``lazy``: references and proposals as generators,
        for a writer that encodes each as it is made (writers/json.py)."""
        names = self.history.names
        references = (r.to_json(names) for r in self.references)
        proposals = (p.to_json(names) for p in self.proposals)
        return {
            "schema": "draftdiff.refs/1",
            "on": names[self.on],
            "to": names[self.to],
            "comments": len(self.comments),
            "references": references if lazy else list(references),
            "proposals": proposals if lazy else list(proposals),
            "uptake": self.uptake(),
        }


# -- reading comments ---------------------------------------------------------------------

_COLUMNS = {
    "text": ("text", "comment", "comments", "body", "proposal", "message", "input", "content"),
    "author": ("author", "name", "from", "submitted by", "submitter", "commenter"),
    "organisation": ("organisation", "organization", "org", "entity", "delegation", "group", "member state", "party"),
    "date": ("date", "submitted", "when", "timestamp"),
}


def read_comments(
    path: Path,
    *,
    separator: str | None = None,
    columns: dict[str, str] | None = None,
    data: bytes | None = None,
    notify: Callable[[str], None] | None = None,
) -> list[StakeholderComment]:
    """Comments from a CSV (one a row) or from free text (split on blank
    lines, or on lines equal to ``separator``): the first MAX_COMMENTS, and
    ``notify`` hears a line when there were more."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = data if data is not None else _read(path)
        found = _csv_comments(path, raw, columns or {})
    elif is_document(suffix):
        from ..readers import load

        draft = load(path)
        chunks = [p.display for p in draft.paragraphs]
        if separator:
            found = _split("\n\n".join(chunks), separator)
        else:
            texts = (text for text in chunks if text.strip())
            found = [StakeholderComment(k, text) for k, text in enumerate(itertools.islice(texts, MAX_COMMENTS + 1), 1)]
    else:
        raw = data if data is not None else _read(path)
        found = _split(_decode(raw, path, legacy=False), separator)
    if len(found) > MAX_COMMENTS:
        del found[MAX_COMMENTS:]
        if notify is not None:
            notify(
                f"warning: {visible_controls(str(path))}: more than {MAX_COMMENTS:,} comments; "
                f"only the first {MAX_COMMENTS:,} are read"
            )
    return found


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(head: bytes) -> bool:
    """Every other byte NUL, as UTF-16 writes ASCII. A stray NUL in UTF-8 text is a control
    character like another, read and shown as the writers show controls."""
    if head.count(0) < max(2, len(head) // 4):
        return False
    return head[0::2].count(0) >= 0.4 * len(head[0::2]) or head[1::2].count(0) >= 0.4 * len(head[1::2])


def _decode(raw: bytes, path: Path, *, legacy: bool) -> str:
    """A comments file's text: UTF-8 (with a BOM or not), UTF-16 or UTF-32 with
    a BOM (what Excel's "Unicode text" writes), else, for a CSV (``legacy``),
    Windows-1252. Anything else is one clear line."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise InputError(
                    f"is not valid {codec.upper()} text", path=path, hint="save the comments as UTF-8"
                ) from None
    if _looks_utf16(raw[:4096]):  # UTF-16 without its BOM: a NUL in every other byte
        raise InputError(
            "holds NUL bytes: not UTF-8 text (UTF-16 saved without its byte-order mark?)",
            path=path,
            hint="save the comments as UTF-8",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        if legacy:
            return raw.decode("cp1252", "replace")
        raise InputError("is not UTF-8 text", path=path, hint="save the comments as UTF-8") from None


def authors_from(comments: list[StakeholderComment], pattern: str) -> list[StakeholderComment]:
    """The author named inside each comment's text ("Norway: …", "On behalf of the
    G-77 and China, …"): ``pattern`` is a regular expression whose group
    ``author`` (or its first group) names them; the words it matched leave the text."""
    try:
        found_re = re.compile(pattern)
    except re.error as exc:
        raise DraftDiffError(f"--author-from {pattern!r} is not a regular expression ({exc})") from None
    if not found_re.groups:
        raise DraftDiffError(f"--author-from {pattern!r} names no group: use (?P<author>…), e.g. '^(?P<author>[^:]+):'")
    out = []
    for comment in comments:
        m = found_re.search(comment.text)
        if m is None:
            out.append(comment)
            continue
        author = (m.groupdict().get("author") or m.group(1) or "").strip()
        text = (comment.text[: m.start()] + comment.text[m.end() :]).strip()
        out.append(dataclasses.replace(comment, author=author or comment.author, text=text or comment.text))
    return out


def _read(path: Path) -> bytes:
    from ..readers import read_bytes

    return read_bytes(path)


def _csv_comments(path: Path, raw: bytes, columns: dict[str, str]) -> list[StakeholderComment]:
    text = _decode(raw, path, legacy=True)
    first_line = text.split("\n", 1)[0]
    # Excel writes "Unicode text" with tabs, and CSV with semicolons where the comma is a decimal mark
    delimiter = "," if "," in first_line else next((d for d in "\t;" if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        top = next(reader, None)
    except csv.Error as exc:
        raise InputError(f"is not a readable CSV file ({exc})", path=path, hint="save it as CSV, UTF-8") from None
    if top is None:
        raise InputError("has no rows", path=path, hint="a header row, then one comment a row")
    shown = ", ".join(top)
    header = [h.strip().casefold() for h in top]
    where: dict[str, int] = {}
    for role, names in _COLUMNS.items():
        wanted = columns.get(role)
        if wanted:
            if wanted.casefold() not in header:
                raise InputError(f"has no column {wanted!r}", path=path, hint=f"its columns: {shown}")
            where[role] = header.index(wanted.casefold())
            continue
        found = next((header.index(n) for n in names if n in header), None)
        if found is not None:
            where[role] = found
    if "text" not in where:
        raise InputError(
            "has no column with the comments' text",
            path=path,
            hint=f"name it text or comment, or give --text-column (its columns: {shown})",
        )

    def cell(row: list[str], role: str) -> str:
        k = where.get(role)
        return row[k].strip() if k is not None and k < len(row) else ""

    out: list[StakeholderComment] = []
    try:
        for row in reader:  # one row at a time: past the cap nothing more is kept
            if cell(row, "text"):
                out.append(
                    StakeholderComment(
                        len(out) + 1,
                        cell(row, "text"),
                        cell(row, "author"),
                        cell(row, "organisation"),
                        cell(row, "date"),
                    )
                )
                if len(out) > MAX_COMMENTS:
                    break
    except csv.Error as exc:
        raise InputError(f"is not a readable CSV file ({exc})", path=path, hint="save it as CSV, UTF-8") from None
    return out


_AUTHOR_LINE_RE = re.compile(r"^(?:from|author|by|submitted by)\s*:\s*(?P<who>.+)$", re.I)
# The closing hashes ("## Norway ##") are stripped in code: a pattern ending
# ".+?\s*#*$" backtracks quadratically on a heading of 100,000 spaces.
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+(?P<who>.+)$")


def _heading_name(heading: re.Match[str]) -> str:
    """The words of a Markdown heading, without its closing hashes."""
    words = heading["who"]
    return words.rstrip("#").rstrip() or words[:1]


def _split(text: str, separator: str | None) -> list[StakeholderComment]:
    """Free text: a comment per block (blank lines, or a separator line).
    A "From: X" line, or a Markdown heading, names the author of what follows."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        is_break = line.strip() == separator if separator else not line.strip()
        if is_break:
            blocks.append([])
        else:
            blocks[-1].append(line)
    out: list[StakeholderComment] = []
    author = ""
    in_note = False
    for block in blocks:
        body = []
        for line in block:
            stripped = line.strip()
            # an HTML comment (<!-- ... -->) is a note to the reader, not a comment
            if stripped.startswith("<!--") or in_note:
                in_note = "-->" not in stripped
                continue
            heading = _MD_HEADING_RE.match(stripped)
            named = _AUTHOR_LINE_RE.match(stripped)
            if heading and stripped.startswith("# "):
                continue  # the document's title
            if heading or named:
                who = _heading_name(heading) if heading else named["who"]  # type: ignore[index]
                author = who.strip().strip("*")
            else:
                body.append(stripped)
        joined = " ".join(part for part in body if part)
        if joined:
            out.append(StakeholderComment(len(out) + 1, joined, author=author))
            if len(out) > MAX_COMMENTS:
                break
    return out


# -- the whole run ----------------------------------------------------------------------------


def refs(
    history: History,
    comments: list[StakeholderComment],
    *,
    on: int,
    to: int | None = None,
    draft_names: dict[str, int] | None = None,
    threshold: float = PARTLY_THRESHOLD,
) -> Refs:
    """Every reference of ``comments`` (written on draft ``on``), resolved to
    draft ``to`` (default: the last), and every proposal's uptake.
    ``draft_names`` maps how people name the drafts ("zero draft", "Rev.3")
    to their index; the history's names and labels are always known."""
    to = len(history.drafts) - 1 if to is None else to
    mentions = _draft_mentions(history, draft_names or {})
    follow = _Follow(history, to, threshold)
    references: list[Reference] = []
    proposals: list[Proposal] = []
    warnings: list[str] = []
    for comment in comments:
        spans = find_citations(comment.text, limit=MAX_CITATIONS)
        if len(spans) > MAX_CITATIONS:
            spans = spans[:MAX_CITATIONS]
            warnings.append(
                f"comment {comment.index} cites paragraphs more than {MAX_CITATIONS:,} times: "
                f"only its first {MAX_CITATIONS:,} references are followed"
            )
        if any(_listed(span) >= MAX_LISTED for span in spans):
            warnings.append(
                f"comment {comment.index} lists more than {MAX_LISTED:,} paragraph numbers after one "
                f'"paras": the numbers after the {MAX_LISTED:,}th are not read'
            )
        before = _NamedBefore(comment.text, mentions)
        found_here: list[Reference] = []
        for span in spans:
            reference = _reference(follow, comment, span, on, mentions, before)
            if not reference.ids and not reference.external and all(k in SOFT_PARTS for k, _ in span.parts):
                continue  # "COVID-19", "Figure 3": words and a number, but no provision of the draft
            if reference.draft is not None:
                reference.then = follow.then(reference.draft, reference.ids)
                for para_id in reference.ids:
                    reference.now[para_id] = follow.now(reference.draft, para_id)
            references.append(reference)
            found_here.append(reference)
        proposals += _proposals(follow, comment, found_here, warnings)
    return Refs(history, on, to, comments, references, proposals, warnings)


def _listed(span: Citation) -> int:
    """How many numbers a citation lists ("paras 12 to 14 and 16": three)."""
    return sum(2 if kind == "range" else 1 for kind, _ in span.parts if kind in ("id", "range"))


class _Follow:
    """What every reference of a run asks of the drafts, worked out once: a
    draft's ids, a reference's resolution, a paragraph's fate in the --to
    draft, a proposal's uptake. A thousand comments citing "para 38" cost one."""

    def __init__(self, history: History, to: int, threshold: float) -> None:
        self.history = history
        self.to = to
        self.threshold = threshold
        self.forward = _forward(history)
        self._ids: dict[int, list[str]] = {}
        self._positions: dict[int, dict[str, int]] = {}
        self._parts: dict[tuple[int, str, str], tuple[list[str], str, list[str]]] = {}
        self._now: dict[tuple[int, str], Now] = {}
        self._uptake: dict[tuple[int, str, str], tuple[str, int | None, list[str], str]] = {}
        self._words: dict[int, list[list[str]]] = {}
        self._postings: dict[int, dict[str, list[int]]] = {}

    def ids(self, d: int) -> list[str]:
        found = self._ids.get(d)
        if found is None:
            found = self._ids[d] = self.history.drafts[d].ids
        return found

    def position(self, d: int, para_id: str) -> int:
        """Where a paragraph stands in its draft (the first of an id, as list.index finds it)."""
        found = self._positions.get(d)
        if found is None:
            found = {}
            for k, i in enumerate(self.ids(d)):
                found.setdefault(i, k)
            self._positions[d] = found
        return found[para_id]

    def then(self, d: int, ids: list[str]) -> dict[str, str]:
        draft = self.history.drafts[d]
        out = {}
        for i in ids:
            paragraph = draft.get(i)
            if paragraph is not None:
                out[i] = paragraph.text
        return out

    def now(self, d: int, para_id: str) -> Now:
        key = (d, para_id)
        found = self._now.get(key)
        if found is None:
            found = self._now[key] = _now(self.history, d, self.position(d, para_id), self.to, self.forward)
        return found

    def part(self, d: int, kind: str, value: str) -> tuple[list[str], str, list[str]]:
        """(ids, missing, nearest) of one part of a reference in draft ``d``."""
        key = (d, kind, value)
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = _part(kind, value, self.ids(d))
        return found

    def paragraph_words(self, d: int) -> list[list[str]]:
        found = self._words.get(d)
        if found is None:
            found = self._words[d] = [phrase_words(p.text) for p in self.history.drafts[d].paragraphs]
        return found

    def holding(self, d: int, word: str) -> list[int]:
        """The paragraphs of draft ``d`` that hold a word."""
        postings = self._postings.get(d)
        if postings is None:
            postings = {}
            for k, words in enumerate(self.paragraph_words(d)):
                for w in dict.fromkeys(words):
                    postings.setdefault(w, []).append(k)
            self._postings[d] = postings
        return postings.get(word, [])


@dataclass
class RefsView:
    """References as a writer shows them."""

    refs: Refs


def _draft_mentions(history: History, extra: dict[str, int]) -> list[tuple[re.Pattern[str], int]]:
    names: dict[str, int] = {}
    for index, (name, draft) in enumerate(zip(history.names, history.drafts, strict=True)):
        names[name] = index
        names[draft.label] = index
    names.update(extra)
    out = []
    for name, index in sorted(names.items(), key=lambda item: -len(item[0])):
        spaced = r"[\s._-]*".join(re.escape(part) for part in re.split(r"[\s._-]+", name.strip()) if part)
        if not spaced:
            continue
        out.append((re.compile(rf"(?<![\w])(?:the\s+)?{spaced}(?:\s+draft)?(?![\w])", re.I), index))
    return out


def _mentioned_draft(text: str, span: Citation, mentions, before: _NamedBefore) -> int | None:
    """A draft named for this reference: just after it ("of the zero draft"),
    else earlier in the same sentence ("In Rev 3, paragraph 38 …")."""
    after = text[span.end : span.end + 30]
    follow = re.match(r"\s*(?:of|in)\s+(?P<rest>.*)", after, re.S)
    if follow:
        for pattern, index in mentions:
            if pattern.match(follow["rest"]):
                return index
    return before.draft_before(span.start)


class _NamedBefore:
    """The draft named last in the sentence before a position of a comment.
    Positions are asked in order, so the comment's sentence breaks and the
    mentions of each draft name are read once, as the positions advance:
    one pass over a long comment, not one per reference."""

    def __init__(self, text: str, mentions: list[tuple[re.Pattern[str], int]]) -> None:
        self.text = text
        self.mentions = mentions
        self.started = False  # most comments never ask: nothing is read until one does

    def _start(self) -> None:
        self.started = True
        self.breaks = _SENTENCE_RE.finditer(self.text)
        self.next_break = next(self.breaks, None)
        self.break_end = 0  # where the last sentence break before the position ends
        self.scans = [(pattern.finditer(self.text), index) for pattern, index in self.mentions]
        self.pending = [next(scan, None) for scan, _ in self.scans]
        self.last: list[re.Match[str] | None] = [None] * len(self.scans)  # per name, its last mention wholly before

    def draft_before(self, position: int) -> int | None:
        if not self.started:
            self._start()
        while self.next_break is not None and self.next_break.start() < position:
            self.break_end = self.next_break.end()
            self.next_break = next(self.breaks, None)
        sentence_start = min(self.break_end, position)
        best: tuple[int, int] | None = None
        for k, (scan, index) in enumerate(self.scans):
            m = self.pending[k]
            while m is not None and m.end() <= position:
                self.last[k] = m
                m = next(scan, None)
            self.pending[k] = m
            last = self.last[k]
            # the latest mention wins; at one place, the longest name (the first pattern)
            if last is not None and last.start() >= sentence_start and (best is None or last.start() > best[0]):
                best = (last.start(), index)
        return best[1] if best else None


def _reference(
    follow: _Follow, comment: StakeholderComment, span: Citation, on: int, mentions, before: _NamedBefore
) -> Reference:
    external = external_before(comment.text, span.start) or external_after(comment.text, span.end)
    if span.parts and span.parts[0][0] == "external":
        external = span.parts[0][1]
    if external:
        return Reference(comment, span.text, span.start, span.end, None, [], external=external, found=True)
    mentioned = _mentioned_draft(comment.text, span, mentions, before)
    draft_index = mentioned if mentioned is not None else on
    ids: list[str] = []
    missing: list[str] = []
    nearest: list[str] = []
    for kind, value in span.parts:
        found, gone, near = follow.part(draft_index, kind, value)
        ids += found
        if gone:
            missing.append(gone)
            nearest += near
    ids = list(dict.fromkeys(ids))
    return Reference(
        comment,
        span.text,
        span.start,
        span.end,
        draft_index,
        ids,
        found=not missing,
        missing=missing,
        nearest=list(dict.fromkeys(nearest))[:5],
    )


def _part(kind: str, value: str, known: list[str]) -> tuple[list[str], str, list[str]]:
    """(ids, missing, nearest) of one part of a reference: the ids it names,
    or what is missing ("42–44") and the nearest ids there are."""
    try:
        if kind == "id":
            return _single(value, known), "", []
        if kind == "article":
            art, para = value.split("|")
            reference_text = f"article {art}, paragraph {para}" if para else f"article {art}"
            return resolve(reference_text, known)[:1], "", []
        if kind == "range":
            first, last = value.split("|")
            return _range(first, last, known), "", []
        if kind in ("worded", "code", "roman"):
            return _worded(value, known), "", []
        if kind == "named":
            word, number = value.split("|")
            for name in dict.fromkeys((word, word[:-1] if word.endswith("s") else word)):  # "Tenets 8 and 9"
                try:
                    return resolve(f"{name} {number}", known)[:1], "", []
                except DraftDiffError:
                    continue
            raise DraftDiffError(f"no paragraph {word} {number} in the drafts", hint="")
        if kind == "family":
            family = [i for i in known if re.fullmatch(rf"{value}(?:{_ORD})?", i, re.I)]
            if not family:
                raise DraftDiffError(f"no paragraph {value} in the drafts", hint="")
            return family, "", []
    except DraftDiffError as exc:
        hint = exc.hint or ""
        nearest: list[str] = []
        if hint.startswith("nearest: "):
            nearest = [n.strip() for n in hint[len("nearest: ") :].split(",")]
        elif hint.startswith("it could be "):
            nearest = [n.strip() for n in hint[len("it could be ") :].rstrip(" …").split(",")]
        return [], value.replace("|", "–"), nearest
    return [], "", []


def _worded(value: str, known: list[str]) -> list[str]:
    """ "Annex II, paragraph 4(a)": the annex's paragraph, else, in a draft that numbers
    its annex's paragraphs without the annex (``4(a)``), the paragraph named after it."""
    try:
        return resolve(value, known)[:1]
    except DraftDiffError as as_written:
        error = as_written  # the reference as written, with its nearest ids, if the rest names nothing either
    inner = value.partition(",")[2].strip()
    if inner:
        with contextlib.suppress(DraftDiffError):
            return resolve(inner, known)[:1]
    raise error


def _single(value: str, known: list[str]) -> list[str]:
    value = value.strip()
    if value.upper().startswith("OP"):
        value = value[2:].strip()
    found = resolve(value, known)
    return found[:1]  # the paragraph itself; an article reference keeps its contents out


def _range(first: str, last: str, known: list[str]) -> list[str]:
    start, end = _single(first, known)[0], _single(last, known)[0]
    a, b = known.index(start), known.index(end)
    if b < a:
        a, b = b, a
    # every paragraph between at the level of the first, bis and ter included; sub-paragraphs are inside them
    container = start.rsplit(".", 1)[0] + "." if "." in start else ""
    return [
        i
        for i in known[a : b + 1]
        if "(" not in i and i.startswith(container) and re.match(r"^(?:PP|Art[\w]*\.)?\d", i)
    ]


def _forward(history: History) -> dict[Node, list[Node]]:
    out: dict[Node, list[Node]] = {}
    for link in history.links:
        out.setdefault(link.source, []).append(link.target)
    return out


def _descendants(node: Node, to: int, forward: dict[Node, list[Node]]) -> tuple[list[Node], int | None]:
    """The paragraphs of draft ``to`` that ``node`` became, and, when there are
    none, the draft it disappeared in."""
    frontier = {node}
    gone_in = None
    for _ in range(to - node[0] + 1):
        if all(n[0] >= to for n in frontier):
            break
        nxt: set[Node] = set()
        for n in frontier:
            if n[0] >= to:
                nxt.add(n)
                continue
            targets = forward.get(n, [])
            if not targets and gone_in is None:
                gone_in = n[0] + 1
            nxt.update(t for t in targets if t[0] <= to)
        frontier = nxt
        if not frontier:
            break
    return sorted(n for n in frontier if n[0] == to), gone_in


def _now(history: History, d: int, index: int, to: int, forward) -> Now:
    draft = history.drafts[d]
    para_id = draft.paragraphs[index].id
    if d == to:
        return Now([para_id], "unchanged", draft.paragraphs[index].text)
    if draft.paragraphs[index].kind is Kind.HEADING:
        unit = _unit_now(history, d, draft.paragraphs[index], to)
        if unit is not None:
            return unit
    nodes, gone_in = _descendants((d, index), to, forward)
    if not nodes:
        step = history.names[gone_in] if gone_in is not None else None
        return Now([], "deleted", step=step)
    target = history.drafts[to]
    ids = [target.paragraphs[i].id for _, i in nodes]
    text = " ".join(target.paragraphs[i].text for _, i in nodes)
    old = draft.paragraphs[index].text
    segments = diff(old, text).segments
    if len(nodes) > 1:
        outcome = "split"
    elif _merged(history, nodes[0], d, (d, index)):
        outcome = "merged"
    elif text != old:
        outcome = "modified"
    elif ids != [para_id]:
        outcome = "moved"
    else:
        outcome = "unchanged"
    return Now(ids, outcome, text, segments=segments)


def _unit_now(history: History, d: int, heading, to: int) -> Now | None:
    """An article cited by its heading ("a comment on Article 5") is followed as
    a unit, through renumbering and retitling: its heading in draft ``to``, or
    the draft it was deleted in. None when the heading names no unit."""
    key = heading.id  # a heading opens its unit (diff/sections.unit_keys)
    found = heading
    for step in range(d, to):
        pairs = {u.old_key: u for u in history.steps[step].comparison.sections}
        unit = pairs.get(key)
        if unit is None:
            return None
        if not unit.new_key:
            return Now([], "deleted", step=history.names[step + 1])
        key, found = unit.new_key, unit.new
    if found is None:
        return None
    outcome = "unchanged" if found.id == heading.id and found.text == heading.text else "moved"
    if found.text != heading.text:
        outcome = "modified"
    return Now([found.id], outcome, found.text, segments=diff(heading.text, found.text).segments)


def _merged(history: History, node: Node, d: int, origin: Node) -> bool:
    """The paragraph of the --to draft came from several paragraphs of draft d."""
    lineage = history.lineage_of(node)
    if lineage is None:
        return False
    sources = lineage.nodes.get(d, [])
    return len(sources) > 1 and origin[1] in sources


# -- proposals ----------------------------------------------------------------------------------


def _proposals(
    follow: _Follow, comment: StakeholderComment, references: list[Reference], warnings: list[str]
) -> list[Proposal]:
    """Quoted wording a comment proposes for the paragraph it cites: one
    proposal per distinct wording and paragraph."""
    usable = [r for r in references if r.draft is not None and r.ids and not r.external]
    if not usable:
        return []
    # references do not overlap, so their ends are in order as their starts are
    starts = [r.start for r in usable]
    ends = [r.end for r in usable]
    unique: dict[tuple[str, str], Proposal] = {}
    text = comment.text
    for count, verb in enumerate(_PROPOSAL_RE.finditer(text)):
        if count == MAX_PROPOSALS:
            warnings.append(
                f"comment {comment.index} has more than {MAX_PROPOSALS:,} proposal verbs "
                f"(add, insert, replace …): only the first {MAX_PROPOSALS:,} are read"
            )
            break
        words, cut = _proposed_words(text, verb)
        if not words:
            continue
        if cut:
            warnings.append(
                f"comment {comment.index}: the wording proposed after {verb.group()!r} is longer than "
                f"{PROPOSAL_REACH:,} characters: its first {PROPOSAL_REACH:,} are compared"
            )
        # the reference the proposal is about: the nearest before it, else the nearest after it
        k = bisect.bisect_right(ends, verb.start())
        if k:
            reference = usable[k - 1]
        else:
            j = bisect.bisect_left(starts, verb.start())
            near = usable[max(0, j - 1) : j + 1]
            reference = min(near, key=lambda r: abs(r.start - verb.start()))
        para = reference.ids[0]
        if (para, words) in unique:
            continue
        proposal = Proposal(comment, reference, para, words)
        assert reference.draft is not None  # only references to a draft are usable
        _uptake(follow, proposal, reference.draft, para)
        unique[(para, words)] = proposal
    return list(unique.values())


def _proposed_words(text: str, verb: re.Match) -> tuple[str, bool]:
    """The wording a proposal puts forward: the quote after "with" for a
    replacement, else the first quote after the verb, else (after "the
    following wording …:") the rest of the comment; and whether it was cut.
    Only PROPOSAL_REACH characters after the verb are read: each verb costs
    the same, however long the comment."""
    after = text[verb.end() : verb.end() + PROPOSAL_REACH]
    if verb["verb"].lower().startswith("replac"):
        with_part = re.search(r"\bwith\b|\bby\b", after)
        if with_part:
            quote = _QUOTE_RE.search(after, with_part.end())
            if quote:
                return (quote.group(1) or quote.group(2)).strip(), False
        return "", False
    quote = _QUOTE_RE.search(after)
    if quote and quote.start() < 160:
        return (quote.group(1) or quote.group(2)).strip().rstrip(".,;"), False
    if re.match(r"(?:wording|language|text)?[^:]{0,80}:", after) and "following" in verb["verb"].lower():
        rest = after.split(":", 1)[1].strip().strip("\"'“”‘’")
        cut = len(text) - verb.end() > PROPOSAL_REACH
        if cut:
            rest = rest.rsplit(None, 1)[0] if " " in rest else rest  # not half a word
        return (rest, cut) if len(rest.split()) >= 2 else ("", False)
    return "", False


def _uptake(follow: _Follow, proposal: Proposal, d: int, para: str) -> None:
    """adopted: the proposed words stand in the paragraph's lineage in a later
    draft; partly: a fuzzy match; else not adopted. Worked out once per
    paragraph and wording: comments that repeat a proposal share it."""
    key = (d, para, proposal.words)
    found = follow._uptake.get(key)
    if found is None:
        found = follow._uptake[key] = _uptake_of(follow, proposal.words, d, para)
    proposal.status, proposal.draft, proposal.ids, proposal.matched = found[0], found[1], list(found[2]), found[3]


def _uptake_of(follow: _Follow, words: str, d: int, para: str) -> tuple[str, int | None, list[str], str]:
    """(status, draft, ids, matched) of a proposed wording for paragraph ``para`` of draft ``d``."""
    history, to, forward = follow.history, follow.to, follow.forward
    wanted = phrase_words(words)
    if not wanted:
        return "not adopted", None, [], ""
    frontier = {(d, follow.position(d, para))}
    best: tuple[float, int, list[str], str] | None = None
    for later in range(d + 1, to + 1):
        nxt: set[Node] = set()
        for node in frontier:
            nxt.update(t for t in forward.get(node, []) if t[0] == later)
        frontier = nxt
        if not frontier:
            break
        for node in sorted(frontier):
            para_words = follow.paragraph_words(later)[node[1]]
            ids = [history.paragraph(node).id]
            if _contains(para_words, wanted):
                return "adopted", later, ids, ""
            score, matched = _best_window(para_words, wanted)
            if score >= follow.threshold and (best is None or score > best[0]):
                best = (score, later, ids, matched)
    if best is None:
        # words added elsewhere than the paragraph cited ("intergenerational equity" landed in the preamble)
        for later in range(d + 1, to + 1):
            rarest = min(dict.fromkeys(wanted), key=lambda w: len(follow.holding(later, w)))
            paragraphs = history.drafts[later].paragraphs
            texts = follow.paragraph_words(later)
            found = [paragraphs[k].id for k in follow.holding(later, rarest) if _contains(texts[k], wanted)]
            if found:
                return "adopted", later, found[:3], ""
    if best is not None:
        return "partly", best[1], best[2], best[3]
    return "not adopted", None, [], ""


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(haystack[k] == first and haystack[k : k + n] == needle for k in range(len(haystack) - n + 1))


def _best_window(haystack: list[str], needle: list[str]) -> tuple[float, str]:
    """The window of the paragraph closest to the proposed words, compared by
    lemma: "to pursue efforts" and "pursuing efforts" are the same proposal."""
    from ..phrases import lemma

    n = len(needle)
    needle_lemmas = [lemma(w) for w in needle]
    lemmas = [lemma(w) for w in haystack]
    best = (0.0, "")
    for length in range(max(1, n - 3), n + 4):
        for k in range(0, max(1, len(haystack) - length + 1)):
            score = Indel.normalized_similarity(needle_lemmas, lemmas[k : k + length])
            if score > best[0]:
                best = (score, " ".join(haystack[k : k + length]))
    return best


def names_of(entries: Iterable) -> dict[str, int]:
    """How people name the drafts of a register: names, labels, aliases."""
    out: dict[str, int] = {}
    for index, entry in enumerate(entries):
        for name in (entry.name, entry.label, *entry.aliases):
            out[name] = index
    return out


def canonical(text: str) -> str:
    return canonical_id(text)
