from __future__ import annotations

import subprocess
import sys


def test_documents_import_and_render_without_qt() -> None:
    code = (
        "import sys\n"
        "from counter_app.documents import render\n"
        "from tests.documents import samples\n"
        "render('acceptance', samples.case(), 'receipt')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
