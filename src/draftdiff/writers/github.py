"""GitHub Actions workflow commands: one annotation per finding of check, or
per watched phrase trace found dropped."""

from __future__ import annotations

from pathlib import Path

from .untrusted import text as safe_text

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return safe_text(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(level: str, source: str, line: int | None, title: str, message: str) -> str:
    """One workflow command: ``::error file=…,line=…,title=…::message``."""
    props = [f"file={_property(source)}"]
    if line:
        props.append(f"line={line}")
    props.append(f"title={_property(title)}")
    return f"::{level} {','.join(props)}::{_data(message)}"


def check_document(result) -> str:
    lines = []
    source = str(result.comparison.new.source)
    for finding in result.findings:
        if finding.waived:
            continue
        title = f"{finding.rule} {finding.name} (para {finding.para})"
        lines.append(annotation(_LEVEL[finding.severity], source, finding.new_line, title, finding.message))
    summary = result.summary
    lines.append(
        f"draftdiff check: {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info, "
        f"{summary['waived']} waived; {'failed' if result.failed else 'passed'} (fail-on: {summary['fail_on']})"
    )
    return "\n".join(lines) + "\n"


def trace_document(trace, failing) -> str:
    """trace's gate: an error at the last draft where each dropped phrase stood."""
    from .trace import RULE, dropped_at

    lines = []
    for result in failing:
        source, para, line, message = dropped_at(trace, result)
        lines.append(annotation("error", str(Path(source)), line, f"{RULE[0]} {RULE[1]} (para {para})", message))
    lines.append(f"draftdiff trace: {len(trace.phrases)} phrases, {len(failing)} dropped")
    return "\n".join(lines) + "\n"
