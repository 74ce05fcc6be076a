"""Words for synthetic benchmark drafts: the vocabulary of the samples' field."""

from __future__ import annotations

import random

WORDS = [
    "migrants",
    "States",
    "cooperation",
    "regular",
    "pathways",
    "rights",
    "protection",
    "access",
    "services",
    "decent",
    "work",
    "data",
    "implementation",
    "review",
    "commitment",
    "framework",
    "regional",
    "national",
    "local",
    "stakeholders",
    "children",
    "women",
    "return",
    "reintegration",
    "detention",
    "alternatives",
    "remittances",
    "diaspora",
    "climate",
    "disasters",
    "trafficking",
]
FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "all",
    "ensure",
    "promote",
    "support",
    "strengthen",
    "recognize",
    "welcome",
    "note",
]


def sentence(rng: random.Random, n: int, words: list[str] = WORDS) -> str:
    return "We " + " ".join(rng.choice(words) for _ in range(n)) + "."
