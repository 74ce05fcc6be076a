"""refs: references recognised in comments, resolved through the lineages, proposals tracked:
against the samples' answer key and generated comments over a generated chain."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import pytest

import draftdiff
from chains import make
from conftest import SAMPLES, draft_from_text, run_cli
from draftdiff.negotiation.history import history
from draftdiff.negotiation.refs import StakeholderComment as Comment
from draftdiff.negotiation.refs import read_comments, refs

NAMES = ["zero", "rev1", "rev2", "rev3", "final"]


def read_key(path: Path):
    references, proposals = [], []
    table = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## Proposals"):
            table = "proposals"
            continue
        if not line.startswith("| ") or line.startswith(("| comment", "|---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if table == "proposals":
            comment, para, words, status, where = cells
            proposals.append((int(comment), para, words, status, where or None))
        else:
            comment, form, text, draft, ids, final = cells
            references.append(
                {
                    "comment": int(comment),
                    "form": form,
                    "text": text,
                    "draft": draft,
                    "ids": [i.strip() for i in ids.split(",") if i.strip()],
                    "final": final,
                }
            )
    return references, proposals


KEY, PROPOSALS = read_key(SAMPLES / "comments-key.md")


@pytest.fixture(scope="module")
def samples_history():
    return history([draftdiff.load(SAMPLES / f"{name}.docx") for name in NAMES], NAMES)


def _row(reference) -> dict:
    ids = list(reference.ids) + [f"!{m}" for m in reference.missing]
    order = {i: k for k, i in enumerate(re.findall(r"[\w()]+", reference.text))}
    ids.sort(key=lambda i: order.get(i.lstrip("!"), order.get(i.lstrip("!").replace("ter", ""), 99)))
    finals = []
    for para_id, now in reference.now.items():
        if now.outcome == "deleted":
            finals.append(f"{para_id} → deleted in {now.step}")
        else:
            finals.append(f"{para_id} → {', '.join(now.ids)} {now.outcome}")
    return {
        "comment": reference.comment.index,
        "text": reference.text,
        "draft": "external" if reference.external else NAMES[reference.draft],
        "ids": ids,
        "final": "; ".join(finals),
    }


def _normalized(rows):
    return sorted((r["comment"], r["text"], r["draft"], tuple(sorted(r["ids"])), r["final"]) for r in rows)


@pytest.mark.parametrize("source", ["comments.csv", "comments.md"])
def test_samples_references_and_outcomes_match_the_key(samples_history, source):
    comments = read_comments(SAMPLES / source)
    assert len(comments) == 15
    result = refs(samples_history, comments, on=1, draft_names={"zero draft": 0, "Rev 2": 2, "Rev 3": 3})
    assert _normalized(_row(r) for r in result.references) == _normalized(KEY)
    got = [
        (p.comment.index, p.para, p.words, p.status, NAMES[p.draft] if p.draft is not None else None)
        for p in result.proposals
    ]
    assert got == PROPOSALS
    if source == "comments.csv":
        assert result.uptake()["Delegation C"] == {"proposals": 2, "adopted": 2, "partly": 0}
        assert result.uptake()["Group of Friends of Children"] == {"proposals": 1, "adopted": 0, "partly": 1}
        missing = next(r for r in result.references if r.text == "paragraph 99")
        assert not missing.found and missing.nearest[:1] == ["9"]


def test_article_pp_and_op_forms():
    text = (
        "Treaty\n\nArticle 6\n\n1. Each Party shall report.\n\n2. Parties shall cooperate.\n\n"
        "3. Parties may:\n\n(a) exchange data;\n\n(b) hold workshops.\n\nArticle 7\n\n1. This Agreement enters into force.\n"
    )
    draft = draft_from_text(text, "t")
    found = refs(
        history([draft, draft], ["a", "b"]),
        [Comment(1, "See article 6, paragraph 3 (a) and Art. 7; also OP2 of decision 1/CP.21. PP3 is missing.")],
        on=0,
    )
    rows = [(r.text, r.ids, r.external, r.missing) for r in found.references]
    assert rows == [
        ("article 6, paragraph 3 (a)", ["Art6.3(a)"], "", []),
        ("Art. 7", ["Art7"], "", []),
        ("OP2", [], "decision 1/CP.21", []),  # a decision named after it: another document
        ("PP3", [], "", ["PP3"]),
    ]


def test_free_text_splits_on_a_separator_and_reads_authors(tmp_path):
    path = tmp_path / "thread.txt"
    path.write_text(
        "From: Delegation X\nWe support para 12.\n---\nFrom: Delegation Y\nWe object to\nparagraph 13.\n",
        encoding="utf-8",
    )
    comments = read_comments(path, separator="---")
    assert [(c.author, c.text) for c in comments] == [
        ("Delegation X", "We support para 12."),
        ("Delegation Y", "We object to paragraph 13."),
    ]


# -- generated comments over a generated chain -------------------------------------------------

EXTERNAL = [
    "as in GCM, para 15(g)",
    "following resolution 70/1, paragraph 4",
    "in line with SDG target 10.7",
    "see 76/141, OP31",
]
NOISE = ["by 2030", "at least 10 per cent", "within 3 years", "in 2 regional meetings"]


def generated_comments(seed: int):
    """Comments citing paragraphs of a chain's drafts in every form, with
    their truth: for each comment, (draft, ids cited) and the external ones."""
    chain = make(seed)
    drafts = [draft_from_text(text, f"d{k}") for k, text in enumerate(chain.texts)]
    rng = random.Random(seed)
    on = rng.randrange(len(drafts) - 1)
    labels = [f"Rev {k}" for k in range(len(drafts))]
    comments, truth = [], []
    for n in range(40):
        form = rng.choice(["single", "list", "range", "section", "op", "bare", "named", "possessive"])
        draft = rng.randrange(len(drafts) - 1) if form == "named" else on
        ids = drafts[draft].ids
        numeric = [i for i in ids if i.isdigit()]
        pick = rng.choice(ids)
        if form == "single":
            text, cited = f"We support paragraph {pick}", [pick]
        elif form == "list":
            chosen = sorted(rng.sample(ids, 3), key=ids.index)
            text, cited = f"We welcome paras {chosen[0]}, {chosen[1]} and {chosen[2]}", chosen
        elif form == "range":
            a = rng.randrange(len(numeric) - 3)
            first, last = numeric[a], numeric[a + 2]
            span = ids[ids.index(first) : ids.index(last) + 1]
            text, cited = f"Paragraphs {first} to {last} need work", span
        elif form == "section":
            text, cited = f"We object to § {pick}", [pick]
        elif form == "op":
            number = rng.choice(numeric)
            text, cited = f"OP{number} is acceptable", [number]
        elif form == "bare":
            latin = [i for i in ids if re.fullmatch(r"\d+(bis|ter|quater)", i)] or [pick]
            chosen_id = rng.choice(latin)
            spelled = re.sub(r"(\d+)(bis|ter|quater)", r"\1 \2", chosen_id)
            text, cited = (
                (f"The text found in {spelled} is better", [chosen_id])
                if spelled != chosen_id
                else (
                    f"We support paragraph {chosen_id}",
                    [chosen_id],
                )
            )
        elif form == "named":
            text, cited = f"As in paragraph {pick} of {labels[draft]}, we ask for firmer words", [pick]
        else:
            text, cited = f"Paragraph {pick}'s wording is weak", [pick]
        extra = rng.choice(EXTERNAL) if rng.random() < 0.4 else ""
        noise = rng.choice(NOISE)
        body = f"{text} {noise}." + (f" This is {extra}." if extra else "")
        comments.append(Comment(n + 1, body, organisation=rng.choice(["Delegation A", "Delegation B", "NGO C"])))
        truth.append((draft, cited, bool(extra), form))
    return chain, drafts, on, labels, comments, truth


def test_generated_comments_recognition_and_resolution():
    counts = {"recognition": [0, 0, 0], "resolution": [0, 0, 0], "external": [0, 0]}
    for seed in range(6):
        chain, drafts, on, labels, comments, truth = generated_comments(seed)
        names = [f"d{k}" for k in range(len(drafts))]
        result = refs(history(drafts, names), comments, on=on, draft_names={label: k for k, label in enumerate(labels)})
        last = len(drafts) - 1
        for comment, (draft, cited, has_external, _form) in zip(comments, truth, strict=True):
            found = [r for r in result.references if r.comment is comment]
            external = [r for r in found if r.external]
            counts["external"][0] += len(external)
            counts["external"][1] += int(has_external)
            mine = [r for r in found if not r.external]
            got = {(r.draft, i) for r in mine for i in r.ids}
            want = {(draft, i) for i in cited}
            counts["recognition"][0] += len(got & want)
            counts["recognition"][1] += len(got)
            counts["recognition"][2] += len(want)
            links = chain.truth_links(draft)
            true_final = {(i, f) for i, f in links if i in cited}
            got_final = (
                {(i, f) for r in mine if r.draft == draft for i, now in r.now.items() for f in now.ids}
                if draft != last
                else set()
            )
            counts["resolution"][0] += len(got_final & true_final)
            counts["resolution"][1] += len(got_final)
            counts["resolution"][2] += len(true_final)
    correct, found, expected = counts["recognition"]
    assert correct / found >= 0.98 and correct / expected >= 0.98, counts
    correct, found, expected = counts["resolution"]
    assert correct / found >= 0.97 and correct / expected >= 0.95, counts
    assert counts["external"][0] == counts["external"][1], counts


# -- the command ----------------------------------------------------------------------------------


def test_refs_json_contract_and_exports(tmp_path):
    out = run_cli("refs", "comments.csv", "--on", "rev1", "--format", "json", cwd=SAMPLES)
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["schema"] == "draftdiff.refs/1" and (document["on"], document["to"]) == ("rev1", "final")
    first = document["references"][1]
    assert first["text"] == "paras 9ter and 42bis" and first["ids"] == ["9ter", "42bis"]
    assert first["now"]["9ter"]["ids"] == ["12"] and first["now"]["9ter"]["outcome"] == "moved"
    assert {"comment", "author", "text", "start", "end", "draft", "external", "found"} <= set(first)
    deleted = next(r for r in document["references"] if r["text"] == "Paragraph 50")
    assert deleted["now"]["50"] == {"ids": [], "outcome": "deleted", "step": "rev3"}
    proposal = next(p for p in document["proposals"] if p["para"] == "38")
    assert (proposal["status"], proposal["in"], proposal["ids"]) == ("adopted", "rev3", ["38"])
    for suffix in ("csv", "xlsx", "html", "md"):
        target = tmp_path / f"refs.{suffix}"
        assert run_cli("refs", "comments.csv", "--on", "rev1", "-o", str(target), cwd=SAMPLES).returncode == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "refs.csv").read_text(encoding="utf-8"))))
    assert rows[0]["Reference"] == "paragraph 31" and rows[0]["Draft"] == "Zero draft"
    html = (tmp_path / "refs.html").read_text(encoding="utf-8")
    assert '<mark class="">paras 9ter and 42bis</mark>' in html and "default-src 'none'" in html
    assert "<h2>Proposals</h2>" in html and "<h2>Uptake</h2>" in html  # as the README promises
    assert "<td><bdi>Delegation C</bdi></td><td>2</td><td>2</td>" in html
    terminal = run_cli("refs", "comments.md", "--on", "Rev.1", "--no-color", cwd=SAMPLES, env={"COLUMNS": "120"})
    assert "Uptake" in terminal.stdout and "Delegation C" in terminal.stdout


def test_refs_errors_are_one_line(tmp_path):
    assert "--on DRAFT" in run_cli("refs", "comments.csv", cwd=SAMPLES).stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("who,when\nA,2030\n", encoding="utf-8")
    result = run_cli("refs", str(bad), "--on", "rev1", cwd=SAMPLES)
    assert result.returncode == 2 and "has no column with the comments' text" in result.stderr
    fixed = tmp_path / "fixed.csv"
    fixed.write_text("who,remarks\nA,We support para 12.\n", encoding="utf-8")
    result = run_cli("refs", str(fixed), "--on", "rev1", "--text-column", "remarks", "--format", "json", cwd=SAMPLES)
    assert json.loads(result.stdout)["references"][0]["ids"] == ["12"]
    assert run_cli("refs", "comments.csv", "--on", "rev9", cwd=SAMPLES).returncode == 2


def test_a_damaged_comments_file_is_one_line(tmp_path):
    import random

    damaged = tmp_path / "comments.csv"
    damaged.write_bytes(bytes(random.Random(3).randrange(256) for _ in range(3000)))
    result = run_cli("refs", str(damaged), "--on", "rev1", cwd=SAMPLES)
    assert result.returncode in (0, 2) and "Traceback" not in result.stderr and result.stderr.count("\n") <= 1


def test_a_comment_on_an_article_follows_it_through_renumbering(tmp_path):
    from test_align import _NEW_UNITS, _OLD_UNITS

    (tmp_path / "zero.txt").write_text(_OLD_UNITS, encoding="utf-8")
    (tmp_path / "rev1.txt").write_text(_NEW_UNITS, encoding="utf-8")
    (tmp_path / "draftdiff.toml").write_text('[drafts]\nzero = "zero.txt"\nrev1 = "rev1.txt"\n', encoding="utf-8")
    (tmp_path / "comments.md").write_text("Delegation A: on Article 3, we support the text.\n", encoding="utf-8")
    out = run_cli("refs", "comments.md", "--on", "zero", "--format", "json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    reference = json.loads(out.stdout)["references"][0]
    assert reference["ids"] == ["Art3"]
    assert reference["now"]["Art3"]["ids"] == ["Art4"]  # "Article 3 (mitigation)" is "Article 4" now, not deleted
    assert reference["now"]["Art3"]["outcome"] != "deleted"


_TREATY = """Draft agreement

Article 2

1. This Agreement aims to strengthen the global response to climate change, including by:

(a) Holding the increase in the global average temperature well below 2 °C;

(b) Increasing the ability to adapt to the adverse impacts of climate change;

2. It will be implemented to reflect equity.

Article 4

9. Each Party shall communicate a contribution every five years.

10. The CMA shall consider common time frames.

11. A Party may at any time adjust its contribution.

Article 9

2. Other Parties are encouraged to provide support voluntarily.

12. The secretariat shall maintain a public registry.

Article 10

1. The CMA shall periodically take stock of the implementation of this Agreement.
"""


@pytest.mark.parametrize(
    ("written", "ids", "external"),
    [
        ("We support Art. 2(1)(a) as drafted.", ["Art2.1(a)"], ""),
        ("Delete paras 4.9 and 4.10.", ["Art4.9", "Art4.10"], ""),
        ("Keep paras 4.9–4.11 together.", ["Art4.9", "Art4.10", "Art4.11"], ""),
        ("Move para 2 of Art. 9 up.", ["Art9.2"], ""),
        ("See § 9.12 on the registry.", ["Art9.12"], ""),
        ("Art 10.1 should read 'shall'.", ["Art10.1"], ""),
        ("article 2, paragraph 1 (b) is fine", ["Art2.1(b)"], ""),
        ("Consistent with Article 4, paragraph 9, of the Convention.", [], "Convention"),
        ("As in decision 1/CP.21, paragraph 52.", [], "decision 1/CP.21"),
    ],
)
def test_citations_as_treaty_negotiators_write_them(written, ids, external):
    """One grammar: what --para reads, refs reads too; another instrument's paragraphs are never the draft's."""
    draft = draft_from_text(_TREATY, "dec09")
    found = refs(history([draft, draft]), [Comment(1, written)], on=0)
    references = found.references
    assert len(references) == 1, [r.text for r in references]
    reference = references[0]
    assert reference.ids == ids and (reference.external or "") == external, (reference.ids, reference.external)
    if len(ids) == 1:  # compare --para reads the same citation the same way
        assert draft.find(reference.text)[0].id == ids[0]


def test_every_id_of_a_treaty_is_found_again_from_the_citations_people_write():
    """Property: citations generated from each id, in every form, resolve back to it."""
    draft = draft_from_text(_TREATY, "dec09")
    for para in draft.paragraphs:
        m = re.fullmatch(r"Art(\d+)\.(\d+)((?:\([a-z]\))?)", para.id)
        if not m:
            continue
        art, number, sub = m.groups()
        forms = [
            f"Art. {art}({number}){sub}",
            f"article {art}, paragraph {number} {sub}".strip(),
            f"para {number}{sub} of Art. {art}",
        ]
        if not sub:
            forms += [f"Art {art}.{number}", f"para {art}.{number}", f"§ {art}.{number}"]
        for form in forms:
            found = refs(history([draft, draft]), [Comment(1, f"On {form}: agreed.")], on=0).references
            assert [r.ids for r in found] == [[para.id]], (form, [(r.text, r.ids) for r in found])


def test_proposals_taken_up_in_another_form_or_another_paragraph_are_found():
    old = draft_from_text(
        "Article 2\n\n1. This Agreement aims at holding the increase well below 2 °C above pre-industrial levels.\n\n"
        "2. Recognizing the need for cooperation.\n",
        "dec09",
    )
    new = draft_from_text(
        "Article 2\n\n1. This Agreement aims at holding the increase well below 2 °C above pre-industrial levels and "
        "pursuing efforts to limit the temperature increase to 1.5 °C above pre-industrial levels.\n\n"
        "2. Recognizing the need for cooperation and intergenerational equity.\n",
        "final",
    )
    comments = [
        Comment(
            1,
            "In Art. 2(1), add 'to pursue efforts to limit the temperature increase to 1.5 °C above pre-industrial levels'.",
        ),
        Comment(2, "In Art. 2(1), add 'intergenerational equity'."),
    ]
    found = {p.comment.index: (p.status, p.ids) for p in refs(history([old, new]), comments, on=0).proposals}
    assert found[1] == ("partly", ["Art2.1"])  # "to pursue" became "pursuing": the same words, inflected
    assert found[2] == ("adopted", ["Art2.2"])  # it landed in another paragraph than the one cited


def test_the_party_named_inside_a_comment_gets_the_uptake(tmp_path):
    rows = 'text,entered by\n"Norway: In para 38, add \'in full\'.",secretariat\n"On behalf of the G-77 and China, para 12 should stay.",secretariat\n'
    (tmp_path / "comments.csv").write_text(rows, encoding="utf-8")
    args = ["refs", str(tmp_path / "comments.csv"), "--on", "rev3", "-f", "json"]
    pattern = r"^(?:On behalf of (?:the )?)?(?P<author>[^:,]+)[:,]"
    document = json.loads(run_cli(*args, "--author-from", pattern, cwd=SAMPLES).stdout)
    assert [r["author"] for r in document["references"]] == ["Norway", "G-77 and China"]
    assert document["uptake"] and "Norway" in document["uptake"]
    by_column = json.loads(run_cli(*args, "--author-from", "entered by", cwd=SAMPLES).stdout)
    assert {r["author"] for r in by_column["references"]} == {"secretariat"}
    bad = run_cli(*args, "--author-from", "(unclosed", cwd=SAMPLES)
    assert bad.returncode == 2 and "not a regular expression" in bad.stderr


_CHARTER = """Charter of the river data cooperative

ARTICLE I. PRINCIPLES

Section 1

PRINCIPLE 1 Data shall be shared without delay.

PRINCIPLE 2 Data shall be free of charge for members.

Section 2

1. The members shall meet every year.

2. The members may meet more often.

ARTICLE II. THE BOARD

Section 1

The board shall have seven members.

Members shall serve for two years.

Section 2

The board shall publish its decisions.

APPENDIX I: LIMITS

1. GENERAL

FLOW-01 (y) Stations must not report less than once a day.

FLOW-02a (x) Stations should report every hour.

2. REPORTING

Reports are published monthly.
"""


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("Article II, Section 1, paragraph 2: two years is too short.", [["ArtII.Sec1.2"]]),
        ("Art. II, Sec. 1(1) should say nine members.", [["ArtII.Sec1.1"]]),
        ("Art. II § 2 is fine.", [["ArtII.Sec2"]]),
        ("Section 2 of Article I: once a year is not enough.", [["ArtI.Sec2"]]),
        ("Article I, Section 2, paragraph 2 is welcome.", [["ArtI.Sec2.2"]]),
        ("Art. I, Sec. 1 and Sec. 2 overlap.", [["ArtI.Sec1", "ArtI.Sec2"]]),
        ("Article II as a whole is welcome.", [["ArtII"]]),
        ("Appendix I needs a definition of a station.", [["AppendixI"]]),
        ("FLOW-01 and FLOW-02a contradict each other.", [["FLOW-01"], ["FLOW-02a"]]),
        ("Principles 1 and 2 should be merged.", [["Principle1", "Principle2"]]),
        ("COVID-19 and Figure 3 show why PRINCIPLE 1 matters.", [["Principle1"]]),
    ],
)
def test_citations_as_a_constitution_is_cited(written, ids):
    """Articles in sections ("Art. II, Sec. 1(1)", "§"), appendices, codes and named provisions;
    a word and a number that name no provision of the draft ("COVID-19") are not references."""
    draft = draft_from_text(_CHARTER, "v1")
    found = refs(history([draft, draft]), [Comment(1, written)], on=0).references
    assert [r.ids for r in found] == ids, [(r.text, r.ids) for r in found]


@pytest.mark.parametrize(
    ("written", "ids"),
    [
        ("Annex I Parties and non-Annex I Parties should both act under article 4, paragraph 9.", [["Art4.9"]]),
        ("Art. 4 § 10 is fine.", [["Art4.10"]]),
        ("In Art. 2, para 1(a), hold the temperature goal.", [["Art2.1(a)"]]),
        ("Article IV of the GATT is not this text; see para 2 of Art. 9.", [["Art9.2"]]),
        ("Figure 1, Figure 2 and Table 3: see para 12 of Art. 9.", [["Art9.12"]]),
    ],
)
def test_constitution_forms_leave_a_treatys_citations_as_they_were(written, ids):
    """The section and appendix grammar keeps items, reads "§" after a numbered article as
    its paragraph, and never reads "Annex I Parties", another treaty's "Article IV" or a
    figure as a reference to the draft."""
    draft = draft_from_text(_TREATY, "dec09")
    found = refs(history([draft, draft]), [Comment(1, written)], on=0).references
    assert [r.ids for r in found if not r.external] == ids, [(r.text, r.ids) for r in found]


def test_an_annexs_paragraph_in_a_draft_that_numbers_it_alone():
    """ "Annex II, paragraph 4(a)" where the draft's annex numbers its paragraphs without the annex."""
    draft = draft_from_text("Decision\n\n1. Adopts the rules.\n\nAnnex II\n\n4. The rules:\n\n(a) Apply;\n", "v1")
    found = refs(history([draft, draft]), [Comment(1, "Annex II, paragraph 4(a) should apply later.")], on=0)
    assert [r.ids for r in found.references] == [["4(a)"]]
