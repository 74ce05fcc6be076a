"""Options a negotiating text offers ("Option 1:", "Option II", "Alt. 2."):
which paragraph, article or section each series is offered for, and where
it ends, so that "paragraph 7 of option II of article 11" has an id
(``Art11.OptII.7``) and "option 2 of paragraph 3" another (``3.Opt2``)."""

from __future__ import annotations

import re

from .blocks import Block, _title_like
from .items import _BuilderState, _Item, _Option, _Series
from .model import Draft, Kind, Paragraph
from .numbering import LabelMatch, letter_value, match_para, roman_value

# "Option 2:", "[Option I", "Option (a):", "Alternative B", "Alt. 1.": the token is what a citation uses;
# "Option1:" with the space lost
_OPTION_RE = re.compile(
    r"^\[?\s*(?:(?P<word>Option|Alternative)(?:\s+|(?=\d))|(?P<alt>Alt)(?:\.\s*|\s+))"  # "Option5 bis" too
    r"(?P<tok>\((?:\d{1,2}|[A-Za-z]|[IVX]{1,4}|[ivx]{2,4})\)|\d{1,2}|[IVX]{1,4}|[A-Za-z])"
    r"(?:\s?(?P<ord>bis|ter|quater|quinquies|sexies))?(?![\w])",
)
_OPTION_WORD_RE = re.compile(r"(?<=\s)\[?\s*(?:Option|Alternative|Alt)\b")  # an option offered inside a text
_BARE_OPTION_LINE_RE = re.compile(
    r"^\[?\s*(?:Option|Alternative|Alt\.?)\s*\(?\w{1,4}\)?(?:\s?bis|\s?ter)?\s*[:.]?\s*$", re.I
)


# "Art8.4.Opt2", "3.1.AltB"; with its items, "12(b)" too. A bare ".Alt" ("3.3alt:" printed as a
# numbered paragraph of its own, 3.3.Alt) is no option of a series: it aligns as a paragraph
_OPTION_ID_RE = re.compile(r"^(?P<base>.+?)(?:\.(?:Opt|Alt)[^.(]+|(?P<item>\([a-z]{1,3}\)))$")


def option_group(paragraph_id: str, *, items: bool = False) -> str | None:
    """The id of the paragraph whose options this one belongs to ("Art8.4.Opt2" -> "Art8.4"),
    None for a paragraph that is no later option. With ``items``, a lettered item belongs to
    its paragraph's group too ("12(b)" -> "12")."""
    m = _OPTION_ID_RE.match(paragraph_id)
    if m is None or (m["item"] and not items):
        return None
    return m["base"]


def option_groups(draft: Draft) -> dict[str, list[Paragraph]]:
    """A draft's paragraphs by the option group they belong to ("Art8.4" holds "Art8.4" and
    "Art8.4.Opt2"); a paragraph of no group is its own. Made once a draft."""
    cached = getattr(draft, "_option_groups", None)
    if cached is None:
        cached = {}
        for paragraph in draft.paragraphs:
            cached.setdefault(option_group(paragraph.id) or paragraph.id, []).append(paragraph)
        draft._option_groups = cached  # type: ignore[attr-defined]
    return cached


def _titled_option(text: str) -> bool:
    """ "Option 2: communication before the end of the period": an option line with a title
    only; the paragraph after it is the option's text."""
    m = _OPTION_RE.match(text)
    rest = text[m.end() :].lstrip(" :.*") if m else ""
    return bool(rest) and rest[:1].islower() and rest[-1] not in ".,;:]" and len(rest.split()) <= 12


def is_bare_option(text: str) -> bool:
    """ "Option 2:", "[Option 1 bis.": an option line with no text of its own."""
    return bool(_BARE_OPTION_LINE_RE.match(text))


_OPTION_STARTS = frozenset("[OA")  # what an option line can start with: the regex runs only then
_ORDINAL_STEP = {"bis": 0.2, "ter": 0.3, "quater": 0.4, "quinquies": 0.5, "sexies": 0.6}


def _option_token(m: re.Match) -> tuple[str, str, str, float]:
    """(word, token, style, value): "Option II" -> ("Opt", "II", "roman", 2)."""
    word = "Alt" if m["alt"] else "Opt"
    token = m["tok"].strip("()")
    ordinal = m["ord"] or ""
    step = _ORDINAL_STEP.get(ordinal, 0.0)  # "Option 1 bis" comes between options 1 and 2
    if token.isdigit():
        return word, token + ordinal, "digit", int(token) + step
    if len(token) > 1 or token in "IVX":
        return word, token + ordinal, "roman", roman_value(token) + step
    return word, token + ordinal, "upper" if token.isupper() else "lower", letter_value(token) + step


class _Options(_BuilderState):
    """Series of options, innermost last: opened by an option line or by a
    paragraph whose text starts with its first option, closed by a heading or
    a paragraph that is not part of what they were offered for."""

    def _close_options(self, parts: tuple[int, ...], base: str = "", rest: str = "") -> None:
        """A numbered paragraph ends the options offered for a paragraph it is
        not part of: 4 ends those of 3 and of 3(c), 3.1 stays inside those of 3.
        An article's option block ends at a paragraph that offers options of its
        own ("5. Option 1: …" after "Option 2:" of article 6): options are not
        offered inside an alternative version of the whole article."""
        while self.options:
            owner = self.options[-1].owner
            series = self.options[-1]
            if owner is not None and owner.role == "heading" and series.value > 1 and self._offers_options(rest):
                self.options.pop()  # in option 2 or later of an article: the block has ended
                continue
            if owner is None or owner.role == "heading":
                return
            inside = owner.role == "numbered" and owner.parts and parts[: len(owner.parts)] == owner.parts
            if inside and len(parts) > len(owner.parts):
                return
            last = self.items[-1] if self.items else None
            if (
                inside
                and base == owner.base
                and last is not None
                and last.role == "option"
                and last.option is self.options[-1].option
            ):
                return  # "Option 2:" then "23. Parties may claim …": paragraph 23 restated in option 2
            self.options.pop()

    @staticmethod
    def _offers_options(rest: str) -> bool:
        text = rest.lstrip("[*( ")
        return text[:1] in _OPTION_STARTS and bool(_OPTION_RE.match(text))

    def _restated_alternative(self, m: LabelMatch, block: Block, kind: Kind) -> bool:
        """ "[7. Alt. 1. …" then "[7. Alt. 2. …": the number restated with the next
        alternative is that alternative of paragraph 7 (``Art1.7.Alt2``); paragraph 7
        holds the first, as "3. [Option 1: …" does."""
        series = self.options[-1] if self.options else None
        if series is None or series.owner is None or series.owner.role != "numbered" or series.first is None:
            return False
        if series.owner.base != m.number.id or series.owner.scopes != tuple(self.scopes):
            return False
        found = _OPTION_RE.match(m.rest)
        if not found:
            return False
        word, token, style, value = _option_token(found)
        if style != series.style or not series.value < value <= int(series.value) + 1:
            return False
        series.value = value
        series.option = _Option(series.owner, token, word)
        item = self._add("option", m.label, kind, m.rest, block, m.close, option=series.option)
        self._set_anchor(item)
        self.parent = item
        self.letter = None
        self.letter_value = 0
        self.roman_value = 0
        return True

    def _open_inline_option(self, item: _Item, rest: str) -> None:
        """ "3. [Option 1: All Parties …": paragraph 3 offers options, and holds the first."""
        m = _OPTION_RE.match(rest) if rest[:1] in _OPTION_STARTS else None
        if m:
            word, token, style, value = _option_token(m)
            first = _Option(item, token, word)
            self.options.append(_Series(item, style, value, first, self._sub_context(item), first=first))

    def _sub_context(self, item: _Item | None) -> tuple:
        """What a sub-paragraph after this item's options goes on from (its parent and letters)."""
        if item is None or item.role != "sub":
            return ()
        return (item.parent, self.letter, self.letter_value, self.roman_value)

    def _option_line(self, text: str, block: Block, label: str) -> bool:
        """ "Option 2: …", "Option I", "Alt. 2." on a line of its own: the next
        option of the series open for the same owner, or a new series offered
        for the paragraph (or article) it follows."""
        m = _OPTION_RE.match(text) if text[:1] in _OPTION_STARTS else None
        if not m:
            return False
        rest = text[m.end() :].lstrip(" .:")
        held = match_para(rest) if rest[:1].isdigit() else None
        if held is not None and held.number.form == "para" and not held.number.prefix:
            # "[Alt.1 5. In addition …": the alternative opens with paragraph 5, as "[Alt.1" then "5." does
            self._option_line(text[: len(text) - len(rest)].rstrip(), block, label)
            self._numbered(rest, block, strict=True, matched=held)
            return True
        word, token, style, value = _option_token(m)
        series = None
        for index in range(len(self.options) - 1, -1, -1):
            candidate = self.options[index]
            if candidate.style == style and candidate.value < value <= int(candidate.value) + 1:
                del self.options[index + 1 :]
                series = candidate
                break
            if style == "roman" and value == 2 and candidate.style == "lower" and candidate.option.token == "i":
                # "Option (i): …" then "Option (ii): …": the (i) was a roman one, not the letter i
                del self.options[index + 1 :]
                candidate.style, candidate.value = "roman", 1
                series = candidate
                break
        if series is None:
            owner = self._offered_inside(style, value) or self._option_owner(style)
            if value == 1 and self._after_own_series(style):
                owner = "self"  # "Option (b): …" of one preambular paragraph, then "[Option (a): …" of the next
            elif owner == "self" and is_bare_option(text) and self.section_item is not None:
                # "[General]" then "[Option 1:" alone: no paragraph of its own, options for the section
                owner = self.section_item if self.section_item.role == "heading" else owner
            if owner == "self":
                # "Option (a): Being guided by …" after a preambular paragraph: a paragraph
                # that holds option (a), and offers (b), (c) after it
                item = self._positional(label, Kind.UNNUMBERED, text, block)
                self.options.append(_Series(item, style, value, _Option(item, token, word)))
                self.parent = item
                return True
            assert not isinstance(owner, str)
            if owner is not None and self._takes_first_option(owner, value):
                # "1. Collective long-term goal" then "Option 1: [Parties aim …": option 1 is
                # paragraph 1's text; options 2, 3 … follow it
                owner.para.text = f"{owner.para.text} {text}".strip()
                owner.para.notes.extend(block.notes)
                owner.para.location = owner.para.location.taking_in(block.location)
                owner.title_like = False
                owner.body_merged = True
                self.options.append(_Series(owner, style, value, _Option(owner, token, word), self._sub_context(owner)))
                self.parent = owner
                return True
            series = _Series(owner, style, value, _Option(owner, token, word), self._sub_context(owner))
            self.options.append(series)
        series.body = self._variant_body(series, value)
        series.value = value
        series.option = _Option(series.owner, token, word)
        item = self._positional(label, Kind.UNNUMBERED, text, block)
        item.role = "option"
        item.option = series.option
        self._set_anchor(item)
        self.parent = item  # "Option 1: … shall:" then (a), (b): the option's items
        self.letter = None
        self.letter_value = 0
        self.roman_value = 0
        owner = series.owner
        if owner is not None and owner.role == "heading" and text.count("]") > text.count("["):
            # "Option 2: No general provisions.]": the bracket opened before option 1 closes, and the block with it
            self.options.remove(series)
        return True

    def _option_body(self, text: str, block: Block) -> bool:
        """ "Option 2:" alone, then "All Parties to enhance action …": for a paragraph's
        options, that text is option 2 (``3.Opt2``). An article's option block, or an
        option whose text is a chapeau and its items, keeps its paragraphs (``Art2.Opt2.1``)."""
        last = self.items[-1] if self.items else None
        if (
            last is not None
            and last.role == "numbered"
            and not last.body_merged
            and is_bare_option(last.para.text)
            and not _OPTION_RE.match(text)
        ):
            # "34. [Option 1:" alone on its line, then "Recommends …": paragraph 34 is option 1's text
            last.para.text = f"{last.para.text} {text}"
            last.para.notes.extend(block.notes)
            last.para.location = last.para.location.taking_in(block.location)
            last.body_merged = True
            if text.rstrip("] ").endswith(":"):
                self.parent = last
            return True
        if (
            last is None
            or last.role != "option"
            or last.option is None
            or last.option.owner is None
            or last.option.owner.role not in ("numbered", "sub")
            or not (is_bare_option(last.para.text) or _titled_option(last.para.text))
            or _OPTION_RE.match(text)
            or text.rstrip("] ").endswith(":")  # a chapeau and its items: the option's body, counted from 1
        ):
            return False
        last.para.text = f"{last.para.text} {text}"
        last.para.notes.extend(block.notes)
        last.para.location = last.para.location.taking_in(block.location)
        return True

    def _variant_body(self, series: _Series, value: float) -> _Option | None:
        """ "Option 1 bis" right after option 1's line (or another variant of it,
        with no paragraph between): a variant of option 1's chapeau, and the
        list after them is option 1's (``26.Opt1.26.3``)."""
        last = self.items[-1] if self.items else None
        if value == int(value) or int(series.value) != int(value) or last is None:
            return None
        inline = last is series.owner and series.option is series.first  # "26. [Option 1: …"
        if not inline and (last.role != "option" or last.option is not series.option):
            return None
        return series.body or series.option

    def _after_own_series(self, style: str) -> bool:
        """The last paragraph is a later option of a series an unnumbered
        paragraph offered itself (a preambular "Option (a): … Option (b): …")."""
        last = self.items[-1] if self.items else None
        if last is None or last.role != "option" or last.option is None or not self.options:
            return False
        series = self.options[-1]
        owner = series.owner
        return (
            series.style == style
            and series.value > 1
            and last.option is series.option
            and owner is not None
            and owner.role in ("positional", "preamble")
            and owner.para.kind is Kind.UNNUMBERED
        )

    def _chapeau_joins_option(self) -> None:
        """ "Option 2:" alone, then its chapeau "All Parties to …:", then numbered
        paragraphs (3.1, 3.2): the chapeau is option 2's text (``3.Opt2``), its list
        ``3.Opt2.3.1``. Called when the numbered paragraph comes."""
        if len(self.items) < 2:
            return
        chapeau, line = self.items[-1], self.items[-2]
        if (
            chapeau.role != "positional"
            or chapeau.para.kind is not Kind.UNNUMBERED
            or chapeau.anchor is not line
            or line.role != "option"
            or line.option is None
            or line.option.owner is None
            or line.option.owner.role != "numbered"
            or not is_bare_option(line.para.text)
            or not chapeau.para.text.rstrip("] ").endswith(":")
        ):
            return
        line.para.text = f"{line.para.text} {chapeau.para.text}"
        line.para.notes.extend(chapeau.para.notes)
        line.para.location = line.para.location.taking_in(chapeau.para.location)
        self.items.pop()
        self.parent = line

    def _takes_first_option(self, owner: _Item, value: float) -> bool:
        """A numbered paragraph (or sub-paragraph) with a title only, or no
        text, right before the first option: the option is its text."""
        last = self.items[-1] if self.items else None
        return (
            value == 1
            and owner is last
            and owner.role in ("numbered", "sub")
            and not owner.body_merged
            and (not owner.para.text.strip("[ ") or _title_like(owner.para.text))  # "[88." alone
        )

    def _article_block(self, parts: tuple[int, ...]) -> None:
        """ "4. …", then "[Alt.1" alone, then "5. In addition …": an alternative that holds
        numbered paragraphs of its own is a block of the article ("Art52.Alt1.5"), not an
        alternative text of paragraph 4."""
        last = self.items[-1] if self.items else None
        if last is None or last.role != "option" or last.option is None or not is_bare_option(last.para.text):
            return
        owner = last.option.owner
        if owner is None or owner.role not in ("numbered", "sub"):
            return
        if owner.role == "numbered" and owner.parts and parts[: len(owner.parts)] == owner.parts:
            return  # "3.1" in an option of 3, or 3 restated in it
        series = self.options[-1] if self.options else None
        article = next(
            (i for i in reversed(self.items[-400:]) if i.role == "heading" and (i.scope or i.restates) is not None),
            None,
        )
        if series is None or series.option is not last.option or article is None:
            return
        series.owner = last.option.owner = article
        series.context = ()

    def _offered_inside(self, style: str, value: float) -> _Item | None:
        """ "[1. In situ … shall be subject to [Alt. 1. …", a delegation's comment, then
        "[Alt. 2. …": the paragraph whose text offered alternative 1 is offered 2 too."""
        last = self.items[-1] if self.items else None
        if value <= 1 or last is None or last.role != "positional" or last.para.kind is not Kind.UNNUMBERED:
            return None
        for item in reversed(self.items[-4:-1]):
            if item.role == "heading" or item.para.kind is Kind.HEADING:
                return None
            if item.role in ("numbered", "sub"):
                for at in _OPTION_WORD_RE.finditer(item.para.text):
                    m = _OPTION_RE.match(item.para.text[at.start() :])
                    if m and _option_token(m)[2] == style and _option_token(m)[3] == value - 1:
                        return item
                return None
        return None

    def _option_owner(self, style: str) -> _Item | str | None:
        """What a new series of options is offered for: "Option I" (roman) for
        the section or article it stands in; otherwise the paragraph (or
        option) since the last heading, else that heading; after an unnumbered
        paragraph (a preambular one), the option line is a paragraph of its own
        and offers its series itself ("self")."""
        if style == "roman" and self.section_item is not None and self.section_item.role == "heading":
            return self.section_item
        last = self.items[-1] if self.items else None
        if last is not None and last.role == "positional" and last.para.kind is Kind.UNNUMBERED:
            return "self"
        for item in reversed(self.items[-400:]):
            if item.role in ("numbered", "sub", "option", "heading"):
                return item
        return None
