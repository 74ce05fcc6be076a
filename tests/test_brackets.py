"""Brackets and options: the pass over a paragraph, the counts of real drafts
against a count made another way, resolutions through a generated chain,
check and stats."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest

import draftdiff
from conftest import SAMPLES, corpus_dir, draft_from_text, run_cli
from draftdiff.document.brackets import counts, scan, unbalanced
from draftdiff.rules import check


def test_the_pass_finds_nested_spans_alternatives_placeholders_and_options():
    found = scan("Parties [shall][should] submit [[an] adaptation communication[s]] every [2/5] years [...]")
    assert [(s.text, s.depth) for s in found.spans] == [
        ("shall", 1),
        ("should", 1),
        ("[an] adaptation communication[s]", 1),
        ("an", 2),
        ("s", 2),
        ("2/5", 1),
        ("...", 1),
    ]
    assert next([s.inner for s in g] for g in found.alternatives) == ["shall", "should"]
    assert ["developed", "all"] in [[s.inner for s in g] for g in scan("[developed/all] Parties").alternatives]
    assert [s.text for s in found.placeholders] == ["..."]
    assert scan("Option 2: Recognizing the fund").option == "Option 2"
    assert scan("Alt. 1 The Parties shall").option == "Alt. 1"
    broken = scan("Parties [shall report] every] two [years")
    assert broken.unbalanced == 2 and len(broken.spans) == 1  # a count, never an exception


def test_the_readers_quick_count_of_lone_brackets_agrees_with_the_full_counts():
    rng = random.Random(11)
    pieces = ["[", "]", "Parties", " shall ", "[a]", "]]", "[[", "Option 1:", "{...}"]
    for _ in range(500):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(0, 6))]
        assert unbalanced(texts) == counts(texts).unbalanced, texts
    assert unbalanced(["Parties shall] report", "every [two [years"]) == 3


def _independent_count(text: str, markdown: bool) -> int:
    """Every "[" that opens a bracket, counted without the bracket pass:
    characters; in Markdown, less its own uses of "[": footnote marks
    ("[^1]"), link definitions ("[label]: url") and the two pairs of a
    reference link whose label is defined ("[text][label]")."""
    if not markdown:
        return text.count("[")
    labels = set(re.findall(r"(?m)^\s*\[([^\]^]+)\]:\s*\S", text))
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = re.sub(r"(?m)^\s*\[[^\]]+\]:\s*\S.*$", "", text)
    text = re.sub(r"\[([^\[\]]*)\]\[([^\[\]]*)\]", lambda m: m.group(1) if m.group(2) in labels else m.group(), text)
    text = re.sub(r"\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    return text.count("[")


@pytest.mark.parametrize(
    "name",
    [
        "cop21__2015-02-12_geneva_negotiating_text.pdf",
        "cop21__2015-10-05_ADP2_8infnot_non-paper.pdf",
        "cop21__2015-10-23_draft_agreement.md",
    ],
)
def test_counts_of_the_paris_stages_agree_with_a_count_made_another_way(name):
    path = corpus_dir("negotiation_text") / name
    draft = draftdiff.load(path)
    ours = draft.bracket_counts
    if name.endswith(".pdf"):
        if not shutil.which("pdftotext"):
            pytest.skip("pdftotext (poppler-utils) not installed")
        raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True).stdout
    else:
        raw = path.read_text(encoding="utf-8")
    expected = _independent_count(raw, markdown=name.endswith(".md"))
    found = ours.brackets + ours.unbalanced  # every "[": the pairs, and those never closed or opened
    assert abs(found - expected) <= max(2, 0.02 * expected), (found, expected, ours.to_json())


# -- resolutions through a generated chain ----------------------------------------------------

CHOICES = [("shall", "should"), ("developed country Parties", "all Parties"), ("2025", "2030"), ("ensure", "promote")]
TAILS = ["report on progress", "support adaptation", "mobilize finance", "share information", "review the plan"]


def bracket_chain(seed: int):
    """Paragraphs of alternatives and bracketed phrases that close one at a
    time, in known ways: (texts, expected resolutions per step)."""
    rng = random.Random(seed)
    paras = []
    for _ in range(12):
        a, b = rng.choice(CHOICES)
        paras.append(
            {"a": a, "b": b, "extra": rng.choice(["in a timely manner", "as soon as possible"]), "state": "open"}
        )
    texts, truth = [], []

    def render():
        lines = []
        for n, p in enumerate(paras, 1):
            if p["state"] == "open":
                choice = f"[{p['a']}][{p['b']}]"
            elif p["state"] == "deleted":
                choice = ""
            else:
                choice = p["state"]
            extra = (
                f" [{p['extra']}]" if p.get("extra_open", True) else (f" {p['extra']}" if p.get("extra_kept") else "")
            )
            body = f"The Parties {choice} {TAILS[n % len(TAILS)]}{extra} (item {n}).".replace("  ", " ")
            lines.append(f"{n}. {body}")
        return "Draft\n\n" + "\n\n".join(lines) + "\n"

    texts.append(render())
    for step in range(3):
        expected = set()
        for n, p in enumerate(paras, 1):
            if n % 3 != step:
                continue
            how = rng.choice(["first", "second", "deleted"])
            if how == "first":
                p["state"] = p["a"]
                expected.add((str(n), "kept", p["a"]))
            elif how == "second":
                p["state"] = p["b"]
                expected.add((str(n), "kept", p["b"]))
            else:
                p["state"] = "deleted"
                expected.add((str(n), "deleted", ""))
            if rng.random() < 0.5:
                p["extra_open"], p["extra_kept"] = False, True
                expected.add((str(n), "agreed", p["extra"]))
        texts.append(render())
        truth.append(expected)
    return texts, truth


def test_brackets_close_one_by_one_and_compare_names_each_resolution():
    wrong = []
    for seed in range(8):
        texts, truth = bracket_chain(seed)
        drafts = [draft_from_text(t, f"d{k}") for k, t in enumerate(texts)]
        for k, expected in enumerate(truth):
            comparison = draftdiff.compare(drafts[k], drafts[k + 1])
            got = {
                (c.new_ids[0], item["resolution"], item["new"].lower())
                for c in comparison.changes
                for item in c.brackets
            }
            want = {(i, r, w.lower()) for i, r, w in expected}
            if got != want:
                wrong.append((seed, k, sorted(got ^ want)))
    assert wrong == []


def test_check_reports_a_bracket_resolved_weaker_as_info_not_as_weakening():
    old = draft_from_text("T\n\n1. Parties [shall][should] report every two years.\n\n2. States shall act.\n", "o")
    new = draft_from_text("T\n\n1. Parties should report every two years.\n\n2. States should act.\n", "n")
    found = {(f.rule, f.severity, f.new) for f in check(draftdiff.compare(old, new)).findings}
    assert found == {("DD111", "info", "1"), ("DD101", "warning", "2")}


def test_parse_stats_and_compare_speak_brackets(tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text(
        "Draft\n\n1. Parties [shall][should] report.\n\n2. Option 1: Parties report.\n\n3. Text [open\n",
        encoding="utf-8",
    )
    parsed = run_cli("parse", str(source), "--format", "json")
    document = json.loads(parsed.stdout)
    assert document["brackets"]["brackets"] == 2 and document["brackets"]["options"] == 1
    assert document["brackets"]["unbalanced"] == 1 and "without a partner" in parsed.stderr + json.dumps(
        document["warnings"]
    )
    assert document["paragraphs"][0]["brackets"]["alternatives"] == [["shall", "should"]]
    out = json.loads(run_cli("stats", "--format", "json", cwd=SAMPLES).stdout)
    assert out["schema"] == "draftdiff.stats/1" and [d["name"] for d in out["drafts"]] == [
        "zero",
        "rev1",
        "rev2",
        "rev3",
        "final",
    ]
    assert {"brackets", "alternatives", "options", "bracketed_words", "open_paragraphs"} <= set(out["drafts"][0])
    assert len(out["steps"]) == 4 and set(out["steps"][0]) == {
        "old",
        "new",
        "brackets_resolved",
        "brackets_added",
        "options_resolved",
    }
    html = tmp_path / "stats.html"
    assert run_cli("stats", "-o", str(html), cwd=SAMPLES).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "default-src 'none'" in page and "<script" not in page


def test_option_lines_are_never_sections():
    draft = draftdiff.load(corpus_dir("negotiation_text") / "cop21__2015-10-23_draft_agreement.md")
    assert not [p.id for p in draft.paragraphs if p.kind.value == "heading" and p.text.lower().startswith("option")]
    assert not [p.section for p in draft.paragraphs if p.section.lower().startswith("option")]
    text = draft_from_text(
        "Draft\n\nPreamble\n\nOption 2: Recognizing the fund\n\nNoting the report,\n\nAlso noting,\n", "t"
    )
    assert [p.section for p in text.paragraphs] == ["Preamble"] * 4  # the heading, the option and what follows


def test_an_option_kept_is_named_with_the_size_of_its_block():
    old = draft_from_text(
        "Draft\n\nArticle 4\n\nOption 1: Parties shall report every year.\n\n"
        "Option 2: Parties shall report every two years on their efforts.\n\nOption 3: No provision.\n", "o"
    )  # fmt: skip
    new = draft_from_text("Draft\n\nArticle 4\n\nParties shall report every two years on their efforts.\n", "n")
    found = [item["message"] for change in draftdiff.compare(old, new).changes for item in change.brackets]
    assert "option 2 of 3 kept" in found


def test_the_october_stage_as_markdown_and_as_pdf_gives_the_same_counts(tmp_path):
    """The corpus has the 23 October 2015 stage as published in Markdown only;
    its PDF is made here the way delegations make them (a Word file printed to
    PDF by LibreOffice), and the PDF reader must find the same brackets."""
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) not installed")
    from conftest import soffice_convert
    from draftdiff.writers.wordml import DocxWriter, Para, Run

    markdown = draftdiff.load(corpus_dir("negotiation_text") / "cop21__2015-10-23_draft_agreement.md")
    writer = DocxWriter(title=markdown.title)
    writer.add(Para([Run(markdown.title)], style="Title"))
    for para in markdown.paragraphs:
        style = "Heading1" if para.kind.value == "heading" else None
        writer.add(Para([Run(para.display)], style=style))
    source = tmp_path / "draft.docx"
    source.write_bytes(writer.to_bytes())
    pdf = draftdiff.load(soffice_convert(source, tmp_path, "pdf"))
    a, b = markdown.bracket_counts, pdf.bracket_counts
    for field in ("brackets", "alternatives", "options", "bracketed_words"):
        x, y = getattr(a, field), getattr(b, field)
        assert abs(x - y) <= max(2, 0.02 * x), (field, x, y)


def test_stats_table_cuts_long_draft_names_never_numbers(tmp_path):
    # file names as labels (no register): long and alike, as downloads are
    names = []
    for k, words in enumerate((120, 4000, 23)):
        path = tmp_path / f"negotiating_text_of_the_ad_hoc_working_group_session_{k}.txt"
        body = " ".join(f"[w{i}]" if i % 7 == 0 else f"w{i}" for i in range(words))
        path.write_text(f"Draft\n\n1. {body}\n\n2. Option 1: Parties report.\n", encoding="utf-8")
        names.append(str(path))
    document = json.loads(run_cli("stats", *names, "--format", "json").stdout)
    for columns in ("72", "80", "120"):
        out = run_cli("stats", *names, "--no-color", env={"COLUMNS": columns})
        lines = out.stdout.splitlines()
        assert "[words]" in lines[0] and "open" in lines[0], lines[0]
        for line, draft in zip(lines[1:4], document["drafts"], strict=True):
            cells = line.split()
            expected = [str(draft[key]) for key in ("paragraphs", "words", "brackets", "alternatives", "options")]
            expected += [str(draft["bracketed_words"]), str(draft["open_paragraphs"])]
            assert cells[1:8] == expected, (columns, line)
            assert len(line.rstrip()) <= int(columns)


def test_bracketed_text_and_labels_are_never_read_as_console_markup(tmp_path):
    # "[shall]", "[red]" and "[/]" are draft text; a terminal table must show them as written
    old = tmp_path / "rev[red]1.txt"
    new = tmp_path / "rev2.txt"
    old.write_text("Draft\n\n1. Parties [shall] report on [red]progress[/red] and [/] this.\n", encoding="utf-8")
    new.write_text("Draft\n\n1. Parties [should] report on [red]progress[/red] and [/] this.\n", encoding="utf-8")
    ansi = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
    env = {"FORCE_COLOR": "1", "COLUMNS": "200"}
    revert = run_cli("history", str(old), str(new), "--revert-to", "rev[red]1", "-p", "1", env=env)
    assert revert.returncode == 0, revert.stderr
    shown = ansi.sub("", revert.stdout)
    assert "Parties [should] report on [red]progress[/red] and [/] this." in shown
    assert "Parties [shall] report on [red]progress[/red] and [/] this." in shown
    grid = ansi.sub("", run_cli("history", str(old), str(new), "--no-pager", env=env).stdout)
    assert "rev[red]1" in grid
    side = ansi.sub("", run_cli("compare", str(old), str(new), "--side-by-side", env=env).stdout)
    assert "[/] this." in side and "[red]progress[/red]" in side


def test_resolutions_show_the_words_as_printed_and_name_a_rewording():
    old = draft_from_text(
        "Draft\n\n1. Parties aim to hold the increase in temperature [below 2 °C][below 1.5 °C above pre-industrial "
        "levels] by the end of the century.\n\n2. Parties note the work of the Committee.\n\n"
        "[3. Each Party shall report on the support it has provided, in a biennial report.]\n", "o"
    )  # fmt: skip
    new = draft_from_text(
        "Draft\n\n1. Parties aim to hold the increase in temperature below 1.5 °C above pre-industrial levels by "
        "the end of the century.\n\n2. Parties note the work of the Committee.\n\n"
        "3. Each Party shall report every two years on the support it provided.\n", "n"
    )  # fmt: skip
    found = {
        change.new_ids[0]: [(item["resolution"], item["new"]) for item in change.brackets]
        for change in draftdiff.compare(old, new).changes
        if change.new
    }
    assert found["1"] == [("kept", "below 1.5 °C above pre-industrial levels")]
    assert found["3"] == [("reworded", "Each Party shall report every two years on the support it provided")]


# -- a split: each bracket set read in the pieces that took up its words ------------------------

_SPLIT_OLD = (
    "Each Party's report [shall][should] reflect the progress made since its previous report, noting that those "
    "Parties that have reported before should continue to do so. Each report [shall][should] reflect the Party's "
    "highest effort, in light of its national circumstances."
)


def _split(pieces: list[str]):
    """A comparison in which paragraph 2 (``_SPLIT_OLD``) was split into ``pieces`` (2, 2bis, 2ter …),
    its words diffed over the pieces joined, as compare does for a split."""
    from draftdiff.diff.comparison import Change, Comparison
    from draftdiff.diff.wording import diff

    old = draft_from_text(f"Draft\n\n2. {_SPLIT_OLD}\n", "o")
    ids = ["2", "2bis", "2ter", "2quater"]
    new = draft_from_text("Draft\n\n" + "\n\n".join(f"{i}. {p}" for i, p in zip(ids, pieces, strict=False)) + "\n", "n")
    olds, news = [p for p in old.paragraphs if p.id == "2"], [p for p in new.paragraphs if p.id in ids]
    words = diff(" ".join(p.text for p in olds), " ".join(p.text for p in news))
    change = Change(kind="split", old=olds, new=news, edits=words.edits, segments=words.segments)
    return Comparison(old=old, new=new, changes=[change]), change


def test_a_split_resolves_a_bracket_in_the_piece_that_chose_and_keeps_it_open_where_it_stays():
    # the second set goes to two pieces: an alternative that keeps "[shall][should]" open, and a
    # paragraph that takes up its words ("reflects the Party's highest effort") and chose "should"
    comparison, change = _split(
        [
            "Each Party's report [shall][should] reflect the progress made since its previous report.",
            "Alt: Each report [shall][should] reflect the highest effort, in light of its circumstances.",
            "Each Party should ensure that its report reflects the Party's highest effort, in light of its "
            "national circumstances and of the best available science.",
        ]
    )
    kept = [(item["in"], item["old"], item["new"]) for item in change.brackets if item["resolution"] == "kept"]
    assert kept == [("2ter", "[shall][should]", "should")]
    assert change.to_json()["brackets"][0]["in"] == "2ter"
    found = [(f.rule, f.old, f.new, f.before, f.after) for f in check(comparison).findings]
    assert found == [
        ("DD111", "2", "2ter", "[shall][should] reflect", "Each Party should ensure that its report reflects")
    ]


@pytest.mark.parametrize(
    "last",
    [
        # every piece keeps the set open
        "Each Party's report [shall][should] ensure that it reflects the Party's highest effort.",
        # the stronger alternative chosen: a bracket resolved, nothing weakened
        "Each Party shall ensure that its report reflects the Party's highest effort.",
        # the words around the set are not taken up: another sentence, whatever modal it has
        "Parties should cooperate in preparing their reports.",
    ],
)
def test_a_split_names_no_weaker_choice_where_no_piece_made_one(last):
    comparison, change = _split(
        ["Each Party's report [shall][should] reflect the progress made since its previous report.", last]
    )
    assert not [f for f in check(comparison).findings if f.rule in ("DD101", "DD111")]
    assert all(item.get("new") != "should" for item in change.brackets)
