"""The throw-away PostgreSQL of the tests comes up even when another program takes the port
it chose before it binds it (postgres cannot bind port 0 and name it, tests/pgtest.py)."""

from __future__ import annotations

import socket

import psycopg

from tests.pgtest import BIND_FAILED, PgServer


def test_a_port_taken_before_postgres_binds_it_is_replaced() -> None:
    pg = PgServer()
    taken = pg.port
    try:
        with socket.create_server(("127.0.0.1", taken)):  # another program, in the gap
            pg.init().start()
        assert pg.port != taken
        assert BIND_FAILED in pg.log.read_text(errors="replace"), "the port was never taken"
        with psycopg.connect(host="127.0.0.1", port=pg.port, user="postgres",
                             dbname="postgres") as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
        # Once started, its port is what clients know it by: a restart keeps it.
        port = pg.port
        pg.stop()
        pg.start()
        assert pg.port == port
        pg.admin("SELECT 1")
    finally:
        pg.cleanup()
