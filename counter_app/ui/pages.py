"""The workspace's pages and which roles see them. Each page module owns its widget.

A page factory takes (services: AppServices, actor: Actor) and returns a QWidget; modules
are imported only when a user who may see the page logs in, which keeps start-up fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget


def _t(text: str) -> str:
    return QCoreApplication.translate("Pages", text)


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: Callable[[], str]
    roles: frozenset[str]
    factory: str  # "module:function"

    def build(self, services, actor) -> QWidget:  # type: ignore[no-untyped-def]
        module, func = self.factory.split(":")
        return getattr(importlib.import_module(module), func)(services, actor)


PAGES: list[PageSpec] = []


def register(spec: PageSpec) -> None:
    PAGES[:] = [p for p in PAGES if p.key != spec.key] + [spec]


def pages_for(roles: frozenset[str]) -> list[PageSpec]:
    return [p for p in PAGES if p.roles & roles]


register(PageSpec("home", lambda: _t("Home"),
                  frozenset({"clerk", "guide", "approver", "supervisor"}),
                  "counter_app.ui.home_page:build"))
