"""Language versions of one text, side by side: what one says and another does not.

The versions are aligned by paragraph id (every language gives the English
ids, see ``document/languages.py``). A paragraph the reference version (the
English one, else the first) or most versions have is *missing* from a
version without it; one only a minority has is *extra* there. Before
saying so, the place is weighed: a version that runs two paragraphs into
one (a curated text, a heading and its first paragraph on one line) has the
missing paragraph's words in its neighbour, which is then that much longer
than its counterpart; a version that numbers a run of paragraphs otherwise
(Chinese letters the definitions that English numbers) has as many extra
ids as missing ones between the same neighbours. Neither is reported as
missing. Paragraphs found in two versions are compared for the numbers they
state (``figures.numbers_in``), their footnotes and their brackets.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..document.languages import detect
from ..document.languages import name as language_name
from ..document.model import Draft, Paragraph
from .figures import numbers_in

KINDS = ("missing", "extra", "numbers", "notes", "brackets")
# The paragraphs around a missing one hold its words when they are longer than
# their counterparts by at least this share of its expected length (a
# translation runs a little longer or shorter: an extra one is a piece cut
# from its neighbours only when they are short of all but this share of it).
_ABSORBED = 0.35


@dataclass(frozen=True)
class Version:
    source: str
    label: str
    language: str  # "en", "fr" … (detected)
    draft: Draft

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    def to_json(self) -> dict:
        return {"file": self.source, "label": self.label, "language": self.language, "name": self.language_name}


@dataclass(frozen=True)
class Discrepancy:
    kind: str  # one of KINDS
    id: str
    language: str  # the version it is found in (its language code)
    detail: str
    version: int = 0  # the version's place among the files

    def to_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "language": self.language, "detail": self.detail}


@dataclass(frozen=True)
class Row:
    """One id, and its paragraph in each version (None where it has none)."""

    id: str
    paragraphs: tuple[Paragraph | None, ...]


@dataclass
class Versions:
    versions: list[Version]
    reference: int
    rows: list[Row]
    discrepancies: list[Discrepancy] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "schema": "draftdiff.versions/1",
            "reference": self.reference,
            "languages": [v.to_json() for v in self.versions],
            "paragraphs": len(self.rows),
            "discrepancies": [d.to_json() for d in self.discrepancies],
        }


def compare_versions(drafts: list[Draft], labels: list[str] | None = None) -> Versions:
    """The versions of one text (two or more drafts), aligned by id, with their discrepancies."""
    versions = [
        Version(str(d.source), (labels[k] if labels else "") or str(d.source), detect(p.text for p in d.paragraphs), d)
        for k, d in enumerate(drafts)
    ]
    reference = next((k for k, v in enumerate(versions) if v.language == "en"), 0)
    sequences = [[p.id for p in v.draft.paragraphs] for v in versions]
    sequences = [ids if k == reference else _aliased(ids, sequences[reference]) for k, ids in enumerate(sequences)]
    by_id = [dict(zip(ids, v.draft.paragraphs, strict=True)) for ids, v in zip(sequences, versions, strict=True)]
    order = _merged_order(sequences, reference)
    rows = [Row(i, tuple(ids.get(i) for ids in by_id)) for i in order]
    expected = {
        row.id: row.paragraphs[reference] is not None or 2 * sum(p is not None for p in row.paragraphs) > len(versions)
        for row in rows
    }
    result = Versions(versions, reference, rows)
    joined: set[tuple[int, str]] = set()  # (version, id): a paragraph that holds another's words
    for k in range(len(versions)):
        result.discrepancies.extend(_gaps(result, k, expected, joined))
    for row in rows:
        result.discrepancies.extend(_compare_row(result, row, joined))
    place = {row.id: n for n, row in enumerate(rows)}
    result.discrepancies.sort(key=lambda d: (place.get(d.id, 0), KINDS.index(d.kind), d.version))
    return result


def _aliased(ids: list[str], reference: list[str]) -> list[str]:
    """A version's ids, each one the reference has under another positional counter renamed to it
    ("AnnexII(a)" → "AnnexII.u1(a)": the annex's title read as a paragraph in one version only)."""
    have, known = set(ids), set(reference)
    free: dict[str, list[str]] = {}
    for i in reference:
        if i not in have:
            free.setdefault(_shape(i), []).append(i)
    out = []
    for i in ids:
        candidates = free.get(_shape(i)) if i not in known else None
        out.append(candidates.pop(0) if candidates else i)
    return out


_UNNUMBERED_RE = re.compile(r"(?:^|\.)u\d+(?:#\d+)?$")  # "u3", "Art2.u1": a paragraph with no number
_POSITIONAL_RE = re.compile(r"(?:^|\.)u\d+(?=$|[.(#])")


def _shape(para_id: str) -> str:
    return _POSITIONAL_RE.sub("", para_id)


def _merged_order(sequences: list[list[str]], first: int) -> list[str]:
    """Every id of every version once, each where its version puts it (the reference's order first)."""
    order = list(sequences[first])
    for k, ids in enumerate(sequences):
        if k == first:
            continue
        place = {i: n for n, i in enumerate(order)}
        inserted: list[tuple[int, int, str]] = []  # (after this place, in this order, id)
        last = -1
        for n, i in enumerate(ids):
            if i in place:
                last = place[i]
            else:
                inserted.append((last, n, i))
                place[i] = last  # a later repeat of an id stays where it was first put
        for after, _, i in sorted(inserted, reverse=True):
            order.insert(after + 1, i)
    return _unique(order)


def _unique(ids: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in ids if not (i in seen or seen.add(i))]  # type: ignore[func-returns-value]


def _length_ratio(result: Versions, k: int, donor: int) -> float:
    """How long version ``k`` writes what ``donor`` writes (Chinese is about a third of English in
    characters): the median over the paragraphs both have, which paragraphs run together do not sway."""
    ratios = sorted(
        len(a.text) / len(b.text)
        for row in result.rows
        if (a := row.paragraphs[k]) is not None and (b := row.paragraphs[donor]) is not None
        if len(a.text) >= 20 and len(b.text) >= 20
    )
    return ratios[len(ratios) // 2] if ratios else 1.0


def _gaps(result: Versions, k: int, expected: dict[str, bool], joined: set[tuple[int, str]]) -> list[Discrepancy]:
    """Missing and extra paragraphs of version ``k``, gap by gap between the numbered ids it shares
    (a shared unnumbered paragraph, "u3", is no firm ground: it stays inside the gap)."""
    donor = result.reference if k != result.reference else (1 if k == 0 else 0)
    ratio = _length_ratio(result, k, donor)
    found: list[Discrepancy] = []
    gap = _Gap(None)
    for row in result.rows:
        mine = row.paragraphs[k] is not None
        if mine != expected[row.id]:
            gap.pending.append((mine, row))
        elif mine and _UNNUMBERED_RE.search(row.id):
            gap.shared.append(row)
        elif mine:
            found.extend(gap.close(result, k, donor, ratio, joined))
            gap = _Gap(row)
    found.extend(gap.close(result, k, donor, ratio, joined))
    return found


@dataclass
class _Gap:
    """What lies between two numbered paragraphs a version shares with the others."""

    anchor: Row | None
    shared: list[Row] = field(default_factory=list)  # unnumbered paragraphs both have
    pending: list[tuple[bool, Row]] = field(default_factory=list)  # (extra?, row): missing or extra, in order

    def close(
        self, result: Versions, k: int, donor: int, ratio: float, joined: set[tuple[int, str]]
    ) -> list[Discrepancy]:
        if not self.pending:
            return []
        if self.anchor is None and all(_UNNUMBERED_RE.search(row.id) for _, row in self.pending):
            return []  # the front matter (masthead, title lines) before anything numbered: each version lays it out its own way
        missing = [row for is_extra, row in self.pending if not is_extra]
        extra = [row for is_extra, row in self.pending if is_extra]
        # numbered otherwise between the same neighbours ((a)…(n) for 1…14): paired from the end, so that
        # what is left is next to the anchor, which may hold it
        pairs = min(len(missing), len(extra))
        explained = {row.id for row in missing[len(missing) - pairs :] + extra[len(extra) - pairs :]}
        missing, extra = missing[: len(missing) - pairs], extra[: len(extra) - pairs]
        if missing or extra:
            around = [self.anchor, *self.shared] if self.anchor is not None else self.shared
            mine = sum(_text_length(row, k) for row in [*around, *extra])
            theirs = ratio * sum(_text_length(row, donor) for row in [*around, *missing])
            lost = ratio * sum(_text_length(row, donor) for row in missing)
            added = sum(_text_length(row, k) for row in extra)
            # the same words, cut into paragraphs otherwise: run together (the missing words are in
            # the paragraphs around: they are that much longer), or split (the extra words are not new)
            if missing and extra:
                same = abs(mine - theirs) <= (1 - _ABSORBED) * max(lost, added)
            elif missing:
                same = mine - (theirs - lost) >= _ABSORBED * lost
            else:  # an extra paragraph is a piece of its neighbour only when that neighbour is short of most of it
                same = (theirs - (mine - added)) >= (1 - _ABSORBED) * added
            if same:
                explained.update(row.id for row in [*missing, *extra])
                joined.update((k, row.id) for row in around)
        version = result.versions[k]
        return [
            Discrepancy(
                "extra" if is_extra else "missing",
                row.id,
                version.language,
                f"{'only' if is_extra else 'not'} in the {version.language_name} version",
                k,
            )
            for is_extra, row in self.pending
            if row.id not in explained
        ]


def _text_length(row: Row, version: int) -> int:
    paragraph = row.paragraphs[version]
    return len(paragraph.text) if paragraph is not None else 0


def _compare_row(result: Versions, row: Row, joined: set[tuple[int, str]]) -> list[Discrepancy]:
    """Numbers, footnotes and brackets of one paragraph, each version against the reference (or the first that has it)."""
    base = result.reference if row.paragraphs[result.reference] is not None else None
    if base is None:
        base = next((k for k, p in enumerate(row.paragraphs) if p is not None), None)
    if base is None or (base, row.id) in joined:
        return []
    first = row.paragraphs[base]
    assert first is not None
    base_version = result.versions[base]
    base_numbers = numbers_in(first.text, base_version.language)
    out: list[Discrepancy] = []
    for k, paragraph in enumerate(row.paragraphs):
        if k == base or paragraph is None or (k, row.id) in joined:
            continue
        version = result.versions[k]
        numbers = numbers_in(paragraph.text, version.language)
        if set(numbers) != set(base_numbers):
            out.append(
                Discrepancy(
                    "numbers", row.id, version.language, _numbers_detail(numbers, base_numbers, base_version), k
                )
            )
        if len(paragraph.notes) != len(first.notes):
            out.append(
                Discrepancy(
                    "notes",
                    row.id,
                    version.language,
                    f"{len(paragraph.notes)} footnote(s); {base_version.language_name}: {len(first.notes)}",
                    k,
                )
            )
        brackets, base_brackets = paragraph.text.count("["), first.text.count("[")
        if brackets != base_brackets:
            out.append(
                Discrepancy(
                    "brackets",
                    row.id,
                    version.language,
                    f"{brackets} bracket(s); {base_version.language_name}: {base_brackets}",
                    k,
                )
            )
    return out


def _numbers_detail(numbers: Counter[str], base: Counter[str], base_version: Version) -> str:
    only_here = sorted(set(numbers) - set(base), key=_number_order)
    only_there = sorted(set(base) - set(numbers), key=_number_order)
    parts = []
    if only_here:
        parts.append(", ".join(only_here) + f" not in the {base_version.language_name}")
    if only_there:
        parts.append(f"{base_version.language_name} has " + ", ".join(only_there))
    return "; ".join(parts)


def _number_order(value: str) -> float:
    return float(value)
