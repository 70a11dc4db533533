"""Is this data folder set up? Standard library only: asked on the GUI thread at start-up,
before SQLAlchemy is imported (the login screen must appear fast)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

DB_FILENAME = "counter.sqlite3"  # = models.database.DB_FILENAME
TERMINAL_KEY = "terminal_code"  # = services.settings.TERMINAL_KEY
KEYS_FILE = "counter.keys"  # = vault.KEYS_FILE


def first_run_pending(folder: Path) -> bool:
    """True when the data folder has no terminal code or no users yet: a quick read-only
    look at the SQLite file, cheap enough for start-up on the GUI thread.

    A protected folder cannot be looked into before a login: it is set up once someone can
    unlock it (a staff member's slot, or the hall service's recovery slot)."""
    path = folder / DB_FILENAME
    if (folder / KEYS_FILE).exists():
        from .vault import unfinished

        return unfinished(folder)
    if not path.exists():
        return True
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            term = con.execute("SELECT value FROM setting WHERE key = ?", (TERMINAL_KEY,)).fetchone()
            users = con.execute("SELECT count(*) FROM staff").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        # A broken or unreadable file is not "not set up": the login screen opens it and
        # says what is wrong (bootstrap.open_database, failures.describe).
        return "no such table" in str(exc)
    return not (term and term[0]) or not users
