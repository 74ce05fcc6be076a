"""check across the register: every step of the negotiation checked, each
finding attributed to the step that introduced it, a finding undone at a
later step marked "reverted in Rev 3", and the net result (first draft, or
--since, to the last) as the gate."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diff.comparison import compare
from ..phrases import normalize
from ..rules import check
from ..rules.findings import CheckResult, Finding
from ..rules.settings import Settings
from .history import History, Node


@dataclass
class StepCheck:
    index: int  # step n compares drafts[n - 1] with drafts[n]
    result: CheckResult
    reverted: dict[int, int] = field(default_factory=dict)  # id(finding) -> the draft that undid it


@dataclass
class RegisterCheck:
    history: History
    steps: list[StepCheck]
    net: CheckResult  # the gate: from the first draft (or --since) to the last
    since: int = 0

    @property
    def failed(self) -> bool:
        return self.net.failed

    def to_json(self) -> dict:
        """The net result as ``draftdiff.check/1``, with every step added."""
        document = self.net.to_json()
        names = self.history.names
        document["since"] = names[self.since]
        document["steps"] = [
            {
                "step": step.index,
                "old": names[step.index - 1],
                "new": names[step.index],
                "summary": step.result.summary,
                "findings": [
                    {**f.to_json(), "reverted_in": names[step.reverted[id(f)]] if id(f) in step.reverted else None}
                    for f in step.result.findings
                ],
            }
            for step in self.steps
        ]
        return document


def check_register(history: History, settings: Settings, *, since: int = 0) -> RegisterCheck:
    """Check each step of ``history``; the gate is the net result from draft
    ``since`` to the last."""
    steps = [StepCheck(step.index, check(step.comparison, settings)) for step in history.steps]
    _mark_reverted(history, steps)
    last = len(history.drafts) - 1
    net_comparison = (
        history.steps[-1].comparison
        if since == last - 1
        else compare(history.drafts[since], history.drafts[last], options=history.steps[0].comparison.options)
    )
    net = check(net_comparison, settings)
    return RegisterCheck(history, steps, net, since)


def _nodes(history: History, step: int, finding: Finding) -> set[Node]:
    """The paragraphs (as nodes of the new draft of the step) a finding is about."""
    change = finding.change
    if change is None:
        return set()
    where = {id(p): i for i, p in enumerate(history.drafts[step].paragraphs)}
    return {(step, where[id(p)]) for p in change.new if id(p) in where}


def _mark_reverted(history: History, steps: list[StepCheck]) -> None:
    """A finding is reverted in a later draft when a later step, on the same
    lineage, changes the same words back (its before and after swapped)."""
    lineage_of: dict[Node, set[int]] = {}
    for k, lineage in enumerate(history.lineages):
        for d, nodes in lineage.nodes.items():
            for i in nodes:
                lineage_of.setdefault((d, i), set()).add(k)
    for position, step in enumerate(steps):
        for finding in step.result.findings:
            if finding.severity == "info" and finding.rule == "DD106":
                continue
            here = set().union(*(lineage_of.get(n, set()) for n in _nodes(history, step.index, finding)))
            if not here:
                continue
            for later in steps[position + 1 :]:
                undone = next(
                    (
                        g
                        for g in later.result.findings
                        if normalize(g.before) == normalize(finding.after)
                        and normalize(g.after) == normalize(finding.before)
                        and here & set().union(*(lineage_of.get(n, set()) for n in _nodes(history, later.index, g)))
                    ),
                    None,
                )
                if undone is not None:
                    step.reverted[id(finding)] = later.index
                    break
