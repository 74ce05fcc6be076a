"""Item labels OCR misreads are read back from the list they stand in."""

from __future__ import annotations

from draftdiff.readers.ocr_labels import repair_item_labels, repair_labels
from draftdiff.readers.pdf_engines import Line

RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"


def _lines(texts: list[str]) -> list[Line]:
    return [Line(page=1, text=t, x0=0, x1=100, top=i * 12, bottom=i * 12 + 10, size=10) for i, t in enumerate(texts)]


def _labels(lines: list[Line]) -> list[str]:
    return [line.text.split()[0] for line in lines]


def test_look_alikes_take_the_letter_the_list_expects() -> None:
    # Latin letters in a Russian text, read as Cyrillic letters and digits of the same shape
    lines = _lines(
        [
            "1. Стороны руководствуются:",
            "а) первым принципом;",
            "b) вторым принципом;",
            "с) третьим принципом;",
            "d) четвертым;",
            "е) пятым;",
            "f) шестым;",
            "9) седьмым;",
            "h) восьмым.",
        ]
    )
    assert repair_item_labels(lines, RUSSIAN) == 4
    assert _labels(lines) == ["1.", "a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)"]


def test_roman_sub_items_and_the_label_between_neighbours() -> None:
    lines = _lines(
        [
            "а) предлагается представить:",
            "1) соображения по существу;",
            "п) научные материалы;",
            "01) традиционные знания;",
            "iv) другую информацию;",
            "У) соображения о мерах;",
            "Vi) любую другую информацию;",
            "b) второй пункт;",
            "с) третий пункт;",
            "2) четвертый пункт;",
            "е) пятый пункт.",
        ]
    )
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["a)", "i)", "ii)", "iii)", "iv)", "v)", "vi)", "b)", "c)", "d)", "e)"]


def test_a_letter_after_h_is_the_letter_i_and_a_paragraph_ends_the_list() -> None:
    lines = _lines(["g) одно;", "h) другое;", "i) третье;", "2. Новый пункт:", "а) первое;", "i) его подпункт;"])
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["g)", "h)", "i)", "2.", "a)", "i)"]


def test_cyrillic_letters_keep_their_places_in_a_cyrillic_list() -> None:
    lines = _lines(["а) первое;", "б) второе;", "в) третье;", "г) четвертое."])
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["a)", "b)", "c)", "d)"]


def test_a_numbered_list_and_labels_out_of_any_list_stay() -> None:
    lines = _lines(["а) пункт:", "1) первое;", "2) второе;", "3) третье;", "z) что-то;", "(q) другое."])
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["a)", "1)", "2)", "3)", "z)", "(q)"]


def test_a_list_lettered_a_dot_under_an_item_and_a_paragraph_number_after_it() -> None:
    # "a. b. c. d." under "ii)", read as Cyrillic look-alikes and a digit; a line of an item
    # opening "т. е." is text; "5." after the list counts on from "4." as a numbered paragraph
    lines = _lines(
        [
            "3. Стороны обеспечивают:",
            "а) обучение, включая:",
            "i) курсы;",
            "ii) подготовку в следующих областях:",
            "а. естественные науки;",
            "Ь. технологии;",
            "с. политика и управление;",
            "4. традиционные знания;",
            "01) обмен экспертами;",
            "b) другие меры.",
            "4. Новый пункт.",
            "5. Ещё один пункт.",
        ]
    )
    lines[5].x0 = lines[6].x0 = lines[7].x0 = lines[4].x0 = 30
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["3.", "a)", "i)", "ii)", "a.", "b.", "c.", "d.", "iii)", "b)", "4.", "5."]


def test_an_inner_list_keeps_to_its_indent() -> None:
    lines = _lines(["а) обучение:", "ii) подготовку в областях:", "а. науки, то есть", "т. е. другие;"])
    lines[2].x0 = 30
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["a)", "ii)", "a.", "т."]


def test_one_character_where_a_roman_numeral_of_two_is_due_is_the_next_letter() -> None:
    # OCR misreads a label glyph for glyph: "5)" after "iii)" stands for "g)", not "iv)";
    # "01)" between "ii)" and "iv)" is still "iii)"
    lines = _lines(["f) разработку, включая:", "i) критерии;", "ii) правила;", "iii) базу;", "5) программы."])
    repair_item_labels(lines, RUSSIAN)
    assert _labels(lines) == ["f)", "i)", "ii)", "iii)", "g)"]


def test_a_chinese_sub_item_number_whose_point_ocr_lost() -> None:
    # "1 治理" under an item, where sub-items stand, is sub-item 1; "2 年" at the margin is text
    lines = _lines(
        [
            "（一）发展机构能力，包括：",
            "1 治理和机制；",
            "2. 协助制定措施，包括国家和",
            "2 年内的要求；",
            "3 专家交流；",
            "二、缔约方应合作。",
        ]
    )
    for index in (1, 2, 4):
        lines[index].x0 = 40
    repair_labels(lines, "zh")
    assert [line.text for line in lines][:5] == [
        "（一）发展机构能力，包括：",
        "1．治理和机制；",
        "2. 协助制定措施，包括国家和",
        "2 年内的要求；",
        "3．专家交流；",
    ]


def test_chinese_labels_are_not_lettered() -> None:
    lines = _lines(["（一）污染者付费原则；", "b) 不是中文"])
    repair_labels(lines, "zh")
    assert _labels(lines) == ["（一）污染者付费原则；", "b)"]


def test_chinese_headings_paragraphs_and_items_take_the_number_of_their_sequence() -> None:
    lines = _lines(
        [
            "第六十二条",
            "本协定之非缔约方",
            "第交十三条",  # 六 misread
            "一、缔约方应善意履行义务。",
            "、缔约方不应滥用权利。",  # the numeral lost
            "（一） 第一项；",
            "〈《二 ) 第二项；",
            "三) 第三项；",
            "(1) 一个目，留给它自己的层级；",
            "（四） 建立和加强缔约方，特别是最不发达国",
            "、内陆国家的能力；",  # a line of item (四) at the margin: no numeral stood left of its "、"
        ]
    )
    lines[4].x0 = 30  # the lost numeral stood left of its "、", past the text's margin
    repair_labels(lines, "zh")
    assert [line.text for line in lines] == [
        "第六十二条",
        "本协定之非缔约方",
        "第六十三条",
        "一、缔约方应善意履行义务。",
        "二、缔约方不应滥用权利。",
        "（一）第一项；",
        "（二）第二项；",
        "（三）第三项；",
        "(1) 一个目，留给它自己的层级；",
        "（四）建立和加强缔约方，特别是最不发达国",
        "、内陆国家的能力；",
    ]


def test_a_chinese_paragraph_numeral_read_smaller_than_the_next_is_the_next() -> None:
    # "二" read as "一" (a stroke lost); an annex numbers its paragraphs from 一 again
    lines = _lines(["第七十六条", "一、文本。", "二、文本。", "附件一", "一、独特性；", "一、稀缺性；", "三、脆弱性；"])
    repair_labels(lines, "zh")
    assert [line.text[:2] for line in lines[4:]] == ["一、", "二、", "三、"]


def test_a_paragraphs_first_item_printed_on_its_line() -> None:
    # "4. а) …" (a Cyrillic look-alike) and "四、( 一 ) …": the list opens on the paragraph's line
    lines = _lines(["4. а) На основании данных;", "b) Сторона учитывает;", "с) после рассмотрения."])
    repair_item_labels(lines, RUSSIAN)
    assert [line.text[:5] for line in lines] == ["4. a)", "b) Ст", "c) по"]
    chinese = _lines(["第三十七条", "四、( 一 ) 根据最佳可得科学；", "〈《二 ) 缔约方应考虑此类关切；"])
    repair_labels(chinese, "zh")
    assert [line.text[:7] for line in chinese[1:]] == ["四、（一）根据", "（二）缔约方应"]


def test_a_chinese_item_whose_parenthesis_ocr_read_as_a_c() -> None:
    lines = _lines(["（一）制定和分享手册；", "（二）制定技术项目；", "C 三 ) 发展和加强有效监测的能力。"])
    repair_labels(lines, "zh")
    assert lines[2].text == "（三）发展和加强有效监测的能力。"


def test_a_paragraph_number_read_with_a_stray_bracket() -> None:
    # "11]." after paragraph 10 is paragraph 11; "5]." where 5 is not due stays as read
    lines = _lines(["10. Конференция Сторон согласовывает.", "11]. В знак признания.", "5]. Текст."])
    repair_item_labels(lines, RUSSIAN)
    assert [line.text.split()[0] for line in lines] == ["10.", "11.", "5]."]
