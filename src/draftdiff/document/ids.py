"""Second pass: the ids, once the whole document is known.

Subheadings and preambles are found, restarted numbering is qualified by the
container that tells the repeats apart (``Art6.3``, ``AnnexI.2``,
``AnnexVI.Art1``), and only then are the ids written; positional ids
(``12.u1``) count from the paragraph before them.
"""

from __future__ import annotations

import re

from .items import _SCOPE_RANK, _Item, _Option, _Scope
from .languages import agreed_pattern, chapeau_pattern, preamble_words
from .model import Kind, Paragraph
from .numbering import is_positional
from .options import is_bare_option


def _subheadings(items: list[_Item]) -> None:
    """A short title-like numbered line after which the main sequence carries
    on ("1. Opening of the session" inside section A, body paragraphs going
    on from 14 to 15) is a subheading, not a restart of the numbering."""
    numbered = [i for i in items if i.role == "numbered" and i.option is None and not i.named]
    for item in numbered:
        if item.para.kind is Kind.HEADING:
            item.title_like = True  # a bold "1. Opening of the session" is as much a title
    last_main = 0
    for index, item in enumerate(numbered):
        section = item.section_item
        # inside a lettered section, or any section when the number breaks the sequence
        lettered = section is not None and section.role == "heading" and _LETTER_ID_RE.search(section.base)
        breaks = section is not None and item.value != last_main + 1
        if item.title_like and (lettered or breaks):
            following = next((j for j in numbered[index + 1 :] if not j.title_like), None)
            continues = following is not None and (
                following.value == last_main + 1 or following.value > max(last_main, item.value + 1)
            )
            if (
                continues
                and following is not None
                and following.scopes == item.scopes
                and (item.value != last_main + 1 or following.value == item.value)
            ):
                item.role = "subheading"
                item.para.kind = Kind.HEADING
                continue
        last_main = item.value


_LETTER_ID_RE = re.compile(r"(^|\.)[A-Z]$")


def _article_bodies(items: list[_Item]) -> None:
    """An article (a section inside an article, an option) whose body has no
    numbered paragraph: its paragraphs count from 1 (``Art2.1``,
    ``ArtII.Sec1.1``, ``Art2.Opt2.1``), the way a reader would point at them."""
    numbered_in: set[int] = set()
    for i in items:
        if i.role == "numbered":
            if i.option is not None:
                numbered_in.add(id(i.option))
            elif i.scopes:
                numbered_in.add(id(i.scopes[-1]))
    numbered_in.update(_headings_over_numbers(items))
    counters: dict[int, int] = {}
    members: dict[int, list[_Item]] = {}
    latest: dict[int, _Item] = {}  # the body's last paragraph, until a heading comes
    closed: set[int] = set()  # bodies a heading has ended
    proposals: set[int] = set()  # bodies of an article restated in a compilation
    after: dict[int, int] = {}  # comments counted after a body paragraph
    for item in items:
        anchor = item.anchor
        if item.para.kind is Kind.HEADING:
            # "Commentary" after a delegation's proposal: what follows is no part of the proposal
            closed.update(body for body in latest if body in proposals)
            latest.clear()
        if item.role != "positional" or anchor is None:
            continue
        home: _Item | None = anchor
        while home is not None and home.role == "sub":
            home = home.parent  # after a chapeau's (a) … (p), the next chapeau of the same body
        if home is None:
            continue
        if home.role == "article-body":
            if item.para.kind is not Kind.UNNUMBERED:
                continue  # a delegation's name after the chapeau's (a) … (j): a heading, no part of the body
            body = home.body
            anchor = home.anchor  # type: ignore[assignment]
        elif home is not anchor:
            continue
        elif anchor.scope is not None and anchor.scope.counts_body and item.para.kind is Kind.UNNUMBERED:
            body = id(anchor.scope)
        elif (_annex_section(anchor) or _section_heading(anchor)) and item.para.kind is Kind.UNNUMBERED:
            body = id(anchor)  # "2.6 Monitoring …" of an appendix, "B. Definitions": AppendixI.2.6.1, B.1
        elif anchor.restates is not None and anchor.restates.counts_body and item.para.kind is Kind.UNNUMBERED:
            body = id(anchor)  # a delegation's proposal for the article: its own body, counted from 1
            proposals.add(body)
        elif anchor.role == "option" and anchor.option is not None and is_bare_option(anchor.para.text):
            body = id(anchor.option)  # "Option 2:" then "No text": option 2 is that text
        else:
            continue
        if _COMMENT_ON_ARTICLE_RE.match(item.para.text) or _names_own_article(item.para.text, anchor):
            # "Article 54 : il faut …": a comment on the article, not its text; right after
            # a paragraph of the body, it counts from that paragraph ("Art10bis.1.u1")
            last = latest.get(body)
            if last is not None:
                after[id(last)] = after.get(id(last), 0) + 1
                item.anchor, item.count = last, after[id(last)]
            continue
        if body not in numbered_in and body not in closed:
            latest[body] = item
            counters[body] = counters.get(body, 0) + 1
            item.role = "article-body"
            item.count = counters[body]
            item.body = body
            item.anchor = anchor
            members.setdefault(body, []).append(item)
    for group in members.values():
        if len(group) == 1:
            group[0].body_alone = True  # its (a), (b) are the article's: "article 5 (a)"


_ARTICLE_KEY_RE = re.compile(r"^Art(\d{1,3})([a-z]*)$")


def _names_own_article(text: str, anchor: _Item | None) -> bool:
    """ "U.S. is still considering Article 10bis." under article 10 bis: an article's text
    says "this article", never its own number; a line that names it speaks about it."""
    scope = (anchor.scope or anchor.restates) if anchor is not None else None
    m = _ARTICLE_KEY_RE.match(scope.key) if scope is not None and scope.kind == "article" else None
    if m is None or "rt" not in text:
        return False
    return re.search(rf"\bArt(?:icle|\.)?\s*{m[1]}\s?{m[2]}(?![\w(])", text, re.I) is not None


def _article_comments(items: list[_Item]) -> None:
    """ "Article 3 : il doit être intitulé …" under a delegation's name, after another
    delegation's paragraphs: a comment on article 3, counted from the article
    (``Art3.u1``), not from the paragraph another delegation proposed before it."""
    for item in items:
        if item.role != "positional" or item.para.kind is not Kind.UNNUMBERED or not item.scopes:
            continue
        scope = item.scopes[-1]
        m = _ARTICLE_KEY_RE.match(scope.key) if scope.kind == "article" else None
        if m is None or not item.para.text.startswith(("Art", "ART")) or (item.anchor and item.anchor.scope is scope):
            continue
        if re.match(rf"(?:Article|Art\.?)\s*{m[1]}\s?{m[2]}\s*:", item.para.text, re.I):
            item.role = "article-comment"


def _annex_chapeau(item: _Item) -> bool:
    """The first text under an annex's heading, ending on a colon ("[Under this agreement,
    … may include:]"): its (a), (b) are the annex's items, cited "annex II (a)"."""
    anchor = item.anchor
    scope = (anchor.scope or anchor.restates) if anchor is not None and anchor.role == "heading" else None
    return (
        scope is not None
        and scope.kind in _ANNEXES
        and item.role == "positional"
        and item.count == 1
        and item.para.kind is Kind.UNNUMBERED
        and item.para.text.rstrip("]) ").endswith(":")
    )


def _annex_section(item: _Item) -> bool:
    """A numbered section heading of an annex or appendix ("2.6 Monitoring of …")."""
    return (
        item.role in ("numbered", "subheading")
        and item.para.kind is Kind.HEADING
        and bool(item.scopes)
        and item.scopes[-1].kind in _ANNEXES
    )


def _headings_over_numbers(items: list[_Item]) -> set[int]:
    """Numbered section headings of an annex with numbered or named provisions
    under them before the next heading: their unnumbered text is not a body."""
    out: set[int] = set()
    current: _Item | None = None
    for item in items:
        if item.para.kind is Kind.HEADING and item.role in ("numbered", "subheading", "heading"):
            current = item if _annex_section(item) or _section_heading(item) or item.restates is not None else None
        elif current is not None and item.role == "numbered":
            out.add(id(current))
    return out


def _section_heading(item: _Item) -> bool:
    """A lettered or roman section heading ("B. Definitions", "II.A"): not a container of its own."""
    return (
        item.role == "heading"
        and item.scope is None
        and item.restates is None
        and bool(_LETTER_ROMAN_RE.match(item.base))
    )


_LETTER_ROMAN_RE = re.compile(r"^(?:[IVXLC]+|[A-Z])(?:\.(?:[IVXLC]+|[A-Z]))*$")


_AGREED_RE = agreed_pattern()  # "Have agreed to further enhance …", "兹商定如下" close a preamble
_COMMENT_ON_ARTICLE_RE = re.compile(r"^(?:Article|Art\.?)\s+\d{1,3}\w*\s*:", re.I)
_CHAPEAU_RE = chapeau_pattern()  # "The Parties to this Agreement,", "Les Parties au présent Accord," …


def _preamble(items: list[_Item]) -> None:
    """Unnumbered preambular paragraphs after "The General Assembly," (or
    "The States Parties to this Agreement,", or a "Preamble" heading) become
    ``PP1``, ``PP2`` …, as delegations cite them, unless the text numbers its
    own PP paragraphs. A text of several decisions has a preamble in each:
    they are cited with their decision (``Dec6/CMA.3.PP1``)."""
    if any(_pp_series(i.base) == "PP" for i in items):
        return
    runs: list[list[_Item]] = []
    index = 0
    while index < len(items):
        item = items[index]
        start = index + 1
        if _unbracketed(item.para.text).casefold() in _PREAMBLE_HEADINGS and item.para.kind is Kind.HEADING:
            follower = items[start] if start < len(items) else None
            if follower is not None and follower.role == "positional" and _is_chapeau(follower.para.text):
                start += 1  # "Preamble" / "The Parties to this Agreement," / PP1 …
        elif item.role != "positional" or not _is_chapeau(item.para.text):
            index += 1
            continue
        run = _preamble_run(items, start)
        if run:
            runs.append(run)
        index = start + len(run)
    if len(runs) > 1:
        for run in runs:
            for follower in run:
                follower.pp_scope = follower.scopes[-1] if follower.scopes else None


def _preamble_run(items: list[_Item], start: int) -> list[_Item]:
    count = 0
    last: _Item | None = None
    run: list[_Item] = []
    for follower in items[start:]:
        if follower.role == "option":
            continue  # "Option (b)" offered for a preambular paragraph: PP4.Optb
        if follower.role != "positional" or follower.para.kind is not Kind.UNNUMBERED:
            break
        if count == 0 and _is_chapeau(follower.para.text):
            follower.role = "chapeau"  # "Preamble", "Option 2:", then "The Parties to this agreement,": u-counted
            continue
        if count > 0 and (follower.para.text.endswith((":", "：")) or _AGREED_RE.match(follower.para.text)):
            # "Have agreed as follows:" comes after the last preambular paragraph: PP16.u1
            if last is not None and follower.anchor is not last:
                follower.anchor, follower.count = last, 1
            break
        count += 1
        follower.role = "preamble"
        follower.count = count
        last = follower
        run.append(follower)
    return run


def _unbracketed(text: str) -> str:
    return text.strip("[] ")


def _is_chapeau(text: str) -> bool:
    """ "The General Assembly,", "[The Parties to this agreement,]"."""
    return bool(_CHAPEAU_RE.match(_unbracketed(text)))


_PREAMBLE_HEADINGS = preamble_words()  # "Preamble", "Préambule", "序言" … (data/languages.toml)


def _qualifiers(items: list[_Item]) -> dict[int, str]:
    """Qualify repeated numbers by their container, only as far as needed.

    Headings first, by the container that separates most of them, an
    outer one first: an annex's own "Article 1" becomes ``AnnexVI.Art1``, a
    part's "Section 1" ``PartII.Sec1``, while the treaty's articles stay
    ``Art2``. Then paragraphs take the id of their innermost container that
    tells them apart: ``Art6.3`` when every article restarts at 1,
    ``AnnexVI.Art2.1`` inside that annex, ``AnnexI.2`` in an annex to a
    resolution whose own paragraphs stay ``1``, ``2``.
    """
    population: dict[str, int] = {}
    for item in items:
        for scope in item.scopes:
            population[scope.kind] = population.get(scope.kind, 0) + 1
    headings = [i for i in items if i.role == "heading" and i.restates is None]
    numbered = [i for i in items if i.role == "numbered" and i.option is None and not i.named]
    # a provision named by a code or its own series ("PARAM-01", "Tenet1") is cited as printed
    out: dict[int, str] = {id(i): i.base for i in items if i.role == "numbered" and i.named}

    def outer(item: _Item) -> list[_Scope]:
        return [s for s in item.scopes if s is not item.scope]

    # headings: per category, by the rarer container first (an annex rather than the parts)
    promoted: dict[str, set[str]] = {}

    def heading_id(item: _Item) -> str:
        kinds = promoted.get(item.scope.kind if item.scope else "", set())
        if item.scope is not None and item.scope.kind == "section" and item.scope.rank > _SCOPE_RANK["article"]:
            kinds = kinds | {"article"}  # "Article II, Section 1" is cited with its article
        return ".".join([*(s.key for s in outer(item) if s.kind in kinds), item.base])

    articles_per_part = _articles_restart_per_part(headings)

    def choose(group: list[_Item], prefer_rare: bool) -> list[str]:
        """Kinds of container that tell the group apart: for headings, the one
        that separates most of them, then the rarer; for paragraphs the innermost."""
        splits: dict[str, int] = {}
        partial: set[str] = set()  # kinds some members are outside of: "in an annex or not"
        for kind in sorted({s.kind for i in group for s in outer(i)}):  # sorted: ties break the same way every run
            found = [next((s for s in outer(i) if s.kind == kind), None) for i in group]
            if len({id(f) for f in found}) > 1:
                splits[kind] = len({id(f) for f in found})
                if not all(found):
                    partial.add(kind)
        if prefer_rare:
            if all(i.scope is not None and i.scope.kind == "article" for i in group) and not articles_per_part:
                # articles numbered through the whole text: a part never qualifies them
                splits = {k: v for k, v in splits.items() if k not in ("part", "chapter", "section")}
            return sorted(splits, key=lambda k: (-splits[k], k not in partial, _SCOPE_RANK[k], population[k]))
        return sorted(splits, key=lambda k: -_SCOPE_RANK[k])

    _fixpoint(headings, heading_id, lambda g: choose(g, True), promoted, lambda i: i.scope.kind if i.scope else "")
    for item in headings:
        out[id(item)] = heading_id(item)
    for item in headings:
        if item.scope is not None:
            item.scope.final = out[id(item)]  # paragraphs inside take the heading's full id
    for item in items:
        if item.role == "heading" and item.restates is not None:
            out[id(item)] = item.restates.final or item.restates.key  # "Art1", then "Art1#2" once unique

    # paragraphs: by their innermost container that tells them apart
    para_kinds: dict[str, set[str]] = {}
    by_section = _numbered_by_section(numbered)

    def para_id(item: _Item) -> str:
        kinds = para_kinds.get("", set())
        if item.para.kind is Kind.HEADING and item.scopes and item.scopes[-1].kind in _ANNEXES:
            kinds = kinds | _ANNEXES  # "2.3 Network Parameters" of Appendix I: AppendixI.2.3
        if not kinds or not item.scopes:
            return item.base  # most paragraphs of most drafts: no container to cite them with
        if item.base.startswith("Art") and "article" in kinds:
            kinds = kinds - {"article"}  # "Article 55 bis. …" inside article 65's comments: never Art65.Art55bis
        inner = next((s for s in reversed(item.scopes) if s.kind in kinds), None)
        if inner is not None and inner.kind == "article" and id(inner) in by_section:
            inner = item.scopes[-1]  # "Article I, Section 2, paragraph 1": ArtI.Sec2.1, as its unnumbered ones
        return f"{inner.final or inner.key}.{item.base}" if inner is not None else item.base

    _fixpoint(numbered, para_id, lambda g: choose(g, False), para_kinds, lambda i: "")
    if _articles_restart(numbered):
        para_kinds.setdefault("", set()).add("article")  # "article 1, paragraph 3" is Art1.3, always
    for item in numbered:
        out[id(item)] = para_id(item)
    return out


def _numbered_by_section(numbered: list[_Item]) -> set[int]:
    """Articles whose sections each number their paragraphs from 1 ("Section 2" / "1.", "2."):
    those paragraphs are cited with their section. Numbers that run on through an article's
    sections ("Section A" 1, 2, "Section B" 3, 4) are the article's, cited without it."""
    first: dict[int, dict[int | None, int]] = {}  # article -> section (None: outside any) -> first number
    for item in numbered:
        if item.named or not item.value or not item.scopes:
            continue
        article = next((s for s in reversed(item.scopes) if s.kind == "article"), None)
        if article is None:
            continue
        section = item.scopes[-1] if item.scopes[-1].kind == "section" else None
        first.setdefault(id(article), {}).setdefault(id(section) if section is not None else None, item.value)
    return {
        key
        for key, sections in first.items()
        if None not in sections and all(value == 1 for value in sections.values())
    }


def _articles_restart_per_part(headings: list[_Item]) -> bool:
    """Article 1 stands in two parts (or chapters): each numbers its own articles."""
    parts_with_first: set[int] = set()
    for item in headings:
        if item.scope is not None and item.scope.kind == "article" and item.base in ("Art1", "ArtI"):
            outer = next((s for s in reversed(item.scopes) if s.kind in ("part", "chapter")), None)
            parts_with_first.add(id(outer))
    return len(parts_with_first) > 1


def _articles_restart(numbered: list[_Item]) -> bool:
    """Paragraphs start again at 1 (or below a number already used) in some
    article: each article's paragraphs are cited with it, "article 1,
    paragraph 3" is ``Art1.3``. Numbers that run on through the articles are
    cited alone."""
    highest = 0
    seen: set[int] = set()
    for item in numbered:
        if _pp_series(item.base) or item.named or not item.value:
            continue
        article = next((s for s in reversed(item.scopes) if s.kind == "article"), None) if item.scopes else None
        if article is not None and id(article) not in seen:
            seen.add(id(article))
            if item.value == 1 or item.value <= highest:
                return True
        highest = max(highest, item.value)
    return False


def _option_id(option: _Option, final: dict[int, str]) -> str:
    """ "Art11.OptII": the owner's id and the option, as "option II of article 11" is cited."""
    owner = final.get(id(option.owner), "") if option.owner is not None else ""
    body = option.owner
    # "article 19 (a)" (the article's one paragraph), so "article 19, alt. 1 (b)": Art19.Alt1(b)
    article = body.anchor if body is not None and body.role == "article-body" and body.body_alone else None
    if article is not None and article.restates is None:
        owner = final.get(id(article), owner)
    return f"{owner}.{option.word}{option.token}" if owner else f"{option.word}{option.token}"


def _fixpoint(items: list[_Item], make_id, choose, promoted: dict[str, set[str]], category) -> None:
    """Promote container kinds until no two items share an id (or nothing helps)."""
    while True:
        groups: dict[str, list[_Item]] = {}
        for item in items:
            groups.setdefault(make_id(item), []).append(item)
        changed = False
        for group in groups.values():
            if len(group) < 2:
                continue
            categories = {category(i) for i in group}
            for kind in choose(group):
                if any(kind not in promoted.get(c, set()) for c in categories):
                    for c in categories:
                        promoted.setdefault(c, set()).add(kind)
                    changed = True
                    break
            if changed:
                break  # one promotion at a time: it may settle the other groups too
        if not changed:
            return


_ANNEXES = frozenset({"annex", "appendix", "attachment", "schedule"})


def _pp_series(base: str) -> str:
    """ "PP" for PP3, "OP" for OP5, "" for the rest (a code such as "PPI-01" included)."""
    return base[:2] if base[:2] in ("PP", "OP") and base[2:3].isdigit() else ""


def _series_key(item: _Item) -> tuple:
    """One numbering sequence: a container's own, and within it the PP and OP
    series apart from the plain numbers (a decision's preamble restarting at
    PP1 does not restart its paragraphs 1 … 93)."""
    prefix = _pp_series(item.base)
    return (*map(id, item.scopes), prefix)


def _runs(items: list[_Item]) -> None:
    """A number seen before in the same container, coming back at 1: the
    numbering restarted with no heading to say why (a new run)."""
    seen: dict[tuple, set[str]] = {}
    runs: dict[tuple, int] = {}
    for item in items:
        if item.role != "numbered" or item.option is not None or item.named:
            continue
        key = _series_key(item)
        bases = seen.setdefault(key, set())
        if item.base in bases and item.value <= 1:
            runs[key] = runs.get(key, 1) + 1
            bases.clear()
        bases.add(item.base)
        item.run = runs.get(key, 1)


def _shared_after_options(items: list[_Item]) -> None:
    """ "16. Option 1: …" … "Option 7: …", then "16.1", "16.2": numbered only after the
    last of a paragraph's options, and under none before it, they are the paragraph's
    own list, shared by its options (``16.1``, not ``16.Opt7.16.1``)."""
    offered: dict[int, list[_Option]] = {}
    children: dict[int, set[int]] = {}
    for item in items:
        option = item.option
        if option is None or option.owner is None or option.owner.role != "numbered":
            continue
        listed = offered.setdefault(id(option.owner), [])
        if all(o is not option for o in listed):
            listed.append(option)
        if item.role == "numbered":
            children.setdefault(id(option.owner), set()).add(id(option))
    for item in items:
        option = item.option
        if item.role != "numbered" or option is None or option.owner is None:
            continue
        listed = offered.get(id(option.owner), [])
        later = option.token.lower() not in ("1", "i", "a")  # options came before it (the paragraph may hold the first)
        if later and listed and listed[-1] is option and children.get(id(option.owner)) == {id(option)}:
            item.option = None


def assign_ids(items: list[_Item]) -> list[Paragraph]:
    _shared_after_options(items)
    _subheadings(items)
    _runs(items)
    _preamble(items)
    _article_bodies(items)
    _article_comments(items)
    own = _qualifiers(items)
    taken: set[str] = set()
    final: dict[int, str] = {}

    next_suffix: dict[str, int] = {}  # every "pid#k" below it is taken: no scan from 2 each time

    def anchor_id(anchor: _Item) -> str:
        """What counts from an anchor: a restated article counts from the article ("Art1.u1", then "#2")."""
        if anchor.restates is not None:
            return anchor.restates.final or anchor.restates.key
        return final[id(anchor)]

    def unique(pid: str) -> str:
        if pid not in taken:
            return pid
        n = next_suffix.get(pid, 2)
        while f"{pid}#{n}" in taken:
            n += 1
        next_suffix[pid] = n + 1
        return f"{pid}#{n}"

    comments: dict[int, int] = {}  # comments on an article, by its scope
    restarted = _restarted_scopes(items, own)
    run_heading: dict[tuple, _Item | None] = {}
    run_sections: dict[tuple, set[int]] = {}
    for item in items:
        if item.role == "numbered":
            run = (_series_key(item), item.run)
            run_heading.setdefault(run, item.section_item)
            if item.section_item is not None and _section_heading(item.section_item):
                run_sections.setdefault(run, set()).add(id(item.section_item))
    # "A." 1-3, "B." 4-6, "C." 7: numbers that run on through lettered sections are
    # cited alone, not by the heading the run started under
    through = {run for run, sections in run_sections.items() if len(sections) > 1}
    for item in items:
        if item.role == "numbered" and item.list_of is not None:
            pid = f"{final[id(item.list_of)]}.{item.base}"  # "UCPB-05a.1": an item of a coded provision
        elif item.role == "numbered" and item.option is not None:
            pid = f"{_option_id(item.option, final)}.{item.base}"
        elif item.role == "option":
            assert item.option is not None
            pid = _option_id(item.option, final)
        elif item.role in ("numbered", "heading"):
            pid = own[id(item)]
            if (
                item.role == "numbered"
                and not item.named
                and restarted
                and (scopes := _series_key(item)) in restarted
                and (scopes, item.run) not in through
            ):
                # numbering restarts under a heading ("Rule 3", "III.A", "B. Draft decision"):
                # the run is cited by the heading it starts under
                section = run_heading.get((scopes, item.run))
                restated = section is not None and section.restates is not None
                if restated:
                    section = None  # a run under a restated article is a repeat: Art1.3#2
                heading = final.get(id(section)) if section is not None and section.role == "heading" else None
                if heading and not is_positional(heading):
                    pid = f"{heading}.{item.base}"
                elif item.run > 1 and section is None and not restated:
                    pid = f"#{item.run}/{pid}"
        elif item.role == "subheading":
            section = item.section_item
            prefix = final.get(id(section)) if section is not None else None
            if (not prefix or is_positional(prefix)) and item.scopes and item.scopes[-1].kind in _ANNEXES:
                prefix = item.scopes[-1].final or item.scopes[-1].key  # "2.2 Economic Parameters" of Appendix I
            pid = f"{prefix}.{item.base}" if prefix and not is_positional(prefix) else f"{item.base}.h"
        elif item.role == "sub" and item.option is not None:
            pid = _option_id(item.option, final) + item.base
        elif item.role == "sub":
            parent = item.parent
            if parent is not None and parent.role == "article-body" and parent.body_alone and parent.anchor is not None:
                pid = anchor_id(parent.anchor) + item.base  # "article 5 (a)" is Art5(a), a restated one too
            elif (
                parent is not None
                and parent.role == "positional"
                and parent.anchor is not None
                and parent.anchor.role == "option"
                and final[id(parent.anchor)] + item.base not in taken
            ):
                # "Option 5: …", then its chapeau "… in two attachments:", then (a), (b): the option's items
                pid = final[id(parent.anchor)] + item.base
            elif parent is not None and _annex_chapeau(parent):
                assert parent.anchor is not None
                pid = anchor_id(parent.anchor) + item.base  # "annex II (a)": the annex's list, under its chapeau
            else:
                pid = (final[id(parent)] if parent is not None else "") + item.base
        elif item.role == "article-body":
            assert item.anchor is not None
            pid = f"{anchor_id(item.anchor)}.{item.count}"
        elif item.role == "article-comment":
            scope = item.scopes[-1]
            comments[id(scope)] = comments.get(id(scope), 0) + 1
            pid = f"{scope.final or scope.key}.u{comments[id(scope)]}"
        elif item.role == "preamble" and item.pp_scope is not None:
            pid = f"{item.pp_scope.final or item.pp_scope.key}.PP{item.count}"
        elif item.role == "preamble":
            pid = f"PP{item.count}"
        else:
            # "12.u1": the first unnumbered paragraph after 12 ("u1" before any number)
            anchor = anchor_id(item.anchor) if item.anchor is not None else ""
            pid = f"{anchor}.u{item.count}" if anchor else f"u{item.count}"
        pid = unique(pid)
        taken.add(pid)
        final[id(item)] = pid
        item.para.id = pid
    return [item.para for item in items if not item.folded]


def _restarted_scopes(items: list[_Item], own: dict[int, str]) -> set[tuple]:
    """Containers whose numbering restarts without a container heading of its own."""
    seen: dict[str, int] = {}
    out: set[tuple] = set()
    for item in items:
        if item.role != "numbered" or item.option is not None or item.named:
            continue
        pid = own[id(item)]
        if pid in seen and seen[pid] != item.run:
            out.add(_series_key(item))
        seen.setdefault(pid, item.run)
    return out
