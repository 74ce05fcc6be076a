"""The PDF reader: samples (both engines), UN resolutions, layout corpus, bad input."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from conftest import DRAFT_NAMES, REPO, SAMPLES, corpus_dir
from draftdiff import Kind, ReadOptions, load
from draftdiff.errors import InputError
from draftdiff.readers.pdf import Layout, _join_lines
from draftdiff.readers.pdf_engines import Extracted, Line, PageText

ENGINES = ["pdfium", "pdfplumber"]
FIXTURES = REPO / "tests" / "fixtures"


def view(draft) -> list[tuple]:
    return [(p.id, p.kind.value, p.label, p.text, p.section, [(n.marker, n.text) for n in p.notes]) for p in draft]


def pdf(path, engine="pdfium", **options):
    return load(path, options=ReadOptions(pdf_engine=engine, **options))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", DRAFT_NAMES)
def test_sample_pdf_parses_exactly_like_its_text_source(name, engine):
    got, expected = pdf(SAMPLES / f"{name}.pdf", engine), load(SAMPLES / f"{name}.txt")
    assert got.format == "pdf"
    assert got.title == expected.title
    assert view(got) == view(expected)
    pages = [p.location.page for p in got]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 3


def test_sample_pdf_headers_footers_and_footnotes_are_out_of_the_text():
    draft = pdf(SAMPLES / "rev2.pdf")
    for para in draft:
        assert "MRF/2030/PD" not in para.text
        assert not re.search(r"\b(84/210|70/1)\b", para.text)
    assert [n.text for n in draft.get("1").notes] == ["General Assembly resolution 84/210, annex."]


# -- real UN General Assembly resolutions ----------------------------------------

UN = {
    "GateNLP-UNGA__A_RES_73_3-EN.pdf": (53, "Reaffirm the 2030 Agenda for Sustainable Development"),
    "GateNLP-UNGA__A_RES_73_6-EN.pdf": (14, "Notes with appreciation that the preparatory process"),
    "GateNLP-UNGA__A_RES_73_7-EN.pdf": (28, None),
    "GateNLP-UNGA__A_RES_73_8-EN.pdf": (5, "Takes note of the report of the Secretary-General"),
}
FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|^A/RES/73/\d+$|^\d+/\d+$|\*\d{6,}\*|Distr\.:")


# pdfplumber, the slow reference engine, reads the shortest one; the engine
# comparison over the corpus is measured in benchmarks/corpus_accuracy.py.
@pytest.mark.parametrize(
    ("name", "engine"),
    [(name, "pdfium") for name in sorted(UN)] + [("GateNLP-UNGA__A_RES_73_8-EN.pdf", "pdfplumber")],
)
def test_un_resolutions(name, engine):
    count, first = UN[name]
    draft = pdf(corpus_dir("pdf_un") / name, engine)
    numbered = [p for p in draft if p.kind is Kind.NUMBERED]
    assert [p.id for p in numbered] == [str(i) for i in range(1, count + 1)]
    if first:
        assert draft.get("1").text.startswith(first)
    for para in draft:
        assert not FURNITURE.search(para.text), para.text[:80]
        assert "\n" not in para.text
    assert any(p.text.startswith("The General Assembly") and len(p.text) < 25 for p in draft)


def test_un_resolution_footnotes_attach_to_their_paragraphs():
    draft = pdf(corpus_dir("pdf_un") / "GateNLP-UNGA__A_RES_73_6-EN.pdf")
    notes = {n.marker: (p.text, n.text) for p in draft for n in p.notes}
    assert sorted(notes, key=int) == ["1", "2", "3", "4", "5", "6"]
    assert notes["1"][1] == "See A/AC.105/1137."
    assert notes["2"][1] == "Resolution 70/1." and "Sendai Framework" in notes["2"][0]
    assert "2015–2030 and" in notes["3"][0]  # the superscript 3 is gone from "2015–20303"


@pytest.mark.parametrize("engine", ENGINES)
def test_two_column_paper_is_read_column_by_column(engine):
    draft = pdf(corpus_dir("pdf_corpus") / "pdfminer.six__naacl06-shinyama.pdf", engine)
    texts = [p.text for p in draft]
    abstract = next(t for t in texts if t.startswith("We are trying to extend the boundary of"))
    assert "Information Extraction (IE) systems. Existing IE systems require a lot of time" in abstract
    background = next(t for t in texts if t.startswith("Every day, a large number of news articles are created"))
    assert "certain types of events" in background


@pytest.mark.parametrize("engine", ENGINES)
def test_margin_line_numbers_are_removed(engine):
    draft = pdf(corpus_dir("pdf_corpus") / "pdfplumber__scotus-transcript-p1.pdf", engine)
    text = " ".join(p.text for p in draft)
    assert "IN THE SUPREME COURT OF THE UNITED STATES" in text
    assert "The above-entitled matter came on for oral argument before the Supreme Court" in text
    assert not re.search(r"\b1 IN THE\b|\b13 argument\b|\b12 The above", text)


def test_owner_password_only_pdf_simply_opens():
    draft = pdf(corpus_dir("pdf_corpus") / "pdfminer.six__dmca.pdf")
    assert len(draft) > 50
    assert view(pdf(FIXTURES / "zero-owner-password.pdf")) == view(load(SAMPLES / "zero.txt"))


@pytest.mark.parametrize("engine", ENGINES)
def test_every_corpus_pdf_reads_without_error(engine):
    folder = corpus_dir("pdf_corpus")
    for path in sorted(folder.glob("*.pdf")):
        if engine == "pdfplumber" and path.stat().st_size > 100_000:
            continue  # slow engine: the small files are enough
        assert len(pdf(path, engine)) > 0, path.name


# -- bad input -----------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_encrypted_pdf_asks_for_its_password(engine):
    path = FIXTURES / "zero-user-password.pdf"
    with pytest.raises(InputError, match=r"is encrypted \(give its password with --password\)"):
        pdf(path, engine)
    with pytest.raises(InputError, match="password is wrong"):
        pdf(path, engine, password="guess")
    assert view(pdf(path, engine, password="delegate")) == view(load(SAMPLES / "zero.txt"))


def _blank_pages(tmp_path, with_text: bool):
    out = pdfium.PdfDocument.new()
    if with_text:
        out.import_pages(pdfium.PdfDocument(SAMPLES / "zero.pdf"), [0])
    out.new_page(595, 842)
    out.new_page(595, 842)
    path = tmp_path / "scan.pdf"
    out.save(path)
    return path


def test_scanned_pdf_names_the_pages_and_suggests_ocr(tmp_path):
    with pytest.raises(InputError, match=r"no text layer \(pages 1-2\).*OCR"):
        pdf(_blank_pages(tmp_path, with_text=False))


def test_blank_pages_beside_text_are_read_as_blank(tmp_path):
    # nothing is drawn on pages 2-3: no scan to OCR (scanned pages: test_ocr.py)
    draft = pdf(_blank_pages(tmp_path, with_text=True))
    assert draft.get("1") is not None
    assert not any("scanned" in str(w) for w in draft.warnings)


def test_truncated_and_fake_pdfs_are_refused(tmp_path):
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes((SAMPLES / "zero.pdf").read_bytes()[:20000])
    with pytest.raises(InputError, match="truncated"):
        pdf(truncated)
    fake = tmp_path / "fake.pdf"
    fake.write_text("1. Not a PDF at all.\n", encoding="utf-8")
    with pytest.raises(InputError, match="is not a PDF file"):
        pdf(fake)


def test_a_damaged_page_is_skipped_with_a_warning(tmp_path, monkeypatch):
    original = pdfium.PdfDocument.__getitem__

    def broken(self, index):
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page")
        return original(self, index)

    monkeypatch.setattr(pdfium.PdfDocument, "__getitem__", broken)
    draft = pdf(SAMPLES / "zero.pdf")
    assert draft.get("1") is not None
    assert any(w.page == 2 and "could not be read" in w.reason for w in draft.warnings)


# -- layout rules on synthetic lines ---------------------------------------------------


def _line(text, x0, top, page=1, size=11.0, x1=None, bold=False):
    return Line(
        page=page,
        text=text,
        x0=x0,
        x1=x1 or min(520, x0 + 5.2 * len(text)),
        top=top - 9,
        bottom=top,
        size=size,
        bold=bold,
    )


def _blocks(*pages):
    extracted = Extracted([PageText(i + 1, 595, 842, lines) for i, lines in enumerate(pages)], [])
    return [b.text for b in Layout(extracted).blocks()]


def test_paragraph_numbers_without_a_space_and_page_continuations():
    page1 = [
        _line("10.We recall the Charter of the United Nations and the principles of", 72, 100, x1=520),
        _line("international law, and we reaffirm the purposes of the Framework in every", 72, 113, x1=520),
    ]
    page2 = [
        _line("region of the world.", 72, 100, page=2, x1=170),
        _line("11. We commit to the implementation of the present declaration.", 72, 113, page=2, x1=400),
    ]
    assert _blocks(page1, page2) == [
        "10.We recall the Charter of the United Nations and the principles of international law, and we reaffirm "
        "the purposes of the Framework in every region of the world.",
        "11. We commit to the implementation of the present declaration.",
    ]


def test_first_line_indents_split_unspaced_paragraphs():
    lines = [
        _line("Recalling its resolution 70/1 of 25 September 2015, entitled", 108, 100, x1=520),
        _line("Transforming our world,", 72, 113, x1=200),
        _line("Noting with concern the effects of the pandemic on the", 108, 126, x1=520),
        _line("health of migrants,", 72, 139, x1=180),
    ]
    assert _blocks(lines) == [
        "Recalling its resolution 70/1 of 25 September 2015, entitled Transforming our world,",
        "Noting with concern the effects of the pandemic on the health of migrants,",
    ]


@pytest.mark.parametrize(
    ("parts", "joined"),
    [
        (["the imple-", "mentation of"], "the implementation of"),
        (["the whole-", "of-government approach"], "the whole-of-government approach"),
        (["a whole-of-", "society approach"], "a whole-of-society approach"),
        (["principle of non-", "refoulement"], "principle of non-refoulement"),
        (["ends with a dash -", "and text"], "ends with a dash - and text"),
        (["ends in 2030-", "2034"], "ends in 2030- 2034"),
        (["the Co-", "Chairs of the Commission"], "the Co-Chairs of the Commission"),
        (["the Secretary-", "General"], "the Secretary-General"),
    ],
)
def test_line_end_hyphens(parts, joined):
    from collections import Counter

    assert _join_lines(parts, Counter()) == joined


def test_hyphen_kept_when_the_document_spells_the_compound():
    from collections import Counter

    vocabulary = Counter({"gender-based": 3})
    assert _join_lines(["sexual and gender-", "based violence"], vocabulary) == "sexual and gender-based violence"
    assert _join_lines(["the dis-", "aggregation of data"], Counter({"disaggregation": 1})) == (
        "the disaggregation of data"
    )


def test_a_label_on_its_own_line_takes_the_text_after_it():
    lines = [
        _line("15.", 72, 100, x1=84),
        _line("[Option 1: In accordance with Article 4 of the Convention, all Parties shall", 90, 113, x1=520),
        _line("enhance the ambition of their contributions.]", 90, 126, x1=300),
        _line("16. Parties shall report.", 72, 145, x1=250),
    ]
    assert _blocks(lines) == [
        "15. [Option 1: In accordance with Article 4 of the Convention, all Parties shall enhance the ambition of "
        "their contributions.]",
        "16. Parties shall report.",
    ]


def test_note_numbers_glued_to_words_become_notes():
    body = [
        _line("5. Contributions were received from Argentina.23 and from Brazil,24 and from the", 72, 100, x1=520),
        _line("secretariat, in 2030 and 2031.", 72, 113, x1=300),
    ]
    notes = [
        _line("______________", 72, 700, x1=150),
        _line("23 Contribution of 2 May.", 72, 715, x1=250, size=8),
        _line("24 Contribution of 9 May.", 72, 726, x1=250, size=8),
    ]
    extracted = Extracted([PageText(1, 595, 842, body + notes)], [])
    blocks = Layout(extracted).blocks()
    assert [b.text for b in blocks] == [
        "5. Contributions were received from Argentina. and from Brazil, and from the secretariat, in 2030 and 2031."
    ]
    assert [(n.marker, n.text) for n in blocks[0].notes] == [
        ("23", "Contribution of 2 May."),
        ("24", "Contribution of 9 May."),
    ]


def test_soft_spaces_go_by_the_documents_own_words():
    from collections import Counter

    from draftdiff.readers.pdf import _resolve_soft
    from draftdiff.readers.pdf_engines import SOFT_SPACE

    vocabulary = Counter({"health": 3, "in": 5, "to": 5, "into": 1})
    text = f"the hea{SOFT_SPACE}lth of all, in{SOFT_SPACE}to work, note"
    out, markers = _resolve_soft(text, [(len(text) - 4, "7")], vocabulary)
    assert out == "the health of all, in to work, note"  # both halves of "in to" are words: kept
    assert markers == [(len(out) - 4, "7")]  # the marker moved with the dropped space


def test_spaces_between_letters_are_found_as_a_character_walk_finds_them():
    import random
    import re

    from draftdiff.readers.pdf_engines import _BETWEEN_LETTERS_RE

    def letter(char: str) -> bool:  # a word character but no digit or underscore, or a hyphen
        return char == "-" or (bool(re.fullmatch(r"\w", char)) and not char.isdecimal() and char != "_")

    rng = random.Random(5)
    alphabet = "ab -_1²éßΩ٣\u00a0\t.,()'’"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = [
            i for i in range(1, len(text) - 1) if text[i] == " " and letter(text[i - 1]) and letter(text[i + 1])
        ]
        assert [m.start() for m in _BETWEEN_LETTERS_RE.finditer(text)] == expected, repr(text)


def test_a_word_cut_at_a_line_end_goes_on_whatever_the_next_line_size():
    """OCR gives each line its own height: "Конвен-" then "ции;" is one word, not two paragraphs."""
    from draftdiff.readers.pdf import _WORD_REST_RE

    assert _WORD_REST_RE.match("ции;") and _WORD_REST_RE.match("building commitments;")
    assert not _WORD_REST_RE.match("o The nature") and not _WORD_REST_RE.match("The next")


# -- Chinese: no capitals to start a paragraph by, labels that are not English ----------


def test_chinese_items_and_paragraphs_start_paragraphs():
    lines = [
        _line("为本协定的目的：", 95, 100, x1=200),
        _line("（一）“划区管理工具”是指一种工具，包括海洋保护区，用于管理一个或多个", 100, 113, x1=520),
        _line("领域或活动。", 72, 126, x1=150),
        _line("（二）“国家管辖范围以外区域”是指公海和“区域”。", 100, 139, x1=400),
        _line("一、本协定应按《公约》上下文并以符合《公约》的方式解释和适用。", 95, 152, x1=500),
        _line("二、本协定的解释和适用不应损害相关法律文书。", 95, 165, x1=400),
    ]
    assert _blocks(lines) == [
        "为本协定的目的：",
        "（一）“划区管理工具”是指一种工具，包括海洋保护区，用于管理一个或多个 领域或活动。",
        "（二）“国家管辖范围以外区域”是指公海和“区域”。",
        "一、本协定应按《公约》上下文并以符合《公约》的方式解释和适用。",
        "二、本协定的解释和适用不应损害相关法律文书。",
    ]


def test_a_chinese_heading_and_title_give_way_to_the_first_words():
    lines = [
        _line("第七十六条", 295, 80, x1=348, size=9.8),
        _line("作准文本", 300, 100, x1=343, size=9.8),
        _line("本协定的阿拉伯文、中文、英文、法文、俄文和西班牙文文本同等作准。", 177, 130, x1=518, size=9.8),
        _line("附件二", 305, 170, x1=337, size=9.8),
        _line("能力建设和海洋技术转让的类型", 244, 190, x1=398, size=9.8),
        _line("根据本协定，能力建设和海洋技术转让举措可包括但不限于：", 177, 210, x1=466, size=9.8),
    ]
    assert _blocks(lines)[-2:] == [
        "附件二 能力建设和海洋技术转让的类型",
        "根据本协定，能力建设和海洋技术转让举措可包括但不限于：",
    ]


def test_a_chinese_full_stop_ends_a_paragraph_at_the_foot_of_a_page():
    page1 = [
        _line("本协定的阿拉伯文、中文、英文、法文、俄文和西班牙文文本同等作准，", 72, 100, x1=520),
        _line("本协定的阿拉伯文、中文、英文、法文、俄文和西班牙文文本同等作准。", 72, 113, x1=480),
    ]
    page2 = [
        _line("缔约方应鼓励本协定的非缔约方成为本协定缔约方，并通过有关本协定执行情况的", 72, 100, page=2, x1=520),
        _line("法律和规章。", 72, 113, page=2, x1=150),
    ]
    assert _blocks(page1, page2)[-1].startswith("缔约方应鼓励")


def test_a_title_a_blank_line_then_a_heading_and_an_italic_note_claiming_bold():
    """A centred bold title, a blank line, "FRAMING NOTES", then a centred italic note whose
    font claims a bold weight: the title is the title alone, the heading a block of its own;
    a label line ("ANNEX II") still takes its title across a blank line."""

    def centred(text, top, size=12.0, bold=True, italic=False):
        width = 6.0 * len(text)
        line = _line(text, (595 - width) / 2, top, size=size, x1=(595 + width) / 2, bold=bold)
        line.italic = italic
        return line

    page = [
        centred("DRAFT CONSTITUTION OF THE RIVER FORUM", 100),
        centred("FRAMING NOTES", 128),
        centred("These Framing Notes Are Not Considered To Be A Part Of This Constitution", 158, italic=True),
        _line("The Forum was founded by the basin States in 2017 to share data on the river and", 72, 190, x1=520),
        _line("its tributaries.", 72, 204, x1=160),
        centred("ANNEX II", 260),
        centred("Types of data to be shared", 302),
        _line("Daily flow at each station.", 72, 330, x1=300),
    ]
    extracted = Extracted([PageText(1, 595, 842, page)], [])
    blocks = Layout(extracted).blocks()
    assert [b.text for b in blocks][:3] == [
        "DRAFT CONSTITUTION OF THE RIVER FORUM",
        "FRAMING NOTES",
        "These Framing Notes Are Not Considered To Be A Part Of This Constitution",
    ]
    assert [b.text for b in blocks if b.title] == ["DRAFT CONSTITUTION OF THE RIVER FORUM"]
    assert "ANNEX II Types of data to be shared" in [b.text for b in blocks]


def test_an_option_line_with_a_word_on_what_it_is_for_starts_a_paragraph():
    page = [
        _line(
            "71. [Option 1 (chapeau): Pursuant to Article 2 of the Convention, all Parties to communicate",
            72,
            100,
            x1=520,
        ),
        _line("their proposed commitments and contributions", 90, 113, x1=320),
        _line("Option 2 (chapeau): In accordance with the provisions of the Convention, Parties to", 90, 126, x1=520),
        _line("periodically communicate or update their contributions", 90, 139, x1=360),
    ]
    assert _blocks(page) == [
        "71. [Option 1 (chapeau): Pursuant to Article 2 of the Convention, all Parties to communicate"
        " their proposed commitments and contributions",
        "Option 2 (chapeau): In accordance with the provisions of the Convention, Parties to"
        " periodically communicate or update their contributions",
    ]


def test_a_comma_ends_a_preambular_paragraph_but_not_a_sentence_going_on():
    """ "… budget," then "Constitutional Committee members shall …": one sentence; in a
    preamble "Wishing …," / "Considering …," / "Have agreed as follows:" are three."""
    body = [
        _line("In the case of Info actions that propose a Cardano Blockchain budget,", 72, 100, x1=420),
        _line("Constitutional Committee members shall record a vote on-chain that sets out their", 72, 113, x1=520),
        _line("opinion.", 72, 126, x1=110),
    ]
    assert _blocks(body) == [
        "In the case of Info actions that propose a Cardano Blockchain budget, Constitutional Committee"
        " members shall record a vote on-chain that sets out their opinion."
    ]
    listing = [  # a list of resolutions wrapped after a comma goes on, in lower case or not
        _line(
            "Noting the work of the commissions and agencies of the system on this matter in recent", 108, 87, x1=520
        ),
        _line("years,", 72, 100, x1=110),
        _line("Recalling its resolutions 70/1 of 25 September 2015 on the Agenda, 71/313,", 108, 113, x1=430),
        _line("United Nations resolution 72/279 and 73/195,", 72, 126, x1=300),
    ]
    assert _blocks(listing)[1:] == [
        "Recalling its resolutions 70/1 of 25 September 2015 on the Agenda, 71/313,"
        " United Nations resolution 72/279 and 73/195,"
    ]
    preamble = [
        _line("The States Parties to this Agreement,", 108, 100, x1=300),
        _line("Noting the political and economic changes, including market-oriented approaches,", 108, 113, x1=520),
        _line("affecting the implementation of Part XI,", 72, 126, x1=260),
        _line("Wishing to facilitate universal participation in the Convention,", 108, 139, x1=420),
        _line("Considering that an agreement would best meet that objective,", 108, 152, x1=410),
        _line("Have agreed as follows:", 108, 165, x1=240),
    ]
    assert _blocks(preamble) == [
        "The States Parties to this Agreement,",
        "Noting the political and economic changes, including market-oriented approaches, affecting the"
        " implementation of Part XI,",
        "Wishing to facilitate universal participation in the Convention,",
        "Considering that an agreement would best meet that objective,",
        "Have agreed as follows:",
    ]


def test_an_article_title_whose_lines_run_as_wide_as_the_text_is_one_title():
    """ "Article 5" over a title of three centred bold lines, two of them wider than three
    quarters of the column: one heading, not a title and two paragraphs; a body line
    indented at its first line, as wide, stays body text."""

    def centred(text, top, width):
        return _line(text, 297.5 - width / 2, top, x1=297.5 + width / 2, bold=True)

    page = [
        _line("The Parties shall cooperate to that end, directly or through bodies.", 72, 80, x1=523),
        _line("more words of the same paragraph, as long as the others are.", 72, 93, x1=523),
        centred("Article 5", 120, 40),
        centred("Relationship between this Agreement and the Convention and", 133, 345),
        centred("relevant legal instruments and frameworks and relevant global,", 146, 340),
        centred("regional, subregional and sectoral bodies", 159, 190),
        _line("1. This Agreement shall be interpreted and applied in the context of and in", 72, 182, x1=523),
        _line("a manner consistent with the Convention, and with other instruments.", 72, 195, x1=523),
        _line("This paragraph's first line is indented and ends short of the margin as", 100, 208, x1=497),
        _line("a centred line would, but it is body text, not a heading of any kind.", 72, 221, x1=523),
    ]
    blocks = _blocks(page)
    assert blocks[1] == (
        "Article 5 Relationship between this Agreement and the Convention and relevant legal instruments"
        " and frameworks and relevant global, regional, subregional and sectoral bodies"
    )
    assert blocks[-1].startswith("This paragraph's first line is indented")


def test_chinese_one_line_paragraphs_at_the_first_line_indent_run_full_and_end_on_a_comma():
    """Chinese is justified and set without spaces: a one-line preambular paragraph runs to the
    margin, ending on "，"; the next one starts at the same first-line indent. A line of a
    paragraph at the margin after a full line ending on "，" goes on with it."""
    page = [
        _line("回顾一九八二年十二月十日《联合国海洋法公约》的相关规定以及其他有关规则，", 102, 100, x1=520),
        _line("又回顾各国有责任履行其关于保护和保全海洋环境的国际义务，并可按照国际法", 102, 113, x1=520),
        _line("承担责任，", 72, 126, x1=130),
        _line("期望实现普遍参与，", 102, 139, x1=210),
    ]
    assert [block.replace(" ", "") for block in _blocks(page)] == [
        "回顾一九八二年十二月十日《联合国海洋法公约》的相关规定以及其他有关规则，",
        "又回顾各国有责任履行其关于保护和保全海洋环境的国际义务，并可按照国际法承担责任，",
        "期望实现普遍参与，",
    ]


def test_a_chinese_sub_item_numbered_in_parentheses_starts_a_paragraph():
    page = [
        _line("2．以下方面的教育和培训：", 100, 100, x1=260),
        _line("（1）自然和社会科学，包括基础和应用科学，以发展科学和研究能力；", 120, 113, x1=520),
        _line("（2）政策和治理；", 120, 126, x1=240),
    ]
    assert [block[:3] for block in _blocks(page)] == ["2．以", "（1）", "（2）"]
