"""Who did it, provable after offline work: each operation is signed by the signed-in
person's own key, bound to them by the hall (at an online sign-in, or by a supervisor).

The attacks are what a clerk could do to her own PC: its database is hers to write. She
knows her own password, not her colleague's; she rewrites the queue of operations before
the PC sends it."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import select, text

from counter_app.hall.cli import main as server_main
from counter_app.models import CaseFile, HallOp, Staff, SyncOp
from counter_app.models.migrate import alembic_config, upgrade
from counter_app.services.people import op_signing
from counter_app.services.people.auth import AuthService

from .conftest import Staffed
from .kit import PASSWORD, PC, authorize, receive


def _staff_id(pc: PC, username: str) -> str:
    with pc.ctx.db.session() as s:
        return s.execute(select(Staff.id).where(Staff.username == username)).scalar_one()


def _pending(pc: PC) -> list[SyncOp]:
    with pc.ctx.db.session() as s:
        return list(s.execute(select(SyncOp).where(SyncOp.status == "pending")
                              .order_by(SyncOp.seq)).scalars())


def _rewrite(pc: PC, op: SyncOp, **values: str) -> None:
    with pc.ctx.db.engine.begin() as conn:
        sets = ", ".join(f"{k} = :{k}" for k in values)
        conn.execute(text(f"UPDATE sync_op SET {sets} WHERE op_id = :op_id"),
                     {**values, "op_id": op.op_id})


def _own_key(pc: PC, staff_id: str) -> op_signing.StaffKey:
    """The attacker's own key, opened with her own password from her PC's settings."""
    with pc.ctx.db.engine.connect() as conn:
        raw = conn.execute(text("SELECT value FROM setting WHERE key = :k"),
                           {"k": f"hall.staffkey.{staff_id}"}).scalar_one()
    key = op_signing.unwrap(staff_id, json.loads(raw), PASSWORD)
    assert key is not None
    return key


def _hall_ops(staffed: Staffed) -> dict[str, HallOp]:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return {o.op_id: o for o in s.execute(select(HallOp)).scalars()}
    finally:
        hall.db.dispose()


def _hall_has_case(staffed: Staffed, case_no: str) -> bool:
    hall = staffed.server.hall()
    try:
        with hall.db.session() as s:
            return s.execute(select(CaseFile.id).where(CaseFile.case_no == case_no)).first() is not None
    finally:
        hall.db.dispose()


def _setup(staffed: Staffed) -> tuple[PC, PC]:
    a, b = staffed.pc("counter-a"), staffed.pc("counter-b")
    boss = a.login("boss")
    authorize(a, boss, "clerk", staffed.window)
    authorize(a, boss, "clerk2", staffed.window)
    a.run()
    b.run()
    return a, b


def test_forged_operations_naming_a_colleague_are_refused(staffed: Staffed, capsys) -> None:  # type: ignore[no-untyped-def]
    a, b = _setup(staffed)
    clerk = a.login("clerk")  # online: her key on A is bound to her by the hall
    b.login("clerk2")  # her colleague works at B
    clerk_id, clerk2_id = _staff_id(a, "clerk"), _staff_id(a, "clerk2")

    genuine = receive(a, clerk, staffed.item_code)
    a.run()
    assert a.sync.refused() == [] and _hall_has_case(staffed, genuine), "the normal flow passes"

    # 1. Her own signed operation, renamed to her colleague: the signature is hers.
    renamed = receive(a, clerk, staffed.item_code, "李娜")
    (op1,) = _pending(a)
    _rewrite(a, op1, staff_id=clerk2_id)
    # 2. Renamed and signed again, with the only key she can open: her own.
    resigned = receive(a, clerk, staffed.item_code, "王芳")
    (op2,) = _pending(a)[1:]
    mine = _own_key(a, clerk_id)
    forged = op_signing.StaffKey(clerk2_id, mine.private)
    _rewrite(a, op2, staff_id=clerk2_id, sig=forged.sign(op2.op_id, op2.name, op2.args, op2.at))
    # 3. Renamed, the signature taken off.
    unsigned = receive(a, clerk, staffed.item_code, "赵磊")
    (op3,) = _pending(a)[2:]
    _rewrite(a, op3, staff_id=clerk2_id, key_id="", sig="")
    # 4. Her own operation with its arguments changed after she signed it.
    changed = receive(a, clerk, staffed.item_code, "孙丽")
    (op4,) = _pending(a)[3:]
    _rewrite(a, op4, args=op4.args.replace("孙丽", "周强"))

    a.run()
    reasons = {o.op_id: o.reason for o in a.sync.refused()}
    assert "签名却是测试clerk的" in reasons[op1.op_id] and "冒用" in reasons[op1.op_id]
    assert "签名却是测试clerk的" in reasons[op2.op_id]
    assert "没有测试clerk2的签名" in reasons[op3.op_id]
    assert "签名与内容不符" in reasons[op4.op_id]
    for case_no in (renamed, resigned, unsigned, changed):
        assert not _hall_has_case(staffed, case_no)
    on_hall = _hall_ops(staffed)
    assert all(on_hall[o.op_id].status == "refused" for o in (op1, op2, op3, op4))
    # Listed for the supervisor like every other refusal, with the reason in Chinese.
    assert server_main(["--data-dir", str(staffed.server.folder), "refused"]) == 0
    assert capsys.readouterr().out.count("冒用") == 2

    # 5. A key she invents for her colleague, offered as one made at an offline sign-in:
    # the PC's work waits (nothing is applied in the colleague's name) until a supervisor
    # decides; rejected, the operation is refused.
    fake = op_signing.new_key(clerk2_id)
    with a.ctx.db.engine.begin() as conn:
        conn.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                     {"k": f"hall.staffkey.{clerk2_id}",
                      "v": json.dumps({**op_signing.wrap(fake, "guess"), "bound": False})})
    invented = receive(a, clerk, staffed.item_code, "吴军")
    (op5,) = _pending(a)
    _rewrite(a, op5, staff_id=clerk2_id, key_id=fake.key_id,
             sig=fake.sign(op5.op_id, op5.name, op5.args, op5.at))
    errors = a.run(ok=False)
    assert any("离线登录" in e for e in errors), errors
    assert [o.op_id for o in _pending(a)] == [op5.op_id] and not _hall_has_case(staffed, invented)
    folder = str(staffed.server.folder)
    assert server_main(["--data-dir", folder, "staff-keys"]) == 0
    assert "测试clerk2" in capsys.readouterr().out
    assert server_main(["--data-dir", folder, "staff-keys", "--reject", fake.key_id[:12],
                        "--by", "boss"]) == 0
    a.run()
    assert "驳回" in {o.op_id: o.reason for o in a.sync.refused()}[op5.op_id]
    assert not _hall_has_case(staffed, invented)

    # Her own work goes on passing.
    later = receive(a, clerk, staffed.item_code, "郑洁")
    a.run()
    assert _hall_has_case(staffed, later)


def test_work_after_an_offline_sign_in_waits_for_its_key(staffed: Staffed, capsys) -> None:  # type: ignore[no-untyped-def]
    a, _b = _setup(staffed)
    staffed.server.stop()
    clerk, clerk2 = a.login("clerk"), a.login("clerk2")  # the hall is down: keys not bound
    first = receive(a, clerk, staffed.item_code)
    second = receive(a, clerk2, staffed.item_code, "李娜")
    staffed.server.start()

    errors = a.run(ok=False)
    assert any("离线登录" in e for e in errors), errors
    assert len(_pending(a)) == 2 and not _hall_has_case(staffed, first)

    # A supervisor, having asked her, approves the clerk's key on the server.
    folder = str(staffed.server.folder)
    assert server_main(["--data-dir", folder, "staff-keys"]) == 0
    listed = capsys.readouterr().out
    line = next(x for x in listed.splitlines() if x.split()[1] == "测试clerk")
    assert server_main(["--data-dir", folder, "staff-keys", "--approve", line.split()[0]]) == 2
    assert "--by" in capsys.readouterr().err
    assert server_main(["--data-dir", folder, "staff-keys", "--approve", line.split()[0],
                        "--by", "boss"]) == 0
    a.run(ok=False)  # the clerk's case goes; her colleague's still waits
    assert _hall_has_case(staffed, first) and not _hall_has_case(staffed, second)

    # The colleague signs in once while the hall is up: her key is bound, her work goes.
    a.login("clerk2")
    a.run()
    assert _hall_has_case(staffed, second) and _pending(a) == [] and a.sync.refused() == []


def test_a_pc_enrolled_before_signing_sends_its_old_queue_then_signs(staffed: Staffed) -> None:
    """Upgrading a hall: a PC's operations queued unsigned by its older version are taken, in
    order, until its first signed one; after that an unsigned one is refused again. A PC
    enrolled after the upgrade never has that allowance (the other test's op 3)."""
    a, _b = _setup(staffed)
    clerk = a.login("clerk")
    # The hall as it was before operations were signed (0015), upgraded by the real
    # migration: 0018 marks the PCs enrolled by then.
    staffed.server.stop()
    hall = staffed.server.hall()
    try:
        cfg = alembic_config(hall.db)
        with hall.db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0015")
        upgrade(hall.db)
    finally:
        hall.db.dispose()
    staffed.server.start()
    old_one = receive(a, clerk, staffed.item_code, "钱多")
    old_two = receive(a, clerk, staffed.item_code, "孙少")
    for op in _pending(a):  # as the older version queued them: no key, no signature
        _rewrite(a, op, key_id="", sig="")
    signed = receive(a, clerk, staffed.item_code, "周全")
    a.run()
    assert a.sync.refused() == []
    assert all(_hall_has_case(staffed, n) for n in (old_one, old_two, signed))

    late = receive(a, clerk, staffed.item_code, "吴用")
    (op,) = _pending(a)
    _rewrite(a, op, key_id="", sig="")
    a.run()
    assert "没有测试clerk的签名" in {o.op_id: o.reason for o in a.sync.refused()}[op.op_id]
    assert not _hall_has_case(staffed, late)


def test_a_restarted_pc_signs_only_after_a_sign_in_and_sends_its_queue_signed(
        staffed: Staffed) -> None:
    """The opened keys belong to the open context: a PC started again (a new context in the
    same process, as in a real restart) asks for the password before it signs. What was
    queued before the restart was signed then, in its row, and goes through."""
    a, _b = _setup(staffed)
    clerk = a.login("clerk")  # online: her key is bound
    staffed.server.stop()
    before = receive(a, clerk, staffed.item_code, "钱多")  # offline, signed as it is queued
    (queued,) = _pending(a)
    assert queued.key_id and queued.sig

    a.reopen()  # restarted: nobody has signed in on this context
    stale = receive(a, clerk, staffed.item_code, "孙少")  # the old sign-in opens nothing
    (unsigned,) = _pending(a)[1:]
    assert unsigned.key_id == "" and unsigned.sig == ""
    clerk = a.login("clerk")  # still offline: her key opens from this PC's settings
    after = receive(a, clerk, staffed.item_code, "周全")
    (signed,) = _pending(a)[2:]
    assert signed.key_id == queued.key_id and signed.sig

    staffed.server.start()
    a.reopen()  # restarted again before the sync: the queue needs no one signed in
    a.run()
    refused = {o.op_id: o.reason for o in a.sync.refused()}
    assert list(refused) == [unsigned.op_id] and "没有测试clerk的签名" in refused[unsigned.op_id]
    assert _hall_has_case(staffed, before) and _hall_has_case(staffed, after)
    assert not _hall_has_case(staffed, stale) and _pending(a) == []
    on_hall = _hall_ops(staffed)
    assert on_hall[queued.op_id].status == on_hall[signed.op_id].status == "done"


def test_a_person_who_signs_out_leaves_no_open_key(staffed: Staffed) -> None:
    """Switch user closes the leaving person's key on this PC: work done afterwards in their
    name (a forged actor, a stale screen) goes unsigned and the hall refuses it."""
    a, _b = _setup(staffed)
    clerk = a.login("clerk")
    AuthService(a.ctx).signed_out(clerk)
    stale = receive(a, clerk, staffed.item_code, "吴用")
    (unsigned,) = _pending(a)
    assert unsigned.key_id == "" and unsigned.sig == ""
    clerk = a.login("clerk")  # back at the PC: the key opens again
    back = receive(a, clerk, staffed.item_code, "卢俊")
    assert _pending(a)[1].sig
    a.run()
    assert [o.op_id for o in a.sync.refused()] == [unsigned.op_id]
    assert _hall_has_case(staffed, back) and not _hall_has_case(staffed, stale)
