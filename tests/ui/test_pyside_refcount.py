"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call and to True on
every emit; importing counter_app.ui pins those singletons so a day's work cannot use them up."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CALLS = 50_000  # far more than the ~5,000 references None starts with


def test_a_long_day_of_calls_does_not_kill_the_app() -> None:
    code = textwrap.dedent(f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import counter_app.ui  # the work-around
        from PySide6.QtCore import QObject, Signal
        from PySide6.QtWidgets import QApplication, QLineEdit
        app = QApplication([])
        edit = QLineEdit()
        class Probe(QObject):
            ping = Signal(object)
        probe = Probe()
        probe.ping.connect(lambda _x: None)
        for _ in range({CALLS}):
            edit.setText("x")   # returns None
            probe.ping.emit(None)  # returns True
        del edit, probe, app
        import gc; gc.collect()
        print("alive")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "alive" in proc.stdout, proc.stderr[-2000:]
