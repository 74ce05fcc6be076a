"""Check's settings: the built-in language data, extended and tuned by the
``[check]`` table of the configuration."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from .. import phrases
from ..config import Config, did_you_mean, line_of
from .agreed import AgreedSource
from .catalog import BY_NAME, RULES
from .rule import FAIL_ON, SEVERITIES


@dataclass
class Ladder:
    name: str
    steps: list[list[str]]
    flagged: bool = False
    rule: str = "DD101"  # the rule that reports a step down this ladder

    @cached_property
    def _first_lemmas(self) -> frozenset[str | None]:
        return frozenset(phrases.first_lemma(p) for step in self.steps for p in step)

    def rank(self, text: str) -> tuple[int, str] | None:
        """The strongest step whose phrase stands in ``text``, with the words found."""
        if self._first_lemmas.isdisjoint(phrases.lemmas_in(text)):
            return None  # the common case, decided without looking for each phrase
        all_phrases = [p for step in self.steps for p in step]
        hits = phrases.longest_hits(all_phrases, text)
        best = None
        for hit in hits:
            step = next(i for i, s in enumerate(self.steps) if hit.phrase in s)
            if best is None or step < best[0]:
                best = (step, hit.text)
        return best


@dataclass
class Waiver:
    para: str
    rule: str
    reason: str


@dataclass
class Settings:
    ladders: list[Ladder]
    hedges: list[str]
    universal_words: list[str]
    universal_phrases: list[str]
    softeners: list[str] = field(default_factory=list)
    commitment_verbs: list[str] = field(default_factory=list)
    agreed: list[AgreedSource] = field(default_factory=list)  # agreed language (DD107)
    protect: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    waivers: list[Waiver] = field(default_factory=list)
    fail_on: str = "warning"

    def severity_of(self, code: str) -> str:
        return self.severity.get(code, RULES[code].severity)


def _builtin() -> dict[str, Any]:
    text = resources.files("draftdiff").joinpath("data/language.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _ladders(raw: list, config: Config | None, where: str) -> list[Ladder]:
    out = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("steps"), list) or len(item["steps"]) < 2:
            raise _bad(config, where, f"{where} #{index + 1} needs steps = [[strong...], [weaker...]]")
        steps = []
        for step in item["steps"]:
            if isinstance(step, str):
                step = [step]
            if not isinstance(step, list) or not step or not all(isinstance(p, str) and p.strip() for p in step):
                raise _bad(config, where, f"{where} #{index + 1}: each step is a list of phrases")
            steps.append([p.strip() for p in step])
        rule = str(item.get("rule", "DD101")).upper()
        if rule not in ("DD101", "DD109", "DD110"):
            raise _bad(config, where, f"{where} #{index + 1}: rule must be DD101, DD109 or DD110")
        out.append(
            Ladder(
                name=str(item.get("name", f"ladder-{index + 1}")),
                steps=steps,
                flagged=bool(item.get("flagged")),
                rule=rule,
            )
        )
    return out


def _bad(config: Config | None, key: str, message: str):
    if config is None:
        raise ValueError(message)
    return config.error(message, line_of(config.path, key.split(".")[-1]))


def _string_list(value: Any, config: Config, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(config, key, f"{key} must be a list of phrases")
    return [v.strip() for v in value]


def _rule_code(value: Any, config: Config, key: str) -> str:
    if isinstance(value, str):
        code = value.strip().upper() if value.strip().upper() in RULES else BY_NAME.get(value.strip())
        if code:
            return code
    known = ", ".join(f"{c} ({r.name})" for c, r in RULES.items())
    raise _bad(config, key, f"unknown rule {value!r} in {key}; known rules: {known}")


def _agreed(value: Any, config: Config) -> list[AgreedSource]:
    """[check] agreed = ["texts/76-141.pdf", {name = "GCM", path = "texts/gcm.docx"}]"""
    from pathlib import Path

    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad(config, "agreed", 'agreed must be a list of files or {name = "...", path = "..."} tables')
    out = []
    for item in value:
        if isinstance(item, str):
            name, path = Path(item).stem, item
        elif isinstance(item, dict) and isinstance(item.get("path"), str):
            name, path = str(item.get("name") or Path(item["path"]).stem), item["path"]
        else:
            raise _bad(config, "agreed", 'each agreed source is a file path or {name = "...", path = "..."}')
        full = Path(path) if Path(path).is_absolute() else config.base / path
        if not full.is_file():
            raise _bad(config, "agreed", f"agreed source {path!r} does not exist")
        out.append(AgreedSource(name, full))
    return out


def load_settings(
    config: Config | None = None,
    *,
    protect: list[str] | None = None,
    fail_on: str | None = None,
    agreed: list[AgreedSource] | None = None,
) -> Settings:
    """Built-in language data, extended and tuned by the configuration."""
    builtin = _builtin()
    base = builtin["check"]
    settings = Settings(
        ladders=_ladders(builtin["ladder"], None, "ladder"),
        hedges=list(base["hedges"]),
        universal_words=list(base["universal_words"]),
        universal_phrases=list(base["universal_phrases"]),
        softeners=list(base["softeners"]),
        commitment_verbs=list(base["commitment_verbs"]),
    )
    config = config or Config()
    table = config.data.get("check", {})
    if not isinstance(table, dict):
        raise config.error("[check] must be a table", line_of(config.path, "[check]"))
    known_keys = {
        "protect",
        "hedges",
        "ladder",
        "ladders",
        "severity",
        "disable",
        "waiver",
        "waivers",
        "fail-on",
        "fail_on",
        "universal_words",
        "universal_phrases",
        "softeners",
        "commitment_verbs",
        "agreed",
    }
    for key in table:
        if key not in known_keys:
            raise config.error(
                f"unknown key {key!r} in [check]{did_you_mean(key, known_keys)}; known: {', '.join(sorted(known_keys))}",
                line_of(config.path, key),
            )
    settings.protect = _string_list(table.get("protect"), config, "protect")
    settings.hedges += _string_list(table.get("hedges"), config, "hedges")
    settings.universal_words += _string_list(table.get("universal_words"), config, "universal_words")
    settings.universal_phrases += _string_list(table.get("universal_phrases"), config, "universal_phrases")
    settings.softeners += _string_list(table.get("softeners"), config, "softeners")
    settings.commitment_verbs += _string_list(table.get("commitment_verbs"), config, "commitment_verbs")
    extra = table.get("ladder", table.get("ladders", []))
    if not isinstance(extra, list):
        raise _bad(config, "ladder", "[[check.ladder]] must be an array of tables")
    settings.ladders += _ladders(extra, config, "check.ladder")
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise _bad(config, "severity", "[check.severity] must map rules to error, warning or info")
    for key, value in severity.items():
        code = _rule_code(key, config, "severity")
        if value not in SEVERITIES:
            raise _bad(config, str(key), f"severity of {key} must be error, warning or info, not {value!r}")
        settings.severity[code] = value
    disable = table.get("disable", [])
    if not isinstance(disable, list):
        raise _bad(config, "disable", "disable must be a list of rule codes")
    settings.disabled = {_rule_code(v, config, "disable") for v in disable}
    waivers = table.get("waiver", table.get("waivers", []))
    if not isinstance(waivers, list):
        raise _bad(config, "waiver", "[[check.waiver]] must be an array of tables")
    for item in waivers:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item.get(k) for k in ("para", "rule", "reason")
        ):
            raise _bad(config, "waiver", "each [[check.waiver]] needs para, rule and reason (all text)")
        from ..document.numbering import canonical_id

        settings.waivers.append(
            Waiver(canonical_id(item["para"]), _rule_code(item["rule"], config, "waiver"), item["reason"])
        )
    configured_fail = table.get("fail-on", table.get("fail_on"))
    if configured_fail is not None and configured_fail not in FAIL_ON:
        raise _bad(config, "fail-on", f"fail-on must be one of {', '.join(FAIL_ON)}")
    settings.fail_on = fail_on or configured_fail or "warning"
    settings.protect += [p for p in protect or [] if p.strip()]
    settings.agreed = _agreed(table.get("agreed"), config) + list(agreed or [])
    return settings
