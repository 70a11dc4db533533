"""What the widgets are given: the service context, the database lane and the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .worker import DbLane

if TYPE_CHECKING:  # start-up must not import SQLAlchemy before the login screen shows
    from ..services.context import Actor, ServiceContext


@dataclass
class AppServices:
    ctx: ServiceContext
    lane: DbLane
    settings: dict[str, Any] = field(default_factory=dict)
    actor: Actor | None = None

    def service(self, cls: type) -> Any:
        """One instance per service class, created on first use."""
        cache = self.settings.setdefault("_services", {})
        if cls not in cache:
            cache[cls] = cls(self.ctx)
        return cache[cls]
