"""Item labels misread by OCR, read back from the list they stand in.

Tesseract reads a list's labels one line at a time, with no idea of the
list: in a Russian text lettered ``a) b) c)`` in Latin it gives Cyrillic
look-alikes (``а)``, ``с)``, ``е)``), digits (``9)`` for ``g)``), and roman
sub-items as ``1)``, ``п)``, ``У)`` for ``i)``, ``ii)``, ``v)``. A person
reading the list reads the label the sequence expects when the printed one
has its shape, and the one between its neighbours when the sequence skips
it (``ii) … 01) … iv)`` is ``iii)``). This module does the same on the
lines of the pages OCR read, before the layout makes paragraphs of them.

A label is only ever replaced by one of its own list: the next letter or
roman numeral, the first of a new list, or the one between two neighbours;
a label that is none of these stays as read.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..document.numbering import is_roman, roman_value, to_letters, to_roman
from .pdf_engines import Line

# "a) …", "(a) …", "01) …": a line that opens with a short token and a parenthesis
_LABEL_RE = re.compile(r"^(?P<open>\()?(?P<token>[^\s()]{0,4})\)(?=\s)")
# "9 разработка …": a label whose parenthesis OCR lost, then an item's text
_BARE_RE = re.compile(r"^(?P<token>[^\W_]{1,3})(?=\s+[^\W\d_])")
# "а. естественные …", "4. актуальность …": a short token and a point, then a word: the
# label of a list lettered "a. b. c." under an item (or a numbered paragraph's "4.")
_DOTTED_RE = re.compile(r"^(?P<token>[^\W_]{1,2})\.(?=\s+[^\W\d_])")
# a numbered paragraph, or a heading, ends the lists before it
_RESET_RE = re.compile(r"^(?:\d{1,3}\.\s|\S+\s+\d{1,3}$|[^\W\d_]+\s+[IVXLC]+$)")

# Shapes OCR confuses with a Latin letter: Cyrillic letters drawn the same,
# and digits.
_LETTER_SHAPES = {
    "а": "a",
    "в": "b",
    "ь": "b",
    "б": "b",
    "6": "b",
    "с": "c",
    "е": "e",
    "9": "g",
    "н": "h",
    "і": "i",
    "1": "il",
    "к": "k",
    "т": "m",
    "м": "m",
    "п": "n",
    "о": "o",
    "0": "o",
    "р": "p",
    "г": "r",
    "ѕ": "s",
    "у": "y",
    "х": "x",
}
# ... and with the strokes of a roman numeral
_ROMAN_SHAPES = str.maketrans(
    {
        "1": "i",
        "l": "i",
        "|": "i",
        "і": "i",
        "!": "i",
        "п": "ii",
        "ш": "iii",
        "у": "v",
        "х": "x",
    }
)
_DIGITS_RE = re.compile(r"^\d+$")


@dataclass(slots=True)
class _Label:
    line: Line
    open: bool  # "(a)" rather than "a)"
    token: str
    end: int  # where the label ends in the line's text
    bare: bool = False  # no parenthesis: taken only where its list expects it
    dotted: bool = False  # "a." rather than "a)": an inner list's label, or a paragraph number


def _letters(token: str, alphabet: Sequence[str]) -> set[int]:
    """The letter values ``token`` may stand for: itself, a look-alike, its place in ``alphabet``."""
    low = token.lower()
    values: set[int] = set()
    if len(low) == 1 and "a" <= low <= "z":
        values.add(ord(low) - ord("a") + 1)
    if len(low) == 1 and low in _LETTER_SHAPES:
        values.update(ord(shape) - ord("a") + 1 for shape in _LETTER_SHAPES[low])
    if low in alphabet:
        values.add(list(alphabet).index(low) + 1)
    return values


def _romans(token: str) -> set[int]:
    low = token.lower()
    values = {roman_value(low)} if is_roman(low) else set()
    shaped = low.translate(_ROMAN_SHAPES)
    if shaped != low and is_roman(shaped):
        values.add(roman_value(shaped))
    return values


class _Lists:
    """Where the lists stand: the last letter and the last roman numeral given."""

    def __init__(self, alphabet: Sequence[str]) -> None:
        self.alphabet = alphabet
        self.letter = 0
        self.roman = 0
        self.previous = ""  # the last label as read

    def reset(self) -> None:
        self.letter = self.roman = 0
        self.previous = ""

    def read(self, token: str, following: str | None, *, bare: bool = False) -> tuple[str, int] | None:
        """("letter" | "roman", value) the label ``token`` stands for, or None to leave it.
        A ``bare`` token (no parenthesis) is a label only where a list goes on."""
        if bare:
            return self._bare(token, following)
        letters, romans = _letters(token, self.alphabet), _romans(token)
        if self.roman and self.roman + 1 in romans:
            return "roman", self.roman + 1
        if self.letter + 1 in letters:
            if _DIGITS_RE.match(token) and following == str(int(token) + 1):
                return None  # "1) … 2)": a numbered list, not a misread one
            return "letter", self.letter + 1
        if self.letter and not self.roman and 1 in romans:
            if _DIGITS_RE.match(token) and following == str(int(token) + 1):
                return None
            return "roman", 1
        if 1 in letters and not _DIGITS_RE.match(token) and self._restarts(following):
            return "letter", 1
        if self.letter and self._foreign(token) and not (_DIGITS_RE.match(token) and self._counting(token, following)):
            # a digit or a letter of another script where a Latin-lettered list goes on
            # (and no numbered list begins), or a label OCR lost: misread. OCR misreads a
            # label glyph for glyph: one character where "iv)" is due is the next letter
            if self.roman and not (len(token) == 1 and len(to_roman(self.roman + 1)) > 1):
                return "roman", self.roman + 1
            return "letter", self.letter + 1
        return self._between(following)

    def _bare(self, token: str, following: str | None) -> tuple[str, int] | None:
        """A label without its parenthesis, at the items' indent: digits where a
        list goes on, or a word between two neighbours of a list ("и" in a
        Russian item's second line is a word, and is left)."""
        if not self.letter:
            return None
        if _DIGITS_RE.match(token) and not self._counting(token, following):
            return ("roman", self.roman + 1) if self.roman else ("letter", self.letter + 1)
        return self._between(following)

    def _between(self, following: str | None) -> tuple[str, int] | None:
        if following is not None:
            # between two neighbours, where the sequence skips one: that one
            if self.roman and self.roman + 2 in _romans(following):
                return "roman", self.roman + 1
            if self.letter and self.letter + 2 in _letters(following, self.alphabet):
                return "letter", self.letter + 1
        return None

    def _restarts(self, following: str | None) -> bool:
        """Whether an "a)" begins a list: no list is open, or "b)" follows it."""
        return not self.letter or following is None or 2 in _letters(following, self.alphabet)

    def _foreign(self, token: str) -> bool:
        """A label no list of this draft is lettered with: digits, nothing, or
        a letter of another script than the lists' own (Latin unless ``alphabet``)."""
        if not token or _DIGITS_RE.match(token):
            return True
        return not token.isascii() and not (self.alphabet and token.lower() in self.alphabet)

    def _counting(self, token: str, following: str | None) -> bool:
        """Whether a digit label is one of a numbered list: "1) … 2)"."""
        number = int(token)
        return following == str(number + 1) or self.previous == str(number - 1)

    def take(self, kind: str, value: int) -> None:
        if kind == "roman":
            self.roman = value
        else:
            self.letter, self.roman = value, 0


def repair_item_labels(
    lines: list[Line], alphabet: Sequence[str] = (), is_heading: Callable[[str], bool] | None = None
) -> int:
    """Give the lines' item labels the letters and numerals their lists
    expect (``lines`` in reading order). ``alphabet``: the language's own item
    letters, in order, whose places count as letters too ("в)" is "c)")
    unless the draft letters its lists in Latin. Returns how many labels
    were changed."""
    changed = _stray_brackets(lines)
    labelled = [(line, found) for line in lines if (found := _LABEL_RE.match(line.text))]
    indent = _indent([line for line, _ in labelled])
    events: list[_Label | None] = []  # None: a list ends here
    for line in lines:
        found = _LABEL_RE.match(line.text)
        if found:
            events.append(_Label(line, bool(found["open"]), found["token"], found.end()))
            continue
        dotted = _DOTTED_RE.match(line.text)
        if dotted:
            events.append(_Label(line, False, dotted["token"], dotted.end(), dotted=True))
            continue
        bare = _BARE_RE.match(line.text)
        if bare and indent and abs(line.x0 - indent) < line.size * 0.5:
            events.append(_Label(line, False, bare["token"], bare.end(), bare=True))
        elif _RESET_RE.match(line.text) or (is_heading is not None and is_heading(line.text)):
            events.append(None)
    tokens = [found["token"].lower() for _, found in labelled]
    latin = sum(1 for token in tokens if len(token) == 1 and "a" <= token <= "z")
    native = sum(1 for token in tokens if token in alphabet and token not in _LETTER_SHAPES)
    lists = _Lists(alphabet if native >= latin else ())
    inner = _Inner(lists.alphabet)
    for index, event in enumerate(events):
        if event is not None and event.dotted:
            value = inner.read(event, lists)
            if value is None:
                if _DIGITS_RE.match(event.token):
                    lists.reset()  # "2. …": a numbered paragraph ends the lists before it
                    changed += _first_item(event, lists)
                continue
            text = f"{to_letters(value)}."
            if event.line.text[: event.end] != text:
                event.line.text = text + event.line.text[event.end :]
                changed += 1
            continue
        if event is None or not event.bare:
            inner.close()  # a label of the outer list's form, or a heading: the inner list is over
        if event is None:
            lists.reset()
            continue
        following = _following(events, index)
        read = lists.read(event.token, following.token if following is not None else None, bare=event.bare)
        lists.previous = event.token
        if read is None:
            if not event.bare and len(event.token) == 1 and "a" <= event.token.lower() <= "z":
                lists.take("letter", ord(event.token.lower()) - ord("a") + 1)  # out of sequence: goes on from it
            continue
        kind, value = read
        lists.take(kind, value)
        label = to_letters(value) if kind == "letter" else to_roman(value).lower()
        text = f"({label})" if event.open else f"{label})"
        if event.line.text[: event.end] != text:
            event.line.text = text + event.line.text[event.end :]
            changed += 1
    return changed


_PARAGRAPH_NUMBER_RE = re.compile(r"^(\d{1,3})\.\s")
_BRACKETED_NUMBER_RE = re.compile(r"^(\d{1,3})[\]|]\.(?=\s)")  # "11]. B знак …"


def _stray_brackets(lines: list[Line]) -> int:
    """ "11]." where paragraph 11 is due after 10: a speck read as a bracket after the
    number (no bracket opened it). How many lines changed."""
    last = 0
    changed = 0
    for line in lines:
        found = _PARAGRAPH_NUMBER_RE.match(line.text)
        if found is None and (stray := _BRACKETED_NUMBER_RE.match(line.text)) and int(stray[1]) == last + 1:
            line.text = f"{stray[1]}." + line.text[stray.end() :]
            found = _PARAGRAPH_NUMBER_RE.match(line.text)
            changed += 1
        if found is not None:
            last = int(found[1])
    return changed


def _first_item(event: _Label, lists: _Lists) -> int:
    """ "4. а) На основании …": a paragraph whose first item is printed on its line; its
    label, a look-alike of "a)", opens the paragraph's list. How many labels changed."""
    rest = event.line.text[event.end :].lstrip()
    found = _LABEL_RE.match(rest)
    if found is None or 1 not in _letters(found["token"], lists.alphabet) or _DIGITS_RE.match(found["token"]):
        return 0
    lists.take("letter", 1)
    label = "(a)" if found["open"] else "a)"
    if found.group(0) == label:
        return 0
    head = event.line.text[: len(event.line.text) - len(rest)]
    event.line.text = head + label + rest[found.end() :]
    return 1


def _following(events: list[_Label | None], index: int) -> _Label | None:
    """The next event of the outer lists: an inner list's "b." is none, a paragraph's "2." ends them."""
    for event in events[index + 1 :]:
        if event is not None and event.dotted:
            if _DIGITS_RE.match(event.token):
                return None
            continue
        return event
    return None


class _Inner:
    """A list lettered "a. b. c." under an item of a list lettered "a)" ("ii) обучение … в
    следующих областях:" then "а. …", "Ь. …", "с. …", "4. …"): its labels stand at one
    indent, and OCR misreads them as it does the outer list's ("4." for "d."). It is
    opened by its first letter while an outer list is open, and closed by the next
    label of another form; a digit where it goes on is its next letter, unless the
    digits count on ("1. … 2."), which are numbered paragraphs."""

    def __init__(self, alphabet: Sequence[str]) -> None:
        self.alphabet = alphabet
        self.letter = 0
        self.x0 = 0.0
        self.previous = ""

    def close(self) -> None:
        self.letter = 0
        self.previous = ""

    def read(self, event: _Label, outer: _Lists) -> int | None:
        """The letter value of a dotted label, or None when it is none of an inner list's."""
        token, line = event.token, event.line
        letters = _letters(token, self.alphabet)
        if not self.letter:
            if outer.letter and 1 in letters and not _DIGITS_RE.match(token):
                self.letter, self.x0, self.previous = 1, line.x0, token
                return 1
            return None
        if abs(line.x0 - self.x0) > line.size * 0.5:
            return None  # a line of the item's text that opens "т. е. …"
        counting = _DIGITS_RE.match(token) and _DIGITS_RE.match(self.previous) and int(self.previous) + 1 == int(token)
        if self.letter + 1 in letters or (not counting and (not token.isascii() or _DIGITS_RE.match(token))):
            self.letter += 1
            self.previous = token
            return self.letter
        self.close()
        return None


def _margin(lines: list[Line]) -> float:
    """The text's left margin: the commonest left edge of the lines (edges within
    half a line's size are one), where the lines of paragraphs run on."""
    if not lines:
        return 0.0
    width = max(statistics.median(line.size for line in lines) / 2, 1.0)
    edges = Counter(round(line.x0 / width) for line in lines)
    return edges.most_common(1)[0][0] * width


def _indent(lines: list[Line]) -> float:
    """Where item labels stand: the commonest left edge of the labelled lines
    (edges within half a line's size are one)."""
    if not lines:
        return 0.0
    width = max(statistics.median(line.size for line in lines) / 2, 1.0)
    edges = Counter(round(line.x0 / width) for line in lines)
    step = edges.most_common(1)[0][0]
    return statistics.median(line.x0 for line in lines if round(line.x0 / width) == step)


def repair_labels(lines: list[Line], language: str) -> None:
    """The item labels of the lines OCR read in ``language`` (ISO 639-1:
    "ru"), put back into their lists: Chinese numbers its own way."""
    from ..document.languages import foreign_scope, table

    entry = table()["languages"].get(language, {})
    if entry.get("script") == "Han":
        repair_chinese_labels(lines)
        return
    repair_item_labels(lines, entry.get("letters", ()), lambda text: foreign_scope(text) is not None)


# "第交十三条": a Chinese article (part, chapter) heading whose numeral OCR misread
_CHINESE_HEADING_RE = re.compile(r"^第(?P<n>[^\s条部章节]{1,5})(?P<kind>条|部分|章)(?=\s|$)")
_CJK_TENS = "一二三四五六七八九"


def to_chinese(value: int) -> str:
    """1 → "一", 14 → "十四", 63 → "六十三" (1 to 99)."""
    tens, units = divmod(value, 10)
    text = ("" if tens == 1 else _CJK_TENS[tens - 1]) + "十" if tens else ""
    return text + (_CJK_TENS[units - 1] if units else "")


# "〈《八 )", "二)", "(丸)": an item label "（八）" as OCR reads it; "、本协定": a
# paragraph label "一、" whose numeral OCR lost
_CHINESE_ITEM_RE = re.compile(
    r"^(?:[〈《(（]{1,2}\s*(?P<n>[^\s)）\d]{0,3}?)|(?P<m>[一二三四五六七八九十]{1,3})"
    r"|[Cc]\s*(?P<c>[一二三四五六七八九十]{1,3}))\s*[)）]\s*"  # "C 八 )": its "（" read as a C
)
_CHINESE_PARAGRAPH_RE = re.compile(r"^(?P<n>[一二三四五六七八九十丸]{0,3})、")  # 丸: 九 misread
# "2. 提供技术": a sub-item's number; "1 治理": one whose point OCR lost
_CHINESE_SUBITEM_RE = re.compile(r"^(?P<n>\d{1,2})(?P<point>[.．])?\s*(?=[\u4e00-\u9fff“《])")


def repair_chinese_labels(lines: list[Line]) -> int:
    """Chinese headings, paragraphs and items whose numerals OCR misread or
    lost take the number their sequence expects: "第交十三条" after article 62
    is 第六十三条, "〈《八 )" after （七） is （八）, "、" after 一、 is 二、.
    Each kind is numbered in sequence, and a reader reads the next number
    where the print is unclear."""
    from ..document.languages import cjk_value

    last: dict[str, int] = {}
    paragraph = item = subitem = 0
    changed = 0
    margin = _margin(lines)
    for line in lines:
        text = line.text
        heading = _CHINESE_HEADING_RE.match(text)
        if heading is not None:
            kind = heading["kind"]
            value = cjk_value(heading["n"])
            paragraph = item = 0
            if value:
                last[kind] = value
            elif kind in last:
                last[kind] += 1
                line.text = f"第{to_chinese(last[kind])}{kind}" + text[heading.end() :]
                changed += 1
            continue
        if text.startswith("附件"):
            paragraph = item = subitem = 0  # an annex numbers its paragraphs from 一、
        found = _CHINESE_PARAGRAPH_RE.match(text)
        if found is not None and not found["n"] and line.x0 < margin + 2 * line.size:
            found = None  # "、内陆国家" at the text's margin: a line of text, no numeral stood left of it
        if found is not None:
            value = cjk_value(found["n"].replace("丸", "九")) if found["n"] else None
            # a numeral read smaller than the next one ("一" for 二: a stroke lost) is the next one
            paragraph = value if value and value > paragraph else paragraph + 1
            item = subitem = 0
            rest = text[found.end() :]
            inner = _CHINESE_ITEM_RE.match(rest)
            if inner is not None:  # "四、( 一 ) 根据 …": the paragraph's first item, printed on its line
                token = next((inner[key] for key in ("n", "m", "c") if inner[key] is not None), None)
                item = 1 if not token or cjk_value(token) in (None, 1) else item + 1
                rest = f"（{to_chinese(item)}）" + rest[inner.end() :]
            line.text = f"{to_chinese(paragraph)}、" + rest
            continue
        found = _CHINESE_ITEM_RE.match(text)
        if found is not None:
            token = next((found[key] for key in ("n", "m", "c") if found[key] is not None), None)
            value = cjk_value(token) if token else None
            item = value if value in (item + 1, 1) else item + 1
            subitem = 0
            line.text = f"（{to_chinese(item)}）" + text[found.end() :]
            continue
        found = _CHINESE_SUBITEM_RE.match(text)
        if found is not None and item:
            value = int(found["n"])
            if found["point"]:
                subitem = value
            elif value == subitem + 1 and line.x0 >= margin + 2 * line.size:
                # "1 治理": the number a sub-item's list expects, its point lost, where
                # sub-items stand (right of the margin, not a line of text starting "2 …")
                subitem = value
                line.text = f"{value}．" + text[found.end() :]
                changed += 1
    return changed
