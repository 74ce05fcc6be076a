"""Articles, sections and annexes matched as units, by their content.

Drafts renumber and retitle their articles ("Article 3 (mitigation)" is
"Article 4" a draft later), so a unit's number and title are no evidence of
what it became. Its paragraphs are: an old unit is paired with the new unit
that received most of its linked paragraphs, when that new unit received
most of its own from it. What is left is an added or a deleted unit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..document.model import Kind, Paragraph

SectionKey = str  # a unit: the id of the heading a paragraph stands under (its section title when it has none)


def unit_keys(paragraphs: list[Paragraph]) -> list[SectionKey]:
    """Each paragraph's unit, "" for none: the id of the heading that opened
    its section, so that two sections titled alike ("Section 1" of two
    articles) are two units."""
    opened: dict[str, str] = {}
    out = []
    for para in paragraphs:
        if para.kind is Kind.HEADING and para.section:
            opened[para.section] = para.id
        out.append(opened.get(para.section, para.section) if para.section else "")
    return out


SUPPORT = 0.25  # share of the smaller unit's paragraphs that must link the two


def pair_units(
    votes: Counter[tuple[SectionKey, SectionKey]], old_sizes: dict[SectionKey, int], new_sizes: dict[SectionKey, int]
) -> dict[SectionKey, SectionKey]:
    """Old unit -> new unit, where each is the other's strongest partner and
    enough of the smaller one went across: a long decision that lent three
    paragraphs to a new article did not become that article."""
    votes = Counter(
        {
            (old, new): count
            for (old, new), count in votes.items()
            if count >= 2 and count >= SUPPORT * min(old_sizes.get(old, 0), new_sizes.get(new, 0))
        }
    )
    best_new: dict[SectionKey, tuple[int, SectionKey]] = {}
    best_old: dict[SectionKey, tuple[int, SectionKey]] = {}
    # ties go to the same title, then to the first in sorted order: deterministic
    for (old, new), count in sorted(votes.items(), key=lambda item: (item[0][0] != item[0][1], item[0])):
        if count > best_new.get(old, (0, ""))[0]:
            best_new[old] = (count, new)
        if count > best_old.get(new, (0, ""))[0]:
            best_old[new] = (count, old)
    return {old: new for old, (_, new) in best_new.items() if best_old.get(new, (0, ""))[1] == old}


def votes_of(
    links: Iterable[tuple[Paragraph, Paragraph]], old_units: dict[int, SectionKey], new_units: dict[int, SectionKey]
) -> Counter[tuple[SectionKey, SectionKey]]:
    """How many linked paragraphs went from each old unit to each new one
    (``*_units``: a paragraph's unit, by ``id()``); a heading linked to a
    heading counts double, it names its unit."""
    votes: Counter[tuple[SectionKey, SectionKey]] = Counter()
    for old, new in links:
        old_key, new_key = old_units.get(id(old), ""), new_units.get(id(new), "")
        if old_key and new_key:
            votes[(old_key, new_key)] += 2 if old.kind is Kind.HEADING and new.kind is Kind.HEADING else 1
    return votes


@dataclass(frozen=True)
class SectionChange:
    """What became of one article, section or annex."""

    old: Paragraph | None  # the unit's heading
    new: Paragraph | None
    old_title: str  # the unit as the report names it: "Article 3 (mitigation)"
    new_title: str
    status: str  # unchanged | renumbered | retitled | renumbered, retitled | added | deleted
    old_paragraphs: int
    new_paragraphs: int
    old_key: SectionKey = ""  # the unit in each draft (see unit_keys)
    new_key: SectionKey = ""

    def to_json(self) -> dict:
        return {
            "old": self.old.id if self.old else None,
            "new": self.new.id if self.new else None,
            "old_title": self.old_title,
            "new_title": self.new_title,
            "status": self.status,
            "paragraphs": {"old": self.old_paragraphs, "new": self.new_paragraphs},
        }

    @property
    def line(self) -> str:
        """One line of the report: "Article 3 (mitigation) → Article 4: renumbered, retitled"."""
        if not self.new_title:
            return f"{self.old_title}: deleted"
        if not self.old_title:
            return f"{self.new_title}: added"
        if self.status == "unchanged":
            return f"{self.new_title}: {self.status}"
        return f"{self.old_title} → {self.new_title}: {self.status}"


_NUMBER_RE = re.compile(r"^\W*(?:article|art\.|section|part|chapter|annex|appendix)?\s*[\w.]*\d[\w.]*\W*", re.I)


def _title(section: str) -> str:
    """A unit's title without its number: "Article 3 (mitigation)" -> "mitigation"."""
    words = re.findall(r"[^\W_]+", _NUMBER_RE.sub("", section).casefold())
    return "".join(words)  # spacing is no retitling ("entry into force", "entryinto force")


def _units(paragraphs: list[Paragraph], keys: list[SectionKey]) -> dict[SectionKey, tuple[Paragraph | None, int, str]]:
    """Each unit's heading, how many paragraphs stand in it and its title, in reading order."""
    units: dict[SectionKey, tuple[Paragraph | None, int, str]] = {}
    for para, key in zip(paragraphs, keys, strict=True):
        if not key:
            continue
        heading, count, title = units.get(key, (None, 0, para.section))
        if para.kind is Kind.HEADING and heading is None:
            heading = para
        units[key] = (heading, count + (para.kind is not Kind.HEADING), title)
    return units


def section_changes(
    old: list[Paragraph], new: list[Paragraph], links: Iterable[tuple[Paragraph, Paragraph]]
) -> list[SectionChange]:
    """Every unit of both drafts: paired ones with what changed in their
    number and title, then the added and deleted ones, in the new draft's order."""
    old_keys, new_keys = unit_keys(old), unit_keys(new)
    old_units, new_units = _units(old, old_keys), _units(new, new_keys)
    votes = votes_of(
        links,
        {id(p): k for p, k in zip(old, old_keys, strict=True)},
        {id(p): k for p, k in zip(new, new_keys, strict=True)},
    )
    pairs = pair_units(
        votes, {k: n for k, (_, n, _) in old_units.items()}, {k: n for k, (_, n, _) in new_units.items()}
    )
    out: list[SectionChange] = []
    by_new = {new_key: old_key for old_key, new_key in pairs.items()}
    for new_key, (new_heading, new_count, new_title) in new_units.items():
        old_key = by_new.get(new_key)
        if old_key is None:
            if new_count:  # a title page's lines stand under no unit of their own
                out.append(SectionChange(None, new_heading, "", new_title, "added", 0, new_count, "", new_key))
            continue
        old_heading, old_count, old_title = old_units[old_key]
        status = []
        if old_heading and new_heading and old_heading.label and new_heading.label and old_heading.id != new_heading.id:
            status.append("renumbered")
        if _title(old_title) != _title(new_title):
            status.append("retitled")
        change = ", ".join(status) or "unchanged"
        out.append(
            SectionChange(
                old_heading, new_heading, old_title, new_title, change, old_count, new_count, old_key, new_key
            )
        )
    for old_key, (old_heading, old_count, old_title) in old_units.items():
        if old_key not in pairs and old_count:
            out.append(SectionChange(old_heading, None, old_title, "", "deleted", old_count, 0, old_key, ""))
    return out
