"""The register of drafts: every draft of one negotiation, in order.

From the ``[drafts]`` table of ``draftdiff.toml`` (its order is the order of
the negotiation), each entry a path or a table::

    [drafts]
    zero = "inbox/PD Zero.docx"
    rev3 = {path = "inbox/PD Rev3.docx", label = "Rev 3", date = 2022-04-27, aliases = ["third revision", "Rev.3"]}

or, without one, from a folder of drafts: one entry per name (the richest
format of each), ordered by the dates their names or their files' metadata
give, else by name: zero < rev1 < rev2 < … < final.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..document.model import label_from_path
from ..errors import InputError
from ..formats import NAME_SUFFIXES, format_name

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

    @property
    def format(self) -> str:
        return format_name(self.path.suffix)

    def answers_to(self, word: str) -> bool:
        """Whether a name as a user writes it ("rev3", "Rev 3", "Rev.3") means this draft."""
        wanted = _key(word)
        return wanted in {_key(self.name), _key(self.label), *(_key(a) for a in self.aliases)}

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "source": str(self.path),
            "date": self.date.isoformat() if self.date else None,
            "aliases": list(self.aliases),
        }


def _key(word: str) -> str:
    return re.sub(r"[\s._-]+", "", word).casefold()


def from_config(config: Config) -> list[DraftEntry]:
    table = config.data.get("drafts", {})
    if not isinstance(table, dict):
        raise config.error('[drafts] must map names to file paths, e.g. rev3 = "inbox/Rev3.pdf"')
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
            )
        )
    return entries


def from_folder(folder: Path) -> list[DraftEntry]:
    """One entry per draft name in the folder, in the order of the negotiation."""
    by_stem: dict[str, Path] = {}
    for suffix in NAME_SUFFIXES:  # preference: the first format found for a name wins
        for path in sorted(folder.glob(f"*{suffix}")):
            if path.is_file() and not path.name.startswith((".", "~$")) and path.stem.casefold() not in _NOT_DRAFTS:
                by_stem.setdefault(path.stem, path)
    entries = [
        DraftEntry(name=stem, path=_short(path), label=label_from_path(path), date=_date_in(path.name))
        for stem, path in by_stem.items()
    ]
    if entries and all(e.date for e in entries):
        return sorted(entries, key=lambda e: (e.date, _name_order(e.name)))
    if entries and not all(_stage(e.name) is not None for e in entries):
        dated = [(e, _metadata_date(e.path)) for e in entries]
        if all(date for _, date in dated):
            return [
                DraftEntry(e.name, e.path, e.label, date, e.aliases)
                for e, date in sorted(dated, key=lambda item: (item[1], _name_order(item[0].name)))
            ]
    return sorted(entries, key=lambda e: _name_order(e.name))


def _short(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


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


def register(config: Config, folder: Path | None = None) -> list[DraftEntry]:
    """The configured register, else the drafts of the folder (the current one)."""
    entries = from_config(config)
    return entries or from_folder(folder or Path())


def choose(entries: list[DraftEntry], words: list[str]) -> list[DraftEntry]:
    """The drafts named on the command line (names, labels, aliases or paths),
    in the order given; all of the register when none is named."""
    if not words:
        return list(entries)
    out = []
    for word in words:
        found = next((e for e in entries if e.answers_to(word)), None)
        if found is None:
            path = Path(word)
            if path.is_file():
                found = DraftEntry(name=path.stem, path=path, label=label_from_path(path), date=_date_in(path.name))
            else:
                known = ", ".join(e.name for e in entries) or "none"
                raise InputError(
                    "is neither a draft of the register nor a file",
                    path=word,
                    hint=f"drafts in the register: {known}",
                )
        out.append(found)
    return out
