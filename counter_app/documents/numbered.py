"""A canvas that writes "第 i 页 共 n 页" and a footer line on every page of a long report
(the bulletin, the personal-information report): the page count is known only at the end."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from .fonts import MAIN


def numbered_canvas(footer: str, margin: float, page_width: float, y: float) -> Any:
    """A canvas class for ``doc.build(story, canvasmaker=...)``."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab private, missing from its stubs

        def save(self) -> None:
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(MAIN, 8)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawString(margin, y, footer)
                self.drawRightString(page_width - margin, y,
                                     f"第 {self.getPageNumber()} 页 共 {len(self._pages)} 页")
                super().showPage()
            super().save()

    return NumberedCanvas
