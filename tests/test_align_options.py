"""Drafts rebuilt as options around the old paragraphs (issue 27): a look-alike in another
standing article is no successor, and what sits between the pieces of one paragraph is of it."""

from __future__ import annotations

import draftdiff
from conftest import draft_from_text

_FILLER = [
    "Parties shall cooperate on research into {w} and share the results with one another.",
    "The secretariat shall keep a register of {w} and publish it on its website each year.",
    "Each Party may report on its experience with {w} in its biennial communication.",
]
_WORDS = ["glaciers", "wetlands", "fisheries", "deserts", "mangroves", "aquifers", "savannas", "reefs"]


def _article(number: int, title: str, paragraphs: list[str]) -> str:
    body = "".join(f"{k}. {text}\n\n" for k, text in enumerate(paragraphs, 1))
    return f"Article {number} ({title})\n\n{body}"


def _filler(offset: int) -> list[str]:
    return [_FILLER[k % 3].format(w=_WORDS[(k + offset) % len(_WORDS)]) for k in range(6)]


def _links(comparison) -> set[tuple[str, str]]:
    return {(o, n) for c in comparison.changes for o in c.old_ids for n in c.new_ids}


def test_a_look_alike_in_another_standing_article_is_not_the_successor():
    kept_tech, kept_cb = _filler(0), _filler(3)
    old = _article(7, "technology", kept_tech) + _article(
        8,
        "capacity-building",
        [
            *kept_cb,
            "The capacity-building institutional arrangements established under the Convention shall serve "
            "this Agreement and shall be enhanced.",
        ],
    )
    new = _article(
        7,
        "technology",
        [
            *kept_tech,
            "The Technology Mechanism, as the institutional arrangement for technology established under the "
            "Convention, shall serve this Agreement and shall be strengthened through a technology framework.",
        ],
    ) + _article(
        8,
        "capacity-building",
        [
            *kept_cb,
            "Option 1: The provision of capacity-building shall be enhanced through institutional arrangements "
            "of the Convention, including a Paris committee on capacity-building.",
        ],
    )
    links = _links(draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new")))
    assert ("Art8.7", "Art7.7") not in links
    assert ("Art8.7", "Art8.7") in links


def test_a_paragraph_between_two_pieces_of_one_old_paragraph_is_a_piece_of_it():
    kept = _filler(1)
    old = _article(
        3,
        "mitigation",
        [
            *kept,
            "Each Party's nationally determined contribution shall reflect a progression beyond its previous "
            "efforts and its highest possible ambition, reflecting its common but differentiated responsibilities "
            "and respective capabilities, in the light of different national circumstances.",
        ],
    ) + _article(4, "adaptation", _filler(4))
    new = _article(
        3,
        "mitigation",
        [
            *kept,
            "Each Party's nationally determined contribution shall reflect a progression beyond its previous "
            "efforts, in the light of different national circumstances.",
            "Developed countries should take the lead in the progression of their contributions, reflecting "
            "common but differentiated responsibilities.",
            "Each Party's nationally determined contribution shall reflect its highest possible ambition, "
            "reflecting its respective capabilities.",
        ],
    ) + _article(4, "adaptation", _filler(4))
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new"))
    change = next(c for c in comparison.changes if c.old_ids == ["Art3.7"])
    assert change.new_ids == ["Art3.7", "Art3.8", "Art3.9"], [c.to_json() for c in comparison.changes]
    assert 0 < change.confidence < 1


def test_a_paragraph_offered_again_reworded_in_its_article_joins_its_change():
    kept = _filler(2)
    rules = (
        "The rules and guidance related to accounting that are set forth in decision 1/CP.21, including with "
        "respect to land use, will apply along with any subsequent decisions of the CMA."
    )
    old = _article(3, "mitigation", [*kept, rules]) + _article(4, "adaptation", _filler(5))
    new = _article(
        3,
        "mitigation",
        [
            *kept,
            rules,
            "Option 2: In tracking progress towards their contributions, Parties shall apply the rules and guidance "
            "related to accounting set forth in decision 1/CP.21 and in relevant decisions, including on land use, "
            "taking into account the principles of transparency and accuracy.",
        ],
    ) + _article(4, "adaptation", _filler(5))
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new"))
    change = next(c for c in comparison.changes if c.old_ids == ["Art3.7"])
    assert change.new_ids == ["Art3.7", "Art3.8"], [c.to_json() for c in comparison.changes]
    assert 0 < change.confidence < 1


def test_the_other_items_of_a_paragraph_made_into_a_list_are_pieces_of_it():
    kept = _filler(6)
    old = _article(
        7,
        "technology",
        [
            *kept,
            "All Parties, noting the importance of technology, shall strengthen cooperative action on technology "
            "development and transfer and foster cooperative approaches to research and development.",
        ],
    ) + _article(8, "capacity-building", _filler(1))
    new = _article(
        7,
        "technology",
        [
            *kept,
            "All Parties, noting the importance of technology, shall strengthen cooperative action on technology "
            "development and transfer in order to:\n\n(a) Improve endogenous capacities and enabling "
            "environments;\n\n(b) Address barriers to the transfer of safe technologies;\n\n(c) Foster "
            "cooperative approaches to research and development.",
        ],
    ) + _article(8, "capacity-building", _filler(1))
    comparison = draftdiff.compare(draft_from_text(old, "old"), draft_from_text(new, "new"))
    change = next(c for c in comparison.changes if c.old_ids == ["Art7.7"])
    assert change.new_ids == ["Art7.7", "Art7.7(a)", "Art7.7(b)", "Art7.7(c)"], [
        c.to_json() for c in comparison.changes
    ]
