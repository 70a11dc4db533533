"""Importing a hall's Excel ledger (台账) of cases: one row per case, xlsx or CSV.

Every bad row is reported with its row number, field and reason; the good rows are imported
once even if the same file is imported twice: a row's case id is a UUID derived from the
row's identity (its ledger number, or item + applicant ID + received date + name).
"""

from __future__ import annotations

import csv
import io
import time as clock
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ...failures import describe
from ...models import CaseFile, ItemVersion, ServiceItem, Staff
from ..audit.events import append_event
from ..context import ServiceContext, hall_only
from ..deadlines.calendar_store import load_calendar
from . import validation as v
from .numbering import KIND_CASE, next_number
from .rows import due_dates

NAMESPACE = uuid.UUID("6f1c2b9e-4d1a-4c55-9a63-3a4f0d2b7e10")
COLUMNS = {
    "台账编号": "ledger_no", "事项编码": "item_code", "事项名称": "item_name",
    "申请人": "name", "申请人类型": "kind", "证件号码": "id_no", "联系电话": "phone",
    "收件日期": "received", "受理日期": "accepted", "状态": "status", "受理人": "clerk",
    "代办人": "agent", "代办人证件号码": "agent_id", "地址": "address", "备注": "note",
}
REQUIRED = ("申请人", "证件号码", "收件日期", "受理人")
STATUSES = {
    "已受理": "accepted", "受理": "accepted", "待补正": "awaiting_supplement",
    "不予受理": "not_accepted", "当场办结": "finished", "已办结": "issued", "已发证": "issued",
    "审批中": "with_approver", "待领证": "approved",
}


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行「{self.field}」：{self.message}"


@dataclass(frozen=True)
class LedgerResult:
    imported: int
    already: int
    problems: tuple[RowProblem, ...]


class LedgerFileError(Exception):
    """The file itself cannot be read (not xlsx/CSV, no header row...)."""


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = path.read_bytes()
            text = None
            for enc in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV as GBK
                try:
                    text = raw.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            if text is None:
                raise LedgerFileError("CSV 文件编码无法识别：请保存为 UTF-8 或 GBK")
            table: list[list[Any]] = list(csv.reader(io.StringIO(text)))
        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True, data_only=True)
            table = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
            wb.close()
        else:
            raise LedgerFileError(f"不支持的文件类型“{suffix}”：请用 xlsx 或 csv")
    except LedgerFileError:
        raise
    except Exception as exc:  # a corrupt file must give a message, not a traceback
        raise LedgerFileError(f"无法读取文件“{path.name}”：{type(exc).__name__}") from None
    if not table:
        raise LedgerFileError("文件是空的")
    header = [str(h).strip() if h is not None else "" for h in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if "事项编码" not in header and "事项名称" not in header:
        missing.append("事项编码或事项名称")
    if missing:
        raise LedgerFileError(f"表头缺少列：{'、'.join(missing)}（第 1 行应为列名）")
    out = []
    for n, row in enumerate(table[1:], start=2):
        if not any(c not in (None, "") for c in row):
            continue
        out.append((n, {COLUMNS[h]: row[i] if i < len(row) else None
                        for i, h in enumerate(header) if h in COLUMNS}))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return v.parse_date(_cell(value))


# A long import must not hold the database's single write lock: the counters on this PC
# keep recording cases while it runs. Each chunk commits after this much work and then
# leaves the lock free for a moment, long enough for a waiting writer's next try.
CHUNK_SECONDS = 0.2
PAUSE_SECONDS = 0.1


def import_ledger(ctx: ServiceContext, path: Path) -> LedgerResult:
    """Import every good row, in short transactions; a row already imported is skipped.

    A crash half-way loses nothing: the committed chunks stay, and importing the file again
    skips them (case ids come from the rows themselves).
    """
    hall_only(ctx, "导入台账")
    rows = read_rows(path)
    problems: list[RowProblem] = []
    imported = already = 0
    with ctx.db.session() as s:
        items = {c: s.get(ItemVersion, vid) for c, vid in s.execute(
            select(ServiceItem.code, ServiceItem.current_version_id)).all()}
        by_name = {ver.name: ver for ver in items.values() if ver}
        staff = {st.username: st for st in s.execute(select(Staff)).scalars()}
        staff |= {st.full_name: st for st in staff.values()}
        cal = load_calendar(s)
    todo = []
    for n, r in rows:
        row_problems, case = _build(n, r, items, by_name, staff)
        if row_problems:
            problems += row_problems
        else:
            todo.append((n, r, case))
    start = 0
    while start < len(todo):
        if start:
            clock.sleep(PAUSE_SECONDS)
        began = clock.monotonic()
        try:
            imported, already, start = _import_chunk(ctx, path, todo, start, items, cal,
                                                     began, imported, already)
        except Exception as exc:
            kept = (f"此前已保存 {imported} 件，从第 {todo[start][0]} 行起未导入；"
                    "处理后重新导入同一文件即可，已导入的行会自动跳过")
            message = describe(exc, lost=kept)
            if message is None:
                raise
            raise LedgerFileError(f"导入中断：{message}") from exc
    return LedgerResult(imported, already, tuple(problems))


def _import_chunk(ctx: ServiceContext, path: Path, todo, start: int, items, cal,
                  began: float, imported: int, already: int) -> tuple[int, int, int]:
    """One short transaction of rows from ``todo[start]`` on; returns the new counts."""
    with ctx.db.transaction() as s:
        while start < len(todo) and clock.monotonic() - began < CHUNK_SECONDS:
            n, r, case = todo[start]
            if s.get(CaseFile, case.id) is not None:
                already += 1
                start += 1
                continue
            ver = items[case.item_code]
            case.case_no = next_number(s, case.received_on, KIND_CASE, ctx.terminal)
            case.origin_terminal = ctx.terminal
            if case.accepted_on:
                case.promised_due, case.statutory_due, _ = due_dates(ver, case.accepted_on, cal)
            s.add(case)
            s.flush()
            append_event(s, terminal=ctx.terminal, kind="received", at=ctx.now(),
                         actor_id=case.clerk_id, actor_role="clerk", case_id=case.id,
                         case_no=case.case_no, imported_from=path.name, row=n,
                         ledger_no=_cell(r.get("ledger_no")))
            imported += 1
            start += 1
    return imported, already, start


def _build(n: int, r: dict[str, Any], items, by_name, staff
           ) -> tuple[list[RowProblem], CaseFile | None]:
    bad: list[RowProblem] = []
    code, item_name = _cell(r.get("item_code")), _cell(r.get("item_name"))
    ver = items.get(code) if code else by_name.get(item_name)
    if ver is None:
        bad.append(RowProblem(n, "事项编码" if code else "事项名称",
                              f"事项“{code or item_name}”不在事项目录中"))
    name = _cell(r.get("name"))
    kind_text = _cell(r.get("kind"))
    id_no = v.normalize_id(_cell(r.get("id_no")))
    org = kind_text in ("单位", "企业", "法人") or (len(id_no) == 18 and not id_no[:17].isdigit())
    checks = ([v.check_org_name(name, "申请人"), v.check_credit_code(id_no, "证件号码")] if org
              else [v.check_person_name(name, "申请人"), v.check_resident_id(id_no, "证件号码")])
    phone = _cell(r.get("phone"))
    if phone:
        checks.append(v.check_phone(phone, "联系电话"))
    for c in checks:
        bad += [RowProblem(n, i.field, i.message) for i in c.issues if i.severity == "error"]
    received = _day(r.get("received"))
    if received is None:
        bad.append(RowProblem(n, "收件日期", f"日期“{_cell(r.get('received'))}”无法识别"))
    accepted = _day(r.get("accepted")) if _cell(r.get("accepted")) else None
    if _cell(r.get("accepted")) and accepted is None:
        bad.append(RowProblem(n, "受理日期", f"日期“{_cell(r.get('accepted'))}”无法识别"))
    if received and accepted and accepted < received:
        bad.append(RowProblem(n, "受理日期", "受理日期早于收件日期"))
    status_text = _cell(r.get("status")) or ("已受理" if accepted else "待补正")
    status = STATUSES.get(status_text)
    if status is None:
        bad.append(RowProblem(n, "状态", f"状态“{status_text}”无效；可选：{'、'.join(STATUSES)}"))
    agent, agent_id = _cell(r.get("agent")), v.normalize_id(_cell(r.get("agent_id")))
    if agent or agent_id:
        if ver is not None and not ver.agent_allowed:
            bad.append(RowProblem(n, "代办人", f"“{ver.name}”须申请人本人到场办理，不能由代办人办理"))
        if not agent or not agent_id:
            bad.append(RowProblem(n, "代办人" if not agent else "代办人证件号码",
                                  "代办人姓名和代办人证件号码须同时填写"))
        agent_checks = [v.check_person_name(agent, "代办人")] if agent else []
        if agent_id:
            agent_checks.append(v.check_resident_id(agent_id, "代办人证件号码"))
        for c in agent_checks:
            bad += [RowProblem(n, i.field, i.message) for i in c.issues if i.severity == "error"]
    clerk = staff.get(_cell(r.get("clerk")))
    if clerk is None:
        bad.append(RowProblem(n, "受理人", f"受理人“{_cell(r.get('clerk'))}”不是系统中的账号或姓名"))
    if bad:
        return bad, None
    key = _cell(r.get("ledger_no")) or f"{ver.code}|{id_no}|{received}|{name}"
    assert received is not None  # else bad is not empty and we returned above
    at = datetime.combine(received, time(9, 0))
    case = CaseFile(
        id=str(uuid.uuid5(NAMESPACE, key)), item_version_id=ver.id, item_code=ver.code,
        window_code=ver.window_code, department_code=ver.department_code, clerk_id=clerk.id,
        status=status, applicant_kind="organisation" if org else "person",
        applicant_name=name, applicant_id_type="credit_code" if org else "resident_id",
        applicant_id_no=id_no, phone=phone, address=_cell(r.get("address")),
        agent_name=v.check_person_name(agent, "代办人").value if agent else "", agent_id_no=agent_id,
        received_at=at, received_on=received,
        accepted_on=accepted or (received if status in ("accepted", "finished", "issued",
                                                         "with_approver", "approved") else None),
        override_note=_cell(r.get("note")),
    )
    return [], case
