"""The bulletin's tables as plain data (``TableData``: key, title, headers, rows), printed
alike in the PDF, the Excel workbook and on screen: per window, per clerk, waiting batches,
overdue and near-due cases, held cases, complaints, bad ratings, training records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ....documents.masking import mask_numbers
from ...deadlines.clock_stops import NEAR_DUE_DAYS, DueLine
from ...queue.figures import QueueRow
from .charts import short_name
from .model import COUNT_LABELS, Bulletin


@dataclass(frozen=True)
class TableData:
    key: str  # sheet name in the workbook
    title: str
    headers: list[str]
    rows: list[list[object]]
    total: int | None = None  # rows in full when the list was cut at LIST_LIMIT


def _dt(v: datetime | None) -> str:
    return f"{v:%m-%d %H:%M}" if v else ""


def tables(b: Bulletin) -> list[TableData]:
    from ....models import GRADES, STATUS_LABELS
    from ..complaints import STATES
    from ..evaluations import FOLLOWUP_STATES

    wins = [[short_name(w.name), w.planned, w.registered, w.on_duty, *w.counts.values(),
             w.batches_waiting, round(w.oldest_wait_hours, 1), w.near_due, w.overdue, w.complaints,
             w.ratings, w.bad_ratings, w.consultations] for w in b.windows]
    tot = ["合计", sum(w.planned for w in b.windows), sum(w.registered for w in b.windows),
           sum(w.on_duty for w in b.windows), *b.totals.values(), len(b.batches),
           round(max((x.hours for x in b.batches), default=0.0), 1), b.near_total, b.overdue_total,
           sum(w.complaints for w in b.windows), b.ratings_total, b.bad_total,
           sum(w.consultations for w in b.windows)]
    count_heads = [{"一次性告知": "一次性\n告知", "不予受理": "不予\n受理", "当场办结": "当场\n办结",
                    "视为受理": "视为\n受理"}.get(v, v) for v in COUNT_LABELS.values()]
    clerks: list[list[object]] = [[c.name, short_name(b_window_name(b, c.window_code)),
               "是" if c.on_duty else "",
               *c.counts.values(), c.near_due, c.overdue, c.complaints, c.ratings, c.bad_ratings,
               c.consultations, c.stage_label, c.authorized_by,
               f"{c.authorized_at:%Y-%m-%d}" if c.authorized_at else "",
               "；".join(c.item_stages), "；".join(c.co_acceptance)] for c in b.clerks]
    def due(lines: list[DueLine]) -> list[list[object]]:
        return [[d.case_no, d.item_code, d.window_code, d.clerk, STATUS_LABELS.get(d.status, d.status),
                 d.promised_due.isoformat(), d.workdays_left] for d in lines]

    due_heads = ["办件编号", "事项", "窗口", "受理人", "状态", "承诺日期", "剩余工作日"]
    return [
        TableData("windows", "分窗口情况（含人员配置：计划 / 在册 / 在岗）",
                  ["窗口", "计划", "在册", "在岗", *count_heads, "待签收单", "最长等待\n(小时)",
                   "临期", "超期", "投诉", "评价", "差评", "咨询"], [*wins, tot]),
        TableData("clerks", "分人员情况（受理员）",
                  ["姓名", "窗口", "在岗", *count_heads, "临期", "超期", "投诉", "评价", "差评",
                   "咨询", "培训授权", "授权人", "授权日期", "事项授权", "须共同受理"], clerks),
        TableData("batches", "待签收交接单",
                  ["交接单号", "接收部门", "窗口", "移交人", "件数", "移交时间", "已等待(小时)"],
                  [[x.batch_no, x.department_code, x.window_code, x.clerk, x.cases,
                    _dt(x.created_at), round(x.hours, 1)] for x in b.batches]),
        TableData("overdue", "已超期办件（超期最久的在前）", due_heads, due(b.overdue), b.overdue_total),
        TableData("near_due", f"临期办件（{NEAR_DUE_DAYS} 个工作日内到期）", due_heads, due(b.near_due),
                  b.near_total),
        TableData("holds", "收件待审未告知（满 5 个工作日视为受理）",
                  ["办件编号", "窗口", "受理人", "收件日期", "已过工作日"],
                  [[h.case_no, h.window_code, h.clerk, h.received_on.isoformat(), h.workdays]
                   for h in b.holds]),
        TableData("complaints", "投诉",
                  ["登记时间", "投诉人", "内容", "办件", "窗口", "被投诉人", "承办人", "期限",
                   "状态", "办理结果"],
                  [[_dt(c.received_at), c.complainant, mask_numbers(c.content), c.case_no,
                    c.window_code, c.about, c.assigned_to, c.due_on.isoformat() if c.due_on else "",
                    STATES.get(c.status, c.status), mask_numbers(c.resolution)]
                   for c in b.complaints]),
        TableData("bad_ratings", "差评及整改",
                  ["办件编号", "窗口", "受理人", "评价", "评价时间", "整改期限", "整改状态"],
                  [[r.case_no, r.window_code, r.clerk, GRADES.get(r.grade, ""), _dt(r.rated_at),
                    r.followup_due.isoformat() if r.followup_due else "",
                    FOLLOWUP_STATES.get(r.followup_status, r.followup_status)] for r in b.bad_ratings]),
        TableData("training", "培训与授权记录（现行）",
                  ["姓名", "窗口", "范围", "窗口或事项", "阶段", "设定人", "设定时间", "备注"],
                  [[t.full_name, t.window_code, "事项" if t.scope == "item" else "窗口", t.scope_code,
                    t.stage_label, t.set_by, f"{t.set_at:%Y-%m-%d %H:%M}", t.note] for t in b.training]),
        *_queue_tables(b),
        TableData("unchecked", "事项目录待核对（部门尚未核对签字）",
                  ["事项编码", "事项名称", "实施部门", "未能核实"],
                  [list(u) for u in b.unchecked]),
    ]


def b_window_name(b: Bulletin, code: str) -> str:
    return next((w.name for w in b.windows if w.code == code), code)


def _queue_tables(b: Bulletin) -> list[TableData]:
    """Waits and service times per window, per area and per hour (minutes)."""
    q = b.queue
    if not q.tickets:
        return []
    heads = ["取号", "平均等候", "90%等候", "最长等候", "平均办理", "90%办理", "最长办理",
             "未办离开", "优先办结"]

    def cells(r: QueueRow) -> list[object]:
        return [r.tickets, round(r.wait.mean, 1), round(r.wait.p90, 1), round(r.wait.longest, 1),
                round(r.service.mean, 1), round(r.service.p90, 1), round(r.service.longest, 1),
                r.abandoned, r.priority_served]

    return [
        TableData("queue_desks", "排队等候：分窗口（分钟；等候计入首次叫号的窗口）",
                  ["窗口", *heads], [[r.label, *cells(r)] for r in q.by_desk]),
        TableData("queue_areas", "排队等候：分区（分钟）", ["分区", *heads],
                  [[r.label, *cells(r)] for r in q.by_area]),
        TableData("queue_hours", "排队等候：分时段（按取号时间；分钟）",
                  ["时段", "取号", "平均排队", "最多排队", "平均等候", "90%等候", "最长等候"],
                  [[f"{h.hour}:00-{h.hour + 1}:00", h.issued, round(h.mean_queue, 1), h.max_queue,
                    round(h.wait.mean, 1), round(h.wait.p90, 1), round(h.wait.longest, 1)]
                   for h in q.by_hour]),
    ]
