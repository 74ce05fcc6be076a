"""Does a PDF's text layer say what its pages show?

A font without a usable Unicode map decodes to the wrong characters: Russian
comes out as IPA letters ("ɫɨɝɥɚɫɢɥɢɫɶ") with control characters for spaces,
Chinese as a stream of unrelated characters from a dozen scripts, a French
heading as "DISPOSITIONS *ÉNÉRALES". The tests here are cheap, on the
decoded text alone (a few regular expressions a page), so that a layer that
tells the truth is read as fast as ever:

- letters of no script the page is written in (IPA and late Latin
  Extended-B, private use, presentation forms, letters of a script other
  than the page's own and Latin), and control characters standing for
  spaces or punctuation;
- symbols inside or at the head of words ("DURA%LE", "=ONES", "d¶application"),
  line by line: one font of a page may lie while the others tell the truth;
- too few of the draft's words among the commonest words of its language
  (:mod:`.lexicon`): a layer of garbage has none.

A page lies as a whole, or only some of its lines do (headings set in a
broken font). :func:`inspect` says which, and in which language the
readable text is written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .lexicon import COMMON_HAN, COMMON_WORDS
from .pdf_engines import PageText

_LETTER_RE = re.compile(r"[^\W\d_]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
# letters no text of the six UN languages uses: IPA, late Latin Extended-B
# (Ƚ Ʌ Ɉ: the Russian garbage's capitals), phonetic extensions, private use,
# presentation forms (Arabic glyph shapes stand for letters only after
# shaping undone and order checked)
_ODD_RE = re.compile(r"[\u0238-\u02af\u1d00-\u1dbf\ufb50-\ufdff\ufe70-\ufefc]")
# control characters; not \x01 (our soft space) nor \x02 (pdfium's line-end hyphen)
_CONTROL_RE = re.compile(r"[\x00\x03-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LATIN = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u0237\u1e00-\u1eff"
_SCRIPTS: dict[str, re.Pattern[str]] = {
    "latin": re.compile(f"[{_LATIN}]+"),
    "cyrillic": re.compile(r"[\u0400-\u052f]+"),
    "greek": re.compile(r"[\u0370-\u03ff]+"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]+"),
    "han": re.compile(r"[\u4e00-\u9fff\uf900-\ufaff]+"),
}
_NON_LATIN_RE = re.compile(f"[^\\W\\d_{_LATIN}]")
# a symbol where a letter should be: inside a word ("DURA%LE", "d¶application"),
# heading one ("*ÉNÉRALES", "=ONES", "%ONNE") or standing for one ("\\ compris",
# "< COMPRIS"); found by one character class, then judged by its neighbours
_SYMBOL_RE = re.compile(r"[%*=¶\\$<]")
# one scan finds every page that needs a closer look: a letter outside Latin,
# a control character, an odd letter, a symbol that may stand for a letter
_LOOK_CLOSER_RE = re.compile(f"[^\\W\\d_{_LATIN}]|[\x00\x03-\x08\x0b\x0c\x0e-\x1f\x7f%*=¶\\\\$<]")
_PRIVATE_RUN_RE = re.compile(r"[\ue000-\uf8ff]{2,}|[^\W\d_][\ue000-\uf8ff]|[\ue000-\uf8ff][^\W\d_]")


def _symbol_for_letter(text: str) -> bool:
    for found in _SYMBOL_RE.finditer(text):
        at, char = found.start(), found.group()
        before = text[at - 1] if at else " "
        after = text[at + 1 : at + 3]
        letter_before = before.isalpha()
        if char == "¶" and (letter_before or after[:1].isalpha()):
            return True  # "d¶application": a pilcrow is never in a word
        if letter_before and after[:1].isalpha() and (char in "%¶$" or (char == "*" and (before + after).isupper())):
            return True  # "DURA%LE", "PARTA*E"; not Markdown's "r*eaffirming*"
        heads_word = (before.isspace() or before in "(") and len(after) == 2 and after.isalpha()
        if heads_word and (char in "%=" or (char == "*" and after.isupper())):
            return True  # "%IOLO", "=ONES", "*ÉNÉRALES"; not "*If"
        following = text[at + 2 : at + 4]
        stands_alone = before.isspace() and after[:1] == " " and following.isalpha()
        if stands_alone and (char == "\\" or (char == "<" and following.isupper())):
            return True  # "\\ compris", "< COMPRIS": a letter lost to a symbol
    return False


ODD_SHARE = 0.10  # of a page's letters: more than this, and the page lies
ODD_CONTROLS = 3  # control characters on a page: real text has none
LINE_SHARE = 0.40  # of a page's letters in lying lines: the whole page lies
FEW_WORDS = 0.06  # commonest words among a text's words: fewer, and it is not text
FEW_HAN = 0.30  # commonest characters among a Chinese text's characters
MIN_WORDS = 60  # words a text needs before its vocabulary is judged
MIN_HAN = 80


@dataclass
class PageCounts:
    letters: int = 0
    odd: int = 0  # letters of no script, and letters alien to the page's script
    script: str = "latin"


@dataclass
class LayerReport:
    """What :func:`inspect` found: pages whose layer lies as a whole (with
    why), lines that lie on pages that otherwise tell the truth, and the
    language of the readable text (ISO 639-1), when there is enough of it."""

    lying_pages: dict[int, str] = field(default_factory=dict)
    lying_lines: dict[int, list[int]] = field(default_factory=dict)
    language: str | None = None
    script: str | None = None  # the script most of the draft's letters are in

    @property
    def clean(self) -> bool:
        return not self.lying_pages and not self.lying_lines


NO_SCRIPT = "characters of no script the page is written in"
SAMPLE_PAGES = 12  # pages whose words judge the draft's vocabulary: spread over it


def inspect(pages: list[PageText]) -> LayerReport:
    report = LayerReport()
    scripts: Counter[str] = Counter()
    texts: dict[int, str] = {}
    for page in pages:
        if not page.lines:
            continue
        text = texts[page.number] = "\n".join(line.text for line in page.lines)
        if not _LOOK_CLOSER_RE.search(text):
            scripts["latin"] += len(text)  # the common case, at the cost of two scans
            continue
        found = _count(text)
        if not found.letters:
            continue
        scripts[found.script] += found.letters
        if found.odd > found.letters * ODD_SHARE or len(_CONTROL_RE.findall(text)) >= ODD_CONTROLS:
            report.lying_pages[page.number] = NO_SCRIPT
            continue
        lines = [index for index, line in enumerate(page.lines) if _line_lies(line.text, found.script)]
        if lines:
            bad_letters = sum(_letters(page.lines[i].text) for i in lines)
            if bad_letters > found.letters * LINE_SHARE:
                report.lying_pages[page.number] = NO_SCRIPT
            else:
                report.lying_lines[page.number] = lines
    report.script = scripts.most_common(1)[0][0] if scripts else None
    truthful = [text for number, text in texts.items() if number not in report.lying_pages]
    language, share = _language(_spread(truthful, SAMPLE_PAGES))
    if share is not None and share < (FEW_HAN if language == "zh" else FEW_WORDS):
        for number in texts:
            if number not in report.lying_pages and _LETTER_RE.search(texts[number]):
                report.lying_pages[number] = "too few words of any language"
                report.lying_lines.pop(number, None)
        return report
    report.language = language
    return report


def _spread(items: list[str], count: int) -> list[str]:
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(index * step)] for index in range(count)]


def _letters(text: str) -> int:
    return sum(map(len, _LETTERS_RE.findall(text)))


def _count(text: str) -> PageCounts:
    found = PageCounts(letters=_letters(text))
    if not found.letters:
        return found
    by_script = {name: sum(map(len, pattern.findall(text))) for name, pattern in _SCRIPTS.items()}
    found.script = max(by_script, key=lambda name: by_script[name])
    known = by_script["latin"] + (by_script[found.script] if found.script != "latin" else 0)
    found.odd = found.letters - known
    return found


def line_lies(text: str, script: str = "latin") -> bool:
    """Whether one line of text shows the signs of a broken font."""
    return _line_lies(text, script)


def _line_lies(text: str, script: str) -> bool:
    """A symbol where a letter should be, a control character, or letters
    alien to the page's script (Tamil in a French heading)."""
    if _ODD_RE.search(text) or _CONTROL_RE.search(text) or _PRIVATE_RUN_RE.search(text) or _symbol_for_letter(text):
        return True
    if not _NON_LATIN_RE.search(text):
        return False
    known = sum(map(len, _SCRIPTS["latin"].findall(text))) + sum(map(len, _SCRIPTS["greek"].findall(text)))
    if script not in ("latin", "greek"):
        known += sum(map(len, _SCRIPTS[script].findall(text)))
    return _letters(text) > known


def _language(texts: list[str]) -> tuple[str | None, float | None]:
    """The language most of these texts' words are common words of, and the
    share of them that are; (None, None) when there are too few to say."""
    text = "\n".join(texts)
    han = _SCRIPTS["han"].findall(text)
    han_count = sum(map(len, han))
    words = Counter(_LETTERS_RE.findall(text.lower()))
    total = sum(words.values())
    if han_count >= MIN_HAN and han_count > total:
        return "zh", sum(1 for run in han for char in run if char in COMMON_HAN) / han_count
    if total < MIN_WORDS:
        return None, None
    hits = {language: sum(words[w] for w in common) for language, common in COMMON_WORDS.items()}
    language = max(hits, key=lambda name: hits[name])
    return language, hits[language] / total


def language_of(text: str) -> str | None:
    """The language of a text (ISO 639-1) by its common words or characters, if it says."""
    return _language([text])[0]
