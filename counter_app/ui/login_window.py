"""Build the main window; the database opens on the lane while the login screen shows.

An encrypted data folder (vault.py) cannot be opened before someone signs in: its database
opens on the lane with the key the first sign-in unwraps, and stays open (the background
sync goes on) while people sign in and out, until the app closes."""

from __future__ import annotations

import argparse
from typing import Any

from PySide6.QtCore import QCoreApplication

from .main_window import MainWindow
from .services import AppServices
from .worker import DbLane


class _LaneAuth:
    """Runs on the lane after the database opened there (the lane is first in, first out)."""

    def __init__(self, folder: Any, services: AppServices) -> None:
        self.folder, self.services = folder, services
        self.service: Any = None

    def login(self, username: str, password: str) -> Any:
        if self.service is None:  # an encrypted folder, still locked: this sign-in opens it
            from ..bootstrap import unlock_folder

            unlock_folder(self.folder, username, password)
            self.open()
        return self.service.login(username, password)

    def signed_out(self, actor: Any) -> None:
        if self.service is not None:
            self.service.signed_out(actor)

    def open(self) -> Any:
        from ..bootstrap import open_context
        from ..services.people.auth import AuthService

        ctx = open_context(self.folder)
        self.service = AuthService(ctx)
        # Read on the GUI thread only after this login's answer (or ``opened``) arrives.
        self.services.ctx = ctx
        return ctx


def build_main_window(args: argparse.Namespace) -> MainWindow:
    lane = DbLane()
    services = AppServices(ctx=None, lane=lane)  # type: ignore[arg-type]  # set below
    auth = _LaneAuth(args.data_dir, services)

    def open_all() -> Any:
        from .. import vault
        from ..paths import data_dir

        folder = data_dir(args.data_dir)
        if (vault.is_protected(folder) and vault.unlocked(folder) is None
                and vault.pending_key(folder) is None):
            # Opened by the first sign-in; meanwhile load what opening needs (SQLAlchemy,
            # the services, the migration scripts), so the sign-in waits for none of it.
            from ..bootstrap import open_context  # noqa: F401
            from ..models.migrate import head_revision
            from ..services.people.auth import AuthService  # noqa: F401

            head_revision()
            return None
        return auth.open()

    def opened(ctx: Any) -> None:
        # Delivered on the GUI thread before any login result: signals keep their order.
        if ctx is not None:
            services.ctx = ctx

    window = MainWindow(services, auth, idle_minutes=args.idle_minutes)
    services.ops.run(window, open_all, opened, lambda exc: window.login.show_error(
        QCoreApplication.translate("MainWindow", "The database could not be opened: %1")
        .replace("%1", str(exc))))
    return window
