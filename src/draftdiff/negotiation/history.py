"""One paragraph's life across every draft: ``draftdiff history``.

Each draft is read once; each consecutive pair is aligned by the same engine
as ``compare``; the links are then composed into lineages, the chains of ids
one paragraph had through the drafts. Splits and merges branch and join the
chains. A paragraph deleted at one step and restored at a later one (absent
from at least one draft between) is linked back to itself, so it keeps its
lineage.

A lineage is anchored at a paragraph of the last draft, or at the last
appearance of a paragraph that disappeared before it; ``ids[draft]`` is the
set of paragraphs of that draft that became the anchor (following the links
through every draft between), empty where the paragraph is absent.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..diff.align import align
from ..diff.comparison import Change, Comparison, compare
from ..diff.wording import Options, diff
from ..document.model import Draft, Paragraph

RESTORE_SIMILARITY = 0.6  # a restored paragraph comes back close to how it left

Node = tuple[int, int]  # (draft index, paragraph index)


@dataclass
class Step:
    """One consecutive pair: drafts[index - 1] -> drafts[index] (index from 1)."""

    index: int
    comparison: Comparison

    @property
    def words_in(self) -> int:
        return sum(len(t.split()) for c in self.comparison.changes for op, t in c.segments if op == "insert")

    @property
    def words_out(self) -> int:
        return sum(len(t.split()) for c in self.comparison.changes for op, t in c.segments if op == "delete")


@dataclass
class Event:
    step: int
    kind: str  # modified, added, deleted, moved, renumbered, split, merged, restored

    def to_json(self) -> dict:
        return {"step": self.step, "kind": self.kind}


@dataclass
class Lineage:
    anchor: Node
    nodes: dict[int, list[int]]  # draft index -> paragraph indices (in draft order)
    events: list[Event] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.events)

    def kinds_at(self, step: int) -> list[str]:
        return [e.kind for e in self.events if e.step == step]


@dataclass
class Link:
    """How one paragraph became another between two drafts: the change of a
    step, or a restoration over absent drafts (a change of its own)."""

    source: Node
    target: Node
    change: Change
    restored: bool = False


@dataclass
class History:
    names: list[str]
    drafts: list[Draft]
    steps: list[Step]
    lineages: list[Lineage]
    links: list[Link]
    dates: list[str | None] = field(default_factory=list)

    # -- navigation ------------------------------------------------------------
    def draft_index(self, name: str) -> int | None:
        """The draft a user names (its name or label, any case, spacing or Unicode form)."""
        from .register import name_key

        key = name_key(name)
        for index, (draft_name, draft) in enumerate(zip(self.names, self.drafts, strict=True)):
            if key in (name_key(draft_name), name_key(draft.label)):
                return index
        return None

    def paragraph(self, node: Node) -> Paragraph:
        return self.drafts[node[0]].paragraphs[node[1]]

    def ids(self, lineage: Lineage) -> dict[str, list[str]]:
        return {
            name: [self.drafts[d].paragraphs[i].id for i in lineage.nodes.get(d, [])]
            for d, name in enumerate(self.names)
        }

    def lineage_of(self, node: Node) -> Lineage | None:
        """The lineage a paragraph belongs to: the one anchored at it, else the
        first that passes through it."""
        for lineage in self.lineages:
            if lineage.anchor == node:
                return lineage
        for lineage in self.lineages:
            if node[1] in lineage.nodes.get(node[0], []):
                return lineage
        return None

    def incoming(self, node: Node) -> list[Link]:
        return self._incoming.get(node, [])

    def __post_init__(self) -> None:
        self._incoming: dict[Node, list[Link]] = {}
        for link in self.links:
            self._incoming.setdefault(link.target, []).append(link)
        self._draft_of = {id(p): d for d, draft in enumerate(self.drafts) for p in draft.paragraphs}

    def draft_index_of(self, paragraph: Paragraph) -> int:
        return self._draft_of[id(paragraph)]

    def cell(self, lineage: Lineage, d: int) -> tuple[list[str], list[str]]:
        """What the matrix shows for a lineage in draft ``d``: its ids there,
        and what happened at the step into that draft."""
        ids = [self.drafts[d].paragraphs[i].id for i in lineage.nodes.get(d, [])]
        return ids, lineage.kinds_at(d) if d else []

    def to_json(self) -> dict:
        return {
            "schema": "draftdiff.history/1",
            "drafts": [
                {
                    "name": name,
                    "label": draft.label,
                    "source": str(draft.source),
                    "date": date,
                    "paragraphs": len(draft.paragraphs),
                }
                for name, draft, date in zip(self.names, self.drafts, self.dates, strict=True)
            ],
            "steps": [step.comparison.to_json() for step in self.steps],
            "lineage": [
                {"ids": self.ids(lineage), "events": [e.to_json() for e in lineage.events]} for lineage in self.lineages
            ],
        }

    # -- an article's story ------------------------------------------------------------
    def units(self, text: str, where: int) -> list[dict[int, str]]:
        """The articles or sections of draft ``where`` whose title holds ``text``
        (any case), each followed through every draft as a unit: draft index ->
        the unit there (see diff/sections.unit_keys), by the pairing of units at
        each step (Comparison.sections)."""
        wanted = " ".join(text.split()).casefold()
        titles = self.unit_titles(where)
        chains = []
        for key, title in titles.items():
            if wanted not in " ".join(title.split()).casefold():
                continue
            chain = {where: key}
            for d in range(where, 0, -1):  # back: the old unit of each step's pair
                back = {u.new_key: u.old_key for u in self.steps[d - 1].comparison.sections}
                if not back.get(chain[d]):
                    break
                chain[d - 1] = back[chain[d]]
            for d in range(where, len(self.drafts) - 1):  # on: the new unit
                ahead = {u.old_key: u.new_key for u in self.steps[d].comparison.sections}
                if not ahead.get(chain[d]):
                    break
                chain[d + 1] = ahead[chain[d]]
            chains.append(dict(sorted(chain.items())))
        return chains

    def unit_titles(self, d: int) -> dict[str, str]:
        """Draft ``d``'s units, in reading order: unit -> its title as printed."""
        from ..diff.sections import unit_keys

        paragraphs = self.drafts[d].paragraphs
        return {key: p.section for p, key in zip(paragraphs, unit_keys(paragraphs), strict=True) if key}

    def unit_status(self, d: int, chain: dict[int, str]) -> str:
        """What became of a unit at the step into draft ``d``."""
        if d not in chain or d - 1 not in chain:
            return "added" if d in chain and d else ""
        for unit in self.steps[d - 1].comparison.sections:
            if unit.old_key == chain[d - 1] and unit.new_key == chain[d]:
                return unit.status
        return ""

    # -- a paragraph's story ---------------------------------------------------------
    def story(self, lineage: Lineage) -> list[tuple[int, Change | None]]:
        """(draft index, change into it) for the first appearance (change None)
        and every step in which the lineage changed."""
        present = sorted(d for d, nodes in lineage.nodes.items() if nodes)
        if not present:
            return []
        out: list[tuple[int, Change | None]] = [(present[0], None)]
        seen: set[int] = set()
        for d in present[1:]:
            for i in lineage.nodes[d]:
                for link in self.incoming((d, i)):
                    change = link.change
                    if id(change) in seen:
                        continue
                    if change.is_change or link.restored:
                        seen.add(id(change))
                        out.append((d, change))
        return out

    def blame(self, node: Node) -> list[tuple[str, int]]:
        """The paragraph's text cut into runs, each with the index of the draft
        that introduced it (like ``git blame``)."""
        marks = self._attribution(node, {})
        text = self.paragraph(node).text
        runs: list[tuple[str, int]] = []
        for ch, draft in zip(text, marks, strict=True):
            if runs and runs[-1][1] == draft:
                runs[-1] = (runs[-1][0] + ch, draft)
            else:
                runs.append((ch, draft))
        return runs

    def _attribution(self, node: Node, memo: dict[Node, list[int]]) -> list[int]:
        if node in memo:
            return memo[node]
        para = self.paragraph(node)
        links = self.incoming(node)
        if not links:
            memo[node] = [node[0]] * len(para.text)
            return memo[node]
        link = links[0]
        change = link.change
        # the old side as one text, its characters attributed
        old_marks: list[int] = []
        for k, source in enumerate(sorted({link.source} | {x.source for x in links if x.change is change})):
            if k:
                old_marks.append(old_marks[-1] if old_marks else source[0])
            old_marks += self._attribution(source, memo)
        new_marks: list[int] = []
        position = 0
        equal_index = 0
        for op, chunk in change.segments:
            if op == "equal":
                old_chunk = change.old_equal[equal_index] if equal_index < len(change.old_equal) else chunk
                equal_index += 1
                taken = old_marks[position : position + len(old_chunk)] or [node[0]]
                position += len(old_chunk)
                new_marks += [taken[min(k, len(taken) - 1)] for k in range(len(chunk))]
            elif op == "delete":
                position += len(chunk)
            else:
                new_marks += [node[0]] * len(chunk)
        # this paragraph's slice of the new side (a split has several)
        offset = 0
        for other in change.new:
            if other is para:
                break
            offset += len(other.text) + 1
        marks = new_marks[offset : offset + len(para.text)]
        marks += [node[0]] * (len(para.text) - len(marks))
        memo[node] = marks
        return marks


@dataclass
class Revert:
    """A paragraph's wording now, and the wording of the same paragraph in an
    earlier draft: the change that would revert it."""

    current: Paragraph
    earlier: list[Paragraph]  # empty when the paragraph did not exist then
    segments: list[tuple[str, str]]  # current -> earlier, word by word

    @property
    def earlier_text(self) -> str:
        return " ".join(p.text for p in self.earlier)

    @property
    def earlier_ids(self) -> list[str]:
        return [p.id for p in self.earlier]

    def to_json(self) -> dict:
        return {
            "id": self.current.id,
            "text": self.current.text,
            "revert_to_ids": self.earlier_ids,
            "revert_to_text": self.earlier_text,
            "changes": [{"op": op, "text": text} for op, text in self.segments],
        }


@dataclass
class HistoryView:
    """A history and how to show it: every lineage, the changed ones, or some
    paragraphs' stories (with their blame), or a proposal to revert them to
    an earlier draft's wording."""

    history: History
    changed_only: bool = False
    foci: list[Node] = field(default_factory=list)  # --para: the paragraphs whose story is told
    blame: bool = False
    revert_to: int | None = None  # --revert-to: the draft whose wording is proposed
    units: list[dict[int, str]] = field(default_factory=list)  # --section: articles followed as units (draft -> unit)

    @property
    def focus(self) -> Node | None:
        return self.foci[0] if self.foci else None

    @property
    def lineages(self) -> list[Lineage]:
        if self.foci:
            found = [self.history.lineage_of(node) for node in self.foci]
            return [lin for lin in found if lin is not None]
        chosen = [lin for lin in self.history.lineages if lin.changed or not self.changed_only]
        if self.units:
            from ..diff.sections import unit_keys

            inside = {(d, key) for chain in self.units for d, key in chain.items()}
            keys = {d: unit_keys(self.history.drafts[d].paragraphs) for d in {d for d, _ in inside}}
            chosen = [
                lin
                for lin in chosen
                if any((d, keys[d][i]) in inside for d, nodes in lin.nodes.items() if d in keys for i in nodes)
            ]
        return chosen

    def reverts(self) -> list[Revert]:
        """For each paragraph of --para, the change back to --revert-to's wording."""
        if self.revert_to is None:
            return []
        out = []
        for node in self.foci:
            current = self.history.paragraph(node)
            lineage = self.history.lineage_of(node)
            nodes = lineage.nodes.get(self.revert_to, []) if lineage else []
            earlier = [self.history.drafts[self.revert_to].paragraphs[i] for i in nodes]
            text = " ".join(p.text for p in earlier)
            segments = diff(current.text, text).segments if earlier else [("delete", current.text)]
            out.append(Revert(current, earlier, segments))
        return out


def history(
    drafts: list[Draft],
    names: list[str] | None = None,
    *,
    options: Options | None = None,
    dates: list[str | None] | None = None,
    progress: Callable[[], None] | None = None,
    words: bool = True,
) -> History:
    """The history of every paragraph through ``drafts`` (at least two, in
    the order of the negotiation). ``words=False`` skips the word diffs: the
    lineages are the same, the steps carry no word changes (for trace)."""
    if len(drafts) < 2:
        raise ValueError("a history needs at least two drafts")
    names = names or [d.label for d in drafts]
    options = options or Options()
    steps: list[Step] = []
    links: list[Link] = []
    index_of = [{id(p): i for i, p in enumerate(d.paragraphs)} for d in drafts]
    for d in range(1, len(drafts)):
        comparison = compare(drafts[d - 1], drafts[d], options=options, words=words)
        steps.append(Step(d, comparison))
        for change in comparison.changes:
            for old in change.old:
                for new in change.new:
                    links.append(Link((d - 1, index_of[d - 1][id(old)]), (d, index_of[d][id(new)]), change))
        if progress:
            progress()
    links += _restorations(drafts, links, options)
    lineages = _lineages(drafts, links, steps)
    return History(
        names=list(names),
        drafts=list(drafts),
        steps=steps,
        lineages=lineages,
        links=links,
        dates=list(dates or [None] * len(drafts)),
    )


def history_of_one(draft: Draft, name: str | None = None) -> History:
    """The history of a single draft (stats and refs on a register of one): no
    step, one lineage per paragraph."""
    lineages = [Lineage(anchor=(0, i), nodes={0: [i]}) for i in range(len(draft.paragraphs))]
    return History(names=[name or draft.label], drafts=[draft], steps=[], lineages=lineages, links=[], dates=[None])


def _restorations(drafts: list[Draft], links: list[Link], options: Options) -> list[Link]:
    """Paragraphs deleted at one step and back at a later one, linked."""
    has_next = {link.source for link in links}
    has_previous = {link.target for link in links}
    dead = [(d, i) for d in range(len(drafts) - 1) for i in range(len(drafts[d].paragraphs)) if (d, i) not in has_next]
    born = [
        (d, i) for d in range(2, len(drafts)) for i in range(len(drafts[d].paragraphs)) if (d, i) not in has_previous
    ]
    if not dead or not born:
        return []
    gone = Draft(Path("deleted"), "", "", [drafts[d].paragraphs[i] for d, i in dead])
    back = Draft(Path("added"), "", "", [drafts[d].paragraphs[i] for d, i in born])
    out = []
    for match in align(gone, back).matches:
        if len(match.old) != 1 or len(match.new) != 1 or match.similarity < RESTORE_SIMILARITY:
            continue
        source, target = dead[match.old[0]], born[match.new[0]]
        if target[0] < source[0] + 2:
            continue  # not absent from any draft between: not a restoration
        old_para, new_para = drafts[source[0]].paragraphs[source[1]], drafts[target[0]].paragraphs[target[1]]
        wording = diff(old_para.text, new_para.text, options)
        change = Change(
            kind="modified" if wording.edits else "unchanged",
            old=[old_para],
            new=[new_para],
            similarity=match.similarity,
            edits=wording.edits,
            segments=wording.segments,
            old_equal=wording.old_equal,
        )
        out.append(Link(source, target, change, restored=True))
    return out


def _lineages(drafts: list[Draft], links: list[Link], steps: list[Step]) -> list[Lineage]:
    backward: dict[Node, list[Link]] = {}
    forward: set[Node] = set()
    for link in links:
        backward.setdefault(link.target, []).append(link)
        forward.add(link.source)
    last = len(drafts) - 1
    anchors = [(last, i) for i in range(len(drafts[last].paragraphs))]
    anchors += [(d, i) for d in range(last) for i in range(len(drafts[d].paragraphs)) if (d, i) not in forward]
    anchors.sort(key=lambda node: (node[0] != last, node))
    # A paragraph that disappeared is listed after the paragraph of the last
    # draft that its predecessor led to, so the matrix reads in order.
    out = []
    for anchor in anchors:
        nodes: dict[int, set[int]] = {anchor[0]: {anchor[1]}}
        frontier = [anchor]
        seen = {anchor}
        while frontier:
            node = frontier.pop()
            for link in backward.get(node, []):
                if link.source not in seen:
                    seen.add(link.source)
                    nodes.setdefault(link.source[0], set()).add(link.source[1])
                    frontier.append(link.source)
        lineage = Lineage(anchor, {d: sorted(v) for d, v in nodes.items()})
        lineage.events = _events(lineage, backward, forward, steps, anchor)
        out.append(lineage)
    return _in_reading_order(out, last)


def _events(lineage: Lineage, backward, forward, steps: list[Step], anchor: Node) -> list[Event]:
    events: list[Event] = []
    present = sorted(d for d, v in lineage.nodes.items() if v)
    first = present[0]
    if first > 0:
        events.append(Event(first, "added"))
    for d in present[1:]:
        kinds: list[str] = []
        for i in lineage.nodes[d]:
            for link in backward.get((d, i), []):
                if link.restored:
                    if "restored" not in kinds:
                        kinds.append("restored")
                    if link.change.kind == "modified" and "modified" not in kinds:
                        kinds.append("modified")
                    continue
                for label in link.change.labels:
                    if label != "unchanged" and label not in kinds:
                        kinds.append(label)
        events += [Event(d, kind) for kind in kinds]
    if anchor[0] < len(steps):  # the paragraph left before the last draft
        events.append(Event(anchor[0] + 1, "deleted"))
    # a restoration: the drafts it was absent from
    for d, nxt in itertools.pairwise(present):
        if nxt > d + 1 and not any(e.step == d + 1 for e in events):
            events.append(Event(d + 1, "deleted"))
    return sorted(events, key=lambda e: e.step)


def _in_reading_order(lineages: list[Lineage], last: int) -> list[Lineage]:
    """Lineages of the last draft in its order; each lineage that ended earlier
    after the one its neighbour before it continued into."""
    main = [lin for lin in lineages if lin.anchor[0] == last]
    ended = [lin for lin in lineages if lin.anchor[0] != last]
    # where the paragraph stood: after the last-draft lineage that shares its
    # draft's preceding paragraph
    position: dict[Node, int] = {}
    for k, lineage in enumerate(main):
        for d, nodes in lineage.nodes.items():
            for i in nodes:
                position.setdefault((d, i), k)
    placed: dict[int, list[Lineage]] = {}
    for lineage in ended:
        d, i = lineage.anchor
        slot = -1
        for j in range(i - 1, -1, -1):
            if (d, j) in position:
                slot = position[(d, j)]
                break
        placed.setdefault(slot, []).append(lineage)
    out = list(placed.get(-1, []))
    for k, lineage in enumerate(main):
        out.append(lineage)
        out += placed.get(k, [])
    return out
