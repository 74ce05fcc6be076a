"""Structure in every UN language: the same paragraph has the same id in each language version."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftdiff.document.languages import Localizer, cjk_value, detect, foreign_scope
from draftdiff.readers import load
from un_languages import VERSIONS


def _ids(tmp_path: Path, language: str) -> list[str]:
    path = tmp_path / f"treaty_{language}.txt"
    path.write_text(VERSIONS[language], encoding="utf-8")
    return [p.id for p in load(path).paragraphs]


def test_english_ids_are_the_reference(tmp_path: Path) -> None:
    ids = _ids(tmp_path, "en")
    assert [
        i for i in ids if i in {"PP1", "PP2", "PartI", "Art1", "Art1.1", "Art2.1(c)", "PartII", "Art3.1", "AnnexI(b)"}
    ] == ["PP1", "PP2", "PartI", "Art1", "Art1.1", "Art2.1(c)", "PartII", "Art3.1", "AnnexI(b)"]


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh", "ar"])
def test_every_language_gives_the_english_ids(tmp_path: Path, language: str) -> None:
    assert _ids(tmp_path, language) == _ids(tmp_path, "en")


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("fr", ["PARTIE I", "Article premier", "a"]),
        ("ru", ["ЧАСТЬ I", "Статья 1", "а)"]),
        ("zh", ["第一部分", "第一条", "（一）"]),
        ("ar", ["الجزء الأول", "المادة ١", "(أ)"]),
    ],
)
def test_labels_are_kept_as_printed(tmp_path: Path, language: str, labels: list[str]) -> None:
    path = tmp_path / f"treaty_{language}.txt"
    path.write_text(VERSIONS[language], encoding="utf-8")
    by_id = {p.id: p.label for p in load(path).paragraphs}
    assert by_id["PartI"] == labels[0]
    assert by_id["Art1"] == labels[1]
    assert by_id["Art2.1(a)"].strip("()") == labels[2].strip("()")


@pytest.mark.parametrize(("language", "expected"), [(lang, lang) for lang in VERSIONS])
def test_language_is_detected(language: str, expected: str) -> None:
    assert detect([VERSIONS[language]]) == expected


def test_chinese_numerals() -> None:
    assert [cjk_value(t) for t in ("一", "十", "十四", "二十", "七十六", "一百零五")] == [1, 10, 14, 20, 76, 105]
    assert cjk_value("条") is None


@pytest.mark.parametrize(
    ("heading", "english"),
    [
        ("Article premier", "Article 1"),
        ("Artículo 4 bis", "Article 4 bis"),
        ("PARTIE II", "PART II"),
        ("ЧАСТЬ IV", "PART IV"),
        ("第十条之二", "Article 10 bis"),
        ("第三部分", "PART III"),
        ("附件二", "ANNEX II"),
        ("المادة ١٢", "Article 12"),
        ("المرفق الثاني", "ANNEX II"),
        ("Sección 2", "Section 2"),
        ("第二节", "Section 2"),
    ],
)
def test_scope_headings_of_every_language(heading: str, english: str) -> None:
    assert foreign_scope(heading) == english


def test_a_scope_named_in_a_list_is_no_heading() -> None:
    assert foreign_scope("article 6 de la Convention") is None  # a cross-reference
    localizer = Localizer("zh")
    assert localizer.relabel("附件七仲裁法庭；") is None  # a list item naming annex VII


def test_cyrillic_and_abjad_letters_map_by_position() -> None:
    assert Localizer("ru").relabel("в) экосистемный подход.").english == "(c)"  # type: ignore[union-attr]
    assert Localizer("ar").relabel("(د) نهج.").english == "(d)"  # type: ignore[union-attr]
    chinese = Localizer("zh")
    assert chinese.relabel("（三）生态系统方法；").english == "(c)"  # type: ignore[union-attr]
    assert chinese.relabel("2．关于提案的看法；").english == "(ii)"  # type: ignore[union-attr]
    assert chinese.relabel("三、缔约方应合作。").english == "3"  # type: ignore[union-attr]


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "languages"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the languages corpus is absent")
def test_french_treaty_has_the_english_ids() -> None:
    english = [p.id for p in load(CORPUS / "BBNJ_Agreement_2023_en.pdf").paragraphs]
    french = {p.id for p in load(CORPUS / "BBNJ_Agreement_2023_fr.pdf").paragraphs}
    assert sum(1 for i in english if i in french) >= 0.98 * len(english)


def test_an_article_title_run_on_into_its_paragraph_opens_the_article(tmp_path: Path) -> None:
    """ "Article 6 Without prejudice This Agreement …" (a title run on into the text, as in a text copied
    from a PDF) is article 6, not a paragraph of article 5."""
    path = tmp_path / "run_on.txt"
    path.write_text(
        "Article 5\nRelationship\n\n1. This Agreement shall be interpreted in the context of the Convention.\n\n"
        "Article 6\nWithout prejudice This Agreement shall be without prejudice to sovereignty.\n\n"
        "Статья 7\nОбщие принципы Для достижения целей Стороны руководствуются следующим:\n\n"
        "a) принцип «загрязнитель платит»;\n",
        encoding="utf-8",
    )
    assert [p.id for p in load(path).paragraphs] == ["Art5", "Art5.1", "Art6", "Art7", "Art7(a)"]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        (
            "第二条\n原则\n\n一、缔约方应遵循：\n\n（一）下列原则：\n\n1．第一目；\n\n2．第二目。\n\n第十条之二\n标题\n\n一、文本。\n",
            ["Art2", "Art2.1", "Art2.1(a)", "Art2.1(a)(i)", "Art2.1(a)(ii)", "Art10bis", "Art10bis.1"],
        ),
        (
            # "（1）" under a sub-item "2．" is the next level, English's "a." (annex II (e)(ii)(a))
            "第二条\n原则\n\n一、缔约方应：\n\n（一）培训，包括：\n\n1．合作；\n\n2．以下方面的教育：\n\n"
            "（1）自然科学；\n\n（2）政策；\n\n3．专家交流。\n",
            [
                "Art2",
                "Art2.1",
                "Art2.1(a)",
                "Art2.1(a)(i)",
                "Art2.1(a)(ii)",
                "Art2.1(a)(ii)(a)",
                "Art2.1(a)(ii)(b)",
                "Art2.1(a)(iii)",
            ],
        ),
        (
            "المادة ٢\nالمبادئ\n\n١ - تسترشد الأطراف بما يلي:\n\n(أ) المبادئ التالية:\n\n’1‘ المبدأ الأول؛\n\n’2‘ المبدأ الثاني.\n",
            ["Art2", "Art2.1", "Art2.1(a)", "Art2.1(a)(i)", "Art2.1(a)(ii)"],
        ),
        (
            "Sección 2\nDisposiciones\n\nArtículo 10 bis\nTítulo\n\n1. Texto del artículo.\n",
            ["Sec2", "Art10bis", "Art10bis.1"],
        ),
    ],
)
def test_sub_items_and_a_first_heading_in_other_languages(tmp_path: Path, text: str, ids: list[str]) -> None:
    """A heading on the first line is no title, and roman sub-items are read in Chinese and Arabic."""
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    assert [p.id for p in load(path).paragraphs] == ids


def test_a_heading_in_another_language_keeps_its_number_in_an_english_draft():
    """A compilation in English quotes a delegation's Spanish proposal: "Artículo 19" is article 19
    there too, not an article without a number."""
    from conftest import draft_from_text

    draft = draft_from_text(
        "Article 18\n\n1. Text of eighteen.\n\nCore Latin American Group\n\n"
        "Artículo 19 Adopción de decisiones\n\n1. Cuando no existan instrumentos o marcos jurídicos.\n",
        "compilation",
    )
    ids = [p.id for p in draft.paragraphs]
    assert "Art19.1" in ids, ids


@pytest.mark.parametrize("closing", ["站商定如下", "兹商定如下", "Have agreed as follows"])
def test_a_preamble_closes_at_its_formula_even_without_its_colon(closing: str) -> None:
    """ "兹商定如下：" (Have agreed as follows:) ends a preamble, also as OCR reads it: its
    first character wrong and its colon lost, in body type (a PDF says it is no heading)."""
    from draftdiff.document.blocks import Block
    from draftdiff.document.structure import build

    chinese = closing[0] >= "\u4e00"
    lines = (
        ["序言", "本协定各缔约方，", "回顾有关规定，", "强调合作的必要，", closing, "第一条 用语", "一、文本。"]
        if chinese
        else [
            "Preamble",
            "The Parties,",
            "Recalling the provisions,",
            "Stressing the need,",
            closing,
            "Article 1 Use",
            "1. Text.",
        ]
    )
    blocks = [Block("协定" if chinese else "AGREEMENT", heading=1)]
    blocks += [Block(text, heading=1 if index in (0, 5) else 0) for index, text in enumerate(lines)]
    assert [p.id for p in build(blocks)[1]] == ["u1", "u2", "PP1", "PP2", "PP2.u1", "Art1", "Art1.1"]


def test_a_chinese_list_is_read_as_paragraphs_or_items_by_how_its_members_end(tmp_path: Path) -> None:
    """Chinese may set definitions as items "（一）…。" where English numbers them (1., 2.), and
    an annex's criteria as paragraphs "一、…；" where English letters them: a member that ends
    a sentence is a paragraph, one that ends on a semicolon an item of the sentence above."""
    path = tmp_path / "draft.txt"
    text = (
        "协定\n\n第一条\n用语\n\n为本协定的目的：\n\n（一）“缔约方”是指国家。\n\n（二）“公约”是指该公约。\n\n"
        "第二条\n原则\n\n一、缔约方应遵循：\n\n（一）第一原则；\n\n（二）第二原则。\n\n"
        "附件一\n衡量标准\n\n一、独特性；\n\n二、稀缺性；\n\n三、代表性。\n"
    )
    path.write_text(text, encoding="utf-8")
    assert [p.id for p in load(path).paragraphs] == [
        "Art1", "Art1.u1", "Art1.1", "Art1.2",
        "Art2", "Art2.1", "Art2.1(a)", "Art2.1(b)",
        "AnnexI", "AnnexI(a)", "AnnexI(b)", "AnnexI(c)",
    ]  # fmt: skip


def test_a_chinese_paragraph_with_its_first_item_on_its_line(tmp_path: Path) -> None:
    """ "二、（一）根据 …" is what English prints "2. (a) On the basis …": cited 2(a), its label kept."""
    path = tmp_path / "draft.txt"
    text = "协定\n\n第三十七条\n审查\n\n一、缔约方应审查。\n\n二、（一）根据最佳可得科学；\n\n（二）缔约方应考虑此类关切。\n"
    path.write_text(text, encoding="utf-8")
    paragraphs = load(path).paragraphs
    assert [p.id for p in paragraphs] == ["Art37", "Art37.1", "Art37.2(a)", "Art37.2(b)"]
    assert paragraphs[2].label == "二、（一）"


def test_a_chinese_sentence_opening_on_an_earlier_articles_name_is_no_heading(tmp_path: Path) -> None:
    """ "第七十条不排除 …。" (Article 70 does not preclude …) under article 71 is its paragraph."""
    path = tmp_path / "draft.txt"
    text = "协定\n\n第七十条\n保留\n\n不得作出保留。\n\n第七十一条\n声明\n\n第七十条不排除一国作出声明。\n\n第七十二条\n修正\n\n一、缔约方可提出修正案。\n"
    path.write_text(text, encoding="utf-8")
    assert [p.id for p in load(path).paragraphs] == ["Art70", "Art70.1", "Art71", "Art71.1", "Art72", "Art72.1"]
