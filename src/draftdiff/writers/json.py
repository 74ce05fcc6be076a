"""JSON documents: public contracts, each with a ``schema`` name and version."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..document.model import Draft
from .untrusted import tree

# Laid out two levels deep (the document's keys, then each change, paragraph
# or finding on a line of its own) and compact below: readable and greppable,
# and written by json's C encoder. ``indent=`` takes the pure-Python encoder,
# five times slower on a 10,000-paragraph comparison.
_LAID_OUT_LEVELS = 2
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


# What json leaves raw that untrusted.text would show: DEL, C1 and the direction
# overrides; and what it escapes: a C0 control (\u00XX, \b, \f) and a carriage
# return (\r). Rare: only then is the document walked (a false hit only costs time).
_RAW_RE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_ESCAPES = ("\\u00", "\\b", "\\f", "\\r")


def dumps(document: dict) -> str:
    """The document laid out; its strings given untrusted.text's treatment."""
    return _layout(document, 0) + "\n"


def _encoded(value: object) -> str:
    """One value in compact JSON, given untrusted.text's treatment where it needs it:
    piece by piece, so that a list given as a generator is still read once."""
    out = _compact(value)
    if any(escape in out for escape in _ESCAPES) or (not out.isascii() and _RAW_RE.search(out)):
        out = _compact(tree(value))
    return out


def _layout(value: object, depth: int) -> str:
    if isinstance(value, Iterator) and depth < _LAID_OUT_LEVELS:
        # a list given as a generator: each item is encoded as it is made, so
        # a long list never stands in memory as objects and as text at once
        items = [inner + _layout(item, depth + 1) for inner in ["  " * (depth + 1)] for item in value]
        return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]" if items else "[]"
    if depth >= _LAID_OUT_LEVELS or not value or not isinstance(value, dict | list):
        return _encoded(list(value) if isinstance(value, Iterator) else value)
    inner = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_encoded(str(key))}: {_layout(item, depth + 1)}" for key, item in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    items = [inner + _layout(item, depth + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def parse_document(draft: Draft) -> str:
    return dumps(draft.to_json())


def compare_document(comparison, changes=None) -> str:
    document = comparison.to_json()
    if changes is not None:
        document["changes"] = [c.to_json() for c in changes]
    return dumps(document)


def check_document(result) -> str:
    return dumps(result.to_json())
