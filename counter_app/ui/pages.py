"""The workspace's pages and which roles see them. Each page module owns its widget.

A page factory takes (services: AppServices, actor: Actor) and returns a QWidget; modules
are imported only when a user who may see the page logs in, which keeps start-up fast.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

translate = QCoreApplication.translate  # lupdate extracts translate("Pages", "...")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    roles: frozenset[str]
    factory: str  # "module:function"

    @property
    def available(self) -> bool:
        try:
            return importlib.util.find_spec(self.factory.split(":")[0]) is not None
        except ModuleNotFoundError:  # the parent package does not exist yet either
            return False

    def build(self, services, actor) -> QWidget:
        module, func = self.factory.split(":")
        return getattr(importlib.import_module(module), func)(services, actor)


ALL = frozenset({"clerk", "guide", "approver", "supervisor"})
PAGES: list[PageSpec] = [
    PageSpec("counter", lambda: translate("Pages", "Receive"), frozenset({"clerk"}),
             "counter_app.ui.counter.page:build"),
    PageSpec("cases", lambda: translate("Pages", "Cases"), frozenset({"clerk", "supervisor"}),
             "counter_app.ui.cases_page:build"),
    PageSpec("handoff", lambda: translate("Pages", "Handoff"), frozenset({"clerk"}),
             "counter_app.ui.handoff.page:build"),
    PageSpec("approver", lambda: translate("Pages", "Approver desk"), frozenset({"approver"}),
             "counter_app.ui.approver.page:build"),
    PageSpec("issue", lambda: translate("Pages", "Issue results"), frozenset({"clerk"}),
             "counter_app.ui.handoff.issue_page:build"),
    PageSpec("queue", lambda: translate("Pages", "Ticket desk"), frozenset({"guide"}),
             "counter_app.ui.queue.guide_page:build"),
    PageSpec("consult", lambda: translate("Pages", "Consultations"), frozenset({"guide", "clerk"}),
             "counter_app.ui.supervision.consult_page:build"),
    PageSpec("supervision", lambda: translate("Pages", "Supervision"), frozenset({"supervisor"}),
             "counter_app.ui.supervision.page:build"),
    PageSpec("settings", lambda: translate("Pages", "Settings"), ALL, "counter_app.ui.settings_page:build"),
    PageSpec("home", lambda: translate("Pages", "Home"), ALL, "counter_app.ui.home_page:build"),
]


def pages_for(roles: frozenset[str]) -> list[PageSpec]:
    return [p for p in PAGES if p.roles & roles and p.available]
