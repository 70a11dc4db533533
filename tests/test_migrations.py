"""Starting on an older database upgrades it in place, keeping its data."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from counter_app.bootstrap import open_database
from counter_app.models import Base
from counter_app.models.database import Database
from counter_app.models.migrate import SCRIPTS, current_revision, head_revision, upgrade


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path) -> None:
    script = ScriptDirectory(str(SCRIPTS))
    first = [r.revision for r in script.walk_revisions()][-1]
    assert first == "0001"
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db, first)
    assert current_revision(db) == first
    with db.engine.begin() as c:
        c.execute(text("INSERT INTO department (id, code, name, created_at, updated_at, "
                       "origin_terminal, phone) VALUES ('d1', 'SCJGJ', '县市场监督管理局', "
                       "'2026-01-01', '2026-01-01', '01', '')"))
    db.dispose()
    reopened = open_database(tmp_path.joinpath("..", tmp_path.name))  # what the app does
    reopened.dispose()
    db2 = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(db2)
    assert current_revision(db2) == head_revision()
    with db2.engine.connect() as c:
        assert c.execute(text("SELECT name FROM department WHERE id='d1'")).scalar_one() == \
            "县市场监督管理局"
    db2.dispose()


def test_head_schema_matches_models(tmp_path: Path) -> None:
    db = open_database(tmp_path)
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    db.dispose()


def test_migrations_produce_exactly_the_models(tmp_path: Path) -> None:
    """A model change without its migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []
