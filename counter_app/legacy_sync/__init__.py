"""The old row sync: a PC's SQLite pushed to and pulled from a shared database, kept for
halls not yet moved to the hall service (docs/HALL-SERVICE.md); an enrolled PC never uses it.
Qt-free.

Start with ``SyncEngine`` (engine.py); its conflict rules are coded in rules.py (the sync's
rules: ``counter_app/sync/RULES.md``). What it shares with the hall service (capture,
tables, the journal) is in ``counter_app/sync``.
"""

from ..sync.backoff import next_delay
from ..sync.connection import redact, test_connection
from ..sync.errors import ServerNotReady, ServerUnavailable, SyncError
from ..sync.report import SyncReport, SyncStatus
from ..sync.server import ServerInfo, init_server
from .conflicts import ConflictView, list_conflicts, resolve_conflict
from .credentials import load_server_url, store_server_url
from .engine import SyncEngine
from .reconcile import ReconRow, reconcile

__all__ = [
    "ConflictView", "ReconRow", "ServerInfo", "ServerNotReady", "ServerUnavailable",
    "SyncEngine", "SyncError", "SyncReport", "SyncStatus", "init_server", "list_conflicts",
    "load_server_url", "next_delay", "reconcile", "redact", "resolve_conflict",
    "store_server_url", "test_connection",
]
