"""Who may accept alone: training stage, authorization and the two-returns rule.

From the plan (三(二)3, 三(三)3): a clerk in training phase 1 or 2, or not yet authorized
by the department, cannot accept alone; a clerk whose files for an item were returned twice
or more must be joined at the counter by an approver (共同受理) until an approver clears it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, or_, select
from sqlalchemy.orm import Session

from ...models import TRAINING_LABELS, CaseReturn, CoAcceptanceClearance, TrainingRecord

RETURNS_LIMIT = 2


@dataclass(frozen=True)
class Supervision:
    """Why a second credential is needed at the counter; empty reasons = may act alone."""

    stage: str
    returns: int
    reasons: tuple[str, ...]

    @property
    def needs_co_signer(self) -> bool:
        return bool(self.reasons)


def _stage_of(scope: str, code: str):
    return (select(TrainingRecord.stage)
            .where(TrainingRecord.staff_id == bindparam("staff"), TrainingRecord.scope == scope,
                   TrainingRecord.scope_code == bindparam(code))
            .order_by(TrainingRecord.set_at.desc()).limit(1).scalar_subquery())


_CLEARED = select(func.max(CoAcceptanceClearance.cleared_at)).where(
    CoAcceptanceClearance.staff_id == bindparam("staff"),
    CoAcceptanceClearance.item_code == bindparam("item"),
).scalar_subquery()
# Built once: supervision_for runs on every acceptance, while the applicant waits.
_SUPERVISION = select(
    _stage_of("item", "item"), _stage_of("window", "window"),
    select(func.count()).select_from(CaseReturn).where(
        CaseReturn.clerk_id == bindparam("staff"), CaseReturn.item_code == bindparam("item"),
        or_(_CLEARED.is_(None), CaseReturn.returned_at > _CLEARED),
    ).scalar_subquery(),
)


def supervision_for(
    session: Session, staff_id: str, item_code: str, window_code: str
) -> Supervision:
    """Why this clerk needs a co-signer for this item, in one round trip: the newest training
    record for the item wins over the window's (none means not authorized), and returns count
    since the last clearance."""
    by_item, by_window, returns = session.execute(
        _SUPERVISION, {"staff": staff_id, "item": item_code, "window": window_code}).one()
    stage = by_item or by_window or ""
    reasons: list[str] = []
    if stage != "authorized":
        label = TRAINING_LABELS.get(stage, "未经部门授权")
        reasons.append(f"受理员对本事项尚未获授权（{label}），须由审批人员陪同受理")
    if returns >= RETURNS_LIMIT:
        reasons.append(f"本事项已被退回 {returns} 次，须由审批人员到前台共同受理")
    return Supervision(stage, returns, tuple(reasons))


def returns_counted(session: Session, staff_id: str, item_code: str) -> int:
    """Returns counted against the two-returns rule (since the last clearance)."""
    return supervision_for(session, staff_id, item_code, "").returns


def set_training(
    session: Session, *, staff_id: str, scope: str, scope_code: str, stage: str,
    set_by_id: str, at: datetime, terminal: str, note: str = "",
) -> TrainingRecord:
    if stage not in TRAINING_LABELS:
        raise ValueError(f"培训阶段“{stage}”无效")
    if scope not in ("item", "window"):
        raise ValueError(f"授权范围“{scope}”无效：应为 item 或 window")
    rec = TrainingRecord(staff_id=staff_id, scope=scope, scope_code=scope_code, stage=stage,
                         set_by_id=set_by_id, set_at=at, note=note, origin_terminal=terminal)
    session.add(rec)
    return rec


def clear_co_acceptance(
    session: Session, *, staff_id: str, item_code: str, cleared_by_id: str, at: datetime,
    terminal: str, note: str = "",
) -> CoAcceptanceClearance:
    rec = CoAcceptanceClearance(staff_id=staff_id, item_code=item_code,
                                cleared_by_id=cleared_by_id, cleared_at=at, note=note,
                                origin_terminal=terminal)
    session.add(rec)
    return rec
