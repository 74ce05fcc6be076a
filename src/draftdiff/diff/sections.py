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

SectionKey = str  # a paragraph's ``section``: the heading it stands under, as printed


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


def votes_of(links: Iterable[tuple[Paragraph, Paragraph]]) -> Counter[tuple[SectionKey, SectionKey]]:
    """How many linked paragraphs went from each old unit to each new one; a
    heading linked to a heading counts double, it names its unit."""
    votes: Counter[tuple[SectionKey, SectionKey]] = Counter()
    for old, new in links:
        if old.section and new.section:
            votes[(old.section, new.section)] += 2 if old.kind is Kind.HEADING and new.kind is Kind.HEADING else 1
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
    return " ".join(words)


def _units(paragraphs: list[Paragraph]) -> dict[SectionKey, tuple[Paragraph | None, int]]:
    """Each unit's heading and how many paragraphs stand in it, in reading order."""
    units: dict[SectionKey, tuple[Paragraph | None, int]] = {}
    for para in paragraphs:
        if not para.section:
            continue
        heading, count = units.get(para.section, (None, 0))
        if para.kind is Kind.HEADING and heading is None:
            heading = para
        units[para.section] = (heading, count + (para.kind is not Kind.HEADING))
    return units


def section_changes(
    old: list[Paragraph], new: list[Paragraph], links: Iterable[tuple[Paragraph, Paragraph]]
) -> list[SectionChange]:
    """Every unit of both drafts: paired ones with what changed in their
    number and title, then the added and deleted ones, in the new draft's order."""
    old_units, new_units = _units(old), _units(new)
    pairs = pair_units(
        votes_of(links), {k: n for k, (_, n) in old_units.items()}, {k: n for k, (_, n) in new_units.items()}
    )
    out: list[SectionChange] = []
    by_new = {new_key: old_key for old_key, new_key in pairs.items()}
    for new_key, (new_heading, new_count) in new_units.items():
        old_key = by_new.get(new_key)
        if old_key is None:
            if new_count:  # a title page's lines stand under no unit of their own
                out.append(SectionChange(None, new_heading, "", new_key, "added", 0, new_count))
            continue
        old_heading, old_count = old_units.get(old_key, (None, 0))
        status = []
        if old_heading and new_heading and old_heading.label and new_heading.label and old_heading.id != new_heading.id:
            status.append("renumbered")
        if _title(old_key) != _title(new_key):
            status.append("retitled")
        out.append(
            SectionChange(
                old_heading, new_heading, old_key, new_key, ", ".join(status) or "unchanged", old_count, new_count
            )
        )
    for old_key, (old_heading, old_count) in old_units.items():
        if old_key not in pairs and old_count:
            out.append(SectionChange(old_heading, None, old_key, "", "deleted", old_count, 0))
    return out
