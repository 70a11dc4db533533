"""Schema migrations through Alembic, run programmatically at start-up and by the CLI.

The scripts live inside the package (``models/migrations``) so a frozen build carries them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .database import Database

SCRIPTS = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPTS))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@cache
def head_revision() -> str:
    script = ScriptDirectory(str(SCRIPTS))
    head = script.get_current_head()
    assert head is not None
    return head


def upgrade(db: Database, revision: str = "head") -> None:
    """Create or upgrade the schema in place; a no-op when already at ``revision``."""
    if revision == "head" and current_revision(db) == head_revision():
        return  # the usual opening: one query instead of loading every script (a sign-in waits)
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
