"""JSON documents: public contracts, each with a ``schema`` name and version."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..document.model import Draft

# Laid out two levels deep (the document's keys, then each change, paragraph
# or finding on a line of its own) and compact below: readable and greppable,
# and written by json's C encoder. ``indent=`` takes the pure-Python encoder,
# five times slower on a 10,000-paragraph comparison.
_LAID_OUT_LEVELS = 2
_compact = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def dumps(document: dict) -> str:
    return _layout(document, 0) + "\n"


def _layout(value: object, depth: int) -> str:
    if isinstance(value, Iterator) and depth < _LAID_OUT_LEVELS:
        # a list given as a generator: each item is encoded as it is made, so
        # a long list never stands in memory as objects and as text at once
        items = [inner + _layout(item, depth + 1) for inner in ["  " * (depth + 1)] for item in value]
        return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]" if items else "[]"
    if depth >= _LAID_OUT_LEVELS or not value or not isinstance(value, dict | list):
        return _compact(value)
    inner = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_compact(str(key))}: {_layout(item, depth + 1)}" for key, item in value.items()]
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
