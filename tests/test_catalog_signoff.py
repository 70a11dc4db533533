"""A department's sign-off of a catalog item: only an approver of the item's own department
signs; the sign-off is an event; an edited item goes back to 待核对; unchecked items are listed."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from counter_app.models import Department, Event, Staff
from counter_app.services.catalog.signoff import SignOffError, sign_off, unchecked_items
from counter_app.services.catalog.store import current_versions, save_item_version, version_to_spec
from counter_app.services.context import Actor, PermissionDenied
from counter_app.services.people import auth

from .conftest import PASSWORD, Hall


def _approver_of(hall: Hall, dept_code: str, username: str) -> Actor:
    with hall.ctx.db.transaction() as s:
        staff = auth.add_user(s, username, f"审批{username}", PASSWORD, ["approver"],
                              window_code=hall.committed.window_code, terminal="01")
        staff.department_id = s.execute(
            select(Department.id).where(Department.code == dept_code)).scalar_one()
        s.flush()
        return Actor.of(staff, hall.committed.window_code)


def test_only_the_items_own_department_signs_and_an_edit_unsigns(hall: Hall) -> None:
    code = hall.committed.code  # a 不动产登记 item of 自然资源局
    assert hall.committed.department_code == "ZRZYJ"
    with pytest.raises(PermissionDenied, match="罗山县自然资源局"):
        sign_off(hall.ctx, _approver_of(hall, "SCJGJ", "market"), code)  # another department
    with pytest.raises(PermissionDenied):
        sign_off(hall.ctx, hall.clerk, code)  # not an approver
    ours = _approver_of(hall, "ZRZYJ", "land")
    assert code in {u.code for u in unchecked_items(hall.ctx)}
    on = sign_off(hall.ctx, ours, code)
    assert code not in {u.code for u in unchecked_items(hall.ctx)}
    with hall.ctx.db.session() as s:
        ver = next(v for v in current_versions(s) if v.code == code)
        spec = version_to_spec(ver)
        assert (spec.check_state, spec.checked_by, spec.checked_on) == ("checked", "审批land", on)
        event = s.execute(select(Event).where(Event.kind == "catalog_signed_off")).scalar_one()
        assert event.actor_id == ours.staff_id and code in event.payload
    # a department edits the guide: the new version is 待核对 again
    with hall.ctx.db.transaction() as s:
        ver = next(v for v in current_versions(s) if v.code == code)
        edited = dataclasses.replace(version_to_spec(ver), promised_days=ver.promised_days + 1)
        new, what = save_item_version(s, edited, terminal="01", by=None)
        assert what == "changed" and new.check_state == "pending" and new.checked_by == ""
    assert code in {u.code for u in unchecked_items(hall.ctx)}


def test_an_item_without_a_type_or_sources_cannot_be_signed(hall: Hall) -> None:
    ours = _approver_of(hall, "ZRZYJ", "land2")
    with hall.ctx.db.transaction() as s:
        ver = next(v for v in current_versions(s) if v.code == hall.committed.code)
        bare = dataclasses.replace(version_to_spec(ver), sources=(), item_type="unknown")
        save_item_version(s, bare, terminal="01", by=None)
    with pytest.raises(SignOffError, match="事项类型未定"):
        sign_off(hall.ctx, ours, hall.committed.code)
    with hall.ctx.db.session() as s:
        assert s.execute(select(Staff).where(Staff.username == "land2")).scalar_one()
