"""A labelled set for check: weakening, strengthening and neutral edits over
many sentence frames, with the word forms varied. Written for draftdiff,
not from the samples: other subjects, objects and verbs.

``make(seed, count)`` returns (old text, new text, expected rule codes) for
numbered paragraphs; each paragraph carries at most one edit, so a finding
on it can be scored. Weakening codes: DD101 (a weaker word on a ladder),
DD102 (a qualifier added), DD103 (a universal narrowed), DD108 (a softener
put before a commitment verb), DD109 (a weaker subject-and-modal frame),
DD110 (an obligation made an invitation). Strengthening is DD106.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SUBJECTS = ["We", "Member States", "The Parties", "Governments", "The signatories", "The participating States"]
OBJECTS = [
    "access to basic services for persons in need",
    "the protection of children on the move",
    "safe and orderly pathways for labour mobility",
    "decent work for seasonal workers",
    "the portability of pensions and social security benefits",
    "timely access to legal assistance and interpretation",
    "the collection of disaggregated data on displacement",
    "the inclusion of local authorities in planning",
    "humane conditions in reception facilities",
    "cooperation with countries of origin and transit",
]
TAILS = [
    "in line with international law",
    "within the next reporting cycle",
    "with the support of relevant partners",
    "through national and regional mechanisms",
    "and report on progress regularly",
]
# strong verb -> weaker verbs from its ladder (lemmas); forms are varied below
VERB_LADDERS = {
    "guarantee": ["ensure", "facilitate", "promote", "encourage"],
    "ensure": ["facilitate", "promote", "encourage", "support"],
    "eliminate": ["reduce", "address", "mitigate"],
    "end": ["reduce", "address", "combat"],
}
FORMS = {
    "guarantee": {"base": "guarantee", "ing": "guaranteeing", "s": "guarantees"},
    "ensure": {"base": "ensure", "ing": "ensuring", "s": "ensures"},
    "facilitate": {"base": "facilitate", "ing": "facilitating", "s": "facilitates"},
    "promote": {"base": "promote", "ing": "promoting", "s": "promotes"},
    "encourage": {"base": "encourage", "ing": "encouraging", "s": "encourages"},
    "support": {"base": "support", "ing": "supporting", "s": "supports"},
    "eliminate": {"base": "eliminate", "ing": "eliminating", "s": "eliminates"},
    "reduce": {"base": "reduce", "ing": "reducing", "s": "reduces"},
    "address": {"base": "address", "ing": "addressing", "s": "addresses"},
    "mitigate": {"base": "mitigate", "ing": "mitigating", "s": "mitigates"},
    "end": {"base": "end", "ing": "ending", "s": "ends"},
    "combat": {"base": "combat", "ing": "combating", "s": "combats"},
}
SOFTENERS = [
    "work towards {ing}",
    "strive to {base}",
    "seek to {base}",
    "endeavour to {base}",
    "aim to {base}",
    "consider {ing}",
    "explore ways to {base}",
    "make every effort to {base}",
    "take steps towards {ing}",
    "do their utmost to {base}",  # not in the data file: held out
    "undertake efforts to {base}",  # not in the data file: held out
]
HEDGES = [
    "as appropriate",
    "where feasible",
    "in accordance with national legislation",
    "subject to available resources",
    "taking into account national circumstances",
]
STRONG_FRAMES = ["{s} commit to {ing}", "{s} shall {base}", "{s} undertake to {base}"]
WEAK_FRAMES = ["{s} will consider {ing}", "{s} are encouraged to {base}", "{s} may wish to {base}"]


@dataclass
class Case:
    old: str
    new: str
    expected: set[str]
    kind: str  # the edit made, for the per-kind scores


def _verb_clause(rng: random.Random, verb: str, frame: str) -> tuple[str, str]:
    """A sentence with ``verb`` in the form the frame asks for."""
    subject = rng.choice(SUBJECTS)
    forms = FORMS[verb]
    return subject, frame.format(s=subject, base=forms["base"], ing=forms["ing"])


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(OBJECTS)} {rng.choice(TAILS)}"


def make_case(rng: random.Random) -> Case:
    kind = rng.choice(
        [
            "ladder",
            "ladder",
            "softener",
            "softener",
            "frame",
            "invitation",
            "hedge",
            "universal",
            "strengthen",
            "neutral",
            "neutral",
            "neutral",
        ]
    )
    obj = _sentence(rng)
    subject = rng.choice(SUBJECTS)
    if kind == "ladder":
        strong = rng.choice(list(VERB_LADDERS))
        weak = rng.choice(VERB_LADDERS[strong])
        form = rng.choice(["base", "ing", "s"])
        lead = {
            "base": f"{subject} will ",
            "ing": f"{subject} reaffirm their commitment to ",
            "s": "The plan ",
        }[form]
        old = f"{lead}{FORMS[strong][form]} {obj}."
        new = f"{lead}{FORMS[weak][form]} {obj}."
        return Case(old, new, {"DD101"}, kind)
    if kind == "softener":
        verb = rng.choice(list(VERB_LADDERS))
        softener = rng.choice(SOFTENERS)
        old = f"{subject} will {FORMS[verb]['base']} {obj}."
        new = f"{subject} will {softener.format(base=FORMS[verb]['base'], ing=FORMS[verb]['ing'])} {obj}."
        return Case(old, new, {"DD108"}, kind)
    if kind == "frame":
        verb = rng.choice(list(VERB_LADDERS))
        strong, weak = rng.choice(STRONG_FRAMES), rng.choice(WEAK_FRAMES)
        forms = FORMS[verb]
        other = rng.choice([s for s in SUBJECTS if s != subject]) if rng.random() < 0.5 else subject
        old = strong.format(s=subject, base=forms["base"], ing=forms["ing"]) + f" {obj}."
        new = weak.format(s=other, base=forms["base"], ing=forms["ing"]) + f" {obj}."
        return Case(old, new, {"DD109"}, kind)
    if kind == "invitation":
        strong, weak = rng.choice(
            [
                ("urges", "encourages"),
                ("urges", "invites"),
                ("calls upon", "invites"),
                ("requests", "invites"),
                ("urge", "encourage"),
            ]
        )
        actor = rng.choice(["States", "the United Nations system", "all stakeholders", "donors"])
        old = f"The Conference {strong} {actor} to support {obj}."
        new = f"The Conference {weak} {actor} to support {obj}."
        return Case(old, new, {"DD110"}, kind)
    if kind == "hedge":
        verb = rng.choice(["ensure", "guarantee", "provide", "protect"])
        hedge = rng.choice(HEDGES)
        base = f"{subject} will {verb} {obj}"
        old = base + "."
        new = f"{subject} will, {hedge}, {verb} {obj}." if rng.random() < 0.5 else f"{base}, {hedge}."
        return Case(old, new, {"DD102"}, kind)
    if kind == "universal":
        target = rng.choice(["migrants", "children", "workers", "persons"])
        if rng.random() < 0.5:
            old = f"{subject} will protect the rights of all {target} {rng.choice(TAILS)}."
            new = f"{subject} will protect the rights of {target} {rng.choice(TAILS)}."
            new = old.replace(f"of all {target}", f"of {target}")
        else:
            old = f"{subject} will protect the rights of {target}, regardless of migration status, {rng.choice(TAILS)}."
            new = old.replace(", regardless of migration status,", "")
        return Case(old, new, {"DD103"}, kind)
    if kind == "strengthen":
        strong = rng.choice(list(VERB_LADDERS))
        weak = rng.choice(VERB_LADDERS[strong])
        old = f"{subject} will {FORMS[weak]['base']} {obj}."
        new = f"{subject} will {FORMS[strong]['base']} {obj}."
        return Case(old, new, {"DD106"}, kind)
    # neutral: reorder a list, move a sentence, keep a universal elsewhere, quote another text, reword an object
    variant = rng.choice(["reorder", "move", "universal kept", "quotation", "object", "universal swapped", "time"])
    verb = rng.choice(["ensure", "guarantee", "provide", "eliminate"])
    if variant == "reorder":
        items = ["health", "education", "housing", "justice"]
        old_items, new_items = items[:], items[:]
        rng.shuffle(new_items)
        if new_items == old_items:
            new_items.reverse()
        old = f"{subject} will {verb} access to {', '.join(old_items[:-1])} and {old_items[-1]} for all migrants."
        new = f"{subject} will {verb} access to {', '.join(new_items[:-1])} and {new_items[-1]} for all migrants."
    elif variant == "move":
        first, second = f"{subject} will {verb} {obj}.", f"This applies {rng.choice(TAILS)}."
        old, new = f"{first} {second}", f"{second} {first}"
    elif variant == "universal kept":
        old = f"{subject} will {verb} {obj} for all migrants, and review it every year."
        new = f"For all migrants, {subject.lower() if subject == 'We' else subject} will {verb} {obj}, and review it every year."
    elif variant == "universal swapped":
        old = f"{subject} will {verb} {obj} at all levels of government."
        new = f"{subject} will {verb} {obj} at every level of government."
    elif variant == "time":
        old = f"{subject} will {verb} {obj} and report each year."
        new = f"{subject} will {verb} {obj} and report annually."
    elif variant == "quotation":
        old = f'{subject} recall that resolution 70/1 speaks of "all migrants" and will {verb} {obj}.'
        new = f'{subject} recall that resolution 70/1 speaks of "all migrants" and will {verb} {rng.choice(OBJECTS)}.'
    else:
        old = f"{subject} will {verb} {obj}."
        new = f"{subject} will {verb} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."
    return Case(old, new, set(), f"neutral: {variant}")


def make(seed: int, count: int = 60) -> list[Case]:
    rng = random.Random(seed)
    return [make_case(rng) for _ in range(count)]


# Each paragraph of a real draft has its own topic: a sentence about it
# follows the edited one, the same in both drafts.
TOPICS = [
    "harbour pilots",
    "vineyard pickers",
    "glacier guides",
    "textile dyers",
    "orchard keepers",
    "ferry crews",
    "bakery apprentices",
    "quarry workers",
    "rice planters",
    "salt miners",
    "tannery hands",
    "dock clerks",
    "tea pluckers",
    "sawmill operators",
    "fishing crews",
    "shepherds",
    "tram drivers",
    "weavers",
    "potters",
    "cocoa farmers",
    "nurses in rural clinics",
    "street vendors",
    "domestic carers",
    "lorry drivers",
    "brick makers",
    "cotton ginners",
    "cannery staff",
    "coffee roasters",
    "boat builders",
    "road menders",
]


def _topic(n: int) -> str:
    first, second = TOPICS[n % len(TOPICS)], TOPICS[(n * 7 + 3) % len(TOPICS)]
    return f"This matters in particular for {first} and {second} (item {n})."


def as_drafts(cases: list[Case]) -> tuple[str, str]:
    old = "\n\n".join(f"{n}. {c.old} {_topic(n)}" for n, c in enumerate(cases, 1))
    new = "\n\n".join(f"{n}. {c.new} {_topic(n)}" for n, c in enumerate(cases, 1))
    return f"Draft outcome\n\n{old}\n", f"Draft outcome\n\n{new}\n"


WEAKENING = {"DD101", "DD102", "DD103", "DD108", "DD109", "DD110"}
