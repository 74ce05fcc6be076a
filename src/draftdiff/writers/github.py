"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def check_document(result) -> str:
    lines = []
    source = str(result.comparison.new.source)
    for finding in result.findings:
        if finding.waived:
            continue
        props = [f"file={_property(source)}"]
        if finding.new_line:
            props.append(f"line={finding.new_line}")
        props.append(f"title={_property(f'{finding.rule} {finding.name} (para {finding.para})')}")
        lines.append(f"::{_LEVEL[finding.severity]} {','.join(props)}::{_data(finding.message)}")
    summary = result.summary
    lines.append(
        f"draftdiff check: {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info, "
        f"{summary['waived']} waived; {'failed' if result.failed else 'passed'} (fail-on: {summary['fail_on']})"
    )
    return "\n".join(lines) + "\n"
