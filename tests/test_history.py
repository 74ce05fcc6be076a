"""history: lineages through every draft, against the samples' answer key and generated chains."""

from __future__ import annotations

import pytest

import answer_key
import draftdiff
from chains import make
from conftest import SAMPLES, draft_from_text
from draftdiff.negotiation.history import history

NAMES = ["zero", "rev1", "rev2", "rev3", "final"]
KEY = answer_key.read(SAMPLES / "CHANGES.md")


@pytest.fixture(scope="module")
def samples_history():
    drafts = [draftdiff.load(SAMPLES / f"{name}.docx") for name in NAMES]
    return history(drafts, NAMES)


def test_every_listed_change_appears_at_its_step(samples_history):
    for step in samples_history.steps:
        pair = (NAMES[step.index - 1], NAMES[step.index])
        got = {(tuple(sorted(c.labels)), tuple(c.old_ids), tuple(c.new_ids)) for c in step.comparison.differences}
        expected = {(tuple(sorted(r.kinds)), tuple(r.old), tuple(r.new)) for r in KEY[pair]}
        assert got == expected, pair


def _key_links(start: int) -> set[tuple[str, str]]:
    """(id in NAMES[start], id in final) composed from the key's steps; a
    paragraph the key does not list keeps its id."""
    drafts = [draftdiff.load(SAMPLES / f"{name}.txt") for name in NAMES]
    current = {p.id: {p.id} for p in drafts[start].paragraphs}
    for step in range(start + 1, len(NAMES)):
        rows = KEY[(NAMES[step - 1], NAMES[step])]
        moves: dict[str, set[str]] = {}
        for row in rows:
            for old in row.old:
                moves.setdefault(old, set()).update(row.new)
        ids_here = {p.id for p in drafts[step].paragraphs}
        current = {
            origin: {n for now in ids for n in (moves.get(now, {now} if now in ids_here else set()))}
            for origin, ids in current.items()
        }
    return {(origin, final) for origin, ids in current.items() for final in ids}


def test_lineages_from_each_draft_to_the_final_agree_with_the_key(samples_history):
    last = len(NAMES) - 1
    final = samples_history.drafts[last]
    for start in range(last):
        draft = samples_history.drafts[start]
        got = {
            (draft.paragraphs[i].id, final.paragraphs[lineage.anchor[1]].id)
            for lineage in samples_history.lineages
            if lineage.anchor[0] == last
            for i in lineage.nodes.get(start, [])
        }
        assert got == _key_links(start), NAMES[start]


def test_every_paragraph_of_the_last_draft_and_every_one_that_disappeared_has_a_lineage(samples_history):
    anchors = [lineage.anchor for lineage in samples_history.lineages]
    assert len(anchors) == len(set(anchors))
    final = [a for a in anchors if a[0] == 4]
    assert len(final) == len(samples_history.drafts[4].paragraphs)
    ended = {samples_history.paragraph(a).id: a[0] for a in anchors if a[0] != 4}
    assert ended == {"17": 0, "50": 2}  # deleted in Rev 1 and in Rev 3
    story = {e.kind for lin in samples_history.lineages for e in lin.events}
    assert {"added", "deleted", "modified", "split", "merged", "moved", "renumbered"} <= story


def _links_to_final(drafts, lineages, start):
    last = len(drafts) - 1
    return {
        (drafts[start].paragraphs[i].id, drafts[last].paragraphs[lin.anchor[1]].id)
        for lin in lineages
        if lin.anchor[0] == last
        for i in lin.nodes.get(start, [])
    }


def test_generated_chains_history_beats_a_direct_compare():
    """Link precision and recall from every draft to the final, pooled over
    generated chains; history must reach F1 0.98 and beat a direct compare."""
    scores = {"history": [0, 0, 0], "direct": [0, 0, 0]}
    for seed in range(12):
        chain = make(seed)
        drafts = [draft_from_text(text, f"d{k}") for k, text in enumerate(chain.texts)]
        result = history(drafts)
        last = len(drafts) - 1
        for start in range(last):
            truth = chain.truth_links(start)
            direct = draftdiff.compare(drafts[start], drafts[last])
            found = {
                "history": _links_to_final(drafts, result.lineages, start),
                "direct": {(o, n) for c in direct.changes for o in c.old_ids for n in c.new_ids},
            }
            for name, links in found.items():
                scores[name][0] += len(links & truth)
                scores[name][1] += len(links)
                scores[name][2] += len(truth)

    def f1(correct, found, expected):
        precision, recall = correct / found, correct / expected
        return 2 * precision * recall / (precision + recall)

    assert f1(*scores["history"]) >= 0.98, scores
    assert f1(*scores["history"]) > f1(*scores["direct"]), scores


def test_a_paragraph_deleted_and_restored_keeps_its_lineage():
    texts = [
        "Draft\n\n1. We welcome the report on safe and regular pathways for migrants and refugees.\n\n"
        "2. We commit to end child immigration detention in all circumstances.\n\n"
        "3. We will review progress at the next forum in four years.\n",
        "Draft\n\n1. We welcome the report on safe and regular pathways for migrants and refugees.\n\n"
        "2. We will review progress at the next forum in four years.\n",
        "Draft\n\n1. We welcome the report on safe and regular pathways for migrants and refugees.\n\n"
        "2. We commit to end child immigration detention in all circumstances without exception.\n\n"
        "3. We will review progress at the next forum in four years.\n",
    ]
    drafts = [draft_from_text(text, f"d{k}") for k, text in enumerate(texts)]
    result = history(drafts, ["zero", "rev1", "rev2"])
    lineage = result.lineage_of((2, 1))
    assert result.ids(lineage) == {"zero": ["2"], "rev1": [], "rev2": ["2"]}
    assert [(e.step, e.kind) for e in lineage.events] == [(1, "deleted"), (2, "restored"), (2, "modified")]
    assert len(result.lineages) == 3  # not a fourth, "new" paragraph


def test_blame_attributes_each_word_to_the_draft_that_brought_it(samples_history):
    node = (4, next(i for i, p in enumerate(samples_history.drafts[4].paragraphs) if p.id == "40"))
    runs = samples_history.blame(node)
    assert "".join(text for text, _ in runs) == samples_history.paragraph(node).text
    assert runs[0][0].startswith("We will ensure the meaningful participation") and NAMES[runs[0][1]] == "zero"
    assert ("discussions", "rev3") in [(text.strip(), NAMES[d]) for text, d in runs]
    assert {NAMES[d] for _, d in runs} == {"zero", "rev3"}
