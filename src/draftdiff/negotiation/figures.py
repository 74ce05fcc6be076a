"""The numbers a paragraph states, the same in every language.

"1,5 °C" (French), "1.5 °C" (English), "١٫٥" (Arabic) and "1 500" against
"1,500" are one number each; "10 December 1982" and "一九八二年十二月十日"
both hold 10, 12 and 1982. Numbers written in words are read where a
script writes numbers so (Chinese numerals before a counter: "第十九条",
"百分之十"; month names); English or French number words ("sixtieth",
"deux tiers") are left alone, since "un"/"one" are also articles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import cache

from ..document.languages import ascii_digits, cjk_value, table
from ..document.numbering import roman_value

# a run of digits with its group and decimal separators (NFKC has made thin and no-break spaces plain)
# a number glued to a word is a footnote marker ("Agreement1"), except after an
# Arabic prefix ("و١٩٨٢": and 1982) or in Chinese, which puts no space around numbers
_NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:[ ,.٫٬]\d+)*")
_SCRIPT_NUMBER_RE = re.compile(r"(?<![\d.,])\d+(?:[ ,.٫٬]\d+)*")
# "Part XV", "annexes V, VI": one letter only for I, V and X ("°C" is no hundred)
_ROMAN_RE = re.compile(r"(?<![\w°-])(?:[IVXLC]{2,6}|[IVX])(?![\w-])")
_CJK = "[〇○零一二两三四五六七八九十百]+"  # "○" (a circle) stands for 〇 in many texts
# Chinese numerals where Chinese writes numbers so: a year (four digits: "三年" is "three years", which
# English spells out), a month, a day, a count of days, an article, a paragraph, a part
_CJK_RE = re.compile(
    rf"百分之(?P<pct>{_CJK})|第[(（]?(?P<ord>{_CJK})[)）]?(?=条|款|项|部分|节|章)|附件(?P<annex>{_CJK})"
    rf"|(?P<unit>[〇○零一二三四五六七八九]{{4}}(?=年)|{_CJK}(?=月|日|天|%))"
)


def numbers_in(text: str, language: str) -> Counter[str]:
    """Every number ``text`` states, canonical ("1.5", "1500", "1982"), with how often."""
    text = unicodedata.normalize("NFKC", text)
    found: Counter[str] = Counter()
    months = _months(language)
    if months is not None:
        found.update(_month_numbers(text, months))
    for m in (_NUMBER_RE if language not in ("ar", "zh") else _SCRIPT_NUMBER_RE).finditer(text):
        value = _canonical(ascii_digits(m[0]), language)
        if value:
            found[value] += 1
    if language == "zh":
        for m in _CJK_RE.finditer(text):
            number = cjk_value(m["pct"] or m["ord"] or m["annex"] or m["unit"])
            if number is not None:
                found[str(number)] += 1
    elif language != "ar":  # Latin and Cyrillic texts write parts and annexes in roman numerals
        for m in _ROMAN_RE.finditer(text):
            found[str(roman_value(m[0]))] += 1
    return found


def _canonical(raw: str, language: str) -> str | None:
    """ "1 500" → "1500", "1,5" (French) → "1.5", "1,500" (English) → "1500"; "1, 2" was split before."""
    decimal = table()["languages"].get(language, {}).get("decimal", ".")
    groups = re.split(r"([ ,.٫٬])", raw)
    digits, whole = groups[0], True
    for separator, group in zip(groups[1::2], groups[2::2], strict=True):
        if separator == "٫" or (separator == decimal and whole and (len(group) != 3 or separator == ",")):
            digits += "." + group  # a decimal mark
            whole = False
        elif len(group) == 3 and whole:
            digits += group  # a thousands group
        else:
            return _decimal(digits)  # "1.2.3": a legal number; keep its head
    return _decimal(digits)


def _decimal(digits: str) -> str | None:
    try:
        value = Decimal(digits).normalize()
    except InvalidOperation:
        return None
    return format(value, "f")


@cache
def _months(language: str) -> re.Pattern[str] | None:
    names = table().get("months", {}).get(language)
    if not names:
        return None
    alternatives = "|".join(f"(?P<m{k}>{name})" for k, name in enumerate(names, start=1))
    ending = r"\w{0,3}\b" if language == "ru" else r"\b"  # a Russian stem takes its ending
    return re.compile(rf"\b(?:{alternatives}){ending}", re.I)


# a month is a number in a date only: "10 December 1982", "10 de diciembre de 1982", "May 2023";
# never "May take decisions"
_DATE_BEFORE_RE = re.compile(r"\d\s+(?:\w{1,3}\s+)?$")
_DATE_AFTER_RE = re.compile(r"^\s+(?:\w{1,3}\s+)?\d")


def _month_numbers(text: str, pattern: re.Pattern[str]) -> list[str]:
    return [
        str(int((m.lastgroup or "m0")[1:]))
        for m in pattern.finditer(text)
        if _DATE_BEFORE_RE.search(text[max(0, m.start() - 10) : m.start()])
        or _DATE_AFTER_RE.match(text[m.end() : m.end() + 10])
    ]
