"""First pass over the blocks: kinds, labels, sections, parents and the
containers (articles, annexes, decisions, parts, sections) each paragraph
sits in. Ids come after, from :mod:`.ids`, once the whole document is known."""

from __future__ import annotations

import re
from typing import cast

from ..normalize import clean_text
from .blocks import (
    _BARE_SCOPE_RE,
    _SCOPE_LINE_RE,
    _TITLED_SCOPE_RE,
    Block,
    _article_title,
    _title_like,
    is_toc_entry,
    looks_like_heading,
    scope_heading,
)
from .items import _SCOPE_RANK, _UNREAD, _BuilderState, _Item, _Scope, _scope_of, _Series
from .model import Kind, Location, Paragraph
from .numbering import (
    LabelMatch,
    is_roman,
    letter_value,
    match_heading_number,
    match_para,
    match_sub,
    roman_value,
    split_ordinal,
)
from .options import _OPTION_RE, _Options, is_bare_option


class _Headings(_BuilderState):
    """Headings: roman and letter numbers (``II.A``), containers (``Art6``,
    ``AnnexI``), and the section every paragraph after them sits in."""

    def _heading_candidate(self, text: str) -> bool:
        if not looks_like_heading(text):
            return False
        last = self.items[-1] if self.items else None
        if last is not None and last.role == "option" and is_bare_option(last.para.text):
            return False  # "Option 2:" then "No text": the option's text, not a section
        if match_sub(text):
            return False
        m = match_para(text)
        # "12. Short sentence" is a paragraph, "Article 3" a heading; a coded item
        # ("MFRS-01 (y) … must not exceed 1,000") is an item of its list however short
        return not (m and (m.number.form == "code" or (m.number.form == "para" and m.number.prefix != "Art")))

    def _heading(self, text: str, block: Block) -> None:
        label = pid = ""
        found = match_heading_number(text)
        if found:
            tok, label, _ = found
            # "B. Draft decision" after the last article: the articles and sections are over
            self.scopes = [s for s in self.scopes if s.rank < _SCOPE_RANK["section"]]
            letter = self._is_letter_heading(tok)
            if self.letters_outer is None:
                # "A. Draft agreement … B. Draft decision / I. …": the document's first
                # numbered heading says which level is outer
                self.letters_outer = letter
            if letter and self.letters_outer:
                self.last_heading_letter = tok
                self.roman_heading = None
                self.last_heading_roman = 0
                pid = tok
            elif letter:
                self.last_heading_letter = tok
                pid = f"{self.roman_heading}.{tok}" if self.roman_heading else tok
            elif self.letters_outer:
                self.last_heading_roman = roman_value(tok)
                self.roman_heading = tok
                pid = f"{self.last_heading_letter}.{tok}" if self.last_heading_letter else tok
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
        restates = next(
            (
                o
                for o in self.scopes
                if scope
                and scope.kind in _RESTATED
                and o.kind == scope.kind
                and o.key == scope.key != scope.kind.title()
            ),
            None,
        )
        if restates is not None:
            # "ARTICLE 1", then under a delegation's name "Article 1 Use of terms": a
            # compilation restating the article it is in, not a new article inside it
            scope = None
            self._unmerge_title(restates)
        self.options.clear()  # a heading ends every option offered before it
        if (
            scope
            and scope.key == scope.kind.title()
            and any(o.kind == scope.kind and o.key == scope.key for o in self.scopes)
        ):
            # the annex of an agreement that is itself annexed to a resolution: inside the outer annex
            scope.rank = max(o.rank for o in self.scopes if o.kind == scope.kind) + 0.5
        if scope and scope.kind == "section":
            if self.sections_in_articles is None:
                # decided by the first section: "ARTICLE II / Section 1" nests sections in
                # articles; "PART XI / SECTION 1 / Article 133" has articles in sections
                self.sections_in_articles = bool(self.scopes) and self.scopes[-1].kind == "article"
            if self.sections_in_articles:
                scope.rank = _SCOPE_RANK["article"] + 1
                scope.counts_body = True
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
            item.restates = restates
            self._set_anchor(item)
        elif scope:
            # "Decision 7/CMA.3" has no number of ours, but names its scope.
            item = self._add("heading", "", Kind.HEADING, text, block, base=scope.key)
        else:
            item = self._positional("", Kind.HEADING, text, block)
        self.section_item = item
        if pid:
            self._open_inline_option(item, item.para.text)  # "G. [Option I: Finance"
        if scope:
            item.scope = scope
            self.scopes.append(scope)
            self._set_anchor(item)

    def _unmerge_title(self, scope: _Scope) -> None:
        """The line after "ARTICLE 1" was taken for its title ("European Union");
        the article restated under it shows it was the name over a proposal."""
        index = next((k for k in range(len(self.items) - 1, -1, -1) if self.items[k].scope is scope), None)
        if index is None or self.items[index].title_block is None:
            return
        head = self.items[index]
        block, title = head.title_block, head.para.text
        assert block is not None
        name = scope_heading(title) if not head.para.label else None
        if name:
            title = title[len(name) :].strip()
        head.para.text, head.title_block = name or "", None
        here = head.para.location
        head.para.location = Location(here.line, here.page, here.index)
        head.para.section = head.para.label
        for later in self.items[index + 1 :]:
            if later.role == "positional" and later.anchor is head:
                later.count += 1
        para = Paragraph(
            id="", label="", kind=Kind.HEADING, text=title, section=title, location=block.location, notes=block.notes
        )
        self.items.insert(
            index + 1, _Item(para, "positional", scopes=(*head.scopes, scope), anchor=head, count=1, section_item=head)
        )

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


# "Alt.2(1)(c) " after "1.": where a proposal goes, cited as alternative, paragraph and item
_CITED_ITEM_RE = re.compile(
    r"^(?:Alt\.?|Option|Alternative)\s*(?P<opt>\d{1,2})\s*\((?P<para>\d{1,3})\)\s*\((?P<letter>[a-z]{1,3})\)\s+", re.I
)
# the verbs operative paragraphs of decisions and resolutions open with ("Requests the SBSTA to …")
_OPERATIVE_VERBS = (
    "Acknowledges|Adopts|Affirms|Agrees|Approves|Authorizes|Calls upon|Decides|Encourages|Endorses|"
    "Establishes|Invites|Notes|Reaffirms|Recalls|Recognizes|Recommends|Requests|Resolves|Stresses|"
    "Takes note|Underlines|Urges|Welcomes"
)
_OPERATIVE_RE = re.compile(
    rf"^\[?(?:(?:Also|Further|Strongly|Again|Once again)\s+(?i:{_OPERATIVE_VERBS})|{_OPERATIVE_VERBS})"
    r"\]?\s+(?=\S)"  # "Notes with …", "Also requests …", never a "Notes:" label
)
_SPACED_LEGAL_RE = re.compile(r"^(?P<sub>\d{1,2})\s+(?=[\[A-Z“\"(])")  # the "1" of "23. 1 [Parties …"


class _Numbers(_BuilderState):
    """Numbered paragraphs, sub-paragraphs by their label sequence, and
    unnumbered paragraphs with their positional counters."""

    def _sub(self, text: str, block: Block, strict: bool, kind: Kind = Kind.SUBPARAGRAPH) -> bool:
        found = match_sub(text) or (None if strict else _loose_sub(text))
        if not found and self.items and self.items[-1].para.text.endswith((":", "：")):
            found = _after_colon_sub(text)  # "including through:" then "a. formulating, …"
        if not found:
            found = self._inner_next(text)  # "b. технологии …" after "a. …" of an inner list
        if not found and self.letter is not None:
            found = self._next_letter(text)  # "a. …", "b. …", then "c. Option (a): …"
        if not found:
            return False
        tok, label, rest = found
        while self.options and self.options[-1].owner is not None and self.options[-1].owner.role == "sub":
            if self._items_of_option(self.options[-1], tok):
                break
            if self._option_of_the_list(self.options[-1], tok):
                break
            closed = self.options.pop()  # "(d)" ends the options offered for "(c)"
            if closed.context:
                self.parent, self.letter, self.letter_value, self.roman_value = closed.context
        inner = self._inner_item(tok, label)
        if inner is not None:
            above, base = inner
            item = self._add("sub", label, kind, rest, block, base=base, parent=above.parent, option=above.option)
            self._set_anchor(item)
            return True
        if self.parent is None:
            self.parent = self.anchor  # (a) straight after a heading: (b), (c) are its siblings, not its children
            last = self.anchor
            if last is not None and last.role == "sub" and _next_letter(last.base, tok):
                # "(k)" under a delegation's heading after another's (j): the same list goes on
                self.parent = last.parent
                self.letter, self.letter_value, self.roman_value = last.base[1:-1], letter_value(last.base[1:-1]), 0
        parent = self.parent
        tok, ordinal = split_ordinal(tok)
        # The label sequence decides the level, never the indentation: (i)
        # after (h) is a letter, (ii) after (i) a roman under the letter.
        # "(i) bis" after (i) is inserted after that letter; "(ii) bis" after (ii), after that roman
        as_letter = not _SMALL_ROMAN_RE.match(tok) or bool(ordinal and tok == self.letter)
        same_roman = bool(ordinal and self.roman_value and roman_value(tok) == self.roman_value)
        if not as_letter and not same_roman:
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
        if ordinal:
            base = f"{base[:-1]}{ordinal})"  # "(b bis)" is (bbis), after (b)
        # "7. Features Option 1: … shall:" then (a), (b): the items of option 1, as option 2 repeats them
        within = self.options[-1].option if self.options and self.options[-1].owner is parent else None
        if within is not None and parent is not None and parent.role == "sub" and not as_letter:
            base = f"({tok})"  # "(i)" of option 1 of (b): Art3.8(b).Opt1(i)
        item = self._add("sub", label, kind, rest, block, base=base, parent=parent, option=within)
        self._set_anchor(item)
        self._open_inline_option(item, rest)
        return True

    def _inner_item(self, tok: str, label: str) -> tuple[_Item, str] | None:
        """A third level of list: "(ii) Education and training in:" then "a. …", "b. …",
        lettered in another form than the list they stand in ("a." under "(ii)" of "(e)"),
        are that item's (``(e)(ii)(a)``); the list goes on after them at "(iii)". The item
        above and the new item's base, or None."""
        if len(tok) != 1 or not tok.isalpha() or not self.items:
            return None
        above = self.items[-1]
        if above.role != "sub":
            return None
        levels = above.base.count("(")
        if _label_form(label) == _label_form(above.para.label):
            head, _, last = above.base.rpartition("(")
            if levels == 3 and letter_value(tok) == letter_value(last.rstrip(")")) + 1:
                return above, f"{head}({tok})"  # "b." after "a." of the same inner list
            return None
        if tok == "a" and levels == 2 and above.para.text.rstrip().endswith((":", "：")):
            return above, f"{above.base}(a)"  # "a." under "(ii) … in:"
        return None

    def _inner_next(self, text: str) -> tuple[str, str, str] | None:
        """ "b. …" in lower case (or another script) right after "a. …" of an inner list: its next item."""
        loose = _LETTER_DOT_RE.match(text)
        if loose is None or not self.items or self.items[-1].role != "sub":
            return None
        head, _, last = self.items[-1].base.rpartition("(")
        if head.count("(") != 2 or letter_value(loose["tok"]) != letter_value(last.rstrip(")")) + 1:
            return None
        return loose["tok"], loose.group(0).strip(), text[loose.end() :].strip()

    def _next_letter(self, text: str) -> tuple[str, str, str] | None:
        """ "c." going on from "b.": a letter label, sibling of b. whatever options
        and bullets came between."""
        loose = _LETTER_DOT_RE.match(text)
        if loose is None or letter_value(loose["tok"]) != self.letter_value + 1:
            return None
        sibling = next(
            (i for i in reversed(self.items[-200:]) if i.role == "sub" and i.base == f"({self.letter})"), None
        )
        if sibling is not None and sibling.parent is not None:
            self.parent = sibling.parent
        return loose["tok"], loose.group(0).strip(), text[loose.end() :].strip()

    def _option_of_the_list(self, series: _Series, tok: str) -> bool:
        """ "[(a) …;]", "[Alt. 1" alone, then "(b)", "(c)" …: alternative 1 holds the rest of
        the list, so it is offered for the list's owner (``Art19.1.Alt1(b)``), not for (a)."""
        owner = series.owner
        last = self.items[-1] if self.items else None
        if (
            owner is None
            or owner.parent is None
            or last is None
            or last.role != "option"
            or last.option is not series.option
            or not is_bare_option(last.para.text)
            or not _next_letter(owner.base, tok)
        ):
            return False
        series.owner = series.option.owner = owner.parent
        if series.first is not None:
            series.first.owner = owner.parent
        series.context = ()
        self.parent = owner.parent
        return True

    def _items_of_option(self, series: _Series, tok: str) -> bool:
        """ "(c) Option 1: …" / "Option 2: Exercise the following functions:" then "(i)", "(ii)":
        the items of option 2 (``4(c).Opt2(i)``); the next letter, "(d)", ends the options."""
        parent = self.parent
        owner_letter = series.context[2] if series.context else 0
        if tok.isalpha() and letter_value(tok) == owner_letter + 1:
            return False
        if parent is not None and parent is series.owner and parent.body_merged and series.first is None:
            # "(b) Subsequent communications" / "Option 1: communication …" / "(i) …": option 1's items
            return bool(_SMALL_ROMAN_RE.match(tok)) and series.owner.role == "sub"
        if parent is None or parent.role != "option" or parent.option is not series.option:
            return False
        return parent.para.text.rstrip(" ]").endswith(":")

    def _spaced_legal_number(self, m: LabelMatch) -> LabelMatch | None:
        """ "23. 1 [Parties, when …" inside paragraph 23 (its 23.2 and 23.4 printed without the
        space): paragraph 23.1, a legal number with a space after its point, not a second 23."""
        if m.number.form != "para" or m.number.prefix or m.number.parts or m.number.ordinal or m.close != ".":
            return None
        if m.number.value != self.last_value:
            return None
        spaced = _SPACED_LEGAL_RE.match(m.rest)
        if spaced is None:
            return None
        legal = match_para(f"{m.number.value}.{spaced['sub']} {m.rest[spaced.end() :]}")
        return legal if legal is not None and legal.number.parts else None

    def _numbered(
        self, text: str, block: Block, strict: bool, kind: Kind = Kind.NUMBERED, matched: object = _UNREAD
    ) -> bool:
        # ``matched``: match_para(text, strict=strict) when the caller has it already
        m = match_para(text, strict=strict) if matched is _UNREAD else cast("LabelMatch | None", matched)
        if m is not None and m.number.prefix == "Art" and any(o.key == m.number.id for o in self.scopes):
            # "Article 5: General principles In order to …:": the article restated, title and chapeau
            # on one line; "Article 3 : il doit être intitulé …": a comment on the article it is in
            return self._restated_with_title(m, block)
        if m is None and strict and self.last_value >= 1800:
            # "1900. …" after paragraph 1899 is paragraph 1900, not a year: in sequence
            loose = match_para(text, strict=False)
            if loose and loose.close == "." and loose.number.value == self.last_value + 1:
                m = loose
        if not m:
            return False
        m = self._spaced_legal_number(m) or m
        if self._restated_alternative(m, block, kind):
            return True
        if m.number.form == "para" and not m.number.prefix:
            self.last_value = m.number.value
        if m.number.parts:
            self._chapeau_joins_option()  # "Option 2:", "All Parties to …:", then 3.1
        parts = m.number.parts or (m.number.value,)
        if m.number.suffix == ".x":
            parts = (*parts, 0)  # "3.x": a number of 3's still to be given, inside 3 as 3.1 is
        if m.number.form == "para" and not m.number.prefix:
            self._article_block(parts)
        self._close_options(parts, m.number.id, m.rest)
        base = m.number.id
        # "12. (a) “States Parties” means …": paragraph 12 opens on its first sub-paragraph
        first_sub = _first_sub(m.rest) if kind is Kind.NUMBERED and m.number.form == "para" else None
        list_of = self._listed_under(m)
        item = self._add(
            "numbered",
            m.label,
            kind,
            "" if first_sub else m.rest,
            block,
            m.close,
            base=base,
            value=m.number.value,
            title_like=kind is Kind.NUMBERED and _title_like(m.rest),
            parts=parts if m.number.form == "para" and not m.number.prefix else (),
            named=m.number.form == "code" or m.number.prefix not in ("", "PP", "OP", "Art"),
            option=(self.options[-1].body or self.options[-1].option) if self.options else None,
        )
        item.list_of = list_of
        self._set_anchor(item)
        self.parent = item
        self.letter = None
        self.letter_value = 0
        self.roman_value = 0
        if first_sub and self._sub(m.rest, block, strict=True):
            # one paragraph "12. (a) …", cited 12(a); paragraph 12 is what (a), (b) … make up
            first = self.items[-1].para
            first.label = f"{m.label}{m.close} {first.label}"
            item.folded = True
            return True
        cited = _CITED_ITEM_RE.match(m.rest)
        if cited and cited["para"] == m.number.id:
            # "1. Alt.2(1)(c) When …": a proposal for item (c) of alternative 2 of paragraph 1
            self._open_inline_option(item, m.rest)
            if self._sub(f"({cited['letter']}) {m.rest[cited.end() :]}", block, strict=True):
                self.items[-1].para.label = f"{m.label}{m.close} {cited.group(0).strip()}"
                item.folded = True
                return True
        self._open_inline_option(item, m.rest)
        return True

    def _listed_under(self, m: LabelMatch) -> _Item | None:
        """ "UCPB-05a (x) Changes should account for" then "1. …", "2. …": a list
        right after a provision named by a code is that provision's items
        (``UCPB-05a.1``), not a restart of the paragraph numbering."""
        number = m.number
        if number.form != "para" or number.prefix or number.parts or number.ordinal or not self.items:
            return None
        last = self.items[-1]
        if last.role != "numbered":
            return None
        if number.value == 1 and last.named:
            return last
        return last.list_of if last.list_of is not None and number.value == last.value + 1 else None

    def _unnumbered(self, text: str, block: Block, label: str) -> None:
        self._back_from_items(text)
        goes_on = self.parent is not None and self.parent.role in ("numbered", "sub")
        item = self._positional(label, Kind.UNNUMBERED, text, block)
        # A chapeau ("The Forum commits to:") parents the sub-paragraphs after it; one
        # that goes on in lower case ("[inter alia:") goes on with the paragraph before it.
        if text.endswith(":") and not (goes_on and text.lstrip("[( ")[:1].islower()):
            self.parent = item
            self.letter = None
            self.letter_value = 0

    def _back_from_items(self, text: str) -> None:
        """ "(a) …;", "(b) …;", then "Requests the SBSTA to …": an operative verb after a
        list opens the next paragraph of the list's owner (``34.u1``), not a note on its last
        item; a note or a continuation still counts from the item (``9.3(e).u1``)."""
        item = self.anchor
        if item is None or item.role != "sub" or item.parent is None or not _OPERATIVE_RE.match(text):
            return
        if item.para.text.rstrip(" ]").endswith(":"):
            return  # "(a) After paragraph 4, insert the following new paragraph:": what follows is (a)'s
        owner = item.parent
        while owner.role == "sub" and owner.parent is not None:
            owner = owner.parent
        if owner.role == "positional":
            # "Decides:" (unnumbered), (a), (b), then "Requests …": the next of the paragraphs it counts with
            self.anchor, self.parent = owner.anchor, None
            self.anchor_count = owner.count
            return
        self.anchor = owner
        self.anchor_count = sum(1 for i in self.items if i.role == "positional" and i.anchor is owner)
        self.parent = owner


class _Builder(_Headings, _Numbers, _Options):
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
        self.options: list[_Series] = []  # open series of options, innermost last
        self.sections_in_articles: bool | None = None
        self.letters_outer: bool | None = None  # "B. Draft decision" then "I.", "II." inside it
        self.pending_bracket = ""

    def _add(self, role: str, label: str, kind: Kind, text: str, block: Block, close: str = "", **extra) -> _Item:
        if self.pending_bracket == "label":
            label = f"[{label}]"  # "[Article 3ter]": the bracket holds the heading's label
        elif self.pending_bracket:
            text = f"[{text}"  # "[3. The legal status …]": the bracket stays in the text
        self.pending_bracket = ""
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
    def add(self, block: Block, text: str | None = None) -> None:
        """``text``: the block's text cleaned, when the caller has it already."""
        text = clean_text(block.text) if text is None else text
        label_text = clean_text(block.label) if block.label else ""
        if not text and not label_text:
            return
        if block.bullet and not (text[:1] == "(" and match_para(text)):
            # a bullet is unnumbered, unless it opens with an inserted number of its own: "- (17bis) [Its …"
            self._unnumbered(text, block, label="")
            return
        full = f"{label_text} {text}".strip() if label_text else text
        strict = not label_text
        self.pending_bracket = ""
        emphasis = _EMPHASIS_LABEL_RE.match(full) if full[:1] in "*_" else None
        if emphasis and match_para(f"{emphasis['label']} {full[emphasis.end() :]}"):
            # "**TENET 1** Transactions …" in a text copied from the web: the label in bold
            full = text = f"{emphasis['label']} {full[emphasis.end() :]}"
        moved = _BRACKET_BEFORE_ORDINAL_RE.match(full) if not label_text and full[:1].isdigit() else None
        if moved and match_para(f"{moved['number']} {moved['rest']}"):
            # "30 [bis. All …": the bracket that opens paragraph 30 bis, printed after its number
            self.pending_bracket = "open"
            full = text = f"{moved['number']} {moved['rest']}"
        if not label_text and full.startswith("[") and not block.bullet:
            inner = full[1:].lstrip()
            # "[Article 3ter] (…)": the bracket holds the heading's label alone
            closed = _BRACKETED_LABEL_RE.match(inner)
            if closed and match_para(f"{closed['label']} {closed['rest']}".strip()):
                self.pending_bracket = "label"
                full = text = f"{closed['label']} {closed['rest']}".strip()
            # "[3. The legal status …]", "[(b) …]": the number inside the bracket is the label
            elif inner[:1] != "[" and (match_sub(inner) or match_para(inner)):
                self.pending_bracket = "open"
                full = text = inner
        if not label_text and full[:1] == "A" and self._article_point(full, block):
            return
        if block.toc or is_toc_entry(full):
            # a table of contents line ("Article 3. Breadth . . . . 24") names a heading, it is not one
            self._unnumbered(full, block, label="")
            return
        proposal = _NEW_ARTICLE_RE.match(full) if not label_text and full[:1] in "PpNn" else None
        if proposal and match_para(proposal["heading"]):
            # "PROPOSAL FOR A NEW ARTICLE 3BIS": a compilation's heading for article 3 bis
            self._heading(proposal["heading"], block)
            head = self.items[-1].para
            head.label = f"{proposal['lead']} {head.label}"  # the label as printed, words in order
            return
        titled = _TITLE_THEN_ARTICLE_RE.match(full) if not label_text and full.endswith(")") else None
        if titled and any(s.kind == "article" and s.key == match_para(titled["art"]).number.id for s in self.scopes):  # type: ignore[union-attr]
            # "[Publication][Charts …] (Article 21bis)" under article 21 bis: a delegation's title
            # for it, the number after: the article restated, its line as printed
            self._heading(f"{titled['art']} {titled['title']}", block)
            head = self.items[-1].para
            head.label, head.text, head.close = "", full, ""
            return
        word_number = match_para(full, strict=strict) if block.heading is None else None
        if block.heading == 0 and _LABEL_ALONE_RE.match(full):
            # "Article 1", "[Article 2 ter]", "PART II" alone on a line in a body style: a heading whatever the style
            word_number = match_para(full, strict=strict)
        if word_number and (
            word_number.number.form == "heading"
            or (word_number.number.prefix == "Art" and _article_title(word_number.rest.lstrip("] ")))
            or (word_number.number.prefix == "Art" and _run_on_article(word_number))
        ):
            self._heading(full, block)  # "ANNEX II GUIDELINES FOR …", "Article 2 Legal status of …", however long
            return
        if full[:1] in _SCOPE_STARTS and (
            _BARE_SCOPE_RE.match(full) or _SCOPE_LINE_RE.match(full) or _TITLED_SCOPE_RE.match(full)
        ):
            self._heading(full, block)  # "Annex", "Annex II" alone on a line: a container, however styled
            return
        if self._option_line(full, block, label_text):
            return
        if not label_text and self._article_title_line(full, block):
            return
        if (
            not label_text
            and block.heading is None
            and self.items
            and self.items[-1].role in ("numbered", "sub")
            and not self.items[-1].body_merged
            and (self.items[-1].title_like or _title_like(self.items[-1].para.text))
            and not match_sub(full)
            and not match_para(full)
            and self._titled_body(full, block)
        ):
            return  # "(i) Every 5 years, harmonised NDC" then its body, however short
        if _OPTION_LINE_RE.match(full):
            # "Option 2: Recognizing the fund…" belongs to the paragraph or
            # article it offers a choice for: never a section of its own
            self._unnumbered(text, block, label=label_text)
            return
        if block.heading or (block.heading is None and self._heading_candidate(full)):
            self._heading(full, block)
            return
        if self._sub(full, block, strict):
            return
        if self._numbered(full, block, strict, matched=word_number if block.heading is None else _UNREAD):
            return
        if label_text:
            # A list number we cannot read as a paragraph number ("•", "-"):
            # keep it as printed.
            self._unnumbered(text, block, label=label_text)
            return
        if self._titled_body(text, block) or self._option_body(text, block):
            return
        self._unnumbered(text, block, label="")

    def _restated_with_title(self, m: LabelMatch, block: Block) -> bool:
        """ "Article 5: General [principles] In order to achieve …:" in article 5: its number and
        the title the article was given, then its text: a delegation's restatement of it."""
        title = next(
            (
                i.para.text.strip()
                for i in reversed(self.items[-400:])
                if i.role == "heading"
                and (i.scope or i.restates) is not None
                and i.para.text.strip()
                and (i.scope or i.restates).key == m.number.id  # type: ignore[union-attr]
            ),
            "",
        )
        rest = m.rest.lstrip(": ")
        if len(title.split()) < 2 or not rest.startswith(title):
            return False
        self._heading(f"{m.label}{m.close} {title}", block)
        if rest[len(title) :].strip():
            self._unnumbered(rest[len(title) :].strip(), block, label="")
        return True

    def _article_point(self, text: str, block: Block) -> bool:
        """ "Artículo 4.2. Los derechos …", "Article 42.f.iv “Dispongan …”" inside article 4
        (42): a delegation restating paragraph 2 (item (f)(iv)) of the article it is in."""
        m = _ARTICLE_POINT_RE.match(text)
        if m is None:
            return False
        heading = next((i for i in reversed(self.items[-400:]) if i.role == "heading" and i.scope is not None), None)
        if heading is None or heading.scope is None or heading.scope.key != f"Art{m['art']}":
            return False
        label, rest = m.group(0).strip(), text[m.end() :].strip()
        if m["para"]:
            value = int(m["para"])
            item = self._add(
                "numbered", label, Kind.NUMBERED, rest, block, base=str(value), value=value, parts=(value,)
            )
            item.para.label = label
        else:
            base = f"({m['letter']})" + (f"({m['roman']})" if m["roman"] else "")
            item = self._add("sub", label, Kind.SUBPARAGRAPH, rest, block, base=base, parent=heading)
        self._set_anchor(item)
        self.parent = item
        self.letter = None
        return True

    def _article_title_line(self, text: str, block: Block) -> bool:
        """ "Article 1" then "Use of terms" on a line of its own (or "Decision 6/CMA.3"
        then "Common time frames for …"): the title belongs to the heading."""
        prev = self.items[-1] if self.items else None
        if (
            prev is not None
            and (prev.title_block is not None or (prev.role == "heading" and prev.scope and prev.para.text))
            and (prev.scope is None or prev.scope.kind in _TITLED_SCOPES)
            and text[:1].islower()
            and len(text.split()) <= 16
            and text[-1] not in ".,;:"
        ):
            # "Foreign nuclear-powered ships and ships carrying nuclear" / "or other inherently …": one title
            prev.para.text = f"{prev.para.text} {text}"
            prev.para.location = prev.para.location.taking_in(block.location)
            self.section = prev.para.section = f"{prev.para.section} {text}"
            return True
        if (
            prev is None
            or prev.role != "heading"
            or (scope := prev.scope or prev.restates) is None  # a delegation's "[Article 10bis" restates the article
            or scope.kind not in _TITLED_SCOPES
            or (prev.para.text.strip("[]() ") and prev.para.text != scope_heading(prev.para.text))
            or not (
                _title_line(text, long=scope.kind != "article")
                # "[Article 10bis" then "Access to … jurisdiction]": the bracket the heading opened
                # closes at the end of its title, however long
                or (prev.para.text == "[" and _closes_bracket(text) and _title_line(text[:-1], long=True))
            )
            or match_para(text)
            or match_sub(text)
            or match_heading_number(text)
            or scope_heading(text)
        ):
            return False
        # "Decision 6/CMA.3" has no label of ours: its name is its text, and the title follows it
        head = prev.para.text.strip()
        # "[Article 10bis" then its title: the bracket stays, before the title
        prev.para.text = f"{head} {text}" if head.strip("[]() ") else f"{head}{text}"
        prev.para.location = prev.para.location.taking_in(block.location)
        prev.title_block = block
        self.section = prev.para.section = f"{prev.para.section} {text}".strip()
        return True

    def _titled_body(self, text: str, block: Block) -> bool:
        """ "2. Individual efforts" then its body "Each Party shall …": one
        paragraph 2, title and body, as "article 3, paragraph 2" is cited."""
        prev = self.items[-1] if self.items else None
        if prev is not None and _titled_with_colon(prev, text):
            pass  # "57.2 Guidance to … arrangements:" then "The governing body … COP.": its body
        elif (
            prev is None
            or prev.role not in ("numbered", "sub")
            or prev.para.kind not in (Kind.NUMBERED, Kind.SUBPARAGRAPH)
            or not (prev.title_like or (prev.role == "sub" and _title_like(prev.para.text)))
            or prev.body_merged
            or not any(s.kind == "article" for s in prev.scopes)
            or _OPTION_RE.match(text)
        ):
            return False
        prev.para.text = f"{prev.para.text} {text}"
        prev.para.notes.extend(block.notes)
        prev.para.location = prev.para.location.taking_in(block.location)
        prev.title_like = False
        prev.body_merged = True
        return True


_OPTION_LINE_RE = re.compile(
    r"^\s*\[?\s*(?:\[?\s*(?:Option|Alternative)\s+(?:\d{1,2}|[A-Z]|[IVX]{1,4})\b|Alt\.\s*\d{0,2})", re.I
)


def _titled_with_colon(prev: _Item, text: str) -> bool:
    """A numbered paragraph printed as a title with a colon ("57.2 Guidance to and
    strengthening of the Technology Mechanism:") and a whole sentence after it:
    the sentence is the paragraph's body, not a paragraph of its own."""
    title = prev.para.text.strip("[ ")
    return (
        prev.role == "numbered"
        and prev.para.kind is Kind.NUMBERED
        and not prev.body_merged
        and title.endswith(":")
        and _title_like(title[:-1].rstrip())
        and not _CHAPEAU_WORDS_RE.search(title)
        and text[:1].isupper()
        and text.rstrip("] ").endswith(".")
        and not _OPTION_RE.match(text)
    )


_CHAPEAU_WORDS_RE = re.compile(r"\b(?:shall|should|will|may|must|are|is|to be|as follows|following|includ\w*)\b", re.I)


def _title_line(text: str, *, long: bool) -> bool:
    """A title printed under its heading: an article's is short ("Use of terms"); a
    decision's or an annexed text's may run long ("Common time frames for … of the
    Paris Agreement"), but neither ends like a sentence."""
    if not long:
        return _title_like(text) and len(text.split()) <= 10
    first = text.lstrip("“\"'‘(")[:1]
    return (
        text[-1] not in ".,;:"
        and first.isupper()
        and ";" not in text  # "List of Parties, to be agreed …; to be updated …": clauses of a text, not a title
        and len(text.split()) <= 30
        and text.rstrip("])*”’\"' ")[-1:] not in (".", ";", ",")
    )


# "Artículo 4.2.", "Article 42.f.iv": an article's paragraph, or item, cited with the article
_ARTICLE_POINT_RE = re.compile(
    r"^(?:Article|Artículo|Art\.)\s+(?P<art>\d{1,3}(?:bis|ter)?)"
    r"\s?\.(?:(?P<para>\d{1,2})|(?P<letter>[a-z])(?:\.(?P<roman>[ivx]{1,5}))?)\.?\s+(?=[“\"\[A-ZÁÉÍÓÚ])"
)


_TITLE_THEN_ARTICLE_RE = re.compile(
    r"^(?P<title>[\[A-Z].{2,200}?)\s*\((?P<art>Article\s+\d{1,3}\s?(?:bis|ter|quater)?)\)$"
)


def _next_letter(base: str, tok: str) -> bool:
    """ "(k)" after "(j)": a letter item's base and the next token in the sequence."""
    return len(base) == 3 and base[1].isalpha() and len(tok) == 1 and ord(tok) == ord(base[1]) + 1


def _label_form(label: str) -> str:
    """ "(a)", "(iv)" → "(x)"; "a." → "x."; "ii)" → "x)": how a list sets its labels."""
    return re.sub(r"[^\W\d_]+", "x", label.strip("[] "))


def _first_sub(rest: str) -> bool:
    """ "(a) “States Parties” means …" after a paragraph's number: its first sub-paragraph
    (opening on a capital, a quote, or a letter of a script without case: "(a) 根据 …")."""
    found = match_sub(rest) if rest[:1] == "(" or rest[1:2] == ")" else None  # "(a)", or "a)" as French prints it
    if found is None or found[0] not in ("a", "i"):
        return False
    first = found[2][:1]
    return (first.isalpha() and not first.islower()) or first in '“"‘[«'


def _closes_bracket(text: str) -> bool:
    """The line ends on a bracket it did not open: one opened on the line before closes here."""
    return text.endswith("]") and text.count("]") > text.count("[")


_LABEL_ALONE_RE = re.compile(
    r"^(?:Article|Part|Annex|Appendix|Chapter)\s+[\w.-]{1,8}(?:\s?(?:bis|ter|quater|quinquies|ante))?\.?$", re.I
)
_SCOPE_STARTS = frozenset("AaSs")  # Annex, Appendix, Attachment, Schedule: the scope patterns run only then
_EMPHASIS_LABEL_RE = re.compile(r"^(\*\*|__)(?P<label>[^*_\n]{1,40}?)\1\s+")
_RESTATED = frozenset({"article", "annex", "appendix"})  # what a compilation restates under each delegation


def _run_on_article(found: LabelMatch) -> bool:
    """ "Article 6 Without prejudice This Agreement … ." (a text whose article titles run on into their
    first paragraph): the article's heading, holding its paragraph, not a paragraph of the article before."""
    first = found.rest[:1]
    # a capital, or a letter of a script without capitals (Chinese, Arabic)
    starts = first.isupper() or (first.isalpha() and first.lower() == first.upper())
    return not found.close and found.number.ordinal == "" and found.label[:1].isupper() and starts


_TITLED_SCOPES = frozenset({"article", "decision", "resolution", "annex", "appendix", "part", "chapter"})
_NEW_ARTICLE_RE = re.compile(
    r"^(?P<lead>(?:proposal\s+for\s+)?(?:an?\s+)?new)\s+(?P<heading>(?:article|annex)\s+\S.*)$", re.I
)
_BRACKETED_LABEL_RE = re.compile(
    r"^(?P<label>(?:Article|Art\.|Chapter|Part|Section|Annex|Appendix)\s+[\w.-]{1,12}(?:\s(?:bis|ter|quater))?)\]\s*(?P<rest>.*)$",
    re.I,
)
_BRACKET_BEFORE_ORDINAL_RE = re.compile(
    r"^(?P<number>\d{1,3})\s*\[\s*(?P<rest>(?:bis|ter|quat\w*|quinquies|sexies|septies|octies|novies|decies)\b.*)$",
    re.I | re.S,
)
_SMALL_ROMAN_RE = re.compile(r"^[ivx]+$")
_LOOSE_SUB_RE = re.compile(r"^(?P<tok>[a-z]{1,2}|[ivxlc]{1,6})[.)](?=\s|$)")


_LETTER_DOT_RE = re.compile(r"^(?P<tok>[a-z])\.(?:\s+|$)")  # "c." going on from "b.": a letter label
_AFTER_COLON_SUB_RE = re.compile(r"^(?P<tok>[a-z])\.\s+(?=[^\W\d_])")


def _after_colon_sub(text: str) -> tuple[str, str, str] | None:
    """ "a. formulating …" in lower case, or in a script without capitals ("a. 自然 …",
    a Chinese "（1）" read onto its English label): a label only right after a chapeau."""
    m = _AFTER_COLON_SUB_RE.match(text)
    if m is None or text[m.end()].isupper():
        return None
    return m["tok"], m.group(0).strip(), text[m.end() :].strip()


def _loose_sub(text: str) -> tuple[str, str, str] | None:
    """Word list numbers such as ``a.`` or ``iv.``."""
    m = _LOOSE_SUB_RE.match(text)
    if not m:
        return None
    return m["tok"], m.group(0), text[m.end() :].strip()
