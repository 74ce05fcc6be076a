"""Two drafts read side by side (a forked process for the second) are the
drafts a single read gives, and a bad file gives the single read's error."""

from __future__ import annotations

import os

import pytest

import draftdiff.execution as execution
import draftdiff.readers as readers
from conftest import SAMPLES, corpus_dir
from draftdiff import load
from draftdiff.errors import InputError
from draftdiff.readers import load_pair


def same(a, b) -> bool:
    return a.to_json() == b.to_json() and [str(w) for w in a.warnings] == [str(w) for w in b.warnings]


def forks_here() -> bool:
    """The execution policy lets this machine fork (Linux, two cores, not turned off)."""
    return execution.processes_allowed()


@pytest.fixture
def always_parallel(monkeypatch):
    """Small files too, and two cores whatever the machine, so that the tests exercise the forked read
    wherever the policy allows one (and the reading in this process everywhere else)."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(
        execution, "WORTH_FROM", {**execution.WORTH_FROM, "read .pdf": 0, "read .docx": 0, "read text": 0}
    )


def test_side_by_side_reads_give_the_same_drafts(always_parallel):
    assert readers._worth_a_process(SAMPLES / "rev2.pdf", SAMPLES / "rev3.docx") == forks_here()
    for old, new in (("rev2.pdf", "rev3.pdf"), ("rev2.docx", "rev3.docx"), ("zero.txt", "final.txt")):
        pair = load_pair(SAMPLES / old, SAMPLES / new, labels=("A", None))
        assert pair[0].label == "A" and pair[1].label == load(SAMPLES / new).label
        assert same(pair[0], load(SAMPLES / old, label="A")) and same(pair[1], load(SAMPLES / new))


def test_a_bad_second_file_gives_the_error_a_single_read_gives(always_parallel, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00" * 5000)
    with pytest.raises(InputError) as single:
        load(broken)
    with pytest.raises(InputError) as paired:
        load_pair(SAMPLES / "rev2.txt", broken)
    assert str(paired.value) == str(single.value) and paired.value.path == str(broken)


def test_small_files_are_read_in_this_process(tmp_path):
    assert not readers._worth_a_process(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")
    assert not readers._worth_a_process(SAMPLES / "rev2.txt", tmp_path / "missing.txt")


def test_corpus_pdfs_side_by_side():
    folder = corpus_dir("negotiation_text")
    old = folder / "cop21__2015-02-12_geneva_negotiating_text.pdf"
    new = folder / "cop21__2015-10-05_ADP2_8infnot_non-paper.pdf"
    assert readers._worth_a_process(old, new) == forks_here()  # large enough to be read side by side
    pair = load_pair(old, new)
    assert same(pair[0], load(old)) and same(pair[1], load(new))


def test_many_drafts_read_on_every_core_in_order_with_their_errors(always_parallel, tmp_path):
    from draftdiff.errors import DraftDiffError
    from draftdiff.readers import load_each

    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a real package")
    paths = [SAMPLES / "zero.pdf", broken, SAMPLES / "rev1.docx", SAMPLES / "rev2.txt", SAMPLES / "final.pdf"]
    read = load_each(paths, labels=["Z", None, None, "R2", None])
    assert isinstance(read[1], DraftDiffError)
    with pytest.raises(DraftDiffError) as single:
        load(broken)
    assert str(read[1]) == str(single.value)
    assert same(read[0], load(paths[0], label="Z")) and same(read[3], load(paths[3], label="R2"))
    assert same(read[2], load(paths[2])) and same(read[4], load(paths[4]))


def test_a_long_pdf_read_on_two_cores_is_the_pdf_read_on_one(monkeypatch):
    from draftdiff.readers import pdf_engines

    paths = [SAMPLES / f"{name}.pdf" for name in ("zero", "rev2", "final")]
    monkeypatch.setenv(execution.ENVIRONMENT, "0")
    one_core = [load(path) for path in paths]
    monkeypatch.delenv(execution.ENVIRONMENT)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(execution, "WORTH_FROM", {**execution.WORTH_FROM, "pdf pages": 2})  # the samples are short
    assert all(same(load(path), alone) for path, alone in zip(paths, one_core, strict=True))

    def forked_read_fails(*args):
        raise RuntimeError("the forked process died")

    monkeypatch.setattr(pdf_engines, "_pdfium_pages_of", forked_read_fails)  # its pages are read here instead
    assert all(same(load(path), alone) for path, alone in zip(paths, one_core, strict=True))


def test_no_process_of_its_own_while_reading_side_by_side(always_parallel):
    allowed = execution.processes_allowed()
    with execution.other_core_taken():
        assert not execution.processes_allowed() and not execution.worth_a_process("pdf pages", 10_000)
    assert execution.processes_allowed() == allowed


def test_the_platform_rule_and_the_switch(monkeypatch):
    """Fork on Linux only; DRAFTDIFF_PROCESSES=0 turns other processes off; a forked call then runs nothing."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(execution.sys, "platform", "darwin")
    assert not execution.processes_allowed() and execution.forked_call(sum, [1, 2]) is None
    monkeypatch.setattr(execution.sys, "platform", "linux")
    monkeypatch.setenv(execution.ENVIRONMENT, "0")
    assert not execution.processes_allowed() and execution.forked_map(sum, [([1, 2],)], 2) is None
    monkeypatch.delattr(os, "fork", raising=False)
    monkeypatch.delenv(execution.ENVIRONMENT)
    assert not execution.processes_allowed()  # no fork at all: never an AttributeError
    assert load_pair(SAMPLES / "rev2.txt", SAMPLES / "rev3.txt")[1].label


def test_a_pickled_draft_keeps_every_field_and_its_tokens():
    """A forked reader sends its draft back pickled as rows: every field of
    every paragraph (each set to a value that is not its default) survives,
    and so do the tokens cached on the draft."""
    import dataclasses
    import pickle

    from draftdiff.diff.tokens import prepare
    from draftdiff.document.model import Comment, Location, Note, Paragraph

    draft = load(SAMPLES / "rev3.docx")
    prepare(draft)
    odd = {
        field.name: {
            "location": Location(line=7, page=3, index=11),
            "notes": [Note("4", "A note.")],
            "comments": [Comment("LMDC", "Delete.")],
        }.get(field.name, f"odd {field.name}")
        for field in dataclasses.fields(Paragraph)
        if field.name != "kind"
    }
    draft.paragraphs[0] = Paragraph(kind=draft.paragraphs[0].kind, **odd)
    prepare(draft)
    back = pickle.loads(pickle.dumps(draft))
    assert back.paragraphs == draft.paragraphs
    assert {k: v for k, v in vars(back).items() if k != "paragraphs"}.keys() == vars(draft).keys() - {"paragraphs"}
    assert back.get("odd id") is back.paragraphs[0]
    cached = back.__dict__["_per_paragraph"]["align.norm"]
    assert cached[1] == draft.per_paragraph("align.norm", str) and back.per_paragraph("align.norm", str) is cached[1]


def _fails() -> None:
    raise ValueError("no")


def _dies() -> None:
    os._exit(3)


def _large() -> bytes:
    return b"x" * 5_000_000  # far more than a pipe holds: the child blocks until read


def test_a_forked_call_returns_its_result_or_says_it_failed():
    if not forks_here():
        pytest.skip("no other process here (execution policy)")
    with execution.forked_call(sum, [1, 2, 3]) as call:
        assert call.result() == 6
    for function in (_fails, _dies):
        with execution.forked_call(function) as call, pytest.raises(execution.ForkedCallFailed):
            call.result()


def test_a_forked_call_left_unread_ends_its_child():
    if not forks_here():
        pytest.skip("no other process here (execution policy)")
    with execution.forked_call(_large) as call:
        pid = call._pid
    assert call._pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left behind
