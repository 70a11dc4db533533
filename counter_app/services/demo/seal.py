"""Demo cases sealed as the app seals them (``audit_state.py``), so ``verify-audit`` over a
demo database checks rows as well as chains, and its benchmark measures the real work.

A chunk's rows are plain tuples in ``demo_rows.COLUMNS`` order. Each case and batch gets
revision 1 and its seal goes on its last event in the chunk (a batch and its cases never
span two chunks: chunks are whole days); then the chunk's events are hashed again in order.
"""

from __future__ import annotations

from typing import Any

from ..audit.events import event_digest, hashed_fields
from ..audit.seal import BATCH_TABLES, CASE_TABLES, columns, digest, row_hint, row_id, row_text


def _reorder(cols: tuple[str, ...], table: str) -> list[int]:
    return [cols.index(c) for c in columns(table)]


def seal_chunk(rows: dict[str, list[tuple[Any, ...]]], layout: dict[str, tuple[str, ...]]) -> str:
    """Seal the chunk's cases and batches in place; returns the new chain head's hash ('' if
    the chunk has no events)."""
    entities: dict[tuple[str, str], list[tuple[str, tuple[Any, ...]]]] = {}
    for kind, tables in (("c", CASE_TABLES), ("b", BATCH_TABLES)):
        for table, key in tables:
            if table not in layout or not rows.get(table):
                continue
            cols = layout[table]
            order, k = _reorder(cols, table), cols.index(key)
            root = key == "id"
            if root:  # revision 1: sealed once, as the app's first act would
                rev = cols.index("audit_rev")
                rows[table] = [(*r[:rev], 1, *r[rev + 1:]) for r in rows[table]]
            for r in rows[table]:
                entities.setdefault((kind, r[k]), []).append((table, tuple(r[i] for i in order)))
    events = rows.get("event_log") or []
    if not events:
        return ""
    ev_cols = layout["event_log"]
    ci, bi = ev_cols.index("case_id"), ev_cols.index("batch_id")
    last: dict[tuple[str, str], int] = {}
    for n, e in enumerate(events):
        if e[ci]:
            last[("c", e[ci])] = n
        if e[bi]:
            last[("b", e[bi])] = n
    seals: dict[int, list[str]] = {}
    for pair, n in sorted(last.items()):
        ent = entities.get(pair)
        if not ent:
            continue
        lines = [f"{t}\t{row_text(v)}" for t, v in ent]
        hint = ".".join(row_hint(t, v) for t, v in sorted(ent, key=lambda r: (r[0], row_id(*r))))
        seals.setdefault(n, []).append(f"{pair[0]}{pair[1]}:1:{digest(lines)}:{hint}")
    si, pi, hi = ev_cols.index("state"), ev_cols.index("prev_hash"), ev_cols.index("hash")
    prev = events[0][pi]
    out = []
    for n, e in enumerate(events):
        row = list(e)
        row[si], row[pi] = " ".join(seals.get(n, ())), prev
        row[hi] = prev = event_digest(prev, hashed_fields(dict(zip(ev_cols, row, strict=True))))
        out.append(tuple(row))
    rows["event_log"] = out
    return prev
