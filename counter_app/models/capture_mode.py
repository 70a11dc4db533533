"""The switch of the sync capture triggers (``sync_capture.mode``), below services and sync.

The triggers themselves are installed by ``sync/capture.py``; services only need to switch
them for a bulk write that queues its own rows (demo data, ``services/demo/writer.py``), so
the switch lives here and services never import sync.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def capture_mode(conn: Connection) -> str:
    return conn.execute(text("SELECT mode FROM sync_capture WHERE id = 1")).scalar() or ""


def set_mode(conn: Connection, mode: str) -> None:
    conn.execute(text("UPDATE sync_capture SET mode = :m WHERE id = 1"), {"m": mode})
