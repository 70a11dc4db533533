"""The catalog as the counter screen sees it: loaded once on the lane, searched per keystroke
(a service: it reads the database; the picker and the guide only show it).

Qt-free. Searching touches no database (the index lives in memory), so the picker may call
``search`` on the GUI thread for every key.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..context import Actor, ServiceContext
from ..intake.rows import delivery_options
from ..intake.rules import supervision_for
from .search import CatalogIndex
from .store import current_versions, version_to_spec

TIER = 100_000  # CatalogIndex scores come in tiers of this size


@dataclass(frozen=True)
class ItemInfo:
    code: str
    name: str
    window_code: str
    department_code: str
    kind: str
    promised_days: int
    statutory_days: int
    front_desk_can_finish: bool
    agent_allowed: bool
    conditions: str
    review_points: tuple[str, ...]
    delivery: tuple[str, ...]  # Chinese labels, first is the default
    fee: str
    promised_unit: str = "workday"
    statutory_unit: str = "workday"
    checked: bool = False  # 已核对 by its department; the counter marks the rest 待核对
    fee_tiers: tuple[str, ...] = ()  # rows of a tiered fee: the clerk picks the one that applies

    def limit(self, which: str) -> str:
        """“15日”, “20个工作日”: a limit in the statute's own unit (data, so Chinese)."""
        days = self.promised_days if which == "promised" else self.statutory_days
        unit = self.promised_unit if which == "promised" else self.statutory_unit
        return "当场" if unit == "onsite" else f"{days}{'日' if unit == 'day' else '个工作日'}"

    @property
    def can_finish(self) -> bool:
        return self.kind == "immediate" and self.front_desk_can_finish


class CatalogView:
    def __init__(self, items: list[ItemInfo], keywords: dict[str, list[str]],
                 pages_hint: dict[str, int] | None = None) -> None:
        self.items = {i.code: i for i in items}
        self.pages_hint = pages_hint or {}  # requirement id -> usual page count
        self.index = CatalogIndex((i.code, i.name, keywords.get(i.code, [])) for i in items)

    def search(self, query: str, window_code: str = "", limit: int = 30) -> list[ItemInfo]:
        """Ranked matches; inside a score tier the clerk's own window comes first."""
        hits = self.index.search(query, limit=limit * 2)
        ranked = sorted(enumerate(hits), key=lambda p: (
            -(p[1][1] // TIER), self.items[p[1][0]].window_code != window_code, p[0]))
        return [self.items[code] for _, (code, _s) in ranked[:limit]]


def load_catalog(ctx: ServiceContext) -> CatalogView:
    """Runs on the lane: the current version of every active item."""
    with ctx.db.session() as s:
        items, keywords, pages = [], {}, {}
        for v in current_versions(s):
            pages.update({m.id: m.pages_hint for m in v.materials if m.pages_hint})
            items.append(ItemInfo(
                v.code, v.name, v.window_code, v.department_code, v.kind, v.promised_days,
                v.statutory_days, v.front_desk_can_finish, v.agent_allowed, v.conditions,
                tuple(p for p in v.review_points.split("\n") if p), delivery_options(v.delivery),
                v.fee, v.promised_unit or "workday", v.statutory_unit or "workday",
                v.check_state == "checked",
                tuple(t.name for t in version_to_spec(v).fee.tiers)))
            keywords[v.code] = [k for k in v.keywords.split("\n") if k]
    return CatalogView(items, keywords, pages)


def co_signer_reasons(ctx: ServiceContext, actor: Actor, item: ItemInfo) -> tuple[str, ...]:
    """Runs on the lane: why this clerk needs an approver beside them for this item."""
    with ctx.db.session() as s:
        return supervision_for(s, actor.staff_id, item.code, item.window_code).reasons
