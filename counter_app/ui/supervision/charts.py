"""A small grouped bar chart drawn with QPainter (QtCharts is not shipped): the same
ChartData the PDF draws with reportlab."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...services.supervision.bulletin.build import ChartData


class BarChart(QWidget):
    def __init__(self, data: ChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData) -> None:
        self.data = data
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        if self.data is not None:
            self._paint(p, self.data)
        p.end()

    def _paint(self, p: QPainter, d: ChartData) -> None:
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        title_font = self.font()
        title_font.setBold(True)
        p.setFont(title_font)
        p.setPen(QColor("#222222"))
        p.drawText(QRectF(6, 2, w - 12, line + 4), Qt.AlignmentFlag.AlignLeft, d.title)
        p.setFont(self.font())
        # Legend on the title line, right-aligned.
        x = w - 6.0
        for i in reversed(range(len(d.series) if len(d.series) > 1 else 0)):
            name = d.series[i][0]
            x -= fm.horizontalAdvance(name) + 4
            p.drawText(QRectF(x, 2, fm.horizontalAdvance(name) + 4, line + 4),
                       Qt.AlignmentFlag.AlignLeft, name)
            x -= 14
            p.fillRect(QRectF(x, 2 + line / 2 - 3, 10, 10), QColor(d.colors[i % len(d.colors)]))
            x -= 10
        axis_max, step = d.axis_max()
        left = fm.horizontalAdvance(str(axis_max)) + 10
        labels = d.axis_labels(max(4, int((w - left) // (fm.horizontalAdvance("00/00") + 8))))
        plot = QRectF(left, line + 12, w - left - 8, h - line * 3 - 22)
        p.setPen(QColor("#cccccc"))
        for k in range(axis_max // step + 1):
            y = plot.bottom() - plot.height() * k * step / axis_max
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(QColor("#555555"))
            p.drawText(QRectF(0, y - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight,
                       str(step * k))
            p.setPen(QColor("#cccccc"))
        n, m = len(d.categories), max(1, len(d.series))
        if n == 0:
            return
        slot = plot.width() / n
        bar = max(1.0, (slot * 0.8) / m)
        for i in range(n):
            x0 = plot.left() + slot * i + slot * 0.1
            for j, (_name, values) in enumerate(d.series):
                v = values[i] if i < len(values) else 0
                bh = plot.height() * v / axis_max
                p.fillRect(QRectF(x0 + j * bar, plot.bottom() - bh, bar - 1, bh),
                           QColor(d.colors[j % len(d.colors)]))
                if m == 1 and v:
                    p.setPen(QColor("#222222"))
                    p.drawText(QRectF(x0, plot.bottom() - bh - line, bar, line),
                               Qt.AlignmentFlag.AlignCenter, str(v))
            if labels[i]:
                p.setPen(QColor("#333333"))
                # Two lines at most, wrapped anywhere (Chinese has no spaces to wrap at).
                flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWrapAnywhere
                p.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 3, slot, line * 2 + 2),
                           int(flags), labels[i])
        p.setPen(QColor("#333333"))
        p.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
