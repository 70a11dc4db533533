"""The supervisors' page: the bulletin dashboard and the tools behind it, one tab each.

Keys: Ctrl+1 … Ctrl+9, Ctrl+0 the tabs (Ctrl+Tab is the main window's next page); on the bulletin
F2, F3, F5, F6 / Shift+F6, Ctrl+S and Ctrl+Shift+S (dashboard.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from .audit_widget import AuditWidget
from .catalog_editor import CatalogEditorWidget
from .complaints_widget import ComplaintsWidget
from .dashboard import BulletinView
from .deadlines_widget import DeadlinesWidget
from .holidays_widget import HolidaysWidget
from .privacy_widget import PrivacyWidget
from .ratings_widget import RatingsWidget
from .seal_widget import SealWidget
from .staff_widget import StaffWidget


class SupervisionPage(QTabWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisionPage")
        self.bulletin = BulletinView(services, actor)
        self.deadlines = DeadlinesWidget(services, actor)
        self.complaints = ComplaintsWidget(services, actor)
        self.ratings = RatingsWidget(services, actor)
        self.staff = StaffWidget(services, actor)
        self.catalog = CatalogEditorWidget(services, actor)
        self.holidays = HolidaysWidget(services, actor)
        self.seal = SealWidget(services, actor)
        self.privacy = PrivacyWidget(services, actor)
        self.audit = AuditWidget(services, actor)
        self.addTab(self.bulletin, self.tr("Bulletin"))
        self.addTab(self.deadlines, self.tr("Deadlines"))
        self.addTab(self.complaints, self.tr("Complaints"))
        self.addTab(self.ratings, self.tr("Bad ratings"))
        self.addTab(self.staff, self.tr("Staff and training"))
        self.addTab(self.catalog, self.tr("Catalog"))
        self.addTab(self.holidays, self.tr("Holidays"))
        self.addTab(self.privacy, self.tr("Personal data"))
        self.addTab(self.audit, self.tr("Audit"))
        self.addTab(self.seal, self.tr("Hall seal"))
        self.holidays.reminded.connect(self._holiday_reminder)
        self._shortcuts()
        self.bulletin.refresh()

    def _shortcuts(self) -> None:
        b = self.bulletin
        keys = {"F2": b.focus_kind, "F3": b.focus_day, "F5": b.refresh,
                "F6": lambda: b.step_table(1), "Shift+F6": lambda: b.step_table(-1),
                "Ctrl+S": lambda: b.export("pdf"), "Ctrl+Shift+S": lambda: b.export("xlsx")}
        for seq, fn in keys.items():
            sc = QShortcut(QKeySequence(seq), self, lambda fn=fn: fn() if self.currentWidget() is b else None)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for n in range(1, min(self.count(), 10) + 1):  # Ctrl+0 is the tenth
            sc = QShortcut(QKeySequence(f"Ctrl+{n % 10}"), self, lambda i=n - 1: self.show_tab(i))
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def show_tab(self, index: int) -> None:
        self.setCurrentIndex(index)
        self.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _holiday_reminder(self, text: str) -> None:
        """From November on the tab itself asks for next year's schedule."""
        i = self.indexOf(self.holidays)
        self.setTabText(i, self.tr("Holidays (next year missing)") if text else self.tr("Holidays"))
        self.setTabToolTip(i, text)


def build(services, actor) -> QWidget:
    return SupervisionPage(services, actor)
