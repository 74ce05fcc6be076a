"""One short treaty as it would be issued in the six UN languages: our own lines, written as the UN
writes each language (its article and part words, its item letters, its digits), with one footnote."""

from __future__ import annotations

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

1. "Convention" means the United Nations Convention on the Law of the Sea of 10 December 1982.[^1]

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

[^1]: United Nations, Treaty Series, vol. 1833, No. 31363.
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

1. « Convention » s’entend de la Convention des Nations Unies sur le droit de la mer du 10 décembre 1982.[^1]

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

[^1]: Nations Unies, Recueil des Traités, vol. 1833, no 31363.
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

1. Por “Convención” se entiende la Convención de las Naciones Unidas sobre el Derecho del Mar, de 10 de diciembre de 1982.[^1]

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

[^1]: Naciones Unidas, Treaty Series, vol. 1833, núm. 31363.
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

1. «Конвенция» означает Конвенцию Организации Объединенных Наций по морскому праву от 10 декабря 1982 года.[^1]

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

[^1]: United Nations, Treaty Series, vol. 1833, No. 31363.
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

一、“《公约》”是指一九八二年十二月十日《联合国海洋法公约》。[^1]

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

[^1]: 联合国，《条约汇编》，第1833卷，第31363号。
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

١ - يقصد بمصطلح ”الاتفاقية“ اتفاقية الأمم المتحدة لقانون البحار المؤرخة ١٠ كانون الأول/ديسمبر ١٩٨٢.[^1]

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

[^1]: الأمم المتحدة، مجموعة المعاهدات، المجلد ١٨٣٣، الرقم ٣١٣٦٣.
""",
}
