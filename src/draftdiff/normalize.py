"""Text normalisation shared by the readers.

Readers keep what a delegate sees and fold what the file format adds: runs
of white space, non-breaking and typographic spaces, soft hyphens, zero-width
characters, Word's non-breaking hyphen. Quote and dash styles are *kept* here
(they are shown to users); compare folds them when it decides what changed.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\f\v"
# Only what must change: two or more spaces, or any other space character
# (rewriting every single space cost more than the rest of reading).
_SPACE_RUN_RE = re.compile(f" [ {_SPACES}]+|[{_SPACES}][ {_SPACES}]*")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_NB_HYPHEN = "\u2011"
# C0 controls but tab, line feed and carriage return (which are white space
# here), DEL, C1 controls, code points XML forbids, and the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Draft
# text comes from strangers: an ESC sequence could hide words on a reviewer's
# terminal, XML writers would write an invalid file, and a right-to-left
# override shows "evil" as "live" and runs on into what follows it.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
CONTROL_RE = re.compile(f"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}\ufffe\uffff\ud800-\udfff]")


def visible_controls(text: str) -> str:
    """Control characters as visible escapes: ``\x1b`` becomes the four characters ``\\x1b``."""
    if text.isprintable():
        return text  # the common case, decided in C: no control character at all
    return CONTROL_RE.sub(
        lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 256 else f"\\u{ord(m.group(0)):04x}", text
    )


def has_controls(text: str) -> bool:
    return not text.isprintable() and bool(CONTROL_RE.search(text))


def clean_text(text: str) -> str:
    """Fold white space and invisible characters; show control characters as
    visible escapes; NFC-compose."""
    if text.isascii() and text.isprintable():
        # The common case, in C: no control, no tab or line break, nothing to compose.
        return (_SPACE_RUN_RE.sub(" ", text) if "  " in text else text).strip()
    text = _INVISIBLE_RE.sub("", text)
    if CONTROL_RE.search(text):
        text = visible_controls(text.replace("\x0c", " ").replace("\x0b", " "))
    text = text.replace(_NB_HYPHEN, "-")
    text = _SPACE_RUN_RE.sub(" ", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)


def fold_typography(text: str) -> str:
    """Map curly quotes and dash variants onto ASCII, and compatibility forms (NFKC: Arabic
    presentation forms, full-width letters, ligatures) onto their plain letters, without the
    Arabic tatweel that only stretches a word: for comparison only."""
    folded = text.translate(_QUOTES)
    if not folded.isascii() and not unicodedata.is_normalized("NFKC", folded):
        folded = unicodedata.normalize("NFKC", folded)
    return folded.replace(_TATWEEL, "") if _TATWEEL in folded else folded


_TATWEEL = "\u0640"
