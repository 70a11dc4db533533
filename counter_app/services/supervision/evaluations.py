"""Evaluations (好差评, 国办发〔2019〕51号, GB/T 39734-2020).

One rating per case (一次一评), on five grades; 不满意 and 非常不满意 are 差评, each opening a
follow-up with a deadline (15 working days unless the hall sets another) and a route to
contest a mistaken or malicious one.

Only the applicant rates. Staff open a *ticket* for a case (``open_rating``) and hand it to
an applicant-facing channel: the rating screen on the second screen, or a QR code. ``submit``
takes the ticket, never an actor: a rating needs a ticket signed with this hall's secret,
tied to one case and channel and short-lived, so no staff screen can write one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...models import GRADES, CaseFile, Evaluation, QueueTicket, QueueVisitCase, Staff
from ..audit.events import append_event
from ..context import Actor, PermissionDenied, ServiceContext, require_role
from ..deadlines.calendar_store import load_calendar
from ..operations import allow, operation
from ..settings import get_setting, set_setting

BAD_GRADES = (1, 2)
RATEABLE = ("accepted", "in_handoff", "with_approver", "returned", "approved", "denied",
            "finished", "issued")
CHANNELS = {"screen": "评价器（面向申请人的屏幕）", "qr": "扫码评价"}
TICKET_CHANNEL = "ticket"  # the queue ticket's QR: one rating for the whole visit
TICKET_DAYS = 7  # a ticket's QR rates its visit within this many days
TICKET_MINUTES = {"screen": 30, "qr": 7 * 24 * 60}
FOLLOWUP_STATES = {"open": "待整改", "done": "已整改", "contested": "申诉中",
                   "voided": "申诉成立（不计差评）"}
SECRET_KEY = "rating_secret"
DAYS_KEY = "bad_rating_followup_days"
DEFAULT_FOLLOWUP_DAYS = 15
PREFIX = "LSPJ1"


class EvaluationError(Exception):
    """The rating or follow-up cannot be recorded as asked. Message for the user."""


@dataclass(frozen=True)
class RatingTicket:
    """The applicant's right to rate one case, for the rating screen or a QR code."""

    case_no: str
    channel: str
    expires: datetime
    signature: str

    def payload(self) -> str:
        """ASCII text for a QR code: prefix, case number, channel, expiry, signature."""
        return f"{PREFIX}|{self.case_no}|{self.channel}|{self.expires:%Y%m%d%H%M}|{self.signature}"

    @classmethod
    def parse(cls, text: str) -> RatingTicket:
        parts = text.strip().split("|")
        if len(parts) != 5 or parts[0] != PREFIX:
            raise EvaluationError("评价码无效")
        try:
            expires = datetime.strptime(parts[3], "%Y%m%d%H%M")
        except ValueError:
            raise EvaluationError("评价码无效") from None
        return cls(parts[1], parts[2], expires, parts[4])


@dataclass(frozen=True)
class Rated:
    case_no: str
    grade: int
    followup_due: date | None

    @property
    def bad(self) -> bool:
        return self.grade in BAD_GRADES


@dataclass(frozen=True)
class BadRatingLine:
    case_no: str
    window_code: str
    clerk: str
    grade: int
    comment: str
    rated_at: datetime
    followup_due: date | None
    followup_status: str
    followup_note: str
    contest_reason: str

    @property
    def status_label(self) -> str:
        return FOLLOWUP_STATES.get(self.followup_status, self.followup_status)


def _secret(s: Session) -> bytes:
    value = get_setting(s, SECRET_KEY)
    if not value:
        value = secrets.token_hex(32)
        set_setting(s, SECRET_KEY, value)
    return bytes.fromhex(value)


def _sign(secret: bytes, case_no: str, channel: str, expires: datetime) -> str:
    msg = f"{case_no}|{channel}|{expires:%Y%m%d%H%M}".encode("ascii")
    return hmac.new(secret, msg, hashlib.sha256).hexdigest()[:24]


def followup_days(s: Session) -> int:
    text = get_setting(s, DAYS_KEY)
    return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_FOLLOWUP_DAYS


def qr_code(ticket: RatingTicket):
    """A segno QR code of the ticket's ASCII payload (save as PNG/SVG, or draw it)."""
    import segno

    return segno.make_qr(ticket.payload(), error="m")


allow(RatingTicket)


class EvaluationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @operation("rating.open_rating")
    def open_rating(self, actor: Actor, case_no: str, channel: str = "screen") -> RatingTicket:
        """Staff ask for a rating; the ticket goes to the applicant's screen or QR code."""
        require_role(actor, "clerk", "guide", "supervisor")
        if channel not in CHANNELS:
            raise EvaluationError(f"评价渠道“{channel}”无效")
        with self.ctx.db.transaction() as s:
            case = self._case(s, case_no)
            expires = (self.ctx.now() + timedelta(minutes=TICKET_MINUTES[channel])).replace(
                second=0, microsecond=0)
            return RatingTicket(case.case_no, channel, expires,
                                _sign(_secret(s), case.case_no, channel, expires))

    @operation("rating.submit")
    def submit(self, ticket: RatingTicket, grade: int, comment: str = "") -> Rated:
        """The applicant's rating, through the channel that holds ``ticket``."""
        if not isinstance(ticket, RatingTicket):
            raise PermissionDenied("评价只能由申请人在评价器或扫码完成，工作人员不能代为评价")
        if grade not in GRADES:
            raise EvaluationError("评价等级无效")
        now = self.ctx.now()
        try:
            with self.ctx.db.transaction() as s:
                good = _sign(_secret(s), ticket.case_no, ticket.channel, ticket.expires)
                if ticket.channel not in CHANNELS or not hmac.compare_digest(good, ticket.signature):
                    raise PermissionDenied("评价码无效：评价只能由申请人在评价器或扫码完成")
                if now > ticket.expires:
                    raise EvaluationError("评价码已过期，请向窗口重新获取")
                case = self._case(s, ticket.case_no)
                due = None
                if grade in BAD_GRADES:
                    due = load_calendar(s).add_workdays(now.date(), followup_days(s)).date
                s.add(Evaluation(case_id=case.id, grade=grade, comment=comment.strip()[:500],
                                 channel=ticket.channel, rated_at=now, followup_due=due,
                                 followup_status="open" if due else "",
                                 origin_terminal=self.ctx.terminal))
                s.flush()
                append_event(s, terminal=self.ctx.terminal, kind="evaluated", at=now,
                             actor_id=None, actor_role="applicant", case_id=case.id,
                             grade=grade, channel=ticket.channel)
        except IntegrityError:
            raise EvaluationError(f"办件“{ticket.case_no}”已评价，一次办理只能评价一次") from None
        return Rated(ticket.case_no, grade, due)

    def submit_qr(self, payload: str, grade: int, comment: str = "") -> Rated:
        """A rating made by scanning the QR code, as delivered back to the hall."""
        ticket = RatingTicket.parse(payload)
        if ticket.channel != "qr":
            raise PermissionDenied("评价码无效：不是扫码评价码")
        return self.submit(ticket, grade, comment)

    @operation("rating.submit_visit")
    def submit_visit(self, payload: str, grade: int, comment: str = "") -> Rated:
        """The applicant rates the visit with the queue ticket's QR code (一次一评): one
        rating for the visit, recorded against its first case."""
        from ..queue.service import QueueError, parse_qr

        if grade not in GRADES:
            raise EvaluationError("评价等级无效")
        try:
            day, number, key = parse_qr(payload)
        except QueueError as exc:
            raise EvaluationError(str(exc)) from None
        now = self.ctx.now()
        try:
            with self.ctx.db.transaction() as s:
                t = s.execute(select(QueueTicket).where(QueueTicket.day == day,
                                                        QueueTicket.ticket_no == number)).scalar()
                if t is None or not hmac.compare_digest(t.rating_key, key):
                    raise EvaluationError("号票二维码无效：评价只能由申请人用所持号票完成")
                if (now.date() - day).days > TICKET_DAYS:
                    raise EvaluationError(f"号票已超过 {TICKET_DAYS} 天，不能再评价")
                if t.status != "done":
                    raise EvaluationError(f"号票 {number} 尚未办理完毕，办理完毕后才能评价")
                if s.execute(select(Evaluation.id).where(Evaluation.ticket_id == t.id)).first():
                    raise EvaluationError(f"本次来访（号票 {number}）已评价，一次来访只能评价一次")
                case = s.execute(select(CaseFile).join(QueueVisitCase, QueueVisitCase.case_id == CaseFile.id)
                                 .where(QueueVisitCase.ticket_id == t.id, CaseFile.is_training.is_(False))
                                 .order_by(QueueVisitCase.linked_at, CaseFile.case_no)).scalars().first()
                if case is None:
                    raise EvaluationError(f"号票 {number} 的来访没有关联办件，暂不能评价")
                if s.execute(select(Evaluation.id).where(Evaluation.case_id == case.id)).first():
                    raise EvaluationError(f"办件“{case.case_no}”已评价，一次办理只能评价一次")
                due = None
                if grade in BAD_GRADES:
                    due = load_calendar(s).add_workdays(now.date(), followup_days(s)).date
                s.add(Evaluation(case_id=case.id, ticket_id=t.id, grade=grade,
                                 comment=comment.strip()[:500], channel=TICKET_CHANNEL, rated_at=now,
                                 followup_due=due, followup_status="open" if due else "",
                                 origin_terminal=self.ctx.terminal))
                s.flush()
                append_event(s, terminal=self.ctx.terminal, kind="evaluated", at=now,
                             actor_id=None, actor_role="applicant", case_id=case.id,
                             grade=grade, channel=TICKET_CHANNEL, ticket=number)
        except IntegrityError:
            raise EvaluationError(f"本次来访（号票 {number}）已评价，一次来访只能评价一次") from None
        return Rated(case.case_no, grade, due)

    # -- follow-up of 差评 --------------------------------------------------------------
    def bad_ratings(self, open_only: bool = True, limit: int = 500) -> list[BadRatingLine]:
        """差评 with their follow-up, oldest deadline first (open and contested ones only
        unless ``open_only`` is False)."""
        q = (select(CaseFile.case_no, CaseFile.window_code, Staff.full_name, Evaluation.grade,
                    Evaluation.comment, Evaluation.rated_at, Evaluation.followup_due,
                    Evaluation.followup_status, Evaluation.followup_note, Evaluation.contest_reason)
             .join(CaseFile, CaseFile.id == Evaluation.case_id)
             .join(Staff, Staff.id == CaseFile.clerk_id)
             .where(Evaluation.grade.in_(BAD_GRADES)))
        if open_only:
            q = q.where(Evaluation.followup_status.in_(("open", "contested")))
        with self.ctx.db.session() as s:
            # SQLAlchemy types a select of more than 9 columns with a trailing *tuple[Any, ...]
            return [BadRatingLine(*r) for r in s.execute(  # type: ignore[call-arg]  # see the line above
                q.order_by(Evaluation.followup_due, Evaluation.rated_at).limit(limit))]

    @operation("rating.set_followup_days")
    def set_followup_days(self, actor: Actor, days: int) -> None:
        require_role(actor, "supervisor")
        if not 1 <= days <= 60:
            raise EvaluationError("差评整改时限应为 1 至 60 个工作日")
        with self.ctx.db.transaction() as s:
            set_setting(s, DAYS_KEY, str(days))

    def follow_up(self, actor: Actor, case_no: str, note: str) -> None:
        """The 差评 was verified and fixed (整改), with what was done."""
        require_role(actor, "supervisor")
        self._move(actor, case_no, ("open",), "done", note, "请填写核实整改情况")

    def contest(self, actor: Actor, case_no: str, reason: str) -> None:
        """A mistaken or malicious 差评 is contested (申诉), with the reason."""
        require_role(actor, "clerk", "supervisor")
        self._move(actor, case_no, ("open",), "contested", reason, "请填写申诉理由")

    @operation("rating.decide_contest")
    def decide_contest(self, actor: Actor, case_no: str, upheld: bool, note: str) -> None:
        """Upheld: the rating no longer counts as 差评; rejected: the follow-up reopens."""
        require_role(actor, "supervisor")
        self._move(actor, case_no, ("contested",), "voided" if upheld else "open", note,
                   "请填写申诉审核意见")

    def _move(self, actor: Actor, case_no: str, from_states: tuple[str, ...], to: str,
              note: str, empty_msg: str) -> None:
        if not note.strip():
            raise EvaluationError(empty_msg)
        with self.ctx.db.transaction() as s:
            row = s.execute(select(Evaluation).join(CaseFile, CaseFile.id == Evaluation.case_id)
                            .where(CaseFile.case_no == case_no)).scalar()
            if row is None or row.grade not in BAD_GRADES:
                raise EvaluationError(f"办件“{case_no}”没有差评")
            if row.followup_status not in from_states:
                label = FOLLOWUP_STATES.get(row.followup_status, row.followup_status)
                raise EvaluationError(f"该差评当前为“{label}”，不能进行此操作")
            if to == "contested":
                row.contest_reason = note.strip()
            else:
                row.followup_note = (row.followup_note + "\n" if row.followup_note else "") + note.strip()
            row.followup_status = to
            append_event(s, terminal=self.ctx.terminal, kind="evaluated", at=self.ctx.now(),
                         actor_id=actor.staff_id, actor_role=actor.main_role, case_id=row.case_id,
                         followup=to)

    def _case(self, s: Session, case_no: str) -> CaseFile:
        case = s.execute(select(CaseFile).where(CaseFile.case_no == case_no.strip())).scalar()
        if case is None:
            raise EvaluationError(f"没有找到办件“{case_no}”")
        if case.is_training:
            raise EvaluationError("培训练习办件不参加评价")
        if case.status not in RATEABLE:
            raise EvaluationError("办件受理、办结或发证后才能评价")
        if s.execute(select(Evaluation.id).where(Evaluation.case_id == case.id)).first():
            raise EvaluationError(f"办件“{case_no}”已评价，一次办理只能评价一次")
        visit = s.execute(select(QueueTicket.ticket_no).join(
            QueueVisitCase, QueueVisitCase.ticket_id == QueueTicket.id).join(
            Evaluation, Evaluation.ticket_id == QueueTicket.id).where(
            QueueVisitCase.case_id == case.id)).scalar()
        if visit is not None:
            raise EvaluationError(f"办件“{case_no}”所在的来访（号票 {visit}）已评价，一次来访只能评价一次")
        return case
