"""Making demo rows in a second process while this one writes them to SQLite.

Making the rows and SQLite's inserting them cost about the same, so on two cores a large
load takes half the time. The child gets a plain ``Plan`` and owns everything sequential
(the event chain, the number counters), so the rows are the same as made in-process; the
parent stays the only writer. A bounded queue keeps at most a few chunks in memory.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import sys
import traceback
from collections.abc import Iterator
from typing import Any

from .rows import Chunk, Plan, chunks

PARALLEL_FROM = 20_000  # below this a second interpreter's start-up costs more than it saves
_DEPTH = 2  # chunks made ahead of the writer


def _produce(plan: Plan, out: Any) -> None:
    try:
        for chunk in chunks(plan):
            out.put(("chunk", chunk))
        out.put(("done", None))
    except BaseException:  # reported to the parent, which raises
        out.put(("error", traceback.format_exc()))


def use_child(cases: int) -> bool:
    # A frozen counter-admin would need multiprocessing.freeze_support() in its entry point.
    return cases >= PARALLEL_FROM and not getattr(sys, "frozen", False)


def chunks_from_child(plan: Plan) -> Iterator[Chunk]:
    """``chunks(plan)``, made in a child process; the child is stopped if the caller stops."""
    ctx = mp.get_context("spawn")  # the same on Windows and Linux; no forked SQLite handles
    out = ctx.Queue(maxsize=_DEPTH)
    child = ctx.Process(target=_produce, args=(plan, out), name="demo-rows", daemon=True)
    child.start()
    try:
        while True:
            try:
                kind, value = out.get(timeout=5)
            except queue.Empty:
                if not child.is_alive():
                    raise RuntimeError(f"演示数据子进程意外退出（{child.exitcode}）") from None
                continue
            if kind == "chunk":
                yield value
            elif kind == "error":
                raise RuntimeError(f"演示数据子进程出错：\n{value}")
            else:
                break
        child.join()
    finally:
        if child.is_alive():
            child.terminate()
            child.join()
        out.close()
