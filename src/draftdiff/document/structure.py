"""Turn a reader's blocks of text into the paragraphs of a :class:`Draft`.

Every reader (text, DOCX, PDF) ends in the same place: a list of blocks, each
one paragraph as a reader of the page sees it. This module finds their
numbers, headings and sections and gives each a unique, stable id, so that
the three readers agree on what the paragraphs of one draft are.

The work is in three modules: :mod:`.blocks` (what a block looks like),
:mod:`.builder` (first pass: kinds, sections, parents, containers) and
:mod:`.ids` (second pass: the ids, once the whole document is known).

Id rules (documented in the README):

* numbered paragraphs: the canonical number (``42ter``, ``PP3``, ``1.2``);
* sub-paragraphs: parent id + token (``12(a)``, ``12(a)(i)``);
* headings: ``I``, ``II.A`` (letter heading under a roman one), ``Art6``,
  ``AnnexI``, ``Dec7/CMA.3``;
* numbers that restart inside articles, annexes or decisions are qualified
  by that container, only as far as needed: ``Art6.3(a)``, ``AnnexI.2``,
  ``AnnexVI.Art1.2``; numbering that restarts under a plain heading is cited
  by it (``B.12``); with no heading at all, by the run (``#2/1``); a plain
  duplicate gets ``#2``;
* subheadings ("1. Opening of the session" inside section A while the body
  goes on) take their section's id: ``I.A.1``; unnumbered preambular
  paragraphs are ``PP1`` …; an article's unnumbered body counts ``Art2.1``;
* other unnumbered paragraphs and headings: the id of the last numbered
  paragraph and a counter, ``12~1``, ``12~2`` (``~1`` before any number), so
  inserting a paragraph elsewhere leaves them unchanged.
"""

from __future__ import annotations

import re

from ..normalize import clean_text
from .blocks import _SCOPE_RE, Block, is_toc_entry, looks_like_heading, scope_heading
from .builder import _Builder
from .ids import assign_ids
from .languages import Localizer, Relabel, detect, foreign_scope, relevel
from .model import Paragraph
from .numbering import (
    match_heading_number,
    match_para,
)

__all__ = ["Block", "build", "looks_like_heading", "scope_heading"]


_CONTENTS_RE = re.compile(r"^(table of )?contents(\s+page)?$", re.I)


def _mark_contents(blocks: list[Block], texts: list[str]) -> None:
    """A table of contents names the headings that follow; its lines are
    text. It runs from "Contents" to its last dot-leader line. ``texts``:
    each block's cleaned text."""
    for start, text in enumerate(texts):
        if not _CONTENTS_RE.match(text):
            continue
        last, quiet = start, 0
        for index in range(start + 1, len(blocks)):
            if is_toc_entry(texts[index]):
                last, quiet = index, 0
            else:
                quiet += 1
                if quiet > 6:
                    break
        for block in blocks[start + 1 : last + 1]:
            block.toc = True
        return


def build(blocks: list[Block], *, title_from_first: bool = True) -> tuple[str, list[Paragraph]]:
    """Assign ids, kinds and sections. Returns (title, paragraphs).

    The first block is taken as the title when it is an unnumbered
    heading-like line that precedes everything else.
    """
    title = ""
    # each block's text cleaned once: the contents pass and the builder read it too
    cleaned = [(b, clean_text(b.text)) for b in blocks]
    kept = [(b, text) for b, text in cleaned if text or (b.label and clean_text(b.label))]
    blocks = [b for b, _ in kept]
    texts = [text for _, text in kept]
    marked = next((b for b in blocks if b.title), None)
    if title_from_first and blocks and marked is None:
        first = blocks[0]
        text = clean_text(first.text)
        if (
            not first.label
            and first.heading != 0
            and looks_like_heading(text)
            and not match_heading_number(text)
            and not match_para(text)
            and not _SCOPE_RE.match(text)
            and not foreign_scope(text)  # "Статья 1", "第一条": a heading in another language
        ):
            title = text
            blocks, texts = blocks[1:], texts[1:]
    if marked is not None:
        title = clean_text(marked.text)
        if marked is blocks[0]:
            blocks, texts = blocks[1:], texts[1:]
    _mark_contents(blocks, texts)
    relabelled = _read_labels(texts)
    builder = _Builder()
    for block, text in zip(blocks, texts, strict=True):
        builder.add(block, text)
    paragraphs = assign_ids(builder.items)
    _print_labels(paragraphs, relabelled)
    return title, paragraphs


def _read_labels(texts: list[str]) -> list[Relabel]:
    """Another language's labels ("Статья 6", "第六条", "в)") read onto their
    English form in ``texts``, so that a paragraph has the same id in every
    language version. Returns what was rewritten, in order."""
    language = detect(texts)
    if language == "en":
        return []
    localizer = Localizer(language)
    relabelled: list[tuple[int, Relabel]] = []
    for index, text in enumerate(texts):
        found = localizer.relabel(text)
        if found is not None:
            texts[index] = found.text
            relabelled.append((index, found))
    return [found for _, found in relevel(texts, relabelled)]


def _print_labels(paragraphs: list[Paragraph], relabelled: list[Relabel]) -> None:
    """Give back the labels as printed ("Статья 6", not "Article 6"): the
    rewritten blocks come in paragraph order, each one paragraph or none."""
    pending = 0
    for para in paragraphs:
        if pending >= len(relabelled):
            return
        for ahead in range(pending, min(pending + 4, len(relabelled))):
            if relabelled[ahead].english == para.label:
                para.label = relabelled[ahead].printed
                pending = ahead + 1
                break
