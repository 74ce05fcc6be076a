"""Mutants of the samples, for the fuzz smoke test and the deeper fuzz script.

Two kinds of mutant: raw byte damage (flips, truncation, repeated or zeroed
runs) and, for DOCX, damage to the XML of one part re-zipped cleanly, which
gets past the ZIP checks into the readers.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

SAMPLE_NAMES = ["rev2.docx", "rev2-rev3-tracked.docx", "rev2.pdf", "rev3.pdf", "rev2.txt"]
XML_PARTS = ["word/document.xml", "word/numbering.xml", "word/styles.xml", "word/footnotes.xml"]


def damage(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
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
