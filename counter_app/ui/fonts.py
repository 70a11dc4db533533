"""Register the bundled CJK font with Qt so Chinese renders on a PC that has none."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..paths import resource

FONT_FILE = ("fonts", "wqy-microhei.ttc")


def install_app_font(app: QApplication, point_size: int = 11) -> str:
    font_id = QFontDatabase.addApplicationFont(str(resource(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = families[0] if families else ""
    font = QFont(family) if family else app.font()
    font.setPointSize(point_size)
    app.setFont(font)
    return family
