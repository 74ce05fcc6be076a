"""Mutants of the samples, for the fuzz smoke test and the deeper fuzz script.

Drafts: raw byte damage (flips, truncation, repeated or zeroed runs) and,
for DOCX, damage to the XML of one part (the reviewers' comments too)
re-zipped cleanly, which gets past the ZIP checks into the readers.

The many-draft commands' other inputs (:func:`input_mutants`): comment files
(CSV and free text), phrase lists and registers (draftdiff.toml), each
damaged as bytes or as text (a hostile line, a line repeated or dropped, a
foreign encoding), and :func:`exercise_input` runs each through what the
command does with it, on drafts read once (:class:`Bench`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SAMPLE_NAMES = ["rev2.docx", "rev2-rev3-tracked.docx", "rev2.pdf", "rev3.pdf", "rev2.txt"]
XML_PARTS = ["word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml", "word/comments.xml"]


def damage(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    if len(out) < 2:  # nothing to flip, cut or repeat: an earlier damage emptied it
        return bytes(out) + rng.choice([b"<w:p>", b"\x00\x1b[8m", b"para 38", b"[shall]"])
    op = rng.randrange(5)
    if op == 0:  # flip bytes
        for _ in range(rng.randint(1, 24)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif op == 1:  # truncate
        del out[rng.randrange(1, len(out)) :]
    elif op == 2:  # repeat a run
        start = rng.randrange(len(out))
        chunk = out[start : start + rng.randint(1, 4096)]
        at = rng.randrange(len(out))
        out[at:at] = chunk * rng.randint(1, 8)
    elif op == 3:  # zero a run
        start = rng.randrange(len(out))
        out[start : start + rng.randint(1, 512)] = bytes(min(len(out) - start, 512))[: len(out[start : start + 512])]
    else:  # insert markup-ish noise
        at = rng.randrange(len(out))
        out[at:at] = rng.choice([b"<w:p>", b"</w:r>", b'w:val="x"', b"\x00\x1b[8m", b"%%EOF", b"obj", b"<<", b"]]>"])
    return bytes(out)


def damage_part(docx: bytes, rng: random.Random) -> bytes:
    """One XML part of a DOCX damaged, the package itself intact."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    names = [n for n in XML_PARTS if n in source.namelist()]
    target = rng.choice(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            out.writestr(info.filename, damage(data, rng) if info.filename == target else data)
    return buffer.getvalue()


def mutants(samples: Path, count: int, seed: int):
    """(name, bytes) pairs, reproducible from the seed."""
    rng = random.Random(seed)
    originals = {name: (samples / name).read_bytes() for name in SAMPLE_NAMES}
    for index in range(count):
        name = SAMPLE_NAMES[index % len(SAMPLE_NAMES)]
        data = originals[name]
        if name.endswith(".docx") and rng.random() < 0.6:
            yield f"{index}-{name}", damage_part(data, rng)
        else:
            yield f"{index}-{name}", damage(data, rng)


# -- the many-draft commands' other inputs ----------------------------------------------------

# what an attacker or an unlucky user puts in a line of text
HOSTILE_LINES = [
    b"\x1b]0;pwned\x07\x1b[2J",
    "\u202eevil\u202c \u0085 \u009b".encode(),
    b"\x00\x00",
    b'"unterminated, "quoted"" field',
    b"para 38 " * 300,
    b"## a" + b" " * 5000 + b"b",
    b"[" * 400 + b"]" * 400,
    b"paragraphs 1-99999 of Rev 3",
    b'replace with "' + b"x " * 2000 + b'"',
    "caf\u0065\u0301 r\u00e9vision".encode(),
    b"\xff\xfe\x00",
    b"\r\r\n\r",
    b"x" * 70000,
    b"# only a comment",
    b"=SUM(A1:A9)",
]
REGISTER_LINES = [
    b"[draft]",
    b"[drafts]",
    b"[[drafts]]",
    b'rev9 = "/etc/passwd"',
    b'up = "../../outside.txt"',
    b'loop = "loop.txt"',
    b'dev = "/dev/zero"',
    b'rev1 = {path = "rev1.txt", aliases = ["rev2"]}',
    b'twin = {path = "rev2.txt", label = "Rev 2"}',
    b'odd = {path = "rev3.txt", aliases = "not a list", colour = 1}',
    b'empty = ""',
    'r\u00e9v = {path = "zero.txt", aliases = ["re\u0301v"]}'.encode(),
    b"rev3 = 5",
    b"date = 2030-13-45",
    b'"" = "final.txt"',
    b"[check]\nfail-on = 'never'",
]
PHRASES = (
    b"# watched language, one phrase a line\n"
    b"regardless of migration status\n"
    b"meaningful participation  # a comment after a phrase\n"
    b"shall\n"
    b"human rights-based\n"
    b"the Parties shall cooperate on matter\n"
)
REGISTER_DRAFTS = ["zero.txt", "rev1.txt", "rev2.txt", "rev3.txt", "final.txt"]


def input_originals(samples: Path) -> dict[str, bytes]:
    """The inputs mutated, by the name they are written under."""
    return {
        "comments.csv": (samples / "comments.csv").read_bytes(),
        "comments.md": (samples / "comments.md").read_bytes(),
        "phrases.txt": PHRASES,
        "draftdiff.toml": (samples / "draftdiff.toml").read_bytes().replace(b".docx", b".txt"),
    }


def damage_text(data: bytes, rng: random.Random, hostile: list[bytes]) -> bytes:
    """Damage that keeps most of a text file's shape: a hostile line inserted,
    a line repeated or dropped or cut, or the whole in another encoding."""
    lines = data.split(b"\n")
    op = rng.randrange(6)
    at = rng.randrange(len(lines))
    if op == 0:
        lines.insert(at, rng.choice(hostile))
    elif op == 1:
        lines[at:at] = [lines[at]] * rng.randint(2, 200)
    elif op == 2:
        del lines[at]
    elif op == 3:
        lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)] + rng.choice(hostile)
    elif op == 4:
        text = data.decode("utf-8", "replace")
        return text.encode(rng.choice(["utf-16", "utf-16-le", "latin-1", "utf-8-sig"]), "replace")
    else:
        return damage(data, rng)
    return b"\n".join(lines)


def input_mutants(samples: Path, count: int, seed: int):
    """(name, bytes) pairs of comment files, phrase lists and registers, reproducible from the seed."""
    rng = random.Random(seed)
    originals = input_originals(samples)
    names = list(originals)
    for index in range(count):
        name = names[index % len(names)]
        hostile = HOSTILE_LINES + (REGISTER_LINES if name.endswith(".toml") else [])
        data = originals[name]
        if name.endswith(".toml"):  # entries of the [drafts] table (the last table), then perhaps damage
            for _ in range(rng.randint(1, 3)):
                data = data.rstrip(b"\n") + b"\n" + rng.choice(REGISTER_LINES) + b"\n"
            if rng.random() < 0.3:
                data = damage_text(data, rng, hostile)
        else:
            for _ in range(rng.randint(1, 3)):
                data = damage_text(data, rng, hostile)
        yield f"{index}-{name}", data


@dataclass
class Bench:
    """What the inputs are tried against: two sample drafts read once, their
    history (with word diffs and without), and a folder of drafts for registers."""

    history: Any
    lineages: Any
    folder: Path

    @classmethod
    def make(cls, samples: Path, folder: Path) -> Bench:
        from draftdiff.negotiation.history import history
        from draftdiff.readers import load

        drafts = [load(samples / "rev2.txt", label="Rev 2"), load(samples / "rev3.txt", label="Rev 3")]
        folder.mkdir(parents=True, exist_ok=True)
        for name in REGISTER_DRAFTS:
            (folder / name).write_bytes((samples / name).read_bytes())
        if not (folder / "loop.txt").is_symlink():
            (folder / "loop.txt").symlink_to(folder / "loop.txt")
        names = ["rev2", "rev3"]
        return cls(history(drafts, names), history(drafts, names, words=False), folder)


def exercise_input(name: str, data: bytes, bench: Bench, scratch: Path, *, deep: bool = False) -> None:
    """Do with one mutated input what its command does; a DraftDiffError is a
    refusal, anything else a problem. The register's promises are checked too.
    ``deep``: every output format (the spreadsheets too), not the usual few."""
    kind = name.split("-", 1)[-1]
    if kind == "draftdiff.toml":
        _exercise_register(data, bench)
        return
    path = scratch / name
    path.write_bytes(data)
    try:
        if kind.startswith("comments"):
            _exercise_comments(path, bench, deep)
        else:
            _exercise_phrases(path, bench, deep)
    finally:
        path.unlink()


def _render(kind: str, view: Any, formats: tuple[str, ...]) -> None:
    from draftdiff.writers.registry import WriteOptions, writer

    for fmt in formats:
        writer(fmt, kind).render(view, WriteOptions())


def _exercise_comments(path: Path, bench: Bench, deep: bool) -> None:
    from draftdiff.negotiation.refs import RefsView, refs

    found = refs(bench.history, _comments(path), on=0)
    json.dumps(found.to_json())
    _render("refs", RefsView(found), ("terminal", "md", "csv", "html", *(("xlsx", "json") if deep else ())))


def _comments(path: Path) -> list:
    from draftdiff.negotiation.refs import read_comments

    return read_comments(path)


def _exercise_phrases(path: Path, bench: Bench, deep: bool) -> None:
    from draftdiff.app.trace import TraceRequest, watched_phrases
    from draftdiff.negotiation.trace import TraceView, trace

    watched = watched_phrases(TraceRequest(phrases_file=path), None)
    found = trace(bench.lineages, watched)
    _render("trace", TraceView(found), ("terminal", "json", "md", "csv", *(("xlsx", "sarif") if deep else ())))


def _exercise_register(data: bytes, bench: Bench) -> None:
    from contextlib import chdir

    from draftdiff.app.register import DraftsRequest, read_drafts
    from draftdiff.config import load_config
    from draftdiff.drafts import resolve_with_note
    from draftdiff.errors import DraftDiffError
    from draftdiff.negotiation.register import find, problem, register

    config_path = bench.folder / "draftdiff.toml"
    config_path.write_bytes(data)
    try:
        with chdir(bench.folder):
            config = load_config(config_path)
            entries = register(config, bench.folder)
            inside = os.path.realpath(bench.folder)
            for place, entry in enumerate(entries):
                for word in (entry.name, entry.label, *entry.aliases):
                    assert find(entries, word) == place, f"{word!r} does not find {entry.name!r} alone"
                if problem(entry) is None:
                    real = os.path.realpath(entry.path)
                    assert os.path.commonpath([real, inside]) == inside, f"{entry.name}: {real} is outside"
                with contextlib.suppress(DraftDiffError):
                    resolve_with_note(entry.name, config)
            read_drafts(entries[:3], DraftsRequest(config=config_path, skip_unreadable=True))
    finally:
        config_path.unlink()
