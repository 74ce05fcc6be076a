"""Generated revision pairs full of formulaic paragraphs, with their truth.

A decision often has eight to twelve paragraphs cut from one template that
differ mainly in the paragraph they cite: "Requests the secretariat to
prepare … in accordance with paragraph 18(h)(ii) …". Between drafts the
family is reordered, one member is deleted, one is added at its end with a
citation the old draft did not have, and a few are lightly reworded; everything is
renumbered. Filler paragraphs around the families change a little too.

``make(seed)`` returns the two texts and the truth: which old paragraph
number became which new one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TEMPLATES = [
    "Requests the secretariat to {verb} the {topic}, in accordance with paragraph {ref} of decision {dec}, "
    "and to make the results available on the {where};",
    "Invites Parties to submit their views on the {topic} referred to in paragraph {ref} of decision {dec}, "
    "by the {when} session of the subsidiary bodies;",
    "Decides that the {topic} referred to in paragraph {ref} of the annex to decision {dec} shall be "
    "considered by the {where} at its {when} session;",
    "Also requests the secretariat to {verb}, subject to the availability of financial resources, the "
    "{topic} in accordance with paragraph {ref} of decision {dec};",
]
VERBS = ["prepare", "compile", "update", "publish", "synthesize"]
TOPICS = [
    "technical paper on adaptation costs",
    "synthesis report on nationally determined contributions",
    "information on support provided and mobilized",
    "summary of the workshop on loss and damage",
    "compilation of submissions on capacity-building",
]
WHERE = ["UNFCCC website", "Standing Committee on Finance", "subsidiary body", "dedicated web page"]
WHEN = ["fifty-sixth", "fifty-seventh", "fifty-eighth", "next"]
LETTERS = "abcdefghijklmn"
ROMAN = ["i", "ii", "iii", "iv"]
FILLER = [
    "Parties",
    "recognize",
    "the",
    "importance",
    "of",
    "enhanced",
    "cooperation",
    "on",
    "transparency",
    "and",
    "the",
    "need",
    "to",
    "build",
    "capacity",
    "in",
    "developing",
    "countries",
    "through",
    "predictable",
    "support",
    "for",
    "institutions",
    "and",
    "people",
]
EDITS = [("shall", "should"), ("Requests", "Further requests"), ("views", "views and proposals"), ("the", "all the")]


@dataclass
class Pair:
    old: str
    new: str
    truth: set[tuple[str, str]]  # (old number, new number) of every family member that survived
    family_old: set[str]  # old numbers of family members
    family_new: set[str]


def _refs(rng: random.Random, base: int, count: int) -> list[str]:
    refs = []
    for letter in LETTERS[:count]:
        if rng.random() < 0.3:
            refs.append(f"{base}({letter})({rng.choice(ROMAN)})")
        else:
            refs.append(f"{base}({letter})")
    return refs


def _filler(rng: random.Random) -> str:
    words = rng.sample(FILLER, rng.randint(10, 18))
    return " ".join(words).capitalize() + "."


def _reword(rng: random.Random, text: str) -> str:
    for old, new in rng.sample(EDITS, len(EDITS)):
        if f" {old} " in f" {text} ":
            return f" {text} ".replace(f" {old} ", f" {new} ", 1).strip()
    return text.replace(";", ", as appropriate;", 1)


def make(seed: int) -> Pair:
    rng = random.Random(seed)
    old_items: list[tuple[str, str]] = []  # (key, text); key "f<k>:<ref>" for members, "x<n>" for fillers
    new_items: list[tuple[str, str]] = []
    family_keys: set[str] = set()
    for family in range(rng.randint(2, 4)):
        for n in range(rng.randint(2, 5)):
            text = _filler(rng)
            key = f"x{family}.{n}"
            old_items.append((key, text))
            new_items.append((key, _reword(rng, text) if rng.random() < 0.2 else text))
        template = rng.choice(TEMPLATES)
        fields = {
            "verb": rng.choice(VERBS),
            "topic": rng.choice(TOPICS),
            "dec": f"{rng.randint(1, 30)}/CMA.{rng.randint(1, 5)}",
            "where": rng.choice(WHERE),
            "when": rng.choice(WHEN),
        }
        size = rng.randint(8, 12)
        refs = _refs(rng, rng.randint(5, 40), size + 1)
        kept_refs, spare = refs[:size], refs[size]
        members = [(f"f{family}:{ref}", template.format(ref=ref, **fields)) for ref in kept_refs]
        old_items += members
        # the new draft: one deleted, a few reworded, reordered, one added
        survivors = list(members)
        del survivors[rng.randrange(len(survivors) - 1)]
        survivors = [(k, _reword(rng, t) if rng.random() < 0.25 else t) for k, t in survivors]
        for _ in range(rng.randint(1, 3)):
            a = rng.randrange(len(survivors))
            b = min(len(survivors) - 1, max(0, a + rng.choice([-3, -2, -1, 1, 2, 3])))
            survivors.insert(b, survivors.pop(a))
        # A new request comes at the end of its family, not in the place of
        # the deleted one (that would be a citation changed in place).
        survivors.append((f"f{family}:{spare}", template.format(ref=spare, **fields)))
        new_items += survivors
        family_keys |= {k for k, _ in members} | {f"f{family}:{spare}"}
    old_numbers = {key: str(n) for n, (key, _) in enumerate(old_items, 1)}
    new_numbers = {key: str(n) for n, (key, _) in enumerate(new_items, 1)}
    truth = {(old_numbers[k], new_numbers[k]) for k in family_keys if k in old_numbers and k in new_numbers}
    return Pair(
        old=_text("Draft decision -/CMA.5", old_items),
        new=_text("Draft decision -/CMA.5 (revised)", new_items),
        truth=truth,
        family_old={old_numbers[k] for k in family_keys if k in old_numbers},
        family_new={new_numbers[k] for k in family_keys if k in new_numbers},
    )


def _text(title: str, items: list[tuple[str, str]]) -> str:
    body = "\n\n".join(f"{n}. {text}" for n, (_, text) in enumerate(items, 1))
    return f"{title}\n\n{body}\n"
