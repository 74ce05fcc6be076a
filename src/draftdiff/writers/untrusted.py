"""Draft text comes from strangers; what we write goes to their colleagues.

The one place every writer sends text it did not make itself: a draft's
words, and alike a comment's author, organisation and quoted words, a
register's labels, a file name.

- control characters become visible escapes (an ESC sequence could hide words
  on a terminal, or set a window title; XML forbids them): C0 but tab and line
  feed, a carriage return not followed by a line feed (it returns the cursor
  and overwrites the line), DEL and C1 (U+009B is a terminal's CSI);
- the bidirectional embeddings, overrides and isolates (U+202A-U+202E,
  U+2066-U+2069) become visible escapes too, so a right-to-left override
  cannot show "evil" as "live" nor run on into the next field;
- a *name* (an author, an organisation: what says who said what) is also one
  line, and its direction marks (U+200E, U+200F, U+061C) are shown: they are
  never part of a name, and could move the punctuation that separates it;
- spreadsheet cells that Excel would run as a formula are neutralised as
  OWASP's CSV-injection guidance says: a leading ``=``, ``+``, ``-``, ``@``,
  tab or carriage return gets a ``'`` in front;
- HTML and XML are escaped after all that, and an HTML name is isolated in a
  ``<bdi>`` so that its own right-to-left letters stay inside it.

Every function is idempotent: text already made safe (a draft's words, made
visible when read) passes through unchanged.
"""

from __future__ import annotations

import html
import re
from xml.sax.saxutils import escape as _xml_escape

from ..normalize import visible_controls

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DIRECTION_MARKS_RE = re.compile("[\u200e\u200f\u061c]")


def text(value: object) -> str:
    """Any value as text with no control or direction-override character in it."""
    value = str(value)
    if value.isprintable():
        return value  # the common case, decided in C
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\\x0d")
    value = visible_controls(value)
    return value.replace("\x0c", "\\x0c") if "\x0c" in value else value


def name(value: object) -> str:
    """Who wrote something (an author, an organisation): ``text`` on one line,
    its direction marks shown."""
    value = text(value)
    if value.isprintable():
        return value
    value = " ".join(value.split())
    return _DIRECTION_MARKS_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", value)


def tree(value: object) -> object:
    """A JSON-like document with ``text`` applied to every string in it, keys too."""
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return {tree(key): tree(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [tree(item) for item in value]
    return value


def xml_escape(value: str, entities: dict[str, str] | None = None) -> str:
    return _xml_escape(text(value), entities or {})


def html_escape(value: str, quote: bool = True) -> str:
    return html.escape(text(value), quote=quote)


def html_name(value: str) -> str:
    """A name in HTML element content, isolated: its direction never leaks
    into the words around it."""
    return f"<bdi>{html.escape(name(value))}</bdi>"


def cell(value: object) -> object:
    """A spreadsheet cell: numbers stay numbers, text is never a formula."""
    if not isinstance(value, str):
        return value
    if not value.isprintable():  # tested here first: most cells need nothing
        value = text(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def name_cell(value: str) -> object:
    """A name in a spreadsheet cell."""
    return cell(name(value))
