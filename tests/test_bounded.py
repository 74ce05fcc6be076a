"""Bounded work and memory on hostile inputs to the many-draft commands
(issue 31, items 2, 6, 11, 17): comment files, phrases, DOCX comments and
brackets. No timing here (benchmarks/hostile_scale.py measures): the tests
count the work done, or use small caps, and check the answers on large inputs."""

from __future__ import annotations

import codecs
import random
import re

import pytest

from conftest import SAMPLES, draft_from_text, run_cli
from draftdiff.document import citations
from draftdiff.negotiation import refs as refs_module
from draftdiff.negotiation.history import history
from draftdiff.negotiation.refs import StakeholderComment as Comment
from draftdiff.negotiation.refs import read_comments, refs

_DRAFT = "Title\n\n" + "".join(f"{k}. Parties shall cooperate on matter number {k}.\n\n" for k in range(1, 60))
_LATER = _DRAFT.replace("matter number 38.", "matter number 38 without delay.")


@pytest.fixture(scope="module")
def two_drafts():
    return history([draft_from_text(_DRAFT, "a"), draft_from_text(_LATER, "b")], ["a", "b"])


# -- comments: refs ------------------------------------------------------------------------


def test_a_comment_citing_one_paragraph_thousands_of_times_is_resolved_once(two_drafts, monkeypatch):
    calls = []
    real = refs_module._part
    monkeypatch.setattr(refs_module, "_part", lambda *a: calls.append(a) or real(*a))
    found = refs(two_drafts, [Comment(1, " ".join(["para 38"] * 900))], on=0)
    assert len(found.references) == 900 and not found.warnings
    assert all(r.ids == ["38"] and r.now["38"].outcome == "modified" for r in found.references)
    assert len(calls) == 1  # one resolution for 900 identical references


def test_references_beyond_the_cap_are_left_with_a_warning(two_drafts, monkeypatch):
    monkeypatch.setattr(refs_module, "MAX_CITATIONS", 10)
    found = refs(two_drafts, [Comment(7, "In para 12 and " + " ".join(["para 38"] * 50))], on=0)
    assert [r.ids for r in found.references] == [["12"]] + [["38"]] * 9
    assert found.warnings == [
        "comment 7 cites paragraphs more than 10 times: only its first 10 references are followed"
    ]


def _mixed_citations(rng: random.Random, count: int) -> str:
    forms = [
        "para {n}",
        "paragraphs {n} and {m}",
        "paras {n} to {m}",
        "article {n}, paragraph {m}",
        "Art. {n}",
        "the {n}s",
        "{n} bis",
        "SDG target 1{n}.2",
        "OP{n}",
        "§ {n}",
        "GCM, para {n}",
    ]
    words = ["we", "support", "the", "text", "of", "and", "note", "that"]
    pieces = []
    for _ in range(count):
        pieces.append(rng.choice(forms).format(n=rng.randint(1, 60), m=rng.randint(1, 60)))
        pieces += rng.choices(words, k=rng.randint(0, 3))
    return " ".join(pieces)


def test_a_limited_search_finds_exactly_the_first_citations():
    rng = random.Random(5)
    for _ in range(60):
        text = _mixed_citations(rng, rng.randint(1, 80))
        everything = citations.find_citations(text)
        for limit in (0, 1, 3, 10, 40):
            assert citations.find_citations(text, limit=limit) == everything[: limit + 1]


def test_a_list_after_one_keyword_is_read_to_its_cap_with_a_warning(two_drafts):
    listed = "paras " + ", ".join(str(k % 59 + 1) for k in range(1200))
    found = citations.find_citations(listed)
    assert [len(c.parts) for c in found] == [citations.MAX_LISTED]
    result = refs(two_drafts, [Comment(4, listed)], on=0)
    assert result.warnings == [
        'comment 4 lists more than 500 paragraph numbers after one "paras": the numbers after the 500th are not read'
    ]


class _CountingPattern:
    """A compiled pattern that counts the characters it is asked to scan."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.scanned = 0

    def finditer(self, text: str, *args):
        self.scanned += len(text)
        return self.pattern.finditer(text, *args)


def test_the_sentence_before_each_reference_is_read_once_per_comment(two_drafts, monkeypatch):
    counting = _CountingPattern(refs_module._SENTENCE_RE)
    monkeypatch.setattr(refs_module, "_SENTENCE_RE", counting)
    text = "In b, paragraph 38 is better. " + "We also note para 12 and para 13 here. " * 400
    found = refs(two_drafts, [Comment(1, text)], on=0)
    assert found.references[0].draft == 1  # "In b, paragraph 38": the draft named before, in its sentence
    assert all(r.draft == 0 for r in found.references[1:])
    assert counting.scanned <= 2 * len(text)


def test_a_draft_named_earlier_in_the_sentence_still_wins(two_drafts):
    text = "Compared with a. In b, as said, paragraph 12 and paragraph 13 differ. Paragraph 14 too."
    found = refs(two_drafts, [Comment(1, text)], on=0)
    assert [(r.text, r.draft) for r in found.references] == [
        ("paragraph 12", 1),
        ("paragraph 13", 1),
        ("Paragraph 14", 0),
    ]


def test_proposals_beyond_the_cap_are_left_with_a_warning_and_each_wording_is_followed_once(two_drafts, monkeypatch):
    calls = []
    real = refs_module._uptake_of
    monkeypatch.setattr(refs_module, "_uptake_of", lambda *a: calls.append(a) or real(*a))
    repeated = [Comment(k, "For para 38, we suggest adding 'without delay'.") for k in range(1, 200)]
    found = refs(two_drafts, repeated, on=0)
    assert len(found.proposals) == 199 and {p.status for p in found.proposals} == {"adopted"}
    assert len(calls) == 1  # the same wording for the same paragraph: followed once
    monkeypatch.setattr(refs_module, "MAX_PROPOSALS", 5)
    many = Comment(9, "On para 12: " + " ".join(f"add 'word number {k}'," for k in range(20)))
    found = refs(two_drafts, [many], on=0)
    assert [p.words for p in found.proposals] == [f"word number {k}" for k in range(5)]
    assert found.warnings == [
        "comment 9 has more than 5 proposal verbs (add, insert, replace …): only the first 5 are read"
    ]


def test_a_wording_after_the_following_is_cut_at_the_reach_with_a_warning(two_drafts, monkeypatch):
    monkeypatch.setattr(refs_module, "PROPOSAL_REACH", 60)
    text = "On para 12, the following wording: " + "shall cooperate fully " * 20
    found = refs(two_drafts, [Comment(3, text)], on=0)
    (proposal,) = found.proposals
    assert len(proposal.words) <= 60 and proposal.words.startswith("shall cooperate fully")
    assert "longer than 60 characters" in found.warnings[0]


def test_a_markdown_heading_of_many_spaces_names_its_author_at_once():
    # the pattern ".+?\s*#*$" backtracked: 40,000 spaces took 11 s, 100,000 about 70 s
    text = "## a" + " " * 100_000 + "b ##\n\nWe support para 12.\n"
    (comment,) = refs_module._split(text, None)
    assert comment.author == "a" + " " * 100_000 + "b" and comment.text == "We support para 12."
    for heading, author in [("## Norway ##", "Norway"), ("## C# team", "C# team"), ("### #", "#")]:
        assert refs_module._split(f"{heading}\n\nText.", None)[0].author == author


def test_a_comments_file_beyond_the_cap_is_cut_with_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(refs_module, "MAX_COMMENTS", 5)
    rows = "".join(f"A{k},We support para {k}.\n" for k in range(1, 9))
    heard: list[str] = []
    path = tmp_path / "many.csv"
    path.write_text("author,text\n" + rows, encoding="utf-8")
    found = read_comments(path, notify=heard.append)
    assert [c.author for c in found] == ["A1", "A2", "A3", "A4", "A5"]
    assert heard == [f"warning: {path}: more than 5 comments; only the first 5 are read"]
    text = tmp_path / "many.txt"
    text.write_text("\n\n".join(f"We support para {k}." for k in range(1, 9)), encoding="utf-8")
    assert len(read_comments(text, notify=heard.append)) == 5 and len(heard) == 2


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: text.encode("utf-16"),  # the machine's order, with its BOM
        lambda text: text.replace(",", "\t").encode("utf-16"),  # Excel's "Unicode text"
        lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
        lambda text: text.replace(",", ";").encode("utf-8-sig"),  # a European Excel CSV
    ],
)
def test_comments_in_utf16_utf32_or_with_tabs_are_read(tmp_path, encode):
    text = "author,text\nAmina Diallo,We support para 12 – “firmly”.\nJonas Berg,See para 13.\n"
    path = tmp_path / "comments.csv"
    path.write_bytes(encode(text))
    found = read_comments(path)
    assert [(c.author, c.text) for c in found] == [
        ("Amina Diallo", "We support para 12 – “firmly”."),
        ("Jonas Berg", "See para 13."),
    ]


def test_utf16_without_a_bom_is_one_clear_line(tmp_path):
    path = tmp_path / "comments.csv"
    path.write_bytes("author,text\nA,We support para 12.\n".encode("utf-16-le"))
    result = run_cli("refs", str(path), "--on", "rev1", cwd=SAMPLES)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "UTF-16" in result.stderr and "save the comments as UTF-8" in result.stderr


# -- brackets: stats, parse, compare -------------------------------------------------------


def test_deeply_nested_brackets_are_counted_all_and_listed_to_the_depth_cap(tmp_path):
    from draftdiff.document import brackets

    nested = "[" * 5000 + "x" + "]" * 5000
    found = brackets.scan(f"Parties shall {nested} act.")
    assert len(found.spans) == brackets.MAX_DEPTH and max(s.depth for s in found.spans) == brackets.MAX_DEPTH
    assert sum(len(s.text) for s in found.spans) < brackets.MAX_DEPTH * 10_001
    assert brackets.counts([f"Parties shall {nested} act."]).brackets == 5000
    path = tmp_path / "nested.txt"
    path.write_text(f"Title\n\n1. Parties shall {nested} act.\n\n2. Other text.\n", encoding="utf-8")
    result = run_cli("parse", str(path), "--format", "json")
    assert result.returncode == 0 and len(result.stdout) < 400_000  # 20,000 nested wrote 1 GB
    assert "1 paragraph with brackets nested more than 16 deep" in result.stderr
    stats = run_cli("stats", str(path), str(path), "--format", "json")
    assert stats.returncode == 0 and '"brackets": 5000' in stats.stdout


def test_bracket_pairs_beyond_the_cap_are_counted_not_listed(tmp_path, monkeypatch):
    from draftdiff.document import brackets
    from draftdiff.readers import load

    monkeypatch.setattr(brackets, "MAX_SPANS", 5)
    text = "Parties " + " and ".join(f"[w{k}]" for k in range(12)) + " act."
    found = brackets.scan(text)
    assert [s.text for s in found.spans] == [f"w{k}" for k in range(5)]
    assert brackets.counts([text]).brackets == 12
    path = tmp_path / "many.txt"
    path.write_text(f"Title\n\n1. {text}\n", encoding="utf-8")
    assert [str(w) for w in load(path).warnings] == [
        "1 paragraph with more than 5 bracket pairs: the first 5 are listed, all are counted"
    ]


def test_the_context_of_every_bracket_is_what_reading_the_text_around_it_says():
    from draftdiff.diff.brackets import _Context, _context_words

    rng = random.Random(2)
    for _ in range(400):
        tokens = rng.choices(["[", "]", "a", "b", "cc", ","], k=rng.randint(0, 30))
        text = "".join(t if t in "[]," else f" {t} " for t in tokens)
        context = _Context(text)
        for place in [k for k in range(len(text) + 1) if k == 0 or not text[k - 1 : k + 1].isalnum()]:
            before, after = _context_words(text[:place]), _context_words(text[place:])
            for count in (1, 2, 3):
                assert context.before(place, count) == (before[-count:], bool(before))
                assert context.after(place, count) == (after[:count], bool(after))


class _CountingTokens:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.read = 0

    def finditer(self, text: str):
        self.read += len(text)
        return self.pattern.finditer(text)

    def findall(self, text: str):
        self.read += len(text)
        return self.pattern.findall(text)


def test_thousands_of_brackets_in_one_change_are_resolved_reading_the_text_once(monkeypatch):
    from types import SimpleNamespace

    from draftdiff.diff import brackets as resolution

    counting = _CountingTokens(resolution._CONTEXT_TOKEN_RE)
    monkeypatch.setattr(resolution, "_CONTEXT_TOKEN_RE", counting)
    old = draft_from_text(
        "T\n\n1. Parties " + " ".join(f"[a{k}] [b{k}] x{k}" for k in range(450)) + " act.\n", "o"
    ).paragraphs[0]
    new = draft_from_text("T\n\n1. Parties " + " ".join(f"a{k} x{k}" for k in range(450)) + " act.\n", "n").paragraphs[
        0
    ]
    found = resolution.resolutions(SimpleNamespace(old=[old], new=[new], option_totals=None))
    assert [f["new"] for f in found] == [f"a{k}" for k in range(450)]
    assert {f["resolution"] for f in found} == {"kept"}
    assert counting.read <= 2 * len(old.text)  # each bracket read its whole text twice before


# -- DOCX comments: parse and export ---------------------------------------------------------


def _commented_docx(path, count: int, words: str = "Parties shall cooperate.") -> None:
    from draftdiff.writers.wordml import DocxWriter, Para, Run

    writer = DocxWriter(title="Draft")
    ids = [writer.comment(f"Author {k % 7}", f"Comment number {k}", "2030-01-01T00:00:00Z") for k in range(count)]
    writer.add(Para([Run("Draft")], style="Title"))
    writer.add(Para([Run("1. " + words)], comments=ids))
    writer.add(Para([Run("2. Other text.")]))
    path.write_bytes(writer.to_bytes())


def test_thousands_of_comments_on_one_paragraph_are_read_each_once(tmp_path, monkeypatch):
    from draftdiff.readers import docx as docx_reader
    from draftdiff.readers import load

    monkeypatch.setattr(docx_reader, "_OPEN_RANGES", 10)
    path = tmp_path / "many.docx"
    _commented_docx(path, 3000)
    draft = load(path)
    (commented,) = [p for p in draft.paragraphs if p.comments]
    assert [c.text for c in commented.comments] == [f"Comment number {k}" for k in range(3000)]
    assert [w for w in map(str, draft.warnings) if "comment ranges" in w] == [
        "more than 10 comment ranges open at once: the words 2,990 more comments stand on are not read "
        "(the comments are)"
    ]
    anchors = [c["anchor"] for c in draft.comments]
    assert anchors[:10] == ["1. Parties shall cooperate."] * 10 and set(anchors[10:]) == {""}


def test_an_export_carries_thousands_of_comments_on_one_paragraph(tmp_path):
    import zipfile

    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    _commented_docx(old, 2000)
    _commented_docx(new, 0, "Parties should cooperate.")
    out = tmp_path / "redline.docx"
    result = run_cli("export", str(old), str(new), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode()
        comments = package.read("word/comments.xml").decode()
    assert body.count("<w:commentRangeStart") == 2000 and body.count("<w:commentReference") == 2000
    assert comments.count("Comment number") == 2000


# -- phrases: trace ---------------------------------------------------------------------------


def test_a_long_periodic_phrase_is_traced_with_an_automaton_built_in_linear_time(monkeypatch):
    import ahocorasick_rs

    from draftdiff.negotiation.trace import trace

    built = []
    real = ahocorasick_rs.AhoCorasick

    def spy(patterns, **options):
        built.append(options)
        return real(patterns, **options)

    monkeypatch.setattr(ahocorasick_rs, "AhoCorasick", spy)
    periodic = " ".join(["ab"] * 3000)
    text = f"Title\n\n1. Parties shall {periodic} act.\n\n2. Other text.\n"
    drafts = [draft_from_text(text, "a"), draft_from_text(text.replace("shall", "should"), "b")]
    phrase = " ".join(["ab"] * 2500)  # 7,500 characters; 100,000 took 25 s to build as a DFA
    found = trace(history(drafts, ["a", "b"]), [phrase, "other text", "shall ab ab"])
    assert built and built[0]["implementation"] == ahocorasick_rs.Implementation.ContiguousNFA
    statuses = {t.phrase[:11]: t.status for t in found.phrases}
    assert statuses == {"ab ab ab ab": "kept", "other text": "kept", "shall ab ab": "dropped"}


def test_free_text_comments_in_utf16_are_read(tmp_path):
    path = tmp_path / "thread.txt"
    path.write_bytes("From: Delegation X\nWe support para 12 – “firmly”.\n".encode("utf-16"))
    (comment,) = read_comments(path)
    assert (comment.author, comment.text) == ("Delegation X", "We support para 12 – “firmly”.")
