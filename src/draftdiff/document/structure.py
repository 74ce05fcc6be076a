"""Turn a reader's blocks of text into the paragraphs of a :class:`Draft`.

Every reader (text, DOCX, PDF) ends in the same place: a list of blocks, each
one paragraph as a reader of the page sees it. This module finds their
numbers, headings and sections and gives each a unique, stable id, so that
the three readers agree on what the paragraphs of one draft are.

Id rules (documented in the README):

* numbered paragraphs: the canonical number (``42ter``, ``PP3``, ``1.2``);
* sub-paragraphs: parent id + token (``12(a)``, ``12(a)(i)``);
* numbered headings: ``I``, ``II.A`` (letter heading under a roman one),
  ``Ch2``, ``AnnexI``;
* a paragraph number that repeats because numbering restarted (an annex, a
  new decision) is qualified by the scope heading above it: ``Annex I/1``;
  with no such heading, by the run: ``#2/1``. A plain duplicate gets ``#2``;
* unnumbered paragraphs and headings: the id of the last numbered paragraph
  and a counter, ``12~1``, ``12~2`` (``~1`` before any number), so inserting
  a paragraph elsewhere leaves them unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import clean_text
from .model import Kind, Location, Note, Paragraph
from .numbering import (
    is_roman,
    letter_value,
    match_heading_number,
    match_para,
    match_sub,
    roman_value,
)


@dataclass
class Block:
    text: str
    location: Location = field(default_factory=Location)
    # A number the source displays outside the text (a Word list number).
    label: str | None = None
    # Heading level known from the source (style, markdown "#"); 0 means
    # "known not to be a heading", None means "decide from the text".
    heading: int | None = None
    notes: list[Note] = field(default_factory=list)
    bullet: bool = False
    title: bool = False  # the reader found the document's title here
    toc: bool = False  # a line of a table of contents: text, never a heading or a label


_SCOPE_RE = re.compile(
    r"^(?P<name>(?:Annex|Appendix|Attachment|Decision|Chapter|Part|Article|Schedule|Section)"
    r"\s+[\w./-]*\w)",
    re.I,
)
_HEADING_MAX_WORDS = 16
_SCOPE_LINE_RE = re.compile(r"^(?:Annex|Appendix|Attachment|Schedule)\s+(?:[IVXLC]+|\d{1,3}|[A-Z])\.?$", re.I)


_BARE_SCOPE_RE = re.compile(r"^(?P<name>Annex|Appendix|Attachment|Schedule)\.?$", re.I)


def scope_heading(text: str) -> str | None:
    """The scope a heading opens for restarted numbering: "Annex I", "Decision 2/CMA.3", "Annex"."""
    m = _SCOPE_RE.match(text) or _BARE_SCOPE_RE.match(text.strip())
    return m["name"].rstrip(".:") if m else None


def looks_like_heading(text: str) -> bool:
    """A short line without closing punctuation, starting with a capital.

    A line numbered like a heading ("X. Rule 10: ...") may be longer.
    """
    numbered = match_heading_number(text) is not None
    if not text or len(text) > (300 if numbered else 160):
        return False
    words = text.split()
    if len(words) > (_HEADING_MAX_WORDS * 2 if numbered else _HEADING_MAX_WORDS):
        return False
    if text[-1] in ".,;:" and not re.search(r"\b[IVXLC]+\.$", text):
        return False
    first = text.lstrip("“\"'‘(")[:1]
    return first.isupper() or first.isdigit()


# Scope headings open a container for restarted numbering. A new heading
# closes the open scopes of its rank and below: an article closes the
# article before it, an annex closes the parts and articles before it.
_SCOPE_RANK = {
    "decision": 0,
    "annex": 1,
    "appendix": 1,
    "attachment": 1,
    "schedule": 1,
    "part": 2,
    "chapter": 2,
    "section": 3,
    "article": 4,
}
_SCOPE_KEY = {"decision": "Dec", "appendix": "App", "chapter": "Ch", "section": "Sec", "article": "Art"}


@dataclass(eq=False)
class _Scope:
    kind: str  # "article", "annex" ...
    key: str  # what qualifies the ids inside it: "Art6", "AnnexII", "Dec2/CMA.3"
    rank: int
    final: str = ""  # the heading's id once qualified: "AnnexVI.Art1"


def _scope_of(text: str, heading_id: str) -> _Scope | None:
    name = scope_heading(text)
    if not name:
        return None
    word = name.split()[0].lower()
    if heading_id and not heading_id.startswith("~") and "~" not in heading_id:
        key = heading_id
    else:
        key = _SCOPE_KEY.get(word, word.capitalize()) + re.sub(r"\s+", "", name[len(word) :])
    return _Scope(word, key, _SCOPE_RANK[word])


@dataclass(eq=False)
class _Item:
    """A paragraph whose id is not known yet: ids depend on the whole document."""

    para: Paragraph
    role: str  # "numbered" | "sub" | "heading" (with its own number) | "positional"
    base: str = ""  # numbered: "42bis"; sub: "(a)"; heading: "II.A", "Art6"
    value: int = 0
    scopes: tuple[_Scope, ...] = ()
    parent: _Item | None = None  # sub: the paragraph it belongs to
    anchor: _Item | None = None  # positional: the paragraph it counts from
    count: int = 0
    run: int = 1  # numbering run, for restarts that no heading names
    scope: _Scope | None = None  # the scope a heading opens
    title_like: bool = False
    section_item: _Item | None = None  # the heading the paragraph sits under


class _Builder:
    """First pass: kinds, labels, sections, parents and scopes, in document order."""

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.section = ""
        self.section_item: _Item | None = None
        self.roman_heading: str | None = None  # id of the current "II." heading
        self.last_heading_letter: str | None = None
        self.last_heading_roman = 0
        self.scopes: list[_Scope] = []
        self.last_value = 0  # the last plain paragraph number, to tell 1900. from a year
        # positional ids
        self.anchor: _Item | None = None
        self.anchor_count = 0
        # sub-paragraph context
        self.parent: _Item | None = None
        self.letter: str | None = None  # current letter token
        self.letter_value = 0
        self.roman_value = 0

    def _add(self, role: str, label: str, kind: Kind, text: str, block: Block, close: str = "", **extra) -> _Item:
        para = Paragraph(
            id="",
            label=label,
            kind=kind,
            text=text,
            section=self.section,
            location=block.location,
            notes=list(block.notes),
            close=close,
        )
        item = _Item(para, role, scopes=tuple(self.scopes), section_item=self.section_item, **extra)
        self.items.append(item)
        return item

    def _positional(self, label: str, kind: Kind, text: str, block: Block) -> _Item:
        self.anchor_count += 1
        return self._add("positional", label, kind, text, block, anchor=self.anchor, count=self.anchor_count)

    def _set_anchor(self, item: _Item) -> None:
        self.anchor = item
        self.anchor_count = 0

    # -- blocks ----------------------------------------------------------
    def add(self, block: Block) -> None:
        text = clean_text(block.text)
        label_text = clean_text(block.label) if block.label else ""
        if not text and not label_text:
            return
        if block.bullet:
            self._unnumbered(text, block, label="")
            return
        full = f"{label_text} {text}".strip() if label_text else text
        strict = not label_text
        if block.toc or _TOC_ENTRY_RE.search(full):
            # a table of contents line ("Article 3. Breadth . . . . 24") names a heading, it is not one
            self._unnumbered(full, block, label="")
            return
        word_number = match_para(full, strict=strict) if block.heading is None else None
        if word_number and (
            word_number.number.form == "heading"
            or (word_number.number.prefix == "Art" and _article_title(word_number.rest))
        ):
            self._heading(full, block)  # "ANNEX II GUIDELINES FOR …", "Article 2 Legal status of …", however long
            return
        if _BARE_SCOPE_RE.match(full) or _SCOPE_LINE_RE.match(full):
            self._heading(full, block)  # "Annex", "Annex II" alone on a line: a container, however styled
            return
        if block.heading or (block.heading is None and self._heading_candidate(full)):
            self._heading(full, block)
            return
        if self._sub(full, block, strict):
            return
        if self._numbered(full, block, strict):
            return
        if label_text:
            # A list number we cannot read as a paragraph number ("•", "-"):
            # keep it as printed.
            self._unnumbered(text, block, label=label_text)
            return
        self._unnumbered(text, block, label="")

    def _heading_candidate(self, text: str) -> bool:
        if not looks_like_heading(text):
            return False
        if match_sub(text):
            return False
        m = match_para(text)
        # "12. Short sentence" is a paragraph, "Article 3" a heading.
        return not (m and m.number.form == "para" and m.number.prefix != "Art")

    def _heading(self, text: str, block: Block) -> None:
        label = pid = ""
        found = match_heading_number(text)
        if found:
            tok, label, _ = found
            # "B. Draft decision" after the last article: the articles and sections are over
            self.scopes = [s for s in self.scopes if s.rank < _SCOPE_RANK["section"]]
            if self._is_letter_heading(tok):
                self.last_heading_letter = tok
                pid = f"{self.roman_heading}.{tok}" if self.roman_heading else tok
            else:
                self.last_heading_roman = roman_value(tok)
                self.roman_heading = tok
                self.last_heading_letter = None
                pid = tok
        else:
            strict = not block.label
            m = match_para(text, strict=strict)
            if m and (m.number.form == "heading" or m.number.prefix == "Art"):
                label, pid = m.label, m.number.id
            elif m or match_sub(text):
                # A heading numbered like a paragraph ("1.1 Scope", "(a) Terms"): keep its number.
                self.section = text
                if m:
                    self._numbered(text, block, strict=strict, kind=Kind.HEADING)
                else:
                    self._sub(text, block, strict=True, kind=Kind.HEADING)
                return
        scope = _scope_of(text, pid)
        if scope:
            self.scopes = [s for s in self.scopes if s.rank < scope.rank]
            # a new container starts its own "I.", "A." headings
            self.roman_heading = self.last_heading_letter = None
            self.last_heading_roman = 0
        self.section = text
        self.parent = None
        self.letter = None
        if pid:
            rest = text[len(label) :].strip().lstrip(".:").strip()
            close = text[len(label) : len(label) + 1] if text[len(label) : len(label) + 1] in ".:" else ""
            item = self._add(
                "heading", label.rstrip("."), Kind.HEADING, rest, block, "." if label.endswith(".") else close
            )
            item.base = pid
            self._set_anchor(item)
        elif scope:
            # "Decision 7/CMA.3" has no number of ours, but names its scope.
            item = self._add("heading", "", Kind.HEADING, text, block, base=scope.key)
        else:
            item = self._positional("", Kind.HEADING, text, block)
        self.section_item = item
        if scope:
            item.scope = scope
            self.scopes.append(scope)
            self._set_anchor(item)

    def _is_letter_heading(self, tok: str) -> bool:
        if len(tok) == 1 and not is_roman(tok):
            return True
        if len(tok) > 1:
            return False
        # Single roman-looking letter (I, V, X, L, C): letter if it follows its
        # predecessor letter heading, roman if it continues the roman count.
        if self.last_heading_letter and letter_value(tok) == letter_value(self.last_heading_letter) + 1:
            return True
        if roman_value(tok) == self.last_heading_roman + 1:
            return False
        return self.last_heading_letter is not None

    def _sub(self, text: str, block: Block, strict: bool, kind: Kind = Kind.SUBPARAGRAPH) -> bool:
        found = match_sub(text) or (None if strict else _loose_sub(text))
        if not found:
            return False
        tok, label, rest = found
        parent = self.parent if self.parent is not None else self.anchor
        # The label sequence decides the level, never the indentation: (i)
        # after (h) is a letter, (ii) after (i) a roman under the letter.
        as_letter = not _SMALL_ROMAN_RE.match(tok)
        if not as_letter:
            continues_roman = self.roman_value and roman_value(tok) == self.roman_value + 1
            continues_letter = self.letter is not None and letter_value(tok) == self.letter_value + 1
            as_letter = continues_letter and not continues_roman
        if as_letter:
            self.letter = tok
            self.letter_value = letter_value(tok)
            self.roman_value = 0
            base = f"({tok})"
        else:
            self.roman_value = roman_value(tok)
            base = f"({self.letter})({tok})" if self.letter else f"({tok})"
        item = self._add("sub", label, kind, rest, block, base=base, parent=parent)
        self._set_anchor(item)
        return True

    def _numbered(self, text: str, block: Block, strict: bool, kind: Kind = Kind.NUMBERED) -> bool:
        m = match_para(text, strict=strict)
        if m is None and strict and self.last_value >= 1800:
            # "1900. …" after paragraph 1899 is paragraph 1900, not a year: in sequence
            loose = match_para(text, strict=False)
            if loose and loose.close == "." and loose.number.value == self.last_value + 1:
                m = loose
        if not m:
            return False
        if m.number.form == "para" and not m.number.prefix:
            self.last_value = m.number.value
        base = m.number.id
        item = self._add(
            "numbered",
            m.label,
            kind,
            m.rest,
            block,
            m.close,
            base=base,
            value=m.number.value,
            title_like=kind is Kind.NUMBERED and _title_like(m.rest),
        )
        self._set_anchor(item)
        self.parent = item
        self.letter = None
        self.letter_value = 0
        self.roman_value = 0
        return True

    def _unnumbered(self, text: str, block: Block, label: str) -> None:
        item = self._positional(label, Kind.UNNUMBERED, text, block)
        # A chapeau ("The Forum commits to:") parents the sub-paragraphs after it.
        if text.endswith(":"):
            self.parent = item
            self.letter = None
            self.letter_value = 0


_TOC_ENTRY_RE = re.compile(r"(?:\.\s){2,}\.?\s*\d{1,4}\s*$|(?:\.\s?){4,}\s*\d{0,4}\s*$|(?:\s\.){3,}\s")


def _article_title(rest: str) -> bool:
    """ "Article 2 Legal status of the territorial sea, …": a title, not a sentence."""
    return not rest or (len(rest.split()) <= 40 and rest[-1] not in ".;:," and rest[:1].isupper())


def _title_like(text: str) -> bool:
    """ "Opening of the session": short, capitalised, no closing punctuation."""
    return bool(text) and len(text.split()) <= 12 and text[-1] not in ".,;:" and looks_like_heading(text)


# -- second pass: ids --------------------------------------------------------


def _subheadings(items: list[_Item]) -> None:
    """A short title-like numbered line after which the main sequence carries
    on ("1. Opening of the session" inside section A, body paragraphs going
    on from 14 to 15) is a subheading, not a restart of the numbering."""
    numbered = [i for i in items if i.role == "numbered"]
    for item in numbered:
        if item.para.kind is Kind.HEADING:
            item.title_like = True  # a bold "1. Opening of the session" is as much a title
    last_main = 0
    for index, item in enumerate(numbered):
        section = item.section_item
        # inside a lettered section, or any section when the number breaks the sequence
        lettered = section is not None and section.role == "heading" and _LETTER_ID_RE.search(section.base)
        breaks = section is not None and item.value != last_main + 1
        if item.title_like and (lettered or breaks):
            following = next((j for j in numbered[index + 1 :] if not j.title_like), None)
            continues = following is not None and (
                following.value == last_main + 1 or following.value > max(last_main, item.value + 1)
            )
            if (
                continues
                and following is not None
                and following.scopes == item.scopes
                and (item.value != last_main + 1 or following.value == item.value)
            ):
                item.role = "subheading"
                item.para.kind = Kind.HEADING
                continue
        last_main = item.value


_LETTER_ID_RE = re.compile(r"(^|\.)[A-Z]$")


def _article_bodies(items: list[_Item]) -> None:
    """An article whose body has no numbered paragraph: its paragraphs count
    from 1 (``Art2.1``), the way a reader of the treaty would point at them."""
    numbered_in: set[int] = {id(i.scopes[-1]) for i in items if i.role == "numbered" and i.scopes}
    counters: dict[int, int] = {}
    for item in items:
        anchor = item.anchor
        if (
            item.role == "positional"
            and item.para.kind is Kind.UNNUMBERED
            and anchor is not None
            and anchor.scope is not None
            and anchor.scope.kind == "article"
            and id(anchor.scope) not in numbered_in
        ):
            counters[id(anchor.scope)] = counters.get(id(anchor.scope), 0) + 1
            item.role = "article-body"
            item.count = counters[id(anchor.scope)]


_CHAPEAU_RE = re.compile(r"^(The|We)\b.{0,150},$")


def _preamble(items: list[_Item]) -> None:
    """Unnumbered preambular paragraphs after "The General Assembly," (or
    "The States Parties to this Agreement,") become ``PP1``, ``PP2`` …, as
    delegations cite them, unless the text numbers its own PP paragraphs."""
    if any(i.base.startswith("PP") for i in items):
        return
    for index, item in enumerate(items):
        if item.role != "positional" or not _CHAPEAU_RE.match(item.para.text):
            continue
        for count, follower in enumerate(items[index + 1 :], start=1):
            if follower.role != "positional" or follower.para.kind is not Kind.UNNUMBERED:
                break
            if follower.para.text.endswith(":") and count > 1:
                break  # "Have agreed as follows:"
            follower.role = "preamble"
            follower.count = count
        return


def _qualifiers(items: list[_Item]) -> dict[int, str]:
    """Qualify repeated numbers by their container, only as far as needed.

    Headings first, by the container that separates most of them, an
    outer one first: an annex's own "Article 1" becomes ``AnnexVI.Art1``, a
    part's "Section 1" ``PartII.Sec1``, while the treaty's articles stay
    ``Art2``. Then paragraphs take the id of their innermost container that
    tells them apart: ``Art6.3`` when every article restarts at 1,
    ``AnnexVI.Art2.1`` inside that annex, ``AnnexI.2`` in an annex to a
    resolution whose own paragraphs stay ``1``, ``2``.
    """
    population: dict[str, int] = {}
    for item in items:
        for scope in item.scopes:
            population[scope.kind] = population.get(scope.kind, 0) + 1
    headings = [i for i in items if i.role == "heading"]
    numbered = [i for i in items if i.role == "numbered"]
    out: dict[int, str] = {}

    def outer(item: _Item) -> list[_Scope]:
        return [s for s in item.scopes if s is not item.scope]

    # headings: per category, by the rarer container first (an annex rather than the parts)
    promoted: dict[str, set[str]] = {}

    def heading_id(item: _Item) -> str:
        kinds = promoted.get(item.scope.kind if item.scope else "", set())
        return ".".join([*(s.key for s in outer(item) if s.kind in kinds), item.base])

    def choose(group: list[_Item], prefer_rare: bool) -> list[str]:
        """Kinds of container that tell the group apart: for headings, the one
        that separates most of them, then the rarer; for paragraphs the innermost."""
        splits: dict[str, int] = {}
        partial: set[str] = set()  # kinds some members are outside of: "in an annex or not"
        for kind in {s.kind for i in group for s in outer(i)}:
            found = [next((s for s in outer(i) if s.kind == kind), None) for i in group]
            if len({id(f) for f in found}) > 1:
                splits[kind] = len({id(f) for f in found})
                if not all(found):
                    partial.add(kind)
        if prefer_rare:
            return sorted(splits, key=lambda k: (-splits[k], k not in partial, _SCOPE_RANK[k], population[k]))
        return sorted(splits, key=lambda k: -_SCOPE_RANK[k])

    _fixpoint(headings, heading_id, lambda g: choose(g, True), promoted, lambda i: i.scope.kind if i.scope else "")
    for item in headings:
        out[id(item)] = heading_id(item)
    for item in headings:
        if item.scope is not None:
            item.scope.final = out[id(item)]  # paragraphs inside take the heading's full id

    # paragraphs: by their innermost container that tells them apart
    para_kinds: dict[str, set[str]] = {}

    def para_id(item: _Item) -> str:
        kinds = para_kinds.get("", set())
        inner = next((s for s in reversed(item.scopes) if s.kind in kinds), None)
        return f"{inner.final or inner.key}.{item.base}" if inner is not None else item.base

    _fixpoint(numbered, para_id, lambda g: choose(g, False), para_kinds, lambda i: "")
    for item in numbered:
        out[id(item)] = para_id(item)
    return out


def _fixpoint(items: list[_Item], make_id, choose, promoted: dict[str, set[str]], category) -> None:
    """Promote container kinds until no two items share an id (or nothing helps)."""
    while True:
        groups: dict[str, list[_Item]] = {}
        for item in items:
            groups.setdefault(make_id(item), []).append(item)
        changed = False
        for group in groups.values():
            if len(group) < 2:
                continue
            categories = {category(i) for i in group}
            for kind in choose(group):
                if any(kind not in promoted.get(c, set()) for c in categories):
                    for c in categories:
                        promoted.setdefault(c, set()).add(kind)
                    changed = True
                    break
            if changed:
                break  # one promotion at a time: it may settle the other groups too
        if not changed:
            return


def _runs(items: list[_Item]) -> None:
    """A number seen before in the same container, coming back at 1: the
    numbering restarted with no heading to say why (a new run)."""
    seen: dict[tuple, set[str]] = {}
    runs: dict[tuple, int] = {}
    for item in items:
        if item.role != "numbered":
            continue
        key = tuple(id(s) for s in item.scopes)
        bases = seen.setdefault(key, set())
        if item.base in bases and item.value <= 1:
            runs[key] = runs.get(key, 1) + 1
            bases.clear()
        bases.add(item.base)
        item.run = runs.get(key, 1)


def assign_ids(items: list[_Item]) -> list[Paragraph]:
    _subheadings(items)
    _runs(items)
    _article_bodies(items)
    _preamble(items)
    own = _qualifiers(items)
    taken: set[str] = set()
    final: dict[int, str] = {}

    def unique(pid: str) -> str:
        if pid not in taken:
            return pid
        n = 2
        while f"{pid}#{n}" in taken:
            n += 1
        return f"{pid}#{n}"

    restarted = _restarted_scopes(items, own)
    run_heading: dict[tuple, _Item | None] = {}
    for item in items:
        if item.role == "numbered":
            run_heading.setdefault((tuple(id(s) for s in item.scopes), item.run), item.section_item)
    for item in items:
        if item.role in ("numbered", "heading"):
            pid = own[id(item)]
            if item.role == "numbered" and tuple(id(s) for s in item.scopes) in restarted:
                # numbering restarts under a heading ("Rule 3", "III.A", "B. Draft decision"):
                # the run is cited by the heading it starts under
                section = run_heading.get((tuple(id(s) for s in item.scopes), item.run))
                heading = final.get(id(section)) if section is not None and section.role == "heading" else None
                if heading and "~" not in heading:
                    pid = f"{heading}.{item.base}"
                elif item.run > 1:
                    pid = f"#{item.run}/{pid}"
        elif item.role == "subheading":
            section = item.section_item
            prefix = final.get(id(section)) if section is not None else None
            pid = f"{prefix}.{item.base}" if prefix and "~" not in prefix else f"{item.base}~h"
        elif item.role == "sub":
            parent = item.parent
            if parent is not None and parent.role == "article-body" and parent.anchor is not None:
                pid = final[id(parent.anchor)] + item.base  # "article 5 (a)" is Art5(a)
            else:
                pid = (final[id(parent)] if parent is not None else "") + item.base
        elif item.role == "article-body":
            assert item.anchor is not None
            pid = f"{final[id(item.anchor)]}.{item.count}"
        elif item.role == "preamble":
            pid = f"PP{item.count}"
        else:
            anchor = final[id(item.anchor)] if item.anchor is not None else ""
            pid = f"{anchor}~{item.count}"
        pid = unique(pid)
        taken.add(pid)
        final[id(item)] = pid
        item.para.id = pid
    return [item.para for item in items]


def _restarted_scopes(items: list[_Item], own: dict[int, str]) -> set[tuple]:
    """Containers whose numbering restarts without a container heading of its own."""
    seen: dict[str, int] = {}
    out: set[tuple] = set()
    for item in items:
        if item.role != "numbered":
            continue
        pid = own[id(item)]
        if pid in seen and seen[pid] != item.run:
            out.add(tuple(id(s) for s in item.scopes))
        seen.setdefault(pid, item.run)
    return out


_SMALL_ROMAN_RE = re.compile(r"^[ivx]+$")
_LOOSE_SUB_RE = re.compile(r"^(?P<tok>[a-z]{1,2}|[ivxlc]{1,6})[.)](?=\s|$)")


def _loose_sub(text: str) -> tuple[str, str, str] | None:
    """Word list numbers such as ``a.`` or ``iv.``."""
    m = _LOOSE_SUB_RE.match(text)
    if not m:
        return None
    return m["tok"], m.group(0), text[m.end() :].strip()


_CONTENTS_RE = re.compile(r"^(table of )?contents(\s+page)?$", re.I)


def _mark_contents(blocks: list[Block]) -> None:
    """A table of contents names the headings that follow; its lines are
    text. It runs from "Contents" to its last dot-leader line."""
    for start, block in enumerate(blocks):
        if not _CONTENTS_RE.match(clean_text(block.text)):
            continue
        last, quiet = start, 0
        for index in range(start + 1, len(blocks)):
            if _TOC_ENTRY_RE.search(clean_text(blocks[index].text)):
                last, quiet = index, 0
            else:
                quiet += 1
                if quiet > 6:
                    break
        for block in blocks[start + 1 : last + 1]:
            block.toc = True
        return


def build(blocks: list[Block], *, title_from_first: bool = True) -> tuple[str, list[Paragraph]]:
    """Assign ids, kinds and sections. Returns (title, paragraphs).

    The first block is taken as the title when it is an unnumbered
    heading-like line that precedes everything else.
    """
    title = ""
    blocks = [b for b in blocks if clean_text(b.text) or (b.label and clean_text(b.label))]
    marked = next((b for b in blocks if b.title), None)
    if title_from_first and blocks and marked is None:
        first = blocks[0]
        text = clean_text(first.text)
        if (
            not first.label
            and first.heading != 0
            and looks_like_heading(text)
            and not match_heading_number(text)
            and not match_para(text)
            and not _SCOPE_RE.match(text)
        ):
            title = text
            blocks = blocks[1:]
    if marked is not None:
        title = clean_text(marked.text)
        if marked is blocks[0]:
            blocks = blocks[1:]
    _mark_contents(blocks)
    builder = _Builder()
    for block in blocks:
        builder.add(block)
    return title, assign_ids(builder.items)
