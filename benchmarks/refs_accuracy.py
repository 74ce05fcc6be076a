"""Recognition and resolution of references in comments: precision and recall per form.

    python benchmarks/refs_accuracy.py [--seeds 10]

On the samples (samples/comments.csv against samples/comments-key.md), and
on generated comments citing the drafts of generated chains in every form
(tests/test_refs.py: single ids, lists, ranges, section signs, OP numbers,
bare "42 bis", drafts named in the text, possessives, with references to
other documents and stray numbers mixed in); and on comments written by
hand about a real draft (benchmarks/truth/refs/, held apart from the
tests), whose cited paragraphs are followed to the later draft and checked
against the lineage truth of benchmarks/truth/lineage/.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import draftdiff  # noqa: E402
from draftdiff.negotiation.history import history  # noqa: E402
from draftdiff.negotiation.refs import read_comments, refs  # noqa: E402
from test_refs import KEY, NAMES, _row, generated_comments  # noqa: E402


def score(table: dict[str, list[int]]) -> None:
    for form, (correct, found, expected) in sorted(table.items()):
        precision = correct / found if found else 1.0
        recall = correct / expected if expected else 1.0
        print(f"  {form:32} precision {precision:.3f}  recall {recall:.3f}  ({expected} expected)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    samples = history([draftdiff.load(ROOT / "samples" / f"{n}.docx") for n in NAMES], NAMES)
    result = refs(samples, read_comments(ROOT / "samples" / "comments.csv"), on=1, draft_names={"zero draft": 0})
    got = {(r["comment"], r["text"]): r for r in (_row(x) for x in result.references)}
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in KEY:
        form = row["form"]
        table[form][2] += 1
        mine = got.get((row["comment"], row["text"]))
        if mine is not None:
            table[form][1] += 1
            table[form][0] += int(
                sorted(mine["ids"]) == sorted(row["ids"])
                and mine["draft"] == row["draft"]
                and mine["final"] == row["final"]
            )
    extra = len(got) - sum(1 for row in KEY if (row["comment"], row["text"]) in got)
    print(f"samples: {len(KEY)} references in the key, {len(got)} found, {extra} not in the key")
    score(table)
    recognition: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    resolution = [0, 0, 0]
    for seed in range(args.seeds):
        chain, drafts, on, labels, comments, truth = generated_comments(seed)
        names = [f"d{k}" for k in range(len(drafts))]
        found = refs(history(drafts, names), comments, on=on, draft_names={label: k for k, label in enumerate(labels)})
        for comment, (draft, cited, has_external, form) in zip(comments, truth, strict=True):
            mine = [r for r in found.references if r.comment is comment]
            own = {(r.draft, i) for r in mine if not r.external for i in r.ids}
            want = {(draft, i) for i in cited}
            recognition[form][0] += len(own & want)
            recognition[form][1] += len(own)
            recognition[form][2] += len(want)
            external = sum(1 for r in mine if r.external)
            recognition["other documents"][0] += min(external, int(has_external))
            recognition["other documents"][1] += external
            recognition["other documents"][2] += int(has_external)
            links = chain.truth_links(draft)
            true_final = {(i, f) for i, f in links if i in cited}
            got_final = {(i, f) for r in mine if r.draft == draft for i, now in r.now.items() for f in now.ids}
            resolution[0] += len(got_final & true_final)
            resolution[1] += len(got_final)
            resolution[2] += len(true_final)
    print(f"generated: {args.seeds} chains, 40 comments each")
    score(recognition)
    score({"resolution to the final": resolution})
    real_drafts()
    return 0


def real_drafts() -> None:
    """Comments written by hand about a real draft (benchmarks/truth/refs/, held
    apart from the tests): the ids each cites, other instruments kept apart, and
    where the cited paragraphs are in the later draft, by the lineage truth."""
    import json
    import os

    from lineage_accuracy import Locator, pair_truths

    from draftdiff.negotiation.refs import StakeholderComment

    corpus = Path(os.environ.get("DRAFTDIFF_CORPUS", ROOT.parent / "shared" / "corpus"))
    if not corpus.is_dir():
        return
    for path in sorted((ROOT / "benchmarks" / "truth" / "refs").glob("*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        on, to = draftdiff.load(corpus / truth["on"]), draftdiff.load(corpus / truth["to"])
        comments = [StakeholderComment(k, c["text"]) for k, c in enumerate(truth["comments"], 1)]
        found = refs(history([on, to]), comments, on=0, to=1)
        resolution = truth.get("resolution", "resolution to the later draft")
        table = {
            "references": [0, 0, 0],
            "other instruments kept apart": [0, 0, 0],
            resolution: [0, 0, 0],
        }
        # where each cited paragraph went, as the lineage truth has it (labelled by reading)
        lineage = {}
        for pair in pair_truths(ROOT / "benchmarks" / "truth" / "lineage" / truth["lineage"]):
            if (pair.older, pair.newer) != (truth["on"], truth["to"]):
                continue  # a chain's other steps: their paragraphs are not these drafts'
            old_at, new_at = Locator(on), Locator(to)
            for olds, new in pair.links:
                j = new_at.find(new) if new else None
                for snippet in olds:
                    i = old_at.find(snippet)
                    if i is not None:
                        lineage.setdefault(on.paragraphs[i].id, set())
                        if j is not None:
                            lineage[on.paragraphs[i].id].add(to.paragraphs[j].id)
        for k, comment in enumerate(truth["comments"], 1):
            mine = [r for r in found.references if r.comment.index == k]
            got = {i for r in mine if not r.external for i in r.ids}
            want = set(comment["ids"])
            row = table["references"]
            row[0] += len(got & want)
            row[1] += len(got)
            row[2] += len(want)
            kept = {r.external for r in mine if r.external}
            ext = table["other instruments kept apart"]
            ext[0] += len(kept & set(comment.get("external", [])))
            ext[1] += len(kept)
            ext[2] += len(comment.get("external", []))
            for para_id in want & got:
                if para_id not in lineage:
                    continue  # not labelled in the lineage truth
                now = {i for r in mine for pid, n in r.now.items() if pid == para_id for i in n.ids}
                res = table[resolution]
                res[0] += len(now & lineage[para_id])
                res[1] += len(now)
                res[2] += len(lineage[para_id])
        print(f"real drafts, held apart: {path.name} ({len(comments)} comments)")
        score(table)


if __name__ == "__main__":
    raise SystemExit(main())
