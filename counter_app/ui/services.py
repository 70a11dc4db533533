"""What the widgets are given: the service context, the lanes (through ``ops``), the change
notification and the services.

Every member is named and typed here: no string-keyed bag that any page may fill (issue 18,
item 6). A long-lived helper a page needs is a field, set where it is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .operations import Changes, Operations
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
    # Made here, per window: the one wrapper over the lanes, and what the database was written with.
    changes: Changes = field(init=False, repr=False)
    ops: Operations = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.changes = Changes()
        self.ops = Operations(self.lane, self.changes)
        if self.ctx is not None:
            self.changes.watch_database(self.ctx.db)

    def __setattr__(self, name: str, value: Any) -> None:
        super().__setattr__(name, value)
        if name == "ctx" and value is not None and "changes" in self.__dict__:
            self.changes.watch_database(value.db)  # opened on the lane after the login showed

    def service(self, cls: type) -> Any:
        """One instance per service class, created on first use."""
        if cls not in self._services:
            self._services[cls] = cls(self.ctx)
        return self._services[cls]
