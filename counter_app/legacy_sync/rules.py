"""The conflict rules, as pure functions of (base, server, local). See RULES.md.

``base`` is the row as this terminal last agreed with the server (the outbox keeps it from
before the first unsent change), ``server`` the row on the server now, ``local`` what the
terminal sends. All are canonical dicts (``tables.canon_row``). No clock is ever compared:
a terminal's clock may be hours wrong, and ``updated_at`` is carried as data only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..models.case import BACK_STATUSES
from ..sync.tables import IMMUTABLE, META_COLUMNS

# Reached only by an approver's act (signature, return, decision): the approver's word holds.
APPROVER_STATUSES = frozenset({"with_approver", "returned", "approved", "denied"})
# Rows whose custody is the case's (column naming the case) or the batch's.
CASE_BOUND = {"case_file": "id", "case_material": "case_id"}
BATCH_BOUND = {"handoff_batch": "id", "handoff_item": "batch_id"}
# Columns only the approver's side writes: its value stands against a counter's.
APPROVER_COLUMNS = {
    "handoff_batch": frozenset({"status", "signed_by_id", "signed_at"}),
    "handoff_item": frozenset({"state", "discrepancy"}),
}
# Counters and locks that only grow: the larger value is right on both sides.
MAX_COLUMNS = {"staff": frozenset({"failed_logins", "locked_until"})}

_MISSING = object()


@dataclass(frozen=True)
class Custody:
    """Who holds the file now, read on the server for the row's case and batch."""

    case_status: str | None = None
    batch_status: str | None = None


@dataclass(frozen=True)
class Verdict:
    take: tuple[str, ...] = ()      # columns written with the terminal's value
    refused: bool = False           # the change is refused as a whole
    settled: tuple[str, ...] = ()   # a rule kept the server's value (recorded)
    open: tuple[str, ...] = ()      # no rule decides: server value kept, supervisor chooses
    rule: str = ""
    message: str = ""
    delete: bool = False            # for a delete: carry it out

    @property
    def conflict(self) -> bool:
        return self.refused or bool(self.settled or self.open)

    @property
    def status(self) -> str:
        """How the conflict is kept: ``open`` needs a supervisor, ``settled`` is a record."""
        return "open" if self.open or self.rule in ("rejected", "custody_new") else "settled"


def custody_blocks(table: str, custody: Custody) -> str:
    """Why the counter may not change this row now ("" when it may)."""
    if table in CASE_BOUND and custody.case_status in BACK_STATUSES:
        return "办件已由审批人员签收，在审批环节；前台的修改未采纳"
    if table in BATCH_BOUND and custody.batch_status not in (None, "open"):
        return "交接单已签收；签收后前台的修改未采纳"
    return ""


def decide_insert(table: str, custody: Custody) -> Verdict:
    """A row the server does not have."""
    why = custody_blocks(table, custody)
    if why:
        return Verdict(refused=True, rule="custody_new", message=why)
    return Verdict(take=("*",))


def decide_update(table: str, base: Mapping[str, Any] | None, server: Mapping[str, Any],
                  local: Mapping[str, Any], custody: Custody, fast_forward: bool) -> Verdict:
    """A row both sides have. ``fast_forward``: the server's version is this terminal's own
    last push (nobody changed it since), so the terminal's row simply follows on."""
    cols = [c for c in local if c not in META_COLUMNS and c in server]
    diff = [c for c in cols if local[c] != server[c]]
    if not diff:
        return Verdict()
    if table in IMMUTABLE:
        return Verdict(refused=True, settled=tuple(diff), rule="immutable",
                       message="事件日志只追加、不修改：同一编号的事件内容不同，保留服务器版本")
    why = custody_blocks(table, custody)
    if why:
        return Verdict(refused=True, settled=tuple(diff), rule="custody", message=why)
    if fast_forward:
        return Verdict(take=tuple(diff))
    take: list[str] = []
    settled: list[str] = []
    open_: list[str] = []
    for c in diff:
        b = base.get(c, _MISSING) if base is not None else _MISSING
        if b is not _MISSING and local[c] == b:
            continue  # only the server changed it
        if b is not _MISSING and server[c] == b:
            take.append(c)  # only this terminal changed it
        elif c in MAX_COLUMNS.get(table, ()):
            if server[c] is None or (local[c] is not None and local[c] > server[c]):
                take.append(c)
        elif c in APPROVER_COLUMNS.get(table, ()):
            settled.append(c)
        elif table == "case_file" and c == "status" and server[c] in APPROVER_STATUSES:
            settled.append(c)
        else:
            open_.append(c)
    if open_:
        rule, msg = "both_changed", (
            f"服务器和本终端都修改了：{'、'.join(open_)}；服务器保留原值，请管理人员裁定")
    elif settled:
        rule, msg = "approver_decides", (
            f"审批人员的处理优先：{'、'.join(settled)} 保留服务器的值")
    else:
        rule, msg = "", ""
    return Verdict(take=tuple(take), settled=tuple(settled), open=tuple(open_), rule=rule,
                   message=msg)


def decide_delete(table: str, base: Mapping[str, Any] | None, server: Mapping[str, Any] | None,
                  custody: Custody, fast_forward: bool) -> Verdict:
    if server is None:
        return Verdict()
    if table in IMMUTABLE:
        return Verdict(refused=True, rule="immutable", message="事件日志不能删除")
    why = custody_blocks(table, custody)
    if why:
        return Verdict(refused=True, rule="custody", message=why)
    unchanged = base is not None and all(
        server.get(c) == v for c, v in base.items() if c not in META_COLUMNS)
    if fast_forward or unchanged:
        return Verdict(delete=True)
    return Verdict(refused=True, open=("*",), rule="changed_since",
                   message="本终端删除的记录在服务器上已被他人修改：未删除，请管理人员裁定")
