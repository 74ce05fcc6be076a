"""Structure in every UN language: the same paragraph has the same id in each language version."""

from __future__ import annotations

from pathlib import Path

import pytest

from draftdiff.document.languages import Localizer, cjk_value, detect, foreign_scope
from draftdiff.readers import load

# One short treaty, as it would be issued in the six languages (our own lines).
VERSIONS = {
    "en": """\
AGREEMENT ON THE PROTECTION OF THE MARINE ENVIRONMENT

Preamble

The Parties to this Agreement,

Recalling the relevant provisions of the United Nations Convention on the Law of the Sea of 10 December 1982,

Stressing the need to address the loss of biological diversity,

Have agreed as follows:

PART I
GENERAL PROVISIONS

Article 1
Use of terms

1. "Convention" means the United Nations Convention on the Law of the Sea of 10 December 1982.

2. "Party" means a State that has consented to be bound by this Agreement.

Article 2
General principles

1. In order to achieve the objectives of this Agreement, Parties shall be guided by the following principles:

(a) The polluter-pays principle;

(b) The precautionary principle;

(c) An ecosystem approach.

2. Parties shall cooperate in the implementation of this Agreement.

PART II
FINAL PROVISIONS

Article 3
Entry into force

1. This Agreement shall enter into force 120 days after the date of deposit of the sixtieth instrument.

ANNEX I
INDICATIVE CRITERIA

(a) Uniqueness;

(b) Rarity.
""",
    "fr": """\
ACCORD SUR LA PROTECTION DU MILIEU MARIN

Préambule

Les Parties au présent Accord,

Rappelant les dispositions pertinentes de la Convention des Nations Unies sur le droit de la mer du 10 décembre 1982,

Soulignant la nécessité de lutter contre la perte de diversité biologique,

Sont convenues de ce qui suit :

PARTIE I
DISPOSITIONS GÉNÉRALES

Article premier
Emploi des termes

1. « Convention » s’entend de la Convention des Nations Unies sur le droit de la mer du 10 décembre 1982.

2. « Partie » s’entend d’un État qui a consenti à être lié par le présent Accord.

Article 2
Principes généraux

1. Pour atteindre les objectifs du présent Accord, les Parties sont guidées par les principes suivants :

a) Le principe pollueur-payeur ;

b) Le principe de précaution ;

c) Une approche écosystémique.

2. Les Parties coopèrent à la mise en œuvre du présent Accord.

PARTIE II
DISPOSITIONS FINALES

Article 3
Entrée en vigueur

1. Le présent Accord entre en vigueur 120 jours après la date du dépôt du soixantième instrument.

ANNEXE I
CRITÈRES INDICATIFS

a) Unicité ;

b) Rareté.
""",
    "es": """\
ACUERDO SOBRE LA PROTECCIÓN DEL MEDIO MARINO

Preámbulo

Las Partes en el presente Acuerdo,

Recordando las disposiciones pertinentes de la Convención de las Naciones Unidas sobre el Derecho del Mar, de 10 de diciembre de 1982,

Destacando la necesidad de hacer frente a la pérdida de diversidad biológica,

Han convenido en lo siguiente:

PARTE I
DISPOSICIONES GENERALES

Artículo 1
Términos utilizados

1. Por “Convención” se entiende la Convención de las Naciones Unidas sobre el Derecho del Mar, de 10 de diciembre de 1982.

2. Por “Parte” se entiende un Estado que ha consentido en obligarse por el presente Acuerdo.

Artículo 2
Principios generales

1. Para lograr los objetivos del presente Acuerdo, las Partes se guiarán por los principios siguientes:

a) El principio de que quien contamina paga;

b) El principio de precaución;

c) Un enfoque ecosistémico.

2. Las Partes cooperarán en la aplicación del presente Acuerdo.

PARTE II
DISPOSICIONES FINALES

Artículo 3
Entrada en vigor

1. El presente Acuerdo entrará en vigor 120 días después de la fecha en que se haya depositado el sexagésimo instrumento.

ANEXO I
CRITERIOS INDICATIVOS

a) Singularidad;

b) Rareza.
""",
    "ru": """\
СОГЛАШЕНИЕ О ЗАЩИТЕ МОРСКОЙ СРЕДЫ

Преамбула

Стороны настоящего Соглашения,

ссылаясь на соответствующие положения Конвенции Организации Объединенных Наций по морскому праву от 10 декабря 1982 года,

подчеркивая необходимость решения проблемы утраты биологического разнообразия,

согласились о нижеследующем:

ЧАСТЬ I
ОБЩИЕ ПОЛОЖЕНИЯ

Статья 1
Употребление терминов

1. «Конвенция» означает Конвенцию Организации Объединенных Наций по морскому праву от 10 декабря 1982 года.

2. «Сторона» означает государство, которое согласилось на обязательность для него настоящего Соглашения.

Статья 2
Общие принципы

1. Для достижения целей настоящего Соглашения Стороны руководствуются следующими принципами:

а) принцип «загрязнитель платит»;

б) принцип предосторожности;

в) экосистемный подход.

2. Стороны сотрудничают в осуществлении настоящего Соглашения.

ЧАСТЬ II
ЗАКЛЮЧИТЕЛЬНЫЕ ПОЛОЖЕНИЯ

Статья 3
Вступление в силу

1. Настоящее Соглашение вступает в силу через 120 дней после даты сдачи на хранение шестидесятого документа.

ПРИЛОЖЕНИЕ I
ОРИЕНТИРОВОЧНЫЕ КРИТЕРИИ

а) уникальность;

б) редкость.
""",
    "zh": """\
关于保护海洋环境的协定

序言

本协定各缔约方，

回顾一九八二年十二月十日《联合国海洋法公约》的相关规定，

强调需要应对生物多样性丧失问题，

议定如下：

第一部分
一般规定

第一条
用语

一、“《公约》”是指一九八二年十二月十日《联合国海洋法公约》。

二、“缔约方”是指已同意受本协定约束的国家。

第二条
一般原则

一、为实现本协定的目标，缔约方应遵循下列原则：

（一）污染者付费原则；

（二）风险预防原则；

（三）生态系统方法。

二、缔约方应合作执行本协定。

第二部分
最后条款

第三条
生效

一、本协定应自第六十份文书交存之日后第一百二十天起生效。

附件一
指示性衡量标准

（一）独特性；

（二）稀缺性。
""",
    "ar": """\
اتفاق بشأن حماية البيئة البحرية

الديباجة

إن الأطراف في هذا الاتفاق،

إذ تشير إلى الأحكام ذات الصلة من اتفاقية الأمم المتحدة لقانون البحار المؤرخة ١٠ كانون الأول/ديسمبر ١٩٨٢،

وإذ تؤكد ضرورة التصدي لفقدان التنوع البيولوجي،

قد اتفقت على ما يلي:

الجزء الأول
أحكام عامة

المادة ١
استخدام المصطلحات

١ - يقصد بمصطلح ”الاتفاقية“ اتفاقية الأمم المتحدة لقانون البحار المؤرخة ١٠ كانون الأول/ديسمبر ١٩٨٢.

٢ - يقصد بمصطلح ”الطرف“ الدولة التي قبلت الالتزام بهذا الاتفاق.

المادة ٢
المبادئ العامة

١ - تسترشد الأطراف، من أجل تحقيق أهداف هذا الاتفاق، بالمبادئ التالية:

(أ) مبدأ تحميل الملوث تكلفة التلوث؛

(ب) المبدأ التحوطي؛

(ج) نهج النظام الإيكولوجي.

٢ - تتعاون الأطراف في تنفيذ هذا الاتفاق.

الجزء الثاني
أحكام ختامية

المادة ٣
بدء النفاذ

١ - يبدأ نفاذ هذا الاتفاق بعد ١٢٠ يوما من تاريخ إيداع الصك الستين.

المرفق الأول
المعايير الإرشادية

(أ) التفرد؛

(ب) الندرة.
""",
}


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
