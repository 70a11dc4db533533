"""Change capture by database triggers, so no write escapes: ORM, Core ``insert(Model)``
executemany, raw SQL, all in the same transaction as the write itself.

On a counter's SQLite, row triggers queue each changed row in ``sync_outbox`` (one entry per
row; see ``OutboxEntry``). On the server, triggers append to ``sync_journal``: statement
triggers with transition tables in PL/pgSQL on PostgreSQL, row triggers on a shared SQLite
file. The PostgreSQL triggers take one transaction-scoped advisory lock before numbering a
journal entry, so journal order is commit order and a reader never skips a late commit.

Both SQLite trigger sets exist on every SQLite database; ``sync_capture.mode`` (one row)
switches them: ``terminal`` (a counter PC, the default), ``server`` (a shared SQLite file, set
by ``init_server``), ``applying`` (inside the transaction that applies pulled rows, so they
are not sent back). Any other value (the demo generator's ``bulk``, set and reset inside one
transaction that queues its rows itself) switches both off.

The trigger text is generated from the live schema and compared with what is installed:
``ensure_capture`` re-creates it when a table or column was added, or when a batch migration
(which copies SQLite tables) dropped triggers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, text

from ..models.capture_mode import capture_mode as capture_mode  # re-exported for sync
from ..models.capture_mode import set_mode
from .tables import is_synced_name

JOURNAL_LOCK = 7146250001  # advisory lock key serialising journal writers on PostgreSQL
ORIGIN_SETTING = "counter.sync_origin"
_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now', '+8 hours') || '000'"  # hall time, 6 digits
_MODE = "(SELECT mode FROM sync_capture WHERE id = 1)"
_OUT_COLS = "change_id, table_name, row_id, op, base, queued_at, attempts, last_error"


# -- schema discovery (the database's own, not the models': migrations call this) ----------

def live_tables(conn: Connection) -> dict[str, list[str]]:
    """Synced tables of the connected database and their columns, in FK order."""
    if conn.dialect.name == "sqlite":
        rows = conn.execute(text(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
            "WHERE m.type = 'table' ORDER BY m.name, p.cid")).all()
        fks = conn.execute(text(
            "SELECT m.name, f.\"table\" FROM sqlite_master m "
            "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'")).all()
    else:
        rows = conn.execute(text(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position")).all()
        fks = conn.execute(text(
            "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu "
            "ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"
        )).all()
    cols: dict[str, list[str]] = defaultdict(list)
    for table, column in rows:
        cols[table].append(column)
    synced = {t: c for t, c in cols.items() if is_synced_name(t, c)}
    parents: dict[str, set[str]] = defaultdict(set)
    for child, parent in fks:
        if child in synced and parent in synced and child != parent:
            parents[child].add(parent)
    ordered: list[str] = []
    done: set[str] = set()

    def visit(name: str, path: frozenset[str]) -> None:
        if name in done or name in path:
            return
        for p in sorted(parents[name]):
            visit(p, path | {name})
        done.add(name)
        ordered.append(name)

    for name in sorted(synced):
        visit(name, frozenset())
    return {t: synced[t] for t in ordered}


# -- SQLite --------------------------------------------------------------------------------

def _json_old(columns: list[str]) -> str:
    return "json_object(" + ", ".join(f"'{c}', OLD.\"{c}\"" for c in columns) + ")"


def _outbox_upsert(table: str, row: str, op: str, base: str, where: str = "") -> str:
    values = (f"lower(hex(randomblob(16))), '{table}', {row}, '{op}', {base}, {_NOW}, 0, ''")
    source = f"SELECT {values} WHERE {where}" if where else f"VALUES ({values})"
    return (f"INSERT INTO sync_outbox ({_OUT_COLS}) {source} "
            "ON CONFLICT (table_name, row_id) DO UPDATE SET "
            f"change_id = excluded.change_id, op = '{op}';")


def _journal_insert(table: str, row: str, op: str, where: str = "") -> str:
    values = f"'{table}', {row}, '{op}', (SELECT origin FROM sync_capture WHERE id = 1)"
    source = f"SELECT {values} WHERE {where}" if where else f"VALUES ({values})"
    return f"INSERT INTO sync_journal (table_name, row_id, op, origin) {source};"


def sqlite_triggers(tables: dict[str, list[str]]) -> dict[str, str]:
    """Trigger name -> CREATE TRIGGER text, for both modes."""
    out: dict[str, str] = {}
    for t, cols in tables.items():
        old = _json_old(cols)
        moved = "OLD.id IS NOT NEW.id"
        bodies = {
            f"sync_out_ins_{t}": ("INSERT", "terminal", _outbox_upsert(t, "NEW.id", "upsert", "NULL")),
            f"sync_out_upd_{t}": ("UPDATE", "terminal",
                                  _outbox_upsert(t, "NEW.id", "upsert", old) + "\n  "
                                  + _outbox_upsert(t, "OLD.id", "delete", old, moved)),
            f"sync_out_del_{t}": ("DELETE", "terminal", _outbox_upsert(t, "OLD.id", "delete", old)),
            f"sync_jrn_ins_{t}": ("INSERT", "server", _journal_insert(t, "NEW.id", "upsert")),
            f"sync_jrn_upd_{t}": ("UPDATE", "server",
                                  _journal_insert(t, "NEW.id", "upsert") + "\n  "
                                  + _journal_insert(t, "OLD.id", "delete", moved)),
            f"sync_jrn_del_{t}": ("DELETE", "server", _journal_insert(t, "OLD.id", "delete")),
        }
        for name, (event, mode, body) in bodies.items():
            out[name] = (f"CREATE TRIGGER {name} AFTER {event} ON \"{t}\"\n"
                         f"WHEN {_MODE} = '{mode}'\nBEGIN\n  {body}\nEND")
    return out


def _ensure_capture_row(conn: Connection, mode: str = "terminal") -> None:
    if conn.execute(text("SELECT count(*) FROM sync_capture WHERE id = 1")).scalar_one() == 0:
        conn.execute(text("INSERT INTO sync_capture (id, mode, origin) VALUES (1, :m, '')"),
                     {"m": mode})


def _ensure_sqlite(conn: Connection) -> bool:
    _ensure_capture_row(conn)
    want = sqlite_triggers(live_tables(conn))
    have: dict[str, str] = dict(conn.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
        "(name LIKE 'sync\\_out\\_%' ESCAPE '\\' OR name LIKE 'sync\\_jrn\\_%' ESCAPE '\\')")).all())
    if have == want:
        return False
    for name in have:
        conn.execute(text(f'DROP TRIGGER IF EXISTS "{name}"'))
    for sql in want.values():
        conn.execute(text(sql))
    return True


# -- PostgreSQL ----------------------------------------------------------------------------

_PG_ORIGIN = f"coalesce(current_setting('{ORIGIN_SETTING}', true), '')"
_PG_SOURCES = {
    "new": ("upsert", "n.id", "FROM new_rows n"),
    "old": ("delete", "o.id", "FROM old_rows o"),
    "moved": ("delete", "o.id",
              "FROM old_rows o WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id)"),
}


def _pg_function(name: str, sources: list[str]) -> str:
    inserts = "".join(
        f"  INSERT INTO sync_journal (table_name, row_id, op, origin)\n"
        f"    SELECT TG_TABLE_NAME, {row}, '{op}', {_PG_ORIGIN} {src};\n"
        for op, row, src in (_PG_SOURCES[k] for k in sources))
    first = _PG_SOURCES[sources[0]][2]
    # Empty statements take no lock; otherwise lock first, then number (commit order).
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n  IF NOT EXISTS (SELECT 1 {first}) THEN RETURN NULL; END IF;\n"
            f"  PERFORM pg_advisory_xact_lock({JOURNAL_LOCK});\n{inserts}"
            "  RETURN NULL;\nEND $$")


PG_FUNCTIONS = {
    "sync_journal_ins": _pg_function("sync_journal_ins", ["new"]),
    "sync_journal_upd": _pg_function("sync_journal_upd", ["new", "moved"]),
    "sync_journal_del": _pg_function("sync_journal_del", ["old"]),
}
_PG_TRIGGERS = {
    "sync_jrn_ins": "AFTER INSERT ON \"{t}\" REFERENCING NEW TABLE AS new_rows "
                    "FOR EACH STATEMENT EXECUTE FUNCTION sync_journal_ins()",
    "sync_jrn_upd": "AFTER UPDATE ON \"{t}\" REFERENCING OLD TABLE AS old_rows "
                    "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sync_journal_upd()",
    "sync_jrn_del": "AFTER DELETE ON \"{t}\" REFERENCING OLD TABLE AS old_rows "
                    "FOR EACH STATEMENT EXECUTE FUNCTION sync_journal_del()",
}


def _ensure_pg(conn: Connection) -> bool:
    _ensure_capture_row(conn, "server")
    tables = live_tables(conn)
    have = set(conn.execute(text(
        "SELECT c.relname || '.' || t.tgname FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE 'sync_jrn_%'")).scalars())
    want = {f"{t}.{name}" for t in tables for name in _PG_TRIGGERS}
    funcs = set(conn.execute(text(
        "SELECT proname FROM pg_proc WHERE proname LIKE 'sync_journal_%'")).scalars())
    if want <= have and set(PG_FUNCTIONS) <= funcs:
        return False
    for sql in PG_FUNCTIONS.values():
        conn.execute(text(sql))
    for t in tables:
        for name, body in _PG_TRIGGERS.items():
            conn.execute(text(f"CREATE OR REPLACE TRIGGER {name} {body.format(t=t)}"))
    return True


# -- public --------------------------------------------------------------------------------

def ensure_capture(conn: Connection) -> bool:
    """Install or refresh the capture triggers; True when something had to change."""
    if conn.dialect.name == "sqlite":
        return _ensure_sqlite(conn)
    if conn.dialect.name == "postgresql":
        return _ensure_pg(conn)
    raise NotImplementedError(f"change capture for {conn.dialect.name}")


@contextmanager
def applying(conn: Connection) -> Iterator[None]:
    """Writes inside are pulled rows: not queued for sending back. Same transaction, so a
    crash cannot leave capture switched off."""
    set_mode(conn, "applying")
    yield
    set_mode(conn, "terminal")


def enqueue_all(conn: Connection) -> None:
    """Queue every existing synced row (data made before capture existed, or a new server)."""
    for t in live_tables(conn):
        conn.execute(text(
            f"INSERT INTO sync_outbox ({_OUT_COLS}) SELECT lower(hex(randomblob(16))), '{t}', "
            f"id, 'upsert', NULL, {_NOW}, 0, '' FROM \"{t}\" WHERE true "
            "ON CONFLICT (table_name, row_id) DO NOTHING"))


def journal_all(conn: Connection) -> None:
    """Journal every existing synced row, so terminals pull what the server already held."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SELECT pg_advisory_xact_lock({JOURNAL_LOCK})"))
    for t in live_tables(conn):
        conn.execute(text(
            "INSERT INTO sync_journal (table_name, row_id, op, origin) "
            f"SELECT '{t}', id, 'upsert', '' FROM \"{t}\""))
