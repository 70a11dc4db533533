"""The supervisors' page: the bulletin dashboard and the tools behind it, one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from .audit_widget import AuditWidget
from .catalog_editor import CatalogEditorWidget
from .complaints_widget import ComplaintsWidget
from .dashboard import BulletinView
from .deadlines_widget import DeadlinesWidget
from .holidays_widget import HolidaysWidget
from .ratings_widget import RatingsWidget
from .staff_widget import StaffWidget


class SupervisionPage(QTabWidget):
    def __init__(self, services, actor, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setObjectName("supervisionPage")
        self.bulletin = BulletinView(services)
        self.deadlines = DeadlinesWidget(services, actor)
        self.complaints = ComplaintsWidget(services, actor)
        self.ratings = RatingsWidget(services, actor)
        self.staff = StaffWidget(services, actor)
        self.catalog = CatalogEditorWidget(services, actor)
        self.holidays = HolidaysWidget(services, actor)
        self.audit = AuditWidget(services, actor)
        self.addTab(self.bulletin, self.tr("Bulletin"))
        self.addTab(self.deadlines, self.tr("Deadlines"))
        self.addTab(self.complaints, self.tr("Complaints"))
        self.addTab(self.ratings, self.tr("Bad ratings"))
        self.addTab(self.staff, self.tr("Staff and training"))
        self.addTab(self.catalog, self.tr("Catalog"))
        self.addTab(self.holidays, self.tr("Holidays"))
        self.addTab(self.audit, self.tr("Audit"))
        self.holidays.reminded.connect(self._holiday_reminder)
        self.bulletin.refresh()

    def _holiday_reminder(self, text: str) -> None:
        """From November on the tab itself asks for next year's schedule."""
        i = self.indexOf(self.holidays)
        self.setTabText(i, self.tr("Holidays (next year missing)") if text else self.tr("Holidays"))
        self.setTabToolTip(i, text)


def build(services, actor) -> QWidget:  # type: ignore[no-untyped-def]
    return SupervisionPage(services, actor)
