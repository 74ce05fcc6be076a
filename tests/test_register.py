"""The register of drafts is strict: one draft per name, label and alias, our
own outputs never taken for drafts, nothing outside its folder unless given on
the command line, each unusable entry its own line. Inputs are built here."""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli

STAGES = ["zero", "rev1", "rev2", "rev3"]


def draft_text(stage: int) -> str:
    """A small negotiated text; each stage adds a paragraph and rewords one."""
    paragraphs = [f"{n}. The Parties shall cooperate on matter {n} of the agenda." for n in range(1, 6 + stage)]
    paragraphs[1] = f"2. The Parties should consider, at stage {stage}, the means of implementation."
    return "Declaration of the Forum\n\n" + "\n\n".join(paragraphs) + "\n"


def write_drafts(folder: Path, names: list[str] = STAGES) -> None:
    for stage, name in enumerate(names):
        (folder / f"{name}.txt").write_text(draft_text(stage), encoding="utf-8")


def config(folder: Path, text: str) -> Path:
    path = folder / "draftdiff.toml"
    path.write_text(text, encoding="utf-8")
    return path


def one_line_error(result) -> str:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    return result.stderr


# -- names, labels, aliases -------------------------------------------------------------


def test_an_alias_that_is_another_drafts_name_is_an_error_naming_both(tmp_path):
    write_drafts(tmp_path)
    config(tmp_path, '[drafts]\nrev1 = {path = "rev1.txt", aliases = ["rev2"]}\nrev2 = "rev2.txt"\nrev3 = "rev3.txt"\n')
    error = one_line_error(run_cli("compare", "rev2", "rev3", "-f", "json", cwd=tmp_path))
    assert "rev1 and rev2 both answer to 'rev2'" in error
    assert "line 2:" in error  # the alias to fix, not the first mention


def test_a_label_that_is_another_drafts_alias_is_an_error(tmp_path):
    write_drafts(tmp_path)
    config(
        tmp_path,
        '[drafts]\nrev1 = {path = "rev1.txt", aliases = ["first"]}\nrev2 = {path = "rev2.txt", label = "First"}\n',
    )
    error = one_line_error(run_cli("history", cwd=tmp_path))
    assert "rev1 and rev2 both answer to 'first'" in error and "the label 'First' of rev2" in error


def test_an_exact_name_wins_over_a_label_or_alias():
    from draftdiff.negotiation.register import DraftEntry, find

    one = DraftEntry("Rev_2", Path("a.txt"), "Rev 2", aliases=("rev2",))
    two = DraftEntry("rev2", Path("b.txt"), "Second")
    assert find([one, two], "rev2") == 1
    assert find([one, two], "Rev_2") == 0
    assert find([one, two], "second") == 1


def test_an_alias_typed_in_decomposed_unicode_is_found(tmp_path):
    write_drafts(tmp_path, ["zero", "rev1"])
    composed = "révision 1"
    config(tmp_path, f'[drafts]\nzero = "zero.txt"\nrev1 = {{path = "rev1.txt", aliases = ["{composed}"]}}\n')
    typed = unicodedata.normalize("NFD", composed)
    assert typed != composed
    result = run_cli("compare", "zero", typed, "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["new"]["source"] == "rev1.txt"


# -- the configuration's own errors ------------------------------------------------------


def test_an_unknown_table_is_reported_at_its_own_line(tmp_path):
    write_drafts(tmp_path)
    config(tmp_path, '[drafts]\nrev1 = "rev1.txt"\n\n[draft]\nrev2 = "rev2.txt"\n')
    error = one_line_error(run_cli("drafts", cwd=tmp_path))
    assert "line 4: unknown table [draft]" in error


def test_an_empty_drafts_table_is_an_error_not_a_quiet_fallback(tmp_path):
    write_drafts(tmp_path)
    config(tmp_path, "[drafts]\n")
    error = one_line_error(run_cli("drafts", cwd=tmp_path))
    assert "line 1: [drafts] lists no draft" in error


def test_a_folder_register_does_not_claim_to_come_from_the_configuration(tmp_path):
    write_drafts(tmp_path)
    config(tmp_path, "[check]\nfail-on = 'never'\n")
    listing = run_cli("drafts", "-f", "json", cwd=tmp_path)
    assert json.loads(listing.stdout)["config"] is None
    assert "from the files of this folder" in run_cli("drafts", cwd=tmp_path).stdout


# -- our own outputs ----------------------------------------------------------------------


def test_a_folder_register_leaves_out_our_own_reports_and_redlines(tmp_path):
    write_drafts(tmp_path)
    assert run_cli("history", "-o", "history.md", cwd=tmp_path).returncode == 0
    assert run_cli("export", "rev2", "rev3", "-o", "redline.docx", cwd=tmp_path).returncode == 0
    assert run_cli("history", "--para", "2", "--revert-to", "rev2", "-o", "revert.docx", cwd=tmp_path).returncode == 0
    listing = json.loads(run_cli("drafts", "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in listing["drafts"]] == STAGES
    assert sorted(listing["left_out"]) == ["history.md", "redline.docx", "revert.docx"]
    history = json.loads(run_cli("history", "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in history["drafts"]] == STAGES


def test_an_output_saved_again_by_a_person_is_a_draft_and_a_name_alone_proves_nothing(tmp_path):
    write_drafts(tmp_path)
    assert run_cli("export", "rev2", "rev3", "-o", "redline.docx", cwd=tmp_path).returncode == 0
    # Word writes its own name into app.xml on saving: the file is then someone's draft
    saved = tmp_path / "rev4.docx"
    with zipfile.ZipFile(tmp_path / "redline.docx") as old, zipfile.ZipFile(saved, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b">draftdiff<", b">Microsoft Office Word<")
            new.writestr(info, data)
    (tmp_path / "redline.docx").unlink()
    # and a person's Markdown draft that merely talks about draftdiff is a draft
    (tmp_path / "rev5.md").write_text("Note: written by draftdiff users\n\n" + draft_text(5), encoding="utf-8")
    listing = json.loads(run_cli("drafts", "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in listing["drafts"]] == [*STAGES, "rev4", "rev5"]
    assert listing["left_out"] == []


def test_a_configured_entry_that_is_our_output_is_refused_alone(tmp_path):
    write_drafts(tmp_path)
    assert run_cli("history", "rev1.txt", "rev2.txt", "-o", "report.md", cwd=tmp_path).returncode == 0
    config(tmp_path, '[drafts]\nrev1 = "rev1.txt"\nrev2 = "rev2.txt"\nreport = "report.md"\n')
    error = one_line_error(run_cli("history", cwd=tmp_path))
    assert "draft report: report.md is a Markdown report draftdiff wrote, not a draft" in error
    assert run_cli("compare", "rev1", "rev2", cwd=tmp_path).returncode == 0
    assert run_cli("history", "--skip-unreadable", cwd=tmp_path).returncode == 0
    # given on the command line, it is read like any file
    assert run_cli("compare", "rev1", "report.md", cwd=tmp_path).returncode == 0


# -- entries that cannot be used ----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_a_symlink_loop_is_one_entrys_error_not_every_lookups(tmp_path):
    write_drafts(tmp_path)
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    config(tmp_path, '[drafts]\nrev1 = "rev1.txt"\nbad = "loop.txt"\nrev2 = "rev2.txt"\n')
    assert run_cli("compare", "rev1", "rev2", cwd=tmp_path).returncode == 0
    assert run_cli("history", "rev1", "rev2", cwd=tmp_path).returncode == 0
    error = one_line_error(run_cli("history", cwd=tmp_path))
    assert "draft bad:" in error and "symlink loop" in error
    error = one_line_error(run_cli("compare", "bad", "rev2", cwd=tmp_path))
    assert "draft bad:" in error and "symlink loop" in error
    listing = run_cli("drafts", "-f", "json", cwd=tmp_path)
    assert listing.returncode == 2
    rows = {d["name"]: d for d in json.loads(listing.stdout)["drafts"]}
    assert rows["rev1"]["readable"] and rows["rev2"]["readable"]
    assert "symlink loop" in rows["bad"]["problem"]


def test_an_entry_outside_the_registers_folder_is_refused_unless_given_on_the_command_line(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(draft_text(3), encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    write_drafts(project)
    (project / "link.txt").symlink_to(outside / "secret.txt")
    config(
        project,
        f'[drafts]\nrev1 = "rev1.txt"\nrev2 = "rev2.txt"\nabs = "{outside / "secret.txt"}"\n'
        'up = "../elsewhere/secret.txt"\nlink = "link.txt"\n',
    )
    for name in ("abs", "up", "link"):
        error = one_line_error(run_cli("compare", "rev1", name, cwd=project))
        assert f"draft {name}:" in error and "outside the register's folder" in error
    listing = json.loads(run_cli("drafts", "-f", "json", cwd=project).stdout)
    refused = [d["name"] for d in listing["drafts"] if not d["readable"]]
    assert refused == ["abs", "up", "link"]
    assert all("paragraphs" not in d for d in listing["drafts"] if not d["readable"])
    assert run_cli("compare", "rev1", str(outside / "secret.txt"), cwd=project).returncode == 0
    assert run_cli("history", "rev1", "../elsewhere/secret.txt", cwd=project).returncode == 0


# -- drafts named twice -----------------------------------------------------------------------


def test_a_draft_named_twice_keeps_its_own_keys_and_columns(tmp_path):
    write_drafts(tmp_path)
    history = json.loads(run_cli("history", "rev1", "rev2", "rev1", "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in history["drafts"]] == ["rev1", "rev2", "rev1#2"]
    assert [d["label"] for d in history["drafts"]] == ["Rev 1", "Rev 2", "Rev 1 #2"]
    assert all(list(entry["ids"]) == ["rev1", "rev2", "rev1#2"] for entry in history["lineage"])
    header = next(csv.reader(io.StringIO(run_cli("history", "rev1", "rev2", "rev1", "-f", "csv", cwd=tmp_path).stdout)))
    assert len(header) == len(set(header)) == 4


def test_two_files_of_one_name_keep_their_own_keys_in_a_trace(tmp_path):
    for stage, folder in enumerate(("x", "y")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "rev.txt").write_text(draft_text(stage), encoding="utf-8")
    args = ("trace", "x/rev.txt", "y/rev.txt", "--phrase", "shall cooperate")
    trace = json.loads(run_cli(*args, "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in trace["drafts"]] == ["rev", "rev#2"]
    (phrase,) = trace["phrases"]
    assert list(phrase["occurrences"]) == ["rev", "rev#2"]
    assert [len(found) for found in phrase["occurrences"].values()] == [4, 5]
    header = next(csv.reader(io.StringIO(run_cli(*args, "-f", "csv", cwd=tmp_path).stdout)))
    assert header == ["Phrase", "rev", "rev #2", "Status"]


# -- the listing piped ----------------------------------------------------------------------


def test_drafts_piped_keeps_every_column_whole(tmp_path):
    write_drafts(tmp_path, ["zero"])
    long = "the zero draft as circulated by the co-facilitators on the first day of the session"
    (tmp_path / "zero.txt").rename(tmp_path / f"{long}.txt")
    result = run_cli("drafts", cwd=tmp_path, env={"COLUMNS": None})
    assert result.returncode == 0
    assert "…" not in result.stdout
    assert f"{long}.txt" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_looking_for_our_mark_never_opens_a_fifo(tmp_path):
    import signal

    write_drafts(tmp_path, ["rev1", "rev2"])
    os.mkfifo(tmp_path / "pipe.md")
    os.mkfifo(tmp_path / "pipe.docx")
    config(tmp_path, '[drafts]\nrev1 = "rev1.txt"\nrev2 = "rev2.txt"\npipe = "pipe.md"\npipe2 = "pipe.docx"\n')

    class Blocked(Exception):
        """Not an OSError: nothing on the way may take it for a read failure."""

    def hang(signum, frame):
        raise Blocked("blocked on a FIFO")

    signal.signal(signal.SIGALRM, hang)
    signal.setitimer(signal.ITIMER_REAL, 20, 1)  # again each second: every blocked open is broken off
    try:
        listing = json.loads(run_cli("drafts", "-f", "json", cwd=tmp_path).stdout)
        (tmp_path / "draftdiff.toml").unlink()
        folder = json.loads(run_cli("drafts", "-f", "json", cwd=tmp_path).stdout)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    assert [d["readable"] for d in listing["drafts"]] == [True, True, False, False]
    assert [d["name"] for d in folder["drafts"]] == ["rev1", "rev2"]


def test_parse_text_output_is_known_by_its_form_and_a_bracketed_draft_is_not(tmp_path):
    write_drafts(tmp_path)
    parsed = run_cli("parse", "rev3.txt", "--format", "text", cwd=tmp_path).stdout
    (tmp_path / "rev3 parsed.txt").write_text(parsed, encoding="utf-8")
    # a draft with bracketed text throughout is still a draft
    bracketed = "Declaration\n\n" + "\n\n".join(f"[{n}. The Parties [shall] cooperate.]" for n in range(1, 9))
    (tmp_path / "rev4.txt").write_text(bracketed + "\n[Alt] one line in the form\n", encoding="utf-8")
    listing = json.loads(run_cli("drafts", "-f", "json", cwd=tmp_path).stdout)
    assert [d["name"] for d in listing["drafts"]] == [*STAGES, "rev4"]
    assert listing["left_out"] == ["rev3 parsed.txt"]
