"""Hostile ledger files never crash the importer: every outcome is a report or a message."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counter_app.services.intake.ledger_import import COLUMNS, LedgerFileError, import_ledger

from .conftest import Hall

HEADER = list(COLUMNS)
cells = st.one_of(st.text(max_size=30), st.integers(-10**12, 10**12).map(str),
                  st.sampled_from(["", "2026-11-02", "2026/13/40", "已受理", "clerk", "张伟",
                                   "11010519491231002X", "91110000600037341L"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=len(HEADER) + 2), max_size=6),
       header=st.one_of(st.just(HEADER), st.lists(st.sampled_from([*HEADER, "x"]), max_size=12)))
def test_random_csv_ledgers_never_raise(hall: Hall, tmp_path_factory, rows, header) -> None:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    path: Path = tmp_path_factory.mktemp("ledger") / "l.csv"
    path.write_text(buf.getvalue(), encoding="utf-8", errors="surrogatepass")
    try:
        result = import_ledger(hall.ctx, path)
    except LedgerFileError as exc:
        assert str(exc)
        return
    assert result.imported + result.already + len({p.row for p in result.problems}) <= len(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_as_xlsx_or_csv_never_raise(hall: Hall, tmp_path_factory, blob: bytes) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("blob")
    for name in ("x.xlsx", "x.csv"):
        path = folder / name
        path.write_bytes(blob)
        try:
            import_ledger(hall.ctx, path)
        except LedgerFileError as exc:
            assert str(exc)
