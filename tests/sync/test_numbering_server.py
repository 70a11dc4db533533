"""Numbers are taken with one upsert statement; it must work on both kinds of database."""

from __future__ import annotations

from datetime import date

from counter_app.models.database import Database
from counter_app.services.intake.numbering import KIND_BATCH, KIND_CASE, next_number, parse_number

from .hallkit import ServerTarget


def test_next_number_counts_per_kind_and_day(server: ServerTarget) -> None:
    db = Database(server.url)
    try:
        day, other = date(2026, 11, 27), date(2026, 11, 30)
        with db.transaction() as s:
            first = [next_number(s, day, KIND_CASE, "07") for _ in range(3)]
            batch = next_number(s, day, KIND_BATCH, "07")
            later = next_number(s, other, KIND_CASE, "07")
        with db.transaction() as s:
            again = next_number(s, day, KIND_CASE, "07")
        assert [parse_number(n).seq for n in first] == [1, 2, 3]
        assert parse_number(batch).seq == 1 and parse_number(later).seq == 1
        assert parse_number(again).seq == 4
        assert len({*first, batch, later, again}) == 6
    finally:
        db.dispose()
