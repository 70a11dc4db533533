"""The hall's 受理专用章 as an explicit authorisation: on which documents it may stand for
the deciding department, and its text.

A notice is the department's act; the hall's seal may replace the department's only where
the departments authorised it (DOMAIN.md; issue 14). A supervisor sets it here, per document
kind. It is an operation: on a PC enrolled with the hall service the change goes to the hall
and from there to every PC (the row is synced). Without a row, the catalog's hall section
decides (``seal_authorized``: every sealed kind, or none). A notice already issued keeps the
seal it was issued with: a reprint prints the notice as issued.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...ids.stable import stable_id
from ...models import HallSeal
from ..audit.events import append_event
from ..context import Actor, ServiceContext, require_role
from ..operations import allow, operation
from ..settings import HALL_KEY, get_json

# The documents that carry a seal box (a legal act of the deciding department).
SEALED_KINDS = ("acceptance", "one_time_notice", "not_accepted")
DEFAULT_TEXT = "受理专用章"
MAX_TEXT = 20  # characters: it is printed in brackets inside the seal box


class SealError(Exception):
    """The setting cannot be saved as given; the message is for the user."""


@dataclass(frozen=True)
class SealSetting:
    seal_text: str
    kinds: tuple[str, ...]  # the kinds on which the hall's seal may be printed
    explicit: bool = True  # False: nobody has set it yet; the catalog's default applies


allow(SealSetting)


def read_seal(session: Session) -> SealSetting:
    row = session.execute(select(HallSeal).where(HallSeal.scope == "hall")).scalar()
    if row is not None:
        kinds = tuple(k for k in SEALED_KINDS if k in row.kinds.split("\n"))
        return SealSetting(row.seal_text, kinds)
    hall = get_json(session, HALL_KEY, {}) or {}
    kinds = SEALED_KINDS if hall.get("seal_authorized") else ()
    return SealSetting(hall.get("seal_text") or DEFAULT_TEXT, kinds, explicit=False)


def hall_seal_for(session: Session, kind: str) -> str | None:
    """The hall's seal text if it may be printed on a document of ``kind``, else None."""
    setting = read_seal(session)
    return setting.seal_text if kind in setting.kinds else None


class SealService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def current(self) -> SealSetting:
        with self.ctx.db.session() as s:
            return read_seal(s)

    @operation("seal.set")
    def set(self, actor: Actor, setting: SealSetting) -> SealSetting:
        """Save the authorisation (supervisors only); an event records who changed it."""
        require_role(actor, "supervisor")
        text = "".join(setting.seal_text.split())
        if not text:
            raise SealError("印章名称：不能为空（例如“受理专用章”）")
        if len(text) > MAX_TEXT:
            raise SealError(f"印章名称：不能超过 {MAX_TEXT} 个字（现为 {len(text)} 个字）")
        unknown = [k for k in setting.kinds if k not in SEALED_KINDS]
        if unknown:
            raise SealError(f"文书类型“{unknown[0]}”不加盖印章，不能授权使用大厅印章")
        kinds = tuple(k for k in SEALED_KINDS if k in setting.kinds)
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            row = s.execute(select(HallSeal).where(HallSeal.scope == "hall")).scalar()
            if row is None:
                row = HallSeal(id=stable_id("hall_seal", "hall"), scope="hall",
                               origin_terminal=self.ctx.terminal)
                s.add(row)
            row.seal_text, row.kinds, row.set_by_id = text, "\n".join(kinds), actor.staff_id
            append_event(s, terminal=self.ctx.terminal, kind="seal_set", at=now,
                         actor_id=actor.staff_id, actor_role="supervisor", seal_text=text,
                         kinds=list(kinds))
        return SealSetting(text, kinds)
