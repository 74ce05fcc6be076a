"""Draft text comes from strangers; what we write goes to their colleagues.

Every writer passes text through here: control characters become visible
escapes (an ESC sequence could hide words on a terminal, and XML forbids
them), and spreadsheet cells that Excel would run as a formula are
neutralised as OWASP's CSV-injection guidance says: a leading ``=``, ``+``,
``-``, ``@``, tab or carriage return gets a ``'`` in front.
"""

from __future__ import annotations

import html
from xml.sax.saxutils import escape as _xml_escape

from ..normalize import visible_controls

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value: object) -> str:
    """Any value as text with no control character in it."""
    return visible_controls(str(value))


def xml_escape(value: str, entities: dict[str, str] | None = None) -> str:
    return _xml_escape(visible_controls(value), entities or {})


def html_escape(value: str, quote: bool = True) -> str:
    return html.escape(visible_controls(value), quote=quote)


def cell(value: object) -> object:
    """A spreadsheet cell: numbers stay numbers, text is never a formula."""
    if not isinstance(value, str):
        return value
    if not value.isprintable():
        value = visible_controls(value)
    return "'" + value if value.startswith(_FORMULA_START) else value
