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
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": _uri(new_source)}}}
        if finding.new_line:
            location["physicalLocation"]["region"] = {"startLine": finding.new_line}
        location["logicalLocations"] = [{"name": f"para {finding.para}", "kind": "paragraph"}]
        item = {
            "ruleId": finding.rule,
            "ruleIndex": codes.index(finding.rule),
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [location],
            "properties": {"old": finding.old, "new": finding.new, "before": finding.before, "after": finding.after},
        }
        if finding.waived:
            item["suppressions"] = [{"kind": "external", "justification": finding.reason}]
        results.append(item)
    document = {
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
                "artifacts": [
                    {"location": {"uri": _uri(result.comparison.old.source)}, "roles": ["analysisTarget"]},
                    {"location": {"uri": _uri(new_source)}, "roles": ["analysisTarget"]},
                ],
                "results": results,
            }
        ],
    }
    return dumps(document)
