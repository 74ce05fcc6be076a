"""Paragraph references as people write them, resolved against a draft's ids.

``15``, ``"42 bis"``, ``"para 38"``, ``"article 6, paragraph 3 (a)"``,
``"Art. 6(3)(a)"``, ``6.3(a)`` and ``Art6.3(a)`` all name the same kind of
thing: a paragraph id of :mod:`draftdiff.document.structure`. :func:`resolve` turns one
reference into the ids it names in a set of drafts, or explains why it cannot.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from ..errors import DraftDiffError
from .numbering import ORDINALS, canonical_id

_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
_PARA_WORD_RE = re.compile(r"^(?:paragraphs?|paras?\.?|pp?\.|§)\s*", re.I)
_ARTICLE_RE = re.compile(
    rf"^(?:article|art\.?)\s*(?P<art>\d{{1,3}}\s*(?:{_ORD})?)\b\s*"
    rf"(?:,?\s*(?:paragraph|para\.?|§)\s*(?P<para>\d{{1,3}}\s*(?:{_ORD})?)\b|\((?P<para2>\d{{1,3}})\))?"
    r"\s*(?P<subs>(?:\(\s*[a-z]{1,4}\s*\)\s*)*)$",
    re.I,
)


# One part of a reference written in words: "article 11", "option II", "Section 1", "paragraph 7 (a)"
_PART_RES: tuple[tuple[str, re.Pattern], ...] = (
    (
        "Art",
        re.compile(
            rf"^(?:article|art\.?)\s*(?P<tok>[IVXLC]+|\d{{1,3}}\s*(?:{_ORD})?)\s*(?P<subs>(?:\(\s*[a-z]{{1,6}}\s*\)\s*)*)$",
            re.I,
        ),
    ),
    ("Sec", re.compile(r"^(?:section|sec\.?)\s*(?P<tok>[IVXLC]+|\d{1,3}|[A-Z])$", re.I)),
    (
        "Opt",
        re.compile(rf"^(?:option|opt\.?)\s*\(?(?P<tok>\d{{1,2}}|[IVX]{{1,4}}|[A-Za-z])\)?\s*(?P<ord>{_ORD})?$", re.I),
    ),
    ("Alt", re.compile(r"^(?:alternative|alt\.?)\s*(?P<tok>\d{1,2}|[A-Za-z])$", re.I)),
    ("Annex", re.compile(r"^annex\s*(?P<tok>[IVXLC]+|\d{1,3}|[A-Z])?$", re.I)),
    ("PP", re.compile(r"^(?:preambular\s+paragraph|pp\.?|PP)\s*(?P<tok>\d{1,3})$", re.I)),
    (
        "",
        re.compile(
            rf"^(?:paragraphs?|paras?\.?|§)?\s*(?P<tok>\d{{1,3}}(?:\.\d{{1,3}})*\s*(?:{_ORD})?)"
            r"\s*(?P<subs>(?:\(\s*[a-z]{1,6}\s*\)\s*)*)$",
            re.I,
        ),
    ),
)


def _worded(text: str) -> str | None:
    """ "article 11, option II, paragraph 7", "paragraph 7 of option II of article 11",
    "Article II, Section 1", "para 2 of Art. 9", "option 2 of paragraph 3": the id,
    outer container first."""
    pieces = re.split(r"\s*,\s*|\s+of\s+(?:the\s+)?", text.strip())
    if len(pieces) < 2:
        return None
    parts: list[str] = []
    for piece in pieces:
        for prefix, pattern in _PART_RES:
            m = pattern.match(piece.strip())
            if m:
                tok = re.sub(r"\s+", "", m["tok"] or "")
                tok = tok if prefix in ("Opt", "Alt") or tok.isupper() else tok.lower()
                extra = (m.groupdict().get("ord") or "").lower() + re.sub(r"\s+", "", m.groupdict().get("subs") or "")
                parts.append(f"{prefix}{tok}{extra.lower()}")
                break
        else:
            return None
    if re.search(r"\bof\b", text):
        parts.reverse()  # "paragraph 7 of option II of article 11": innermost first
    out = parts[0]
    for part in parts[1:]:
        out += part if part.startswith("(") else f".{part}"
    return out


def candidates(reference: str) -> list[str]:
    """The canonical ids a reference may mean, most literal first."""
    text = re.sub(r"\s+", " ", reference.strip())
    out: list[str] = []
    worded = _worded(text)
    if worded:
        out.append(worded)
    text = _PARA_WORD_RE.sub("", text)
    m = _ARTICLE_RE.match(text)
    if m:
        art = "Art" + re.sub(r"\s+", "", m["art"]).lower()
        para = m["para"] or m["para2"]
        subs = re.sub(r"\s+", "", m["subs"] or "").lower()
        out.append(f"{art}.{re.sub(r'[ ]+', '', para).lower()}{subs}" if para else f"{art}{subs}")
    out.append(canonical_id(text))
    out.append(re.sub(r"\s+", "", text))
    if re.match(r"^\d{1,3}\.\d", out[-1]):
        out.append("Art" + out[-1])  # "6.3(a)": article 6, paragraph 3 (a)
    return list(dict.fromkeys(c for c in out if c))


def _unqualified(para_id: str) -> str:
    """``Art6.3(a)`` → ``3(a)``: the number as printed, without its containers."""
    head, paren, tail = para_id.partition("(")
    return head.rsplit(".", 1)[-1].rsplit("/", 1)[-1] + paren + tail


def resolve(reference: str, ids: Iterable[str]) -> list[str]:
    """The ids a reference names. An article or annex heading names itself
    and everything inside it. Raises a :class:`DraftDiffError` that lists
    the nearest ids when the reference names nothing or is ambiguous."""
    known = list(dict.fromkeys(ids))
    by_fold = {i.lower(): i for i in known}
    for candidate in candidates(reference):
        exact = by_fold.get(candidate.lower())
        if exact is not None:
            return [exact, *_inside(exact, known)]
    # "6.3(a)" for Art6.3(a), "3(a)" when only one article has a paragraph 3 (a)
    for candidate in candidates(reference):
        folded = candidate.lower()
        tails = [i for i in known if i.lower().endswith("." + folded) or i.lower().endswith("/" + folded)]
        if not tails:
            tails = [i for i in known if _unqualified(i).lower() == folded and i.lower() != folded]
        if len(tails) == 1:
            return [tails[0], *_inside(tails[0], known)]
        if len(tails) > 1:
            raise DraftDiffError(
                f"paragraph {reference!r} is ambiguous",
                hint="it could be " + ", ".join(tails[:8]) + (" …" if len(tails) > 8 else ""),
            )
    near = difflib.get_close_matches(candidates(reference)[0], known, n=5, cutoff=0.5)
    raise DraftDiffError(
        f"no paragraph {reference!r} in the drafts",
        hint=("nearest: " + ", ".join(near)) if near else "see the ids with: draftdiff parse FILE",
    )


_CONTAINER_RE = re.compile(r"^(?:.*\.)?(?:Art|Annex|Dec|Res|Part|Ch|Sec|App|Opt|Alt)[^.(]*$")


def _inside(container: str, known: list[str]) -> list[str]:
    """Paragraphs inside an article, an annex or a decision: ``Art6`` holds ``Art6.3(a)``."""
    if not _CONTAINER_RE.match(container):
        return []
    return [i for i in known if i.startswith((container + ".", container + "("))]


def resolve_all(references: Iterable[str], ids: Iterable[str]) -> set[str]:
    known = list(ids)
    out: set[str] = set()
    for reference in references:
        out.update(resolve(reference, known))
    return out
