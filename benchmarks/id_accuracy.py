"""Paragraph ids on real negotiating texts, scored against a truth written by reading.

usage: python benchmarks/id_accuracy.py [--verbose] [TRUTH.json ...]

Each file under ``benchmarks/truth/ids/`` names a corpus document and lists
paragraphs by their first words with the id a person would cite (``null``:
no paragraph opens with these words, such as a running header; ``"heading"``: a heading,
whatever its id). The truth never holds our ids' positions, so it survives
any change to the reader.

A truth entry finds its paragraph by its words: the words must occur within
the first 12 words of the paragraph (label included), in order, ignoring
case, punctuation and markup; ``nth`` picks among several. For each file:
the share of entries whose paragraph has the id of the truth, entries whose
words open no paragraph, and the counts of ``#`` counters and of unnumbered
ids (``~`` or ``.u1``) over the whole parse. An entry may name its ``page``
(PDF), or its ``line`` (a text file, counted from 1): a line as short as a page
number "4" is looked for there only.
An entry marked ``inside`` is text the truth says goes on a paragraph begun
before it (a line a stray bullet split off): its words may be anywhere in it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from draftdiff.readers import load  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", REPO.parent / "shared" / "corpus"))
TRUTH = REPO / "benchmarks" / "truth" / "ids"
WINDOW = 12  # the words may start this far into a paragraph: after its label, a title
_WORD = re.compile(r"\w+")
_UNNUMBERED = re.compile(r"~|(^|\.)u\d+$")


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold().replace("_", " ")
    return _WORD.findall(text)


def offset(needle: list[str], hay: list[str], limit: int | None) -> int | None:
    """Where ``needle`` starts in ``hay`` (at most at ``limit``), or None."""
    last = len(hay) - len(needle)
    if limit is not None:
        last = min(last, limit)
    first = needle[0]
    for start in range(last + 1):
        if hay[start] == first and hay[start : start + len(needle)] == needle:
            return start
    return None


_OPTION_WORDS = {"option", "alt", "alternative"}


@dataclass
class _ContentsLine:
    """A line of a table of contents the reader declared as furniture."""

    text: str
    id: str = "(table of contents)"
    label: str = ""
    kind: object = None


def opens(needle: list[str], para, hay: list[str]) -> bool:
    """The paragraph's own text (or its label and text) starts with the words."""
    text = words(para.text)
    starts = [text, hay]
    if len(text) > 2 and text[0] in _OPTION_WORDS:
        starts.append(text[2:])
    return any(s[: len(needle)] == needle for s in starts)


def _tilde_as_u(para_id: str) -> str:
    """An id of the releases before 12.u1: 12~1 → 12.u1, ~1 → u1."""
    return re.sub(r"(^|(?<=[^~]))~(\d+)", lambda m: (".u" if m.start() else "u") + m[2], para_id)


def _page(para) -> int | None:
    location = getattr(para, "location", None)
    return getattr(location, "page", None)


def _line(para) -> int | None:
    location = getattr(para, "location", None)
    return getattr(location, "line", None)


def score(truth_file: Path, verbose: bool, legacy: bool = False) -> dict:
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    source = CORPUS / truth["file"]
    draft = load(source)
    if legacy:
        for para in draft.paragraphs:
            para.id = _tilde_as_u(para.id)
    # a table of contents read as furniture still holds the words: the truth's "nth" counts it
    # (a contents line comes before the body it lists)
    listed = [_ContentsLine(f.text) for f in draft.furniture if f.kind == "contents"]
    paras = [(p, words(f"{p.label} {p.text}")) for p in [*listed, *draft.paragraphs]]
    right = missing = 0
    misses: list[str] = []
    by_convention: dict[str, list[int]] = {}
    for entry in truth["paragraphs"]:
        needle = words(entry["first_words"])
        nth = int(entry.get("nth", 1))
        expected = entry["id"]
        if not needle:
            continue
        page = entry.get("page")  # a line as short as a page number "4" is found on its page
        candidates = paras if page is None else [(p, h) for p, h in paras if _page(p) == page]
        line = entry.get("line")  # … or, in a text file, on its line
        candidates = candidates if line is None else [(p, h) for p, h in candidates if _line(p) == line]
        if expected is None:
            found = [p for p, hay in candidates if opens(needle, p, hay)]
            ok = len(found) < nth or isinstance(found[nth - 1], _ContentsLine)
            got = found[nth - 1].id if not ok else "(not a paragraph)"
        else:
            # paragraphs that open with the words (after the label or an "Option 2:"), else that
            # hold them within their first words (a titled paragraph's body)
            found = [p for p, hay in candidates if opens(needle, p, hay)]
            if len(found) < nth:
                found = [p for p, hay in candidates if offset(needle, hay, WINDOW) is not None]
            if len(found) < nth and entry.get("inside"):
                found = [p for p, hay in candidates if offset(needle, hay, None) is not None]
            if len(found) < nth:
                missing += 1
                by_convention.setdefault(entry.get("convention", "?"), [0, 0])[1] += 1
                misses.append(f"  not found   {expected:<22} {entry['first_words'][:60]}")
                continue
            para = found[nth - 1]
            got = para.id
            if expected == "heading":
                ok = para.kind is not None and para.kind.value == "heading"
            elif entry.get("party"):
                ok = re.sub(r"#\d+", "", got) == expected  # a repeat in a compilation: Art1.3#2 as documented
            else:
                ok = got == expected
        right += ok
        tally = by_convention.setdefault(entry.get("convention", "?"), [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok and expected is not None:
            misses.append(f"  {got:<22} want {expected:<22} {entry['first_words'][:50]}")
        elif not ok:
            misses.append(f"  {got:<22} want (not a paragraph)    {entry['first_words'][:50]}")
    total = len(truth["paragraphs"])
    result = {
        "file": truth["file"],
        "labelled": total,
        "right": right,
        "share": right / total if total else 0.0,
        "not_found": missing,
        "paragraphs": len(draft.paragraphs),
        "counters": sum("#" in p.id for p in draft.paragraphs),
        "unnumbered": sum(bool(_UNNUMBERED.search(p.id)) for p in draft.paragraphs),
        "conventions": by_convention,
    }
    if verbose and misses:
        print(f"{truth['file']}:", *misses, sep="\n", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth", nargs="*", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every wrong or missing entry on stderr")
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument("--conventions", action="store_true", help="also the share right per convention, all files")
    parser.add_argument(
        "--legacy-tilde", action="store_true", help="score an older draftdiff, reading its 12~1 ids as 12.u1"
    )
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"id_accuracy: no corpus at {CORPUS} (set DRAFTDIFF_CORPUS)", file=sys.stderr)
        return 2
    files = args.truth or sorted(TRUTH.glob("*.json"))
    rows = [score(f, args.verbose, args.legacy_tilde) for f in files]
    if args.json:
        for row in rows:
            print(json.dumps(row))
        return 0
    print("| file | labelled | right | share | not found | paragraphs | # ids | unnumbered ids |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        name = Path(r["file"]).name
        print(
            f"| {name} | {r['labelled']} | {r['right']} | {r['share']:.3f} | {r['not_found']} "
            f"| {r['paragraphs']} | {r['counters']} | {r['unnumbered']} |"
        )
    total = sum(r["labelled"] for r in rows)
    good = sum(r["right"] for r in rows)
    print(f"| all | {total} | {good} | {good / total if total else 0:.3f} | | | | |")
    if args.conventions:
        merged: dict[str, list[int]] = {}
        for r in rows:
            for name, (ok, n) in r["conventions"].items():
                merged.setdefault(name, [0, 0])
                merged[name][0] += ok
                merged[name][1] += n
        print("\n| convention | labelled | right | share |\n| --- | ---: | ---: | ---: |")
        for name, (ok, n) in sorted(merged.items(), key=lambda kv: -kv[1][1]):
            print(f"| {name} | {n} | {ok} | {ok / n:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
