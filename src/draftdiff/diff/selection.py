"""Which changes a report shows: by kind, by paragraph, by section.

One object for ``--only``, ``--para`` and ``--section``, applied here in the
library, so that compare, check and export select alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document.citations import resolve_all
from .comparison import Change, Comparison


@dataclass(frozen=True)
class Selection:
    kinds: frozenset[str] = frozenset()  # modified, added, moved … (a change's labels)
    paras: tuple[str, ...] = ()  # references as people write them: "42 bis", "article 6, paragraph 3"
    sections: tuple[str, ...] = ()  # words of a section title: "Commitments", "IV."
    commented: bool = False  # unchanged paragraphs that carry reviewers' comments are shown too

    @property
    def empty(self) -> bool:
        return not (self.kinds or self.paras or self.sections or self.commented)

    def select(self, comparison: Comparison, *, include_unchanged: bool = False) -> list[Change]:
        """The changes to show, in document order. Unnamed unchanged paragraphs
        are left out unless asked for (by kind, by id, or include_unchanged).
        A reference that names no paragraph raises a DraftDiffError."""
        ids = resolve_all(self.paras, comparison.old.ids + comparison.new.ids) if self.paras else set()
        wanted = [s.casefold() for s in self.sections]
        out = []
        for change in comparison.changes:
            if ids and not ids & set(change.old_ids + change.new_ids):
                continue
            if wanted:
                titles = f"{change.old_section}\n{change.new_section}".casefold()
                if not any(w in titles for w in wanted):
                    continue
            if self.kinds:
                if not self.kinds & set(change.labels):
                    continue
            elif not (change.is_change or ids or include_unchanged or (self.commented and change.comments)):
                continue
            out.append(change)
        return out
