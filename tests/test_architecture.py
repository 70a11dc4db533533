"""The domain layers stay free of Qt (Anki-style core, thin widgets), and the tree keeps its
layer order with no import cycle (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ["counter_app/models", "counter_app/ids", "counter_app/services",
           "counter_app/documents", "counter_app/sync", "counter_app/legacy_sync",
           "counter_app/hallsync", "counter_app/hall", "counter_app/cli"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_domain_sources_do_not_import_qt() -> None:
    offenders = []
    for folder in QT_FREE:
        for py in (ROOT / folder).rglob("*.py"):
            if _imports(py) & {"PySide6", "shiboken6", "PyQt5", "PyQt6"}:
                offenders.append(str(py.relative_to(ROOT)))
    assert offenders == []


def test_importing_services_loads_no_qt_module() -> None:
    # Catches an indirect import too (a service importing a module that imports Qt).
    code = (
        "import sys, pkgutil, importlib\n"
        "import counter_app.models, counter_app.services, counter_app.documents\n"
        "import counter_app.ids, counter_app.sync, counter_app.legacy_sync, counter_app.hallsync\n"
        "for pkg in (counter_app.models, counter_app.ids, counter_app.services,\n"
        "            counter_app.documents, counter_app.sync, counter_app.legacy_sync,\n"
        "            counter_app.hallsync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "import counter_app.cli.main\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# The layers, lowest first: a module may import its own layer and those below, never above.
# hallsync (a PC's client of the hall service) and legacy_sync (the old row sync) are two
# ways for a PC to sync, on one layer above the shared sync machinery; the hall service
# itself (hall) is an application like the desktop app and the admin CLI: it runs the
# services and serves the journal, and nothing below imports it.
LAYERS: list[tuple[str, set[str]]] = [
    ("base", {"paths", "failures", "diagnostics", "vault", "first_run_check"}),
    ("models", {"models"}),
    ("ids", {"ids"}),
    ("domain", {"services", "documents"}),
    ("sync", {"sync"}),
    ("sync clients", {"hallsync", "legacy_sync"}),
    ("wiring", {"bootstrap", "setup_file"}),
    ("applications", {"hall", "ui", "cli", "app", "smoke"}),
]
# Pairs on one layer that must still not meet: the two sync clients are alternatives, and
# the PC's client never reaches into the server.
APART = {("hallsync", "legacy_sync"), ("legacy_sync", "hallsync"), ("hallsync", "hall"),
         ("hall", "hallsync"), ("hall", "ui")}


def _modules() -> dict[str, Path]:
    out = {}
    for py in (ROOT / "counter_app").rglob("*.py"):
        if "migrations" in py.parts:
            continue
        parts = list(py.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = py
    return out


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _import_nodes(tree: ast.Module, at_import_time: bool) -> list[ast.Import | ast.ImportFrom]:
    """Every import; with ``at_import_time`` only those run when the module is imported
    (module level, inside if/try, not under TYPE_CHECKING, not in a function or class)."""
    if not at_import_time:
        return [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    out: list[ast.Import | ast.ImportFrom] = []
    todo: list[ast.stmt] = list(tree.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            out.append(node)
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            todo += node.body + node.orelse
        elif isinstance(node, ast.Try):
            todo += node.body + node.orelse + node.finalbody
            for h in node.handlers:
                todo += h.body
    return out


def _targets(name: str, path: Path, mods: dict[str, Path], at_import_time: bool) -> set[str]:
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8")), at_import_time):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in mods}
            continue
        if node.level:
            parts = package.split(".")
            base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
        else:
            base = node.module or ""
        for a in node.names:
            sub = f"{base}.{a.name}"
            if sub in mods:
                out.add(sub)
            elif base in mods:
                out.add(base)
    out.discard(name)
    return out


def _layer_of(module: str) -> int:
    top = module.split(".")[1]
    for i, (_, members) in enumerate(LAYERS):
        if top in members:
            return i
    raise AssertionError(f"{module}: counter_app.{top} is in no layer; add it to LAYERS "
                         "(tests/test_architecture.py) and to docs/ARCHITECTURE.md")


def test_no_module_imports_a_higher_layer() -> None:
    # Every import counts here, a lazy one inside a function too: it still ties the layers.
    mods = _modules()
    bad = []
    for name, path in sorted(mods.items()):
        if name == "counter_app":
            continue
        for target in sorted(_targets(name, path, mods, at_import_time=False)):
            if target == "counter_app":
                continue
            a, b = name.split(".")[1], target.split(".")[1]
            if _layer_of(target) > _layer_of(name) or (a, b) in APART:
                bad.append(f"{name} -> {target}")
    assert bad == []


def test_services_import_no_sync() -> None:
    mods = _modules()
    bad = [f"{n} -> {t}" for n, p in mods.items() if n.startswith("counter_app.services")
           for t in _targets(n, p, mods, at_import_time=False)
           if t.split(".")[1] in {"sync", "legacy_sync", "hallsync", "hall"}]
    assert bad == []


def test_no_import_cycle() -> None:
    """No cycle among the imports that run when a module is imported (a lazy import inside a
    function, or one only for the type checker, is how a layer may look up without a cycle)."""
    mods = _modules()
    graph = {n: _targets(n, p, mods, at_import_time=True) for n, p in mods.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_checks_see_a_violation() -> None:
    """The graph code above finds imports at all: a known edge of each kind is seen."""
    mods = _modules()
    svc = "counter_app.services.intake.service"
    assert "counter_app.services.context" in _targets(svc, mods[svc], mods, at_import_time=True)
    boot = "counter_app.bootstrap"
    lazy = _targets(boot, mods[boot], mods, at_import_time=False)
    assert "counter_app.hallsync.live" in lazy
    assert "counter_app.hallsync.live" not in _targets(boot, mods[boot], mods, at_import_time=True)
