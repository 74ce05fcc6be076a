"""Findings, and the result of a check: what writers render and CI gates on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..diff.comparison import Change, Comparison
from .rule import SEVERITIES

if TYPE_CHECKING:
    from .settings import Settings, Waiver


@dataclass
class Finding:
    rule: str
    severity: str
    old: str | None
    new: str | None
    before: str
    after: str
    message: str
    old_section: str = ""
    new_section: str = ""
    waived: bool = False
    reason: str = ""
    new_line: int | None = None  # line in the new file, when the reader knows it
    # the change the finding is about: writers find its row through it, not by parsing ids
    change: Change | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        from .catalog import RULES

        return RULES[self.rule].name

    @property
    def para(self) -> str:
        if self.old and self.new and self.old != self.new:
            return f"{self.old} → {self.new}"
        return self.new or self.old or ""

    def to_json(self) -> dict:
        out = {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "old": self.old,
            "new": self.new,
            "before": self.before,
            "after": self.after,
            "message": self.message,
            "waived": self.waived,
        }
        if self.waived:
            out["reason"] = self.reason
        return out


@dataclass
class CheckResult:
    comparison: Comparison
    settings: Settings
    findings: list[Finding]
    # waivers that matched no finding: a stale waiver is worth knowing about
    unused_waivers: list[Waiver] = field(default_factory=list)

    def restricted_to(self, changes: list[Change]) -> CheckResult:
        """The findings on these changes only (``--para``, ``--section``)."""
        chosen = {id(change) for change in changes}
        kept = [f for f in self.findings if id(f.change) in chosen]
        return CheckResult(self.comparison, self.settings, kept, self.unused_waivers)

    @property
    def counted(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]

    @property
    def summary(self) -> dict:
        counts = dict.fromkeys(("error", "warning", "info"), 0)
        for finding in self.counted:
            counts[finding.severity] += 1
        counts["waived"] = sum(f.waived for f in self.findings)
        return {**counts, "fail_on": self.settings.fail_on, "failed": self.failed}

    @property
    def failed(self) -> bool:
        if self.settings.fail_on == "never":
            return False
        threshold = SEVERITIES.index(self.settings.fail_on)
        return any(SEVERITIES.index(f.severity) >= threshold for f in self.counted)

    def to_json(self) -> dict:
        def side(draft) -> dict:
            out = {"source": str(draft.source), "label": draft.label, "paragraphs": len(draft.paragraphs)}
            if draft.warnings:
                out["warnings"] = [w.to_json() for w in draft.warnings]
            return out

        return {
            "schema": "draftdiff.check/1",
            "old": side(self.comparison.old),
            "new": side(self.comparison.new),
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary,
            **(
                {"unused_waivers": [{"para": w.para, "rule": w.rule, "reason": w.reason} for w in self.unused_waivers]}
                if self.unused_waivers
                else {}
            ),
        }
