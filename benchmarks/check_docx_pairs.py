"""check on a real UNFCCC decision (DOCX) and an earlier draft made from it.

    python benchmarks/check_docx_pairs.py [-v]

The earlier draft is the decision edited the way negotiators draft, in runs of
the real package (so its numbering, styles and fields stay real): alternatives
"[shall][should]" and a lone "[shall]" that the decision resolved, a "shall"
the decision made "should", an "as appropriate" the decision added, "all
Parties" the decision narrowed, "Invites" the decision made "Requests", a
bracketed "[all]" and an editorial note the decision dropped. Each edit is made
in its own paragraph, spread over the document, and says which finding it must
give (or none). A finding on an edited paragraph with the rule its edit expects
is right; any other finding is wrong. Precision and recall per rule.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

import draftdiff  # noqa: E402
from draftdiff.rules import check  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", ROOT.parent / "shared" / "corpus"))
DECISION = CORPUS / "docx_unfccc" / "Mitigation-unfccc-EnhancedMD__cma2021.docx"


@dataclass(frozen=True)
class Edit:
    name: str
    pattern: str  # what the decision says, in one run
    earlier: Callable[[re.Match], str]  # what the earlier draft said instead
    expected: str | None  # the rule the change to the decision's words must give, or None
    count: int
    avoid: str = r"$^"  # paragraphs this edit leaves alone: a hedge on a permission makes no commitment conditional


EDITS = (
    Edit("alternatives resolved", r"\bshould\b", lambda m: "[shall][should]", "DD111", 4),
    Edit("lone bracket lifted", r"\bshall\b", lambda m: "[shall]", None, 4),
    Edit("shall made should", r"\bshould\b", lambda m: "shall", "DD101", 4),
    Edit(
        "hedge added",
        r",? as appropriate,?",
        lambda m: "," if m.group().endswith(",") else "",
        "DD102",
        3,
        r"\b(?:may|could|can|might)\b",
    ),
    Edit("universal narrowed", r"(?<!all )(?<!All )\b(?<=\s)Parties\b", lambda m: "all Parties", "DD103", 3),
    Edit("invitation made a request", r"^Requests\b", lambda m: "Invites", "DD106", 3),
    Edit("bracketed universal dropped", r"(?<!all )\b(?<=\s)Parties\b", lambda m: "[all] Parties", None, 3),
    Edit("editorial note dropped", r";\s*$", lambda m: " (Note: all Parties to consider shall);", None, 3),
)


def make_earlier(destination: Path) -> list[tuple[Edit, str]]:
    """Write the earlier draft; return each edit with the decision's text of its paragraph."""
    document = docx.Document(str(DECISION))
    # a paragraph is found again by its first words: those that open several paragraphs
    # ("The Conference of the Parties serving as …") are left alone
    opening = Counter(_start(p.text) for p in document.paragraphs)
    paragraphs = [p for p in document.paragraphs if len(p.text.split()) >= 12 and opening[_start(p.text)] == 1]
    used: set[int] = set()
    made: list[tuple[Edit, str]] = []
    for number, edit in enumerate(EDITS):
        # each kind of edit starts at its own place and strides through the document
        start, stride = (number * 37) % len(paragraphs), max(1, len(paragraphs) // (edit.count * 3))
        done = 0
        for step in range(len(paragraphs)):
            index = (start + step * stride) % len(paragraphs)
            if done == edit.count or index in used:
                continue
            paragraph = paragraphs[index]
            text = paragraph.text
            if re.search(r"\[|\]|\bnote\b", text, re.I) or re.search(edit.avoid, text):
                continue
            for run in paragraph.runs:
                found = re.search(edit.pattern, run.text)
                if found:
                    run.text = run.text[: found.start()] + edit.earlier(found) + run.text[found.end() :]
                    used.add(index)
                    made.append((edit, text))
                    done += 1
                    break
    made += _offer_options(paragraphs, used) + _move_clause(paragraphs, used)
    document.save(str(destination))
    return made


NEUTRAL_OPTIONS = Edit("offered as options, the first kept", "", lambda m: "", None, 2)
NEUTRAL_MOVE = Edit("a universal clause moved in from elsewhere", "", lambda m: "", None, 2)


def _offer_options(paragraphs: list, used: set[int]) -> list[tuple[Edit, str]]:
    """ "Option 1: <the decision's words>" and "Option 2: <the same with "may">": the
    decision kept option 1, so nothing was weakened or strengthened."""
    made = []
    for index in range(len(paragraphs) // 3, len(paragraphs)):
        paragraph = paragraphs[index]
        if len(made) == NEUTRAL_OPTIONS.count:
            break
        if index in used or not re.search(r"\bshall\b", paragraph.text) or not paragraph.runs:
            continue
        alternative = deepcopy(paragraph._p)
        paragraph._p.addnext(alternative)
        first = paragraph.runs[0]
        first.text = "Option 1: " + first.text
        for run in alternative.iter(qn("w:t")):
            run.text = re.sub(r"\bshall\b", "may", run.text or "")
        texts = list(alternative.iter(qn("w:t")))
        texts[0].text = "Option 2: " + (texts[0].text or "")
        used.add(index)
        made.append((NEUTRAL_OPTIONS, paragraph.text.removeprefix("Option 1: ")))
    return made


def _move_clause(paragraphs: list, used: set[int]) -> list[tuple[Edit, str]]:
    """The decision has "…, all Parties …" in one paragraph; the earlier draft had that clause
    at the end of the paragraph before it. Whole clauses moved: nothing narrowed."""
    made = []
    for index in range(len(paragraphs) // 2, len(paragraphs)):
        if len(made) == NEUTRAL_MOVE.count:
            break
        paragraph, before = paragraphs[index], paragraphs[index - 1]
        if index in used or index - 1 in used or not before.runs:
            continue
        for run in paragraph.runs:
            found = re.search(r"(,[^,;]*\ball\b[^,;]{10,}),", run.text)
            if found:
                text = paragraph.text
                run.text = run.text[: found.start()] + run.text[found.end() - 1 :]
                before.runs[-1].text = before.runs[-1].text + found.group(1)
                used.update((index, index - 1))
                made.append((NEUTRAL_MOVE, text))
                break
    return made


def _start(text: str) -> str:
    """The first words, without the paragraph's number ("9.", "(b)"): the reader keeps it apart."""
    text = re.sub(r"^\s*\(?[0-9a-z]{1,4}[.)]\s+", "", text.strip())
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()[:10]).lower()


def score(verbose: bool = False) -> dict[str, Counter]:
    with tempfile.TemporaryDirectory() as folder:
        earlier = Path(folder) / "earlier draft.docx"
        made = make_earlier(earlier)
        findings = check(draftdiff.compare(draftdiff.load(earlier), draftdiff.load(DECISION))).findings
    planted = {_start(text): edit for edit, text in made}
    if verbose:
        print(
            f"  {len(made)} paragraphs edited: "
            + ", ".join(f"{n} {k}" for k, n in Counter(e.name for e, _ in made).items())
        )
    totals: dict[str, Counter] = {}
    found_for: set[str] = set()
    for finding in findings:
        if finding.rule in ("DD105",):
            continue
        starts = [_start(p.text) for p in (finding.change.new if finding.change else [])]
        edit = next((planted[s] for s in starts if s in planted), None)
        right = edit is not None and edit.expected == finding.rule
        totals.setdefault(finding.rule, Counter())["right" if right else "wrong"] += 1
        if right:
            found_for.update(s for s in starts if s in planted)
        elif verbose:
            print(f"  wrong: {finding.rule} {finding.para}: {finding.message}  [edit: {edit.name if edit else '-'}]")
    for start, edit in planted.items():
        if edit.expected:
            totals.setdefault(edit.expected, Counter())["expected"] += 1
            if start in found_for:
                totals[edit.expected]["found"] += 1
            elif verbose:
                print(f"  missed: {edit.expected} ({edit.name}) in: {start}")
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not DECISION.is_file():
        print(f"no corpus decision at {DECISION}: nothing to score")
        return 0
    totals = score(args.verbose)
    print("| rule | right | wrong | precision | expected | found | recall |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for rule in sorted(totals):
        c = totals[rule]
        given = c["right"] + c["wrong"]
        precision = f"{c['right'] / given:.2f}" if given else "-"
        recall = f"{c['found'] / c['expected']:.2f}" if c["expected"] else "-"
        print(f"| {rule} | {c['right']} | {c['wrong']} | {precision} | {c['expected']} | {c['found']} | {recall} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
