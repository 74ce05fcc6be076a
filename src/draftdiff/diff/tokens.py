"""The words alignment compares, one paragraph at a time.

Kept apart from :mod:`.align` so that a reader can tokenise a draft (in a
forked process, or while the other draft is read) without loading numpy and
rapidfuzz, which only the alignment itself needs.
"""

from __future__ import annotations

import re

from ..document.model import Draft
from ..normalize import fold_typography

# A cited paragraph ("18(h)(ii)", "4 (b)") is one token, so that it weighs as
# one distinguishing word and its letter is not confused with the article "a".
# a character of a script written without spaces (Chinese, Japanese) is a word of its own
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+"
_TOKEN_RE = re.compile(r"\d+[a-z]{0,6}(?:\s?\((?:[a-z]{1,5}|\d{1,3})\))+|" + _WORDS)
_WORD_RE = re.compile(_WORDS)
_UNSPACED_RE = re.compile(rf"[{_UNSPACED}]")
_SPACED_TOKEN_RE = re.compile(r"\d+[a-z]{0,6}(?:\s?\((?:[a-z]{1,5}|\d{1,3})\))+|\w+")  # text of spaced scripts
_SPACED_WORD_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    folded = (text if text.isascii() else fold_typography(text)).lower()
    spaced = folded.isascii() or not _UNSPACED_RE.search(folded)
    if "(" not in folded:
        # no citation can be in it: the plain word pattern
        return (_SPACED_WORD_RE if spaced else _WORD_RE).findall(folded)
    found = (_SPACED_TOKEN_RE if spaced else _TOKEN_RE).findall(folded)
    if " (" not in folded:
        return found
    # only a cited paragraph ("4 (b)") can hold a space
    return [_SPACE_RE.sub("", t) if len(t) > 3 and t[-1] == ")" else t for t in found]


def normalised(text: str) -> str:
    """A paragraph's tokens joined by single spaces (no token holds a space):
    cached on the draft, and cheap to send back from a forked reader."""
    return " ".join(tokens(text))


def prepare(draft: Draft) -> None:
    """Tokenise a draft ahead of alignment (cached on the draft): a caller
    can do it while something else waits, such as the other draft's reading."""
    draft.per_paragraph("align.norm", normalised)
