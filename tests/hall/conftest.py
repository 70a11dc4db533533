"""A hall service per test (embedded SQLite unless a test asks for PostgreSQL), staffed
for one committed item: a clerk at its window, an approver of its department, one of
another department, a supervisor."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from counter_app.hall.store import Hall
from counter_app.services.catalog.store import current_versions
from tests.pgtest import PgServer, PgUnavailable

from .kit import OPEN_PCS, PC, HallServer


@dataclass
class Staffed:
    server: HallServer
    item_code: str
    window: str
    department: str
    other_department: str
    tmp: Path

    def pc(self, name: str, kind: str = "counter", window: str = "", department: str = "") -> PC:
        return PC(self.tmp / name, self.server).enroll(kind, window, department)


def _item(hall: Hall) -> tuple[str, str, str, str]:
    with hall.db.session() as s:
        versions = current_versions(s)
        v = next(v for v in versions if v.kind == "committed" and v.promised_days >= 3
                 and v.department_code and v.window_code)
        other = next(x.department_code for x in versions
                     if x.department_code and x.department_code != v.department_code)
        return v.code, v.window_code, v.department_code, other


@pytest.fixture(autouse=True)
def close_pcs() -> Iterator[None]:
    yield
    while OPEN_PCS:
        OPEN_PCS.pop().close()


@pytest.fixture(scope="session")
def hall_pg() -> Iterator[PgServer]:
    """One PostgreSQL 15 for the hall tests that want it (a database per test)."""
    try:
        server = PgServer().init().start()
    except PgUnavailable as exc:
        pytest.fail(f"cannot start the PostgreSQL test server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.cleanup()


_pg_names = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_staffed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Staffed]:
    """The same hall on the embedded SQLite and on PostgreSQL."""
    url = None
    if request.param == "postgresql":
        pg: PgServer = request.getfixturevalue("hall_pg")
        url = pg.create_database(f"hall{next(_pg_names)}")
    yield from staffed_hall(tmp_path, url)


@pytest.fixture()
def pg_staffed(tmp_path: Path, hall_pg: PgServer) -> Iterator[Staffed]:
    yield from staffed_hall(tmp_path, hall_pg.create_database(f"hall{next(_pg_names)}"))


@pytest.fixture()
def staffed(tmp_path: Path) -> Iterator[Staffed]:
    yield from staffed_hall(tmp_path, None)


def staffed_hall(tmp_path: Path, db_url: str | None) -> Iterator[Staffed]:
    """A started hall with the test item and its four people (also the hall benchmarks')."""
    server = HallServer(tmp_path / "server", db_url).init()
    hall = server.hall()
    code, window, dep, other = _item(hall)
    hall.db.dispose()
    server.add_staff("clerk", ["clerk"], window=window)
    server.add_staff("clerk2", ["clerk"], window=window)
    server.add_staff("approver", ["approver"], department=dep)
    server.add_staff("boss", ["supervisor"])
    server.start()
    try:
        yield Staffed(server, code, window, dep, other, tmp_path)
    finally:
        server.stop()
