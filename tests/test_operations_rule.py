"""Widgets run work off the GUI thread only through ``ui/operations.py`` (issue 18): no
``lane.submit``, no lane or thread of their own, anywhere else in the app."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "counter_app"
WRAPPER = APP / "ui" / "operations.py"
LANE = APP / "ui" / "worker.py"
# The one thread that is not a screen's work: the sync loop (the documented second writer,
# worker.py).
OWN_THREADS = {APP / "ui" / "sync_status.py"}


def _calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        owner = ast.unparse(f.value) if isinstance(f, ast.Attribute) else ""
        if name == "submit" and "lane" in owner.lower():
            found.append((node.lineno, f"{owner}.submit"))
        elif name == "DbLane":
            found.append((node.lineno, "DbLane()"))
        elif name == "Thread" and path not in OWN_THREADS:
            found.append((node.lineno, "threading.Thread"))
    return found


def offenders(root: Path) -> list[str]:
    out = []
    for py in sorted(root.rglob("*.py")):
        if py in (WRAPPER, LANE):
            continue
        out += [f"{py.relative_to(ROOT)}:{line}: {what}" for line, what in _calls(py)]
    return out


def test_only_the_wrapper_submits_to_a_lane() -> None:
    # The composition roots make the one lane of a window (login_window) or of the set-up
    # dialog (first_run) and hand it to Operations at once.
    allowed = {"counter_app/ui/login_window.py", "counter_app/ui/first_run.py"}
    bad = [o for o in offenders(APP / "ui")
           if not (o.endswith("DbLane()") and o.split(":")[0] in allowed)]
    assert bad == []


def test_the_rule_sees_a_raw_submit(tmp_path: Path) -> None:
    """The check itself can fail: a page that submits to the lane is caught."""
    page = tmp_path / "page.py"
    page.write_text("def go(self):\n    self.services.lane.submit(lambda: 1, print)\n"
                    "    import threading\n    threading.Thread(target=print).start()\n",
                    encoding="utf-8")
    assert [what for _line, what in _calls(page)] == ["self.services.lane.submit",
                                                       "threading.Thread"]
