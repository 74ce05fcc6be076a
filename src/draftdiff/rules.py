"""Language-regression rules: findings a delegate understands, with stable codes.

| code  | name                        | default  |
| ----- | --------------------------- | -------- |
| DD101 | weakened-commitment         | warning  |
| DD102 | hedge-added                 | warning  |
| DD103 | universality-lost           | warning  |
| DD104 | protected-language-removed  | error    |
| DD105 | protected-language-moved    | info     |
| DD106 | strengthened                | info     |

Rules read a :class:`~draftdiff.comparison.Comparison` (alignment and edits)
and the language data in ``data/language.toml``, extended by the ``[check]``
table of the configuration.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from . import phrases
from .comparison import Change, Comparison
from .config import Config, did_you_mean, line_of
from .errors import DraftDiffError

SEVERITIES = ("info", "warning", "error")
FAIL_ON = (*SEVERITIES, "never")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    rationale: str = ""
    before: str = ""  # an example old text that the rule flags ...
    after: str = ""  # ... once it became this


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "DD101",
            "weakened-commitment",
            "warning",
            "A commitment moved down a strength ladder (shall → should).",
            "Consensus is often bought one word at a time: an obligation becomes a recommendation, a commitment "
            "becomes something States will consider, governance processes become discussions. Each step down a "
            "ladder of commitment words weakens what was agreed, and is easy to miss in a long draft.",
            "States shall ensure access to basic services for all migrants.",
            "States should ensure access to basic services for all migrants.",
        ),
        Rule(
            "DD102",
            "hedge-added",
            "warning",
            'A qualifier such as "as appropriate" was added.',
            "A qualifier leaves the commitment intact on the page but hands its scope to each State's own "
            'judgement: "as appropriate", "in accordance with national legislation", "subject to available '
            'resources". Added between drafts, it turns a commitment into an option.',
            "We will ensure the predictable disembarkation of rescued persons.",
            "We will ensure, as appropriate, the predictable disembarkation of rescued persons.",
        ),
        Rule(
            "DD103",
            "universality-lost",
            "warning",
            '"all", "every" or "regardless of …" was dropped.',
            'Universal language decides who is covered. Dropping "all" or "regardless of migration status" '
            "narrows a commitment to some of the people it was written for, without a word added.",
            "We will protect the human rights of all migrants, regardless of their migration status.",
            "We will protect the human rights of migrants.",
        ),
        Rule(
            "DD104",
            "protected-language-removed",
            "error",
            "A protected phrase is gone from its paragraph.",
            "Coalitions keep lists of the phrases they fought for (--protect, or [check] protect). When one of "
            "them disappears from its paragraph, or its paragraph is deleted, that is the change they most need "
            "to see.",
            "Migrants shall have access to justice regardless of migration status.",
            "Migrants shall have access to justice.",
        ),
        Rule(
            "DD105",
            "protected-language-moved",
            "info",
            "A protected phrase moved to another paragraph.",
            "A protected phrase that left its paragraph but stands in another one is kept, but its context "
            "changed: worth a look, not an alarm.",
            "We will end child immigration detention. (in para 30)",
            "We will end child immigration detention. (now in para 19)",
        ),
        Rule(
            "DD106",
            "strengthened",
            "info",
            "Language moved up a strength ladder or lost a qualifier.",
            "Strengthening is reported too, so that a reader sees the balance of a revision, not only its losses.",
            "We invite the United Nations system to support States.",
            "We request the United Nations system to support States.",
        ),
    )
}


def example_segments(rule: Rule) -> list[tuple[str, str]]:
    """The word diff of a rule's example, for `draftdiff rules CODE`."""
    from .wording import diff

    return diff(rule.before, rule.after).segments if rule.before else []


def find_rule(code_or_name: str) -> Rule:
    """A rule by code (``DD102``, any case) or name (``hedge-added``)."""
    key = code_or_name.strip()
    rule = RULES.get(key.upper()) or RULES.get(_BY_NAME.get(key.lower(), ""))
    if rule is None:
        from .config import did_you_mean

        known = [*RULES, *_BY_NAME]
        raise DraftDiffError(f"no rule {code_or_name!r}{did_you_mean(key, known)}", hint="list them: draftdiff rules")
    return rule


_BY_NAME = {rule.name: code for code, rule in RULES.items()}


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
class Ladder:
    name: str
    steps: list[list[str]]
    flagged: bool = False

    def rank(self, text: str) -> tuple[int, str] | None:
        """The strongest step whose phrase stands in ``text``, with the words found."""
        all_phrases = [p for step in self.steps for p in step]
        hits = phrases.longest_hits(all_phrases, text)
        best = None
        for hit in hits:
            step = next(i for i, s in enumerate(self.steps) if hit.phrase in s)
            if best is None or step < best[0]:
                best = (step, hit.text)
        return best


@dataclass
class Waiver:
    para: str
    rule: str
    reason: str


@dataclass
class Settings:
    ladders: list[Ladder]
    hedges: list[str]
    universal_words: list[str]
    universal_phrases: list[str]
    protect: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    waivers: list[Waiver] = field(default_factory=list)
    fail_on: str = "warning"

    def severity_of(self, code: str) -> str:
        return self.severity.get(code, RULES[code].severity)


def _builtin() -> dict[str, Any]:
    text = resources.files("draftdiff").joinpath("data/language.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _ladders(raw: list, config: Config | None, where: str) -> list[Ladder]:
    out = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("steps"), list) or len(item["steps"]) < 2:
            raise _bad(config, where, f"{where} #{index + 1} needs steps = [[strong...], [weaker...]]")
        steps = []
        for step in item["steps"]:
            if isinstance(step, str):
                step = [step]
            if not isinstance(step, list) or not step or not all(isinstance(p, str) and p.strip() for p in step):
                raise _bad(config, where, f"{where} #{index + 1}: each step is a list of phrases")
            steps.append([p.strip() for p in step])
        out.append(
            Ladder(name=str(item.get("name", f"ladder-{index + 1}")), steps=steps, flagged=bool(item.get("flagged")))
        )
    return out


def _bad(config: Config | None, key: str, message: str):
    if config is None:
        raise ValueError(message)
    return config.error(message, line_of(config.path, key.split(".")[-1]))


def _string_list(value: Any, config: Config, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(config, key, f"{key} must be a list of phrases")
    return [v.strip() for v in value]


def _rule_code(value: Any, config: Config, key: str) -> str:
    if isinstance(value, str):
        code = value.strip().upper() if value.strip().upper() in RULES else _BY_NAME.get(value.strip())
        if code:
            return code
    known = ", ".join(f"{c} ({r.name})" for c, r in RULES.items())
    raise _bad(config, key, f"unknown rule {value!r} in {key}; known rules: {known}")


def load_settings(
    config: Config | None = None, *, protect: list[str] | None = None, fail_on: str | None = None
) -> Settings:
    """Built-in language data, extended and tuned by the configuration."""
    builtin = _builtin()
    base = builtin["check"]
    settings = Settings(
        ladders=_ladders(builtin["ladder"], None, "ladder"),
        hedges=list(base["hedges"]),
        universal_words=list(base["universal_words"]),
        universal_phrases=list(base["universal_phrases"]),
    )
    config = config or Config()
    table = config.data.get("check", {})
    if not isinstance(table, dict):
        raise config.error("[check] must be a table", line_of(config.path, "[check]"))
    known_keys = {
        "protect",
        "hedges",
        "ladder",
        "ladders",
        "severity",
        "disable",
        "waiver",
        "waivers",
        "fail-on",
        "fail_on",
        "universal_words",
        "universal_phrases",
    }
    for key in table:
        if key not in known_keys:
            raise config.error(
                f"unknown key {key!r} in [check]{did_you_mean(key, known_keys)}; known: {', '.join(sorted(known_keys))}",
                line_of(config.path, key),
            )
    settings.protect = _string_list(table.get("protect"), config, "protect")
    settings.hedges += _string_list(table.get("hedges"), config, "hedges")
    settings.universal_words += _string_list(table.get("universal_words"), config, "universal_words")
    settings.universal_phrases += _string_list(table.get("universal_phrases"), config, "universal_phrases")
    extra = table.get("ladder", table.get("ladders", []))
    if not isinstance(extra, list):
        raise _bad(config, "ladder", "[[check.ladder]] must be an array of tables")
    settings.ladders += _ladders(extra, config, "check.ladder")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise _bad(config, "severity", "[check.severity] must map rules to error, warning or info")
    for key, value in severity.items():
        code = _rule_code(key, config, "severity")
        if value not in SEVERITIES:
            raise _bad(config, str(key), f"severity of {key} must be error, warning or info, not {value!r}")
        settings.severity[code] = value
    disable = table.get("disable", [])
    if not isinstance(disable, list):
        raise _bad(config, "disable", "disable must be a list of rule codes")
    settings.disabled = {_rule_code(v, config, "disable") for v in disable}
    waivers = table.get("waiver", table.get("waivers", []))
    if not isinstance(waivers, list):
        raise _bad(config, "waiver", "[[check.waiver]] must be an array of tables")
    for item in waivers:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("para", "rule", "reason")
        ):
            raise _bad(config, "waiver", "each [[check.waiver]] needs para, rule and reason (all text)")
        from .numbering import canonical_id

        settings.waivers.append(
            Waiver(canonical_id(item["para"]), _rule_code(item["rule"], config, "waiver"), item["reason"])
        )
    configured_fail = table.get("fail-on", table.get("fail_on"))
    if configured_fail is not None and configured_fail not in FAIL_ON:
        raise _bad(config, "fail-on", f"fail-on must be one of {', '.join(FAIL_ON)}")
    settings.fail_on = fail_on or configured_fail or "warning"
    settings.protect += [p for p in protect or [] if p.strip()]
    return settings


# -- the rules -----------------------------------------------------------------


def _text(paragraphs) -> str:
    return " ".join(p.text for p in paragraphs)


def _ids(paragraphs) -> str | None:
    return ", ".join(p.id for p in paragraphs) if paragraphs else None


class _Checker:
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
        old=None,
        new=None,
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
            old = _ids(change.old) if old is None else old
            new = _ids(change.new) if new is None else new
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

    # DD101 / DD106: ladders
    def ladders(self, change: Change) -> None:
        for edit in change.edits:
            if edit.op != "replace":
                continue
            for ladder in self.settings.ladders:
                before = ladder.rank(edit.old_in_context)
                after = ladder.rank(edit.new_in_context)
                if before is None or after is None or before[0] == after[0]:
                    continue
                para = change.new_ids[0] if change.new else change.old_ids[0]
                if after[0] > before[0]:
                    why = (
                        "a change stakeholders flagged as weakening"
                        if ladder.flagged
                        else (f"a weaker step on the {ladder.name} ladder")
                    )
                    self.add(
                        "DD101",
                        change,
                        edit.old,
                        edit.new,
                        f'Weakened commitment in para {para}: "{before[1]}" became "{after[1]}" ({why}).',
                    )
                else:
                    self.add(
                        "DD106",
                        change,
                        edit.old,
                        edit.new,
                        f'Strengthened in para {para}: "{before[1]}" became "{after[1]}" ({ladder.name} ladder).',
                    )

    # DD102 / DD106: hedges
    def hedges(self, change: Change) -> None:
        old_text, new_text = _text(change.old), _text(change.new)
        para = change.new_ids[0]
        counted: set[str] = set()
        for hedge in sorted(self.settings.hedges, key=len, reverse=True):
            key = phrases.normalize(hedge)
            if key in counted:
                continue
            counted.add(key)
            before, after = phrases.count(hedge, old_text), phrases.count(hedge, new_text)
            if after > before:
                context = next((e.new for e in change.edits if phrases.count(hedge, e.new)), hedge)
                self.add(
                    "DD102",
                    change,
                    "",
                    context,
                    f'Hedge added in para {para}: "{hedge}" makes the commitment conditional.',
                )
            elif before > after:
                context = next((e.old for e in change.edits if phrases.count(hedge, e.old)), hedge)
                self.add("DD106", change, context, "", f'Qualifier removed in para {para}: "{hedge}".')

    # DD103: universality
    def universality(self, change: Change) -> None:
        old_text, new_text = _text(change.old), _text(change.new)
        para = change.new_ids[0]
        for phrase in self.settings.universal_phrases:
            if phrases.count(phrase, new_text) < phrases.count(phrase, old_text):
                lost = _phrase_with_object(phrase, old_text, new_text)
                self.add("DD103", change, lost, "", f'Universality lost in para {para}: "{lost}" was removed.')
        words = self.settings.universal_words
        for edit in change.edits:
            if edit.op == "insert":
                continue
            for word in words:
                removed = phrases.count(word, edit.old) - phrases.count(word, edit.new)
                if removed > 0 and phrases.count(word, new_text) < phrases.count(word, old_text):
                    self.add(
                        "DD103",
                        change,
                        edit.old,
                        edit.new,
                        f'Universality lost in para {para}: "{word}" was dropped ("{edit.old}" → "{edit.new or "…"}").',
                    )

    # DD104 / DD105: protected language
    def protected(self) -> None:
        comparison = self.comparison
        change_of_old = {id(p): c for c in comparison.changes for p in c.old}
        change_of_new = {id(p): c for c in comparison.changes for p in c.new}

        def has(text: str, phrase: str) -> bool:
            return bool(phrases.count(phrase, text, gap=2))

        for phrase in self.settings.protect:
            # new paragraphs that hold the phrase and whose old counterpart did not
            gained = [
                p
                for p in comparison.new.paragraphs
                if has(p.text, phrase)
                and not (change_of_new[id(p)].old and has(_text(change_of_new[id(p)].old), phrase))
            ]
            for para in comparison.old.paragraphs:
                if not has(para.text, phrase):
                    continue
                change = change_of_old.get(id(para))
                if change is None:
                    continue
                if change.new and has(_text(change.new), phrase):
                    continue  # kept
                own = {id(p) for p in change.new}
                elsewhere = [p for p in gained if id(p) not in own]
                if elsewhere:
                    target = elsewhere[0]
                    self.add(
                        "DD105",
                        change,
                        phrase,
                        phrase,
                        f'Protected language "{phrase}" moved from para {para.id} to para {target.id}.',
                        old=para.id,
                        new=target.id,
                        old_section=para.section,
                        new_section=target.section,
                        new_line=target.location.line,
                    )
                elif not change.new:
                    self.add(
                        "DD104",
                        change,
                        phrase,
                        "",
                        f'Protected language removed: "{phrase}" was in para {para.id}, which was deleted.',
                        old=para.id,
                        new=None,
                        old_section=para.section,
                    )
                else:
                    self.add(
                        "DD104",
                        change,
                        phrase,
                        "",
                        f'Protected language removed: "{phrase}" is gone from para {para.id}'
                        f"{' (now ' + ', '.join(change.new_ids) + ')' if change.new_ids != [para.id] else ''}.",
                        old=para.id,
                    )

    def run(self) -> list[Finding]:
        for change in self.comparison.changes:
            if change.kind in ("modified", "split", "merged") and change.old and change.new:
                self.ladders(change)
                self.hedges(change)
                self.universality(change)
        if self.settings.protect:
            self.protected()
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


def _phrase_with_object(phrase: str, old_text: str, new_text: str) -> str:
    """ "regardless of" plus the words it governed: "regardless of migration status"."""
    norm_new = phrases.normalize(new_text)
    for hit in phrases.find(phrase, old_text):
        tail = phrases.normalize(old_text)[hit.end :]
        words = re.match(r"((?:\s+[\w'-]+){1,4})", tail)
        candidate = (hit.text + (words.group(1) if words else "")).strip(" ,.;")
        if candidate not in norm_new:
            return candidate
    return phrase


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


def check(comparison: Comparison, settings: Settings | None = None) -> CheckResult:
    """Run every enabled rule on a comparison."""
    settings = settings or load_settings()
    checker = _Checker(comparison, settings)
    findings = checker.run()
    order = {code: i for i, code in enumerate(RULES)}
    findings.sort(key=lambda f: (-SEVERITIES.index(f.severity), order[f.rule]))
    used: set[int] = getattr(checker, "used_waivers", set())
    unused = [w for i, w in enumerate(settings.waivers) if i not in used]
    return CheckResult(comparison=comparison, settings=settings, findings=findings, unused_waivers=unused)
