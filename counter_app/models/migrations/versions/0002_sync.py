"""sync: outbox per row with base, server journal, applied change ids, conflicts, capture

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 16:00:00

Installs the change-capture triggers, generated from the live schema by a frozen copy of
``counter_app.sync.capture`` as of this revision (below), not by the live module. Rows that
existed before capture are queued (a counter's SQLite) or journaled (a PostgreSQL server), so
nothing made earlier is left behind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Connection, text

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# -- The change capture as it was when this revision was written (counter_app.sync.capture
# and sync.tables, commit c9d3651), frozen here so a later change to the live capture code
# cannot change what this old migration does. ``open_database`` refreshes the triggers from
# the live code after every upgrade anyway (``sync.capture.ensure_capture``).

LOCAL_ONLY = frozenset({
    "setting", "number_counter", "intake_draft", "sync_outbox", "sync_capture", "sync_meta",
    "sync_journal", "sync_applied", "sync_conflict", "alembic_version",
})
MIXIN_COLUMNS = frozenset({"id", "created_at", "updated_at", "origin_terminal"})


def is_synced_name(name: str, columns: Iterable[str]) -> bool:
    return name not in LOCAL_ONLY and MIXIN_COLUMNS <= set(columns)


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


def ensure_capture(conn: Connection) -> bool:
    """Install or refresh the capture triggers; True when something had to change."""
    if conn.dialect.name == "sqlite":
        return _ensure_sqlite(conn)
    if conn.dialect.name == "postgresql":
        return _ensure_pg(conn)
    raise NotImplementedError(f"change capture for {conn.dialect.name}")


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


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    seq_type = sa.Integer() if sqlite else sa.BigInteger()
    op.create_table(
        'sync_capture',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('mode', sa.String(length=16), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_capture')),
    )
    op.create_table(
        'sync_meta',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_meta')),
    )
    op.create_table(
        'sync_journal',
        sa.Column('seq', seq_type, autoincrement=True, nullable=False),
        sa.Column('table_name', sa.String(length=64), nullable=False),
        sa.Column('row_id', sa.String(length=36), nullable=False),
        sa.Column('op', sa.String(length=8), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_sync_journal')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_sync_journal_row', 'sync_journal', ['row_id'], unique=False)
    op.create_table(
        'sync_applied',
        sa.Column('change_id', sa.String(length=36), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('applied_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('change_id', name=op.f('pk_sync_applied')),
    )
    op.create_table(
        'sync_conflict',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('detected_at', sa.DateTime(), nullable=False),
        sa.Column('side', sa.String(length=8), nullable=False),
        sa.Column('origin', sa.String(length=36), nullable=False),
        sa.Column('terminal', sa.String(length=8), nullable=False),
        sa.Column('table_name', sa.String(length=64), nullable=False),
        sa.Column('row_id', sa.String(length=36), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=True),
        sa.Column('rule', sa.String(length=32), nullable=False),
        sa.Column('columns', sa.Text(), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('base_json', sa.Text(), nullable=True),
        sa.Column('local_json', sa.Text(), nullable=True),
        sa.Column('server_json', sa.Text(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('resolved_by_id', sa.String(length=36), nullable=True),
        sa.Column('resolved_at', sa.DateTime(), nullable=True),
        sa.Column('resolution', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflict')),
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_detected_at'), ['detected_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_row_id'), ['row_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_status'), ['status'], unique=False)

    # One outbox entry per row from now on: drop duplicates an older build may have left.
    op.execute("DELETE FROM sync_outbox WHERE seq NOT IN "
               "(SELECT min(seq) FROM sync_outbox GROUP BY table_name, row_id)")
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('base', sa.Text(), nullable=True))
        batch_op.create_unique_constraint('uq_sync_outbox_row', ['table_name', 'row_id'])

    op.execute(sa.text("INSERT INTO sync_capture (id, mode, origin) VALUES (1, :m, '')")
               .bindparams(m="terminal" if sqlite else "server"))
    ensure_capture(bind)
    if sqlite:
        enqueue_all(bind)
    else:
        journal_all(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        names = bind.execute(sa.text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'"
        )).scalars().all()
        for name in names:
            op.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    else:
        for fn in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {fn}() CASCADE")
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_constraint('uq_sync_outbox_row', type_='unique')
        batch_op.drop_column('base')
    op.drop_table('sync_conflict')
    op.drop_table('sync_applied')
    op.drop_index('ix_sync_journal_row', table_name='sync_journal')
    op.drop_table('sync_journal')
    op.drop_table('sync_meta')
    op.drop_table('sync_capture')
