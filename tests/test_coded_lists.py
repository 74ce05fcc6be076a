"""Lists under coded provisions, and lines that go on with a sentence cut by a wrap."""

from __future__ import annotations

from draftdiff.document.structure import build
from draftdiff.readers.text import read_blocks


def _ids(text: str) -> list[str]:
    return [p.id for p in build(read_blocks(text))[1]]


def test_a_list_after_a_coded_provision_is_that_provisions_items():
    text = (
        "Appendix\n\nFEE-01 (y) The fee must not be zero\n\nFEE-02a (x) Changes should account for\n\n"
        "1. The cost of an attack\n\n2. The time for an attack\n\n3. The sizes of the records and\n\n"
        "FEE-03 (x) The prices must be set so that\n\n1. the cost of a large transaction is similar\n\n"
        "2. the cost of a small one is lower\n"
    )
    ids = _ids(text)
    assert ids[ids.index("FEE-01") :] == [
        "FEE-01",
        "FEE-02a",
        "FEE-02a.1",
        "FEE-02a.2",
        "FEE-02a.3",
        "FEE-03",
        "FEE-03.1",
        "FEE-03.2",
    ]


def test_a_label_at_the_start_of_a_wrapped_line_goes_on_with_the_sentence():
    text = (
        "ARTICLE IV. BUDGET\n\nSection 1\n\nBudgets may be amended following the same process as provided in this\n"
        "Section 1.\n\nSection 2\n\nWithdrawals may be made.\n"
    )
    ids = _ids(text)
    assert ids == ["ArtIV", "ArtIV.Sec1", "ArtIV.Sec1.1", "ArtIV.Sec2", "ArtIV.Sec2.1"]


def test_a_numbered_item_after_a_line_ending_and_is_an_item():
    text = "Goals:\n\n1. Keep the chain safe;\n2. Reward the pools; and\n3. Balance the incentives.\n"
    assert _ids(text) == ["u1", "1", "2", "3"]
