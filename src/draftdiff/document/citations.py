"""Paragraph references as people write them, resolved against a draft's ids.

``15``, ``"42 bis"``, ``"para 38"``, ``"article 6, paragraph 3 (a)"``,
``"Art. 6(3)(a)"``, ``6.3(a)`` and ``Art6.3(a)`` all name the same kind of
thing: a paragraph id of :mod:`draftdiff.document.structure`. :func:`resolve` turns one
reference into the ids it names in a set of drafts, or explains why it cannot.
:func:`find_citations` finds the references in free text (a stakeholder's
comment), with another instrument's kept apart (:func:`external_before`,
:func:`external_after`): one grammar for ``--para``, ``refs`` and the library.
"""

from __future__ import annotations

import difflib
import heapq
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import DraftDiffError
from .numbering import ORDINALS, canonical_id

_ORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORD = _ORD  # the ordinals, longest first, as a regex alternation
_PARA_WORD_RE = re.compile(r"^(?:paragraphs?|paras?\.?|pp?\.|§)(?![A-Za-z])\s*", re.I)  # not the "PARA" of "PARAM-04a"
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
            rf"^(?:article|art\.?)\s*(?P<tok>[IVXLC]+|\d{{1,3}})\s*(?P<ord>{_ORD})?\s*(?P<subs>(?:\(\s*[a-z]{{1,6}}\s*\)\s*)*)$",
            re.I,
        ),
    ),
    # "Section 5", "Sec. 5(3)" (its paragraph 3), "§ 5" after an article that has sections
    (
        "Sec",
        re.compile(
            r"^(?:section|sec\.?|§)\s*(?P<tok>[IVXLC]+|\d{1,3}|[A-Z])(?:\s*\((?P<para>\d{1,3})\))?"
            r"\s*(?P<subs>(?:\(\s*[a-z]{1,6}\s*\)\s*)*)$",
            re.I,
        ),
    ),
    (
        "Opt",
        re.compile(rf"^(?:option|opt\.?)\s*\(?(?P<tok>\d{{1,2}}|[IVX]{{1,4}}|[A-Za-z])\)?\s*(?P<ord>{_ORD})?$", re.I),
    ),
    ("Alt", re.compile(r"^(?:alternative|alt\.?)\s*(?P<tok>\d{1,2}|[A-Za-z])$", re.I)),
    ("Annex", re.compile(r"^annex\s*(?P<tok>[IVXLC]+|\d{1,3}|[A-Z])?$", re.I)),
    ("Appendix", re.compile(r"^appendix\s*(?P<tok>[IVXLC]+|\d{1,3}|[A-Z])?$", re.I)),
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


_UNCOMMAED_RE = re.compile(r"(?<=\w)\s+(?=(?:section|sec\.|paragraph|para\.?)\s*\d)", re.I)
# "Art. VII § 5": the section sign after an article names its section (or, where it has none, its paragraph)
_ARTICLE_SIGN_RE = re.compile(r"^((?:article|art\.?)\s*(?:[IVXLC]+|\d{1,3}))\s*,?\s*§\s*", re.I)


def _worded(text: str) -> str | None:
    """ "article 11, option II, paragraph 7", "paragraph 7 of option II of article 11",
    "Article II, Section 1", "para 2 of Art. 9", "option 2 of paragraph 3": the id,
    outer container first."""
    text = _ARTICLE_SIGN_RE.sub(r"\1, Section ", text.strip())
    text = _UNCOMMAED_RE.sub(", ", text)  # "Article 4 section 2" as "Article 4, section 2"
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
                ordinal = (m.groupdict().get("ord") or "").lower()
                subs = re.sub(r"\s+", "", m.groupdict().get("subs") or "").lower()
                if m.groupdict().get("para"):  # "Sec. 5(3)(a)": paragraph 3 (a) of section 5
                    parts += [f"{prefix}{tok}{ordinal}", m["para"] + subs]
                else:
                    parts.append(f"{prefix}{tok}{ordinal}{subs}")
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
        if ".Sec" in worded and ("§" in text or worded.startswith(("Appendix", "Annex"))):
            # "Appendix I, Section 3" where the appendix numbers its sections "3.", and
            # "Art. 6 § 2" where the article has paragraphs, not sections ("Article 8, Section 3" is a section)
            out.append(re.sub(r"\.Sec(?=[\dIVXLC])", ".", worded))
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
    near = nearest_ids(candidates(reference)[0], known)
    raise DraftDiffError(
        f"no paragraph {reference!r} in the drafts",
        hint=("nearest: " + ", ".join(near)) if near else "see the ids with: draftdiff parse FILE",
    )


_NUMBERED_RE = re.compile(r"^(?P<head>.*?)(?P<number>\d+)(?P<tail>[A-Za-z]*(?:\(.*)?)$")


def nearest_ids(wanted: str, known: list[str], count: int = 5) -> list[str]:
    """The ids a reader most likely meant: for a number, its neighbours in the same
    container ("23" → 23bis, 22, 24, 21 …, not 3, 2, 53), then those spelled alike."""
    near: list[str] = []
    far: list[str] = []  # numbers more than ten away: after the ids spelled alike ("99" → 9 before 54)
    m = _NUMBERED_RE.match(wanted)
    if m:
        head, number, tail = m["head"].lower(), int(m["number"]), m["tail"].lower()
        scored = []
        for candidate in known:
            c = _NUMBERED_RE.match(candidate)
            if c and c["head"].lower() == head and candidate.lower() != wanted.lower():
                distance = abs(int(c["number"]) - number) + (0.5 if c["tail"].lower() != tail else 0.0)
                scored.append((distance, int(c["number"]), candidate))
        near = [candidate for distance, _, candidate in sorted(scored) if distance <= 10][:count]
        far = [candidate for distance, _, candidate in sorted(scored) if distance > 10]
    alike = difflib.get_close_matches(wanted, known, n=count, cutoff=0.5)
    for candidate in alike + far:
        if len(near) < count and candidate not in near:
            near.append(candidate)
    return near


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


# -- the forms of a citation in free text ---------------------------------------------------

_IN_TEXT_ID = (
    # "42 bis", "12(a)(ii)", and legal numbers "4.9", "5.1 bis" (a digit after the point: never a full stop)
    rf"(?:\d{{1,4}}(?:\.\d{{1,3}})*(?:[ \u00a0]?[-.]?[ \u00a0]?(?:{_ORD})(?![a-z]))?"
    rf"(?:[ \u00a0]?\((?:[a-z]{{1,4}}|[ivxl]{{1,6}})\))*)"
)
_IN_TEXT_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_IN_TEXT_RANGE = r"\s*(?:to|through|–|—|-)\s*"
MAX_LISTED = 500  # numbers one "paras" introduces: no real list is longer, and a reference stays small
_IN_TEXT_REFERENCE_RE = re.compile(
    rf"(?P<keyword>\b(?:paragraphs?|paras?)\.?|§§?|\bpp\.|\b(?:OP|PP)(?=\s?\d))\s*"
    rf"(?P<list>{_IN_TEXT_ID}(?:(?:{_IN_TEXT_RANGE}|{_IN_TEXT_JOIN}){_IN_TEXT_ID}){{0,{MAX_LISTED - 1}}})(?:'s)?",
    re.I,
)
_IN_TEXT_SUBS = r"(?:\s?\((?:[a-z]{1,4}|[ivxl]{1,6})\))*"
_IN_TEXT_ART = rf"\b(?:article|art\.?)\s*(?P<art>\d{{1,3}}(?:[ \u00a0]?(?:{_ORD})(?![a-z]))?)"
# an article's paragraph, however it is written: "article 6, paragraph 3 (a)", "Art. 6(3)(a)",
# "Art 10.1", "Art. 2(1)(a)"; and in words, "para 2 of Art. 9"
_IN_TEXT_ARTICLE_RE = re.compile(
    rf"{_IN_TEXT_ART}(?:,?\s+(?:paragraph|para\.?)\s+(?P<para>{_IN_TEXT_ID})|\((?P<para2>\d{{1,3}})\)(?P<subs2>{_IN_TEXT_SUBS})"
    rf"|\.(?P<para3>\d{{1,3}})(?P<subs3>{_IN_TEXT_SUBS}))"
    rf"|\b(?:paragraph|paras?\.?|§)\s*(?P<para4>{_IN_TEXT_ID})\s+of\s+(?:the\s+)?(?:article|art\.?)\s*(?P<art4>\d{{1,3}})\b",
    re.I,
)
_IN_TEXT_ARTICLE_ONLY_RE = re.compile(rf"{_IN_TEXT_ART}\b(?!,?\s+paragraph|\s*\(\d|\.\d)", re.I)
_IN_TEXT_FAMILY_RE = re.compile(
    rf"(?:\b(?:several|some|all|each|any) of\s+)?\bthe\s+(?P<num>\d{{1,4}})s\b"
    rf"|\b(?P<num2>\d{{1,4}})\s+and\s+its\s+(?:{_ORD})(?:\s*/\s*(?:{_ORD}))*\s+paragraphs?",
    re.I,
)
_IN_TEXT_BARE_ORDINAL_RE = re.compile(rf"(?<![\w/.])\d{{1,4}}[ \u00a0]?-?(?:{_ORD})(?![a-z])", re.I)
_IN_TEXT_EXTERNAL_RE = re.compile(
    r"(?P<doc>\bGC[MR]\b|\bSDGs?\b(?:\s+target)?|\bAgenda\s+2030\b|\b(?:General Assembly\s+)?resolution\s+\d{1,3}/\d{1,4}\b"
    r"|\bA/RES/\d{1,3}/\d{1,4}\b|(?<![\w/])\d{2,3}/\d{1,4}(?![\w/])|\bdecision\s+\d+/(?:CP|CMA|CMP)\.\d+\b)",
    re.I,
)
_IN_TEXT_EXTERNAL_ITEM_RE = re.compile(r"\b(?:SDG\s+)?target\s+\d{1,2}\.\w{1,2}\b|\bobjective\s+\d{1,2}\b", re.I)
# articles in sections, and appendices, as constitutions and charters are cited: "Article III,
# Section 5, paragraph 2", "Art. III, Sec. 5(3)", "Art. VII § 5", "Art. VI, Sec. 1 and Sec. 2",
# "Section 3 of Article VIII", "Article IV", "Appendix I, Section 3"
# spaces are read possessively (\s*+): a long run of them is never re-split, so one pass
_ITEMS = r"(?:\s?\((?:[a-z]{1,4}|[ivxl]{1,6})\))*"  # "(a)", "(a)(ii)" after a number
_SECTIONED = rf"(?i:section|sec\.?|§)\s*\d{{1,3}}(?:\s?\(\d{{1,3}}\))?{_ITEMS}"
_ROMAN_ARTICLE = rf"[IVXLC]+(?:[ \u00a0](?:{_ORD}))?\b"  # "Article V bis"
_IN_TEXT_WORDED_RE = re.compile(
    # an article (roman, or numbered and followed by its section) with its section and paragraph
    rf"\b(?P<head>(?i:article|art\.?)\s*(?:{_ROMAN_ARTICLE}|\d{{1,3}}(?=\s*+,?\s*+(?i:section|sec\.?|§)))"
    rf"(?P<inner>(?:\s*+,?\s*+{_SECTIONED})?(?:\s*+,?\s*+(?i:paragraph|para\.?)\s*\d{{1,3}}{_ITEMS})?))"
    rf"(?P<more>(?:{_IN_TEXT_JOIN}{_SECTIONED})*)"
    rf"|\b(?i:section|sec\.?)\s*\d{{1,3}}\s+of\s+(?:the\s+)?(?i:article|art\.?)\s*(?:{_ROMAN_ARTICLE}|\d{{1,3}}\b)"
    # an annex or appendix, with its section or paragraph; never "Annex I Parties", "non-Annex I"
    rf"|(?<![\w-])(?i:appendix|annex)\s+(?:[IVXLC]+\b|\d{{1,2}}\b|[A-Z]\b)(?!\s+(?:Part(?:y|ies)|countr))"
    rf"(?:\s*,\s*(?i:section|sec\.?|paragraph|para\.?|article|art\.?)\s*\d{{1,3}}(?:\.\d{{1,3}})?{_ITEMS})?"
)
_SECTIONED_RE = re.compile(_SECTIONED)
# provisions named by a code or a word and a number: "PARAM-04a", "TREASURY-02", "TENET 5",
# "Tenets 8 and 9"; read as references only where the draft has such an id ("COVID-19" is not one)
# (a code starts a chain of letters only where it begins: "AB-AB-AB-…" is read once, not from each "AB")
_IN_TEXT_CODE_RE = re.compile(r"(?<![A-Za-z0-9-])[A-Z]{2,}(?:-[A-Z]{2,})*-\d{2,3}[a-z]?\b")
_IN_TEXT_NAMED_RE = re.compile(
    r"\b(?P<word>[A-Z][A-Za-z]{2,})\s+(?P<list>\d{1,3}(?:(?:\s*,\s*|\s+(?:and|or|&)\s+)\d{1,3})*)\b(?![./\-]\d)"
)
_NOT_NAMES = frozenset(
    [
        "article",
        "articles",
        "art",
        "section",
        "sections",
        "sec",
        "paragraph",
        "paragraphs",
        "para",
        "paras",
        "annex",
        "annexes",
        "appendix",
        "option",
        "options",
        "alt",
        "alternative",
        "alternatives",
        "decision",
        "decisions",
        "resolution",
        "resolutions",
        "part",
        "parts",
        "chapter",
        "chapters",
        "rev",
        "revision",
        "draft",
        "version",
        "page",
        "pages",
        "line",
        "lines",
        "step",
        "steps",
    ]
)
# kinds of part that are a reference only where the draft has the id: a code, a word and a number, and
# a bare roman article ("Article IV of the GATT" on a draft with no article IV is no reference to it)
SOFT_PARTS = frozenset({"code", "named", "roman"})


# -- recognising references -----------------------------------------------------------------


@dataclass
class Citation:
    start: int
    end: int
    text: str
    parts: list[
        tuple[str, str]
    ]  # (kind, value): ("id", "42 bis"), ("range", "12|14"), ("family", "43"), ("article", "6|3(a)"),
    # ("worded", "Article III, Section 5"), ("roman", "Article IV"), ("code", "PARAM-04a"), ("named", "Tenet|5")


def find_citations(text: str, limit: int | None = None) -> list[Citation]:
    """Every span of a text (a stakeholder's comment) that cites paragraphs, in
    order, with what it cites: ids, ranges, families, an article's paragraph,
    or another instrument's item. The same forms ``resolve`` reads.

    With ``limit``, the first ``limit + 1`` spans at most (so a caller can tell
    that there were more), each pattern read only as far as it needs to: a
    50 MB comment citing "para 38" millions of times costs no more than a short one."""
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []  # spans kept so far, in order of start, none overlapping
    wanted = None if limit is None else limit + 1

    def keep(pattern: re.Pattern[str], make: Callable[[re.Match[str]], Citation | None]) -> None:
        """The pattern's matches that overlap no span kept so far, kept: one walk
        over the spans in order (a pattern's matches come in order), not one per
        match. A pattern's matches do not overlap each other, so past its
        (wanted)th kept match nothing it or a later pattern finds can rank
        among the first (wanted): the pass stops there."""
        nonlocal taken
        kept: list[tuple[int, int]] = []
        k = 0
        for m in pattern.finditer(text):
            if wanted is not None and len(kept) == wanted:
                break
            start, end = m.span()
            while k < len(taken) and taken[k][1] <= start:
                k += 1
            if k < len(taken) and taken[k][0] < end:
                continue
            citation = make(m)
            if citation is None:
                continue  # "Annex I Parties", "Figure 3": the words of a reference, not one
            found.append(citation)
            kept.append((start, end))
        if kept:
            taken = list(heapq.merge(taken, kept))

    def article(m: re.Match[str]) -> Citation:
        art = m["art"] or m["art4"]
        para = m["para"] or m["para4"] or (m["para2"] and m["para2"] + m["subs2"]) or (m["para3"] + m["subs3"])
        return Citation(m.start(), m.end(), m.group(), [("article", f"{art}|{para}")])

    def listed(m: re.Match[str]) -> Citation:
        keyword = m["keyword"]
        # "pp. 6", "PP 6": a preambular paragraph; "OP5": an operative one (numbered plainly)
        prefix = "OP" if keyword.upper() == "OP" else "PP" if keyword.upper().rstrip(".") == "PP" else ""
        return Citation(m.start(), m.end(), m.group(), _list_parts(m["list"], prefix))

    def worded(m: re.Match[str]) -> Citation | None:
        head = m["head"]
        if head is None:
            return Citation(m.start(), m.end(), m.group(), [("worded", m.group())])
        if not m["inner"].strip():
            # "Article IV" alone: a capital "Article", and a reference only where the draft has it
            return Citation(m.start(), m.end(), m.group(), [("roman", head)]) if head[:1] == "A" else None
        article_part = head[: len(head) - len(m["inner"])].rstrip(" ,")
        listed = _SECTIONED_RE.findall(m["more"] or "")[: MAX_LISTED - 1]  # as long a list as "paras" reads
        parts = [("worded", head), *(("worded", f"{article_part}, {s}") for s in listed)]
        return Citation(m.start(), m.end(), m.group(), parts)

    def named(m: re.Match[str]) -> Citation | None:
        word = m["word"]
        if word.lower() in _NOT_NAMES or word.lower().rstrip("s") in _NOT_NAMES:
            return None
        numbers = re.findall(r"\d{1,3}", m["list"])
        return Citation(m.start(), m.end(), m.group(), [("named", f"{word}|{n}") for n in numbers])

    keep(_IN_TEXT_WORDED_RE, worded)
    keep(_IN_TEXT_ARTICLE_RE, article)
    keep(_IN_TEXT_ARTICLE_ONLY_RE, lambda m: Citation(m.start(), m.end(), m.group(), [("article", f"{m['art']}|")]))
    keep(_IN_TEXT_REFERENCE_RE, listed)
    keep(
        _IN_TEXT_FAMILY_RE,
        lambda m: Citation(m.start(), m.end(), m.group(), [("family", m["num"] or m["num2"])]),
    )
    keep(_IN_TEXT_BARE_ORDINAL_RE, lambda m: Citation(m.start(), m.end(), m.group(), [("id", m.group())]))
    keep(_IN_TEXT_EXTERNAL_ITEM_RE, lambda m: Citation(m.start(), m.end(), m.group(), [("external", m.group())]))
    keep(_IN_TEXT_CODE_RE, lambda m: Citation(m.start(), m.end(), m.group(), [("code", m.group())]))
    keep(_IN_TEXT_NAMED_RE, named)
    ordered = sorted(found, key=lambda f: f.start)
    return ordered if wanted is None else ordered[:wanted]


_IN_TEXT_ID_RE = re.compile(_IN_TEXT_ID, re.I)


def _list_parts(listing: str, prefix: str) -> list[tuple[str, str]]:
    """ "10, 21, 23 and 42-ter" -> ids; "12 to 14", "12–14" -> a range. The
    ids are found first, so the hyphen of "42-ter" is never a range."""
    found = list(_IN_TEXT_ID_RE.finditer(listing))
    parts: list[tuple[str, str]] = []
    k = 0
    while k < len(found):
        item = found[k].group().strip()
        if k + 1 < len(found):
            glue = listing[found[k].end() : found[k + 1].start()]
            if re.fullmatch(_IN_TEXT_RANGE, glue):
                parts.append(("range", f"{prefix}{item}|{prefix}{found[k + 1].group().strip()}"))
                k += 2
                continue
        parts.append(("id", f"{prefix}{item}"))
        k += 1
    return parts


_IN_TEXT_EXTERNAL_AFTER_RE = re.compile(
    r"\s*,?\s*(?:of|in|from)\s+(?:the\s+)?(?P<doc>GC[MR]\b|decision\s+\d+/(?:CP|CMA|CMP)\.\d+|"
    r"(?:General Assembly\s+)?resolution\s+\d{1,3}/\d{1,4}|A/RES/\d{1,3}/\d{1,4}|\d{2,3}/\d{1,4}(?![\w/])|"
    r"(?:the\s+)?(?:Charter|Convention|Agenda\s+2030|2030\s+Agenda|Paris\s+Agreement|Global\s+Compact))",
    re.I,
)


def external_after(text: str, end: int) -> str:
    """The other document a reference is to, named just after it ("OP2 of
    decision 1/CP.21", "paragraph 4 of resolution 73/195")."""
    m = _IN_TEXT_EXTERNAL_AFTER_RE.match(text, end)
    return m["doc"] if m else ""


def external_before(text: str, start: int) -> str:
    """The other document a reference is to, when one is named just before it
    ("GCM, para 15(g)", "76/141, OP31", "resolution 73/195, paragraph 4")."""
    window = text[max(0, start - 40) : start]
    for boundary in (". ", ";", "+", "[", "\n", " and ", " while ", " but "):
        cut = window.rfind(boundary)
        if cut >= 0:
            window = window[cut + len(boundary) :]
    found = list(_IN_TEXT_EXTERNAL_RE.finditer(window))
    if not found:
        return ""
    match = found[-1]
    between = window[match.end() :]
    return match["doc"] if re.fullmatch(r"[\s,:]*(?:,\s*)?", between) else ""
