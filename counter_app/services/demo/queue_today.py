"""Today's demo queue as it stands now: the day simulated whole (``demo_queue``), then cut
at the present moment, so the hall display, the guide's page and today's figures show a
morning in progress instead of an empty or finished day.

At the cut a ticket issued later does not exist yet; one whose call comes later is still
waiting; one called but not finished is at its desk (``called``); the rest are done or
过号 as simulated. The simulation is causal (a desk takes only tickets issued before it is
free), so the cut day is exactly the first part of the whole one and the numbers run on
without a gap: the next ticket the guide issues follows them.

Today's tickets also get the acts the queue service writes (issued, called, recalled,
no_show, done) with the desk's clerk, and the desks that called today are left open on
this PC, as a clerk's ``open_desk`` leaves them: the display shows each desk's number, its
last calls come from the acts, and a clerk signing in here can go on calling at that desk.
Rows are plain tuples in ``rows.COLUMNS`` order, like the rest of the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any

from ...ids.stable import stable_id
from ...models import PRIORITY_KINDS
from .rows import COLUMNS

CLOSE = time(17, 30)
OPENED = time(8, 20)  # desks are opened before the first tickets (08:30)

# Column positions in a ``queue_ticket`` tuple, from the one column order (``rows.COLUMNS``).
_AT = {c: i for i, c in enumerate(COLUMNS["queue_ticket"])}
_ID, _WINDOW, _PRIORITY, _GUIDE = _AT["id"], _AT["window_code"], _AT["priority"], _AT["issued_by_id"]
_ISSUED, _STATUS, _DESK = _AT["issued_at"], _AT["status"], _AT["desk_no"]
_FIRST_CALL, _DONE = _AT["first_called_at"], _AT["done_at"]
_Act = tuple[str, str, int | None, str | None, str]  # kind, at, desk, staff, note


def _with(r: tuple[Any, ...], **values: Any) -> tuple[Any, ...]:
    """The ticket's tuple with the named columns changed."""
    row = list(r)
    for name, value in values.items():
        row[_AT[name]] = value
    return tuple(row)


@dataclass
class Today:
    """Today's rows after the cut, and the desks that called (desk: serving someone now)."""

    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    acts: list[tuple[Any, ...]] = field(default_factory=list)
    desks: dict[int, bool] = field(default_factory=dict)
    groups: dict[int, str] = field(default_factory=dict)  # desk: the group it calls for

    def add(self, rows: list[tuple[Any, ...]], cut: datetime, term: str,
            clerks: dict[int, str | None]) -> None:
        """Cut one group's whole-day rows at ``cut``; ``clerks``: the clerk at each desk."""
        cut_s = _dt(cut)
        for r in rows:
            if r[_ISSUED] > cut_s:
                continue  # not issued yet
            acts: list[_Act] = [("issued", r[_ISSUED], None, r[_GUIDE],
                                 PRIORITY_KINDS.get(r[_PRIORITY], ""))]
            start = r[_FIRST_CALL]
            if r[_STATUS] == "waiting" or start > cut_s:
                # Still waiting: nothing of a call.
                self.tickets.append(_with(
                    r, updated_at=r[_ISSUED], status="waiting", to_desk=None, transfers=0,
                    desk_no=None, first_called_at=None, first_desk=None, first_window_code="",
                    called_at=None, calls=0, served_by_id=None, done_at=None))
                self.acts += self._acts(r, acts, term)
                continue
            desk = r[_DESK]
            clerk = clerks.get(desk)
            acts.append(("called", start, desk, clerk, ""))
            serving = r[_DONE] > cut_s
            self.desks[desk] = self.desks.get(desk, False) or serving
            self.groups[desk] = r[_WINDOW]
            if serving:  # at the desk now
                self.tickets.append(_with(
                    r, status="called", to_desk=None, transfers=0, desk_no=desk,
                    first_called_at=start, first_desk=desk, first_window_code=r[_WINDOW],
                    called_at=start, calls=1, served_by_id=clerk, done_at=None))
            else:
                if r[_STATUS] == "no_show":  # called twice, nobody came
                    second = _dt(datetime.fromisoformat(start) + (
                        datetime.fromisoformat(r[_DONE]) - datetime.fromisoformat(start)) / 2)
                    acts.append(("recalled", second, desk, clerk, ""))
                acts.append((r[_STATUS], r[_DONE], desk, clerk, ""))
                self.tickets.append(_with(r, updated_at=r[_DONE], served_by_id=clerk))
            self.acts += self._acts(r, acts, term)

    @staticmethod
    def _acts(r: tuple[Any, ...], acts: list[_Act], term: str) -> list[tuple[Any, ...]]:
        return [(stable_id("queue_act", r[_ID], kind), at, at, term, r[_ID], kind, at, desk,
                 r[_WINDOW], staff, note) for kind, at, desk, staff, note in acts]

    def desk_rows(self, cut: datetime, term: str, clerks: dict[int, str | None],
                  taken: frozenset[int]) -> list[tuple[Any, ...]]:
        """The desks that called today, open on this PC while the hall is open (after
        closing only a desk still serving); a desk number the hall already has is kept."""
        out = []
        for no in sorted(self.desks):
            if no in taken:
                continue
            serving = self.desks[no]
            opened = _dt(datetime.combine(cut.date(), OPENED))
            out.append((stable_id("queue_desk", no), opened, opened, term, no, self.groups[no],
                        serving or cut.time() < CLOSE, clerks.get(no), term, opened))
        return out


def _dt(v: datetime) -> str:
    return v.isoformat(" ", "microseconds")
