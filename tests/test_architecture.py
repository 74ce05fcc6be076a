"""The shape of the package, checked: imports go one way (no cycles, counting
type-only and deferred imports too), no private name is imported from another
package, and docs/architecture.md names only files that exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import REPO, SAMPLES, run_cli

PACKAGE = REPO / "src" / "draftdiff"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path) -> list[tuple[str, str]]:
    """(imported module, imported name) for every import of the package in a module, wherever it stands."""
    is_package = path.name == "__init__.py"
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            for alias in node.names:
                out.append((target, alias.name))
        elif isinstance(node, ast.Import):
            out += [(alias.name, "") for alias in node.names]
    return [(target, imported) for target, imported in out if target.split(".")[0] == "draftdiff"]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = set()
        for target, imported in _imports(name, path):
            module = f"{target}.{imported}" if f"{target}.{imported}" in MODULES else target
            if module in MODULES and module != name:
                targets.add(module)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_imports_go_one_way():
    graph = _graph()
    assert graph["draftdiff.diff.comparison"]  # the walk sees imports at all
    assert _cycles(graph) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def test_no_private_name_is_imported_from_another_package():
    crossing = [
        f"{name} imports {imported} from {target}"
        for name, path in MODULES.items()
        for target, imported in _imports(name, path)
        if imported.startswith("_") and not imported.startswith("__") and _package_of(target) != _package_of(name)
    ]
    assert crossing == []


def test_the_architecture_document_names_files_that_exist():
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:src/draftdiff/|tests/|benchmarks/|docs/)?[\w/]+\.(?:py|md|toml))`", text))
    named |= set(re.findall(r"\b((?:readers|document|diff|rules|negotiation|writers)/\w+\.py)\b", text))
    assert len(named) > 20
    missing = []
    for path in sorted(named):
        candidates = [REPO / path, PACKAGE / path, REPO / "src" / path]
        if "/" not in path:  # a module named alone ("builder.py"): somewhere in the project
            candidates += [*PACKAGE.rglob(path), *(REPO / "tests").rglob(path), *(REPO / "benchmarks").glob(path)]
        if not any(candidate.exists() for candidate in candidates):
            missing.append(path)
    assert missing == []


# -- every entry of the tables is reachable from the command line ------------------------

_COMMAND_OF_KIND = {
    "draft": ["parse", "rev2.txt"],
    "drafts": ["drafts"],
    "report": ["export", "rev2.txt", "rev3.txt"],
    "check": ["check", "rev2.txt", "rev3.txt"],
    "checks": ["check"],
    "history": ["history", "--para", "38", "--revert-to", "rev1"],
    "trace": ["trace", "--phrase", "migration status"],
    "refs": ["refs", "comments.csv", "--on", "rev1"],
    "stats": ["stats"],
    "versions": ["versions", "rev2.txt", "rev3.txt"],
}


def test_every_writer_is_reachable_from_the_command_line(tmp_path):
    from draftdiff.writers.registry import FORMATS, RENDERERS

    assert set(_COMMAND_OF_KIND) == {kind for kind, _ in RENDERERS}
    for kind, fmt in sorted(RENDERERS):
        command = _COMMAND_OF_KIND[kind]
        if fmt == "terminal":  # the default view: parse calls it "table", compare shows a report
            args = {
                "draft": ["parse", "rev2.txt", "-f", "table"],
                "drafts": ["drafts", "-f", "table"],
                "report": ["compare", "rev2.txt", "rev3.txt"],
            }.get(kind, [*command, "-f", fmt])
        elif FORMATS[fmt].binary or kind == "report":
            args = [
                *command,
                "-o",
                str(tmp_path / f"out{FORMATS[fmt].suffixes[0] if FORMATS[fmt].suffixes else ''}"),
                "-f",
                fmt,
            ]
        else:
            args = [*command, "-f", fmt]
        result = run_cli(*args, cwd=SAMPLES)
        assert result.returncode in (0, 1), (kind, fmt, result.stderr)  # 1: a gate's findings
        assert result.stdout or any(tmp_path.iterdir()), (kind, fmt)


def test_every_input_format_has_a_reader_reachable_from_the_command_line(tmp_path):
    from draftdiff.formats import INPUT_FORMATS
    from draftdiff.readers import _READERS

    assert {fmt.name for fmt in INPUT_FORMATS} == set(_READERS)
    sample_of = {"docx": "rev2.docx", "pdf": "rev2.pdf", "text": "rev2.txt", "markdown": "rev2.txt"}
    for fmt in INPUT_FORMATS:
        for suffix in fmt.suffixes:
            copy = tmp_path / f"draft{suffix}"
            copy.write_bytes((SAMPLES / sample_of[fmt.name]).read_bytes())
            result = run_cli("parse", str(copy), "-f", "json")
            assert result.returncode == 0 and f'"format": "{fmt.name}"' in result.stdout, (suffix, result.stderr)


def test_every_rule_of_the_registry_is_explained_from_the_command_line():
    from draftdiff.rules.catalog import FAMILIES, RULES

    owned = [rule.code for family in FAMILIES for rule in family.RULES]
    assert sorted(owned) == sorted(RULES) and len(owned) == len(set(owned))  # each code declared once
    for code, rule in RULES.items():
        result = run_cli("rules", code)
        assert result.returncode == 0 and rule.name in result.stdout


def test_each_rule_code_is_emitted_by_the_module_that_declares_it():
    from draftdiff.rules.catalog import FAMILIES

    owner = {rule.code: family.__name__ for family in FAMILIES for rule in family.RULES}
    strays = []
    for path in (PACKAGE / "rules").glob("*.py"):
        module = _module_name(path)
        text = path.read_text(encoding="utf-8")
        # emitted: checker.add("DD…", …) or a finding re-labelled (finding.rule = "DD…"); a mention is not
        for code in re.findall(r'(?:\.add\(\s*|\.rule = )"(DD\d{3})"', text):
            if owner.get(code) != module:
                strays.append(f"{code} in {module} (owned by {owner.get(code)})")
    assert strays == []
