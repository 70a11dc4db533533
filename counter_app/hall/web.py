"""The hall service's HTTP interface (JSON over HTTPS; every call but ``enroll`` names its
terminal by the credential the service issued). Version 1:

- ``GET  /v1/ca``        the hall CA (the PC checks it against its enrollment code)
- ``POST /v1/enroll``    code, name, kind → terminal code, credential, server id
- ``GET  /v1/hello``     the terminal as the service knows it, the service's time
- ``POST /v1/ops``       a terminal's operations → one answer each (done / refused / held),
                         with signing keys made offline (kept pending)
- ``POST /v1/login``     user name, password, a signing key → the password checked on the
                         hall's staff record, the key bound to that person (hall/staff_keys.py)
- ``GET  /v1/pull``      journal entries after a sequence, with the rows as they are now
- ``GET  /v1/snapshot``  every row of the terminal's scope now and the sequence it is current
                         to (a PC's first sync in one download; format 1, for older PCs)
- ``GET  /v1/snapshot/stream``  the same as lines of JSON (format 2): a header, pieces of at
                         most ``rows`` rows, an end line; read from the database as it is sent
- ``GET  /v1/changes``   server-sent events: a new journal sequence, so PCs pull at once
- ``POST /v1/recovery-slot``  the terminal's recovery slot (its database key, wrapped)
- ``POST /v1/recover``   terminal, slot id, a supervisor's user name and password → the
  wrapped key (no credential: it is asked for by a PC that cannot read its own; hall/recovery.py)
- ``POST /v1/anchor``    the terminal's event-chain head (seq, hash), recorded append-only
- ``GET  /v1/anchors``   every terminal's recorded heads, for ``verify-audit`` on any PC
- ``POST /v1/live``      a live operation (the queue) → answered now: done with its result,
                         or refused with the reason
- ``GET  /v1/board``     the hall display's board now (desks, last calls, waiting per group)
- ``GET  /v1/calls``     server-sent events: every act on a ticket, the moment it is done

Errors come back as ``{"detail": "<Chinese message>"}`` with a 4xx status.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sse_starlette.sse import EventSourceResponse

from ..ids.canon import canon_row
from ..models import HallTerminal, hall_now
from ..services.context import PermissionDenied
from ..sync.pull import fetch_page
from . import recovery, staff_keys
from .apply import Applier
from .lookup import lookup
from .scope import narrow
from .snapshot import CHUNK_ROWS, ndjson, pieces
from .snapshot import build as build_snapshot
from .store import Hall, HallError
from .streaming import Streamed
from .timing import ServerTiming

PULL_LIMIT = 5000
log = logging.getLogger(__name__)


class EnrollIn(BaseModel):
    code: str
    name: str = ""
    kind: str = "counter"
    replaces: str = ""


class OpIn(BaseModel):
    seq: int
    op_id: str
    name: str
    staff_id: str = ""
    args: str
    numbers: list[str] = []
    at: str
    key_id: str = ""
    sig: str = ""


class RecoverySlotIn(BaseModel):
    rid: str
    wrapped: str


class RecoverIn(BaseModel):
    terminal: str
    rid: str
    username: str
    password: str


class LookupIn(BaseModel):
    staff_id: str
    text: str


class AnchorIn(BaseModel):
    seq: int
    hash: str


class LiveIn(BaseModel):
    op_id: str
    name: str
    staff_id: str = ""
    args: str
    at: str = ""
    key_id: str = ""
    sig: str = ""


class KeyIn(BaseModel):
    staff_id: str
    key_id: str
    public: str
    cert: str = ""  # the hall's certificate of a binding (hall/staff_keys.py)


class LoginIn(BaseModel):
    username: str
    password: str
    key_id: str
    public: str


class OpsIn(BaseModel):
    client_time: str | None = None
    ops: list[OpIn]
    keys: list[KeyIn] = []  # the PC's signing keys (bound ones with their certificate)


def terminal(request: Request, authorization: Annotated[str, Header()] = "") -> HallTerminal:
    token = authorization.removeprefix("Bearer ").strip()
    if not token:
        raise HallError("缺少本机的大厅服务凭据：请先注册本机（counter-admin enroll）", 401)
    hall: Hall = request.app.state.hall
    return hall.terminal_for(token)


# Module level: FastAPI resolves these annotations by name (this module uses postponed ones).
Term = Annotated[HallTerminal, Depends(terminal)]


def create_app(hall: Hall) -> FastAPI:
    app = FastAPI(title="Counter hall service", docs_url=None, redoc_url=None, openapi_url=None)
    applier = Applier(hall)
    app.state.hall, app.state.applier = hall, applier
    app.add_middleware(ServerTiming)

    @app.exception_handler(HallError)
    async def _hall_error(_request: Request, exc: HallError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(SQLAlchemyError)
    async def _db_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        # The hall's database is down or restarting: nothing was decided, the PC resends.
        log.warning("hall database error: %s", exc)
        return JSONResponse({"detail": "大厅数据库暂时不可用：本机的操作都已保留，稍后自动重试"},
                            status_code=503)

    @app.get("/v1/ca")
    def ca() -> dict[str, str]:
        # Public by nature; the PC checks it against the fingerprint in its enrollment code.
        return {"ca_pem": (hall.tls_dir / "ca.pem").read_text(encoding="ascii")}

    @app.post("/v1/enroll")
    def enroll(body: EnrollIn) -> dict[str, Any]:
        got = hall.enroll(body.code, body.name, body.kind, body.replaces)
        return {"terminal": got.terminal, "token": got.token, "server_id": got.server_id}

    @app.post("/v1/recovery-slot")
    def recovery_slot(body: RecoverySlotIn, term: Term) -> dict[str, Any]:
        recovery.register(hall, term.code, body.rid, body.wrapped)
        return {"terminal": term.code}

    @app.post("/v1/recover")
    def recover(body: RecoverIn) -> dict[str, Any]:
        return {"wrapped": recovery.recover(hall, body.terminal, body.rid, body.username,
                                            body.password)}

    @app.get("/v1/hello")
    def hello(term: Term, t: str = "") -> dict[str, Any]:
        applier.seen(term.code, datetime.fromisoformat(t) if t else None)
        term, scope, journal_seq = hall.standing(term.code)
        return {"server_id": hall.server_id, "terminal": term.code, "last_seq": term.last_seq,
                "journal_seq": journal_seq, "diverged": term.diverged,
                "server_time": hall_now().isoformat(), "scope": scope.token(),
                "scope_label": scope.label(), "whole_hall": scope.whole_hall,
                "retention_days": scope.retention_days}

    @app.post("/v1/ops")
    def ops(body: OpsIn, term: Term) -> dict[str, Any]:
        client_time = datetime.fromisoformat(body.client_time) if body.client_time else None
        bound = staff_keys.offer(hall, term.code, [k.model_dump() for k in body.keys])
        results = applier.apply(term, [o.model_dump() for o in body.ops], client_time)
        return {"results": [r.as_dict() for r in results], "server_time": hall_now().isoformat(),
                "bound": bound}

    @app.post("/v1/login")
    def login(body: LoginIn, term: Term) -> dict[str, Any]:
        return staff_keys.login(hall, term.code, body.username, body.password, body.key_id,
                                body.public)

    @app.post("/v1/lookup")
    def lookup_case(body: LookupIn, term: Term) -> dict[str, Any]:
        """A case outside this PC's scope, read on demand (list lines only; logged)."""
        try:
            actor = applier.actor_of(body.staff_id)
        except PermissionDenied as exc:
            raise HallError(str(exc), 403) from None
        return lookup(hall, applier.lock, actor, term.code, body.text[:100])

    @app.post("/v1/anchor")
    def anchor(body: AnchorIn, term: Term) -> dict[str, Any]:
        if body.seq < 0 or len(body.hash) != 64:
            raise HallError("链头格式不对：应为序号与 64 位摘要", 400)
        return hall.record_anchor(term.code, body.seq, body.hash.lower())

    @app.get("/v1/anchors")
    def anchors(term: Term) -> dict[str, Any]:
        return {"anchors": hall.anchors()}

    @app.post("/v1/live")
    def live(body: LiveIn, term: Term) -> Response:
        answer = applier.live(term, body.model_dump())
        return Response(json.dumps(answer, ensure_ascii=False), media_type="application/json")

    @app.get("/v1/board")
    def board(term: Term) -> Response:
        from ..services.queue.service import QueueService

        b = QueueService(hall.context(term.code)).board()
        body = {"day": b.day.isoformat(), "version": applier.board.version,
                "desks": b.desks, "waiting": b.waiting, "groups": b.group_names,
                "recent": [{"ticket_no": c.ticket_no, "desk_no": c.desk_no, "act": c.kind,
                            "at": c.at.isoformat(timespec="milliseconds")} for c in b.recent]}
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json")

    @app.get("/v1/calls")
    async def calls(term: Term, request: Request, after: int = -1) -> EventSourceResponse:
        board = applier.board

        async def feed() -> AsyncIterator[dict[str, str]]:
            loop, wake = asyncio.get_running_loop(), asyncio.Event()
            board.listen(loop, wake)
            seen = board.version if after < 0 else after
            try:
                yield {"event": "hello", "data": str(seen)}
                while not await request.is_disconnected():
                    for version, event in board.since(seen):
                        seen = version
                        yield {"event": "call", "id": str(version),
                               "data": json.dumps(event, ensure_ascii=False)}
                    wake.clear()
                    if not board.since(seen):
                        try:
                            await asyncio.wait_for(wake.wait(), 5.0)
                        except TimeoutError:
                            pass
            finally:
                board.forget(loop, wake)

        return EventSourceResponse(feed(), ping=15)

    @app.get("/v1/pull")
    def pull(term: Term, after: int = 0, limit: int = PULL_LIMIT, fresh: bool = False) -> Response:
        _term, scope, last = hall.standing(term.code)  # a scope just changed applies at once
        page = None
        if after < last:  # else nothing new: no second transaction
            with hall.db.read() as conn:
                page = fetch_page(conn, after, max(1, min(limit, PULL_LIMIT)), origin="\x00")
                if page is not None:
                    narrow(conn, page, scope, hall_now(), fresh)
        if page is None:
            body: dict[str, Any] = {"last_seq": after, "entries": 0, "wanted": {}, "rows": {}}
        else:
            body = {"last_seq": page.last_seq, "entries": page.entries,
                    "wanted": {t: sorted(ids) for t, ids in page.wanted.items()},
                    "rows": {t: [canon_row(r) for r in rows.values()]
                             for t, rows in page.rows.items()}}
        # Serialised directly: FastAPI's generic encoder costs more than the query.
        return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                        media_type="application/json")

    @app.get("/v1/snapshot")
    def snapshot(term: Term) -> Response:
        """Every row of this terminal's scope now, and the journal sequence it is current
        to: a PC's first sync in one download (hall/snapshot.py)."""
        return Response(build_snapshot(hall, term.code), media_type="application/json")

    @app.get("/v1/snapshot/stream")
    async def snapshot_stream(term: Term, rows: int = CHUNK_ROWS) -> StreamingResponse:
        """The same snapshot as lines of JSON, read as the PC takes them (hall/snapshot.py):
        a header, pieces of at most ``rows`` rows (capped at ``CHUNK_ROWS``), an end line."""
        size = min(max(1, rows), CHUNK_ROWS)
        code = term.code
        stream = Streamed(lambda: (ndjson(p) for p in pieces(hall, code, size)))
        first = await stream.first()
        return StreamingResponse(stream.rest(first), media_type="application/x-ndjson")

    @app.get("/v1/changes")
    async def changes(term: Term, request: Request) -> EventSourceResponse:
        async def feed() -> AsyncIterator[dict[str, str]]:
            seen = -1  # the applier's in-memory version: no database work per listener
            while not await request.is_disconnected():
                if applier.version != seen:
                    seen = applier.version
                    seq = await asyncio.to_thread(hall.journal_seq)
                    yield {"event": "journal", "data": str(seq)}
                await asyncio.sleep(0.2)

        return EventSourceResponse(feed(), ping=15)

    return app
