"""The register of drafts: every draft of one negotiation, in order.

From the ``[drafts]`` table of ``draftdiff.toml`` (its order is the order of
the negotiation), each entry a path or a table::

    [drafts]
    zero = "inbox/PD Zero.docx"
    rev3 = {path = "inbox/PD Rev3.docx", label = "Rev 3", date = 2022-04-27, aliases = ["third revision", "Rev.3"]}

or, without one, from a folder of drafts: one entry per name (the richest
format of each), ordered by the dates their names or their files' metadata
give, else by name: zero < rev1 < rev2 < … < final.

A register is strict: a name, label or alias that two drafts answer to is an
error naming both (:func:`find` tries exact names first all the same), our
own outputs are never drafts (:mod:`draftdiff.provenance`), and an entry must
stay inside the register's folder (``within``) unless its path is given on
the command line. An entry that cannot be used is its own one-line error
(:func:`problem`), when that draft is used, so the others stay usable.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import Config, line_of
from ..document.model import label_from_path
from ..errors import InputError
from ..formats import NAME_SUFFIXES, format_name
from ..provenance import output_kind

_DATE_RE = re.compile(r"(?<!\d)(\d{4})[-_. ]?(\d{2})[-_. ]?(\d{2})(?!\d)")
_ZERO_RE = re.compile(r"\bzero\b|^zero|zero$", re.I)
_REV_RE = re.compile(r"rev(?:ision)?[\s._-]*(\d+)", re.I)
_FINAL_RE = re.compile(r"\bfinal\b|^final|final$|adopted", re.I)
_NOT_DRAFTS = {"readme", "changes", "changelog", "license", "sources", "notes", "todo"}


@dataclass(frozen=True)
class DraftEntry:
    name: str
    path: Path
    label: str
    date: dt.date | None = None
    aliases: tuple[str, ...] = field(default_factory=tuple)
    within: Path | None = None  # the register's folder it must stay in; None: a path given on the command line

    @property
    def format(self) -> str:
        return format_name(self.path.suffix)

    def answers_to(self, word: str) -> bool:
        """Whether a name as a user writes it ("rev3", "Rev 3", "Rev.3") means this draft."""
        return name_key(word) in self.lookup_keys()

    def lookup_keys(self) -> set[str]:
        """Every word this draft answers to, as compared."""
        return {name_key(self.name), name_key(self.label), *(name_key(a) for a in self.aliases)}

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "source": str(self.path),
            "date": self.date.isoformat() if self.date else None,
            "aliases": list(self.aliases),
        }


def name_key(word: str) -> str:
    """A name as compared: spacing, dots, dashes and case aside, and one Unicode
    form (an "é" typed as e and a combining accent is the same letter)."""
    folded = re.sub(r"[\s._-]+", "", unicodedata.normalize("NFC", word)).casefold()
    return unicodedata.normalize("NFC", folded)


def find(entries: list[DraftEntry], word: str) -> int | None:
    """The place of the draft a user names: an exact name first, then a name
    written otherwise ("Rev_3"), then a label or an alias."""
    return finder(entries)(word)


def finder(entries: list[DraftEntry]) -> Callable[[str], int | None]:
    """:func:`find` for many words: the register indexed once."""
    exact: dict[str, int] = {}
    by_name: dict[str, int] = {}
    by_any: dict[str, int] = {}
    for place, entry in enumerate(entries):
        exact.setdefault(entry.name, place)
        by_name.setdefault(name_key(entry.name), place)
        for key in entry.lookup_keys():
            by_any.setdefault(key, place)

    def look(word: str) -> int | None:
        key = name_key(word)
        for table, wanted in ((exact, word), (by_name, key), (by_any, key)):
            if wanted in table:
                return table[wanted]
        return None

    return look


def _check_collisions(entries: list[DraftEntry], config: Config) -> None:
    """Every name, label and alias means one draft: two drafts that answer to
    the same word would pick the wrong one in silence."""
    owner: dict[str, tuple[DraftEntry, str, str]] = {}
    for entry in entries:
        words = [("name", entry.name), ("label", entry.label), *(("alias", a) for a in entry.aliases)]
        for role, word in words:
            key = name_key(word)
            if not key:
                raise config.error(
                    f"[drafts] {entry.name}: the {role} {word!r} has no letter or digit",
                    line=line_of(config.path, entry.name),
                )
            other = owner.get(key)
            if other is not None and other[0].name != entry.name:
                first, first_role, first_word = other
                # the line to fix: the alias or label, rather than the name it collides with
                culprit = first if role == "name" and first_role != "name" else entry
                mine = f"{role} {word!r}" if word != first_word else role
                raise config.error(
                    f"[drafts] {first.name} and {entry.name} both answer to {first_word!r} "
                    f"(the {first_role} of {first.name}, the {mine} of {entry.name}): "
                    "give each draft names, labels and aliases of its own",
                    line=line_of(config.path, culprit.name),
                )
            owner.setdefault(key, (entry, role, word))


def from_config(config: Config) -> list[DraftEntry]:
    table = config.data.get("drafts", {})
    if not isinstance(table, dict):
        raise config.error('[drafts] must map names to file paths, e.g. rev3 = "inbox/Rev3.pdf"')
    if "drafts" in config.data and not table:
        raise config.error(
            '[drafts] lists no draft: list them (rev1 = "rev1.docx") or remove the table to use this folder\'s drafts',
            line=line_of(config.path, "drafts"),
        )
    within = _real(config.base)
    entries = []
    for name, value in table.items():
        if isinstance(value, str):
            path, label, date, aliases = value, None, None, []
        elif isinstance(value, dict):
            unknown = set(value) - {"path", "label", "date", "aliases"}
            if unknown or not isinstance(value.get("path"), str):
                raise config.error(
                    f"[drafts] {name}: a table needs path (and may have label, date, aliases)"
                    + (f"; unknown key {sorted(unknown)[0]!r}" if unknown else "")
                )
            path, label, date, aliases = value["path"], value.get("label"), value.get("date"), value.get("aliases", [])
            if label is not None and not isinstance(label, str):
                raise config.error(f"[drafts] {name}: label must be text")
            if date is not None and not isinstance(date, dt.date):
                raise config.error(f"[drafts] {name}: date must be a TOML date such as 2022-04-27")
            if isinstance(date, dt.datetime):
                date = date.date()
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise config.error(f'[drafts] {name}: aliases must be a list of names, e.g. ["Rev.3"]')
        else:
            raise config.error(f'[drafts] {name}: give a path ("inbox/Rev3.pdf") or a table with path')
        target = Path(path)
        full = target if target.is_absolute() else config.base / target
        entries.append(
            DraftEntry(
                name=str(name),
                path=_short(full),
                label=label or label_from_path(Path(str(name))) or str(name),
                date=date or _date_in(Path(path).name),
                aliases=tuple(aliases),
                within=within,
            )
        )
    _check_collisions(entries, config)
    return entries


def from_folder(folder: Path, left_out: list[Path] | None = None) -> list[DraftEntry]:
    """One entry per draft name in the folder, in the order of the negotiation.
    draftdiff's own outputs are not drafts: they go to ``left_out`` when given."""
    by_stem: dict[str, Path] = {}  # by the name's key: "Rev3.docx" and "rev3.pdf" are one draft
    for suffix in NAME_SUFFIXES:  # preference: the first format found for a name wins
        for path in sorted(folder.glob(f"*{suffix}")):
            if not path.is_file() or path.name.startswith((".", "~$")) or path.stem.casefold() in _NOT_DRAFTS:
                continue
            if output_kind(path):
                if left_out is not None:
                    left_out.append(path)
                continue
            by_stem.setdefault(name_key(path.stem), path)
    within = _real(folder)
    entries = distinct(
        [
            DraftEntry(path.stem, _short(path), label_from_path(path), _date_in(path.name), within=within)
            for path in by_stem.values()
        ]
    )
    if entries and all(e.date for e in entries):
        return sorted(entries, key=lambda e: (e.date, _name_order(e.name)))
    if entries and not all(_stage(e.name) is not None for e in entries):
        dated = [(e, _metadata_date(e.path)) for e in entries]
        if all(date for _, date in dated):
            return [
                replace(e, date=date)
                for e, date in sorted(dated, key=lambda item: (item[1], _name_order(item[0].name)))
            ]
    return sorted(entries, key=lambda e: _name_order(e.name))


def _short(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a symlink loop (its use will say so)
        return path


def _real(folder: Path) -> Path:
    return Path(os.path.realpath(folder))


def problem(entry: DraftEntry) -> str | None:
    """Why a register's entry cannot be read as a draft, in a few words (None
    when it can be tried): missing, a symlink loop, outside the register's
    folder, or one of our own outputs. The reader says the rest."""
    try:
        real = entry.path.resolve(strict=True)
    except FileNotFoundError:
        return f"{entry.path} does not exist"
    except (OSError, RuntimeError) as exc:  # a symlink loop: RuntimeError before Python 3.13, OSError since
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "a symlink loop"
        return f"{entry.path} cannot be followed ({reason})"
    if entry.within is not None and not real.is_relative_to(entry.within):
        return (
            f"{entry.path} is outside the register's folder ({entry.within}): "
            "give its path on the command line to read it"
        )
    kind = output_kind(real)
    if kind:
        return f"{entry.path} is {kind}, not a draft"
    return None


def distinct(entries: list[DraftEntry]) -> list[DraftEntry]:
    """The entries with names and labels told apart, so that per-draft keys and
    column headers never collapse: a draft named again (``history a b a``), or
    two files of one name (``x/rev.txt y/rev.txt``), is ``name#2`` (label
    ``label #2``) the second time, ``#3`` the third."""
    names: set[str] = set()
    labels: set[str] = set()
    out = []
    for entry in entries:
        name = _free(entry.name, names, "#")
        label = _free(entry.label, labels, " #")
        out.append(entry if (name, label) == (entry.name, entry.label) else replace(entry, name=name, label=label))
    return out


def _free(word: str, taken: set[str], joint: str) -> str:
    candidate, number = word, 1
    while name_key(candidate) in taken:
        number += 1
        candidate = f"{word}{joint}{number}"
    taken.add(name_key(candidate))
    return candidate


def _date_in(name: str) -> dt.date | None:
    match = _DATE_RE.search(name)
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _stage(name: str) -> int | None:
    """zero 0, rev N → N, final last; None for a name that says neither."""
    if _ZERO_RE.search(name):
        return 0
    rev = _REV_RE.search(name)
    if rev:
        return int(rev[1])
    if _FINAL_RE.search(name):
        return 10**6
    return None


def _name_order(name: str) -> tuple:
    stage = _stage(name)
    natural = tuple(int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name))
    return (0, stage, natural) if stage is not None else (1, 0, natural)


def _metadata_date(path: Path) -> dt.date | None:
    """The creation date a DOCX or PDF records about itself, when it has one."""
    try:
        if path.suffix.lower() == ".docx":
            import zipfile

            with zipfile.ZipFile(path) as archive:
                if "docProps/core.xml" not in archive.namelist():
                    return None
                info = archive.getinfo("docProps/core.xml")
                if info.file_size > 1_000_000:
                    return None
                text = archive.read(info).decode("utf-8", "replace")
            match = re.search(r"<dcterms:(?:created|modified)[^>]*>(\d{4})-(\d{2})-(\d{2})", text)
        elif path.suffix.lower() == ".pdf":
            with path.open("rb") as handle:
                head = handle.read(65536)
            match = re.search(rb"/CreationDate\s*\(D:(\d{4})(\d{2})(\d{2})", head)  # type: ignore[assignment]
        else:
            return None
        if not match:
            return None
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except (OSError, ValueError, KeyError, Exception):
        return None


def register(config: Config, folder: Path | None = None, left_out: list[Path] | None = None) -> list[DraftEntry]:
    """The configured register, else the drafts of the folder (the current one)."""
    if "drafts" in config.data:
        return from_config(config)
    return from_folder(folder or Path(), left_out)


def choose(entries: list[DraftEntry], words: list[str]) -> list[DraftEntry]:
    """The drafts named on the command line (names, labels, aliases or paths),
    in the order given; all of the register when none is named."""
    if not words:
        return list(entries)
    out = []
    look = finder(entries)
    for word in words:
        place = look(word)
        found = entries[place] if place is not None else None
        if found is None:
            path = Path(word)
            if path.is_file():  # given on the command line: read wherever it is
                found = DraftEntry(name=path.stem, path=path, label=label_from_path(path), date=_date_in(path.name))
            else:
                known = ", ".join(e.name for e in entries) or "none"
                raise InputError(
                    "is neither a draft of the register nor a file",
                    path=word,
                    hint=f"drafts in the register: {known}",
                )
        out.append(found)
    return distinct(out)
