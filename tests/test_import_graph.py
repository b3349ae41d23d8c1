"""The modules of `questionnaire/` import each other without a circle.

The graph is built from the source with `ast`: every import of a questionnaire module anywhere in a file
counts, at the top, inside a function or under `if TYPE_CHECKING:` (an import inside a function only hides
a circle until that function runs). `from questionnaire import x` is an import of the module `x` when
there is one; a relative import is resolved against the importing module.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


class Edge:
    def __init__(self, line: int, typing_only: bool) -> None:
        self.line = line
        self.typing_only = typing_only


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Every module of the package under `root`, by its dotted name (a package by its `__init__.py`)."""
    found = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _typing_blocks(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under `if TYPE_CHECKING:` (or `if typing.TYPE_CHECKING:`)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else test.attr if isinstance(test, ast.Attribute) else None
            if name == "TYPE_CHECKING":
                inside.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return inside


def import_graph(root: Path, package: str) -> dict[str, dict[str, Edge]]:
    """module -> {imported module: the first line importing it, and whether every such import is typing-only}."""
    modules = modules_of(root, package)

    def resolve(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, dict[str, Edge]] = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        typing = _typing_blocks(tree)
        edges: dict[str, Edge] = {}
        for node in ast.walk(tree):
            targets: list[str | None] = []
            if isinstance(node, ast.Import):
                targets = [resolve(alias.name) for alias in node.names if alias.name.split(".")[0] == package]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    origin = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    origin = node.module or ""
                if origin.split(".")[0] != package:
                    continue
                for alias in node.names:
                    full = f"{origin}.{alias.name}"
                    targets.append(full if full in modules else resolve(origin))
            for target in targets:
                if target is None or target == module:
                    continue
                typing_only = id(node) in typing
                edge = edges.get(target)
                if edge is None or node.lineno < edge.line:
                    edges[target] = Edge(node.lineno, typing_only and (edge is None or edge.typing_only))
                else:
                    edge.typing_only = edge.typing_only and typing_only
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, dict[str, Edge]]) -> list[str] | None:
    """One circle of imports, as the modules along it (the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, {})):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module)
            if found:
                return found
    return None


def describe(cycle: list[str], graph: dict[str, dict[str, Edge]]) -> str:
    steps = [cycle[0]]
    for here, there in itertools.pairwise(cycle):
        steps.append(f"(line {graph[here][there].line}) -> {there}")
    return " ".join(steps)


def test_the_modules_of_questionnaire_import_each_other_without_a_circle() -> None:
    graph = import_graph(ROOT, "questionnaire")
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + describe(cycle, graph)


def test_the_bank_the_linter_and_the_glossary_sit_in_layers() -> None:
    """The circle this check was written for: bank -> lint -> glossary -> bank. The linter and the glossary
    now read the bank's model and reader, never the module that loads (and lints) the bank."""
    graph = import_graph(ROOT, "questionnaire")
    assert "questionnaire.lint" in graph["questionnaire.bank"]
    for module in (
        "questionnaire.lint",
        "questionnaire.glossary",
        "questionnaire.bank_reader",
        "questionnaire.bank_model",
        "questionnaire.resources",
    ):
        assert "questionnaire.bank" not in graph[module], module
    assert set(graph["questionnaire.resources"]) == set()


@pytest.fixture
def package(tmp_path: Path) -> Path:
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    for name in ("__init__.py", "sub/__init__.py"):
        (tmp_path / "pkg" / name).write_text("", encoding="utf-8")
    return tmp_path


def write(root: Path, module: str, text: str) -> None:
    (root / "pkg" / (module.replace(".", "/") + ".py")).write_text(text, encoding="utf-8")


def test_a_circle_through_an_import_inside_a_function_is_found_and_named(package: Path) -> None:
    write(package, "a", "from pkg import b\n")
    write(package, "b", "import os\n\n\ndef later():\n    from pkg.sub.c import thing\n    return thing\n")
    write(package, "sub.c", "from ..a import x\nthing = 1\n")
    graph = import_graph(package, "pkg")
    cycle = find_cycle(graph)
    assert cycle is not None
    assert describe(cycle, graph) == "pkg.a (line 1) -> pkg.b (line 5) -> pkg.sub.c (line 1) -> pkg.a"


def test_typing_only_imports_count_and_are_told_apart(package: Path) -> None:
    write(package, "a", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.b import B\n")
    write(package, "b", "import pkg.a\n")
    graph = import_graph(package, "pkg")
    assert graph["pkg.a"]["pkg.b"].typing_only and not graph["pkg.b"]["pkg.a"].typing_only
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.a"]


def test_no_circle_in_layers(package: Path) -> None:
    write(package, "a", "import pkg.b\nfrom pkg import sub\n")
    write(package, "b", "from pkg.sub import c\n")
    write(package, "sub.c", "import json\n")
    graph = import_graph(package, "pkg")
    assert set(graph["pkg.a"]) == {"pkg.b", "pkg.sub"} and set(graph["pkg.b"]) == {"pkg.sub.c"}
    assert find_cycle(graph) is None
