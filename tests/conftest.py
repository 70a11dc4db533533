"""Shared fixtures: a fresh data folder with the shipped catalog and a few staff."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from counter_app.bootstrap import open_context
from counter_app.models import ItemVersion
from counter_app.paths import resource
from counter_app.services.catalog.exchange import load_catalog
from counter_app.services.catalog.store import current_versions, import_catalog
from counter_app.services.context import Actor, ServiceContext
from counter_app.services.intake.rules import set_training
from counter_app.services.people import auth

PASSWORD = "counter123"
T0 = datetime(2026, 11, 23, 9, 30)  # a Monday, with a known official calendar


GUI_FOLDERS = {"ui", "ui_settings", "handoff", "supervision"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns once per top-level window with a size hint.
    for item in items:
        if item.path.parent.name in GUI_FOLDERS:
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


@pytest.fixture(scope="session")
def shipped_catalog():  # type: ignore[no-untyped-def]
    return load_catalog(resource("catalog", "luoshan.yaml"))


class Clock:
    """A settable clock so tests decide what "now" is (and can make it wrong)."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Hall:
    ctx: ServiceContext
    clock: Clock
    clerk: Actor
    trainee: Actor
    approver: Actor
    supervisor: Actor
    committed: ItemVersion  # a committed item (承诺件) with an agent-conditional material
    immediate: ItemVersion  # an immediate item the front desk may finish


_TEMPLATES: dict[tuple[int, str], tuple[Path, dict]] = {}


def _build_template(folder: Path, catalog, terminal: str) -> dict:  # type: ignore[no-untyped-def]
    from counter_app.bootstrap import set_terminal_code

    ctx = open_context(folder)
    set_terminal_code(ctx.db, terminal)
    with ctx.db.transaction() as s:
        import_catalog(s, catalog, terminal=terminal)
        versions = current_versions(s)
        committed = next(v for v in versions if v.kind == "committed" and v.promised_days >= 3
                         and any(m.condition_key == "agent" for m in v.materials))
        finishable = [v for v in versions if v.kind == "immediate" and v.front_desk_can_finish]
        immediate = next((v for v in finishable if v.window_code == committed.window_code),
                         finishable[0])
        people = {}
        for username, roles in (("clerk", ["clerk"]), ("trainee", ["clerk"]),
                                ("approver", ["approver"]), ("boss", ["supervisor"])):
            people[username] = auth.add_user(s, username, f"测试{username}", PASSWORD, roles,
                                             window_code=committed.window_code, terminal=terminal)
        for win in {committed.window_code, immediate.window_code}:
            set_training(s, staff_id=people["clerk"].id, scope="window", scope_code=win,
                         stage="authorized", set_by_id=people["boss"].id, at=T0,
                         terminal=terminal)
        set_training(s, staff_id=people["trainee"].id, scope="window",
                     scope_code=committed.window_code, stage="phase2",
                     set_by_id=people["boss"].id, at=T0, terminal=terminal)
        s.flush()
        actors = {k: Actor.of(v, committed.window_code) for k, v in people.items()}
        s.expunge_all()
    ctx.db.dispose()  # the last connection closing folds the WAL into the file
    return {"actors": actors, "committed": committed, "immediate": immediate}


def make_hall(folder: Path, catalog, terminal: str = "01") -> Hall:  # type: ignore[no-untyped-def]
    """A data folder with the catalog, four staff and their training, at ``terminal``.

    Built once per (catalog, terminal) and copied: argon2 hashing and the catalog import
    cost seconds, and every test wants the same starting hall.
    """
    key = (id(catalog), terminal)
    if key not in _TEMPLATES:
        template = Path(tempfile.mkdtemp(prefix=f"counter-hall-{terminal}-"))
        _TEMPLATES[key] = (template, _build_template(template, catalog, terminal))
    template, info = _TEMPLATES[key]
    shutil.copytree(template, folder)
    ctx = open_context(folder)
    clock = Clock()
    ctx.clock = clock
    a = info["actors"]
    return Hall(ctx, clock, a["clerk"], a["trainee"], a["approver"], a["boss"],
                info["committed"], info["immediate"])


@pytest.fixture()
def hall(tmp_path: Path, shipped_catalog) -> Iterator[Hall]:  # type: ignore[no-untyped-def]
    h = make_hall(tmp_path / "data", shipped_catalog)
    yield h
    h.ctx.db.dispose()
