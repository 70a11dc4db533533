"""Receiving an application at the counter: checklist, completeness, decision, resume.

Every rule of DOMAIN.md's "A case, end to end" steps 2-3 lives here; the counter screen only
collects input and shows what these functions return.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import MATERIAL_STATES, ItemVersion, MaterialRequirement, Notice, ServiceItem
from ..audit.events import append_events
from ..catalog.spec import requirement_words
from ..context import Actor, PermissionDenied, ServiceContext, require_role
from ..deadlines.calendar_store import load_calendar
from ..operations import allow, operation
from . import validation as v
from .numbering import KIND_CASE, next_number
from .rows import RequirementFacts, VersionCache, VersionFacts, delivery_options, due_dates, insert_case
from .rules import supervision_for
from .supplement_rows import (
    ACCEPT_CASE,
    ACCEPT_WITH_CO_CLERK,
    RESUPPLY_MATERIAL,
    SUPPLEMENT_CASE,
    SUPPLEMENT_MATERIALS,
    UPDATE_MATERIAL,
    material_change,
)

DECISIONS = {
    "accept": "受理",
    "notify": "一次性告知",
    "not_accept": "不予受理",
    "finish": "当场办结",
    "hold": "收件待审",
}
# Conditions the app can decide itself from the intake (condition_key in the catalog).
AUTO_CONDITIONS = ("agent", "organisation", "person")


class IntakeError(Exception):
    """The intake cannot be recorded as asked; ``issues`` name each field and problem."""

    def __init__(self, message: str, issues: tuple[v.Issue, ...] = ()) -> None:
        super().__init__(message)
        self.issues = issues


@dataclass
class PartyInput:
    kind: str = "person"  # "person" or "organisation"
    name: str = ""
    id_type: str = "resident_id"  # resident_id / credit_code / passport / other
    id_no: str = ""
    legal_rep: str = ""
    contact_name: str = ""
    phone: str = ""
    address: str = ""


@dataclass
class AgentInput:
    name: str = ""
    id_no: str = ""
    phone: str = ""


@dataclass
class MaterialEntry:
    name: str
    requirement: str  # required / optional / conditional (after resolving auto conditions)
    requirement_id: str | None = None
    condition: str = ""
    state: str = "missing"  # received / missing / defective / not_applicable
    form: str = ""
    copies: int = 0
    pages: int = 0
    reason: str = ""
    default_form: str = ""
    default_copies: int = 1
    need: str = ""  # what the catalog asks for: 原件 1 份、复印件 1 份
    standard: str = ""  # the catalog's acceptance standard
    waived: bool = False  # its issuer shares it: not asked for (state not_applicable)


@dataclass
class Intake:
    item_code: str
    applicant: PartyInput = field(default_factory=PartyInput)
    agent: AgentInput | None = None
    materials: list[MaterialEntry] = field(default_factory=list)
    delivery: str = "窗口领取"
    is_training: bool = False
    override_reason: str = ""  # why a checksum warning was overridden
    fee_tier: str = ""  # the fee schedule's row that applies (住宅 / 非住宅 / 小微企业免收 ...)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Intake:
        data = json.loads(text)
        agent = data.get("agent")
        return cls(
            item_code=data["item_code"],
            applicant=PartyInput(**data.get("applicant") or {}),
            agent=AgentInput(**agent) if agent else None,
            materials=[MaterialEntry(**m) for m in data.get("materials") or []],
            delivery=data.get("delivery", "窗口领取"),
            is_training=bool(data.get("is_training")),
            override_reason=data.get("override_reason", ""),
            fee_tier=data.get("fee_tier", ""),
        )


@dataclass(frozen=True)
class Completeness:
    missing: tuple[MaterialEntry, ...]
    defective: tuple[MaterialEntry, ...]
    received: int
    needed: int

    @property
    def complete(self) -> bool:
        return not self.missing and not self.defective

    @property
    def summary(self) -> str:
        if self.complete:
            return f"材料齐全：已收 {self.received} 项"
        return (f"已收 {self.received} 项，缺 {len(self.missing)} 项，"
                f"不符合要求 {len(self.defective)} 项")


@dataclass(frozen=True)
class IntakeResult:
    case_id: str
    case_no: str
    status: str
    documents: tuple[str, ...]  # document kinds to print, in order
    warnings: tuple[str, ...] = ()


def current_version(session: Session, item_code: str) -> ItemVersion:
    item = session.execute(
        select(ServiceItem).where(ServiceItem.code == item_code)
    ).scalar_one_or_none()
    if item is None or item.current_version_id is None:
        raise IntakeError(f"事项编码“{item_code}”不存在")
    version = session.get(ItemVersion, item.current_version_id)
    assert version is not None
    return version


def resolve_requirement(req: MaterialRequirement | RequirementFacts, applicant_kind: str,
                        has_agent: bool) -> str:
    """'required', 'optional', 'conditional' (the clerk judges) or 'not_applicable'.

    A material its issuer shares electronically is waived: not asked for (not_applicable)."""
    if req.shared:
        return "not_applicable"
    if req.requirement != "conditional" or req.condition_key not in AUTO_CONDITIONS:
        return req.requirement
    holds = {
        "agent": has_agent,
        "organisation": applicant_kind == "organisation",
        "person": applicant_kind == "person",
    }[req.condition_key]
    return "required" if holds else "not_applicable"


def build_checklist(version: ItemVersion, applicant_kind: str, has_agent: bool) -> list[MaterialEntry]:
    out = []
    for req in version.materials:
        eff = resolve_requirement(req, applicant_kind, has_agent)
        out.append(MaterialEntry(
            name=req.name, requirement="conditional" if eff == "not_applicable" else eff,
            requirement_id=req.id, condition=waived_note(req) or req.condition,
            state="not_applicable" if eff == "not_applicable" else "missing",
            default_form=req.form, default_copies=req.copies, need=requirement_need(req),
            standard=req.standard, waived=req.shared,
        ))
    return out


def requirement_need(req: MaterialRequirement) -> str:
    return requirement_words(req.form, req.copies, req.originals, req.photocopies, req.medium)


def waived_note(req: MaterialRequirement) -> str:
    """Why a shared material is not asked for (empty when it is asked for)."""
    return f"免提交：由{req.issuer or '核发部门'}共享提供" if req.shared else ""


def reconcile_checklist(
    version: ItemVersion, intake: Intake
) -> list[MaterialEntry]:
    """Re-resolve auto conditions after the applicant kind or agent changed, keeping marks."""
    fresh = build_checklist(version, intake.applicant.kind, intake.agent is not None)
    marked = {m.requirement_id: m for m in intake.materials}
    for entry in fresh:
        old = marked.get(entry.requirement_id)
        if old is None:
            continue
        auto_na = entry.state == "not_applicable"
        if auto_na and old.state in ("missing", "not_applicable"):
            continue
        if not auto_na and old.state == "not_applicable" and entry.requirement != "conditional":
            continue  # became required: it must be looked at again
        entry.state, entry.form, entry.copies = old.state, old.form, old.copies
        entry.pages, entry.reason = old.pages, old.reason
    return fresh


def completeness(materials: list[MaterialEntry]) -> Completeness:
    missing, defective, received, needed = [], [], 0, 0
    for m in materials:
        if m.state == "received":
            received += 1
        if m.state == "defective":
            defective.append(m)
        if m.requirement in ("required", "conditional") and m.state != "not_applicable":
            needed += 1
            if m.state == "missing":
                missing.append(m)
    return Completeness(tuple(missing), tuple(defective), received, needed)


def _error(field: str, message: str, code: str) -> v.Issue:
    return v.Issue(field, message, "error", code)


def material_issues(m: MaterialEntry, requirement: str) -> list[v.Issue]:
    """What is wrong with one marked material, given its requirement as the catalog says."""
    where = f"材料“{m.name}”"
    if m.state not in MATERIAL_STATES:
        return [_error(where, f"{where}的状态“{m.state}”无效", "material.state")]
    if m.state == "not_applicable" and requirement == "required":
        return [_error(where, f"{where}是必交材料，不能标为不适用", "material.required")]
    if m.state == "received" and (m.copies < 1 or m.pages < 0):
        return [_error(where, f"{where}份数应至少为 1，页数不能为负", "material.copies")]
    if m.state == "defective" and not m.reason.strip():
        return [_error(where, f"{where}标为不符合要求，请填写原因", "material.reason")]
    return []


def checked_checklist(version: VersionFacts, intake: Intake
                      ) -> tuple[list[MaterialEntry], tuple[v.Issue, ...]]:
    """The client's marks laid over the item version's own materials.

    The version decides which materials there are and what each requires (auto conditions
    resolved from the applicant kind and agent); the client only says what was handed in.
    A checklist that lacks a material of the version, or names one it does not have, is
    refused: completeness is never computed from the client's list alone.
    """
    has_agent = intake.agent is not None
    marks: dict[str | None, MaterialEntry] = {}
    issues: list[v.Issue] = []
    for m in intake.materials:
        if m.requirement_id in marks:
            issues.append(_error(f"材料“{m.name}”", f"材料“{m.name}”在清单中出现了两次",
                                 "checklist.duplicate"))
        marks[m.requirement_id] = m
    known = {r.id for r in version.materials}
    stray = [m.name for rid, m in marks.items() if rid not in known]
    lacking = [r.name for r in version.materials if r.id not in marks]
    if stray or lacking:
        told = "、".join(f"“{n}”" for n in (lacking or stray)[:3])
        what = "缺少" if lacking else "多出不属于本事项的"
        issues.append(_error(
            "材料清单",
            f"材料清单与“{version.name}”（第 {version.version} 版）的目录不一致：{what}{told}"
            f"{'等' if len(lacking or stray) > 3 else ''}；请重新选择事项，按目录核对材料",
            "checklist.mismatch"))
        return [], tuple(issues)
    out = []
    for req in version.materials:
        m = marks[req.id]
        eff = resolve_requirement(req, intake.applicant.kind, has_agent)
        issues += material_issues(m, eff)
        state = m.state
        if eff == "not_applicable" and state == "missing":
            state = "not_applicable"  # the condition does not hold: nothing to hand in
        out.append(replace(m, name=req.name, requirement_id=req.id, state=state,
                           requirement="conditional" if eff == "not_applicable" else eff))
    return out, tuple(issues)


def delivery_issues(version: VersionFacts, delivery: str) -> tuple[v.Issue, ...]:
    if delivery in version.delivery:
        return ()
    return (_error("送达方式", f"“{version.name}”不能{delivery or '不填送达方式'}；"
                   f"可选：{'、'.join(version.delivery)}", "delivery"),)


def validate_intake(intake: Intake) -> tuple[v.Issue, ...]:
    """Every problem with the applicant, agent and checklist, errors and warnings."""
    a, issues = intake.applicant, list[v.Issue]()
    if a.kind == "person":
        issues += v.check_person_name(a.name, "申请人姓名").issues
        if a.id_type == "resident_id":
            issues += v.check_resident_id(a.id_no, "申请人身份证号").issues
        else:
            issues += v.check_required(a.id_no, "申请人证件号码").issues
    elif a.kind == "organisation":
        issues += v.check_org_name(a.name, "单位名称").issues
        issues += v.check_credit_code(a.id_no, "统一社会信用代码").issues
        issues += v.check_person_name(a.legal_rep, "法定代表人").issues
    else:
        issues.append(v.Issue("申请人类型", "申请人类型无效：应为个人或单位", "error",
                              "applicant.kind"))
    issues += v.check_phone(a.phone, "联系电话").issues
    if intake.agent is not None:
        issues += v.check_person_name(intake.agent.name, "代办人姓名").issues
        issues += v.check_resident_id(intake.agent.id_no, "代办人身份证号").issues
        if intake.agent.phone:
            issues += v.check_phone(intake.agent.phone, "代办人电话").issues
    for m in intake.materials:
        issues += material_issues(m, m.requirement)
    return tuple(issues)


def blocking(issues: tuple[v.Issue, ...], override_reason: str) -> tuple[v.Issue, ...]:
    """Errors always block; a warning blocks until the clerk gives a reason to override it."""
    return tuple(i for i in issues
                 if i.severity == "error" or (i.severity == "warning" and not override_reason.strip()))


allow(PartyInput, AgentInput, MaterialEntry, Intake)


class IntakeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._versions = VersionCache()

    def checklist(self, item_code: str, applicant_kind: str = "person",
                  has_agent: bool = False) -> list[MaterialEntry]:
        with self.ctx.db.session() as s:
            return build_checklist(current_version(s, item_code), applicant_kind, has_agent)

    def new_intake(self, item_code: str, applicant_kind: str = "person",
                   has_agent: bool = False) -> Intake:
        intake = Intake(item_code=item_code, applicant=PartyInput(kind=applicant_kind),
                        agent=AgentInput() if has_agent else None)
        with self.ctx.db.session() as s:
            version = current_version(s, item_code)
            intake.materials = build_checklist(version, applicant_kind, has_agent)
            intake.delivery = delivery_options(version.delivery)[0]
        return intake

    def refresh(self, intake: Intake) -> Intake:
        with self.ctx.db.session() as s:
            intake.materials = reconcile_checklist(current_version(s, intake.item_code), intake)
        return intake

    @operation("intake.record")
    def record(
        self,
        actor: Actor,
        intake: Intake,
        decision: str,
        *,
        co_signer: Actor | None = None,
        reason: str = "",
        redirect: str = "",
    ) -> IntakeResult:
        """Validate, decide and commit the case in one transaction (before anything prints)."""
        require_role(actor, "clerk")
        if decision not in DECISIONS:
            raise IntakeError(f"处理方式“{decision}”无效")
        problems = blocking(validate_intake(intake), intake.override_reason)
        if problems and decision != "not_accept":
            raise IntakeError("；".join(i.message for i in problems), problems)
        now, term = self.ctx.now(), self.ctx.terminal
        with self.ctx.db.transaction() as s:
            version = self._versions.current(s, intake.item_code)
            if version is None:
                raise IntakeError(f"事项编码“{intake.item_code}”不存在")
            checklist, problems = checked_checklist(version, intake)
            problems += delivery_issues(version, intake.delivery)
            if problems:
                raise IntakeError("；".join(i.message for i in problems), problems)
            done = completeness(checklist)
            self._check_decision(s, actor, version, decision, done, co_signer, reason,
                                 intake.agent is not None)
            tier = intake.fee_tier.strip()
            if tier and tier not in version.fee_tiers:
                choices = "、".join(version.fee_tiers) or "（本事项不收费）"
                raise IntakeError(f"收费档次“{tier}”不在本事项的收费标准中；可选：{choices}")
            case: dict[str, Any] = dict(
                case_no=next_number(s, now.date(), KIND_CASE, term),
                item_version_id=version.id, item_code=version.code,
                window_code=version.window_code, department_code=version.department_code,
                clerk_id=actor.staff_id, co_clerk_id=co_signer.staff_id if co_signer else None,
                status="received", is_training=intake.is_training,
                received_at=now, received_on=now.date(), delivery=intake.delivery,
                override_note=intake.override_reason.strip(), origin_terminal=term,
                fee_tier=intake.fee_tier.strip(),
                **_party_columns(intake),
            )
            materials = [_material_row(i, m, now, term) for i, m in enumerate(checklist, start=1)]
            received = dict(case_no=case["case_no"], item=version.code, version=version.version,
                            training=intake.is_training,
                            co_signer=co_signer.staff_id if co_signer else None)
            if case["override_note"]:  # the clerk's reason for passing a checksum warning
                received["override"] = case["override_note"]
            events: list[tuple[str, dict[str, Any]]] = [("received", received)]
            warnings: list[str] = []
            docs: tuple[str, ...] = ()
            if decision in ("accept", "finish"):
                promised, statutory, warnings = due_dates(version, now.date(), load_calendar(s))
                case.update(status="accepted", accepted_on=now.date(), promised_due=promised,
                            statutory_due=statutory)
                if decision == "finish":
                    case.update(status="finished", closed_at=now)
                    events.append(("finished", {}))
                else:
                    events.append(("accepted", {"accepted_on": now.date()}))
                docs = ("acceptance",)
            elif decision == "notify":
                case["status"] = "awaiting_supplement"
                events.append(("notice_issued", {"missing": len(done.missing),
                                                 "defective": len(done.defective)}))
                docs = ("one_time_notice",)
            elif decision == "not_accept":
                case.update(status="not_accepted", closed_at=now, not_accepted_reason=reason.strip(),
                            redirect_to=redirect.strip())
                events.append(("not_accepted", {"reason": case["not_accepted_reason"],
                                                "redirect": case["redirect_to"]}))
                docs = ("not_accepted",)
            insert_case(s, case, materials, now)
            if decision == "notify":
                s.add(_notice(case["id"], "one_time_notice", actor, now, done, term))
            append_events(s, events, terminal=term, at=now, actor_id=actor.staff_id,
                          actor_role="clerk", case_id=case["id"])
            return IntakeResult(case["id"], case["case_no"], case["status"], docs, tuple(warnings))

    def _check_decision(self, s: Session, actor: Actor, version: VersionFacts, decision: str,
                        done: Completeness, co_signer: Actor | None, reason: str,
                        intake_has_agent: bool = False) -> None:
        if intake_has_agent and not version.agent_allowed:
            raise IntakeError(f"“{version.name}”须申请人本人到场办理，不能由代办人办理")
        if decision in ("accept", "finish") and not done.complete:
            raise IntakeError(f"材料不齐全，不能受理：{done.summary}；请出具一次性告知单")
        if decision == "notify" and done.complete:
            raise IntakeError("材料已齐全，无需一次性告知，请直接受理")
        if decision == "not_accept" and not reason.strip():
            raise IntakeError("请填写不予受理的理由")
        if decision == "finish" and not (version.kind == "immediate"
                                         and version.front_desk_can_finish):
            raise IntakeError("本事项不是授权前台当场办结的即办件，不能当场办结")
        if decision in ("accept", "finish"):
            check_co_signer(s, actor, version.code, version.window_code, co_signer)

    @operation("intake.supplement")
    def supplement(
        self, actor: Actor, case_no: str, updates: list[MaterialEntry],
        *, co_signer: Actor | None = None, resupplied: tuple[str, ...] = (),
    ) -> IntakeResult:
        """The applicant came back: record what was supplied; accept when complete.

        The acceptance date is the day the last missing material arrived (DOMAIN.md). A case
        the approver returned takes ``resupplied``: the materials the applicant brought again
        (put right, as the return asked), each with its own receipt; it stays returned, ready
        to be handed over again. Written like ``record``: prebuilt Core reads and updates, the
        events in one insert (``supplement_rows.py``).
        """
        require_role(actor, "clerk")
        now = self.ctx.now()
        with self.ctx.db.transaction() as s:
            conn = s.connection()
            case = conn.execute(SUPPLEMENT_CASE, {"no": case_no}).first()
            if case is None:
                raise IntakeError(f"没有找到办件“{case_no}”")
            by_name = {m.name: m for m in conn.execute(SUPPLEMENT_MATERIALS, {"case": case.id})}
            ev: dict[str, Any] = dict(terminal=self.ctx.terminal, at=now, actor_id=actor.staff_id,
                                      actor_role="clerk", case_id=case.id)
            if case.status == "returned":
                return _resupply(s, case, by_name, tuple(resupplied), now, ev)
            if resupplied:
                raise IntakeError(f"办件“{case_no}”没有被退回，补交材料请按补正登记")
            if case.status not in ("awaiting_supplement", "received"):
                raise IntakeError(f"办件“{case_no}”当前状态不需要补正")
            states = {name: m.state for name, m in by_name.items()}
            supplied, changes = [], []
            for u in updates:
                row = by_name.get(u.name)
                if row is None:
                    raise IntakeError(f"办件“{case_no}”没有材料“{u.name}”")
                if states[u.name] == u.state:
                    continue
                if states[u.name] == "received":
                    raise IntakeError(f"材料“{u.name}”已经收取，不能改为"
                                      f"“{MATERIAL_STATES.get(u.state, u.state)}”")
                problems = material_issues(u, row.requirement)
                if problems:
                    raise IntakeError("；".join(i.message for i in problems), tuple(problems))
                if u.state == "received":
                    supplied.append(u.name)
                states[u.name] = u.state
                changes.append(material_change(row, u, now))
            if not changes:
                raise IntakeError("没有标记任何补交或变化的材料，未作记录")
            conn.execute(UPDATE_MATERIAL, changes)
            done = completeness([MaterialEntry(name=m.name, requirement=m.requirement,
                                               state=states[m.name]) for m in by_name.values()])
            events: list[tuple[str, dict[str, Any]]] = [("supplemented", {"materials": supplied})]
            docs: list[str] = ["supplement_receipt"] if supplied else []
            warnings: list[str] = []
            status = case.status
            if done.complete:
                version = self._versions.by_id(s, case.item_version_id)
                assert version is not None
                check_co_signer(s, actor, case.item_code, case.window_code, co_signer)
                day = now.date()
                promised, statutory, warnings = due_dates(version, day, load_calendar(s))
                status = "accepted"
                accepted: dict[str, Any] = dict(cid=case.id, status=status, accepted_on=day,
                                                promised_due=promised, statutory_due=statutory)
                if co_signer is not None:
                    conn.execute(ACCEPT_WITH_CO_CLERK, {**accepted, "co": co_signer.staff_id})
                else:
                    conn.execute(ACCEPT_CASE, accepted)
                events.append(("accepted", {"accepted_on": day}))
                docs.append("acceptance")
            append_events(s, events, **ev)
            return IntakeResult(case.id, case.case_no, status, tuple(docs), tuple(warnings))


def _resupply(s: Session, case: Any, by_name: dict[str, Any], names: tuple[str, ...],
              now: datetime, ev: dict[str, Any]) -> IntakeResult:
    if not names:
        raise IntakeError("请标记申请人重新提交的材料（按空格），再登记补交")
    changes = []
    for name in names:
        row = by_name.get(name)
        if row is None:
            raise IntakeError(f"办件“{case.case_no}”没有材料“{name}”")
        if row.state == "not_applicable":
            raise IntakeError(f"材料“{name}”不适用，不能登记补交")
        changes.append({"mid": row.id, "state": "received", "supplied_at": now})
    s.connection().execute(RESUPPLY_MATERIAL, changes)
    append_events(s, [("supplemented", {"materials": list(names), "after_return": True})], **ev)
    return IntakeResult(case.id, case.case_no, case.status, ("supplement_receipt",), ())


def check_co_signer(s: Session, actor: Actor, item_code: str, window_code: str,
                    co_signer: Actor | None) -> None:
    """An acceptance that needs an approver beside the clerk has one, and never the clerk."""
    if co_signer is not None and (not co_signer.has("approver")
                                  or co_signer.staff_id == actor.staff_id):
        raise PermissionDenied("陪同受理须由另一名审批人员确认")
    if co_signer is None:
        sup = supervision_for(s, actor.staff_id, item_code, window_code)
        if sup.needs_co_signer:
            raise IntakeError("；".join(sup.reasons))


def _clean(checker, value: str) -> str:
    """The validator's normalised form (· in minority names, ASCII digits, 0376-...)."""
    return checker(value, required=False).value if value.strip() else ""


def _party_columns(intake: Intake) -> dict[str, str]:
    a, g = intake.applicant, intake.agent
    name_check = v.check_org_name if a.kind == "organisation" else v.check_person_name
    return dict(
        applicant_kind=a.kind, applicant_name=_clean(name_check, a.name),
        applicant_id_type="credit_code" if a.kind == "organisation" else a.id_type,
        applicant_id_no=v.normalize_id(a.id_no), legal_rep=_clean(v.check_person_name, a.legal_rep),
        contact_name=a.contact_name.strip(), phone=_clean(v.check_phone, a.phone),
        address=a.address.strip(),
        agent_name=_clean(v.check_person_name, g.name) if g else "",
        agent_id_no=v.normalize_id(g.id_no) if g else "",
        agent_phone=_clean(v.check_phone, g.phone) if g else "",
    )


def _notice(case_id: str, kind: str, actor: Actor, now, done: Completeness,
            terminal: str) -> Notice:
    listed = [{"name": m.name, "state": m.state, "reason": m.reason}
              for m in (*done.missing, *done.defective)]
    return Notice(case_id=case_id, kind=kind, issued_at=now, issued_by_id=actor.staff_id,
                  content=json.dumps(listed, ensure_ascii=False), origin_terminal=terminal)


def _material_row(seq: int, m: MaterialEntry, now: datetime, terminal: str) -> dict[str, Any]:
    got = m.state == "received"
    return dict(seq=seq, name=m.name, requirement=m.requirement, requirement_id=m.requirement_id,
                state=m.state, form=m.form if got else "", copies=m.copies if got else 0,
                pages=m.pages if got else 0, reason=m.reason.strip(),
                supplied_at=now if got else None, origin_terminal=terminal)
