"""JSON documents: public contracts, each with a ``schema`` name and version."""

from __future__ import annotations

import json

from ..model import Draft


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse_document(draft: Draft) -> str:
    return dumps(draft.to_json())
