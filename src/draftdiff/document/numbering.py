"""Paragraph numbers as negotiators write them, and their canonical ids.

A printed label such as ``"42 ter."``, ``"PP 3"``, ``"(a)"`` or ``"Article 3"``
is parsed into a :class:`Number`; its :attr:`Number.id` is the canonical form
used everywhere else (``"42ter"``, ``"PP3"``, ``"12(a)"``, ``"Art3"``) and
:func:`sort_key` orders ids as they stand in a document:
``9pre < 9 < 9bis < 9ter < 9quater < 10``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Latin ordinals used for inserted paragraphs, with their rank after the base
# number. "pre" sorts before it.
ORDINALS: dict[str, int] = {
    "ante": -2,
    "pre": -1,
    "bis": 2,
    "ter": 3,
    "quater": 4,
    "quat": 4,
    "quart": 4,  # "29 quart." and "16 quarter." as drafts print them
    "quarter": 4,
    "quinquies": 5,
    "quinquiens": 5,
    "sexies": 6,
    "septies": 7,
    "octies": 8,
    "novies": 9,
    "nonies": 9,
    "decies": 10,
    "undecies": 11,
    "duodecies": 12,
    "terdecies": 13,
    "quaterdecies": 14,
    "quindecies": 15,
}
# Canonical spelling for each rank (aliases fold onto the first listed).
_CANONICAL_ORDINAL: dict[int, str] = {}
for _name, _rank in ORDINALS.items():
    _CANONICAL_ORDINAL.setdefault(_rank, _name)


def _transposed(word: str) -> set[str]:
    return {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)} - {word}


# A long ordinal with two letters swapped ("31 qauterdecies." in a real draft) is still that ordinal;
# the short ones ("bis", "ter", "sexies") are never guessed at, their swaps being other words
for _name, _rank in list(ORDINALS.items()):
    if len(_name) >= 8:
        for _typo in _transposed(_name):
            ORDINALS.setdefault(_typo, _rank)

_ORD_ALT = "|".join(sorted(ORDINALS, key=len, reverse=True))

# Word prefixes that number a paragraph or heading, folded to a short id prefix.
WORD_PREFIXES: dict[str, str] = {
    "article": "Art",
    "art": "Art",
    "chapter": "Ch",
    "part": "Part",
    "section": "Sec",
    "annex": "Annex",
    "appendix": "Appendix",
    "rule": "Rule",
    "decision": "Dec",
    "objective": "Obj",
}

_ROMAN_RE = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def is_roman(token: str) -> bool:
    return bool(token) and bool(_ROMAN_RE.match(token))


def roman_value(token: str) -> int:
    total = 0
    values = [_ROMAN_VALUES[ch] for ch in token.lower()]
    for i, value in enumerate(values):
        total += -value if i + 1 < len(values) and values[i + 1] > value else value
    return total


def to_roman(value: int) -> str:
    out = []
    for number, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def letter_value(token: str) -> int:
    """``a``=1 .. ``z``=26, ``aa``=27, ``bb``=28 (UN style doubles the letter)."""
    token = token.lower()
    base = ord(token[0]) - ord("a") + 1
    return base + 26 * (len(token) - 1)


def to_letters(value: int) -> str:
    """Inverse of :func:`letter_value`: 1 -> ``a``, 27 -> ``aa``."""
    repeat, index = divmod(value - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


@dataclass(frozen=True, slots=True)
class Number:
    """A parsed paragraph number.

    ``form`` is one of ``"para"`` (42bis, PP3, 1.2, Art3), ``"letter"``
    ((a), (aa)), ``"roman"`` ((i), (iv)) or ``"heading"`` (I., A., Chapter II).
    """

    form: str
    prefix: str = ""  # "PP", "OP", "Art", "Ch" ...
    value: int = 0  # 42 for 42bis; letter/roman value for sub-paragraphs
    ordinal: str = ""  # canonical ordinal: "bis", "pre" ...
    letter: str = ""  # "A" in 12A
    parts: tuple[int, ...] = ()  # 1.2.3 legal numbering
    token: str = ""  # sub-paragraph or heading token as written: "a", "iv", "II"
    inner: str = ""  # the ordinal of the first part: "ter" in 18ter.1 (a list under inserted 18 ter)
    suffix: str = ""  # legal numbering: ".Alt" in "3.3alt" (an alternative to 3.3), ".x" in "3.x" (pending)

    @property
    def id(self) -> str:
        if self.form == "letter" or self.form == "roman":
            return f"({self.token.lower()})"
        if self.form == "heading":
            return f"{self.prefix}{self.token}"
        if self.form == "code":
            return self.token
        if self.parts:
            return (
                ".".join(str(p) + (self.inner if i == 0 else "") for i, p in enumerate(self.parts))
                + self.ordinal
                + self.suffix
            )
        return f"{self.prefix}{self.value}{self.ordinal}{self.letter}"

    @property
    def sort_key(self) -> tuple:
        ordinal_rank = ORDINALS.get(self.ordinal, 0)
        letter_rank = letter_value(self.letter) if self.letter else 0
        # Legal numbering 1.2 sorts after 1 and before 2.
        parts: tuple[float, ...] = self.parts or (self.value,)
        if self.inner:
            parts = (parts[0] + ORDINALS.get(self.inner, 0) / 100, *parts[1:])  # 18ter.1 after 18.9, before 19
        return (_PREFIX_ORDER.get(self.prefix, 5), self.prefix, parts, ordinal_rank, letter_rank)


_PREFIX_ORDER = {"PP": 0, "": 1, "OP": 2}


@dataclass(frozen=True, slots=True)
class LabelMatch:
    number: Number
    label: str  # the label as printed, without its closing punctuation: "42 ter"
    rest: str  # text after the label
    close: str = ""  # the punctuation that closed the label: "." ")" ":"


_SEP = r"[ \t\u00a0]"
# "42bis", "42 bis", "42-bis", "42.bis", "42 Bis", "9 pre", "PP 3", "OP5 bis".
_PARA_RE = re.compile(
    rf"""^(?P<label>
        (?P<prefix>PP|OP)?{_SEP}?
        (?P<num>\d{{1,6}})
        (?:
            (?:\.?{_SEP}|-|\.|–)?(?P<ord>{_ORD_ALT})(?![a-z])
          | (?P<letter>(?-i:[A-Z]))(?=[.):]|{_SEP}|$)
          | {_SEP}(?P<letter2>(?-i:[A-Z]))(?=[.)])
        )?
    )
    (?P<close>[.):]?)
    """,
    re.I | re.X,
)
# "3.1", "3.1 bis.", "3.3quat" (drafts pending renumbering print inserted legal numbers so);
# "3.3alt:", "3.3bis Alt": an alternative text for 3.3 (bis); "3.x": a number still to be given
_LEGAL_RE = re.compile(
    rf"^(?P<label>\d{{1,3}}(?:\.\d{{1,3}}){{1,4}}(?:{_SEP}?(?P<ord>{_ORD_ALT})(?![a-z]))?"
    rf"(?:{_SEP}?(?P<alt>alt)(?![\w.]))?|\d{{1,3}}(?:\.\d{{1,3}}){{0,3}}\.(?P<pending>x))(?P<close>[.:]?)(?=\s|$)",
    re.I,
)
_INNER_ORDINAL_RE = re.compile(
    rf"^(?P<label>(?P<num>\d{{1,3}}){_SEP}?(?P<inner>{_ORD_ALT})\.(?P<sub>\d{{1,3}}(?:\.\d{{1,3}}){{0,3}}))(?P<close>[.:]?)(?=\s|$)",
    re.I,
)
_LEGAL_DIGITS_RE = re.compile(r"\d{1,3}(?:\.\d{1,3})*")
_LEGAL_FOLLOW_RE = re.compile(r"\s+[A-Z“\"‘'(\[]")
_WORD_RE = re.compile(
    rf"^(?P<label>(?P<word>Article|Art\.|Chapter|Part|Section|Annex|Appendix|Rule|Objective)"
    rf"{_SEP}+(?P<tok>(?-i:[IVXLCDM]+(?=\d{{1,2}}\b)|[IVXLCDM]+|\d{{1,3}}|[A-Z]))(?-i:\d{{1,2}}(?=\s|$))?"
    rf"(?:(?:{_SEP}|-)?\(?(?P<ord>{_ORD_ALT})\)?(?![a-z]))?)"
    rf"(?P<close>[.:]?)(?=\s|$|[-–—])",
    re.I,
)
# "(b bis)", "(b.bis.)", "b bis)": inserted sub-paragraphs of a draft pending renumbering
_SUB_ORD = rf"(?:(?:\.\s?|[ \-])?(?P<{{name}}>{_ORD_ALT})\.?)?"
# "(i) bis", "(ii) ter:": the ordinal printed after the bracket (never "ante", "pre": words of a text)
_AFTER_ORD_ALT = "|".join(o for o in sorted(ORDINALS, key=len, reverse=True) if ORDINALS[o] > 1)
_SUB_RE = re.compile(
    r"^(?P<label>(?:\((?P<tok>[a-z]{1,2}|[ivxlc]{1,6})"
    + _SUB_ORD.format(name="ord")
    + r"\)|(?P<tok2>[a-z]{1,2}|[ivxlc]{1,6})"
    + _SUB_ORD.format(name="ord2")
    + rf"\))(?:\s(?P<ord3>{_AFTER_ORD_ALT})[:.]{{0,2}}(?=\s))?)"
)
_HEADING_RE = re.compile(r"^(?P<label>(?P<tok>[IVXLC]{1,7}|[A-Z]))\.(?=\s)")


def _canonical_ordinal(text: str | None) -> str:
    if not text:
        return ""
    return _CANONICAL_ORDINAL[ORDINALS[text.lower()]]


# Every first character a label of _LEGAL_RE, _PARA_RE or _WORD_RE can have:
# a digit (any script's: the patterns' \d), a separator, or the first letter
# of PP, OP or a scope word ("ſ" is an "s" to a case-blind pattern).
_PAREN_INSERTED_RE = re.compile(rf"\((?P<num>\d{{1,4}})\s?(?P<ord>{_ORD_ALT})\)(?=\s)", re.I)
_LABEL_STARTS = frozenset("0123456789 \t\u00a0PpOoAaCcSsRrſ")


def match_para(text: str, *, strict: bool = True) -> LabelMatch | None:
    """Match a numbered-paragraph label at the start of ``text``.

    With ``strict`` a plain number must be closed by ``.``, ``)`` or ``:``
    (so "2030 Agenda" is not paragraph 2030); readers that know a token is a
    number (a Word list number) pass ``strict=False``.
    """
    if text[:1] == "(":
        # "(17bis) [Its operation …": a paragraph inserted after 17, its number in brackets of its own
        m = _PAREN_INSERTED_RE.match(text)
        if m is None:
            return None
        number = Number("para", value=int(m["num"]), ordinal=_canonical_ordinal(m["ord"]))
        return LabelMatch(number, m["num"] + _canonical_ordinal(m["ord"]), text[m.end() :].strip(), ")")
    if text[:1] not in _LABEL_STARTS and not text[:1].isdecimal():
        # most lines of prose: no label can start here, but a code ("PARAM-01") or a series word ("TENET 1")
        return _match_named(text) if "A" <= text[:1] <= "Z" else None
    m = _LEGAL_RE.match(text)
    if m and (not strict or _LEGAL_FOLLOW_RE.match(text, m.end())):
        ordinal = m["ord"]
        digits = _LEGAL_DIGITS_RE.match(m["label"])
        assert digits is not None
        parts = tuple(int(p) for p in digits[0].split("."))
        suffix = ".Alt" if m["alt"] else ".x" if m["pending"] else ""
        number = Number("para", value=parts[0], parts=parts, ordinal=_canonical_ordinal(ordinal), suffix=suffix)
        return LabelMatch(number, _clean_label(m["label"]), text[m.end() :].strip(), m["close"])
    m = _INNER_ORDINAL_RE.match(text)
    if m and (not strict or _LEGAL_FOLLOW_RE.match(text, m.end())):
        # "18 ter.2 To have effect …": paragraph 2 of the list under inserted paragraph 18 ter
        parts = (int(m["num"]), *(int(p) for p in m["sub"].split(".")))
        number = Number("para", value=parts[0], parts=parts, inner=_canonical_ordinal(m["inner"]))
        return LabelMatch(number, _clean_label(m["label"]), text[m.end() :].strip(), m["close"])
    m = _PARA_RE.match(text)
    if m:
        # one call for the groups: this runs for every paragraph of a draft
        raw_prefix, num, ordinal, letter, letter2, close, label = m.group(
            "prefix", "num", "ord", "letter", "letter2", "close", "label"
        )
        prefix = raw_prefix.upper() if raw_prefix else ""
        rest = text[m.end() :]
        value = int(num)
        if strict and len(num) == 4 and 1900 <= value <= 2099 and not prefix:
            return None  # "2030. The Agenda ..." starts with a year, not paragraph 2030
        if not close:
            if not prefix and strict and not ordinal:
                return None
            if rest and not rest[0].isspace():
                return None
        # "10.We" (PDF text with the space lost) but never "1.5 million".
        elif (
            rest
            and not rest[0].isspace()
            and not (close == "." and (rest[0].isupper() or rest[0] == "[") and not letter)
        ):
            return None
        number = Number(
            "para",
            prefix=prefix,
            value=value,
            ordinal=_canonical_ordinal(ordinal),
            letter=(letter or letter2 or "").upper(),
        )
        return LabelMatch(number, _clean_label(label), rest.strip(), close)
    m = _WORD_RE.match(text)
    if m and m["word"][0].islower():
        return None  # "article 61 …" at a line start is a cross-reference, not a label
    if m:
        word = m["word"].rstrip(".").lower()
        prefix = WORD_PREFIXES[word]
        tok = m["tok"]
        ordinal = _canonical_ordinal(m["ord"])
        rest = text[m.end() :].strip().lstrip("-–—").strip()
        if rest[:1].islower() or (rest[:1] == ":" and rest[1:].strip()[:1].islower()):
            return None  # "Article 3 of the Convention ...", "Article 54 : il faut …" are prose
        if _CLOSED_FIRST_RE.match(rest):
            return None  # "Annex I Parties][Parties not included …": a line inside a bracketed passage
        if prefix == "Art" and tok.isdigit():
            number = Number("para", prefix="Art", value=int(tok), ordinal=ordinal)
        else:
            number = Number("heading", prefix=prefix, token=tok.upper() + ordinal)
        return LabelMatch(number, _clean_label(m["label"]), rest, m["close"])
    m = _ANNEX_ORDINAL_RE.match(text)
    if m:  # "ANNEX BIS": an annex inserted after the last, with no number of its own
        number = Number("heading", prefix="Annex", token=_canonical_ordinal(m["ord"]))
        return LabelMatch(number, m["label"], text[m.end() :].strip())
    return _match_named(text) if "A" <= text[:1] <= "Z" else None


# "PARAM-01 (y) Any protocol parameter …", "EIUP-GEN-01", "TREASURY-01a": a code that
# names its provision, cited as printed
_CODE_RE = re.compile(r"^(?P<label>[A-Z]{2,16}(?:-[A-Z]{2,16})*-\d{2,3}[a-z]?)(?=\s+[A-Z(“\"\[*])")
# "TENET 1 Transactions …", "Principle 2: …": provisions numbered in a series of their own
_SERIES_WORD_RE = re.compile(
    r"^(?P<label>(?P<word>(?i:tenet|principle|goal|commitment|pillar|guideline|regulation|recommendation"
    r"|criterion|element|action|step))\s+(?P<num>\d{1,3}))(?P<close>[.:]?)(?=\s+[A-Z(“\"\[])"
)


_ANNEX_ORDINAL_RE = re.compile(rf"^(?P<label>(?P<word>(?i:annex))\s+(?P<ord>(?i:{_ORD_ALT})))(?![\w])")


def _match_named(text: str) -> LabelMatch | None:
    m = _CODE_RE.match(text)
    if m:
        return LabelMatch(Number("code", token=m["label"]), m["label"], text[m.end() :].strip())
    m = _SERIES_WORD_RE.match(text)
    if m and (m["word"].isupper() or m["word"].istitle()):
        number = Number("para", prefix=m["word"].capitalize(), value=int(m["num"]))
        return LabelMatch(number, _clean_label(m["label"]), text[m.end() :].strip(), m["close"])
    return None


_CLOSED_FIRST_RE = re.compile(r"^[^\s\[\]]+\]")  # "]" right after the first word: "Annex I Parties][…"

# "a. Parties shall …": a lower-case letter and a point, then a capital. No
# sentence starts in lower case, so this is a label, as negotiating texts print it.
_DOTTED_SUB_RE = re.compile(
    rf"^(?P<label>(?P<tok>[a-z]{{1,2}}|[ivx]{{1,5}})(?:\s?(?P<ord>{_ORD_ALT}))?\.)(?=\s+[A-Z“\"‘\[(])"
)


def match_sub(text: str) -> tuple[str, str, str] | None:
    """Match ``(a)``, ``(iv)``, ``(aa)``, ``a)`` or ``a.`` (before a capital) at the start: (token, label, rest)."""
    m = _SUB_RE.match(text) or _DOTTED_SUB_RE.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    if rest and not rest[0].isspace():
        return None
    groups = m.groupdict()
    tok = str(groups.get("tok") or groups.get("tok2") or "")
    if len(tok) == 2 and tok[0] != tok[1] and not is_roman(tok):
        return None  # "(ab)" is no UN sub-paragraph
    ordinal = groups.get("ord") or groups.get("ord2") or groups.get("ord3")
    return tok + _canonical_ordinal(ordinal), m["label"], rest.strip()


_TOKEN_ORDINAL_RE = re.compile(rf"^(?P<tok>[a-z]{{1,6}}?)(?P<ord>{_ORD_ALT})?$")


def split_ordinal(token: str) -> tuple[str, str]:
    """ "bbis" -> ("b", "bis"): a sub-paragraph token and the ordinal of an insertion."""
    m = _TOKEN_ORDINAL_RE.match(token)
    if not m or not m["ord"] or not m["tok"]:
        return token, ""
    return m["tok"], m["ord"]


def match_heading_number(text: str) -> tuple[str, str, str] | None:
    """Match ``I.`` or ``A.`` at the start of a heading line: (token, label, rest)."""
    m = _HEADING_RE.match(text)
    if not m:
        return None
    return m["tok"], m["label"], text[m.end() :].strip()


def _clean_label(label: str) -> str:
    if " " not in label and "\t" not in label and "\u00a0" not in label:
        return label.strip()  # "12", "OP5": most labels hold no separator
    return _SEPARATORS_RE.sub(" ", label).strip()


_SEPARATORS_RE = re.compile(r"[ \t\u00a0]+")


def canonical_id(user_text: str) -> str:
    """Canonicalise an id typed by a user (``--para "42 bis"`` -> ``42bis``).

    Ids of sub-paragraphs and qualified ids keep their structure:
    ``"12 (a) (i)"`` -> ``12(a)(i)``; ``"Annex I/1"`` stays.
    """
    text = user_text.strip()
    if "/" in text:
        scope, _, rest = text.rpartition("/")
        return f"{scope.strip()}/{canonical_id(rest)}"
    head, subs = text, ""
    m = re.search(r"\s*\(", text)
    if m and text.endswith(")"):
        head, subs = text[: m.start()], re.sub(r"\s+", "", text[m.start() :]).lower()
    number = _parse_id_head(head)
    if number:
        return number.id + subs
    if head and re.fullmatch(r"[IVXLC]+", head.strip()):
        return head.strip() + subs
    return re.sub(r"\s+", "", head) + subs


def _parse_id_head(head: str) -> Number | None:
    """Parse the numeric head of an id (``42bis``, ``PP3``, ``1.2``)."""
    if not head:
        return None
    found = match_para(head.strip() + ". X", strict=False)
    return found.number if found and found.rest == "X" else None


_ID_PART_RE = re.compile(r"\(([^)]*)\)")


def sort_key(para_id: str) -> tuple:
    """Order canonical ids as they stand in a document.

    Qualified ids (``Annex I/3``) sort after unqualified ones, by scope.
    """
    scope = ""
    if "/" in para_id:
        scope, _, para_id = para_id.rpartition("/")
    head, _, tail = para_id.partition("(")
    subs = _ID_PART_RE.findall("(" + tail) if tail else []
    number = _parse_id_head(head)
    base = number.sort_key if number else (9, head, (), 0, 0)
    # First level under a paragraph is lettered, deeper levels roman.
    sub_keys = tuple(roman_value(s) if level and is_roman(s) else letter_value(s) for level, s in enumerate(subs))
    return (bool(scope), scope, base, sub_keys)


_POSITIONAL_RE = re.compile(r"(?:^|\.)u\d+(?=$|[.(#])")


def is_positional(para_id: str) -> bool:
    """An id with a positional counter (``12.u1``, ``u3``, ``Art3.7.u1(a)``): no number of the text's own."""
    return "u" in para_id and bool(_POSITIONAL_RE.search(para_id))
