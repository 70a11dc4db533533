"""Which hall server this PC syncs with: a supervisor's setting, never a clerk's (a service of
the row sync, so it sits beside it and services never import sync).

A clerk who could point the PC at another database could send the hall's cases anywhere or
cut the PC off from the hall (issue 15, finding 14). The settings page shows the box to
everyone but lets only a supervisor change it; this service is where that is decided.
``counter-admin`` (the IT staff's tool on the PC itself) keeps its own way.
"""

from __future__ import annotations

from ..services.context import Actor, ServiceContext, require_role
from .credentials import store_server_url


def save_server_url(ctx: ServiceContext, actor: Actor, url: str) -> None:
    """Store the server address (its password protected by ``store_server_url``)."""
    require_role(actor, "supervisor")
    with ctx.db.transaction() as s:
        store_server_url(s, url)


def may_change_server(actor: Actor) -> bool:
    return actor.has("supervisor")
