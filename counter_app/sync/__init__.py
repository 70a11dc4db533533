"""Synchronisation of a counter's local SQLite with the hall's shared database. Qt-free.

Start with ``SyncEngine`` (engine.py); the conflict rules are written down in RULES.md and
coded in rules.py; change capture is in capture.py.
"""

from .backoff import next_delay
from .conflicts import ConflictView, list_conflicts, resolve_conflict
from .connection import redact, test_connection
from .credentials import load_server_url, store_server_url
from .engine import SyncEngine
from .errors import ServerNotReady, ServerUnavailable, SyncError
from .reconcile import ReconRow, reconcile
from .report import SyncReport, SyncStatus
from .server import ServerInfo, init_server

__all__ = [
    "ConflictView", "ReconRow", "ServerInfo", "ServerNotReady", "ServerUnavailable",
    "SyncEngine", "SyncError", "SyncReport", "SyncStatus", "init_server", "list_conflicts",
    "load_server_url", "next_delay", "reconcile", "redact", "resolve_conflict",
    "store_server_url", "test_connection",
]
