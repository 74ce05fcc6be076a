"""JUnit XML: for check, one test case per finding, failing when it is at or
above --fail-on; for trace, one per watched phrase, failing when it was dropped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..rules import SEVERITIES


def check_document(result) -> str:
    fail_on = result.settings.fail_on
    threshold = SEVERITIES.index(fail_on) if fail_on != "never" else len(SEVERITIES)
    comparison = result.comparison
    root = ET.Element("testsuites", name="draftdiff")
    suite = ET.SubElement(root, "testsuite", name=f"draftdiff check {comparison.old.label} → {comparison.new.label}")
    props = ET.SubElement(suite, "properties")
    for name, value in (("old", str(comparison.old.source)), ("new", str(comparison.new.source)), ("fail-on", fail_on)):
        ET.SubElement(props, "property", name=name, value=value)
    failures = skipped = 0
    for finding in result.findings:
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{finding.rule} {finding.name}",
            name=f"para {finding.para}: {finding.message}",
        )
        if finding.waived:
            skipped += 1
            ET.SubElement(case, "skipped", message=f"waived: {finding.reason}")
        elif SEVERITIES.index(finding.severity) >= threshold:
            failures += 1
            failure = ET.SubElement(case, "failure", message=finding.message, type=finding.severity)
            failure.text = f"before: {finding.before}\nafter: {finding.after}"
        else:
            ET.SubElement(case, "system-out").text = f"{finding.severity}: {finding.message}"
    if not result.findings:
        ET.SubElement(suite, "testcase", classname="draftdiff", name="no language regressions")
    tests = str(max(1, len(result.findings)))
    for element in (root, suite):
        element.set("tests", tests)
        element.set("failures", str(failures))
        element.set("errors", "0")
    suite.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def trace_document(trace, failing) -> str:
    from .trace import RULE, dropped_at
    from .untrusted import xml_escape

    dropped = {id(r) for r in failing}
    cases = []
    for result in trace.phrases:
        name = xml_escape(result.phrase, {'"': "&quot;"})
        body = ""
        if id(result) in dropped:
            message = xml_escape(dropped_at(trace, result)[3], {'"': "&quot;"})
            body = f'<failure type="{RULE[0]}" message="{message}">{message}</failure>'
        cases.append(f'<testcase classname="draftdiff.trace" name="{name}">{body}</testcase>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuites><testsuite name="draftdiff trace" tests="{len(trace.phrases)}" failures="{len(failing)}">'
        + "".join(cases)
        + "</testsuite></testsuites>\n"
    )
