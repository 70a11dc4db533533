"""The supervisor's side of the access log: who looked at one person, and unusual volume.

"Who looked at this person" gathers, for every case where the ID number is the applicant's
or the agent's: each opening of the case, each print of its documents (and of handoff lists
it was on), each search that returned it, each export whose filter covered it, each report.
A search that found nothing is matched by its masked term only, so it is marked as possible
(another person can share the same first 6 and last 4 characters).

Unusual volume: a person opening more than N cases of *other* windows within M minutes
(both settings of the supervisor's PC, ``access.alert_count`` and ``access.alert_minutes``).
Looking these up is itself a search by ID number: it is logged too.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ...documents.common import DOC_KINDS
from ...documents.masking import mask_id
from ...models import ROLE_LABELS, CaseFile, Event, HallWindow, HandoffItem, Staff
from ..context import Actor, ServiceContext, require_role
from ..intake.numbering import display
from ..intake.validation import normalize_id
from ..settings import get_setting, set_setting
from .access_log import ACCESS_KIND, PRINT_KINDS, WHAT_LABELS, Access, AccessLog, masked_term

COUNT_KEY, MINUTES_KEY = "access.alert_count", "access.alert_minutes"
DEFAULT_COUNT, DEFAULT_MINUTES = 200, 60


class AccessQueryError(Exception):
    """The message is for the user."""


@dataclass(frozen=True)
class AccessLine:
    at: datetime
    who: str  # name (username)
    role: str  # Chinese role label
    terminal: str
    what: str  # Chinese
    case_no: str  # grouped for display; "" for a search that found nothing
    detail: str
    possible: bool = False  # matched by the masked term only


@dataclass(frozen=True)
class Thresholds:
    count: int
    minutes: int


@dataclass(frozen=True)
class VolumeAlert:
    who: str
    window: str  # the person's window (name)
    count: int  # cases of other windows opened within ``minutes``
    minutes: int
    start: datetime  # the busiest stretch
    end: datetime


def person_cases(s: Session, id_no: str) -> dict[str, tuple[str, date, str]]:
    """case id -> (case number, received on, window) of every case the ID number is on."""
    rows = s.execute(select(CaseFile.id, CaseFile.case_no, CaseFile.received_on, CaseFile.window_code)
                     .where(or_(CaseFile.applicant_id_no == id_no, CaseFile.agent_id_no == id_no)))
    return {r.id: (r.case_no, r.received_on, r.window_code) for r in rows}


def looked_at(s: Session, id_no: str) -> list[AccessLine]:
    """Every recorded look at the person's data, oldest first (no permission check here:
    the callers check and log)."""
    cases = person_cases(s, id_no)
    ids = list(cases)
    term = masked_term(id_no)
    conds = [and_(Event.kind == ACCESS_KIND, Event.case_id.is_(None))]
    if ids:
        batches = select(HandoffItem.batch_id).where(HandoffItem.case_id.in_(ids))
        conds += [and_(Event.kind.in_((ACCESS_KIND, *PRINT_KINDS)), Event.case_id.in_(ids)),
                  and_(Event.kind.in_(PRINT_KINDS), Event.batch_id.in_(batches))]
    rows = s.execute(
        select(Event.at, Event.seq, Event.kind, Event.case_id, Event.batch_id, Event.terminal_code,
               Event.actor_role, Event.payload, Staff.full_name, Staff.username)
        .outerjoin(Staff, Staff.id == Event.actor_id)
        .where(or_(*conds)).order_by(Event.at, Event.seq)).all()
    out: list[AccessLine] = []
    for r in rows:
        p = json.loads(r.payload or "{}")
        what = p.get("what", "")
        hits: list[str] = []
        possible = False
        if r.kind in PRINT_KINDS:
            label = "补打" if r.kind == "reprinted" else "打印"
            detail = DOC_KINDS.get(p.get("doc", ""), p.get("doc", ""))
            # A handoff list's print: the person's cases that were on it.
            hits = [r.case_id] if r.case_id else _batch_cases(s, r.batch_id, ids)
        elif r.case_id:
            label, detail, hits = WHAT_LABELS.get(what, what), _detail(p), [r.case_id]
        else:
            label, detail = WHAT_LABELS.get(what, what), _detail(p)
            if what == "export":
                hits = [c for c, (_no, day, win) in cases.items() if _covers(p, day, win)]
                if not hits:
                    continue
            else:
                hits = [c for c in p.get("cases", []) if c in cases]
                if not hits:
                    if p.get("term") != term:
                        continue
                    possible = True
        who = f"{r.full_name}（{r.username}）" if r.full_name else "管理员（命令行）"
        role = ROLE_LABELS.get(r.actor_role, "命令行" if r.actor_role == "admin" else r.actor_role or "")
        for cid in hits or [""]:
            no = display(cases[cid][0]) if cid in cases else ""
            out.append(AccessLine(r.at, who, role, r.terminal_code, label, no, detail, possible))
    return out


def _batch_cases(s: Session, batch_id: str, ids: list[str]) -> list[str]:
    return list(s.execute(select(HandoffItem.case_id).where(
        HandoffItem.batch_id == batch_id, HandoffItem.case_id.in_(ids))).scalars())


def _covers(p: dict[str, Any], day: date, window: str) -> bool:
    """Whether an export's filter took in a case of this day and window (an export with no
    date range, such as the bulletin, names no applicant's case)."""
    since, until = p.get("since", ""), p.get("until", "")
    if not since and not until:
        return False
    if (since and day.isoformat() < since) or (until and day.isoformat() > until):
        return False
    return not p.get("export_window") or p["export_window"] == window


def _detail(p: dict[str, Any]) -> str:
    parts = []
    if p.get("term"):
        parts.append(f"查询 {p['term']}")
    if p.get("detail"):
        parts.append(str(p["detail"]))
    if p.get("what") == "open":
        if p.get("full"):
            parts.append(f"显示完整号码（{p.get('reason') or '有权查看'}）")
        return "；".join(parts)
    if p.get("full"):
        parts.append("含完整号码")
    if p.get("reason"):
        parts.append(f"理由：{p['reason']}")
    return "；".join(parts)


def thresholds(s: Session) -> Thresholds:
    def num(key: str, default: int) -> int:
        try:
            value = int(get_setting(s, key) or default)
        except ValueError:
            return default
        return value if value > 0 else default

    return Thresholds(num(COUNT_KEY, DEFAULT_COUNT), num(MINUTES_KEY, DEFAULT_MINUTES))


def volume_alerts(s: Session, day: date, limits: Thresholds) -> list[VolumeAlert]:
    """People who opened at least ``limits.count`` cases of other windows within any
    ``limits.minutes`` of ``day`` (a sliding window), busiest first."""
    lo = datetime.combine(day, datetime.min.time())
    rows = s.execute(
        select(Event.at, Event.actor_id, Event.payload, CaseFile.window_code)
        .join(CaseFile, CaseFile.id == Event.case_id)
        .where(Event.kind == ACCESS_KIND, Event.at >= lo, Event.at < lo + timedelta(days=1),
               Event.actor_id.is_not(None))
        .order_by(Event.at)).all()
    times: dict[str, list[datetime]] = defaultdict(list)
    windows: dict[str, str] = {}
    for r in rows:
        p = json.loads(r.payload or "{}")
        if p.get("what") != "open" or p.get("window", "") == r.window_code:
            continue
        times[r.actor_id].append(r.at)
        windows[r.actor_id] = p.get("window", "")
    span = timedelta(minutes=limits.minutes)
    alerts = []
    for staff_id, ts in times.items():
        best, start = 0, 0
        j = 0
        for i in range(len(ts)):
            while ts[i] - ts[j] > span:
                j += 1
            if i - j + 1 > best:
                best, start = i - j + 1, j
        if best >= limits.count:
            alerts.append((staff_id, best, ts[start], ts[start + best - 1]))
    if not alerts:
        return []
    staff = {r.id: r for r in s.execute(select(Staff).where(
        Staff.id.in_([a[0] for a in alerts]))).scalars()}
    names = dict(s.execute(select(HallWindow.code, HallWindow.name)).all())
    out = []
    for staff_id, n, start_at, end_at in alerts:
        st = staff.get(staff_id)
        who = f"{st.full_name}（{st.username}）" if st else staff_id
        win = windows.get(staff_id, "")
        out.append(VolumeAlert(who, names.get(win, win) or "—", n, limits.minutes, start_at, end_at))
    return sorted(out, key=lambda a: -a.count)


class AccessQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def who_looked(self, actor: Actor, id_no: str) -> list[AccessLine]:
        """Who looked at the person with this ID number (supervisors only; logged)."""
        require_role(actor, "supervisor")
        key = check_id(id_no)
        with self.ctx.db.session() as s:
            lines = looked_at(s, key)
            cases = tuple(sorted(person_cases(s, key)))
        AccessLog(self.ctx).look(actor, Access("search", term=masked_term(key), cases=cases,
                                               detail="查看访问记录"))
        return lines

    def thresholds(self) -> Thresholds:
        with self.ctx.db.session() as s:
            return thresholds(s)

    def set_thresholds(self, actor: Actor, count: int, minutes: int) -> Thresholds:
        require_role(actor, "supervisor")
        if not 1 <= count <= 100000:
            raise AccessQueryError("预警件数应为 1 至 100000 之间的整数")
        if not 1 <= minutes <= 24 * 60:
            raise AccessQueryError("预警时段应为 1 至 1440 分钟")
        with self.ctx.db.transaction() as s:
            set_setting(s, COUNT_KEY, str(count))
            set_setting(s, MINUTES_KEY, str(minutes))
        return Thresholds(count, minutes)

    def alerts(self, actor: Actor, day: date | None = None) -> list[VolumeAlert]:
        require_role(actor, "supervisor")
        with self.ctx.db.session() as s:
            return volume_alerts(s, day or self.ctx.now().date(), thresholds(s))


def check_id(id_no: str) -> str:
    """The ID number as stored (upper case, no spaces), or a Chinese error naming the field."""
    key = normalize_id(id_no or "").replace("-", "").replace(" ", "")
    if not key:
        raise AccessQueryError("证件号码：请输入要查询的证件号码")
    if len(key) < 6:
        raise AccessQueryError(f"证件号码“{mask_id(key)}”太短：须输入完整号码，不按片段查询")
    return key
