"""The supervision bulletin (每日一通报、每日一小结) for a day, week or month. Qt-free.

Every figure comes from a grouped query over indexed columns (``received_on``, the event log's
``at``, ``rated_at``, consultations' ``at``, the case status); Python only folds the few
hundred grouped rows into per-window and per-clerk tables. Training cases never count.

Actions are counted on the day they happened (the event log): a case received on Monday and
accepted on Wednesday after a supplement counts as received on Monday, accepted on Wednesday.
Backlogs (files waiting to be signed for, cases near or past their promised date) are taken
at the end of the period, or now for a period that has not ended.

The parts: the data classes in ``bulletin_model``, the queries in ``bulletin_queries``, the
chart and table layouts in ``bulletin_charts`` and ``bulletin_tables`` (the PDF and workbook
in ``bulletin_pdf`` and ``bulletin_xlsx``). This module assembles the bulletin and re-exports
the parts, so ``from .bulletin import ...`` keeps working.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ...context import ServiceContext
from ...queue.figures import queue_figures
from ...settings import HALL_KEY, get_json
from .charts import PALETTE, ChartData, charts, short_name
from .model import (
    COUNT_LABELS,
    PERIODS,
    BadRating,
    Bulletin,
    ClerkRow,
    Counts,
    DayPoint,
    HoldCase,
    Period,
    WaitingBatch,
    WindowRow,
    period_of,
)
from .queries import DENSE_OVERDUE, EVENT_FIELDS, LIST_LIMIT, _Builder
from .tables import TableData, b_window_name, tables

__all__ = [
    "COUNT_LABELS", "DENSE_OVERDUE", "EVENT_FIELDS", "LIST_LIMIT", "PALETTE", "PERIODS", "BadRating",
    "Bulletin", "ChartData", "ClerkRow", "Counts", "DayPoint", "HoldCase", "Period", "TableData",
    "WaitingBatch", "WindowRow", "b_window_name", "build_bulletin", "charts", "compute_bulletin",
    "period_of", "short_name", "tables",
]


def build_bulletin(s: Session, period: Period, now: datetime) -> Bulletin:
    b = _Builder(s, period, now)
    b.load_org()
    b.received()
    b.events()
    b.returns()
    waiting, signed, avg_sign = b.batches()
    over, near, over_total, near_total, paused = b.due()
    holds = b.holds()
    complaints, c_received, c_open, c_late = b.complaints()
    grades, bad, f_open, f_late = b.evaluations()
    consult = b.consultations()
    training = b.training()
    staffing = b.staffing()
    unchecked = _unchecked(s)
    queue = queue_figures(s, period.start, period.end, now)
    totals = Counts()
    for w in b.windows.values():
        totals.add(w.counts)
    hall = (get_json(s, HALL_KEY, None) or {}).get("name", "") or "政务服务中心"
    notes = ["不含培训练习办件。", "办件量按操作发生的日期统计；待签收、临期与超期为统计截止时的状态。"]
    notes += [w.message for w in b.cal.warnings]
    clerks = sorted(b.clerks.values(), key=lambda c: (c.window_code, c.name))
    return Bulletin(
        hall=hall, period=period, generated_at=now, as_of=b.as_of, totals=totals,
        windows=[w for w in b.windows.values()], clerks=clerks, batches=waiting,
        batches_signed=signed, avg_sign_hours=avg_sign, overdue=over, near_due=near,
        overdue_total=over_total, near_total=near_total, paused=paused, holds=holds,
        complaints=complaints, complaints_received=c_received, complaints_open=c_open,
        complaints_overdue=c_late, grades=grades, bad_ratings=bad, followups_open=f_open,
        followups_overdue=f_late, consultations=consult,
        series=[DayPoint(d, *v) for d, v in sorted(b.series.items())],
        staffing=staffing, training=training, notes=notes, unchecked=unchecked, queue=queue,
    )


def _unchecked(s) -> list[tuple[str, str, str, str]]:
    """Items still 待核对: the catalog says what the law says only once a department checked.
    Plain columns: the note is in the version's stored law text (no catalog entities)."""
    from sqlalchemy import func, select

    from ....models import Department, ItemVersion, ServiceItem
    from ...catalog.store import unconfirmed_note

    deps = dict(s.execute(select(Department.code, Department.name)).all())
    q = (select(ItemVersion.code, ItemVersion.name, ItemVersion.department_code, ItemVersion.law)
         .join(ServiceItem, ServiceItem.current_version_id == ItemVersion.id)
         .where(ServiceItem.active.is_(True),
                func.coalesce(ItemVersion.check_state, "") != "checked")
         .order_by(ItemVersion.code))
    return [(code, name, deps.get(dep, dep), unconfirmed_note(law) or "")
            for code, name, dep, law in s.execute(q)]


def compute_bulletin(ctx: ServiceContext, kind: str = "day", day: date | None = None) -> Bulletin:
    """The bulletin of the day, week or month containing ``day`` (default: today)."""
    now = ctx.now()
    period = period_of(kind, day or now.date())
    with ctx.db.session() as s:
        return build_bulletin(s, period, now)
