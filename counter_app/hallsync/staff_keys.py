"""The signed-in people's signing keys on an enrolled PC (``ServiceContext.signer``).

At each sign-in the person's key is opened with their password, or made if they have none
here (or it no longer opens: a password changed elsewhere). A key the hall has not yet
bound is sent to it at once with the password (``POST /v1/login``): the hall checks the
password against its own staff record and binds the key to that person. Offline, the key
is kept as unbound; the sync sends its public half with each push and the hall holds
this PC's operations signed with it until the person signs in here online once, or a
supervisor approves it on the server (``counter-server staff-keys``). Nothing is lost.

Two parts. ``StaffKeys`` is what the database holds (the wrapped keys, their bindings):
the sync needs only that. ``StaffSigner`` adds the keys opened by sign-ins; it belongs
to the context the composition root made (``bootstrap.open_context``) and lives as long as
it: a person signs in on the context that signs, as after a real restart. An operation
is signed when it is queued and keeps its signature in its row, so one queued before a
restart is sent signed without anyone signing in again.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

import httpx
from sqlalchemy import select

from ..models import Setting
from ..models.database import Database
from ..models.opstate import OpState
from ..services.context import Actor
from ..services.people import op_signing
from ..services.settings import get_setting, set_setting
from ..sync.errors import SyncError
from . import config
from .client import HallClient

log = logging.getLogger(__name__)

PREFIX = "hall.staffkey."  # + staff id: the wrapped key and whether the hall bound it
LOGIN_TIMEOUT = httpx.Timeout(5.0, connect=2.0)  # a sign-in does not wait long for the hall


class StaffKeys:
    """This PC's people's keys as stored (wrapped): offered to the hall, bound by it."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def bound_by_hall(self, bound: dict[str, str]) -> None:
        """The hall's answer to a push: the keys it holds as bound, with their certificates
        (kept: a hall restored from an older copy takes the binding back from them)."""
        for key in self.offers():
            cert = bound.get(key["key_id"])
            if cert and cert != key["cert"]:
                self.mark_bound(key["staff_id"], key["key_id"], cert)

    def mark_bound(self, staff_id: str, key_id: str, cert: str) -> None:
        stored = self._stored(staff_id)
        if stored and stored.get("key_id") == key_id:
            self._store(staff_id, {**stored, "bound": True, "cert": cert})

    def offers(self) -> list[dict[str, str]]:
        """Every key of this PC's people, sent with each push: an unbound one to be kept
        pending, a bound one with the hall's certificate (for a hall restored since)."""
        with self.db.session() as s:
            rows = s.execute(select(Setting.key, Setting.value).where(
                Setting.key.startswith(PREFIX))).all()
        out = []
        for k, v in rows:
            try:
                stored = json.loads(v)
            except ValueError:
                continue
            out.append({"staff_id": k.removeprefix(PREFIX), "key_id": stored["key_id"],
                        "public": stored["public"], "cert": str(stored.get("cert") or "")})
        return out

    def _stored(self, staff_id: str) -> dict[str, Any]:
        with self.db.session() as s:
            raw = get_setting(s, PREFIX + staff_id)
        try:
            return dict(json.loads(raw)) if raw else {}
        except ValueError:
            return {}

    def _store(self, staff_id: str, stored: dict[str, Any]) -> None:
        with self.db.transaction() as s:
            set_setting(s, PREFIX + staff_id, json.dumps(stored))


class StaffSigner(StaffKeys):
    """The stored keys plus those opened by sign-ins on this context, kept until the person
    signs out here (or the context closes): a colleague who takes over the PC signs with
    nobody's key but their own."""

    def __init__(self, db: Database) -> None:
        super().__init__(db)
        # A sign-in (the database lane) and an operation may come from different threads.
        self._lock = threading.Lock()
        self._open: dict[str, op_signing.StaffKey] = {}  # staff id -> key

    # -- at sign-in ---------------------------------------------------------------------------
    def signed_in(self, actor: Actor, password: str) -> None:
        stored = self._stored(actor.staff_id)
        with self._lock:
            key = self._open.get(actor.staff_id)
        if key is not None and key.key_id == stored.get("key_id"):
            # Opened already on this context (the password was just checked): no second
            # argon2 run at every sign-in of the day.
            if not stored.get("bound"):
                self._bind(actor, password, key)
            return
        key = op_signing.unwrap(actor.staff_id, stored, password) if stored else None
        if key is None:
            key = op_signing.new_key(actor.staff_id)
            stored = {**op_signing.wrap(key, password), "bound": False}
            self._store(actor.staff_id, stored)
        with self._lock:
            self._open[actor.staff_id] = key
        if not stored.get("bound"):
            self._bind(actor, password, key)

    def signed_out(self, staff_id: str) -> None:
        with self._lock:
            self._open.pop(staff_id, None)

    def _bind(self, actor: Actor, password: str, key: op_signing.StaffKey) -> None:
        """Online: the hall checks the password and binds the key. Offline or refused: the
        key stays unbound here and goes with the next push as one awaiting approval."""
        cfg = config.load(self.db)
        if cfg is None:
            return
        try:
            with HallClient(cfg.url, cfg.ca_pem, cfg.token) as c:
                c.http.timeout = LOGIN_TIMEOUT
                got = c.post("/v1/login", {"username": actor.username, "password": password,
                                           "key_id": key.key_id,
                                           "public": op_signing.b64(key.public)})
        except SyncError as exc:
            log.info("signing key of %s not bound now: %s", actor.staff_id, exc)
            return
        self.mark_bound(actor.staff_id, key.key_id, str(got.get("cert") or ""))

    # -- at each operation --------------------------------------------------------------------
    def sign(self, state: OpState) -> None:
        """Sign with the key of the person the operation names, if they signed in on this
        context. Without it the operation goes unsigned and the hall refuses it."""
        with self._lock:
            key = self._open.get(state.staff_id)
        if key is None:
            log.warning("operation %s of %s has no open signing key", state.name, state.staff_id)
            return
        state.key_id = key.key_id
        state.sig = key.sign(state.op_id, state.name, state.args, state.at)
