"""The settings package has no import circle, counting imports made only for the type checker
(issue 18: conflicts → page → conflicts, reconcile → page, server_box → conflicts)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app" / "ui" / "settings"


def graph(folder: Path) -> dict[str, set[str]]:
    """Module -> the sibling modules it imports (``from .x import``), anywhere in the file."""
    names = {p.stem for p in folder.glob("*.py")}
    edges: dict[str, set[str]] = {}
    for py in folder.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in names:
                found.add(node.module)
        edges[py.stem] = found
    return edges


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import circle, or [] (depth-first, three colours)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(n: str) -> list[str]:
        state[n] = 1
        path.append(n)
        for m in sorted(edges.get(n, ())):
            if state.get(m) == 1:
                return [*path[path.index(m):], m]
            if m not in state and (found := visit(m)):
                return found
        state[n] = 2
        path.pop()
        return []

    for n in sorted(edges):
        if n not in state and (found := visit(n)):
            return found
    return []


def test_the_settings_package_has_no_import_circle() -> None:
    assert cycle(graph(PACKAGE)) == []


def test_the_check_finds_a_circle() -> None:
    assert cycle({"page": {"conflicts"}, "conflicts": {"common", "page"}, "common": set()}) \
        == ["conflicts", "page", "conflicts"]
