"""The checker: runs every rule family of the catalog over a comparison,
merges repeats, applies waivers. The families are listed in catalog.py."""

from __future__ import annotations

from ..diff.comparison import Change, Comparison
from .catalog import FAMILIES, FINISHERS, RULES
from .common import ids_of
from .findings import CheckResult, Finding
from .rule import SEVERITIES
from .settings import Settings, load_settings


class Checker:
    def __init__(self, comparison: Comparison, settings: Settings) -> None:
        self.comparison = comparison
        self.settings = settings
        self.findings: list[Finding] = []
        self._by_old = {pid: c for c in comparison.changes for pid in c.old_ids}
        self._by_new = {pid: c for c in comparison.changes for pid in c.new_ids}

    def add(
        self,
        code: str,
        change: Change | None,
        before: str,
        after: str,
        message: str,
        *,
        old: str | None = None,
        new: str | None = None,
        old_section: str = "",
        new_section: str = "",
        new_line: int | None = None,
    ) -> None:
        if code in self.settings.disabled:
            return
        if change is None:  # a finding named by ids (a phrase that moved): its change all the same
            first_old = (old or "").split(",")[0].strip()
            first_new = (new or "").split(",")[0].strip()
            change = self._by_old.get(first_old) or self._by_new.get(first_new)
        if change is not None:
            old = ids_of(change.old) if old is None else old
            new = ids_of(change.new) if new is None else new
            old_section = old_section or change.old_section
            new_section = new_section or change.new_section
            if new_line is None and change.new:
                new_line = change.new[0].location.line
        self.findings.append(
            Finding(
                code,
                self.settings.severity_of(code),
                old,
                new,
                before,
                after,
                message,
                old_section,
                new_section,
                new_line=new_line,
                change=change,
            )
        )

    def edited_changes(self) -> list[Change]:
        """The changes whose wording a rule can read: modified, split or merged."""
        return [
            change
            for change in self.comparison.changes
            if change.kind in ("modified", "split", "merged") and change.old and change.new
        ]

    def run(self) -> list[Finding]:
        for family in FAMILIES:
            family.run(self)
        for finish in FINISHERS:  # families that look again at every finding once all have run
            finish(self)
        self._merge_repeats()
        self._waive()
        return self.findings

    def _merge_repeats(self) -> None:
        """The same change twice in one paragraph ("shall" → "should" twice) is one finding."""
        seen: dict[tuple, Finding] = {}
        counts: dict[tuple, int] = {}
        for finding in self.findings:
            key = (finding.rule, finding.old, finding.new, finding.before, finding.after)
            if key in seen:
                counts[key] += 1
            else:
                seen[key] = finding
                counts[key] = 1
        for key, finding in seen.items():
            if counts[key] > 1:
                finding.message = finding.message.rstrip(".") + f" ({counts[key]} times)."
        self.findings = list(seen.values())

    def _waive(self) -> None:
        self.used_waivers: set[int] = set()
        for finding in self.findings:
            for index, waiver in enumerate(self.settings.waivers):
                ids = {i.strip() for side in (finding.old, finding.new) if side for i in side.split(",")}
                if waiver.rule == finding.rule and waiver.para in ids:
                    finding.waived = True
                    finding.reason = waiver.reason
                    self.used_waivers.add(index)


def check(comparison: Comparison, settings: Settings | None = None) -> CheckResult:
    """Run every enabled rule on a comparison."""
    settings = settings or load_settings()
    checker = Checker(comparison, settings)
    findings = checker.run()
    order = {code: i for i, code in enumerate(RULES)}
    findings.sort(key=lambda f: (-SEVERITIES.index(f.severity), order[f.rule]))
    used: set[int] = getattr(checker, "used_waivers", set())
    unused = [w for i, w in enumerate(settings.waivers) if i not in used]
    return CheckResult(comparison=comparison, settings=settings, findings=findings, unused_waivers=unused)
