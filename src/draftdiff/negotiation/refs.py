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

import csv
import dataclasses
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Indel

from ..diff.wording import diff
from ..document.citations import ORD as _ORD
from ..document.citations import Citation, external_after, external_before, find_citations, resolve
from ..document.model import Kind
from ..document.numbering import canonical_id
from ..errors import DraftDiffError, InputError
from ..formats import is_document
from .history import History, Node
from .trace import words as phrase_words

PARTLY_THRESHOLD = 0.7  # word similarity of a partly adopted proposal

_QUOTE_RE = re.compile(r"[\"“]([^\"“”]{3,})[\"”]|(?<![\w])['‘]([^'‘’]{3,}?)['’](?![\w])")
_PROPOSAL_RE = re.compile(
    r"(?P<verb>suggest(?:s|ed)?\s+(?:adding|inserting|including)|propose(?:s|d)?\s+(?:adding|inserting|to add)"
    r"|\badd(?:ing)?\b|\binsert(?:ing)?\b|\breplac(?:e|ing)\b|\bfollowing\s+(?:wording|language|text)"
    r"|\bread(?:s)?\s+as\s+follows|\bamend(?:ed)?\s+to\s+read)",
    re.I,
)
_SENTENCE_RE = re.compile(r"(?<=[.;!?])\s+")


@dataclass
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


@dataclass
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


@dataclass
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


@dataclass
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

    def uptake(self) -> dict[str, dict[str, int]]:
        """Per author or organisation: proposals made, adopted, partly adopted."""
        out: dict[str, dict[str, int]] = {}
        for proposal in self.proposals:
            row = out.setdefault(proposal.comment.who, {"proposals": 0, "adopted": 0, "partly": 0})
            row["proposals"] += 1
            if proposal.status in ("adopted", "partly"):
                row[proposal.status] += 1
        return out

    def to_json(self) -> dict:
        names = self.history.names
        return {
            "schema": "draftdiff.refs/1",
            "on": names[self.on],
            "to": names[self.to],
            "comments": len(self.comments),
            "references": [r.to_json(names) for r in self.references],
            "proposals": [p.to_json(names) for p in self.proposals],
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
    path: Path, *, separator: str | None = None, columns: dict[str, str] | None = None, data: bytes | None = None
) -> list[StakeholderComment]:
    """Comments from a CSV (one a row) or from free text (split on blank
    lines, or on lines equal to ``separator``)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        raw = data if data is not None else _read(path)
        return _csv_comments(path, raw, columns or {})
    if is_document(suffix):
        from ..readers import load

        draft = load(path)
        chunks = [p.display for p in draft.paragraphs]
        if separator:
            return _split("\n\n".join(chunks), separator)
        return [StakeholderComment(k, text) for k, text in enumerate(chunks, 1) if text.strip()]
    raw = data if data is not None else _read(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=path, hint="save the comments as UTF-8") from None
    return _split(text, separator)


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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(f"is not a readable CSV file ({exc})", path=path, hint="save it as CSV, UTF-8") from None
    if not rows:
        raise InputError("has no rows", path=path, hint="a header row, then one comment a row")
    header = [h.strip().casefold() for h in rows[0]]
    where: dict[str, int] = {}
    for role, names in _COLUMNS.items():
        wanted = columns.get(role)
        if wanted:
            if wanted.casefold() not in header:
                raise InputError(f"has no column {wanted!r}", path=path, hint=f"its columns: {', '.join(rows[0])}")
            where[role] = header.index(wanted.casefold())
            continue
        found = next((header.index(n) for n in names if n in header), None)
        if found is not None:
            where[role] = found
    if "text" not in where:
        raise InputError(
            "has no column with the comments' text",
            path=path,
            hint=f"name it text or comment, or give --text-column (its columns: {', '.join(rows[0])})",
        )

    def cell(row: list[str], role: str) -> str:
        k = where.get(role)
        return row[k].strip() if k is not None and k < len(row) else ""

    out: list[StakeholderComment] = []
    for row in rows[1:]:
        if cell(row, "text"):
            out.append(
                StakeholderComment(
                    len(out) + 1, cell(row, "text"), cell(row, "author"), cell(row, "organisation"), cell(row, "date")
                )
            )
    return out


_AUTHOR_LINE_RE = re.compile(r"^(?:from|author|by|submitted by)\s*:\s*(?P<who>.+)$", re.I)
_MD_HEADING_RE = re.compile(r"^#{1,6}\s+(?P<who>.+?)\s*#*$")


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
                author = (heading or named)["who"].strip().strip("*")  # type: ignore[index]
            else:
                body.append(stripped)
        joined = " ".join(part for part in body if part)
        if joined:
            out.append(StakeholderComment(len(out) + 1, joined, author=author))
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
    forward = _forward(history)
    references: list[Reference] = []
    proposals: list[Proposal] = []
    for comment in comments:
        found_here: list[Reference] = []
        for span in find_citations(comment.text):
            reference = _reference(history, comment, span, on, mentions)
            if reference.draft is not None:
                cited = history.drafts[reference.draft]
                reference.then = {i: p.text for i in reference.ids for p in cited.paragraphs if p.id == i}
                for para_id in reference.ids:
                    reference.now[para_id] = _now(history, reference.draft, para_id, to, forward)
            references.append(reference)
            found_here.append(reference)
        proposals += _proposals(history, comment, found_here, to, forward, threshold)
    return Refs(history, on, to, comments, references, proposals)


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


def _mentioned_draft(text: str, span: Citation, mentions) -> int | None:
    """A draft named for this reference: just after it ("of the zero draft"),
    else earlier in the same sentence ("In Rev 3, paragraph 38 …")."""
    after = text[span.end : span.end + 30]
    follow = re.match(r"\s*(?:of|in)\s+(?P<rest>.*)", after, re.S)
    if follow:
        for pattern, index in mentions:
            if pattern.match(follow["rest"]):
                return index
    sentence_start = max([0] + [m.end() for m in _SENTENCE_RE.finditer(text[: span.start])])
    before = text[sentence_start : span.start]
    best: tuple[int, int] | None = None
    for pattern, index in mentions:
        for m in pattern.finditer(before):
            if best is None or m.start() > best[0]:
                best = (m.start(), index)
    return best[1] if best else None


def _reference(history: History, comment: StakeholderComment, span: Citation, on: int, mentions) -> Reference:
    external = external_before(comment.text, span.start) or external_after(comment.text, span.end)
    if span.parts and span.parts[0][0] == "external":
        external = span.parts[0][1]
    if external:
        return Reference(comment, span.text, span.start, span.end, None, [], external=external, found=True)
    mentioned = _mentioned_draft(comment.text, span, mentions)
    draft_index = mentioned if mentioned is not None else on
    draft = history.drafts[draft_index]
    known = draft.ids
    ids: list[str] = []
    missing: list[str] = []
    nearest: list[str] = []
    for kind, value in span.parts:
        try:
            if kind == "id":
                ids += _single(value, known)
            elif kind == "article":
                art, para = value.split("|")
                reference_text = f"article {art}, paragraph {para}" if para else f"article {art}"
                ids += resolve(reference_text, known)[:1]
            elif kind == "range":
                first, last = value.split("|")
                ids += _range(first, last, known)
            elif kind == "family":
                family = [i for i in known if re.fullmatch(rf"{value}(?:{_ORD})?", i, re.I)]
                if not family:
                    raise DraftDiffError(f"no paragraph {value} in the drafts", hint="")
                ids += family
        except DraftDiffError as exc:
            missing.append(value.replace("|", "–"))
            hint = exc.hint or ""
            if hint.startswith("nearest: "):
                nearest += [n.strip() for n in hint[len("nearest: ") :].split(",")]
            elif hint.startswith("it could be "):
                nearest += [n.strip() for n in hint[len("it could be ") :].rstrip(" …").split(",")]
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


def _now(history: History, d: int, para_id: str, to: int, forward) -> Now:
    draft = history.drafts[d]
    index = draft.ids.index(para_id)
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


def _proposals(history, comment: StakeholderComment, references: list[Reference], to: int, forward, threshold: float):
    """Quoted wording a comment proposes for the paragraph it cites."""
    usable = [r for r in references if r.draft is not None and r.ids and not r.external]
    if not usable:
        return []
    out = []
    text = comment.text
    for verb in _PROPOSAL_RE.finditer(text):
        words = _proposed_words(text, verb)
        if not words:
            continue
        # the reference the proposal is about: the nearest before it, else after it
        before = [r for r in usable if r.end <= verb.start()]
        reference = before[-1] if before else min(usable, key=lambda r: abs(r.start - verb.start()))
        for para in reference.ids[:1]:
            proposal = Proposal(comment, reference, para, words)
            assert reference.draft is not None  # only references to a draft are usable
            _uptake(history, proposal, reference.draft, para, to, forward, threshold)
            out.append(proposal)
    # one proposal per distinct wording and paragraph
    unique: dict[tuple[str, str], Proposal] = {}
    for proposal in out:
        unique.setdefault((proposal.para, proposal.words), proposal)
    return list(unique.values())


def _proposed_words(text: str, verb: re.Match) -> str:
    """The wording a proposal puts forward: the quote after "with" for a
    replacement, else the first quote after the verb, else (after "the
    following wording …:") the rest of the comment."""
    after = text[verb.end() :]
    if verb["verb"].lower().startswith("replac"):
        with_part = re.search(r"\bwith\b|\bby\b", after)
        if with_part:
            quote = _QUOTE_RE.search(after, with_part.end())
            if quote:
                return (quote.group(1) or quote.group(2)).strip()
        return ""
    quote = _QUOTE_RE.search(after)
    if quote and quote.start() < 160:
        return (quote.group(1) or quote.group(2)).strip().rstrip(".,;")
    if re.match(r"(?:wording|language|text)?[^:]{0,80}:", after) and "following" in verb["verb"].lower():
        rest = after.split(":", 1)[1].strip().strip("\"'“”‘’")
        return rest if len(rest.split()) >= 2 else ""
    return ""


def _uptake(history, proposal: Proposal, d: int, para: str, to: int, forward, threshold: float) -> None:
    """adopted: the proposed words stand in the paragraph's lineage in a later
    draft; partly: a fuzzy match; else not adopted."""
    wanted = phrase_words(proposal.words)
    if not wanted:
        return
    index = history.drafts[d].ids.index(para)
    frontier = {(d, index)}
    best: tuple[float, int, list[str], str] | None = None
    for later in range(d + 1, to + 1):
        nxt: set[Node] = set()
        for node in frontier:
            nxt.update(t for t in forward.get(node, []) if t[0] == later)
        frontier = nxt
        if not frontier:
            break
        for node in sorted(frontier):
            para_words = phrase_words(history.paragraph(node).text)
            ids = [history.paragraph(node).id]
            if _contains(para_words, wanted):
                proposal.status, proposal.draft, proposal.ids = "adopted", later, ids
                return
            score, matched = _best_window(para_words, wanted)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, later, ids, matched)
    if best is None:
        # words added elsewhere than the paragraph cited ("intergenerational equity" landed in the preamble)
        for later in range(d + 1, to + 1):
            found = [p for p in history.drafts[later].paragraphs if _contains(phrase_words(p.text), wanted)]
            if found:
                proposal.status, proposal.draft, proposal.ids = "adopted", later, [p.id for p in found[:3]]
                return
    if best is not None:
        proposal.status, proposal.draft, proposal.ids, proposal.matched = "partly", best[1], best[2], best[3]


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[k : k + n] == needle for k in range(len(haystack) - n + 1))


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
