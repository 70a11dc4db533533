"""The bulletin's four charts as plain data (``ChartData``: categories, series, colours, a
round value axis), drawn alike on screen (QPainter) and in the PDF (reportlab.graphics):
volumes and deadlines per window, ratings by grade, and the daily trend or, for a single
day, consultations by outcome. Also ``short_name``, the window name used on axes and tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..consultations import OUTCOMES
from .model import Bulletin

PALETTE = ("#2f6fb0", "#4caf50", "#f0a030", "#d9534f", "#8e6bbf")


@dataclass(frozen=True)
class ChartData:
    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]  # (legend label, one value per category)
    colors: tuple[str, ...] = PALETTE  # one per series, "#rrggbb"

    def axis_max(self) -> tuple[int, int]:
        """(top of the value axis, step): at most five round steps (1, 2, 5, 10...) with
        room above the largest value."""
        top = max((max(v, default=0) for _, v in self.series), default=0) * 1.05
        step = 1
        while step * 5 < top:
            step = _next_step(step)
        ticks = max(4 if step == 1 else 1, math.ceil(top / step))
        return step * ticks, step

    def axis_labels(self, most: int = 16) -> list[str]:
        """Category labels, thinned to every n-th when there are too many to read."""
        step = max(1, -(-len(self.categories) // most))
        return [c if i % step == 0 else "" for i, c in enumerate(self.categories)]


def _next_step(step: int) -> int:
    """1, 2, 5, 10, 20, 50, ..."""
    digits = 10 ** (len(str(step)) - 1)
    lead = step // digits
    return {1: 2, 2: 5}.get(lead, 10) * digits


def short_name(name: str) -> str:
    """窗口 names without the common suffix, for axis labels."""
    for suffix in ("综合窗口", "受理窗口", "窗口"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def charts(b: Bulletin) -> list[ChartData]:
    """Volumes and deadlines per window, ratings by grade, and the daily trend (or, for a
    single day, consultations by outcome)."""
    from ....models import GRADES

    wins = [w for w in b.windows if w.kind == "counter"]
    names = [short_name(w.name) for w in wins]
    out = [
        ChartData("分窗口办件量", names, [
            ("收件", [w.counts.received for w in wins]),
            ("受理及办结", [w.counts.accepted + w.counts.finished + w.counts.deemed for w in wins]),
            ("一次性告知", [w.counts.notices for w in wins]),
            ("不予受理", [w.counts.not_accepted for w in wins]),
        ]),
        ChartData("评价等级分布", [GRADES[g] for g in (5, 4, 3, 2, 1)],
                  [("评价", [b.grades.get(g, 0) for g in (5, 4, 3, 2, 1)])]),
        ChartData("分窗口临期、超期与待签收", names, [
            ("临期", [w.near_due for w in wins]),
            ("超期", [w.overdue for w in wins]),
            ("待签收交接单", [w.batches_waiting for w in wins]),
        ], ("#f0a030", "#d9534f", "#2f6fb0")),
    ]
    if b.period.kind == "day":
        out.append(ChartData("咨询结果", [OUTCOMES[k] for k in OUTCOMES],
                             [("咨询", [b.consultations.get(k, 0) for k in OUTCOMES])]))
    else:
        out.append(ChartData("每日收件与受理", [f"{p.day.month}/{p.day.day}" if b.period.kind == "week"
                                              else str(p.day.day) for p in b.series], [
            ("收件", [p.received for p in b.series]),
            ("受理及办结", [p.accepted for p in b.series]),
        ]))
    if b.queue.tickets:
        hours = b.queue.by_hour
        out.append(ChartData("分时段排队人数与平均等候", [f"{h.hour}时" for h in hours], [
            ("平均排队人数", [round(h.mean_queue) for h in hours]),
            ("最多排队人数", [h.max_queue for h in hours]),
            ("平均等候（分钟）", [round(h.wait.mean) for h in hours]),
        ], ("#8e6bbf", "#d9534f", "#2f6fb0")))
    return out
