"""JUnit XML: one test case per finding, failing when it is at or above --fail-on."""

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
