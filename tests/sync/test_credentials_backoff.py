"""The stored server URL never shows its password; the retry schedule backs off and caps."""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.legacy_sync.credentials import KEY_FILE, SERVER_URL_KEY, load_server_url, store_server_url
from counter_app.models import Setting
from counter_app.models.database import Database
from counter_app.sync.backoff import next_delay
from counter_app.sync.connection import redact
from counter_app.sync.errors import SyncError

URL = "postgresql+psycopg://counter:S3cret-密码@10.0.0.5:5432/hall"


@pytest.fixture()
def local(tmp_path: Path, blank_db: Path) -> Database:
    target = tmp_path / "counter.sqlite3"
    target.write_bytes(blank_db.read_bytes())
    db = Database(f"sqlite:///{target}")
    yield db  # type: ignore[misc]
    db.dispose()


def stored(db: Database) -> str:
    with db.session() as s:
        return s.execute(select(Setting.value).where(Setting.key == SERVER_URL_KEY)).scalar_one()


def test_password_is_not_stored_in_plain_text(local: Database, tmp_path: Path) -> None:
    with local.transaction() as s:
        store_server_url(s, URL)
    raw = stored(local)
    assert "S3cret" not in raw and "10.0.0.5" not in raw and raw.startswith("protected:")
    assert b"S3cret" not in (tmp_path / "counter.sqlite3").read_bytes()
    with local.session() as s:
        assert load_server_url(s) == URL
    key = tmp_path / KEY_FILE
    assert key.exists()
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_tampered_or_foreign_secret_is_refused(local: Database, tmp_path: Path) -> None:
    with local.transaction() as s:
        store_server_url(s, URL)
    (tmp_path / KEY_FILE).write_text("00" * 32)  # another PC's key
    with local.session() as s, pytest.raises(SyncError, match="无法解密"):
        load_server_url(s)


def test_url_without_password_is_kept_readable(local: Database) -> None:
    plain = "sqlite:///D:/counter/shared.sqlite3"
    with local.transaction() as s:
        store_server_url(s, plain)
    assert stored(local) == plain
    with local.session() as s:
        assert load_server_url(s) == plain


def test_nothing_stored_reads_as_none(local: Database) -> None:
    with local.session() as s:
        assert load_server_url(s) is None


def test_redact_masks_the_password() -> None:
    assert "S3cret" not in redact(URL) and "10.0.0.5" in redact(URL)


def test_backoff_grows_caps_and_jitters_within_bounds() -> None:
    delays = [next_delay(n) for n in range(0, 12)]
    assert delays[0] == 0
    assert delays[1:6] == [5, 10, 20, 40, 80]
    assert max(delays) == 300
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert next_delay(3, u=0.0) == pytest.approx(16) and next_delay(3, u=1.0) == pytest.approx(24)
    assert next_delay(50, u=1.0) <= 300
