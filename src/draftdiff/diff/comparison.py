"""The Comparison of two drafts: aligned paragraphs and their word changes.

One Comparison serves every output: the terminal report, JSON, Markdown and
the exports. No writer recomputes it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ..document.model import Comment, Draft, Kind, Paragraph
from .sections import SectionChange, section_changes
from .wording import Edit, Options, WordDiff, diff

SUMMARY_KEYS = ("unchanged", "modified", "added", "deleted", "moved", "renumbered", "split", "merged")


@dataclass(slots=True)  # one per paragraph pair: 10,000 of them in a large comparison
class Change:
    kind: str  # unchanged | modified | added | deleted | split | merged
    old: list[Paragraph]
    new: list[Paragraph]
    moved: bool = False
    renumbered: bool = False
    similarity: float = 1.0
    confidence: float = 1.0  # below 1: a weak link, a rewrite linked by the evidence between matched neighbours
    edits: list[Edit] = field(default_factory=list)
    segments: list[tuple[str, str]] = field(default_factory=list)  # inline diff
    old_equal: list[str] = field(default_factory=list)  # old wording of each equal segment
    # options per option block of the old draft (see diff/brackets.py), when it has any
    option_totals: dict | None = field(default=None, init=False, repr=False, compare=False)
    _brackets: list[dict] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def old_ids(self) -> list[str]:
        return [p.id for p in self.old]

    @property
    def new_ids(self) -> list[str]:
        return [p.id for p in self.new]

    @property
    def old_section(self) -> str:
        return self.old[0].section if self.old else ""

    @property
    def new_section(self) -> str:
        return self.new[0].section if self.new else ""

    @property
    def comments(self) -> list[tuple[str, Comment]]:
        """The reviewers' comments on either side: ("old" | "new", comment)."""
        if not _any_comments(self.old) and not _any_comments(self.new):
            return []  # most paragraphs carry none: asked of every row of every export
        return [("old", c) for p in self.old for c in p.comments] + [("new", c) for p in self.new for c in p.comments]

    @property
    def brackets(self) -> list[dict]:
        """How the brackets and options of its paragraphs were resolved (see diff/brackets.py)."""
        cached = self._brackets
        if cached is None:
            from .brackets import resolutions

            cached = self._brackets = resolutions(self)
        return cached

    @property
    def is_change(self) -> bool:
        """Anything a reader must look at: not a plain unchanged paragraph."""
        return self.kind != "unchanged" or self.moved or self.renumbered

    @property
    def labels(self) -> list[str]:
        """What the report calls it: modified, moved, renumbered ..."""
        out = [self.kind] if self.kind != "unchanged" or not (self.moved or self.renumbered) else []
        if self.moved:
            out.append("moved")
        if self.renumbered:
            out.append("renumbered")
        return out or ["unchanged"]

    @property
    def heading(self) -> str:
        """ "38 → 38", "12 → 12, 12bis", "41 + 42 → 41", "+ 9bis", "17 deleted"."""
        olds = " + ".join(self.old_ids) if self.kind == "merged" else ", ".join(self.old_ids)
        news = ", ".join(self.new_ids)
        if not self.old:
            return news
        if not self.new:
            return olds
        return f"{olds} → {news}"

    def to_json(self) -> dict:
        brackets = self.brackets
        return {
            "kind": self.kind,
            "old": self.old_ids,
            "new": self.new_ids,
            "moved": self.moved,
            "renumbered": self.renumbered,
            "similarity": round(self.similarity, 3),
            **({"confidence": self.confidence} if self.old and self.new else {}),
            "old_section": self.old_section,
            "new_section": self.new_section,
            "edits": [e.to_json() for e in self.edits],
            "comments": [{"side": side, **comment.to_json()} for side, comment in self.comments],
            # "in": the piece of a split that resolved the bracket
            **(
                {"brackets": [{k: b[k] for k in ("resolution", "old", "new", "in") if k in b} for b in brackets]}
                if brackets
                else {}
            ),
        }


@dataclass
class Comparison:
    old: Draft
    new: Draft
    changes: list[Change]
    options: Options = field(default_factory=Options)

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(SUMMARY_KEYS, 0)
        for change in self.changes:
            if change.kind == "unchanged":
                if not (change.moved or change.renumbered):
                    counts["unchanged"] += 1
            else:
                counts[change.kind] += 1
            counts["moved"] += change.moved
            counts["renumbered"] += change.renumbered
        return counts

    @property
    def comments_by_author(self) -> dict[str, dict[str, int]]:
        """How many comments each author left, per draft: {"old": {...}, "new": {...}}."""
        out: dict[str, dict[str, int]] = {"old": {}, "new": {}}
        for change in self.changes:
            for side, comment in change.comments:
                author = comment.author or "(unknown)"
                out[side][author] = out[side].get(author, 0) + 1
        return out

    @property
    def differences(self) -> list[Change]:
        return [c for c in self.changes if c.is_change]

    @functools.cached_property
    def sections(self) -> list[SectionChange]:
        """Articles, sections and annexes paired as units (see diff/sections.py)."""
        links = ((o, n) for c in self.changes for o in c.old for n in c.new)
        return section_changes(self.old.paragraphs, self.new.paragraphs, links)

    def to_json(self) -> dict:
        def side(draft: Draft) -> dict:
            out = {
                "source": str(draft.source),
                "label": draft.label,
                "title": draft.title,
                "paragraphs": len(draft.paragraphs),
            }
            if draft.warnings:
                out["warnings"] = [w.to_json() for w in draft.warnings]
            return out

        return {
            "schema": "draftdiff.compare/1",
            "old": side(self.old),
            "new": side(self.new),
            "options": {"ignore_case": self.options.ignore_case, "ignore_punctuation": self.options.ignore_punctuation},
            "summary": self.summary,
            "comments_by_author": self.comments_by_author,
            "changes": [c.to_json() for c in self.changes],
            "sections": [s.to_json() for s in self.sections],
        }


def _diff_all(texts: list[tuple[str, str]], options: Options) -> list[WordDiff]:
    """The word diff of each (old, new) pair, the second half in a forked child
    when there are many and a second core."""
    from ..execution import ForkedCallFailed, forked_call, worth_a_process

    half = len(texts) // 2
    later = forked_call(_diffs, texts[half:], options) if worth_a_process("word diffs", len(texts)) else None
    if later is None:
        return _diffs(texts, options)
    with later:
        first = _diffs(texts[:half], options)
        try:
            second = later.result()
        except ForkedCallFailed:
            second = _diffs(texts[half:], options)
    return first + second


def _diffs(texts: list[tuple[str, str]], options: Options) -> list[WordDiff]:
    return [diff(old_text, new_text, options) for old_text, new_text in texts]


def _any_comments(paragraphs: list[Paragraph]) -> bool:
    for paragraph in paragraphs:  # noqa: SIM110 - a loop costs a third of any(): asked of every change
        if paragraph.comments:
            return True
    return False


def _same_quickly(a: str, b: str) -> bool:
    """Equal but for white space: no need to diff. (A change of quote style
    still goes through the diff, so a redline can mark just those words.)"""
    return a == b or a.split() == b.split()


def _numbered(para: Paragraph) -> bool:
    return bool(para.label) and para.kind is not Kind.UNNUMBERED


def compare(old: Draft, new: Draft, *, options: Options | None = None, words: bool = True) -> Comparison:
    """Align two drafts and diff the wording of every aligned pair. With
    ``words=False`` the wording is not diffed (a changed pair is "modified"
    without edits): for analyses that need only which paragraph became which."""
    from .align import align  # numpy and rapidfuzz: loaded when a comparison is made

    options = options or Options()
    alignment = align(old, new)
    changes: list[tuple[float, Change]] = []
    new_position: dict[int, int] = {}
    pairs = []
    for match in alignment.matches:
        olds = [old.paragraphs[i] for i in match.old]
        news = [new.paragraphs[j] for j in match.new]
        old_text, new_text = " ".join(p.text for p in olds), " ".join(p.text for p in news)
        same = len(olds) == 1 and len(news) == 1 and _same_quickly(old_text, new_text)
        pairs.append((match, olds, news, old_text, new_text, same))
    # the word diffs first, all together: many of them are shared with a second core
    diffs = iter(_diff_all([(o, n) for _, _, _, o, n, same in pairs if words and not same], options))
    for match, olds, news, old_text, new_text, same in pairs:
        if same:
            # the common case: skip the diff
            word_diff = WordDiff(segments=[("equal", new_text)], old_equal=[old_text])
        elif not words:
            word_diff = WordDiff(segments=[("delete", old_text), ("insert", new_text)])
            word_diff.edits = [Edit("replace", old_text, new_text)]
        else:
            word_diff = next(diffs)
        if len(olds) > 1:
            kind = "merged"
        elif len(news) > 1:
            kind = "split"
        else:
            kind = "modified" if word_diff.edits else "unchanged"
        renumbered = (
            len(olds) == 1 and len(news) == 1 and _numbered(olds[0]) and _numbered(news[0]) and olds[0].id != news[0].id
        )
        change = Change(
            kind=kind,
            old=olds,
            new=news,
            moved=match.moved,
            renumbered=renumbered,
            similarity=match.similarity,
            confidence=match.confidence,
            edits=word_diff.edits if kind != "unchanged" else [],
            segments=word_diff.segments,
            old_equal=word_diff.old_equal,
        )
        for i in match.old:
            new_position[i] = match.new[0]
        changes.append((match.new[0], change))
    for j in alignment.added:
        para = new.paragraphs[j]
        changes.append((j, Change(kind="added", old=[], new=[para], similarity=0.0, segments=[("insert", para.text)])))
    # a deleted paragraph goes after the new position of its nearest matched
    # old predecessor: one pass over the old draft, not a search per deletion
    placed: dict[int, int] = {}
    last = -1
    deleted = set(alignment.deleted)
    for i in range(len(old.paragraphs)):
        if i in deleted:
            placed[i] = last
        elif i in new_position:
            last = new_position[i]
    for i in alignment.deleted:
        position = placed.get(i, -1) + 0.5
        para = old.paragraphs[i]
        changes.append(
            (position, Change(kind="deleted", old=[para], new=[], similarity=0.0, segments=[("delete", para.text)]))
        )
    ordered = [change for _, change in sorted(changes, key=lambda item: item[0])]
    from ..document.brackets import may_open_with_option

    if any(may_open_with_option(p.text) for p in old.paragraphs):
        from .brackets import option_totals

        totals = option_totals(old.paragraphs)
        for change in ordered:
            change.option_totals = totals
    return Comparison(old=old, new=new, changes=ordered, options=options)
