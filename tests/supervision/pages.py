"""The supervision page built and shown at a size, as the screen tests open it."""

from __future__ import annotations

from typing import Any

from counter_app.ui.supervision.page import build as build_supervision

from ..conftest import Hall


def shown_page(app_services: Any, hall: Hall, qtbot: Any, size: tuple[int, int],
               tab: str | None = None) -> Any:
    """The page for the hall's supervisor, shown at ``size``; ``tab``: the attribute naming
    the tab to bring forward (``"catalog"``, ``"complaints"``…)."""
    page = build_supervision(app_services, hall.supervisor)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    if tab is not None:
        page.setCurrentWidget(getattr(page, tab))
    return page
