"""Guard against the PySide6 6.12.0 reference-count bug: on CPython 3.11 it dropped a reference
to None on every wrapped call that returns nothing (``setText``) and to True on every
``Signal.emit()``, and the process aborted ("none_dealloc", "bool_dealloc") after about a
thousand calls. pyproject pins a PySide6 without it (6.11.3); the app carries no work-around,
so a PySide6 that brings the bug back fails here. (CPython 3.12+ makes None and True immortal,
which would hide it: there only the survival part means anything.)"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CALLS = 50_000  # far more than the ~5,000 references None starts with


def test_a_long_day_of_calls_leaks_no_reference_to_none_or_true() -> None:
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import counter_app.ui
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLineEdit
        app = QApplication([])
        edit = QLineEdit()
        class Probe(QObject):
            ping = Signal(object)
        probe = Probe()
        probe.ping.connect(lambda _x: None)
        none0, true0 = sys.getrefcount(None), sys.getrefcount(True)
        for _ in range({CALLS}):
            edit.setText("x")   # returns None
            probe.ping.emit(None)  # returns True
        print("drift", sys.getrefcount(None) - none0, sys.getrefcount(True) - true0)
        del edit, probe, app
        import gc; gc.collect()
        print("alive")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "alive" in proc.stdout, proc.stderr[-2000:]
    none_drift, true_drift = (int(n) for n in proc.stdout.split("drift", 1)[1].split()[:2])
    # A few references may come and go with the loop's own objects; the bug lost one per call.
    assert abs(none_drift) < 100 and abs(true_drift) < 100, proc.stdout
