"""Issue 16: login answers the same for an unknown user and a wrong password, keeps the
lock-out, and never raises anything but LoginError."""

from __future__ import annotations

from datetime import timedelta

import pytest

from counter_app.services.people.auth import MAX_FAILURES, AuthService, LoginError

from .conftest import PASSWORD, Hall


def _fail(svc: AuthService, user: str, password: str = "wrong-password") -> str:
    with pytest.raises(LoginError) as exc:
        svc.login(user, password)
    return str(exc.value)


def test_unknown_user_and_wrong_password_get_one_message(hall: Hall) -> None:
    svc = AuthService(hall.ctx)
    known = [_fail(svc, "clerk") for _ in range(MAX_FAILURES)]
    unknown = [_fail(svc, "nobody") for _ in range(MAX_FAILURES)]
    assert known == unknown  # the same words, attempt by attempt, lock included
    assert "用户名或密码错误" in known[0] and "锁定" in known[-1]
    assert "再错" not in "".join(known)  # no count that only a real account has


def test_the_lock_out_holds_then_expires(hall: Hall) -> None:
    svc = AuthService(hall.ctx)
    for _ in range(MAX_FAILURES):
        _fail(svc, "clerk")
    assert "已锁定" in _fail(svc, "clerk", PASSWORD)  # even the right password, for a while
    hall.clock.now += timedelta(minutes=16)
    assert svc.login("clerk", PASSWORD).username == "clerk"


@pytest.mark.parametrize(("user", "password"), [
    ("clerk", None), (None, PASSWORD), (None, None), ("", ""), ("  ", PASSWORD), ("clerk", ""),
])
def test_missing_user_name_or_password_is_a_message(hall: Hall, user, password) -> None:  # type: ignore[no-untyped-def]
    svc = AuthService(hall.ctx)
    assert _fail(svc, user, password) == "请输入用户名和密码"
    assert svc.login("clerk", PASSWORD).username == "clerk"  # and counted no failure


def test_verify_a_co_signer_with_no_password(hall: Hall) -> None:
    with pytest.raises(LoginError, match="请输入用户名和密码"):
        AuthService(hall.ctx).verify("approver", None, "approver")
