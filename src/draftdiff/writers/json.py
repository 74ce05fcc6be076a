"""JSON documents: public contracts, each with a ``schema`` name and version."""

from __future__ import annotations

import json

from ..document.model import Draft


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse_document(draft: Draft) -> str:
    return dumps(draft.to_json())


def compare_document(comparison, changes=None) -> str:
    document = comparison.to_json()
    if changes is not None:
        document["changes"] = [c.to_json() for c in changes]
    return dumps(document)


def check_document(result) -> str:
    return dumps(result.to_json())
