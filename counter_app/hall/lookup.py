"""A case outside a PC's scope, read from the hall on demand (issue 23: "anything else is
read from the hall service when online, and is logged; it is not replicated").

The PC sends what its person typed in the search box; the hall runs the same search as the
PC would (``CaseQueries.search``), as that person (the hall's own staff record), and answers
the list lines only: a list never shows a full ID number or phone, and nothing of the answer
is written on the PC. Every lookup leaves one access entry in the hall's own log (the
service's chain, terminal 00), naming the person and the PC it came from.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import Any

from sqlalchemy import select

from ..documents.masking import mask_id
from ..models import CaseFile
from ..services.context import Actor
from ..services.handoff.case_queries import ID_LIKE, CaseQueries, CaseRow
from ..services.intake.numbering import NUMBER_LENGTH
from ..services.intake.validation import normalize_id
from ..services.privacy.access_log import Access, AccessLog
from .store import SERVICE_TERMINAL, Hall

MAX_ROWS = 50


def lookup(hall: Hall, lock: threading.Lock, actor: Actor, terminal: str, text: str) -> dict[str, Any]:
    ctx = hall.context(SERVICE_TERMINAL)
    rows = CaseQueries(ctx).search(actor, text, log=False)
    with hall.db.read() as conn:
        ids = tuple(sorted(conn.execute(select(CaseFile.id).where(
            CaseFile.case_no.in_([r.case_no for r in rows[:MAX_ROWS]]))).scalars()))
    with lock:  # one entry per lookup, naming the PC (the service's chain has one writer)
        AccessLog(ctx).look(actor, Access("search", term=logged_term(text), cases=ids,
                                          detail=f"终端 {terminal} 向大厅查询"))
    return {"rows": [_row(r) for r in rows[:MAX_ROWS]], "more": max(0, len(rows) - MAX_ROWS)}


def logged_term(text: str) -> str:
    """What the log keeps of the search: a case number whole, an ID number masked, a name
    by its first character only."""
    raw = " ".join((text or "").split())
    key = normalize_id(raw).replace("-", "")
    if key.isdigit() and (len(key) == NUMBER_LENGTH or len(key) < 15):
        return key
    if ID_LIKE.fullmatch(key):
        return mask_id(key)
    return raw[:1] + "＊" * max(0, len(raw) - 1)


def _row(r: CaseRow) -> dict[str, Any]:
    out = asdict(r)
    out["received_at"] = r.received_at.isoformat()
    out["promised_due"] = r.promised_due.isoformat() if r.promised_due else None
    return out
