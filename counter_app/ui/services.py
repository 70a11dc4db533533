"""What the widgets are given: the service context, the lanes (through ``ops``), the change
notification and the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .operations import Changes, Operations
from .worker import DbLane

if TYPE_CHECKING:  # start-up must not import SQLAlchemy before the login screen shows
    from ..services.context import Actor, ServiceContext


@dataclass
class AppServices:
    ctx: ServiceContext
    lane: DbLane
    settings: dict[str, Any] = field(default_factory=dict)
    actor: Actor | None = None
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
        cache = self.settings.setdefault("_services", {})
        if cls not in cache:
            cache[cls] = cls(self.ctx)
        return cache[cls]
