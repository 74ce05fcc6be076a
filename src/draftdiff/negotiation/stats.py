"""Counts over time: ``draftdiff stats``. One row per draft (paragraphs,
words, brackets, alternatives, option blocks, words inside brackets, open
paragraphs), and per step the brackets resolved and added and the options
resolved: the story of a negotiation is brackets closing."""

from __future__ import annotations

from dataclasses import dataclass

from ..document.brackets import Counts
from .history import History


@dataclass
class StepStats:
    old: str
    new: str
    brackets_resolved: int
    brackets_added: int
    options_resolved: int

    def to_json(self) -> dict:
        return {
            "old": self.old,
            "new": self.new,
            "brackets_resolved": self.brackets_resolved,
            "brackets_added": self.brackets_added,
            "options_resolved": self.options_resolved,
        }


@dataclass
class Stats:
    history: History
    counts: list[Counts]
    words: list[int]
    steps: list[StepStats]

    def to_json(self) -> dict:
        return {
            "schema": "draftdiff.stats/1",
            "drafts": [
                {
                    "name": name,
                    "label": draft.label,
                    "paragraphs": len(draft.paragraphs),
                    "words": words,
                    **counts.to_json(),
                }
                for name, draft, counts, words in zip(
                    self.history.names, self.history.drafts, self.counts, self.words, strict=True
                )
            ],
            "steps": [step.to_json() for step in self.steps],
        }


def stats(history: History) -> Stats:
    counts = [draft.bracket_counts for draft in history.drafts]
    words = [sum(len(p.text.split()) for p in draft.paragraphs) for draft in history.drafts]
    steps = []
    for step in history.steps:
        tally = {"resolved": 0, "added": 0, "options": 0}
        for change in step.comparison.changes:
            for item in change.brackets:
                kind = item["resolution"]
                if kind in ("kept", "deleted", "agreed"):
                    tally["resolved"] += 1
                elif kind in ("bracketed", "reopened"):
                    tally["added"] += 1
                elif kind == "option_kept":
                    tally["options"] += 1
        steps.append(
            StepStats(
                history.names[step.index - 1],
                history.names[step.index],
                tally["resolved"],
                tally["added"],
                tally["options"],
            )
        )
    return Stats(history, counts, words, steps)


@dataclass
class StatsView:
    stats: Stats
