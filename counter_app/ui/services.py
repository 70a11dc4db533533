"""What the widgets are given: the service context, the database lane and the services.

Every member is named and typed here: no string-keyed bag that any page may fill (issue 18,
item 6). A long-lived helper a page needs is a field, set where it is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .worker import DbLane

if TYPE_CHECKING:  # start-up must not import SQLAlchemy before the login screen shows
    from PySide6.QtWidgets import QWidget

    from ..services.context import Actor, ServiceContext
    from .scan_filter import ScanFilter
    from .sync_status import SyncController


@dataclass
class AppServices:
    ctx: ServiceContext
    lane: DbLane
    actor: Actor | None = None
    sync: SyncController | None = None  # the main window's; None on screens without sync
    scan_filter: ScanFilter | None = None  # installed on first use (ui/scan_filter.py)
    rating_screen: QWidget | None = None  # the applicant's rating screen, kept alive while shown
    _services: dict[type, Any] = field(default_factory=dict, repr=False)

    def service(self, cls: type) -> Any:
        """One instance per service class, created on first use."""
        if cls not in self._services:
            self._services[cls] = cls(self.ctx)
        return self._services[cls]
