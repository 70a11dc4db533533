"""Sealing the rows a case's custody and legal standing rest on, inside the event chain.

The hash chain (``events.py``) covers events, not the rows clerks and approvers read. So
every transaction that appends events ends by *sealing* each case and handoff batch those
events name: the entity's revision counter goes up by one, and the newest event of the
transaction about it records ``<kind><id>:<rev>:<digest>:<hint>``. The digest covers every
column of every row of the entity (below), so a row changed, added or deleted afterwards no
longer matches the newest seal, and the seal cannot be changed without breaking the chain.

The hint is three hex digits per column of each row (the start of that value's hash):
not needed for detection, it lets ``verify-audit`` name the field that differs.

Rows are written canonically as SQLite stores them (datetimes ``YYYY-MM-DD HH:MM:SS.ffffff``,
dates ISO, booleans 0/1) in a JSON array in column order, so a check can have SQLite build
the same text with ``json_array`` (``audit_check.py``), on any PC, from any copy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, Table, TextClause, bindparam, select, text

from ...ids.canon import canon
from ...models import Base
from ...models.prepared import Prepared

# Entity kinds: c = a case, b = a handoff batch. Each lists (table, the column naming the
# entity); print_log rows of a batch are those printed for the batch as a whole.
CASE_TABLES: tuple[tuple[str, str], ...] = (
    ("case_file", "id"), ("case_material", "case_id"), ("notice", "case_id"),
    ("case_suspension", "case_id"), ("case_extension", "case_id"), ("case_return", "case_id"),
    ("case_decision", "case_id"), ("issuance", "case_id"), ("print_log", "case_id"),
)
BATCH_TABLES: tuple[tuple[str, str], ...] = (
    ("handoff_batch", "id"), ("handoff_item", "batch_id"), ("print_log", "batch_id"),
)
ROOTS = {"c": "case_file", "b": "handoff_batch"}
TABLES = {"c": CASE_TABLES, "b": BATCH_TABLES}
CODES = {"case_file": "F", "case_material": "M", "notice": "N", "case_suspension": "S",
         "case_extension": "X", "case_return": "R", "case_decision": "D", "issuance": "I",
         "print_log": "P", "handoff_batch": "B", "handoff_item": "H"}
TABLE_OF_CODE = {v: k for k, v in CODES.items()}
DIGEST_CHARS = 32  # 128 bits: a forger would need a second preimage
MARK = 3  # hex digits per field in a hint: a change hides in the marks once in 4096


@cache
def columns(table: str) -> tuple[str, ...]:
    return tuple(Base.metadata.tables[table].c.keys())


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def row_text(values: Sequence[Any]) -> str:
    return json.dumps([canon(v) for v in values], ensure_ascii=False, separators=(",", ":"))


def digest(lines: Iterable[str]) -> str:
    """Digest of an entity from its ``table\\trow_text`` lines (order does not matter)."""
    return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def field_marks(table: str, values: Sequence[Any]) -> str:
    """Three hex digits per column: which field changed, once a digest says something did."""
    return "".join(_mark(c, canon(v)) for c, v in zip(columns(table), values, strict=True))


@lru_cache(maxsize=1 << 16)
def _mark(column: str, value: Any) -> str:  # statuses, codes, dates and names repeat a lot
    return hashlib.sha256(f"{column}\x1f{json.dumps(value, ensure_ascii=False)}"
                          .encode()).hexdigest()[:MARK]


def row_hint(table: str, values: Sequence[Any]) -> str:
    """``<table code><first 8 of the id><field marks>``: one row of the hint."""
    return f"{CODES[table]}{row_id(table, values)[:8]}{field_marks(table, values)}"


def row_id(table: str, values: Sequence[Any]) -> str:
    return str(values[columns(table).index("id")])


@dataclass(frozen=True)
class EntityRows:
    kind: str
    entity_id: str
    rows: tuple[tuple[str, tuple[Any, ...]], ...]  # (table, values in column order)

    @property
    def exists(self) -> bool:
        return any(t == ROOTS[self.kind] for t, _ in self.rows)

    def lines(self) -> list[str]:
        return [f"{t}\t{row_text(v)}" for t, v in self.rows]

    def hint(self) -> str:
        ordered = sorted(self.rows, key=lambda r: (r[0], row_id(*r)))
        return ".".join(row_hint(t, v) for t, v in ordered)


@cache
def _reads(kind: str, engine: Engine) -> tuple[tuple[str, Prepared], ...]:
    """The statements reading an entity's rows, compiled once per engine: every commit that
    appends an event runs them, in its transaction (models/prepared.py: Core's types)."""
    out = []
    for name, key in TABLES[kind]:
        t = _table(name)
        q = select(*t.c).where(t.c[key] == bindparam("entity"))
        if kind == "b" and name == "print_log":
            q = q.where(t.c.case_id.is_(None))
        out.append((name, Prepared(q, engine)))
    return tuple(out)


@cache
def _bump(root: str) -> TextClause:
    return text(f"UPDATE {root} SET audit_rev = audit_rev + 1 WHERE id = :i")


def entity_rows(conn: Connection, kind: str, entity_id: str) -> EntityRows:
    rows: list[tuple[str, tuple[Any, ...]]] = []
    for name, q in _reads(kind, conn.engine):
        rows += [(name, tuple(r)) for r in q.all({"entity": entity_id}, within=conn)]
    return EntityRows(kind, entity_id, tuple(rows))


def seal_entity(conn: Connection, kind: str, entity_id: str) -> str | None:
    """Bump the entity's revision and return its seal entry; None if it has no root row
    (an event about a case this database does not hold)."""
    root = ROOTS[kind]
    bumped = conn.execute(_bump(root), {"i": entity_id}).rowcount
    if not bumped:
        return None
    ent = entity_rows(conn, kind, entity_id)
    rev = next(v for t, v in ent.rows if t == root)[columns(root).index("audit_rev")]
    return f"{kind}{entity_id}:{rev}:{digest(ent.lines())}:{ent.hint()}"


@dataclass(frozen=True)
class Seal:
    kind: str
    entity_id: str
    rev: int
    digest: str
    hint: str


def parse_state(state: str | None) -> list[Seal]:
    """The seals an event's ``state`` records (empty for none, or for an older event)."""
    out = []
    for entry in (state or "").split():
        head, rev, dig, hint = entry.split(":", 3)
        out.append(Seal(head[0], head[1:], int(rev), dig, hint))
    return out


def split_hint(hint: str) -> list[tuple[str, str, str]]:
    """(table, id prefix, field marks) of each row of a hint."""
    return [(TABLE_OF_CODE.get(h[:1], "?"), h[1:9], h[9:]) for h in hint.split(".") if h]


def current_rev(row: Mapping[str, Any]) -> int:
    return int(row.get("audit_rev") or 0)
