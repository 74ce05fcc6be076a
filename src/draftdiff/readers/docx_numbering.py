"""Word list numbers, computed the way Word computes them.

python-docx does not compute displayed list numbers, so this module does:
``numPr`` on the paragraph or inherited through its style's ``basedOn``
chain; ``num`` -> ``abstractNum`` (following ``numStyleLink``); per-level
``start``, ``numFmt``, ``lvlText``, ``isLgl``, ``lvlRestart``; ``lvlOverride``
with ``startOverride`` or a whole replacement level. Counters are kept per
abstract definition, so two ``num`` instances of one definition continue each
other, unless a ``num`` restarts a level with ``startOverride``, which gives
it counters of its own from its first paragraph on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..document.numbering import to_letters, to_roman

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(element: etree._Element | None, attr: str = "val") -> str | None:
    if element is None:
        return None
    return element.get(f"{W}{attr}")


# Word's list numbers stop at 32767; larger values in a file are a fault or an
# attack ("start 10^12" with roman numerals would take minutes and gigabytes).
MAX_LIST_VALUE = 32767
MAX_LEVEL = 8  # levels 0..8


def _int(element: etree._Element | None, default: int | None = None, problems: list[str] | None = None) -> int | None:
    value = _val(element)
    if value is None:
        return default
    return _number(value, default, problems)


def _number(value: str | None, default: int | None = None, problems: list[str] | None = None) -> int | None:
    """An attribute that should be a number; anything else gives the default
    (and is noted in ``problems``, for the reader's warnings)."""
    if value is None:
        return default
    if not re.fullmatch(r"\s*-?\d{1,12}\s*", value):
        if problems is not None:
            problems.append(value[:20])
        return default
    number = int(value)
    if abs(number) > MAX_LIST_VALUE and problems is not None:
        problems.append(value[:20])
    return max(-MAX_LIST_VALUE, min(number, MAX_LIST_VALUE))


def _level_index(value: str | None, problems: list[str] | None = None) -> int:
    number = _number(value, 0, problems) or 0
    return max(0, min(number, MAX_LEVEL))


def _is_on(element: etree._Element | None) -> bool:
    """A toggle property such as <w:b/>: on unless w:val says 0/false."""
    return element is not None and _val(element) not in ("0", "false", "off")


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    is_lgl: bool = False
    restart: int | None = None  # lvlRestart: restart after this (1-based) level; 0 = never
    style: str | None = None  # pStyle linked to this level
    suffix: str = "tab"


def _read_level(element: etree._Element, problems: list[str] | None = None) -> Level:
    return Level(
        start=_int(element.find(f"{W}start"), 0, problems) or 0,
        fmt=_val(element.find(f"{W}numFmt")) or "decimal",
        text=(_val(element.find(f"{W}lvlText")) or "") if element.find(f"{W}lvlText") is not None else "",
        is_lgl=element.find(f"{W}isLgl") is not None and _val(element.find(f"{W}isLgl")) not in ("0", "false"),
        restart=_int(element.find(f"{W}lvlRestart"), None, problems),
        style=_val(element.find(f"{W}pStyle")),
        suffix=_val(element.find(f"{W}suff")) or "tab",
    )


@dataclass
class Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None
    style_link: str | None = None


@dataclass
class Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class Style:
    style_id: str
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    kind: str = "paragraph"
    bold: bool = False


@dataclass(frozen=True)
class ListNumber:
    """The number Word shows in front of a paragraph."""

    text: str  # "12.", "(a)", "Article 3", "•"
    bullet: bool
    level: int


def _format(value: int, fmt: str) -> str:
    value = max(-MAX_LIST_VALUE, min(value, MAX_LIST_VALUE))
    if fmt in ("decimal", "decimalEnclosedFullstop", "decimalEnclosedParen", "decimalHalfWidth", "decimalFullWidth"):
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "lowerLetter":
        return to_letters(value) if value > 0 else ""
    if fmt == "upperLetter":
        return to_letters(value).upper() if value > 0 else ""
    if fmt == "lowerRoman":
        return to_roman(value).lower() if value > 0 else "0"
    if fmt == "upperRoman":
        return to_roman(value) if value > 0 else "0"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt == "none":
        return ""
    return str(value)  # cardinalText and others: the digits carry the meaning


class Numbering:
    """Styles and numbering definitions of one document, with running counters."""

    def __init__(self, styles: etree._Element | None, numbering: etree._Element | None) -> None:
        # attributes that should have been numbers and were not (or were absurd): for a warning
        self.bad_numbers: list[str] = []
        bad = self.bad_numbers
        self.styles: dict[str, Style] = {}
        self.default_style: str | None = None
        if styles is not None:
            for element in styles.iter(f"{W}style"):
                sid = element.get(f"{W}styleId")
                if not sid:
                    continue
                ppr = element.find(f"{W}pPr")
                num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
                style = Style(
                    style_id=sid,
                    name=(_val(element.find(f"{W}name")) or sid),
                    based_on=_val(element.find(f"{W}basedOn")),
                    kind=element.get(f"{W}type") or "paragraph",
                    outline=_int(ppr.find(f"{W}outlineLvl"), None, bad) if ppr is not None else None,
                    bold=_is_on(element.find(f"{W}rPr/{W}b")),
                )
                if num_pr is not None:
                    style.num_id = _val(num_pr.find(f"{W}numId"))
                    style.ilvl = _int(num_pr.find(f"{W}ilvl"), None, bad)
                self.styles[sid] = style
                if element.get(f"{W}default") in ("1", "true") and style.kind == "paragraph":
                    self.default_style = sid
        self.abstracts: dict[str, Abstract] = {}
        self.nums: dict[str, Num] = {}
        if numbering is not None:
            for element in numbering.iter(f"{W}abstractNum"):
                abstract = Abstract(
                    num_style_link=_val(element.find(f"{W}numStyleLink")),
                    style_link=_val(element.find(f"{W}styleLink")),
                )
                for lvl in element.iter(f"{W}lvl"):
                    ilvl = _level_index(lvl.get(f"{W}ilvl", "0"), bad)
                    abstract.levels[ilvl] = _read_level(lvl, bad)
                self.abstracts[element.get(f"{W}abstractNumId", "")] = abstract
            for element in numbering.iter(f"{W}num"):
                num = Num(abstract_id=_val(element.find(f"{W}abstractNumId")) or "")
                for override in element.iter(f"{W}lvlOverride"):
                    ilvl = _level_index(override.get(f"{W}ilvl", "0"), bad)
                    start = override.find(f"{W}startOverride")
                    if start is not None:
                        num.start_overrides[ilvl] = _int(start, 0, bad) or 0
                    lvl = override.find(f"{W}lvl")
                    if lvl is not None:
                        num.level_overrides[ilvl] = _read_level(lvl, bad)
                self.nums[element.get(f"{W}numId", "")] = num
        # counters per abstract definition: {abstract id: {ilvl: value}}
        self.counters: dict[str, dict[int, int]] = {}
        self.started_nums: set[str] = set()

    # -- styles ------------------------------------------------------------
    def style_chain(self, style_id: str | None) -> list[Style]:
        chain: list[Style] = []
        seen: set[str] = set()
        sid = style_id or self.default_style
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return chain

    def heading_level(self, style_id: str | None, direct_outline: int | None) -> int | None:
        """1-based heading level from the style name or outline level."""
        if direct_outline is not None and direct_outline < 9:
            return direct_outline + 1
        for style in self.style_chain(style_id):
            name = style.name.lower()
            if name == "title":
                return 1
            if name.startswith("heading ") and name[8:].isdigit():
                return int(name[8:])
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None

    def style_bold(self, style_id: str | None) -> bool:
        return any(style.bold for style in self.style_chain(style_id))

    # -- numbering ---------------------------------------------------------
    def _resolve_abstract(self, num: Num) -> tuple[str, Abstract] | None:
        abstract_id = num.abstract_id
        for _ in range(5):  # numStyleLink indirection, guarded against loops
            abstract = self.abstracts.get(abstract_id)
            if abstract is None:
                return None
            link = abstract.num_style_link
            if not link:
                return abstract_id, abstract
            linked = next((s for s in self.style_chain(link) if s.num_id), None)
            target = self.nums.get(linked.num_id) if linked and linked.num_id else None
            if target is None or target.abstract_id == abstract_id:
                return abstract_id, abstract
            abstract_id = target.abstract_id
        return None

    def paragraph_num(self, style_id: str | None, num_id: str | None, ilvl: int | None) -> tuple[str, int] | None:
        """The (numId, ilvl) that applies to a paragraph, direct or from its style."""
        style_num = style_ilvl = None
        for style in self.style_chain(style_id):
            if style.num_id is not None:
                style_num, style_ilvl = style.num_id, style.ilvl
                break
        if num_id is None:
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            ilvl = self._level_for_style(num_id, style_id)
        return num_id, max(0, min(ilvl, 8))

    def _level_for_style(self, num_id: str, style_id: str | None) -> int:
        resolved = self._resolve_abstract(self.nums[num_id])
        if resolved and style_id:
            for ilvl, level in resolved[1].levels.items():
                if level.style == style_id:
                    return ilvl
        return 0

    def _level(self, num: Num, abstract: Abstract, ilvl: int) -> Level | None:
        return num.level_overrides.get(ilvl) or abstract.levels.get(ilvl)

    def next_number(self, num_id: str, ilvl: int) -> ListNumber | None:
        """Advance the counters for one numbered paragraph and format its label."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        resolved = self._resolve_abstract(num)
        if resolved is None:
            return None
        abstract_id, abstract = resolved
        level = self._level(num, abstract, ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(abstract_id, {})
        if (num.start_overrides or num.level_overrides) and num_id not in self.started_nums:
            # First paragraph of a restarting num: reset the shared counters.
            self.started_nums.add(num_id)
            for index in set(num.start_overrides) | set(num.level_overrides):
                start = num.start_overrides.get(index, num.level_overrides.get(index, level).start)
                counters[index] = start - 1
                for deeper in [d for d in counters if d > index]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        # Deeper levels restart when this one advances (unless lvlRestart says otherwise).
        for deeper in [d for d in counters if d > ilvl]:
            deeper_level = self._level(num, abstract, deeper)
            restart = deeper_level.restart if deeper_level else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return ListNumber(text=level.text, bullet=True, level=ilvl)
        text = level.text
        for index in range(ilvl + 1):
            placeholder = f"%{index + 1}"
            if placeholder not in text:
                continue
            other = self._level(num, abstract, index)
            value = counters.get(index, other.start if other else 1)
            fmt = other.fmt if other else "decimal"
            if level.is_lgl and fmt != "decimalZero":
                fmt = "decimal"  # legal numbering shows every level in Arabic numerals
            text = text.replace(placeholder, _format(value, fmt))
        return ListNumber(text=text.strip(), bullet=False, level=ilvl)
