"""Links between real drafts, scored against a truth written by reading them.

    python benchmarks/lineage_accuracy.py [-v] [TRUTH.json ...]

The truth is under benchmarks/truth/lineage/, labelled by reading the
documents, never from draftdiff's output. Paragraphs are located by their
first words (letters and digits; case, punctuation and brackets ignored), so
the truth does not depend on our ids. Two shapes:

- a pair ("older", "newer", "links"): each link names a newer paragraph and
  its ancestors in the older draft (none for a new one), or an older
  paragraph with no descendant ("deleted");
- a chain ("drafts", "lineages"): one provision's paragraph in each draft,
  null where it is absent, a list where it was merged or split (two lists
  of the same length in consecutive drafts pair up in order).

For every consecutive pair, compare's links (old paragraph, new paragraph)
are scored: precision and recall over the labelled paragraphs' ancestors
(a link from a labelled new paragraph to anything not in the truth, or from
a labelled deletion to anything, is a false link), and the reworded
paragraphs that held brackets whose resolution compare names. For a chain, history's
lineage of each labelled paragraph of the latest draft is scored cell by
cell: its paragraphs in every earlier draft must be the truth's (empty where
the truth says absent). Pair files that share a middle draft are chained the
same way.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from draftdiff import Kind, load  # noqa: E402
from draftdiff.diff.comparison import compare  # noqa: E402
from draftdiff.document.brackets import scan  # noqa: E402
from draftdiff.negotiation.history import history  # noqa: E402

CORPUS = Path(os.environ.get("DRAFTDIFF_CORPUS", ROOT.parent / "shared" / "corpus"))
TRUTH = ROOT / "benchmarks" / "truth" / "lineage"
LABEL_SKIP = 6  # a paragraph's first words may follow its label: "1.", "(a)", "Option 2:"


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


class Locator:
    """Finds a paragraph of one draft by its first words."""

    def __init__(self, draft) -> None:
        self.draft = draft
        self.texts = [" ".join(words(p.text)) for p in draft.paragraphs]
        self.heads = [" ".join(words(p.text)[: 40 + LABEL_SKIP]) for p in draft.paragraphs]

    def find(self, snippet: str) -> int | None:
        key = " ".join(words(snippet))
        if not key:
            return None
        best: tuple[int, int] | None = None
        for index, head in enumerate(self.heads):
            at = (" " + head + " ").find(" " + key + " ")
            if at < 0:
                continue
            start = head[:at].count(" ")
            if start <= LABEL_SKIP and (best is None or start < best[0]):
                best = (start, index)
        if best is not None:
            return best[1]
        # the paragraph may be run into another one by the reader: where its words are
        hits = [index for index, text in enumerate(self.texts) if (" " + key + " ") in (" " + text + " ")]
        return hits[0] if hits else None


def _snippets(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


@dataclass
class Score:
    right: int = 0
    found: int = 0
    expected: int = 0
    deletions: int = 0
    deletions_right: int = 0
    bracketed: int = 0
    resolved: int = 0
    missing: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        p = self.right / self.found if self.found else 1.0
        r = self.right / self.expected if self.expected else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        deleted = f"{self.deletions_right}/{self.deletions}" if self.deletions else "-"
        brackets = f"{self.resolved}/{self.bracketed}" if self.bracketed else "-"
        return f"{p:.3f} | {r:.3f} | {f1:.3f} | {deleted} | {brackets} | {len(self.missing)}"


@dataclass
class PairTruth:
    """(older snippets, newer snippet or None) per link, for one pair of drafts."""

    older: str
    newer: str
    links: list[tuple[list[str], str | None]]


def pair_truths(path: Path) -> list[PairTruth]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if "lineages" not in data:
        links = [(_snippets(link.get("older")), link.get("newer")) for link in data["links"]]
        return [PairTruth(data["older"], data["newer"], links)]
    drafts = data["drafts"]
    out = []
    for k in range(len(drafts) - 1):
        links: list[tuple[list[str], str | None]] = []
        for lineage in data["lineages"]:
            texts = lineage["texts"]
            olds, news = _snippets(texts[k]), _snippets(texts[k + 1])
            if not olds and not news:
                continue
            if not news:
                links.append((olds, None))
            elif len(olds) == len(news) > 1:
                # pieces listed in both drafts, in order: each came from its counterpart
                links += [([o], n) for o, n in zip(olds, news, strict=True)]
            else:
                links += [(olds, new) for new in news]
        out.append(PairTruth(drafts[k], drafts[k + 1], links))
    return out


_cache: dict[str, tuple[object, Locator]] = {}


def draft_of(name: str):
    if name not in _cache:
        draft = load(CORPUS / name)
        _cache[name] = (draft, Locator(draft))
    return _cache[name]


def score_pair(truth: PairTruth, verbose: bool) -> Score:
    old, old_at = draft_of(truth.older)
    new, new_at = draft_of(truth.newer)
    comparison = compare(old, new)
    index_old = {id(p): i for i, p in enumerate(old.paragraphs)}
    index_new = {id(p): j for j, p in enumerate(new.paragraphs)}
    links = {(index_old[id(o)], index_new[id(n)]) for c in comparison.changes for o in c.old for n in c.new}
    descendants: dict[int, set[int]] = {}
    ancestors: dict[int, set[int]] = {}
    for i, j in links:
        descendants.setdefault(i, set()).add(j)
        ancestors.setdefault(j, set()).add(i)
    score = Score()
    # reworded paragraphs that held brackets not all still open, and those whose bracket resolution is named
    held = [c for c in comparison.changes if c.kind in ("modified", "split", "merged") and _brackets_closed(c)]
    score.bracketed, score.resolved = len(held), sum(1 for c in held if c.brackets)
    for olds, new_snippet in truth.links:
        located = [old_at.find(s) for s in olds]
        for s, i in zip(olds, located, strict=True):
            if i is None:
                score.missing.append(f"old: {s[:60]}")
        expected = {i for i in located if i is not None}
        if new_snippet is None:
            for i in expected:
                score.deletions += 1
                got = descendants.get(i, set())
                score.found += len(got)
                score.deletions_right += not got
                if got and verbose:
                    score.misses.append(
                        f"deleted {old.paragraphs[i].id} linked to {sorted(new.paragraphs[j].id for j in got)}"
                    )
            continue
        j = new_at.find(new_snippet)
        if j is None:
            score.missing.append(f"new: {new_snippet[:60]}")
            continue
        got = ancestors.get(j, set())
        score.right += len(got & expected)
        score.found += len(got)
        score.expected += len(expected)
        if got != expected and verbose:
            want = sorted(old.paragraphs[i].id for i in expected) or "(new)"
            have = sorted(old.paragraphs[i].id for i in got) or "(added)"
            score.misses.append(f"{new.paragraphs[j].id:14} has {have} want {want}  {new_snippet[:50]}")
    return score


def _brackets_closed(change) -> bool:
    still = {" ".join(words(s.text)) for p in change.new for s in scan(p.text).spans}
    return any(
        " ".join(words(s.text)) not in still
        for p in change.old
        if p.kind is not Kind.HEADING
        for s in scan(p.text).spans
    )


def chains(truths: list[PairTruth]) -> list[list[PairTruth]]:
    """Consecutive pairs joined where one's newer draft is the next one's older."""
    out: list[list[PairTruth]] = []
    for truth in truths:
        for chain in out:
            if chain[-1].newer == truth.older:
                chain.append(truth)
                break
        else:
            out.append([truth])
    return [chain for chain in out if len(chain) >= 2]


def score_chain(chain: list[PairTruth], verbose: bool) -> tuple[int, int, list[str]]:
    """Cells of history's lineages that are right: for each labelled paragraph of
    the latest draft, its ancestors in each earlier draft as the truth composes them."""
    names = [chain[0].older] + [t.newer for t in chain]
    loaded = [draft_of(n) for n in names]
    result = history([d for d, _ in loaded], words=False)
    last = len(names) - 1
    # truth ancestors per draft, walking back through the pair truths
    parents: list[dict[int, set[int] | None]] = []  # per step k (k -> k+1): new index -> old indexes
    for k, truth in enumerate(chain):
        at_old, at_new = loaded[k][1], loaded[k + 1][1]
        step: dict[int, set[int] | None] = {}
        for olds, new_snippet in truth.links:
            if new_snippet is None:
                continue
            j = at_new.find(new_snippet)
            located = [at_old.find(s) for s in olds]
            if j is None:
                continue
            step[j] = None if any(i is None for i in located) else {i for i in located if i is not None}
        parents.append(step)
    right = cells = 0
    misses: list[str] = []
    for j, first in parents[-1].items():
        if first is None:
            continue
        lineage = result.lineage_of((last, j))
        current: set[int] | None = first
        for d in range(last - 1, -1, -1):
            if current is None:
                break
            got = set(lineage.nodes.get(d, [])) if lineage else set()
            cells += 1
            right += got == current
            if got != current and verbose:
                draft = loaded[d][0]
                misses.append(
                    f"{loaded[last][0].paragraphs[j].id} in {Path(names[d]).stem[:24]}: "
                    f"has {sorted(draft.paragraphs[i].id for i in got)} want {sorted(draft.paragraphs[i].id for i in current)}"
                )
            if d == 0:
                break
            # one step further back: every ancestor must be labelled there
            nxt: set[int] = set()
            for i in current:
                back = parents[d - 1].get(i, None) if i in parents[d - 1] else None
                if back is None:
                    nxt = None  # type: ignore[assignment]
                    break
                nxt |= back
            current = nxt
    return right, cells, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("truth", nargs="*", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: nothing to score")
        return 0
    files = args.truth or sorted(TRUTH.glob("*.json"))
    truths = [t for path in files for t in pair_truths(path)]
    print("| pair | links | precision | recall | F1 | deletions right | bracket resolutions named | not found |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    total = Score()
    for truth in truths:
        score = score_pair(truth, args.verbose)
        name = f"{Path(truth.older).stem} → {Path(truth.newer).stem}"
        print(f"| {name} | {len(truth.links)} | {score.line()} |")
        for attr in ("right", "found", "expected", "deletions", "deletions_right", "bracketed", "resolved"):
            setattr(total, attr, getattr(total, attr) + getattr(score, attr))
        total.missing += score.missing
        if args.verbose:
            for line in score.missing + score.misses:
                print(f"    {line}")
    print(f"| all | {sum(len(t.links) for t in truths)} | {total.line()} |")
    print()
    print("| chain | lineage cells | right | share |")
    print("| --- | ---: | ---: | ---: |")
    for chain in chains(truths):
        right, cells, misses = score_chain(chain, args.verbose)
        name = " → ".join(Path(n).stem[:22] for n in [chain[0].older] + [t.newer for t in chain])
        print(f"| {name} | {cells} | {right} | {right / cells if cells else 0:.3f} |")
        for line in misses:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
