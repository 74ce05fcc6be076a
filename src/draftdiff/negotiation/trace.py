"""Watched language through every draft: ``draftdiff trace``.

For each phrase and each draft: the paragraphs that contain it, and those
that contain a *variant* (the phrase with a word inserted, removed or
changed: "regardless of their migration status", "irrespective of migration
status"). Matching ignores case, quote style, hyphens and line breaks, so
"human rights-based" matches "human rights based".

Exact matches come from one multi-pattern pass per draft (an Aho–Corasick
automaton over every phrase); variants are looked for only in paragraphs
that hold most of a phrase's words, by a word-level fuzzy match. The
lineages of ``history`` (aligned without word diffs: only which paragraph
became which is needed) tell a phrase that moved to another paragraph from
one that stayed.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from ..document.model import Draft
from ..normalize import fold_typography
from .history import History

VARIANT_THRESHOLD = 0.75  # word-level similarity of a variant to its phrase
STATUSES = ("kept", "partly dropped", "dropped", "reworded", "added", "moved", "restored", "absent")
LINEAGE_STATUSES = ("kept", "dropped", "reworded", "added", "restored")

_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+")


@dataclass
class Occurrence:
    paragraph: int  # index in its draft
    id: str
    match: str  # exact | variant
    text: str  # the words as they stand in the draft
    sentence: str  # the sentence around them

    def to_json(self) -> dict:
        out = {"id": self.id, "match": self.match}
        if self.match == "variant":
            out["text"] = self.text
        return out


@dataclass
class LineageTrace:
    """The phrase in one paragraph's lineage: "dropped from Art2.2, kept in PP11"."""

    lineage: int  # index in history.lineages
    ids: dict[int, list[str]]  # draft -> ids of the paragraphs that held it there
    status: str  # kept | dropped | reworded | added | restored
    dropped_in: int | None = None  # the draft it was gone from, in this lineage
    latest: list[str] = field(default_factory=list)  # the lineage's ids where the phrase last stood

    def to_json(self, names: list[str]) -> dict:
        return {
            "ids": {names[d]: ids for d, ids in sorted(self.ids.items())},
            "status": self.status,
            "dropped_in": names[self.dropped_in] if self.dropped_in is not None else None,
        }


@dataclass
class PhraseTrace:
    phrase: str
    occurrences: list[list[Occurrence]]  # per draft
    status: str = "kept"
    first: int | None = None  # first draft where it stands as written
    last: int | None = None  # last draft where it stands as written
    dropped_in: int | None = None  # the draft it was gone from (dropped), or lost its wording in (reworded)
    dropped_from: list[str] = field(default_factory=list)  # the ids it stood in just before
    lineages: list[LineageTrace] = field(default_factory=list)  # per paragraph lineage that held it

    def exact(self, d: int) -> list[Occurrence]:
        return [o for o in self.occurrences[d] if o.match == "exact"]

    def present(self, d: int) -> bool:
        return bool(self.occurrences[d])


@dataclass
class Trace:
    history: History
    phrases: list[PhraseTrace]
    threshold: float = VARIANT_THRESHOLD

    def dropped(self, *, allow_variants: bool = False) -> list[PhraseTrace]:
        """Phrases present as written in the first draft and gone from the last
        (or left only as a variant, unless variants are allowed)."""
        last = len(self.history.drafts) - 1
        out = []
        for trace in self.phrases:
            if not trace.exact(0):
                continue
            if not trace.exact(last) and not (allow_variants and trace.present(last)):
                out.append(trace)
        return out

    def to_json(self) -> dict:
        names = self.history.names

        def name(index: int | None) -> str | None:
            return names[index] if index is not None else None

        return {
            "schema": "draftdiff.trace/1",
            "drafts": [
                {"name": n, "label": d.label, "source": str(d.source)}
                for n, d in zip(names, self.history.drafts, strict=True)
            ],
            "threshold": self.threshold,
            "phrases": [
                {
                    "phrase": t.phrase,
                    "status": t.status,
                    "first": name(t.first),
                    "last": name(t.last),
                    "dropped_in": name(t.dropped_in),
                    "dropped_from": t.dropped_from,
                    "occurrences": {
                        names[d]: [o.to_json() for o in found] for d, found in enumerate(t.occurrences) if found
                    },
                    "lineages": [lin.to_json(names) for lin in t.lineages],
                }
                for t in self.phrases
            ],
        }


@dataclass
class TraceView:
    """A trace and how to show it: with each occurrence's sentence, and
    whether a variant left in the last draft counts as kept (for the gate)."""

    trace: Trace
    context: bool = False
    allow_variants: bool = False

    @property
    def failing(self) -> list[PhraseTrace]:
        return self.trace.dropped(allow_variants=self.allow_variants)


def words(text: str) -> list[str]:
    return _WORD_RE.findall(fold_typography(text).lower())


def _spans(text: str) -> list[tuple[int, int]]:
    folded = fold_typography(text).lower()
    if len(folded) != len(text):  # a rare letter whose lower case is longer: no offsets
        return []
    return [m.span() for m in _WORD_RE.finditer(folded)]


class _DraftIndex:
    """One draft's paragraphs as words: a haystack for the automaton, where a
    match starts, and which paragraphs hold each word."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.words = [words(p.text) for p in draft.paragraphs]
        pieces = []
        self.starts = []
        offset = 0
        for tokens in self.words:
            self.starts.append(offset)
            piece = " " + " ".join(tokens) + " \n"
            pieces.append(piece)
            offset += len(piece)
        self.haystack = "".join(pieces)
        self._sets: dict[int, set[str]] = {}
        self.postings: dict[str, set[int]] = defaultdict(set)
        for index, tokens in enumerate(self.words):
            for token in tokens:
                self.postings[token].add(index)

    def word_set(self, paragraph: int) -> set[str]:
        found = self._sets.get(paragraph)
        if found is None:
            found = self._sets[paragraph] = set(self.words[paragraph])
        return found

    def paragraph_at(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def word_position(self, paragraph: int, offset: int) -> int:
        """The index of the word that starts at ``offset`` of the haystack."""
        inside = offset - self.starts[paragraph]
        return self.haystack.count(" ", self.starts[paragraph], self.starts[paragraph] + inside + 1) - 1

    def original(self, paragraph: int, first: int, count: int) -> tuple[str, str]:
        """The words first..first+count as they stand, and their sentence."""
        text = self.draft.paragraphs[paragraph].text
        spans = _spans(text)
        if not spans or first + count > len(spans):
            tokens = self.words[paragraph][first : first + count]
            return " ".join(tokens), text
        start, end = spans[first][0], spans[first + count - 1][1]
        return text[start:end], _sentence(text, start, end)


def _sentence(text: str, start: int, end: int) -> str:
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    left = max(b for b in bounds if b <= start)
    right = min((b for b in bounds if b >= end), default=len(text))
    return text[left:right].strip()


def trace(history: History, phrases: list[str], *, threshold: float = VARIANT_THRESHOLD) -> Trace:
    """Where each phrase stands in every draft of ``history``, and its status."""
    import ahocorasick_rs

    unique = list(dict.fromkeys(p.strip() for p in phrases if p.strip()))
    tokenized = [words(p) for p in unique]
    patterns = [" " + " ".join(t) + " " for t in tokenized]
    # A contiguous NFA is built in time linear in the phrases; the DFA the
    # library picks for a few phrases took 25 s for one periodic phrase of
    # 100,000 characters ("ab ab ab …"), building quadratically.
    automaton = (
        ahocorasick_rs.AhoCorasick(
            [p for p in patterns if p.strip()],
            matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA,
        )
        if any(p.strip() for p in patterns)
        else None
    )
    pattern_index = [k for k, p in enumerate(patterns) if p.strip()]
    results = [PhraseTrace(phrase, [[] for _ in history.drafts]) for phrase in unique]
    for d, draft in enumerate(history.drafts):
        index = _DraftIndex(draft)
        exact: dict[int, set[int]] = defaultdict(set)  # phrase -> paragraphs
        if automaton is not None:
            for found, start, _end in automaton.find_matches_as_indexes(index.haystack, overlapping=True):
                k = pattern_index[found]
                paragraph = index.paragraph_at(start)
                if paragraph in exact[k]:
                    continue
                exact[k].add(paragraph)
                first = index.word_position(paragraph, start + 1)
                text, sentence = index.original(paragraph, first, len(tokenized[k]))
                results[k].occurrences[d].append(
                    Occurrence(paragraph, draft.paragraphs[paragraph].id, "exact", text, sentence)
                )
        for k, tokens in enumerate(tokenized):
            if threshold >= 1 or not tokens:
                continue
            for paragraph, first, count in _variants(index, tokens, exact[k], threshold):
                text, sentence = index.original(paragraph, first, count)
                results[k].occurrences[d].append(
                    Occurrence(paragraph, draft.paragraphs[paragraph].id, "variant", text, sentence)
                )
        for result in results:
            result.occurrences[d].sort(key=lambda o: o.paragraph)
    lineage_of = _lineage_map(history)
    for result in results:
        _status(result, lineage_of, len(history.drafts))
        result.lineages = _per_lineage(result, history, lineage_of)
        if result.status == "kept" and any(lin.status == "dropped" for lin in result.lineages):
            result.status = "partly dropped"  # as check --protect sees it: gone from a paragraph that held it
    return Trace(history, results, threshold)


def _per_lineage(result: PhraseTrace, history: History, lineage_of) -> list[LineageTrace]:
    """The phrase's status in each paragraph lineage that held it, in the order of history's lineages."""
    last = len(history.drafts) - 1
    held: dict[int, dict[int, list[Occurrence]]] = defaultdict(lambda: defaultdict(list))
    for d, found in enumerate(result.occurrences):
        for occurrence in found:
            for k in lineage_of[(d, occurrence.paragraph)]:
                held[k][d].append(occurrence)
    out = []
    for k in sorted(held):
        per = held[k]
        exact = [d for d, found in per.items() if any(o.match == "exact" for o in found)]
        ids = {d: [o.id + ("~" if o.match == "variant" else "") for o in found] for d, found in per.items()}
        latest = ids[max(per)]
        if last not in per:
            status = "dropped"
        elif last not in exact:
            status = "reworded"
        elif min(per) > 0:
            status = "added"
        elif any(d not in exact for d in range(min(exact), last + 1)):
            status = "restored"
        else:
            status = "kept"
        out.append(
            LineageTrace(k, ids, status, dropped_in=max(per) + 1 if status == "dropped" else None, latest=latest)
        )
    # a paragraph split in two shares its past with both pieces: the piece that
    # did not take the phrase did not drop it, the other one carried it on
    carried = {
        (d, o.paragraph)
        for lin in out
        if lin.status != "dropped"
        for d, found in held[lin.lineage].items()
        for o in found
    }
    return [
        lin
        for lin in out
        if lin.status != "dropped"
        or not all((d, o.paragraph) in carried for d, found in held[lin.lineage].items() for o in found)
    ]


def _variants(index: _DraftIndex, tokens: list[str], exact: set[int], threshold: float):
    """(paragraph, first word, word count) of the best variant in each
    candidate paragraph: one holding all the phrase's words but one."""
    distinct = set(tokens)
    needed = min(len(distinct), max(2, len(distinct) - 1))
    # A paragraph that holds all the words but (len - needed) holds one of
    # the (len - needed + 1) rarest: only those paragraphs are looked at.
    rarest = sorted(distinct, key=lambda w: len(index.postings.get(w, ())))[: len(distinct) - needed + 1]
    candidates: set[int] = set()
    for token in rarest:
        candidates |= index.postings.get(token, set())
    n = len(tokens)
    for paragraph in sorted(candidates):
        if paragraph in exact or len(distinct & index.word_set(paragraph)) < needed:
            continue
        para_words = index.words[paragraph]
        best: tuple[float, int, int] | None = None
        # a variant starts and ends on the phrase's words, and keeps at least
        # three words: "human rights" is not a variant of "human rights-based",
        # "regardless of status" is one of "regardless of migration status"
        anchors = [i for i, w in enumerate(para_words) if w in distinct]
        shortest, longest = max(3, n - 1), n + 2
        for a, first in enumerate(anchors):
            # only the ends that make a window of a variant's length: found by
            # bisection, not by walking every anchor of a long paragraph
            lo = bisect.bisect_left(anchors, first + shortest - 1, a)
            hi = bisect.bisect_right(anchors, first + longest - 1, lo)
            for last in anchors[lo:hi]:
                length = last - first + 1
                if 2 * min(n, length) / (n + length) < threshold:
                    continue
                score = Indel.normalized_similarity(tokens, para_words[first : last + 1])
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, first, length)
        if best is not None:
            yield paragraph, best[1], best[2]


def _lineage_map(history: History) -> dict[tuple[int, int], set[int]]:
    out: dict[tuple[int, int], set[int]] = defaultdict(set)
    for k, lineage in enumerate(history.lineages):
        for d, nodes in lineage.nodes.items():
            for i in nodes:
                out[(d, i)].add(k)
    return out


def _status(result: PhraseTrace, lineage_of, count: int) -> None:
    last = count - 1
    written = [d for d in range(count) if result.exact(d)]
    anywhere = [d for d in range(count) if result.present(d)]
    result.first = written[0] if written else None
    result.last = written[-1] if written else None
    if not anywhere:
        result.status = "absent"
        return
    if not result.present(last):
        result.status = "dropped"
        stood = anywhere[-1]
        result.dropped_in = stood + 1
        result.dropped_from = [o.id for o in result.occurrences[stood]]
        return
    if not result.exact(last):
        result.status = "reworded"
        if written:  # where the words as written were lost
            result.dropped_in = written[-1] + 1
            result.dropped_from = [o.id for o in result.exact(written[-1])]
        return
    since = written[0]
    if since > 0:
        result.status = "added"
        return
    if any(not result.exact(d) for d in range(since, count)):
        result.status = "restored"  # gone (or only a variant) in a draft between
        return
    for d in range(since, last):
        before = set().union(*(lineage_of[(d, o.paragraph)] for o in result.exact(d)))
        after = set().union(*(lineage_of[(d + 1, o.paragraph)] for o in result.exact(d + 1)))
        if not before & after:
            result.status = "moved"
            return
    result.status = "kept"
