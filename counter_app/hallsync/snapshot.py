"""A PC's first sync from the hall's snapshot (``hall/snapshot.py``): every row of its scope
loaded in one local transaction, by ``executemany`` of the canonical values as they came
(the form SQLite stores), with the capture triggers lifted (nothing is queued to go back)
and the synced tables' indexes built afterwards from the loaded rows, both put back in the
same transaction. The pull position becomes the snapshot's sequence, so the ordinary
pulls carry on from there.

Taken only by a PC that holds no case yet and has nothing waiting (a new PC, or one whose
scope changed and dropped everything): rows are upserted by id, never deleted, which is
exactly what such a PC needs. Anything unexpected (an older hall without the call, a
schema that differs, a row that breaks a local constraint) rolls the load back and the
PC pulls page by page instead, which handles each row on its own.
"""

from __future__ import annotations

import logging
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DataError, IntegrityError

from ..models import CaseFile
from ..models.writes import mark_written
from ..sync import pull as pulling
from ..sync.capture import applying, ensure_capture
from ..sync.tables import synced_tables
from . import config
from .client import HallClient, HallRefused

log = logging.getLogger(__name__)
FORMAT = 1
LOAD_CACHE_KB = 128 * 1024


class Unusable(Exception):
    """This snapshot cannot be loaded here as it is: pull page by page instead."""


def wanted(conn: Connection) -> bool:
    """A PC holding no case yet (the snapshot only adds rows; it never removes any)."""
    return conn.execute(select(func.count()).select_from(CaseFile.__table__)).scalar_one() == 0


def fetch(c: HallClient) -> dict[str, Any] | None:
    """The snapshot, or None when the hall does not offer one (an older service)."""
    try:
        data = c.get("/v1/snapshot")
    except HallRefused as exc:
        if exc.status in (404, 405):
            return None
        raise
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def _upsert_sql(name: str, columns: list[str]) -> str:
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
    return f'INSERT INTO "{name}" ({cols}) VALUES ({marks}) ON CONFLICT (id) DO UPDATE SET {sets}'


def load(conn: Connection, data: dict[str, Any], terminal: str) -> int:
    """Every row of the snapshot, in the caller's transaction, parents before children.
    Returns how many rows; raises ``Unusable`` (the caller rolls back)."""
    tables = data["tables"]
    n = 0
    cur = conn.connection.cursor()  # the same connection, so the same transaction
    cache = cur.execute("PRAGMA cache_size").fetchone()[0]
    # Room for the indexes being written (a small cache spills them to the WAL and back).
    cur.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KB}")
    try:
        # The capture triggers are lifted for the load and put back before the commit (the
        # same transaction: a crash leaves them as they were). Evaluated per row, they cost
        # more than the row itself; in ``applying`` mode they would do nothing anyway.
        for (name,) in cur.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                   "AND (name LIKE 'sync\\_out\\_%' ESCAPE '\\' "
                                   "OR name LIKE 'sync\\_jrn\\_%' ESCAPE '\\')").fetchall():
            cur.execute(f'DROP TRIGGER "{name}"')
        # The synced tables' own indexes too: built once from sorted rows afterwards, rather
        # than updated row by row at random places (a unique one that fails says so then).
        names = tuple(t.name for t in synced_tables())
        marks = ", ".join("?" for _ in names)
        indexes = cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              f"sql IS NOT NULL AND tbl_name IN ({marks})", names).fetchall()
        for name, _sql in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        with applying(conn):
            for table in synced_tables():
                got = tables.get(table.name)
                if not got or not got["rows"]:
                    continue
                if list(got["columns"]) != table.c.keys():
                    raise Unusable(f"{table.name}: columns differ from this PC's")
                # The driver's own executemany: the rows are already in the stored form. In
                # id order, the primary key's index is written page after page.
                at = got["columns"].index("id")
                cur.executemany(_upsert_sql(table.name, got["columns"]),
                                sorted(got["rows"], key=itemgetter(at)))
                mark_written(conn, [table.name])  # the driver's cursor: screens are told
                n += len(got["rows"])
            for name, column in pulling.NUMBERED:
                got = tables.get(name)
                if got:
                    at = got["columns"].index(column)
                    pulling.bump_counters(conn, [{column: r[at]} for r in got["rows"]], column,
                                          terminal)
            conn.exec_driver_sql(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value", (config.K_PULL, str(int(data["last_seq"]))))
        for _name, sql in indexes:
            cur.execute(sql)
        ensure_capture(conn)
    except (IntegrityError, DataError) as exc:
        raise Unusable(str(getattr(exc, "orig", exc)).splitlines()[0][:200]) from None
    except conn.dialect.loaded_dbapi.DatabaseError as exc:  # the raw cursor's own errors
        raise Unusable(str(exc).splitlines()[0][:200]) from None
    finally:
        cur.execute(f"PRAGMA cache_size = {int(cache)}")
        cur.close()
    return n
