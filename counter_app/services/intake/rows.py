"""The rows of a new case, written without the ORM's unit of work.

Recording a case is what the applicant waits on before the receipt prints, so its write is
lean: the item version is read once per version id (a version never changes once made; an
edit makes a new one), and the case, its materials and its events go in as Core inserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...models import CaseFile, CaseMaterial, ItemVersion, ServiceItem, new_id
from ..catalog.spec import DELIVERY_LABELS


class _DueDate(Protocol):  # read-only members: the calendar's DueDate is frozen
    @property
    def date(self) -> date: ...
    @property
    def warnings(self) -> tuple[Any, ...]: ...


class _Calendar(Protocol):
    def add_limit(self, start: date, n: int, unit: str) -> _DueDate: ...


@dataclass(frozen=True)
class RequirementFacts:
    """One material of an item version, as the intake rules need it."""

    id: str
    name: str
    requirement: str  # required / optional / conditional
    condition_key: str
    shared: bool = False  # issued by a government body that shares it: waived


@dataclass(frozen=True)
class VersionFacts:
    """What recording a case needs of its item version."""

    id: str
    code: str
    version: int
    name: str
    window_code: str
    department_code: str
    kind: str
    front_desk_can_finish: bool
    agent_allowed: bool
    promised_days: int
    statutory_days: int
    materials: tuple[RequirementFacts, ...] = ()
    delivery: tuple[str, ...] = ()  # the Chinese labels a case stores, first is the default
    promised_unit: str = "workday"
    statutory_unit: str = "workday"
    fee_tiers: tuple[str, ...] = ()  # the rows of its fee schedule a clerk may pick

    @classmethod
    def of(cls, v: ItemVersion) -> VersionFacts:
        from ..catalog.store import version_to_spec  # the stored schedule, read once per version

        tiers = tuple(t.name for t in version_to_spec(v).fee.tiers)
        return cls(v.id, v.code, v.version, v.name, v.window_code, v.department_code, v.kind,
                   v.front_desk_can_finish, v.agent_allowed, v.promised_days, v.statutory_days,
                   tuple(RequirementFacts(m.id, m.name, m.requirement, m.condition_key,
                                          bool(m.shared)) for m in v.materials),
                   delivery_options(v.delivery),
                   v.promised_unit or "workday", v.statutory_unit or "workday", tiers)


def delivery_options(stored: str) -> tuple[str, ...]:
    """An item's delivery methods as the labels a case stores (window pick-up when none)."""
    labels = tuple(DELIVERY_LABELS.get(d, d) for d in stored.split("\n") if d)
    return labels or (DELIVERY_LABELS["window"],)


_CURRENT = select(ServiceItem.current_version_id).where(ServiceItem.code == bindparam("code"))


class VersionCache:
    """Current version of an item: one indexed read for the id, the facts kept by id."""

    def __init__(self) -> None:
        self._by_id: dict[str, VersionFacts] = {}

    def current(self, session: Session, item_code: str) -> VersionFacts | None:
        version_id = session.execute(_CURRENT, {"code": item_code}).scalar_one_or_none()
        if version_id is None:
            return None
        return self.by_id(session, version_id)

    def by_id(self, session: Session, version_id: str) -> VersionFacts | None:
        """A version's facts by its id (a case names the version it was received under)."""
        facts = self._by_id.get(version_id)
        if facts is None:
            version = session.get(ItemVersion, version_id)
            if version is None:
                return None
            facts = self._by_id[version_id] = VersionFacts.of(version)
        return facts


class _Limits(Protocol):  # read-only members: VersionFacts is frozen
    @property
    def promised_days(self) -> int: ...
    @property
    def statutory_days(self) -> int: ...
    @property
    def promised_unit(self) -> str: ...
    @property
    def statutory_unit(self) -> str: ...


def due_dates(version: _Limits, day: date, cal: _Calendar) -> tuple[date, date, list[str]]:
    """(promised due, statutory due, calendar warnings) for a case accepted on ``day``, each
    limit counted in its own unit (工作日, or 日 whose last day moves off a rest day)."""
    promised = cal.add_limit(day, version.promised_days, version.promised_unit or "workday")
    statutory = cal.add_limit(day, version.statutory_days, version.statutory_unit or "workday")
    # A promise never ends after the law's deadline (working days across 国庆 can outrun 日).
    return min(promised.date, statutory.date), statutory.date, [w.message for w in (*promised.warnings,
                                                                *statutory.warnings)]


def insert_case(session: Session, case: dict[str, Any], materials: list[dict[str, Any]],
                at: datetime) -> None:
    """Insert the case then its materials (parent first: foreign keys are on)."""
    case.setdefault("id", new_id())
    case["created_at"] = case["updated_at"] = at
    for m in materials:
        m["id"], m["case_id"] = new_id(), case["id"]
        m["created_at"] = m["updated_at"] = at
    conn = session.connection()
    conn.execute(_INSERT_CASE, case)
    if materials:
        conn.execute(_INSERT_MATERIALS, materials)


# Built once: a statement reused keeps its cache key (the compiled form is cached anyway).
_INSERT_CASE = CaseFile.__table__.insert()
_INSERT_MATERIALS = CaseMaterial.__table__.insert()
