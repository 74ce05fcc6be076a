"""Text as an extractor gave it: page furniture left in the lines, paragraphs
one to a line (or run together on one line), words split by the extraction.

A text draft copied out of a PDF carries what the PDF reader would have
declared as page furniture: page numbers alone on a line, "32/52" footers,
job numbers ("22-08354"). They are removed here and declared, so that every
word stays accounted for, and never become paragraphs. A file with no blank
lines at all has one paragraph to a line; a paragraph cut by a page break
goes on in lower case after the page number and is joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..document.front import masthead_line
from ..document.model import Furniture
from ..document.numbering import is_roman, match_para, match_sub, roman_value

_BARE_NUMBER_RE = re.compile(r"^\s*(\d{1,4})\s*$")
_BARE_ROMAN_RE = re.compile(r"^\s*([ivxl]{1,6})\s*$")
_OF_PAGES_RE = re.compile(r"^\s*(\d{1,4})\s*/\s*(\d{1,4})\s*$")
_JOB_NUMBER_RE = re.compile(r"^\s*(\d{2}-\d{5})(?:\s*\([A-Z]\))?(?:\s+\d{6})?\s*$")  # "19-20076 (E) 251119"
# a footer or header line made only of furniture: "19-20076 2/52", "2/52 19-20076", "*1920076*"
_JOB = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_FOOTER_RE = re.compile(rf"^\s*(?:{_JOB}\s+(\d{{1,4}})/\d{{1,4}}|(\d{{1,4}})/\d{{1,4}}\s+{_JOB})\s*$")
_BARCODE_RE = re.compile(r"^\s*\*\d{7,8}\*\s*$")
# the first page's job line with its language and date stamp: furniture even once
_STAMPED_JOB_RE = re.compile(r"^\s*\d{2}-\d{5}\s*\([A-Z]\)\s+\d{6}\s*$")
# a UN document symbol alone on a line ("A/CONF.232/2020/3", "FCCC/ADP/2015/1"): a running header when repeated
_SYMBOL_RE = re.compile(r"^\s*[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){2,}\s*$")
_INLINE_OF_PAGES_RE = re.compile(r"(?<![\w/.])(\d{1,4})/(\d{1,4})(?![\w/])")
# cheap first looks, each led by a literal the regex engine can jump to
_PAGES_HINT_RE = re.compile(r"/\d{1,4}(?![\w/])")
_JOB_HINT_RE = re.compile(r"-\d{5}(?![\w-])")
_INLINE_JOB_RE = re.compile(r"(?<![\w-])\d{2}-\d{5}(?:\s\([A-Z]\))?(?![\w-])")


# a table of contents entry: a dot leader, then the page ("PREAMBLE ........ 1", "Annex …… 372");
# not a form's "line 27 ...... 2." nor an index's "Tax table ...... 18, 34-45"
_LEADER_RE = re.compile(r"(?:\.\s?){5,}\s*(\d{1,4})(?![\d.,%\-–])|…{3,}\s*(\d{1,4})(?![\d.,%\-–])")
_CONTENTS_GAP = 3  # lines between two entries of one table of contents: a wrapped title, a page number
_CONTENTS_ENTRIES = 3  # a table of contents has a few entries, their pages in order


def contents(lines: list[str]) -> dict[int, Furniture]:
    """The lines (by index) of a table of contents: runs of entries with a dot leader and
    a page, the pages in order, and what stands between two entries (a title wrapped over
    lines). A paragraph of the text never ends in a dot leader and a page."""
    entries: list[tuple[int, int]] = []  # (line, page)
    for k, line in enumerate(lines):
        if ".." in line or "…" in line:
            m = _LEADER_RE.search(line)
            if m:
                entries.append((k, int(m[1] or m[2])))
    found: dict[int, Furniture] = {}
    run: list[tuple[int, int]] = []
    for entry in [*entries, (len(lines) + _CONTENTS_GAP + 1, 0)]:  # a sentinel ends the last run
        if run and entry[0] - run[-1][0] > _CONTENTS_GAP:
            rising = sum(b >= a for (_, a), (_, b) in pairwise(run))
            if len(run) >= _CONTENTS_ENTRIES and rising >= 0.7 * (len(run) - 1):
                for k in range(run[0][0], run[-1][0] + 1):
                    if lines[k].strip():
                        found[k] = Furniture(page=0, text=lines[k].strip(), kind="contents")
            run = []
        run.append(entry)
    return found


_COVER_LINES = 16  # a cover page holds a masthead and a title, a few lines


def cover(lines: list[str], listed: dict[int, Furniture], taken: dict[int, Furniture]) -> list[int]:
    """The cover page of a document with a table of contents: the lines before
    the contents, when they are few and none is a numbered paragraph, are its
    title ("Textual proposals submitted by delegations …", "Article-by-article
    compilation"), not paragraphs of the text. A masthead line is left to the
    masthead (:mod:`..document.front`)."""
    if not listed:
        return []
    first = min(listed)
    before = [k for k in range(first) if k not in taken and lines[k].strip()]
    if not before or len(before) > _COVER_LINES:
        return []
    if any(match_para(lines[k].strip()) or match_sub(lines[k].strip()) for k in before):
        return []
    return [k for k in before if not masthead_line(lines[k].strip())]


def page_furniture(lines: list[str]) -> dict[int, Furniture]:
    """The lines (by index) that are page furniture: page numbers in sequence,
    "N/M" footers of one document, repeated job numbers."""
    short = [(k, line) for k, line in enumerate(lines) if len(line) <= 40]  # furniture is a short line
    numbers = [(k, int(m[1])) for k, line in short if (m := _BARE_NUMBER_RE.match(line))]
    romans = [k for k, line in short if _BARE_ROMAN_RE.match(line)]
    of_pages = [(k, m) for k, line in short if (m := _OF_PAGES_RE.match(line))]
    jobs = Counter(m[1] for _, line in short if (m := _JOB_NUMBER_RE.match(line)))
    symbols = Counter(line.strip() for _, line in short if _SYMBOL_RE.match(line))
    found: dict[int, Furniture] = {}
    for k, line in short:
        if m := _FOOTER_RE.match(line):
            found[k] = Furniture(page=int(m[1] or m[2]), text=line.strip(), kind="page-number")
        elif _BARCODE_RE.match(line) or _STAMPED_JOB_RE.match(line):
            found[k] = Furniture(page=0, text=line.strip(), kind="symbol")
        elif symbols.get(line.strip(), 0) >= 2:
            found[k] = Furniture(page=0, text=line.strip(), kind="running")
    if len(numbers) >= 3:
        rising = sum(b > a for (_, a), (_, b) in pairwise(numbers))
        if rising >= 0.7 * (len(numbers) - 1):
            for k, value in numbers:
                found[k] = Furniture(page=value, text=lines[k].strip(), kind="page-number")
            for k in romans if len(romans) >= 2 else []:
                found[k] = Furniture(page=0, text=lines[k].strip(), kind="page-number")
    totals = Counter(m[2] for _, m in of_pages)
    for k, m in of_pages:
        if totals[m[2]] >= 2:
            found[k] = Furniture(page=int(m[1]), text=lines[k].strip(), kind="page-number")
    for k, line in short if jobs else ():
        m = _JOB_NUMBER_RE.match(line)
        if m and jobs[m[1]] >= 2:
            found[k] = Furniture(page=0, text=line.strip(), kind="symbol")
    return found


def inline_furniture(text: str) -> tuple[str, list[Furniture]]:
    """Footers left inside the running text ("… the Parties 32/52 22-08354 shall …"):
    "N/M" of one document seen three times or more, rising, and job numbers seen twice."""
    if not (("/" in text and _PAGES_HINT_RE.search(text)) or ("-" in text and _JOB_HINT_RE.search(text))):
        return text, []  # most drafts: no "N/M" and no job number at all
    pages = [(m, int(m[1]), m[2]) for m in _INLINE_OF_PAGES_RE.finditer(text)]
    totals = Counter(total for _, _, total in pages)
    cut: list[tuple[int, int, Furniture]] = []
    for total in (t for t, n in totals.items() if n >= 3):
        run = [(m, page) for m, page, t in pages if t == total]
        rising = sum(b > a for (_, a), (_, b) in pairwise(run))
        if rising >= 0.7 * (len(run) - 1) and all(page <= int(total) for _, page in run):
            cut += [(m.start(), m.end(), Furniture(page=page, text=m[0], kind="page-number")) for m, page in run]
    jobs = list(_INLINE_JOB_RE.finditer(text))
    seen = Counter(m[0].split()[0] for m in jobs)
    cut += [
        (m.start(), m.end(), Furniture(page=0, text=m[0], kind="symbol")) for m in jobs if seen[m[0].split()[0]] >= 2
    ]
    if not cut:
        return text, []
    cut.sort(key=lambda c: c[0])
    out, last = [], 0
    for start, end, _ in cut:
        if start >= last:
            out.append(text[last:start])
            last = end
    out.append(text[last:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)), [f for _, _, f in cut]


def one_paragraph_a_line(lines: list[str]) -> bool:
    """No blank line anywhere among many lines: each line is a paragraph."""
    filled = sum(1 for line in lines if line.strip())
    blank = len(lines) - filled
    return filled >= 20 and blank * 50 < filled


# "…] [11. “Marine technology” means …", "…Article 1(11). 12. (a) “States Parties” …":
# numbered paragraphs an extractor ran together on one line
_RUN_TOGETHER_RE = re.compile(
    r"(?<=[\].;:])\s+(?=\[\s*\d{1,3}(?:\s?(?:bis|ter|quater))?\.\s)"
    r"|(?<=[\].;…])(?<!\bAlt\.)(?<!\bArt\.)(?<!\bNo\.)(?<!\bpara\.)(?<!\bparas\.)"
    r"\s+(?=\d{1,3}(?:\s?(?:bis|ter|quater))?\.\s+[\[“\"(A-Z])"
    # "… contributions. [Alt.1 5. In addition …": an alternative that opens with its paragraph
    r"|(?<=[\].;])\s+(?=\[(?:Alt\.?|Option)\s?\d{1,2}\.?\s+\d{1,3}\.\s+[\[“\"(A-Z])"
)


# "Article 43 Bis 1. States Parties shall …": an article heading and its first paragraph on one line
_HEADING_THEN_PARAGRAPH_RE = re.compile(
    r"^(?P<head>(?:Article|ARTICLE|Art\.)\s+\d{1,3}(?:\s?\(?(?i:bis|ter|quater)\)?)?)\s+(?=\d{1,2}\.\s+[A-Z“\"\[])"
)


_RUN_HINT_RE = re.compile(r"[\].;:…] +\[?(?:\d|Alt|Option)")


def may_run_together(text: str) -> bool:
    """One look at the whole text: could any line hold paragraphs run together?"""
    if text.startswith(("Art", "ART")) or "\nArt" in text or "\nART" in text:
        return True
    return any(hint.search(text) for hint in _RUN_HINTS)


_RUN_HINTS = tuple(re.compile(rf"\{stop} +\[?(?:\d|Alt|Option)") for stop in "].;:…")


def split_run_together(line: str) -> list[str]:
    if "." not in line or (not _RUN_HINT_RE.search(line) and not line.startswith(("Art", "ART"))):
        return [line]  # most lines: no number after a stop, no article heading
    head = _HEADING_THEN_PARAGRAPH_RE.match(line)
    if head:
        return [head["head"], *split_run_together(line[head.end() :])]
    return [piece for piece in _RUN_TOGETHER_RE.split(line) if piece.strip()]


_ITEM_START_RE = re.compile(r"^\[?(?P<open>\()?(?P<tok>[a-z]{1,4})\)\s")
# after the semicolon that ends an item, the next one's label and a word that opens an item:
# a capital, or a letter of a script that opens its items in lower case ("ii) обучение")
_RUN_ON_ITEM_RE = re.compile(r";\]?\s+(?=\[?(?P<open>\()?(?P<tok>[a-z]{1,4})\)\s+[\[“\"‘«A-ZÀ-ÞА-ЯЁа-яё])")


def split_run_on_items(text: str) -> list[str]:
    """ "(c) Related to mining …; (d) Related to fishing …", "i) Leurs observations … ;
    ii) Tout autre apport …": items an extractor ran together, each after the semicolon
    that ends the one before. Only the next label of the same list opens an item, in
    the same form (the next letter, or the next roman numeral after a roman one): "(c),
    (d) and (e) of the Convention" stays."""
    first = _ITEM_START_RE.match(text) if ";" in text else None
    if first is None:
        return [text]
    pieces: list[str] = []
    label, form, start = first["tok"], bool(first["open"]), 0
    for m in _RUN_ON_ITEM_RE.finditer(text):
        if bool(m["open"]) == form and _next_label(label, m["tok"]):
            pieces.append(text[start : m.start() + 1 + (text[m.start() + 1 : m.start() + 2] == "]")])
            start, label = m.end(), m["tok"]
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _next_label(label: str, following: str) -> bool:
    """ "d" then "e"; "ii" then "iii"; "i" then "j" or "ii"."""
    if len(label) == 1 and len(following) == 1 and ord(following) == ord(label) + 1:
        return True
    return is_roman(label) and is_roman(following) and roman_value(following) == roman_value(label) + 1


_SPLIT_WORD_RE = re.compile(r"(?<![\w-])([^\W\d_]+) (?=([^\W\d_]+)(?![\w'’-]))")  # "d’ailleurs" is a word


def join_split_words(texts: list[str]) -> list[str]:
    """ "o ther", "capabilitie s": an extractor split a word. Joined where the
    draft spells the joined word elsewhere and does not use both halves."""
    vocabulary = Counter(w.lower() for text in texts for w in re.findall(r"[^\W\d_]+", text))
    pairs = Counter((m[1].lower(), m[2].lower()) for text in texts for m in _SPLIT_WORD_RE.finditer(text))

    def split(left: str, right: str) -> bool:
        low, high = left.lower(), right.lower()
        if vocabulary[low + high] < 2 or not right.islower():
            return False
        # each half a word of the draft elsewhere ("in to", "a lot"): two words, not one split;
        # the same two words more than twice ("hard fork"): the draft's own spelling
        seen = pairs[(low, high)]
        return seen <= 2 and not (vocabulary[low] > seen and vocabulary[high] > seen)

    def join(text: str) -> str:
        # the space between each pair of words, pairs overlapping: "Each o ther" tries "Each o", then "o ther"
        cuts = [m.end(1) for m in _SPLIT_WORD_RE.finditer(text) if split(m[1], m[2])]
        for cut in reversed(cuts):
            text = text[:cut] + text[cut + 1 :]
        return text

    return [join(text) if " " in text else text for text in texts]


_NOTE_RULE_RE = re.compile(r"^\s*_{8,}\s*$")
_NOTE_LINES = 3  # a note at a page's foot, without a rule: its first line and at most two more
_NOTE_START_RE = re.compile(r"^\s*(?P<marker>\d{1,3}|\*{1,3})\s+(?P<text>\S.*)$")


def footnotes(lines: list[str], page_ends: frozenset[int] = frozenset()) -> dict[int, tuple[str, str] | None]:
    """The footnotes of an extracted page: a rule of underscores, then lines
    that open with the note's number ("1 See A/CONF.232/2019/6."), each maybe
    going on in lower case. By line index: (marker, the note's whole text)
    where a note starts, None for the rule and for a note's further lines.
    ``page_ends``: the last line of each page (a page number came after it),
    where notes printed without a rule stand (see :func:`_marked_notes`)."""
    found: dict[int, tuple[str, str] | None] = _marked_notes(lines, page_ends) if page_ends else {}
    k = 0
    while k < len(lines):
        if not _NOTE_RULE_RE.match(lines[k]):
            k += 1
            continue
        found[k] = None
        k += 1
        while k < len(lines) and (m := _NOTE_START_RE.match(lines[k])):
            start, text = k, m["text"].strip()
            k += 1
            while k < len(lines) and lines[k][:1].islower():
                found[k] = None
                text += " " + lines[k].strip()
                k += 1
            found[start] = (m["marker"], text)
    return found


def _marked_notes(lines: list[str], page_ends: frozenset[int]) -> dict[int, tuple[str, str] | None]:
    """Notes at the foot of a page with no rule above them: "27 Note by the secretariat: …"
    just before the page number, its number printed as a mark glued to a word higher
    on the same page ("PART V27 CAPACITY-BUILDING …"). A paragraph numbered "27." has
    its full stop, and no mark 27 stands above it."""
    found: dict[int, tuple[str, str] | None] = {}
    top = 0
    for end in sorted(page_ends):
        k = end
        while k > top:
            start = k
            while start > max(top, k - _NOTE_LINES) and lines[start][:1].islower():
                start -= 1  # a note going on in lower case
            m = _NOTE_START_RE.match(lines[start])
            if not m or not m["marker"].isdigit() or start == top:
                break
            mark = re.compile(rf"[^\W\d_]{m['marker']}(?![\d.,/:%-])")
            if not any(mark.search(line) for line in lines[top:start]):
                break
            found[start] = (m["marker"], " ".join([m["text"].strip(), *(x.strip() for x in lines[start + 1 : k + 1])]))
            found.update(dict.fromkeys(range(start + 1, k + 1)))
            k = start - 1
        top = end + 1
    return found
