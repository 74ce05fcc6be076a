"""Generated revision chains with their truth, for history.

``make(seed, drafts=6, size=60)`` writes a negotiation of ``drafts`` texts.
At every step about a third of the paragraphs are reworded a little, and a
few "drifting" paragraphs are reworded at every step, so that their first
and last wordings share little; one paragraph is split, two are merged, one
is moved, one is deleted and comes back two steps later, and new ones are
added as "bis" paragraphs. The final text is renumbered 1..N.

The truth is kept by identity: every paragraph has one, rewording keeps it,
a split gives the parts new identities whose parent is the old one, and a
merge gives the result both parents. ``truth_links(d)`` is the set of
(id in draft d, id in the final draft) pairs where the final paragraph
descends from the draft-d one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

VOCABULARY = [
    "access",
    "adaptation",
    "agreement",
    "assessment",
    "capacity",
    "climate",
    "commitment",
    "communities",
    "cooperation",
    "coordination",
    "countries",
    "data",
    "development",
    "disaster",
    "displacement",
    "education",
    "emissions",
    "employment",
    "environment",
    "equality",
    "evaluation",
    "finance",
    "framework",
    "funding",
    "gender",
    "governance",
    "health",
    "housing",
    "inclusion",
    "information",
    "institutions",
    "investment",
    "justice",
    "knowledge",
    "labour",
    "land",
    "livelihoods",
    "measures",
    "migration",
    "mitigation",
    "mobility",
    "monitoring",
    "national",
    "partnerships",
    "planning",
    "policies",
    "poverty",
    "protection",
    "recovery",
    "regional",
    "reporting",
    "resilience",
    "resources",
    "rights",
    "risk",
    "safety",
    "sanitation",
    "security",
    "services",
    "social",
    "support",
    "sustainable",
    "technology",
    "trade",
    "training",
    "transparency",
    "urban",
    "vulnerable",
    "water",
    "women",
    "workers",
    "youth",
]
GLUE = "the of and to in for with on by all its their through within across including".split()  # noqa: SIM905
LATIN = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies"]


@dataclass
class Para:
    identity: int
    label: str
    words: list[str]


@dataclass
class Chain:
    texts: list[str]
    labels: list[dict[int, str]]  # per draft: identity -> label (the id)
    parents: dict[int, set[int]] = field(default_factory=dict)  # identity -> the identities it came from

    def ancestors(self, identity: int) -> set[int]:
        out = {identity}
        stack = [identity]
        while stack:
            for parent in self.parents.get(stack.pop(), ()):
                if parent not in out:
                    out.add(parent)
                    stack.append(parent)
        return out

    def truth_links(self, d: int) -> set[tuple[str, str]]:
        final = self.labels[-1]
        here = self.labels[d]
        return {
            (here[source], label)
            for identity, label in final.items()
            for source in self.ancestors(identity)
            if source in here
        }


def _sentence(rng: random.Random, length: int) -> list[str]:
    words = []
    for _ in range(length):
        words.append(rng.choice(GLUE) if rng.random() < 0.35 else rng.choice(VOCABULARY))
    return words


def _reword(rng: random.Random, words: list[str], edits: int) -> list[str]:
    words = list(words)
    for _ in range(edits):
        op = rng.random()
        at = rng.randrange(len(words))
        if op < 0.6:
            words[at] = rng.choice(VOCABULARY)
        elif op < 0.8:
            words.insert(at, rng.choice(VOCABULARY))
        elif len(words) > 8:
            del words[at]
    return words


def _text(paras: list[Para]) -> str:
    body = "\n\n".join(f"{p.label}. {' '.join(p.words).capitalize()}." for p in paras)
    return f"Draft outcome document\n\n{body}\n"


def _next_label(used: set[str], base: str) -> str:
    for suffix in LATIN:
        if f"{base}{suffix}" not in used:
            return f"{base}{suffix}"
    raise ValueError("too many insertions")


def make(seed: int, drafts: int = 6, size: int = 60) -> Chain:
    rng = random.Random(seed)
    counter = iter(range(10**9))
    current = [Para(next(counter), str(n), _sentence(rng, rng.randint(16, 34))) for n in range(1, size + 1)]
    drifting = {p.identity for p in rng.sample(current, max(2, size // 6))}
    parents: dict[int, set[int]] = {}
    pending_restore: list[tuple[int, int, Para]] = []  # (restore at draft, position, paragraph)
    snapshots = [list(current)]
    used = {p.label for p in current}  # a label is never given twice (a restored paragraph keeps its own)
    for d in range(1, drafts):
        nxt = [Para(p.identity, p.label, list(p.words)) for p in current]
        for p in nxt:
            if p.identity in drifting:
                p.words = _reword(rng, p.words, rng.randint(5, 7))
            elif rng.random() < 0.33:
                p.words = _reword(rng, p.words, rng.randint(1, 3))
        # split one long paragraph
        long = [k for k, p in enumerate(nxt) if len(p.words) >= 24 and p.identity not in drifting]
        if long:
            k = rng.choice(long)
            old = nxt[k]
            cut = len(old.words) // 2
            first = Para(next(counter), old.label, old.words[:cut])
            second = Para(next(counter), _next_label(used, old.label.rstrip("".join(LATIN))), old.words[cut:])
            used.add(second.label)
            parents[first.identity] = {old.identity}
            parents[second.identity] = {old.identity}
            nxt[k : k + 1] = [first, second]
        # merge two neighbours
        k = rng.randrange(len(nxt) - 1)
        a, b = nxt[k], nxt[k + 1]
        merged = Para(next(counter), a.label, a.words + b.words)
        parents[merged.identity] = {a.identity, b.identity}
        nxt[k : k + 2] = [merged]
        # move one paragraph far
        k = rng.randrange(len(nxt))
        moving = nxt.pop(k)
        nxt.insert(rng.randrange(len(nxt) + 1), moving)
        # restore what was deleted two steps ago, lightly reworded
        for _when, position, para in [item for item in pending_restore if item[0] == d]:
            para.words = _reword(rng, para.words, 1)
            nxt.insert(min(position, len(nxt)), para)
        pending_restore = [item for item in pending_restore if item[0] != d]
        # delete one (to come back two drafts later, when there is time)
        if d + 2 < drafts:
            k = rng.randrange(len(nxt))
            gone = nxt.pop(k)
            if gone.identity not in drifting:
                pending_restore.append((d + 2, k, gone))
        # add new paragraphs
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(1, len(nxt))
            base = nxt[k - 1].label
            for suffix in LATIN:
                base = base.removesuffix(suffix)
            label = _next_label(used, base)
            used.add(label)
            nxt.insert(k, Para(next(counter), label, _sentence(rng, rng.randint(16, 30))))
        current = nxt
        snapshots.append(list(current))
    # the final text is renumbered 1..N
    final = [Para(p.identity, str(n), p.words) for n, p in enumerate(current, 1)]
    snapshots[-1] = final
    return Chain(
        texts=[_text(s) for s in snapshots],
        labels=[{p.identity: p.label for p in s} for s in snapshots],
        parents=parents,
    )
