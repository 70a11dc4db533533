"""Consultations (咨询, 帮办代办): logged in seconds by guides and clerks.

What was asked about (a catalog item, or free text), what came of it, and optionally the case
it led to. The bulletin counts them per window, person and outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from ...models import CaseFile, Consultation, ItemVersion, ServiceItem
from ..audit.events import append_event
from ..context import Actor, ServiceContext, require_role
from ..operations import operation

OUTCOMES = {"answered": "已解答", "prechecked": "预审材料", "sent_to_window": "引导至窗口",
            "helped_fill": "帮助填表"}


class ConsultationError(Exception):
    """The consultation cannot be logged as asked. Message for the user."""


@dataclass(frozen=True)
class ConsultLine:
    at: datetime
    item_code: str
    item_name: str
    topic: str
    outcome: str
    case_no: str

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome, self.outcome)


class ConsultationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("consultation.log")
    def log(self, actor: Actor, outcome: str, *, item_code: str = "", topic: str = "",
            case_no: str = "", window_code: str | None = None) -> str:
        require_role(actor, "guide", "clerk")
        if outcome not in OUTCOMES:
            raise ConsultationError(f"咨询结果“{outcome}”无效")
        if not item_code.strip() and not topic.strip():
            raise ConsultationError("请选择所咨询的事项或填写咨询内容")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            case_id = None
            if case_no.strip():
                case_id = s.execute(select(CaseFile.id).where(
                    CaseFile.case_no == case_no.strip())).scalar()
                if case_id is None:
                    raise ConsultationError(f"没有找到办件“{case_no}”")
            if item_code and not s.execute(select(ServiceItem.id).where(
                    ServiceItem.code == item_code)).first():
                raise ConsultationError(f"事项编码“{item_code}”不存在")
            row = Consultation(staff_id=actor.staff_id,
                               window_code=actor.window_code if window_code is None else window_code,
                               item_code=item_code.strip(), topic=topic.strip()[:500],
                               outcome=outcome, case_id=case_id, at=now,
                               origin_terminal=self.ctx.terminal)
            s.add(row)
            s.flush()
            append_event(s, terminal=self.ctx.terminal, kind="consulted", at=now,
                         actor_id=actor.staff_id, actor_role=actor.main_role, case_id=case_id,
                         consultation=row.id, item=row.item_code, outcome=outcome)
            return row.id

    def items(self) -> list[tuple[str, str, str]]:
        """(code, name, window) of the active catalog items, for the quick picker."""
        with self.ctx.db.session() as s:
            q = (select(ItemVersion.code, ItemVersion.name, ItemVersion.window_code)
                 .join(ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
                 .where(ServiceItem.active.is_(True)).order_by(ItemVersion.code))
            return [(c, n, w) for c, n, w in s.execute(q)]

    def recent(self, actor: Actor, limit: int = 50, day: date | None = None) -> list[ConsultLine]:
        """The actor's own consultations, newest first (for the log beside the buttons); with
        ``day``, that day's only, so the list and the day's counts beside it agree."""
        with self.ctx.db.session() as s:
            q = (select(Consultation.at, Consultation.item_code, ItemVersion.name,
                        Consultation.topic, Consultation.outcome, CaseFile.case_no)
                 .outerjoin(ServiceItem, ServiceItem.code == Consultation.item_code)
                 .outerjoin(ItemVersion, ItemVersion.id == ServiceItem.current_version_id)
                 .outerjoin(CaseFile, CaseFile.id == Consultation.case_id)
                 .where(Consultation.staff_id == actor.staff_id)
                 .order_by(Consultation.at.desc(), Consultation.created_at.desc()).limit(limit))
            if day is not None:
                start = datetime.combine(day, time())
                q = q.where(Consultation.at >= start, Consultation.at < start + timedelta(days=1))
            return [ConsultLine(at, code, name or "", topic, outcome, no or "")
                    for at, code, name, topic, outcome, no in s.execute(q)]

    def count_today(self, actor: Actor, day: date | None = None) -> dict[str, int]:
        day = day or self.ctx.now().date()
        start = datetime.combine(day, time())
        with self.ctx.db.session() as s:
            rows = s.execute(select(Consultation.outcome, func.count()).where(
                Consultation.staff_id == actor.staff_id, Consultation.at >= start,
                Consultation.at < start + timedelta(days=1)).group_by(Consultation.outcome))
            return {k: n for k, n in rows}
