"""Service methods that are operations: what a person did, sent to the hall service.

``@operation("handoff.decide")`` marks a service method. On an enrolled PC
(``ctx.records_ops``) a call records the operation (name, the staff member, the arguments
as JSON, one time) in the same transaction as its effects (``models/oplog.save_op``); the
hall service later runs the same method again, with its own database, the staff member's
rights as the hall knows them and custody as it is there (``replay``). Elsewhere, and
inside an operation already running, the method just runs.

Arguments travel as JSON. Dataclasses are rebuilt only from the classes named in
``ALLOWED``, and the signed-in person from the hall's own staff table, never from what the
PC says about their roles.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, TypeVar

from ..models.oplog import save_op
from ..models.opstate import OpState, active
from ..models.opstate import current as current_op
from .context import Actor, PermissionDenied

F = TypeVar("F", bound=Callable[..., Any])
OP_ATTR = "__counter_operation__"
# An operation that records a fact (a print happened, someone looked at a case) rather than
# asks for a change: the hall records it even if the person's account was deactivated since.
FACT_ATTR = "__counter_fact__"
LIVE_ATTR = "__counter_live__"  # answered by the hall service at once, never queued
ALLOWED: dict[str, type] = {}  # dataclass name -> class, filled by ``allow``


class OperationError(Exception):
    """An operation's record cannot be read back. The message is for the user."""


class RefusedByHall(PermissionDenied):
    """The hall service refused a write-through operation at once; the PC already shows the
    hall's data again. The message is the hall's reason, for the user."""


def allow(*classes: type) -> None:
    """Dataclasses that may travel as operation arguments."""
    for cls in classes:
        ALLOWED[cls.__name__] = cls


def encode(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Actor):
        return {"__actor__": value.staff_id}
    if isinstance(value, datetime):
        return {"__dt__": value.isoformat()}
    if isinstance(value, date):
        return {"__d__": value.isoformat()}
    if isinstance(value, tuple):
        return {"__t__": [encode(v) for v in value]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if ALLOWED.get(name) is not type(value):
            raise OperationError(f"参数类型“{name}”不能随操作发送")
        return {"__dc__": name,
                **{f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    if isinstance(value, Mapping):
        return {"__map__": {str(k): encode(v) for k, v in value.items()}}
    raise OperationError(f"参数类型“{type(value).__name__}”不能随操作发送")


def decode(value: Any, actor_of: Callable[[str], Actor]) -> Any:
    if isinstance(value, list):
        return [decode(v, actor_of) for v in value]
    if not isinstance(value, dict):
        return value
    if "__actor__" in value:
        return actor_of(value["__actor__"])
    if "__dt__" in value:
        return datetime.fromisoformat(value["__dt__"])
    if "__d__" in value:
        return date.fromisoformat(value["__d__"])
    if "__t__" in value:
        return tuple(decode(v, actor_of) for v in value["__t__"])
    if "__map__" in value:
        return {k: decode(v, actor_of) for k, v in value["__map__"].items()}
    if "__dc__" in value:
        cls = ALLOWED.get(value["__dc__"])
        if cls is None:
            raise OperationError(f"参数类型“{value['__dc__']}”不能随操作发送")
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: decode(v, actor_of) for k, v in value.items() if k in fields})
    raise OperationError("操作参数格式无效")


def operation(name: str, fact: bool = False, live: bool = False,
              through: bool = False) -> Callable[[F], F]:
    """``fact``: records something that already happened (see ``FACT_ATTR``). ``live``: on
    an enrolled PC the call is sent to the hall service and answered there at once
    (``ctx.live``), never run locally nor queued. For acts on something the whole hall
    shares at this moment (the queue): a local, optimistic answer could give two windows
    one ticket. ``through``: run and queued as usual, then, while the hall is reachable,
    sent at once and its answer awaited (``ctx.through``): the approver's sign, return and
    decide are on the hall before the call returns, and a refusal is the caller's error
    now; offline the act stays queued, as any other."""

    def wrap(fn: F) -> F:
        sig = inspect.signature(fn)

        @functools.wraps(fn)
        def run(self: Any, *args: Any, **kwargs: Any) -> Any:
            ctx = self.ctx
            if not ctx.records_ops or current_op() is not None:
                return fn(self, *args, **kwargs)
            bound = sig.bind(self, *args, **kwargs)
            actor = bound.arguments.get("actor")
            payload = {k: v for k, v in bound.arguments.items() if k not in ("self", "actor")}
            state = OpState(op_id=str(uuid.uuid4()), name=name,
                            staff_id=actor.staff_id if isinstance(actor, Actor) else "",
                            args=json.dumps(encode(payload), ensure_ascii=False, sort_keys=True),
                            at=ctx.clock(), terminal=ctx.terminal, save=save_op)
            if ctx.signer is not None and state.staff_id:
                ctx.signer.sign(state)  # the person's own key: the hall checks who did it
            if live:
                if ctx.live is None:
                    raise OperationError("本机已接入大厅服务：此操作须由大厅服务器即时办理，但本机未连接")
                state.save = None
                answer = ctx.live(state)
                if ctx.after_op is not None:
                    ctx.after_op()  # the hall's rows of the act come with the next pull
                return answer
            with active(state):
                result = fn(self, *args, **kwargs)
            if state.saved and through and ctx.through is not None:
                ctx.through(state)  # raises RefusedByHall with the hall's reason
            if state.saved and ctx.after_op is not None:
                ctx.after_op()
            return result

        setattr(run, OP_ATTR, name)
        setattr(run, FACT_ATTR, fact)
        setattr(run, LIVE_ATTR, live)
        return run  # type: ignore[return-value]  # functools.wraps keeps the signature

    return wrap


def registry(*service_classes: type) -> dict[str, tuple[type, str]]:
    """Operation name -> (service class, method name), from the marked methods."""
    out: dict[str, tuple[type, str]] = {}
    for cls in service_classes:
        for attr, member in vars(cls).items():
            name = getattr(member, OP_ATTR, None)
            if name:
                if name in out:  # a name replays one method only: two would be a silent bug
                    raise OperationError(f"操作名“{name}”重复：{out[name][0].__name__} 与 {cls.__name__}")
                out[name] = (cls, attr)
    return out


def is_live(ops: Mapping[str, tuple[type, str]], name: str) -> bool:
    if name not in ops:
        return False
    cls, attr = ops[name]
    return bool(getattr(getattr(cls, attr), LIVE_ATTR, False))


def replay(ctx: Any, ops: Mapping[str, tuple[type, str]], state: OpState,
           actor_of: Callable[[str], Actor],
           record_of: Callable[[str], Actor] | None = None) -> Any:
    """Run a recorded operation again (on the hall service), as ``state`` says.
    ``record_of`` finds the person for a fact (``operation(fact=True)``) even if their
    account is no longer active."""
    if state.name not in ops:
        raise OperationError(f"未知的操作“{state.name}”：请升级服务器")
    cls, attr = ops[state.name]
    if record_of is not None and getattr(vars(cls)[attr], FACT_ATTR, False):
        actor_of = record_of
    try:
        kwargs = decode(json.loads(state.args), actor_of)
    except (ValueError, TypeError) as exc:
        raise OperationError(f"操作“{state.name}”的参数无法读取：{exc}") from None
    method = getattr(cls(ctx), attr)
    if "actor" in inspect.signature(method).parameters:
        kwargs["actor"] = actor_of(state.staff_id)
    with active(state):
        return method(**kwargs)
