"""A real PostgreSQL 15 server for the whole session, and a shared-database fixture that
runs each sync test against it and against a shared SQLite file.

The server is started here, as an unprivileged user when the run is root (CI). Missing
binaries fail the run loudly: nothing is skipped.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from counter_app.sync.server import init_server, renew_server_id
from tests.pgtest import PgServer, PgUnavailable

from .hallkit import ServerTarget, blank_local_db

TEMPLATE = "counter_template"
_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    try:
        server = PgServer().init().start()
    except PgUnavailable as exc:
        pytest.fail(f"cannot start the PostgreSQL test server: {exc}", pytrace=False)
    try:
        # One migrated database, cloned per test (CREATE DATABASE ... TEMPLATE: ~50 ms).
        init_server(server.create_database(TEMPLATE))
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def blank_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty counter database file to copy (see hallkit.make_counter)."""
    return blank_local_db(tmp_path_factory.mktemp("blank"))


@pytest.fixture(params=["postgresql", "sqlite"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerTarget]:
    if request.param == "postgresql":
        pg: PgServer = request.getfixturevalue("pg")
        name = f"t{next(_names)}"
        url = pg.create_database(name, template=TEMPLATE)
        renew_server_id(url)
        target = ServerTarget("postgresql", url, pg)
    else:
        url = f"sqlite:///{tmp_path / 'shared' / 'hall.sqlite3'}"
        init_server(url)
        target = ServerTarget("sqlite", url, None)
    yield target
    target.dispose()
    if target.pg is not None and target.pg.running:
        target.pg.drop_database(name)
