"""SARIF 2.1.0: findings for code-scanning dashboards."""

from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..rules import RULES
from .json import dumps

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: Path) -> str:
    return path.as_posix() if not path.is_absolute() else path.as_uri()


def location(path: Path, line: int | None, para: str) -> dict:
    found: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}
    if line:
        found["physicalLocation"]["region"] = {"startLine": line}
    found["logicalLocations"] = [{"name": f"para {para}", "kind": "paragraph"}]
    return found


def document(rules: list[dict], results: list[dict], artifacts: list[Path]) -> str:
    """One SARIF 2.1.0 run of draftdiff: its rules, its results, the files it read."""
    return dumps(
        {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {
                        "driver": {
                            "name": "draftdiff",
                            "version": __version__,
                            "informationUri": "https://pypi.org/project/draftdiff/",
                            "rules": rules,
                        }
                    },
                    "artifacts": [{"location": {"uri": _uri(path)}, "roles": ["analysisTarget"]} for path in artifacts],
                    "results": results,
                }
            ],
        }
    )


def check_document(result) -> str:
    codes = list(RULES)
    rules = [
        {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "defaultConfiguration": {
                "level": _LEVEL[result.settings.severity_of(code)],
                "enabled": code not in result.settings.disabled,
            },
        }
        for code, rule in RULES.items()
    ]
    new_source = result.comparison.new.source
    results = []
    for finding in result.findings:
        item = {
            "ruleId": finding.rule,
            "ruleIndex": codes.index(finding.rule),
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location(new_source, finding.new_line, finding.para)],
            "properties": {"old": finding.old, "new": finding.new, "before": finding.before, "after": finding.after},
        }
        if finding.waived:
            item["suppressions"] = [{"kind": "external", "justification": finding.reason}]
        results.append(item)
    return document(rules, results, [result.comparison.old.source, new_source])


def trace_document(trace, failing) -> str:
    """trace's gate: one error result per dropped phrase, at the last draft where it stood."""
    from .trace import RULE, dropped_at

    results = []
    for result in failing:
        source, para, line, message = dropped_at(trace, result)
        results.append(
            {
                "ruleId": RULE[0],
                "ruleIndex": 0,
                "level": "error",
                "message": {"text": message},
                "locations": [location(source, line, para)],
                "properties": {"phrase": result.phrase, "status": result.status},
            }
        )
    rules = [
        {
            "id": RULE[0],
            "name": RULE[1],
            "shortDescription": {"text": "A watched phrase of the first draft is gone from the last."},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    return document(rules, results, [Path(d.source) for d in trace.history.drafts])
