"""The six UN languages' ways of numbering a text, read onto English labels.

A UN text is issued in Arabic, Chinese, English, French, Russian and
Spanish, and a paragraph must be cited the same way in each: "Статья 6",
"第六条" and "المادة 6" are all ``Art6``, "в)" and "（三）" are ``(c)``. The
conventions are data (``data/languages.toml``); this module compiles them
and rewrites the label at the start of a block into the English label the
builder reads (:class:`Localizer`), and tells a draft's language from its
text (:func:`detect`). The printed label is kept for display.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from .numbering import ORDINALS, is_roman, roman_value, to_letters, to_roman

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
_SCOPE_KINDS = ("article", "part", "annex", "section", "chapter")
_SEP = r"[ \t\u00a0]+"
_CJK_DIGITS = {
    "〇": 0,
    "○": 0,  # a circle, as many texts print the zero
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CJK_UNITS = {"十": 10, "百": 100}
_CJK_NUMERAL = "[〇○零一二两三四五六七八九十百]{1,6}"
_LATIN_ORDINALS = "|".join(sorted(ORDINALS, key=len, reverse=True))


@cache
def table() -> dict[str, Any]:
    text = resources.files("draftdiff").joinpath("data/languages.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def name(code: str) -> str:
    """ "fr" → "French"; an unknown code is returned as it is."""
    entry = table()["languages"].get(code)
    return str(entry["name"]) if entry else code


def cjk_value(token: str) -> int | None:
    """ "十四" → 14, "二十" → 20, "一百零五" → 105, "一九八二" → 1982 (a year, digit by digit);
    None if ``token`` is not a Chinese numeral."""
    if token and len(token) > 1 and all(ch in _CJK_DIGITS for ch in token):
        return int("".join(str(_CJK_DIGITS[ch]) for ch in token))
    total, digit = 0, None
    for char in token:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            total += (1 if digit is None else digit) * _CJK_UNITS[char]
            digit = None
        else:
            return None
    return total + (digit or 0)


def ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic "١٢", full-width "１２") as ASCII."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


@dataclass(frozen=True, slots=True)
class Relabel:
    """A block whose label was read onto its English form."""

    text: str  # the block's text with the English label: "Article 1 Emploi des termes"
    printed: str  # the label as printed: "Article premier"
    english: str  # the English label the builder will report: "Article 1"
    level: str = ""  # "paragraph" ("一、"), "item" ("（一）"), "subitem" ("1．"); "" for a heading
    value: int = 0  # the number the label counts: 3 for "三、" and for "（三）"


@dataclass(frozen=True, slots=True)
class _Scope:
    kind: str
    pattern: re.Pattern[str]
    first: str  # the template's first character: most lines are passed over on it


class Localizer:
    """Reads one draft's labels, block after block (Chinese sub-items depend on the item above)."""

    def __init__(self, code: str) -> None:
        entry = table()["languages"].get(code, {})
        self.code = code
        self._ordinals: dict[str, int] = {k.casefold(): v for k, v in entry.get("ordinals", {}).items()}
        self._cased = entry.get("script") in ("Latin", "Cyrillic")
        number = _number_pattern(self._ordinals)
        inserted = entry.get("inserted")
        suffix = rf"(?:{_SEP}?(?P<ord>{_LATIN_ORDINALS})(?![^\W\d_]))?"
        if inserted:
            suffix += "(?:" + re.escape(inserted).replace(r"\{n\}", f"(?P<ins>{_CJK_NUMERAL}|\\d{{1,2}})") + ")?"
        # a scope word of a cased script ends at a space or the end; Chinese runs on into its title
        end = r"(?=[\s.:–—-]|$)" if entry.get("script") != "Han" else ""
        self._scopes = [
            _Scope(
                kind, re.compile("^(?P<label>" + _template(template, number) + suffix + ")" + end, re.I), template[0]
            )
            for kind in _SCOPE_KINDS
            for template in entry.get(kind, ())
        ]
        spaced = entry.get("script") != "Han"  # Chinese runs its text on after a label
        self._paragraph = _compile(entry.get("paragraph"), number=_CJK_NUMERAL, spaced=spaced)
        self._items = [p for t in entry.get("item", ()) if (p := _compile(t, number=_CJK_NUMERAL, spaced=spaced))]
        self._subitems = [p for t in entry.get("subitem", ()) if (p := _compile(t, number=None, spaced=spaced))]
        self._subsubitems = [p for t in entry.get("subsubitem", ()) if (p := _compile(t, number=None, spaced=spaced))]
        self._in_subitem = False  # Chinese: "（1）" under "2．" is its lettered sub-item, "a."
        self._last: dict[str, int] = {}  # the last number of each scope kind
        letters = entry.get("letters")
        self._letters: dict[str, int] = {letter: i + 1 for i, letter in enumerate(letters or ())}
        self._letter_re = (
            re.compile(
                r"^(?P<label>\((?P<l>"
                + "|".join(map(re.escape, letters))
                + r")\)|(?P<l2>"
                + "|".join(map(re.escape, letters))
                + r")\))(?=\s)"
            )
            if letters
            else None
        )
        self._in_item = False  # Chinese: "1." under "（一）" is its roman sub-item
        self._subitem_under_item = bool(entry.get("subitem_under_item"))

    def relabel(self, text: str) -> Relabel | None:
        """``text`` with its label in English, or None when it has none to read."""
        if not text:
            return None
        found = self._scope(text) or self._numbered(text)
        if found is None and not text[:1].isascii() and text[:1].isdecimal():
            digits = re.match(r"^\d+", text)
            if digits:  # "١. …": Arabic-Indic digits
                found = Relabel(ascii_digits(digits[0]) + text[digits.end() :], digits[0], ascii_digits(digits[0]))
        return found

    def _scope(self, text: str) -> Relabel | None:
        for scope in self._scopes:
            m = scope.pattern.match(text)
            if m is None or (self._cased and not m["label"][:1].isupper()):
                continue  # "article 6 …" at a line start is a cross-reference
            rest = text[m.end() :].lstrip()
            value, style = self._value(m["n"]) if m["n"] else (0, "")
            if value is None:
                continue
            if scope.kind != "article" and rest[-1:] in _LIST_ENDS and value != self._last.get(scope.kind, 0) + 1:
                continue  # "附件七仲裁法庭；": an annex named in a list, not the next annex
            if (
                not self._cased
                and scope.kind == "article"
                and rest[-1:] == "。"
                and value <= self._last.get("article", 0)
            ):
                # "第七十条不排除 …。" under article 71: a sentence that opens on an earlier article's
                # name (Chinese runs a heading on into its title, and has no capital to tell them apart)
                continue
            self._last[scope.kind] = value or 0
            kinds = table()["kinds"][scope.kind]
            english = kinds["english"]
            if m["n"]:
                roman = style == "roman" or (style == "word" and kinds["numeral"] == "roman")
                english += " " + (to_roman(value) if roman else str(value))
            ordinal = m["ord"] or ""
            if m.groupdict().get("ins"):
                inserted, _ = self._value(m["ins"])
                ordinal = _ordinal_name(inserted or 0)
            if ordinal:
                english += " " + ordinal.lower()
            self._in_item = self._in_subitem = False
            return Relabel(f"{english} {rest}".rstrip(), m["label"].strip(), english)
        return None

    def _numbered(self, text: str) -> Relabel | None:
        found = self._numbered_level(text)
        if found is not None:
            self._in_subitem = found.level in ("subitem", "subsubitem")
        return found

    def _numbered_level(self, text: str) -> Relabel | None:
        if self._in_subitem:
            for pattern in self._subsubitems:
                m = pattern.match(text)
                if m:
                    inner = int(ascii_digits(m["d"]))
                    return _relabel(text, m, f"{to_letters(inner)}.", "subsubitem", inner)
        if self._paragraph is not None:
            m = self._paragraph.match(text)
            if m:
                number, _ = self._value(m.groupdict().get("n") or m["d"])
                if number:
                    self._in_item = False
                    found = _relabel(text, m, f"{number}.", "paragraph", number)
                    return self._first_item(found, text[m.end() :].lstrip()) or found
        for pattern in self._items:
            m = pattern.match(text)
            item = self._value(m["n"])[0] if m else None
            if m and item:
                self._in_item = True
                return _relabel(text, m, f"({to_letters(item)})", "item", item)
        if self._letter_re is not None:
            m = self._letter_re.match(text)
            if m:
                self._in_item = True
                letter = self._letters[m["l"] or m["l2"]]
                return _relabel(text, m, f"({to_letters(letter)})", "item", letter)
        if not self._subitem_under_item or self._in_item:
            for pattern in self._subitems:
                m = pattern.match(text)
                if m:
                    value = int(ascii_digits(m["d"]))
                    return _relabel(text, m, f"({to_roman(value).lower()})", "subitem", value)
        return None

    def _first_item(self, paragraph: Relabel, rest: str) -> Relabel | None:
        """ "四、（一）根据 …": a paragraph whose first item is printed on its line, read as
        English prints it, "4. (a) …" (cited 4(a))."""
        for pattern in self._items:
            m = pattern.match(rest)
            item = self._value(m["n"])[0] if m else None
            if m and item:
                self._in_item = True
                english = f"{paragraph.value}. ({to_letters(item)})"
                printed = f"{paragraph.printed}、{m['label'].strip()}"
                return Relabel(
                    f"{english} {rest[m.end() :].lstrip()}".rstrip(), printed, english, "paragraph", paragraph.value
                )
        return None

    def _value(self, token: str) -> tuple[int | None, str]:
        """A number as printed, and how it was printed ("arabic", "roman", "word")."""
        token = token.strip()
        if token.isdecimal():
            return int(ascii_digits(token)), "arabic"
        if is_roman(token):
            return roman_value(token), "roman"
        cjk = cjk_value(token)
        if cjk:
            return cjk, "word"
        folded = _SPACES_RE.sub(" ", token).casefold()
        if folded in self._ordinals:
            return self._ordinals[folded], "word"
        return None, ""


_SPACES_RE = re.compile(r"\s+")
_LIST_ENDS = frozenset(";；,，、")


def _ordinal_name(rank: int) -> str:
    return next((name for name, value in ORDINALS.items() if value == rank), "")


def _number_pattern(ordinals: dict[str, int]) -> str:
    words = "|".join(re.escape(w).replace(r"\ ", _SEP) for w in sorted(ordinals, key=len, reverse=True))
    return rf"(?P<n>\d{{1,3}}(?![\d]){'|' + words if words else ''}|[IVXLCDM]{{1,7}}(?![^\W\d_])|{_CJK_NUMERAL})"


def _template(template: str, number: str) -> str:
    before, _, after = template.partition("{n}")
    return re.escape(before).replace(r"\ ", _SEP) + number + re.escape(after)


def _compile(template: str | None, *, number: str | None, spaced: bool) -> re.Pattern[str] | None:
    """A paragraph or item label: "{n}、" (a Chinese numeral), "’{d}‘" (digits), then a space or text."""
    if not template:
        return None
    pattern = re.escape(template).replace(r"\ ", r"\s*")
    pattern = pattern.replace(r"\{n\}", f"(?P<n>{number})") if number else pattern
    pattern = pattern.replace(r"\{d\}", r"(?P<d>\d{1,2})")
    return re.compile(f"^(?P<label>{pattern})" + (r"(?=\s)" if spaced and template[-1:] in "-.‘'’" else ""))


def _relabel(text: str, m: re.Match[str], english: str, level: str, value: int) -> Relabel:
    printed = m["label"].strip().rstrip("、．.- ")  # "一、", "١ -": the number, as "1." is "1"
    reported = english if level == "subsubitem" else english.rstrip(".")  # the builder reports "a." as "a."
    return Relabel(f"{english} {text[m.end() :].lstrip()}".rstrip(), printed, reported, level, value)


def relevel(texts: list[str], found: list[tuple[int, Relabel]]) -> list[tuple[int, Relabel]]:
    """A language that numbers its paragraphs one way ("一、") and its items another
    ("（一）") may set a list in the other style than English does: Chinese sets an
    article's definitions as items, "（一）“划区管理工具”是指 …。", where English numbers
    them as paragraphs, and an annex's criteria as paragraphs, "一、独特性；", where
    English letters them. What a member of the list is tells: a paragraph is a
    sentence, an item goes on with the sentence above it. So a run of items (two or
    more, in sequence) that each end a sentence ("。") are paragraphs, and a run of
    paragraphs that each but the last end on a semicolon ("；") are items.
    ``texts`` (indexes of ``found``) are rewritten; returns ``found`` with the new labels."""
    out = list(found)
    run: list[int] = []  # positions in ``out``

    def close() -> None:
        if len(run) >= 2:
            level = out[run[0]][1].level
            ends = [texts[out[k][0]].rstrip()[-1:] for k in run]
            if level == "item" and all(end == "。" for end in ends):
                _rewrite(texts, out, run, lambda value: f"{value}.")
            elif level == "paragraph" and all(end in "；;" for end in ends[:-1]):
                _rewrite(texts, out, run, lambda value: f"({to_letters(value)})")
        run.clear()

    for position, (_, relabel) in enumerate(out):
        if relabel.level not in ("paragraph", "item"):
            close()
            continue
        if run and (out[run[-1]][1].level != relabel.level or relabel.value != out[run[-1]][1].value + 1):
            close()
        run.append(position)
    close()
    return out


def _rewrite(texts: list[str], out: list[tuple[int, Relabel]], run: list[int], label: Any) -> None:
    for position in run:
        index, relabel = out[position]
        english = label(relabel.value)
        rest = texts[index].split(" ", 1)[1] if " " in texts[index] else ""
        texts[index] = f"{english} {rest}".rstrip()
        level = "paragraph" if relabel.level == "item" else "item"
        out[position] = (index, replace(relabel, text=texts[index], english=english.rstrip("."), level=level))


@cache
def _scope_readers() -> tuple[tuple[frozenset[str], Localizer], ...]:
    readers = []
    for code in LANGUAGES[1:]:
        localizer = Localizer(code)
        starts = frozenset(c for s in localizer._scopes for c in (s.first.upper(), s.first.lower()))
        readers.append((starts, localizer))
    return tuple(readers)


@cache
def _scope_words() -> re.Pattern[str]:
    """The words every language's scope templates start with, in one pattern: most lines of a draft are
    passed over on one match."""
    words = {
        scope.pattern.pattern.split("(?P<n>")[0].removeprefix("^(?P<label>")
        for _, localizer in _scope_readers()
        for scope in localizer._scopes
    }
    return re.compile("^(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.I)


def foreign_scope(text: str) -> str | None:
    """The English scope a heading of another language opens ("PARTIE I" → "PART I"), for readers that
    do not yet know the draft's language."""
    if not _scope_words().match(text):
        return None
    first = text[:1]
    for starts, localizer in _scope_readers():
        if first in starts:
            found = localizer._scope(text)
            if found is not None:
                return found.english
    return None


def is_foreign_scope(text: str) -> bool:
    """Whether ``text`` is a heading of another language and nothing more ("附件二", "Статья 6")."""
    if not _scope_words().match(text):
        return False
    for starts, localizer in _scope_readers():
        if text[:1] in starts:
            found = localizer._scope(text)
            if found is not None:
                return found.text == found.english
    return False


def preamble_words() -> frozenset[str]:
    """ "preamble", "préambule", "序言" …: a preamble's heading in any language."""
    return frozenset(w.casefold() for entry in table()["languages"].values() for w in entry.get("preamble", ()))


def chapeau_pattern() -> re.Pattern[str]:
    """The line that opens a preamble in any language: "The Parties to this Agreement,", "Les Parties …,"."""
    starts = [w for entry in table()["languages"].values() for w in entry.get("chapeau", ())]
    words = "|".join(re.escape(w) for w in sorted(starts, key=len, reverse=True))
    return re.compile(rf"^(?:{words})(?:\b|(?<=’)|(?<=')).{{0,300}}[,،，]$")


def agreed_pattern() -> re.Pattern[str]:
    """The formula that closes a preamble in any language, at the start of its
    paragraph: "Have agreed as follows:", "Sont convenues de ce qui suit :",
    "兹商定如下：". A Chinese formula may follow one character read wrong ("站商定如下",
    OCR's reading of 兹商定如下)."""
    starts = [w for entry in table()["languages"].values() for w in entry.get("agreed", ())]
    spaced = "|".join(re.escape(w) for w in sorted(starts, key=len, reverse=True) if not _WIDE_START_RE.match(w))
    han = "|".join(re.escape(w) for w in sorted(starts, key=len, reverse=True) if _WIDE_START_RE.match(w))
    return re.compile(rf"^[\[\s]*(?:(?:{spaced})(?![^\W\d_])|.?(?:{han}))")


_WIDE_START_RE = re.compile("[\u4e00-\u9fff]")


# Letters of each script, counted to tell the language of a draft.
_SCRIPTS = (
    ("zh", re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ar", re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")),
    ("ru", re.compile("[\u0400-\u04ff]")),
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000


def detect(texts: Iterable[str]) -> str:
    """The language of a draft, from its first 20,000 characters: "en", "fr", "es", "ru", "zh" or "ar".

    A script other than Latin names its language (the UN's six have one
    each); Latin text is told apart by its commonest words.
    """
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size > _SAMPLE:
            break
    joined = "\n".join(sample)
    if joined.isascii():
        return "en"  # French and Spanish are never written without an accent for long
    letters = 0
    for code, script in _SCRIPTS:
        if script.search(joined) is None:
            continue  # most drafts: one scan, no count
        letters = letters or len(_LETTER_RE.findall(joined))
        if len(script.findall(joined)) > 0.3 * letters:
            return code
    words = Counter(w.casefold() for w in _WORD_RE.findall(joined))
    scores = {
        code: sum(words[w] for w in entry.get("stopwords", ()))
        for code, entry in table()["languages"].items()
        if entry.get("script") == "Latin"
    }
    return max(scores, key=lambda code: (scores[code], code == "en"))
