"""Small helpers the rule families share."""

from __future__ import annotations

import re

from .. import phrases


def text_of(paragraphs) -> str:
    return " ".join(p.text for p in paragraphs)


def ids_of(paragraphs) -> str | None:
    return ", ".join(p.id for p in paragraphs) if paragraphs else None


def phrase_with_object(phrase: str, old_text: str, new_text: str) -> str:
    """ "regardless of" plus the words it governed: "regardless of migration status"."""
    norm_new = phrases.normalize(new_text)
    for hit in phrases.find(phrase, old_text):
        tail = phrases.normalize(old_text)[hit.end :]
        words = re.match(r"((?:\s+[\w'-]+){1,4})", tail)
        candidate = (hit.text + (words.group(1) if words else "")).strip(" ,.;")
        if candidate not in norm_new:
            return candidate
    return phrase
