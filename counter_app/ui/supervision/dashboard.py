"""The bulletin on screen: choose day, week or month and a date; summary, four charts, the
tables; export the same bulletin as PDF or Excel.

Keys (the supervision page passes them on while this tab is shown; F1 lists them): F2 day /
week / month, F3 the date (arrows or typed), F5 refresh, F6 / Shift+F6 the next / previous
table with the keys in it, Ctrl+S save as PDF, Ctrl+Shift+S as Excel (Qt's own dialog, which
opens without holding the key: Enter saves)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.supervision.bulletin.build import Bulletin, charts, compute_bulletin, tables
from ..file_dialogs import ask_save_then
from .charts import BarChart
from .common import fill_table, make_table, message_label, say, submit


class BulletinView(QWidget):
    def __init__(self, services, actor=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bulletinView")
        self.services, self.actor = services, actor  # the supervisor (exports are logged)
        self.bulletin: Bulletin | None = None
        self.kind = QComboBox()
        self.kind.setObjectName("bulletinKind")
        for key, label in (("day", self.tr("Daily")), ("week", self.tr("Weekly")),
                           ("month", self.tr("Monthly"))):
            self.kind.addItem(label, key)
        today = services.ctx.now().date()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("bulletinDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.pdf_button = QPushButton(self.tr("Export PDF… (Ctrl+S)"))
        self.xlsx_button = QPushButton(self.tr("Export Excel… (Ctrl+Shift+S)"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Bulletin")))
        bar.addWidget(self.kind)
        bar.addWidget(self.day)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.xlsx_button)
        self.title = QLabel("")
        self.title.setObjectName("bulletinTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.summary = QLabel("")
        self.summary.setObjectName("bulletinSummary")
        self.summary.setWordWrap(True)
        self.message = message_label("bulletinMessage")
        # Four charts always; the fifth (the queue by hour) spans the row when there is one.
        self.charts = [BarChart() for _ in range(5)]
        grid = QGridLayout()
        for i, chart in enumerate(self.charts):
            chart.setObjectName(f"bulletinChart{i}")
            chart.setMinimumHeight(230)  # axis labels whole; the part above scrolls instead
            if i < 4:
                grid.addWidget(chart, i // 2, i % 2)
            else:
                grid.addWidget(chart, 2, 0, 1, 2)
                chart.hide()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.title)
        top_lay.addWidget(self.summary)
        top_lay.addLayout(grid, 1)
        self.tables = QTabWidget()
        self.tables.setObjectName("bulletinTables")
        # At 1366x768 the charts squeezed the tables to one row: the summary and charts
        # scroll in their own half, the tables keep theirs.
        top_scroll = QScrollArea()
        top_scroll.setObjectName("bulletinTop")
        top_scroll.setWidgetResizable(True)
        top_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        top_scroll.setWidget(top)
        self.tables.setMinimumHeight(220)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(top_scroll)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))

    def focus_kind(self) -> None:
        self.kind.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_day(self) -> None:
        self.day.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def step_table(self, step: int) -> None:
        """The next (previous) table of the bulletin, with the keys in it to read it."""
        n = self.tables.count()
        if not n:
            return
        self.tables.setCurrentIndex((self.tables.currentIndex() + step) % n)
        table = self.tables.currentWidget()
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def refresh(self) -> None:
        kind, day = self.kind.currentData(), self.chosen_day()
        self.refresh_button.setEnabled(False)
        say(self.message, self.tr("Loading…"))
        submit(self, lambda: compute_bulletin(self.services.ctx, kind, day),
                                  self.show_bulletin, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        say(self.message, str(exc), error=True)

    def show_bulletin(self, b: Bulletin) -> None:
        self.bulletin = b
        self.refresh_button.setEnabled(True)
        self.message.setText("")
        self.title.setText(b.title)
        self.summary.setText("\n".join(f"{i}. {x}" for i, x in enumerate(b.summary_lines(), 1)))
        shown = charts(b)
        for i, chart in enumerate(self.charts):
            if i < len(shown):
                chart.set_data(shown[i])
            chart.setVisible(i < len(shown))
        current = self.tables.currentIndex()
        self.tables.clear()
        for table in tables(b):
            t = make_table(f"bulletinTable_{table.key}")
            fill_table(t, [h.replace("\n", "") for h in table.headers], table.rows)
            self.tables.addTab(t, table.title.split("（")[0])
        self.tables.setCurrentIndex(max(0, current))

    def export(self, fmt: str) -> None:
        b = self.bulletin
        if b is None:
            return
        name = f"{b.title}.{fmt}"
        flt = self.tr("PDF (*.pdf)") if fmt == "pdf" else self.tr("Excel workbook (*.xlsx)")
        self.file_dialog = ask_save_then(self, self.tr("Export bulletin"), "bulletin", name, flt,
                                         lambda path: self.export_to(Path(path)))

    def export_to(self, path: Path) -> None:
        """Write the shown bulletin (on the lane: rendering takes a moment)."""
        b = self.bulletin
        assert b is not None

        ctx, actor = self.services.ctx, self.actor

        def write() -> Path:
            # Imported here, on the lane: reportlab and openpyxl cost 200 ms and more to load,
            # which the first visit to the page (a key, on the GUI thread) used to pay.
            from ...services.privacy.exports import ExportService

            return ExportService(ctx).export_bulletin(actor, b, path)  # written, then logged

        submit(self, write, lambda p: say(self.message, self.tr("Saved: %1").replace("%1", str(p))),
               self._failed)
