"""Project configuration: ``draftdiff.toml`` or ``[tool.draftdiff]`` in pyproject.toml.

Found from the working directory upwards, or given with ``--config``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DraftDiffError

CONFIG_NAME = "draftdiff.toml"
# Tables a configuration may have; a typo ("[chek]") must not turn a gate off in silence.
KNOWN_TABLES = {"drafts", "check"}


def did_you_mean(word: str, known: set[str] | list[str]) -> str:
    """ "; did you mean [check]?" for a near miss, else nothing."""
    import difflib

    close = difflib.get_close_matches(str(word), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class ConfigError(DraftDiffError):
    """A malformed configuration file."""


@dataclass
class Config:
    path: Path | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    @property
    def drafts(self) -> dict[str, str]:
        """Draft name -> path, from the short form (rev3 = "Rev3.pdf") and the
        long one (rev3 = {path = "Rev3.pdf", label = "Rev 3", ...})."""
        table = self.data.get("drafts", {})
        if not isinstance(table, dict):
            raise self.error('[drafts] must map names to file paths, e.g. rev3 = "inbox/Rev3.pdf"')
        out = {}
        for name, value in table.items():
            if isinstance(value, dict) and isinstance(value.get("path"), str):
                out[name] = value["path"]
            elif isinstance(value, str):
                out[name] = value
            else:
                raise self.error(f'[drafts] {name}: give a path ("inbox/Rev3.pdf") or a table with path')
        return out

    def error(self, message: str, line: int | None = None) -> ConfigError:
        where = f"line {line}: " if line else ""
        return ConfigError(f"{where}{message}", path=self.path or CONFIG_NAME, hint="fix the configuration file")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest draftdiff.toml, or pyproject.toml with [tool.draftdiff], upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                text = pyproject.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if "[tool.draftdiff" in text:
                return pyproject
    return None


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """Read the given configuration, or the nearest one; an empty Config if none."""
    if path is None:
        path = find_config(start)
        if path is None:
            return Config()
    elif not path.is_file():
        raise ConfigError("no such configuration file", path=path)
    try:
        raw = path.read_bytes().decode("utf-8-sig")  # a BOM from Windows editors is fine
        data = tomllib.loads(raw)
    except UnicodeDecodeError:
        raise ConfigError("is not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 3, column 7)": keep it, it names the place.
        raise ConfigError(f"invalid TOML: {exc}", path=path, hint="fix the configuration file") from None
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", path=path) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("draftdiff", {}) if isinstance(tool, dict) else None
        if not isinstance(section, dict):
            raise ConfigError("[tool.draftdiff] must be a table", path=path, hint="fix the configuration file")
        data = section
    for key in data:
        if key not in KNOWN_TABLES:
            raise ConfigError(
                f"line {line_of(path, key) or '?'}: unknown table [{key}]{did_you_mean(key, KNOWN_TABLES)}",
                path=path,
                hint=f"known tables: {', '.join(sorted(KNOWN_TABLES))}",
            )
    return Config(path=path, data=data)


def line_of(path: Path | None, key: str) -> int | None:
    """The line of a config file where ``key`` is defined (a table header
    ``[key]``, ``[key.sub]``, ``[tool.draftdiff.key]`` or an assignment ``key =``),
    else the first line that mentions it (for error messages)."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    quoted = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    definition = re.compile(rf"^\s*(?:\[\[?\s*(?:tool\.draftdiff\.)?{quoted}\s*[\].]|{quoted}\s*[.=])")
    for number, line in enumerate(lines, start=1):
        if definition.match(line):
            return number
    for number, line in enumerate(lines, start=1):
        if key in line:
            return number
    return None
