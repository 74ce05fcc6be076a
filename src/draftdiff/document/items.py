"""The builder's working objects: containers (articles, annexes, sections),
the items whose ids wait for the whole document, the options a draft offers,
and the state the builder's concerns share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import Block, scope_heading
from .model import Kind, Paragraph
from .numbering import LabelMatch, is_positional

_UNREAD = object()  # match_para not yet tried on the text

# Scope headings open a container for restarted numbering. A new heading
# closes the open scopes of its rank and below: an article closes the
# article before it, an annex closes the parts and articles before it.
_SCOPE_RANK = {
    "decision": 0,
    "resolution": 0,
    "annex": 1,
    "appendix": 1,
    "attachment": 1,
    "schedule": 1,
    "part": 2,
    "chapter": 2,
    "section": 3,
    "article": 4,
}
_SCOPE_KEY = {
    "decision": "Dec",
    "resolution": "Res",
    "appendix": "Appendix",
    "chapter": "Ch",
    "section": "Sec",
    "article": "Art",
}


@dataclass(eq=False)
class _Scope:
    kind: str  # "article", "annex" ...
    key: str  # what qualifies the ids inside it: "Art6", "AnnexII", "Dec2/CMA.3"
    rank: float
    final: str = ""  # the heading's id once qualified: "AnnexVI.Art1"
    # an unnumbered body counts from 1 ("Art2.1", "ArtII.Sec1.1"): articles, and sections inside articles
    counts_body: bool = False


def _scope_of(text: str, heading_id: str) -> _Scope | None:
    name = scope_heading(text)
    if not name:
        return None
    first = name.split()[0]
    word = "article" if first.lower() == "art." else first.lower()  # "Art. 34bis Guidance …"
    if heading_id and not is_positional(heading_id):
        key = heading_id
    else:
        key = _SCOPE_KEY.get(word, word.capitalize()) + re.sub(r"\s+", "", name[len(first) :])
    # a resolution among decisions is qualified as they are ("Res1/CMA.3.1" beside "Dec6/CMA.3.1")
    kind = "decision" if word == "resolution" else word
    return _Scope(kind, key, _SCOPE_RANK[word], counts_body=word == "article")


@dataclass(eq=False, slots=True)
class _Item:
    """A paragraph whose id is not known yet: ids depend on the whole document."""

    para: Paragraph
    role: str  # "numbered" | "sub" | "heading" (with its own number) | "positional"
    base: str = ""  # numbered: "42bis"; sub: "(a)"; heading: "II.A", "Art6"
    value: int = 0
    scopes: tuple[_Scope, ...] = ()
    parent: _Item | None = None  # sub: the paragraph it belongs to
    anchor: _Item | None = None  # positional: the paragraph it counts from
    count: int = 0
    run: int = 1  # numbering run, for restarts that no heading names
    scope: _Scope | None = None  # the scope a heading opens
    title_like: bool = False
    section_item: _Item | None = None  # the heading the paragraph sits under
    # option: the option this item stands in ("Art11.OptII.7") or, for an option line, is
    option: _Option | None = None
    parts: tuple[int, ...] = ()  # numbered: 3.1 -> (3, 1), to tell a legal child from a sibling
    body_merged: bool = False  # a titled paragraph has taken its body
    body: int = 0  # article-body: the container whose unnumbered body it counts in
    body_alone: bool = False  # article-body: the only paragraph of that body
    pp_scope: _Scope | None = None  # preamble: the decision it opens, when a text has several
    named: bool = False  # numbered: a code or a series of its own ("PARAM-01", "TENET 1"), cited as printed
    title_block: Block | None = None  # heading: the line its title was taken from
    restates: _Scope | None = None  # heading: the open article it restates (a compilation's proposal)
    folded: bool = False  # numbered: "12. (a) …" printed on one line, a paragraph of its (a) alone
    list_of: _Item | None = None  # numbered: the coded provision whose 1., 2. … it lists ("UCPB-05a.1")


@dataclass(eq=False, slots=True)
class _Option:
    """One option of a series offered for an owner: "Option II" of article 11,
    "Option 2" of paragraph 3. Its id is the owner's id + ``.OptII``."""

    owner: _Item | None  # None: offered at the top of the document
    token: str  # "II", "2", "a"
    word: str = "Opt"  # "Opt" | "Alt"


@dataclass(eq=False, slots=True)
class _Series:
    """Options 1, 2, 3 … offered for one owner, while they last."""

    owner: _Item | None
    style: str  # "digit" | "roman" | "upper" | "lower"
    value: float  # 2 for "Option 2", 1.2 for "Option 1 bis"
    option: _Option
    # the sub-paragraph context when the series opened: "(b)" after the options of "(a)" goes on from it
    context: tuple = ()
    first: _Option | None = None  # the option a paragraph's own text opened with ("7. Alt. 1. …")
    # "Option 1:", "Option 1 bis.:", "Option 1 ter.:" in a row, then 26.1 …: the list is option 1's
    body: _Option | None = None


class _BuilderState:
    """What both concerns read and write while the blocks go by."""

    items: list[_Item]
    section: str
    section_item: _Item | None
    roman_heading: str | None
    last_heading_letter: str | None
    last_heading_roman: int
    scopes: list[_Scope]
    last_value: int
    anchor: _Item | None
    anchor_count: int
    parent: _Item | None
    letter: str | None
    letter_value: int
    roman_value: int
    options: list[_Series]
    sections_in_articles: bool | None
    letters_outer: bool | None
    pending_bracket: str  # "open": "[3. …" kept in the text; "label": "[Article 3ter]"

    def _add(self, role: str, label: str, kind: Kind, text: str, block: Block, close: str = "", **extra) -> _Item:
        raise NotImplementedError

    def _positional(self, label: str, kind: Kind, text: str, block: Block) -> _Item:
        raise NotImplementedError

    def _set_anchor(self, item: _Item) -> None:
        raise NotImplementedError

    def _numbered(
        self, text: str, block: Block, strict: bool, kind: Kind = Kind.NUMBERED, matched: object = _UNREAD
    ) -> bool:
        raise NotImplementedError

    def _sub(self, text: str, block: Block, strict: bool, kind: Kind = Kind.SUBPARAGRAPH) -> bool:
        raise NotImplementedError

    def _open_inline_option(self, item: _Item, rest: str) -> None:
        raise NotImplementedError

    def _restated_alternative(self, m: LabelMatch, block: Block, kind: Kind) -> bool:
        raise NotImplementedError

    def _option_body(self, text: str, block: Block) -> bool:
        raise NotImplementedError

    def _chapeau_joins_option(self) -> None:
        raise NotImplementedError

    def _article_block(self, parts: tuple[int, ...]) -> None:
        raise NotImplementedError

    def _restated_with_title(self, m: LabelMatch, block: Block) -> bool:
        raise NotImplementedError

    def _close_options(self, parts: tuple[int, ...], base: str = "", rest: str = "") -> None:
        raise NotImplementedError
