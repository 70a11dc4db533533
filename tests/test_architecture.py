"""The domain layers stay free of Qt: Anki-style core, thin widgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_FREE = ["counter_app/models", "counter_app/services", "counter_app/documents",
           "counter_app/sync", "counter_app/cli"]


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
        "import counter_app.sync\n"
        "for pkg in (counter_app.models, counter_app.services, counter_app.documents,\n"
        "            counter_app.sync):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "import counter_app.cli.main\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
