"""The access log: every look at an applicant's personal data leaves one entry.

What counts as a look: opening a case's own screen, a search by ID number, an export and
the personal-information report (个人信息保护法第四十五条). A print is one too; it already
appends its ``printed``/``reprinted`` event (``PrintService.log``), which the access queries
read as the print's entry, so a print is never logged twice.

**An entry is an event** (kind ``accessed``) in the terminal's hash chain, not a table of its
own: deleting or editing an entry then breaks the same chain that holds the case's state
changes, ``verify-audit`` checks it with no second machinery, and it syncs the way every
event does. The case's history screen leaves these events out (``timeline.CASE_EVENTS``).

**It travels as an operation** (``access.record``): the hall replays it into its own copy of
the terminal's chain, with the same id and time. The person is passed as plain fields, not
as an ``actor`` the hall would re-check: a look by an account deactivated since must still
reach the hall's log, never be refused.

A search term is never stored whole: only its masked form (``110105********1234``) and the
cases the search returned, which is how the supervisor's question "who looked at this
person" finds it again (``access_queries``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...documents.masking import mask_id
from ..audit.events import ACCESS_KIND, append_event
from ..context import Actor, ServiceContext
from ..operations import allow, operation

PRINT_KINDS = ("printed", "reprinted")
WHAT_LABELS = {
    "open": "查看办件",
    "search": "按证件号码查询",
    "export": "导出",
    "report": "个人信息查询报告",
}


@dataclass(frozen=True)
class Access:
    """One look. ``cases`` are the case ids a search or report returned (an export is
    described by its filter instead: ``since``/``until`` received dates, ``window``)."""

    what: str  # open / search / export / report
    case_id: str | None = None
    term: str = ""  # the masked search term
    cases: tuple[str, ...] = ()
    full: bool = False  # full ID numbers and phones were shown or written
    reason: str = ""  # why full values were disclosed (an unmasked export, a report)
    detail: str = ""  # e.g. the export's kind and file name
    since: str = ""  # an export's filter: received from this day ...
    until: str = ""  # ... to this day (ISO dates), inclusive
    window: str = ""  # ... at this window only, if set
    count: int = 0  # rows exported


allow(Access)


class AccessLog:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def look(self, actor: Actor | None, entry: Access) -> None:
        """Record ``entry`` as done by ``actor`` (None: an administrator at this PC's
        command line)."""
        if entry.what not in WHAT_LABELS:
            raise ValueError(f"访问类型“{entry.what}”无效")
        if actor is None:
            self.record("", "admin", "", entry)
        else:
            self.record(actor.staff_id, actor.main_role, actor.window_code, entry)

    @operation("access.record", fact=True)
    def record(self, staff_id: str, role: str, window: str, entry: Access) -> None:
        """The entry's event, on this PC and (replayed) on the hall."""
        payload = {"what": entry.what, "full": entry.full, "window": window}
        for key in ("term", "reason", "detail", "since", "until", "count"):
            value = getattr(entry, key)
            if value:
                payload[key] = value
        if entry.window:
            payload["export_window"] = entry.window
        if entry.cases:
            payload["cases"] = list(entry.cases)
        with self.ctx.db.transaction() as s:
            append_event(s, terminal=self.ctx.terminal, kind=ACCESS_KIND, at=self.ctx.now(),
                         actor_id=staff_id or None, actor_role=role, case_id=entry.case_id,
                         **payload)  # type: ignore[arg-type]  # payload fields are JSON, not the named ones


def masked_term(id_no: str) -> str:
    """How a searched ID number is kept in the log."""
    return mask_id(id_no)
