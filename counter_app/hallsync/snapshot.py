"""A PC's first sync from the hall's snapshot (``hall/snapshot.py``): every row of its scope
loaded in one local transaction as it arrives (streamed in pieces; in one piece from a hall
of the version before), by ``executemany`` of the canonical values as they came (the form
SQLite stores), with the capture triggers lifted (nothing is queued to go back)
and the synced tables' indexes built afterwards from the loaded rows, both put back in the
same transaction. The pull position becomes the snapshot's sequence, so the ordinary
pulls carry on from there.

Taken only by a PC that holds no case yet and has nothing waiting (a new PC, or one whose
scope changed and dropped everything): rows are upserted by id, never deleted, which is
exactly what such a PC needs. Anything unexpected (an older hall without the call, a
schema that differs, a row that breaks a local constraint) rolls the load back and the
PC pulls page by page instead, which handles each row on its own.

A stream cut short (the hall stopped, the network dropped half-way) rolls the load back
whole: the PC holds nothing of it, its pull position stays at 0, and its next round starts
the snapshot over (a new read of the hall: no resuming of an old one, whose rows the hall
may have changed since).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Generator, Iterator
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
from .client import HallClient, HallRefused, HallUnavailable

log = logging.getLogger(__name__)
FORMAT = 1  # the one-piece answer (``GET /v1/snapshot``), from a hall of the version before
STREAM_FORMAT = 2
STREAM_PATH = "/v1/snapshot/stream"
PIECE_ROWS = 2000  # asked of the hall per piece (it caps it at its own bound)
STREAM_TIMEOUT_S = 60.0  # between two reads: a large scope's first piece takes a moment
CUT_SHORT = "大厅快照的传输中断：本机没有留下半份数据，下一轮同步将重新下载"
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


Piece = tuple[str, list[str], list[Any]]  # a table, its columns, rows in the stored form


def load(conn: Connection, data: dict[str, Any], terminal: str) -> int:
    """A one-piece snapshot (format 1), in the caller's transaction. Returns how many rows;
    raises ``Unusable`` (the caller rolls back)."""
    tables = data["tables"]
    pieces = ((t.name, list(tables[t.name]["columns"]), tables[t.name]["rows"])
              for t in synced_tables() if tables.get(t.name) and tables[t.name]["rows"])
    return load_pieces(conn, pieces, int(data["last_seq"]), terminal)


def load_pieces(conn: Connection, pieces: Iterator[Piece], last_seq: int, terminal: str,
                hook: Callable[[str], None] | None = None) -> int:
    """Every row of the snapshot, piece by piece as they come (parents before children), in
    the caller's transaction. Returns how many rows; raises ``Unusable`` (the caller rolls
    back), and lets the stream's own errors (the hall gone half-way) through: rolled back
    too, nothing of a half snapshot stays, and the next round starts it over."""
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
        local = {t.name: t.c.keys() for t in synced_tables()}
        names = tuple(local)
        marks = ", ".join("?" for _ in names)
        indexes = cur.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              f"sql IS NOT NULL AND tbl_name IN ({marks})", names).fetchall()
        for name, _sql in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        numbered = dict(pulling.NUMBERED)
        with applying(conn):
            for name, columns, rows in pieces:
                if local.get(name) != columns:
                    raise Unusable(f"{name}: columns differ from this PC's")
                # The driver's own executemany: the rows are already in the stored form. In
                # id order (the hall sends them so), the primary key's index is written page
                # after page.
                at = columns.index("id")
                cur.executemany(_upsert_sql(name, columns), sorted(rows, key=itemgetter(at)))
                mark_written(conn, [name])  # the driver's cursor: screens are told
                n += len(rows)
                if name in numbered:
                    at = columns.index(numbered[name])
                    pulling.bump_counters(conn, [{numbered[name]: r[at]} for r in rows],
                                          numbered[name], terminal)
                if hook is not None:
                    hook("snapshot.piece")
            conn.exec_driver_sql(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value", (config.K_PULL, str(last_seq)))
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


class Stream:
    """The streamed snapshot (format 2, ``GET /v1/snapshot/stream``) as it arrives: the
    header is read at ``open`` (before the PC takes its write lock), then ``pieces`` until
    the end line, whose row count must match. A stream that ends without it (the hall
    stopped, the link dropped) raises ``HallUnavailable``."""

    def __init__(self, lines: Generator[str, None, None], last_seq: int) -> None:
        self._lines = lines
        self.last_seq = last_seq
        self.rows = 0

    @classmethod
    def open(cls, c: HallClient) -> Stream | None:
        """None when the hall does not stream its snapshot (a service of the version before)."""
        lines = c.stream_lines(f"{STREAM_PATH}?rows={PIECE_ROWS}", STREAM_TIMEOUT_S)
        try:
            header = json.loads(next(lines))
        except HallRefused as exc:
            if exc.status in (404, 405):
                return None
            raise
        except (StopIteration, ValueError):
            lines.close()
            raise HallUnavailable(CUT_SHORT) from None
        if not isinstance(header, dict) or header.get("format") != STREAM_FORMAT:
            lines.close()
            return None
        return cls(lines, int(header["last_seq"]))

    def pieces(self) -> Iterator[Piece]:
        for line in self._lines:
            if not line:
                continue
            try:
                piece = json.loads(line)
            except ValueError:
                raise HallUnavailable(CUT_SHORT) from None
            if piece.get("end"):
                if int(piece.get("rows", -1)) != self.rows:
                    raise HallUnavailable(CUT_SHORT)
                return
            rows = piece["rows"]
            self.rows += len(rows)
            yield piece["table"], list(piece["columns"]), rows
        raise HallUnavailable(CUT_SHORT)  # no end line: the answer was cut short

    def close(self) -> None:
        self._lines.close()  # the response with it
